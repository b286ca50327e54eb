/*
** One inspection's record (issue 5, item 3): GET /kiem-tra/ID shows the
** decision, the plan (purpose, content, method, dates), the team, and the
** conclusion in all its versions (a correction is a new version; the old
** one stays, marked "Đã được đính chính"), each with its findings. The
** commission's forms post to /kiem-tra/ID/ACTION:
**   doan          add a team member (login, role)
**   ket-luan      create the conclusion draft (date, number, commendations, criticisms)
**   khuyet-diem   add a finding to the draft (kl = its id)
**   sua-khuyet-diem  correct a finding of the draft (kl, kd = the finding)
**   ban-hanh      issue the draft (kl)
**   dinh-chinh    correct the issued version (kl, date, reason)
**   tu-bao-cao    the inspected unit's self-report with evidence files (multipart)
** A refusal re-shows the page with the model's Vietnamese reason beside the
** form and the values typed (status 422, or 409 / 403), nothing stored;
** success redirects (303) to the record with a confirmation.
** GET /kiem-tra/ID/thong-bao.docx is the conclusion notice.
*/
#include "web/page_inspect.h"

#include <stdlib.h>

#include "render/html.h"
#include "render/inspect_doc.h"
#include "render/layout.h"
#include "model/unit.h"

static const struct {
	const char *code, *msg;
} OK_MSG[] = {
	{ "them", "Đã thêm cuộc kiểm tra, giám sát vào chương trình." },
	{ "doan", "Đã thêm thành viên đoàn." },
	{ "ket-luan", "Đã lập dự thảo kết luận." },
	{ "tu-bao-cao", "Đã gửi báo cáo tự kiểm tra." },
	{ "khuyet-diem", "Đã thêm khuyết điểm vào dự thảo." },
	{ "sua-khuyet-diem", "Đã sửa khuyết điểm." },
	{ "ban-hanh", "Đã ban hành kết luận." },
	{ "dinh-chinh", "Đã lập bản đính chính (dự thảo); bản cũ vẫn có hiệu lực đến khi ban hành bản mới." },
};

/* Which form a refusal belongs to, its message, and the conclusion it concerns. */
struct form_err {
	const char *form, *msg;
	int64_t conc, finding;
};

static const char *err_for(const struct form_err *fe, const char *form, int64_t conc)
{
	if (!fe || !fe->form || strcmp(fe->form, form) != 0 || (conc && fe->conc != conc))
		return NULL;
	return fe->msg;
}

/* A form value to re-show: r's field when this form was refused, else dflt. */
static const char *keep(struct req *r, const struct form_err *fe, const char *form, const char *name, const char *dflt)
{
	if (fe && fe->form && strcmp(fe->form, form) == 0)
		return pi_val(r, name);
	return dflt ? dflt : "";
}

static void write_alert(struct sbuf *b, const char *msg)
{
	if (msg)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", msg);
}

static void write_team(struct req *r, struct sbuf *b, const struct inspection *in, const struct form_err *fe)
{
	struct team_list tl;
	enum app_err e = team_list(r->app->store, r->arena, &r->acct, in->id, &tl);

	HTML_LIT(b, "<section id=\"doan\"><h2>Đoàn kiểm tra, giám sát</h2>");
	if (e != APP_OK || !tl.n)
		HTML_LIT(b, "<p class=\"empty\">Chưa có thành viên đoàn.</p>");
	else {
		HTML_LIT(b, "<table class=\"team\"><thead><tr><th>Họ và tên</th><th>Nhiệm vụ trong đoàn</th>"
			    "<th>Đơn vị công tác</th></tr></thead><tbody>");
		for (size_t i = 0; i < tl.n; i++)
			HTML(b, "<tr><td>%h</td><td>%h</td><td>%h</td></tr>",
			     tl.v[i].name ? tl.v[i].name : tl.v[i].login, team_role_vi(tl.v[i].role),
			     tl.v[i].unit_name ? tl.v[i].unit_name : "—");
		HTML_LIT(b, "</tbody></table>");
	}
	if (pi_commission(r)) {
		const char *role = keep(r, fe, "doan", "vai_tro", "member");

		write_alert(b, err_for(fe, "doan", 0));
		HTML(b, "<form class=\"form inline-form\" method=\"post\" action=\"/kiem-tra/%d/doan\">", in->id);
		page_csrf_field(b, r->csrf);
		HTML(b,
		     "<label>Tên đăng nhập của thành viên <input name=\"tai_khoan\" required value=\"%h\"></label>"
		     "<label>Nhiệm vụ <select name=\"vai_tro\">",
		     keep(r, fe, "doan", "tai_khoan", NULL));
		for (int k = 0; k < TR_COUNT; k++)
			HTML(b, "<option value=\"%h\"%H>%h</option>", team_role_code((enum team_role)k),
			     strcmp(role, team_role_code((enum team_role)k)) == 0 ? HTML_SAFE_LIT(" selected")
										  : HTML_SAFE_LIT(""),
			     team_role_vi((enum team_role)k));
		HTML_LIT(b, "</select></label><button type=\"submit\">Thêm vào đoàn</button></form>");
	}
	HTML_LIT(b, "</section>");
}

