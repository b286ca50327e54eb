/*
** CSV reader after RFC 4180: fields separated by ',', records by CRLF or
** LF, fields optionally in double quotes ("" inside quotes is one quote;
** quotes may hold commas and line breaks). Strict where the RFC is: a quote
** inside an unquoted field, text after a closing quote and an unterminated
** quote are errors. Lenient where files in the wild need it: a UTF-8 BOM at
** the start is skipped, blank lines are skipped, a last record without a
** line break is read. NUL bytes are errors. No encoding check: callers
** validate UTF-8 per field if they need it.
*/
#ifndef GIAMSAT_INGEST_CSV_H
#define GIAMSAT_INGEST_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define CSV_MAX_FIELDS 1024
#define CSV_MAX_FIELD (1 << 20) /* bytes in one field */

struct csv {
	const char *p, *end;
	size_t line;     /* physical line where the next record starts (1-based) */
	size_t rec_line; /* line where the last record read started */
	size_t records;  /* records read so far (the header counts) */
	char *buf;       /* the last record's fields, each NUL-terminated */
	size_t buflen, bufcap;
	size_t *offs; /* field offsets into buf */
	const char **fields;
	size_t nfields, capfields;
	const char *error; /* English, static: why csv_next failed */
};

/* Start reading data[0..len). The data must outlive the reader. */
void csv_init(struct csv *c, const char *data, size_t len);
/* Free what the reader allocated. */
void csv_release(struct csv *c);

/*
** Read the next record: APP_OK with *fields (n of them, NUL-terminated,
** valid until the next call) ; APP_ENOTFOUND at the end of the data;
** APP_EINVAL on malformed input (c->error says why, c->line where);
** APP_ETOOBIG past CSV_MAX_FIELDS or CSV_MAX_FIELD.
*/
enum app_err csv_next(struct csv *c, const char *const **fields, size_t *n);

#endif
