/*
** Self-criticism reviews (kiểm điểm, issue 5 item 5): the reviews of a year
** over the account's subtree with the working group attached to each and
** the counts of findings (/kiem-diem?nam=2022), the working groups, and
** one review (/kiem-diem/ID): the superior's suggested points, the unit's
** remediation plan, the review's findings followed up exactly as an
** inspection's (each links to /kiem-tra/phat-hien/ID). Forms: the
** commission adds groups, reviews and findings; the unit enters its plan.
** The model (review.h) checks who may do what; forms are shown only to
** those it would allow.
*/
#include "model/followup.h"
#include "render/html.h"
#include "render/layout.h"
#include "web/page_followup.h"

static bool commission(struct req *r)
{
	return r->authed &&
	       (r->acct.role == ROLE_ADMIN || r->acct.role == ROLE_INSPECTOR || r->acct.role == ROLE_LEADER);
}

static int this_year(void)
{
	char d[11];

	date_today(d);
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

/* ?nam= or the form's nam, else this year; 0 when given and bad. */
static int year_param(const char *v)
{
	int64_t y;

	if (!v || !*v)
		return this_year();
	return parse_int64(v, &y) && y >= 1930 && y <= 2200 ? (int)y : 0;
}

static void write_group_form(struct req *r, struct sbuf *b, int year, bool keep)
{
	HTML_LIT(b, "<section class=\"actions\" id=\"lap-to\"><h2>Lập tổ công tác</h2>"
		    "<form class=\"form\" method=\"post\" action=\"/kiem-diem/to-cong-tac\">");
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<input type=\"hidden\" name=\"nam\" value=\"%d\">"
	     "<label for=\"g-so\">Số tổ</label><input id=\"g-so\" name=\"so\" inputmode=\"numeric\" value=\"%h\" required>"
	     "<label for=\"g-ten\">Tên tổ</label><input id=\"g-ten\" name=\"ten\" value=\"%h\" required>"
	     "<label for=\"g-tt\">Tổ trưởng</label><input id=\"g-tt\" name=\"to_truong\" value=\"%h\">"
	     "<button type=\"submit\">Lập tổ</button></form></section>",
	     (long long)year, fu_val(r, keep, "so", ""), fu_val(r, keep, "ten", ""), fu_val(r, keep, "to_truong", ""));
}

static void write_review_form(struct req *r, struct sbuf *b, int year, const struct review_group_list *gl, bool keep)
{
	const char *sel = fu_val(r, keep, "to", "");

	HTML_LIT(b, "<section class=\"actions\" id=\"them-kiem-diem\"><h2>Gợi ý kiểm điểm cho đơn vị</h2>"
		    "<form class=\"form\" method=\"post\" action=\"/kiem-diem/them\">");
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<input type=\"hidden\" name=\"nam\" value=\"%d\">"
	     "<label for=\"k-dv\">Mã đơn vị</label><input id=\"k-dv\" name=\"don_vi\" value=\"%h\" required>"
	     "<label for=\"k-to\">Tổ công tác</label><select id=\"k-to\" name=\"to\"><option value=\"0\">Chưa phân công"
	     "</option>",
	     (long long)year, fu_val(r, keep, "don_vi", ""));
	for (size_t i = 0; i < gl->n; i++) {
		const char *no = arena_printf(r->arena, "%d", gl->v[i].no);

		HTML(b, "<option value=\"%h\"%H>Tổ %d: %h</option>", no,
		     strcmp(sel, no) == 0 ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""), (long long)gl->v[i].no,
		     gl->v[i].name);
	}
	HTML(b,
	     "</select><label for=\"k-gy\">Gợi ý kiểm điểm</label><textarea id=\"k-gy\" name=\"goi_y\" rows=\"4\" "
	     "required>%h</textarea><label for=\"k-ngay\">Ngày gợi ý (dd/mm/yyyy)</label><input id=\"k-ngay\" "
	     "name=\"ngay\" value=\"%h\" required><button type=\"submit\">Ghi gợi ý kiểm điểm</button></form></section>",
	     fu_val(r, keep, "goi_y", ""), fu_val(r, keep, "ngay", fu_today_vn(r->arena)));
}

