/* libFuzzer target for the RFC 4180 reader: every input ends in a record,
 * the end, or an error with a message; field counts and lengths are bounded. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	const char *const *f;
	size_t n, total = 0;
	enum app_err e;

	csv_init(&c, (const char *)data, size);
	while ((e = csv_next(&c, &f, &n)) == APP_OK) {
		assert(n >= 1 && n <= CSV_MAX_FIELDS);
		for (size_t i = 0; i < n; i++)
			total += strlen(f[i]);
		assert(total <= size);
	}
	assert(e == APP_ENOTFOUND || c.error != NULL);
	csv_release(&c);
	return 0;
}
