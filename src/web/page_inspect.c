/*
** The annual inspection and supervision programme (issue 5, item 1):
** GET /kiem-tra?nam=YYYY lists the year's inspections of the account's
** subtree (kind, target, subjects, team, dates, state) and draws them on a
** twelve-month calendar (an HTML table, printable); the commission adds an
** inspection with POST /kiem-tra/them (refusals re-show the form with the
** values typed, nothing stored); GET /kiem-tra/chuong-trinh.docx is the
** same programme as a party document (render/inspect_doc.h).
** Also the helpers shared by the other page_inspect*.c files.
*/
#include "web/page_inspect.h"

#include <stdlib.h>

#include "model/unit.h"
#include "render/html.h"
#include "render/inspect_doc.h"
#include "render/layout.h"

bool pi_commission(const struct req *r)
{
	return r->authed && (r->acct.role == ROLE_INSPECTOR || r->acct.role == ROLE_ADMIN);
}

int pi_year(struct req *r)
{
	const char *y = req_query(r, "nam");
	int64_t v;
	char today[11];

	if (!y || !*y) {
		date_today(today);
		return (int)strtol(today, NULL, 10);
	}
	if (!parse_int64(y, &v) || v < 1930 || v > 2200)
		return 0;
	return (int)v;
}

const char *pi_val(struct req *r, const char *name)
{
	const char *v = strcmp(r->method, "POST") == 0 ? req_param(r, name) : req_query(r, name);

	return v ? v : "";
}

const char *pi_date(struct req *r, const char *iso)
{
	return iso && *iso ? html_date_vn(r->arena, iso) : "—";
}

const char *pi_state_vi(const struct inspection *in, const char *today)
{
	if (in->state && strcmp(in->state, "concluded") == 0)
		return "Đã kết luận";
	if (in->date_from && strcmp(today, in->date_from) < 0)
		return "Theo kế hoạch";
	if (in->date_to && strcmp(today, in->date_to) > 0)
		return "Chờ kết luận";
	return "Đang tiến hành";
}

const char *pi_conc_state_vi(const char *state)
{
	if (!state)
		return "";
	if (strcmp(state, "draft") == 0)
		return "Dự thảo";
	if (strcmp(state, "issued") == 0)
		return "Đã ban hành";
	if (strcmp(state, "superseded") == 0)
		return "Đã được đính chính";
	return state;
}

int pi_refusal_status(enum app_err e)
{
	switch (e) {
	case APP_EINVAL: return 422;
	case APP_EEXIST:
	case APP_ECONFLICT: return 409;
	case APP_EDENIED: return 403;
	case APP_ENOTFOUND: return 404;
	case APP_ETOOBIG: return 413;
	default: return 500;
	}
}

bool pi_load(struct req *r, struct resp *p, const char *id_text, struct inspection *in)
{
	int64_t id;
	enum app_err e;

	if (!parse_int64(id_text, &id) || id <= 0) {
		web_error_msg(r, p, 404, "Không có cuộc kiểm tra, giám sát này.");
		return false;
	}
	e = inspection_get(r->app->store, r->arena, &r->acct, id, in);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có cuộc kiểm tra, giám sát này.");
		return false;
	}
	if (e == APP_EDENIED) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem cuộc kiểm tra, giám sát này: đơn vị được kiểm tra nằm "
			      "ngoài phạm vi tài khoản của bạn.");
		return false;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "inspection");
		return false;
	}
	return true;
}

/* Month 1..12 of an ISO date clipped to year y. */
static int month_in(const char *iso, int y)
{
	int dy = (int)strtol(iso, NULL, 10);

	if (dy < y)
		return 1;
	if (dy > y)
		return 12;
	return (int)strtol(iso + 5, NULL, 10);
}

static void write_team_cell(struct req *r, struct sbuf *b, int64_t insp)
{
	struct team_list tl;

	if (team_list(r->app->store, r->arena, &r->acct, insp, &tl) != APP_OK || !tl.n) {
		HTML_LIT(b, "<span class=\"muted\">Chưa lập đoàn</span>");
		return;
	}
	HTML_LIT(b, "<ul class=\"team-brief\">");
	for (size_t i = 0; i < tl.n; i++)
		HTML(b, "<li>%h: %h</li>", team_role_vi(tl.v[i].role), tl.v[i].name ? tl.v[i].name : tl.v[i].login);
	HTML_LIT(b, "</ul>");
}

