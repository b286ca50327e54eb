/* Plans in the database: cascade coverage, tasks, states, access, import. */
#include "test.h"

#include "model/account.h"
#include "model/audit.h"
#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

struct fx {
	struct store *s;
	int64_t prog; /* 01-CTr/TU */
	int64_t ind[14];
	struct arena a;
	struct account city, tt, dp, tt_viewer;
};

static void acct(struct fx *f, const char *login, enum role r, const char *unit, struct account *out)
{
	int64_t id = 0;
	const char *why;

	CHECK_INT(account_add(f->s, login, login, r, unit, "mat-khau-dai-1", &id, &why), APP_OK);
	CHECK_INT(account_get(f->s, &f->a, id, out), APP_OK);
}

/* Programme 01-CTr/TU with 14 indicators over a city, two districts, two communes. */
static bool setup(struct fx *f)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "X-NK", .name = "Đảng ủy xã Nhị Khê", .kind = UNIT_COMMUNE, .parent_code = "HU-TT" },
		{ .code = "AG", .name = "Đảng ủy Khối cơ quan", .kind = UNIT_AGENCY, .parent_code = "TU" },
	};
	struct directive_new d = { .unit_code = "TU",
				   .number = "01-CTr/TU",
				   .doc_date = "17/03/2021",
				   .title = "Chương trình số 01-CTr/TU",
				   .period_from = "2021-01-01",
				   .period_to = "2025-12-31" };
	struct directive_result r;
	const char *why;

	memset(f, 0, sizeof(*f));
	arena_init(&f->a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &f->s, NULL), APP_OK);
	if (!f->s)
		return false;
	CHECK_INT(store_migrate(f->s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(f->s, &U[i], NULL, NULL), APP_OK);
	CHECK_INT(directive_add(f->s, &d, &r, &why), APP_OK);
	f->prog = r.id;
	for (int i = 0; i < 14; i++) {
		char code[16], name[64];
		struct indicator_new n = { .directive_id = f->prog,
					   .code = code,
					   .name = name,
					   .measure = "%",
					   .dir = i == 13 ? IND_DOWN : IND_UP,
					   .has_target = true,
					   .target = i == 13 ? 5 : 90,
					   .period = PER_YEAR,
					   .agg = AGG_MEAN,
					   /* the agency committee gets only the first two */
					   .kinds = i < 2 ? 0 : (1u << UNIT_DISTRICT) | (1u << UNIT_COMMUNE) };
		snprintf(code, sizeof(code), "CT%02d", i + 1);
		snprintf(name, sizeof(name), "Chỉ tiêu %d", i + 1);
		CHECK_INT(indicator_add(f->s, &n, &f->ind[i], &why), APP_OK);
	}
	acct(f, "city", ROLE_LEADER, "TU", &f->city);
	acct(f, "thuongtin", ROLE_STAFF, "HU-TT", &f->tt);
	acct(f, "danphuong", ROLE_STAFF, "HU-DP", &f->dp);
	acct(f, "ttview", ROLE_VIEWER, "HU-TT", &f->tt_viewer);
	return true;
}

static void teardown(struct fx *f)
{
	arena_release(&f->a);
	store_close(f->s);
}

