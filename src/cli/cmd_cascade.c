/*
** Cascade commands for scripts: `giamsat plan import|export|coverage` and
** `giamsat doc next-number` (model/plan.h, coverage.h, directive.h).
*/
#include "util/util.h"
#include "cli.h"

#include "ingest/idoc.h"
#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/unit.h"
#include "render/cascade_xlsx.h"
#include "store/store.h"

static void plan_usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat plan import FILE --unit CODE --directive NUMBER [--title T] [--date DATE] [--db DB]\n"
		"       giamsat plan export --unit CODE --directive NUMBER --out FILE.xlsx|FILE.docx [--db DB]\n"
		"       giamsat plan coverage --directive NUMBER [--unit CODE] [--children] [--out FILE.xlsx] [--db DB]\n"
		"       giamsat plan progress --directive NUMBER --period P [--unit CODE] [--out FILE.xlsx] [--db DB]\n\n"
		"import: store a plan file (.docx, .xlsx, text) as the unit's draft plan for the\n"
		"        directive, all tasks or none: a bad row refuses the file, naming the row.\n"
		"export: write the unit's plan to .xlsx (Vietnamese headers, dd/mm/yyyy) or,\n"
		"        for a .docx name, as a party document (36-HD/VPTW) with the task table.\n"
		"coverage: adopted/applicable indicators of every unit under CODE (default: the\n"
		"        directive's issuer), worst first; --children: its direct subordinates\n"
		"        only; --out writes .xlsx.\n"
		"progress: each indicator rolled up for period P (2022, 2022-Q1, 2022-06) per\n"
		"        child of CODE (default: the issuer) and for CODE itself.\n"
		"--db DB: SQLite file or postgresql://... (default %s)\n",
		cli_default_db());
}

struct opts {
	const char *db, *unit, *directive, *out, *title, *date, *file, *period;
	bool children;
};

static int parse(int argc, char **argv, int from, struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->db = cli_default_db();
	for (int i = from; i < argc; i++) {
		const char **slot = NULL;
		if (strcmp(argv[i], "--db") == 0)
			slot = &o->db;
		else if (strcmp(argv[i], "--unit") == 0)
			slot = &o->unit;
		else if (strcmp(argv[i], "--directive") == 0)
			slot = &o->directive;
		else if (strcmp(argv[i], "--out") == 0)
			slot = &o->out;
		else if (strcmp(argv[i], "--title") == 0)
			slot = &o->title;
		else if (strcmp(argv[i], "--date") == 0)
			slot = &o->date;
		else if (strcmp(argv[i], "--period") == 0)
			slot = &o->period;
		if (strcmp(argv[i], "--children") == 0) {
			o->children = true;
			continue;
		}
		if (slot) {
			if (i + 1 >= argc)
				return 2;
			*slot = argv[++i];
		} else if (argv[i][0] == '-' || o->file)
			return 2;
		else
			o->file = argv[i];
	}
	return 0;
}

static void progress(size_t done, size_t total, void *arg)
{
	(void)arg;
	fprintf(stderr, "\r%zu/%zu tasks", done, total);
}

static struct store *open_db(const char *db)
{
	struct store *s = NULL;
	char *msg = NULL;

	if (store_open(db, &s, &msg) != APP_OK || store_migrate(s, NULL) != APP_OK) {
		fprintf(stderr, "giamsat plan: cannot open %s: %s\n", db, msg ? msg : "migration failed");
		free(msg);
		store_close(s);
		return NULL;
	}
	return s;
}