static void write_list(struct req *r, struct sbuf *b, const struct inspection_list *l, const char *today)
{
	HTML_LIT(b, "<section id=\"danh-sach\"><h2>Danh sách cuộc kiểm tra, giám sát</h2>");
	if (!l->n) {
		HTML_LIT(b, "<p class=\"empty\">Chưa có cuộc kiểm tra, giám sát nào trong năm.</p></section>");
		return;
	}
	HTML_LIT(b, "<table class=\"programme\"><thead><tr><th>STT</th><th>Cuộc kiểm tra, giám sát</th><th>Loại hình"
		    "</th><th>Đối tượng</th><th>Nội dung, văn bản</th><th>Đoàn</th><th>Thời gian</th>"
		    "<th>Trạng thái</th></tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct inspection *in = &l->v[i];

		HTML(b, "<tr><td class=\"num\">%d</td><td><a href=\"/kiem-tra/%d\">%h</a>", (long long)(i + 1), in->id,
		     in->title);
		if (in->decision_no)
			HTML(b, "<br><span class=\"muted\">Quyết định %h</span>", in->decision_no);
		HTML(b, "</td><td>%h</td><td><a href=\"/don-vi/%u\">%h</a></td><td>%h</td><td>", insp_kind_vi(in->kind),
		     in->unit_code, in->unit_name, in->subjects ? in->subjects : "—");
		write_team_cell(r, b, in->id);
		HTML(b, "</td><td>%h – %h</td><td>%h</td></tr>", pi_date(r, in->date_from), pi_date(r, in->date_to),
		     pi_state_vi(in, today));
	}
	HTML_LIT(b, "</tbody></table></section>");
}

static void write_calendar(struct req *r, struct sbuf *b, const struct inspection_list *l, int year)
{
	(void)r;
	if (!l->n)
		return;
	HTML(b,
	     "<section id=\"lich\"><h2>Lịch kiểm tra, giám sát năm %d</h2><table class=\"insp-cal\"><thead><tr>"
	     "<th>Cuộc kiểm tra, giám sát</th>",
	     (long long)year);
	for (int m = 1; m <= 12; m++)
		HTML(b, "<th scope=\"col\">T%d</th>", (long long)m);
	HTML_LIT(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct inspection *in = &l->v[i];
		int m0 = month_in(in->date_from, year), m1 = month_in(in->date_to, year);

		HTML(b, "<tr><th scope=\"row\"><a href=\"/kiem-tra/%d\">%h</a><br><span class=\"muted\">%h</span></th>",
		     in->id, in->unit_name, insp_kind_vi(in->kind));
		for (int m = 1; m <= 12; m++) {
			if (m >= m0 && m <= m1)
				HTML(b, "<td class=\"cal-on k-%h\" title=\"%h\">■</td>", insp_kind_code(in->kind),
				     in->title);
			else
				HTML_LIT(b, "<td class=\"cal-off\"></td>");
		}
		HTML_LIT(b, "</tr>");
	}
	HTML_LIT(b, "</tbody></table></section>");
}

/* The <option>s of the kinds, sel selected. */
static void kind_options(struct sbuf *b, const char *sel)
{
	for (int k = 0; k < IK_COUNT; k++)
		HTML(b, "<option value=\"%h\"%H>%h</option>", insp_kind_code((enum insp_kind)k),
		     strcmp(sel, insp_kind_code((enum insp_kind)k)) == 0 ? HTML_SAFE_LIT(" selected")
									 : HTML_SAFE_LIT(""),
		     insp_kind_vi((enum insp_kind)k));
}

