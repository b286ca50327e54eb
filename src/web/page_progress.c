/*
** Progress pages (issue 3, item 6; page_progress.h):
**
**   GET  /tien-do/CODE[?ct=ID&ky=KỲ&ngay=dd/mm/yyyy]  the progress table of a unit for a directive:
**        each indicator's roll-up by its rule for the period, the subordinates' figures, the four
**        task states as of the date, the unit's own values with evidence, the entry form
**   POST /tien-do/CODE/nhap                           a value with an evidence file (multipart)
**   GET  /tien-do/CODE/tai-ve.xlsx|.docx              the progress table as a spreadsheet / party document
**   GET  /don-doc/CODE[?ngay=&trong=N]                the reminder (đôn đốc) list, by lead
**   GET  /bao-phu/ID[?don-vi=CODE]                    the coverage report of a directive, worst first
**   GET  /bao-phu/ID/tai-ve.xlsx|.docx
**   GET  /minh-chung-tien-do/VALUE/HASH               an evidence file (attachment, nosniff)
**
** and the /api/v1 endpoints of progress (docs/api.md). Every page checks
** that the account may read the unit (web_can_read); entering a value is
** the model's progress_record, which checks that it may write it.
*/
#include "util/util.h"
#include "web/page_progress.h"

#include <jansson.h>
#include <math.h>
#include <unistd.h>

#include "model/attachment.h"
#include "model/coverage.h"
#include "model/plan.h"
#include "model/progress.h"
#include "render/cascade_docx.h"
#include "render/cascade_xlsx.h"
#include "render/chart_svg.h"
#include "render/html.h"
#include "render/layout.h"
#include "store/store.h"
#include "web/page_cascade.h"

static const char XLSX_TYPE[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
static const char DOCX_TYPE[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const char *prog_num(struct arena *a, double v)
{
	return chart_num(a, v);
}

/* A query parameter, or for a POST the form field. */
static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_query(r, name);

	return v ? v : req_param(r, name);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool prog_ky_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 4 || !all_digits(s, 4) || s[0] < '1' || s[0] > '2' || (s[0] == '1' && s[1] < '9'))
		return false; /* years 1900..2999 */
	if (n == 4)
		return true;
	if (n == 7 && s[4] == '-' && s[5] == 'Q')
		return s[6] >= '1' && s[6] <= '4';
	if (n == 7 && s[4] == '-' && all_digits(s + 5, 2))
		return strtol(s + 5, NULL, 10) >= 1 && strtol(s + 5, NULL, 10) <= 12;
	return n == 9 && s[4] == '-' && all_digits(s + 5, 4);
}

const char *prog_period_for(struct arena *a, const struct indicator *x, const char *ky)
{
	int y = (int)strtol(ky, NULL, 10), q = 4, m = 12;
	size_t n = strlen(ky);

	if (n == 7 && ky[5] == 'Q') {
		q = ky[6] - '0';
		m = q * 3;
	} else if (n == 7) {
		m = (int)strtol(ky + 5, NULL, 10);
		q = (m + 2) / 3;
	}
	switch (x->period) {
	case PER_YEAR: return arena_printf(a, "%04d", y);
	case PER_QUARTER: return arena_printf(a, "%04d-Q%d", y, q);
	case PER_MONTH: return arena_printf(a, "%04d-%02d", y, m);
	case PER_TERM:
		if (n == 9)
			return ky;
		{
			int start = 2020 + 5 * ((y - 2021) >= 0 ? (y - 2021) / 5 : -((2025 - y) / 5));
			return arena_printf(a, "%04d-%04d", start, start + 5);
		}
	default: return ky;
	}
}

static bool binds_unit(const struct unit_data *ud, int64_t issuer_id)
{
	if (ud->u.id == issuer_id)
		return true;
	for (size_t i = 0; i < ud->path.n; i++)
		if (ud->path.v[i].id == issuer_id)
			return true;
	return false;
}

bool prog_load(struct req *r, struct resp *p, const char *code, bool need_directive, struct prog_ctx *c)
{
	const char *ngay = arg(r, "ngay"), *ky = arg(r, "ky"), *ct = arg(r, "ct");
	if (!ngay)
		ngay = arg(r, "as_of");
	if (!ky)
		ky = arg(r, "period");
	if (!ct)
		ct = arg(r, "directive");
	bool ok = false, get = strcmp(r->method, "POST") != 0;
	struct indicator_list all;
	int64_t id;
	enum app_err e;

	memset(c, 0, sizeof(*c));
	if (!code || !unit_code_valid(code)) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return false;
	}
	e = web_unit_data(r, code, true, &c->ud);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có đơn vị với mã này.");
		return false;
	}
	if (e == APP_OK)
		e = web_can_read(r, c->ud->u.id, &ok);
	if (e != APP_OK) {
		web_fail(r, p, e, "progress-unit");
		return false;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem đơn vị này: đơn vị nằm ngoài phạm vi tài khoản của bạn.");
		return false;
	}
	if (ngay && *ngay) {
		if (!date_parse(ngay, c->asof)) {
			web_error_msg(r, p, 400, "Ngày không hợp lệ: hãy viết theo dạng dd/mm/yyyy, ví dụ 30/06/2026.");
			return false;
		}
	} else {
		date_today(c->asof);
	}
	if (ky && *ky && prog_ky_valid(ky))
		c->ky = ky;
	else if (ky && *ky && get) {
		web_error_msg(r, p, 400,
			      "Kỳ báo cáo không hợp lệ: năm (2026), quý (2026-Q2), tháng (2026-05) hoặc "
			      "nhiệm kỳ (2025-2030).");
		return false;
	} else {
		c->ky = arena_strndup(r->arena, c->asof, 4);
	}
	if (!ct || !*ct) {
		if (need_directive) {
			web_error_msg(r, p, 400, "Hãy chọn một chương trình, văn bản chỉ đạo (tham số ct).");
			return false;
		}
		return true;
	}
	if (!parse_int64(ct, &id) || id <= 0 ||
	    (e = directive_get(r->app->store, r->arena, id, &c->d)) == APP_ENOTFOUND ||
	    (e == APP_OK && (e = indicator_list(r->app->store, r->arena, id, &all)) == APP_OK && !all.n)) {
		web_error_msg(r, p, 404, "Không có chương trình, văn bản chỉ đạo có chỉ tiêu này.");
		return false;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "progress-directive");
		return false;
	}
	ok = binds_unit(c->ud, c->d.doc.unit_id);
	if (!ok && (e = web_can_read(r, c->d.doc.unit_id, &ok)) != APP_OK) {
		web_fail(r, p, e, "progress-directive");
		return false;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Chương trình này không áp dụng cho đơn vị và nằm ngoài phạm vi tài khoản của bạn.");
		return false;
	}
	c->has_directive = true;
	c->il.v = arena_alloc(r->arena, (all.n ? all.n : 1) * sizeof(*c->il.v));
	for (size_t i = 0; i < all.n; i++)
		/* a unit above others rolls up what applies below it */
		if (indicator_applies(&all.v[i], c->ud->u.kind) || c->ud->kids.n)
			c->il.v[c->il.n++] = all.v[i];
	return true;
}

