/* Reads for the follow-up pages and API: followup.h. */
#include <stdlib.h>
#include <string.h>

#include "model/followup.h"
#include "model/inspect_int.h"
#include "model/model_util.h"
#include "store/store.h"

/* asof (ISO or dd/mm/yyyy) or today into d; false when given but bad. */
static bool asof_date(const char *asof, char d[11])
{
	if (!asof || !*asof) {
		date_today(d);
		return true;
	}
	return date_parse(asof, d);
}

/* The FINDING_COLS of st's row (columns 0..14), status as of asof. */
static void row_finding(struct stmt *st, struct arena *a, const char *asof, struct finding *f)
{
	f->id = stmt_col_int64(st, 0);
	f->conclusion_id = stmt_col_int64(st, 1);
	f->unit_id = stmt_col_int64(st, 2);
	f->seq = (int)stmt_col_int64(st, 3);
	f->source = stmt_col_dup(st, 4, a);
	f->content = stmt_col_dup(st, 5, a);
	f->cause_kind = stmt_col_dup(st, 6, a);
	f->cause = stmt_col_dup(st, 7, a);
	f->addressee_kind = stmt_col_dup(st, 8, a);
	f->addressee = stmt_col_dup(st, 9, a);
	f->addressee_unit_id = stmt_col_int64(st, 10);
	f->remedy = stmt_col_dup(st, 11, a);
	f->deadline = stmt_col_dup(st, 12, a);
	f->done_date = stmt_col_dup(st, 13, a);
	f->live = stmt_col_int64(st, 14) != 0;
	f->status = task_status_of(f->deadline, f->done_date, asof);
	f->days_overdue = f->status == TS_OVERDUE ? date_days_between(f->deadline, asof) : 0;
}

/* Grow an arena array of n elements of size sz to hold one more. */
static void *grow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *nv;

	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	nv = arena_alloc(a, *cap * sz);
	if (n)
		memcpy(nv, v, n * sz);
	return nv;
}

static struct query Q_FINDING_ONE = {
	"SELECT " FINDING_COLS ", u.code, u.name, au.code, COALESCE(c.inspection_id, 0), i.title, c.number,"
	" c.state, COALESCE(c.version, 0), COALESCE(f.review_id, 0), COALESCE(rv.year, 0), COALESCE(f.origin_id, f.id)"
	" FROM finding f JOIN unit u ON u.id = f.unit_id LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" LEFT JOIN conclusion c ON c.id = f.conclusion_id LEFT JOIN inspection i ON i.id = c.inspection_id"
	" LEFT JOIN review rv ON rv.id = f.review_id WHERE f.id = $1",
	NULL, 0
};
static struct query Q_REPORTS = {
	"SELECT r.id, r.report_date, r.text, r.state, ra.display_name, da.display_name, r.decided_on, r.reason"
	" FROM finding_report r LEFT JOIN account ra ON ra.id = r.reported_by"
	" LEFT JOIN account da ON da.id = r.decided_by WHERE r.finding_id IN ($1, $2) ORDER BY r.id",
	NULL, 0
};
static struct query Q_EVIDENCE = {
	"SELECT e.report_id, e.hash, e.filename FROM finding_evidence e JOIN finding_report r ON r.id = e.report_id"
	" WHERE r.finding_id IN ($1, $2) ORDER BY e.report_id, e.filename",
	NULL, 0
};

static bool sees_drafts(const struct account *who)
{
	return !who || who->role == ROLE_ADMIN || who->role == ROLE_INSPECTOR || who->role == ROLE_LEADER;
}

enum app_err followup_finding_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				  const char *asof, struct finding_detail *out)
{
	char d[11];
	int64_t root = 0;
	const char *why;
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	if (!asof_date(asof, d))
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q_FINDING_ONE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		row_finding(st, a, d, &out->f);
		out->unit_code = stmt_col_dup(st, 15, a);
		out->unit_name = stmt_col_dup(st, 16, a);
		out->addressee_unit_code = stmt_col_dup(st, 17, a);
		out->inspection_id = stmt_col_int64(st, 18);
		out->inspection_title = stmt_col_dup(st, 19, a);
		out->conclusion_number = stmt_col_dup(st, 20, a);
		out->conclusion_state = stmt_col_dup(st, 21, a);
		out->conclusion_version = (int)stmt_col_int64(st, 22);
		out->review_id = stmt_col_int64(st, 23);
		out->review_year = (int)stmt_col_int64(st, 24);
		root = stmt_col_int64(st, 25);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	if ((e = model_may(s, who, out->f.unit_id, false, &why)) == APP_EDENIED && out->f.addressee_unit_id)
		e = model_may(s, who, out->f.addressee_unit_id, false, &why);
	if (e != APP_OK)
		return e;
	if (out->conclusion_state && strcmp(out->conclusion_state, "draft") == 0 && !sees_drafts(who))
		return APP_ENOTFOUND;

