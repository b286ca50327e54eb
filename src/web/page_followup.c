/*
** Follow-up of findings (issue 5, item 4): a finding's page with its
** four-state status as of a chosen date, its remedy reports with evidence,
** the addressee's report form (multipart upload) and the inspector's
** accept / return forms (/kiem-tra/phat-hien/ID); evidence downloads
** (/kiem-tra/minh-chung/RID/HASH); the accountability list of the
** account's subtree as of a date, in HTML and .xlsx (/kiem-tra/trach-nhiem);
** the open findings on each unit's page (unit_section_inspect). Findings of
** inspections and of reviews are the same rows and the same pages.
**
** Access: the model decides (followup_finding_get reads for who can read
** the inspected or the addressee unit; finding_report / finding_decide
** check who may write); the forms are only shown to those it would allow.
*/
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "model/attachment.h"
#include "model/followup.h"
#include "render/html.h"
#include "render/inspect_doc.h"
#include "render/layout.h"
#include "web/page_followup.h"

/* ---- helpers ---- */

static const char *const TS_CLASS[TS_COUNT] = { "ts-ontime", "ts-late", "ts-open", "ts-overdue" };

const char *fu_status_class(enum task_status s)
{
	return (unsigned)s < TS_COUNT ? TS_CLASS[s] : "ts-open";
}

bool fu_asof(struct req *r, struct resp *p, char d[11])
{
	const char *q = req_query(r, "ngay");

	if (!q || !*q) {
		date_today(d);
		return true;
	}
	if (date_parse(q, d))
		return true;
	web_error_msg(r, p, 400, "Ngày xem không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.");
	return false;
}

int64_t fu_id(const char *text)
{
	int64_t id;

	return text && parse_int64(text, &id) && id > 0 ? id : 0;
}

int fu_err_status(enum app_err e)
{
	return e == APP_EINVAL ? 422 : web_err_status(e);
}

static const struct {
	const char *code, *msg;
} OK_MSG[] = {
	{ "bao-cao", "Đã gửi báo cáo kết quả khắc phục; chờ kiểm tra viên xác nhận." },
	{ "chap-nhan", "Đã xác nhận kết quả khắc phục: khuyết điểm được ghi là đã khắc phục." },
	{ "tra-lai", "Đã trả lại báo cáo khắc phục kèm lý do." },
	{ "to-cong-tac", "Đã lập tổ công tác." },
	{ "kiem-diem", "Đã ghi gợi ý kiểm điểm cho đơn vị." },
	{ "ke-hoach", "Đã lưu kế hoạch khắc phục của đơn vị." },
	{ "khuyet-diem", "Đã ghi khuyết điểm qua kiểm điểm." },
	{ "don", "Đã vào sổ đơn." },
	{ "ket-thuc", "Đã ghi kết quả giải quyết đơn." },
	{ "thoi-han", "Đã khai báo quy định thời hạn giải quyết." },
};

void fu_flash(struct req *r, struct sbuf *b, const char *error)
{
	const char *ok = req_query(r, "ok");

	if (error) {
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
		return;
	}
	if (!ok)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(OK_MSG); i++)
		if (strcmp(ok, OK_MSG[i].code) == 0) {
			HTML(b, "<p class=\"ok\" role=\"status\">%h</p>", OK_MSG[i].msg);
			return;
		}
}

void fu_redirect_ok(struct req *r, struct resp *p, const char *path, const char *code)
{
	resp_redirect(p, r->arena, arena_printf(r->arena, "%s%cok=%s", path, strchr(path, '?') ? '&' : '?', code));
}

const char *fu_val(struct req *r, bool keep, const char *name, const char *dflt)
{
	const char *v = keep ? req_param(r, name) : NULL;

	return v ? v : dflt;
}

