/*
** Text reuse (copy detection): which passages of a plan were copied from the
** superior's directive, from peer units' plans, from the unit's own earlier
** plans or from anything else in a corpus, with byte offsets into the files
** as they were given. Depends on src/text and src/util only.
**
** The index is a directory (see docs/reuse.md for the format):
**   MANIFEST            text; names the live files, ends with a checksum
**   seg-NNNNNNNN.rix    immutable segments: documents, forward store, postings
**   del-NNNNNNNN.bin    ids of deleted documents (sorted), checksummed
**   LOCK                flock()ed by the one writer
** Readers take no lock: they read MANIFEST and mmap the segments it names;
** a writer never changes a file in place, it writes new files, fsyncs them
** and renames a new MANIFEST over the old one, so a reader or a crash always
** sees a whole generation.
**
** Typical use by a web page (one reuse_index per process or per thread):
**
**     char err[REUSE_ERRLEN];
**     struct reuse_index *ix;
**     if (reuse_open("/var/lib/giamsat/reuse", &ix, err) != APP_OK) ... err
**     struct reuse_report *r;
**     struct reuse_meta m = { .unit = "HU-TT", .directive = "01-CTr/TU", .kind = REUSE_KIND_PLAN };
**     if (reuse_check(ix, bytes, len, &m, NULL, &r, err) == APP_OK) {
**             ... r->passages[i], r->share_total, r->signals ...
**             reuse_report_free(r);
**     }
**     reuse_close(ix);
*/
#ifndef GIAMSAT_REUSE_H
#define GIAMSAT_REUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define REUSE_ERRLEN 256
/* Inputs larger than this are refused with APP_ETOOBIG (before reading). */
#define REUSE_MAX_INPUT (64u << 20)

enum reuse_kind { REUSE_KIND_NONE = 0, REUSE_KIND_DIRECTIVE, REUSE_KIND_PLAN };

enum reuse_scope {
	REUSE_SCOPE_SUPERIOR = 0, /* the directive the checked plan implements */
	REUSE_SCOPE_PEER,         /* other units' plans for the same directive */
	REUSE_SCOPE_OWN,          /* the unit's own earlier documents */
	REUSE_SCOPE_OTHER,        /* everything else */
	REUSE_SCOPE_COUNT
};

/* "superior", "peer", "own", "other": static strings. */
const char *reuse_scope_name(enum reuse_scope s);

/*
** Metadata of a document, for scopes. Every field may be NULL/0. For a
** directive, `directive` is its own number (01-CTr/TU); for a plan, the
** number of the directive it implements. `unit` and `parent` are unit codes.
*/
struct reuse_meta {
	const char *unit;
	const char *parent;
	const char *directive;
	enum reuse_kind kind;
	int year;
};

/* Tunables; reuse_opts_default() fills them. NULL means defaults. */
struct reuse_opts {
	int max_candidates;  /* sources aligned per check (20) */
	int df_max;          /* fingerprints in more documents than this are boilerplate
				 (0: max(32, documents / 500)) */
	int min_passage;     /* fewest matched syllables in a passage (15) */
	bool keep_boiler;    /* do not drop header/motto/signature zones */
	const char *exclude; /* skip the source with this name (the checked file itself) */
};
void reuse_opts_default(struct reuse_opts *o);

/* ---- the writer: add and delete documents ---- */

struct reuse_writer;

/*
** Open the index in dir for writing, creating the directory when create is
** true. Takes an exclusive flock on dir/LOCK: APP_ECONFLICT ("index locked
** by another process") if another writer holds it. APP_ENOTFOUND when dir
** does not exist and create is false; APP_ECORRUPT when the current files
** fail their checksums. On error a message is in err. Free with
** reuse_writer_free() (which discards anything not committed).
*/
enum app_err reuse_writer_open(const char *dir, bool create, struct reuse_writer **out, char err[REUSE_ERRLEN]);

/*
** Add one document named name (the path as given) with its raw bytes in any
** supported encoding. Re-adding a name replaces the older document. Errors:
** APP_EINVAL empty/binary/undecodable, APP_ETOOBIG over REUSE_MAX_INPUT.
** Nothing is visible to readers before reuse_writer_commit().
*/
enum app_err reuse_writer_add(struct reuse_writer *w, const char *name, const char *data, size_t len,
			      const struct reuse_meta *meta, char err[REUSE_ERRLEN]);

/* Delete the live document named name; APP_ENOTFOUND if there is none. */
enum app_err reuse_writer_delete(struct reuse_writer *w, const char *name, char err[REUSE_ERRLEN]);

/*
** Write what was added and deleted as a new generation: new segment files,
** fsync, then an atomic rename of MANIFEST; merges segments when there are
** many; removes files no generation names. On failure the previous
** generation stays current.
*/
enum app_err reuse_writer_commit(struct reuse_writer *w, char err[REUSE_ERRLEN]);
void reuse_writer_free(struct reuse_writer *w);

