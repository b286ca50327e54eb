/* Tests of src/text legacy encodings: round trips, detection, offsets, bad input. */
#include <stdlib.h>
#include <utf8proc.h>

#include "../test.h"
#include "text/text.h"
#include "util/util.h"

static const enum text_enc legacy[] = { TEXT_ENC_TCVN3, TEXT_ENC_VNI, TEXT_ENC_VISCII, TEXT_ENC_CP1258 };

/* Real sentences: the motto, a Programme title, seed news, decree text. */
static const char *sentences[] = {
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
	"Cộng hòa xã hội chủ nghĩa Việt Nam",
	"Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội về đẩy mạnh cải cách hành chính.",
	"Phó Bí thư Thành ủy Nguyễn Ngọc Tuấn nhấn mạnh trong cuộc kiểm tra tại huyện Thường Tín.",
	"Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
	"của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
	"Theo đề nghị của Bộ trưởng Bộ Quốc phòng, Chính phủ ban hành Nghị định quy định chi tiết "
	"một số điều của Luật Dân quân tự vệ; khuyến khích người dân thường xuyên rèn luyện sức khỏe, "
	"giữ gìn trật tự, an toàn giao thông; quyết liệt, hiệu quả; ưu tiên nguồn lực cho thủy lợi.",
};

/* Lower-case (utf8proc case fold) copy: TCVN3 keeps no toned capitals. */
static char *lower(const char *s)
{
	utf8proc_uint8_t *o = NULL;
	utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &o,
		     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	return (char *)o;
}

static char *all_letters(bool upper)
{
	static const char *rows[] = { "aàảãáạ",
				      "ăằẳẵắặ",
				      "âầẩẫấậ",
				      "eèẻẽéẹ",
				      "êềểễếệ",
				      "iìỉĩíị",
				      "oòỏõóọ",
				      "ôồổỗốộ",
				      "ơờởỡớợ",
				      "uùủũúụ",
				      "ưừửữứự",
				      "yỳỷỹýỵ",
				      "đ bcdghklmnpqrstvx" };
	struct sbuf b;

	sbuf_init(&b, 0);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		sbuf_addstr(&b, rows[i]);
		sbuf_addch(&b, ' ');
	}
	if (upper) {
		char *u = NULL;
		utf8proc_map((const utf8proc_uint8_t *)b.buf, (utf8proc_ssize_t)b.len, (utf8proc_uint8_t **)&u,
			     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		/* upper-case by code point */
		{
			struct sbuf o;
			const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)u;
			utf8proc_int32_t cp;
			utf8proc_ssize_t l;
			sbuf_init(&o, 0);
			while (*p && (l = utf8proc_iterate(p, -1, &cp)) > 0) {
				utf8proc_uint8_t e[4];
				utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), e);
				sbuf_add(&o, e, (size_t)k);
				p += l;
			}
			free(u);
			sbuf_release(&b);
			return sbuf_detach(&o, NULL);
		}
	}
	return sbuf_detach(&b, NULL);
}

static char *roundtrip(const char *s, enum text_enc e)
{
	char *enc;
	size_t n;
	struct text_buf tb;
	char *r;

	CHECK_INT(text_encode(s, strlen(s), e, &enc, &n), APP_OK);
	CHECK(n > 0);
	CHECK_INT(text_decode(enc, n, e, &tb), APP_OK);
	free(enc);
	r = xstrdup(tb.s ? tb.s : "");
	text_buf_release(&tb);
	return r;
}

TEST(text_enc_roundtrip_every_letter)
{
	for (int u = 0; u < 2; u++) {
		char *letters = all_letters(u);
		for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
			char *r = roundtrip(letters, legacy[k]);
			if (legacy[k] == TEXT_ENC_TCVN3 && u) {
				/* ABC has toned capitals only in .VnTimeH: they come back lower case */
				char *a = lower(r), *b = lower(letters);
				CHECK_STR(a, b);
				free(a);
				free(b);
				/* the untoned capitals it has come back as they were */
				free(r);
				r = roundtrip("Ă Â Ê Ô Ơ Ư Đ ABC", TEXT_ENC_TCVN3);
				CHECK_STR(r, "Ă Â Ê Ô Ơ Ư Đ ABC");
			} else {
				CHECK_STR(r, letters);
			}
			free(r);
		}
		free(letters);
	}
}

