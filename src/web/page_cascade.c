/*
** Pages of the programmes cascade (issue 3, item 7): a directive with its
** indicators and the coverage of the reader's direct subordinates
** (/chuong-trinh/ID), and a unit's plan with its adopted indicators, its
** tasks, their missing elements and status, and the submit / return /
** accept forms (/ke-hoach/ID, POST /ke-hoach/ID/gui|tra-lai|chap-thuan);
** the same plan as JSON (GET /api/v1/plans/ID, docs/api.md).
**
** Access: a directive is shown to readers of its issuer and to the units it
** binds (the issuer is one of the reader's ancestors); a plan to readers of
** its unit. The state changes are the model's (plan_submit, plan_return,
** plan_accept), which check who may act; their refusals are shown as given.
*/
#include "util/util.h"
#include "web/internal.h"
#include "web/page_cascade.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>

#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "render/html.h"
#include "render/layout.h"
#include "store/store.h"

const char *pc_num_vn(struct arena *a, double v)
{
	char buf[48];
	int dec = 0;

	if (v != (double)(long long)v)
		dec = (v * 10.0 == (double)(long long)(v * 10.0)) ? 1 : 2;
	num_format_vn(v, dec, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

const char *pc_val(struct req *r, const char *name)
{
	const char *v = req_param(r, name);

	return v ? v : "";
}

bool pc_can_issue(struct req *r)
{
	return r->acct.unit_code && role_can_write(r->acct.role);
}

bool pc_parse_num(const char *s, double *out)
{
	char buf[64], *end;
	size_t n = 0, ndots = 0, ncomma = 0, after = 0, lead = 0;
	bool thousands, digits = false;

	/* the shape first: [+-] digits with '.' or ',' separators, spaces ignored */
	for (const char *c = s; *c; c++) {
		if (*c == ' ')
			continue;
		if ((*c == '-' || *c == '+') && !digits && !ndots && !ncomma && n == 0) {
			n++;
			continue;
		}
		if (*c >= '0' && *c <= '9') {
			digits = true;
			after++;
			if (!ndots && !ncomma)
				lead++;
		} else if (*c == '.' && !ncomma) {
			if (!digits || (ndots && after != 3))
				return false;
			ndots++;
			after = 0;
		} else if (*c == ',' && !ncomma) {
			if (!digits || (ndots && after != 3))
				return false;
			ncomma++;
			after = 0;
		} else
			return false;
	}
	if (!digits || after == 0 || (ndots > 1 && !ncomma && after != 3))
		return false;
	/* "1.234,5" and "1.234.567": dots group thousands; "95.5", "0.125": a decimal point */
	thousands = ncomma || ndots > 1 || (ndots == 1 && after == 3 && !(lead == 1 && s[strspn(s, " +-")] == '0'));
	n = 0;
	for (const char *c = s; *c; c++) {
		if (*c == ' ' || (*c == '.' && thousands))
			continue;
		if (n + 1 >= sizeof(buf))
			return false;
		buf[n++] = *c == ',' ? '.' : *c;
	}
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	return !errno && *end == '\0' && *out < 1e15 && *out > -1e15;
}

static const char *dir_vi(enum ind_dir d)
{
	return d == IND_DOWN ? "Càng thấp càng tốt" : "Càng cao càng tốt";
}

/* "Đảng ủy xã/phường, Chi bộ" or "Mọi đơn vị". */
static const char *kinds_vi(struct arena *a, unsigned kinds)
{
	struct sbuf s;
	const char *out;

	if (!kinds)
		return "Mọi đơn vị";
	sbuf_init(&s, 0);
	for (int k = 0; k < UNIT_KIND_COUNT; k++)
		if (kinds & (1u << k)) {
			if (s.len)
				sbuf_addstr(&s, ", ");
			sbuf_addstr(&s, unit_kind_vi((enum unit_kind)k));
		}
	out = arena_strdup(a, s.buf ? s.buf : "");
	sbuf_release(&s);
	return out;
}

/* True when the unit issuer_id is on the path from the root to the reader's unit. */
static bool binds_reader(struct req *r, int64_t issuer_id)
{
	struct unit_list path;

	if (!r->acct.unit_id)
		return false;
	if (r->acct.unit_id == issuer_id)
		return true;
	/* the path alone (one query), not the unit page's whole data */
	if (unit_path(r->app->store, r->arena, r->acct.unit_id, &path) != APP_OK)
		return false;
	for (size_t i = 0; i < path.n; i++)
		if (path.v[i].id == issuer_id)
			return true;
	return false;
}

bool pc_load_directive(struct req *r, struct resp *p, const char *id_text, struct directive *d, bool *in_scope)
{
	int64_t id;
	enum app_err e;
	struct indicator_list il;

	*in_scope = false;
	if (!parse_int64(id_text, &id) || id <= 0) {
		web_error_msg(r, p, 404, "Không có chương trình, văn bản chỉ đạo này.");
		return false;
	}
	e = directive_get(r->app->store, r->arena, id, d);
	if (e == APP_OK && !d->system) {
		/* a doc that was never registered as a directive, unless it has indicators */
		e = indicator_list(r->app->store, r->arena, id, &il);
		if (e == APP_OK && il.n == 0)
			e = APP_ENOTFOUND;
	}
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có chương trình, văn bản chỉ đạo này.");
		return false;
	}
	if (e == APP_OK)
		e = web_can_read(r, d->doc.unit_id, in_scope);
	if (e != APP_OK) {
		web_fail(r, p, e, "directive");
		return false;
	}
	if (!*in_scope && !binds_reader(r, d->doc.unit_id)) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem chương trình này: đơn vị ban hành nằm ngoài phạm vi "
			      "tài khoản của bạn và chương trình không áp dụng cho đơn vị của bạn.");
		return false;
	}
	return true;
}