/* Counts for progress lines: documents added so far, bytes read so far. */
void reuse_writer_progress(const struct reuse_writer *w, size_t *docs, uint64_t *bytes);

/*
** Test hook: when set to a name ("segment", "manifest"), the writer calls
** _exit(9) at that point of the next commit, as if killed there.
*/
extern const char *reuse_crash_point;

/* ---- the reader ---- */

struct reuse_index;

/*
** Open the current generation of the index in dir, read-only (mmap). The
** segments' headers and block checksum tables are checked now; every other
** block of every file is checked the first time a check reads it, so a
** damaged file is reported (APP_ECORRUPT), never used. APP_ENOTFOUND when
** dir or its MANIFEST is missing. Release with reuse_close().
*/
enum app_err reuse_open(const char *dir, struct reuse_index **out, char err[REUSE_ERRLEN]);
void reuse_close(struct reuse_index *ix);
/* Live documents in the opened generation. */
size_t reuse_doc_count(const struct reuse_index *ix);
/* Read every block of every file; APP_ECORRUPT with a message on damage. */
enum app_err reuse_verify(struct reuse_index *ix, char err[REUSE_ERRLEN]);

/* ---- the report ---- */

struct reuse_span {
	uint64_t offset, length; /* bytes in the file as given */
};

struct reuse_passage {
	uint64_t offset, length;               /* in the checked file */
	const char *source;                    /* name of the source document */
	uint64_t source_offset, source_length; /* in the source file as indexed */
	enum reuse_scope scope;
	double similarity;  /* 0..1: matched syllables / passage syllables */
	uint32_t syllables; /* syllables of the checked file covered */
	const char **also;  /* other sources of the same span (NULL-ended) */
};

struct reuse_source_share {
	const char *source;
	enum reuse_scope scope;
	double share;
};

struct reuse_item_evidence {
	uint64_t offset, length; /* an item (task line) of the checked file */
};

struct reuse_signals {
	double copied_share;   /* = share_total */
	int items;             /* task/item lines found */
	int items_no_number;   /* ... without any figure or target */
	int items_no_deadline; /* ... without a date, quý, năm 20xx, trước ngày ... */
	int items_no_lead;     /* ... without chủ trì, phối hợp, giao, phụ trách ... */
	struct reuse_item_evidence *ev_no_number, *ev_no_deadline, *ev_no_lead; /* up to 5 each */
	int nev_no_number, nev_no_deadline, nev_no_lead;
	uint32_t syllables;          /* content syllables of the checked file */
	uint32_t superior_syllables; /* of the superior directive, 0 if none was found */
	double length_ratio;         /* syllables / superior_syllables, 0 if none */
	bool perfunctory;            /* the verdict, with reasons[] */
	const char *reasons[6];      /* English keys, NULL-ended: "copied", "no_numbers", ... */
};

struct reuse_report {
	const char *encoding;           /* encoding the checked file was read in */
	uint64_t length;                /* bytes */
	uint32_t syllables;             /* content syllables (boilerplate zones excluded) */
	struct reuse_passage *passages; /* sorted by offset, no two overlap */
	size_t npassages;
	double share_total;
	double share_scope[REUSE_SCOPE_COUNT];
	struct reuse_source_share *by_source;
	size_t nby_source;
	/* what was discounted */
	uint32_t zone_syllables;  /* syllables in header/motto/Nơi nhận/signature zones */
	struct reuse_span *zones; /* those zones (up to 16) */
	size_t nzones;
	const char **zone_kinds;      /* "header", "motto", "recipients", "signature" per zone */
	uint32_t common_fingerprints; /* query fingerprints over the df limit */
	uint32_t common_syllables;    /* syllables of passages dropped as common phrasing */
	struct reuse_span *common;    /* examples of those passages (up to 5) */
	size_t ncommon;
	int df_max;
	size_t candidates; /* sources aligned */
	size_t index_docs;
	struct reuse_signals signals;
	void *priv; /* owned memory */
};

/*
** Check data (raw bytes, any supported encoding) against the index. meta
** (may be NULL) describes the checked document, for scopes. The report is
** allocated; free it with reuse_report_free(). Errors as reuse_writer_add,
** plus APP_ECORRUPT when a damaged block of the index is read.
*/
enum app_err reuse_check(struct reuse_index *ix, const char *data, size_t len, const struct reuse_meta *meta,
			 const struct reuse_opts *opts, struct reuse_report **out, char err[REUSE_ERRLEN]);
void reuse_report_free(struct reuse_report *r);

/* The report as the JSON of `giamsat reuse check --json`; malloc'd. */
char *reuse_report_json(const struct reuse_report *r, const char *file);

/*
** Read a sidecar FILE.meta.json ({"unit","parent","directive","kind","year"})
** into m; strings are allocated in *owned (free it). APP_ENOTFOUND when there
** is no such file, APP_EINVAL when it is not that JSON.
*/
enum app_err reuse_meta_load(const char *path, struct reuse_meta *m, char **owned, char err[REUSE_ERRLEN]);

#endif
