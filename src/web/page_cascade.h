/*
** The cascade's pages and API beyond the declarations of web/internal.h
** (page_cascade.c, page_directive_list.c, page_plan_edit.c,
** page_plan_api.c): the directive list and its registration form, the
** indicator form, plan creation and editing (adopted indicators, tasks,
** import, export), and /api/v1 for the same operations. Routed by
** route_cascade.c. docs/cascade.md, "Pages and API".
*/
#ifndef GIAMSAT_WEB_PAGE_CASCADE_H
#define GIAMSAT_WEB_PAGE_CASCADE_H

#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "web/internal.h"

/* ---- shared by the files above (page_cascade.c) ---- */

/* "1.234,5": as many decimals as the value needs, at most 2; in r->arena. */
const char *pc_num_vn(struct arena *a, double v);
/* The form field name as typed (NFC), or "" when absent: for re-shown forms. */
const char *pc_val(struct req *r, const char *name);
/*
** Load the directive id_text that r's account may read (its issuer is in
** scope, or it binds the account's unit); false when p holds the 404/403.
** *in_scope: the issuer is readable.
*/
bool pc_load_directive(struct req *r, struct resp *p, const char *id_text, struct directive *d, bool *in_scope);
/* Load the plan id_text that r's account may read; false when p holds the error. */
bool pc_load_plan(struct req *r, struct resp *p, const char *id_text, struct plan *pl);
/* May r's account edit the plan now (its own unit, writer, draft or returned)? */
bool pc_can_edit_plan(struct req *r, const struct plan *pl);
/* May r's account record tasks done (its own unit's plan, writer; in any state)? */
bool pc_can_mark_done(struct req *r, const struct plan *pl);
/* May r's account issue directives (a writer role; they are issued by its own unit)? */
bool pc_can_issue(struct req *r);
/* Parse a number typed the Vietnamese way ("1.234,5", "95", "95.5"): false when it is not one. */
bool pc_parse_num(const char *s, double *out);

/*
** The directive page with an error in one of its forms (indicator: which
** "chi-tieu", or plan creation: "ke-hoach"), re-shown with the values
** typed and that status; error NULL: the plain page (status 200).
*/
void page_directive_view(struct req *r, struct resp *p, const char *id_text, int status, const char *form,
			 const char *error);
/* The plan page likewise (form "chi-tieu", "nhiem-vu", "nhap-tep" or NULL). */
void page_plan_view(struct req *r, struct resp *p, const char *id_text, int status, const char *form,
		    const char *error);

/* ---- page_directive_list.c ---- */

/* GET /chuong-trinh: the directives binding the account's unit; the registration form. */
void page_directive_list(struct req *r, struct resp *p);
/* POST /chuong-trinh: register a directive issued by the account's unit. */
void page_directive_add_post(struct req *r, struct resp *p);
/* POST /chuong-trinh/ID/chi-tieu: add an indicator. */
void page_indicator_add_post(struct req *r, struct resp *p, const char *id);
/* The indicator form of a directive page (values typed when re-shown). */
void pc_write_indicator_form(struct req *r, struct sbuf *b, int64_t directive_id, const char *error);

/* ---- page_plan_edit.c ---- */

/* POST /chuong-trinh/ID/ke-hoach: the account's unit creates its plan. */
void page_plan_create_post(struct req *r, struct resp *p, const char *directive_id);
/* POST /ke-hoach/ID/chi-tieu: adopt indicators with local targets. */
void page_plan_adopt_post(struct req *r, struct resp *p, const char *id);
/* POST /ke-hoach/ID/nhiem-vu: add a task. */
void page_plan_task_add_post(struct req *r, struct resp *p, const char *id);
/* GET /ke-hoach/ID/nhiem-vu/TID: the task's edit form; POST saves, POST .../xoa deletes. */
void page_plan_task_edit(struct req *r, struct resp *p, const char *id, const char *tid);
void page_plan_task_edit_post(struct req *r, struct resp *p, const char *id, const char *tid);
void page_plan_task_delete_post(struct req *r, struct resp *p, const char *id, const char *tid);
/* POST /ke-hoach/ID/nhiem-vu/TID/hoan-thanh (field ngay, dd/mm/yyyy) or .../mo-lai. */
void page_plan_task_done_post(struct req *r, struct resp *p, const char *id, const char *tid, bool reopen);
/*
** The done date typed for a task: NULL and *why when it is not a real
** date or lies after today; else its ISO form in out.
*/
const char *pc_done_date(struct req *r, const char *typed, char out[11], const char **why);
/* POST /ke-hoach/ID/nhap-tep: import tasks from a .docx/.xlsx/.txt (multipart field "tep"). */
void page_plan_import_post(struct req *r, struct resp *p, const char *id);
/* GET /ke-hoach/ID/tai-ve.xlsx or .docx. */
void page_plan_export(struct req *r, struct resp *p, const char *id, const char *ext);
/*
** The editing sections of the plan page (adopt, add task, import), when
** pc_can_edit_plan; cv is the plan unit's coverage with items (NULL: no
** adopt form).
*/
struct coverage;
void pc_write_plan_edit(struct req *r, struct sbuf *b, const struct plan *pl, const struct coverage *cv,
			const char *form, const char *error);
