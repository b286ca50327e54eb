/*
** Helpers shared by the cascade modules (directive, indicator, plan,
** progress): statement preparation on the calling thread's connection,
** arena copies of columns, NFC copies of input. Not for use elsewhere.
*/
#ifndef GIAMSAT_MODEL_CASCADE_INT_H
#define GIAMSAT_MODEL_CASCADE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/util.h"

/* store_stmt (the prepared statement for q on this thread's connection, or NULL). */
struct stmt *cz_prep(struct store *s, struct query *q);
/* stmt_col_dup with the arena first: column i copied into a (NULL for SQL NULL). */
const char *cz_col(struct arena *a, struct stmt *st, int i);
/*
** NFC copy (malloc'd) of an optional text, trimmed; NULL input or an
** all-blank one gives *out NULL. False when it is longer than max bytes or
** not valid UTF-8.
*/
bool cz_norm(const char *in, size_t max, char **out);
/* Run a statement that returns one integer (COUNT, id); *v = 0 when no row. */
enum app_err cz_int(struct stmt *st, int64_t *v);
/* Begin a transaction on this thread's connection. */
enum app_err cz_begin(struct store *s);
enum app_err cz_commit(struct store *s);
void cz_rollback(struct store *s);
/* A unit's id, kind code and path by code; APP_ENOTFOUND when absent. */
enum app_err cz_unit(struct store *s, const char *code, int64_t *id, char kind[16], char path[256]);
/* The same by id. */
enum app_err cz_unit_id(struct store *s, int64_t id, char kind[16], char path[256], int64_t *parent);

#endif
