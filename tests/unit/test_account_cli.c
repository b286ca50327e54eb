/* The database commands, run in-process: import units and user, on both engines. */
#include "test.h"

#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/account.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

/* Run fn with standard input from `in` and standard error captured into *err (malloc'd). */
static int run(const char *in, char **err, int argc, char **argv, int (*fn)(int, char **))
{
	char *inpath = xasprintf("%s/stdin.txt", test_tmpdir());
	char *errpath = xasprintf("%s/stderr.txt", test_tmpdir());
	int saved_in = dup(0), saved_err = dup(2), fd, rc;
	size_t len;

	file_write_atomic(inpath, in ? in : "", in ? strlen(in) : 0);
	fflush(stdout);
	fflush(stderr);
	fd = open(inpath, O_RDONLY);
	dup2(fd, 0);
	close(fd);
	clearerr(stdin);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_in, 0);
	dup2(saved_err, 2);
	close(saved_in);
	close(saved_err);
	clearerr(stdin);
	if (err) {
		*err = NULL;
		if (file_read(errpath, 0, err, &len) != APP_OK)
			*err = xstrdup("");
	}
	free(inpath);
	free(errpath);
	return rc;
}

static struct query Q_N = { "SELECT COUNT(*) FROM unit", NULL, 0 };

static int64_t n_units(const char *db)
{
	struct store *s = NULL;
	int64_t n = -1;
	bool row;

	if (store_open(db, &s, NULL) != APP_OK)
		return -1;
	{
		struct stmt *st = conn_stmt(store_conn(s), &Q_N);
		if (st && stmt_step(st, &row) == APP_OK && row)
			n = stmt_col_int64(st, 0);
		stmt_done(st);
	}
	store_close(s);
	return n;
}

#define HEADER "code,name,short_name,type,level,parent_code,province_code\n"

TEST(db_cli_import_units)
{
	const char *db = test_db_url();
	char *dbc = xstrdup(db);
	char *good = xasprintf("%s/good.csv", test_tmpdir()), *bad = xasprintf("%s/bad.csv", test_tmpdir());
	const char *g = HEADER "01,Thành phố Hà Nội,Hà Nội,Thành phố trực thuộc trung ương,1,,01\n"
			       "279,Huyện Thường Tín,Thường Tín,Huyện,2,01,01\n";
	const char *b = HEADER "01,Thành phố Hà Nội,Hà Nội,Thành phố trực thuộc trung ương,1,,01\n"
			       "002,Quận Hoàn Kiếm,Hoàn Kiếm,Quận,2,01,01\n"
			       "00070,Phường Hàng Bạc,Hàng Bạc,Làng,3,002,01\n";
	char *argv_bad[] = { "import", "units", bad, "--db", dbc, NULL };
	char *argv_good[] = { "import", "units", good, "--db", dbc, "--valid-from", "01/11/2021", NULL };
	char *argv_usage[] = { "import", "unit", good, NULL };
	char *argv_date[] = { "import", "units", good, "--db", dbc, "--valid-to=2025-02-30", NULL };
	char *argv_missing[] = { "import", "units", "/nonexistent.csv", "--db", dbc, NULL };
	char *err = NULL;

	account_testing_fast_hash();
	setenv("GIAMSAT_ADMIN_PASSWORD", "admin-password-1", 1);
	file_write_atomic(good, g, strlen(g));
	file_write_atomic(bad, b, strlen(b));

	CHECK_INT(run(NULL, &err, 5, argv_bad, cmd_import), 1);
	CHECK_CONTAINS(err, "row 4: unknown unit type: Làng");
	CHECK_CONTAINS(err, "nothing was imported");
	free(err);
	CHECK_INT(n_units(dbc), 0);

	CHECK_INT(run(NULL, NULL, 3, argv_usage, cmd_import), 2);
	CHECK_INT(run(NULL, NULL, 6, argv_date, cmd_import), 2);
	CHECK_INT(run(NULL, &err, 5, argv_missing, cmd_import), 1);
	CHECK_CONTAINS(err, "cannot read");
	free(err);

	CHECK_INT(run(NULL, NULL, 7, argv_good, cmd_import), 0);
	CHECK_INT(n_units(dbc), 2);
	/* The same file again: every code exists, nothing changes. */
	CHECK_INT(run(NULL, &err, 7, argv_good, cmd_import), 1);
	CHECK_CONTAINS(err, "row 2: the code exists in the database already: 01");
	free(err);
	CHECK_INT(n_units(dbc), 2);
	{
		/* The first import created the administrator. */
		struct store *s = NULL;
		struct arena a;
		struct account acc;
		CHECK_INT(store_open(dbc, &s, NULL), APP_OK);
		arena_init(&a);
		if (s) {
			CHECK_INT(account_login(s, &a, "admin", "admin-password-1", "x", &acc), APP_OK);
			CHECK_STR(acc.unit_code, "01");
			store_close(s);
		}
		arena_release(&a);
	}
	unsetenv("GIAMSAT_ADMIN_PASSWORD");
	free(good);
	free(bad);
	free(dbc);
}

