/* Self-criticism reviews: review.h. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/model_util.h"
#include "model/review.h"
#include "store/store.h"
#include "text/text.h"

static json_t *jstr(const char *t)
{
	return t && !model_blank(t) ? json_string(t) : json_null();
}

static struct query Q_GROUP_ADD = {
	"INSERT INTO review_group (year, no, name, lead_name) VALUES ($1, $2, $3, $4) RETURNING id", NULL, 0
};

enum app_err review_group_add(struct store *s, const struct account *who, int year, int no, const char *name,
			      const char *lead_name, int64_t *id, const char **why)
{
	struct stmt *st;
	int64_t nid = 0;
	bool row = false;
	enum app_err e;

	if (id)
		*id = 0;
	if (who && who->role != ROLE_ADMIN && who->role != ROLE_INSPECTOR && who->role != ROLE_LEADER) {
		*why = "Tài khoản không được lập tổ công tác.";
		return APP_EDENIED;
	}
	if (year < 1930 || year > 2200 || no < 1 || no > 999) {
		*why = "Năm hoặc số hiệu tổ công tác không hợp lệ.";
		return APP_EINVAL;
	}
	if (model_blank(name) || !model_text_ok(name) || !model_text_ok(lead_name)) {
		*why = "Thiếu tên tổ công tác.";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_GROUP_ADD)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, year);
	stmt_bind_int64(st, 2, no);
	stmt_bind_text(st, 3, name);
	stmt_bind_text(st, 4, model_blank(lead_name) ? NULL : lead_name);
	e = stmt_step(st, &row);
	nid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_EEXIST)
		*why = "Số tổ công tác này đã có trong năm.";
	if (e == APP_OK)
		e = model_audit(
			s, who, 0, "review_group", nid, "create", NULL,
			json_pack("{s:i,s:i,s:s,s:o}", "year", year, "no", no, "name", name, "lead", jstr(lead_name)));
	e = model_end(s, e);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_UNIT_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };
static struct query Q_GROUP_ID = { "SELECT id FROM review_group WHERE year = $1 AND no = $2", NULL, 0 };
static struct query Q_REVIEW_ADD = { "INSERT INTO review (year, unit_id, group_id, points, points_date, created_at)"
				     " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
				     NULL, 0 };

enum app_err review_add(struct store *s, const struct account *who, int year, const char *unit_code, int group_no,
			const char *points, const char *points_date, int64_t *id, const char **why)
{
	char d[11];
	int64_t unit_id = 0, group_id = 0, nid = 0;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	if (id)
		*id = 0;
	if (year < 1930 || year > 2200) {
		*why = "Năm không hợp lệ.";
		return APP_EINVAL;
	}
	if (model_blank(points) || !model_text_ok(points)) {
		*why = "Thiếu nội dung gợi ý kiểm điểm.";
		return APP_EINVAL;
	}
	if (!points_date || !date_parse(points_date, d)) {
		*why = "Ngày gợi ý kiểm điểm không hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (!unit_code || !(st = store_stmt(s, &Q_UNIT_ID))) {
		*why = "Đơn vị kiểm điểm không tồn tại.";
		return unit_code ? APP_EDB : APP_EINVAL;
	}
	stmt_bind_text(st, 1, unit_code);
	if ((e = model_one_int(st, &unit_id)) != APP_OK)
		return e;
	if (!unit_id) {
		*why = "Đơn vị kiểm điểm không tồn tại.";
		return APP_EINVAL;
	}
	/* The superior writes the points: write access to the unit, and not the unit's own account. */
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return e;
	if (who && who->unit_id == unit_id) {
		*why = "Gợi ý kiểm điểm do cấp trên lập, không do chính đơn vị.";
		return APP_EDENIED;
	}
	if (group_no) {
		if (!(st = store_stmt(s, &Q_GROUP_ID)))
			return APP_EDB;
		stmt_bind_int64(st, 1, year);
		stmt_bind_int64(st, 2, group_no);
		if ((e = model_one_int(st, &group_id)) != APP_OK)
			return e;
		if (!group_id) {
			*why = "Tổ công tác chưa được lập trong năm.";
			return APP_EINVAL;
		}
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_REVIEW_ADD)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, year);
	stmt_bind_int64(st, 2, unit_id);
	if (group_id)
		stmt_bind_int64(st, 3, group_id);
	else
		stmt_bind_null(st, 3);
	stmt_bind_text(st, 4, points);
	stmt_bind_text(st, 5, d);
	stmt_bind_int64(st, 6, time_now());
	e = stmt_step(st, &row);
	nid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_EEXIST)
		*why = "Đơn vị đã có gợi ý kiểm điểm của năm này.";
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "review", nid, "create", NULL,
				json_pack("{s:i,s:s,s:i,s:s,s:s}", "year", year, "unit", unit_code, "group", group_no,
					  "points", points, "points_date", d));
	e = model_end(s, e);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_REVIEW_HEAD = { "SELECT unit_id, points_date FROM review WHERE id = $1", NULL, 0 };

