/*
** Editing a unit's implementation plan (issue 3, item 7): creating it
** from the directive's page, adopting the applicable indicators with local
** targets, adding, editing and deleting tasks (the plan check shown per
** task), importing tasks from a .docx/.xlsx/.txt file, and exporting the
** plan as .xlsx or as a party document (.docx).
**
** Every change goes through the model (plan_create, plan_adopt,
** plan_add_task, plan_update_task, plan_delete_task, plan_import_tasks),
** which checks that the account writes for the plan's own unit and that
** the plan is a draft or returned. A bad input re-shows the plan page with
** the Vietnamese message and the values typed (422; 409 for a plan no
** longer editable); nothing is stored.
*/
#include "util/util.h"
#include "web/page_cascade.h"

#include <stdlib.h>
#include <unistd.h>

#include "ingest/idoc.h"
#include "model/coverage.h"
#include "model/indicator.h"
#include "render/cascade_xlsx.h"
#include "render/html.h"
#include "render/layout.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

int pc_status_of(enum app_err e)
{
	switch (e) {
	case APP_EDENIED: return 403;
	case APP_ENOTFOUND: return 404;
	case APP_ECONFLICT:
	case APP_EEXIST: return 409;
	case APP_ETOOBIG: return 413;
	default: return 422;
	}
}

/* NULL for an absent or blank field (a missing element, not an empty one). */
static const char *opt(struct req *r, const char *name)
{
	const char *v = req_param(r, name);

	for (const char *c = v; c && *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
			return v;
	return NULL;
}

void pc_task_from_form(struct req *r, struct task_new *t)
{
	memset(t, 0, sizeof(*t));
	t->number = opt(r, "number");
	t->content = opt(r, "content");
	t->lead = opt(r, "lead");
	t->cooperate = opt(r, "cooperate");
	t->process = opt(r, "process");
	t->responsibility = opt(r, "responsibility");
	t->result = opt(r, "result");
	t->deadline = opt(r, "deadline");
	t->indicator_code = opt(r, "indicator");
}

/*
** The plan's unit and its current subordinates (one query; not the unit
** page's cached data, whose refill reads history the plan does not need).
*/
static bool plan_units(struct req *r, const struct plan *pl, struct unit_list *kids)
{
	if (unit_children(r->app->store, r->arena, pl->unit_id, kids) != APP_OK)
		return false;
	return true;
}

/* The code of the unit named name exactly: the plan's unit or one of its current subordinates; or NULL. */
static const char *tree_unit(const struct plan *pl, const struct unit_list *kids, const char *name)
{
	if (strcmp(pl->unit_name, name) == 0)
		return pl->unit_code;
	for (size_t i = 0; i < kids->n; i++)
		if (!kids->v[i].valid_to && strcmp(kids->v[i].name, name) == 0)
			return kids->v[i].code;
	return NULL;
}

void pc_link_units(struct req *r, const struct plan *pl, struct task_new *t)
{
	struct unit_list kids;
	const char *u, **codes;
	size_t n = 0;

	if (!t->lead && !t->cooperate)
		return;
	if (!plan_units(r, pl, &kids))
		return;
	if (t->lead && (u = tree_unit(pl, &kids, t->lead)))
		t->lead_unit_code = u;
	if (!t->cooperate)
		return;
	codes = arena_alloc(r->arena, (kids.n + 2) * sizeof(*codes));
	for (char *c = arena_strdup(r->arena, t->cooperate), *next; c && *c; c = next) {
		size_t len = strcspn(c, ",;");
		char *e = c + len;

		next = *e ? e + 1 : NULL;
		*e = '\0';
		while (*c == ' ')
			c++;
		while (e > c && e[-1] == ' ')
			*--e = '\0';
		if ((u = tree_unit(pl, &kids, c)) && n < kids.n + 1 &&
		    (!t->lead_unit_code || strcmp(u, t->lead_unit_code)))
			codes[n++] = u;
	}
	codes[n] = NULL;
	if (n)
		t->coop_unit_codes = codes;
}

/* Names of the plan's unit and its current subordinates, suggested for the lead and co-operating units. */
static void write_unit_datalist(struct req *r, struct sbuf *b, const struct plan *pl)
{
	struct unit_list kids;

	if (!plan_units(r, pl, &kids))
		return;
	HTML(b, "<datalist id=\"don-vi\"><option value=\"%h\"></option>", pl->unit_name);
	for (size_t i = 0; i < kids.n; i++)
		if (!kids.v[i].valid_to)
			HTML(b, "<option value=\"%h\"></option>", kids.v[i].name);
	HTML_LIT(b, "</datalist>");
}

/* A deadline typed as a date that does not exist: the message, else NULL. */
static const char *bad_deadline(struct req *r, const char *deadline)
{
	char iso[11];

	if (deadline && plan_deadline_parse(deadline, iso) < 0)
		return arena_printf(r->arena, "Thời hạn «%s» là ngày không có thật.", deadline);
	return NULL;
}

/* ---- creation ---- */

void page_plan_create_post(struct req *r, struct resp *p, const char *dir_text)
{
	struct directive d;
	struct plan_new pn = { .unit_code = r->acct.unit_code };
	const char *why = NULL, *date = opt(r, "plan_date");
	char iso[11];
	bool in_scope;
	int64_t id = 0;
	enum app_err e;

	if (!pc_load_directive(r, p, dir_text, &d, &in_scope))
		return;
	if (!role_can_write(r->acct.role)) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, "Tài khoản chỉ xem không lập được kế hoạch.");
		return;
	}
	pn.directive_id = d.doc.id;
	pn.title = opt(r, "title");
	pn.plan_date = date;
	if (!pn.title)
		why = "Thiếu trích yếu kế hoạch.";
	else if (!date)
		why = "Thiếu ngày kế hoạch.";
	else if (!date_parse(date, iso))
		why = arena_printf(r->arena, "Ngày kế hoạch «%s» không có thật hoặc không đúng dạng dd/mm/yyyy.", date);
	if (why) {
		page_directive_view(r, p, dir_text, 422, "ke-hoach", why);
		return;
	}
	e = plan_create(r->app->store, &r->acct, &pn, &id, &why);
	if (e == APP_OK) {
		resp_redirect(p, r->arena, arena_printf(r->arena, "/ke-hoach/%lld?ok=lap", (long long)id));
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền lập kế hoạch cho đơn vị này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_EEXIST) {
		web_fail(r, p, e, "plan-create");
		return;
	}
	p->log_note = "bad-plan";
	page_directive_view(r, p, dir_text, pc_status_of(e), "ke-hoach", why ? why : "Không lập được kế hoạch.");
}

