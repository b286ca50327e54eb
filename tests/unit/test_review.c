/* Self-criticism reviews: groups, suggested points, plans, findings followed as inspection findings. */
#include "test.h"

#include "model/account.h"
#include "model/audit.h"
#include "model/inspect.h"
#include "model/review.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

TEST(db_review_year)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	int64_t ids[3] = { 0 };
	struct store *s = NULL;
	struct arena a;
	const char *why = NULL;
	int64_t acc, r1 = 0, r2 = 0, fid = 0, rep = 0;
	struct account tt, ktv;

	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], &ids[i], NULL), APP_OK);
	CHECK_INT(account_add(s, "tt", "tt", ROLE_STAFF, "HU-TT", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &tt), APP_OK);
	CHECK_INT(account_add(s, "ktv", "ktv", ROLE_INSPECTOR, "TU", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &ktv), APP_OK);

	for (int g = 1; g <= 9; g++) {
		char name[64];
		snprintf(name, sizeof(name), "Tổ công tác số %d", g);
		CHECK_INT(review_group_add(s, &ktv, 2022, g, name, NULL, NULL, &why), APP_OK);
	}
	CHECK_INT(review_group_add(s, &ktv, 2022, 3, "trùng", NULL, NULL, &why), APP_EEXIST);
	CHECK_INT(review_group_add(s, &tt, 2022, 10, "x", NULL, NULL, &why), APP_EDENIED);

	CHECK_INT(review_add(s, &ktv, 2022, "HU-TT", 2, "Làm rõ nguyên nhân chỉ số cải cách hành chính thấp",
			     "2022-11-15", &r1, &why),
		  APP_OK);
	CHECK_INT(review_add(s, &ktv, 2022, "HU-TT", 2, "lần hai", "2022-11-15", NULL, &why), APP_EEXIST);
	CHECK_INT(review_add(s, &ktv, 2022, "HU-DP", 12, "x", "2022-11-15", NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Tổ công tác");
	CHECK_INT(review_add(s, &tt, 2022, "HU-TT", 2, "tự gợi ý", "2022-11-15", NULL, &why), APP_EDENIED);
	CHECK_INT(review_add(s, NULL, 2022, "HU-DP", 0, "Gợi ý", "2022-11-20", &r2, &why), APP_OK);

	/* The unit writes its remediation plan. */
	CHECK_INT(review_set_plan(s, &tt, r1, "Kế hoạch khắc phục", "2022-11-01", &why), APP_EINVAL);
	CHECK_INT(review_set_plan(s, &tt, r2, "Kế hoạch", "2022-12-01", &why), APP_EDENIED);
	CHECK_INT(review_set_plan(s, &tt, r1, "Kế hoạch khắc phục", "2022-12-01", &why), APP_OK);

	/* Findings must be complete at once. */
	struct finding_new f = { .content = "Chỉ số cải cách hành chính thấp",
				 .cause_kind = FC_SUBJECTIVE,
				 .cause = "Thiếu quyết liệt",
				 .addressee_unit_code = "HU-TT",
				 .remedy = "Kế hoạch nâng chỉ số",
				 .deadline = "2023-06-30" };
	struct finding_new b = f;
	b.cause_kind = FC_NONE;
	CHECK_INT(review_add_finding(s, &ktv, r1, &b, NULL, &why), APP_EINVAL);
	b = f;
	b.addressee_unit_code = NULL;
	CHECK_INT(review_add_finding(s, &ktv, r1, &b, NULL, &why), APP_EINVAL);
	b = f;
	b.deadline = NULL;
	CHECK_INT(review_add_finding(s, &ktv, r1, &b, NULL, &why), APP_EINVAL);
	b = f;
	b.deadline = "2022-11-01";
	CHECK_INT(review_add_finding(s, &ktv, r1, &b, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "trước ngày");
	CHECK_INT(review_add_finding(s, &tt, r1, &f, NULL, &why), APP_EDENIED);
	CHECK_INT(review_add_finding(s, &ktv, r1, &f, &fid, &why), APP_OK);

	/* Followed exactly as an inspection finding. */
	struct accountability acc2;
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2023-07-10", &acc2), APP_OK);
	CHECK_INT(acc2.list.n, 1);
	CHECK(acc2.list.n == 1 && !strcmp(acc2.list.v[0].source, "review") && acc2.list.v[0].days_overdue == 10);
	struct finding_list open;
	CHECK_INT(finding_open_for_unit(s, &a, &tt, ids[1], "2023-01-01", &open), APP_OK);
	CHECK_INT(open.n, 1);
	CHECK_INT(finding_report(s, &tt, fid, "2023-05-01", "Đã tăng 10 bậc", NULL, 0, &rep, &why), APP_OK);
	CHECK_INT(finding_decide(s, &ktv, rep, true, "2023-05-02", NULL, &why), APP_OK);
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2023-07-10", &acc2), APP_OK);
	CHECK_INT(acc2.list.n, 0);

	struct review_list l;
	CHECK_INT(review_list(s, &a, NULL, 2022, 0, "2023-07-10", &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_INT(l.v[0].group_no, 0);
		CHECK_INT(l.v[1].group_no, 2);
		CHECK_STR(l.v[1].group_name, "Tổ công tác số 2");
		CHECK_STR(l.v[1].plan_date, "2022-12-01");
		CHECK(l.v[1].findings == 1 && l.v[1].findings_open == 0);
	}
	CHECK_INT(review_list(s, &a, NULL, 2022, 0, "2023-01-01", &l), APP_OK);
	CHECK(l.n == 2 && l.v[1].findings_open == 1);
	CHECK_INT(review_list(s, &a, &tt, 2022, 0, NULL, &l), APP_OK);
	CHECK_INT(l.n, 1);

	struct audit_verify av;
	CHECK_INT(audit_verify(s, &av), APP_OK);
	CHECK_INT(av.broken_at, 0);
out:
	store_close(s);
	arena_release(&a);
}