TEST(text_enc_names)
{
	enum text_enc e;

	CHECK(text_enc_parse("tcvn", &e) && e == TEXT_ENC_TCVN3);
	CHECK(text_enc_parse("ABC", &e) && e == TEXT_ENC_TCVN3);
	CHECK(text_enc_parse("cp1258", &e) && e == TEXT_ENC_CP1258);
	CHECK(text_enc_parse("Windows-1258", &e) && e == TEXT_ENC_CP1258);
	CHECK(text_enc_parse("VNI", &e) && e == TEXT_ENC_VNI);
	CHECK(text_enc_parse("viscii", &e) && e == TEXT_ENC_VISCII);
	CHECK(text_enc_parse("UTF-8", &e) && e == TEXT_ENC_UTF8);
	CHECK(!text_enc_parse("latin1", &e));
	for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
		CHECK(text_enc_parse(text_enc_name(legacy[k]), &e));
		CHECK_INT(e, legacy[k]);
	}
	{
		char *o;
		size_t n;
		CHECK_INT(text_encode("a", 1, TEXT_ENC_UTF8, &o, &n), APP_EINVAL);
		CHECK_INT(text_encode("\xFF", 1, TEXT_ENC_VNI, &o, &n), APP_EINVAL);
		CHECK(o == NULL);
	}
}

TEST(text_enc_known_bytes)
{
	char *o;
	size_t n;

	/* the classic TCVN3 mojibake, and the VNI example of duydev/vietnamese-conversion */
	CHECK_INT(text_encode("Cộng hoà xã hội", strlen("Cộng hoà xã hội"), TEXT_ENC_TCVN3, &o, &n), APP_OK);
	CHECK_STR(o, "C\xE9ng ho\xB5 x\xB7 h\xE9i");
	free(o);
	CHECK_INT(text_encode("Xin chào các bạn", strlen("Xin chào các bạn"), TEXT_ENC_VNI, &o, &n), APP_OK);
	CHECK_STR(o, "Xin cha\xF8o ca\xF9"
		     "c ba\xEFn");
	free(o);
	CHECK_INT(text_encode("Đảng ước ỵ", strlen("Đảng ước ỵ"), TEXT_ENC_VNI, &o, &n), APP_OK);
	CHECK_STR(o, "\xD1"
		     "a\xFBng \xF6\xF4\xF9"
		     "c \xEE");
	free(o);
	/* Windows-1258: base letter + combining tone byte where no precomposed byte exists */
	CHECK_INT(text_encode("Việt á", strlen("Việt á"), TEXT_ENC_CP1258, &o, &n), APP_OK);
	CHECK_STR(o, "Vi\xEA\xF2t \xE1");
	free(o);
	/* characters an encoding lacks become '?' */
	CHECK_INT(text_encode("Ω", strlen("Ω"), TEXT_ENC_VISCII, &o, &n), APP_OK);
	CHECK_STR(o, "?");
	free(o);
}

TEST(text_decode_detects_each_encoding)
{
	for (size_t s = 0; s < ARRAY_SIZE(sentences); s++) {
		char *want = text_normalize(sentences[s], strlen(sentences[s]), NULL);
		for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
			char *enc;
			size_t n;
			struct text_buf tb;

			CHECK_INT(text_encode(sentences[s], strlen(sentences[s]), legacy[k], &enc, &n), APP_OK);
			CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
			if (tb.enc != legacy[k])
				test_fail(__FILE__, __LINE__, "sentence %zu in %s detected as %s", s,
					  text_enc_name(legacy[k]), text_enc_name(tb.enc));
			if (legacy[k] == TEXT_ENC_TCVN3) {
				char *a = lower(tb.s), *b = lower(want);
				CHECK_STR(a, b);
				free(a);
				free(b);
			} else {
				CHECK_STR(tb.s, want);
			}
			CHECK(tb.confidence > (s < 2 ? 0.5 : 0.75));
			CHECK(tb.confidence <= 1.0);
			text_buf_release(&tb);
			free(enc);
		}
		free(want);
	}
}

