/*
** HTTP tests of follow-up (issue 5): a finding's page and its remedy
** reports with evidence (multipart), accept / return, the unit page's open
** findings, the accountability list (HTML and .xlsx), reviews, complaints,
** and the JSON API. A real server on 127.0.0.1 port 0 on a fresh database;
** named db_http_followup_* so they run on SQLite and PostgreSQL. Every
** refusal is checked to have stored nothing.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>

#include "model/account.h"
#include "model/complaint.h"
#include "model/followup.h"
#include "model/inspect.h"
#include "model/review.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"
#include "web/page_followup.h"
#include "web/web.h"

#define PW FX_PW
#define BOUNDARY "----giamsat-test-7d1f"

/* The unit-data cache TTL of the next fx_start (0: off, as in most tests). */
static unsigned g_ttl;

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
	int64_t insp, overdue, open, rf, review, review3;
};

static bool fx_start(struct fx *f)
{
	static const struct fx_unit units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY, false },
		{ "W1", "Đảng ủy phường Hoàn Kiếm", "TU", NULL, UNIT_COMMUNE, false },
		{ "W2", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE, false },
		{ "W3", "Đảng ủy phường Ba Đình", "TU", NULL, UNIT_COMMUNE, false },
	};
	static const struct fx_acct accts[] = {
		{ "admin", ROLE_ADMIN, "TU", NULL },     { "ktv", ROLE_INSPECTOR, "TU", NULL },
		{ "tustaff", ROLE_STAFF, "TU", NULL },   { "hoankiem", ROLE_STAFF, "W1", NULL },
		{ "thuongtin", ROLE_STAFF, "W2", NULL },
	};
	struct web_server_opts o = { .listen = "127.0.0.1:0", .threads = 1, .quiet = true };
	struct inspection_new in = { .kind = IK_INSPECTION_THEMATIC,
				     .target_code = "W2",
				     .title = "Đoàn kiểm tra số 2 tại xã Thường Tín",
				     .decision_no = "125-QĐ/TU",
				     .date_from = "05/01/2025",
				     .date_to = "10/01/2025" };
	struct finding_new f1 = { .content = "Chỉ số cải cách hành chính xếp cuối bảng <b>của thành phố</b>",
				  .cause_kind = FC_SUBJECTIVE,
				  .cause = "Người đứng đầu chưa quan tâm chỉ đạo",
				  .addressee_unit_code = "W2",
				  .remedy = "Kế hoạch nâng chỉ số cải cách hành chính",
				  .deadline = "30/06/2025" };
	struct finding_new f2 = { .content = "Chưa số hóa hồ sơ đảng viên",
				  .cause_kind = FC_OBJECTIVE,
				  .cause = "Thiếu thiết bị",
				  .addressee_person = "Đồng chí Bí thư Đảng ủy xã",
				  .remedy = "Số hóa toàn bộ hồ sơ",
				  .deadline = "31/12/2099" };
	struct finding_new rf = { .content = "Sinh hoạt chi bộ chưa đều",
				  .cause_kind = FC_SUBJECTIVE,
				  .cause = "Cấp ủy chưa sát sao",
				  .addressee_unit_code = "W1",
				  .remedy = "Sinh hoạt đủ hằng tháng",
				  .deadline = "31/03/2023" };
	const char *why = NULL;
	int64_t conc = 0;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	CHECK_INT(inspection_add(f->s, NULL, &in, &f->insp, &why), APP_OK);
	CHECK_INT(conclusion_create(f->s, NULL, f->insp, "15/01/2025", "15-TB/TU", "Khen", "Phê bình", &conc, &why),
		  APP_OK);
	CHECK_INT(finding_add(f->s, NULL, conc, &f1, &f->overdue, &why), APP_OK);
	CHECK_INT(finding_add(f->s, NULL, conc, &f2, &f->open, &why), APP_OK);
	CHECK_INT(conclusion_issue(f->s, NULL, conc, &why), APP_OK);
	CHECK_INT(review_group_add(f->s, NULL, 2022, 1, "Tổ công tác số 1", "Nguyễn Văn A", NULL, &why), APP_OK);
	CHECK_INT(review_add(f->s, NULL, 2022, "W1", 1, "Làm rõ trách nhiệm sinh hoạt chi bộ", "15/11/2022", &f->review,
			     &why),
		  APP_OK);
	CHECK_INT(review_add_finding(f->s, NULL, f->review, &rf, &f->rf, &why), APP_OK);
	CHECK_INT(complaint_rule_set(f->s, NULL, CK_DENUNCIATION, 90, "Quy định của Ủy ban Kiểm tra (thử)",
				     "01/01/2020", &why),
		  APP_OK);
	f->app.store = f->s;
	f->app.cache_ttl_ms = g_ttl;
	if (!g_ttl)
		return fx_serve(&f->app, false, &f->srv, &f->port);
	/* one worker: what it cached is what the next request sees */
	CHECK_INT(web_server_start(&f->app, &o, &f->srv, &f->port), APP_OK);
	return f->srv != NULL;
}

