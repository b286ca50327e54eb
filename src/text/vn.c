/*
** The Vietnamese letter table and the syllable parser: where a tone mark
** belongs (traditional placement), and how Vietnamese a run of words is
** (the score that legacy-encoding detection uses).
*/
#include <string.h>

#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

uint16_t vn_tab[VN_TAB_SIZE];
uint32_t vn_compose_tab[VL_COUNT][6][2];

const uint32_t vn_base_cp[VL_COUNT] = {
	0,   'a', 0x103, 0xE2, 'b',   'c', 'd', 0x111, 'e', 0xEA, 'f', 'g',   'h', 'i', 'j', 'k', 'l',
	'm', 'n', 'o',   0xF4, 0x1A1, 'p', 'q', 'r',   's', 't',  'u', 0x1B0, 'v', 'w', 'x', 'y', 'z',
};

/*
** The twelve vowels with the tones in enum text_tone order (none, grave,
** hook, tilde, acute, dot), lower then upper case.
*/
static const struct {
	int letter;
	const char *lower, *upper;
} vowels[] = {
	{ VL_A, "aàảãáạ", "AÀẢÃÁẠ" }, { VL_AW, "ăằẳẵắặ", "ĂẰẲẴẮẶ" }, { VL_AA, "âầẩẫấậ", "ÂẦẨẪẤẬ" },
	{ VL_E, "eèẻẽéẹ", "EÈẺẼÉẸ" }, { VL_EE, "êềểễếệ", "ÊỀỂỄẾỆ" }, { VL_I, "iìỉĩíị", "IÌỈĨÍỊ" },
	{ VL_O, "oòỏõóọ", "OÒỎÕÓỌ" }, { VL_OO, "ôồổỗốộ", "ÔỒỔỖỐỘ" }, { VL_OW, "ơờởỡớợ", "ƠỜỞỠỚỢ" },
	{ VL_U, "uùủũúụ", "UÙỦŨÚỤ" }, { VL_UW, "ưừửữứự", "ƯỪỬỮỨỰ" }, { VL_Y, "yỳỷỹýỵ", "YỲỶỸÝỴ" },
};

static void tab_set(uint32_t cp, int letter, int tone, int upper, int vowel)
{
	vn_tab[cp] = (uint16_t)(letter | (tone << 6) | (upper ? VN_UPPER : 0) | (vowel ? VN_VOWEL : 0));
	vn_compose_tab[letter][tone][upper] = cp;
}

__attribute__((constructor)) static void vn_tab_init(void)
{
	static const char latin[] = "abcdefghijklmnopqrstuvwxyz";
	static const int latin_letter[26] = {
		VL_A, VL_B, VL_C, VL_D, VL_E, VL_F, VL_G, VL_H, VL_I, VL_J, VL_K, VL_L, VL_M,
		VL_N, VL_O, VL_P, VL_Q, VL_R, VL_S, VL_T, VL_U, VL_V, VL_W, VL_X, VL_Y, VL_Z,
	};

	for (int i = 0; i < 26; i++) {
		int v = strchr("aeiouy", latin[i]) != NULL;
		tab_set((uint32_t)latin[i], latin_letter[i], 0, 0, v);
		tab_set((uint32_t)latin[i] - 32, latin_letter[i], 0, 1, v);
	}
	tab_set(0x111, VL_DD, 0, 0, 0);
	tab_set(0x110, VL_DD, 0, 1, 0);
	for (size_t v = 0; v < ARRAY_SIZE(vowels); v++) {
		for (int u = 0; u < 2; u++) {
			const unsigned char *p = (const unsigned char *)(u ? vowels[v].upper : vowels[v].lower);
			for (int t = 0; t < 6; t++) {
				size_t len;
				uint32_t cp = u8_decode(p, &len);
				p += len;
				tab_set(cp, vowels[v].letter, t, u, 1);
			}
		}
	}
}

static bool is_vowel_letter(int l)
{
	switch (l) {
	case VL_A:
	case VL_AW:
	case VL_AA:
	case VL_E:
	case VL_EE:
	case VL_I:
	case VL_O:
	case VL_OO:
	case VL_OW:
	case VL_U:
	case VL_UW:
	case VL_Y: return true;
	default: return false;
	}
}

