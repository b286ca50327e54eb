/*
** Inspection and supervision (Quy định 22-QĐ/TW): the inspection record,
** its team, conclusions in versions, findings followed to the end, remedy
** reports with evidence, the four-state status of each finding and the
** accountability list. docs/inspection.md.
**
** Rules kept here, not in the pages:
** - a conclusion is a draft until issued; it cannot be issued while any
**   finding lacks content, cause (subjective/objective + text), addressee,
**   remedy or deadline, nor with a deadline before the conclusion's date;
** - an issued conclusion is never edited: conclusion_correct() makes a new
**   draft version (findings copied); issuing it supersedes the old one,
**   which stays readable. Only findings of the issued version are "live";
** - a finding's status is task_status_of(deadline, done_date, asof)
**   (progress.h): done_date is the report date of the accepted report;
** - every change is appended to the audit log in its own transaction.
**
** who == NULL means the command line (trusted). Otherwise writes need a
** role that can write and the target unit in the account's subtree;
** deciding on a remedy report needs ROLE_INSPECTOR or ROLE_ADMIN. Errors
** carry a Vietnamese *why (static).
*/
#ifndef GIAMSAT_MODEL_INSPECT_H
#define GIAMSAT_MODEL_INSPECT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "model/progress.h"
#include "util/util.h"

struct store;

enum insp_kind {
	IK_SUPERVISION_REGULAR = 0, /* giám sát thường xuyên */
	IK_SUPERVISION_THEMATIC,    /* giám sát chuyên đề */
	IK_INSPECTION_THEMATIC,     /* kiểm tra chuyên đề */
	IK_INSPECTION_VIOLATION,    /* kiểm tra khi có dấu hiệu vi phạm */
	IK_INSPECTION_LOWER, /* kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát và tài chính của cấp ủy cấp dưới */
	IK_COUNT
};
const char *insp_kind_code(enum insp_kind k);
const char *insp_kind_vi(enum insp_kind k);
bool insp_kind_parse(const char *code, enum insp_kind *out);

struct inspection_new {
	enum insp_kind kind;
	const char *target_code; /* the inspected unit */
	int year;                /* programme year; 0: the year of date_from */
	const char *title;
	const char *subjects;    /* subject directives / content areas */
	const char *decision_no; /* decision forming the team, e.g. "125-QĐ/UBKTTU" */
	const char *purpose, *content, *method;
	const char *date_from, *date_to; /* ISO or dd/mm/yyyy; required */
	bool demo;
};

/* Create (state planned). APP_EINVAL (*why) for a bad field or unknown unit; APP_EDENIED. */
enum app_err inspection_add(struct store *s, const struct account *who, const struct inspection_new *n, int64_t *id,
			    const char **why);

struct inspection {
	int64_t id;
	enum insp_kind kind;
	int64_t unit_id;
	const char *unit_code, *unit_name;
	int year;
	const char *title, *subjects, *decision_no, *purpose, *content, *method;
	const char *date_from, *date_to, *state;
};

/* Read one. APP_ENOTFOUND; APP_EDENIED when who cannot read the target unit. */
enum app_err inspection_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
			    struct inspection *out);

enum finding_cause { FC_NONE = 0, FC_SUBJECTIVE, FC_OBJECTIVE };
const char *finding_cause_code(enum finding_cause c); /* NULL, "subjective", "objective" */
const char *finding_cause_vi(enum finding_cause c);   /* "chủ quan", "khách quan" */

struct finding_new {
	const char *content; /* the shortcoming; required */
	enum finding_cause cause_kind;
	const char *cause;               /* the cause in words */
	const char *addressee_unit_code; /* addressee: a unit (by code) ... */
	const char *addressee_person;    /* ... or a person (name, position) */
	const char *remedy;
	const char *deadline; /* ISO or dd/mm/yyyy */
};

/*
** Start the first version of an inspection's conclusion (draft). conc_date
** required. APP_ECONFLICT when the inspection already has a conclusion
** (correct it instead).
*/
enum app_err conclusion_create(struct store *s, const struct account *who, int64_t inspection_id, const char *conc_date,
			       const char *number, const char *commendations, const char *criticisms, int64_t *id,
			       const char **why);

/*
** Add a finding to a draft conclusion. Content is required; other fields may
** wait until issue, but a deadline that is given must be a real date not
** before the conclusion's date, and an addressee unit must exist.
** APP_ECONFLICT on an issued or superseded conclusion.
*/
enum app_err finding_add(struct store *s, const struct account *who, int64_t conclusion_id, const struct finding_new *f,
			 int64_t *id, const char **why);

/*
** Replace the fields of a finding of a draft conclusion (same checks as
** finding_add; audited with before and after). APP_ECONFLICT once the
** conclusion is issued, APP_ENOTFOUND for no such inspection finding.
*/
enum app_err finding_update(struct store *s, const struct account *who, int64_t finding_id, const struct finding_new *f,
			    const char **why);

