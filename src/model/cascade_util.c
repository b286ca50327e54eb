/* Helpers shared by the cascade modules (cascade_int.h). */
#include "model/cascade_int.h"

#include <ctype.h>

#include "text/text.h"

bool cz_norm(const char *in, size_t max, char **out)
{
	size_t n;

	*out = NULL;
	if (!in)
		return true;
	n = strlen(in);
	if (n > max)
		return false;
	while (n && isspace((unsigned char)*in)) {
		in++;
		n--;
	}
	while (n && isspace((unsigned char)in[n - 1]))
		n--;
	if (!text_utf8_valid(in, n, NULL))
		return false;
	if (n == 0)
		return true;
	*out = text_normalize(in, n, NULL);
	return *out != NULL;
}

static struct query Q_UNIT_CODE = { "SELECT id, kind, path, COALESCE(parent_id, 0) FROM unit WHERE code = $1", NULL,
				    0 };
static struct query Q_UNIT_ID = { "SELECT id, kind, path, COALESCE(parent_id, 0) FROM unit WHERE id = $1", NULL, 0 };

static enum app_err unit_row(struct stmt *st, int64_t *id, char kind[16], char path[256], int64_t *parent)
{
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		if (id)
			*id = stmt_col_int64(st, 0);
		if (kind)
			snprintf(kind, 16, "%s", stmt_col_text(st, 1) ? stmt_col_text(st, 1) : "");
		if (path)
			snprintf(path, 256, "%s", stmt_col_text(st, 2) ? stmt_col_text(st, 2) : "");
		if (parent)
			*parent = stmt_col_int64(st, 3);
	}
	stmt_done(st);
	return e;
}

enum app_err cz_unit(struct store *s, const char *code, int64_t *id, char kind[16], char path[256])
{
	struct stmt *st = store_stmt(s, &Q_UNIT_CODE);

	if (st)
		stmt_bind_text(st, 1, code ? code : "");
	return unit_row(st, id, kind, path, NULL);
}

enum app_err cz_unit_id(struct store *s, int64_t id, char kind[16], char path[256], int64_t *parent)
{
	struct stmt *st = store_stmt(s, &Q_UNIT_ID);

	if (st)
		stmt_bind_int64(st, 1, id);
	return unit_row(st, NULL, kind, path, parent);
}
