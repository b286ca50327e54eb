/*
** Database sub-commands: migrate, demo, import units, user add|passwd|list|
** disable|enable. Messages to the operator are English; passwords come from
** standard input (one line), never from arguments.
*/
#include "util/util.h"
#include "cli.h"

#include <sodium.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "model/account.h"
#include "model/demo.h"
#include "model/doc_reuse.h"
#include "model/unit.h"
#include "store/store.h"

/* ---- option parsing: --name VALUE or --name=VALUE, flags, positionals ---- */

struct opt {
	const char *name;  /* "--db" */
	bool flag;         /* takes no value */
	const char *value; /* parsed value, or "1" for a set flag */
};

/*
** Parse argv[1..]: options into opts, the rest into pos (at most maxpos).
** Returns false with a message on stderr for an unknown option, a missing
** value or too many positionals.
*/
static bool parse(const char *cmd, int argc, char **argv, struct opt *opts, size_t nopts, const char **pos,
		  size_t maxpos, size_t *npos)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool matched = false;

		if (strncmp(a, "--", 2) == 0 && a[2]) {
			for (size_t k = 0; k < nopts; k++) {
				size_t len = strlen(opts[k].name);
				if (strncmp(a, opts[k].name, len) != 0 || (a[len] && a[len] != '='))
					continue;
				matched = true;
				if (opts[k].flag) {
					if (a[len] == '=') {
						fprintf(stderr, "giamsat %s: %s takes no value\n", cmd, opts[k].name);
						return false;
					}
					opts[k].value = "1";
				} else if (a[len] == '=') {
					opts[k].value = a + len + 1;
				} else if (i + 1 < argc) {
					opts[k].value = argv[++i];
				} else {
					fprintf(stderr, "giamsat %s: %s needs a value\n", cmd, opts[k].name);
					return false;
				}
				break;
			}
			if (!matched) {
				fprintf(stderr, "giamsat %s: unknown option %s (see --help)\n", cmd, a);
				return false;
			}
			continue;
		}
		if (*npos == maxpos) {
			fprintf(stderr, "giamsat %s: unexpected argument '%s' (see --help)\n", cmd, a);
			return false;
		}
		pos[(*npos)++] = a;
	}
	return true;
}

static struct store *open_store(const char *cmd, const char *db, bool migrate)
{
	struct store *s = NULL;
	char *msg = NULL;
	int applied = 0;
	enum app_err e = store_open(db, &s, &msg);

	if (e != APP_OK) {
		fprintf(stderr, "giamsat %s: %s\n", cmd, msg ? msg : "cannot open the database");
		free(msg);
		return NULL;
	}
	if (migrate && (e = store_migrate(s, &applied)) != APP_OK) {
		if (e == APP_ECONFLICT)
			fprintf(stderr, "giamsat %s: the database was upgraded by a newer giamsat; use that one\n",
				cmd);
		else
			fprintf(stderr, "giamsat %s: migrating the schema failed (%s)\n", cmd, app_err_name(e));
		store_close(s);
		return NULL;
	}
	return s;
}

/* After units exist: create the first administrator if there is none yet. */
static void bootstrap_admin(struct store *s)
{
	char *gen = NULL;
	enum app_err e = account_bootstrap_admin(s, &gen);

	if (e == APP_OK && gen) {
		printf("Administrator account created: login admin, password %s\n"
		       "(shown once; change it with 'giamsat user passwd admin')\n",
		       gen);
		sodium_memzero(gen, strlen(gen));
		free(gen);
	} else if (e == APP_OK) {
		printf("Administrator account created: login admin, password from GIAMSAT_ADMIN_PASSWORD\n");
	}
}

/* ---- migrate ---- */

