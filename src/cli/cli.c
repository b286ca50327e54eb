/* Sub-command table and global help. */
#include "util/util.h"
#include "cli.h"

struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
};

static const struct command COMMANDS[] = {
	{ "serve", cmd_serve, "serve the web interface and the JSON API" },
	{ "migrate", cmd_migrate, "create or upgrade the database schema" },
	{ "demo", cmd_demo, "build a database with the Hanoi demo data" },
	{ "import", cmd_import, "import administrative units from CSV" },
	{ "user", cmd_user, "add, list, disable accounts; set passwords" },
	{ "reuse", cmd_reuse, "find text copied into a plan (index, check)" },
	{ "audit", cmd_audit, "verify the hash chain of the audit log" },
	{ "plan", cmd_plan, "check a plan file: the five \"rõ\" of every task" },
	{ "doc", cmd_doc, "directives: add, indicators, the next free number" },
	{ "inspect", cmd_inspect, "inspections: add, conclude, findings, overdue list, risk" },
	{ "rank", cmd_rank, "rankings of units for the risk score: set, list" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: giamsat COMMAND [OPTIONS]\n\n"
		   "giamsat: oversight of programmes, plans, inspections and reviews.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(COMMANDS); i++)
		fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
	fprintf(f,
		"\nRun 'giamsat COMMAND --help' for the options of one command.\n"
		"The database is --db FILE (SQLite, default %s) or\n"
		"--db postgresql://... (PostgreSQL).\n",
		cli_default_db());
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

const char *cli_default_db(void)
{
	return "giamsat.db";
}

char *cli_reuse_dir(const char *db, const char *explicit_dir)
{
	const char *env = getenv("GIAMSAT_REUSE_INDEX");

	if (explicit_dir && *explicit_dir)
		return xstrdup(explicit_dir);
	if (env && *env)
		return xstrdup(env);
	if (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0)
		return xstrdup("giamsat-reuse");
	return xasprintf("%s.reuse", db);
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(COMMANDS); i++)
		if (strcmp(argv[1], COMMANDS[i].name) == 0)
			return COMMANDS[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "giamsat: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
