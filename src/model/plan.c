/* Plans and tasks: creation, adoption, tasks, states, import (plan.h). */
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

const char *plan_state_code(enum plan_state s) { return (unsigned)s < PLAN_STATE_COUNT ? STATE_CODE[s] : "?"; }
const char *plan_state_vi(enum plan_state s) { return (unsigned)s < PLAN_STATE_COUNT ? STATE_VI[s] : "?"; }

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
static enum app_err can_edit(struct store *s, const struct account *who, int64_t unit_id, const char **why)
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
static enum app_err can_review(struct store *s, const struct account *who, int64_t unit_id, const char **why)
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

struct plan_head {
	int64_t unit_id, directive_id;
	enum plan_state state;
	char plan_date[11];
	char period_from[11], period_to[11];
};

static struct query Q_HEAD = {
	"SELECT p.unit_id, p.directive_id, p.state, p.plan_date, d.period_from, d.period_to"
	" FROM plan p JOIN doc d ON d.id = p.directive_id WHERE p.id = $1",
	NULL, 0
};

static enum app_err plan_head(struct store *s, int64_t id, struct plan_head *h)
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

static bool editable(const struct plan_head *h)
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
static enum app_err create_row(struct store *s, const struct account *who, const struct plan_new *p,
			       int64_t *id, const char **why)
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
	if ((e = can_edit(s, who, unit_id, why)) != APP_OK)
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

