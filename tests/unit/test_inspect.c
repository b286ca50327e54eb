/* Inspections: conclusions in versions, findings, remedy reports, status, accountability. */
#include "test.h"

#include "model/account.h"
#include "model/attachment.h"
#include "model/audit.h"
#include "model/inspect.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

TEST(inspect_days_and_kinds)
{
	enum insp_kind k;
	CHECK_INT(date_days_between("2022-06-30", "2022-07-01"), 1);
	CHECK_INT(date_days_between("2024-02-28", "2024-03-01"), 2); /* leap year */
	CHECK_INT(date_days_between("2023-02-28", "2023-03-01"), 1);
	CHECK_INT(date_days_between("2022-12-31", "2022-01-01"), -364);
	CHECK_INT(date_days_between("bad", "2022-01-01"), 0);
	CHECK(insp_kind_parse("inspection_thematic", &k) && k == IK_INSPECTION_THEMATIC);
	CHECK(!insp_kind_parse("audit", &k));
	CHECK_STR(insp_kind_vi(IK_SUPERVISION_REGULAR), "Giám sát thường xuyên");
	CHECK_STR(finding_cause_vi(FC_SUBJECTIVE), "chủ quan");
}

struct ix {
	struct store *s;
	struct arena a;
	int64_t tt, x1, dp, insp;
	struct account insp_acct, tt_acct, dp_acct;
};

static bool setup(struct ix *f)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "X1", .name = "Đảng ủy xã Nhị Khê", .kind = UNIT_COMMUNE, .parent_code = "HU-TT" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	int64_t *ids[] = { NULL, &f->tt, &f->x1, &f->dp };
	const char *why = NULL;
	int64_t acc;

	memset(f, 0, sizeof(*f));
	arena_init(&f->a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &f->s, NULL), APP_OK);
	if (!f->s)
		return false;
	CHECK_INT(store_migrate(f->s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(f->s, &U[i], ids[i], NULL), APP_OK);
	CHECK_INT(account_add(f->s, "ktv", "Kiểm tra viên", ROLE_INSPECTOR, "TU", "mat-khau-dai-1", &acc, &why),
		  APP_OK);
	CHECK_INT(account_get(f->s, &f->a, acc, &f->insp_acct), APP_OK);
	CHECK_INT(account_add(f->s, "tt", "Cán bộ Thường Tín", ROLE_STAFF, "HU-TT", "mat-khau-dai-1", &acc, &why),
		  APP_OK);
	CHECK_INT(account_get(f->s, &f->a, acc, &f->tt_acct), APP_OK);
	CHECK_INT(account_add(f->s, "dp", "Cán bộ Đan Phượng", ROLE_STAFF, "HU-DP", "mat-khau-dai-1", &acc, &why),
		  APP_OK);
	CHECK_INT(account_get(f->s, &f->a, acc, &f->dp_acct), APP_OK);

	struct inspection_new n = { .kind = IK_INSPECTION_THEMATIC,
				    .target_code = "HU-TT",
				    .title = "Đoàn kiểm tra số 2 tại Huyện ủy Thường Tín",
				    .decision_no = "125-QĐ/TU",
				    .subjects = "Cải cách hành chính",
				    .date_from = "05/05/2022",
				    .date_to = "30/06/2022" };
	CHECK_INT(inspection_add(f->s, &f->insp_acct, &n, &f->insp, &why), APP_OK);
	return f->insp != 0;
}

static void teardown(struct ix *f)
{
	store_close(f->s);
	arena_release(&f->a);
}

static const struct finding_new PAR = {
	.content = "Chỉ số cải cách hành chính xếp cuối bảng của thành phố",
	.cause_kind = FC_SUBJECTIVE,
	.cause = "Người đứng đầu chưa quan tâm chỉ đạo",
	.addressee_unit_code = "HU-TT",
	.remedy = "Xây dựng kế hoạch nâng cao chỉ số cải cách hành chính",
	.deadline = "31/12/2022",
};

