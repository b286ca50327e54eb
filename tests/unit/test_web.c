/* Request parsing (forms, queries, cookies, paths, login JSON) and the
 * error mapping: no database, no sockets. */
#include "test.h"

#include "util/util.h"
#include "web/web.h"

TEST(web_urlencoded_decodes_and_normalises)
{
	struct arena a;
	struct kv_list l = { 0 };

	arena_init(&a);
	const char *q = "q=thuong+tin&name=%C4%90%E1%BA%A3ng&empty=&flag&&x=a%3Db%26c&q=second";
	CHECK_INT(web_parse_urlencoded(q, strlen(q), &a, &l), APP_OK);
	CHECK_INT(l.n, 6);
	CHECK_STR(kv_get(&l, "q"), "thuong tin"); /* the first of duplicates */
	CHECK_STR(kv_get(&l, "name"), "Đảng");
	CHECK_STR(kv_get(&l, "empty"), "");
	CHECK_STR(kv_get(&l, "flag"), "");
	CHECK_STR(kv_get(&l, "x"), "a=b&c");
	CHECK(kv_get(&l, "missing") == NULL);

	/* NFD input ("Tín" as i + combining acute) comes out NFC */
	struct kv_list n = { 0 };
	const char *nfd = "t=Ti%CC%81n";
	CHECK_INT(web_parse_urlencoded(nfd, strlen(nfd), &a, &n), APP_OK);
	CHECK_STR(kv_get(&n, "t"), "Tín");
	arena_release(&a);
}

TEST(web_urlencoded_rejects_bad_input)
{
	static const char *bad[] = {
		"a=%FF",                         /* invalid UTF-8 */
		"a=%C3%28",                      /* bad continuation byte */
		"a=%ED%A0%80",                   /* a surrogate */
		"a=%C0%AF",                      /* overlong */
		"a=%",                           /* truncated escapes */
		"a=%4",        "a=%zz", "%FF=1", /* in a name too */
		"a=%00",                         /* NUL */
	};
	struct arena a;

	arena_init(&a);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct kv_list l = { 0 };
		if (web_parse_urlencoded(bad[i], strlen(bad[i]), &a, &l) != APP_EINVAL)
			test_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
	}
	/* raw invalid bytes (not escaped) as well */
	struct kv_list l = { 0 };
	CHECK_INT(web_parse_urlencoded("a=\xff\xfe", 4, &a, &l), APP_EINVAL);
	/* too many fields */
	struct sbuf b;
	sbuf_init(&b, 0);
	for (int i = 0; i <= WEB_FIELDS_MAX; i++)
		sbuf_addf(&b, "f%d=1&", i);
	struct kv_list m = { 0 };
	CHECK_INT(web_parse_urlencoded(b.buf, b.len, &a, &m), APP_ETOOBIG);
	sbuf_release(&b);
	arena_release(&a);
}

TEST(web_cookies)
{
	struct arena a;
	struct kv_list l = { 0 };

	arena_init(&a);
	const char *c = "gs_session=abc; theme=\"dark\";  empty=; noeq; =novalue; x = y ";
	CHECK_INT(web_parse_cookies(c, strlen(c), &a, &l), APP_OK);
	CHECK_STR(kv_get(&l, "gs_session"), "abc");
	CHECK_STR(kv_get(&l, "theme"), "dark");
	CHECK_STR(kv_get(&l, "empty"), "");
	CHECK_STR(kv_get(&l, "x"), "y");
	CHECK(kv_get(&l, "noeq") == NULL);
	CHECK_INT(l.n, 4);
	struct kv_list m = { 0 };
	CHECK_INT(web_parse_cookies("a=1\r\nb=2", 9, &a, &m), APP_EINVAL);
	arena_release(&a);
}

TEST(web_path_decode)
{
	struct arena a;

	arena_init(&a);
	CHECK_STR(web_decode_path("10183", 5, &a), "10183");
	CHECK_STR(web_decode_path("a%2Fb+c", 7, &a), "a/b+c"); /* '+' is not a space in a path */
	CHECK(web_decode_path("%FF", 3, &a) == NULL);
	CHECK(web_decode_path("a%00b", 5, &a) == NULL);
	CHECK(web_decode_path("%4", 2, &a) == NULL);
	arena_release(&a);
}

