/*
** bench_check: speed and memory of the text-reuse engine through its C API
** (src/reuse/reuse.h).
**
**   bench_check build --index DIR --docs N [--seed S] [--data D] [--batch B] [--flush-mb M]
**       Index N synthetic plan-like documents (3,000-6,000 syllables each),
**       committing every B; report throughput (MB/s on one core: the writer
**       is single-threaded), peak RSS, index bytes on disk per document.
**       --flush-mb sets the writer's flush threshold (default 512): with
**       B documents fitting under it, every commit writes one segment.
**   bench_check query --index DIR --docs N [--seed S] [--data D] [--queries Q] [--repeat R]
**       Check Q synthetic 20-page plans (~12,000 syllables, about a third
**       copied from documents of the index, the rest new) R times each;
**       report median and p95 time per check and the RSS of the reader.
**   bench_check dump --docs N --out DIR [--seed S] [--data D] [--query]
**       Write the same documents as files (for sim_text), or with --query
**       the first query plan as DIR/query.txt.
**   bench_check --index DIR --queries LIST [--repeat R]
**       Check the files named in LIST (one per line) against an existing
**       index: time per check through the API, the index opened once.
**
** Synthetic text: real sentences of shared/data/corpus spliced at shared
** words (chain_gen), so that syllable and word-pair statistics are real and
** documents are unique, unlike reshuffled whole sentences.
** Document i depends only on (seed, i), so a query can copy from it later.
*/
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "reuse/reuse.h"
#include "util/util.h"

/* The writer's flush threshold (src/reuse/index.c), set by --flush-mb. */
extern uint64_t rix_flush_bytes;

/* ---- random numbers ---- */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	return mix64(r->s += 0x9e3779b97f4a7c15ull);
}

static size_t below(struct rng *r, size_t n)
{
	return (size_t)(rnd(r) % n);
}

/* ---- the word chain ---- */

struct chain {
	char **words; /* interned words; "\n" is a paragraph break */
	uint32_t *wlen;
	size_t nwords;
	uint32_t *text; /* the corpus as word ids */
	size_t ntext;
	uint32_t *occ_off; /* word w occurs at text positions occ[occ_off[w] .. occ_off[w+1]) */
	uint32_t *occ;
};

/* Interning table for words while loading. */
struct wtab {
	uint64_t *h;
	uint32_t *id;
	size_t cap;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h | 1;
}

static uint32_t intern(struct chain *c, struct wtab *t, const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	size_t i = (size_t)mix64(h) & (t->cap - 1);

	while (t->h[i]) {
		if (t->h[i] == h && c->wlen[t->id[i]] == n && memcmp(c->words[t->id[i]], s, n) == 0)
			return t->id[i];
		i = (i + 1) & (t->cap - 1);
	}
	if (c->nwords % 4096 == 0) {
		c->words = xrealloc(c->words, (c->nwords + 4096) * sizeof *c->words);
		c->wlen = xrealloc(c->wlen, (c->nwords + 4096) * sizeof *c->wlen);
	}
	c->words[c->nwords] = xstrndup(s, n);
	c->wlen[c->nwords] = (uint32_t)n;
	t->h[i] = h;
	t->id[i] = (uint32_t)c->nwords;
	return (uint32_t)c->nwords++;
}

