/*
** Inspections, the annual programme and the teams: the rules of inspect.h
** (conclusions are in conclusion.c, the follow-up of findings in finding.c).
** Each write runs in one transaction with its audit entry.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/attachment.h"
#include "model/audit.h"
#include "model/model_util.h"
#include "model/inspect_int.h"
#include "model/unit.h"
#include "store/store.h"
#include "text/text.h"

static const char *const KIND_CODE[IK_COUNT] = {
	"supervision_regular",  "supervision_thematic", "inspection_thematic",
	"inspection_violation", "inspection_lower",
};
static const char *const KIND_VI[IK_COUNT] = {
	"Giám sát thường xuyên",
	"Giám sát chuyên đề",
	"Kiểm tra chuyên đề",
	"Kiểm tra khi có dấu hiệu vi phạm",
	"Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và tài chính của cấp ủy cấp dưới",
};

const char *insp_kind_code(enum insp_kind k)
{
	return (unsigned)k < IK_COUNT ? KIND_CODE[k] : "?";
}

const char *insp_kind_vi(enum insp_kind k)
{
	return (unsigned)k < IK_COUNT ? KIND_VI[k] : "?";
}

bool insp_kind_parse(const char *code, enum insp_kind *out)
{
	for (int k = 0; code && k < IK_COUNT; k++)
		if (!strcmp(code, KIND_CODE[k])) {
			*out = (enum insp_kind)k;
			return true;
		}
	return false;
}

const char *finding_cause_code(enum finding_cause c)
{
	return c == FC_SUBJECTIVE ? "subjective" : c == FC_OBJECTIVE ? "objective" : NULL;
}

const char *finding_cause_vi(enum finding_cause c)
{
	return c == FC_SUBJECTIVE ? "chủ quan" : c == FC_OBJECTIVE ? "khách quan" : "";
}

/* ---- inspections ---- */

static struct query Q_INSP_ADD = {
	"INSERT INTO inspection (kind, unit_id, year, title, subjects, decision_no, purpose, content, method,"
	" date_from, date_to, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
	" RETURNING id",
	NULL, 0
};

enum app_err inspection_add(struct store *s, const struct account *who, const struct inspection_new *n, int64_t *id,
			    const char **why)
{
	char from[11], to[11];
	int64_t unit_id = 0, nid = 0;
	const char *w = NULL;
	struct stmt *st;
	enum app_err e;
	bool row;

	if (id)
		*id = 0;
	if ((unsigned)n->kind >= IK_COUNT)
		w = "Loại hình kiểm tra, giám sát không hợp lệ.";
	else if (model_blank(n->title))
		w = "Thiếu tên cuộc kiểm tra, giám sát.";
	else if (model_blank(n->target_code))
		w = "Thiếu đơn vị được kiểm tra, giám sát.";
	else if (!model_opt_date(n->date_from, from) || !from[0] || !model_opt_date(n->date_to, to) || !to[0])
		w = "Ngày bắt đầu và ngày kết thúc phải là ngày hợp lệ (dd/mm/yyyy).";
	else if (strcmp(from, to) > 0)
		w = "Ngày kết thúc trước ngày bắt đầu.";
	else if (n->year && (n->year < 1930 || n->year > 2200))
		w = "Năm của chương trình không hợp lệ.";
	else if (!model_text_ok(n->title) || !model_text_ok(n->subjects) || !model_text_ok(n->decision_no) ||
		 !model_text_ok(n->purpose) || !model_text_ok(n->content) || !model_text_ok(n->method))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if ((e = model_unit_id(s, n->target_code, &unit_id)) != APP_OK)
		return e;
	if (!unit_id) {
		*why = "Đơn vị được kiểm tra, giám sát không tồn tại.";
		return APP_EINVAL;
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return e;
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_INSP_ADD))) {
		model_rollback(s);
		return APP_EDB;
	}
	int year = n->year ? n->year : (int)strtol(from, NULL, 10);
	stmt_bind_text(st, 1, insp_kind_code(n->kind));
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_int64(st, 3, year);
	stmt_bind_text(st, 4, n->title);
	stmt_bind_text(st, 5, model_blank(n->subjects) ? NULL : n->subjects);
	stmt_bind_text(st, 6, model_blank(n->decision_no) ? NULL : n->decision_no);
	stmt_bind_text(st, 7, model_blank(n->purpose) ? NULL : n->purpose);
	stmt_bind_text(st, 8, model_blank(n->content) ? NULL : n->content);
	stmt_bind_text(st, 9, model_blank(n->method) ? NULL : n->method);
	stmt_bind_text(st, 10, from);
	stmt_bind_text(st, 11, to);
	stmt_bind_int64(st, 12, n->demo ? 1 : 0);
	stmt_bind_int64(st, 13, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		nid = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "inspection", nid, "create", NULL,
				json_pack("{s:s,s:s,s:i,s:s,s:o,s:s,s:s}", "kind", insp_kind_code(n->kind), "unit",
					  n->target_code, "year", year, "title", n->title, "decision_no",
					  model_jstr(n->decision_no), "date_from", from, "date_to", to));
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_INSP_GET = {
	"SELECT i.id, i.kind, i.unit_id, u.code, u.name, i.year, i.title, i.subjects, i.decision_no, i.purpose,"
	" i.content, i.method, i.date_from, i.date_to, i.state"
	" FROM inspection i JOIN unit u ON u.id = i.unit_id WHERE i.id = $1",
	NULL, 0
};

