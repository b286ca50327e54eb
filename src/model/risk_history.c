/* The settings of a year's risk weights, newest first (risk_history.h). */
#include "model/risk_history.h"

#include <string.h>

#include "store/store.h"

/* One column per signal, in the order of enum risk_signal: a new signal needs its column here. */
_Static_assert(RS_COUNT == 8, "risk_history.c reads one weight column per signal");

static struct query Q_HISTORY = {
	"SELECT w.w_tasks, w.w_findings, w.w_shortfalls, w.w_complaints, w.w_years, w.w_plan_gaps, w.w_rank,"
	" w.w_copied, w.note, w.set_by, w.set_at, a.display_name"
	" FROM risk_weight w LEFT JOIN account a ON a.id = w.set_by"
	" WHERE w.year = $1 ORDER BY w.id DESC LIMIT $2",
	NULL, 0
};

enum app_err risk_weights_history(struct store *s, struct arena *a, int year, size_t max,
				  struct risk_weights_set_row **out, size_t *n)
{
	struct risk_weights_set_row *v;
	struct stmt *st;
	size_t cnt = 0;
	enum app_err e;
	bool row = false;

	*out = NULL;
	*n = 0;
	if (!max)
		return APP_OK;
	if (!(st = store_stmt(s, &Q_HISTORY)))
		return APP_EDB;
	v = arena_alloc(a, max * sizeof(*v));
	stmt_bind_int64(st, 1, year);
	stmt_bind_int64(st, 2, (int64_t)max);
	while ((e = stmt_step(st, &row)) == APP_OK && row && cnt < max) {
		struct risk_weights_set_row *x = &v[cnt++];

		memset(x, 0, sizeof(*x));
		for (int i = 0; i < RS_COUNT; i++)
			x->w.w[i] = stmt_col_double(st, i);
		x->w.note = stmt_col_dup(st, RS_COUNT, a);
		x->w.set_by = stmt_col_int64(st, RS_COUNT + 1);
		x->w.set_at = stmt_col_int64(st, RS_COUNT + 2);
		x->set_by_name = stmt_col_dup(st, RS_COUNT + 3, a);
	}
	stmt_done(st);
	if (e == APP_OK) {
		*out = v;
		*n = cnt;
	}
	return e;
}
