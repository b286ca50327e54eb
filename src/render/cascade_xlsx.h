/*
** .xlsx export of the cascade (libxlsxwriter): a unit's plan (one row per
** task) and the coverage report (one row per unit). Vietnamese headers,
** dates dd/mm/yyyy. Pure transforms of model structs: no SQL here.
** .docx export is not written yet.
*/
#ifndef GIAMSAT_RENDER_CASCADE_XLSX_H
#define GIAMSAT_RENDER_CASCADE_XLSX_H

#include "model/coverage.h"
#include "model/plan.h"
#include "util/err.h"

/* Write the plan to path. APP_EIO when the file cannot be written. */
enum app_err cascade_xlsx_plan(const struct plan *p, const char *path);

/* Write the coverage list (worst first) of a directive to path. */
enum app_err cascade_xlsx_coverage(const struct coverage_list *l, const char *directive_number,
				   const char *directive_title, const char *path);

#endif
