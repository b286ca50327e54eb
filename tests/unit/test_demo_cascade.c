/*
** The cascade demo (model/demo_cascade.c): 310/KH-UBND with the five
** targets its text writes, the three commune plans with their tasks and
** adopted indicators, the sample values marked "Dữ liệu mẫu", and no
** invented indicator for Programme 01-CTr/TU.
*/
#include "test.h"

#include <sys/stat.h>

#include "model/account.h"
#include "model/coverage.h"
#include "model/demo.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static int64_t unit_id(struct store *s, struct arena *a, const char *code)
{
	struct unit u;

	CHECK_INT(unit_get_by_code(s, a, code, &u), APP_OK);
	return u.id;
}

TEST(db_demo_cascade_content)
{
	struct store *s = NULL;
	struct demo_stats st;
	struct arena a;
	struct indicator_list il;
	struct coverage cv;
	struct value_list vl;
	struct rollup ru;
	struct task_status_counts ts;
	struct plan pl;
	struct stat sb;
	const char *why = NULL;
	int64_t dir = 0, ctr = 0, plan = 0, tt, th, qm, root;
	char *text = NULL;
	size_t len = 0;

	if (stat("data/admin/units_2025-07-01.csv", &sb) != 0)
		return;
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(demo_build(s, "data", "demo-password-1", &st, &why), APP_OK);
	arena_init(&a);
	CHECK_INT(directive_find(s, "310/KH-UBND", &dir), APP_OK);
	CHECK_INT(indicator_list(s, &a, dir, &il), APP_OK);
	CHECK_INT((long long)il.n, 5);
	/* each target is written in the document (section II) */
	CHECK_INT(file_read("data/demo/310-KH-UBND-2025.txt", 1 << 20, &text, &len), APP_OK);
	if (il.n == 5 && text) {
		CHECK_STR(il.v[0].code, "MT01");
		CHECK(il.v[0].target == 100 && il.v[0].agg == AGG_RATIO && strcmp(il.v[0].measure, "%") == 0);
		CHECK_CONTAINS(text, "100% các khu công nghệ cao, khu công nghiệp, cụm công nghiệp có tối thiểu 1 trạm "
				     "phát sóng 5G.");
		CHECK_CONTAINS(text,
			       "100% nhà đầu tư trong khu công nghệ cao, khu công nghiệp, cụm công nghiệp được tư vấn");
		CHECK(il.v[2].target == 2 && strcmp(il.v[2].measure, "dự án") == 0);
		CHECK_CONTAINS(text, "tối thiểu 2 dự án");
		CHECK_CONTAINS(text,
			       "100% các khu công nghệ cao và khu công nghiệp được ứng dụng phần mềm quản lý hạ tầng");
		CHECK_CONTAINS(
			text,
			"100% nhà đầu tư đang hoạt động trong các khu công nghệ cao, khu công nghiệp được tư vấn");
		for (size_t i = 0; i < il.n; i++)
			CHECK(indicator_applies(&il.v[i], UNIT_COMMUNE) && !indicator_applies(&il.v[i], UNIT_CITY));
	}
	free(text);
	/* Programme 01-CTr/TU: no invented indicators */
	CHECK_INT(directive_find(s, "01-CTr/TU", &ctr), APP_OK);
	CHECK_INT(indicator_list(s, &a, ctr, &il), APP_OK);
	CHECK_INT((long long)il.n, 0);

	root = unit_id(s, &a, DEMO_ROOT_CODE);
	th = unit_id(s, &a, "09955");
	tt = unit_id(s, &a, "10183");
	qm = unit_id(s, &a, "08974");
	/* Thạch Thất: 3 complete tasks read from its text, MT01 at 100 % */
	CHECK_INT(plan_find(s, th, dir, &plan), APP_OK);
	CHECK_INT(plan_get(s, &a, plan, &pl), APP_OK);
	CHECK_INT((long long)pl.ntasks, 3);
	CHECK_INT((long long)pl.ntasks_failing, 0);
	if (pl.ntasks == 3) {
		CHECK_STR(pl.tasks[0].lead, "Phòng Kinh tế xã");
		CHECK_STR(pl.tasks[0].deadline, "2026-03-31");
		CHECK_STR(pl.tasks[1].deadline, "2026-06-30");
	}
	CHECK_INT(coverage_unit(s, &a, dir, th, &cv, false), APP_OK);
	CHECK_INT(cv.adopted, 1);
	CHECK_INT(cv.applicable, 5);
	CHECK_INT(cv.unmeasurable, 0);
	/* Thường Tín: 5 tasks, each missing its lead and deadline; MT01 without a number */
	CHECK_INT(plan_find(s, tt, dir, &plan), APP_OK);
	CHECK_INT(plan_get(s, &a, plan, &pl), APP_OK);
	CHECK_INT((long long)pl.ntasks, 5);
	CHECK_INT((long long)pl.ntasks_failing, 5);
	CHECK_INT(coverage_unit(s, &a, dir, tt, &cv, false), APP_OK);
	CHECK_INT(cv.adopted, 1);
	CHECK_INT(cv.unmeasurable, 1);
	/* Quang Minh: a copy of the city's solutions, nothing adopted */
	CHECK_INT(plan_find(s, qm, dir, &plan), APP_OK);
	CHECK_INT(plan_get(s, &a, plan, &pl), APP_OK);
	CHECK_INT((long long)pl.ntasks, 4);
	CHECK_INT(coverage_unit(s, &a, dir, qm, &cv, false), APP_OK);
	CHECK_INT(cv.adopted, 0);

	/* sample values, marked; the city's roll-up by the ratio of sums: (1 + 1) / (2 + 3) */
	CHECK_INT(progress_unit_values(s, &a, dir, th, &vl), APP_OK);
	CHECK_INT((long long)vl.n, 2);
	if (vl.n)
		CHECK_CONTAINS(vl.v[0].note, "Dữ liệu mẫu");
	CHECK_INT(progress_rollup(s, vl.n ? vl.v[0].indicator_id : 0, root, "2026", &ru), APP_OK);
	CHECK(ru.has_value && ru.value > 39.99 && ru.value < 40.01);
	CHECK_INT(ru.reporting, 2);
	/* Thạch Thất's tasks as of 01/11/2026: on time, late, overdue */
	CHECK_INT(progress_task_status(s, th, "2026-11-01", &ts), APP_OK);
	CHECK_INT(ts.n[TS_DONE_ON_TIME], 1);
	CHECK_INT(ts.n[TS_DONE_LATE], 1);
	CHECK_INT(ts.n[TS_OVERDUE], 1);
	arena_release(&a);
	store_close(s);
}
