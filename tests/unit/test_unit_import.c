/* Import of unit lists: a good file, and every kind of bad row refusing the whole file. */
#include "test.h"

#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static struct store *open_db(void)
{
	struct store *s = NULL;

	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (s)
		CHECK_INT(store_migrate(s, NULL), APP_OK);
	return s;
}

static struct query Q_N = { "SELECT COUNT(*) FROM unit", NULL, 0 };

static int64_t n_units(struct store *s)
{
	struct stmt *st = conn_stmt(store_conn(s), &Q_N);
	bool row;
	int64_t n = -1;

	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

#define HEADER "code,name,short_name,type,level,parent_code,province_code\n"
static const char GOOD[] = HEADER "01,Thành phố Hà Nội,Hà Nội,Thành phố trực thuộc trung ương,1,,01\n"
				  "10189,Xã Nhị Khê,Nhị Khê,Xã,3,279,01\n" /* a child before its parent */
				  "279,Huyện Thường Tín,Thường Tín,Huyện,2,01,01\n"
				  "002,Quận Hoàn Kiếm,Hoàn Kiếm,Quận,2,01,01\n"
				  "00070,\"Phường Hàng Bạc\",Hàng Bạc,Phường,3,002,01\n"
				  "10183,Thị trấn Thường Tín,Thường Tín,Thị trấn,3,279,01\n";

TEST(db_unit_import_good)
{
	struct store *s = open_db();
	struct arena a;
	struct unit u;
	struct unit_list l;
	int64_t n = 0;
	char *why = NULL;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(unit_import_csv(s, GOOD, strlen(GOOD), "2021-11-01", NULL, &n, &why), APP_OK);
	CHECK(why == NULL);
	free(why);
	CHECK_INT(n, 6);
	CHECK_INT(n_units(s), 6);
	CHECK_INT(unit_get_by_code(s, &a, "10189", &u), APP_OK);
	CHECK_STR(u.parent_code, "279");
	CHECK_INT(u.kind, UNIT_COMMUNE);
	CHECK_STR(u.valid_from, "2021-11-01");
	CHECK_INT(unit_get_by_code(s, &a, "279", &u), APP_OK);
	CHECK_INT(u.kind, UNIT_DISTRICT);
	CHECK_STR(u.parent_code, "01");
	CHECK_INT(unit_get_by_code(s, &a, "01", &u), APP_OK);
	CHECK_INT(u.kind, UNIT_CITY);
	CHECK_INT(unit_search(s, &a, "thuong tin", 0, 10, &l), APP_OK);
	CHECK_INT(l.n, 2);

	/* A second list of the same place, as it was: codes get the year, parents resolve. */
	{
		static const char OLD[] = HEADER "279,Huyện Thường Tín,Thường Tín,Huyện,2,01,01\n"
						 "10183,Thị trấn Thường Tín,Thường Tín,Thị trấn,3,279,01\n";
		CHECK_INT(unit_import_csv(s, OLD, strlen(OLD), NULL, "30/06/2025", &n, &why), APP_OK);
		free(why);
		CHECK_INT(n, 2);
		CHECK_INT(unit_get_by_code(s, &a, "10183-2025", &u), APP_OK);
		CHECK_STR(u.parent_code, "279-2025");
		CHECK_STR(u.valid_to, "2025-06-30");
		CHECK_INT(unit_get_by_code(s, &a, "279-2025", &u), APP_OK);
		CHECK_STR(u.parent_code, "01");
	}
	arena_release(&a);
	store_close(s);
}

static void refused(struct store *s, const char *csv, size_t row, const char *reason)
{
	struct unit_import_opts o = { .valid_from = "2025-07-01" };
	struct unit_import_error err;
	int64_t before = n_units(s), n = 99;

	CHECK_INT(unit_import(s, csv, strlen(csv), &o, &n, &err), APP_EINVAL);
	CHECK_INT(n, 0);
	CHECK_INT(err.row, row);
	CHECK_CONTAINS(err.en, reason);
	CHECK(err.vi[0] != 0);
	CHECK_INT(n_units(s), before);
}

TEST(db_unit_import_bad_rows)
{
	struct store *s = open_db();

	if (!s)
		return;
	/* One good unit in the store already, to check nothing else appears. */
	{
		struct unit_new u = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
		CHECK_INT(unit_add(s, &u, NULL, NULL), APP_OK);
	}
	refused(s, "code,name,type\n01,A,Tỉnh\n", 1, "missing column: parent_code");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n02,B,B,Tỉnh,1\n", 3, "wrong number of columns");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n02,B,B,Làng,1,,02\n", 3, "unknown unit type: Làng");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n003,B,B,Quận,2,77,01\n", 3,
		"parent not found in the file or the database: 77");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n02,B\xc3\x28,B,Tỉnh,1,,02\n", 3, "invalid UTF-8");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n002,B,B,Quận,2,01,01\n002,C,C,Quận,2,01,01\n", 4,
		"duplicate code: 002");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n,B,B,Quận,2,01,01\n", 3, "empty or invalid code");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n02,,B,Tỉnh,1,,02\n", 3, "empty name");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\n02,\"B,B,Tỉnh,1,,02\n", 3, "unterminated");
	refused(s, HEADER "01,Hà Nội,Hà Nội,Tỉnh,1,,01\nTU,B,B,Quận,2,01,01\n", 3,
		"the code exists in the database already: TU");
	refused(s, HEADER "002,B,B,Quận,2,003,01\n003,C,C,Quận,2,002,01\n", 2, "loops");
	refused(s, HEADER "002,B,B,Quận,2,002,01\n", 2, "its own parent");
	refused(s, "", 0, "empty");
	CHECK_INT(n_units(s), 1);
	store_close(s);
}