static enum app_err review_head(struct store *s, int64_t id, int64_t *unit_id, char date[11])
{
	struct stmt *st = store_stmt(s, &Q_REVIEW_HEAD);
	bool row = false;
	enum app_err e;

	*unit_id = 0;
	date[0] = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		*unit_id = stmt_col_int64(st, 0);
		snprintf(date, 11, "%s", stmt_col_text(st, 1));
	}
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}

static struct query Q_PLAN_SET = { "UPDATE review SET plan_text = $2, plan_date = $3 WHERE id = $1", NULL, 0 };

enum app_err review_set_plan(struct store *s, const struct account *who, int64_t review_id, const char *plan_text,
			     const char *plan_date, const char **why)
{
	char d[11], pd[11];
	int64_t unit_id;
	struct stmt *st;
	enum app_err e;

	if (model_blank(plan_text) || !model_text_ok(plan_text)) {
		*why = "Thiếu nội dung kế hoạch khắc phục.";
		return APP_EINVAL;
	}
	if (!plan_date || !date_parse(plan_date, d)) {
		*why = "Ngày kế hoạch không hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = review_head(s, review_id, &unit_id, pd)) != APP_OK) {
		*why = "Không có gợi ý kiểm điểm này.";
		return model_end(s, e);
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return model_end(s, e);
	if (strcmp(d, pd) < 0) {
		*why = "Ngày kế hoạch khắc phục trước ngày gợi ý kiểm điểm.";
		return model_end(s, APP_EINVAL);
	}
	if (!(st = store_stmt(s, &Q_PLAN_SET)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, review_id);
	stmt_bind_text(st, 2, plan_text);
	stmt_bind_text(st, 3, d);
	e = stmt_exec(st, NULL);
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "review", review_id, "plan", NULL,
				json_pack("{s:s,s:s}", "plan_text", plan_text, "plan_date", d));
	return model_end(s, e);
}

static struct query Q_FINDING_ADD = {
	"INSERT INTO finding (source, review_id, unit_id, live, seq, content, cause_kind, cause, addressee_kind,"
	" addressee_name, addressee_unit_id, remedy, deadline)"
	" VALUES ('review', $1, $2, 1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM finding WHERE review_id = $1),"
	" $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
	NULL, 0
};

enum app_err review_add_finding(struct store *s, const struct account *who, int64_t review_id,
				const struct finding_new *f, int64_t *id, const char **why)
{
	char dl[11], pd[11];
	int64_t unit_id = 0, au = 0, nid = 0;
	const char *w = NULL;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	if (id)
		*id = 0;
	if (model_blank(f->content))
		w = "Thiếu nội dung khuyết điểm, hạn chế.";
	else if (f->cause_kind != FC_SUBJECTIVE && f->cause_kind != FC_OBJECTIVE)
		w = "Thiếu nguyên nhân (chủ quan hay khách quan).";
	else if (model_blank(f->cause))
		w = "Thiếu nội dung nguyên nhân.";
	else if (model_blank(f->addressee_unit_code) == model_blank(f->addressee_person))
		w = "Phải ghi đúng một địa chỉ chịu trách nhiệm (đơn vị hoặc cá nhân).";
	else if (model_blank(f->remedy))
		w = "Thiếu biện pháp khắc phục.";
	else if (!f->deadline || !date_parse(f->deadline, dl))
		w = "Thiếu thời hạn khắc phục hoặc ngày không hợp lệ.";
	else if (!model_text_ok(f->content) || !model_text_ok(f->cause) || !model_text_ok(f->addressee_person) ||
		 !model_text_ok(f->remedy))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if (!model_blank(f->addressee_unit_code)) {
		if (!(st = store_stmt(s, &Q_UNIT_ID)))
			return APP_EDB;
		stmt_bind_text(st, 1, f->addressee_unit_code);
		if ((e = model_one_int(st, &au)) != APP_OK)
			return e;
		if (!au) {
			*why = "Đơn vị chịu trách nhiệm khắc phục không tồn tại.";
			return APP_EINVAL;
		}
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = review_head(s, review_id, &unit_id, pd)) != APP_OK) {
		*why = "Không có gợi ý kiểm điểm này.";
		return model_end(s, e);
	}
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		return model_end(s, e);
	if (who && who->unit_id == unit_id) {
		*why = "Khuyết điểm qua kiểm điểm do cấp trên kết luận, không do chính đơn vị.";
		return model_end(s, APP_EDENIED);
	}
	if (strcmp(dl, pd) < 0) {
		*why = "Thời hạn khắc phục trước ngày gợi ý kiểm điểm.";
		return model_end(s, APP_EINVAL);
	}
	if (!(st = store_stmt(s, &Q_FINDING_ADD)))
		return model_end(s, APP_EDB);
	stmt_bind_int64(st, 1, review_id);
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_text(st, 3, f->content);
	stmt_bind_text(st, 4, finding_cause_code(f->cause_kind));
	stmt_bind_text(st, 5, f->cause);
	stmt_bind_text(st, 6, au ? "unit" : "person");
	stmt_bind_text(st, 7, au ? NULL : f->addressee_person);
	if (au)
		stmt_bind_int64(st, 8, au);
	else
		stmt_bind_null(st, 8);
	stmt_bind_text(st, 9, f->remedy);
	stmt_bind_text(st, 10, dl);
	e = stmt_step(st, &row);
	nid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e == APP_OK)
		e = model_audit(s, who, unit_id, "finding", nid, "create", NULL,
				json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:s}", "review", (json_int_t)review_id,
					  "content", f->content, "cause_kind", finding_cause_code(f->cause_kind),
					  "cause", f->cause, "addressee_unit", jstr(au ? f->addressee_unit_code : NULL),
					  "addressee_person", jstr(au ? NULL : f->addressee_person), "remedy",
					  f->remedy, "deadline", dl));
	e = model_end(s, e);
	if (e == APP_OK && id)
		*id = nid;
	return e;
}

