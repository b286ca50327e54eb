/* Progress: values, evidence, roll-ups, task status, reminders (progress.h). */
#include "model/progress.h"

#include <ctype.h>
#include <math.h>

#include "model/attachment.h"
#include "model/cascade_int.h"
#include "model/indicator.h"

/* ---- values ---- */

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool period_ok(enum ind_period p, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	switch (p) {
	case PER_YEAR: return n == 4 && digits(s, 4);
	case PER_QUARTER: return n == 7 && digits(s, 4) && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4';
	case PER_MONTH:
		return n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
		       ((s[5] == '0' && s[6] >= '1') || (s[5] == '1' && s[6] <= '2'));
	case PER_TERM:
		return n == 9 && digits(s, 4) && s[4] == '-' && digits(s + 5, 4) &&
		       strtol(s + 5, NULL, 10) == strtol(s, NULL, 10) + 5;
	default: return false;
	}
}

static struct query Q_ADOPTED = { "SELECT COUNT(*) FROM plan_indicator WHERE indicator_id = $1 AND unit_id = $2", NULL,
				  0 };
static struct query Q_SET = {
	"INSERT INTO ind_value (indicator_id, unit_id, period, value, num, den, weight, note, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	" ON CONFLICT (indicator_id, period, unit_id) DO UPDATE SET value = excluded.value, num = excluded.num,"
	" den = excluded.den, weight = excluded.weight, note = excluded.note, created_at = excluded.created_at"
	" RETURNING id",
	NULL, 0
};

