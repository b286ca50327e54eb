/*
** Tests of src/reuse: winnowing guarantee, alignment under each kind of
** obfuscation, byte offsets through legacy encodings, scopes, boilerplate,
** the index life cycle, and every kind of bad input.
*/
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include <jansson.h>

#include "cli/cli.h"
#include "reuse/internal.h"
#include "reuse/reuse.h"
#include "test.h"
#include "text/text.h"
#include "util/util.h"

/* ---- helpers ---- */

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static char *corpus_file(const char *name, size_t *len)
{
	const char *sh = test_shared_dir();
	if (!sh)
		return NULL;
	char *p = xasprintf("%s/data/corpus/%s", sh, name), *d = NULL;
	if (file_read(p, 0, &d, len) != APP_OK) {
		free(d);
		d = NULL;
	}
	free(p);
	return d;
}

/* Whole lines of a corpus file from the first line start at or after `from`, at least min bytes. */
static char *corpus_lines(const char *name, size_t from, size_t min)
{
	size_t len;
	char *d = corpus_file(name, &len);
	if (!d)
		return NULL;
	size_t a = from < len ? from : 0;
	while (a < len && a > 0 && d[a - 1] != '\n')
		a++;
	size_t b = a + min < len ? a + min : len;
	while (b < len && d[b - 1] != '\n')
		b++;
	char *r = xstrndup(d + a, b - a);
	free(d);
	return r;
}

static char *tpath(const char *name)
{
	return xasprintf("%s/%s", test_tmpdir(), name);
}

static void put_file(const char *path, const char *data, size_t len)
{
	CHECK(file_write_atomic(path, data, len) == APP_OK);
}

static enum app_err index_docs(const char *dir, const char **names, const char **texts, const struct reuse_meta *metas,
			       size_t n)
{
	char err[REUSE_ERRLEN];
	struct reuse_writer *w;
	enum app_err e = reuse_writer_open(dir, true, &w, err);
	if (e != APP_OK)
		return e;
	for (size_t i = 0; i < n && e == APP_OK; i++)
		e = reuse_writer_add(w, names[i], texts[i], strlen(texts[i]), metas ? &metas[i] : NULL, err);
	if (e == APP_OK)
		e = reuse_writer_commit(w, err);
	reuse_writer_free(w);
	return e;
}

static struct reuse_report *check_text(const char *dir, const char *text, size_t len, const struct reuse_meta *m)
{
	char err[REUSE_ERRLEN];
	struct reuse_index *ix;
	struct reuse_report *r = NULL;
	if (reuse_open(dir, &ix, err) != APP_OK) {
		test_fail(__FILE__, __LINE__, "open: %s", err);
		return NULL;
	}
	if (reuse_check(ix, text, len, m, NULL, &r, err) != APP_OK)
		test_fail(__FILE__, __LINE__, "check: %s", err);
	reuse_close(ix);
	return r;
}

/* Overlap of [a, a+al) and [b, b+bl). */
static uint64_t ovl(uint64_t a, uint64_t al, uint64_t b, uint64_t bl)
{
	uint64_t s = a > b ? a : b, e = a + al < b + bl ? a + al : b + bl;
	return e > s ? e - s : 0;
}

/* Bytes of [a, a+l) covered by passages from source src (both sides when sa given). */
static uint64_t covered(const struct reuse_report *r, const char *src, uint64_t a, uint64_t l, bool source_side)
{
	uint64_t c = 0;
	for (size_t i = 0; i < r->npassages; i++) {
		const struct reuse_passage *p = &r->passages[i];
		if (src && strcmp(p->source, src) != 0)
			continue;
		c += source_side ? ovl(p->source_offset, p->source_length, a, l) : ovl(p->offset, p->length, a, l);
	}
	return c;
}

/* ---- winnowing ---- */

TEST(reuse_winnow_guarantee)
{
	/* any shared run of t = w + k - 1 tokens yields a shared fingerprint */
	const size_t t = RW + RK - 1;
	for (int trial = 0; trial < 300; trial++) {
		size_t na = 50 + rnd() % 200, nb = 50 + rnd() % 200;
		uint32_t *a = xmalloc(na * 4), *b = xmalloc(nb * 4);
		for (size_t i = 0; i < na; i++)
			a[i] = 16 + rnd() % 50; /* small vocabulary: many repeats */
		for (size_t i = 0; i < nb; i++)
			b[i] = 16 + rnd() % 50 + 1000;
		size_t pa = rnd() % (na - t), pb = rnd() % (nb - t);
		memcpy(b + pb, a + pa, t * 4);
		uint32_t *fa = xmalloc(na * 4), *ppa = xmalloc(na * 4), *fb = xmalloc(nb * 4), *ppb = xmalloc(nb * 4);
		size_t nfa = rwinnow(a, na, RK, RW, fa, ppa), nfb = rwinnow(b, nb, RK, RW, fb, ppb);
		bool shared = false;
		for (size_t i = 0; i < nfa && !shared; i++)
			for (size_t j = 0; j < nfb && !shared; j++)
				shared = fa[i] == fb[j] && ppa[i] >= pa && ppa[i] + RK <= pa + t;
		CHECK(shared);
		/* density near 2/(w+1) */
		CHECK(nfa <= na * 2 / 5 + 2);
		free(a), free(b), free(fa), free(fb), free(ppa), free(ppb);
	}
}

TEST(reuse_winnow_short)
{
	uint32_t k[3] = { 20, 21, 22 }, fp[3], pos[3];
	CHECK_INT(rwinnow(k, 3, RK, RW, fp, pos), 0);
	uint32_t k5[5] = { 20, 21, 22, 23, 24 }, fp5[5], pos5[5];
	CHECK_INT(rwinnow(k5, 5, RK, RW, fp5, pos5), 1);
}

/* ---- alignment under obfuscations ---- */

struct pair {
	char *src;     /* the indexed source text */
	char *query;   /* the checked text */
	size_t sa, sl; /* copied range in src */
	size_t qa, ql; /* copied range in query */
};

