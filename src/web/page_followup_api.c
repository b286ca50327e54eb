/*
** The JSON API of follow-up (docs/api.md "Findings, reviews, complaints"):
** findings and their remedy reports, the accountability list, reviews and
** complaints under /api/v1. Same model calls and access rules as the pages;
** a bearer token for writes (GET also takes the browser's session cookie).
** Refusals: {"error":{"code":...,"message":"<Vietnamese>"}} with 400 (body
** not the JSON expected), 403, 404, 409, 413 (evidence too big) or 422
** (code "invalid": the model refused a value); nothing is stored then.
*/
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>

#include "model/attachment.h"
#include "model/followup.h"
#include "text/text.h"
#include "web/page_followup.h"

/* An error in the API's shape; 422 is ours ("invalid"), the rest errors.c's. */
static void api_err(struct req *r, struct resp *p, int status, const char *msg)
{
	if (status != 422) {
		web_error_msg(r, p, status, msg);
		return;
	}
	api_send_json(p, 422,
		      json_pack("{s:{s:s,s:s}}", "error", "code", "invalid", "message",
				msg ? msg : "Dữ liệu gửi lên chưa hợp lệ."));
}

/* A refusal from the model. */
static void api_refuse(struct req *r, struct resp *p, enum app_err e, const char *why, const char *what)
{
	int st = fu_err_status(e);

	if (st >= 500) {
		web_fail(r, p, e, what);
		return;
	}
	p->log_note = e == APP_EDENIED ? "denied" : "refused";
	api_err(r, p, st, why ? why : web_err_message(e));
}

#define J api_jstr

static json_t *finding_json(const struct finding *f)
{
	return json_pack("{s:I,s:s,s:i,s:o,s:o,s:o,s:{s:o,s:o,s:o},s:o,s:o,s:o,s:b,s:s,s:s,s:i}", "id",
			 (json_int_t)f->id, "source", f->source, "seq", f->seq, "content", J(f->content), "cause_kind",
			 J(f->cause_kind), "cause", J(f->cause), "addressee", "kind", J(f->addressee_kind), "name",
			 J(f->addressee), "unit_id",
			 f->addressee_unit_id ? json_integer(f->addressee_unit_id) : json_null(), "remedy",
			 J(f->remedy), "deadline", J(f->deadline), "done_date", J(f->done_date), "live", f->live,
			 "status", task_status_code(f->status), "status_label", task_status_vi(f->status),
			 "days_overdue", f->days_overdue);
}

/* ?as_of= (ISO or dd/mm/yyyy) into d, else today; false with a 400 in p. */
static bool api_asof(struct req *r, struct resp *p, char d[11])
{
	const char *q = req_query(r, "as_of");

	if (!q || !*q) {
		date_today(d);
		return true;
	}
	if (date_parse(q, d))
		return true;
	web_error_msg(r, p, 400, "Tham số as_of phải là ngày (YYYY-MM-DD hoặc dd/mm/yyyy).");
	return false;
}

/* The JSON object of the body; NULL with a 400 in p. The caller decrefs. */
static json_t *api_body(struct req *r, struct resp *p)
{
	json_error_t jerr;
	json_t *o = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &jerr);

	if (!o || !json_is_object(o)) {
		json_decref(o);
		web_error_msg(r, p, 400, "Nội dung gửi lên phải là một đối tượng JSON.");
		return NULL;
	}
	return o;
}

/*
** Member k of o as NFC text in r's arena; NULL when absent or null. *bad set
** when present with another type (or a NUL inside).
*/
static const char *jtext(struct arena *a, json_t *o, const char *k, bool *bad)
{
	json_t *v = json_object_get(o, k);
	char *nfc;
	const char *out;

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || memchr(json_string_value(v), '\0', json_string_length(v)) ||
	    !(nfc = text_nfc(json_string_value(v), json_string_length(v), NULL))) {
		*bad = true;
		return NULL;
	}
	out = arena_strdup(a, nfc);
	free(nfc);
	return out;
}

/* Member k as an integer (or *bad); dflt when absent. */
static int64_t jint(json_t *o, const char *k, int64_t dflt, bool *bad)
{
	json_t *v = json_object_get(o, k);

	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_integer(v)) {
		*bad = true;
		return dflt;
	}
	return json_integer_value(v);
}

