/*
** Routes of follow-up of findings, the accountability list, self-criticism reviews and complaints (issue 5):
** web_route_followup() for the pages, api_route_followup() for /api/v1.
** Each returns false for a path it does not own.
**
**   GET  /kiem-tra/phat-hien/ID[?ngay=]         a finding (page_followup.c)
**   POST /kiem-tra/phat-hien/ID/bao-cao|xu-ly    report a remedy; accept or return it
**   GET  /kiem-tra/minh-chung/RID/HASH           an evidence file
**   GET  /kiem-tra/trach-nhiem[.xlsx][?ngay=]    the accountability list
**   GET  /kiem-diem[?nam=], /kiem-diem/ID        reviews (page_review.c)
**   POST /kiem-diem/to-cong-tac|them, /kiem-diem/ID/ke-hoach|khuyet-diem
**   GET  /khieu-nai-to-cao, /khieu-nai-to-cao/ID complaints (page_complaint.c)
**   POST /khieu-nai-to-cao/them|thoi-han, /khieu-nai-to-cao/ID/ket-thuc
*/
#include "web/page_followup.h"

/* Split "A" or "A/B" (one slash at most) of path after prefix; false when more. */
static bool split2(struct req *r, const char *rest, char **a, char **b)
{
	char *s = arena_strdup(r->arena, rest), *slash = strchr(s, '/');

	*a = s;
	*b = NULL;
	if (slash) {
		*slash = '\0';
		*b = slash + 1;
		if (!**b || strchr(*b, '/'))
			return false;
	}
	return **a != '\0';
}

/* GET for a page, POST for an action: check the method, then the session. */
static bool gate(struct req *r, struct resp *p, bool action)
{
	bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	bool post = strcmp(r->method, "POST") == 0;

	if (action && !post) {
		web_not_allowed(r, p, "POST");
		return false;
	}
	if (!action && !get) {
		web_not_allowed(r, p, "GET, HEAD");
		return false;
	}
	return web_need_session(r, p);
}

bool web_route_followup(struct req *r, struct resp *p)
{
	const char *path = r->path;
	char *a, *b;

	if (strncmp(path, "/kiem-tra/phat-hien/", 20) == 0) {
		if (!split2(r, path + 20, &a, &b))
			web_error(r, p, 404);
		else if (gate(r, p, b != NULL)) {
			if (b)
				page_finding_post(r, p, a, b);
			else
				page_finding(r, p, a);
		}
	} else if (strncmp(path, "/kiem-tra/minh-chung/", 21) == 0) {
		if (!split2(r, path + 21, &a, &b) || !b)
			web_error(r, p, 404);
		else if (gate(r, p, false))
			page_evidence(r, p, a, b);
	} else if (strcmp(path, "/kiem-tra/trach-nhiem") == 0 || strcmp(path, "/kiem-tra/trach-nhiem.xlsx") == 0) {
		if (gate(r, p, false))
			page_accountability(r, p, path[21] == '.');
	} else if (strcmp(path, "/kiem-diem") == 0) {
		if (gate(r, p, false))
			page_reviews(r, p);
	} else if (strncmp(path, "/kiem-diem/", 11) == 0) {
		if (!split2(r, path + 11, &a, &b))
			web_error(r, p, 404);
		else if (!b && (strcmp(a, "to-cong-tac") == 0 || strcmp(a, "them") == 0)) {
			if (gate(r, p, true))
				page_reviews_post(r, p, a);
		} else if (gate(r, p, b != NULL)) {
			if (b)
				page_review_post(r, p, a, b);
			else
				page_review(r, p, a);
		}
	} else if (strcmp(path, "/khieu-nai-to-cao") == 0) {
		if (gate(r, p, false))
			page_complaints(r, p);
	} else if (strncmp(path, "/khieu-nai-to-cao/", 18) == 0) {
		if (!split2(r, path + 18, &a, &b))
			web_error(r, p, 404);
		else if (!b && (strcmp(a, "them") == 0 || strcmp(a, "thoi-han") == 0)) {
			if (gate(r, p, true))
				page_complaints_post(r, p, a);
		} else if (gate(r, p, b != NULL)) {
			if (b)
				page_complaint_post(r, p, a, b);
			else
				page_complaint(r, p, a);
		}
	} else {
		return false;
	}
	return true;
}

bool api_route_followup(struct req *r, struct resp *p, const char *path)
{
	return api_followup(r, p, path);
}
