/*
** web_handle(): parse, authenticate, route, and add the security headers
** (see web.h for the request path).
*/
#include <sodium.h>
#include <strings.h>

#include "render/html.h"
#include "web/internal.h"

const struct kv web_security_headers[] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
};
const size_t web_security_headers_n = ARRAY_SIZE(web_security_headers);

bool web_token_eq(const char *a, const char *b)
{
	size_t n;

	if (!a || !b)
		return false;
	n = strlen(a);
	if (n == 0 || n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

const char *web_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	return arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name, value, max_age,
			    r->app->secure_cookies ? "; Secure" : "");
}

void resp_header(struct resp *p, struct arena *a, const char *name, const char *value)
{
	kv_add(&p->headers, a, name, value);
}

void resp_redirect(struct resp *p, struct arena *a, const char *location)
{
	p->status = 303;
	sbuf_reset(&p->body);
	resp_header(p, a, "Location", location);
}

void web_fail(struct req *r, struct resp *p, enum app_err e, const char *what)
{
	int status = web_err_status(e);

	if (status >= 500)
		log_error("web", "req=%llu what=%s err=%s", (unsigned long long)r->id, what, app_err_name(e));
	web_error_msg(r, p, status, status == 401 || status >= 500 ? NULL : web_err_message(e));
}

/* Find the web session of the cookie; r->authed tells. */
static void find_web_session(struct req *r)
{
	const char *tok = req_cookie(r, WEB_COOKIE_SESSION);

	if (!tok || strlen(tok) != TOKEN_LEN)
		return;
	if (web_session_lookup(r, tok, SESSION_WEB, &r->acct, r->csrf) == APP_OK) {
		r->authed = true;
		r->token = tok;
	}
}

/* Send a visitor without a session to the login page, back here after. */
static void to_login(struct req *r, struct resp *p)
{
	const char *next = r->path;

	if (r->query_raw && *r->query_raw)
		next = arena_printf(r->arena, "%s?%s", r->path, r->query_raw);
	struct sbuf b;
	sbuf_init(&b, 0);
	html_urlencode(&b, next, strlen(next));
	resp_redirect(p, r->arena, arena_printf(r->arena, "/dang-nhap?next=%s", b.buf ? b.buf : ""));
	sbuf_release(&b);
	p->log_note = "no-session";
}

bool web_need_session(struct req *r, struct resp *p)
{
	find_web_session(r);
	if (!r->authed) {
		to_login(r, p);
		return false;
	}
	if (strcmp(r->method, "POST") == 0 && !web_token_eq(req_param(r, "csrf"), r->csrf)) {
		p->log_note = "csrf";
		web_error_msg(r, p, 403,
			      "Mã bảo vệ (CSRF) của biểu mẫu thiếu hoặc không đúng. Hãy tải lại trang "
			      "và gửi lại.");
		return false;
	}
	return true;
}

static bool method_is(const struct req *r, const char *m)
{
	return strcmp(r->method, m) == 0;
}

void web_not_allowed(struct req *r, struct resp *p, const char *allow)
{
	web_error(r, p, 405);
	resp_header(p, r->arena, "Allow", allow);
}

