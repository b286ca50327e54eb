/*
** Syllable tokenizer: one pass over NFC UTF-8, letter/digit runs with byte
** offsets, a 64-bit key of the case-folded toneless base, the tone apart,
** and numbers, dates and document numbers as one classed token each.
*/
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

enum { C_OTHER = 0, C_LETTER, C_DIGIT, C_NL, C_STOP, C_HIGH };

static uint8_t ascii_cls[256];

__attribute__((constructor)) static void syl_init(void)
{
	for (int c = 0; c < 256; c++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			ascii_cls[c] = C_LETTER;
		else if (c >= '0' && c <= '9')
			ascii_cls[c] = C_DIGIT;
		else if (c == '\n' || c == '\r' || c == '\f' || c == '\v')
			ascii_cls[c] = C_NL;
		else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':')
			ascii_cls[c] = C_STOP;
		else if (c >= 0x80)
			ascii_cls[c] = C_HIGH;
	}
}

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t mix(uint64_t h, uint32_t v)
{
	return (h ^ v) * FNV_PRIME;
}

static inline uint64_t fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* Letter-ness of the code point at p[i] (i < n); *len its length, *cp it. */
static inline bool letter_at(const unsigned char *p, size_t n, size_t i, size_t *len, uint32_t *cp)
{
	unsigned c = p[i];
	if (c < 0x80) {
		*len = 1;
		*cp = c;
		return ascii_cls[c] == C_LETTER || ascii_cls[c] == C_DIGIT;
	}
	{
		/* the input should be valid UTF-8; never read past it when it is not */
		size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (c < 0xC2 || c > 0xF4 || i + want > n) {
			*len = 1;
			*cp = 0xFFFD;
			return false;
		}
		for (size_t k = 1; k < want; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				*len = 1;
				*cp = 0xFFFD;
				return false;
			}
		}
	}
	*cp = u8_decode(p + i, len);
	return vn_info(*cp) != 0 || cp_alnum_mark(*cp);
}

static inline bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits_at(const unsigned char *p, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_digit(p[j]))
		j++;
	return j - i;
}

static int num_at(const unsigned char *p, size_t i, size_t len)
{
	int v = 0;
	if (len > 6)
		return 1000000; /* no day, month or year: only its size matters */
	for (size_t k = 0; k < len; k++)
		v = v * 10 + (p[i + k] - '0');
	return v;
}

