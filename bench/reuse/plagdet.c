/*
** plagdet: score text-reuse detections against a labelled corpus with PAN's
** measures (plagdet_core.h), overall, per obfuscation kind and per scope.
**
**   plagdet TRUTH_DIR DET_DIR [--verbose] [--tsv FILE]
**
** TRUTH_DIR holds one JSON per suspicious file, written by gen_corpus:
**   {"file": "susp/p0001.txt", "obfuscation": "none",
**    "cases": [{"source", "source_offset", "source_length",
**               "offset", "length", "obfuscation", "scope"}...]}
** DET_DIR holds, under the same file names, what `giamsat reuse check
** --json` printed for that file (or simtext2json's conversion):
**   {"file": ..., "passages": [{"source", "source_offset", "source_length",
**                               "offset", "length", ...}...]}
** A missing or unreadable detection file counts as no detections and is
** reported. Offsets are bytes of the files as written.
*/
#include <dirent.h>
#include <jansson.h>

#include "util/util.h"

#include "plagdet_core.h"

#define MAX_GROUPS 64

struct names {
	char *v[MAX_GROUPS];
	size_t n;
};

static int name_index(struct names *n, const char *s)
{
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->v[i], s) == 0)
			return (int)i;
	if (n->n == MAX_GROUPS)
		return -1;
	n->v[n->n] = xstrdup(s);
	return (int)n->n++;
}

struct anns {
	struct pd_ann *v;
	size_t n, cap;
};

static void anns_push(struct anns *a, const struct pd_ann *x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = *x;
}

static struct arena strings;