void prog_tabs(struct req *r, struct sbuf *b, const struct prog_ctx *c, const char *current)
{
	static const struct {
		const char *key, *label, *path;
	} T[] = {
		{ "tien-do", "Bảng tiến độ", "/tien-do/" },
		{ "tong-hop", "Tổng hợp (biểu đồ)", "/tong-hop/" },
		{ "don-doc", "Danh sách đôn đốc", "/don-doc/" },
	};
	char vn[11];

	date_iso_to_vn(c->asof, vn);
	HTML_LIT(b, "<nav class=\"prog-tabs\" aria-label=\"Theo dõi thực hiện\"><ul>");
	for (size_t i = 0; i < ARRAY_SIZE(T); i++) {
		if (strcmp(current, T[i].key) == 0) {
			HTML(b, "<li aria-current=\"page\">%h</li>", T[i].label);
			continue;
		}
		if (c->has_directive)
			HTML(b, "<li><a href=\"%h%u?ct=%d&amp;ky=%u&amp;ngay=%u\">%h</a></li>", T[i].path,
			     c->ud->u.code, c->d.doc.id, c->ky, vn, T[i].label);
		else
			HTML(b, "<li><a href=\"%h%u?ngay=%u\">%h</a></li>", T[i].path, c->ud->u.code, vn, T[i].label);
	}
	if (c->has_directive)
		HTML(b, "<li><a href=\"/bao-phu/%d\">Mức độ nhận chỉ tiêu</a></li>", c->d.doc.id);
	HTML_LIT(b, "</ul></nav>");
	(void)r;
}

/* The period / date chooser (GET form). */
static void write_chooser(struct req *r, struct sbuf *b, const struct prog_ctx *c, const char *action)
{
	HTML(b, "<form class=\"search asof\" method=\"get\" action=\"%h%u\">", action, c->ud->u.code);
	if (c->has_directive)
		HTML(b, "<input type=\"hidden\" name=\"ct\" value=\"%d\">", c->d.doc.id);
	HTML(b,
	     "<label for=\"ky\">Kỳ báo cáo</label><input id=\"ky\" name=\"ky\" value=\"%h\" size=\"9\" "
	     "placeholder=\"2026 hoặc 2026-Q2\"><label for=\"ngay\">Tình trạng nhiệm vụ tính đến ngày</label>"
	     "<input id=\"ngay\" name=\"ngay\" value=\"%h\" size=\"10\" placeholder=\"dd/mm/yyyy\" inputmode=\"numeric\">"
	     "<button type=\"submit\">Xem</button></form>",
	     c->ky, html_date_vn(r->arena, c->asof));
}

static void begin(struct req *r, struct resp *p, const char *title)
{
	struct page_ctx pc = { .title = title, .acct = &r->acct, .csrf = r->csrf, .nav = "chuong-trinh" };

	sbuf_reset(&p->body);
	p->status = 200;
	page_begin(&p->body, &pc);
}

static void crumbs(struct sbuf *b, const struct prog_ctx *c, const char *here)
{
	HTML(b, "<nav class=\"crumbs\" aria-label=\"Đơn vị\"><ol><li><a href=\"/don-vi/%u\">%h</a></li>", c->ud->u.code,
	     c->ud->u.name);
	if (c->has_directive)
		HTML(b, "<li><a href=\"/chuong-trinh/%d\">%h</a></li>", c->d.doc.id,
		     c->d.doc.number ? c->d.doc.number : "Chương trình");
	HTML(b, "<li aria-current=\"page\">%h</li></ol></nav>", here);
}

/* Without ?ct=: the directives that bind the unit, each with its links. */
static void write_directive_choice(struct req *r, struct sbuf *b, const struct prog_ctx *c, const char *path)
{
	struct directive_list dl;

	if (directive_list_for(r->app->store, r->arena, c->ud->u.id, 50, &dl) != APP_OK)
		dl.n = 0;
	HTML_LIT(b, "<section><h2>Chọn chương trình, văn bản chỉ đạo</h2>");
	if (!dl.n) {
		HTML_LIT(b,
			 "<p class=\"empty\">Chưa có chương trình nào có chỉ tiêu áp dụng cho đơn vị.</p></section>");
		return;
	}
	HTML_LIT(b, "<ul class=\"directives\">");
	for (size_t i = 0; i < dl.n; i++)
		HTML(b, "<li><a href=\"%h%u?ct=%d\">%h</a> %h</li>", path, c->ud->u.code, dl.v[i].id,
		     dl.v[i].number ? dl.v[i].number : "Chương trình", dl.v[i].title);
	HTML_LIT(b, "</ul></section>");
}

/* ---- the progress table ---- */

static const char *const TS_CLS[TS_COUNT] = { "ts-ontime", "ts-late", "ts-open", "ts-overdue" };

static const char *rollup_text(struct arena *a, const struct indicator *x, const struct rollup *ru)
{
	if (!ru->has_value)
		return "Chưa có số liệu";
	if (x->agg == AGG_ALL_MET)
		return ru->value >= 1 ? "Tất cả đạt" : "Chưa đạt hết";
	return prog_num(a, ru->value);
}

static const char *met_class(const struct indicator *x, const struct rollup *ru)
{
	if (!ru->has_value || !x->has_target)
		return "";
	if (x->agg == AGG_ALL_MET)
		return ru->value >= 1 ? "met" : "unmet";
	return ind_meets(x->dir, ru->value, x->target) ? "met" : "unmet";
}

