/* Directives: numbered, with a period and links (directive.h). */
#include "model/directive.h"

#include "model/cascade_int.h"
#include "store/store.h"

static const char *const REL_CODE[REL_COUNT] = { "implements", "replaces", "guides" };
static const char *const REL_VI[REL_COUNT] = { "Thực hiện", "Thay thế", "Hướng dẫn" };

const char *doc_rel_code(enum doc_rel r)
{
	return (unsigned)r < REL_COUNT ? REL_CODE[r] : "?";
}

const char *doc_rel_vi(enum doc_rel r)
{
	return (unsigned)r < REL_COUNT ? REL_VI[r] : "?";
}

bool doc_rel_parse(const char *code, enum doc_rel *out)
{
	for (int i = 0; code && i < REL_COUNT; i++)
		if (strcmp(code, REL_CODE[i]) == 0) {
			*out = (enum doc_rel)i;
			return true;
		}
	return false;
}

bool directive_term(const char *iso_date, char out[16])
{
	char d[11];
	int y, m, start;

	if (!iso_date || !date_parse(iso_date, d))
		return false;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	start = y - y % 5;
	if (y % 5 == 0 && m < 10)
		start -= 5;
	snprintf(out, 16, "%d-%d", start, start + 5);
	return true;
}

/* The series of a parsed number: term (party) or year (state). iso is valid. */
static bool series_of(const struct docnum *n, const char *iso, const char *term, char out[16], const char **why)
{
	if (n->system == DOCNUM_PARTY) {
		if (term && *term) {
			int y1 = 0, y2 = 0, len = 0;

			/* "2020-2025": a term of one to ten years */
			if (strlen(term) != 9 || sscanf(term, "%4d-%4d%n", &y1, &y2, &len) != 2 || len != 9 ||
			    y1 < 1930 || y2 <= y1 || y2 - y1 > 10) {
				*why = "Nhiệm kỳ không hợp lệ (viết như 2020-2025).";
				return false;
			}
			snprintf(out, 16, "%s", term);
			return true;
		}
		directive_term(iso, out);
		return true;
	}
	snprintf(out, 16, "%.4s", iso);
	if (n->year && n->year != (int)strtol(out, NULL, 10)) {
		*why = "Năm trong số, ký hiệu khác năm ban hành văn bản.";
		return false;
	}
	return true;
}

static struct query Q_UNPARSED = {
	"SELECT id, number, doc_date FROM doc WHERE unit_id = $1 AND number IS NOT NULL AND num_n IS NULL"
	" AND doc_date IS NOT NULL ORDER BY id",
	NULL, 0
};
static struct query Q_SET_PARTS = {
	"UPDATE doc SET num_system = $2, num_kind = $3, num_series = $4, num_n = $5 WHERE id = $1", NULL, 0
};

enum app_err directive_backfill(struct store *s, int64_t unit_id, int64_t *done)
{
	struct row {
		int64_t id;
		char number[128];
		char date[11];
	} *rows = NULL;
	size_t n = 0, cap = 0;
	struct stmt *st = store_stmt(s, &Q_UNPARSED);
	bool row;
	enum app_err e;

	if (done)
		*done = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		rows[n].id = stmt_col_int64(st, 0);
		snprintf(rows[n].number, sizeof(rows[n].number), "%s", stmt_col_text(st, 1));
		snprintf(rows[n].date, sizeof(rows[n].date), "%s", stmt_col_text(st, 2));
		n++;
	}
	stmt_done(st);
	for (size_t i = 0; e == APP_OK && i < n; i++) {
		struct docnum num;
		enum docnum_reason r;
		const char *w;
		char series[16], iso[11];
		enum app_err u;

		if (docnum_parse(rows[i].number, &num, &r) != APP_OK || !date_parse(rows[i].date, iso) ||
		    !series_of(&num, iso, NULL, series, &w))
			continue;
		if ((e = model_begin(s)) != APP_OK)
			break;
		st = store_stmt(s, &Q_SET_PARTS);
		stmt_bind_int64(st, 1, rows[i].id);
		stmt_bind_text(st, 2, num.system == DOCNUM_PARTY ? "party" : "state");
		stmt_bind_text(st, 3, num.kind);
		stmt_bind_text(st, 4, series);
		stmt_bind_int64(st, 5, num.number);
		u = stmt_exec(st, NULL);
		if (u == APP_OK) {
			e = model_commit(s);
			if (e == APP_OK && done)
				(*done)++;
		} else {
			model_rollback(s); /* a duplicate: leave it unparsed */
			if (u != APP_EEXIST && u != APP_EINVAL)
				e = u;
		}
	}
	free(rows);
	return e;
}

static struct query Q_ADD = { "INSERT INTO doc (unit_id, kind, number, doc_date, title, body, source, demo, created_at,"
			      " period_from, period_to, num_system, num_kind, num_series, num_n)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
			      NULL, 0 };
