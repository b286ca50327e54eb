/*
** Folding for search, and Vietnamese collation through a three-level sort
** key (letters, then tones, then case) whose memcmp order is the order.
*/
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

/* ASCII letter a letter folds to (diacritics removed, đ -> d). */
static const char letter_ascii[VL_COUNT] = {
	0,   'a', 'a', 'a', 'b', 'c', 'd', 'd', 'e', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l',
	'm', 'n', 'o', 'o', 'o', 'p', 'q', 'r', 's', 't', 'u', 'u', 'v', 'w', 'x', 'y', 'z',
};

/* Next code point of possibly invalid UTF-8: -1 (and len 1) on a bad byte. */
static int32_t next_cp(const unsigned char *p, size_t n, size_t *len)
{
	size_t bad;

	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	{
		size_t want = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
		if (want > n)
			want = n;
		if (!text_utf8_valid((const char *)p, want, &bad) || want < 2) {
			*len = 1;
			return -1;
		}
	}
	return (int32_t)u8_decode(p, len);
}

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static void add_bytes(struct sbuf *b, const void *p, size_t n)
{
	if (sbuf_add(b, p, n) != APP_OK)
		abort(); /* uncapped buffer: only allocation can fail, and xmalloc aborts first */
}

char *text_fold(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct sbuf b;
	bool space = false;
	size_t i = 0, len;

	sbuf_init(&b, 0);
	add_bytes(&b, "", 0);
	while (i < n) {
		int32_t c = next_cp(p + i, n - i, &len);
		unsigned info;

		i += len;
		if (c < 0)
			continue;
		if (is_space_cp((uint32_t)c)) {
			space = b.len > 0;
			continue;
		}
		info = vn_info((uint32_t)c);
		{
			char tmp[32 * 4];
			size_t tl = 0;
			if (info) {
				tmp[tl++] = letter_ascii[VN_LETTER(info)];
			} else if (c < 0x80) {
				tmp[tl++] = (char)c;
			} else {
				utf8proc_int32_t d[32];
				utf8proc_ssize_t r = utf8proc_decompose_char(
					c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, NULL);
				for (utf8proc_ssize_t k = 0; k < r && k < 32; k++) {
					unsigned dinfo = vn_info((uint32_t)d[k]);
					if (dinfo)
						tmp[tl++] = letter_ascii[VN_LETTER(dinfo)];
					else if (!is_space_cp((uint32_t)d[k]))
						tl += u8_encode((uint32_t)d[k], (unsigned char *)tmp + tl);
				}
			}
			if (tl == 0)
				continue; /* a lone mark or an ignorable: nothing to write */
			if (space) {
				add_bytes(&b, " ", 1);
				space = false;
			}
			add_bytes(&b, tmp, tl);
		}
	}
	return sbuf_detach(&b, NULL);
}

/* ---- sort keys ---- */