static void fx_stop(struct fx *f)
{
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

static size_t nreports(struct fx *f, int64_t fid)
{
	struct finding_detail fd;
	struct arena a;
	size_t n;

	arena_init(&a);
	CHECK_INT(followup_finding_get(f->s, &a, NULL, fid, NULL, &fd), APP_OK);
	n = fd.nreports;
	arena_release(&a);
	return n;
}

static const char *report_state(struct fx *f, struct arena *a, int64_t fid, size_t i, const char **done)
{
	struct finding_detail fd;

	CHECK_INT(followup_finding_get(f->s, a, NULL, fid, NULL, &fd), APP_OK);
	*done = fd.f.done_date;
	return i < fd.nreports ? fd.reports[i].state : "";
}

/* A multipart/form-data body: text fields (name, value pairs) and one file (may be NULL). */
static char *multipart(const char *const *fields, const char *field, const char *filename, const void *data, size_t n,
		       size_t *len)
{
	struct http_file file = { field, filename, NULL, data, n };

	return http_multipart(BOUNDARY, fields, &file, filename ? 1 : 0, len);
}

/* POST a remedy report through the page's form (multipart, with the CSRF token). */
static void post_report(struct fx *f, struct http_res *r, const char *cookie, int64_t fid, const char *text,
			const char *filename, const void *data, size_t n)
{
	char *tok = http_page_csrf(f->port, cookie);
	const char *fields[] = { "csrf", tok ? tok : "", "ngay", "01/07/2025", "noi_dung", text, NULL };
	char path[64];
	size_t len;
	char *body = multipart(fields, "minh_chung", filename, data, n, &len);

	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld/bao-cao", (long long)fid);
	http_req(f->port, r, "POST", path, cookie, "multipart/form-data; boundary=" BOUNDARY, body, len, NULL);
	free(body);
	free(tok);
}

/* POST an urlencoded form with the page's CSRF token. */
static void post_form(struct fx *f, struct http_res *r, const char *cookie, const char *path, const char *fields)
{
	http_post_csrf(f->port, r, path, cookie, fields);
}

static const char PDF[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

TEST(db_http_followup_finding_page)
{
	struct fx f;
	struct http_res r;
	char *tt, *hk, *admin, path[96];
	const char *b;

	if (!fx_start(&f))
		return;
	tt = http_login(f.port, "thuongtin", PW, NULL);
	hk = http_login(f.port, "hoankiem", PW, NULL);
	admin = http_login(f.port, "admin", PW, NULL);
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ngay=05/07/2025", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "Chỉ số cải cách hành chính xếp cuối bảng &lt;b&gt;của thành phố&lt;/b&gt;");
	CHECK(!strstr(b, "<b>của"));
	CHECK_CONTAINS(b, "chủ quan: Người đứng đầu chưa quan tâm chỉ đạo");
	CHECK_CONTAINS(b, "<a href=\"/don-vi/W2\">Đảng ủy xã Thường Tín</a>");
	CHECK_CONTAINS(b, "Kế hoạch nâng chỉ số cải cách hành chính");
	CHECK_CONTAINS(b, "<dd>30/06/2025</dd>");
	CHECK_CONTAINS(b, "Tình trạng ngày 05/07/2025");
	CHECK_CONTAINS(
		b,
		"<span class=\"ts-overdue\">Quá hạn chưa hoàn thành</span> <span class=\"days-over\">(quá hạn 5 ngày)</span>");
	CHECK_CONTAINS(b, "Số 15-TB/TU (lần 1)");
	snprintf(path, sizeof(path), "<a href=\"/kiem-tra/%lld\">Đoàn kiểm tra số 2", (long long)f.insp);
	CHECK_CONTAINS(b, path);
	/* the addressee's staff get the report form (multipart), not the decision forms */
	CHECK_CONTAINS(b, "enctype=\"multipart/form-data\"");
	CHECK_CONTAINS(b, "name=\"csrf\"");
	CHECK_CONTAINS(b, "Chưa có báo cáo khắc phục nào.");
	CHECK(!strstr(b, " style="));
	http_res_release(&r);
	/* as of a date inside the deadline: open within */
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ngay=2025-06-30", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "<span class=\"ts-open\">Đang thực hiện trong hạn</span>");
	http_res_release(&r);
	/* the person addressee */
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld", (long long)f.open);
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "khách quan: Thiếu thiết bị");
	CHECK_CONTAINS(r.body.buf, "Đồng chí Bí thư Đảng ủy xã");
	http_res_release(&r);
	/* another ward: 403, nothing of the finding shown */
	http_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "số hóa"));
	CHECK_CONTAINS(r.body.buf, "Bạn không có quyền xem khuyết điểm này");
	http_res_release(&r);
	/* a review finding has the same page, under the review */
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ngay=01/04/2023", (long long)f.rf);
	http_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Sinh hoạt chi bộ chưa đều");
	CHECK_CONTAINS(r.body.buf, "(quá hạn 1 ngày)");
	snprintf(path, sizeof(path), "<a href=\"/kiem-diem/%lld\">", (long long)f.review);
	CHECK_CONTAINS(r.body.buf, path);
	CHECK_CONTAINS(r.body.buf, "Kiểm điểm năm 2022");
	http_res_release(&r);
	/* bad date, unknown id, no session */
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ngay=31/02/2025", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "Ngày xem không hợp lệ");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra/phat-hien/999999", tt);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "Không có khuyết điểm, hạn chế này.");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra/phat-hien/abc", tt);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra/phat-hien/1", NULL);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(tt);
	free(hk);
	free(admin);
	fx_stop(&f);
}

