/* Stored documents in the copy detector: metadata for scopes, sync, check. */
#include "util/util.h"
#include "model/doc_reuse.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <unistd.h>

#include "ingest/docnum.h"
#include "model/doc.h"
#include "model/unit.h"
#include "store/store.h"
#include "text/text.h"

void doc_reuse_name(int64_t doc_id, char buf[32])
{
	snprintf(buf, 32, "doc/%lld", (long long)doc_id);
}

int64_t doc_reuse_id(const char *name)
{
	int64_t id;

	if (!name || strncmp(name, "doc/", 4) != 0 || !parse_int64(name + 4, &id) || id <= 0)
		return 0;
	return id;
}

/* The first document number cited in text other than own (canonical), or NULL. */
static const char *cited_number(struct arena *a, const char *text, const char *own)
{
	struct docnum dn;
	enum docnum_reason why;

	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, " ,;()");

		if (n > 2 && n < 40 && (memchr(p, '-', n) || memchr(p, '/', n))) {
			char tok[40];

			memcpy(tok, p, n);
			tok[n] = '\0';
			if (docnum_parse(tok, &dn, &why) == APP_OK && (!own || strcmp(dn.canonical, own) != 0))
				return arena_strdup(a, dn.canonical);
		}
		p += n;
		while (*p == ' ' || *p == ',' || *p == ';' || *p == '(' || *p == ')')
			p++;
	}
	return NULL;
}

/* The document's own number, canonical, or NULL. */
static const char *own_number(struct arena *a, const struct doc *d)
{
	struct docnum dn;
	enum docnum_reason why;

	if (d->number && docnum_parse(d->number, &dn, &why) == APP_OK)
		return arena_strdup(a, dn.canonical);
	return NULL;
}

const char *doc_directive_number(struct arena *a, const struct doc *d, bool *implements)
{
	const char *own = own_number(a, d);
	const char *cited = cited_number(a, d->title, own);

	*implements = cited != NULL;
	return cited ? cited : own;
}

/* Metadata of a stored document for the scopes, in arena a. */
static void meta_of(struct store *s, struct arena *a, const struct doc *d, struct reuse_meta *m)
{
	struct unit u;

	memset(m, 0, sizeof(*m));
	m->unit = d->unit_code;
	if (unit_get(s, a, d->unit_id, &u) == APP_OK)
		m->parent = u.parent_code;
	bool implements;

	m->directive = doc_directive_number(a, d, &implements);
	/* a document that cites none implements nothing: it is a directive to
	   those that cite it ("Kế hoạch thực hiện Kế hoạch số 310/KH-UBND") */
	m->kind = implements ? REUSE_KIND_PLAN : REUSE_KIND_DIRECTIVE;
	if (d->doc_date && strlen(d->doc_date) >= 4) {
		int64_t y;
		char year[5];

		memcpy(year, d->doc_date, 4);
		year[4] = '\0';
		if (parse_int64(year, &y))
			m->year = (int)y;
	}
}

static struct query Q_IDS = { "SELECT id FROM doc WHERE body IS NOT NULL ORDER BY id", NULL, 0 };

enum app_err doc_reuse_sync(struct store *s, const char *dir, size_t *added, char err[REUSE_ERRLEN])
{
	struct conn *c = store_conn(s);
	struct stmt *st;
	struct reuse_writer *w = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	bool row;
	enum app_err e;

	*added = 0;
	err[0] = '\0';
	if (!c)
		return APP_EDB;
	st = conn_stmt(c, &Q_IDS);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	e = reuse_writer_open(dir, true, &w, err);
	if (e != APP_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct arena a;
		struct doc d;
		struct reuse_meta m;
		char name[32];

		arena_init(&a);
		e = doc_get(s, &a, ids[i], &d);
		if (e == APP_OK && d.body && *d.body) {
			meta_of(s, &a, &d, &m);
			doc_reuse_name(d.id, name);
			e = reuse_writer_add(w, name, d.body, strlen(d.body), &m, err);
			if (e == APP_OK)
				(*added)++;
			else if (e == APP_EINVAL)
				e = APP_OK; /* a body too short to index is no failure */
		}
		arena_release(&a);
		if (e != APP_OK)
			goto out;
	}
	e = reuse_writer_commit(w, err);
	if (e == APP_OK) {
		size_t measured;

		reuse_writer_free(w);
		w = NULL;
		e = doc_reuse_measure(s, dir, &measured, err);
	}
out:
	if (w)
		reuse_writer_free(w);
	free(ids);
	return e;
}

