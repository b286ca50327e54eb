/*
** Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows, VISCII and
** Windows-1258, decoded with a map back to input offsets, detected by how
** many valid Vietnamese syllables each decoding yields; and encoded back.
*/
#include <string.h>
#include <strings.h>

#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

/*
** Byte -> code point tables. Generated once on Debian 12 (glibc 2.36) with
**   for b in 0..255: printf '\xNN' | iconv -f ENC -t UTF-32BE
** for ENC = TCVN5712-1 (bytes 0x80..0xFF; the C0 controls that glibc's
** TCVN5712-1 maps to capitals are kept as controls, as ABC files use them
** as controls), VISCII (all bytes: VISCII puts six capitals at 0x02, 0x05,
** 0x06, 0x14, 0x19, 0x1E) and CP1258 (0 = undefined byte). Hard-coded so
** that decoding does not depend on gconv modules being installed.
*/
static const uint16_t tcvn3_tab[256] = {
	0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0x000D,
	0x000E, 0x000F, 0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001B,
	0x001C, 0x001D, 0x001E, 0x001F, 0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029,
	0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045,
	0x0046, 0x0047, 0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F, 0x0050, 0x0051, 0x0052, 0x0053,
	0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F, 0x0060, 0x0061,
	0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
	0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x007B, 0x007C, 0x007D,
	0x007E, 0x007F, 0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8,
	0x1EC6, 0x00CC, 0x1EC8, 0x0128, 0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, 0x1EDC, 0x1EDE,
	0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168, 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0,
	0x1EA3, 0x00E3, 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA,
	0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9,
	0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
	0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB,
	0x1EE3, 0x00F9, 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7,
	0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};