/* Nuclei that exist, as letter strings (compared without tones). */
static const uint8_t nuclei[][4] = {
	{ VL_A },
	{ VL_AW },
	{ VL_AA },
	{ VL_E },
	{ VL_EE },
	{ VL_I },
	{ VL_O },
	{ VL_OO },
	{ VL_OW },
	{ VL_U },
	{ VL_UW },
	{ VL_Y },
	{ VL_A, VL_I },
	{ VL_A, VL_O },
	{ VL_A, VL_U },
	{ VL_A, VL_Y },
	{ VL_AA, VL_U },
	{ VL_AA, VL_Y },
	{ VL_E, VL_O },
	{ VL_EE, VL_U },
	{ VL_I, VL_A },
	{ VL_I, VL_EE },
	{ VL_I, VL_U },
	{ VL_O, VL_A },
	{ VL_O, VL_AW },
	{ VL_O, VL_E },
	{ VL_O, VL_I },
	{ VL_OO, VL_I },
	{ VL_OW, VL_I },
	{ VL_O, VL_O },
	{ VL_U, VL_A },
	{ VL_U, VL_AA },
	{ VL_U, VL_EE },
	{ VL_U, VL_I },
	{ VL_U, VL_OO },
	{ VL_U, VL_OW },
	{ VL_U, VL_Y },
	{ VL_UW, VL_A },
	{ VL_UW, VL_I },
	{ VL_UW, VL_U },
	{ VL_UW, VL_OW },
	{ VL_Y, VL_EE },
	{ VL_I, VL_EE, VL_U },
	{ VL_O, VL_A, VL_I },
	{ VL_O, VL_A, VL_Y },
	{ VL_O, VL_E, VL_O },
	{ VL_U, VL_AA, VL_Y },
	{ VL_U, VL_OO, VL_I },
	{ VL_U, VL_Y, VL_A },
	{ VL_U, VL_Y, VL_EE },
	{ VL_U, VL_Y, VL_U },
	{ VL_UW, VL_OW, VL_I },
	{ VL_UW, VL_OW, VL_U },
	{ VL_Y, VL_EE, VL_U },
};

/* Nuclei as 6-bit letter codes packed in 18 bits: one bit each. */
static uint8_t nucleus_bits[1 << 15];

static unsigned nucleus_code(const uint8_t *v, int n)
{
	unsigned c = 0;
	for (int i = 0; i < n; i++)
		c = c << 6 | v[i];
	return c;
}

__attribute__((constructor)) static void nuclei_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(nuclei); i++) {
		int len = nuclei[i][2] ? 3 : nuclei[i][1] ? 2 : 1;
		unsigned c = nucleus_code(nuclei[i], len);
		nucleus_bits[c >> 3] |= (uint8_t)(1u << (c & 7));
	}
}

static bool nucleus_ok(const uint8_t *v, int n)
{
	unsigned c;
	if (n < 1 || n > 3)
		return false;
	c = nucleus_code(v, n);
	return (nucleus_bits[c >> 3] >> (c & 7)) & 1;
}

