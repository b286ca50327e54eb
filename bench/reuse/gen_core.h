/*
** Labelled text-reuse corpus generator (the engine of gen_corpus.c), in the
** style of the PAN text-alignment corpora but in Vietnamese, with the edits
** Vietnamese plans actually make. Header-only because the Makefile builds
** every bench .c file into its own program; tests/unit/test_reuse_eval_gen.c
** includes it to test the transforms and a whole small corpus.
**
** Input: shared/data/corpus (official documents = superior directives,
** Wikipedia articles = "other" sources and filler) and shared/data/admin
** (unit names for swaps and for the plans' units).
**
** Output under OUT (nothing is written into the repository):
**   src/dir/vb_NNNN.txt       directives (byte copies of the corpus files)
**   src/other/wiki_NNNN.txt   other sources (byte copies)
**   src/plan/pNNNN_UNIT_YEAR.txt earlier plans of the units and peer plans
**   susp/NNN_KIND.txt         suspicious plans, one obfuscation kind each
**   truth/NNN_KIND.json       ground truth per suspicious plan
**   *.txt.meta.json           sidecar metadata for scopes (reuse_meta_load)
**   sources.list, susp.list   the files to index and to check
** Ground truth: {"file", "obfuscation", "unit", "year", "directive",
**   "cases": [{"source", "source_offset", "source_length", "offset",
**   "length", "obfuscation", "scope"}]}, offsets in BYTES of the files as
** written (after obfuscation and encoding). Boilerplate (header, motto, the
** directive's quoted title, stock headings, recipients and signature) is
** deliberately not a case: the engine should discount it.
**
** Deterministic: same data + same --seed = same bytes.
*/
#ifndef GIAMSAT_BENCH_GEN_CORE_H
#define GIAMSAT_BENCH_GEN_CORE_H

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "text/text.h"
#include "util/util.h"

#define GEN_FN static __attribute__((unused))

/* ---- random numbers: splitmix64, deterministic across platforms ---- */

struct rng {
	uint64_t s;
};

GEN_FN uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
GEN_FN size_t rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) % (uint64_t)n);
}

GEN_FN double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* ---- UTF-8 code point helpers ---- */

struct cps {
	int32_t *v;
	size_t n, cap;
};

GEN_FN void cps_push(struct cps *c, int32_t cp)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = cp;
}

/* Decode valid UTF-8 (invalid bytes become U+FFFD). */
GEN_FN void cps_from(struct cps *c, const char *s, size_t n)
{
	size_t i = 0;

	c->n = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);

		if (r <= 0) {
			cp = 0xFFFD;
			r = 1;
		}
		cps_push(c, cp);
		i += (size_t)r;
	}
}

GEN_FN void sbuf_add_cp(struct sbuf *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, u);

	(void)sbuf_add(b, u, (size_t)k);
}

GEN_FN bool cp_is_letter(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

GEN_FN bool cp_is_upper(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* ---- old ("hoà", "thuỷ") tone placement ---- */

/*
** Move the tone of a toned o/u onto the next vowel in the open rhymes oa,
** oe, uy (hòa -> hoà, khỏe -> khoẻ, thủy -> thuỷ, Ủy -> Uỷ): the placement
** many older documents use. Rhymes with a final letter (hoàn, thuyền,
** ngoài) are left alone, as both styles agree there. malloc'd result.
*/
GEN_FN char *gen_tone_old(const char *s, size_t n, size_t *outlen)
{
	/* [tone 0..4: grave hook tilde acute dot] */
	static const int32_t o_l[5] = { 0xF2, 0x1ECF, 0xF5, 0xF3, 0x1ECD };
	static const int32_t o_u[5] = { 0xD2, 0x1ECE, 0xD5, 0xD3, 0x1ECC };
	static const int32_t u_l[5] = { 0xF9, 0x1EE7, 0x169, 0xFA, 0x1EE5 };
	static const int32_t u_u[5] = { 0xD9, 0x1EE6, 0x168, 0xDA, 0x1EE4 };
	static const int32_t a_l[5] = { 0xE0, 0x1EA3, 0xE3, 0xE1, 0x1EA1 };
	static const int32_t a_u[5] = { 0xC0, 0x1EA2, 0xC3, 0xC1, 0x1EA0 };
	static const int32_t e_l[5] = { 0xE8, 0x1EBB, 0x1EBD, 0xE9, 0x1EB9 };
	static const int32_t e_u[5] = { 0xC8, 0x1EBA, 0x1EBC, 0xC9, 0x1EB8 };
	static const int32_t y_l[5] = { 0x1EF3, 0x1EF7, 0x1EF9, 0xFD, 0x1EF5 };
	static const int32_t y_u[5] = { 0x1EF2, 0x1EF6, 0x1EF8, 0xDD, 0x1EF4 };
	struct cps c = { 0 };
	struct sbuf b;

	cps_from(&c, s, n);
	for (size_t i = 0; i + 1 < c.n; i++) {
		int t = -1, up = 0, isu = 0;

		for (int k = 0; k < 5; k++) {
			if (c.v[i] == o_l[k])
				t = k;
			else if (c.v[i] == o_u[k])
				t = k, up = 1;
			else if (c.v[i] == u_l[k])
				t = k, isu = 1;
			else if (c.v[i] == u_u[k])
				t = k, up = 1, isu = 1;
		}
		if (t < 0)
			continue;
		if (i + 2 < c.n && cp_is_letter(c.v[i + 2]))
			continue;
		/* "qu" + y: u is part of the onset, the tone is already on y */
		if (isu && i > 0 && (c.v[i - 1] == 'q' || c.v[i - 1] == 'Q'))
			continue;
		if (!isu && (c.v[i + 1] == 'a' || c.v[i + 1] == 'A')) {
			c.v[i + 1] = c.v[i + 1] == 'a' ? a_l[t] : a_u[t];
		} else if (!isu && (c.v[i + 1] == 'e' || c.v[i + 1] == 'E')) {
			c.v[i + 1] = c.v[i + 1] == 'e' ? e_l[t] : e_u[t];
		} else if (isu && (c.v[i + 1] == 'y' || c.v[i + 1] == 'Y')) {
			c.v[i + 1] = c.v[i + 1] == 'y' ? y_l[t] : y_u[t];
		} else {
			continue;
		}
		c.v[i] = isu ? (up ? 'U' : 'u') : (up ? 'O' : 'o');
	}
	sbuf_init(&b, 0);
	for (size_t i = 0; i < c.n; i++)
		sbuf_add_cp(&b, c.v[i]);
	free(c.v);
	return sbuf_detach(&b, outlen);
}

/* NFD of valid UTF-8 (utf8proc). malloc'd. */
GEN_FN char *gen_nfd(const char *s, size_t n, size_t *outlen)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
					  UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);

	if (k < 0) {
		*outlen = n;
		return xstrndup(s, n);
	}
	*outlen = (size_t)k;
	return (char *)r;
}

/* ---- word lists ---- */

struct strv {
	char **v;
	size_t n, cap;
};

GEN_FN void strv_push(struct strv *a, char *s)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = s;
}

