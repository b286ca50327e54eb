/*
** The inspection demo of issue 5 (demo.h: demo_inspect), from the seed
** articles and only what they say; data/demo/README.md lists what is
** sourced and what is illustrative:
**
** - inspection team no. 2 of the City Standing Committee at the Thường Tín
**   District Committee (279-2025) on 5/5/2022, led by Deputy Secretary
**   Nguyễn Ngọc Tuấn (seeds 000 and 002), with its conclusion as spoken at
**   the end of the session: what went well, what did not, and three
**   findings (the administrative-reform index at the bottom of the city's
**   table, too few indicators, the report to complete), each with cause,
**   addressee, remedy and an illustrative deadline;
** - the demo inspector account (kiemtra) as a member of that team;
** - the 2022 self-criticism reviews of the units seed 003 names (Quận ủy
**   Hoàn Kiếm, the urban-infrastructure corporation's committee, Huyện ủy
**   Thường Tín) with the points it reports. The article counts 29 units and
**   nine working groups but names neither the other 26 units nor any group:
**   they are left out;
** - Thường Tín's place at the bottom of the city's administrative-reform
**   ranking as stated on 5/5/2022 (risk.h: risk_rank_set).
**
** Every write goes through the model (who NULL: trusted), so each is
** audited and `giamsat audit verify` covers the demo.
*/
#include "model/account.h"
#include "model/demo.h"
#include "model/inspect.h"
#include "model/review.h"
#include "model/risk.h"

static const char S0[] = "Kinh tế & Đô thị: «Phó Bí thư Thành ủy Nguyễn Ngọc Tuấn: Khai thác tốt tiềm "
			 "năng để phát triển» (seeds/000_f02fccab7e88711f.txt)";
static const char S2[] = "«Thường Tín: Hệ thống dân vận, Mặt trận Tổ quốc và các đoàn thể có nhiều đổi "
			 "mới nội dung, phương thức hoạt động» (seeds/002_d0a1bff1e54dbd14.txt)";
static const char S3[] = "«Tạo chuyển biến sau công tác kiểm điểm» (seeds/003_0baba18c2b1f3171.txt)";

/* The district committee inspected in 2022 (successor from 1/7/2025: 10183, Đảng ủy xã Thường Tín). */
#define TT_OLD "279-2025"

static const struct finding_new FINDINGS[] = {
	{ .content = "Chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của Thành phố.",
	  .cause_kind = FC_SUBJECTIVE,
	  .cause = "Trách nhiệm không chỉ của tập thể UBND huyện mà còn của tập thể Ban Thường vụ Huyện ủy; "
		   "nguyên nhân sâu xa cần được bàn bạc, nhìn nhận lại.",
	  .addressee_unit_code = TT_OLD,
	  .remedy = "Xây dựng đề án rõ giải pháp, xác định rõ thứ hạng để phấn đấu nâng bậc xếp hạng; phân công "
		    "phân nhiệm cụ thể, mời đại diện sở chuyên ngành tham mưu, hướng dẫn; không tiếp tục nể nang, "
		    "né tránh.",
	  .deadline = "2022-12-31" },
	{ .content = "Chương trình 01-CTr/TU của Thành ủy có 14 chỉ tiêu, nhưng Chương trình thực hiện của Huyện ủy "
		     "còn ít chỉ tiêu.",
	  .cause_kind = FC_SUBJECTIVE,
	  .cause = "Công việc chưa được định lượng, chưa có bộ chỉ tiêu cụ thể phù hợp địa phương để đo lường.",
	  .addressee_unit_code = TT_OLD,
	  .remedy = "Rà soát để đồng nhất với Chương trình 01-CTr/TU; kế hoạch thực hiện cụ thể, có bộ chỉ tiêu "
		    "phù hợp địa phương và giải pháp rõ ràng, gắn với công việc cụ thể.",
	  .deadline = "2022-09-30" },
	{ .content = "Báo cáo của Ban Thường vụ Huyện ủy cần làm rõ hơn các kết quả đạt được.",
	  .cause_kind = FC_SUBJECTIVE,
	  .cause = "Báo cáo chưa nêu kết quả phát triển kinh tế - xã hội và công tác phòng, chống, thích ứng linh "
		   "hoạt với dịch Covid-19.",
	  .addressee_unit_code = TT_OLD,
	  .remedy = "Bổ sung, hoàn thiện báo cáo theo ý kiến của thành viên đoàn kiểm tra.",
	  .deadline = "2022-05-31" },
};