/* Replace every occurrence of from by to in s (malloc'd result). */
static char *replace_all(const char *s, const char *from, const char *to)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	size_t fl = strlen(from);
	const char *p = s, *q;
	while ((q = strstr(p, from))) {
		sbuf_add(&b, p, (size_t)(q - p));
		sbuf_addstr(&b, to);
		p = q + fl;
	}
	sbuf_addstr(&b, p);
	return sbuf_detach(&b, NULL);
}

enum obf { OBF_NONE, OBF_NUMBERS, OBF_NAMES, OBF_REORDER, OBF_EDITS, OBF_TONES };

static char *obfuscate(const char *in, enum obf o)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	switch (o) {
	case OBF_NONE: return xstrdup(in);
	case OBF_NUMBERS:
		for (const char *p = in; *p; p++)
			sbuf_addch(&b, (*p >= '0' && *p <= '8') ? (char)(*p + 1) : *p);
		return sbuf_detach(&b, NULL);
	case OBF_NAMES: {
		char *x = replace_all(in, "Chính phủ", "huyện Thường Tín");
		char *y = replace_all(x, "Bộ Quốc phòng", "xã Vân Tảo");
		free(x);
		return y;
	}
	case OBF_REORDER: {
		/* swap the first and second halves at a line boundary */
		size_t n = strlen(in), mid = n / 2;
		while (mid < n && in[mid - 1] != '\n')
			mid++;
		sbuf_add(&b, in + mid, n - mid);
		if (n > mid && in[n - 1] != '\n')
			sbuf_addch(&b, '\n');
		sbuf_add(&b, in, mid);
		return sbuf_detach(&b, NULL);
	}
	case OBF_EDITS: {
		/* drop every 9th word, insert a word after every 13th */
		int w = 0;
		const char *p = in;
		while (*p) {
			const char *q = p;
			while (*q && *q != ' ')
				q++;
			w++;
			if (w % 9 != 0)
				sbuf_add(&b, p, (size_t)(q - p));
			if (w % 13 == 0)
				sbuf_addstr(&b, " thêm");
			if (*q)
				sbuf_addch(&b, ' ');
			p = *q ? q + 1 : q;
		}
		return sbuf_detach(&b, NULL);
	}
	case OBF_TONES: {
		char *x = replace_all(in, "hòa", "hoà");
		char *y = replace_all(x, "thủy", "thuỷ");
		free(x);
		x = replace_all(y, "hóa", "hoá");
		free(y);
		return x;
	}
	}
	return xstrdup(in);
}

static bool make_pair(struct pair *p, enum obf o)
{
	char *src = corpus_file("vb_0004.txt", &p->sl);
	char *filler1 = corpus_lines("vb_0030.txt", 3000, 1500), *filler2 = corpus_lines("vb_0040.txt", 3000, 1500);
	if (!src || !filler1 || !filler2) {
		free(src), free(filler1), free(filler2);
		return false;
	}
	p->src = src;
	/* the copied passage: whole lines of the source, about 2,500 bytes */
	size_t a = 20000;
	while (src[a - 1] != '\n')
		a++;
	size_t b = a + 2500;
	while (src[b - 1] != '\n')
		b++;
	p->sa = a;
	p->sl = b - a;
	char *orig = xstrndup(src + a, b - a), *cp = obfuscate(orig, o);
	p->qa = strlen(filler1);
	p->ql = strlen(cp);
	p->query = xasprintf("%s%s%s", filler1, cp, filler2);
	free(orig), free(cp), free(filler1), free(filler2);
	return true;
}

static void check_pair(enum obf o, double min_recall)
{
	struct pair p;
	if (!make_pair(&p, o)) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		return;
	}
	char *dir = tpath("ix");
	const char *names[] = { "src.txt", "other1.txt" };
	char *other = corpus_lines("vb_0050.txt", 0, 20000);
	const char *texts[] = { p.src, other };
	CHECK(index_docs(dir, names, texts, NULL, 2) == APP_OK);
	struct reuse_report *r = check_text(dir, p.query, strlen(p.query), NULL);
	if (r) {
		uint64_t cq = covered(r, "src.txt", p.qa, p.ql, false), cs = covered(r, "src.txt", p.sa, p.sl, true);
		double rq = (double)cq / p.ql, rs = (double)cs / p.sl;
		if (rq < min_recall || rs < min_recall)
			test_fail(__FILE__, __LINE__, "obfuscation %d: recall query %.2f source %.2f (%zu passages)", o,
				  rq, rs, r->npassages);
		/* precision: passages stay inside the copied range (a few bytes of slack) */
		uint64_t in = 0, all = 0;
		for (size_t i = 0; i < r->npassages; i++) {
			all += r->passages[i].length;
			in += ovl(r->passages[i].offset, r->passages[i].length, p.qa, p.ql);
		}
		CHECK(all > 0 && (double)in / all > 0.95);
		/* granularity: one passage per case, except reordering, which yields up to two */
		size_t np = 0;
		for (size_t i = 0; i < r->npassages; i++)
			np += strcmp(r->passages[i].source, "src.txt") == 0;
		CHECK(np >= 1 && np <= (o == OBF_REORDER ? 2u : 1u));
		reuse_report_free(r);
	}
	free(dir), free(other), free(p.src), free(p.query);
}

TEST(reuse_align_verbatim)
{
	check_pair(OBF_NONE, 0.97);
}
TEST(reuse_align_numbers)
{
	check_pair(OBF_NUMBERS, 0.95);
}
TEST(reuse_align_names)
{
	check_pair(OBF_NAMES, 0.95);
}
TEST(reuse_align_reorder)
{
	check_pair(OBF_REORDER, 0.95);
}
TEST(reuse_align_edits)
{
	check_pair(OBF_EDITS, 0.90);
}
TEST(reuse_align_tones)
{
	check_pair(OBF_TONES, 0.97);
}

