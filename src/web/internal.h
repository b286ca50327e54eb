/* Shared by the files of web/: handlers and helpers behind web_handle(). */
#ifndef GIAMSAT_WEB_INTERNAL_H
#define GIAMSAT_WEB_INTERNAL_H

#include "model/doc.h"
#include "model/event.h"
#include "model/unit.h"
#include "web/web.h"

/* What a unit's page and the API read about one unit (web/cache.c). */
struct unit_data {
	struct arena arena; /* owns the strings when cached */
	struct unit u;
	struct unit_list path, kids, preds, succs;
	struct doc_list docs;
	struct event_list events;
};

/*
** The data of unit code: from this thread's cache when fresh (see
** cache.c), else read from the model. Without full (the API), only u and
** kids are sure to be filled. APP_ENOTFOUND for an unknown code.
** Read-only; valid until the request ends. Does no access check.
*/
enum app_err web_unit_data(struct req *r, const char *code, bool full, const struct unit_data **out);

/* Pages (web/pages.c): r is parsed; pages that need a session get one. */
void page_login_get(struct req *r, struct resp *p);
void page_login_post(struct req *r, struct resp *p);
void page_logout_post(struct req *r, struct resp *p);
void page_tree(struct req *r, struct resp *p);
void page_unit(struct req *r, struct resp *p, const char *code);
void page_account(struct req *r, struct resp *p);
void page_password_post(struct req *r, struct resp *p);

/* A document's page, its side-by-side view of a source, its copy report as JSON (page_doc.c). */
void page_doc(struct req *r, struct resp *p, const char *id);
void page_doc_compare(struct req *r, struct resp *p, const char *id, const char *source_id);
void api_doc_reuse(struct req *r, struct resp *p, const char *id);

/* A directive's page: its indicators and the coverage of subordinates (page_cascade.c). */
void page_directive(struct req *r, struct resp *p, const char *id);
/* A plan's page and its state changes: action "gui", "tra-lai" or "chap-thuan" (page_cascade.c). */
void page_plan(struct req *r, struct resp *p, const char *id);
void page_plan_post(struct req *r, struct resp *p, const char *id, const char *action);
/* GET /api/v1/plans/ID (page_cascade.c). */
void api_plan_get(struct req *r, struct resp *p, const char *id);

/* JSON API (web/api.c): path is what follows "/api/v1". */
void api_handle(struct req *r, struct resp *p, const char *path);
/* Find the API caller (bearer token, or for GET the web session cookie); false: a 401 is in p. */
bool api_authenticate(struct req *r, struct resp *p);
/* Send o (a new jansson reference, stolen) with status. */
struct json_t;
void api_send_json(struct resp *p, int status, struct json_t *o);
/* json_string(s), or json_null() for NULL. */
struct json_t *api_jstr(const char *s);

/*
** A page behind the login: true when it may go on (session found, and
** for a POST the CSRF token matches); else p holds the redirect or 403.
*/
bool web_need_session(struct req *r, struct resp *p);
/* 405 with the Allow header. */
void web_not_allowed(struct req *r, struct resp *p, const char *allow);

/*
** Routing by module: true when the path is the module's (p is then
** filled), false to let web_handle() go on. The pages take r->path; the
** API takes what follows "/api/v1".
*/
bool web_route_cascade(struct req *r, struct resp *p); /* route_cascade.c */
bool api_route_cascade(struct req *r, struct resp *p, const char *path);
bool web_route_progress(struct req *r, struct resp *p); /* route_progress.c */
bool api_route_progress(struct req *r, struct resp *p, const char *path);
bool web_route_inspect(struct req *r, struct resp *p); /* route_inspect.c */
bool api_route_inspect(struct req *r, struct resp *p, const char *path);
bool web_route_followup(struct req *r, struct resp *p); /* route_followup.c */
bool api_route_followup(struct req *r, struct resp *p, const char *path);

/*
** Sections of a unit's page (/don-vi/CODE) after its subordinate units:
** its plans and indicators (route_progress.c), its open findings and
** inspections (route_followup.c). u is the unit being shown; the caller
** has checked that r's account may read it.
*/
void unit_section_cascade(struct req *r, struct sbuf *b, const struct unit *u);
void unit_section_inspect(struct req *r, struct sbuf *b, const struct unit *u);

/*
** The cache generation (cache.c): it changes whenever web_cache_invalidate()
** runs, so a module that keeps its own per-thread cache of what a unit's
** page shows drops it at the same moment as the unit data.
*/
uint64_t web_cache_generation(void);

/* Static assets (web/assets.c): true when name is one (p filled). */
bool asset_serve(struct req *r, const char *name, struct resp *p);

/*
** session_lookup() through this thread's short-lived cache (cache.c):
** APP_OK fills *acct (strings in r->arena) and csrf (may be NULL).
*/
enum app_err web_session_lookup(struct req *r, const char *token, enum session_kind kind, struct account *acct,
				char csrf[TOKEN_LEN + 1]);

/*
** access_can_read() for r's account through this thread's short-lived
** cache (cache.c). *ok false when r has no account.
*/
enum app_err web_can_read(struct req *r, int64_t unit_id, bool *ok);

/* Constant-time comparison of two NUL-terminated tokens. */
bool web_token_eq(const char *a, const char *b);
/* A Set-Cookie value for the session cookie (max_age 0: delete it). */
const char *web_cookie(struct req *r, const char *name, const char *value, long max_age);
/* The status for an error from the model, logged when it is a 500. */
void web_fail(struct req *r, struct resp *p, enum app_err e, const char *what);

#endif