static const uint16_t viscii_tab[256] = {
	0x0000, 0x0001, 0x1EB2, 0x0003, 0x0004, 0x1EB4, 0x1EAA, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0x000D,
	0x000E, 0x000F, 0x0010, 0x0011, 0x0012, 0x0013, 0x1EF6, 0x0015, 0x0016, 0x0017, 0x0018, 0x1EF8, 0x001A, 0x001B,
	0x001C, 0x001D, 0x1EF4, 0x001F, 0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029,
	0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045,
	0x0046, 0x0047, 0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F, 0x0050, 0x0051, 0x0052, 0x0053,
	0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F, 0x0060, 0x0061,
	0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
	0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x007B, 0x007C, 0x007D,
	0x007E, 0x007F, 0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC, 0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0,
	0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE, 0x1ECA, 0x1ECE,
	0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2, 0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD,
	0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9,
	0x1EDD, 0x1EDF, 0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF, 0x00C0, 0x00C1, 0x00C2, 0x00C3,
	0x1EA2, 0x0102, 0x1EB3, 0x1EB5, 0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3, 0x0110, 0x1EE9,
	0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB, 0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0,
	0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB, 0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED,
	0x0129, 0x1EC9, 0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD, 0x1EE5, 0x00F9, 0x00FA, 0x0169,
	0x1EE7, 0x00FD, 0x1EE3, 0x1EEE,
};
static const uint16_t cp1258_tab[256] = {
	0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0x000D,
	0x000E, 0x000F, 0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001B,
	0x001C, 0x001D, 0x001E, 0x001F, 0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029,
	0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045,
	0x0046, 0x0047, 0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F, 0x0050, 0x0051, 0x0052, 0x0053,
	0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F, 0x0060, 0x0061,
	0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
	0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x007B, 0x007C, 0x007D,
	0x007E, 0x007F, 0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0000, 0x2039,
	0x0152, 0x0000, 0x0000, 0x0000, 0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
	0x0000, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5,
	0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x0102,
	0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, 0x0110, 0x00D1,
	0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED,
	0x00EE, 0x00EF, 0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB,
	0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

/* Windows-1252 bytes 0x80..0x9F (for VNI, whose fonts keep them, and mojibake). */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* TCVN3 as ABC uses it: tcvn3_tab with Windows-1252 punctuation at 0x80..0x9F. */
static uint16_t tcvn3_abc[256];

/* Reverse tables: code point (< REV_SIZE) -> byte + 1 (0: none). */
#define REV_SIZE 0x2200
static uint16_t tcvn3_rev[REV_SIZE], viscii_rev[REV_SIZE], cp1258_rev[REV_SIZE], cp1252_rev[REV_SIZE];

/* VNI: mark bytes (lower-case forms) -> modifier and tone. */
enum { VM_NONE = 0, VM_TONE, VM_CIRC, VM_BREVE };
struct vni_mark {
	uint8_t kind, tone;
};
static struct vni_mark vni_marks[256];
/* VNI single bytes that are letters on their own (0: not one). */
static uint32_t vni_single[256];

__attribute__((constructor)) static void legacy_init(void)
{
	static const struct {
		uint8_t byte, kind, tone;
	} marks[] = {
		{ 0xF9, VM_TONE, TONE_ACUTE },  { 0xF8, VM_TONE, TONE_GRAVE },  { 0xFB, VM_TONE, TONE_HOOK },
		{ 0xF5, VM_TONE, TONE_TILDE },  { 0xEF, VM_TONE, TONE_DOT },    { 0xE2, VM_CIRC, TONE_NONE },
		{ 0xE1, VM_CIRC, TONE_ACUTE },  { 0xE0, VM_CIRC, TONE_GRAVE },  { 0xE5, VM_CIRC, TONE_HOOK },
		{ 0xE3, VM_CIRC, TONE_TILDE },  { 0xE4, VM_CIRC, TONE_DOT },    { 0xEA, VM_BREVE, TONE_NONE },
		{ 0xE9, VM_BREVE, TONE_ACUTE }, { 0xE8, VM_BREVE, TONE_GRAVE }, { 0xFA, VM_BREVE, TONE_HOOK },
		{ 0xFC, VM_BREVE, TONE_TILDE }, { 0xEB, VM_BREVE, TONE_DOT },
	};
	static const struct {
		uint8_t byte;
		uint32_t lower, upper;
	} singles[] = {
		{ 0xF1, 0x111, 0x110 },   /* ñ Ñ: đ Đ */
		{ 0xF4, 0x1A1, 0x1A0 },   /* ô Ô: ơ Ơ */
		{ 0xF6, 0x1B0, 0x1AF },   /* ö Ö: ư Ư */
		{ 0xED, 0xED, 0xCD },     /* í Í */
		{ 0xEC, 0xEC, 0xCC },     /* ì Ì */
		{ 0xE6, 0x1EC9, 0x1EC8 }, /* æ Æ: ỉ Ỉ */
		{ 0xF3, 0x129, 0x128 },   /* ó Ó: ĩ Ĩ */
		{ 0xF2, 0x1ECB, 0x1ECA }, /* ò Ò: ị Ị */
		{ 0xEE, 0x1EF5, 0x1EF4 }, /* î Î: ỵ Ỵ */
	};

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		vni_marks[marks[i].byte].kind = marks[i].kind;
		vni_marks[marks[i].byte].tone = marks[i].tone;
		vni_marks[marks[i].byte - 0x20] = vni_marks[marks[i].byte];
	}
	for (size_t i = 0; i < ARRAY_SIZE(singles); i++) {
		vni_single[singles[i].byte] = singles[i].lower;
		vni_single[singles[i].byte - 0x20] = singles[i].upper;
	}
	for (int b = 255; b >= 0; b--) {
		/* lowest byte wins; TCVN3 capitals at 0x80..0x9F are not used for encoding */
		if (tcvn3_tab[b] && tcvn3_tab[b] < REV_SIZE && !(b >= 0x80 && b < 0xA0))
			tcvn3_rev[tcvn3_tab[b]] = (uint16_t)(b + 1);
		if (viscii_tab[b] < REV_SIZE && (b == 0 || viscii_tab[b]))
			viscii_rev[viscii_tab[b]] = (uint16_t)(b + 1);
		if (cp1258_tab[b] && cp1258_tab[b] < REV_SIZE)
			cp1258_rev[cp1258_tab[b]] = (uint16_t)(b + 1);
	}
	for (int b = 0; b < 32; b++)
		if (cp1252_hi[b])
			cp1252_rev[cp1252_hi[b]] = (uint16_t)(0x80 + b + 1);
	/*
	** ABC (TCVN3 as .VnTime files use it) has no capitals at 0x80..0x9F, the
	** VN1 capitals of glibc's TCVN5712-1: text files made on Windows hold
	** Windows-1252 punctuation there (“ ” … • – —). Decode and encode those.
	*/
	memcpy(tcvn3_abc, tcvn3_tab, sizeof tcvn3_abc);
	for (int b = 0; b < 32; b++) {
		if (cp1252_hi[b]) {
			tcvn3_abc[0x80 + b] = cp1252_hi[b];
			tcvn3_rev[cp1252_hi[b]] = (uint16_t)(0x80 + b + 1);
		}
	}
	for (int b = 0xA0; b < 256; b++)
		cp1252_rev[b] = (uint16_t)(b + 1);
}

