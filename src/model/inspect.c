/*
** Inspections, conclusions in versions, findings, remedy reports: the rules
** of inspect.h. Each write runs in one transaction with its audit entry.
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

static const char *const KIND_CODE[IK_COUNT] = {
	"supervision_regular", "supervision_thematic", "inspection_thematic", "inspection_violation",
	"inspection_lower",
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

/* ---- helpers ---- */

/* Optional date: NULL/blank gives out[0] = 0; false when given but not a real date. */
static bool opt_date(const char *in, char out[11])
{
	out[0] = 0;
	if (model_blank(in))
		return true;
	return date_parse(in, out);
}

static json_t *jstr(const char *t)
{
	return t ? json_string(t) : json_null();
}

static struct query Q_UNIT_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };

static enum app_err unit_id_of(struct store *s, const char *code, int64_t *id)
{
	struct stmt *st = store_stmt(s, &Q_UNIT_ID);
	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, code);
	return model_one_int(st, id);
}

/* ---- inspections ---- */

static struct query Q_INSP_ADD = {
	"INSERT INTO inspection (kind, unit_id, year, title, subjects, decision_no, purpose, content, method,"
	" date_from, date_to, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
	" RETURNING id",
	NULL, 0
};

enum app_err inspection_add(struct store *s, const struct account *who, const struct inspection_new *n,
			    int64_t *id, const char **why)
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
	else if (!opt_date(n->date_from, from) || !from[0] || !opt_date(n->date_to, to) || !to[0])
		w = "Ngày bắt đầu và ngày kết thúc phải là ngày hợp lệ (dd/mm/yyyy).";
	else if (strcmp(from, to) > 0)
		w = "Ngày kết thúc trước ngày bắt đầu.";
	else if (n->year && (n->year < 1930 || n->year > 2200))
		w = "Năm của chương trình không hợp lệ.";
	else if (!model_text_ok(n->title) || !model_text_ok(n->subjects) || !model_text_ok(n->decision_no) || !model_text_ok(n->purpose) ||
		 !model_text_ok(n->content) || !model_text_ok(n->method))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if ((e = unit_id_of(s, n->target_code, &unit_id)) != APP_OK)
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
					 jstr(n->decision_no), "date_from", from, "date_to", to));
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

/* ---- conclusions ---- */

static struct query Q_INSP_UNIT = { "SELECT unit_id FROM inspection WHERE id = $1", NULL, 0 };
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

enum app_err conclusion_create(struct store *s, const struct account *who, int64_t inspection_id,
			       const char *conc_date, const char *number, const char *commendations,
			       const char *criticisms, int64_t *id, const char **why)
{
	char date[11];
	int64_t unit_id = 0, have = 0, nid = 0;
	struct stmt *st;
	enum app_err e;

	if (id)
		*id = 0;
	if (!opt_date(conc_date, date) || !date[0]) {
		*why = "Ngày kết luận phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (!model_text_ok(number) || !model_text_ok(commendations) || !model_text_ok(criticisms)) {
		*why = "Văn bản không đúng mã UTF-8.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_INSP_UNIT))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	if ((e = model_one_int(st, &unit_id)) != APP_OK)
		goto out;
	if (!unit_id) {
		*why = "Cuộc kiểm tra, giám sát không tồn tại.";
		e = APP_ENOTFOUND;
		goto out;
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
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
				 "number", jstr(number), "conc_date", date, "commendations", jstr(commendations),
				 "criticisms", jstr(criticisms)));
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

enum app_err finding_add(struct store *s, const struct account *who, int64_t conclusion_id,
			 const struct finding_new *f, int64_t *id, const char **why)
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
	else if (!opt_date(f->deadline, deadline))
		w = "Thời hạn khắc phục không phải ngày hợp lệ (dd/mm/yyyy).";
	else if (!model_blank(f->addressee_unit_code) && !model_blank(f->addressee_person))
		w = "Chỉ ghi một địa chỉ chịu trách nhiệm: hoặc đơn vị, hoặc cá nhân.";
	else if ((unsigned)f->cause_kind > FC_OBJECTIVE)
		w = "Loại nguyên nhân không hợp lệ.";
	else if (!model_text_ok(f->content) || !model_text_ok(f->cause) || !model_text_ok(f->addressee_person) || !model_text_ok(f->remedy))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if (!model_blank(f->addressee_unit_code)) {
		if ((e = unit_id_of(s, f->addressee_unit_code, &au)) != APP_OK)
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
					 "cause_kind", jstr(finding_cause_code(f->cause_kind)), "cause",
					 jstr(f->cause), "addressee_unit", jstr(au ? f->addressee_unit_code : NULL),
					 "addressee_person", jstr(au ? NULL : f->addressee_person), "remedy",
					 jstr(f->remedy), "deadline", jstr(deadline[0] ? deadline : NULL)));
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

