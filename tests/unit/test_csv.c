/* RFC 4180 reader: quoting, line ends, errors with line numbers. */
#include "test.h"

#include "ingest/csv.h"
#include "util/util.h"

static enum app_err next(struct csv *c, const char *const **f, size_t *n)
{
	return csv_next(c, f, n);
}

TEST(csv_basic_and_quotes)
{
	const char *in = "\xEF\xBB\xBF"
			 "code,name,x\r\n"
			 "01,\"Hà Nội, thủ đô\",\"say \"\"hi\"\"\"\n"
			 "\n"
			 "02,\"two\nlines\",\n"
			 "03,,last";
	struct csv c;
	const char *const *f;
	size_t n;

	csv_init(&c, in, strlen(in));
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 3);
	CHECK_STR(f[0], "code");
	CHECK_STR(f[2], "x");
	CHECK_INT(c.rec_line, 1);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 3);
	CHECK_STR(f[1], "Hà Nội, thủ đô");
	CHECK_STR(f[2], "say \"hi\"");
	CHECK_INT(c.rec_line, 2);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 3);
	CHECK_STR(f[1], "two\nlines");
	CHECK_STR(f[2], "");
	CHECK_INT(c.rec_line, 4);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 3);
	CHECK_STR(f[1], "");
	CHECK_STR(f[2], "last");
	CHECK_INT(c.rec_line, 6);
	CHECK_INT(next(&c, &f, &n), APP_ENOTFOUND);
	CHECK_INT(c.records, 4);
	csv_release(&c);
}

TEST(csv_empty_and_trailing)
{
	struct csv c;
	const char *const *f;
	size_t n;

	csv_init(&c, "", 0);
	CHECK_INT(next(&c, &f, &n), APP_ENOTFOUND);
	csv_release(&c);
	csv_init(&c, "a\n\n\r\n", 5);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 1);
	CHECK_INT(next(&c, &f, &n), APP_ENOTFOUND);
	csv_release(&c);
	csv_init(&c, "\"\"", 2);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 1);
	CHECK_STR(f[0], "");
	csv_release(&c);
	csv_init(&c, "a,b,\r", 5);
	CHECK_INT(next(&c, &f, &n), APP_OK);
	CHECK_INT(n, 3);
	csv_release(&c);
}

static void bad(const char *in, size_t len, enum app_err want, size_t line)
{
	struct csv c;
	const char *const *f;
	size_t n;
	enum app_err e;

	csv_init(&c, in, len);
	while ((e = next(&c, &f, &n)) == APP_OK)
		;
	CHECK_INT(e, want);
	CHECK(c.error != NULL);
	CHECK_INT(c.line, line);
	csv_release(&c);
}

TEST(csv_errors)
{
	bad("a,b\n1,\"open\n", 12, APP_EINVAL, 3);
	bad("a,b\nx\"y,2\n", 10, APP_EINVAL, 2);
	bad("a,\"q\"z\n", 7, APP_EINVAL, 1);
	bad("a,b\n1,\0\n", 8, APP_EINVAL, 2);
	bad("a\rb\n", 4, APP_EINVAL, 1);
	{
		struct sbuf b;
		sbuf_init(&b, 0);
		for (int i = 0; i <= CSV_MAX_FIELDS; i++)
			sbuf_addstr(&b, "x,");
		bad(b.buf, b.len, APP_ETOOBIG, 1);
		sbuf_release(&b);
	}
}

TEST(csv_shared_national_file)
{
	const char *shared = test_shared_dir();
	char *path, *data = NULL;
	size_t len = 0, rows = 0, n;
	const char *const *f;
	struct csv c;
	enum app_err e;

	if (!shared)
		return; /* ../shared is not there: nothing to read */
	path = xasprintf("%s/data/admin/merge_2025_communes.csv", shared);
	CHECK_INT(file_read(path, 0, &data, &len), APP_OK);
	free(path);
	if (!data)
		return;
	csv_init(&c, data, len);
	while ((e = next(&c, &f, &n)) == APP_OK) {
		CHECK_INT(n, 12);
		rows++;
	}
	CHECK_INT(e, APP_ENOTFOUND);
	CHECK_INT(rows, 10605);
	csv_release(&c);
	free(data);
}