const char *text_enc_name(enum text_enc e)
{
	switch (e) {
	case TEXT_ENC_UTF8: return "UTF-8";
	case TEXT_ENC_TCVN3: return "TCVN3";
	case TEXT_ENC_VNI: return "VNI";
	case TEXT_ENC_VISCII: return "VISCII";
	case TEXT_ENC_CP1258: return "Windows-1258";
	case TEXT_ENC_UTF16: return "UTF-16";
	default: return "unknown";
	}
}

bool text_enc_parse(const char *name, enum text_enc *out)
{
	static const struct {
		const char *name;
		enum text_enc e;
	} names[] = {
		{ "utf-8", TEXT_ENC_UTF8 },       { "utf8", TEXT_ENC_UTF8 },      { "unicode", TEXT_ENC_UTF8 },
		{ "tcvn3", TEXT_ENC_TCVN3 },      { "tcvn", TEXT_ENC_TCVN3 },     { "abc", TEXT_ENC_TCVN3 },
		{ "tcvn5712-1", TEXT_ENC_TCVN3 }, { "tcvn-3", TEXT_ENC_TCVN3 },   { "vni", TEXT_ENC_VNI },
		{ "vni-windows", TEXT_ENC_VNI },  { "viscii", TEXT_ENC_VISCII },  { "windows-1258", TEXT_ENC_CP1258 },
		{ "cp1258", TEXT_ENC_CP1258 },    { "win1258", TEXT_ENC_CP1258 }, { "utf-16", TEXT_ENC_UTF16 },
		{ "utf16", TEXT_ENC_UTF16 },
	};
	if (!name)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].e;
			return true;
		}
	}
	return false;
}

/* ---- decoders: bytes b[0..n) (offsets boff[i], or base + i) -> code points ---- */

#define BOFF(i) (boff ? boff[i] : base + (uint32_t)(i))

static void decode_table(const uint16_t *tab, const unsigned char *b, const uint32_t *boff, size_t n, uint32_t base,
			 struct cpbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = tab[b[i]];
		if (!cp && b[i])
			cp = 0xFFFD;
		cpbuf_push(out, cp, BOFF(i));
	}
}

static int vni_base_letter(unsigned char c, int *upper)
{
	*upper = 0;
	switch (c) {
	case 'A': *upper = 1; /* fall through */
	case 'a': return VL_A;
	case 'E': *upper = 1; /* fall through */
	case 'e': return VL_E;
	case 'O': *upper = 1; /* fall through */
	case 'o': return VL_O;
	case 'U': *upper = 1; /* fall through */
	case 'u': return VL_U;
	case 'Y': *upper = 1; /* fall through */
	case 'y': return VL_Y;
	case 0xD4: *upper = 1; /* fall through */
	case 0xF4: return VL_OW;
	case 0xD6: *upper = 1; /* fall through */
	case 0xF6: return VL_UW;
	default: return VL_NONE;
	}
}

/* The letter VNI bytes c0 c1 make together, or 0. */
static uint32_t vni_pair(unsigned char c0, unsigned char c1)
{
	int upper, l = vni_base_letter(c0, &upper);
	struct vni_mark m = vni_marks[c1];

	if (!l || m.kind == VM_NONE)
		return 0;
	if (m.kind == VM_CIRC) {
		if (l == VL_A)
			l = VL_AA;
		else if (l == VL_E)
			l = VL_EE;
		else if (l == VL_O)
			l = VL_OO;
		else
			return 0;
	} else if (m.kind == VM_BREVE) {
		if (l != VL_A)
			return 0;
		l = VL_AW;
	}
	return vn_compose_tab[l][m.tone][upper];
}

static void decode_vni(const unsigned char *b, const uint32_t *boff, size_t n, uint32_t base, struct cpbuf *out)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = b[i];
		uint32_t cp;
		if (i + 1 < n && (cp = vni_pair(c, b[i + 1])) != 0) {
			cpbuf_push(out, cp, BOFF(i));
			i += 2;
			continue;
		}
		if (c < 0x80)
			cp = c;
		else if (vni_single[c])
			cp = vni_single[c];
		else if (c < 0xA0)
			cp = cp1252_hi[c - 0x80] ? cp1252_hi[c - 0x80] : 0xFFFD;
		else
			cp = c; /* a lone mark byte or an unused glyph: Latin-1, scores as garbage */
		cpbuf_push(out, cp, BOFF(i));
		i++;
	}
}

