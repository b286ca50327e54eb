/* Units: tree, path, order, search without diacritics, history through successors. */
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

static int64_t add(struct store *s, const char *code, const char *name, enum unit_kind k, const char *parent,
		   const char *to)
{
	struct unit_new u = {
		.code = code, .name = name, .kind = k, .parent_code = parent, .valid_from = "2020-10-15", .valid_to = to
	};
	int64_t id = 0;
	const char *why = NULL;
	enum app_err e = unit_add(s, &u, &id, &why);

	if (e != APP_OK)
		fprintf(stderr, "    unit_add %s: %s %s\n", code, app_err_name(e), why ? why : "");
	CHECK_INT(e, APP_OK);
	return id;
}

struct tree {
	int64_t root, d1, c1, cell, w1, w2, w3, dd;
};

static void build(struct store *s, struct tree *t)
{
	t->root = add(s, "TU", "Thành ủy Hà Nội", UNIT_CITY, NULL, NULL);
	t->w2 = add(s, "00070", "Đảng ủy phường Hoàn Kiếm", UNIT_COMMUNE, "TU", NULL);
	t->w1 = add(s, "10183", "Đảng ủy xã Thường Tín", UNIT_COMMUNE, "TU", NULL);
	t->w3 = add(s, "10207", "Đảng ủy xã Hồng Vân", UNIT_COMMUNE, "TU", NULL);
	t->dd = add(s, "00202", "Đảng ủy phường Đống Đa", UNIT_COMMUNE, "TU", NULL);
	t->d1 = add(s, "279-2025", "Huyện ủy Thường Tín", UNIT_DISTRICT, "TU", "2025-06-30");
	t->c1 = add(s, "10189-2025", "Đảng ủy xã Nhị Khê", UNIT_COMMUNE, "279-2025", "2025-06-30");
	t->cell = add(s, "CB-NK-1", "Chi bộ thôn 1", UNIT_CELL, "10189-2025", "2025-06-30");
	CHECK_INT(unit_add_successor(s, t->c1, t->w1, true), APP_OK);
	CHECK_INT(unit_add_successor(s, t->d1, t->w1, false), APP_OK);
	CHECK_INT(unit_add_successor(s, t->d1, t->w3, false), APP_OK);
}

TEST(db_unit_tree_path_children)
{
	struct store *s = open_db();
	struct arena a;
	struct tree t;
	struct unit u;
	struct unit_list l;

	if (!s)
		return;
	arena_init(&a);
	build(s, &t);

	CHECK_INT(unit_root(s, &a, &u), APP_OK);
	CHECK_INT(u.id, t.root);
	CHECK_STR(u.code, "TU");
	CHECK_INT(u.kind, UNIT_CITY);
	CHECK(u.parent_code == NULL);

	CHECK_INT(unit_get_by_code(s, &a, "10189-2025", &u), APP_OK);
	CHECK_STR(u.name, "Đảng ủy xã Nhị Khê");
	CHECK_STR(u.parent_code, "279-2025");
	CHECK_STR(u.parent_name, "Huyện ủy Thường Tín");
	CHECK_STR(u.valid_to, "2025-06-30");
	CHECK_STR(u.successor_code, "10183");
	CHECK_INT(u.successor_id, t.w1);
	CHECK_INT(unit_get_by_code(s, &a, "nope", &u), APP_ENOTFOUND);
	CHECK_INT(unit_get(s, &a, 999999, &u), APP_ENOTFOUND);

	/* Children: current units first, each group in Vietnamese order (Đ after D, H ...). */
	CHECK_INT(unit_children(s, &a, t.root, &l), APP_OK);
	CHECK_INT(l.n, 5);
	if (l.n == 5) {
		CHECK_STR(l.v[0].name, "Đảng ủy phường Đống Đa");
		CHECK_STR(l.v[1].name, "Đảng ủy phường Hoàn Kiếm");
		CHECK_STR(l.v[2].name, "Đảng ủy xã Hồng Vân");
		CHECK_STR(l.v[3].name, "Đảng ủy xã Thường Tín");
		CHECK_STR(l.v[4].name, "Huyện ủy Thường Tín");
		CHECK_INT(l.v[4].child_count, 1);
		CHECK_INT(l.v[0].child_count, 0);
	}

	CHECK_INT(unit_path(s, &a, t.cell, &l), APP_OK);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_INT(l.v[0].id, t.root);
		CHECK_INT(l.v[1].id, t.d1);
		CHECK_INT(l.v[2].id, t.c1);
	}
	CHECK_INT(unit_path(s, &a, t.root, &l), APP_OK);
	CHECK_INT(l.n, 0);

	CHECK_INT(unit_predecessors(s, &a, t.w1, &l), APP_OK);
	CHECK_INT(l.n, 2);
	CHECK_INT(unit_predecessors(s, &a, t.w3, &l), APP_OK);
	CHECK_INT(l.n, 1);
	if (l.n == 1)
		CHECK_STR(l.v[0].code, "279-2025");
	arena_release(&a);
	store_close(s);
}

