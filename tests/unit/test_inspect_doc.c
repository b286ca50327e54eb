/* The conclusion notice (.docx, party format, laid out by LibreOffice) and the accountability list (.xlsx). */
#include "test.h"

#include <sys/stat.h>
#include <zip.h>

#include "ingest/idoc.h"
#include "render/inspect_doc.h"
#include "util/util.h"

static struct finding F[2] = {
	{ .id = 1,
	  .seq = 1,
	  .source = "inspection",
	  .content = "Chỉ số cải cách hành chính năm 2021 xếp cuối bảng của thành phố",
	  .cause_kind = "subjective",
	  .cause = "Người đứng đầu chưa quyết liệt",
	  .addressee_kind = "unit",
	  .addressee = "Huyện ủy Thường Tín",
	  .remedy = "Kế hoạch nâng chỉ số <CCHC> & báo cáo quý",
	  .deadline = "2022-12-31" },
	{ .id = 2,
	  .seq = 2,
	  .source = "inspection",
	  .content = "Bộ phận một cửa chưa kiện toàn",
	  .cause_kind = "objective",
	  .cause = "Thiếu biên chế",
	  .addressee_kind = "person",
	  .addressee = "Đồng chí Chủ tịch UBND huyện",
	  .remedy = "Kiện toàn bộ phận",
	  .deadline = "2022-09-30" },
};

static void sample(struct inspection *in, struct conclusion *c)
{
	memset(in, 0, sizeof(*in));
	memset(c, 0, sizeof(*c));
	in->kind = IK_INSPECTION_THEMATIC;
	in->title = "Đoàn kiểm tra số 2 tại Huyện ủy Thường Tín";
	in->unit_name = "Huyện ủy Thường Tín";
	in->decision_no = "125-QĐ/UBKTTU";
	in->subjects = "Công tác cải cách hành chính";
	in->date_from = "2022-05-05";
	in->date_to = "2022-06-30";
	c->version = 2;
	c->number = "15-TB/UBKTTU";
	c->conc_date = "2022-07-15";
	c->commendations = "Công tác dân vận có nhiều chuyển biến.";
	c->criticisms = "Cải cách hành chính chậm.";
	c->correction_reason = "Sửa thời hạn";
	c->findings.v = F;
	c->findings.n = 2;
}

TEST(inspect_notice_reads_back)
{
	struct inspection in;
	struct conclusion c;
	struct idoc id;
	const char *why;
	char *data;
	size_t len;
	bool header = false, title = false, table = false, correction = false;

	sample(&in, &c);
	CHECK_INT(inspect_docx_notice_bytes(&in, &c, NULL, &data, &len), APP_OK);
	CHECK_INT(idoc_read_mem(data, len, &id, &why), APP_OK);
	free(data);
	for (size_t i = 0; i < id.n; i++) {
		const struct idoc_block *b = &id.v[i];
		if (b->kind == IDOC_TABLE && b->ncols == 2 && strstr(b->cells[1], "ĐẢNG CỘNG SẢN VIỆT NAM")) {
			header = true;
			CHECK_CONTAINS(b->cells[0], "ỦY BAN KIỂM TRA THÀNH ỦY");
			CHECK_CONTAINS(b->cells[0], "Số 15-TB/UBKTTU");
			CHECK_CONTAINS(b->cells[1], "Hà Nội, ngày 15 tháng 07 năm 2022");
		}
		if (b->kind == IDOC_PARA && !strcmp(b->text, "THÔNG BÁO"))
			title = true;
		if (b->kind == IDOC_PARA && strstr(b->text, "đính chính (lần 1)"))
			correction = true;
		if (b->kind == IDOC_PARA && strstr(b->text, "đoàn đã tiến hành"))
			CHECK_CONTAINS(b->text, "tiến hành kiểm tra chuyên đề đối với Huyện ủy Thường Tín");
		if (b->kind == IDOC_TABLE && b->ncols == 6) {
			table = true;
			CHECK_STR(b->cells[6 + 1], F[0].content);
			CHECK_STR(b->cells[6 + 2], "Chủ quan: Người đứng đầu chưa quyết liệt");
			CHECK_STR(b->cells[6 + 4], "Kế hoạch nâng chỉ số <CCHC> & báo cáo quý");
			CHECK_STR(b->cells[6 + 5], "31/12/2022");
			CHECK_STR(b->cells[12 + 3], "Đồng chí Chủ tịch UBND huyện");
		}
	}
	CHECK(header && title && table && correction);
	idoc_release(&id);
}

