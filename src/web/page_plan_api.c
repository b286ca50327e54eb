/*
** /api/v1 of the cascade (docs/api.md, "Programmes and plans"): the
** directives binding the caller's unit, registering a directive and its
** indicators, the next free number, creating a plan, adopting indicators,
** adding / replacing / deleting tasks, and submit / return / accept. The
** same model calls and access rules as the pages: a unit edits only its
** own plans, its superior reviews them, another unit's plan is 403.
**
** Errors are {"error": "Vietnamese message"} with 400 (not JSON, wrong
** types), 403, 404, 409 (state, duplicate) or 422 (a value the model
** refuses); nothing is stored on error.
*/
#include "util/util.h"
#include "web/page_cascade.h"

#include <jansson.h>

#include "ingest/docnum.h"
#include "model/coverage.h"
#include "model/indicator.h"

/*
** Member k as a string copied into a: NULL when absent or null; *bad set
** (to the member's name) when it is present with another type or holds a NUL.
*/
static const char *jstr_in(struct arena *a, json_t *o, const char *k, const char **bad)
{
	json_t *v = json_object_get(o, k);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || memchr(json_string_value(v), '\0', json_string_length(v))) {
		if (!*bad)
			*bad = k;
		return NULL;
	}
	return arena_strndup(a, json_string_value(v), json_string_length(v));
}

static void bad_type(struct req *r, struct resp *p, const char *member)
{
	p->log_note = "bad-json";
	web_error_msg(r, p, 400, arena_printf(r->arena, "Trường \"%s\" sai kiểu dữ liệu.", member));
}

static void send(struct req *r, struct resp *p, int status, json_t *o)
{
	(void)r;
	api_send_json(p, status, o);
}

/* A refusal of the model as a JSON error with its status. */
static void refuse(struct req *r, struct resp *p, enum app_err e, const char *why, const char *what)
{
	if (e == APP_EINVAL || e == APP_EEXIST || e == APP_ECONFLICT || e == APP_EDENIED || e == APP_ENOTFOUND) {
		p->log_note = e == APP_EDENIED ? "denied" : "refused";
		web_error_msg(r, p, pc_status_of(e), why ? why : web_err_message(e));
		return;
	}
	web_fail(r, p, e, what);
}

/* ---- request bodies: pure functions (tests/fuzz/fuzz_cascade_input.c) ---- */

/* Parse body as a JSON object; NULL with *status 400 and *why when it is not one. */
static json_t *load_object(const char *body, size_t n, int *status, const char **why)
{
	json_error_t jerr;
	json_t *o = json_loadb(body ? body : "", n, JSON_REJECT_DUPLICATES, &jerr);

	if (!o || !json_is_object(o)) {
		json_decref(o);
		*status = 400;
		*why = "Nội dung gửi lên phải là một đối tượng JSON.";
		return NULL;
	}
	return o;
}

/* The 400 of a member of the wrong type. */
static enum app_err wrong_type(struct arena *a, const char *member, int *status, const char **why)
{
	*status = 400;
	*why = arena_printf(a, "Trường \"%s\" sai kiểu dữ liệu.", member);
	return APP_EINVAL;
}

