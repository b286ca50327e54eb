/*
** The inspection API under /api/v1 (docs/api.md, "Inspections"):
**
**   GET  /inspections?year=           the year's programme of the caller's subtree
**   POST /inspections                 add one (commission)
**   GET  /inspections/ID              an inspection with its team and every conclusion version
**   POST /inspections/ID/team         {"login","role"}
**   POST /inspections/ID/conclusions  {"date","number","commendations","criticisms"}
**   GET  /conclusions/ID              one version with its findings
**   POST /conclusions/ID/findings     {"content","cause_kind","cause","addressee_unit"|"addressee_person","remedy","deadline"}
**   POST /conclusions/ID/findings/FID the same fields: replace a finding of a draft
**   POST /conclusions/ID/issue
**   POST /conclusions/ID/correct      {"date","reason"}
**   GET  /risk?year=                  scores with signals, parts and the weights
**
** Same rules as the pages: reads need the unit in the caller's subtree
** (403), writes are the commission's (inspector or admin) and then the
** model's; refusals are {"error":{"code","message"}} with 400 (bad JSON),
** 403, 404, 409 or 422 (the model's Vietnamese reason), nothing stored.
*/
#include "web/page_inspect.h"

#include <jansson.h>
#include <stdlib.h>

#include "model/risk.h"
#include "text/text.h"

static void send(struct resp *p, int status, json_t *o)
{
	api_send_json(p, status, o);
}

static json_t *insp_json(struct req *r, const struct inspection *in, bool full)
{
	char today[11];
	json_t *o = json_object();

	date_today(today);
	json_object_set_new(o, "id", json_integer(in->id));
	json_object_set_new(o, "kind", json_string(insp_kind_code(in->kind)));
	json_object_set_new(o, "kind_label", json_string(insp_kind_vi(in->kind)));
	json_object_set_new(o, "unit", json_pack("{s:s?,s:s?}", "code", in->unit_code, "name", in->unit_name));
	json_object_set_new(o, "year", json_integer(in->year));
	json_object_set_new(o, "title", api_jstr(in->title));
	json_object_set_new(o, "subjects", api_jstr(in->subjects));
	json_object_set_new(o, "decision_no", api_jstr(in->decision_no));
	json_object_set_new(o, "date_from", api_jstr(in->date_from));
	json_object_set_new(o, "date_to", api_jstr(in->date_to));
	json_object_set_new(o, "state", api_jstr(in->state));
	json_object_set_new(o, "state_label", json_string(pi_state_vi(in, today)));
	if (full) {
		json_object_set_new(o, "purpose", api_jstr(in->purpose));
		json_object_set_new(o, "content", api_jstr(in->content));
		json_object_set_new(o, "method", api_jstr(in->method));
	}
	{
		struct team_list tl;
		json_t *team = json_array();

		if (team_list(r->app->store, r->arena, &r->acct, in->id, &tl) == APP_OK)
			for (size_t i = 0; i < tl.n; i++)
				json_array_append_new(team,
						      json_pack("{s:s?,s:s?,s:s,s:s,s:s?}", "login", tl.v[i].login,
								"name", tl.v[i].name, "role",
								team_role_code(tl.v[i].role), "role_label",
								team_role_vi(tl.v[i].role), "unit", tl.v[i].unit_name));
		json_object_set_new(o, "team", team);
	}
	return o;
}

