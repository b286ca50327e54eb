/* libFuzzer target for the JSON body of POST /api/v1/findings/ID/reports
 * (fu_parse_report_json, page_followup_api.c). Never crashes; on success
 * every string is valid UTF-8 without NUL and the evidence decoded from
 * base64 is no longer than the body; on failure nothing is returned and a
 * Vietnamese reason is. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "model/inspect.h"
#include "text/text.h"
#include "web/page_followup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	const char *date, *text, *why;
	struct evidence_in *ev;
	size_t nev;
	enum app_err e;

	arena_init(&a);
	e = fu_parse_report_json((const char *)data, size, &a, &date, &text, &ev, &nev, &why);
	if (e == APP_OK) {
		assert(why == NULL);
		assert(!date || text_utf8_valid(date, strlen(date), NULL));
		assert(!text || text_utf8_valid(text, strlen(text), NULL));
		for (size_t i = 0; i < nev; i++) {
			assert(ev[i].n <= size);
			assert(!ev[i].filename || text_utf8_valid(ev[i].filename, strlen(ev[i].filename), NULL));
		}
	} else {
		assert(e == APP_EINVAL && why && !date && !text && !ev && nev == 0);
	}
	arena_release(&a);
	return 0;
}
