/*
** HTTP tests: a real server on 127.0.0.1 port 0 (web_server_start) on a
** fresh database, driven with libcurl. Named db_http_* so that they run on
** SQLite and again on PostgreSQL.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "model/account.h"
#include "model/doc.h"
#include "model/doc_reuse.h"
#include "model/event.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"
#include "web/web.h"

#define PW FX_PW

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
};

static bool fx_start_opts(struct fx *f, unsigned cache_ms, bool trust_proxy)
{
	static const struct fx_unit units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY, false },
		{ "W1", "Đảng ủy phường Hoàn Kiếm", "TU", NULL, UNIT_COMMUNE, false },
		{ "W2", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE, true },
		{ "D1-2025", "Huyện ủy Thường Tín", "TU", "2025-06-30", UNIT_DISTRICT, false },
		{ "C1-2025", "Đảng ủy xã <b>Nhị Khê</b> & \"Văn Bình\"", "D1-2025", "2025-06-30", UNIT_COMMUNE, false },
	};
	static const struct fx_acct accts[] = {
		{ "admin", ROLE_ADMIN, "TU", NULL },
		{ "hoankiem", ROLE_STAFF, "W1", NULL },
		{ "thuongtin", ROLE_STAFF, "W2", NULL },
	};
	struct arena a;
	struct unit d, w;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	arena_init(&a);
	CHECK_INT(unit_get_by_code(f->s, &a, "D1-2025", &d), APP_OK);
	CHECK_INT(unit_get_by_code(f->s, &a, "W2", &w), APP_OK);
	CHECK_INT(unit_add_successor(f->s, d.id, w.id, true), APP_OK);
	arena_release(&a);
	f->app.store = f->s;
	f->app.cache_ttl_ms = cache_ms;
	f->app.reuse_dir = arena_printf(&f->arena, "%s/reuse", test_tmpdir());
	return fx_serve(&f->app, trust_proxy, &f->srv, &f->port);
}

static bool fx_start_cache(struct fx *f, unsigned cache_ms)
{
	return fx_start_opts(f, cache_ms, false);
}

static bool fx_start(struct fx *f)
{
	return fx_start_opts(f, 0, false);
}

static void fx_stop(struct fx *f)
{
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

static int64_t count_sessions(struct fx *f)
{
	static struct query Q = { "SELECT COUNT(*) FROM session", NULL, 0 };
	struct stmt *st = conn_stmt(store_conn(f->s), &Q);
	bool row;
	int64_t n = -1;

	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

static char *attempt_addrs(struct fx *f)
{
	static struct query Q = { "SELECT addr FROM login_attempt ORDER BY id", NULL, 0 };
	struct stmt *st = conn_stmt(store_conn(f->s), &Q);
	struct sbuf b;
	bool row;

	sbuf_init(&b, 0);
	while (stmt_step(st, &row) == APP_OK && row)
		sbuf_addf(&b, "%s,", stmt_col_text(st, 0));
	stmt_done(st);
	return sbuf_detach(&b, NULL);
}

TEST(db_http_healthz_headers_errors)
{
	struct fx f;
	struct http_res r;

	if (!fx_start(&f))
		return;
	http_get(f.port, &r, "/healthz", NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body.buf, "ok\n");
	CHECK_CONTAINS(r.head.buf, "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; "
				   "form-action 'self'; base-uri 'none'\r\n");
	CHECK_CONTAINS(r.head.buf, "X-Content-Type-Options: nosniff\r\n");
	CHECK_CONTAINS(r.head.buf, "Referrer-Policy: same-origin\r\n");
	CHECK_CONTAINS(r.head.buf, "X-Frame-Options: DENY\r\n");
	http_res_release(&r);

	http_get(f.port, &r, "/khong-co-trang-nay", NULL);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "<html lang=\"vi\">");
	CHECK_CONTAINS(r.body.buf, "Không tìm thấy trang");
	CHECK_CONTAINS(r.head.buf, "X-Frame-Options: DENY");
	http_res_release(&r);

	http_req(f.port, &r, "PUT", "/to-chuc", NULL, NULL, NULL, 0, NULL);
	CHECK_INT(r.status, 405);
	CHECK_CONTAINS(r.body.buf, "Phương thức không được hỗ trợ");
	CHECK_CONTAINS(r.head.buf, "Allow: GET, HEAD");
	http_res_release(&r);

	/* without --trust-proxy, X-Real-IP is ignored (a client could forge it) */
	static const char wrong[] = "{\"login\":\"admin\",\"password\":\"sai-mat-khau-1\"}";
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", wrong, strlen(wrong),
		 "X-Real-IP: 10.1.2.3");
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	{
		char *addrs = attempt_addrs(&f);
		CHECK_STR(addrs, "127.0.0.1,");
		free(addrs);
	}

	http_get(f.port, &r, "/static/app.js", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "Content-Type: text/javascript");
	CHECK_CONTAINS(r.body.buf, "textContent");
	CHECK_CONTAINS(r.head.buf, "Cache-Control: no-cache");
	{
		const char *et = strstr(r.head.buf, "ETag: ");
		char *tag = et ? xstrndup(et + 6, strcspn(et + 6, "\r\n")) : NULL;
		char *h = xasprintf("If-None-Match: %s", tag ? tag : "");
		http_res_release(&r);
		http_req(f.port, &r, "GET", "/static/app.js", NULL, NULL, NULL, 0, h);
		CHECK_INT(r.status, 304);
		CHECK(r.body.len == 0);
		free(h);
		free(tag);
	}
	http_res_release(&r);

	/* pages behind the login send the visitor to it, remembering where */
	http_get(f.port, &r, "/don-vi/W1", NULL);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /dang-nhap?next=%2Fdon-vi%2FW1\r\n");
	http_res_release(&r);
	fx_stop(&f);
}