enum app_err progress_set(struct store *s, const struct account *who, const struct value_new *v, int64_t *id,
			  const char **why)
{
	struct indicator ind;
	struct arena a;
	const char *w = NULL;
	char *note = NULL;
	int64_t unit_id = 0, adopted = 0;
	double value = v->value;
	struct stmt *st;
	bool ok = false, row;
	enum app_err e;

	arena_init(&a);
	if (id)
		*id = 0;
	e = indicator_get(s, &a, v->indicator_id, &ind);
	if (e == APP_ENOTFOUND) {
		w = "Chỉ tiêu không tồn tại.";
		e = APP_EINVAL;
	}
	if (e != APP_OK)
		goto out;
	e = cz_unit(s, v->unit_code, &unit_id, NULL, NULL);
	if (e == APP_ENOTFOUND) {
		w = "Đơn vị không tồn tại.";
		e = APP_EINVAL;
	}
	if (e != APP_OK)
		goto out;
	if (who) {
		if ((e = access_can_write(s, who, unit_id, &ok)) != APP_OK)
			goto out;
		if (!ok) {
			w = "Không có quyền nhập số liệu cho đơn vị này.";
			e = APP_EDENIED;
			goto out;
		}
	}
	e = APP_EINVAL;
	if (!period_ok(ind.period, v->period)) {
		w = "Kỳ báo cáo không đúng dạng của chỉ tiêu (năm: 2022; quý: 2022-Q1; tháng: 2022-06; "
		    "nhiệm kỳ: 2020-2025).";
		goto out;
	}
	if (v->measure && strcmp(v->measure, ind.measure) != 0) {
		w = "Đơn vị tính của số liệu khác đơn vị tính của chỉ tiêu.";
		goto out;
	}
	if (ind.agg == AGG_RATIO) {
		if (!v->has_ratio || v->den <= 0 || v->num < 0 || !isfinite(v->num) || !isfinite(v->den)) {
			w = "Chỉ tiêu tỷ lệ cần tử số và mẫu số (mẫu số lớn hơn 0).";
			goto out;
		}
		value = v->num / v->den * ind.scale;
	}
	if (ind.agg == AGG_WMEAN && (!v->has_weight || v->weight <= 0 || !isfinite(v->weight))) {
		w = "Chỉ tiêu trung bình có trọng số cần trọng số lớn hơn 0.";
		goto out;
	}
	if (!isfinite(value) || (strcmp(ind.measure, "%") == 0 && (value < 0 || value > 100))) {
		w = "Giá trị nằm ngoài khoảng cho phép (tỷ lệ % phải từ 0 đến 100).";
		goto out;
	}
	if (ind.agg != AGG_RATIO && progress_measure_is_count(ind.measure) && (value < 0 || value != floor(value))) {
		w = "Chỉ tiêu này đếm số lượng (đơn vị tính là số đếm như xã, trạm, vụ, người): giá trị phải là số "
		    "nguyên không âm.";
		goto out;
	}
	if (!cz_norm(v->note, 4000, &note)) {
		w = "Ghi chú quá dài hoặc không phải UTF-8 hợp lệ.";
		goto out;
	}
	st = store_stmt(s, &Q_ADOPTED);
	if (st) {
		stmt_bind_int64(st, 1, ind.id);
		stmt_bind_int64(st, 2, unit_id);
	}
	if ((e = model_one_int(st, &adopted)) != APP_OK)
		goto out;
	if (!adopted) {
		w = "Kế hoạch của đơn vị chưa nhận chỉ tiêu này; không nhập số liệu được.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_SET))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, ind.id);
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_text(st, 3, v->period);
	stmt_bind_double(st, 4, value);
	if (v->has_ratio) {
		stmt_bind_double(st, 5, v->num);
		stmt_bind_double(st, 6, v->den);
	} else {
		stmt_bind_null(st, 5);
		stmt_bind_null(st, 6);
	}
	if (v->has_weight)
		stmt_bind_double(st, 7, v->weight);
	else
		stmt_bind_null(st, 7);
	stmt_bind_text(st, 8, note);
	stmt_bind_int64(st, 9, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row && id)
		*id = stmt_col_int64(st, 0);
	stmt_done(st);
out:
	free(note);
	arena_release(&a);
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

static struct query Q_VALUE_UNIT = { "SELECT unit_id FROM ind_value WHERE id = $1", NULL, 0 };
static struct query Q_EVIDENCE = { "INSERT INTO evidence (value_id, hash, filename) VALUES ($1, $2, $3)"
				   " ON CONFLICT (value_id, hash) DO UPDATE SET filename = excluded.filename",
				   NULL, 0 };

enum app_err progress_attach(struct store *s, const struct account *who, int64_t value_id, const char *filename,
			     const void *data, size_t n, char hash[65], const char **why)
{
	struct stmt *st = store_stmt(s, &Q_VALUE_UNIT);
	const char *mime = NULL, *w = NULL;
	char *name = NULL;
	int64_t unit = 0;
	bool ok = false;
	enum app_err e;

	hash[0] = '\0';
	if (st)
		stmt_bind_int64(st, 1, value_id);
	if ((e = model_one_int(st, &unit)) != APP_OK)
		goto out;
	if (!unit) {
		e = APP_ENOTFOUND;
		goto out;
	}
	if (who) {
		if ((e = access_can_write(s, who, unit, &ok)) != APP_OK)
			goto out;
		if (!ok) {
			w = "Không có quyền gửi minh chứng cho đơn vị này.";
			e = APP_EDENIED;
			goto out;
		}
	}
	if (!cz_norm(filename, 255, &name) || !name) {
		w = "Tên tệp không hợp lệ.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	if ((e = attachment_put(s, data, n, hash, &mime, &w)) == APP_OK) {
		st = store_stmt(s, &Q_EVIDENCE);
		stmt_bind_int64(st, 1, value_id);
		stmt_bind_text(st, 2, hash);
		stmt_bind_text(st, 3, name);
		e = stmt_exec(st, NULL);
	}
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
out:
	free(name);
	if (e != APP_OK)
		hash[0] = '\0';
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

/* ---- values and evidence read back, evidence by hash ---- */

/* Measure units that count whole things (lower case, NFC). */
static const char *const COUNT_UNITS[] = {
	"xã",     "phường",  "thôn",     "tổ dân phố", "vụ",           "việc",    "người",    "đảng viên",
	"trạm",   "khu",     "cụm",      "dự án",      "doanh nghiệp", "hồ sơ",   "chi bộ",   "tổ chức",
	"đơn vị", "cơ sở",   "hội nghị", "lượt",       "cuộc",         "văn bản", "nhiệm vụ", "trường",
	"hộ",     "mô hình", "lớp",      "buổi",       "lần",          "đảng bộ", "cơ quan",  "nhà đầu tư",
};

bool progress_measure_is_count(const char *measure)
{
	if (!measure)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(COUNT_UNITS); i++)
		if (strcmp(measure, COUNT_UNITS[i]) == 0)
			return true;
	return false;
}

static struct query Q_BLOB_HAS = { "SELECT COUNT(*) FROM blob WHERE hash = $1", NULL, 0 };

enum app_err progress_record(struct store *s, const struct account *who, const struct value_new *v,
			     const struct value_evidence *ev, size_t nev, int64_t *id, const char **why)
{
	const char *w = NULL;
	int64_t vid = 0;
	enum app_err e;

	if (id)
		*id = 0;
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	e = progress_set(s, who, v, &vid, &w);
	for (size_t i = 0; e == APP_OK && i < nev; i++) {
		char hash[ATTACHMENT_HASH_HEX];

		if (ev[i].data) {
			e = progress_attach(s, who, vid, ev[i].filename, ev[i].data, ev[i].n, hash, &w);
			continue;
		}
		int64_t have = 0;
		struct stmt *st = store_stmt(s, &Q_BLOB_HAS);
		char *name = NULL;

		if (st)
			stmt_bind_text(st, 1, ev[i].hash ? ev[i].hash : "");
		if ((e = model_one_int(st, &have)) != APP_OK)
			break;
		if (!have) {
			w = "Không có tệp minh chứng với mã băm này; hãy gửi tệp trước (POST /api/v1/attachments).";
			e = APP_EINVAL;
			break;
		}
		if (!cz_norm(ev[i].filename, 255, &name) || !name) {
			free(name);
			w = "Tên tệp không hợp lệ.";
			e = APP_EINVAL;
			break;
		}
		st = store_stmt(s, &Q_EVIDENCE);
		if (!st) {
			free(name);
			e = APP_EDB;
			break;
		}
		stmt_bind_int64(st, 1, vid);
		stmt_bind_text(st, 2, ev[i].hash);
		stmt_bind_text(st, 3, name);
		e = stmt_exec(st, NULL);
		free(name);
	}
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && id)
		*id = vid;
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

static struct query Q_UNIT_VALUES = {
	"SELECT v.id, v.indicator_id, v.period, v.note, v.value, v.num, v.den, v.weight, v.created_at"
	" FROM ind_value v JOIN indicator i ON i.id = v.indicator_id"
	" WHERE i.doc_id = $1 AND v.unit_id = $2 ORDER BY i.seq, i.id, v.period DESC",
	NULL, 0
};
static struct query Q_UNIT_EVIDENCE = {
	"SELECT e.value_id, e.hash, e.filename, b.mime, b.size FROM evidence e JOIN ind_value v ON v.id = e.value_id"
	" JOIN indicator i ON i.id = v.indicator_id JOIN blob b ON b.hash = e.hash"
	" WHERE i.doc_id = $1 AND v.unit_id = $2 ORDER BY e.value_id, e.filename",
	NULL, 0
};

enum app_err progress_unit_values(struct store *s, struct arena *a, int64_t directive_id, int64_t unit_id,
				  struct value_list *out)
{
	struct stmt *st = store_stmt(s, &Q_UNIT_VALUES);
	size_t cap = 0;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, directive_id);
	stmt_bind_int64(st, 2, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct value_row *x;

		if (out->n == cap) {
			struct value_row *nv = arena_alloc(a, (cap = cap ? cap * 2 : 16) * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
		}
		x = &out->v[out->n++];
		memset(x, 0, sizeof(*x));
		x->id = stmt_col_int64(st, 0);
		x->indicator_id = stmt_col_int64(st, 1);
		x->period = stmt_col_dup(st, 2, a);
		x->note = stmt_col_dup(st, 3, a);
		x->value = stmt_col_double(st, 4);
		x->has_ratio = !stmt_col_null(st, 5) && !stmt_col_null(st, 6);
		x->num = stmt_col_double(st, 5);
		x->den = stmt_col_double(st, 6);
		x->has_weight = !stmt_col_null(st, 7);
		x->weight = stmt_col_double(st, 7);
		x->created_at = stmt_col_int64(st, 8);
	}
	stmt_done(st);
	if (e != APP_OK || !out->n)
		return e;
	if (!(st = store_stmt(s, &Q_UNIT_EVIDENCE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, directive_id);
	stmt_bind_int64(st, 2, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		int64_t vid = stmt_col_int64(st, 0);

		for (size_t i = 0; i < out->n; i++) {
			struct value_row *x = &out->v[i];
			if (x->id != vid)
				continue;
			struct value_evidence_row *nv = arena_alloc(a, (x->nev + 1) * sizeof(*nv));
			if (x->nev)
				memcpy(nv, x->ev, x->nev * sizeof(*nv));
			x->ev = nv;
			nv[x->nev].hash = stmt_col_dup(st, 1, a);
			nv[x->nev].filename = stmt_col_dup(st, 2, a);
			nv[x->nev].mime = stmt_col_dup(st, 3, a);
			nv[x->nev].size = stmt_col_int64(st, 4);
			x->nev++;
			break;
		}
	}
	stmt_done(st);
	return e;
}

static struct query Q_EVIDENCE_FIND = {
	"SELECT v.unit_id, e.filename FROM evidence e JOIN ind_value v ON v.id = e.value_id"
	" WHERE e.value_id = $1 AND e.hash = $2",
	NULL, 0
};

enum app_err progress_evidence_find(struct store *s, struct arena *a, int64_t value_id, const char *hash,
				    int64_t *unit_id, const char **filename)
{
	struct stmt *st = store_stmt(s, &Q_EVIDENCE_FIND);
	bool row = false;
	enum app_err e;

	*unit_id = 0;
	*filename = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, value_id);
	stmt_bind_text(st, 2, hash);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		*unit_id = stmt_col_int64(st, 0);
		*filename = stmt_col_dup(st, 1, a);
	}
	stmt_done(st);
	return e == APP_OK && !row ? APP_ENOTFOUND : e;
}

/* ---- roll-up ---- */

static struct query Q_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };

/* "path%" of a unit, malloc'd; NULL when absent. */
static enum app_err subtree_like(struct store *s, int64_t unit_id, char **like)
{
	struct stmt *st = store_stmt(s, &Q_PATH);
	bool row;
	enum app_err e;

	*like = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && row && stmt_col_text(st, 0))
		*like = xasprintf("%s%%", stmt_col_text(st, 0));
	stmt_done(st);
	if (e == APP_OK && !*like)
		e = APP_ENOTFOUND;
	return e;
}