TEST(db_http_followup_report_flow)
{
	struct fx f;
	struct http_res r;
	struct arena a;
	char *tt, *hk, *ktv, path[128], form[256];
	const char *done = NULL, *ev;
	size_t big_n = (20u << 20) + 1;
	char *big;

	if (!fx_start(&f))
		return;
	arena_init(&a);
	tt = http_login(f.port, "thuongtin", PW, NULL);
	hk = http_login(f.port, "hoankiem", PW, NULL);
	ktv = http_login(f.port, "ktv", PW, NULL);

	/* a forbidden type: a clear error, the form again with the text typed, nothing stored */
	post_report(&f, &r, tt, f.overdue, "Đã xây dựng kế hoạch", "ghi-chu.txt", "chỉ là chữ", 13);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Chỉ nhận minh chứng dạng PDF");
	CHECK_CONTAINS(r.body.buf, ">Đã xây dựng kế hoạch</textarea>");
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 0);
	/* over the size limit: refused, nothing stored */
	big = xmalloc(big_n);
	memset(big, 'x', big_n);
	memcpy(big, "%PDF-1.4\n", 9);
	post_report(&f, &r, tt, f.overdue, "Tệp lớn", "lon.pdf", big, big_n);
	CHECK_INT(r.status, 413);
	CHECK_CONTAINS(r.body.buf, "vượt quá dung lượng cho phép (20 MiB)");
	http_res_release(&r);
	free(big);
	CHECK_INT(nreports(&f, f.overdue), 0);
	/* without text: 422, nothing stored */
	post_report(&f, &r, tt, f.overdue, "", "bc.pdf", PDF, sizeof(PDF) - 1);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thiếu nội dung báo cáo kết quả khắc phục.");
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 0);
	/* another ward may not report */
	post_report(&f, &r, hk, f.overdue, "Không phải việc của tôi", "bc.pdf", PDF, sizeof(PDF) - 1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 0);

	/* the addressee reports with a PDF */
	post_report(&f, &r, tt, f.overdue, "Đã ban hành kế hoạch nâng chỉ số", "Kế hoạch số 5.pdf", PDF,
		    sizeof(PDF) - 1);
	CHECK_INT(r.status, 303);
	snprintf(path, sizeof(path), "Location: /kiem-tra/phat-hien/%lld?ok=bao-cao", (long long)f.overdue);
	CHECK_CONTAINS(r.head.buf, path);
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 1);
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ok=bao-cao", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "Đã gửi báo cáo kết quả khắc phục");
	CHECK_CONTAINS(r.body.buf, "Kế hoạch số 5.pdf</a>");
	CHECK_CONTAINS(r.body.buf, "Chờ xác nhận");
	CHECK(!strstr(r.body.buf, "/xu-ly\""));
	ev = strstr(r.body.buf, "href=\"/kiem-tra/minh-chung/");
	CHECK(ev != NULL);
	{
		char evpath[160] = "";
		if (ev) {
			const char *end = strchr(ev + 6, '"');
			snprintf(evpath, sizeof(evpath), "%.*s", (int)(end - (ev + 6)), ev + 6);
		}
		http_res_release(&r);
		http_get(f.port, &r, evpath, tt);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.head.buf, "Content-Type: application/pdf");
		CHECK_CONTAINS(r.head.buf, "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%205.pdf");
		CHECK_INT((long long)r.body.len, (long long)(sizeof(PDF) - 1));
		http_res_release(&r);
		http_get(f.port, &r, evpath, hk);
		CHECK_INT(r.status, 403);
		CHECK(r.body.buf && !strstr(r.body.buf, "%PDF"));
		http_res_release(&r);
	}

	/* the inspector sees the decision forms; returning needs a reason */
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld", (long long)f.overdue);
	http_get(f.port, &r, path, ktv);
	CHECK_CONTAINS(r.body.buf, "/xu-ly\"");
	http_res_release(&r);
	{
		struct finding_detail fd;
		CHECK_INT(followup_finding_get(f.s, &a, NULL, f.overdue, NULL, &fd), APP_OK);
		snprintf(form, sizeof(form),
			 "bao_cao=%lld&ket_qua=tra-lai&ngay=02/07/2025&ly_do=", (long long)fd.reports[0].id);
	}
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld/xu-ly", (long long)f.overdue);
	post_form(&f, &r, ktv, path, form);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Trả lại báo cáo thì phải ghi lý do.");
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "submitted");
	/* the addressee may not decide */
	post_form(&f, &r, tt, path, form);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "submitted");
	/* without the CSRF token: refused */
	http_post_form(f.port, &r, path, ktv, "bao_cao=1&ket_qua=chap-nhan&ngay=02/07/2025");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "submitted");
	/* returned with a reason */
	strncat(form, "Thi%E1%BA%BFu+minh+ch%E1%BB%A9ng", sizeof(form) - strlen(form) - 1);
	post_form(&f, &r, ktv, path, form);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "returned");
	CHECK(done == NULL);
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "Bị trả lại");
	CHECK_CONTAINS(r.body.buf, "Lý do: Thiếu minh chứng");
	http_res_release(&r);

	/* a second report, accepted: the finding is done (late) as of the report's date */
	post_report(&f, &r, tt, f.overdue, "Bổ sung minh chứng", "bo-sung.pdf", PDF, sizeof(PDF) - 1);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	{
		struct finding_detail fd;
		CHECK_INT(followup_finding_get(f.s, &a, NULL, f.overdue, NULL, &fd), APP_OK);
		CHECK_INT((long long)fd.nreports, 2);
		snprintf(form, sizeof(form), "bao_cao=%lld&ket_qua=chap-nhan&ngay=03/07/2025",
			 (long long)fd.reports[1].id);
	}
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld/xu-ly", (long long)f.overdue);
	post_form(&f, &r, ktv, path, form);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 1, &done), "accepted");
	CHECK_STR(done ? done : "", "2025-07-01");
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld?ngay=01/08/2025", (long long)f.overdue);
	http_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "<span class=\"ts-late\">Hoàn thành quá hạn</span>");
	CHECK(!strstr(r.body.buf, "enctype=\"multipart/form-data\"")); /* done: no more reports */
	http_res_release(&r);
	/* reporting on a done finding: 409, nothing stored */
	post_report(&f, &r, tt, f.overdue, "Lần ba", "c.pdf", PDF, sizeof(PDF) - 1);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "đã được xác nhận khắc phục");
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 2);

	free(tt);
	free(hk);
	free(ktv);
	arena_release(&a);
	fx_stop(&f);
}