TEST(db_unit_import_party_names_root)
{
	struct store *s = open_db();
	struct unit_import_opts o = {
		.valid_to = "2025-06-30", .province = "01", .root_code = "TU", .party_names = true, .demo = true
	};
	struct unit_import_error err;
	struct arena a;
	struct unit u;
	int64_t n = 0;
	static const char CSV[] = HEADER "01,Thành phố Hà Nội,Hà Nội,Thành phố trực thuộc trung ương,1,,01\n"
					 "02,Tỉnh Hà Giang,Hà Giang,Tỉnh,1,,02\n"
					 "279,Huyện Thường Tín,Thường Tín,Huyện,2,01,01\n"
					 "269,Thị xã Sơn Tây,Sơn Tây,Thị xã,2,01,01\n"
					 "10183,Thị trấn Thường Tín,Thường Tín,Thị trấn,3,279,01\n"
					 "024,Thành phố Hà Giang,Hà Giang,Thành phố thuộc tỉnh,2,02,02\n";

	if (!s)
		return;
	arena_init(&a);
	{
		struct unit_new r = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
		CHECK_INT(unit_add(s, &r, NULL, NULL), APP_OK);
	}
	CHECK_INT(unit_import(s, CSV, strlen(CSV), &o, &n, &err), APP_OK);
	CHECK_INT(n, 3);
	CHECK_INT(unit_get_by_code(s, &a, "279-2025", &u), APP_OK);
	CHECK_STR(u.name, "Huyện ủy Thường Tín");
	CHECK_STR(u.parent_code, "TU");
	CHECK(u.demo);
	CHECK_INT(unit_get_by_code(s, &a, "269-2025", &u), APP_OK);
	CHECK_STR(u.name, "Thị ủy Sơn Tây");
	CHECK_INT(unit_get_by_code(s, &a, "10183-2025", &u), APP_OK);
	CHECK_STR(u.name, "Đảng ủy thị trấn Thường Tín");
	CHECK_INT(unit_get_by_code(s, &a, "024-2025", &u), APP_ENOTFOUND);
	arena_release(&a);
	store_close(s);
}

/* The national list from ../shared: 3,355 units, in one transaction. */
TEST(db_unit_import_national_2025)
{
	const char *shared = test_shared_dir();
	struct store *s;
	char *path, *data = NULL, *why = NULL;
	size_t len = 0;
	int64_t n = 0;
	struct arena a;
	struct unit_list l;

	if (!shared)
		return;
	path = xasprintf("%s/data/admin/units_2025-07-01.csv", shared);
	CHECK_INT(file_read(path, 0, &data, &len), APP_OK);
	free(path);
	if (!data || !(s = open_db())) {
		free(data);
		return;
	}
	arena_init(&a);
	CHECK_INT(unit_import_csv(s, data, len, "2025-07-01", NULL, &n, &why), APP_OK);
	if (why)
		fprintf(stderr, "    %s\n", why);
	free(why);
	CHECK_INT(n, 3355);
	CHECK_INT(unit_search(s, &a, "hoan kiem", 0, 10, &l), APP_OK);
	CHECK_INT(l.n, 1);
	arena_release(&a);
	free(data);
	store_close(s);
}

