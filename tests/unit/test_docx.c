/* .docx in the party format: read back by our reader, and laid out by LibreOffice. */
#include "test.h"

#include "ingest/idoc.h"
#include "render/docx.h"
#include "util/util.h"

static struct docx *sample(void)
{
	struct docx *d = docx_new();
	struct docx_party_header h = {
		.superior = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
		.issuer = "ĐẢNG ỦY XÃ THẠCH THẤT",
		.number = "18-KH/ĐU",
		.place = "Thạch Thất",
		.date_iso = "2025-12-10",
		.kind_title = "KẾ HOẠCH",
		.summary = "thực hiện Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND Thành phố",
	};
	const char *cells[] = { "STT",           "Nội dung",  "Chủ trì", "Thời hạn", "1", "Khảo sát 12 trạm <5G> & IoT",
				"Phòng Kinh tế", "31/03/2026" };
	const char *recipients[] = { "Ban Thường vụ Thành ủy (để b/c)", "Lưu VP" };

	docx_party_header(d, &h);
	docx_para(d, "I. MỤC ĐÍCH, YÊU CẦU", DOCX_BOLD, 0);
	docx_para(d, "Xác định rõ phần việc của xã; mỗi nhiệm vụ có một đơn vị chủ trì.\nDòng thứ hai.",
		  DOCX_JUSTIFY | DOCX_INDENT, 0);
	docx_table(d, cells, 2, 4, true);
	docx_signature(d, recipients, 2, "T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn A");
	return d;
}

TEST(docx_party_format_reads_back)
{
	struct docx *d = sample();
	struct idoc id;
	char *data;
	size_t len;
	const char *why;
	bool saw_title = false, saw_header = false, saw_table = false;

	CHECK_INT(docx_bytes(d, &data, &len), APP_OK);
	docx_free(d);
	CHECK(len > 1000);
	CHECK_INT(idoc_read_mem(data, len, &id, &why), APP_OK);
	free(data);
	CHECK_STR(id.format, "docx");
	for (size_t i = 0; i < id.n; i++) {
		const struct idoc_block *b = &id.v[i];
		if (b->kind == IDOC_TABLE && b->ncols == 2 && strstr(b->cells[1], "ĐẢNG CỘNG SẢN VIỆT NAM")) {
			saw_header = true;
			CHECK_CONTAINS(b->cells[0], "ĐẢNG ỦY XÃ THẠCH THẤT");
			CHECK_CONTAINS(b->cells[0], "Số 18-KH/ĐU");
			CHECK_CONTAINS(b->cells[1], "Thạch Thất, ngày 10 tháng 12 năm 2025");
		}
		if (b->kind == IDOC_PARA && strcmp(b->text, "KẾ HOẠCH") == 0)
			saw_title = true;
		if (b->kind == IDOC_TABLE && b->ncols == 4) {
			saw_table = true;
			CHECK_STR(b->cells[5], "Khảo sát 12 trạm <5G> & IoT"); /* escaped and back */
		}
	}
	CHECK(saw_header);
	CHECK(saw_title);
	CHECK(saw_table);
	idoc_release(&id);
}

TEST(docx_party_format_layout_in_libreoffice)
{
	struct docx *d = sample();
	char docx[4400], *text;

	snprintf(docx, sizeof(docx), "%s/ke-hoach.docx", test_tmpdir());
	CHECK_INT(docx_save(d, docx), APP_OK);
	docx_free(d);
	if (!(text = test_docx_pdf_text(docx)))
		return;
	/* one page; the issuer block on the left and the party title on the right of the
	   same first line; the number and the place-date line follow; the title centred */
	CHECK(test_first_line_has(text, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG CỘNG SẢN VIỆT NAM"));
	CHECK_CONTAINS(text, "Số 18-KH/ĐU");
	CHECK_CONTAINS(text, "Thạch Thất, ngày 10 tháng 12 năm 2025");
	CHECK_CONTAINS(text, "KẾ HOẠCH");
	CHECK_CONTAINS(text, "Nơi nhận:");
	CHECK_CONTAINS(text, "T/M ĐẢNG ỦY");
	CHECK(strchr(text, '\f') == NULL || strchr(text, '\f')[1] == '\0'); /* one page */
	{
		/* "KẾ HOẠCH" is centred: its line starts with many spaces */
		const char *t = strstr(text, "KẾ HOẠCH");
		const char *bol = t;
		while (bol && bol > text && bol[-1] != '\n')
			bol--;
		CHECK(t && t - bol > 20);
	}
	free(text);
}
