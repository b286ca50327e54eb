/*
** Pages and API of inspections (issue 5, helper C1): the annual programme
** (/kiem-tra), one inspection's record with its team and conclusions
** (/kiem-tra/ID), the risk list (/kiem-tra/rui-ro), and /api/v1 under
** /inspections, /conclusions and /risk. Routed by route_inspect.c; the
** rules are the model's (model/inspect.h, model/risk.h), the pages only
** add that writing inspections is the commission's (inspector or admin).
** docs/inspection.md ("Pages and API").
*/
#ifndef GIAMSAT_WEB_PAGE_INSPECT_H
#define GIAMSAT_WEB_PAGE_INSPECT_H

#include "model/inspect.h"
#include "web/internal.h"

/* GET /kiem-tra[?nam=&don-vi=&ly-do=]: the year's programme, list and calendar, and the add form. */
void page_programme(struct req *r, struct resp *p);
/* POST /kiem-tra/them: add an inspection (commission only). */
void page_programme_post(struct req *r, struct resp *p);
/* GET /kiem-tra/chuong-trinh.docx?nam=: the programme as a party document. */
void page_programme_docx(struct req *r, struct resp *p);

/* GET /kiem-tra/ID: decision, plan, team, self-reports, conclusions in versions. */
void page_inspection(struct req *r, struct resp *p, const char *id);
/* POST /kiem-tra/ID/ACTION: doan, ket-luan, khuyet-diem, ban-hanh, dinh-chinh, tu-bao-cao. */
void page_inspection_post(struct req *r, struct resp *p, const char *id, const char *action);
/* GET /kiem-tra/ID/thong-bao.docx[?kl=CID]: the conclusion notice. */
void page_inspection_notice(struct req *r, struct resp *p, const char *id);

/* GET /kiem-tra/ID/tai-lieu/HASH: a file of the unit's self-report (page_inspect_report.c). */
void page_inspection_file(struct req *r, struct resp *p, const char *id, const char *hash);
/* The self-report section of the record, with its form when r may write the unit (error: a refusal). */
void pi_write_reports(struct req *r, struct sbuf *b, const struct inspection *in, const char *error);
/* Add the self-report posted in r (fields ngay, noi_dung, files tep). */
enum app_err pi_report_add(struct req *r, const struct inspection *in, const char **why);

/* GET /kiem-tra/rui-ro[?nam=&sap-xep=]: scores with their signals and the weights. */
void page_risk(struct req *r, struct resp *p);
/* POST /kiem-tra/rui-ro/trong-so: set the year's weights (commission only). */
void page_risk_post(struct req *r, struct resp *p);

/* The JSON API (page_inspect_api.c): path follows "/api/v1"; false when not ours. */
bool api_inspect(struct req *r, struct resp *p, const char *path);
/*
** The body of an API write: a JSON object whose members names[0..n) are
** taken as NFC text into values (NULL when absent or null; strings in a),
** and with year non-NULL its integer member "year" (0 when absent). An
** empty body is {} when may_be_empty. APP_EINVAL with *why (Vietnamese,
** static) when the body is not an object, a member is not a string or
** holds NUL, or "year" is not an integer; values are then all NULL. Pure.
*/
enum app_err pi_json_fields(const char *body, size_t len, bool may_be_empty, struct arena *a, const char *const *names,
			    size_t n, const char **values, int64_t *year, const char **why);
/* A weight as typed ("1,5", "1.5", "2"): false when not a finite number. Pure (page_inspect_risk.c). */
bool pi_parse_weight(const char *s, double *out);

/* ---- helpers shared by the page_inspect*.c files (page_inspect.c) ---- */

/* Is r's account on the commission's side (inspector or admin)? */
bool pi_commission(const struct req *r);
/* The year asked in ?nam= (this year when absent); 0 when it is not a year. */
int pi_year(struct req *r);
/* The form field (POST) or query parameter, or "". */
const char *pi_val(struct req *r, const char *name);
/* "dd/mm/yyyy" of an ISO date, "—" for NULL. */
const char *pi_date(struct req *r, const char *iso);
/* Vietnamese label of an inspection's state as of today. */
const char *pi_state_vi(const struct inspection *in, const char *today);
/* Vietnamese label of a conclusion's state. */
const char *pi_conc_state_vi(const char *state);
/* Status of a model refusal: EINVAL 422, EEXIST/ECONFLICT 409, EDENIED 403, ENOTFOUND 404. */
int pi_refusal_status(enum app_err e);
/*
** Load inspection id_text that r's account may read into *in; false with
** the 404/403 in p.
*/
bool pi_load(struct req *r, struct resp *p, const char *id_text, struct inspection *in);

#endif