enum app_err pc_directive_from_json(const char *body, size_t n, struct arena *a, struct pc_directive_in *out,
				    int *status, const char **why)
{
	json_t *o = load_object(body, n, status, why), *links;
	const char *bad = NULL;
	enum app_err e = APP_OK;

	memset(out, 0, sizeof(*out));
	if (!o)
		return APP_EINVAL;
	out->number = jstr_in(a, o, "number", &bad);
	out->doc_date = jstr_in(a, o, "doc_date", &bad);
	out->title = jstr_in(a, o, "title", &bad);
	out->body = jstr_in(a, o, "body", &bad);
	out->period_from = jstr_in(a, o, "period_from", &bad);
	out->period_to = jstr_in(a, o, "period_to", &bad);
	out->term = jstr_in(a, o, "term", &bad);
	links = json_object_get(o, "links");
	if (!bad && links && !json_is_null(links) &&
	    (!json_is_array(links) || json_array_size(links) > DIRECTIVE_MAX_LINKS))
		bad = "links";
	for (size_t i = 0; !bad && json_is_array(links) && i < json_array_size(links); i++) {
		json_t *l = json_array_get(links, i);
		const char *rel, *num;

		if (!json_is_object(l)) {
			bad = "links";
			break;
		}
		rel = jstr_in(a, l, "rel", &bad);
		num = jstr_in(a, l, "number", &bad);
		if (bad)
			break;
		if (!rel || !doc_rel_parse(rel, &out->links[out->nlinks].rel)) {
			*status = 422;
			*why = "Quan hệ liên kết phải là implements, replaces hoặc guides.";
			e = APP_EINVAL;
			break;
		}
		if (!num) {
			*status = 422;
			*why = "Liên kết văn bản thiếu số, ký hiệu (\"number\").";
			e = APP_EINVAL;
			break;
		}
		out->links[out->nlinks++].number = num;
	}
	json_decref(o);
	if (bad)
		e = wrong_type(a, bad, status, why);
	if (e != APP_OK)
		memset(out, 0, sizeof(*out));
	return e;
}

/* Member k as a number: false when absent or null; *bad when of another type. */
static bool jnum(json_t *o, const char *k, double *out, const char **bad)
{
	json_t *v = json_object_get(o, k);

	if (!v || json_is_null(v))
		return false;
	if (!json_is_number(v)) {
		if (!*bad)
			*bad = k;
		return false;
	}
	*out = json_number_value(v);
	return true;
}

enum app_err pc_indicator_from_json(const char *body, size_t n, struct arena *a, struct indicator_new *out, int *status,
				    const char **why)
{
	json_t *o = load_object(body, n, status, why), *kinds, *mon;
	const char *bad = NULL, *dir, *per, *agg;
	enum app_err e = APP_OK;

	memset(out, 0, sizeof(*out));
	if (!o)
		return APP_EINVAL;
	out->code = jstr_in(a, o, "code", &bad);
	out->name = jstr_in(a, o, "name", &bad);
	out->measure = jstr_in(a, o, "measure", &bad);
	dir = jstr_in(a, o, "direction", &bad);
	per = jstr_in(a, o, "period", &bad);
	agg = jstr_in(a, o, "agg", &bad);
	out->has_target = jnum(o, "target", &out->target, &bad);
	out->has_baseline = jnum(o, "baseline", &out->baseline, &bad);
	jnum(o, "scale", &out->scale, &bad);
	mon = json_object_get(o, "monitor_only");
	if (mon && !json_is_boolean(mon) && !json_is_null(mon) && !bad)
		bad = "monitor_only";
	out->monitor_only = json_is_true(mon);
	kinds = json_object_get(o, "kinds");
	if (kinds && !json_is_array(kinds) && !json_is_null(kinds) && !bad)
		bad = "kinds";
	*status = 422;
	for (size_t i = 0; !bad && json_is_array(kinds) && i < json_array_size(kinds); i++) {
		enum unit_kind k;
		json_t *v = json_array_get(kinds, i);

		if (!json_is_string(v) || !unit_kind_parse(json_string_value(v), &k)) {
			*why = "Loại đơn vị áp dụng không hợp lệ (city, subordinate, commune, agency, cell, district).";
			e = APP_EINVAL;
			break;
		}
		out->kinds |= 1u << k;
	}
	json_decref(o);
	if (bad)
		e = wrong_type(a, bad, status, why);
	else if (e == APP_OK && !ind_dir_parse(dir ? dir : "up", &out->dir)) {
		*why = "Chiều đánh giá (direction) phải là up hoặc down.";
		e = APP_EINVAL;
	} else if (e == APP_OK && !ind_period_parse(per ? per : "year", &out->period)) {
		*why = "Kỳ báo cáo (period) phải là month, quarter, year hoặc term.";
		e = APP_EINVAL;
	} else if (e == APP_OK && !ind_agg_parse(agg ? agg : "sum", &out->agg)) {
		*why = "Cách tổng hợp (agg) phải là sum, mean, wmean, ratio, min, max hoặc all_met.";
		e = APP_EINVAL;
	}
	if (e != APP_OK)
		memset(out, 0, sizeof(*out));
	return e;
}

