/*
** Checking one document against the index: candidate retrieval from the
** winnowed fingerprints and the metadata, alignment (seed on every shared
** k-gram, chain along diagonals, extend, merge into passages), one source
** per span, shares by scope and source, boilerplate discounting, and the
** perfunctory-plan signals.
*/
#include <jansson.h>
#include <math.h>
#include <pthread.h>

#include "reuse/internal.h"

#define SK 4         /* seed k-gram */
#define MAXOCC 24    /* k-grams more frequent than this in the query seed nothing */
#define CH_GAP 16    /* tokens between seeds of one chain */
#define CH_DRIFT 6   /* diagonal drift inside a chain (inserted/dropped words) */
#define CH_MIN 6     /* fewest matched tokens of a chain that may seed a passage */
#define MERGE_GAP 40 /* tokens between chains merged into one passage */
#define MAX_SEEDS (1u << 21)
#define RETR_MAX 256 /* longest posting list that still selects candidates */

const char *reuse_scope_name(enum reuse_scope s)
{
	static const char *n[] = { "superior", "peer", "own", "other" };
	return s < REUSE_SCOPE_COUNT ? n[s] : "other";
}

void reuse_opts_default(struct reuse_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_candidates = 20;
	o->min_passage = 15;
}

/* ---- the query's k-gram table ---- */

struct qtab {
	uint64_t *h; /* slot hash, 0 = empty */
	int32_t *first;
	uint32_t *cnt;
	int32_t *next; /* per position: next position with the same k-gram */
	size_t mask, cap, ncap;
	uint64_t bloom[1024]; /* 64 Kbit filter of the k-grams present, tested before probing */
	uint64_t *gh;         /* per position: its k-gram hash (query only) */
	uint32_t *occ;        /* per position: occurrences of its k-gram (query only) */
};

/* (Re)build the k-gram table of keys[0..n); arrays are reused across calls. */
static void qtab_build(struct qtab *t, const uint32_t *keys, size_t n, bool per_pos)
{
	size_t cap = 16;
	while (cap < n * 2 + 16)
		cap <<= 1;
	if (cap > t->cap) {
		free(t->h);
		free(t->first);
		free(t->cnt);
		t->h = xmalloc(cap * 8);
		t->first = xmalloc(cap * 4);
		t->cnt = xmalloc(cap * 4);
		t->cap = cap;
	}
	if (n + 1 > t->ncap) {
		t->next = xrealloc(t->next, (n + 1) * 4);
		t->ncap = n + 1;
	}
	memset(t->h, 0, cap * 8);
	memset(t->bloom, 0, sizeof(t->bloom));
	t->mask = cap - 1;
	if (per_pos) {
		t->gh = xcalloc(n + 1, 8);
		t->occ = xcalloc(n + 1, 4);
	}
	if (n < SK)
		return;
	for (size_t i = n - SK + 1; i-- > 0;) {
		uint64_t h = rgram_hash(keys + i, SK) | 1;
		size_t j = (h >> 20) & t->mask;
		while (t->h[j] && t->h[j] != h)
			j = (j + 1) & t->mask;
		if (!t->h[j]) {
			t->h[j] = h;
			t->first[j] = -1;
			t->cnt[j] = 0;
		}
		t->next[i] = t->first[j];
		t->first[j] = (int32_t)i;
		t->cnt[j]++;
		t->bloom[(h >> 44) & 1023] |= (uint64_t)1 << ((h >> 38) & 63);
		if (per_pos)
			t->gh[i] = h;
	}
	if (per_pos)
		for (size_t i = 0; i + SK <= n; i++) {
			size_t j = (t->gh[i] >> 20) & t->mask;
			while (t->h[j] != t->gh[i])
				j = (j + 1) & t->mask;
			t->occ[i] = t->cnt[j];
		}
}

static void qtab_free(struct qtab *t)
{
	free(t->gh);
	free(t->occ);
	free(t->h);
	free(t->first);
	free(t->cnt);
	free(t->next);
}

/* ---- alignment of the query with one source ---- */

struct chain {
	uint32_t qs, qe, ss, se, li, lj, matched, qcov;
};

struct pas {
	uint32_t qs, qe, ss, se, matched;
	uint32_t cand;
	enum reuse_scope scope;
	double sim, prio;
	int owner; /* for resolution */
};

struct pvec {
	struct pas *v;
	size_t n, cap;
};

static void pvec_push(struct pvec *p, const struct pas *x)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = *x;
}

/* Stable LSD radix sort of seeds by their query position (the high word), 12 bits a pass. */
static void sort_by_query(uint64_t *a, size_t n, size_t nq)
{
	if (n < 2)
		return;
	uint64_t *t = xmalloc(n * 8);
	size_t cnt[4096];
	for (int sh = 0; ((size_t)1 << sh) < nq + 1; sh += 12) {
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i] >> (32 + sh)) & 4095]++;
		size_t sum = 0;
		for (size_t i = 0; i < 4096; i++) {
			size_t c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			t[cnt[(a[i] >> (32 + sh)) & 4095]++] = a[i];
		memcpy(a, t, n * 8);
	}
	free(t);
}

static int cmp_chain_qs(const void *a, const void *b)
{
	const struct chain *x = a, *y = b;
	if (x->qs != y->qs)
		return x->qs < y->qs ? -1 : 1;
	return x->ss < y->ss ? -1 : x->ss > y->ss;
}

