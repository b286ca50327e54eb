/*
** Read functions the follow-up pages and API need on top of inspect.h,
** review.h and complaint.h: one finding with its origin and its remedy
** reports (and their evidence), a unit's open findings with links to where
** they came from, one review with its findings, the working groups of a
** year, one complaint, the declared time-limit rules. Reads only; every
** write stays in inspect.h / review.h / complaint.h. docs/inspection.md.
**
** who NULL: the command line (trusted). Otherwise APP_EDENIED when who
** may not read the unit concerned. Strings live in the arena a.
*/
#ifndef GIAMSAT_MODEL_FOLLOWUP_H
#define GIAMSAT_MODEL_FOLLOWUP_H

#include <stdbool.h>
#include <stdint.h>

#include "model/complaint.h"
#include "model/inspect.h"
#include "model/review.h"
#include "util/util.h"

struct store;

struct report_evidence {
	const char *hash, *filename;
};

struct finding_report_row {
	int64_t id;
	const char *report_date, *text, *state; /* state: "submitted", "accepted", "returned" */
	const char *reported_by, *decided_by;   /* display names, or NULL (command line) */
	const char *decided_on, *reason;
	struct report_evidence *ev;
	size_t nev;
};

struct finding_detail {
	struct finding f;                  /* status as of the date asked */
	const char *unit_code, *unit_name; /* the inspected (reviewed) unit */
	const char *addressee_unit_code;   /* NULL for a person */
	int64_t inspection_id;             /* source "inspection" */
	const char *inspection_title, *conclusion_number, *conclusion_state;
	int conclusion_version;
	int64_t review_id; /* source "review" */
	int review_year;
	struct finding_report_row *reports; /* oldest first */
	size_t nreports;
};

/*
** One finding (any version) with its origin and remedy reports (those of
** its first version too, where a correction copied it). Readable by who can
** read the inspected unit or the addressee unit; a finding of a draft
** conclusion only by inspectors, leaders and admins (else APP_ENOTFOUND).
*/
enum app_err followup_finding_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				  const char *asof, struct finding_detail *out);

/*
** The evidence file hash of report report_id, when who may read its
** finding: *filename (in a). APP_ENOTFOUND when the report has no such file.
*/
enum app_err followup_evidence_check(struct store *s, struct arena *a, const struct account *who, int64_t report_id,
				     const char *hash, const char **filename);

struct open_finding {
	struct finding f;
	int64_t inspection_id, review_id;
	const char *origin; /* inspection title, or NULL for a review */
	int review_year;
	const char *unit_name; /* the inspected (reviewed) unit: the unit itself or one dissolved into it */
};

struct open_finding_list {
	struct open_finding *v; /* deadline order */
	size_t n;
};

/*
** A unit's open findings (live, not done by asof) from inspections and
** reviews alike, with their origin, and those of the units dissolved into
** it (its predecessors: what they left open is its to fix now): one query,
** no access check (the caller has checked who may read the unit).
*/
enum app_err followup_open_for_unit(struct store *s, struct arena *a, int64_t unit_id, const char *asof,
				    struct open_finding_list *out);

/* One review with its counts as of asof and its findings (status as of asof). */
enum app_err followup_review_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				 const char *asof, struct review *out, struct finding_list *findings);

struct review_group_row {
	int64_t id;
	int year, no;
	const char *name, *lead_name;
};

struct review_group_list {
	struct review_group_row *v; /* by number */
	size_t n;
};

/* The working groups of a year. */
enum app_err followup_review_groups(struct store *s, struct arena *a, int year, struct review_group_list *out);

/* The years that have reviews or working groups, latest first (into a). */
enum app_err followup_review_years(struct store *s, struct arena *a, int **years, size_t *n);

/* One complaint, status as of asof. */
enum app_err followup_complaint_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				    const char *asof, struct complaint *out);

struct complaint_rule_row {
	int64_t id;
	enum complaint_kind kind;
	int days;
	const char *source, *valid_from;
};

struct complaint_rule_list {
	struct complaint_rule_row *v; /* by kind, then valid_from */
	size_t n;
};

/* Every declared time-limit rule. */
enum app_err followup_complaint_rules(struct store *s, struct arena *a, struct complaint_rule_list *out);

/* The rule in force for kind on date (ISO), or NULL. */
const struct complaint_rule_row *followup_rule_in_force(const struct complaint_rule_list *l, enum complaint_kind kind,
							const char *date);

#endif