/* NFD query and legacy encodings: offsets are bytes of the file as given. */
static void check_encoded(enum text_enc enc)
{
	struct pair p;
	if (!make_pair(&p, OBF_NONE)) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		return;
	}
	char *dir = tpath("ix");
	const char *names[] = { "src.txt" };
	const char *texts[] = { p.src };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	/* encode the three parts separately to know where the copy lands */
	char *pre = xstrndup(p.query, p.qa), *cp = xstrndup(p.query + p.qa, p.ql),
	     *post = xstrdup(p.query + p.qa + p.ql);
	char *e1, *e2, *e3;
	size_t l1, l2, l3;
	CHECK(text_encode(pre, strlen(pre), enc, &e1, &l1) == APP_OK);
	CHECK(text_encode(cp, strlen(cp), enc, &e2, &l2) == APP_OK);
	CHECK(text_encode(post, strlen(post), enc, &e3, &l3) == APP_OK);
	char *q = xmalloc(l1 + l2 + l3 + 1);
	memcpy(q, e1, l1), memcpy(q + l1, e2, l2), memcpy(q + l1 + l2, e3, l3);
	struct reuse_report *r = check_text(dir, q, l1 + l2 + l3, NULL);
	if (r) {
		CHECK_STR(r->encoding, text_enc_name(enc));
		uint64_t c = covered(r, "src.txt", l1, l2, false);
		if ((double)c / l2 < 0.97)
			test_fail(__FILE__, __LINE__, "%s: covered %llu of %zu", text_enc_name(enc),
				  (unsigned long long)c, l2);
		/* the passage starts where the copy starts, to within one syllable */
		CHECK(r->npassages >= 1);
		if (r->npassages >= 1) {
			CHECK(r->passages[0].offset + 12 >= l1 && r->passages[0].offset <= l1 + 12);
			CHECK(r->passages[0].offset + r->passages[0].length <= l1 + l2 + 2);
		}
		reuse_report_free(r);
	}
	free(pre), free(cp), free(post), free(e1), free(e2), free(e3), free(q), free(dir), free(p.src), free(p.query);
}

TEST(reuse_offsets_tcvn3)
{
	check_encoded(TEXT_ENC_TCVN3);
}
TEST(reuse_offsets_vni)
{
	check_encoded(TEXT_ENC_VNI);
}

TEST(reuse_offsets_nfd)
{
	struct pair p;
	if (!make_pair(&p, OBF_NONE)) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		return;
	}
	char *dir = tpath("ix");
	const char *names[] = { "src.txt" };
	const char *texts[] = { p.src };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	/* NFD of the copy: "ệ" becomes e + two combining marks; bytes grow */
	char *cp = xstrndup(p.query + p.qa, p.ql);
	char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)cp);
	char *pre = xstrndup(p.query, p.qa);
	char *q = xasprintf("%s%s%s", pre, nfd, p.query + p.qa + p.ql);
	size_t nl = strlen(nfd);
	CHECK(nl > p.ql);
	struct reuse_report *r = check_text(dir, q, strlen(q), NULL);
	if (r) {
		CHECK((double)covered(r, "src.txt", p.qa, nl, false) / nl > 0.97);
		reuse_report_free(r);
	}
	free(cp), free(nfd), free(pre), free(q), free(dir), free(p.src), free(p.query);
}

/* ---- scopes ---- */

TEST(reuse_scopes)
{
	char *dir = tpath("ix");
	char *dirv = corpus_lines("vb_0004.txt", 10000, 3000), *peer = corpus_lines("vb_0030.txt", 2000, 3000),
	     *own = corpus_lines("vb_0040.txt", 2000, 3000), *oth = corpus_lines("vb_0050.txt", 2000, 3000);
	if (!dirv || !peer || !own || !oth) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(dirv), free(peer), free(own), free(oth), free(dir);
		return;
	}
	const char *names[] = { "ctr01.txt", "peer.txt", "own2024.txt", "other.txt" };
	const char *texts[] = { dirv, peer, own, oth };
	struct reuse_meta m[] = {
		{ .unit = "TU", .directive = "01-CTr/TU", .kind = REUSE_KIND_DIRECTIVE, .year = 2021 },
		{ .unit = "HU-DA", .parent = "TU", .directive = "01-CTr/TU", .kind = REUSE_KIND_PLAN, .year = 2021 },
		{ .unit = "HU-TT", .parent = "TU", .directive = "05-NQ/TU", .kind = REUSE_KIND_PLAN, .year = 2020 },
		{ .unit = "X", .kind = REUSE_KIND_PLAN },
	};
	CHECK(index_docs(dir, names, texts, m, 4) == APP_OK);
	char *q = xasprintf("%s\n%s\n%s\n%s", dirv, peer, own, oth);
	struct reuse_meta qm = {
		.unit = "HU-TT", .parent = "TU", .directive = "01-CTr/TU", .kind = REUSE_KIND_PLAN, .year = 2021
	};
	struct reuse_report *r = check_text(dir, q, strlen(q), &qm);
	if (r) {
		const char *want[] = { "superior", "peer", "own", "other" };
		for (int s = 0; s < 4; s++) {
			bool seen = false;
			for (size_t i = 0; i < r->npassages; i++)
				if (strcmp(r->passages[i].source, names[s]) == 0) {
					CHECK_STR(reuse_scope_name(r->passages[i].scope), want[s]);
					seen = true;
				}
			CHECK(seen);
			if (!(r->share_scope[s] > 0.15 && r->share_scope[s] < 0.35))
				test_fail(__FILE__, __LINE__, "scope %s share %.3f", want[s], r->share_scope[s]);
		}
		CHECK(r->share_total > 0.9);
		CHECK(r->signals.superior_syllables > 0);
		char *j = reuse_report_json(r, "q.txt");
		CHECK_CONTAINS(j, "\"by_scope\"");
		CHECK_CONTAINS(j, "\"superior\"");
		CHECK_CONTAINS(j, "\"source\": \"peer.txt\"");
		free(j);
		reuse_report_free(r);
	}
	/* without metadata everything is "other" */
	r = check_text(dir, q, strlen(q), NULL);
	if (r) {
		CHECK(r->share_scope[REUSE_SCOPE_OTHER] > 0.9);
		reuse_report_free(r);
	}
	free(q), free(dir), free(dirv), free(peer), free(own), free(oth);
}

