/*
** Accounts, sessions, login throttling and the access rule. Passwords are
** argon2id strings from libsodium's crypto_pwhash_str (salt and cost
** inside); tokens are 32 random bytes in base64url, stored only as their
** BLAKE2b-256 hash in hex, so a copy of the database opens no session.
*/
#include "model/account.h"

#include <pthread.h>
#include <sodium.h>

#include "model/unit.h"
#include "store/store.h"
#include "text/text.h"

#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_PER_LOGIN 5
#define THROTTLE_PER_ADDR 20
#define LOGIN_MAX 64

static const char *const ROLE_CODE[ROLE_COUNT] = {
	[ROLE_ADMIN] = "admin", [ROLE_LEADER] = "leader", [ROLE_INSPECTOR] = "inspector",
	[ROLE_STAFF] = "staff", [ROLE_VIEWER] = "viewer",
};
static const char *const ROLE_VI[ROLE_COUNT] = {
	[ROLE_ADMIN] = "Quản trị viên", [ROLE_LEADER] = "Lãnh đạo",  [ROLE_INSPECTOR] = "Kiểm tra viên",
	[ROLE_STAFF] = "Cán bộ đơn vị", [ROLE_VIEWER] = "Người xem",
};

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? ROLE_CODE[r] : "?";
}

const char *role_vi(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? ROLE_VI[r] : "?";
}

bool role_parse(const char *code, enum role *out)
{
	if (!code)
		return false;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(code, ROLE_CODE[r]) == 0) {
			*out = (enum role)r;
			return true;
		}
	return false;
}

bool role_can_write(enum role r)
{
	return (unsigned)r < ROLE_COUNT && r != ROLE_VIEWER;
}

/* ---- hashing ---- */

static bool g_fast_hash;

void account_testing_fast_hash(void)
{
	g_fast_hash = true;
}

static bool sodium_ready(void)
{
	static int rc = -2;
	if (rc == -2)
		rc = sodium_init();
	return rc >= 0;
}

static enum app_err hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	unsigned long long ops = g_fast_hash ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = g_fast_hash ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;

	if (!sodium_ready())
		return APP_EINTERNAL;
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return APP_ENOMEM;
	return APP_OK;
}

/* A hash to verify against when the login is unknown, so timing tells nothing. */
static char g_dummy[crypto_pwhash_STRBYTES];
static pthread_once_t g_dummy_once = PTHREAD_ONCE_INIT;

static void init_dummy(void)
{
	if (hash_password("giamsat-dummy-password", g_dummy) != APP_OK)
		g_dummy[0] = 0;
}

static const char *dummy_hash(void)
{
	pthread_once(&g_dummy_once, init_dummy);
	return g_dummy[0] ? g_dummy : NULL;
}