/* What a finding still lacks before issue, in words ("" when complete). */
static const char *finding_gaps(struct req *r, const struct finding *f)
{
	struct sbuf s;
	const char *out;

	sbuf_init(&s, 0);
	if (!f->cause_kind || !*f->cause_kind)
		sbuf_addstr(&s, "nguyên nhân (chủ quan hay khách quan); ");
	if (!f->cause || !*f->cause)
		sbuf_addstr(&s, "nội dung nguyên nhân; ");
	if (!f->addressee || !*f->addressee)
		sbuf_addstr(&s, "địa chỉ; ");
	if (!f->remedy || !*f->remedy)
		sbuf_addstr(&s, "biện pháp khắc phục; ");
	if (!f->deadline || !*f->deadline)
		sbuf_addstr(&s, "thời hạn; ");
	if (s.len >= 2)
		s.buf[s.len - 2] = '\0';
	out = arena_strdup(r->arena, s.buf ? s.buf : "");
	sbuf_release(&s);
	return out;
}

static const char *cause_vi(const char *code)
{
	if (!code)
		return NULL;
	if (strcmp(code, "subjective") == 0)
		return "Chủ quan";
	if (strcmp(code, "objective") == 0)
		return "Khách quan";
	return code;
}

static const char *const TS_CLS[TS_COUNT] = { "ts-ontime", "ts-late", "ts-open", "ts-overdue" };

static void write_findings(struct req *r, struct sbuf *b, const struct conclusion *c)
{
	bool draft = c->state && strcmp(c->state, "draft") == 0;

	if (!c->findings.n) {
		HTML_LIT(b, "<p class=\"empty\">Chưa có khuyết điểm nào.</p>");
		return;
	}
	HTML(b,
	     "<table class=\"findings\"><thead><tr><th>STT</th><th>Khuyết điểm, hạn chế</th><th>Nguyên nhân</th>"
	     "<th>Địa chỉ</th><th>Biện pháp khắc phục</th><th>Thời hạn</th><th>%h</th></tr></thead><tbody>",
	     draft ? "Còn thiếu" : "Tình trạng");
	for (size_t i = 0; i < c->findings.n; i++) {
		const struct finding *f = &c->findings.v[i];
		const char *ck = cause_vi(f->cause_kind);

		HTML(b, "<tr><td class=\"num\">%d</td><td>%h</td><td>", (long long)f->seq, f->content);
		if (ck)
			HTML(b, "<strong>%h</strong>", ck);
		HTML(b, "%h%h</td><td>%h</td><td>%h</td><td>%h</td><td>", ck && f->cause ? ": " : "",
		     f->cause ? f->cause : (ck ? "" : "—"), f->addressee ? f->addressee : "—",
		     f->remedy ? f->remedy : "—", pi_date(r, f->deadline));
		if (draft) {
			const char *gaps = finding_gaps(r, f);

			if (*gaps)
				HTML(b, "<span class=\"miss\">Thiếu %h</span>", gaps);
			else
				HTML_LIT(b, "<span class=\"task-ok\">Đủ</span>");
		} else {
			HTML(b, "<a class=\"%h\" href=\"/kiem-tra/phat-hien/%d\">%h</a>", TS_CLS[f->status], f->id,
			     task_status_vi(f->status));
		}
		HTML_LIT(b, "</td></tr>");
	}
	HTML_LIT(b, "</tbody></table>");
}

