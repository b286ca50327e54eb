/*
** The in-tree test harness (after Redis's testhelp.h). A test file writes
**
**     TEST(sbuf_cap) { ... CHECK(x == 1); CHECK_STR(a, "b"); ... }
**
** and the test registers itself at start-up. tests/runner.c runs every test
** (or those whose name contains argv[1]) and ends with "N passed, N failed".
** A CHECK that fails marks the test failed, prints file:line and goes on.
** Tests that need a database take the engine from test_db_url(): the runner
** runs the "db_" tests once on SQLite and again on PostgreSQL when
** GIAMSAT_TEST_PG is set (a libpq conninfo for a throwaway server).
*/
#ifndef GIAMSAT_TEST_H
#define GIAMSAT_TEST_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void test_register(const char *name, const char *file, test_fn fn);
void test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A fresh temporary directory for this test, removed after it. */
const char *test_tmpdir(void);
/*
** A database URL for this run of a db_ test: a new SQLite file in the test's
** temporary directory, or the PostgreSQL conninfo with a fresh schema.
** Returns a string owned by the runner.
*/
const char *test_db_url(void);
/* "sqlite" or "postgresql": the engine of the current db_ run. */
const char *test_db_engine(void);
/*
** Convert the .docx at docx_path to PDF with LibreOffice (a profile of its
** own in the test's directory) and return the PDF's text as pdftotext
** -layout lays it out, malloc'd. NULL when soffice or pdftotext is not
** installed (a note on stderr: make test installs both), or, after a failed
** CHECK, when a conversion fails.
*/
char *test_docx_pdf_text(const char *docx_path);
/* True when the first line of a pdftotext -layout text has left before right. */
bool test_first_line_has(const char *text, const char *left, const char *right);
/* Path of ../shared relative to the repository root, or NULL if absent. */
const char *test_shared_dir(void);

#define TEST(name)                                                \
	static void test_##name(void);                            \
	__attribute__((constructor)) static void reg_##name(void) \
	{                                                         \
		test_register(#name, __FILE__, test_##name);      \
	}                                                         \
	static void test_##name(void)

#define CHECK(cond)                                                 \
	do {                                                        \
		if (!(cond))                                        \
			test_fail(__FILE__, __LINE__, "%s", #cond); \
	} while (0)

#define CHECK_INT(a, b)                                                                     \
	do {                                                                                \
		long long a_ = (long long)(a), b_ = (long long)(b);                         \
		if (a_ != b_)                                                               \
			test_fail(__FILE__, __LINE__, "%s == %lld, want %lld", #a, a_, b_); \
	} while (0)

#define CHECK_STR(a, b)                                                                                    \
	do {                                                                                               \
		const char *a_ = (a), *b_ = (b);                                                           \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                                                     \
			test_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"", #a, a_ ? a_ : "(null)", \
				  b_ ? b_ : "(null)");                                                     \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                                            \
	do {                                                                                   \
		const char *h_ = (hay), *n_ = (needle);                                        \
		if (!h_ || !strstr(h_, n_))                                                    \
			test_fail(__FILE__, __LINE__, "%s does not contain \"%s\"", #hay, n_); \
	} while (0)

#endif