int vn_tone_pos(const uint8_t *L, int n, bool strict, int tone)
{
	int i = 0, j, nv, fin;

	if (n <= 0 || n > 8)
		return -1;
	/* initial consonant */
	if (n >= 3 && L[0] == VL_N && L[1] == VL_G && L[2] == VL_H) {
		i = 3;
	} else if (n >= 2 && ((L[0] == VL_C && L[1] == VL_H) || (L[0] == VL_G && L[1] == VL_H) ||
			      (L[0] == VL_K && L[1] == VL_H) || (L[0] == VL_N && L[1] == VL_G) ||
			      (L[0] == VL_N && L[1] == VL_H) || (L[0] == VL_P && L[1] == VL_H) ||
			      (L[0] == VL_T && L[1] == VL_H) || (L[0] == VL_T && L[1] == VL_R))) {
		i = 2;
	} else if (n >= 3 && L[0] == VL_G && L[1] == VL_I && is_vowel_letter(L[2])) {
		i = 2;
	} else if (L[0] == VL_Q) {
		if (n < 3 || L[1] != VL_U || !is_vowel_letter(L[2]))
			return -1;
		i = 2;
	} else if (!is_vowel_letter(L[0])) {
		switch (L[0]) {
		case VL_B:
		case VL_C:
		case VL_D:
		case VL_DD:
		case VL_G:
		case VL_H:
		case VL_K:
		case VL_L:
		case VL_M:
		case VL_N:
		case VL_P:
		case VL_R:
		case VL_S:
		case VL_T:
		case VL_V:
		case VL_X: i = 1; break;
		default: return -1;
		}
	}
	/* nucleus */
	for (j = i; j < n && is_vowel_letter(L[j]); j++)
		;
	nv = j - i;
	if (nv == 0 || nv > 3)
		return -1;
	/* final consonant */
	fin = n - j;
	if (fin == 1) {
		if (L[j] != VL_C && L[j] != VL_M && L[j] != VL_N && L[j] != VL_P && L[j] != VL_T)
			return -1;
	} else if (fin == 2) {
		if (!((L[j] == VL_C && L[j + 1] == VL_H) || (L[j] == VL_N && L[j + 1] == VL_G) ||
		      (L[j] == VL_N && L[j + 1] == VL_H)))
			return -1;
	} else if (fin > 2) {
		return -1;
	}
	if (!nucleus_ok(L + i, nv))
		return -1;
	if (strict) {
		if (fin > 0 && nv >= 2) {
			int last = L[j - 1];
			bool uy = nv == 2 && L[i] == VL_U && L[i + 1] == VL_Y;
			bool oo = nv == 2 && L[i] == VL_O && L[i + 1] == VL_O;
			if ((last == VL_I || last == VL_O || last == VL_U || last == VL_Y || last == VL_A) && !uy &&
			    !oo && !(L[i] == VL_O || L[i] == VL_U))
				return -1;
			if (last == VL_A && !(L[i] == VL_O || L[i] == VL_U))
				return -1;
		}
		/* p, t, c, ch close a syllable only with sắc or nặng */
		if (fin > 0 && (L[j] == VL_P || L[j] == VL_T || L[j] == VL_C) && tone != 0 && tone != 4 && tone != 5)
			return -1;
	}
	if (nv == 1)
		return i;
	for (int k = i; k < j; k++)
		if (L[k] == VL_OW)
			return k;
	for (int k = i; k < j; k++)
		if (L[k] == VL_AW || L[k] == VL_AA || L[k] == VL_EE || L[k] == VL_OO || L[k] == VL_UW)
			return k;
	if (nv == 3)
		return i + 1;
	return fin > 0 ? i + 1 : i;
}

/*
** The 300 most frequent words with non-ASCII letters in ../shared/data/corpus
** (lower case, sorted by code point), 82% of such words there. Detection
** uses them to break ties: "Hà Nội" read as VISCII and as TCVN3 ("Hổ Nài")
** are both valid syllables, but only one is common.
*/
static const char common_words[] = "biểu bàn báo bình bí bản bảo bằng bị bố bổ bộ "
				   "chuyên chuyển chuẩn chí chính chương chấp chất chế "
				   "chỉ chỉnh chủ chức chứng cá các cách cán cáo còn có "
				   "công căn cơ cấp cần cầu cập cổ cộng cục của cứ "
				   "cứu diện dân dẫn dịch dụng dữ dự dựng giá giám "
				   "giáo giải giấy giới gọi gốc gồm hiểm hiện hiệu "
				   "hoạch hoạt hoặc hà hàng hành hình hòa hóa hướng hạn "
				   "hải hệ học hồ hồi hỗ hội hợp khoản khác khóa "
				   "không kiến kiểm kiện ký kế kết kể kỳ kỹ liên "
				   "liệu luật là làm lãnh lý lĩnh lưu lượng lại lập lệ "
				   "lịch lực máy mô môi mưu mặt một mới mục mức "
				   "nghiệp nghĩa nghệ nghị ngoài nguyên nguyễn nguồn ngành "
				   "ngày ngân người nhiên nhiệm nhà nhân như nhất nhận "
				   "những này nông năm năng nđ nước nếu nội pháp phát "
				   "phân phí phòng phó phú phương phường phạm phải phần "
				   "phố phối phụ phục phủ quyết quyền quân quả quản "
				   "quốc sách sát sơ sơn sản sắp số sở sử sửa sự "
				   "thiết thuật thuộc thành tháng thì thông thư thương "
				   "thường thẩm thể thị thống thời thủ thứ thức thực "
				   "tiêu tiến tiếp tiền toàn toán triển truyền trách trên "
				   "trì trình trí trước trường trưởng trị trợ trữ "
				   "trực tài tác tâm tân tên tích tính tư tướng tại tạo "
				   "tập tế tỉnh tịch tổ tổng tộc tục từ tử tự viên "
				   "việc việt và vào văn vận vật về vệ vị với vụ "
				   "vực xuất xác xây xã xét xếp xử yêu án ý điều "
				   "điểm điện đoàn đã đó đăng đơn được đại đạo "
				   "đảm đảng đất đầu đặc đến đề để địa định "
				   "đối đồng đổi độ động đủ ương ở ủy ứng ";
