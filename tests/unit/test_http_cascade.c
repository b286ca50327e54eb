/*
** HTTP tests of the cascade pages (page_cascade.c): a directive with its
** indicators and coverage, a plan with its tasks, chart and state forms.
** A real server on 127.0.0.1 port 0 on a fresh database, driven with
** libcurl; named db_http_cascade_* so they run on SQLite and PostgreSQL.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "model/account.h"
#include "model/doc.h"
#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"
#include "web/web.h"

#define PW FX_PW

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
	int64_t dir, plan1, plan2;
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
		{ "admin", ROLE_ADMIN, "TU", NULL },
		{ "tustaff", ROLE_STAFF, "TU", NULL },
		{ "hoankiem", ROLE_STAFF, "W1", NULL },
		{ "thuongtin", ROLE_STAFF, "W2", NULL },
	};
	struct directive_new dn = { .unit_code = "TU",
				    .number = "01-CTr/TU",
				    .doc_date = "2025-10-20",
				    .title = "Chương trình công tác toàn khóa về chuyển đổi số",
				    .period_from = "2025-10-01",
				    .period_to = "2030-12-31" };
	struct directive_result dr;
	struct indicator_new i1 = { .code = "CT01",
				    .name = "Tỷ lệ hồ sơ giải quyết trực tuyến",
				    .measure = "%",
				    .dir = IND_UP,
				    .has_target = true,
				    .target = 90,
				    .has_baseline = true,
				    .baseline = 62.5,
				    .period = PER_YEAR,
				    .agg = AGG_MEAN };
	struct indicator_new i2 = { .code = "CT02",
				    .name = "Số khu dân cư văn hóa",
				    .measure = "khu",
				    .dir = IND_UP,
				    .has_target = true,
				    .target = 1234.5,
				    .period = PER_YEAR,
				    .agg = AGG_SUM,
				    .kinds = 1u << UNIT_COMMUNE };
	struct plan_new p1 = { .unit_code = "W1",
			       .title = "Kế hoạch thực hiện Chương trình 01-CTr/TU",
			       .plan_date = "2025-11-01" };
	struct plan_new p2 = { .unit_code = "W2", .title = "Kế hoạch của xã Thường Tín", .plan_date = "2025-11-02" };
	struct task_new t1 = { .content = "<script>alert(1)</script> Quán triệt chương trình",
			       .lead = "Ban Tuyên giáo",
			       .process = "Hội nghị",
			       .responsibility = "Bí thư",
			       .result = "100% đảng viên",
			       .deadline = "2025-12-31",
			       .done_date = "2025-12-20" };
	struct task_new t2 = { .content = "Triển khai dịch vụ công trực tuyến" };
	int64_t ind1 = 0, ind2 = 0, tid;
	const char *why = NULL;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	CHECK_INT(directive_add(f->s, &dn, &dr, &why), APP_OK);
	f->dir = dr.id;
	i1.directive_id = i2.directive_id = f->dir;
	CHECK_INT(indicator_add(f->s, &i1, &ind1, &why), APP_OK);
	CHECK_INT(indicator_add(f->s, &i2, &ind2, &why), APP_OK);
	p1.directive_id = p2.directive_id = f->dir;
	CHECK_INT(plan_create(f->s, NULL, &p1, &f->plan1, &why), APP_OK);
	CHECK_INT(plan_create(f->s, NULL, &p2, &f->plan2, &why), APP_OK);
	/* W1 adopts CT01 only (1/2) with a task lacking its elements: the check fails */
	CHECK_INT(plan_adopt(f->s, NULL, f->plan1, ind1, true, 95, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan1, &t1, &tid, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan1, &t2, &tid, &why), APP_OK);
	/* W2 adopts both, CT01 weaker than the city's */
	CHECK_INT(plan_adopt(f->s, NULL, f->plan2, ind1, true, 80, &why), APP_OK);
	CHECK_INT(plan_adopt(f->s, NULL, f->plan2, ind2, true, 2000, &why), APP_OK);
	CHECK_INT(plan_add_task(f->s, NULL, f->plan2, &t1, &tid, &why), APP_OK);
	f->app.store = f->s;
	f->app.reuse_dir = arena_printf(&f->arena, "%s/reuse", test_tmpdir());
	return fx_serve(&f->app, false, &f->srv, &f->port);
}

