/*
** Implementation plans (kế hoạch thực hiện): one per unit and directive.
** A plan adopts the directive's applicable indicators with local targets
** (the cascade, model/coverage.h) and lists tasks, each with its content,
** exactly one lead (a unit or a person: "một việc, một đầu mối"),
** co-operating units, process, responsibility, expected result, deadline
** and optionally an indicator. States: draft -> submitted -> returned
** (back to the unit, editable again) or accepted. A plan whose check fails
** is accepted only when a leader or administrator overrides with a reason;
** every state change is appended to the audit log in its transaction.
**
** Access: `who` NULL is the command line (the system); otherwise a unit
** edits only its own plans (access_can_write and the same unit, or an
** administrator) and its superiors review them (submit by the unit; return
** and accept by a writer of a strict ancestor).
*/
#ifndef GIAMSAT_MODEL_PLAN_H
#define GIAMSAT_MODEL_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest/idoc.h"
#include "model/account.h"
#include "model/plan_check.h"
#include "util/util.h"

struct store;

enum plan_state { PLAN_DRAFT = 0, PLAN_SUBMITTED, PLAN_RETURNED, PLAN_ACCEPTED, PLAN_STATE_COUNT };

const char *plan_state_code(enum plan_state s); /* "draft" ... "accepted" */
const char *plan_state_vi(enum plan_state s);   /* "Dự thảo", "Đã gửi", "Trả lại", "Đã chấp thuận" */
bool plan_state_parse(const char *s, enum plan_state *out);

struct plan_new {
	const char *unit_code; /* the unit whose plan it is */
	int64_t directive_id;  /* the directive it implements */
	const char *title;
	const char *plan_date; /* ISO or dd/mm/yyyy */
	int64_t doc_id;        /* the plan's own numbered doc, or 0 */
	bool demo;
};

/*
** Create a draft plan. APP_EINVAL (*why static, Vietnamese) for a bad date,
** an unknown unit or directive, or a unit not subject to the directive (not
** strictly inside its issuer's subtree); APP_EEXIST when the unit has a
** plan for it; APP_EDENIED when who may not write the unit.
*/
enum app_err plan_create(struct store *s, const struct account *who, const struct plan_new *p, int64_t *id,
			 const char **why);

/*
** Adopt an indicator of the plan's directive with a local target
** (has_target false: adopted without a number, reported as not
** measurable); adopting again replaces the target. APP_EINVAL when the
** indicator is not the directive's or does not apply to the unit's kind,
** or a percentage is out of 0..100; APP_ECONFLICT unless draft/returned.
*/
enum app_err plan_adopt(struct store *s, const struct account *who, int64_t plan_id, int64_t indicator_id,
			bool has_target, double local_target, const char **why);

/*
** Withdraw an adopted indicator from the plan (no-op when it was not
** adopted); the same refusals as plan_adopt for who and state. The
** indicator then counts as not adopted in the coverage.
*/
enum app_err plan_unadopt(struct store *s, const struct account *who, int64_t plan_id, int64_t indicator_id,
			  const char **why);

enum lead_kind { LEAD_UNIT = 0, LEAD_PERSON };

struct task_new {
	const char *number; /* "1", "2.3"; NULL: the next */
	const char *content;
	const char *lead;                   /* one unit or one person, or NULL (flagged) */
	const char *lead_unit_code;         /* when the lead is a unit of the tree */
	const char *cooperate;              /* co-operating units, free text */
	const char *const *coop_unit_codes; /* co-operating units of the tree, NULL-terminated, or NULL */
	const char *process, *responsibility, *result;
	const char *deadline;       /* ISO, dd/mm/yyyy, "tháng 6/2022", "quý II/2022" ...; NULL: flagged */
	const char *indicator_code; /* of the plan's directive, or NULL */
	const char *done_date;      /* ISO or NULL (open) */
};

/*
** Add a task. APP_EINVAL (*why) for: two or more leads ("một đầu mối"), an
** impossible date, a deadline before the plan's date or outside the
** directive's period, an unknown indicator or lead unit, text that is not
** UTF-8. Missing elements are not errors: they are stored in the task's
** check (task.missing) and keep the plan from being accepted.
*/
enum app_err plan_add_task(struct store *s, const struct account *who, int64_t plan_id, const struct task_new *t,
			   int64_t *id, const char **why);

/*
** Replace the fields of task_id of plan_id with t (validated as by
** plan_add_task; t->number NULL keeps its number; its done date is kept);
** audited ("task", "update", before and after).
** APP_ENOTFOUND when the task is not the plan's; APP_ECONFLICT unless the
** plan is a draft or returned; APP_EDENIED for another unit's plan.
*/
enum app_err plan_update_task(struct store *s, const struct account *who, int64_t plan_id, int64_t task_id,
			      const struct task_new *t, const char **why);
/* Delete task_id of plan_id (with its co-operating units), audited; same refusals. */
enum app_err plan_delete_task(struct store *s, const struct account *who, int64_t plan_id, int64_t task_id,
			      const char **why);

/* Mark a task done on date (ISO/dd/mm/yyyy) or reopen it (date NULL); audited ("done", "reopen"). */
enum app_err plan_task_done(struct store *s, const struct account *who, int64_t task_id, const char *date,
			    const char **why);