enum app_err pc_adopt_from_json(const char *body, size_t n, struct arena *a, struct pc_adopt_in **v, size_t *nv,
				int *status, const char **why)
{
	json_t *o = load_object(body, n, status, why), *arr;
	enum app_err e = APP_OK;

	*v = NULL;
	*nv = 0;
	if (!o)
		return APP_EINVAL;
	arr = json_object_get(o, "indicators");
	if (!json_is_array(arr)) {
		json_decref(o);
		return wrong_type(a, "indicators", status, why);
	}
	*v = arena_alloc(a, (json_array_size(arr) + 1) * sizeof(**v));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *x = json_array_get(arr, i), *code = json_object_get(x, "code"),
		       *t = json_object_get(x, "local_target"), *wd = json_object_get(x, "withdraw");
		struct pc_adopt_in *d = &(*v)[i];

		if (!json_is_object(x) || !json_is_string(code) ||
		    memchr(json_string_value(code), '\0', json_string_length(code)) ||
		    (t && !json_is_null(t) && !json_is_number(t)) ||
		    (wd && !json_is_boolean(wd) && !json_is_null(wd))) {
			*status = 400;
			*why = "Mỗi phần tử của indicators cần \"code\" (chuỗi), \"local_target\" (số hoặc null) và có thể "
			       "\"withdraw\" (true: thôi nhận).";
			e = APP_EINVAL;
			break;
		}
		d->code = arena_strndup(a, json_string_value(code), json_string_length(code));
		d->withdraw = json_is_true(wd);
		d->has = json_is_number(t);
		d->v = d->has ? json_number_value(t) : 0;
	}
	if (e == APP_OK)
		*nv = json_array_size(arr);
	else
		*v = NULL;
	json_decref(o);
	return e;
}

enum app_err pc_plan_from_json(const char *body, size_t n, struct arena *a, int64_t *directive_id, const char **title,
			       const char **plan_date, int *status, const char **why)
{
	json_t *o = load_object(body, n, status, why), *jd;
	const char *bad = NULL;

	*directive_id = 0;
	*title = *plan_date = NULL;
	if (!o)
		return APP_EINVAL;
	jd = json_object_get(o, "directive_id");
	if (!json_is_integer(jd) || json_integer_value(jd) <= 0)
		bad = "directive_id";
	*title = jstr_in(a, o, "title", &bad);
	*plan_date = jstr_in(a, o, "plan_date", &bad);
	if (!bad)
		*directive_id = json_integer_value(jd);
	json_decref(o);
	if (bad) {
		*title = *plan_date = NULL;
		return wrong_type(a, bad, status, why);
	}
	return APP_OK;
}

enum app_err pc_reason_from_json(const char *body, size_t n, struct arena *a, const char *member, const char **reason,
				 int *status, const char **why)
{
	json_t *o;
	const char *bad = NULL;

	*reason = NULL;
	if (n == 0)
		return APP_OK; /* no body: no reason */
	if (!(o = load_object(body, n, status, why)))
		return APP_EINVAL;
	*reason = jstr_in(a, o, member, &bad);
	json_decref(o);
	if (bad) {
		*reason = NULL;
		return wrong_type(a, bad, status, why);
	}
	return APP_OK;
}

/* ---- directives ---- */