static const char *common_tab[320];
static size_t common_len[320], common_n;

__attribute__((constructor)) static void common_init(void)
{
	const char *p = common_words;

	while (*p && common_n < ARRAY_SIZE(common_tab)) {
		const char *e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		if (e > p) {
			common_tab[common_n] = p;
			common_len[common_n++] = (size_t)(e - p);
		}
		p = *e ? e + 1 : e;
	}
}

static bool is_common(const char *w, size_t len)
{
	size_t lo = 0, hi = common_n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2, m = len < common_len[mid] ? len : common_len[mid];
		int c = memcmp(w, common_tab[mid], m);
		if (c == 0)
			c = len < common_len[mid] ? -1 : len > common_len[mid] ? 1 : 0;
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* ---- code point buffers ---- */

void cpbuf_init(struct cpbuf *b, size_t hint)
{
	b->cap = hint < 16 ? 16 : hint;
	b->n = 0;
	b->cp = xmalloc(b->cap * sizeof *b->cp);
	b->off = xmalloc(b->cap * sizeof *b->off);
}

void cpbuf_release(struct cpbuf *b)
{
	free(b->cp);
	free(b->off);
	b->cp = b->off = NULL;
	b->n = b->cap = 0;
}

void cpbuf_push(struct cpbuf *b, uint32_t cp, uint32_t off)
{
	if (b->n == b->cap) {
		b->cap *= 2;
		b->cp = xrealloc(b->cp, b->cap * sizeof *b->cp);
		b->off = xrealloc(b->off, b->cap * sizeof *b->off);
	}
	b->cp[b->n] = cp;
	b->off[b->n] = off;
	b->n++;
}

void cpbuf_from_utf8(struct cpbuf *b, const char *s, size_t n, uint32_t base)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		uint32_t cp = u8_decode(p + i, &len);
		cpbuf_push(b, cp, base + (uint32_t)i);
		i += len;
	}
}

/* A word: up to 8 letters with their tones, in a run of code points. */
struct word {
	uint8_t L[8];
	uint8_t tone[8];
	int n, ntoned, toned_at;
	bool foreign; /* too long, a letter outside the table, or a capital after a small letter */
	bool lower_seen;
};

static bool is_other_letter(uint32_t cp);

/*
** Canonical tone position for word w: the index where the tone belongs, or
** -1 when nothing is to be done.
*/
static int word_target(const struct word *w)
{
	int pos;

	if (w->foreign || w->ntoned != 1)
		return -1;
	/* a toned vowel with no vowel beside it is the whole nucleus: in place */
	{
		int t = w->toned_at;
		if ((t == 0 || !is_vowel_letter(w->L[t - 1])) && (t + 1 >= w->n || !is_vowel_letter(w->L[t + 1])))
			return -1;
	}
	pos = vn_tone_pos(w->L, w->n, false, 0);
	if (pos < 0 || pos == w->toned_at)
		return -1;
	return pos;
}

static void word_reset(struct word *w)
{
	w->n = w->ntoned = 0;
	w->toned_at = -1;
	w->foreign = false;
	w->lower_seen = false;
}

static void word_add(struct word *w, unsigned info)
{
	if (w->n == 8) {
		w->foreign = true;
		return;
	}
	/* "xãAn" is two words run together, not a syllable */
	if (info & VN_UPPER) {
		if (w->lower_seen)
			w->foreign = true;
	} else {
		w->lower_seen = true;
	}
	w->L[w->n] = (uint8_t)VN_LETTER(info);
	w->tone[w->n] = (uint8_t)VN_TONE(info);
	if (VN_TONE(info)) {
		w->ntoned++;
		w->toned_at = w->n;
	}
	w->n++;
}