int cmd_migrate(int argc, char **argv)
{
	struct opt opts[] = { { "--db", false, NULL } };
	const char *pos[1];
	size_t npos;
	struct store *s;
	int applied = 0, version = 0;
	enum app_err e;

	if (cli_wants_help(argc, argv)) {
		printf("usage: giamsat migrate [--db DB]\n\n"
		       "Create or upgrade the database schema (idempotent). DB is a SQLite file\n"
		       "(default %s) or a postgresql:// URL. When units exist and there is no\n"
		       "administrator yet, creates login 'admin' with the password in\n"
		       "GIAMSAT_ADMIN_PASSWORD, or a generated one printed once.\n",
		       cli_default_db());
		return 0;
	}
	if (!parse("migrate", argc, argv, opts, ARRAY_SIZE(opts), pos, 0, &npos))
		return 2;
	if (!(s = open_store("migrate", opts[0].value ? opts[0].value : cli_default_db(), false)))
		return 1;
	if ((e = store_migrate(s, &applied)) != APP_OK || (e = store_version(s, &version)) != APP_OK) {
		if (e == APP_ECONFLICT)
			fprintf(stderr,
				"giamsat migrate: the database was upgraded by a newer giamsat; use that one\n");
		else
			fprintf(stderr, "giamsat migrate: failed (%s)\n", app_err_name(e));
		store_close(s);
		return 1;
	}
	printf("schema version %d (%d migration%s applied)\n", version, applied, applied == 1 ? "" : "s");
	{
		struct arena a;
		struct unit root;
		arena_init(&a);
		if (unit_root(s, &a, &root) == APP_ENOTFOUND)
			printf("No units yet: 'giamsat import units FILE.csv' (or 'giamsat demo') adds them;\n"
			       "the administrator account is created then.\n");
		arena_release(&a);
	}
	bootstrap_admin(s);
	store_close(s);
	return 0;
}

/* ---- demo ---- */

static bool is_pg(const char *db)
{
	return strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0;
}

static bool dir_has_admin(const char *dir)
{
	char *p = xasprintf("%s/admin/units_2025-07-01.csv", dir);
	struct stat st;
	bool ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

/* data/: --data, $GIAMSAT_DATA, ./data, or data/ next to the binary. malloc'd. */
static char *find_data_dir(const char *given)
{
	const char *env = getenv("GIAMSAT_DATA");
	char exe[4096];
	ssize_t n;

	if (given)
		return xstrdup(given);
	if (env && *env)
		return xstrdup(env);
	if (dir_has_admin("data"))
		return xstrdup("data");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash, *d;
		exe[n] = 0;
		if ((slash = strrchr(exe, '/')))
			*slash = 0;
		d = xasprintf("%s/data", exe);
		if (dir_has_admin(d))
			return d;
		free(d);
	}
	return xstrdup("data");
}

static void remove_sqlite(const char *db)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < ARRAY_SIZE(sfx); i++) {
		char *p = xasprintf("%s%s", db, sfx[i]);
		unlink(p);
		free(p);
	}
}

