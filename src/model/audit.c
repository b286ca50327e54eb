/* The hash-chained audit log. */
#include "util/util.h"
#include "model/audit.h"

#include <sodium.h>

#include "store/store.h"
#include "text/text.h"

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

/* Length-prefixed text; NULL is distinct from "". */
static void put_text(crypto_generichash_state *h, const char *s)
{
	if (!s) {
		put_u64(h, UINT64_MAX);
		return;
	}
	put_u64(h, strlen(s));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

struct entry {
	int64_t seq, at, account_id, unit_id, entity_id;
	const char *entity, *action, *before, *after;
};

static void entry_hash(const unsigned char prev[AUDIT_HASH_LEN], const struct entry *e,
		       unsigned char out[AUDIT_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, AUDIT_HASH_LEN);
	crypto_generichash_update(&h, (const unsigned char *)"giamsat-audit-v1", 16);
	crypto_generichash_update(&h, prev, AUDIT_HASH_LEN);
	put_u64(&h, (uint64_t)e->seq);
	put_u64(&h, (uint64_t)e->at);
	put_u64(&h, (uint64_t)e->account_id);
	put_u64(&h, (uint64_t)e->unit_id);
	put_text(&h, e->entity);
	put_u64(&h, (uint64_t)e->entity_id);
	put_text(&h, e->action);
	put_text(&h, e->before);
	put_text(&h, e->after);
	crypto_generichash_final(&h, out, AUDIT_HASH_LEN);
}

static struct query Q_LOCK = { "SELECT 1", "SELECT pg_advisory_xact_lock(4242002)", 0 };
static struct query Q_LAST = { "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", NULL, 0 };
static struct query Q_INSERT = {
	"INSERT INTO audit (seq, at, account_id, unit_id, entity, entity_id, action, before_json,"
	" after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	NULL, 0
};

static bool valid(const char *s)
{
	return !s || text_utf8_valid(s, strlen(s), NULL);
}

enum app_err audit_append(struct store *s, const struct audit_new *n, int64_t *seq)
{
	struct conn *c = store_conn(s);
	struct stmt *st;
	unsigned char prev[AUDIT_HASH_LEN] = { 0 }, hash[AUDIT_HASH_LEN];
	struct entry e;
	bool row;
	enum app_err err;

	if (seq)
		*seq = 0;
	if (!n->entity || !*n->entity || !n->action || !*n->action || !valid(n->entity) || !valid(n->action) ||
	    !valid(n->before) || !valid(n->after))
		return APP_EINVAL;
	if (!c)
		return APP_EDB;
	st = conn_stmt(c, &Q_LOCK);
	err = stmt_exec(st, NULL);
	if (err != APP_OK)
		return err;
	memset(&e, 0, sizeof(e));
	st = conn_stmt(c, &Q_LAST);
	err = stmt_step(st, &row);
	if (err == APP_OK && row) {
		size_t len;
		const void *h = stmt_col_blob(st, 1, &len);

		e.seq = stmt_col_int64(st, 0);
		if (h && len == AUDIT_HASH_LEN)
			memcpy(prev, h, AUDIT_HASH_LEN);
		else
			err = APP_ECORRUPT;
	}
	stmt_done(st);
	if (err != APP_OK)
		return err;
	e.seq++;
	e.at = time_now();
	e.account_id = n->account_id;
	e.unit_id = n->unit_id;
	e.entity = n->entity;
	e.entity_id = n->entity_id;
	e.action = n->action;
	e.before = n->before;
	e.after = n->after;
	entry_hash(prev, &e, hash);
	st = conn_stmt(c, &Q_INSERT);
	stmt_bind_int64(st, 1, e.seq);
	stmt_bind_int64(st, 2, e.at);
	if (e.account_id)
		stmt_bind_int64(st, 3, e.account_id);
	else
		stmt_bind_null(st, 3);
	if (e.unit_id)
		stmt_bind_int64(st, 4, e.unit_id);
	else
		stmt_bind_null(st, 4);
	stmt_bind_text(st, 5, e.entity);
	stmt_bind_int64(st, 6, e.entity_id);
	stmt_bind_text(st, 7, e.action);
	stmt_bind_text(st, 8, e.before);
	stmt_bind_text(st, 9, e.after);
	stmt_bind_blob(st, 10, prev, AUDIT_HASH_LEN);
	stmt_bind_blob(st, 11, hash, AUDIT_HASH_LEN);
	err = stmt_exec(st, NULL);
	if (err == APP_OK && seq)
		*seq = e.seq;
	return err;
}

static struct query Q_ALL = { "SELECT seq, at, account_id, unit_id, entity, entity_id, action, before_json, after_json,"
			      " prev_hash, hash FROM audit ORDER BY seq",
			      NULL, 0 };

enum app_err audit_verify(struct store *s, struct audit_verify *out)
{
	struct conn *c = store_conn(s);
	struct stmt *st;
	unsigned char prev[AUDIT_HASH_LEN] = { 0 }, want[AUDIT_HASH_LEN];
	int64_t expect = 1;
	bool row;
	enum app_err err;

	memset(out, 0, sizeof(*out));
	if (!c)
		return APP_EDB;
	st = conn_stmt(c, &Q_ALL);
	while ((err = stmt_step(st, &row)) == APP_OK && row) {
		struct entry e;
		size_t plen = 0, hlen = 0;
		const void *blob;
		unsigned char ph[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN];

		e.seq = stmt_col_int64(st, 0);
		e.at = stmt_col_int64(st, 1);
		e.account_id = stmt_col_null(st, 2) ? 0 : stmt_col_int64(st, 2);
		e.unit_id = stmt_col_null(st, 3) ? 0 : stmt_col_int64(st, 3);
		e.entity = stmt_col_text(st, 4);
		e.entity_id = stmt_col_int64(st, 5);
		e.action = stmt_col_text(st, 6);
		e.before = stmt_col_text(st, 7);
		e.after = stmt_col_text(st, 8);
		/* copy each blob at once: an engine may reuse its buffer */
		blob = stmt_col_blob(st, 9, &plen);
		if (blob && plen == AUDIT_HASH_LEN)
			memcpy(ph, blob, AUDIT_HASH_LEN);
		blob = stmt_col_blob(st, 10, &hlen);
		if (blob && hlen == AUDIT_HASH_LEN)
			memcpy(h, blob, AUDIT_HASH_LEN);
		out->entries++;
		if (e.seq != expect) {
			out->broken_at = expect;
			out->reason = e.seq > expect ? "entry missing (deleted)" : "entry number repeated";
			break;
		}
		if (plen != AUDIT_HASH_LEN || memcmp(ph, prev, AUDIT_HASH_LEN) != 0) {
			out->broken_at = e.seq;
			out->reason = "link to the previous entry does not match";
			break;
		}
		entry_hash(prev, &e, want);
		if (hlen != AUDIT_HASH_LEN || memcmp(h, want, AUDIT_HASH_LEN) != 0) {
			out->broken_at = e.seq;
			out->reason = "entry altered: its content does not match its hash";
			break;
		}
		memcpy(prev, want, AUDIT_HASH_LEN);
		expect++;
	}
	stmt_done(st);
	memcpy(out->head, prev, AUDIT_HASH_LEN);
	return err;
}
