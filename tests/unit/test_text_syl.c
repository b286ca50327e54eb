/* Tests of text_syllables: tokens, keys, tones, classes, sentence starts. */
#include <stdlib.h>

#include "../test.h"
#include "text/text.h"
#include "util/util.h"

struct toks {
	struct text_syl *v;
	size_t n;
	const char *s;
};

static struct toks tok(const char *s)
{
	struct toks t;
	t.s = s;
	t.n = text_syllables(s, strlen(s), &t.v);
	return t;
}

static bool tok_is(const struct toks *t, size_t i, const char *text)
{
	return i < t->n && t->v[i].len == strlen(text) && memcmp(t->s + t->v[i].off, text, t->v[i].len) == 0;
}

#define CHECK_TOK(t, i, text, cls_)                                                                \
	do {                                                                                       \
		if (!tok_is(&(t), (i), (text)))                                                    \
			test_fail(__FILE__, __LINE__, "token %d is not \"%s\"", (int)(i), (text)); \
		else                                                                               \
			CHECK_INT((t).v[(i)].cls, (cls_));                                         \
	} while (0)

TEST(text_syl_words_keys_tones)
{
	struct toks t = tok("Hòa hoà HOÀ Hoa, thủy thuỷ; Đảng đang");

	CHECK_INT(t.n, 8);
	CHECK_TOK(t, 0, "Hòa", TCLS_WORD);
	CHECK_TOK(t, 1, "hoà", TCLS_WORD);
	CHECK_TOK(t, 2, "HOÀ", TCLS_WORD);
	CHECK_INT(t.v[0].key, t.v[1].key);
	CHECK_INT(t.v[0].key, t.v[2].key);
	CHECK_INT(t.v[0].key, t.v[3].key);
	CHECK_INT(t.v[0].tone, TONE_GRAVE);
	CHECK_INT(t.v[1].tone, TONE_GRAVE);
	CHECK_INT(t.v[3].tone, TONE_NONE);
	CHECK_INT(t.v[0].upper, 1);
	CHECK_INT(t.v[1].upper, 0);
	CHECK_INT(t.v[4].key, t.v[5].key);
	CHECK_INT(t.v[4].tone, TONE_HOOK);
	/* đ is not d, and ă/â/ê/ô/ơ/ư stay apart from their bases */
	CHECK(t.v[6].key == t.v[7].key);
	CHECK_INT(t.v[6].tone, TONE_HOOK);
	free(t.v);
	t = tok("đa da ăn an ân ơn ôn on ưa ua");
	for (size_t i = 0; i < t.n; i += 2)
		if (i + 1 < t.n && i != 4)
			CHECK(t.v[i].key != t.v[i + 1].key);
	CHECK(t.v[3].key != t.v[4].key);
	free(t.v);
}

TEST(text_syl_numbers_dates_docnos)
{
	struct toks t = tok("Số 30/2020/NĐ-CP ngày 17/3/2021, 01-CTr/TU và 167/KH-UBND: đạt 98% "
			    "với 1.234,5 tỷ đồng, 335 xã, tháng 03/2021, ngày 2021-03-17, H5N1 và 5G.");
	size_t i;

	CHECK_TOK(t, 0, "Số", TCLS_WORD);
	CHECK_TOK(t, 1, "30/2020/NĐ-CP", TCLS_DOCNO);
	CHECK_TOK(t, 2, "ngày", TCLS_WORD);
	CHECK_TOK(t, 3, "17/3/2021", TCLS_DATE);
	CHECK_TOK(t, 4, "01-CTr/TU", TCLS_DOCNO);
	CHECK_TOK(t, 5, "và", TCLS_WORD);
	CHECK_TOK(t, 6, "167/KH-UBND", TCLS_DOCNO);
	CHECK_TOK(t, 7, "đạt", TCLS_WORD);
	CHECK_TOK(t, 8, "98", TCLS_NUM);
	CHECK_TOK(t, 9, "với", TCLS_WORD);
	CHECK_TOK(t, 10, "1.234,5", TCLS_NUM);
	CHECK_TOK(t, 13, "335", TCLS_NUM);
	CHECK_TOK(t, 16, "03/2021", TCLS_DATE);
	CHECK_TOK(t, 18, "2021-03-17", TCLS_DATE);
	CHECK_TOK(t, 19, "H5N1", TCLS_WORD);
	CHECK_TOK(t, 21, "5G", TCLS_WORD);
	CHECK_INT(t.n, 22);
	/* the sentence start after ':' */
	CHECK_INT(t.v[7].sentence_start, 1);
	for (i = 1; i < 7; i++)
		CHECK_INT(t.v[i].sentence_start, 0);
	free(t.v);
	/* same class, different value: different keys; not dates when invalid */
	t = tok("32/13/2021 1/2");
	CHECK(t.n >= 2);
	CHECK(t.v[0].cls != TCLS_DATE);
	free(t.v);
}