/*
** Index the demo's documents for copy detection, replacing any index the
** directory held (it belonged to an older database).
*/
static int demo_index(const char *db, const char *reuse_opt)
{
	char *dir = cli_reuse_dir(db, reuse_opt), *msg = NULL, err[REUSE_ERRLEN] = "";
	struct store *s;
	size_t added = 0;
	enum app_err e = doc_reuse_reset(dir);

	if (e == APP_OK && (e = store_open(db, &s, &msg)) == APP_OK) {
		e = doc_reuse_sync(s, dir, &added, err);
		store_close(s);
	}
	if (e != APP_OK) {
		fprintf(stderr,
			"giamsat demo: the database is ready, but the copy-detection index %s "
			"was not built: %s\n",
			dir,
			err[0] ? err
			: msg  ? msg
			       : app_err_name(e));
		free(msg);
		free(dir);
		return 1;
	}
	printf("Copy-detection index %s: %zu documents.\n", dir, added);
	free(dir);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = { { "--db", false, NULL },
			      { "--force", true, NULL },
			      { "--data", false, NULL },
			      { "--reuse-index", false, NULL } };
	const char *pos[1], *db, *why = NULL, *pw_env = getenv("GIAMSAT_DEMO_PASSWORD"), *reuse_opt;
	char gen[32] = "", *data, *target;
	size_t npos;
	struct store *s;
	struct demo_stats st;
	struct stat sb;
	enum app_err e;
	int version = 0;

	if (cli_wants_help(argc, argv)) {
		printf("usage: giamsat demo [--db DB] [--force] [--data DIR] [--reuse-index DIR]\n\n"
		       "Build a database with the Hanoi demo: Thành ủy Hà Nội, its 126 commune and\n"
		       "ward committees from 1/7/2025, the 30 district committees and their communes\n"
		       "until 30/6/2025 with successor links, Programme 01-CTr/TU and the facts of the\n"
		       "seed articles, all marked as demo data; demo accounts (docs/store.md).\n\n"
		       "  --db DB      SQLite file (default %s) or an empty PostgreSQL database\n"
		       "  --force      replace an existing SQLite file\n"
		       "  --data DIR   where admin/*.csv are (default ./data or data/ by the binary)\n"
		       "  --reuse-index DIR  copy-detection index of the demo documents (default\n"
		       "               DB.reuse beside a SQLite file; $GIAMSAT_REUSE_INDEX)\n\n"
		       "Passwords: demo accounts get GIAMSAT_DEMO_PASSWORD, 'admin' gets\n"
		       "GIAMSAT_ADMIN_PASSWORD; each one not set is generated and printed once.\n",
		       cli_default_db());
		return 0;
	}
	if (!parse("demo", argc, argv, opts, ARRAY_SIZE(opts), pos, 0, &npos))
		return 2;
	db = opts[0].value ? opts[0].value : cli_default_db();
	reuse_opt = opts[3].value;
	if (pw_env && *pw_env && strlen(pw_env) < PASSWORD_MIN_LEN) {
		fprintf(stderr, "giamsat demo: GIAMSAT_DEMO_PASSWORD must have at least %d characters\n",
			PASSWORD_MIN_LEN);
		return 1;
	}
	if (!is_pg(db) && stat(db, &sb) == 0 && !opts[1].value) {
		fprintf(stderr, "giamsat demo: %s exists already; not overwriting it (use --force to replace it)\n",
			db);
		return 1;
	}
	data = find_data_dir(opts[2].value);
	if (!dir_has_admin(data)) {
		fprintf(stderr, "giamsat demo: no unit lists in %s/admin (use --data DIR)\n", data);
		free(data);
		return 1;
	}
	/* SQLite: build beside the target and rename it over on success. */
	target = is_pg(db) ? NULL : xasprintf("%s.new", db);
	if (target)
		remove_sqlite(target);
	if (!(s = open_store("demo", target ? target : db, false))) {
		free(target);
		free(data);
		return 1;
	}
	if (is_pg(db) && (store_version(s, &version) != APP_OK || version > 0)) {
		fprintf(stderr, "giamsat demo: the PostgreSQL database is not empty; the demo needs an empty one"
				" (--force only replaces SQLite files)\n");
		store_close(s);
		free(data);
		return 1;
	}
	if ((e = store_migrate(s, NULL)) != APP_OK) {
		fprintf(stderr, "giamsat demo: migrating the schema failed (%s)\n", app_err_name(e));
		goto fail;
	}
	if (!pw_env || !*pw_env) {
		unsigned char raw[12];
		if (sodium_init() < 0)
			goto fail;
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(gen, sizeof(gen), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	}
	e = demo_build(s, data, gen[0] ? gen : pw_env, &st, &why);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat demo: %s (%s); nothing was created\n", why ? why : "failed", app_err_name(e));
		goto fail;
	}
	printf("Demo database %s: %lld units (%lld communes and wards from 1/7/2025, %lld district\n"
	       "committees and %lld communes until 30/6/2025), %lld successor links, %lld documents,\n"
	       "%lld events, %lld demo accounts.\n",
	       db, (long long)st.units, (long long)st.current_communes, (long long)st.old_districts,
	       (long long)st.old_communes, (long long)st.successors, (long long)st.docs, (long long)st.events,
	       (long long)st.accounts);
	printf("Demo accounts:");
	for (size_t i = 0; i < demo_accounts_n; i++)
		printf(" %s", demo_accounts[i].login);
	if (gen[0])
		printf("; password %s (shown once)\n", gen);
	else
		printf("; password from GIAMSAT_DEMO_PASSWORD\n");
	sodium_memzero(gen, sizeof(gen));
	bootstrap_admin(s);
	store_close(s);
	if (target) {
		remove_sqlite(db);
		if (rename(target, db) != 0) {
			fprintf(stderr, "giamsat demo: cannot rename %s to %s\n", target, db);
			remove_sqlite(target);
			free(target);
			free(data);
			return 1;
		}
	}
	free(target);
	free(data);
	return demo_index(db, reuse_opt);
fail:
	sodium_memzero(gen, sizeof(gen));
	store_close(s);
	if (target)
		remove_sqlite(target);
	free(target);
	free(data);
	return 1;
}