/*
** Issue a draft: checks every finding is complete (see the top) and there is
** at least one finding or a commendation/criticism. Supersedes the earlier
** issued version, moves the inspection to 'concluded'. Nothing changes on
** refusal (APP_EINVAL, *why names the finding).
*/
enum app_err conclusion_issue(struct store *s, const struct account *who, int64_t conclusion_id, const char **why);

/*
** Correct an issued conclusion: a new draft version with the findings
** copied (their remedy history stays on the originals, done dates carried
** over). reason required. The old version stays readable and live until the
** new one is issued.
*/
enum app_err conclusion_correct(struct store *s, const struct account *who, int64_t conclusion_id,
				const char *conc_date, const char *reason, int64_t *new_id, const char **why);

struct finding {
	int64_t id, conclusion_id, unit_id;
	int seq;
	const char *source; /* "inspection", "review" */
	const char *content, *cause_kind, *cause;
	const char *addressee_kind, *addressee; /* addressee: unit name or the person */
	int64_t addressee_unit_id;
	const char *remedy, *deadline, *done_date;
	bool live;
	enum task_status status; /* as of the date asked */
	int days_overdue;        /* > 0 when TS_OVERDUE */
};

struct finding_list {
	struct finding *v;
	size_t n;
};

struct conclusion {
	int64_t id, inspection_id, unit_id;
	int version;
	const char *number, *conc_date, *commendations, *criticisms, *correction_reason, *state;
	struct finding_list findings; /* in order; status as of today */
};

/* Read a conclusion (any version) with its findings. APP_EDENIED outside who's subtree. */
enum app_err conclusion_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
			    struct conclusion *out);

/* Ids of every version of an inspection's conclusion, oldest first (into a). */
enum app_err conclusion_versions(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
				 int64_t **ids, size_t *n);

struct evidence_in {
	const char *filename;
	const void *data;
	size_t n;
};

/*
** The addressee reports a remedy (on a live finding not yet done), with
** evidence files (attachment.h: size and type checked). All or nothing.
** APP_ETOOBIG / APP_EINVAL from the evidence, APP_ECONFLICT when the
** finding is done or not live.
*/
enum app_err finding_report(struct store *s, const struct account *who, int64_t finding_id, const char *report_date,
			    const char *text, const struct evidence_in *ev, size_t nev, int64_t *report_id,
			    const char **why);

/*
** An inspector accepts (the finding is done as of the report's date) or
** returns (reason required) a submitted report.
*/
enum app_err finding_decide(struct store *s, const struct account *who, int64_t report_id, bool accept,
			    const char *decided_on, const char *reason, const char **why);

/*
** A unit's open findings (live, not done by asof), from inspections and
** reviews alike, with status as of asof; deadline order.
*/
enum app_err finding_open_for_unit(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
				   const char *asof, struct finding_list *out);

struct overdue_group {
	const char *addressee;
	size_t first, n; /* into list.v */
	int max_days;
};

struct accountability {
	struct finding_list list; /* overdue findings, by addressee then most overdue first */
	struct overdue_group *groups;
	size_t ngroups;
};

/*
** The accountability list over unit_id's subtree (unit_id 0: everything;
** who must then be NULL or scoped at the root): live findings past their
** deadline and not done as of asof, per addressee with days overdue.
*/
enum app_err finding_accountability(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
				    const char *asof, struct accountability *out);

/* ---- programme and teams ---- */

enum team_role { TR_LEADER = 0, TR_DEPUTY, TR_MEMBER, TR_SECRETARY, TR_COUNT };
const char *team_role_code(enum team_role r); /* "leader", "deputy", "member", "secretary" */
const char *team_role_vi(enum team_role r); /* "Trưởng đoàn", "Phó trưởng đoàn", "Thành viên", "Thư ký" */

/*
** Put an account (by login) on an inspection's team. Refused (APP_EINVAL,
** *why): an account whose unit is the inspected unit or inside its subtree
** (conflict of interest); an account already on another team whose dates
** overlap; a second leader; the same person twice (APP_EEXIST).
*/
enum app_err team_add_member(struct store *s, const struct account *who, int64_t inspection_id, const char *login,
			     enum team_role role, const char **why);

struct team_member {
	int64_t account_id;
	const char *login, *name, *unit_name;
	enum team_role role;
};

struct team_list {
	struct team_member *v; /* leader first, then deputies, members, secretary; by name */
	size_t n;
};

enum app_err team_list(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
		       struct team_list *out);

struct inspection_list {
	struct inspection *v;
	size_t n;
};

/*
** The annual programme: every inspection of the year whose target is in
** unit_id's subtree (0: who's scope, or everything from the command line),
** by start date (the calendar view's data).
*/
enum app_err programme_list(struct store *s, struct arena *a, const struct account *who, int year, int64_t unit_id,
			    struct inspection_list *out);

#endif