/*
** Level 1: one weight per character, none below 0x02 (0x01 separates the
** levels, so a shorter string sorts first):
**   0x02        a run of white space
**   0x03..0x22  ASCII punctuation and symbols
**   0x24..0x40  a digit run: 0x23 + its length (leading zeros dropped),
**               then the digits as 0x30..0x39, so 2 < 10
**   0x41..0x61  letters a ă â b c d đ e ê f ... y z
**   0xF0 + 3    any other character (lower-cased code point, 7 bits a byte)
** Level 2: one byte per word of letters, 0x02 + its tone (ngang .. nặng),
** so the tone of a syllable counts wherever the mark sits (hoà == hòa).
** Level 3: one byte per letter, 0x02 lower, 0x03 upper.
*/
static const char punct_order[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

struct keybuf {
	struct sbuf l1, l2, l3;
};

static void key_word_end(struct keybuf *k, int ntoned, const uint8_t *tones)
{
	unsigned char t = 0x02;
	if (ntoned == 1) {
		t = (unsigned char)(0x02 + tones[0]);
		add_bytes(&k->l2, &t, 1);
	} else if (ntoned == 0) {
		add_bytes(&k->l2, &t, 1);
	} else {
		/* not a syllable (two marks): every tone, after the one-tone words */
		t = 0x08;
		add_bytes(&k->l2, &t, 1);
		for (int i = 0; i < ntoned && i < 8; i++) {
			t = (unsigned char)(0x02 + tones[i]);
			add_bytes(&k->l2, &t, 1);
		}
	}
}

static void build_key(const char *s, size_t n, struct sbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	struct keybuf k;
	char *nfc = NULL;
	size_t i = 0, len;
	bool space = false, inword = false;
	int ntoned = 0;
	uint8_t tones[8];

	/* NFD or other non-NFC input: compose first (invalid bytes are dropped below) */
	if (text_utf8_valid(s, n, NULL)) {
		size_t j = 0;
		while (j < n) {
			if (p[j] < 0x80) {
				j++;
				continue;
			}
			if (!nfc_safe_cp(u8_decode(p + j, &len)))
				break;
			j += len;
		}
		if (j < n) {
			nfc = text_nfc(s, n, &n);
			p = (const unsigned char *)nfc;
		}
	}
	sbuf_init(&k.l1, 0);
	sbuf_init(&k.l2, 0);
	sbuf_init(&k.l3, 0);
	add_bytes(&k.l1, "", 0);
	add_bytes(&k.l2, "", 0);
	add_bytes(&k.l3, "", 0);
	while (i < n) {
		int32_t c = next_cp(p + i, n - i, &len);
		unsigned info;
		unsigned char w[4];

		if (c < 0) {
			i += len;
			continue;
		}
		info = vn_info((uint32_t)c);
		if (inword && !info) {
			key_word_end(&k, ntoned, tones);
			inword = false;
		}
		if (is_space_cp((uint32_t)c)) {
			space = k.l1.len > 0;
			i += len;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			i += len;
			continue;
		}
		if (space) {
			w[0] = 0x02;
			add_bytes(&k.l1, w, 1);
			space = false;
		}
		if (info) {
			if (!inword) {
				inword = true;
				ntoned = 0;
			}
			if (VN_TONE(info)) {
				if (ntoned < 8)
					tones[ntoned] = (uint8_t)VN_TONE(info);
				ntoned++;
			}
			w[0] = (unsigned char)(0x40 + VN_LETTER(info));
			add_bytes(&k.l1, w, 1);
			w[0] = (info & VN_UPPER) ? 0x03 : 0x02;
			add_bytes(&k.l3, w, 1);
			i += len;
		} else if (c >= '0' && c <= '9') {
			size_t a = i, e, nd;
			while (a < n && p[a] == '0')
				a++;
			for (e = a; e < n && p[e] >= '0' && p[e] <= '9'; e++)
				;
			if (a == e && a > i)
				a--; /* "000" is the number 0 */
			nd = e - a;
			w[0] = (unsigned char)(0x23 + (nd > 29 ? 29 : nd));
			add_bytes(&k.l1, w, 1);
			for (size_t d = a; d < e; d++) {
				w[0] = p[d];
				add_bytes(&k.l1, w, 1);
			}
			i = e;
		} else if (c < 0x80) {
			const char *q = strchr(punct_order, (int)c);
			w[0] = (unsigned char)(0x03 + (q ? q - punct_order : 0));
			add_bytes(&k.l1, w, 1);
			i += len;
		} else {
			uint32_t lc = (uint32_t)utf8proc_tolower(c);
			w[0] = 0xF0;
			w[1] = (unsigned char)(0x80 | ((lc >> 14) & 0x7F));
			w[2] = (unsigned char)(0x80 | ((lc >> 7) & 0x7F));
			w[3] = (unsigned char)(0x80 | (lc & 0x7F));
			add_bytes(&k.l1, w, 4);
			w[0] = lc != (uint32_t)c ? 0x03 : 0x02;
			add_bytes(&k.l3, w, 1);
			i += len;
		}
	}
	if (inword)
		key_word_end(&k, ntoned, tones);
	sbuf_init(out, 0);
	add_bytes(out, k.l1.buf, k.l1.len);
	add_bytes(out, "\x01", 1);
	add_bytes(out, k.l2.buf, k.l2.len);
	add_bytes(out, "\x01", 1);
	add_bytes(out, k.l3.buf, k.l3.len);
	sbuf_release(&k.l1);
	sbuf_release(&k.l2);
	sbuf_release(&k.l3);
	free(nfc);
}

char *text_sort_key(const char *s, size_t n, size_t *keylen)
{
	struct sbuf b;
	build_key(s, n, &b);
	return sbuf_detach(&b, keylen);
}

int text_collate(const char *a, const char *b)
{
	struct sbuf ka, kb;
	size_t m;
	int r;

	build_key(a, strlen(a), &ka);
	build_key(b, strlen(b), &kb);
	m = ka.len < kb.len ? ka.len : kb.len;
	r = memcmp(ka.buf, kb.buf, m);
	if (r == 0)
		r = ka.len < kb.len ? -1 : ka.len > kb.len ? 1 : 0;
	sbuf_release(&ka);
	sbuf_release(&kb);
	return r < 0 ? -1 : r > 0 ? 1 : 0;
}