GEN_FN void strv_free(struct strv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* Unit names for swaps, by the type word that precedes them in text. */
enum swap_type { SW_PHUONG, SW_XA, SW_QUAN, SW_HUYEN, SW_TINH, SW_THIXA, SW_THANHPHO, SW_THITRAN, SW_COUNT };

struct swap_names {
	struct strv by_type[SW_COUNT];
};

struct gen_ctx;

/* ---- obfuscations on UTF-8 text ---- */

/* The type word(s) at s (lower or capitalised), their byte length in *len. */
GEN_FN int swap_type_at(const char *s, size_t n, size_t *len)
{
	static const struct {
		const char *w;
		int t;
	} words[] = {
		{ "phường", SW_PHUONG },
		{ "Phường", SW_PHUONG },
		{ "xã", SW_XA },
		{ "Xã", SW_XA },
		{ "quận", SW_QUAN },
		{ "Quận", SW_QUAN },
		{ "huyện", SW_HUYEN },
		{ "Huyện", SW_HUYEN },
		{ "tỉnh", SW_TINH },
		{ "Tỉnh", SW_TINH },
		{ "thị xã", SW_THIXA },
		{ "Thị xã", SW_THIXA },
		{ "thành phố", SW_THANHPHO },
		{ "Thành phố", SW_THANHPHO },
		{ "thị trấn", SW_THITRAN },
		{ "Thị trấn", SW_THITRAN },
	};
	int best = -1;
	size_t bestlen = 0;

	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t l = strlen(words[i].w);

		if (l <= n && memcmp(s, words[i].w, l) == 0 && l > bestlen && l < n && s[l] == ' ') {
			best = words[i].t;
			bestlen = l;
		}
	}
	*len = bestlen;
	return best;
}

/* Length of the run of capitalised words at s (up to 4), 0 if none. */
GEN_FN size_t capitalised_run(const char *s, size_t n)
{
	size_t i = 0, end = 0;
	int words = 0;

	while (i < n && words < 4) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		size_t j;

		if (r <= 0 || !cp_is_upper(cp))
			break;
		j = i + (size_t)r;
		while (j < n) {
			r = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &cp);
			if (r <= 0 || !cp_is_letter(cp))
				break;
			j += (size_t)r;
		}
		end = j;
		words++;
		if (j < n && s[j] == ' ')
			i = j + 1;
		else
			break;
	}
	return end;
}

/* True when the bytes just before s[i] are word w (e.g. "ngày "). */
GEN_FN bool gen_after(const char *s, size_t i, const char *w)
{
	size_t l = strlen(w);

	return i >= l && memcmp(s + i - l, w, l) == 0 && (i == l || !isalnum((unsigned char)s[i - l - 1]));
}

/*
** Name/number/date swaps: unit names after a type word (phường, xã, huyện,
** quận, tỉnh, thị xã, thành phố, thị trấn) become another real name of that
** type; every digit run changes: years by 1-3, days (after "ngày", or d/ of
** d/m/y) to another real day, months (after "tháng", or /m/) to another
** month, other numbers at random with the same digit count. So dates stay
** valid dates, and figures and document numbers change. *nswaps (if not
** NULL) counts the changes. malloc'd.
*/
GEN_FN char *gen_swap(const char *s, size_t n, const struct swap_names *names, struct rng *r, int *nswaps,
		      size_t *outlen)
{
	struct sbuf b;
	size_t i = 0;
	int k = 0;

	sbuf_init(&b, 0);
	while (i < n) {
		size_t tl, run;
		int t;
		bool at_word = i == 0 || !isalnum((unsigned char)s[i - 1]);

		if (at_word && (t = swap_type_at(s + i, n - i, &tl)) >= 0 &&
		    (run = capitalised_run(s + i + tl + 1, n - i - tl - 1)) > 0 && names->by_type[t].n > 1) {
			const char *old = s + i + tl + 1, *nw;

			do
				nw = names->by_type[t].v[rng_below(r, names->by_type[t].n)];
			while (strlen(nw) == run && memcmp(nw, old, run) == 0);
			(void)sbuf_add(&b, s + i, tl + 1);
			(void)sbuf_addstr(&b, nw);
			i += tl + 1 + run;
			k++;
			continue;
		}
		if (isdigit((unsigned char)s[i]) && (i == 0 || !isdigit((unsigned char)s[i - 1]))) {
			size_t j = i;
			long v = 0;

			while (j < n && isdigit((unsigned char)s[j]) && j - i < 9)
				v = v * 10 + (s[j++] - '0');
			if (j < n && isdigit((unsigned char)s[j])) { /* very long: keep */
				while (j < n && isdigit((unsigned char)s[j]))
					j++;
				(void)sbuf_add(&b, s + i, j - i);
			} else if (j - i == 4 && v >= 1900 && v <= 2099) {
				(void)sbuf_addf(&b, "%ld", v + 1 + (long)rng_below(r, 3));
				k++;
			} else if (j - i <= 2 && (gen_after(s, i, "ngày ") || gen_after(s, i, "Ngày ") ||
						  (v >= 1 && v <= 31 && j + 1 < n && s[j] == '/' &&
						   isdigit((unsigned char)s[j + 1]) && !(i > 0 && s[i - 1] == '/')))) {
				/* a day: stays a real day (1-28), same width */
				long nv;

				do
					nv = 1 + (long)rng_below(r, 28);
				while (nv == v);
				(void)sbuf_addf(&b, j - i == 2 ? "%02ld" : "%ld", nv);
				k++;
			} else if (j - i <= 2 && (gen_after(s, i, "tháng ") || gen_after(s, i, "Tháng ") ||
						  (v >= 1 && v <= 12 && i > 0 && s[i - 1] == '/'))) {
				/* a month: stays a real month, same width */
				long nv;

				do
					nv = 1 + (long)rng_below(r, 12);
				while (nv == v);
				(void)sbuf_addf(&b, j - i == 2 ? "%02ld" : "%ld", nv);
				k++;
			} else {
				size_t len = j - i;
				char tmp[16];

				do {
					for (size_t d = 0; d < len; d++)
						tmp[d] = (char)('0' + (d == 0 && len > 1 && s[i] != '0'
									       ? 1 + rng_below(r, 9)
									       : rng_below(r, 10)));
				} while (memcmp(tmp, s + i, len) == 0);
				(void)sbuf_add(&b, tmp, len);
				k++;
			}
			i = j;
			continue;
		}
		(void)sbuf_addch(&b, s[i++]);
	}
	if (nswaps)
		*nswaps = k;
	return sbuf_detach(&b, outlen);
}

/* Units of a passage for reordering: its lines, or else its sentences. */
GEN_FN size_t split_units(const char *s, size_t n, size_t *start, size_t *len, size_t max, bool *lines)
{
	size_t k = 0, i = 0, st = 0;

	*lines = memchr(s, '\n', n) != NULL;
	while (i <= n && k < max) {
		bool cut;

		if (*lines)
			cut = i == n || s[i] == '\n';
		else
			cut = i == n || ((s[i] == '.' || s[i] == ';' || s[i] == '?' || s[i] == '!') && i + 1 < n &&
					 s[i + 1] == ' ');
		if (cut) {
			size_t e = *lines || i == n ? i : i + 1;

			if (e > st) {
				start[k] = st;
				len[k++] = e - st;
			}
			st = *lines || i == n ? i + 1 : i + 2;
			i = st;
			continue;
		}
		i++;
	}
	return k;
}

