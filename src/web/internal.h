/* Shared by the files of web/: handlers and helpers behind web_handle(). */
#ifndef GIAMSAT_WEB_INTERNAL_H
#define GIAMSAT_WEB_INTERNAL_H

#include "web/web.h"

/* Pages (web/pages.c): r is parsed; pages that need a session get one. */
void page_login_get(struct req *r, struct resp *p);
void page_login_post(struct req *r, struct resp *p);
void page_logout_post(struct req *r, struct resp *p);
void page_tree(struct req *r, struct resp *p);
void page_unit(struct req *r, struct resp *p, const char *code);
void page_account(struct req *r, struct resp *p);
void page_password_post(struct req *r, struct resp *p);

/* JSON API (web/api.c): path is what follows "/api/v1". */
void api_handle(struct req *r, struct resp *p, const char *path);

/* Static assets (web/assets.c): true when name is one (p filled). */
bool asset_serve(struct req *r, const char *name, struct resp *p);

/* Constant-time comparison of two NUL-terminated tokens. */
bool web_token_eq(const char *a, const char *b);
/* A Set-Cookie value for the session cookie (max_age 0: delete it). */
const char *web_cookie(struct req *r, const char *name, const char *value, long max_age);
/* The status for an error from the model, logged when it is a 500. */
void web_fail(struct req *r, struct resp *p, enum app_err e, const char *what);

#endif
