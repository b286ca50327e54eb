/* Evidence attachments: content-addressed, size-limited, type-checked (attachment.h). */
#include "model/attachment.h"

#include <sodium.h>
#include <zip.h>

#include "model/cascade_int.h"

/* Does a zip in memory hold an entry of that name? */
static bool zip_has(const void *data, size_t n, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	bool found = false;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, n, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return false;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return false;
	}
	found = zip_name_locate(z, name, 0) >= 0;
	zip_discard(z);
	zip_error_fini(&ze);
	return found;
}

const char *attachment_sniff(const void *data, size_t n, const char **why)
{
	const unsigned char *b = data;

	*why = NULL;
	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return "image/jpeg";
	if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0) {
		if (zip_has(data, n, "word/document.xml"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (zip_has(data, n, "xl/workbook.xml"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		*why = "Tệp nén không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx).";
		return NULL;
	}
	*why = "Chỉ nhận minh chứng dạng PDF, Word (.docx), Excel (.xlsx), PNG hoặc JPEG.";
	return NULL;
}

static struct query Q_HAS = { "SELECT COUNT(*) FROM blob WHERE hash = $1", NULL, 0 };
static struct query Q_PUT = { "INSERT INTO blob (hash, size, mime, data, created_at) VALUES ($1, $2, $3, $4, $5)", NULL,
			      0 };

enum app_err attachment_put(struct store *s, const void *data, size_t n, char hash[ATTACHMENT_HASH_HEX],
			    const char **mime, const char **why)
{
	unsigned char h[32];
	struct stmt *st;
	int64_t have = 0;
	enum app_err e;

	hash[0] = '\0';
	*why = NULL;
	if (n == 0) {
		*why = "Tệp minh chứng rỗng.";
		return APP_EINVAL;
	}
	if (n > ATTACHMENT_MAX) {
		*why = "Tệp minh chứng vượt quá 20 MB.";
		return APP_ETOOBIG;
	}
	if (!(*mime = attachment_sniff(data, n, why)))
		return APP_EINVAL;
	crypto_generichash(h, sizeof(h), data, n, NULL, 0);
	sodium_bin2hex(hash, ATTACHMENT_HASH_HEX, h, sizeof(h));
	st = store_stmt(s, &Q_HAS);
	if (st)
		stmt_bind_text(st, 1, hash);
	if ((e = model_one_int(st, &have)) != APP_OK || have)
		return e;
	if (!(st = store_stmt(s, &Q_PUT)))
		return APP_EDB;
	stmt_bind_text(st, 1, hash);
	stmt_bind_int64(st, 2, (int64_t)n);
	stmt_bind_text(st, 3, *mime);
	stmt_bind_blob(st, 4, data, n);
	stmt_bind_int64(st, 5, time_now());
	e = stmt_exec(st, NULL);
	return e == APP_EEXIST ? APP_OK : e; /* stored meanwhile by another writer */
}

static struct query Q_GET = { "SELECT mime, data FROM blob WHERE hash = $1", NULL, 0 };

enum app_err attachment_get(struct store *s, struct arena *a, const char *hash, void **data, size_t *n,
			    const char **mime)
{
	struct stmt *st = store_stmt(s, &Q_GET);
	bool row;
	enum app_err e;

	*data = NULL;
	*n = 0;
	if (!st)
		return APP_EDB;
	stmt_bind_text(st, 1, hash);
	e = stmt_step(st, &row);
	if (e == APP_OK && !row)
		e = APP_ENOTFOUND;
	if (e == APP_OK) {
		const void *b = stmt_col_blob(st, 1, n);
		*mime = stmt_col_dup(st, 0, a);
		*data = xmalloc(*n ? *n : 1);
		if (*n)
			memcpy(*data, b, *n);
	}
	stmt_done(st);
	return e;
}
