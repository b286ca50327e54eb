/*
** Routes of the programmes cascade (issue 3): directives, indicators and
** plans; web_route_cascade() for the pages, api_route_cascade() for
** /api/v1. Each returns false for a path it does not own, so web_handle()
** can go on to the next module. Progress, roll-ups and the dashboard are
** route_progress.c's.
**
**   GET  /chuong-trinh                      directives binding the unit; registration form
**   POST /chuong-trinh                      register a directive
**   GET  /chuong-trinh/ID                   a directive, its indicators, coverage, own plan
**   POST /chuong-trinh/ID/chi-tieu          add an indicator
**   POST /chuong-trinh/ID/ke-hoach          create the unit's plan
**   GET  /ke-hoach/ID                       a plan (editing forms while it is the unit's draft)
**   GET  /ke-hoach/ID/tai-ve.xlsx|.docx     export
**   POST /ke-hoach/ID/gui|tra-lai|chap-thuan    submit, return, accept
**   POST /ke-hoach/ID/chi-tieu              adopt indicators
**   POST /ke-hoach/ID/nhiem-vu              add a task
**   GET|POST /ke-hoach/ID/nhiem-vu/TID      edit a task
**   POST /ke-hoach/ID/nhiem-vu/TID/xoa      delete a task
**   POST /ke-hoach/ID/nhiem-vu/TID/hoan-thanh|mo-lai   record a task done (any state) or reopen it
**   POST /ke-hoach/ID/nhap-tep              import tasks from a file (multipart)
*/
#include "web/internal.h"
#include "web/page_cascade.h"

/* Split path (after its prefix) into at most 4 segments in r->arena; -1 when there are more. */
static int segments(struct req *r, const char *path, const char *seg[4])
{
	char *s = arena_strdup(r->arena, path);
	int n = 0;

	while (s && *s) {
		char *slash = strchr(s, '/');
		if (n == 4)
			return -1;
		if (slash)
			*slash++ = '\0';
		if (!*s)
			return -1; /* an empty segment: "//" or a trailing "/" */
		seg[n++] = s;
		s = slash;
		if (s && !*s)
			return -1;
	}
	return n;
}

static bool is_get(const struct req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

static void directive_pages(struct req *r, struct resp *p, const char *rest)
{
	const char *seg[4];
	bool get = is_get(r), post = strcmp(r->method, "POST") == 0;
	int n = segments(r, rest, seg);

	if (n == 0) {
		if (!get && !post)
			web_not_allowed(r, p, "GET, HEAD, POST");
		else if (web_need_session(r, p))
			(post ? page_directive_add_post : page_directive_list)(r, p);
	} else if (n == 1) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_directive(r, p, seg[0]);
	} else if (n == 2 && (strcmp(seg[1], "chi-tieu") == 0 || strcmp(seg[1], "ke-hoach") == 0)) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (web_need_session(r, p))
			(seg[1][0] == 'c' ? page_indicator_add_post : page_plan_create_post)(r, p, seg[0]);
	} else
		web_error(r, p, 404);
}

static void plan_pages(struct req *r, struct resp *p, const char *rest)
{
	const char *seg[4];
	bool get = is_get(r), post = strcmp(r->method, "POST") == 0;
	int n = segments(r, rest, seg);

	if (n == 1) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_plan(r, p, seg[0]);
	} else if (n == 2 && (strcmp(seg[1], "tai-ve.xlsx") == 0 || strcmp(seg[1], "tai-ve.docx") == 0)) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (web_need_session(r, p))
			page_plan_export(r, p, seg[0], seg[1] + 7);
	} else if (n == 2) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (!web_need_session(r, p))
			;
		else if (strcmp(seg[1], "chi-tieu") == 0)
			page_plan_adopt_post(r, p, seg[0]);
		else if (strcmp(seg[1], "nhiem-vu") == 0)
			page_plan_task_add_post(r, p, seg[0]);
		else if (strcmp(seg[1], "nhap-tep") == 0)
			page_plan_import_post(r, p, seg[0]);
		else
			page_plan_post(r, p, seg[0], seg[1]); /* gui, tra-lai, chap-thuan; else 404 */
	} else if (n == 3 && strcmp(seg[1], "nhiem-vu") == 0) {
		if (!get && !post)
			web_not_allowed(r, p, "GET, HEAD, POST");
		else if (web_need_session(r, p))
			(post ? page_plan_task_edit_post : page_plan_task_edit)(r, p, seg[0], seg[2]);
	} else if (n == 4 && strcmp(seg[1], "nhiem-vu") == 0 &&
		   (strcmp(seg[3], "xoa") == 0 || strcmp(seg[3], "hoan-thanh") == 0 || strcmp(seg[3], "mo-lai") == 0)) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (!web_need_session(r, p))
			;
		else if (seg[3][0] == 'x')
			page_plan_task_delete_post(r, p, seg[0], seg[2]);
		else
			page_plan_task_done_post(r, p, seg[0], seg[2], seg[3][0] == 'm');
	} else
		web_error(r, p, 404);
}