TEST(inspect_notice_layout_in_libreoffice)
{
	struct inspection in;
	struct conclusion c;
	char docx[4400], *text;
	struct inspect_notice_opts o = { .signer = "Nguyễn Văn A" };

	sample(&in, &c);
	snprintf(docx, sizeof(docx), "%s/thong-bao.docx", test_tmpdir());
	CHECK_INT(inspect_docx_notice(&in, &c, &o, docx), APP_OK);
	if (!(text = test_docx_pdf_text(docx)))
		return;
	CHECK(test_first_line_has(text, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG CỘNG SẢN VIỆT NAM"));
	CHECK_CONTAINS(text, "Số 15-TB/UBKTTU");
	CHECK_CONTAINS(text, "Hà Nội, ngày 15 tháng 07 năm 2022");
	CHECK_CONTAINS(text, "THÔNG BÁO");
	CHECK_CONTAINS(text, "Yêu cầu khắc phục");
	CHECK_CONTAINS(text, "31/12/2022");
	CHECK_CONTAINS(text, "T/M ỦY BAN KIỂM TRA");
	CHECK_CONTAINS(text, "Nguyễn Văn A");
	free(text);
}

TEST(inspect_accountability_xlsx)
{
	struct finding v[2] = { F[0], F[1] };
	struct overdue_group g[2] = {
		{ .addressee = "Huyện ủy Thường Tín", .first = 0, .n = 1, .max_days = 2 },
		{ .addressee = "Đồng chí Chủ tịch UBND huyện", .first = 1, .n = 1, .max_days = 94 }
	};
	struct accountability acc = { .list = { .v = v, .n = 2 }, .groups = g, .ngroups = 2 };
	char path[4400];
	int err = 0;

	v[0].days_overdue = 2;
	v[1].days_overdue = 94;
	snprintf(path, sizeof(path), "%s/trach-nhiem.xlsx", test_tmpdir());
	CHECK_INT(inspect_xlsx_accountability(&acc, "Thành ủy Hà Nội", "2023-01-02", path), APP_OK);
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	CHECK(z != NULL);
	if (!z)
		return;
	zip_file_t *f = zip_fopen(z, "xl/sharedStrings.xml", 0);
	CHECK(f != NULL);
	if (f) {
		char buf[65536];
		zip_int64_t n = zip_fread(f, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		CHECK_CONTAINS(buf, "Huyện ủy Thường Tín");
		CHECK_CONTAINS(buf, "Số ngày quá hạn");
		CHECK_CONTAINS(buf, "đến ngày 02/01/2023");
		CHECK_CONTAINS(buf, "&lt;CCHC&gt; &amp;");
		zip_fclose(f);
	}
	zip_close(z);
}

TEST(inspect_programme_reads_back)
{
	struct inspection v[2];
	struct conclusion c;
	struct inspection_list l = { .v = v, .n = 2 };
	struct idoc id;
	const char *why;
	char *data;
	size_t len;
	bool title = false, table = false;

	sample(&v[0], &c);
	v[1] = v[0];
	v[1].kind = IK_SUPERVISION_THEMATIC;
	v[1].title = "Giám sát chuyên đề tại Huyện ủy Đan Phượng";
	v[1].unit_name = "Huyện ủy Đan Phượng";
	v[1].subjects = NULL;
	v[1].date_from = "2022-08-01";
	v[1].date_to = "2022-08-15";
	CHECK_INT(inspect_docx_programme(&l, 2022, "03-CTr/UBKTTU", "2022-01-10", NULL, &data, &len), APP_OK);
	CHECK_INT(idoc_read_mem(data, len, &id, &why), APP_OK);
	free(data);
	for (size_t i = 0; i < id.n; i++) {
		const struct idoc_block *b = &id.v[i];
		if (b->kind == IDOC_PARA && !strcmp(b->text, "CHƯƠNG TRÌNH"))
			title = true;
		if (b->kind == IDOC_TABLE && b->ncols == 5) {
			table = true;
			CHECK_INT(b->nrows, 3);
			CHECK_STR(b->cells[5 + 1],
				  "Đoàn kiểm tra số 2 tại Huyện ủy Thường Tín: Công tác cải cách hành chính");
			CHECK_STR(b->cells[5 + 2], "Kiểm tra chuyên đề");
			CHECK_STR(b->cells[5 + 4], "05/05/2022 - 30/06/2022");
			CHECK_STR(b->cells[10 + 3], "Huyện ủy Đan Phượng");
		}
	}
	CHECK(title && table);
	idoc_release(&id);
}

TEST(inspect_programme_layout_in_libreoffice)
{
	struct inspection v[1];
	struct conclusion c;
	struct inspection_list l = { .v = v, .n = 1 };
	char docx[4400], *data, *text;
	size_t len;

	sample(&v[0], &c);
	CHECK_INT(inspect_docx_programme(&l, 2022, "03-CTr/UBKTTU", "2022-01-10", NULL, &data, &len), APP_OK);
	snprintf(docx, sizeof(docx), "%s/chuong-trinh.docx", test_tmpdir());
	CHECK_INT(file_write_atomic(docx, data, len), APP_OK);
	free(data);
	if (!(text = test_docx_pdf_text(docx)))
		return;
	CHECK(test_first_line_has(text, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG CỘNG SẢN VIỆT NAM"));
	CHECK_CONTAINS(text, "Số 03-CTr/UBKTTU");
	CHECK_CONTAINS(text, "ngày 10 tháng 01 năm 2022");
	CHECK_CONTAINS(text, "CHƯƠNG TRÌNH");
	CHECK_CONTAINS(text, "STT");
	CHECK_CONTAINS(text, "05/05/2022");
	CHECK_CONTAINS(text, "30/06/2022");
	/* columns sized by their content: STT narrow, the content wide (equal columns wrapped it after "tra") */
	CHECK_CONTAINS(text, "Đoàn kiểm tra số 2 tại");
	free(text);
}