static void render_reviews(struct req *r, struct resp *p, int year, const char *error, int status)
{
	struct review_list rl;
	struct review_group_list gl;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	const char *title;
	enum app_err e;

	if ((e = review_list(r->app->store, r->arena, &r->acct, year, 0, NULL, &rl)) != APP_OK ||
	    (e = followup_review_groups(r->app->store, r->arena, year, &gl)) != APP_OK) {
		web_fail(r, p, e, "reviews");
		return;
	}
	title = arena_printf(r->arena, "Kiểm điểm năm %d", year);
	sbuf_reset(b);
	c = (struct page_ctx){ .title = title, .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	page_begin(b, &c);
	fu_subnav(b, "kiem-diem");
	HTML(b, "<h1>Kiểm điểm tự phê bình và phê bình năm %d</h1>", (long long)year);
	fu_flash(r, b, error);
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/kiem-diem\"><label for=\"nam\">Năm</label>"
	     "<input id=\"nam\" name=\"nam\" value=\"%d\" inputmode=\"numeric\"><button type=\"submit\">Xem</button>"
	     "</form><p class=\"lead\">%d đơn vị được gợi ý kiểm điểm; %d tổ công tác.</p>",
	     (long long)year, rl.n, gl.n);

	{
		int *years;
		size_t ny;

		if (followup_review_years(r->app->store, r->arena, &years, &ny) == APP_OK && ny) {
			HTML_LIT(b, "<p class=\"years\">Các năm có kiểm điểm: ");
			for (size_t i = 0; i < ny; i++)
				if (years[i] == year)
					HTML(b, "<strong>%d</strong> ", (long long)years[i]);
				else
					HTML(b, "<a href=\"/kiem-diem?nam=%d\">%d</a> ", (long long)years[i],
					     (long long)years[i]);
			HTML_LIT(b, "</p>");
		}
	}
	HTML_LIT(b, "<section><h2>Tổ công tác</h2>");
	if (!gl.n)
		HTML_LIT(b, "<p class=\"empty\">Chưa lập tổ công tác nào trong năm.</p>");
	else {
		HTML_LIT(b, "<table class=\"groups\"><thead><tr><th>Số</th><th>Tổ công tác</th><th>Tổ trưởng</th>"
			    "<th>Số đơn vị</th></tr></thead><tbody>");
		for (size_t i = 0; i < gl.n; i++) {
			size_t n = 0;

			for (size_t k = 0; k < rl.n; k++)
				n += rl.v[k].group_no == gl.v[i].no;
			HTML(b, "<tr><td>%d</td><td>%h</td><td>%h</td><td class=\"num\">%d</td></tr>",
			     (long long)gl.v[i].no, gl.v[i].name, gl.v[i].lead_name ? gl.v[i].lead_name : "—", n);
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section><section><h2>Đơn vị kiểm điểm</h2>");
	if (!rl.n)
		HTML_LIT(b, "<p class=\"empty\">Chưa có gợi ý kiểm điểm nào trong năm.</p>");
	else {
		HTML_LIT(
			b,
			"<table class=\"reviews\"><thead><tr><th>STT</th><th>Đơn vị</th><th>Tổ công tác</th>"
			"<th>Gợi ý kiểm điểm của cấp trên</th><th>Kế hoạch khắc phục</th><th>Khuyết điểm chưa khắc phục</th>"
			"</tr></thead><tbody>");
		for (size_t i = 0; i < rl.n; i++) {
			const struct review *v = &rl.v[i];

			HTML(b,
			     "<tr><td>%d</td><td><a href=\"/kiem-diem/%d\">%h</a></td><td>%h</td><td><span class=\"points\">"
			     "%h</span> <span class=\"muted\">(%h)</span></td><td>%h</td><td class=\"num\">%d/%d</td></tr>",
			     (unsigned long long)(i + 1), v->id, v->unit_name,
			     v->group_no ? arena_printf(r->arena, "Tổ %d", v->group_no) : "Chưa phân công", v->points,
			     html_date_vn(r->arena, v->points_date),
			     v->plan_date ? arena_printf(r->arena, "Có (%s)", html_date_vn(r->arena, v->plan_date))
					  : "Chưa có",
			     v->findings_open, v->findings);
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section>");
	if (commission(r)) {
		write_group_form(r, b, year, error != NULL && req_param(r, "ten"));
		write_review_form(r, b, year, &gl, error != NULL && req_param(r, "goi_y"));
	}
	page_end(b);
	p->status = status;
	p->content_type = "text/html; charset=utf-8";
}

void page_reviews(struct req *r, struct resp *p)
{
	const char *q = req_query(r, "nam");
	int year = year_param(q);
	int *years;
	size_t ny;

	/* without ?nam=: the latest year that has reviews or groups */
	if ((!q || !*q) && followup_review_years(r->app->store, r->arena, &years, &ny) == APP_OK && ny)
		year = years[0];

	if (!year) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	render_reviews(r, p, year, NULL, 200);
}

void page_reviews_post(struct req *r, struct resp *p, const char *action)
{
	int year = year_param(req_param(r, "nam"));
	const char *why = NULL;
	int64_t no = 0, id = 0;
	enum app_err e;

	if (!year) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	if (strcmp(action, "to-cong-tac") == 0) {
		if (!parse_int64(req_param(r, "so") ? req_param(r, "so") : "", &no) || no < 1 || no > 999) {
			e = APP_EINVAL;
			why = "Số tổ công tác phải là số nguyên từ 1 đến 999.";
		} else {
			e = review_group_add(r->app->store, &r->acct, year, (int)no, req_param(r, "ten"),
					     req_param(r, "to_truong"), &id, &why);
		}
		if (e == APP_OK) {
			fu_redirect_ok(r, p, arena_printf(r->arena, "/kiem-diem?nam=%d", year), "to-cong-tac");
			return;
		}
	} else {
		const char *to = req_param(r, "to");

		if (to && *to && (!parse_int64(to, &no) || no < 0 || no > 999)) {
			e = APP_EINVAL;
			why = "Tổ công tác không hợp lệ.";
		} else {
			e = review_add(r->app->store, &r->acct, year, req_param(r, "don_vi"), (int)no,
				       req_param(r, "goi_y"), req_param(r, "ngay"), &id, &why);
		}
		if (e == APP_OK) {
			fu_redirect_ok(r, p, arena_printf(r->arena, "/kiem-diem/%lld", (long long)id), "kiem-diem");
			return;
		}
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền thực hiện thao tác này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_EEXIST && e != APP_ECONFLICT) {
		web_fail(r, p, e, "reviews-post");
		return;
	}
	p->log_note = "refused";
	render_reviews(r, p, year, why ? why : web_err_message(e), fu_err_status(e));
}

/* ---- one review ---- */

static bool load_review(struct req *r, struct resp *p, const char *id_text, const char *asof, struct review *v,
			struct finding_list *fl)
{
	int64_t id = fu_id(id_text);
	enum app_err e = id ? followup_review_get(r->app->store, r->arena, &r->acct, id, asof, v, fl) : APP_ENOTFOUND;

	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có gợi ý kiểm điểm này.");
		return false;
	}
	if (e == APP_EDENIED) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem kiểm điểm này: đơn vị nằm ngoài phạm vi tài khoản của bạn.");
		return false;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "review");
		return false;
	}
	return true;
}

static void write_plan_form(struct req *r, struct sbuf *b, const struct review *v, bool keep)
{
	HTML(b, "<form class=\"form\" method=\"post\" action=\"/kiem-diem/%d/ke-hoach\">", v->id);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"p-kh\">Kế hoạch khắc phục của đơn vị</label><textarea id=\"p-kh\" name=\"ke_hoach\" "
	     "rows=\"5\" required>%h</textarea><label for=\"p-ngay\">Ngày (dd/mm/yyyy)</label><input id=\"p-ngay\" "
	     "name=\"ngay\" value=\"%h\" required><button type=\"submit\">Lưu kế hoạch khắc phục</button></form>",
	     fu_val(r, keep, "ke_hoach", v->plan_text ? v->plan_text : ""),
	     fu_val(r, keep, "ngay", v->plan_date ? html_date_vn(r->arena, v->plan_date) : fu_today_vn(r->arena)));
}

