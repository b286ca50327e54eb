/*
** An HTTP client for the tests that drive a real server on 127.0.0.1
** (tests/unit/http_client.c, libcurl): requests, the login form with its
** pre-login CSRF cookie, the page's CSRF token, API tokens.
*/
#ifndef GIAMSAT_TEST_HTTP_CLIENT_H
#define GIAMSAT_TEST_HTTP_CLIENT_H

#include <stddef.h>

#include "util/util.h"

struct http_res {
	long status;
	struct sbuf body, head;
};

void http_res_release(struct http_res *r);
/*
** One request to 127.0.0.1:port. cookie: "a=b; c=d" or NULL; body: sent as
** given with content_type (NULL: form). extra: one more header line or NULL.
*/
void http_req(int port, struct http_res *r, const char *method, const char *path, const char *cookie, const char *ctype,
	      const char *body, size_t body_len, const char *extra);
void http_get(int port, struct http_res *r, const char *path, const char *cookie);
void http_post_form(int port, struct http_res *r, const char *path, const char *cookie, const char *form);
/* Value of a Set-Cookie for name in the response head, malloc'd, or NULL. */
char *http_set_cookie(const struct http_res *r, const char *name);
/* value="..." of the hidden csrf field in an HTML body, malloc'd, or NULL. */
char *http_csrf_field(const struct http_res *r);
/* Log in through the form; "gs_session=TOKEN" (malloc'd) or NULL; *status if not NULL. */
char *http_login(int port, const char *user, const char *pw, long *status);
/* The CSRF token of a signed-in page (from /tai-khoan), malloc'd. */
char *http_page_csrf(int port, const char *cookie);
/* A bearer token from POST /api/v1/session, malloc'd. */
char *http_api_token(int port, const char *user, const char *password);
void http_api_get(int port, struct http_res *r, const char *path, const char *tok);
/* The Location header of a response, malloc'd, or NULL when there is none. */
char *http_location(const struct http_res *r);
/*
** POST the urlencoded fields (NULL or "" for none) to path as cookie with the
** page's CSRF token (http_page_csrf) appended: "fields&csrf=TOKEN", or
** "csrf=TOKEN" alone. A missing token is a test failure (sent empty).
*/
void http_post_csrf(int port, struct http_res *r, const char *path, const char *cookie, const char *fields);
/* A file part of http_multipart. type: NULL for application/octet-stream. */
struct http_file {
	const char *field, *filename, *type;
	const void *data;
	size_t len;
};
/*
** A multipart/form-data body with boundary: the text fields (NULL-terminated
** name, value pairs; fields may be NULL), then the nfiles file parts, then the
** closing boundary. Returns it malloc'd and NUL-terminated, its length in *len.
*/
char *http_multipart(const char *boundary, const char *const *fields, const struct http_file *files, size_t nfiles,
		     size_t *len);

#endif
