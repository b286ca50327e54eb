/* Plans: creation, adoption of indicators, reading (plan.h); tasks are in plan_task.c, states and history in plan_review.c. */
#include "model/plan.h"

#include <ctype.h>
#include <jansson.h>

#include "model/audit.h"
#include "model/cascade_int.h"
#include "model/coverage.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "store/store.h"
#include "text/text.h"

static const char *const STATE_CODE[PLAN_STATE_COUNT] = { "draft", "submitted", "returned", "accepted" };
static const char *const STATE_VI[PLAN_STATE_COUNT] = { "Dự thảo", "Đã gửi", "Trả lại", "Đã chấp thuận" };

const char *plan_state_code(enum plan_state s)
{
	return (unsigned)s < PLAN_STATE_COUNT ? STATE_CODE[s] : "?";
}
const char *plan_state_vi(enum plan_state s)
{
	return (unsigned)s < PLAN_STATE_COUNT ? STATE_VI[s] : "?";
}

bool plan_state_parse(const char *s, enum plan_state *out)
{
	for (int i = 0; s && i < PLAN_STATE_COUNT; i++)
		if (strcmp(s, STATE_CODE[i]) == 0) {
			*out = (enum plan_state)i;
			return true;
		}
	return false;
}

/* ---- access ---- */

/* May who edit the plans of unit_id? NULL who: the command line. */
enum app_err plan_can_edit(struct store *s, const struct account *who, int64_t unit_id, const char **why)
{
	bool ok = false;
	enum app_err e;

	if (!who)
		return APP_OK;
	if ((e = access_can_write(s, who, unit_id, &ok)) != APP_OK)
		return e;
	if (!ok || (who->unit_id != unit_id && who->role != ROLE_ADMIN)) {
		*why = "Chỉ đơn vị chủ trì kế hoạch được sửa kế hoạch của mình.";
		return APP_EDENIED;
	}
	return APP_OK;
}

/* May who review (return, accept) the plans of unit_id: a writer above it. */
enum app_err plan_can_review(struct store *s, const struct account *who, int64_t unit_id, const char **why)
{
	bool ok = false;
	enum app_err e;

	if (!who) {
		*why = "Cần tài khoản của cấp trên để xem xét kế hoạch.";
		return APP_EDENIED;
	}
	if ((e = access_can_write(s, who, unit_id, &ok)) != APP_OK)
		return e;
	if (!ok || who->unit_id == unit_id) {
		*why = "Chỉ cấp trên của đơn vị được trả lại hoặc chấp thuận kế hoạch.";
		return APP_EDENIED;
	}
	return APP_OK;
}

/* ---- plan rows ---- */

static struct query Q_HEAD = { "SELECT p.unit_id, p.directive_id, p.state, p.plan_date, d.period_from, d.period_to"
			       " FROM plan p JOIN doc d ON d.id = p.directive_id WHERE p.id = $1",
			       NULL, 0 };

enum app_err plan_head_get(struct store *s, int64_t id, struct plan_head *h)
{
	struct stmt *st = store_stmt(s, &Q_HEAD);
	bool row;
	enum app_err e;

	memset(h, 0, sizeof(*h));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		h->unit_id = stmt_col_int64(st, 0);
		h->directive_id = stmt_col_int64(st, 1);
		plan_state_parse(stmt_col_text(st, 2), &h->state);
		snprintf(h->plan_date, 11, "%s", stmt_col_text(st, 3) ? stmt_col_text(st, 3) : "");
		snprintf(h->period_from, 11, "%s", stmt_col_text(st, 4) ? stmt_col_text(st, 4) : "");
		snprintf(h->period_to, 11, "%s", stmt_col_text(st, 5) ? stmt_col_text(st, 5) : "");
	}
	stmt_done(st);
	return e;
}

bool plan_editable(const struct plan_head *h)
{
	return h->state == PLAN_DRAFT || h->state == PLAN_RETURNED;
}

