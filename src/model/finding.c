/*
** Findings followed to the end: reading finding rows, remedy reports with
** evidence accepted or returned, a unit's open findings, the accountability
** list of overdue findings per addressee. The rules of inspect.h.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "model/attachment.h"
#include "model/audit.h"
#include "model/model_util.h"
#include "model/inspect.h"
#include "model/unit.h"
#include "store/store.h"
#include "text/text.h"
#include "model/inspect_int.h"

/* ---- reading findings ---- */

static void finding_row(struct stmt *st, struct arena *a, const char *asof, struct finding *f)
{
	f->id = stmt_col_int64(st, 0);
	f->conclusion_id = stmt_col_int64(st, 1);
	f->unit_id = stmt_col_int64(st, 2);
	f->seq = (int)stmt_col_int64(st, 3);
	f->source = stmt_col_dup(st, 4, a);
	f->content = stmt_col_dup(st, 5, a);
	f->cause_kind = stmt_col_dup(st, 6, a);
	f->cause = stmt_col_dup(st, 7, a);
	f->addressee_kind = stmt_col_dup(st, 8, a);
	f->addressee = stmt_col_dup(st, 9, a);
	f->addressee_unit_id = stmt_col_int64(st, 10);
	f->remedy = stmt_col_dup(st, 11, a);
	f->deadline = stmt_col_dup(st, 12, a);
	f->done_date = stmt_col_dup(st, 13, a);
	f->live = stmt_col_int64(st, 14) != 0;
	f->status = task_status_of(f->deadline, f->done_date, asof);
	f->days_overdue = f->status == TS_OVERDUE ? date_days_between(f->deadline, asof) : 0;
}

static bool in_set(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id;
}

enum app_err insp_collect_in(struct stmt *st, struct arena *a, const char *asof, const int64_t *scope, size_t nscope,
			     struct finding_list *out)
{
	size_t cap = 0;
	enum app_err e;
	bool row;

	out->v = NULL;
	out->n = 0;
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (scope && !in_set(scope, nscope, stmt_col_int64(st, 2)))
			continue;
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct finding *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		finding_row(st, a, asof, &out->v[out->n++]);
	}
	stmt_done(st);
	return e;
}

enum app_err insp_collect(struct stmt *st, struct arena *a, const char *asof, struct finding_list *out)
{
	return insp_collect_in(st, a, asof, NULL, 0, out);
}

/* ---- remedy reports ---- */

static struct query Q_FINDING_HEAD = {
	"SELECT unit_id, live, done_date, COALESCE(addressee_unit_id, 0), COALESCE(origin_id, id)"
	" FROM finding WHERE id = $1",
	NULL, 0
};
static struct query Q_REPORT_ADD = {
	"INSERT INTO finding_report (finding_id, unit_id, report_date, text, reported_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	NULL, 0
};
static struct query Q_EVIDENCE_ADD = { "INSERT INTO finding_evidence (report_id, hash, filename) VALUES ($1, $2, $3)"
				       " ON CONFLICT DO NOTHING",
				       NULL, 0 };

struct finding_head {
	int64_t unit_id, addressee_unit_id, root;
	bool live, done;
};

static enum app_err finding_head(struct store *s, int64_t id, struct finding_head *h)
{
	struct stmt *st = store_stmt(s, &Q_FINDING_HEAD);
	bool row = false;
	enum app_err e;

	memset(h, 0, sizeof(*h));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		h->unit_id = stmt_col_int64(st, 0);
		h->live = stmt_col_int64(st, 1) != 0;
		h->done = !stmt_col_null(st, 2);
		h->addressee_unit_id = stmt_col_int64(st, 3);
		h->root = stmt_col_int64(st, 4);
	}
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}