static void write_finding_form(struct req *r, struct sbuf *b, const struct review *v, bool keep)
{
	const char *ck = fu_val(r, keep, "loai_nguyen_nhan", "");

	HTML(b,
	     "<section class=\"actions\" id=\"them-khuyet-diem\"><h2>Ghi khuyết điểm qua kiểm điểm</h2>"
	     "<form class=\"form\" method=\"post\" action=\"/kiem-diem/%d/khuyet-diem\">",
	     v->id);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"f-nd\">Khuyết điểm, hạn chế</label><textarea id=\"f-nd\" name=\"noi_dung\" rows=\"3\" "
	     "required>%h</textarea><label for=\"f-lnn\">Loại nguyên nhân</label><select id=\"f-lnn\" "
	     "name=\"loai_nguyen_nhan\"><option value=\"\">Chọn</option><option value=\"chu-quan\"%H>Chủ quan</option>"
	     "<option value=\"khach-quan\"%H>Khách quan</option></select>"
	     "<label for=\"f-nn\">Nguyên nhân</label><input id=\"f-nn\" name=\"nguyen_nhan\" value=\"%h\">"
	     "<label for=\"f-dv\">Đơn vị chịu trách nhiệm (mã)</label><input id=\"f-dv\" name=\"dia_chi_don_vi\" "
	     "value=\"%h\"><label for=\"f-cn\">hoặc cá nhân chịu trách nhiệm</label><input id=\"f-cn\" "
	     "name=\"dia_chi_ca_nhan\" value=\"%h\">"
	     "<label for=\"f-bp\">Biện pháp khắc phục</label><input id=\"f-bp\" name=\"bien_phap\" value=\"%h\">"
	     "<label for=\"f-th\">Thời hạn khắc phục (dd/mm/yyyy)</label><input id=\"f-th\" name=\"thoi_han\" "
	     "value=\"%h\"><button type=\"submit\">Ghi khuyết điểm</button></form></section>",
	     fu_val(r, keep, "noi_dung", ""),
	     strcmp(ck, "chu-quan") == 0 ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""),
	     strcmp(ck, "khach-quan") == 0 ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""),
	     fu_val(r, keep, "nguyen_nhan", ""), fu_val(r, keep, "dia_chi_don_vi", v->unit_code),
	     fu_val(r, keep, "dia_chi_ca_nhan", ""), fu_val(r, keep, "bien_phap", ""), fu_val(r, keep, "thoi_han", ""));
}