static json_t *summary_json(const struct directive_summary *d)
{
	return json_pack("{s:I,s:s?,s:s?,s:s?,s:{s:s?,s:s?},s:s?,s:s?,s:I,s:I}", "id", (json_int_t)d->id, "number",
			 d->number, "doc_date", d->doc_date, "title", d->title, "issuer", "code", d->unit_code, "name",
			 d->unit_name, "period_from", d->period_from, "period_to", d->period_to, "indicators",
			 (json_int_t)d->nindicators, "plans", (json_int_t)d->nplans);
}

void api_directive_list(struct req *r, struct resp *p)
{
	struct directive_list l;
	json_t *arr;
	enum app_err e;

	if ((e = directive_list_for(r->app->store, r->arena, r->acct.unit_id, 500, &l)) != APP_OK) {
		web_fail(r, p, e, "api-directives");
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(arr, summary_json(&l.v[i]));
	send(r, p, 200, json_pack("{s:o}", "directives", arr));
}

static json_t *indicator_json(const struct indicator *x)
{
	json_t *o = json_object(), *kinds = json_array();

	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "code", json_string(x->code));
	json_object_set_new(o, "name", json_string(x->name));
	json_object_set_new(o, "measure", json_string(x->measure));
	json_object_set_new(o, "direction", json_string(ind_dir_code(x->dir)));
	json_object_set_new(o, "target", x->has_target ? json_real(x->target) : json_null());
	json_object_set_new(o, "baseline", x->has_baseline ? json_real(x->baseline) : json_null());
	json_object_set_new(o, "period", json_string(ind_period_code(x->period)));
	json_object_set_new(o, "agg", json_string(ind_agg_code(x->agg)));
	json_object_set_new(o, "scale", json_real(x->scale));
	for (int k = 0; k < UNIT_KIND_COUNT; k++)
		if (x->kinds & (1u << k))
			json_array_append_new(kinds, json_string(unit_kind_code((enum unit_kind)k)));
	json_object_set_new(o, "kinds", kinds);
	return o;
}

void api_directive_get(struct req *r, struct resp *p, const char *id_text)
{
	struct directive d;
	struct indicator_list il;
	bool in_scope;
	int64_t own = 0;
	json_t *o, *links, *inds;
	enum app_err e;

	if (!pc_load_directive(r, p, id_text, &d, &in_scope))
		return;
	if ((e = indicator_list(r->app->store, r->arena, d.doc.id, &il)) != APP_OK) {
		web_fail(r, p, e, "api-directive");
		return;
	}
	if (r->acct.unit_id)
		plan_find(r->app->store, r->acct.unit_id, d.doc.id, &own);
	o = json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:{s:s?,s:s?},s:s?,s:s?,s:s?,s:s?}", "id", (json_int_t)d.doc.id,
		      "number", d.doc.number, "doc_date", d.doc.doc_date, "title", d.doc.title, "kind", d.doc.kind,
		      "issuer", "code", d.doc.unit_code, "name", d.doc.unit_name, "period_from", d.period_from,
		      "period_to", d.period_to, "system", d.system, "series", d.series);
	links = json_array();
	for (size_t i = 0; i < d.nlinks; i++)
		json_array_append_new(links,
				      json_pack("{s:s,s:I,s:s?,s:s?,s:b}", "rel", doc_rel_code(d.links[i].rel),
						"doc_id", (json_int_t)d.links[i].doc_id, "number", d.links[i].number,
						"title", d.links[i].title, "incoming", d.links[i].incoming));
	json_object_set_new(o, "links", links);
	inds = json_array();
	for (size_t i = 0; i < il.n; i++)
		json_array_append_new(inds, indicator_json(&il.v[i]));
	json_object_set_new(o, "indicators", inds);
	json_object_set_new(o, "own_plan_id", own ? json_integer(own) : json_null());
	send(r, p, 200, o);
}

