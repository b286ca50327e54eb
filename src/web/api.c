/*
** The JSON API under /api/v1 (docs/api.md, docs/openapi.yaml). Same access
** rules as the pages: a bearer token from POST /api/v1/session (or, for
** GET only, the browser's session cookie, which the tree page's script
** uses), and every unit checked against the account's scope.
*/
#include <jansson.h>
#include <strings.h>
#include <time.h>

#include "model/unit.h"
#include "text/text.h"
#include "web/internal.h"

#define API_SEARCH_LIMIT_DEFAULT 20
#define API_SEARCH_LIMIT_MAX 200

enum app_err web_parse_login_json(const char *body, size_t n, struct arena *a, const char **login,
				  const char **password, const char **why)
{
	json_error_t jerr;
	json_t *root = json_loadb(body ? body : "", n, JSON_REJECT_DUPLICATES, &jerr);
	json_t *jl, *jp;
	enum app_err e = APP_EINVAL;

	*login = *password = NULL;
	*why = "Nội dung gửi lên không phải JSON hợp lệ.";
	if (!root)
		return APP_EINVAL;
	if (!json_is_object(root)) {
		*why = "Nội dung gửi lên phải là một đối tượng JSON.";
		goto out;
	}
	jl = json_object_get(root, "login");
	jp = json_object_get(root, "password");
	if (!json_is_string(jl) || !json_is_string(jp)) {
		*why = "Cần hai trường chuỗi \"login\" và \"password\".";
		goto out;
	}
	{
		const char *l = json_string_value(jl);
		size_t ln = json_string_length(jl);
		char *nfc;
		if (memchr(l, '\0', ln) || memchr(json_string_value(jp), '\0', json_string_length(jp)) ||
		    !(nfc = text_nfc(l, ln, NULL))) {
			*why = "Tên đăng nhập hoặc mật khẩu chứa ký tự không hợp lệ.";
			goto out;
		}
		*login = arena_strdup(a, nfc);
		free(nfc);
		*password = arena_strndup(a, json_string_value(jp), json_string_length(jp));
	}
	*why = NULL;
	e = APP_OK;
out:
	json_decref(root);
	return e;
}

json_t *api_jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}
#define jstr api_jstr

static json_t *unit_json(const struct unit *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "code", json_string(u->code));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "kind", json_string(unit_kind_code(u->kind)));
	json_object_set_new(o, "kind_label", json_string(unit_kind_vi(u->kind)));
	json_object_set_new(o, "parent", jstr(u->parent_code));
	json_object_set_new(o, "valid_from", jstr(u->valid_from));
	json_object_set_new(o, "valid_to", jstr(u->valid_to));
	json_object_set_new(o, "successor", jstr(u->successor_code));
	json_object_set_new(o, "demo", json_boolean(u->demo));
	json_object_set_new(o, "child_count", json_integer(u->child_count));
	return o;
}

void api_send_json(struct resp *p, int status, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	p->status = status;
	p->content_type = "application/json";
	sbuf_reset(&p->body);
	if (s) {
		sbuf_addstr(&p->body, s);
		sbuf_addch(&p->body, '\n');
		free(s);
	}
}