static struct query Q_FINDINGS_OF = {
	"SELECT id, seq, content, cause_kind, cause, addressee_kind, remedy, deadline"
	" FROM finding WHERE conclusion_id = $1 ORDER BY seq",
	NULL, 0
};
static struct query Q_SUPERSEDE = {
	"UPDATE conclusion SET state = 'superseded' WHERE inspection_id = $1 AND state = 'issued'", NULL, 0
};
static struct query Q_UNLIVE = {
	"UPDATE finding SET live = 0 WHERE conclusion_id IN"
	" (SELECT id FROM conclusion WHERE inspection_id = $1 AND id <> $2)",
	NULL, 0
};
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
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id",
						     (json_int_t)stmt_col_int64(st, 0), "seq", (json_int_t)seq,
						     "content", stmt_col_text(st, 2), "cause_kind",
						     stmt_col_text(st, 3), "cause", stmt_col_text(st, 4), "addressee",
						     stmt_col_text(st, 5), "remedy", stmt_col_text(st, 6), "deadline",
						     dl));
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
	e = model_audit(s, who, h.unit_id, "conclusion", conclusion_id, "issue",
		       json_pack("{s:s}", "state", "draft"),
		       json_pack("{s:s,s:I,s:o,s:s,s:O}", "state", "issued", "version", (json_int_t)h.version,
				 "number", jstr(h.number), "conc_date", h.date, "findings", arr));
out:
	json_decref(arr);
	free(h.number);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}

static struct query Q_CONC_DRAFTS = {
	"SELECT COUNT(*) FROM conclusion WHERE inspection_id = $1 AND state = 'draft'", NULL, 0
};
static struct query Q_CONC_MAXV = { "SELECT MAX(version) FROM conclusion WHERE inspection_id = $1", NULL, 0 };
static struct query Q_CONC_TEXTS = {
	"SELECT commendations, criticisms FROM conclusion WHERE id = $1", NULL, 0
};
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
	if (!opt_date(conc_date, date)) {
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
	e = model_audit(s, who, h.unit_id, "conclusion", nid, "correct",
		       json_pack("{s:I,s:I}", "conclusion", (json_int_t)conclusion_id, "version", (json_int_t)h.version),
		       json_pack("{s:I,s:s,s:s}", "version", (json_int_t)(maxv + 1), "conc_date",
				 date[0] ? date : h.date, "reason", reason));
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

/* ---- reading findings ---- */

#define FINDING_COLS                                                                                   \
	"f.id, COALESCE(f.conclusion_id, 0), f.unit_id, f.seq, f.source, f.content, f.cause_kind, f.cause," \
	" f.addressee_kind, COALESCE(au.name, f.addressee_name), COALESCE(f.addressee_unit_id, 0), f.remedy," \
	" f.deadline, f.done_date, f.live"

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

/* Collect rows into a growing array in the arena; when scope is set, only rows whose unit is in it (sorted ids). */
static enum app_err collect_in(struct stmt *st, struct arena *a, const char *asof, const int64_t *scope,
			       size_t nscope, struct finding_list *out)
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

static enum app_err collect(struct stmt *st, struct arena *a, const char *asof, struct finding_list *out)
{
	return collect_in(st, a, asof, NULL, 0, out);
}

static struct query Q_CONC_GET = {
	"SELECT id, inspection_id, unit_id, version, number, conc_date, commendations, criticisms,"
	" correction_reason, state FROM conclusion WHERE id = $1",
	NULL, 0
};
static struct query Q_CONC_FINDINGS = {
	"SELECT " FINDING_COLS " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" WHERE f.conclusion_id = $1 ORDER BY f.seq",
	NULL, 0
};

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
	return collect(st, a, today, &out->findings);
}

static struct query Q_CONC_IDS = {
	"SELECT id FROM conclusion WHERE inspection_id = $1 ORDER BY version", NULL, 0
};

