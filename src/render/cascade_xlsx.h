/*
** Export of the cascade: a unit's plan (one row per task) and the coverage
** report (one row per unit) to .xlsx (libxlsxwriter), and the plan to .docx
** in the party's format (render/docx.h). Vietnamese headers, dates
** dd/mm/yyyy. Pure transforms of model structs: no SQL here.
*/
#ifndef GIAMSAT_RENDER_CASCADE_XLSX_H
#define GIAMSAT_RENDER_CASCADE_XLSX_H

#include "model/coverage.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "util/err.h"

/* Write the plan to path. APP_EIO when the file cannot be written. */
enum app_err cascade_xlsx_plan(const struct plan *p, const char *path);

/* Write the coverage list (worst first) of a directive to path. */
enum app_err cascade_xlsx_coverage(const struct coverage_list *l, const char *directive_number,
				   const char *directive_title, const char *path);

/*
** The progress table of a unit for one period: one row per child unit and
** a total row for the unit, one column per indicator (its roll-up by the
** indicator's rule; empty when no value), with the target in the header.
** kids[i] and total[i] belong to inds->v[i].
*/
enum app_err cascade_xlsx_progress(const struct indicator_list *inds, const struct rollup_children *kids,
				   const struct rollup *total, const char *unit_name, const char *period,
				   const char *path);

/*
** Write the plan as a party document (.docx): header with the unit's name,
** "KẾ HOẠCH" and the plan's title, the task table (STT, content, lead,
** co-operation, deadline, expected result), and a note of the tasks the
** check flags. superior may be NULL ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI").
*/
enum app_err cascade_docx_plan(const struct plan *p, const char *superior, const char *path);

#endif