/* ---- the editing sections of the plan page ---- */

static void write_task_fields(struct req *r, struct sbuf *b, const struct indicator_list *il,
			      const struct plan_task_row *k, bool keep)
{
#define FV(field, name) (keep ? pc_val(r, name) : (k && k->field ? k->field : ""))
	const char *ind = FV(indicator_code, "indicator");
	const char *dl = keep ? pc_val(r, "deadline") : (k && k->deadline ? html_date_vn(r->arena, k->deadline) : "");

	HTML(b,
	     "<label for=\"t-number\">Số thứ tự (để trống: số tiếp theo)</label><input id=\"t-number\" name=\"number\" "
	     "value=\"%h\"><label for=\"t-content\">Nội dung nhiệm vụ (rõ việc)</label><textarea id=\"t-content\" "
	     "name=\"content\" rows=\"3\">%h</textarea><label for=\"t-lead\">Đầu mối chủ trì: một đơn vị hoặc một "
	     "người (rõ người)</label><input id=\"t-lead\" name=\"lead\" value=\"%h\" list=\"don-vi\"><label "
	     "for=\"t-coop\">Đơn vị phối hợp (cách nhau bởi dấu phẩy)</label><input id=\"t-coop\" name=\"cooperate\" "
	     "value=\"%h\" list=\"don-vi\"><label for=\"t-process\">Cách "
	     "thức, quy trình thực hiện (rõ quy trình)</label><input id=\"t-process\" name=\"process\" value=\"%h\">"
	     "<label for=\"t-resp\">Trách nhiệm (rõ trách nhiệm)</label><input id=\"t-resp\" name=\"responsibility\" "
	     "value=\"%h\"><label for=\"t-result\">Kết quả, sản phẩm (rõ hiệu quả)</label><input id=\"t-result\" "
	     "name=\"result\" value=\"%h\"><label for=\"t-deadline\">Thời hạn (dd/mm/yyyy, «quý II/2026», «tháng "
	     "6/2026»)</label><input id=\"t-deadline\" name=\"deadline\" value=\"%h\" placeholder=\"dd/mm/yyyy\">"
	     "<label for=\"t-ind\">Chỉ tiêu gắn với nhiệm vụ</label><select id=\"t-ind\" name=\"indicator\">"
	     "<option value=\"\">(không)</option>",
	     FV(number, "number"), FV(content, "content"), FV(lead, "lead"), FV(cooperate, "cooperate"),
	     FV(process, "process"), FV(responsibility, "responsibility"), FV(result, "result"), dl);
	for (size_t i = 0; i < il->n; i++)
		HTML(b, "<option value=\"%h\"%h>%h – %h</option>", il->v[i].code,
		     strcmp(ind, il->v[i].code) == 0 ? " selected" : "", il->v[i].code, il->v[i].name);
	HTML_LIT(b, "</select>");
#undef FV
}

