/*
** The one place that maps errors to HTTP statuses and to the Vietnamese
** text a user sees, and renders error pages (HTML, or JSON under /api/).
** Never shows a C error text.
*/
#include <jansson.h>

#include "render/layout.h"
#include "web/web.h"

int web_err_status(enum app_err e)
{
	switch (e) {
	case APP_OK: return 200;
	case APP_EINVAL: return 400;
	case APP_ENOTFOUND: return 404;
	case APP_EDENIED: return 403;
	case APP_EAUTH: return 401;
	case APP_ETHROTTLED: return 429;
	case APP_EEXIST: return 409;
	case APP_ECONFLICT: return 409;
	case APP_ETOOBIG: return 413;
	case APP_EDB:
	case APP_EIO:
	case APP_ECORRUPT:
	case APP_ENOMEM:
	case APP_EINTERNAL: return 500;
	}
	return 500;
}

const char *web_err_message(enum app_err e)
{
	switch (e) {
	case APP_OK: return "Thành công.";
	case APP_EINVAL: return "Yêu cầu không hợp lệ.";
	case APP_ENOTFOUND: return "Không tìm thấy.";
	case APP_EDENIED: return "Bạn không có quyền xem hoặc thay đổi nội dung này.";
	case APP_EAUTH: return "Tên đăng nhập hoặc mật khẩu không đúng, hoặc phiên làm việc đã hết hạn.";
	case APP_ETHROTTLED: return "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.";
	case APP_EEXIST: return "Nội dung này đã tồn tại.";
	case APP_ECONFLICT: return "Không thể thực hiện ở trạng thái hiện tại.";
	case APP_ETOOBIG: return "Dữ liệu gửi lên quá lớn.";
	case APP_EDB:
	case APP_EIO:
	case APP_ECORRUPT:
	case APP_ENOMEM:
	case APP_EINTERNAL: return "Hệ thống gặp lỗi. Vui lòng thử lại sau.";
	}
	return "Hệ thống gặp lỗi. Vui lòng thử lại sau.";
}

const char *web_status_title(int status)
{
	switch (status) {
	case 400: return "Yêu cầu không hợp lệ";
	case 401: return "Chưa đăng nhập";
	case 403: return "Không có quyền truy cập";
	case 404: return "Không tìm thấy trang";
	case 405: return "Phương thức không được hỗ trợ";
	case 409: return "Xung đột dữ liệu";
	case 413: return "Dữ liệu gửi lên quá lớn";
	case 429: return "Thử lại sau";
	default: return "Lỗi hệ thống";
	}
}

static const char *status_message(int status)
{
	switch (status) {
	case 400: return "Yêu cầu gửi lên không đúng định dạng hoặc chứa ký tự không hợp lệ.";
	case 401: return "Bạn cần đăng nhập để tiếp tục.";
	case 403: return "Bạn không có quyền truy cập trang này.";
	case 404: return "Trang hoặc đơn vị bạn tìm không có trong hệ thống.";
	case 405: return "Trang này không hỗ trợ thao tác bạn vừa gửi.";
	case 409: return "Nội dung đã tồn tại hoặc đang bị thay đổi.";
	case 413: return "Dữ liệu gửi lên vượt quá giới hạn cho phép.";
	case 429: return "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.";
	default: return "Hệ thống gặp lỗi. Vui lòng thử lại sau.";
	}
}

static const char *json_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 429: return "throttled";
	default: return "internal";
	}
}

static bool is_api(const struct req *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

void web_error_msg(struct req *r, struct resp *p, int status, const char *msg)
{
	if (!msg)
		msg = status_message(status);
	p->status = status;
	p->static_body = NULL;
	sbuf_reset(&p->body);
	if (is_api(r)) {
		json_t *o = json_pack("{s:{s:s,s:s}}", "error", "code", json_code(status), "message", msg);
		char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
		p->content_type = "application/json";
		sbuf_addstr(&p->body, s ? s : "{\"error\":{\"code\":\"internal\",\"message\":\"\"}}");
		sbuf_addch(&p->body, '\n');
		free(s);
		json_decref(o);
		return;
	}
	p->content_type = "text/html; charset=utf-8";
	struct page_ctx c = { .title = web_status_title(status), .acct = r->authed ? &r->acct : NULL, .csrf = r->csrf };
	page_begin(&p->body, &c);
	HTML(&p->body,
	     "<section class=\"error\"><p class=\"code\">Lỗi %d</p><h1>%h</h1><p>%h</p>"
	     "<p><a href=\"/to-chuc\">Về trang tổ chức</a>%H</p></section>",
	     status, web_status_title(status), msg,
	     r->authed ? HTML_SAFE_LIT("") : HTML_SAFE_LIT(" · <a href=\"/dang-nhap\">Đăng nhập</a>"));
	page_end(&p->body);
}

void web_error(struct req *r, struct resp *p, int status)
{
	web_error_msg(r, p, status, NULL);
}
