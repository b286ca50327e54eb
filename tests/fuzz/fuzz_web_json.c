/* libFuzzer target for the API's body parsing (POST /api/v1/session):
 * never crashes; success means two strings, the login valid UTF-8 NFC;
 * failure means a Vietnamese reason and no strings. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	const char *login, *password, *why;
	enum app_err e;

	arena_init(&a);
	e = web_parse_login_json((const char *)data, size, &a, &login, &password, &why);
	if (e == APP_OK) {
		assert(login && password && !why);
		assert(text_utf8_valid(login, strlen(login), NULL));
	} else {
		assert(e == APP_EINVAL && !login && !password && why && *why);
	}
	arena_release(&a);
	return 0;
}