TEST(web_login_json)
{
	struct arena a;
	const char *l, *p, *why;

	arena_init(&a);
#define J(s) (s), strlen(s), &a, &l, &p, &why
	CHECK_INT(web_parse_login_json(J("{\"login\":\"admin\",\"password\":\"pw\",\"x\":1}")), APP_OK);
	CHECK_STR(l, "admin");
	CHECK_STR(p, "pw");
	CHECK_INT(web_parse_login_json(J("")), APP_EINVAL);
	CHECK(why && strstr(why, "JSON"));
	CHECK_INT(web_parse_login_json(J("{\"login\":\"a\"")), APP_EINVAL);
	CHECK_INT(web_parse_login_json(J("[\"admin\",\"pw\"]")), APP_EINVAL);
	CHECK_INT(web_parse_login_json(J("{\"login\":\"a\",\"password\":1}")), APP_EINVAL);
	CHECK_INT(web_parse_login_json(J("{\"login\":\"a\",\"login\":\"b\",\"password\":\"x\"}")), APP_EINVAL);
	CHECK_INT(web_parse_login_json(J("{\"login\":\"a\\u0000b\",\"password\":\"x\"}")), APP_EINVAL);
	CHECK_INT(web_parse_login_json(J("{\"login\":\"\xff\",\"password\":\"x\"}")), APP_EINVAL);
	CHECK(l == NULL && p == NULL);
#undef J
	arena_release(&a);
}

TEST(web_error_mapping)
{
	CHECK_INT(web_err_status(APP_EINVAL), 400);
	CHECK_INT(web_err_status(APP_EAUTH), 401);
	CHECK_INT(web_err_status(APP_EDENIED), 403);
	CHECK_INT(web_err_status(APP_ENOTFOUND), 404);
	CHECK_INT(web_err_status(APP_ETOOBIG), 413);
	CHECK_INT(web_err_status(APP_ETHROTTLED), 429);
	CHECK_INT(web_err_status(APP_EDB), 500);
	CHECK_INT(web_err_status(APP_EINTERNAL), 500);
	/* every message is Vietnamese (has a non-ASCII letter) and never names the C error */
	for (int e = APP_OK; e <= APP_EINTERNAL; e++) {
		const char *m = web_err_message((enum app_err)e);
		bool vi = false;
		for (const char *c = m; *c; c++)
			vi |= (unsigned char)*c >= 0x80;
		CHECK(vi);
		CHECK(!strstr(m, app_err_name((enum app_err)e)));
	}
	CHECK_STR(web_status_title(404), "Không tìm thấy trang");
	CHECK_STR(web_status_title(413), "Dữ liệu gửi lên quá lớn");
}

/* In-process: no store needed for these routes. */
static void call(const char *method, const char *target, struct resp *p, struct arena *a)
{
	static struct web app = { 0 };
	struct req r;
	char *t = arena_strdup(a, target), *q = strchr(t, '?');

	req_init(&r, &app, a);
	r.method = method;
	if (q) {
		*q = '\0';
		r.query_raw = q + 1;
	}
	r.path = t;
	snprintf(r.addr, sizeof(r.addr), "127.0.0.1");
	resp_init(p);
	web_handle(&r, p);
}

TEST(web_handle_in_process)
{
	struct arena a;
	struct resp p;

	arena_init(&a);
	call("GET", "/healthz", &p, &a);
	CHECK_INT(p.status, 200);
	CHECK_STR(p.body.buf, "ok\n");
	for (size_t i = 0; i < web_security_headers_n; i++)
		CHECK_STR(kv_get_ci(&p.headers, web_security_headers[i].k), web_security_headers[i].v);
	resp_release(&p);

	call("DELETE", "/healthz", &p, &a);
	CHECK_INT(p.status, 405);
	CHECK_STR(kv_get(&p.headers, "Allow"), "GET, HEAD");
	CHECK_CONTAINS(p.body.buf, "Phương thức không được hỗ trợ");
	resp_release(&p);

	call("GET", "/static/app.css", &p, &a);
	CHECK_INT(p.status, 200);
	CHECK(p.static_len > 100);
	CHECK_STR(p.content_type, "text/css; charset=utf-8");
	resp_release(&p);

	call("GET", "/static/nope.js", &p, &a);
	CHECK_INT(p.status, 404);
	resp_release(&p);

	call("GET", "/to-chuc?q=%FF", &p, &a);
	CHECK_INT(p.status, 400);
	CHECK_CONTAINS(p.body.buf, "<html lang=\"vi\">");
	CHECK_CONTAINS(p.body.buf, "Yêu cầu không hợp lệ");
	resp_release(&p);

	call("GET", "/api/v1/units?q=%C3%28", &p, &a);
	CHECK_INT(p.status, 400);
	CHECK_STR(p.content_type, "application/json");
	CHECK_CONTAINS(p.body.buf, "{\"error\":{\"code\":\"bad_request\",\"message\":\"");
	resp_release(&p);
	arena_release(&a);
}