static void write_adopt_form(struct req *r, struct sbuf *b, const struct plan *pl, const struct coverage *cv, bool keep)
{
	if (!cv || !cv->nitems)
		return;
	HTML(b, "<form method=\"post\" action=\"/ke-hoach/%d/chi-tieu\">", pl->id);
	page_csrf_field(b, r->csrf);
	HTML_LIT(b, "<table class=\"adopt\"><thead><tr><th>Nhận</th><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị tính</th>"
		    "<th>Mục tiêu cấp trên</th><th>Mục tiêu của đơn vị (để trống: chưa lượng hóa)</th></tr></thead>"
		    "<tbody>");
	for (size_t i = 0; i < cv->nitems; i++) {
		const struct coverage_item *it = &cv->items[i];
		char tn[32];
		const char *val;
		bool on = it->state != COV_MISSING;

		snprintf(tn, sizeof(tn), "muc-tieu-%lld", (long long)it->indicator_id);
		if (keep) {
			val = pc_val(r, tn);
			on = false;
			for (size_t j = 0; j < r->form.n; j++)
				if (strcmp(r->form.v[j].k, "nhan") == 0 &&
				    strcmp(r->form.v[j].v,
					   arena_printf(r->arena, "%lld", (long long)it->indicator_id)) == 0)
					on = true;
		} else
			val = it->has_local ? pc_num_vn(r->arena, it->local_target) : "";
		HTML(b,
		     "<tr><td><input type=\"checkbox\" name=\"nhan\" value=\"%d\" aria-label=\"Nhận %h\"%h></td>"
		     "<td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td><td><input name=\"%h\" value=\"%h\" "
		     "aria-label=\"Mục tiêu %h\"></td></tr>",
		     it->indicator_id, it->code, on ? " checked" : "", it->code, it->name, it->measure,
		     it->has_superior ? pc_num_vn(r->arena, it->superior_target) : "—", tn, val, it->code);
	}
	HTML_LIT(b,
		 "</tbody></table><p class=\"muted\">Đánh dấu chỉ tiêu đơn vị nhận; bỏ đánh dấu để thôi nhận. "
		 "Mục tiêu để trống: nhận nhưng chưa lượng hóa.</p><button type=\"submit\">Lưu chỉ tiêu nhận</button>"
		 "</form>");
}

