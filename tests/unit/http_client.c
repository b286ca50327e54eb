/* The HTTP client of the server tests (see tests/http_client.h). */
#include "test.h"
#include "http_client.h"

#include <curl/curl.h>

#include "model/account.h"
#include "web/web.h"

static size_t on_data(char *p, size_t sz, size_t n, void *ud)
{
	sbuf_add(ud, p, sz * n);
	return sz * n;
}

void http_res_release(struct http_res *r)
{
	sbuf_release(&r->body);
	sbuf_release(&r->head);
}

/*
** One request. cookie: "a=b; c=d" or NULL; body: sent as given with
** content_type (NULL: form). extra: one more header line or NULL.
*/
void http_req(int port, struct http_res *r, const char *method, const char *path, const char *cookie, const char *ctype,
	      const char *body, size_t body_len, const char *extra)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char url[1024];

	sbuf_init(&r->body, 0);
	sbuf_init(&r->head, 0);
	r->status = 0;
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cookie)
		curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
		char *ct = xasprintf("Content-Type: %s", ctype ? ctype : "application/x-www-form-urlencoded");
		h = curl_slist_append(h, ct);
		free(ct);
	}
	if (extra)
		h = curl_slist_append(h, extra);
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	CURLcode cc = curl_easy_perform(c);
	if (cc != CURLE_OK)
		test_fail(__FILE__, __LINE__, "%s %s: %s", method, path, curl_easy_strerror(cc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
}

void http_get(int port, struct http_res *r, const char *path, const char *cookie)
{
	http_req(port, r, "GET", path, cookie, NULL, NULL, 0, NULL);
}

void http_post_form(int port, struct http_res *r, const char *path, const char *cookie, const char *form)
{
	http_req(port, r, "POST", path, cookie, NULL, form, strlen(form), NULL);
}

/* Value of a Set-Cookie for name in the response head, malloc'd, or NULL. */
char *http_set_cookie(const struct http_res *r, const char *name)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "Set-Cookie: %s=", name);
	p = r->head.buf ? strstr(r->head.buf, pat) : NULL;
	if (!p)
		return NULL;
	p += strlen(pat);
	return xstrndup(p, strcspn(p, ";\r\n"));
}

/* value="..." of the hidden csrf field in an HTML body, malloc'd. */
char *http_csrf_field(const struct http_res *r)
{
	const char *p = r->body.buf ? strstr(r->body.buf, "name=\"csrf\" value=\"") : NULL;
	if (!p)
		return NULL;
	p += strlen("name=\"csrf\" value=\"");
	return xstrndup(p, strcspn(p, "\""));
}

/* Log in through the form; returns "gs_session=TOKEN" (malloc'd) or NULL. */
char *http_login(int port, const char *user, const char *pw, long *status)
{
	struct http_res r;
	char *pre, *csrf, *form, *cookie, *sess, *out = NULL;

	http_get(port, &r, "/dang-nhap", NULL);
	pre = http_set_cookie(&r, WEB_COOKIE_LOGIN_CSRF);
	csrf = http_csrf_field(&r);
	http_res_release(&r);
	CHECK(pre && csrf);
	if (!pre || !csrf) {
		free(pre);
		free(csrf);
		return NULL;
	}
	cookie = xasprintf("%s=%s", WEB_COOKIE_LOGIN_CSRF, pre);
	form = xasprintf("login=%s&password=%s&csrf=%s", user, pw, csrf);
	http_post_form(port, &r, "/dang-nhap", cookie, form);
	if (status)
		*status = r.status;
	sess = http_set_cookie(&r, WEB_COOKIE_SESSION);
	if (r.status == 303 && sess && *sess)
		out = xasprintf("%s=%s", WEB_COOKIE_SESSION, sess);
	free(sess);
	http_res_release(&r);
	free(form);
	free(cookie);
	free(pre);
	free(csrf);
	return out;
}

/* The page's CSRF token (from the logout form of any page). */
char *http_page_csrf(int port, const char *cookie)
{
	struct http_res r;
	char *t;

	http_get(port, &r, "/tai-khoan", cookie);
	t = http_csrf_field(&r);
	http_res_release(&r);
	return t;
}

char *http_api_token(int port, const char *user, const char *password)
{
	struct http_res r;
	char *body = xasprintf("{\"login\":\"%s\",\"password\":\"%s\"}", user, password);
	const char *p;
	char *tok = NULL;

	http_req(port, &r, "POST", "/api/v1/session", NULL, "application/json", body, strlen(body), NULL);
	CHECK_INT(r.status, 200);
	p = r.body.buf ? strstr(r.body.buf, "\"token\":\"") : NULL;
	if (p)
		tok = xstrndup(p + 9, TOKEN_LEN);
	CHECK_CONTAINS(r.body.buf, "\"expires_at\":\"");
	http_res_release(&r);
	free(body);
	return tok;
}

void http_api_get(int port, struct http_res *r, const char *path, const char *tok)
{
	char *h = tok ? xasprintf("Authorization: Bearer %s", tok) : NULL;
	http_req(port, r, "GET", path, NULL, NULL, NULL, 0, h);
	free(h);
}

/* The Location header of a response, malloc'd, or NULL. */
char *http_location(const struct http_res *r)
{
	const char *h = r->head.buf ? strcasestr(r->head.buf, "\nLocation: ") : NULL, *e;

	if (!h)
		return NULL;
	h += 11;
	e = strpbrk(h, "\r\n");
	return xstrndup(h, e ? (size_t)(e - h) : strlen(h));
}

/* POST a form with the page's CSRF token appended. */
void http_post_csrf(int port, struct http_res *r, const char *path, const char *cookie, const char *fields)
{
	char *tok = http_page_csrf(port, cookie);
	char *form = xasprintf("%s%scsrf=%s", fields ? fields : "", fields && *fields ? "&" : "", tok ? tok : "");

	CHECK(tok != NULL);
	http_post_form(port, r, path, cookie, form);
	free(form);
	free(tok);
}

/* A multipart/form-data body: text fields, then file parts. */
char *http_multipart(const char *boundary, const char *const *fields, const struct http_file *files, size_t nfiles,
		     size_t *len)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	for (size_t i = 0; fields && fields[i]; i += 2)
		sbuf_addf(&b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", boundary, fields[i],
			  fields[i + 1]);
	for (size_t i = 0; i < nfiles; i++) {
		sbuf_addf(&b,
			  "--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
			  "Content-Type: %s\r\n\r\n",
			  boundary, files[i].field, files[i].filename,
			  files[i].type ? files[i].type : "application/octet-stream");
		sbuf_add(&b, files[i].data, files[i].len);
		sbuf_addstr(&b, "\r\n");
	}
	sbuf_addf(&b, "--%s--\r\n", boundary);
	return sbuf_detach(&b, len);
}