enum app_err conclusion_versions(struct store *s, struct arena *a, const struct account *who,
				 int64_t inspection_id, int64_t **ids, size_t *n)
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
static struct query Q_EVIDENCE_ADD = {
	"INSERT INTO finding_evidence (report_id, hash, filename) VALUES ($1, $2, $3)"
	" ON CONFLICT DO NOTHING",
	NULL, 0
};

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

enum app_err finding_report(struct store *s, const struct account *who, int64_t finding_id,
			    const char *report_date, const char *text, const struct evidence_in *ev, size_t nev,
			    int64_t *report_id, const char **why)
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
	if (!opt_date(report_date, date) || !date[0]) {
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
		       json_pack("{s:I,s:s,s:s,s:O}", "finding", (json_int_t)finding_id, "report_date", date,
				 "text", text, "evidence", files));
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

static struct query Q_REPORT_HEAD = {
	"SELECT finding_id, state, report_date FROM finding_report WHERE id = $1", NULL, 0
};
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
	if (!opt_date(decided_on, date) || !date[0]) {
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
				 (json_int_t)fid, "decided_on", date, "reason", jstr(model_blank(reason) ? NULL : reason),
				 "done_date", accept ? json_string(rdate) : json_null()));
out:
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}

/* ---- lists ---- */

static struct query Q_UNIT_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };

static struct query Q_OPEN_UNIT = {
	"SELECT " FINDING_COLS " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" WHERE f.unit_id = $1 AND f.live = 1 AND (f.done_date IS NULL OR f.done_date > $2)"
	" ORDER BY f.deadline, f.id",
	NULL, 0
};

enum app_err finding_open_for_unit(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
				   const char *asof, struct finding_list *out)
{
	char d[11];
	const char *why;
	struct stmt *st;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!opt_date(asof, d))
		return APP_EINVAL;
	if (!d[0])
		date_today(d);
	if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_OPEN_UNIT)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, d);
	return collect(st, a, d, out);
}

/* The whole tree; a subtree is filtered in C (a path join over every open finding costs more). */
static struct query Q_OVERDUE = {
	"SELECT " FINDING_COLS " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" WHERE f.live = 1 AND f.done_date IS NULL AND f.deadline < $1"
	" UNION ALL SELECT " FINDING_COLS " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" WHERE f.live = 1 AND f.done_date > $1 AND f.deadline < $1",
	NULL, 0
};
static struct query Q_SUBTREE_IDS = {
	"SELECT id FROM unit WHERE path LIKE $1 ORDER BY id", NULL, 0
};
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
	if (!opt_date(asof, d))
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
	e = collect_in(st, a, d, whole ? NULL : scope, nscope, &out->list);
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

/* ---- programme and teams ---- */

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

static struct query Q_INSP_DATES = {
	"SELECT unit_id, date_from, date_to FROM inspection WHERE id = $1", NULL, 0
};
static struct query Q_ACCOUNT_BY_LOGIN = {
	"SELECT a.id, a.unit_id FROM account a WHERE a.login = $1 AND a.disabled = 0", NULL, 0
};
static struct query Q_MEMBER_HAS = {
	"SELECT COUNT(*) FROM insp_member WHERE inspection_id = $1 AND account_id = $2", NULL, 0
};
static struct query Q_LEADER_HAS = {
	"SELECT COUNT(*) FROM insp_member WHERE inspection_id = $1 AND role = 'leader'", NULL, 0
};
static struct query Q_MEMBER_OVERLAP = {
	"SELECT COUNT(*) FROM insp_member m JOIN inspection i ON i.id = m.inspection_id"
	" WHERE m.account_id = $1 AND i.id <> $2 AND i.date_from <= $4 AND i.date_to >= $3",
	NULL, 0
};
static struct query Q_MEMBER_ADD = {
	"INSERT INTO insp_member (inspection_id, account_id, role) VALUES ($1, $2, $3)", NULL, 0
};

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
	e = model_audit(s, who, unit_id, "inspection", inspection_id, "team_add", NULL,
		       json_pack("{s:s,s:I,s:s}", "login", login, "account", (json_int_t)acc, "role",
				 team_role_code(role)));
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

static struct query Q_PROGRAMME = {
	"SELECT i.id FROM inspection i JOIN unit u ON u.id = i.unit_id"
	" WHERE i.year = $1 AND u.path LIKE $2 ORDER BY i.date_from, i.id",
	NULL, 0
};

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
