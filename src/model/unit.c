/*
** Organisation units: the tree, its history (validity, successors) and
** search. The tree is kept as a materialised path ('/1/17/240/') so that a
** subtree is one prefix comparison; unit_add writes it and nothing else
** changes parents, so it stays correct.
*/
#include "model/unit.h"

#include "store/store.h"
#include "text/text.h"

static const char *const KIND_CODE[UNIT_KIND_COUNT] = {
	[UNIT_CITY] = "city", [UNIT_SUBORDINATE] = "subordinate", [UNIT_COMMUNE] = "commune", [UNIT_AGENCY] = "agency",
	[UNIT_CELL] = "cell", [UNIT_DISTRICT] = "district",
};
static const char *const KIND_VI[UNIT_KIND_COUNT] = {
	[UNIT_CITY] = "Thành ủy",
	[UNIT_SUBORDINATE] = "Đảng bộ trực thuộc",
	[UNIT_COMMUNE] = "Đảng ủy xã, phường",
	[UNIT_AGENCY] = "Đảng ủy cơ quan",
	[UNIT_CELL] = "Chi bộ",
	[UNIT_DISTRICT] = "Huyện ủy, quận ủy, thị ủy (trước 1/7/2025)",
};

const char *unit_kind_code(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? KIND_CODE[k] : "?";
}

const char *unit_kind_vi(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? KIND_VI[k] : "?";
}

bool unit_kind_parse(const char *code, enum unit_kind *out)
{
	if (!code)
		return false;
	for (int k = 0; k < UNIT_KIND_COUNT; k++)
		if (strcmp(code, KIND_CODE[k]) == 0) {
			*out = (enum unit_kind)k;
			return true;
		}
	return false;
}

/* ---- reading rows ---- */

#define UNIT_COLS                                                                                \
	"u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0), p.code, p.name, u.valid_from, " \
	"u.valid_to, COALESCE(u.successor_id, 0), s.code, s.name, u.demo"
#define UNIT_FROM                                             \
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id" \
	" LEFT JOIN unit s ON s.id = u.successor_id"
#define UNIT_NCOLS 13
#define CHILD_COUNT ", (SELECT COUNT(*) FROM unit c WHERE c.parent_id = u.id)"

static void read_unit(struct stmt *st, struct arena *a, struct unit *u, bool with_count)
{
	memset(u, 0, sizeof(*u));
	u->id = stmt_col_int64(st, 0);
	u->code = stmt_col_dup(st, 1, a);
	u->name = stmt_col_dup(st, 2, a);
	if (!unit_kind_parse(stmt_col_text(st, 3), &u->kind))
		u->kind = UNIT_SUBORDINATE;
	u->parent_id = stmt_col_int64(st, 4);
	u->parent_code = stmt_col_dup(st, 5, a);
	u->parent_name = stmt_col_dup(st, 6, a);
	u->valid_from = stmt_col_dup(st, 7, a);
	u->valid_to = stmt_col_dup(st, 8, a);
	u->successor_id = stmt_col_int64(st, 9);
	u->successor_code = stmt_col_dup(st, 10, a);
	u->successor_name = stmt_col_dup(st, 11, a);
	u->demo = stmt_col_int64(st, 12) != 0;
	if (with_count)
		u->child_count = stmt_col_int64(st, UNIT_NCOLS);
}

/* Read one unit; APP_ENOTFOUND when the statement yields no row. */
static enum app_err read_one(struct stmt *st, struct arena *a, struct unit *out)
{
	bool row;
	enum app_err e = stmt_step(st, &row);

	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK)
		read_unit(st, a, out, false);
	stmt_done(st);
	return e;
}

