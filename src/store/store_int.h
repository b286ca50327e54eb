/*
** Inside the store: the structures both engines share and the engine
** entry points that store.c dispatches to. Not for use outside src/store.
*/
#ifndef GIAMSAT_STORE_INT_H
#define GIAMSAT_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <libpq-fe.h>

#include "store.h"
#include "util/util.h"

#define STORE_MAX_PARAMS 32

struct store {
	enum store_engine engine;
	char *url;          /* SQLite path or libpq conninfo/URL */
	pthread_key_t key;  /* the calling thread's struct conn */
	pthread_mutex_t mu; /* guards conns */
	struct conn *conns; /* every open connection, for store_close */
};

struct conn {
	struct store *s;
	struct conn *next;
	sqlite3 *db;         /* SQLite */
	PGconn *pg;          /* PostgreSQL */
	struct stmt **slots; /* by query slot */
	size_t nslots;
	int depth;   /* transaction nesting: 0 none, >1 savepoints */
	int failed;  /* depth at which a statement failed (0: none); such a
				 level can only be rolled back, on both engines */
	bool broken; /* PostgreSQL: connection lost */
};

struct stmt {
	struct conn *c;
	struct query *q;
	/* SQLite */
	sqlite3_stmt *st;
	int pidx[STORE_MAX_PARAMS + 1]; /* "$N" -> sqlite index, 0 = absent */
	/* PostgreSQL */
	char name[24];
	int nparams;
	char *vals[STORE_MAX_PARAMS];
	int lens[STORE_MAX_PARAMS];
	int fmts[STORE_MAX_PARAMS];
	PGresult *res;
	int row, nrows;
	bool executed;
	unsigned char *blobtmp; /* last unescaped bytea column */
};

/* Engines. */
enum app_err sq_open(struct store *s, struct conn *c, char **errmsg);
void sq_close(struct conn *c);
enum app_err sq_exec_script(struct conn *c, const char *sql);
enum app_err sq_prepare(struct conn *c, struct stmt *st);
void sq_finalize(struct stmt *st);

enum app_err pg_open(struct store *s, struct conn *c, char **errmsg);
void pg_close(struct conn *c);
enum app_err pg_exec_script(struct conn *c, const char *sql);
enum app_err pg_prepare(struct conn *c, struct stmt *st);
void pg_finalize(struct stmt *st);
void pg_clear(struct stmt *st);
enum app_err pg_step(struct stmt *st, bool *row);

/* Run a literal statement without parameters or rows (BEGIN, COMMIT ...). */
enum app_err conn_exec_literal(struct conn *c, const char *sql);

/* The migrations, in order; store_migrate applies those not yet applied. */
struct migration {
	int version;
	const char *what;
	const char *sqlite;
	const char *pg;
};
extern const struct migration store_migrations[];
extern const size_t store_migrations_n;

#endif
