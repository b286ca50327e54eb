/* Coverage of a directive's indicators by units' plans (coverage.h). */
#include "model/coverage.h"

#include "model/cascade_int.h"
#include "model/indicator.h"

static const char *const COV_VI[] = { "Đạt", "Chưa nhận", "Chưa lượng hóa", "Thấp hơn cấp trên" };

const char *cov_state_vi(enum cov_state s)
{
	return (unsigned)s <= COV_WEAKER ? COV_VI[s] : "?";
}

void coverage_ratio(const struct coverage *c, char *out, size_t n)
{
	snprintf(out, n, "%d/%d", c->adopted, c->applicable);
}

/* One adoption: a unit's local target for an indicator. */
struct adoption {
	int64_t unit_id, indicator_id;
	bool has;
	double target;
};

static int cmp_adoption(const void *x, const void *y)
{
	const struct adoption *a = x, *b = y;
	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	if (a->indicator_id != b->indicator_id)
		return a->indicator_id < b->indicator_id ? -1 : 1;
	return 0;
}

static const struct adoption *find_adoption(const struct adoption *v, size_t n, int64_t unit, int64_t ind)
{
	struct adoption key = { .unit_id = unit, .indicator_id = ind };
	return bsearch(&key, v, n, sizeof(*v), cmp_adoption);
}

static struct query Q_ADOPTIONS = { "SELECT pi.unit_id, pi.indicator_id, pi.local_target FROM plan_indicator pi"
				    " JOIN indicator i ON i.id = pi.indicator_id WHERE i.doc_id = $1",
				    NULL, 0 };
static struct query Q_ADOPTIONS_AROUND = {
	"SELECT pi.unit_id, pi.indicator_id, pi.local_target FROM plan_indicator pi"
	" JOIN indicator i ON i.id = pi.indicator_id JOIN unit u ON u.id = pi.unit_id"
	" WHERE i.doc_id = $1 AND (u.id = $2 OR u.parent_id = $2)",
	NULL, 0
};

/*
** The adoptions of the directive's indicators, sorted for bsearch: all of
** them, or (around > 0) only those of unit `around` and its children.
*/
static enum app_err load_adoptions(struct store *s, struct arena *a, int64_t directive_id, int64_t around,
				   struct adoption **out, size_t *n)
{
	struct stmt *st = store_stmt(s, around ? &Q_ADOPTIONS_AROUND : &Q_ADOPTIONS);
	size_t cap = 64;
	bool row;
	enum app_err e;

	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, directive_id);
	if (around)
		stmt_bind_int64(st, 2, around);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct adoption *d;
		if (*n == cap) {
			struct adoption *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, *out, cap * sizeof(*nv));
			*out = nv;
			cap *= 2;
		}
		d = &(*out)[(*n)++];
		d->unit_id = stmt_col_int64(st, 0);
		d->indicator_id = stmt_col_int64(st, 1);
		d->has = !stmt_col_null(st, 2);
		d->target = d->has ? stmt_col_double(st, 2) : 0;
	}
	stmt_done(st);
	qsort(*out, *n, sizeof(**out), cmp_adoption);
	return e;
}

/* Judge one unit against the indicators; fills counts and, if items, the table. */
static void judge_unit(struct arena *a, const struct indicator_list *inds, const struct adoption *ad, size_t nad,
		       int64_t parent_id, struct coverage *c, bool items)
{
	if (items)
		c->items = arena_alloc(a, (inds->n ? inds->n : 1) * sizeof(*c->items));
	for (size_t i = 0; i < inds->n; i++) {
		const struct indicator *ind = &inds->v[i];
		const struct adoption *mine, *sup;
		struct coverage_item it = {
			.indicator_id = ind->id, .code = ind->code, .name = ind->name, .measure = ind->measure
		};

		if (!indicator_applies(ind, c->kind))
			continue;
		c->applicable++;
		mine = find_adoption(ad, nad, c->unit_id, ind->id);
		sup = parent_id ? find_adoption(ad, nad, parent_id, ind->id) : NULL;
		if (sup && sup->has) {
			it.has_superior = true;
			it.superior_target = sup->target;
		} else if (ind->has_target) {
			it.has_superior = true;
			it.superior_target = ind->target;
		}
		if (!mine) {
			it.state = COV_MISSING;
		} else {
			c->adopted++;
			it.has_local = mine->has;
			it.local_target = mine->target;
			if (!mine->has) {
				it.state = COV_UNMEASURABLE;
				c->unmeasurable++;
			} else if (it.has_superior && ind_worse(ind->dir, mine->target, it.superior_target)) {
				it.state = COV_WEAKER;
				c->weaker++;
			}
		}
		if (items)
			c->items[c->nitems++] = it;
	}
}

static struct query Q_UNIT = { "SELECT u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0),"
			       " (SELECT COUNT(*) FROM plan p WHERE p.unit_id = u.id AND p.directive_id = $2)"
			       " FROM unit u WHERE u.id = $1",
			       NULL, 0 };

