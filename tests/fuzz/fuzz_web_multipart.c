/* libFuzzer target for the multipart/form-data parser. The first line of
 * the input (up to '\n') is the Content-Type header, the rest the body.
 * Never crashes; on success every text field and file name is valid UTF-8
 * without NUL, at most WEB_FIELDS_MAX parts, and every file's bytes lie
 * inside the body. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct arena a;
	struct kv_list form = { 0 };
	struct upload_list files = { 0 };
	enum app_err e;
	char *ct;
	const char *body;
	size_t n;

	if (!nl)
		return 0;
	ct = strndup((const char *)data, (size_t)(nl - (const char *)data));
	body = nl + 1;
	n = size - (size_t)(body - (const char *)data);
	arena_init(&a);
	e = web_parse_multipart(body, n, ct, &a, &form, &files);
	assert(e == APP_OK || e == APP_EINVAL || e == APP_ETOOBIG);
	assert(form.n + files.n <= WEB_FIELDS_MAX);
	if (e == APP_OK) {
		for (size_t i = 0; i < form.n; i++) {
			assert(text_utf8_valid(form.v[i].k, strlen(form.v[i].k), NULL));
			assert(text_utf8_valid(form.v[i].v, strlen(form.v[i].v), NULL));
		}
		for (size_t i = 0; i < files.n; i++) {
			const struct upload *u = &files.v[i];
			assert(text_utf8_valid(u->name, strlen(u->name), NULL));
			assert(text_utf8_valid(u->filename, strlen(u->filename), NULL));
			assert(!strchr(u->filename, '/') && !strchr(u->filename, '\\'));
			assert(u->data >= body && u->data + u->len <= body + n);
		}
	}
	arena_release(&a);
	free(ct);
	return 0;
}
