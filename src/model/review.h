/*
** Self-criticism reviews (kiểm điểm) for a year: the superior's working
** groups (e.g. the 9 groups of 2022), the suggested points (gợi ý kiểm
** điểm) for each unit (e.g. the 29 units of 2022) with the group attached,
** the unit's remediation plan, and findings followed exactly as an
** inspection's: rows of finding (source 'review'), remedy reports and
** acceptance through finding_report/finding_decide, the four-state status,
** the accountability list and finding_open_for_unit (inspect.h).
**
** A review finding must be complete when added (content, cause, addressee,
** remedy, deadline not before the points' date): there is no draft stage.
*/
#ifndef GIAMSAT_MODEL_REVIEW_H
#define GIAMSAT_MODEL_REVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "model/inspect.h"
#include "util/util.h"

struct store;

/* A working group of the year (no 1..). APP_EEXIST when the number is taken. */
enum app_err review_group_add(struct store *s, const struct account *who, int year, int no, const char *name,
			      const char *lead_name, int64_t *id, const char **why);

/* Suggested points for a unit (one per unit and year); group_no 0: none yet. */
enum app_err review_add(struct store *s, const struct account *who, int year, const char *unit_code, int group_no,
			const char *points, const char *points_date, int64_t *id, const char **why);

/* The unit's remediation plan (its own staff may write it); date not before the points'. */
enum app_err review_set_plan(struct store *s, const struct account *who, int64_t review_id, const char *plan_text,
			     const char *plan_date, const char **why);

/* A finding of the review, complete, live at once. */
enum app_err review_add_finding(struct store *s, const struct account *who, int64_t review_id,
				const struct finding_new *f, int64_t *id, const char **why);

struct review {
	int64_t id, unit_id;
	int year, group_no;
	const char *unit_code, *unit_name, *group_name, *group_lead;
	const char *points, *points_date, *plan_text, *plan_date;
	int64_t findings, findings_open; /* open as of the date asked */
};

struct review_list {
	struct review *v; /* by group number, then unit id */
	size_t n;
};

/* A year's reviews over unit_id's subtree (0: who's scope / all), counts as of asof. */
enum app_err review_list(struct store *s, struct arena *a, const struct account *who, int year, int64_t unit_id,
			 const char *asof, struct review_list *out);

#endif
