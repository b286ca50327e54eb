/*
** Progress: indicator values per unit and period with evidence, roll-ups
** up the tree by each indicator's aggregation rule, the four-state task
** status of the national task-tracking model (QĐ 42/2014, 23/2018) as of
** any date, and the reminder (đôn đốc) list per lead. docs/cascade.md.
**
** A value is a unit's own figure; totals are computed, never entered: the
** roll-up of a unit is over the values of every unit in its subtree
** (itself included), in one query.
*/
#ifndef GIAMSAT_MODEL_PROGRESS_H
#define GIAMSAT_MODEL_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "util/util.h"

struct store;

struct value_new {
	int64_t indicator_id;
	const char *unit_code;
	const char *period; /* "2022", "2022-Q1", "2022-06", "2020-2025" by the indicator's period */
	double value;       /* for AGG_RATIO: ignored, computed num/den*scale */
	bool has_ratio;
	double num, den; /* AGG_RATIO: required */
	bool has_weight;
	double weight;       /* AGG_WMEAN: required (population, members ...) */
	const char *measure; /* when given, must equal the indicator's measure unit */
	const char *note;
};

/*
** Record (or replace) a value. APP_EINVAL (*why) for a period not of the
** indicator's form, a measure unit other than the indicator's, a
** percentage outside 0..100, a negative count, a missing num/den or
** weight, or an indicator the unit's plan did not adopt; APP_EDENIED when
** who (NULL: command line) may not write the unit.
*/
enum app_err progress_set(struct store *s, const struct account *who, const struct value_new *v, int64_t *id,
			  const char **why);

/*
** Attach evidence to a value (attachment_put, then the link) in one
** transaction. Errors as attachment_put; APP_ENOTFOUND for no such value.
*/
enum app_err progress_attach(struct store *s, const struct account *who, int64_t value_id, const char *filename,
			     const void *data, size_t n, char hash[65], const char **why);

struct rollup {
	bool has_value;    /* some unit reported */
	double value;      /* by the indicator's rule (AGG_ALL_MET: 1 or 0) */
	int64_t reporting; /* units with a value */
	int64_t met;       /* of them, meeting their own target (or the directive's) */
};

/* Roll up one indicator for one period over the subtree of unit_id: one query. */
enum app_err progress_rollup(struct store *s, int64_t indicator_id, int64_t unit_id, const char *period,
			     struct rollup *out);

struct rollup_child {
	int64_t unit_id;
	const char *unit_code, *unit_name;
	struct rollup r; /* over the child's subtree */
};

struct rollup_children {
	struct rollup_child *v; /* every current child, in Vietnamese order */
	size_t n;
};

/*
** The roll-up of each child of unit_id over its own subtree, for one
** indicator and period, in one query (the table under a unit's figure).
** Children with no value have r.has_value false. Strings in a.
*/
enum app_err progress_rollup_children(struct store *s, struct arena *a, int64_t indicator_id, int64_t unit_id,
				      const char *period, struct rollup_children *out);

struct rollup_period {
	const char *period;
	struct rollup r;
};

struct rollup_series {
	struct rollup_period *v; /* periods with at least one value, ascending */
	size_t n;
};

/* The roll-up of one indicator over unit_id's subtree for every period, in one query (the trend). */
enum app_err progress_rollup_series(struct store *s, struct arena *a, int64_t indicator_id, int64_t unit_id,
				    struct rollup_series *out);

enum task_status {
	TS_DONE_ON_TIME = 0, /* hoàn thành đúng hạn */
	TS_DONE_LATE,        /* hoàn thành quá hạn */
	TS_OPEN_WITHIN,      /* đang thực hiện trong hạn (or no deadline) */
	TS_OVERDUE,          /* chưa hoàn thành, quá hạn */
	TS_COUNT
};
const char *task_status_code(enum task_status t); /* "done_on_time" ... "overdue" */
const char *task_status_vi(enum task_status t);
/* The status of one task as of a date (all ISO; deadline/done may be NULL). */
enum task_status task_status_of(const char *deadline, const char *done_date, const char *asof);

struct task_status_counts {
	int64_t n[TS_COUNT];
	int64_t total;
};

/* Counts of the tasks of every plan in the subtree of unit_id as of asof (ISO or dd/mm/yyyy). */
enum app_err progress_task_status(struct store *s, int64_t unit_id, const char *asof, struct task_status_counts *out);

struct task_status_child {
	int64_t unit_id;
	const char *unit_code, *unit_name;
	struct task_status_counts c; /* over the child's subtree */
};

struct task_status_children {
	struct task_status_child *v; /* current children, in Vietnamese order */
	size_t n;
};

/* The four counts for each child of unit_id over its subtree, as of asof: one query. */
enum app_err progress_task_status_children(struct store *s, struct arena *a, int64_t unit_id, const char *asof,
					   struct task_status_children *out);

struct reminder {
	const char *lead; /* lead's name ("" when the task has none) */
	int64_t task_id, plan_id;
	const char *unit_code, *number, *content, *deadline;
	bool overdue; /* else due within the window */
	int days;     /* days overdue (> 0) or days left (>= 0) */
};

struct reminder_list {
	struct reminder *v;
	size_t n;
};

/*
** The đôn đốc list as of asof over the subtree of unit_id: open tasks
** overdue or due within `within_days`, grouped by lead (by the lead's name
** as written, byte order), most overdue first within a lead.
*/
enum app_err progress_reminders(struct store *s, struct arena *a, int64_t unit_id, const char *asof, int within_days,
				struct reminder_list *out);

/*
** True when a measure unit counts whole things ("xã", "vụ", "trạm",
** "người", "dự án" ...): values in it must be whole and not negative.
*/
bool progress_measure_is_count(const char *measure);

/* Evidence to record with a value: new bytes, or an attachment already stored (by hash). */
struct value_evidence {
	const char *filename; /* required */
	const void *data;     /* the bytes, or NULL to link hash */
	size_t n;
	const char *hash; /* with data NULL: a stored attachment's hex key */
};

/*
** progress_set and the evidence in one transaction: all or nothing. Errors
** as progress_set and attachment_put; APP_EINVAL (*why) for a hash that is
** not stored. *id gets the value's id.
*/
enum app_err progress_record(struct store *s, const struct account *who, const struct value_new *v,
			     const struct value_evidence *ev, size_t nev, int64_t *id, const char **why);

struct value_evidence_row {
	const char *hash, *filename, *mime;
	int64_t size;
};

struct value_row {
	int64_t id, indicator_id;
	const char *period, *note;
	double value;
	bool has_ratio, has_weight;
	double num, den, weight;
	int64_t created_at;
	struct value_evidence_row *ev;
	size_t nev;
};

struct value_list {
	struct value_row *v; /* by indicator order, then period descending */
	size_t n;
};

/*
** A unit's own values for the indicators of a directive, every period,
** each with its evidence: two queries. Strings in a.
*/
enum app_err progress_unit_values(struct store *s, struct arena *a, int64_t directive_id, int64_t unit_id,
				  struct value_list *out);

/*
** The unit of value_id and the file name under which hash is attached to
** it (for the download's access check); APP_ENOTFOUND when not attached.
*/
enum app_err progress_evidence_find(struct store *s, struct arena *a, int64_t value_id, const char *hash,
				    int64_t *unit_id, const char **filename);

#endif
