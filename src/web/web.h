/*
** The web layer: requests in, responses out. Pages and API calls are plain
** functions from a struct req to a struct resp, so tests call them
** in-process (web_handle) or over a loopback socket (web_server_start).
** Only web/http.c knows libmicrohttpd.
**
** Request path: http.c fills a struct req (method, raw path and query,
** headers, body, client address, an arena) -> web_handle() parses query,
** form and cookies (invalid UTF-8: 400; text NFC-normalised), finds the
** session, routes, checks the CSRF token of every POST and the account's
** scope for every unit -> the page writes HTML through render/html.h or
** JSON -> web_handle() adds the security headers.
*/
#ifndef GIAMSAT_WEB_H
#define GIAMSAT_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "util/util.h"

struct store;

/* Request bodies larger than this are refused with 413. */
#define WEB_BODY_MAX (1u << 20)
/*
** ... except multipart/form-data (file uploads), which may carry one
** evidence file of up to ATTACHMENT_MAX (20 MiB) plus the form around it.
*/
#define WEB_UPLOAD_MAX ((20u << 20) + (256u << 10))
/* At most this many fields in a query, a form or a Cookie header. */
#define WEB_FIELDS_MAX 64

#define WEB_COOKIE_SESSION "gs_session"
#define WEB_COOKIE_LOGIN_CSRF "gs_login"

struct kv {
	const char *k, *v;
};

/* Name/value pairs in the request arena (later duplicates kept). */
struct kv_list {
	struct kv *v;
	size_t n, cap;
};

/* A file part of a multipart/form-data body (RFC 7578). */
struct upload {
	const char *name;         /* the form field's name (NFC) */
	const char *filename;     /* as sent, NFC, without any directory; may be "" */
	const char *content_type; /* as sent, or "application/octet-stream" */
	const char *data;         /* the bytes, inside the request body (not NUL-terminated) */
	size_t len;
};

struct upload_list {
	struct upload *v;
	size_t n, cap;
};

/* Server-wide settings and shared state. */
struct web {
	struct store *store;
	bool secure_cookies;   /* add Secure to cookies (served behind TLS) */
	unsigned cache_ttl_ms; /* unit data cached per thread this long (0: off) */
	const char *reuse_dir; /* the copy-detection index of the documents, or NULL */
};

/*
** Drop every cached unit (all threads). Call after a write that changes
** what a unit's page shows.
*/
void web_cache_invalidate(void);

struct req {
	struct web *app;
	struct arena *arena;
	uint64_t id;            /* request id for the log */
	const char *method;     /* "GET", "POST", ... */
	const char *path;       /* raw path, without the query */
	const char *query_raw;  /* after '?', or NULL */
	struct kv_list headers; /* names as sent; look up with req_header() */
	const char *body;       /* raw body (not NUL-terminated for binary) */
	size_t body_len;
	bool body_too_big; /* the adapter dropped a body over WEB_BODY_MAX */
	char addr[64];     /* client address, text */

	/* Filled by web_handle: */
	struct kv_list query, form, cookies;
	struct upload_list files; /* file parts of a multipart/form-data POST */
	bool authed;              /* a live session was found */
	struct account acct;      /* the account, when authed */
	const char *token;        /* the session token (web or API), when authed */
	char csrf[TOKEN_LEN + 1]; /* the web session's CSRF token */
};

struct resp {
	int status;
	const char *content_type; /* static string */
	struct kv_list headers;   /* extra headers (Location, Set-Cookie ...) */
	struct sbuf body;         /* malloc'd body, uncapped */
	const void *static_body;  /* or a body that outlives the server (assets) */
	size_t static_len;
	const char *log_note; /* short reason for the log line, static */
};

/* Prepare r for a request with arena a (which the caller owns). */
void req_init(struct req *r, struct web *app, struct arena *a);
void resp_init(struct resp *p);
void resp_release(struct resp *p);

/* Add a pair to a list, copying nothing (strings must outlive the request). */
void kv_add(struct kv_list *l, struct arena *a, const char *k, const char *v);
/* The first value of k (exact, or ASCII-case-insensitive for _ci), or NULL. */
const char *kv_get(const struct kv_list *l, const char *k);
const char *kv_get_ci(const struct kv_list *l, const char *k);

/*
** A file sent in field name of a multipart form, or NULL when there is
** none or the browser sent the field empty (no file chosen).
*/
const struct upload *req_file(const struct req *r, const char *name);

/* Header, query parameter, form field, cookie of r (NULL when absent). */
const char *req_header(const struct req *r, const char *name);
const char *req_query(const struct req *r, const char *name);
const char *req_param(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);