/* Read every row into a list in the arena. */
static enum app_err read_list(struct stmt *st, struct arena *a, struct unit_list *out, bool with_count)
{
	size_t cap = 16;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	for (;;) {
		e = stmt_step(st, &row);
		if (e != APP_OK || !row)
			break;
		if (out->n == cap) {
			struct unit *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		read_unit(st, a, &out->v[out->n++], with_count);
	}
	stmt_done(st);
	return e;
}

/* ---- lookups ---- */

static struct query Q_GET = { "SELECT " UNIT_COLS UNIT_FROM " WHERE u.id = $1", NULL, 0 };
static struct query Q_GET_CODE = { "SELECT " UNIT_COLS UNIT_FROM " WHERE u.code = $1", NULL, 0 };
static struct query Q_ROOT = { "SELECT " UNIT_COLS UNIT_FROM " WHERE u.parent_id IS NULL"
			       " ORDER BY (CASE WHEN u.valid_to IS NULL THEN 0 ELSE 1 END), u.id LIMIT 1",
			       NULL, 0 };
static struct query Q_CHILDREN = { "SELECT " UNIT_COLS CHILD_COUNT UNIT_FROM " WHERE u.parent_id = $1"
				   " ORDER BY (CASE WHEN u.valid_to IS NULL THEN 0 ELSE 1 END), u.sort_key, u.id",
				   NULL, 0 };
static struct query Q_PREDECESSORS = { "SELECT " UNIT_COLS CHILD_COUNT UNIT_FROM
				       " WHERE u.id IN (SELECT id FROM unit WHERE successor_id = $1"
				       " UNION SELECT old_id FROM unit_successor WHERE new_id = $1)"
				       " ORDER BY u.sort_key, u.id",
				       NULL, 0 };
static struct query Q_SUCCESSOR_UNITS = { "SELECT " UNIT_COLS CHILD_COUNT UNIT_FROM
					  " WHERE u.id IN (SELECT successor_id FROM unit WHERE id = $1"
					  " UNION SELECT new_id FROM unit_successor WHERE old_id = $1)"
					  " ORDER BY u.sort_key, u.id",
					  NULL, 0 };

enum app_err unit_get(struct store *s, struct arena *a, int64_t id, struct unit *out)
{
	struct stmt *st = store_stmt(s, &Q_GET);

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	return read_one(st, a, out);
}

enum app_err unit_get_by_code(struct store *s, struct arena *a, const char *code, struct unit *out)
{
	struct stmt *st;

	if (!code || !*code)
		return APP_ENOTFOUND;
	if (!(st = store_stmt(s, &Q_GET_CODE)))
		return APP_EDB;
	stmt_bind_text(st, 1, code);
	return read_one(st, a, out);
}

enum app_err unit_root(struct store *s, struct arena *a, struct unit *out)
{
	struct stmt *st = store_stmt(s, &Q_ROOT);

	if (!st)
		return APP_EDB;
	return read_one(st, a, out);
}

enum app_err unit_children(struct store *s, struct arena *a, int64_t id, struct unit_list *out)
{
	struct stmt *st = store_stmt(s, &Q_CHILDREN);

	out->n = 0;
	out->v = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	return read_list(st, a, out, true);
}

enum app_err unit_predecessors(struct store *s, struct arena *a, int64_t id, struct unit_list *out)
{
	struct stmt *st = store_stmt(s, &Q_PREDECESSORS);

	out->n = 0;
	out->v = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	return read_list(st, a, out, true);
}

enum app_err unit_successors(struct store *s, struct arena *a, int64_t id, struct unit_list *out)
{
	struct stmt *st = store_stmt(s, &Q_SUCCESSOR_UNITS);

	out->n = 0;
	out->v = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	return read_list(st, a, out, true);
}

/* ---- search ---- */

static struct query Q_SCOPE_PATH = { "SELECT path FROM unit WHERE id = $1", NULL, 0 };
static struct query Q_SEARCH = {
	"SELECT " UNIT_COLS CHILD_COUNT UNIT_FROM
	" WHERE (u.name_fold LIKE $1 ESCAPE '\\' OR u.code LIKE $2 ESCAPE '\\')"
	" AND (substr(u.path, 1, length(CAST($3 AS TEXT))) = CAST($3 AS TEXT)"
	"  OR EXISTS (SELECT 1 FROM unit_successor us JOIN unit n ON n.id = us.new_id"
	"   WHERE us.old_id = u.id AND substr(n.path, 1, length(CAST($3 AS TEXT))) = CAST($3 AS TEXT)))"
	" ORDER BY u.sort_key, u.id LIMIT $4",
	NULL, 0
};

/* Copy s escaping the LIKE wildcards (% _ and the escape \ itself). */
static void like_escape(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sbuf_addch(b, '\\');
		sbuf_addch(b, *s);
	}
}

