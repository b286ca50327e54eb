/*
** The style sheet and script, embedded in the binary with .incbin (the
** Makefile makes assets.o depend on the files in src/web/assets/), so that
** one file is the whole program and no inline style or script is needed.
*/
#include <pthread.h>

#include "web/internal.h"

#define INCBIN(name, file)                                \
	__asm__(".section .rodata\n"                      \
		".global " #name "_start\n"               \
		".balign 16\n" #name "_start:\n"          \
		".incbin \"" file "\"\n"                  \
		".global " #name "_end\n" #name "_end:\n" \
		".byte 0\n"                               \
		".previous\n");                           \
	extern const char name##_start[], name##_end[]

INCBIN(asset_css, "src/web/assets/app.css");
INCBIN(asset_js, "src/web/assets/app.js");

static char css_tag_g[20], js_tag_g[20];
static const char *etag_of(const char *start, const char *end, char out[20]);

static void init_tags(void)
{
	etag_of(asset_css_start, asset_css_end, css_tag_g);
	etag_of(asset_js_start, asset_js_end, js_tag_g);
}

/* A strong validator of an asset: FNV-1a of its bytes, quoted. */
static const char *etag_of(const char *start, const char *end, char out[20])
{
	uint32_t h = 2166136261u;

	for (const char *p = start; p < end; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	snprintf(out, 20, "\"%08x\"", h);
	return out;
}

bool asset_serve(struct req *r, const char *name, struct resp *p)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *start, *end, *tag, *inm;

	pthread_once(&once, init_tags);
	if (strcmp(name, "app.css") == 0) {
		start = asset_css_start;
		end = asset_css_end;
		tag = css_tag_g;
		p->content_type = "text/css; charset=utf-8";
	} else if (strcmp(name, "app.js") == 0) {
		start = asset_js_start;
		end = asset_js_end;
		tag = js_tag_g;
		p->content_type = "text/javascript; charset=utf-8";
	} else {
		return false;
	}
	/* Revalidated on every use (a new binary may bring new assets): 304 when unchanged. */
	resp_header(p, r->arena, "Cache-Control", "no-cache");
	resp_header(p, r->arena, "ETag", tag);
	inm = req_header(r, "If-None-Match");
	if (inm && strstr(inm, tag)) {
		p->status = 304;
		return true;
	}
	p->static_body = start;
	p->static_len = (size_t)(end - start);
	return true;
}