/* ---- import units ---- */

#define IMPORT_USAGE                                                                             \
	"usage: giamsat import units FILE.csv [--db DB] [--valid-from DATE] [--valid-to DATE]\n" \
	"                                     [--province CODE]\n"                               \
	"       giamsat import merges FILE.csv [--db DB] [--old-valid-to DATE] [--province CODE]\n"

int cmd_import(int argc, char **argv)
{
	struct opt opts[] = { { "--db", false, NULL },
			      { "--valid-from", false, NULL },
			      { "--valid-to", false, NULL },
			      { "--old-valid-to", false, NULL },
			      { "--province", false, NULL } };
	const char *pos[2];
	size_t npos, len = 0;
	struct store *s;
	struct unit_import_opts o = { 0 };
	struct unit_import_error err;
	char *data = NULL, d[11];
	int64_t n = 0, skipped = 0;
	bool merges;
	enum app_err e;

	if (cli_wants_help(argc, argv)) {
		printf(IMPORT_USAGE "\n"
				    "units: import administrative units from a CSV file with the columns\n"
				    "code,name,short_name,type,level,parent_code,province_code (the lists in\n"
				    "data/admin and ../shared/data/admin). All rows or none: a bad row refuses the\n"
				    "whole file and is named on stderr. Types map to kinds: province and\n"
				    "centrally-run city -> city committee; Quận, Huyện, Thị xã, Thành phố thuộc ...\n"
				    "-> district (before 2025); Phường, Xã, Thị trấn, Đặc khu -> commune.\n"
				    "DATE is YYYY-MM-DD or dd/mm/yyyy. With --valid-to (a past state of the\n"
				    "list) codes get the year of that date: 279 -> 279-2025. --province CODE\n"
				    "keeps the rows of one province (its province_code).\n\n"
				    "merges: successor links from a merge table (old_code,new_code,kind and\n"
				    "optionally old_district_code, old_province_code, as merge_2025_communes.csv),\n"
				    "between units imported before: old codes are looked up as CODE-YYYY of\n"
				    "--old-valid-to (default 2025-06-30); --province keeps the rows of one\n"
				    "old province. All links or none.\n");
		return 0;
	}
	if (!parse("import", argc, argv, opts, ARRAY_SIZE(opts), pos, 2, &npos))
		return 2;
	if (npos != 2 || (strcmp(pos[0], "units") != 0 && strcmp(pos[0], "merges") != 0)) {
		fprintf(stderr, IMPORT_USAGE);
		return 2;
	}
	merges = strcmp(pos[0], "merges") == 0;
	o.valid_from = opts[1].value;
	o.valid_to = opts[2].value;
	o.province = opts[4].value;
	if ((o.valid_from && !date_parse(o.valid_from, d)) || (o.valid_to && !date_parse(o.valid_to, d)) ||
	    (opts[3].value && !date_parse(opts[3].value, d))) {
		fprintf(stderr, "giamsat import: dates are YYYY-MM-DD or dd/mm/yyyy\n");
		return 2;
	}
	if ((e = file_read(pos[1], 256 << 20, &data, &len)) != APP_OK) {
		fprintf(stderr, "giamsat import: cannot read %s (%s)\n", pos[1], app_err_name(e));
		return 1;
	}
	if (!(s = open_store("import", opts[0].value ? opts[0].value : cli_default_db(), true))) {
		free(data);
		return 1;
	}
	if (merges)
		e = unit_import_merges(s, data, len, opts[3].value ? opts[3].value : "2025-06-30", opts[4].value, &n,
				       &skipped, &err);
	else
		e = unit_import(s, data, len, &o, &n, &err);
	free(data);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat import: %s: %s; nothing was imported\n", pos[1],
			err.en[0] ? err.en : app_err_name(e));
		store_close(s);
		return 1;
	}
	if (merges) {
		printf("linked %lld successors from %s", (long long)n, pos[1]);
		if (skipped)
			printf(" (%lld rows name a unit that is not in the database: skipped)", (long long)skipped);
		printf("\n");
	} else {
		printf("imported %lld units from %s\n", (long long)n, pos[1]);
		bootstrap_admin(s);
	}
	store_close(s);
	return 0;
}

