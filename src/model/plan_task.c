/* Tasks of a plan: deadlines read from text, adding tasks, marking them done, importing a plan file (plan.h). */
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
	static const char *const P[] = { "dong chi",   "d/c",      "ong ",         "ba ",        "bi thu",
					 "pho bi thu", "chu tich", "pho chu tich", "truong ban", "pho truong ban",
					 "giam doc",   NULL };
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

static struct query Q_TASK_UPD = {
	"UPDATE task SET number = COALESCE($2, number), content = $3, lead_kind = $4, lead_name = $5,"
	" lead_unit_id = $6, cooperate = $7, process = $8, responsibility = $9, result = $10, deadline = $11,"
	" indicator_id = $12, missing = $13 WHERE id = $1",
	NULL, 0
};
static struct query Q_COOP = { "INSERT INTO task_coop (task_id, unit_id) VALUES ($1, $2)", NULL, 0 };
static struct query Q_COOP_DEL = { "DELETE FROM task_coop WHERE task_id = $1", NULL, 0 };

/*
** Insert one task of a plan whose head is h (validated here), or, when
** upd_id is not 0, replace the fields of that task (keeping its number
** when t->number is NULL, and its done date).
*/
static enum app_err add_task(struct store *s, int64_t plan_id, const struct plan_head *h, const struct task_new *t,
			     int64_t upd_id, int64_t *id, const char **why)
{
	char *f[8] = { 0 };
	const char *in[8] = { t->number,  t->content,        t->lead,   t->cooperate,
			      t->process, t->responsibility, t->result, t->indicator_code };
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
	if (upd_id) {
		if (!(st = store_stmt(s, &Q_TASK_UPD))) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, upd_id);
		stmt_bind_text(st, 2, f[0]);
		stmt_bind_text(st, 3, f[1] ? f[1] : "");
		stmt_bind_text(st, 4, f[2] ? (lead_kind_of(f[2]) == LEAD_PERSON ? "person" : "unit") : NULL);
		stmt_bind_text(st, 5, f[2]);
		if (lead_unit)
			stmt_bind_int64(st, 6, lead_unit);
		else
			stmt_bind_null(st, 6);
		stmt_bind_text(st, 7, f[3]);
		stmt_bind_text(st, 8, f[4]);
		stmt_bind_text(st, 9, f[5]);
		stmt_bind_text(st, 10, f[6]);
		stmt_bind_text(st, 11, dl > 0 ? deadline : NULL);
		if (ind_id)
			stmt_bind_int64(st, 12, ind_id);
		else
			stmt_bind_null(st, 12);
		stmt_bind_int64(st, 13, pt.missing);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
		st = store_stmt(s, &Q_COOP_DEL);
		if (!st) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, upd_id);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
		*id = upd_id;
	} else {
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
	}
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

static json_t *task_json(struct store *s, int64_t id);

