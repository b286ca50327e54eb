/*
** Organisation units and their history. A unit has a code, a name, a kind,
** a parent, a validity interval and, once dissolved or merged, a successor.
** Every record that a unit owns carries the unit, so access checks and
** roll-ups are subtree queries. Rules only: SQL lives in the store.
*/
#ifndef GIAMSAT_MODEL_UNIT_H
#define GIAMSAT_MODEL_UNIT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

struct store;

enum unit_kind {
	UNIT_CITY = 0,    /* Thành ủy: the city committee */
	UNIT_SUBORDINATE, /* đảng bộ trực thuộc (other subordinate committees) */
	UNIT_COMMUNE,     /* đảng ủy xã/phường (commune or ward committee) */
	UNIT_AGENCY,      /* đảng ủy cơ quan (agency committee) */
	UNIT_CELL,        /* chi bộ (cell) */
	UNIT_DISTRICT,    /* huyện/quận/thị ủy before 1/7/2025 */
	UNIT_KIND_COUNT
};

/* "city", "subordinate", "commune", "agency", "cell", "district". */
const char *unit_kind_code(enum unit_kind k);
/* Vietnamese name for the interface: "Thành ủy", "Đảng ủy xã, phường", ... */
const char *unit_kind_vi(enum unit_kind k);
bool unit_kind_parse(const char *code, enum unit_kind *out);

/* A unit as read from the store; strings live in the arena given. */
struct unit {
	int64_t id;
	const char *code; /* unique: GSO code or an internal code */
	const char *name; /* full name, NFC */
	enum unit_kind kind;
	int64_t parent_id;       /* 0 for the root */
	const char *parent_code; /* NULL for the root */
	const char *parent_name;
	const char *valid_from; /* ISO date or NULL (always) */
	const char *valid_to;   /* ISO date or NULL (still valid) */
	int64_t successor_id;   /* 0 if none */
	const char *successor_code;
	const char *successor_name;
	bool demo;           /* created by `giamsat demo` */
	int64_t child_count; /* filled by unit_children/unit_search */
};

struct unit_list {
	struct unit *v;
	size_t n;
};

/* New unit: code, name and kind required; parent by code (NULL for root). */
struct unit_new {
	const char *code, *name;
	enum unit_kind kind;
	const char *parent_code;
	const char *valid_from, *valid_to;
	const char *successor_code;
	bool demo;
};

/*
** Insert a unit. APP_EINVAL when a field is bad or the parent (or successor)
** does not exist (*why gets a Vietnamese reason, static), APP_EEXIST when
** the code is taken.
*/
enum app_err unit_add(struct store *s, const struct unit_new *u, int64_t *id, const char **why);

/*
** Record that old_id went (wholly when full, else partly) into new_id. A
** unit may have several successors (a district split among wards); the
** first full one also becomes its successor_id. APP_EEXIST if recorded.
*/
enum app_err unit_add_successor(struct store *s, int64_t old_id, int64_t new_id, bool full);

/* True when code is a valid unit code: 1..64 of [A-Za-z0-9._-]. */
bool unit_code_valid(const char *code);

enum app_err unit_get(struct store *s, struct arena *a, int64_t id, struct unit *out);
enum app_err unit_get_by_code(struct store *s, struct arena *a, const char *code, struct unit *out);
/* The root (the unit without a parent that is still valid; the first one). */
enum app_err unit_root(struct store *s, struct arena *a, struct unit *out);

/*
** Children of a unit: the current ones first, then the dissolved ones, each
** group in Vietnamese order; child_count filled. Strings in the arena.
*/
enum app_err unit_children(struct store *s, struct arena *a, int64_t id, struct unit_list *out);
/* Units dissolved into this one (their successor is id), in Vietnamese order. */
enum app_err unit_predecessors(struct store *s, struct arena *a, int64_t id, struct unit_list *out);
/*
** Units that took over id when it was dissolved or merged (its successor_id
** and every unit_successor link: a district went to several wards), in
** Vietnamese order.
*/
enum app_err unit_successors(struct store *s, struct arena *a, int64_t id, struct unit_list *out);
/* Ancestors from the root down to the parent of id (empty for a root). */
enum app_err unit_path(struct store *s, struct arena *a, int64_t id, struct unit_list *out);

/*
** Search by name or code, ignoring case and diacritics ("thuong tin" finds
** "Thường Tín"), only inside the subtree of scope_id (0: everywhere) and
** among the dissolved units whose successor lies in it, at most limit
** results (<= 0: 50, at most 500), in Vietnamese order. An empty query
** finds nothing; invalid UTF-8 or more than UNIT_SEARCH_MAX bytes is
** APP_EINVAL.
*/
#define UNIT_SEARCH_MAX 256
enum app_err unit_search(struct store *s, struct arena *a, const char *q, int64_t scope_id, int limit,
			 struct unit_list *out);

/*
** True when unit id lies in the subtree of ancestor: itself, a descendant,
** or a dissolved unit whose successor lies in that subtree (so an old
** district's records stay readable under the ward that took them over).
*/
enum app_err unit_within(struct store *s, int64_t id, int64_t ancestor, bool *out);

/*
** Import administrative units from CSV with the columns of shared/data/admin
** (code,name,short_name,type,level,parent_code,province_code), all rows or
** none: on a bad row nothing is stored and *why names the row and reason
** (malloc'd, Vietnamese for the interface; English on the CLI is the
** caller's). valid_from and valid_to apply to every row (ISO date or NULL).
** A list imported with valid_to (a past state) gets codes CODE-YYYY (the
** year of valid_to), since GSO codes are reused by the units that followed.
*/
enum app_err unit_import_csv(struct store *s, const char *csv, size_t len, const char *valid_from, const char *valid_to,
			     int64_t *imported, char **why);

/* The general form that unit_import_csv and `giamsat demo` use. */
struct unit_import_opts {
	const char *valid_from, *valid_to; /* ISO or dd/mm/yyyy, or NULL */
	const char *province;              /* only rows whose province_code is this (NULL: all) */
	const char *root_code;             /* an existing unit that stands for the province: its
				  row is skipped and its children hang under root_code */
	bool party_names;                  /* name units as party committees: "Huyện ủy Thường Tín",
				  "Đảng ủy xã Nhị Khê" (short_name column required) */
	bool demo;
};
/* Why an import was refused: the spreadsheet row (header = 1) and reasons. */
struct unit_import_error {
	size_t row;   /* 0 when not about one row */
	char en[300]; /* English, for the command line */
	char vi[300]; /* Vietnamese, for the interface */
};
enum app_err unit_import(struct store *s, const char *csv, size_t len, const struct unit_import_opts *o,
			 int64_t *imported, struct unit_import_error *err);
/*
** Successor links from a merge table with the columns old_code, new_code,
** kind (full|partial) and optionally old_district_code, old_province_code
** (merge_2025_communes.csv). Old codes are looked up as imported with
** old_valid_to (CODE-YYYY); an old district gets a link to every unit its
** communes went to. Links whose old or new unit is not in the store are
** counted in *skipped. All links or none; a malformed file or a link stored
** already refuses the file (err names the row).
*/
enum app_err unit_import_merges(struct store *s, const char *csv, size_t len, const char *old_valid_to,
				const char *province, int64_t *linked, int64_t *skipped, struct unit_import_error *err);
/* The code a unit of this list gets: CODE, or CODE-YYYY when valid_to is set. */
char *unit_import_code(const char *code, const char *valid_to);

#endif