#define AGG_COLS                                                                                       \
	"COUNT(v.id), SUM(v.value), AVG(v.value), SUM(v.value * v.weight), SUM(v.weight), SUM(v.num)," \
	" SUM(v.den), MIN(v.value), MAX(v.value),"                                                     \
	" SUM(CASE WHEN v.id IS NULL OR COALESCE(pi.local_target, i.target) IS NULL THEN 0"            \
	"  WHEN i.direction = 'up' AND v.value >= COALESCE(pi.local_target, i.target) THEN 1"          \
	"  WHEN i.direction = 'down' AND v.value <= COALESCE(pi.local_target, i.target) THEN 1 ELSE 0 END)"

/*
** PostgreSQL prepares the statement once and, after five runs, keeps a
** generic plan in which "path LIKE $n" is guessed to keep 0.5 % of the
** units: it then walks the subtree's units one by one into ind_value
** (100 ms for 3,500 units on a loaded machine, growing with the tree).
** Its text therefore reads every value of the indicator and period
** (bounded by the number of units) and keeps the subtree's inside the
** aggregates, which plans as hash joins whatever the parameters (13 ms).
** SQLite plans the first text well.
*/
#define IN_(x) "CASE WHEN u.path LIKE $3 THEN " x " END"
#define AGG_COLS_PG                                                                                                                                        \
	"COUNT(" IN_("v.id") "), SUM(" IN_("v.value") "), AVG(" IN_(                                                                                       \
		"v.value") "),"                                                                                                                            \
			   " SUM(" IN_("v.value * v.weight") "), SUM(" IN_("v.weight") "), SUM(" IN_(                                                      \
				   "v.num") "),"                                                                                                           \
					    " SUM(" IN_("v.den") "), MIN(" IN_("v.value") "), MAX(" IN_(                                                   \
						    "v.value") "),"                                                                                        \
							       " SUM(CASE WHEN NOT (u.path LIKE $3) OR COALESCE(pi.local_target, i.target) IS NULL THEN 0" \
							       "  WHEN i.direction = 'up' AND v.value >= COALESCE(pi.local_target, i.target) THEN 1"       \
							       "  WHEN i.direction = 'down' AND v.value <= COALESCE(pi.local_target, i.target) THEN 1 ELSE 0 END)"

