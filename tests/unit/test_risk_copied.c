/*
** The risk score's copied-plans signal (RS_COPIED): shares measured by
** doc_reuse_measure after a sync, read by risk_scores, worded by
** risk_evidence, weighted like the others; the demo's plans measured.
*/
#include "test.h"

#include <sys/stat.h>

#include "model/account.h"
#include "model/demo.h"
#include "model/doc.h"
#include "model/doc_reuse.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static const char DIRECTIVE[] =
	"Chương trình số 01-CTr/TU về tiếp tục đẩy mạnh công tác xây dựng, chỉnh đốn Đảng và hệ thống "
	"chính trị thành phố. Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất "
	"lượng đội ngũ cán bộ, đảng viên gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
	"Hồ Chí Minh. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết đấu tranh phòng, chống "
	"tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị. Đổi mới phương thức lãnh đạo của "
	"Đảng, phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội trong việc tham "
	"gia xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh. Đẩy mạnh cải cách hành chính, "
	"nâng cao chỉ số hài lòng của người dân và doanh nghiệp đối với sự phục vụ của cơ quan hành chính "
	"nhà nước; thực hiện chuyển đổi số toàn diện trong hoạt động của các cơ quan đảng.\n";

/* The directive copied nearly whole, under a plan's heading. */
static const char COPIED[] =
	"Kế hoạch thực hiện Chương trình số 01-CTr/TU của Thành ủy. Đảng ủy phường tiếp tục đẩy mạnh công "
	"tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị thành phố. Nâng cao năng lực lãnh đạo, sức chiến "
	"đấu của tổ chức cơ sở đảng và chất lượng đội ngũ cán bộ, đảng viên gắn với việc học tập và làm theo "
	"tư tưởng, đạo đức, phong cách Hồ Chí Minh. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết "
	"đấu tranh phòng, chống tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị. Đổi mới phương "
	"thức lãnh đạo của Đảng, phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội "
	"trong việc tham gia xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh. Đẩy mạnh cải cách "
	"hành chính, nâng cao chỉ số hài lòng của người dân và doanh nghiệp đối với sự phục vụ của cơ quan "
	"hành chính nhà nước; thực hiện chuyển đổi số toàn diện trong hoạt động của các cơ quan đảng.\n";

/* A plan written for the ward itself. */
static const char ORIGINAL[] =
	"Kế hoạch thực hiện Chương trình số 01-CTr/TU của Thành ủy. Năm 2021, Đảng ủy phường giao chi bộ "
	"tổ dân phố số 3 rà soát danh sách đảng viên cao tuổi trước ngày 30/6/2021; đồng chí Phó Bí thư "
	"thường trực chủ trì, Ủy ban kiểm tra phối hợp kiểm tra việc thu nộp đảng phí tại năm chi bộ khu "
	"dân cư trong quý III. Văn phòng Đảng ủy số hóa toàn bộ hồ sơ đảng viên trước tháng 10, bảo đảm "
	"một trăm phần trăm chi bộ sinh hoạt định kỳ có nội dung chuyên đề gắn với chợ Long Biên, bến xe "
	"và khu tập thể cũ đang chờ cải tạo; mỗi tháng báo cáo kết quả bằng văn bản gửi Thường trực.\n";

static const struct risk_row *row_of(const struct risk_table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].code, code))
			return &t->v[i];
	return NULL;
}

static int64_t add_doc(struct store *s, const char *unit, const char *number, const char *date, const char *title,
		       const char *body)
{
	struct doc_new d = {
		.unit_code = unit, .kind = "KH", .number = number, .doc_date = date, .title = title, .body = body
	};
	int64_t id = 0;
	const char *why;

	CHECK_INT(doc_add(s, &d, &id, &why), APP_OK);
	return id;
}