/*
** Date at p[i..): d/m/yyyy, d-m-yyyy, d.m.yyyy, m/yyyy, yyyy-mm-dd. Returns
** its length, 0 when none.
*/
static size_t date_at(const unsigned char *p, size_t n, size_t i)
{
	size_t a = digits_at(p, n, i), b, c;
	unsigned char s1, s2;

	if (a == 0 || i + a >= n)
		return 0;
	s1 = p[i + a];
	if (s1 != '/' && s1 != '-' && s1 != '.')
		return 0;
	b = digits_at(p, n, i + a + 1);
	if (b == 0)
		return 0;
	if (a == 4 && s1 == '-' && b <= 2 && i + a + 1 + b < n && p[i + a + 1 + b] == '-') {
		c = digits_at(p, n, i + a + 2 + b);
		int m = num_at(p, i + a + 1, b), d = num_at(p, i + a + 2 + b, c);
		if (c >= 1 && c <= 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
			return a + b + c + 2;
		return 0;
	}
	if (a > 2)
		return 0;
	if (b == 4 && s1 == '/') {
		int m = num_at(p, i, a);
		/* m/yyyy, unless it goes on as a document number (3/2020/NĐ-CP) */
		if (m >= 1 && m <= 12 && !(i + a + 1 + b < n && (p[i + a + 1 + b] == '/' || p[i + a + 1 + b] == '-')))
			return a + b + 1;
		return 0;
	}
	if (b > 2 || i + a + 1 + b >= n)
		return 0;
	s2 = p[i + a + 1 + b];
	if (s2 != s1)
		return 0;
	c = digits_at(p, n, i + a + 2 + b);
	if (c != 4 && c != 2)
		return 0;
	{
		int d = num_at(p, i, a), m = num_at(p, i + a + 1, b);
		size_t end = i + a + b + c + 2;
		if (d < 1 || d > 31 || m < 1 || m > 12)
			return 0;
		/* not when more digits or a document-number tail follow */
		if (end < n && (is_digit(p[end]) || p[end] == '/' ||
				(p[end] == '-' && end + 1 < n && !is_digit(p[end + 1]) && p[end + 1] > ' ')))
			return 0;
		return a + b + c + 2;
	}
}

/* An alphanumeric run (ASCII or Vietnamese letters) at p[i..); its byte length. */
static size_t alnum_run(const unsigned char *p, size_t n, size_t i, bool *has_letter)
{
	size_t j = i, len;
	uint32_t cp;

	while (j < n) {
		if (!letter_at(p, n, j, &len, &cp))
			break;
		if (!(cp >= '0' && cp <= '9'))
			*has_letter = true;
		j += len;
	}
	return j - i;
}

/*
** Document number at p[i..): digits, then segments joined by / or -, at
** least one / and one segment with letters: 01-CTr/TU, 167/KH-UBND,
** 30/2020/NĐ-CP. Returns its length, 0 when none.
*/
static size_t docno_at(const unsigned char *p, size_t n, size_t i)
{
	size_t j = i + digits_at(p, n, i);
	bool slash = false, letters = false;
	int segs = 1;

	while (j + 1 < n && (p[j] == '/' || p[j] == '-')) {
		bool hl = false;
		size_t r = alnum_run(p, n, j + 1, &hl);
		if (r == 0)
			break;
		if (p[j] == '/')
			slash = true;
		letters |= hl;
		j += 1 + r;
		segs++;
	}
	if (segs >= 2 && slash && letters)
		return j - i;
	return 0;
}

/*
** Number at p[i..): digits with . or , between digit groups (1.234,5), or a
** short ratio or day/month without a year (2/3, 5/5): one token either way.
*/
static size_t number_at(const unsigned char *p, size_t n, size_t i)
{
	size_t j = i + digits_at(p, n, i), d;
	if (j - i <= 2 && j + 1 < n && p[j] == '/' && (d = digits_at(p, n, j + 1)) >= 1 && d <= 2 &&
	    !(j + 1 + d < n && (p[j + 1 + d] == '/' || is_digit(p[j + 1 + d]))))
		return j + 1 + d - i;
	while (j + 1 < n && (p[j] == '.' || p[j] == ',') && is_digit(p[j + 1]))
		j += 1 + digits_at(p, n, j + 1);
	return j - i;
}

static uint64_t hash_span(const unsigned char *p, size_t i, size_t e, uint32_t cls)
{
	uint64_t h = mix(FNV_OFF, 0x100 + cls);
	size_t len;

	while (i < e) {
		uint32_t cp = p[i] < 0x80 ? (len = 1, p[i]) : u8_decode(p + i, &len);
		unsigned info = vn_info(cp);
		if (info)
			h = mix(h, VN_LETTER(info));
		else
			h = mix(h, cp);
		i += len;
	}
	return fmix64(h);
}

/* Abbreviations whose '.' does not end a sentence: "TP. Hà Nội", "ThS. Nguyễn". */
static bool is_abbrev(const unsigned char *p, size_t i, size_t len)
{
	static const char *const abbr[] = { "TP", "Tp", "TS", "ThS", "GS", "PGS", "BS", "KS", "NXB", "Q", "P" };
	for (size_t k = 0; k < sizeof abbr / sizeof abbr[0]; k++)
		if (strlen(abbr[k]) == len && memcmp(abbr[k], p + i, len) == 0)
			return true;
	return false;
}

static bool is_roman(const unsigned char *p, size_t i, size_t len)
{
	if (len > 4)
		return false;
	for (size_t k = 0; k < len; k++)
		if (!strchr("IVXLC", p[i + k]))
			return false;
	return true;
}

size_t text_syllables(const char *s, size_t n, struct text_syl **out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = n / 5 + 16, cnt = 0, i = 0;
	struct text_syl *v = xmalloc(cap * sizeof *v);
	bool pending = true, line_start = true, item = false;
	size_t abbrev_end = SIZE_MAX; /* offset just after an abbreviation token */

	while (i < n) {
		unsigned c = p[i];
		unsigned cl = ascii_cls[c];
		size_t start = i, len;
		uint32_t cp;
		struct text_syl t;

		if (cl != C_LETTER && cl != C_DIGIT) {
			if (cl == C_HIGH) {
				if (!letter_at(p, n, i, &len, &cp)) {
					if (cp == 0x2028 || cp == 0x2029 || cp == 0x2026)
						pending = true;
					i += len;
					continue;
				}
			} else {
				if (cl == C_NL) {
					pending = true;
					line_start = true;
				} else if ((cl == C_STOP &&
					    !(c == ':' && i > 0 && i + 1 < n && is_digit(p[i - 1]) &&
					      is_digit(p[i + 1])) &&
					    !(c == '.' && abbrev_end == i)) ||
					   (c == ')' && item)) {
					/* a stop, but not the colon of a time (8:30) nor "TP." */
					pending = true;
				}
				item = false;
				i++;
				continue;
			}
		}
		t.off = (uint32_t)start;
		t.tone = TONE_NONE;
		t.upper = 0;
		t.cls = TCLS_WORD;
		if (cl == C_DIGIT) {
			size_t l;
			if ((l = docno_at(p, n, i)) != 0) {
				t.cls = TCLS_DOCNO;
			} else if ((l = date_at(p, n, i)) != 0) {
				t.cls = TCLS_DATE;
			} else {
				l = number_at(p, n, i);
				t.cls = TCLS_NUM;
				/* digits glued to letters (5G, 3a): one word */
				if (i + l < n && l == digits_at(p, n, i)) {
					bool hl = false;
					size_t r = alnum_run(p, n, i, &hl);
					if (r > l) {
						l = r;
						t.cls = TCLS_WORD;
					}
				}
			}
			if (t.cls == TCLS_WORD) {
				t.key = hash_span(p, i, i + l, TCLS_WORD);
			} else {
				t.key = hash_span(p, i, i + l, t.cls);
			}
			i += l;
		} else {
			/* a word: hash letters without tone, lower case */
			uint64_t h = mix(FNV_OFF, 0x100 + TCLS_WORD);
			bool first = true;
			while (i < n) {
				unsigned b = p[i];
				unsigned info;
				if (b < 0x80) {
					unsigned bc = ascii_cls[b];
					if (bc == C_LETTER) {
						info = vn_tab[b];
						if (first && (info & VN_UPPER))
							t.upper = 1;
						h = mix(h, VN_LETTER(info));
					} else if (bc == C_DIGIT) {
						h = mix(h, b);
					} else {
						break;
					}
					i++;
				} else {
					if (!letter_at(p, n, i, &len, &cp))
						break;
					info = vn_info(cp);
					if (info) {
						if (first && (info & VN_UPPER))
							t.upper = 1;
						if (VN_TONE(info))
							t.tone = (uint8_t)VN_TONE(info);
						h = mix(h, VN_LETTER(info));
					} else {
						utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
						if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
						    cat != UTF8PROC_CATEGORY_ME) {
							if (first && utf8proc_isupper((utf8proc_int32_t)cp))
								t.upper = 1;
							h = mix(h, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
						}
					}
					i += len;
				}
				first = false;
			}
			t.key = fmix64(h);
		}
		t.len = (uint32_t)(i - start);
		t.sentence_start = pending ? 1 : 0;
		/* "1." "a)" "II." at the start of a line: what follows starts an item */
		item = line_start && ((t.cls == TCLS_NUM && t.len <= 3) ||
				      (t.cls == TCLS_WORD && (t.len == 1 || is_roman(p, start, t.len))));
		/* "P." and "Q." only before a name or number: "Q. Ba Đình", "P. Láng Hạ" */
		if (i < n && p[i] == '.' && t.len <= 3 && t.cls == TCLS_WORD && !item && is_abbrev(p, start, t.len))
			abbrev_end = i;
		pending = false;
		line_start = false;
		if (cnt == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[cnt++] = t;
	}
	*out = v;
	return cnt;
}
