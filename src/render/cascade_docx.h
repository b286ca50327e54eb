/*
** The cascade's reports as party documents (.docx in the format of
** Hướng dẫn 36-HD/VPTW, Times New Roman, render/docx.h): the coverage
** report of a directive (one row per unit, worst first) and the progress
** table of a unit (one row per indicator: target, the unit's roll-up by
** the indicator's rule, units reporting and meeting; the figure of each
** subordinate; the four task states as of a date). Pure transforms of
** model structs into memory: no SQL, no files.
*/
#ifndef GIAMSAT_RENDER_CASCADE_DOCX_H
#define GIAMSAT_RENDER_CASCADE_DOCX_H

#include <stddef.h>

#include "model/coverage.h"
#include "model/indicator.h"
#include "model/progress.h"
#include "util/err.h"

/* The header and signature of a report; every field may be NULL. */
struct cascade_docx_opts {
	const char *superior; /* NULL: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" */
	const char *issuer;   /* the reporting unit's name (upper-cased here); NULL: "THÀNH ỦY HÀ NỘI" */
	const char *date_iso; /* the report's date; NULL: none */
	const char *directive_number, *directive_title;
	const char *capacity; /* NULL: "T/M BAN THƯỜNG VỤ" */
	const char *title;    /* signer's title, NULL: "" */
	const char *signer;
};

/*
** "BÁO CÁO mức độ cụ thể hóa chỉ tiêu ...": the coverage list (as
** coverage_city gives it, worst first) as a table STT, unit, plan,
** adopted/applicable, not measurable, weaker, with a summary line. *out
** is malloc'd. APP_EIO when the zip cannot be made.
*/
enum app_err cascade_docx_coverage(const struct coverage_list *l, const struct cascade_docx_opts *o, char **out,
				   size_t *len);

/*
** "BÁO CÁO tiến độ thực hiện chỉ tiêu ...": for period, one row per
** indicator (code, name, measure, target, the unit's figure, units
** reporting / meeting), then a table per indicator of the subordinates'
** figures (kids[i] and total[i] belong to inds->v[i]; kids may be NULL),
** then the four task states as of asof_iso (ts may be NULL).
*/
enum app_err cascade_docx_progress(const struct indicator_list *inds, const struct rollup_children *kids,
				   const struct rollup *total, const char *unit_name, const char *period,
				   const struct task_status_counts *ts, const char *asof_iso,
				   const struct cascade_docx_opts *o, char **out, size_t *len);

#endif
