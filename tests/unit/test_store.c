/* Store: both engines behind one interface, migrations, errors, transactions. */
#include "test.h"

#include <pthread.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

static struct store *open_migrated(void)
{
	struct store *s = NULL;
	char *msg = NULL;
	int applied = -1;

	CHECK_INT(store_open(test_db_url(), &s, &msg), APP_OK);
	if (msg)
		fprintf(stderr, "    %s\n", msg);
	free(msg);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, &applied), APP_OK);
	CHECK(applied >= 1);
	return s;
}

TEST(db_store_migrate_idempotent)
{
	struct store *s = open_migrated();
	int applied = -1, v = 0;

	if (!s)
		return;
	CHECK_INT(store_engine(s), strcmp(test_db_engine(), "postgresql") == 0 ? STORE_POSTGRES : STORE_SQLITE);
	CHECK_INT(store_version(s, &v), APP_OK);
	CHECK(v >= 1);
	CHECK_INT(store_migrate(s, &applied), APP_OK);
	CHECK_INT(applied, 0);
	CHECK_INT(store_version(s, &applied), APP_OK);
	CHECK_INT(applied, v);
	store_close(s);
}

static struct query Q_FUTURE = { "INSERT INTO schema_version (version, what, applied_at) VALUES (9999, 'future', 0)",
				 NULL, 0 };

TEST(db_store_refuses_newer_schema)
{
	struct store *s = open_migrated();
	int applied = -1;

	if (!s)
		return;
	CHECK_INT(stmt_exec(conn_stmt(store_conn(s), &Q_FUTURE), NULL), APP_OK);
	CHECK_INT(store_migrate(s, &applied), APP_ECONFLICT);
	CHECK_INT(applied, 0);
	store_close(s);
}

TEST(db_store_version_empty_is_zero)
{
	struct store *s = NULL;
	int v = -1;

	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return;
	CHECK_INT(store_version(s, &v), APP_OK);
	CHECK_INT(v, 0);
	store_close(s);
}

static struct query Q_INS = {
	"INSERT INTO unit (code, name, name_fold, sort_key, kind, path) VALUES ($1, $2, $3, $4, $5, '/')", NULL, 0
};
static struct query Q_SEL = {
	"SELECT code, name, sort_key, kind, COALESCE(parent_id, -7), $2 FROM unit WHERE code = $1", NULL, 0
};
static struct query Q_COUNT = { "SELECT COUNT(*) FROM unit", NULL, 0 };
static struct query Q_BAD_FK = {
	"INSERT INTO unit (code, name, name_fold, sort_key, kind, parent_id) VALUES ('x', 'x', 'x', $1, 'city', 987654)",
	NULL, 0
};
static struct query Q_BAD_SQL = { "SELECT no_such_column FROM unit", NULL, 0 };

