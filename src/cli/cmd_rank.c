/*
** giamsat rank ...: record a unit's place in a ranking (the risk score's
** ranking signal, model/risk.h) and list a unit's rankings, from scripts.
*/
#include "util/util.h"
#include "cli.h"

#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat rank set --year Y --unit CODE --index NAME --position P --of N --source T\n"
		"                        [--note T]\n"
		"       giamsat rank list --unit CODE\n\n"
		"set   record the unit's place P of N (1 = first) in the ranking NAME for year Y,\n"
		"      with the source that states it (required); a second setting for the same\n"
		"      unit and year replaces the first. Audited. The risk score uses the latest\n"
		"      ranking up to its year: place and fall since the one before.\n"
		"list  the unit's rankings, latest first (tab-separated: year, position, of,\n"
		"      index, source, note).\n\n"
		"Every command also takes --db DB (SQLite file or postgresql://..., default %s).\n"
		"Exit status: 0 ok, 1 refused or failed, 2 usage.\n",
		cli_default_db());
}

static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* After the sub-command, only "--x value" pairs. */
static bool args_ok(int argc, char **argv)
{
	for (int i = 2; i < argc; i += 2)
		if (strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc)
			return false;
	return true;
}

static bool int_opt(int argc, char **argv, const char *name, int *out)
{
	const char *v = opt(argc, argv, name);
	int64_t n;
	if (!v || !parse_int64(v, &n) || n < -1000000 || n > 1000000)
		return false;
	*out = (int)n;
	return true;
}

static int run(struct store *s, int argc, char **argv)
{
	const char *why = NULL;
	enum app_err e;

	if (!strcmp(argv[1], "set")) {
		struct risk_rank_new n = { .unit_code = opt(argc, argv, "--unit"),
					   .index_name = opt(argc, argv, "--index"),
					   .source = opt(argc, argv, "--source"),
					   .note = opt(argc, argv, "--note") };
		if (!int_opt(argc, argv, "--year", &n.year) || !int_opt(argc, argv, "--position", &n.position) ||
		    !int_opt(argc, argv, "--of", &n.of_n) || !n.unit_code) {
			usage(stderr);
			return 2;
		}
		if ((e = risk_rank_set(s, NULL, &n, &why)) != APP_OK) {
			fprintf(stderr, "giamsat rank set: %s\n", why ? why : app_err_name(e));
			return 1;
		}
		return 0;
	}
	if (!strcmp(argv[1], "list")) {
		const char *code = opt(argc, argv, "--unit");
		struct arena a;
		struct unit u;
		struct risk_rank_list l;
		int rc = 0;

		if (!code) {
			usage(stderr);
			return 2;
		}
		arena_init(&a);
		if ((e = unit_get_by_code(s, &a, code, &u)) != APP_OK) {
			fprintf(stderr, "giamsat rank list: %s\n",
				e == APP_ENOTFOUND ? "Đơn vị không tồn tại." : app_err_name(e));
			arena_release(&a);
			return 1;
		}
		if ((e = risk_rank_list(s, &a, NULL, u.id, &l)) != APP_OK) {
			fprintf(stderr, "giamsat rank list: %s\n", app_err_name(e));
			rc = 1;
		}
		for (size_t i = 0; rc == 0 && i < l.n; i++)
			printf("%d\t%d\t%d\t%s\t%s\t%s\n", l.v[i].year, l.v[i].position, l.v[i].of_n, l.v[i].index_name,
			       l.v[i].source, l.v[i].note ? l.v[i].note : "");
		arena_release(&a);
		return rc;
	}
	usage(stderr);
	return 2;
}

int cmd_rank(int argc, char **argv)
{
	const char *db;
	struct store *s;
	char *msg = NULL;
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (argc < 2 || !args_ok(argc, argv)) {
		usage(stderr);
		return 2;
	}
	db = opt(argc, argv, "--db") ? opt(argc, argv, "--db") : cli_default_db();
	if (store_open(db, &s, &msg) != APP_OK) {
		fprintf(stderr, "giamsat rank: cannot open %s: %s\n", db, msg ? msg : "error");
		free(msg);
		return 1;
	}
	if (store_migrate(s, NULL) != APP_OK) {
		fprintf(stderr, "giamsat rank: cannot migrate %s\n", db);
		store_close(s);
		return 1;
	}
	rc = run(s, argc, argv);
	store_close(s);
	return rc;
}
