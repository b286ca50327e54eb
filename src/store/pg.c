/*
** PostgreSQL engine (libpq): one connection per thread, each query prepared
** once per connection (PQprepare) under the name "q<slot>", parameters in
** text format (bytea in binary), results read whole. SQLSTATE 23505 (unique
** violation) maps to APP_EEXIST, other class 23 (integrity) to APP_EINVAL.
*/
#include "store_int.h"

static void notice_quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res; /* "relation already exists, skipping" and the like */
}

enum app_err pg_open(struct store *s, struct conn *c, char **errmsg)
{
	PGresult *r;

	c->pg = PQconnectdb(s->url);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		if (errmsg)
			*errmsg = xasprintf("cannot connect to PostgreSQL: %s",
					    c->pg ? PQerrorMessage(c->pg) : "out of memory");
		return APP_EDB;
	}
	PQsetNoticeReceiver(c->pg, notice_quiet, NULL);
	r = PQexec(c->pg, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		if (errmsg)
			*errmsg = xasprintf("PostgreSQL session setup: %s", PQerrorMessage(c->pg));
		PQclear(r);
		return APP_EDB;
	}
	PQclear(r);
	return APP_OK;
}

void pg_close(struct conn *c)
{
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
}

static enum app_err pg_err(struct conn *c, PGresult *r, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	if (PQstatus(c->pg) != CONNECTION_OK)
		c->broken = true;
	if (state && strcmp(state, "23505") == 0)
		return APP_EEXIST;
	if (state && strncmp(state, "23", 2) == 0)
		return APP_EINVAL;
	log_error(what, "sqlstate=%s error=\"%s\"", state ? state : "-",
		  r ? PQresultErrorMessage(r) : PQerrorMessage(c->pg));
	return APP_EDB;
}

enum app_err pg_exec_script(struct conn *c, const char *sql)
{
	PGresult *r = PQexec(c->pg, sql);
	enum app_err e = APP_OK;
	ExecStatusType rs = PQresultStatus(r);

	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
		e = pg_err(c, r, "pg_exec");
	PQclear(r);
	return e;
}

enum app_err pg_prepare(struct conn *c, struct stmt *st)
{
	const char *sql = st->q->sql_pg ? st->q->sql_pg : st->q->sql;
	PGresult *r = PQprepare(c->pg, st->name, sql, 0, NULL);
	enum app_err e = APP_OK;

	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		e = pg_err(c, r, "pg_prepare");
		PQclear(r);
		return e;
	}
	PQclear(r);
	r = PQdescribePrepared(c->pg, st->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		e = pg_err(c, r, "pg_describe");
	} else {
		st->nparams = PQnparams(r);
		if (st->nparams > STORE_MAX_PARAMS) {
			log_error("pg_prepare", "error=\"too many parameters\"");
			e = APP_EINTERNAL;
		}
	}
	PQclear(r);
	if (e != APP_OK) {
		/* Forget the server-side statement: the slot stays empty. */
		char *dealloc = xasprintf("DEALLOCATE %s", st->name);
		PQclear(PQexec(c->pg, dealloc));
		free(dealloc);
	}
	return e;
}

void pg_clear(struct stmt *st)
{
	for (int i = 0; i < STORE_MAX_PARAMS; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
		st->lens[i] = 0;
		st->fmts[i] = 0;
	}
	if (st->res)
		PQclear(st->res);
	st->res = NULL;
	if (st->blobtmp)
		PQfreemem(st->blobtmp);
	st->blobtmp = NULL;
	st->row = -1;
	st->nrows = 0;
	st->executed = false;
}

void pg_finalize(struct stmt *st)
{
	pg_clear(st);
}

enum app_err pg_step(struct stmt *st, bool *row)
{
	*row = false;
	if (!st->executed) {
		ExecStatusType rs;

		st->executed = true;
		st->res = PQexecPrepared(st->c->pg, st->name, st->nparams, (const char *const *)st->vals, st->lens,
					 st->fmts, 0);
		rs = PQresultStatus(st->res);
		if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
			enum app_err e = pg_err(st->c, st->res, "pg_exec");
			PQclear(st->res);
			st->res = NULL;
			return e;
		}
		st->nrows = PQntuples(st->res);
		st->row = -1;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		*row = true;
	}
	return APP_OK;
}