/* One plan's measured figure, before it is stored. */
struct measure {
	int64_t doc_id, unit_id, source_id;
	double share;
	char *source_name; /* set when the source is not a stored document */
};

/* Whether the source named name is a stored document dated after date (it cannot be what was copied). */
static bool later_than(struct store *s, struct arena *a, const char *name, const char *date)
{
	struct doc d;
	int64_t id = doc_reuse_id(name);

	return id && date && doc_get(s, a, id, &d) == APP_OK && d.doc_date && strcmp(d.doc_date, date) > 0;
}

/*
** The main source of a report: the one that covers the most syllables,
** counting every source a passage was found in (a plan copied from a peer
** that copied the directive matches both), not dated after the checked
** document (date); any, when every source is later. NULL when none.
*/
static const char *main_source(struct store *s, struct arena *a, const struct reuse_report *r, const char *date)
{
	const char **names = arena_alloc(a, (r->npassages * 8 + 1) * sizeof(*names));
	uint64_t *cover = arena_alloc(a, (r->npassages * 8 + 1) * sizeof(*cover));
	size_t n = 0;
	const char *best = NULL, *any = NULL;
	uint64_t best_cover = 0, any_cover = 0;

	for (size_t i = 0; i < r->npassages; i++) {
		const struct reuse_passage *p = &r->passages[i];
		for (size_t k = 0; k < 8; k++) {
			const char *src = k == 0 ? p->source : p->also ? p->also[k - 1] : NULL;
			size_t j;
			if (!src)
				break;
			for (j = 0; j < n && strcmp(names[j], src) != 0; j++)
				;
			if (j == n) {
				names[n] = src;
				cover[n++] = 0;
			}
			cover[j] += p->syllables;
		}
	}
	for (size_t j = 0; j < n; j++) {
		if (cover[j] > any_cover) {
			any = names[j];
			any_cover = cover[j];
		}
		if (cover[j] > best_cover && !later_than(s, a, names[j], date)) {
			best = names[j];
			best_cover = cover[j];
		}
	}
	return best ? best : any;
}

/* The generation of the index in dir: hex of a hash of its MANIFEST ("" when unreadable). */
static void generation_of(const char *dir, char out[33])
{
	char *path = xasprintf("%s/MANIFEST", dir), *data = NULL;
	unsigned char h[16];
	size_t len = 0;

	out[0] = '\0';
	if (file_read(path, 16 << 20, &data, &len) == APP_OK) {
		crypto_generichash(h, sizeof(h), (const unsigned char *)data, len, NULL, 0);
		sodium_bin2hex(out, 33, h, sizeof(h));
	}
	free(data);
	free(path);
}

static struct query Q_COPY_CLEAR = { "DELETE FROM doc_copy", NULL, 0 };
static struct query Q_COPY_ADD = {
	"INSERT INTO doc_copy (doc_id, unit_id, share, source_doc_id, source_name, measured_at, generation)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7)",
	NULL, 0
};

/* Replace every stored figure by v[0..n) in one transaction. */
static enum app_err store_measures(struct store *s, const struct measure *v, size_t n, const char *gen)
{
	struct conn *c = store_conn(s);
	struct stmt *st;
	int64_t now = time_now();
	enum app_err e;

	if (!c)
		return APP_EDB;
	if ((e = conn_begin(c)) != APP_OK)
		return e;
	if (!(st = conn_stmt(c, &Q_COPY_CLEAR))) {
		conn_rollback(c);
		return APP_EDB;
	}
	e = stmt_exec(st, NULL);
	for (size_t i = 0; e == APP_OK && i < n; i++) {
		if (!(st = conn_stmt(c, &Q_COPY_ADD))) {
			e = APP_EDB;
			break;
		}
		stmt_bind_int64(st, 1, v[i].doc_id);
		stmt_bind_int64(st, 2, v[i].unit_id);
		stmt_bind_double(st, 3, v[i].share);
		if (v[i].source_id)
			stmt_bind_int64(st, 4, v[i].source_id);
		else
			stmt_bind_null(st, 4);
		stmt_bind_text(st, 5, v[i].source_name);
		stmt_bind_int64(st, 6, now);
		stmt_bind_text(st, 7, gen);
		e = stmt_exec(st, NULL);
	}
	if (e == APP_OK)
		return conn_commit(c);
	conn_rollback(c);
	return e;
}