TEST(db_http_followup_unit_and_accountability)
{
	struct fx f;
	struct http_res r;
	char *tt, *hk, *tu, path[128];
	const char *b;

	if (!fx_start(&f))
		return;
	tt = http_login(f.port, "thuongtin", PW, NULL);
	hk = http_login(f.port, "hoankiem", PW, NULL);
	tu = http_login(f.port, "tustaff", PW, NULL);
	/* the unit page lists its open findings from inspections, with links */
	http_get(f.port, &r, "/don-vi/W2", tt);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "Khuyết điểm chưa khắc phục (2)");
	snprintf(path, sizeof(path), "<a href=\"/kiem-tra/phat-hien/%lld\">", (long long)f.overdue);
	CHECK_CONTAINS(b, path);
	snprintf(path, sizeof(path), "<a href=\"/kiem-tra/%lld\">Đoàn kiểm tra số 2", (long long)f.insp);
	CHECK_CONTAINS(b, path);
	CHECK_CONTAINS(b, "<td>30/06/2025</td><td><span class=\"ts-overdue\">Quá hạn chưa hoàn thành</span>");
	http_res_release(&r);
	/* ... and from reviews */
	http_get(f.port, &r, "/don-vi/W1", hk);
	snprintf(path, sizeof(path), "<a href=\"/kiem-diem/%lld\">Kiểm điểm năm 2022</a>", (long long)f.review);
	CHECK_CONTAINS(r.body.buf, path);
	http_res_release(&r);
	http_get(f.port, &r, "/don-vi/W3", tu);
	CHECK_CONTAINS(r.body.buf, "Không có khuyết điểm nào đang phải khắc phục.");
	http_res_release(&r);

	/* the accountability list of the city as of 10/07/2025: W2's finding 10 days over, W1's since 2023 */
	http_get(f.port, &r, "/kiem-tra/trach-nhiem?ngay=10/07/2025", tu);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "<h2>Đảng ủy xã Thường Tín</h2>");
	CHECK_CONTAINS(b, "<h2>Đảng ủy phường Hoàn Kiếm</h2>");
	CHECK_CONTAINS(b, "<td class=\"num ts-overdue\">10</td>");
	CHECK_CONTAINS(b, "<td class=\"num ts-overdue\">832</td>"); /* 31/03/2023 -> 10/07/2025 */
	CHECK_CONTAINS(b, "2 khuyết điểm quá hạn, 2 địa chỉ");
	CHECK(!strstr(b, "Chưa số hóa")); /* within its deadline */
	http_res_release(&r);
	/* a long list is cut on the page (most overdue of each addressee first), whole in the .xlsx */
	fu_acc_page_rows = 1;
	http_get(f.port, &r, "/kiem-tra/trach-nhiem?ngay=10/07/2025", tu);
	CHECK_CONTAINS(r.body.buf, "Trang này liệt kê 1 khuyết điểm đầu");
	CHECK_CONTAINS(r.body.buf, "… và 1 khuyết điểm khác: xem bảng tính (.xlsx).");
	CHECK_CONTAINS(r.body.buf, "<td class=\"num ts-overdue\">832</td>"); /* W1's, the first addressee */
	CHECK(!strstr(r.body.buf, "<td class=\"num ts-overdue\">10</td>"));
	http_res_release(&r);
	fu_acc_page_rows = 2000;
	/* a ward sees only its own subtree */
	http_get(f.port, &r, "/kiem-tra/trach-nhiem?ngay=10/07/2025", hk);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đảng ủy phường Hoàn Kiếm</h2>");
	CHECK(!strstr(r.body.buf, "Thường Tín"));
	http_res_release(&r);
	/* before any deadline: nothing */
	http_get(f.port, &r, "/kiem-tra/trach-nhiem?ngay=01/01/2023", tu);
	CHECK_CONTAINS(r.body.buf, "Không có khuyết điểm nào quá hạn khắc phục.");
	http_res_release(&r);
	/* the .xlsx */
	http_get(f.port, &r, "/kiem-tra/trach-nhiem.xlsx?ngay=10/07/2025", tu);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	CHECK_CONTAINS(r.head.buf, "filename=\"trach-nhiem-2025-07-10.xlsx\"");
	CHECK(r.body.len > 100 && memcmp(r.body.buf, "PK\x03\x04", 4) == 0);
	http_res_release(&r);
	/* a commune merged into W2 left a finding open: W2's page lists it as its own now */
	{
		struct unit_new old_unit = { .code = "W0",
					     .name = "Đảng ủy xã Cũ",
					     .kind = UNIT_COMMUNE,
					     .parent_code = "TU",
					     .valid_to = "2024-12-31",
					     .successor_code = "W2" };
		struct finding_new of = { .content = "Chưa bàn giao hồ sơ đảng viên",
					  .cause_kind = FC_SUBJECTIVE,
					  .cause = "Sáp nhập",
					  .addressee_unit_code = "W2",
					  .remedy = "Bàn giao",
					  .deadline = "31/12/2099" };
		const char *why = NULL;
		int64_t rv = 0, fid = 0;

		CHECK_INT(unit_add(f.s, &old_unit, NULL, &why), APP_OK);
		CHECK_INT(review_add(f.s, NULL, 2024, "W0", 0, "Gợi ý", "01/12/2024", &rv, &why), APP_OK);
		CHECK_INT(review_add_finding(f.s, NULL, rv, &of, &fid, &why), APP_OK);
		http_get(f.port, &r, "/don-vi/W2", tt);
		CHECK_CONTAINS(r.body.buf, "Khuyết điểm chưa khắc phục (3)");
		CHECK_CONTAINS(r.body.buf, "Chưa bàn giao hồ sơ đảng viên");
		CHECK_CONTAINS(r.body.buf, "Đảng ủy xã Cũ (đơn vị tiền thân)");
		http_res_release(&r);
		http_get(f.port, &r, "/don-vi/W1", hk);
		CHECK(!strstr(r.body.buf, "Chưa bàn giao"));
		http_res_release(&r);
		/* the successor's staff report on it; the city's staff (a superior) get no report form */
		snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld", (long long)fid);
		http_get(f.port, &r, path, tt);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body.buf, "enctype=\"multipart/form-data\"");
		http_res_release(&r);
		http_get(f.port, &r, path, tu);
		CHECK_INT(r.status, 200);
		CHECK(!strstr(r.body.buf, "enctype=\"multipart/form-data\""));
		http_res_release(&r);
	}
	http_get(f.port, &r, "/kiem-tra/trach-nhiem?ngay=hom-qua", tu);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/kiem-tra/trach-nhiem", tu, NULL, "a=1", 3, NULL);
	CHECK_INT(r.status, 405);
	http_res_release(&r);
	free(tt);
	free(hk);
	free(tu);
	fx_stop(&f);
}