void api_directive_next_number(struct req *r, struct resp *p)
{
	struct next_number_req q = { .unit_code = r->acct.unit_code };
	const char *sys = req_query(r, "system"), *date = req_query(r, "date"), *why = NULL;
	struct docnum n;
	char series[16], iso[11];
	enum app_err e;

	q.kind = req_query(r, "kind");
	q.symbol = req_query(r, "symbol");
	q.term = req_query(r, "term");
	if (sys && strcmp(sys, "state") != 0 && strcmp(sys, "party") != 0) {
		web_error_msg(r, p, 400, "Tham số system phải là \"party\" hoặc \"state\".");
		return;
	}
	q.system = sys && strcmp(sys, "state") == 0 ? DOCNUM_STATE : DOCNUM_PARTY;
	if (date && !date_parse(date, iso)) {
		web_error_msg(r, p, 422, arena_printf(r->arena, "Ngày «%s» không có thật.", date));
		return;
	}
	q.date = date ? iso : NULL;
	if (!q.kind || !*q.kind) {
		web_error_msg(r, p, 400, "Thiếu tham số kind (loại văn bản, ví dụ CTr, KH).");
		return;
	}
	if ((e = directive_next_number(r->app->store, &q, &n, series, &why)) != APP_OK) {
		refuse(r, p, e, why, "api-next-number");
		return;
	}
	send(r, p, 200,
	     json_pack("{s:s,s:s,s:s}", "number", n.canonical, "series", series, "system",
		       q.system == DOCNUM_STATE ? "state" : "party"));
}