/*
** The fields of a finding: the add form (f NULL) or the edit form of f.
** Values typed are kept when this very form was refused.
*/
static void write_finding_form(struct req *r, struct sbuf *b, const struct inspection *in, const struct conclusion *c,
			       const struct finding *f, const struct form_err *fe)
{
	const char *form = f ? "sua-khuyet-diem" : "khuyet-diem";
	const struct form_err *mine =
		fe && fe->form && strcmp(fe->form, form) == 0 && fe->conc == c->id && (!f || fe->finding == f->id)
			? fe
			: NULL;
	const char *ck = keep(r, mine, form, "loai_nguyen_nhan", f ? f->cause_kind : NULL);
	bool unit_addr = f && f->addressee_kind && strcmp(f->addressee_kind, "unit") == 0;
	const char *addr_unit = NULL;

	if (unit_addr && f->addressee_unit_id) {
		struct unit u;

		if (unit_get(r->app->store, r->arena, f->addressee_unit_id, &u) == APP_OK)
			addr_unit = u.code;
	}
	if (f)
		HTML(b, "<details class=\"edit-finding\"%H><summary>Sửa khuyết điểm số %d</summary>",
		     mine ? HTML_SAFE_LIT(" open") : HTML_SAFE_LIT(""), (long long)f->seq);
	else
		HTML_LIT(b, "<details class=\"add-finding\" open><summary>Thêm khuyết điểm</summary>");
	if (mine)
		write_alert(b, mine->msg);
	HTML(b, "<form class=\"form\" method=\"post\" action=\"/kiem-tra/%d/%h\">", in->id, form);
	page_csrf_field(b, r->csrf);
	HTML(b, "<input type=\"hidden\" name=\"kl\" value=\"%d\">", c->id);
	if (f)
		HTML(b, "<input type=\"hidden\" name=\"kd\" value=\"%d\">", f->id);
	HTML(b,
	     "<label>Khuyết điểm, hạn chế <textarea name=\"noi_dung\" rows=\"2\" required>%h</textarea></label>"
	     "<label>Loại nguyên nhân <select name=\"loai_nguyen_nhan\"><option value=\"\">— Chưa xác định —"
	     "</option><option value=\"subjective\"%H>Chủ quan</option><option value=\"objective\"%H>Khách quan"
	     "</option></select></label>"
	     "<label>Nguyên nhân <input name=\"nguyen_nhan\" value=\"%h\"></label>"
	     "<label>Địa chỉ: đơn vị (mã) <input name=\"dia_chi_don_vi\" value=\"%h\" placeholder=\"%h\"></label>"
	     "<label>hoặc cá nhân (họ tên, chức vụ) <input name=\"dia_chi_ca_nhan\" value=\"%h\"></label>"
	     "<label>Biện pháp khắc phục <input name=\"bien_phap\" value=\"%h\"></label>"
	     "<label>Thời hạn khắc phục <input name=\"thoi_han\" value=\"%h\" placeholder=\"dd/mm/yyyy\"></label>"
	     "<button type=\"submit\">%h</button></form></details>",
	     keep(r, mine, form, "noi_dung", f ? f->content : NULL),
	     strcmp(ck, "subjective") == 0 ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""),
	     strcmp(ck, "objective") == 0 ? HTML_SAFE_LIT(" selected") : HTML_SAFE_LIT(""),
	     keep(r, mine, form, "nguyen_nhan", f ? f->cause : NULL), keep(r, mine, form, "dia_chi_don_vi", addr_unit),
	     in->unit_code, keep(r, mine, form, "dia_chi_ca_nhan", f && !unit_addr ? f->addressee : NULL),
	     keep(r, mine, form, "bien_phap", f ? f->remedy : NULL),
	     keep(r, mine, form, "thoi_han", f && f->deadline ? html_date_vn(r->arena, f->deadline) : NULL),
	     f ? "Lưu khuyết điểm" : "Thêm khuyết điểm");
}

