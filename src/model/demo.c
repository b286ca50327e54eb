/*
** The Hanoi demo. Units come from data/admin (the Hanoi rows of the GSO
** lists): the 126 communes and wards of 1/7/2025 as commune/ward party
** committees, the 30 district committees and 526 communes as they were
** until 30/6/2025 (codes CODE-2025), and successor links from
** merge_2025_communes.csv. The facts are those of the five seed articles,
** each with its source.
*/
#include "model/demo.h"

#include "model/account.h"
#include "model/doc.h"
#include "model/event.h"
#include "model/unit.h"
#include "store/store.h"

#define OLD_TO "2025-06-30"
#define NEW_FROM "2025-07-01"

static const char S0[] = "Kinh tế & Đô thị: «Phó Bí thư Thành ủy Nguyễn Ngọc Tuấn: Khai thác tốt tiềm "
			 "năng để phát triển» (seeds/000_f02fccab7e88711f.txt)";
static const char S1[] = "«Sơ kết 1 năm thực hiện Chương trình 01 của Thành ủy Hà Nội» "
			 "(seeds/001_21fbef12a3967094.txt)";
static const char S2[] = "«Thường Tín: Hệ thống dân vận, Mặt trận Tổ quốc và các đoàn thể có nhiều đổi "
			 "mới nội dung, phương thức hoạt động» (seeds/002_d0a1bff1e54dbd14.txt)";
static const char S3[] = "«Tạo chuyển biến sau công tác kiểm điểm» (seeds/003_0baba18c2b1f3171.txt)";
static const char S4[] = "ANTĐ.VN, 19/11/2021: «Bí thư Thành ủy Hà Nội: Tránh tình trạng xây dựng chương "
			 "trình, kế hoạch qua loa, sao chép» (seeds/004_b694ab440a75d921.txt)";
static const char SDATA[] = "data/admin: danh mục đơn vị hành chính từ 01/7/2025 (Công văn 1027/CTK-CSCL) "
			    "và bảng sắp xếp xã, phường năm 2025";

const struct demo_account demo_accounts[] = {
	{ "thuongtin", "Văn phòng Đảng ủy xã Thường Tín", "staff", "10183",
	  "cán bộ của Đảng ủy xã Thường Tín (kế thừa Huyện ủy Thường Tín): thấy xã và lịch sử huyện cũ" },
	{ "hoankiem", "Văn phòng Đảng ủy phường Hoàn Kiếm", "staff", "00070",
	  "cán bộ của Đảng ủy phường Hoàn Kiếm: không xem được xã, phường khác (403)" },
	{ "kiemtra", "Ủy ban Kiểm tra Thành ủy", "inspector", DEMO_ROOT_CODE,
	  "kiểm tra viên cấp Thành phố: xem toàn bộ cây tổ chức" },
	{ "lanhdao", "Ban Thường vụ Thành ủy", "leader", DEMO_ROOT_CODE, "lãnh đạo cấp Thành phố" },
	{ "xem", "Người xem (xã Thường Tín)", "viewer", "10183", "chỉ xem, không sửa: xã Thường Tín" },
};
const size_t demo_accounts_n = ARRAY_SIZE(demo_accounts);

static const struct {
	const char *code, *name;
	enum unit_kind kind;
	const char *from;
} TOP_UNITS[] = {
	{ "DU-CQD", "Đảng ủy các cơ quan Đảng Thành phố", UNIT_AGENCY, NULL },
	{ "DU-UBND", "Đảng ủy Ủy ban nhân dân Thành phố", UNIT_AGENCY, NULL },
	{ "DU-CA", "Đảng ủy Công an Thành phố", UNIT_SUBORDINATE, NULL },
	{ "DU-QS", "Đảng ủy Quân sự Thành phố", UNIT_SUBORDINATE, NULL },
	{ "DU-UDIC", "Đảng ủy Tổng công ty Đầu tư phát triển hạ tầng đô thị", UNIT_SUBORDINATE, NULL },
};

