/* Tests of src/text: validation, NFC, tone placement, folding, collation. */
#include <stdlib.h>
#include <utf8proc.h>

#include "../test.h"
#include "text/text.h"

static char *norm(const char *s)
{
	return text_normalize(s, strlen(s), NULL);
}

#define CHECK_NORM(in, want)         \
	do {                         \
		char *o_ = norm(in); \
		CHECK_STR(o_, want); \
		free(o_);            \
	} while (0)

TEST(text_utf8_valid_cases)
{
	size_t bad = 99;

	CHECK(text_utf8_valid("", 0, NULL));
	CHECK(text_utf8_valid("Hà Nội", strlen("Hà Nội"), NULL));
	CHECK(text_utf8_valid("\xF0\x9F\x98\x80", 4, NULL)); /* U+1F600 */
	CHECK(!text_utf8_valid("ab\xC0\xAF", 4, &bad));      /* overlong '/' */
	CHECK_INT(bad, 2);
	CHECK(!text_utf8_valid("\xE0\x80\xAF", 3, &bad));  /* overlong */
	CHECK(!text_utf8_valid("x\xED\xA0\x80", 4, &bad)); /* surrogate */
	CHECK_INT(bad, 1);
	CHECK(!text_utf8_valid("\xF4\x90\x80\x80", 4, NULL));  /* > U+10FFFF */
	CHECK(!text_utf8_valid("abcdefgh\xE1\xBA", 10, &bad)); /* truncated */
	CHECK_INT(bad, 8);
	CHECK(!text_utf8_valid("\x80", 1, NULL));
	CHECK(!text_utf8_valid("\xFF", 1, NULL));
}

TEST(text_nfc_composes_nfd)
{
	/* "Việt" in NFD with both mark orders: e + U+0323 + U+0302, e + U+0302 + U+0323 */
	const char a[] = "Vie\xCC\xA3\xCC\x82t", b[] = "Vie\xCC\x82\xCC\xA3t";
	size_t len;
	char *o = text_nfc(a, strlen(a), &len);

	CHECK_STR(o, "Việt");
	CHECK_INT(len, strlen("Việt"));
	free(o);
	o = text_nfc(b, strlen(b), NULL);
	CHECK_STR(o, "Việt");
	free(o);
	/* plain NFC keeps the tone where it is */
	o = text_nfc("hoà", strlen("hoà"), NULL);
	CHECK_STR(o, "hoà");
	free(o);
	CHECK(text_nfc("\xC3", 1, NULL) == NULL);
}

TEST(text_normalize_tone_placement)
{
	CHECK_NORM("hoà", "hòa");
	CHECK_NORM("hòa", "hòa");
	CHECK_NORM("thuỷ", "thủy");
	CHECK_NORM("khoẻ", "khỏe");
	CHECK_NORM("hoá", "hóa");
	CHECK_NORM("qúy", "quý");
	CHECK_NORM("quý", "quý");
	CHECK_NORM("gìa", "già");
	CHECK_NORM("gìn", "gìn");
	CHECK_NORM("hoàn", "hoàn");
	CHECK_NORM("hòan", "hoàn");
	CHECK_NORM("thuyền", "thuyền");
	CHECK_NORM("khuếch", "khuếch");
	CHECK_NORM("thủơ", "thuở");
	CHECK_NORM("ứơc", "ước");
	CHECK_NORM("ngừơi", "người");
	CHECK_NORM("tíếng", "tíếng"); /* two tones: not a syllable, unchanged */
	CHECK_NORM("tiéng", "tiéng"); /* no marked vowel to take it: iê needs ê */
	CHECK_NORM("ngoaì", "ngoài");
	CHECK_NORM("khuỷu", "khuỷu");
	CHECK_NORM("tuỳ", "tùy");
	CHECK_NORM("Huỳnh", "Huỳnh");
	CHECK_NORM("quỳnh", "quỳnh");
	CHECK_NORM("mùa", "mùa");
	CHECK_NORM("mưà", "mừa");
	CHECK_NORM("giữ", "giữ");
}

