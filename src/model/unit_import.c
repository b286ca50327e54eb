/*
** Import of administrative-unit lists (the CSV files of shared/data/admin):
** all rows or none. Every row is checked before anything is written; the
** rows are then inserted parents first inside one transaction, so a bad row
** anywhere leaves the store as it was.
*/
#include "model/unit.h"

#include "ingest/csv.h"
#include "store/store.h"
#include "text/text.h"

static const struct {
	const char *type;
	enum unit_kind kind;
	const char *party; /* party committee name prefix */
} TYPES[] = {
	{ "Thành phố trực thuộc trung ương", UNIT_CITY, "Thành ủy " },
	{ "Tỉnh", UNIT_CITY, "Tỉnh ủy " },
	{ "Quận", UNIT_DISTRICT, "Quận ủy " },
	{ "Huyện", UNIT_DISTRICT, "Huyện ủy " },
	{ "Thị xã", UNIT_DISTRICT, "Thị ủy " },
	{ "Thành phố thuộc tỉnh", UNIT_DISTRICT, "Thành ủy " },
	{ "Thành phố thuộc thành phố trực thuộc trung ương", UNIT_DISTRICT, "Thành ủy " },
	{ "Phường", UNIT_COMMUNE, "Đảng ủy phường " },
	{ "Xã", UNIT_COMMUNE, "Đảng ủy xã " },
	{ "Thị trấn", UNIT_COMMUNE, "Đảng ủy thị trấn " },
	{ "Đặc khu", UNIT_COMMUNE, "Đảng ủy đặc khu " },
};

struct row {
	size_t num;     /* spreadsheet row: header = 1 */
	char *src_code; /* code as in the file */
	char *code;     /* code stored */
	char *name;
	char *parent_src; /* parent code as in the file, NULL for none */
	char *parent;     /* code of the parent to use, NULL for the root */
	enum unit_kind kind;
	int state;       /* 0 new, 1 being inserted, 2 inserted */
	long parent_row; /* index of the parent row in the file, -1 if none */
};

struct imp {
	struct store *s;
	const struct unit_import_opts *o;
	struct unit_import_error *err;
	struct row *rows;
	size_t n, cap;
	size_t *by_code; /* row indexes sorted by src_code */
	int64_t inserted;
};

static enum app_err fail(struct imp *m, size_t row, const char *en, const char *vi, const char *arg)
{
	m->err->row = row;
	if (row) {
		snprintf(m->err->en, sizeof(m->err->en), "row %zu: %s%s%s", row, en, arg ? ": " : "", arg ? arg : "");
		snprintf(m->err->vi, sizeof(m->err->vi), "Dòng %zu: %s%s%s", row, vi, arg ? ": " : "", arg ? arg : "");
	} else {
		snprintf(m->err->en, sizeof(m->err->en), "%s%s%s", en, arg ? ": " : "", arg ? arg : "");
		snprintf(m->err->vi, sizeof(m->err->vi), "%s%s%s", vi, arg ? ": " : "", arg ? arg : "");
	}
	return APP_EINVAL;
}

char *unit_import_code(const char *code, const char *valid_to)
{
	char iso[11];

	if (valid_to && date_parse(valid_to, iso))
		return xasprintf("%s-%.4s", code, iso);
	return xstrdup(code);
}

static struct imp *g_sort_ctx; /* qsort has no context argument in C17 */

static int cmp_code(const void *a, const void *b)
{
	const struct row *r = g_sort_ctx->rows;
	return strcmp(r[*(const size_t *)a].src_code, r[*(const size_t *)b].src_code);
}

static long find_row(struct imp *m, const char *code)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(m->rows[m->by_code[mid]].src_code, code);
		if (c == 0)
			return (long)m->by_code[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static struct query Q_EXISTS = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };

static bool in_store(struct imp *m, const char *code)
{
	struct conn *c = store_conn(m->s);
	struct stmt *st = c ? conn_stmt(c, &Q_EXISTS) : NULL;
	bool row = false;

	if (!st)
		return false;
	stmt_bind_text(st, 1, code);
	if (stmt_step(st, &row) != APP_OK)
		row = false;
	stmt_done(st);
	return row;
}

static int col_index(const char *const *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i], name) == 0)
			return (int)i;
	return -1;
}