enum app_err doc_reuse_measure(struct store *s, const char *dir, size_t *measured, char err[REUSE_ERRLEN])
{
	struct conn *c = store_conn(s);
	struct reuse_index *ix = NULL;
	struct measure *v = NULL;
	struct stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, nv = 0;
	char gen[33];
	bool row;
	enum app_err e;

	*measured = 0;
	err[0] = '\0';
	if (!c)
		return APP_EDB;
	st = conn_stmt(c, &Q_IDS);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	e = reuse_open(dir, &ix, err);
	if (e == APP_ENOTFOUND && !err[0])
		snprintf(err, REUSE_ERRLEN, "no copy-detection index in %s", dir);
	if (e != APP_OK)
		goto out;
	generation_of(dir, gen);
	v = xcalloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		struct arena a;
		struct doc d;
		struct reuse_report *r = NULL;
		bool implements = false;

		arena_init(&a);
		e = doc_get(s, &a, ids[i], &d);
		if (e == APP_OK && d.body && *d.body && doc_directive_number(&a, &d, &implements) && implements) {
			e = doc_reuse_check(s, ix, d.id, &r, err);
			if (e == APP_OK) {
				struct measure *m = &v[nv++];
				const char *best = main_source(s, &a, r, d.doc_date);

				m->doc_id = d.id;
				m->unit_id = d.unit_id;
				m->share = r->share_total < 0 ? 0 : r->share_total > 1 ? 1 : r->share_total;
				if (best && m->share > 0) {
					m->source_id = doc_reuse_id(best);
					if (!m->source_id)
						m->source_name = xstrdup(best);
				}
				reuse_report_free(r);
			} else if (e == APP_EINVAL || e == APP_ENOTFOUND) {
				e = APP_OK; /* too short to check, or not indexed: no figure */
				err[0] = '\0';
			}
		}
		arena_release(&a);
		if (e != APP_OK)
			goto out;
	}
	e = store_measures(s, v, nv, gen);
	if (e == APP_OK)
		*measured = nv;
out:
	for (size_t i = 0; i < nv; i++)
		free(v[i].source_name);
	free(v);
	if (ix)
		reuse_close(ix);
	free(ids);
	return e;
}

static bool index_file(const char *name)
{
	return strcmp(name, "MANIFEST") == 0 || strcmp(name, "LOCK") == 0 || strncmp(name, "MANIFEST.", 9) == 0 ||
	       strncmp(name, "seg-", 4) == 0 || strncmp(name, "del-", 4) == 0;
}

enum app_err doc_reuse_reset(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	enum app_err e = APP_OK;

	if (!d)
		return errno == ENOENT ? APP_OK : APP_EIO;
	while ((de = readdir(d)) != NULL) {
		char *path;

		if (!index_file(de->d_name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(path) != 0)
			e = APP_EIO;
		free(path);
	}
	closedir(d);
	if (e == APP_OK && rmdir(dir) != 0 && errno != ENOTEMPTY && errno != EEXIST)
		e = APP_EIO;
	return e;
}

enum app_err doc_reuse_check(struct store *s, struct reuse_index *ix, int64_t doc_id, struct reuse_report **out,
			     char err[REUSE_ERRLEN])
{
	struct arena a;
	struct doc d;
	struct reuse_meta m;
	struct reuse_opts o;
	char name[32];
	enum app_err e;

	*out = NULL;
	err[0] = '\0';
	arena_init(&a);
	e = doc_get(s, &a, doc_id, &d);
	if (e == APP_OK && (!d.body || !*d.body))
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		meta_of(s, &a, &d, &m);
		doc_reuse_name(doc_id, name);
		reuse_opts_default(&o);
		o.exclude = name;
		e = reuse_check(ix, d.body, strlen(d.body), &m, &o, out, err);
	}
	arena_release(&a);
	return e;
}