TEST(db_http_login_logout)
{
	struct fx f;
	struct http_res r;
	long st = 0;
	char *sess, *csrf, *form;

	if (!fx_start(&f))
		return;
	/* wrong password: 401, the form again with a Vietnamese message, no session */
	CHECK(http_login(f.port, "admin", "sai-mat-khau-1", &st) == NULL);
	CHECK_INT(st, 401);
	CHECK_INT(count_sessions(&f), 0);

	sess = http_login(f.port, "admin", PW, &st);
	CHECK_INT(st, 303);
	CHECK(sess != NULL);
	CHECK_INT(count_sessions(&f), 1);

	/* the cookie's attributes */
	{
		struct http_res l;
		http_get(f.port, &l, "/dang-nhap", NULL);
		char *pre = http_set_cookie(&l, WEB_COOKIE_LOGIN_CSRF), *c = http_csrf_field(&l);
		char *ck = xasprintf("%s=%s", WEB_COOKIE_LOGIN_CSRF, pre);
		char *fm = xasprintf("login=admin&password=%s&csrf=%s&next=%%2Fdon-vi%%2FW2", PW, c);
		http_res_release(&l);
		http_post_form(f.port, &l, "/dang-nhap", ck, fm);
		CHECK_INT(l.status, 303);
		CHECK_CONTAINS(l.head.buf, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=");
		CHECK_CONTAINS(l.head.buf, "Location: /don-vi/W2\r\n");
		http_res_release(&l);
		/* an open redirect is refused: next must be a local path */
		free(fm);
		fm = xasprintf("login=admin&password=%s&csrf=%s&next=%%2F%%2Fevil.example", PW, c);
		http_post_form(f.port, &l, "/dang-nhap", ck, fm);
		CHECK_CONTAINS(l.head.buf, "Location: /to-chuc\r\n");
		http_res_release(&l);
		free(fm);
		free(ck);
		free(pre);
		free(c);
	}

	http_get(f.port, &r, "/to-chuc", sess);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Thành ủy Hà Nội");
	CHECK_CONTAINS(r.body.buf, "Đăng xuất");
	/* the former district has children: a closed <details> the script fills */
	CHECK_CONTAINS(r.body.buf, "<details data-code=\"D1-2025\">");
	http_res_release(&r);

	http_get(f.port, &r, "/tai-khoan", sess);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Quản trị viên");
	http_res_release(&r);

	/* logout: needs the CSRF token; then the session is gone */
	csrf = http_page_csrf(f.port, sess);
	CHECK(csrf != NULL);
	form = xasprintf("csrf=%s", csrf);
	http_post_form(f.port, &r, "/dang-xuat", sess, form);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /dang-nhap");
	http_res_release(&r);
	http_get(f.port, &r, "/to-chuc", sess);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(form);
	free(csrf);
	free(sess);
	fx_stop(&f);
}

TEST(db_http_login_throttled)
{
	struct fx f;
	long st = 0;
	char *s;

	if (!fx_start(&f))
		return;
	for (int i = 0; i < 5; i++) {
		CHECK(http_login(f.port, "hoankiem", "sai-mat-khau-1", &st) == NULL);
		CHECK_INT(st, 401);
	}
	/* now even the right password is refused for a while */
	s = http_login(f.port, "hoankiem", PW, &st);
	CHECK(s == NULL);
	CHECK_INT(st, 429);
	free(s);
	{
		struct http_res r;
		char *body = xasprintf("{\"login\":\"hoankiem\",\"password\":\"%s\"}", PW);
		http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", body, strlen(body), NULL);
		CHECK_INT(r.status, 429);
		CHECK_CONTAINS(r.body.buf, "\"code\":\"throttled\"");
		http_res_release(&r);
		free(body);
	}
	/* another account is not affected */
	s = http_login(f.port, "thuongtin", PW, &st);
	CHECK(s != NULL);
	free(s);
	CHECK_INT(count_sessions(&f), 1);
	fx_stop(&f);
}

TEST(db_http_expired_and_unknown_sessions)
{
	static struct query Q_EXPIRE = { "UPDATE session SET expires_at = 1", NULL, 0 };
	struct fx f;
	struct http_res r;
	char *sess, *tok;

	if (!fx_start(&f))
		return;
	http_get(f.port, &r, "/to-chuc", "gs_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /dang-nhap?next=%2Fto-chuc");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	CHECK_INT(r.status, 401);
	CHECK_CONTAINS(r.head.buf, "WWW-Authenticate: Bearer");
	CHECK_CONTAINS(r.body.buf, "\"code\":\"unauthorized\"");
	http_res_release(&r);

	sess = http_login(f.port, "admin", PW, NULL);
	tok = http_api_token(f.port, "admin", PW);
	http_get(f.port, &r, "/to-chuc", sess);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1", tok);
	CHECK_INT(r.status, 200);
	http_res_release(&r);

	stmt_exec(conn_stmt(store_conn(f.s), &Q_EXPIRE), NULL);
	http_get(f.port, &r, "/don-vi/W1", sess);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /dang-nhap?next=%2Fdon-vi%2FW1");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1", tok);
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	/* an expired session posting a form is sent to the login page too, and nothing happens */
	http_post_form(f.port, &r, "/tai-khoan/mat-khau", sess, "current=x&new=y&again=y&csrf=z");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(sess);
	free(tok);
	fx_stop(&f);
}