int cmd_plan_db(int argc, char **argv)
{
	struct opts o;
	struct store *s;
	struct arena a;
	struct unit u;
	int64_t dir = 0, pid = 0;
	int rc = 1;
	const char *sub = argv[1];

	if (cli_wants_help(argc, argv)) {
		plan_usage(stdout);
		return 0;
	}
	if (parse(argc, argv, 2, &o) != 0 || !o.directive ||
	    (strcmp(sub, "coverage") != 0 && strcmp(sub, "progress") != 0 && !o.unit) ||
	    (strcmp(sub, "progress") == 0 && !o.period) || (strcmp(sub, "import") == 0 && !o.file) ||
	    (strcmp(sub, "export") == 0 && !o.out)) {
		plan_usage(stderr);
		return 2;
	}
	if (!(s = open_db(o.db)))
		return 1;
	arena_init(&a);
	if (directive_find(s, o.directive, &dir) != APP_OK) {
		fprintf(stderr, "giamsat plan: no directive numbered %s\n", o.directive);
		goto out;
	}
	if (o.unit && unit_get_by_code(s, &a, o.unit, &u) != APP_OK) {
		fprintf(stderr, "giamsat plan: no unit %s\n", o.unit);
		goto out;
	}
	if (strcmp(sub, "import") == 0) {
		struct idoc d;
		struct plan_import_error err;
		struct plan_new p = { .unit_code = o.unit,
				      .directive_id = dir,
				      .title = o.title ? o.title : "Kế hoạch thực hiện",
				      .plan_date = o.date };
		char today[11];
		const char *why;
		size_t n = 0;
		enum app_err e;

		if (!p.plan_date) {
			date_today(today);
			p.plan_date = today;
		}
		if ((e = idoc_read_file(o.file, &d, &why)) != APP_OK) {
			fprintf(stderr, "giamsat plan import: %s: %s\n", o.file, why ? why : app_err_name(e));
			goto out;
		}
		e = plan_import(s, NULL, &p, &d, &pid, &n, progress, NULL, &err);
		idoc_release(&d);
		if (e != APP_OK) {
			fprintf(stderr, "giamsat plan import: %s: refused, nothing stored: %s\n", o.file,
				err.vi[0] ? err.vi : app_err_name(e));
			goto out;
		}
		printf("plan %lld: %zu tasks imported as a draft\n", (long long)pid, n);
		rc = 0;
	} else if (strcmp(sub, "export") == 0) {
		struct plan p;
		if (plan_find(s, u.id, dir, &pid) != APP_OK || plan_get(s, &a, pid, &p) != APP_OK) {
			fprintf(stderr, "giamsat plan export: %s has no plan for %s\n", o.unit, o.directive);
			goto out;
		}
		size_t ol = strlen(o.out);
		bool docx = ol > 5 && strcmp(o.out + ol - 5, ".docx") == 0;
		if ((docx ? cascade_docx_plan(&p, NULL, o.out) : cascade_xlsx_plan(&p, o.out)) != APP_OK) {
			fprintf(stderr, "giamsat plan export: cannot write %s\n", o.out);
			goto out;
		}
		rc = 0;
	} else if (strcmp(sub, "progress") == 0) {
		struct indicator_list inds;
		struct rollup_children *kids;
		struct rollup *tot;
		int64_t scope = o.unit ? u.id : 0;
		struct directive dv;
		if (!scope) {
			if (directive_get(s, &a, dir, &dv) != APP_OK)
				goto out;
			scope = dv.doc.unit_id;
		}
		if (indicator_list(s, &a, dir, &inds) != APP_OK)
			goto out;
		kids = arena_alloc(&a, (inds.n + 1) * sizeof(*kids));
		tot = arena_alloc(&a, (inds.n + 1) * sizeof(*tot));
		for (size_t i = 0; i < inds.n; i++) {
			if (progress_rollup_children(s, &a, inds.v[i].id, scope, o.period, &kids[i]) != APP_OK ||
			    progress_rollup(s, inds.v[i].id, scope, o.period, &tot[i]) != APP_OK) {
				fprintf(stderr, "giamsat plan progress: failed\n");
				goto out;
			}
			printf("%-8s %s: %s", inds.v[i].code, inds.v[i].name, tot[i].has_value ? "" : "-\n");
			if (tot[i].has_value)
				printf("%g (%lld units reporting, %lld meet their target)\n", tot[i].value,
				       (long long)tot[i].reporting, (long long)tot[i].met);
		}
		if (o.out) {
			struct unit su;
			if (unit_get(s, &a, scope, &su) != APP_OK ||
			    cascade_xlsx_progress(&inds, kids, tot, su.name, o.period, o.out) != APP_OK) {
				fprintf(stderr, "giamsat plan progress: cannot write %s\n", o.out);
				goto out;
			}
		}
		rc = 0;
	} else {
		struct coverage_list l;
		struct directive dv;
		char ratio[32];
		if ((o.children ? coverage_children : coverage_city)(s, &a, dir, o.unit ? u.id : 0, &l) != APP_OK ||
		    directive_get(s, &a, dir, &dv) != APP_OK) {
			fprintf(stderr, "giamsat plan coverage: failed\n");
			goto out;
		}
		for (size_t i = 0; i < l.n; i++) {
			coverage_ratio(&l.v[i], ratio, sizeof(ratio));
			printf("%-8s %-12s %s unmeasurable=%d weaker=%d %s\n", ratio, l.v[i].unit_code,
			       l.v[i].has_plan ? "plan   " : "no-plan", l.v[i].unmeasurable, l.v[i].weaker,
			       l.v[i].unit_name);
		}
		if (o.out && cascade_xlsx_coverage(&l, dv.doc.number, dv.doc.title, o.out) != APP_OK) {
			fprintf(stderr, "giamsat plan coverage: cannot write %s\n", o.out);
			goto out;
		}
		rc = 0;
	}
out:
	arena_release(&a);
	store_close(s);
	return rc;
}