/* The add form; error: a refusal to show, values kept from r. */
static void write_add_form(struct req *r, struct sbuf *b, int year, const char *error)
{
	const struct unit_data *ud = NULL;
	const char *target = pi_val(r, "don_vi");
	bool listed = false;

	if (!*target)
		target = pi_val(r, "don-vi");
	HTML_LIT(b, "<section id=\"them\"><h2>Thêm cuộc kiểm tra, giám sát</h2>");
	if (error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML_LIT(b, "<form class=\"form insp-form\" method=\"post\" action=\"/kiem-tra/them\">");
	page_csrf_field(b, r->csrf);
	HTML(b, "<input type=\"hidden\" name=\"nam\" value=\"%d\">", (long long)year);
	HTML_LIT(b, "<label>Loại hình <select name=\"loai\">");
	kind_options(b, pi_val(r, "loai"));
	HTML_LIT(b, "</select></label><label>Đơn vị được kiểm tra, giám sát <select name=\"don_vi\">"
		    "<option value=\"\">— Chọn đơn vị —</option>");
	if (r->acct.unit_code && web_unit_data(r, r->acct.unit_code, false, &ud) == APP_OK) {
		for (size_t i = 0; i < ud->kids.n; i++) {
			bool sel = strcmp(target, ud->kids.v[i].code) == 0;

			listed |= sel;
			HTML(b, "<option value=\"%h\"%H>%h</option>", ud->kids.v[i].code,
			     sel ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""), ud->kids.v[i].name);
		}
	}
	if (*target && !listed) {
		struct unit u;
		bool ok = false;

		if (unit_get_by_code(r->app->store, r->arena, target, &u) == APP_OK &&
		    web_can_read(r, u.id, &ok) == APP_OK && ok)
			HTML(b, "<option value=\"%h\" selected>%h</option>", u.code, u.name);
		else
			HTML(b, "<option value=\"%h\" selected>%h</option>", target, target);
	}
	HTML(b,
	     "</select></label>"
	     "<label>hoặc mã đơn vị cấp dưới khác <input name=\"ma_don_vi\" value=\"%h\" "
	     "placeholder=\"mã đơn vị trong phạm vi của bạn\"></label>"
	     "<label>Tên cuộc kiểm tra, giám sát <input name=\"ten\" required value=\"%h\"></label>"
	     "<label>Số quyết định thành lập đoàn <input name=\"so_qd\" value=\"%h\" placeholder=\"125-QĐ/UBKTTU\">"
	     "</label><label>Văn bản, nội dung kiểm tra <input name=\"van_ban\" value=\"%h\" "
	     "placeholder=\"Chương trình số 01-CTr/TU\"></label>"
	     "<label>Từ ngày <input name=\"tu_ngay\" required value=\"%h\" placeholder=\"dd/mm/yyyy\"></label>"
	     "<label>Đến ngày <input name=\"den_ngay\" required value=\"%h\" placeholder=\"dd/mm/yyyy\"></label>"
	     "<label>Mục đích, yêu cầu <textarea name=\"muc_dich\" rows=\"3\">%h</textarea></label>"
	     "<label>Nội dung <textarea name=\"noi_dung\" rows=\"3\">%h</textarea></label>"
	     "<label>Phương pháp tiến hành <textarea name=\"phuong_phap\" rows=\"2\">%h</textarea></label>"
	     "<button type=\"submit\">Thêm vào chương trình</button></form></section>",
	     pi_val(r, "ma_don_vi"), pi_val(r, "ten"), pi_val(r, "so_qd"), pi_val(r, "van_ban"), pi_val(r, "tu_ngay"),
	     pi_val(r, "den_ngay"), *pi_val(r, "muc_dich") ? pi_val(r, "muc_dich") : pi_val(r, "ly-do"),
	     pi_val(r, "noi_dung"), pi_val(r, "phuong_phap"));
}