static const struct doc_new DOCS[] = {
	{ DEMO_ROOT_CODE, "CTr", "01-CTr/TU", "2021-03-17",
	  "Chương trình về tăng cường công tác xây dựng Đảng, xây dựng Đảng bộ và hệ thống chính trị "
	  "Thành phố trong sạch, vững mạnh; đẩy mạnh cải cách hành chính giai đoạn 2021-2025",
	  "Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội (khóa XVII). Theo Trưởng đoàn "
	  "kiểm tra số 2 của Ban Thường vụ Thành ủy (5/5/2022), Chương trình có 14 chỉ tiêu. Toàn văn "
	  "Chương trình không có trong dữ liệu mẫu.",
	  S2, true },
	{ DEMO_ROOT_CODE, "NQ", "04-NQ/TU", "2021-05-31",
	  "Nghị quyết số 04-NQ/TU ngày 31/5/2021 (được quán triệt tại hội nghị toàn thành phố ngày "
	  "18/11/2021)",
	  NULL, S4, true },
	{ DEMO_ROOT_CODE, "QĐ", "04-QĐ/TU", "2021-08-11",
	  "Quy định số 04-QĐ/TU ngày 11/8/2021 (được quán triệt tại hội nghị toàn thành phố ngày "
	  "18/11/2021)",
	  NULL, S4, true },
	{ DEMO_ROOT_CODE, "QĐ", "1841-QĐ/TU", "2021-10-28",
	  "Quyết định số 1841-QĐ/TU ngày 28/10/2021 (được quán triệt tại hội nghị toàn thành phố ngày "
	  "18/11/2021)",
	  NULL, S4, true },
	{ DEMO_ROOT_CODE, "QĐ", "07-QĐ/TU", "2021-11-17",
	  "Quy định về luân chuyển, điều động, chuyển đổi vị trí công tác cán bộ, công chức, viên chức "
	  "thuộc thành phố",
	  NULL, S4, true },
	{ DEMO_ROOT_CODE, "NQ", "09-NQ/TU", "2022-02-22",
	  "Nghị quyết chuyên đề về phát triển công nghiệp văn hóa trên địa bàn Thủ đô giai đoạn 2020-2025, "
	  "định hướng đến năm 2030, tầm nhìn đến năm 2045",
	  NULL, S3, true },
	{ "279-2025", "CTr", NULL, NULL,
	  "Chương trình của Huyện ủy Thường Tín thực hiện Chương trình số 01-CTr/TU của Thành ủy",
	  "Theo Đoàn kiểm tra số 2 (5/5/2022): Chương trình 01-CTr/TU của Thành ủy có 14 chỉ tiêu, "
	  "nhưng Chương trình thực hiện của Huyện ủy còn ít chỉ tiêu, cần được rà soát để đồng nhất; "
	  "kế hoạch thực hiện phải cụ thể, có bộ chỉ tiêu phù hợp địa phương và giải pháp rõ ràng.",
	  S0, true },
	{ "279-2025", "BC", NULL, "2022-05-05",
	  "Báo cáo của Ban Thường vụ Huyện ủy Thường Tín về kết quả một năm thực hiện Chương trình "
	  "số 01-CTr/TU, Quy định số 55-QĐ/TW và Quy định số 37-QĐ/TW",
	  "Trưởng đoàn kiểm tra yêu cầu làm rõ hơn các kết quả đạt được, bổ sung kết quả phát triển "
	  "kinh tế - xã hội, công tác phòng, chống, thích ứng linh hoạt với dịch Covid-19.",
	  S2, true },
};

