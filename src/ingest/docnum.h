/*
** Document numbers ("số, ký hiệu văn bản") in the two Vietnamese systems,
** each read into one canonical form:
**
**   party (Hướng dẫn 36-HD/VPTW): NUMBER-KIND/ISSUER     01-CTr/TU, 55-QĐ/TW
**       numbered from 01 in each committee term; QĐ serves both quyết định
**       and quy định; CT is chỉ thị, never chương trình (that is CTr).
**   state (Nghị định 30/2020/NĐ-CP): NUMBER/KIND-ISSUER   167/KH-UBND
**       or NUMBER/YEAR/KIND-ISSUER for legal documents    30/2020/NĐ-CP
**       numbered from 01 each calendar year.
**
** Variants seen in practice are accepted: any letter case (01-Ctr/TU),
** the other system's separators (01/CTr-TU), missing diacritics (QD, ND,
** DU), a "Số:" prefix, spaces, NFD text. The result says which canonical
** form was chosen and why; what cannot be read is refused with a reason.
** Pure functions: no I/O, no allocation.
*/
#ifndef GIAMSAT_INGEST_DOCNUM_H
#define GIAMSAT_INGEST_DOCNUM_H

#include <stdbool.h>

#include "util/err.h"

enum docnum_system { DOCNUM_PARTY = 0, DOCNUM_STATE };

/* Why a number was refused or rewritten; see docnum_reason_vi/_en. */
enum docnum_reason {
	DOCNUM_R_NONE = 0,
	/* refusals */
	DOCNUM_R_EMPTY,        /* nothing after the "Số:" prefix */
	DOCNUM_R_ENCODING,     /* not valid UTF-8 */
	DOCNUM_R_TOO_LONG,     /* longer than any real number */
	DOCNUM_R_NO_NUMBER,    /* does not start with a number */
	DOCNUM_R_BAD_NUMBER,   /* 0, or more than 5 digits */
	DOCNUM_R_SHAPE,        /* neither N-K/I nor N/K-I nor N/Y/K-I */
	DOCNUM_R_BAD_YEAR,     /* a year that cannot be a year */
	DOCNUM_R_UNKNOWN_KIND, /* kind abbreviation unknown in that system */
	DOCNUM_R_BAD_ISSUER,   /* issuer missing or with stray characters */
	/* notes on an accepted number */
	DOCNUM_N_CASE,   /* letter case or diacritics were restored */
	DOCNUM_N_SYSTEM, /* separators of the other system were fixed */
	DOCNUM_N_PADDED, /* number padded to two digits */
	DOCNUM_N_PREFIX, /* a "Số:" prefix or spaces were removed */
};

#define DOCNUM_KIND_MAX 8
#define DOCNUM_ISSUER_MAX 48
#define DOCNUM_CANON_MAX 80

struct docnum {
	enum docnum_system system;
	unsigned number;                  /* 1..99999 */
	int year;                         /* state legal documents; else 0 */
	char kind[DOCNUM_KIND_MAX];       /* canonical: "CTr", "QĐ", "NĐ"; "" for a law */
	char issuer[DOCNUM_ISSUER_MAX];   /* canonical: "TU", "VPTW", "UBND", "CP" */
	char canonical[DOCNUM_CANON_MAX]; /* "01-CTr/TU", "30/2020/NĐ-CP" */
	/* Rewrites made to reach the canonical form, most important first. */
	enum docnum_reason notes[4];
	int nnotes;
};

/*
** Read a document number. APP_OK fills *out; APP_EINVAL sets *why (never
** DOCNUM_R_NONE) and leaves *out unspecified.
*/
enum app_err docnum_parse(const char *s, struct docnum *out, enum docnum_reason *why);

/* Vietnamese (interface) and English (command line) text for a reason. */
const char *docnum_reason_vi(enum docnum_reason r);
const char *docnum_reason_en(enum docnum_reason r);

/* Vietnamese name of a kind in a system ("Chương trình"), or NULL. */
const char *docnum_kind_vi(enum docnum_system sys, const char *kind);

#endif