/*
** ABC has no toned capitals: in .VnTimeH headings the lower-case codes show
** as capitals, so a decoded word like "CộNG" is really "CỘNG". Upper-case
** the letters of words whose other letters are all capitals (two at least),
** and of words like "Xã" (a capital, then only non-ASCII lower case) that
** stand next to such a word: "CỘNG HÒA Xã HỘI" -> "CỘNG HÒA XÃ HỘI". A
** toned vowel that begins a sentence or a line is a capital too.
*/
enum { W_OTHER = 0, W_CAPS, W_MAYBE };

static int tcvn3_word_kind(const struct cpbuf *b, size_t i, size_t j)
{
	size_t upper = 0, lower_ascii = 0;

	for (size_t k = i; k < j; k++) {
		unsigned info = vn_info(b->cp[k]);
		if (info & VN_UPPER)
			upper++;
		else if (b->cp[k] < 0x80)
			lower_ascii++;
	}
	if (lower_ascii)
		return W_OTHER;
	if (upper >= 2 || (upper == 1 && j - i == 1))
		return W_CAPS;
	if (upper == 1 && (vn_info(b->cp[i]) & VN_UPPER))
		return W_MAYBE;
	return W_OTHER;
}

static void tcvn3_upcase(struct cpbuf *b, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++) {
		unsigned info = vn_info(b->cp[k]);
		b->cp[k] = vn_compose_tab[VN_LETTER(info)][VN_TONE(info)][1];
	}
}

struct tword {
	size_t s, e;
	int kind;
	bool run_start; /* first word after something other than space , - */
	bool sentence;  /* first word of the text, a line or a sentence */
};

static void tcvn3_caps(struct cpbuf *b)
{
	struct tword *w = NULL;
	size_t nw = 0, cap = 0, i = 0;
	bool run_start = true, sent = true;

	while (i < b->n) {
		size_t j = i;
		if (!vn_info(b->cp[i])) {
			uint32_t c = b->cp[i];
			if (c != ' ' && c != '-' && c != ',')
				run_start = true;
			if (c == '\n' || c == '.' || c == '!' || c == '?')
				sent = true;
			else if (c >= '0' && c <= '9')
				sent = false;
			i++;
			continue;
		}
		while (j < b->n && vn_info(b->cp[j]))
			j++;
		if (nw == cap) {
			cap = cap ? cap * 2 : 64;
			w = xrealloc(w, cap * sizeof *w);
		}
		w[nw].s = i;
		w[nw].e = j;
		w[nw].kind = tcvn3_word_kind(b, i, j);
		w[nw].run_start = run_start;
		w[nw].sentence = sent;
		run_start = false;
		sent = false;
		nw++;
		i = j;
	}
	for (size_t k = 0; k < nw; k++) {
		if (w[k].kind == W_CAPS) {
			tcvn3_upcase(b, w[k].s, w[k].e);
		} else if (w[k].kind == W_MAYBE) {
			bool prev_caps = k > 0 && !w[k].run_start && w[k - 1].kind == W_CAPS;
			bool prev_open = k == 0 || w[k].run_start;
			bool next_caps = k + 1 < nw && !w[k + 1].run_start && w[k + 1].kind == W_CAPS;
			bool next_open = k + 1 == nw || w[k + 1].run_start;
			if ((prev_caps && (next_caps || next_open)) || (next_caps && prev_open))
				tcvn3_upcase(b, w[k].s, w[k].e);
		}
		/* a sentence does not start in lower case: "ủy ban" there is "Ủy ban" */
		{
			unsigned info = vn_info(b->cp[w[k].s]);
			if (w[k].sentence && VN_TONE(info) && !(info & VN_UPPER))
				tcvn3_upcase(b, w[k].s, w[k].s + 1);
		}
	}
	free(w);
}

static void decode_legacy(enum text_enc e, const unsigned char *b, const uint32_t *boff, size_t n, uint32_t base,
			  struct cpbuf *out)
{
	switch (e) {
	case TEXT_ENC_TCVN3:
		decode_table(tcvn3_abc, b, boff, n, base, out);
		tcvn3_caps(out);
		break;
	case TEXT_ENC_VISCII: decode_table(viscii_tab, b, boff, n, base, out); break;
	case TEXT_ENC_CP1258: decode_table(cp1258_tab, b, boff, n, base, out); break;
	case TEXT_ENC_VNI: decode_vni(b, boff, n, base, out); break;
	default: break;
	}
	cpbuf_nfc(out);
}

/* ---- output ---- */

static enum app_err emit(struct cpbuf *b, size_t n_in, enum text_enc enc, double conf, struct text_buf *out)
{
	struct u8out o;

