/*
** The complaints and denunciations register (issue 5 item 6):
** /khieu-nai-to-cao lists those concerning units of the account's subtree
** with received date, kind, unit, handler, due date from the time-limit
** rule in force, state and overdue handling flagged as of a date, counts
** per unit, the declared rules (and, loudly, each kind that has none: no
** default is ever invented), and the forms to register one and (for the
** commission) to declare a rule; /khieu-nai-to-cao/ID shows one with the
** form to close it. The model (complaint.h) checks every write.
*/
#include "model/followup.h"
#include "render/html.h"
#include "render/layout.h"
#include "web/page_followup.h"

static bool kind_of(const char *v, enum complaint_kind *k)
{
	if (v && strcmp(v, "to-cao") == 0)
		*k = CK_DENUNCIATION;
	else if (v && strcmp(v, "khieu-nai") == 0)
		*k = CK_COMPLAINT;
	else
		return false;
	return true;
}

static const char *kind_slug(enum complaint_kind k)
{
	return k == CK_COMPLAINT ? "khieu-nai" : "to-cao";
}

/* "tố cáo" for the middle of a sentence. */
static const char *kind_lower(enum complaint_kind k)
{
	return k == CK_COMPLAINT ? "khiếu nại" : "tố cáo";
}

static void write_state(struct req *r, struct sbuf *b, const struct complaint *c)
{
	HTML(b, "<span class=\"cs-%h\">%h</span>", complaint_state_code(c->state), complaint_state_vi(c->state));
	if (c->overdue && c->state == CS_OPEN)
		HTML(b, " <span class=\"ts-overdue\">Quá hạn giải quyết %h ngày</span>",
		     fu_num(r->arena, c->days_over));
	else if (c->overdue)
		HTML(b, " <span class=\"ts-late\">Giải quyết chậm %h ngày</span>", fu_num(r->arena, c->days_over));
}