static int64_t count_units(struct conn *c)
{
	struct stmt *st = conn_stmt(c, &Q_COUNT);
	bool row = false;
	int64_t n = -1;

	CHECK_INT(stmt_step(st, &row), APP_OK);
	if (row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

TEST(db_store_bind_read_errors_tx)
{
	struct store *s = open_migrated();
	struct conn *c;
	struct stmt *st;
	bool row = false;
	size_t n = 0;
	const unsigned char key[] = { 0x05, 0xff, 0x80, 0x01 };
	const void *blob;
	int64_t changes = 0;

	if (!s)
		return;
	c = store_conn(s);
	CHECK(c != NULL);
	st = conn_stmt(c, &Q_INS);
	CHECK(st != NULL);
	stmt_bind_text(st, 1, "A1");
	stmt_bind_text(st, 2, "Hà Nội 'quote' \"dq\" ; --");
	stmt_bind_text(st, 3, "ha noi");
	stmt_bind_blob(st, 4, key, sizeof(key));
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, &changes), APP_OK);
	CHECK_INT(changes, 1);

	/* The same statement again: cached, reset, unique violation. */
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "A1");
	stmt_bind_text(st, 2, "x");
	stmt_bind_text(st, 3, "x");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_EEXIST);

	/* A CHECK constraint: APP_EINVAL. */
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "A2");
	stmt_bind_text(st, 2, "x");
	stmt_bind_text(st, 3, "x");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "no-such-kind");
	CHECK_INT(stmt_exec(st, NULL), APP_EINVAL);

	/* A foreign key: APP_EINVAL. */
	st = conn_stmt(c, &Q_BAD_FK);
	stmt_bind_blob(st, 1, key, 1);
	CHECK_INT(stmt_exec(st, NULL), APP_EINVAL);

	/* Bad SQL: no statement. */
	CHECK(conn_stmt(c, &Q_BAD_SQL) == NULL);

	st = conn_stmt(c, &Q_SEL);
	stmt_bind_text(st, 1, "A1");
	stmt_bind_int64(st, 2, 1234567890123LL);
	CHECK_INT(stmt_step(st, &row), APP_OK);
	CHECK(row);
	if (row) {
		CHECK_STR(stmt_col_text(st, 0), "A1");
		CHECK_STR(stmt_col_text(st, 1), "Hà Nội 'quote' \"dq\" ; --");
		blob = stmt_col_blob(st, 2, &n);
		CHECK_INT(n, sizeof(key));
		CHECK(blob && memcmp(blob, key, sizeof(key)) == 0);
		CHECK_INT(stmt_col_int64(st, 4), -7);
		CHECK_INT(stmt_col_int64(st, 5), 1234567890123LL);
		CHECK(!stmt_col_null(st, 0));
	}
	CHECK_INT(stmt_step(st, &row), APP_OK);
	CHECK(!row);
	stmt_done(st);

	/* Rollback leaves nothing; nested savepoints; commit keeps. */
	CHECK_INT(count_units(c), 1);
	CHECK_INT(conn_begin(c), APP_OK);
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "B1");
	stmt_bind_text(st, 2, "b");
	stmt_bind_text(st, 3, "b");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_OK);
	CHECK_INT(conn_begin(c), APP_OK); /* savepoint */
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "A1"); /* duplicate inside the savepoint */
	stmt_bind_text(st, 2, "b");
	stmt_bind_text(st, 3, "b");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_EEXIST);
	conn_rollback(c); /* back to the savepoint: B1 survives */
	CHECK_INT(count_units(c), 2);
	conn_rollback(c);
	CHECK_INT(count_units(c), 1);
	CHECK_INT(conn_begin(c), APP_OK);
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "C1");
	stmt_bind_text(st, 2, "c");
	stmt_bind_text(st, 3, "c");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_OK);
	CHECK_INT(conn_commit(c), APP_OK);
	CHECK_INT(count_units(c), 2);

	/* A failed statement dooms its transaction on both engines: commit rolls back. */
	CHECK_INT(conn_begin(c), APP_OK);
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "D1");
	stmt_bind_text(st, 2, "d");
	stmt_bind_text(st, 3, "d");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_OK);
	st = conn_stmt(c, &Q_INS);
	stmt_bind_text(st, 1, "A1");
	stmt_bind_text(st, 2, "d");
	stmt_bind_text(st, 3, "d");
	stmt_bind_blob(st, 4, key, 1);
	stmt_bind_text(st, 5, "city");
	CHECK_INT(stmt_exec(st, NULL), APP_EEXIST);
	CHECK_INT(conn_commit(c), APP_ECONFLICT);
	CHECK_INT(count_units(c), 2);
	/* ... and the connection is usable afterwards. */
	CHECK_INT(conn_begin(c), APP_OK);
	CHECK_INT(conn_commit(c), APP_OK);
	store_close(s);
}

