/*
** From raw bytes to the engine's token stream: decode (src/text), syllables,
** class folding (numbers, dates, document numbers, unit names) and removal of
** the zones every official document carries (national header, motto,
** "Nơi nhận" and signature block).
*/
#include <pthread.h>
#include <utf8proc.h>

#include "reuse/internal.h"

uint32_t rkey32(uint64_t k)
{
	uint32_t v = (uint32_t)(k ^ (k >> 32));
	return v < 16 ? v + 16 : v;
}

size_t rphrase_keys(const char *phrase, uint32_t *out, size_t max)
{
	struct text_syl *s;
	size_t n = text_syllables(phrase, strlen(phrase), &s), m = 0;
	for (size_t i = 0; i < n && m < max; i++)
		out[m++] = rkey32(s[i].key);
	free(s);
	return m;
}

struct phrase {
	const char *text;
	uint32_t k[8];
	size_t n;
};

/* Words that introduce a unit name ("huyện Thường Tín", "Đảng ủy xã Vân Tảo"). */
static struct phrase unit_trig[] = {
	{ .text = "thị xã" },   { .text = "thành phố" }, { .text = "đảng ủy" }, { .text = "đảng bộ" },
	{ .text = "huyện ủy" }, { .text = "quận ủy" },   { .text = "thị ủy" },  { .text = "thành ủy" },
	{ .text = "tỉnh ủy" },  { .text = "chi bộ" },    { .text = "huyện" },   { .text = "xã" },
	{ .text = "phường" },   { .text = "quận" },      { .text = "tỉnh" },    { .text = "thôn" },
	{ .text = "thị trấn" },
};
static struct phrase hdr_phr[] = {
	{ .text = "đảng cộng sản việt nam" },
	{ .text = "cộng hòa xã hội chủ nghĩa việt nam" },
	{ .text = "độc lập tự do hạnh phúc" },
};
/* Headings that name the document type, on a line of their own, in capitals. */
static struct phrase type_phr[] = {
	{ .text = "kế hoạch" },   { .text = "chương trình" }, { .text = "nghị quyết" }, { .text = "chỉ thị" },
	{ .text = "quyết định" }, { .text = "báo cáo" },      { .text = "hướng dẫn" },  { .text = "thông báo" },
	{ .text = "kết luận" },   { .text = "nghị định" },    { .text = "thông tư" },   { .text = "quy định" },
	{ .text = "luật" },       { .text = "công văn" },     { .text = "tờ trình" },   { .text = "đề án" },
};
/* Lines of legal basis right after the title. */
static struct phrase basis_phr[] = {
	{ .text = "căn cứ" },
	{ .text = "thực hiện" },
	{ .text = "theo đề nghị" },
	{ .text = "xét đề nghị" },
};
static struct phrase recip_phr[] = { { .text = "nơi nhận" } };
static struct phrase sig_phr[] = {
	{ .text = "t m" },   { .text = "k t" },    { .text = "tm" },         { .text = "kt" },
	{ .text = "đã ký" }, { .text = "bí thư" }, { .text = "phó bí thư" }, { .text = "chủ tịch" },
};

static pthread_once_t phr_once = PTHREAD_ONCE_INIT;

static void phr_init_list(struct phrase *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i].n = rphrase_keys(p[i].text, p[i].k, ARRAY_SIZE(p[i].k));
}

static void phr_init(void)
{
	phr_init_list(unit_trig, ARRAY_SIZE(unit_trig));
	phr_init_list(hdr_phr, ARRAY_SIZE(hdr_phr));
	phr_init_list(recip_phr, ARRAY_SIZE(recip_phr));
	phr_init_list(type_phr, ARRAY_SIZE(type_phr));
	phr_init_list(basis_phr, ARRAY_SIZE(basis_phr));
	phr_init_list(sig_phr, ARRAY_SIZE(sig_phr));
}

/* Length of the phrase of list that matches keys at i, 0 if none. */
static size_t phr_match(const struct phrase *p, size_t np, const uint32_t *keys, size_t n, size_t i)
{
	for (size_t j = 0; j < np; j++)
		if (p[j].n && p[j].k[0] == keys[i] && i + p[j].n <= n && memcmp(keys + i, p[j].k, p[j].n * 4) == 0)
			return p[j].n;
	return 0;
}