	if (!(st = store_stmt(s, &Q_REPORTS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	stmt_bind_int64(st, 2, root);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct finding_report_row *r;

		out->reports = grow(a, out->reports, out->nreports, &cap, sizeof(*out->reports));
		r = &out->reports[out->nreports++];
		memset(r, 0, sizeof(*r));
		r->id = stmt_col_int64(st, 0);
		r->report_date = stmt_col_dup(st, 1, a);
		r->text = stmt_col_dup(st, 2, a);
		r->state = stmt_col_dup(st, 3, a);
		r->reported_by = stmt_col_dup(st, 4, a);
		r->decided_by = stmt_col_dup(st, 5, a);
		r->decided_on = stmt_col_dup(st, 6, a);
		r->reason = stmt_col_dup(st, 7, a);
	}
	stmt_done(st);
	if (e != APP_OK || !out->nreports)
		return e;
	if (!(st = store_stmt(s, &Q_EVIDENCE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	stmt_bind_int64(st, 2, root);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		int64_t rid = stmt_col_int64(st, 0);

		for (size_t i = 0; i < out->nreports; i++) {
			struct finding_report_row *r = &out->reports[i];
			struct report_evidence *nv;

			if (r->id != rid)
				continue;
			nv = arena_alloc(a, (r->nev + 1) * sizeof(*nv));
			if (r->nev)
				memcpy(nv, r->ev, r->nev * sizeof(*nv));
			nv[r->nev].hash = stmt_col_dup(st, 1, a);
			nv[r->nev].filename = stmt_col_dup(st, 2, a);
			r->ev = nv;
			r->nev++;
			break;
		}
	}
	stmt_done(st);
	return e;
}

static struct query Q_EVIDENCE_ONE = {
	"SELECT r.finding_id, e.filename FROM finding_evidence e JOIN finding_report r ON r.id = e.report_id"
	" WHERE e.report_id = $1 AND e.hash = $2",
	NULL, 0
};

enum app_err followup_evidence_check(struct store *s, struct arena *a, const struct account *who, int64_t report_id,
				     const char *hash, const char **filename)
{
	struct finding_detail fd;
	struct stmt *st;
	int64_t fid = 0;
	bool row = false;
	enum app_err e;

	*filename = NULL;
	if (!(st = store_stmt(s, &Q_EVIDENCE_ONE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, report_id);
	stmt_bind_text(st, 2, hash);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		fid = stmt_col_int64(st, 0);
		*filename = stmt_col_dup(st, 1, a);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	return followup_finding_get(s, a, who, fid, NULL, &fd);
}

/* The unit and the units dissolved into it (as unit_predecessors): their open findings are its own now. */
static struct query Q_OPEN_UNIT = {
	"SELECT " FINDING_COLS
	", COALESCE(c.inspection_id, 0), i.title, COALESCE(f.review_id, 0), COALESCE(rv.year, 0),"
	" fu.name FROM finding f JOIN unit fu ON fu.id = f.unit_id LEFT JOIN unit au ON au.id = f.addressee_unit_id"
	" LEFT JOIN conclusion c ON c.id = f.conclusion_id LEFT JOIN inspection i ON i.id = c.inspection_id"
	" LEFT JOIN review rv ON rv.id = f.review_id"
	" WHERE f.unit_id IN (SELECT CAST($1 AS BIGINT) UNION SELECT id FROM unit WHERE successor_id = $1"
	"   UNION SELECT old_id FROM unit_successor WHERE new_id = $1)"
	" AND f.live = 1 AND (f.done_date IS NULL OR f.done_date > $2)"
	" ORDER BY f.deadline, f.id",
	NULL, 0
};

enum app_err followup_open_for_unit(struct store *s, struct arena *a, int64_t unit_id, const char *asof,
				    struct open_finding_list *out)
{
	char d[11];
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!asof_date(asof, d))
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q_OPEN_UNIT)))
		return APP_EDB;
	stmt_bind_int64(st, 1, unit_id);
	stmt_bind_text(st, 2, d);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct open_finding *o;

		out->v = grow(a, out->v, out->n, &cap, sizeof(*out->v));
		o = &out->v[out->n++];
		row_finding(st, a, d, &o->f);
		o->inspection_id = stmt_col_int64(st, 15);
		o->origin = stmt_col_dup(st, 16, a);
		o->review_id = stmt_col_int64(st, 17);
		o->review_year = (int)stmt_col_int64(st, 18);
		o->unit_name = stmt_col_dup(st, 19, a);
	}
	stmt_done(st);
	return e;
}

static struct query Q_REVIEW_ONE = {
	"SELECT r.id, r.unit_id, r.year, COALESCE(g.no, 0), u.code, u.name, g.name, g.lead_name, r.points,"
	" r.points_date, r.plan_text, r.plan_date,"
	" (SELECT COUNT(*) FROM finding f WHERE f.review_id = r.id),"
	" (SELECT COUNT(*) FROM finding f WHERE f.review_id = r.id AND (f.done_date IS NULL OR f.done_date > $2))"
	" FROM review r JOIN unit u ON u.id = r.unit_id LEFT JOIN review_group g ON g.id = r.group_id"
	" WHERE r.id = $1",
	NULL, 0
};
static struct query Q_REVIEW_FINDINGS = { "SELECT " FINDING_COLS
					  " FROM finding f LEFT JOIN unit au ON au.id = f.addressee_unit_id"
					  " WHERE f.review_id = $1 ORDER BY f.seq, f.id",
					  NULL, 0 };

enum app_err followup_review_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				 const char *asof, struct review *out, struct finding_list *findings)
{
	char d[11];
	const char *why;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	memset(out, 0, sizeof(*out));
	findings->v = NULL;
	findings->n = 0;
	if (!asof_date(asof, d))
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q_REVIEW_ONE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	stmt_bind_text(st, 2, d);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		out->id = stmt_col_int64(st, 0);
		out->unit_id = stmt_col_int64(st, 1);
		out->year = (int)stmt_col_int64(st, 2);
		out->group_no = (int)stmt_col_int64(st, 3);
		out->unit_code = stmt_col_dup(st, 4, a);
		out->unit_name = stmt_col_dup(st, 5, a);
		out->group_name = stmt_col_dup(st, 6, a);
		out->group_lead = stmt_col_dup(st, 7, a);
		out->points = stmt_col_dup(st, 8, a);
		out->points_date = stmt_col_dup(st, 9, a);
		out->plan_text = stmt_col_dup(st, 10, a);
		out->plan_date = stmt_col_dup(st, 11, a);
		out->findings = stmt_col_int64(st, 12);
		out->findings_open = stmt_col_int64(st, 13);
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	if ((e = model_may(s, who, out->unit_id, false, &why)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_REVIEW_FINDINGS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	return insp_collect(st, a, d, findings);
}

static struct query Q_GROUPS = { "SELECT id, year, no, name, lead_name FROM review_group WHERE year = $1 ORDER BY no",
				 NULL, 0 };

enum app_err followup_review_groups(struct store *s, struct arena *a, int year, struct review_group_list *out)
{
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!(st = store_stmt(s, &Q_GROUPS)))
		return APP_EDB;
	stmt_bind_int64(st, 1, year);
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct review_group_row *g;

		out->v = grow(a, out->v, out->n, &cap, sizeof(*out->v));
		g = &out->v[out->n++];
		g->id = stmt_col_int64(st, 0);
		g->year = (int)stmt_col_int64(st, 1);
		g->no = (int)stmt_col_int64(st, 2);
		g->name = stmt_col_dup(st, 3, a);
		g->lead_name = stmt_col_dup(st, 4, a);
	}
	stmt_done(st);
	return e;
}