const char *fu_num(struct arena *a, long long n)
{
	char buf[32];

	num_format_vn((double)n, 0, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

const char *fu_today_vn(struct arena *a)
{
	char d[11];

	date_today(d);
	return html_date_vn(a, d);
}

void fu_subnav(struct sbuf *b, const char *current)
{
	static const struct {
		const char *key, *href, *label;
	} L[] = {
		{ "kiem-tra", "/kiem-tra", "Chương trình kiểm tra, giám sát" },
		{ "trach-nhiem", "/kiem-tra/trach-nhiem", "Danh sách trách nhiệm" },
		{ "kiem-diem", "/kiem-diem", "Kiểm điểm" },
		{ "khieu-nai-to-cao", "/khieu-nai-to-cao", "Khiếu nại, tố cáo" },
	};

	HTML_LIT(b, "<nav class=\"subnav\" aria-label=\"Kiểm tra, giám sát\"><ul>");
	for (size_t i = 0; i < ARRAY_SIZE(L); i++)
		HTML(b, "<li><a href=\"%h\"%H>%h</a></li>", L[i].href,
		     strcmp(current, L[i].key) == 0 ? HTML_SAFE_LIT(" aria-current=\"page\"") : HTML_SAFE_LIT(""),
		     L[i].label);
	HTML_LIT(b, "</ul></nav>");
}

bool fu_can_write(struct req *r, int64_t unit_id)
{
	bool ok = false;

	return r->authed && unit_id && access_can_write(r->app->store, &r->acct, unit_id, &ok) == APP_OK && ok;
}

bool fu_is_inspector(struct req *r)
{
	return r->authed && (r->acct.role == ROLE_INSPECTOR || r->acct.role == ROLE_ADMIN);
}

static const char *cause_vi(const char *code)
{
	if (!code)
		return NULL;
	return finding_cause_vi(strcmp(code, "objective") == 0 ? FC_OBJECTIVE : FC_SUBJECTIVE);
}

static const char *report_state_vi(const char *st)
{
	if (st && strcmp(st, "accepted") == 0)
		return "Đã xác nhận";
	if (st && strcmp(st, "returned") == 0)
		return "Bị trả lại";
	return "Chờ xác nhận";
}

/* "quá hạn 12 ngày" after the status when overdue. */
static void write_status(struct req *r, struct sbuf *b, const struct finding *f)
{
	HTML(b, "<span class=\"%h\">%h</span>", fu_status_class(f->status), task_status_vi(f->status));
	if (f->status == TS_OVERDUE)
		HTML(b, " <span class=\"days-over\">(quá hạn %h ngày)</span>", fu_num(r->arena, f->days_overdue));
	else if (f->done_date)
		HTML(b, " <span class=\"muted\">(hoàn thành %h)</span>", html_date_vn(r->arena, f->done_date));
}

/* ---- a finding's page ---- */

/* Load a finding the reader may read; false when p holds the error. */
static bool load_finding(struct req *r, struct resp *p, const char *id_text, const char *asof,
			 struct finding_detail *fd)
{
	int64_t id = fu_id(id_text);
	enum app_err e;

	if (!id) {
		web_error_msg(r, p, 404, "Không có khuyết điểm, hạn chế này.");
		return false;
	}
	e = followup_finding_get(r->app->store, r->arena, &r->acct, id, asof, fd);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có khuyết điểm, hạn chế này.");
		return false;
	}
	if (e == APP_EDENIED) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem khuyết điểm này: đơn vị được kiểm tra và đơn vị "
			      "chịu trách nhiệm đều nằm ngoài phạm vi tài khoản của bạn.");
		return false;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "finding");
		return false;
	}
	return true;
}

/* Is unit id a strict ancestor of the unit with code (on its path up to the root)? */
static bool is_ancestor(struct req *r, const char *code, int64_t id)
{
	const struct unit_data *ud;

	if (!code || web_unit_data(r, code, true, &ud) != APP_OK)
		return false;
	for (size_t i = 0; i < ud->path.n; i++)
		if (ud->path.v[i].id == id && id != ud->u.id)
			return true;
	return false;
}

