/*
** A small per-thread cache of what a unit's page and GET /api/v1/units/CODE
** read from the model (the unit, its path, children, predecessors,
** documents and journal), kept for at most web.cache_ttl_ms. Pages change
** far less often than they are read, and on PostgreSQL every model call is
** a round trip; the cache turns six calls into none. It never caches a
** decision: the session lookup and access_can_read still run on every
** request. Each worker thread owns its table (no locks); a pthread key
** frees it when the thread ends. web_cache_invalidate() drops every entry
** at once (writes made through this process call it); writes made by other
** processes (the CLI, other nodes) show within the TTL.
*/
#include <pthread.h>
#include <time.h>

#include "web/internal.h"

#define CACHE_SLOTS 512

struct cache_slot {
	struct unit_data *d;
	uint64_t gen;
	int64_t expires_ms;
};

struct cache {
	struct cache_slot slot[CACHE_SLOTS];
};

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static uint64_t g_gen = 1;

static void data_free(struct unit_data *d)
{
	if (!d)
		return;
	arena_release(&d->arena);
	free(d);
}

static void cache_free(void *p)
{
	struct cache *c = p;

	for (size_t i = 0; i < CACHE_SLOTS; i++)
		data_free(c->slot[i].d);
	free(c);
}

static void make_key(void)
{
	pthread_key_create(&g_key, cache_free);
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void web_cache_invalidate(void)
{
	__atomic_add_fetch(&g_gen, 1, __ATOMIC_RELEASE);
}

uint64_t web_cache_generation(void)
{
	return __atomic_load_n(&g_gen, __ATOMIC_ACQUIRE);
}

/* Read everything the page needs into d, allocating from a. */
static enum app_err load(struct store *s, struct arena *a, const char *code, bool full, struct unit_data *d)
{
	enum app_err e;

	if (!full) {
		if ((e = unit_get_by_code(s, a, code, &d->u)) != APP_OK ||
		    (e = unit_children(s, a, d->u.id, &d->kids)) != APP_OK)
			return e;
		return APP_OK;
	}
	if ((e = unit_get_by_code(s, a, code, &d->u)) != APP_OK || (e = unit_path(s, a, d->u.id, &d->path)) != APP_OK ||
	    (e = unit_children(s, a, d->u.id, &d->kids)) != APP_OK ||
	    (e = unit_predecessors(s, a, d->u.id, &d->preds)) != APP_OK ||
	    (d->u.valid_to && (e = unit_successors(s, a, d->u.id, &d->succs)) != APP_OK) ||
	    (e = doc_list_for_unit(s, a, d->u.id, 50, &d->docs)) != APP_OK ||
	    (e = event_list_for_unit(s, a, d->u.id, 100, &d->events)) != APP_OK)
		return e;
	return APP_OK;
}

enum app_err web_unit_data(struct req *r, const char *code, bool full, const struct unit_data **out)
{
	unsigned ttl = r->app->cache_ttl_ms;
	uint64_t gen = __atomic_load_n(&g_gen, __ATOMIC_ACQUIRE);
	struct cache *c;
	struct cache_slot *sl;
	struct unit_data *d;
	int64_t now;
	enum app_err e;

	*out = NULL;
	if (!ttl) {
		/* No cache: the data lives in the request's arena. */
		d = arena_alloc(r->arena, sizeof(*d));
		if ((e = load(r->app->store, r->arena, code, full, d)) != APP_OK)
			return e;
		*out = d;
		return APP_OK;
	}
	pthread_once(&g_once, make_key);
	c = pthread_getspecific(g_key);
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		pthread_setspecific(g_key, c);
	}
	sl = &c->slot[hash(code) % CACHE_SLOTS];
	now = now_ms();
	if (sl->d && sl->gen == gen && sl->expires_ms > now && strcmp(sl->d->u.code, code) == 0) {
		*out = sl->d;
		return APP_OK;
	}
	d = xcalloc(1, sizeof(*d));
	arena_init(&d->arena);
	if ((e = load(r->app->store, &d->arena, code, true, d)) != APP_OK) {
		data_free(d);
		return e;
	}
	/* A thread runs one request at a time: nobody else holds the old entry. */
	data_free(sl->d);
	sl->d = d;
	sl->gen = gen;
	sl->expires_ms = now + ttl;
	*out = d;
	return APP_OK;
}

/* ---- sessions ---- */

/*
** Live sessions found recently by this thread, for the same TTL: on
** PostgreSQL the lookup is a round trip on every request. Only positive
** answers are kept; a logout or password change through this process
** invalidates every thread at once (web_cache_invalidate); a session ended
** elsewhere (another node, `giamsat user disable`) stops working within
** the TTL.
*/
#define SESSION_SLOTS 256

struct session_slot {
	char token[TOKEN_LEN + 1];
	enum session_kind kind;
	struct account acct; /* strings in arena */
	struct arena arena;
	char csrf[TOKEN_LEN + 1];
	uint64_t gen;
	int64_t expires_ms;
	bool used;
};