static void write_rollups(struct req *r, struct sbuf *b, const struct prog_ctx *c, struct rollup *tot)
{
	HTML(b,
	     "<section><h2>Kết quả các chỉ tiêu, kỳ %h</h2><p class=\"muted\">Số liệu của %h và mọi đơn vị trực "
	     "thuộc, tổng hợp theo cách tính của từng chỉ tiêu.</p>",
	     c->ky, c->ud->u.name);
	if (!c->il.n) {
		HTML_LIT(b, "<p class=\"empty\">Không có chỉ tiêu nào áp dụng cho loại đơn vị này.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"progress\"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>Kỳ</th>"
		    "<th>Mục tiêu</th><th>Kết quả</th><th>Cách tổng hợp</th><th>Đơn vị báo cáo / đạt</th></tr></thead>"
		    "<tbody>");
	for (size_t i = 0; i < c->il.n; i++) {
		const struct indicator *x = &c->il.v[i];
		const char *per = prog_period_for(r->arena, x, c->ky);

		if (progress_rollup(r->app->store, x->id, c->ud->u.id, per, &tot[i]) != APP_OK)
			memset(&tot[i], 0, sizeof(tot[i]));
		HTML(b,
		     "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td>"
		     "<td class=\"num %h\">%h</td><td>%h</td><td class=\"num\">%d / %d</td></tr>",
		     x->code, x->name, x->measure, per, x->has_target ? prog_num(r->arena, x->target) : "Theo dõi",
		     met_class(x, &tot[i]), rollup_text(r->arena, x, &tot[i]), ind_agg_vi(x->agg),
		     (long long)tot[i].reporting, (long long)tot[i].met);
	}
	HTML_LIT(b, "</tbody></table></section>");
}

static void write_children(struct req *r, struct sbuf *b, const struct prog_ctx *c, struct rollup_children *kids)
{
	if (!c->il.n || !c->ud->kids.n)
		return;
	for (size_t i = 0; i < c->il.n; i++)
		if (progress_rollup_children(r->app->store, r->arena, c->il.v[i].id, c->ud->u.id,
					     prog_period_for(r->arena, &c->il.v[i], c->ky), &kids[i]) != APP_OK)
			memset(&kids[i], 0, sizeof(kids[i]));
	if (!kids[0].n)
		return;
	HTML_LIT(b, "<section><h2>Kết quả của các đơn vị trực thuộc</h2><div class=\"wide\"><table class=\"progress "
		    "kids\"><thead><tr><th>Đơn vị</th>");
	for (size_t i = 0; i < c->il.n; i++)
		HTML(b, "<th title=\"%h\">%h (%h)</th>", c->il.v[i].name, c->il.v[i].code, c->il.v[i].measure);
	HTML_LIT(b, "</tr></thead><tbody>");
	for (size_t k = 0; k < kids[0].n; k++) {
		HTML(b, "<tr><td><a href=\"/tien-do/%u?ct=%d&amp;ky=%u\">%h</a></td>", kids[0].v[k].unit_code,
		     c->d.doc.id, c->ky, kids[0].v[k].unit_name);
		for (size_t i = 0; i < c->il.n; i++) {
			const struct rollup *ru = k < kids[i].n ? &kids[i].v[k].r : NULL;
			HTML(b, "<td class=\"num %h\">%h</td>", ru ? met_class(&c->il.v[i], ru) : "",
			     ru && ru->has_value ? rollup_text(r->arena, &c->il.v[i], ru) : "—");
		}
		HTML_LIT(b, "</tr>");
	}
	HTML_LIT(b, "</tbody></table></div></section>");
}

static void write_status(struct req *r, struct sbuf *b, const struct prog_ctx *c)
{
	struct task_status_counts t;
	struct task_status_children tk;

	if (progress_task_status(r->app->store, c->ud->u.id, c->asof, &t) != APP_OK)
		return;
	HTML(b, "<section><h2>Tình hình thực hiện nhiệm vụ tính đến ngày %h</h2>", html_date_vn(r->arena, c->asof));
	HTML_LIT(b, "<table class=\"status\"><thead><tr><th>Đơn vị</th>");
	for (int i = 0; i < TS_COUNT; i++)
		HTML(b, "<th><span class=\"%h\">%h</span></th>", TS_CLS[i], task_status_vi((enum task_status)i));
	HTML_LIT(b, "<th>Tổng số</th></tr></thead><tbody>");
	HTML(b, "<tr class=\"total\"><td>%h (toàn đảng bộ)</td>", c->ud->u.name);
	for (int i = 0; i < TS_COUNT; i++)
		HTML(b, "<td class=\"num\">%d</td>", (long long)t.n[i]);
	HTML(b, "<td class=\"num\">%d</td></tr>", (long long)t.total);
	if (progress_task_status_children(r->app->store, r->arena, c->ud->u.id, c->asof, &tk) == APP_OK)
		for (size_t k = 0; k < tk.n; k++) {
			if (!tk.v[k].c.total)
				continue;
			HTML(b, "<tr><td><a href=\"/don-doc/%u?ngay=%u\">%h</a></td>", tk.v[k].unit_code,
			     html_date_vn(r->arena, c->asof), tk.v[k].unit_name);
			for (int i = 0; i < TS_COUNT; i++)
				HTML(b, "<td class=\"num\">%d</td>", (long long)tk.v[k].c.n[i]);
			HTML(b, "<td class=\"num\">%d</td></tr>", (long long)tk.v[k].c.total);
		}
	HTML_LIT(b, "</tbody></table></section>");
}

static const struct indicator *find_ind(const struct prog_ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->il.n; i++)
		if (c->il.v[i].id == id)
			return &c->il.v[i];
	return NULL;
}

static void write_values(struct req *r, struct sbuf *b, const struct prog_ctx *c)
{
	struct value_list vl;

	if (progress_unit_values(r->app->store, r->arena, c->d.doc.id, c->ud->u.id, &vl) != APP_OK)
		return;
	HTML(b, "<section><h2>Số liệu đã nhập của %h</h2>", c->ud->u.name);
	if (!vl.n) {
		HTML_LIT(b, "<p class=\"empty\">Đơn vị chưa nhập số liệu nào.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"values\"><thead><tr><th>Chỉ tiêu</th><th>Kỳ</th><th>Giá trị</th><th>Ghi chú</th>"
		    "<th>Minh chứng</th></tr></thead><tbody>");
	for (size_t i = 0; i < vl.n; i++) {
		const struct value_row *v = &vl.v[i];
		const struct indicator *x = find_ind(c, v->indicator_id);

		HTML(b, "<tr><td>%h</td><td>%h</td><td class=\"num\">%h%h%h</td><td>%h</td><td>", x ? x->code : "?",
		     v->period, prog_num(r->arena, v->value), x && strcmp(x->measure, "%") ? " " : "",
		     x ? x->measure : "", v->note ? v->note : "");
		if (v->has_ratio)
			HTML(b, "<span class=\"muted\">(%h/%h)</span> ", prog_num(r->arena, v->num),
			     prog_num(r->arena, v->den));
		for (size_t k = 0; k < v->nev; k++)
			HTML(b, "<a class=\"evidence\" href=\"/minh-chung-tien-do/%d/%u\">%h</a> ", v->id,
			     v->ev[k].hash, v->ev[k].filename);
		if (!v->nev)
			HTML_LIT(b, "<span class=\"muted\">Không có</span>");
		HTML_LIT(b, "</td></tr>");
	}
	HTML_LIT(b, "</tbody></table></section>");
}

/* The entry form, for those who may write the unit and only for adopted indicators. */
static void write_form(struct req *r, struct sbuf *b, const struct prog_ctx *c, bool keep)
{
	struct coverage cv;
	bool w = false;
	size_t nad = 0;
	const char *sel = keep ? req_param(r, "chi_tieu") : NULL;

	int64_t plan_id = 0;

	if (access_can_write(r->app->store, &r->acct, c->ud->u.id, &w) != APP_OK || !w ||
	    plan_find(r->app->store, c->ud->u.id, c->d.doc.id, &plan_id) != APP_OK)
		return;
	if (coverage_unit(r->app->store, r->arena, c->d.doc.id, c->ud->u.id, &cv, true) != APP_OK)
		return;
	for (size_t i = 0; i < cv.nitems; i++)
		nad += cv.items[i].state != COV_MISSING;
	HTML_LIT(b, "<section class=\"actions\" id=\"nhap\"><h2>Nhập số liệu của đơn vị</h2>");
	if (!nad) {
		HTML_LIT(b,
			 "<p class=\"empty\">Kế hoạch của đơn vị chưa nhận chỉ tiêu nào của chương trình này, nên chưa "
			 "nhập được số liệu.</p></section>");
		return;
	}
	HTML(b, "<form class=\"form\" method=\"post\" enctype=\"multipart/form-data\" action=\"/tien-do/%u/nhap\">",
	     c->ud->u.code);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<input type=\"hidden\" name=\"ct\" value=\"%d\"><label for=\"n-ct\">Chỉ tiêu</label>"
	     "<select id=\"n-ct\" name=\"chi_tieu\" required>",
	     c->d.doc.id);
	for (size_t i = 0; i < cv.nitems; i++) {
		const struct coverage_item *it = &cv.items[i];
		const struct indicator *x = find_ind(c, it->indicator_id);
		char idt[24];

		if (it->state == COV_MISSING || !x)
			continue;
		snprintf(idt, sizeof(idt), "%lld", (long long)it->indicator_id);
		HTML(b, "<option value=\"%d\"%h>%h. %h (%h; kỳ: %h; %h)</option>", it->indicator_id,
		     sel && strcmp(sel, idt) == 0 ? " selected" : "", x->code, x->name, x->measure,
		     ind_period_vi(x->period), ind_agg_vi(x->agg));
	}
	HTML(b,
	     "</select><label for=\"n-ky\">Kỳ báo cáo (năm 2026; quý 2026-Q2; tháng 2026-05; nhiệm kỳ 2025-2030)"
	     "</label><input id=\"n-ky\" name=\"ky\" value=\"%h\" required>"
	     "<label for=\"n-gt\">Giá trị (viết 1.234,5)</label><input id=\"n-gt\" name=\"gia_tri\" value=\"%h\" "
	     "inputmode=\"decimal\">"
	     "<fieldset><legend>Chỉ tiêu tỷ lệ: tử số và mẫu số (giá trị được tính từ hai số này)</legend>"
	     "<label for=\"n-ts\">Tử số</label><input id=\"n-ts\" name=\"tu_so\" value=\"%h\" inputmode=\"decimal\">"
	     "<label for=\"n-ms\">Mẫu số</label><input id=\"n-ms\" name=\"mau_so\" value=\"%h\" inputmode=\"decimal\">"
	     "</fieldset><label for=\"n-w\">Trọng số (chỉ tiêu trung bình có trọng số: số dân, số đảng viên …)</label>"
	     "<input id=\"n-w\" name=\"trong_so\" value=\"%h\" inputmode=\"decimal\">"
	     "<label for=\"n-gc\">Ghi chú</label><input id=\"n-gc\" name=\"ghi_chu\" value=\"%h\">"
	     "<label for=\"n-mc\">Tệp minh chứng (PDF, PNG, JPEG, .docx, .xlsx; tối đa 20 MB)</label>"
	     "<input id=\"n-mc\" type=\"file\" name=\"minh_chung\" accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx\">"
	     "<button type=\"submit\">Lưu số liệu</button></form></section>",
	     keep && req_param(r, "ky") ? req_param(r, "ky") : c->ky, keep ? req_param(r, "gia_tri") : "",
	     keep ? req_param(r, "tu_so") : "", keep ? req_param(r, "mau_so") : "",
	     keep ? req_param(r, "trong_so") : "", keep ? req_param(r, "ghi_chu") : "");
}

