/*
** Conclusions in versions and their findings: create, add findings, issue
** (refused while a finding lacks its cause, addressee, remedy or deadline),
** correct by a new version, read. The rules of inspect.h; each write runs in
** one transaction with its audit entry.
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

/* ---- conclusions ---- */

static struct query Q_CONC_COUNT = { "SELECT COUNT(*) FROM conclusion WHERE inspection_id = $1", NULL, 0 };
static struct query Q_CONC_ADD = {
	"INSERT INTO conclusion (inspection_id, unit_id, version, number, conc_date, commendations, criticisms,"
	" correction_reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
	NULL, 0
};

static enum app_err conc_insert(struct store *s, int64_t insp, int64_t unit_id, int64_t version, const char *number,
				const char *date, const char *comm, const char *crit, const char *reason, int64_t *id)
{
	struct stmt *st = store_stmt(s, &Q_CONC_ADD);
	bool row = false;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, insp);
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_int64(st, 3, version);
	stmt_bind_text(st, 4, model_blank(number) ? NULL : number);
	stmt_bind_text(st, 5, date);
	stmt_bind_text(st, 6, model_blank(comm) ? NULL : comm);
	stmt_bind_text(st, 7, model_blank(crit) ? NULL : crit);
	stmt_bind_text(st, 8, reason);
	stmt_bind_int64(st, 9, time_now());
	e = stmt_step(st, &row);
	*id = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	return e;
}