static struct query Q_DIRECTIVE_UNIT = { "SELECT unit_id FROM doc WHERE id = $1", NULL, 0 };
static struct query Q_CREATE = {
	"INSERT INTO plan (unit_id, directive_id, doc_id, title, plan_date, state, demo, created_at, updated_at)"
	" VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $7) RETURNING id",
	NULL, 0
};

/* Validate and insert the plan row (inside the caller's transaction, if any). */
enum app_err plan_create_row(struct store *s, const struct account *who, const struct plan_new *p, int64_t *id,
			     const char **why)
{
	char date[11], kind[16];
	char *title = NULL;
	int64_t unit_id = 0, issuer = 0;
	bool within = false, row;
	struct stmt *st;
	enum app_err e = APP_EINVAL;

	*id = 0;
	if (!p->plan_date || !date_parse(p->plan_date, date)) {
		*why = "Ngày kế hoạch không hợp lệ.";
		return APP_EINVAL;
	}
	if (!cz_norm(p->title, 2000, &title) || !title) {
		*why = "Thiếu trích yếu kế hoạch, hoặc không phải UTF-8 hợp lệ.";
		goto out;
	}
	e = cz_unit(s, p->unit_code, &unit_id, kind, NULL);
	if (e == APP_ENOTFOUND) {
		*why = "Đơn vị không tồn tại.";
		e = APP_EINVAL;
	}
	if (e != APP_OK)
		goto out;
	st = store_stmt(s, &Q_DIRECTIVE_UNIT);
	if (st)
		stmt_bind_int64(st, 1, p->directive_id);
	if ((e = model_one_int(st, &issuer)) != APP_OK)
		goto out;
	if (!issuer) {
		*why = "Văn bản chỉ đạo không tồn tại.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = unit_within(s, unit_id, issuer, &within)) != APP_OK)
		goto out;
	if (!within || unit_id == issuer) {
		*why = "Đơn vị không thuộc phạm vi thực hiện văn bản này (không trực thuộc cơ quan ban hành).";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = plan_can_edit(s, who, unit_id, why)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_CREATE))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_int64(st, 2, p->directive_id);
	if (p->doc_id)
		stmt_bind_int64(st, 3, p->doc_id);
	else
		stmt_bind_null(st, 3);
	stmt_bind_text(st, 4, title);
	stmt_bind_text(st, 5, date);
	stmt_bind_int64(st, 6, p->demo ? 1 : 0);
	stmt_bind_int64(st, 7, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		*id = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_EEXIST)
		*why = "Đơn vị đã có kế hoạch thực hiện văn bản này.";
	else if (e == APP_EINVAL)
		*why = "Văn bản của kế hoạch không tồn tại.";
out:
	free(title);
	return e;
}

enum app_err plan_audit_state(struct store *s, const struct account *who, int64_t plan_id, int64_t unit_id,
			      const char *action, enum plan_state from, enum plan_state to, const char *reason)
{
	json_t *b = json_object(), *a = json_object();
	char *bs, *as;
	struct audit_new en = { .account_id = who ? who->id : 0,
				.unit_id = unit_id,
				.entity = "plan",
				.entity_id = plan_id,
				.action = action };
	enum app_err e;

	json_object_set_new(b, "state", json_string(plan_state_code(from)));
	json_object_set_new(a, "state", json_string(plan_state_code(to)));
	if (reason)
		json_object_set_new(a, "reason", json_string(reason));
	bs = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
	as = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
	en.before = bs;
	en.after = as;
	e = audit_append(s, &en, NULL);
	free(bs);
	free(as);
	json_decref(b);
	json_decref(a);
	return e;
}

