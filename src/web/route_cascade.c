/*
** Routes of the programmes cascade (issue 3): directives, indicators,
** plans, progress, the dashboard; web_route_cascade() for the pages,
** api_route_cascade() for /api/v1. Each returns false for a path it does
** not own, so web_handle() can go on to the next module.
*/
#include "web/internal.h"

bool web_route_cascade(struct req *r, struct resp *p)
{
	const char *path = r->path;
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	bool post = strcmp(r->method, "POST") == 0;

	if (strncmp(path, "/chuong-trinh/", 14) == 0 && path[14]) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (strchr(path + 14, '/'))
			web_error(r, p, 404);
		else if (web_need_session(r, p))
			page_directive(r, p, path + 14);
	} else if (strncmp(path, "/ke-hoach/", 10) == 0 && path[10]) {
		/* /ke-hoach/ID or POST /ke-hoach/ID/ACTION */
		char *id = arena_strdup(r->arena, path + 10), *act = strchr(id, '/');
		if (act)
			*act++ = '\0';
		if (act && strchr(act, '/'))
			web_error(r, p, 404);
		else if (!act && !get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (act && !post)
			web_not_allowed(r, p, "POST");
		else if (web_need_session(r, p)) {
			if (act)
				page_plan_post(r, p, id, act);
			else
				page_plan(r, p, id);
		}
	} else {
		return false;
	}
	return true;
}

bool api_route_cascade(struct req *r, struct resp *p, const char *path)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;

	if (strncmp(path, "/plans/", 7) == 0 && path[7] && !strchr(path + 7, '/')) {
		if (!get)
			web_not_allowed(r, p, "GET, HEAD");
		else if (api_authenticate(r, p))
			api_plan_get(r, p, path + 7);
	} else {
		return false;
	}
	return true;
}