TEST(db_http_followup_reviews)
{
	struct fx f;
	struct http_res r;
	struct arena a;
	struct review_list rl;
	struct review v;
	struct finding_list fl;
	char *ktv, *hk, *tt, path[96];
	const char *b;

	if (!fx_start(&f))
		return;
	arena_init(&a);
	ktv = http_login(f.port, "ktv", PW, NULL);
	hk = http_login(f.port, "hoankiem", PW, NULL);
	tt = http_login(f.port, "thuongtin", PW, NULL);
	http_get(f.port, &r, "/kiem-diem?nam=2022", ktv);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "Kiểm điểm tự phê bình và phê bình năm 2022");
	CHECK_CONTAINS(b, "<td>1</td><td>Tổ công tác số 1</td><td>Nguyễn Văn A</td><td class=\"num\">1</td>");
	snprintf(path, sizeof(path), "<a href=\"/kiem-diem/%lld\">Đảng ủy phường Hoàn Kiếm</a>", (long long)f.review);
	CHECK_CONTAINS(b, path);
	CHECK_CONTAINS(b, "action=\"/kiem-diem/to-cong-tac\"");
	http_res_release(&r);
	/* the commission adds a group, then the same number again (409, form kept) */
	post_form(&f, &r, ktv, "/kiem-diem/to-cong-tac",
		  "nam=2022&so=2&ten=T%E1%BB%95+c%C3%B4ng+t%C3%A1c+s%E1%BB%91+2");
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "Location: /kiem-diem?nam=2022&ok=to-cong-tac");
	http_res_release(&r);
	post_form(&f, &r, ktv, "/kiem-diem/to-cong-tac", "nam=2022&so=2&ten=Tr%C3%B9ng");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "Số tổ công tác này đã có trong năm.");
	CHECK_CONTAINS(r.body.buf, "value=\"Trùng\"");
	http_res_release(&r);
	/* a review for W3 with group 2 */
	post_form(&f, &r, ktv, "/kiem-diem/them",
		  "nam=2022&don_vi=W3&to=2&goi_y=L%C3%A0m+r%C3%B5+tr%C3%A1ch+nhi%E1%BB%87m&ngay=20/11/2022");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(review_list(f.s, &a, NULL, 2022, 0, NULL, &rl), APP_OK);
	CHECK_INT((long long)rl.n, 2);
	/* a review for an unknown unit: 422, nothing stored */
	post_form(&f, &r, ktv, "/kiem-diem/them", "nam=2022&don_vi=XX&to=0&goi_y=x&ngay=20/11/2022");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Đơn vị kiểm điểm không tồn tại.");
	http_res_release(&r);
	CHECK_INT(review_list(f.s, &a, NULL, 2022, 0, NULL, &rl), APP_OK);
	CHECK_INT((long long)rl.n, 2);
	/* a ward may not add groups */
	post_form(&f, &r, hk, "/kiem-diem/to-cong-tac", "nam=2022&so=3&ten=x");
	CHECK_INT(r.status, 403);
	http_res_release(&r);

	/* the unit enters its remediation plan; it may not record findings on itself */
	snprintf(path, sizeof(path), "/kiem-diem/%lld", (long long)f.review);
	http_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Làm rõ trách nhiệm sinh hoạt chi bộ");
	CHECK_CONTAINS(r.body.buf, "Đơn vị chưa nhập kế hoạch khắc phục.");
	CHECK_CONTAINS(r.body.buf, "/ke-hoach\"");
	CHECK(!strstr(r.body.buf, "/khuyet-diem\""));
	http_res_release(&r);
	snprintf(path, sizeof(path), "/kiem-diem/%lld/ke-hoach", (long long)f.review);
	post_form(&f, &r, hk, path,
		  "ke_hoach=Sinh+ho%E1%BA%A1t+%C4%91%E1%BB%A7+h%E1%BA%B1ng+th%C3%A1ng&ngay=01/11/2022");
	CHECK_INT(r.status, 422); /* before the points' date */
	CHECK_CONTAINS(r.body.buf, "Ngày kế hoạch khắc phục trước ngày gợi ý kiểm điểm.");
	CHECK_CONTAINS(r.body.buf, ">Sinh hoạt đủ hằng tháng</textarea>");
	http_res_release(&r);
	post_form(&f, &r, hk, path,
		  "ke_hoach=Sinh+ho%E1%BA%A1t+%C4%91%E1%BB%A7+h%E1%BA%B1ng+th%C3%A1ng&ngay=01/12/2022");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(followup_review_get(f.s, &a, NULL, f.review, NULL, &v, &fl), APP_OK);
	CHECK_STR(v.plan_text ? v.plan_text : "", "Sinh hoạt đủ hằng tháng");
	snprintf(path, sizeof(path), "/kiem-diem/%lld/khuyet-diem", (long long)f.review);
	post_form(&f, &r, hk, path,
		  "noi_dung=x&loai_nguyen_nhan=chu-quan&nguyen_nhan=y&dia_chi_don_vi=W1&bien_phap=z&"
		  "thoi_han=31/12/2023");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	/* another ward cannot read it */
	snprintf(path, sizeof(path), "/kiem-diem/%lld", (long long)f.review);
	http_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "sinh hoạt chi bộ"));
	http_res_release(&r);
	/* the commission: a finding without cause is refused, then a complete one */
	snprintf(path, sizeof(path), "/kiem-diem/%lld/khuyet-diem", (long long)f.review);
	post_form(&f, &r, ktv, path,
		  "noi_dung=Ch%E1%BA%ADm+n%E1%BB%99p+b%C3%A1o+c%C3%A1o&loai_nguyen_nhan=&"
		  "nguyen_nhan=&dia_chi_don_vi=W1&bien_phap=z&thoi_han=31/12/2023");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thiếu nguyên nhân (chủ quan hay khách quan).");
	CHECK_CONTAINS(r.body.buf, ">Chậm nộp báo cáo</textarea>");
	http_res_release(&r);
	CHECK_INT(followup_review_get(f.s, &a, NULL, f.review, NULL, &v, &fl), APP_OK);
	CHECK_INT((long long)fl.n, 1);
	post_form(&f, &r, ktv, path,
		  "noi_dung=Ch%E1%BA%ADm+n%E1%BB%99p+b%C3%A1o+c%C3%A1o&loai_nguyen_nhan=khach-quan&"
		  "nguyen_nhan=Thi%E1%BA%BFu+ng%C6%B0%E1%BB%9Di&dia_chi_don_vi=W1&bien_phap=B%E1%BB%95+"
		  "sung&thoi_han=31/12/2023");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(followup_review_get(f.s, &a, NULL, f.review, NULL, &v, &fl), APP_OK);
	CHECK_INT((long long)fl.n, 2);
	snprintf(path, sizeof(path), "/kiem-diem/%lld?ngay=01/01/2024", (long long)f.review);
	http_get(f.port, &r, path, hk);
	CHECK_CONTAINS(r.body.buf, "Chậm nộp báo cáo");
	CHECK_CONTAINS(r.body.buf, "(quá hạn 1 ngày)");
	CHECK_CONTAINS(r.body.buf, "Sinh hoạt đủ hằng tháng");
	http_res_release(&r);
	/* without a year: the latest that has reviews */
	http_get(f.port, &r, "/kiem-diem", ktv);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Kiểm điểm tự phê bình và phê bình năm 2022");
	CHECK_CONTAINS(r.body.buf, "Các năm có kiểm điểm: <strong>2022</strong>");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-diem?nam=abc", ktv);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-diem/424242", ktv);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	free(ktv);
	free(hk);
	free(tt);
	arena_release(&a);
	fx_stop(&f);
}

static size_t ncomplaints(struct fx *f)
{
	struct arena a;
	struct complaint_list cl;
	size_t n;

	arena_init(&a);
	CHECK_INT(complaint_list(f->s, &a, NULL, 0, NULL, NULL, NULL, &cl), APP_OK);
	n = cl.n;
	arena_release(&a);
	return n;
}