TEST(text_syl_sentence_starts_and_items)
{
	struct toks t = tok("Mục đích. Yêu cầu! Vì sao? Có\n1. Quán triệt nội dung\na) Tổ chức\n"
			    "- Thời gian: thường xuyên\nII. NHIỆM VỤ");
	int want_start[] = { 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1 };
	const char *want_text[] = { "Mục",  "đích", "Yêu",   "cầu",    "Vì",    "sao", "Có",
				    "1",    "Quán", "triệt", "nội",    "dung",  "a",   "Tổ",
				    "chức", "Thời", "gian",  "thường", "xuyên", "II",  "NHIỆM" };

	CHECK_INT(t.n, 22);
	for (size_t i = 0; i < ARRAY_SIZE(want_start) && i < t.n; i++) {
		CHECK(tok_is(&t, i, want_text[i]));
		if (t.v[i].sentence_start != want_start[i])
			test_fail(__FILE__, __LINE__, "token %zu (%s): sentence_start %d", i, want_text[i],
				  t.v[i].sentence_start);
	}
	/* "a)" opens an item: "Tổ" starts; "II." too: "NHIỆM" starts */
	CHECK_INT(t.v[13].sentence_start, 1);
	CHECK_INT(t.v[20].sentence_start, 1);
	CHECK(t.v[21].sentence_start == 0);
	free(t.v);
}

TEST(text_syl_time_and_invalid_bytes)
{
	struct toks t = tok("Họp lúc 8:30 ngày 5/5");
	CHECK_INT(t.n, 6);
	CHECK_TOK(t, 3, "30", TCLS_NUM);
	CHECK_INT(t.v[3].sentence_start, 0);
	CHECK_TOK(t, 5, "5/5", TCLS_NUM); /* day/month without a year: a number, not a date */
	free(t.v);
	/* a long digit run where a date could be: no overflow, one number */
	t = tok("2021-13399999999999999999999 và 17/3/20211339999999999");
	CHECK(t.n >= 3);
	CHECK(t.v[0].cls != TCLS_DATE);
	free(t.v);
	/* abbreviations do not end a sentence */
	t = tok("UBND TP. Hà Nội; ThS. Nguyễn Văn A. Sau đó");
	CHECK_TOK(t, 2, "Hà", TCLS_WORD);
	CHECK_INT(t.v[2].sentence_start, 0);
	CHECK_TOK(t, 5, "Nguyễn", TCLS_WORD);
	CHECK_INT(t.v[5].sentence_start, 0);
	CHECK_TOK(t, 8, "Sau", TCLS_WORD);
	CHECK_INT(t.v[8].sentence_start, 1);
	free(t.v);
	/* bytes that are not UTF-8 are separators; nothing is read past the end */
	{
		const char bad[] = { 'a', (char)0xE1, (char)0xBA };
		struct text_syl *v;
		size_t n = text_syllables(bad, sizeof bad, &v);
		CHECK_INT(n, 1);
		free(v);
	}
}

TEST(text_syl_offsets_cover_the_text)
{
	const char *dir = test_shared_dir();
	char path[512], *data;
	size_t len, n, letters = 0;
	struct text_syl *v;

	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/data/corpus/vb_0005.txt", dir);
	if (file_read(path, 0, &data, &len) != APP_OK)
		return;
	n = text_syllables(data, len, &v);
	CHECK(n > 1000);
	for (size_t i = 0; i < n; i++) {
		CHECK(v[i].len > 0);
		CHECK(v[i].off + v[i].len <= len);
		if (i > 0)
			CHECK(v[i].off >= v[i - 1].off + v[i - 1].len);
		/* a token does not start or end inside a UTF-8 sequence */
		CHECK(((unsigned char)data[v[i].off] & 0xC0) != 0x80);
		if (v[i].off + v[i].len < len)
			CHECK(((unsigned char)data[v[i].off + v[i].len] & 0xC0) != 0x80);
		letters += v[i].cls == TCLS_WORD;
	}
	CHECK(letters > n * 9 / 10);
	free(v);
	free(data);
	/* empty and separator-only input */
	CHECK_INT(text_syllables("", 0, &v), 0);
	free(v);
	CHECK_INT(text_syllables(" .,;\n", 5, &v), 0);
	free(v);
}
