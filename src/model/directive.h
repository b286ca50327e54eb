/*
** Directives (chương trình, nghị quyết, kế hoạch ... that a unit issues and
** others implement): a doc (model/doc.h) with a validated number, a period
** and typed links. The number is read with docnum_parse and stored in its
** canonical form together with its parts (system, kind, series, number),
** where the series is the committee term for party documents (numbered
** from 01 in each term, 36-HD/VPTW) and the calendar year for state
** documents (NĐ 30/2020). A (unit, system, kind, series, number) is unique,
** and the next free number is one indexed MAX. docs/cascade.md.
*/
#ifndef GIAMSAT_MODEL_DIRECTIVE_H
#define GIAMSAT_MODEL_DIRECTIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest/docnum.h"
#include "model/doc.h"
#include "util/util.h"

struct store;

enum doc_rel { REL_IMPLEMENTS = 0, REL_REPLACES, REL_GUIDES, REL_COUNT };

/* "implements", "replaces", "guides". */
const char *doc_rel_code(enum doc_rel r);
/* "Thực hiện", "Thay thế", "Hướng dẫn". */
const char *doc_rel_vi(enum doc_rel r);
bool doc_rel_parse(const char *code, enum doc_rel *out);

#define DIRECTIVE_MAX_LINKS 8

struct directive_new {
	const char *unit_code; /* issuer, required */
	const char *number;    /* required: any variant docnum_parse reads */
	const char *doc_date;  /* required: ISO or dd/mm/yyyy */
	const char *title;     /* required */
	const char *body, *source;
	const char *period_from, *period_to; /* optional; from <= to */
	const char *term;                    /* party: the committee term label ("2020-2025");
				     NULL: directive_term(doc_date) */
	struct {
		enum doc_rel rel;
		int64_t to_id; /* an existing doc */
	} links[DIRECTIVE_MAX_LINKS];
	int nlinks;
	bool demo;
};

/* What directive_add did to the number, for the interface. */
struct directive_result {
	int64_t id;
	struct docnum num; /* canonical parts and the notes on rewrites */
	char series[16];   /* term label or year */
};

/*
** Register a directive (doc + number parts + links) in one transaction.
** APP_EINVAL: *why (Vietnamese, static) says what is wrong (an unreadable
** number gives docnum_reason_vi of the reason); APP_EEXIST: the number is
** already taken in that series by that issuer. Nothing is stored on error.
*/
enum app_err directive_add(struct store *s, const struct directive_new *d, struct directive_result *res,
			   const char **why);

struct directive_link {
	enum doc_rel rel;
	int64_t doc_id;
	const char *number, *title;
	bool incoming; /* the other doc links to this one */
};

struct directive {
	struct doc doc;
	const char *period_from, *period_to; /* ISO or NULL */
	const char *system;                  /* "party", "state" or NULL (unparsed legacy doc) */
	const char *series;
	int64_t n;
	struct directive_link *links;
	size_t nlinks;
};

/* A directive by id with its links both ways; strings in a. */
enum app_err directive_get(struct store *s, struct arena *a, int64_t id, struct directive *out);

/*
** The doc id of the directive whose canonical number is that of number
** (any variant), latest date first when several terms reused it.
** APP_ENOTFOUND when none, APP_EINVAL when the number is unreadable.
*/
enum app_err directive_find(struct store *s, const char *number, int64_t *id);

/*
** The committee term of a date, written "YYYY-YYYY": terms begin with the
** congresses of 2020, 2025, 2030 ... and a term is taken to begin on 1
** October of the congress year (Hanoi's XVII congress closed 13/10/2020,
** XVIII in October 2025). Pass directive_new.term when a unit's term
** began elsewhere. False for a bad date.
*/
bool directive_term(const char *iso_date, char out[16]);

/*
** Read into their parts the numbers of unit_id's documents stored without
** them (by doc_add before migration 3, e.g. the demo), so that duplicates
** and next numbers see them. Unreadable numbers, undated documents and
** numbers that would duplicate another are left as they are. directive_add
** and directive_next_number run it for their issuer. *done may be NULL.
*/
enum app_err directive_backfill(struct store *s, int64_t unit_id, int64_t *done);

struct directive_summary {
	int64_t id, unit_id;
	const char *unit_code, *unit_name, *number, *doc_date, *title;
	const char *period_from, *period_to;
	int64_t nindicators, nplans;
};

struct directive_list {
	struct directive_summary *v;
	size_t n;
};

/*
** The directives that bind unit_id: those with indicators issued by the unit
** itself or by one of its ancestors, newest first, at most limit (<= 0:
** 100), with their number of indicators and of plans. Strings in a.
*/
enum app_err directive_list_for(struct store *s, struct arena *a, int64_t unit_id, int limit,
				struct directive_list *out);

/*
** The registered directives (numbers read into their parts) that unit_id
** issued itself and that have no indicator yet, newest first, at most
** limit (<= 0: 100): the issuer's work list before the directive binds
** anyone. nindicators is 0. Strings in a.
*/
enum app_err directive_list_bare(struct store *s, struct arena *a, int64_t unit_id, int limit,
				 struct directive_list *out);

struct next_number_req {
	const char *unit_code; /* issuer */
	enum docnum_system system;
	const char *kind;   /* "CTr", "KH", "QD" (any case/diacritics) */
	const char *symbol; /* issuer abbreviation; NULL: by unit kind
				     (party: TU, HU, ĐU; state: UBND) */
	const char *date;   /* date of the new document; NULL: today */
	const char *term;   /* party: explicit term; NULL: directive_term */
};

/*
** The next free number for a new document: 1 + the highest number the
** issuer used for that kind in that term (party) or year (state). out gets
** its canonical form; *why (static) on APP_EINVAL.
*/
enum app_err directive_next_number(struct store *s, const struct next_number_req *r, struct docnum *out,
				   char series[16], const char **why);

#endif
