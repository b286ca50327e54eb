/*
** Fuzz what the cascade's pages and API read from users (page_cascade.c,
** page_plan_api.c): numbers typed the Vietnamese way (pc_parse_num) and
** the JSON of a task (pc_task_from_json). Never crashes; a number read is
** finite and within the bound, and formatting it the Vietnamese way reads
** back to the same value (to its two decimals); a task read has only
** strings without NUL, and a refused one has nothing.
*/
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "web/page_cascade.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), fmt[64];
	double v, back;
	struct arena a;
	struct task_new t;
	const char *bad = NULL;
	enum app_err e;

	memcpy(s, data, size);
	s[size] = '\0';
	if (pc_parse_num(s, &v)) {
		assert(isfinite(v) && fabs(v) < 1e15);
		num_format_vn(v, 2, fmt, sizeof(fmt));
		assert(pc_parse_num(fmt, &back));
		assert(fabs(back - v) <= 0.006 + fabs(v) * 1e-12);
	}
	arena_init(&a);
	e = pc_task_from_json((const char *)data, size, &a, &t, &bad);
	if (e == APP_OK) {
		const char *f[] = { t.number, t.content, t.lead, t.cooperate, t.process, t.responsibility,
				    t.result, t.deadline, t.indicator_code };
		assert(bad == NULL);
		for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			assert(!f[i] || strlen(f[i]) <= size);
	} else
		assert(!t.content && !t.lead && !t.deadline);
	arena_release(&a);
	free(s);
	return 0;
}