enum app_err finding_report(struct store *s, const struct account *who, int64_t finding_id, const char *report_date,
			    const char *text, const struct evidence_in *ev, size_t nev, int64_t *report_id,
			    const char **why)
{
	struct finding_head h;
	char date[11];
	int64_t rid = 0;
	json_t *files = NULL;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (report_id)
		*report_id = 0;
	if (!model_opt_date(report_date, date) || !date[0]) {
		*why = "Ngày báo cáo phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (model_blank(text) || !model_text_ok(text)) {
		*why = "Thiếu nội dung báo cáo kết quả khắc phục.";
		return APP_EINVAL;
	}
	for (size_t i = 0; i < nev; i++)
		if (model_blank(ev[i].filename) || !model_text_ok(ev[i].filename)) {
			*why = "Thiếu tên tệp minh chứng.";
			return APP_EINVAL;
		}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = finding_head(s, finding_id, &h)) != APP_OK) {
		if (e == APP_ENOTFOUND)
			*why = "Khuyết điểm không tồn tại.";
		goto out;
	}
	/* The inspected unit, or the addressee unit when it is elsewhere in the tree. */
	if ((e = model_may(s, who, h.unit_id, true, why)) == APP_EDENIED && h.addressee_unit_id)
		e = model_may(s, who, h.addressee_unit_id, true, why);
	if (e != APP_OK)
		goto out;
	if (!h.live || h.done) {
		*why = h.done ? "Khuyết điểm này đã được xác nhận khắc phục."
			      : "Khuyết điểm không thuộc kết luận đang có hiệu lực.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_REPORT_ADD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, finding_id);
	stmt_bind_int64(st, 2, h.unit_id);
	stmt_bind_text(st, 3, date);
	stmt_bind_text(st, 4, text);
	stmt_bind_int64(st, 5, who ? who->id : 0);
	stmt_bind_int64(st, 6, time_now());
	e = stmt_step(st, &row);
	rid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	files = json_array();
	for (size_t i = 0; i < nev; i++) {
		char hash[ATTACHMENT_HASH_HEX];
		const char *mime;
		if ((e = attachment_put(s, ev[i].data, ev[i].n, hash, &mime, why)) != APP_OK) {
			if (e == APP_ETOOBIG)
				*why = "Tệp minh chứng vượt quá dung lượng cho phép (20 MiB).";
			goto out;
		}
		if (!(st = store_stmt(s, &Q_EVIDENCE_ADD))) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, rid);
		stmt_bind_text(st, 2, hash);
		stmt_bind_text(st, 3, ev[i].filename);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
		json_array_append_new(files, json_pack("{s:s,s:s}", "hash", hash, "filename", ev[i].filename));
	}
	e = model_audit(s, who, h.unit_id, "finding_report", rid, "create", NULL,
			json_pack("{s:I,s:s,s:s,s:O}", "finding", (json_int_t)finding_id, "report_date", date, "text",
				  text, "evidence", files));
out:
	json_decref(files);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && report_id)
		*report_id = rid;
	return e;
}

static struct query Q_REPORT_HEAD = { "SELECT finding_id, state, report_date FROM finding_report WHERE id = $1", NULL,
				      0 };
static struct query Q_REPORT_DECIDE = {
	"UPDATE finding_report SET state = $2, decided_by = $3, decided_on = $4, reason = $5"
	" WHERE id = $1 AND state = 'submitted'",
	NULL, 0
};
static struct query Q_FINDING_DONE = {
	"UPDATE finding SET done_date = $2 WHERE (id = $1 OR origin_id = $1) AND done_date IS NULL", NULL, 0
};

enum app_err finding_decide(struct store *s, const struct account *who, int64_t report_id, bool accept,
			    const char *decided_on, const char *reason, const char **why)
{
	struct finding_head h;
	char date[11], rdate[11] = "", state[16] = "";
	int64_t fid = 0, ch = 0;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (who && who->role != ROLE_INSPECTOR && who->role != ROLE_ADMIN) {
		*why = "Chỉ kiểm tra viên được xác nhận hoặc trả lại báo cáo khắc phục.";
		return APP_EDENIED;
	}
	if (!model_opt_date(decided_on, date) || !date[0]) {
		*why = "Ngày xác nhận phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (!accept && (model_blank(reason) || !model_text_ok(reason))) {
		*why = "Trả lại báo cáo thì phải ghi lý do.";
		return APP_EINVAL;
	}
	if (reason && !model_text_ok(reason)) {
		*why = "Văn bản không đúng mã UTF-8.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_REPORT_HEAD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, report_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		fid = stmt_col_int64(st, 0);
		snprintf(state, sizeof(state), "%s", stmt_col_text(st, 1));
		snprintf(rdate, sizeof(rdate), "%s", stmt_col_text(st, 2));
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	if (!row) {
		*why = "Báo cáo khắc phục không tồn tại.";
		e = APP_ENOTFOUND;
		goto out;
	}
	if ((e = finding_head(s, fid, &h)) != APP_OK)
		goto out;
	if ((e = model_may(s, who, h.unit_id, true, why)) != APP_OK)
		goto out;
	if (strcmp(state, "submitted")) {
		*why = "Báo cáo này đã được xử lý.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (strcmp(date, rdate) < 0) {
		*why = "Ngày xác nhận trước ngày báo cáo.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_REPORT_DECIDE))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, report_id);
	stmt_bind_text(st, 2, accept ? "accepted" : "returned");
	stmt_bind_int64(st, 3, who ? who->id : 0);
	stmt_bind_text(st, 4, date);
	stmt_bind_text(st, 5, model_blank(reason) ? NULL : reason);
	if ((e = stmt_exec(st, &ch)) != APP_OK)
		goto out;
	if (accept) {
		if (!(st = store_stmt(s, &Q_FINDING_DONE))) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, h.root);
		stmt_bind_text(st, 2, rdate);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
	}
	e = model_audit(s, who, h.unit_id, "finding_report", report_id, accept ? "accept" : "return",
			json_pack("{s:s}", "state", "submitted"),
			json_pack("{s:s,s:I,s:s,s:o,s:o}", "state", accept ? "accepted" : "returned", "finding",
				  (json_int_t)fid, "decided_on", date, "reason",
				  model_jstr(model_blank(reason) ? NULL : reason), "done_date",
				  accept ? json_string(rdate) : json_null()));
out:
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}

/* ---- lists ---- */

static struct query Q_OPEN_UNIT = { "SELECT " FINDING_COLS
				    " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
				    " WHERE f.unit_id = $1 AND f.live = 1 AND (f.done_date IS NULL OR f.done_date > $2)"
				    " ORDER BY f.deadline, f.id",
				    NULL, 0 };

enum app_err finding_open_for_unit(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
				   const char *asof, struct finding_list *out)
{
	char d[11];
	const char *why;
	struct stmt *st;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!model_opt_date(asof, d))
		return APP_EINVAL;
	if (!d[0])
		date_today(d);
	if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_OPEN_UNIT)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, d);
	return insp_collect(st, a, d, out);
}