static const struct event_new EVENTS[] = {
	{ DEMO_ROOT_CODE, "2017-07-21", "review",
	  "Sơ kết 1 năm thực hiện Chương trình 01 của Thành ủy (khóa XVI, giai đoạn 2016-2020)",
	  "Ban Chỉ đạo Chương trình 01 tổ chức hội nghị sơ kết: khối các ban Đảng Thành ủy xây dựng, "
	  "triển khai 10 đề tài, đề án, chuyên đề, nghị quyết; khối các đoàn thể chính trị - xã hội 4 đề "
	  "án, đề tài; các cấp ủy trực thuộc gần 300 đề án, chuyên đề, kế hoạch. Góp ý dự thảo «Quy định "
	  "tạm thời đánh giá, phân loại chất lượng đảng bộ cấp trên cơ sở trực thuộc Thành ủy Hà Nội».",
	  S1, true },
	{ DEMO_ROOT_CODE, "2021-11-18", "meeting",
	  "Hội nghị toàn thành phố quán triệt, triển khai văn bản mới của Trung ương và Thành ủy về "
	  "công tác xây dựng Đảng",
	  "Bí thư Thành ủy Đinh Tiến Dũng yêu cầu phân công rõ trách nhiệm, xác định rõ lộ trình, thời "
	  "gian thực hiện, tránh xây dựng chương trình, kế hoạch qua loa, sao chép, thiếu tính thực tiễn; "
	  "lựa chọn có trọng tâm, trọng điểm để kiểm tra, giám sát.",
	  S4, true },
	{ DEMO_ROOT_CODE, "2022-12-31", "review",
	  "9 đoàn công tác dự và chỉ đạo kiểm điểm năm 2022 tại 29 cơ quan, đơn vị",
	  "Ban Thường vụ Thành ủy thành lập chín đoàn công tác dự và chỉ đạo kiểm điểm tại 29 cơ quan, "
	  "đơn vị được Ban Thường vụ Thành ủy gợi ý kiểm điểm năm 2022.",
	  S3, true },
	{ DEMO_ROOT_CODE, "2022-12-31", "review",
	  "Ban Thường vụ Thành ủy kiểm điểm tự phê bình và phê bình tập thể, cá nhân năm 2022",
	  "Tổ chức cuối tháng 12/2022, bám sát quy định, hướng dẫn của Trung ương.", S3, true },
	{ DEMO_ROOT_CODE, "2022-12-31", "indicator",
	  "Năm 2022 Thành phố hoàn thành 22/22 chỉ tiêu phát triển kinh tế - xã hội",
	  "Năm chỉ tiêu vượt kế hoạch; kinh tế tăng trưởng 8,89%, cao nhất trong 10 năm.", S3, true },
	{ DEMO_ROOT_CODE, "2022-12-31", "indicator",
	  "Thu nhập bình quân đầu người năm 2022 đạt 142 triệu đồng/người/năm",
	  "Vượt mục tiêu đề ra; tỷ lệ hộ nghèo tiếp tục giảm mạnh.", S3, true },
	{ DEMO_ROOT_CODE, "2022-12-31", "programme",
	  "Chương trình hành động của Thành ủy thực hiện Nghị quyết số 15-NQ/TW của Bộ Chính trị",
	  "Năm 2022 Ban Thường vụ Thành ủy tham mưu sớm ban hành chương trình hành động thực hiện Nghị "
	  "quyết số 15-NQ/TW ngày 5/5/2022 về phương hướng, nhiệm vụ phát triển Thủ đô Hà Nội đến năm "
	  "2030, tầm nhìn đến năm 2045; trình thông qua chủ trương và triển khai dự án đường Vành đai 4 - "
	  "Vùng Thủ đô Hà Nội.",
	  S3, true },
	{ DEMO_ROOT_CODE, NEW_FROM, "organisation",
	  "Kết thúc hoạt động cấp huyện; 126 đảng bộ xã, phường trực thuộc Thành ủy",
	  "Từ 1/7/2025 không tổ chức cấp huyện: 30 huyện ủy, quận ủy, thị ủy kết thúc hoạt động; xã, "
	  "phường được sắp xếp lại thành 126 xã, phường.",
	  SDATA, true },
	{ "279-2025", "2022-05-05", "inspection",
	  "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy làm việc với Ban Thường vụ Huyện ủy Thường Tín",
	  "Trưởng đoàn: Phó Bí thư Thành ủy, Chủ tịch HĐND Thành phố Nguyễn Ngọc Tuấn. Nội dung: lãnh "
	  "đạo, chỉ đạo, tổ chức thực hiện Chương trình số 01-CTr/TU ngày 17/3/2021, Quy định số "
	  "55-QĐ/TW của Bộ Chính trị và Quy định số 37-QĐ/TW của Ban Chấp hành Trung ương.",
	  S0, true },
	{ "279-2025", "2022-05-05", "inspection",
	  "Kết luận: chương trình của Huyện ủy còn ít chỉ tiêu so với 14 chỉ tiêu của Chương trình "
	  "01-CTr/TU",
	  "Định lượng công việc để các chỉ tiêu được đo lường; tồn tại, hạn chế phải rõ nguyên nhân, rõ "
	  "địa chỉ, có thời hạn giải quyết, nếu không hoàn thành thì xác định trách nhiệm; đơn vị làm tốt "
	  "thì biểu dương, đơn vị chưa tốt thì phê bình.",
	  S0, true },
	{ "279-2025", "2022-05-05", "indicator",
	  "Chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của Thành phố",
	  "Trưởng đoàn yêu cầu xây dựng đề án rõ giải pháp, xác định rõ thứ hạng để phấn đấu nâng bậc "
	  "xếp hạng; trách nhiệm của cả tập thể Ban Thường vụ Huyện ủy, không chỉ UBND huyện.",
	  S0, true },
	{ "279-2025", "2022-05-05", "programme",
	  "Huyện triển khai đề án thực hiện 10 chương trình của Thành ủy và 9 chương trình công tác "
	  "của Huyện ủy",
	  NULL, S2, true },
	{ "279-2025", "2022-05-05", "inspection", "Kiến nghị của Ban Thường vụ Huyện ủy với Trung ương và Thành phố",
	  "Tăng cường bồi dưỡng kỹ năng, nghiệp vụ cho đội ngũ Ban Chỉ đạo 35 để đấu tranh, phản bác các "
	  "luận điệu sai trái; nghiên cứu bố trí chức danh cán bộ văn phòng đảng ủy xã, thị trấn là cán bộ "
	  "chuyên trách.",
	  S2, true },
	{ "279-2025", "2022-12-31", "review",
	  "Kiểm điểm năm 2022: tập trung khắc phục hạn chế, nhất là cải cách hành chính",
	  "Bí thư Huyện ủy Nguyễn Tiến Minh: Ban Thường vụ Huyện ủy sẽ chỉ đạo quyết liệt, tìm ra nguyên "
	  "nhân, khắc phục bất cập, hạn chế được chỉ ra để đạt kết quả cao nhất trong năm 2023.",
	  S3, true },
	{ "021-2025", "2022-12-31", "indicator",
	  "Giải ngân vốn đầu tư công năm 2022 ước đạt 335 tỷ đồng, đạt 98% kế hoạch Thành phố giao",
	  "Không để xảy ra nợ xây dựng cơ bản. Giải ngân chậm đã được đưa ra kiểm điểm sâu; UBND quận "
	  "ban hành kế hoạch khắc phục.",
	  S3, true },
	{ "250-2025", "2023-01-01", "review", "Vướng mắc gần 20 năm về giao đất dịch vụ được tháo gỡ sau kiểm điểm",
	  "Đầu tháng 1/2023, Bộ Tài nguyên và Môi trường đồng ý đề xuất hỗ trợ giao đất dịch vụ cho hộ "
	  "gia đình, cá nhân có đất nông nghiệp bị thu hồi; đây là nội dung kiểm điểm năm 2021 của Ban "
	  "Thường vụ Huyện ủy Mê Linh.",
	  S3, true },
	{ "002-2025", "2022-12-31", "review",
	  "Gợi ý kiểm điểm năm 2022: vi phạm trật tự đô thị, vệ sinh môi trường, dự án trọng điểm chậm",
	  "Lãnh đạo Thành phố đề nghị Ban Thường vụ Quận ủy Hoàn Kiếm tập trung khắc phục: vi phạm trật "
	  "tự đô thị, vệ sinh môi trường chưa được giải quyết dứt điểm, tiến độ một số dự án trọng điểm "
	  "còn chậm.",
	  S3, true },
	{ "DU-UDIC", "2022-12-31", "review",
	  "Gợi ý kiểm điểm năm 2022: đẩy nhanh tiến độ dự án, nâng cao hiệu quả đấu thầu",
	  "Ban Thường vụ Đảng ủy Tổng công ty cần đẩy nhanh tiến độ các dự án, nâng cao hiệu quả công "
	  "tác đấu thầu, nhận thầu.",
	  S3, true },
};