TEST(db_http_followup_complaints)
{
	struct fx f;
	struct http_res r;
	char *ktv, *hk, *tt, path[96];
	const char *b, *loc;
	int64_t id = 0;

	if (!fx_start(&f))
		return;
	ktv = http_login(f.port, "ktv", PW, NULL);
	hk = http_login(f.port, "hoankiem", PW, NULL);
	tt = http_login(f.port, "thuongtin", PW, NULL);
	http_get(f.port, &r, "/khieu-nai-to-cao", tt);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "Tố cáo: 90 ngày kể từ ngày nhận đơn; căn cứ: Quy định của Ủy ban Kiểm tra (thử)");
	CHECK_CONTAINS(b, "Chưa khai báo quy định thời hạn giải quyết đơn khiếu nại");
	CHECK(!strstr(b, "action=\"/khieu-nai-to-cao/thoi-han\"")); /* staff do not declare rules */
	http_res_release(&r);
	/* a complaint without a rule: said plainly, the form kept, nothing stored */
	post_form(&f, &r, tt, "/khieu-nai-to-cao/them",
		  "loai=khieu-nai&don_vi=W2&ngay_nhan=02/03/2025&tom_tat=Khi%E1%BA%BFu+n%E1%BA%A1i+v%E1%BB%81+"
		  "%C4%91%E1%BA%A5t&nguoi_giai_quyet=UBKT");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf,
		       "Chưa có quy định thời hạn giải quyết đơn khiếu nại áp dụng cho ngày nhận 02/03/2025");
	CHECK_CONTAINS(r.body.buf, ">Khiếu nại về đất</textarea>");
	http_res_release(&r);
	CHECK_INT((long long)ncomplaints(&f), 0);
	/* another ward's unit: 403, nothing stored */
	post_form(&f, &r, hk, "/khieu-nai-to-cao/them",
		  "loai=to-cao&don_vi=W2&ngay_nhan=02/03/2025&tom_tat=x&nguoi_giai_quyet=y");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT((long long)ncomplaints(&f), 0);
	/* a denunciation: due = received + 90 days */
	post_form(&f, &r, tt, "/khieu-nai-to-cao/them",
		  "loai=to-cao&don_vi=W2&ngay_nhan=02/03/2025&tom_tat=T%E1%BB%91+c%C3%A1o+c%C3%A1n+b%E1%BB%99&"
		  "nguoi_giai_quyet=%E1%BB%A6y+ban+Ki%E1%BB%83m+tra");
	CHECK_INT(r.status, 303);
	loc = strstr(r.head.buf, "Location: /khieu-nai-to-cao/");
	CHECK(loc != NULL);
	if (loc)
		id = strtoll(loc + 28, NULL, 10);
	http_res_release(&r);
	CHECK(id > 0);
	CHECK_INT((long long)ncomplaints(&f), 1);
	http_get(f.port, &r, "/khieu-nai-to-cao?ngay=01/07/2025", tt);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "<td>02/03/2025</td><td>Tố cáo</td><td>Đảng ủy xã Thường Tín</td>");
	CHECK_CONTAINS(b, "<td>31/05/2025</td>");
	CHECK_CONTAINS(b, "Quá hạn giải quyết 31 ngày");
	CHECK_CONTAINS(b, "<td>Đảng ủy xã Thường Tín</td><td class=\"num\">1</td><td class=\"num\">1</td>"
			  "<td class=\"num ts-overdue\">1</td>");
	http_res_release(&r);
	/* another ward does not see it */
	snprintf(path, sizeof(path), "/khieu-nai-to-cao/%lld", (long long)id);
	http_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_get(f.port, &r, "/khieu-nai-to-cao", hk);
	CHECK(!strstr(r.body.buf, "Tố cáo cán bộ"));
	http_res_release(&r);
	/* close: a date before it was received is refused, then resolved */
	snprintf(path, sizeof(path), "/khieu-nai-to-cao/%lld/ket-thuc", (long long)id);
	post_form(&f, &r, tt, path, "trang_thai=resolved&ngay=01/01/2025&ket_qua=Xong");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Ngày kết thúc trước ngày nhận đơn.");
	http_res_release(&r);
	post_form(&f, &r, hk, path, "trang_thai=resolved&ngay=01/06/2025&ket_qua=Xong");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	post_form(&f, &r, tt, path,
		  "trang_thai=resolved&ngay=05/06/2025&ket_qua=%C4%90%C3%A3+k%E1%BA%BFt+lu%E1%BA%ADn");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/khieu-nai-to-cao/%lld", (long long)id);
	http_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "Đã giải quyết");
	CHECK_CONTAINS(r.body.buf, "Giải quyết chậm 5 ngày");
	CHECK_CONTAINS(r.body.buf, "Đã kết luận");
	CHECK(!strstr(r.body.buf, "/ket-thuc\""));
	http_res_release(&r);
	/* registered on purpose with no rule: no due date, the register says so, never overdue */
	http_get(f.port, &r, "/khieu-nai-to-cao", tt);
	CHECK_CONTAINS(r.body.buf, "name=\"chua_co_thoi_han\"");
	http_res_release(&r);
	post_form(&f, &r, tt, "/khieu-nai-to-cao/them",
		  "loai=khieu-nai&don_vi=W2&ngay_nhan=02/03/2025&tom_tat=Khi%E1%BA%BFu+n%E1%BA%A1i+v%E1%BB%81+"
		  "%C4%91%E1%BA%A5t&nguoi_giai_quyet=UBKT&chua_co_thoi_han=1");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT((long long)ncomplaints(&f), 2);
	http_get(f.port, &r, "/khieu-nai-to-cao?ngay=01/07/2025", tt);
	CHECK_CONTAINS(r.body.buf, ">Khiếu nại về đất</a></td><td>UBKT</td><td>Chưa khai báo thời hạn</td>");
	http_res_release(&r);
	/* the commission declares the complaint rule; a bad one is refused */
	post_form(&f, &r, ktv, "/khieu-nai-to-cao/thoi-han", "loai=khieu-nai&so_ngay=0&can_cu=x&tu_ngay=01/01/2025");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	post_form(&f, &r, tt, "/khieu-nai-to-cao/thoi-han", "loai=khieu-nai&so_ngay=30&can_cu=x&tu_ngay=01/01/2025");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	post_form(&f, &r, ktv, "/khieu-nai-to-cao/thoi-han",
		  "loai=khieu-nai&so_ngay=30&can_cu=Quy+%C4%91%E1%BB%8Bnh+th%E1%BB%AD&tu_ngay=01/01/2025");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	http_get(f.port, &r, "/khieu-nai-to-cao", tt);
	CHECK_CONTAINS(r.body.buf, "Khiếu nại: 30 ngày kể từ ngày nhận đơn; căn cứ: Quy định thử");
	CHECK(!strstr(r.body.buf, "Chưa khai báo"));
	CHECK_CONTAINS(r.body.buf, "<td>UBKT</td><td>01/04/2025</td>"); /* its due date set by the rule */
	CHECK(!strstr(r.body.buf, "name=\"chua_co_thoi_han\""));
	http_res_release(&r);
	free(ktv);
	free(hk);
	free(tt);
	fx_stop(&f);
}

static json_t *jbody(const struct http_res *r)
{
	json_error_t e;

	return json_loads(r->body.buf ? r->body.buf : "", 0, &e);
}

static void api_post(int port, struct http_res *r, const char *path, const char *tok, const char *json)
{
	char *auth = xasprintf("Authorization: Bearer %s", tok);

	http_req(port, r, "POST", path, NULL, "application/json", json, strlen(json), auth);
	free(auth);
}

