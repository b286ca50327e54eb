/*
** The inspected unit's self-report to an inspection (báo cáo tự kiểm tra,
** issue 5 item 3) with its evidence files: written by the accounts that
** may write the inspected unit (its own staff, or a superior), read by
** those who may read it. Evidence goes through attachment_put() (size and
** type from the bytes); one bad file and nothing is stored. Audited.
*/
#ifndef GIAMSAT_MODEL_INSPECT_REPORT_H
#define GIAMSAT_MODEL_INSPECT_REPORT_H

#include "model/inspect.h"

struct insp_file {
	const char *hash, *filename;
};

struct insp_report {
	int64_t id;
	const char *report_date, *text;
	const char *reporter; /* display name of the account, or NULL (command line) */
	int64_t created_at;
	struct insp_file *files;
	size_t nfiles;
};

/*
** Add a self-report (date ISO or dd/mm/yyyy, text required) with nev
** evidence files. APP_EINVAL / APP_ETOOBIG with *why (Vietnamese, static),
** APP_EDENIED, APP_ENOTFOUND for no such inspection.
*/
enum app_err insp_report_add(struct store *s, const struct account *who, int64_t inspection_id, const char *date,
			     const char *text, const struct evidence_in *ev, size_t nev, int64_t *id, const char **why);

/* An inspection's self-reports, oldest first, with their files (into a). APP_EDENIED outside who's subtree. */
enum app_err insp_report_list(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
			      struct insp_report **out, size_t *n);

/*
** Is hash a file of one of the inspection's self-reports? *filename (into a)
** its name as sent. APP_ENOTFOUND when not; APP_EDENIED outside who's subtree.
*/
enum app_err insp_report_file(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
			      const char *hash, const char **filename);

#endif