static struct query Q_COUNT_KIND = {
	"SELECT COUNT(*) FROM unit WHERE kind = $1 AND (CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END) = $2", NULL, 0
};

static int64_t count_kind(struct conn *c, const char *kind, int old)
{
	struct stmt *st = conn_stmt(c, &Q_COUNT_KIND);
	bool row;
	int64_t n = 0;

	stmt_bind_text(st, 1, kind);
	stmt_bind_int64(st, 2, old);
	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

static enum app_err import_file(struct store *s, const char *dir, const char *name, const struct unit_import_opts *o,
				const char **why)
{
	char *path = xasprintf("%s/admin/%s", dir, name), *data = NULL;
	size_t len;
	struct unit_import_error err;
	enum app_err e = file_read(path, 64 << 20, &data, &len);

	free(path);
	if (e != APP_OK) {
		*why = "cannot read the unit lists in DATA/admin (use --data DIR)";
		return e;
	}
	e = unit_import(s, data, len, o, NULL, &err);
	if (e != APP_OK) {
		log_error("demo", "file=%s error=\"%s\"", name, err.en);
		*why = "a unit list was refused (see the log line above)";
	}
	free(data);
	return e;
}

/* Successor links: old commune -> new unit, old district -> every new unit that took part of it. */
static enum app_err link_successors(struct store *s, const char *dir, int64_t *linked, const char **why)
{
	char *path = xasprintf("%s/admin/merge_2025_communes.csv", dir), *data = NULL;
	struct unit_import_error err;
	size_t len;
	enum app_err e = file_read(path, 64 << 20, &data, &len);

	free(path);
	*linked = 0;
	if (e != APP_OK) {
		*why = "cannot read DATA/admin/merge_2025_communes.csv";
		return e;
	}
	e = unit_import_merges(s, data, len, OLD_TO, "01", linked, NULL, &err);
	if (e != APP_OK) {
		log_error("demo", "file=merge_2025_communes.csv error=\"%s\"", err.en);
		*why = "the merge table was refused (see the log line above)";
	}
	free(data);
	return e;
}

enum app_err demo_build(struct store *s, const char *data_dir, const char *password, struct demo_stats *stats,
			const char **why)
{
	struct conn *c = store_conn(s);
	struct unit_new root = { .code = DEMO_ROOT_CODE,
				 .name = "Thành ủy Hà Nội",
				 .kind = UNIT_CITY,
				 .valid_from = "2020-10-17",
				 .demo = true };
	struct unit_import_opts cur = {
		.valid_from = NEW_FROM, .province = "01", .root_code = DEMO_ROOT_CODE, .party_names = true, .demo = true
	};
	struct unit_import_opts old = {
		.valid_to = OLD_TO, .province = "01", .root_code = DEMO_ROOT_CODE, .party_names = true, .demo = true
	};
	const char *w = NULL;
	enum app_err e;

	memset(stats, 0, sizeof(*stats));
	*why = NULL;
	if (!c) {
		*why = "cannot connect to the database";
		return APP_EDB;
	}
	if ((e = conn_begin(c)) != APP_OK) {
		*why = "cannot start a transaction";
		return e;
	}
	if ((e = unit_add(s, &root, NULL, &w)) != APP_OK) {
		*why = e == APP_EEXIST ? "the database holds units already" : "cannot add the root unit";
		goto fail;
	}
	for (size_t i = 0; i < ARRAY_SIZE(TOP_UNITS); i++) {
		struct unit_new u = { .code = TOP_UNITS[i].code,
				      .name = TOP_UNITS[i].name,
				      .kind = TOP_UNITS[i].kind,
				      .parent_code = DEMO_ROOT_CODE,
				      .valid_from = TOP_UNITS[i].from,
				      .demo = true };
		if ((e = unit_add(s, &u, NULL, &w)) != APP_OK) {
			*why = "cannot add an agency committee";
			goto fail;
		}
	}
	if ((e = import_file(s, data_dir, "units_2025-07-01.csv", &cur, why)) != APP_OK ||
	    (e = import_file(s, data_dir, "units_2025-03-01.csv", &old, why)) != APP_OK)
		goto fail;
	if ((e = link_successors(s, data_dir, &stats->successors, why)) != APP_OK)
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(DOCS); i++)
		if ((e = doc_add(s, &DOCS[i], NULL, &w)) != APP_OK) {
			log_error("demo", "doc=%zu error=\"%s\"", i, w ? w : app_err_name(e));
			*why = "cannot add a demo document";
			goto fail;
		}
	stats->docs = (int64_t)ARRAY_SIZE(DOCS);
	{
		int64_t n;
		if ((e = demo_reuse_docs(s, data_dir, &n, why)) != APP_OK)
			goto fail;
		stats->docs += n;
	}
	for (size_t i = 0; i < ARRAY_SIZE(EVENTS); i++)
		if ((e = event_add(s, &EVENTS[i], NULL, &w)) != APP_OK) {
			log_error("demo", "event=%zu error=\"%s\"", i, w ? w : app_err_name(e));
			*why = "cannot add a demo event";
			goto fail;
		}
	stats->events = (int64_t)ARRAY_SIZE(EVENTS);
	for (size_t i = 0; i < demo_accounts_n; i++) {
		enum role r;
		if (!role_parse(demo_accounts[i].role, &r)) {
			e = APP_EINTERNAL;
			goto fail;
		}
		e = account_add(s, demo_accounts[i].login, demo_accounts[i].display_name, r, demo_accounts[i].unit_code,
				password, NULL, &w);
		if (e != APP_OK) {
			log_error("demo", "account=%s error=\"%s\"", demo_accounts[i].login, w ? w : app_err_name(e));
			*why = "cannot add a demo account";
			goto fail;
		}
	}
	stats->accounts = (int64_t)demo_accounts_n;
	if ((e = demo_inspect(s, password, why)) != APP_OK)
		goto fail;
	if ((e = demo_cascade(s, data_dir, why)) != APP_OK)
		goto fail;
	stats->current_communes = count_kind(c, "commune", 0);
	stats->old_communes = count_kind(c, "commune", 1);
	stats->old_districts = count_kind(c, "district", 1);
	stats->units = stats->current_communes + stats->old_communes + stats->old_districts + 1 +
		       (int64_t)ARRAY_SIZE(TOP_UNITS);
	if ((e = conn_commit(c)) != APP_OK) {
		*why = "cannot commit";
		return e;
	}
	store_analyze(s); /* statistics for the planner after the bulk load */
	return APP_OK;
fail:
	conn_rollback(c);
	memset(stats, 0, sizeof(*stats));
	return e;
}