static const struct {
	const char *code, *points;
} REVIEWS[] = {
	{ "002-2025",
	  "Tập trung khắc phục một số hạn chế trong công tác lãnh đạo, chỉ đạo thực hiện các nhiệm vụ chính trị: "
	  "vẫn còn vi phạm trật tự đô thị, vệ sinh môi trường chưa được giải quyết dứt điểm, tiến độ triển khai "
	  "một số dự án trọng điểm của quận còn chậm." },
	{ "DU-UDIC", "Đẩy nhanh tiến độ các dự án, nâng cao hiệu quả công tác đấu thầu, nhận thầu." },
	{ TT_OLD, "Tìm ra nguyên nhân, khắc phục các bất cập, hạn chế được chỉ ra, nhất là lĩnh vực cải cách "
		  "hành chính, để đạt kết quả cao nhất trong năm 2023." },
};

static enum app_err fail(enum app_err e, const char *what, const char *w, const char **why)
{
	log_error("demo", "step=\"%s\" error=\"%s\"", what, w ? w : app_err_name(e));
	*why = "cannot add the inspection demo (see the log line above)";
	return e;
}

enum app_err demo_inspect(struct store *s, const char *password, const char **why)
{
	char *content = xasprintf(
		"Kiểm tra công tác lãnh đạo, chỉ đạo, tổ chức thực hiện Chương trình số 01-CTr/TU ngày "
		"17/3/2021 của Thành ủy (khóa XVII) về tăng cường công tác xây dựng Đảng, xây dựng Đảng bộ và hệ "
		"thống chính trị Thành phố trong sạch, vững mạnh; đẩy mạnh cải cách hành chính giai đoạn "
		"2021-2025; Quy định số 55-QĐ/TW của Bộ Chính trị và Quy định số 37-QĐ/TW của Ban Chấp hành "
		"Trung ương. Nguồn: %s; %s.",
		S0, S2);
	struct inspection_new n = {
		.kind = IK_INSPECTION_THEMATIC,
		.target_code = TT_OLD,
		.year = 2022,
		.title = "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy tại Huyện ủy Thường Tín",
		.subjects = "Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy; Quy định số 55-QĐ/TW; "
			    "Quy định số 37-QĐ/TW",
		.content = content,
		.method = "Làm việc với Ban Thường vụ Huyện ủy: nghe báo cáo, thành viên đoàn cho ý kiến, Trưởng "
			  "đoàn phát biểu kết luận. Dữ liệu mẫu: thành viên đoàn (Ủy ban Kiểm tra Thành ủy), phân "
			  "loại nguyên nhân và thời hạn khắc phục là minh họa; bài viết không nêu số quyết định, số "
			  "thông báo kết luận.",
		.date_from = "2022-05-05",
		.date_to = "2022-05-05",
		.demo = true,
	};
	const char *w = NULL;
	int64_t insp = 0, conc = 0, id = 0;
	enum app_err e;