/*
** Sentence reordering: shuffle the passage's lines (or sentences when it
** is one line), never leaving the original order. NULL when it has fewer
** than 3 units. malloc'd.
*/
GEN_FN char *gen_reorder(const char *s, size_t n, struct rng *r, size_t *outlen)
{
	size_t st[256], ln[256], perm[256], k;
	bool lines, same = true;
	struct sbuf b;

	k = split_units(s, n, st, ln, 256, &lines);
	if (k < 3)
		return NULL;
	for (size_t i = 0; i < k; i++)
		perm[i] = i;
	while (same) {
		for (size_t i = k - 1; i > 0; i--) {
			size_t j = rng_below(r, i + 1), t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
		for (size_t i = 0; i < k && same; i++)
			same = perm[i] == i;
	}
	sbuf_init(&b, 0);
	for (size_t i = 0; i < k; i++) {
		if (i)
			(void)sbuf_addch(&b, lines ? '\n' : ' ');
		(void)sbuf_add(&b, s + st[perm[i]], ln[perm[i]]);
	}
	return sbuf_detach(&b, outlen);
}

/*
** Light edits: each space-separated word is, with probability p, dropped,
** replaced by a word of vocab, or followed by an inserted word of vocab
** (one third each). Line breaks are kept. *nedits counts them. malloc'd.
*/
GEN_FN char *gen_edit(const char *s, size_t n, double p, const struct strv *vocab, struct rng *r, int *nedits,
		      size_t *outlen)
{
	struct sbuf b;
	size_t i = 0;
	int k = 0;
	bool need_sep = false;

	sbuf_init(&b, 0);
	while (i < n) {
		size_t j;

		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (s[i] == '\n') {
			(void)sbuf_addch(&b, '\n');
			need_sep = false;
			i++;
			continue;
		}
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\n')
			j++;
		if (rng_unit(r) < p && vocab->n) {
			size_t op = rng_below(r, 3);

			k++;
			if (op == 0) { /* drop */
				i = j;
				continue;
			}
			if (need_sep)
				(void)sbuf_addch(&b, ' ');
			if (op == 1) {
				(void)sbuf_addstr(&b, vocab->v[rng_below(r, vocab->n)]);
			} else {
				(void)sbuf_add(&b, s + i, j - i);
				(void)sbuf_addch(&b, ' ');
				(void)sbuf_addstr(&b, vocab->v[rng_below(r, vocab->n)]);
			}
		} else {
			if (need_sep)
				(void)sbuf_addch(&b, ' ');
			(void)sbuf_add(&b, s + i, j - i);
		}
		need_sep = true;
		i = j;
	}
	if (nedits)
		*nedits = k;
	return sbuf_detach(&b, outlen);
}

/* ---- shingles: which passages are unique in the indexed sources ---- */

/*
** Word 8-gram hashes of s, folded the way a reuse engine folds: words
** lower-cased, words with digits (numbers, dates, document numbers)
** skipped, capitalised words (names, and sentence starts) all one class.
** So two passages that differ only in names and figures count as the same
** text, and neither is used as an unambiguous case or as "original" filler.
*/
GEN_FN size_t shingles(const char *s, size_t n, uint64_t **out)
{
	uint64_t *words = NULL, *sh = NULL;
	size_t nw = 0, cap = 0, i = 0, ns = 0;

	while (i < n) {
		uint64_t h = 1469598103934665603ull;
		bool any = false, digit = false, cap1 = false;

		while (i < n) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t r =
				utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);

			if (r <= 0)
				r = 1, cp = 0xFFFD;
			if (!cp_is_letter(cp) && !(cp >= '0' && cp <= '9')) {
				i += (size_t)r;
				if (any)
					break;
				continue;
			}
			if (!any && cp_is_upper(cp))
				cap1 = true;
			if (cp >= '0' && cp <= '9')
				digit = true;
			cp = utf8proc_tolower(cp);
			h = (h ^ (uint64_t)cp) * 1099511628211ull;
			any = true;
			i += (size_t)r;
		}
		if (!any || digit)
			continue;
		if (cap1)
			h = 0xC0FFEEull;
		if (nw == cap) {
			cap = cap ? cap * 2 : 1024;
			words = xrealloc(words, cap * sizeof *words);
		}
		words[nw++] = h;
	}
	if (nw >= 8) {
		sh = xmalloc((nw - 7) * sizeof *sh);
		for (size_t w = 0; w + 8 <= nw; w++) {
			uint64_t h = 0x12345;

			for (size_t k = 0; k < 8; k++)
				h = (h ^ words[w + k]) * 0x100000001b3ull + (h >> 29);
			sh[ns++] = h | 1; /* 0 marks an empty slot */
		}
	}
	free(words);
	*out = sh;
	return ns;
}

struct shset {
	uint64_t *k;
	uint32_t *c;
	size_t cap, n;
};

GEN_FN uint32_t *shset_slot(struct shset *t, uint64_t h, bool add)
{
	size_t i;

	if (add && (t->n + 1) * 2 > t->cap) {
		struct shset o = *t;

		t->cap = o.cap ? o.cap * 2 : 1 << 16;
		t->k = xcalloc(t->cap, sizeof *t->k);
		t->c = xcalloc(t->cap, sizeof *t->c);
		t->n = 0;
		for (size_t j = 0; j < o.cap; j++)
			if (o.k[j])
				*shset_slot(t, o.k[j], true) = o.c[j];
		free(o.k);
		free(o.c);
	}
	if (!t->cap)
		return NULL;
	for (i = (size_t)(h * 0x9e3779b97f4a7c15ull) & (t->cap - 1); t->k[i]; i = (i + 1) & (t->cap - 1))
		if (t->k[i] == h)
			return &t->c[i];
	if (!add)
		return NULL;
	t->k[i] = h;
	t->n++;
	return &t->c[i];
}

GEN_FN void shset_add_text(struct shset *t, const char *s, size_t n)
{
	uint64_t *sh;
	size_t k = shingles(s, n, &sh);

	for (size_t i = 0; i < k; i++)
		(*shset_slot(t, sh[i], true))++;
	free(sh);
}

/* Share of s's shingles seen more than `limit` times in t. */
GEN_FN double shset_shared(struct shset *t, const char *s, size_t n, uint32_t limit)
{
	uint64_t *sh;
	size_t k = shingles(s, n, &sh), bad = 0;

	for (size_t i = 0; i < k; i++) {
		uint32_t *c = shset_slot(t, sh[i], false);

		bad += c && *c > limit;
	}
	free(sh);
	return k ? (double)bad / (double)k : 1.0;
}

GEN_FN void shset_free(struct shset *t)
{
	free(t->k);
	free(t->c);
	memset(t, 0, sizeof *t);
}

/* ---- the corpus ---- */

enum gen_kind {
	GK_NONE,
	GK_SWAP,
	GK_REORDER,
	GK_EDIT,
	GK_TCVN3,
	GK_VNI,
	GK_VISCII,
	GK_CP1258,
	GK_NFD,
	GK_TONE,
	GK_NEGATIVE,
	GK_COUNT
};

static const char *const gen_kind_names[GK_COUNT] = {
	"none",       "swap",       "reorder",  "edit",      "enc-tcvn3", "enc-vni",
	"enc-viscii", "enc-cp1258", "norm-nfd", "norm-tone", "negative",
};