TEST(db_unit_import_merges)
{
	struct store *s = open_db();
	struct arena a;
	struct unit u;
	struct unit_list l;
	struct unit_import_error err;
	int64_t n = 0, linked = 0, skipped = 0;
	bool in;
	static const char OLD[] = HEADER "01,Thành phố Hà Nội,Hà Nội,Thành phố trực thuộc trung ương,1,,01\n"
					 "279,Huyện Thường Tín,Thường Tín,Huyện,2,01,01\n"
					 "10183,Thị trấn Thường Tín,Thường Tín,Thị trấn,3,279,01\n"
					 "10186,Xã Ninh Sở,Ninh Sở,Xã,3,279,01\n";
	static const char NEW[] = HEADER "10183,Xã Thường Tín,Thường Tín,Xã,2,01-2025,01\n"
					 "00685,Xã Nam Phù,Nam Phù,Xã,2,01-2025,01\n"
					 "10210,Xã Hồng Vân,Hồng Vân,Xã,2,01-2025,01\n";
	static const char MERGE[] =
		"old_code,old_name,old_district_code,old_district_name,old_province_code,old_province_name,"
		"new_code,new_name,new_province_code,new_province_name,kind,old_in_units_2025-03-01\n"
		"10183,Thị trấn Thường Tín,279,Huyện Thường Tín,01,Thành phố Hà Nội,10183,Xã Thường Tín,01,Thành phố Hà Nội,full,yes\n"
		"10186,Xã Ninh Sở,279,Huyện Thường Tín,01,Thành phố Hà Nội,00685,Xã Nam Phù,01,Thành phố Hà Nội,partial,yes\n"
		"10186,Xã Ninh Sở,279,Huyện Thường Tín,01,Thành phố Hà Nội,10210,Xã Hồng Vân,01,Thành phố Hà Nội,partial,yes\n"
		"99999,Xã Ma,279,Huyện Thường Tín,01,Thành phố Hà Nội,10210,Xã Hồng Vân,01,Thành phố Hà Nội,full,no\n"
		"20000,Xã Khác,300,Huyện Khác,02,Tỉnh Khác,30000,Xã Mới,02,Tỉnh Khác,full,yes\n";
	struct unit_import_opts old = { .valid_to = "2025-06-30" }, cur = { .valid_from = "2025-07-01" };

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(unit_import(s, OLD, strlen(OLD), &old, &n, &err), APP_OK);
	CHECK_INT(unit_import(s, NEW, strlen(NEW), &cur, &n, &err), APP_OK);
	CHECK_INT(unit_import_merges(s, MERGE, strlen(MERGE), "2025-06-30", "01", &linked, &skipped, &err), APP_OK);
	/* 10183 full, 10186 twice partial, the district to its three successors. */
	CHECK_INT(linked, 6);
	CHECK_INT(skipped, 1); /* 99999 is in no list */
	CHECK_INT(unit_get_by_code(s, &a, "10183-2025", &u), APP_OK);
	CHECK_STR(u.successor_code, "10183");
	CHECK_INT(unit_get_by_code(s, &a, "10186-2025", &u), APP_OK);
	CHECK(u.successor_code == NULL); /* split: no single successor */
	{
		int64_t district = 0, ward = 0, other = 0;
		CHECK_INT(unit_get_by_code(s, &a, "279-2025", &u), APP_OK);
		district = u.id;
		CHECK_INT(unit_get_by_code(s, &a, "10210", &u), APP_OK);
		ward = u.id;
		CHECK_INT(unit_within(s, district, ward, &in), APP_OK);
		CHECK(in);
		CHECK_INT(unit_get_by_code(s, &a, "10186-2025", &u), APP_OK);
		other = u.id;
		CHECK_INT(unit_within(s, other, ward, &in), APP_OK);
		CHECK(in);
		CHECK_INT(unit_predecessors(s, &a, ward, &l), APP_OK);
		CHECK_INT(l.n, 2);
	}
	/* Again: every link exists, the file is refused, nothing changes. */
	CHECK_INT(unit_import_merges(s, MERGE, strlen(MERGE), "2025-06-30", "01", &linked, &skipped, &err), APP_EINVAL);
	CHECK_INT(linked, 0);
	CHECK_INT(err.row, 2);
	CHECK_CONTAINS(err.en, "exists in the database already");
	/* Bad files. */
	CHECK_INT(unit_import_merges(s, "old_code,kind\n1,full\n", 21, NULL, NULL, &linked, NULL, &err), APP_EINVAL);
	CHECK_CONTAINS(err.en, "missing column: new_code");
	{
		static const char BAD[] = "old_code,new_code,kind\n10183,10210,some\n";
		CHECK_INT(unit_import_merges(s, BAD, strlen(BAD), "2025-06-30", NULL, &linked, NULL, &err), APP_EINVAL);
		CHECK_INT(err.row, 2);
		CHECK_CONTAINS(err.en, "neither full nor partial");
	}
	CHECK_INT(unit_predecessors(s, &a, 0, &l), APP_OK);
	arena_release(&a);
	store_close(s);
}