	cpbuf_tones(b);
	u8out_init(&o, b->n + 1, true);
	u8out_cps(&o, b);
	o.off[o.len] = (uint32_t)n_in;
	out->s = o.s;
	out->src_off = o.off;
	out->len = o.len;
	out->enc = enc;
	out->confidence = conf;
	return APP_OK;
}

/* Valid UTF-8 already canonical: a copy and an identity offset map. */
static enum app_err decode_identity(const char *in, size_t n, size_t start, double conf, struct text_buf *out)
{
	size_t len = n - start;

	out->s = xmalloc(len + 1);
	memcpy(out->s, in + start, len);
	out->s[len] = '\0';
	out->src_off = xmalloc((len + 1) * sizeof *out->src_off);
	for (size_t i = 0; i <= len; i++)
		out->src_off[i] = (uint32_t)(start + i);
	out->len = len;
	out->enc = TEXT_ENC_UTF8;
	out->confidence = conf;
	return APP_OK;
}

static enum app_err decode_utf8(const char *in, size_t n, size_t start, double conf, struct text_buf *out)
{
	struct u8out o;

	u8out_init(&o, n - start + 1, true);
	u8out_canon(&o, in + start, n - start, (uint32_t)start, true);
	o.off[o.len] = (uint32_t)n;
	out->s = o.s;
	out->src_off = o.off;
	out->len = o.len;
	out->enc = TEXT_ENC_UTF8;
	out->confidence = conf;
	return APP_OK;
}

/*
** Count the valid multi-byte UTF-8 sequences and the bytes that start no
** valid sequence.
*/
static void utf8_damage(const char *s, size_t n, size_t *good, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, bad_at;

	*good = *bad = 0;
	while (i < n) {
		size_t want;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		want = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
		if (i + want <= n && text_utf8_valid(s + i, want, &bad_at)) {
			(*good)++;
			i += want;
		} else {
			(*bad)++;
			i++;
		}
	}
}

/* Like cpbuf_from_utf8, but a byte that starts no valid sequence becomes U+FFFD. */
static void cpbuf_from_utf8_lossy(struct cpbuf *b, const char *s, size_t n, uint32_t base)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, bad_at;

	while (i < n) {
		size_t want = p[i] < 0x80 ? 1 : p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
		if (want == 1 || (i + want <= n && text_utf8_valid(s + i, want, &bad_at))) {
			cpbuf_push(b, u8_decode(p + i, &len), base + (uint32_t)i);
			i += len;
		} else {
			cpbuf_push(b, 0xFFFD, base + (uint32_t)i);
			i++;
		}
	}
}

/*
** UTF-16 after its BOM (little or big endian). An unpaired surrogate or an
** odd last byte becomes U+FFFD. Binary (NUL characters, many controls) and
** a BOM alone are refused.
*/
static enum app_err decode_utf16(const unsigned char *p, size_t n, bool be, struct text_buf *out)
{
	struct cpbuf c;
	size_t i = 2, ctl = 0;
	enum app_err e;

	if (n < 4)
		return APP_EINVAL;
	cpbuf_init(&c, n / 2 + 1);
	while (i < n) {
		uint32_t u, cp;
		size_t at = i;
		if (i + 1 >= n) {
			cpbuf_push(&c, 0xFFFD, (uint32_t)at);
			break;
		}
		u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
		i += 2;
		cp = u;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
			uint32_t l = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
			if (l >= 0xDC00 && l <= 0xDFFF) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
				i += 2;
			} else {
				cp = 0xFFFD;
			}
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			cp = 0xFFFD;
		}
		if (cp == 0) {
			cpbuf_release(&c);
			return APP_EINVAL;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' && cp != '\v') || cp == 0x7F)
			ctl++;
		cpbuf_push(&c, cp, (uint32_t)at);
	}
	if (ctl * 100 > c.n) {
		cpbuf_release(&c);
		return APP_EINVAL;
	}
	cpbuf_nfc(&c);
	e = emit(&c, n, TEXT_ENC_UTF16, 1.0, out);
	cpbuf_release(&c);
	return e;
}