static struct query Q_ROLLUP = {
	"SELECT " AGG_COLS ", MAX(i.agg), MAX(i.scale)"
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" WHERE v.indicator_id = $1 AND v.period = $2 AND u.path LIKE $3",
	"SELECT " AGG_COLS_PG ", MAX(i.agg), MAX(i.scale)"
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" WHERE v.indicator_id = $1 AND v.period = $2",
	0
};

/* Columns c..c+9 of AGG_COLS into out, by rule agg. */
static void read_agg(struct stmt *st, int c, enum ind_agg agg, double scale, struct rollup *out)
{
	memset(out, 0, sizeof(*out));
	out->reporting = stmt_col_int64(st, c);
	if (out->reporting == 0)
		return;
	out->met = stmt_col_int64(st, c + 9);
	out->has_value = true;
	switch (agg) {
	case AGG_SUM: out->value = stmt_col_double(st, c + 1); break;
	case AGG_MEAN: out->value = stmt_col_double(st, c + 2); break;
	case AGG_WMEAN:
		out->has_value = !stmt_col_null(st, c + 4) && stmt_col_double(st, c + 4) > 0;
		out->value = out->has_value ? stmt_col_double(st, c + 3) / stmt_col_double(st, c + 4) : 0;
		break;
	case AGG_RATIO:
		out->has_value = !stmt_col_null(st, c + 6) && stmt_col_double(st, c + 6) > 0;
		out->value = out->has_value ? stmt_col_double(st, c + 5) / stmt_col_double(st, c + 6) * scale : 0;
		break;
	case AGG_MIN: out->value = stmt_col_double(st, c + 7); break;
	case AGG_MAX: out->value = stmt_col_double(st, c + 8); break;
	case AGG_ALL_MET: out->value = out->met == out->reporting ? 1 : 0; break;
	default: break;
	}
}