static bool login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (n < 2 || n > LOGIN_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static const char *password_problem(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;

	if (n < PASSWORD_MIN_LEN)
		return "Mật khẩu phải có ít nhất 10 ký tự.";
	if (n > 1024 || !text_utf8_valid(pw, n, NULL))
		return "Mật khẩu quá dài hoặc không phải UTF-8 hợp lệ.";
	return NULL;
}

/* ---- accounts ---- */

#define ACCT_COLS                                                                        \
	"a.id, a.login, a.display_name, a.role, a.unit_id, u.code, u.name, a.disabled, " \
	"a.created_at, a.last_login_at"
#define ACCT_FROM " FROM account a JOIN unit u ON u.id = a.unit_id"

static void read_account(struct stmt *st, struct arena *a, struct account *out)
{
	memset(out, 0, sizeof(*out));
	out->id = stmt_col_int64(st, 0);
	out->login = stmt_col_dup(st, 1, a);
	out->display_name = stmt_col_dup(st, 2, a);
	if (!role_parse(stmt_col_text(st, 3), &out->role))
		out->role = ROLE_VIEWER;
	out->unit_id = stmt_col_int64(st, 4);
	out->unit_code = stmt_col_dup(st, 5, a);
	out->unit_name = stmt_col_dup(st, 6, a);
	out->disabled = stmt_col_int64(st, 7) != 0;
	out->created_at = stmt_col_int64(st, 8);
	out->last_login_at = stmt_col_int64(st, 9);
}

static struct query Q_UNIT_ID = { "SELECT id FROM unit WHERE code = $1", NULL, 0 };
static struct query Q_ADD = { "INSERT INTO account (login, display_name, role, unit_id, pw_hash, created_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6)",
			      NULL, 0 };
static struct query Q_ID_BY_LOGIN = { "SELECT id FROM account WHERE login = $1", NULL, 0 };

enum app_err account_add(struct store *s, const char *login, const char *display_name, enum role r,
			 const char *unit_code, const char *password, int64_t *id, const char **why)
{
	char hash[crypto_pwhash_STRBYTES];
	char *name = NULL;
	struct stmt *st;
	int64_t unit_id = 0;
	bool row;
	enum app_err e;
	const char *p;

	if (why)
		*why = NULL;
	if (id)
		*id = 0;
	if (!login_valid(login)) {
		if (why)
			*why = "Tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '_', '-' (2 đến 64 ký tự).";
		return APP_EINVAL;
	}
	if ((unsigned)r >= ROLE_COUNT) {
		if (why)
			*why = "Vai trò không hợp lệ.";
		return APP_EINVAL;
	}
	if ((p = password_problem(password))) {
		if (why)
			*why = p;
		return APP_EINVAL;
	}
	if (!display_name || !*display_name)
		display_name = login;
	if (strlen(display_name) > 200 || !(name = text_normalize(display_name, strlen(display_name), NULL))) {
		if (why)
			*why = "Họ tên quá dài hoặc không phải UTF-8 hợp lệ.";
		return APP_EINVAL;
	}
	if (!(st = store_stmt(s, &Q_UNIT_ID))) {
		free(name);
		return APP_EDB;
	}
	stmt_bind_text(st, 1, unit_code ? unit_code : "");
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		unit_id = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e == APP_OK && !unit_id) {
		if (why)
			*why = "Đơn vị không tồn tại.";
		e = APP_EINVAL;
	}
	if (e != APP_OK) {
		free(name);
		return e;
	}
	if ((e = hash_password(password, hash)) != APP_OK) {
		free(name);
		return e;
	}
	st = store_stmt(s, &Q_ADD);
	stmt_bind_text(st, 1, login);
	stmt_bind_text(st, 2, name);
	stmt_bind_text(st, 3, role_code(r));
	stmt_bind_int64(st, 4, unit_id);
	stmt_bind_text(st, 5, hash);
	stmt_bind_int64(st, 6, time_now());
	e = stmt_exec(st, NULL);
	sodium_memzero(hash, sizeof(hash));
	free(name);
	if (e == APP_EEXIST && why)
		*why = "Tên đăng nhập đã được dùng.";
	if (e == APP_OK && id) {
		st = store_stmt(s, &Q_ID_BY_LOGIN);
		stmt_bind_text(st, 1, login);
		if (stmt_step(st, &row) == APP_OK && row)
			*id = stmt_col_int64(st, 0);
		stmt_done(st);
	}
	return e;
}

static struct query Q_SET_PW = { "UPDATE account SET pw_hash = $2 WHERE login = $1", NULL, 0 };
static struct query Q_KILL_SESSIONS = {
	"DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE login = $1)", NULL, 0
};

enum app_err account_set_password(struct store *s, const char *login, const char *password, const char **why)
{
	char hash[crypto_pwhash_STRBYTES];
	struct stmt *st;
	int64_t changed = 0;
	enum app_err e;
	const char *p;

	if (why)
		*why = NULL;
	if ((p = password_problem(password))) {
		if (why)
			*why = p;
		return APP_EINVAL;
	}
	if ((e = hash_password(password, hash)) != APP_OK)
		return e;
	if (!(st = store_stmt(s, &Q_SET_PW)))
		return APP_EDB;
	stmt_bind_text(st, 1, login);
	stmt_bind_text(st, 2, hash);
	e = stmt_exec(st, &changed);
	sodium_memzero(hash, sizeof(hash));
	if (e == APP_OK && changed == 0)
		return APP_ENOTFOUND;
	if (e == APP_OK) {
		/* A new password ends the sessions opened with the old one. */
		st = store_stmt(s, &Q_KILL_SESSIONS);
		stmt_bind_text(st, 1, login);
		e = stmt_exec(st, NULL);
	}
	return e;
}

static struct query Q_SET_DISABLED = { "UPDATE account SET disabled = $2 WHERE login = $1", NULL, 0 };

enum app_err account_set_disabled(struct store *s, const char *login, bool disabled)
{
	struct stmt *st = store_stmt(s, &Q_SET_DISABLED);
	int64_t changed = 0;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, login);
	stmt_bind_int64(st, 2, disabled ? 1 : 0);
	e = stmt_exec(st, &changed);
	if (e == APP_OK && changed == 0)
		return APP_ENOTFOUND;
	if (e == APP_OK && disabled) {
		st = store_stmt(s, &Q_KILL_SESSIONS);
		stmt_bind_text(st, 1, login);
		e = stmt_exec(st, NULL);
	}
	return e;
}