static void write_indicators(struct req *r, struct sbuf *b, const struct indicator_list *il)
{
	HTML_LIT(b, "<section><h2>Chỉ tiêu</h2>");
	if (!il->n) {
		HTML_LIT(b, "<p class=\"empty\">Chương trình chưa có chỉ tiêu.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"indicators\"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th>"
		    "<th>Chiều</th><th>Mục tiêu</th><th>Cơ sở</th><th>Cách tổng hợp</th><th>Áp dụng cho</th>"
		    "</tr></thead><tbody>");
	for (size_t i = 0; i < il->n; i++) {
		const struct indicator *x = &il->v[i];

		HTML(b,
		     "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td>"
		     "<td class=\"num\">%h</td><td>%h</td><td>%h</td></tr>",
		     x->code, x->name, x->measure, dir_vi(x->dir),
		     x->has_target ? pc_num_vn(r->arena, x->target) : "Theo dõi",
		     x->has_baseline ? pc_num_vn(r->arena, x->baseline) : "—", ind_agg_vi(x->agg),
		     kinds_vi(r->arena, x->kinds));
	}
	HTML_LIT(b, "</tbody></table></section>");
}

/* The id of unit_id's plan among pls, or 0. */
static int64_t plan_of(const struct plan_list *pls, int64_t unit_id)
{
	for (size_t i = 0; i < pls->n; i++)
		if (pls->v[i].unit_id == unit_id)
			return pls->v[i].id;
	return 0;
}

static void write_coverage(struct sbuf *b, const struct coverage_list *cl, const struct plan_list *pls,
			   const char *scope_name)
{
	HTML(b, "<section><h2>Mức độ nhận chỉ tiêu của các đơn vị trực thuộc %h</h2>", scope_name);
	if (!cl->n) {
		HTML_LIT(b, "<p class=\"empty\">Không có đơn vị trực thuộc nào mà chỉ tiêu áp dụng.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"coverage\"><thead><tr><th>Đơn vị</th><th>Kế hoạch</th><th>Chỉ tiêu đã nhận"
		    "</th><th>Chưa lượng hóa</th><th>Thấp hơn cấp trên</th></tr></thead><tbody>");
	for (size_t i = 0; i < cl->n; i++) {
		const struct coverage *c = &cl->v[i];
		char ratio[32];

		int64_t pid = c->has_plan ? plan_of(pls, c->unit_id) : 0;

		coverage_ratio(c, ratio, sizeof(ratio));
		HTML(b, "<tr><td><a href=\"/don-vi/%u\">%h</a></td><td>", c->unit_code, c->unit_name);
		if (pid)
			HTML(b, "<a href=\"/ke-hoach/%d\">Có</a>", pid);
		else if (c->has_plan)
			HTML_LIT(b, "Có");
		else
			HTML_LIT(b, "Chưa có");
		HTML(b, "</td><td class=\"num\">%h</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", ratio,
		     (long long)c->unmeasurable, (long long)c->weaker);
	}
	HTML_LIT(b, "</tbody></table></section>");
}

/* The normalisation notes of a number just registered (?ok=dang-ky&so=TYPED). */
static void write_registered(struct req *r, struct sbuf *b, const struct directive *d)
{
	const char *ok = req_query(r, "ok"), *typed = req_query(r, "so");
	struct docnum n;
	enum docnum_reason why;

	if (!ok)
		return;
	if (strcmp(ok, "chi-tieu") == 0) {
		HTML_LIT(b, "<p class=\"ok\" role=\"status\">Đã thêm chỉ tiêu.</p>");
		return;
	}
	if (strcmp(ok, "dang-ky") != 0)
		return;
	HTML(b, "<div class=\"ok\" role=\"status\"><p>Đã đăng ký văn bản số %h.</p>", d->doc.number);
	if (typed && d->doc.number && docnum_parse(typed, &n, &why) == APP_OK &&
	    strcmp(n.canonical, d->doc.number) == 0) {
		if (strcmp(typed, n.canonical) != 0)
			HTML(b, "<p>Đã chuẩn hoá «%h» thành «%h».</p>", typed, n.canonical);
		if (n.nnotes) {
			HTML_LIT(b, "<ul class=\"notes\">");
			for (int i = 0; i < n.nnotes; i++)
				HTML(b, "<li>%h</li>", docnum_reason_vi(n.notes[i]));
			HTML_LIT(b, "</ul>");
		}
	}
	if (d->series)
		HTML(b, "<p>Số thứ tự %d trong %h %h.</p>", d->n,
		     d->system && strcmp(d->system, "party") == 0 ? "nhiệm kỳ" : "năm", d->series);
	HTML_LIT(b, "</div>");
}

static void write_links(struct sbuf *b, const struct directive *d)
{
	if (!d->nlinks)
		return;
	HTML_LIT(b, "<section><h2>Văn bản liên quan</h2><ul class=\"doc-links\">");
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct directive_link *l = &d->links[i];

		HTML(b, "<li>%h%h: <a href=\"/van-ban/%d\">%h</a> %h</li>", doc_rel_vi(l->rel),
		     l->incoming ? " (văn bản khác dẫn chiếu văn bản này)" : "", l->doc_id, l->number ? l->number : "",
		     l->title ? l->title : "");
	}
	HTML_LIT(b, "</ul></section>");
}

/*
** The reader's own plan for the directive: a link when it exists, else the
** creation form for a writer of a unit the directive binds.
*/
static void write_own_plan(struct req *r, struct sbuf *b, const struct directive *d, const char *form,
			   const char *error)
{
	int64_t pid = 0;
	char today[11], vn[11];
	const char *title, *date;
	bool keep = form && strcmp(form, "ke-hoach") == 0;

	if (keep && error &&
	    (!r->acct.unit_id || r->acct.unit_id == d->doc.unit_id || !role_can_write(r->acct.role) ||
	     (plan_find(r->app->store, r->acct.unit_id, d->doc.id, &pid) == APP_OK && pid))) {
		/* no form to re-show: the refusal stands alone */
		HTML(b, "<p class=\"alert\" role=\"alert\" id=\"lap-ke-hoach\">%h</p>", error);
		pid = 0;
	}
	if (!r->acct.unit_id || r->acct.unit_id == d->doc.unit_id)
		return;
	if (plan_find(r->app->store, r->acct.unit_id, d->doc.id, &pid) == APP_OK && pid) {
		HTML(b,
		     "<section class=\"own-plan\"><h2>Kế hoạch của %h</h2><p><a href=\"/ke-hoach/%d\">Mở kế hoạch "
		     "thực hiện của đơn vị</a></p></section>",
		     r->acct.unit_name, pid);
		return;
	}
	if (!role_can_write(r->acct.role))
		return;
	date_today(today);
	date_iso_to_vn(today, vn);
	title = keep ? pc_val(r, "title")
		     : arena_printf(r->arena, "Kế hoạch thực hiện %s", d->doc.number ? d->doc.number : d->doc.title);
	date = keep ? pc_val(r, "plan_date") : vn;
	HTML(b, "<section class=\"own-plan\" id=\"lap-ke-hoach\"><h2>Lập kế hoạch thực hiện của %h</h2>",
	     r->acct.unit_name);
	if (keep && error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML(b, "<form class=\"form\" method=\"post\" action=\"/chuong-trinh/%d/ke-hoach\">", d->doc.id);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"plan-title\">Trích yếu kế hoạch</label><input id=\"plan-title\" name=\"title\" "
	     "value=\"%h\" required><label for=\"plan-date\">Ngày kế hoạch (dd/mm/yyyy)</label>"
	     "<input id=\"plan-date\" name=\"plan_date\" value=\"%h\" placeholder=\"dd/mm/yyyy\" required>"
	     "<button type=\"submit\">Lập kế hoạch</button></form></section>",
	     title, date);
}

void page_directive(struct req *r, struct resp *p, const char *id_text)
{
	page_directive_view(r, p, id_text, 200, NULL, NULL);
}

void page_directive_view(struct req *r, struct resp *p, const char *id_text, int status, const char *form,
			 const char *error)
{
	struct directive d;
	struct indicator_list il;
	struct coverage_list cl;
	struct plan_list pls;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	bool in_scope;
	int64_t scope;
	const char *scope_name;
	enum app_err e;

	if (!pc_load_directive(r, p, id_text, &d, &in_scope))
		return;
	/* the issuer's subordinates when the reader oversees the issuer, else the reader's own */
	scope = in_scope ? d.doc.unit_id : r->acct.unit_id;
	scope_name = in_scope ? d.doc.unit_name : r->acct.unit_name;
	if ((e = indicator_list(r->app->store, r->arena, d.doc.id, &il)) != APP_OK ||
	    (e = coverage_children(r->app->store, r->arena, d.doc.id, scope, &cl)) != APP_OK ||
	    (e = plan_list_children(r->app->store, r->arena, d.doc.id, scope, &pls)) != APP_OK) {
		web_fail(r, p, e, "directive");
		return;
	}
	p->status = status;
	c = (struct page_ctx){ .title = d.doc.title, .acct = &r->acct, .csrf = r->csrf, .nav = "chuong-trinh" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Chương trình\"><ol><li><a href=\"/chuong-trinh\">Chương trình"
	     "</a></li><li><a href=\"/don-vi/%u\">%h</a></li><li aria-current=\"page\">%h</li></ol></nav>",
	     d.doc.unit_code, d.doc.unit_name, d.doc.number ? d.doc.number : "Chương trình");
	write_registered(r, b, &d);
	HTML(b,
	     "<h1>%h</h1><dl class=\"facts\"><dt>Số, ký hiệu</dt><dd>%h</dd><dt>Ngày</dt><dd>%h</dd>"
	     "<dt>Đơn vị ban hành</dt><dd><a href=\"/don-vi/%u\">%h</a></dd>",
	     d.doc.title, d.doc.number ? d.doc.number : "—",
	     d.doc.doc_date ? html_date_vn(r->arena, d.doc.doc_date) : "—", d.doc.unit_code, d.doc.unit_name);
	if (d.period_from || d.period_to)
		HTML(b, "<dt>Thời gian thực hiện</dt><dd>%h – %h</dd>",
		     d.period_from ? html_date_vn(r->arena, d.period_from) : "…",
		     d.period_to ? html_date_vn(r->arena, d.period_to) : "…");
	HTML(b, "<dt>Toàn văn</dt><dd><a href=\"/van-ban/%d\">Xem văn bản</a></dd></dl>", d.doc.id);
	write_links(b, &d);
	write_own_plan(r, b, &d, form, error);
	write_indicators(r, b, &il);
	if (in_scope && pc_can_issue(r) && r->acct.unit_id == d.doc.unit_id)
		pc_write_indicator_form(r, b, d.doc.id, form && strcmp(form, "chi-tieu") == 0 ? error : NULL);
	write_coverage(b, &cl, &pls, scope_name);
	page_end(b);
}

bool pc_load_plan(struct req *r, struct resp *p, const char *id_text, struct plan *pl)
{
	int64_t id;
	bool ok = false;
	enum app_err e;

	if (!parse_int64(id_text, &id) || id <= 0) {
		web_error_msg(r, p, 404, "Không có kế hoạch này.");
		return false;
	}
	e = plan_get(r->app->store, r->arena, id, pl);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có kế hoạch này.");
		return false;
	}
	if (e == APP_OK)
		e = web_can_read(r, pl->unit_id, &ok);
	if (e != APP_OK) {
		web_fail(r, p, e, "plan");
		return false;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem kế hoạch này: đơn vị của kế hoạch nằm ngoài phạm vi "
			      "tài khoản của bạn.");
		return false;
	}
	return true;
}

