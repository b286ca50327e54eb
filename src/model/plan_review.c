/* Plans: the check against the database, submit, return, accept, and the history from the audit log (plan.h). */
#include "model/plan.h"

#include <jansson.h>

#include "model/audit.h"
#include "model/cascade_int.h"
#include "model/coverage.h"
#include "store/store.h"

static struct query Q_CHECK = {
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN missing <> 0 THEN 1 ELSE 0 END), 0) FROM task WHERE plan_id = $1",
	NULL, 0
};

enum app_err plan_db_check(struct store *s, struct arena *a, int64_t plan_id, bool *ok, const char **summary)
{
	struct plan_head h;
	struct coverage cov;
	struct stmt *st;
	int64_t n = 0, failing = 0;
	bool row;
	enum app_err e;

	*ok = false;
	*summary = NULL;
	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_CHECK)))
		return APP_EDB;
	stmt_bind_int64(st, 1, plan_id);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		n = stmt_col_int64(st, 0);
		failing = stmt_col_int64(st, 1);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if ((e = coverage_unit(s, a, h.directive_id, h.unit_id, &cov, false)) != APP_OK)
		return e;
	*ok = n > 0 && failing == 0 && cov.adopted == cov.applicable && cov.unmeasurable == 0;
	*summary = arena_printf(a,
				"%lld nhiệm vụ, %lld nhiệm vụ còn thiếu yếu tố; chỉ tiêu: %d/%d đã nhận, %d chưa "
				"lượng hóa, %d thấp hơn cấp trên.",
				(long long)n, (long long)failing, cov.adopted, cov.applicable, cov.unmeasurable,
				cov.weaker);
	return APP_OK;
}

/* ---- state changes ---- */

static struct query Q_STATE = {
	"UPDATE plan SET state = $3, override_reason = $4, updated_at = $5 WHERE id = $1 AND state = $2", NULL, 0
};

static enum app_err transition(struct store *s, const struct account *who, int64_t plan_id, const struct plan_head *h,
			       enum plan_state to, const char *action, const char *reason, bool store_reason)
{
	struct stmt *st;
	int64_t changes = 0;
	enum app_err e;

	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_STATE))) {
		e = APP_EDB;
		goto fail;
	}
	stmt_bind_int64(st, 1, plan_id);
	stmt_bind_text(st, 2, plan_state_code(h->state));
	stmt_bind_text(st, 3, plan_state_code(to));
	stmt_bind_text(st, 4, store_reason ? reason : NULL);
	stmt_bind_int64(st, 5, time_now());
	if ((e = stmt_exec(st, &changes)) != APP_OK)
		goto fail;
	if (changes != 1) {
		e = APP_ECONFLICT; /* changed meanwhile */
		goto fail;
	}
	if ((e = plan_audit_state(s, who, plan_id, h->unit_id, action, h->state, to, reason)) != APP_OK)
		goto fail;
	return model_commit(s);
fail:
	model_rollback(s);
	return e;
}