enum app_err progress_rollup(struct store *s, int64_t indicator_id, int64_t unit_id, const char *period,
			     struct rollup *out)
{
	char *like = NULL;
	struct stmt *st;
	enum ind_agg agg = AGG_SUM;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if ((e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_ROLLUP))) {
		free(like);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, indicator_id);
	stmt_bind_text(st, 2, period ? period : "");
	stmt_bind_text(st, 3, like);
	e = stmt_step(st, &row);
	if (e == APP_OK && row && stmt_col_int64(st, 0) > 0) {
		ind_agg_parse(stmt_col_text(st, 10), &agg);
		read_agg(st, 0, agg, stmt_col_double(st, 11), out);
	}
	stmt_done(st);
	free(like);
	return e;
}

static struct query Q_IND_AGG = { "SELECT agg, scale FROM indicator WHERE id = $1", NULL, 0 };
static struct query Q_KIDS = {
	"SELECT id, code, name FROM unit WHERE parent_id = $1 AND valid_to IS NULL ORDER BY sort_key", NULL, 0
};
/*
** Values grouped by the child whose subtree holds them: the child's path
** is the value's unit path cut after the segment that follows the
** parent's path ($3), a hashable equality (no per-child LIKE).
*/
static struct query Q_ROLLUP_KIDS = {
	"SELECT c.id, " AGG_COLS
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" JOIN unit c ON c.path = substr(u.path, 1, length($3) + instr(substr(u.path, length($3) + 1), '/'))"
	" WHERE v.indicator_id = $1 AND v.period = $2 AND u.path LIKE $4 AND c.parent_id = $5 GROUP BY c.id",
	"SELECT c.id, " AGG_COLS
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" JOIN unit c ON c.path = substr(u.path, 1, length(CAST($3 AS TEXT))"
	"   + strpos(substr(u.path, length(CAST($3 AS TEXT)) + 1), '/'))"
	" WHERE v.indicator_id = $1 AND v.period = $2 AND CAST($4 AS TEXT) <> '' AND c.parent_id = $5"
	" GROUP BY c.id",
	0
};