bool web_route_cascade(struct req *r, struct resp *p)
{
	const char *path = r->path;

	if (strcmp(path, "/chuong-trinh") == 0)
		directive_pages(r, p, "");
	else if (strncmp(path, "/chuong-trinh/", 14) == 0 && path[14])
		directive_pages(r, p, path + 14);
	else if (strncmp(path, "/ke-hoach/", 10) == 0 && path[10])
		plan_pages(r, p, path + 10);
	else
		return false;
	return true;
}

/*
**   GET  /directives                  GET /directives/next-number?kind=&system=&date=
**   POST /directives                  GET /directives/ID
**   POST /directives/ID/indicators
**   POST /plans                       GET /plans/ID
**   POST /plans/ID/indicators         POST /plans/ID/tasks
**   PUT  /plans/ID/tasks/TID          DELETE /plans/ID/tasks/TID
**   POST /plans/ID/tasks/TID/done
**   POST /plans/ID/submit|return|accept
*/
bool api_route_cascade(struct req *r, struct resp *p, const char *path)
{
	const char *seg[4];
	bool get = is_get(r), post = strcmp(r->method, "POST") == 0;
	int n;

	if (strcmp(path, "/directives") == 0) {
		if (!get && !post)
			web_not_allowed(r, p, "GET, HEAD, POST");
		else if (api_authenticate(r, p))
			(post ? api_directive_add : api_directive_list)(r, p);
		return true;
	}
	if (strcmp(path, "/plans") == 0) {
		if (!post)
			web_not_allowed(r, p, "POST");
		else if (api_authenticate(r, p))
			api_plan_create(r, p);
		return true;
	}
	if (strncmp(path, "/directives/", 12) == 0 && path[12]) {
		n = segments(r, path + 12, seg);
		if (n == 1 && strcmp(seg[0], "next-number") == 0) {
			if (!get)
				web_not_allowed(r, p, "GET, HEAD");
			else if (api_authenticate(r, p))
				api_directive_next_number(r, p);
		} else if (n == 1) {
			if (!get)
				web_not_allowed(r, p, "GET, HEAD");
			else if (api_authenticate(r, p))
				api_directive_get(r, p, seg[0]);
		} else if (n == 2 && strcmp(seg[1], "indicators") == 0) {
			if (!post)
				web_not_allowed(r, p, "POST");
			else if (api_authenticate(r, p))
				api_indicator_add(r, p, seg[0]);
		} else if (n == 2 && strcmp(seg[1], "coverage") == 0) {
			return false; /* api_route_progress (route_progress.c) */
		} else
			web_error(r, p, 404);
		return true;
	}
	if (strncmp(path, "/plans/", 7) == 0 && path[7]) {
		n = segments(r, path + 7, seg);
		if (n == 1) {
			if (!get)
				web_not_allowed(r, p, "GET, HEAD");
			else if (api_authenticate(r, p))
				api_plan_get(r, p, seg[0]);
		} else if (n == 2 && (strcmp(seg[1], "indicators") == 0 || strcmp(seg[1], "tasks") == 0 ||
				      strcmp(seg[1], "submit") == 0 || strcmp(seg[1], "return") == 0 ||
				      strcmp(seg[1], "accept") == 0)) {
			if (!post)
				web_not_allowed(r, p, "POST");
			else if (!api_authenticate(r, p))
				;
			else if (strcmp(seg[1], "indicators") == 0)
				api_plan_adopt(r, p, seg[0]);
			else if (strcmp(seg[1], "tasks") == 0)
				api_plan_task_add(r, p, seg[0]);
			else
				api_plan_action(r, p, seg[0], seg[1]);
		} else if (n == 4 && strcmp(seg[1], "tasks") == 0 && strcmp(seg[3], "done") == 0) {
			if (!post)
				web_not_allowed(r, p, "POST");
			else if (api_authenticate(r, p))
				api_plan_task_done(r, p, seg[0], seg[2]);
		} else if (n == 3 && strcmp(seg[1], "tasks") == 0) {
			bool put = strcmp(r->method, "PUT") == 0, del = strcmp(r->method, "DELETE") == 0;
			if (!put && !del)
				web_not_allowed(r, p, "PUT, DELETE");
			else if (api_authenticate(r, p))
				(put ? api_plan_task_put : api_plan_task_delete)(r, p, seg[0], seg[2]);
		} else
			web_error(r, p, 404);
		return true;
	}
	return false;
}