static enum app_err insert(struct imp *m, size_t i, int depth)
{
	struct row *r = &m->rows[i];
	struct unit_new u;
	const char *why = NULL;
	enum app_err e;

	if (r->state == 2)
		return APP_OK;
	if (r->state == 1 || depth > 64)
		return fail(m, r->num, "the parent chain loops back to this row",
			    "chuỗi đơn vị cấp trên quay vòng về dòng này", r->src_code);
	r->state = 1;
	if (r->parent_row >= 0 && (e = insert(m, (size_t)r->parent_row, depth + 1)) != APP_OK)
		return e;
	memset(&u, 0, sizeof(u));
	u.code = r->code;
	u.name = r->name;
	u.kind = r->kind;
	u.parent_code = r->parent;
	u.valid_from = m->o->valid_from;
	u.valid_to = m->o->valid_to;
	u.demo = m->o->demo;
	e = unit_add(m->s, &u, NULL, &why);
	if (e == APP_EEXIST)
		return fail(m, r->num, "the code exists in the database already", "mã đơn vị đã có trong cơ sở dữ liệu",
			    r->code);
	if (e == APP_EINVAL)
		return fail(m, r->num, "the unit was refused", why ? why : "đơn vị không hợp lệ", r->code);
	if (e != APP_OK) {
		m->err->row = r->num;
		snprintf(m->err->en, sizeof(m->err->en), "row %zu: database error (%s)", r->num, app_err_name(e));
		snprintf(m->err->vi, sizeof(m->err->vi), "Dòng %zu: lỗi cơ sở dữ liệu", r->num);
		return e;
	}
	r->state = 2;
	m->inserted++;
	return APP_OK;
}

static void free_rows(struct imp *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->rows[i].src_code);
		free(m->rows[i].code);
		free(m->rows[i].name);
		free(m->rows[i].parent_src);
		free(m->rows[i].parent);
	}
	free(m->rows);
	free(m->by_code);
}

/* Read and check every row; nothing is written. */
static enum app_err read_rows(struct imp *m, const char *csv, size_t len)
{
	static const char *const REQUIRED[] = { "code", "name", "type", "parent_code" };
	const struct unit_import_opts *o = m->o;
	struct csv c;
	const char *const *f;
	size_t n, ncols;
	int ci[4], c_short, c_prov;
	char *root_src = NULL; /* the province row replaced by root_code */
	enum app_err e;

