/*
** Test runner: runs the registered tests, each in a fresh temporary
** directory, and ends with "N passed, N failed". Tests named db_* run once
** per store engine: SQLite always, PostgreSQL when GIAMSAT_TEST_PG holds a
** postgresql:// URL of a throwaway server (scripts/pg-test-cluster makes one).
** Usage: test-unit [SUBSTRING]  (runs tests whose name contains it)
*/

#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <sys/wait.h>
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
	url = xasprintf("%s%soptions=-csearch_path%%3D%s", base, strchr(base, '?') ? "&" : "?", schema);
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

extern char **environ;

/* Run argv with stdout to out_path and stderr discarded; the exit status. */
static int run_quiet(char *const argv[], const char *out_path)
{
	pid_t pid;
	int status = -1;
	posix_spawn_file_actions_t fa;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0)
		waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *test_docx_pdf_text(const char *docx_path)
{
	char *profile, *log, *pdf, *txt, *text = NULL, *dot;
	const char *slash = strrchr(docx_path, '/');
	size_t len;
	struct stat st;

	if (stat("/usr/bin/soffice", &st) != 0 || stat("/usr/bin/pdftotext", &st) != 0) {
		fprintf(stderr, "    (soffice or pdftotext missing: layout not checked)\n");
		return NULL;
	}
	profile = xasprintf("-env:UserInstallation=file://%s/lo", g_tmp);
	log = xasprintf("%s/soffice.log", g_tmp);
	pdf = xasprintf("%s/%s", g_tmp, slash ? slash + 1 : docx_path);
	dot = strrchr(pdf, '.');
	if (dot)
		*dot = '\0';
	txt = xasprintf("%s.txt", pdf);
	{
		char *p2 = xasprintf("%s.pdf", pdf);
		free(pdf);
		pdf = p2;
	}
	{
		char *argv[] = { "soffice", profile,           "--headless", "--convert-to", "pdf", "--outdir",
				 g_tmp,     (char *)docx_path, NULL };
		if (run_quiet(argv, log) != 0)
			test_fail(__FILE__, __LINE__, "soffice could not convert %s", docx_path);
	}
	if (stat(pdf, &st) != 0) {
		test_fail(__FILE__, __LINE__, "soffice wrote no %s", pdf);
	} else {
		char *argv[] = { "pdftotext", "-layout", pdf, txt, NULL };
		if (run_quiet(argv, log) != 0 || file_read(txt, 0, &text, &len) != APP_OK)
			test_fail(__FILE__, __LINE__, "pdftotext could not read %s", pdf);
	}
	free(profile);
	free(log);
	free(pdf);
	free(txt);
	return text;
}

bool test_first_line_has(const char *text, const char *left, const char *right)
{
	const char *nl = strchr(text, '\n');
	char *first = xstrndup(text, nl ? (size_t)(nl - text) : strlen(text));
	const char *l = strstr(first, left), *r = strstr(first, right);
	bool ok = l && r && l < r;

	free(first);
	return ok;
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