/* Extend a chain token by token past its ends, tolerating lone substitutions. */
static void extend(struct chain *c, const uint32_t *q, size_t nq, const uint32_t *s, size_t ns, const uint8_t *cm)
{
	for (;;) {
		if (cm && c->qe < nq && cm[c->qe])
			break;
		if (c->qe < nq && c->se < ns && q[c->qe] == s[c->se]) {
			c->qe++, c->se++, c->matched++;
		} else if (c->qe + 2 < nq && c->se + 2 < ns && q[c->qe + 1] == s[c->se + 1] &&
			   q[c->qe + 2] == s[c->se + 2]) {
			c->qe += 3, c->se += 3, c->matched += 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (cm && c->qs > 0 && cm[c->qs - 1])
			break;
		if (c->qs > 0 && c->ss > 0 && q[c->qs - 1] == s[c->ss - 1]) {
			c->qs--, c->ss--, c->matched++;
		} else if (c->qs > 2 && c->ss > 2 && q[c->qs - 2] == s[c->ss - 2] && q[c->qs - 3] == s[c->ss - 3]) {
			c->qs -= 3, c->ss -= 3, c->matched += 2;
		} else {
			break;
		}
	}
}

static void align(const struct qtab *t, struct qtab *st, const uint32_t *q, size_t nq, const uint32_t *s, size_t ns,
		  int min_passage, uint32_t cand, enum reuse_scope scope, const uint8_t *common, const uint8_t *block,
		  struct pvec *out)
{
	if (ns < SK || nq < SK)
		return;
	uint64_t *seeds = NULL;
	size_t nseeds = 0, capseeds = 0;
	if (ns * 16 < nq) {
		/* very short source: a table of its k-grams, probed in query order, gives sorted seeds */
		qtab_build(st, s, ns, false);
		for (size_t i = 0; i + SK <= nq && nseeds < MAX_SEEDS; i++) {
			if ((block && block[i]) || t->occ[i] > MAXOCC)
				continue;
			uint64_t h = t->gh[i];
			if (!(st->bloom[(h >> 44) & 1023] & ((uint64_t)1 << ((h >> 38) & 63))))
				continue;
			size_t k = (h >> 20) & st->mask;
			while (st->h[k] && st->h[k] != h)
				k = (k + 1) & st->mask;
			if (!st->h[k] || st->cnt[k] > MAXOCC)
				continue;
			for (int32_t j = st->first[k]; j >= 0; j = st->next[j]) {
				if (nseeds == capseeds) {
					capseeds = capseeds ? capseeds * 2 : 1024;
					seeds = xrealloc(seeds, capseeds * 8);
				}
				seeds[nseeds++] = (uint64_t)(uint32_t)i << 32 | (uint32_t)j;
			}
		}
	} else {
		/*
		** otherwise probe the query's table (behind its Bloom filter, which
		** rejects most k-grams from L1) with each source k-gram, then sort by
		** query position
		*/
		for (size_t j = 0; j + SK <= ns && nseeds < MAX_SEEDS; j++) {
			uint64_t h = rgram_hash(s + j, SK) | 1;
			if (!(t->bloom[(h >> 44) & 1023] & ((uint64_t)1 << ((h >> 38) & 63))))
				continue;
			size_t k = (h >> 20) & t->mask;
			while (t->h[k] && t->h[k] != h)
				k = (k + 1) & t->mask;
			if (!t->h[k] || t->cnt[k] > MAXOCC)
				continue;
			for (int32_t i = t->first[k]; i >= 0; i = t->next[i]) {
				if (block && block[i])
					continue;
				if (nseeds == capseeds) {
					capseeds = capseeds ? capseeds * 2 : 1024;
					seeds = xrealloc(seeds, capseeds * 8);
				}
				seeds[nseeds++] = (uint64_t)(uint32_t)i << 32 | (uint32_t)j;
			}
		}
		sort_by_query(seeds, nseeds, nq);
	}
	if (!nseeds) {
		free(seeds);
		return;
	}

	/* chain seeds along diagonals */
	struct chain *ch = NULL;
	size_t nch = 0, capch = 0;
	enum { NACT = 32 };
	size_t act[NACT], nact = 0;
	for (size_t x = 0; x < nseeds; x++) {
		uint32_t i = (uint32_t)(seeds[x] >> 32), j = (uint32_t)seeds[x];
		size_t best = SIZE_MAX;
		uint32_t bestcost = UINT32_MAX;
		for (size_t a = 0; a < nact;) {
			struct chain *c = &ch[act[a]];
			if (i - c->li > CH_GAP) {
				act[a] = act[--nact];
				continue;
			}
			a++;
			if (j < c->lj || j - c->lj > CH_GAP + CH_DRIFT)
				continue;
			uint32_t di = i - c->li, dj = j - c->lj;
			uint32_t drift = di > dj ? di - dj : dj - di;
			if (drift > CH_DRIFT)
				continue;
			uint32_t cost = di + dj + 2 * drift;
			if (cost < bestcost) {
				bestcost = cost;
				best = (size_t)(c - ch);
			}
		}
		if (best != SIZE_MAX) {
			struct chain *c = &ch[best];
			uint32_t from = i > c->qcov ? i : c->qcov;
			if (i + SK > from)
				c->matched += i + SK - from;
			if (i + SK > c->qcov)
				c->qcov = i + SK;
			if (i + SK > c->qe)
				c->qe = i + SK;
			if (j + SK > c->se)
				c->se = j + SK;
			c->li = i;
			c->lj = j;
			continue;
		}
		if (nch == capch) {
			capch = capch ? capch * 2 : 256;
			ch = xrealloc(ch, capch * sizeof(*ch));
		}
		ch[nch] = (struct chain){ i, i + SK, j, j + SK, i, j, SK, i + SK };
		if (nact == NACT) {
			size_t old = 0;
			for (size_t a = 1; a < nact; a++)
				if (ch[act[a]].li < ch[act[old]].li)
					old = a;
			act[old] = act[--nact];
		}
		act[nact++] = nch++;
	}
	free(seeds);

	/* keep real chains, extend them */
	size_t m = 0;
	for (size_t x = 0; x < nch; x++)
		if (ch[x].matched >= CH_MIN) {
			extend(&ch[x], q, nq, s, ns, common);
			ch[m++] = ch[x];
		}
	if (m > 1)
		qsort(ch, m, sizeof(*ch), cmp_chain_qs);

	/*
	** 1: merge chains near on both sides into fragments (inserted/dropped
	** words), strongest chain first, so that a weak chance match cannot
	** swallow the span of a real one.
	*/
	bool *used = xcalloc(m + 1, 1);
	struct chain *fr = xmalloc((m + 1) * sizeof(*fr));
	size_t nfr = 0;
	uint64_t *ord = xmalloc((m + 1) * 8);
	uint32_t *cov = xcalloc(nq + 1, 4); /* query positions covered, by fragment stamp */
	for (size_t x = 0; x < m; x++)
		ord[x] = (uint64_t)(UINT32_MAX - ch[x].matched) << 32 | x;
	sort_by_query(ord, m, UINT32_MAX); /* by the high word: matched, descending */
	for (size_t ox = 0; ox < m; ox++) {
		size_t x = (uint32_t)ord[ox];
		if (used[x])
			continue;
		if (ox >= 4096) /* a pathological source: the weakest chains are noise */
			break;
		struct chain p = ch[x];
		uint32_t stamp = (uint32_t)nfr + 1;
		used[x] = true;
		for (uint32_t k = p.qs; k < p.qe; k++)
			cov[k] = stamp;
		bool grew = true;
		while (grew) {
			grew = false;
			for (size_t y = 0; y < m; y++) {
				if (used[y])
					continue;
				const struct chain *c = &ch[y];
				if (c->qs > p.qe + MERGE_GAP)
					break;
				if (c->qe + MERGE_GAP < p.qs)
					continue;
				uint32_t fresh = 0;
				for (uint32_t k = c->qs; k < c->qe; k++)
					fresh += cov[k] != stamp;
				if (!fresh) {
					/* adds nothing on the query side: a weaker repeat elsewhere in the source */
					used[y] = true;
					continue;
				}
				uint32_t sgap = c->ss > p.se ? c->ss - p.se : (p.ss > c->se ? p.ss - c->se : 0);
				uint32_t nqs = p.qs < c->qs ? p.qs : c->qs, nqe = p.qe > c->qe ? p.qe : c->qe;
				uint32_t nss = p.ss < c->ss ? p.ss : c->ss, nse = p.se > c->se ? p.se : c->se;
				if (sgap > MERGE_GAP || (nse - nss) > 2 * (nqe - nqs) + MERGE_GAP ||
				    (nqe - nqs) > 2 * (nse - nss) + MERGE_GAP)
					continue;
				/* matched grows by the chain's density over the query positions it adds */
				p.matched += (uint32_t)((uint64_t)c->matched * fresh / (c->qe - c->qs));
				for (uint32_t k = c->qs; k < c->qe; k++)
					cov[k] = stamp;
				p.qs = nqs, p.qe = nqe, p.ss = nss, p.se = nse;
				used[y] = true;
				grew = true;
			}
		}
		fr[nfr++] = p;
	}
	free(ord);
	free(cov);
	if (nfr > 1)
		qsort(fr, nfr, sizeof(*fr), cmp_chain_qs);

	/*
	** 2: reordered sentences: fragments adjacent in the query join, strongest
	** first, as long as their union in the source stays about as long as in
	** the query (shuffled pieces of one passage fill the same source span;
	** a piece that does not fit yet is retried after the others joined). A
	** fragment whose query span is mostly covered already is a repeat
	** elsewhere in the source and is dropped.
	*/
	bool *used2 = xcalloc(nfr + 1, 1);
	uint32_t *cov2 = xcalloc(nq + 1, 4);
	uint64_t *ord2 = xmalloc((nfr + 1) * 8);
	for (size_t x = 0; x < nfr; x++)
		ord2[x] = (uint64_t)(UINT32_MAX - fr[x].matched) << 32 | x;
	sort_by_query(ord2, nfr, UINT32_MAX);
	for (size_t ox = 0; ox < nfr; ox++) {
		size_t x = (uint32_t)ord2[ox];
		if (used2[x])
			continue;
		struct chain p = fr[x];
		uint32_t stamp = (uint32_t)ox + 1;
		used2[x] = true;
		for (uint32_t k = p.qs; k < p.qe; k++)
			cov2[k] = stamp;
		bool grew = true;
		while (grew) {
			grew = false;
			for (size_t y = 0; y < nfr; y++) {
				const struct chain *c = &fr[y];
				if (used2[y] || c->qe + MERGE_GAP < p.qs)
					continue;
				if (c->qs > p.qe + MERGE_GAP)
					break;
				uint32_t fresh = 0;
				for (uint32_t k = c->qs; k < c->qe; k++)
					fresh += cov2[k] != stamp;
				if (fresh * 2 < c->qe - c->qs) {
					used2[y] = true;
					continue;
				}
				uint32_t nqs = p.qs < c->qs ? p.qs : c->qs, nqe = p.qe > c->qe ? p.qe : c->qe;
				uint32_t nss = p.ss < c->ss ? p.ss : c->ss, nse = p.se > c->se ? p.se : c->se;
				uint32_t uq = nqe - nqs, us = nse - nss;
				if (us * 10 > uq * 13 + MERGE_GAP * 10 || uq * 10 > us * 13 + MERGE_GAP * 10)
					continue;
				p.matched += (uint32_t)((uint64_t)c->matched * fresh / (c->qe - c->qs));
				for (uint32_t k = c->qs; k < c->qe; k++)
					cov2[k] = stamp;
				p.qs = nqs, p.qe = nqe, p.ss = nss, p.se = nse;
				used2[y] = true;
				grew = true;
			}
		}
		uint32_t ql = p.qe - p.qs, sl = p.se - p.ss;
		if (p.matched > ql)
			p.matched = ql;
		if ((int)p.matched < min_passage || p.matched * 20 < ql * 9 || p.matched * 20 < sl * 9 ||
		    ql > 2 * sl + 10 || sl > 2 * ql + 10)
			continue;
		struct pas ps = { .qs = p.qs,
				  .qe = p.qe,
				  .ss = p.ss,
				  .se = p.se,
				  .matched = p.matched,
				  .cand = cand,
				  .scope = scope };
		ps.sim = (double)p.matched / (ql > sl ? ql : sl);
		pvec_push(out, &ps);
	}
	free(used2);
	free(cov2);
	free(ord2);
	free(fr);
	free(used);
	free(ch);
}

/* ---- candidates ---- */

struct cand {
	struct rdocinfo d;
	enum reuse_scope scope;
	uint32_t shared;
	uint32_t *off, *len; /* source token offsets, loaded on demand */
	const char *name;    /* in the report arena */
	double share;
};

static bool streq(const char *a, const char *b)
{
	return a && b && a[0] && strcmp(a, b) == 0;
}

static enum reuse_scope scope_of(const struct reuse_meta *q, const struct rdocinfo *s)
{
	if (!q)
		return REUSE_SCOPE_OTHER;
	if (s->kind == REUSE_KIND_DIRECTIVE &&
	    (streq(q->directive, s->directive) || (streq(q->parent, s->unit) && !q->directive)))
		return REUSE_SCOPE_SUPERIOR;
	if (streq(q->unit, s->unit))
		return REUSE_SCOPE_OWN;
	if (s->kind != REUSE_KIND_DIRECTIVE && (streq(q->directive, s->directive) || streq(q->parent, s->parent)))
		return REUSE_SCOPE_PEER;
	return REUSE_SCOPE_OTHER;
}

struct ctx {
	struct reuse_index *ix;
	struct reuse_report *r;
	struct arena *ar;
	struct cand *c;
	size_t nc, capc;
	const struct reuse_opts *o;
	const struct reuse_meta *meta;
};

static bool cand_has(const struct ctx *x, uint32_t seg, uint32_t local)
{
	for (size_t i = 0; i < x->nc; i++)
		if (x->c[i].d.seg == seg && x->c[i].d.local == local)
			return true;
	return false;
}

static enum app_err cand_add(struct ctx *x, uint32_t seg, uint32_t local, uint32_t shared)
{
	struct rdocinfo d;
	enum app_err e;
	if (cand_has(x, seg, local))
		return APP_OK;
	if ((e = rix_doc(x->ix, seg, local, &d)) != APP_OK)
		return e;
	if (rix_deleted(x->ix, d.id) || (x->o->exclude && strcmp(d.name, x->o->exclude) == 0))
		return APP_OK;
	if (x->nc == x->capc) {
		x->capc = x->capc ? x->capc * 2 : 64;
		x->c = xrealloc(x->c, x->capc * sizeof(*x->c));
	}
	struct cand *c = &x->c[x->nc++];
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->shared = shared;
	c->scope = scope_of(x->meta, &d);
	c->name = arena_strdup(x->ar, d.name);
	return APP_OK;
}

/* ---- the report's private part ---- */

struct priv {
	struct arena ar;
	struct rdoc d;
};

void reuse_report_free(struct reuse_report *r)
{
	if (!r)
		return;
	struct priv *p = r->priv;
	if (p) {
		rdoc_release(&p->d);
		arena_release(&p->ar);
		free(p);
	}
	free(r);
}

/* ---- perfunctory signals ---- */

struct sig_phr {
	const char *text;
	uint32_t k[4];
	size_t n;
};
static struct sig_phr lead_phr[] = { { .text = "chủ trì" },   { .text = "phối hợp" }, { .text = "giao" },
				     { .text = "phụ trách" }, { .text = "đầu mối" },  { .text = "trách nhiệm" } };
static struct sig_phr dl_phr[] = { { .text = "trước ngày" }, { .text = "quý" }, { .text = "hạn" },
				   { .text = "tháng" },      { .text = "năm" }, { .text = "hoàn thành" } };
static struct sig_phr num_ctx[] = { { .text = "năm" }, { .text = "ngày" },  { .text = "tháng" }, { .text = "quý" },
				    { .text = "số" },  { .text = "khoản" }, { .text = "điều" } };
static pthread_once_t sig_once = PTHREAD_ONCE_INIT;

static void sig_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(lead_phr); i++)
		lead_phr[i].n = rphrase_keys(lead_phr[i].text, lead_phr[i].k, 4);
	for (size_t i = 0; i < ARRAY_SIZE(dl_phr); i++)
		dl_phr[i].n = rphrase_keys(dl_phr[i].text, dl_phr[i].k, 4);
	for (size_t i = 0; i < ARRAY_SIZE(num_ctx); i++)
		num_ctx[i].n = rphrase_keys(num_ctx[i].text, num_ctx[i].k, 4);
}

