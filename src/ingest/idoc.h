/*
** A document as it comes in (.docx, .xlsx, plain text in any Vietnamese
** encoding), reduced to what the checks need: a sequence of blocks, each a
** paragraph (with its list numbering) or a table (cells as text, merged
** cells repeated into every position they cover, as a reader sees them).
** All text is NFC UTF-8 with canonical tone placement.
*/
#ifndef GIAMSAT_INGEST_IDOC_H
#define GIAMSAT_INGEST_IDOC_H

#include <stddef.h>

#include "util/util.h"

enum idoc_kind { IDOC_PARA = 0, IDOC_TABLE };

struct idoc_block {
	enum idoc_kind kind;
	/* paragraph */
	const char *text;  /* NUL-terminated, trimmed */
	int list_level;    /* Word list level (0 = top) or -1 when not in a list */
	const char *label; /* the generated list label ("1.", "a)") or NULL */
	/* table */
	int nrows, ncols;
	const char **cells; /* nrows * ncols, row-major; "" for empty */
	/* where it came from: paragraph or row number (1-based) for messages */
	size_t line;
};

struct idoc {
	struct idoc_block *v;
	size_t n, cap;
	struct arena arena;   /* owns every string */
	const char *format;   /* "docx", "xlsx", "text" */
	const char *encoding; /* text: the encoding read (text_enc_name) */
};

#define IDOC_MAX_BYTES (64u << 20) /* files larger than this are refused */
#define IDOC_MAX_XML (256u << 20)  /* uncompressed XML part limit (zip bombs) */

/*
** Read a file by its content (zip with word/document.xml: docx; with
** xl/workbook.xml: xlsx; else text). APP_OK fills *out (release it with
** idoc_release). Errors: APP_ENOTFOUND, APP_ETOOBIG, APP_EINVAL (unreadable,
** *why gets an English reason, static) and APP_EIO.
*/
enum app_err idoc_read_file(const char *path, struct idoc *out, const char **why);
/* The same on bytes in memory. */
enum app_err idoc_read_mem(const void *data, size_t n, struct idoc *out, const char **why);
void idoc_release(struct idoc *d);

#endif
