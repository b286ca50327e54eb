/*
** PAN plagiarism-detection measures (Potthast et al., "An Evaluation
** Framework for Plagiarism Detection", COLING 2010; the webis reference
** pan09-plagiarism-detection-performance-measures.py used at PAN 2009-2014),
** re-implemented in C so that the benchmark has no Python dependency.
**
** Semantics follow the reference exactly:
**  - an annotation is (this_ref, this_off, this_len, src_ref, src_off,
**    src_len, external); offsets are bytes here;
**  - two annotations overlap when they share this_ref and their "this"
**    ranges intersect and, when both are external, they share src_ref and
**    their source ranges intersect;
**  - case recall = (bytes of the case covered by overlapping detections on
**    the suspicious side + the same on the source side) / (this_len +
**    src_len);
**  - macro recall = sum of case recalls / number of cases (1 when there are
**    neither cases nor detections, 0 when only one of them is empty);
**  - macro precision = macro recall with cases and detections swapped;
**  - granularity = mean number of overlapping detections per detected case
**    (1 when nothing is detected);
**  - plagdet = F1(prec, rec) / log2(1 + granularity).
** Like the reference (which keeps annotations in sets), identical
** detections count once: call pd_dedup() first.
**
** Header-only because the Makefile builds every bench .c file into its own
** program; plagdet.c and tests/unit/test_reuse_eval.c include it.
*/
#ifndef GIAMSAT_BENCH_PLAGDET_CORE_H
#define GIAMSAT_BENCH_PLAGDET_CORE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define PD_FN static __attribute__((unused))

struct pd_ann {
	const char *tref; /* suspicious document */
	long toff, tlen;
	const char *sref; /* source document ("" when not external) */
	long soff, slen;
	bool ext;
	int group; /* caller's tag: obfuscation kind index, -1 none */
	int scope; /* caller's tag: scope index, -1 none */
};

PD_FN bool pd_overlap(const struct pd_ann *a, const struct pd_ann *b)
{
	bool hit = strcmp(a->tref, b->tref) == 0 && b->toff + b->tlen > a->toff && b->toff < a->toff + a->tlen;

	if (a->ext && b->ext)
		hit = hit && strcmp(a->sref, b->sref) == 0 && b->soff + b->slen > a->soff &&
		      b->soff < a->soff + a->slen;
	return hit;
}

struct pd_iv {
	long lo, hi;
};

static int pd_iv_cmp(const void *x, const void *y)
{
	const struct pd_iv *a = x, *b = y;

	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* Length of the union of n half-open intervals (sorted in place). */
PD_FN long pd_union_len(struct pd_iv *iv, size_t n)
{
	long total = 0, cur_lo = 0, cur_hi = 0;
	bool open = false;

	qsort(iv, n, sizeof *iv, pd_iv_cmp);
	for (size_t i = 0; i < n; i++) {
		if (iv[i].hi <= iv[i].lo)
			continue;
		if (open && iv[i].lo <= cur_hi) {
			if (iv[i].hi > cur_hi)
				cur_hi = iv[i].hi;
			continue;
		}
		if (open)
			total += cur_hi - cur_lo;
		cur_lo = iv[i].lo;
		cur_hi = iv[i].hi;
		open = true;
	}
	if (open)
		total += cur_hi - cur_lo;
	return total;
}

/* Bytes of [off, off+len) covered by [o2, o2+l2), as an interval. */
static struct pd_iv pd_clip(long off, long len, long o2, long l2)
{
	struct pd_iv r;
	long d = o2 - off;

	r.lo = d < 0 ? 0 : d;
	if (r.lo > len)
		r.lo = len;
	r.hi = d + l2 < 0 ? 0 : d + l2;
	if (r.hi > len)
		r.hi = len;
	return r;
}

/* Recall of one case c by the detections d[0..nd). */
PD_FN double pd_case_recall(const struct pd_ann *c, const struct pd_ann *d, size_t nd)
{
	struct pd_iv *tv, *sv;
	size_t nt = 0;
	long got;

	if (c->tlen + c->slen <= 0)
		return 0;
	tv = malloc((nd + 1) * sizeof *tv);
	sv = malloc((nd + 1) * sizeof *sv);
	if (!tv || !sv) {
		free(tv);
		free(sv);
		abort();
	}
	for (size_t i = 0; i < nd; i++) {
		if (!pd_overlap(c, &d[i]))
			continue;
		tv[nt] = pd_clip(c->toff, c->tlen, d[i].toff, d[i].tlen);
		sv[nt] = pd_clip(c->soff, c->slen, d[i].soff, d[i].slen);
		nt++;
	}
	got = pd_union_len(tv, nt) + pd_union_len(sv, nt);
	free(tv);
	free(sv);
	return (double)got / (double)(c->tlen + c->slen);
}

PD_FN double pd_macro_recall(const struct pd_ann *c, size_t nc, const struct pd_ann *d, size_t nd)
{
	double sum = 0;

	if (nc == 0 && nd == 0)
		return 1;
	if (nc == 0 || nd == 0)
		return 0;
	for (size_t i = 0; i < nc; i++)
		sum += pd_case_recall(&c[i], d, nd);
	return sum / (double)nc;
}

PD_FN double pd_macro_precision(const struct pd_ann *c, size_t nc, const struct pd_ann *d, size_t nd)
{
	return pd_macro_recall(d, nd, c, nc);
}

PD_FN double pd_granularity(const struct pd_ann *c, size_t nc, const struct pd_ann *d, size_t nd)
{
	size_t detected = 0, sum = 0;

	if (nd == 0)
		return 1;
	for (size_t i = 0; i < nc; i++) {
		size_t k = 0;

		for (size_t j = 0; j < nd; j++)
			k += pd_overlap(&c[i], &d[j]);
		sum += k;
		detected += k > 0;
	}
	return detected ? (double)sum / (double)detected : 1;
}

PD_FN double pd_plagdet(double rec, double prec, double gran)
{
	if ((rec == 0 && prec == 0) || prec < 0 || rec < 0 || gran < 1)
		return 0;
	return (2 * rec * prec / (rec + prec)) / log2(1 + gran);
}

/* Drop exact duplicates (same refs and ranges); returns the new count. */
PD_FN size_t pd_dedup(struct pd_ann *a, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		for (size_t j = 0; j < out && !dup; j++)
			dup = strcmp(a[j].tref, a[i].tref) == 0 && strcmp(a[j].sref, a[i].sref) == 0 &&
			      a[j].toff == a[i].toff && a[j].tlen == a[i].tlen && a[j].soff == a[i].soff &&
			      a[j].slen == a[i].slen && a[j].ext == a[i].ext;
		if (!dup)
			a[out++] = a[i];
	}
	return out;
}

struct pd_score {
	double rec, prec, gran, plagdet;
	size_t ncases, ndets, detected;
};

PD_FN struct pd_score pd_evaluate(const struct pd_ann *c, size_t nc, const struct pd_ann *d, size_t nd)
{
	struct pd_score s;

	s.rec = pd_macro_recall(c, nc, d, nd);
	s.prec = pd_macro_precision(c, nc, d, nd);
	s.gran = pd_granularity(c, nc, d, nd);
	s.plagdet = pd_plagdet(s.rec, s.prec, s.gran);
	s.ncases = nc;
	s.ndets = nd;
	s.detected = 0;
	for (size_t i = 0; i < nc; i++)
		for (size_t j = 0; j < nd; j++)
			if (pd_overlap(&c[i], &d[j])) {
				s.detected++;
				break;
			}
	return s;
}

#endif