TEST(text_normalize_case_mixed_and_foreign)
{
	CHECK_NORM("HOÀ BÌNH", "HÒA BÌNH");
	CHECK_NORM("Hoà Bình, Thuỷ Lợi", "Hòa Bình, Thủy Lợi");
	CHECK_NORM("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN");
	CHECK_NORM("UỶ BAN", "ỦY BAN");
	/* foreign words pass unchanged */
	CHECK_NORM("café José naïve Müller", "café José naïve Müller");
	CHECK_NORM("Nguyễn Văn A, email: a@b.vn", "Nguyễn Văn A, email: a@b.vn");
	/* NFD with the old placement: composed and moved */
	CHECK_NORM("hoa\xCC\x80", "hòa");
	/* mixed styles in one text, as 59 of 208 laws have */
	CHECK_NORM("Cộng hoà xã hội chủ nghĩa; hòa bình; thuỷ lợi, thủy sản",
		   "Cộng hòa xã hội chủ nghĩa; hòa bình; thủy lợi, thủy sản");
	/* words run together and nuclei that do not exist are left alone */
	CHECK_NORM("xãAn", "xãAn");
	CHECK_NORM("Đaị xúât ngọan", "Đại xuất ngoạn");
	/* the changes text_normalize makes on ../shared/data/corpus, all of them */
	CHECK_NORM("Uỷ uỷ hoá khoá hoà Toà thuỷ thoả toạ khoẻ xoá UỶ KHOÁ hoả Thuý tuý toả Thuỵ tuỵ huỷ",
		   "Ủy ủy hóa khóa hòa Tòa thủy thỏa tọa khỏe xóa ỦY KHÓA hỏa Thúy túy tỏa Thụy tụy hủy");
	CHECK(text_normalize("a\xFF", 2, NULL) == NULL);
}

TEST(text_letter_table_matches_unicode)
{
	/* every toned vowel is the NFC of its base plus the tone mark, in both cases */
	static const char *rows[] = { "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
				      "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ" };
	static const char *marks[6] = { "", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\x81", "\xCC\xA3" };

	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		const unsigned char *p = (const unsigned char *)rows[r];
		char base[8] = "";
		for (int t = 0; t < 6; t++) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t l = utf8proc_iterate(p, -1, &cp);
			char one[8], up[8], in[16];
			char *o;
			memcpy(one, p, (size_t)l);
			one[l] = '\0';
			p += l;
			if (t == 0)
				memcpy(base, one, sizeof one);
			snprintf(in, sizeof in, "%s%s", base, marks[t]);
			o = text_nfc(in, strlen(in), NULL);
			CHECK_STR(o, one);
			free(o);
			/* upper case: fold and collate treat it as the same letter */
			l = utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)up);
			up[l] = '\0';
			CHECK(text_collate(one, up) < 0);
			o = text_fold(up, strlen(up));
			{
				char *o2 = text_fold(one, strlen(one));
				CHECK_STR(o, o2);
				free(o2);
			}
			free(o);
		}
	}
}

static void check_fold(const char *in, const char *want)
{
	char *o = text_fold(in, strlen(in));
	CHECK_STR(o, want);
	free(o);
}

TEST(text_fold_cases)
{
	check_fold("Thường Tín", "thuong tin");
	check_fold("  Đống   Đa\t\n Hà Nội  ", "dong da ha noi");
	check_fold("ĐẢNG BỘ", "dang bo");
	check_fold("Hoà", "hoa");
	check_fold("Vie\xCC\xA3\xCC\x82t", "viet"); /* NFD */
	check_fold("Müller Ωmega", "muller ωmega");
	check_fold("a\xFF"
		   "b",
		   "ab"); /* invalid byte dropped */
	check_fold("", "");
	check_fold("   ", "");
}

static int sgn(int x)
{
	return x < 0 ? -1 : x > 0 ? 1 : 0;
}

static int key_cmp(const char *a, const char *b)
{
	size_t la, lb;
	char *ka = text_sort_key(a, strlen(a), &la), *kb = text_sort_key(b, strlen(b), &lb);
	int r = memcmp(ka, kb, la < lb ? la : lb);

	if (r == 0)
		r = la < lb ? -1 : la > lb ? 1 : 0;
	CHECK(memchr(ka, 0, la) == NULL);
	CHECK(memchr(kb, 0, lb) == NULL);
	free(ka);
	free(kb);
	return sgn(r);
}