enum app_err plan_add_task(struct store *s, const struct account *who, int64_t plan_id, const struct task_new *t,
			   int64_t *id, const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	int64_t nid = 0;
	enum app_err e;

	if (id)
		*id = 0;
	if ((e = plan_head_get(s, plan_id, &h)) != APP_OK)
		goto out;
	if ((e = plan_can_edit(s, who, h.unit_id, &w)) != APP_OK)
		goto out;
	if (!plan_editable(&h)) {
		w = "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.";
		e = APP_ECONFLICT;
		goto out;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	e = add_task(s, plan_id, &h, t, 0, &nid, &w);
	if (e == APP_OK)
		e = model_audit(s, who, h.unit_id, "task", nid, "create", NULL, task_json(s, nid));
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

static struct query Q_TASK_ROW = {
	"SELECT number, content, lead_name, cooperate, process, responsibility, result, deadline, done_date,"
	" missing FROM task WHERE id = $1",
	NULL, 0
};

/* The audited fields of a stored task as JSON (a new reference), or NULL when it cannot be read. */
static json_t *task_json(struct store *s, int64_t id)
{
	static const char *const K[] = { "number",         "content", "lead",     "cooperate", "process",
					 "responsibility", "result",  "deadline", "done_date" };
	struct stmt *st = store_stmt(s, &Q_TASK_ROW);
	json_t *o = NULL;
	bool row = false;

	if (!st)
		return NULL;
	stmt_bind_int64(st, 1, id);
	if (stmt_step(st, &row) == APP_OK && row) {
		o = json_object();
		for (int i = 0; i < 9; i++)
			json_object_set_new(o, K[i], model_jstr(stmt_col_text(st, i)));
		json_object_set_new(o, "missing", json_integer(stmt_col_int64(st, 9)));
	}
	stmt_done(st);
	return o;
}

static struct query Q_TASK_PLAN = { "SELECT plan_id FROM task WHERE id = $1", NULL, 0 };
static struct query Q_TASK_DEL = { "DELETE FROM task WHERE id = $1", NULL, 0 };

/* The head of plan_id when who may edit it now and task_id (if not 0) is one of its tasks. */
static enum app_err editable_head(struct store *s, const struct account *who, int64_t plan_id, int64_t task_id,
				  struct plan_head *h, const char **w)
{
	enum app_err e;

	if ((e = plan_head_get(s, plan_id, h)) != APP_OK)
		return e;
	if (task_id) {
		int64_t owner = 0;
		struct stmt *st = store_stmt(s, &Q_TASK_PLAN);

		if (st)
			stmt_bind_int64(st, 1, task_id);
		if ((e = model_one_int(st, &owner)) != APP_OK)
			return e;
		if (owner != plan_id)
			return APP_ENOTFOUND;
	}
	if ((e = plan_can_edit(s, who, h->unit_id, w)) != APP_OK)
		return e;
	if (!plan_editable(h)) {
		*w = "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.";
		return APP_ECONFLICT;
	}
	return APP_OK;
}

enum app_err plan_update_task(struct store *s, const struct account *who, int64_t plan_id, int64_t task_id,
			      const struct task_new *t, const char **why)
{
	struct plan_head h;
	json_t *before;
	const char *w = NULL;
	int64_t nid = 0;
	enum app_err e;

	if ((e = editable_head(s, who, plan_id, task_id, &h, &w)) != APP_OK)
		goto out;
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	before = task_json(s, task_id);
	e = add_task(s, plan_id, &h, t, task_id, &nid, &w);
	if (e == APP_OK)
		e = model_audit(s, who, h.unit_id, "task", task_id, "update", before, task_json(s, task_id));
	else
		json_decref(before);
	e = model_end(s, e);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

enum app_err plan_delete_task(struct store *s, const struct account *who, int64_t plan_id, int64_t task_id,
			      const char **why)
{
	struct plan_head h;
	const char *w = NULL;
	struct stmt *st;
	enum app_err e;

	if ((e = editable_head(s, who, plan_id, task_id, &h, &w)) != APP_OK)
		goto out;
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	e = model_audit(s, who, h.unit_id, "task", task_id, "delete", task_json(s, task_id), NULL);
	if (e != APP_OK)
		;
	else if (!(st = store_stmt(s, &Q_COOP_DEL)))
		e = APP_EDB;
	else {
		stmt_bind_int64(st, 1, task_id);
		e = stmt_exec(st, NULL);
	}
	if (e == APP_OK) {
		if (!(st = store_stmt(s, &Q_TASK_DEL)))
			e = APP_EDB;
		else {
			stmt_bind_int64(st, 1, task_id);
			e = stmt_exec(st, NULL);
		}
	}
	e = model_end(s, e);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
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
	json_t *before;
	enum app_err e;

	if (st)
		stmt_bind_int64(st, 1, task_id);
	if ((e = model_one_int(st, &unit)) != APP_OK)
		goto out;
	if (!unit) {
		e = APP_ENOTFOUND;
		goto out;
	}
	if ((e = plan_can_edit(s, who, unit, &w)) != APP_OK)
		goto out;
	if (date && !date_parse(date, d)) {
		w = "Ngày hoàn thành không hợp lệ.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto out;
	before = task_json(s, task_id);
	if (!(st = store_stmt(s, &Q_TASK_DONE)))
		e = APP_EDB;
	else {
		stmt_bind_int64(st, 1, task_id);
		stmt_bind_text(st, 2, date ? d : NULL);
		e = stmt_exec(st, NULL);
	}
	if (e == APP_OK)
		e = model_audit(s, who, unit, "task", task_id, date ? "done" : "reopen", before, task_json(s, task_id));
	else
		json_decref(before);
	e = model_end(s, e);
out:
	if (why)
		*why = e == APP_OK ? NULL : w;
	return e;
}

/* ---- import ---- */

/* Add the tasks of rep to plan pid (head h) inside the caller's transaction; a bad row fills err. */
static enum app_err import_rows(struct store *s, int64_t pid, const struct plan_head *h, const struct plan_report *rep,
				void (*progress)(size_t done, size_t total, void *arg), void *arg,
				struct plan_import_error *err, const char **wp)
{
	const char *w = NULL;
	int64_t tid;
	enum app_err e = APP_OK;

	for (size_t i = 0; i < rep->n; i++) {
		const struct plan_task *k = &rep->tasks[i];
		struct task_new t = { .number = k->number,
				      .content = k->content,
				      .lead = k->lead,
				      .cooperate = k->cooperate,
				      .process = k->process,
				      .responsibility = k->responsibility,
				      .result = k->result,
				      .deadline = k->deadline };
		char inl[11];

		/* "... hoàn thành trước ngày 31/12/2022" inside the content: used
		   only when it is a date the plan can have (no refusal on prose). */
		if (!t.deadline && k->content && plan_deadline_parse(k->content, inl) == 1 &&
		    strcmp(inl, h->plan_date) >= 0 && (!h->period_to[0] || strcmp(inl, h->period_to) <= 0))
			t.deadline = inl;

		if ((e = add_task(s, pid, h, &t, 0, &tid, &w)) != APP_OK) {
			err->row = k->line;
			snprintf(err->task_number, sizeof(err->task_number), "%s", k->number);
			snprintf(err->vi, sizeof(err->vi), "Dòng %zu, nhiệm vụ %s: %s", k->line, k->number,
				 w ? w : app_err_name(e));
			w = NULL;
			goto out;
		}
		if (progress && (i + 1) % 100 == 0)
			progress(i + 1, rep->n, arg);
	}
out:
	*wp = w;
	return e;
}

enum app_err plan_import(struct store *s, const struct account *who, const struct plan_new *p, const struct idoc *d,
			 int64_t *plan_id, size_t *ntasks, void (*progress)(size_t done, size_t total, void *arg),
			 void *arg, struct plan_import_error *err)
{
	struct plan_report rep;
	struct plan_head h;
	struct arena a;
	const char *w = NULL;
	int64_t pid = 0;
	enum app_err e;

	memset(err, 0, sizeof(*err));
	*plan_id = 0;
	*ntasks = 0;
	arena_init(&a);
	plan_check(d, &a, &rep);
	if (rep.n == 0) {
		snprintf(err->vi, sizeof(err->vi),
			 "Không tìm thấy nhiệm vụ nào trong tệp (không có mục đánh số "
			 "dưới phần nhiệm vụ, không có bảng nhiệm vụ).");
		arena_release(&a);
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK) {
		arena_release(&a);
		return e;
	}
	if ((e = plan_create_row(s, who, p, &pid, &w)) != APP_OK)
		goto fail;
	if ((e = plan_head_get(s, pid, &h)) != APP_OK)
		goto fail;
	if ((e = import_rows(s, pid, &h, &rep, progress, arg, err, &w)) != APP_OK)
		goto fail;
	if ((e = plan_audit_state(s, who, pid, h.unit_id, "import", PLAN_DRAFT, PLAN_DRAFT, NULL)) != APP_OK)
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

enum app_err plan_import_tasks(struct store *s, const struct account *who, int64_t plan_id, const struct idoc *d,
			       size_t *ntasks, struct plan_import_error *err)
{
	struct plan_report rep;
	struct plan_head h;
	struct arena a;
	const char *w = NULL;
	enum app_err e;

	memset(err, 0, sizeof(*err));
	*ntasks = 0;
	arena_init(&a);
	if ((e = editable_head(s, who, plan_id, 0, &h, &w)) != APP_OK)
		goto done;
	plan_check(d, &a, &rep);
	if (rep.n == 0) {
		snprintf(err->vi, sizeof(err->vi),
			 "Không tìm thấy nhiệm vụ nào trong tệp (không có mục đánh số "
			 "dưới phần nhiệm vụ, không có bảng nhiệm vụ).");
		e = APP_EINVAL;
		goto done;
	}
	if ((e = model_begin(s)) != APP_OK)
		goto done;
	e = import_rows(s, plan_id, &h, &rep, NULL, NULL, err, &w);
	if (e == APP_OK)
		e = plan_audit_state(s, who, plan_id, h.unit_id, "import", h.state, h.state, NULL);
	e = model_end(s, e);
	if (e == APP_OK)
		*ntasks = rep.n;
done:
	if (e != APP_OK && w && !err->vi[0])
		snprintf(err->vi, sizeof(err->vi), "%s", w);
	arena_release(&a);
	return e;
}