static void bad_fields(struct req *r, struct resp *p)
{
	p->log_note = "bad-json";
	web_error_msg(r, p, 400, "Một trường của đối tượng JSON có kiểu không đúng (cần chuỗi hoặc số nguyên).");
}

/* ---- findings ---- */

static void api_finding_get(struct req *r, struct resp *p, int64_t id)
{
	struct finding_detail fd;
	char d[11];
	json_t *o, *reps;
	enum app_err e;

	if (!api_asof(r, p, d))
		return;
	e = id ? followup_finding_get(r->app->store, r->arena, &r->acct, id, d, &fd) : APP_ENOTFOUND;
	if (e != APP_OK) {
		api_refuse(r, p, e,
			   e == APP_ENOTFOUND ? "Không có khuyết điểm, hạn chế này."
			   : e == APP_EDENIED ? "Khuyết điểm này thuộc đơn vị nằm ngoài phạm vi tài khoản của bạn."
					      : NULL,
			   "api-finding");
		return;
	}
	o = finding_json(&fd.f);
	json_object_set_new(o, "as_of", json_string(d));
	json_object_set_new(o, "unit", json_pack("{s:o,s:o}", "code", J(fd.unit_code), "name", J(fd.unit_name)));
	json_object_set_new(json_object_get(o, "addressee"), "unit_code", J(fd.addressee_unit_code));
	if (fd.inspection_id)
		json_object_set_new(o, "inspection",
				    json_pack("{s:I,s:o,s:o,s:o,s:i}", "id", (json_int_t)fd.inspection_id, "title",
					      J(fd.inspection_title), "conclusion_number", J(fd.conclusion_number),
					      "conclusion_state", J(fd.conclusion_state), "conclusion_version",
					      fd.conclusion_version));
	else
		json_object_set_new(o, "review",
				    json_pack("{s:I,s:i}", "id", (json_int_t)fd.review_id, "year", fd.review_year));
	reps = json_array();
	for (size_t i = 0; i < fd.nreports; i++) {
		const struct finding_report_row *k = &fd.reports[i];
		json_t *ev = json_array();

		for (size_t j = 0; j < k->nev; j++)
			json_array_append_new(ev, json_pack("{s:s,s:s,s:s}", "hash", k->ev[j].hash, "filename",
							    k->ev[j].filename, "url",
							    arena_printf(r->arena, "/kiem-tra/minh-chung/%lld/%s",
									 (long long)k->id, k->ev[j].hash)));
		json_array_append_new(reps, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)k->id,
						      "date", J(k->report_date), "text", J(k->text), "state",
						      J(k->state), "reported_by", J(k->reported_by), "decided_by",
						      J(k->decided_by), "decided_on", J(k->decided_on), "reason",
						      J(k->reason), "evidence", ev));
	}
	json_object_set_new(o, "reports", reps);
	api_send_json(p, 200, o);
}

enum app_err fu_parse_report_json(const char *body, size_t n, struct arena *a, const char **date, const char **text,
				  struct evidence_in **ev, size_t *nev, const char **why)
{
	json_error_t jerr;
	json_t *o = json_loadb(body ? body : "", n, JSON_REJECT_DUPLICATES, &jerr), *arr;
	bool bad = false;

	*date = *text = NULL;
	*ev = NULL;
	*nev = 0;
	*why = "Nội dung gửi lên phải là một đối tượng JSON.";
	if (!o || !json_is_object(o)) {
		json_decref(o);
		return APP_EINVAL;
	}
	*date = jtext(a, o, "date", &bad);
	*text = jtext(a, o, "text", &bad);
	arr = json_object_get(o, "evidence");
	if (arr && !json_is_null(arr) && !json_is_array(arr))
		bad = true;
	if (json_is_array(arr) && json_array_size(arr)) {
		*ev = arena_alloc(a, json_array_size(arr) * sizeof(**ev));
		for (size_t i = 0; i < json_array_size(arr) && !bad; i++) {
			json_t *f = json_array_get(arr, i);
			const char *b64 = json_is_object(f) ? jtext(a, f, "content_base64", &bad) : NULL;
			const char *name = json_is_object(f) ? jtext(a, f, "filename", &bad) : NULL;
			size_t cap = b64 ? strlen(b64) : 0, len = 0;
			unsigned char *bin = arena_alloc(a, cap + 1);

			if (!b64 || sodium_base642bin(bin, cap, b64, cap, "\n\r ", &len, NULL,
						      sodium_base64_VARIANT_ORIGINAL) != 0) {
				bad = true;
				break;
			}
			(*ev)[*nev].filename = name;
			(*ev)[*nev].data = bin;
			(*ev)[(*nev)++].n = len;
		}
	}
	json_decref(o);
	if (bad) {
		*date = *text = NULL;
		*ev = NULL;
		*nev = 0;
		*why = "Trường date, text phải là chuỗi; evidence là mảng các đối tượng {\"filename\", "
		       "\"content_base64\"} (base64 chuẩn).";
		return APP_EINVAL;
	}
	*why = NULL;
	return APP_OK;
}

