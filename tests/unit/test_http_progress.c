/*
** HTTP tests of progress (route_progress.c, page_progress.c,
** page_dashboard.c): value entry with evidence (multipart), refusals that
** store nothing, evidence downloads, the progress table with roll-ups and
** the four task states as of a date, the reminder list, the dashboard's
** SVG charts, the coverage report, the .xlsx/.docx downloads and the
** /api/v1 endpoints; another ward is refused everywhere. A real server on
** 127.0.0.1 port 0; db_ tests run on SQLite and PostgreSQL.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <jansson.h>

#include "model/account.h"
#include "model/attachment.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"
#include "web/web.h"

#define PW FX_PW
#define BOUNDARY "----gsTestBoundary7MA4YWxk"
#define PDF "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
	int64_t dir, ind[3], plan1, other_dir;
	char *w1, *w2, *tu; /* session cookies */
};

static bool fx_start(struct fx *f)
{
	static const struct fx_unit units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY, false },
		{ "W1", "Đảng ủy xã Thạch Thất", "TU", NULL, UNIT_COMMUNE, false },
		{ "W2", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE, false },
		{ "W3", "Đảng ủy xã Quang Minh", "TU", NULL, UNIT_COMMUNE, false },
	};
	static const struct fx_acct accts[] = {
		{ "tustaff", ROLE_STAFF, "TU", NULL },
		{ "thachthat", ROLE_STAFF, "W1", NULL },
		{ "thuongtin", ROLE_STAFF, "W2", NULL },
		{ "xem", ROLE_VIEWER, "W1", NULL },
	};
	struct directive_new dn = { .unit_code = "TU",
				    .number = "310/KH-UBND",
				    .doc_date = "2025-11-24",
				    .title = "Phát triển hạ tầng 5G, IoT trong các khu công nghiệp",
				    .period_from = "2025-11-24",
				    .period_to = "2030-12-31" };
	struct directive_new dn2 = { .unit_code = "W2",
				     .number = "21-KH/ĐU",
				     .doc_date = "2025-12-15",
				     .title = "Kế hoạch riêng của xã Thường Tín" };
	struct indicator_new in[3] = {
		{ .code = "CT01",
		  .name = "Tỷ lệ khu, cụm công nghiệp có tối thiểu 1 trạm phát sóng 5G",
		  .measure = "%",
		  .has_target = true,
		  .target = 100,
		  .period = PER_YEAR,
		  .agg = AGG_RATIO,
		  .scale = 100 },
		{ .code = "CT02",
		  .name = "Số trạm 5G xây mới",
		  .measure = "trạm",
		  .has_target = true,
		  .target = 10,
		  .period = PER_YEAR,
		  .agg = AGG_SUM },
		{ .code = "CT03",
		  .name = "Tỷ lệ hồ sơ cấp phép trạm giải quyết đúng hạn",
		  .measure = "%",
		  .has_target = true,
		  .target = 95,
		  .period = PER_YEAR,
		  .agg = AGG_MEAN },
	};
	struct indicator_new in2 = { .code = "X1",
				     .name = "Chỉ tiêu riêng",
				     .measure = "%",
				     .has_target = true,
				     .target = 50,
				     .period = PER_YEAR,
				     .agg = AGG_MEAN };
	struct plan_new p1 = { .unit_code = "W1", .title = "Kế hoạch của xã Thạch Thất", .plan_date = "2025-12-10" };
	struct plan_new p2 = { .unit_code = "W2", .title = "Kế hoạch của xã Thường Tín", .plan_date = "2025-12-15" };
	struct task_new t1 = { .content = "Khảo sát 12 trạm thu phát sóng",
			       .lead = "Phòng Kinh tế xã",
			       .process = "Khảo sát thực địa",
			       .responsibility = "Trưởng phòng",
			       .result = "Danh sách",
			       .deadline = "2026-03-31",
			       .done_date = "2026-03-20" };
	struct task_new t2 = { .content = "Tuyên truyền <b>40 doanh nghiệp</b>",
			       .lead = "Văn phòng Đảng ủy xã",
			       .process = "Hội nghị",
			       .responsibility = "Chánh Văn phòng",
			       .result = "40 doanh nghiệp",
			       .deadline = "2026-09-30" };
	struct task_new t3 = { .content = "Hỗ trợ cấp phép xây dựng trạm",
			       .lead = "Văn phòng Đảng ủy xã",
			       .deadline = "2026-10-05" };
	struct directive_result dr;
	struct value_new v = { .unit_code = "W2", .period = "2026", .value = 4 };
	int64_t plan2, tid, x1;
	const char *why = NULL;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	CHECK_INT(directive_add(f->s, &dn, &dr, &why), APP_OK);
	f->dir = dr.id;
	for (int i = 0; i < 3; i++) {
		in[i].directive_id = f->dir;
		CHECK_INT(indicator_add(f->s, &in[i], &f->ind[i], &why), APP_OK);
	}
	CHECK_INT(directive_add(f->s, &dn2, &dr, &why), APP_OK);
	f->other_dir = dr.id;
	in2.directive_id = f->other_dir;
	CHECK_INT(indicator_add(f->s, &in2, &x1, &why), APP_OK);
	p1.directive_id = p2.directive_id = f->dir;
	CHECK_INT(plan_create(f->s, NULL, &p1, &f->plan1, &why), APP_OK);
	CHECK_INT(plan_create(f->s, NULL, &p2, &plan2, &why), APP_OK);
	for (int i = 0; i < 3; i++)
		CHECK_INT(plan_adopt(f->s, NULL, f->plan1, f->ind[i], true, i == 1 ? 4 : 100, &why), APP_OK);
	CHECK_INT(plan_adopt(f->s, NULL, plan2, f->ind[1], true, 6, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan1, &t1, &tid, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan1, &t2, &tid, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan1, &t3, &tid, &why), APP_OK);
	v.indicator_id = f->ind[1];
	CHECK_INT(progress_set(f->s, NULL, &v, NULL, &why), APP_OK);
	f->app.store = f->s;
	f->app.reuse_dir = arena_printf(&f->arena, "%s/reuse", test_tmpdir());
	if (!fx_serve(&f->app, false, &f->srv, &f->port))
		return false;
	f->w1 = http_login(f->port, "thachthat", PW, NULL);
	f->w2 = http_login(f->port, "thuongtin", PW, NULL);
	f->tu = http_login(f->port, "tustaff", PW, NULL);
	CHECK(f->w1 && f->w2 && f->tu);
	return f->srv && f->w1 && f->w2 && f->tu;
}