static struct query Q_LIST = { "SELECT " ACCT_COLS ACCT_FROM " ORDER BY a.login", NULL, 0 };
static struct query Q_GET = { "SELECT " ACCT_COLS ACCT_FROM " WHERE a.id = $1", NULL, 0 };

enum app_err account_list(struct store *s, struct arena *a, struct account_list *out)
{
	struct stmt *st = store_stmt(s, &Q_LIST);
	size_t cap = 16;
	bool row;
	enum app_err e;

	out->n = 0;
	out->v = NULL;
	if (!st)
		return APP_EDB;
	out->v = arena_alloc(a, cap * sizeof(*out->v));
	while ((e = stmt_step(st, &row)) == APP_OK && row) {
		if (out->n == cap) {
			struct account *nv = arena_alloc(a, 2 * cap * sizeof(*nv));
			memcpy(nv, out->v, cap * sizeof(*nv));
			out->v = nv;
			cap *= 2;
		}
		read_account(st, a, &out->v[out->n++]);
	}
	stmt_done(st);
	return e;
}

enum app_err account_get(struct store *s, struct arena *a, int64_t id, struct account *out)
{
	struct stmt *st = store_stmt(s, &Q_GET);
	bool row;
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, id);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK)
		read_account(st, a, out);
	stmt_done(st);
	return e;
}

/* ---- login ---- */

static struct query Q_FAILS_LOGIN = {
	"SELECT COUNT(*) FROM login_attempt WHERE login = $1 AND ok = 0 AND at > $2"
	" AND id > COALESCE((SELECT MAX(id) FROM login_attempt WHERE login = $1 AND ok = 1), 0)",
	NULL, 0
};
static struct query Q_FAILS_ADDR = { "SELECT COUNT(*) FROM login_attempt WHERE addr = $1 AND ok = 0 AND at > $2", NULL,
				     0 };
static struct query Q_ATTEMPT = { "INSERT INTO login_attempt (login, addr, at, ok) VALUES ($1, $2, $3, $4)", NULL, 0 };
static struct query Q_LOGIN = { "SELECT " ACCT_COLS ", a.pw_hash" ACCT_FROM " WHERE a.login = $1", NULL, 0 };
static struct query Q_TOUCH = { "UPDATE account SET last_login_at = $2 WHERE id = $1", NULL, 0 };

static enum app_err count(struct store *s, struct query *q, const char *key, int64_t since, int64_t *n)
{
	struct stmt *st = store_stmt(s, q);
	bool row;
	enum app_err e;

	*n = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, key);
	stmt_bind_int64(st, 2, since);
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		*n = stmt_col_int64(st, 0);
	stmt_done(st);
	return e;
}

static enum app_err record_attempt(struct store *s, const char *login, const char *addr, bool ok)
{
	struct stmt *st = store_stmt(s, &Q_ATTEMPT);

	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, login);
	stmt_bind_text(st, 2, addr);
	stmt_bind_int64(st, 3, time_now());
	stmt_bind_int64(st, 4, ok ? 1 : 0);
	return stmt_exec(st, NULL);
}

enum app_err account_login(struct store *s, struct arena *a, const char *login, const char *password, const char *addr,
			   struct account *out)
{
	int64_t now = time_now(), by_login = 0, by_addr = 0;
	char hash[crypto_pwhash_STRBYTES] = "";
	const char *lg = login ? login : "";
	char lower[LOGIN_MAX + 1];
	struct stmt *st;
	bool row, found = false, ok;
	enum app_err e;

	if (!addr)
		addr = "";
	if (strlen(lg) > LOGIN_MAX)
		lg = "";
	/* Logins are stored in lower case: "ThuongTin" is "thuongtin". */
	for (size_t i = 0; lg[i]; i++)
		lower[i] = (lg[i] >= 'A' && lg[i] <= 'Z') ? (char)(lg[i] - 'A' + 'a') : lg[i];
	lower[strlen(lg)] = 0;
	lg = lower;
	if (!sodium_ready())
		return APP_EINTERNAL;
	/* A throttled attempt is not checked, but it counts as a failure. */
	if ((e = count(s, &Q_FAILS_LOGIN, lg, now - THROTTLE_WINDOW, &by_login)) != APP_OK ||
	    (e = count(s, &Q_FAILS_ADDR, addr, now - THROTTLE_WINDOW, &by_addr)) != APP_OK)
		return e;
	if (by_login >= THROTTLE_PER_LOGIN || by_addr >= THROTTLE_PER_ADDR) {
		record_attempt(s, lg, addr, false);
		log_info("login", "throttled=1 addr=%s", addr);
		return APP_ETHROTTLED;
	}

