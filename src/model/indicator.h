/*
** Indicators (chỉ tiêu) of a directive: what is measured, in which unit,
** which direction is better, the target and baseline, the reporting
** period, how values add up the organisation tree, and the kinds of unit
** the indicator applies to. Programme 01-CTr/TU has 14 of them.
*/
#ifndef GIAMSAT_MODEL_INDICATOR_H
#define GIAMSAT_MODEL_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "model/unit.h"
#include "util/util.h"

struct store;

enum ind_dir { IND_UP = 0, IND_DOWN }; /* higher / lower is better */
enum ind_period { PER_MONTH = 0, PER_QUARTER, PER_YEAR, PER_TERM, PER_COUNT };
enum ind_agg {
	AGG_SUM = 0, /* tổng */
	AGG_MEAN,    /* trung bình */
	AGG_WMEAN,   /* trung bình có trọng số: each value carries a weight */
	AGG_RATIO,   /* tỷ lệ của tổng: sum(num) / sum(den) * scale */
	AGG_MIN,
	AGG_MAX,
	AGG_ALL_MET, /* 1 when every reporting unit met its own target, else 0 */
	AGG_COUNT
};

const char *ind_dir_code(enum ind_dir d);       /* "up", "down" */
const char *ind_period_code(enum ind_period p); /* "month" ... "term" */
const char *ind_period_vi(enum ind_period p);   /* "Tháng", "Quý", "Năm", "Nhiệm kỳ" */
const char *ind_agg_code(enum ind_agg a);       /* "sum" ... "all_met" */
const char *ind_agg_vi(enum ind_agg a);         /* "Tổng", ... */
bool ind_dir_parse(const char *s, enum ind_dir *out);
bool ind_period_parse(const char *s, enum ind_period *out);
bool ind_agg_parse(const char *s, enum ind_agg *out);

struct indicator_new {
	int64_t directive_id;
	const char *code; /* "CT01": unique within the directive */
	const char *name;
	const char *measure; /* đơn vị tính: "%", "xã", "triệu đồng" */
	enum ind_dir dir;
	bool has_target, has_baseline;
	double target, baseline;
	bool monitor_only; /* theo dõi: no target required */
	enum ind_period period;
	enum ind_agg agg;
	double scale;   /* AGG_RATIO multiplier (100 for a percentage); 0 = 1 */
	unsigned kinds; /* bit (1u << enum unit_kind) per applicable kind; 0 = all */
};

/*
** Add an indicator to a directive. APP_EINVAL (*why, Vietnamese, static)
** for a missing code/name/measure, a target missing where one is required
** (every indicator but monitor_only ones), a percentage outside 0..100,
** or an unknown directive; APP_EEXIST when the code is taken.
*/
enum app_err indicator_add(struct store *s, const struct indicator_new *n, int64_t *id, const char **why);

struct indicator {
	int64_t id, directive_id;
	const char *code, *name, *measure;
	enum ind_dir dir;
	bool has_target, has_baseline;
	double target, baseline;
	enum ind_period period;
	enum ind_agg agg;
	double scale;
	unsigned kinds; /* 0 = every kind */
};

struct indicator_list {
	struct indicator *v;
	size_t n;
};

/* Indicators of a directive in the order added; strings in a. */
enum app_err indicator_list(struct store *s, struct arena *a, int64_t directive_id, struct indicator_list *out);
enum app_err indicator_get(struct store *s, struct arena *a, int64_t id, struct indicator *out);
/* By directive and code; APP_ENOTFOUND when absent. */
enum app_err indicator_find(struct store *s, struct arena *a, int64_t directive_id, const char *code,
			    struct indicator *out);

/* True when the indicator applies to a unit of kind k. */
bool indicator_applies(const struct indicator *i, enum unit_kind k);
/* True when value a is strictly worse than b in direction d. */
bool ind_worse(enum ind_dir d, double a, double b);
/* True when value v meets target t in direction d. */
bool ind_meets(enum ind_dir d, double v, double t);

#endif