struct session_cache {
	struct session_slot slot[SESSION_SLOTS];
};

static pthread_key_t g_skey;
static pthread_once_t g_sonce = PTHREAD_ONCE_INIT;

static void scache_free(void *p)
{
	struct session_cache *c = p;

	for (size_t i = 0; i < SESSION_SLOTS; i++)
		if (c->slot[i].used)
			arena_release(&c->slot[i].arena);
	free(c);
}

static void make_skey(void)
{
	pthread_key_create(&g_skey, scache_free);
}

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void copy_account(struct arena *a, const struct account *from, struct account *to)
{
	*to = *from;
	to->login = dup_or_null(a, from->login);
	to->display_name = dup_or_null(a, from->display_name);
	to->unit_code = dup_or_null(a, from->unit_code);
	to->unit_name = dup_or_null(a, from->unit_name);
}

enum app_err web_session_lookup(struct req *r, const char *token, enum session_kind kind, struct account *acct,
				char csrf[TOKEN_LEN + 1])
{
	unsigned ttl = r->app->cache_ttl_ms;
	uint64_t gen = __atomic_load_n(&g_gen, __ATOMIC_ACQUIRE);
	char csrf_buf[TOKEN_LEN + 1] = "";
	struct session_cache *c;
	struct session_slot *sl;
	int64_t now;
	enum app_err e;

	if (strlen(token) != TOKEN_LEN)
		return APP_EAUTH;
	if (!ttl)
		return session_lookup(r->app->store, r->arena, token, kind, acct, csrf);
	pthread_once(&g_sonce, make_skey);
	c = pthread_getspecific(g_skey);
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		pthread_setspecific(g_skey, c);
	}
	sl = &c->slot[hash(token) % SESSION_SLOTS];
	now = now_ms();
	if (sl->used && sl->kind == kind && sl->gen == gen && sl->expires_ms > now && web_token_eq(sl->token, token)) {
		copy_account(r->arena, &sl->acct, acct);
		if (csrf)
			memcpy(csrf, sl->csrf, sizeof(sl->csrf));
		return APP_OK;
	}
	e = session_lookup(r->app->store, r->arena, token, kind, acct, kind == SESSION_WEB ? csrf_buf : NULL);
	if (e != APP_OK)
		return e;
	if (csrf)
		memcpy(csrf, csrf_buf, sizeof(csrf_buf));
	if (sl->used)
		arena_release(&sl->arena);
	arena_init(&sl->arena);
	memcpy(sl->token, token, TOKEN_LEN + 1);
	sl->kind = kind;
	copy_account(&sl->arena, acct, &sl->acct);
	memcpy(sl->csrf, csrf_buf, sizeof(csrf_buf));
	sl->gen = gen;
	sl->expires_ms = now + ttl;
	sl->used = true;
	return APP_OK;
}

/* ---- access decisions ---- */

/*
** access_can_read() answers for (account, unit), kept for the same TTL
** and dropped by web_cache_invalidate(): on PostgreSQL the check is a
** round trip per request. A change of the tree or of an account's scope
** made by another process shows within the TTL.
*/
#define ACCESS_SLOTS 1024

struct access_slot {
	int64_t account_id, unit_id, scope_id;
	bool ok;
	uint64_t gen;
	int64_t expires_ms;
};

static pthread_key_t g_akey;
static pthread_once_t g_aonce = PTHREAD_ONCE_INIT;

static void make_akey(void)
{
	pthread_key_create(&g_akey, free);
}

enum app_err web_can_read(struct req *r, int64_t unit_id, bool *ok)
{
	unsigned ttl = r->app->cache_ttl_ms;
	uint64_t gen = __atomic_load_n(&g_gen, __ATOMIC_ACQUIRE);
	struct access_slot *tab, *sl;
	int64_t now;
	enum app_err e;

	*ok = false;
	if (!r->authed)
		return APP_OK;
	if (!ttl)
		return access_can_read(r->app->store, &r->acct, unit_id, ok);
	pthread_once(&g_aonce, make_akey);
	tab = pthread_getspecific(g_akey);
	if (!tab) {
		tab = xcalloc(ACCESS_SLOTS, sizeof(*tab));
		pthread_setspecific(g_akey, tab);
	}
	sl = &tab[((uint64_t)r->acct.id * 2654435761u + (uint64_t)unit_id) % ACCESS_SLOTS];
	now = now_ms();
	if (sl->gen == gen && sl->expires_ms > now && sl->account_id == r->acct.id && sl->unit_id == unit_id &&
	    sl->scope_id == r->acct.unit_id) {
		*ok = sl->ok;
		return APP_OK;
	}
	if ((e = access_can_read(r->app->store, &r->acct, unit_id, ok)) != APP_OK)
		return e;
	sl->account_id = r->acct.id;
	sl->unit_id = unit_id;
	sl->scope_id = r->acct.unit_id;
	sl->ok = *ok;
	sl->gen = gen;
	sl->expires_ms = now + ttl;
	return APP_OK;
}
