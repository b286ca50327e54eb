/* Helpers shared by the audited model files (model_util.h). */
#include "model/model_util.h"

#include "model/audit.h"
#include "store/store.h"
#include "text/text.h"

enum app_err model_begin(struct store *s)
{
	struct conn *c = store_conn(s);

	return c ? conn_begin(c) : APP_EDB;
}

enum app_err model_commit(struct store *s)
{
	struct conn *c = store_conn(s);

	return c ? conn_commit(c) : APP_EDB;
}

void model_rollback(struct store *s)
{
	struct conn *c = store_conn(s);

	if (c)
		conn_rollback(c);
}

enum app_err model_end(struct store *s, enum app_err e)
{
	if (e == APP_OK)
		return model_commit(s);
	model_rollback(s);
	return e;
}

bool model_blank(const char *t)
{
	if (!t)
		return true;
	for (; *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
			return false;
	return true;
}

bool model_text_ok(const char *t)
{
	return !t || text_utf8_valid(t, strlen(t), NULL);
}

enum app_err model_may(struct store *s, const struct account *who, int64_t unit_id, bool write, const char **why)
{
	bool ok = false;
	enum app_err e;

	if (!who)
		return APP_OK;
	e = write ? access_can_write(s, who, unit_id, &ok) : access_can_read(s, who, unit_id, &ok);
	if (e != APP_OK)
		return e;
	if (!ok) {
		*why = write ? "Tài khoản không có quyền ghi đối với đơn vị này."
			     : "Tài khoản không được xem hồ sơ của đơn vị này.";
		return APP_EDENIED;
	}
	return APP_OK;
}

enum app_err model_audit(struct store *s, const struct account *who, int64_t unit_id, const char *entity, int64_t id,
			 const char *action, json_t *before, json_t *after)
{
	char *bs = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *as = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	struct audit_new en = { .account_id = who ? who->id : 0,
				.unit_id = unit_id,
				.entity = entity,
				.entity_id = id,
				.action = action,
				.before = bs,
				.after = as };
	enum app_err e = audit_append(s, &en, NULL);

	free(bs);
	free(as);
	json_decref(before);
	json_decref(after);
	return e;
}

enum app_err model_one_int(struct stmt *st, int64_t *out)
{
	bool row = false;
	enum app_err e = stmt_step(st, &row);

	*out = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	return e;
}

bool model_nfc_opt(const char *in, size_t max, char **out)
{
	*out = NULL;
	if (!in)
		return true;
	if (strlen(in) > max)
		return false;
	*out = text_normalize(in, strlen(in), NULL);
	return *out != NULL;
}

bool model_opt_date(const char *in, char out[11])
{
	out[0] = 0;
	if (model_blank(in))
		return true;
	return date_parse(in, out);
}

json_t *model_jstr(const char *t)
{
	return t ? json_string(t) : json_null();
}

static struct query Q_UNIT_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };

enum app_err model_unit_id(struct store *s, const char *code, int64_t *id)
{
	struct stmt *st = store_stmt(s, &Q_UNIT_ID);

	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, code);
	return model_one_int(st, id);
}