static int64_t count_rows(struct store *s)
{
	static struct query Q = { "SELECT COUNT(*), COALESCE(SUM(share), 0) FROM doc_copy", NULL, 0 };
	struct stmt *st = store_stmt(s, &Q);
	bool row = false;
	int64_t n = -1;

	if (st && stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	if (st)
		stmt_done(st);
	return n;
}

TEST(db_risk_copied_signal)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "00004", .name = "Phường Ba Đình", .kind = UNIT_COMMUNE, .parent_code = "TU" },
		{ .code = "00008", .name = "Phường Ngọc Hà", .kind = UNIT_COMMUNE, .parent_code = "TU" },
		{ .code = "00011", .name = "Phường Giảng Võ", .kind = UNIT_COMMUNE, .parent_code = "TU" },
	};
	struct store *s = NULL;
	struct arena a;
	char err[REUSE_ERRLEN], dir[4200];
	size_t added = 0, measured = 0;
	struct risk_table t;
	const char *why = NULL;

	arena_init(&a);
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], NULL, NULL), APP_OK);
	add_doc(s, "TU", "01-CTr/TU", "2021-03-17", "Chương trình công tác xây dựng Đảng", DIRECTIVE);
	add_doc(s, "00004", "12-KH/ĐU", "2021-04-02", "Kế hoạch thực hiện Chương trình số 01-CTr/TU", COPIED);
	add_doc(s, "00008", "7-KH/ĐU", "2021-04-20", "Kế hoạch thực hiện Chương trình số 01-CTr/TU", ORIGINAL);

	snprintf(dir, sizeof(dir), "%s/reuse", test_tmpdir());
	/* nothing measured before the sync: the signal is 0, no evidence */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, NULL, &t), APP_OK);
	CHECK(row_of(&t, "00004") && row_of(&t, "00004")->signal[RS_COPIED] == 0);
	CHECK(row_of(&t, "00004") && risk_evidence(s, &a, row_of(&t, "00004"), RS_COPIED) == NULL);

	CHECK_INT(doc_reuse_sync(s, dir, &added, err), APP_OK);
	CHECK_INT(added, 3);
	CHECK_INT(count_rows(s), 2); /* the two plans; the directive implements nothing */

	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, NULL, &t), APP_OK);
	const struct risk_row *cp = row_of(&t, "00004"), *og = row_of(&t, "00008"), *none = row_of(&t, "00011");
	CHECK(cp && og && none);
	if (!cp || !og || !none)
		goto out;
	CHECK(cp->signal[RS_COPIED] > 0.8);
	CHECK(cp->signal[RS_COPIED] <= 1.0);
	CHECK(cp->part[RS_COPIED] == cp->signal[RS_COPIED]); /* default weight 1 */
	CHECK(og->signal[RS_COPIED] < 0.1);
	CHECK(none->signal[RS_COPIED] == 0);
	CHECK(risk_evidence(s, &a, none, RS_COPIED) == NULL);
	const char *ev = risk_evidence(s, &a, cp, RS_COPIED);
	CHECK_CONTAINS(ev, "Kế hoạch số 12-KH/ĐU ngày 02/04/2021: ");
	CHECK_CONTAINS(ev,
		       " % nội dung trùng với văn bản khác (nhiều nhất từ văn bản số 01-CTr/TU của Thành ủy Hà Nội)");
	{
		char pct[40];
		num_format_vn(cp->signal[RS_COPIED] * 100.0, 0, pct, sizeof(pct));
		char *want = xasprintf(": %s %% nội dung", pct);
		CHECK_CONTAINS(ev, want);
		free(want);
	}
	CHECK_STR(risk_signal_code(RS_COPIED), "copied_plans");

	/* a later year without a plan: the latest plan before it, said so */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2023, NULL, &t), APP_OK);
	const struct risk_row *later = row_of(&t, "00004");
	CHECK(later && later->signal[RS_COPIED] > 0.8);
	if (later)
		CHECK_CONTAINS(risk_evidence(s, &a, later, RS_COPIED), "kế hoạch gần nhất trước năm được đánh giá");
	/* an earlier year: the plan did not exist yet */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2020, "2020-12-31", &t), APP_OK);
	CHECK(row_of(&t, "00004") && row_of(&t, "00004")->signal[RS_COPIED] == 0);

	/* weight 0 removes it from the score */
	struct risk_weights w = { .note = "Thử: bỏ tín hiệu sao chép" };
	for (int i = 0; i < RS_COUNT; i++)
		w.w[i] = 1;
	w.w[RS_COPIED] = 0;
	CHECK_INT(risk_weights_set(s, NULL, 2021, &w, &why), APP_OK);
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, NULL, &t), APP_OK);
	cp = row_of(&t, "00004");
	CHECK(cp && cp->signal[RS_COPIED] > 0.8 && cp->part[RS_COPIED] == 0);
	if (cp) {
		double sum = 0;
		for (int i = 0; i < RS_COUNT; i++)
			if (i != RS_COPIED)
				sum += cp->part[i];
		CHECK(cp->score == sum);
	}
	w.w[RS_COPIED] = 2.5;
	CHECK_INT(risk_weights_set(s, NULL, 2021, &w, &why), APP_OK);
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, NULL, &t), APP_OK);
	cp = row_of(&t, "00004");
	CHECK(cp && cp->part[RS_COPIED] == 2.5 * cp->signal[RS_COPIED]);

	/* a second measurement replaces the figures, never adds to them */
	CHECK_INT(doc_reuse_measure(s, dir, &measured, err), APP_OK);
	CHECK_INT(measured, 2);
	CHECK_INT(count_rows(s), 2);
