/*
** The complaints and denunciations register (khiếu nại, tố cáo) of an
** inspection commission: received date, kind, the unit concerned, handler,
** a due date computed from the time-limit rule in force on the received
** date, status; overdue handling is flagged; counts per unit feed the risk
** score. docs/inspection.md.
**
** Time limits live in one place, the complaint_rule table: each rule is
** declared data, (kind, days counted from the received date, in force from
** a date, the legal basis that sets it), audited. None is built in: the
** limits for party complaints and denunciations handled by a city-level
** commission were not sourced (../shared/notes/domain-anchors.md gives no
** figure; Quyết định 164-QĐ/TW gives 180 days only for denunciations
** against centrally managed cadres), so the commission declares the rule it
** applies. While no rule is in force for a kind on the received date there
** is never a made-up due date: complaint_add refuses (APP_EINVAL, *why says
** so), or, when the caller asks (complaint_new.without_rule), registers it
** with no due date, and the register says COMPLAINT_NO_RULE_VI for it until
** a rule covering its received date is declared (complaint_rule_set then
** sets its due date, audited).
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
** Complaints of the kind registered without a rule and received on or after
** valid_from take their due date from it, each change audited.
*/
enum app_err complaint_rule_set(struct store *s, const struct account *who, enum complaint_kind kind, int days,
				const char *source, const char *valid_from, const char **why);

/* What the register shows in place of a due date when no rule was declared. */
#define COMPLAINT_NO_RULE_VI "Chưa khai báo thời hạn"

struct complaint_new {
	enum complaint_kind kind;
	const char *unit_code; /* the unit concerned */
	const char *received;  /* ISO or dd/mm/yyyy */
	const char *summary;
	const char *handler; /* who handles it (person or body) */
	bool without_rule;   /* no rule in force for the kind: register it with no due date instead of refusing */
	bool demo;
};

/*
** Register one; due = received + the days of the rule in force for the kind
** on the received date. No rule: APP_EINVAL (*why: "Chưa có quy định thời
** hạn ...") unless n->without_rule, then registered with no due date.
** APP_EINVAL (*why) for bad input, APP_EDENIED; nothing stored on refusal.
*/
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
	bool no_rule; /* no rule was declared for its kind and received date: due and rule_source NULL */
	bool overdue; /* as of the date asked: open past due, or closed after due (never when no_rule) */
	int days_over;
};

struct complaint_list {
	struct complaint *v; /* received order */
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
	struct complaint_count *v; /* units with at least one, by unit id */
	size_t n;
};

/* The due date dd/mm/yyyy, or COMPLAINT_NO_RULE_VI (in a, or static). */
const char *complaint_due_vi(struct arena *a, const struct complaint *c);

struct complaint_rule {
	int64_t id;
	int days;
	const char *source, *valid_from; /* in the arena */
};

/* The rule in force for kind on date (ISO or dd/mm/yyyy). APP_ENOTFOUND when none is declared. */
enum app_err complaint_rule_in_force(struct store *s, struct arena *a, enum complaint_kind kind, const char *date,
				     struct complaint_rule *out);

/* Counts per unit concerned over unit_id's subtree for those received in [from, to]: one query. */
enum app_err complaint_counts(struct store *s, struct arena *a, const struct account *who, int64_t unit_id,
			      const char *from, const char *to, const char *asof, struct complaint_counts *out);

#endif