static json_t *conc_json(const struct conclusion *c)
{
	json_t *o = json_object(), *fs = json_array();

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "inspection_id", json_integer(c->inspection_id));
	json_object_set_new(o, "version", json_integer(c->version));
	json_object_set_new(o, "state", api_jstr(c->state));
	json_object_set_new(o, "state_label", json_string(pi_conc_state_vi(c->state)));
	json_object_set_new(o, "number", api_jstr(c->number));
	json_object_set_new(o, "date", api_jstr(c->conc_date));
	json_object_set_new(o, "commendations", api_jstr(c->commendations));
	json_object_set_new(o, "criticisms", api_jstr(c->criticisms));
	json_object_set_new(o, "correction_reason", api_jstr(c->correction_reason));
	for (size_t i = 0; i < c->findings.n; i++) {
		const struct finding *f = &c->findings.v[i];
		json_t *x = json_object();

		json_object_set_new(x, "id", json_integer(f->id));
		json_object_set_new(x, "seq", json_integer(f->seq));
		json_object_set_new(x, "content", api_jstr(f->content));
		json_object_set_new(x, "cause_kind", api_jstr(f->cause_kind));
		json_object_set_new(x, "cause", api_jstr(f->cause));
		json_object_set_new(x, "addressee_kind", api_jstr(f->addressee_kind));
		json_object_set_new(x, "addressee", api_jstr(f->addressee));
		json_object_set_new(x, "remedy", api_jstr(f->remedy));
		json_object_set_new(x, "deadline", api_jstr(f->deadline));
		json_object_set_new(x, "done_date", api_jstr(f->done_date));
		json_object_set_new(x, "live", json_boolean(f->live));
		json_object_set_new(x, "status", json_string(task_status_code(f->status)));
		json_array_append_new(fs, x);
	}
	json_object_set_new(o, "findings", fs);
	return o;
}

enum app_err pi_json_fields(const char *body, size_t len, bool may_be_empty, struct arena *a, const char *const *names,
			    size_t n, const char **values, int64_t *year, const char **why)
{
	json_error_t jerr;
	json_t *o;
	enum app_err e = APP_OK;

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	if (year)
		*year = 0;
	*why = NULL;
	if (may_be_empty && len == 0)
		return APP_OK;
	o = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o || !json_is_object(o)) {
		json_decref(o);
		*why = "Nội dung gửi lên phải là một đối tượng JSON.";
		return APP_EINVAL;
	}
	for (size_t i = 0; i < n && e == APP_OK; i++) {
		json_t *v = json_object_get(o, names[i]);
		char *nfc;

		if (!v || json_is_null(v))
			continue;
		if (!json_is_string(v) || memchr(json_string_value(v), '\0', json_string_length(v)) ||
		    !(nfc = text_nfc(json_string_value(v), json_string_length(v), NULL))) {
			*why = "Các trường phải là chuỗi ký tự.";
			e = APP_EINVAL;
			break;
		}
		values[i] = arena_strdup(a, nfc);
		free(nfc);
	}
	if (e == APP_OK && year) {
		json_t *y = json_object_get(o, "year");

		if (y && !json_is_null(y)) {
			if (!json_is_integer(y) || json_integer_value(y) < 1 || json_integer_value(y) > 99999) {
				*why = "Năm phải là một số nguyên.";
				e = APP_EINVAL;
			} else {
				*year = json_integer_value(y);
			}
		}
	}
	json_decref(o);
	if (e != APP_OK)
		for (size_t i = 0; i < n; i++)
			values[i] = NULL;
	return e;
}

/* pi_json_fields on r's body; false with the 400 in p. */
static bool fields(struct req *r, struct resp *p, bool may_be_empty, const char *const *names, size_t n,
		   const char **values, int64_t *year)
{
	const char *why = NULL;

	if (pi_json_fields(r->body, r->body_len, may_be_empty, r->arena, names, n, values, year, &why) == APP_OK)
		return true;
	web_error_msg(r, p, 400, why);
	return false;
}

static bool need_commission(struct req *r, struct resp *p)
{
	if (pi_commission(r))
		return true;
	web_error_msg(r, p, 403, "Chỉ cán bộ Ủy ban Kiểm tra được thay đổi hồ sơ kiểm tra, giám sát.");
	return false;
}

/* Send a model refusal: its status and Vietnamese reason. */
static void refuse(struct req *r, struct resp *p, enum app_err e, const char *why, const char *what)
{
	if (e == APP_EINVAL || e == APP_EEXIST || e == APP_ECONFLICT || e == APP_EDENIED || e == APP_ENOTFOUND)
		web_error_msg(r, p, pi_refusal_status(e), why ? why : web_err_message(e));
	else
		web_fail(r, p, e, what);
}