TEST(db_plan_cascade_coverage)
{
	struct fx f;
	struct plan_new p = { .unit_code = "HU-TT",
			      .title = "Kế hoạch thực hiện Chương trình 01-CTr/TU",
			      .plan_date = "10/05/2021" };
	struct coverage c;
	struct coverage_list l;
	char ratio[16];
	const char *why;
	int64_t pid = 0, pid2 = 0;

	if (!setup(&f))
		return;
	p.directive_id = f.prog;
	CHECK_INT(plan_create(f.s, &f.tt, &p, &pid, &why), APP_OK);
	/* Thường Tín adopts fewer: 6 of 14, one without a number, one weaker. */
	for (int i = 0; i < 4; i++)
		CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[i], true, 95, &why), APP_OK);
	CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[4], false, 0, &why), APP_OK);
	CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[13], true, 8, &why), APP_OK); /* lower is better: 8 > 5 */
	CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[0], true, 85, &why), APP_OK); /* re-adopt: now weaker */
	CHECK_INT(coverage_unit(f.s, &f.a, f.prog, f.tt.unit_id, &c, true), APP_OK);
	coverage_ratio(&c, ratio, sizeof(ratio));
	CHECK_STR(ratio, "6/14");
	CHECK_INT(c.unmeasurable, 1);
	CHECK_INT(c.weaker, 2);
	CHECK_INT(c.nitems, 14);
	if (c.nitems == 14) {
		CHECK(c.items[0].state == COV_WEAKER);
		CHECK(c.items[1].state == COV_OK);
		CHECK(c.items[4].state == COV_UNMEASURABLE);
		CHECK(c.items[5].state == COV_MISSING);
		CHECK(c.items[13].state == COV_WEAKER);
		CHECK(c.items[13].superior_target == 5);
	}
	/* The commune under Thường Tín is judged against Thường Tín's targets. */
	struct plan_new pc = {
		.unit_code = "X-NK", .directive_id = f.prog, .title = "Kế hoạch của xã", .plan_date = "2021-06-01"
	};
	CHECK_INT(plan_create(f.s, NULL, &pc, &pid2, &why), APP_OK);
	CHECK_INT(plan_adopt(f.s, NULL, pid2, f.ind[1], true, 92, &why), APP_OK); /* TT says 95 */
	CHECK_INT(plan_adopt(f.s, NULL, pid2, f.ind[5], true, 92, &why), APP_OK); /* TT none: city's 90 */
	CHECK_INT(coverage_unit(f.s, &f.a, f.prog, pid2 ? 0 : 0, &c, false), APP_ENOTFOUND);
	struct unit xu;
	CHECK_INT(unit_get_by_code(f.s, &f.a, "X-NK", &xu), APP_OK);
	CHECK_INT(coverage_unit(f.s, &f.a, f.prog, xu.id, &c, true), APP_OK);
	CHECK_INT(c.adopted, 2);
	CHECK_INT(c.weaker, 1);
	/* City view: worst first; the agency has 2 applicable, Đan Phượng no plan. */
	CHECK_INT(coverage_city(f.s, &f.a, f.prog, 0, &l), APP_OK);
	CHECK_INT(l.n, 4);
	if (l.n == 4) {
		CHECK_STR(l.v[0].unit_code, "AG"); /* 0/2, ties by Vietnamese order */
		CHECK_STR(l.v[1].unit_code, "HU-DP");
		CHECK(!l.v[1].has_plan);
		CHECK_STR(l.v[2].unit_code, "X-NK");  /* 2/14 */
		CHECK_STR(l.v[3].unit_code, "HU-TT"); /* 6/14 */
		CHECK_INT(l.v[0].applicable, 2);
	}
	CHECK_INT(coverage_city(f.s, &f.a, f.prog, f.tt.unit_id, &l), APP_OK);
	CHECK_INT(l.n, 1);
	/* Direct subordinates only: the commune under Thường Tín is left out. */
	CHECK_INT(coverage_children(f.s, &f.a, f.prog, 0, &l), APP_OK);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.v[0].unit_code, "AG");
		CHECK_STR(l.v[2].unit_code, "HU-TT");
		CHECK_INT(l.v[2].weaker, 2);
	}

	/* Bad input: not applicable, another directive's, a percentage of 150. */
	CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[0], true, 150, &why), APP_EINVAL);
	struct plan_new pa = {
		.unit_code = "AG", .directive_id = f.prog, .title = "KH khối", .plan_date = "2021-06-01"
	};
	int64_t pag = 0;
	CHECK_INT(plan_create(f.s, NULL, &pa, &pag, &why), APP_OK);
	CHECK_INT(plan_adopt(f.s, NULL, pag, f.ind[5], true, 90, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "không áp dụng");
	/* A plan of a unit not subject to the directive (the issuer itself). */
	struct plan_new pt = { .unit_code = "TU", .directive_id = f.prog, .title = "x", .plan_date = "2021-06-01" };
	CHECK_INT(plan_create(f.s, NULL, &pt, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "phạm vi");
	CHECK_INT(plan_create(f.s, NULL, &p, NULL, &why), APP_EEXIST);
	/* Another subtree may not touch Thường Tín's plan; a viewer neither. */
	CHECK_INT(plan_adopt(f.s, &f.dp, pid, f.ind[6], true, 90, &why), APP_EDENIED);
	CHECK_INT(plan_adopt(f.s, &f.tt_viewer, pid, f.ind[6], true, 90, &why), APP_EDENIED);
	CHECK_INT(coverage_unit(f.s, &f.a, f.prog, f.tt.unit_id, &c, false), APP_OK);
	CHECK_INT(c.adopted, 6);
	teardown(&f);
}

TEST(db_plan_tasks_and_states)
{
	struct fx f;
	struct plan_new p = { .unit_code = "HU-TT",
			      .title = "Kế hoạch thực hiện Chương trình 01-CTr/TU",
			      .plan_date = "10/05/2021" };
	struct task_new t = { .content = "Rà soát, bổ sung quy hoạch cán bộ",
			      .lead = "Ban Tổ chức Huyện ủy",
			      .cooperate = "Văn phòng Huyện ủy",
			      .process = "Hướng dẫn, rà soát, tổng hợp",
			      .responsibility = "Trưởng Ban Tổ chức",
			      .result = "Danh sách quy hoạch được duyệt",
			      .deadline = "quý IV/2021",
			      .indicator_code = "CT01" };
	struct plan got;
	struct audit_verify av;
	const char *why, *summary;
	int64_t pid = 0, tid = 0;
	bool ok;

	if (!setup(&f))
		return;
	p.directive_id = f.prog;
	CHECK_INT(plan_create(f.s, &f.tt, &p, &pid, &why), APP_OK);
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, &tid, &why), APP_OK);
	t.content = "Tăng cường kiểm tra, giám sát";
	t.lead = "đồng chí Bí thư Huyện ủy";
	t.deadline = "30/06/2022";
	t.indicator_code = NULL;
	t.process = NULL; /* missing: flagged, not refused */
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_OK);
	CHECK_INT(plan_get(f.s, &f.a, pid, &got), APP_OK);
	CHECK_INT(got.ntasks, 2);
	CHECK_INT(got.ntasks_failing, 1);
	CHECK(got.number == NULL); /* no numbered doc of its own */
	if (got.ntasks == 2) {
		CHECK_STR(got.tasks[0].deadline, "2021-12-31");
		CHECK_STR(got.tasks[0].indicator_code, "CT01");
		CHECK(got.tasks[0].lead_kind == LEAD_UNIT);
		CHECK(got.tasks[1].lead_kind == LEAD_PERSON);
		CHECK(got.tasks[1].missing == (1u << PE_PROCESS));
		CHECK_STR(got.tasks[1].number, "2");
	}

	/* Co-operating units of the tree; an unknown one refuses the whole task. */
	{
		const char *const coop[] = { "X-NK", "HU-TT", NULL };
		const char *const coop_bad[] = { "X-NK", "NOPE", NULL };
		struct task_new tc = { .content = "Phối hợp kiểm tra",
				       .lead = "Ban Tổ chức Huyện ủy",
				       .deadline = "2022-03-31",
				       .coop_unit_codes = coop };
		int64_t tcid = 0, *ids = NULL;
		size_t nids = 0;

		CHECK_INT(plan_add_task(f.s, &f.tt, pid, &tc, &tcid, &why), APP_OK);
		CHECK_INT(plan_task_coop(f.s, &f.a, tcid, &ids, &nids), APP_OK);
		CHECK_INT(nids, 2);
		tc.coop_unit_codes = coop_bad;
		CHECK_INT(plan_add_task(f.s, &f.tt, pid, &tc, NULL, &why), APP_EINVAL);
		CHECK_CONTAINS(why, "phối hợp");
		struct plan_list pl;
		CHECK_INT(plan_list(f.s, &f.a, f.prog, 0, &pl), APP_OK);
		CHECK_INT(pl.n, 1);
		if (pl.n == 1) {
			CHECK_INT(pl.v[0].ntasks, 3);
			CHECK_INT(pl.v[0].ntasks_failing, 2);
			CHECK(pl.v[0].state == PLAN_DRAFT);
		}
		CHECK_INT(plan_list(f.s, &f.a, f.prog, f.dp.unit_id, &pl), APP_OK);
		CHECK_INT(pl.n, 0);
		t.number = NULL;
	}
	/* Bad tasks: nothing stored. */
	t.process = "x";
	t.lead = "Ban Tổ chức và Văn phòng Huyện ủy";
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "một đầu mối");
	t.lead = "Ban Tuyên giáo";
	t.deadline = "31/02/2022";
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "không có thật");
	t.deadline = "01/01/2021";
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "trước ngày ban hành");
	t.deadline = "2026-06-30";
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "thời kỳ");
	t.deadline = "2022-06-30";
	t.indicator_code = "CT99";
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_EINVAL);
	CHECK_INT(plan_add_task(f.s, &f.dp, pid, &t, NULL, &why), APP_EDENIED);
	CHECK_INT(plan_get(f.s, &f.a, pid, &got), APP_OK);
	CHECK_INT(got.ntasks, 3);

	/* States: the unit submits; only a superior reviews. */
	CHECK_INT(plan_accept(f.s, &f.city, pid, NULL, &why), APP_ECONFLICT); /* not submitted */
	CHECK_INT(plan_submit(f.s, &f.dp, pid, &why), APP_EDENIED);
	CHECK_INT(plan_submit(f.s, &f.tt, pid, &why), APP_OK);
	CHECK_INT(plan_add_task(f.s, &f.tt, pid, &t, NULL, &why), APP_ECONFLICT);
	CHECK_INT(plan_accept(f.s, &f.tt, pid, "ok", &why), APP_EDENIED); /* not its own superior */
	CHECK_INT(plan_db_check(f.s, &f.a, pid, &ok, &summary), APP_OK);
	CHECK(!ok);
	CHECK_CONTAINS(summary, "0/14");
	CHECK_INT(plan_accept(f.s, &f.city, pid, NULL, &why), APP_ECONFLICT);
	CHECK_CONTAINS(why, "lý do");
	CHECK_INT(plan_accept(f.s, &f.city, pid, "   ", &why), APP_ECONFLICT);
	CHECK_INT(plan_get(f.s, &f.a, pid, &got), APP_OK);
	CHECK(got.state == PLAN_SUBMITTED);
	CHECK_INT(plan_return(f.s, &f.city, pid, NULL, &why), APP_EINVAL);
	CHECK_INT(plan_return(f.s, &f.city, pid, "Bổ sung chỉ tiêu cho đủ 14", &why), APP_OK);
	CHECK_INT(plan_adopt(f.s, &f.tt, pid, f.ind[0], true, 90, &why), APP_OK); /* editable again */
	CHECK_INT(plan_submit(f.s, &f.tt, pid, &why), APP_OK);
	CHECK_INT(plan_accept(f.s, &f.city, pid, "Chấp thuận để triển khai ngay, bổ sung chỉ tiêu sau", &why), APP_OK);
	CHECK_INT(plan_get(f.s, &f.a, pid, &got), APP_OK);
	CHECK(got.state == PLAN_ACCEPTED);
	CHECK_CONTAINS(got.override_reason, "bổ sung chỉ tiêu sau");
	CHECK_INT(plan_submit(f.s, &f.tt, pid, &why), APP_ECONFLICT);
	CHECK_INT(audit_verify(f.s, &av), APP_OK);
	CHECK_INT(av.broken_at, 0);
	CHECK_INT(av.entries,
		  8); /* create, 3 tasks added (not the refused ones), submit, return, submit, accept_override */
	CHECK_INT(plan_task_done(f.s, &f.tt, tid, "2021-12-15", &why), APP_OK);
	CHECK_INT(plan_task_done(f.s, &f.dp, tid, "2021-12-15", &why), APP_EDENIED);
	teardown(&f);
}

