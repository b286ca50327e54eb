/*
** giamsat reuse index|delete|check|verify: the command line of the text
** reuse engine (src/reuse). Exit 0 on success (also when copies are found),
** 1 on error, 2 on bad usage.
*/
#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "model/doc_reuse.h"
#include "reuse/reuse.h"
#include "store/store.h"
#include "util/util.h"

static const char usage[] =
	"usage: giamsat reuse index  --index DIR [META] FILE...\n"
	"       giamsat reuse delete --index DIR FILE...\n"
	"       giamsat reuse check  --index DIR [--json] [META] FILE\n"
	"       giamsat reuse verify --index DIR\n"
	"       giamsat reuse sync   [--db DB] [--index DIR]   (rebuild the index of the stored\n"
	"                            documents: default DB.reuse, as serve reads it)\n"
	"META (else FILE.meta.json, else none):\n"
	"  --unit CODE --parent CODE --kind directive|plan --directive ID --year N\n"
	"check tuning: --candidates N (20) --df-max N (auto) --min-passage N (15) --keep-boilerplate\n"
	"Offsets and lengths in the JSON are bytes in the files as given.\n";

struct args {
	const char *index;
	bool json, meta_given, keep_boiler;
	struct reuse_meta meta;
	int candidates, df_max, min_passage;
	char **files;
	int nfiles;
};

static int parse_int_opt(const char *v, int *out)
{
	int64_t x;
	if (!v || !parse_int64(v, &x) || x < 0 || x > 1000000000)
		return -1;
	*out = (int)x;
	return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof(*a));
	a->files = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(o, "--json") == 0) {
			a->json = true;
			continue;
		}
		if (strcmp(o, "--keep-boilerplate") == 0) {
			a->keep_boiler = true;
			continue;
		}
		if (strcmp(o, "--") == 0) {
			while (++i < argc)
				a->files[a->nfiles++] = argv[i];
			break;
		}
		if (strncmp(o, "--", 2) != 0) {
			a->files[a->nfiles++] = argv[i];
			continue;
		}
		if (!v) {
			fprintf(stderr, "giamsat reuse: %s needs a value\n", o);
			return -1;
		}
		i++;
		if (strcmp(o, "--index") == 0) {
			a->index = v;
		} else if (strcmp(o, "--unit") == 0) {
			a->meta.unit = v, a->meta_given = true;
		} else if (strcmp(o, "--parent") == 0) {
			a->meta.parent = v, a->meta_given = true;
		} else if (strcmp(o, "--directive") == 0) {
			a->meta.directive = v, a->meta_given = true;
		} else if (strcmp(o, "--kind") == 0) {
			a->meta_given = true;
			if (strcmp(v, "directive") == 0)
				a->meta.kind = REUSE_KIND_DIRECTIVE;
			else if (strcmp(v, "plan") == 0)
				a->meta.kind = REUSE_KIND_PLAN;
			else {
				fprintf(stderr, "giamsat reuse: --kind is directive or plan\n");
				return -1;
			}
		} else if (strcmp(o, "--year") == 0) {
			if (parse_int_opt(v, &a->meta.year) != 0) {
				fprintf(stderr, "giamsat reuse: bad --year\n");
				return -1;
			}
			a->meta_given = true;
		} else if (strcmp(o, "--candidates") == 0) {
			if (parse_int_opt(v, &a->candidates) != 0 || a->candidates < 1)
				return -1;
		} else if (strcmp(o, "--df-max") == 0) {
			if (parse_int_opt(v, &a->df_max) != 0)
				return -1;
		} else if (strcmp(o, "--min-passage") == 0) {
			if (parse_int_opt(v, &a->min_passage) != 0 || a->min_passage < 1)
				return -1;
		} else {
			fprintf(stderr, "giamsat reuse: unknown option %s\n", o);
			return -1;
		}
	}
	if (!a->index) {
		fprintf(stderr, "giamsat reuse: --index DIR is required\n");
		return -1;
	}
	return 0;
}

/* Read a whole input file, refusing more than REUSE_MAX_INPUT before reading. */
static enum app_err read_input(const char *path, char **data, size_t *len)
{
	struct stat st;
	*data = NULL;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "giamsat reuse: %s: %s\n", path, strerror(errno));
		return APP_ENOTFOUND;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "giamsat reuse: %s: not a regular file\n", path);
		return APP_EINVAL;
	}
	if ((uint64_t)st.st_size > REUSE_MAX_INPUT) {
		fprintf(stderr, "giamsat reuse: %s: file too large (%lld bytes; the limit is %u MiB)\n", path,
			(long long)st.st_size, REUSE_MAX_INPUT >> 20);
		return APP_ETOOBIG;
	}
	enum app_err e = file_read(path, REUSE_MAX_INPUT, data, len);
	if (e != APP_OK)
		fprintf(stderr, "giamsat reuse: %s: cannot read (%s)\n", path, app_err_name(e));
	return e;
}