static int64_t count_rows(struct store *s, int64_t conclusion_id)
{
	static struct query Q = { "SELECT COUNT(*) FROM finding WHERE conclusion_id = $1", NULL, 0 };
	struct stmt *st = store_stmt(s, &Q);
	bool row = false;
	int64_t n = -1;
	stmt_bind_int64(st, 1, conclusion_id);
	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

TEST(db_inspect_conclusion_rules)
{
	struct ix f;
	const char *why = NULL;
	int64_t c = 0, fid = 0, c2 = 0;
	struct conclusion cv;

	if (!setup(&f))
		goto out;
	/* An inspection's own checks. */
	struct inspection_new bad = { .kind = IK_INSPECTION_THEMATIC,
				      .target_code = "NOPE",
				      .title = "x",
				      .date_from = "2022-05-05",
				      .date_to = "2022-05-06" };
	CHECK_INT(inspection_add(f.s, NULL, &bad, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "không tồn tại");
	bad.target_code = "HU-TT";
	bad.date_to = "2022-05-01";
	CHECK_INT(inspection_add(f.s, NULL, &bad, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Ngày kết thúc trước");
	bad.date_to = "2022-05-07";
	CHECK_INT(inspection_add(f.s, &f.dp_acct, &bad, NULL, &why), APP_EDENIED);

	struct inspection in;
	CHECK_INT(inspection_get(f.s, &f.a, &f.tt_acct, f.insp, &in), APP_OK);
	CHECK_STR(in.date_from, "2022-05-05");
	CHECK_STR(in.unit_name, "Huyện ủy Thường Tín");
	CHECK_INT(in.year, 2022);
	CHECK_STR(in.state, "planned");
	CHECK_INT(inspection_get(f.s, &f.a, &f.dp_acct, f.insp, &in), APP_EDENIED);

	CHECK_INT(conclusion_create(f.s, &f.insp_acct, f.insp, "2022-07-15", "15-TB/TU", "Biểu dương công tác dân vận",
				    "Phê bình chậm cải cách hành chính", &c, &why),
		  APP_OK);
	CHECK_INT(conclusion_create(f.s, &f.insp_acct, f.insp, "2022-07-15", NULL, NULL, NULL, NULL, &why),
		  APP_ECONFLICT);

	/* Deadline before the conclusion's date: refused at once, nothing stored. */
	struct finding_new g = PAR;
	g.deadline = "14/07/2022";
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &g, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "trước ngày kết luận");
	g.deadline = "31/02/2022";
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &g, NULL, &why), APP_EINVAL);
	g = PAR;
	g.addressee_unit_code = "NOPE";
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &g, NULL, &why), APP_EINVAL);
	g.content = "  ";
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &g, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Thiếu nội dung");
	CHECK_INT(count_rows(f.s, c), 0);

	/* Incomplete findings: stored as draft, but the conclusion cannot be issued. */
	const char *expect[] = { "thiếu nguyên nhân", "thiếu địa chỉ", "thiếu thời hạn", "thiếu biện pháp" };
	for (int i = 0; i < 4; i++) {
		int64_t cc = 0, bad_id = 0;
		struct inspection_new n2 = { .kind = IK_SUPERVISION_THEMATIC,
					     .target_code = "X1",
					     .title = "Giám sát",
					     .date_from = "2022-05-05",
					     .date_to = "2022-05-06" };
		int64_t iid;
		CHECK_INT(inspection_add(f.s, NULL, &n2, &iid, &why), APP_OK);
		CHECK_INT(conclusion_create(f.s, NULL, iid, "2022-07-01", NULL, NULL, NULL, &cc, &why), APP_OK);
		g = PAR;
		if (i == 0)
			g.cause_kind = FC_NONE;
		if (i == 1)
			g.addressee_unit_code = NULL;
		if (i == 2)
			g.deadline = NULL;
		if (i == 3)
			g.remedy = "";
		CHECK_INT(finding_add(f.s, NULL, cc, &PAR, NULL, &why), APP_OK);
		CHECK_INT(finding_add(f.s, NULL, cc, &g, &bad_id, &why), APP_OK);
		CHECK_INT(conclusion_issue(f.s, NULL, cc, &why), APP_EINVAL);
		CHECK_CONTAINS(why, "khuyết điểm số 2");
		CHECK_CONTAINS(why, expect[i]);
		struct conclusion d;
		CHECK_INT(conclusion_get(f.s, &f.a, NULL, cc, &d), APP_OK);
		CHECK_STR(d.state, "draft");
		CHECK_INT(d.findings.n, 2);
		CHECK(!d.findings.v[0].live && !d.findings.v[1].live);
	}
	/* An empty conclusion cannot be issued either. */
	{
		struct inspection_new n3 = { .kind = IK_SUPERVISION_REGULAR,
					     .target_code = "X1",
					     .title = "Giám sát",
					     .date_from = "2022-05-05",
					     .date_to = "2022-05-06" };
		int64_t iid, cc;
		CHECK_INT(inspection_add(f.s, NULL, &n3, &iid, &why), APP_OK);
		CHECK_INT(conclusion_create(f.s, NULL, iid, "2022-07-01", NULL, NULL, NULL, &cc, &why), APP_OK);
		CHECK_INT(conclusion_issue(f.s, NULL, cc, &why), APP_EINVAL);
		CHECK_CONTAINS(why, "chưa có nội dung");
	}

	/* The real one. A staff member of another subtree cannot add or issue. */
	CHECK_INT(finding_add(f.s, &f.dp_acct, c, &PAR, NULL, &why), APP_EDENIED);
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &PAR, &fid, &why), APP_OK);
	CHECK_INT(conclusion_issue(f.s, &f.dp_acct, c, &why), APP_EDENIED);
	CHECK_INT(conclusion_issue(f.s, &f.insp_acct, c, &why), APP_OK);
	CHECK_INT(conclusion_issue(f.s, &f.insp_acct, c, &why), APP_ECONFLICT);
	CHECK_INT(inspection_get(f.s, &f.a, NULL, f.insp, &in), APP_OK);
	CHECK_STR(in.state, "concluded");

	/* Issued: never edited. */
	CHECK_INT(finding_add(f.s, &f.insp_acct, c, &PAR, NULL, &why), APP_ECONFLICT);
	CHECK_CONTAINS(why, "đính chính");
	CHECK_INT(count_rows(f.s, c), 1);

	/* Reading it from another subtree is refused; from the unit it is allowed. */
	CHECK_INT(conclusion_get(f.s, &f.a, &f.dp_acct, c, &cv), APP_EDENIED);
	CHECK_INT(conclusion_get(f.s, &f.a, &f.tt_acct, c, &cv), APP_OK);
	CHECK_STR(cv.state, "issued");
	CHECK_INT(cv.findings.n, 1);
	CHECK(cv.findings.v[0].live);
	CHECK_STR(cv.findings.v[0].addressee, "Huyện ủy Thường Tín");
	CHECK_STR(cv.findings.v[0].cause_kind, "subjective");

	/* A correction: a new version; the old stays readable and live until the new one is issued. */
	CHECK_INT(conclusion_correct(f.s, &f.insp_acct, c, NULL, "", &c2, &why), APP_EINVAL);
	CHECK_INT(conclusion_correct(f.s, &f.insp_acct, c, "2022-07-20", "Sửa thời hạn theo ý kiến Thường trực", &c2,
				     &why),
		  APP_OK);
	CHECK_INT(conclusion_correct(f.s, &f.insp_acct, c, NULL, "lần nữa", NULL, &why), APP_ECONFLICT);
	struct finding_new extra = PAR;
	extra.content = "Chưa kiện toàn bộ phận một cửa";
	extra.cause_kind = FC_OBJECTIVE;
	extra.addressee_unit_code = NULL;
	extra.addressee_person = "Đồng chí Bí thư Huyện ủy";
	CHECK_INT(finding_add(f.s, &f.insp_acct, c2, &extra, NULL, &why), APP_OK);
	struct finding_list open;
	CHECK_INT(finding_open_for_unit(f.s, &f.a, NULL, f.tt, "2022-08-01", &open), APP_OK);
	CHECK_INT(open.n, 1); /* the draft correction is not live yet */
	CHECK_INT(conclusion_issue(f.s, &f.insp_acct, c2, &why), APP_OK);
	CHECK_INT(conclusion_get(f.s, &f.a, NULL, c, &cv), APP_OK);
	CHECK_STR(cv.state, "superseded");
	CHECK_INT(cv.findings.n, 1);
	CHECK_STR(cv.findings.v[0].content, PAR.content);
	CHECK_INT(conclusion_get(f.s, &f.a, NULL, c2, &cv), APP_OK);
	CHECK_STR(cv.state, "issued");
	CHECK_INT(cv.version, 2);
	CHECK_STR(cv.correction_reason, "Sửa thời hạn theo ý kiến Thường trực");
	CHECK_INT(cv.findings.n, 2);
	CHECK_STR(cv.findings.v[1].addressee, "Đồng chí Bí thư Huyện ủy");
	CHECK_STR(cv.findings.v[1].addressee_kind, "person");
	CHECK_INT(finding_open_for_unit(f.s, &f.a, NULL, f.tt, "2022-08-01", &open), APP_OK);
	CHECK_INT(open.n, 2);
	CHECK_INT(finding_open_for_unit(f.s, &f.a, &f.dp_acct, f.tt, "2022-08-01", &open), APP_EDENIED);
	int64_t *vers;
	size_t nv;
	CHECK_INT(conclusion_versions(f.s, &f.a, NULL, f.insp, &vers, &nv), APP_OK);
	CHECK_INT(nv, 2);
	CHECK(nv == 2 && vers[0] == c && vers[1] == c2);

	struct audit_verify av;
	CHECK_INT(audit_verify(f.s, &av), APP_OK);
	CHECK_INT(av.broken_at, 0);
	CHECK(av.entries >= 8);
