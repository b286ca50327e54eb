/*
** Evidence attachments, stored content-addressed: the key is the BLAKE2b-256
** (libsodium) of the bytes in hex, so the same file sent twice is stored
** once. Size-limited, and the type is read from the bytes (magic numbers),
** never from the name: PDF, PNG, JPEG, and zip files that are a .docx
** (word/document.xml) or .xlsx (xl/workbook.xml).
*/
#ifndef GIAMSAT_MODEL_ATTACHMENT_H
#define GIAMSAT_MODEL_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

struct store;

#define ATTACHMENT_MAX (20u << 20) /* 20 MiB */
#define ATTACHMENT_HASH_HEX 65

/*
** The MIME type of the bytes, or NULL (with *why, Vietnamese, static) when
** the type is not allowed. Pure; no allocation kept.
*/
const char *attachment_sniff(const void *data, size_t n, const char **why);

/*
** Store bytes (deduplicated). APP_ETOOBIG over ATTACHMENT_MAX, APP_EINVAL
** for an empty file or a forbidden type (*why). hash gets the hex key.
*/
enum app_err attachment_put(struct store *s, const void *data, size_t n, char hash[ATTACHMENT_HASH_HEX],
			    const char **mime, const char **why);

/* The bytes of a stored attachment (malloc'd into *data) and its type (arena). */
enum app_err attachment_get(struct store *s, struct arena *a, const char *hash, void **data, size_t *n,
			    const char **mime);

#endif