static bool sig_at(const struct sig_phr *p, size_t np, const uint32_t *k, size_t a, size_t b)
{
	for (size_t i = 0; i < np; i++)
		if (p[i].n && p[i].k[0] == k[a] && a + p[i].n <= b && memcmp(k + a, p[i].k, p[i].n * 4) == 0)
			return true;
	return false;
}

static bool line_is_item(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return false;
	unsigned char c = (unsigned char)s[i];
	if (c == '-' || c == '+' || c == '*')
		return true;
	if (n - i >= 3 && (memcmp(s + i, "\xe2\x80\xa2", 3) == 0 || memcmp(s + i, "\xe2\x80\x93", 3) == 0))
		return true;
	size_t j = i;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j > i && j < n && (s[j] == '.' || s[j] == ')'))
		return true;
	if (j == i && i + 1 < n && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && s[i + 1] == ')')
		return true;
	return false;
}

/*
** A task's attribute sub-line, with or without a list marker: "- Chủ trì:
** Ban Tổ chức", "Thời hạn: quý II/2025", "+ Cơ quan phối hợp: ...". It
** belongs to the item above it (which gets credit for its lead, deadline
** and figures) and is not an item of its own.
*/
static bool line_is_attr(const char *s, size_t n)
{
	static const char *const labels[] = { "chu tri",         "phoi hop",   "thoi han", "thoi gian",   "ket qua",
					      "san pham",        "don vi",     "co quan",  "trach nhiem", "quy trinh",
					      "cach thuc",       "tien do",    "dau moi",  "phu trach",   "kinh phi",
					      "nguoi thuc hien", "hoan thanh", "giao" };
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '-' || s[i] == '+' || s[i] == '*'))
		i++;
	if (n - i >= 3 && (memcmp(s + i, "\xe2\x80\xa2", 3) == 0 || memcmp(s + i, "\xe2\x80\x93", 3) == 0))
		i += 3;
	const char *colon = memchr(s + i, ':', n - i);
	if (!colon || colon - (s + i) > 48 || colon == s + i)
		return false;
	char *f = text_fold(s + i, (size_t)(colon - (s + i)));
	bool hit = false;
	for (size_t k = 0; k < ARRAY_SIZE(labels) && !hit; k++)
		hit = strstr(f, labels[k]) != NULL;
	free(f);
	return hit;
}

