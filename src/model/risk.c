/* Risk scores per unit from their signals, weights per year: risk.h. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/inspect.h"
#include "model/model_util.h"
#include "model/risk.h"
#include "store/store.h"
#include "text/text.h"

static const char *const SIG_CODE[RS_COUNT] = {
	"overdue_tasks",         "overdue_findings", "indicator_shortfalls", "complaints", "years_since_inspection",
	"incomplete_plan_tasks", "ranking",          "copied_plans"
};
static const char *const SIG_VI[RS_COUNT] = {
	"Nhiệm vụ quá hạn",
	"Khuyết điểm quá hạn khắc phục",
	"Chỉ tiêu không đạt",
	"Đơn khiếu nại, tố cáo",
	"Số năm chưa được kiểm tra",
	"Nhiệm vụ trong kế hoạch thiếu yếu tố",
	"Vị trí xếp hạng và mức tụt hạng",
	"Kế hoạch sao chép văn bản khác (tỷ lệ trùng)",
};

const char *risk_signal_code(enum risk_signal r)
{
	return (unsigned)r < RS_COUNT ? SIG_CODE[r] : "?";
}

const char *risk_signal_vi(enum risk_signal r)
{
	return (unsigned)r < RS_COUNT ? SIG_VI[r] : "?";
}

static struct query Q_W_SET = {
	"INSERT INTO risk_weight (year, w_tasks, w_findings, w_shortfalls, w_complaints, w_years, w_plan_gaps, w_rank,"
	" w_copied, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
	NULL, 0
};

enum app_err risk_weights_set(struct store *s, const struct account *who, int year, const struct risk_weights *w,
			      const char **why)
{
	struct conn *c;
	struct stmt *st;
	int64_t id = 0;
	bool row = false;
	enum app_err e;

	if (who && who->role != ROLE_ADMIN && who->role != ROLE_INSPECTOR && who->role != ROLE_LEADER) {
		*why = "Tài khoản không được đặt trọng số đánh giá rủi ro.";
		return APP_EDENIED;
	}
	if (year < 1930 || year > 2200) {
		*why = "Năm không hợp lệ.";
		return APP_EINVAL;
	}
	for (int i = 0; i < RS_COUNT; i++)
		if (!(w->w[i] >= 0 && w->w[i] <= 100)) {
			*why = "Trọng số phải từ 0 đến 100.";
			return APP_EINVAL;
		}
	if (!w->note || !*w->note || !text_utf8_valid(w->note, strlen(w->note), NULL)) {
		*why = "Phải ghi căn cứ, lý do của bộ trọng số.";
		return APP_EINVAL;
	}
	if (!(c = store_conn(s)))
		return APP_EDB;
	if ((e = conn_begin(c)) != APP_OK)
		return e;
	if (!(st = conn_stmt(c, &Q_W_SET))) {
		conn_rollback(c);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, year);
	for (int i = 0; i < RS_COUNT; i++)
		stmt_bind_double(st, 2 + i, w->w[i]);
	stmt_bind_text(st, 2 + RS_COUNT, w->note);
	stmt_bind_int64(st, 3 + RS_COUNT, who ? who->id : 0);
	stmt_bind_int64(st, 4 + RS_COUNT, time_now());
	e = stmt_step(st, &row);
	id = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_OK) {
		json_t *after = json_pack("{s:i,s:s}", "year", year, "note", w->note);
		for (int i = 0; i < RS_COUNT; i++)
			json_object_set_new(after, SIG_CODE[i], json_real(w->w[i]));
		char *as = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
		struct audit_new en = { .account_id = who ? who->id : 0,
					.entity = "risk_weight",
					.entity_id = id,
					.action = "set",
					.after = as };
		e = audit_append(s, &en, NULL);
		free(as);
		json_decref(after);
	}
	if (e == APP_OK)
		return conn_commit(c);
	conn_rollback(c);
	return e;
}

static struct query Q_W_GET = {
	"SELECT w_tasks, w_findings, w_shortfalls, w_complaints, w_years, w_plan_gaps, w_rank, w_copied, note, set_by,"
	" set_at"
	" FROM risk_weight"
	" WHERE year = $1 ORDER BY id DESC LIMIT 1",
	NULL, 0
};

enum app_err risk_weights_get(struct store *s, struct arena *a, int year, struct risk_weights *out)
{
	struct stmt *st = store_stmt(s, &Q_W_GET);
	bool row = false;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, year);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		for (int i = 0; i < RS_COUNT; i++)
			out->w[i] = stmt_col_double(st, i);
		out->note = stmt_col_dup(st, RS_COUNT, a);
		out->set_by = stmt_col_int64(st, RS_COUNT + 1);
		out->set_at = stmt_col_int64(st, RS_COUNT + 2);
	}
	stmt_done(st);
	if (e == APP_OK && !row) {
		for (int i = 0; i < RS_COUNT; i++)
			out->w[i] = 1.0;
		out->note = "Mặc định (chưa đặt trọng số cho năm này)";
		out->is_default = true;
	}
	return e;
}

static struct query Q_UNITS = {
	"SELECT id, code, name FROM unit WHERE path LIKE $1 AND (valid_to IS NULL OR valid_to > $2)"
	" AND (valid_from IS NULL OR valid_from <= $2) ORDER BY id",
	NULL, 0
};
static struct query Q_TASKS = {
	"SELECT t.unit_id, COUNT(*) FROM task t"
	" WHERE t.deadline < $1 AND (t.done_date IS NULL OR t.done_date > $1) GROUP BY t.unit_id",
	NULL, 0
};
static struct query Q_GAPS = { "SELECT unit_id, COUNT(*) FROM task WHERE missing <> 0 GROUP BY unit_id", NULL, 0 };
static struct query Q_FINDINGS = {
	/* Two ranges of finding_open_idx (not done / done later), one row each: counted in C. */
	"SELECT unit_id, 1 FROM finding WHERE live = 1 AND done_date IS NULL AND deadline < $1"
	" UNION ALL SELECT unit_id, 1 FROM finding WHERE live = 1 AND done_date > $1 AND deadline < $1",
	NULL, 0
};
static struct query Q_SHORT = {
	"SELECT v.unit_id, COUNT(*) FROM ind_value v JOIN indicator i ON i.id = v.indicator_id"
	" LEFT JOIN plan_indicator pi ON pi.indicator_id = v.indicator_id AND pi.unit_id = v.unit_id"
	" WHERE v.period LIKE $1 AND COALESCE(pi.local_target, i.target) IS NOT NULL"
	" AND ((i.direction = 'up' AND v.value < COALESCE(pi.local_target, i.target))"
	"  OR (i.direction = 'down' AND v.value > COALESCE(pi.local_target, i.target)))"
	" GROUP BY v.unit_id",
	NULL, 0
};
static struct query Q_COMPL = { "SELECT c.unit_id, COUNT(*) FROM complaint c"
				" WHERE c.received >= $1 AND c.received <= $2 GROUP BY c.unit_id",
				NULL, 0 };