TEST(db_http_csrf)
{
	struct fx f;
	struct http_res r;
	char *sess, *csrf, *form;
	struct arena a;
	struct account acct;

	if (!fx_start(&f))
		return;
	/* the login form itself: without its token, or with another, refused */
	http_post_form(f.port, &r, "/dang-nhap", NULL, "login=admin&password=" PW);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "CSRF");
	http_res_release(&r);
	http_post_form(f.port, &r, "/dang-nhap", "gs_login=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		       "login=admin&password=" PW "&csrf=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count_sessions(&f), 0);

	sess = http_login(f.port, "thuongtin", PW, NULL);
	csrf = http_page_csrf(f.port, sess);
	CHECK(sess && csrf);

	/* logout without / with a wrong token: 403, session still alive */
	http_post_form(f.port, &r, "/dang-xuat", sess, "");
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "Mã bảo vệ (CSRF)");
	http_res_release(&r);
	http_post_form(f.port, &r, "/dang-xuat", sess, "csrf=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count_sessions(&f), 1);
	http_get(f.port, &r, "/to-chuc", sess);
	CHECK_INT(r.status, 200);
	http_res_release(&r);

	/* password change without the token: refused, the old password still works */
	http_post_form(f.port, &r, "/tai-khoan/mat-khau", sess,
		       "current=" PW "&new=Mat-khau-moi-9&again=Mat-khau-moi-9");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	arena_init(&a);
	CHECK_INT(account_login(f.s, &a, "thuongtin", PW, "test", &acct), APP_OK);

	/* with the token but a wrong current password: refused */
	form = xasprintf("current=sai-roi-123&new=Mat-khau-moi-9&again=Mat-khau-moi-9&csrf=%s", csrf);
	http_post_form(f.port, &r, "/tai-khoan/mat-khau", sess, form);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "Mật khẩu hiện tại không đúng");
	http_res_release(&r);
	free(form);
	/* mismatched repetition */
	form = xasprintf("current=%s&new=Mat-khau-moi-9&again=Mat-khau-moi-8&csrf=%s", PW, csrf);
	http_post_form(f.port, &r, "/tai-khoan/mat-khau", sess, form);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	free(form);
	CHECK_INT(account_login(f.s, &a, "thuongtin", PW, "test", &acct), APP_OK);

	/* everything right: changed */
	form = xasprintf("current=%s&new=Mat-khau-moi-9&again=Mat-khau-moi-9&csrf=%s", PW, csrf);
	http_post_form(f.port, &r, "/tai-khoan/mat-khau", sess, form);
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /tai-khoan?da-doi=1");
	/* the old sessions end with the old password; this browser gets a new one */
	char *fresh = http_set_cookie(&r, WEB_COOKIE_SESSION);
	http_res_release(&r);
	free(form);
	CHECK(fresh && strlen(fresh) == TOKEN_LEN);
	http_get(f.port, &r, "/to-chuc", sess);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(sess);
	sess = xasprintf("%s=%s", WEB_COOKIE_SESSION, fresh ? fresh : "");
	free(fresh);
	http_get(f.port, &r, "/tai-khoan?da-doi=1", sess);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đã đổi mật khẩu.");
	http_res_release(&r);
	CHECK_INT(account_login(f.s, &a, "thuongtin", "Mat-khau-moi-9", "test", &acct), APP_OK);
	CHECK_INT(account_login(f.s, &a, "thuongtin", PW, "test", &acct), APP_EAUTH);
	arena_release(&a);

	/* every form on the account page carries the token */
	http_get(f.port, &r, "/tai-khoan", sess);
	CHECK_INT(r.status, 200);
	if (r.body.buf) {
		size_t forms = 0, tokens = 0;
		for (const char *p = r.body.buf; (p = strstr(p, "<form method=\"post\"")); p++)
			forms++;
		for (const char *p = r.body.buf; (p = strstr(p, "name=\"csrf\"")); p++)
			tokens++;
		CHECK_INT(forms, 2);
		CHECK_INT(tokens, forms);
	}
	http_res_release(&r);
	free(csrf);
	free(sess);
	fx_stop(&f);
}

