/* The Hanoi demo: its content on both engines, and the command's refusal to overwrite. */
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/account.h"
#include "model/demo.h"
#include "model/doc.h"
#include "model/event.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static bool have_data(void)
{
	struct stat st;
	return stat("data/admin/units_2025-07-01.csv", &st) == 0;
}

static const char *code_of(struct store *s, struct arena *a, const char *code, int64_t *id)
{
	struct unit u;
	*id = 0;
	if (unit_get_by_code(s, a, code, &u) != APP_OK)
		return NULL;
	*id = u.id;
	return u.name;
}

static bool has_code(const struct unit_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return true;
	return false;
}

static struct query Q_NOT_DEMO = {
	"SELECT (SELECT COUNT(*) FROM unit WHERE demo = 0) + (SELECT COUNT(*) FROM doc WHERE demo = 0)"
	" + (SELECT COUNT(*) FROM event WHERE demo = 0)",
	NULL, 0
};

TEST(db_demo_content)
{
	struct store *s = NULL;
	struct demo_stats st;
	struct arena a;
	struct unit_list l;
	struct event_list ev;
	struct doc_list dl;
	struct account acc;
	const char *why = NULL;
	int64_t root, tt, hk, old_tt, nhi_khe, btl;
	bool in;

	if (!have_data())
		return;
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(demo_build(s, "data", "demo-password-1", &st, &why), APP_OK);
	if (why)
		fprintf(stderr, "    %s\n", why);
	CHECK_INT(st.current_communes, 126);
	CHECK_INT(st.old_districts, 30);
	CHECK_INT(st.old_communes, 526);
	CHECK(st.successors > 900);
	arena_init(&a);

	CHECK_STR(code_of(s, &a, DEMO_ROOT_CODE, &root), "Thành ủy Hà Nội");
	CHECK_STR(code_of(s, &a, "10183", &tt), "Đảng ủy xã Thường Tín");
	CHECK_STR(code_of(s, &a, "00070", &hk), "Đảng ủy phường Hoàn Kiếm");
	CHECK_STR(code_of(s, &a, "279-2025", &old_tt), "Huyện ủy Thường Tín");
	CHECK_STR(code_of(s, &a, "10189-2025", &nhi_khe), "Đảng ủy xã Nhị Khê");
	CHECK_STR(code_of(s, &a, "021-2025", &btl), "Quận ủy Bắc Từ Liêm");
	{
		struct unit r;
		CHECK_INT(unit_root(s, &a, &r), APP_OK);
		CHECK_INT(r.id, root);
		CHECK_STR(r.valid_from, "2020-10-17");
	}

	/* "thuong tin" finds the old district and the new commune. */
	CHECK_INT(unit_search(s, &a, "thuong tin", 0, 50, &l), APP_OK);
	CHECK(has_code(&l, "279-2025"));
	CHECK(has_code(&l, "10183"));
	CHECK_INT(unit_search(s, &a, "HOAN KIEM", 0, 50, &l), APP_OK);
	CHECK(has_code(&l, "00070"));
	CHECK(has_code(&l, "002-2025"));

	/* The root's children: 126 wards + agencies, then the 30 dissolved districts. */
	CHECK_INT(unit_children(s, &a, root, &l), APP_OK);
	CHECK_INT(l.n, 126 + 5 + 30);
	if (l.n == 161) {
		CHECK(l.v[0].valid_to == NULL);
		CHECK(l.v[160].valid_to != NULL);
	}

	/* History: the old district and its communes under the new commune. */
	CHECK_INT(unit_within(s, old_tt, tt, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, nhi_khe, tt, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, old_tt, hk, &in), APP_OK);
	CHECK(!in);
	CHECK_INT(unit_predecessors(s, &a, tt, &l), APP_OK);
	CHECK(has_code(&l, "279-2025"));
	CHECK(has_code(&l, "10189-2025"));
	{
		struct unit u;
		CHECK_INT(unit_get(s, &a, nhi_khe, &u), APP_OK);
		CHECK_STR(u.successor_code, "10183");
	}

	/* The seed facts. */
	CHECK_INT(doc_list_for_unit(s, &a, root, 0, &dl), APP_OK);
	{
		bool prog = false;
		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].number && strcmp(dl.v[i].number, "01-CTr/TU") == 0) {
				prog = true;
				CHECK_STR(dl.v[i].doc_date, "2021-03-17");
				CHECK(dl.v[i].demo);
				CHECK(dl.v[i].source != NULL);
			}
		CHECK(prog);
	}
	CHECK_INT(event_list_for_unit(s, &a, tt, 0, &ev), APP_OK);
	{
		bool insp = false;
		for (size_t i = 0; i < ev.n; i++)
			if (strcmp(ev.v[i].event_date, "2022-05-05") == 0 &&
			    strstr(ev.v[i].title, "Đoàn kiểm tra số 2")) {
				insp = true;
				CHECK_STR(ev.v[i].unit_code, "279-2025");
				CHECK_STR(ev.v[i].category, "inspection");
			}
		CHECK(insp);
	}
	CHECK_INT(event_list_for_unit(s, &a, btl, 0, &ev), APP_OK);
	CHECK(ev.n >= 1);
	if (ev.n >= 1)
		CHECK_CONTAINS(ev.v[0].title, "335 tỷ đồng, đạt 98%");
	CHECK_INT(event_list_for_unit(s, &a, root, 0, &ev), APP_OK);
	{
		bool t22 = false, t29 = false, income = false;
		for (size_t i = 0; i < ev.n; i++) {
			t22 |= strstr(ev.v[i].title, "22/22") != NULL;
			t29 |= strstr(ev.v[i].title, "9 đoàn công tác") && strstr(ev.v[i].title, "29 cơ quan");
			income |= strstr(ev.v[i].title, "142 triệu đồng") != NULL;
		}
		CHECK(t22 && t29 && income);
	}
	{
		struct stmt *q = conn_stmt(store_conn(s), &Q_NOT_DEMO);
		bool row;
		CHECK_INT(stmt_step(q, &row), APP_OK);
		if (row)
			CHECK_INT(stmt_col_int64(q, 0), 0);
		stmt_done(q);
	}

	/* Demo accounts and their scope. */
	CHECK_INT(account_login(s, &a, "thuongtin", "demo-password-1", "127.0.0.1", &acc), APP_OK);
	CHECK_STR(acc.unit_code, "10183");
	CHECK_INT(access_can_read(s, &acc, old_tt, &in), APP_OK);
	CHECK(in);
	CHECK_INT(access_can_read(s, &acc, hk, &in), APP_OK);
	CHECK(!in);
	CHECK_INT(account_login(s, &a, "kiemtra", "demo-password-1", "127.0.0.1", &acc), APP_OK);
	CHECK_INT(access_can_read(s, &acc, hk, &in), APP_OK);
	CHECK(in);

	/* A second demo into the same store is refused and changes nothing. */
	CHECK(demo_build(s, "data", "demo-password-1", &st, &why) != APP_OK);
	CHECK_INT(unit_children(s, &a, root, &l), APP_OK);
	CHECK_INT(l.n, 161);
	arena_release(&a);
	store_close(s);
}

