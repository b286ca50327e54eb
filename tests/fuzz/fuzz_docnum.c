/* Fuzz the document-number parser: never crash; accepted numbers reparse to themselves. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/docnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256];
	struct docnum d, d2;
	enum docnum_reason why;

	if (size >= sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (docnum_parse(buf, &d, &why) == APP_OK) {
		/* the canonical form is a fixed point */
		if (docnum_parse(d.canonical, &d2, &why) != APP_OK)
			abort();
		if (strcmp(d.canonical, d2.canonical) != 0 || d2.nnotes != 0)
			abort();
	} else if (why == DOCNUM_R_NONE) {
		abort();
	}
	return 0;
}