	if (!(st = store_stmt(s, &Q_LOGIN)))
		return APP_EDB;
	stmt_bind_text(st, 1, lg);
	e = stmt_step(st, &row);
	if (e == APP_OK && row) {
		const char *h = stmt_col_text(st, 10);
		read_account(st, a, out);
		if (h && strlen(h) < sizeof(hash)) {
			memcpy(hash, h, strlen(h) + 1);
			found = true;
		}
	}
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (!found) {
		const char *d = dummy_hash();
		if (d)
			memcpy(hash, d, strlen(d) + 1);
	}
	ok = password && hash[0] && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && found &&
	     !out->disabled;
	sodium_memzero(hash, sizeof(hash));
	if ((e = record_attempt(s, lg, addr, ok)) != APP_OK)
		return e;
	if (!ok) {
		memset(out, 0, sizeof(*out));
		log_info("login", "ok=0 login=\"%s\" addr=%s", login_valid(lg) ? lg : "?", addr);
		return APP_EAUTH;
	}
	st = store_stmt(s, &Q_TOUCH);
	stmt_bind_int64(st, 1, out->id);
	stmt_bind_int64(st, 2, now);
	if ((e = stmt_exec(st, NULL)) != APP_OK)
		return e;
	out->last_login_at = now;
	log_info("login", "ok=1 login=\"%s\" addr=%s", lg, addr);
	return APP_OK;
}

/* ---- sessions ---- */

static bool random_token(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	if (!sodium_ready())
		return false;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return strlen(out) == TOKEN_LEN;
}

