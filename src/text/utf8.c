/*
** UTF-8 validation, NFC (utf8proc) with a fast path for text that is
** already NFC, and canonical tone placement.
*/
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

bool text_utf8_valid(const char *s, size_t n, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			/* eight ASCII bytes at a time */
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80)
				goto bad;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80)
				goto bad;
			if (c == 0xE0 && p[i + 1] < 0xA0)
				goto bad; /* overlong */
			if (c == 0xED && p[i + 1] >= 0xA0)
				goto bad; /* surrogate */
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
			    (p[i + 3] & 0xC0) != 0x80)
				goto bad;
			if (c == 0xF0 && p[i + 1] < 0x90)
				goto bad; /* overlong */
			if (c == 0xF4 && p[i + 1] >= 0x90)
				goto bad; /* past U+10FFFF */
			i += 4;
		} else {
			goto bad;
		}
	}
	return true;
bad:
	if (bad_at)
		*bad_at = i;
	return false;
}

bool nfc_safe_cp_slow(uint32_t cp)
{
	/*
	** Characters that are NFC on their own, never reorder (combining class
	** 0) and never compose with what precedes them: ASCII, Latin blocks,
	** precomposed Vietnamese, common punctuation and symbols. Anything else
	** goes through utf8proc.
	*/
	if (cp < 0x300)
		return true;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return true;
	if (cp >= 0x2002 && cp <= 0x20CF) /* 20D0..20FF are combining */
		return true;
	if (cp >= 0x2100 && cp <= 0x2125)
		return true;
	if (cp >= 0x2190 && cp <= 0x2328)
		return true;
	if (cp >= 0x2460 && cp <= 0x27FF)
		return true;
	return cp == 0xFEFF;
}

bool cp_alnum_mark(uint32_t cp)
{
	unsigned info = vn_info(cp);
	if (info)
		return true;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9');
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO: return true;
	default: return false;
	}
}

/* NFC of the code points g[0..n) appended to out, all at offset off. */
static void nfc_group(struct cpbuf *out, const uint32_t *g, size_t n, uint32_t off)
{
	unsigned char *u8 = xmalloc(n * 4 + 1);
	utf8proc_int32_t small[64], *buf = small;
	utf8proc_ssize_t cap = (utf8proc_ssize_t)ARRAY_SIZE(small), r;
	size_t len = 0;
	const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;

	for (size_t i = 0; i < n; i++)
		len += u8_encode(g[i], u8 + len);
	r = utf8proc_decompose(u8, (utf8proc_ssize_t)len, buf, cap, opt);
	if (r > cap) {
		cap = r;
		buf = xmalloc((size_t)cap * sizeof *buf);
		r = utf8proc_decompose(u8, (utf8proc_ssize_t)len, buf, cap, opt);
	}
	if (r >= 0)
		r = utf8proc_normalize_utf32(buf, r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) {
		/* cannot happen on valid input; keep the characters as they are */
		for (size_t i = 0; i < n; i++)
			cpbuf_push(out, g[i], off);
	} else {
		for (utf8proc_ssize_t i = 0; i < r; i++)
			cpbuf_push(out, (uint32_t)buf[i], off);
	}
	if (buf != small)
		free(buf);
	free(u8);
}

/*
** Characters of combining class 0 that can still compose with what comes
** before them (NFC_Quick_Check=Maybe): Hangul medial vowels and final
** consonants, and some vowel signs of Indic and other scripts.
*/
static bool composes_with_previous(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x09BE, 0x09BE },   { 0x09D7, 0x09D7 },   { 0x0B3E, 0x0B3E },   { 0x0B56, 0x0B57 },
		{ 0x0BBE, 0x0BBE },   { 0x0BD7, 0x0BD7 },   { 0x0C56, 0x0C56 },   { 0x0CC2, 0x0CC2 },
		{ 0x0CD5, 0x0CD6 },   { 0x0D3E, 0x0D3E },   { 0x0D57, 0x0D57 },   { 0x0DCF, 0x0DCF },
		{ 0x0DDF, 0x0DDF },   { 0x102E, 0x102E },   { 0x1161, 0x1175 },   { 0x11A8, 0x11C2 },
		{ 0x1B35, 0x1B35 },   { 0x110A7, 0x110A7 }, { 0x11127, 0x11127 }, { 0x1133E, 0x1133E },
		{ 0x11357, 0x11357 }, { 0x114B0, 0x114B0 }, { 0x114BA, 0x114BA }, { 0x114BD, 0x114BD },
		{ 0x115AF, 0x115AF }, { 0x11930, 0x11930 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/*
** May an NFC group start at cp? Yes when it is NFC-safe, or a starter that
** composes with nothing before it and whose decomposition starts with a
** starter too; then NFC(before + rest) == NFC(before) + NFC(rest), and the
** character keeps its own offset (emoji, CJK, Cyrillic).
*/
static bool group_start(uint32_t cp)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t k;

	if (nfc_safe_cp(cp))
		return true;
	if (utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0 || composes_with_previous(cp))
		return false;
	k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
	if (k < 1 || k > 8)
		return false;
	return utf8proc_get_property(d[0])->combining_class == 0 && !composes_with_previous((uint32_t)d[0]);
}

