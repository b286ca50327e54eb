/*
** The evaluation corpus generator (bench/reuse/gen_core.h): each
** obfuscation on hand-made text, then a small whole corpus whose ground
** truth is checked byte by byte against the files it names.
*/
#include "../test.h"
#include "text/text.h"
#include "util/util.h"

#include "../../bench/reuse/gen_core.h"

TEST(reuse_eval_gen_tone_old)
{
	const char *in = "Hòa bình, thủy lợi, khỏe mạnh; HÒA; Ủy ban; hoàn thành, thuyền, quý, ngoài, hóa.";
	size_t n;
	char *out = gen_tone_old(in, strlen(in), &n);

	CHECK_STR(out, "Hoà bình, thuỷ lợi, khoẻ mạnh; HOÀ; Uỷ ban; hoàn thành, thuyền, quý, ngoài, hoá.");
	CHECK_INT(n, strlen(out));
	free(out);
}

TEST(reuse_eval_gen_nfd)
{
	size_t n;
	char *out = gen_nfd("Việt", strlen("Việt"), &n);

	/* e + dot below (U+0323) + circumflex (U+0302): canonical order */
	CHECK_STR(out, "Vie\xcc\xa3\xcc\x82t");
	CHECK_INT(n, 8);
	free(out);
}

TEST(reuse_eval_gen_swap)
{
	struct swap_names names = { 0 };
	struct rng r = { 42 };
	const char *in = "Đảng ủy phường Hàng Bạc năm 2024 có 15 chi bộ, xã Vân Hòa có 7.";
	size_t n;
	int k = 0;
	char *out;

	strv_push(&names.by_type[SW_PHUONG], xstrdup("Hàng Bạc"));
	strv_push(&names.by_type[SW_PHUONG], xstrdup("Cửa Nam"));
	strv_push(&names.by_type[SW_XA], xstrdup("Vân Hòa"));
	strv_push(&names.by_type[SW_XA], xstrdup("Tản Lĩnh"));
	out = gen_swap(in, strlen(in), &names, &r, &k, &n);
	CHECK_CONTAINS(out, "Đảng ủy phường Cửa Nam năm 202");
	CHECK_CONTAINS(out, "xã Tản Lĩnh có ");
	CHECK(!strstr(out, "2024"));
	CHECK(!strstr(out, " 15 "));
	CHECK_INT(k, 5); /* two names, a year, two numbers */
	/* same length numbers: "năm 202x có NN chi bộ" */
	CHECK_INT(strlen(out),
		  strlen(in) - strlen("Hàng Bạc") + strlen("Cửa Nam") - strlen("Vân Hòa") + strlen("Tản Lĩnh"));
	free(out);

	/* dates stay real dates: day 1-28, month 1-12, width kept */
	for (int i = 0; i < 50; i++) {
		const char *d = "ngày 30 tháng 12 năm 2024 và 31/12/2024";
		int day, mon, y, d2, m2, y2;

		out = gen_swap(d, strlen(d), &names, &r, &k, &n);
		CHECK_INT(k, 6);
		CHECK(sscanf(out, "ngày %d tháng %d năm %d và %d/%d/%d", &day, &mon, &y, &d2, &m2, &y2) == 6);
		CHECK(day >= 1 && day <= 28 && mon >= 1 && mon <= 12 && y >= 2025 && y <= 2027);
		CHECK(d2 >= 1 && d2 <= 28 && m2 >= 1 && m2 <= 12 && y2 >= 2025 && y2 <= 2027);
		CHECK_INT(strlen(out), strlen(d));
		free(out);
	}
	for (int t = 0; t < SW_COUNT; t++)
		strv_free(&names.by_type[t]);
}

