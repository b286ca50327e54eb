/*
** The style sheet and script, embedded in the binary with .incbin (the
** Makefile makes assets.o depend on the files in src/web/assets/), so that
** one file is the whole program and no inline style or script is needed.
*/
#include "web/internal.h"

#define INCBIN(name, file)                                                                    \
	__asm__(".section .rodata\n"                                                          \
		".global " #name "_start\n"                                                   \
		".balign 16\n" #name "_start:\n"                                              \
		".incbin \"" file "\"\n"                                                      \
		".global " #name "_end\n" #name "_end:\n"                                     \
		".byte 0\n"                                                                   \
		".previous\n");                                                               \
	extern const char name##_start[], name##_end[]

INCBIN(asset_css, "src/web/assets/app.css");
INCBIN(asset_js, "src/web/assets/app.js");

bool asset_serve(struct req *r, const char *name, struct resp *p)
{
	const char *start, *end;

	if (strcmp(name, "app.css") == 0) {
		start = asset_css_start;
		end = asset_css_end;
		p->content_type = "text/css; charset=utf-8";
	} else if (strcmp(name, "app.js") == 0) {
		start = asset_js_start;
		end = asset_js_end;
		p->content_type = "text/javascript; charset=utf-8";
	} else {
		return false;
	}
	p->static_body = start;
	p->static_len = (size_t)(end - start);
	resp_header(p, r->arena, "Cache-Control", "public, max-age=3600");
	return true;
}
