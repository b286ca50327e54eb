/*
** Fuzz what the cascade's pages and API read from users (page_cascade.c,
** page_plan_api.c): numbers typed the Vietnamese way (pc_parse_num) and
** the JSON bodies of the API (a task, a directive, an indicator, adopted
** indicators, a new plan, a reason). Never crashes. A number read is
** finite and within the bound, and formatting it the Vietnamese way reads
** back to the same value (to its two decimals). A body read has only
** strings without NUL, enums in their range, at most DIRECTIVE_MAX_LINKS
** links; a refused one returns nothing and a reason with 400 or 422. The
** first byte picks the body's kind; every input is also tried as a number.
*/
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "web/page_cascade.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void str_ok(const char *s, size_t size)
{
	assert(!s || strlen(s) <= size);
}

static void refused(enum app_err e, int status, const char *why)
{
	assert(e == APP_EINVAL && (status == 400 || status == 422) && why && *why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), fmt[64];
	const char *body = (const char *)data + 1, *why = NULL;
	size_t n = size ? size - 1 : 0;
	double v, back;
	struct arena a;
	int status = 0;
	enum app_err e;

	memcpy(s, data, size);
	s[size] = '\0';
	if (pc_parse_num(s, &v)) {
		assert(isfinite(v) && fabs(v) < 1e15);
		num_format_vn(v, 2, fmt, sizeof(fmt));
		assert(pc_parse_num(fmt, &back));
		assert(fabs(back - v) <= 0.006 + fabs(v) * 1e-12);
	}
	free(s);
	if (!size)
		return 0;
	arena_init(&a);
	switch (data[0] % 6) {
	case 0: {
		struct task_new t;
		const char *bad = NULL;
		e = pc_task_from_json(body, n, &a, &t, &bad);
		if (e == APP_OK) {
			const char *f[] = { t.number,         t.content, t.lead,     t.cooperate,     t.process,
					    t.responsibility, t.result,  t.deadline, t.indicator_code };
			assert(bad == NULL);
			for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
				str_ok(f[i], n);
		} else
			assert(!t.content && !t.lead && !t.deadline);
		break;
	}
	case 1: {
		struct pc_directive_in d;
		e = pc_directive_from_json(body, n, &a, &d, &status, &why);
		if (e == APP_OK) {
			assert(d.nlinks >= 0 && d.nlinks <= DIRECTIVE_MAX_LINKS);
			str_ok(d.number, n);
			str_ok(d.title, n);
			for (int i = 0; i < d.nlinks; i++)
				assert(d.links[i].number && (unsigned)d.links[i].rel < REL_COUNT);
		} else {
			refused(e, status, why);
			assert(!d.number && !d.nlinks);
		}
		break;
	}
	case 2: {
		struct indicator_new x;
		e = pc_indicator_from_json(body, n, &a, &x, &status, &why);
		if (e == APP_OK) {
			assert((unsigned)x.dir <= IND_DOWN && (unsigned)x.period < PER_COUNT &&
			       (unsigned)x.agg < AGG_COUNT);
			assert(x.kinds < (1u << UNIT_KIND_COUNT));
			str_ok(x.code, n);
		} else {
			refused(e, status, why);
			assert(!x.code && !x.kinds);
		}
		break;
	}
	case 3: {
		struct pc_adopt_in *in;
		size_t nv;
		e = pc_adopt_from_json(body, n, &a, &in, &nv, &status, &why);
		if (e == APP_OK)
			for (size_t i = 0; i < nv; i++)
				assert(in[i].code && strlen(in[i].code) <= n && (!in[i].has || isfinite(in[i].v)));
		else {
			refused(e, status, why);
			assert(!in && !nv);
		}
		break;
	}
	case 4: {
		int64_t dir;
		const char *title, *date;
		e = pc_plan_from_json(body, n, &a, &dir, &title, &date, &status, &why);
		if (e == APP_OK)
			assert(dir > 0);
		else {
			refused(e, status, why);
			assert(!dir && !title && !date);
		}
		break;
	}
	default: {
		const char *reason;
		e = pc_reason_from_json(body, n, &a, "reason", &reason, &status, &why);
		if (e == APP_OK)
			str_ok(reason, n);
		else {
			refused(e, status, why);
			assert(!reason);
		}
	}
	}
	arena_release(&a);
	return 0;
}
