/*
** The programmes list (/chuong-trinh): the directives that bind the
** signed-in unit with their indicator and plan counts; for a writer, the
** directives its own unit registered that have no indicator yet, the
** "Số tiếp theo" helper (the next free number for a kind and date) and the
** registration form (POST /chuong-trinh). The indicator form of a
** directive page (POST /chuong-trinh/ID/chi-tieu) lives here too.
**
** Registration goes through directive_add, which reads any variant of the
** number and stores its canonical form; the directive page then says what
** was rewritten. Bad input re-shows the form with the values typed and a
** Vietnamese message (422, 409 for a number already used); nothing is
** stored.
*/
#include "util/util.h"
#include "web/page_cascade.h"

#include "ingest/docnum.h"
#include "model/indicator.h"
#include "render/html.h"
#include "render/layout.h"

/* Kinds offered by the form, in the order clerks use them. */
static const char *const FORM_KINDS[] = { "CTr", "NQ", "KH", "KL", "CT", "QĐ", "HD", "TB", "BC" };

static void write_list(struct req *r, struct sbuf *b, const struct directive_list *l, bool bare)
{
	if (!l->n) {
		if (!bare)
			HTML_LIT(b, "<p class=\"empty\">Chưa có chương trình, văn bản chỉ đạo nào có chỉ tiêu áp dụng "
				    "cho đơn vị.</p>");
		return;
	}
	if (bare)
		HTML(b, "<details class=\"bare\"><summary>Văn bản của đơn vị chưa có chỉ tiêu (%d)</summary>",
		     (long long)l->n);
	HTML_LIT(b, "<table class=\"directives\"><thead><tr><th>Số, ký hiệu</th><th>Ngày</th><th>Trích yếu</th>"
		    "<th>Đơn vị ban hành</th><th>Thời gian thực hiện</th><th>Chỉ tiêu</th><th>Kế hoạch</th></tr>"
		    "</thead><tbody>");
	for (size_t i = 0; i < l->n; i++) {
		const struct directive_summary *d = &l->v[i];

		HTML(b, "<tr><td><a href=\"/chuong-trinh/%d\">%h</a></td><td>%h</td><td>%h</td><td>%h</td><td>", d->id,
		     d->number ? d->number : "—", d->doc_date ? html_date_vn(r->arena, d->doc_date) : "—", d->title,
		     d->unit_name);
		if (d->period_from || d->period_to)
			HTML(b, "%h – %h", d->period_from ? html_date_vn(r->arena, d->period_from) : "…",
			     d->period_to ? html_date_vn(r->arena, d->period_to) : "…");
		else
			HTML_LIT(b, "—");
		HTML(b, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", d->nindicators, d->nplans);
	}
	HTML_LIT(b, "</tbody></table>");
	if (bare)
		HTML_LIT(b, "</details>");
}

static void write_kind_options(struct sbuf *b, const char *sel)
{
	for (size_t i = 0; i < ARRAY_SIZE(FORM_KINDS); i++)
		HTML(b, "<option value=\"%h\"%h>%h (%h)</option>", FORM_KINDS[i],
		     strcmp(sel, FORM_KINDS[i]) == 0 ? " selected" : "", docnum_kind_vi(DOCNUM_PARTY, FORM_KINDS[i]),
		     FORM_KINDS[i]);
}

/* The "Số tiếp theo" helper: a GET form and its answer (?loai=&he=&ngay=). */
static void write_next_number(struct req *r, struct sbuf *b, char suggest[DOCNUM_CANON_MAX])
{
	const char *kind = req_query(r, "loai"), *sys = req_query(r, "he"), *date = req_query(r, "ngay");
	const char *term = req_query(r, "nk");
	struct next_number_req q = { .unit_code = r->acct.unit_code };
	struct docnum n;
	char series[16], iso[11], today[11], vn[11];
	const char *why = NULL;

	suggest[0] = '\0';
	date_today(today);
	date_iso_to_vn(today, vn);
	q.kind = kind && *kind ? kind : "CTr";
	q.system = sys && strcmp(sys, "state") == 0 ? DOCNUM_STATE : DOCNUM_PARTY;
	HTML_LIT(b, "<section class=\"next-number\"><h2>Số tiếp theo</h2><form class=\"search\" method=\"get\" "
		    "action=\"/chuong-trinh#so-tiep-theo\"><label for=\"nn-kind\">Loại</label><select id=\"nn-kind\" "
		    "name=\"loai\">");
	write_kind_options(b, q.kind);
	HTML(b,
	     "</select><label for=\"nn-sys\">Hệ thống</label><select id=\"nn-sys\" name=\"he\"><option value=\"party\""
	     "%h>Văn bản Đảng (theo nhiệm kỳ)</option><option value=\"state\"%h>Văn bản chính quyền (theo năm)"
	     "</option></select><label for=\"nn-date\">Ngày</label><input id=\"nn-date\" name=\"ngay\" value=\"%h\" "
	     "placeholder=\"dd/mm/yyyy\"><label for=\"nn-term\">Nhiệm kỳ</label><input id=\"nn-term\" name=\"nk\" "
	     "value=\"%h\" placeholder=\"theo ngày\"><button type=\"submit\">Xem số tiếp theo</button></form>",
	     q.system == DOCNUM_PARTY ? " selected" : "", q.system == DOCNUM_STATE ? " selected" : "",
	     date && *date ? date : vn, term ? term : "");
	q.term = term && *term && q.system == DOCNUM_PARTY ? term : NULL;
	if (date && *date && !date_parse(date, iso)) {
		HTML(b,
		     "<p class=\"alert\" role=\"alert\" id=\"so-tiep-theo\">Ngày «%h» không có thật hoặc không đúng "
		     "dạng dd/mm/yyyy.</p></section>",
		     date);
		return;
	}
	q.date = date && *date ? iso : today;
	if (directive_next_number(r->app->store, &q, &n, series, &why) == APP_OK) {
		HTML(b,
		     "<p class=\"ok\" id=\"so-tiep-theo\">Số tiếp theo của %h: <strong class=\"next\">%h</strong> "
		     "(%h %h).</p>",
		     r->acct.unit_name, n.canonical, q.system == DOCNUM_PARTY ? "nhiệm kỳ" : "năm", series);
		if (kind)
			snprintf(suggest, DOCNUM_CANON_MAX, "%s", n.canonical);
	} else
		HTML(b, "<p class=\"alert\" role=\"alert\" id=\"so-tiep-theo\">%h</p>",
		     why ? why : "Không tính được số tiếp theo.");
	HTML_LIT(b, "</section>");
}

/* The registration form, with the values typed when error. */
static void write_register_form(struct req *r, struct sbuf *b, const char *error, const char *suggest)
{
	const char *term_typed = req_query(r, "nk");
	const char *kind = error ? pc_val(r, "kind") : "";

	HTML(b, "<section class=\"register\" id=\"dang-ky\"><h2>Đăng ký văn bản chỉ đạo của %h</h2>",
	     r->acct.unit_name);
	if (error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML_LIT(b, "<form class=\"form wide\" method=\"post\" action=\"/chuong-trinh\">");
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"d-kind\">Loại văn bản</label><select id=\"d-kind\" name=\"kind\"><option value=\"\"%h>"
	     "Theo số, ký hiệu</option>",
	     *kind ? "" : " selected");
	write_kind_options(b, kind);
	HTML(b,
	     "</select><label for=\"d-number\">Số, ký hiệu (ví dụ 01-CTr/TU, 167/KH-UBND)</label>"
	     "<input id=\"d-number\" name=\"number\" value=\"%h\" required>"
	     "<label for=\"d-date\">Ngày ban hành (dd/mm/yyyy)</label><input id=\"d-date\" name=\"doc_date\" "
	     "value=\"%h\" placeholder=\"dd/mm/yyyy\" required>"
	     "<label for=\"d-title\">Trích yếu</label><input id=\"d-title\" name=\"title\" value=\"%h\" required>"
	     "<label for=\"d-body\">Nội dung</label><textarea id=\"d-body\" name=\"body\" rows=\"6\">%h</textarea>"
	     "<label for=\"d-from\">Thực hiện từ ngày (dd/mm/yyyy)</label><input id=\"d-from\" name=\"period_from\" "
	     "value=\"%h\" placeholder=\"dd/mm/yyyy\"><label for=\"d-to\">đến ngày (dd/mm/yyyy)</label>"
	     "<input id=\"d-to\" name=\"period_to\" value=\"%h\" placeholder=\"dd/mm/yyyy\">"
	     "<label for=\"d-term\">Nhiệm kỳ (văn bản Đảng; để trống: theo ngày ban hành, nhiệm kỳ bắt đầu 1/10 năm đại "
	     "hội)</label><input id=\"d-term\" name=\"term\" value=\"%h\" placeholder=\"2025-2030\">",
	     error ? pc_val(r, "number") : suggest, pc_val(r, "doc_date"), pc_val(r, "title"), pc_val(r, "body"),
	     pc_val(r, "period_from"), pc_val(r, "period_to"),
	     error ? pc_val(r, "term") : (term_typed ? term_typed : ""));
	for (int i = 1; i <= 3; i++) {
		char rn[16], nn[16];
		const char *rel;

		snprintf(rn, sizeof(rn), "rel%d", i);
		snprintf(nn, sizeof(nn), "link%d", i);
		rel = pc_val(r, rn);
		HTML(b,
		     "<fieldset class=\"link\"><legend>Liên kết %d</legend><label for=\"d-%h\">Quan hệ</label>"
		     "<select id=\"d-%h\" name=\"%h\">",
		     i, rn, rn, rn);
		for (int k = 0; k < REL_COUNT; k++)
			HTML(b, "<option value=\"%h\"%h>%h</option>", doc_rel_code((enum doc_rel)k),
			     strcmp(rel, doc_rel_code((enum doc_rel)k)) == 0 ? " selected" : "",
			     doc_rel_vi((enum doc_rel)k));
		HTML(b,
		     "</select><label for=\"d-%h\">văn bản số</label><input id=\"d-%h\" name=\"%h\" value=\"%h\">"
		     "</fieldset>",
		     nn, nn, nn, pc_val(r, nn));
	}
	HTML_LIT(b, "<button type=\"submit\">Đăng ký văn bản</button></form></section>");
}

static void list_view(struct req *r, struct resp *p, int status, const char *error)
{
	struct directive_list l, bare = { 0 };
	struct sbuf *b = &p->body;
	struct page_ctx c;
	char suggest[DOCNUM_CANON_MAX] = "";
	bool issue = pc_can_issue(r);
	enum app_err e;

	if ((e = directive_list_for(r->app->store, r->arena, r->acct.unit_id, 200, &l)) != APP_OK ||
	    (issue && (e = directive_list_bare(r->app->store, r->arena, r->acct.unit_id, 100, &bare)) != APP_OK)) {
		web_fail(r, p, e, "directive-list");
		return;
	}
	p->status = status;
	c = (struct page_ctx){
		.title = "Chương trình, văn bản chỉ đạo", .acct = &r->acct, .csrf = r->csrf, .nav = "chuong-trinh"
	};
	page_begin(b, &c);
	HTML(b,
	     "<h1>Chương trình, văn bản chỉ đạo</h1><p>Các chương trình có chỉ tiêu áp dụng cho %h (do đơn vị "
	     "hoặc cấp trên ban hành).</p>",
	     r->acct.unit_name ? r->acct.unit_name : "đơn vị");
	write_list(r, b, &l, false);
	if (issue) {
		write_list(r, b, &bare, true);
		write_next_number(r, b, suggest);
		write_register_form(r, b, error, suggest);
	}
	page_end(b);
}

void page_directive_list(struct req *r, struct resp *p)
{
	list_view(r, p, 200, NULL);
}

/* A date field: "" -> NULL; a bad one sets *err. */
static const char *date_field(struct req *r, const char *name, const char *label, const char **err)
{
	const char *v = req_param(r, name);
	char iso[11];

	if (!v || !*v)
		return NULL;
	if (!date_parse(v, iso) && !*err)
		*err = arena_printf(r->arena, "%s «%s» không có thật hoặc không đúng dạng dd/mm/yyyy.", label, v);
	return v;
}

void page_directive_add_post(struct req *r, struct resp *p)
{
	struct directive_new d = { .unit_code = r->acct.unit_code };
	struct directive_result res;
	struct docnum n;
	enum docnum_reason reason;
	const char *err = NULL, *why = NULL, *kind = pc_val(r, "kind");
	enum app_err e;

	if (!pc_can_issue(r)) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, "Tài khoản của bạn không được đăng ký văn bản chỉ đạo.");
		return;
	}
	d.number = req_param(r, "number");
	d.title = req_param(r, "title");
	d.term = req_param(r, "term");
	if (d.term && !*d.term)
		d.term = NULL;
	d.body = req_param(r, "body");
	if (d.body && !*d.body)
		d.body = NULL;
	if (!d.number || !*d.number)
		err = "Thiếu số, ký hiệu văn bản.";
	else if (docnum_parse(d.number, &n, &reason) != APP_OK)
		err = arena_printf(r->arena, "Không đọc được số, ký hiệu «%s»: %s", d.number, docnum_reason_vi(reason));
	else if (*kind && strcmp(n.kind, kind) != 0)
		err = arena_printf(r->arena, "Số «%s» là %s (%s), không phải loại văn bản đã chọn (%s).", n.canonical,
				   docnum_kind_vi(n.system, n.kind) ? docnum_kind_vi(n.system, n.kind) : n.kind, n.kind,
				   kind);
	d.doc_date = date_field(r, "doc_date", "Ngày ban hành", &err);
	if (!d.doc_date && !err)
		err = "Thiếu ngày ban hành.";
	d.period_from = date_field(r, "period_from", "Ngày bắt đầu thực hiện", &err);
	d.period_to = date_field(r, "period_to", "Ngày kết thúc thực hiện", &err);
	if (!err && (!d.title || !*d.title))
		err = "Thiếu trích yếu văn bản.";
	for (int i = 1; i <= 3 && !err; i++) {
		const char *num = req_param(r, arena_printf(r->arena, "link%d", i));
		const char *rel = req_param(r, arena_printf(r->arena, "rel%d", i));
		int64_t to = 0;
		enum app_err fe;

		if (!num || !*num)
			continue;
		if (!rel || !doc_rel_parse(rel, &d.links[d.nlinks].rel)) {
			err = "Quan hệ liên kết văn bản không hợp lệ.";
			break;
		}
		fe = directive_find(r->app->store, num, &to);
		if (fe == APP_EINVAL || fe == APP_ENOTFOUND) {
			err = arena_printf(r->arena, "Liên kết %d: không tìm thấy văn bản số «%s».", i, num);
			break;
		}
		if (fe != APP_OK) {
			web_fail(r, p, fe, "directive-link");
			return;
		}
		d.links[d.nlinks++].to_id = to;
	}
	if (err) {
		list_view(r, p, 422, err);
		return;
	}
	e = directive_add(r->app->store, &d, &res, &why);
	if (e == APP_EINVAL || e == APP_EEXIST) {
		list_view(r, p, e == APP_EEXIST ? 409 : 422,
			  e == APP_EEXIST ? arena_printf(r->arena, "Số %s: %s", n.canonical,
							 why ? why : "Số văn bản này đã được dùng.")
					  : (why ? why : "Dữ liệu văn bản không hợp lệ."));
		return;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "directive-add");
		return;
	}
	log_info("directive", "req=%llu added=%lld number=%s", (unsigned long long)r->id, (long long)res.id,
		 res.num.canonical);
	{
		struct sbuf loc;
		sbuf_init(&loc, 0);
		sbuf_addf(&loc, "/chuong-trinh/%lld?ok=dang-ky&so=", (long long)res.id);
		html_urlencode(&loc, d.number, strlen(d.number));
		resp_redirect(p, r->arena, arena_strdup(r->arena, loc.buf));
		sbuf_release(&loc);
	}
}