TEST(db_http_scope)
{
	struct fx f;
	struct http_res r;
	char *ward, *admin, *tok;

	if (!fx_start(&f))
		return;
	ward = http_login(f.port, "hoankiem", PW, NULL);
	CHECK(ward != NULL);
	http_get(f.port, &r, "/don-vi/W1", ward);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "<h1>Đảng ủy phường Hoàn Kiếm");
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/W2", ward);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "không có quyền");
	CHECK(!strstr(r.body.buf, "Thường Tín"));
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/D1-2025", ward);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/KHONG-CO", ward);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	/* search stays inside the scope */
	http_get(f.port, &r, "/to-chuc?q=thuong+tin", ward);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body.buf, "/don-vi/W2"));
	http_res_release(&r);

	tok = http_api_token(f.port, "hoankiem", PW);
	http_api_get(f.port, &r, "/api/v1/units/W2", tok);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "{\"error\":{\"code\":\"forbidden\",\"message\":\"");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1", tok);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units?q=thuong%20tin", tok);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body.buf, "{\"units\":[]}\n");
	http_res_release(&r);
	free(tok);

	/* Thường Tín's staff read the old district that merged into their commune */
	char *tt = http_login(f.port, "thuongtin", PW, NULL);
	http_get(f.port, &r, "/to-chuc", tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đơn vị tiền thân đã sáp nhập vào Đảng ủy xã Thường Tín (1)");
	CHECK_CONTAINS(r.body.buf, "<details data-code=\"D1-2025\">");
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/D1-2025", tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đơn vị kế thừa");
	http_res_release(&r);
	free(tt);

	/* the admin sees everything, and search ignores diacritics */
	admin = http_login(f.port, "admin", PW, NULL);
	http_get(f.port, &r, "/to-chuc?q=thuong+tin", admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "<a href=\"/don-vi/W2\">Đảng ủy xã Thường Tín</a>");
	CHECK_CONTAINS(r.body.buf, "<a href=\"/don-vi/D1-2025\">Huyện ủy Thường Tín</a>");
	CHECK_CONTAINS(r.body.buf, "value=\"thuong tin\"");
	http_res_release(&r);
	http_get(f.port, &r, "/to-chuc?q=HOAN%20KIEM", admin);
	CHECK_CONTAINS(r.body.buf, "Đảng ủy phường Hoàn Kiếm");
	http_res_release(&r);
	/* the tree's script may read the API with the session cookie (GET only) */
	http_req(f.port, &r, "GET", "/api/v1/units/D1-2025", admin, NULL, NULL, 0, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"children\":[{\"code\":\"C1-2025\"");
	http_res_release(&r);
	http_req(f.port, &r, "DELETE", "/api/v1/session", admin, NULL, NULL, 0, NULL);
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	free(admin);
	free(ward);
	fx_stop(&f);
}