static void ev_push(struct arena *ar, struct reuse_item_evidence **v, int *n, uint64_t off, uint64_t len)
{
	if (*n >= 5)
		return;
	if (!*v)
		*v = arena_alloc(ar, 5 * sizeof(**v));
	(*v)[(*n)++] = (struct reuse_item_evidence){ off, len };
}

static void signals(struct reuse_report *r, struct arena *ar, const struct rdoc *d)
{
	struct reuse_signals *sg = &r->signals;
	pthread_once(&sig_once, sig_init);
	const char *s = d->tb.s;
	size_t n = d->tb.len, t = 0;
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(s + a, '\n', n - a);
		size_t b = nl ? (size_t)(nl - s) : n, next = b + 1;
		if (line_is_item(s + a, b - a) && !line_is_attr(s + a, b - a)) {
			/* the item with its attribute sub-lines */
			while (next < n) {
				const char *nl2 = memchr(s + next, '\n', n - next);
				size_t b2 = nl2 ? (size_t)(nl2 - s) : n;
				if (!line_is_attr(s + next, b2 - next))
					break;
				b = b2;
				next = b2 + 1;
			}
			uint64_t oa = d->tb.src_off[a], ob = d->tb.src_off[b];
			while (t < d->n && d->off[t] < oa)
				t++;
			size_t t0 = t;
			while (t < d->n && d->off[t] < ob)
				t++;
			if (t - t0 >= 4) {
				bool num = false, dl = false, lead = false;
				for (size_t i = t0; i < t; i++) {
					uint8_t f = d->flags[i];
					if (f & RF_DATE)
						dl = true;
					if ((f & RF_NUM) && i > t0 &&
					    !(i > t0 && sig_at(num_ctx, ARRAY_SIZE(num_ctx), d->keys, i - 1, t)))
						num = true;
					if (sig_at(dl_phr, ARRAY_SIZE(dl_phr), d->keys, i, t) && i + 1 < t &&
					    (d->keys[i + 1] == KEY_NUM || d->keys[i + 1] == KEY_DATE ||
					     dl_phr[0].k[0] == d->keys[i]))
						dl = true;
					if (sig_at(lead_phr, ARRAY_SIZE(lead_phr), d->keys, i, t))
						lead = true;
				}
				sg->items++;
				if (!num) {
					sg->items_no_number++;
					ev_push(ar, &sg->ev_no_number, &sg->nev_no_number, oa, ob - oa);
				}
				if (!dl) {
					sg->items_no_deadline++;
					ev_push(ar, &sg->ev_no_deadline, &sg->nev_no_deadline, oa, ob - oa);
				}
				if (!lead) {
					sg->items_no_lead++;
					ev_push(ar, &sg->ev_no_lead, &sg->nev_no_lead, oa, ob - oa);
				}
			}
		}
		a = next;
	}
	sg->copied_share = r->share_total;
	sg->syllables = r->syllables;
	if (sg->superior_syllables)
		sg->length_ratio = (double)sg->syllables / sg->superior_syllables;
	int nr = 0;
	if (r->share_total >= 0.5)
		sg->reasons[nr++] = "copied";
	if (sg->items >= 3 && sg->items_no_number * 10 >= sg->items * 6)
		sg->reasons[nr++] = "no_numbers";
	if (sg->items >= 3 && sg->items_no_deadline * 10 >= sg->items * 6)
		sg->reasons[nr++] = "no_deadlines";
	if (sg->items >= 3 && sg->items_no_lead * 10 >= sg->items * 6)
		sg->reasons[nr++] = "no_leads";
	if (sg->superior_syllables && sg->length_ratio < 0.3)
		sg->reasons[nr++] = "short";
	sg->reasons[nr] = NULL;
	sg->perfunctory = nr > 0;
}