static struct query Q_LAST = {
	"SELECT i.unit_id, MAX(i.date_to) FROM inspection i WHERE i.date_to <= $1 GROUP BY i.unit_id", NULL, 0
};

static struct risk_row *find(struct risk_table *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].unit_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].unit_id == id ? &t->v[lo] : NULL;
}

/* Run a (unit_id, count) query and add the counts to signal sig. */
static enum app_err add_counts(struct stmt *st, struct risk_table *t, enum risk_signal sig)
{
	enum app_err e;
	bool row;
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct risk_row *r = find(t, stmt_col_int64(st, 0));
		if (r)
			r->signal[sig] += (double)stmt_col_int64(st, 1);
	}
	stmt_done(st);
	return e;
}

static struct query Q_RANK = {
	/* Every ranking up to the year, numbers only; the latest two per unit are kept in C (no sort, no text). */
	"SELECT unit_id, year, position, of_n, id FROM unit_rank WHERE year <= $1", NULL, 0
};

/* Place in the table from 0 (first) to 1 (last). */
static double rank_share(int64_t position, int64_t of_n)
{
	return of_n > 1 ? (double)(position - 1) / (double)(of_n - 1) : 0.0;
}

static const char *rank_place(struct arena *a, int64_t position, int64_t of_n)
{
	char p[32], n[32];
	num_format_vn((double)position, 0, p, sizeof(p));
	num_format_vn((double)of_n, 0, n, sizeof(n));
	return arena_printf(a, "hạng %s/%s%s", p, n,
			    position == of_n && of_n > 1 ? " (cuối bảng)"
			    : position == 1              ? " (đầu bảng)"
							 : "");
}