/* NUL bytes, or more than 1% control characters (VISCII capitals aside). */
static bool looks_binary(const unsigned char *p, size_t n)
{
	size_t ctl = 0, i = 0;

	if (memchr(p, 0, n))
		return true;
	for (; i < n; i++) {
		unsigned c;
		/* eight bytes at a time while none is below 0x20 or 0x7F */
		while (i + 8 <= n) {
			uint64_t w, x;
			memcpy(&w, p + i, 8);
			x = w ^ 0x7F7F7F7F7F7F7F7FULL;
			if (((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) ||
			    ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = p[i];
		if (c >= 0x20 && c != 0x7F)
			continue;
		if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1A)
			continue;
		if (c == 0x02 || c == 0x05 || c == 0x06 || c == 0x14 || c == 0x19 || c == 0x1E)
			continue;
		ctl++;
	}
	return ctl * 100 > n;
}

/* On a tie (plain text with a stray byte), the first wins: Windows-1258 is the closest to Latin-1. */
static const enum text_enc legacy_order[] = { TEXT_ENC_CP1258, TEXT_ENC_TCVN3, TEXT_ENC_VNI, TEXT_ENC_VISCII };

struct pick {
	enum text_enc enc;
	double score, second, conf;
	size_t marked, words, common;
	struct cpbuf cps;
};

#define DETECT_SAMPLE ((size_t)256 * 1024)

/* Decode with every legacy encoding; keep the one with the best score. */
static void pick_legacy(const unsigned char *b, const uint32_t *boff, size_t n, uint32_t base, struct pick *best)
{
	/* score on a sample, decode the whole text once with the winner */
	size_t sample = n > DETECT_SAMPLE ? DETECT_SAMPLE : n;

	best->enc = TEXT_ENC_UNKNOWN;
	best->score = best->second = -1;
	best->marked = best->words = best->common = 0;
	memset(&best->cps, 0, sizeof best->cps);
	for (size_t k = 0; k < ARRAY_SIZE(legacy_order); k++) {
		struct cpbuf c;
		size_t marked, words, common;
		double sc;

		cpbuf_init(&c, sample + 1);
		decode_legacy(legacy_order[k], b, boff, sample, base, &c);
		sc = vn_score(c.cp, c.n, &marked, &words, &common);
		/* ties: more letters recognised, then more common words */
		if (best->enc == TEXT_ENC_UNKNOWN || sc > best->score ||
		    (sc == best->score &&
		     (marked > best->marked || (marked == best->marked && common > best->common)))) {
			if (best->score > best->second)
				best->second = best->score;
			cpbuf_release(&best->cps);
			best->enc = legacy_order[k];
			best->score = sc;
			best->marked = marked;
			best->words = words;
			best->common = common;
			best->cps = c;
		} else {
			if (sc > best->second)
				best->second = sc;
			cpbuf_release(&c);
		}
	}
	if (best->second < 0)
		best->second = 0;
	if (sample < n) {
		cpbuf_release(&best->cps);
		cpbuf_init(&best->cps, n + 1);
		decode_legacy(best->enc, b, boff, n, base, &best->cps);
	}
	if (best->marked == 0) {
		best->conf = 0.5;
	} else {
		/* sure when the best is high and well ahead, and there is enough text */
		double margin = best->score - best->second;
		best->conf = best->score * (margin + 0.5 < 1.0 ? margin + 0.5 : 1.0) * (double)best->marked /
			     (double)(best->marked + 1);
	}
}

/*
** Valid UTF-8 whose non-ASCII characters all come from Latin-1 or
** Windows-1252: either Western text or a legacy file read as Latin-1 and
** saved as UTF-8 ("Céng hoµ x· héi"). Return the bytes it stands for.
*/
static bool latin1_bytes(const char *s, size_t n, size_t start, unsigned char **bytes, uint32_t **boff, size_t *nb)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = start, len, k = 0;
	bool nonascii = false;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp = u8_decode(p + i, &len);
		if (cp >= REV_SIZE || !cp1252_rev[cp])
			return false;
		nonascii = true;
		i += len;
	}
	if (!nonascii)
		return false;
	*bytes = xmalloc(n - start + 1);
	*boff = xmalloc((n - start + 1) * sizeof **boff);
	for (i = start; i < n; i += len) {
		uint32_t cp = u8_decode(p + i, &len);
		(*bytes)[k] = cp < 0x80 ? (unsigned char)cp : (unsigned char)(cp1252_rev[cp] - 1);
		(*boff)[k] = (uint32_t)i;
		k++;
	}
	*nb = k;
	return true;
}