/*
** The addressee's side: accounts that may write the inspected unit or the
** addressee unit without being their superior (the unit itself, or the
** unit that succeeded a dissolved one); the model also lets superiors, but
** they decide, they do not report.
*/
static bool may_report(struct req *r, const struct finding_detail *fd)
{
	bool side = r->acct.role == ROLE_ADMIN ||
		    (fu_can_write(r, fd->f.unit_id) && !is_ancestor(r, fd->unit_code, r->acct.unit_id)) ||
		    (fd->addressee_unit_code && fu_can_write(r, fd->f.addressee_unit_id) &&
		     !is_ancestor(r, fd->addressee_unit_code, r->acct.unit_id));

	return fd->f.live && !fd->f.done_date && r->acct.role != ROLE_VIEWER && side;
}

static bool may_decide(struct req *r, const struct finding_detail *fd)
{
	return fu_is_inspector(r) && fu_can_write(r, fd->f.unit_id);
}

static void write_reports(struct req *r, struct sbuf *b, const struct finding_detail *fd, bool keep)
{
	bool decide = may_decide(r, fd);

	HTML(b, "<section id=\"bao-cao\"><h2>Báo cáo kết quả khắc phục (%d)</h2>", (long long)fd->nreports);
	if (!fd->nreports)
		HTML_LIT(b, "<p class=\"empty\">Chưa có báo cáo khắc phục nào.</p>");
	else
		HTML_LIT(b, "<table class=\"reports\"><thead><tr><th>Ngày báo cáo</th><th>Nội dung</th><th>Minh chứng"
			    "</th><th>Người báo cáo</th><th>Xác nhận</th></tr></thead><tbody>");
	for (size_t i = 0; i < fd->nreports; i++) {
		const struct finding_report_row *k = &fd->reports[i];

		HTML(b, "<tr id=\"bc-%d\"><td>%h</td><td>%h</td><td>", k->id, html_date_vn(r->arena, k->report_date),
		     k->text);
		if (!k->nev)
			HTML_LIT(b, "<span class=\"muted\">Không có</span>");
		for (size_t j = 0; j < k->nev; j++)
			HTML(b, "<a class=\"evidence\" href=\"/kiem-tra/minh-chung/%d/%u\">%h</a> ", k->id,
			     k->ev[j].hash, k->ev[j].filename);
		HTML(b, "</td><td>%h</td><td><span class=\"report-%h\">%h</span>",
		     k->reported_by ? k->reported_by : "—", k->state, report_state_vi(k->state));
		if (k->decided_on)
			HTML(b, " ngày %h", html_date_vn(r->arena, k->decided_on));
		if (k->decided_by)
			HTML(b, " (%h)", k->decided_by);
		if (k->reason)
			HTML(b, "<br><span class=\"reason\">Lý do: %h</span>", k->reason);
		if (decide && strcmp(k->state, "submitted") == 0) {
			HTML(b, "<form class=\"decide\" method=\"post\" action=\"/kiem-tra/phat-hien/%d/xu-ly\">",
			     fd->f.id);
			page_csrf_field(b, r->csrf);
			HTML(b,
			     "<input type=\"hidden\" name=\"bao_cao\" value=\"%d\">"
			     "<label>Ngày xác nhận <input name=\"ngay\" value=\"%h\" placeholder=\"dd/mm/yyyy\" "
			     "inputmode=\"numeric\" required></label>"
			     "<label>Lý do trả lại (bắt buộc khi trả lại) <input name=\"ly_do\" value=\"%h\"></label>"
			     "<button type=\"submit\" name=\"ket_qua\" value=\"chap-nhan\">Xác nhận đã khắc phục</button> "
			     "<button type=\"submit\" name=\"ket_qua\" value=\"tra-lai\">Trả lại</button></form>",
			     k->id, fu_val(r, keep, "ngay", fu_today_vn(r->arena)), fu_val(r, keep, "ly_do", ""));
		}
		HTML_LIT(b, "</td></tr>");
	}
	if (fd->nreports)
		HTML_LIT(b, "</tbody></table>");
	HTML_LIT(b, "</section>");
}