/* Route a parsed request; HEAD is served as GET (libmicrohttpd drops the body). */
static void route(struct req *r, struct resp *p)
{
	const char *path = r->path;
	bool get = method_is(r, "GET") || method_is(r, "HEAD");
	bool post = method_is(r, "POST");

	if (strcmp(path, "/healthz") == 0) {
		if (!get) {
			web_not_allowed(r, p, "GET, HEAD");
		} else {
			p->content_type = "text/plain; charset=utf-8";
			sbuf_addstr(&p->body, "ok\n");
		}
	} else if (strncmp(path, "/static/", 8) == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (!asset_serve(r, path + 8, p))
			web_error(r, p, 404);
	} else if (strcmp(path, "/api/v1") == 0 || strncmp(path, "/api/v1/", 8) == 0) {
		api_handle(r, p, path + 7);
	} else if (strcmp(path, "/") == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else
			resp_redirect(p, r->arena, "/to-chuc");
	} else if (strcmp(path, "/dang-nhap") == 0) {
		if (get)
			page_login_get(r, p);
		else if (post)
			page_login_post(r, p);
		else
			web_not_allowed(r, p, "GET, HEAD, POST");
	} else if (strcmp(path, "/dang-xuat") == 0) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (web_need_session(r, p))
			page_logout_post(r, p);
	} else if (strcmp(path, "/to-chuc") == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_tree(r, p);
	} else if (strncmp(path, "/don-vi/", 8) == 0 && path[8]) {
		char *code = web_decode_path(path + 8, strlen(path + 8), r->arena);
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (!code)
			web_error(r, p, 400);
		else if (web_need_session(r, p))
			page_unit(r, p, code);
	} else if (strncmp(path, "/van-ban/", 9) == 0 && path[9]) {
		/* /van-ban/ID or /van-ban/ID/so-sanh/SOURCE_ID */
		char *id = arena_strdup(r->arena, path + 9), *cmp = strstr(id, "/so-sanh/");
		if (cmp) {
			*cmp = '\0';
			cmp += 9;
		}
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (strchr(id, '/') || (cmp && strchr(cmp, '/')))
			web_error(r, p, 404);
		else if (web_need_session(r, p)) {
			if (cmp)
				page_doc_compare(r, p, id, cmp);
			else
				page_doc(r, p, id);
		}
	} else if (strcmp(path, "/tai-khoan") == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_account(r, p);
	} else if (strcmp(path, "/tai-khoan/mat-khau") == 0) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (web_need_session(r, p))
			page_password_post(r, p);
	} else if (web_route_cascade(r, p) || web_route_progress(r, p) || web_route_inspect(r, p) ||
		   web_route_followup(r, p)) {
		/* handled */
	} else {
		find_web_session(r); /* so the 404 page shows the menu */
		web_error(r, p, 404);
	}
}

static bool is_form(const struct req *r)
{
	const char *ct = req_header(r, "Content-Type");

	return ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

void web_handle(struct req *r, struct resp *p)
{
	enum app_err e;
	const char *cookie = req_header(r, "Cookie");

	if (!r->path || r->path[0] != '/') {
		r->path = "/";
		web_error(r, p, 400);
		goto out;
	}
	if (r->body_too_big || r->body_len > web_body_max(req_header(r, "Content-Type"))) {
		p->log_note = "body-too-big";
		web_error(r, p, 413);
		goto out;
	}
	if (r->query_raw &&
	    (e = web_parse_urlencoded(r->query_raw, strlen(r->query_raw), r->arena, &r->query)) != APP_OK) {
		p->log_note = "bad-query";
		web_error(r, p, 400);
		goto out;
	}
	if (cookie && web_parse_cookies(cookie, strlen(cookie), r->arena, &r->cookies) != APP_OK) {
		p->log_note = "bad-cookie";
		r->cookies.n = 0;
		web_error(r, p, 400);
		goto out;
	}
	if (method_is(r, "POST") && is_form(r) && r->body_len &&
	    web_parse_urlencoded(r->body, r->body_len, r->arena, &r->form) != APP_OK) {
		p->log_note = "bad-form";
		web_error(r, p, 400);
		goto out;
	}
	if (method_is(r, "POST") && web_is_multipart(req_header(r, "Content-Type")) &&
	    (e = web_parse_multipart(r->body ? r->body : "", r->body_len, req_header(r, "Content-Type"), r->arena,
				     &r->form, &r->files)) != APP_OK) {
		p->log_note = "bad-multipart";
		web_error_msg(r, p, e == APP_ETOOBIG ? 413 : 400,
			      e == APP_ETOOBIG
				      ? "Biểu mẫu có quá nhiều trường."
				      : "Dữ liệu biểu mẫu (multipart/form-data) không đọc được: "
					"thiếu ranh giới, thiếu tên trường, bị cắt cụt hoặc không phải UTF-8.");
		goto out;
	}
	route(r, p);
out:
	for (size_t i = 0; i < web_security_headers_n; i++)
		resp_header(p, r->arena, web_security_headers[i].k, web_security_headers[i].v);
	if (!kv_get_ci(&p->headers, "Cache-Control"))
		resp_header(p, r->arena, "Cache-Control", "no-store");
}