static void write_rules(struct req *r, struct sbuf *b, const struct complaint_rule_list *rules, const char *today)
{
	HTML_LIT(b, "<section id=\"thoi-han\"><h2>Quy định thời hạn giải quyết</h2>");
	for (int k = 0; k < CK_COUNT; k++) {
		const struct complaint_rule_row *in = followup_rule_in_force(rules, (enum complaint_kind)k, today);

		if (in)
			HTML(b, "<p class=\"rule\">%h: %d ngày kể từ ngày nhận đơn; căn cứ: %h (áp dụng từ %h).</p>",
			     complaint_kind_vi((enum complaint_kind)k), (long long)in->days, in->source,
			     html_date_vn(r->arena, in->valid_from));
		else
			HTML(b,
			     "<p class=\"alert no-rule\" role=\"alert\">Chưa khai báo quy định thời hạn giải quyết đơn %h: "
			     "hệ thống không tự đặt thời hạn, nên chưa vào sổ được đơn loại này. Ủy ban Kiểm tra cần khai "
			     "báo căn cứ và số ngày.</p>",
			     kind_lower((enum complaint_kind)k));
	}
	if (rules->n) {
		HTML_LIT(b, "<table class=\"rules\"><thead><tr><th>Loại đơn</th><th>Số ngày</th><th>Căn cứ</th>"
			    "<th>Áp dụng từ</th></tr></thead><tbody>");
		for (size_t i = 0; i < rules->n; i++)
			HTML(b, "<tr><td>%h</td><td class=\"num\">%d</td><td>%h</td><td>%h</td></tr>",
			     complaint_kind_vi(rules->v[i].kind), (long long)rules->v[i].days, rules->v[i].source,
			     html_date_vn(r->arena, rules->v[i].valid_from));
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section>");
}

static void kind_options(struct sbuf *b, const char *sel)
{
	for (int k = 0; k < CK_COUNT; k++)
		HTML(b, "<option value=\"%h\"%H>%h</option>", kind_slug((enum complaint_kind)k),
		     sel && strcmp(sel, kind_slug((enum complaint_kind)k)) == 0 ? HTML_SAFE_LIT(" selected")
										: HTML_SAFE_LIT(""),
		     complaint_kind_vi((enum complaint_kind)k));
}

/* offer: some kind has no rule in force today, or the form came back for want of one */
static void write_add_form(struct req *r, struct sbuf *b, bool keep, bool offer)
{
	HTML_LIT(b, "<section class=\"actions\" id=\"vao-so\"><h2>Vào sổ đơn</h2>"
		    "<form class=\"form\" method=\"post\" action=\"/khieu-nai-to-cao/them\">");
	page_csrf_field(b, r->csrf);
	HTML_LIT(b, "<label for=\"c-loai\">Loại đơn</label><select id=\"c-loai\" name=\"loai\">");
	kind_options(b, fu_val(r, keep, "loai", NULL));
	HTML(b,
	     "</select><label for=\"c-dv\">Đơn vị liên quan (mã)</label><input id=\"c-dv\" name=\"don_vi\" "
	     "value=\"%h\" required><label for=\"c-ngay\">Ngày nhận đơn (dd/mm/yyyy)</label><input id=\"c-ngay\" "
	     "name=\"ngay_nhan\" value=\"%h\" required><label for=\"c-tt\">Tóm tắt nội dung</label><textarea "
	     "id=\"c-tt\" name=\"tom_tat\" rows=\"3\" required>%h</textarea><label for=\"c-gq\">Người (cơ quan) giải "
	     "quyết</label><input id=\"c-gq\" name=\"nguoi_giai_quyet\" value=\"%h\" required>",
	     fu_val(r, keep, "don_vi", ""), fu_val(r, keep, "ngay_nhan", fu_today_vn(r->arena)),
	     fu_val(r, keep, "tom_tat", ""), fu_val(r, keep, "nguoi_giai_quyet", ""));
	if (offer)
		HTML_LIT(
			b,
			"<label class=\"check\"><input type=\"checkbox\" name=\"chua_co_thoi_han\" value=\"1\"> Vào sổ "
			"dù chưa có quy định thời hạn giải quyết cho loại đơn này: đơn không có hạn giải quyết cho đến "
			"khi quy định được khai báo (không tự đặt thời hạn).</label>");
	HTML_LIT(b, "<button type=\"submit\">Vào sổ</button></form></section>");
}

static void write_rule_form(struct req *r, struct sbuf *b, bool keep)
{
	HTML_LIT(b, "<section class=\"actions\" id=\"khai-bao\"><h2>Khai báo quy định thời hạn giải quyết</h2>"
		    "<form class=\"form\" method=\"post\" action=\"/khieu-nai-to-cao/thoi-han\">");
	page_csrf_field(b, r->csrf);
	HTML_LIT(b, "<label for=\"q-loai\">Loại đơn</label><select id=\"q-loai\" name=\"loai\">");
	kind_options(b, fu_val(r, keep, "loai", NULL));
	HTML(b,
	     "</select><label for=\"q-so\">Số ngày</label><input id=\"q-so\" name=\"so_ngay\" inputmode=\"numeric\" "
	     "value=\"%h\" required><label for=\"q-cc\">Căn cứ (văn bản quy định)</label><input id=\"q-cc\" "
	     "name=\"can_cu\" value=\"%h\" required><label for=\"q-tu\">Áp dụng từ ngày (dd/mm/yyyy)</label>"
	     "<input id=\"q-tu\" name=\"tu_ngay\" value=\"%h\" required><button type=\"submit\">Khai báo</button>"
	     "</form></section>",
	     fu_val(r, keep, "so_ngay", ""), fu_val(r, keep, "can_cu", ""), fu_val(r, keep, "tu_ngay", ""));
}

static void render_complaints(struct req *r, struct resp *p, const char *asof, const char *error, const char *form,
			      bool no_rule_refusal, int status)
{
	struct complaint_list cl;
	struct complaint_counts cc;
	struct complaint_rule_list rules;
	struct sbuf *b = &p->body;
	struct page_ctx c;
	char today[11];
	enum app_err e;

	date_today(today);
	if ((e = complaint_list(r->app->store, r->arena, &r->acct, 0, NULL, NULL, asof, &cl)) != APP_OK ||
	    (e = complaint_counts(r->app->store, r->arena, &r->acct, 0, NULL, NULL, asof, &cc)) != APP_OK ||
	    (e = followup_complaint_rules(r->app->store, r->arena, &rules)) != APP_OK) {
		web_fail(r, p, e, "complaints");
		return;
	}
	sbuf_reset(b);
	c = (struct page_ctx){
		.title = "Sổ theo dõi đơn khiếu nại, tố cáo", .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra"
	};
	page_begin(b, &c);
	fu_subnav(b, "khieu-nai-to-cao");
	HTML(b, "<h1>Sổ theo dõi đơn khiếu nại, tố cáo</h1><p class=\"lead\">Phạm vi: %h. %d đơn.</p>",
	     r->acct.unit_name, cl.n);
	fu_flash(r, b, error);
	write_rules(r, b, &rules, today);
	HTML(b,
	     "<form class=\"search asof\" method=\"get\" action=\"/khieu-nai-to-cao\"><label for=\"asof\">Tình trạng "
	     "tính đến ngày</label><input id=\"asof\" name=\"ngay\" value=\"%h\"><button type=\"submit\">Xem</button>"
	     "</form>",
	     html_date_vn(r->arena, asof));
	HTML_LIT(b, "<section><h2>Số đơn theo đơn vị</h2>");
	if (!cc.n)
		HTML_LIT(b, "<p class=\"empty\">Chưa có đơn nào.</p>");
	else {
		HTML_LIT(b, "<table class=\"counts\"><thead><tr><th>Đơn vị</th><th>Tổng số</th><th>Đang giải quyết</th>"
			    "<th>Quá hạn</th></tr></thead><tbody>");
		for (size_t i = 0; i < cc.n; i++) {
			const char *name = "";

			for (size_t k = 0; k < cl.n; k++)
				if (cl.v[k].unit_id == cc.v[i].unit_id) {
					name = cl.v[k].unit_name;
					break;
				}
			HTML(b,
			     "<tr><td>%h</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num%H\">%d</td>"
			     "</tr>",
			     name, cc.v[i].total, cc.v[i].open,
			     cc.v[i].overdue ? HTML_SAFE_LIT(" ts-overdue") : HTML_SAFE_LIT(""), cc.v[i].overdue);
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section><section><h2>Sổ đơn</h2>");
	if (!cl.n)
		HTML_LIT(b, "<p class=\"empty\">Chưa có đơn nào.</p>");
	else {
		HTML_LIT(b,
			 "<table class=\"complaints\"><thead><tr><th>STT</th><th>Ngày nhận</th><th>Loại</th><th>Đơn vị "
			 "liên quan</th><th>Tóm tắt</th><th>Người giải quyết</th><th>Hạn giải quyết</th><th>Tình trạng"
			 "</th></tr></thead><tbody>");
		for (size_t i = 0; i < cl.n; i++) {
			const struct complaint *k = &cl.v[i];

			HTML(b,
			     "<tr%H><td>%d</td><td>%h</td><td>%h</td><td>%h</td><td><a href=\"/khieu-nai-to-cao/%d\">%h</a>"
			     "</td><td>%h</td><td>%h</td><td>",
			     k->overdue && k->state == CS_OPEN ? HTML_SAFE_LIT(" class=\"overdue\"")
							       : HTML_SAFE_LIT(""),
			     (unsigned long long)(i + 1), html_date_vn(r->arena, k->received),
			     complaint_kind_vi(k->kind), k->unit_name, k->id, k->summary, k->handler,
			     complaint_due_vi(r->arena, k));
			write_state(r, b, k);
			HTML_LIT(b, "</td></tr>");
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section>");
	if (r->acct.role != ROLE_VIEWER) {
		bool missing = false;

		for (int k = 0; k < CK_COUNT; k++)
			missing = missing || !followup_rule_in_force(&rules, (enum complaint_kind)k, today);
		write_add_form(r, b, form && strcmp(form, "them") == 0, missing || no_rule_refusal);
	}
	if (fu_is_inspector(r))
		write_rule_form(r, b, form && strcmp(form, "thoi-han") == 0);
	page_end(b);
	p->status = status;
	p->content_type = "text/html; charset=utf-8";
}

void page_complaints(struct req *r, struct resp *p)
{
	char d[11];

	if (!fu_asof(r, p, d))
		return;
	render_complaints(r, p, d, NULL, NULL, false, 200);
}

void page_complaints_post(struct req *r, struct resp *p, const char *action)
{
	const char *why = NULL;
	enum complaint_kind kind = CK_DENUNCIATION;
	bool kind_ok = kind_of(req_param(r, "loai"), &kind), no_rule = false;
	char today[11];
	enum app_err e;

	date_today(today);
	if (!kind_ok) {
		e = APP_EINVAL;
		why = "Hãy chọn loại đơn: khiếu nại hoặc tố cáo.";
	} else if (strcmp(action, "them") == 0) {
		struct complaint_new n = { .kind = kind,
					   .unit_code = req_param(r, "don_vi"),
					   .received = req_param(r, "ngay_nhan"),
					   .summary = req_param(r, "tom_tat"),
					   .handler = req_param(r, "nguoi_giai_quyet"),
					   .without_rule = req_param(r, "chua_co_thoi_han") != NULL };
		int64_t id = 0;

		e = complaint_add(r->app->store, &r->acct, &n, &id, &why);
		if (e == APP_OK) {
			web_cache_invalidate();
			fu_redirect_ok(r, p, arena_printf(r->arena, "/khieu-nai-to-cao/%lld", (long long)id), "don");
			return;
		}
		if (e == APP_EINVAL && n.received) {
			/* say plainly when it is the missing rule, and for which kind and date */
			struct complaint_rule_list rules;
			char recv[11];

			no_rule = date_parse(n.received, recv) &&
				  followup_complaint_rules(r->app->store, r->arena, &rules) == APP_OK &&
				  !followup_rule_in_force(&rules, kind, recv);
			if (no_rule)
				why = arena_printf(r->arena,
						   "Chưa có quy định thời hạn giải quyết đơn %s áp dụng cho ngày "
						   "nhận %s: hệ thống không tự đặt thời hạn. Ủy ban Kiểm tra "
						   "cần khai báo quy định (căn cứ, số ngày); hoặc vào sổ đơn "
						   "khi chưa có thời hạn (chọn ô bên dưới). Chưa có gì được lưu.",
						   kind_lower(kind), html_date_vn(r->arena, recv));
		}
	} else {
		int64_t days = 0;
		const char *sd = req_param(r, "so_ngay");

		if (!sd || !parse_int64(sd, &days) || days < 1 || days > 3650) {
			e = APP_EINVAL;
			why = "Thời hạn giải quyết phải là số ngày từ 1 đến 3.650.";
		} else {
			e = complaint_rule_set(r->app->store, &r->acct, kind, (int)days, req_param(r, "can_cu"),
					       req_param(r, "tu_ngay"), &why);
		}
		if (e == APP_OK) {
			fu_redirect_ok(r, p, "/khieu-nai-to-cao", "thoi-han");
			return;
		}
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền thực hiện thao tác này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_EEXIST && e != APP_ECONFLICT) {
		web_fail(r, p, e, "complaints-post");
		return;
	}
	p->log_note = "refused";
	render_complaints(r, p, today, why ? why : web_err_message(e), action, no_rule, fu_err_status(e));
}

/* ---- one complaint ---- */

static bool load_complaint(struct req *r, struct resp *p, const char *id_text, const char *asof, struct complaint *c)
{
	int64_t id = fu_id(id_text);
	enum app_err e = id ? followup_complaint_get(r->app->store, r->arena, &r->acct, id, asof, c) : APP_ENOTFOUND;

	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có đơn này trong sổ.");
		return false;
	}
	if (e == APP_EDENIED) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem đơn này: đơn vị liên quan nằm ngoài phạm vi tài khoản "
			      "của bạn.");
		return false;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "complaint");
		return false;
	}
	return true;
}

static void render_complaint(struct req *r, struct resp *p, const struct complaint *c, const char *asof,
			     const char *error, int status)
{
	struct sbuf *b = &p->body;
	struct page_ctx pc;
	const char *title = arena_printf(r->arena, "Đơn %s số %lld", kind_lower(c->kind), (long long)c->id);
	bool keep = error != NULL;
	const char *st = fu_val(r, keep, "trang_thai", "");

	sbuf_reset(b);
	pc = (struct page_ctx){ .title = title, .acct = &r->acct, .csrf = r->csrf, .nav = "kiem-tra" };
	page_begin(b, &pc);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Sổ đơn\"><ol><li><a href=\"/khieu-nai-to-cao\">Sổ theo dõi đơn khiếu "
	     "nại, tố cáo</a></li><li aria-current=\"page\">%h</li></ol></nav><h1>%h</h1>",
	     title, title);
	fu_flash(r, b, error);
	HTML(b,
	     "<dl class=\"facts\"><dt>Loại đơn</dt><dd>%h</dd><dt>Đơn vị liên quan</dt><dd>%h</dd><dt>Ngày nhận</dt>"
	     "<dd>%h</dd><dt>Tóm tắt</dt><dd>%h</dd><dt>Người giải quyết</dt><dd>%h</dd><dt>Hạn giải quyết</dt>"
	     "<dd>%h <span class=\"muted\">(%h%h)</span></dd><dt>Tình trạng ngày %h</dt><dd>",
	     complaint_kind_vi(c->kind), c->unit_name, html_date_vn(r->arena, c->received), c->summary, c->handler,
	     complaint_due_vi(r->arena, c),
	     c->rule_source ? "căn cứ: "
			    : "chưa có quy định thời hạn giải quyết cho loại đơn này vào ngày nhận; khi "
			      "quy định được khai báo, hạn giải quyết được tính lại",
	     c->rule_source, html_date_vn(r->arena, asof));
	write_state(r, b, c);
	HTML_LIT(b, "</dd>");
	if (c->closed_on)
		HTML(b, "<dt>Ngày kết thúc</dt><dd>%h</dd><dt>Kết quả</dt><dd>%h</dd>",
		     html_date_vn(r->arena, c->closed_on), c->outcome ? c->outcome : "—");
	HTML_LIT(b, "</dl>");
	if (c->state == CS_OPEN && fu_can_write(r, c->unit_id) && r->acct.role != ROLE_VIEWER) {
		HTML(b,
		     "<section class=\"actions\"><h2>Kết thúc giải quyết</h2><form class=\"form\" method=\"post\" "
		     "action=\"/khieu-nai-to-cao/%d/ket-thuc\">",
		     c->id);
		page_csrf_field(b, r->csrf);
		HTML_LIT(b, "<label for=\"k-tt\">Kết quả</label><select id=\"k-tt\" name=\"trang_thai\">");
		for (int k = CS_RESOLVED; k < CS_COUNT; k++)
			HTML(b, "<option value=\"%h\"%H>%h</option>", complaint_state_code((enum complaint_state)k),
			     strcmp(st, complaint_state_code((enum complaint_state)k)) == 0 ? HTML_SAFE_LIT(" selected")
											    : HTML_SAFE_LIT(""),
			     complaint_state_vi((enum complaint_state)k));
		HTML(b,
		     "</select><label for=\"k-ngay\">Ngày kết thúc (dd/mm/yyyy)</label><input id=\"k-ngay\" name=\"ngay\" "
		     "value=\"%h\" required><label for=\"k-kq\">Nội dung kết quả</label><textarea id=\"k-kq\" "
		     "name=\"ket_qua\" rows=\"3\">%h</textarea><button type=\"submit\">Ghi kết quả</button></form></section>",
		     fu_val(r, keep, "ngay", fu_today_vn(r->arena)), fu_val(r, keep, "ket_qua", ""));
	}
	page_end(b);
	p->status = status;
	p->content_type = "text/html; charset=utf-8";
}