TEST(db_store_bad_url)
{
	struct store *s = NULL;
	char *msg = NULL;

	if (strcmp(test_db_engine(), "postgresql") == 0) {
		CHECK_INT(store_open("postgresql:///nodb?host=/nonexistent-dir&connect_timeout=1", &s, &msg), APP_EDB);
	} else {
		char *p = xasprintf("%s/no/such/dir/x.db", test_tmpdir());
		CHECK_INT(store_open(p, &s, &msg), APP_EDB);
		free(p);
	}
	CHECK(s == NULL);
	CHECK(msg != NULL);
	free(msg);
}

/* Per-thread connections: several threads write and read at once. */
struct worker {
	struct store *s;
	int n, ok;
};

static struct query Q_T_INS = {
	"INSERT INTO unit (code, name, name_fold, sort_key, kind, path) VALUES ($1, $2, $2, $3, 'cell', '/')", NULL, 0
};
static struct query Q_T_GET = { "SELECT name FROM unit WHERE code = $1", NULL, 0 };

static void *work(void *arg)
{
	struct worker *w = arg;
	struct conn *c = store_conn(w->s);

	if (!c)
		return NULL;
	for (int i = 0; i < 25; i++) {
		char code[32];
		struct stmt *st;
		bool row = false;

		snprintf(code, sizeof(code), "T%d-%d", w->n, i);
		if (conn_begin(c) != APP_OK)
			continue;
		st = conn_stmt(c, &Q_T_INS);
		stmt_bind_text(st, 1, code);
		stmt_bind_text(st, 2, code);
		stmt_bind_blob(st, 3, code, strlen(code));
		if (stmt_exec(st, NULL) != APP_OK || conn_commit(c) != APP_OK) {
			conn_rollback(c);
			continue;
		}
		st = conn_stmt(c, &Q_T_GET);
		stmt_bind_text(st, 1, code);
		if (stmt_step(st, &row) == APP_OK && row && strcmp(stmt_col_text(st, 0), code) == 0)
			w->ok++;
		stmt_done(st);
	}
	return NULL;
}

TEST(db_store_threads)
{
	struct store *s = open_migrated();
	pthread_t t[4];
	struct worker w[4];
	int total = 0;

	if (!s)
		return;
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){ s, i, 0 };
		pthread_create(&t[i], NULL, work, &w[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		total += w[i].ok;
	}
	CHECK_INT(total, 100);
	CHECK_INT(count_units(store_conn(s)), 100);
	store_close(s); /* closes the threads' connections too */
}

/* PostgreSQL: a connection the server dropped is replaced on the next use. */
static struct query Q_PID = { "SELECT pg_backend_pid()", NULL, 0 };
static struct query Q_KILL = { "SELECT pg_terminate_backend(CAST($1 AS INTEGER))", NULL, 0 };

TEST(db_store_pg_reconnect)
{
	struct store *s, *admin;
	struct stmt *st;
	bool row = false;
	int64_t pid = 0;

	if (strcmp(test_db_engine(), "postgresql") != 0)
		return;
	s = open_migrated();
	if (!s)
		return;
	CHECK_INT(store_open(test_db_url(), &admin, NULL), APP_OK);
	st = conn_stmt(store_conn(s), &Q_PID);
	CHECK_INT(stmt_step(st, &row), APP_OK);
	if (row)
		pid = stmt_col_int64(st, 0);
	stmt_done(st);
	CHECK(pid > 0);
	st = conn_stmt(store_conn(admin), &Q_KILL);
	stmt_bind_int64(st, 1, pid);
	CHECK_INT(stmt_step(st, &row), APP_OK);
	stmt_done(st);
	usleep(100 * 1000);
	/* The first use fails (the server closed it), the next one reconnects. */
	st = conn_stmt(store_conn(s), &Q_COUNT);
	CHECK(stmt_step(st, &row) == APP_EDB);
	stmt_done(st);
	CHECK_INT(count_units(store_conn(s)), 0);
	store_close(admin);
	store_close(s);
}