static void api_finding_report(struct req *r, struct resp *p, int64_t id)
{
	const char *date, *text, *why = NULL;
	struct evidence_in *ev = NULL;
	size_t nev = 0;
	int64_t rid = 0;
	enum app_err e;

	if (web_is_multipart(req_header(r, "Content-Type"))) {
		date = req_param(r, "date");
		text = req_param(r, "text");
		ev = r->files.n ? arena_alloc(r->arena, r->files.n * sizeof(*ev)) : NULL;
		for (size_t i = 0; i < r->files.n; i++)
			if (strcmp(r->files.v[i].name, "evidence") == 0) {
				ev[nev].filename = *r->files.v[i].filename ? r->files.v[i].filename : "minh-chung";
				ev[nev].data = r->files.v[i].data;
				ev[nev++].n = r->files.v[i].len;
			}
	} else if (fu_parse_report_json(r->body, r->body_len, r->arena, &date, &text, &ev, &nev, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, 400, why);
		return;
	}
	e = finding_report(r->app->store, &r->acct, id, date, text, ev, nev, &rid, &why);
	if (e != APP_OK) {
		api_refuse(r, p, e, why, "api-finding-report");
		return;
	}
	web_cache_invalidate();
	api_send_json(
		p, 201,
		json_pack("{s:I,s:I,s:s}", "id", (json_int_t)rid, "finding", (json_int_t)id, "state", "submitted"));
}

static void api_report_decision(struct req *r, struct resp *p, int64_t rid)
{
	json_t *o = api_body(r, p);
	const char *dec, *date, *reason, *why = NULL;
	bool bad = false, accept;
	enum app_err e;

	if (!o)
		return;
	dec = jtext(r->arena, o, "decision", &bad);
	date = jtext(r->arena, o, "date", &bad);
	reason = jtext(r->arena, o, "reason", &bad);
	json_decref(o);
	if (bad) {
		bad_fields(r, p);
		return;
	}
	if (!dec || (strcmp(dec, "accept") && strcmp(dec, "return"))) {
		api_err(r, p, 422, "Trường decision phải là \"accept\" hoặc \"return\".");
		return;
	}
	accept = strcmp(dec, "accept") == 0;
	e = finding_decide(r->app->store, &r->acct, rid, accept, date, reason, &why);
	if (e != APP_OK) {
		api_refuse(r, p, e, why, "api-report-decision");
		return;
	}
	web_cache_invalidate();
	api_send_json(p, 200, json_pack("{s:I,s:s}", "id", (json_int_t)rid, "state", accept ? "accepted" : "returned"));
}

static void api_accountability(struct req *r, struct resp *p)
{
	struct accountability acc;
	char d[11];
	json_t *groups;
	enum app_err e;

	if (!api_asof(r, p, d))
		return;
	if ((e = finding_accountability(r->app->store, r->arena, &r->acct, 0, d, &acc)) != APP_OK) {
		api_refuse(r, p, e, NULL, "api-accountability");
		return;
	}
	groups = json_array();
	for (size_t g = 0; g < acc.ngroups; g++) {
		json_t *fs = json_array();

		for (size_t i = acc.groups[g].first; i < acc.groups[g].first + acc.groups[g].n; i++)
			json_array_append_new(fs, finding_json(&acc.list.v[i]));
		json_array_append_new(groups, json_pack("{s:s,s:i,s:I,s:o}", "addressee", acc.groups[g].addressee,
							"max_days_overdue", acc.groups[g].max_days, "count",
							(json_int_t)acc.groups[g].n, "findings", fs));
	}
	api_send_json(p, 200,
		      json_pack("{s:s,s:{s:o,s:o},s:I,s:o}", "as_of", d, "scope", "code", J(r->acct.unit_code), "name",
				J(r->acct.unit_name), "total", (json_int_t)acc.list.n, "groups", groups));
}

