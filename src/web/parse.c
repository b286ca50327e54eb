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
		kv_add(l, a, arena_strndup(a, s + start, kend - start), arena_strndup(a, s + vstart, end - vstart));
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

/* ---- multipart/form-data (RFC 7578, as the WHATWG HTML standard sends it) ---- */

bool web_is_multipart(const char *ct)
{
	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0 &&
	       (ct[19] == '\0' || ct[19] == ';' || ct[19] == ' ' || ct[19] == '\t');
}

size_t web_body_max(const char *content_type)
{
	return web_is_multipart(content_type) ? WEB_UPLOAD_MAX : WEB_BODY_MAX;
}

const struct upload *req_file(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].name, name) == 0)
			return &r->files.v[i];
	return NULL;
}

/*
** The value of parameter name in a header value like
** `form-data; name="a"; filename="b.pdf"` or `multipart/form-data;
** boundary=xyz`, copied into a; NULL when absent or unterminated. Quoted
** values end at the next '"' (browsers send '"' as %22, never a
** backslash escape).
*/
static const char *header_param(const char *h, size_t n, const char *name, struct arena *a)
{
	size_t nl = strlen(name), i = 0;

	while (i < n) {
		while (i < n && h[i] != ';')
			i++;
		if (i >= n)
			return NULL;
		i++;
		while (i < n && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (n - i > nl && strncasecmp(h + i, name, nl) == 0 && h[i + nl] == '=') {
			size_t v = i + nl + 1, e;
			if (v < n && h[v] == '"') {
				v++;
				for (e = v; e < n && h[e] != '"'; e++)
					;
				if (e >= n)
					return NULL;
			} else {
				for (e = v; e < n && h[e] != ';' && h[e] != ' ' && h[e] != '\t'; e++)
					;
			}
			return arena_strndup(a, h + v, e - v);
		}
		/* skip a quoted value so a ';' inside it does not start a parameter */
		while (i < n && h[i] != ';' && h[i] != '"')
			i++;
		if (i < n && h[i] == '"') {
			i++;
			while (i < n && h[i] != '"')
				i++;
			i++;
		}
	}
	return NULL;
}

static void upload_add(struct upload_list *l, struct arena *a, const struct upload *u)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		struct upload *v = arena_alloc(a, cap * sizeof(*v));
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *u;
}

/* Case-insensitive: does the header line [s, s+n) start with name ":"? Then its value. */
static bool header_is(const char *s, size_t n, const char *name, const char **val, size_t *vlen)
{
	size_t nl = strlen(name);

	if (n <= nl || strncasecmp(s, name, nl) != 0 || s[nl] != ':')
		return false;
	s += nl + 1;
	n -= nl + 1;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*val = s;
	*vlen = n;
	return true;
}

enum app_err web_parse_multipart(const char *body, size_t n, const char *content_type, struct arena *a,
				 struct kv_list *form, struct upload_list *files)
{
	const char *bnd, *p, *end = body + n;
	char *delim; /* "\r\n--" boundary */
	size_t bl, dl, parts = 0;

	if (!web_is_multipart(content_type))
		return APP_EINVAL;
	bnd = header_param(content_type, strlen(content_type), "boundary", a);
	if (!bnd || !*bnd || (bl = strlen(bnd)) > 70)
		return APP_EINVAL;
	delim = arena_printf(a, "\r\n--%s", bnd);
	dl = bl + 4;
	/* The first delimiter may open the body (no preamble) or follow a preamble. */
	if (n >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) {
		p = body + dl - 2;
	} else {
		const char *f = memmem(body, n, delim, dl);
		if (!f)
			return APP_EINVAL;
		p = f + dl;
	}
	for (;;) {
		const char *hend, *data, *next, *name = NULL, *filename = NULL, *ctype = NULL;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return APP_OK; /* the close delimiter; an epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++; /* transport padding */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return APP_EINVAL;
		p += 2;
		if (++parts > WEB_FIELDS_MAX)
			return APP_ETOOBIG;
		/* Headers up to an empty line. */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hend = p;
			data = p + 2;
		} else {
			hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
			if (!hend || hend - p > 8192)
				return APP_EINVAL;
			data = hend + 4;
		}
		while (p < hend) {
			const char *eol = memmem(p, (size_t)(hend - p), "\r\n", 2), *v;
			size_t ll = eol ? (size_t)(eol - p) : (size_t)(hend - p), vl;
			if (header_is(p, ll, "Content-Disposition", &v, &vl)) {
				if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
					return APP_EINVAL;
				name = header_param(v, vl, "name", a);
				filename = header_param(v, vl, "filename", a);
			} else if (header_is(p, ll, "Content-Type", &v, &vl)) {
				ctype = arena_strndup(a, v, vl);
			}
			p += ll + (eol ? 2 : 0);
		}
		next = memmem(data, (size_t)(end - data), delim, dl);
		if (!next)
			return APP_EINVAL; /* truncated: no closing delimiter */
		if (!name || !(name = clean_text(name, strlen(name), a)))
			return APP_EINVAL;
		if (filename) {
			const char *base = filename;
			for (const char *q = filename; *q; q++)
				if (*q == '/' || *q == '\\')
					base = q + 1;
			if (!(base = clean_text(base, strlen(base), a)))
				return APP_EINVAL;
			if (*base || next > data) {
				struct upload u = { .name = name,
						    .filename = base,
						    .content_type = ctype ? ctype : "application/octet-stream",
						    .data = data,
						    .len = (size_t)(next - data) };
				upload_add(files, a, &u);
			}
		} else {
			const char *v =
				clean_text(arena_strndup(a, data, (size_t)(next - data)), (size_t)(next - data), a);
			if (!v)
				return APP_EINVAL;
			kv_add(form, a, name, v);
		}
		p = next + dl;
	}
}
