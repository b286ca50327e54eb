/* The complaints and denunciations register: complaint.h. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/model_util.h"
#include "model/complaint.h"
#include "store/store.h"
#include "text/text.h"

static const char *const KIND_CODE[CK_COUNT] = { "denunciation", "complaint" };
static const char *const KIND_VI[CK_COUNT] = { "Tố cáo", "Khiếu nại" };
static const char *const STATE_CODE[CS_COUNT] = { "open", "resolved", "forwarded", "dismissed" };
static const char *const STATE_VI[CS_COUNT] = { "Đang giải quyết", "Đã giải quyết", "Đã chuyển", "Không thụ lý" };

const char *complaint_kind_code(enum complaint_kind k)
{
	return (unsigned)k < CK_COUNT ? KIND_CODE[k] : "?";
}

const char *complaint_kind_vi(enum complaint_kind k)
{
	return (unsigned)k < CK_COUNT ? KIND_VI[k] : "?";
}

const char *complaint_state_code(enum complaint_state st)
{
	return (unsigned)st < CS_COUNT ? STATE_CODE[st] : "?";
}

const char *complaint_state_vi(enum complaint_state st)
{
	return (unsigned)st < CS_COUNT ? STATE_VI[st] : "?";
}

static struct query Q_PENDING = {
	"SELECT id, unit_id, received FROM complaint WHERE kind = $1 AND rule_id IS NULL AND received >= $2 ORDER BY id",
	NULL, 0
};
static struct query Q_SET_DUE = { "UPDATE complaint SET rule_id = $2, due = $3 WHERE id = $1 AND rule_id IS NULL", NULL,
				  0 };

/* Give the complaints of kind registered without a rule, received from `from` on, their due date from rule. */
static enum app_err apply_rule(struct store *s, const struct account *who, enum complaint_kind kind, const char *from,
			       int64_t rule, int days)
{
	struct pending {
		int64_t id, unit_id;
		char received[11];
	} *v = NULL;
	size_t n = 0, cap = 0;
	struct stmt *st = store_stmt(s, &Q_PENDING);
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, complaint_kind_code(kind));
	stmt_bind_text(st, 2, from);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].id = stmt_col_int64(st, 0);
		v[n].unit_id = stmt_col_int64(st, 1);
		snprintf(v[n].received, sizeof(v[n].received), "%s", stmt_col_text(st, 2));
		n++;
	}
	stmt_done(st);
	for (size_t i = 0; e == APP_OK && i < n; i++) {
		char due[11];
		if (!date_add_days(v[i].received, days, due)) {
			e = APP_EINTERNAL;
			break;
		}
		if (!(st = store_stmt(s, &Q_SET_DUE))) {
			e = APP_EDB;
			break;
		}
		stmt_bind_int64(st, 1, v[i].id);
		stmt_bind_int64(st, 2, rule);
		stmt_bind_text(st, 3, due);
		if ((e = stmt_exec(st, NULL)) == APP_OK)
			e = model_audit(s, who, v[i].unit_id, "complaint", v[i].id, "due",
					json_pack("{s:n,s:n}", "due", "rule"),
					json_pack("{s:s,s:I}", "due", due, "rule", (json_int_t)rule));
	}
	free(v);
	return e;
}

static struct query Q_RULE_SET = { "INSERT INTO complaint_rule (kind, days, source, valid_from, set_by, set_at)"
				   " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
				   NULL, 0 };

enum app_err complaint_rule_set(struct store *s, const struct account *who, enum complaint_kind kind, int days,
				const char *source, const char *valid_from, const char **why)
{
	char from[11];
	struct stmt *st;
	int64_t id = 0;
	bool row = false;
	enum app_err e;

	if (who && who->role != ROLE_ADMIN && who->role != ROLE_INSPECTOR) {
		*why = "Chỉ quản trị viên hoặc kiểm tra viên được khai báo thời hạn giải quyết.";
		return APP_EDENIED;
	}
	if ((unsigned)kind >= CK_COUNT) {
		*why = "Loại đơn không hợp lệ.";
		return APP_EINVAL;
	}
	if (days < 1 || days > 3650) {
		*why = "Thời hạn giải quyết phải từ 1 đến 3.650 ngày.";
		return APP_EINVAL;
	}
	if (model_blank(source) || !model_text_ok(source)) {
		*why = "Phải ghi căn cứ (văn bản quy định thời hạn).";
		return APP_EINVAL;
	}
	if (!valid_from || !date_parse(valid_from, from)) {
		*why = "Ngày áp dụng không hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_RULE_SET)))
		return model_end(s, APP_EDB);
	stmt_bind_text(st, 1, complaint_kind_code(kind));
	stmt_bind_int64(st, 2, days);
	stmt_bind_text(st, 3, source);
	stmt_bind_text(st, 4, from);
	stmt_bind_int64(st, 5, who ? who->id : 0);
	stmt_bind_int64(st, 6, time_now());
	e = stmt_step(st, &row);
	id = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_EEXIST)
		*why = "Đã có quy định thời hạn cho loại đơn này từ ngày đó.";
	if (e == APP_OK)
		e = model_audit(s, who, 0, "complaint_rule", id, "create", NULL,
				json_pack("{s:s,s:i,s:s,s:s}", "kind", complaint_kind_code(kind), "days", days,
					  "source", source, "valid_from", from));
	if (e == APP_OK)
		e = apply_rule(s, who, kind, from, id, days);
	return model_end(s, e);
}