struct gen_opts {
	const char *data; /* shared/data */
	const char *out;  /* output directory (created) */
	uint64_t seed;
	int per_kind;   /* suspicious plans per obfuscation kind (12) */
	int negatives;  /* plans with no copy (12) */
	int directives; /* directives plans are written for (30) */
	int others;     /* Wikipedia articles indexed as "other" sources (60) */
	bool quiet;
};

GEN_FN void gen_opts_default(struct gen_opts *o)
{
	memset(o, 0, sizeof *o);
	o->data = "../shared/data";
	o->seed = 1;
	o->per_kind = 12;
	o->negatives = 12;
	o->directives = 30;
	o->others = 60;
}

struct gdoc {
	char *name; /* path relative to out */
	char *text; /* bytes as written */
	size_t len;
	size_t body_lo, body_hi;                     /* region passages may be copied from */
	char *unit, *unit_name, *parent, *directive; /* metadata */
	int kind;                                    /* REUSE-like: 1 directive, 2 plan, 0 other */
	int year;
	char *title, *doc_type; /* directives */
};

struct unit {
	char *code, *name, *parent, *type;
};

struct gen_ctx {
	struct gen_opts o;
	struct rng r;
	struct gdoc *dirs, *others;
	size_t ndirs, nothers;
	struct strv filler; /* paragraphs, each used at most once */
	size_t filler_next;
	struct strv vocab; /* words for insertions and substitutions */
	struct swap_names names;
	struct unit *units; /* Hà Nội communes, for the plans */
	size_t nunits;
	struct shset seen; /* shingles of everything indexed */
	struct strv sources, susp;
	int plan_no;
	int source_plans;
	size_t rej_common, rej_len; /* passage choices refused, for the summary */
	char err[256];
};

/* Minimal RFC 4180 CSV: next record's fields into f (max fields). */
GEN_FN int csv_next(const char **p, const char *end, struct strv *f)
{
	const char *s = *p;

	strv_free(f);
	if (s >= end)
		return 0;
	for (;;) {
		struct sbuf b;

		sbuf_init(&b, 0);
		if (s < end && *s == '"') {
			s++;
			while (s < end) {
				if (*s == '"' && s + 1 < end && s[1] == '"')
					(void)sbuf_addch(&b, '"'), s += 2;
				else if (*s == '"') {
					s++;
					break;
				} else
					(void)sbuf_addch(&b, *s++);
			}
		}
		while (s < end && *s != ',' && *s != '\n' && *s != '\r')
			(void)sbuf_addch(&b, *s++);
		strv_push(f, sbuf_detach(&b, NULL));
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		while (s < end && (*s == '\r' || *s == '\n'))
			s++;
		break;
	}
	*p = s;
	return (int)f->n;
}

GEN_FN int gen_mkdirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *q = p + 1; *q; q++)
		if (*q == '/') {
			*q = 0;
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*q = '/';
		}
	if (mkdir(p, 0755) != 0 && errno != EEXIST) {
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

GEN_FN int gen_write(struct gen_ctx *g, const char *rel, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", g->o.out, rel);
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f || fwrite(data, 1, len, f) != len)
		rc = -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc)
		snprintf(g->err, sizeof g->err, "cannot write %s: %s", path, strerror(errno));
	free(path);
	return rc;
}

GEN_FN int gen_write_meta(struct gen_ctx *g, const struct gdoc *d)
{
	json_t *m = json_object();
	char *rel = xasprintf("%s.meta.json", d->name), *txt;
	int rc;

	if (d->unit)
		json_object_set_new(m, "unit", json_string(d->unit));
	if (d->parent)
		json_object_set_new(m, "parent", json_string(d->parent));
	if (d->directive)
		json_object_set_new(m, "directive", json_string(d->directive));
	json_object_set_new(m, "kind", json_string(d->kind == 1 ? "directive" : d->kind == 2 ? "plan" : "other"));
	if (d->year)
		json_object_set_new(m, "year", json_integer(d->year));
	txt = json_dumps(m, JSON_PRESERVE_ORDER);
	rc = gen_write(g, rel, txt, strlen(txt));
	free(txt);
	free(rel);
	json_decref(m);
	return rc;
}

static int gen_load_doc(struct gen_ctx *g, const char *file, struct gdoc *d)
{
	char *path = xasprintf("%s/corpus/%s", g->o.data, file);
	enum app_err e = file_read(path, 64 << 20, &d->text, &d->len);

	if (e != APP_OK)
		snprintf(g->err, sizeof g->err, "cannot read %s", path);
	free(path);
	return e == APP_OK ? 0 : -1;
}

/* Split the Wikipedia filler articles into paragraphs of 25+ words. */
static void gen_add_filler(struct gen_ctx *g, const char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) : n, words = 0;
		bool upper_only = true;

		for (size_t k = i; k < e; k++) {
			words += t[k] == ' ';
			if (islower((unsigned char)t[k]))
				upper_only = false;
		}
		if (words >= 15 && !upper_only && e - i < 2500)
			strv_push(&g->filler, xstrndup(t + i, e - i));
		i = e + 1;
	}
}

/* Words for substitutions/insertions: the lower-case syllables of s. */
static void gen_add_vocab(struct gen_ctx *g, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && g->vocab.n < 20000) {
		size_t j = i;
		bool ok = true;

		while (j < n && s[j] != ' ' && s[j] != '\n')
			j++;
		for (size_t k = i; k < j; k++)
			if (isupper((unsigned char)s[k]) || ispunct((unsigned char)s[k]) ||
			    isdigit((unsigned char)s[k]))
				ok = false;
		if (ok && j - i >= 2 && j - i < 16)
			strv_push(&g->vocab, xstrndup(s + i, j - i));
		i = j + 1;
	}
}

