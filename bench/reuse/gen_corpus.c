/*
** gen_corpus: build a labelled Vietnamese text-reuse corpus (see gen_core.h).
**
**   gen_corpus OUT [--seed N] [--data DIR] [--per-kind N] [--negatives N]
**              [--directives N] [--others N] [--quiet]
**
** DIR is shared/data (default ../shared/data, relative to the repository
** root). OUT must be outside the repository.
*/
#include "gen_core.h"

static int num_arg(const char *s, int64_t *v)
{
	return parse_int64(s, v) && *v >= 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct gen_opts o;
	char err[256];

	gen_opts_default(&o);
	for (int i = 1; i < argc; i++) {
		int64_t v = 0;
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			puts("usage: gen_corpus OUT [--seed N] [--data DIR] [--per-kind N] [--negatives N]\n"
			     "                  [--directives N] [--others N] [--quiet]");
			return 0;
		} else if (strcmp(a, "--quiet") == 0) {
			o.quiet = true;
		} else if (strcmp(a, "--data") == 0 && i + 1 < argc) {
			o.data = argv[++i];
		} else if (a[0] == '-' && a[1] == '-' && i + 1 < argc && num_arg(argv[i + 1], &v) == 0) {
			i++;
			if (strcmp(a, "--seed") == 0)
				o.seed = (uint64_t)v;
			else if (strcmp(a, "--per-kind") == 0)
				o.per_kind = (int)v;
			else if (strcmp(a, "--negatives") == 0)
				o.negatives = (int)v;
			else if (strcmp(a, "--directives") == 0 && v > 0)
				o.directives = (int)v;
			else if (strcmp(a, "--others") == 0 && v > 0)
				o.others = (int)v;
			else {
				fprintf(stderr, "gen_corpus: bad option %s\n", a);
				return 2;
			}
		} else if (a[0] != '-' && !o.out) {
			o.out = a;
		} else {
			fprintf(stderr, "gen_corpus: bad argument %s (try --help)\n", a);
			return 2;
		}
	}
	if (!o.out) {
		fputs("usage: gen_corpus OUT [--seed N] [--data DIR] ... (try --help)\n", stderr);
		return 2;
	}
	if (gen_run(&o, err, sizeof err)) {
		fprintf(stderr, "gen_corpus: %s\n", err);
		return 1;
	}
	return 0;
}