static struct query Q_RULE_IN_FORCE = {
	"SELECT id, days FROM complaint_rule WHERE kind = $1 AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1",
	NULL, 0
};
static struct query Q_UNIT_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };
static struct query Q_ADD = {
	"INSERT INTO complaint (kind, unit_id, received, summary, handler, rule_id, due, demo, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
	NULL, 0
};

enum app_err complaint_add(struct store *s, const struct account *who, const struct complaint_new *n, int64_t *id,
			   const char **why)
{
	char recv[11], due[11];
	int64_t unit_id = 0, rule = 0, days = 0, nid = 0;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	if (id)
		*id = 0;
	if ((unsigned)n->kind >= CK_COUNT) {
		*why = "Loại đơn không hợp lệ.";
		return APP_EINVAL;
	}
	if (!n->received || !date_parse(n->received, recv)) {
		*why = "Ngày nhận đơn không hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (model_blank(n->summary) || model_blank(n->handler) || !model_text_ok(n->summary) ||
	    !model_text_ok(n->handler)) {
		*why = "Thiếu nội dung tóm tắt hoặc người (cơ quan) giải quyết.";
		return APP_EINVAL;
	}
	if (model_blank(n->unit_code)) {
		*why = "Thiếu đơn vị liên quan.";
		return APP_EINVAL;
	}
	if (!(st = store_stmt(s, &Q_UNIT_ID)))
		return APP_EDB;
	stmt_bind_text(st, 1, n->unit_code);
	if ((e = stmt_step(st, &row)) == APP_OK && row)
		unit_id = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!unit_id) {
		*why = "Đơn vị liên quan không tồn tại.";
		return APP_EINVAL;
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return e;
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_RULE_IN_FORCE)))
		return model_end(s, APP_EDB);
	stmt_bind_text(st, 1, complaint_kind_code(n->kind));
	stmt_bind_text(st, 2, recv);
	row = false;
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		rule = stmt_col_int64(st, 0);
		days = stmt_col_int64(st, 1);
	}
	stmt_done(st);
	if (e != APP_OK)
		return model_end(s, e);
	if (!rule && !n->without_rule) {
		*why = "Chưa có quy định thời hạn giải quyết cho loại đơn này vào ngày nhận đơn; Ủy ban Kiểm tra "
		       "cần khai báo quy định (căn cứ, số ngày) trước.";
		return model_end(s, APP_EINVAL);
	}
	if (rule && !date_add_days(recv, (int)days, due)) {
		*why = "Ngày nhận đơn không hợp lệ (dd/mm/yyyy).";
		return model_end(s, APP_EINVAL);
	}
	if (!(st = store_stmt(s, &Q_ADD)))
		return model_end(s, APP_EDB);
	stmt_bind_text(st, 1, complaint_kind_code(n->kind));
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_text(st, 3, recv);
	stmt_bind_text(st, 4, n->summary);
	stmt_bind_text(st, 5, n->handler);
	if (rule) {
		stmt_bind_int64(st, 6, rule);
		stmt_bind_text(st, 7, due);
	} else { /* no rule declared: no due date, never a made-up one */
		stmt_bind_null(st, 6);
		stmt_bind_null(st, 7);
	}
	stmt_bind_int64(st, 8, n->demo ? 1 : 0);
	stmt_bind_int64(st, 9, time_now());
	row = false;
	e = stmt_step(st, &row);
	nid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "complaint", nid, "create", NULL,
				json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "kind", complaint_kind_code(n->kind), "received",
					  recv, "summary", n->summary, "handler", n->handler, "due",
					  rule ? json_string(due) : json_null(), "rule",
					  rule ? json_integer((json_int_t)rule) : json_null()));
	e = model_end(s, e);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_HEAD = { "SELECT unit_id, state, received FROM complaint WHERE id = $1", NULL, 0 };
