/*
** Coverage of a directive's indicators by units' plans (the cascade gap):
** per unit, how many applicable indicators its plan adopted ("6/14"), how
** many were adopted without a number (not measurable), and how many local
** targets are weaker than the superior's (the parent's local target, or
** the directive's own target when the parent has none), in the
** indicator's direction. The city view lists every unit under a scope,
** worst coverage first.
*/
#ifndef GIAMSAT_MODEL_COVERAGE_H
#define GIAMSAT_MODEL_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/unit.h"
#include "util/util.h"

struct store;

enum cov_state {
	COV_OK = 0,       /* adopted with a target at least as strict as the superior's */
	COV_MISSING,      /* applicable, not adopted */
	COV_UNMEASURABLE, /* adopted without a number */
	COV_WEAKER,       /* local target weaker than the superior's */
};

const char *cov_state_vi(enum cov_state s); /* "Đạt", "Chưa nhận", "Chưa lượng hóa", "Thấp hơn cấp trên" */

struct coverage_item {
	int64_t indicator_id;
	const char *code, *name, *measure;
	enum cov_state state;
	bool has_local, has_superior;
	double local_target, superior_target;
};

struct coverage {
	int64_t unit_id;
	const char *unit_code, *unit_name;
	enum unit_kind kind;
	bool has_plan;
	int applicable, adopted, unmeasurable, weaker;
	struct coverage_item *items; /* applicable indicators, when asked */
	size_t nitems;
};

/* "6/14" into out. */
void coverage_ratio(const struct coverage *c, char *out, size_t n);

/*
** Coverage of one unit for a directive. items: fill out->items too (the
** per-indicator table) when true. Strings in a.
*/
enum app_err coverage_unit(struct store *s, struct arena *a, int64_t directive_id, int64_t unit_id,
			   struct coverage *out, bool items);

struct coverage_list {
	struct coverage *v;
	size_t n;
};

/*
** Every current unit strictly under scope_id (0: the directive's issuer)
** to which at least one indicator applies, worst first: lowest share
** adopted, then most unmeasurable and weaker targets, then Vietnamese
** order. A fixed number of queries whatever the tree's size.
*/
enum app_err coverage_city(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id,
			   struct coverage_list *out);

/*
** The same for the direct subordinates of scope_id only (the city page:
** the city's ~130 committees rather than every cell), reading only their
** and the scope's adoptions.
*/
enum app_err coverage_children(struct store *s, struct arena *a, int64_t directive_id, int64_t scope_id,
			       struct coverage_list *out);

#endif
