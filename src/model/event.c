/* Events: dated journal lines per unit, listed on the unit page. */
#include "model/event.h"
#include "model/model_util.h"

#include "store/store.h"
#include "text/text.h"

static const struct {
	const char *code, *vi;
} CATEGORIES[] = {
	{ "inspection", "Kiểm tra, giám sát" },
	{ "review", "Sơ kết, tổng kết, kiểm điểm" },
	{ "indicator", "Chỉ tiêu, kết quả" },
	{ "programme", "Chương trình, kế hoạch" },
	{ "meeting", "Hội nghị, làm việc" },
	{ "organisation", "Tổ chức bộ máy" },
	{ "other", "Khác" },
};

const char *event_category_vi(const char *category)
{
	for (size_t i = 0; category && i < ARRAY_SIZE(CATEGORIES); i++)
		if (strcmp(category, CATEGORIES[i].code) == 0)
			return CATEGORIES[i].vi;
	return "Khác";
}

static bool category_known(const char *c)
{
	for (size_t i = 0; c && i < ARRAY_SIZE(CATEGORIES); i++)
		if (strcmp(c, CATEGORIES[i].code) == 0)
			return true;
	return false;
}

static struct query Q_ADD = {
	"INSERT INTO event (unit_id, event_date, category, title, detail, source, demo, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
	NULL, 0
};

enum app_err event_add(struct store *s, const struct event_new *ev, int64_t *id, const char **why)
{
	char date[11], *title = NULL, *detail = NULL, *source = NULL;
	const char *cat = ev->category ? ev->category : "other";
	int64_t unit_id = 0;
	struct stmt *st;
	bool row;
	enum app_err e = APP_EINVAL;

	if (id)
		*id = 0;
	if (why)
		*why = NULL;
	if (!ev->event_date || !date_parse(ev->event_date, date)) {
		if (why)
			*why = "Ngày không hợp lệ.";
		return APP_EINVAL;
	}
	if (!category_known(cat)) {
		if (why)
			*why = "Loại sự kiện không hợp lệ.";
		return APP_EINVAL;
	}
	if (!ev->title || !*ev->title || !model_nfc_opt(ev->title, 2000, &title) ||
	    !model_nfc_opt(ev->detail, 1 << 20, &detail) || !model_nfc_opt(ev->source, 2000, &source)) {
		if (why)
			*why = "Nội dung trống, quá dài hoặc không phải UTF-8 hợp lệ.";
		goto out;
	}
	if ((e = model_unit_id(s, ev->unit_code ? ev->unit_code : "", &unit_id)) != APP_OK)
		goto out;
	if (!unit_id) {
		if (why)
			*why = "Đơn vị không tồn tại.";
		e = APP_EINVAL;
		goto out;
	}
	st = store_stmt(s, &Q_ADD);
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, date);
	stmt_bind_text(st, 3, cat);
	stmt_bind_text(st, 4, title);
	stmt_bind_text(st, 5, detail);
	stmt_bind_text(st, 6, source);
	stmt_bind_int64(st, 7, ev->demo ? 1 : 0);
	stmt_bind_int64(st, 8, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row && id)
		*id = stmt_col_int64(st, 0);
	stmt_done(st);
out:
	free(title);
	free(detail);
	free(source);
	return e;
}

static struct query Q_LIST = {
	"SELECT e.id, e.unit_id, u.code, u.name, e.event_date, e.category, e.title, e.detail, e.source,"
	" e.demo FROM event e JOIN unit u ON u.id = e.unit_id"
	" WHERE e.unit_id = $1 OR e.unit_id IN (SELECT old_id FROM unit_successor WHERE new_id = $1)"
	" OR e.unit_id IN (SELECT id FROM unit WHERE successor_id = $1)"
	" ORDER BY e.event_date DESC, e.id DESC LIMIT $2",
	NULL, 0
};

enum app_err event_list_for_unit(struct store *s, struct arena *a, int64_t unit_id, int limit, struct event_list *out)
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
		struct event *v;
		if (out->n == cap) {
			struct event *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		v = &out->v[out->n++];
		v->id = stmt_col_int64(st, 0);
		v->unit_id = stmt_col_int64(st, 1);
		v->unit_code = stmt_col_dup(st, 2, a);
		v->unit_name = stmt_col_dup(st, 3, a);
		v->event_date = stmt_col_dup(st, 4, a);
		v->category = stmt_col_dup(st, 5, a);
		v->title = stmt_col_dup(st, 6, a);
		v->detail = stmt_col_dup(st, 7, a);
		v->source = stmt_col_dup(st, 8, a);
		v->demo = stmt_col_int64(st, 9) != 0;
	}
	stmt_done(st);
	return e;
}
