/*
** Routes of progress values, roll-ups, reminders, the unit dashboard, coverage and progress reports (issue 3):
** web_route_progress() for the pages, api_route_progress() for /api/v1.
** Each returns false for a path it does not own.
**
**   /tien-do/CODE, POST /tien-do/CODE/nhap, /tien-do/CODE/tai-ve.{xlsx,docx}
**   /tong-hop/CODE                     the dashboard
**   /don-doc/CODE                      the reminder list
**   /bao-phu/ID, /bao-phu/ID/tai-ve.{xlsx,docx}
**   /minh-chung-tien-do/VALUE/HASH     evidence of a value
**
**   GET  /api/v1/directives/ID/coverage
**   GET  /api/v1/units/CODE/progress, /api/v1/units/CODE/reminders
**   POST /api/v1/values, POST /api/v1/attachments
*/
#include "web/page_progress.h"

#include "model/directive.h"
#include "render/html.h"

/* path after prefix split at its first '/': *head decoded; *tail the rest or NULL. */
static bool split(struct req *r, const char *rest, char **head, const char **tail)
{
	const char *sl = strchr(rest, '/');
	size_t n = sl ? (size_t)(sl - rest) : strlen(rest);

	*tail = sl ? sl + 1 : NULL;
	*head = n ? web_decode_path(rest, n, r->arena) : NULL;
	return *head != NULL;
}

bool web_route_progress(struct req *r, struct resp *p)
{
	const char *path = r->path, *tail;
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	bool post = strcmp(r->method, "POST") == 0;
	char *head;

	if (strncmp(path, "/tien-do/", 9) == 0 && path[9]) {
		if (!split(r, path + 9, &head, &tail))
			web_error(r, p, 404);
		else if (!tail) {
			if (!get)
				web_not_allowed(r, p, "GET, HEAD");
			else if (web_need_session(r, p))
				page_progress(r, p, head);
		} else if (strcmp(tail, "nhap") == 0) {
			if (!post)
				web_not_allowed(r, p, "POST");
			else if (web_need_session(r, p))
				page_progress_post(r, p, head);
		} else if (strcmp(tail, "tai-ve.xlsx") == 0 || strcmp(tail, "tai-ve.docx") == 0) {
			if (!get)
				web_not_allowed(r, p, "GET, HEAD");
			else if (web_need_session(r, p))
				page_progress_download(r, p, head, tail + 7);
		} else {
			web_error(r, p, 404);
		}
	} else if ((strncmp(path, "/tong-hop/", 10) == 0 && path[10]) ||
		   (strncmp(path, "/don-doc/", 9) == 0 && path[9])) {
		bool dash = path[1] == 't';
		if (!split(r, path + (dash ? 10 : 9), &head, &tail) || tail)
			web_error(r, p, 404);
		else if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p)) {
			if (dash)
				page_dashboard(r, p, head);
			else
				page_reminders(r, p, head);
		}
	} else if (strncmp(path, "/bao-phu/", 9) == 0 && path[9]) {
		if (!split(r, path + 9, &head, &tail) ||
		    (tail && strcmp(tail, "tai-ve.xlsx") != 0 && strcmp(tail, "tai-ve.docx") != 0))
			web_error(r, p, 404);
		else if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p)) {
			if (tail)
				page_coverage_download(r, p, head, tail + 7);
			else
				page_coverage_report(r, p, head);
		}
	} else if (strncmp(path, "/minh-chung-tien-do/", 20) == 0 && path[20]) {
		if (!split(r, path + 20, &head, &tail) || !tail || strchr(tail, '/'))
			web_error(r, p, 404);
		else if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_value_evidence(r, p, head, tail);
	} else {
		return false;
	}
	return true;
}

bool api_route_progress(struct req *r, struct resp *p, const char *path)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	bool post = strcmp(r->method, "POST") == 0;
	const char *tail;
	char *head;

	if (strncmp(path, "/directives/", 12) == 0 && path[12]) {
		if (!split(r, path + 12, &head, &tail) || !tail || strcmp(tail, "coverage") != 0)
			return false;
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p))
			api_directive_coverage(r, p, head);
	} else if (strncmp(path, "/units/", 7) == 0 && path[7]) {
		if (!split(r, path + 7, &head, &tail) || !tail ||
		    (strcmp(tail, "progress") != 0 && strcmp(tail, "reminders") != 0))
			return false;
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p)) {
			if (tail[0] == 'p')
				api_unit_progress(r, p, head);
			else
				api_unit_reminders(r, p, head);
		}
	} else if (strcmp(path, "/values") == 0) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (api_authenticate(r, p))
			api_values_post(r, p);
	} else if (strcmp(path, "/attachments") == 0) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (api_authenticate(r, p))
			api_attachments_post(r, p);
	} else {
		return false;
	}
	return true;
}

/*
** The unit page's section: the directives that bind the unit (one query),
** each with links to its progress table, dashboard and coverage report,
** and the reminder list.
*/
void unit_section_cascade(struct req *r, struct sbuf *b, const struct unit *u)
{
	struct directive_list dl;

	if (directive_list_for(r->app->store, r->arena, u->id, 20, &dl) != APP_OK || !dl.n)
		return;
	HTML(b, "<section class=\"unit-cascade\"><h2>Chương trình, chỉ tiêu (%d)</h2><ul class=\"directives\">",
	     (long long)dl.n);
	for (size_t i = 0; i < dl.n; i++) {
		const struct directive_summary *d = &dl.v[i];
		HTML(b,
		     "<li><a href=\"/chuong-trinh/%d\">%h</a> %h <span class=\"links\"><a href=\"/tien-do/%u?ct=%d\">"
		     "Tiến độ</a> · <a href=\"/tong-hop/%u?ct=%d\">Tổng hợp (biểu đồ)</a> · <a href=\"/bao-phu/%d\">"
		     "Mức độ nhận chỉ tiêu</a></span></li>",
		     d->id, d->number ? d->number : "Chương trình", d->title, u->code, d->id, u->code, d->id, d->id);
	}
	HTML(b, "</ul><p><a href=\"/don-doc/%u\">Danh sách đôn đốc</a></p></section>", u->code);
}