enum app_err conclusion_create(struct store *s, const struct account *who, int64_t inspection_id, const char *conc_date,
			       const char *number, const char *commendations, const char *criticisms, int64_t *id,
			       const char **why)
{
	char date[11];
	int64_t unit_id = 0, have = 0, nid = 0;
	struct stmt *st;
	enum app_err e;

	if (id)
		*id = 0;
	if (!model_opt_date(conc_date, date) || !date[0]) {
		*why = "Ngày kết luận phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (!model_text_ok(number) || !model_text_ok(commendations) || !model_text_ok(criticisms)) {
		*why = "Văn bản không đúng mã UTF-8.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = insp_unit_may(s, who, inspection_id, true, &unit_id, why)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_CONC_COUNT))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	if ((e = model_one_int(st, &have)) != APP_OK)
		goto out;
	if (have) {
		*why = "Cuộc kiểm tra đã có kết luận; muốn sửa thì lập phiên bản đính chính.";
		e = APP_ECONFLICT;
		goto out;
	}
	if ((e = conc_insert(s, inspection_id, unit_id, 1, number, date, commendations, criticisms, NULL, &nid)) !=
	    APP_OK)
		goto out;
	e = model_audit(s, who, unit_id, "conclusion", nid, "create", NULL,
			json_pack("{s:I,s:i,s:o,s:s,s:o,s:o}", "inspection", (json_int_t)inspection_id, "version", 1,
				  "number", model_jstr(number), "conc_date", date, "commendations",
				  model_jstr(commendations), "criticisms", model_jstr(criticisms)));
out:
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_CONC_HEAD = {
	"SELECT inspection_id, unit_id, version, state, conc_date, number, commendations, criticisms"
	" FROM conclusion WHERE id = $1",
	NULL, 0
};

struct conc_head {
	int64_t inspection_id, unit_id, version;
	char state[16], date[11];
	bool has_text; /* commendations or criticisms */
	char *number;  /* malloc'd or NULL */
};

static enum app_err conc_head(struct store *s, int64_t id, struct conc_head *h)
{
	struct stmt *st = store_stmt(s, &Q_CONC_HEAD);
	bool row = false;
	enum app_err e;

	memset(h, 0, sizeof(*h));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		h->inspection_id = stmt_col_int64(st, 0);
		h->unit_id = stmt_col_int64(st, 1);
		h->version = stmt_col_int64(st, 2);
		snprintf(h->state, sizeof(h->state), "%s", stmt_col_text(st, 3));
		snprintf(h->date, sizeof(h->date), "%s", stmt_col_text(st, 4));
		h->number = stmt_col_null(st, 5) ? NULL : xstrdup(stmt_col_text(st, 5));
		h->has_text = !model_blank(stmt_col_text(st, 6)) || !model_blank(stmt_col_text(st, 7));
	}
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}

static struct query Q_FINDING_ADD = {
	"INSERT INTO finding (source, conclusion_id, unit_id, seq, content, cause_kind, cause, addressee_kind,"
	" addressee_name, addressee_unit_id, remedy, deadline)"
	" VALUES ('inspection', $1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM finding WHERE conclusion_id = $1),"
	" $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, seq",
	NULL, 0
};

enum app_err finding_add(struct store *s, const struct account *who, int64_t conclusion_id, const struct finding_new *f,
			 int64_t *id, const char **why)
{
	char deadline[11];
	int64_t au = 0, nid = 0, seq = 0;
	const char *w = NULL;
	struct conc_head h = { 0 };
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (id)
		*id = 0;
	if (model_blank(f->content))
		w = "Thiếu nội dung khuyết điểm, hạn chế.";
	else if (!model_opt_date(f->deadline, deadline))
		w = "Thời hạn khắc phục không phải ngày hợp lệ (dd/mm/yyyy).";
	else if (!model_blank(f->addressee_unit_code) && !model_blank(f->addressee_person))
		w = "Chỉ ghi một địa chỉ chịu trách nhiệm: hoặc đơn vị, hoặc cá nhân.";
	else if ((unsigned)f->cause_kind > FC_OBJECTIVE)
		w = "Loại nguyên nhân không hợp lệ.";
	else if (!model_text_ok(f->content) || !model_text_ok(f->cause) || !model_text_ok(f->addressee_person) ||
		 !model_text_ok(f->remedy))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if (!model_blank(f->addressee_unit_code)) {
		if ((e = model_unit_id(s, f->addressee_unit_code, &au)) != APP_OK)
			return e;
		if (!au) {
			*why = "Đơn vị chịu trách nhiệm khắc phục không tồn tại.";
			return APP_EINVAL;
		}
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = conc_head(s, conclusion_id, &h)) != APP_OK) {
		if (e == APP_ENOTFOUND)
			*why = "Kết luận không tồn tại.";
		goto out;
	}
	if ((e = model_may(s, who, h.unit_id, true, why)) != APP_OK)
		goto out;
	if (strcmp(h.state, "draft")) {
		*why = "Kết luận đã ban hành không được sửa; hãy lập phiên bản đính chính.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (deadline[0] && strcmp(deadline, h.date) < 0) {
		*why = "Thời hạn khắc phục trước ngày kết luận.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_FINDING_ADD))) {
		e = APP_EDB;
		goto out;
	}
	const char *akind = au ? "unit" : !model_blank(f->addressee_person) ? "person" : NULL;
	stmt_bind_int64(st, 1, conclusion_id);
	stmt_bind_int64(st, 2, h.unit_id);
	stmt_bind_text(st, 3, f->content);
	stmt_bind_text(st, 4, finding_cause_code(f->cause_kind));
	stmt_bind_text(st, 5, model_blank(f->cause) ? NULL : f->cause);
	stmt_bind_text(st, 6, akind);
	stmt_bind_text(st, 7, au ? NULL : model_blank(f->addressee_person) ? NULL : f->addressee_person);
	if (au)
		stmt_bind_int64(st, 8, au);
	else
		stmt_bind_null(st, 8);
	stmt_bind_text(st, 9, model_blank(f->remedy) ? NULL : f->remedy);
	stmt_bind_text(st, 10, deadline[0] ? deadline : NULL);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		nid = stmt_col_int64(st, 0);
		seq = stmt_col_int64(st, 1);
	}
	stmt_done(st);
	if (e == APP_OK)
		e = model_audit(s, who, h.unit_id, "finding", nid, "create", NULL,
				json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "conclusion",
					  (json_int_t)conclusion_id, "seq", (json_int_t)seq, "content", f->content,
					  "cause_kind", model_jstr(finding_cause_code(f->cause_kind)), "cause",
					  model_jstr(f->cause), "addressee_unit",
					  model_jstr(au ? f->addressee_unit_code : NULL), "addressee_person",
					  model_jstr(au ? NULL : f->addressee_person), "remedy", model_jstr(f->remedy),
					  "deadline", model_jstr(deadline[0] ? deadline : NULL)));