TEST(plan_deadline_forms)
{
	char d[11];

	CHECK_INT(plan_deadline_parse("hoàn thành trước ngày 30/6/2022", d), 1);
	CHECK_STR(d, "2022-06-30");
	CHECK_INT(plan_deadline_parse("Quý II/2022", d), 1);
	CHECK_STR(d, "2022-06-30");
	CHECK_INT(plan_deadline_parse("quý 1 năm 2024", d), 1);
	CHECK_STR(d, "2024-03-31");
	CHECK_INT(plan_deadline_parse("Tháng 2/2024", d), 1);
	CHECK_STR(d, "2024-02-29");
	CHECK_INT(plan_deadline_parse("năm 2023", d), 1);
	CHECK_STR(d, "2023-12-31");
	CHECK_INT(plan_deadline_parse("Thường xuyên", d), 0);
	CHECK_INT(plan_deadline_parse("31/02/2025", d), -1);
	CHECK_INT(plan_deadline_parse("13/2025", d), -1);
	CHECK_INT(plan_deadline_parse("", d), 0);
}

static const char GOOD_PLAN[] =
	"ĐẢNG BỘ HUYỆN THƯỜNG TÍN\n"
	"KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU\n"
	"II. NHIỆM VỤ TRỌNG TÂM\n"
	"1. Đẩy mạnh cải cách hành chính, do Văn phòng HĐND-UBND huyện chủ trì, "
	"theo quy trình một cửa, Chánh Văn phòng chịu trách nhiệm, hoàn thành trước ngày 31/12/2022.\n"
	"2. Tăng cường công tác kiểm tra, giám sát.\n"
	"- Thời gian: thường xuyên\n"
	"III. TỔ CHỨC THỰC HIỆN\n";