static int api_year(struct req *r, struct resp *p)
{
	const char *y = req_query(r, "year");
	int64_t v;
	char today[11];

	if (!y) {
		date_today(today);
		return (int)strtol(today, NULL, 10);
	}
	if (!parse_int64(y, &v) || v < 1930 || v > 2200) {
		web_error_msg(r, p, 400, "Năm không hợp lệ.");
		return 0;
	}
	return (int)v;
}

static void inspections_get(struct req *r, struct resp *p)
{
	struct inspection_list l;
	int year = api_year(r, p);
	json_t *o, *a;
	enum app_err e;

	if (!year)
		return;
	if ((e = programme_list(r->app->store, r->arena, &r->acct, year, 0, &l)) != APP_OK) {
		web_fail(r, p, e, "api-programme");
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, insp_json(r, &l.v[i], false));
	o = json_object();
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "inspections", a);
	send(p, 200, o);
}

static void inspections_post(struct req *r, struct resp *p)
{
	static const char *const F[] = { "kind",    "unit",    "title",  "subjects",  "decision_no",
					 "purpose", "content", "method", "date_from", "date_to" };
	const char *v[ARRAY_SIZE(F)];
	struct inspection_new n = { 0 };
	struct inspection in;
	const char *why = NULL;
	int64_t id = 0, year = 0;
	enum app_err e;

	if (!need_commission(r, p) || !fields(r, p, false, F, ARRAY_SIZE(F), v, &year))
		return;
	n.target_code = v[1];
	n.title = v[2];
	n.subjects = v[3];
	n.decision_no = v[4];
	n.purpose = v[5];
	n.content = v[6];
	n.method = v[7];
	n.date_from = v[8];
	n.date_to = v[9];
	n.year = year > 0 && year < 100000 ? (int)year : 0;
	if (!v[0] || !insp_kind_parse(v[0], &n.kind)) {
		web_error_msg(r, p, 422, "Loại hình kiểm tra, giám sát không hợp lệ.");
		return;
	}
	e = inspection_add(r->app->store, &r->acct, &n, &id, &why);
	if (e != APP_OK) {
		refuse(r, p, e, why, "api-inspection-add");
		return;
	}
	if ((e = inspection_get(r->app->store, r->arena, &r->acct, id, &in)) != APP_OK) {
		web_fail(r, p, e, "api-inspection-add");
		return;
	}
	send(p, 201, insp_json(r, &in, true));
}

static void inspection_get_json(struct req *r, struct resp *p, const struct inspection *in)
{
	json_t *o = insp_json(r, in, true), *cs = json_array();
	int64_t *ids = NULL;
	size_t n = 0;
	enum app_err e;

	if ((e = conclusion_versions(r->app->store, r->arena, &r->acct, in->id, &ids, &n)) != APP_OK) {
		json_decref(o);
		json_decref(cs);
		web_fail(r, p, e, "api-inspection");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct conclusion c;

		if ((e = conclusion_get(r->app->store, r->arena, &r->acct, ids[i], &c)) != APP_OK) {
			json_decref(o);
			json_decref(cs);
			web_fail(r, p, e, "api-inspection");
			return;
		}
		json_array_append_new(cs, conc_json(&c));
	}
	json_object_set_new(o, "conclusions", cs);
	send(p, 200, o);
}

static void team_post(struct req *r, struct resp *p, const struct inspection *in)
{
	static const char *const F[] = { "login", "role" };
	const char *v[ARRAY_SIZE(F)], *why = NULL;
	enum team_role tr = TR_COUNT;
	enum app_err e;

	if (!need_commission(r, p) || !fields(r, p, false, F, ARRAY_SIZE(F), v, NULL))
		return;
	for (int k = 0; v[1] && k < TR_COUNT; k++)
		if (strcmp(v[1], team_role_code((enum team_role)k)) == 0)
			tr = (enum team_role)k;
	e = team_add_member(r->app->store, &r->acct, in->id, v[0], tr, &why);
	if (e != APP_OK) {
		refuse(r, p, e, why, "api-team");
		return;
	}
	send(p, 201, insp_json(r, in, false));
}

static void send_conclusion(struct req *r, struct resp *p, int status, int64_t id)
{
	struct conclusion c;
	enum app_err e = conclusion_get(r->app->store, r->arena, &r->acct, id, &c);

	if (e != APP_OK)
		web_fail(r, p, e, "api-conclusion");
	else
		send(p, status, conc_json(&c));
}