static int chain_load(struct chain *c, const char *data_dir)
{
	char *dir = xasprintf("%s/corpus", data_dir);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct wtab t;
	size_t cap = 1 << 22;
	char **names = NULL;
	size_t nnames = 0;

	memset(c, 0, sizeof *c);
	if (!d) {
		fprintf(stderr, "bench_check: cannot open %s\n", dir);
		free(dir);
		return -1;
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			names = xrealloc(names, (nnames + 1) * sizeof *names);
			names[nnames++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	/* a fixed order: readdir's is not */
	for (size_t i = 1; i < nnames; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *x = names[j];

			names[j] = names[j - 1];
			names[j - 1] = x;
		}
	t.cap = 1 << 20;
	t.h = xcalloc(t.cap, sizeof *t.h);
	t.id = xcalloc(t.cap, sizeof *t.id);
	c->text = xmalloc(cap * sizeof *c->text);
	for (size_t f = 0; f < nnames; f++) {
		char *path = xasprintf("%s/%s", dir, names[f]), *s;
		size_t n, i = 0;

		if (file_read(path, 0, &s, &n) != APP_OK) {
			fprintf(stderr, "bench_check: cannot read %s\n", path);
			return -1;
		}
		while (i < n) {
			size_t j = i;

			if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
				i++;
				continue;
			}
			if (s[i] == '\n')
				j = i + 1;
			else
				while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r')
					j++;
			if (c->ntext + 2 >= cap) {
				cap *= 2;
				c->text = xrealloc(c->text, cap * sizeof *c->text);
			}
			c->text[c->ntext++] = intern(c, &t, s + i, j - i);
			i = j;
		}
		free(s);
		free(path);
		free(names[f]);
	}
	free(names);
	free(dir);
	free(t.h);
	free(t.id);
	/* where each word occurs (counting sort), for splicing */
	c->occ_off = xcalloc(c->nwords + 1, sizeof *c->occ_off);
	c->occ = xmalloc(c->ntext * sizeof *c->occ);
	for (size_t i = 0; i + 1 < c->ntext; i++)
		c->occ_off[c->text[i] + 1]++;
	for (size_t w = 0; w < c->nwords; w++)
		c->occ_off[w + 1] += c->occ_off[w];
	{
		uint32_t *fill = xmalloc((c->nwords + 1) * sizeof *fill);

		memcpy(fill, c->occ_off, (c->nwords + 1) * sizeof *fill);
		for (size_t i = 0; i + 1 < c->ntext; i++)
			c->occ[fill[c->text[i]]++] = (uint32_t)i;
		free(fill);
	}
	return 0;
}

static void chain_free(struct chain *c)
{
	for (size_t i = 0; i < c->nwords; i++)
		free(c->words[i]);
	free(c->words);
	free(c->wlen);
	free(c->text);
	free(c->occ_off);
	free(c->occ);
}

/*
** Append about `syl` words of spliced real text to b: read the corpus on
** from a position, and after each word, with probability 0.35, jump to a
** random other occurrence of that word and read on from there. Runs of
** real text are 2.9 words long on average, so a document's 5-grams are
** mostly new, while its word pairs are all real.
*/
static void chain_gen(const struct chain *c, struct rng *r, size_t syl, struct sbuf *b)
{
	size_t p = below(r, c->ntext - 1), words = 0;

	while (words < syl) {
		uint32_t w = c->text[p];

		if (c->words[w][0] == '\n') {
			if (b->len && b->buf[b->len - 1] != '\n')
				(void)sbuf_addch(b, '\n');
		} else {
			if (b->len && b->buf[b->len - 1] != '\n')
				(void)sbuf_addch(b, ' ');
			(void)sbuf_add(b, c->words[w], c->wlen[w]);
			words++;
		}
		if (below(r, 100) < 35) {
			uint32_t n = c->occ_off[w + 1] - c->occ_off[w];

			if (n)
				p = c->occ[c->occ_off[w] + below(r, n)];
		}
		p++;
		if (p + 1 >= c->ntext)
			p = below(r, c->ntext - 1);
	}
	if (b->len && b->buf[b->len - 1] != '\n')
		(void)sbuf_addch(b, '\n');
}

/* Document i of the synthetic corpus: 3,000-6,000 words. */
static void synth_doc(const struct chain *c, uint64_t seed, size_t i, struct sbuf *b)
{
	struct rng r = { mix64(seed * 1000003 + i) };

	sbuf_reset(b);
	chain_gen(c, &r, 3000 + below(&r, 3001), b);
}

/*
** Query q: a 20-page plan of about 12,000 words; five passages of 400-1,000
** words copied from random documents of the index, the rest new text.
*/
static void synth_query(const struct chain *c, uint64_t seed, size_t ndocs, size_t q, struct sbuf *b)
{
	struct rng r = { mix64(seed * 7919 + 0x51ed + q) };
	struct sbuf d;

	sbuf_reset(b);
	sbuf_init(&d, 0);
	for (int part = 0; part < 5; part++) {
		size_t di = below(&r, ndocs), want = 400 + below(&r, 601), start, end, words = 0;

		chain_gen(c, &r, 1400, b);
		synth_doc(c, seed, di, &d);
		start = below(&r, d.len / 2);
		while (start < d.len && d.buf[start] != ' ' && d.buf[start] != '\n')
			start++;
		for (end = start; end < d.len && words < want; end++)
			words += d.buf[end] == ' ';
		(void)sbuf_add(b, d.buf + start, end - start);
		(void)sbuf_addch(b, '\n');
	}
	chain_gen(c, &r, 12000 - 5 * 1400 - 3500, b);
	sbuf_release(&d);
}

/* ---- measuring ---- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident set now and its peak, and its anonymous and file-backed parts, in bytes. */
static uint64_t rss_anon, rss_file;

static void rss(uint64_t *cur, uint64_t *peak)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];

	*cur = *peak = rss_anon = rss_file = 0;
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		unsigned long long v;

		if (sscanf(line, "VmRSS: %llu kB", &v) == 1)
			*cur = v * 1024;
		else if (sscanf(line, "VmHWM: %llu kB", &v) == 1)
			*peak = v * 1024;
		else if (sscanf(line, "RssAnon: %llu kB", &v) == 1)
			rss_anon = v * 1024;
		else if (sscanf(line, "RssFile: %llu kB", &v) == 1)
			rss_file = v * 1024;
	}
	fclose(f);
}

