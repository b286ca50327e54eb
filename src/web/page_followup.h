/*
** Internal to the follow-up pages (issue 5: findings followed to the end,
** the accountability list, self-criticism reviews, complaints) and their
** JSON API: route_followup.c dispatches, page_followup*.c, page_review.c,
** page_complaint.c render. docs/inspection.md ("Pages and API").
*/
#ifndef GIAMSAT_WEB_PAGE_FOLLOWUP_H
#define GIAMSAT_WEB_PAGE_FOLLOWUP_H

#include "model/progress.h"
#include "web/internal.h"

/* A finding's page and its forms (page_followup.c). action: "bao-cao", "xu-ly". */
void page_finding(struct req *r, struct resp *p, const char *id);
void page_finding_post(struct req *r, struct resp *p, const char *id, const char *action);
/* GET /kiem-tra/minh-chung/RID/HASH: an evidence file. */
void page_evidence(struct req *r, struct resp *p, const char *rid, const char *hash);
/* /kiem-tra/trach-nhiem (HTML, at most fu_acc_page_rows rows) and /kiem-tra/trach-nhiem.xlsx (all). */
extern size_t fu_acc_page_rows;
void page_accountability(struct req *r, struct resp *p, bool xlsx);

/* /kiem-diem?nam=, /kiem-diem/ID and their forms (page_review.c). */
void page_reviews(struct req *r, struct resp *p);
void page_reviews_post(struct req *r, struct resp *p, const char *action);
void page_review(struct req *r, struct resp *p, const char *id);
void page_review_post(struct req *r, struct resp *p, const char *id, const char *action);

/* /khieu-nai-to-cao, /khieu-nai-to-cao/ID and their forms (page_complaint.c). */
void page_complaints(struct req *r, struct resp *p);
void page_complaints_post(struct req *r, struct resp *p, const char *action);
void page_complaint(struct req *r, struct resp *p, const char *id);
void page_complaint_post(struct req *r, struct resp *p, const char *id, const char *action);

/* The JSON API (page_followup_api.c); path follows "/api/v1". */
bool api_followup(struct req *r, struct resp *p, const char *path);
/*
** Decode the JSON body of POST /api/v1/findings/ID/reports:
** {"date","text","evidence":[{"filename","content_base64"}]} (members may
** be absent: the model says what is missing). Strings NFC and the decoded
** bytes live in a. APP_EINVAL with *why (Vietnamese, static) when the body
** is not such an object. Pure: tests/fuzz/fuzz_followup_report.c.
*/
struct evidence_in;
enum app_err fu_parse_report_json(const char *body, size_t n, struct arena *a, const char **date, const char **text,
				  struct evidence_in **ev, size_t *nev, const char **why);

/* ---- helpers shared by these files (page_followup.c) ---- */

/* CSS class of a status: "ts-ontime", "ts-late", "ts-open", "ts-overdue". */
const char *fu_status_class(enum task_status s);
/*
** The as-of date of a page: ?ngay=dd/mm/yyyy (or ISO) into d, else today.
** false (400 in p) when given and not a real date.
*/
bool fu_asof(struct req *r, struct resp *p, char d[11]);
/* A positive id from text, or 0. */
int64_t fu_id(const char *text);
/* The status and message of a refusal from the model (EINVAL: 422). */
int fu_err_status(enum app_err e);
/*
** Write the confirmation of ?ok=CODE (a fixed table, nothing of the query
** echoed) or the error of a refused form.
*/
void fu_flash(struct req *r, struct sbuf *b, const char *error);
/* A 303 to path with ?ok=code (code a static string). */
void fu_redirect_ok(struct req *r, struct resp *p, const char *path, const char *code);
/* The value typed in field name when re-showing a refused form, else dflt. */
const char *fu_val(struct req *r, bool keep, const char *name, const char *dflt);
/* n in the Vietnamese way ("1.243"), in a. */
const char *fu_num(struct arena *a, long long n);
/* "dd/mm/yyyy" of today. */
const char *fu_today_vn(struct arena *a);
/* Links between the inspection pages; current: "trach-nhiem", "kiem-diem", "khieu-nai-to-cao". */
void fu_subnav(struct sbuf *b, const char *current);
/* May r's account write unit_id's records? */
bool fu_can_write(struct req *r, int64_t unit_id);
/* Is r's account on the commission's side (inspector or admin)? */
bool fu_is_inspector(struct req *r);

#endif