/* ---- reviews ---- */

static json_t *review_json(const struct review *v)
{
	return json_pack("{s:I,s:i,s:{s:o,s:o},s:o,s:o,s:o,s:o,s:I,s:I}", "id", (json_int_t)v->id, "year", v->year,
			 "unit", "code", J(v->unit_code), "name", J(v->unit_name), "group",
			 v->group_no ? json_pack("{s:i,s:o,s:o}", "no", v->group_no, "name", J(v->group_name), "lead",
						 J(v->group_lead))
				     : json_null(),
			 "points", J(v->points), "points_date", J(v->points_date), "plan",
			 v->plan_text ? json_pack("{s:o,s:o}", "text", J(v->plan_text), "date", J(v->plan_date))
				      : json_null(),
			 "findings", (json_int_t)v->findings, "findings_open", (json_int_t)v->findings_open);
}

static void api_reviews_get(struct req *r, struct resp *p)
{
	const char *y = req_query(r, "year");
	int64_t year;
	struct review_list rl;
	struct review_group_list gl;
	char d[11];
	json_t *gs, *rs;
	enum app_err e;

	if (!y || !parse_int64(y, &year) || year < 1930 || year > 2200) {
		web_error_msg(r, p, 400, "Thiếu tham số year (năm, ví dụ 2022).");
		return;
	}
	if (!api_asof(r, p, d))
		return;
	if ((e = review_list(r->app->store, r->arena, &r->acct, (int)year, 0, d, &rl)) != APP_OK ||
	    (e = followup_review_groups(r->app->store, r->arena, (int)year, &gl)) != APP_OK) {
		api_refuse(r, p, e, NULL, "api-reviews");
		return;
	}
	gs = json_array();
	for (size_t i = 0; i < gl.n; i++)
		json_array_append_new(gs, json_pack("{s:i,s:o,s:o}", "no", gl.v[i].no, "name", J(gl.v[i].name), "lead",
						    J(gl.v[i].lead_name)));
	rs = json_array();
	for (size_t i = 0; i < rl.n; i++)
		json_array_append_new(rs, review_json(&rl.v[i]));
	api_send_json(
		p, 200,
		json_pack("{s:I,s:s,s:o,s:o}", "year", (json_int_t)year, "as_of", d, "groups", gs, "reviews", rs));
}

static void api_review_get(struct req *r, struct resp *p, int64_t id)
{
	struct review v;
	struct finding_list fl;
	char d[11];
	json_t *o, *fs;
	enum app_err e;

	if (!api_asof(r, p, d))
		return;
	e = id ? followup_review_get(r->app->store, r->arena, &r->acct, id, d, &v, &fl) : APP_ENOTFOUND;
	if (e != APP_OK) {
		api_refuse(r, p, e, e == APP_ENOTFOUND ? "Không có gợi ý kiểm điểm này." : NULL, "api-review");
		return;
	}
	o = review_json(&v);
	fs = json_array();
	for (size_t i = 0; i < fl.n; i++)
		json_array_append_new(fs, finding_json(&fl.v[i]));
	json_object_set_new(o, "finding_list", fs);
	json_object_set_new(o, "as_of", json_string(d));
	api_send_json(p, 200, o);
}