/* ---- the check ---- */

static int cmp_prio(const void *a, const void *b)
{
	const struct pas *x = a, *y = b;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->qs < y->qs ? -1 : x->qs > y->qs;
}

struct cnt_ent {
	uint32_t seg, local;
};

static enum app_err retrieve(struct ctx *x, const struct rdoc *d, uint8_t *common)
{
	struct reuse_index *ix = x->ix;
	size_t nseg = rix_nsegs(ix), nf;
	enum app_err e = APP_OK;
	uint32_t *fp = xmalloc((d->n + 1) * 4), *pos = xmalloc((d->n + 1) * 4);
	uint32_t *df = NULL, *docs = NULL;
	size_t capdocs = 0, ndocs;
	uint16_t **cnt = xcalloc(nseg + 1, sizeof(*cnt));
	struct cnt_ent *touched = NULL;
	size_t ntouched = 0, captouched = 0;

	nf = rwinnow(d->keys, d->n, RK, RW, fp, pos);
	df = xcalloc(nf + 1, 4);
	int df_max = x->o->df_max;
	if (df_max <= 0) {
		size_t live = reuse_doc_count(ix);
		df_max = (int)(live / 500 > 32 ? live / 500 : 32);
	}
	x->r->df_max = df_max;
	/*
	** One lookup per fingerprint and segment; the lists are kept for the
	** counting pass. Lists longer than RETR_MAX select no candidate even
	** below df_max (at a million documents df_max is 2,000): they cannot
	** single out a source, and decoding them would dominate the check.
	*/
	uint32_t limit = (uint32_t)df_max < RETR_MAX ? (uint32_t)df_max : RETR_MAX;
	size_t *lstart = xmalloc((nf * nseg + 1) * sizeof(size_t));
	uint32_t *flat = NULL;
	size_t nflat = 0, capflat = 0;
	/* lookups are latency-bound (random reads in big files): prefetch a batch ahead, in two stages */
	enum { PF = 32 };
	for (size_t f = 0; f < nf && f < PF; f++)
		for (size_t s = 0; s < nseg; s++)
			rix_prefetch(ix, s, fp[f], 0);
	for (size_t f = 0; f < nf && e == APP_OK; f++)
		for (size_t s = 0; s < nseg && e == APP_OK; s++) {
			if (s == 0 && f % PF == 0)
				for (size_t g = f; g < nf && g < f + PF; g++)
					for (size_t t = 0; t < nseg; t++) {
						rix_prefetch(ix, t, fp[g], 1);
						if (g + PF < nf)
							rix_prefetch(ix, t, fp[g + PF], 0);
					}
			lstart[f * nseg + s] = nflat;
			if ((e = rix_lookup(ix, s, fp[f], limit, &docs, &capdocs, &ndocs)) != APP_OK)
				break;
			df[f] += (uint32_t)ndocs;
			if (ndocs > limit)
				continue; /* counted, not listed: too frequent to tell sources apart */
			if (nflat + ndocs > capflat) {
				capflat = (nflat + ndocs) * 2 + 1024;
				flat = xrealloc(flat, capflat * 4);
			}
			if (ndocs)
				memcpy(flat + nflat, docs, ndocs * 4);
			nflat += ndocs;
		}
	lstart[nf * nseg] = nflat;
	uint32_t last_common = UINT32_MAX;
	for (size_t f = 0; f < nf && e == APP_OK; f++) {
		if (df[f] > (uint32_t)df_max) {
			x->r->common_fingerprints++;
			/* winnowing picks one k-gram per window: fill the gap to the previous common one */
			uint32_t from = pos[f];
			if (last_common != UINT32_MAX && pos[f] - last_common <= RW)
				from = last_common;
			memset(common + from, 1, pos[f] + RK - from);
			last_common = pos[f];
			continue;
		}
		if (!df[f])
			continue;
		for (size_t s = 0; s < nseg && e == APP_OK; s++) {
			size_t a = lstart[f * nseg + s], z = lstart[f * nseg + s + 1];
			if (a == z)
				continue;
			if (!cnt[s])
				cnt[s] = xcalloc(rix_seg_ndocs(ix, s) + 1, 2);
			for (size_t k = a; k < z; k++) {
				uint16_t *c = &cnt[s][flat[k]];
				if (*c == 0) {
					if (ntouched == captouched) {
						captouched = captouched ? captouched * 2 : 1024;
						touched = xrealloc(touched, captouched * sizeof(*touched));
					}
					touched[ntouched++] = (struct cnt_ent){ (uint32_t)s, flat[k] };
				}
				if (*c < UINT16_MAX)
					(*c)++;
			}
		}
	}
	if (e == APP_OK) {
		/* the top max_candidates by shared fingerprints: threshold from a histogram */
		size_t hist[65] = { 0 };
		for (size_t i = 0; i < ntouched; i++) {
			uint16_t c = cnt[touched[i].seg][touched[i].local];
			hist[c > 64 ? 64 : c]++;
		}
		size_t want = (size_t)x->o->max_candidates, got = 0;
		int thr = 64;
		/* three shared fingerprints at least: fewer are mostly chance */
		for (; thr > 3 && got + hist[thr] < want; thr--)
			got += hist[thr];
		/* take all above thr, then fill from thr in order of count */
		for (int pass = 0; pass < 2 && e == APP_OK; pass++)
			for (size_t i = 0; i < ntouched && e == APP_OK && x->nc < want; i++) {
				uint16_t c = cnt[touched[i].seg][touched[i].local];
				int cc = c > 64 ? 64 : c;
				if ((pass == 0 && cc > thr) || (pass == 1 && cc == thr))
					e = cand_add(x, touched[i].seg, touched[i].local, c);
			}
	}
	/* the superior directive and the unit's own documents, from metadata */
	if (e == APP_OK && x->meta) {
		uint32_t loc[64];
		size_t nl;
		for (int which = 0; which < 2; which++) {
			const char *v = which == 0 ? x->meta->directive : x->meta->unit;
			if (!v || !v[0])
				continue;
			char *key = xasprintf("%s:%s", which == 0 ? "d" : "u", v);
			for (size_t s = 0; s < nseg && e == APP_OK; s++) {
				if ((e = rix_meta_lookup(ix, s, key, loc, 64, &nl)) != APP_OK)
					break;
				for (size_t k = 0; k < nl && e == APP_OK; k++) {
					struct rdocinfo di;
					if ((e = rix_doc(ix, s, loc[k], &di)) != APP_OK)
						break;
					if (which == 0 && di.kind != REUSE_KIND_DIRECTIVE)
						continue;
					e = cand_add(x, (uint32_t)s, loc[k], cnt[s] ? cnt[s][loc[k]] : 0);
				}
			}
			free(key);
		}
	}
	for (size_t s = 0; s < nseg; s++)
		free(cnt[s]);
	free(cnt);
	free(touched);
	free(lstart);
	free(flat);
	free(fp);
	free(pos);
	free(df);
	free(docs);
	return e;
}