/* ---- indicators ---- */

void pc_write_indicator_form(struct req *r, struct sbuf *b, int64_t directive_id, const char *error)
{
	bool keep = error != NULL;
	const char *dir = keep ? pc_val(r, "dir") : "up", *per = keep ? pc_val(r, "period") : "year";
	const char *agg = keep ? pc_val(r, "agg") : "sum";

	HTML_LIT(b, "<section class=\"add-indicator\" id=\"them-chi-tieu\"><h2>Thêm chỉ tiêu</h2>");
	if (error)
		HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
	HTML(b, "<form class=\"form wide\" method=\"post\" action=\"/chuong-trinh/%d/chi-tieu\">", directive_id);
	page_csrf_field(b, r->csrf);
	HTML(b,
	     "<label for=\"i-code\">Mã chỉ tiêu</label><input id=\"i-code\" name=\"code\" value=\"%h\" required>"
	     "<label for=\"i-name\">Tên chỉ tiêu</label><input id=\"i-name\" name=\"name\" value=\"%h\" required>"
	     "<label for=\"i-measure\">Đơn vị tính</label><input id=\"i-measure\" name=\"measure\" value=\"%h\" "
	     "required><label for=\"i-dir\">Chiều đánh giá</label><select id=\"i-dir\" name=\"dir\">"
	     "<option value=\"up\"%h>Càng cao càng tốt</option><option value=\"down\"%h>Càng thấp càng tốt</option>"
	     "</select><label for=\"i-target\">Mục tiêu</label><input id=\"i-target\" name=\"target\" value=\"%h\">"
	     "<label class=\"check\"><input type=\"checkbox\" name=\"monitor\" value=\"1\"%h> Chỉ theo dõi (không có "
	     "mục tiêu)</label><label for=\"i-baseline\">Giá trị cơ sở</label><input id=\"i-baseline\" "
	     "name=\"baseline\" value=\"%h\"><label for=\"i-period\">Kỳ báo cáo</label><select id=\"i-period\" "
	     "name=\"period\">",
	     pc_val(r, "code"), pc_val(r, "name"), pc_val(r, "measure"), strcmp(dir, "down") != 0 ? " selected" : "",
	     strcmp(dir, "down") == 0 ? " selected" : "", pc_val(r, "target"),
	     keep && *pc_val(r, "monitor") ? " checked" : "", pc_val(r, "baseline"));
	for (int i = 0; i < PER_COUNT; i++)
		HTML(b, "<option value=\"%h\"%h>%h</option>", ind_period_code((enum ind_period)i),
		     strcmp(per, ind_period_code((enum ind_period)i)) == 0 ? " selected" : "",
		     ind_period_vi((enum ind_period)i));
	HTML_LIT(b,
		 "</select><label for=\"i-agg\">Cách tổng hợp lên cấp trên</label><select id=\"i-agg\" name=\"agg\">");
	for (int i = 0; i < AGG_COUNT; i++)
		HTML(b, "<option value=\"%h\"%h>%h</option>", ind_agg_code((enum ind_agg)i),
		     strcmp(agg, ind_agg_code((enum ind_agg)i)) == 0 ? " selected" : "", ind_agg_vi((enum ind_agg)i));
	HTML(b,
	     "</select><label for=\"i-scale\">Hệ số (tỷ lệ của tổng: 100 cho phần trăm)</label><input id=\"i-scale\" "
	     "name=\"scale\" value=\"%h\"><fieldset class=\"kinds\"><legend>Áp dụng cho (để trống: mọi đơn vị)"
	     "</legend>",
	     pc_val(r, "scale"));
	for (int k = 0; k < UNIT_KIND_COUNT; k++) {
		bool on = false;
		const char *code = unit_kind_code((enum unit_kind)k);

		for (size_t i = 0; keep && i < r->form.n; i++)
			if (strcmp(r->form.v[i].k, "kinds") == 0 && strcmp(r->form.v[i].v, code) == 0)
				on = true;
		HTML(b, "<label class=\"check\"><input type=\"checkbox\" name=\"kinds\" value=\"%h\"%h> %h</label>",
		     code, on ? " checked" : "", unit_kind_vi((enum unit_kind)k));
	}
	HTML_LIT(b, "</fieldset><button type=\"submit\">Thêm chỉ tiêu</button></form></section>");
}

