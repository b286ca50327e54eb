/* The escaping HTML writer (see html.h). */
#include "render/html.h"

#include <inttypes.h>

static void bug(const char *fmt, const char *why)
{
	/* A programming error, never input: fail loudly so tests catch it. */
	fprintf(stderr, "html_write: %s in format \"%s\"\n", why, fmt);
	abort();
}

void html_escape(struct sbuf *b, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = ""; break; /* never emit NUL */
		default: continue;
		}
		if (i > start)
			sbuf_add(b, s + start, i - start);
		sbuf_addstr(b, rep);
		start = i + 1;
	}
	if (n > start)
		sbuf_add(b, s + start, n - start);
}

void html_urlencode(struct sbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~') {
			sbuf_addch(b, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			sbuf_add(b, e, 3);
		}
	}
}

void html_raw_literal(struct sbuf *b, const char *lit, size_t n)
{
	sbuf_add(b, lit, n);
}

void html_write(struct sbuf *b, const char *fmt, const struct html_arg *args, size_t nargs)
{
	size_t ai = 0;
	const char *p = fmt, *run = fmt;

	while (*p) {
		if (*p != '%') {
			p++;
			continue;
		}
		if (p > run)
			sbuf_add(b, run, (size_t)(p - run));
		char conv = p[1];
		p += 2;
		run = p;
		if (conv == '%') {
			sbuf_addch(b, '%');
			continue;
		}
		if (conv != 'h' && conv != 'u' && conv != 'd' && conv != 'H')
			bug(fmt, conv ? "unknown conversion" : "lone %");
		if (ai >= nargs)
			bug(fmt, "too few arguments");
		const struct html_arg *a = &args[ai++];
		switch (conv) {
		case 'h':
		case 'u':
			if (a->t != HA_STR)
				bug(fmt, "%h/%u need a string");
			if (a->v.s) {
				if (conv == 'h')
					html_escape(b, a->v.s, strlen(a->v.s));
				else
					html_urlencode(b, a->v.s, strlen(a->v.s));
			}
			break;
		case 'd':
			if (a->t == HA_INT)
				sbuf_addf(b, "%lld", a->v.i);
			else if (a->t == HA_UINT)
				sbuf_addf(b, "%llu", a->v.u);
			else
				bug(fmt, "%d needs an integer");
			break;
		case 'H':
			if (a->t != HA_SAFE)
				bug(fmt, "%H needs a struct html_safe");
			if (a->v.h.s)
				sbuf_addstr(b, a->v.h.s);
			break;
		}
		if (!conv)
			break;
	}
	if (p > run)
		sbuf_add(b, run, (size_t)(p - run));
	if (ai != nargs)
		bug(fmt, "too many arguments");
}

struct html_safe html_take(struct sbuf *b, struct arena *a)
{
	struct html_safe h = { arena_strndup(a, b->buf ? b->buf : "", b->len) };
	sbuf_reset(b);
	return h;
}

const char *html_date_vn(struct arena *a, const char *iso)
{
	char out[11];

	if (!iso || !date_iso_to_vn(iso, out))
		return "";
	return arena_strdup(a, out);
}
