/*
** Complaint time limits are declared data: no rule, no made-up due date.
** A complaint registered while no rule is in force says "Chưa khai báo thời
** hạn", is never overdue, and takes its due date when a rule covering its
** received date is declared (audited).
*/
#include "test.h"

#include "model/account.h"
#include "model/audit.h"
#include "model/complaint.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static struct query Q_ROWS = { "SELECT COUNT(*) FROM complaint", NULL, 0 };
static struct query Q_DUE_AUDIT = {
	"SELECT before_json, after_json FROM audit WHERE entity = 'complaint' AND action = 'due' ORDER BY seq", NULL, 0
};

static int64_t rows(struct store *s)
{
	struct stmt *st = store_stmt(s, &Q_ROWS);
	bool row = false;
	int64_t n = -1;
	if (st && stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	if (st)
		stmt_done(st);
	return n;
}

TEST(db_complaint_rule_undeclared)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	struct store *s = NULL;
	struct arena a;
	const char *why = NULL;
	int64_t c1 = 0, c2 = 0, c3 = 0;
	struct complaint_rule rule;
	struct complaint_list l;
	struct complaint_counts cc;
	struct audit_verify v;

	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], NULL, NULL), APP_OK);

	CHECK_INT(complaint_rule_in_force(s, &a, CK_COMPLAINT, "2022-05-05", &rule), APP_ENOTFOUND);
	CHECK_INT(complaint_rule_in_force(s, &a, CK_COMPLAINT, "2022-02-30", &rule), APP_EINVAL);

	/* By default a complaint with no rule in force is refused, nothing stored. */
	struct complaint_new n = { .kind = CK_COMPLAINT,
				   .unit_code = "HU-TT",
				   .received = "05/05/2022",
				   .summary = "Khiếu nại quyết định kỷ luật",
				   .handler = "Ủy ban Kiểm tra Thành ủy" };
	CHECK_INT(complaint_add(s, NULL, &n, &c1, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Chưa có quy định thời hạn");
	CHECK_INT(rows(s), 0);

	/* Asked to, the register takes it with no due date and says so; never overdue. */
	n.without_rule = true;
	CHECK_INT(complaint_add(s, NULL, &n, &c1, &why), APP_OK);
	n.received = "2022-08-01";
	CHECK_INT(complaint_add(s, NULL, &n, &c2, &why), APP_OK);
	n.received = "2021-12-01";
	CHECK_INT(complaint_add(s, NULL, &n, &c3, &why), APP_OK);
	CHECK_INT(complaint_list(s, &a, NULL, 0, NULL, NULL, "2026-01-01", &l), APP_OK);
	CHECK_INT(l.n, 3);
	for (size_t i = 0; i < l.n; i++) {
		CHECK(l.v[i].no_rule);
		CHECK(l.v[i].due == NULL);
		CHECK(l.v[i].rule_source == NULL);
		CHECK(!l.v[i].overdue);
		CHECK_STR(complaint_due_vi(&a, &l.v[i]), "Chưa khai báo thời hạn");
	}
	CHECK_INT(complaint_counts(s, &a, NULL, 0, NULL, NULL, "2026-01-01", &cc), APP_OK);
	CHECK_INT(cc.n, 1);
	if (cc.n == 1) {
		CHECK_INT(cc.v[0].total, 3);
		CHECK_INT(cc.v[0].open, 3);
		CHECK_INT(cc.v[0].overdue, 0);
	}

	/* A rule from 1/3/2022 (declared, with its basis) covers the two received after it, not the one before. */
	CHECK_INT(complaint_rule_set(s, NULL, CK_COMPLAINT, 30, "Quy chế làm việc của Ủy ban Kiểm tra (khai báo thử)",
				     "01/03/2022", &why),
		  APP_OK);
	CHECK_INT(complaint_rule_in_force(s, &a, CK_COMPLAINT, "2022-05-05", &rule), APP_OK);
	CHECK_INT(rule.days, 30);
	CHECK_STR(rule.valid_from, "2022-03-01");
	CHECK_INT(complaint_list(s, &a, NULL, 0, NULL, NULL, "2022-06-10", &l), APP_OK);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_INT(l.v[0].id, c3); /* received 1/12/2021: still none */
		CHECK(l.v[0].no_rule);
		CHECK_STR(complaint_due_vi(&a, &l.v[0]), "Chưa khai báo thời hạn");
		CHECK_INT(l.v[1].id, c1);
		CHECK(!l.v[1].no_rule);
		CHECK_STR(l.v[1].due, "2022-06-04");
		CHECK_STR(complaint_due_vi(&a, &l.v[1]), "04/06/2022");
		CHECK_STR(l.v[1].rule_source, "Quy chế làm việc của Ủy ban Kiểm tra (khai báo thử)");
		CHECK(l.v[1].overdue);
		CHECK_INT(l.v[1].days_over, 6);
		CHECK_STR(l.v[2].due, "2022-08-31");
	}
	/* A later rule does not move a due date already set. */
	CHECK_INT(complaint_rule_set(s, NULL, CK_COMPLAINT, 90, "Quy chế sửa đổi (khai báo thử)", "2022-04-01", &why),
		  APP_OK);
	CHECK_INT(complaint_list(s, &a, NULL, 0, "2022-05-01", "2022-05-31", "2022-06-10", &l), APP_OK);
	CHECK_INT(l.n, 1);
	if (l.n == 1)
		CHECK_STR(l.v[0].due, "2022-06-04");
	/* A complaint registered under a rule gets its due date at once, without_rule or not. */
	n.received = "2022-05-10";
	int64_t c4 = 0;
	CHECK_INT(complaint_add(s, NULL, &n, &c4, &why), APP_OK);
	CHECK_INT(complaint_list(s, &a, NULL, 0, "2022-05-10", "2022-05-10", NULL, &l), APP_OK);
	if (l.n == 1)
		CHECK_STR(l.v[0].due, "2022-08-08"); /* 10/5 + 90 days */

	/* Each due date set by a declaration is in the audit chain, before and after. */
	{
		struct stmt *st = store_stmt(s, &Q_DUE_AUDIT);
		bool row = false;
		int k = 0;
		CHECK(st != NULL);
		while (st && stmt_step(st, &row) == APP_OK && row) {
			CHECK_CONTAINS(stmt_col_text(st, 0), "\"due\":null");
			CHECK_CONTAINS(stmt_col_text(st, 1), k == 0 ? "2022-06-04" : "2022-08-31");
			k++;
		}
		if (st)
			stmt_done(st);
		CHECK_INT(k, 2);
	}
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 0);
out:
	store_close(s);
	arena_release(&a);
}