static enum app_err path_of(struct store *s, int64_t id, char **path)
{
	struct stmt *st = store_stmt(s, &Q_SCOPE_PATH);
	bool row;
	enum app_err e;

	*path = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK)
		*path = xstrdup(stmt_col_text(st, 0) ? stmt_col_text(st, 0) : "");
	stmt_done(st);
	return e;
}

/*
** The ancestors are the ids in the unit's materialised path ('/1/159/601/'
** minus the last): one query by primary keys for up to PATH_IN of them
** (unused parameters are NULL and match nothing), one lookup each beyond.
*/
#define PATH_IN 12
static struct query Q_PATH_IN = { "SELECT " UNIT_COLS UNIT_FROM
				  " WHERE u.id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
				  " ORDER BY length(u.path)",
				  NULL, 0 };

enum app_err unit_path(struct store *s, struct arena *a, int64_t id, struct unit_list *out)
{
	char *path = NULL, *p, *end;
	int64_t *ids;
	size_t n = 0, k = 0;
	enum app_err e;

	out->n = 0;
	out->v = NULL;
	if ((e = path_of(s, id, &path)) != APP_OK)
		return e;
	for (p = path; *p; p++)
		n += *p == '/';
	ids = xmalloc((n ? n : 1) * sizeof(*ids));
	for (p = path; *p == '/' && p[1];) {
		long long anc = strtoll(p + 1, &end, 10);
		if (end == p + 1 || *end != '/') {
			e = APP_ECORRUPT;
			break;
		}
		p = end;
		if (anc != id)
			ids[k++] = anc;
	}
	free(path);
	if (e == APP_OK && k <= PATH_IN) {
		struct stmt *st = store_stmt(s, &Q_PATH_IN);
		if (!st) {
			e = APP_EDB;
		} else {
			for (size_t i = 0; i < PATH_IN; i++)
				if (i < k)
					stmt_bind_int64(st, (int)i + 1, ids[i]);
				else
					stmt_bind_null(st, (int)i + 1);
			e = read_list(st, a, out, false);
			if (e == APP_OK && out->n != k)
				e = APP_ECORRUPT;
		}
	} else if (e == APP_OK) {
		out->v = arena_alloc(a, k * sizeof(*out->v));
		for (size_t i = 0; i < k && e == APP_OK; i++) {
			e = unit_get(s, a, ids[i], &out->v[i]);
			out->n++;
		}
		if (e == APP_ENOTFOUND)
			e = APP_ECORRUPT;
	}
	free(ids);
	if (e != APP_OK)
		out->n = 0;
	return e;
}

enum app_err unit_search(struct store *s, struct arena *a, const char *q, int64_t scope_id, int limit,
			 struct unit_list *out)
{
	char *fold = NULL, *scope = NULL, *code = NULL;
	struct sbuf p1, p2;
	struct stmt *st;
	enum app_err e = APP_OK;
	size_t qlen;

