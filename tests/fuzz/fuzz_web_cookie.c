/* libFuzzer target for the Cookie header parser: never crashes; names are
 * never empty; values never hold ';'; at most WEB_FIELDS_MAX pairs. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kv_list l = { 0 };
	enum app_err e;

	arena_init(&a);
	e = web_parse_cookies((const char *)data, size, &a, &l);
	assert(e == APP_OK || e == APP_EINVAL || e == APP_ETOOBIG);
	assert(l.n <= WEB_FIELDS_MAX);
	for (size_t i = 0; i < l.n; i++) {
		assert(l.v[i].k[0] != '\0');
		assert(!strchr(l.v[i].k, ';') && !strchr(l.v[i].v, ';'));
		assert(!strchr(l.v[i].k, '='));
	}
	arena_release(&a);
	return 0;
}