out:
	arena_release(&a);
	store_close(s);
}

TEST(db_risk_copied_bad_index_keeps_figures)
{
	struct store *s = NULL;
	struct unit_new tu = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct unit_new ward = { .code = "00004", .name = "Phường Ba Đình", .kind = UNIT_COMMUNE, .parent_code = "TU" };
	char err[REUSE_ERRLEN], dir[4200], missing[4200];
	size_t added = 0, measured = 0;
	struct arena a;
	struct risk_table t;

	arena_init(&a);
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(unit_add(s, &tu, NULL, NULL), APP_OK);
	CHECK_INT(unit_add(s, &ward, NULL, NULL), APP_OK);
	/* an empty store: the sync measures nothing and succeeds */
	snprintf(dir, sizeof(dir), "%s/reuse", test_tmpdir());
	CHECK_INT(doc_reuse_sync(s, dir, &added, err), APP_OK);
	CHECK_INT(count_rows(s), 0);

	add_doc(s, "TU", "01-CTr/TU", "2021-03-17", "Chương trình công tác xây dựng Đảng", DIRECTIVE);
	add_doc(s, "00004", "12-KH/ĐU", "2021-04-02", "Kế hoạch thực hiện Chương trình số 01-CTr/TU", COPIED);
	CHECK_INT(doc_reuse_sync(s, dir, &added, err), APP_OK);
	CHECK_INT(count_rows(s), 1);

	/* no index there: a clear error, the stored figure kept */
	snprintf(missing, sizeof(missing), "%s/none", test_tmpdir());
	CHECK_INT(doc_reuse_measure(s, missing, &measured, err), APP_ENOTFOUND);
	CHECK(err[0] != '\0');
	CHECK_INT(measured, 0);
	CHECK_INT(count_rows(s), 1);

	/* a damaged index: refused, the stored figure kept */
	char *manifest = xasprintf("%s/MANIFEST", dir);
	CHECK_INT(file_write_atomic(manifest, "garbage\n", 8), APP_OK);
	free(manifest);
	CHECK(doc_reuse_measure(s, dir, &measured, err) != APP_OK);
	CHECK(err[0] != '\0');
	CHECK_INT(count_rows(s), 1);
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, NULL, &t), APP_OK);
	CHECK(row_of(&t, "00004") && row_of(&t, "00004")->signal[RS_COPIED] > 0.8);
out:
	arena_release(&a);
	store_close(s);
}

TEST(db_risk_copied_demo)
{
	struct stat sb;
	struct store *s = NULL;
	struct demo_stats st;
	const char *why = NULL;
	char err[REUSE_ERRLEN], dir[4200];
	size_t added = 0;
	struct arena a;
	struct risk_table t;

	if (stat("data/admin/units_2025-07-01.csv", &sb) != 0)
		return; /* no demo data in this checkout */
	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(demo_build(s, "data", "demo-password-1", &st, &why), APP_OK);
	snprintf(dir, sizeof(dir), "%s/reuse", test_tmpdir());
	CHECK_INT(doc_reuse_sync(s, dir, &added, err), APP_OK);
	CHECK(count_rows(s) >= 3); /* the three commune plans implementing 310/KH-UBND */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2025, NULL, &t), APP_OK);
	const struct risk_row *tt = row_of(&t, "10183"), *qm = row_of(&t, "08974"), *th = row_of(&t, "09955");
	CHECK(tt && qm && th);
	if (!tt || !qm || !th)
		goto out;
	CHECK(tt->signal[RS_COPIED] > 0.5);
	CHECK(qm->signal[RS_COPIED] > 0.5);
	CHECK(th->signal[RS_COPIED] < tt->signal[RS_COPIED]);
	const char *ev = risk_evidence(s, &a, tt, RS_COPIED);
	CHECK_CONTAINS(ev, "Kế hoạch số 21-KH/ĐU ngày 15/12/2025: ");
	CHECK_CONTAINS(ev, "nhiều nhất từ văn bản số ");
	/* Thường Tín copied Quang Minh's plan (data/demo/README.md), Quang Minh the city's plan */
	CHECK_CONTAINS(ev, "nhiều nhất từ văn bản số 15-KH/ĐU của Đảng ủy xã Quang Minh");
	CHECK_CONTAINS(risk_evidence(s, &a, qm, RS_COPIED), "nhiều nhất từ văn bản số 310/KH-UBND");
out:
	arena_release(&a);
	store_close(s);
}