	out->n = 0;
	out->v = NULL;
	if (!q)
		return APP_EINVAL;
	qlen = strlen(q);
	if (qlen > UNIT_SEARCH_MAX || !text_utf8_valid(q, qlen, NULL))
		return APP_EINVAL;
	if (limit <= 0 || limit > 500)
		limit = limit <= 0 ? 50 : 500;
	fold = text_fold(q, qlen);
	if (!*fold) {
		free(fold);
		return APP_OK; /* nothing to look for */
	}
	if (scope_id > 0 && (e = path_of(s, scope_id, &scope)) != APP_OK) {
		free(fold);
		return e;
	}
	/* Codes: the query as typed, trimmed (codes carry no diacritics). */
	{
		const char *b = q, *end = q + qlen;
		while (b < end && (*b == ' ' || *b == '\t'))
			b++;
		while (end > b && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		code = xstrndup(b, (size_t)(end - b));
	}
	sbuf_init(&p1, 0);
	sbuf_init(&p2, 0);
	sbuf_addch(&p1, '%');
	like_escape(&p1, fold);
	sbuf_addch(&p1, '%');
	like_escape(&p2, code);
	sbuf_addch(&p2, '%');
	st = store_stmt(s, &Q_SEARCH);
	if (!st) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_text(st, 1, p1.buf);
	stmt_bind_text(st, 2, p2.buf);
	stmt_bind_text(st, 3, scope ? scope : "");
	stmt_bind_int64(st, 4, limit);
	e = read_list(st, a, out, true);
out:
	sbuf_release(&p1);
	sbuf_release(&p2);
	free(fold);
	free(scope);
	free(code);
	return e;
}

/* ---- subtree membership, through successors ---- */

static struct query Q_WITHIN_INFO = { "SELECT path, valid_to, COALESCE(parent_id, 0) FROM unit WHERE id = $1", NULL,
				      0 };
static struct query Q_SUCCESSORS = { "SELECT new_id FROM unit_successor WHERE old_id = $1"
				     " UNION SELECT successor_id FROM unit WHERE id = $1 AND successor_id IS NOT NULL",
				     NULL, 0 };

#define WITHIN_MAX_DEPTH 8

static enum app_err within_rec(struct store *s, int64_t id, const char *anc, int depth, bool *out)
{
	struct stmt *st;
	bool row, dissolved = false;
	int64_t parent = 0, *succ = NULL;
	size_t nsucc = 0, cap = 0;
	enum app_err e;

	if (depth > WITHIN_MAX_DEPTH)
		return APP_OK;
	if (!(st = store_stmt(s, &Q_WITHIN_INFO)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		const char *path = stmt_col_text(st, 0);
		if (path && strncmp(path, anc, strlen(anc)) == 0)
			*out = true;
		dissolved = !stmt_col_null(st, 1);
		parent = stmt_col_int64(st, 2);
	}
	stmt_done(st);
	if (e != APP_OK || *out)
		return e;

	if (!(st = store_stmt(s, &Q_SUCCESSORS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (nsucc == cap) {
			cap = cap ? cap * 2 : 8;
			succ = xrealloc(succ, cap * sizeof(*succ));
		}
		succ[nsucc++] = stmt_col_int64(st, 0);
	}
	stmt_done(st);
	for (size_t i = 0; e == APP_OK && !*out && i < nsucc; i++)
		e = within_rec(s, succ[i], anc, depth + 1, out);
	free(succ);
	if (e != APP_OK || *out)
		return e;
	/* A dissolved unit with no successor of its own follows its parent's. */
	if (nsucc == 0 && dissolved && parent)
		e = within_rec(s, parent, anc, depth + 1, out);
	return e;
}

/* The common case in one round trip: both paths at once. */
static struct query Q_WITHIN_FAST = { "SELECT a.path, u.path FROM unit a, unit u WHERE a.id = $1 AND u.id = $2", NULL,
				      0 };

enum app_err unit_within(struct store *s, int64_t id, int64_t ancestor, bool *out)
{
	struct stmt *st = store_stmt(s, &Q_WITHIN_FAST);
	char *anc = NULL;
	bool row, done = false;
	enum app_err e;

	*out = false;
	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, ancestor);
	stmt_bind_int64(st, 2, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		const char *ap = stmt_col_text(st, 0), *up = stmt_col_text(st, 1);
		anc = xstrdup(ap ? ap : "");
		if (*anc && up && strncmp(up, anc, strlen(anc)) == 0)
			*out = done = true;
	}
	stmt_done(st);
	if (e != APP_OK || done) {
		free(anc);
		return e;
	}
	if (!anc) {
		/* One of the two does not exist. */
		e = path_of(s, ancestor, &anc);
		free(anc);
		return e == APP_OK ? APP_ENOTFOUND : e;
	}
	if (!*anc) {
		free(anc);
		return APP_ECORRUPT;
	}
	e = within_rec(s, id, anc, 0, out);
	free(anc);
	return e;
}

/* ---- adding ---- */

static struct query Q_REF = { "SELECT id, path FROM unit WHERE code = $1", NULL, 0 };
static struct query Q_INSERT = {
	"INSERT INTO unit (code, name, name_fold, sort_key, kind, parent_id, valid_from, valid_to,"
	" successor_id, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	" RETURNING id",
	NULL, 0
};
static struct query Q_SET_PATH = { "UPDATE unit SET path = $2 WHERE id = $1", NULL, 0 };
static struct query Q_ADD_SUCC = { "INSERT INTO unit_successor (old_id, new_id, full_merge) VALUES ($1, $2, $3)", NULL,
				   0 };

/* Look up a unit by code: its id and path (malloc'd). APP_ENOTFOUND if absent. */
static enum app_err ref(struct store *s, const char *code, int64_t *id, char **path)
{
	struct stmt *st = store_stmt(s, &Q_REF);
	bool row;
	enum app_err e;

	*id = 0;
	if (path)
		*path = NULL;
	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, code);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		*id = stmt_col_int64(st, 0);
		if (path)
			*path = xstrdup(stmt_col_text(st, 1) ? stmt_col_text(st, 1) : "");
	}
	stmt_done(st);
	return e;
}

bool unit_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = code[i];
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' ||
		      ch == '_' || ch == '.'))
			return false;
	}
	return true;
}