/* The ranking signal of each unit of t and what it rests on (one query, nothing formatted). */
static enum app_err add_ranks(struct store *s, struct risk_table *t, int year)
{
	struct stmt *st = store_stmt(s, &Q_RANK);
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, year);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct risk_row *r = find(t, stmt_col_int64(st, 0));
		if (!r)
			continue;
		struct risk_rank_sig *k = &r->rank;
		int y = (int)stmt_col_int64(st, 1);
		if (y > k->year) {
			k->prev_year = k->year;
			k->prev_position = k->position;
			k->prev_of_n = k->of_n;
			k->year = y;
			k->position = (int)stmt_col_int64(st, 2);
			k->of_n = (int)stmt_col_int64(st, 3);
			k->id = stmt_col_int64(st, 4);
		} else if (y > k->prev_year) {
			k->prev_year = y;
			k->prev_position = (int)stmt_col_int64(st, 2);
			k->prev_of_n = (int)stmt_col_int64(st, 3);
		}
	}
	stmt_done(st);
	for (size_t i = 0; e == APP_OK && i < t->n; i++) {
		const struct risk_rank_sig *k = &t->v[i].rank;
		if (!k->year)
			continue;
		double share = rank_share(k->position, k->of_n), fall = 0;
		if (k->prev_year)
			fall = share - rank_share(k->prev_position, k->prev_of_n);
		t->v[i].signal[RS_RANK] = share + (fall > 0 ? fall : 0);
	}
	return e;
}

static struct query Q_COPIED = {
	/* Every measured plan dated up to the year's end, numbers only; the unit's figure is chosen in C. */
	"SELECT c.unit_id, d.doc_date, c.share, c.doc_id FROM doc_copy c JOIN doc d ON d.id = c.doc_id"
	" WHERE d.doc_date IS NOT NULL AND d.doc_date <= $1",
	NULL, 0
};

/*
** The copied-plans signal of each unit of t: the highest share among its
** plans dated in the year, else the share of its latest plan before it.
*/
static enum app_err add_copied(struct store *s, struct risk_table *t, const char *yend)
{
	struct stmt *st = store_stmt(s, &Q_COPIED);
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, yend);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct risk_row *r = find(t, stmt_col_int64(st, 0));
		const char *date = stmt_col_text(st, 1);
		if (!r || !date || strlen(date) < 10)
			continue;
		struct risk_copy_sig *k = &r->copied;
		double share = stmt_col_double(st, 2);
		bool in_year = strncmp(date, yend, 4) == 0;
		bool take;
		if (in_year)
			take = !k->in_year || share > r->signal[RS_COPIED];
		else if (k->in_year)
			take = false;
		else
			take = !k->doc_id || strncmp(date, k->date, 10) > 0 ||
			       (strncmp(date, k->date, 10) == 0 && share > r->signal[RS_COPIED]);
		if (!take)
			continue;
		k->doc_id = stmt_col_int64(st, 3);
		k->in_year = in_year;
		memcpy(k->date, date, 10);
		k->date[10] = '\0';
		r->signal[RS_COPIED] = share < 0 ? 0 : share > 1 ? 1 : share;
	}
	stmt_done(st);
	return e;
}

