/* Plan check on text, .docx (Word numbering, merged cells) and .xlsx plans. */
#include "test.h"

#include <zip.h>

#include "ingest/idoc.h"
#include "model/plan_check.h"
#include "text/text.h"
#include "util/util.h"

/* Write a zip with the given (name, content) parts; returns the path. */
static const char *write_zip(const char *file, const char *const *parts)
{
	static char path[4300];
	int err;
	zip_t *z;

	snprintf(path, sizeof(path), "%s/%s", test_tmpdir(), file);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	CHECK(z != NULL);
	for (; parts[0]; parts += 2) {
		zip_source_t *s = zip_source_buffer(z, parts[1], strlen(parts[1]), 0);
		CHECK(zip_file_add(z, parts[0], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	CHECK(zip_close(z) == 0);
	return path;
}

static const char *write_file(const char *file, const char *data, size_t n)
{
	static char path[4300];

	snprintf(path, sizeof(path), "%s/%s", test_tmpdir(), file);
	CHECK_INT(file_write_atomic(path, data, n), APP_OK);
	return path;
}

static bool missing(const struct plan_task *k, enum plan_elem e)
{
	return (k->missing & (1u << e)) != 0;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

TEST(plan_check_docx_table_with_merged_cells)
{
	/* A task table as Word writes it: a header row, a section row merged
	   across the table (gridSpan), and a "Chủ trì" cell merged down two rows
	   (vMerge), so both tasks have the same single lead. */
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>" P(
		"KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU") "<w:tbl><w:tr>" TC("STT") TC("Nội dung nhiệm vụ") TC("Cơ quan chủ trì")
		TC("Cơ quan phối hợp") TC("Quy trình thực hiện") TC("Trách nhiệm") TC("Kết quả, sản phẩm") TC(
			"Thời gian hoàn thành") "</w:tr>"
						"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"8\"/></w:tcPr><w:p><w:r><w:t>I. CÔNG TÁC XÂY DỰNG ĐẢNG</w:t></w:r></w:p></w:tc></w:tr>"
						"<w:tr>" TC("1") TC("Rà soát, bổ sung quy hoạch cán bộ") "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Ban Tổ chức Huyện ủy</w:t></w:r></w:p></w:tc>" TC(
							"Văn phòng Huyện ủy") TC("Rà soát, thẩm định, trình Ban Thường vụ")
							TC("Trưởng ban chịu trách nhiệm") TC("Danh sách quy hoạch được phê duyệt") TC(
								"Quý II/2022") "</w:tr>"
									       "<w:tr>" TC("2") TC("Đào tạo cán bộ nguồn") "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" TC(
										       "") TC("") TC("") TC("100% cán bộ nguồn được đào tạo")
										       TC("Thường xuyên") "</w:tr>"
													  "<w:tr>" TC("3") TC("Kiểm tra việc thực hiện") TC(
														  "Văn phòng, Ủy ban Kiểm tra")
														  TC("") TC("Theo kế hoạch kiểm tra") TC(
															  "Chánh Văn phòng")
															  TC("Báo cáo kết quả")
																  TC("Trước ngày 30/11/2022") "</w:tr>"
																			      "</w:tbl></w:body></w:document>";
	const char *const parts[] = { "word/document.xml", doc, NULL };
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	CHECK_INT(idoc_read_file(write_zip("plan.docx", parts), &d, &why), APP_OK);
	CHECK_STR(d.format, "docx");
	arena_init(&a);
	plan_check(&d, &a, &r);
	CHECK_INT(r.n, 3);
	if (r.n == 3) {
		CHECK_STR(r.tasks[0].number, "1");
		CHECK_STR(r.tasks[0].content, "Rà soát, bổ sung quy hoạch cán bộ");
		CHECK_INT(r.tasks[0].missing, 0);
		/* task 2: lead merged from above; no process, no responsibility;
		   "Thường xuyên" is no deadline */
		CHECK_STR(r.tasks[1].lead, "Ban Tổ chức Huyện ủy");
		CHECK(!missing(&r.tasks[1], PE_LEAD));
		CHECK(missing(&r.tasks[1], PE_PROCESS));
		CHECK(missing(&r.tasks[1], PE_RESPONSIBILITY));
		CHECK(missing(&r.tasks[1], PE_DEADLINE));
		CHECK(!missing(&r.tasks[1], PE_RESULT));
		/* task 3: two leads */
		CHECK(missing(&r.tasks[2], PE_SINGLE_LEAD));
		CHECK(!missing(&r.tasks[2], PE_DEADLINE));
	}
	CHECK_INT(r.n_failing, 2);
	arena_release(&a);
	idoc_release(&d);
}

TEST(plan_check_docx_word_numbering)
{
	/* Items numbered by Word (numPr), not typed: labels come from numbering.xml. */
	static const char numbering[] =
		"<?xml version=\"1.0\"?><w:numbering " W_NS ">"
		"<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
		"<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
		"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
		"<w:lvlText w:val=\"-\"/></w:lvl></w:abstractNum>"
		"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
#define NP(lvl, text)                                                                                              \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>" text \
	"</w:t></w:r></w:p>"
	static const char doc[] = "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>" P("I. MỤC ĐÍCH, YÊU CẦU") P(
		"1. Quán triệt sâu sắc Chương trình.") P("II. NHIỆM VỤ, GIẢI PHÁP")
		NP(0, "Nâng cao chất lượng sinh hoạt chi bộ") NP(1, "Chủ trì: Ban Tổ chức Đảng ủy") NP(
			1, "Quy trình: hướng dẫn, kiểm tra, sơ kết") NP(1, "Trách nhiệm: Bí thư chi bộ")
			NP(1, "Kết quả: 100% chi bộ sinh hoạt định kỳ") NP(1, "Thời hạn: hoàn thành trong quý IV/2022")
				NP(0, "Tăng cường công tác dân vận") NP(1, "Thời gian: thường xuyên")
					P("III. TỔ CHỨC THỰC HIỆN")
						P("1. Văn phòng Đảng ủy theo dõi, đôn đốc.") "</w:body></w:document>";
	const char *const parts[] = { "word/document.xml", doc, "word/numbering.xml", numbering, NULL };
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	CHECK_INT(idoc_read_file(write_zip("plan2.docx", parts), &d, &why), APP_OK);
	arena_init(&a);
	plan_check(&d, &a, &r);
	CHECK_INT(r.n, 2);
	if (r.n == 2) {
		CHECK_STR(r.tasks[0].number, "1");
		CHECK_STR(r.tasks[1].number, "2");
		CHECK_INT(r.tasks[0].missing, 0);
		CHECK_STR(r.tasks[0].lead, "Ban Tổ chức Đảng ủy");
		CHECK(missing(&r.tasks[1], PE_LEAD));
		CHECK(missing(&r.tasks[1], PE_DEADLINE));
		CHECK(missing(&r.tasks[1], PE_RESULT));
		CHECK(!missing(&r.tasks[1], PE_CONTENT));
	}
	arena_release(&a);
	idoc_release(&d);
}

TEST(plan_check_xlsx_shared_strings_merges_and_dates)
{
	static const char wb[] =
		"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<sheets><sheet name=\"KH\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
	static const char ss[] =
		"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<si><t>Nhiệm vụ</t></si><si><t>Chủ trì</t></si><si><t>Thời hạn</t></si>"
		"<si><t>Sản phẩm</t></si><si><t>Quy trình</t></si><si><t>Trách nhiệm</t></si>"
		"<si><r><t>Xây dựng </t></r><r><t>kế hoạch</t></r></si><si><t>Văn phòng</t></si>"
		"<si><t>Kế hoạch</t></si><si><t>Soạn, trình</t></si><si><t>Chánh VP</t></si></sst>";
	static const char styles[] =
		"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
	static const char sheet[] =
		"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
		"<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>7</v></c><c r=\"C2\" s=\"1\"><v>44742</v></c>"
		"<c r=\"D2\" t=\"s\"><v>8</v></c><c r=\"E2\" t=\"s\"><v>9</v></c><c r=\"F2\" t=\"s\"><v>10</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Tổng kết</t></is></c><c r=\"C3\" s=\"1\"><v>44926</v></c></row>"
		"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"B2:B3\"/></mergeCells></worksheet>";
	const char *const parts[] = { "xl/workbook.xml",
				      wb,
				      "xl/_rels/workbook.xml.rels",
				      rels,
				      "xl/sharedStrings.xml",
				      ss,
				      "xl/styles.xml",
				      styles,
				      "xl/worksheets/sheet1.xml",
				      sheet,
				      NULL };
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	CHECK_INT(idoc_read_file(write_zip("plan.xlsx", parts), &d, &why), APP_OK);
	CHECK_STR(d.format, "xlsx");
	CHECK_INT(d.n, 1);
	arena_init(&a);
	plan_check(&d, &a, &r);
	CHECK_INT(r.n, 2);
	if (r.n == 2) {
		CHECK_STR(r.tasks[0].content, "Xây dựng kế hoạch");
		CHECK_STR(r.tasks[0].deadline, "30/06/2022"); /* serial 44742 */
		CHECK_INT(r.tasks[0].missing, 0);
		CHECK_STR(r.tasks[1].lead, "Văn phòng"); /* merged B2:B3 */
		CHECK_STR(r.tasks[1].deadline, "31/12/2022");
		CHECK(missing(&r.tasks[1], PE_RESULT));
		CHECK(missing(&r.tasks[1], PE_PROCESS));
	}
	arena_release(&a);
	idoc_release(&d);
}

static const char TEXT_PLAN[] =
	"ĐẢNG BỘ HUYỆN THƯỜNG TÍN\n"
	"KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU\n"
	"I. MỤC ĐÍCH, YÊU CẦU\n"
	"1. Quán triệt đầy đủ nội dung Chương trình.\n"
	"II. NHIỆM VỤ TRỌNG TÂM\n"
	"1. Đẩy mạnh cải cách hành chính, phấn đấu chỉ số CCHC đạt 85%, do Văn phòng HĐND-UBND huyện chủ trì, "
	"theo quy trình một cửa, Chánh Văn phòng chịu trách nhiệm, hoàn thành trước ngày 31/12/2022.\n"
	"2. Tăng cường công tác kiểm tra, giám sát.\n"
	"- Thời gian: thường xuyên\n"
	"III. TỔ CHỨC THỰC HIỆN\n"
	"1. Các chi bộ, đảng bộ cơ sở xây dựng kế hoạch.\n";

TEST(plan_check_text_numbered_tasks)
{
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	CHECK_INT(idoc_read_file(write_file("plan.txt", TEXT_PLAN, sizeof(TEXT_PLAN) - 1), &d, &why), APP_OK);
	CHECK_STR(d.format, "text");
	arena_init(&a);
	plan_check(&d, &a, &r);
	CHECK_INT(r.n, 2);
	if (r.n == 2) {
		CHECK_INT(r.tasks[0].missing, 0);
		CHECK(missing(&r.tasks[1], PE_LEAD));
		CHECK(missing(&r.tasks[1], PE_DEADLINE));
		CHECK(missing(&r.tasks[1], PE_RESULT));
	}
	arena_release(&a);
	idoc_release(&d);
}

TEST(plan_check_text_in_tcvn3_reads_the_same)
{
	char *enc;
	size_t n;
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	CHECK_INT(text_encode(TEXT_PLAN, sizeof(TEXT_PLAN) - 1, TEXT_ENC_TCVN3, &enc, &n), APP_OK);
	CHECK_INT(idoc_read_file(write_file("plan-tcvn3.txt", enc, n), &d, &why), APP_OK);
	free(enc);
	CHECK_STR(d.encoding, "TCVN3");
	arena_init(&a);
	plan_check(&d, &a, &r);
	CHECK_INT(r.n, 2);
	CHECK_INT(r.n_failing, 1);
	arena_release(&a);
	idoc_release(&d);
}

TEST(plan_check_refuses_bad_files)
{
	struct idoc d;
	const char *why;
	const char *const no_doc[] = { "hello.txt", "xin chào", NULL };
	const char *const bad_xml[] = { "word/document.xml", "<w:document><w:body><w:p>", NULL };
	static const char binary[] = { 0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0, 0 };

	CHECK_INT(idoc_read_file(write_file("empty.txt", "", 0), &d, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "empty");
	CHECK_INT(idoc_read_file(write_file("bin", binary, sizeof(binary)), &d, &why), APP_EINVAL);
	CHECK_INT(idoc_read_file(write_zip("x.zip", no_doc), &d, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "neither");
	CHECK_INT(idoc_read_file(write_zip("bad.docx", bad_xml), &d, &why), APP_EINVAL);
	CHECK_INT(idoc_read_file(write_file("trunc.docx", "PK\x03\x04garbage", 11), &d, &why), APP_EINVAL);
	CHECK_INT(idoc_read_file("/nonexistent/plan.docx", &d, &why), APP_ENOTFOUND);
}

TEST(plan_check_entities_are_not_expanded)
{
	/* An external entity must not be fetched nor expanded (XXE). */
	static const char doc[] =
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<w:document " W_NS "><w:body><w:p><w:r><w:t>a&x;b</w:t></w:r></w:p></w:body></w:document>";
	const char *const parts[] = { "word/document.xml", doc, NULL };
	struct idoc d;
	const char *why;

	if (idoc_read_file(write_zip("xxe.docx", parts), &d, &why) == APP_OK) {
		for (size_t i = 0; i < d.n; i++)
			CHECK(!strstr(d.v[i].text, "root:"));
		idoc_release(&d);
	}
}