static struct query Q_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };
static struct query Q_LIST = {
	"SELECT r.id, r.unit_id, r.year, COALESCE(g.no, 0), u.code, u.name, g.name, g.lead_name, r.points,"
	" r.points_date, r.plan_text, r.plan_date,"
	" (SELECT COUNT(*) FROM finding f WHERE f.review_id = r.id),"
	" (SELECT COUNT(*) FROM finding f WHERE f.review_id = r.id AND (f.done_date IS NULL OR f.done_date > $3))"
	" FROM review r JOIN unit u ON u.id = r.unit_id LEFT JOIN review_group g ON g.id = r.group_id"
	" WHERE r.year = $1 AND u.path LIKE $2 ORDER BY COALESCE(g.no, 0), r.unit_id",
	NULL, 0
};

enum app_err review_list(struct store *s, struct arena *a, const struct account *who, int year, int64_t unit_id,
			 const char *asof, struct review_list *out)
{
	char d[11];
	char *pattern = NULL;
	const char *why;
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!asof)
		date_today(d);
	else if (!date_parse(asof, d))
		return APP_EINVAL;
	if (!unit_id && who)
		unit_id = who->unit_id;
	if (unit_id) {
		if ((e = model_may(s, who, unit_id, false, &why)) != APP_OK)
			return e;
		if (!(st = store_stmt(s, &Q_PATH)))
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
	if (!(st = store_stmt(s, &Q_LIST))) {
		free(pattern);
		return APP_EDB;
	}
	stmt_bind_int64(st, 1, year);
	stmt_bind_text(st, 2, pattern);
	stmt_bind_text(st, 3, d);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct review *nv = arena_alloc(a, ncap * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
			cap = ncap;
		}
		struct review *r = &out->v[out->n++];
		r->id = stmt_col_int64(st, 0);
		r->unit_id = stmt_col_int64(st, 1);
		r->year = (int)stmt_col_int64(st, 2);
		r->group_no = (int)stmt_col_int64(st, 3);
		r->unit_code = stmt_col_dup(st, 4, a);
		r->unit_name = stmt_col_dup(st, 5, a);
		r->group_name = stmt_col_dup(st, 6, a);
		r->group_lead = stmt_col_dup(st, 7, a);
		r->points = stmt_col_dup(st, 8, a);
		r->points_date = stmt_col_dup(st, 9, a);
		r->plan_text = stmt_col_dup(st, 10, a);
		r->plan_date = stmt_col_dup(st, 11, a);
		r->findings = stmt_col_int64(st, 12);
		r->findings_open = stmt_col_int64(st, 13);
	}
	stmt_done(st);
	free(pattern);
	return e;
}
