/*
** Vietnamese text: UTF-8 validation, NFC, one canonical tone-mark placement,
** legacy encodings (TCVN3/ABC, VNI-Windows, VISCII, Windows-1258), folding
** for search, Vietnamese collation and syllable tokenization with byte
** offsets into the original input. Depends on nothing else in the tree
** (utf8proc and glibc iconv only). Used by search, sorting, import and reuse.
*/
#ifndef GIAMSAT_TEXT_H
#define GIAMSAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* ---- validation and normalization ---- */

/*
** True when s[0..n) is valid UTF-8 (no overlongs, surrogates or code points
** past U+10FFFF). On false, *bad_at (if not NULL) is the offset of the first
** bad byte.
*/
bool text_utf8_valid(const char *s, size_t n, size_t *bad_at);

/*
** NFC of valid UTF-8 s[0..n), with tone marks placed in one canonical way:
** the traditional placement most official texts use (hoà -> hòa, thuỷ ->
** thủy, khoẻ -> khỏe; qúy -> quý, gìa -> già; hoàn, thuyền unchanged).
** Returns malloc'd NUL-terminated text (length in *outlen if not NULL), or
** NULL when s is not valid UTF-8.
*/
char *text_normalize(const char *s, size_t n, size_t *outlen);

/* Plain NFC, without moving tone marks. malloc'd, NULL on invalid UTF-8. */
char *text_nfc(const char *s, size_t n, size_t *outlen);

/* ---- legacy encodings ---- */

enum text_enc {
	TEXT_ENC_UTF8 = 0,
	TEXT_ENC_TCVN3, /* TCVN 5712:1993 "ABC", .VnTime fonts */
	TEXT_ENC_VNI,   /* VNI-Windows: base letter + mark byte */
	TEXT_ENC_VISCII,
	TEXT_ENC_CP1258, /* Windows-1258: base letter + combining tone */
	TEXT_ENC_UNKNOWN,
	TEXT_ENC_UTF16 /* decoded only, with a BOM (Notepad's "Unicode"); after UNKNOWN so no value moves */
};

/* "UTF-8", "TCVN3", "VNI", "VISCII", "Windows-1258", "UTF-16": static strings. */
const char *text_enc_name(enum text_enc e);
/* Parse such a name (case-insensitive, also "tcvn", "abc", "cp1258"). */
bool text_enc_parse(const char *name, enum text_enc *out);

/*
** A decoded text: NFC UTF-8 with canonical tone placement, and for every
** byte of it the offset in the original input of the character it came
** from, so that positions found in the text can be reported in the input.
*/
/*
** src_off is monotone. At the first byte of a character it is the input
** offset where that character starts (a composed letter: its base; a VNI
** base+mark pair: the base byte; a moved tone: the letter at that place),
** so [src_off[t.off], src_off[t.off + t.len]) is the input span of a token.
*/
struct text_buf {
	char *s; /* NUL-terminated; malloc'd */
	size_t len;
	uint32_t *src_off; /* len + 1 entries; src_off[len] == input length */
	enum text_enc enc; /* the encoding chosen */
	double confidence; /* 0..1: how sure the choice is */
};

/*
** Decode n bytes of unknown encoding. With hint TEXT_ENC_UNKNOWN the
** encoding is detected (valid UTF-8 wins unless it is plain mojibake of a
** legacy encoding; otherwise each legacy decoder is scored by the share of
** valid Vietnamese syllables it yields). A UTF-8 BOM is skipped; a UTF-16
** BOM (FF FE or FE FF) means UTF-16 (enc TEXT_ENC_UTF16). UTF-8
** with a few damaged bytes (at most 1 in 20 sequences) stays UTF-8, each
** bad byte becoming U+FFFD, with a confidence below 0.9.
** Errors: APP_EINVAL when the input is empty, binary (NUL bytes, control
** characters) or no encoding yields Vietnamese or plain text;
** APP_ETOOBIG over 4 GiB. On success release out with text_buf_release().
** On error out is zeroed (s and src_off NULL). TCVN3 has no toned
** capitals: words in all-capital headings and toned vowels that start a
** sentence or line get them back; one inside a sentence stays lower case.
*/
enum app_err text_decode(const char *in, size_t n, enum text_enc hint, struct text_buf *out);
void text_buf_release(struct text_buf *b);

/*
** Encode UTF-8 text into a legacy encoding (for tests, the evaluation
** corpus and export to old systems). Characters the encoding lacks become
** '?'. *out is malloc'd. APP_EINVAL on invalid UTF-8 or enc UTF8/UNKNOWN.
** TCVN3 writes toned capitals with the lower-case codes, as ABC does;
** Windows-1258 uses a precomposed byte when there is one, else base + tone.
*/
enum app_err text_encode(const char *s, size_t n, enum text_enc enc, char **out, size_t *outlen);

/* ---- folding, search and order ---- */

/*
** Fold for search and matching: lower case, every diacritic removed,
** đ/Đ -> d, runs of white space to one space, trimmed. "Thường Tín" ->
** "thuong tin". Input must be valid UTF-8 (invalid bytes are dropped).
** malloc'd, never NULL.
*/
char *text_fold(const char *s, size_t n);

/*
** Compare two UTF-8 strings in Vietnamese alphabetical order: a ă â b c d đ
** e ê ... o ô ơ ... u ư ..., letters first, tones as the last tie-break
** (ngang, huyền, hỏi, ngã, sắc, nặng), case after that. strcmp-like result.
*/
int text_collate(const char *a, const char *b);

/*
** A byte string whose memcmp order is text_collate's order, for ORDER BY in
** the store (both engines sort bytes the same way). malloc'd; length in
** *keylen. Hex-safe: contains no NUL byte.
*/
char *text_sort_key(const char *s, size_t n, size_t *keylen);

/* ---- syllables ---- */

enum text_tone { TONE_NONE = 0, TONE_GRAVE, TONE_HOOK, TONE_TILDE, TONE_ACUTE, TONE_DOT };

/* Class of a token, so that changing a number or a date does not hide a copy. */
enum text_cls {
	TCLS_WORD = 0, /* a syllable or a foreign word */
	TCLS_NUM,      /* digits, with . , inside: 335, 1.234,5, 98% (the % apart) */
	TCLS_DATE,     /* 17/3/2021, 03/2021, 2021-03-17 */
	TCLS_DOCNO     /* a document number such as 01-CTr/TU or 167/KH-UBND */
};

struct text_syl {
	uint32_t off, len; /* bytes in the text the tokenizer was given */
	/*
	** Hash of the folded-case toneless base: hòa == hoà == Hoà, but ă â ê
	** ô ơ ư đ differ from a e o u d. NUM/DATE/DOCNO: hash of the token's
	** case-folded text and class. Stable across runs and machines.
	*/
	uint64_t key;
	uint8_t tone;           /* enum text_tone */
	uint8_t cls;            /* enum text_cls */
	uint8_t sentence_start; /* 1 when the token begins a sentence or line item */
	uint8_t upper;          /* 1 when the token starts with an upper-case letter */
};

/*
** Split NFC UTF-8 text into syllable tokens (letter/digit runs; numbers,
** dates and document numbers as one token each). *out is malloc'd (free it);
** returns the count. Offsets are into s.
*/
size_t text_syllables(const char *s, size_t n, struct text_syl **out);

#endif