static void conclusions_post(struct req *r, struct resp *p, const struct inspection *in)
{
	static const char *const F[] = { "date", "number", "commendations", "criticisms" };
	const char *v[ARRAY_SIZE(F)], *why = NULL;
	int64_t id = 0;
	enum app_err e;

	if (!need_commission(r, p) || !fields(r, p, false, F, ARRAY_SIZE(F), v, NULL))
		return;
	e = conclusion_create(r->app->store, &r->acct, in->id, v[0], v[1], v[2], v[3], &id, &why);
	if (e != APP_OK)
		refuse(r, p, e, why, "api-conclusion-create");
	else
		send_conclusion(r, p, 201, id);
}

/* /conclusions/ID[/ACTION] */
static void conclusion_route(struct req *r, struct resp *p, const char *id_text, const char *action, bool get)
{
	struct conclusion c;
	const char *why = NULL;
	int64_t id, nid = 0, fid = 0;
	enum app_err e;

	if (!parse_int64(id_text, &id) || id <= 0) {
		web_error_msg(r, p, 404, "Không có kết luận này.");
		return;
	}
	e = conclusion_get(r->app->store, r->arena, &r->acct, id, &c);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có kết luận này.");
		return;
	}
	if (e == APP_EDENIED) {
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem kết luận này: đơn vị được kiểm tra nằm ngoài phạm vi "
			      "tài khoản của bạn.");
		return;
	}
	if (e != APP_OK) {
		web_fail(r, p, e, "api-conclusion");
		return;
	}
	if (!action) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else
			send(p, 200, conc_json(&c));
		return;
	}
	if (strncmp(action, "findings/", 9) == 0) {
		bool mine = false;

		if (parse_int64(action + 9, &fid))
			for (size_t i = 0; i < c.findings.n; i++)
				mine |= c.findings.v[i].id == fid;
		if (!mine) {
			web_error_msg(r, p, 404, "Không có khuyết điểm này trong kết luận.");
			return;
		}
		action = "findings";
	}
	if (strcmp(action, "findings") && strcmp(action, "issue") && strcmp(action, "correct")) {
		web_error(r, p, 404);
		return;
	}
	if (get) {
		web_not_allowed(r, p, "POST");
		return;
	}
	if (!need_commission(r, p))
		return;
	if (strcmp(action, "findings") == 0) {
		static const char *const F[] = { "content",          "cause_kind", "cause",   "addressee_unit",
						 "addressee_person", "remedy",     "deadline" };
		const char *v[ARRAY_SIZE(F)];
		struct finding_new f = { 0 };

		if (!fields(r, p, false, F, ARRAY_SIZE(F), v, NULL))
			return;
		f.content = v[0];
		f.cause = v[2];
		f.addressee_unit_code = v[3];
		f.addressee_person = v[4];
		f.remedy = v[5];
		f.deadline = v[6];
		if (v[1] && strcmp(v[1], "subjective") == 0)
			f.cause_kind = FC_SUBJECTIVE;
		else if (v[1] && strcmp(v[1], "objective") == 0)
			f.cause_kind = FC_OBJECTIVE;
		else if (v[1] && *v[1]) {
			web_error_msg(r, p, 422,
				      "Loại nguyên nhân phải là \"subjective\" (chủ quan) hoặc \"objective\" "
				      "(khách quan).");
			return;
		}
		if (fid)
			e = finding_update(r->app->store, &r->acct, fid, &f, &why);
		else
			e = finding_add(r->app->store, &r->acct, id, &f, &nid, &why);
		if (e != APP_OK)
			refuse(r, p, e, why, "api-finding-add");
		else
			send_conclusion(r, p, fid ? 200 : 201, id);
	} else if (strcmp(action, "issue") == 0) {
		const char *none[1];

		if (!fields(r, p, true, NULL, 0, none, NULL))
			return;
		e = conclusion_issue(r->app->store, &r->acct, id, &why);
		if (e != APP_OK)
			refuse(r, p, e, why, "api-issue");
		else {
			web_cache_invalidate();
			send_conclusion(r, p, 200, id);
		}
	} else {
		static const char *const F[] = { "date", "reason" };
		const char *v[ARRAY_SIZE(F)];

		if (!fields(r, p, false, F, ARRAY_SIZE(F), v, NULL))
			return;
		e = conclusion_correct(r->app->store, &r->acct, id, v[0], v[1], &nid, &why);
		if (e != APP_OK)
			refuse(r, p, e, why, "api-correct");
		else
			send_conclusion(r, p, 201, nid);
	}
}

