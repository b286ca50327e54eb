/*
** The unit dashboard (GET /tong-hop/CODE?ct=ID&ky=KỲ&ngay=dd/mm/yyyy):
** three server-drawn SVG charts (render/chart_svg.h) for a unit and a
** directive: target versus actual per indicator (the unit's roll-up for
** the period against its own target, else the directive's, in the
** indicator's direction), the trend of each indicator over the periods
** with values, and the four task states as of the date. Each chart has
** its data as a table below it (accessibility, and the printed A4 page);
** type is large for a projector (app.css, .dashboard). Access: readers of
** the unit (prog_load).
*/
#include "util/util.h"
#include "web/page_progress.h"

#include "model/coverage.h"
#include "model/progress.h"
#include "render/chart_svg.h"
#include "render/html.h"
#include "render/layout.h"

#define TREND_MAX 6

static const char *const TS_FILL[TS_COUNT] = { "#15803d", "#ca8a04", "#2563eb", "#b91c1c" };

/* The unit's own target for indicator x: its plan's local target, else the directive's. */
static bool target_of(const struct coverage *cv, const struct indicator *x, double *t)
{
	for (size_t i = 0; cv && i < cv->nitems; i++)
		if (cv->items[i].indicator_id == x->id && cv->items[i].has_local) {
			*t = cv->items[i].local_target;
			return true;
		}
	*t = x->target;
	return x->has_target;
}

static void write_target_chart(struct req *r, struct sbuf *b, const struct prog_ctx *c, const struct coverage *cv)
{
	struct chart_bar *bars = arena_alloc(r->arena, (c->il.n + 1) * sizeof(*bars));

	HTML(b, "<section class=\"chart-box\"><h2>Kết quả so với mục tiêu, kỳ %h</h2>", c->ky);
	for (size_t i = 0; i < c->il.n; i++) {
		const struct indicator *x = &c->il.v[i];
		struct rollup ru;

		memset(&bars[i], 0, sizeof(bars[i]));
		bars[i].label = arena_printf(r->arena, "%s. %s", x->code, x->name);
		bars[i].measure = x->measure;
		bars[i].lower_better = x->dir == IND_DOWN;
		bars[i].has_target = target_of(cv, x, &bars[i].target);
		if (progress_rollup(r->app->store, x->id, c->ud->u.id, prog_period_for(r->arena, x, c->ky), &ru) ==
			    APP_OK &&
		    ru.has_value && x->agg != AGG_ALL_MET) {
			bars[i].has_value = true;
			bars[i].value = ru.value;
		}
	}
	chart_svg_bars(
		b, "bd-muc-tieu", arena_printf(r->arena, "Kết quả so với mục tiêu của %s, kỳ %s", c->ud->u.name, c->ky),
		"Mỗi dòng một chỉ tiêu: thanh là kết quả, vạch đen là mục tiêu; xanh là đạt, đỏ là chưa đạt theo "
		"chiều của chỉ tiêu.",
		bars, c->il.n);
	HTML_LIT(b, "<table class=\"chart-data\"><caption>Số liệu của biểu đồ</caption><thead><tr><th>Chỉ tiêu</th>"
		    "<th>Đơn vị tính</th><th>Chiều</th><th>Mục tiêu</th><th>Kết quả</th></tr></thead><tbody>");
	for (size_t i = 0; i < c->il.n; i++)
		HTML(b, "<tr><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td><td class=\"num\">%h</td></tr>",
		     bars[i].label, bars[i].measure, bars[i].lower_better ? "Càng thấp càng tốt" : "Càng cao càng tốt",
		     bars[i].has_target ? prog_num(r->arena, bars[i].target) : "—",
		     bars[i].has_value ? prog_num(r->arena, bars[i].value) : "Chưa có số liệu");
	HTML_LIT(b, "</tbody></table></section>");
}

