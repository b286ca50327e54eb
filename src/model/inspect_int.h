/*
** Internal to the inspection files (conclusion.c, finding.c): reading
** finding rows, which both the conclusions and the follow-up lists do.
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

#endif