static void write_version(struct req *r, struct sbuf *b, const struct inspection *in, const struct conclusion *c,
			  bool has_draft, const struct form_err *fe)
{
	bool draft = strcmp(c->state, "draft") == 0, issued = strcmp(c->state, "issued") == 0;

	HTML(b,
	     "<article class=\"conclusion conc-%h\" id=\"ket-luan-%d\"><h3>Kết luận, phiên bản %d "
	     "<span class=\"badge conc-state\">%h</span></h3>",
	     c->state, c->id, (long long)c->version, pi_conc_state_vi(c->state));
	HTML(b, "<dl class=\"facts\"><dt>Số</dt><dd>%h</dd><dt>Ngày kết luận</dt><dd>%h</dd>",
	     c->number ? c->number : "—", pi_date(r, c->conc_date));
	if (c->correction_reason)
		HTML(b, "<dt>Lý do đính chính</dt><dd>%h</dd>", c->correction_reason);
	HTML(b, "<dt>Biểu dương</dt><dd>%h</dd><dt>Phê bình</dt><dd>%h</dd></dl>",
	     c->commendations ? c->commendations : "—", c->criticisms ? c->criticisms : "—");
	write_findings(r, b, c);
	if (!draft)
		HTML(b,
		     "<p class=\"no-print\"><a href=\"/kiem-tra/%d/thong-bao.docx?kl=%d\">Tải thông báo kết luận "
		     "(.docx)</a></p>",
		     in->id, c->id);
	if (draft && pi_commission(r)) {
		for (size_t i = 0; i < c->findings.n; i++)
			write_finding_form(r, b, in, c, &c->findings.v[i], fe);
		write_finding_form(r, b, in, c, NULL, fe);
		write_alert(b, err_for(fe, "ban-hanh", c->id));
		HTML(b, "<form class=\"actions\" method=\"post\" action=\"/kiem-tra/%d/ban-hanh\">", in->id);
		page_csrf_field(b, r->csrf);
		HTML(b,
		     "<input type=\"hidden\" name=\"kl\" value=\"%d\"><button type=\"submit\">Ban hành kết luận"
		     "</button></form>",
		     c->id);
	}
	if (issued && !has_draft && pi_commission(r)) {
		char today[11], vn[11];

		date_today(today);
		date_iso_to_vn(today, vn);
		HTML_LIT(b, "<details class=\"correct\"><summary>Đính chính kết luận</summary>");
		write_alert(b, err_for(fe, "dinh-chinh", c->id));
		HTML(b, "<form class=\"form\" method=\"post\" action=\"/kiem-tra/%d/dinh-chinh\">", in->id);
		page_csrf_field(b, r->csrf);
		HTML(b,
		     "<input type=\"hidden\" name=\"kl\" value=\"%d\"><label>Ngày của bản đính chính <input "
		     "name=\"ngay\" required value=\"%h\"></label><label>Lý do đính chính <textarea name=\"ly_do\" "
		     "rows=\"2\" required>%h</textarea></label><button type=\"submit\">Lập bản đính chính</button>"
		     "</form></details>",
		     c->id, keep(r, fe, "dinh-chinh", "ngay", vn), keep(r, fe, "dinh-chinh", "ly_do", NULL));
	}
	HTML_LIT(b, "</article>");
}