out:
	free(h.number);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_FINDINGS_OF = { "SELECT id, seq, content, cause_kind, cause, addressee_kind, remedy, deadline"
				      " FROM finding WHERE conclusion_id = $1 ORDER BY seq",
				      NULL, 0 };
static struct query Q_SUPERSEDE = {
	"UPDATE conclusion SET state = 'superseded' WHERE inspection_id = $1 AND state = 'issued'", NULL, 0
};
static struct query Q_UNLIVE = { "UPDATE finding SET live = 0 WHERE conclusion_id IN"
				 " (SELECT id FROM conclusion WHERE inspection_id = $1 AND id <> $2)",
				 NULL, 0 };
static struct query Q_ISSUE = {
	"UPDATE conclusion SET state = 'issued', issued_at = $2 WHERE id = $1 AND state = 'draft'", NULL, 0
};
static struct query Q_LIVE = { "UPDATE finding SET live = 1 WHERE conclusion_id = $1", NULL, 0 };
static struct query Q_INSP_CONCLUDED = { "UPDATE inspection SET state = 'concluded' WHERE id = $1", NULL, 0 };

/* Check every finding; build their JSON for the audit entry. why is a thread-local buffer. */
static enum app_err check_findings(struct store *s, int64_t conclusion_id, const char *conc_date, json_t *arr,
				   size_t *count, const char **why)
{
	static _Thread_local char buf[256];
	struct stmt *st = store_stmt(s, &Q_FINDINGS_OF);
	const char *missing = NULL;
	enum app_err e;
	bool row;
	int64_t seq = 0;

	*count = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, conclusion_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		const char *dl = stmt_col_text(st, 7);
		seq = stmt_col_int64(st, 1);
		(*count)++;
		if (stmt_col_null(st, 3))
			missing = "thiếu nguyên nhân (chủ quan hay khách quan)";
		else if (model_blank(stmt_col_text(st, 4)))
			missing = "thiếu nội dung nguyên nhân";
		else if (stmt_col_null(st, 5))
			missing = "thiếu địa chỉ chịu trách nhiệm (đơn vị hoặc cá nhân)";
		else if (model_blank(stmt_col_text(st, 6)))
			missing = "thiếu biện pháp khắc phục";
		else if (!dl)
			missing = "thiếu thời hạn khắc phục";
		else if (strcmp(dl, conc_date) < 0)
			missing = "có thời hạn khắc phục trước ngày kết luận";
		if (missing)
			break;
		json_array_append_new(
			arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)stmt_col_int64(st, 0),
				       "seq", (json_int_t)seq, "content", stmt_col_text(st, 2), "cause_kind",
				       stmt_col_text(st, 3), "cause", stmt_col_text(st, 4), "addressee",
				       stmt_col_text(st, 5), "remedy", stmt_col_text(st, 6), "deadline", dl));
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (missing) {
		snprintf(buf, sizeof(buf), "Chưa ban hành được: khuyết điểm số %lld %s.", (long long)seq, missing);
		*why = buf;
		return APP_EINVAL;
	}
	return APP_OK;
}

static enum app_err exec1(struct store *s, struct query *q, int64_t a, int64_t b, int64_t *changes)
{
	struct stmt *st = store_stmt(s, q);
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, a);
	if (b)
		stmt_bind_int64(st, 2, b);
	return stmt_exec(st, changes);
}