static void write_report_form(struct req *r, struct sbuf *b, const struct finding_detail *fd, bool keep)
{
	if (!may_report(r, fd))
		return;
	HTML(b,
	     "<section class=\"actions\" id=\"gui-bao-cao\"><h2>Báo cáo kết quả khắc phục</h2>"
	     "<form class=\"form\" method=\"post\" enctype=\"multipart/form-data\" "
	     "action=\"/kiem-tra/phat-hien/%d/bao-cao\">",
	     fd->f.id);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"bc-ngay\">Ngày báo cáo (dd/mm/yyyy)</label><input id=\"bc-ngay\" name=\"ngay\" "
	     "value=\"%h\" inputmode=\"numeric\" required>"
	     "<label for=\"bc-nd\">Kết quả khắc phục</label><textarea id=\"bc-nd\" name=\"noi_dung\" rows=\"4\" "
	     "required>%h</textarea>"
	     "<label for=\"bc-mc\">Tệp minh chứng (PDF, PNG, JPEG, .docx, .xlsx; tối đa 20 MiB)</label>"
	     "<input id=\"bc-mc\" type=\"file\" name=\"minh_chung\" multiple "
	     "accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx\">"
	     "<button type=\"submit\">Gửi báo cáo</button></form></section>",
	     fu_val(r, keep, "ngay", fu_today_vn(r->arena)), fu_val(r, keep, "noi_dung", ""));
}

/* The page itself; error (with status) when re-showing a refused form. */
static void render_finding(struct req *r, struct resp *p, const struct finding_detail *fd, const char *asof,
			   const char *error, int status)
{
	struct sbuf *b = &p->body;
	const struct finding *f = &fd->f;
	struct page_ctx c;
	const char *title = arena_printf(r->arena, "Khuyết điểm, hạn chế số %d", f->seq);

	sbuf_reset(b);
	c = (struct page_ctx){ .title = title, .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	page_begin(b, &c);
	HTML_LIT(b, "<nav class=\"crumbs\" aria-label=\"Nguồn\"><ol>");
	if (fd->inspection_id)
		HTML(b, "<li><a href=\"/kiem-tra\">Kiểm tra, giám sát</a></li><li><a href=\"/kiem-tra/%d\">%h</a></li>",
		     fd->inspection_id, fd->inspection_title);
	else
		HTML(b,
		     "<li><a href=\"/kiem-diem?nam=%d\">Kiểm điểm năm %d</a></li><li><a href=\"/kiem-diem/%d\">%h</a>"
		     "</li>",
		     (long long)fd->review_year, (long long)fd->review_year, fd->review_id, fd->unit_name);
	HTML(b, "<li aria-current=\"page\">%h</li></ol></nav><h1>%h</h1>", title, title);
	fu_flash(r, b, error);
	if (!f->live)
		HTML_LIT(b, "<p class=\"notice\">Khuyết điểm này thuộc một văn bản kết luận chưa ban hành hoặc đã được "
			    "đính chính; không theo dõi khắc phục trên phiên bản này.</p>");
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/kiem-tra/phat-hien/%d\"><label for=\"asof\">"
	     "Tình trạng tính đến ngày</label><input id=\"asof\" name=\"ngay\" value=\"%h\" placeholder=\"dd/mm/yyyy\">"
	     "<button type=\"submit\">Xem</button></form>",
	     f->id, html_date_vn(r->arena, asof));
	HTML(b, "<dl class=\"facts finding\"><dt>Đơn vị được %h</dt><dd><a href=\"/don-vi/%u\">%h</a></dd>",
	     fd->inspection_id ? "kiểm tra" : "kiểm điểm", fd->unit_code, fd->unit_name);
	if (fd->inspection_id)
		HTML(b, "<dt>Kết luận</dt><dd>%h%h (lần %d)</dd>", fd->conclusion_number ? "Số " : "",
		     fd->conclusion_number ? fd->conclusion_number : "Chưa có số", (long long)fd->conclusion_version);
	HTML(b, "<dt>Nội dung</dt><dd>%h</dd><dt>Nguyên nhân</dt><dd>%h%h%h</dd><dt>Địa chỉ chịu trách nhiệm</dt><dd>",
	     f->content, cause_vi(f->cause_kind) ? cause_vi(f->cause_kind) : "Chưa xác định", f->cause ? ": " : "",
	     f->cause);
	if (fd->addressee_unit_code)
		HTML(b, "<a href=\"/don-vi/%u\">%h</a>", fd->addressee_unit_code, f->addressee);
	else
		HTML(b, "%h", f->addressee ? f->addressee : "Chưa xác định");
	HTML(b,
	     "</dd><dt>Biện pháp khắc phục</dt><dd>%h</dd><dt>Thời hạn khắc phục</dt><dd>%h</dd>"
	     "<dt>Tình trạng ngày %h</dt><dd class=\"status\">",
	     f->remedy ? f->remedy : "Chưa xác định",
	     f->deadline ? html_date_vn(r->arena, f->deadline) : "Chưa xác định", html_date_vn(r->arena, asof));
	write_status(r, b, f);
	HTML_LIT(b, "</dd></dl>");
	write_report_form(r, b, fd, error != NULL);
	write_reports(r, b, fd, error != NULL);
	page_end(b);
	p->status = status;
	p->content_type = "text/html; charset=utf-8";
}