static void render_progress(struct req *r, struct resp *p, const struct prog_ctx *c, const char *error, int status)
{
	struct sbuf *b = &p->body;
	struct rollup *tot;
	struct rollup_children *kids;

	begin(r, p, arena_printf(r->arena, "Tiến độ thực hiện: %s", c->ud->u.name));
	p->status = status;
	crumbs(b, c, "Tiến độ thực hiện");
	HTML(b, "<h1>Tiến độ thực hiện của %h</h1>", c->ud->u.name);
	if (!c->has_directive) {
		prog_tabs(r, b, c, "tien-do");
		write_directive_choice(r, b, c, "/tien-do/");
		page_end(b);
		return;
	}
	HTML(b, "<p class=\"lead\">%h %h%H</p>", c->d.doc.number ? c->d.doc.number : "", c->d.doc.title,
	     c->d.doc.demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>") : HTML_SAFE_LIT(""));
	if (error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	else if (req_query(r, "ok"))
		HTML_LIT(b, "<p class=\"ok\" role=\"status\">Đã lưu số liệu của đơn vị.</p>");
	prog_tabs(r, b, c, "tien-do");
	write_chooser(r, b, c, "/tien-do/");
	HTML(b,
	     "<p class=\"downloads\"><a class=\"download\" href=\"/tien-do/%u/tai-ve.xlsx?ct=%d&amp;ky=%u&amp;"
	     "ngay=%u\">Tải bảng tiến độ (.xlsx)</a> <a class=\"download\" href=\"/tien-do/%u/tai-ve.docx?ct=%d&amp;"
	     "ky=%u&amp;ngay=%u\">Tải báo cáo (.docx)</a></p>",
	     c->ud->u.code, c->d.doc.id, c->ky, html_date_vn(r->arena, c->asof), c->ud->u.code, c->d.doc.id, c->ky,
	     html_date_vn(r->arena, c->asof));
	tot = arena_alloc(r->arena, (c->il.n + 1) * sizeof(*tot));
	kids = arena_alloc(r->arena, (c->il.n + 1) * sizeof(*kids));
	memset(kids, 0, (c->il.n + 1) * sizeof(*kids));
	write_rollups(r, b, c, tot);
	write_children(r, b, c, kids);
	write_status(r, b, c);
	write_form(r, b, c, error != NULL);
	write_values(r, b, c);
	page_end(b);
}

void page_progress(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;

	if (prog_load(r, p, code, false, &c))
		render_progress(r, p, &c, NULL, 200);
}

static int err_status(enum app_err e)
{
	switch (e) {
	case APP_EINVAL: return 422;
	case APP_ETOOBIG: return 413;
	case APP_EDENIED: return 403;
	case APP_ENOTFOUND: return 404;
	default: return web_err_status(e);
	}
}

void page_progress_post(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;
	struct value_new v = { 0 };
	struct value_evidence ev = { 0 };
	const struct upload *f;
	const struct indicator *x;
	const char *why = NULL, *gt, *ts, *ms, *tw;
	int64_t iid = 0, vid = 0;
	enum app_err e;

	if (!prog_load(r, p, code, true, &c))
		return;
	if (!parse_int64(req_param(r, "chi_tieu") ? req_param(r, "chi_tieu") : "", &iid) || !(x = find_ind(&c, iid))) {
		render_progress(r, p, &c, "Hãy chọn một chỉ tiêu của chương trình áp dụng cho đơn vị.", 422);
		return;
	}
	v.indicator_id = iid;
	v.unit_code = c.ud->u.code;
	v.period = req_param(r, "ky") ? req_param(r, "ky") : "";
	v.note = req_param(r, "ghi_chu");
	gt = req_param(r, "gia_tri") ? req_param(r, "gia_tri") : "";
	ts = req_param(r, "tu_so") ? req_param(r, "tu_so") : "";
	ms = req_param(r, "mau_so") ? req_param(r, "mau_so") : "";
	tw = req_param(r, "trong_so") ? req_param(r, "trong_so") : "";
	if (x->agg == AGG_RATIO) {
		if (!pc_parse_num(ts, &v.num) || !pc_parse_num(ms, &v.den)) {
			render_progress(r, p, &c, "Chỉ tiêu tỷ lệ: hãy nhập tử số và mẫu số bằng số (ví dụ 12 và 14).",
					422);
			return;
		}
		v.has_ratio = true;
	} else if (!pc_parse_num(gt, &v.value)) {
		render_progress(r, p, &c, "Giá trị phải là một số, viết theo kiểu Việt Nam (ví dụ 1.234,5).", 422);
		return;
	}
	if (tw && *tw) {
		if (!pc_parse_num(tw, &v.weight)) {
			render_progress(r, p, &c, "Trọng số phải là một số (ví dụ 12.500).", 422);
			return;
		}
		v.has_weight = true;
	}
	f = req_file(r, "minh_chung");
	if (f) {
		ev.filename = f->filename && *f->filename ? f->filename : "minh-chung";
		ev.data = f->data;
		ev.n = f->len;
	}
	e = progress_record(r->app->store, &r->acct, &v, &ev, f ? 1 : 0, &vid, &why);
	if (e == APP_OK) {
		resp_redirect(p, r->arena,
			      arena_printf(r->arena, "/tien-do/%s?ct=%lld&ky=%s&ok=1#nhap", c.ud->u.code,
					   (long long)c.d.doc.id, v.period));
		return;
	}
	if (e != APP_EINVAL && e != APP_ETOOBIG && e != APP_EDENIED) {
		web_fail(r, p, e, "progress-post");
		return;
	}
	p->log_note = "refused";
	render_progress(r, p, &c, why ? why : web_err_message(e), err_status(e));
}

/* ---- downloads ---- */

static void send_bytes(struct req *r, struct resp *p, const char *type, const char *filename, char *data, size_t n)
{
	p->status = 200;
	p->content_type = type;
	resp_header(p, r->arena, "Content-Disposition",
		    arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
	sbuf_reset(&p->body);
	sbuf_add(&p->body, data, n);
	free(data);
}

/* Run write(path) into a temporary file and read it back (libxlsxwriter writes files). */
static enum app_err via_tmp(enum app_err (*write)(void *arg, const char *path), void *arg, char **data, size_t *n)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/giamsat-prog-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	enum app_err e;

	*data = NULL;
	if (fd < 0) {
		free(path);
		return APP_EIO;
	}
	close(fd);
	e = write(arg, path);
	if (e == APP_OK)
		e = file_read(path, 64u << 20, data, n);
	unlink(path);
	free(path);
	return e;
}

struct prog_xlsx_arg {
	const struct indicator_list *il;
	const struct rollup_children *kids;
	const struct rollup *tot;
	const char *unit_name, *period;
};

static enum app_err write_prog_xlsx(void *arg, const char *path)
{
	struct prog_xlsx_arg *x = arg;

	return cascade_xlsx_progress(x->il, x->kids, x->tot, x->unit_name, x->period, path);
}

void page_progress_download(struct req *r, struct resp *p, const char *code, const char *kind)
{
	struct prog_ctx c;
	struct rollup *tot;
	struct rollup_children *kids;
	char *data = NULL;
	size_t n = 0;
	enum app_err e = APP_OK;

	if (!prog_load(r, p, code, true, &c))
		return;
	tot = arena_alloc(r->arena, (c.il.n + 1) * sizeof(*tot));
	kids = arena_alloc(r->arena, (c.il.n + 1) * sizeof(*kids));
	memset(tot, 0, (c.il.n + 1) * sizeof(*tot));
	memset(kids, 0, (c.il.n + 1) * sizeof(*kids));
	for (size_t i = 0; i < c.il.n && e == APP_OK; i++) {
		const char *per = prog_period_for(r->arena, &c.il.v[i], c.ky);
		if ((e = progress_rollup(r->app->store, c.il.v[i].id, c.ud->u.id, per, &tot[i])) == APP_OK)
			e = progress_rollup_children(r->app->store, r->arena, c.il.v[i].id, c.ud->u.id, per, &kids[i]);
	}
	if (e == APP_OK && strcmp(kind, "xlsx") == 0) {
		struct prog_xlsx_arg a = { &c.il, kids, tot, c.ud->u.name, c.ky };
		if (!c.il.n) {
			web_error_msg(r, p, 404, "Không có chỉ tiêu nào áp dụng cho đơn vị.");
			return;
		}
		e = via_tmp(write_prog_xlsx, &a, &data, &n);
		if (e == APP_OK) {
			send_bytes(r, p, XLSX_TYPE, arena_printf(r->arena, "tien-do-%s-%s.xlsx", c.ud->u.code, c.ky),
				   data, n);
			return;
		}
	} else if (e == APP_OK) {
		struct task_status_counts ts;
		struct cascade_docx_opts o = { .issuer = c.ud->u.name,
					       .date_iso = c.asof,
					       .directive_number = c.d.doc.number,
					       .directive_title = c.d.doc.title };
		if ((e = progress_task_status(r->app->store, c.ud->u.id, c.asof, &ts)) == APP_OK)
			e = cascade_docx_progress(&c.il, c.ud->kids.n ? kids : NULL, tot, c.ud->u.name, c.ky, &ts,
						  c.asof, &o, &data, &n);
		if (e == APP_OK) {
			send_bytes(r, p, DOCX_TYPE, arena_printf(r->arena, "tien-do-%s-%s.docx", c.ud->u.code, c.ky),
				   data, n);
			return;
		}
	}
	free(data);
	web_fail(r, p, e, "progress-download");
}

/* ---- reminders ---- */

void page_reminders(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;
	struct reminder_list rl;
	struct sbuf *b = &p->body;
	const char *tr = req_query(r, "trong");
	int64_t days = 7;
	enum app_err e;

	if (!prog_load(r, p, code, false, &c))
		return;
	if (tr && *tr && (!parse_int64(tr, &days) || days < 0 || days > 365)) {
		web_error_msg(r, p, 400, "Số ngày sắp đến hạn phải từ 0 đến 365.");
		return;
	}
	if ((e = progress_reminders(r->app->store, r->arena, c.ud->u.id, c.asof, (int)days, &rl)) != APP_OK) {
		web_fail(r, p, e, "reminders");
		return;
	}
	begin(r, p, arena_printf(r->arena, "Danh sách đôn đốc: %s", c.ud->u.name));
	crumbs(b, &c, "Danh sách đôn đốc");
	HTML(b,
	     "<h1>Danh sách đôn đốc</h1><p class=\"lead\">Nhiệm vụ của %h và các đơn vị trực thuộc đã quá hạn hoặc "
	     "đến hạn trong %d ngày tới, tính đến ngày %h, xếp theo đầu mối chủ trì.</p>",
	     c.ud->u.name, (long long)days, html_date_vn(r->arena, c.asof));
	prog_tabs(r, b, &c, "don-doc");
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/don-doc/%u\"><label for=\"ngay\">Tính đến ngày"
	     "</label><input id=\"ngay\" name=\"ngay\" value=\"%h\" placeholder=\"dd/mm/yyyy\" inputmode=\"numeric\">"
	     "<label for=\"trong\">Sắp đến hạn trong (ngày)</label><input id=\"trong\" name=\"trong\" value=\"%d\" "
	     "size=\"4\" inputmode=\"numeric\"><button type=\"submit\">Xem</button></form>",
	     c.ud->u.code, html_date_vn(r->arena, c.asof), (long long)days);
	if (!rl.n) {
		HTML_LIT(b, "<p class=\"empty\">Không có nhiệm vụ nào cần đôn đốc.</p>");
		page_end(b);
		return;
	}
	for (size_t i = 0; i < rl.n; i++) {
		const struct reminder *m = &rl.v[i];
		bool first = i == 0 || strcmp(rl.v[i - 1].lead, m->lead) != 0;
		bool last = i + 1 == rl.n || strcmp(rl.v[i + 1].lead, m->lead) != 0;

		if (first)
			HTML(b,
			     "<section class=\"lead-group\"><h2>%h</h2><table class=\"reminders\"><thead><tr><th>Đơn vị"
			     "</th><th>Số</th><th>Nhiệm vụ</th><th>Thời hạn</th><th>Tình trạng</th></tr></thead><tbody>",
			     *m->lead ? m->lead : "Chưa xác định đầu mối chủ trì");
		HTML(b,
		     "<tr class=\"%h\"><td><a href=\"/don-vi/%u\">%h</a></td><td>%h</td><td><a href=\"/ke-hoach/%d\">%h</a>"
		     "</td><td>%h</td><td>%h %d ngày</td></tr>",
		     m->overdue ? "ts-overdue" : "ts-open", m->unit_code, m->unit_code, m->number ? m->number : "",
		     m->plan_id, m->content ? m->content : "", html_date_vn(r->arena, m->deadline),
		     m->overdue ? "Quá hạn" : "Còn", (long long)m->days);
		if (last)
			HTML_LIT(b, "</tbody></table></section>");
	}
	page_end(b);
}

/* ---- the coverage report ---- */

struct cov_ctx {
	struct directive d;
	int64_t scope;
	const char *scope_name;
	struct coverage_list cl;
};

static bool cov_load(struct req *r, struct resp *p, const char *id_text, struct cov_ctx *c)
{
	struct indicator_list il;
	const struct unit_data *me;
	bool in_scope = false;
	int64_t id;
	enum app_err e;

	memset(c, 0, sizeof(*c));
	if (!parse_int64(id_text, &id) || id <= 0 ||
	    (e = directive_get(r->app->store, r->arena, id, &c->d)) == APP_ENOTFOUND ||
	    (e == APP_OK && (e = indicator_list(r->app->store, r->arena, id, &il)) == APP_OK && !il.n)) {
		web_error_msg(r, p, 404, "Không có chương trình, văn bản chỉ đạo có chỉ tiêu này.");
		return false;
	}
	if (e == APP_OK)
		e = web_can_read(r, c->d.doc.unit_id, &in_scope);
	if (e != APP_OK) {
		web_fail(r, p, e, "coverage");
		return false;
	}
	if (in_scope) {
		c->scope = c->d.doc.unit_id;
		c->scope_name = c->d.doc.unit_name;
	} else if (r->acct.unit_code && web_unit_data(r, r->acct.unit_code, true, &me) == APP_OK &&
		   binds_unit(me, c->d.doc.unit_id)) {
		c->scope = me->u.id;
		c->scope_name = me->u.name;
	} else {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem chương trình này: đơn vị ban hành nằm ngoài phạm vi tài "
			      "khoản của bạn và chương trình không áp dụng cho đơn vị của bạn.");
		return false;
	}
	if ((e = coverage_city(r->app->store, r->arena, c->d.doc.id, c->scope, &c->cl)) != APP_OK) {
		web_fail(r, p, e, "coverage");
		return false;
	}
	return true;
}