enum app_err conclusion_issue(struct store *s, const struct account *who, int64_t conclusion_id, const char **why)
{
	struct conc_head h = { 0 };
	json_t *arr = NULL;
	size_t count = 0;
	int64_t ch = 0;
	enum app_err e;

	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = conc_head(s, conclusion_id, &h)) != APP_OK) {
		if (e == APP_ENOTFOUND)
			*why = "Kết luận không tồn tại.";
		goto out;
	}
	if ((e = model_may(s, who, h.unit_id, true, why)) != APP_OK)
		goto out;
	if (strcmp(h.state, "draft")) {
		*why = "Kết luận này đã ban hành.";
		e = APP_ECONFLICT;
		goto out;
	}
	arr = json_array();
	if ((e = check_findings(s, conclusion_id, h.date, arr, &count, why)) != APP_OK)
		goto out;
	if (!count && !h.has_text) {
		*why = "Chưa ban hành được: kết luận chưa có nội dung (khuyết điểm, biểu dương hoặc phê bình).";
		e = APP_EINVAL;
		goto out;
	}
	if ((e = exec1(s, &Q_SUPERSEDE, h.inspection_id, 0, NULL)) != APP_OK ||
	    (e = exec1(s, &Q_UNLIVE, h.inspection_id, conclusion_id, NULL)) != APP_OK ||
	    (e = exec1(s, &Q_ISSUE, conclusion_id, time_now(), &ch)) != APP_OK ||
	    (e = exec1(s, &Q_LIVE, conclusion_id, 0, NULL)) != APP_OK ||
	    (e = exec1(s, &Q_INSP_CONCLUDED, h.inspection_id, 0, NULL)) != APP_OK)
		goto out;
	if (ch != 1) {
		e = APP_ECONFLICT;
		*why = "Kết luận này đã ban hành.";
		goto out;
	}
	e = model_audit(s, who, h.unit_id, "conclusion", conclusion_id, "issue", json_pack("{s:s}", "state", "draft"),
			json_pack("{s:s,s:I,s:o,s:s,s:O}", "state", "issued", "version", (json_int_t)h.version,
				  "number", model_jstr(h.number), "conc_date", h.date, "findings", arr));
out:
	json_decref(arr);
	free(h.number);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}

static struct query Q_CONC_DRAFTS = { "SELECT COUNT(*) FROM conclusion WHERE inspection_id = $1 AND state = 'draft'",
				      NULL, 0 };
static struct query Q_CONC_MAXV = { "SELECT MAX(version) FROM conclusion WHERE inspection_id = $1", NULL, 0 };
static struct query Q_CONC_TEXTS = { "SELECT commendations, criticisms FROM conclusion WHERE id = $1", NULL, 0 };
static struct query Q_FINDING_COPY = {
	"INSERT INTO finding (source, conclusion_id, unit_id, live, seq, content, cause_kind, cause, addressee_kind,"
	" addressee_name, addressee_unit_id, remedy, deadline, done_date, origin_id)"
	" SELECT source, $2, unit_id, 0, seq, content, cause_kind, cause, addressee_kind, addressee_name,"
	" addressee_unit_id, remedy, deadline, done_date, COALESCE(origin_id, id)"
	" FROM finding WHERE conclusion_id = $1",
	NULL, 0
};

