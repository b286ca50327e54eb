/* multipart/form-data parsing (web_parse_multipart, req_file): no sockets. */
#include "test.h"

#include "util/util.h"
#include "web/web.h"

#define CT "multipart/form-data; boundary=----gsB0und"

static enum app_err parse(struct arena *a, const char *ct, const char *body, size_t n, struct kv_list *form,
			  struct upload_list *files)
{
	memset(form, 0, sizeof(*form));
	memset(files, 0, sizeof(*files));
	return web_parse_multipart(body, n, ct, a, form, files);
}

TEST(web_multipart_fields_and_files)
{
	struct arena a;
	struct kv_list form;
	struct upload_list files;
	/* as Chromium sends it: a text field, a file with binary bytes and CRLFs, an empty file field */
	static const char body[] =
		"------gsB0und\r\n"
		"Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
		"tok123\r\n"
		"------gsB0und\r\n"
		"Content-Disposition: form-data; name=\"ghi_chu\"\r\n\r\n"
		"Ti\xcc\x81n\r\ndòng hai\r\n"
		"------gsB0und\r\n"
		"Content-Disposition: form-data; name=\"minh_chung\"; filename=\"C:\\\\tmp\\\\Báo cáo; số 1.pdf\"\r\n"
		"Content-Type: application/pdf\r\n\r\n"
		"%PDF-1.4\r\n\0\x01\xff--x\r\n"
		"------gsB0und\r\n"
		"Content-Disposition: form-data; name=\"trong\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n\r\n"
		"\r\n"
		"------gsB0und--\r\n";

	arena_init(&a);
	CHECK_INT(parse(&a, CT, body, sizeof(body) - 1, &form, &files), APP_OK);
	CHECK_INT(form.n, 2);
	CHECK_STR(kv_get(&form, "csrf"), "tok123");
	CHECK_STR(kv_get(&form, "ghi_chu"), "Tín\r\ndòng hai"); /* NFC, line breaks kept */
	CHECK_INT(files.n, 1);                                  /* the empty file field is dropped */
	CHECK_STR(files.v[0].name, "minh_chung");
	CHECK_STR(files.v[0].filename, "Báo cáo; số 1.pdf"); /* directory stripped, ';' inside quotes kept */
	CHECK_STR(files.v[0].content_type, "application/pdf");
	CHECK_INT(files.v[0].len, 16);
	CHECK(memcmp(files.v[0].data, "%PDF-1.4\r\n\0\x01\xff--x", 16) == 0);

	struct req r = { 0 };
	r.files = files;
	CHECK(req_file(&r, "minh_chung") == &files.v[0]);
	CHECK(req_file(&r, "trong") == NULL);
	CHECK(req_file(&r, "khac") == NULL);

	/* a preamble, a quoted boundary, LF-only text inside a part, no Content-Type on the file */
	static const char body2[] = "preamble ignored\r\n--q\r\n"
				    "content-disposition: form-data; filename=\"a.txt\"; name=\"f\"\r\n\r\n"
				    "x\ny\r\n--q--";
	CHECK_INT(parse(&a, "multipart/form-data; boundary=\"q\"", body2, sizeof(body2) - 1, &form, &files), APP_OK);
	CHECK_INT(files.n, 1);
	CHECK_STR(files.v[0].content_type, "application/octet-stream");
	CHECK_INT(files.v[0].len, 3);
	arena_release(&a);
}

TEST(web_multipart_rejects_bad_bodies)
{
	static const struct {
		const char *ct, *body, *why;
	} bad[] = {
		{ "multipart/form-data", "--x\r\n\r\n--x--", "no boundary" },
		{ "multipart/form-data; boundary=", "--\r\n", "empty boundary" },
		{ "multipart/form-data; boundary=\"unterminated", "--x--", "unterminated quoted boundary" },
		{ "multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789X",
		  "", "boundary over 70 characters" },
		{ "application/x-www-form-urlencoded; boundary=x", "--x--", "not multipart" },
		{ CT, "no delimiter at all", "no delimiter" },
		{ CT, "------gsB0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without end",
		  "truncated part" },
		{ CT, "------gsB0und\r\nContent-Disposition: form-data; name=\"a\"", "truncated headers" },
		{ CT, "------gsB0und\r\nContent-Disposition: form-data\r\n\r\nv\r\n------gsB0und--", "no name" },
		{ CT, "------gsB0und\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n------gsB0und--",
		  "not form-data" },
		{ CT, "------gsB0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n------gsB0und--",
		  "invalid UTF-8 in a text part" },
		{ CT, "------gsB0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n------gsB0und--",
		  "NUL in a text part" },
		{ CT, "------gsB0undX\r\n", "garbage after the delimiter" },
	};
	struct arena a;
	struct kv_list form;
	struct upload_list files;

	arena_init(&a);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		size_t n = strlen(bad[i].body);
		if (strstr(bad[i].why, "NUL"))
			n = strlen(bad[i].body) + 1 + strlen(bad[i].body + strlen(bad[i].body) + 1);
		if (parse(&a, bad[i].ct, bad[i].body, n, &form, &files) != APP_EINVAL)
			test_fail(__FILE__, __LINE__, "accepted: %s", bad[i].why);
	}
	/* more parts than WEB_FIELDS_MAX */
	struct sbuf b;
	sbuf_init(&b, 0);
	for (int i = 0; i <= WEB_FIELDS_MAX; i++)
		sbuf_addf(&b, "------gsB0und\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n1\r\n", i);
	sbuf_addstr(&b, "------gsB0und--\r\n");
	CHECK_INT(parse(&a, CT, b.buf, b.len, &form, &files), APP_ETOOBIG);
	sbuf_release(&b);
	arena_release(&a);
}

TEST(web_multipart_body_limits)
{
	CHECK_INT(web_body_max(NULL), WEB_BODY_MAX);
	CHECK_INT(web_body_max("application/x-www-form-urlencoded"), WEB_BODY_MAX);
	CHECK_INT(web_body_max("Multipart/Form-Data; boundary=x"), WEB_UPLOAD_MAX);
	CHECK(!web_is_multipart("multipart/form-datax"));
	CHECK(!web_is_multipart("multipart/mixed; boundary=x"));
	CHECK(WEB_UPLOAD_MAX > (20u << 20)); /* room for one file of ATTACHMENT_MAX */
}