void page_finding(struct req *r, struct resp *p, const char *id_text)
{
	struct finding_detail fd;
	char d[11];

	if (!fu_asof(r, p, d) || !load_finding(r, p, id_text, d, &fd))
		return;
	render_finding(r, p, &fd, d, NULL, 200);
}

/* The evidence files of the form (field minh_chung), skipping empty parts. */
static size_t form_evidence(struct req *r, struct evidence_in **out)
{
	size_t n = 0;

	*out = r->files.n ? arena_alloc(r->arena, r->files.n * sizeof(**out)) : NULL;
	for (size_t i = 0; i < r->files.n; i++) {
		const struct upload *u = &r->files.v[i];

		if (strcmp(u->name, "minh_chung") || (!u->len && (!u->filename || !*u->filename)))
			continue;
		(*out)[n].filename = u->filename && *u->filename ? u->filename : "minh-chung";
		(*out)[n].data = u->data;
		(*out)[n].n = u->len;
		n++;
	}
	return n;
}

void page_finding_post(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct finding_detail fd;
	const char *why = NULL, *code;
	char today[11];
	enum app_err e;

	date_today(today);
	if (!load_finding(r, p, id_text, today, &fd))
		return;
	if (strcmp(action, "bao-cao") == 0) {
		struct evidence_in *ev;
		size_t nev = form_evidence(r, &ev);

		e = finding_report(r->app->store, &r->acct, fd.f.id, req_param(r, "ngay"), req_param(r, "noi_dung"), ev,
				   nev, NULL, &why);
		code = "bao-cao";
	} else if (strcmp(action, "xu-ly") == 0) {
		const char *kq = req_param(r, "ket_qua");
		bool accept = kq && strcmp(kq, "chap-nhan") == 0;
		int64_t rid = fu_id(req_param(r, "bao_cao"));
		bool mine = false;

		for (size_t i = 0; i < fd.nreports; i++)
			mine = mine || fd.reports[i].id == rid;
		if (!kq || (!accept && strcmp(kq, "tra-lai"))) {
			e = APP_EINVAL;
			why = "Hãy chọn xác nhận hoặc trả lại.";
		} else if (!mine) {
			e = APP_ENOTFOUND;
			why = "Báo cáo khắc phục không thuộc khuyết điểm này.";
		} else {
			e = finding_decide(r->app->store, &r->acct, rid, accept, req_param(r, "ngay"),
					   req_param(r, "ly_do"), &why);
		}
		code = accept ? "chap-nhan" : "tra-lai";
	} else {
		web_error(r, p, 404);
		return;
	}
	if (e == APP_OK) {
		web_cache_invalidate();
		fu_redirect_ok(r, p, arena_printf(r->arena, "/kiem-tra/phat-hien/%lld", (long long)fd.f.id), code);
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền thực hiện thao tác này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT && e != APP_ETOOBIG && e != APP_ENOTFOUND) {
		web_fail(r, p, e, "finding-post");
		return;
	}
	/* re-read (nothing was stored) and re-show the form with the values typed */
	if (!load_finding(r, p, id_text, today, &fd))
		return;
	p->log_note = "refused";
	render_finding(r, p, &fd, today, why ? why : web_err_message(e), fu_err_status(e));
}