	/*
	** The team's leader must be an account: one for the person the article
	** names, disabled once on the team so that nobody signs in as him.
	*/
	if ((e = account_add(s, "nguyenngoctuan", "Nguyễn Ngọc Tuấn (Phó Bí thư Thành ủy, Chủ tịch HĐND Thành phố)",
			     ROLE_LEADER, DEMO_ROOT_CODE, password, NULL, &w)) != APP_OK) {
		free(content);
		return fail(e, "leader account", w, why);
	}
	e = inspection_add(s, NULL, &n, &insp, &w);
	free(content);
	if (e != APP_OK)
		return fail(e, "inspection", w, why);
	if ((e = team_add_member(s, NULL, insp, "nguyenngoctuan", TR_LEADER, &w)) != APP_OK)
		return fail(e, "team leader", w, why);
	if ((e = team_add_member(s, NULL, insp, "kiemtra", TR_MEMBER, &w)) != APP_OK)
		return fail(e, "team member", w, why);
	if ((e = account_set_disabled(s, "nguyenngoctuan", true)) != APP_OK)
		return fail(e, "disable the leader account", NULL, why);
	if ((e = conclusion_create(
		     s, NULL, insp, "2022-05-05", NULL,
		     "Huyện ủy Thường Tín đã lãnh đạo tổ chức triển khai thực hiện Chương trình số 01-CTr/TU của "
		     "Thành ủy bằng rất nhiều chương trình, kế hoạch cụ thể của địa phương; các nội dung liên quan "
		     "Chương trình đã được triển khai đạt kết quả tích cực trong bối cảnh chung có nhiều khó khăn. "
		     "Báo cáo của Ban Thường vụ Huyện ủy được chuẩn bị nghiêm túc, trách nhiệm.",
		     "Chương trình thực hiện của Huyện ủy còn ít chỉ tiêu so với 14 chỉ tiêu của Chương trình số "
		     "01-CTr/TU; chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của Thành phố. Tồn tại, "
		     "hạn chế phải rõ nguyên nhân, rõ địa chỉ và giao thời gian giải quyết rõ ràng có thời hạn, nếu "
		     "không hoàn thành thì xác định trách nhiệm. Trong thực hiện các Quy định 55, 37 cần chỉ ra đơn "
		     "vị nào làm tốt thì biểu dương, đơn vị nào chưa tốt thì phê bình, xử lý nghiêm.",
		     &conc, &w)) != APP_OK)
		return fail(e, "conclusion", w, why);
	for (size_t i = 0; i < ARRAY_SIZE(FINDINGS); i++)
		if ((e = finding_add(s, NULL, conc, &FINDINGS[i], &id, &w)) != APP_OK)
			return fail(e, "finding", w, why);
	if ((e = conclusion_issue(s, NULL, conc, &w)) != APP_OK)
		return fail(e, "issue the conclusion", w, why);

	/*
	** "chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của TP"
	** (seed 000, 5/5/2022): last of the city's 30 district-level units.
	*/
	{
		char *src = xasprintf("%s: «chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của TP»", S0);
		struct risk_rank_new rk = {
			.year = 2022,
			.unit_code = TT_OLD,
			.index_name = "Chỉ số cải cách hành chính cấp huyện của Thành phố",
			.position = 30,
			.of_n = 30,
			.source = src,
			.note = "Thứ hạng được Trưởng đoàn kiểm tra số 2 nêu ngày 5/5/2022; bài viết không nêu kỳ đánh "
				"giá, điểm số. «Cuối bảng» được ghi là hạng 30/30 vì Thành phố có 30 quận, huyện, thị xã "
				"(data/admin).",
			.demo = true,
		};
		e = risk_rank_set(s, NULL, &rk, &w);
		free(src);
		if (e != APP_OK)
			return fail(e, "ranking", w, why);
	}

	for (size_t i = 0; i < ARRAY_SIZE(REVIEWS); i++) {
		char *points = xasprintf("%s (Nguồn: %s)", REVIEWS[i].points, S3);
		e = review_add(s, NULL, 2022, REVIEWS[i].code, 0, points, "2022-12-31", &id, &w);
		free(points);
		if (e != APP_OK)
			return fail(e, "review", w, why);
	}
	return APP_OK;
}