out:
	teardown(&f);
}

TEST(db_inspect_followup_and_accountability)
{
	struct ix f;
	const char *why = NULL;
	int64_t c = 0, fid = 0, f2 = 0, r1 = 0, r2 = 0;
	struct accountability acc;

	if (!setup(&f))
		goto out;
	CHECK_INT(conclusion_create(f.s, NULL, f.insp, "2022-07-15", "15-TB/TU", NULL, "Phê bình", &c, &why), APP_OK);
	CHECK_INT(finding_add(f.s, NULL, c, &PAR, &fid, &why), APP_OK);
	struct finding_new g = PAR;
	g.content = "Chậm giải quyết thủ tục đất đai";
	g.addressee_unit_code = "X1";
	g.deadline = "2022-09-30";
	CHECK_INT(finding_add(f.s, NULL, c, &g, &f2, &why), APP_OK);

	/* Not live until issued: no report. */
	struct evidence_in pdf = { .filename = "bao-cao.pdf", .data = "%PDF-1.7\n%%EOF\n", .n = 15 };
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2022-08-01", "Đã có kế hoạch", &pdf, 1, &r1, &why),
		  APP_ECONFLICT);
	CHECK_INT(conclusion_issue(f.s, NULL, c, &why), APP_OK);

	/* Status as of dates: within deadline, then overdue. */
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2022-09-30", &acc), APP_OK);
	CHECK_INT(acc.list.n, 0);
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2022-10-10", &acc), APP_OK);
	CHECK_INT(acc.list.n, 1);
	CHECK_INT(acc.ngroups, 1);
	CHECK_STR(acc.groups[0].addressee, "Đảng ủy xã Nhị Khê");
	CHECK_INT(acc.list.v[0].days_overdue, 10);
	CHECK(acc.list.v[0].status == TS_OVERDUE);
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 2);
	CHECK_INT(acc.ngroups, 2);
	CHECK_STR(acc.groups[0].addressee, "Huyện ủy Thường Tín");
	CHECK_INT(acc.groups[0].max_days, 2);
	CHECK_INT(acc.groups[1].max_days, 94);
	/* Scope: Đan Phượng's subtree has none; its staff cannot ask for Thường Tín's. */
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, f.dp, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 0);
	CHECK_INT(finding_accountability(f.s, &f.a, &f.dp_acct, f.tt, "2023-01-02", &acc), APP_EDENIED);
	CHECK_INT(finding_accountability(f.s, &f.a, &f.dp_acct, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 0);
	CHECK_INT(finding_accountability(f.s, &f.a, &f.tt_acct, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 2);

	/* Bad evidence: forbidden type, too big; nothing stored. */
	struct evidence_in exe = { .filename = "x.exe", .data = "MZ\x90\0\3\0\0\0", .n = 8 };
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2022-12-01", "Đã khắc phục", &exe, 1, &r1, &why), APP_EINVAL);
	CHECK(why != NULL);
	size_t big_n = ATTACHMENT_MAX + 1;
	char *big = xmalloc(big_n);
	memcpy(big, "%PDF-1.7\n", 9);
	memset(big + 9, 'a', big_n - 9);
	struct evidence_in two[2] = { pdf, { .filename = "lon.pdf", .data = big, .n = big_n } };
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2022-12-01", "Đã khắc phục", two, 2, &r1, &why), APP_ETOOBIG);
	CHECK_CONTAINS(why, "dung lượng");
	free(big);
	{
		static struct query Q = { "SELECT (SELECT COUNT(*) FROM finding_report) + (SELECT COUNT(*) FROM blob)",
					  NULL, 0 };
		struct stmt *st = store_stmt(f.s, &Q);
		bool row = false;
		CHECK_INT(stmt_step(st, &row), APP_OK);
		CHECK_INT(row ? stmt_col_int64(st, 0) : -1, 0);
		stmt_done(st);
	}
	CHECK_INT(finding_report(f.s, &f.dp_acct, fid, "2022-12-01", "x", &pdf, 1, &r1, &why), APP_EDENIED);

	/* Report, returned, reported again, accepted (late: done after the deadline). */
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2022-12-01", "Đã ban hành kế hoạch", &pdf, 1, &r1, &why),
		  APP_OK);
	CHECK_INT(finding_decide(f.s, &f.tt_acct, r1, true, "2022-12-02", NULL, &why), APP_EDENIED);
	CHECK_INT(finding_decide(f.s, &f.insp_acct, r1, false, "2022-12-02", "", &why), APP_EINVAL);
	CHECK_INT(finding_decide(f.s, &f.insp_acct, r1, false, "2022-12-02", "Chưa có kết quả đo được", &why), APP_OK);
	CHECK_INT(finding_decide(f.s, &f.insp_acct, r1, true, "2022-12-03", NULL, &why), APP_ECONFLICT);
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2023-01-05", "Chỉ số đã tăng 12 bậc", &pdf, 1, &r2, &why),
		  APP_OK);
	CHECK_INT(finding_decide(f.s, &f.insp_acct, r2, true, "2023-01-04", NULL, &why), APP_EINVAL);
	CHECK_INT(finding_decide(f.s, &f.insp_acct, r2, true, "2023-01-06", NULL, &why), APP_OK);
	CHECK_INT(finding_report(f.s, &f.tt_acct, fid, "2023-01-07", "nữa", NULL, 0, NULL, &why), APP_ECONFLICT);

	struct conclusion cv;
	CHECK_INT(conclusion_get(f.s, &f.a, NULL, c, &cv), APP_OK);
	CHECK_STR(cv.findings.v[0].done_date, "2023-01-05");
	CHECK(task_status_of(cv.findings.v[0].deadline, cv.findings.v[0].done_date, "2023-02-01") == TS_DONE_LATE);
	/* As of a date before the acceptance's report date, it was still overdue. */
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 2);
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2023-01-06", &acc), APP_OK);
	CHECK_INT(acc.list.n, 1);
	struct finding_list open;
	CHECK_INT(finding_open_for_unit(f.s, &f.a, NULL, f.tt, "2023-01-06", &open), APP_OK);
	CHECK_INT(open.n, 1);
	CHECK(open.n == 1 && open.v[0].id == f2 && open.v[0].status == TS_OVERDUE);

	/* A correction carries the done date over: the copy is done too. */
	int64_t c2;
	CHECK_INT(conclusion_correct(f.s, NULL, c, NULL, "Đính chính số hiệu", &c2, &why), APP_OK);
	CHECK_INT(conclusion_issue(f.s, NULL, c2, &why), APP_OK);
	CHECK_INT(conclusion_get(f.s, &f.a, NULL, c2, &cv), APP_OK);
	CHECK_STR(cv.findings.v[0].done_date, "2023-01-05");
	CHECK(cv.findings.v[1].done_date == NULL);
	CHECK_INT(finding_accountability(f.s, &f.a, NULL, 0, "2023-01-06", &acc), APP_OK);
	CHECK_INT(acc.list.n, 1);
	CHECK(acc.list.n == 1 && acc.list.v[0].conclusion_id == c2);

	struct audit_verify av;
	CHECK_INT(audit_verify(f.s, &av), APP_OK);
	CHECK_INT(av.broken_at, 0);