/* ---- boilerplate ---- */

TEST(reuse_boilerplate_zones)
{
	char *dir = tpath("ix");
	char *body = corpus_lines("vb_0004.txt", 10000, 3000), *body2 = corpus_lines("vb_0030.txt", 2000, 3000);
	if (!body || !body2) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(body), free(body2), free(dir);
		return;
	}
	const char *hdr = "ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nĐộc lập - Tự do - Hạnh phúc\n";
	const char *tail =
		"\nNơi nhận:\n- Ban Thường vụ Thành ủy,\n- Lưu VP.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn A\n";
	char *a = xasprintf("%s%s%s", hdr, body, tail), *b = xasprintf("%s%s%s", hdr, body2, tail);
	const char *names[] = { "a.txt" };
	const char *texts[] = { a };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	struct reuse_report *r = check_text(dir, b, strlen(b), NULL);
	if (r) {
		/* b shares only header and tail with a: nothing copied, zones reported */
		CHECK_INT(r->npassages, 0);
		CHECK(r->nzones >= 3);
		CHECK(r->zone_syllables >= 15);
		bool motto = false, recip = false;
		for (size_t i = 0; i < r->nzones; i++) {
			motto |= strcmp(r->zone_kinds[i], "motto") == 0;
			recip |= strcmp(r->zone_kinds[i], "recipients") == 0;
		}
		CHECK(motto);
		CHECK(recip);
		reuse_report_free(r);
	}
	free(a), free(b), free(body), free(body2), free(dir);
}

TEST(reuse_boilerplate_common)
{
	/* a stock paragraph in 40 documents is common phrasing, not a copy */
	char *dir = tpath("ix");
	char *stock = corpus_lines("vb_0004.txt", 30000, 700);
	if (!stock) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(dir);
		return;
	}
	const char *names[40];
	const char *texts[40];
	char *own[40];
	for (int i = 0; i < 40; i++) {
		char *body = corpus_lines("vb_0012.txt", (size_t)i * 500, 400);
		own[i] = xasprintf("%s\n%s", body, stock);
		free(body);
		names[i] = own[i] + 0; /* unique names below */
		texts[i] = own[i];
	}
	char *nm[40];
	for (int i = 0; i < 40; i++)
		names[i] = nm[i] = xasprintf("d%02d.txt", i);
	CHECK(index_docs(dir, names, texts, NULL, 40) == APP_OK);
	char *fresh = corpus_lines("vb_0060.txt", 1000, 2000), *q = xasprintf("%s\n%s", fresh, stock);
	char err[REUSE_ERRLEN];
	struct reuse_index *ix;
	struct reuse_report *r = NULL;
	struct reuse_opts o;
	reuse_opts_default(&o);
	o.df_max = 10;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK(reuse_check(ix, q, strlen(q), NULL, &o, &r, err) == APP_OK);
	if (r) {
		CHECK(r->common_fingerprints > 10);
		CHECK(r->common_syllables > 50);
		CHECK(r->ncommon >= 1);
		if (r->share_total >= 0.05)
			test_fail(__FILE__, __LINE__, "share %.3f common %u/%u", r->share_total, r->common_fingerprints,
				  r->common_syllables);
		reuse_report_free(r);
	}
	reuse_close(ix);
	for (int i = 0; i < 40; i++)
		free(own[i]), free(nm[i]);
	free(stock), free(fresh), free(q), free(dir);
}

/* ---- signals ---- */

TEST(reuse_signals_items)
{
	char *dir = tpath("ix");
	const char *names[] = { "x.txt" };
	const char *texts[] = { "Một văn bản khác hoàn toàn không liên quan gì đến kế hoạch này cả.\n" };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	const char *plan = "KẾ HOẠCH\n"
			   "1. Tăng cường công tác tuyên truyền sâu rộng trong cán bộ đảng viên.\n"
			   "2. Nâng cao chất lượng sinh hoạt chi bộ ở tất cả các cơ sở.\n"
			   "3. Đổi mới phương thức lãnh đạo của cấp ủy các cấp.\n"
			   "4. Ban Tuyên giáo chủ trì, hoàn thành 100% trước ngày 30/6/2025.\n";
	struct reuse_report *r = check_text(dir, plan, strlen(plan), NULL);
	if (r) {
		CHECK_INT(r->signals.items, 4);
		CHECK_INT(r->signals.items_no_number, 3);
		CHECK_INT(r->signals.items_no_deadline, 3);
		CHECK_INT(r->signals.items_no_lead, 3);
		CHECK(r->signals.perfunctory);
		CHECK_INT(r->signals.nev_no_lead, 3);
		/* evidence points at the item lines */
		CHECK(memcmp(plan + r->signals.ev_no_lead[0].offset, "1. Tăng", 8) == 0);
		reuse_report_free(r);
	}
	free(dir);
}

TEST(reuse_signals_sub_lines_belong_to_their_item)
{
	char *dir = tpath("ix");
	const char *names[] = { "x.txt" };
	const char *texts[] = { "Một văn bản khác hoàn toàn không liên quan gì đến kế hoạch này cả.\n" };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	/* three tasks; the lead, deadline and figure of each sit on its sub-lines */
	const char *plan = "KẾ HOẠCH\n"
			   "1. Tăng cường công tác tuyên truyền sâu rộng trong cán bộ đảng viên.\n"
			   "- Chủ trì: Ban Tuyên giáo Đảng ủy.\n"
			   "- Thời hạn: trước ngày 30/6/2025.\n"
			   "- Kết quả: 100% chi bộ tổ chức học tập.\n"
			   "2. Nâng cao chất lượng sinh hoạt chi bộ ở tất cả các cơ sở.\n"
			   "+ Cơ quan chủ trì: Ban Tổ chức; phối hợp: các chi bộ.\n"
			   "+ Thời gian hoàn thành: quý IV năm 2025, đạt 90% chi bộ xếp loại tốt.\n"
			   "3. Đổi mới phương thức lãnh đạo của cấp ủy các cấp.\n"
			   "   - Thời hạn: thường xuyên.\n";
	struct reuse_report *r = check_text(dir, plan, strlen(plan), NULL);
	if (r) {
		CHECK_INT(r->signals.items, 3);           /* the sub-lines are not items */
		CHECK_INT(r->signals.items_no_lead, 1);   /* only task 3 names no lead */
		CHECK_INT(r->signals.items_no_number, 1); /* ... and no figure */
		CHECK_INT(r->signals.nev_no_lead, 1);
		CHECK(memcmp(plan + r->signals.ev_no_lead[0].offset, "3. Đổi", 8) == 0);
		/* the evidence span of task 3 runs over its sub-line */
		CHECK(r->signals.ev_no_lead[0].length > strlen("3. Đổi mới phương thức lãnh đạo của cấp ủy các cấp."));
		reuse_report_free(r);
	}
	free(dir);
}