static void write_conclusions(struct req *r, struct sbuf *b, const struct inspection *in, const struct form_err *fe)
{
	int64_t *ids = NULL;
	size_t n = 0;
	struct conclusion *cs;
	bool has_draft = false;

	HTML_LIT(b, "<section id=\"ket-luan\"><h2>Kết luận kiểm tra, giám sát</h2>");
	if (conclusion_versions(r->app->store, r->arena, &r->acct, in->id, &ids, &n) != APP_OK)
		n = 0;
	cs = arena_alloc(r->arena, (n ? n : 1) * sizeof(*cs));
	for (size_t i = 0; i < n; i++) {
		if (conclusion_get(r->app->store, r->arena, &r->acct, ids[i], &cs[i]) != APP_OK) {
			n = i;
			break;
		}
		has_draft |= strcmp(cs[i].state, "draft") == 0;
	}
	if (!n) {
		HTML_LIT(b, "<p class=\"empty\">Chưa có kết luận.</p>");
		if (pi_commission(r)) {
			HTML_LIT(b, "<h3>Lập dự thảo kết luận</h3>");
			write_alert(b, err_for(fe, "ket-luan", 0));
			HTML(b, "<form class=\"form\" method=\"post\" action=\"/kiem-tra/%d/ket-luan\">", in->id);
			page_csrf_field(b, r->csrf);
			HTML(b,
			     "<label>Số thông báo kết luận <input name=\"so\" value=\"%h\" placeholder=\"15-TB/TU\">"
			     "</label><label>Ngày kết luận <input name=\"ngay\" required value=\"%h\" "
			     "placeholder=\"dd/mm/yyyy\"></label><label>Biểu dương (ưu điểm) <textarea name=\"bieu_duong\" "
			     "rows=\"3\">%h</textarea></label><label>Phê bình <textarea name=\"phe_binh\" rows=\"3\">%h"
			     "</textarea></label><button type=\"submit\">Lập dự thảo</button></form>",
			     keep(r, fe, "ket-luan", "so", NULL), keep(r, fe, "ket-luan", "ngay", NULL),
			     keep(r, fe, "ket-luan", "bieu_duong", NULL), keep(r, fe, "ket-luan", "phe_binh", NULL));
		}
	}
	/* newest first: the version in force or being drafted on top */
	for (size_t i = n; i-- > 0;)
		write_version(r, b, in, &cs[i], has_draft, fe);
	HTML_LIT(b, "</section>");
}

static void render_record(struct req *r, struct resp *p, const struct inspection *in, int status,
			  const struct form_err *fe)
{
	struct sbuf *b = &p->body;
	struct page_ctx c = { .title = in->title, .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	const char *ok = req_query(r, "ok");
	char today[11];

	date_today(today);
	p->status = status;
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Kiểm tra\"><ol><li><a href=\"/kiem-tra?nam=%d\">Chương trình "
	     "kiểm tra, giám sát năm %d</a></li><li aria-current=\"page\">%h</li></ol></nav><h1>%h</h1>",
	     (long long)in->year, (long long)in->year, in->title, in->title);
	for (size_t i = 0; ok && !fe && i < ARRAY_SIZE(OK_MSG); i++)
		if (strcmp(ok, OK_MSG[i].code) == 0)
			HTML(b, "<p class=\"ok\" role=\"status\">%h</p>", OK_MSG[i].msg);
	if (fe && fe->msg && status >= 400)
		HTML(b, "<p class=\"alert\" role=\"alert\">Chưa lưu: %h</p>", fe->msg);
	HTML(b,
	     "<dl class=\"facts\"><dt>Loại hình</dt><dd>%h</dd><dt>Đơn vị được kiểm tra, giám sát</dt>"
	     "<dd><a href=\"/don-vi/%u\">%h</a></dd><dt>Quyết định thành lập đoàn</dt><dd>%h</dd>"
	     "<dt>Văn bản, nội dung</dt><dd>%h</dd><dt>Thời gian</dt><dd>%h – %h</dd><dt>Trạng thái</dt><dd>%h</dd>"
	     "</dl>",
	     insp_kind_vi(in->kind), in->unit_code, in->unit_name, in->decision_no ? in->decision_no : "—",
	     in->subjects ? in->subjects : "—", pi_date(r, in->date_from), pi_date(r, in->date_to),
	     pi_state_vi(in, today));
	HTML(b,
	     "<section id=\"ke-hoach\"><h2>Kế hoạch kiểm tra, giám sát</h2><dl class=\"facts\"><dt>Mục đích, yêu cầu"
	     "</dt><dd>%h</dd><dt>Nội dung</dt><dd>%h</dd><dt>Phương pháp tiến hành</dt><dd>%h</dd></dl></section>",
	     in->purpose ? in->purpose : "—", in->content ? in->content : "—", in->method ? in->method : "—");
	write_team(r, b, in, fe);
	pi_write_reports(r, b, in, err_for(fe, "tu-bao-cao", 0));
	write_conclusions(r, b, in, fe);
	page_end(b);
}

