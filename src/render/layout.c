/* The frame of every page (see layout.h). */
#include "render/layout.h"

void page_csrf_field(struct sbuf *b, const char *csrf)
{
	HTML(b, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">", csrf ? csrf : "");
}

void page_begin(struct sbuf *b, const struct page_ctx *c)
{
	HTML(b,
	     "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%h · Giám sát</title>"
	     "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	     "<script src=\"/static/app.js\" defer></script></head>\n<body>"
	     "<header class=\"top\"><a class=\"brand\" href=\"/to-chuc\">Giám sát</a>",
	     c->title);
	if (c->acct) {
		static const struct {
			const char *key, *href, *label;
		} menu[] = {
			{ "to-chuc", "/to-chuc", "Tổ chức" },
			{ "chuong-trinh", "/chuong-trinh", "Chương trình" },
			{ "kiem-tra", "/kiem-tra", "Kiểm tra" },
			{ "tai-khoan", "/tai-khoan", "Tài khoản" },
		};
		HTML_LIT(b, "<nav>");
		for (size_t i = 0; i < ARRAY_SIZE(menu); i++)
			HTML(b, "<a href=\"%h\"%H>%h</a>", menu[i].href,
			     c->nav && strcmp(c->nav, menu[i].key) == 0 ? HTML_SAFE_LIT(" aria-current=\"page\"")
									: HTML_SAFE_LIT(""),
			     menu[i].label);
		HTML(b,
		     "</nav><div class=\"who\"><span class=\"login\">%h</span> · <span>%h</span>"
		     "<form method=\"post\" action=\"/dang-xuat\" class=\"logout\">",
		     c->acct->login, role_vi(c->acct->role));
		page_csrf_field(b, c->csrf);
		HTML_LIT(b, "<button type=\"submit\">Đăng xuất</button></form></div>");
	}
	HTML_LIT(b, "</header>\n<main>");
}

void page_end(struct sbuf *b)
{
	HTML_LIT(b, "</main>\n<footer>Hệ thống giám sát, kiểm tra · Thành ủy Hà Nội</footer>"
		    "</body></html>\n");
}