enum app_err text_decode(const char *in, size_t n, enum text_enc hint, struct text_buf *out)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t start = 0;
	bool valid;
	int scan;
	struct pick pk;
	enum app_err e;

	memset(out, 0, sizeof *out);
	out->enc = TEXT_ENC_UNKNOWN;
	if (!in || n == 0)
		return APP_EINVAL;
	if (n >= UINT32_MAX)
		return APP_ETOOBIG;
	if ((hint == TEXT_ENC_UNKNOWN || hint == TEXT_ENC_UTF16) && n >= 2 &&
	    ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return decode_utf16(p, n, p[0] == 0xFE, out);
	if (hint == TEXT_ENC_UTF16)
		return APP_EINVAL;
	if (looks_binary(p, n))
		return APP_EINVAL;
	if ((hint == TEXT_ENC_UTF8 || hint == TEXT_ENC_UNKNOWN) && n >= 3 && p[0] == 0xEF && p[1] == 0xBB &&
	    p[2] == 0xBF)
		start = 3;
	if (start == n)
		return APP_EINVAL;
	switch (hint) {
	case TEXT_ENC_UTF8:
		if (!text_utf8_valid(in + start, n - start, NULL))
			return APP_EINVAL;
		return decode_utf8(in, n, start, 1.0, out);
	case TEXT_ENC_TCVN3:
	case TEXT_ENC_VNI:
	case TEXT_ENC_VISCII:
	case TEXT_ENC_CP1258: {
		struct cpbuf c;
		cpbuf_init(&c, n + 1);
		decode_legacy(hint, p, NULL, n, 0, &c);
		e = emit(&c, n, hint, 1.0, out);
		cpbuf_release(&c);
		return e;
	}
	default: break;
	}

	scan = utf8_scan(in + start, n - start);
	valid = scan != U8_INVALID;
	if (valid) {
		unsigned char *bytes;
		uint32_t *boff;
		size_t nb;
		double conf = 1.0;

		if (latin1_bytes(in, n, start, &bytes, &boff, &nb)) {
			struct cpbuf c;
			size_t marked, words;
			double u8score;

			cpbuf_init(&c, n + 1);
			cpbuf_from_utf8(&c, in + start, n - start, (uint32_t)start);
			u8score = vn_score(c.cp, c.n, &marked, &words, NULL);
			cpbuf_release(&c);
			if (u8score < 0.5) {
				pick_legacy(bytes, boff, nb, 0, &pk);
				if (pk.score >= 0.8 && pk.score >= u8score + 0.3 && pk.marked >= 2) {
					e = emit(&pk.cps, n, pk.enc, pk.conf, out);
					cpbuf_release(&pk.cps);
					free(bytes);
					free(boff);
					return e;
				}
				cpbuf_release(&pk.cps);
			}
			conf = 0.6 + 0.4 * u8score;
			free(bytes);
			free(boff);
		}
		if (scan == U8_CANONICAL)
			return decode_identity(in, n, start, conf, out);
		return decode_utf8(in, n, start, conf, out);
	}

	/*
	** UTF-8 with a few broken sequences (a truncated or damaged file):
	** keep it as UTF-8, each bad byte becoming U+FFFD, rather than
	** rejecting it or reading it in a legacy encoding.
	*/
	{
		size_t good = 0, bad = 0;
		utf8_damage(in + start, n - start, &good, &bad);
		if (good >= 20 && good >= 20 * bad) {
			struct cpbuf c;
			cpbuf_init(&c, n - start + 1);
			cpbuf_from_utf8_lossy(&c, in + start, n - start, (uint32_t)start);
			cpbuf_nfc(&c);
			e = emit(&c, n, TEXT_ENC_UTF8, 0.9 * (double)good / (double)(good + bad), out);
			cpbuf_release(&c);
			return e;
		}
	}

	pick_legacy(p, NULL, n, 0, &pk);
	/*
	** Readable: most words with non-ASCII letters are Vietnamese syllables,
	** or hardly any word has non-ASCII letters (plain text with a stray byte).
	*/
	if (pk.score >= 0.5 || pk.marked * 20 <= pk.words) {
		e = emit(&pk.cps, n, pk.enc, pk.conf, out);
		cpbuf_release(&pk.cps);
		return e;
	}
	cpbuf_release(&pk.cps);
	return APP_EINVAL;
}

void text_buf_release(struct text_buf *b)
{
	if (!b)
		return;
	free(b->s);
	free(b->src_off);
	b->s = NULL;
	b->src_off = NULL;
	b->len = 0;
}

/* ---- encoders ---- */

static void put(struct sbuf *o, const void *p, size_t n)
{
	if (sbuf_add(o, p, n) != APP_OK)
		abort(); /* uncapped */
}