static void iso_utc(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *bearer(const struct req *r)
{
	const char *h = req_header(r, "Authorization");

	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return *h ? h : NULL;
}

bool api_authenticate(struct req *r, struct resp *p)
{
	const char *tok = bearer(r);
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;

	if (tok && strlen(tok) == TOKEN_LEN && web_session_lookup(r, tok, SESSION_API, &r->acct, NULL) == APP_OK) {
		r->authed = true;
		r->token = tok;
		return true;
	}
	if (!tok && get) {
		const char *c = req_cookie(r, WEB_COOKIE_SESSION);
		if (c && strlen(c) == TOKEN_LEN && web_session_lookup(r, c, SESSION_WEB, &r->acct, r->csrf) == APP_OK) {
			r->authed = true;
			return true;
		}
	}
	p->log_note = "no-session";
	web_error_msg(r, p, 401,
		      tok ? "Mã truy cập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại."
			  : "Cần mã truy cập: Authorization: Bearer TOKEN.");
	resp_header(p, r->arena, "WWW-Authenticate", "Bearer realm=\"giamsat\"");
	return false;
}

static void api_session_post(struct req *r, struct resp *p)
{
	const char *login, *password, *why;
	struct account a;
	char token[TOKEN_LEN + 1], expires[21];
	enum app_err e;

	if (web_parse_login_json(r->body, r->body_len, r->arena, &login, &password, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, 400, why);
		return;
	}
	e = account_login(r->app->store, r->arena, login, password, r->addr, &a);
	if (e == APP_ETHROTTLED)
		resp_header(p, r->arena, "Retry-After", "300");
	if (e == APP_OK)
		e = session_create(r->app->store, a.id, SESSION_API, token, NULL);
	if (e != APP_OK) {
		p->log_note = e == APP_EAUTH ? "login-failed" : e == APP_ETHROTTLED ? "login-throttled" : NULL;
		if (e == APP_EAUTH)
			web_error_msg(r, p, 401, "Tên đăng nhập hoặc mật khẩu không đúng.");
		else
			web_fail(r, p, e, "api-login");
		return;
	}
	p->log_note = "login";
	iso_utc(time_now() + SESSION_TTL_API, expires);
	api_send_json(p, 200, json_pack("{s:s,s:s}", "token", token, "expires_at", expires));
}

static void api_session_delete(struct req *r, struct resp *p)
{
	if (!bearer(r)) {
		web_error_msg(r, p, 401, "Cần mã truy cập: Authorization: Bearer TOKEN.");
		resp_header(p, r->arena, "WWW-Authenticate", "Bearer realm=\"giamsat\"");
		return;
	}
	if (!api_authenticate(r, p))
		return;
	enum app_err e = session_delete(r->app->store, r->token);
	web_cache_invalidate();
	if (e != APP_OK && e != APP_ENOTFOUND) {
		web_fail(r, p, e, "api-logout");
		return;
	}
	p->log_note = "logout";
	p->status = 204;
	p->content_type = "application/json";
}

static void api_units_search(struct req *r, struct resp *p)
{
	const char *q = req_query(r, "q"), *lim = req_query(r, "limit");
	int64_t limit = API_SEARCH_LIMIT_DEFAULT;
	struct unit_list l;
	enum app_err e;

	if (!q || !*q) {
		web_error_msg(r, p, 400, "Thiếu tham số tìm kiếm q.");
		return;
	}
	if (lim && (!parse_int64(lim, &limit) || limit < 1 || limit > API_SEARCH_LIMIT_MAX)) {
		web_error_msg(r, p, 400, "Tham số limit phải là số nguyên từ 1 đến 200.");
		return;
	}
	e = unit_search(r->app->store, r->arena, q, r->acct.unit_id, (int)limit, &l);
	if (e != APP_OK) {
		web_fail(r, p, e, "api-search");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(arr, unit_json(&l.v[i]));
	api_send_json(p, 200, json_pack("{s:o}", "units", arr));
}

static void api_unit_get(struct req *r, struct resp *p, const char *code)
{
	const struct unit_data *d;
	bool ok = false;
	enum app_err e;

	if (!unit_code_valid(code)) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return;
	}
	e = web_unit_data(r, code, false, &d);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return;
	}
	if (e == APP_OK)
		e = web_can_read(r, d->u.id, &ok);
	if (e != APP_OK) {
		web_fail(r, p, e, "api-unit");
		return;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403, "Đơn vị này nằm ngoài phạm vi tài khoản của bạn.");
		return;
	}
	json_t *o = unit_json(&d->u);
	json_object_set_new(o, "parent_name", jstr(d->u.parent_name));
	json_t *arr = json_array();
	for (size_t i = 0; i < d->kids.n; i++)
		json_array_append_new(arr, unit_json(&d->kids.v[i]));
	json_object_set_new(o, "children", arr);
	api_send_json(p, 200, o);
}

void api_handle(struct req *r, struct resp *p, const char *path)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;

	if (strcmp(path, "/session") == 0) {
		if (strcmp(r->method, "POST") == 0)
			api_session_post(r, p);
		else if (strcmp(r->method, "DELETE") == 0)
			api_session_delete(r, p);
		else
			web_not_allowed(r, p, "POST, DELETE");
	} else if (strcmp(path, "/units") == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p))
			api_units_search(r, p);
	} else if (strncmp(path, "/units/", 7) == 0 && path[7] && !strchr(path + 7, '/')) {
		/* /units/CODE/... belongs to the modules (api_route_progress) */
		char *code = web_decode_path(path + 7, strlen(path + 7), r->arena);
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (!code)
			web_error(r, p, 400);
		else if (api_authenticate(r, p))
			api_unit_get(r, p, code);
	} else if (strncmp(path, "/docs/", 6) == 0 && path[6] && strstr(path + 6, "/reuse") &&
		   strcmp(strstr(path + 6, "/reuse"), "/reuse") == 0) {
		char *id = arena_strndup(r->arena, path + 6, (size_t)(strstr(path + 6, "/reuse") - (path + 6)));
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p))
			api_doc_reuse(r, p, id);
	} else if (api_route_cascade(r, p, path) || api_route_progress(r, p, path) || api_route_inspect(r, p, path) ||
		   api_route_followup(r, p, path)) {
		/* handled */
	} else {
		web_error_msg(r, p, 404, "Không có đường dẫn API này.");
	}
}