enum app_err reuse_check(struct reuse_index *ix, const char *data, size_t len, const struct reuse_meta *meta,
			 const struct reuse_opts *opts, struct reuse_report **out, char err[REUSE_ERRLEN])
{
	struct reuse_opts def;
	struct reuse_report *r = xcalloc(1, sizeof(*r));
	struct priv *p = xcalloc(1, sizeof(*p));
	struct ctx x = { .ix = ix, .r = r, .ar = &p->ar, .meta = meta };
	struct pvec pv = { 0 };
	struct qtab qt = { 0 }, st = { 0 };
	uint8_t *common = NULL, *block = NULL;
	int *owner = NULL;
	enum app_err e;

	*out = NULL;
	if (!opts) {
		reuse_opts_default(&def);
		opts = &def;
	}
	x.o = opts;
	r->priv = p;
	arena_init(&p->ar);
	struct rdoc *d = &p->d;
	if ((e = rdoc_parse(data, len, opts->keep_boiler, true, d, err)) != APP_OK)
		goto out;
	r->encoding = text_enc_name(d->enc);
	r->length = len;
	r->syllables = (uint32_t)d->n;
	r->index_docs = reuse_doc_count(ix);
	r->zone_syllables = d->zone_syl;
	r->nzones = d->nzones;
	r->zones = arena_alloc(&p->ar, (d->nzones + 1) * sizeof(*r->zones));
	r->zone_kinds = arena_alloc(&p->ar, (d->nzones + 1) * sizeof(char *));
	for (size_t i = 0; i < d->nzones; i++) {
		r->zones[i] = d->zones[i];
		r->zone_kinds[i] = d->zone_kind[i];
	}
	common = xcalloc(d->n + RK + 1, 1);
	if ((e = retrieve(&x, d, common)) != APP_OK) {
		rix_seterr(ix, err);
		goto out;
	}
	r->candidates = x.nc;

	/*
	** Common phrasing (fingerprints in more than df_max documents) seeds
	** nothing and stops extension, except against the superior directive:
	** many plans copying the directive is the very thing to find, not
	** boilerplate. (The unit's own earlier plans share its templates, so
	** they get no exemption.)
	*/
	block = xcalloc(d->n + 1, 1);
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = i; k < i + SK && k < d->n && !block[i]; k++)
			block[i] = common[k];
	r->common = arena_alloc(&p->ar, 5 * sizeof(*r->common));
	for (size_t i = 0; i < d->n;) {
		size_t j = i;
		while (j < d->n && common[j])
			j++;
		if (j - i >= 10) {
			r->common_syllables += (uint32_t)(j - i);
			if (r->ncommon < 5) {
				uint64_t a = d->off[i];
				r->common[r->ncommon++] = (struct reuse_span){ a, d->off[j - 1] + d->len[j - 1] - a };
			}
		}
		i = j > i ? j : i + 1;
	}
	qtab_build(&qt, d->keys, d->n, true);
	for (size_t i = 0; i < x.nc; i++) {
		struct cand *c = &x.c[i];
		bool trusted = c->scope == REUSE_SCOPE_SUPERIOR;
		if (c->scope == REUSE_SCOPE_SUPERIOR && !r->signals.superior_syllables)
			r->signals.superior_syllables = c->d.ntok;
		align(&qt, &st, d->keys, d->n, c->d.keys, c->d.ntok, opts->min_passage, (uint32_t)i, c->scope,
		      trusted ? NULL : common, trusted ? NULL : block, &pv);
	}
	size_t keep = 0;
	for (size_t i = 0; i < pv.n; i++) {
		struct pas *ps = &pv.v[i];
		ps->prio = ps->matched * ps->sim *
			   (ps->scope == REUSE_SCOPE_SUPERIOR ? 1.15
			    : ps->scope == REUSE_SCOPE_OWN    ? 1.1
							      : 1.0);
		pv.v[keep++] = *ps;
	}
	pv.n = keep;

	/* one source per span: best first; others become "also found in" */
	if (pv.n > 1)
		qsort(pv.v, pv.n, sizeof(*pv.v), cmp_prio);
	owner = xmalloc((d->n + 1) * sizeof(int));
	for (size_t i = 0; i <= d->n; i++)
		owner[i] = -1;
	struct pas *acc = xmalloc((pv.n + 1) * sizeof(*acc));
	const char ***also = xcalloc(pv.n + 1, sizeof(*also));
	size_t *nalso = xcalloc(pv.n + 1, sizeof(size_t));
	size_t nacc = 0;
	for (size_t i = 0; i < pv.n; i++) {
		struct pas ps = pv.v[i];
		uint32_t taken = 0, ql = ps.qe - ps.qs;
		int maj = -1;
		for (uint32_t t = ps.qs; t < ps.qe; t++)
			if (owner[t] >= 0) {
				taken++;
				maj = owner[t];
			}
		if (taken) {
			if (maj >= 0 && acc[maj].cand != ps.cand && nalso[maj] < 8) {
				const char *nm = x.c[ps.cand].name;
				bool dup = false;
				for (size_t k = 0; k < nalso[maj]; k++)
					dup |= also[maj][k] == nm;
				if (!dup) {
					if (!also[maj])
						also[maj] = arena_alloc(&p->ar, 9 * sizeof(char *));
					also[maj][nalso[maj]++] = nm;
				}
			}
			if (taken * 2 >= ql)
				continue;
			/* keep the longest free run */
			uint32_t bs = 0, bl = 0, rs = 0;
			for (uint32_t t = ps.qs; t <= ps.qe; t++) {
				if (t < ps.qe && owner[t] < 0) {
					if (t == ps.qs || owner[t - 1] >= 0)
						rs = t;
				} else if (t > ps.qs && owner[t - 1] < 0 && t - rs > bl) {
					bl = t - rs;
					bs = rs;
				}
			}
			if ((int)bl < opts->min_passage)
				continue;
			double sc = (double)(ps.se - ps.ss) / ql;
			uint32_t nss = ps.ss + (uint32_t)((bs - ps.qs) * sc),
				 nse = ps.ss + (uint32_t)((bs + bl - ps.qs) * sc);
			if (nse <= nss)
				continue;
			ps.matched = (uint32_t)((double)ps.matched * bl / ql);
			ps.qs = bs;
			ps.qe = bs + bl;
			ps.ss = nss;
			ps.se = nse;
		}
		for (uint32_t t = ps.qs; t < ps.qe; t++)
			owner[t] = (int)nacc;
		ps.owner = (int)nacc;
		acc[nacc++] = ps;
	}

	/* build the report */
	r->passages = arena_alloc(&p->ar, (nacc + 1) * sizeof(*r->passages));
	uint64_t cov = 0;
	for (size_t i = 0; i < nacc; i++) {
		struct pas *ps = &acc[i];
		struct cand *c = &x.c[ps->cand];
		if (!c->off) {
			c->off = xmalloc((c->d.ntok + 1) * 4);
			c->len = xmalloc((c->d.ntok + 1) * 4);
			if ((e = rix_doc_offsets(ix, &c->d, c->off, c->len)) != APP_OK) {
				rix_seterr(ix, err);
				free(also);
				free(nalso);
				free(acc);
				goto out;
			}
		}
		struct reuse_passage *rp = &r->passages[r->npassages++];
		rp->offset = d->off[ps->qs];
		rp->length = d->off[ps->qe - 1] + d->len[ps->qe - 1] - rp->offset;
		rp->source = c->name;
		rp->source_offset = c->off[ps->ss];
		rp->source_length = c->off[ps->se - 1] + c->len[ps->se - 1] - rp->source_offset;
		rp->scope = ps->scope;
		rp->similarity = ps->sim;
		rp->syllables = ps->qe - ps->qs;
		if (nalso[ps->owner]) {
			rp->also = arena_alloc(&p->ar, (nalso[ps->owner] + 1) * sizeof(char *));
			memcpy(rp->also, also[ps->owner], nalso[ps->owner] * sizeof(char *));
		}
		cov += rp->syllables;
		r->share_scope[ps->scope] += rp->syllables;
		c->share += rp->syllables;
	}
	free(also);
	free(nalso);
	free(acc);
	/* sort passages by offset */
	for (size_t i = 1; i < r->npassages; i++) {
		struct reuse_passage t = r->passages[i];
		size_t j = i;
		while (j > 0 && r->passages[j - 1].offset > t.offset) {
			r->passages[j] = r->passages[j - 1];
			j--;
		}
		r->passages[j] = t;
	}
	double tot = d->n ? (double)d->n : 1;
	r->share_total = cov / tot;
	for (int s = 0; s < REUSE_SCOPE_COUNT; s++)
		r->share_scope[s] /= tot;
	r->by_source = arena_alloc(&p->ar, (x.nc + 1) * sizeof(*r->by_source));
	for (size_t i = 0; i < x.nc; i++)
		if (x.c[i].share > 0)
			r->by_source[r->nby_source++] =
				(struct reuse_source_share){ x.c[i].name, x.c[i].scope, x.c[i].share / tot };
	signals(r, &p->ar, d);
	e = APP_OK;
