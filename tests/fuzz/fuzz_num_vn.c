/*
** Fuzz the number reader of the progress form (prog_parse_num): never
** crash; an accepted number is finite, and what num_format_vn writes of it
** reads back to the same value.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "web/page_progress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[128], out[96];
	double v, w;

	if (size >= sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (!prog_parse_num(buf, &v))
		return 0;
	if (!isfinite(v))
		abort();
	if (fabs(v) < 1e12) {
		num_format_vn(v, 2, out, sizeof(out));
		if (!prog_parse_num(out, &w) || fabs(w - v) > 0.006)
			abort();
	}
	return 0;
}