static struct query Q_LINK = { "INSERT INTO doc_link (from_id, rel, to_id) VALUES ($1, $2, $3)", NULL, 0 };
static struct query Q_DOC_EXISTS = { "SELECT COUNT(*) FROM doc WHERE id = $1", NULL, 0 };

enum app_err directive_add(struct store *s, const struct directive_new *d, struct directive_result *res,
			   const char **why)
{
	char date[11], pfrom[11], pto[11], kind[16];
	char *title = NULL, *body = NULL, *source = NULL;
	struct directive_result r;
	enum docnum_reason reason;
	const char *w = NULL;
	int64_t unit_id = 0, n;
	struct stmt *st;
	bool row, in_tx = false;
	enum app_err e = APP_EINVAL;

	memset(&r, 0, sizeof(r));
	if (res)
		memset(res, 0, sizeof(*res));
	if (!d->number || docnum_parse(d->number, &r.num, &reason) != APP_OK) {
		w = d->number ? docnum_reason_vi(reason) : "Thiếu số, ký hiệu văn bản.";
		goto out;
	}
	if (!d->doc_date || !date_parse(d->doc_date, date)) {
		w = "Ngày ban hành không hợp lệ.";
		goto out;
	}
	if ((d->period_from && !date_parse(d->period_from, pfrom)) ||
	    (d->period_to && !date_parse(d->period_to, pto))) {
		w = "Thời kỳ thực hiện không hợp lệ (ngày không có thật).";
		goto out;
	}
	if (d->period_from && d->period_to && strcmp(pfrom, pto) > 0) {
		w = "Thời kỳ thực hiện: ngày bắt đầu sau ngày kết thúc.";
		goto out;
	}
	if (!series_of(&r.num, date, d->term, r.series, &w))
		goto out;
	if (!cz_norm(d->title, 2000, &title) || !title || !cz_norm(d->body, 8 << 20, &body) ||
	    !cz_norm(d->source, 2000, &source)) {
		w = title ? "Văn bản quá dài hoặc không phải UTF-8 hợp lệ."
			  : "Thiếu trích yếu, hoặc trích yếu không phải UTF-8 hợp lệ.";
		goto out;
	}
	if (d->nlinks < 0 || d->nlinks > DIRECTIVE_MAX_LINKS) {
		w = "Quá nhiều liên kết văn bản.";
		goto out;
	}
	e = cz_unit(s, d->unit_code, &unit_id, kind, NULL);
	if (e == APP_ENOTFOUND) {
		w = "Đơn vị ban hành không tồn tại.";
		e = APP_EINVAL;
	}
	if (e != APP_OK || (e = directive_backfill(s, unit_id, NULL)) != APP_OK)
		goto out;
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	in_tx = true;
	if (!(st = store_stmt(s, &Q_ADD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, r.num.kind[0] ? r.num.kind : "Luật");
	stmt_bind_text(st, 3, r.num.canonical);
	stmt_bind_text(st, 4, date);
	stmt_bind_text(st, 5, title);
	stmt_bind_text(st, 6, body);
	stmt_bind_text(st, 7, source);
	stmt_bind_int64(st, 8, d->demo ? 1 : 0);
	stmt_bind_int64(st, 9, time_now());
	stmt_bind_text(st, 10, d->period_from ? pfrom : NULL);
	stmt_bind_text(st, 11, d->period_to ? pto : NULL);
	stmt_bind_text(st, 12, r.num.system == DOCNUM_PARTY ? "party" : "state");
	stmt_bind_text(st, 13, r.num.kind);
	stmt_bind_text(st, 14, r.series);
	stmt_bind_int64(st, 15, r.num.number);
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		r.id = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_EEXIST)
		w = "Số văn bản này đã được dùng trong cùng nhiệm kỳ (văn bản Đảng) hoặc cùng năm "
		    "(văn bản chính quyền).";
	if (e != APP_OK)
		goto out;
	for (int i = 0; i < d->nlinks; i++) {
		if ((unsigned)d->links[i].rel >= REL_COUNT) {
			w = "Loại liên kết văn bản không hợp lệ.";
			e = APP_EINVAL;
			goto out;
		}
		st = store_stmt(s, &Q_DOC_EXISTS);
		stmt_bind_int64(st, 1, d->links[i].to_id);
		if ((e = model_one_int(st, &n)) != APP_OK)
			goto out;
		if (!n) {
			w = "Văn bản được liên kết không tồn tại.";
			e = APP_EINVAL;
			goto out;
		}
		st = store_stmt(s, &Q_LINK);
		stmt_bind_int64(st, 1, r.id);
		stmt_bind_text(st, 2, doc_rel_code(d->links[i].rel));
		stmt_bind_int64(st, 3, d->links[i].to_id);
		e = stmt_exec(st, NULL);
		if (e == APP_EEXIST) {
			w = "Liên kết văn bản bị lặp.";
			e = APP_EINVAL;
		}
		if (e != APP_OK)
			goto out;
	}
	e = model_commit(s);
	in_tx = false;
	if (e == APP_OK && res)
		*res = r;
out:
	if (in_tx)
		model_rollback(s);
	if (why)
		*why = e == APP_OK ? NULL : w;
	free(title);
	free(body);
	free(source);
	return e;
}

static struct query Q_GET = {
	"SELECT period_from, period_to, num_system, num_series, COALESCE(num_n, 0) FROM doc WHERE id = $1", NULL, 0
};
static struct query Q_LINKS = {
	"SELECT l.rel, d.id, d.number, d.title, 0 FROM doc_link l JOIN doc d ON d.id = l.to_id"
	" WHERE l.from_id = $1"
	" UNION ALL "
	"SELECT l.rel, d.id, d.number, d.title, 1 FROM doc_link l JOIN doc d ON d.id = l.from_id"
	" WHERE l.to_id = $1 ORDER BY 5, 2",
	NULL, 0
};

enum app_err directive_get(struct store *s, struct arena *a, int64_t id, struct directive *out)
{
	struct stmt *st;
	size_t cap = 4;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if ((e = doc_get(s, a, id, &out->doc)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_GET)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		out->period_from = stmt_col_dup(st, 0, a);
		out->period_to = stmt_col_dup(st, 1, a);
		out->system = stmt_col_dup(st, 2, a);
		out->series = stmt_col_dup(st, 3, a);
		out->n = stmt_col_int64(st, 4);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_LINKS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	out->links = arena_alloc(a, cap * sizeof(*out->links));
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct directive_link *l;

		if (out->nlinks == cap) {
			struct directive_link *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->links, cap * sizeof(*nv));
			out->links = nv;
			cap *= 2;
		}
		l = &out->links[out->nlinks++];
		doc_rel_parse(stmt_col_text(st, 0), &l->rel);
		l->doc_id = stmt_col_int64(st, 1);
		l->number = stmt_col_dup(st, 2, a);
		l->title = stmt_col_dup(st, 3, a);
		l->incoming = stmt_col_int64(st, 4) != 0;
	}
	stmt_done(st);
	return e;
}