TEST(db_http_unit_page)
{
	struct fx f;
	struct http_res r;
	char *admin;
	struct doc_new d = { .unit_code = "W2",
			     .kind = "KH",
			     .number = "21-KH/ĐU",
			     .doc_date = "2025-12-15",
			     .title = "Kế hoạch <thực hiện> & \"chuyển đổi số\"",
			     .demo = true };
	struct event_new e = { .unit_code = "D1-2025",
			       .event_date = "2022-05-05",
			       .category = "inspection",
			       .title = "Đoàn kiểm tra số 2 làm việc tại Thường Tín",
			       .source = "seeds/000" };

	if (!fx_start(&f))
		return;
	CHECK_INT(doc_add(f.s, &d, NULL, NULL), APP_OK);
	CHECK_INT(event_add(f.s, &e, NULL, NULL), APP_OK);
	admin = http_login(f.port, "admin", PW, NULL);
	http_get(f.port, &r, "/don-vi/W2", admin);
	CHECK_INT(r.status, 200);
	const char *b = r.body.buf;
	CHECK_CONTAINS(b, "<h1>Đảng ủy xã Thường Tín <span class=\"badge demo\">Dữ liệu mẫu</span></h1>");
	CHECK_CONTAINS(b, "<code>W2</code>");
	CHECK_CONTAINS(b, "Đảng ủy xã, phường");
	CHECK_CONTAINS(b, "<a href=\"/don-vi/TU\">Thành ủy Hà Nội</a>"); /* breadcrumbs */
	CHECK_CONTAINS(b, "Đơn vị tiền thân (1)");
	CHECK_CONTAINS(b, "<a href=\"/don-vi/D1-2025\">Huyện ủy Thường Tín</a>");
	CHECK_CONTAINS(b, "(đến 30/06/2025)");
	CHECK_CONTAINS(b, "21-KH/ĐU");
	CHECK_CONTAINS(b, "15/12/2025");
	CHECK_CONTAINS(b, "Kế hoạch &lt;thực hiện&gt; &amp; &quot;chuyển đổi số&quot;");
	/* the journal shows the old district's events under its successor */
	CHECK_CONTAINS(b, "05/05/2022");
	CHECK_CONTAINS(b, "Đoàn kiểm tra số 2 làm việc tại Thường Tín");
	CHECK(!strstr(b, "<thực hiện>"));
	http_res_release(&r);

	/* a dissolved unit: its children, escaped, and its successors: a district
	   split among several wards lists each of them, in Vietnamese order */
	{
		struct arena a;
		struct unit d1, w1;
		arena_init(&a);
		CHECK_INT(unit_get_by_code(f.s, &a, "D1-2025", &d1), APP_OK);
		CHECK_INT(unit_get_by_code(f.s, &a, "W1", &w1), APP_OK);
		CHECK_INT(unit_add_successor(f.s, d1.id, w1.id, false), APP_OK);
		arena_release(&a);
	}
	http_get(f.port, &r, "/don-vi/D1-2025", admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đảng ủy xã &lt;b&gt;Nhị Khê&lt;/b&gt; &amp; &quot;Văn Bình&quot;");
	CHECK_CONTAINS(r.body.buf, "Đơn vị kế thừa</dt><dd><ul class=\"succ\"><li><a href=\"/don-vi/W1\">"
				   "Đảng ủy phường Hoàn Kiếm</a></li><li><a href=\"/don-vi/W2\">");
	CHECK_CONTAINS(r.body.buf, "Đơn vị đã kết thúc hoạt động từ ngày 30/06/2025");
	CHECK(!strstr(r.body.buf, "<b>Nhị Khê"));
	http_res_release(&r);
	free(admin);
	fx_stop(&f);
}

TEST(db_http_bad_requests)
{
	struct fx f;
	struct http_res r;
	char *admin, *tok, *big;

	if (!fx_start(&f))
		return;
	admin = http_login(f.port, "admin", PW, NULL);
	tok = http_api_token(f.port, "admin", PW);
	int64_t sessions = count_sessions(&f);

	/* invalid UTF-8 in a query and in a form: 400, in Vietnamese */
	http_get(f.port, &r, "/to-chuc?q=%FF%FE", admin);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "Yêu cầu không hợp lệ");
	http_res_release(&r);
	http_post_form(f.port, &r, "/dang-nhap", NULL, "login=%C3%28&password=x");
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_get(f.port, &r, "/to-chuc?q=%zz", admin);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units?q=%ED%A0%80", tok);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"bad_request\"");
	http_res_release(&r);

	/* bodies over the cap: 413, with and without a Content-Length that says so */
	size_t n = WEB_BODY_MAX + 10;
	big = xmalloc(n + 1);
	memset(big, 'a', n);
	big[0] = 'q';
	big[1] = '=';
	big[n] = '\0';
	http_post_form(f.port, &r, "/dang-nhap", NULL, big);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body.buf, "Dữ liệu gửi lên quá lớn");
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", big, n, "Transfer-Encoding: chunked");
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"too_large\"");
	http_res_release(&r);
	free(big);

	/* the JSON API: bad JSON, wrong shape, no token, unknown unit, bad limit */
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", "{\"login\":", 9, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"bad_request\"");
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", "[1,2]", 5, NULL);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json",
		 "{\"login\":\"admin\",\"password\":\"sai-mat-khau\"}", 43, NULL);
	CHECK_INT(r.status, 401);
	CHECK_CONTAINS(r.body.buf, "không đúng");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1", NULL);
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/KHONG-CO", tok);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"not_found\"");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units?q=a&limit=0", tok);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/khong-co", tok);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	CHECK_INT(count_sessions(&f), sessions);

	/* a request that is not HTTP at all: the server answers 400 and lives on */
	{
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)f.port) };
		char buf[512] = { 0 };
		inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
		CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
		const char *junk = "GARBAGE\x01\x02 / HTTP/9\r\n\r\n";
		CHECK(write(fd, junk, strlen(junk)) > 0);
		CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
		CHECK(strncmp(buf, "HTTP/1.1 4", 10) == 0);
		close(fd);
	}
	http_get(f.port, &r, "/healthz", NULL);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	free(admin);
	free(tok);
	fx_stop(&f);
}

