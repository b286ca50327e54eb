/*
** SQLite engine: one connection per thread, busy_timeout first (so the
** following pragmas wait rather than fail), then WAL, foreign keys and
** synchronous=NORMAL. "$1" in SQL is a named parameter for SQLite: we map
** $1..$n to their indexes once at prepare time.
*/
#include "store_int.h"

enum app_err sq_open(struct store *s, struct conn *c, char **errmsg)
{
	static const char *const pragmas[] = {
		"PRAGMA busy_timeout = 5000",
		"PRAGMA journal_mode = WAL",
		"PRAGMA foreign_keys = ON",
		"PRAGMA synchronous = NORMAL",
	};
	int rc = sqlite3_open_v2(
		s->url, &c->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);

	if (rc != SQLITE_OK) {
		if (errmsg)
			*errmsg = xasprintf("cannot open %s: %s", s->url,
					    c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		return APP_EDB;
	}
	sqlite3_extended_result_codes(c->db, 1);
	for (size_t i = 0; i < ARRAY_SIZE(pragmas); i++) {
		char *err = NULL;
		if (sqlite3_exec(c->db, pragmas[i], NULL, NULL, &err) != SQLITE_OK) {
			if (errmsg)
				*errmsg = xasprintf("%s: %s: %s", s->url, pragmas[i], err ? err : "?");
			sqlite3_free(err);
			return APP_EDB;
		}
	}
	return APP_OK;
}

void sq_close(struct conn *c)
{
	if (c->db)
		sqlite3_close_v2(c->db);
	c->db = NULL;
}

enum app_err sq_exec_script(struct conn *c, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK) {
		int ext = sqlite3_extended_errcode(c->db);
		log_error("sqlite_exec", "rc=%d error=\"%s\"", ext, err ? err : "?");
		sqlite3_free(err);
		if ((ext & 0xff) == SQLITE_CONSTRAINT)
			return ext == SQLITE_CONSTRAINT_UNIQUE ? APP_EEXIST : APP_EINVAL;
		return APP_EDB;
	}
	return APP_OK;
}

enum app_err sq_prepare(struct conn *c, struct stmt *st)
{
	int rc = sqlite3_prepare_v3(c->db, st->q->sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL);

	if (rc != SQLITE_OK) {
		log_error("sqlite_prepare", "error=\"%s\" sql=\"%.80s\"", sqlite3_errmsg(c->db), st->q->sql);
		return APP_EDB;
	}
	for (int i = 1; i <= STORE_MAX_PARAMS; i++) {
		char name[16];
		snprintf(name, sizeof(name), "$%d", i);
		st->pidx[i] = sqlite3_bind_parameter_index(st->st, name);
	}
	return APP_OK;
}

void sq_finalize(struct stmt *st)
{
	sqlite3_finalize(st->st);
	st->st = NULL;
}
