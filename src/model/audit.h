/*
** The audit log: every change to records that must not be quietly
** rewritten (inspections, findings, reviews, complaints, accounts ...) is
** appended as an entry saying who, when, what, and the record before and
** after (JSON). Entries form a hash chain: each entry's hash is BLAKE2b-256
** (libsodium) of the previous entry's hash and of every field of its own,
** so altering, inserting or deleting a row outside the application breaks
** the chain at that row, and `giamsat audit verify` names the first broken
** link. Deleting the newest entries cannot be seen from inside the table:
** record the head hash that verify prints somewhere else (a report, a
** signed mail) to anchor it.
*/
#ifndef GIAMSAT_MODEL_AUDIT_H
#define GIAMSAT_MODEL_AUDIT_H

#include <stdint.h>

#include "util/util.h"

struct store;

#define AUDIT_HASH_LEN 32

struct audit_new {
	int64_t account_id; /* who (0: the system, e.g. a command-line import) */
	int64_t unit_id;    /* whose record (0: none) */
	const char *entity; /* "finding", "inspection", "account" ... */
	int64_t entity_id;
	const char *action; /* "create", "update", "issue", "delete" ... */
	const char *before; /* JSON of the record before, or NULL */
	const char *after;  /* JSON after, or NULL */
};

/*
** Append an entry. Call it inside the transaction that makes the change
** (conn_begin on the thread's connection), so the entry and the change
** commit or roll back together; the chain is serialised by that
** transaction (SQLite) or an advisory lock (PostgreSQL). *seq gets the
** entry's number (may be NULL). APP_EINVAL for a missing entity/action or
** invalid UTF-8.
*/
enum app_err audit_append(struct store *s, const struct audit_new *e, int64_t *seq);

struct audit_verify {
	int64_t entries;                    /* entries read */
	int64_t broken_at;                  /* seq of the first broken entry; 0 when intact */
	const char *reason;                 /* English, static: what is wrong there */
	unsigned char head[AUDIT_HASH_LEN]; /* hash of the last entry (zeros if none) */
};

/* Walk the whole chain. APP_OK even when broken (see out->broken_at). */
enum app_err audit_verify(struct store *s, struct audit_verify *out);

#endif
