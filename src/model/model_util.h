/*
** Helpers shared by the model files that change audited records
** (inspect.c, complaint.c, review.c): transactions on the calling thread's
** connection, the access check that names what was refused, the audit
** entry of a change, and small text checks. Internal to src/model.
*/
#ifndef GIAMSAT_MODEL_UTIL_H
#define GIAMSAT_MODEL_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "util/util.h"

struct store;
struct stmt;

enum app_err model_begin(struct store *s);
enum app_err model_commit(struct store *s);
void model_rollback(struct store *s);
/* Commit when e is APP_OK, else roll back; e, or the commit's error. */
enum app_err model_end(struct store *s, enum app_err e);

/* Empty or white-space-only text counts as missing. */
bool model_blank(const char *t);
/* NULL or valid UTF-8. */
bool model_text_ok(const char *t);

/*
** May who read (write) unit_id's records? who NULL is the command line (allowed).
** APP_EDENIED with *why (Vietnamese, static) when not.
*/
enum app_err model_may(struct store *s, const struct account *who, int64_t unit_id, bool write, const char **why);

/*
** Append the audit entry of a change (model/audit.h) with the records before
** and after as JSON; takes the references of before and after (may be NULL).
*/
enum app_err model_audit(struct store *s, const struct account *who, int64_t unit_id, const char *entity, int64_t id,
			 const char *action, json_t *before, json_t *after);

/*
** NFC copy (canonical tone placement, malloc'd) of an optional text: NULL
** gives *out NULL. False when it is longer than max bytes or not valid UTF-8.
*/
bool model_nfc_opt(const char *in, size_t max, char **out);
/* Optional date: NULL or blank gives out[0] = 0; false when given but not a real date. */
bool model_opt_date(const char *in, char out[11]);
/* A JSON string, or null for NULL. */
json_t *model_jstr(const char *t);
/* The id of the unit with code (0 when none). */
enum app_err model_unit_id(struct store *s, const char *code, int64_t *id);

/* Run a bound statement; the first column of its first row in *out (0 when none). */
enum app_err model_one_int(struct stmt *st, int64_t *out);

#endif
