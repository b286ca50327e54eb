/*
** Pages and API of progress (issue 3, items 6-7), behind route_progress.c:
** value entry with evidence, the progress table with roll-ups and the four
** task states as of a date, the reminder list, the coverage report, their
** .xlsx/.docx downloads (page_progress.c), the unit dashboard
** (page_dashboard.c) and the /api/v1 endpoints (page_progress.c).
*/
#ifndef GIAMSAT_WEB_PAGE_PROGRESS_H
#define GIAMSAT_WEB_PAGE_PROGRESS_H

#include "model/directive.h"
#include "model/indicator.h"
#include "web/internal.h"

/* What a progress page of one unit (and one directive) works on. */
struct prog_ctx {
	const struct unit_data *ud; /* the unit, its path and children */
	bool has_directive;
	struct directive d; /* from ?ct=ID when has_directive */
	struct indicator_list
		il;     /* the directive's indicators for the unit: those of its kind, all when it has subordinates */
	const char *ky; /* the chosen period (?ky=): "2026", "2026-Q2", "2026-05"; default this year */
	char asof[11];  /* ISO date of ?ngay= (dd/mm/yyyy or ISO); default today */
};

/*
** Load unit code and check that r's account may read it; with ?ct=ID the
** directive too, which must have indicators and bind the unit (issued by
** the unit or one of its ancestors). need_directive: ?ct= is required.
** False when p holds the error (404, 403, 400 for a bad ?ngay=).
*/
bool prog_load(struct req *r, struct resp *p, const char *code, bool need_directive, struct prog_ctx *c);

/* The period of indicator x that the chosen period ky falls in ("2026-Q2" -> "2026" for a yearly one). */
const char *prog_period_for(struct arena *a, const struct indicator *x, const char *ky);

/* "1.234,5" in the arena. */
const char *prog_num(struct arena *a, double v);

/* True when s is a period the pages accept: "2026", "2026-Q2", "2026-05" or "2025-2030" (years 1900..2999). */
bool prog_ky_valid(const char *s);

/*
** Decode the JSON body of POST /api/v1/values into v and *ev (at most 20
** evidence entries), strings in a. APP_EINVAL with *why (Vietnamese,
** static) when it is not an object with an integer indicator_id, string
** unit and period, numbers where numbers go, and evidence entries with a
** hash and a filename. Pure: no store, no request.
*/
struct value_new;
struct value_evidence;
enum app_err prog_value_json(const char *body, size_t n, struct arena *a, struct value_new *v,
			     struct value_evidence **ev, size_t *nev, const char **why);

/* The links between the progress pages of a unit and directive. */
void prog_tabs(struct req *r, struct sbuf *b, const struct prog_ctx *c, const char *current);

void page_progress(struct req *r, struct resp *p, const char *code);
void page_progress_post(struct req *r, struct resp *p, const char *code);
/* kind "xlsx" or "docx". */
void page_progress_download(struct req *r, struct resp *p, const char *code, const char *kind);
void page_reminders(struct req *r, struct resp *p, const char *code);
void page_coverage_report(struct req *r, struct resp *p, const char *id);
void page_coverage_download(struct req *r, struct resp *p, const char *id, const char *kind);
void page_value_evidence(struct req *r, struct resp *p, const char *value_id, const char *hash);
void page_dashboard(struct req *r, struct resp *p, const char *code);

void api_directive_coverage(struct req *r, struct resp *p, const char *id);
void api_unit_progress(struct req *r, struct resp *p, const char *code);
void api_unit_reminders(struct req *r, struct resp *p, const char *code);
void api_values_post(struct req *r, struct resp *p);
void api_attachments_post(struct req *r, struct resp *p);

#endif