static void write_unit_detail(struct req *r, struct sbuf *b, const struct cov_ctx *c, const char *code)
{
	const struct unit_data *ud;
	struct coverage cv;
	bool ok = false;

	if (web_unit_data(r, code, false, &ud) != APP_OK || web_can_read(r, ud->u.id, &ok) != APP_OK || !ok ||
	    coverage_unit(r->app->store, r->arena, c->d.doc.id, ud->u.id, &cv, true) != APP_OK) {
		HTML_LIT(b, "<p class=\"alert\" role=\"alert\">Không xem được đơn vị này.</p>");
		return;
	}
	HTML(b, "<section id=\"chi-tiet\"><h2>Chi tiết: %h</h2>", ud->u.name);
	HTML_LIT(b, "<table class=\"indicators\"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th>"
		    "<th>Mục tiêu của đơn vị</th><th>Mục tiêu cấp trên</th><th>Đánh giá</th></tr></thead><tbody>");
	for (size_t i = 0; i < cv.nitems; i++) {
		const struct coverage_item *it = &cv.items[i];
		HTML(b,
		     "<tr class=\"cov-%d\"><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td>"
		     "<td class=\"num\">%h</td><td>%h</td></tr>",
		     (long long)it->state, it->code, it->name, it->measure,
		     it->has_local ? prog_num(r->arena, it->local_target) : "—",
		     it->has_superior ? prog_num(r->arena, it->superior_target) : "—", cov_state_vi(it->state));
	}
	HTML_LIT(b, "</tbody></table></section>");
}