static enum app_err audit_plan(struct store *s, const struct account *who, int64_t plan_id, int64_t unit_id,
			       const char *action, enum plan_state from, enum plan_state to,
			       const char *reason)
{
	json_t *b = json_object(), *a = json_object();
	char *bs, *as;
	struct audit_new en = { .account_id = who ? who->id : 0, .unit_id = unit_id, .entity = "plan",
				.entity_id = plan_id, .action = action };
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

	e = create_row(s, who, p, &nid, &w);
	if (e == APP_OK)
		e = plan_head(s, nid, &h);
	if (e == APP_OK)
		e = audit_plan(s, who, nid, h.unit_id, "create", PLAN_DRAFT, PLAN_DRAFT, NULL);
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
	"INSERT INTO plan_indicator (plan_id, indicator_id, unit_id, local_target) VALUES ($1, $2, $3, $4)",
	NULL, 0
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
	if ((e = plan_head(s, plan_id, &h)) != APP_OK)
		goto out;
	if ((e = can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!editable(&h)) {
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

/* ---- deadlines ---- */

static int roman(const char *s, size_t n)
{
	static const char *const R[] = { "I", "II", "III", "IV" };
	for (int i = 0; i < 4; i++)
		if (strlen(R[i]) == n && strncasecmp(s, R[i], n) == 0)
			return i + 1;
	return 0;
}

static int month_days(int y, int m)
{
	static const int D[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return D[m - 1];
}

int plan_deadline_parse(const char *text, char out[11])
{
	char *f;
	int rc = 0;

	if (!text || !*text)
		return 0;
	f = text_fold(text, strlen(text));
	if (!f)
		return 0;
	/* yyyy-mm-dd anywhere */
	for (const char *p = f; *p && rc == 0; p++) {
		int d, m, y, len = 0;
		if (!isdigit((unsigned char)*p) || (p > f && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%4d-%2d-%2d%n", &y, &m, &d, &len) == 3 && len == 10 && y >= 1900 && y <= 2200) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
			rc = date_parse(buf, out) ? 1 : -1;
		}
	}
	/* d/m/yyyy anywhere (the first one) */
	for (const char *p = f; *p && rc == 0; p++) {
		int d, m, y, len = 0;
		if (!isdigit((unsigned char)*p) || (p > f && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%2d/%2d/%4d%n", &d, &m, &y, &len) == 3 ||
		    sscanf(p, "%2d-%2d-%4d%n", &d, &m, &y, &len) == 3) {
			char buf[16];
			if (y < 1900 || y > 2200)
				continue;
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
			rc = date_parse(buf, out) && m >= 1 && m <= 12 ? 1 : -1;
		}
	}
	/* quý II/2022, quy 2/2022, quý II năm 2022 */
	for (const char *p = strstr(f, "quy "); p && rc == 0; p = strstr(p + 1, "quy ")) {
		const char *q = p + 4;
		size_t n = strspn(q, "IViv1234");
		int qn = roman(q, n), y = 0;
		if (!qn && n == 1 && *q >= '1' && *q <= '4')
			qn = *q - '0';
		if (qn && (sscanf(q + n, "/%4d", &y) == 1 || sscanf(q + n, " nam %4d", &y) == 1) && y >= 1900 &&
		    y <= 2200) {
			snprintf(out, 11, "%04d-%02d-%02d", y, qn * 3, month_days(y, qn * 3));
			rc = 1;
		}
	}
	/* tháng 6/2022, 6/2022 */
	for (const char *p = f; *p && rc == 0; p++) {
		int m, y, len = 0;
		if (!isdigit((unsigned char)*p) || (p > f && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%2d/%4d%n", &m, &y, &len) == 2 && len >= 6 && y >= 1900 && y <= 2200 &&
		    !isdigit((unsigned char)p[len])) {
			if (m < 1 || m > 12)
				rc = -1;
			else {
				snprintf(out, 11, "%04d-%02d-%02d", y, m, month_days(y, m));
				rc = 1;
			}
		}
	}
	/* năm 2022 */
	if (rc == 0) {
		const char *p = strstr(f, "nam ");
		int y;
		if (p && sscanf(p + 4, "%4d", &y) == 1 && y >= 1900 && y <= 2200) {
			snprintf(out, 11, "%04d-12-31", y);
			rc = 1;
		}
	}
	free(f);
	return rc;
}

/* ---- tasks ---- */

/* A person rather than a body: "đồng chí ...", "Bí thư ...", "Chủ tịch ...". */
static enum lead_kind lead_kind_of(const char *lead)
{
	static const char *const P[] = { "dong chi", "d/c", "ong ", "ba ", "bi thu", "pho bi thu", "chu tich",
					 "pho chu tich", "truong ban", "pho truong ban", "giam doc", NULL };
	char *f = text_fold(lead, strlen(lead));
	enum lead_kind k = LEAD_UNIT;

	for (const char *const *p = P; f && *p; p++)
		if (strncmp(f, *p, strlen(*p)) == 0)
			k = LEAD_PERSON;
	free(f);
	return k;
}

static struct query Q_TASK_SEQ = { "SELECT COALESCE(MAX(seq), 0) + 1 FROM task WHERE plan_id = $1", NULL, 0 };
static struct query Q_IND_CODE = { "SELECT id FROM indicator WHERE doc_id = $1 AND code = $2", NULL, 0 };
static struct query Q_TASK_ADD = {
	"INSERT INTO task (plan_id, unit_id, seq, number, content, lead_kind, lead_name, lead_unit_id,"
	" cooperate, process, responsibility, result, deadline, indicator_id, done_date, missing)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
	NULL, 0
};

static struct query Q_COOP = { "INSERT INTO task_coop (task_id, unit_id) VALUES ($1, $2)", NULL, 0 };

/* Insert one task of a plan whose head is h (validated here). */
static enum app_err add_task(struct store *s, int64_t plan_id, const struct plan_head *h,
			     const struct task_new *t, int64_t *id, const char **why)
{
	char *f[8] = { 0 };
	const char *in[8] = { t->number, t->content, t->lead, t->cooperate, t->process, t->responsibility,
			      t->result, t->indicator_code };
	char deadline[11] = "", done[11] = "";
	struct plan_task pt;
	struct arena a;
	int64_t seq = 0, ind_id = 0, lead_unit = 0;
	int dl = 0;
	struct stmt *st;
	bool row;
	enum app_err e = APP_EINVAL;

	arena_init(&a);
	*id = 0;
	for (int i = 0; i < 8; i++)
		if (!cz_norm(in[i], i == 1 ? 20000 : 4000, &f[i])) {
			*why = "Nội dung nhiệm vụ quá dài hoặc không phải UTF-8 hợp lệ.";
			goto out;
		}
	memset(&pt, 0, sizeof(pt));
	pt.number = f[0] ? f[0] : "";
	pt.content = f[1] ? f[1] : "";
	pt.lead = f[2];
	pt.cooperate = f[3];
	pt.process = f[4];
	pt.responsibility = f[5];
	pt.result = f[6];
	pt.deadline = t->deadline;
	plan_check_task(&a, &pt);
	if (pt.missing & (1u << PE_SINGLE_LEAD)) {
		*why = "Nhiệm vụ giao cho nhiều đầu mối chủ trì; mỗi việc chỉ một đầu mối (đơn vị hoặc "
		       "người), các đơn vị khác ghi vào cột phối hợp.";
		goto out;
	}
	if (t->deadline && (dl = plan_deadline_parse(t->deadline, deadline)) < 0) {
		*why = "Thời hạn là ngày không có thật.";
		goto out;
	}
	if (dl == 0)
		pt.missing |= 1u << PE_DEADLINE; /* no date the status can be computed from */
	else
		pt.missing &= ~(1u << PE_DEADLINE);
	if (dl > 0 && strcmp(deadline, h->plan_date) < 0) {
		*why = "Thời hạn trước ngày ban hành kế hoạch.";
		goto out;
	}
	if (dl > 0 && ((h->period_to[0] && strcmp(deadline, h->period_to) > 0) ||
		       (h->period_from[0] && strcmp(deadline, h->period_from) < 0))) {
		*why = "Thời hạn nằm ngoài thời kỳ thực hiện của văn bản chỉ đạo.";
		goto out;
	}
	if (t->done_date && !date_parse(t->done_date, done)) {
		*why = "Ngày hoàn thành không hợp lệ.";
		goto out;
	}
	if (f[7]) {
		st = store_stmt(s, &Q_IND_CODE);
		if (st) {
			stmt_bind_int64(st, 1, h->directive_id);
			stmt_bind_text(st, 2, f[7]);
		}
		if ((e = model_one_int(st, &ind_id)) != APP_OK)
			goto out;
		if (!ind_id) {
			*why = "Mã chỉ tiêu không thuộc văn bản chỉ đạo.";
			e = APP_EINVAL;
			goto out;
		}
	}
	if (t->lead_unit_code) {
		e = cz_unit(s, t->lead_unit_code, &lead_unit, NULL, NULL);
		if (e == APP_ENOTFOUND) {
			*why = "Đơn vị chủ trì không tồn tại.";
			e = APP_EINVAL;
		}
		if (e != APP_OK)
			goto out;
	}
	st = store_stmt(s, &Q_TASK_SEQ);
	if (st)
		stmt_bind_int64(st, 1, plan_id);
	if ((e = model_one_int(st, &seq)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_TASK_ADD))) {
		e = APP_EDB;
		goto out;
	}
	{
		char num[24];
		snprintf(num, sizeof(num), "%lld", (long long)seq);
		stmt_bind_int64(st, 1, plan_id);
		stmt_bind_int64(st, 2, h->unit_id);
		stmt_bind_int64(st, 3, seq);
		stmt_bind_text(st, 4, f[0] ? f[0] : num);
		stmt_bind_text(st, 5, f[1] ? f[1] : "");
		stmt_bind_text(st, 6, f[2] ? (lead_kind_of(f[2]) == LEAD_PERSON ? "person" : "unit") : NULL);
		stmt_bind_text(st, 7, f[2]);
		if (lead_unit)
			stmt_bind_int64(st, 8, lead_unit);
		else
			stmt_bind_null(st, 8);
		stmt_bind_text(st, 9, f[3]);
		stmt_bind_text(st, 10, f[4]);
		stmt_bind_text(st, 11, f[5]);
		stmt_bind_text(st, 12, f[6]);
		stmt_bind_text(st, 13, dl > 0 ? deadline : NULL);
		if (ind_id)
			stmt_bind_int64(st, 14, ind_id);
		else
			stmt_bind_null(st, 14);
		stmt_bind_text(st, 15, t->done_date ? done : NULL);
		stmt_bind_int64(st, 16, pt.missing);
	}
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		*id = stmt_col_int64(st, 0);
	stmt_done(st);
	for (const char *const *c = t->coop_unit_codes; e == APP_OK && c && *c; c++) {
		int64_t cu = 0;
		e = cz_unit(s, *c, &cu, NULL, NULL);
		if (e == APP_ENOTFOUND) {
			*why = "Đơn vị phối hợp không tồn tại.";
			e = APP_EINVAL;
		}
		if (e != APP_OK)
			break;
		if (cu == lead_unit) {
			*why = "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.";
			e = APP_EINVAL;
			break;
		}
		st = store_stmt(s, &Q_COOP);
		stmt_bind_int64(st, 1, *id);
		stmt_bind_int64(st, 2, cu);
		e = stmt_exec(st, NULL);
		if (e == APP_EEXIST)
			e = APP_OK; /* named twice */
	}
out:
	for (int i = 0; i < 8; i++)
		free(f[i]);
	arena_release(&a);
	return e;
}

enum app_err plan_add_task(struct store *s, const struct account *who, int64_t plan_id,
			   const struct task_new *t, int64_t *id, const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	int64_t nid = 0;
	enum app_err e;

	if (id)
		*id = 0;
	if ((e = plan_head(s, plan_id, &h)) != APP_OK)
		goto out;
	if ((e = can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!editable(&h)) {
		w = "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.";
		e = APP_ECONFLICT;
		goto out;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	e = add_task(s, plan_id, &h, t, &nid, &w);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_TASK_UNIT = { "SELECT unit_id FROM task WHERE id = $1", NULL, 0 };
static struct query Q_TASK_DONE = { "UPDATE task SET done_date = $2 WHERE id = $1", NULL, 0 };

enum app_err plan_task_done(struct store *s, const struct account *who, int64_t task_id, const char *date,
			    const char **why)
{
	char d[11];
	int64_t unit = 0;
	const char *w = NULL;
	struct stmt *st = store_stmt(s, &Q_TASK_UNIT);
	enum app_err e;

	if (st)
		stmt_bind_int64(st, 1, task_id);
	if ((e = model_one_int(st, &unit)) != APP_OK)
		goto out;
	if (!unit) {
		e = APP_ENOTFOUND;
		goto out;
	}
	if ((e = can_edit(s, who, unit, &w)) != APP_OK)
		goto out;
	if (date && !date_parse(date, d)) {
		w = "Ngày hoàn thành không hợp lệ.";
		e = APP_EINVAL;
		goto out;
	}
	st = store_stmt(s, &Q_TASK_DONE);
	stmt_bind_int64(st, 1, task_id);
	stmt_bind_text(st, 2, date ? d : NULL);
	e = stmt_exec(st, NULL);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

/* ---- import ---- */

enum app_err plan_import(struct store *s, const struct account *who, const struct plan_new *p,
			 const struct idoc *d, int64_t *plan_id, size_t *ntasks,
			 void (*progress)(size_t done, size_t total, void *arg), void *arg,
			 struct plan_import_error *err)
{
	struct plan_report rep;
	struct plan_head h;
	struct arena a;
	const char *w = NULL;
	int64_t pid = 0, tid;
	enum app_err e;

	memset(err, 0, sizeof(*err));
	*plan_id = 0;
	*ntasks = 0;
	arena_init(&a);
	plan_check(d, &a, &rep);
	if (rep.n == 0) {
		snprintf(err->vi, sizeof(err->vi), "Không tìm thấy nhiệm vụ nào trong tệp (không có mục đánh số "
						   "dưới phần nhiệm vụ, không có bảng nhiệm vụ).");
		arena_release(&a);
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK) {
		arena_release(&a);
		return e;
	}
	if ((e = create_row(s, who, p, &pid, &w)) != APP_OK)
		goto fail;
	if ((e = plan_head(s, pid, &h)) != APP_OK)
		goto fail;
	for (size_t i = 0; i < rep.n; i++) {
		const struct plan_task *k = &rep.tasks[i];
		struct task_new t = { .number = k->number, .content = k->content, .lead = k->lead,
				      .cooperate = k->cooperate, .process = k->process,
				      .responsibility = k->responsibility, .result = k->result,
				      .deadline = k->deadline };
		char inl[11];

		/* "... hoàn thành trước ngày 31/12/2022" inside the content: used
		   only when it is a date the plan can have (no refusal on prose). */
		if (!t.deadline && k->content && plan_deadline_parse(k->content, inl) == 1 &&
		    strcmp(inl, h.plan_date) >= 0 && (!h.period_to[0] || strcmp(inl, h.period_to) <= 0))
			t.deadline = inl;

		if ((e = add_task(s, pid, &h, &t, &tid, &w)) != APP_OK) {
			err->row = k->line;
			snprintf(err->task_number, sizeof(err->task_number), "%s", k->number);
			snprintf(err->vi, sizeof(err->vi), "Dòng %zu, nhiệm vụ %s: %s", k->line, k->number,
				 w ? w : app_err_name(e));
			w = NULL;
			goto fail;
		}
		if (progress && (i + 1) % 100 == 0)
			progress(i + 1, rep.n, arg);
	}
	if ((e = audit_plan(s, who, pid, h.unit_id, "import", PLAN_DRAFT, PLAN_DRAFT, NULL)) != APP_OK)
		goto fail;
	if ((e = model_commit(s)) != APP_OK)
		goto done;
	*plan_id = pid;
	*ntasks = rep.n;
	goto done;
fail:
	model_rollback(s);
	if (w && !err->vi[0])
		snprintf(err->vi, sizeof(err->vi), "%s", w);
done:
	arena_release(&a);
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
static struct query Q_SCOPE_LIKE = {
	"SELECT path FROM unit WHERE id = $1", NULL, 0
};

enum app_err plan_list(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id,
		       struct plan_list *out)
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
	free(like);
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
	if ((e = plan_head(s, plan_id, &h)) != APP_OK)
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

static enum app_err transition(struct store *s, const struct account *who, int64_t plan_id,
			       const struct plan_head *h, enum plan_state to, const char *action,
			       const char *reason, bool store_reason)
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
	if ((e = audit_plan(s, who, plan_id, h->unit_id, action, h->state, to, reason)) != APP_OK)
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
	if ((e = plan_head(s, plan_id, &h)) != APP_OK || (e = can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!editable(&h)) {
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

	if ((e = plan_head(s, plan_id, &h)) != APP_OK || (e = can_review(s, who, h.unit_id, &w)) != APP_OK)
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

enum app_err plan_accept(struct store *s, const struct account *who, int64_t plan_id,
			 const char *override_reason, const char **why)
{
	struct plan_head h;
	struct arena a;
	const char *w = NULL, *summary = NULL;
	char *r = NULL;
	bool ok = false;
	enum app_err e;

	arena_init(&a);
	if ((e = plan_head(s, plan_id, &h)) != APP_OK || (e = can_review(s, who, h.unit_id, &w)) != APP_OK)
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