static struct query Q_YEARS = { "SELECT year FROM review UNION SELECT year FROM review_group ORDER BY 1 DESC", NULL,
				0 };

enum app_err followup_review_years(struct store *s, struct arena *a, int **years, size_t *n)
{
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	*years = NULL;
	*n = 0;
	if (!(st = store_stmt(s, &Q_YEARS)))
		return APP_EDB;
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		*years = grow(a, *years, *n, &cap, sizeof(**years));
		(*years)[(*n)++] = (int)stmt_col_int64(st, 0);
	}
	stmt_done(st);
	return e;
}

static struct query Q_COMPLAINT_ONE = {
	"SELECT c.id, c.kind, c.unit_id, u.name, c.received, c.summary, c.handler, c.due, c.closed_on, c.outcome,"
	" r.source, c.state FROM complaint c JOIN unit u ON u.id = c.unit_id"
	" LEFT JOIN complaint_rule r ON r.id = c.rule_id WHERE c.id = $1",
	NULL, 0
};

enum app_err followup_complaint_get(struct store *s, struct arena *a, const struct account *who, int64_t id,
				    const char *asof, struct complaint *c)
{
	char d[11];
	const char *why, *state;
	struct stmt *st;
	bool row = false;
	enum app_err e;

	memset(c, 0, sizeof(*c));
	if (!asof_date(asof, d))
		return APP_EINVAL;
	if (!(st = store_stmt(s, &Q_COMPLAINT_ONE)))
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	if ((e = stmt_step(st, &row)) == APP_OK && row) {
		c->id = stmt_col_int64(st, 0);
		c->kind = strcmp(stmt_col_text(st, 1), "complaint") ? CK_DENUNCIATION : CK_COMPLAINT;
		c->unit_id = stmt_col_int64(st, 2);
		c->unit_name = stmt_col_dup(st, 3, a);
		c->received = stmt_col_dup(st, 4, a);
		c->summary = stmt_col_dup(st, 5, a);
		c->handler = stmt_col_dup(st, 6, a);
		c->due = stmt_col_dup(st, 7, a);
		c->closed_on = stmt_col_dup(st, 8, a);
		c->outcome = stmt_col_dup(st, 9, a);
		c->rule_source = stmt_col_dup(st, 10, a);
		state = stmt_col_text(st, 11);
		c->state = CS_OPEN;
		for (int k = 0; k < CS_COUNT; k++)
			if (state && !strcmp(state, complaint_state_code((enum complaint_state)k)))
				c->state = (enum complaint_state)k;
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!row)
		return APP_ENOTFOUND;
	if ((e = model_may(s, who, c->unit_id, false, &why)) != APP_OK)
		return e;
	/* as complaint_list: open as of d when not closed or closed after d; no due date (no rule): never overdue */
	bool open = !c->closed_on || strcmp(c->closed_on, d) > 0;
	const char *end = open ? d : c->closed_on;
	c->no_rule = c->due == NULL;
	c->overdue = !c->no_rule && strcmp(end, c->due) > 0;
	c->days_over = c->overdue ? date_days_between(c->due, end) : 0;
	return APP_OK;
}

