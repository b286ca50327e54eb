/* Fuzz the cascade's parsers: deadlines written in plans and attachment sniffing. */
#include <stddef.h>
#include <stdint.h>

#include "model/attachment.h"
#include "model/plan.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), out[11];
	const char *why;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)plan_deadline_parse(s, out);
	(void)attachment_sniff(data, size, &why);
	free(s);
	return 0;
}
