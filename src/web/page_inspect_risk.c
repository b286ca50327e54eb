/*
** The risk list (issue 5, item 2): GET /kiem-tra/rui-ro?nam=YYYY scores
** every unit of the account's subtree (model/risk.h), worst first or by
** one signal (?sap-xep=CODE, a whitelist of the signal codes), with each
** signal, its weight and its part of the score beside the total, so every
** proposed target shows why. "Đề xuất kiểm tra" opens the programme's add
** form with the unit and the reason filled in (risk_evidence words what a
** signal rests on, e.g. the ranking's places and source). The year's weights are
** shown with who set them and why; the commission changes them with POST
** /kiem-tra/rui-ro/trong-so (a note is required; the model keeps every
** setting and audits it).
*/
#include "web/page_inspect.h"

#include <errno.h>
#include <stdlib.h>

#include "model/risk.h"
#include "model/risk_history.h"
#include "render/html.h"
#include "render/layout.h"

#define RISK_ROWS_MAX 300

static const char *num(struct arena *a, double v)
{
	char buf[48];
	int dec = 0;

	if (v != (double)(long long)v)
		dec = (v * 10.0 == (double)(long long)(v * 10.0)) ? 1 : 2;
	num_format_vn(v, dec, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

bool pi_parse_weight(const char *s, double *out)
{
	char buf[32], *end;
	size_t n = 0;

	for (; *s && n + 1 < sizeof(buf); s++)
		if (*s != ' ')
			buf[n++] = *s == ',' ? '.' : *s;
	if (*s || !n)
		return false;
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	return !errno && *end == '\0' && *out == *out && *out < 1e300 && *out > -1e300;
}

/* qsort has no context argument: the signal to sort by, set just before (one request per thread) */
static _Thread_local int tl_sort_sig = -1;

static int by_signal(const void *x, const void *y)
{
	const struct risk_row *a = x, *b = y;
	double va = tl_sort_sig >= 0 ? a->part[tl_sort_sig] : a->score;
	double vb = tl_sort_sig >= 0 ? b->part[tl_sort_sig] : b->score;

	if (va != vb)
		return va < vb ? 1 : -1;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

/* The reason for proposing u, from its largest parts. */
static const char *reason_of(struct req *r, const struct risk_row *u, int year)
{
	struct sbuf s;
	const char *out;

	sbuf_init(&s, 0);
	sbuf_addf(&s, "Đề xuất từ danh sách rủi ro năm %d: điểm %s (", year, num(r->arena, u->score));
	bool first = true;
	for (int i = 0; i < RS_COUNT; i++) {
		if (u->signal[i] <= 0)
			continue;
		const char *ev = risk_evidence(r->app->store, r->arena, u, (enum risk_signal)i);

		sbuf_addf(&s, "%s%s: %s", first ? "" : "; ", risk_signal_vi((enum risk_signal)i),
			  ev ? ev : num(r->arena, u->signal[i]));
		first = false;
	}
	sbuf_addstr(&s, ").");
	out = arena_strdup(r->arena, s.buf);
	sbuf_release(&s);
	return out;
}

/* The earlier settings of the year (the latest is shown above), at most 20. */
static void write_history(struct req *r, struct sbuf *b, int year)
{
	struct risk_weights_set_row *v = NULL;
	size_t n = 0;

	if (risk_weights_history(r->app->store, r->arena, year, 21, &v, &n) != APP_OK || n < 2)
		return;
	HTML(b,
	     "<details class=\"weights-history\"><summary>Các lần đặt trọng số trước (%d)</summary>"
	     "<table class=\"weights\"><thead><tr><th>Thời điểm</th><th>Người đặt</th>",
	     (long long)(n - 1));
	for (int i = 0; i < RS_COUNT; i++)
		HTML(b, "<th scope=\"col\">%h</th>", risk_signal_vi((enum risk_signal)i));
	HTML_LIT(b, "<th>Căn cứ</th></tr></thead><tbody>");
	for (size_t k = 1; k < n; k++) {
		char at[17] = "";

		time_format_vn(v[k].w.set_at, at);
		HTML(b, "<tr><td>%h</td><td>%h</td>", at, v[k].set_by_name ? v[k].set_by_name : "Dòng lệnh");
		for (int i = 0; i < RS_COUNT; i++)
			HTML(b, "<td class=\"num\">%h</td>", num(r->arena, v[k].w.w[i]));
		HTML(b, "<td>%h</td></tr>", v[k].w.note ? v[k].w.note : "");
	}
	HTML_LIT(b, "</tbody></table></details>");
}

static void write_weights(struct req *r, struct sbuf *b, const struct risk_weights *w, int year, const char *error)
{
	HTML_LIT(b, "<section id=\"trong-so\"><h2>Trọng số năm ");
	HTML(b, "%d</h2>", (long long)year);
	if (w->is_default)
		HTML_LIT(b, "<p class=\"notice\">Năm này chưa đặt trọng số: mỗi tín hiệu tính hệ số 1.</p>");
	else {
		char at[17] = "";
		struct account who;

		time_format_vn(w->set_at, at);
		if (w->set_by && account_get(r->app->store, r->arena, w->set_by, &who) == APP_OK)
			HTML(b, "<p>Đặt lúc %h bởi %h. Căn cứ: %h</p>", at,
			     who.display_name ? who.display_name : who.login, w->note ? w->note : "");
		else
			HTML(b, "<p>Đặt lúc %h. Căn cứ: %h</p>", at, w->note ? w->note : "");
	}
	HTML_LIT(b, "<table class=\"weights\"><thead><tr><th>Tín hiệu</th>");
	for (int i = 0; i < RS_COUNT; i++)
		HTML(b, "<th scope=\"col\">%h</th>", risk_signal_vi((enum risk_signal)i));
	HTML_LIT(b, "</tr></thead><tbody><tr><th scope=\"row\">Trọng số</th>");
	for (int i = 0; i < RS_COUNT; i++)
		HTML(b, "<td class=\"num\">%h</td>", num(r->arena, w->w[i]));
	HTML_LIT(b, "</tr></tbody></table>");
	write_history(r, b, year);
	if (pi_commission(r)) {
		bool keep = error != NULL;

		HTML_LIT(b, "<details class=\"no-print\"");
		if (keep)
			HTML_LIT(b, " open");
		HTML_LIT(b, "><summary>Thay đổi trọng số</summary>");
		if (error)
			HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
		HTML_LIT(b, "<form class=\"form\" method=\"post\" action=\"/kiem-tra/rui-ro/trong-so\">");
		page_csrf_field(b, r->csrf);
		HTML(b, "<input type=\"hidden\" name=\"nam\" value=\"%d\">", (long long)year);
		for (int i = 0; i < RS_COUNT; i++) {
			const char *code = risk_signal_code((enum risk_signal)i);
			const char *f = arena_printf(r->arena, "w_%s", code);

			HTML(b, "<label>%h <input name=\"%h\" inputmode=\"decimal\" required value=\"%h\"></label>",
			     risk_signal_vi((enum risk_signal)i), f, keep ? pi_val(r, f) : num(r->arena, w->w[i]));
		}
		HTML(b,
		     "<label>Căn cứ, lý do thay đổi <textarea name=\"ghi_chu\" rows=\"2\" required>%h</textarea>"
		     "</label><button type=\"submit\">Lưu trọng số</button></form></details>",
		     keep ? pi_val(r, "ghi_chu") : "");
	}
	HTML_LIT(b, "</section>");
}

static void render_risk(struct req *r, struct resp *p, int year, int status, const char *error)
{
	struct risk_table t;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	const char *sort = req_query(r, "sap-xep"), *ok = req_query(r, "ok");
	int sig = -1;
	enum app_err e;

	for (int i = 0; sort && i < RS_COUNT; i++)
		if (strcmp(sort, risk_signal_code((enum risk_signal)i)) == 0)
			sig = i;
	if ((e = risk_scores(r->app->store, r->arena, &r->acct, 0, year, NULL, &t)) != APP_OK) {
		web_fail(r, p, e, "risk");
		return;
	}
	tl_sort_sig = sig;
	if (t.n > 1)
		qsort(t.v, t.n, sizeof(*t.v), by_signal);
	c = (struct page_ctx){ .title = arena_printf(r->arena, "Danh sách rủi ro năm %d", year),
			       .acct = &r->acct,
			       .csrf = r->csrf,
			       .nav = "kiem-tra" };
	p->status = status;
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Kiểm tra\"><ol><li><a href=\"/kiem-tra?nam=%d\">Chương trình "
	     "kiểm tra, giám sát năm %d</a></li><li aria-current=\"page\">Danh sách rủi ro</li></ol></nav>"
	     "<h1>Danh sách rủi ro năm %d</h1><p class=\"lead\">Điểm của mỗi đơn vị là tổng các tín hiệu nhân "
	     "trọng số; cột nào cũng cho thấy căn cứ của điểm.</p>",
	     (long long)year, (long long)year, (long long)year);
	if (ok && strcmp(ok, "trong-so") == 0 && !error)
		HTML_LIT(b, "<p class=\"ok\" role=\"status\">Đã lưu trọng số mới; thay đổi được ghi vào nhật ký.</p>");
	HTML(b,
	     "<form method=\"get\" action=\"/kiem-tra/rui-ro\" class=\"search no-print\"><label>Năm <input "
	     "name=\"nam\" value=\"%d\" size=\"5\"></label><button type=\"submit\">Xem</button></form>",
	     (long long)year);
	write_weights(r, b, &t.weights, year, error);
	if (!t.n)
		HTML_LIT(b, "<p class=\"empty\">Không có đơn vị nào trong phạm vi.</p>");
	else {
		HTML(b,
		     "<table class=\"risk\"><thead><tr><th>Hạng</th><th><a href=\"/kiem-tra/rui-ro?nam=%d\">Đơn vị"
		     "</a></th>",
		     (long long)year);
		for (int i = 0; i < RS_COUNT; i++)
			HTML(b, "<th%H><a href=\"/kiem-tra/rui-ro?nam=%d&amp;sap-xep=%u\">%h</a></th>",
			     i == sig ? HTML_SAFE_LIT(" aria-sort=\"descending\"") : HTML_SAFE_LIT(""), (long long)year,
			     risk_signal_code((enum risk_signal)i), risk_signal_vi((enum risk_signal)i));
		HTML(b, "<th%H><a href=\"/kiem-tra/rui-ro?nam=%d\">Điểm</a></th>%H</tr></thead><tbody>",
		     sig < 0 ? HTML_SAFE_LIT(" aria-sort=\"descending\"") : HTML_SAFE_LIT(""), (long long)year,
		     pi_commission(r) ? HTML_SAFE_LIT("<th class=\"no-print\"></th>") : HTML_SAFE_LIT(""));
		for (size_t i = 0; i < t.n && i < RISK_ROWS_MAX; i++) {
			const struct risk_row *u = &t.v[i];

			HTML(b, "<tr><td class=\"num\">%d</td><td><a href=\"/don-vi/%u\">%h</a></td>",
			     (long long)(i + 1), u->code, u->name);
			for (int k = 0; k < RS_COUNT; k++) {
				const char *ev = risk_evidence(r->app->store, r->arena, u, (enum risk_signal)k);

				HTML(b, "<td class=\"num%H\">%h <span class=\"part\">(%h)</span>",
				     u->part[k] > 0 ? HTML_SAFE_LIT(" sig-on") : HTML_SAFE_LIT(""),
				     num(r->arena, u->signal[k]), num(r->arena, u->part[k]));
				if (ev)
					HTML(b, "<span class=\"evidence\">%h</span>", ev);
				HTML_LIT(b, "</td>");
			}
			HTML(b, "<td class=\"num score\">%h</td>", num(r->arena, u->score));
			if (pi_commission(r))
				HTML(b,
				     "<td class=\"no-print\"><a href=\"/kiem-tra?nam=%d&amp;don-vi=%u&amp;ly-do=%u#them\">"
				     "Đề xuất kiểm tra</a></td>",
				     (long long)year, u->code, reason_of(r, u, year));
			HTML_LIT(b, "</tr>");
		}
		HTML_LIT(b, "</tbody></table>");
		if (t.n > RISK_ROWS_MAX)
			HTML(b, "<p class=\"muted\">Chỉ hiện %d đơn vị đầu trong %d đơn vị.</p>",
			     (long long)RISK_ROWS_MAX, (long long)t.n);
		HTML_LIT(b, "<p class=\"muted\">Mỗi ô: giá trị tín hiệu (điểm đóng góp = trọng số × tín hiệu).</p>");
	}
	page_end(b);
}

void page_risk(struct req *r, struct resp *p)
{
	int year = pi_year(r);

	if (!year) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	render_risk(r, p, year, 200, NULL);
}

void page_risk_post(struct req *r, struct resp *p)
{
	struct risk_weights w = { 0 };
	const char *why = NULL;
	int64_t y;
	enum app_err e;

	if (!pi_commission(r)) {
		web_error_msg(r, p, 403, "Chỉ cán bộ Ủy ban Kiểm tra được thay đổi trọng số.");
		return;
	}
	if (!parse_int64(pi_val(r, "nam"), &y) || y < 1930 || y > 2200) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	for (int i = 0; i < RS_COUNT; i++) {
		const char *f = arena_printf(r->arena, "w_%s", risk_signal_code((enum risk_signal)i));

		if (!pi_parse_weight(pi_val(r, f), &w.w[i])) {
			render_risk(r, p, (int)y, 422,
				    arena_printf(r->arena, "Trọng số “%s” không phải là số.",
						 risk_signal_vi((enum risk_signal)i)));
			return;
		}
	}
	w.note = pi_val(r, "ghi_chu");
	e = risk_weights_set(r->app->store, &r->acct, (int)y, &w, &why);
	if (e == APP_OK) {
		resp_redirect(p, r->arena,
			      arena_printf(r->arena, "/kiem-tra/rui-ro?nam=%lld&ok=trong-so", (long long)y));
		return;
	}
	if (e == APP_EINVAL || e == APP_EDENIED) {
		render_risk(r, p, (int)y, pi_refusal_status(e), why ? why : web_err_message(e));
		return;
	}
	web_fail(r, p, e, "risk-weights");
}
