/* Accounts: add, login, throttling, disable, sessions, access by subtree. */
#include "test.h"

#include "model/account.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static struct store *setup(void)
{
	struct store *s = NULL;
	static const struct {
		const char *code, *name, *parent, *to;
		enum unit_kind kind;
	} units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY },
		{ "10183", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE },
		{ "00070", "Đảng ủy phường Hoàn Kiếm", "TU", NULL, UNIT_COMMUNE },
		{ "279-2025", "Huyện ủy Thường Tín", "TU", "2025-06-30", UNIT_DISTRICT },
	};

	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		struct unit_new u = { .code = units[i].code,
				      .name = units[i].name,
				      .kind = units[i].kind,
				      .parent_code = units[i].parent,
				      .valid_to = units[i].to };
		CHECK_INT(unit_add(s, &u, NULL, NULL), APP_OK);
	}
	{
		struct arena a;
		struct unit d, w;
		arena_init(&a);
		CHECK_INT(unit_get_by_code(s, &a, "279-2025", &d), APP_OK);
		CHECK_INT(unit_get_by_code(s, &a, "10183", &w), APP_OK);
		CHECK_INT(unit_add_successor(s, d.id, w.id, false), APP_OK);
		arena_release(&a);
	}
	return s;
}

static struct query Q_ATTEMPTS = { "SELECT COUNT(*) FROM login_attempt", NULL, 0 };
static struct query Q_EXPIRE = { "UPDATE session SET expires_at = 1", NULL, 0 };
static struct query Q_HASHES = {
	"SELECT pw_hash, (SELECT COUNT(*) FROM session WHERE token_hash LIKE '%' || $1 || '%') FROM account WHERE login = $2",
	NULL, 0
};

