/* libFuzzer target for the urlencoded form/query parser: never crashes;
 * on success every name and value is valid UTF-8 without NUL, at most
 * WEB_FIELDS_MAX fields, and decoding never makes text longer. The
 * HTML writer's %h and %u run over every value too. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "text/text.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kv_list l = { 0 };
	enum app_err e;

	arena_init(&a);
	e = web_parse_urlencoded((const char *)data, size, &a, &l);
	assert(e == APP_OK || e == APP_EINVAL || e == APP_ETOOBIG);
	assert(l.n <= WEB_FIELDS_MAX);
	if (e == APP_OK) {
		for (size_t i = 0; i < l.n; i++) {
			size_t kn = strlen(l.v[i].k), vn = strlen(l.v[i].v);
			assert(text_utf8_valid(l.v[i].k, kn, NULL));
			assert(text_utf8_valid(l.v[i].v, vn, NULL));
			struct sbuf b;
			sbuf_init(&b, 0);
			HTML(&b, "<a href=\"/x?q=%u\" title=\"%h\">%h</a>", l.v[i].v, l.v[i].k, l.v[i].v);
			/* nothing a field holds can open or close a tag or attribute:
			 * the only < > " are the template's own */
			size_t lt = 0, gt = 0, q = 0;
			for (const char *c = b.buf; *c; c++) {
				lt += *c == '<';
				gt += *c == '>';
				q += *c == '"';
			}
			assert(lt == 2 && gt == 2 && q == 4);
			sbuf_release(&b);
		}
	}
	arena_release(&a);
	return 0;
}