static void api_created(struct resp *p, int64_t id)
{
	web_cache_invalidate();
	api_send_json(p, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static void api_reviews_post(struct req *r, struct resp *p, const char *what, int64_t id)
{
	json_t *o = api_body(r, p);
	const char *why = NULL;
	int64_t nid = 0;
	bool bad = false;
	enum app_err e;

	if (!o)
		return;
	if (strcmp(what, "group") == 0) {
		int64_t year = jint(o, "year", 0, &bad), no = jint(o, "no", 0, &bad);
		const char *name = jtext(r->arena, o, "name", &bad), *lead = jtext(r->arena, o, "lead", &bad);

		e = bad ? APP_EINVAL
			: review_group_add(r->app->store, &r->acct, (int)(year > 0 && year < 3000 ? year : 0),
					   (int)(no > 0 && no < 1000 ? no : 0), name, lead, &nid, &why);
	} else if (strcmp(what, "review") == 0) {
		int64_t year = jint(o, "year", 0, &bad), group = jint(o, "group", 0, &bad);
		const char *unit = jtext(r->arena, o, "unit", &bad), *points = jtext(r->arena, o, "points", &bad),
			   *pdate = jtext(r->arena, o, "points_date", &bad);

		e = bad ? APP_EINVAL
		    : group < 0 || group > 999
			    ? (why = "Tổ công tác không hợp lệ.", APP_EINVAL)
			    : review_add(r->app->store, &r->acct, (int)(year > 0 && year < 3000 ? year : 0), unit,
					 (int)group, points, pdate, &nid, &why);
	} else if (strcmp(what, "plan") == 0) {
		const char *plan = jtext(r->arena, o, "plan", &bad), *date = jtext(r->arena, o, "date", &bad);

		e = bad ? APP_EINVAL : review_set_plan(r->app->store, &r->acct, id, plan, date, &why);
		nid = id;
	} else {
		const char *ck = jtext(r->arena, o, "cause_kind", &bad);
		struct finding_new f = {
			.content = jtext(r->arena, o, "content", &bad),
			.cause_kind = !ck                             ? FC_NONE
				      : strcmp(ck, "subjective") == 0 ? FC_SUBJECTIVE
				      : strcmp(ck, "objective") == 0  ? FC_OBJECTIVE
								      : FC_NONE,
			.cause = jtext(r->arena, o, "cause", &bad),
			.addressee_unit_code = jtext(r->arena, o, "addressee_unit", &bad),
			.addressee_person = jtext(r->arena, o, "addressee_person", &bad),
			.remedy = jtext(r->arena, o, "remedy", &bad),
			.deadline = jtext(r->arena, o, "deadline", &bad),
		};
		e = bad ? APP_EINVAL : review_add_finding(r->app->store, &r->acct, id, &f, &nid, &why);
	}
	json_decref(o);
	if (bad) {
		bad_fields(r, p);
		return;
	}
	if (e == APP_ENOTFOUND && !why)
		why = "Không có gợi ý kiểm điểm này.";
	if (e != APP_OK) {
		api_refuse(r, p, e, why, "api-reviews-post");
		return;
	}
	if (strcmp(what, "plan") == 0) {
		web_cache_invalidate();
		api_send_json(p, 200, json_pack("{s:I}", "id", (json_int_t)id));
	} else {
		api_created(p, nid);
	}
}

/* ---- complaints ---- */

static json_t *complaint_json(const struct complaint *c)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:o,s:o,s:b,s:b,s:i}", "id",
			 (json_int_t)c->id, "kind", complaint_kind_code(c->kind), "kind_label",
			 complaint_kind_vi(c->kind), "unit_id", (json_int_t)c->unit_id, "unit_name", J(c->unit_name),
			 "received", J(c->received), "summary", J(c->summary), "handler", J(c->handler), "due",
			 J(c->due), "rule_source", J(c->rule_source), "state", complaint_state_code(c->state),
			 "state_label", complaint_state_vi(c->state), "closed_on", J(c->closed_on), "outcome",
			 J(c->outcome), "no_rule", c->no_rule, "overdue", c->overdue, "days_over", c->days_over);
}

