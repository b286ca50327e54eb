/*
** The plan check: does every task of an implementation plan say the five
** "rõ" of the city's instruction (rõ việc, rõ người, rõ quy trình, rõ
** trách nhiệm, rõ hiệu quả), with a deadline and exactly one lead ("một
** việc, một đầu mối")? Works on a struct idoc (a .docx, .xlsx or text plan
** as read by src/ingest), so a clerk can check a draft without a database.
**
** Tasks are found in two ways, as plans are written:
**  - task tables: a header row whose cells name the columns (Nội dung /
**    Nhiệm vụ, Chủ trì / Đầu mối, Phối hợp, Thời gian / Thời hạn, Kết quả /
**    Sản phẩm, Quy trình / Cách thức, Trách nhiệm); one row per task,
**    section rows (I., II. or one merged cell) skipped;
**  - numbered text: the items at the top numbered level under the
**    "nhiệm vụ" heading (or in the whole text when there is none), with
**    their sub-lines "Chủ trì: ...", "Thời hạn: ..." and inline phrases
**    ("do Ban Tổ chức chủ trì", "hoàn thành trước ngày 30/6/2022").
** "Thường xuyên" alone is not a deadline.
*/
#ifndef GIAMSAT_MODEL_PLAN_CHECK_H
#define GIAMSAT_MODEL_PLAN_CHECK_H

#include <stddef.h>

#include "ingest/idoc.h"
#include "util/util.h"

enum plan_elem {
	PE_CONTENT = 0,    /* rõ việc */
	PE_LEAD,           /* rõ người */
	PE_PROCESS,        /* rõ quy trình */
	PE_RESPONSIBILITY, /* rõ trách nhiệm */
	PE_RESULT,         /* rõ hiệu quả */
	PE_DEADLINE,       /* thời hạn */
	PE_SINGLE_LEAD,    /* một việc, một đầu mối: several leads named */
	PE_COUNT
};

/* "content", "lead", ... "single_lead": the names the JSON uses. */
const char *plan_elem_code(enum plan_elem e);
/* "rõ việc (nội dung)", ... : Vietnamese, for the interface. */
const char *plan_elem_vi(enum plan_elem e);

struct plan_task {
	const char *number;  /* "1", "2.3", "a" or the row's STT; never NULL */
	const char *content; /* "" when missing */
	const char *lead, *cooperate, *process, *responsibility, *result, *deadline;
	unsigned missing; /* bit (1u << enum plan_elem) per missing element */
	size_t line;      /* paragraph or table row, for messages */
};

struct plan_report {
	struct plan_task *tasks; /* in the arena given */
	size_t n;
	size_t n_failing; /* tasks with something missing */
};

/* Check the plan; the report lives in arena a. Never fails on content. */
void plan_check(const struct idoc *d, struct arena *a, struct plan_report *out);

/*
** Judge one task on its own fields (no fallback to the whole text): set
** k->missing. The database side (model/plan.h) uses it for stored tasks.
*/
void plan_check_task(struct arena *a, struct plan_task *k);

#endif
