/*
** The inspected unit's self-report with evidence (inspect_report.h):
** one transaction per report with its files and its audit entry.
*/
#include "model/inspect_report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/attachment.h"
#include "model/inspect_int.h"
#include "model/model_util.h"
#include "store/store.h"

static struct query Q_REPORT_ADD = {
	"INSERT INTO insp_report (inspection_id, unit_id, report_date, text, reported_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	NULL, 0
};
static struct query Q_EVIDENCE_ADD = { "INSERT INTO insp_evidence (report_id, hash, filename) VALUES ($1, $2, $3)",
				       NULL, 0 };
static struct query Q_REPORTS = {
	"SELECT r.id, r.report_date, r.text, a.display_name, r.created_at FROM insp_report r"
	" LEFT JOIN account a ON a.id = r.reported_by WHERE r.inspection_id = $1 ORDER BY r.id",
	NULL, 0
};
static struct query Q_FILES = {
	"SELECT e.report_id, e.hash, e.filename FROM insp_evidence e JOIN insp_report r ON r.id = e.report_id"
	" WHERE r.inspection_id = $1 ORDER BY e.report_id, e.filename",
	NULL, 0
};
static struct query Q_FILE = { "SELECT e.filename FROM insp_evidence e JOIN insp_report r ON r.id = e.report_id"
			       " WHERE r.inspection_id = $1 AND e.hash = $2 ORDER BY e.report_id LIMIT 1",
			       NULL, 0 };

enum app_err insp_report_add(struct store *s, const struct account *who, int64_t inspection_id, const char *date,
			     const char *text, const struct evidence_in *ev, size_t nev, int64_t *id, const char **why)
{
	char d[11];
	int64_t unit_id = 0, rid = 0;
	json_t *files = NULL;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (id)
		*id = 0;
	if (!model_opt_date(date, d) || !d[0]) {
		*why = "Ngày báo cáo phải là ngày hợp lệ (dd/mm/yyyy).";
		return APP_EINVAL;
	}
	if (model_blank(text) || !model_text_ok(text)) {
		*why = "Thiếu nội dung báo cáo tự kiểm tra.";
		return APP_EINVAL;
	}
	for (size_t i = 0; i < nev; i++)
		if (model_blank(ev[i].filename) || !model_text_ok(ev[i].filename)) {
			*why = "Thiếu tên tệp tài liệu kèm theo.";
			return APP_EINVAL;
		}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if ((e = insp_unit_may(s, who, inspection_id, true, &unit_id, why)) != APP_OK)
		goto out;
	if (!(st = store_stmt(s, &Q_REPORT_ADD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, inspection_id);
	stmt_bind_int64(st, 2, unit_id);
	stmt_bind_text(st, 3, d);
	stmt_bind_text(st, 4, text);
	stmt_bind_int64(st, 5, who ? who->id : 0);
	stmt_bind_int64(st, 6, time_now());
	e = stmt_step(st, &row);
	rid = (e == APP_OK && row) ? stmt_col_int64(st, 0) : 0;
	stmt_done(st);
	if (e != APP_OK)
		goto out;
	files = json_array();
	for (size_t i = 0; i < nev; i++) {
		char hash[ATTACHMENT_HASH_HEX];
		const char *mime;

		if ((e = attachment_put(s, ev[i].data, ev[i].n, hash, &mime, why)) != APP_OK) {
			if (e == APP_ETOOBIG)
				*why = "Tệp tài liệu vượt quá dung lượng cho phép (20 MiB).";
			goto out;
		}
		bool dup = false;
		for (size_t j = 0; j < json_array_size(files); j++)
			dup |= strcmp(json_string_value(json_object_get(json_array_get(files, j), "hash")), hash) == 0;
		if (dup)
			continue; /* the same bytes twice in one report: kept once */
		if (!(st = store_stmt(s, &Q_EVIDENCE_ADD))) {
			e = APP_EDB;
			goto out;
		}
		stmt_bind_int64(st, 1, rid);
		stmt_bind_text(st, 2, hash);
		stmt_bind_text(st, 3, ev[i].filename);
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto out;
		json_array_append_new(files, json_pack("{s:s,s:s}", "hash", hash, "filename", ev[i].filename));
	}
	e = model_audit(s, who, unit_id, "insp_report", rid, "create", NULL,
			json_pack("{s:I,s:s,s:s,s:O}", "inspection", (json_int_t)inspection_id, "report_date", d,
				  "text", text, "evidence", files));
out:
	json_decref(files);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	if (e == APP_OK && id)
		*id = rid;
	return e;
}

/* May who read the inspection's records? */
static enum app_err may_read(struct store *s, const struct account *who, int64_t inspection_id)
{
	int64_t unit_id;
	const char *why = NULL;

	return insp_unit_may(s, who, inspection_id, false, &unit_id, &why);
}

enum app_err insp_report_list(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
			      struct insp_report **out, size_t *n)
{
	struct insp_report *v = NULL;
	size_t cnt = 0, cap = 0;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	*out = NULL;
	*n = 0;
	if ((e = may_read(s, who, inspection_id)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_REPORTS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (cnt == cap) {
			struct insp_report *nv;

			cap = cap ? cap * 2 : 4;
			nv = arena_alloc(a, cap * sizeof(*nv));
			if (cnt)
				memcpy(nv, v, cnt * sizeof(*nv));
			v = nv;
		}
		v[cnt] = (struct insp_report){ .id = stmt_col_int64(st, 0),
					       .report_date = stmt_col_dup(st, 1, a),
					       .text = stmt_col_dup(st, 2, a),
					       .reporter = stmt_col_dup(st, 3, a),
					       .created_at = stmt_col_int64(st, 4) };
		cnt++;
	}
	stmt_done(st);
	if (e != APP_OK || !cnt)
		goto done;
	if (!(st = store_stmt(s, &Q_FILES)))
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		int64_t rid = stmt_col_int64(st, 0);

		for (size_t i = 0; i < cnt; i++) {
			if (v[i].id != rid)
				continue;
			struct insp_file *nf = arena_alloc(a, (v[i].nfiles + 1) * sizeof(*nf));

			if (v[i].nfiles)
				memcpy(nf, v[i].files, v[i].nfiles * sizeof(*nf));
			nf[v[i].nfiles++] = (struct insp_file){ .hash = stmt_col_dup(st, 1, a),
								.filename = stmt_col_dup(st, 2, a) };
			v[i].files = nf;
		}
	}
	stmt_done(st);
done:
	if (e == APP_OK) {
		*out = v;
		*n = cnt;
	}
	return e;
}

enum app_err insp_report_file(struct store *s, struct arena *a, const struct account *who, int64_t inspection_id,
			      const char *hash, const char **filename)
{
	struct stmt *st;
	enum app_err e;
	bool row = false;

	*filename = NULL;
	if ((e = may_read(s, who, inspection_id)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_FILE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, inspection_id);
	stmt_bind_text(st, 2, hash);
	if ((e = stmt_step(st, &row)) == APP_OK && row)
		*filename = stmt_col_dup(st, 0, a);
	stmt_done(st);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	return e;
}
