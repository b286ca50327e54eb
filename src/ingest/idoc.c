/* Reading a document: format detection, plain text, the block list. */
#include "util/util.h"
#include "idoc.h"
#include "idoc_int.h"

#include "text/text.h"

void idoc_init(struct idoc *d, const char *format)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena);
	d->format = format;
}

void idoc_release(struct idoc *d)
{
	free(d->v);
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

struct idoc_block *idoc_push(struct idoc *d, enum idoc_kind kind)
{
	struct idoc_block *b;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	b = &d->v[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->list_level = -1;
	b->text = "";
	return b;
}

/*
** Normalise text read from a file part into the arena: canonical NFC, tabs
** and non-breaking spaces to spaces, runs of spaces collapsed, trimmed.
** Line breaks inside are kept as '\n'. Invalid UTF-8 yields "".
*/
const char *idoc_clean(struct idoc *d, const char *s, size_t n)
{
	size_t len, o = 0;
	char *norm = text_normalize(s, n, &len), *out;
	bool space = false;

	if (!norm)
		return "";
	out = arena_alloc(&d->arena, len + 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)norm[i];

		if (c == 0xC2 && i + 1 < len && (unsigned char)norm[i + 1] == 0xA0) {
			i++;
			c = ' ';
		}
		if (c == '\r')
			continue;
		if (c == ' ' || c == '\t') {
			space = o > 0;
			continue;
		}
		if (c == '\n') {
			while (o > 0 && out[o - 1] == ' ')
				o--;
			if (o > 0 && out[o - 1] != '\n')
				out[o++] = '\n';
			space = false;
			continue;
		}
		if (space && o > 0 && out[o - 1] != '\n')
			out[o++] = ' ';
		space = false;
		out[o++] = (char)c;
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	free(norm);
	return out;
}

/* Plain text: one paragraph per non-empty line. */
static enum app_err read_text(const void *data, size_t n, struct idoc *out, const char **why)
{
	struct text_buf tb;
	enum app_err e = text_decode(data, n, TEXT_ENC_UNKNOWN, &tb);
	size_t line = 0;
	const char *p, *end;

	if (e != APP_OK) {
		*why = n == 0 ? "the file is empty" : "not a text, .docx or .xlsx file (binary, or no known encoding)";
		return e == APP_ETOOBIG ? e : APP_EINVAL;
	}
	idoc_init(out, "text");
	out->encoding = text_enc_name(tb.enc);
	p = tb.s;
	end = tb.s + tb.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *t;

		line++;
		t = idoc_clean(out, p, (size_t)(stop - p));
		if (*t) {
			struct idoc_block *b = idoc_push(out, IDOC_PARA);
			b->text = t;
			b->line = line;
		}
		p = nl ? nl + 1 : end;
	}
	text_buf_release(&tb);
	return APP_OK;
}

static bool is_zip(const void *data, size_t n)
{
	return n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

enum app_err idoc_read_mem(const void *data, size_t n, struct idoc *out, const char **why)
{
	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (n > IDOC_MAX_BYTES) {
		*why = "the file is larger than 64 MB";
		return APP_ETOOBIG;
	}
	if (n == 0) {
		*why = "the file is empty";
		return APP_EINVAL;
	}
	if (is_zip(data, n))
		return idoc_read_zip(data, n, out, why);
	return read_text(data, n, out, why);
}

enum app_err idoc_read_file(const char *path, struct idoc *out, const char **why)
{
	char *data;
	size_t n;
	enum app_err e = file_read(path, IDOC_MAX_BYTES, &data, &n);

	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (e != APP_OK) {
		*why = e == APP_ENOTFOUND ? "no such file"
		       : e == APP_ETOOBIG ? "the file is larger than 64 MB"
		       : e == APP_EINVAL  ? "not a regular file"
					  : "cannot read the file";
		return e;
	}
	e = idoc_read_mem(data, n, out, why);
	free(data);
	return e;
}