static bool date_ok(const char *d, char out[11])
{
	return !d || date_parse(d, out);
}

enum app_err unit_add(struct store *s, const struct unit_new *u, int64_t *id, const char **why)
{
	static const char *const dummy_why = NULL;
	struct conn *c = store_conn(s);
	char *name = NULL, *fold = NULL, *key = NULL, *ppath = NULL, *path = NULL;
	char from[11], to[11];
	size_t namelen, keylen;
	int64_t parent = 0, succ = 0, newid = 0;
	struct stmt *st;
	enum app_err e;
	bool row;

	if (why)
		*why = dummy_why;
	if (id)
		*id = 0;
	if (!c)
		return APP_EDB;
	if (!unit_code_valid(u->code)) {
		if (why)
			*why = "Mã đơn vị không hợp lệ (chỉ chữ, số, '-', '_', '.'; tối đa 64 ký tự).";
		return APP_EINVAL;
	}
	if (!u->name || !*u->name || strlen(u->name) > 400 || !text_utf8_valid(u->name, strlen(u->name), NULL)) {
		if (why)
			*why = "Tên đơn vị trống, quá dài hoặc không phải UTF-8 hợp lệ.";
		return APP_EINVAL;
	}
	if ((unsigned)u->kind >= UNIT_KIND_COUNT) {
		if (why)
			*why = "Loại đơn vị không hợp lệ.";
		return APP_EINVAL;
	}
	if (!date_ok(u->valid_from, from) || !date_ok(u->valid_to, to)) {
		if (why)
			*why = "Ngày hiệu lực không hợp lệ.";
		return APP_EINVAL;
	}
	if (u->valid_from && u->valid_to && strcmp(from, to) > 0) {
		if (why)
			*why = "Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.";
		return APP_EINVAL;
	}
	name = text_normalize(u->name, strlen(u->name), &namelen);
	if (!name) {
		if (why)
			*why = "Tên đơn vị không phải UTF-8 hợp lệ.";
		return APP_EINVAL;
	}
	fold = text_fold(name, namelen);
	key = text_sort_key(name, namelen, &keylen);