void page_coverage_report(struct req *r, struct resp *p, const char *id)
{
	struct cov_ctx c;
	struct sbuf *b = &p->body;
	const char *unit = req_query(r, "don-vi");
	size_t full = 0, noplan = 0;

	if (!cov_load(r, p, id, &c))
		return;
	begin(r, p,
	      arena_printf(r->arena, "Mức độ nhận chỉ tiêu: %s", c.d.doc.number ? c.d.doc.number : c.d.doc.title));
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Chương trình\"><ol><li><a href=\"/chuong-trinh/%d\">%h</a></li>"
	     "<li aria-current=\"page\">Mức độ nhận chỉ tiêu</li></ol></nav>",
	     c.d.doc.id, c.d.doc.number ? c.d.doc.number : "Chương trình");
	HTML(b,
	     "<h1>Mức độ nhận chỉ tiêu: %h</h1><p class=\"lead\">%h. Các đơn vị thuộc %h, đơn vị thấp nhất trước."
	     "</p>",
	     c.d.doc.number ? c.d.doc.number : "", c.d.doc.title, c.scope_name);
	for (size_t i = 0; i < c.cl.n; i++) {
		if (!c.cl.v[i].has_plan)
			noplan++;
		else if (c.cl.v[i].adopted == c.cl.v[i].applicable && !c.cl.v[i].unmeasurable && !c.cl.v[i].weaker)
			full++;
	}
	HTML(b,
	     "<p class=\"summary\">%d đơn vị được áp dụng chỉ tiêu; %d đã nhận đủ chỉ tiêu với mục tiêu không thấp "
	     "hơn cấp trên; %d chưa có kế hoạch.</p>",
	     (long long)c.cl.n, (long long)full, (long long)noplan);
	HTML(b,
	     "<p class=\"downloads\"><a class=\"download\" href=\"/bao-phu/%d/tai-ve.xlsx\">Tải bảng tính (.xlsx)"
	     "</a> <a class=\"download\" href=\"/bao-phu/%d/tai-ve.docx\">Tải báo cáo (.docx)</a></p>",
	     c.d.doc.id, c.d.doc.id);
	if (unit && *unit)
		write_unit_detail(r, b, &c, unit);
	if (!c.cl.n) {
		HTML_LIT(b, "<p class=\"empty\">Không có đơn vị nào mà chỉ tiêu áp dụng.</p>");
		page_end(b);
		return;
	}
	HTML_LIT(b, "<table class=\"coverage\"><thead><tr><th>STT</th><th>Đơn vị</th><th>Loại</th><th>Kế hoạch</th>"
		    "<th>Chỉ tiêu đã nhận</th><th>Chưa lượng hóa</th><th>Thấp hơn cấp trên</th><th></th></tr></thead>"
		    "<tbody>");
	for (size_t i = 0; i < c.cl.n; i++) {
		const struct coverage *cv = &c.cl.v[i];
		char ratio[32];

		coverage_ratio(cv, ratio, sizeof(ratio));
		HTML(b,
		     "<tr><td class=\"num\">%d</td><td><a href=\"/don-vi/%u\">%h</a></td><td>%h</td><td>%h</td>"
		     "<td class=\"num\">%h</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
		     "<td><a href=\"/bao-phu/%d?don-vi=%u#chi-tiet\">Chi tiết</a></td></tr>",
		     (long long)(i + 1), cv->unit_code, cv->unit_name, unit_kind_vi(cv->kind),
		     cv->has_plan ? "Có" : "Chưa có", ratio, (long long)cv->unmeasurable, (long long)cv->weaker,
		     c.d.doc.id, cv->unit_code);
	}
	HTML_LIT(b, "</tbody></table>");
	page_end(b);
}

struct cov_xlsx_arg {
	const struct cov_ctx *c;
};

static enum app_err write_cov_xlsx(void *arg, const char *path)
{
	const struct cov_ctx *c = ((struct cov_xlsx_arg *)arg)->c;

	return cascade_xlsx_coverage(&c->cl, c->d.doc.number, c->d.doc.title, path);
}