TEST(db_http_followup_api)
{
	struct fx f;
	struct http_res r;
	struct arena a;
	char *tt, *hk, *ktv, path[96], *json, b64[128];
	json_t *o;
	int64_t rid = 0;
	const char *done;

	if (!fx_start(&f))
		return;
	arena_init(&a);
	tt = http_api_token(f.port, "thuongtin", PW);
	hk = http_api_token(f.port, "hoankiem", PW);
	ktv = http_api_token(f.port, "ktv", PW);

	snprintf(path, sizeof(path), "/api/v1/findings/%lld?as_of=2025-07-05", (long long)f.overdue);
	http_api_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 200);
	o = jbody(&r);
	CHECK(o != NULL);
	CHECK_STR(json_string_value(json_object_get(o, "status")), "overdue");
	CHECK_INT(json_integer_value(json_object_get(o, "days_overdue")), 5);
	CHECK_STR(json_string_value(json_object_get(json_object_get(o, "unit"), "code")), "W2");
	CHECK_STR(json_string_value(json_object_get(json_object_get(o, "inspection"), "conclusion_number")),
		  "15-TB/TU");
	CHECK_INT((long long)json_array_size(json_object_get(o, "reports")), 0);
	json_decref(o);
	http_res_release(&r);
	http_api_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"forbidden\"");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/findings/999999", tt);
	CHECK_INT(r.status, 404);
	http_res_release(&r);

	/* a report with base64 evidence; another ward: 403 and nothing stored; bad JSON: 400; bad type: 422 */
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)PDF, sizeof(PDF) - 1,
			  sodium_base64_VARIANT_ORIGINAL);
	json = xasprintf("{\"date\":\"2025-07-01\",\"text\":\"Đã khắc phục\",\"evidence\":[{\"filename\":\"bc.pdf\","
			 "\"content_base64\":\"%s\"}]}",
			 b64);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/reports", (long long)f.overdue);
	api_post(f.port, &r, path, hk, json);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 0);
	api_post(f.port, &r, path, tt, "{\"date\":");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"bad_request\"");
	http_res_release(&r);
	api_post(
		f.port, &r, path, tt,
		"{\"date\":\"2025-07-01\",\"text\":\"x\",\"evidence\":[{\"filename\":\"a.txt\",\"content_base64\":\"aGVsbG8=\"}]}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"invalid\"");
	CHECK_CONTAINS(r.body.buf, "Chỉ nhận minh chứng dạng PDF");
	http_res_release(&r);
	api_post(f.port, &r, path, tt, "{\"date\":\"2025-07-01\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	CHECK_INT(nreports(&f, f.overdue), 0);
	api_post(f.port, &r, path, tt, json);
	CHECK_INT(r.status, 201);
	o = jbody(&r);
	rid = o ? json_integer_value(json_object_get(o, "id")) : 0;
	CHECK(rid > 0);
	json_decref(o);
	http_res_release(&r);
	free(json);
	CHECK_INT(nreports(&f, f.overdue), 1);
	/* without a token a POST is 401 (no cookie fallback for writes) */
	http_req(f.port, &r, "POST", path, NULL, "application/json", "{}", 2, NULL);
	CHECK_INT(r.status, 401);
	http_res_release(&r);

	/* decisions: the addressee 403; a return without reason 422; accept */
	snprintf(path, sizeof(path), "/api/v1/finding-reports/%lld/decision", (long long)rid);
	api_post(f.port, &r, path, tt, "{\"decision\":\"accept\",\"date\":\"2025-07-02\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(f.port, &r, path, ktv, "{\"decision\":\"return\",\"date\":\"2025-07-02\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api_post(f.port, &r, path, ktv, "{\"decision\":\"maybe\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "submitted");
	api_post(f.port, &r, path, ktv, "{\"decision\":\"accept\",\"date\":\"2025-07-02\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"state\":\"accepted\"");
	http_res_release(&r);
	api_post(f.port, &r, path, ktv, "{\"decision\":\"accept\",\"date\":\"2025-07-02\"}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	CHECK_STR(report_state(&f, &a, f.overdue, 0, &done), "accepted");
	CHECK_STR(done ? done : "", "2025-07-01");
	snprintf(path, sizeof(path), "/api/v1/finding-reports/999999/decision");
	api_post(f.port, &r, path, ktv, "{\"decision\":\"accept\",\"date\":\"2025-07-02\"}");
	CHECK_INT(r.status, 404);
	http_res_release(&r);

	/* the accountability list as of 10/07/2025: only the review finding is left */
	http_api_get(f.port, &r, "/api/v1/accountability?as_of=2025-07-10", ktv);
	CHECK_INT(r.status, 200);
	o = jbody(&r);
	CHECK_INT(json_integer_value(json_object_get(o, "total")), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(o, "groups"), 0), "addressee")),
		  "Đảng ủy phường Hoàn Kiếm");
	CHECK_INT(json_integer_value(
			  json_object_get(json_array_get(json_object_get(o, "groups"), 0), "max_days_overdue")),
		  832);
	json_decref(o);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/accountability?as_of=2025-07-10", tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"total\":0");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/accountability?as_of=x", tt);
	CHECK_INT(r.status, 400);
	http_res_release(&r);

	/* reviews */
	http_api_get(f.port, &r, "/api/v1/reviews?year=2022", ktv);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"points\":\"Làm rõ trách nhiệm sinh hoạt chi bộ\"");
	CHECK_CONTAINS(r.body.buf, "\"groups\":[{\"no\":1");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/reviews?year=2022", tt);
	CHECK_CONTAINS(r.body.buf, "\"reviews\":[]");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/reviews", tt);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/reviews", hk,
		 "{\"year\":2022,\"unit\":\"W2\",\"points\":\"x\",\"points_date\":\"2022-11-20\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/reviews", ktv, "{\"year\":\"2022\"}");
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/reviews", ktv,
		 "{\"year\":2022,\"unit\":\"W2\",\"group\":1,\"points\":\"Gợi ý\",\"points_date\":\"2022-11-20\"}");
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/reviews", ktv,
		 "{\"year\":2022,\"unit\":\"W2\",\"group\":1,\"points\":\"Lần hai\",\"points_date\":\"2022-11-20\"}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/findings", (long long)f.review);
	api_post(f.port, &r, path, ktv, "{\"content\":\"Thiếu\",\"cause_kind\":\"subjective\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api_post(
		f.port, &r, path, ktv,
		"{\"content\":\"Chưa đủ\",\"cause_kind\":\"subjective\",\"cause\":\"c\",\"addressee_person\":\"Bí thư\","
		"\"remedy\":\"r\",\"deadline\":\"2023-06-30\"}");
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/plan", (long long)f.review);
	api_post(f.port, &r, path, tt, "{\"plan\":\"p\",\"date\":\"2022-12-01\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(f.port, &r, path, hk, "{\"plan\":\"Kế hoạch\",\"date\":\"2022-12-01\"}");
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld", (long long)f.review);
	http_api_get(f.port, &r, path, hk);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"plan\":{\"text\":\"Kế hoạch\"");
	CHECK_CONTAINS(r.body.buf, "\"content\":\"Chưa đủ\"");
	http_res_release(&r);
	http_api_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 403);
	http_res_release(&r);

	/* complaints: no rule for complaints: 422 and nothing stored; another ward 403; then one */
	api_post(
		f.port, &r, "/api/v1/complaints", tt,
		"{\"kind\":\"complaint\",\"unit\":\"W2\",\"received\":\"2025-03-02\",\"summary\":\"s\",\"handler\":\"h\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Chưa có quy định thời hạn giải quyết");
	http_res_release(&r);
	api_post(
		f.port, &r, "/api/v1/complaints", hk,
		"{\"kind\":\"denunciation\",\"unit\":\"W2\",\"received\":\"2025-03-02\",\"summary\":\"s\",\"handler\":\"h\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(
		f.port, &r, "/api/v1/complaints", tt,
		"{\"kind\":\"complaint\",\"unit\":\"W2\",\"received\":\"2025-03-02\",\"summary\":\"s\",\"handler\":\"h\","
		"\"without_rule\":\"yes\"}");
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/complaints", tt, "{\"kind\":\"other\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	CHECK_INT((long long)ncomplaints(&f), 0);
	api_post(
		f.port, &r, "/api/v1/complaints", tt,
		"{\"kind\":\"denunciation\",\"unit\":\"W2\",\"received\":\"2025-03-02\",\"summary\":\"Tố cáo\",\"handler\":\"UBKT\"}");
	CHECK_INT(r.status, 201);
	o = jbody(&r);
	rid = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/complaints?as_of=2025-07-01", tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"due\":\"2025-05-31\"");
	CHECK_CONTAINS(r.body.buf, "\"overdue\":true,\"days_over\":31");
	CHECK_CONTAINS(r.body.buf, "\"kinds_without_rule\":[\"complaint\"]");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/complaints", hk);
	CHECK_CONTAINS(r.body.buf, "\"complaints\":[]");
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/complaints", tt,
		 "{\"kind\":\"complaint\",\"unit\":\"W2\",\"received\":\"2025-03-02\",\"summary\":\"Không hạn\","
		 "\"handler\":\"h\",\"without_rule\":true}");
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/complaints?as_of=2025-07-01", tt);
	CHECK_CONTAINS(r.body.buf, "\"summary\":\"Không hạn\",\"handler\":\"h\",\"due\":null");
	CHECK_CONTAINS(r.body.buf, "\"no_rule\":true,\"overdue\":false");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/complaints/%lld/close", (long long)rid);
	api_post(f.port, &r, path, hk, "{\"state\":\"resolved\",\"date\":\"2025-06-01\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(f.port, &r, path, tt, "{\"state\":\"open\",\"date\":\"2025-06-01\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api_post(f.port, &r, path, tt, "{\"state\":\"forwarded\",\"date\":\"2025-06-01\",\"outcome\":\"Chuyển\"}");
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	api_post(f.port, &r, path, tt, "{\"state\":\"resolved\",\"date\":\"2025-06-02\"}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/complaints/%lld", (long long)rid);
	http_api_get(f.port, &r, path, tt);
	CHECK_CONTAINS(r.body.buf, "\"state\":\"forwarded\"");
	CHECK_CONTAINS(r.body.buf, "\"days_over\":1");
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/complaint-rules", tt,
		 "{\"kind\":\"complaint\",\"days\":30,\"source\":\"x\",\"valid_from\":\"2025-01-01\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api_post(f.port, &r, "/api/v1/complaint-rules", ktv,
		 "{\"kind\":\"complaint\",\"days\":30,\"source\":\"Quy định thử\",\"valid_from\":\"2025-01-01\"}");
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/nothing-here", tt);
	CHECK_INT(r.status, 404);
	http_res_release(&r);

	free(tt);
	free(hk);
	free(ktv);
	arena_release(&a);
	fx_stop(&f);
}