/* Metadata for one file: the options if any were given, else FILE.meta.json. */
static enum app_err file_meta(const struct args *a, const char *file, struct reuse_meta *m, char **owned)
{
	char err[REUSE_ERRLEN];
	*owned = NULL;
	if (a->meta_given) {
		*m = a->meta;
		return APP_OK;
	}
	char *side = xasprintf("%s.meta.json", file);
	struct stat st;
	enum app_err e = APP_OK;
	memset(m, 0, sizeof(*m));
	if (stat(side, &st) == 0) {
		e = reuse_meta_load(side, m, owned, err);
		if (e != APP_OK)
			fprintf(stderr, "giamsat reuse: %s\n", err);
	}
	free(side);
	return e;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int do_index(struct args *a, bool del)
{
	char err[REUSE_ERRLEN];
	struct reuse_writer *w;
	enum app_err e = reuse_writer_open(a->index, !del, &w, err);
	int failed = 0;
	if (e != APP_OK) {
		fprintf(stderr, "giamsat reuse: %s\n", err);
		return 1;
	}
	if (a->nfiles == 0) {
		reuse_writer_free(w);
		fprintf(stderr, "giamsat reuse: no FILE given\n");
		return 2;
	}
	double t0 = now_s(), last = t0;
	for (int i = 0; i < a->nfiles; i++) {
		const char *f = a->files[i];
		if (del) {
			if (reuse_writer_delete(w, f, err) != APP_OK) {
				fprintf(stderr, "giamsat reuse: %s\n", err);
				failed++;
			}
			continue;
		}
		char *data, *owned;
		size_t len;
		struct reuse_meta m;
		if (read_input(f, &data, &len) != APP_OK || file_meta(a, f, &m, &owned) != APP_OK) {
			free(data);
			failed++;
			continue;
		}
		e = reuse_writer_add(w, f, data, len, &m, err);
		free(data);
		free(owned);
		if (e != APP_OK) {
			fprintf(stderr, "giamsat reuse: %s: %s\n", f, err);
			failed++;
		}
		double t = now_s();
		if (t - last >= 2.0) {
			size_t nd;
			uint64_t nb;
			reuse_writer_progress(w, &nd, &nb);
			fprintf(stderr, "giamsat reuse: indexed %zu of %d files, %.1f MB, %.1f MB/s\n", nd, a->nfiles,
				nb / 1e6, nb / 1e6 / (t - t0));
			last = t;
		}
	}
	e = reuse_writer_commit(w, err);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat reuse: %s\n", err);
		reuse_writer_free(w);
		return 1;
	}
	size_t nd;
	uint64_t nb;
	reuse_writer_progress(w, &nd, &nb);
	reuse_writer_free(w);
	if (!del)
		fprintf(stderr, "giamsat reuse: %zu documents added (%.1f MB) in %.2f s%s\n", nd, nb / 1e6,
			now_s() - t0, failed ? "; some files were skipped" : "");
	return failed ? 1 : 0;
}

static void print_summary(const struct reuse_report *r, const char *file)
{
	printf("%s: %s, %llu bytes, %u syllables checked against %zu documents\n", file, r->encoding,
	       (unsigned long long)r->length, r->syllables, r->index_docs);
	printf("copied: %.1f%% (superior %.1f%%, peer %.1f%%, own %.1f%%, other %.1f%%)\n", r->share_total * 100,
	       r->share_scope[0] * 100, r->share_scope[1] * 100, r->share_scope[2] * 100, r->share_scope[3] * 100);
	for (size_t i = 0; i < r->nby_source; i++)
		printf("  %5.1f%%  %-8s %s\n", r->by_source[i].share * 100, reuse_scope_name(r->by_source[i].scope),
		       r->by_source[i].source);
	for (size_t i = 0; i < r->npassages; i++) {
		const struct reuse_passage *p = &r->passages[i];
		printf("passage bytes %llu+%llu <- %s bytes %llu+%llu (%s, similarity %.2f)\n",
		       (unsigned long long)p->offset, (unsigned long long)p->length, p->source,
		       (unsigned long long)p->source_offset, (unsigned long long)p->source_length,
		       reuse_scope_name(p->scope), p->similarity);
	}
	printf("discounted: %u syllables in %zu header/motto/recipients/signature zones; %u common fingerprints "
	       "(in more than %d documents); %u syllables of common phrasing\n",
	       r->zone_syllables, r->nzones, r->common_fingerprints, r->df_max, r->common_syllables);
	const struct reuse_signals *s = &r->signals;
	printf("items: %d (without number %d, without deadline %d, without lead %d)", s->items, s->items_no_number,
	       s->items_no_deadline, s->items_no_lead);
	if (s->superior_syllables)
		printf("; length %.2f x the superior's", s->length_ratio);
	printf("\nperfunctory: %s", s->perfunctory ? "yes" : "no");
	for (int i = 0; s->reasons[i]; i++)
		printf("%s%s", i ? ", " : " (", s->reasons[i]);
	printf("%s\n", s->reasons[0] ? ")" : "");
}

