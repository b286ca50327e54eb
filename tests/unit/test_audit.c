/* The hash-chained audit log: append, verify, tampering found on both engines. */
#include "test.h"

#include "model/audit.h"
#include "store/store.h"
#include "util/util.h"

static struct store *open_db(void)
{
	struct store *s = NULL;
	char *msg = NULL;
	int applied;

	CHECK_INT(store_open(test_db_url(), &s, &msg), APP_OK);
	free(msg);
	CHECK_INT(store_migrate(s, &applied), APP_OK);
	return s;
}

static void append3(struct store *s)
{
	struct conn *c = store_conn(s);
	struct audit_new n = { .account_id = 1,
			       .unit_id = 7,
			       .entity = "finding",
			       .entity_id = 5,
			       .action = "create",
			       .after = "{\"content\":\"Chậm khắc phục\"}" };
	int64_t seq;

	CHECK_INT(conn_begin(c), APP_OK);
	CHECK_INT(audit_append(s, &n, &seq), APP_OK);
	CHECK_INT(seq, 1);
	n.action = "update";
	n.before = n.after;
	n.after = "{\"content\":\"Chậm khắc phục tồn tại\"}";
	CHECK_INT(audit_append(s, &n, &seq), APP_OK);
	CHECK_INT(seq, 2);
	n.action = "issue";
	n.account_id = 0;
	CHECK_INT(audit_append(s, &n, &seq), APP_OK);
	CHECK_INT(conn_commit(c), APP_OK);
	CHECK_INT(seq, 3);
}

static void run_sql(struct store *s, const char *sql)
{
	struct query q = { sql, NULL, 0 };
	struct stmt *st = conn_stmt(store_conn(s), &q);

	CHECK(st != NULL);
	if (st)
		CHECK_INT(stmt_exec(st, NULL), APP_OK);
}

TEST(db_audit_chain_intact)
{
	struct store *s = open_db();
	struct audit_verify v;
	struct audit_new bad = { .entity = "finding", .action = "" };

	append3(s);
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.entries, 3);
	CHECK_INT(v.broken_at, 0);
	/* bad input appends nothing */
	CHECK_INT(audit_append(s, &bad, NULL), APP_EINVAL);
	bad.action = "x";
	bad.after = "\xff\xfe";
	CHECK_INT(audit_append(s, &bad, NULL), APP_EINVAL);
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.entries, 3);
	store_close(s);
}

TEST(db_audit_detects_altered_row)
{
	struct store *s = open_db();
	struct audit_verify v;

	append3(s);
	run_sql(s, "UPDATE audit SET after_json = '{\"content\":\"Đã khắc phục\"}' WHERE seq = 2");
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 2);
	CHECK_CONTAINS(v.reason, "altered");
	store_close(s);
}

TEST(db_audit_detects_deleted_row)
{
	struct store *s = open_db();
	struct audit_verify v;

	append3(s);
	run_sql(s, "DELETE FROM audit WHERE seq = 2");
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 2);
	CHECK_CONTAINS(v.reason, "missing");
	store_close(s);
}

TEST(db_audit_detects_rehashed_row)
{
	struct store *s = open_db();
	struct audit_verify v;

	append3(s);
	/* rewrite an entry's hash as well: the next link no longer matches */
	run_sql(s, "UPDATE audit SET action = 'delete', hash = prev_hash WHERE seq = 1");
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 1);
	store_close(s);
}