enum app_err conclusion_correct(struct store *s, const struct account *who, int64_t conclusion_id,
				const char *conc_date, const char *reason, int64_t *new_id, const char **why)
{
	struct conc_head h = { 0 };
	char date[11];
	char *comm = NULL, *crit = NULL;
	int64_t drafts = 0, maxv = 0, nid = 0;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (new_id)
		*new_id = 0;
	if (model_blank(reason) || !model_text_ok(reason)) {
		*why = "Phải ghi lý do đính chính.";
		return APP_EINVAL;
	}
	if (!model_opt_date(conc_date, date)) {
		*why = "Ngày kết luận phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = conc_head(s, conclusion_id, &h)) != APP_OK) {
		if (e == APP_ENOTFOUND)
			*why = "Kết luận không tồn tại.";
		goto out;
	}
	if ((e = model_may(s, who, h.unit_id, true, why)) != APP_OK)
		goto out;
	if (strcmp(h.state, "issued")) {
		*why = "Chỉ đính chính được phiên bản kết luận đang có hiệu lực.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_CONC_DRAFTS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, h.inspection_id);
	if ((e = model_one_int(st, &drafts)) != APP_OK)
		goto out;
	if (drafts) {
		*why = "Đã có một bản đính chính đang soạn.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_CONC_MAXV))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, h.inspection_id);
	if ((e = model_one_int(st, &maxv)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_CONC_TEXTS))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, conclusion_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		comm = stmt_col_null(st, 0) ? NULL : xstrdup(stmt_col_text(st, 0));
		crit = stmt_col_null(st, 1) ? NULL : xstrdup(stmt_col_text(st, 1));
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	if ((e = conc_insert(s, h.inspection_id, h.unit_id, maxv + 1, h.number, date[0] ? date : h.date, comm, crit,
			     reason, &nid)) != APP_OK)
		goto out;
	if ((e = exec1(s, &Q_FINDING_COPY, conclusion_id, nid, NULL)) != APP_OK)
		goto out;
	e = model_audit(
		s, who, h.unit_id, "conclusion", nid, "correct",
		json_pack("{s:I,s:I}", "conclusion", (json_int_t)conclusion_id, "version", (json_int_t)h.version),
		json_pack("{s:I,s:s,s:s}", "version", (json_int_t)(maxv + 1), "conc_date", date[0] ? date : h.date,
			  "reason", reason));
out:
	free(comm);
	free(crit);
	free(h.number);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && new_id)
		*new_id = nid;
	return e;
}

static struct query Q_CONC_GET = {
	"SELECT id, inspection_id, unit_id, version, number, conc_date, commendations, criticisms,"
	" correction_reason, state FROM conclusion WHERE id = $1",
	NULL, 0
};
static struct query Q_CONC_FINDINGS = { "SELECT " FINDING_COLS
					" FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
					" WHERE f.conclusion_id = $1 ORDER BY f.seq",
					NULL, 0 };

enum app_err conclusion_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
			    struct conclusion *out)
{
	struct stmt *st = store_stmt(s, &Q_CONC_GET);
	const char *why;
	char today[11];
	enum app_err e;
	bool row = false;

	memset(out, 0, sizeof(*out));
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		out->id = stmt_col_int64(st, 0);
		out->inspection_id = stmt_col_int64(st, 1);
		out->unit_id = stmt_col_int64(st, 2);
		out->version = (int)stmt_col_int64(st, 3);
		out->number = stmt_col_dup(st, 4, a);
		out->conc_date = stmt_col_dup(st, 5, a);
		out->commendations = stmt_col_dup(st, 6, a);
		out->criticisms = stmt_col_dup(st, 7, a);
		out->correction_reason = stmt_col_dup(st, 8, a);
		out->state = stmt_col_dup(st, 9, a);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	if ((e = model_may(s, who, out->unit_id, false, &why)) != APP_OK) {
		memset(out, 0, sizeof(*out));
		return e;
	}
	if (!(st = store_stmt(s, &Q_CONC_FINDINGS)))
		return APP_EDB;
	date_today(today);
	stmt_bind_int64(st, 1, id);
	return insp_collect(st, a, today, &out->findings);
}

static struct query Q_CONC_IDS = { "SELECT id FROM conclusion WHERE inspection_id = $1 ORDER BY version", NULL, 0 };

enum app_err conclusion_versions(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
				 int64_t **ids, size_t *n)
{
	struct inspection in;
	struct stmt *st;
	enum app_err e;
	size_t cap = 0;
	bool row;

	*ids = NULL;
	*n = 0;
	if ((e = inspection_get(s, a, who, inspection_id, &in)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_CONC_IDS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			int64_t *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (*n)
				memcpy(nv, *ids, *n * sizeof(*nv));
			*ids = nv;
			cap = ncap;
		}
		(*ids)[(*n)++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	return e;
}
