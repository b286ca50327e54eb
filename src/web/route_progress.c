/*
** Routes of progress values, roll-ups, reminders, the unit dashboard, coverage and progress reports (issue 3):
** web_route_progress() for the pages, api_route_progress() for /api/v1.
** Each returns false for a path it does not own.
*/
#include "web/internal.h"

bool web_route_progress(struct req *r, struct resp *p)
{
	(void)r;
	(void)p;
	return false;
}

bool api_route_progress(struct req *r, struct resp *p, const char *path)
{
	(void)r;
	(void)p;
	(void)path;
	return false;
}

void unit_section_cascade(struct req *r, struct sbuf *b, const struct unit *u)
{
	(void)r;
	(void)b;
	(void)u;
}