/* An optional number field: *has false when empty; the error names the field. */
static bool num_field(struct req *r, const char *name, const char *label, bool *has, double *v, const char **err)
{
	const char *t = req_param(r, name);

	*has = false;
	if (!t || !*t)
		return true;
	if (!pc_parse_num(t, v)) {
		if (!*err)
			*err = arena_printf(r->arena, "%s «%s» không phải là số.", label, t);
		return false;
	}
	*has = true;
	return true;
}

void page_indicator_add_post(struct req *r, struct resp *p, const char *id_text)
{
	struct directive d;
	struct indicator_new n = { 0 };
	const char *err = NULL, *why = NULL;
	bool in_scope, has_scale = false;
	int64_t iid = 0;
	int status = 422;
	enum app_err e;

	if (!pc_load_directive(r, p, id_text, &d, &in_scope))
		return;
	if (!in_scope || !pc_can_issue(r) || r->acct.unit_id != d.doc.unit_id) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, "Chỉ đơn vị ban hành được thêm chỉ tiêu cho văn bản này.");
		return;
	}
	n.directive_id = d.doc.id;
	n.code = req_param(r, "code");
	n.name = req_param(r, "name");
	n.measure = req_param(r, "measure");
	n.monitor_only = *pc_val(r, "monitor") != '\0';
	if (!ind_dir_parse(pc_val(r, "dir"), &n.dir))
		err = "Chiều đánh giá không hợp lệ.";
	else if (!ind_period_parse(pc_val(r, "period"), &n.period))
		err = "Kỳ báo cáo không hợp lệ.";
	else if (!ind_agg_parse(pc_val(r, "agg"), &n.agg))
		err = "Cách tổng hợp không hợp lệ.";
	num_field(r, "target", "Mục tiêu", &n.has_target, &n.target, &err);
	num_field(r, "baseline", "Giá trị cơ sở", &n.has_baseline, &n.baseline, &err);
	num_field(r, "scale", "Hệ số", &has_scale, &n.scale, &err);
	if (!err && has_scale && n.scale <= 0)
		err = "Hệ số phải là số dương.";
	for (size_t i = 0; i < r->form.n && !err; i++) {
		enum unit_kind k;

		if (strcmp(r->form.v[i].k, "kinds") != 0)
			continue;
		if (!unit_kind_parse(r->form.v[i].v, &k))
			err = "Loại đơn vị áp dụng không hợp lệ.";
		else
			n.kinds |= 1u << k;
	}
	if (!err) {
		e = indicator_add(r->app->store, &n, &iid, &why);
		if (e == APP_EEXIST) {
			status = 409;
			err = arena_printf(r->arena, "Mã chỉ tiêu «%s» đã có trong văn bản này.", n.code ? n.code : "");
		} else if (e == APP_EINVAL)
			err = why ? why : "Chỉ tiêu không hợp lệ.";
		else if (e != APP_OK) {
			web_fail(r, p, e, "indicator-add");
			return;
		}
	}
	if (err) {
		p->log_note = "bad-indicator";
		page_directive_view(r, p, id_text, status, "chi-tieu", err);
		return;
	}
	resp_redirect(p, r->arena,
		      arena_printf(r->arena, "/chuong-trinh/%lld?ok=chi-tieu#them-chi-tieu", (long long)d.doc.id));
}
