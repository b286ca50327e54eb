/*
** .docx out, in the party's document format (Hướng dẫn 36-HD/VPTW): the
** header with the superior body, the issuer in bold and "*" on the left and
** "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule below on the right; the number and
** the place-date line; the kind of document and its summary centred in
** bold; the body in Times New Roman 14 justified with a first-line indent;
** "Nơi nhận" and the signature block. A4, margins 20 mm top and bottom,
** 30 mm left, 15 mm right.
**
** Written by hand over libzip: the OOXML subset needed is small (one
** document part, styles, content types), and no Debian C library writes
** .docx. Text is escaped for XML here; characters XML 1.0 forbids are
** dropped. Pure output: no SQL.
*/
#ifndef GIAMSAT_RENDER_DOCX_H
#define GIAMSAT_RENDER_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct docx;

enum docx_flags {
	DOCX_BOLD = 1 << 0,
	DOCX_ITALIC = 1 << 1,
	DOCX_CENTER = 1 << 2,
	DOCX_RIGHT = 1 << 3,
	DOCX_JUSTIFY = 1 << 4,
	DOCX_INDENT = 1 << 5,     /* first-line indent 1 cm */
	DOCX_UPPER_SPACE = 1 << 6 /* 6 pt before */
};

/* The header of a party document; every field may be NULL. */
struct docx_party_header {
	const char *superior;   /* "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" */
	const char *issuer;     /* "ĐẢNG ỦY XÃ QUANG MINH" (bold) */
	const char *number;     /* "15-KH/ĐU": written "Số 15-KH/ĐU" */
	const char *place;      /* "Quang Minh" */
	const char *date_iso;   /* "2025-12-08": written "ngày 08 tháng 12 năm 2025" */
	const char *kind_title; /* "KẾ HOẠCH" */
	const char *summary;    /* "thực hiện Kế hoạch số 310/KH-UBND ..." */
};

/* A new, empty document. Never NULL. */
struct docx *docx_new(void);
void docx_free(struct docx *d);

void docx_party_header(struct docx *d, const struct docx_party_header *h);
/* A paragraph; size in points (0: 14). Line breaks in text become breaks. */
void docx_para(struct docx *d, const char *text, unsigned flags, int size);
/*
** A table with borders: cells row-major, nrows x ncols; the first row is a
** bold header when header is true.
*/
void docx_table(struct docx *d, const char *const *cells, int nrows, int ncols, bool header);
/*
** "Nơi nhận:" with its lines on the left, and on the right the capacity
** ("T/M ĐẢNG ỦY"), the title ("BÍ THƯ") and the signer's name.
*/
void docx_signature(struct docx *d, const char *const *recipients, size_t nrecipients, const char *capacity,
		    const char *title, const char *signer);

/* The .docx bytes (malloc'd). APP_EIO if the zip cannot be made. */
enum app_err docx_bytes(struct docx *d, char **out, size_t *len);
enum app_err docx_save(struct docx *d, const char *path);

#endif