/* The copied-plans evidence of r (one query). */
static const char *copied_evidence(struct store *s, struct arena *a, const struct risk_row *r)
{
	static struct query Q_CTEXT = {
		"SELECT d.number, d.title, d.doc_date, c.share, c.source_name, sd.number, sd.title, su.name"
		" FROM doc_copy c JOIN doc d ON d.id = c.doc_id LEFT JOIN doc sd ON sd.id = c.source_doc_id"
		" LEFT JOIN unit su ON su.id = sd.unit_id WHERE c.doc_id = $1",
		NULL, 0
	};
	struct stmt *st;
	bool row = false;
	const char *res = NULL;

	if (!r->copied.doc_id || !(st = store_stmt(s, &Q_CTEXT)))
		return NULL;
	stmt_bind_int64(st, 1, r->copied.doc_id);
	if (stmt_step(st, &row) == APP_OK && row) {
		const char *num = stmt_col_dup(st, 0, a), *title = stmt_col_dup(st, 1, a);
		const char *date = stmt_col_dup(st, 2, a), *sname = stmt_col_dup(st, 4, a);
		const char *snum = stmt_col_dup(st, 5, a), *stitle = stmt_col_dup(st, 6, a);
		const char *sunit = stmt_col_dup(st, 7, a);
		double share = stmt_col_double(st, 3);
		char pct[32], vn[11] = "";
		const char *plan, *src = NULL;

		num_format_vn(share * 100.0, 0, pct, sizeof(pct));
		if (date && !date_iso_to_vn(date, vn))
			vn[0] = '\0';
		plan = num ? arena_printf(a, "Kế hoạch số %s", num) : arena_printf(a, "Kế hoạch «%s»", title);
		if (vn[0])
			plan = arena_printf(a, "%s ngày %s", plan, vn);
		if (snum)
			src = arena_printf(a, "văn bản số %s", snum);
		else if (stitle)
			src = arena_printf(a, "văn bản «%s»", stitle);
		else if (sname)
			src = sname;
		if (src && sunit)
			src = arena_printf(a, "%s của %s", src, sunit);
		if (share <= 0)
			res = arena_printf(a, "%s: không phát hiện nội dung trùng với văn bản khác", plan);
		else if (src)
			res = arena_printf(a, "%s: %s %% nội dung trùng với văn bản khác (nhiều nhất từ %s)", plan, pct,
					   src);
		else
			res = arena_printf(a, "%s: %s %% nội dung trùng với văn bản khác", plan, pct);
		if (!r->copied.in_year)
			res = arena_printf(a, "%s; kế hoạch gần nhất trước năm được đánh giá", res);
	}
	stmt_done(st);
	return res;
}