static struct query Q_CLOSE = {
	"UPDATE complaint SET state = $2, closed_on = $3, outcome = $4 WHERE id = $1 AND state = 'open'", NULL, 0
};

enum app_err complaint_close(struct store *s, const struct account *who, int64_t id, enum complaint_state stt,
			     const char *closed_on, const char *outcome, const char **why)
{
	char d[11], recv[11] = "", state[16] = "";
	int64_t unit_id = 0, ch = 0;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	if (stt == CS_OPEN || (unsigned)stt >= CS_COUNT) {
		*why = "Trạng thái kết thúc không hợp lệ.";
		return APP_EINVAL;
	}
	if (!closed_on || !date_parse(closed_on, d)) {
		*why = "Ngày kết thúc không hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (!model_text_ok(outcome)) {
		*why = "Văn bản không đúng mã UTF-8.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_HEAD)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		unit_id = stmt_col_int64(st, 0);
		snprintf(state, sizeof(state), "%s", stmt_col_text(st, 1));
		snprintf(recv, sizeof(recv), "%s", stmt_col_text(st, 2));
	}
	stmt_done(st);
	if (e != APP_OK)
		return model_end(s, e);
	if (!row) {
		*why = "Đơn không tồn tại.";
		return model_end(s, APP_ENOTFOUND);
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return model_end(s, e);
	if (strcmp(state, "open")) {
		*why = "Đơn này đã kết thúc.";
		return model_end(s, APP_ECONFLICT);
	}
	if (strcmp(d, recv) < 0) {
		*why = "Ngày kết thúc trước ngày nhận đơn.";
		return model_end(s, APP_EINVAL);
	}
	if (!(st = store_stmt(s, &Q_CLOSE)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, id);
	stmt_bind_text(st, 2, complaint_state_code(stt));
	stmt_bind_text(st, 3, d);
	stmt_bind_text(st, 4, model_blank(outcome) ? NULL : outcome);
	e = stmt_exec(st, &ch);
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "complaint", id, "close", json_pack("{s:s}", "state", "open"),
				json_pack("{s:s,s:s,s:o}", "state", complaint_state_code(stt), "closed_on", d,
					  "outcome",
					  outcome && !model_blank(outcome) ? json_string(outcome) : json_null()));
	return model_end(s, e);
}

static struct query Q_UNIT_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };

/* The LIKE pattern of unit_id's subtree (0: who's scope, or all). */
static enum app_err scope_pattern(struct store *s, const struct account *who, int64_t unit_id, char **pattern)
{
	const char *why;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	*pattern = NULL;
	if (!unit_id && who)
		unit_id = who->unit_id;
	if (!unit_id) {
		*pattern = xstrdup("/%");
		return APP_OK;
	}
	if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_UNIT_PATH)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row)
		*pattern = xasprintf("%s%%", stmt_col_text(st, 0));
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}

static struct query Q_LIST = {
	"SELECT c.id, c.kind, c.unit_id, u.name, c.received, c.summary, c.handler, c.due, c.closed_on, c.outcome,"
	" r.source, c.state FROM complaint c JOIN unit u ON u.id = c.unit_id"
	" LEFT JOIN complaint_rule r ON r.id = c.rule_id"
	" WHERE u.path LIKE $1 AND c.received >= $2 AND c.received <= $3 ORDER BY c.received, c.id",
	NULL, 0
};

