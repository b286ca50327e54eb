/* Risk scores: each signal counted from its own records, weights per year, scope. */
#include "test.h"

#include "model/account.h"
#include "model/complaint.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/inspect.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static const struct risk_row *row_of(const struct risk_table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].code, code))
			return &t->v[i];
	return NULL;
}

TEST(db_risk_scores)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-QO", .name = "Huyện ủy Quốc Oai", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	struct store *s = NULL;
	struct arena a;
	const char *why = NULL;
	int64_t tt = 0, dp = 0, acc;
	struct account dpacct, viewer;
	struct risk_table t;

	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	int64_t *ids[] = { NULL, &tt, &dp, NULL };
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], ids[i], NULL), APP_OK);
	CHECK_INT(account_add(s, "dp", "dp", ROLE_STAFF, "HU-DP", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &dpacct), APP_OK);
	CHECK_INT(account_add(s, "xem", "xem", ROLE_VIEWER, "TU", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &viewer), APP_OK);

	/* Tasks: Thường Tín has 2 overdue, 1 done on time; Đan Phượng 1 overdue. */
	struct directive_new d = { .unit_code = "TU",
				   .number = "01-CTr/TU",
				   .doc_date = "2021-03-17",
				   .title = "Chương trình 01",
				   .period_to = "2025-12-31" };
	struct directive_result r;
	CHECK_INT(directive_add(s, &d, &r, &why), APP_OK);
	struct indicator_new ind = { .directive_id = r.id,
				     .code = "CCHC",
				     .name = "Chỉ số cải cách hành chính",
				     .measure = "điểm",
				     .has_target = true,
				     .target = 85,
				     .period = PER_YEAR,
				     .agg = AGG_MEAN };
	int64_t ind_id;
	CHECK_INT(indicator_add(s, &ind, &ind_id, &why), APP_OK);
	const char *codes[] = { "HU-TT", "HU-DP" };
	for (int u = 0; u < 2; u++) {
		struct plan_new p = {
			.unit_code = codes[u], .directive_id = r.id, .title = "Kế hoạch", .plan_date = "2021-05-01"
		};
		int64_t pid;
		CHECK_INT(plan_create(s, NULL, &p, &pid, &why), APP_OK);
		CHECK_INT(plan_adopt(s, NULL, pid, ind_id, u == 1, 80, &why), APP_OK);
		for (int k = 0; k < (u == 0 ? 3 : 1); k++) {
			struct task_new tk = { .content = "Nhiệm vụ",
					       .lead = "Ban Tổ chức",
					       .deadline = "2022-03-31",
					       .done_date = k == 2 ? "2022-03-01" : NULL };
			CHECK_INT(plan_add_task(s, NULL, pid, &tk, NULL, &why), APP_OK);
		}
	}
	/* Indicator values of 2022: Thường Tín 83.9 < 85 (short); Đan Phượng 82 >= its local 80. */
	struct value_new v = { .indicator_id = ind_id, .unit_code = "HU-TT", .period = "2022", .value = 83.9 };
	CHECK_INT(progress_set(s, NULL, &v, NULL, &why), APP_OK);
	v.unit_code = "HU-DP";
	v.value = 82;
	CHECK_INT(progress_set(s, NULL, &v, NULL, &why), APP_OK);
	/* A complaint against Thường Tín in 2022, one in 2021 (not counted for 2022). */
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 60, "Khai báo thử", "2020-01-01", &why), APP_OK);
	struct complaint_new c = { .kind = CK_DENUNCIATION,
				   .unit_code = "HU-TT",
				   .received = "2022-04-01",
				   .summary = "Tố cáo",
				   .handler = "UBKT" };
	CHECK_INT(complaint_add(s, NULL, &c, NULL, &why), APP_OK);
	c.received = "2021-04-01";
	CHECK_INT(complaint_add(s, NULL, &c, NULL, &why), APP_OK);
	/* Đan Phượng was inspected, ending 2022-06-30, with one finding overdue since 2022-09-30. */
	struct inspection_new in = { .kind = IK_INSPECTION_THEMATIC,
				     .target_code = "HU-DP",
				     .title = "Kiểm tra",
				     .date_from = "2022-06-01",
				     .date_to = "2022-06-30" };
	int64_t iid, cid;
	CHECK_INT(inspection_add(s, NULL, &in, &iid, &why), APP_OK);
	CHECK_INT(conclusion_create(s, NULL, iid, "2022-07-01", NULL, NULL, NULL, &cid, &why), APP_OK);
	struct finding_new fn = { .content = "Chậm",
				  .cause_kind = FC_OBJECTIVE,
				  .cause = "Thiếu cán bộ",
				  .addressee_unit_code = "HU-DP",
				  .remedy = "Bổ sung",
				  .deadline = "2022-09-30" };
	CHECK_INT(finding_add(s, NULL, cid, &fn, NULL, &why), APP_OK);
	CHECK_INT(conclusion_issue(s, NULL, cid, &why), APP_OK);

	/* Default weights: 1 each. As of 2022-12-31. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-12-31", &t), APP_OK);
	CHECK(t.weights.is_default);
	CHECK_INT(t.n, 4);
	const struct risk_row *rt = row_of(&t, "HU-TT"), *rd = row_of(&t, "HU-DP"), *rq = row_of(&t, "HU-QO");
	CHECK(rt && rd && rq);
	if (rt && rd && rq) {
		CHECK(rt->signal[RS_TASKS] == 2 && rt->signal[RS_SHORTFALLS] == 1 && rt->signal[RS_COMPLAINTS] == 1);
		CHECK(rt->signal[RS_FINDINGS] == 0 && rt->signal[RS_YEARS] == RISK_YEARS_CAP);
		CHECK(rd->signal[RS_TASKS] == 1 && rd->signal[RS_SHORTFALLS] == 0 && rd->signal[RS_FINDINGS] == 1);
		CHECK(rd->signal[RS_YEARS] > 0.49 && rd->signal[RS_YEARS] < 0.51); /* 184 days */
		CHECK(rq->score == RISK_YEARS_CAP);
		/* The tasks name no process, responsibility or result: the plan check flags them all. */
		CHECK(rt->signal[RS_PLAN_GAPS] == 3 && rd->signal[RS_PLAN_GAPS] == 1 && rq->signal[RS_PLAN_GAPS] == 0);
		CHECK(rt->score == 2 + 1 + 1 + RISK_YEARS_CAP + 3);
		CHECK(!strcmp(t.v[0].code, "HU-TT"));
	}
	/* The commission's weights for 2022; the latest setting applies, each kept. */
	struct risk_weights w = { .w = { 2, 3, 1, 0.5, 0, 0.25 }, .note = "Nghị quyết của UBKT (thử)" };
	CHECK_INT(risk_weights_set(s, &viewer, 2022, &w, &why), APP_EDENIED);
	w.w[4] = -1;
	CHECK_INT(risk_weights_set(s, NULL, 2022, &w, &why), APP_EINVAL);
	w.w[4] = 0;
	w.note = "";
	CHECK_INT(risk_weights_set(s, NULL, 2022, &w, &why), APP_EINVAL);
	w.note = "Nghị quyết của UBKT (thử)";
	CHECK_INT(risk_weights_set(s, NULL, 2022, &w, &why), APP_OK);
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-12-31", &t), APP_OK);
	CHECK(!t.weights.is_default);
	CHECK_STR(t.weights.note, "Nghị quyết của UBKT (thử)");
	rt = row_of(&t, "HU-TT");
	rd = row_of(&t, "HU-DP");
	if (rt && rd) {
		CHECK(rt->score == 2 * 2 + 1 + 0.5 + 0.75);
		CHECK(rt->part[RS_PLAN_GAPS] == 0.75);
		CHECK(t.weights.w[RS_PLAN_GAPS] == 0.25);
		CHECK(rt->part[RS_TASKS] == 4);
		CHECK(rd->score == 2 * 1 + 3 * 1 + 0.25);
	}
	/* Scope. */
	CHECK_INT(risk_scores(s, &a, &dpacct, 0, 2022, "2022-12-31", &t), APP_OK);
	CHECK_INT(t.n, 1);
	CHECK_INT(risk_scores(s, &a, &dpacct, tt, 2022, "2022-12-31", &t), APP_EDENIED);
	CHECK_INT(risk_scores(s, &a, NULL, dp, 2022, "2022-12-31", &t), APP_OK);
	CHECK_INT(t.n, 1);
	/* Another year: default weights, 2021's complaint only. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, "2021-12-31", &t), APP_OK);
	CHECK(t.weights.is_default);
	rt = row_of(&t, "HU-TT");
	CHECK(rt && rt->signal[RS_COMPLAINTS] == 1 && rt->signal[RS_TASKS] == 0);
out:
	store_close(s);
	arena_release(&a);
}