/* ---- the index life cycle ---- */

TEST(reuse_index_add_delete_reopen)
{
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *a = corpus_lines("vb_0004.txt", 10000, 3000), *b = corpus_lines("vb_0030.txt", 2000, 3000);
	if (!a || !b) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(a), free(b), free(dir);
		return;
	}
	const char *names[] = { "a.txt", "b.txt" };
	const char *texts[] = { a, b };
	CHECK(index_docs(dir, names, texts, NULL, 2) == APP_OK);
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(reuse_doc_count(ix), 2);
	CHECK(reuse_verify(ix, err) == APP_OK);
	reuse_close(ix);
	/* re-adding a.txt with b's text replaces it */
	const char *n2[] = { "a.txt" };
	const char *t2[] = { b };
	CHECK(index_docs(dir, n2, t2, NULL, 1) == APP_OK);
	struct reuse_report *r = check_text(dir, a, strlen(a), NULL);
	if (r) {
		CHECK_INT(r->npassages, 0); /* the old a.txt is gone */
		CHECK_INT(r->index_docs, 2);
		reuse_report_free(r);
	}
	/* delete */
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
	CHECK(reuse_writer_delete(w, "b.txt", err) == APP_OK);
	CHECK(reuse_writer_delete(w, "nope.txt", err) == APP_ENOTFOUND);
	CHECK(reuse_writer_commit(w, err) == APP_OK);
	reuse_writer_free(w);
	r = check_text(dir, b, strlen(b), NULL);
	if (r) {
		CHECK_INT(r->index_docs, 1);
		CHECK_INT(r->npassages, 1);
		if (r->npassages)
			CHECK_STR(r->passages[0].source, "a.txt");
		reuse_report_free(r);
	}
	free(a), free(b), free(dir);
}

TEST(reuse_index_merge)
{
	/* many small commits: segments merge, deletions survive the merge */
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *texts[12];
	for (int i = 0; i < 12; i++) {
		texts[i] = corpus_lines("vb_0004.txt", (size_t)i * 3000, 1500);
		char *nm = xasprintf("d%d.txt", i);
		const char *n1[] = { nm };
		const char *t1[] = { texts[i] };
		CHECK(index_docs(dir, n1, t1, NULL, 1) == APP_OK);
		free(nm);
		if (i == 3) {
			struct reuse_writer *w;
			CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
			CHECK(reuse_writer_delete(w, "d1.txt", err) == APP_OK);
			CHECK(reuse_writer_commit(w, err) == APP_OK);
			reuse_writer_free(w);
		}
	}
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(reuse_doc_count(ix), 11);
	CHECK(rix_nsegs(ix) <= 8);
	reuse_close(ix);
	struct reuse_report *r = check_text(dir, texts[1], strlen(texts[1]), NULL);
	if (r) {
		for (size_t i = 0; i < r->npassages; i++)
			CHECK(strcmp(r->passages[i].source, "d1.txt") != 0);
		reuse_report_free(r);
	}
	r = check_text(dir, texts[7], strlen(texts[7]), NULL);
	if (r) {
		CHECK(r->share_total > 0.9);
		reuse_report_free(r);
	}
	for (int i = 0; i < 12; i++)
		free(texts[i]);
	free(dir);
}

/* The first "seg FILE" of dir's MANIFEST, malloc'd. */
static char *first_segment(const char *dir)
{
	char *m = xasprintf("%s/MANIFEST", dir), *txt = NULL, *r = NULL;
	size_t n;
	if (file_read(m, 1 << 20, &txt, &n) == APP_OK) {
		char *p = strstr(txt, "\nseg ");
		if (p) {
			p += 5;
			r = xstrndup(p, strcspn(p, " "));
		}
	}
	free(txt);
	free(m);
	return r;
}

TEST(reuse_index_merge_spares_big_segments)
{
	/* one big commit, then many one-document commits: the small segments merge
	 * among themselves and the big one is never rewritten; a deletion in it survives */
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *texts[16], *names[16];
	for (int i = 0; i < 16; i++) {
		texts[i] = corpus_lines("vb_0004.txt", (size_t)i * 2000, 1000);
		names[i] = xasprintf("d%d.txt", i);
	}
	CHECK(index_docs(dir, (const char **)names, (const char **)texts, NULL, 6) == APP_OK);
	char *big = first_segment(dir);
	CHECK(big != NULL);
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
	CHECK(reuse_writer_delete(w, "d2.txt", err) == APP_OK);
	CHECK(reuse_writer_commit(w, err) == APP_OK);
	reuse_writer_free(w);
	for (int i = 6; i < 16; i++) {
		const char *n1[] = { names[i] };
		const char *t1[] = { texts[i] };
		CHECK(index_docs(dir, n1, t1, NULL, 1) == APP_OK);
		struct reuse_index *ix;
		CHECK(reuse_open(dir, &ix, err) == APP_OK);
		CHECK(rix_nsegs(ix) <= 8);
		reuse_close(ix);
		char *first = first_segment(dir);
		CHECK(first && big && strcmp(first, big) == 0); /* the big segment is still the same file */
		free(first);
	}
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(reuse_doc_count(ix), 15);
	CHECK(reuse_verify(ix, err) == APP_OK);
	reuse_close(ix);
	struct reuse_report *r = check_text(dir, texts[2], strlen(texts[2]), NULL);
	if (r) {
		for (size_t i = 0; i < r->npassages; i++)
			CHECK(strcmp(r->passages[i].source, "d2.txt") != 0); /* still deleted */
		reuse_report_free(r);
	}
	r = check_text(dir, texts[9], strlen(texts[9]), NULL); /* a merged small one is found */
	if (r) {
		CHECK(r->share_total > 0.9);
		reuse_report_free(r);
	}
	for (int i = 0; i < 16; i++)
		free(texts[i]), free(names[i]);
	free(big);
	free(dir);
}

