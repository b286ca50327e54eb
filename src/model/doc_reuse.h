/*
** Copy detection for the documents in the store: keeps a reuse index (see
** reuse/reuse.h) of every document with a body, named "doc/ID", with the
** metadata that decides scopes (the issuing unit, its parent, the
** directive a plan implements, the year), and checks one stored document
** against all the others. The web's document page reads its report.
*/
#ifndef GIAMSAT_MODEL_DOC_REUSE_H
#define GIAMSAT_MODEL_DOC_REUSE_H

#include <stdint.h>

#include "reuse/reuse.h"
#include "util/util.h"

struct store;
struct doc;

/* The index name of a stored document: "doc/ID" into buf. */
void doc_reuse_name(int64_t doc_id, char buf[32]);
/* The document id of an index name, or 0 when it is not "doc/ID". */
int64_t doc_reuse_id(const char *name);

/*
** The number of the directive a document is tied to, canonical, in arena
** a: the first document number its title cites other than its own ("Kế
** hoạch thực hiện Chương trình số 01-CTr/TU": *implements = true), else
** its own number (*implements = false: it is itself the directive of the
** documents that cite it); NULL when it has neither.
*/
const char *doc_directive_number(struct arena *a, const struct doc *d, bool *implements);

/*
** Add every stored document that has a body to the index in dir (created
** when missing), replacing older copies, in one commit. *added gets the
** count. Errors: the store's, or the index's with a message in err.
*/
enum app_err doc_reuse_sync(struct store *s, const char *dir, size_t *added, char err[REUSE_ERRLEN]);

/*
** Measure every stored plan (a document with a body that implements a
** directive: doc_directive_number) against the index in dir and store its
** copied share (share_total, 0..1), its main source (the source with the
** largest share: a stored document's id, else the index name), the time
** and the index generation (a hash of dir/MANIFEST) in table doc_copy,
** replacing every earlier figure, in one transaction: the risk score's
** RS_COPIED reads them. One check per plan (docs/inspection.md gives the
** cost); the checks run before the transaction opens. doc_reuse_sync
** calls it after its commit. *measured gets the count.
*/
enum app_err doc_reuse_measure(struct store *s, const char *dir, size_t *measured, char err[REUSE_ERRLEN]);

/*
** Remove the index in dir: only the files an index consists of (MANIFEST,
** segments, deletion lists, LOCK), then the directory if it is empty.
** APP_OK when there was none.
*/
enum app_err doc_reuse_reset(const char *dir);

/*
** Check stored document doc_id against the index (excluding itself).
** The report belongs to the caller: reuse_report_free(). APP_ENOTFOUND
** when the document does not exist or has no body.
*/
enum app_err doc_reuse_check(struct store *s, struct reuse_index *ix, int64_t doc_id, struct reuse_report **out,
			     char err[REUSE_ERRLEN]);

#endif
