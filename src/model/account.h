/*
** Accounts, sessions and login throttling. Each account has a role and is
** scoped to one unit: it sees and changes only that unit's subtree.
** Passwords are hashed with argon2id (libsodium); tokens are random and
** stored only as hashes.
*/
#ifndef GIAMSAT_MODEL_ACCOUNT_H
#define GIAMSAT_MODEL_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

struct store;

enum role { ROLE_ADMIN = 0, ROLE_LEADER, ROLE_INSPECTOR, ROLE_STAFF, ROLE_VIEWER, ROLE_COUNT };

/* "admin", "leader", "inspector", "staff", "viewer". */
const char *role_code(enum role r);
/* "Quản trị viên", "Lãnh đạo", "Kiểm tra viên", "Cán bộ đơn vị", "Người xem". */
const char *role_vi(enum role r);
bool role_parse(const char *code, enum role *out);
/* True when the role may change data in its scope (not viewer). */
bool role_can_write(enum role r);

struct account {
	int64_t id;
	const char *login;
	const char *display_name;
	enum role role;
	int64_t unit_id; /* scope */
	const char *unit_code;
	const char *unit_name;
	bool disabled;
	int64_t created_at, last_login_at;
};

struct account_list {
	struct account *v;
	size_t n;
};

#define PASSWORD_MIN_LEN 10

/*
** Create an account. APP_EINVAL (with *why, Vietnamese, static) for a bad
** login, a password shorter than PASSWORD_MIN_LEN or an unknown unit;
** APP_EEXIST when the login is taken.
*/
enum app_err account_add(struct store *s, const char *login, const char *display_name, enum role r,
			 const char *unit_code, const char *password, int64_t *id, const char **why);
enum app_err account_set_password(struct store *s, const char *login, const char *password, const char **why);
enum app_err account_set_disabled(struct store *s, const char *login, bool disabled);
enum app_err account_list(struct store *s, struct arena *a, struct account_list *out);
enum app_err account_get(struct store *s, struct arena *a, int64_t id, struct account *out);

/*
** Check a login and password. APP_OK fills *out; APP_EAUTH for a wrong
** login or password or a disabled account (one message for all, so logins
** cannot be probed); APP_ETHROTTLED after too many failures for this login
** or from this address in the recent window (the attempt is not checked).
** Every attempt is recorded for throttling.
*/
enum app_err account_login(struct store *s, struct arena *a, const char *login, const char *password, const char *addr,
			   struct account *out);

/* Sessions: browser sessions (with a CSRF token) and API tokens. */
enum session_kind { SESSION_WEB = 0, SESSION_API };

#define SESSION_TTL_WEB (12 * 3600)
#define SESSION_TTL_API (24 * 3600)
#define TOKEN_LEN 43 /* base64url of 32 random bytes */

/*
** Start a session for account_id. token and csrf receive NUL-terminated
** base64url strings (csrf may be NULL for API sessions). Only a hash of the
** token is stored.
*/
enum app_err session_create(struct store *s, int64_t account_id, enum session_kind kind, char token[TOKEN_LEN + 1],
			    char csrf[TOKEN_LEN + 1]);
/*
** Look up a live session: APP_OK fills *acct and, for web sessions, csrf;
** APP_EAUTH when unknown, expired or the account is disabled.
*/
enum app_err session_lookup(struct store *s, struct arena *a, const char *token, enum session_kind kind,
			    struct account *acct, char csrf[TOKEN_LEN + 1]);
enum app_err session_delete(struct store *s, const char *token);
/* Remove expired sessions and old login attempts. */
enum app_err session_sweep(struct store *s);

/*
** Access rule for the whole product: may account a read (write) data of
** unit_id? Read: unit_id within a's scope subtree. Write: the same and a
** role that can write. Inspectors and leaders of the root read everything.
*/
enum app_err access_can_read(struct store *s, const struct account *a, int64_t unit_id, bool *ok);
enum app_err access_can_write(struct store *s, const struct account *a, int64_t unit_id, bool *ok);

/*
** First administrator, at database creation: login "admin" scoped to the
** root unit, with the password from GIAMSAT_ADMIN_PASSWORD or a generated
** one written to *generated (malloc'd; the caller prints it once and frees
** it). APP_EEXIST if an administrator exists already.
*/
enum app_err account_bootstrap_admin(struct store *s, char **generated);

/*
** Tests only: hash new passwords with argon2id's minimum cost so that a
** test suite can create accounts quickly. Verification reads the cost from
** each stored hash, so nothing else changes. Never call it in the product.
*/
void account_testing_fast_hash(void);

#endif