static void fix_word(struct cpbuf *b, size_t start, const struct word *w)
{
	int pos = word_target(w);
	unsigned a, c;
	int tone;

	if (pos < 0)
		return;
	tone = w->tone[w->toned_at];
	a = vn_info(b->cp[start + (size_t)w->toned_at]);
	c = vn_info(b->cp[start + (size_t)pos]);
	b->cp[start + (size_t)w->toned_at] = vn_compose_tab[VN_LETTER(a)][0][(a & VN_UPPER) ? 1 : 0];
	b->cp[start + (size_t)pos] = vn_compose_tab[VN_LETTER(c)][tone][(c & VN_UPPER) ? 1 : 0];
}

void cpbuf_tones(struct cpbuf *b)
{
	struct word w;
	size_t start = 0;
	bool in = false;

	word_reset(&w);
	for (size_t i = 0; i <= b->n; i++) {
		uint32_t cp = i < b->n ? b->cp[i] : 0;
		unsigned info = vn_info(cp);
		if (info) {
			if (!in) {
				in = true;
				start = i;
				word_reset(&w);
			}
			word_add(&w, info);
			continue;
		}
		if (i < b->n && cp >= 0x80 && is_other_letter(cp)) {
			if (!in) {
				in = true;
				start = i;
				word_reset(&w);
			}
			w.foreign = true;
			continue;
		}
		if (in) {
			fix_word(b, start, &w);
			in = false;
		}
	}
}

/* Letters and marks outside the table (they make a word foreign). */
static bool is_other_letter(uint32_t cp)
{
	if (cp < 0x80)
		return false;
	if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0 || cp == 0xAB || cp == 0xBB)
		return false;
	/* letters, marks and digits of any script; symbols are separators */
	return cp_alnum_mark(cp);
}

/* Is the character ending just before p[e] a letter? *start gets its first byte. */
static bool letter_before(const unsigned char *p, size_t e, size_t *start)
{
	size_t k = e - 1, len;
	uint32_t cp;

	if (p[k] < 0x80) {
		*start = k;
		return vn_info(p[k]) != 0;
	}
	while (k > 0 && (p[k] & 0xC0) == 0x80 && e - k < 4)
		k--;
	cp = u8_decode(p + k, &len);
	*start = k;
	return vn_info(cp) != 0 || is_other_letter(cp);
}

/* Decode and check one sequence at p[i] (p[i] >= 0x80): -1 when invalid. */
static inline int32_t u8_checked(const unsigned char *p, size_t n, size_t i, size_t *len)
{
	unsigned c = p[i];
	if (c >= 0xC2 && c <= 0xDF) {
		if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80)
			return -1;
		*len = 2;
		return (int32_t)(((c & 0x1F) << 6) | (p[i + 1] & 0x3F));
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (i + 2 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
		    (c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0))
			return -1;
		*len = 3;
		return (int32_t)(((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F));
	}
	if (!text_utf8_valid((const char *)p + i, n - i < 4 ? n - i : 4, NULL) || c < 0xF0)
		return -1;
	return (int32_t)u8_decode(p + i, len);
}

static inline bool vowel_cp(uint32_t cp)
{
	return (vn_info(cp) & VN_VOWEL) != 0;
}

/*
** Is there a vowel right before or after the character at p[i..i+len)? If
** not, a tone mark on it is already where it belongs (a one-vowel nucleus).
*/
static bool vowel_beside(const unsigned char *p, size_t n, size_t i, size_t len)
{
	size_t k, l2;

	if (i > 0) {
		if (p[i - 1] < 0x80) {
			if (vowel_cp(p[i - 1]))
				return true;
		} else {
			k = i - 1;
			while (k > 0 && (p[k] & 0xC0) == 0x80 && i - k < 4)
				k--;
			if (vowel_cp(u8_decode(p + k, &l2)))
				return true;
		}
	}
	if (i + len < n) {
		int32_t c;
		if (p[i + len] < 0x80)
			return vowel_cp(p[i + len]);
		c = u8_checked(p, n, i + len, &l2);
		return c < 0 || vowel_cp((uint32_t)c); /* invalid: let the caller look closer */
	}
	return false;
}