/* ---- bad input ---- */

static int run_cli(int argc, const char **argv)
{
	fflush(stdout);
	int saved = dup(1), devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 1);
	int rc = cmd_reuse(argc, (char **)argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(devnull);
	return rc;
}

TEST(reuse_bad_inputs)
{
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *good = corpus_lines("vb_0004.txt", 10000, 3000);
	if (!good) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(dir);
		return;
	}
	const char *names[] = { "good.txt" };
	const char *texts[] = { good };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
	/* empty */
	CHECK(reuse_writer_add(w, "e.txt", "", 0, NULL, err) == APP_EINVAL);
	CHECK_CONTAINS(err, "empty");
	/* binary */
	static const char bin[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
	CHECK(reuse_writer_add(w, "b.bin", bin, sizeof(bin) - 1, NULL, err) == APP_EINVAL);
	CHECK_CONTAINS(err, "not text");
	/* invalid UTF-8 that is no legacy encoding either */
	char junk[600];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(0x80 + (rnd() % 0x7f));
	CHECK(reuse_writer_add(w, "j.txt", junk, sizeof(junk), NULL, err) == APP_EINVAL);
	/* over the size limit: refused before decoding */
	CHECK(reuse_writer_add(w, "big.txt", good, (size_t)REUSE_MAX_INPUT + 1, NULL, err) == APP_ETOOBIG);
	CHECK(reuse_writer_commit(w, err) == APP_OK);
	reuse_writer_free(w);
	/* nothing was lost or half-written */
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(reuse_doc_count(ix), 1);
	CHECK(reuse_verify(ix, err) == APP_OK);
	reuse_close(ix);

	/* a 200 MB file through the command line: refused cleanly (sparse, not read) */
	char *big = tpath("big.txt");
	int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && ftruncate(fd, 200ll << 20) == 0);
	close(fd);
	const char *av[] = { "reuse", "check", "--index", dir, big };
	CHECK_INT(run_cli(5, av), 1);
	const char *av2[] = { "reuse", "index", "--index", dir, big };
	CHECK_INT(run_cli(5, av2), 1);
	char *empty = tpath("empty.txt");
	put_file(empty, "", 0);
	const char *av3[] = { "reuse", "check", "--index", dir, empty };
	CHECK_INT(run_cli(5, av3), 1);
	const char *av4[] = { "reuse", "check", "--index", dir };
	CHECK_INT(run_cli(4, av4), 2);
	const char *av5[] = { "reuse", "check", "--bogus", "x", "--index", dir, empty };
	CHECK_INT(run_cli(7, av5), 2);
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(reuse_doc_count(ix), 1);
	reuse_close(ix);
	free(big), free(empty), free(good), free(dir);
}

TEST(reuse_index_missing)
{
	char *dir = tpath("nope"), err[REUSE_ERRLEN];
	struct reuse_index *ix;
	struct reuse_writer *w;
	CHECK(reuse_open(dir, &ix, err) == APP_ENOTFOUND);
	CHECK_CONTAINS(err, "does not exist");
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_ENOTFOUND);
	/* an empty directory is not an index */
	mkdir(dir, 0777);
	CHECK(reuse_open(dir, &ix, err) == APP_ENOTFOUND);
	CHECK_CONTAINS(err, "not a reuse index");
	const char *av[] = { "reuse", "check", "--index", dir, "/etc/hostname" };
	CHECK_INT(run_cli(5, av), 1);
	free(dir);
}

TEST(reuse_index_locked)
{
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	const char *names[] = { "a.txt" };
	const char *texts[] = { "Nội dung văn bản thứ nhất dùng để kiểm tra khóa chỉ mục khi có hai tiến trình." };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	/* another process holds the writer lock */
	int pfd[2];
	CHECK(pipe(pfd) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		char *lp = xasprintf("%s/LOCK", dir);
		int fd = open(lp, O_RDWR);
		char c = flock(fd, LOCK_EX) == 0 ? 'y' : 'n';
		if (write(pfd[1], &c, 1) != 1)
			_exit(1);
		sleep(30);
		_exit(0);
	}
	char c = 0;
	CHECK(read(pfd[0], &c, 1) == 1 && c == 'y');
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_ECONFLICT);
	CHECK_CONTAINS(err, "locked by another process");
	/* readers are not blocked */
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	reuse_close(ix);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(pfd[0]);
	close(pfd[1]);
	/* the lock dies with its holder */
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
	reuse_writer_free(w);
	free(dir);
}

static char *seg_name(const char *dir)
{
	char *mp = xasprintf("%s/MANIFEST", dir), *m = NULL, *r = NULL;
	size_t len;
	if (file_read(mp, 0, &m, &len) == APP_OK) {
		char *s = strstr(m, "seg ");
		if (s) {
			char f[64];
			if (sscanf(s, "seg %63s", f) == 1)
				r = xasprintf("%s/%s", dir, f);
		}
	}
	free(m);
	free(mp);
	return r;
}