void page_coverage_download(struct req *r, struct resp *p, const char *id, const char *kind)
{
	struct cov_ctx c;
	char *data = NULL, today[11];
	size_t n = 0;
	enum app_err e;

	if (!cov_load(r, p, id, &c))
		return;
	if (strcmp(kind, "xlsx") == 0) {
		struct cov_xlsx_arg a = { &c };
		e = via_tmp(write_cov_xlsx, &a, &data, &n);
		if (e == APP_OK) {
			send_bytes(r, p, XLSX_TYPE, arena_printf(r->arena, "bao-phu-%lld.xlsx", (long long)c.d.doc.id),
				   data, n);
			return;
		}
	} else {
		struct cascade_docx_opts o = { .issuer = c.scope_name,
					       .date_iso = today,
					       .directive_number = c.d.doc.number,
					       .directive_title = c.d.doc.title };
		date_today(today);
		e = cascade_docx_coverage(&c.cl, &o, &data, &n);
		if (e == APP_OK) {
			send_bytes(r, p, DOCX_TYPE, arena_printf(r->arena, "bao-phu-%lld.docx", (long long)c.d.doc.id),
				   data, n);
			return;
		}
	}
	free(data);
	web_fail(r, p, e, "coverage-download");
}

/* ---- evidence ---- */

void page_value_evidence(struct req *r, struct resp *p, const char *vid_text, const char *hash)
{
	int64_t vid = 0, unit = 0;
	const char *filename = NULL, *mime = NULL;
	void *data = NULL;
	size_t n = 0;
	bool ok = false;
	struct sbuf cd;
	enum app_err e;

	if (!parse_int64(vid_text, &vid) || vid <= 0 || strlen(hash) != ATTACHMENT_HASH_HEX - 1 ||
	    strspn(hash, "0123456789abcdef") != strlen(hash)) {
		web_error_msg(r, p, 404, "Không có tệp minh chứng này.");
		return;
	}
	e = progress_evidence_find(r->app->store, r->arena, vid, hash, &unit, &filename);
	if (e == APP_OK)
		e = web_can_read(r, unit, &ok);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có tệp minh chứng này.");
		return;
	}
	if (e == APP_OK && !ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem tệp minh chứng này: đơn vị nằm ngoài phạm vi tài khoản "
			      "của bạn.");
		return;
	}
	if (e == APP_OK)
		e = attachment_get(r->app->store, r->arena, hash, &data, &n, &mime);
	if (e != APP_OK) {
		free(data);
		web_fail(r, p, e, "value-evidence");
		return;
	}
	sbuf_init(&cd, 0);
	sbuf_addstr(&cd, "attachment; filename=\"minh-chung\"; filename*=UTF-8''");
	html_urlencode(&cd, filename, strlen(filename));
	resp_header(p, r->arena, "Content-Disposition", arena_strdup(r->arena, cd.buf));
	sbuf_release(&cd);
	p->status = 200;
	/* the stored type was read from the bytes: one of a short list of static strings */
	p->content_type = !mime                                  ? "application/octet-stream"
			  : strcmp(mime, "application/pdf") == 0 ? "application/pdf"
			  : strcmp(mime, "image/png") == 0       ? "image/png"
			  : strcmp(mime, "image/jpeg") == 0      ? "image/jpeg"
			  : strcmp(mime, DOCX_TYPE) == 0         ? DOCX_TYPE
			  : strcmp(mime, XLSX_TYPE) == 0         ? XLSX_TYPE
								 : "application/octet-stream";
	sbuf_reset(&p->body);
	sbuf_add(&p->body, data, n);
	free(data);
}

/* ---- /api/v1 ---- */

static void send_json(struct req *r, struct resp *p, int status, json_t *o)
{
	(void)r;
	api_send_json(p, status, o);
}

static json_t *jnum_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

/* GET /api/v1/directives/ID/coverage: every unit under the scope, worst first. */
void api_directive_coverage(struct req *r, struct resp *p, const char *id)
{
	struct cov_ctx c;
	json_t *o, *units;

	if (!cov_load(r, p, id, &c))
		return;
	units = json_array();
	for (size_t i = 0; i < c.cl.n; i++) {
		const struct coverage *cv = &c.cl.v[i];
		char ratio[32];

		coverage_ratio(cv, ratio, sizeof(ratio));
		json_array_append_new(units, json_pack("{s:s?,s:s?,s:s,s:b,s:i,s:i,s:i,s:i,s:s}", "code", cv->unit_code,
						       "name", cv->unit_name, "kind", unit_kind_code(cv->kind),
						       "has_plan", cv->has_plan, "applicable", cv->applicable,
						       "adopted", cv->adopted, "unmeasurable", cv->unmeasurable,
						       "weaker", cv->weaker, "ratio", ratio));
	}
	o = json_pack("{s:{s:I,s:s?,s:s?},s:{s:s?},s:o}", "directive", "id", (json_int_t)c.d.doc.id, "number",
		      c.d.doc.number, "title", c.d.doc.title, "scope", "name", c.scope_name, "units", units);
	send_json(r, p, 200, o);
}

/* GET /api/v1/units/CODE/progress?directive=ID&period=2026&as_of=YYYY-MM-DD */
void api_unit_progress(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;
	struct task_status_counts t;
	json_t *o, *inds, *ts;
	enum app_err e;

	if (!prog_load(r, p, code, true, &c))
		return;
	inds = json_array();
	for (size_t i = 0; i < c.il.n; i++) {
		const struct indicator *x = &c.il.v[i];
		const char *per = prog_period_for(r->arena, x, c.ky);
		struct rollup ru;
		struct rollup_children kids;
		json_t *ji, *jk = json_array();

		if ((e = progress_rollup(r->app->store, x->id, c.ud->u.id, per, &ru)) != APP_OK ||
		    (e = progress_rollup_children(r->app->store, r->arena, x->id, c.ud->u.id, per, &kids)) != APP_OK) {
			json_decref(jk);
			json_decref(inds);
			web_fail(r, p, e, "api-progress");
			return;
		}
		for (size_t k = 0; k < kids.n; k++)
			json_array_append_new(jk, json_pack("{s:s?,s:s?,s:o,s:I}", "code", kids.v[k].unit_code, "name",
							    kids.v[k].unit_name, "value",
							    jnum_or_null(kids.v[k].r.has_value, kids.v[k].r.value),
							    "reporting", (json_int_t)kids.v[k].r.reporting));
		ji = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:I,s:I,s:o}", "id", (json_int_t)x->id, "code",
			       x->code, "name", x->name, "measure", x->measure, "direction", ind_dir_code(x->dir),
			       "target", jnum_or_null(x->has_target, x->target), "aggregation", ind_agg_code(x->agg),
			       "period_kind", ind_period_code(x->period), "period", per, "value",
			       jnum_or_null(ru.has_value, ru.value), "reporting", (json_int_t)ru.reporting, "met",
			       (json_int_t)ru.met, "children", jk);
		json_array_append_new(inds, ji);
	}
	if ((e = progress_task_status(r->app->store, c.ud->u.id, c.asof, &t)) != APP_OK) {
		json_decref(inds);
		web_fail(r, p, e, "api-progress");
		return;
	}
	ts = json_object();
	for (int i = 0; i < TS_COUNT; i++)
		json_object_set_new(ts, task_status_code((enum task_status)i), json_integer(t.n[i]));
	json_object_set_new(ts, "total", json_integer(t.total));
	o = json_pack("{s:{s:s,s:s},s:{s:I,s:s?,s:s?},s:s,s:s,s:o,s:o}", "unit", "code", c.ud->u.code, "name",
		      c.ud->u.name, "directive", "id", (json_int_t)c.d.doc.id, "number", c.d.doc.number, "title",
		      c.d.doc.title, "period", c.ky, "as_of", c.asof, "indicators", inds, "task_status", ts);
	send_json(r, p, 200, o);
}

