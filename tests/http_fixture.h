/*
** The shared set-up of the HTTP tests (tests/unit/http_fixture.c): a fresh
** migrated store with the units and accounts a test file lists, and a real
** server on 127.0.0.1 port 0. Each test file keeps its own struct fx with the
** ids it adds on top; only the repeated steps live here.
*/
#ifndef GIAMSAT_TEST_HTTP_FIXTURE_H
#define GIAMSAT_TEST_HTTP_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/account.h"
#include "model/unit.h"
#include "store/store.h"
#include "web/web.h"

/* The password of every fixture account. */
#define FX_PW "Mat-khau-2025"

/* A unit to add, parents before children. parent, valid_to: NULL for none. */
struct fx_unit {
	const char *code, *name, *parent, *valid_to;
	enum unit_kind kind;
	bool demo;
};

/* An account with password FX_PW. name: the display name, NULL for the login. */
struct fx_acct {
	const char *login;
	enum role role;
	const char *unit;
	const char *name;
};

/*
** Open test_db_url() with the fast test password hash, migrate it, add the
** nu units and the na accounts in order. Every step is CHECKed, so a failure
** is recorded in the running test. Returns the store (the caller closes it
** with store_close), or NULL when it cannot be opened.
*/
struct store *fx_store(const struct fx_unit *u, size_t nu, const struct fx_acct *a, size_t na);

/*
** Start app on 127.0.0.1 port 0 with 2 worker threads and no request log;
** trust_proxy as in struct web_server_opts. *srv, *port receive the server
** (stop it with web_server_stop) and its port; failures are CHECKed.
** True when the server runs.
*/
bool fx_serve(struct web *app, bool trust_proxy, struct web_server **srv, int *port);

#endif