TEST(db_http_api)
{
	struct fx f;
	struct http_res r;
	char *tok, *h;

	if (!fx_start(&f))
		return;
	tok = http_api_token(f.port, "admin", PW);
	CHECK(tok != NULL);
	http_api_get(f.port, &r, "/api/v1/units?q=thuong%20tin", tok);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "Content-Type: application/json");
	CHECK_CONTAINS(r.body.buf, "\"code\":\"W2\",\"name\":\"Đảng ủy xã Thường Tín\",\"kind\":\"commune\"");
	CHECK_CONTAINS(r.body.buf, "\"code\":\"D1-2025\"");
	CHECK_CONTAINS(r.body.buf, "\"valid_to\":\"2025-06-30\"");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units?q=thuong%20tin&limit=1", tok);
	CHECK_INT(r.status, 200);
	if (r.body.buf) {
		size_t hits = 0;
		for (const char *p = r.body.buf; (p = strstr(p, "\"code\":")); p++)
			hits++;
		CHECK_INT(hits, 1);
	}
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/TU", tok);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "{\"code\":\"TU\",\"name\":\"Thành ủy Hà Nội\",\"kind\":\"city\"");
	CHECK_CONTAINS(r.body.buf, "\"parent\":null");
	CHECK_CONTAINS(r.body.buf, "\"children\":[");
	CHECK_CONTAINS(r.body.buf, "\"code\":\"W1\"");
	http_res_release(&r);

	h = xasprintf("Authorization: Bearer %s", tok);
	http_req(f.port, &r, "DELETE", "/api/v1/session", NULL, NULL, NULL, 0, h);
	CHECK_INT(r.status, 204);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/TU", tok);
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	free(h);
	free(tok);
	fx_stop(&f);
}

TEST(db_http_cache_keeps_checks)
{
	struct fx f;
	struct http_res r;
	char *admin, *ward, *csrf, *form;
	struct doc_new d1 = { .unit_code = "W2", .kind = "KH", .number = "01-KH/ĐU", .title = "Kế hoạch thứ nhất" };
	struct doc_new d2 = { .unit_code = "W2", .kind = "KH", .number = "02-KH/ĐU", .title = "Kế hoạch thứ hai" };

	if (!fx_start_cache(&f, 400))
		return;
	admin = http_login(f.port, "admin", PW, NULL);
	ward = http_login(f.port, "hoankiem", PW, NULL);
	http_get(f.port, &r, "/don-vi/W2", admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Chưa có văn bản.");
	http_res_release(&r);
	/* cached or not, another ward is refused and nobody without a session gets in */
	for (int i = 0; i < 3; i++) {
		http_get(f.port, &r, "/don-vi/W2", ward);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		http_get(f.port, &r, "/don-vi/W2", NULL);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		http_req(f.port, &r, "GET", "/api/v1/units/W2", ward, NULL, NULL, 0, NULL);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
	}
	/* a change made behind the server's back shows once invalidated, or after the TTL */
	CHECK_INT(doc_add(f.s, &d1, NULL, NULL), APP_OK);
	web_cache_invalidate();
	for (int i = 0; i < 3; i++) { /* every worker thread */
		http_get(f.port, &r, "/don-vi/W2", admin);
		CHECK_CONTAINS(r.body.buf, "Kế hoạch thứ nhất");
		http_res_release(&r);
	}
	CHECK_INT(doc_add(f.s, &d2, NULL, NULL), APP_OK);
	usleep(450 * 1000);
	for (int i = 0; i < 3; i++) {
		http_get(f.port, &r, "/don-vi/W2", admin);
		CHECK_CONTAINS(r.body.buf, "Kế hoạch thứ hai");
		http_res_release(&r);
	}
	/* after logout the cached page is not served to the old cookie */
	csrf = http_page_csrf(f.port, admin);
	form = xasprintf("csrf=%s", csrf ? csrf : "");
	http_post_form(f.port, &r, "/dang-xuat", admin, form);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/W2", admin);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(form);
	free(csrf);
	/* a session ended elsewhere (here: by SQL) stops working within the TTL */
	{
		static struct query Q_END = { "DELETE FROM session", NULL, 0 };
		http_get(f.port, &r, "/tai-khoan", ward);
		CHECK_INT(r.status, 200);
		http_res_release(&r);
		CHECK_INT(stmt_exec(conn_stmt(store_conn(f.s), &Q_END), NULL), APP_OK);
		usleep(450 * 1000);
		http_get(f.port, &r, "/tai-khoan", ward);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
	}
	free(ward);
	free(admin);
	fx_stop(&f);
}

TEST(db_http_client_address_behind_proxy)
{
	struct fx f;
	struct http_res r;
	const char *body = "{\"login\":\"admin\",\"password\":\"sai-mat-khau-1\"}";
	char *addrs;

	/* behind a proxy on loopback: a valid X-Real-IP is the client; junk is not */
	if (!fx_start_opts(&f, 0, true))
		return;
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", body, strlen(body),
		 "X-Real-IP: 10.1.2.3");
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/api/v1/session", NULL, "application/json", body, strlen(body),
		 "X-Real-IP: 10.1.2.3, evil");
	http_res_release(&r);
	addrs = attempt_addrs(&f);
	CHECK_STR(addrs, "10.1.2.3,127.0.0.1,");
	CHECK_INT(r.status, 401);
	free(addrs);
	fx_stop(&f);
}