bool pc_can_edit_plan(struct req *r, const struct plan *pl)
{
	bool w = false;

	return (pl->state == PLAN_DRAFT || pl->state == PLAN_RETURNED) &&
	       (r->acct.unit_id == pl->unit_id || r->acct.role == ROLE_ADMIN) &&
	       access_can_write(r->app->store, &r->acct, pl->unit_id, &w) == APP_OK && w;
}

bool pc_can_mark_done(struct req *r, const struct plan *pl)
{
	bool w = false;

	return (r->acct.unit_id == pl->unit_id || r->acct.role == ROLE_ADMIN) &&
	       access_can_write(r->app->store, &r->acct, pl->unit_id, &w) == APP_OK && w;
}

/* What the reader may do with the plan now (the model checks again). */
static void plan_rights(struct req *r, const struct plan *pl, bool *submit, bool *review)
{
	struct unit u;
	bool w = false;

	*review = false;
	*submit = pc_can_edit_plan(r, pl);
	if (pl->state == PLAN_SUBMITTED && unit_get_by_code(r->app->store, r->arena, pl->unit_code, &u) == APP_OK &&
	    u.parent_id && access_can_write(r->app->store, &r->acct, u.parent_id, &w) == APP_OK && w)
		*review = true;
}

static const char *const TS_CLS[TS_COUNT] = { "ts-ontime", "ts-late", "ts-open", "ts-overdue" };
static const char *const TS_FILL[TS_COUNT] = { "#15803d", "#ca8a04", "#2563eb", "#b91c1c" };

