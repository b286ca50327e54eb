/* .xlsx export of plans and coverage (cascade_xlsx.h). */
#include "render/cascade_xlsx.h"

#include <utf8proc.h>
#include <xlsxwriter.h>

#include "render/docx.h"
#include "util/util.h"

static void vn_date(const char *iso, char out[11])
{
	if (!iso || !date_iso_to_vn(iso, out))
		out[0] = '\0';
}

enum app_err cascade_xlsx_plan(const struct plan *p, const char *path)
{
	static const char *const H[] = {
		"STT",         "Nội dung nhiệm vụ", "Đầu mối chủ trì", "Đơn vị phối hợp", "Quy trình, cách thức",
		"Trách nhiệm", "Kết quả, sản phẩm", "Thời hạn",        "Ngày hoàn thành", "Chỉ tiêu",
		"Còn thiếu"
	};
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *wrap;
	char d[11], title[600];

	if (!wb)
		return APP_EIO;
	ws = workbook_add_worksheet(wb, "Kế hoạch");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_text_wrap(bold);
	format_set_border(bold, LXW_BORDER_THIN);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_border(wrap, LXW_BORDER_THIN);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	vn_date(p->plan_date, d);
	snprintf(title, sizeof(title), "%s (%s, ngày %s)", p->title, p->unit_name ? p->unit_name : "", d);
	worksheet_write_string(ws, 0, 0, title, NULL);
	snprintf(title, sizeof(title), "Thực hiện %s; trạng thái: %s", p->directive_number ? p->directive_number : "",
		 plan_state_vi(p->state));
	worksheet_write_string(ws, 1, 0, title, NULL);
	for (int c = 0; c < (int)ARRAY_SIZE(H); c++)
		worksheet_write_string(ws, 3, (lxw_col_t)c, H[c], bold);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, 6, 22, NULL);
	worksheet_set_column(ws, 7, 9, 13, NULL);
	worksheet_set_column(ws, 10, 10, 30, NULL);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct plan_task_row *t = &p->tasks[i];
		const char *cells[] = { t->number,  t->content,        t->lead,  t->cooperate,
					t->process, t->responsibility, t->result };
		lxw_row_t r = (lxw_row_t)(4 + i);
		char miss[300] = "";
		size_t ml = 0;

		for (int c = 0; c < 7; c++)
			worksheet_write_string(ws, r, (lxw_col_t)c, cells[c] ? cells[c] : "", wrap);
		vn_date(t->deadline, d);
		worksheet_write_string(ws, r, 7, d, wrap);
		vn_date(t->done_date, d);
		worksheet_write_string(ws, r, 8, d, wrap);
		worksheet_write_string(ws, r, 9, t->indicator_code ? t->indicator_code : "", wrap);
		for (int e = 0; e < PE_COUNT; e++)
			if (t->missing & (1u << e)) {
				int k = snprintf(miss + ml, sizeof(miss) - ml, "%s%s", ml ? "; " : "",
						 plan_elem_vi((enum plan_elem)e));
				if (k > 0 && (size_t)k < sizeof(miss) - ml)
					ml += (size_t)k;
			}
		worksheet_write_string(ws, r, 10, miss, wrap);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? APP_OK : APP_EIO;
}

enum app_err cascade_xlsx_coverage(const struct coverage_list *l, const char *directive_number,
				   const char *directive_title, const char *path)
{
	static const char *const H[] = {
		"STT",       "Mã đơn vị",      "Đơn vị",           "Có kế hoạch", "Đã nhận / áp dụng",
		"Tỷ lệ (%)", "Chưa lượng hóa", "Thấp hơn cấp trên"
	};
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *pct;
	char title[600], ratio[32];

	if (!wb)
		return APP_EIO;
	ws = workbook_add_worksheet(wb, "Độ bao phủ chỉ tiêu");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_border(bold, LXW_BORDER_THIN);
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0");
	snprintf(title, sizeof(title), "Độ bao phủ chỉ tiêu của %s: %s", directive_number ? directive_number : "",
		 directive_title ? directive_title : "");
	worksheet_write_string(ws, 0, 0, title, NULL);
	for (int c = 0; c < (int)ARRAY_SIZE(H); c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, H[c], bold);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 3, 7, 16, NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct coverage *c = &l->v[i];
		lxw_row_t r = (lxw_row_t)(3 + i);

		worksheet_write_number(ws, r, 0, (double)(i + 1), NULL);
		worksheet_write_string(ws, r, 1, c->unit_code, NULL);
		worksheet_write_string(ws, r, 2, c->unit_name, NULL);
		worksheet_write_string(ws, r, 3, c->has_plan ? "Có" : "Chưa", NULL);
		coverage_ratio(c, ratio, sizeof(ratio));
		worksheet_write_string(ws, r, 4, ratio, NULL);
		worksheet_write_number(ws, r, 5, c->applicable ? 100.0 * c->adopted / c->applicable : 0, pct);
		worksheet_write_number(ws, r, 6, c->unmeasurable, NULL);
		worksheet_write_number(ws, r, 7, c->weaker, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? APP_OK : APP_EIO;
}

/* Upper case of NFC UTF-8 text (utf8proc), for the issuer line of the header. malloc'd. */
static char *upper_vn(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s), k;
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	struct sbuf b;

	sbuf_init(&b, 0);
	while (n > 0 && (k = utf8proc_iterate(p, n, &cp)) > 0) {
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		sbuf_add(&b, enc, (size_t)m);
		p += k;
		n -= k;
	}
	return sbuf_detach(&b, NULL);
}