static void fx_stop(struct fx *f)
{
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

static enum plan_state state_of(struct fx *f, int64_t id, struct arena *a, const char **override)
{
	struct plan pl;

	CHECK_INT(plan_get(f->s, a, id, &pl), APP_OK);
	if (override)
		*override = pl.override_reason;
	return pl.state;
}

/* POST a form with the page's CSRF token appended (when csrf). */
static void post_plan(struct fx *f, struct http_res *r, const char *cookie, int64_t plan, const char *action,
		      const char *fields, bool csrf)
{
	char *path = xasprintf("/ke-hoach/%lld/%s", (long long)plan, action);

	if (csrf)
		http_post_csrf(f->port, r, path, cookie, fields);
	else
		http_post_form(f->port, r, path, cookie, fields ? fields : "");
	free(path);
}

TEST(db_http_cascade_directive_page)
{
	struct fx f;
	struct http_res r;
	char *admin, *ward, path[64], kinds[128], want[256];
	const char *b, *w1, *w2, *w3;

	if (!fx_start(&f))
		return;
	admin = http_login(f.port, "admin", PW, NULL);
	ward = http_login(f.port, "hoankiem", PW, NULL);
	snprintf(path, sizeof(path), "/chuong-trinh/%lld", (long long)f.dir);
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "01-CTr/TU");
	CHECK_CONTAINS(b, "20/10/2025");
	CHECK_CONTAINS(b, "Thành ủy Hà Nội");
	CHECK_CONTAINS(b, "Chương trình công tác toàn khóa về chuyển đổi số");
	CHECK_CONTAINS(b, "<td>CT01</td><td>Tỷ lệ hồ sơ giải quyết trực tuyến</td><td>%</td><td>Càng cao càng tốt"
			  "</td><td class=\"num\">90</td><td class=\"num\">62,5</td>");
	CHECK_CONTAINS(b, "1.234,5");
	snprintf(kinds, sizeof(kinds), "<td>%s</td></tr>", unit_kind_vi(UNIT_COMMUNE));
	CHECK_CONTAINS(b, kinds);
	CHECK_CONTAINS(b, "Mọi đơn vị");
	/* coverage of the city's wards, worst first: W3 (no plan) 0/2, W1 1/2, W2 2/2 with one weaker target */
	w1 = strstr(b, "href=\"/don-vi/W1\"");
	w2 = strstr(b, "href=\"/don-vi/W2\"");
	w3 = strstr(b, "href=\"/don-vi/W3\"");
	CHECK(w1 && w2 && w3 && w3 < w1 && w1 < w2);
	CHECK_CONTAINS(b, "Đảng ủy phường Ba Đình</a></td><td>Chưa có</td><td class=\"num\">0/2</td>");
	snprintf(want, sizeof(want),
		 "Đảng ủy phường Hoàn Kiếm</a></td><td><a href=\"/ke-hoach/%lld\">Có</a></td>"
		 "<td class=\"num\">1/2</td>",
		 (long long)f.plan1);
	CHECK_CONTAINS(b, want);
	snprintf(want, sizeof(want),
		 "Đảng ủy xã Thường Tín</a></td><td><a href=\"/ke-hoach/%lld\">Có</a></td>"
		 "<td class=\"num\">2/2</td><td class=\"num\">0</td><td class=\"num\">1</td>",
		 (long long)f.plan2);
	CHECK_CONTAINS(b, want);
	http_res_release(&r);

	/* the document page links to it */
	snprintf(path, sizeof(path), "/van-ban/%lld", (long long)f.dir);
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	snprintf(path, sizeof(path), "href=\"/chuong-trinh/%lld\"", (long long)f.dir);
	CHECK_CONTAINS(r.body.buf, path);
	http_res_release(&r);

	/* a ward bound by the city's programme reads it; it has no subordinates */
	snprintf(path, sizeof(path), "/chuong-trinh/%lld", (long long)f.dir);
	http_get(f.port, &r, path, ward);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Không có đơn vị trực thuộc nào");
	CHECK(!strstr(r.body.buf, "href=\"/don-vi/W2\""));
	http_res_release(&r);

	/* a directive of another ward is not shown to this ward; a plain document is no directive */
	{
		struct directive_new dn = { .unit_code = "W2",
					    .number = "05-CTr/ĐU",
					    .doc_date = "2025-11-05",
					    .title = "Chương trình của xã Thường Tín" };
		struct doc_new pd = { .unit_code = "W1",
				      .kind = "Báo cáo",
				      .number = "12-BC/ĐU",
				      .doc_date = "2025-11-06",
				      .title = "Báo cáo tháng" };
		struct directive_result dr;
		const char *why = NULL;
		int64_t plain = 0;

		CHECK_INT(directive_add(f.s, &dn, &dr, &why), APP_OK);
		CHECK_INT(doc_add(f.s, &pd, &plain, &why), APP_OK);
		snprintf(want, sizeof(want), "/chuong-trinh/%lld", (long long)dr.id);
		http_get(f.port, &r, want, ward);
		CHECK_INT(r.status, 403);
		CHECK_CONTAINS(r.body.buf, "Bạn không có quyền xem chương trình này");
		CHECK(!strstr(r.body.buf, "Chương trình của xã Thường Tín"));
		http_res_release(&r);
		http_get(f.port, &r, want, admin);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body.buf, "Chương trình của xã Thường Tín");
		CHECK_CONTAINS(r.body.buf, "Chương trình chưa có chỉ tiêu.");
		http_res_release(&r);
		snprintf(want, sizeof(want), "/chuong-trinh/%lld", (long long)plain);
		http_get(f.port, &r, want, ward);
		CHECK_INT(r.status, 404);
		http_res_release(&r);
		snprintf(want, sizeof(want), "/van-ban/%lld", (long long)plain);
		http_get(f.port, &r, want, ward);
		CHECK_INT(r.status, 200);
		CHECK(!strstr(r.body.buf, "/chuong-trinh/"));
		http_res_release(&r);
	}
	http_get(f.port, &r, "/chuong-trinh/999999", admin);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "Không có chương trình, văn bản chỉ đạo này.");
	http_res_release(&r);
	http_get(f.port, &r, "/chuong-trinh/abc", admin);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	http_get(f.port, &r, path, NULL);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	free(admin);
	free(ward);
	fx_stop(&f);
}