static void api_complaints_get(struct req *r, struct resp *p)
{
	struct complaint_list cl;
	struct complaint_counts cc;
	struct complaint_rule_list rules;
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	char d[11], f[11], t[11];
	json_t *cs, *ns, *rs, *missing;
	enum app_err e;

	if (!api_asof(r, p, d))
		return;
	if ((from && !date_parse(from, f)) || (to && !date_parse(to, t))) {
		web_error_msg(r, p, 400, "Tham số from, to phải là ngày (YYYY-MM-DD hoặc dd/mm/yyyy).");
		return;
	}
	if ((e = complaint_list(r->app->store, r->arena, &r->acct, 0, from, to, d, &cl)) != APP_OK ||
	    (e = complaint_counts(r->app->store, r->arena, &r->acct, 0, from, to, d, &cc)) != APP_OK ||
	    (e = followup_complaint_rules(r->app->store, r->arena, &rules)) != APP_OK) {
		api_refuse(r, p, e, NULL, "api-complaints");
		return;
	}
	cs = json_array();
	for (size_t i = 0; i < cl.n; i++)
		json_array_append_new(cs, complaint_json(&cl.v[i]));
	ns = json_array();
	for (size_t i = 0; i < cc.n; i++)
		json_array_append_new(ns, json_pack("{s:I,s:I,s:I,s:I}", "unit_id", (json_int_t)cc.v[i].unit_id,
						    "total", (json_int_t)cc.v[i].total, "open",
						    (json_int_t)cc.v[i].open, "overdue", (json_int_t)cc.v[i].overdue));
	rs = json_array();
	for (size_t i = 0; i < rules.n; i++)
		json_array_append_new(rs, json_pack("{s:s,s:i,s:s,s:s}", "kind", complaint_kind_code(rules.v[i].kind),
						    "days", rules.v[i].days, "source", rules.v[i].source, "valid_from",
						    rules.v[i].valid_from));
	missing = json_array();
	for (int k = 0; k < CK_COUNT; k++)
		if (!followup_rule_in_force(&rules, (enum complaint_kind)k, d))
			json_array_append_new(missing, json_string(complaint_kind_code((enum complaint_kind)k)));
	api_send_json(p, 200,
		      json_pack("{s:s,s:o,s:o,s:o,s:o}", "as_of", d, "complaints", cs, "counts", ns, "rules", rs,
				"kinds_without_rule", missing));
}

static bool kind_code(const char *s, enum complaint_kind *k)
{
	for (int i = 0; i < CK_COUNT; i++)
		if (s && strcmp(s, complaint_kind_code((enum complaint_kind)i)) == 0) {
			*k = (enum complaint_kind)i;
			return true;
		}
	return false;
}

static void api_complaints_post(struct req *r, struct resp *p, const char *what, int64_t id)
{
	json_t *o = api_body(r, p);
	const char *why = NULL;
	enum complaint_kind kind = CK_DENUNCIATION;
	int64_t nid = 0;
	bool bad = false;
	enum app_err e;

	if (!o)
		return;
	if (strcmp(what, "close") == 0) {
		const char *st = jtext(r->arena, o, "state", &bad), *date = jtext(r->arena, o, "date", &bad),
			   *outcome = jtext(r->arena, o, "outcome", &bad);
		enum complaint_state cs = CS_OPEN;

		for (int k = CS_RESOLVED; k < CS_COUNT; k++)
			if (st && strcmp(st, complaint_state_code((enum complaint_state)k)) == 0)
				cs = (enum complaint_state)k;
		e = bad ? APP_EINVAL : complaint_close(r->app->store, &r->acct, id, cs, date, outcome, &why);
		nid = id;
	} else if (!kind_code(jtext(r->arena, o, "kind", &bad), &kind)) {
		e = APP_EINVAL;
		why = "Trường kind phải là \"denunciation\" hoặc \"complaint\".";
	} else if (strcmp(what, "rule") == 0) {
		int64_t days = jint(o, "days", 0, &bad);
		const char *src = jtext(r->arena, o, "source", &bad), *from = jtext(r->arena, o, "valid_from", &bad);

		e = bad ? APP_EINVAL
			: complaint_rule_set(r->app->store, &r->acct, kind, (int)(days > 0 && days < 100000 ? days : 0),
					     src, from, &why);
	} else {
		json_t *wr = json_object_get(o, "without_rule");
		struct complaint_new n = { .kind = kind,
					   .unit_code = jtext(r->arena, o, "unit", &bad),
					   .received = jtext(r->arena, o, "received", &bad),
					   .summary = jtext(r->arena, o, "summary", &bad),
					   .handler = jtext(r->arena, o, "handler", &bad),
					   .without_rule = json_is_true(wr) };

		if (wr && !json_is_boolean(wr) && !json_is_null(wr))
			bad = true;

		e = bad ? APP_EINVAL : complaint_add(r->app->store, &r->acct, &n, &nid, &why);
	}
	json_decref(o);
	if (bad) {
		bad_fields(r, p);
		return;
	}
	if (e != APP_OK) {
		api_refuse(r, p, e, why, "api-complaints-post");
		return;
	}
	if (strcmp(what, "close") == 0) {
		web_cache_invalidate();
		api_send_json(p, 200, json_pack("{s:I}", "id", (json_int_t)id));
	} else {
		api_created(p, nid);
	}
}

