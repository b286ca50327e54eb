/*
** Internals shared by the files of src/text/: the Vietnamese letter table,
** the syllable parser that decides where a tone mark belongs, UTF-8
** helpers and the code point buffer the decoders fill.
*/
#ifndef GIAMSAT_TEXT_INT_H
#define GIAMSAT_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
** Letters of the extended alphabet, in Vietnamese alphabetical order
** (f j w z are foreign but kept in Latin order). 0 = not a letter.
*/
enum {
	VL_NONE = 0,
	VL_A,
	VL_AW,
	VL_AA,
	VL_B,
	VL_C,
	VL_D,
	VL_DD,
	VL_E,
	VL_EE,
	VL_F,
	VL_G,
	VL_H,
	VL_I,
	VL_J,
	VL_K,
	VL_L,
	VL_M,
	VL_N,
	VL_O,
	VL_OO,
	VL_OW,
	VL_P,
	VL_Q,
	VL_R,
	VL_S,
	VL_T,
	VL_U,
	VL_UW,
	VL_V,
	VL_W,
	VL_X,
	VL_Y,
	VL_Z,
	VL_COUNT
};

/*
** Per code point (cp < VN_TAB_SIZE): bits 0-5 letter, 6-8 tone, 9 upper,
** 10 vowel. Only ASCII letters and precomposed Vietnamese letters are set.
*/
#define VN_TAB_SIZE 0x1F00
#define VN_LETTER(x) ((x)&0x3F)
#define VN_TONE(x) (((x) >> 6) & 7)
#define VN_UPPER 0x200
#define VN_VOWEL 0x400
extern uint16_t vn_tab[VN_TAB_SIZE];
/* [letter][tone][upper] -> code point (0 when none). */
extern uint32_t vn_compose_tab[VL_COUNT][6][2];
/* Lower-case code point of each letter without tone. */
extern const uint32_t vn_base_cp[VL_COUNT];

static inline unsigned vn_info(uint32_t cp)
{
	return cp < VN_TAB_SIZE ? vn_tab[cp] : 0;
}

/*
** Parse a word given as lower-case letters L[0..n) (VL_*) and return the
** index where the tone mark belongs, or -1 when it is not a Vietnamese
** syllable. With strict, also reject tones a final p/t/c/ch forbids (tone
** is then the word's tone) and nuclei that do not exist.
*/
int vn_tone_pos(const uint8_t *L, int n, bool strict, int tone);

/* Decode one UTF-8 sequence at s (n > 0 bytes left, already validated). */
static inline uint32_t u8_decode(const unsigned char *s, size_t *len)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	if (c < 0xE0) {
		*len = 2;
		return ((c & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (c < 0xF0) {
		*len = 3;
		return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	*len = 4;
	return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Encode cp into d (4 bytes room); returns the length. */
static inline size_t u8_encode(uint32_t cp, unsigned char *d)
{
	if (cp < 0x80) {
		d[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (unsigned char)(0xC0 | (cp >> 6));
		d[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (unsigned char)(0xE0 | (cp >> 12));
		d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (unsigned char)(0xF0 | (cp >> 18));
	d[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A growable array of code points, each with the input offset it came from. */
struct cpbuf {
	uint32_t *cp;
	uint32_t *off;
	size_t n, cap;
};
void cpbuf_init(struct cpbuf *b, size_t hint);
void cpbuf_release(struct cpbuf *b);
void cpbuf_push(struct cpbuf *b, uint32_t cp, uint32_t off);

/* Valid UTF-8 -> code points, offsets relative to base. */
void cpbuf_from_utf8(struct cpbuf *b, const char *s, size_t n, uint32_t base);
/* NFC with offsets: composed characters keep the offset of their group. */
void cpbuf_nfc(struct cpbuf *b);
/* Move tone marks to the canonical place, in place (same length). */
void cpbuf_tones(struct cpbuf *b);
/* True for letters, digits and marks of any script (utf8proc categories). */
bool cp_alnum_mark(uint32_t cp);
/* True when the code point needs no NFC work when it stands among others. */
bool nfc_safe_cp_slow(uint32_t cp);
static inline bool nfc_safe_cp(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || nfc_safe_cp_slow(cp);
}
/*
** One pass over s: U8_INVALID (not UTF-8), U8_VALID (UTF-8 that needs NFC
** or tone work) or U8_CANONICAL (NFC, every tone in its canonical place).
*/
enum { U8_INVALID = 0, U8_VALID, U8_CANONICAL };
int utf8_scan(const char *s, size_t n);
/* True when valid UTF-8 s is NFC and every tone is canonically placed. */
bool utf8_is_canonical(const char *s, size_t n);

/* Growing UTF-8 output with an optional offset per byte. */
struct u8out {
	char *s;       /* NUL-terminated */
	uint32_t *off; /* with_off: one entry per byte (and room for one more) */
	size_t len, cap;
	bool with_off;
};
void u8out_init(struct u8out *o, size_t hint, bool with_off);
/* Append code points b (with their offsets). */
void u8out_cps(struct u8out *o, const struct cpbuf *b);
/* Append the canonical form of valid UTF-8 (see utf8.c). */
void u8out_canon(struct u8out *o, const char *s, size_t n, uint32_t base, bool tones);

/*
** Share of words with non-ASCII letters that are valid Vietnamese syllables
** (1.0 when there are none); *marked gets their count, *words all words,
** *common how many of the valid ones are among the most frequent words.
*/
double vn_score(const uint32_t *cp, size_t n, size_t *marked, size_t *words, size_t *common);

#endif