static void fx_stop(struct fx *f)
{
	free(f->w1);
	free(f->w2);
	free(f->tu);
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

/* POST /tien-do/W1/nhap as cookie: fields "k=v" pairs (NULL-terminated) and an optional file. */
static void post_value(struct fx *f, struct http_res *r, const char *cookie, const char *unit, const char *const *kv,
		       const char *fname, const void *data, size_t n, bool csrf)
{
	char *tok = csrf ? http_page_csrf(f->port, cookie) : NULL;
	char *path = xasprintf("/tien-do/%s/nhap", unit), ct[24], *body;
	const char *fields[64];
	struct http_file file = { "minh_chung", fname, "application/pdf", data, n };
	size_t nf = 0, len, i;

	if (tok) {
		fields[nf++] = "csrf";
		fields[nf++] = tok;
	}
	snprintf(ct, sizeof(ct), "%lld", (long long)f->dir);
	fields[nf++] = "ct";
	fields[nf++] = ct;
	for (i = 0; kv[i] && nf + 3 < ARRAY_SIZE(fields); i += 2) {
		fields[nf++] = kv[i];
		fields[nf++] = kv[i + 1];
	}
	CHECK(kv[i] == NULL);
	fields[nf] = NULL;
	body = http_multipart(BOUNDARY, fields, &file, fname ? 1 : 0, &len);
	http_req(f->port, r, "POST", path, cookie, "multipart/form-data; boundary=" BOUNDARY, body, len, NULL);
	free(body);
	free(path);
	free(tok);
}

static size_t nvalues(struct fx *f, const char *unit)
{
	struct arena a;
	struct value_list vl;
	struct unit u;
	size_t n;

	arena_init(&a);
	CHECK_INT(unit_get_by_code(f->s, &a, unit, &u), APP_OK);
	CHECK_INT(progress_unit_values(f->s, &a, f->dir, u.id, &vl), APP_OK);
	n = vl.n;
	arena_release(&a);
	return n;
}

static const char *body(const struct http_res *r)
{
	return r->body.buf ? r->body.buf : "";
}

TEST(db_http_progress_entry_and_evidence)
{
	struct fx f;
	struct http_res r;
	char path[256], *link = NULL, ind[24];
	const char *b, *href;

	if (!fx_start(&f))
		return;
	snprintf(path, sizeof(path), "/tien-do/W1?ct=%lld&ky=2026", (long long)f.dir);
	http_get(f.port, &r, path, f.w1);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "Nhập số liệu của đơn vị");
	CHECK_CONTAINS(body(&r), "enctype=\"multipart/form-data\"");
	CHECK_CONTAINS(body(&r), "CT02. Số trạm 5G xây mới");
	http_res_release(&r);

	snprintf(ind, sizeof(ind), "%lld", (long long)f.ind[1]);
	{
		const char *kv[] = { "chi_tieu", ind, "ky", "2026", "gia_tri", "3", "ghi_chu", "Dữ liệu <thử>", NULL };
		post_value(&f, &r, f.w1, "W1", kv, "biên bản nghiệm thu.pdf", PDF, sizeof(PDF) - 1, true);
	}
	CHECK_INT(r.status, 303);
	CHECK_CONTAINS(r.head.buf, "ok=1");
	http_res_release(&r);
	CHECK_INT((long long)nvalues(&f, "W1"), 1);

	http_get(f.port, &r, path, f.w1);
	b = body(&r);
	CHECK_CONTAINS(b, "Dữ liệu &lt;thử&gt;");
	CHECK_CONTAINS(b, "biên bản nghiệm thu.pdf");
	/* the roll-up: W1 3 + W2 4 = 7 for the city is not shown here; W1 alone: 3 */
	href = strstr(b, "href=\"/minh-chung-tien-do/");
	CHECK(href != NULL);
	if (href) {
		const char *e = strchr(href + 6, '"');
		link = xstrndup(href + 6, (size_t)(e - href - 6));
	}
	http_res_release(&r);
	if (!link) {
		fx_stop(&f);
		return;
	}
	http_get(f.port, &r, link, f.w1);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "Content-Type: application/pdf");
	CHECK_CONTAINS(r.head.buf, "Content-Disposition: attachment;");
	CHECK_CONTAINS(r.head.buf, "filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n");
	CHECK_CONTAINS(r.head.buf, "X-Content-Type-Options: nosniff");
	CHECK_INT((long long)r.body.len, (long long)sizeof(PDF) - 1);
	http_res_release(&r);
	/* the superior reads it; another ward does not */
	http_get(f.port, &r, link, f.tu);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	http_get(f.port, &r, link, f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_get(f.port, &r, path, f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(link);
	fx_stop(&f);
}

TEST(db_http_progress_refusals_store_nothing)
{
	struct fx f;
	struct http_res r;
	char i0[24], i1[24], i2[24];

	if (!fx_start(&f))
		return;
	snprintf(i0, sizeof(i0), "%lld", (long long)f.ind[0]);
	snprintf(i1, sizeof(i1), "%lld", (long long)f.ind[1]);
	snprintf(i2, sizeof(i2), "%lld", (long long)f.ind[2]);
	{
		/* a percentage over 100 */
		const char *kv[] = { "chi_tieu", i2, "ky", "2026", "gia_tri", "150", NULL };
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "tỷ lệ % phải từ 0 đến 100");
		CHECK_CONTAINS(body(&r), "value=\"150\""); /* the value typed is kept */
		http_res_release(&r);
	}
	{
		/* a fraction where a count is expected */
		const char *kv[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "2,5", NULL };
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "số nguyên không âm");
		http_res_release(&r);
	}
	{
		/* not a number */
		const char *kv[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "ba trạm", NULL };
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "Giá trị phải là một số");
		http_res_release(&r);
	}
	{
		/* a period not of the indicator's form */
		const char *kv[] = { "chi_tieu", i1, "ky", "2026-Q1", "gia_tri", "2", NULL };
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "Kỳ báo cáo không đúng dạng");
		http_res_release(&r);
	}
	{
		/* a ratio without its denominator */
		const char *kv[] = { "chi_tieu", i0, "ky", "2026", "tu_so", "1", NULL };
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "tử số và mẫu số");
		http_res_release(&r);
	}
	{
		/* a good value with a forbidden evidence type: nothing stored, not even the value */
		const char *kv[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "2", NULL };
		post_value(&f, &r, f.w1, "W1", kv, "ghi-chu.pdf", "#!/bin/sh\necho hi\n", 18, true);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "class=\"alert\"");
		http_res_release(&r);
	}
	{
		/* evidence over 20 MiB: refused with its reason, nothing stored */
		const char *kv[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "2", NULL };
		size_t big = ATTACHMENT_MAX + 1;
		char *data = xmalloc(big);
		memset(data, 'a', big);
		memcpy(data, "%PDF-1.4\n", 9);
		post_value(&f, &r, f.w1, "W1", kv, "lon.pdf", data, big, true);
		CHECK_INT(r.status, 413);
		CHECK_CONTAINS(body(&r), "vượt quá 20 MB");
		http_res_release(&r);
		free(data);
	}
	CHECK_INT((long long)nvalues(&f, "W1"), 0);
	{
		/* a stored value is neither lost nor half-replaced by a refused update */
		const char *good[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "3", NULL };
		const char *bad[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "5", NULL };
		const char *frac[] = { "chi_tieu", i1, "ky", "2026", "gia_tri", "4,5", NULL };
		struct arena a;
		struct value_list vl;
		struct unit u;

		post_value(&f, &r, f.w1, "W1", good, "bien-ban.pdf", PDF, sizeof(PDF) - 1, true);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		post_value(&f, &r, f.w1, "W1", bad, "virus.pdf", "MZ\x90\x00", 4, true);
		CHECK_INT(r.status, 422);
		http_res_release(&r);
		post_value(&f, &r, f.w1, "W1", frac, NULL, NULL, 0, true);
		CHECK_INT(r.status, 422);
		http_res_release(&r);
		arena_init(&a);
		CHECK_INT(unit_get_by_code(f.s, &a, "W1", &u), APP_OK);
		CHECK_INT(progress_unit_values(f.s, &a, f.dir, u.id, &vl), APP_OK);
		CHECK_INT((long long)vl.n, 1);
		if (vl.n) {
			CHECK(vl.v[0].value == 3);
			CHECK_INT((long long)vl.v[0].nev, 1);
			CHECK_STR(vl.v[0].ev[0].filename, "bien-ban.pdf");
		}
		arena_release(&a);
	}
	{
		/* another ward posting into W1, and a viewer of W1: 403, nothing stored */
		const char *kv[] = { "chi_tieu", i1, "ky", "2027", "gia_tri", "2", NULL };
		char *viewer = http_login(f.port, "xem", PW, NULL);
		size_t before = nvalues(&f, "W1");
		post_value(&f, &r, f.w2, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		post_value(&f, &r, viewer, "W1", kv, NULL, NULL, 0, true);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		/* no CSRF token */
		post_value(&f, &r, f.w1, "W1", kv, NULL, NULL, 0, false);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		CHECK_INT((long long)nvalues(&f, "W1"), (long long)before);
		free(viewer);
	}
	fx_stop(&f);
}