/* ---- a document's page: copy report, side-by-side view, scope of sources ---- */

static const char DIRECTIVE_TEXT[] =
	"Chương trình số 01-CTr/TU về tiếp tục đẩy mạnh công tác xây dựng, chỉnh đốn Đảng và hệ thống "
	"chính trị thành phố. Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất "
	"lượng đội ngũ cán bộ, đảng viên gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
	"Hồ Chí Minh. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết đấu tranh phòng, chống "
	"tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị.\n";

static const char PLAN_W1[] =
	"Kế hoạch của phường. Đảng ủy phường xác định các nhiệm vụ trọng tâm sau đây.\n"
	"1. Ra quân dọn vệ sinh môi trường vào sáng chủ nhật hằng tuần tại các tổ dân phố, vận động "
	"nhân dân trồng thêm cây xanh trên các tuyến phố chính và ven hồ điều hòa của phường.\n"
	"2. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết đấu tranh phòng, chống tham nhũng, "
	"lãng phí, tiêu cực trong các cơ quan, đơn vị.\n";

/* W2 copies W1's first task (a peer) and the directive's sentence <script>. */
static const char PLAN_W2[] =
	"Kế hoạch của xã <script>alert(1)</script>. Đảng ủy xã xác định như sau.\n"
	"1. Ra quân dọn vệ sinh môi trường vào sáng chủ nhật hằng tuần tại các tổ dân phố, vận động "
	"nhân dân trồng thêm cây xanh trên các tuyến phố chính và ven hồ điều hòa của phường.\n"
	"2. Xây dựng 3 mô hình dân vận khéo; chủ trì: Ban Dân vận; hoàn thành trước ngày 30/6/2026.\n";

static int64_t add_doc_text(struct fx *f, const char *unit, const char *kind, const char *number, const char *title,
			    const char *body)
{
	struct doc_new d = { .unit_code = unit,
			     .kind = kind,
			     .number = number,
			     .doc_date = "2025-12-01",
			     .title = title,
			     .body = body };
	int64_t id = 0;

	CHECK_INT(doc_add(f->s, &d, &id, NULL), APP_OK);
	return id;
}