/* Bars of the four task states as inline SVG (presentation attributes only: CSP; prints on A4). */
static void write_status_chart(struct req *r, struct sbuf *b, const int64_t n[TS_COUNT], size_t total)
{
	int64_t max = 1;

	for (int i = 0; i < TS_COUNT; i++)
		if (n[i] > max)
			max = n[i];
	HTML(b,
	     "<figure class=\"ts-chart\"><svg viewBox=\"0 0 640 %d\" width=\"100%%\" role=\"img\" "
	     "aria-label=\"Tình trạng %d nhiệm vụ\">",
	     (long long)(TS_COUNT * 28 + 4), (long long)total);
	for (int i = 0; i < TS_COUNT; i++) {
		long long w = (long long)(n[i] * 380 / max);
		char cnt[32];

		num_format_vn((double)n[i], 0, cnt, sizeof(cnt));
		HTML(b,
		     "<text x=\"0\" y=\"%d\" font-size=\"13\" fill=\"#111\">%h</text>"
		     "<rect class=\"%h\" fill=\"%h\" x=\"200\" y=\"%d\" width=\"%d\" height=\"20\" stroke=\"#111\" "
		     "stroke-width=\"0.5\"/><text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#111\">%h</text>",
		     (long long)(i * 28 + 16), task_status_vi((enum task_status)i), TS_CLS[i], TS_FILL[i],
		     (long long)(i * 28 + 2), w, 206 + w, (long long)(i * 28 + 16), cnt);
	}
	(void)r;
	HTML_LIT(b, "</svg><figcaption>Tình trạng thực hiện nhiệm vụ tính đến hôm nay</figcaption></figure>");
}