enum app_err complaint_list(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			    const char *from, const char *to, const char *asof, struct complaint_list *out)
{
	char f[11] = "0000-01-01", t[11] = "9999-12-31", d[11];
	char *pattern = NULL;
	struct stmt *st;
	size_t cap = 0;
	bool row;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if ((from && !date_parse(from, f)) || (to && !date_parse(to, t)))
		return APP_EINVAL;
	if (!asof)
		date_today(d);
	else if (!date_parse(asof, d))
		return APP_EINVAL;
	if ((e = scope_pattern(s, who, unit_id, &pattern)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_LIST))) {
		free(pattern);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, pattern);
	stmt_bind_text(st, 2, f);
	stmt_bind_text(st, 3, t);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct complaint *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct complaint *c = &out->v[out->n++];
		c->id = stmt_col_int64(st, 0);
		c->kind = strcmp(stmt_col_text(st, 1), "complaint") ? CK_DENUNCIATION : CK_COMPLAINT;
		c->unit_id = stmt_col_int64(st, 2);
		c->unit_name = stmt_col_dup(st, 3, a);
		c->received = stmt_col_dup(st, 4, a);
		c->summary = stmt_col_dup(st, 5, a);
		c->handler = stmt_col_dup(st, 6, a);
		c->due = stmt_col_dup(st, 7, a);
		c->closed_on = stmt_col_dup(st, 8, a);
		c->outcome = stmt_col_dup(st, 9, a);
		c->rule_source = stmt_col_dup(st, 10, a);
		c->state = CS_OPEN;
		for (int k = 0; k < CS_COUNT; k++)
			if (!strcmp(stmt_col_text(st, 11), STATE_CODE[k]))
				c->state = (enum complaint_state)k;
		/* Open as of d: not closed, or closed after d. No rule declared: no due date, never overdue. */
		bool open = !c->closed_on || strcmp(c->closed_on, d) > 0;
		const char *end = open ? d : c->closed_on;
		c->no_rule = c->due == NULL;
		c->overdue = !c->no_rule && strcmp(end, c->due) > 0;
		c->days_over = c->overdue ? date_days_between(c->due, end) : 0;
	}
	stmt_done(st);
	free(pattern);
	return e;
}

static struct query Q_COUNTS = {
	"SELECT c.unit_id, COUNT(*),"
	" COALESCE(SUM(CASE WHEN c.closed_on IS NULL OR c.closed_on > $4 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN (c.closed_on IS NULL OR c.closed_on > $4) AND c.due < $4 THEN 1 ELSE 0 END), 0)"
	" FROM complaint c JOIN unit u ON u.id = c.unit_id"
	" WHERE u.path LIKE $1 AND c.received >= $2 AND c.received <= $3 GROUP BY c.unit_id ORDER BY c.unit_id",
	NULL, 0
};

enum app_err complaint_counts(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			      const char *from, const char *to, const char *asof, struct complaint_counts *out)
{
	char f[11] = "0000-01-01", t[11] = "9999-12-31", d[11];
	char *pattern = NULL;
	struct stmt *st;
	size_t cap = 0;
	bool row;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if ((from && !date_parse(from, f)) || (to && !date_parse(to, t)))
		return APP_EINVAL;
	if (!asof)
		date_today(d);
	else if (!date_parse(asof, d))
		return APP_EINVAL;
	if ((e = scope_pattern(s, who, unit_id, &pattern)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_COUNTS))) {
		free(pattern);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, pattern);
	stmt_bind_text(st, 2, f);
	stmt_bind_text(st, 3, t);
	stmt_bind_text(st, 4, d);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct complaint_count *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct complaint_count *c = &out->v[out->n++];
		c->unit_id = stmt_col_int64(st, 0);
		c->total = stmt_col_int64(st, 1);
		c->open = stmt_col_int64(st, 2);
		c->overdue = stmt_col_int64(st, 3);
	}
	stmt_done(st);
	free(pattern);
	return e;
}

const char *complaint_due_vi(struct arena *a, const struct complaint *c)
{
	char out[11];

	if (!c->due || !date_iso_to_vn(c->due, out))
		return COMPLAINT_NO_RULE_VI;
	return arena_strdup(a, out);
}

enum app_err complaint_rule_in_force(struct store *s, struct arena *a, enum complaint_kind kind, const char *date,
				     struct complaint_rule *out)
{
	static struct query Q = {
		"SELECT id, days, source, valid_from FROM complaint_rule WHERE kind = $1 AND valid_from <= $2"
		" ORDER BY valid_from DESC LIMIT 1",
		NULL, 0
	};
	char d[11];
	struct stmt *st;
	bool row = false;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if ((unsigned)kind >= CK_COUNT || !date || !date_parse(date, d))
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q)))
		return APP_EDB;
	stmt_bind_text(st, 1, complaint_kind_code(kind));
	stmt_bind_text(st, 2, d);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		out->id = stmt_col_int64(st, 0);
		out->days = (int)stmt_col_int64(st, 1);
		out->source = stmt_col_dup(st, 2, a);
		out->valid_from = stmt_col_dup(st, 3, a);
	}
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}