/* W1's CT01 (ratio 1/2), CT02 3, CT03 90 for 2026, through the model. */
static void seed_values(struct fx *f)
{
	struct value_new a = {
		.indicator_id = f->ind[0], .unit_code = "W1", .period = "2026", .has_ratio = true, .num = 1, .den = 2
	};
	struct value_new b = { .indicator_id = f->ind[1], .unit_code = "W1", .period = "2026", .value = 3 };
	struct value_new c = { .indicator_id = f->ind[2], .unit_code = "W1", .period = "2026", .value = 90.5 };
	struct value_new d = { .indicator_id = f->ind[1], .unit_code = "W1", .period = "2025", .value = 1 };
	const char *why;

	CHECK_INT(progress_set(f->s, NULL, &a, NULL, &why), APP_OK);
	CHECK_INT(progress_set(f->s, NULL, &b, NULL, &why), APP_OK);
	CHECK_INT(progress_set(f->s, NULL, &c, NULL, &why), APP_OK);
	CHECK_INT(progress_set(f->s, NULL, &d, NULL, &why), APP_OK);
}

TEST(db_http_progress_table_status_reminders)
{
	struct fx f;
	struct http_res r;
	char path[256];
	const char *b;

	if (!fx_start(&f))
		return;
	seed_values(&f);
	/* the city: CT02 rolls up by sum, W1 3 + W2 4 = 7 against 10 */
	snprintf(path, sizeof(path), "/tien-do/TU?ct=%lld&ky=2026&ngay=01/10/2026", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	b = body(&r);
	CHECK_CONTAINS(b, "<td>CT02</td><td>Số trạm 5G xây mới</td><td>trạm</td><td>2026</td><td class=\"num\">10</td>"
			  "<td class=\"num unmet\">7</td><td>Tổng</td><td class=\"num\">2 / 0</td>");
	CHECK_CONTAINS(b, "<td class=\"num unmet\">50</td>"); /* CT01: 1/2 × 100 */
	CHECK_CONTAINS(b, "<td class=\"num unmet\">90,5</td>");
	/* subordinates: W1 and W2 each with their figure */
	CHECK_CONTAINS(b, "Kết quả của các đơn vị trực thuộc");
	CHECK_CONTAINS(b, ">Đảng ủy xã Thường Tín</a></td><td class=\"num \">—</td><td class=\"num unmet\">4</td>");
	/* task status as of 01/10/2026: one done on time, one overdue (30/09), one within (05/10) */
	CHECK_CONTAINS(b, "tính đến ngày 01/10/2026");
	CHECK_CONTAINS(
		b, "<tr class=\"total\"><td>Thành ủy Hà Nội (toàn đảng bộ)</td><td class=\"num\">1</td>"
		   "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">3</td>");
	CHECK(strstr(b, "Nhập số liệu của đơn vị") == NULL); /* the city has no plan of its own */
	http_res_release(&r);
	/* an earlier date: all three open within their deadlines */
	snprintf(path, sizeof(path), "/tien-do/TU?ct=%lld&ngay=2026-01-15", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_CONTAINS(body(&r),
		       "(toàn đảng bộ)</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">3"
		       "</td><td class=\"num\">0</td>");
	http_res_release(&r);
	/* impossible dates and periods */
	snprintf(path, sizeof(path), "/tien-do/TU?ct=%lld&ngay=31/02/2026", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(body(&r), "Ngày không hợp lệ");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/tien-do/TU?ct=%lld&ky=2026-Q5", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	/* the reminder list as of 01/10/2026, by lead */
	http_get(f.port, &r, "/don-doc/TU?ngay=01/10/2026&trong=7", f.tu);
	CHECK_INT(r.status, 200);
	b = body(&r);
	CHECK_CONTAINS(b, "<h2>Văn phòng Đảng ủy xã</h2>");
	CHECK_CONTAINS(b, "Tuyên truyền &lt;b&gt;40 doanh nghiệp&lt;/b&gt;");
	CHECK_CONTAINS(b, "Quá hạn 1 ngày");
	CHECK_CONTAINS(b, "Còn 4 ngày");
	CHECK(strstr(b, "Khảo sát 12 trạm") == NULL); /* done */
	http_res_release(&r);
	/* a ward reads its own list, not the city's nor another ward's */
	http_get(f.port, &r, "/don-doc/W1?ngay=01/10/2026", f.w1);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	http_get(f.port, &r, "/don-doc/TU", f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_get(f.port, &r, "/don-doc/W1", f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	/* a directive that does not bind W1 (W2's own) */
	snprintf(path, sizeof(path), "/tien-do/W1?ct=%lld", (long long)f.other_dir);
	http_get(f.port, &r, path, f.w1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	fx_stop(&f);
}

TEST(db_http_progress_dashboard)
{
	struct fx f;
	struct http_res r;
	char path[256];
	const char *b;

	if (!fx_start(&f))
		return;
	seed_values(&f);
	snprintf(path, sizeof(path), "/tong-hop/W1?ct=%lld&ky=2026&ngay=01/10/2026", (long long)f.dir);
	http_get(f.port, &r, path, f.w1);
	CHECK_INT(r.status, 200);
	b = body(&r);
	CHECK_CONTAINS(b, "<svg class=\"chart chart-bars\"");
	CHECK_CONTAINS(b, "<svg class=\"chart chart-stack\"");
	CHECK_CONTAINS(b, "<svg class=\"chart chart-line\"");
	CHECK_CONTAINS(
		b, "<title id=\"bd-muc-tieu-t\">Kết quả so với mục tiêu của Đảng ủy xã Thạch Thất, kỳ 2026</title>");
	CHECK_CONTAINS(b, "<desc id=\"bd-muc-tieu-d\">");
	/* CT03 90,5 % against the plan's 100: not met; CT02 3 against the plan's 4 */
	CHECK_CONTAINS(b, "90,5 / 100 %");
	CHECK_CONTAINS(b, "<td class=\"num\">4</td><td class=\"num\">3</td>");
	/* the trend of CT02: 2025 then 2026 */
	CHECK_CONTAINS(b, "<td>2025</td><td class=\"num\">1</td>");
	/* the four states as of the date with their shares */
	CHECK_CONTAINS(b, "Hoàn thành đúng hạn: 1 (33,3%)");
	CHECK(strstr(b, "<script>") == NULL && strstr(b, " style=\"") == NULL); /* CSP: nothing inline */
	http_res_release(&r);
	http_get(f.port, &r, path, f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	/* without ?ct= and with one programme binding the unit, the dashboard opens it */
	http_get(f.port, &r, "/tong-hop/W1", f.w1);
	CHECK_INT(r.status, 303);
	snprintf(path, sizeof(path), "Location: /tong-hop/W1?ct=%lld", (long long)f.dir);
	CHECK_CONTAINS(r.head.buf, path);
	http_res_release(&r);
	/* the unit page links to it */
	http_get(f.port, &r, "/don-vi/W1", f.w1);
	snprintf(path, sizeof(path), "href=\"/tong-hop/W1?ct=%lld\"", (long long)f.dir);
	CHECK_CONTAINS(body(&r), path);
	CHECK_CONTAINS(body(&r), "href=\"/don-doc/W1\"");
	http_res_release(&r);
	fx_stop(&f);
}

static bool write_file(const char *path, const struct http_res *r)
{
	return file_write_atomic(path, r->body.buf, r->body.len) == APP_OK;
}

TEST(db_http_progress_coverage_and_downloads)
{
	struct fx f;
	struct http_res r;
	char path[256], *docx, *text;
	const char *b, *w1, *w2, *w3;

	if (!fx_start(&f))
		return;
	seed_values(&f);
	snprintf(path, sizeof(path), "/bao-phu/%lld", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	b = body(&r);
	/* worst first: Quang Minh (no plan, 0/3), Thường Tín 1/3, Thạch Thất 3/3 */
	w3 = strstr(b, ">Đảng ủy xã Quang Minh<");
	w2 = strstr(b, ">Đảng ủy xã Thường Tín<");
	w1 = strstr(b, ">Đảng ủy xã Thạch Thất<");
	CHECK(w1 && w2 && w3 && w3 < w2 && w2 < w1);
	CHECK_CONTAINS(b, "<td>Chưa có</td><td class=\"num\">0/3</td>");
	CHECK_CONTAINS(b, "3 đơn vị được áp dụng chỉ tiêu; 0 đã nhận đủ");
	http_res_release(&r);
	/* one unit's detail: W2's CT02 at 6, not weaker than the city's 10? it is weaker (up) */
	snprintf(path, sizeof(path), "/bao-phu/%lld?don-vi=W2", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_CONTAINS(body(&r), "Thấp hơn cấp trên");
	CHECK_CONTAINS(body(&r), "Chưa nhận");
	http_res_release(&r);
	/* a ward sees its own scope only, and not another ward's directive */
	snprintf(path, sizeof(path), "/bao-phu/%lld", (long long)f.other_dir);
	http_get(f.port, &r, path, f.w1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);

	/* downloads */
	snprintf(path, sizeof(path), "/bao-phu/%lld/tai-ve.xlsx", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "spreadsheetml.sheet");
	CHECK(r.body.len > 4 && memcmp(r.body.buf, "PK", 2) == 0);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/tien-do/TU/tai-ve.xlsx?ct=%lld&ky=2026", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "attachment; filename=\"tien-do-TU-2026.xlsx\"");
	CHECK(r.body.len > 4 && memcmp(r.body.buf, "PK", 2) == 0);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/tien-do/W1/tai-ve.xlsx?ct=%lld", (long long)f.dir);
	http_get(f.port, &r, path, f.w2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);

	snprintf(path, sizeof(path), "/bao-phu/%lld/tai-ve.docx", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "wordprocessingml.document");
	docx = xasprintf("%s/bao-phu.docx", test_tmpdir());
	CHECK(write_file(docx, &r));
	http_res_release(&r);
	text = test_docx_pdf_text(docx);
	if (text) {
		CHECK_CONTAINS(text, "BÁO CÁO");
		CHECK_CONTAINS(text, "mức độ cụ thể hóa chỉ tiêu của 310/KH-UBND");
		CHECK_CONTAINS(text, "Quang Minh");
		CHECK_CONTAINS(text, "0/3");
		CHECK(test_first_line_has(text, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG CỘNG SẢN VIỆT NAM"));
	}
	free(text);
	free(docx);
	snprintf(path, sizeof(path), "/tien-do/TU/tai-ve.docx?ct=%lld&ky=2026&ngay=01/10/2026", (long long)f.dir);
	http_get(f.port, &r, path, f.tu);
	CHECK_INT(r.status, 200);
	docx = xasprintf("%s/tien-do.docx", test_tmpdir());
	CHECK(write_file(docx, &r));
	http_res_release(&r);
	text = test_docx_pdf_text(docx);
	if (text) {
		CHECK_CONTAINS(text, "tiến độ thực hiện chỉ tiêu của 310/KH-UBND");
		CHECK_CONTAINS(text, "Số trạm 5G xây mới");
		CHECK_CONTAINS(text, "90,5");
		CHECK_CONTAINS(text, "Đảng ủy xã Thường Tín");
		CHECK_CONTAINS(text, "01/10/2026");
	}
	free(text);
	free(docx);
	fx_stop(&f);
}

TEST(db_http_progress_api)
{
	struct fx f;
	struct http_res r;
	char *t1 = NULL, *t2 = NULL, *tt = NULL, path[256], *auth1, *auth2, *js;
	json_t *o;
	json_error_t je;
	const char *hash;

	if (!fx_start(&f))
		return;
	t1 = http_api_token(f.port, "thachthat", PW);
	t2 = http_api_token(f.port, "thuongtin", PW);
	tt = http_api_token(f.port, "tustaff", PW);
	CHECK(t1 && t2 && tt);
	auth1 = xasprintf("Authorization: Bearer %s", t1);
	auth2 = xasprintf("Authorization: Bearer %s", t2);
	/* a raw upload, then the value with it */
	http_req(f.port, &r, "POST", "/api/v1/attachments", NULL, "application/pdf", PDF, sizeof(PDF) - 1, auth1);
	CHECK_INT(r.status, 201);
	o = json_loads(body(&r), 0, &je);
	hash = o ? json_string_value(json_object_get(o, "hash")) : NULL;
	CHECK(hash && strlen(hash) == 64);
	CHECK_STR(json_string_value(json_object_get(o, "mime")), "application/pdf");
	js = xasprintf("{\"indicator_id\":%lld,\"unit\":\"W1\",\"period\":\"2026\",\"value\":5,"
		       "\"evidence\":[{\"hash\":\"%s\",\"filename\":\"bien-ban.pdf\"}]}",
		       (long long)f.ind[1], hash ? hash : "");
	json_decref(o);
	http_res_release(&r);
	http_req(f.port, &r, "POST", "/api/v1/values", NULL, "application/json", js, strlen(js), auth1);
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	/* the same for W1 by another ward: 403, nothing changed */
	http_req(f.port, &r, "POST", "/api/v1/values", NULL, "application/json", js, strlen(js), auth2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(js);
	/* a forbidden type, an unknown hash, a % out of range */
	http_req(f.port, &r, "POST", "/api/v1/attachments", NULL, "text/plain", "hello", 5, auth1);
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	js = xasprintf("{\"indicator_id\":%lld,\"unit\":\"W1\",\"period\":\"2027\",\"value\":1,"
		       "\"evidence\":[{\"hash\":\"%064d\",\"filename\":\"x.pdf\"}]}",
		       (long long)f.ind[1], 0);
	http_req(f.port, &r, "POST", "/api/v1/values", NULL, "application/json", js, strlen(js), auth1);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Không có tệp minh chứng với mã băm này");
	http_res_release(&r);
	free(js);
	js = xasprintf("{\"indicator_id\":%lld,\"unit\":\"W1\",\"period\":\"2026\",\"value\":101}",
		       (long long)f.ind[2]);
	http_req(f.port, &r, "POST", "/api/v1/values", NULL, "application/json", js, strlen(js), auth1);
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	free(js);
	http_req(f.port, &r, "POST", "/api/v1/values", NULL, "application/json", "[1]", 3, auth1);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	CHECK_INT((long long)nvalues(&f, "W1"), 1);

	/* progress as JSON */
	snprintf(path, sizeof(path), "/api/v1/units/TU/progress?directive=%lld&period=2026&as_of=2026-10-01",
		 (long long)f.dir);
	http_api_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 200);
	o = json_loads(body(&r), 0, &je);
	CHECK(o != NULL);
	if (o) {
		json_t *i1 = json_array_get(json_object_get(o, "indicators"), 1);
		CHECK_STR(json_string_value(json_object_get(i1, "code")), "CT02");
		CHECK(json_real_value(json_object_get(i1, "value")) == 9.0); /* 5 + 4 */
		CHECK_INT(json_integer_value(json_object_get(json_object_get(o, "task_status"), "overdue")), 1);
		json_decref(o);
	}
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/units/W1/progress?directive=%lld", (long long)f.dir);
	http_api_get(f.port, &r, path, t2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/TU/reminders?as_of=2026-10-01&days=7", tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"lead\":\"Văn phòng Đảng ủy xã\"");
	CHECK_CONTAINS(body(&r), "\"overdue\":true");
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/units/W1/reminders", t2);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/directives/%lld/coverage", (long long)f.dir);
	http_api_get(f.port, &r, path, tt);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"ratio\":\"0/3\"");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/api/v1/directives/%lld/coverage", (long long)f.other_dir);
	http_api_get(f.port, &r, path, t1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(auth1);
	free(auth2);
	free(t1);
	free(t2);
	free(tt);
	fx_stop(&f);
}
