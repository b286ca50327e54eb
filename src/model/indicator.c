/* Indicators of a directive (indicator.h). */
#include "model/indicator.h"

#include "model/cascade_int.h"

static const char *const DIR_CODE[] = { "up", "down" };
static const char *const PER_CODE[PER_COUNT] = { "month", "quarter", "year", "term" };
static const char *const PER_VI[PER_COUNT] = { "Tháng", "Quý", "Năm", "Nhiệm kỳ" };
static const char *const AGG_CODE[AGG_COUNT] = { "sum", "mean", "wmean", "ratio", "min", "max", "all_met" };
static const char *const AGG_VI[AGG_COUNT] = { "Tổng",     "Trung bình", "Trung bình có trọng số", "Tỷ lệ của tổng",
					       "Nhỏ nhất", "Lớn nhất",   "Mọi đơn vị đạt" };

const char *ind_dir_code(enum ind_dir d)
{
	return d == IND_DOWN ? DIR_CODE[1] : DIR_CODE[0];
}
const char *ind_period_code(enum ind_period p)
{
	return (unsigned)p < PER_COUNT ? PER_CODE[p] : "?";
}
const char *ind_period_vi(enum ind_period p)
{
	return (unsigned)p < PER_COUNT ? PER_VI[p] : "?";
}
const char *ind_agg_code(enum ind_agg a)
{
	return (unsigned)a < AGG_COUNT ? AGG_CODE[a] : "?";
}
const char *ind_agg_vi(enum ind_agg a)
{
	return (unsigned)a < AGG_COUNT ? AGG_VI[a] : "?";
}