/*
** Read a deadline written in a plan into a date: a full date; "tháng
** 6/2022" or "6/2022" (last day of the month); "quý II/2022" (last day of
** the quarter); "năm 2022" (31/12). 1: found (out = ISO); 0: none; -1: an
** impossible date such as 31/02/2025.
*/
int plan_deadline_parse(const char *text, char out[11]);

struct plan_import_error {
	size_t row; /* task's paragraph or table row; 0: not about one row */
	char task_number[32];
	char vi[400]; /* Vietnamese, for the interface */
};

/*
** Create a plan and its tasks from a plan file (struct idoc, as
** `plan check` reads it) in one transaction: all or nothing. A bad row
** (several leads, an impossible or out-of-range deadline) refuses the whole
** file naming the row and the reason. *ntasks gets the number stored.
** progress, if not NULL, is called every 100 tasks.
*/
enum app_err plan_import(struct store *s, const struct account *who, const struct plan_new *p, const struct idoc *d,
			 int64_t *plan_id, size_t *ntasks, void (*progress)(size_t done, size_t total, void *arg),
			 void *arg, struct plan_import_error *err);

/*
** Add the tasks of a plan file to an existing plan that who may edit now
** (draft or returned), in one transaction: all or nothing, a bad row
** naming its row and the reason in err (as plan_import). An audit entry
** "import" records it. *ntasks gets the number stored.
*/
enum app_err plan_import_tasks(struct store *s, const struct account *who, int64_t plan_id, const struct idoc *d,
			       size_t *ntasks, struct plan_import_error *err);

struct plan_task_row {
	int64_t id;
	const char *number, *content, *lead, *cooperate, *process, *responsibility, *result;
	const char *deadline, *done_date; /* ISO or NULL */
	enum lead_kind lead_kind;
	const char *indicator_code;
	unsigned missing; /* bits of enum plan_elem */
};

struct plan {
	int64_t id, unit_id, directive_id;
	const char *unit_code, *unit_name, *title, *plan_date;
	const char *directive_number, *directive_title;
	const char *number; /* the plan's own doc number ("45-KH/HU") or NULL */
	enum plan_state state;
	const char *override_reason;
	struct plan_task_row *tasks;
	size_t ntasks;
	size_t ntasks_failing;
};

/* A plan with its tasks in order; strings in a. */
enum app_err plan_get(struct store *s, struct arena *a, int64_t id, struct plan *out);
struct plan_summary {
	int64_t id, unit_id;
	const char *unit_code, *unit_name, *title, *plan_date;
	enum plan_state state;
	int64_t ntasks, ntasks_failing;
};

struct plan_list {
	struct plan_summary *v;
	size_t n;
};

/*
** The plans for a directive of the units under scope_id (itself included;
** 0: everywhere), in Vietnamese order of the unit, with task counts; one
** query. Strings in a.
*/
enum app_err plan_list(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id, struct plan_list *out);

/*
** The same for the direct subordinates of parent_id only (the directive
** page's coverage table): one indexed query whatever the subtree's size.
*/
enum app_err plan_list_children(struct store *s, struct arena *a, int64_t directive_id, int64_t parent_id,
				struct plan_list *out);

/* Co-operating units of a task (ids), in the order added; in a. */
enum app_err plan_task_coop(struct store *s, struct arena *a, int64_t task_id, int64_t **ids, size_t *n);

/* The id of a unit's plan for a directive; APP_ENOTFOUND when none. */
enum app_err plan_find(struct store *s, int64_t unit_id, int64_t directive_id, int64_t *id);

/*
** The database-side check of a stored plan: tasks with missing elements,
** no task at all, and coverage gaps (applicable indicators not adopted or
** adopted without a number). *ok true when nothing fails; *summary (arena)
** says what fails, in Vietnamese.
*/
enum app_err plan_db_check(struct store *s, struct arena *a, int64_t plan_id, bool *ok, const char **summary);

struct plan_event {
	int64_t at;            /* seconds since the epoch */
	const char *action;    /* "create", "import", "submit", "return", "accept", "accept_override" */
	const char *action_vi; /* "Lập kế hoạch", ... (static) */
	const char *who;       /* the account's display name, or NULL (the command line) */
	const char *reason;    /* of a return or an override, or NULL */
};

/*
** The plan's history from the audit log (creation, imports and every
** change of state with its reason), oldest first; one query. Strings in a.
*/
enum app_err plan_history(struct store *s, struct arena *a, int64_t plan_id, struct plan_event **v, size_t *n);

/* State changes (who required). APP_ECONFLICT for a transition not allowed. */
enum app_err plan_submit(struct store *s, const struct account *who, int64_t plan_id, const char **why);
enum app_err plan_return(struct store *s, const struct account *who, int64_t plan_id, const char *reason,
			 const char **why);
/*
** Accept a submitted plan. When plan_db_check fails, override_reason must
** be given (non-blank) and who must be a leader or an administrator; the
** reason is stored on the plan and in the audit entry. APP_ECONFLICT (with
** *why) when the check fails and no valid override is given.
*/
enum app_err plan_accept(struct store *s, const struct account *who, int64_t plan_id, const char *override_reason,
			 const char **why);

#endif