void pc_write_plan_edit(struct req *r, struct sbuf *b, const struct plan *pl, const struct coverage *cv,
			const char *form, const char *error)
{
	struct indicator_list il = { 0 };
	bool adopt = form && strcmp(form, "chi-tieu") == 0, task = form && strcmp(form, "nhiem-vu") == 0;
	bool imp = form && strcmp(form, "nhap-tep") == 0;

	indicator_list(r->app->store, r->arena, pl->directive_id, &il);
	HTML_LIT(b, "<section class=\"plan-edit\" id=\"nhan-chi-tieu\"><h2>Nhận chỉ tiêu</h2>");
	if (adopt && error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	write_adopt_form(r, b, pl, cv, adopt && error);
	HTML_LIT(b, "</section><section class=\"plan-edit\" id=\"them-nhiem-vu\"><h2>Thêm nhiệm vụ</h2>"
		    "<p>Mỗi nhiệm vụ: rõ việc, rõ người (một đầu mối chủ trì), rõ quy trình, rõ trách nhiệm, rõ hiệu "
		    "quả và thời hạn.</p>");
	if (task && error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML(b, "<form class=\"form wide\" method=\"post\" action=\"/ke-hoach/%d/nhiem-vu\">", pl->id);
	page_csrf_field(b, r->csrf);
	write_task_fields(r, b, &il, NULL, task && error);
	HTML_LIT(b, "<button type=\"submit\">Thêm nhiệm vụ</button></form></section>");
	write_unit_datalist(r, b, pl);
	HTML_LIT(b, "<section class=\"plan-edit\" id=\"nhap-tep\"><h2>Nhập nhiệm vụ từ tệp</h2><p>Tệp .docx, .xlsx "
		    "hoặc .txt (bảng nhiệm vụ hoặc các mục đánh số). Nhập tất cả hoặc không nhập gì: một dòng sai thì "
		    "cả tệp bị từ chối, kèm số dòng và lý do.</p>");
	if (imp && error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML(b,
	     "<form class=\"form\" method=\"post\" enctype=\"multipart/form-data\" action=\"/ke-hoach/%d/nhap-tep\">",
	     pl->id);
	page_csrf_field(b, r->csrf);
	HTML_LIT(b, "<label for=\"imp-file\">Tệp kế hoạch</label><input id=\"imp-file\" type=\"file\" name=\"tep\" "
		    "accept=\".docx,.xlsx,.txt\" required><button type=\"submit\">Nhập tệp</button></form></section>");
}

/* ---- adopting indicators ---- */

void page_plan_adopt_post(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	struct coverage cv;
	const char *why = NULL;
	enum app_err e = APP_OK;
	struct {
		int64_t id;
		bool on, has;
		double v;
	} * todo;
	size_t n = 0;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if ((e = coverage_unit(r->app->store, r->arena, pl.directive_id, pl.unit_id, &cv, true)) != APP_OK) {
		web_fail(r, p, e, "plan-adopt");
		return;
	}
	todo = arena_alloc(r->arena, (cv.nitems + 1) * sizeof(*todo));
	/* read and check every row first: a bad one stores nothing */
	for (size_t i = 0; i < cv.nitems && !why; i++) {
		const struct coverage_item *it = &cv.items[i];
		char idt[24], tn[48];
		const char *t;
		bool on = false;

		snprintf(idt, sizeof(idt), "%lld", (long long)it->indicator_id);
		snprintf(tn, sizeof(tn), "muc-tieu-%s", idt);
		for (size_t j = 0; j < r->form.n; j++)
			if (strcmp(r->form.v[j].k, "nhan") == 0 && strcmp(r->form.v[j].v, idt) == 0)
				on = true;
		if (!on && it->state == COV_MISSING)
			continue; /* neither adopted nor ticked */
		t = on ? opt(r, tn) : NULL;
		todo[n].id = it->indicator_id;
		todo[n].on = on; /* unticked: withdrawn */
		todo[n].has = t != NULL;
		if (t && !pc_parse_num(t, &todo[n].v))
			why = arena_printf(r->arena, "Chỉ tiêu %s: mục tiêu «%s» không phải là số.", it->code, t);
		else if (t && strcmp(it->measure, "%") == 0 && (todo[n].v < 0 || todo[n].v > 100))
			why = arena_printf(r->arena, "Chỉ tiêu %s: tỷ lệ phần trăm phải trong khoảng 0–100.", it->code);
		n++;
	}
	if (why) {
		page_plan_view(r, p, id_text, 422, "chi-tieu", why);
		return;
	}
	for (size_t i = 0; i < n && e == APP_OK; i++)
		e = todo[i].on ? plan_adopt(r->app->store, &r->acct, pl.id, todo[i].id, todo[i].has, todo[i].v, &why)
			       : plan_unadopt(r->app->store, &r->acct, pl.id, todo[i].id, &why);
	if (e == APP_OK) {
		resp_redirect(p, r->arena, arena_printf(r->arena, "/ke-hoach/%lld?ok=chi-tieu", (long long)pl.id));
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền sửa kế hoạch này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT) {
		web_fail(r, p, e, "plan-adopt");
		return;
	}
	page_plan_view(r, p, id_text, pc_status_of(e), "chi-tieu", why ? why : "Không nhận được chỉ tiêu.");
}

/* ---- tasks ---- */

/* After a task change: 303 on success, else the refusal (403) or the form again. */
static void task_done(struct req *r, struct resp *p, const char *id_text, enum app_err e, const char *why,
		      const char *ok, int64_t plan_id)
{
	if (e == APP_OK) {
		resp_redirect(p, r->arena, arena_printf(r->arena, "/ke-hoach/%lld?ok=%s", (long long)plan_id, ok));
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền sửa kế hoạch này.");
		return;
	}
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT) {
		web_fail(r, p, e, "plan-task");
		return;
	}
	p->log_note = "bad-task";
	page_plan_view(r, p, id_text, pc_status_of(e), "nhiem-vu", why ? why : "Nhiệm vụ không hợp lệ.");
}

void page_plan_task_add_post(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	struct task_new t;
	const char *why;
	int64_t tid = 0;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	pc_task_from_form(r, &t);
	pc_link_units(r, &pl, &t);
	if ((why = bad_deadline(r, t.deadline))) {
		page_plan_view(r, p, id_text, 422, "nhiem-vu", why);
		return;
	}
	e = plan_add_task(r->app->store, &r->acct, pl.id, &t, &tid, &why);
	task_done(r, p, id_text, e, why, "nhiem-vu", pl.id);
}

/* The task's edit page; err: a refused save, re-shown with the values typed. */
static void task_edit_view(struct req *r, struct resp *p, const char *id_text, const char *tid_text, int status,
			   const char *err)
{
	struct plan pl;
	struct indicator_list il = { 0 };
	const struct plan_task_row *k = NULL;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	int64_t tid;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (parse_int64(tid_text, &tid))
		for (size_t i = 0; i < pl.ntasks; i++)
			if (pl.tasks[i].id == tid)
				k = &pl.tasks[i];
	if (!k) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if (!pc_can_edit_plan(r, &pl)) {
		if (r->acct.unit_id == pl.unit_id && role_can_write(r->acct.role))
			page_plan_view(r, p, id_text, 409, NULL,
				       "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.");
		else
			web_error_msg(r, p, 403, "Chỉ đơn vị của kế hoạch sửa được nhiệm vụ.");
		return;
	}
	indicator_list(r->app->store, r->arena, pl.directive_id, &il);
	p->status = status;
	c = (struct page_ctx){ .title = "Sửa nhiệm vụ", .acct = &r->acct, .csrf = r->csrf, .nav = "chuong-trinh" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Kế hoạch\"><ol><li><a href=\"/ke-hoach/%d\">%h</a></li>"
	     "<li aria-current=\"page\">Nhiệm vụ %h</li></ol></nav><h1>Sửa nhiệm vụ %h</h1>",
	     pl.id, pl.title, k->number ? k->number : "", k->number ? k->number : "");
	if (err)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", err);
	if (k->missing) {
		HTML_LIT(b, "<p class=\"notice\">Nhiệm vụ còn thiếu: ");
		for (int el = 0; el < PE_COUNT; el++)
			if (k->missing & (1u << el))
				HTML(b, "<span class=\"miss\">%h</span> ", plan_elem_vi((enum plan_elem)el));
		HTML_LIT(b, "</p>");
	}
	HTML(b, "<form class=\"form wide\" method=\"post\" action=\"/ke-hoach/%d/nhiem-vu/%d\">", pl.id, k->id);
	page_csrf_field(b, r->csrf);
	write_task_fields(r, b, &il, k, err != NULL);
	write_unit_datalist(r, b, &pl);
	HTML(b,
	     "<button type=\"submit\">Lưu nhiệm vụ</button></form><p><a href=\"/ke-hoach/%d\">Quay lại kế hoạch</a>"
	     "</p>",
	     pl.id);
	page_end(b);
}

void page_plan_task_edit(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	task_edit_view(r, p, id_text, tid_text, 200, NULL);
}

void page_plan_task_edit_post(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	struct plan pl;
	struct task_new t;
	const char *why;
	int64_t tid;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (!parse_int64(tid_text, &tid)) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	pc_task_from_form(r, &t);
	pc_link_units(r, &pl, &t);
	if ((why = bad_deadline(r, t.deadline)))
		e = APP_EINVAL;
	else
		e = plan_update_task(r->app->store, &r->acct, pl.id, tid, &t, &why);
	if (e == APP_EINVAL) { /* the edit form again, with the message and the values typed */
		p->log_note = "bad-task";
		task_edit_view(r, p, id_text, tid_text, 422, why ? why : "Nhiệm vụ không hợp lệ.");
		return;
	}
	task_done(r, p, id_text, e, why, "sua", pl.id);
}

void page_plan_task_delete_post(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	struct plan pl;
	const char *why = NULL;
	int64_t tid;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (!parse_int64(tid_text, &tid)) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	e = plan_delete_task(r->app->store, &r->acct, pl.id, tid, &why);
	task_done(r, p, id_text, e, why, "xoa", pl.id);
}

const char *pc_done_date(struct req *r, const char *typed, char out[11], const char **why)
{
	char today[11];

	if (!typed || !date_parse(typed, out)) {
		*why = arena_printf(r->arena, "Ngày hoàn thành «%s» không có thật hoặc không đúng dạng dd/mm/yyyy.",
				    typed ? typed : "");
		return NULL;
	}
	date_today(today);
	if (strcmp(out, today) > 0) {
		*why = arena_printf(r->arena, "Ngày hoàn thành «%s» sau hôm nay: chỉ ghi nhận việc đã xong.", typed);
		return NULL;
	}
	return out;
}

void page_plan_task_done_post(struct req *r, struct resp *p, const char *id_text, const char *tid_text, bool reopen)
{
	struct plan pl;
	const char *why = NULL, *date = NULL;
	char iso[11];
	int64_t tid = 0;
	bool found = false;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (parse_int64(tid_text, &tid))
		for (size_t i = 0; i < pl.ntasks; i++)
			found |= pl.tasks[i].id == tid;
	if (!found) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if (!reopen && !(date = pc_done_date(r, opt(r, "ngay"), iso, &why))) {
		p->log_note = "bad-date";
		page_plan_view(r, p, id_text, 422, NULL, why);
		return;
	}
	e = plan_task_done(r->app->store, &r->acct, tid, date, &why);
	task_done(r, p, id_text, e, why, reopen ? "mo-lai" : "hoan-thanh", pl.id);
}

/* ---- import and export ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

void page_plan_import_post(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	const struct upload *f = req_file(r, "tep");
	struct idoc d;
	struct plan_import_error err;
	const char *why = NULL, *name;
	size_t n = 0;
	enum app_err e;
	bool zip;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (!pc_can_edit_plan(r, &pl)) {
		bool own = r->acct.unit_id == pl.unit_id;
		p->log_note = "denied";
		if (own && (pl.state == PLAN_SUBMITTED || pl.state == PLAN_ACCEPTED))
			page_plan_view(r, p, id_text, 409, "nhap-tep",
				       "Kế hoạch đã gửi hoặc đã được chấp thuận: không "
				       "sửa được.");
		else
			web_error_msg(r, p, 403, "Chỉ đơn vị chủ trì kế hoạch được sửa kế hoạch của mình.");
		return;
	}
	if (!f) {
		page_plan_view(r, p, id_text, 422, "nhap-tep", "Chưa chọn tệp kế hoạch.");
		return;
	}
	name = f->filename && *f->filename ? f->filename : "tệp";
	zip = f->len >= 4 && memcmp(f->data, "PK\x03\x04", 4) == 0;
	if (ends_with(name, ".docx") && !zip)
		why = arena_printf(r->arena,
				   "Tệp «%s» không phải tệp Word (.docx) hợp lệ: nội dung không phải tệp nén "
				   "(zip). Hãy lưu lại bằng Word hoặc LibreOffice dưới dạng .docx.",
				   name);
	else if (ends_with(name, ".xlsx") && !zip)
		why = arena_printf(r->arena,
				   "Tệp «%s» không phải bảng tính Excel (.xlsx) hợp lệ: nội dung không phải "
				   "tệp nén (zip).",
				   name);
	else if (!ends_with(name, ".docx") && !ends_with(name, ".xlsx") && !ends_with(name, ".txt"))
		why = arena_printf(r->arena, "Tệp «%s»: chỉ nhận tệp .docx, .xlsx hoặc .txt.", name);
	else if (f->len == 0)
		why = arena_printf(r->arena, "Tệp «%s» rỗng.", name);
	if (why) {
		page_plan_view(r, p, id_text, 422, "nhap-tep", why);
		return;
	}
	e = idoc_read_mem(f->data, f->len, &d, &why);
	if (e != APP_OK) {
		why = e == APP_ETOOBIG ? arena_printf(r->arena, "Tệp «%s» quá lớn.", name)
				       : arena_printf(r->arena,
						      "Không đọc được tệp «%s»: tệp bị hỏng, bị cắt cụt hoặc "
						      "không đúng định dạng .docx/.xlsx.",
						      name);
		page_plan_view(r, p, id_text, e == APP_ETOOBIG ? 413 : 422, "nhap-tep", why);
		return;
	}
	if (zip && strcmp(d.format, "text") == 0) {
		idoc_release(&d);
		page_plan_view(r, p, id_text, 422, "nhap-tep",
			       arena_printf(r->arena,
					    "Tệp «%s» là tệp nén nhưng không phải tài liệu Word hay bảng tính "
					    "Excel.",
					    name));
		return;
	}
	e = plan_import_tasks(r->app->store, &r->acct, pl.id, &d, &n, &err);
	idoc_release(&d);
	if (e == APP_OK) {
		log_info("plan-import", "req=%llu plan=%lld tasks=%zu", (unsigned long long)r->id, (long long)pl.id, n);
		resp_redirect(p, r->arena,
			      arena_printf(r->arena, "/ke-hoach/%lld?ok=nhap-tep&n=%zu", (long long)pl.id, n));
		return;
	}
	if (e == APP_EDENIED) {
		web_error_msg(r, p, 403,
			      err.vi[0] ? arena_strdup(r->arena, err.vi) : "Bạn không có quyền sửa kế hoạch.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT) {
		web_fail(r, p, e, "plan-import");
		return;
	}
	page_plan_view(r, p, id_text, pc_status_of(e), "nhap-tep",
		       arena_printf(r->arena, "Tệp «%s» bị từ chối, không nhập nhiệm vụ nào. %s", name,
				    err.vi[0] ? err.vi : "Tệp không hợp lệ."));
}

void page_plan_export(struct req *r, struct resp *p, const char *id_text, const char *ext)
{
	struct plan pl;
	const char *dir = getenv("TMPDIR");
	char *path, *data = NULL;
	size_t n = 0;
	bool docx = strcmp(ext, "docx") == 0;
	int fd;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	path = xasprintf("%s/giamsat-plan-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		free(path);
		web_fail(r, p, APP_EIO, "plan-export");
		return;
	}
	close(fd);
	e = docx ? cascade_docx_plan(&pl, NULL, path) : cascade_xlsx_plan(&pl, path);
	if (e == APP_OK)
		e = file_read(path, 64u << 20, &data, &n);
	unlink(path);
	free(path);
	if (e != APP_OK) {
		free(data);
		web_fail(r, p, e, "plan-export");
		return;
	}
	p->status = 200;
	p->content_type = docx ? DOCX_TYPE : XLSX_TYPE;
	resp_header(p, r->arena, "Content-Disposition",
		    arena_printf(r->arena, "attachment; filename=\"ke-hoach-%lld.%s\"", (long long)pl.id, ext));
	sbuf_reset(&p->body);
	sbuf_add(&p->body, data, n);
	free(data);
}