static bool find(const char *const *tab, int n, const char *s, int *out)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, tab[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

bool ind_dir_parse(const char *s, enum ind_dir *out)
{
	int i;
	if (!find(DIR_CODE, 2, s, &i))
		return false;
	*out = (enum ind_dir)i;
	return true;
}

bool ind_period_parse(const char *s, enum ind_period *out)
{
	int i;
	if (!find(PER_CODE, PER_COUNT, s, &i))
		return false;
	*out = (enum ind_period)i;
	return true;
}

bool ind_agg_parse(const char *s, enum ind_agg *out)
{
	int i;
	if (!find(AGG_CODE, AGG_COUNT, s, &i))
		return false;
	*out = (enum ind_agg)i;
	return true;
}

bool indicator_applies(const struct indicator *i, enum unit_kind k)
{
	return i->kinds == 0 || (i->kinds & (1u << k)) != 0;
}

bool ind_worse(enum ind_dir d, double a, double b)
{
	return d == IND_UP ? a < b : a > b;
}

bool ind_meets(enum ind_dir d, double v, double t)
{
	return d == IND_UP ? v >= t : v <= t;
}

static struct query Q_DIRECTIVE = { "SELECT COUNT(*) FROM doc WHERE id = $1", NULL, 0 };
static struct query Q_SEQ = { "SELECT COALESCE(MAX(seq), 0) + 1 FROM indicator WHERE doc_id = $1", NULL, 0 };
static struct query Q_ADD = {
	"INSERT INTO indicator (doc_id, code, name, measure, direction, target, baseline, period, agg,"
	" scale, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
	NULL, 0
};
static struct query Q_KIND = { "INSERT INTO indicator_kind (indicator_id, kind) VALUES ($1, $2)", NULL, 0 };

enum app_err indicator_add(struct store *s, const struct indicator_new *n, int64_t *id, const char **why)
{
	char *code = NULL, *name = NULL, *measure = NULL;
	const char *w = NULL;
	struct stmt *st;
	int64_t cnt = 0, seq = 0, newid = 0;
	bool row, in_tx = false;
	enum app_err e = APP_EINVAL;

	if (id)
		*id = 0;
	if (!cz_norm(n->code, 32, &code) || !cz_norm(n->name, 1000, &name) || !cz_norm(n->measure, 64, &measure)) {
		w = "Mã, tên hoặc đơn vị tính của chỉ tiêu quá dài hoặc không phải UTF-8 hợp lệ.";
		goto out;
	}
	if (!code || !name || !measure) {
		w = "Chỉ tiêu cần có mã, tên và đơn vị tính.";
		goto out;
	}
	if ((unsigned)n->dir > IND_DOWN || (unsigned)n->period >= PER_COUNT || (unsigned)n->agg >= AGG_COUNT ||
	    (n->kinds >> UNIT_KIND_COUNT) != 0) {
		w = "Chiều, kỳ, cách tổng hợp hoặc loại đơn vị của chỉ tiêu không hợp lệ.";
		goto out;
	}
	if (!n->has_target && !n->monitor_only) {
		w = "Chỉ tiêu thiếu giá trị mục tiêu (chỉ chỉ tiêu theo dõi mới được bỏ trống).";
		goto out;
	}
	if (strcmp(measure, "%") == 0 && ((n->has_target && (n->target < 0 || n->target > 100)) ||
					  (n->has_baseline && (n->baseline < 0 || n->baseline > 100)))) {
		w = "Chỉ tiêu tính bằng % phải nằm trong khoảng 0–100.";
		goto out;
	}
	if (n->scale < 0) {
		w = "Hệ số của chỉ tiêu tỷ lệ không hợp lệ.";
		goto out;
	}
	st = store_stmt(s, &Q_DIRECTIVE);
	if (st)
		stmt_bind_int64(st, 1, n->directive_id);
	if ((e = model_one_int(st, &cnt)) != APP_OK)
		goto out;
	if (!cnt) {
		w = "Văn bản chỉ đạo không tồn tại.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	in_tx = true;
	st = store_stmt(s, &Q_SEQ);
	if (st)
		stmt_bind_int64(st, 1, n->directive_id);
	if ((e = model_one_int(st, &seq)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_ADD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, n->directive_id);
	stmt_bind_text(st, 2, code);
	stmt_bind_text(st, 3, name);
	stmt_bind_text(st, 4, measure);
	stmt_bind_text(st, 5, ind_dir_code(n->dir));
	if (n->has_target)
		stmt_bind_double(st, 6, n->target);
	else
		stmt_bind_null(st, 6);
	if (n->has_baseline)
		stmt_bind_double(st, 7, n->baseline);
	else
		stmt_bind_null(st, 7);
	stmt_bind_text(st, 8, ind_period_code(n->period));
	stmt_bind_text(st, 9, ind_agg_code(n->agg));
	stmt_bind_double(st, 10, n->scale > 0 ? n->scale : 1);
	stmt_bind_int64(st, 11, seq);
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		newid = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_EEXIST)
		w = "Mã chỉ tiêu đã có trong văn bản này.";
	if (e != APP_OK)
		goto out;
	for (int k = 0; k < UNIT_KIND_COUNT; k++) {
		if (!(n->kinds & (1u << k)))
			continue;
		st = store_stmt(s, &Q_KIND);
		stmt_bind_int64(st, 1, newid);
		stmt_bind_text(st, 2, unit_kind_code((enum unit_kind)k));
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
	}
	e = model_commit(s);
	in_tx = false;
	if (e == APP_OK && id)
		*id = newid;
out:
	if (in_tx)
		model_rollback(s);
	if (why)
		*why = e == APP_OK ? NULL : w;
	free(code);
	free(name);
	free(measure);
	return e;
}

#define IND_COLS                                                                                         \
	"i.id, i.doc_id, i.code, i.name, i.measure, i.direction, i.target, i.baseline, i.period, i.agg," \
	" i.scale"

static struct query Q_LIST = { "SELECT " IND_COLS " FROM indicator i WHERE i.doc_id = $1 ORDER BY i.seq", NULL, 0 };
static struct query Q_GET = { "SELECT " IND_COLS " FROM indicator i WHERE i.id = $1", NULL, 0 };
static struct query Q_FIND = { "SELECT " IND_COLS " FROM indicator i WHERE i.doc_id = $1 AND i.code = $2", NULL, 0 };
static struct query Q_KINDS = { "SELECT kind FROM indicator_kind WHERE indicator_id = $1", NULL, 0 };

static void read_ind(struct stmt *st, struct arena *a, struct indicator *i)
{
	memset(i, 0, sizeof(*i));
	i->id = stmt_col_int64(st, 0);
	i->directive_id = stmt_col_int64(st, 1);
	i->code = stmt_col_dup(st, 2, a);
	i->name = stmt_col_dup(st, 3, a);
	i->measure = stmt_col_dup(st, 4, a);
	ind_dir_parse(stmt_col_text(st, 5), &i->dir);
	i->has_target = !stmt_col_null(st, 6);
	i->target = i->has_target ? stmt_col_double(st, 6) : 0;
	i->has_baseline = !stmt_col_null(st, 7);
	i->baseline = i->has_baseline ? stmt_col_double(st, 7) : 0;
	ind_period_parse(stmt_col_text(st, 8), &i->period);
	ind_agg_parse(stmt_col_text(st, 9), &i->agg);
	i->scale = stmt_col_double(st, 10);
}

static enum app_err read_kinds(struct store *s, struct indicator *i)
{
	struct stmt *st = store_stmt(s, &Q_KINDS);
	enum unit_kind k;
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, i->id);
	while ((e = stmt_step(st, &row)) == APP_OK && row)
		if (unit_kind_parse(stmt_col_text(st, 0), &k))
			i->kinds |= 1u << k;
	stmt_done(st);
	return e;
}

enum app_err indicator_list(struct store *s, struct arena *a, int64_t directive_id, struct indicator_list *out)
{
	struct stmt *st = store_stmt(s, &Q_LIST);
	size_t cap = 16;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, directive_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			struct indicator *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		read_ind(st, a, &out->v[out->n++]);
	}
	stmt_done(st);
	for (size_t i = 0; e == APP_OK && i < out->n; i++)
		e = read_kinds(s, &out->v[i]);
	return e;
}

static enum app_err get_one(struct store *s, struct arena *a, struct stmt *st, struct indicator *out)
{
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK)
		read_ind(st, a, out);
	stmt_done(st);
	return e == APP_OK ? read_kinds(s, out) : e;
}

enum app_err indicator_get(struct store *s, struct arena *a, int64_t id, struct indicator *out)
{
	struct stmt *st = store_stmt(s, &Q_GET);

	if (st)
		stmt_bind_int64(st, 1, id);
	return get_one(s, a, st, out);
}

enum app_err indicator_find(struct store *s, struct arena *a, int64_t directive_id, const char *code,
			    struct indicator *out)
{
	struct stmt *st = store_stmt(s, &Q_FIND);

	if (st) {
		stmt_bind_int64(st, 1, directive_id);
		stmt_bind_text(st, 2, code ? code : "");
	}
	return get_one(s, a, st, out);
}