TEST(text_decode_corpus_paragraphs_all_encodings)
{
	const char *dir = test_shared_dir();
	char path[512], *data;
	size_t len;

	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/data/corpus/vb_0002.txt", dir);
	if (file_read(path, 0, &data, &len) != APP_OK)
		return;
	if (len > 20000)
		len = 20000;
	while (len > 0 && ((unsigned char)data[len] & 0xC0) == 0x80)
		len--;
	data[len] = '\0';
	for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
		char *enc;
		size_t n;
		struct text_buf tb;

		CHECK_INT(text_encode(data, len, legacy[k], &enc, &n), APP_OK);
		CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
		CHECK_INT(tb.enc, legacy[k]);
		CHECK(tb.confidence > 0.8);
		text_buf_release(&tb);
		free(enc);
	}
	{
		struct text_buf tb;
		CHECK_INT(text_decode(data, len, TEXT_ENC_UNKNOWN, &tb), APP_OK);
		CHECK_INT(tb.enc, TEXT_ENC_UTF8);
		CHECK(tb.confidence > 0.9);
		text_buf_release(&tb);
	}
	free(data);
}

TEST(text_decode_tcvn3_headings_get_their_capitals_back)
{
	/* .VnTimeH headings are stored with lower-case codes for toned capitals */
	const char *in = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐẢNG BỘ HUYỆN THƯỜNG TÍN\n"
			 "Hà Nội, ngày 17 tháng 3; TP Hà Nội\nỦy ban nhân dân. Ở đây ủy ban họp. Ý kiến";
	char *enc;
	size_t n;
	struct text_buf tb;

	CHECK_INT(text_encode(in, strlen(in), TEXT_ENC_TCVN3, &enc, &n), APP_OK);
	CHECK(strstr(enc, "C\xE9NG") != NULL); /* ộ kept its lower-case code */
	CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_TCVN3);
	CHECK_STR(tb.s, in);
	text_buf_release(&tb);
	free(enc);
}

TEST(text_decode_detects_every_seed_and_some_corpus_files)
{
	/* whole real documents: each encoding detected, with a high confidence */
	static const char *files[] = {
		"seeds/000_f02fccab7e88711f.txt", "seeds/001_21fbef12a3967094.txt", "seeds/002_d0a1bff1e54dbd14.txt",
		"seeds/003_0baba18c2b1f3171.txt", "seeds/004_b694ab440a75d921.txt", "data/corpus/vb_0005.txt",
		"data/corpus/vb_0010.txt",        "data/corpus/wiki_0001.txt",      "data/corpus/wiki_0100.txt",
	};
	const char *dir = test_shared_dir();

	if (!dir)
		return;
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		char path[512], *data;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		if (file_read(path, 0, &data, &len) != APP_OK)
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
			char *enc;
			size_t n;
			struct text_buf tb;
			CHECK_INT(text_encode(data, len, legacy[k], &enc, &n), APP_OK);
			CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
			if (tb.enc != legacy[k] || tb.confidence < 0.7)
				test_fail(__FILE__, __LINE__, "%s in %s: detected %s, confidence %.2f", files[f],
					  text_enc_name(legacy[k]), text_enc_name(tb.enc), tb.confidence);
			text_buf_release(&tb);
			free(enc);
		}
		free(data);
	}
}

TEST(text_decode_short_text_ties_go_to_common_words)
{
	/* "Hà Nội" in VISCII also reads as TCVN3 "Hổ Nài": both valid, one common */
	char *enc;
	size_t n;
	struct text_buf tb;

	CHECK_INT(text_encode("Hà Nội", strlen("Hà Nội"), TEXT_ENC_VISCII, &enc, &n), APP_OK);
	CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_VISCII);
	CHECK_STR(tb.s, "Hà Nội");
	CHECK(tb.confidence < 0.5); /* two words: a guess, and it says so */
	text_buf_release(&tb);
	free(enc);
}