static int do_check(struct args *a)
{
	char err[REUSE_ERRLEN];
	struct reuse_index *ix;
	if (a->nfiles != 1) {
		fprintf(stderr, "giamsat reuse: check takes one FILE\n");
		return 2;
	}
	const char *f = a->files[0];
	char *data, *owned;
	size_t len;
	struct reuse_meta m;
	enum app_err e = reuse_open(a->index, &ix, err);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat reuse: %s\n", err);
		return 1;
	}
	if (read_input(f, &data, &len) != APP_OK || file_meta(a, f, &m, &owned) != APP_OK) {
		free(data);
		reuse_close(ix);
		return 1;
	}
	struct reuse_opts o;
	reuse_opts_default(&o);
	if (a->candidates)
		o.max_candidates = a->candidates;
	if (a->min_passage)
		o.min_passage = a->min_passage;
	o.df_max = a->df_max;
	o.keep_boiler = a->keep_boiler;
	o.exclude = f;
	struct reuse_report *r;
	e = reuse_check(ix, data, len, &m, &o, &r, err);
	free(data);
	free(owned);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat reuse: %s: %s\n", f, err);
		reuse_close(ix);
		return 1;
	}
	if (a->json) {
		char *j = reuse_report_json(r, f);
		puts(j);
		free(j);
	} else {
		print_summary(r, f);
	}
	reuse_report_free(r);
	reuse_close(ix);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int do_verify(struct args *a)
{
	char err[REUSE_ERRLEN];
	struct reuse_index *ix;
	if (reuse_open(a->index, &ix, err) != APP_OK || reuse_verify(ix, err) != APP_OK) {
		fprintf(stderr, "giamsat reuse: %s\n", err);
		reuse_close(ix);
		return 1;
	}
	printf("%s: %zu documents, every block checks\n", a->index, reuse_doc_count(ix));
	reuse_close(ix);
	return 0;
}

/*
** sync: rebuild the index of the documents in the store from scratch (the
** index is derived data: after a restore, or when it was lost or damaged).
*/
static int do_sync(int argc, char **argv)
{
	const char *db = cli_default_db(), *opt = NULL;
	char *dir, *msg = NULL, err[REUSE_ERRLEN] = "";
	struct store *s;
	size_t added = 0;
	enum app_err e;

	for (int i = 2; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
			db = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--index") == 0) {
			opt = argv[++i];
		} else {
			fprintf(stderr, "giamsat reuse sync: unexpected argument '%s'\n%s", argv[i], usage);
			return 2;
		}
	}
	if (store_open(db, &s, &msg) != APP_OK) {
		fprintf(stderr, "giamsat reuse sync: %s\n", msg ? msg : "cannot open the database");
		free(msg);
		return 1;
	}
	dir = cli_reuse_dir(db, opt);
	e = store_migrate(s, NULL);
	if (e == APP_OK)
		e = doc_reuse_reset(dir);
	if (e == APP_OK)
		e = doc_reuse_sync(s, dir, &added, err);
	store_close(s);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat reuse sync: %s: %s\n", dir, err[0] ? err : app_err_name(e));
		free(dir);
		return 1;
	}
	printf("giamsat reuse: index %s rebuilt: %zu documents\n", dir, added);
	free(dir);
	return 0;
}

int cmd_reuse(int argc, char **argv)
{
	struct args a;
	int rc;
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "sync") == 0)
		return do_sync(argc, argv);
	if (strcmp(sub, "index") && strcmp(sub, "delete") && strcmp(sub, "check") && strcmp(sub, "verify")) {
		fprintf(stderr, "giamsat reuse: unknown sub-command %s\n%s", sub, usage);
		return 2;
	}
	if (parse_args(argc, argv, &a) != 0) {
		free(a.files);
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(sub, "index") == 0)
		rc = do_index(&a, false);
	else if (strcmp(sub, "delete") == 0)
		rc = do_index(&a, true);
	else if (strcmp(sub, "check") == 0)
		rc = do_check(&a);
	else
		rc = do_verify(&a);
	free(a.files);
	return rc;
}
