/* Documents: the record the unit page lists; later issues extend it. */
#include "model/doc.h"
#include "model/model_util.h"

#include "store/store.h"
#include "text/text.h"

#define DOC_COLS "d.id, d.unit_id, u.code, u.name, d.kind, d.number, d.doc_date, d.title, d.source, d.demo"

static void read_doc(struct stmt *st, struct arena *a, struct doc *d)
{
	memset(d, 0, sizeof(*d));
	d->id = stmt_col_int64(st, 0);
	d->unit_id = stmt_col_int64(st, 1);
	d->unit_code = stmt_col_dup(st, 2, a);
	d->unit_name = stmt_col_dup(st, 3, a);
	d->kind = stmt_col_dup(st, 4, a);
	d->number = stmt_col_dup(st, 5, a);
	d->doc_date = stmt_col_dup(st, 6, a);
	d->title = stmt_col_dup(st, 7, a);
	d->source = stmt_col_dup(st, 8, a);
	d->demo = stmt_col_int64(st, 9) != 0;
}

static struct query Q_ADD = { "INSERT INTO doc (unit_id, kind, number, doc_date, title, body, source, demo, created_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
			      NULL, 0 };

enum app_err doc_add(struct store *s, const struct doc_new *d, int64_t *id, const char **why)
{
	char date[11], *kind = NULL, *number = NULL, *title = NULL, *body = NULL, *source = NULL;
	int64_t unit_id = 0;
	struct stmt *st;
	bool row;
	enum app_err e = APP_EINVAL;

	if (id)
		*id = 0;
	if (why)
		*why = NULL;
	if (!d->title || !*d->title || !d->kind || !*d->kind) {
		if (why)
			*why = "Thiếu loại hoặc trích yếu văn bản.";
		return APP_EINVAL;
	}
	if (d->doc_date && !date_parse(d->doc_date, date)) {
		if (why)
			*why = "Ngày văn bản không hợp lệ.";
		return APP_EINVAL;
	}
	if (!model_nfc_opt(d->kind, 32, &kind) || !model_nfc_opt(d->number, 64, &number) ||
	    !model_nfc_opt(d->title, 2000, &title) || !model_nfc_opt(d->body, 8 << 20, &body) ||
	    !model_nfc_opt(d->source, 2000, &source)) {
		if (why)
			*why = "Văn bản quá dài hoặc không phải UTF-8 hợp lệ.";
		goto out;
	}
	if ((e = model_unit_id(s, d->unit_code ? d->unit_code : "", &unit_id)) != APP_OK)
		goto out;
	if (!unit_id) {
		if (why)
			*why = "Đơn vị ban hành không tồn tại.";
		e = APP_EINVAL;
		goto out;
	}
	st = store_stmt(s, &Q_ADD);
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, kind);
	stmt_bind_text(st, 3, number);
	stmt_bind_text(st, 4, d->doc_date ? date : NULL);
	stmt_bind_text(st, 5, title);
	stmt_bind_text(st, 6, body);
	stmt_bind_text(st, 7, source);
	stmt_bind_int64(st, 8, d->demo ? 1 : 0);
	stmt_bind_int64(st, 9, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row && id)
		*id = stmt_col_int64(st, 0);
	stmt_done(st);
out:
	free(kind);
	free(number);
	free(title);
	free(body);
	free(source);
	return e;
}

static struct query Q_GET = { "SELECT " DOC_COLS ", d.body FROM doc d JOIN unit u ON u.id = d.unit_id WHERE d.id = $1",
			      NULL, 0 };

enum app_err doc_get(struct store *s, struct arena *a, int64_t id, struct doc *out)
{
	struct stmt *st = store_stmt(s, &Q_GET);
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		read_doc(st, a, out);
		out->body = stmt_col_dup(st, 10, a);
	}
	stmt_done(st);
	return e;
}

static struct query Q_LIST = {
	"SELECT " DOC_COLS " FROM doc d JOIN unit u ON u.id = d.unit_id WHERE d.unit_id = $1"
	" ORDER BY (CASE WHEN d.doc_date IS NULL THEN 1 ELSE 0 END), d.doc_date DESC, d.id DESC LIMIT $2",
	NULL, 0
};

enum app_err doc_list_for_unit(struct store *s, struct arena *a, int64_t unit_id, int limit, struct doc_list *out)
{
	struct stmt *st = store_stmt(s, &Q_LIST);
	size_t cap = 8;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_int64(st, 2, limit <= 0 ? 100 : limit);
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			struct doc *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		read_doc(st, a, &out->v[out->n++]);
	}
	stmt_done(st);
	return e;
}