TEST(reuse_eval_gen_reorder_and_edit)
{
	const char *in = "Một hai ba. Bốn năm sáu. Bảy tám chín. Mười.";
	struct rng r = { 7 };
	struct strv vocab = { 0 };
	size_t n;
	int k;
	char *out = gen_reorder(in, strlen(in), &r, &n);

	CHECK(out != NULL);
	CHECK_INT(n, strlen(in));
	CHECK(strcmp(out, in) != 0);
	CHECK_CONTAINS(out, "Một hai ba.");
	CHECK_CONTAINS(out, "Bốn năm sáu.");
	CHECK_CONTAINS(out, "Bảy tám chín.");
	CHECK_CONTAINS(out, "Mười.");
	free(out);
	CHECK(gen_reorder("Một. Hai.", 9, &r, &n) == NULL);

	strv_push(&vocab, xstrdup("xyz"));
	out = gen_edit(in, strlen(in), 0.0, &vocab, &r, &k, &n);
	CHECK_STR(out, in);
	CHECK_INT(k, 0);
	free(out);
	out = gen_edit("a b c d e f g h", 15, 1.0, &vocab, &r, &k, &n);
	CHECK_INT(k, 8); /* every word edited */
	free(out);
	strv_free(&vocab);
}

/*
** Code points of a and b equal up to case (TCVN3 has no upper-case toned
** vowels), a '?' in a (a character the encoding lacks) matching any one.
*/
static bool same_but_unknown(const char *a, size_t an, const char *b, size_t bn)
{
	struct cps x = { 0 }, y = { 0 };
	bool ok;

	cps_from(&x, a, an);
	cps_from(&y, b, bn);
	ok = x.n == y.n;
	for (size_t i = 0; ok && i < x.n; i++) {
		ok = utf8proc_tolower(x.v[i]) == utf8proc_tolower(y.v[i]) || x.v[i] == '?';
		if (!ok && getenv("DBG"))
			fprintf(stderr, "at %zu: %04X vs %04X: %.60s\n", i, (unsigned)x.v[i], (unsigned)y.v[i],
				b + (i > 20 ? i - 20 : 0));
	}
	if (!ok && getenv("DBG"))
		fprintf(stderr, "n %zu vs %zu\n", x.n, y.n);
	free(x.v);
	free(y.v);
	return ok;
}

/* Check one suspicious file's ground truth against the bytes on disk. */
static void check_truth(const char *dir, const char *truth_file, int *ncases, int *nfiles)
{
	char *tp = xasprintf("%s/truth/%s", dir, truth_file), *sp, *sus = NULL;
	json_t *t = json_load_file(tp, 0, NULL), *c;
	const char *kind = json_string_value(json_object_get(t, "obfuscation"));
	size_t slen = 0, i;
	enum text_enc enc = TEXT_ENC_UTF8;

	CHECK(t != NULL && kind != NULL);
	if (!t || !kind) {
		free(tp);
		json_decref(t);
		return;
	}
	sp = xasprintf("%s/%s", dir, json_string_value(json_object_get(t, "file")));
	CHECK_INT(file_read(sp, 0, &sus, &slen), APP_OK);
	if (strncmp(kind, "enc-", 4) == 0)
		CHECK(text_enc_parse(kind + 4, &enc));
	if (strcmp(kind, "negative") == 0)
		CHECK_INT(json_array_size(json_object_get(t, "cases")), 0);
	(*nfiles)++;
	json_array_foreach(json_object_get(t, "cases"), i, c)
	{
		char *srcp = xasprintf("%s/%s", dir, json_string_value(json_object_get(c, "source"))), *src = NULL;
		size_t srclen = 0;
		size_t so = (size_t)json_integer_value(json_object_get(c, "source_offset"));
		size_t sl = (size_t)json_integer_value(json_object_get(c, "source_length"));
		size_t o = (size_t)json_integer_value(json_object_get(c, "offset"));
		size_t l = (size_t)json_integer_value(json_object_get(c, "length"));

		CHECK_INT(file_read(srcp, 0, &src, &srclen), APP_OK);
		CHECK(so + sl <= srclen && o + l <= slen && sl > 100 && l > 50);
		CHECK_STR(json_string_value(json_object_get(c, "obfuscation")), kind);
		if (so + sl > srclen || o + l > slen) {
			free(src);
			free(srcp);
			continue;
		}
		(*ncases)++;
		/* a case never splits a character of its source */
		CHECK(text_utf8_valid(src + so, sl, NULL));
		if (strcmp(kind, "none") == 0) {
			CHECK(l == sl && memcmp(sus + o, src + so, l) == 0);
		} else if (strcmp(kind, "norm-nfd") == 0 || strcmp(kind, "norm-tone") == 0) {
			size_t a, b;
			char *x = text_normalize(sus + o, l, &a), *y = text_normalize(src + so, sl, &b);

			CHECK(x && y && a == b && memcmp(x, y, a) == 0);
			if (strcmp(kind, "norm-nfd") == 0)
				CHECK(l > sl); /* decomposed: longer */
			free(x);
			free(y);
		} else if (enc != TEXT_ENC_UTF8) {
			struct text_buf tb;
			size_t b;
			char *y = text_normalize(src + so, sl, &b);

			/* decode just the case's bytes in the encoding the file was written in */
			CHECK_INT(text_decode(sus + o, l, enc, &tb), APP_OK);
			CHECK(y && same_but_unknown(tb.s, tb.len, y, b));
			text_buf_release(&tb);
			free(y);
		} else if (strcmp(kind, "swap") == 0 || strcmp(kind, "edit") == 0 || strcmp(kind, "reorder") == 0) {
			/* changed, but the same text in the large */
			CHECK(l != sl || memcmp(sus + o, src + so, l) != 0 || strcmp(kind, "swap") == 0);
			CHECK(l > sl / 2 && l < sl * 2);
		}
		free(src);
		free(srcp);
	}
	free(sus);
	free(sp);
	free(tp);
	json_decref(t);
}