static void api_complaint_get(struct req *r, struct resp *p, int64_t id)
{
	struct complaint c;
	char d[11];
	enum app_err e;

	if (!api_asof(r, p, d))
		return;
	e = id ? followup_complaint_get(r->app->store, r->arena, &r->acct, id, d, &c) : APP_ENOTFOUND;
	if (e != APP_OK) {
		api_refuse(r, p, e, e == APP_ENOTFOUND ? "Không có đơn này trong sổ." : NULL, "api-complaint");
		return;
	}
	api_send_json(p, 200, complaint_json(&c));
}

/* ---- routing ---- */

/* "/PREFIX/ID" or "/PREFIX/ID/TAIL": the id (0 when bad) and the tail (NULL when none). */
static bool id_path(struct req *r, const char *path, const char *prefix, int64_t *id, const char **tail)
{
	size_t n = strlen(prefix);
	char *s, *slash;

	if (strncmp(path, prefix, n) || !path[n])
		return false;
	s = arena_strdup(r->arena, path + n);
	slash = strchr(s, '/');
	*tail = NULL;
	if (slash) {
		*slash = '\0';
		*tail = slash + 1;
	}
	*id = fu_id(s);
	return true;
}

static bool method(struct req *r, struct resp *p, bool post)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;

	if (post ? strcmp(r->method, "POST") != 0 : !get) {
		web_not_allowed(r, p, post ? "POST" : "GET, HEAD");
		return false;
	}
	return api_authenticate(r, p);
}

/* A collection that takes GET and POST (/reviews, /complaints): false with a 405 for another method. */
static bool get_or_post(struct req *r, struct resp *p, bool *post)
{
	*post = strcmp(r->method, "POST") == 0;
	if (!*post && strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
		web_not_allowed(r, p, "GET, HEAD, POST");
		return false;
	}
	return api_authenticate(r, p);
}

bool api_followup(struct req *r, struct resp *p, const char *path)
{
	const char *tail;
	int64_t id;

	if (id_path(r, path, "/findings/", &id, &tail)) {
		if (!tail) {
			if (method(r, p, false))
				api_finding_get(r, p, id);
		} else if (strcmp(tail, "reports") == 0) {
			if (method(r, p, true))
				api_finding_report(r, p, id);
		} else {
			web_error_msg(r, p, 404, "Không có đường dẫn API này.");
		}
	} else if (id_path(r, path, "/finding-reports/", &id, &tail)) {
		if (!tail || strcmp(tail, "decision"))
			web_error_msg(r, p, 404, "Không có đường dẫn API này.");
		else if (method(r, p, true))
			api_report_decision(r, p, id);
	} else if (strcmp(path, "/accountability") == 0) {
		if (method(r, p, false))
			api_accountability(r, p);
	} else if (strcmp(path, "/reviews") == 0) {
		bool post;

		if (get_or_post(r, p, &post)) {
			if (post)
				api_reviews_post(r, p, "review", 0);
			else
				api_reviews_get(r, p);
		}
	} else if (strcmp(path, "/review-groups") == 0) {
		if (method(r, p, true))
			api_reviews_post(r, p, "group", 0);
	} else if (id_path(r, path, "/reviews/", &id, &tail)) {
		if (!tail) {
			if (method(r, p, false))
				api_review_get(r, p, id);
		} else if (strcmp(tail, "plan") == 0 || strcmp(tail, "findings") == 0) {
			if (method(r, p, true))
				api_reviews_post(r, p, tail, id);
		} else {
			web_error_msg(r, p, 404, "Không có đường dẫn API này.");
		}
	} else if (strcmp(path, "/complaints") == 0) {
		bool post;

		if (get_or_post(r, p, &post)) {
			if (post)
				api_complaints_post(r, p, "add", 0);
			else
				api_complaints_get(r, p);
		}
	} else if (strcmp(path, "/complaint-rules") == 0) {
		if (method(r, p, true))
			api_complaints_post(r, p, "rule", 0);
	} else if (id_path(r, path, "/complaints/", &id, &tail)) {
		if (!tail) {
			if (method(r, p, false))
				api_complaint_get(r, p, id);
		} else if (strcmp(tail, "close") == 0) {
			if (method(r, p, true))
				api_complaints_post(r, p, "close", id);
		} else {
			web_error_msg(r, p, 404, "Không có đường dẫn API này.");
		}
	} else {
		return false;
	}
	return true;
}
