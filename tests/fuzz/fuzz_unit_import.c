/*
** libFuzzer target for the unit-list import on an in-memory SQLite store:
** whatever the CSV, the import either stores every row or nothing, and a
** refusal always says why. Each input runs inside a transaction that is
** rolled back, so inputs do not see each other's units.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *g_store;
static struct query Q_N = { "SELECT COUNT(*) FROM unit", NULL, 0 };

static int64_t n_units(struct conn *c)
{
	struct stmt *st = conn_stmt(c, &Q_N);
	bool row = false;
	int64_t n = -1;

	if (st && stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unit_import_opts o = { .valid_from = "2025-07-01" };
	struct unit_import_error err;
	struct conn *c;
	int64_t before, after, imported = -1;
	enum app_err e;

	if (!g_store) {
		struct unit_new root = { .code = "TU", .name = "Thành ủy", .kind = UNIT_CITY };
		log_quiet(true);
		if (store_open(":memory:", &g_store, NULL) != APP_OK || store_migrate(g_store, NULL) != APP_OK)
			abort();
		if (unit_add(g_store, &root, NULL, NULL) != APP_OK)
			abort();
	}
	c = store_conn(g_store);
	if (conn_begin(c) != APP_OK)
		abort();
	before = n_units(c);
	if (size > 0 && (data[0] & 1))
		o.valid_to = "2025-06-30";
	e = unit_import(g_store, (const char *)data, size, &o, &imported, &err);
	after = n_units(c);
	if (e == APP_OK) {
		assert(after == before + imported);
	} else {
		assert(after == before);
		assert(imported == 0);
		assert(err.en[0] != 0 && err.vi[0] != 0);
	}
	conn_rollback(c);
	return 0;
}