TEST(reuse_index_corrupted)
{
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *a = corpus_lines("vb_0004.txt", 0, 60000);
	if (!a) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(dir);
		return;
	}
	const char *names[] = { "a.txt" };
	const char *texts[] = { a };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	char *seg = seg_name(dir), *data = NULL;
	size_t len;
	CHECK(seg && file_read(seg, 0, &data, &len) == APP_OK);
	struct reuse_index *ix;
	/* flip one byte at many places: every one is detected when read */
	size_t spots[] = { 3, 100, 300, len / 3, len / 2, len - 9, len - 100 };
	for (size_t s = 0; s < ARRAY_SIZE(spots); s++) {
		data[spots[s]] ^= 0x10;
		put_file(seg, data, len);
		enum app_err e = reuse_open(dir, &ix, err);
		if (e == APP_OK) {
			e = reuse_verify(ix, err);
			struct reuse_report *r = NULL;
			enum app_err e2 = reuse_check(ix, a, strlen(a), NULL, NULL, &r, err);
			CHECK(e2 == APP_ECORRUPT || (r && r->share_total > 0.95));
			reuse_report_free(r);
			reuse_close(ix);
		}
		if (e != APP_ECORRUPT)
			test_fail(__FILE__, __LINE__, "flip at %zu of %zu not detected", spots[s], len);
		else
			CHECK_CONTAINS(err, "corrupted");
		data[spots[s]] ^= 0x10;
	}
	/* truncated */
	put_file(seg, data, len / 2);
	CHECK(reuse_open(dir, &ix, err) == APP_ECORRUPT);
	CHECK_CONTAINS(err, "truncated");
	put_file(seg, data, len);
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	reuse_close(ix);
	/* a damaged MANIFEST */
	char *mp = xasprintf("%s/MANIFEST", dir), *m = NULL;
	size_t ml;
	CHECK(file_read(mp, 0, &m, &ml) == APP_OK);
	m[25] ^= 1;
	put_file(mp, m, ml);
	CHECK(reuse_open(dir, &ix, err) == APP_ECORRUPT);
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_ECORRUPT);
	m[25] ^= 1;
	put_file(mp, m, ml - 3);
	CHECK(reuse_open(dir, &ix, err) == APP_ECORRUPT);
	free(m), free(mp), free(seg), free(data), free(a), free(dir);
}

static void crash_child(const char *dir, const char *point, const char *name, const char *text)
{
	pid_t pid = fork();
	if (pid == 0) {
		char err[REUSE_ERRLEN];
		struct reuse_writer *w;
		reuse_crash_point = point;
		if (reuse_writer_open(dir, false, &w, err) != APP_OK ||
		    reuse_writer_add(w, name, text, strlen(text), NULL, err) != APP_OK ||
		    reuse_writer_delete(w, "a.txt", err) != APP_OK)
			_exit(3);
		reuse_writer_commit(w, err);
		_exit(0);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 9);
}

TEST(reuse_index_interrupted)
{
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	char *a = corpus_lines("vb_0004.txt", 10000, 3000), *b = corpus_lines("vb_0030.txt", 2000, 3000);
	if (!a || !b) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(a), free(b), free(dir);
		return;
	}
	const char *names[] = { "a.txt" };
	const char *texts[] = { a };
	CHECK(index_docs(dir, names, texts, NULL, 1) == APP_OK);
	const char *points[] = { "segment", "manifest" };
	for (int i = 0; i < 2; i++) {
		crash_child(dir, points[i], "b.txt", b);
		/* the previous generation is intact: a.txt there, b.txt not */
		struct reuse_index *ix;
		CHECK(reuse_open(dir, &ix, err) == APP_OK);
		CHECK_INT(reuse_doc_count(ix), 1);
		CHECK(reuse_verify(ix, err) == APP_OK);
		reuse_close(ix);
		struct reuse_report *r = check_text(dir, a, strlen(a), NULL);
		if (r) {
			CHECK(r->share_total > 0.95);
			reuse_report_free(r);
		}
	}
	/* the next writer works and sweeps the leftovers */
	struct reuse_writer *w;
	CHECK(reuse_writer_open(dir, false, &w, err) == APP_OK);
	CHECK(reuse_writer_add(w, "b.txt", b, strlen(b), NULL, err) == APP_OK);
	CHECK(reuse_writer_commit(w, err) == APP_OK);
	reuse_writer_free(w);
	/* every segment or deletion file left is one the MANIFEST names: the half-written ones are gone */
	char *mp = xasprintf("%s/MANIFEST", dir), *man = NULL;
	size_t ml;
	CHECK(file_read(mp, 0, &man, &ml) == APP_OK);
	DIR *dh = opendir(dir);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		files++;
		if (strcmp(de->d_name, "LOCK") && strcmp(de->d_name, "MANIFEST") && (!man || !strstr(man, de->d_name)))
			test_fail(__FILE__, __LINE__, "leftover file %s", de->d_name);
	}
	closedir(dh);
	CHECK_INT(files, 4); /* LOCK, MANIFEST, a's segment, b's segment */
	free(man), free(mp);
	free(a), free(b), free(dir);
}

/* ---- the command line, as a new user would try it ---- */

static char *run_cli_capture(int argc, const char **argv, int *rc)
{
	char *out = tpath("stdout.txt");
	fflush(stdout);
	int saved = dup(1), fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 1);
	*rc = cmd_reuse(argc, (char **)argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	char *data = NULL;
	size_t len;
	if (file_read(out, 0, &data, &len) != APP_OK) {
		free(data);
		data = NULL;
	}
	free(out);
	return data;
}

