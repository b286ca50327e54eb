/*
** The complaints and denunciations register (khiếu nại, tố cáo) of an
** inspection commission: received date, kind, the unit concerned, handler,
** a due date computed from the time-limit rule in force on the received
** date, status; overdue handling is flagged; counts per unit feed the risk
** score. docs/inspection.md.
**
** Time limits live in one place, the complaint_rule table: each rule is
** (kind, days, source, valid from) and must name its source. None is built
** in: the limits for party complaints and denunciations handled by a
** city-level commission were not sourced (Quyết định 164-QĐ/TW gives 180
** days only for denunciations against centrally managed cadres), so the
** commission declares the rule it applies; a complaint cannot be
** registered while no rule is in force for its kind.
*/
#ifndef GIAMSAT_MODEL_COMPLAINT_H
#define GIAMSAT_MODEL_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/account.h"
#include "util/util.h"

struct store;

enum complaint_kind { CK_DENUNCIATION = 0, CK_COMPLAINT, CK_COUNT };
const char *complaint_kind_code(enum complaint_kind k); /* "denunciation", "complaint" */
const char *complaint_kind_vi(enum complaint_kind k);   /* "Tố cáo", "Khiếu nại" */

/*
** Declare the time limit for a kind from valid_from on (audited). days 1..3650;
** source required (the document that sets it). who NULL or an admin/inspector.
*/
enum app_err complaint_rule_set(struct store *s, const struct account *who, enum complaint_kind kind, int days,
				const char *source, const char *valid_from, const char **why);

struct complaint_new {
	enum complaint_kind kind;
	const char *unit_code;  /* the unit concerned */
	const char *received;   /* ISO or dd/mm/yyyy */
	const char *summary;
	const char *handler;    /* who handles it (person or body) */
	bool demo;
};

/* Register one; due = received + the rule's days. APP_EINVAL (*why), APP_EDENIED. */
enum app_err complaint_add(struct store *s, const struct account *who, const struct complaint_new *n, int64_t *id,
			   const char **why);

enum complaint_state { CS_OPEN = 0, CS_RESOLVED, CS_FORWARDED, CS_DISMISSED, CS_COUNT };
const char *complaint_state_code(enum complaint_state st);
const char *complaint_state_vi(enum complaint_state st);

/* Close an open one (resolved, forwarded, dismissed) on a date not before it was received. */
enum app_err complaint_close(struct store *s, const struct account *who, int64_t id, enum complaint_state st,
			     const char *closed_on, const char *outcome, const char **why);

struct complaint {
	int64_t id;
	enum complaint_kind kind;
	int64_t unit_id;
	const char *unit_name, *received, *summary, *handler, *due, *closed_on, *outcome, *rule_source;
	enum complaint_state state;
	bool overdue;           /* as of the date asked: open past due, or closed after due */
	int days_over;
};

struct complaint_list {
	struct complaint *v;    /* received order */
	size_t n;
};

/* Those concerning units in unit_id's subtree (0: who's scope / all), received in [from, to]. */
enum app_err complaint_list(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			    const char *from, const char *to, const char *asof, struct complaint_list *out);

struct complaint_count {
	int64_t unit_id;
	int64_t total, open, overdue; /* overdue: open past due as of asof */
};

struct complaint_counts {
	struct complaint_count *v;    /* units with at least one, by unit id */
	size_t n;
};

/* Counts per unit concerned over unit_id's subtree for those received in [from, to]: one query. */
enum app_err complaint_counts(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			      const char *from, const char *to, const char *asof, struct complaint_counts *out);


#endif
