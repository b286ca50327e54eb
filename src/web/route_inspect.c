/*
** Routes of inspections (issue 5): web_route_inspect() for the pages,
** api_route_inspect() for /api/v1. Each returns false for a path it does
** not own (/kiem-tra/phat-hien/, /kiem-tra/trach-nhiem ... are
** route_followup.c's).
**
**   GET  /kiem-tra[?nam=]                    the programme (page_inspect.c)
**   POST /kiem-tra/them                      add an inspection
**   GET  /kiem-tra/chuong-trinh.docx?nam=    the programme as .docx
**   GET  /kiem-tra/ID                        an inspection (page_inspect_record.c)
**   POST /kiem-tra/ID/ACTION                 doan, ket-luan, khuyet-diem, sua-khuyet-diem, ban-hanh, dinh-chinh, tu-bao-cao
**   GET  /kiem-tra/ID/thong-bao.docx[?kl=]   the conclusion notice
**   GET  /kiem-tra/ID/tai-lieu/HASH          a file of the unit's self-report
**   GET  /kiem-tra/rui-ro[?nam=]             the risk list (page_inspect_risk.c)
**   POST /kiem-tra/rui-ro/trong-so           the year's weights
*/
#include "web/page_inspect.h"

static bool is_get(const struct req *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

static bool is_post(const struct req *r)
{
	return strcmp(r->method, "POST") == 0;
}

/* Method check, then the session (and CSRF for a POST). */
static bool gate(struct req *r, struct resp *p, bool action)
{
	if (action && !is_post(r)) {
		web_not_allowed(r, p, "POST");
		return false;
	}
	if (!action && !is_get(r)) {
		web_not_allowed(r, p, "GET, HEAD");
		return false;
	}
	return web_need_session(r, p);
}

static bool all_digits(const char *s, size_t n)
{
	if (!n || n > 18)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool web_route_inspect(struct req *r, struct resp *p)
{
	const char *path = r->path;

	if (strcmp(path, "/kiem-tra") == 0) {
		if (gate(r, p, false))
			page_programme(r, p);
	} else if (strcmp(path, "/kiem-tra/them") == 0) {
		if (gate(r, p, true))
			page_programme_post(r, p);
	} else if (strcmp(path, "/kiem-tra/chuong-trinh.docx") == 0) {
		if (gate(r, p, false))
			page_programme_docx(r, p);
	} else if (strcmp(path, "/kiem-tra/rui-ro") == 0) {
		if (gate(r, p, false))
			page_risk(r, p);
	} else if (strcmp(path, "/kiem-tra/rui-ro/trong-so") == 0) {
		if (gate(r, p, true))
			page_risk_post(r, p);
	} else if (strncmp(path, "/kiem-tra/", 10) == 0 && path[10] >= '0' && path[10] <= '9') {
		const char *rest = path + 10, *slash = strchr(rest, '/');
		size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
		char *id;

		if (!all_digits(rest, n)) {
			web_error(r, p, 404);
			return true;
		}
		id = arena_strndup(r->arena, rest, n);
		if (!slash) {
			if (gate(r, p, false))
				page_inspection(r, p, id);
		} else if (strcmp(slash + 1, "thong-bao.docx") == 0) {
			if (gate(r, p, false))
				page_inspection_notice(r, p, id);
		} else if (strncmp(slash + 1, "tai-lieu/", 9) == 0 && slash[10] && !strchr(slash + 10, '/')) {
			if (gate(r, p, false))
				page_inspection_file(r, p, id, slash + 10);
		} else if (!slash[1] || strchr(slash + 1, '/')) {
			web_error(r, p, 404);
		} else if (gate(r, p, true)) {
			page_inspection_post(r, p, id, slash + 1);
		}
	} else {
		return false;
	}
	return true;
}

bool api_route_inspect(struct req *r, struct resp *p, const char *path)
{
	return api_inspect(r, p, path);
}
