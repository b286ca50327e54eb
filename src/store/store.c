/*
** The store's engine-independent half: opening, per-thread connections,
** query slots and the statement cache, transactions, binding and reading.
** Each call dispatches to sqlite.c or pg.c by the store's engine.
*/
#include "store_int.h"

#include <inttypes.h>

/* Query slots are process-wide: slot n is the n-th query text ever used. */
static pthread_mutex_t g_slot_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_next_slot;

static int query_slot(struct query *q)
{
	int slot = __atomic_load_n(&q->slot, __ATOMIC_ACQUIRE);

	if (slot)
		return slot;
	pthread_mutex_lock(&g_slot_mu);
	slot = q->slot;
	if (!slot) {
		slot = ++g_next_slot;
		__atomic_store_n(&q->slot, slot, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&g_slot_mu);
	return slot;
}

static bool is_pg_url(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

static void conn_free(struct conn *c)
{
	for (size_t i = 0; i < c->nslots; i++) {
		struct stmt *st = c->slots[i];
		if (!st)
			continue;
		if (c->s->engine == STORE_SQLITE)
			sq_finalize(st);
		else
			pg_finalize(st);
		free(st);
	}
	free(c->slots);
	if (c->s->engine == STORE_SQLITE)
		sq_close(c);
	else
		pg_close(c);
	free(c);
}

static struct conn *conn_open(struct store *s, char **errmsg)
{
	struct conn *c = xcalloc(1, sizeof(*c));
	enum app_err e;

	c->s = s;
	e = s->engine == STORE_SQLITE ? sq_open(s, c, errmsg) : pg_open(s, c, errmsg);
	if (e != APP_OK) {
		if (s->engine == STORE_SQLITE)
			sq_close(c);
		else
			pg_close(c);
		free(c);
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	c->next = s->conns;
	s->conns = c;
	pthread_mutex_unlock(&s->mu);
	return c;
}

enum app_err store_open(const char *url, struct store **out, char **errmsg)
{
	struct store *s;
	struct conn *c;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	if (!url || !*url) {
		if (errmsg)
			*errmsg = xstrdup("empty database URL");
		return APP_EDB;
	}
	s = xcalloc(1, sizeof(*s));
	s->engine = is_pg_url(url) ? STORE_POSTGRES : STORE_SQLITE;
	s->url = xstrdup(url);
	pthread_mutex_init(&s->mu, NULL);
	if (pthread_key_create(&s->key, NULL) != 0) {
		pthread_mutex_destroy(&s->mu);
		free(s->url);
		free(s);
		if (errmsg)
			*errmsg = xstrdup("pthread_key_create failed");
		return APP_EDB;
	}
	/* Open the first connection now, so a bad URL fails here. */
	c = conn_open(s, errmsg);
	if (!c) {
		pthread_key_delete(s->key);
		pthread_mutex_destroy(&s->mu);
		free(s->url);
		free(s);
		return APP_EDB;
	}
	pthread_setspecific(s->key, c);
	*out = s;
	return APP_OK;
}

void store_close(struct store *s)
{
	struct conn *c, *next;

	if (!s)
		return;
	for (c = s->conns; c; c = next) {
		next = c->next;
		conn_free(c);
	}
	pthread_key_delete(s->key);
	pthread_mutex_destroy(&s->mu);
	free(s->url);
	free(s);
}

enum store_engine store_engine(const struct store *s)
{
	return s->engine;
}

struct conn *store_conn(struct store *s)
{
	struct conn *c = pthread_getspecific(s->key);
	char *msg = NULL;

	if (c && c->broken && s->engine == STORE_POSTGRES && c->depth == 0) {
		/* A lost PostgreSQL connection: drop it and open a new one. */
		pthread_mutex_lock(&s->mu);
		for (struct conn **pp = &s->conns; *pp; pp = &(*pp)->next)
			if (*pp == c) {
				*pp = c->next;
				break;
			}
		pthread_mutex_unlock(&s->mu);
		conn_free(c);
		c = NULL;
	}
	if (c)
		return c;
	c = conn_open(s, &msg);
	if (!c) {
		log_error("store_open", "error=\"%s\"", msg ? msg : "?");
		free(msg);
		return NULL;
	}
	pthread_setspecific(s->key, c);
	return c;
}

enum app_err conn_exec_literal(struct conn *c, const char *sql)
{
	return c->s->engine == STORE_SQLITE ? sq_exec_script(c, sql) : pg_exec_script(c, sql);
}

enum app_err conn_begin(struct conn *c)
{
	enum app_err e;
	char sp[32];

	if (c->depth == 0) {
		e = conn_exec_literal(c, c->s->engine == STORE_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
	} else {
		snprintf(sp, sizeof(sp), "SAVEPOINT sp%d", c->depth);
		e = conn_exec_literal(c, sp);
	}
	if (e == APP_OK)
		c->depth++;
	return e;
}

enum app_err conn_commit(struct conn *c)
{
	enum app_err e;
	char sp[32];

	if (c->depth <= 0)
		return APP_EINTERNAL;
	if (c->failed && c->failed <= c->depth) {
		/*
		 * A statement failed in this transaction: PostgreSQL has aborted it
		 * (COMMIT would quietly roll back) and SQLite would commit the rest.
		 * Behave the same on both: roll back and say so.
		 */
		log_warn("store", "error=\"commit after a failed statement: rolled back\"");
		conn_rollback(c);
		return APP_ECONFLICT;
	}
	if (c->depth == 1) {
		e = conn_exec_literal(c, "COMMIT");
		if (e != APP_OK) {
			conn_exec_literal(c, "ROLLBACK");
			c->depth = 0;
			c->failed = 0;
			return e;
		}
	} else {
		snprintf(sp, sizeof(sp), "RELEASE SAVEPOINT sp%d", c->depth - 1);
		e = conn_exec_literal(c, sp);
		if (e != APP_OK)
			return e;
	}
	c->depth--;
	return APP_OK;
}

void conn_rollback(struct conn *c)
{
	char sp[64];

	if (c->depth <= 0)
		return;
	if (c->failed >= c->depth)
		c->failed = 0;
	if (c->depth == 1) {
		conn_exec_literal(c, "ROLLBACK");
	} else {
		snprintf(sp, sizeof(sp), "ROLLBACK TO SAVEPOINT sp%d", c->depth - 1);
		conn_exec_literal(c, sp);
		snprintf(sp, sizeof(sp), "RELEASE SAVEPOINT sp%d", c->depth - 1);
		conn_exec_literal(c, sp);
	}
	c->depth--;
}

struct stmt *conn_stmt(struct conn *c, struct query *q)
{
	int slot = query_slot(q);
	struct stmt *st;

	if ((size_t)slot >= c->nslots) {
		size_t n = c->nslots ? c->nslots : 64;
		while (n <= (size_t)slot)
			n *= 2;
		c->slots = xrealloc(c->slots, n * sizeof(*c->slots));
		memset(c->slots + c->nslots, 0, (n - c->nslots) * sizeof(*c->slots));
		c->nslots = n;
	}
	st = c->slots[slot];
	if (!st) {
		enum app_err e;

		st = xcalloc(1, sizeof(*st));
		st->c = c;
		st->q = q;
		snprintf(st->name, sizeof(st->name), "q%d", slot);
		e = c->s->engine == STORE_SQLITE ? sq_prepare(c, st) : pg_prepare(c, st);
		if (e != APP_OK) {
			free(st);
			return NULL;
		}
		c->slots[slot] = st;
		return st;
	}
	if (c->s->engine == STORE_SQLITE) {
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
	} else {
		pg_clear(st);
	}
	return st;
}

/* ---- binding ---- */

static bool param_ok(struct stmt *st, int i)
{
	(void)st;
	if (i < 1 || i > STORE_MAX_PARAMS) {
		log_error("store_bind", "error=\"parameter %d out of range\"", i);
		return false;
	}
	return true;
}

static void pg_set(struct stmt *st, int i, char *v, int len, int fmt)
{
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
	st->lens[i - 1] = len;
	st->fmts[i - 1] = fmt;
}

void stmt_bind_int64(struct stmt *st, int i, int64_t v)
{
	if (!st || !param_ok(st, i))
		return;
	if (st->c->s->engine == STORE_SQLITE) {
		if (st->pidx[i])
			sqlite3_bind_int64(st->st, st->pidx[i], v);
	} else {
		pg_set(st, i, xasprintf("%" PRId64, v), 0, 0);
	}
}

void stmt_bind_text(struct stmt *st, int i, const char *v)
{
	if (!st || !param_ok(st, i))
		return;
	if (!v) {
		stmt_bind_null(st, i);
		return;
	}
	if (st->c->s->engine == STORE_SQLITE) {
		if (st->pidx[i])
			sqlite3_bind_text(st->st, st->pidx[i], v, -1, SQLITE_TRANSIENT);
	} else {
		pg_set(st, i, xstrdup(v), 0, 0);
	}
}

void stmt_bind_double(struct stmt *st, int i, double v)
{
	if (!st || !param_ok(st, i))
		return;
	if (st->c->s->engine == STORE_SQLITE) {
		if (st->pidx[i])
			sqlite3_bind_double(st->st, st->pidx[i], v);
	} else {
		pg_set(st, i, xasprintf("%.17g", v), 0, 0);
	}
}

void stmt_bind_null(struct stmt *st, int i)
{
	if (!st || !param_ok(st, i))
		return;
	if (st->c->s->engine == STORE_SQLITE) {
		if (st->pidx[i])
			sqlite3_bind_null(st->st, st->pidx[i]);
	} else {
		pg_set(st, i, NULL, 0, 0);
	}
}

void stmt_bind_blob(struct stmt *st, int i, const void *data, size_t n)
{
	if (!st || !param_ok(st, i))
		return;
	if (st->c->s->engine == STORE_SQLITE) {
		if (st->pidx[i])
			sqlite3_bind_blob64(st->st, st->pidx[i], n ? data : "", n, SQLITE_TRANSIENT);
	} else {
		char *copy = xmalloc(n + 1);
		if (n)
			memcpy(copy, data, n);
		pg_set(st, i, copy, (int)n, 1); /* binary format: bytea as is */
	}
}

/* ---- running ---- */

static enum app_err sq_code(struct conn *c, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return APP_EEXIST;
		return APP_EINVAL;
	default: log_error("sqlite", "rc=%d error=\"%s\"", rc, sqlite3_errmsg(c->db)); return APP_EDB;
	}
}

enum app_err stmt_step(struct stmt *st, bool *row)
{
	int rc;

	*row = false;
	if (!st)
		return APP_EDB;
	if (st->c->s->engine == STORE_POSTGRES) {
		enum app_err e = pg_step(st, row);
		if (e != APP_OK && st->c->depth > 0 && !st->c->failed)
			st->c->failed = st->c->depth;
		return e;
	}
	rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW) {
		*row = true;
		return APP_OK;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st->st);
		return APP_OK;
	}
	rc = sqlite3_extended_errcode(st->c->db);
	sqlite3_reset(st->st);
	if (st->c->depth > 0 && !st->c->failed)
		st->c->failed = st->c->depth;
	return sq_code(st->c, rc);
}

enum app_err stmt_exec(struct stmt *st, int64_t *changes)
{
	bool row;
	enum app_err e;

	if (changes)
		*changes = 0;
	if (!st)
		return APP_EDB;
	do {
		e = stmt_step(st, &row);
	} while (e == APP_OK && row);
	if (e == APP_OK && changes) {
		if (st->c->s->engine == STORE_SQLITE)
			*changes = sqlite3_changes64(st->c->db);
		else if (st->res)
			*changes = strtoll(PQcmdTuples(st->res), NULL, 10);
	}
	stmt_done(st);
	return e;
}

bool stmt_col_null(struct stmt *st, int i)
{
	if (st->c->s->engine == STORE_SQLITE)
		return sqlite3_column_type(st->st, i) == SQLITE_NULL;
	return !st->res || PQgetisnull(st->res, st->row, i);
}

int64_t stmt_col_int64(struct stmt *st, int i)
{
	const char *v;

	if (st->c->s->engine == STORE_SQLITE)
		return sqlite3_column_int64(st->st, i);
	if (stmt_col_null(st, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	if (*v == 't')
		return 1; /* boolean */
	if (*v == 'f')
		return 0;
	return strtoll(v, NULL, 10);
}

double stmt_col_double(struct stmt *st, int i)
{
	if (st->c->s->engine == STORE_SQLITE)
		return sqlite3_column_double(st->st, i);
	if (stmt_col_null(st, i))
		return 0;
	return strtod(PQgetvalue(st->res, st->row, i), NULL);
}

const char *stmt_col_text(struct stmt *st, int i)
{
	if (st->c->s->engine == STORE_SQLITE)
		return (const char *)sqlite3_column_text(st->st, i);
	if (stmt_col_null(st, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

const void *stmt_col_blob(struct stmt *st, int i, size_t *n)
{
	*n = 0;
	if (st->c->s->engine == STORE_SQLITE) {
		const void *p = sqlite3_column_blob(st->st, i);
		*n = (size_t)sqlite3_column_bytes(st->st, i);
		return p;
	}
	if (stmt_col_null(st, i))
		return NULL;
	if (st->blobtmp)
		PQfreemem(st->blobtmp);
	st->blobtmp = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i), n);
	return st->blobtmp;
}

void stmt_done(struct stmt *st)
{
	if (!st)
		return;
	if (st->c->s->engine == STORE_SQLITE) {
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
	} else {
		pg_clear(st);
	}
}

struct stmt *store_stmt(struct store *s, struct query *q)
{
	struct conn *c = store_conn(s);

	return c ? conn_stmt(c, q) : NULL;
}

const char *stmt_col_dup(struct stmt *st, int i, struct arena *a)
{
	const char *v = stmt_col_text(st, i);

	return v ? arena_strdup(a, v) : NULL;
}
