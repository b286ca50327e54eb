/*
** Documents (văn bản): programmes, plans, reports, conclusions ... each
** issued by one unit (unit_id), numbered like "01-CTr/TU". The cascade,
** plan and inspection issues extend the record; this is the part the unit
** page needs. Strings of results live in the arena given.
*/
#ifndef GIAMSAT_MODEL_DOC_H
#define GIAMSAT_MODEL_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

struct store;

struct doc {
	int64_t id;
	int64_t unit_id; /* issuer */
	const char *unit_code;
	const char *unit_name;
	const char *kind;     /* type abbreviation: "CTr", "KH", "BC", "KL", "NQ" ... */
	const char *number;   /* "01-CTr/TU" or NULL when not numbered */
	const char *doc_date; /* ISO date or NULL */
	const char *title;    /* NFC */
	const char *body;     /* NFC plain text or NULL */
	const char *source;   /* where the facts come from (article URL/title) or NULL */
	bool demo;            /* created by `giamsat demo` */
};

struct doc_list {
	struct doc *v;
	size_t n;
};

/* A new document: unit_code, kind and title required. */
struct doc_new {
	const char *unit_code;
	const char *kind, *number, *doc_date, *title, *body, *source;
	bool demo;
};

/*
** Insert a document. APP_EINVAL (*why: Vietnamese, static) when a field is
** bad (invalid UTF-8, bad date, unknown unit). Text is stored in NFC.
*/
enum app_err doc_add(struct store *s, const struct doc_new *d, int64_t *id, const char **why);

/* One document by id; APP_ENOTFOUND when absent. */
enum app_err doc_get(struct store *s, struct arena *a, int64_t id, struct doc *out);

/*
** Documents issued by unit_id, newest first (doc_date, then id), at most
** limit (<= 0: 100). body is not filled (NULL) in lists.
*/
enum app_err doc_list_for_unit(struct store *s, struct arena *a, int64_t unit_id, int limit, struct doc_list *out);

#endif