/*
** Parse application/x-www-form-urlencoded text (a query string or a form
** body) into l: '+' is a space, %XX decoded, names and values must be
** valid UTF-8 after decoding and are NFC-normalised. Strings live in a.
** APP_EINVAL on a bad %-escape or invalid UTF-8, APP_ETOOBIG past
** WEB_FIELDS_MAX fields. l may hold part of the fields on error.
*/
enum app_err web_parse_urlencoded(const char *s, size_t n, struct arena *a, struct kv_list *l);
/*
** Parse a Cookie header ("a=1; b=2") into l. Values are kept as sent
** (quotes stripped); a pair without '=' is skipped. APP_ETOOBIG past
** WEB_FIELDS_MAX cookies, APP_EINVAL on control characters.
*/
enum app_err web_parse_cookies(const char *s, size_t n, struct arena *a, struct kv_list *l);
/*
** Parse the body of POST /api/v1/session: a JSON object with string members
** "login" and "password" (other members ignored). Strings live in a (login
** NFC-normalised). APP_EINVAL with *why (Vietnamese, static) when the body
** is not such an object.
*/
enum app_err web_parse_login_json(const char *body, size_t n, struct arena *a, const char **login,
				  const char **password, const char **why);
/* The body limit for a request of this Content-Type (may be NULL). */
size_t web_body_max(const char *content_type);
/* True when content_type is multipart/form-data. */
bool web_is_multipart(const char *content_type);
/*
** Parse a multipart/form-data body (RFC 7578) whose Content-Type header is
** content_type (it carries the boundary). Text parts go into form like
** urlencoded fields (valid UTF-8, NFC); parts with a filename go into
** files, their data pointing into body, which must outlive them. Names
** and filenames are copied into a. APP_EINVAL for a missing or bad
** boundary, a part without a name, invalid UTF-8 in a text part, or a
** body that does not end with the closing delimiter; APP_ETOOBIG past
** WEB_FIELDS_MAX parts. form and files may hold part of the parts on error.
*/
enum app_err web_parse_multipart(const char *body, size_t n, const char *content_type, struct arena *a,
				 struct kv_list *form, struct upload_list *files);
/* Decode %XX in a path segment into a (NUL-terminated); NULL when bad. */
char *web_decode_path(const char *s, size_t n, struct arena *a);

/* Add a header to the response (name and value must outlive the request). */
void resp_header(struct resp *p, struct arena *a, const char *name, const char *value);
/* A 303 redirect to a local path. */
void resp_redirect(struct resp *p, struct arena *a, const char *location);
/* A Vietnamese error page (HTML) or, for /api/, a JSON error, for status. */
void web_error(struct req *r, struct resp *p, int status);
/* The same with a message of our own (Vietnamese, static or in the arena). */
void web_error_msg(struct req *r, struct resp *p, int status, const char *msg);
/* Map an error to its HTTP status and Vietnamese message (static). */
int web_err_status(enum app_err e);
const char *web_err_message(enum app_err e);
/* Vietnamese title of a status ("Không tìm thấy trang" ...); static. */
const char *web_status_title(int status);

/*
** Handle one request: parse, authenticate, route, render, and add the
** security headers. Never fails: errors become error responses. p must be
** resp_init'ed; the caller releases it.
*/
void web_handle(struct req *r, struct resp *p);

/* The security headers every response carries, as name/value pairs. */
extern const struct kv web_security_headers[];
extern const size_t web_security_headers_n;

/* ---- the server (web/http.c) ---- */

struct web_server;

struct web_server_opts {
	const char *listen; /* "ADDR:PORT" (IPv4 or [IPv6]); port 0: any free port */
	unsigned threads;   /* worker threads (0: 4) */
	unsigned timeout_s; /* idle connection timeout (0: 30) */
	bool quiet;         /* no request log lines (tests) */
	bool trust_proxy;   /* behind a reverse proxy on loopback: the client
				    address is its X-Real-IP header */
};

/* True when listen is "A.B.C.D:PORT" or "[IPv6]:PORT". */
bool web_listen_valid(const char *listen);

/*
** Start serving app on opts->listen in background threads. *port gets the
** port actually bound. APP_EINVAL for a bad address, APP_EIO when it cannot
** listen.
*/
enum app_err web_server_start(struct web *app, const struct web_server_opts *opts, struct web_server **out, int *port);
/* Stop accepting, finish the requests in flight, free everything. */
void web_server_stop(struct web_server *srv);

#endif
