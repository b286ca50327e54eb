/* The coverage report and the progress table as party documents (cascade_docx.h). */
#include "render/cascade_docx.h"

#include <math.h>
#include <utf8proc.h>

#include "render/docx.h"
#include "util/util.h"

/* Upper case of NFC UTF-8 text (utf8proc) for the issuer line; malloc'd. */
static char *upper(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s), k;
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	struct sbuf b;

	sbuf_init(&b, 0);
	sbuf_addstr(&b, "");
	while (n > 0 && (k = utf8proc_iterate(p, n, &cp)) > 0) {
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		sbuf_add(&b, enc, (size_t)m);
		p += k;
		n -= k;
	}
	return sbuf_detach(&b, NULL);
}

/* "1.234,5" into a (at most 2 decimals, as many as needed). */
static const char *num(struct arena *a, double v)
{
	char buf[64];
	int dec = 0;

	if (fabs(v - round(v)) > 1e-9)
		dec = fabs(v * 10 - round(v * 10)) < 1e-6 ? 1 : 2;
	num_format_vn(v, dec, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

static void header(struct docx *d, const struct cascade_docx_opts *o, const char *summary)
{
	char *issuer = upper(o->issuer ? o->issuer : "Thành ủy Hà Nội");
	struct docx_party_header h = { .superior = o->superior ? o->superior : "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
				       .issuer = issuer,
				       .date_iso = o->date_iso,
				       .kind_title = "BÁO CÁO",
				       .summary = summary };

	docx_party_header(d, &h);
	free(issuer);
}

static enum app_err finish(struct docx *d, const struct cascade_docx_opts *o, char **out, size_t *len)
{
	static const char *const REC[] = { "Như trên,", "Lưu Văn phòng." };
	enum app_err e;

	docx_signature(d, REC, ARRAY_SIZE(REC), o->capacity ? o->capacity : "T/M BAN THƯỜNG VỤ",
		       o->title ? o->title : "", o->signer);
	e = docx_bytes(d, out, len);
	docx_free(d);
	return e;
}

enum app_err cascade_docx_coverage(const struct coverage_list *l, const struct cascade_docx_opts *o, char **out,
				   size_t *len)
{
	static const char *const H[] = {
		"STT", "Đơn vị", "Kế hoạch", "Chỉ tiêu đã nhận", "Chưa lượng hóa", "Thấp hơn cấp trên"
	};
	const size_t nc = ARRAY_SIZE(H);
	struct docx *d = docx_new();
	struct arena a;
	const char **cells = xcalloc((l->n + 1) * nc, sizeof(*cells));
	size_t full = 0, noplan = 0;
	char *summary, *line;

	arena_init(&a);
	summary = xasprintf("mức độ cụ thể hóa chỉ tiêu của %s%s%s",
			    o->directive_number ? o->directive_number : "chương trình", o->directive_title ? " " : "",
			    o->directive_title ? o->directive_title : "");
	header(d, o, summary);
	for (size_t i = 0; i < l->n; i++) {
		if (!l->v[i].has_plan)
			noplan++;
		else if (l->v[i].adopted == l->v[i].applicable && !l->v[i].unmeasurable && !l->v[i].weaker)
			full++;
	}
	line = xasprintf("Có %zu đơn vị được áp dụng chỉ tiêu; %zu đơn vị đã nhận đủ chỉ tiêu với mục tiêu không "
			 "thấp hơn cấp trên; %zu đơn vị chưa có kế hoạch. Danh sách xếp từ đơn vị có mức độ thấp nhất.",
			 l->n, full, noplan);
	docx_para(d, line, DOCX_JUSTIFY | DOCX_INDENT, 0);
	free(line);
	for (size_t c = 0; c < nc; c++)
		cells[c] = H[c];
	for (size_t i = 0; i < l->n; i++) {
		const struct coverage *c = &l->v[i];
		const char **row = cells + (i + 1) * nc;
		char ratio[32];

		coverage_ratio(c, ratio, sizeof(ratio));
		row[0] = arena_printf(&a, "%zu", i + 1);
		row[1] = c->unit_name ? c->unit_name : "";
		row[2] = c->has_plan ? "Có" : "Chưa có";
		row[3] = arena_strdup(&a, ratio);
		row[4] = arena_printf(&a, "%d", c->unmeasurable);
		row[5] = arena_printf(&a, "%d", c->weaker);
	}
	docx_table(d, cells, (int)l->n + 1, (int)nc, true);
	free(cells);
	free(summary);
	arena_release(&a);
	return finish(d, o, out, len);
}

enum app_err cascade_docx_progress(const struct indicator_list *inds, const struct rollup_children *kids,
				   const struct rollup *total, const char *unit_name, const char *period,
				   const struct task_status_counts *ts, const char *asof_iso,
				   const struct cascade_docx_opts *o, char **out, size_t *len)
{
	static const char *const H[] = { "Mã",       "Chỉ tiêu", "Đơn vị tính",
					 "Mục tiêu", "Kết quả",  "Số đơn vị báo cáo / đạt" };
	const size_t nc = ARRAY_SIZE(H);
	struct docx *d = docx_new();
	struct arena a;
	const char **cells = xcalloc((inds->n + 1) * nc, sizeof(*cells));
	char *summary, *line;
	bool sec2 = false;

	arena_init(&a);
	summary = xasprintf("tiến độ thực hiện chỉ tiêu %s%s%s, kỳ %s", o->directive_number ? "của " : "",
			    o->directive_number ? o->directive_number : "", "", period ? period : "");
	header(d, o, summary);
	line = xasprintf("Số liệu tổng hợp của %s và các đơn vị trực thuộc, kỳ báo cáo %s; mỗi chỉ tiêu được tổng "
			 "hợp theo cách tính của chỉ tiêu (tổng, trung bình, tỷ lệ ...).",
			 unit_name ? unit_name : "đơn vị", period ? period : "");
	docx_para(d, line, DOCX_JUSTIFY | DOCX_INDENT, 0);
	free(line);
	docx_para(d, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
	for (size_t c = 0; c < nc; c++)
		cells[c] = H[c];
	for (size_t i = 0; i < inds->n; i++) {
		const struct indicator *x = &inds->v[i];
		const char **row = cells + (i + 1) * nc;

		row[0] = x->code;
		row[1] = x->name;
		row[2] = x->measure;
		row[3] = x->has_target ? num(&a, x->target) : "Theo dõi";
		row[4] = total[i].has_value
				 ? (x->agg == AGG_ALL_MET ? (total[i].value >= 1 ? "Tất cả đạt" : "Chưa đạt hết")
							  : num(&a, total[i].value))
				 : "Chưa có số liệu";
		row[5] = arena_printf(&a, "%lld / %lld", (long long)total[i].reporting, (long long)total[i].met);
	}
	docx_table(d, cells, (int)inds->n + 1, (int)nc, true);
	free(cells);
	if (kids && inds->n && kids[0].n) {
		sec2 = true;
		docx_para(d, "II. KẾT QUẢ CỦA CÁC ĐƠN VỊ TRỰC THUỘC", DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		for (size_t i = 0; i < inds->n; i++) {
			const char **c2 = xcalloc((kids[i].n + 1) * 2, sizeof(*c2));
			char *t = xasprintf("%s. %s (%s)", inds->v[i].code, inds->v[i].name, inds->v[i].measure);

			docx_para(d, t, DOCX_BOLD, 13);
			free(t);
			c2[0] = "Đơn vị";
			c2[1] = "Kết quả";
			for (size_t k = 0; k < kids[i].n; k++) {
				const struct rollup *r = &kids[i].v[k].r;
				c2[(k + 1) * 2] = kids[i].v[k].unit_name;
				c2[(k + 1) * 2 + 1] = r->has_value ? num(&a, r->value) : "Chưa có số liệu";
			}
			docx_table(d, c2, (int)kids[i].n + 1, 2, true);
			free(c2);
		}
	}
	if (ts) {
		static const char *const TH[] = { "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
						  "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành", "Tổng số" };
		const char *tc[10];
		char vn[11] = "";

		if (asof_iso)
			date_iso_to_vn(asof_iso, vn);
		line = xasprintf("%s. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ (TÍNH ĐẾN NGÀY %s)", sec2 ? "III" : "II", vn);
		docx_para(d, line, DOCX_BOLD | DOCX_UPPER_SPACE, 0);
		free(line);
		for (int i = 0; i < 5; i++) {
			tc[i] = TH[i];
			tc[5 + i] = num(&a, (double)(i < TS_COUNT ? ts->n[i] : ts->total));
		}
		docx_table(d, tc, 2, 5, true);
	}
	free(summary);
	arena_release(&a);
	return finish(d, o, out, len);
}
