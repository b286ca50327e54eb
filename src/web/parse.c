/*
** Request parsing: urlencoded forms and queries, Cookie headers, paths.
** Written here rather than taken from libmicrohttpd's own parsers so that
** one fuzzed code path decides what a field is, for queries and bodies
** alike, and invalid UTF-8 is refused before anything else sees it.
*/
#include "web/web.h"

#include <strings.h>

#include "text/text.h"

void req_init(struct req *r, struct web *app, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->app = app;
	r->arena = a;
	r->method = "GET";
	r->path = "/";
}

void resp_init(struct resp *p)
{
	memset(p, 0, sizeof(*p));
	p->status = 200;
	p->content_type = "text/html; charset=utf-8";
	sbuf_init(&p->body, 0);
}

void resp_release(struct resp *p)
{
	sbuf_release(&p->body);
}

void kv_add(struct kv_list *l, struct arena *a, const char *k, const char *v)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct kv *nv = arena_alloc(a, cap * sizeof(*nv));
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n].k = k;
	l->v[l->n].v = v;
	l->n++;
}

const char *kv_get(const struct kv_list *l, const char *k)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].k, k) == 0)
			return l->v[i].v;
	return NULL;
}

const char *kv_get_ci(const struct kv_list *l, const char *k)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i].k, k) == 0)
			return l->v[i].v;
	return NULL;
}

const char *req_header(const struct req *r, const char *name)
{
	return kv_get_ci(&r->headers, name);
}

const char *req_query(const struct req *r, const char *name)
{
	return kv_get(&r->query, name);
}

const char *req_param(const struct req *r, const char *name)
{
	return kv_get(&r->form, name);
}

const char *req_cookie(const struct req *r, const char *name)
{
	return kv_get(&r->cookies, name);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) (plus as space when form) into a new arena string. */
static char *pct_decode(const char *s, size_t n, bool form, struct arena *a, size_t *outlen)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return NULL;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && form) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Valid UTF-8 without NUL, NFC-normalised into the arena; NULL if bad. */
static const char *clean_text(const char *s, size_t n, struct arena *a)
{
	size_t bad;
	char *nfc, *out;

	if (memchr(s, '\0', n) || !text_utf8_valid(s, n, &bad))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			goto unicode;
	return s; /* ASCII: already NFC, already in the arena */
unicode:
	nfc = text_nfc(s, n, NULL);
	if (!nfc)
		return NULL;
	out = arena_strdup(a, nfc);
	free(nfc);
	return out;
}

enum app_err web_parse_urlencoded(const char *s, size_t n, struct arena *a, struct kv_list *l)
{
	size_t i = 0;

	while (i < n) {
		size_t start = i, eq = (size_t)-1, klen, vlen;
		while (i < n && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		size_t end = i;
		i++; /* skip '&' */
		if (end == start)
			continue; /* "a=1&&b=2" */
		if (l->n >= WEB_FIELDS_MAX)
			return APP_ETOOBIG;
		size_t kend = eq == (size_t)-1 ? end : eq;
		char *k = pct_decode(s + start, kend - start, true, a, &klen);
		char *v = eq == (size_t)-1 ? pct_decode("", 0, true, a, &vlen)
					   : pct_decode(s + eq + 1, end - eq - 1, true, a, &vlen);
		if (!k || !v)
			return APP_EINVAL;
		const char *kc = clean_text(k, klen, a), *vc = clean_text(v, vlen, a);
		if (!kc || !vc)
			return APP_EINVAL;
		kv_add(l, a, kc, vc);
	}
	return APP_OK;
}

enum app_err web_parse_cookies(const char *s, size_t n, struct arena *a, struct kv_list *l)
{
	size_t i = 0;

	for (size_t j = 0; j < n; j++)
		if ((unsigned char)s[j] < 0x20 && s[j] != '\t')
			return APP_EINVAL;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ';'))
			i++;
		size_t start = i;
		while (i < n && s[i] != ';')
			i++;
		size_t end = i;
		while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		const char *eq = memchr(s + start, '=', end - start);
		if (!eq || eq == s + start)
			continue;
		if (l->n >= WEB_FIELDS_MAX)
			return APP_ETOOBIG;
		size_t kend = (size_t)(eq - s), vstart = kend + 1;
		while (kend > start && (s[kend - 1] == ' ' || s[kend - 1] == '\t'))
			kend--;
		while (vstart < end && (s[vstart] == ' ' || s[vstart] == '\t'))
			vstart++;
		if (end - vstart >= 2 && s[vstart] == '"' && s[end - 1] == '"') {
			vstart++;
			end--;
		}
		kv_add(l, a, arena_strndup(a, s + start, kend - start),
		       arena_strndup(a, s + vstart, end - vstart));
	}
	return APP_OK;
}

char *web_decode_path(const char *s, size_t n, struct arena *a)
{
	size_t len;
	char *d = pct_decode(s, n, false, a, &len);

	if (!d || memchr(d, '\0', len) || !text_utf8_valid(d, len, NULL))
		return NULL;
	return d;
}
