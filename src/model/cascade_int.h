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

#endif