/* The whole tree; a subtree is filtered in C (a path join over every open finding costs more). */
static struct query Q_OVERDUE = { "SELECT " FINDING_COLS
				  " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
				  " WHERE f.live = 1 AND f.done_date IS NULL AND f.deadline < $1"
				  " UNION ALL SELECT " FINDING_COLS
				  " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
				  " WHERE f.live = 1 AND f.done_date > $1 AND f.deadline < $1",
				  NULL, 0 };
static struct query Q_SUBTREE_IDS = { "SELECT id FROM unit WHERE path LIKE $1 ORDER BY id", NULL, 0 };
static struct query Q_UNIT_PARENT = { "SELECT path, COALESCE(parent_id, 0) FROM unit WHERE id = $1", NULL, 0 };

static int by_addressee(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c = strcmp(a->addressee ? a->addressee : "", b->addressee ? b->addressee : "");
	if (c)
		return c;
	if (a->days_overdue != b->days_overdue)
		return a->days_overdue > b->days_overdue ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

enum app_err finding_accountability(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
				    const char *asof, struct accountability *out)
{
	char d[11];
	char *pattern = NULL;
	int64_t *scope = NULL;
	size_t nscope = 0, scap = 0;
	const char *why;
	struct stmt *st;
	enum app_err e;
	bool row = false, whole = true;

	memset(out, 0, sizeof(*out));
	if (!model_opt_date(asof, d))
		return APP_EINVAL;
	if (!d[0])
		date_today(d);
	if (!unit_id && who)
		unit_id = who->unit_id; /* "everything" is the account's subtree */
	if (unit_id) {
		if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
			return e;
		if (!(st = store_stmt(s, &Q_UNIT_PARENT)))
			return APP_EDB;
		stmt_bind_int64(st, 1, unit_id);
		if ((e = stmt_step(st, &row)) == APP_OK && row) {
			pattern = xasprintf("%s%%", stmt_col_text(st, 0));
			whole = stmt_col_int64(st, 1) == 0; /* the root: no filter */
		}
		stmt_done(st);
		if (e != APP_OK || !row) {
			free(pattern);
			return e != APP_OK ? e : APP_ENOTFOUND;
		}
	}
	if (!whole) {
		if (!(st = store_stmt(s, &Q_SUBTREE_IDS))) {
			free(pattern);
			return APP_EDB;
		}
		stmt_bind_text(st, 1, pattern);
		while ((e = stmt_step(st, &row)) == APP_OK && row) {
			if (nscope == scap) {
				scap = scap ? scap * 2 : 256;
				scope = xrealloc(scope, scap * sizeof(*scope));
			}
			scope[nscope++] = stmt_col_int64(st, 0);
		}
		stmt_done(st);
		if (e != APP_OK) {
			free(pattern);
			free(scope);
			return e;
		}
	}
	free(pattern);
	if (!(st = store_stmt(s, &Q_OVERDUE))) {
		free(scope);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, d);
	e = insp_collect_in(st, a, d, whole ? NULL : scope, nscope, &out->list);
	free(scope);
	if (e != APP_OK)
		return e;
	if (out->list.n > 1)
		qsort(out->list.v, out->list.n, sizeof(*out->list.v), by_addressee);
	size_t cap = 0;
	for (size_t i = 0; i < out->list.n; i++) {
		const char *ad = out->list.v[i].addressee ? out->list.v[i].addressee : "";
		struct overdue_group *g = out->ngroups ? &out->groups[out->ngroups - 1] : NULL;
		if (!g || strcmp(g->addressee, ad)) {
			if (out->ngroups == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct overdue_group *ng = arena_alloc(a, ncap * sizeof(*ng));
				if (out->ngroups)
					memcpy(ng, out->groups, out->ngroups * sizeof(*ng));
				out->groups = ng;
				cap = ncap;
			}
			g = &out->groups[out->ngroups++];
			g->addressee = ad;
			g->first = i;
			g->n = 0;
			g->max_days = 0;
		}
		g->n++;
		if (out->list.v[i].days_overdue > g->max_days)
			g->max_days = out->list.v[i].days_overdue;
	}
	return APP_OK;
}