static bool found(const struct unit_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return true;
	return false;
}

TEST(db_unit_search_folds)
{
	struct store *s = open_db();
	struct arena a;
	struct tree t;
	struct unit_list l;

	if (!s)
		return;
	arena_init(&a);
	build(s, &t);

	CHECK_INT(unit_search(s, &a, "thuong tin", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 2);
	CHECK(found(&l, "10183") && found(&l, "279-2025"));
	if (l.n == 2) /* Vietnamese order: Đảng ủy ... before Huyện ủy ... */
		CHECK_STR(l.v[0].code, "10183");
	CHECK_INT(unit_search(s, &a, "HOAN KIEM", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK(found(&l, "00070"));
	CHECK_INT(unit_search(s, &a, "  Hoàn   Kiếm ", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(unit_search(s, &a, "dong da", 0, 50, &l), APP_OK);
	CHECK(found(&l, "00202"));
	CHECK_INT(unit_search(s, &a, "Đống", 0, 50, &l), APP_OK);
	CHECK(found(&l, "00202"));
	/* Codes by prefix. */
	CHECK_INT(unit_search(s, &a, "1018", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 2); /* 10183 and 10189-2025 */
	/* LIKE wildcards in the query are literal. */
	CHECK_INT(unit_search(s, &a, "%", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 0);
	CHECK_INT(unit_search(s, &a, "_", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 0);
	CHECK_INT(unit_search(s, &a, "", 0, 50, &l), APP_OK);
	CHECK_INT(l.n, 0);
	CHECK_INT(unit_search(s, &a, "\xff\xfe", 0, 50, &l), APP_EINVAL);
	{
		char big[UNIT_SEARCH_MAX + 2];
		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = 0;
		CHECK_INT(unit_search(s, &a, big, 0, 50, &l), APP_EINVAL);
	}
	/* Scope: only the subtree. */
	CHECK_INT(unit_search(s, &a, "dang uy", t.d1, 50, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK(found(&l, "10189-2025"));
	CHECK_INT(unit_search(s, &a, "thuong tin", t.w2, 50, &l), APP_OK);
	CHECK_INT(l.n, 0);
	/* Scope of the new commune: the old district that went partly into it too. */
	CHECK_INT(unit_search(s, &a, "thuong tin", t.w1, 50, &l), APP_OK);
	CHECK_INT(l.n, 2);
	CHECK(found(&l, "279-2025"));
	CHECK_INT(unit_search(s, &a, "nhi khe", t.w1, 50, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(unit_search(s, &a, "nhi khe", t.w3, 50, &l), APP_OK);
	CHECK_INT(l.n, 0);
	/* Limit. */
	CHECK_INT(unit_search(s, &a, "dang uy", 0, 2, &l), APP_OK);
	CHECK_INT(l.n, 2);
	arena_release(&a);
	store_close(s);
}

TEST(db_unit_within_successors)
{
	struct store *s = open_db();
	struct tree t;
	bool in = true;

	if (!s)
		return;
	build(s, &t);
	CHECK_INT(unit_within(s, t.w2, t.root, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.w2, t.w2, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.root, t.w2, &in), APP_OK);
	CHECK(!in);
	CHECK_INT(unit_within(s, t.w1, t.w2, &in), APP_OK);
	CHECK(!in);
	/* Old commune went wholly into W1. */
	CHECK_INT(unit_within(s, t.c1, t.w1, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.c1, t.w3, &in), APP_OK);
	CHECK(!in);
	/* Old district split between W1 and W3: inside both. */
	CHECK_INT(unit_within(s, t.d1, t.w1, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.d1, t.w3, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.d1, t.w2, &in), APP_OK);
	CHECK(!in);
	/* A cell of the old commune follows the commune. */
	CHECK_INT(unit_within(s, t.cell, t.w1, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, t.cell, t.w2, &in), APP_OK);
	CHECK(!in);
	CHECK_INT(unit_within(s, t.cell, t.d1, &in), APP_OK);
	CHECK(in);
	CHECK_INT(unit_within(s, 987654, t.root, &in), APP_ENOTFOUND);
	CHECK_INT(unit_within(s, t.w1, 987654, &in), APP_ENOTFOUND);
	store_close(s);
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

TEST(db_unit_add_rejects)
{
	struct store *s = open_db();
	struct unit_new u = { .code = "X1", .name = "Đảng ủy X", .kind = UNIT_COMMUNE, .parent_code = "NOPE" };
	const char *why = NULL;
	int64_t id = 5;

	if (!s)
		return;
	add(s, "TU", "Thành ủy Hà Nội", UNIT_CITY, NULL, NULL);
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	CHECK(why != NULL);
	CHECK_INT(id, 0);
	CHECK_INT(n_units(s), 1);

	u.parent_code = "TU";
	u.name = "bad \xc3\x28 utf8";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	u.name = "";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	u.name = "Đảng ủy X";
	u.code = "has space";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	u.code = "TU";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EEXIST);
	u.code = "X1";
	u.valid_from = "2025-13-01";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	u.valid_from = "2025-07-01";
	u.valid_to = "2025-06-30";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	u.valid_to = NULL;
	u.successor_code = "NOPE";
	CHECK_INT(unit_add(s, &u, &id, &why), APP_EINVAL);
	CHECK_INT(n_units(s), 1);
	u.successor_code = NULL;
	u.valid_from = "01/07/2025"; /* Vietnamese form is accepted and stored as ISO */
	CHECK_INT(unit_add(s, &u, &id, &why), APP_OK);
	CHECK(id > 0);
	{
		struct arena a;
		struct unit got;
		arena_init(&a);
		CHECK_INT(unit_get(s, &a, id, &got), APP_OK);
		CHECK_STR(got.valid_from, "2025-07-01");
		arena_release(&a);
	}
	CHECK_INT(n_units(s), 2);
	store_close(s);
}

TEST(unit_kind_codes)
{
	enum unit_kind k;

	for (int i = 0; i < UNIT_KIND_COUNT; i++) {
		CHECK(unit_kind_parse(unit_kind_code((enum unit_kind)i), &k));
		CHECK_INT(k, i);
		CHECK(strlen(unit_kind_vi((enum unit_kind)i)) > 3);
	}
	CHECK(!unit_kind_parse("province", &k));
	CHECK(!unit_kind_parse(NULL, &k));
	CHECK(unit_code_valid("10183-2025"));
	CHECK(!unit_code_valid(""));
	CHECK(!unit_code_valid("a/b"));
	CHECK(!unit_code_valid("ab'"));
}