static void encode_vni(uint32_t cp, struct sbuf *o)
{
	static const unsigned char tone_mark[6] = { 0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF };
	static const unsigned char circ_mark[6] = { 0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4 };
	static const unsigned char breve_mark[6] = { 0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB };
	static const unsigned char i_single[6] = { 'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2 };
	unsigned info = vn_info(cp);
	unsigned char buf[2];
	int l, t, up;

	if (cp < 0x80) {
		buf[0] = (unsigned char)cp;
		put(o, buf, 1);
		return;
	}
	if (!info) {
		if (cp < REV_SIZE && cp1252_rev[cp] && (cp1252_rev[cp] - 1) < 0xC0)
			buf[0] = (unsigned char)(cp1252_rev[cp] - 1);
		else
			buf[0] = '?';
		put(o, buf, 1);
		return;
	}
	l = VN_LETTER(info);
	t = (int)VN_TONE(info);
	up = (info & VN_UPPER) != 0;
	if (l == VL_DD) {
		buf[0] = up ? 0xD1 : 0xF1;
		put(o, buf, 1);
		return;
	}
	if (l == VL_I) {
		buf[0] = (unsigned char)(i_single[t] - (up ? 0x20 : 0));
		put(o, buf, 1);
		return;
	}
	if (l == VL_Y && t == TONE_DOT) {
		buf[0] = up ? 0xCE : 0xEE;
		put(o, buf, 1);
		return;
	}
	switch (l) {
	case VL_A:
	case VL_AW:
	case VL_AA: buf[0] = 'a'; break;
	case VL_E:
	case VL_EE: buf[0] = 'e'; break;
	case VL_O:
	case VL_OO: buf[0] = 'o'; break;
	case VL_U: buf[0] = 'u'; break;
	case VL_Y: buf[0] = 'y'; break;
	case VL_OW: buf[0] = 0xF4; break;
	case VL_UW: buf[0] = 0xF6; break;
	default: buf[0] = (unsigned char)vn_base_cp[l]; break; /* consonants: ASCII */
	}
	if (up)
		buf[0] -= 0x20;
	if (l == VL_AA || l == VL_EE || l == VL_OO)
		buf[1] = circ_mark[t];
	else if (l == VL_AW)
		buf[1] = breve_mark[t];
	else if (t)
		buf[1] = tone_mark[t];
	else {
		put(o, buf, 1);
		return;
	}
	if (up)
		buf[1] -= 0x20;
	put(o, buf, 2);
}

static void encode_table(const uint16_t *rev, enum text_enc enc, uint32_t cp, struct sbuf *o)
{
	static const unsigned char cp1258_tone[6] = { 0, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 };
	unsigned char c = '?';
	unsigned info;

	if (cp < 0x80) {
		c = (unsigned char)cp;
	} else if (cp < REV_SIZE && rev[cp]) {
		c = (unsigned char)(rev[cp] - 1);
	} else if ((info = vn_info(cp)) != 0) {
		int l = VN_LETTER(info), t = (int)VN_TONE(info), up = (info & VN_UPPER) != 0;
		if (enc == TEXT_ENC_TCVN3) {
			/* ABC has no toned capitals: .VnTimeH fonts show the lower-case codes */
			uint32_t lc = vn_compose_tab[l][t][0];
			if (lc < REV_SIZE && rev[lc])
				c = (unsigned char)(rev[lc] - 1);
		} else if (enc == TEXT_ENC_CP1258) {
			uint32_t bc = vn_compose_tab[l][0][up];
			if (t && bc < REV_SIZE && rev[bc]) {
				unsigned char two[2] = { (unsigned char)(rev[bc] - 1), cp1258_tone[t] };
				put(o, two, 2);
				return;
			}
		}
	}
	put(o, &c, 1);
}

enum app_err text_encode(const char *s, size_t n, enum text_enc enc, char **out, size_t *outlen)
{
	const unsigned char *p;
	char *nfc;
	size_t len, i = 0;
	struct sbuf o;
	const uint16_t *rev;

	*out = NULL;
	if (outlen)
		*outlen = 0;
	switch (enc) {
	case TEXT_ENC_TCVN3: rev = tcvn3_rev; break;
	case TEXT_ENC_VISCII: rev = viscii_rev; break;
	case TEXT_ENC_CP1258: rev = cp1258_rev; break;
	case TEXT_ENC_VNI: rev = NULL; break;
	default: return APP_EINVAL;
	}
	nfc = text_nfc(s, n, &n);
	if (!nfc)
		return APP_EINVAL;
	p = (const unsigned char *)nfc;
	sbuf_init(&o, 0);
	put(&o, "", 0);
	while (i < n) {
		uint32_t cp = u8_decode(p + i, &len);
		i += len;
		if (enc == TEXT_ENC_VNI)
			encode_vni(cp, &o);
		else
			encode_table(rev, enc, cp, &o);
	}
	free(nfc);
	*out = sbuf_detach(&o, outlen);
	return APP_OK;
}
