/*
** Basic helpers used by every layer: checked allocation, arenas, bounded
** string builders, logging. Include this instead of the pieces.
*/
#ifndef GIAMSAT_UTIL_H
#define GIAMSAT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* malloc/calloc/realloc/strdup that abort with a message on exhaustion. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new malloc'd string; the caller frees it. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
** Arena: many small allocations freed together (one per request, one per
** command). Blocks are malloc'd; arena_release() frees them all.
*/
struct arena_block;
struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for limits and tests */
};
void arena_init(struct arena *a);
void arena_release(struct arena *a);
/* Zeroed memory of n bytes, aligned for any type; lives until release. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/*
** sbuf: a growable byte string, always NUL-terminated, with a cap (curl's
** dynbuf). Adding past the cap fails with APP_ETOOBIG and leaves the buffer
** as it was. sbuf_init(&b, 0) means no cap. Memory is malloc'd:
** sbuf_release() frees it, sbuf_detach() hands it to the caller.
*/
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	size_t max;
};
void sbuf_init(struct sbuf *b, size_t max);
void sbuf_release(struct sbuf *b);
char *sbuf_detach(struct sbuf *b, size_t *len);
void sbuf_reset(struct sbuf *b);
enum app_err sbuf_add(struct sbuf *b, const void *data, size_t n);
enum app_err sbuf_addstr(struct sbuf *b, const char *s);
enum app_err sbuf_addch(struct sbuf *b, char c);
enum app_err sbuf_addf(struct sbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
enum app_err sbuf_vaddf(struct sbuf *b, const char *fmt, va_list ap);

/*
** Files. file_read() reads a whole file into malloc'd memory (NUL added, not
** counted in *len); fails with APP_ETOOBIG past max bytes (0: no limit).
*/
enum app_err file_read(const char *path, size_t max, char **data, size_t *len);
/* Write a file atomically: temp file in the same folder, fsync, rename. */
enum app_err file_write_atomic(const char *path, const void *data, size_t len);

/*
** Logging: one key=value line per event on stderr, e.g.
** log_info("http", "status=%d path=%s", 200, path). Never log passwords,
** tokens or form bodies. log_quiet(true) silences info lines (tests).
*/
void log_info(const char *event, const char *fmt, ...) PRINTF_LIKE(2, 3);
void log_warn(const char *event, const char *fmt, ...) PRINTF_LIKE(2, 3);
void log_error(const char *event, const char *fmt, ...) PRINTF_LIKE(2, 3);
void log_quiet(bool quiet);

/*
** Time in Vietnam (Asia/Ho_Chi_Minh is UTC+7, no daylight saving).
** Dates are stored as ISO "YYYY-MM-DD" text and shown as dd/mm/yyyy.
*/
int64_t time_now(void); /* seconds since the epoch */
/* Write "dd/mm/yyyy" for an ISO date into out (>= 11 bytes); false if bad. */
bool date_iso_to_vn(const char *iso, char out[11]);
/* Parse "dd/mm/yyyy" or "YYYY-MM-DD" into ISO form; false if not a real date. */
bool date_parse(const char *s, char out[11]);
/* Today's date in Vietnam as ISO "YYYY-MM-DD". */
void date_today(char out[11]);
/* "dd/mm/yyyy HH:MM" for a time, in Vietnam's zone (out >= 17 bytes). */
void time_format_vn(int64_t t, char out[17]);
/* Format a number Vietnamese style: 1.234,5 (decimals digits after ','). */
void num_format_vn(double v, int decimals, char *out, size_t outlen);

/*
** Day arithmetic on dates (proleptic Gregorian, H. Hinnant's algorithms).
** date_to_days: days since 1970-01-01 of an ISO or dd/mm/yyyy date; false
** when it is not a real date. date_from_days: the ISO date of a day number.
** date_add_days: iso plus days, as ISO; false on a bad date or a result
** outside years 1-9999. date_days_between: b - a in days, 0 when either is
** not a real date.
*/
bool date_to_days(const char *date, int64_t *days);
void date_from_days(int64_t days, char out[11]);
bool date_add_days(const char *date, int days, char out[11]);
int date_days_between(const char *a, const char *b);

/* Parse a whole decimal integer string; false on junk, empty or overflow. */
bool parse_int64(const char *s, int64_t *out);

#include "banned.h"

#endif
