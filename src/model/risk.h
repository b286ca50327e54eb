/*
** Risk-based choice of inspection targets (issue 5, item 2): a transparent
** score per unit = sum of weight x signal, every signal and its
** contribution kept beside the score, so each proposed target shows why.
**
** Signals, per unit (its own records, not its subtree), as of a date:
**   RS_TASKS       overdue tasks of its plans (four-state rule, progress.h)
**   RS_FINDINGS    overdue live findings (inspect.h)
**   RS_SHORTFALLS  indicator values of the year below their target
**                  (above, for a 'down' indicator); the plan's local target
**                  first, else the indicator's
**   RS_COMPLAINTS  complaints and denunciations received in the year
**   RS_YEARS       years since its last inspection ended (never: capped at
**                  RISK_YEARS_CAP)
**   RS_PLAN_GAPS   tasks of its plans that lack one of the five "rõ"
**                  (task.missing, set by the plan check): perfunctory plans
**   RS_RANK        ranking position and fall: of the unit's latest ranking
**                  recorded for a year not after the score's year
**                  (risk_rank_set), its place in the table from 0 (first)
**                  to 1 (last), (position - 1) / (of_n - 1), plus how far
**                  that place fell since the ranking before it (the same
**                  share, 0 when it rose or stayed). 0..2; a unit with no
**                  ranking recorded gets 0 and no evidence. The evidence
**                  (risk_row.rank, worded by risk_evidence) names the
**                  index, the places and the source.
**   RS_COPIED      copied plans: the highest copied share (0..1) among the
**                  unit's plans dated in the score's year, else the share
**                  of its latest plan dated before it; measured by the copy
**                  detector and stored (doc_reuse_measure, table doc_copy);
**                  0 and no evidence when none of its plans was measured.
**                  The evidence names the plan and its main source.
**
** Weights are set per year by the commission with a note, and every setting
** is kept; the latest for the year applies. A year with none uses 1.0 for
** each signal and says so (weights.is_default).
*/
#ifndef GIAMSAT_MODEL_RISK_H
#define GIAMSAT_MODEL_RISK_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "util/util.h"

struct store;

enum risk_signal {
	RS_TASKS = 0,
	RS_FINDINGS,
	RS_SHORTFALLS,
	RS_COMPLAINTS,
	RS_YEARS,
	RS_PLAN_GAPS,
	RS_RANK,
	RS_COPIED,
	RS_COUNT
};
const char *risk_signal_code(enum risk_signal r);
const char *risk_signal_vi(enum risk_signal r);

#define RISK_YEARS_CAP 5.0

struct risk_weights {
	double w[RS_COUNT];
	const char *note; /* why (required to set) */
	bool is_default;  /* read: none set for the year */
	int64_t set_by, set_at;
};

/* Record the year's weights (0..100 each; audited). who NULL, admin, inspector or leader. */
enum app_err risk_weights_set(struct store *s, const struct account *who, int year, const struct risk_weights *w,
			      const char **why);
/* The weights in force for the year (note in a). */
enum app_err risk_weights_get(struct store *s, struct arena *a, int year, struct risk_weights *out);

struct risk_row {
	int64_t unit_id;
	const char *code, *name;
	double signal[RS_COUNT];
	double part[RS_COUNT]; /* weight x signal */
	struct risk_rank_sig {
		int64_t id;                              /* the latest ranking's row (its index and source) */
		int year, position, of_n;                /* latest ranking up to the year; year 0: none */
		int prev_year, prev_position, prev_of_n; /* the one before it; prev_year 0: none */
	} rank;                                          /* what RS_RANK rests on: risk_evidence() words it */
	struct risk_copy_sig {
		int64_t doc_id; /* the plan whose share is RS_COPIED; 0: none measured */
		bool in_year;   /* dated in the score's year (else the latest before it) */
		char date[11];  /* its date, ISO */
	} copied;
	double score;
};

struct risk_table {
	struct risk_weights weights;
	struct risk_row *v; /* highest score first; ties by unit id */
	size_t n;
};

/*
** Scores of every unit in force on asof (valid_from..valid_to) in unit_id's subtree (0: who's scope or the
** whole tree) for a year, as of asof (ISO or dd/mm/yyyy; NULL: today, or
** 31/12 of a past year, so that a past year is scored with the units that
** existed then, e.g. the district committees dissolved on 30/6/2025). A
** fixed number of queries whatever the number of units.
*/
enum app_err risk_scores(struct store *s, struct arena *a, const struct account *who, int64_t unit_id, int year,
			 const char *asof, struct risk_table *out);

/*
** What a row's signal rests on, in Vietnamese, for the reasons shown beside a
** proposed target, e.g. for RS_RANK "Chỉ số ... năm 2022: hạng 30/30 (cuối
** bảng); năm 2021: hạng 25/30, tụt 5 bậc. Nguồn: ...", for RS_COPIED "Kế
** hoạch số 21-KH/ĐU ngày 15/12/2025: 64 % nội dung trùng với văn bản khác
** (nhiều nhất từ văn bản số 15-KH/ĐU của ...)". NULL when there is
** nothing to add to the signal's number (no ranking recorded, no plan
** measured; the other signals are counts). Formatted on demand (in a; one small query for the
** index's name and source) so that scoring 50,000 units reads and formats
** no text: call it for the rows shown.
*/
const char *risk_evidence(struct store *s, struct arena *a, const struct risk_row *r, enum risk_signal sig);

/*
** A unit's place in a ranking (e.g. the city's administrative-reform index
** table) for a year: position of of_n (1 = first). year is the year the
** ranking describes or, when the source does not say, the year it was
** stated in (say which in note). source is required: what states the
** place. One per unit and year: setting it again replaces it; every
** setting is audited with before and after.
*/
struct risk_rank_new {
	int year;
	const char *unit_code;
	const char *index_name; /* e.g. "Chỉ số cải cách hành chính (PAR Index) cấp huyện" */
	int position, of_n;     /* 1 <= position <= of_n <= 100000 */
	const char *source;     /* required */
	const char *note;       /* optional */
	bool demo;
};

/* Record a ranking. who NULL, admin, inspector or leader; APP_EINVAL (*why), APP_EDENIED. */
enum app_err risk_rank_set(struct store *s, const struct account *who, const struct risk_rank_new *n, const char **why);

struct risk_rank {
	int year, position, of_n;
	const char *index_name, *source, *note; /* in the arena */
};

struct risk_rank_list {
	struct risk_rank *v; /* latest year first */
	size_t n;
};

/* A unit's recorded rankings (who must be able to read the unit). */
enum app_err risk_rank_list(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			    struct risk_rank_list *out);

#endif
