/*
** Internal to the inspection files (inspect.c, conclusion.c, finding.c,
** inspect_report.c): reading finding rows, which both the conclusions and
** the follow-up lists do, and the inspected unit with its access check.
*/
#ifndef GIAMSAT_MODEL_INSPECT_INT_H
#define GIAMSAT_MODEL_INSPECT_INT_H

#include "model/inspect.h"

struct stmt;

/* The columns insp_collect reads, from finding f left-joined to unit au (the addressee unit). */
#define FINDING_COLS                                                                                          \
	"f.id, COALESCE(f.conclusion_id, 0), f.unit_id, f.seq, f.source, f.content, f.cause_kind, f.cause,"   \
	" f.addressee_kind, COALESCE(au.name, f.addressee_name), COALESCE(f.addressee_unit_id, 0), f.remedy," \
	" f.deadline, f.done_date, f.live"

/*
** Read the rows of st (FINDING_COLS, bound) into a growing array in arena a,
** with each finding's status as of asof; with scope (sorted unit ids), only
** the rows whose unit is in it.
*/
enum app_err insp_collect_in(struct stmt *st, struct arena *a, const char *asof, const int64_t *scope, size_t nscope,
			     struct finding_list *out);
enum app_err insp_collect(struct stmt *st, struct arena *a, const char *asof, struct finding_list *out);

/*
** The inspected unit of inspection_id into *unit_id, checked against who
** (write: may change it; else may read it). APP_ENOTFOUND with *why when
** there is no such inspection; model_may()'s refusal otherwise.
*/
enum app_err insp_unit_may(struct store *s, const struct account *who, int64_t inspection_id, bool write,
			   int64_t *unit_id, const char **why);

#endif