static void risk_get(struct req *r, struct resp *p)
{
	struct risk_table t;
	int year = api_year(r, p);
	json_t *o, *w, *rows;
	enum app_err e;

	if (!year)
		return;
	if ((e = risk_scores(r->app->store, r->arena, &r->acct, 0, year, NULL, &t)) != APP_OK) {
		web_fail(r, p, e, "api-risk");
		return;
	}
	w = json_object();
	for (int i = 0; i < RS_COUNT; i++)
		json_object_set_new(w, risk_signal_code((enum risk_signal)i), json_real(t.weights.w[i]));
	o = json_object();
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "weights", w);
	json_object_set_new(o, "weights_default", json_boolean(t.weights.is_default));
	json_object_set_new(o, "weights_note", api_jstr(t.weights.note));
	rows = json_array();
	for (size_t i = 0; i < t.n; i++) {
		json_t *x = json_object(), *sig = json_object();

		json_object_set_new(x, "unit", json_pack("{s:s?,s:s?}", "code", t.v[i].code, "name", t.v[i].name));
		json_object_set_new(x, "score", json_real(t.v[i].score));
		for (int k = 0; k < RS_COUNT; k++) {
			/* the wording of what it rests on only for the first rows, like the page */
			const char *ev =
				i < 300 ? risk_evidence(r->app->store, r->arena, &t.v[i], (enum risk_signal)k) : NULL;

			json_object_set_new(sig, risk_signal_code((enum risk_signal)k),
					    json_pack("{s:f,s:f,s:o}", "value", t.v[i].signal[k], "part",
						      t.v[i].part[k], "evidence", api_jstr(ev)));
		}
		json_object_set_new(x, "signals", sig);
		json_array_append_new(rows, x);
	}
	json_object_set_new(o, "units", rows);
	send(p, 200, o);
}

bool api_inspect(struct req *r, struct resp *p, const char *path)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	bool post = strcmp(r->method, "POST") == 0;

	if (strcmp(path, "/inspections") == 0) {
		if (!get && !post)
			web_not_allowed(r, p, "GET, HEAD, POST");
		else if (api_authenticate(r, p)) {
			if (get)
				inspections_get(r, p);
			else
				inspections_post(r, p);
		}
	} else if (strncmp(path, "/inspections/", 13) == 0 && path[13]) {
		char *id = arena_strdup(r->arena, path + 13), *act = strchr(id, '/');
		struct inspection in;

		if (act)
			*act++ = '\0';
		if (act && (strchr(act, '/') || (strcmp(act, "team") && strcmp(act, "conclusions"))))
			web_error(r, p, 404);
		else if (act && !post)
			web_not_allowed(r, p, "POST");
		else if (!act && !get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p) && pi_load(r, p, id, &in)) {
			if (!act)
				inspection_get_json(r, p, &in);
			else if (strcmp(act, "team") == 0)
				team_post(r, p, &in);
			else
				conclusions_post(r, p, &in);
		}
	} else if (strncmp(path, "/conclusions/", 13) == 0 && path[13]) {
		char *id = arena_strdup(r->arena, path + 13), *act = strchr(id, '/');

		if (act)
			*act++ = '\0';
		if (act && strchr(act, '/') && (strncmp(act, "findings/", 9) || strchr(act + 9, '/')))
			web_error(r, p, 404);
		else if (!get && !post)
			web_not_allowed(r, p, act ? "POST" : "GET, HEAD");
		else if (api_authenticate(r, p))
			conclusion_route(r, p, id, act, get);
	} else if (strcmp(path, "/risk") == 0) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p))
			risk_get(r, p);
	} else {
		return false;
	}
	return true;
}