/* The unit page's section is cached per thread with the unit data, and dropped by a write through the server. */
TEST(db_http_followup_unit_section_cache)
{
	struct fx f;
	struct http_res r;
	struct finding_detail fd;
	struct arena a;
	char *tt, *ktv, form[128], path[96];
	const char *why = NULL;
	int64_t rid = 0;

	g_ttl = 60000;
	if (!fx_start(&f)) {
		g_ttl = 0;
		return;
	}
	g_ttl = 0;
	arena_init(&a);
	tt = http_login(f.port, "thuongtin", PW, NULL);
	ktv = http_login(f.port, "ktv", PW, NULL);
	for (int i = 0; i < 2; i++) {
		http_get(f.port, &r, "/don-vi/W2", tt);
		CHECK_CONTAINS(r.body.buf, "Khuyết điểm chưa khắc phục (2)");
		http_res_release(&r);
	}
	/* a finding made done outside the server (the command line): the section stays as it was within the TTL */
	CHECK_INT(finding_report(f.s, NULL, f.open, "01/07/2025", "Xong", NULL, 0, &rid, &why), APP_OK);
	CHECK_INT(finding_decide(f.s, NULL, rid, true, "02/07/2025", NULL, &why), APP_OK);
	for (int i = 0; i < 4; i++) {
		http_get(f.port, &r, "/don-vi/W2", tt);
		CHECK_CONTAINS(r.body.buf, "Khuyết điểm chưa khắc phục (2)");
		http_res_release(&r);
	}
	/* the other one reported and accepted through the server: every thread drops it at once */
	post_report(&f, &r, tt, f.overdue, "Đã khắc phục", "bc.pdf", PDF, sizeof(PDF) - 1);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(followup_finding_get(f.s, &a, NULL, f.overdue, NULL, &fd), APP_OK);
	CHECK_INT((long long)fd.nreports, 1);
	snprintf(form, sizeof(form), "bao_cao=%lld&ket_qua=chap-nhan&ngay=02/07/2025",
		 (long long)(fd.nreports ? fd.reports[0].id : 0));
	snprintf(path, sizeof(path), "/kiem-tra/phat-hien/%lld/xu-ly", (long long)f.overdue);
	post_form(&f, &r, ktv, path, form);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	for (int i = 0; i < 4; i++) {
		http_get(f.port, &r, "/don-vi/W2", tt);
		CHECK_CONTAINS(r.body.buf, "Khuyết điểm chưa khắc phục (0)");
		http_res_release(&r);
	}
	free(tt);
	free(ktv);
	arena_release(&a);
	fx_stop(&f);
}