static void token_hash(const char *token, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

static struct query Q_SESSION_ADD = { "INSERT INTO session (token_hash, kind, account_id, csrf, created_at, expires_at)"
				      " VALUES ($1, $2, $3, $4, $5, $6)",
				      NULL, 0 };

enum app_err session_create(struct store *s, int64_t account_id, enum session_kind kind, char token[TOKEN_LEN + 1],
			    char csrf[TOKEN_LEN + 1])
{
	char hex[65];
	int64_t now = time_now();
	struct stmt *st;
	enum app_err e;

	token[0] = 0;
	if (csrf)
		csrf[0] = 0;
	if (!random_token(token))
		return APP_EINTERNAL;
	if (kind == SESSION_WEB && csrf && !random_token(csrf))
		return APP_EINTERNAL;
	token_hash(token, hex);
	if (!(st = store_stmt(s, &Q_SESSION_ADD)))
		return APP_EDB;
	stmt_bind_text(st, 1, hex);
	stmt_bind_text(st, 2, kind == SESSION_WEB ? "web" : "api");
	stmt_bind_int64(st, 3, account_id);
	stmt_bind_text(st, 4, kind == SESSION_WEB && csrf ? csrf : NULL);
	stmt_bind_int64(st, 5, now);
	stmt_bind_int64(st, 6, now + (kind == SESSION_WEB ? SESSION_TTL_WEB : SESSION_TTL_API));
	e = stmt_exec(st, NULL);
	if (e != APP_OK) {
		sodium_memzero(token, TOKEN_LEN + 1);
		if (csrf)
			sodium_memzero(csrf, TOKEN_LEN + 1);
		if (e == APP_EINVAL)
			e = APP_ENOTFOUND; /* no such account */
	}
	return e;
}

static struct query Q_SESSION_GET = { "SELECT " ACCT_COLS
				      ", x.csrf, x.expires_at FROM session x JOIN account a ON a.id = x.account_id"
				      " JOIN unit u ON u.id = a.unit_id WHERE x.token_hash = $1 AND x.kind = $2",
				      NULL, 0 };

enum app_err session_lookup(struct store *s, struct arena *a, const char *token, enum session_kind kind,
			    struct account *acct, char csrf[TOKEN_LEN + 1])
{
	char hex[65];
	struct stmt *st;
	bool row;
	enum app_err e;

	if (csrf)
		csrf[0] = 0;
	memset(acct, 0, sizeof(*acct));
	if (!token || strlen(token) != TOKEN_LEN || !sodium_ready())
		return APP_EAUTH;
	token_hash(token, hex);
	if (!(st = store_stmt(s, &Q_SESSION_GET)))
		return APP_EDB;
	stmt_bind_text(st, 1, hex);
	stmt_bind_text(st, 2, kind == SESSION_WEB ? "web" : "api");
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_EAUTH;
	if (e == APP_OK) {
		read_account(st, a, acct);
		if (acct->disabled || stmt_col_int64(st, 11) <= time_now()) {
			e = APP_EAUTH;
		} else if (csrf) {
			const char *c = stmt_col_text(st, 10);
			if (c && strlen(c) == TOKEN_LEN)
				memcpy(csrf, c, TOKEN_LEN + 1);
		}
	}
	stmt_done(st);
	if (e != APP_OK)
		memset(acct, 0, sizeof(*acct));
	return e;
}

static struct query Q_SESSION_DEL = { "DELETE FROM session WHERE token_hash = $1", NULL, 0 };

enum app_err session_delete(struct store *s, const char *token)
{
	char hex[65];
	struct stmt *st;

	if (!token || !sodium_ready())
		return APP_OK;
	token_hash(token, hex);
	if (!(st = store_stmt(s, &Q_SESSION_DEL)))
		return APP_EDB;
	stmt_bind_text(st, 1, hex);
	return stmt_exec(st, NULL);
}

static struct query Q_SWEEP_SESSIONS = { "DELETE FROM session WHERE expires_at <= $1", NULL, 0 };
static struct query Q_SWEEP_ATTEMPTS = { "DELETE FROM login_attempt WHERE at < $1", NULL, 0 };

enum app_err session_sweep(struct store *s)
{
	int64_t now = time_now();
	struct stmt *st = store_stmt(s, &Q_SWEEP_SESSIONS);
	enum app_err e;

	if (!st)
		return APP_EDB;
	stmt_bind_int64(st, 1, now);
	if ((e = stmt_exec(st, NULL)) != APP_OK)
		return e;
	st = store_stmt(s, &Q_SWEEP_ATTEMPTS);
	stmt_bind_int64(st, 1, now - 2 * THROTTLE_WINDOW);
	return stmt_exec(st, NULL);
}

/* ---- access ---- */

enum app_err access_can_read(struct store *s, const struct account *a, int64_t unit_id, bool *ok)
{
	*ok = false;
	if (!a || a->disabled || !a->unit_id)
		return APP_OK;
	return unit_within(s, unit_id, a->unit_id, ok);
}

enum app_err access_can_write(struct store *s, const struct account *a, int64_t unit_id, bool *ok)
{
	enum app_err e;

	*ok = false;
	if (!a || !role_can_write(a->role))
		return APP_OK;
	e = access_can_read(s, a, unit_id, ok);
	return e;
}

/* ---- first administrator ---- */

static struct query Q_HAS_ADMIN = { "SELECT COUNT(*) FROM account WHERE role = 'admin'", NULL, 0 };

enum app_err account_bootstrap_admin(struct store *s, char **generated)
{
	struct arena a;
	struct unit root;
	struct stmt *st;
	const char *env = getenv("GIAMSAT_ADMIN_PASSWORD");
	char pw[TOKEN_LEN + 1];
	const char *why = NULL;
	bool row;
	int64_t n = 0;
	enum app_err e;

	*generated = NULL;
	if (!(st = store_stmt(s, &Q_HAS_ADMIN)))
		return APP_EDB;
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		n = stmt_col_int64(st, 0);
	stmt_done(st);
	if (e != APP_OK)
		return e;
	if (n > 0)
		return APP_EEXIST;
	arena_init(&a);
	e = unit_root(s, &a, &root);
	if (e != APP_OK) {
		arena_release(&a);
		return e;
	}
	if (env && *env) {
		e = account_add(s, "admin", "Quản trị viên", ROLE_ADMIN, root.code, env, NULL, &why);
	} else {
		if (!random_token(pw)) {
			arena_release(&a);
			return APP_EINTERNAL;
		}
		pw[20] = 0; /* 20 base64url characters: 120 bits */
		e = account_add(s, "admin", "Quản trị viên", ROLE_ADMIN, root.code, pw, NULL, &why);
		if (e == APP_OK)
			*generated = xstrdup(pw);
		sodium_memzero(pw, sizeof(pw));
	}
	if (e == APP_EINVAL && why)
		log_error("bootstrap_admin", "error=\"%s\"", why);
	arena_release(&a);
	return e;
}