static uint64_t dir_bytes(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint64_t total = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;

		if (e->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
		free(p);
	}
	closedir(d);
	return total;
}

/* CPU time of the calling thread: what a check or an add costs, whatever the load. */
static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The machine is shared: print its load with every timing. */
static void print_load(const char *what)
{
	char buf[64] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = 0;
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = 0;
	printf("%s: load average %s\n", what, buf);
}

static void report_times(const char *what, double *t, size_t n)
{
	double sum = 0;

	qsort(t, n, sizeof *t, cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += t[i];
	printf("%s: %zu checks, median %.2f ms, p95 %.2f ms, mean %.2f ms, min %.2f ms, max %.2f ms\n", what, n,
	       t[n / 2] * 1e3, t[(n * 95 + 99) / 100 - 1] * 1e3, sum / (double)n * 1e3, t[0] * 1e3, t[n - 1] * 1e3);
}

/* ---- modes ---- */

struct opts {
	const char *mode, *index, *data, *out, *queries_file;
	uint64_t seed;
	size_t docs, queries, repeat, batch;
	bool query_only;
};

/*
** Text generation runs in a second thread, a few documents ahead, so that
** the wall time of a large build is that of the writer alone; the writer
** (reuse_writer_add/commit) is timed on its own.
*/
#define AHEAD 64

struct producer {
	const struct chain *c;
	uint64_t seed;
	size_t docs;
	struct sbuf buf[AHEAD];
	size_t made, used; /* documents generated / consumed */
	double gen_s;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (size_t i = 0; i < p->docs; i++) {
		double a;

		pthread_mutex_lock(&p->mu);
		while (i - p->used >= AHEAD)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		a = now_s();
		synth_doc(p->c, p->seed, i, &p->buf[i % AHEAD]);
		pthread_mutex_lock(&p->mu);
		p->gen_s += now_s() - a;
		p->made = i + 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

static int do_build(const struct opts *o, const struct chain *c)
{
	struct reuse_writer *w;
	char err[REUSE_ERRLEN];
	uint64_t bytes = 0, r0, p0, r1, p1;
	double t0, add = 0, commit = 0, cpu0;
	struct reuse_meta m = { 0 };
	struct producer pr;
	pthread_t th;
	int rc = 1;

	rss(&r0, &p0);
	if (reuse_writer_open(o->index, true, &w, err) != APP_OK) {
		fprintf(stderr, "bench_check: %s\n", err);
		return 1;
	}
	memset(&pr, 0, sizeof pr);
	pr.c = c;
	pr.seed = o->seed;
	pr.docs = o->docs;
	for (int i = 0; i < AHEAD; i++)
		sbuf_init(&pr.buf[i], 0);
	pthread_mutex_init(&pr.mu, NULL);
	pthread_cond_init(&pr.cv, NULL);
	pthread_create(&th, NULL, produce, &pr);
	m.kind = REUSE_KIND_PLAN;
	t0 = now_s();
	cpu0 = thread_cpu_s();
	for (size_t i = 0; i < o->docs; i++) {
		char name[32];
		struct sbuf *b = &pr.buf[i % AHEAD];
		double a;

		pthread_mutex_lock(&pr.mu);
		while (pr.made <= i)
			pthread_cond_wait(&pr.cv, &pr.mu);
		pthread_mutex_unlock(&pr.mu);
		snprintf(name, sizeof name, "syn/%07zu.txt", i);
		a = now_s();
		if (reuse_writer_add(w, name, b->buf, b->len, &m, err) != APP_OK) {
			fprintf(stderr, "bench_check: add %s: %s\n", name, err);
			goto out;
		}
		add += now_s() - a;
		bytes += b->len;
		pthread_mutex_lock(&pr.mu);
		pr.used = i + 1;
		pthread_cond_broadcast(&pr.cv);
		pthread_mutex_unlock(&pr.mu);
		if ((i + 1) % o->batch == 0 || i + 1 == o->docs) {
			a = now_s();
			if (reuse_writer_commit(w, err) != APP_OK) {
				fprintf(stderr, "bench_check: commit: %s\n", err);
				goto out;
			}
			commit += now_s() - a;
			fprintf(stderr, "bench_check: %zu documents, %.1f MB, %.0f s (add %.0f s, commit %.0f s)\n",
				i + 1, (double)bytes / 1e6, now_s() - t0, add, commit);
		}
	}
	rss(&r1, &p1);
	printf("build: %zu documents, %.1f MB of text (%.0f bytes/document)\n", o->docs, (double)bytes / 1e6,
	       (double)bytes / (double)o->docs);
	printf("build: wall %.1f s (add %.1f s, commit %.1f s; text generated alongside in %.1f s of another thread)\n",
	       now_s() - t0, add, commit, pr.gen_s);
	printf("build: throughput %.2f MB/s per core by wall time of add+commit, %.2f MB/s per CPU-second of the "
	       "writer thread (%.1f s CPU)\n",
	       (double)bytes / 1e6 / (add + commit), (double)bytes / 1e6 / (thread_cpu_s() - cpu0),
	       thread_cpu_s() - cpu0);
	print_load("build");
	printf("build: writer peak RSS %.1f MB (%.0f bytes/document over the start, text generator included)\n",
	       (double)p1 / 1048576.0, (double)(p1 - r0) / (double)o->docs);
	printf("disk: %.1f MB in %s, %.0f bytes/document\n", (double)dir_bytes(o->index) / 1e6, o->index,
	       (double)dir_bytes(o->index) / (double)o->docs);
	rc = 0;
out:
	if (rc) {
		/* let the producer finish: pretend everything was consumed */
		pthread_mutex_lock(&pr.mu);
		pr.used = o->docs;
		pthread_cond_broadcast(&pr.cv);
		pthread_mutex_unlock(&pr.mu);
	}
	pthread_join(th, NULL);
	for (int i = 0; i < AHEAD; i++)
		sbuf_release(&pr.buf[i]);
	reuse_writer_free(w);
	return rc;
}

static int time_checks(struct reuse_index *ix, char **q, size_t *qlen, struct reuse_meta *meta, size_t nq,
		       size_t repeat, const char *what)
{
	double *t = xmalloc(nq * repeat * sizeof *t), *ct = xmalloc(nq * repeat * sizeof *ct);
	size_t n = 0, passages = 0;
	double share = 0;
	char err[REUSE_ERRLEN];

	struct rusage ru0, ru1;

	getrusage(RUSAGE_SELF, &ru0);
	for (size_t r = 0; r < repeat; r++)
		for (size_t i = 0; i < nq; i++) {
			struct reuse_report *rep;
			double a = now_s(), ca = thread_cpu_s();

			if (reuse_check(ix, q[i], qlen[i], meta ? &meta[i] : NULL, NULL, &rep, err) != APP_OK) {
				fprintf(stderr, "bench_check: check: %s\n", err);
				free(t);
				free(ct);
				return 1;
			}
			ct[n] = thread_cpu_s() - ca;
			t[n++] = now_s() - a;
			if (r == 0) {
				passages += rep->npassages;
				share += rep->share_total;
			}
			reuse_report_free(rep);
		}
	getrusage(RUSAGE_SELF, &ru1);
	printf("%s: %ld major page faults (index pages read from disk), %ld minor\n", what,
	       ru1.ru_majflt - ru0.ru_majflt, ru1.ru_minflt - ru0.ru_minflt);
	report_times(what, t, n);
	{
		char *w2 = xasprintf("%s, CPU time of the thread", what);

		report_times(w2, ct, n);
		free(w2);
	}
	print_load(what);
	printf("%s: %.1f passages and copied share %.3f per query on average\n", what, (double)passages / (double)nq,
	       share / (double)nq);
	free(t);
	free(ct);
	return 0;
}

static int do_query(const struct opts *o, const struct chain *c)
{
	struct reuse_index *ix;
	char err[REUSE_ERRLEN];
	char **q = xcalloc(o->queries, sizeof *q);
	size_t *ql = xcalloc(o->queries, sizeof *ql), words = 0;
	uint64_t r0, p0, r1, p1, r2, p2, a0, f0;
	double t0;
	int rc;

	for (size_t i = 0; i < o->queries; i++) {
		struct sbuf b;

		sbuf_init(&b, 0);
		synth_query(c, o->seed, o->docs, i, &b);
		for (size_t k = 0; k < b.len; k++)
			words += b.buf[k] == ' ' || b.buf[k] == '\n';
		q[i] = sbuf_detach(&b, &ql[i]);
	}
	rss(&r0, &p0);
	a0 = rss_anon;
	f0 = rss_file;
	t0 = now_s();
	if (reuse_open(o->index, &ix, err) != APP_OK) {
		fprintf(stderr, "bench_check: %s\n", err);
		return 1;
	}
	printf("open: %.1f ms, %zu documents\n", (now_s() - t0) * 1e3, reuse_doc_count(ix));
	rss(&r1, &p1);
	printf("query: %zu plans of %zu words (%.0f KB) on average, each checked %zu times\n", o->queries,
	       words / o->queries, (double)ql[0] / 1024.0, o->repeat);
	rc = time_checks(ix, q, ql, NULL, o->queries, o->repeat, "check");
	rss(&r2, &p2);
	printf("reader RSS: +%.1f MB after open, +%.1f MB after the checks (%.0f bytes/document; "
	       "anonymous +%.1f MB = %.0f bytes/document, file-backed mmap +%.1f MB = %.0f bytes/document)\n",
	       (double)(r1 - r0) / 1048576.0, (double)(r2 - r0) / 1048576.0,
	       (double)(r2 - r0) / (double)reuse_doc_count(ix), ((double)rss_anon - (double)a0) / 1048576.0,
	       ((double)rss_anon - (double)a0) / (double)reuse_doc_count(ix),
	       ((double)rss_file - (double)f0) / 1048576.0,
	       ((double)rss_file - (double)f0) / (double)reuse_doc_count(ix));
	reuse_close(ix);
	for (size_t i = 0; i < o->queries; i++)
		free(q[i]);
	free(q);
	free(ql);
	return rc;
}

static int do_queries_file(const struct opts *o)
{
	struct reuse_index *ix;
	char err[REUSE_ERRLEN], *list, *save = NULL;
	size_t len, nq = 0;
	static char *q[4096], *owned[4096];
	static size_t ql[4096];
	static struct reuse_meta meta[4096];
	int rc;

	if (file_read(o->queries_file, 0, &list, &len) != APP_OK) {
		fprintf(stderr, "bench_check: cannot read %s\n", o->queries_file);
		return 1;
	}
	for (char *line = strtok_r(list, "\n", &save); line && nq < 4096; line = strtok_r(NULL, "\n", &save)) {
		char *mp = xasprintf("%s.meta.json", line);

		if (file_read(line, 0, &q[nq], &ql[nq]) != APP_OK) {
			fprintf(stderr, "bench_check: cannot read %s\n", line);
			return 1;
		}
		/* the sidecar metadata, as `giamsat reuse check` reads it */
		if (reuse_meta_load(mp, &meta[nq], &owned[nq], err) != APP_OK)
			memset(&meta[nq], 0, sizeof meta[nq]);
		free(mp);
		nq++;
	}
	free(list);
	if (reuse_open(o->index, &ix, err) != APP_OK) {
		fprintf(stderr, "bench_check: %s\n", err);
		return 1;
	}
	rc = time_checks(ix, q, ql, meta, nq, o->repeat, "ours (C API, index opened once)");
	reuse_close(ix);
	for (size_t i = 0; i < nq; i++) {
		free(q[i]);
		free(owned[i]);
	}
	return rc;
}

static int do_dump(const struct opts *o, const struct chain *c)
{
	struct sbuf b;
	char *dir = xasprintf("%s/syn", o->out);

	if (mkdir(o->out, 0755) && errno != EEXIST) {
		perror(o->out);
		return 1;
	}
	mkdir(dir, 0755);
	sbuf_init(&b, 0);
	if (o->query_only) {
		char *p = xasprintf("%s/query.txt", o->out);

		synth_query(c, o->seed, o->docs, 0, &b);
		if (file_write_atomic(p, b.buf, b.len) != APP_OK)
			return 1;
		free(p);
	} else {
		for (size_t i = 0; i < o->docs; i++) {
			char *p = xasprintf("%s/%07zu.txt", dir, i);

			synth_doc(c, o->seed, i, &b);
			if (file_write_atomic(p, b.buf, b.len) != APP_OK)
				return 1;
			free(p);
		}
	}
	sbuf_release(&b);
	free(dir);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct chain c;
	int rc;

	o.data = "../shared/data";
	o.seed = 1;
	o.queries = 20;
	o.repeat = 5;
	o.batch = 50000;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int64_t v;

		if (i == 1 && a[0] != '-') {
			o.mode = a;
		} else if (strcmp(a, "--query") == 0) {
			o.query_only = true;
		} else if (i + 1 < argc && strcmp(a, "--index") == 0) {
			o.index = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--data") == 0) {
			o.data = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--out") == 0) {
			o.out = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--queries") == 0 && !parse_int64(argv[i + 1], &v)) {
			o.queries_file = argv[++i];
		} else if (i + 1 < argc && parse_int64(argv[i + 1], &v) && v > 0) {
			i++;
			if (strcmp(a, "--docs") == 0)
				o.docs = (size_t)v;
			else if (strcmp(a, "--seed") == 0)
				o.seed = (uint64_t)v;
			else if (strcmp(a, "--queries") == 0)
				o.queries = (size_t)v;
			else if (strcmp(a, "--repeat") == 0)
				o.repeat = (size_t)v;
			else if (strcmp(a, "--batch") == 0)
				o.batch = (size_t)v;
			else if (strcmp(a, "--flush-mb") == 0)
				rix_flush_bytes = (uint64_t)v << 20;
			else
				goto usage;
		} else {
			goto usage;
		}
	}
	if (o.queries_file && o.index && !o.mode)
		return do_queries_file(&o);
	if (!o.mode || !o.docs || (strcmp(o.mode, "dump") == 0 ? !o.out : !o.index))
		goto usage;
	if (chain_load(&c, o.data))
		return 1;
	if (strcmp(o.mode, "build") == 0)
		rc = do_build(&o, &c);
	else if (strcmp(o.mode, "query") == 0)
		rc = do_query(&o, &c);
	else if (strcmp(o.mode, "dump") == 0)
		rc = do_dump(&o, &c);
	else
		rc = 2;
	chain_free(&c);
	return rc;
usage:
	fputs("usage: bench_check build|query --index DIR --docs N [--seed S] [--data D] [--queries Q] [--repeat R] "
	      "[--batch B] [--flush-mb M]\n"
	      "       bench_check dump --docs N --out DIR [--query]\n"
	      "       bench_check --index DIR --queries LIST [--repeat R]\n",
	      stderr);
	return 2;
}
