/* Internal to src/ingest: shared by the readers of struct idoc. */
#ifndef GIAMSAT_INGEST_IDOC_INT_H
#define GIAMSAT_INGEST_IDOC_INT_H

#include "idoc.h"

void idoc_init(struct idoc *d, const char *format);
/* Append a zeroed block (list_level -1, text ""); the pointer is valid until the next push. */
struct idoc_block *idoc_push(struct idoc *d, enum idoc_kind kind);
/* Cleaned copy of s[0..n) in d's arena (NFC, spaces collapsed, trimmed). */
const char *idoc_clean(struct idoc *d, const char *s, size_t n);

/* .docx or .xlsx from zip bytes (ooxml.c). */
enum app_err idoc_read_zip(const void *data, size_t n, struct idoc *out, const char **why);

/*
** A table under construction: cells by (row, column), grown as needed;
** idoc_table_finish() turns it into a block, filling merged areas.
*/
struct tbuild {
	const char **cells; /* rows * cols_cap */
	int rows, cols, rows_cap, cols_cap;
};
void tbuild_set(struct tbuild *t, int row, int col, const char *text);
const char *tbuild_get(const struct tbuild *t, int row, int col);
void tbuild_finish(struct idoc *d, struct tbuild *t, size_t line);

#endif