static void write_trends(struct req *r, struct sbuf *b, const struct prog_ctx *c, const struct coverage *cv)
{
	size_t shown = 0;

	HTML_LIT(b, "<section class=\"chart-box\"><h2>Diễn biến qua các kỳ</h2>");
	for (size_t i = 0; i < c->il.n && shown < TREND_MAX; i++) {
		const struct indicator *x = &c->il.v[i];
		struct rollup_series rs;
		struct chart_point *pts;
		double t;
		bool ht;

		if (progress_rollup_series(r->app->store, r->arena, x->id, c->ud->u.id, &rs) != APP_OK || !rs.n)
			continue;
		shown++;
		ht = target_of(cv, x, &t);
		pts = arena_alloc(r->arena, rs.n * sizeof(*pts));
		for (size_t k = 0; k < rs.n; k++)
			pts[k] = (struct chart_point){ rs.v[k].period, rs.v[k].r.has_value, rs.v[k].r.value };
		HTML(b, "<h3>%h. %h</h3>", x->code, x->name);
		chart_svg_line(b, arena_printf(r->arena, "bd-xu-huong-%zu", i),
			       arena_printf(r->arena, "Diễn biến của chỉ tiêu %s qua các kỳ", x->code),
			       arena_printf(r->arena, "Kết quả của %s theo từng kỳ (%s); đường nét đứt là mục tiêu.",
					    c->ud->u.name, x->measure),
			       x->measure, pts, rs.n, ht, t);
		HTML_LIT(b, "<table class=\"chart-data\"><caption>Số liệu của biểu đồ</caption><thead><tr><th>Kỳ</th>"
			    "<th>Kết quả</th><th>Số đơn vị báo cáo</th></tr></thead><tbody>");
		for (size_t k = 0; k < rs.n; k++)
			HTML(b, "<tr><td>%h</td><td class=\"num\">%h</td><td class=\"num\">%d</td></tr>",
			     rs.v[k].period, rs.v[k].r.has_value ? prog_num(r->arena, rs.v[k].r.value) : "—",
			     (long long)rs.v[k].r.reporting);
		HTML_LIT(b, "</tbody></table>");
	}
	if (!shown)
		HTML_LIT(b, "<p class=\"empty\">Chưa có số liệu theo kỳ.</p>");
	HTML_LIT(b, "</section>");
}

static void write_status_chart(struct req *r, struct sbuf *b, const struct prog_ctx *c)
{
	struct task_status_counts t;
	const char *labels[TS_COUNT];
	const char *vn = html_date_vn(r->arena, c->asof);

	if (progress_task_status(r->app->store, c->ud->u.id, c->asof, &t) != APP_OK)
		return;
	for (int i = 0; i < TS_COUNT; i++)
		labels[i] = task_status_vi((enum task_status)i);
	HTML(b, "<section class=\"chart-box\"><h2>Tình hình thực hiện nhiệm vụ tính đến ngày %h</h2>", vn);
	chart_svg_stack(b, "bd-nhiem-vu",
			arena_printf(r->arena, "Tình trạng %lld nhiệm vụ tính đến ngày %s", (long long)t.total, vn),
			"Tỷ lệ nhiệm vụ theo bốn tình trạng: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện "
			"trong hạn, quá hạn chưa hoàn thành.",
			labels, TS_FILL, t.n, TS_COUNT);
	HTML_LIT(b, "<table class=\"chart-data\"><caption>Số liệu của biểu đồ</caption><thead><tr><th>Tình trạng</th>"
		    "<th>Số nhiệm vụ</th></tr></thead><tbody>");
	for (int i = 0; i < TS_COUNT; i++)
		HTML(b, "<tr><td>%h</td><td class=\"num\">%d</td></tr>", labels[i], (long long)t.n[i]);
	HTML(b, "<tr class=\"total\"><td>Tổng số</td><td class=\"num\">%d</td></tr></tbody></table>",
	     (long long)t.total);
	HTML(b, "<p><a href=\"/don-doc/%u?ngay=%u\">Danh sách đôn đốc</a></p></section>", c->ud->u.code, vn);
}