/* Read the task fields of a form (content, lead, cooperate, ...) into t (strings in r). */
void pc_task_from_form(struct req *r, struct task_new *t);
/*
** Link a task's lead and co-operating units (",", ";" separated) to the
** tree when a name is exactly that of the plan's unit or of one of its
** current subordinates (t->lead_unit_code, t->coop_unit_codes; in
** r->arena). Other names stay free text.
*/
void pc_link_units(struct req *r, const struct plan *pl, struct task_new *t);
/* A bad-input error from the model as a Vietnamese message and a status (400/403/404/409/422). */
int pc_status_of(enum app_err e);

/* ---- page_plan_api.c: /api/v1 (docs/api.md) ---- */

/*
** Read a task of the API (a JSON object with optional string members
** number, content, lead, cooperate, process, responsibility, result,
** deadline, indicator) into t, strings copied into a. APP_EINVAL when the
** body is not a JSON object (*bad NULL) or a member is not a string or
** holds a NUL (*bad names it); t is then all NULL.
*/
enum app_err pc_task_from_json(const char *body, size_t n, struct arena *a, struct task_new *t, const char **bad);

/*
** The other bodies of the API, read without I/O (strings copied into a).
** APP_EINVAL: *status 400 (not a JSON object, a member of the wrong type)
** or 422 (a value out of its set), *why the Vietnamese reason (static or
** in a), and nothing returned.
*/
struct pc_directive_in {
	const char *number, *doc_date, *title, *body, *period_from, *period_to, *term;
	struct {
		enum doc_rel rel;
		const char *number; /* of the linked document, any variant */
	} links[DIRECTIVE_MAX_LINKS];
	int nlinks;
};
enum app_err pc_directive_from_json(const char *body, size_t n, struct arena *a, struct pc_directive_in *out,
				    int *status, const char **why);
/* An indicator (directive_id left 0); direction, period and agg default to up, year, sum. */
enum app_err pc_indicator_from_json(const char *body, size_t n, struct arena *a, struct indicator_new *out, int *status,
				    const char **why);
struct pc_adopt_in {
	const char *code;
	bool has, withdraw; /* has: local_target given (null: without a number) */
	double v;
};
/* {"indicators":[{code, local_target, withdraw}]}: *v (in a) and *nv. */
enum app_err pc_adopt_from_json(const char *body, size_t n, struct arena *a, struct pc_adopt_in **v, size_t *nv,
				int *status, const char **why);
/* {directive_id (integer > 0), title?, plan_date?}. */
enum app_err pc_plan_from_json(const char *body, size_t n, struct arena *a, int64_t *directive_id, const char **title,
			       const char **plan_date, int *status, const char **why);
/* {member?: string} or an empty body (no reason). */
enum app_err pc_reason_from_json(const char *body, size_t n, struct arena *a, const char *member, const char **reason,
				 int *status, const char **why);

void api_directive_list(struct req *r, struct resp *p);
void api_directive_add(struct req *r, struct resp *p);
void api_directive_get(struct req *r, struct resp *p, const char *id);
void api_directive_next_number(struct req *r, struct resp *p);
void api_indicator_add(struct req *r, struct resp *p, const char *directive_id);
void api_plan_create(struct req *r, struct resp *p);
void api_plan_adopt(struct req *r, struct resp *p, const char *id);
void api_plan_task_add(struct req *r, struct resp *p, const char *id);
void api_plan_task_put(struct req *r, struct resp *p, const char *id, const char *tid);
void api_plan_task_delete(struct req *r, struct resp *p, const char *id, const char *tid);
/* POST /plans/ID/tasks/TID/done {"date": "..." | null}. */
void api_plan_task_done(struct req *r, struct resp *p, const char *id, const char *tid);
/* action "submit", "return" or "accept". */
void api_plan_action(struct req *r, struct resp *p, const char *id, const char *action);

#endif