static const char BAD_PLAN[] =
	"KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU\n"
	"II. NHIỆM VỤ TRỌNG TÂM\n"
	"1. Đẩy mạnh cải cách hành chính, do Văn phòng chủ trì, hoàn thành trước ngày 31/12/2022.\n"
	"2. Rà soát tổ chức bộ máy.\n"
	"- Chủ trì: Ban Tổ chức, Văn phòng Huyện ủy\n"
	"- Thời hạn: 30/6/2022\n"
	"III. TỔ CHỨC THỰC HIỆN\n";

TEST(db_plan_import_all_or_nothing)
{
	struct fx f;
	struct plan_new p = { .unit_code = "HU-TT", .title = "Kế hoạch 45-KH/HU", .plan_date = "2021-05-10" };
	struct plan_import_error err;
	struct plan got;
	struct idoc d;
	const char *why;
	int64_t pid = 0, found = 0;
	size_t n = 0;

	if (!setup(&f))
		return;
	p.directive_id = f.prog;
	CHECK_INT(idoc_read_mem(BAD_PLAN, sizeof(BAD_PLAN) - 1, &d, &why), APP_OK);
	CHECK_INT(plan_import(f.s, NULL, &p, &d, &pid, &n, NULL, NULL, &err), APP_EINVAL);
	idoc_release(&d);
	CHECK_STR(err.task_number, "2");
	CHECK(err.row > 0);
	CHECK_CONTAINS(err.vi, "nhiệm vụ 2");
	CHECK_CONTAINS(err.vi, "một đầu mối");
	CHECK_INT(plan_find(f.s, f.tt.unit_id, f.prog, &found), APP_ENOTFOUND); /* nothing half-stored */

	struct directive_new kh = { .unit_code = "HU-TT",
				    .number = "45-KH/HU",
				    .doc_date = "2021-05-10",
				    .title = "Kế hoạch thực hiện Chương trình 01-CTr/TU" };
	struct directive_result khr;
	CHECK_INT(directive_add(f.s, &kh, &khr, &why), APP_OK);
	p.doc_id = khr.id;
	CHECK_INT(idoc_read_mem(GOOD_PLAN, sizeof(GOOD_PLAN) - 1, &d, &why), APP_OK);
	CHECK_INT(plan_import(f.s, &f.dp, &p, &d, &pid, &n, NULL, NULL, &err), APP_EDENIED);
	CHECK_INT(plan_import(f.s, &f.tt, &p, &d, &pid, &n, NULL, NULL, &err), APP_OK);
	idoc_release(&d);
	CHECK_INT(n, 2);
	CHECK_INT(plan_get(f.s, &f.a, pid, &got), APP_OK);
	CHECK_STR(got.number, "45-KH/HU");
	CHECK_INT(got.ntasks, 2);
	if (got.ntasks == 2) {
		CHECK_STR(got.tasks[0].deadline, "2022-12-31");
		CHECK(got.tasks[1].deadline == NULL);
		CHECK(got.tasks[1].missing & (1u << PE_DEADLINE));
	}
	teardown(&f);
}