TEST(db_http_doc_reuse_page)
{
	struct fx f;
	struct http_res r;
	char *admin, *tt, *tok, path[128], err[REUSE_ERRLEN];
	int64_t dir_id, w1_id, w2_id;
	size_t added;

	if (!fx_start(&f))
		return;
	dir_id = add_doc_text(&f, "TU", "CTr", "01-CTr/TU", "Chương trình về công tác xây dựng Đảng", DIRECTIVE_TEXT);
	w1_id = add_doc_text(&f, "W1", "KH", "05-KH/ĐU", "Kế hoạch thực hiện Chương trình số 01-CTr/TU", PLAN_W1);
	w2_id = add_doc_text(&f, "W2", "KH", "07-KH/ĐU", "Kế hoạch thực hiện Chương trình số 01-CTr/TU", PLAN_W2);
	(void)dir_id;
	admin = http_login(f.port, "admin", PW, NULL);
	tt = http_login(f.port, "thuongtin", PW, NULL);

	/* before the index exists the page says so */
	snprintf(path, sizeof(path), "/van-ban/%lld", (long long)w2_id);
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Chưa có chỉ mục phát hiện sao chép");
	http_res_release(&r);

	CHECK_INT(doc_reuse_sync(f.s, f.app.reuse_dir, &added, err), APP_OK);
	CHECK_INT(added, 3);

	/* the admin sees the source, its share and a side-by-side link */
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Mức độ sao chép");
	CHECK_CONTAINS(r.body.buf, "Kế hoạch của đơn vị khác cho cùng văn bản");
	CHECK_CONTAINS(r.body.buf, "05-KH/ĐU");
	{
		char link[128];
		snprintf(link, sizeof(link), "/van-ban/%lld/so-sanh/%lld", (long long)w2_id, (long long)w1_id);
		CHECK_CONTAINS(r.body.buf, link);
	}
	/* the text is escaped */
	CHECK(!strstr(r.body.buf, "<script>alert(1)"));
	CHECK_CONTAINS(r.body.buf, "&lt;script&gt;alert(1)");
	/* the five-"rõ" check of its tasks */
	CHECK_CONTAINS(r.body.buf, "Kiểm tra nhiệm vụ");
	http_res_release(&r);

	/* Thường Tín's clerk sees the share of the peer's plan, never its title or a link */
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "ngoài phạm vi tài khoản của bạn");
	CHECK(!strstr(r.body.buf, "05-KH/ĐU"));
	CHECK(!strstr(r.body.buf, "/so-sanh/"));
	http_res_release(&r);
	snprintf(path, sizeof(path), "/van-ban/%lld", (long long)w1_id);
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "hồ điều hòa"));
	http_res_release(&r);
	snprintf(path, sizeof(path), "/van-ban/%lld/so-sanh/%lld", (long long)w2_id, (long long)w1_id);
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "hồ điều hòa"));
	http_res_release(&r);

	/* side by side for the admin: the copied passage marked on both sides */
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "<mark id=\"m1\" class=\"copied\">");
	CHECK_CONTAINS(r.body.buf, "So sánh song song");
	http_res_release(&r);

	/* the API says the same, with sources out of scope left unnamed */
	tok = http_api_token(f.port, "thuongtin", PW);
	snprintf(path, sizeof(path), "/api/v1/docs/%lld/reuse", (long long)w2_id);
	http_api_get(f.port, &r, path, tok);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"passages\":[{");
	CHECK_CONTAINS(r.body.buf, "\"source\":null");
	CHECK_CONTAINS(r.body.buf, "\"outside_your_scope\":");
	{
		char w1name[32];
		doc_reuse_name(w1_id, w1name);
		CHECK(!strstr(r.body.buf, w1name)); /* the peer's plan is not named */
	}
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/docs/%lld/reuse", (long long)w1_id);
	http_api_get(f.port, &r, path, tok);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(tok);

	http_get(f.port, &r, "/van-ban/abc", admin);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	http_get(f.port, &r, "/van-ban/99999", admin);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	free(tt);
	free(admin);
	fx_stop(&f);
}

/* A multipart/form-data body with a csrf field, an optional file part of n bytes and a closing delimiter. */
static char *multipart_body(const char *csrf, size_t n, bool close, size_t *len)
{
	static const char end[] = "--B0und--\r\n";
	const char *fields[] = { "csrf", csrf, "current", "", NULL };
	char *data = xmalloc(n + 1), *body;
	struct http_file file = { "tep", "x.pdf", "application/pdf", data, n };

	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	body = http_multipart("B0und", csrf ? fields : fields + 2, &file, n ? 1 : 0, len);
	free(data);
	if (!close) {
		*len -= sizeof(end) - 1;
		body[*len] = 0;
	}
	return body;
}

TEST(db_http_multipart_forms)
{
	struct fx f;
	struct http_res r;
	char *sess, *csrf, *body;
	size_t n;
	static const char ct[] = "multipart/form-data; boundary=B0und";

	if (!fx_start(&f))
		return;
	sess = http_login(f.port, "thuongtin", PW, NULL);
	csrf = http_page_csrf(f.port, sess);
	CHECK(sess && csrf);

	/* the CSRF token and the fields of a multipart form are read like a urlencoded one's */
	body = multipart_body(csrf, 0, true, &n);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "Vui lòng nhập đủ mật khẩu");
	http_res_release(&r);
	free(body);
	/* without the token: refused */
	body = multipart_body(NULL, 0, true, &n);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, NULL);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "CSRF");
	http_res_release(&r);
	free(body);
	/* a 3 MB file passes the body limit of multipart requests (1 MiB for the others) */
	body = multipart_body(csrf, 3u << 20, true, &n);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "Vui lòng nhập đủ mật khẩu");
	http_res_release(&r);
	free(body);
	/* ... but not past WEB_UPLOAD_MAX, with or without a Content-Length that says so */
	body = multipart_body(csrf, WEB_UPLOAD_MAX, true, &n);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, NULL);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body.buf, "Dữ liệu gửi lên quá lớn");
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, "Transfer-Encoding: chunked");
	CHECK_INT(r.status, 413);
	http_res_release(&r);
	free(body);
	/* a truncated body (no closing delimiter) and a missing boundary: 400 in Vietnamese */
	body = multipart_body(csrf, 100, false, &n);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, ct, body, n, NULL);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "không đọc được");
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/tai-khoan/mat-khau", sess, "multipart/form-data", body, n, NULL);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	free(body);
	/* the session and the password are untouched: the old password still logs in */
	char *again = http_login(f.port, "thuongtin", PW, NULL);
	CHECK(again != NULL);
	free(again);
	free(sess);
	free(csrf);
	fx_stop(&f);
}