static struct query Q_RULES = {
	"SELECT id, kind, days, source, valid_from FROM complaint_rule ORDER BY kind, valid_from", NULL, 0
};

enum app_err followup_complaint_rules(struct store *s, struct arena *a, struct complaint_rule_list *out)
{
	struct stmt *st;
	size_t cap = 0;
	bool row = false;
	enum app_err e;

	out->v = NULL;
	out->n = 0;
	if (!(st = store_stmt(s, &Q_RULES)))
		return APP_EDB;
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		struct complaint_rule_row *k;

		out->v = grow(a, out->v, out->n, &cap, sizeof(*out->v));
		k = &out->v[out->n++];
		k->id = stmt_col_int64(st, 0);
		k->kind = strcmp(stmt_col_text(st, 1), "complaint") ? CK_DENUNCIATION : CK_COMPLAINT;
		k->days = (int)stmt_col_int64(st, 2);
		k->source = stmt_col_dup(st, 3, a);
		k->valid_from = stmt_col_dup(st, 4, a);
	}
	stmt_done(st);
	return e;
}

const struct complaint_rule_row *followup_rule_in_force(const struct complaint_rule_list *l, enum complaint_kind kind,
							const char *date)
{
	const struct complaint_rule_row *best = NULL;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && strcmp(l->v[i].valid_from, date) <= 0 &&
		    (!best || strcmp(l->v[i].valid_from, best->valid_from) > 0))
			best = &l->v[i];
	return best;
}
