/* Conclusion notice (.docx) and accountability list (.xlsx): inspect_doc.h. */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "render/docx.h"
#include "render/inspect_doc.h"
#include "util/util.h"

static const char * or (const char *v, const char *dflt)
{
	return v && *v ? v : dflt;
}

static char *vn_date(const char *iso)
{
	char d[11];
	return iso && date_iso_to_vn(iso, d) ? xstrdup(d) : xstrdup("");
}

static struct docx *notice(const struct inspection *in, const struct conclusion *c, const struct inspect_notice_opts *o)
{
	static const struct inspect_notice_opts none = { 0 };
	struct docx *d = docx_new();
	char *summary, *from = vn_date(in->date_from), *to = vn_date(in->date_to), *p;

	if (!o)
		o = &none;
	summary = xasprintf("kết luận %s", in->title);
	struct docx_party_header h = {
		.superior = or (o->superior, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"),
		.issuer = or (o->issuer, "ỦY BAN KIỂM TRA THÀNH ỦY"),
		.number = c->number,
		.place = or (o->place, "Hà Nội"),
		.date_iso = c->conc_date,
		.kind_title = "THÔNG BÁO",
		.summary = summary,
	};
	docx_party_header(d, &h);
	/* The kind is capitalised in the table of kinds (all begin with an ASCII letter); lower it mid-sentence. */
	char *kind = xstrdup(insp_kind_vi(in->kind));
	if (kind[0] >= 'A' && kind[0] <= 'Z')
		kind[0] = (char)(kind[0] - 'A' + 'a');
	p = xasprintf("Thực hiện %s%s, từ ngày %s đến ngày %s, đoàn đã tiến hành %s đối với %s. Sau khi nghe báo "
		      "cáo của đoàn, kết luận như sau:",
		      in->decision_no ? "Quyết định số " : "kế hoạch", in->decision_no ? in->decision_no : "", from, to,
		      kind, in->unit_name);
	free(kind);
	docx_para(d, p, DOCX_JUSTIFY | DOCX_INDENT, 0);
	free(p);
	if (in->subjects) {
		p = xasprintf("Nội dung: %s.", in->subjects);
		docx_para(d, p, DOCX_JUSTIFY | DOCX_INDENT, 0);
		free(p);
	}
	if (c->commendations) {
		docx_para(d, "1. Ưu điểm", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		docx_para(d, c->commendations, DOCX_JUSTIFY | DOCX_INDENT, 0);
	}
	if (c->criticisms) {
		docx_para(d, "2. Hạn chế, khuyết điểm", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		docx_para(d, c->criticisms, DOCX_JUSTIFY | DOCX_INDENT, 0);
	}
	if (c->findings.n) {
		size_t n = c->findings.n + 1;
		const char **cells = xmalloc(n * 6 * sizeof(*cells));
		char **own = xmalloc(n * 3 * sizeof(*own));
		static const char *const H[6] = { "STT",
						  "Khuyết điểm, hạn chế",
						  "Nguyên nhân",
						  "Địa chỉ chịu trách nhiệm",
						  "Biện pháp khắc phục",
						  "Thời hạn" };
		memcpy(cells, H, sizeof(H));
		for (size_t i = 0; i < c->findings.n; i++) {
			const struct finding *f = &c->findings.v[i];
			own[i * 3] = xasprintf("%d", f->seq);
			own[i * 3 + 1] = xasprintf("%s: %s",
						   f->cause_kind && !strcmp(f->cause_kind, "objective") ? "Khách quan"
													: "Chủ quan",
						   f->cause ? f->cause : "");
			own[i * 3 + 2] = vn_date(f->deadline);
			const char **row = cells + (i + 1) * 6;
			row[0] = own[i * 3];
			row[1] = f->content;
			row[2] = own[i * 3 + 1];
			row[3] = f->addressee ? f->addressee : "";
			row[4] = f->remedy ? f->remedy : "";
			row[5] = own[i * 3 + 2];
		}
		docx_para(d, "3. Yêu cầu khắc phục", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		docx_table(d, cells, (int)n, 6, true);
		for (size_t i = 0; i < c->findings.n * 3; i++)
			free(own[i]);
		free(own);
		free(cells);
	}
	if (c->version > 1) {
		p = xasprintf("Thông báo này đính chính (lần %d) thông báo kết luận trước; lý do: %s.", c->version - 1,
			      c->correction_reason ? c->correction_reason : "");
		docx_para(d, p, DOCX_ITALIC | DOCX_JUSTIFY | DOCX_UPPER_SPACE, 0);
		free(p);
	}
	{
		const char *rec[] = { in->unit_name, "Thường trực Thành ủy (để b/c)", "Lưu" };
		docx_signature(d, rec, 3, or (o->capacity, "T/M ỦY BAN KIỂM TRA"), or (o->title, "CHỦ NHIỆM"),
			       or (o->signer, ""));
	}
	free(summary);
	free(from);
	free(to);
	return d;
}

enum app_err inspect_docx_notice(const struct inspection *in, const struct conclusion *c,
				 const struct inspect_notice_opts *o, const char *path)
{
	struct docx *d = notice(in, c, o);
	enum app_err e = docx_save(d, path);
	docx_free(d);
	return e;
}

enum app_err inspect_docx_notice_bytes(const struct inspection *in, const struct conclusion *c,
				       const struct inspect_notice_opts *o, char **out, size_t *len)
{
	struct docx *d = notice(in, c, o);
	enum app_err e = docx_bytes(d, out, len);
	docx_free(d);
	return e;
}

enum app_err inspect_docx_programme(const struct inspection_list *l, int year, const char *number, const char *date_iso,
				    const struct inspect_notice_opts *o, char **out, size_t *len)
{
	static const struct inspect_notice_opts none = { 0 };
	static const char *const H[5] = { "STT", "Nội dung", "Loại hình", "Đơn vị được kiểm tra, giám sát",
					  "Thời gian" };
	struct docx *d = docx_new();
	char *summary = xasprintf("kiểm tra, giám sát năm %d", year);
	size_t n = l->n + 1;
	const char **cells = xmalloc(n * 5 * sizeof(*cells));
	char **own = xmalloc((l->n ? l->n : 1) * 3 * sizeof(*own));
	enum app_err e;

	if (!o)
		o = &none;
	struct docx_party_header h = {
		.superior = or (o->superior, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"),
		.issuer = or (o->issuer, "ỦY BAN KIỂM TRA THÀNH ỦY"),
		.number = number,
		.place = or (o->place, "Hà Nội"),
		.date_iso = date_iso,
		.kind_title = "CHƯƠNG TRÌNH",
		.summary = summary,
	};
	docx_party_header(d, &h);
	memcpy(cells, H, sizeof(H));
	for (size_t i = 0; i < l->n; i++) {
		const struct inspection *in = &l->v[i];
		char *from = vn_date(in->date_from), *to = vn_date(in->date_to);
		own[i * 3] = xasprintf("%zu", i + 1);
		own[i * 3 + 1] = in->subjects ? xasprintf("%s: %s", in->title, in->subjects) : xstrdup(in->title);
		own[i * 3 + 2] = xasprintf("%s - %s", from, to);
		free(from);
		free(to);
		const char **row = cells + (i + 1) * 5;
		row[0] = own[i * 3];
		row[1] = own[i * 3 + 1];
		row[2] = insp_kind_vi(in->kind);
		row[3] = in->unit_name ? in->unit_name : "";
		row[4] = own[i * 3 + 2];
	}
	docx_table(d, cells, (int)n, 5, true);
	{
		const char *rec[] = { "Thường trực Thành ủy (để b/c)", "Các đơn vị có tên trong chương trình", "Lưu" };
		docx_signature(d, rec, 3, or (o->capacity, "T/M ỦY BAN KIỂM TRA"), or (o->title, "CHỦ NHIỆM"),
			       or (o->signer, ""));
	}
	e = docx_bytes(d, out, len);
	for (size_t i = 0; i < l->n * 3; i++)
		free(own[i]);
	free(own);
	free(cells);
	free(summary);
	docx_free(d);
	return e;
}

enum app_err inspect_xlsx_accountability(const struct accountability *acc, const char *scope_name, const char *asof_iso,
					 const char *path)
{
	static const char *const H[] = {
		"Địa chỉ chịu trách nhiệm", "STT",  "Khuyết điểm", "Biện pháp khắc phục", "Thời hạn",
		"Số ngày quá hạn",          "Nguồn"
	};
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold, *wrap, *num;
	char asof[11] = "", *title;
	lxw_row_t r = 3;

	if (!wb)
		return APP_EIO;
	ws = workbook_add_worksheet(wb, "Trách nhiệm");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_text_wrap(bold);
	format_set_border(bold, LXW_BORDER_THIN);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_border(wrap, LXW_BORDER_THIN);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_VERTICAL_TOP);
	if (asof_iso)
		date_iso_to_vn(asof_iso, asof);
	title = xasprintf("Danh sách khuyết điểm quá hạn khắc phục — %s — đến ngày %s", scope_name ? scope_name : "",
			  asof);
	worksheet_write_string(ws, 0, 0, title, NULL);
	free(title);
	for (size_t c = 0; c < ARRAY_SIZE(H); c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, H[c], bold);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 6, NULL);
	worksheet_set_column(ws, 2, 3, 45, NULL);
	worksheet_set_column(ws, 4, 6, 14, NULL);
	for (size_t g = 0; g < acc->ngroups; g++) {
		const struct overdue_group *gr = &acc->groups[g];
		for (size_t i = 0; i < gr->n; i++, r++) {
			const struct finding *f = &acc->list.v[gr->first + i];
			char d[11] = "";
			if (f->deadline)
				date_iso_to_vn(f->deadline, d);
			worksheet_write_string(ws, r, 0, gr->addressee, wrap);
			worksheet_write_number(ws, r, 1, (double)(i + 1), num);
			worksheet_write_string(ws, r, 2, f->content ? f->content : "", wrap);
			worksheet_write_string(ws, r, 3, f->remedy ? f->remedy : "", wrap);
			worksheet_write_string(ws, r, 4, d, wrap);
			worksheet_write_number(ws, r, 5, f->days_overdue, num);
			worksheet_write_string(
				ws, r, 6,
				f->source && !strcmp(f->source, "review") ? "Kiểm điểm" : "Kiểm tra, giám sát", wrap);
		}
	}
	return workbook_close(wb) == LXW_NO_ERROR ? APP_OK : APP_EIO;
}
