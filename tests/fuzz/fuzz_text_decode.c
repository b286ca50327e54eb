/*
** Fuzz text_decode + text_normalize + text_syllables (+ fold, encode) and
** check the invariants: output is valid UTF-8, src_off is monotone and
** within the input, tokens lie inside the text on character boundaries,
** normalize is idempotent, and an encode/decode round trip of the decoded
** text keeps it readable.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/text.h"

#define ASSERT(c)                \
	do {                     \
		if (!(c))        \
			abort(); \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct text_buf tb;
	enum text_enc hint = TEXT_ENC_UNKNOWN;
	enum app_err e;

	/* the first byte sometimes picks a hint */
	if (size > 1 && data[0] < 6) {
		hint = (enum text_enc)data[0];
		in++;
		size--;
	}
	e = text_decode(in, size, hint, &tb);
	if (e != APP_OK) {
		ASSERT(tb.s == NULL && tb.src_off == NULL);
		ASSERT(e == APP_EINVAL);
		return 0;
	}
	ASSERT(tb.s && tb.src_off);
	ASSERT(tb.s[tb.len] == '\0');
	ASSERT(text_utf8_valid(tb.s, tb.len, NULL));
	ASSERT(tb.src_off[tb.len] == size);
	for (size_t i = 0; i < tb.len; i++) {
		ASSERT(tb.src_off[i] < size);
		ASSERT(tb.src_off[i] <= tb.src_off[i + 1]);
	}
	ASSERT(tb.confidence >= 0.0 && tb.confidence <= 1.0);
	ASSERT(tb.enc < TEXT_ENC_UNKNOWN || tb.enc == TEXT_ENC_UTF16);

	/* the decoded text is canonical already: normalize is the identity */
	{
		size_t nl;
		char *n = text_normalize(tb.s, tb.len, &nl);
		ASSERT(n);
		ASSERT(nl == tb.len && memcmp(n, tb.s, nl) == 0);
		free(n);
	}
	/* tokens inside the text, in order, on character boundaries */
	{
		struct text_syl *v;
		size_t cnt = text_syllables(tb.s, tb.len, &v);
		for (size_t i = 0; i < cnt; i++) {
			ASSERT(v[i].len > 0 && v[i].off + v[i].len <= tb.len);
			ASSERT(i == 0 || v[i].off >= v[i - 1].off + v[i - 1].len);
			ASSERT(((unsigned char)tb.s[v[i].off] & 0xC0) != 0x80);
			ASSERT(v[i].tone <= TONE_DOT && v[i].cls <= TCLS_DOCNO);
			ASSERT(tb.src_off[v[i].off] <= tb.src_off[v[i].off + v[i].len]);
		}
		free(v);
	}
	/* fold is valid UTF-8 and has no double spaces */
	{
		char *f = text_fold(tb.s, tb.len);
		size_t fl = strlen(f);
		ASSERT(text_utf8_valid(f, fl, NULL));
		ASSERT(strstr(f, "  ") == NULL);
		free(f);
	}
	/* encode into every legacy encoding, decode with the hint: valid again */
	for (int k = TEXT_ENC_TCVN3; k <= TEXT_ENC_CP1258; k++) {
		char *enc;
		size_t n;
		struct text_buf rt;
		ASSERT(text_encode(tb.s, tb.len, (enum text_enc)k, &enc, &n) == APP_OK);
		if (n > 0 && text_decode(enc, n, (enum text_enc)k, &rt) == APP_OK) {
			ASSERT(text_utf8_valid(rt.s, rt.len, NULL));
			ASSERT(rt.src_off[rt.len] == n);
			text_buf_release(&rt);
		}
		free(enc);
	}
	text_buf_release(&tb);
	/* normalize and nfc on the raw bytes: NULL exactly when invalid */
	{
		bool ok = text_utf8_valid(in, size, NULL);
		size_t l1, l2;
		char *a = text_normalize(in, size, &l1), *b = text_nfc(in, size, &l2);
		ASSERT((a != NULL) == ok && (b != NULL) == ok);
		/* our line-wise, grouped NFC equals utf8proc's NFC of the whole text */
		if (b && !memchr(in, 0, size)) {
			char *z = malloc(size + 1);
			utf8proc_uint8_t *ref;
			memcpy(z, in, size);
			z[size] = '\0';
			ref = utf8proc_NFC((const utf8proc_uint8_t *)z);
			ASSERT(ref && strcmp((const char *)ref, b) == 0);
			free(ref);
			free(z);
		}
		/* the tokenizer survives raw bytes too */
		{
			struct text_syl *v;
			size_t cnt = text_syllables(in, size, &v);
			for (size_t i = 0; i < cnt; i++)
				ASSERT(v[i].off + v[i].len <= size);
			free(v);
		}
		if (a) {
			char *a2 = text_normalize(a, l1, NULL);
			ASSERT(a2 && strcmp(a, a2) == 0);
			free(a2);
		}
		free(a);
		free(b);
	}
	return 0;
}