static void render_programme(struct req *r, struct resp *p, int year, int status, const char *error)
{
	struct inspection_list l;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	char today[11];
	const char *ok = req_query(r, "ok");
	enum app_err e;

	if ((e = programme_list(r->app->store, r->arena, &r->acct, year, 0, &l)) != APP_OK) {
		web_fail(r, p, e, "programme");
		return;
	}
	date_today(today);
	c = (struct page_ctx){ .title = arena_printf(r->arena, "Chương trình kiểm tra, giám sát năm %d", year),
			       .acct = &r->acct,
			       .csrf = r->csrf,
			       .nav = "kiem-tra" };
	p->status = status;
	page_begin(b, &c);
	HTML(b, "<h1>Chương trình kiểm tra, giám sát năm %d</h1>", (long long)year);
	if (r->acct.unit_name)
		HTML(b, "<p class=\"lead\">Các cuộc kiểm tra, giám sát đối với %h và các đơn vị trực thuộc.</p>",
		     r->acct.unit_name);
	if (ok && strcmp(ok, "trong-so") == 0)
		HTML_LIT(b, "<p class=\"ok\" role=\"status\">Đã lưu trọng số.</p>");
	HTML(b,
	     "<nav class=\"year-nav no-print\" aria-label=\"Năm\"><a href=\"/kiem-tra?nam=%d\">‹ Năm %d</a> "
	     "<form method=\"get\" action=\"/kiem-tra\" class=\"search\"><label>Năm <input name=\"nam\" value=\"%d\" "
	     "inputmode=\"numeric\" size=\"5\"></label><button type=\"submit\">Xem</button></form> "
	     "<a href=\"/kiem-tra?nam=%d\">Năm %d ›</a></nav>",
	     (long long)(year - 1), (long long)(year - 1), (long long)year, (long long)(year + 1),
	     (long long)(year + 1));
	HTML(b,
	     "<p class=\"no-print links\"><a href=\"/kiem-tra/chuong-trinh.docx?nam=%d\">Tải chương trình (.docx)</a>"
	     " · <a href=\"/kiem-tra/rui-ro?nam=%d\">Danh sách rủi ro</a> · <a href=\"/kiem-tra/trach-nhiem\">"
	     "Danh sách quá hạn, xem xét trách nhiệm</a> · <a href=\"/kiem-diem?nam=%d\">Kiểm điểm</a> · "
	     "<a href=\"/khieu-nai-to-cao\">Khiếu nại, tố cáo</a></p>",
	     (long long)year, (long long)year, (long long)year);
	write_list(r, b, &l, today);
	write_calendar(r, b, &l, year);
	if (pi_commission(r))
		write_add_form(r, b, year, error);
	page_end(b);
}

void page_programme(struct req *r, struct resp *p)
{
	int year = pi_year(r);

	if (!year) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	render_programme(r, p, year, 200, NULL);
}

void page_programme_post(struct req *r, struct resp *p)
{
	struct inspection_new n = { 0 };
	const char *why = NULL, *loai = pi_val(r, "loai");
	int64_t id = 0, y = 0;
	int year;
	enum app_err e;

	if (!pi_commission(r)) {
		web_error_msg(r, p, 403, "Chỉ cán bộ Ủy ban Kiểm tra được thêm cuộc kiểm tra, giám sát.");
		return;
	}
	if (!parse_int64(pi_val(r, "nam"), &y) || y < 1930 || y > 2200) {
		char today[11];

		date_today(today);
		y = strtol(today, NULL, 10);
	}
	year = (int)y;
	if (!insp_kind_parse(loai, &n.kind)) {
		render_programme(r, p, year, 422, "Loại hình kiểm tra, giám sát không hợp lệ.");
		return;
	}
	/* a code typed (any unit of the subtree) wins over the list of direct subordinates */
	n.target_code = *pi_val(r, "ma_don_vi") ? pi_val(r, "ma_don_vi") : pi_val(r, "don_vi");
	n.title = pi_val(r, "ten");
	n.decision_no = pi_val(r, "so_qd");
	n.subjects = pi_val(r, "van_ban");
	n.date_from = pi_val(r, "tu_ngay");
	n.date_to = pi_val(r, "den_ngay");
	n.purpose = pi_val(r, "muc_dich");
	n.content = pi_val(r, "noi_dung");
	n.method = pi_val(r, "phuong_phap");
	e = inspection_add(r->app->store, &r->acct, &n, &id, &why);
	if (e == APP_OK) {
		resp_redirect(p, r->arena, arena_printf(r->arena, "/kiem-tra/%lld?ok=them", (long long)id));
		return;
	}
	if (e == APP_EINVAL || e == APP_EDENIED) {
		render_programme(r, p, year, pi_refusal_status(e),
				 why ? why : "Không thêm được cuộc kiểm tra, giám sát.");
		return;
	}
	web_fail(r, p, e, "inspection-add");
}

void page_programme_docx(struct req *r, struct resp *p)
{
	struct inspection_list l;
	int year = pi_year(r);
	char *out = NULL;
	size_t len = 0;
	enum app_err e;

	if (!year) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return;
	}
	if ((e = programme_list(r->app->store, r->arena, &r->acct, year, 0, &l)) != APP_OK ||
	    (e = inspect_docx_programme(&l, year, NULL, NULL, NULL, &out, &len)) != APP_OK) {
		web_fail(r, p, e, "programme-docx");
		return;
	}
	p->status = 200;
	p->content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	resp_header(p, r->arena, "Content-Disposition",
		    arena_printf(r->arena, "attachment; filename=\"chuong-trinh-kiem-tra-%d.docx\"", year));
	sbuf_add(&p->body, out, len);
	free(out);
}