static void write_tasks(struct req *r, struct sbuf *b, const struct plan *pl, const char *today, bool edit, bool mark)
{
	int64_t n[TS_COUNT] = { 0 };
	char today_vn[11];

	date_iso_to_vn(today, today_vn);
	HTML(b, "<section><h2>Nhiệm vụ</h2><p>%d nhiệm vụ; %d nhiệm vụ còn thiếu yếu tố.</p>", (long long)pl->ntasks,
	     (long long)pl->ntasks_failing);
	if (!pl->ntasks) {
		HTML_LIT(b, "<p class=\"empty\">Kế hoạch chưa có nhiệm vụ.</p></section>");
		return;
	}
	for (size_t i = 0; i < pl->ntasks; i++)
		n[task_status_of(pl->tasks[i].deadline, pl->tasks[i].done_date, today)]++;
	write_status_chart(r, b, n, pl->ntasks);
	HTML_LIT(b, "<table class=\"tasks\"><thead><tr><th>Số</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn"
		    "</th><th>Tình trạng</th><th>Còn thiếu</th><th>Hoàn thành</th>");
	if (edit)
		HTML_LIT(b, "<th>Sửa</th>");
	HTML_LIT(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < pl->ntasks; i++) {
		const struct plan_task_row *k = &pl->tasks[i];
		enum task_status ts = task_status_of(k->deadline, k->done_date, today);

		HTML(b,
		     "<tr id=\"nv-%d\"><td>%h</td><td>%h</td><td>%h</td><td>%h</td><td><span class=\"%h\">%h</span></td>"
		     "<td class=\"check\">",
		     k->id, k->number ? k->number : "", k->content ? k->content : "", k->lead ? k->lead : "—",
		     k->deadline ? html_date_vn(r->arena, k->deadline) : "—", TS_CLS[ts], task_status_vi(ts));
		if (!k->missing)
			HTML_LIT(b, "<span class=\"task-ok\">Đủ</span>");
		for (int e = 0; e < PE_COUNT; e++)
			if (k->missing & (1u << e))
				HTML(b, "<span class=\"miss\">%h</span> ", plan_elem_vi((enum plan_elem)e));
		HTML_LIT(b, "</td><td class=\"done\">");
		if (k->done_date) {
			HTML(b, "%h", html_date_vn(r->arena, k->done_date));
			if (mark) {
				HTML(b,
				     "<form class=\"inline\" method=\"post\" action=\"/ke-hoach/%d/nhiem-vu/%d/mo-lai\">",
				     pl->id, k->id);
				page_csrf_field(b, r->csrf);
				HTML_LIT(b, "<button type=\"submit\">Mở lại</button></form>");
			}
		} else if (mark) {
			HTML(b,
			     "<form class=\"mark-done\" method=\"post\" action=\"/ke-hoach/%d/nhiem-vu/%d/hoan-thanh\">",
			     pl->id, k->id);
			page_csrf_field(b, r->csrf);
			HTML(b,
			     "<input name=\"ngay\" value=\"%h\" placeholder=\"dd/mm/yyyy\" aria-label=\"Ngày hoàn thành "
			     "nhiệm vụ %h\"><button type=\"submit\">Ghi nhận</button></form>",
			     today_vn, k->number ? k->number : "");
		} else
			HTML_LIT(b, "—");
		HTML_LIT(b, "</td>");
		if (edit) {
			HTML(b,
			     "<td><a href=\"/ke-hoach/%d/nhiem-vu/%d\">Sửa</a><form class=\"inline\" method=\"post\" "
			     "action=\"/ke-hoach/%d/nhiem-vu/%d/xoa\">",
			     pl->id, k->id, pl->id, k->id);
			page_csrf_field(b, r->csrf);
			HTML_LIT(b, "<button type=\"submit\">Xóa</button></form></td>");
		}
		HTML_LIT(b, "</tr>");
	}
	HTML_LIT(b, "</tbody></table></section>");
}