void api_directive_add(struct req *r, struct resp *p)
{
	struct directive_new d = { .unit_code = r->acct.unit_code };
	struct pc_directive_in in;
	struct directive_result res;
	const char *why = NULL;
	json_t *notes;
	int status = 400;
	enum app_err e;

	if (!pc_can_issue(r)) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, "Tài khoản của bạn không được đăng ký văn bản chỉ đạo.");
		return;
	}
	if (pc_directive_from_json(r->body, r->body_len, r->arena, &in, &status, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	d.number = in.number;
	d.doc_date = in.doc_date;
	d.title = in.title;
	d.body = in.body;
	d.period_from = in.period_from;
	d.period_to = in.period_to;
	d.term = in.term;
	for (int i = 0; i < in.nlinks; i++) {
		int64_t to = 0;
		enum app_err fe = directive_find(r->app->store, in.links[i].number, &to);

		if (fe == APP_EINVAL || fe == APP_ENOTFOUND) {
			web_error_msg(r, p, 422,
				      arena_printf(r->arena, "Không tìm thấy văn bản số «%s» để liên kết.",
						   in.links[i].number));
			return;
		}
		if (fe != APP_OK) {
			web_fail(r, p, fe, "api-directive-link");
			return;
		}
		d.links[d.nlinks].rel = in.links[i].rel;
		d.links[d.nlinks++].to_id = to;
	}
	if ((e = directive_add(r->app->store, &d, &res, &why)) != APP_OK) {
		refuse(r, p, e, why, "api-directive-add");
		return;
	}
	notes = json_array();
	for (int i = 0; i < res.num.nnotes; i++)
		json_array_append_new(notes, json_string(docnum_reason_vi(res.num.notes[i])));
	send(r, p, 201,
	     json_pack("{s:I,s:s,s:s,s:s,s:s?,s:o}", "id", (json_int_t)res.id, "number", res.num.canonical, "series",
		       res.series, "system", res.num.system == DOCNUM_STATE ? "state" : "party", "typed", d.number,
		       "notes", notes));
}

void api_indicator_add(struct req *r, struct resp *p, const char *id_text)
{
	struct directive d;
	struct indicator_new n;
	const char *why = NULL;
	bool in_scope;
	int64_t id = 0;
	int status = 400;
	enum app_err e;

	if (!pc_load_directive(r, p, id_text, &d, &in_scope))
		return;
	if (!in_scope || !pc_can_issue(r) || r->acct.unit_id != d.doc.unit_id) {
		p->log_note = "denied";
		web_error_msg(r, p, 403, "Chỉ đơn vị ban hành được thêm chỉ tiêu cho văn bản này.");
		return;
	}
	if (pc_indicator_from_json(r->body, r->body_len, r->arena, &n, &status, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	n.directive_id = d.doc.id;
	if ((e = indicator_add(r->app->store, &n, &id, &why)) != APP_OK) {
		if (e == APP_EEXIST)
			why = arena_printf(r->arena, "Mã chỉ tiêu «%s» đã có trong văn bản này.", n.code ? n.code : "");
		refuse(r, p, e, why, "api-indicator-add");
		return;
	}
	send(r, p, 201, json_pack("{s:I,s:I}", "id", (json_int_t)id, "directive_id", (json_int_t)d.doc.id));
}

/* ---- plans ---- */

void api_plan_create(struct req *r, struct resp *p)
{
	struct plan_new pn = { .unit_code = r->acct.unit_code };
	const char *why = NULL;
	char iso[11], today[11];
	struct directive d;
	bool in_scope;
	int64_t id = 0, dir = 0;
	int status = 400;
	enum app_err e;

	if (pc_plan_from_json(r->body, r->body_len, r->arena, &dir, &pn.title, &pn.plan_date, &status, &why) !=
	    APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	if (!pc_load_directive(r, p, arena_printf(r->arena, "%lld", (long long)dir), &d, &in_scope))
		return;
	if (!role_can_write(r->acct.role)) {
		web_error_msg(r, p, 403, "Tài khoản chỉ xem không lập được kế hoạch.");
		return;
	}
	pn.directive_id = d.doc.id;
	if (!pn.title)
		pn.title = arena_printf(r->arena, "Kế hoạch thực hiện %s", d.doc.number ? d.doc.number : d.doc.title);
	if (!pn.plan_date) {
		date_today(today);
		pn.plan_date = today;
	} else if (!date_parse(pn.plan_date, iso)) {
		web_error_msg(r, p, 422, arena_printf(r->arena, "Ngày kế hoạch «%s» không có thật.", pn.plan_date));
		return;
	}
	if ((e = plan_create(r->app->store, &r->acct, &pn, &id, &why)) != APP_OK) {
		refuse(r, p, e, why, "api-plan-create");
		return;
	}
	send(r, p, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", plan_state_code(PLAN_DRAFT)));
}

void api_plan_adopt(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	struct indicator_list il;
	struct pc_adopt_in *in;
	const char *why = NULL;
	size_t n;
	int64_t *ids;
	int status = 400;
	enum app_err e = APP_OK;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (pc_adopt_from_json(r->body, r->body_len, r->arena, &in, &n, &status, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	if ((e = indicator_list(r->app->store, r->arena, pl.directive_id, &il)) != APP_OK) {
		web_fail(r, p, e, "api-plan-adopt");
		return;
	}
	/* every entry checked before any is stored */
	ids = arena_alloc(r->arena, (n + 1) * sizeof(*ids));
	for (size_t i = 0; i < n && !why; i++) {
		const struct indicator *ind = NULL;

		for (size_t j = 0; j < il.n; j++)
			if (strcmp(il.v[j].code, in[i].code) == 0)
				ind = &il.v[j];
		if (!ind)
			why = arena_printf(r->arena, "Mã chỉ tiêu «%s» không thuộc văn bản chỉ đạo.", in[i].code);
		else if (in[i].has && strcmp(ind->measure, "%") == 0 && (in[i].v < 0 || in[i].v > 100))
			why = arena_printf(r->arena, "Chỉ tiêu %s: tỷ lệ phần trăm phải trong khoảng 0–100.",
					   ind->code);
		else
			ids[i] = ind->id;
	}
	if (why) {
		web_error_msg(r, p, 422, why);
		return;
	}
	for (size_t i = 0; i < n && e == APP_OK; i++)
		e = in[i].withdraw ? plan_unadopt(r->app->store, &r->acct, pl.id, ids[i], &why)
				   : plan_adopt(r->app->store, &r->acct, pl.id, ids[i], in[i].has, in[i].v, &why);
	if (e != APP_OK) {
		refuse(r, p, e, why, "api-plan-adopt");
		return;
	}
	send(r, p, 200, json_pack("{s:I,s:I}", "id", (json_int_t)pl.id, "adopted", (json_int_t)n));
}

enum app_err pc_task_from_json(const char *body, size_t n, struct arena *a, struct task_new *t, const char **bad)
{
	json_error_t jerr;
	json_t *o = json_loadb(body ? body : "", n, JSON_REJECT_DUPLICATES, &jerr);
	static const char *const NAMES[] = { "number",         "content", "lead",     "cooperate", "process",
					     "responsibility", "result",  "deadline", "indicator" };
	const char **slot[] = { &t->number,         &t->content, &t->lead,     &t->cooperate,     &t->process,
				&t->responsibility, &t->result,  &t->deadline, &t->indicator_code };

	memset(t, 0, sizeof(*t));
	*bad = NULL;
	if (!o || !json_is_object(o)) {
		json_decref(o);
		return APP_EINVAL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(NAMES); i++)
		*slot[i] = jstr_in(a, o, NAMES[i], bad);
	json_decref(o);
	if (*bad) {
		memset(t, 0, sizeof(*t));
		return APP_EINVAL;
	}
	return APP_OK;
}

/* Read a task from the body; false when p holds the 400. */
static bool task_body(struct req *r, struct resp *p, struct task_new *t)
{
	const char *bad = NULL;

	if (pc_task_from_json(r->body, r->body_len, r->arena, t, &bad) == APP_OK)
		return true;
	if (bad)
		bad_type(r, p, bad);
	else {
		p->log_note = "bad-json";
		web_error_msg(r, p, 400, "Nội dung gửi lên phải là một đối tượng JSON.");
	}
	return false;
}

/* The stored task as JSON: its id and the elements the check finds missing. */
static void send_task(struct req *r, struct resp *p, int status, int64_t plan_id, int64_t tid)
{
	struct plan pl;
	json_t *miss = json_array();
	enum app_err e = plan_get(r->app->store, r->arena, plan_id, &pl);

	if (e != APP_OK) {
		json_decref(miss);
		web_fail(r, p, e, "api-task");
		return;
	}
	for (size_t i = 0; i < pl.ntasks; i++)
		if (pl.tasks[i].id == tid) {
			for (int el = 0; el < PE_COUNT; el++)
				if (pl.tasks[i].missing & (1u << el))
					json_array_append_new(miss, json_string(plan_elem_code((enum plan_elem)el)));
			send(r, p, status,
			     json_pack("{s:I,s:I,s:s?,s:s?,s:s?,s:o}", "id", (json_int_t)tid, "plan_id",
				       (json_int_t)plan_id, "number", pl.tasks[i].number, "deadline",
				       pl.tasks[i].deadline, "done_date", pl.tasks[i].done_date, "missing", miss));
			return;
		}
	json_decref(miss);
	web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
}

void api_plan_task_add(struct req *r, struct resp *p, const char *id_text)
{
	struct plan pl;
	struct task_new t;
	const char *why = NULL;
	int64_t tid = 0;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl) || !task_body(r, p, &t))
		return;
	pc_link_units(r, &pl, &t);
	if ((e = plan_add_task(r->app->store, &r->acct, pl.id, &t, &tid, &why)) != APP_OK) {
		refuse(r, p, e, why, "api-task-add");
		return;
	}
	send_task(r, p, 201, pl.id, tid);
}

void api_plan_task_put(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	struct plan pl;
	struct task_new t;
	const char *why = NULL;
	int64_t tid;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (!parse_int64(tid_text, &tid)) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if (!task_body(r, p, &t))
		return;
	pc_link_units(r, &pl, &t);
	if ((e = plan_update_task(r->app->store, &r->acct, pl.id, tid, &t, &why)) != APP_OK) {
		refuse(r, p, e, e == APP_ENOTFOUND ? "Kế hoạch không có nhiệm vụ này." : why, "api-task-put");
		return;
	}
	send_task(r, p, 200, pl.id, tid);
}

void api_plan_task_delete(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	struct plan pl;
	const char *why = NULL;
	int64_t tid;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (!parse_int64(tid_text, &tid)) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if ((e = plan_delete_task(r->app->store, &r->acct, pl.id, tid, &why)) != APP_OK) {
		refuse(r, p, e, e == APP_ENOTFOUND ? "Kế hoạch không có nhiệm vụ này." : why, "api-task-delete");
		return;
	}
	send(r, p, 200, json_pack("{s:I,s:b}", "id", (json_int_t)tid, "deleted", 1));
}

void api_plan_task_done(struct req *r, struct resp *p, const char *id_text, const char *tid_text)
{
	struct plan pl;
	const char *why = NULL, *typed = NULL, *date = NULL;
	char iso[11];
	int64_t tid = 0;
	int status = 400;
	bool found = false;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (parse_int64(tid_text, &tid))
		for (size_t i = 0; i < pl.ntasks; i++)
			found |= pl.tasks[i].id == tid;
	if (!found) {
		web_error_msg(r, p, 404, "Kế hoạch không có nhiệm vụ này.");
		return;
	}
	if (!r->body_len) { /* an empty body would silently reopen the task */
		web_error_msg(r, p, 400, "Cần {\"date\": \"dd/mm/yyyy\"} (hoàn thành) hoặc {\"date\": null} (mở lại).");
		return;
	}
	if (pc_reason_from_json(r->body, r->body_len, r->arena, "date", &typed, &status, &why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	if (typed && !(date = pc_done_date(r, typed, iso, &why))) {
		web_error_msg(r, p, 422, why);
		return;
	}
	if ((e = plan_task_done(r->app->store, &r->acct, tid, date, &why)) != APP_OK) {
		refuse(r, p, e, why, "api-task-done");
		return;
	}
	send_task(r, p, 200, pl.id, tid);
}

void api_plan_action(struct req *r, struct resp *p, const char *id_text, const char *action)
{
	struct plan pl;
	const char *why = NULL, *reason = NULL;
	int status = 400;
	enum app_err e;

	if (!pc_load_plan(r, p, id_text, &pl))
		return;
	if (pc_reason_from_json(r->body, r->body_len, r->arena,
				strcmp(action, "accept") == 0 ? "override_reason" : "reason", &reason, &status,
				&why) != APP_OK) {
		p->log_note = "bad-json";
		web_error_msg(r, p, status, why);
		return;
	}
	if (strcmp(action, "submit") == 0)
		e = plan_submit(r->app->store, &r->acct, pl.id, &why);
	else if (strcmp(action, "return") == 0)
		e = plan_return(r->app->store, &r->acct, pl.id, reason, &why);
	else
		e = plan_accept(r->app->store, &r->acct, pl.id, reason, &why);
	if (e != APP_OK) {
		refuse(r, p, e, why, "api-plan-action");
		return;
	}
	if ((e = plan_get(r->app->store, r->arena, pl.id, &pl)) != APP_OK) {
		web_fail(r, p, e, "api-plan-action");
		return;
	}
	send(r, p, 200,
	     json_pack("{s:I,s:s,s:s,s:s?}", "id", (json_int_t)pl.id, "state", plan_state_code(pl.state), "state_label",
		       plan_state_vi(pl.state), "override_reason", pl.override_reason));
}