static void render_review(struct req *r, struct resp *p, const struct review *v, const struct finding_list *fl,
			  const char *asof, const char *error, const char *form, int status)
{
	struct sbuf *b = &p->body;
	struct page_ctx c;
	const char *title = arena_printf(r->arena, "Kiểm điểm năm %d: %s", v->year, v->unit_name);
	bool unit_side = fu_can_write(r, v->unit_id) && r->acct.role != ROLE_VIEWER;
	bool superior = unit_side && r->acct.unit_id != v->unit_id;

	sbuf_reset(b);
	c = (struct page_ctx){ .title = title, .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Kiểm điểm\"><ol><li><a href=\"/kiem-diem?nam=%d\">Kiểm điểm năm %d"
	     "</a></li><li aria-current=\"page\">%h</li></ol></nav><h1>%h</h1>",
	     (long long)v->year, (long long)v->year, v->unit_name, title);
	fu_flash(r, b, error);
	HTML(b, "<dl class=\"facts\"><dt>Đơn vị</dt><dd><a href=\"/don-vi/%u\">%h</a></dd><dt>Tổ công tác</dt><dd>",
	     v->unit_code, v->unit_name);
	if (v->group_no)
		HTML(b, "Tổ %d: %h%h%h", (long long)v->group_no, v->group_name, v->group_lead ? ", tổ trưởng " : "",
		     v->group_lead);
	else
		HTML_LIT(b, "Chưa phân công");
	HTML(b,
	     "</dd><dt>Gợi ý kiểm điểm của cấp trên</dt><dd class=\"points\">%h</dd><dt>Ngày gợi ý</dt><dd>%h</dd>"
	     "</dl>",
	     v->points, html_date_vn(r->arena, v->points_date));
	HTML_LIT(b, "<section id=\"ke-hoach\"><h2>Kế hoạch khắc phục của đơn vị</h2>");
	if (v->plan_text)
		HTML(b, "<p class=\"plan\">%h</p><p class=\"muted\">Ngày %h</p>", v->plan_text,
		     html_date_vn(r->arena, v->plan_date));
	else
		HTML_LIT(b, "<p class=\"empty\">Đơn vị chưa nhập kế hoạch khắc phục.</p>");
	if (unit_side)
		write_plan_form(r, b, v, form && strcmp(form, "ke-hoach") == 0);
	HTML(b, "</section><section><h2>Khuyết điểm qua kiểm điểm (%d)</h2>", fl->n);
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/kiem-diem/%d\"><label for=\"asof\">Tình trạng "
	     "tính đến ngày</label><input id=\"asof\" name=\"ngay\" value=\"%h\"><button type=\"submit\">Xem</button>"
	     "</form>",
	     v->id, html_date_vn(r->arena, asof));
	if (!fl->n)
		HTML_LIT(b, "<p class=\"empty\">Chưa ghi khuyết điểm nào.</p>");
	else {
		HTML_LIT(b,
			 "<table class=\"findings\"><thead><tr><th>STT</th><th>Khuyết điểm</th><th>Nguyên nhân</th>"
			 "<th>Địa chỉ chịu trách nhiệm</th><th>Biện pháp khắc phục</th><th>Thời hạn</th><th>Tình trạng"
			 "</th></tr></thead><tbody>");
		for (size_t i = 0; i < fl->n; i++) {
			const struct finding *f = &fl->v[i];

			HTML(b,
			     "<tr><td>%d</td><td><a href=\"/kiem-tra/phat-hien/%d\">%h</a></td><td>%h</td><td>%h</td>"
			     "<td>%h</td><td>%h</td><td><span class=\"%h\">%h</span>%h</td></tr>",
			     (long long)f->seq, f->id, f->content, f->cause, f->addressee, f->remedy,
			     html_date_vn(r->arena, f->deadline), fu_status_class(f->status), task_status_vi(f->status),
			     f->status == TS_OVERDUE
				     ? arena_printf(r->arena, " (quá hạn %s ngày)", fu_num(r->arena, f->days_overdue))
				     : "");
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section>");
	if (superior)
		write_finding_form(r, b, v, form && strcmp(form, "khuyet-diem") == 0);
	page_end(b);
	p->status = status;
	p->content_type = "text/html; charset=utf-8";
}

void page_review(struct req *r, struct resp *p, const char *id_text)
{
	struct review v;
	struct finding_list fl;
	char d[11];

	if (!fu_asof(r, p, d) || !load_review(r, p, id_text, d, &v, &fl))
		return;
	render_review(r, p, &v, &fl, d, NULL, NULL, 200);
}

void page_review_post(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct review v;
	struct finding_list fl;
	const char *why = NULL;
	char d[11];
	enum app_err e;

	date_today(d);
	if (!load_review(r, p, id_text, d, &v, &fl))
		return;
	if (strcmp(action, "ke-hoach") == 0) {
		e = review_set_plan(r->app->store, &r->acct, v.id, req_param(r, "ke_hoach"), req_param(r, "ngay"),
				    &why);
	} else if (strcmp(action, "khuyet-diem") == 0) {
		const char *ck = req_param(r, "loai_nguyen_nhan");
		struct finding_new f = {
			.content = req_param(r, "noi_dung"),
			.cause_kind = !ck                             ? FC_NONE
				      : strcmp(ck, "chu-quan") == 0   ? FC_SUBJECTIVE
				      : strcmp(ck, "khach-quan") == 0 ? FC_OBJECTIVE
								      : FC_NONE,
			.cause = req_param(r, "nguyen_nhan"),
			.addressee_unit_code = req_param(r, "dia_chi_don_vi"),
			.addressee_person = req_param(r, "dia_chi_ca_nhan"),
			.remedy = req_param(r, "bien_phap"),
			.deadline = req_param(r, "thoi_han"),
		};
		e = review_add_finding(r->app->store, &r->acct, v.id, &f, NULL, &why);
	} else {
		web_error(r, p, 404);
		return;
	}
	if (e == APP_OK) {
		web_cache_invalidate();
		fu_redirect_ok(r, p, arena_printf(r->arena, "/kiem-diem/%lld", (long long)v.id), action);
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền thực hiện thao tác này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT && e != APP_EEXIST) {
		web_fail(r, p, e, "review-post");
		return;
	}
	p->log_note = "refused";
	render_review(r, p, &v, &fl, d, why ? why : web_err_message(e), action, fu_err_status(e));
}