/* GET /api/v1/units/CODE/reminders?as_of=&days=7 */
void api_unit_reminders(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;
	struct reminder_list rl;
	const char *dt = req_query(r, "days");
	int64_t days = 7;
	json_t *a;
	enum app_err e;

	if (!prog_load(r, p, code, false, &c))
		return;
	if (dt && (!parse_int64(dt, &days) || days < 0 || days > 365)) {
		web_error_msg(r, p, 400, "Tham số days phải là số ngày từ 0 đến 365.");
		return;
	}
	if ((e = progress_reminders(r->app->store, r->arena, c.ud->u.id, c.asof, (int)days, &rl)) != APP_OK) {
		web_fail(r, p, e, "api-reminders");
		return;
	}
	a = json_array();
	for (size_t i = 0; i < rl.n; i++) {
		const struct reminder *m = &rl.v[i];
		json_array_append_new(a, json_pack("{s:s,s:I,s:I,s:s?,s:s?,s:s?,s:s?,s:b,s:i}", "lead", m->lead,
						   "task_id", (json_int_t)m->task_id, "plan_id", (json_int_t)m->plan_id,
						   "unit", m->unit_code, "number", m->number, "content", m->content,
						   "deadline", m->deadline, "overdue", m->overdue, "days", m->days));
	}
	send_json(r, p, 200,
		  json_pack("{s:{s:s,s:s},s:s,s:I,s:o}", "unit", "code", c.ud->u.code, "name", c.ud->u.name, "as_of",
			    c.asof, "within_days", (json_int_t)days, "reminders", a));
}

static bool jnum(json_t *o, const char *k, double *v, bool *has, bool *bad)
{
	json_t *x = json_object_get(o, k);

	if (!x || json_is_null(x))
		return false;
	if (!json_is_number(x)) {
		*bad = true;
		return false;
	}
	*v = json_number_value(x);
	if (has)
		*has = true;
	return true;
}

static const char *jtext(struct arena *a, json_t *o, const char *k, bool *bad)
{
	json_t *x = json_object_get(o, k);

	if (!x || json_is_null(x))
		return NULL;
	if (!json_is_string(x)) {
		*bad = true;
		return NULL;
	}
	return arena_strdup(a, json_string_value(x));
}

#define VALUE_EVIDENCE_MAX 20

enum app_err prog_value_json(const char *body, size_t n, struct arena *a, struct value_new *v,
			     struct value_evidence **ev, size_t *nev, const char **why)
{
	json_error_t jerr;
	json_t *o = json_loadb(body ? body : "", n, JSON_REJECT_DUPLICATES, &jerr), *jev, *x;
	bool bad = false;

	memset(v, 0, sizeof(*v));
	*ev = NULL;
	*nev = 0;
	if (!o || !json_is_object(o)) {
		json_decref(o);
		*why = "Nội dung gửi lên phải là một đối tượng JSON.";
		return APP_EINVAL;
	}
	x = json_object_get(o, "indicator_id");
	if (!json_is_integer(x))
		bad = true;
	else
		v->indicator_id = json_integer_value(x);
	v->unit_code = jtext(a, o, "unit", &bad);
	v->period = jtext(a, o, "period", &bad);
	v->measure = jtext(a, o, "measure", &bad);
	v->note = jtext(a, o, "note", &bad);
	jnum(o, "value", &v->value, NULL, &bad);
	if (jnum(o, "num", &v->num, &v->has_ratio, &bad) != jnum(o, "den", &v->den, NULL, &bad))
		v->has_ratio = false;
	jnum(o, "weight", &v->weight, &v->has_weight, &bad);
	jev = json_object_get(o, "evidence");
	if (jev && !json_is_array(jev) && !json_is_null(jev))
		bad = true;
	if (jev && json_is_array(jev) && json_array_size(jev) > VALUE_EVIDENCE_MAX)
		bad = true;
	if (!bad && jev && json_is_array(jev) && json_array_size(jev)) {
		*nev = json_array_size(jev);
		*ev = arena_alloc(a, *nev * sizeof(**ev));
		for (size_t i = 0; i < *nev; i++) {
			json_t *it = json_array_get(jev, i);
			memset(&(*ev)[i], 0, sizeof((*ev)[i]));
			if (!json_is_object(it)) {
				bad = true;
				break;
			}
			(*ev)[i].hash = jtext(a, it, "hash", &bad);
			(*ev)[i].filename = jtext(a, it, "filename", &bad);
			if (!(*ev)[i].hash || !(*ev)[i].filename)
				bad = true;
		}
	}
	json_decref(o);
	if (bad || !v->unit_code || !v->period) {
		*nev = 0;
		*why = "Cần indicator_id (số nguyên), unit và period (chuỗi), value/num/den/weight (số); evidence là "
		       "mảng (tối đa 20) các đối tượng {hash, filename}.";
		return APP_EINVAL;
	}
	return APP_OK;
}

/* POST /api/v1/values: one value with evidence given by hash (after POST /api/v1/attachments). */
void api_values_post(struct req *r, struct resp *p)
{
	struct value_new v;
	struct value_evidence *evs = NULL;
	size_t nev = 0;
	const char *why = NULL;
	int64_t id = 0;
	enum app_err e;

	if (prog_value_json(r->body, r->body_len, r->arena, &v, &evs, &nev, &why) != APP_OK) {
		web_error_msg(r, p, 400, why);
		return;
	}
	e = progress_record(r->app->store, &r->acct, &v, evs, nev, &id, &why);
	if (e == APP_OK) {
		send_json(r, p, 201,
			  json_pack("{s:I,s:I,s:s,s:s,s:i}", "id", (json_int_t)id, "indicator_id",
				    (json_int_t)v.indicator_id, "unit", v.unit_code, "period", v.period, "evidence",
				    (int)nev));
		return;
	}
	if (e == APP_EINVAL || e == APP_EDENIED || e == APP_ETOOBIG) {
		p->log_note = "refused";
		web_error_msg(r, p, err_status(e), why ? why : web_err_message(e));
		return;
	}
	web_fail(r, p, e, "api-values");
}

/* POST /api/v1/attachments: a file as multipart field "file", or as the raw body. */
void api_attachments_post(struct req *r, struct resp *p)
{
	const struct upload *f = req_file(r, "file");
	const void *data = f ? (const void *)f->data : (const void *)r->body;
	size_t n = f ? f->len : r->body_len;
	char hash[ATTACHMENT_HASH_HEX];
	const char *mime = NULL, *why = NULL;
	enum app_err e;

	if (!role_can_write(r->acct.role)) {
		web_error_msg(r, p, 403, "Tài khoản chỉ xem không gửi được tệp.");
		return;
	}
	e = attachment_put(r->app->store, data ? data : "", data ? n : 0, hash, &mime, &why);
	if (e == APP_OK) {
		send_json(r, p, 201, json_pack("{s:s,s:s,s:I}", "hash", hash, "mime", mime, "size", (json_int_t)n));
		return;
	}
	if (e == APP_EINVAL || e == APP_ETOOBIG) {
		p->log_note = "refused";
		web_error_msg(r, p, err_status(e), why ? why : web_err_message(e));
		return;
	}
	web_fail(r, p, e, "api-attachments");
}