TEST(db_cli_user)
{
	char *db = xstrdup(test_db_url());
	char *mig[] = { "migrate", "--db", db, NULL };
	char *add[] = { "user",  "add",    "thuongtin", "--role", "staff", "--unit",
			"10183", "--name", "Văn phòng", "--db",   db,      NULL };
	char *add_bad_role[] = { "user", "add", "x1", "--role", "root", "--unit", "10183", "--db", db, NULL };
	char *add_bad_unit[] = { "user", "add", "x1", "--role", "staff", "--unit", "99999", "--db", db, NULL };
	char *add_pw_arg[] = { "user", "add", "x1", "secret-password", "--role", "staff", "--unit", "10183",
			       "--db", db,    NULL };
	char *passwd[] = { "user", "passwd", "thuongtin", "--db", db, NULL };
	char *passwd_nobody[] = { "user", "passwd", "nobody", "--db", db, NULL };
	char *disable[] = { "user", "disable", "thuongtin", "--db", db, NULL };
	char *enable[] = { "user", "enable", "thuongtin", "--db", db, NULL };
	char *list[] = { "user", "list", "--db", db, NULL };
	char *err = NULL;
	struct store *s = NULL;
	struct arena a;
	struct account acc;

	account_testing_fast_hash();
	CHECK_INT(run(NULL, NULL, 3, mig, cmd_migrate), 0);
	CHECK_INT(run(NULL, NULL, 3, mig, cmd_migrate), 0); /* idempotent */
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	if (!s) {
		free(db);
		return;
	}
	{
		struct unit_new r = { .code = "TU", .name = "Thành ủy", .kind = UNIT_CITY };
		struct unit_new w = {
			.code = "10183", .name = "Đảng ủy xã Thường Tín", .kind = UNIT_COMMUNE, .parent_code = "TU"
		};
		CHECK_INT(unit_add(s, &r, NULL, NULL), APP_OK);
		CHECK_INT(unit_add(s, &w, NULL, NULL), APP_OK);
	}
	arena_init(&a);

	CHECK_INT(run("mat-khau-dai-1\n", NULL, 11, add, cmd_user), 0);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-dai-1", "x", &acc), APP_OK);
	CHECK_STR(acc.display_name, "Văn phòng");
	CHECK_INT(acc.role, ROLE_STAFF);
	CHECK_INT(run("mat-khau-dai-1\n", &err, 11, add, cmd_user), 1);
	CHECK_CONTAINS(err, "exists already");
	free(err);
	CHECK_INT(run("mat-khau-dai-1\n", NULL, 9, add_bad_role, cmd_user), 2);
	CHECK_INT(run("mat-khau-dai-1\n", &err, 9, add_bad_unit, cmd_user), 1);
	CHECK_CONTAINS(err, "no unit with code '99999'");
	free(err);
	CHECK_INT(run("mat-khau-dai-1\n", NULL, 10, add_pw_arg, cmd_user), 2); /* never from arguments */
	CHECK_INT(run("", &err, 11, add, cmd_user), 1);                        /* no password */
	free(err);

	CHECK_INT(run("short\n", &err, 5, passwd, cmd_user), 1);
	CHECK_CONTAINS(err, "at least 10");
	free(err);
	CHECK_INT(run("mat-khau-moi-2\r\n", NULL, 5, passwd, cmd_user), 0);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-moi-2", "x", &acc), APP_OK);
	CHECK_INT(run("mat-khau-moi-2\n", NULL, 5, passwd_nobody, cmd_user), 1);
	CHECK_INT(run(NULL, NULL, 5, disable, cmd_user), 0);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-moi-2", "y", &acc), APP_EAUTH);
	CHECK_INT(run(NULL, NULL, 5, enable, cmd_user), 0);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-moi-2", "z", &acc), APP_OK);
	CHECK_INT(run(NULL, NULL, 4, list, cmd_user), 0);
	arena_release(&a);
	store_close(s);
	free(db);
}