TEST(reuse_eval_gen_corpus_truth)
{
	const char *shared = test_shared_dir();
	struct gen_opts o;
	char err[256], *data, *out1, *out2, *a = NULL, *b = NULL;
	size_t al = 0, bl = 0;
	int ncases = 0, nfiles = 0;
	static const char *const kinds[] = { "none",      "swap",      "reorder",    "edit",
					     "enc-tcvn3", "enc-vni",   "enc-viscii", "enc-cp1258",
					     "norm-nfd",  "norm-tone", "negative" };

	if (!shared) {
		fputs("skip: no shared data\n", stderr);
		return;
	}
	data = xasprintf("%s/data", shared);
	out1 = xasprintf("%s/c1", test_tmpdir());
	out2 = xasprintf("%s/c2", test_tmpdir());
	gen_opts_default(&o);
	o.data = data;
	o.per_kind = 2;
	o.negatives = 1;
	o.directives = 8;
	o.others = 8;
	o.quiet = true;
	o.seed = 5;
	o.out = out1;
	CHECK_INT(gen_run(&o, err, sizeof err), 0);
	o.out = out2;
	CHECK_INT(gen_run(&o, err, sizeof err), 0);

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++)
		for (int s = 1; s <= 21; s++) {
			char *name = xasprintf("%03d_%s.json", s, kinds[k]), *p = xasprintf("%s/truth/%s", out1, name);
			struct stat st;

			if (stat(p, &st) == 0)
				check_truth(out1, name, &ncases, &nfiles);
			free(p);
			free(name);
		}
	CHECK_INT(nfiles, 21);
	CHECK(ncases >= 60); /* up to 5 cases per copying plan, 20 such plans */

	/* deterministic: the same seed writes the same bytes */
	{
		char *p1 = xasprintf("%s/truth/005_enc-tcvn3.json", out1),
		     *p2 = xasprintf("%s/truth/005_enc-tcvn3.json", out2);

		CHECK_INT(file_read(p1, 0, &a, &al), APP_OK);
		CHECK_INT(file_read(p2, 0, &b, &bl), APP_OK);
		CHECK(al == bl && a && b && memcmp(a, b, al) == 0);
		free(p1);
		free(p2);
		free(a);
		free(b);
		p1 = xasprintf("%s/susp/004_edit.txt", out1);
		p2 = xasprintf("%s/susp/004_edit.txt", out2);
		CHECK_INT(file_read(p1, 0, &a, &al), APP_OK);
		CHECK_INT(file_read(p2, 0, &b, &bl), APP_OK);
		CHECK(al == bl && a && b && memcmp(a, b, al) == 0);
		free(p1);
		free(p2);
		free(a);
		free(b);
	}
	free(data);
	free(out1);
	free(out2);
}