enum app_err cascade_docx_plan(const struct plan *p, const char *superior, const char *path)
{
	static const char *const H[] = { "STT",      "Nội dung nhiệm vụ", "Đầu mối chủ trì", "Đơn vị phối hợp",
					 "Thời hạn", "Kết quả, sản phẩm" };
	const size_t nc = ARRAY_SIZE(H);
	struct docx *d = docx_new();
	char *issuer = upper_vn(p->unit_name ? p->unit_name : "");
	const char **cells = xcalloc((p->ntasks + 1) * nc, sizeof(*cells));
	char(*dates)[11] = xcalloc(p->ntasks ? p->ntasks : 1, sizeof(*dates));
	struct docx_party_header h = { .superior = superior ? superior : "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
				       .issuer = issuer,
				       .number = p->number,
				       .date_iso = p->plan_date,
				       .kind_title = "KẾ HOẠCH",
				       .summary = p->title };
	struct sbuf note;
	enum app_err e;

	docx_party_header(d, &h);
	if (p->directive_number) {
		char *line = xasprintf("Thực hiện %s%s%s.", p->directive_number, p->directive_title ? ": " : "",
				       p->directive_title ? p->directive_title : "");
		docx_para(d, line, DOCX_JUSTIFY | DOCX_INDENT, 0);
		free(line);
	}
	docx_para(d, "NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
	for (size_t c = 0; c < nc; c++)
		cells[c] = H[c];
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct plan_task_row *t = &p->tasks[i];
		const char **row = cells + (i + 1) * nc;
		vn_date(t->deadline, dates[i]);
		row[0] = t->number ? t->number : "";
		row[1] = t->content ? t->content : "";
		row[2] = t->lead ? t->lead : "";
		row[3] = t->cooperate ? t->cooperate : "";
		row[4] = dates[i];
		row[5] = t->result ? t->result : "";
	}
	docx_table(d, cells, (int)p->ntasks + 1, (int)nc, true);
	sbuf_init(&note, 0);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct plan_task_row *t = &p->tasks[i];
		bool first = true;
		if (!t->missing)
			continue;
		sbuf_addf(&note, "Nhiệm vụ %s còn thiếu: ", t->number ? t->number : "?");
		for (int k = 0; k < PE_COUNT; k++)
			if (t->missing & (1u << k)) {
				sbuf_addf(&note, "%s%s", first ? "" : "; ", plan_elem_vi((enum plan_elem)k));
				first = false;
			}
		sbuf_addstr(&note, ".\n");
	}
	if (note.len) {
		docx_para(d, "Các nhiệm vụ chưa đủ yếu tố \"rõ\"", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		docx_para(d, note.buf, DOCX_JUSTIFY, 13);
	}
	e = docx_save(d, path);
	sbuf_release(&note);
	docx_free(d);
	free(cells);
	free(dates);
	free(issuer);
	return e;
}

enum app_err cascade_xlsx_progress(const struct indicator_list *inds, const struct rollup_children *kids,
				   const struct rollup *total, const char *unit_name, const char *period,
				   const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *num, *boldnum;
	char title[600];
	size_t nrows = inds->n ? kids[0].n : 0;

	if (!wb)
		return APP_EIO;
	ws = workbook_add_worksheet(wb, "Tiến độ chỉ tiêu");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_text_wrap(bold);
	format_set_border(bold, LXW_BORDER_THIN);
	num = workbook_add_format(wb);
	format_set_num_format(num, "#,##0.0#");
	format_set_border(num, LXW_BORDER_THIN);
	boldnum = workbook_add_format(wb);
	format_set_num_format(boldnum, "#,##0.0#");
	format_set_bold(boldnum);
	format_set_border(boldnum, LXW_BORDER_THIN);
	snprintf(title, sizeof(title), "Tiến độ thực hiện chỉ tiêu của %s, kỳ %s", unit_name ? unit_name : "",
		 period ? period : "");
	worksheet_write_string(ws, 0, 0, title, NULL);
	worksheet_write_string(ws, 2, 0, "Đơn vị", bold);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(inds->n ? inds->n : 1), 16, NULL);
	for (size_t i = 0; i < inds->n; i++) {
		const struct indicator *ind = &inds->v[i];
		char h[700], t[64] = "";
		if (ind->has_target)
			num_format_vn(ind->target, ind->target == (double)(long long)ind->target ? 0 : 1, t, sizeof(t));
		snprintf(h, sizeof(h), "%s. %s (%s)%s%s", ind->code, ind->name, ind->measure,
			 ind->has_target ? "; mục tiêu " : "", t);
		worksheet_write_string(ws, 2, (lxw_col_t)(i + 1), h, bold);
	}
	for (size_t r = 0; r < nrows; r++) {
		worksheet_write_string(ws, (lxw_row_t)(3 + r), 0, kids[0].v[r].unit_name, NULL);
		for (size_t i = 0; i < inds->n; i++)
			if (r < kids[i].n && kids[i].v[r].r.has_value)
				worksheet_write_number(ws, (lxw_row_t)(3 + r), (lxw_col_t)(i + 1), kids[i].v[r].r.value,
						       num);
	}
	worksheet_write_string(ws, (lxw_row_t)(3 + nrows), 0, "Toàn đơn vị", bold);
	for (size_t i = 0; i < inds->n; i++)
		if (total[i].has_value)
			worksheet_write_number(ws, (lxw_row_t)(3 + nrows), (lxw_col_t)(i + 1), total[i].value, boldnum);
	return workbook_close(wb) == LXW_NO_ERROR ? APP_OK : APP_EIO;
}