out:
	for (size_t i = 0; i < x.nc; i++) {
		free(x.c[i].off);
		free(x.c[i].len);
	}
	free(x.c);
	free(pv.v);
	free(common);
	free(block);
	free(owner);
	qtab_free(&qt);
	qtab_free(&st);
	if (e != APP_OK) {
		reuse_report_free(r);
		return e;
	}
	*out = r;
	return APP_OK;
}

/* ---- JSON ---- */

static json_t *spans_json(const struct reuse_item_evidence *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:I}", "offset", (json_int_t)v[i].offset, "length",
						   (json_int_t)v[i].length));
	return a;
}

char *reuse_report_json(const struct reuse_report *r, const char *file)
{
	json_t *root = json_object(), *ps = json_array();
	for (size_t i = 0; i < r->npassages; i++) {
		const struct reuse_passage *p = &r->passages[i];
		json_t *o = json_pack("{s:s,s:I,s:I,s:I,s:I,s:s,s:f,s:i}", "source", p->source, "source_offset",
				      (json_int_t)p->source_offset, "source_length", (json_int_t)p->source_length,
				      "offset", (json_int_t)p->offset, "length", (json_int_t)p->length, "scope",
				      reuse_scope_name(p->scope), "similarity", round(p->similarity * 1000) / 1000,
				      "syllables", (int)p->syllables);
		if (p->also) {
			json_t *a = json_array();
			for (size_t k = 0; p->also[k]; k++)
				json_array_append_new(a, json_string(p->also[k]));
			json_object_set_new(o, "also_found_in", a);
		}
		json_array_append_new(ps, o);
	}
	json_object_set_new(root, "file", json_string(file ? file : ""));
	json_object_set_new(root, "encoding", json_string(r->encoding ? r->encoding : ""));
	json_object_set_new(root, "length", json_integer((json_int_t)r->length));
	json_object_set_new(root, "syllables", json_integer(r->syllables));
	json_object_set_new(root, "passages", ps);
	json_t *share = json_object(), *bys = json_object(), *bysrc = json_object();
	json_object_set_new(share, "total", json_real(round(r->share_total * 10000) / 10000));
	for (int s = 0; s < REUSE_SCOPE_COUNT; s++)
		json_object_set_new(bys, reuse_scope_name(s), json_real(round(r->share_scope[s] * 10000) / 10000));
	for (size_t i = 0; i < r->nby_source; i++)
		json_object_set_new(bysrc, r->by_source[i].source,
				    json_real(round(r->by_source[i].share * 10000) / 10000));
	json_object_set_new(share, "by_scope", bys);
	json_object_set_new(share, "by_source", bysrc);
	json_object_set_new(root, "share", share);
	json_t *disc = json_object(), *zones = json_array(), *com = json_array();
	for (size_t i = 0; i < r->nzones; i++)
		json_array_append_new(zones, json_pack("{s:s,s:I,s:I}", "kind", r->zone_kinds[i], "offset",
						       (json_int_t)r->zones[i].offset, "length",
						       (json_int_t)r->zones[i].length));
	for (size_t i = 0; i < r->ncommon; i++)
		json_array_append_new(com, json_pack("{s:I,s:I}", "offset", (json_int_t)r->common[i].offset, "length",
						     (json_int_t)r->common[i].length));
	json_object_set_new(disc, "zones", zones);
	json_object_set_new(disc, "zone_syllables", json_integer(r->zone_syllables));
	json_object_set_new(disc, "common_fingerprints", json_integer(r->common_fingerprints));
	json_object_set_new(disc, "df_max", json_integer(r->df_max));
	json_object_set_new(disc, "common_syllables", json_integer(r->common_syllables));
	json_object_set_new(disc, "common_examples", com);
	json_object_set_new(root, "discounted", disc);
	const struct reuse_signals *sg = &r->signals;
	json_t *sj = json_object(), *rs = json_array();
	json_object_set_new(sj, "copied_share", json_real(round(sg->copied_share * 10000) / 10000));
	json_object_set_new(sj, "items", json_integer(sg->items));
	json_object_set_new(sj, "items_without_number", json_integer(sg->items_no_number));
	json_object_set_new(sj, "items_without_deadline", json_integer(sg->items_no_deadline));
	json_object_set_new(sj, "items_without_lead", json_integer(sg->items_no_lead));
	json_object_set_new(sj, "examples_without_number", spans_json(sg->ev_no_number, sg->nev_no_number));
	json_object_set_new(sj, "examples_without_deadline", spans_json(sg->ev_no_deadline, sg->nev_no_deadline));
	json_object_set_new(sj, "examples_without_lead", spans_json(sg->ev_no_lead, sg->nev_no_lead));
	json_object_set_new(sj, "syllables", json_integer(sg->syllables));
	json_object_set_new(sj, "superior_syllables", json_integer(sg->superior_syllables));
	json_object_set_new(sj, "length_ratio", json_real(round(sg->length_ratio * 1000) / 1000));
	json_object_set_new(sj, "perfunctory", json_boolean(sg->perfunctory));
	for (int i = 0; sg->reasons[i]; i++)
		json_array_append_new(rs, json_string(sg->reasons[i]));
	json_object_set_new(sj, "reasons", rs);
	json_object_set_new(root, "signals", sj);
	json_object_set_new(root, "candidates", json_integer((json_int_t)r->candidates));
	json_object_set_new(root, "index_documents", json_integer((json_int_t)r->index_docs));
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(root);
	char *out = xstrdup(s ? s : "{}");
	free(s);
	return out;
}