static void doc_usage(FILE *f)
{
	fprintf(f, "usage: giamsat doc next-number --issuer CODE --kind KIND [--state] [--symbol SYM]\n"
		   "                                [--date DATE] [--term YYYY-YYYY] [--db DB]\n"
		   "       giamsat doc add --issuer CODE --number N --date DATE --title T [--from DATE]\n"
		   "                       [--to DATE] [--implements N] [--term YYYY-YYYY] [--db DB]\n"
		   "       giamsat doc indicator --directive N --code C --name NAME --measure M\n"
		   "                       (--target X | --monitor) [--down] [--baseline X] [--period year]\n"
		   "                       [--agg sum] [--scale X] [--kinds commune,district] [--db DB]\n\n"
		   "add: register a directive; its number is read in any variant and stored in\n"
		   "the canonical form, which is printed with the notes on what was rewritten.\n"
		   "indicator: add an indicator to a directive (periods month, quarter, year,\n"
		   "term; rules sum, mean, wmean, ratio, min, max, all_met).\n\n"
		   "Print the next free number of a document: party documents are numbered per\n"
		   "issuer, kind and committee term (01-CTr/TU), state documents (--state) per\n"
		   "issuer, kind and calendar year (167/KH-UBND). --symbol overrides the issuer\n"
		   "abbreviation (default by unit kind: TU, HU, ĐU; state: UBND).\n");
}

static bool parse_double(const char *s, double *out)
{
	char *end;
	if (!s || !*s)
		return false;
	*out = strtod(s, &end);
	return *end == '\0';
}

/* Value of option name in argv (NULL if absent); flags have no value. */
static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static bool flag(int argc, char **argv, const char *name)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

static int doc_add_cmd(int argc, char **argv)
{
	const char *db = opt(argc, argv, "--db") ? opt(argc, argv, "--db") : cli_default_db(), *why = NULL;
	const char *impl = opt(argc, argv, "--implements");
	struct directive_new d = { .unit_code = opt(argc, argv, "--issuer"),
				   .number = opt(argc, argv, "--number"),
				   .doc_date = opt(argc, argv, "--date"),
				   .title = opt(argc, argv, "--title"),
				   .period_from = opt(argc, argv, "--from"),
				   .period_to = opt(argc, argv, "--to"),
				   .term = opt(argc, argv, "--term") };
	struct directive_result r;
	struct store *s;
	enum app_err e;

	if (!d.unit_code || !d.number || !d.doc_date || !d.title) {
		doc_usage(stderr);
		return 2;
	}
	if (!(s = open_db(db)))
		return 1;
	if (impl) {
		e = directive_find(s, impl, &d.links[0].to_id);
		if (e != APP_OK) {
			fprintf(stderr, "giamsat doc add: no document numbered %s\n", impl);
			store_close(s);
			return 1;
		}
		d.links[0].rel = REL_IMPLEMENTS;
		d.nlinks = 1;
	}
	e = directive_add(s, &d, &r, &why);
	store_close(s);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat doc add: %s: %s\n", d.number, why ? why : app_err_name(e));
		return 1;
	}
	printf("%lld\t%s\t%s\n", (long long)r.id, r.num.canonical, r.series);
	for (int i = 0; i < r.num.nnotes; i++)
		printf("note: %s\n", docnum_reason_en(r.num.notes[i]));
	return 0;
}