static long jint(json_t *o, const char *k, bool *ok)
{
	json_t *v = json_object_get(o, k);

	if (!json_is_integer(v)) {
		*ok = false;
		return 0;
	}
	return (long)json_integer_value(v);
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json names in dir, sorted; caller frees each and the array. */
static char **list_json(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

struct susp {
	const char *file;
	int kind;
};

int main(int argc, char **argv)
{
	const char *truth_dir = NULL, *det_dir = NULL, *tsv_path = NULL;
	bool verbose = false;
	struct names kinds = { 0 }, scopes = { 0 };
	struct anns cases = { 0 }, dets = { 0 };
	struct susp *files;
	size_t nfiles, nmissing = 0;
	char **names;
	FILE *tsv = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0)
			verbose = true;
		else if (strcmp(argv[i], "--tsv") == 0 && i + 1 < argc)
			tsv_path = argv[++i];
		else if (!truth_dir)
			truth_dir = argv[i];
		else if (!det_dir)
			det_dir = argv[i];
		else
			truth_dir = NULL, i = argc;
	}
	if (!truth_dir || !det_dir) {
		fputs("usage: plagdet TRUTH_DIR DET_DIR [--verbose] [--tsv FILE]\n", stderr);
		return 2;
	}
	arena_init(&strings);
	names = list_json(truth_dir, &nfiles);
	if (!nfiles) {
		fprintf(stderr, "plagdet: no *.json in %s\n", truth_dir);
		return 1;
	}
	files = xcalloc(nfiles, sizeof *files);
	for (size_t f = 0; f < nfiles; f++) {
		char *path = xasprintf("%s/%s", truth_dir, names[f]);
		json_error_t jerr;
		json_t *t = json_load_file(path, 0, &jerr), *cs, *d, *ps;
		const char *file, *kind;
		size_t i;
		json_t *c;

		if (!t || !(file = jstr(t, "file")) || !(kind = jstr(t, "obfuscation")) ||
		    !json_is_array(cs = json_object_get(t, "cases"))) {
			fprintf(stderr, "plagdet: %s: bad truth file (%s)\n", path, t ? "fields" : jerr.text);
			return 1;
		}
		files[f].file = arena_strdup(&strings, file);
		files[f].kind = name_index(&kinds, kind);
		json_array_foreach(cs, i, c)
		{
			struct pd_ann a = { 0 };
			bool ok = true;
			const char *src = jstr(c, "source"), *sc = jstr(c, "scope");

			a.tref = files[f].file;
			a.sref = arena_strdup(&strings, src ? src : "");
			a.toff = jint(c, "offset", &ok);
			a.tlen = jint(c, "length", &ok);
			a.soff = jint(c, "source_offset", &ok);
			a.slen = jint(c, "source_length", &ok);
			a.ext = true;
			a.group = files[f].kind;
			a.scope = name_index(&scopes, sc ? sc : "?");
			if (!ok || !src) {
				fprintf(stderr, "plagdet: %s: case %zu lacks fields\n", path, i);
				return 1;
			}
			anns_push(&cases, &a);
		}
		json_decref(t);
		free(path);

		path = xasprintf("%s/%s", det_dir, names[f]);
		d = json_load_file(path, 0, &jerr);
		if (!d || !json_is_array(ps = json_object_get(d, "passages"))) {
			if (verbose)
				fprintf(stderr, "plagdet: %s: no detections (%s)\n", path,
					d ? "no passages array" : jerr.text);
			nmissing++;
		} else {
			json_array_foreach(ps, i, c)
			{
				struct pd_ann a = { 0 };
				bool ok = true;
				const char *src = jstr(c, "source");

				a.tref = files[f].file;
				a.sref = arena_strdup(&strings, src ? src : "");
				a.toff = jint(c, "offset", &ok);
				a.tlen = jint(c, "length", &ok);
				a.soff = jint(c, "source_offset", &ok);
				a.slen = jint(c, "source_length", &ok);
				a.ext = true;
				a.group = files[f].kind;
				a.scope = jstr(c, "scope") ? name_index(&scopes, jstr(c, "scope")) : -1;
				if (!ok || !src) {
					fprintf(stderr, "plagdet: %s: passage %zu lacks fields\n", path, i);
					return 1;
				}
				anns_push(&dets, &a);
			}
		}
		json_decref(d);
		free(path);
		free(names[f]);
	}
	free(names);
	dets.n = pd_dedup(dets.v, dets.n);

	if (tsv_path && !(tsv = fopen(tsv_path, "w"))) {
		perror(tsv_path);
		return 1;
	}
	if (tsv)
		fputs("group\tfiles\tcases\tdetected\tdetections\trecall\tprecision\tgranularity\tplagdet\tfp_detections\tfp_bytes\n",
		      tsv);
	printf("%-12s %5s %6s %8s %6s %7s %7s %7s %8s %6s\n", "kind", "files", "cases", "detected", "dets", "recall",
	       "prec", "gran", "plagdet", "fp");
	for (int g = -1; g < (int)kinds.n; g++) {
		struct anns c = { 0 }, d = { 0 };
		struct pd_score s;
		size_t nf = 0, fp = 0;
		long fp_bytes = 0;

		for (size_t f = 0; f < nfiles; f++)
			nf += g < 0 || files[f].kind == g;
		for (size_t i = 0; i < cases.n; i++)
			if (g < 0 || cases.v[i].group == g)
				anns_push(&c, &cases.v[i]);
		for (size_t i = 0; i < dets.n; i++)
			if (g < 0 || dets.v[i].group == g)
				anns_push(&d, &dets.v[i]);
		s = pd_evaluate(c.v, c.n, d.v, d.n);
		for (size_t j = 0; j < d.n; j++) {
			bool hit = false;

			for (size_t i = 0; i < c.n && !hit; i++)
				hit = pd_overlap(&c.v[i], &d.v[j]);
			if (!hit) {
				fp++;
				fp_bytes += d.v[j].tlen;
			}
		}
		printf("%-12s %5zu %6zu %8zu %6zu %7.4f %7.4f %7.4f %8.4f %6zu\n", g < 0 ? "ALL" : kinds.v[g], nf,
		       s.ncases, s.detected, s.ndets, s.rec, s.prec, s.gran, s.plagdet, fp);
		if (tsv)
			fprintf(tsv, "%s\t%zu\t%zu\t%zu\t%zu\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\t%ld\n",
				g < 0 ? "ALL" : kinds.v[g], nf, s.ncases, s.detected, s.ndets, s.rec, s.prec, s.gran,
				s.plagdet, fp, fp_bytes);
		free(c.v);
		free(d.v);
	}
	printf("\n%-12s %6s %7s\n", "scope", "cases", "recall");
	for (size_t sc = 0; sc < scopes.n; sc++) {
		struct anns c = { 0 };
		double r;

		for (size_t i = 0; i < cases.n; i++)
			if (cases.v[i].scope == (int)sc)
				anns_push(&c, &cases.v[i]);
		r = pd_macro_recall(c.v, c.n, dets.v, dets.n);
		printf("%-12s %6zu %7.4f\n", scopes.v[sc], c.n, r);
		if (tsv)
			fprintf(tsv, "scope:%s\t\t%zu\t\t\t%.4f\t\t\t\t\t\n", scopes.v[sc], c.n, r);
		free(c.v);
	}
	{
		/* does a detection that finds a case name the case's scope? */
		size_t agree = 0, pairs = 0, unlabelled = 0;

		for (size_t j = 0; j < dets.n; j++)
			for (size_t i = 0; i < cases.n; i++)
				if (pd_overlap(&cases.v[i], &dets.v[j])) {
					if (dets.v[j].scope < 0)
						unlabelled++;
					else {
						pairs++;
						agree += dets.v[j].scope == cases.v[i].scope;
					}
				}
		if (pairs)
			printf("\nscope agreement: %zu of %zu true detections name the case's scope (%.1f%%)\n", agree,
			       pairs, 100.0 * (double)agree / (double)pairs);
		if (tsv && pairs)
			fprintf(tsv, "scope_agreement\t\t%zu\t%zu\t\t\t\t\t\t\t\n", pairs, agree);
		(void)unlabelled;
	}
	if (nmissing)
		printf("\n%zu suspicious files had no detection file or no passages array\n", nmissing);

	if (verbose) {
		puts("\n# cases with recall < 0.5: file kind scope offset+length <- source offset+length recall dets");
		for (size_t i = 0; i < cases.n; i++) {
			const struct pd_ann *a = &cases.v[i];
			double r = pd_case_recall(a, dets.v, dets.n);
			size_t k = 0;

			if (r >= 0.5)
				continue;
			for (size_t j = 0; j < dets.n; j++)
				k += pd_overlap(a, &dets.v[j]);
			printf("MISS %s %s %s %ld+%ld <- %s %ld+%ld recall=%.3f dets=%zu\n", a->tref, kinds.v[a->group],
			       scopes.v[a->scope], a->toff, a->tlen, a->sref, a->soff, a->slen, r, k);
		}
		puts("\n# detections with precision < 0.5: file kind offset+length <- source offset+length precision");
		for (size_t j = 0; j < dets.n; j++) {
			const struct pd_ann *a = &dets.v[j];
			double p = pd_case_recall(a, cases.v, cases.n);

			if (p >= 0.5)
				continue;
			printf("FP %s %s %ld+%ld <- %s %ld+%ld precision=%.3f\n", a->tref, kinds.v[a->group], a->toff,
			       a->tlen, a->sref, a->soff, a->slen, p);
		}
		puts("\n# true detections naming another scope than the case's: file offset+length case-scope det-scope");
		for (size_t j = 0; j < dets.n; j++) {
			const struct pd_ann *a = &dets.v[j];

			for (size_t i = 0; i < cases.n; i++)
				if (a->scope >= 0 && pd_overlap(&cases.v[i], a) && cases.v[i].scope != a->scope)
					printf("SCOPE %s %ld+%ld %s %s\n", a->tref, a->toff, a->tlen,
					       scopes.v[cases.v[i].scope], scopes.v[a->scope]);
		}
		puts("\n# cases split into more than one detection: file kind offset+length dets");
		for (size_t i = 0; i < cases.n; i++) {
			const struct pd_ann *a = &cases.v[i];
			size_t k = 0;

			for (size_t j = 0; j < dets.n; j++)
				k += pd_overlap(a, &dets.v[j]);
			if (k > 1)
				printf("SPLIT %s %s %ld+%ld dets=%zu\n", a->tref, kinds.v[a->group], a->toff, a->tlen,
				       k);
		}
	}
	if (tsv)
		fclose(tsv);
	for (size_t i = 0; i < kinds.n; i++)
		free(kinds.v[i]);
	for (size_t i = 0; i < scopes.n; i++)
		free(scopes.v[i]);
	free(cases.v);
	free(dets.v);
	free(files);
	arena_release(&strings);
	return 0;
}
