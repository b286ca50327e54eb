/*
** Correcting a finding while its conclusion is still a draft (the team
** fixes a finding the issue check refused, e.g. one without a deadline):
** the same checks as finding_add(), one transaction, audited with the
** finding before and after. An issued conclusion is never edited: its
** findings change only through conclusion_correct().
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "model/inspect.h"
#include "model/model_util.h"
#include "store/store.h"

static struct query Q_FINDING_HEAD = {
	"SELECT c.id, c.unit_id, c.state, c.conc_date, f.content, f.cause_kind, f.cause, f.addressee_kind,"
	" f.addressee_name, f.addressee_unit_id, f.remedy, f.deadline"
	" FROM finding f JOIN conclusion c ON c.id = f.conclusion_id WHERE f.id = $1 AND f.source = 'inspection'",
	NULL, 0
};
static struct query Q_FINDING_SET = {
	"UPDATE finding SET content = $2, cause_kind = $3, cause = $4, addressee_kind = $5, addressee_name = $6,"
	" addressee_unit_id = $7, remedy = $8, deadline = $9 WHERE id = $1",
	NULL, 0
};

enum app_err finding_update(struct store *s, const struct account *who, int64_t finding_id, const struct finding_new *f,
			    const char **why)
{
	char deadline[11], state[16] = "", date[11] = "";
	int64_t au = 0, unit_id = 0;
	const char *w = NULL;
	json_t *before = NULL;
	struct stmt *st;
	enum app_err e;
	bool row = false;

	if (model_blank(f->content))
		w = "Thiếu nội dung khuyết điểm, hạn chế.";
	else if (!model_opt_date(f->deadline, deadline))
		w = "Thời hạn khắc phục không phải ngày hợp lệ (dd/mm/yyyy).";
	else if (!model_blank(f->addressee_unit_code) && !model_blank(f->addressee_person))
		w = "Chỉ ghi một địa chỉ chịu trách nhiệm: hoặc đơn vị, hoặc cá nhân.";
	else if ((unsigned)f->cause_kind > FC_OBJECTIVE)
		w = "Loại nguyên nhân không hợp lệ.";
	else if (!model_text_ok(f->content) || !model_text_ok(f->cause) || !model_text_ok(f->addressee_person) ||
		 !model_text_ok(f->remedy))
		w = "Văn bản không đúng mã UTF-8.";
	if (w) {
		*why = w;
		return APP_EINVAL;
	}
	if (!model_blank(f->addressee_unit_code)) {
		if ((e = model_unit_id(s, f->addressee_unit_code, &au)) != APP_OK)
			return e;
		if (!au) {
			*why = "Đơn vị chịu trách nhiệm khắc phục không tồn tại.";
			return APP_EINVAL;
		}
	}
	if ((e = model_begin(s)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_FINDING_HEAD))) {
		e = APP_EDB;
		goto out;
	}
	stmt_bind_int64(st, 1, finding_id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		unit_id = stmt_col_int64(st, 1);
		snprintf(state, sizeof(state), "%s", stmt_col_text(st, 2));
		snprintf(date, sizeof(date), "%s", stmt_col_text(st, 3));
		before = json_pack("{s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "conclusion",
				   (json_int_t)stmt_col_int64(st, 0), "content", stmt_col_text(st, 4), "cause_kind",
				   model_jstr(stmt_col_text(st, 5)), "cause", model_jstr(stmt_col_text(st, 6)),
				   "addressee_kind", model_jstr(stmt_col_text(st, 7)), "addressee_person",
				   model_jstr(stmt_col_text(st, 8)), "addressee_unit_id",
				   stmt_col_null(st, 9) ? json_null() : json_integer(stmt_col_int64(st, 9)), "remedy",
				   model_jstr(stmt_col_text(st, 10)), "deadline", model_jstr(stmt_col_text(st, 11)));
	}
	stmt_done(st);
	if (e == APP_OK && !row) {
		*why = "Khuyết điểm không tồn tại.";
		e = APP_ENOTFOUND;
	}
	if (e != APP_OK)
		goto out;
	if ((e = model_may(s, who, unit_id, true, why)) != APP_OK)
		goto out;
	if (strcmp(state, "draft")) {
		*why = "Kết luận đã ban hành không được sửa; hãy lập phiên bản đính chính.";
		e = APP_ECONFLICT;
		goto out;
	}
	if (deadline[0] && strcmp(deadline, date) < 0) {
		*why = "Thời hạn khắc phục trước ngày kết luận.";
		e = APP_EINVAL;
		goto out;
	}
	if (!(st = store_stmt(s, &Q_FINDING_SET))) {
		e = APP_EDB;
		goto out;
	}
	const char *akind = au ? "unit" : !model_blank(f->addressee_person) ? "person" : NULL;
	stmt_bind_int64(st, 1, finding_id);
	stmt_bind_text(st, 2, f->content);
	stmt_bind_text(st, 3, finding_cause_code(f->cause_kind));
	stmt_bind_text(st, 4, model_blank(f->cause) ? NULL : f->cause);
	stmt_bind_text(st, 5, akind);
	stmt_bind_text(st, 6, au ? NULL : model_blank(f->addressee_person) ? NULL : f->addressee_person);
	if (au)
		stmt_bind_int64(st, 7, au);
	else
		stmt_bind_null(st, 7);
	stmt_bind_text(st, 8, model_blank(f->remedy) ? NULL : f->remedy);
	stmt_bind_text(st, 9, deadline[0] ? deadline : NULL);
	e = stmt_exec(st, NULL);
	if (e == APP_OK) {
		e = model_audit(s, who, unit_id, "finding", finding_id, "update", before,
				json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "content", f->content, "cause_kind",
					  model_jstr(finding_cause_code(f->cause_kind)), "cause", model_jstr(f->cause),
					  "addressee_unit", model_jstr(au ? f->addressee_unit_code : NULL),
					  "addressee_person", model_jstr(au ? NULL : f->addressee_person), "remedy",
					  model_jstr(f->remedy), "deadline",
					  model_jstr(deadline[0] ? deadline : NULL)));
		before = NULL;
	}
out:
	json_decref(before);
	if (e == APP_OK)
		e = model_commit(s);
	else
		model_rollback(s);
	return e;
}