enum app_err progress_rollup_children(struct store *s, struct arena *a, int64_t indicator_id, int64_t unit_id,
				      const char *period, struct rollup_children *out)
{
	struct stmt *st = store_stmt(s, &Q_IND_AGG);
	enum ind_agg agg = AGG_SUM;
	double scale = 1;
	char *like = NULL, *path = NULL;
	size_t cap = 16;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, indicator_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		ind_agg_parse(stmt_col_text(st, 0), &agg);
		scale = stmt_col_double(st, 1);
	}
	stmt_done(st);
	if (e != APP_OK || (e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	path = xstrndup(like, strlen(like) - 1);
	/* The children first (those without values too), then their figures. */
	if (!(st = store_stmt(s, &Q_KIDS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct rollup_child *c;
		if (out->n == cap) {
			struct rollup_child *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		c->unit_id = stmt_col_int64(st, 0);
		c->unit_code = stmt_col_dup(st, 1, a);
		c->unit_name = stmt_col_dup(st, 2, a);
	}
	stmt_done(st);
	if (e != APP_OK || out->n == 0)
		goto out;
	if (!(st = store_stmt(s, &Q_ROLLUP_KIDS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, indicator_id);
	stmt_bind_text(st, 2, period ? period : "");
	stmt_bind_text(st, 3, path);
	stmt_bind_text(st, 4, like);
	stmt_bind_int64(st, 5, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		int64_t id = stmt_col_int64(st, 0);
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i].unit_id == id) {
				read_agg(st, 1, agg, scale, &out->v[i].r);
				break;
			}
	}
	stmt_done(st);
out:
	free(like);
	free(path);
	return e;
}

static struct query Q_SERIES = {
	"SELECT v.period, " AGG_COLS
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" WHERE v.indicator_id = $1 AND CAST($2 AS TEXT) = '' AND u.path LIKE $3"
	" GROUP BY v.period ORDER BY v.period",
	"SELECT v.period, " AGG_COLS_PG
	" FROM ind_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" WHERE v.indicator_id = $1 AND CAST($2 AS TEXT) = ''"
	" GROUP BY v.period HAVING COUNT(" IN_("v.id") ") > 0 ORDER BY v.period",
	0
};

enum app_err progress_rollup_series(struct store *s, struct arena *a, int64_t indicator_id, int64_t unit_id,
				    struct rollup_series *out)
{
	struct stmt *st = store_stmt(s, &Q_IND_AGG);
	enum ind_agg agg = AGG_SUM;
	double scale = 1;
	char *like = NULL;
	size_t cap = 8;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, indicator_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		ind_agg_parse(stmt_col_text(st, 0), &agg);
		scale = stmt_col_double(st, 1);
	}
	stmt_done(st);
	if (e != APP_OK || (e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_SERIES))) {
		free(like);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, indicator_id);
	stmt_bind_text(st, 2, "");
	stmt_bind_text(st, 3, like);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct rollup_period *p;
		if (out->n == cap) {
			struct rollup_period *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		p = &out->v[out->n++];
		p->period = stmt_col_dup(st, 0, a);
		read_agg(st, 1, agg, scale, &p->r);
	}
	stmt_done(st);
	free(like);
	return e;
}

/* ---- task status ---- */

static const char *const TS_CODE[TS_COUNT] = { "done_on_time", "done_late", "open_within", "overdue" };
static const char *const TS_VI[TS_COUNT] = { "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
					     "Quá hạn chưa hoàn thành" };

const char *task_status_code(enum task_status t)
{
	return (unsigned)t < TS_COUNT ? TS_CODE[t] : "?";
}
const char *task_status_vi(enum task_status t)
{
	return (unsigned)t < TS_COUNT ? TS_VI[t] : "?";
}

enum task_status task_status_of(const char *deadline, const char *done_date, const char *asof)
{
	if (done_date && strcmp(done_date, asof) <= 0)
		return deadline && strcmp(done_date, deadline) > 0 ? TS_DONE_LATE : TS_DONE_ON_TIME;
	return deadline && strcmp(deadline, asof) < 0 ? TS_OVERDUE : TS_OPEN_WITHIN;
}

/* The same rule as task_status_of, in SQL ($2 = as of). */
static struct query Q_STATUS = { "SELECT COUNT(*),"
				 " COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"
				 "  AND (t.deadline IS NULL OR t.done_date <= t.deadline) THEN 1 ELSE 0 END), 0),"
				 " COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"
				 "  AND t.deadline IS NOT NULL AND t.done_date > t.deadline THEN 1 ELSE 0 END), 0),"
				 " COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"
				 "  AND (t.deadline IS NULL OR t.deadline >= $2) THEN 1 ELSE 0 END), 0),"
				 " COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"
				 "  AND t.deadline IS NOT NULL AND t.deadline < $2 THEN 1 ELSE 0 END), 0)"
				 " FROM task t JOIN unit u ON u.id = t.unit_id WHERE u.path LIKE $1",
				 NULL, 0 };

/* The whole tree: no unit to look up per task (the city office's view). */
static struct query Q_STATUS_ALL = { "SELECT COUNT(*),"
				     " COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"
				     "  AND (t.deadline IS NULL OR t.done_date <= t.deadline) THEN 1 ELSE 0 END), 0),"
				     " COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"
				     "  AND t.deadline IS NOT NULL AND t.done_date > t.deadline THEN 1 ELSE 0 END), 0),"
				     " COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"
				     "  AND (t.deadline IS NULL OR t.deadline >= $2) THEN 1 ELSE 0 END), 0),"
				     " COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"
				     "  AND t.deadline IS NOT NULL AND t.deadline < $2 THEN 1 ELSE 0 END), 0)"
				     " FROM task t WHERE CAST($1 AS TEXT) <> ''",
				     NULL, 0 };
/* Units outside the subtree of $1's path (0: the subtree is the whole tree). */
static struct query Q_OUTSIDE = { "SELECT COUNT(*) FROM unit WHERE parent_id IS NULL AND path <> $1", NULL, 0 };

enum app_err progress_task_status(struct store *s, int64_t unit_id, const char *asof, struct task_status_counts *out)
{
	char d[11], *like = NULL;
	struct stmt *st;
	int64_t outside = 1;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!asof || !date_parse(asof, d))
		return APP_EINVAL;
	if ((e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	/* A single root's subtree is every unit: count without the join. */
	if (strchr(like + 1, '/') && strchr(like + 1, '/')[1] == '%') {
		char *path = xstrndup(like, strlen(like) - 1);
		st = store_stmt(s, &Q_OUTSIDE);
		if (st)
			stmt_bind_text(st, 1, path);
		e = model_one_int(st, &outside);
		free(path);
		if (e != APP_OK) {
			free(like);
			return e;
		}
	}
	if (!(st = store_stmt(s, outside ? &Q_STATUS : &Q_STATUS_ALL))) {
		free(like);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, like);
	stmt_bind_text(st, 2, d);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		out->total = stmt_col_int64(st, 0);
		for (int i = 0; i < TS_COUNT; i++)
			out->n[i] = stmt_col_int64(st, 1 + i);
	}
	stmt_done(st);
	free(like);
	return e;
}

#define STATUS_COLS                                                                         \
	"COUNT(t.id),"                                                                      \
	" COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"             \
	"  AND (t.deadline IS NULL OR t.done_date <= t.deadline) THEN 1 ELSE 0 END), 0),"   \
	" COALESCE(SUM(CASE WHEN t.done_date IS NOT NULL AND t.done_date <= $2"             \
	"  AND t.deadline IS NOT NULL AND t.done_date > t.deadline THEN 1 ELSE 0 END), 0)," \
	" COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"                 \
	"  AND (t.deadline IS NULL OR t.deadline >= $2) THEN 1 ELSE 0 END), 0),"            \
	" COALESCE(SUM(CASE WHEN (t.done_date IS NULL OR t.done_date > $2)"                 \
	"  AND t.deadline IS NOT NULL AND t.deadline < $2 THEN 1 ELSE 0 END), 0)"

/* Tasks grouped by the child whose subtree holds them (see Q_ROLLUP_KIDS). */
static struct query Q_STATUS_KIDS = {
	"SELECT c.id, " STATUS_COLS " FROM task t JOIN unit u ON u.id = t.unit_id"
	" JOIN unit c ON c.path = substr(u.path, 1, length($3) + instr(substr(u.path, length($3) + 1), '/'))"
	" WHERE u.path LIKE $4 AND c.parent_id = $1 GROUP BY c.id",
	"SELECT c.id, " STATUS_COLS " FROM task t JOIN unit u ON u.id = t.unit_id"
	" JOIN unit c ON c.path = substr(u.path, 1, length(CAST($3 AS TEXT))"
	"   + strpos(substr(u.path, length(CAST($3 AS TEXT)) + 1), '/'))"
	" WHERE u.path LIKE $4 AND c.parent_id = $1 GROUP BY c.id",
	0
};

enum app_err progress_task_status_children(struct store *s, struct arena *a, int64_t unit_id, const char *asof,
					   struct task_status_children *out)
{
	char d[11], *like = NULL, *path = NULL;
	size_t cap = 16;
	struct stmt *st;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!asof || !date_parse(asof, d))
		return APP_EINVAL;
	if ((e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	path = xstrndup(like, strlen(like) - 1);
	if (!(st = store_stmt(s, &Q_KIDS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct task_status_child *c;
		if (out->n == cap) {
			struct task_status_child *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		c->unit_id = stmt_col_int64(st, 0);
		c->unit_code = stmt_col_dup(st, 1, a);
		c->unit_name = stmt_col_dup(st, 2, a);
	}
	stmt_done(st);
	if (e != APP_OK || out->n == 0)
		goto out;
	if (!(st = store_stmt(s, &Q_STATUS_KIDS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, d);
	stmt_bind_text(st, 3, path);
	stmt_bind_text(st, 4, like);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		int64_t id = stmt_col_int64(st, 0);
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i].unit_id == id) {
				out->v[i].c.total = stmt_col_int64(st, 1);
				for (int k = 0; k < TS_COUNT; k++)
					out->v[i].c.n[k] = stmt_col_int64(st, 2 + k);
				break;
			}
	}
	stmt_done(st);
out:
	free(like);
	free(path);
	return e;
}

static struct query Q_REMIND = {
	"SELECT COALESCE(t.lead_name, ''), t.id, t.plan_id, u.code, t.number, t.content, t.deadline"
	" FROM task t JOIN unit u ON u.id = t.unit_id WHERE u.path LIKE $1"
	" AND (t.done_date IS NULL OR t.done_date > $2) AND t.deadline IS NOT NULL AND t.deadline <= $3"
	" ORDER BY 1, t.deadline, t.id",
	NULL, 0
};

enum app_err progress_reminders(struct store *s, struct arena *a, int64_t unit_id, const char *asof, int within_days,
				struct reminder_list *out)
{
	char d[11], until[11], *like = NULL;
	int64_t today;
	size_t cap = 16;
	struct stmt *st;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!asof || !date_parse(asof, d) || within_days < 0 || within_days > 3660)
		return APP_EINVAL;
	date_to_days(d, &today);
	date_from_days(today + within_days, until);
	if ((e = subtree_like(s, unit_id, &like)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_REMIND))) {
		free(like);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, like);
	stmt_bind_text(st, 2, d);
	stmt_bind_text(st, 3, until);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct reminder *r;
		int64_t dl;
		if (out->n == cap) {
			struct reminder *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		r = &out->v[out->n++];
		r->lead = stmt_col_dup(st, 0, a);
		r->task_id = stmt_col_int64(st, 1);
		r->plan_id = stmt_col_int64(st, 2);
		r->unit_code = stmt_col_dup(st, 3, a);
		r->number = stmt_col_dup(st, 4, a);
		r->content = stmt_col_dup(st, 5, a);
		r->deadline = stmt_col_dup(st, 6, a);
		if (!date_to_days(r->deadline, &dl))
			dl = today;
		r->overdue = dl < today;
		r->days = (int)(r->overdue ? today - dl : dl - today);
	}
	stmt_done(st);
	free(like);
	return e;
}
