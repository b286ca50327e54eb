/*
** Events: a dated journal line per unit ("inspection team no. 2 worked at
** Thường Tín on 5/5/2022", "22/22 socio-economic targets met"), with the
** source it comes from. The unit page lists them. Strings of results live
** in the arena given.
*/
#ifndef GIAMSAT_MODEL_EVENT_H
#define GIAMSAT_MODEL_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

struct store;

struct event {
	int64_t id;
	int64_t unit_id;
	const char *unit_code;
	const char *unit_name;
	const char *event_date; /* ISO date */
	const char *category;   /* "inspection", "review", "indicator", "programme", "meeting",
				   "organisation", "other" */
	const char *title;      /* one line, NFC */
	const char *detail;     /* NFC text or NULL */
	const char *source;     /* article URL/title or NULL */
	bool demo;
};

struct event_list {
	struct event *v;
	size_t n;
};

struct event_new {
	const char *unit_code;  /* required */
	const char *event_date; /* required: ISO or dd/mm/yyyy */
	const char *category, *title, *detail, *source;
	bool demo;
};

/* Vietnamese label of a category ("Kiểm tra", "Sơ kết, tổng kết" ...); static. */
const char *event_category_vi(const char *category);

/* Insert an event. APP_EINVAL (*why: Vietnamese, static) on a bad field. */
enum app_err event_add(struct store *s, const struct event_new *e, int64_t *id, const char **why);

/*
** Events of unit_id and of the units dissolved into it (its predecessors,
** so a ward's page also shows its old district's and communes' history),
** newest first, at most limit (<= 0: 100). unit_code/unit_name tell which.
*/
enum app_err event_list_for_unit(struct store *s, struct arena *a, int64_t unit_id, int limit, struct event_list *out);

#endif
