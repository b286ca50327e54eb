/*
** The inspected unit's self-report on an inspection's record: the list
** of reports with their evidence files, the form (multipart, several
** files) for the accounts that may write the inspected unit, and the
** download of a file (GET /kiem-tra/ID/tai-lieu/HASH). The rules and the
** checks of the files are the model's (model/inspect_report.h).
*/
#include "web/page_inspect.h"

#include <stdlib.h>

#include "model/attachment.h"
#include "model/inspect_report.h"
#include "model/unit.h"
#include "render/html.h"
#include "render/layout.h"

/*
** The form is for the inspected unit's own side (its accounts, or those of
** a unit inside it); the model also lets a superior write, which the page
** does not offer.
*/
static bool may_report(struct req *r, const struct inspection *in)
{
	bool ok = false, inside = false;

	if (!r->authed || !r->acct.unit_id || !role_can_write(r->acct.role))
		return false;
	if (unit_within(r->app->store, r->acct.unit_id, in->unit_id, &inside) != APP_OK || !inside)
		return false;
	return access_can_write(r->app->store, &r->acct, in->unit_id, &ok) == APP_OK && ok;
}

void pi_write_reports(struct req *r, struct sbuf *b, const struct inspection *in, const char *error)
{
	struct insp_report *v = NULL;
	size_t n = 0;

	HTML_LIT(b, "<section id=\"tu-bao-cao\"><h2>Báo cáo tự kiểm tra và tài liệu của đơn vị</h2>");
	if (insp_report_list(r->app->store, r->arena, &r->acct, in->id, &v, &n) != APP_OK || !n)
		HTML_LIT(b, "<p class=\"empty\">Đơn vị chưa gửi báo cáo tự kiểm tra.</p>");
	for (size_t i = 0; i < n; i++) {
		HTML(b, "<article class=\"self-report\"><h3>Báo cáo ngày %h%h%h</h3><p class=\"points\">%h</p>",
		     pi_date(r, v[i].report_date), v[i].reporter ? " — " : "", v[i].reporter ? v[i].reporter : "",
		     v[i].text);
		if (v[i].nfiles) {
			HTML_LIT(b, "<ul class=\"files\">");
			for (size_t k = 0; k < v[i].nfiles; k++)
				HTML(b, "<li><a href=\"/kiem-tra/%d/tai-lieu/%u\">%h</a></li>", in->id,
				     v[i].files[k].hash, v[i].files[k].filename);
			HTML_LIT(b, "</ul>");
		}
		HTML_LIT(b, "</article>");
	}
	if (may_report(r, in)) {
		char today[11], vn[11];

		date_today(today);
		date_iso_to_vn(today, vn);
		if (error)
			HTML(b, "<p class=\"alert\" role=\"alert\">%h</p>", error);
		HTML(b,
		     "<form class=\"form\" method=\"post\" enctype=\"multipart/form-data\" "
		     "action=\"/kiem-tra/%d/tu-bao-cao\">",
		     in->id);
		page_csrf_field(b, r->csrf);
		HTML(b,
		     "<label>Ngày báo cáo <input name=\"ngay\" required value=\"%h\"></label>"
		     "<label>Nội dung báo cáo tự kiểm tra <textarea name=\"noi_dung\" rows=\"4\" required>%h</textarea>"
		     "</label><label>Tài liệu kèm theo (PDF, ảnh, .docx, .xlsx; tối đa 20 MiB mỗi tệp) <input "
		     "type=\"file\" name=\"tep\" multiple></label><button type=\"submit\">Gửi báo cáo</button></form>",
		     error ? pi_val(r, "ngay") : vn, error ? pi_val(r, "noi_dung") : "");
	}
	HTML_LIT(b, "</section>");
}

enum app_err pi_report_add(struct req *r, const struct inspection *in, const char **why)
{
	struct evidence_in *ev = arena_alloc(r->arena, (r->files.n ? r->files.n : 1) * sizeof(*ev));
	size_t nev = 0;

	for (size_t i = 0; i < r->files.n; i++) {
		const struct upload *u = &r->files.v[i];

		if (strcmp(u->name, "tep") || (!u->len && !*u->filename))
			continue; /* no file chosen */
		ev[nev++] = (struct evidence_in){ .filename = u->filename, .data = u->data, .n = u->len };
	}
	return insp_report_add(r->app->store, &r->acct, in->id, pi_val(r, "ngay"), pi_val(r, "noi_dung"), ev, nev, NULL,
			       why);
}

void page_inspection_file(struct req *r, struct resp *p, const char *id_text, const char *hash)
{
	struct inspection in;
	const char *filename = NULL, *mime = NULL;
	void *data = NULL;
	size_t n = 0;
	struct sbuf cd;
	enum app_err e;

	if (!pi_load(r, p, id_text, &in))
		return;
	if (strlen(hash) != ATTACHMENT_HASH_HEX - 1 || strspn(hash, "0123456789abcdef") != strlen(hash)) {
		web_error_msg(r, p, 404, "Không có tài liệu này.");
		return;
	}
	e = insp_report_file(r->app->store, r->arena, &r->acct, in.id, hash, &filename);
	if (e == APP_OK)
		e = attachment_get(r->app->store, r->arena, hash, &data, &n, &mime);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có tài liệu này.");
		return;
	}
	if (e == APP_EDENIED) {
		web_error_msg(r, p, 403, "Bạn không có quyền xem tài liệu này.");
		return;
	}
	if (e != APP_OK) {
		free(data);
		web_fail(r, p, e, "insp-file");
		return;
	}
	sbuf_init(&cd, 0);
	sbuf_addstr(&cd, "attachment; filename=\"tai-lieu\"; filename*=UTF-8''");
	html_urlencode(&cd, filename, strlen(filename));
	resp_header(p, r->arena, "Content-Disposition", arena_strdup(r->arena, cd.buf));
	sbuf_release(&cd);
	p->status = 200;
	p->content_type = mime && strcmp(mime, "application/pdf") == 0 ? "application/pdf"
			  : mime && strcmp(mime, "image/png") == 0     ? "image/png"
			  : mime && strcmp(mime, "image/jpeg") == 0    ? "image/jpeg"
								       : "application/octet-stream";
	sbuf_add(&p->body, data, n);
	free(data);
}
