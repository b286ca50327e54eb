/* Fuzz the document readers (text, .docx, .xlsx) and the plan check. */
#include <stdint.h>
#include <stdlib.h>

#include "ingest/idoc.h"
#include "model/plan_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct idoc d;
	struct plan_report r;
	struct arena a;
	const char *why;

	if (idoc_read_mem(data, size, &d, &why) != APP_OK) {
		if (!why)
			abort(); /* every refusal says why */
		return 0;
	}
	arena_init(&a);
	plan_check(&d, &a, &r);
	for (size_t i = 0; i < r.n; i++)
		if (!r.tasks[i].number || !r.tasks[i].content)
			abort();
	arena_release(&a);
	idoc_release(&d);
	return 0;
}