void page_complaint(struct req *r, struct resp *p, const char *id_text)
{
	struct complaint c;
	char d[11];

	if (!fu_asof(r, p, d) || !load_complaint(r, p, id_text, d, &c))
		return;
	render_complaint(r, p, &c, d, NULL, 200);
}

void page_complaint_post(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct complaint c;
	const char *why = NULL, *st;
	enum complaint_state state = CS_OPEN;
	char d[11];
	enum app_err e;

	date_today(d);
	if (strcmp(action, "ket-thuc")) {
		web_error(r, p, 404);
		return;
	}
	if (!load_complaint(r, p, id_text, d, &c))
		return;
	st = req_param(r, "trang_thai");
	for (int k = CS_RESOLVED; k < CS_COUNT; k++)
		if (st && strcmp(st, complaint_state_code((enum complaint_state)k)) == 0)
			state = (enum complaint_state)k;
	e = complaint_close(r->app->store, &r->acct, c.id, state, req_param(r, "ngay"), req_param(r, "ket_qua"), &why);
	if (e == APP_OK) {
		web_cache_invalidate();
		fu_redirect_ok(r, p, arena_printf(r->arena, "/khieu-nai-to-cao/%lld", (long long)c.id), "ket-thuc");
		return;
	}
	if (e == APP_EDENIED) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, why ? why : "Bạn không có quyền thực hiện thao tác này.");
		return;
	}
	if (e != APP_EINVAL && e != APP_ECONFLICT) {
		web_fail(r, p, e, "complaint-post");
		return;
	}
	p->log_note = "refused";
	render_complaint(r, p, &c, d, why ? why : web_err_message(e), fu_err_status(e));
}
