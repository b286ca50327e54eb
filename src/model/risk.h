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
** Not yet: ranking position and fall, plans copied from elsewhere.
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

enum risk_signal { RS_TASKS = 0, RS_FINDINGS, RS_SHORTFALLS, RS_COMPLAINTS, RS_YEARS, RS_PLAN_GAPS, RS_COUNT };
const char *risk_signal_code(enum risk_signal r);
const char *risk_signal_vi(enum risk_signal r);

#define RISK_YEARS_CAP 5.0

struct risk_weights {
	double w[RS_COUNT];
	const char *note;     /* why (required to set) */
	bool is_default;      /* read: none set for the year */
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
	double score;
};

struct risk_table {
	struct risk_weights weights;
	struct risk_row *v;   /* highest score first; ties by unit id */
	size_t n;
};

/*
** Scores of every current unit in unit_id's subtree (0: who's scope or the
** whole tree) for a year, as of asof (ISO or dd/mm/yyyy; NULL: today). A
** fixed number of queries whatever the number of units.
*/
enum app_err risk_scores(struct store *s, struct arena *a, const struct account *who, int64_t unit_id, int year,
			 const char *asof, struct risk_table *out);

#endif