	csv_init(&c, csv, len);
	e = csv_next(&c, &f, &n);
	if (e == APP_ENOTFOUND) {
		e = fail(m, 0, "the file is empty", "tệp trống", NULL);
		csv_release(&c);
		return e;
	}
	if (e != APP_OK)
		goto csv_error;
	ncols = n;
	for (size_t k = 0; k < ARRAY_SIZE(REQUIRED); k++)
		if ((ci[k] = col_index(f, n, REQUIRED[k])) < 0) {
			e = fail(m, 1, "missing column", "thiếu cột", REQUIRED[k]);
			csv_release(&c);
			return e;
		}
	c_short = col_index(f, n, "short_name");
	c_prov = col_index(f, n, "province_code");
	if (o->party_names && c_short < 0) {
		e = fail(m, 1, "missing column", "thiếu cột", "short_name");
		csv_release(&c);
		return e;
	}
	if (o->province && c_prov < 0) {
		e = fail(m, 1, "missing column", "thiếu cột", "province_code");
		csv_release(&c);
		return e;
	}
	while ((e = csv_next(&c, &f, &n)) == APP_OK) {
		size_t num = c.rec_line; /* spreadsheet row = first line of the record */
		const char *code, *name, *type, *parent;
		struct row *r;
		size_t t;

		if (n != ncols) {
			char msg[64];
			snprintf(msg, sizeof(msg), "%zu instead of %zu", n, ncols);
			e = fail(m, num, "wrong number of columns", "sai số cột", msg);
			csv_release(&c);
			return e;
		}
		for (size_t k = 0; k < n; k++)
			if (!text_utf8_valid(f[k], strlen(f[k]), NULL)) {
				e = fail(m, num, "invalid UTF-8 in a field", "dữ liệu không phải UTF-8 hợp lệ", NULL);
				csv_release(&c);
				return e;
			}
		if (o->province && strcmp(f[c_prov], o->province) != 0)
			continue;
		code = f[ci[0]];
		name = f[ci[1]];
		type = f[ci[2]];
		parent = f[ci[3]];
		if (!*code || !unit_code_valid(code)) {
			e = fail(m, num, "empty or invalid code", "mã trống hoặc không hợp lệ", code);
			csv_release(&c);
			return e;
		}
		if (!*name) {
			e = fail(m, num, "empty name", "tên trống", code);
			csv_release(&c);
			return e;
		}
		for (t = 0; t < ARRAY_SIZE(TYPES); t++)
			if (strcmp(type, TYPES[t].type) == 0)
				break;
		if (t == ARRAY_SIZE(TYPES)) {
			e = fail(m, num, "unknown unit type", "loại đơn vị không biết", type);
			csv_release(&c);
			return e;
		}
		if (o->root_code && !*parent) {
			/* The province itself: root_code stands for it. */
			free(root_src);
			root_src = xstrdup(code);
			continue;
		}
		if (o->party_names && !*f[c_short]) {
			e = fail(m, num, "empty short_name", "tên ngắn trống", code);
			csv_release(&c);
			return e;
		}
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 256;
			m->rows = xrealloc(m->rows, m->cap * sizeof(*m->rows));
		}
		r = &m->rows[m->n++];
		memset(r, 0, sizeof(*r));
		r->num = num;
		r->kind = TYPES[t].kind;
		r->src_code = xstrdup(code);
		r->code = unit_import_code(code, o->valid_to);
		r->name = o->party_names ? xasprintf("%s%s", TYPES[t].party, f[c_short]) : xstrdup(name);
		r->parent_src = *parent ? xstrdup(parent) : NULL;
		r->parent_row = -1;
	}
	if (e != APP_ENOTFOUND)
		goto csv_error;
	csv_release(&c);

	/* Duplicates, then parents: in the file, the root, or the store. */
	m->by_code = xmalloc((m->n ? m->n : 1) * sizeof(*m->by_code));
	for (size_t i = 0; i < m->n; i++)
		m->by_code[i] = i;
	g_sort_ctx = m;
	qsort(m->by_code, m->n, sizeof(*m->by_code), cmp_code);
	g_sort_ctx = NULL;
	for (size_t i = 1; i < m->n; i++) {
		struct row *a = &m->rows[m->by_code[i - 1]], *b = &m->rows[m->by_code[i]];
		if (strcmp(a->src_code, b->src_code) == 0) {
			free(root_src);
			return fail(m, a->num > b->num ? a->num : b->num, "duplicate code", "mã trùng", b->src_code);
		}
	}
	for (size_t i = 0; i < m->n; i++) {
		struct row *r = &m->rows[i];
		long p;
		char *alt;

		if (!r->parent_src)
			continue;
		if (root_src && strcmp(r->parent_src, root_src) == 0) {
			r->parent = xstrdup(o->root_code);
			continue;
		}
		if ((p = find_row(m, r->parent_src)) >= 0) {
			if ((size_t)p == i) {
				free(root_src);
				return fail(m, r->num, "the unit is its own parent", "đơn vị là cấp trên của chính nó",
					    r->src_code);
			}
			r->parent_row = p;
			r->parent = xstrdup(m->rows[p].code);
			continue;
		}
		alt = unit_import_code(r->parent_src, o->valid_to);
		if (in_store(m, alt)) {
			r->parent = alt;
			continue;
		}
		free(alt);
		if (in_store(m, r->parent_src)) {
			r->parent = xstrdup(r->parent_src);
			continue;
		}
		free(root_src);
		return fail(m, r->num, "parent not found in the file or the database",
			    "không tìm thấy đơn vị cấp trên trong tệp và cơ sở dữ liệu", r->parent_src);
	}
	free(root_src);
	return APP_OK;

csv_error : {
	size_t line = c.rec_line ? c.rec_line : c.line;
	const char *why = c.error ? c.error : "malformed CSV";
	e = fail(m, line, why, "tệp CSV sai định dạng", NULL);
	csv_release(&c);
	return e;
}
}

