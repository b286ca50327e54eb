/*
** Routes of inspections, reviews and complaints (issue 5):
** web_route_inspect() for the pages, api_route_inspect() for /api/v1.
** Each returns false for a path it does not own.
*/
#include "web/internal.h"

bool web_route_inspect(struct req *r, struct resp *p)
{
	(void)r;
	(void)p;
	return false;
}

bool api_route_inspect(struct req *r, struct resp *p, const char *path)
{
	(void)r;
	(void)p;
	(void)path;
	return false;
}
