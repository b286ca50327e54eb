/*
** Documents out of the inspection records: the conclusion notice (thông
** báo kết luận) as a party document (.docx, render/docx.h), and the
** accountability list as .xlsx (libxlsxwriter). Pure transforms of model
** structs: no SQL here.
*/
#ifndef GIAMSAT_RENDER_INSPECT_DOC_H
#define GIAMSAT_RENDER_INSPECT_DOC_H

#include <stddef.h>

#include "model/inspect.h"
#include "util/err.h"

struct inspect_notice_opts {
	const char *superior; /* NULL: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" */
	const char *issuer;   /* NULL: "ỦY BAN KIỂM TRA THÀNH ỦY" */
	const char *place;    /* NULL: "Hà Nội" */
	const char *capacity; /* NULL: "T/M ỦY BAN KIỂM TRA" */
	const char *title;    /* NULL: "CHỦ NHIỆM" */
	const char *signer;   /* may be NULL */
};

/*
** The notice: header (number and date of the conclusion), "THÔNG BÁO" and
** "kết luận <inspection title>", the inspection (kind, decision, dates),
** commendations, criticisms, the findings table (STT, content, cause,
** addressee, remedy, deadline), a correction note for a version > 1, and
** the signature. APP_EIO when the file cannot be written.
*/
enum app_err inspect_docx_notice(const struct inspection *in, const struct conclusion *c,
				 const struct inspect_notice_opts *o, const char *path);
/* The same into memory (malloc'd). */
enum app_err inspect_docx_notice_bytes(const struct inspection *in, const struct conclusion *c,
				       const struct inspect_notice_opts *o, char **out, size_t *len);

/*
** The annual inspection and supervision programme (chương trình kiểm tra,
** giám sát) as a party document: header (number and date may be NULL), the
** table of entries (STT, content and subjects, kind, unit, time) in the
** order given, and the signature.
*/
enum app_err inspect_docx_programme(const struct inspection_list *l, int year, const char *number, const char *date_iso,
				    const struct inspect_notice_opts *o, char **out, size_t *len);

/* The accountability list (one row per overdue finding, grouped by addressee) to path. */
enum app_err inspect_xlsx_accountability(const struct accountability *acc, const char *scope_name, const char *asof_iso,
					 const char *path);

#endif