/* GET /kiem-tra/minh-chung/RID/HASH */
void page_evidence(struct req *r, struct resp *p, const char *rid_text, const char *hash)
{
	int64_t rid = fu_id(rid_text);
	const char *filename = NULL, *mime = NULL;
	void *data = NULL;
	size_t n = 0;
	struct sbuf cd;
	enum app_err e;

	if (!rid || strlen(hash) != ATTACHMENT_HASH_HEX - 1 || strspn(hash, "0123456789abcdef") != strlen(hash)) {
		web_error_msg(r, p, 404, "Không có tệp minh chứng này.");
		return;
	}
	e = followup_evidence_check(r->app->store, r->arena, &r->acct, rid, hash, &filename);
	if (e == APP_OK)
		e = attachment_get(r->app->store, r->arena, hash, &data, &n, &mime);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có tệp minh chứng này.");
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403, "Bạn không có quyền xem tệp minh chứng này.");
		return;
	}
	if (e != APP_OK) {
		free(data);
		web_fail(r, p, e, "evidence");
		return;
	}
	sbuf_init(&cd, 0);
	sbuf_addstr(&cd, "attachment; filename=\"minh-chung\"; filename*=UTF-8''");
	html_urlencode(&cd, filename, strlen(filename));
	resp_header(p, r->arena, "Content-Disposition", arena_strdup(r->arena, cd.buf));
	sbuf_release(&cd);
	p->status = 200;
	p->content_type = mime && strcmp(mime, "application/pdf") == 0 ? "application/pdf"
			  : mime && strcmp(mime, "image/png") == 0     ? "image/png"
			  : mime && strcmp(mime, "image/jpeg") == 0    ? "image/jpeg"
								       : "application/octet-stream";
	sbuf_reset(&p->body);
	sbuf_add(&p->body, data, n);
	free(data);
}

/* ---- the accountability list ---- */

/* Rows of the accountability list on the page (the .xlsx has them all); tests lower it. */
size_t fu_acc_page_rows = 2000;
#define ACC_PAGE_ROWS fu_acc_page_rows

static const char XLSX_TYPE[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

static void send_xlsx(struct req *r, struct resp *p, const struct accountability *acc, const char *asof)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/giamsat-tn-XXXXXX", dir && *dir ? dir : "/tmp");
	char *data = NULL;
	size_t n = 0;
	int fd = mkstemp(path);
	enum app_err e;

	if (fd < 0) {
		free(path);
		web_fail(r, p, APP_EIO, "accountability-xlsx");
		return;
	}
	close(fd);
	e = inspect_xlsx_accountability(acc, r->acct.unit_name, asof, path);
	if (e == APP_OK)
		e = file_read(path, 64u << 20, &data, &n);
	unlink(path);
	free(path);
	if (e != APP_OK) {
		free(data);
		web_fail(r, p, e, "accountability-xlsx");
		return;
	}
	p->status = 200;
	p->content_type = XLSX_TYPE;
	resp_header(p, r->arena, "Content-Disposition",
		    arena_printf(r->arena, "attachment; filename=\"trach-nhiem-%s.xlsx\"", asof));
	sbuf_reset(&p->body);
	sbuf_add(&p->body, data, n);
	free(data);
}

