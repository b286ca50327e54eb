#include "../test.h"
#include "util/util.h"

TEST(sbuf_cap_refuses_and_keeps)
{
	struct sbuf b;

	sbuf_init(&b, 8);
	CHECK_INT(sbuf_addstr(&b, "12345"), APP_OK);
	CHECK_INT(sbuf_addstr(&b, "6789"), APP_ETOOBIG);
	CHECK_STR(b.buf, "12345");
	CHECK_INT(sbuf_addf(&b, "%d", 678), APP_OK);
	CHECK_STR(b.buf, "12345678");
	sbuf_release(&b);
}

TEST(arena_many_and_big)
{
	struct arena a;
	char *big;

	arena_init(&a);
	for (int i = 0; i < 10000; i++)
		CHECK(arena_printf(&a, "x%d", i) != NULL);
	big = arena_alloc(&a, 1 << 20);
	CHECK(big[12345] == 0);
	CHECK_STR(arena_strndup(&a, "abcdef", 3), "abc");
	arena_release(&a);
}

TEST(dates_vn_and_iso)
{
	char out[11];

	CHECK(date_parse("17/03/2021", out));
	CHECK_STR(out, "2021-03-17");
	CHECK(date_iso_to_vn("2025-07-01", out));
	CHECK_STR(out, "01/07/2025");
	CHECK(!date_parse("30/02/2024", out));
	CHECK(date_parse("29/02/2024", out));
	CHECK(!date_parse("2024-13-01", out));
	CHECK(!date_parse("1/3/2021", out));
}

TEST(numbers_vn)
{
	char out[32];

	num_format_vn(1234.5, 1, out, sizeof(out));
	CHECK_STR(out, "1.234,5");
	num_format_vn(335000000000.0, 0, out, sizeof(out));
	CHECK_STR(out, "335.000.000.000");
	num_format_vn(-98, 0, out, sizeof(out));
	CHECK_STR(out, "-98");
}

TEST(file_atomic_roundtrip)
{
	char path[4200], *data;
	size_t len;

	snprintf(path, sizeof(path), "%s/f.txt", test_tmpdir());
	CHECK_INT(file_write_atomic(path, "xin chào", 9), APP_OK);
	CHECK_INT(file_read(path, 0, &data, &len), APP_OK);
	CHECK_INT(len, 9);
	CHECK_STR(data, "xin chào");
	free(data);
	CHECK_INT(file_read(path, 4, &data, &len), APP_ETOOBIG);
	CHECK_INT(file_read("/nonexistent/x", 0, &data, &len), APP_ENOTFOUND);
}

TEST(dates_day_arithmetic)
{
	char out[11];
	int64_t d;

	CHECK(date_to_days("1970-01-01", &d));
	CHECK_INT(d, 0);
	CHECK(date_to_days("01/07/2025", &d));
	date_from_days(d, out);
	CHECK_STR(out, "2025-07-01");
	CHECK_INT(date_days_between("2022-06-30", "2022-07-01"), 1);
	CHECK_INT(date_days_between("2024-02-28", "2024-03-01"), 2); /* leap year */
	CHECK_INT(date_days_between("2100-02-28", "2100-03-01"), 1); /* not a leap year */
	CHECK_INT(date_days_between("2022-12-31", "2022-01-01"), -364);
	CHECK_INT(date_days_between("bad", "2022-01-01"), 0);
	CHECK(date_add_days("2024-02-20", 10, out));
	CHECK_STR(out, "2024-03-01");
	CHECK(date_add_days("31/12/2022", 1, out));
	CHECK_STR(out, "2023-01-01");
	CHECK(!date_add_days("2023-02-30", 1, out));
	CHECK(!date_to_days("2023-02-30", &d));
}