TEST(text_enc_tcvn3_keeps_windows_punctuation)
{
	/* “ ” … • – — are Windows-1252 bytes in ABC text files, not VN1 capitals */
	const char *in = "“Cộng hòa” – đoàn kết… • 3—4";
	char *enc;
	size_t n;
	struct text_buf tb;

	CHECK_INT(text_encode(in, strlen(in), TEXT_ENC_TCVN3, &enc, &n), APP_OK);
	CHECK(enc[0] == '\x93');
	CHECK_INT(text_decode(enc, n, TEXT_ENC_TCVN3, &tb), APP_OK);
	CHECK_STR(tb.s, in);
	text_buf_release(&tb);
	free(enc);
}

TEST(text_decode_utf8_fast_path_and_nfd)
{
	const char nfc[] = "Cộng hòa xã hội";
	const char nfd[] = "Co\xCC\xA3\xCC\x82ng hoa\xCC\x80"; /* Cộng hoà, NFD, old placement */
	struct text_buf tb;

	CHECK_INT(text_decode(nfc, strlen(nfc), TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_STR(tb.s, nfc);
	CHECK_INT(tb.enc, TEXT_ENC_UTF8);
	for (size_t i = 0; i <= tb.len; i++)
		CHECK_INT(tb.src_off[i], i);
	text_buf_release(&tb);

	CHECK_INT(text_decode(nfd, strlen(nfd), TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_STR(tb.s, "Cộng hòa");
	CHECK_INT(tb.src_off[0], 0); /* C */
	CHECK_INT(tb.src_off[1], 1); /* ộ from o + two marks */
	CHECK_INT(tb.src_off[2], 1);
	CHECK_INT(tb.src_off[4], 6);                  /* n */
	CHECK_INT(tb.src_off[strlen("Cộng h")], 10);  /* ò came from o */
	CHECK_INT(tb.src_off[strlen("Cộng hò")], 11); /* a came from a + grave */
	CHECK_INT(tb.src_off[tb.len], strlen(nfd));
	text_buf_release(&tb);

	/* a BOM is skipped, offsets still count it */
	CHECK_INT(text_decode("\xEF\xBB\xBFHà", 6, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_STR(tb.s, "Hà");
	CHECK_INT(tb.src_off[0], 3);
	CHECK_INT(tb.src_off[tb.len], 6);
	text_buf_release(&tb);
}

TEST(text_decode_utf8_mojibake_of_tcvn3)
{
	/* a .VnTime document read as Latin-1 and saved as UTF-8 */
	const char in[] = "C\xC3\xA9ng ho\xC2\xB5 x\xC2\xB7 h\xC3\xA9i ch\xC3\xB1 ngh\xC3\x9C"
			  "a Vi\xC3\x96t Nam";
	struct text_buf tb;

	CHECK_INT(text_decode(in, strlen(in), TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_TCVN3);
	CHECK_STR(tb.s, "Cộng hòa xã hội chủ nghĩa Việt Nam");
	/* "hòa" maps back to "ho\xC2\xB5" in the UTF-8 input */
	{
		size_t o = strlen("Cộng "), e = strlen("Cộng hòa");
		CHECK_INT(tb.src_off[o], 6);
		CHECK_INT(tb.src_off[e], 6 + 4);
	}
	text_buf_release(&tb);
	/* VNI read as Windows-1252 and saved as UTF-8 */
	{
		char *enc, *u8;
		size_t n, k = 0;
		const char *src = "Theo đề nghị của Bộ trưởng Bộ Quốc phòng, Chính phủ ban hành Nghị định.";
		CHECK_INT(text_encode(src, strlen(src), TEXT_ENC_VNI, &enc, &n), APP_OK);
		/* each VNI byte as the Windows-1252 character, in UTF-8 */
		u8 = malloc(n * 3 + 1);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)enc[i];
			if (c < 0x80) {
				u8[k++] = (char)c;
			} else {
				CHECK(c >= 0xA0); /* VNI letters and marks live in 0xC0..0xFF */
				u8[k++] = (char)(0xC0 | (c >> 6));
				u8[k++] = (char)(0x80 | (c & 0x3F));
			}
		}
		CHECK_INT(text_decode(u8, k, TEXT_ENC_UNKNOWN, &tb), APP_OK);
		CHECK_INT(tb.enc, TEXT_ENC_VNI);
		CHECK_STR(tb.s, src);
		CHECK_INT(tb.src_off[tb.len], k);
		text_buf_release(&tb);
		free(u8);
		free(enc);
	}
	/* French stays UTF-8 */
	CHECK_INT(text_decode("café crème", strlen("café crème"), TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_UTF8);
	CHECK_STR(tb.s, "café crème");
	text_buf_release(&tb);
}

TEST(text_decode_plain_text_with_a_stray_byte)
{
	/* not UTF-8, hardly any non-ASCII: readable plain text, accepted, but with a low confidence */
	const char in[] = "Copyright \xA9 2021 by the Hanoi Party Committee. All rights reserved. "
			  "This file lists the units, the plans and the deadlines for the year ahead.";
	struct text_buf tb;

	CHECK_INT(text_decode(in, strlen(in), TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK(tb.enc != TEXT_ENC_UTF8 && tb.enc != TEXT_ENC_UNKNOWN);
	CHECK_CONTAINS(tb.s, "Copyright ");
	CHECK_CONTAINS(tb.s, " 2021 by the Hanoi Party Committee. All rights reserved.");
	{
		/* the stray byte is one character: the space after it maps to input byte 11 */
		const char *sp = strchr(tb.s + strlen("Copyright "), ' ');
		CHECK(sp != NULL);
		if (sp)
			CHECK_INT(tb.src_off[sp - tb.s], 11);
	}
	CHECK(tb.confidence < 0.6);
	text_buf_release(&tb);
}

TEST(text_decode_damaged_utf8_stays_utf8)
{
	/* a real UTF-8 document with two damaged bytes and a truncated end */
	const char *dir = test_shared_dir();
	char path[512], *data;
	size_t len;
	struct text_buf tb;

	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/seeds/001_21fbef12a3967094.txt", dir);
	if (file_read(path, 0, &data, &len) != APP_OK)
		return;
	CHECK(len > 2000);
	data[1000] = (char)0xFF;
	data[1500] = (char)0xC3;
	len -= 1; /* may cut a sequence in two */
	while (len > 0 && ((unsigned char)data[len - 1] & 0xC0) == 0x80)
		len--;
	len--; /* now a lead byte without its continuation, if the text ends in one */
	CHECK(!text_utf8_valid(data, len, NULL));
	CHECK_INT(text_decode(data, len, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_UTF8);
	CHECK(tb.confidence > 0.8 && tb.confidence < 0.9);
	CHECK_CONTAINS(tb.s, "\xEF\xBF\xBD"); /* U+FFFD */
	CHECK(text_utf8_valid(tb.s, tb.len, NULL));
	CHECK_INT(tb.src_off[tb.len], len);
	for (size_t i = 1; i <= tb.len; i++)
		CHECK(tb.src_off[i - 1] <= tb.src_off[i]);
	text_buf_release(&tb);
	free(data);
}

TEST(text_decode_utf16_with_bom)
{
	/* Notepad's "Unicode": UTF-16LE with FF FE; also big endian, and a surrogate pair */
	static const unsigned char le[] = { 0xFF, 0xFE, 'H', 0, 0xE0, 0, ' ',  0,    'N',  0,
					    0xD9, 0x1E, 'i', 0, ' ',  0, 0x3D, 0xD8, 0x00, 0xDE };
	static const unsigned char be[] = { 0xFE, 0xFF, 0, 'h', 0, 'o', 0, 'a', 0x03, 0x00 };
	struct text_buf tb;

	CHECK_INT(text_decode((const char *)le, sizeof le, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, TEXT_ENC_UTF16);
	CHECK_STR(tb.s, "Hà Nội \xF0\x9F\x98\x80");
	CHECK_INT(tb.src_off[0], 2);
	CHECK_INT(tb.src_off[strlen("Hà N")], 10);    /* ộ */
	CHECK_INT(tb.src_off[strlen("Hà Nội ")], 16); /* the surrogate pair */
	CHECK_INT(tb.src_off[tb.len], sizeof le);
	CHECK_STR(text_enc_name(tb.enc), "UTF-16");
	text_buf_release(&tb);
	/* big endian, NFD and the old tone place: "hoa" + U+0300 -> "hòa" */
	CHECK_INT(text_decode((const char *)be, sizeof be, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_STR(tb.s, "hòa");
	text_buf_release(&tb);
	/* a BOM alone, NUL characters: refused */
	CHECK_INT(text_decode("\xFF\xFE", 2, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK_INT(text_decode("\xFF\xFE"
			      "a\0\0\0b\0",
			      8, TEXT_ENC_UNKNOWN, &tb),
		  APP_EINVAL);
	/* without a BOM UTF-16 is binary */
	CHECK_INT(text_decode("a\0b\0c\0", 6, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
}

TEST(text_decode_rejects_bad_input)
{
	struct text_buf tb;
	char rnd[4096];
	uint32_t x = 12345;

	CHECK_INT(text_decode("", 0, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK(tb.s == NULL && tb.src_off == NULL);
	CHECK_INT(text_decode("\xEF\xBB\xBF", 3, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK_INT(text_decode("PK\x03\x04\x14\0\x06\0", 8, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK_INT(text_decode("ab\x01\x03\x04\x07\x08\x10\x11\x12", 10, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK(tb.s == NULL);
	/* random high bytes: no encoding makes them Vietnamese */
	for (size_t i = 0; i < sizeof rnd; i++) {
		x = x * 1103515245u + 12345u;
		rnd[i] = (char)(0x80 | ((x >> 16) & 0x7F));
		if (i % 7 == 6)
			rnd[i] = ' ';
	}
	CHECK_INT(text_decode(rnd, sizeof rnd, TEXT_ENC_UNKNOWN, &tb), APP_EINVAL);
	CHECK(tb.s == NULL);
	/* a hint of UTF-8 on bytes that are not */
	CHECK_INT(text_decode("ho\xB5", 3, TEXT_ENC_UTF8, &tb), APP_EINVAL);
	text_buf_release(&tb); /* harmless on an empty buffer */
}

/*
** Decode an encoded text, tokenize it, and check that every syllable maps
** back to exactly the input bytes that decode to that syllable.
*/
static void check_offsets(const char *utf8, enum text_enc e)
{
	char *enc;
	size_t n, cnt;
	struct text_buf tb;
	struct text_syl *syl;

	CHECK_INT(text_encode(utf8, strlen(utf8), e, &enc, &n), APP_OK);
	CHECK_INT(text_decode(enc, n, TEXT_ENC_UNKNOWN, &tb), APP_OK);
	CHECK_INT(tb.enc, e);
	CHECK_INT(tb.src_off[tb.len], n);
	for (size_t i = 1; i <= tb.len; i++)
		CHECK(tb.src_off[i - 1] <= tb.src_off[i]);
	cnt = text_syllables(tb.s, tb.len, &syl);
	CHECK(cnt > 10);
	for (size_t i = 0; i < cnt; i++) {
		uint32_t a = tb.src_off[syl[i].off], b = tb.src_off[syl[i].off + syl[i].len];
		struct text_buf piece;
		CHECK(a < b && b <= n);
		CHECK_INT(text_decode(enc + a, b - a, e, &piece), APP_OK);
		bool same = piece.len == syl[i].len && memcmp(piece.s, tb.s + syl[i].off, piece.len) == 0;
		if (!same && e == TEXT_ENC_TCVN3) {
			/* TCVN3 capitals depend on the neighbouring words: compare without case */
			char *tok_s = xstrndup(tb.s + syl[i].off, syl[i].len);
			char *la = lower(tok_s), *lb = lower(piece.s);
			same = strcmp(la, lb) == 0;
			free(la);
			free(lb);
			free(tok_s);
		}
		if (!same)
			test_fail(__FILE__, __LINE__, "%s: token %.*s maps to %.*s", text_enc_name(e), (int)syl[i].len,
				  tb.s + syl[i].off, (int)piece.len, piece.s);
		text_buf_release(&piece);
	}
	free(syl);
	text_buf_release(&tb);
	free(enc);
}

TEST(text_decode_offsets_map_syllables_back)
{
	const char *s = sentences[5];
	const char *old = "Tăng cường hoà giải, thuỷ lợi và sức khoẻ; UỶ BAN NHÂN DÂN huyện Thường Tín.";

	for (size_t k = 0; k < ARRAY_SIZE(legacy); k++) {
		check_offsets(s, legacy[k]);
		check_offsets(old, legacy[k]);
	}
}
