/*
** Every setting of a year's risk weights, newest first (the commission's
** changes, each with its note, who and when), for the risk page: the model
** keeps them all (risk_weights_set appends) but risk.h reads the latest
** only.
*/
#ifndef GIAMSAT_MODEL_RISK_HISTORY_H
#define GIAMSAT_MODEL_RISK_HISTORY_H

#include "model/risk.h"

struct risk_weights_set_row {
	struct risk_weights w;   /* w.note in the arena; is_default false */
	const char *set_by_name; /* display name of the account, or NULL (command line) */
};

/* At most max settings of year, newest first, into a. */
enum app_err risk_weights_history(struct store *s, struct arena *a, int year, size_t max,
				  struct risk_weights_set_row **out, size_t *n);

#endif