static int run(int argc, char **argv, int (*fn)(int, char **))
{
	fflush(stdout);
	return fn(argc, argv);
}

TEST(demo_cli_refuses_overwrite)
{
	char *db = xasprintf("%s/demo.db", test_tmpdir());
	char *argv1[] = { "demo", "--db", db, NULL };
	char *argv2[] = { "demo", "--db", db, "--force", NULL };
	char *argv3[] = { "demo", "--db", db, "--data", "/nonexistent", "--force", NULL };
	struct stat a, b;

	if (!have_data()) {
		free(db);
		return;
	}
	account_testing_fast_hash();
	setenv("GIAMSAT_DEMO_PASSWORD", "demo-password-1", 1);
	setenv("GIAMSAT_ADMIN_PASSWORD", "admin-password-1", 1);
	CHECK_INT(run(3, argv1, cmd_demo), 0);
	CHECK_INT(stat(db, &a), 0);
	CHECK_INT(run(3, argv1, cmd_demo), 1); /* exists: refused */
	CHECK_INT(stat(db, &b), 0);
	CHECK_INT(a.st_size, b.st_size);
	CHECK_INT(a.st_mtime, b.st_mtime);
	CHECK_INT(run(4, argv2, cmd_demo), 0); /* --force replaces it */
	CHECK_INT(run(6, argv3, cmd_demo), 1); /* no data: refused before touching the file */
	CHECK_INT(stat(db, &b), 0);
	{
		struct store *s = NULL;
		struct arena ar;
		struct account acc;
		CHECK_INT(store_open(db, &s, NULL), APP_OK);
		arena_init(&ar);
		if (s) {
			CHECK_INT(account_login(s, &ar, "admin", "admin-password-1", "x", &acc), APP_OK);
			CHECK_INT(acc.role, ROLE_ADMIN);
			CHECK_STR(acc.unit_code, DEMO_ROOT_CODE);
			store_close(s);
		}
		arena_release(&ar);
	}
	unsetenv("GIAMSAT_DEMO_PASSWORD");
	unsetenv("GIAMSAT_ADMIN_PASSWORD");
	free(db);
}