enum app_err unit_import(struct store *s, const char *csv, size_t len, const struct unit_import_opts *o,
			 int64_t *imported, struct unit_import_error *err)
{
	struct imp m;
	struct unit_import_error dummy;
	struct conn *c;
	enum app_err e;
	char d1[11], d2[11];

	if (!err)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	memset(&m, 0, sizeof(m));
	m.s = s;
	m.o = o;
	m.err = err;
	if (imported)
		*imported = 0;
	if ((o->valid_from && !date_parse(o->valid_from, d1)) || (o->valid_to && !date_parse(o->valid_to, d2)))
		return fail(&m, 0, "invalid validity date", "ngày hiệu lực không hợp lệ", NULL);
	if (o->root_code && !in_store(&m, o->root_code))
		return fail(&m, 0, "the root unit does not exist", "đơn vị gốc không tồn tại", o->root_code);
	if (!(c = store_conn(s)))
		return APP_EDB;
	if ((e = read_rows(&m, csv, len)) != APP_OK)
		goto out;
	if ((e = conn_begin(c)) != APP_OK)
		goto out;
	for (size_t i = 0; i < m.n && e == APP_OK; i++)
		e = insert(&m, i, 0);
	if (e == APP_OK)
		e = conn_commit(c);
	else
		conn_rollback(c);
	if (e == APP_OK && imported)
		*imported = m.inserted;
	if (e == APP_OK && m.inserted > 100)
		store_analyze(s); /* fresh statistics; refused inside an outer transaction */
out:
	free_rows(&m);
	return e;
}

enum app_err unit_import_csv(struct store *s, const char *csv, size_t len, const char *valid_from, const char *valid_to,
			     int64_t *imported, char **why)
{
	struct unit_import_opts o = { .valid_from = valid_from, .valid_to = valid_to };
	struct unit_import_error err;
	enum app_err e = unit_import(s, csv, len, &o, imported, &err);

	if (why)
		*why = e == APP_OK ? NULL : xstrdup(err.vi[0] ? err.vi : app_err_name(e));
	return e;
}

/* ---- successor links from a merge table (merge_2025_communes.csv) ---- */

struct pair {
	char *old_code, *new_code;
	bool full;
	size_t row;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->old_code, y->old_code);
	return c ? c : strcmp(x->new_code, y->new_code);
}

static struct query Q_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };

static int64_t id_of(struct store *s, const char *code)
{
	struct conn *c = store_conn(s);
	struct stmt *st = c ? conn_stmt(c, &Q_ID) : NULL;
	bool row = false;
	int64_t id = 0;

	if (!st)
		return 0;
	stmt_bind_text(st, 1, code);
	if (stmt_step(st, &row) == APP_OK && row)
		id = stmt_col_int64(st, 0);
	stmt_done(st);
	return id;
}