/* Newlines between the end of token i-1 and the start of token i (2 = blank line). */
static int nl_before(const struct text_buf *tb, const struct text_syl *s, size_t i)
{
	if (i == 0)
		return 2;
	int nl = 0;
	for (size_t p = s[i - 1].off + s[i - 1].len; p < s[i].off && nl < 2; p++)
		nl += tb->s[p] == '\n';
	return nl;
}

/* True when the line holding byte off starts with an item marker: - + * 1. 2) a) I. II. */
static bool line_marked(const struct text_buf *tb, size_t off)
{
	size_t a = off;
	while (a > 0 && tb->s[a - 1] != '\n')
		a--;
	while (a < tb->len && (tb->s[a] == ' ' || tb->s[a] == '\t'))
		a++;
	const char *p = tb->s + a;
	size_t n = tb->len - a, j = 0;
	if (n == 0)
		return false;
	if (*p == '-' || *p == '+' || *p == '*' ||
	    (n >= 3 && (memcmp(p, "\xe2\x80\xa2", 3) == 0 || memcmp(p, "\xe2\x80\x93", 3) == 0)))
		return true;
	while (j < n && p[j] >= '0' && p[j] <= '9')
		j++;
	if (j > 0)
		return j < n && (p[j] == '.' || p[j] == ')');
	while (j < n && strchr("IVXLC", p[j]))
		j++;
	if (j > 0 && j < n && p[j] == '.')
		return true;
	return n >= 2 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) && p[1] == ')';
}

static bool all_caps(const struct text_buf *tb, const struct text_syl *t)
{
	utf8proc_int32_t cp;
	for (size_t p = t->off; p < t->off + t->len;) {
		utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)tb->s + p,
						      (utf8proc_ssize_t)(t->off + t->len - p), &cp);
		if (r <= 0)
			return false;
		if (utf8proc_islower(cp))
			return false;
		p += (size_t)r;
	}
	return true;
}

/*
** The front matter of an official document: everything up to the type
** heading (KẾ HOẠCH on its own line), the title paragraph after it (which
** quotes the directive) and the "Căn cứ ..." lines. Returns the token where
** the body starts (0 when no heading is found) and the end of the title.
*/
static size_t front_matter(const struct text_buf *tb, const struct text_syl *s, const uint32_t *raw, size_t n,
			   size_t *title_from, size_t *basis_from)
{
	size_t lim = n < 220 ? n : 220, h = n, he = 0;
	for (size_t i = 0; i < lim && h == n; i++) {
		size_t m;
		if (nl_before(tb, s, i) == 0 || !(m = phr_match(type_phr, ARRAY_SIZE(type_phr), raw, n, i)))
			continue;
		if (i + m < n && nl_before(tb, s, i + m) == 0)
			continue;
		bool caps = true;
		for (size_t k = i; k < i + m; k++)
			caps = caps && all_caps(tb, &s[k]);
		if (caps)
			h = i, he = i + m;
	}
	if (h == n)
		return 0;
	/* the title: the next paragraph (to a blank line or a basis line), at most 120 syllables */
	size_t t = he;
	*title_from = he;
	bool no_title = t < n && (phr_match(basis_phr, ARRAY_SIZE(basis_phr), raw, n, t) || line_marked(tb, s[t].off));
	while (!no_title && t < n && t < he + 120) {
		t++;
		if (t < n && (nl_before(tb, s, t) == 2 ||
			      (nl_before(tb, s, t) == 1 &&
			       (phr_match(basis_phr, ARRAY_SIZE(basis_phr), raw, n, t) || line_marked(tb, s[t].off)))))
			break;
	}
	*basis_from = t;
	/* the basis lines: each line that starts with Căn cứ / Thực hiện / Theo đề nghị */
	while (t < n && t < he + 500 && nl_before(tb, s, t) >= 1 &&
	       phr_match(basis_phr, ARRAY_SIZE(basis_phr), raw, n, t)) {
		t++;
		while (t < n && nl_before(tb, s, t) == 0)
			t++;
	}
	return t;
}

void rdoc_release(struct rdoc *d)
{
	free(d->keys);
	free(d->off);
	free(d->len);
	free(d->flags);
	if (d->has_tb)
		text_buf_release(&d->tb);
	memset(d, 0, sizeof(*d));
}

