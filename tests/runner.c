/*
** Test runner: runs the registered tests, each in a fresh temporary
** directory, and ends with "N passed, N failed". Tests named db_* run once
** per store engine: SQLite always, PostgreSQL when GIAMSAT_TEST_PG holds a
** postgresql:// URL of a throwaway server (scripts/pg-test-cluster makes one).
** Usage: test-unit [SUBSTRING]  (runs tests whose name contains it)
*/

#include "test.h"

#include <dirent.h>
#include <ftw.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

struct test {
	const char *name, *file;
	test_fn fn;
};

static struct test *g_tests;
static size_t g_ntests, g_captests;
static int g_failed_checks;
static char g_tmp[4096];
static char *g_db_url;
static const char *g_engine = "sqlite";
static int g_schema_seq;

void test_register(const char *name, const char *file, test_fn fn)
{
	if (g_ntests == g_captests) {
		g_captests = g_captests ? g_captests * 2 : 256;
		g_tests = realloc(g_tests, g_captests * sizeof(*g_tests));
		if (!g_tests)
			abort();
	}
	g_tests[g_ntests++] = (struct test){ name, file, fn };
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g_failed_checks++;
}

const char *test_tmpdir(void)
{
	return g_tmp;
}

const char *test_db_engine(void)
{
	return g_engine;
}

static char *make_pg_schema(const char *base)
{
	char schema[64], *url;
	PGconn *c = PQconnectdb(base);
	PGresult *r;

	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "    cannot connect to %s: %s", base, PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	snprintf(schema, sizeof(schema), "t%ld_%d", (long)getpid(), ++g_schema_seq);
	{
		char *sql = xasprintf("CREATE SCHEMA %s", schema);
		r = PQexec(c, sql);
		free(sql);
	}
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "    create schema: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	url = xasprintf("%s%soptions=-csearch_path%%3D%s", base,
			strchr(base, '?') ? "&" : "?", schema);
	return url;
}

const char *test_db_url(void)
{
	free(g_db_url);
	g_db_url = NULL;
	if (strcmp(g_engine, "postgresql") == 0)
		g_db_url = make_pg_schema(getenv("GIAMSAT_TEST_PG"));
	else
		g_db_url = xasprintf("%s/test.db", g_tmp);
	return g_db_url;
}

const char *test_shared_dir(void)
{
	static char path[4096];
	const char *env = getenv("GIAMSAT_SHARED");
	struct stat st;

	if (env && stat(env, &st) == 0)
		return env;
	if (stat("../shared/data", &st) == 0) {
		snprintf(path, sizeof(path), "../shared");
		return path;
	}
	return NULL;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int run_one(const struct test *t, const char *suffix)
{
	int before = g_failed_checks;
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(g_tmp, sizeof(g_tmp), "%s/giamsat-test-XXXXXX", base);
	if (!mkdtemp(g_tmp)) {
		perror("mkdtemp");
		return 1;
	}
	t->fn();
	nftw(g_tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(g_db_url);
	g_db_url = NULL;
	if (g_failed_checks != before) {
		fprintf(stderr, "FAIL %s%s (%s)\n", t->name, suffix, t->file);
		return 1;
	}
	if (getenv("TEST_VERBOSE"))
		fprintf(stderr, "ok   %s%s\n", t->name, suffix);
	return 0;
}

static int cmp_test(const void *a, const void *b)
{
	const struct test *x = a, *y = b;
	return strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	const char *pg = getenv("GIAMSAT_TEST_PG");
	int passed = 0, failed = 0;

	log_quiet(!getenv("TEST_VERBOSE"));
	qsort(g_tests, g_ntests, sizeof(*g_tests), cmp_test);
	for (size_t i = 0; i < g_ntests; i++) {
		const struct test *t = &g_tests[i];
		bool db = strncmp(t->name, "db_", 3) == 0;

		if (filter && !strstr(t->name, filter))
			continue;
		g_engine = "sqlite";
		if (run_one(t, db ? "[sqlite]" : ""))
			failed++;
		else
			passed++;
		if (db && pg && *pg) {
			g_engine = "postgresql";
			if (run_one(t, "[postgresql]"))
				failed++;
			else
				passed++;
		}
	}
	free(g_tests);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
