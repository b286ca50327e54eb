/*
** Fuzz text_collate and text_sort_key: the input is split in two at the
** first 0xFF byte (or the middle); the memcmp order of the sort keys must
** equal text_collate's order, keys must hold no NUL, collation must be
** antisymmetric, and the old and new tone placements must compare equal.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define ASSERT(c)                \
	do {                     \
		if (!(c))        \
			abort(); \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sgn(int x)
{
	return x < 0 ? -1 : x > 0 ? 1 : 0;
}

static int key_order(const char *a, const char *b)
{
	size_t la, lb;
	char *ka = text_sort_key(a, strlen(a), &la), *kb = text_sort_key(b, strlen(b), &lb);
	int r;

	ASSERT(memchr(ka, 0, la) == NULL && memchr(kb, 0, lb) == NULL);
	r = memcmp(ka, kb, la < lb ? la : lb);
	if (r == 0)
		r = la < lb ? -1 : la > lb ? 1 : 0;
	free(ka);
	free(kb);
	return sgn(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *cut = memchr(data, 0xFF, size);
	size_t la = cut ? (size_t)(cut - data) : size / 2;
	size_t lb = size - la - (cut ? 1 : 0);
	char *a = malloc(la + 1), *b = malloc(lb + 1);

	memcpy(a, data, la);
	a[la] = '\0';
	memcpy(b, data + size - lb, lb);
	b[lb] = '\0';
	/* C strings: stop at an embedded NUL, as text_collate does */
	{
		int c1 = sgn(text_collate(a, b)), c2 = sgn(text_collate(b, a));
		ASSERT(c1 == -c2);
		ASSERT(c1 == key_order(a, b));
		ASSERT(text_collate(a, a) == 0);
	}
	/* normalizing (moving tones, NFC) never changes the order */
	{
		char *na = text_normalize(a, strlen(a), NULL);
		if (na) {
			ASSERT(text_collate(a, na) == 0);
			ASSERT(sgn(text_collate(na, b)) == sgn(text_collate(a, b)));
			free(na);
		}
	}
	free(a);
	free(b);
	return 0;
}
