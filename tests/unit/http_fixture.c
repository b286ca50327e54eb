/* The shared set-up of the HTTP tests (see tests/http_fixture.h). */
#include "test.h"
#include "http_fixture.h"

struct store *fx_store(const struct fx_unit *u, size_t nu, const struct fx_acct *a, size_t na)
{
	struct store *s = NULL;

	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < nu; i++) {
		struct unit_new n = { .code = u[i].code,
				      .name = u[i].name,
				      .kind = u[i].kind,
				      .parent_code = u[i].parent,
				      .valid_to = u[i].valid_to,
				      .demo = u[i].demo };
		CHECK_INT(unit_add(s, &n, NULL, NULL), APP_OK);
	}
	for (size_t i = 0; i < na; i++)
		CHECK_INT(account_add(s, a[i].login, a[i].name ? a[i].name : a[i].login, a[i].role, a[i].unit, FX_PW,
				      NULL, NULL),
			  APP_OK);
	return s;
}

bool fx_serve(struct web *app, bool trust_proxy, struct web_server **srv, int *port)
{
	struct web_server_opts o = { .listen = "127.0.0.1:0", .threads = 2, .quiet = true, .trust_proxy = trust_proxy };

	*srv = NULL;
	*port = 0;
	CHECK_INT(web_server_start(app, &o, srv, port), APP_OK);
	CHECK(*port > 0);
	return *srv != NULL;
}