TEST(reuse_cli_two_thirds_of_directive)
{
	/* a directive, ten unrelated documents, and a plan that copies two thirds of the directive */
	char *dirv = corpus_lines("vb_0004.txt", 10000, 6000), *own = corpus_lines("vb_0060.txt", 2000, 3000);
	if (!dirv || !own) {
		test_fail(__FILE__, __LINE__, "corpus missing");
		free(dirv), free(own);
		return;
	}
	char *dpath = tpath("ctr01.txt"), *dmeta = tpath("ctr01.txt.meta.json"), *ix = tpath("ix");
	put_file(dpath, dirv, strlen(dirv));
	const char *mj = "{\"unit\": \"TU\", \"directive\": \"01-CTr/TU\", \"kind\": \"directive\", \"year\": 2021}";
	put_file(dmeta, mj, strlen(mj));
	const char *argv[16] = { "reuse", "index", "--index", ix, dpath };
	int argc = 5;
	char *others[10];
	for (int i = 0; i < 10; i++) {
		char name[32];
		snprintf(name, sizeof(name), "vb_%04d.txt", 20 + i);
		char *t = corpus_lines(name, 0, 4000);
		others[i] = tpath(name);
		if (t)
			put_file(others[i], t, strlen(t));
		free(t);
		argv[argc++] = others[i];
	}
	int rc;
	char *o = run_cli_capture(argc, argv, &rc);
	CHECK_INT(rc, 0);
	free(o);
	/* the plan: two thirds of the directive's lines, unit names and dates changed, then its own text */
	size_t n = strlen(dirv), cut = n * 2 / 3;
	while (cut < n && dirv[cut - 1] != '\n')
		cut++;
	char *part = xstrndup(dirv, cut), *sw = replace_all(part, "Chính phủ", "huyện Thường Tín");
	char *sw2 = obfuscate(sw, OBF_NUMBERS);
	char *plan = xasprintf("ĐẢNG BỘ HUYỆN THƯỜNG TÍN\n*\nKẾ HOẠCH\nThực hiện Chương trình số 01-CTr/TU\n\n%s%s",
			       sw2, own);
	char *ppath = tpath("plan.txt");
	put_file(ppath, plan, strlen(plan));
	const char *cv[] = { "reuse", "check",       "--index",   ix,       "--json", "--unit", "HU-TT", "--parent",
			     "TU",    "--directive", "01-CTr/TU", "--kind", "plan",   "--year", "2025",  ppath };
	o = run_cli_capture(16, cv, &rc);
	CHECK_INT(rc, 0);
	json_error_t je;
	json_t *j = o ? json_loads(o, 0, &je) : NULL;
	CHECK(j != NULL);
	if (j) {
		double total = json_real_value(json_object_get(json_object_get(j, "share"), "total"));
		double sup = json_real_value(
			json_object_get(json_object_get(json_object_get(j, "share"), "by_scope"), "superior"));
		size_t expect = strlen(sw2) * 100 / (strlen(sw2) + strlen(own));
		if (total < expect / 100.0 - 0.1 || total > expect / 100.0 + 0.1)
			test_fail(__FILE__, __LINE__, "share %.3f, expected about %.2f", total, expect / 100.0);
		CHECK(sup > total - 0.05);
		json_t *ps = json_object_get(j, "passages");
		CHECK(json_array_size(ps) >= 1);
		/* passages point at the copied bytes of the plan, and at the directive */
		json_t *p0 = json_array_get(ps, 0);
		CHECK_STR(json_string_value(json_object_get(p0, "scope")), "superior");
		CHECK_STR(json_string_value(json_object_get(p0, "source")), dpath);
		json_int_t off = json_integer_value(json_object_get(p0, "offset"));
		CHECK(off >= (json_int_t)(strlen(plan) - strlen(sw2) - strlen(own)) - 2);
		json_decref(j);
	}
	/* the human summary names the directive */
	const char *hv[] = { "reuse", "check", "--index", ix, "--directive", "01-CTr/TU", ppath };
	free(o);
	o = run_cli_capture(7, hv, &rc);
	CHECK_INT(rc, 0);
	CHECK_CONTAINS(o, "superior");
	CHECK_CONTAINS(o, "ctr01.txt");
	free(o);
	/* delete through the CLI */
	const char *dv[] = { "reuse", "delete", "--index", ix, dpath };
	o = run_cli_capture(5, dv, &rc);
	CHECK_INT(rc, 0);
	free(o);
	const char *dv2[] = { "reuse", "delete", "--index", ix, dpath };
	o = run_cli_capture(5, dv2, &rc);
	CHECK_INT(rc, 1);
	free(o);
	for (int i = 0; i < 10; i++)
		free(others[i]);
	free(dirv), free(own), free(dpath), free(dmeta), free(ix), free(part), free(sw), free(sw2), free(plan),
		free(ppath);
}

TEST(reuse_index_big_batch_merges)
{
	/* a batch that flushes many segments before its commit ends up as one segment */
	char *dir = tpath("ix"), err[REUSE_ERRLEN];
	uint64_t saved = rix_flush_bytes;
	rix_flush_bytes = 1; /* every document flushes */
	struct reuse_writer *w;
	char *texts[12];
	CHECK(reuse_writer_open(dir, true, &w, err) == APP_OK);
	for (int i = 0; i < 12; i++) {
		texts[i] = corpus_lines("vb_0004.txt", (size_t)i * 3000, 1500);
		char *nm = xasprintf("d%d.txt", i);
		if (texts[i])
			CHECK(reuse_writer_add(w, nm, texts[i], strlen(texts[i]), NULL, err) == APP_OK);
		free(nm);
	}
	/* re-add one (its first copy is in an already flushed segment), delete another */
	if (texts[5])
		CHECK(reuse_writer_add(w, "d3.txt", texts[5], strlen(texts[5]), NULL, err) == APP_OK);
	CHECK(reuse_writer_delete(w, "d4.txt", err) == APP_OK);
	CHECK(reuse_writer_commit(w, err) == APP_OK);
	reuse_writer_free(w);
	rix_flush_bytes = saved;
	struct reuse_index *ix;
	CHECK(reuse_open(dir, &ix, err) == APP_OK);
	CHECK_INT(rix_nsegs(ix), 1);
	CHECK_INT(reuse_doc_count(ix), 11);
	CHECK(reuse_verify(ix, err) == APP_OK);
	reuse_close(ix);
	struct reuse_report *r = texts[3] ? check_text(dir, texts[3], strlen(texts[3]), NULL) : NULL;
	if (r) {
		for (size_t i = 0; i < r->npassages; i++)
			CHECK(strcmp(r->passages[i].source, "d3.txt") != 0); /* d3 now holds text 5 */
		reuse_report_free(r);
	}
	r = texts[7] ? check_text(dir, texts[7], strlen(texts[7]), NULL) : NULL;
	if (r) {
		CHECK(r->share_total > 0.9);
		reuse_report_free(r);
	}
	for (int i = 0; i < 12; i++)
		free(texts[i]);
	free(dir);
}