enum app_err unit_import_merges(struct store *s, const char *csv, size_t len, const char *old_valid_to,
				const char *province, int64_t *linked, int64_t *skipped, struct unit_import_error *err)
{
	static const char *const COLS[] = { "old_code", "new_code", "kind", "old_district_code", "old_province_code" };
	struct unit_import_error dummy;
	struct imp m; /* for fail() */
	struct csv c;
	const char *const *f;
	struct pair *p = NULL;
	size_t n, ncols, np = 0, cap = 0;
	int ci[5];
	struct conn *cn = store_conn(s);
	enum app_err e;
	char d[11];

	if (!err)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	memset(&m, 0, sizeof(m));
	m.err = err;
	if (linked)
		*linked = 0;
	if (skipped)
		*skipped = 0;
	if (!cn)
		return APP_EDB;
	if (old_valid_to && !date_parse(old_valid_to, d))
		return fail(&m, 0, "invalid validity date", "ngày hiệu lực không hợp lệ", NULL);
	csv_init(&c, csv, len);
	if ((e = csv_next(&c, &f, &n)) != APP_OK) {
		e = e == APP_ENOTFOUND
			    ? fail(&m, 0, "the file is empty", "tệp trống", NULL)
			    : fail(&m, c.line, c.error ? c.error : "malformed CSV", "tệp CSV sai định dạng", NULL);
		csv_release(&c);
		return e;
	}
	ncols = n;
	for (size_t k = 0; k < ARRAY_SIZE(COLS); k++) {
		ci[k] = col_index(f, n, COLS[k]);
		if (ci[k] < 0 && (k < 3 || (k == 4 && province))) {
			e = fail(&m, 1, "missing column", "thiếu cột", COLS[k]);
			csv_release(&c);
			return e;
		}
	}
	while ((e = csv_next(&c, &f, &n)) == APP_OK) {
		size_t num = c.rec_line;

		if (n != ncols) {
			e = fail(&m, num, "wrong number of columns", "sai số cột", NULL);
			goto out;
		}
		for (size_t k = 0; k < n; k++)
			if (!text_utf8_valid(f[k], strlen(f[k]), NULL)) {
				e = fail(&m, num, "invalid UTF-8 in a field", "dữ liệu không phải UTF-8 hợp lệ", NULL);
				goto out;
			}
		if (province && strcmp(f[ci[4]], province) != 0)
			continue;
		if (!unit_code_valid(f[ci[0]]) || !unit_code_valid(f[ci[1]])) {
			e = fail(&m, num, "empty or invalid code", "mã trống hoặc không hợp lệ", NULL);
			goto out;
		}
		if (strcmp(f[ci[2]], "full") != 0 && strcmp(f[ci[2]], "partial") != 0) {
			e = fail(&m, num, "kind is neither full nor partial", "loại không phải full hay partial",
				 f[ci[2]]);
			goto out;
		}
		if (np + 2 > cap) {
			cap = cap ? cap * 2 : 1024;
			p = xrealloc(p, cap * sizeof(*p));
		}
		p[np++] = (struct pair){ unit_import_code(f[ci[0]], old_valid_to), xstrdup(f[ci[1]]),
					 strcmp(f[ci[2]], "full") == 0, num };
		/* The old district goes (in part) to every unit its communes went to. */
		if (ci[3] >= 0 && *f[ci[3]] && strcmp(f[ci[3]], f[ci[0]]) != 0)
			p[np++] = (struct pair){ unit_import_code(f[ci[3]], old_valid_to), xstrdup(f[ci[1]]), false,
						 num };
	}
	if (e != APP_ENOTFOUND) {
		e = fail(&m, c.rec_line ? c.rec_line : c.line, c.error ? c.error : "malformed CSV",
			 "tệp CSV sai định dạng", NULL);
		goto out;
	}
	e = APP_OK;
	qsort(p, np, sizeof(*p), cmp_pair);
	if ((e = conn_begin(cn)) != APP_OK)
		goto out;
	for (size_t g = 0; g < np && e == APP_OK;) {
		size_t h = g;
		bool single = true;
		int64_t old_id;

		while (h < np && strcmp(p[h].old_code, p[g].old_code) == 0) {
			if (strcmp(p[h].new_code, p[g].new_code) != 0)
				single = false;
			h++;
		}
		/* A unit missing from the store (absent from the old list): skipped. */
		if (!(old_id = id_of(s, p[g].old_code))) {
			if (skipped)
				*skipped += (int64_t)(h - g);
			g = h;
			continue;
		}
		for (size_t i = g; i < h && e == APP_OK; i++) {
			int64_t new_id;
			if (i > g && strcmp(p[i].new_code, p[i - 1].new_code) == 0)
				continue;
			if (!(new_id = id_of(s, p[i].new_code))) {
				if (skipped)
					(*skipped)++;
				continue;
			}
			e = unit_add_successor(s, old_id, new_id, single || p[i].full);
			if (e == APP_EEXIST) {
				e = fail(&m, p[i].row, "this link exists in the database already",
					 "liên kết kế thừa đã có", p[i].old_code);
			} else if (e == APP_EINVAL) {
				e = fail(&m, p[i].row, "the link was refused", "liên kết bị từ chối", p[i].old_code);
			} else if (e == APP_OK && linked) {
				(*linked)++;
			}
		}
		g = h;
	}
	if (e == APP_OK)
		e = conn_commit(cn);
	else
		conn_rollback(cn);
	if (e != APP_OK && linked)
		*linked = 0;
out:
	for (size_t i = 0; i < np; i++) {
		free(p[i].old_code);
		free(p[i].new_code);
	}
	free(p);
	csv_release(&c);
	return e;
}