enum app_err plan_create(struct store *s, const struct account *who, const struct plan_new *p, int64_t *id,
			 const char **why)
{
	const char *w = NULL;
	int64_t nid = 0;
	enum app_err e;

	if (id)
		*id = 0;
	if ((e = model_begin(s)) != APP_OK)
		return e;
	struct plan_head h;

	e = plan_create_row(s, who, p, &nid, &w);
	if (e == APP_OK)
		e = plan_head_get(s, nid, &h);
	if (e == APP_OK)
		e = plan_audit_state(s, who, nid, h.unit_id, "create", PLAN_DRAFT, PLAN_DRAFT, NULL);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (why)
		*why = e == APP_OK ? NULL : w;
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

/* ---- adoption ---- */

static struct query Q_ADOPT_UP = {
	"UPDATE plan_indicator SET local_target = $3 WHERE plan_id = $1 AND indicator_id = $2", NULL, 0
};
static struct query Q_ADOPT = {
	"INSERT INTO plan_indicator (plan_id, indicator_id, unit_id, local_target) VALUES ($1, $2, $3, $4)", NULL, 0
};

enum app_err plan_adopt(struct store *s, const struct account *who, int64_t plan_id, int64_t indicator_id,
			bool has_target, double local_target, const char **why)
{
	struct plan_head h;
	struct indicator ind;
	struct arena a;
	char kind[16];
	enum unit_kind uk = UNIT_COMMUNE;
	const char *w = NULL;
	struct stmt *st;
	int64_t changes = 0;
	enum app_err e;

	arena_init(&a);
	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK)
		goto out;
	if ((e = plan_can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!plan_editable(&h)) {
		w = "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.";
		e = APP_ECONFLICT;
		goto out;
	}
	e = indicator_get(s, &a, indicator_id, &ind);
	if (e == APP_OK && ind.directive_id != h.directive_id)
		e = APP_ENOTFOUND;
	if (e == APP_ENOTFOUND) {
		w = "Chỉ tiêu không thuộc văn bản mà kế hoạch thực hiện.";
		e = APP_EINVAL;
		goto out;
	}
	if (e != APP_OK || (e = cz_unit_id(s, h.unit_id, kind, NULL, NULL)) != APP_OK)
		goto out;
	unit_kind_parse(kind, &uk);
	if (!indicator_applies(&ind, uk)) {
		w = "Chỉ tiêu không áp dụng cho loại đơn vị này.";
		e = APP_EINVAL;
		goto out;
	}
	if (has_target && strcmp(ind.measure, "%") == 0 && (local_target < 0 || local_target > 100)) {
		w = "Chỉ tiêu tính bằng % phải nằm trong khoảng 0–100.";
		e = APP_EINVAL;
		goto out;
	}
	st = store_stmt(s, &Q_ADOPT_UP);
	stmt_bind_int64(st, 1, plan_id);
	stmt_bind_int64(st, 2, indicator_id);
	if (has_target)
		stmt_bind_double(st, 3, local_target);
	else
		stmt_bind_null(st, 3);
	if ((e = stmt_exec(st, &changes)) != APP_OK || changes)
		goto out;
	st = store_stmt(s, &Q_ADOPT);
	stmt_bind_int64(st, 1, plan_id);
	stmt_bind_int64(st, 2, indicator_id);
	stmt_bind_int64(st, 3, h.unit_id);
	if (has_target)
		stmt_bind_double(st, 4, local_target);
	else
		stmt_bind_null(st, 4);
	e = stmt_exec(st, NULL);
out:
	arena_release(&a);
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

static struct query Q_UNADOPT = { "DELETE FROM plan_indicator WHERE plan_id = $1 AND indicator_id = $2", NULL, 0 };

enum app_err plan_unadopt(struct store *s, const struct account *who, int64_t plan_id, int64_t indicator_id,
			  const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	struct stmt *st;
	enum app_err e;

	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK)
		goto out;
	if ((e = plan_can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!plan_editable(&h)) {
		w = "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_UNADOPT))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, plan_id);
	stmt_bind_int64(st, 2, indicator_id);
	e = stmt_exec(st, NULL);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

/* ---- reading ---- */

static struct query Q_GET = {
	"SELECT p.id, p.unit_id, p.directive_id, u.code, u.name, p.title, p.plan_date, d.number, d.title,"
	" p.state, p.override_reason, pd.number FROM plan p JOIN unit u ON u.id = p.unit_id"
	" JOIN doc d ON d.id = p.directive_id LEFT JOIN doc pd ON pd.id = p.doc_id WHERE p.id = $1",
	NULL, 0
};
static struct query Q_TASKS = {
	"SELECT t.id, t.number, t.content, t.lead_name, t.cooperate, t.process, t.responsibility, t.result,"
	" t.deadline, t.done_date, t.lead_kind, i.code, t.missing"
	" FROM task t LEFT JOIN indicator i ON i.id = t.indicator_id WHERE t.plan_id = $1 ORDER BY t.seq",
	NULL, 0
};

enum app_err plan_get(struct store *s, struct arena *a, int64_t id, struct plan *out)
{
	struct stmt *st = store_stmt(s, &Q_GET);
	size_t cap = 16;
	bool row;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		out->id = stmt_col_int64(st, 0);
		out->unit_id = stmt_col_int64(st, 1);
		out->directive_id = stmt_col_int64(st, 2);
		out->unit_code = stmt_col_dup(st, 3, a);
		out->unit_name = stmt_col_dup(st, 4, a);
		out->title = stmt_col_dup(st, 5, a);
		out->plan_date = stmt_col_dup(st, 6, a);
		out->directive_number = stmt_col_dup(st, 7, a);
		out->directive_title = stmt_col_dup(st, 8, a);
		plan_state_parse(stmt_col_text(st, 9), &out->state);
		out->override_reason = stmt_col_dup(st, 10, a);
		out->number = stmt_col_dup(st, 11, a);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_TASKS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	out->tasks = arena_alloc(a, cap * sizeof(*out->tasks));
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct plan_task_row *t;
		const char *lk;

		if (out->ntasks == cap) {
			struct plan_task_row *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->tasks, cap * sizeof(*nv));
			out->tasks = nv;
			cap *= 2;
		}
		t = &out->tasks[out->ntasks++];
		t->id = stmt_col_int64(st, 0);
		t->number = stmt_col_dup(st, 1, a);
		t->content = stmt_col_dup(st, 2, a);
		t->lead = stmt_col_dup(st, 3, a);
		t->cooperate = stmt_col_dup(st, 4, a);
		t->process = stmt_col_dup(st, 5, a);
		t->responsibility = stmt_col_dup(st, 6, a);
		t->result = stmt_col_dup(st, 7, a);
		t->deadline = stmt_col_dup(st, 8, a);
		t->done_date = stmt_col_dup(st, 9, a);
		lk = stmt_col_text(st, 10);
		t->lead_kind = lk && strcmp(lk, "person") == 0 ? LEAD_PERSON : LEAD_UNIT;
		t->indicator_code = stmt_col_dup(st, 11, a);
		t->missing = (unsigned)stmt_col_int64(st, 12);
		if (t->missing)
			out->ntasks_failing++;
	}
	stmt_done(st);
	return e;
}

static struct query Q_LIST_ALL = {
	"SELECT p.id, p.unit_id, u.code, u.name, p.title, p.plan_date, p.state,"
	" (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id),"
	" (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id AND t.missing <> 0)"
	" FROM plan p JOIN unit u ON u.id = p.unit_id WHERE p.directive_id = $1 AND u.path LIKE $2"
	" ORDER BY u.sort_key",
	NULL, 0
};
static struct query Q_SCOPE_LIKE = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };

static enum app_err list_rows(struct stmt *st, struct arena *a, struct plan_list *out);

enum app_err plan_list(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id, struct plan_list *out)
{
	struct stmt *st;
	char *like = xstrdup("/%");
	size_t cap = 16;
	bool row;
	enum app_err e = APP_OK;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	if (scope_id) {
		if (!(st = store_stmt(s, &Q_SCOPE_LIKE))) {
			free(like);
			return APP_EDB;
		}
		stmt_bind_int64(st, 1, scope_id);
		e = stmt_step(st, &row);
		if (e == APP_OK && !row)
			e = APP_ENOTFOUND;
		if (e == APP_OK) {
			free(like);
			like = xasprintf("%s%%", stmt_col_text(st, 0) ? stmt_col_text(st, 0) : "");
		}
		stmt_done(st);
		if (e != APP_OK) {
			free(like);
			return e;
		}
	}
	if (!(st = store_stmt(s, &Q_LIST_ALL))) {
		free(like);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, directive_id);
	stmt_bind_text(st, 2, like);
	e = list_rows(st, a, out);
	free(like);
	return e;
}

static struct query Q_LIST_KIDS = {
	"SELECT p.id, p.unit_id, u.code, u.name, p.title, p.plan_date, p.state,"
	" (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id),"
	" (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id AND t.missing <> 0)"
	" FROM unit u JOIN plan p ON p.unit_id = u.id AND p.directive_id = $1 WHERE u.parent_id = $2"
	" ORDER BY u.sort_key",
	NULL, 0
};

enum app_err plan_list_children(struct store *s, struct arena *a, int64_t directive_id, int64_t parent_id,
				struct plan_list *out)
{
	struct stmt *st = store_stmt(s, &Q_LIST_KIDS);

	out->n = 0;
	out->v = arena_alloc(a, 16 * sizeof(*out->v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, directive_id);
	stmt_bind_int64(st, 2, parent_id);
	return list_rows(st, a, out);
}

/* Read the rows of a plan list statement (Q_LIST_ALL's columns) into out (16 slots allocated). */
static enum app_err list_rows(struct stmt *st, struct arena *a, struct plan_list *out)
{
	size_t cap = 16;
	bool row;
	enum app_err e;

	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct plan_summary *p;
		if (out->n == cap) {
			struct plan_summary *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		p = &out->v[out->n++];
		p->id = stmt_col_int64(st, 0);
		p->unit_id = stmt_col_int64(st, 1);
		p->unit_code = stmt_col_dup(st, 2, a);
		p->unit_name = stmt_col_dup(st, 3, a);
		p->title = stmt_col_dup(st, 4, a);
		p->plan_date = stmt_col_dup(st, 5, a);
		plan_state_parse(stmt_col_text(st, 6), &p->state);
		p->ntasks = stmt_col_int64(st, 7);
		p->ntasks_failing = stmt_col_int64(st, 8);
	}
	stmt_done(st);
	return e;
}

static struct query Q_COOP_LIST = {
	"SELECT c.unit_id FROM task_coop c JOIN unit u ON u.id = c.unit_id WHERE c.task_id = $1 ORDER BY u.sort_key",
	NULL, 0
};

enum app_err plan_task_coop(struct store *s, struct arena *a, int64_t task_id, int64_t **ids, size_t *n)
{
	struct stmt *st = store_stmt(s, &Q_COOP_LIST);
	size_t cap = 8;
	bool row;
	enum app_err e;

	*n = 0;
	*ids = arena_alloc(a, cap * sizeof(**ids));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, task_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (*n == cap) {
			int64_t *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, *ids, cap * sizeof(*nv));
			*ids = nv;
			cap *= 2;
		}
		(*ids)[(*n)++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	return e;
}

static struct query Q_FIND = { "SELECT id FROM plan WHERE unit_id = $1 AND directive_id = $2", NULL, 0 };

enum app_err plan_find(struct store *s, int64_t unit_id, int64_t directive_id, int64_t *id)
{
	struct stmt *st = store_stmt(s, &Q_FIND);
	enum app_err e;

	if (st) {
		stmt_bind_int64(st, 1, unit_id);
		stmt_bind_int64(st, 2, directive_id);
	}
	e = model_one_int(st, id);
	return e == APP_OK && !*id ? APP_ENOTFOUND : e;
}
