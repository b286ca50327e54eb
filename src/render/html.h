/*
** The escaping HTML writer: the only way HTML leaves the program (after
** Fossil's %h). There is no plain %s:
**
**   %h   text, escaped for element content and quoted attributes
**        (& < > " ' become entities); NULL writes nothing
**   %u   text as one URL component (RFC 3986 unreserved kept, rest %XX)
**   %d   any integer (int, long, int64_t, size_t, bool)
**   %H   a struct html_safe: markup that trusted code produced
**   %%   a percent sign
**
** Arguments are tagged by type with _Generic, so a char * can never reach
** %H, a number never reaches %h, and a type that is neither is a compile
** error; a mismatch between a conversion and its argument, a wrong count
** or an unknown conversion is a bug and aborts (the tests find it). The
** macros paste "" before the format, so only a string literal compiles.
**
**   HTML(b, "<td><a href=\"/don-vi/%u\">%h</a></td>", u->code, u->name);
**   HTML_LIT(b, "</table>");
*/
#ifndef GIAMSAT_RENDER_HTML_H
#define GIAMSAT_RENDER_HTML_H

#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

/* Markup that trusted code produced; build with html_safe_lit or html_take. */
struct html_safe {
	const char *s;
};

enum html_arg_type { HA_STR, HA_INT, HA_UINT, HA_SAFE };

struct html_arg {
	enum html_arg_type t;
	union {
		const char *s;
		long long i;
		unsigned long long u;
		struct html_safe h;
	} v;
};

static inline struct html_arg html_arg_str(const char *s)
{
	return (struct html_arg){ .t = HA_STR, .v.s = s };
}
static inline struct html_arg html_arg_int(long long i)
{
	return (struct html_arg){ .t = HA_INT, .v.i = i };
}
static inline struct html_arg html_arg_uint(unsigned long long u)
{
	return (struct html_arg){ .t = HA_UINT, .v.u = u };
}
static inline struct html_arg html_arg_safe(struct html_safe h)
{
	return (struct html_arg){ .t = HA_SAFE, .v.h = h };
}

#define HTML_ARG_(x) \
	_Generic((x), char *: html_arg_str, const char *: html_arg_str, _Bool: html_arg_int,  \
		 char: html_arg_int, signed char: html_arg_int, short: html_arg_int,           \
		 int: html_arg_int, long: html_arg_int, long long: html_arg_int,               \
		 unsigned char: html_arg_uint, unsigned short: html_arg_uint,                  \
		 unsigned: html_arg_uint, unsigned long: html_arg_uint,                        \
		 unsigned long long: html_arg_uint, struct html_safe: html_arg_safe)(x)

/* Apply HTML_ARG_ to up to 16 arguments. */
#define HTML_N_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, N, ...) N
#define HTML_COUNT_(...) HTML_N_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define HTML_CAT_(a, b) a##b
#define HTML_CAT(a, b) HTML_CAT_(a, b)
#define HTML_M1(x) HTML_ARG_(x)
#define HTML_M2(x, ...) HTML_ARG_(x), HTML_M1(__VA_ARGS__)
#define HTML_M3(x, ...) HTML_ARG_(x), HTML_M2(__VA_ARGS__)
#define HTML_M4(x, ...) HTML_ARG_(x), HTML_M3(__VA_ARGS__)
#define HTML_M5(x, ...) HTML_ARG_(x), HTML_M4(__VA_ARGS__)
#define HTML_M6(x, ...) HTML_ARG_(x), HTML_M5(__VA_ARGS__)
#define HTML_M7(x, ...) HTML_ARG_(x), HTML_M6(__VA_ARGS__)
#define HTML_M8(x, ...) HTML_ARG_(x), HTML_M7(__VA_ARGS__)
#define HTML_M9(x, ...) HTML_ARG_(x), HTML_M8(__VA_ARGS__)
#define HTML_M10(x, ...) HTML_ARG_(x), HTML_M9(__VA_ARGS__)
#define HTML_M11(x, ...) HTML_ARG_(x), HTML_M10(__VA_ARGS__)
#define HTML_M12(x, ...) HTML_ARG_(x), HTML_M11(__VA_ARGS__)
#define HTML_M13(x, ...) HTML_ARG_(x), HTML_M12(__VA_ARGS__)
#define HTML_M14(x, ...) HTML_ARG_(x), HTML_M13(__VA_ARGS__)
#define HTML_M15(x, ...) HTML_ARG_(x), HTML_M14(__VA_ARGS__)
#define HTML_M16(x, ...) HTML_ARG_(x), HTML_M15(__VA_ARGS__)

/* Write fmt with its arguments to b; fmt must be a string literal. */
#define HTML(b, fmt, ...)                                                                                             \
	html_write((b), "" fmt, (const struct html_arg[]){ HTML_CAT(HTML_M, HTML_COUNT_(__VA_ARGS__))(__VA_ARGS__) }, \
		   HTML_COUNT_(__VA_ARGS__))
/* Write a literal piece of markup (no conversions; %% is not special). */
#define HTML_LIT(b, lit) html_raw_literal((b), "" lit, sizeof(lit) - 1)
/* A literal as trusted markup, for %H. */
#define HTML_SAFE_LIT(lit) ((struct html_safe){ "" lit })

/*
** The engine behind HTML(): do not call it directly (the macro guarantees
** a literal format and typed arguments). Aborts on a conversion/argument
** mismatch. Output past the cap of b is dropped (pages use uncapped b).
*/
void html_write(struct sbuf *b, const char *fmt, const struct html_arg *args, size_t nargs);
void html_raw_literal(struct sbuf *b, const char *lit, size_t n);

/* Escape s for HTML / encode it as a URL component, appending to b. */
void html_escape(struct sbuf *b, const char *s, size_t n);
void html_urlencode(struct sbuf *b, const char *s, size_t n);

/*
** Take what b holds as trusted markup for %H: the text is copied into arena
** a and b is reset. Only markup written through HTML() belongs in b.
*/
struct html_safe html_take(struct sbuf *b, struct arena *a);

/* "dd/mm/yyyy" of an ISO date, or "" for NULL/bad; lives in a. */
const char *html_date_vn(struct arena *a, const char *iso);

#endif