static void add_zone(struct rdoc *d, const char *kind, uint64_t off, uint64_t len)
{
	if (d->nzones < RMAX_ZONES) {
		d->zones[d->nzones] = (struct reuse_span){ off, len };
		d->zone_kind[d->nzones++] = kind;
	}
}

enum app_err rdoc_parse(const char *data, size_t len, bool keep_boiler, bool keep_text, struct rdoc *d,
			char err[REUSE_ERRLEN])
{
	struct text_buf tb;
	struct text_syl *s = NULL;
	enum app_err e;

	memset(d, 0, sizeof(*d));
	pthread_once(&phr_once, phr_init);
	if (len == 0) {
		snprintf(err, REUSE_ERRLEN, "empty file");
		return APP_EINVAL;
	}
	if (len > REUSE_MAX_INPUT) {
		snprintf(err, REUSE_ERRLEN, "file too large (%zu bytes; the limit is %u MiB)", len,
			 REUSE_MAX_INPUT >> 20);
		return APP_ETOOBIG;
	}
	e = text_decode(data, len, TEXT_ENC_UNKNOWN, &tb);
	if (e != APP_OK) {
		snprintf(err, REUSE_ERRLEN, "%s",
			 e == APP_ETOOBIG ? "file too large"
					  : "not text: binary, or neither UTF-8 nor a known Vietnamese encoding");
		return e;
	}
	size_t n = text_syllables(tb.s, tb.len, &s);
	d->enc = tb.enc;
	d->inlen = len;
	d->keys = xmalloc((n + 1) * sizeof(uint32_t));
	d->off = xmalloc((n + 1) * sizeof(uint32_t));
	d->len = xmalloc((n + 1) * sizeof(uint32_t));
	d->flags = xmalloc(n + 1);

	/* raw keys first, for rule matching */
	uint32_t *raw = xmalloc((n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		raw[i] = rkey32(s[i].key);

	/* zones to drop: [from, to) in syllables */
	uint8_t *drop = xcalloc(n + 1, 1);
	if (!keep_boiler && n > 0) {
		size_t head = n < 600 ? n / 4 + 20 : 170;
		for (size_t i = 0; i < n && i < head; i++) {
			size_t m = phr_match(hdr_phr, ARRAY_SIZE(hdr_phr), raw, n, i);
			if (m) {
				memset(drop + i, 1, m);
				uint32_t a = tb.src_off[s[i].off];
				uint32_t b = tb.src_off[s[i + m - 1].off + s[i + m - 1].len];
				add_zone(d, m == hdr_phr[2].n && raw[i] == hdr_phr[2].k[0] ? "motto" : "header", a,
					 b - a);
				i += m - 1;
			}
		}
		size_t title_from = 0, basis_from = 0, body = front_matter(&tb, s, raw, n, &title_from, &basis_from);
		if (body > 0) {
			memset(drop, 1, body);
			size_t marks[4] = { 0, title_from, basis_from, body };
			const char *kinds[3] = { "header", "title", "basis" };
			for (int z = 0; z < 3; z++) {
				if (marks[z + 1] <= marks[z])
					continue;
				uint32_t a = tb.src_off[s[marks[z]].off];
				uint32_t b = tb.src_off[s[marks[z + 1] - 1].off + s[marks[z + 1] - 1].len];
				add_zone(d, kinds[z], a, b - a);
			}
		}
		size_t tail_from = n * 6 / 10, cut = n;
		const char *cut_kind = NULL;
		for (size_t i = tail_from; i < n; i++) {
			if (phr_match(recip_phr, 1, raw, n, i) && s[i].sentence_start) {
				cut = i;
				cut_kind = "recipients";
				break;
			}
		}
		size_t sig_from = n > 400 ? n - 60 : n * 85 / 100;
		for (size_t i = sig_from; i < cut; i++) {
			if (s[i].sentence_start && phr_match(sig_phr, ARRAY_SIZE(sig_phr), raw, n, i) && s[i].upper) {
				cut = i;
				cut_kind = "signature";
				break;
			}
		}
		if (cut < n) {
			/* the block runs to the end, or 150 syllables when an appendix follows */
			size_t end = n - cut > 150 ? cut + 150 : n;
			memset(drop + cut, 1, end - cut);
			uint32_t a = tb.src_off[s[cut].off];
			uint32_t b = end == n ? (uint32_t)len : tb.src_off[s[end].off];
			add_zone(d, cut_kind, a, b - a);
		}
	}

	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i]) {
			d->zone_syl++;
			continue;
		}
		uint32_t key = raw[i];
		size_t j = i, t;
		/* unit names: trigger words, then capitalised syllables */
		if (s[i].cls == TCLS_WORD) {
			while (j < n && !drop[j] && (t = phr_match(unit_trig, ARRAY_SIZE(unit_trig), raw, n, j)))
				j += t;
			size_t name = j;
			if (j > i) {
				while (name < n && name < j + 3 && !drop[name] && s[name].cls == TCLS_WORD &&
				       s[name].upper && !(name > j && s[name].sentence_start))
					name++;
			}
			if (name > j) {
				key = KEY_UNIT;
				j = name - 1;
			} else {
				j = i;
			}
		}
		if (s[i].cls == TCLS_NUM)
			key = KEY_NUM;
		else if (s[i].cls == TCLS_DATE)
			key = KEY_DATE;
		else if (s[i].cls == TCLS_DOCNO)
			key = KEY_DOCNO;
		uint32_t a = tb.src_off[s[i].off];
		uint32_t b = tb.src_off[s[j].off + s[j].len];
		d->keys[m] = key;
		d->off[m] = a;
		d->len[m] = b - a;
		d->flags[m] = (uint8_t)((s[i].sentence_start ? RF_SSTART : 0) | (s[i].cls == TCLS_NUM ? RF_NUM : 0) |
					(s[i].cls == TCLS_DATE ? RF_DATE : 0) | (s[i].upper ? RF_UPPER : 0));
		m++;
		i = j;
	}
	d->n = m;
	free(raw);
	free(drop);
	free(s);
	if (keep_text) {
		d->tb = tb;
		d->has_tb = true;
	} else {
		text_buf_release(&tb);
	}
	return APP_OK;
}