static void write_adopted(struct req *r, struct sbuf *b, const struct coverage *cv)
{
	if (!cv)
		return;
	HTML_LIT(b, "<section><h2>Chỉ tiêu của kế hoạch</h2>");
	if (!cv->nitems) {
		HTML_LIT(b, "<p class=\"empty\">Không có chỉ tiêu nào áp dụng cho đơn vị.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"indicators\"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th>"
		    "<th>Mục tiêu của đơn vị</th><th>Mục tiêu cấp trên</th><th>Đánh giá</th></tr></thead><tbody>");
	for (size_t i = 0; i < cv->nitems; i++) {
		const struct coverage_item *it = &cv->items[i];

		HTML(b,
		     "<tr><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td><td class=\"num\">%h</td>"
		     "<td>%h</td></tr>",
		     it->code, it->name, it->measure, it->has_local ? pc_num_vn(r->arena, it->local_target) : "—",
		     it->has_superior ? pc_num_vn(r->arena, it->superior_target) : "—", cov_state_vi(it->state));
	}
	HTML_LIT(b, "</tbody></table></section>");
}

static void write_actions(struct req *r, struct sbuf *b, const struct plan *pl)
{
	bool submit, review, ok = true, checked;
	const char *summary = NULL;

	plan_rights(r, pl, &submit, &review);
	if (!submit && !review)
		return;
	HTML_LIT(b, "<section class=\"actions\"><h2>Xử lý kế hoạch</h2>");
	checked = plan_db_check(r->app->store, r->arena, pl->id, &ok, &summary) == APP_OK;
	if (!checked)
		ok = true;
	if (submit) {
		/* the clerk sees what the superior will see before sending it */
		if (checked)
			HTML(b, "<p class=\"%h\">%h%h</p>", ok ? "check-ok" : "notice check-fail",
			     ok ? "Kế hoạch đạt yêu cầu kiểm tra: mọi nhiệm vụ đủ yếu tố, mọi chỉ tiêu áp dụng đã nhận và "
				  "lượng hóa."
				: "Kế hoạch chưa đạt yêu cầu kiểm tra: ",
			     ok || !summary ? "" : summary);
		HTML(b, "<form method=\"post\" action=\"/ke-hoach/%d/gui\">", pl->id);
		page_csrf_field(b, r->csrf);
		HTML_LIT(b, "<button type=\"submit\">Gửi cấp trên</button></form>");
	}
	if (review) {
		HTML(b, "<form method=\"post\" action=\"/ke-hoach/%d/tra-lai\">", pl->id);
		page_csrf_field(b, r->csrf);
		HTML_LIT(b, "<label>Lý do trả lại <input name=\"reason\" required></label> "
			    "<button type=\"submit\">Trả lại</button></form>");
		HTML(b, "<form method=\"post\" action=\"/ke-hoach/%d/chap-thuan\">", pl->id);
		page_csrf_field(b, r->csrf);
		if (!ok)
			HTML(b,
			     "<p class=\"notice\">Kế hoạch chưa đạt yêu cầu: %h Chỉ lãnh đạo hoặc quản trị viên "
			     "được chấp thuận, với lý do.</p><label>Lý do chấp thuận <input name=\"override\" "
			     "required></label> ",
			     summary ? summary : "");
		HTML_LIT(b, "<button type=\"submit\">Chấp thuận</button></form>");
	}
	HTML_LIT(b, "</section>");
}

static const struct {
	const char *code, *msg;
} PLAN_OK[] = {
	{ "lap", "Đã lập kế hoạch (dự thảo). Nhận chỉ tiêu và thêm nhiệm vụ rồi gửi cấp trên." },
	{ "chi-tieu", "Đã lưu các chỉ tiêu đơn vị nhận." },
	{ "nhiem-vu", "Đã thêm nhiệm vụ." },
	{ "sua", "Đã lưu nhiệm vụ." },
	{ "xoa", "Đã xóa nhiệm vụ." },
	{ "hoan-thanh", "Đã ghi nhận nhiệm vụ hoàn thành." },
	{ "mo-lai", "Đã mở lại nhiệm vụ: chưa hoàn thành." },
	{ "gui", "Đã gửi kế hoạch lên cấp trên." },
	{ "tra-lai", "Đã trả lại kế hoạch kèm lý do." },
	{ "chap-thuan", "Đã chấp thuận kế hoạch." },
};

static void write_plan_flash(struct req *r, struct sbuf *b, const char *form, const char *error, bool edit)
{
	const char *ok = req_query(r, "ok"), *n = req_query(r, "n");

	if (error && (!form || !edit)) { /* no form to show it beside */
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
		return;
	}
	if (!ok || error)
		return;
	if (strcmp(ok, "nhap-tep") == 0) {
		HTML(b, "<p class=\"ok\" role=\"status\">Đã nhập %h nhiệm vụ từ tệp.</p>", n ? n : "");
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(PLAN_OK); i++)
		if (strcmp(ok, PLAN_OK[i].code) == 0)
			HTML(b, "<p class=\"ok\" role=\"status\">%h</p>", PLAN_OK[i].msg);
}

/* On a returned plan, the superior's latest reason. */
static void write_returned(struct sbuf *b, const struct plan *pl, const struct plan_event *v, size_t n)
{
	if (pl->state != PLAN_RETURNED)
		return;
	for (size_t i = n; i-- > 0;)
		if (strcmp(v[i].action, "return") == 0) {
			HTML(b, "<p class=\"notice returned\">Cấp trên trả lại kế hoạch: %h</p>",
			     v[i].reason ? v[i].reason : "");
			return;
		}
}

/* The plan's history (the audit entries of its creation, imports and changes of state). */
static void write_history(struct sbuf *b, const struct plan_event *v, size_t n)
{
	if (!n)
		return;
	HTML_LIT(b, "<section class=\"history\"><h2>Quá trình xử lý</h2><table class=\"history\"><thead><tr>"
		    "<th>Thời gian</th><th>Việc</th><th>Người thực hiện</th><th>Lý do</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		char t[17];

		time_format_vn(v[i].at, t);
		HTML(b, "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>", t, v[i].action_vi,
		     v[i].who ? v[i].who : "Hệ thống (dòng lệnh)", v[i].reason ? v[i].reason : "");
	}
	HTML_LIT(b, "</tbody></table></section>");
}

void page_plan(struct req *r, struct resp *p, const char *id_text)
{
	page_plan_view(r, p, id_text, 200, NULL, NULL);
}

void page_plan_view(struct req *r, struct resp *p, const char *id_text, int status, const char *form, const char *error)
{
	struct plan pl;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	char today[11];
	bool edit;
	struct plan_event *hist = NULL;
	size_t nhist = 0;
	struct coverage cv;
	bool have_cv;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (plan_history(r->app->store, r->arena, pl.id, &hist, &nhist) != APP_OK)
		nhist = 0;
	date_today(today);
	edit = pc_can_edit_plan(r, &pl);
	p->status = status;
	c = (struct page_ctx){ .title = pl.title, .acct = &r->acct, .csrf = r->csrf, .nav = "chuong-trinh" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Chương trình\"><ol><li><a href=\"/chuong-trinh/%d\">%h</a></li>"
	     "<li><a href=\"/don-vi/%u\">%h</a></li><li aria-current=\"page\">Kế hoạch</li></ol></nav>",
	     pl.directive_id, pl.directive_number ? pl.directive_number : "Chương trình", pl.unit_code, pl.unit_name);
	write_plan_flash(r, b, form, error, edit);
	HTML(b, "<h1>%h</h1>", pl.title);
	write_returned(b, &pl, hist, nhist);
	HTML(b,
	     "<dl class=\"facts\"><dt>Đơn vị</dt><dd><a href=\"/don-vi/%u\">%h</a></dd><dt>Thực hiện</dt>"
	     "<dd><a href=\"/chuong-trinh/%d\">%h</a> %h</dd><dt>Ngày</dt><dd>%h</dd><dt>Trạng thái</dt>"
	     "<dd><span class=\"plan-state\">%h</span></dd>",
	     pl.unit_code, pl.unit_name, pl.directive_id, pl.directive_number ? pl.directive_number : "",
	     pl.directive_title ? pl.directive_title : "", pl.plan_date ? html_date_vn(r->arena, pl.plan_date) : "—",
	     plan_state_vi(pl.state));
	if (pl.override_reason)
		HTML(b, "<dt>Lý do chấp thuận khi chưa đạt</dt><dd>%h</dd>", pl.override_reason);
	HTML_LIT(b, "</dl>");
	HTML(b,
	     "<p class=\"downloads\"><a class=\"download\" href=\"/ke-hoach/%d/tai-ve.xlsx\">Tải về bảng tính "
	     "(.xlsx)</a> <a class=\"download\" href=\"/ke-hoach/%d/tai-ve.docx\">Tải về văn bản (.docx)</a></p>",
	     pl.id, pl.id);
	write_actions(r, b, &pl);
	/* one coverage read for the adopted table and the adopt form */
	have_cv = coverage_unit(r->app->store, r->arena, pl.directive_id, pl.unit_id, &cv, true) == APP_OK;
	write_adopted(r, b, have_cv ? &cv : NULL);
	write_tasks(r, b, &pl, today, edit, pc_can_mark_done(r, &pl));
	if (edit)
		pc_write_plan_edit(r, b, &pl, have_cv ? &cv : NULL, form, error);
	write_history(b, hist, nhist);
	page_end(b);
}

/* POST /ke-hoach/ID/{gui,tra-lai,chap-thuan}: the CSRF field was checked by the router. */
void page_plan_post(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct plan pl;
	const char *why = NULL;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (strcmp(action, "gui") == 0)
		e = plan_submit(r->app->store, &r->acct, pl.id, &why);
	else if (strcmp(action, "tra-lai") == 0)
		e = plan_return(r->app->store, &r->acct, pl.id, req_param(r, "reason"), &why);
	else if (strcmp(action, "chap-thuan") == 0)
		e = plan_accept(r->app->store, &r->acct, pl.id, req_param(r, "override"), &why);
	else {
		web_error(r, p, 404);
		return;
	}
	switch (e) {
	case APP_OK:
		resp_redirect(p, r->arena, arena_printf(r->arena, "/ke-hoach/%lld?ok=%s", (long long)pl.id, action));
		return;
	case APP_EDENIED: web_error_msg(r, p, 403, why ? why : "Bạn không có quyền xử lý kế hoạch này."); return;
	case APP_ECONFLICT: /* the plan page again, with the refusal on top */
		page_plan_view(r, p, id_text, 409, NULL,
			       why ? why : "Trạng thái của kế hoạch không cho phép thao tác này.");
		return;
	case APP_EINVAL: page_plan_view(r, p, id_text, 422, NULL, why ? why : "Dữ liệu gửi lên không hợp lệ."); return;
	default: web_fail(r, p, e, "plan-state");
	}
}

static json_t *js(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* GET /api/v1/plans/ID: the plan, its check, its tasks with missing elements and status as of today. */
void api_plan_get(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	bool ok = true;
	const char *summary = NULL;
	char today[11];
	int64_t n[TS_COUNT] = { 0 };
	json_t *o, *tasks, *counts, *chk;
	char *out;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if ((e = plan_db_check(r->app->store, r->arena, pl.id, &ok, &summary)) != APP_OK) {
		web_fail(r, p, e, "api-plan");
		return;
	}
	date_today(today);
	o = json_object();
	json_object_set_new(o, "id", json_integer(pl.id));
	json_object_set_new(o, "title", js(pl.title));
	json_object_set_new(o, "number", js(pl.number));
	json_object_set_new(o, "plan_date", js(pl.plan_date));
	json_object_set_new(o, "unit", json_pack("{s:s?,s:s?}", "code", pl.unit_code, "name", pl.unit_name));
	json_object_set_new(o, "directive",
			    json_pack("{s:I,s:s?,s:s?}", "id", (json_int_t)pl.directive_id, "number",
				      pl.directive_number, "title", pl.directive_title));
	json_object_set_new(o, "state", json_string(plan_state_code(pl.state)));
	json_object_set_new(o, "state_label", json_string(plan_state_vi(pl.state)));
	json_object_set_new(o, "override_reason", js(pl.override_reason));
	chk = json_object();
	json_object_set_new(chk, "ok", json_boolean(ok));
	json_object_set_new(chk, "summary", js(ok ? NULL : summary));
	json_object_set_new(chk, "tasks_failing", json_integer((json_int_t)pl.ntasks_failing));
	json_object_set_new(o, "check", chk);
	json_object_set_new(o, "as_of", json_string(today));
	tasks = json_array();
	for (size_t i = 0; i < pl.ntasks; i++) {
		const struct plan_task_row *k = &pl.tasks[i];
		enum task_status ts = task_status_of(k->deadline, k->done_date, today);
		json_t *t = json_object(), *miss = json_array();

		n[ts]++;
		json_object_set_new(t, "id", json_integer(k->id));
		json_object_set_new(t, "number", js(k->number));
		json_object_set_new(t, "content", js(k->content));
		json_object_set_new(t, "lead", js(k->lead));
		json_object_set_new(t, "lead_kind", json_string(k->lead_kind == LEAD_PERSON ? "person" : "unit"));
		json_object_set_new(t, "cooperate", js(k->cooperate));
		json_object_set_new(t, "process", js(k->process));
		json_object_set_new(t, "responsibility", js(k->responsibility));
		json_object_set_new(t, "result", js(k->result));
		json_object_set_new(t, "deadline", js(k->deadline));
		json_object_set_new(t, "done_date", js(k->done_date));
		json_object_set_new(t, "indicator", js(k->indicator_code));
		for (int el = 0; el < PE_COUNT; el++)
			if (k->missing & (1u << el))
				json_array_append_new(miss, json_string(plan_elem_code((enum plan_elem)el)));
		json_object_set_new(t, "missing", miss);
		json_object_set_new(t, "status", json_string(task_status_code(ts)));
		json_array_append_new(tasks, t);
	}
	counts = json_object();
	for (int i = 0; i < TS_COUNT; i++)
		json_object_set_new(counts, task_status_code((enum task_status)i), json_integer(n[i]));
	json_object_set_new(o, "status_counts", counts);
	json_object_set_new(o, "tasks", tasks);
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!out) {
		web_fail(r, p, APP_ENOMEM, "api-plan");
		return;
	}
	p->status = 200;
	p->content_type = "application/json; charset=utf-8";
	sbuf_addstr(&p->body, out);
	free(out);
}