void page_accountability(struct req *r, struct resp *p, bool xlsx)
{
	struct accountability acc;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	char d[11];
	enum app_err e;

	if (!fu_asof(r, p, d))
		return;
	e = finding_accountability(r->app->store, r->arena, &r->acct, 0, d, &acc);
	if (e != APP_OK) {
		web_fail(r, p, e, "accountability");
		return;
	}
	if (xlsx) {
		send_xlsx(r, p, &acc, d);
		return;
	}
	c = (struct page_ctx){ .title = "Danh sách trách nhiệm", .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	page_begin(b, &c);
	fu_subnav(b, "trach-nhiem");
	HTML(b,
	     "<h1>Khuyết điểm quá hạn khắc phục theo địa chỉ chịu trách nhiệm</h1>"
	     "<p class=\"lead\">Phạm vi: %h. Tính đến ngày %h: %d khuyết điểm quá hạn, %d địa chỉ chịu trách nhiệm.</p>",
	     r->acct.unit_name, html_date_vn(r->arena, d), acc.list.n, acc.ngroups);
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/kiem-tra/trach-nhiem\"><label for=\"asof\">"
	     "Tính đến ngày</label><input id=\"asof\" name=\"ngay\" value=\"%h\" placeholder=\"dd/mm/yyyy\">"
	     "<button type=\"submit\">Xem</button></form>"
	     "<p><a class=\"download\" href=\"/kiem-tra/trach-nhiem.xlsx?ngay=%u\">Tải về bảng tính (.xlsx)</a></p>",
	     html_date_vn(r->arena, d), html_date_vn(r->arena, d));
	if (!acc.ngroups)
		HTML_LIT(b, "<section><p class=\"empty\">Không có khuyết điểm nào quá hạn khắc phục.</p></section>");
	if (acc.list.n > ACC_PAGE_ROWS)
		HTML(b,
		     "<p class=\"notice\">Trang này liệt kê %h khuyết điểm đầu (mỗi địa chỉ lâu nhất trước); đủ %h "
		     "khuyết điểm có trong bảng tính (.xlsx).</p>",
		     fu_num(r->arena, (long long)ACC_PAGE_ROWS), fu_num(r->arena, (long long)acc.list.n));
	for (size_t g = 0, shown = 0; g < acc.ngroups; g++) {
		const struct overdue_group *og = &acc.groups[g];
		size_t rows = og->n < ACC_PAGE_ROWS - shown ? og->n : ACC_PAGE_ROWS - shown;

		HTML(b, "<section class=\"accountable\"><h2>%h</h2><p>%d khuyết điểm quá hạn; lâu nhất %h ngày.</p>",
		     og->addressee[0] ? og->addressee : "Chưa xác định", og->n, fu_num(r->arena, og->max_days));
		if (rows)
			HTML_LIT(
				b,
				"<table class=\"overdue\"><thead><tr><th>STT</th><th>Khuyết điểm</th><th>Nguồn</th>"
				"<th>Biện pháp khắc phục</th><th>Thời hạn</th><th>Số ngày quá hạn</th></tr></thead><tbody>");
		for (size_t i = og->first; i < og->first + rows; i++) {
			const struct finding *f = &acc.list.v[i];

			HTML(b,
			     "<tr><td>%d</td><td><a href=\"/kiem-tra/phat-hien/%d\">%h</a></td><td>%h</td><td>%h</td>"
			     "<td>%h</td><td class=\"num ts-overdue\">%h</td></tr>",
			     (unsigned long long)(i - og->first + 1), f->id, f->content,
			     strcmp(f->source, "review") == 0 ? "Kiểm điểm" : "Kiểm tra", f->remedy ? f->remedy : "",
			     html_date_vn(r->arena, f->deadline), fu_num(r->arena, f->days_overdue));
		}
		if (rows)
			HTML_LIT(b, "</tbody></table>");
		if (rows < og->n)
			HTML(b, "<p class=\"muted\">… và %h khuyết điểm khác: xem bảng tính (.xlsx).</p>",
			     fu_num(r->arena, (long long)(og->n - rows)));
		HTML_LIT(b, "</section>");
		shown += rows;
	}
	page_end(b);
}

/* ---- a unit's page: its open findings ---- */

/*
** The section is the same for every reader allowed to see the unit, so
** each worker thread keeps it, rendered, for web.cache_ttl_ms and drops it
** with the unit data (web_cache_generation): the page is benchmarked, and
** on PostgreSQL the query is a round trip on every view otherwise.
*/
#define SECTION_SLOTS 256

struct section_slot {
	int64_t unit_id, expires_ms;
	uint64_t gen;
	char date[11];
	char *html;
	size_t len;
};

static pthread_key_t g_section_key;
static pthread_once_t g_section_once = PTHREAD_ONCE_INIT;

static void section_cache_free(void *p)
{
	struct section_slot *v = p;

	for (size_t i = 0; i < SECTION_SLOTS; i++)
		free(v[i].html);
	free(v);
}

