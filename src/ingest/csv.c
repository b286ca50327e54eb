/*
** RFC 4180 CSV reader. Written here rather than taken from a library:
** Debian's libcsv is small but permissive in ways we do not want (it
** accepts stray quotes silently) and reports no line numbers, and an
** import that names the bad row needs both.
*/
#include "ingest/csv.h"

#include "util/util.h"

void csv_init(struct csv *c, const char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->p = data;
	c->end = data + len;
	c->line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

void csv_release(struct csv *c)
{
	free(c->buf);
	free(c->offs);
	free(c->fields);
	c->buf = NULL;
	c->offs = NULL;
	c->fields = NULL;
}

static void put(struct csv *c, char ch)
{
	if (c->buflen + 1 >= c->bufcap) {
		c->bufcap = c->bufcap ? c->bufcap * 2 : 256;
		c->buf = xrealloc(c->buf, c->bufcap);
	}
	c->buf[c->buflen++] = ch;
}

static enum app_err end_field(struct csv *c, size_t start)
{
	if (c->buflen - start > CSV_MAX_FIELD) {
		c->error = "field too long";
		return APP_ETOOBIG;
	}
	if (c->nfields == CSV_MAX_FIELDS) {
		c->error = "too many fields";
		return APP_ETOOBIG;
	}
	put(c, 0);
	if (c->nfields == c->capfields) {
		c->capfields = c->capfields ? c->capfields * 2 : 16;
		c->offs = xrealloc(c->offs, c->capfields * sizeof(*c->offs));
	}
	c->offs[c->nfields++] = start;
	return APP_OK;
}

enum app_err csv_next(struct csv *c, const char *const **fields, size_t *n)
{
	enum app_err e;

	*fields = NULL;
	*n = 0;
	c->error = NULL;
	/* Skip blank lines. */
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return APP_ENOTFOUND;
	c->rec_line = c->line;
	c->buflen = 0;
	c->nfields = 0;
	for (;;) {
		size_t start = c->buflen;

		if (c->p < c->end && *c->p == '"') {
			/* Quoted field. */
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					c->error = "unterminated quoted field";
					return APP_EINVAL;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						put(c, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == 0) {
					c->error = "NUL byte in the data";
					return APP_EINVAL;
				}
				if (*c->p == '\n')
					c->line++;
				put(c, *c->p++);
				if (c->buflen - start > CSV_MAX_FIELD) {
					c->error = "field too long";
					return APP_ETOOBIG;
				}
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    !(*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n'))) {
				c->error = "text after a closing quote";
				return APP_EINVAL;
			}
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				if (*c->p == '"') {
					c->error = "quote inside an unquoted field";
					return APP_EINVAL;
				}
				if (*c->p == 0) {
					c->error = "NUL byte in the data";
					return APP_EINVAL;
				}
				put(c, *c->p++);
				if (c->buflen - start > CSV_MAX_FIELD) {
					c->error = "field too long";
					return APP_ETOOBIG;
				}
			}
			if (c->p < c->end && *c->p == '\r' && c->p + 1 < c->end && c->p[1] != '\n') {
				c->error = "carriage return inside a field";
				return APP_EINVAL;
			}
		}
		if ((e = end_field(c, start)) != APP_OK)
			return e;
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		/* End of record: \r\n, \n, a final \r, or the end of the data. */
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n') {
			c->p++;
			c->line++;
		}
		break;
	}
	c->fields = xrealloc(c->fields, c->capfields * sizeof(*c->fields));
	for (size_t i = 0; i < c->nfields; i++)
		c->fields[i] = c->buf + c->offs[i];
	c->records++;
	*fields = c->fields;
	*n = c->nfields;
	return APP_OK;
}