static struct query Q_FIND = { "SELECT id FROM doc WHERE number = $1 ORDER BY doc_date DESC, id DESC LIMIT 1", NULL,
			       0 };

enum app_err directive_find(struct store *s, const char *number, int64_t *id)
{
	struct docnum n;
	enum docnum_reason why;
	struct stmt *st;
	enum app_err e;

	*id = 0;
	if (!number || docnum_parse(number, &n, &why) != APP_OK)
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q_FIND)))
		return APP_EDB;
	stmt_bind_text(st, 1, n.canonical);
	e = model_one_int(st, id);
	if (e == APP_OK && !*id)
		e = APP_ENOTFOUND;
	return e;
}

static struct query Q_MAX = { "SELECT MAX(num_n) FROM doc WHERE unit_id = $1 AND num_system = $2 AND num_kind = $3"
			      " AND num_series = $4 AND num_n IS NOT NULL",
			      NULL, 0 };

/* Default issuer abbreviation for a unit kind. */
static const char *default_symbol(const char *unit_kind, enum docnum_system sys)
{
	if (sys == DOCNUM_STATE)
		return "UBND";
	if (strcmp(unit_kind, "city") == 0)
		return "TU";
	if (strcmp(unit_kind, "district") == 0)
		return "HU";
	return "ĐU";
}