/* ---- user ---- */

/* Read one line from standard input into buf (no echo on a terminal). */
static bool read_password(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	bool ok;
	size_t n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return false;
	n = strlen(buf);
	if (n == size - 1 && buf[n - 1] != '\n')
		return false; /* too long */
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	return true;
}

static int user_usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat user add LOGIN --role ROLE --unit CODE [--name NAME] [--db DB]\n"
		"       giamsat user passwd LOGIN [--db DB]\n"
		"       giamsat user list [--db DB]\n"
		"       giamsat user disable|enable LOGIN [--db DB]\n\n"
		"ROLE: admin, leader, inspector, staff, viewer. The account sees and changes only\n"
		"the subtree of unit CODE. Passwords (at least %d characters) are read from\n"
		"standard input, one line; never from arguments.\n",
		PASSWORD_MIN_LEN);
	return f == stdout ? 0 : 2;
}

int cmd_user(int argc, char **argv)
{
	struct opt opts[] = {
		{ "--db", false, NULL }, { "--role", false, NULL }, { "--unit", false, NULL }, { "--name", false, NULL }
	};
	const char *pos[2], *why = NULL;
	char pw[1100];
	size_t npos;
	struct store *s;
	enum app_err e;
	int rc = 0;

	if (cli_wants_help(argc, argv))
		return user_usage(stdout);
	if (!parse("user", argc, argv, opts, ARRAY_SIZE(opts), pos, 2, &npos))
		return 2;
	if (npos < 1)
		return user_usage(stderr);
	if (strcmp(pos[0], "list") == 0) {
		struct arena a;
		struct account_list l;

		if (npos != 1)
			return user_usage(stderr);
		if (!(s = open_store("user", opts[0].value ? opts[0].value : cli_default_db(), true)))
			return 1;
		arena_init(&a);
		if ((e = account_list(s, &a, &l)) != APP_OK) {
			fprintf(stderr, "giamsat user: listing failed (%s)\n", app_err_name(e));
			rc = 1;
		} else {
			printf("%-20s %-10s %-12s %-9s %s\n", "LOGIN", "ROLE", "UNIT", "STATE", "NAME");
			for (size_t i = 0; i < l.n; i++)
				printf("%-20s %-10s %-12s %-9s %s\n", l.v[i].login, role_code(l.v[i].role),
				       l.v[i].unit_code, l.v[i].disabled ? "disabled" : "active", l.v[i].display_name);
		}
		arena_release(&a);
		store_close(s);
		return rc;
	}
	if (npos != 2)
		return user_usage(stderr);
	if (strcmp(pos[0], "add") == 0) {
		enum role r;

		if (!opts[1].value || !opts[2].value) {
			fprintf(stderr, "giamsat user add: --role and --unit are required\n");
			return 2;
		}
		if (!role_parse(opts[1].value, &r)) {
			fprintf(stderr,
				"giamsat user add: unknown role '%s' (admin, leader, inspector, staff, viewer)\n",
				opts[1].value);
			return 2;
		}
		if (!read_password("Password: ", pw, sizeof(pw))) {
			fprintf(stderr, "giamsat user add: no password on standard input (or too long)\n");
			return 1;
		}
		if (!(s = open_store("user", opts[0].value ? opts[0].value : cli_default_db(), true))) {
			sodium_memzero(pw, sizeof(pw));
			return 1;
		}
		e = account_add(s, pos[1], opts[3].value, r, opts[2].value, pw, NULL, &why);
		sodium_memzero(pw, sizeof(pw));
		if (e == APP_EEXIST)
			fprintf(stderr, "giamsat user add: login '%s' exists already\n", pos[1]);
		else if (e == APP_EINVAL) {
			struct arena a;
			struct unit u;
			arena_init(&a);
			if (unit_get_by_code(s, &a, opts[2].value, &u) != APP_OK)
				fprintf(stderr, "giamsat user add: no unit with code '%s'\n", opts[2].value);
			else
				fprintf(stderr,
					"giamsat user add: refused: bad login (2-64 of a-z 0-9 . _ -), "
					"name, or a password shorter than %d characters\n",
					PASSWORD_MIN_LEN);
			arena_release(&a);
		} else if (e != APP_OK)
			fprintf(stderr, "giamsat user add: failed (%s)\n", app_err_name(e));
		else
			printf("account %s added (%s of %s)\n", pos[1], role_code(r), opts[2].value);
		store_close(s);
		return e == APP_OK ? 0 : 1;
	}
	if (strcmp(pos[0], "passwd") == 0) {
		if (!read_password("New password: ", pw, sizeof(pw))) {
			fprintf(stderr, "giamsat user passwd: no password on standard input (or too long)\n");
			return 1;
		}
		if (!(s = open_store("user", opts[0].value ? opts[0].value : cli_default_db(), true))) {
			sodium_memzero(pw, sizeof(pw));
			return 1;
		}
		e = account_set_password(s, pos[1], pw, &why);
		sodium_memzero(pw, sizeof(pw));
		if (e == APP_ENOTFOUND)
			fprintf(stderr, "giamsat user passwd: no account '%s'\n", pos[1]);
		else if (e == APP_EINVAL)
			fprintf(stderr, "giamsat user passwd: the password needs at least %d characters\n",
				PASSWORD_MIN_LEN);
		else if (e != APP_OK)
			fprintf(stderr, "giamsat user passwd: failed (%s)\n", app_err_name(e));
		else
			printf("password of %s changed; its sessions were closed\n", pos[1]);
		store_close(s);
		return e == APP_OK ? 0 : 1;
	}
	if (strcmp(pos[0], "disable") == 0 || strcmp(pos[0], "enable") == 0) {
		bool dis = pos[0][0] == 'd';

		if (!(s = open_store("user", opts[0].value ? opts[0].value : cli_default_db(), true)))
			return 1;
		e = account_set_disabled(s, pos[1], dis);
		if (e == APP_ENOTFOUND)
			fprintf(stderr, "giamsat user %s: no account '%s'\n", pos[0], pos[1]);
		else if (e != APP_OK)
			fprintf(stderr, "giamsat user %s: failed (%s)\n", pos[0], app_err_name(e));
		else
			printf("account %s %s\n", pos[1], dis ? "disabled; its sessions were closed" : "enabled");
		store_close(s);
		return e == APP_OK ? 0 : 1;
	}
	fprintf(stderr, "giamsat user: unknown action '%s'\n", pos[0]);
	return user_usage(stderr);
}