static int64_t scalar(struct store *s, struct query *q)
{
	struct stmt *st = conn_stmt(store_conn(s), q);
	bool row;
	int64_t n = -1;

	if (stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	return n;
}

TEST(db_account_add_login_throttle_disable)
{
	struct store *s = setup();
	struct arena a;
	struct account acc;
	struct account_list l;
	const char *why = NULL;
	int64_t id = 0;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(account_add(s, "thuongtin", "Nguyễn Văn A", ROLE_STAFF, "10183", "mat-khau-dai-1", &id, &why),
		  APP_OK);
	CHECK(id > 0);
	CHECK_INT(account_add(s, "thuongtin", "B", ROLE_STAFF, "10183", "mat-khau-dai-1", NULL, &why), APP_EEXIST);
	CHECK_INT(account_add(s, "short", "B", ROLE_STAFF, "10183", "short", NULL, &why), APP_EINVAL);
	CHECK(why != NULL);
	CHECK_INT(account_add(s, "Bad Login", "B", ROLE_STAFF, "10183", "mat-khau-dai-1", NULL, &why), APP_EINVAL);
	CHECK_INT(account_add(s, "nounit", "B", ROLE_STAFF, "99999", "mat-khau-dai-1", NULL, &why), APP_EINVAL);
	CHECK_INT(account_list(s, &a, &l), APP_OK);
	CHECK_INT(l.n, 1);

	/* The password is stored as an argon2id string, never in clear. */
	{
		struct stmt *st = conn_stmt(store_conn(s), &Q_HASHES);
		bool row;
		stmt_bind_text(st, 1, "x");
		stmt_bind_text(st, 2, "thuongtin");
		CHECK_INT(stmt_step(st, &row), APP_OK);
		if (row)
			CHECK(strncmp(stmt_col_text(st, 0), "$argon2id$", 10) == 0);
		stmt_done(st);
	}

	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-dai-1", "10.0.0.1", &acc), APP_OK);
	CHECK_STR(acc.login, "thuongtin");
	CHECK_STR(acc.display_name, "Nguyễn Văn A");
	CHECK_STR(acc.unit_code, "10183");
	CHECK_INT(acc.role, ROLE_STAFF);
	CHECK(acc.last_login_at > 0);
	CHECK_INT(account_login(s, &a, "ThuongTin", "mat-khau-dai-1", "10.0.0.1", &acc), APP_OK);
	CHECK_STR(acc.login, "thuongtin");
	CHECK_INT(account_login(s, &a, "thuongtin", "wrong-password", "10.0.0.1", &acc), APP_EAUTH);
	CHECK_INT(account_login(s, &a, "nobody", "wrong-password", "10.0.0.1", &acc), APP_EAUTH);
	CHECK_INT(scalar(s, &Q_ATTEMPTS), 4);

	/* Five failures for one login: throttled, even with the right password. */
	for (int i = 0; i < 4; i++)
		CHECK_INT(account_login(s, &a, "thuongtin", "wrong-password", "10.0.0.2", &acc), APP_EAUTH);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-dai-1", "10.0.0.3", &acc), APP_ETHROTTLED);
	/* Twenty failures from one address: throttled for every login. */
	for (int i = 0; i < 20; i++)
		account_login(s, &a, "x", "wrong-password", "10.9.9.9", &acc);
	CHECK_INT(account_login(s, &a, "someone", "whatever-pass", "10.9.9.9", &acc), APP_ETHROTTLED);

	/* Disabled: the right password no longer opens it (another login, not throttled). */
	CHECK_INT(account_add(s, "hoankiem", NULL, ROLE_VIEWER, "00070", "mat-khau-dai-2", NULL, &why), APP_OK);
	CHECK_INT(account_set_disabled(s, "hoankiem", true), APP_OK);
	CHECK_INT(account_login(s, &a, "hoankiem", "mat-khau-dai-2", "10.0.0.4", &acc), APP_EAUTH);
	CHECK_INT(account_set_disabled(s, "hoankiem", false), APP_OK);
	CHECK_INT(account_set_password(s, "hoankiem", "mat-khau-moi-3", &why), APP_OK);
	CHECK_INT(account_set_password(s, "hoankiem", "short", &why), APP_EINVAL);
	CHECK_INT(account_set_password(s, "nobody", "mat-khau-moi-3", &why), APP_ENOTFOUND);
	CHECK_INT(account_set_disabled(s, "nobody", true), APP_ENOTFOUND);
	CHECK_INT(account_login(s, &a, "hoankiem", "mat-khau-moi-3", "10.0.0.4", &acc), APP_OK);
	CHECK_STR(acc.display_name, "hoankiem");
	CHECK_INT(account_get(s, &a, acc.id, &acc), APP_OK);
	CHECK_STR(acc.unit_code, "00070");
	arena_release(&a);
	store_close(s);
}

TEST(db_account_sessions)
{
	struct store *s = setup();
	struct arena a;
	struct account acc;
	char tok[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1], csrf2[TOKEN_LEN + 1], api[TOKEN_LEN + 1];
	int64_t id = 0;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(account_add(s, "inspector", "Kiểm tra", ROLE_INSPECTOR, "TU", "mat-khau-dai-1", &id, NULL), APP_OK);
	CHECK_INT(session_create(s, id, SESSION_WEB, tok, csrf), APP_OK);
	CHECK_INT(strlen(tok), TOKEN_LEN);
	CHECK_INT(strlen(csrf), TOKEN_LEN);
	CHECK(strcmp(tok, csrf) != 0);
	CHECK_INT(session_lookup(s, &a, tok, SESSION_WEB, &acc, csrf2), APP_OK);
	CHECK_STR(acc.login, "inspector");
	CHECK_STR(csrf2, csrf);
	/* A web token is not an API token, and a wrong token is nothing. */
	CHECK_INT(session_lookup(s, &a, tok, SESSION_API, &acc, NULL), APP_EAUTH);
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	CHECK_INT(session_lookup(s, &a, tok, SESSION_WEB, &acc, csrf2), APP_EAUTH);
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	CHECK_INT(session_lookup(s, &a, "short", SESSION_WEB, &acc, csrf2), APP_EAUTH);
	CHECK_INT(session_lookup(s, &a, NULL, SESSION_WEB, &acc, csrf2), APP_EAUTH);

	CHECK_INT(session_create(s, id, SESSION_API, api, NULL), APP_OK);
	CHECK_INT(session_lookup(s, &a, api, SESSION_API, &acc, NULL), APP_OK);

	/* Disabling the account ends its sessions. */
	CHECK_INT(account_set_disabled(s, "inspector", true), APP_OK);
	CHECK_INT(session_lookup(s, &a, api, SESSION_API, &acc, NULL), APP_EAUTH);
	CHECK_INT(account_set_disabled(s, "inspector", false), APP_OK);

	CHECK_INT(session_create(s, id, SESSION_WEB, tok, csrf), APP_OK);
	CHECK_INT(session_lookup(s, &a, tok, SESSION_WEB, &acc, csrf2), APP_OK);
	CHECK_INT(session_delete(s, tok), APP_OK);
	CHECK_INT(session_lookup(s, &a, tok, SESSION_WEB, &acc, csrf2), APP_EAUTH);

	/* Expiry. */
	CHECK_INT(session_create(s, id, SESSION_WEB, tok, csrf), APP_OK);
	scalar(s, &Q_EXPIRE);
	CHECK_INT(session_lookup(s, &a, tok, SESSION_WEB, &acc, csrf2), APP_EAUTH);
	CHECK_INT(session_sweep(s), APP_OK);
	CHECK_INT(session_create(s, 987654, SESSION_WEB, tok, csrf), APP_ENOTFOUND);
	arena_release(&a);
	store_close(s);
}

TEST(db_account_access_scope)
{
	struct store *s = setup();
	struct arena a;
	struct account ward, city, viewer;
	struct unit tu, tt, hk, old;
	bool ok;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(account_add(s, "thuongtin", NULL, ROLE_STAFF, "10183", "mat-khau-dai-1", NULL, NULL), APP_OK);
	CHECK_INT(account_add(s, "ubkt", NULL, ROLE_INSPECTOR, "TU", "mat-khau-dai-1", NULL, NULL), APP_OK);
	CHECK_INT(account_add(s, "xem", NULL, ROLE_VIEWER, "10183", "mat-khau-dai-1", NULL, NULL), APP_OK);
	CHECK_INT(account_login(s, &a, "thuongtin", "mat-khau-dai-1", "a", &ward), APP_OK);
	CHECK_INT(account_login(s, &a, "ubkt", "mat-khau-dai-1", "a", &city), APP_OK);
	CHECK_INT(account_login(s, &a, "xem", "mat-khau-dai-1", "a", &viewer), APP_OK);
	unit_get_by_code(s, &a, "TU", &tu);
	unit_get_by_code(s, &a, "10183", &tt);
	unit_get_by_code(s, &a, "00070", &hk);
	unit_get_by_code(s, &a, "279-2025", &old);

	CHECK_INT(access_can_read(s, &ward, tt.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_read(s, &ward, hk.id, &ok), APP_OK);
	CHECK(!ok);
	CHECK_INT(access_can_read(s, &ward, tu.id, &ok), APP_OK);
	CHECK(!ok);
	/* The old district went partly into the ward: its records stay readable there. */
	CHECK_INT(access_can_read(s, &ward, old.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_write(s, &ward, tt.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_write(s, &ward, hk.id, &ok), APP_OK);
	CHECK(!ok);
	CHECK_INT(access_can_read(s, &city, hk.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_read(s, &city, old.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_read(s, &viewer, tt.id, &ok), APP_OK);
	CHECK(ok);
	CHECK_INT(access_can_write(s, &viewer, tt.id, &ok), APP_OK);
	CHECK(!ok);
	CHECK_INT(access_can_read(s, NULL, tt.id, &ok), APP_OK);
	CHECK(!ok);
	arena_release(&a);
	store_close(s);
}

TEST(db_account_bootstrap_admin)
{
	struct store *s = setup();
	struct arena a;
	struct account acc;
	char *gen = NULL;

	if (!s)
		return;
	arena_init(&a);
	unsetenv("GIAMSAT_ADMIN_PASSWORD");
	CHECK_INT(account_bootstrap_admin(s, &gen), APP_OK);
	CHECK(gen != NULL && strlen(gen) >= PASSWORD_MIN_LEN);
	if (gen)
		CHECK_INT(account_login(s, &a, "admin", gen, "a", &acc), APP_OK);
	CHECK_INT(acc.role, ROLE_ADMIN);
	CHECK_STR(acc.unit_code, "TU");
	free(gen);
	gen = NULL;
	CHECK_INT(account_bootstrap_admin(s, &gen), APP_EEXIST);
	CHECK(gen == NULL);
	arena_release(&a);
	store_close(s);
}

TEST(db_account_bootstrap_admin_env)
{
	struct store *s = setup();
	struct arena a;
	struct account acc;
	char *gen = NULL;

	if (!s)
		return;
	arena_init(&a);
	/* With GIAMSAT_ADMIN_PASSWORD: that password, nothing generated. */
	setenv("GIAMSAT_ADMIN_PASSWORD", "admin-pass-from-env", 1);
	CHECK_INT(account_bootstrap_admin(s, &gen), APP_OK);
	CHECK(gen == NULL);
	CHECK_INT(account_login(s, &a, "admin", "admin-pass-from-env", "a", &acc), APP_OK);
	unsetenv("GIAMSAT_ADMIN_PASSWORD");
	arena_release(&a);
	store_close(s);
}

TEST(account_roles)
{
	enum role r;

	for (int i = 0; i < ROLE_COUNT; i++) {
		CHECK(role_parse(role_code((enum role)i), &r));
		CHECK_INT(r, i);
	}
	CHECK(!role_parse("root", &r));
	CHECK(role_can_write(ROLE_STAFF));
	CHECK(!role_can_write(ROLE_VIEWER));
	CHECK_STR(role_vi(ROLE_INSPECTOR), "Kiểm tra viên");
}