void page_dashboard(struct req *r, struct resp *p, const char *code)
{
	struct prog_ctx c;
	struct sbuf *b = &p->body;
	struct page_ctx pc;
	struct coverage cv;
	bool has_cv;

	if (!prog_load(r, p, code, false, &c))
		return;
	pc = (struct page_ctx){ .title = arena_printf(r->arena, "Tổng hợp: %s", c.ud->u.name),
				.acct = &r->acct,
				.csrf = r->csrf,
				.nav = "chuong-trinh" };
	sbuf_reset(b);
	p->status = 200;
	page_begin(b, &pc);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Đơn vị\"><ol><li><a href=\"/don-vi/%u\">%h</a></li>"
	     "<li aria-current=\"page\">Tổng hợp</li></ol></nav><div class=\"dashboard\">",
	     c.ud->u.code, c.ud->u.name);
	HTML(b, "<h1>Tổng hợp thực hiện: %h</h1>", c.ud->u.name);
	if (!c.has_directive) {
		struct directive_list dl;
		prog_tabs(r, b, &c, "tong-hop");
		if (directive_list_for(r->app->store, r->arena, c.ud->u.id, 50, &dl) != APP_OK)
			dl.n = 0;
		if (dl.n == 1) { /* nothing to choose: show it */
			struct sbuf u;
			sbuf_init(&u, 0);
			sbuf_addstr(&u, "/tong-hop/");
			html_urlencode(&u, c.ud->u.code, strlen(c.ud->u.code));
			sbuf_addf(&u, "?ct=%lld", (long long)dl.v[0].id);
			resp_redirect(p, r->arena, arena_strdup(r->arena, u.buf));
			sbuf_release(&u);
			return;
		}
		HTML_LIT(b, "<section><h2>Chọn chương trình, văn bản chỉ đạo</h2>");
		if (!dl.n)
			HTML_LIT(b, "<p class=\"empty\">Chưa có chương trình nào có chỉ tiêu áp dụng cho đơn vị.</p>");
		for (size_t i = 0; i < dl.n; i++)
			HTML(b, "<p><a href=\"/tong-hop/%u?ct=%d\">%h</a> %h</p>", c.ud->u.code, dl.v[i].id,
			     dl.v[i].number ? dl.v[i].number : "Chương trình", dl.v[i].title);
		HTML_LIT(b, "</section></div>");
		page_end(b);
		return;
	}
	HTML(b, "<p class=\"lead\">%h %h%H</p>", c.d.doc.number ? c.d.doc.number : "", c.d.doc.title,
	     c.d.doc.demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>") : HTML_SAFE_LIT(""));
	prog_tabs(r, b, &c, "tong-hop");
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/tong-hop/%u\"><input type=\"hidden\" name=\"ct\" "
	     "value=\"%d\"><label for=\"ky\">Kỳ báo cáo</label><input id=\"ky\" name=\"ky\" value=\"%h\" size=\"9\">"
	     "<label for=\"ngay\">Tính đến ngày</label><input id=\"ngay\" name=\"ngay\" value=\"%h\" size=\"10\" "
	     "placeholder=\"dd/mm/yyyy\"><button type=\"submit\">Xem</button></form>",
	     c.ud->u.code, c.d.doc.id, c.ky, html_date_vn(r->arena, c.asof));
	has_cv = coverage_unit(r->app->store, r->arena, c.d.doc.id, c.ud->u.id, &cv, true) == APP_OK;
	write_target_chart(r, b, &c, has_cv ? &cv : NULL);
	write_status_chart(r, b, &c);
	write_trends(r, b, &c, has_cv ? &cv : NULL);
	HTML_LIT(b, "</div>");
	page_end(b);
}