static void section_make_key(void)
{
	pthread_key_create(&g_section_key, section_cache_free);
}

static int64_t mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool render_section(struct req *r, struct sbuf *b, const struct unit *u, const char *d)
{
	struct open_finding_list l;

	if (followup_open_for_unit(r->app->store, r->arena, u->id, d, &l) != APP_OK) {
		HTML_LIT(b, "<section class=\"open-findings\"><h2>Khuyết điểm chưa khắc phục</h2><p class=\"alert\">"
			    "Không đọc được danh sách khuyết điểm.</p></section>");
		return false;
	}
	HTML(b, "<section class=\"open-findings\"><h2>Khuyết điểm chưa khắc phục (%d)</h2>", l.n);
	if (!l.n) {
		HTML_LIT(b, "<p class=\"empty\">Không có khuyết điểm nào đang phải khắc phục.</p></section>");
		return true;
	}
	HTML_LIT(b, "<table class=\"findings\"><thead><tr><th>Khuyết điểm</th><th>Nguồn</th><th>Địa chỉ chịu trách "
		    "nhiệm</th><th>Thời hạn</th><th>Tình trạng</th><th>Số ngày quá hạn</th></tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++) {
		const struct open_finding *o = &l.v[i];

		HTML(b, "<tr><td><a href=\"/kiem-tra/phat-hien/%d\">%h</a></td><td>", o->f.id, o->f.content);
		if (o->inspection_id)
			HTML(b, "<a href=\"/kiem-tra/%d\">%h</a>", o->inspection_id,
			     o->origin ? o->origin : "Kiểm tra");
		else
			HTML(b, "<a href=\"/kiem-diem/%d\">Kiểm điểm năm %d</a>", o->review_id,
			     (long long)o->review_year);
		if (o->f.unit_id != u->id)
			HTML(b, "<br><span class=\"muted\">%h (đơn vị tiền thân)</span>", o->unit_name);
		HTML(b,
		     "</td><td>%h</td><td>%h</td><td><span class=\"%h\">%h</span></td><td class=\"num\">%h</td></tr>",
		     o->f.addressee ? o->f.addressee : "", o->f.deadline ? html_date_vn(r->arena, o->f.deadline) : "—",
		     fu_status_class(o->f.status), task_status_vi(o->f.status),
		     o->f.days_overdue ? fu_num(r->arena, o->f.days_overdue) : "");
	}
	HTML_LIT(b, "</tbody></table><p><a href=\"/kiem-tra/trach-nhiem\">Danh sách trách nhiệm</a></p></section>");
	return true;
}

void unit_section_inspect(struct req *r, struct sbuf *b, const struct unit *u)
{
	unsigned ttl = r->app->cache_ttl_ms;
	uint64_t gen = web_cache_generation();
	struct section_slot *v, *sl;
	struct sbuf tmp;
	int64_t now;
	char d[11];

	date_today(d);
	if (!ttl) {
		render_section(r, b, u, d);
		return;
	}
	pthread_once(&g_section_once, section_make_key);
	if (!(v = pthread_getspecific(g_section_key))) {
		v = xcalloc(SECTION_SLOTS, sizeof(*v));
		pthread_setspecific(g_section_key, v);
	}
	sl = &v[(uint64_t)u->id % SECTION_SLOTS];
	now = mono_ms();
	if (sl->html && sl->unit_id == u->id && sl->gen == gen && sl->expires_ms > now && strcmp(sl->date, d) == 0) {
		sbuf_add(b, sl->html, sl->len);
		return;
	}
	sbuf_init(&tmp, 0);
	if (render_section(r, &tmp, u, d)) {
		free(sl->html);
		sl->html = xmalloc(tmp.len + 1);
		memcpy(sl->html, tmp.buf, tmp.len);
		sl->html[tmp.len] = '\0';
		sl->len = tmp.len;
		sl->unit_id = u->id;
		sl->gen = gen;
		sl->expires_ms = now + ttl;
		snprintf(sl->date, sizeof(sl->date), "%s", d);
	}
	sbuf_add(b, tmp.buf ? tmp.buf : "", tmp.len);
	sbuf_release(&tmp);
}
