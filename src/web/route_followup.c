/*
** Routes of follow-up of findings, the accountability list, self-criticism reviews and complaints (issue 5):
** web_route_followup() for the pages, api_route_followup() for /api/v1.
** Each returns false for a path it does not own.
*/
#include "web/internal.h"

bool web_route_followup(struct req *r, struct resp *p)
{
	(void)r;
	(void)p;
	return false;
}

bool api_route_followup(struct req *r, struct resp *p, const char *path)
{
	(void)r;
	(void)p;
	(void)path;
	return false;
}

void unit_section_inspect(struct req *r, struct sbuf *b, const struct unit *u)
{
	(void)r;
	(void)b;
	(void)u;
}
