/*
** The store: one interface, two engines (SQLite, the embedded default, and
** PostgreSQL 15 through libpq). SQL texts are literals with $1..$n
** parameters, prepared once per connection and cached; nothing is ever built
** from input. Where the dialects differ a query carries both texts.
**
** A struct store is shared by all threads; each thread gets its own
** connection (SQLite: one per worker thread; PostgreSQL: likewise) from
** store_conn(), opened on first use and closed by store_close().
*/
#ifndef GIAMSAT_STORE_H
#define GIAMSAT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct arena;
struct store;
struct conn;
struct stmt;

enum store_engine { STORE_SQLITE, STORE_POSTGRES };

/*
** One SQL statement. sql serves both engines unless sql_pg is set. The
** store gives each query a slot on first use (id is written by the store:
** declare queries static and non-const-qualified members aside, never
** share one between unrelated texts).
*/
struct query {
	const char *sql;
	const char *sql_pg; /* NULL: same as sql */
	int slot;           /* set by the store; 0 = not yet registered */
};

/*
** Open a database: "postgresql://..." or "postgres://..." selects
** PostgreSQL; anything else is a SQLite file path. Does not create the
** schema: call store_migrate(). Errors: APP_EDB (message in *errmsg,
** malloc'd, when errmsg is not NULL).
*/
enum app_err store_open(const char *url, struct store **out, char **errmsg);
void store_close(struct store *s);
enum store_engine store_engine(const struct store *s);

/*
** Apply pending migrations; *applied gets how many ran. Idempotent.
** APP_ECONFLICT when the database has a schema newer than this binary knows.
*/
enum app_err store_migrate(struct store *s, int *applied);
/* Schema version of the database (0 when empty). */
enum app_err store_version(struct store *s, int *version);

/*
** Refresh the planner's statistics (ANALYZE on both engines), after a bulk
** load such as an import or the demo. Not inside a transaction.
*/
enum app_err store_analyze(struct store *s);

/* The calling thread's connection (opened on first use). NULL on failure. */
struct conn *store_conn(struct store *s);

/* Transactions on a connection: writes use BEGIN IMMEDIATE on SQLite. */
enum app_err conn_begin(struct conn *c);
enum app_err conn_commit(struct conn *c);
void conn_rollback(struct conn *c);

/* The prepared statement for q on c, reset and with no bindings. */
struct stmt *conn_stmt(struct conn *c, struct query *q);
/* The same on the calling thread's connection of s; NULL when it cannot be had. */
struct stmt *store_stmt(struct store *s, struct query *q);

/* Bind parameter i (1-based). Text is copied. NULL text binds SQL NULL. */
void stmt_bind_int64(struct stmt *st, int i, int64_t v);
void stmt_bind_text(struct stmt *st, int i, const char *v);
void stmt_bind_double(struct stmt *st, int i, double v);
void stmt_bind_null(struct stmt *st, int i);
void stmt_bind_blob(struct stmt *st, int i, const void *data, size_t n);

/*
** Run or advance the statement: APP_OK with *row true when a row is
** available, *row false when done; APP_EEXIST on a unique-constraint
** violation, APP_EINVAL on another constraint (foreign key, check),
** APP_EDB otherwise (logged).
*/
enum app_err stmt_step(struct stmt *st, bool *row);
/* Run to completion, ignoring rows; *changes gets rows affected if not NULL. */
enum app_err stmt_exec(struct stmt *st, int64_t *changes);

/*
** Column i (0-based) of the current row. Text is valid until the next step;
** a blob only until the next stmt_col_blob() call or step (PostgreSQL
** unescapes bytea into one buffer per statement): copy it first.
*/
bool stmt_col_null(struct stmt *st, int i);
int64_t stmt_col_int64(struct stmt *st, int i);
double stmt_col_double(struct stmt *st, int i);
const char *stmt_col_text(struct stmt *st, int i); /* NULL for SQL NULL */
const void *stmt_col_blob(struct stmt *st, int i, size_t *n);
/* Column i as text copied into arena a (outlives the row); NULL for SQL NULL. */
const char *stmt_col_dup(struct stmt *st, int i, struct arena *a);

/* Finish with the statement (reset; keeps it cached). */
void stmt_done(struct stmt *st);

#endif