TEST(db_http_cascade_plan_page)
{
	struct fx f;
	struct http_res r;
	char *own, *other, *admin, path[64], want[128];
	const char *b;

	if (!fx_start(&f))
		return;
	own = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);
	admin = http_login(f.port, "admin", PW, NULL);
	snprintf(path, sizeof(path), "/ke-hoach/%lld", (long long)f.plan1);
	http_get(f.port, &r, path, own);
	CHECK_INT(r.status, 200);
	b = r.body.buf ? r.body.buf : "";
	CHECK_CONTAINS(b, "Kế hoạch thực hiện Chương trình 01-CTr/TU");
	CHECK_CONTAINS(b, "Đảng ủy phường Hoàn Kiếm");
	CHECK_CONTAINS(b, plan_state_vi(PLAN_DRAFT));
	CHECK_CONTAINS(b, "01/11/2025");
	/* adopted indicators with local targets, and the one not adopted */
	CHECK_CONTAINS(b, "<td class=\"num\">95</td><td class=\"num\">90</td>");
	CHECK_CONTAINS(b, cov_state_vi(COV_MISSING));
	/* tasks: escaped text, missing elements, status, chart */
	CHECK_CONTAINS(b, "&lt;script&gt;alert(1)&lt;/script&gt; Quán triệt chương trình");
	CHECK(!strstr(b, "<script>alert"));
	CHECK_CONTAINS(b, "31/12/2025");
	snprintf(want, sizeof(want), "<span class=\"miss\">%s</span>", plan_elem_vi(PE_DEADLINE));
	CHECK_CONTAINS(b, want);
	snprintf(want, sizeof(want), "<span class=\"miss\">%s</span>", plan_elem_vi(PE_LEAD));
	CHECK_CONTAINS(b, want);
	CHECK_CONTAINS(b, "<span class=\"ts-ontime\">Hoàn thành đúng hạn</span>");
	CHECK_CONTAINS(b, "<span class=\"ts-open\">Đang thực hiện trong hạn</span>");
	CHECK_CONTAINS(b, "<svg viewBox=\"0 0 640 116\"");
	CHECK_CONTAINS(b, "aria-label=\"Tình trạng 2 nhiệm vụ\"");
	CHECK(!strstr(b, " style="));
	/* the unit's own staff may submit; no review forms for it */
	snprintf(want, sizeof(want), "action=\"/ke-hoach/%lld/gui\"", (long long)f.plan1);
	CHECK_CONTAINS(b, want);
	CHECK(!strstr(b, "/chap-thuan\""));
	CHECK_CONTAINS(b, "name=\"csrf\"");
	http_res_release(&r);

	/* another ward may not read it */
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "Bạn không có quyền xem kế hoạch này");
	CHECK(!strstr(r.body.buf, "Quán triệt"));
	http_res_release(&r);
	/* the city reads it, but may not submit a ward's plan from the page... admin may */
	http_get(f.port, &r, path, admin);
	CHECK_INT(r.status, 200);
	http_res_release(&r);

	http_get(f.port, &r, "/ke-hoach/999999", own);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "Không có kế hoạch này.");
	http_res_release(&r);
	http_get(f.port, &r, "/ke-hoach/x1", own);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	free(own);
	free(other);
	free(admin);
	fx_stop(&f);
}