out:
	teardown(&f);
}

TEST(db_inspect_programme_and_teams)
{
	struct ix f;
	const char *why = NULL;
	int64_t i2 = 0, i3 = 0, acc;
	struct team_list t;
	struct inspection_list p;

	if (!setup(&f))
		goto out;
	CHECK_INT(account_add(f.s, "ktv2", "Nguyễn Văn B", ROLE_INSPECTOR, "TU", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_add(f.s, "x1", "Cán bộ xã", ROLE_STAFF, "X1", "mat-khau-dai-1", &acc, &why), APP_OK);
	/* A second inspection overlapping in time (Đan Phượng), one later (Nhị Khê). */
	struct inspection_new n = { .kind = IK_SUPERVISION_THEMATIC,
				    .target_code = "HU-DP",
				    .title = "Giám sát chuyên đề",
				    .date_from = "2022-06-01",
				    .date_to = "2022-06-15" };
	CHECK_INT(inspection_add(f.s, NULL, &n, &i2, &why), APP_OK);
	n.target_code = "X1";
	n.kind = IK_INSPECTION_LOWER;
	n.date_from = "2022-07-01";
	n.date_to = "2022-07-31";
	CHECK_INT(inspection_add(f.s, NULL, &n, &i3, &why), APP_OK);
	n.date_from = "2023-01-10";
	n.date_to = "2023-01-20";
	CHECK_INT(inspection_add(f.s, NULL, &n, NULL, &why), APP_OK);

	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "ktv", TR_LEADER, &why), APP_OK);
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "ktv2", TR_LEADER, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "trưởng đoàn");
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "ktv2", TR_MEMBER, &why), APP_OK);
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "ktv2", TR_SECRETARY, &why), APP_EEXIST);
	/* Conflict of interest: the inspected unit's own staff, and a unit inside it. */
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "tt", TR_MEMBER, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Xung đột lợi ích");
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "x1", TR_MEMBER, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Xung đột lợi ích");
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "nobody", TR_MEMBER, &why), APP_EINVAL);
	/* Overlapping dates: 5/5-30/6 and 1/6-15/6. */
	CHECK_INT(team_add_member(f.s, &f.insp_acct, i2, "ktv2", TR_MEMBER, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "trùng");
	CHECK_INT(team_add_member(f.s, &f.insp_acct, i3, "ktv2", TR_LEADER, &why), APP_OK);
	/* Đan Phượng's staff may sit on Thường Tín's team but cannot form it. */
	CHECK_INT(team_add_member(f.s, &f.dp_acct, f.insp, "dp", TR_MEMBER, &why), APP_EDENIED);
	CHECK_INT(team_add_member(f.s, &f.insp_acct, f.insp, "dp", TR_SECRETARY, &why), APP_OK);

	CHECK_INT(team_list(f.s, &f.a, NULL, f.insp, &t), APP_OK);
	CHECK_INT(t.n, 3);
	CHECK(t.n == 3 && t.v[0].role == TR_LEADER && t.v[1].role == TR_MEMBER && t.v[2].role == TR_SECRETARY);
	CHECK(t.n == 3 && !strcmp(t.v[1].name, "Nguyễn Văn B"));
	CHECK_INT(team_list(f.s, &f.a, NULL, i2, &t), APP_OK);
	CHECK_INT(t.n, 0);

	CHECK_INT(programme_list(f.s, &f.a, NULL, 2022, 0, &p), APP_OK);
	CHECK_INT(p.n, 3);
	CHECK(p.n == 3 && p.v[0].id == f.insp && p.v[1].id == i2 && p.v[2].id == i3);
	CHECK_INT(programme_list(f.s, &f.a, &f.tt_acct, 2022, 0, &p), APP_OK);
	CHECK_INT(p.n, 2);
	CHECK_INT(programme_list(f.s, &f.a, &f.dp_acct, 2022, f.tt, &p), APP_EDENIED);
	CHECK_INT(programme_list(f.s, &f.a, NULL, 2023, 0, &p), APP_OK);
	CHECK_INT(p.n, 1);
out:
	teardown(&f);
}