static int gen_load(struct gen_ctx *g)
{
	char *path = xasprintf("%s/corpus/manifest.csv", g->o.data), *csv;
	size_t len;
	const char *p, *end;
	struct strv f = { 0 }, taken = { 0 };
	size_t nwiki = 0, nofficial = 0;
	struct strv wiki = { 0 }, official = { 0 };

	if (file_read(path, 0, &csv, &len) != APP_OK) {
		snprintf(g->err, sizeof g->err, "cannot read %s", path);
		free(path);
		return -1;
	}
	free(path);
	p = csv;
	end = csv + len;
	csv_next(&p, end, &f); /* header: file,kind,doc_type,doc_number,date,title,...,same_document_as */
	while (csv_next(&p, end, &f) >= 11) {
		bool dup = false;

		if (f.v[10][0])
			for (size_t i = 0; i < taken.n && !dup; i++)
				dup = strcmp(taken.v[i], f.v[10]) == 0;
		if (dup)
			continue;
		strv_push(&taken, xstrdup(f.v[0]));
		if (strcmp(f.v[1], "official") == 0) {
			/* file \t doc_type \t doc_number \t title */
			strv_push(&official, xasprintf("%s\t%s\t%s\t%s", f.v[0], f.v[2], f.v[3], f.v[5]));
			nofficial++;
		} else {
			strv_push(&wiki, xstrdup(f.v[0]));
			nwiki++;
		}
	}
	strv_free(&f);
	strv_free(&taken);
	free(csv);

	/* directives: a seeded choice among the official documents; the rest is filler */
	for (size_t i = official.n; i > 1; i--) {
		size_t j = rng_below(&g->r, i);
		char *t = official.v[i - 1];

		official.v[i - 1] = official.v[j];
		official.v[j] = t;
	}
	for (size_t i = wiki.n; i > 1; i--) {
		size_t j = rng_below(&g->r, i);
		char *t = wiki.v[i - 1];

		wiki.v[i - 1] = wiki.v[j];
		wiki.v[j] = t;
	}
	if ((size_t)g->o.directives > official.n)
		g->o.directives = (int)official.n;
	if ((size_t)g->o.others > wiki.n / 2)
		g->o.others = (int)(wiki.n / 2);
	g->dirs = xcalloc((size_t)g->o.directives, sizeof *g->dirs);
	g->others = xcalloc((size_t)g->o.others, sizeof *g->others);
	for (size_t i = 0; i < official.n; i++) {
		char *fld[4], *save = official.v[i];
		struct gdoc tmp = { 0 }, *d = i < (size_t)g->o.directives ? &g->dirs[g->ndirs] : &tmp;

		for (int k = 0; k < 4; k++) {
			fld[k] = save;
			save = strchr(save, '\t');
			if (save)
				*save++ = 0;
			else
				save = fld[k] + strlen(fld[k]);
		}
		if (gen_load_doc(g, fld[0], d))
			return -1;
		if (d == &tmp) {
			gen_add_filler(g, tmp.text, tmp.len);
			free(tmp.text);
			continue;
		}
		d->name = xasprintf("src/dir/%s", fld[0]);
		d->kind = 1;
		d->doc_type = xstrdup(fld[1]);
		d->directive = xstrdup(fld[2][0] ? fld[2] : fld[0]);
		d->title = xstrdup(fld[3]);
		d->unit = xstrdup("01");
		d->year = 2025;
		/* passages come from the body: past the preamble, before the signature */
		d->body_lo = d->len / 8;
		d->body_hi = d->len - d->len / 16;
		shset_add_text(&g->seen, d->text, d->len);
		g->ndirs++;
	}
	for (size_t i = 0; i < wiki.n; i++) {
		struct gdoc tmp = { 0 }, *d = i < (size_t)g->o.others ? &g->others[g->nothers] : &tmp;

		if (gen_load_doc(g, wiki.v[i], d))
			return -1;
		if (d == &tmp) {
			gen_add_filler(g, tmp.text, tmp.len);
			gen_add_vocab(g, tmp.text, tmp.len);
			free(tmp.text);
			continue;
		}
		d->name = xasprintf("src/other/%s", wiki.v[i]);
		d->body_lo = d->len / 10;
		d->body_hi = d->len;
		shset_add_text(&g->seen, d->text, d->len);
		g->nothers++;
	}
	strv_free(&official);
	strv_free(&wiki);
	(void)nwiki;
	(void)nofficial;
	/* filler order is seeded too */
	for (size_t i = g->filler.n; i > 1; i--) {
		size_t j = rng_below(&g->r, i);
		char *t = g->filler.v[i - 1];

		g->filler.v[i - 1] = g->filler.v[j];
		g->filler.v[j] = t;
	}
	return 0;
}

static int gen_load_units(struct gen_ctx *g)
{
	char *path = xasprintf("%s/admin/units_2025-03-01.csv", g->o.data), *csv;
	size_t len, cap = 0;
	const char *p, *end;
	struct strv f = { 0 };

	if (file_read(path, 0, &csv, &len) != APP_OK) {
		snprintf(g->err, sizeof g->err, "cannot read %s", path);
		free(path);
		return -1;
	}
	free(path);
	p = csv;
	end = csv + len;
	csv_next(&p, end, &f); /* code,name,short_name,type,level,parent_code,province_code */
	while (csv_next(&p, end, &f) >= 7) {
		const char *type = f.v[3];
		int t = -1;

		if (strcmp(type, "Phường") == 0)
			t = SW_PHUONG;
		else if (strcmp(type, "Xã") == 0)
			t = SW_XA;
		else if (strcmp(type, "Quận") == 0)
			t = SW_QUAN;
		else if (strcmp(type, "Huyện") == 0)
			t = SW_HUYEN;
		else if (strcmp(type, "Tỉnh") == 0)
			t = SW_TINH;
		else if (strcmp(type, "Thị xã") == 0)
			t = SW_THIXA;
		else if (strncmp(type, "Thành phố", strlen("Thành phố")) == 0)
			t = SW_THANHPHO;
		else if (strcmp(type, "Thị trấn") == 0)
			t = SW_THITRAN;
		if (t >= 0)
			strv_push(&g->names.by_type[t], xstrdup(f.v[2]));
		/* the plans' units: communes of Hà Nội */
		if (strcmp(f.v[6], "01") == 0 && strcmp(f.v[4], "3") == 0 && (t == SW_PHUONG || t == SW_XA)) {
			if (g->nunits == cap) {
				cap = cap ? cap * 2 : 128;
				g->units = xrealloc(g->units, cap * sizeof *g->units);
			}
			g->units[g->nunits].code = xstrdup(f.v[0]);
			g->units[g->nunits].name = xstrdup(f.v[1]);
			g->units[g->nunits].parent = xstrdup(f.v[5]);
			g->units[g->nunits].type = xstrdup(f.v[3]);
			g->nunits++;
		}
	}
	strv_free(&f);
	free(csv);
	if (g->nunits < 10) {
		snprintf(g->err, sizeof g->err, "too few Hà Nội communes in the admin data");
		return -1;
	}
	return 0;
}

/* Next unused filler paragraph that shares no shingle with anything indexed. */
static const char *gen_filler(struct gen_ctx *g)
{
	while (g->filler_next < g->filler.n) {
		const char *p = g->filler.v[g->filler_next++];

		if (shset_shared(&g->seen, p, strlen(p), 0) == 0) {
			/* later filler and passages must not repeat it */
			shset_add_text(&g->seen, p, strlen(p));
			return p;
		}
	}
	return NULL;
}

/* ---- building a plan as segments ---- */

struct seg {
	char *text; /* UTF-8 */
	size_t len;
	int cas; /* index into the plan's cases, -1 for plain text */
};

struct gcase {
	const struct gdoc *src;
	size_t soff, slen;
	const char *scope;
	size_t off, len; /* filled when the file is written */
};

struct plan {
	struct seg *segs;
	size_t nsegs, cap;
	struct gcase cases[16];
	size_t ncases;
};

static void plan_add(struct plan *p, const char *s, size_t n, int cas)
{
	if (p->nsegs == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->segs = xrealloc(p->segs, p->cap * sizeof *p->segs);
	}
	p->segs[p->nsegs].text = xstrndup(s, n);
	p->segs[p->nsegs].len = n;
	p->segs[p->nsegs].cas = cas;
	p->nsegs++;
}

static void plan_addf(struct plan *p, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void plan_addf(struct plan *p, const char *fmt, ...)
{
	struct sbuf b;
	va_list ap;

	sbuf_init(&b, 0);
	va_start(ap, fmt);
	(void)sbuf_vaddf(&b, fmt, ap);
	va_end(ap);
	plan_add(p, b.buf, b.len, -1);
	sbuf_release(&b);
}

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nsegs; i++)
		free(p->segs[i].text);
	free(p->segs);
	memset(p, 0, sizeof *p);
}

