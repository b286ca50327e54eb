/* libFuzzer target for the inputs of the inspection API and risk form
 * (page_inspect_api.c, page_inspect_risk.c): pi_json_fields on the JSON
 * body of a write, and pi_parse_weight on a typed weight. Never crashes;
 * on success every field is valid UTF-8 without NUL and no longer than
 * the body allows after NFC; on failure no field is returned and a
 * Vietnamese reason is. The first byte picks the field list. */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "web/page_inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const F_INSP[] = { "kind",    "unit",    "title",  "subjects",  "decision_no",
				      "purpose", "content", "method", "date_from", "date_to" };
static const char *const F_FIND[] = { "content",          "cause_kind", "cause",   "addressee_unit",
				      "addressee_person", "remedy",     "deadline" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	const char *v[10], *why = NULL;
	const char *const *names;
	size_t n;
	int64_t year = -1;
	bool want_year;
	enum app_err e;

	if (!size)
		return 0;
	want_year = data[0] & 1;
	names = (data[0] & 2) ? F_FIND : F_INSP;
	n = (data[0] & 2) ? sizeof(F_FIND) / sizeof(*F_FIND) : sizeof(F_INSP) / sizeof(*F_INSP);
	arena_init(&a);
	e = pi_json_fields((const char *)data + 1, size - 1, data[0] & 4, &a, names, n, v, want_year ? &year : NULL,
			   &why);
	if (e == APP_OK) {
		assert(why == NULL);
		for (size_t i = 0; i < n; i++)
			assert(!v[i] || text_utf8_valid(v[i], strlen(v[i]), NULL));
		assert(!want_year || (year >= 0 && year <= 99999));
	} else {
		assert(e == APP_EINVAL && why != NULL);
		for (size_t i = 0; i < n; i++)
			assert(v[i] == NULL);
	}
	arena_release(&a);

	/* the same bytes as a typed weight */
	{
		char *s = malloc(size);
		double w = 0;

		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		if (pi_parse_weight(s, &w))
			assert(isfinite(w));
		free(s);
	}
	return 0;
}