/* ---- sidecar metadata ---- */

enum app_err reuse_meta_load(const char *path, struct reuse_meta *m, char **owned, char err[REUSE_ERRLEN])
{
	char *data = NULL;
	size_t len;
	enum app_err e = file_read(path, 1 << 20, &data, &len);
	*owned = NULL;
	if (e != APP_OK) {
		free(data);
		snprintf(err, REUSE_ERRLEN, "cannot read %s", path);
		return e;
	}
	json_error_t je;
	json_t *j = json_loadb(data, len, 0, &je);
	free(data);
	if (!j || !json_is_object(j)) {
		snprintf(err, REUSE_ERRLEN, "%s: not a JSON object (%s)", path, j ? "" : je.text);
		json_decref(j);
		return APP_EINVAL;
	}
	/* one allocation: five NUL-terminated strings */
	const char *names[] = { "unit", "parent", "directive", "kind" };
	const char *v[4];
	size_t total = 4;
	for (int i = 0; i < 4; i++) {
		json_t *x = json_object_get(j, names[i]);
		v[i] = json_is_string(x) ? json_string_value(x) : "";
		total += strlen(v[i]) + 1;
	}
	char *buf = xmalloc(total), *q = buf;
	const char *dst[4];
	for (int i = 0; i < 4; i++) {
		size_t l = strlen(v[i]);
		memcpy(q, v[i], l + 1);
		dst[i] = q;
		q += l + 1;
	}
	memset(m, 0, sizeof(*m));
	m->unit = dst[0][0] ? dst[0] : NULL;
	m->parent = dst[1][0] ? dst[1] : NULL;
	m->directive = dst[2][0] ? dst[2] : NULL;
	m->kind = strcmp(dst[3], "directive") == 0 ? REUSE_KIND_DIRECTIVE
		  : strcmp(dst[3], "plan") == 0    ? REUSE_KIND_PLAN
						   : REUSE_KIND_NONE;
	json_t *y = json_object_get(j, "year");
	if (json_is_integer(y))
		m->year = (int)json_integer_value(y);
	json_decref(j);
	*owned = buf;
	return APP_OK;
}