static void upper_utf8(struct sbuf *b, const char *s)
{
	struct cps c = { 0 };

	cps_from(&c, s, strlen(s));
	for (size_t i = 0; i < c.n; i++)
		sbuf_add_cp(b, utf8proc_toupper(c.v[i]));
	free(c.v);
}

/* The part of a unit name after its type: "Phường Hàng Bạc" -> "Hàng Bạc". */
static const char *unit_short(const struct unit *u)
{
	size_t tl = strlen(u->type);

	return strncmp(u->name, u->type, tl) == 0 && u->name[tl] == ' ' ? u->name + tl + 1 : u->name;
}

static void plan_header(struct gen_ctx *g, struct plan *p, const struct unit *u, const struct gdoc *dir, int year)
{
	struct sbuf up;
	const char *t = dir->doc_type && dir->doc_type[0] ? dir->doc_type : "Chỉ thị";
	struct cps c = { 0 };
	struct sbuf low;

	sbuf_init(&up, 0);
	upper_utf8(&up, u->name);
	sbuf_init(&low, 0);
	cps_from(&c, t, strlen(t));
	for (size_t i = 0; i < c.n; i++)
		sbuf_add_cp(&low, i == 0 ? c.v[i] : utf8proc_tolower(c.v[i]));
	free(c.v);
	plan_addf(p,
		  "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nĐẢNG ỦY %s\n*\nSố: %d-KH/ĐU\n\t\tĐẢNG CỘNG SẢN VIỆT NAM\n"
		  "\t\tHà Nội, ngày %d tháng %d năm %d\n\nKẾ HOẠCH\n",
		  up.buf, 10 + g->plan_no++ % 180, 1 + (int)rng_below(&g->r, 28), 1 + (int)rng_below(&g->r, 12), year);
	plan_addf(p, "Thực hiện %s số %s về %s\n\n", low.buf, dir->directive, dir->title);
	plan_addf(p,
		  "Căn cứ Điều lệ Đảng; căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ %s nhiệm kỳ "
		  "2020 - 2025; thực hiện %s số %s, Đảng ủy %s xây dựng Kế hoạch thực hiện như sau:\n\n"
		  "I. MỤC ĐÍCH, YÊU CẦU\n",
		  u->name, low.buf, dir->directive, u->name);
	sbuf_release(&up);
	sbuf_release(&low);
}

static void plan_footer(struct plan *p, const struct unit *u)
{
	struct sbuf up;

	sbuf_init(&up, 0);
	upper_utf8(&up, unit_short(u));
	plan_addf(p,
		  "\nIII. TỔ CHỨC THỰC HIỆN\n"
		  "1. Các chi bộ trực thuộc căn cứ Kế hoạch này xây dựng kế hoạch cụ thể để triển khai thực hiện.\n"
		  "2. Giao Văn phòng Đảng ủy theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch, định kỳ báo cáo "
		  "Ban Thường vụ Đảng ủy.\n\n"
		  "Nơi nhận:\n- Ban Thường vụ Thành ủy (để báo cáo),\n- Các chi bộ trực thuộc,\n"
		  "- Lưu Văn phòng Đảng ủy.\n\t\tT/M ĐẢNG ỦY %s\n\t\tBÍ THƯ\n",
		  up.buf);
	sbuf_release(&up);
}

static int plan_filler(struct gen_ctx *g, struct plan *p, int k)
{
	for (int i = 0; i < k; i++) {
		const char *f = gen_filler(g);

		if (!f) {
			snprintf(g->err, sizeof g->err, "filler text exhausted: use fewer plans");
			return -1;
		}
		plan_add(p, f, strlen(f), -1);
		plan_add(p, "\n", 1, -1);
	}
	return 0;
}

static bool is_unit_end(const char *t, size_t i, size_t n)
{
	return i + 1 >= n || t[i] == '\n' ||
	       ((t[i] == '.' || t[i] == ';' || t[i] == ':') && (t[i + 1] == ' ' || t[i + 1] == '\n'));
}

/*
** Choose a passage of about `want` bytes in d's body, starting at a line or
** sentence start and ending at a sentence end, not overlapping used[] and
** (for indexed sources) unique there: at most 15% of its 8-word shingles
** appear elsewhere in anything indexed. With need_units, it must have at
** least 3 lines or sentences; with need_swaps, some name or number.
*/
static bool gen_pick(struct gen_ctx *g, const struct gdoc *d, size_t want, const size_t (*used)[2], size_t nused,
		     bool need_units, bool need_swaps, size_t *off, size_t *len)
{
	for (int attempt = 0; attempt < 120; attempt++) {
		size_t lo = d->body_lo, hi = d->body_hi, s, e;
		bool ok = true;

		/* shorter when the source is short or its text is common */
		if (attempt && attempt % 30 == 0 && want > 300)
			want = want * 2 / 3;
		if (hi <= lo + want)
			continue;
		s = lo + rng_below(&g->r, hi - lo - want);
		while (s > lo && d->text[s - 1] != '\n' && !(s >= 2 && d->text[s - 1] == ' ' && d->text[s - 2] == '.'))
			s--;
		if (s == lo && s > 0 && d->text[s - 1] != '\n')
			continue; /* no line or sentence start: lo may split a character */
		while (s < hi && (d->text[s] == ' ' || d->text[s] == '\n' || d->text[s] == '\t'))
			s++;
		e = s + want;
		if (e >= hi)
			continue;
		while (e < hi && !is_unit_end(d->text, e, d->len))
			e++;
		if (e >= hi)
			continue;
		if (d->text[e] != '\n')
			e++; /* keep the full stop */
		while (e > s && (d->text[e - 1] == ' ' || d->text[e - 1] == '\n' || d->text[e - 1] == '\t'))
			e--;
		if (e - s < want / 2 || e - s > want * 2) {
			g->rej_len++;
			continue;
		}
		for (size_t u = 0; u < nused && ok; u++)
			ok = e + 200 <= used[u][0] || s >= used[u][1] + 200;
		if (!ok)
			continue;
		if (memmem(d->text + s, e - s, "CỘNG HÒA XÃ HỘI", strlen("CỘNG HÒA XÃ HỘI")) ||
		    memmem(d->text + s, e - s, "Nơi nhận", strlen("Nơi nhận"))) {
			g->rej_len++; /* boilerplate: not a case */
			continue;
		}
		if (shset_shared(&g->seen, d->text + s, e - s, 1) > 0.15) {
			g->rej_common++;
			continue;
		}
		if (need_units) {
			size_t st[8], ln[8];
			bool lines;

			if (split_units(d->text + s, e - s, st, ln, 8, &lines) < 3)
				continue;
		}
		if (need_swaps) {
			size_t ol;
			int k = 0;
			char *t = gen_swap(d->text + s, e - s, &g->names, &g->r, &k, &ol);

			free(t);
			if (k < 2 && attempt < 90)
				continue;
		}
		*off = s;
		*len = e - s;
		return true;
	}
	return false;
}

/* Apply the passage-level obfuscation of kind k. malloc'd. */
static char *gen_obfuscate(struct gen_ctx *g, int k, const char *s, size_t n, size_t *outlen)
{
	char *r = NULL;

	switch (k) {
	case GK_SWAP: r = gen_swap(s, n, &g->names, &g->r, NULL, outlen); break;
	case GK_REORDER: r = gen_reorder(s, n, &g->r, outlen); break;
	case GK_EDIT: r = gen_edit(s, n, 0.05 + 0.10 * rng_unit(&g->r), &g->vocab, &g->r, NULL, outlen); break;
	default: break;
	}
	if (!r) {
		r = xstrndup(s, n);
		*outlen = n;
	}
	return r;
}