	if ((e = conn_begin(c)) != APP_OK)
		goto out;
	if (u->parent_code) {
		e = ref(s, u->parent_code, &parent, &ppath);
		if (e == APP_ENOTFOUND) {
			if (why)
				*why = "Đơn vị cấp trên không tồn tại.";
			e = APP_EINVAL;
		}
		if (e != APP_OK)
			goto fail;
	}
	if (u->successor_code) {
		e = ref(s, u->successor_code, &succ, NULL);
		if (e == APP_ENOTFOUND) {
			if (why)
				*why = "Đơn vị kế thừa không tồn tại.";
			e = APP_EINVAL;
		}
		if (e != APP_OK)
			goto fail;
	}
	if (!(st = conn_stmt(c, &Q_INSERT))) {
		e = APP_EDB;
		goto fail;
	}
	stmt_bind_text(st, 1, u->code);
	stmt_bind_text(st, 2, name);
	stmt_bind_text(st, 3, fold);
	stmt_bind_blob(st, 4, key, keylen);
	stmt_bind_text(st, 5, unit_kind_code(u->kind));
	if (parent)
		stmt_bind_int64(st, 6, parent);
	else
		stmt_bind_null(st, 6);
	stmt_bind_text(st, 7, u->valid_from ? from : NULL);
	stmt_bind_text(st, 8, u->valid_to ? to : NULL);
	if (succ)
		stmt_bind_int64(st, 9, succ);
	else
		stmt_bind_null(st, 9);
	stmt_bind_int64(st, 10, u->demo ? 1 : 0);
	stmt_bind_int64(st, 11, time_now());
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		newid = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_EEXIST && why)
		*why = "Mã đơn vị đã tồn tại.";
	if (e != APP_OK)
		goto fail;
	if (!newid) {
		e = APP_EDB;
		goto fail;
	}
	path = xasprintf("%s%s%lld/", ppath ? ppath : "", ppath ? "" : "/", (long long)newid);
	st = conn_stmt(c, &Q_SET_PATH);
	stmt_bind_int64(st, 1, newid);
	stmt_bind_text(st, 2, path);
	if ((e = stmt_exec(st, NULL)) != APP_OK)
		goto fail;
	if (succ) {
		st = conn_stmt(c, &Q_ADD_SUCC);
		stmt_bind_int64(st, 1, newid);
		stmt_bind_int64(st, 2, succ);
		stmt_bind_int64(st, 3, 1);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto fail;
	}
	if ((e = conn_commit(c)) != APP_OK)
		goto out;
	if (id)
		*id = newid;
	goto out;
fail:
	conn_rollback(c);
out:
	free(name);
	free(fold);
	free(key);
	free(ppath);
	free(path);
	return e;
}

static struct query Q_SET_SUCC_MAIN = { "UPDATE unit SET successor_id = $2 WHERE id = $1 AND successor_id IS NULL",
					NULL, 0 };

enum app_err unit_add_successor(struct store *s, int64_t old_id, int64_t new_id, bool full)
{
	struct conn *c = store_conn(s);
	struct stmt *st;
	enum app_err e;

	if (!c)
		return APP_EDB;
	if (old_id == new_id)
		return APP_EINVAL;
	if ((e = conn_begin(c)) != APP_OK)
		return e;
	st = conn_stmt(c, &Q_ADD_SUCC);
	stmt_bind_int64(st, 1, old_id);
	stmt_bind_int64(st, 2, new_id);
	stmt_bind_int64(st, 3, full ? 1 : 0);
	e = stmt_exec(st, NULL);
	if (e == APP_OK && full) {
		st = conn_stmt(c, &Q_SET_SUCC_MAIN);
		stmt_bind_int64(st, 1, old_id);
		stmt_bind_int64(st, 2, new_id);
		e = stmt_exec(st, NULL);
	}
	if (e != APP_OK) {
		conn_rollback(c);
		return e;
	}
	return conn_commit(c);
}