TEST(db_http_cascade_plan_transitions)
{
	struct fx f;
	struct http_res r;
	struct arena a;
	char *own, *other, *tu, *admin, *w2, path[64];
	const char *ov = NULL;

	if (!fx_start(&f))
		return;
	arena_init(&a);
	own = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);
	tu = http_login(f.port, "tustaff", PW, NULL);
	admin = http_login(f.port, "admin", PW, NULL);
	w2 = other;

	/* without the CSRF field: refused, nothing changed */
	post_plan(&f, &r, own, f.plan1, "gui", NULL, false);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_DRAFT);
	/* another ward: cannot even read it */
	post_plan(&f, &r, other, f.plan1, "gui", NULL, true);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_DRAFT);
	/* the ward submits its own plan */
	post_plan(&f, &r, own, f.plan1, "gui", NULL, true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_SUBMITTED);
	/* it may not accept it itself */
	post_plan(&f, &r, own, f.plan1, "chap-thuan", "override=T%E1%BB%B1+duy%E1%BB%87t", true);
	CHECK(r.status == 403 || r.status == 409);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_SUBMITTED);

	/* the superior sees the review forms and the failing check */
	snprintf(path, sizeof(path), "/ke-hoach/%lld", (long long)f.plan1);
	http_get(f.port, &r, path, tu);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "/chap-thuan\"");
	CHECK_CONTAINS(r.body.buf, "/tra-lai\"");
	CHECK_CONTAINS(r.body.buf, "Kế hoạch chưa đạt yêu cầu");
	http_res_release(&r);
	/* accept refused while the check fails: no reason, then a reason from a mere staff member */
	post_plan(&f, &r, tu, f.plan1, "chap-thuan", NULL, true);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "<html lang=\"vi\">");
	CHECK_CONTAINS(r.body.buf, "Kế hoạch chưa đạt yêu cầu kiểm tra");
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_SUBMITTED);
	post_plan(&f, &r, tu, f.plan1, "chap-thuan", "override=C%E1%BA%A7n+g%E1%BA%A5p", true);
	CHECK(r.status == 403 || r.status == 409);
	CHECK_CONTAINS(r.body.buf, "Chỉ lãnh đạo hoặc quản trị viên được chấp thuận kế hoạch chưa đạt yêu cầu.");
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, NULL), PLAN_SUBMITTED);
	/* an administrator overrides with a reason */
	post_plan(&f, &r, admin, f.plan1, "chap-thuan", "override=C%E1%BA%A7n+g%E1%BA%A5p", true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan1, &a, &ov), PLAN_ACCEPTED);
	CHECK_STR(ov ? ov : "", "Cần gấp");
	http_get(f.port, &r, path, own);
	CHECK_CONTAINS(r.body.buf, "Cần gấp");
	CHECK(!strstr(r.body.buf, "/gui\""));
	http_res_release(&r);

	/* W2 submits, the city returns it, W2 submits again and it is accepted without override */
	post_plan(&f, &r, w2, f.plan2, "gui", NULL, true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	post_plan(&f, &r, tu, f.plan2, "tra-lai", "reason=B%E1%BB%95+sung", true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan2, &a, NULL), PLAN_RETURNED);
	post_plan(&f, &r, w2, f.plan2, "gui", NULL, true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	post_plan(&f, &r, tu, f.plan2, "chap-thuan", NULL, true);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(state_of(&f, f.plan2, &a, NULL), PLAN_ACCEPTED);
	/* accepting twice is a state conflict */
	post_plan(&f, &r, tu, f.plan2, "chap-thuan", NULL, true);
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "Chỉ chấp thuận được kế hoạch đã gửi.");
	http_res_release(&r);
	post_plan(&f, &r, tu, f.plan2, "xoa", NULL, true);
	CHECK_INT(r.status, 404);
	http_res_release(&r);

	free(own);
	free(other);
	free(tu);
	free(admin);
	arena_release(&a);
	fx_stop(&f);
}
TEST(db_http_cascade_api_plan)
{
	struct fx f;
	struct http_res r;
	char *own, *other, path[64];
	json_t *o, *tasks, *t0, *t1;
	json_error_t jerr;

	if (!fx_start(&f))
		return;
	own = http_api_token(f.port, "hoankiem", PW);
	other = http_api_token(f.port, "thuongtin", PW);
	snprintf(path, sizeof(path), "/api/v1/plans/%lld", (long long)f.plan1);
	http_api_get(f.port, &r, path, own);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "application/json");
	o = json_loads(r.body.buf ? r.body.buf : "", 0, &jerr);
	CHECK(o != NULL);
	if (o) {
		CHECK_INT(json_integer_value(json_object_get(o, "id")), f.plan1);
		CHECK_STR(json_string_value(json_object_get(o, "state")), "draft");
		CHECK_STR(json_string_value(json_object_get(json_object_get(o, "unit"), "code")), "W1");
		CHECK_STR(json_string_value(json_object_get(json_object_get(o, "directive"), "number")), "01-CTr/TU");
		CHECK(json_is_false(json_object_get(json_object_get(o, "check"), "ok")));
		CHECK(json_is_string(json_object_get(json_object_get(o, "check"), "summary")));
		tasks = json_object_get(o, "tasks");
		CHECK_INT((long long)json_array_size(tasks), 2);
		t0 = json_array_get(tasks, 0);
		t1 = json_array_get(tasks, 1);
		CHECK_STR(json_string_value(json_object_get(t0, "content")),
			  "<script>alert(1)</script> Quán triệt chương trình");
		CHECK_STR(json_string_value(json_object_get(t0, "status")), "done_on_time");
		CHECK_INT((long long)json_array_size(json_object_get(t0, "missing")), 0);
		CHECK_STR(json_string_value(json_object_get(t1, "status")), "open_within");
		CHECK(json_is_null(json_object_get(t1, "deadline")));
		CHECK_CONTAINS(r.body.buf, "\"missing\":[\"lead\"");
		CHECK_CONTAINS(r.body.buf, "\"deadline\"]");
		CHECK_INT(json_integer_value(json_object_get(json_object_get(o, "status_counts"), "done_on_time")), 1);
		CHECK_INT(json_integer_value(json_object_get(json_object_get(o, "status_counts"), "overdue")), 0);
	}
	json_decref(o);
	http_res_release(&r);

	http_api_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"forbidden\"");
	CHECK(!strstr(r.body.buf, "Quán triệt"));
	http_res_release(&r);
	http_api_get(f.port, &r, "/api/v1/plans/999999", own);
	CHECK_INT(r.status, 404);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"not_found\"");
	http_res_release(&r);
	http_api_get(f.port, &r, path, NULL);
	CHECK_INT(r.status, 401);
	http_res_release(&r);
	free(own);
	free(other);
	fx_stop(&f);
}
