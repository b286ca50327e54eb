/*
** Internals of src/reuse shared between its files. Not for other modules.
*/
#ifndef GIAMSAT_REUSE_INTERNAL_H
#define GIAMSAT_REUSE_INTERNAL_H

#include <stdatomic.h>

#include "reuse/reuse.h"
#include "text/text.h"
#include "util/util.h"

/* Fingerprints: k-grams of class-folded syllable keys, winnowed with window w. */
#define RK 5
#define RW 8

/* Keys of folded classes; word keys are never below 16. */
enum { KEY_NUM = 1, KEY_DATE = 2, KEY_DOCNO = 3, KEY_UNIT = 4 };

#define RMAX_ZONES 16

/* A document as the engine sees it: content syllables only. */
struct rdoc {
	size_t n;
	uint32_t *keys; /* class-folded key per token */
	uint32_t *off;  /* byte offset of the token in the input as given */
	uint32_t *len;  /* its byte length there */
	uint8_t *flags; /* RF_* */
	enum text_enc enc;
	uint64_t inlen;
	uint32_t zone_syl;
	size_t nzones;
	struct reuse_span zones[RMAX_ZONES];
	const char *zone_kind[RMAX_ZONES];
	/* kept only for the query (signals): the decoded text and its offsets */
	struct text_buf tb;
	bool has_tb;
};
enum { RF_SSTART = 1, RF_NUM = 2, RF_DATE = 4, RF_UPPER = 8 };

/*
** Decode and tokenize input; drop header/motto/recipients/signature zones
** unless keep_boiler. keep_text keeps the decoded text in d->tb.
*/
enum app_err rdoc_parse(const char *data, size_t len, bool keep_boiler, bool keep_text, struct rdoc *d,
			char err[REUSE_ERRLEN]);
void rdoc_release(struct rdoc *d);

/* 32-bit key of a phrase's syllables (for rule matching); returns count. */
size_t rphrase_keys(const char *phrase, uint32_t *out, size_t max);
uint32_t rkey32(uint64_t k);

/* Hash of the k-gram of keys starting at p. */
static inline uint64_t rgram_hash(const uint32_t *p, int k)
{
	uint64_t h = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < k; i++) {
		h ^= p[i];
		h *= 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	return h;
}

/*
** Winnowing (Schleimer et al. 2003, robust variant: the rightmost minimum
** of each window of w k-gram hashes). Writes the 32-bit fingerprints chosen
** and the k-gram position of each to fp/pos (each sized n), returns their
** count (a position appears once even when chosen by several windows).
*/
size_t rwinnow(const uint32_t *keys, size_t n, int k, int w, uint32_t *fp, uint32_t *pos);

/* 64-bit checksum of a byte range (fast, not cryptographic). */
uint64_t rsum64(const void *p, size_t n, uint64_t seed);

/* varints */
static inline size_t rvput(uint8_t *p, uint64_t v)
{
	size_t i = 0;
	while (v >= 0x80) {
		p[i++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[i++] = (uint8_t)v;
	return i;
}
/* Returns bytes read, 0 on overrun or overlong. */
static inline size_t rvget(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
	uint64_t r = 0;
	for (size_t i = 0; i < 10 && p + i < end; i++) {
		r |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = r;
			return i + 1;
		}
	}
	return 0;
}

/* ---- reader internals (index.c) used by check.c ---- */

struct rseg;
struct rdocinfo {
	uint32_t id;
	uint32_t ntok;
	const uint32_t *keys; /* mmapped, checked */
	const char *name, *unit, *parent, *directive;
	enum reuse_kind kind;
	int year;
	uint64_t byte_len;
	uint32_t seg, local;
};

size_t rix_nsegs(const struct reuse_index *ix);
size_t rix_seg_ndocs(const struct reuse_index *ix, size_t seg);
/*
** Postings of fingerprint h in segment seg: the local doc numbers, written
** to *docs (grown as needed), their count in *n. A list longer than limit
** is only counted (*n > limit, *docs not filled). ECORRUPT on damage.
*/
enum app_err rix_lookup(struct reuse_index *ix, size_t seg, uint32_t h, uint32_t limit, uint32_t **docs, size_t *cap,
			size_t *n);
/*
** Hint the CPU to fetch what rix_lookup(h) will read: stage 0 the bucket
** entry, stage 1 (after stage 0 had time) the start of the postings. Reads
** nothing unchecked beyond the mapped file; never fails.
*/
void rix_prefetch(const struct reuse_index *ix, size_t seg, uint32_t h, int stage);
/* Document record (keys verified); ECORRUPT on damage. */
enum app_err rix_doc(struct reuse_index *ix, size_t seg, uint32_t local, struct rdocinfo *d);
/* Original byte offset and length of token t of a document. */
enum app_err rix_doc_offsets(struct reuse_index *ix, const struct rdocinfo *d, uint32_t *off, uint32_t *len);
bool rix_deleted(const struct reuse_index *ix, uint32_t id);
/* Local docs of segment seg carrying metadata key ("d:" directive, "u:" unit). */
enum app_err rix_meta_lookup(struct reuse_index *ix, size_t seg, const char *key, uint32_t *docs, size_t max,
			     size_t *n);
void rix_seterr(struct reuse_index *ix, char err[REUSE_ERRLEN]);
/*
** Fuzzing only: accept segment and deletion files whose checksums do not
** match, so that the fuzzer reaches the structural checks behind them.
*/
extern bool rix_fuzz_skip_sums;
/* Pending bytes at which a writer flushes a segment before commit (tests lower it). */
extern uint64_t rix_flush_bytes;

#endif