size_t rwinnow(const uint32_t *keys, size_t n, int k, int w, uint32_t *fp, uint32_t *pos)
{
	if (n < (size_t)k)
		return 0;
	size_t ng = n - (size_t)k + 1, cnt = 0;
	/* monotone deque of k-gram indexes with increasing hashes */
	size_t *dq = xmalloc(ng * sizeof(size_t));
	uint32_t *h = xmalloc(ng * sizeof(uint32_t));
	size_t head = 0, tail = 0;
	size_t last = SIZE_MAX;
	for (size_t i = 0; i < ng; i++)
		h[i] = (uint32_t)(rgram_hash(keys + i, k) >> 32);
	for (size_t i = 0; i < ng; i++) {
		/* rightmost minimum: pop entries >= the new one */
		while (tail > head && h[dq[tail - 1]] >= h[i])
			tail--;
		dq[tail++] = i;
		if (dq[head] + (size_t)w <= i)
			head++;
		if (i + 1 >= (size_t)w || i + 1 == ng) {
			size_t sel = dq[head];
			if (sel != last) {
				fp[cnt] = h[sel];
				pos[cnt++] = (uint32_t)sel;
				last = sel;
			}
		}
	}
	free(dq);
	free(h);
	return cnt;
}

uint64_t rsum64(const void *p, size_t n, uint64_t seed)
{
	const uint8_t *b = p;
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ull);
	uint64_t a1 = 0x243F6A8885A308D3ull, a2 = 0x13198A2E03707344ull;
	size_t i = 0;
	for (; i + 16 <= n; i += 16) {
		uint64_t x, y;
		memcpy(&x, b + i, 8);
		memcpy(&y, b + i + 8, 8);
		a1 = (a1 ^ x) * 0xff51afd7ed558ccdull;
		a2 = (a2 ^ y) * 0xc4ceb9fe1a85ec53ull;
		a1 = (a1 << 31) | (a1 >> 33);
		a2 = (a2 << 29) | (a2 >> 35);
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	h ^= a1 * 0x9E3779B97F4A7C15ull;
	h ^= a2 + (h << 6) + (h >> 2);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}
