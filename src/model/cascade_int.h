/*
** Helpers shared by the cascade modules (directive, indicator, plan,
** progress): statement preparation on the calling thread's connection,
** arena copies of columns, NFC copies of input. Not for use elsewhere.
*/
#ifndef GIAMSAT_MODEL_CASCADE_INT_H
#define GIAMSAT_MODEL_CASCADE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model_util.h"
#include "store/store.h"
#include "util/util.h"

/*
** NFC copy (malloc'd) of an optional text, trimmed; NULL input or an
** all-blank one gives *out NULL. False when it is longer than max bytes or
** not valid UTF-8.
*/
bool cz_norm(const char *in, size_t max, char **out);
/* A unit's id, kind code and path by code; APP_ENOTFOUND when absent. */
enum app_err cz_unit(struct store *s, const char *code, int64_t *id, char kind[16], char path[256]);
/* The same by id. */
enum app_err cz_unit_id(struct store *s, int64_t id, char kind[16], char path[256], int64_t *parent);

/* ---- plans (plan.c), shared with plan_task.c ---- */

#include "model/plan.h"

struct plan_head {
	int64_t unit_id, directive_id;
	enum plan_state state;
	char plan_date[11];
	char period_from[11], period_to[11];
};

/* The head of plan id; APP_ENOTFOUND when absent. */
enum app_err plan_head_get(struct store *s, int64_t id, struct plan_head *h);
/* A plan can be edited while it is a draft or returned. */
bool plan_editable(const struct plan_head *h);
/* May who edit the plans of unit_id (its own unit, or an admin)? NULL who: the command line. */
enum app_err plan_can_edit(struct store *s, const struct account *who, int64_t unit_id, const char **why);
/* May who review (return, accept) the plans of unit_id: a writer above it. */
enum app_err plan_can_review(struct store *s, const struct account *who, int64_t unit_id, const char **why);
/* Validate and insert a plan row (inside the caller's transaction, if any). */
enum app_err plan_create_row(struct store *s, const struct account *who, const struct plan_new *p, int64_t *id,
			     const char **why);
/* The audit entry of a state change (or a creation, from == to). */
enum app_err plan_audit_state(struct store *s, const struct account *who, int64_t plan_id, int64_t unit_id,
			      const char *action, enum plan_state from, enum plan_state to, const char *reason);

#endif
