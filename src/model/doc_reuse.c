/* Stored documents in the copy detector: metadata for scopes, sync, check. */
#include "util/util.h"
#include "model/doc_reuse.h"

#include <dirent.h>
#include <errno.h>
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
out:
	if (w)
		reuse_writer_free(w);
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
