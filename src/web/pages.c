/*
** The HTML pages: login, logout, organisation tree, a unit, the account.
** Each is a function of the parsed request; HTML only through HTML().
*/
#include <sodium.h>

#include "model/doc.h"
#include "model/event.h"
#include "model/unit.h"
#include "render/layout.h"
#include "web/internal.h"

#define LOGIN_CSRF_TTL 3600

static void begin(struct req *r, struct resp *p, const char *title, const char *nav)
{
	struct page_ctx c = { .title = title, .acct = r->authed ? &r->acct : NULL, .csrf = r->csrf, .nav = nav };
	page_begin(&p->body, &c);
}

/* A new random token, base64url without padding (TOKEN_LEN chars). */
static const char *new_token(struct arena *a)
{
	unsigned char raw[32];
	char *out = arena_alloc(a, TOKEN_LEN + 1);

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

/* Where to go after login: a local path only ("/x", never "//host"). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') || strchr(next, '\n') ||
	    strncmp(next, "/dang-nhap", 10) == 0)
		return "/to-chuc";
	return next;
}

/* ---- login / logout ---- */

static void login_form(struct req *r, struct resp *p, int status, const char *error, const char *login_value)
{
	const char *tok = req_cookie(r, WEB_COOKIE_LOGIN_CSRF);

	/* Login CSRF: the form's token must equal this cookie (double submit). */
	if (!tok || strlen(tok) != TOKEN_LEN) {
		tok = new_token(r->arena);
		resp_header(p, r->arena, "Set-Cookie", web_cookie(r, WEB_COOKIE_LOGIN_CSRF, tok, LOGIN_CSRF_TTL));
	}
	p->status = status;
	begin(r, p, "Đăng nhập", NULL);
	HTML_LIT(&p->body, "<section class=\"login-box\"><h1>Đăng nhập</h1>"
			   "<p class=\"lead\">Hệ thống theo dõi, giám sát việc thực hiện chương trình, "
			   "kế hoạch của các cấp ủy.</p>");
	if (error)
		HTML(&p->body, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML(&p->body,
	     "<form method=\"post\" action=\"/dang-nhap\" class=\"form\">"
	     "<input type=\"hidden\" name=\"csrf\" value=\"%h\">"
	     "<input type=\"hidden\" name=\"next\" value=\"%h\">"
	     "<label for=\"login\">Tên đăng nhập</label>"
	     "<input id=\"login\" name=\"login\" autocomplete=\"username\" required autofocus value=\"%h\">"
	     "<label for=\"password\">Mật khẩu</label>"
	     "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
	     "<button type=\"submit\">Đăng nhập</button></form></section>",
	     tok, safe_next(req_query(r, "next") ? req_query(r, "next") : req_param(r, "next")),
	     login_value ? login_value : "");
	page_end(&p->body);
}

void page_login_get(struct req *r, struct resp *p)
{
	{
		const char *tok = req_cookie(r, WEB_COOKIE_SESSION);
		struct account a;
		char csrf[TOKEN_LEN + 1];
		if (tok && web_session_lookup(r, tok, SESSION_WEB, &a, csrf) == APP_OK) {
			resp_redirect(p, r->arena, safe_next(req_query(r, "next")));
			return;
		}
	}
	login_form(r, p, 200, NULL, NULL);
}

void page_login_post(struct req *r, struct resp *p)
{
	const char *cookie = req_cookie(r, WEB_COOKIE_LOGIN_CSRF), *field = req_param(r, "csrf");
	const char *login = req_param(r, "login"), *password = req_param(r, "password");
	struct account a;
	char token[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	enum app_err e;

	if (!web_token_eq(cookie, field)) {
		p->log_note = "csrf";
		web_error_msg(r, p, 403,
			      "Mã bảo vệ (CSRF) của biểu mẫu đăng nhập thiếu hoặc không đúng. Hãy tải lại "
			      "trang đăng nhập và thử lại.");
		return;
	}
	if (!login || !*login || !password || !*password) {
		login_form(r, p, 400, "Vui lòng nhập tên đăng nhập và mật khẩu.", login);
		return;
	}
	e = account_login(r->app->store, r->arena, login, password, r->addr, &a);
	if (e == APP_EAUTH) {
		p->log_note = "login-failed";
		login_form(r, p, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", login);
		return;
	}
	if (e == APP_ETHROTTLED) {
		p->log_note = "login-throttled";
		resp_header(p, r->arena, "Retry-After", "300");
		login_form(r, p, 429, web_err_message(e), login);
		return;
	}
	if (e == APP_OK)
		e = session_create(r->app->store, a.id, SESSION_WEB, token, csrf);
	if (e != APP_OK) {
		web_fail(r, p, e, "login");
		return;
	}
	p->log_note = "login";
	resp_header(p, r->arena, "Set-Cookie",
		    web_cookie(r, WEB_COOKIE_SESSION, arena_strdup(r->arena, token), SESSION_TTL_WEB));
	resp_header(p, r->arena, "Set-Cookie", web_cookie(r, WEB_COOKIE_LOGIN_CSRF, "", 0));
	resp_redirect(p, r->arena, safe_next(req_param(r, "next")));
}

void page_logout_post(struct req *r, struct resp *p)
{
	enum app_err e = session_delete(r->app->store, r->token);

	web_cache_invalidate(); /* no thread may still hold the session */

	if (e != APP_OK && e != APP_ENOTFOUND) {
		web_fail(r, p, e, "logout");
		return;
	}
	p->log_note = "logout";
	resp_header(p, r->arena, "Set-Cookie", web_cookie(r, WEB_COOKIE_SESSION, "", 0));
	resp_redirect(p, r->arena, "/dang-nhap");
}

/* ---- organisation tree ---- */

static bool dissolved(const struct unit *u)
{
	char today[11];

	if (!u->valid_to)
		return false;
	date_today(today);
	return strcmp(u->valid_to, today) < 0;
}

/* One unit in a list: link, kind, dates; a <details> that JS fills when it has children. */
static void tree_item(struct req *r, struct sbuf *b, const struct unit *u)
{
	struct html_safe badge =
		u->demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>") : HTML_SAFE_LIT("");
	struct html_safe until = HTML_SAFE_LIT("");

	if (dissolved(u)) {
		struct sbuf t;
		sbuf_init(&t, 0);
		HTML(&t, " <span class=\"muted\">(đến %h)</span>", html_date_vn(r->arena, u->valid_to));
		until = html_take(&t, r->arena);
		sbuf_release(&t);
	}
	if (u->child_count > 0) {
		HTML(b,
		     "<li><details data-code=\"%h\"><summary><span class=\"name\">%h</span> "
		     "<span class=\"kind\">%h</span>%H <span class=\"count\">%d đơn vị trực thuộc</span>%H</summary>"
		     "<ul class=\"children\"><li class=\"open-unit\"><a href=\"/don-vi/%u\">Xem trang đơn vị %h</a></li></ul>"
		     "</details></li>",
		     u->code, u->name, unit_kind_vi(u->kind), until, u->child_count, badge, u->code, u->name);
	} else {
		HTML(b, "<li class=\"leaf\"><a href=\"/don-vi/%u\">%h</a> <span class=\"kind\">%h</span>%H%H</li>",
		     u->code, u->name, unit_kind_vi(u->kind), until, badge);
	}
}

static void search_form(struct sbuf *b, const char *q)
{
	/*
	 * A GET form: it changes nothing, so it carries no CSRF token (a token
	 * in a URL would leak into history and logs).
	 */
	HTML(b,
	     "<form method=\"get\" action=\"/to-chuc\" class=\"search\" role=\"search\">"
	     "<label for=\"q\">Tìm đơn vị</label>"
	     "<input id=\"q\" name=\"q\" type=\"search\" value=\"%h\" "
	     "placeholder=\"Tên hoặc mã, gõ có dấu hay không dấu đều được (ví dụ: thuong tin)\">"
	     "<button type=\"submit\">Tìm</button></form>",
	     q ? q : "");
}

void page_tree(struct req *r, struct resp *p)
{
	struct store *s = r->app->store;
	const char *q = req_query(r, "q");
	struct unit scope;
	struct unit_list kids;
	enum app_err e;

	e = unit_get(s, r->arena, r->acct.unit_id, &scope);
	if (e != APP_OK) {
		web_fail(r, p, e, "tree-scope");
		return;
	}
	if (q && *q) {
		e = unit_search(s, r->arena, q, r->acct.unit_id, 100, &kids);
		if (e != APP_OK) {
			web_fail(r, p, e, "tree-search");
			return;
		}
		begin(r, p, "Tìm đơn vị", "to-chuc");
		HTML_LIT(&p->body, "<h1>Tìm đơn vị</h1>");
		search_form(&p->body, q);
		if (kids.n == 0)
			HTML(&p->body, "<p class=\"empty\">Không tìm thấy đơn vị nào khớp với “%h”.</p>", q);
		else
			HTML(&p->body, "<p>Tìm thấy %d đơn vị khớp với “%h”%H.</p><ul class=\"results\">", kids.n, q,
			     kids.n >= 100 ? HTML_SAFE_LIT(" (chỉ hiện 100 kết quả đầu)") : HTML_SAFE_LIT(""));
		for (size_t i = 0; i < kids.n; i++) {
			const struct unit *u = &kids.v[i];
			HTML(&p->body, "<li><a href=\"/don-vi/%u\">%h</a> <span class=\"kind\">%h</span>", u->code,
			     u->name, unit_kind_vi(u->kind));
			if (u->parent_name)
				HTML(&p->body, " <span class=\"muted\">· thuộc %h</span>", u->parent_name);
			if (dissolved(u))
				HTML(&p->body, " <span class=\"muted\">(đến %h)</span>",
				     html_date_vn(r->arena, u->valid_to));
			HTML_LIT(&p->body, "</li>");
		}
		if (kids.n)
			HTML_LIT(&p->body, "</ul>");
		HTML_LIT(&p->body, "<p><a href=\"/to-chuc\">← Về cây tổ chức</a></p>");
		page_end(&p->body);
		return;
	}
	e = unit_children(s, r->arena, scope.id, &kids);
	if (e != APP_OK) {
		web_fail(r, p, e, "tree-children");
		return;
	}
	begin(r, p, "Cây tổ chức", "to-chuc");
	HTML_LIT(&p->body, "<h1>Cây tổ chức</h1><p class=\"lead\">Bấm vào một đơn vị để mở các đơn vị trực thuộc.</p>");
	search_form(&p->body, NULL);
	HTML(&p->body,
	     "<div class=\"tree\"><p class=\"root\"><a href=\"/don-vi/%u\">%h</a> <span class=\"kind\">%h</span></p>",
	     scope.code, scope.name, unit_kind_vi(scope.kind));
	size_t current = 0;
	for (size_t i = 0; i < kids.n; i++)
		current += !dissolved(&kids.v[i]);
	if (current) {
		HTML(&p->body, "<h2>Đơn vị trực thuộc hiện nay (%d)</h2><ul class=\"tree-list\">", current);
		for (size_t i = 0; i < kids.n; i++)
			if (!dissolved(&kids.v[i]))
				tree_item(r, &p->body, &kids.v[i]);
		HTML_LIT(&p->body, "</ul>");
	}
	if (kids.n > current) {
		HTML(&p->body,
		     "<h2>Đơn vị trước sắp xếp (đã kết thúc hoạt động) (%d)</h2><ul class=\"tree-list former\">",
		     kids.n - current);
		for (size_t i = 0; i < kids.n; i++)
			if (dissolved(&kids.v[i]))
				tree_item(r, &p->body, &kids.v[i]);
		HTML_LIT(&p->body, "</ul>");
	}
	if (!kids.n)
		HTML_LIT(&p->body, "<p class=\"empty\">Đơn vị này chưa có đơn vị trực thuộc.</p>");
	/* A ward's clerk also sees the old units merged into the ward. */
	struct unit_list preds;
	e = unit_predecessors(s, r->arena, scope.id, &preds);
	if (e == APP_OK && preds.n) {
		HTML(&p->body, "<h2>Đơn vị tiền thân đã sáp nhập vào %h (%d)</h2><ul class=\"tree-list former\">",
		     scope.name, preds.n);
		for (size_t i = 0; i < preds.n; i++)
			tree_item(r, &p->body, &preds.v[i]);
		HTML_LIT(&p->body, "</ul>");
	}
	HTML_LIT(&p->body, "</div>");
	page_end(&p->body);
}

/* ---- a unit ---- */

static void unit_link(struct req *r, struct sbuf *b, const struct unit *u)
{
	HTML(b, "<a href=\"/don-vi/%u\">%h</a> <span class=\"kind\">%h</span>", u->code, u->name,
	     unit_kind_vi(u->kind));
	if (dissolved(u))
		HTML(b, " <span class=\"muted\">(đến %h)</span>", html_date_vn(r->arena, u->valid_to));
	if (u->demo)
		HTML_LIT(b, " <span class=\"badge demo\">Dữ liệu mẫu</span>");
}

void page_unit(struct req *r, struct resp *p, const char *code)
{
	const struct unit_data *d;
	bool ok;
	enum app_err e;
	struct sbuf *b = &p->body;

	if (!unit_code_valid(code)) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return;
	}
	e = web_unit_data(r, code, true, &d);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return;
	}
	if (e == APP_OK)
		e = web_can_read(r, d->u.id, &ok);
	if (e != APP_OK) {
		web_fail(r, p, e, "unit");
		return;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem đơn vị này: đơn vị nằm ngoài phạm vi tài khoản của bạn.");
		return;
	}
	const struct unit u = d->u;
	const struct unit_list path = d->path, kids = d->kids, preds = d->preds;
	const struct doc_list docs = d->docs;
	const struct event_list events = d->events;

	begin(r, p, u.name, "to-chuc");
	/* Breadcrumbs: ancestors above the account's scope are shown, not linked. */
	HTML_LIT(b, "<nav class=\"crumbs\" aria-label=\"Đơn vị cấp trên\"><ol>");
	bool in_scope = false;
	for (size_t i = 0; i < path.n; i++) {
		in_scope = in_scope || path.v[i].id == r->acct.unit_id;
		if (in_scope)
			HTML(b, "<li><a href=\"/don-vi/%u\">%h</a></li>", path.v[i].code, path.v[i].name);
		else
			HTML(b, "<li>%h</li>", path.v[i].name);
	}
	HTML(b, "<li aria-current=\"page\">%h</li></ol></nav>", u.name);

	HTML(b, "<h1>%h%H</h1>", u.name,
	     u.demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>") : HTML_SAFE_LIT(""));
	if (dissolved(&u))
		HTML(b,
		     "<p class=\"notice\">Đơn vị đã kết thúc hoạt động từ ngày %h. Dữ liệu vẫn được lưu và xem được "
		     "dưới đơn vị kế thừa.</p>",
		     html_date_vn(r->arena, u.valid_to));
	HTML(b,
	     "<dl class=\"facts\"><dt>Mã đơn vị</dt><dd><code>%h</code></dd>"
	     "<dt>Loại</dt><dd>%h</dd>",
	     u.code, unit_kind_vi(u.kind));
	if (u.parent_code && in_scope)
		HTML(b, "<dt>Trực thuộc</dt><dd><a href=\"/don-vi/%u\">%h</a></dd>", u.parent_code, u.parent_name);
	else if (u.parent_code)
		HTML(b, "<dt>Trực thuộc</dt><dd>%h</dd>", u.parent_name);
	HTML(b, "<dt>Hiệu lực từ</dt><dd>%h</dd><dt>Hiệu lực đến</dt><dd>%h</dd>",
	     u.valid_from ? html_date_vn(r->arena, u.valid_from) : "không xác định",
	     u.valid_to ? html_date_vn(r->arena, u.valid_to) : "nay (đang hoạt động)");
	if (d->succs.n) {
		HTML_LIT(b, "<dt>Đơn vị kế thừa</dt><dd><ul class=\"succ\">");
		for (size_t i = 0; i < d->succs.n; i++)
			HTML(b, "<li><a href=\"/don-vi/%u\">%h</a></li>", d->succs.v[i].code, d->succs.v[i].name);
		HTML_LIT(b, "</ul></dd>");
	} else if (u.successor_code) {
		HTML(b, "<dt>Đơn vị kế thừa</dt><dd><a href=\"/don-vi/%u\">%h</a></dd>", u.successor_code,
		     u.successor_name);
	}
	HTML_LIT(b, "</dl>");

	if (preds.n) {
		HTML(b,
		     "<section><h2>Đơn vị tiền thân (%d)</h2><p class=\"muted\">Các đơn vị đã sáp nhập vào "
		     "đơn vị này; dữ liệu của chúng xem được tại đây.</p><ul class=\"units\">",
		     preds.n);
		for (size_t i = 0; i < preds.n; i++) {
			HTML_LIT(b, "<li>");
			unit_link(r, b, &preds.v[i]);
			HTML_LIT(b, "</li>");
		}
		HTML_LIT(b, "</ul></section>");
	}

	HTML(b, "<section><h2>Đơn vị trực thuộc (%d)</h2>", kids.n);
	if (kids.n) {
		HTML_LIT(b, "<ul class=\"units\">");
		for (size_t i = 0; i < kids.n; i++) {
			HTML_LIT(b, "<li>");
			unit_link(r, b, &kids.v[i]);
			HTML_LIT(b, "</li>");
		}
		HTML_LIT(b, "</ul>");
	} else {
		HTML_LIT(b, "<p class=\"empty\">Không có đơn vị trực thuộc.</p>");
	}
	HTML_LIT(b, "</section>");
	unit_section_cascade(r, b, &u);
	unit_section_inspect(r, b, &u);

	HTML(b, "<section><h2>Văn bản (%d)</h2>", docs.n);
	if (docs.n) {
		HTML_LIT(b, "<table class=\"docs\"><thead><tr><th>Số, ký hiệu</th><th>Ngày</th><th>Trích yếu</th>"
			    "</tr></thead><tbody>");
		for (size_t i = 0; i < docs.n; i++) {
			const struct doc *dc = &docs.v[i];
			HTML(b, "<tr><td><a href=\"/van-ban/%d\">%h</a></td><td>%h</td><td>%h%H</td></tr>", dc->id,
			     dc->number ? dc->number : dc->kind, html_date_vn(r->arena, dc->doc_date), dc->title,
			     dc->demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>")
				      : HTML_SAFE_LIT(""));
		}
		HTML_LIT(b, "</tbody></table>");
	} else {
		HTML_LIT(b, "<p class=\"empty\">Chưa có văn bản.</p>");
	}
	HTML_LIT(b, "</section>");

	HTML(b, "<section><h2>Nhật ký hoạt động (%d)</h2>", events.n);
	if (events.n) {
		HTML_LIT(b, "<ol class=\"events\">");
		for (size_t i = 0; i < events.n; i++) {
			const struct event *ev = &events.v[i];
			HTML(b, "<li><time datetime=\"%h\">%h</time> <span class=\"cat\">%h</span> <strong>%h</strong>",
			     ev->event_date, html_date_vn(r->arena, ev->event_date), event_category_vi(ev->category),
			     ev->title);
			if (ev->unit_id != u.id)
				HTML(b, " <span class=\"muted\">(%h)</span>", ev->unit_name);
			if (ev->demo)
				HTML_LIT(b, " <span class=\"badge demo\">Dữ liệu mẫu</span>");
			if (ev->detail)
				HTML(b, "<p>%h</p>", ev->detail);
			if (ev->source)
				HTML(b, "<p class=\"source\">Nguồn: %h</p>", ev->source);
			HTML_LIT(b, "</li>");
		}
		HTML_LIT(b, "</ol>");
	} else {
		HTML_LIT(b, "<p class=\"empty\">Chưa có sự kiện nào.</p>");
	}
	HTML_LIT(b, "</section>");
	page_end(b);
}

/* ---- the account ---- */

static void account_view(struct req *r, struct resp *p, int status, const char *error)
{
	struct sbuf *b = &p->body;

	p->status = status;
	begin(r, p, "Tài khoản", "tai-khoan");
	HTML(b,
	     "<h1>Tài khoản của tôi</h1><dl class=\"facts\">"
	     "<dt>Tên đăng nhập</dt><dd>%h</dd><dt>Họ và tên</dt><dd>%h</dd>"
	     "<dt>Vai trò</dt><dd>%h</dd><dt>Phạm vi</dt><dd><a href=\"/don-vi/%u\">%h</a></dd></dl>",
	     r->acct.login, r->acct.display_name ? r->acct.display_name : "", role_vi(r->acct.role), r->acct.unit_code,
	     r->acct.unit_name);
	HTML_LIT(b, "<section><h2>Đổi mật khẩu</h2>");
	if (error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	else if (req_query(r, "da-doi"))
		HTML_LIT(b, "<p class=\"ok\" role=\"status\">Đã đổi mật khẩu.</p>");
	HTML_LIT(b, "<form method=\"post\" action=\"/tai-khoan/mat-khau\" class=\"form\">");
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"current\">Mật khẩu hiện tại</label>"
	     "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required>"
	     "<label for=\"new\">Mật khẩu mới (ít nhất %d ký tự)</label>"
	     "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" required>"
	     "<label for=\"again\">Nhập lại mật khẩu mới</label>"
	     "<input id=\"again\" name=\"again\" type=\"password\" autocomplete=\"new-password\" required>"
	     "<button type=\"submit\">Đổi mật khẩu</button></form></section>",
	     PASSWORD_MIN_LEN);
	page_end(b);
}

void page_account(struct req *r, struct resp *p)
{
	account_view(r, p, 200, NULL);
}

void page_password_post(struct req *r, struct resp *p)
{
	const char *cur = req_param(r, "current"), *nw = req_param(r, "new"), *again = req_param(r, "again");
	const char *why = NULL;
	struct account check;
	enum app_err e;

	if (!cur || !nw || !again || !*cur || !*nw) {
		account_view(r, p, 400, "Vui lòng nhập đủ mật khẩu hiện tại và mật khẩu mới.");
		return;
	}
	if (strcmp(nw, again) != 0) {
		account_view(r, p, 400, "Hai lần nhập mật khẩu mới không giống nhau.");
		return;
	}
	e = account_login(r->app->store, r->arena, r->acct.login, cur, r->addr, &check);
	if (e == APP_EAUTH || (e == APP_OK && check.id != r->acct.id)) {
		account_view(r, p, 403, "Mật khẩu hiện tại không đúng.");
		return;
	}
	if (e == APP_ETHROTTLED) {
		account_view(r, p, 429, web_err_message(e));
		return;
	}
	if (e == APP_OK)
		e = account_set_password(r->app->store, r->acct.login, nw, &why);
	if (e == APP_EINVAL) {
		account_view(r, p, 400, why ? why : "Mật khẩu mới không hợp lệ.");
		return;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "password");
		return;
	}
	/* The model ended every session of the account: forget them, open a new one here. */
	web_cache_invalidate();
	char token[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	if ((e = session_create(r->app->store, r->acct.id, SESSION_WEB, token, csrf)) != APP_OK) {
		web_fail(r, p, e, "password-session");
		return;
	}
	p->log_note = "password-changed";
	resp_header(p, r->arena, "Set-Cookie",
		    web_cookie(r, WEB_COOKIE_SESSION, arena_strdup(r->arena, token), SESSION_TTL_WEB));
	resp_redirect(p, r->arena, "/tai-khoan?da-doi=1");
}