const char *risk_evidence(struct store *s, struct arena *a, const struct risk_row *r, enum risk_signal sig)
{
	static struct query Q_TEXT = { "SELECT index_name, source FROM unit_rank WHERE id = $1", NULL, 0 };
	const struct risk_rank_sig *k = &r->rank;
	const char *index_name = NULL, *source = NULL;
	struct stmt *st;
	bool row = false;

	if (sig == RS_COPIED)
		return copied_evidence(s, a, r);
	if (sig != RS_RANK || !k->year || !(st = store_stmt(s, &Q_TEXT)))
		return NULL;
	stmt_bind_int64(st, 1, k->id);
	if (stmt_step(st, &row) == APP_OK && row) {
		index_name = stmt_col_dup(st, 0, a);
		source = stmt_col_dup(st, 1, a);
	}
	stmt_done(st);
	if (!row)
		return NULL;
	const char *place = rank_place(a, k->position, k->of_n);
	if (!k->prev_year)
		return arena_printf(a, "%s năm %d: %s. Nguồn: %s", index_name, k->year, place, source);
	double fall = rank_share(k->position, k->of_n) - rank_share(k->prev_position, k->prev_of_n);
	const char *move;
	if (fall > 0)
		move = k->prev_of_n == k->of_n ? arena_printf(a, "tụt %d bậc", k->position - k->prev_position)
					       : "tụt hạng";
	else if (fall < 0)
		move = k->prev_of_n == k->of_n ? arena_printf(a, "tăng %d bậc", k->prev_position - k->position)
					       : "tăng hạng";
	else
		move = "giữ nguyên vị trí";
	return arena_printf(a, "%s năm %d: %s; năm %d: %s, %s. Nguồn: %s", index_name, k->year, place, k->prev_year,
			    rank_place(a, k->prev_position, k->prev_of_n), move, source);
}

static int by_score(const void *x, const void *y)
{
	const struct risk_row *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

enum app_err risk_scores(struct store *s, struct arena *a, const struct account *who, int64_t unit_id, int year,
			 const char *asof, struct risk_table *out)
{
	static struct query Q_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };
	char d[11], ystart[11], yend[11], yprefix[8];
	char *pattern = NULL;
	struct stmt *st;
	size_t cap = 0;
	bool row = false, ok = false;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (year < 1930 || year > 2200)
		return APP_EINVAL;
	snprintf(ystart, sizeof(ystart), "%04d-01-01", year);
	snprintf(yend, sizeof(yend), "%04d-12-31", year);
	if (!asof) {
		/* A past year is scored as it stood at its end (its units then), the current one as of today. */
		date_today(d);
		if (strcmp(d, yend) > 0)
			memcpy(d, yend, sizeof(d));
	} else if (!date_parse(asof, d)) {
		return APP_EINVAL;
	}
	snprintf(yprefix, sizeof(yprefix), "%04d%%", year);
	if (!unit_id && who)
		unit_id = who->unit_id;
	if (unit_id) {
		if (who) {
			if ((e = access_can_read(s, who, unit_id, &ok)) != APP_OK)
				return e;
			if (!ok)
				return APP_EDENIED;
		}
		if (!(st = store_stmt(s, &Q_PATH)))
			return APP_EDB;
		stmt_bind_int64(st, 1, unit_id);
		if ((e = stmt_step(st, &row)) == APP_OK && row)
			pattern = xasprintf("%s%%", stmt_col_text(st, 0));
		stmt_done(st);
		if (e != APP_OK)
			return e;
		if (!row)
			return APP_ENOTFOUND;
	} else {
		pattern = xstrdup("/%");
	}
	if ((e = risk_weights_get(s, a, year, &out->weights)) != APP_OK)
		goto done;
	if (!(st = store_stmt(s, &Q_UNITS))) {
		e = APP_EDB;
		goto done;
	}
	stmt_bind_text(st, 1, pattern);
	stmt_bind_text(st, 2, d);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			struct risk_row *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct risk_row *r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		r->unit_id = stmt_col_int64(st, 0);
		r->code = stmt_col_dup(st, 1, a);
		r->name = stmt_col_dup(st, 2, a);
		r->signal[RS_YEARS] = RISK_YEARS_CAP;
	}
	stmt_done(st);
	if (e != APP_OK)
		goto done;

	struct query *pq[] = { &Q_TASKS, &Q_FINDINGS };
	enum risk_signal ps[] = { RS_TASKS, RS_FINDINGS };
	for (int i = 0; i < 2; i++) {
		if (!(st = store_stmt(s, pq[i]))) {
			e = APP_EDB;
			goto done;
		}
		stmt_bind_text(st, 1, d);
		if ((e = add_counts(st, out, ps[i])) != APP_OK)
			goto done;
	}
	if (!(st = store_stmt(s, &Q_GAPS))) {
		e = APP_EDB;
		goto done;
	}
	if ((e = add_counts(st, out, RS_PLAN_GAPS)) != APP_OK)
		goto done;
	if (!(st = store_stmt(s, &Q_SHORT))) {
		e = APP_EDB;
		goto done;
	}
	stmt_bind_text(st, 1, yprefix);
	if ((e = add_counts(st, out, RS_SHORTFALLS)) != APP_OK)
		goto done;
	if (!(st = store_stmt(s, &Q_COMPL))) {
		e = APP_EDB;
		goto done;
	}
	stmt_bind_text(st, 1, ystart);
	stmt_bind_text(st, 2, yend);
	if ((e = add_counts(st, out, RS_COMPLAINTS)) != APP_OK)
		goto done;
	if (!(st = store_stmt(s, &Q_LAST))) {
		e = APP_EDB;
		goto done;
	}
	stmt_bind_text(st, 1, d);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct risk_row *r = find(out, stmt_col_int64(st, 0));
		if (r) {
			double y = date_days_between(stmt_col_text(st, 1), d) / 365.0;
			r->signal[RS_YEARS] = y < RISK_YEARS_CAP ? (y < 0 ? 0 : y) : RISK_YEARS_CAP;
		}
	}
	stmt_done(st);
	if (e != APP_OK)
		goto done;
	if ((e = add_ranks(s, out, year)) != APP_OK)
		goto done;
	if ((e = add_copied(s, out, yend)) != APP_OK)
		goto done;
	for (size_t i = 0; i < out->n; i++) {
		struct risk_row *r = &out->v[i];
		for (int k = 0; k < RS_COUNT; k++) {
			r->part[k] = out->weights.w[k] * r->signal[k];
			r->score += r->part[k];
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), by_score);
done:
	free(pattern);
	return e;
}