enum app_err inspection_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
			    struct inspection *out)
{
	struct stmt *st = store_stmt(s, &Q_INSP_GET);
	const char *why;
	enum app_err e;
	bool row = false;

	memset(out, 0, sizeof(*out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		out->id = stmt_col_int64(st, 0);
		if (!insp_kind_parse(stmt_col_text(st, 1), &out->kind))
			e = APP_ECORRUPT;
		out->unit_id = stmt_col_int64(st, 2);
		out->unit_code = stmt_col_dup(st, 3, a);
		out->unit_name = stmt_col_dup(st, 4, a);
		out->year = (int)stmt_col_int64(st, 5);
		out->title = stmt_col_dup(st, 6, a);
		out->subjects = stmt_col_dup(st, 7, a);
		out->decision_no = stmt_col_dup(st, 8, a);
		out->purpose = stmt_col_dup(st, 9, a);
		out->content = stmt_col_dup(st, 10, a);
		out->method = stmt_col_dup(st, 11, a);
		out->date_from = stmt_col_dup(st, 12, a);
		out->date_to = stmt_col_dup(st, 13, a);
		out->state = stmt_col_dup(st, 14, a);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	return model_may(s, who, out->unit_id, false, &why);
}

/* ---- programme and teams ---- */

static struct query Q_UNIT_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };

static const char *const ROLE_CODE[TR_COUNT] = { "leader", "deputy", "member", "secretary" };
static const char *const ROLE_VI[TR_COUNT] = { "Trưởng đoàn", "Phó trưởng đoàn", "Thành viên", "Thư ký" };

const char *team_role_code(enum team_role r)
{
	return (unsigned)r < TR_COUNT ? ROLE_CODE[r] : "?";
}

const char *team_role_vi(enum team_role r)
{
	return (unsigned)r < TR_COUNT ? ROLE_VI[r] : "?";
}

static struct query Q_INSP_DATES = { "SELECT unit_id, date_from, date_to FROM inspection WHERE id = $1", NULL, 0 };
static struct query Q_ACCOUNT_BY_LOGIN = {
	"SELECT a.id, a.unit_id FROM account a WHERE a.login = $1 AND a.disabled = 0", NULL, 0
};
static struct query Q_MEMBER_HAS = { "SELECT COUNT(*) FROM insp_member WHERE inspection_id = $1 AND account_id = $2",
				     NULL, 0 };
static struct query Q_LEADER_HAS = { "SELECT COUNT(*) FROM insp_member WHERE inspection_id = $1 AND role = 'leader'",
				     NULL, 0 };
static struct query Q_MEMBER_OVERLAP = {
	"SELECT COUNT(*) FROM insp_member m JOIN inspection i ON i.id = m.inspection_id"
	" WHERE m.account_id = $1 AND i.id <> $2 AND i.date_from <= $4 AND i.date_to >= $3",
	NULL, 0
};
static struct query Q_MEMBER_ADD = { "INSERT INTO insp_member (inspection_id, account_id, role) VALUES ($1, $2, $3)",
				     NULL, 0 };

enum app_err team_add_member(struct store *s, const struct account *who, int64_t inspection_id, const char *login,
			     enum team_role role, const char **why)
{
	char from[11] = "", to[11] = "";
	int64_t unit_id = 0, acc = 0, acc_unit = 0, n = 0;
	struct stmt *st;
	enum app_err e;
	bool row = false, within = false;