enum app_err plan_submit(struct store *s, const struct account *who, int64_t plan_id, const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	enum app_err e;

	if (!who) {
		w = "Cần tài khoản của đơn vị để gửi kế hoạch.";
		e = APP_EDENIED;
		goto out;
	}
	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK || (e = plan_can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!plan_editable(&h)) {
		w = "Chỉ gửi được kế hoạch đang là dự thảo hoặc bị trả lại.";
		e = APP_ECONFLICT;
		goto out;
	}
	e = transition(s, who, plan_id, &h, PLAN_SUBMITTED, "submit", NULL, false);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

enum app_err plan_return(struct store *s, const struct account *who, int64_t plan_id, const char *reason,
			 const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	char *r = NULL;
	enum app_err e;

	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK || (e = plan_can_review(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (h.state != PLAN_SUBMITTED) {
		w = "Chỉ trả lại được kế hoạch đã gửi.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (!cz_norm(reason, 4000, &r) || !r) {
		w = "Cần ghi lý do trả lại kế hoạch.";
		e = APP_EINVAL;
		goto out;
	}
	e = transition(s, who, plan_id, &h, PLAN_RETURNED, "return", r, false);
out:
	free(r);
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

enum app_err plan_accept(struct store *s, const struct account *who, int64_t plan_id, const char *override_reason,
			 const char **why)
{
	struct plan_head h;
	struct arena a;
	const char *w = NULL, *summary = NULL;
	char *r = NULL;
	bool ok = false;
	enum app_err e;

	arena_init(&a);
	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK || (e = plan_can_review(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (h.state != PLAN_SUBMITTED) {
		w = "Chỉ chấp thuận được kế hoạch đã gửi.";
		e = APP_ECONFLICT;
		goto out;
	}
	if ((e = plan_db_check(s, &a, plan_id, &ok, &summary)) != APP_OK)
		goto out;
	if (!cz_norm(override_reason, 4000, &r)) {
		w = "Lý do không phải UTF-8 hợp lệ.";
		e = APP_EINVAL;
		goto out;
	}
	if (!ok) {
		if (!r) {
			w = "Kế hoạch chưa đạt yêu cầu kiểm tra (thiếu yếu tố \"rõ\" hoặc thiếu chỉ tiêu); "
			    "chỉ chấp thuận khi lãnh đạo ghi rõ lý do.";
			e = APP_ECONFLICT;
			goto out;
		}
		if (who->role != ROLE_LEADER && who->role != ROLE_ADMIN) {
			w = "Chỉ lãnh đạo hoặc quản trị viên được chấp thuận kế hoạch chưa đạt yêu cầu.";
			e = APP_EDENIED;
			goto out;
		}
		e = transition(s, who, plan_id, &h, PLAN_ACCEPTED, "accept_override", r, true);
	} else
		e = transition(s, who, plan_id, &h, PLAN_ACCEPTED, "accept", NULL, false);
out:
	free(r);
	arena_release(&a);
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

static struct query Q_HISTORY = {
	"SELECT a.at, a.action, c.display_name, a.after_json FROM audit a LEFT JOIN account c ON c.id = a.account_id"
	" WHERE a.entity = 'plan' AND a.entity_id = $1 ORDER BY a.seq",
	NULL, 0
};

static const char *action_vi(const char *action)
{
	static const struct {
		const char *code, *vi;
	} A[] = {
		{ "create", "Lập kế hoạch" }, { "import", "Nhập nhiệm vụ từ tệp" },
		{ "submit", "Gửi cấp trên" }, { "return", "Trả lại" },
		{ "accept", "Chấp thuận" },   { "accept_override", "Chấp thuận khi chưa đạt yêu cầu" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(A); i++)
		if (strcmp(action, A[i].code) == 0)
			return A[i].vi;
	return action;
}

enum app_err plan_history(struct store *s, struct arena *a, int64_t plan_id, struct plan_event **v, size_t *n)
{
	struct stmt *st = store_stmt(s, &Q_HISTORY);
	size_t cap = 8;
	bool row;
	enum app_err e;

	*n = 0;
	*v = arena_alloc(a, cap * sizeof(**v));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, plan_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct plan_event *ev;
		const char *after = stmt_col_text(st, 3);
		json_t *j;

		if (*n == cap) {
			struct plan_event *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, *v, cap * sizeof(*nv));
			*v = nv;
			cap *= 2;
		}
		ev = &(*v)[(*n)++];
		memset(ev, 0, sizeof(*ev));
		ev->at = stmt_col_int64(st, 0);
		ev->action = stmt_col_dup(st, 1, a);
		ev->action_vi = action_vi(ev->action ? ev->action : "");
		ev->who = stmt_col_dup(st, 2, a);
		if (after && (j = json_loads(after, 0, NULL))) {
			json_t *r = json_object_get(j, "reason");
			if (json_is_string(r))
				ev->reason = arena_strdup(a, json_string_value(r));
			json_decref(j);
		}
	}
	stmt_done(st);
	return e;
}