static int doc_indicator_cmd(int argc, char **argv)
{
	const char *db = opt(argc, argv, "--db") ? opt(argc, argv, "--db") : cli_default_db(), *why = NULL;
	const char *dirnum = opt(argc, argv, "--directive"), *v;
	struct indicator_new n = { .code = opt(argc, argv, "--code"),
				   .name = opt(argc, argv, "--name"),
				   .measure = opt(argc, argv, "--measure"),
				   .period = PER_YEAR,
				   .agg = AGG_SUM,
				   .dir = flag(argc, argv, "--down") ? IND_DOWN : IND_UP,
				   .monitor_only = flag(argc, argv, "--monitor") };
	struct store *s;
	int64_t id = 0;
	enum app_err e;

	if (!dirnum || !n.code || !n.name || !n.measure) {
		doc_usage(stderr);
		return 2;
	}
	if ((v = opt(argc, argv, "--target")) && !(n.has_target = parse_double(v, &n.target)))
		goto bad;
	if ((v = opt(argc, argv, "--baseline")) && !(n.has_baseline = parse_double(v, &n.baseline)))
		goto bad;
	if ((v = opt(argc, argv, "--scale")) && !parse_double(v, &n.scale))
		goto bad;
	if ((v = opt(argc, argv, "--period")) && !ind_period_parse(v, &n.period))
		goto bad;
	if ((v = opt(argc, argv, "--agg")) && !ind_agg_parse(v, &n.agg))
		goto bad;
	if ((v = opt(argc, argv, "--kinds"))) {
		char *k = xstrdup(v), *save = NULL;
		for (char *t = strtok_r(k, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			enum unit_kind uk;
			if (!unit_kind_parse(t, &uk)) {
				free(k);
				goto bad;
			}
			n.kinds |= 1u << uk;
		}
		free(k);
	}
	if (!(s = open_db(db)))
		return 1;
	if ((e = directive_find(s, dirnum, &n.directive_id)) != APP_OK) {
		fprintf(stderr, "giamsat doc indicator: no directive numbered %s (%s)\n", dirnum, app_err_name(e));
		store_close(s);
		return 1;
	}
	e = indicator_add(s, &n, &id, &why);
	store_close(s);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat doc indicator: %s: %s\n", n.code, why ? why : app_err_name(e));
		return 1;
	}
	printf("%lld\n", (long long)id);
	return 0;
bad:
	fprintf(stderr, "giamsat doc indicator: bad value '%s'\n", v);
	return 2;
}

int cmd_doc(int argc, char **argv)
{
	struct next_number_req q = { .system = DOCNUM_PARTY };
	const char *db = cli_default_db(), *why = NULL;
	struct store *s;
	struct docnum n;
	char series[16];
	enum app_err e;

	if (cli_wants_help(argc, argv)) {
		doc_usage(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return doc_add_cmd(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "indicator") == 0)
		return doc_indicator_cmd(argc, argv);
	if (argc < 2 || strcmp(argv[1], "next-number") != 0) {
		doc_usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		const char **slot = NULL;
		if (strcmp(argv[i], "--state") == 0) {
			q.system = DOCNUM_STATE;
			continue;
		}
		if (strcmp(argv[i], "--db") == 0)
			slot = &db;
		else if (strcmp(argv[i], "--issuer") == 0)
			slot = &q.unit_code;
		else if (strcmp(argv[i], "--kind") == 0)
			slot = &q.kind;
		else if (strcmp(argv[i], "--symbol") == 0)
			slot = &q.symbol;
		else if (strcmp(argv[i], "--date") == 0)
			slot = &q.date;
		else if (strcmp(argv[i], "--term") == 0)
			slot = &q.term;
		if (!slot || i + 1 >= argc) {
			doc_usage(stderr);
			return 2;
		}
		*slot = argv[++i];
	}
	if (!q.unit_code || !q.kind) {
		doc_usage(stderr);
		return 2;
	}
	if (!(s = open_db(db)))
		return 1;
	e = directive_next_number(s, &q, &n, series, &why);
	store_close(s);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat doc next-number: %s\n", why ? why : app_err_name(e));
		return 1;
	}
	printf("%s\t%s\n", n.canonical, series);
	return 0;
}
