/*
** The frame of every HTML page: doctype, <head> with the embedded style
** sheet and script (no inline script or style: the CSP forbids them), the
** top bar with the signed-in account and the logout form (with its CSRF
** token), and the footer. Pure output: no I/O, no SQL.
*/
#ifndef GIAMSAT_RENDER_LAYOUT_H
#define GIAMSAT_RENDER_LAYOUT_H

#include "model/account.h"
#include "render/html.h"

struct page_ctx {
	const char *title;          /* <title> and nothing else; Vietnamese */
	const struct account *acct; /* NULL: not signed in */
	const char *csrf;           /* the session's CSRF token when acct */
	const char *nav; /* "to-chuc", "chuong-trinh", "kiem-tra", "tai-khoan" or NULL: the current menu item */
};

/* Start a page: everything up to and including <main>. */
void page_begin(struct sbuf *b, const struct page_ctx *c);
/* Close <main>, the footer, </body></html>. */
void page_end(struct sbuf *b);

/* The hidden CSRF field every form carries. */
void page_csrf_field(struct sbuf *b, const char *csrf);

#endif