void page_inspection(struct req *r, struct resp *p, const char *id_text)
{
	struct inspection in;

	if (pi_load(r, p, id_text, &in))
		render_record(r, p, &in, 200, NULL);
}

/* The conclusion named by field kl, checked to belong to in; 0 when not. */
static int64_t conc_of(struct req *r, const struct inspection *in, struct conclusion *c)
{
	int64_t id;

	if (!parse_int64(pi_val(r, "kl"), &id) || id <= 0)
		return 0;
	if (conclusion_get(r->app->store, r->arena, &r->acct, id, c) != APP_OK || c->inspection_id != in->id)
		return 0;
	return id;
}

void page_inspection_post(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct inspection in;
	struct conclusion c;
	struct form_err fe = { .form = action };
	const char *why = NULL;
	int64_t nid = 0, cid = 0;
	enum app_err e;

	if (!pi_load(r, p, id_text, &in))
		return;
	if (strcmp(action, "tu-bao-cao") == 0) {
		/* the inspected unit's side (the model checks who may write the unit) */
		e = pi_report_add(r, &in, &why);
		if (e == APP_OK) {
			resp_redirect(
				p, r->arena,
				arena_printf(r->arena, "/kiem-tra/%lld?ok=tu-bao-cao#tu-bao-cao", (long long)in.id));
		} else if (e == APP_EINVAL || e == APP_ETOOBIG || e == APP_EDENIED) {
			fe.msg = why ? why : web_err_message(e);
			render_record(r, p, &in, pi_refusal_status(e), &fe);
		} else {
			web_fail(r, p, e, action);
		}
		return;
	}
	if (strcmp(action, "doan") && strcmp(action, "ket-luan") && strcmp(action, "khuyet-diem") &&
	    strcmp(action, "sua-khuyet-diem") && strcmp(action, "ban-hanh") && strcmp(action, "dinh-chinh")) {
		web_error(r, p, 404);
		return;
	}
	if (!pi_commission(r)) {
		web_error_msg(r, p, 403, "Chỉ cán bộ Ủy ban Kiểm tra được thay đổi hồ sơ cuộc kiểm tra, giám sát.");
		return;
	}
	if (strcmp(action, "doan") == 0) {
		enum team_role role = TR_COUNT;
		const char *code = pi_val(r, "vai_tro");

		for (int k = 0; k < TR_COUNT; k++)
			if (strcmp(code, team_role_code((enum team_role)k)) == 0)
				role = (enum team_role)k;
		e = team_add_member(r->app->store, &r->acct, in.id, pi_val(r, "tai_khoan"), role, &why);
	} else if (strcmp(action, "ket-luan") == 0) {
		e = conclusion_create(r->app->store, &r->acct, in.id, pi_val(r, "ngay"), pi_val(r, "so"),
				      pi_val(r, "bieu_duong"), pi_val(r, "phe_binh"), &nid, &why);
	} else {
		if (!(cid = conc_of(r, &in, &c))) {
			web_error_msg(r, p, 404, "Không có kết luận này trong cuộc kiểm tra, giám sát.");
			return;
		}
		fe.conc = cid;
		if (strcmp(action, "khuyet-diem") == 0 || strcmp(action, "sua-khuyet-diem") == 0) {
			struct finding_new f = { .content = pi_val(r, "noi_dung"),
						 .cause = pi_val(r, "nguyen_nhan"),
						 .addressee_unit_code = pi_val(r, "dia_chi_don_vi"),
						 .addressee_person = pi_val(r, "dia_chi_ca_nhan"),
						 .remedy = pi_val(r, "bien_phap"),
						 .deadline = pi_val(r, "thoi_han") };
			const char *ck = pi_val(r, "loai_nguyen_nhan");
			int64_t fid = 0;

			f.cause_kind = strcmp(ck, "subjective") == 0  ? FC_SUBJECTIVE
				       : strcmp(ck, "objective") == 0 ? FC_OBJECTIVE
								      : FC_NONE;
			if (!*f.addressee_unit_code)
				f.addressee_unit_code = NULL;
			if (!*f.addressee_person)
				f.addressee_person = NULL;
			if (!*f.deadline)
				f.deadline = NULL;
			if (action[0] == 'k') {
				e = finding_add(r->app->store, &r->acct, cid, &f, &nid, &why);
			} else {
				bool mine = false;

				if (parse_int64(pi_val(r, "kd"), &fid))
					for (size_t i = 0; i < c.findings.n; i++)
						mine |= c.findings.v[i].id == fid;
				if (!mine) {
					web_error_msg(r, p, 404, "Không có khuyết điểm này trong kết luận.");
					return;
				}
				fe.finding = fid;
				e = finding_update(r->app->store, &r->acct, fid, &f, &why);
			}
		} else if (strcmp(action, "ban-hanh") == 0) {
			e = conclusion_issue(r->app->store, &r->acct, cid, &why);
		} else {
			e = conclusion_correct(r->app->store, &r->acct, cid, pi_val(r, "ngay"), pi_val(r, "ly_do"),
					       &nid, &why);
		}
	}
	if (e == APP_OK) {
		web_cache_invalidate();
		resp_redirect(p, r->arena,
			      arena_printf(r->arena, "/kiem-tra/%lld?ok=%s#%s", (long long)in.id, action,
					   strcmp(action, "doan") == 0 ? "doan" : "ket-luan"));
		return;
	}
	if (e == APP_EINVAL || e == APP_EEXIST || e == APP_ECONFLICT || e == APP_EDENIED) {
		fe.msg = why ? why : web_err_message(e);
		render_record(r, p, &in, pi_refusal_status(e), &fe);
		return;
	}
	web_fail(r, p, e, action);
}