TEST(text_collate_vietnamese_order)
{
	/* the districts of Hà Nội in Vietnamese order */
	static const char *sorted[] = {
		"Ba Đình",    "Ba Vì",     "Bắc Từ Liêm", "Cầu Giấy",   "Chương Mỹ",    "Đan Phượng",
		"Đông Anh",   "Đống Đa",   "Gia Lâm",     "Hà Đông",    "Hai Bà Trưng", "Hoài Đức",
		"Hoàn Kiếm",  "Hoàng Mai", "Long Biên",   "Mê Linh",    "Mỹ Đức",       "Nam Từ Liêm",
		"Phú Xuyên",  "Phúc Thọ",  "Quốc Oai",    "Sóc Sơn",    "Sơn Tây",      "Tây Hồ",
		"Thạch Thất", "Thanh Oai", "Thanh Trì",   "Thanh Xuân", "Thường Tín",   "Ứng Hòa",
	};
	size_t n = sizeof sorted / sizeof sorted[0];

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int want = i < j ? -1 : i > j ? 1 : 0;
			CHECK_INT(sgn(text_collate(sorted[i], sorted[j])), want);
			CHECK_INT(key_cmp(sorted[i], sorted[j]), want);
		}
}

TEST(text_collate_tones_case_and_style)
{
	/* a < ă < â; d < đ; o < ô < ơ; u < ư */
	CHECK(text_collate("an", "ăn") < 0);
	CHECK(text_collate("ăn", "ân") < 0);
	CHECK(text_collate("ân", "bạn") < 0);
	CHECK(text_collate("dê", "đê") < 0);
	CHECK(text_collate("đê", "em") < 0);
	CHECK(text_collate("ơi", "ôi") > 0);
	CHECK(text_collate("ưa", "ua") > 0);
	/* letters first, tones as tie-break: ngang, huyền, hỏi, ngã, sắc, nặng */
	CHECK(text_collate("ma", "mà") < 0);
	CHECK(text_collate("mà", "mả") < 0);
	CHECK(text_collate("mả", "mã") < 0);
	CHECK(text_collate("mã", "má") < 0);
	CHECK(text_collate("má", "mạ") < 0);
	CHECK(text_collate("mạ", "man") < 0);
	/* case after tones */
	CHECK(text_collate("hà", "Hà") < 0);
	CHECK(text_collate("Hà", "há") < 0);
	/* the old tone placement sorts as the new one */
	CHECK_INT(text_collate("Hoà", "Hòa"), 0);
	CHECK_INT(key_cmp("Hoà Bình", "Hòa Bình"), 0);
	CHECK_INT(text_collate("Thuỷ", "Thủy"), 0);
	/* NFD equals NFC */
	CHECK_INT(text_collate("Vie\xCC\xA3\xCC\x82t", "Việt"), 0);
	/* a shorter string first; white space collapsed */
	CHECK(text_collate("Ba", "Ba Đình") < 0);
	CHECK_INT(text_collate("Ba  Đình ", "Ba Đình"), 0);
	/* numbers in numeric order */
	CHECK(text_collate("Phường 2", "Phường 10") < 0);
	CHECK(text_collate("Phường 10", "Phường A") < 0);
	CHECK(text_collate("", "a") < 0);
	CHECK_INT(text_collate("", ""), 0);
}

TEST(text_sort_key_sorts_like_collate_on_seeds)
{
	/* every pair of words from a real text: key order == collate order */
	const char *dir = test_shared_dir();
	char path[512];
	FILE *f;
	char line[4096];
	const char *words[200];
	size_t nw = 0;

	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/data/admin/units_2021-11-01.csv", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (nw < 200 && fgets(line, sizeof line, f)) {
		char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL, *c3;
		if (!c2)
			continue;
		c3 = strchr(c2 + 1, ',');
		if (!c3)
			continue;
		*c3 = '\0';
		words[nw++] = strdup(c2 + 1);
	}
	fclose(f);
	CHECK(nw > 100);
	for (size_t i = 0; i < nw; i++)
		for (size_t j = 0; j < nw; j += 7)
			CHECK_INT(key_cmp(words[i], words[j]), sgn(text_collate(words[i], words[j])));
	for (size_t i = 0; i < nw; i++)
		free((void *)words[i]);
}
