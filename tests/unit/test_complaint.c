/* The complaints and denunciations register: rules in force, due dates, overdue, counts. */
#include "test.h"

#include "model/account.h"
#include "model/audit.h"
#include "model/complaint.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

TEST(complaint_date_add)
{
	char out[11];
	CHECK(date_add_days("2024-02-20", 10, out));
	CHECK_STR(out, "2024-03-01");
	CHECK(date_add_days("31/12/2022", 1, out));
	CHECK_STR(out, "2023-01-01");
	CHECK(date_add_days("2023-03-01", -1, out));
	CHECK_STR(out, "2023-02-28");
	CHECK(!date_add_days("2023-02-30", 1, out));
	CHECK_STR(complaint_kind_vi(CK_DENUNCIATION), "Tố cáo");
}

static int64_t complaint_rows(struct store *s)
{
	static struct query Q = { "SELECT COUNT(*) FROM complaint", NULL, 0 };
	struct stmt *st = store_stmt(s, &Q);
	bool row = false;
	int64_t n = -1;
	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

TEST(db_complaint_register)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "X1", .name = "Đảng ủy xã Nhị Khê", .kind = UNIT_COMMUNE, .parent_code = "HU-TT" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	int64_t ids[4] = { 0 };
	struct store *s = NULL;
	struct arena a;
	const char *why = NULL;
	int64_t c1 = 0, c2 = 0, c3 = 0, acc;
	struct account dp, viewer;

	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], &ids[i], NULL), APP_OK);
	CHECK_INT(account_add(s, "dp", "dp", ROLE_STAFF, "HU-DP", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &dp), APP_OK);
	CHECK_INT(account_add(s, "xem", "xem", ROLE_VIEWER, "TU", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &viewer), APP_OK);

	struct complaint_new n = { .kind = CK_DENUNCIATION,
				   .unit_code = "X1",
				   .received = "05/05/2022",
				   .summary = "Tố cáo đảng viên vi phạm quy định về đất đai",
				   .handler = "Ủy ban Kiểm tra Huyện ủy Thường Tín" };
	/* No rule in force: refused, nothing stored. */
	CHECK_INT(complaint_add(s, NULL, &n, &c1, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Chưa có quy định thời hạn");
	CHECK_INT(complaint_rows(s), 0);
	/* Rules need a source and sane days. */
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 60, "", "2022-01-01", &why), APP_EINVAL);
	CHECK_CONTAINS(why, "căn cứ");
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 0, "Quy chế", "2022-01-01", &why), APP_EINVAL);
	CHECK_INT(complaint_rule_set(s, &viewer, CK_DENUNCIATION, 60, "Quy chế", "2022-01-01", &why), APP_EDENIED);
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 60, "Quy chế làm việc của UBKT (khai báo)", "2022-01-01",
				     &why),
		  APP_OK);
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 90, "x", "2022-01-01", &why), APP_EEXIST);
	CHECK_INT(complaint_rule_set(s, NULL, CK_DENUNCIATION, 30, "Quy chế sửa đổi (khai báo)", "2022-06-01", &why),
		  APP_OK);

	/* Bad input. */
	struct complaint_new b = n;
	b.unit_code = "NOPE";
	CHECK_INT(complaint_add(s, NULL, &b, NULL, &why), APP_EINVAL);
	b = n;
	b.received = "32/05/2022";
	CHECK_INT(complaint_add(s, NULL, &b, NULL, &why), APP_EINVAL);
	b = n;
	b.handler = " ";
	CHECK_INT(complaint_add(s, NULL, &b, NULL, &why), APP_EINVAL);
	CHECK_INT(complaint_add(s, &dp, &n, NULL, &why), APP_EDENIED);
	CHECK_INT(complaint_rows(s), 0);

	/* The rule in force on the received date sets the due date. */
	CHECK_INT(complaint_add(s, NULL, &n, &c1, &why), APP_OK);
	n.received = "2022-06-10";
	n.kind = CK_DENUNCIATION;
	n.unit_code = "HU-TT";
	CHECK_INT(complaint_add(s, NULL, &n, &c2, &why), APP_OK);
	n.unit_code = "HU-DP";
	CHECK_INT(complaint_add(s, &dp, &n, &c3, &why), APP_OK);
	n.kind = CK_COMPLAINT;
	CHECK_INT(complaint_add(s, NULL, &n, NULL, &why), APP_EINVAL); /* no rule for complaints */

	struct complaint_list l;
	CHECK_INT(complaint_list(s, &a, NULL, 0, NULL, NULL, "2022-07-05", &l), APP_OK);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.v[0].due, "2022-07-04"); /* 5/5 + 60 days */
		CHECK_STR(l.v[1].due, "2022-07-10"); /* 10/6 + 30 days */
		CHECK(l.v[0].overdue);
		CHECK_INT(l.v[0].days_over, 1);
		CHECK(!l.v[1].overdue);
		CHECK_STR(l.v[0].rule_source, "Quy chế làm việc của UBKT (khai báo)");
	}
	/* Closing: not before received, only once; closed late stays flagged. */
	CHECK_INT(complaint_close(s, NULL, c1, CS_RESOLVED, "2022-05-01", "x", &why), APP_EINVAL);
	CHECK_INT(complaint_close(s, NULL, c1, CS_OPEN, "2022-07-06", "x", &why), APP_EINVAL);
	CHECK_INT(complaint_close(s, &dp, c1, CS_RESOLVED, "2022-07-06", "x", &why), APP_EDENIED);
	CHECK_INT(complaint_close(s, NULL, c1, CS_RESOLVED, "2022-07-06", "Tố cáo đúng một phần", &why), APP_OK);
	CHECK_INT(complaint_close(s, NULL, c1, CS_DISMISSED, "2022-07-07", NULL, &why), APP_ECONFLICT);
	CHECK_INT(complaint_list(s, &a, NULL, ids[1], NULL, NULL, "2022-08-01", &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK(l.v[0].state == CS_RESOLVED && l.v[0].overdue && l.v[0].days_over == 2);
		CHECK(l.v[1].state == CS_OPEN && l.v[1].overdue && l.v[1].days_over == 22);
	}
	CHECK_INT(complaint_list(s, &a, &dp, ids[1], NULL, NULL, "2022-08-01", &l), APP_EDENIED);
	CHECK_INT(complaint_list(s, &a, &dp, 0, NULL, NULL, "2022-08-01", &l), APP_OK);
	CHECK_INT(l.n, 1);

	struct complaint_counts cc;
	CHECK_INT(complaint_counts(s, &a, NULL, 0, "2022-01-01", "2022-12-31", "2022-08-01", &cc), APP_OK);
	CHECK_INT(cc.n, 3);
	if (cc.n == 3) {
		CHECK(cc.v[0].unit_id == ids[1] && cc.v[0].total == 1 && cc.v[0].open == 1 && cc.v[0].overdue == 1);
		CHECK(cc.v[1].unit_id == ids[2] && cc.v[1].total == 1 && cc.v[1].open == 0 && cc.v[1].overdue == 0);
	}
	CHECK_INT(complaint_counts(s, &a, NULL, 0, "2022-06-01", "2022-12-31", "2022-07-01", &cc), APP_OK);
	CHECK_INT(cc.n, 2);

	struct audit_verify av;
	CHECK_INT(audit_verify(s, &av), APP_OK);
	CHECK_INT(av.broken_at, 0);
	CHECK_INT(av.entries, 6);
out:
	store_close(s);
	arena_release(&a);
}