void page_inspection_notice(struct req *r, struct resp *p, const char *id_text)
{
	struct inspection in;
	struct conclusion c;
	int64_t *ids = NULL, cid = 0;
	size_t n = 0;
	char *out = NULL;
	size_t len = 0;
	enum app_err e;

	if (!pi_load(r, p, id_text, &in))
		return;
	if (req_query(r, "kl")) {
		if (!parse_int64(req_query(r, "kl"), &cid) || cid <= 0)
			cid = -1;
	} else if (conclusion_versions(r->app->store, r->arena, &r->acct, in.id, &ids, &n) == APP_OK) {
		/* the version in force: the last issued one */
		for (size_t i = n; i-- > 0 && !cid;) {
			if (conclusion_get(r->app->store, r->arena, &r->acct, ids[i], &c) == APP_OK &&
			    strcmp(c.state, "issued") == 0)
				cid = ids[i];
		}
	}
	if (cid <= 0 || conclusion_get(r->app->store, r->arena, &r->acct, cid, &c) != APP_OK ||
	    c.inspection_id != in.id || strcmp(c.state, "draft") == 0) {
		web_error_msg(r, p, 404, "Cuộc kiểm tra, giám sát chưa có kết luận đã ban hành.");
		return;
	}
	if ((e = inspect_docx_notice_bytes(&in, &c, NULL, &out, &len)) != APP_OK) {
		web_fail(r, p, e, "notice-docx");
		return;
	}
	p->status = 200;
	p->content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	resp_header(p, r->arena, "Content-Disposition",
		    arena_printf(r->arena, "attachment; filename=\"thong-bao-ket-luan-%lld-v%d.docx\"",
				 (long long)in.id, c.version));
	sbuf_add(&p->body, out, len);
	free(out);
}