/* ---- rankings ---- */

static struct query Q_RANK_GET = {
	"SELECT id, index_name, position, of_n, source, note FROM unit_rank WHERE year = $1 AND unit_id = $2", NULL, 0
};
static struct query Q_RANK_ADD = {
	"INSERT INTO unit_rank (year, unit_id, index_name, position, of_n, source, note, demo, set_by, set_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
	NULL, 0
};
static struct query Q_RANK_UPD = {
	"UPDATE unit_rank SET index_name = $2, position = $3, of_n = $4, source = $5, note = $6, set_by = $7,"
	" set_at = $8 WHERE id = $1",
	NULL, 0
};

static json_t *rank_json(int year, const char *index_name, int64_t position, int64_t of_n, const char *source,
			 const char *note)
{
	return json_pack("{s:i,s:s,s:I,s:I,s:s,s:o}", "year", year, "index", index_name, "position",
			 (json_int_t)position, "of_n", (json_int_t)of_n, "source", source, "note", model_jstr(note));
}

enum app_err risk_rank_set(struct store *s, const struct account *who, const struct risk_rank_new *n, const char **why)
{
	char *index_name = NULL, *source = NULL, *note = NULL;
	int64_t unit_id = 0, id = 0;
	json_t *before = NULL;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	if (who && who->role != ROLE_ADMIN && who->role != ROLE_INSPECTOR && who->role != ROLE_LEADER) {
		*why = "Tài khoản không được ghi kết quả xếp hạng.";
		return APP_EDENIED;
	}
	if (n->year < 1930 || n->year > 2200) {
		*why = "Năm không hợp lệ.";
		return APP_EINVAL;
	}
	if (n->of_n < 1 || n->of_n > 100000 || n->position < 1 || n->position > n->of_n) {
		*why = "Thứ hạng phải từ 1 đến tổng số đơn vị được xếp hạng (tối đa 100.000).";
		return APP_EINVAL;
	}
	if (model_blank(n->index_name) || model_blank(n->source)) {
		*why = "Phải ghi tên chỉ số (bảng xếp hạng) và nguồn công bố thứ hạng.";
		return APP_EINVAL;
	}
	if (!model_nfc_opt(n->index_name, 500, &index_name) || !model_nfc_opt(n->source, 2000, &source) ||
	    !model_nfc_opt(model_blank(n->note) ? NULL : n->note, 2000, &note)) {
		*why = "Tên chỉ số, nguồn hoặc ghi chú quá dài hoặc không đúng mã UTF-8.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = model_unit_id(s, n->unit_code ? n->unit_code : "", &unit_id)) != APP_OK)
		goto out;
	if (!unit_id) {
		*why = "Đơn vị không tồn tại.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = model_may(s, who, unit_id, false, why)) != APP_OK)
		goto out;
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_RANK_GET))) {
		e = model_end(s, APP_EDB);
		goto out;
	}
	stmt_bind_int64(st, 1, n->year);
	stmt_bind_int64(st, 2, unit_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		id = stmt_col_int64(st, 0);
		before = rank_json(n->year, stmt_col_text(st, 1), stmt_col_int64(st, 2), stmt_col_int64(st, 3),
				   stmt_col_text(st, 4), stmt_col_null(st, 5) ? NULL : stmt_col_text(st, 5));
	}
	stmt_done(st);
	if (e != APP_OK) {
		json_decref(before);
		e = model_end(s, e);
		goto out;
	}
	if (!(st = store_stmt(s, id ? &Q_RANK_UPD : &Q_RANK_ADD))) {
		json_decref(before);
		e = model_end(s, APP_EDB);
		goto out;
	}
	if (id) {
		stmt_bind_int64(st, 1, id);
		stmt_bind_text(st, 2, index_name);
		stmt_bind_int64(st, 3, n->position);
		stmt_bind_int64(st, 4, n->of_n);
		stmt_bind_text(st, 5, source);
		stmt_bind_text(st, 6, note);
		stmt_bind_int64(st, 7, who ? who->id : 0);
		stmt_bind_int64(st, 8, time_now());
		e = stmt_exec(st, NULL);
	} else {
		stmt_bind_int64(st, 1, n->year);
		stmt_bind_int64(st, 2, unit_id);
		stmt_bind_text(st, 3, index_name);
		stmt_bind_int64(st, 4, n->position);
		stmt_bind_int64(st, 5, n->of_n);
		stmt_bind_text(st, 6, source);
		stmt_bind_text(st, 7, note);
		stmt_bind_int64(st, 8, n->demo ? 1 : 0);
		stmt_bind_int64(st, 9, who ? who->id : 0);
		stmt_bind_int64(st, 10, time_now());
		row = false;
		e = stmt_step(st, &row);
		id = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
		stmt_done(st);
	}
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "unit_rank", id, before ? "update" : "create", before,
				rank_json(n->year, index_name, n->position, n->of_n, source, note));
	else
		json_decref(before);
	e = model_end(s, e);
out:
	free(index_name);
	free(source);
	free(note);
	return e;
}

static struct query Q_RANK_LIST = {
	"SELECT year, position, of_n, index_name, source, note FROM unit_rank WHERE unit_id = $1 ORDER BY year DESC",
	NULL, 0
};

enum app_err risk_rank_list(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			    struct risk_rank_list *out)
{
	const char *why;
	struct stmt *st;
	size_t cap = 0;
	bool row;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_RANK_LIST)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct risk_rank *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct risk_rank *k = &out->v[out->n++];
		k->year = (int)stmt_col_int64(st, 0);
		k->position = (int)stmt_col_int64(st, 1);
		k->of_n = (int)stmt_col_int64(st, 2);
		k->index_name = stmt_col_dup(st, 3, a);
		k->source = stmt_col_dup(st, 4, a);
		k->note = stmt_col_dup(st, 5, a);
	}
	stmt_done(st);
	return e;
}