/* File-level transform of one segment for kind k (encoding, NFD, tones). */
static int gen_file_form(int k, const char *s, size_t n, char **out, size_t *outlen)
{
	enum text_enc enc = TEXT_ENC_UNKNOWN;

	switch (k) {
	case GK_TCVN3: enc = TEXT_ENC_TCVN3; break;
	case GK_VNI: enc = TEXT_ENC_VNI; break;
	case GK_VISCII: enc = TEXT_ENC_VISCII; break;
	case GK_CP1258: enc = TEXT_ENC_CP1258; break;
	case GK_NFD: *out = gen_nfd(s, n, outlen); return 0;
	case GK_TONE: *out = gen_tone_old(s, n, outlen); return 0;
	default:
		*out = xstrndup(s, n);
		*outlen = n;
		return 0;
	}
	if (n == 0) {
		*out = xstrdup("");
		*outlen = 0;
		return 0;
	}
	return text_encode(s, n, enc, out, outlen) == APP_OK ? 0 : -1;
}

/* Write the plan's segments under form k; fill case offsets. */
static int plan_write(struct gen_ctx *g, struct plan *p, int k, const char *rel, char **data, size_t *dlen)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	for (size_t i = 0; i < p->nsegs; i++) {
		char *t;
		size_t tl;

		if (gen_file_form(k, p->segs[i].text, p->segs[i].len, &t, &tl)) {
			snprintf(g->err, sizeof g->err, "text_encode failed for %s", gen_kind_names[k]);
			sbuf_release(&b);
			return -1;
		}
		if (p->segs[i].cas >= 0) {
			p->cases[p->segs[i].cas].off = b.len;
			p->cases[p->segs[i].cas].len = tl;
		}
		(void)sbuf_add(&b, t, tl);
		free(t);
	}
	if (gen_write(g, rel, b.buf, b.len)) {
		sbuf_release(&b);
		return -1;
	}
	*data = sbuf_detach(&b, dlen);
	return 0;
}

/* An indexed plan (an earlier plan of a unit, or a peer's plan): filler only. */
static struct gdoc *gen_source_plan(struct gen_ctx *g, const struct unit *u, const struct gdoc *dir, int year)
{
	struct plan p = { 0 };
	struct gdoc *d = xcalloc(1, sizeof *d);
	size_t body;

	plan_header(g, &p, u, dir, year);
	body = p.nsegs;
	if (plan_filler(g, &p, 4) || (plan_addf(&p, "\nII. NHIỆM VỤ, GIẢI PHÁP\n"), plan_filler(g, &p, 6)))
		goto fail;
	plan_footer(&p, u);
	d->name = xasprintf("src/plan/p%04d_%s_%d.txt", ++g->source_plans, u->code, year);
	d->kind = 2;
	d->year = year;
	d->unit = xstrdup(u->code);
	d->parent = xstrdup(u->parent);
	d->directive = xstrdup(dir->directive);
	if (plan_write(g, &p, GK_NONE, d->name, &d->text, &d->len))
		goto fail;
	/* the body: from the end of the header segments to the start of the footer */
	d->body_lo = 0;
	for (size_t i = 0; i < body; i++)
		d->body_lo += p.segs[i].len;
	d->body_hi = d->len - p.segs[p.nsegs - 1].len;
	/* the filler is in g->seen already; add the header and footer */
	shset_add_text(&g->seen, d->text, d->body_lo);
	shset_add_text(&g->seen, d->text + d->body_hi, d->len - d->body_hi);
	if (gen_write_meta(g, d))
		goto fail;
	strv_push(&g->sources, xstrdup(d->name));
	plan_release(&p);
	return d;
fail:
	plan_release(&p);
	free(d->name);
	free(d->text);
	free(d->unit);
	free(d->parent);
	free(d->directive);
	free(d);
	return NULL;
}

static void gdoc_free(struct gdoc *d)
{
	free(d->name);
	free(d->text);
	free(d->unit);
	free(d->unit_name);
	free(d->parent);
	free(d->directive);
	free(d->title);
	free(d->doc_type);
}

struct want_case {
	const struct gdoc *src;
	const char *scope;
};

/* One suspicious plan of kind k for unit u and directive dir. */
static int gen_susp(struct gen_ctx *g, int k, const struct unit *u, const struct gdoc *dir, const struct gdoc *peer,
		    const struct gdoc *own, const struct gdoc *other, int serial)
{
	struct plan p = { 0 };
	struct want_case w[5] = {
		{ dir, "superior" }, { peer, "peer" }, { dir, "superior" }, { own, "own" }, { other, "other" }
	};
	size_t used[5][2], nused = 0;
	char *rel = xasprintf("susp/%03d_%s.txt", serial, gen_kind_names[k]), *data = NULL;
	size_t dlen;
	struct gdoc meta = { 0 };
	int rc = -1;
	json_t *t = NULL, *cs;

	plan_header(g, &p, u, dir, 2025);
	if (plan_filler(g, &p, 1))
		goto out;
	for (int i = 0; i < 5; i++) {
		static const size_t lens[3][2] = { { 250, 600 }, { 600, 1500 }, { 1500, 3000 } };
		size_t band = rng_below(&g->r, 3), want, off, len, ol;
		char *ob;

		if (i == 2)
			plan_addf(&p, "\nII. NHIỆM VỤ, GIẢI PHÁP\n");
		if (k == GK_NEGATIVE || !w[i].src) {
			if (plan_filler(g, &p, 1))
				goto out;
			continue;
		}
		want = lens[band][0] + rng_below(&g->r, lens[band][1] - lens[band][0]);
		nused = 0;
		for (size_t c = 0; c < p.ncases; c++)
			if (p.cases[c].src == w[i].src)
				used[nused][0] = p.cases[c].soff, used[nused][1] = p.cases[c].soff + p.cases[c].slen,
				nused++;
		if (!gen_pick(g, w[i].src, want, (const size_t(*)[2])used, nused, k == GK_REORDER, k == GK_SWAP, &off,
			      &len)) {
			if (plan_filler(g, &p, 1))
				goto out;
			continue;
		}
		ob = gen_obfuscate(g, k, w[i].src->text + off, len, &ol);
		p.cases[p.ncases].src = w[i].src;
		p.cases[p.ncases].soff = off;
		p.cases[p.ncases].slen = len;
		p.cases[p.ncases].scope = w[i].scope;
		plan_add(&p, ob, ol, (int)p.ncases);
		plan_add(&p, "\n", 1, -1);
		p.ncases++;
		free(ob);
		if (plan_filler(g, &p, 1))
			goto out;
	}
	plan_footer(&p, u);
	if (plan_write(g, &p, k, rel, &data, &dlen))
		goto out;
	meta.name = rel;
	meta.kind = 2;
	meta.year = 2025;
	meta.unit = u->code;
	meta.parent = u->parent;
	meta.directive = dir->directive;
	if (gen_write_meta(g, &meta))
		goto out;

	t = json_object();
	cs = json_array();
	json_object_set_new(t, "file", json_string(rel));
	json_object_set_new(t, "obfuscation", json_string(gen_kind_names[k]));
	json_object_set_new(t, "unit", json_string(u->code));
	json_object_set_new(t, "year", json_integer(2025));
	json_object_set_new(t, "directive", json_string(dir->name));
	for (size_t c = 0; c < p.ncases; c++) {
		json_t *o = json_object();

		json_object_set_new(o, "source", json_string(p.cases[c].src->name));
		json_object_set_new(o, "source_offset", json_integer((json_int_t)p.cases[c].soff));
		json_object_set_new(o, "source_length", json_integer((json_int_t)p.cases[c].slen));
		json_object_set_new(o, "offset", json_integer((json_int_t)p.cases[c].off));
		json_object_set_new(o, "length", json_integer((json_int_t)p.cases[c].len));
		json_object_set_new(o, "obfuscation", json_string(gen_kind_names[k]));
		json_object_set_new(o, "scope", json_string(p.cases[c].scope));
		json_array_append_new(cs, o);
	}
	json_object_set_new(t, "cases", cs);
	{
		char *tr = xasprintf("truth/%03d_%s.json", serial, gen_kind_names[k]);
		char *txt = json_dumps(t, JSON_PRESERVE_ORDER | JSON_INDENT(1));

		rc = gen_write(g, tr, txt, strlen(txt));
		free(txt);
		free(tr);
	}
	strv_push(&g->susp, xstrdup(rel));
out:
	json_decref(t);
	free(data);
	free(rel);
	plan_release(&p);
	return rc;
}

