/* giamsat audit verify: walk the audit log's hash chain. */
#include "util/util.h"
#include "cli.h"

#include "model/audit.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat audit verify [--db DB]\n\n"
		"Check the hash chain of the audit log: every change to inspections,\n"
		"findings, reviews, complaints and accounts is an entry whose hash covers\n"
		"the previous entry's. Reports the first entry that was altered, inserted\n"
		"or deleted outside giamsat, and prints the head hash: keep it elsewhere to\n"
		"detect later deletion of the newest entries.\n\n"
		"  --db DB   SQLite file or postgresql://... (default %s)\n\n"
		"Exit status: 0 intact, 1 broken or the database cannot be read, 2 usage.\n",
		cli_default_db());
}

int cmd_audit(int argc, char **argv)
{
	const char *db = cli_default_db();
	struct store *s;
	struct audit_verify v;
	char *msg = NULL, hex[2 * AUDIT_HASH_LEN + 1];
	enum app_err e;
	int applied;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
		} else {
			fprintf(stderr, "giamsat audit: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (store_open(db, &s, &msg) != APP_OK) {
		fprintf(stderr, "giamsat audit: cannot open %s: %s\n", db, msg ? msg : "error");
		free(msg);
		return 1;
	}
	e = store_migrate(s, &applied);
	if (e == APP_OK)
		e = audit_verify(s, &v);
	store_close(s);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat audit: cannot read the audit log (%s)\n", app_err_name(e));
		return 1;
	}
	for (int i = 0; i < AUDIT_HASH_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", v.head[i]);
	if (v.broken_at) {
		printf("audit log BROKEN at entry %lld: %s\n", (long long)v.broken_at, v.reason);
		return 1;
	}
	printf("audit log intact: %lld entries, head %s\n", (long long)v.entries, hex);
	return 0;
}