enum app_err coverage_unit(struct store *s, struct arena *a, int64_t directive_id, int64_t unit_id,
			   struct coverage *out, bool items)
{
	struct indicator_list inds;
	struct adoption *ad;
	size_t nad;
	int64_t parent = 0;
	struct stmt *st;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!(st = store_stmt(s, &Q_UNIT)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_int64(st, 2, directive_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		out->unit_id = stmt_col_int64(st, 0);
		out->unit_code = stmt_col_dup(st, 1, a);
		out->unit_name = stmt_col_dup(st, 2, a);
		unit_kind_parse(stmt_col_text(st, 3), &out->kind);
		parent = stmt_col_int64(st, 4);
		out->has_plan = stmt_col_int64(st, 5) > 0;
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if ((e = indicator_list(s, a, directive_id, &inds)) != APP_OK ||
	    (e = load_adoptions(s, a, directive_id, parent ? parent : unit_id, &ad, &nad)) != APP_OK)
		return e;
	judge_unit(a, &inds, ad, nad, parent, out, items);
	return APP_OK;
}

static struct query Q_SCOPE = { "SELECT COALESCE((SELECT path FROM unit WHERE id = $1), '')", NULL, 0 };
static struct query Q_ISSUER = { "SELECT unit_id FROM doc WHERE id = $1", NULL, 0 };
static struct query Q_UNITS = { "SELECT u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0),"
				" CASE WHEN p.id IS NULL THEN 0 ELSE 1 END"
				" FROM unit u LEFT JOIN plan p ON p.unit_id = u.id AND p.directive_id = $2"
				" WHERE u.path LIKE $1 AND u.id <> $3 AND u.valid_to IS NULL ORDER BY u.sort_key",
				NULL, 0 };
static struct query Q_CHILD_UNITS = {
	"SELECT u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0),"
	" CASE WHEN p.id IS NULL THEN 0 ELSE 1 END"
	" FROM unit u LEFT JOIN plan p ON p.unit_id = u.id AND p.directive_id = $2"
	" WHERE u.parent_id = $3 AND CAST($1 AS TEXT) <> '' AND u.valid_to IS NULL ORDER BY u.sort_key",
	NULL, 0
};

struct ranked {
	struct coverage c;
	size_t order;
};

static int cmp_ranked(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	/* share adopted: a.adopted/a.applicable vs b's, by cross-multiplying */
	long long l = (long long)a->c.adopted * b->c.applicable, r = (long long)b->c.adopted * a->c.applicable;
	int ga = a->c.unmeasurable + a->c.weaker, gb = b->c.unmeasurable + b->c.weaker;

	if (l != r)
		return l < r ? -1 : 1;
	if (ga != gb)
		return ga > gb ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static enum app_err city(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id, bool children_only,
			 struct coverage_list *out)
{
	struct indicator_list inds;
	struct adoption *ad;
	struct ranked *v;
	size_t nad, n = 0, cap = 64;
	char *like = NULL;
	struct stmt *st;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = NULL;
	if (!scope_id) {
		st = store_stmt(s, &Q_ISSUER);
		if (st)
			stmt_bind_int64(st, 1, directive_id);
		if ((e = model_one_int(st, &scope_id)) != APP_OK)
			return e;
		if (!scope_id)
			return APP_ENOTFOUND;
	}
	if (!(st = store_stmt(s, &Q_SCOPE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, scope_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		like = xasprintf("%s%%", stmt_col_text(st, 0) ? stmt_col_text(st, 0) : "");
	stmt_done(st);
	if (e != APP_OK || !like || strcmp(like, "%") == 0) {
		free(like);
		return e != APP_OK ? e : APP_ENOTFOUND;
	}
	if ((e = indicator_list(s, a, directive_id, &inds)) != APP_OK ||
	    (e = load_adoptions(s, a, directive_id, children_only ? scope_id : 0, &ad, &nad)) != APP_OK) {
		free(like);
		return e;
	}
	v = xmalloc(cap * sizeof(*v));
	st = store_stmt(s, children_only ? &Q_CHILD_UNITS : &Q_UNITS);
	if (!st) {
		free(like);
		free(v);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, like);
	stmt_bind_int64(st, 2, directive_id);
	stmt_bind_int64(st, 3, scope_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct ranked *r;
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		r = &v[n];
		memset(r, 0, sizeof(*r));
		r->order = n;
		r->c.unit_id = stmt_col_int64(st, 0);
		r->c.unit_code = stmt_col_dup(st, 1, a);
		r->c.unit_name = stmt_col_dup(st, 2, a);
		unit_kind_parse(stmt_col_text(st, 3), &r->c.kind);
		r->c.has_plan = stmt_col_int64(st, 5) != 0;
		judge_unit(a, &inds, ad, nad, stmt_col_int64(st, 4), &r->c, false);
		if (r->c.applicable > 0)
			n++;
	}
	stmt_done(st);
	free(like);
	if (e == APP_OK) {
		qsort(v, n, sizeof(*v), cmp_ranked);
		out->v = arena_alloc(a, (n ? n : 1) * sizeof(*out->v));
		for (size_t i = 0; i < n; i++)
			out->v[i] = v[i].c;
		out->n = n;
	}
	free(v);
	return e;
}

enum app_err coverage_city(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id,
			   struct coverage_list *out)
{
	return city(s, a, directive_id, scope_id, false, out);
}

enum app_err coverage_children(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id,
			       struct coverage_list *out)
{
	return city(s, a, directive_id, scope_id, true, out);
}