static int gen_list(struct gen_ctx *g, const char *rel, const struct strv *v)
{
	struct sbuf b;
	int rc;

	sbuf_init(&b, 0);
	for (size_t i = 0; i < v->n; i++)
		(void)sbuf_addf(&b, "%s\n", v->v[i]);
	rc = gen_write(g, rel, b.buf ? b.buf : "", b.len);
	sbuf_release(&b);
	return rc;
}

/*
** Build the whole corpus under o->out. Returns 0, or -1 with a message in
** err (errlen bytes).
*/
GEN_FN int gen_run(const struct gen_opts *o, char *err, size_t errlen)
{
	struct gen_ctx g;
	struct gdoc **plans = NULL, *(*peers)[2] = NULL, **owns = NULL;
	size_t nplans = 0, *npeer = NULL;
	int rc = -1, serial = 0;
	static const char *const dirs[] = { "", "/src/dir", "/src/other", "/src/plan", "/susp", "/truth" };

	memset(&g, 0, sizeof g);
	g.o = *o;
	g.r.s = o->seed * 0x2545F4914F6CDD1Dull + 17;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		char *p = xasprintf("%s%s", o->out, dirs[i]);

		if (gen_mkdirs(p)) {
			snprintf(g.err, sizeof g.err, "cannot create %s: %s", p, strerror(errno));
			free(p);
			goto out;
		}
		free(p);
	}
	if (gen_load(&g) || gen_load_units(&g))
		goto out;
	for (size_t i = 0; i < g.ndirs; i++) {
		if (gen_write(&g, g.dirs[i].name, g.dirs[i].text, g.dirs[i].len) || gen_write_meta(&g, &g.dirs[i]))
			goto out;
		strv_push(&g.sources, xstrdup(g.dirs[i].name));
	}
	for (size_t i = 0; i < g.nothers; i++) {
		if (gen_write(&g, g.others[i].name, g.others[i].text, g.others[i].len) ||
		    gen_write_meta(&g, &g.others[i]))
			goto out;
		strv_push(&g.sources, xstrdup(g.others[i].name));
	}
	/* suspicious plans: kinds interleaved so every kind meets every directive */
	plans = xcalloc((size_t)(GK_COUNT * (o->per_kind + o->negatives) * 2 + 8), sizeof *plans);
	peers = xcalloc(g.ndirs, sizeof *peers);
	npeer = xcalloc(g.ndirs, sizeof *npeer);
	owns = xcalloc(g.nunits, sizeof *owns);
	for (int round = 0; round < (o->per_kind > o->negatives ? o->per_kind : o->negatives); round++) {
		for (int k = 0; k < GK_COUNT; k++) {
			const struct unit *u, *pu;
			const struct gdoc *dir, *other;
			struct gdoc *peer, *own;
			size_t ui, di;

			if ((k == GK_NEGATIVE && round >= o->negatives) || (k != GK_NEGATIVE && round >= o->per_kind))
				continue;
			ui = rng_below(&g.r, g.nunits);
			u = &g.units[ui];
			di = rng_below(&g.r, g.ndirs);
			dir = &g.dirs[di];
			other = &g.others[rng_below(&g.r, g.nothers)];
			/* two peer plans per directive at most, shared by the plans for it */
			if (npeer[di] < 2 && (npeer[di] == 0 || rng_below(&g.r, 2))) {
				do
					pu = &g.units[rng_below(&g.r, g.nunits)];
				while (pu == u);
				if (!(peer = gen_source_plan(&g, pu, dir, 2025)))
					goto out;
				plans[nplans++] = peer;
				peers[di][npeer[di]++] = peer;
			} else {
				peer = peers[di][rng_below(&g.r, npeer[di])];
				if (strcmp(peer->unit, u->code) == 0)
					peer = NULL; /* the unit's own plan: no peer case this time */
			}
			if (!(own = owns[ui])) {
				if (!(own = gen_source_plan(&g, u, &g.dirs[rng_below(&g.r, g.ndirs)], 2024)))
					goto out;
				plans[nplans++] = own;
				owns[ui] = own;
			}
			if (gen_susp(&g, k, u, dir, peer, own, other, ++serial))
				goto out;
			if (!o->quiet && serial % 20 == 0)
				fprintf(stderr, "gen_corpus: %d plans\n", serial);
		}
	}
	if (gen_list(&g, "sources.list", &g.sources) || gen_list(&g, "susp.list", &g.susp))
		goto out;
	if (!o->quiet)
		fprintf(stderr,
			"gen_corpus: %zu sources (%zu directives, %zu other, %zu plans), %zu suspicious, "
			"filler paragraphs used %zu of %zu, passages refused as common %zu, for length %zu\n",
			g.sources.n, g.ndirs, g.nothers, nplans, g.susp.n, g.filler_next, g.filler.n, g.rej_common,
			g.rej_len);
	rc = 0;
out:
	if (rc)
		snprintf(err, errlen, "%s", g.err[0] ? g.err : "failed");
	for (size_t i = 0; i < nplans; i++) {
		gdoc_free(plans[i]);
		free(plans[i]);
	}
	free(plans);
	free(peers);
	free(npeer);
	free(owns);
	for (size_t i = 0; i < g.ndirs; i++)
		gdoc_free(&g.dirs[i]);
	for (size_t i = 0; i < g.nothers; i++)
		gdoc_free(&g.others[i]);
	free(g.dirs);
	free(g.others);
	for (size_t i = 0; i < g.nunits; i++) {
		free(g.units[i].code);
		free(g.units[i].name);
		free(g.units[i].parent);
		free(g.units[i].type);
	}
	free(g.units);
	for (int t = 0; t < SW_COUNT; t++)
		strv_free(&g.names.by_type[t]);
	strv_free(&g.filler);
	strv_free(&g.vocab);
	strv_free(&g.sources);
	strv_free(&g.susp);
	shset_free(&g.seen);
	return rc;
}

#endif