int utf8_scan(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, checked_end = 0, len;

	while (i < n) {
		uint32_t cp;
		unsigned info;

		/* ASCII has no tone marks and is NFC: skip it eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		while (i < n && p[i] < 0x80)
			i++;
		if (i >= n)
			break;
		{
			int32_t v = u8_checked(p, n, i, &len);
			if (v < 0)
				return U8_INVALID;
			cp = (uint32_t)v;
		}
		if (!nfc_safe_cp(cp))
			return text_utf8_valid(s + i, n - i, NULL) ? U8_VALID : U8_INVALID;
		info = vn_info(cp);
		if (VN_TONE(info) && i >= checked_end && vowel_beside(p, n, i, len)) {
			/* the word around this toned vowel: is its tone where it belongs? */
			struct word w;
			size_t ws = i, we, k;
			while (ws > 0 && letter_before(p, ws, &k))
				ws = k;
			word_reset(&w);
			for (we = ws; we < n;) {
				int32_t cv = p[we] < 0x80 ? (len = 1, p[we]) : u8_checked(p, n, we, &len);
				uint32_t c;
				if (cv < 0)
					return U8_INVALID;
				c = (uint32_t)cv;
				unsigned ci = vn_info(c);
				if (ci)
					word_add(&w, ci);
				else if (c >= 0x80 && is_other_letter(c))
					w.foreign = true;
				else
					break;
				we += len;
			}
			if (word_target(&w) >= 0)
				return text_utf8_valid(s + i, n - i, NULL) ? U8_VALID : U8_INVALID;
			checked_end = we;
			i = we;
			continue;
		}
		i += len;
	}
	return U8_CANONICAL;
}

bool utf8_is_canonical(const char *s, size_t n)
{
	return utf8_scan(s, n) == U8_CANONICAL;
}

double vn_score(const uint32_t *cp, size_t n, size_t *marked, size_t *words, size_t *common)
{
	size_t nm = 0, nw = 0, good = 0, ncommon = 0;
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		bool nonascii = false, bad = false;
		uint8_t L[8];
		int nl = 0, ntoned = 0, tone = 0;

		/* a token: letters and anything that is neither ASCII nor punctuation */
		while (j < n) {
			uint32_t c = cp[j];
			unsigned info = vn_info(c);
			if (info) {
				if (c >= 0x80)
					nonascii = true;
				if (nl < 8)
					L[nl] = (uint8_t)VN_LETTER(info);
				nl++;
				if (VN_TONE(info)) {
					ntoned++;
					tone = (int)VN_TONE(info);
				}
			} else if (c >= 0x80 && !((c >= 0x2000 && c <= 0x206F) || c == 0xA0 || c == 0xAB || c == 0xBB ||
						  c == 0xFEFF)) {
				nonascii = true;
				bad = true;
			} else {
				break;
			}
			j++;
		}
		if (j == i) {
			i++;
			continue;
		}
		nw++;
		if (nonascii) {
			nm++;
			if (!bad && ntoned <= 1 && nl <= 8) {
				bool lower_after_upper_ok = true;
				/* mojibake often mixes cases inside a word: ViÖt */
				for (size_t k = i + 1; k < j; k++) {
					unsigned a = vn_info(cp[k - 1]), b2 = vn_info(cp[k]);
					if (!(a & VN_UPPER) && (b2 & VN_UPPER))
						lower_after_upper_ok = false;
				}
				if (lower_after_upper_ok && vn_tone_pos(L, nl, true, tone) >= 0) {
					char buf[8 * 4];
					size_t bl = 0;
					good++;
					for (size_t k = i; k < j; k++) {
						unsigned info = vn_info(cp[k]);
						bl += u8_encode(vn_compose_tab[VN_LETTER(info)][VN_TONE(info)][0],
								(unsigned char *)buf + bl);
					}
					if (is_common(buf, bl))
						ncommon++;
				}
			}
		}
		i = j;
	}
	if (marked)
		*marked = nm;
	if (words)
		*words = nw;
	if (common)
		*common = ncommon;
	return nm ? (double)good / (double)nm : 1.0;
}
