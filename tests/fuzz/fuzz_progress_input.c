/*
** Fuzz what clients send to the progress pages and API: the JSON body of
** POST /api/v1/values (prog_value_json) and the period of ?ky=
** (prog_ky_valid, prog_period_for). Never crash; an accepted body has a
** unit and a period and at most 20 evidence entries, each with a hash and
** a file name; an accepted period maps to a period of each indicator kind
** of the right shape.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/indicator.h"
#include "model/progress.h"
#include "util/util.h"
#include "web/page_progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t LEN[PER_COUNT] = { 7, 7, 4, 9 }; /* month, quarter, year, term */
	struct arena a;
	struct value_new v;
	struct value_evidence *ev;
	size_t nev;
	const char *why = NULL;
	char buf[64];

	arena_init(&a);
	if (prog_value_json((const char *)data, size, &a, &v, &ev, &nev, &why) == APP_OK) {
		if (!v.unit_code || !v.period || nev > 20)
			abort();
		for (size_t i = 0; i < nev; i++)
			if (!ev[i].hash || !ev[i].filename || ev[i].data)
				abort();
	} else if (!why) {
		abort();
	}
	if (size < sizeof(buf)) {
		memcpy(buf, data, size);
		buf[size] = '\0';
		if (prog_ky_valid(buf))
			for (int k = 0; k < PER_COUNT; k++) {
				struct indicator x = { .period = (enum ind_period)k };
				const char *p = prog_period_for(&a, &x, buf);
				if (!p || strlen(p) != LEN[k])
					abort();
			}
	}
	arena_release(&a);
	return 0;
}