void cpbuf_nfc(struct cpbuf *b)
{
	struct cpbuf out;
	size_t i = 0;

	for (i = 0; i < b->n && nfc_safe_cp(b->cp[i]); i++)
		;
	if (i == b->n)
		return;
	cpbuf_init(&out, b->n + 16);
	i = 0;
	while (i < b->n) {
		size_t j = i + 1;
		while (j < b->n && !group_start(b->cp[j]))
			j++;
		if (j == i + 1 && nfc_safe_cp(b->cp[i]))
			cpbuf_push(&out, b->cp[i], b->off[i]);
		else
			nfc_group(&out, b->cp + i, j - i, b->off[i]);
		i = j;
	}
	cpbuf_release(b);
	*b = out;
}

static bool all_nfc_safe(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!nfc_safe_cp(u8_decode(p + i, &len)))
			return false;
		i += len;
	}
	return true;
}

static void out_reserve(struct u8out *o, size_t extra)
{
	size_t want = o->len + extra + 1;

	if (want <= o->cap)
		return;
	o->cap = want > o->cap * 2 ? want : o->cap * 2;
	o->s = xrealloc(o->s, o->cap);
	if (o->with_off)
		o->off = xrealloc(o->off, o->cap * sizeof *o->off);
}

void u8out_init(struct u8out *o, size_t hint, bool with_off)
{
	o->s = NULL;
	o->off = NULL;
	o->len = o->cap = 0;
	o->with_off = with_off;
	out_reserve(o, hint);
	o->s[0] = '\0';
}

void u8out_cps(struct u8out *o, const struct cpbuf *b)
{
	out_reserve(o, b->n * 4);
	for (size_t i = 0; i < b->n; i++) {
		size_t k = u8_encode(b->cp[i], (unsigned char *)o->s + o->len);
		if (o->with_off)
			for (size_t j = 0; j < k; j++)
				o->off[o->len + j] = b->off[i];
		o->len += k;
	}
	o->s[o->len] = '\0';
}

/*
** Append the canonical form (NFC, and with tones the canonical tone
** placement) of valid UTF-8 s[0..n), whose first byte is at input offset
** base. Line by line: a line already canonical is copied with an identity
** offset map, so only the lines that need work pay for utf8proc.
*/
void u8out_canon(struct u8out *o, const char *s, size_t n, uint32_t base, bool tones)
{
	size_t i = 0;

	out_reserve(o, n);
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : n;
		bool ok = tones ? utf8_is_canonical(s + i, e - i) : all_nfc_safe(s + i, e - i);

		if (ok) {
			out_reserve(o, e - i);
			memcpy(o->s + o->len, s + i, e - i);
			if (o->with_off)
				for (size_t k = 0; k < e - i; k++)
					o->off[o->len + k] = base + (uint32_t)(i + k);
			o->len += e - i;
			o->s[o->len] = '\0';
		} else {
			struct cpbuf b;
			cpbuf_init(&b, e - i + 1);
			cpbuf_from_utf8(&b, s + i, e - i, base + (uint32_t)i);
			cpbuf_nfc(&b);
			if (tones)
				cpbuf_tones(&b);
			u8out_cps(o, &b);
			cpbuf_release(&b);
		}
		i = e;
	}
}

static char *canon(const char *s, size_t n, size_t *outlen, bool tones)
{
	struct u8out o;

	if (!text_utf8_valid(s, n, NULL))
		return NULL;
	u8out_init(&o, n, false);
	u8out_canon(&o, s, n, 0, tones);
	if (outlen)
		*outlen = o.len;
	return o.s;
}

char *text_nfc(const char *s, size_t n, size_t *outlen)
{
	return canon(s, n, outlen, false);
}

char *text_normalize(const char *s, size_t n, size_t *outlen)
{
	return canon(s, n, outlen, true);
}