enum app_err directive_next_number(struct store *s, const struct next_number_req *r, struct docnum *out,
				   char series[16], const char **why)
{
	char date[11], kind[16], probe[128];
	enum docnum_reason reason;
	struct docnum p;
	const char *w = NULL;
	int64_t unit_id, max = 0;
	struct stmt *st;
	enum app_err e;

	*why = NULL;
	if (r->date) {
		if (!date_parse(r->date, date)) {
			*why = "Ngày văn bản không hợp lệ.";
			return APP_EINVAL;
		}
	} else
		date_today(date);
	e = cz_unit(s, r->unit_code, &unit_id, kind, NULL);
	if (e == APP_ENOTFOUND) {
		*why = "Đơn vị ban hành không tồn tại.";
		return APP_EINVAL;
	}
	if (e != APP_OK)
		return e;
	if (!r->kind || !*r->kind || strlen(r->kind) > 16) {
		*why = "Thiếu loại văn bản.";
		return APP_EINVAL;
	}
	/* Canonical kind and issuer: parse a probe number of the system. */
	const char *sym = r->symbol && *r->symbol ? r->symbol : default_symbol(kind, r->system);
	if (strlen(sym) > 40) {
		*why = "Ký hiệu cơ quan ban hành quá dài.";
		return APP_EINVAL;
	}
	if (r->system == DOCNUM_PARTY)
		snprintf(probe, sizeof(probe), "1-%s/%s", r->kind, sym);
	else
		snprintf(probe, sizeof(probe), "1/%s-%s", r->kind, sym);
	if (docnum_parse(probe, &p, &reason) != APP_OK || p.system != r->system || p.year) {
		*why = p.system != r->system && reason == DOCNUM_R_NONE
			       ? "Ký hiệu cơ quan ban hành không thuộc hệ thống văn bản đã chọn."
			       : docnum_reason_vi(reason);
		if (!*why)
			*why = "Loại văn bản hoặc ký hiệu cơ quan không đọc được.";
		return APP_EINVAL;
	}
	if (!series_of(&p, date, r->term, series, &w)) {
		*why = w;
		return APP_EINVAL;
	}
	if ((e = directive_backfill(s, unit_id, NULL)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_MAX)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, p.system == DOCNUM_PARTY ? "party" : "state");
	stmt_bind_text(st, 3, p.kind);
	stmt_bind_text(st, 4, series);
	if ((e = model_one_int(st, &max)) != APP_OK)
		return e;
	if (max >= 99999) {
		*why = "Đã hết số trong nhiệm kỳ hoặc năm này.";
		return APP_ECONFLICT;
	}
	if (p.system == DOCNUM_PARTY)
		snprintf(probe, sizeof(probe), "%lld-%s/%s", (long long)max + 1, p.kind, p.issuer);
	else
		snprintf(probe, sizeof(probe), "%lld/%s-%s", (long long)max + 1, p.kind, p.issuer);
	if (docnum_parse(probe, out, &reason) != APP_OK) {
		*why = docnum_reason_vi(reason);
		return APP_EINTERNAL;
	}
	return APP_OK;
}

static struct query Q_LIST_FOR = {
	"SELECT d.id, d.unit_id, u.code, u.name, d.number, d.doc_date, d.title, d.period_from, d.period_to,"
	" (SELECT COUNT(*) FROM indicator i WHERE i.doc_id = d.id),"
	" (SELECT COUNT(*) FROM plan p WHERE p.directive_id = d.id)"
	" FROM doc d JOIN unit u ON u.id = d.unit_id"
	" WHERE EXISTS (SELECT 1 FROM indicator i WHERE i.doc_id = d.id)"
	" AND (SELECT s.path FROM unit s WHERE s.id = $1) LIKE '%/' || CAST(d.unit_id AS TEXT) || '/%'"
	" ORDER BY d.doc_date DESC, d.id DESC LIMIT $2",
	NULL, 0
};

static enum app_err list_run(struct store *s, struct query *q, struct arena *a, int64_t unit_id, int limit,
			     struct directive_list *out)
{
	struct stmt *st = store_stmt(s, q);
	size_t cap = 8;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_int64(st, 2, limit <= 0 ? 100 : limit);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct directive_summary *d;
		if (out->n == cap) {
			struct directive_summary *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		d = &out->v[out->n++];
		d->id = stmt_col_int64(st, 0);
		d->unit_id = stmt_col_int64(st, 1);
		d->unit_code = stmt_col_dup(st, 2, a);
		d->unit_name = stmt_col_dup(st, 3, a);
		d->number = stmt_col_dup(st, 4, a);
		d->doc_date = stmt_col_dup(st, 5, a);
		d->title = stmt_col_dup(st, 6, a);
		d->period_from = stmt_col_dup(st, 7, a);
		d->period_to = stmt_col_dup(st, 8, a);
		d->nindicators = stmt_col_int64(st, 9);
		d->nplans = stmt_col_int64(st, 10);
	}
	stmt_done(st);
	return e;
}

enum app_err directive_list_for(struct store *s, struct arena *a, int64_t unit_id, int limit,
				struct directive_list *out)
{
	return list_run(s, &Q_LIST_FOR, a, unit_id, limit, out);
}

static struct query Q_LIST_BARE = {
	"SELECT d.id, d.unit_id, u.code, u.name, d.number, d.doc_date, d.title, d.period_from, d.period_to,"
	" 0, (SELECT COUNT(*) FROM plan p WHERE p.directive_id = d.id)"
	" FROM doc d JOIN unit u ON u.id = d.unit_id"
	" WHERE d.unit_id = $1 AND d.num_system IS NOT NULL"
	" AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.doc_id = d.id)"
	" ORDER BY d.doc_date DESC, d.id DESC LIMIT $2",
	NULL, 0
};

enum app_err directive_list_bare(struct store *s, struct arena *a, int64_t unit_id, int limit,
				 struct directive_list *out)
{
	return list_run(s, &Q_LIST_BARE, a, unit_id, limit, out);
}