	if ((unsigned)role >= TR_COUNT) {
		*why = "Vai trò trong đoàn không hợp lệ.";
		return APP_EINVAL;
	}
	if (model_blank(login)) {
		*why = "Thiếu tài khoản thành viên đoàn.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_INSP_DATES))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		unit_id = stmt_col_int64(st, 0);
		snprintf(from, sizeof(from), "%s", stmt_col_text(st, 1));
		snprintf(to, sizeof(to), "%s", stmt_col_text(st, 2));
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	if (!row) {
		*why = "Cuộc kiểm tra, giám sát không tồn tại.";
		e = APP_ENOTFOUND;
		goto out;
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_ACCOUNT_BY_LOGIN))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_text(st, 1, login);
	row = false;
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		acc = stmt_col_int64(st, 0);
		acc_unit = stmt_col_int64(st, 1);
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	if (!row) {
		*why = "Tài khoản thành viên đoàn không tồn tại hoặc đã bị khóa.";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = unit_within(s, acc_unit, unit_id, &within)) != APP_OK)
		goto out;
	if (within) {
		*why = "Xung đột lợi ích: thành viên đoàn thuộc chính đơn vị được kiểm tra, giám sát.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_MEMBER_HAS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	stmt_bind_int64(st, 2, acc);
	if ((e = model_one_int(st, &n)) != APP_OK)
		goto out;
	if (n) {
		*why = "Người này đã có trong đoàn.";
		e = APP_EEXIST;
		goto out;
	}
	if (role == TR_LEADER) {
		if (!(st = store_stmt(s, &Q_LEADER_HAS))) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, inspection_id);
		if ((e = model_one_int(st, &n)) != APP_OK)
			goto out;
		if (n) {
			*why = "Đoàn đã có trưởng đoàn.";
			e = APP_EINVAL;
			goto out;
		}
	}
	if (!(st = store_stmt(s, &Q_MEMBER_OVERLAP))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, acc);
	stmt_bind_int64(st, 2, inspection_id);
	stmt_bind_text(st, 3, from);
	stmt_bind_text(st, 4, to);
	if ((e = model_one_int(st, &n)) != APP_OK)
		goto out;
	if (n) {
		*why = "Người này đã tham gia một đoàn khác có thời gian trùng.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_MEMBER_ADD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	stmt_bind_int64(st, 2, acc);
	stmt_bind_text(st, 3, team_role_code(role));
	if ((e = stmt_exec(st, NULL)) != APP_OK)
		goto out;
	e = model_audit(
		s, who, unit_id, "inspection", inspection_id, "team_add", NULL,
		json_pack("{s:s,s:I,s:s}", "login", login, "account", (json_int_t)acc, "role", team_role_code(role)));
out:
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}

static struct query Q_TEAM = {
	"SELECT a.id, a.login, a.display_name, u.name, m.role FROM insp_member m"
	" JOIN account a ON a.id = m.account_id JOIN unit u ON u.id = a.unit_id"
	" WHERE m.inspection_id = $1"
	" ORDER BY CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, a.id",
	NULL, 0
};

enum app_err team_list(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
		       struct team_list *out)
{
	struct inspection in;
	struct stmt *st;
	enum app_err e;
	size_t cap = 0;
	bool row;

	out->v = NULL;
	out->n = 0;
	if ((e = inspection_get(s, a, who, inspection_id, &in)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_TEAM)))
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct team_member *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct team_member *m = &out->v[out->n++];
		m->account_id = stmt_col_int64(st, 0);
		m->login = stmt_col_dup(st, 1, a);
		m->name = stmt_col_dup(st, 2, a);
		m->unit_name = stmt_col_dup(st, 3, a);
		m->role = TR_MEMBER;
		for (int r = 0; r < TR_COUNT; r++)
			if (!strcmp(stmt_col_text(st, 4), ROLE_CODE[r]))
				m->role = (enum team_role)r;
	}
	stmt_done(st);
	return e;
}

static struct query Q_PROGRAMME = { "SELECT i.id FROM inspection i JOIN unit u ON u.id = i.unit_id"
				    " WHERE i.year = $1 AND u.path LIKE $2 ORDER BY i.date_from, i.id",
				    NULL, 0 };

enum app_err programme_list(struct store *s, struct arena *a, const struct account *who, int year, int64_t unit_id,
			    struct inspection_list *out)
{
	char *pattern = NULL;
	const char *why;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	out->v = NULL;
	out->n = 0;
	if (!unit_id && who)
		unit_id = who->unit_id;
	if (unit_id) {
		if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
			return e;
		if (!(st = store_stmt(s, &Q_UNIT_PATH)))
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
	if (!(st = store_stmt(s, &Q_PROGRAMME))) {
		free(pattern);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, year);
	stmt_bind_text(st, 2, pattern);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			int64_t *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (n)
				memcpy(nv, ids, n * sizeof(*nv));
			ids = nv;
			cap = ncap;
		}
		ids[n++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	free(pattern);
	if (e != APP_OK)
		return e;
	out->v = n ? arena_alloc(a, n * sizeof(*out->v)) : NULL;
	for (size_t i = 0; i < n && e == APP_OK; i++)
		e = inspection_get(s, a, NULL, ids[i], &out->v[out->n++]);
	return e;
}

static struct query Q_INSP_UNIT = { "SELECT unit_id FROM inspection WHERE id = $1", NULL, 0 };

enum app_err insp_unit_may(struct store *s, const struct account *who, int64_t inspection_id, bool write,
			   int64_t *unit_id, const char **why)
{
	struct stmt *st = store_stmt(s, &Q_INSP_UNIT);
	enum app_err e;

	*unit_id = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	if ((e = model_one_int(st, unit_id)) != APP_OK)
		return e;
	if (!*unit_id) {
		*why = "Cuộc kiểm tra, giám sát không tồn tại.";
		return APP_ENOTFOUND;
	}
	return model_may(s, who, *unit_id, write, why);
}
