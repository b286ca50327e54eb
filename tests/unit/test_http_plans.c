/*
** HTTP tests of the cascade's editing pages and API (page_directive_list.c,
** page_plan_edit.c, page_plan_api.c): registering a directive and its
** indicators, creating and editing a plan, importing and exporting it,
** submit / return / accept, and /api/v1 for the same. Every bad input gets
** its Vietnamese message and stores nothing; another ward gets 403. A real
** server on 127.0.0.1 port 0; db_ tests run on SQLite and PostgreSQL.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <jansson.h>

#include "model/account.h"
#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/unit.h"
#include "render/cascade_xlsx.h"
#include "store/store.h"
#include "util/util.h"
#include "web/page_cascade.h"
#include "web/web.h"

#define PW FX_PW

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
	int64_t dir, ind1, ind2; /* 01-CTr/TU with CT01 (%) and CT02 (communes) */
};

static bool fx_start(struct fx *f)
{
	static const struct fx_unit units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY, false },
		{ "W1", "Đảng ủy phường Hoàn Kiếm", "TU", NULL, UNIT_COMMUNE, false },
		{ "W2", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE, false },
		{ "C1", "Chi bộ khu phố 1", "W1", NULL, UNIT_CELL, false },
		{ "C2", "Chi bộ khu phố 2", "W1", NULL, UNIT_CELL, false },
	};
	static const struct fx_acct accts[] = {
		{ "admin", ROLE_ADMIN, "TU", NULL },     { "tustaff", ROLE_STAFF, "TU", NULL },
		{ "lanhdao", ROLE_LEADER, "TU", NULL },  { "hoankiem", ROLE_STAFF, "W1", NULL },
		{ "thuongtin", ROLE_STAFF, "W2", NULL }, { "xem", ROLE_VIEWER, "W1", NULL },
	};
	struct directive_new dn = { .unit_code = "TU",
				    .number = "01-CTr/TU",
				    .doc_date = "2025-10-20",
				    .title = "Chương trình chuyển đổi số",
				    .period_from = "2025-10-01",
				    .period_to = "2030-12-31" };
	struct directive_result dr;
	struct indicator_new i1 = { .code = "CT01",
				    .name = "Tỷ lệ hồ sơ trực tuyến",
				    .measure = "%",
				    .dir = IND_UP,
				    .has_target = true,
				    .target = 90,
				    .period = PER_YEAR,
				    .agg = AGG_MEAN };
	struct indicator_new i2 = { .code = "CT02",
				    .name = "Số khu dân cư văn hóa",
				    .measure = "khu",
				    .dir = IND_UP,
				    .has_target = true,
				    .target = 12,
				    .period = PER_YEAR,
				    .agg = AGG_SUM,
				    .kinds = 1u << UNIT_COMMUNE };
	const char *why = NULL;

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	CHECK_INT(directive_add(f->s, &dn, &dr, &why), APP_OK);
	f->dir = dr.id;
	i1.directive_id = i2.directive_id = f->dir;
	CHECK_INT(indicator_add(f->s, &i1, &f->ind1, &why), APP_OK);
	CHECK_INT(indicator_add(f->s, &i2, &f->ind2, &why), APP_OK);
	f->app.store = f->s;
	return fx_serve(&f->app, false, &f->srv, &f->port);
}

static void fx_stop(struct fx *f)
{
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

/* POST a form with the session's CSRF token appended. */
static void post(struct fx *f, struct http_res *r, const char *cookie, const char *path, const char *fields)
{
	http_post_csrf(f->port, r, path, cookie, fields);
}

static char *path_of(const char *fmt, long long id)
{
	return xasprintf(fmt, id);
}

static const char *body(const struct http_res *r)
{
	return r->body.buf ? r->body.buf : "";
}

/* The Location of a 303, or "" (malloc'd). */
static char *location(const struct http_res *r)
{
	char *l = http_location(r);

	return l ? l : xstrdup("");
}

static int64_t count(struct store *s, const char *table_query)
{
	/* table_query is one of the fixed texts below (never input) */
	static struct query Q_DOCS = { "SELECT COUNT(*) FROM doc", NULL, 0 };
	static struct query Q_TASKS = { "SELECT COUNT(*) FROM task", NULL, 0 };
	static struct query Q_PLANS = { "SELECT COUNT(*) FROM plan", NULL, 0 };
	static struct query Q_INDS = { "SELECT COUNT(*) FROM indicator", NULL, 0 };
	static struct query Q_ADOPT = { "SELECT COUNT(*) FROM plan_indicator", NULL, 0 };
	static struct query Q_TAUDIT = { "SELECT COUNT(*) FROM audit WHERE entity = 'task'", NULL, 0 };
	struct query *q = strcmp(table_query, "task_audit") == 0  ? &Q_TAUDIT
			  : strcmp(table_query, "doc") == 0       ? &Q_DOCS
			  : strcmp(table_query, "task") == 0      ? &Q_TASKS
			  : strcmp(table_query, "plan") == 0      ? &Q_PLANS
			  : strcmp(table_query, "indicator") == 0 ? &Q_INDS
								  : &Q_ADOPT;
	struct stmt *st = store_stmt(s, q);
	bool row = false;
	int64_t n = -1;

	if (st && stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	if (st)
		stmt_done(st);
	return n;
}

/* The lead unit's code of a task and its co-operating units' codes (", "-joined), in a. */
static const char *task_units(struct fx *f, int64_t tid, const char **coop)
{
	static struct query Q = { "SELECT u.code FROM task t JOIN unit u ON u.id = t.lead_unit_id WHERE t.id = $1",
				  NULL, 0 };
	static struct query QC = { "SELECT u.code FROM task_coop c JOIN unit u ON u.id = c.unit_id WHERE c.task_id = $1"
				   " ORDER BY u.code",
				   NULL, 0 };
	struct stmt *st = store_stmt(f->s, &Q);
	const char *lead = NULL;
	struct sbuf b;
	bool row = false;

	stmt_bind_int64(st, 1, tid);
	if (stmt_step(st, &row) == APP_OK && row)
		lead = arena_strdup(&f->arena, stmt_col_text(st, 0));
	stmt_done(st);
	sbuf_init(&b, 0);
	st = store_stmt(f->s, &QC);
	stmt_bind_int64(st, 1, tid);
	while (stmt_step(st, &row) == APP_OK && row) {
		if (b.len)
			sbuf_addstr(&b, ", ");
		sbuf_addstr(&b, stmt_col_text(st, 0));
	}
	stmt_done(st);
	*coop = arena_strdup(&f->arena, b.buf ? b.buf : "");
	sbuf_release(&b);
	return lead;
}

TEST(db_http_plans_directive_register)
{
	struct fx f;
	struct http_res r;
	char *staff, *viewer, *loc;
	int64_t docs;

	if (!fx_start(&f))
		return;
	staff = http_login(f.port, "tustaff", PW, NULL);
	viewer = http_login(f.port, "xem", PW, NULL);

	/* the list: the programme with its counts, the next-number helper and the form */
	http_get(f.port, &r, "/chuong-trinh", staff);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "01-CTr/TU</a></td><td>20/10/2025</td>");
	CHECK_CONTAINS(body(&r), "<td class=\"num\">2</td><td class=\"num\">0</td>");
	CHECK_CONTAINS(body(&r), "Số tiếp theo");
	CHECK_CONTAINS(body(&r), "action=\"/chuong-trinh\"");
	http_res_release(&r);
	http_get(f.port, &r, "/chuong-trinh?loai=CTr&he=party&ngay=01%2F12%2F2025", staff);
	CHECK_CONTAINS(body(&r), "<strong class=\"next\">02-CTr/TU</strong> (nhiệm kỳ 2025-2030)");
	CHECK_CONTAINS(body(&r), "name=\"number\" value=\"02-CTr/TU\"");
	http_res_release(&r);
	/* a unit whose term began elsewhere names it */
	http_get(f.port, &r, "/chuong-trinh?loai=CTr&he=party&ngay=01%2F12%2F2025&nk=2020-2025", staff);
	CHECK_CONTAINS(body(&r), "<strong class=\"next\">01-CTr/TU</strong> (nhiệm kỳ 2020-2025)");
	CHECK_CONTAINS(body(&r), "name=\"term\" value=\"2020-2025\"");
	http_res_release(&r);
	http_get(f.port, &r, "/chuong-trinh?loai=CTr&he=party&ngay=01%2F12%2F2025&nk=2020", staff);
	CHECK_CONTAINS(body(&r), "Nhiệm kỳ không hợp lệ (viết như 2020-2025).");
	http_res_release(&r);
	http_get(f.port, &r, "/chuong-trinh?loai=KH&he=party&ngay=31%2F02%2F2025", staff);
	CHECK_CONTAINS(body(&r), "Ngày «31/02/2025» không có thật");
	http_res_release(&r);

	/* a variant number is stored in its canonical form and the page says so */
	docs = count(f.s, "doc");
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=CTr&number=S%E1%BB%91%3A+2-ctr%2Ftu&doc_date=05%2F11%2F2025&title=Ch%C6%B0%C6%A1ng+tr%C3%ACnh+2"
	     "&period_from=01%2F11%2F2025&period_to=31%2F12%2F2026&rel1=implements&link1=01-Ctr%2FTU");
	CHECK_INT(r.status, 303);
	loc = location(&r);
	CHECK_CONTAINS(loc, "?ok=dang-ky&so=");
	http_res_release(&r);
	CHECK_INT(count(f.s, "doc"), docs + 1);
	http_get(f.port, &r, loc, staff);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "Đã đăng ký văn bản số 02-CTr/TU.");
	CHECK_CONTAINS(body(&r), "Đã chuẩn hoá «Số: 2-ctr/tu» thành «02-CTr/TU».");
	CHECK_CONTAINS(body(&r), "Thực hiện: <a href=\"/van-ban/");
	CHECK_CONTAINS(body(&r), "01/11/2025 – 31/12/2026");
	CHECK_CONTAINS(body(&r), "Thêm chỉ tiêu"); /* the issuer's own staff */
	http_res_release(&r);
	free(loc);
	/* without indicators it is listed apart for its issuer */
	http_get(f.port, &r, "/chuong-trinh", staff);
	CHECK_CONTAINS(body(&r), "Văn bản của đơn vị chưa có chỉ tiêu");
	CHECK_CONTAINS(body(&r), "02-CTr/TU");
	http_res_release(&r);

	/* bad inputs: the message, the values typed, nothing stored */
	docs = count(f.s, "doc");
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=CTr&number=02-CTr%2FTU&doc_date=06%2F11%2F2025&title=Tr%C3%B9ng+s%E1%BB%91");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(body(&r), "Số 02-CTr/TU: Số văn bản này đã được dùng");
	CHECK_CONTAINS(body(&r), "value=\"Trùng số\"");
	http_res_release(&r);
	post(&f, &r, staff, "/chuong-trinh", "kind=CTr&number=03-CTr%2FTU&doc_date=31%2F02%2F2025&title=Ng%C3%A0y+sai");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Ngày ban hành «31/02/2025» không có thật");
	CHECK_CONTAINS(body(&r), "value=\"03-CTr/TU\"");
	http_res_release(&r);
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=CTr&number=CTr%2FTU&doc_date=01%2F12%2F2025&title=Kh%C3%B4ng+s%E1%BB%91");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Không đọc được số, ký hiệu «CTr/TU»:");
	http_res_release(&r);
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=KH&number=03-CTr%2FTU&doc_date=01%2F12%2F2025&title=Sai+lo%E1%BA%A1i");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "không phải loại văn bản đã chọn (KH)");
	http_res_release(&r);
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=CTr&number=03-CTr%2FTU&doc_date=01%2F12%2F2025&title=T&rel1=replaces&link1=99-CTr%2FTU");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "không tìm thấy văn bản số «99-CTr/TU»");
	http_res_release(&r);
	post(&f, &r, staff, "/chuong-trinh",
	     "kind=CTr&number=03-CTr%2FTU&doc_date=01%2F12%2F2025&title=T&period_from=01%2F12%2F2026&period_to=01%2F01%2F2026");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "ngày bắt đầu sau ngày kết thúc");
	http_res_release(&r);
	CHECK_INT(count(f.s, "doc"), docs);
	/* a viewer may not register */
	post(&f, &r, viewer, "/chuong-trinh", "kind=CTr&number=03-CTr%2FTU&doc_date=01%2F12%2F2025&title=T");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	http_get(f.port, &r, "/chuong-trinh", viewer);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(body(&r), "action=\"/chuong-trinh\""));
	http_res_release(&r);
	CHECK_INT(count(f.s, "doc"), docs);
	free(staff);
	free(viewer);
	fx_stop(&f);
}

TEST(db_http_plans_indicator_form)
{
	struct fx f;
	struct http_res r;
	char *staff, *ward, *path;
	int64_t n;

	if (!fx_start(&f))
		return;
	staff = http_login(f.port, "tustaff", PW, NULL);
	ward = http_login(f.port, "hoankiem", PW, NULL);
	path = path_of("/chuong-trinh/%lld/chi-tieu", (long long)f.dir);
	n = count(f.s, "indicator");
	post(&f, &r, staff, path,
	     "code=CT03&name=Kh%E1%BB%91i+l%C6%B0%E1%BB%A3ng&measure=v%E1%BB%A5&dir=down&target=0&baseline=1.234%2C5"
	     "&period=quarter&agg=max&kinds=commune&kinds=cell");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(count(f.s, "indicator"), n + 1);
	{
		struct indicator x;
		CHECK_INT(indicator_find(f.s, &f.arena, f.dir, "CT03", &x), APP_OK);
		CHECK_INT(x.dir, IND_DOWN);
		CHECK(x.has_baseline && x.baseline == 1234.5);
		CHECK_INT(x.period, PER_QUARTER);
		CHECK_INT(x.agg, AGG_MAX);
		CHECK_INT(x.kinds, (1u << UNIT_COMMUNE) | (1u << UNIT_CELL));
	}
	free(path);
	path = path_of("/chuong-trinh/%lld", (long long)f.dir);
	http_get(f.port, &r, path, staff);
	CHECK_CONTAINS(body(&r), "<td>CT03</td><td>Khối lượng</td><td>vụ</td><td>Càng thấp càng tốt</td>");
	CHECK_CONTAINS(body(&r), "1.234,5");
	http_res_release(&r);
	free(path);

	path = path_of("/chuong-trinh/%lld/chi-tieu", (long long)f.dir);
	n = count(f.s, "indicator");
	post(&f, &r, staff, path,
	     "code=CT04&name=T%E1%BB%B7+l%E1%BB%87&measure=%25&dir=up&target=150&period=year&agg=mean");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "value=\"CT04\"");
	CHECK_CONTAINS(body(&r), "class=\"alert\"");
	http_res_release(&r);
	post(&f, &r, staff, path, "code=CT04&name=Thi%E1%BA%BFu&measure=x&dir=up&target=&period=year&agg=sum");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	post(&f, &r, staff, path, "code=CT04&name=S%E1%BB%91&measure=x&dir=up&target=abc&period=year&agg=sum");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Mục tiêu «abc» không phải là số.");
	http_res_release(&r);
	post(&f, &r, staff, path, "code=CT01&name=L%E1%BA%B7p&measure=x&dir=up&target=1&period=year&agg=sum");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(body(&r), "Mã chỉ tiêu «CT01» đã có trong văn bản này.");
	http_res_release(&r);
	/* monitor-only needs no target */
	post(&f, &r, staff, path, "code=CT05&name=Theo+d%C3%B5i&measure=x&dir=up&monitor=1&period=year&agg=sum");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	/* a ward may not add indicators to the city's programme */
	post(&f, &r, ward, path, "code=CT06&name=X&measure=x&dir=up&target=1&period=year&agg=sum");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "indicator"), n + 1);
	free(path);
	free(staff);
	free(ward);
	fx_stop(&f);
}

/* Create W1's plan through the page; its id. */
static int64_t create_plan(struct fx *f, const char *cookie)
{
	struct http_res r;
	char *path = path_of("/chuong-trinh/%lld/ke-hoach", (long long)f->dir), *loc;
	int64_t id = 0;

	post(f, &r, cookie, path,
	     "title=K%E1%BA%BF+ho%E1%BA%A1ch+c%E1%BB%A7a+ph%C6%B0%E1%BB%9Dng&plan_date=01%2F11%2F2025");
	CHECK_INT(r.status, 303);
	loc = location(&r);
	CHECK_CONTAINS(loc, "?ok=lap");
	if (strncmp(loc, "/ke-hoach/", 10) == 0)
		id = strtoll(loc + 10, NULL, 10);
	free(loc);
	free(path);
	http_res_release(&r);
	return id;
}

TEST(db_http_plans_create_and_edit)
{
	struct fx f;
	struct http_res r;
	struct plan pl;
	struct coverage cv;
	char *ward, *other, *staff, *path, *tpath;
	int64_t pid, tasks;

	if (!fx_start(&f))
		return;
	ward = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);
	staff = http_login(f.port, "tustaff", PW, NULL);

	/* the directive page offers the ward its plan form */
	path = path_of("/chuong-trinh/%lld", (long long)f.dir);
	http_get(f.port, &r, path, ward);
	CHECK_CONTAINS(body(&r), "Lập kế hoạch thực hiện của Đảng ủy phường Hoàn Kiếm");
	CHECK_CONTAINS(body(&r), "value=\"Kế hoạch thực hiện 01-CTr/TU\"");
	http_res_release(&r);
	free(path);
	/* bad date, the issuer itself (not subject), then the ward's plan, then a second one */
	path = path_of("/chuong-trinh/%lld/ke-hoach", (long long)f.dir);
	post(&f, &r, ward, path, "title=K%E1%BA%BF+ho%E1%BA%A1ch&plan_date=31%2F02%2F2025");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Ngày kế hoạch «31/02/2025» không có thật");
	http_res_release(&r);
	post(&f, &r, staff, path, "title=K%E1%BA%BF+ho%E1%BA%A1ch&plan_date=01%2F11%2F2025");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Đơn vị không thuộc phạm vi thực hiện văn bản này");
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan"), 0);
	pid = create_plan(&f, ward);
	CHECK(pid > 0);
	post(&f, &r, ward, path, "title=L%E1%BA%A7n+hai&plan_date=02%2F11%2F2025");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(body(&r), "Đơn vị đã có kế hoạch thực hiện văn bản này.");
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan"), 1);
	free(path);

	/* the plan page: adopt form, task form, import form */
	path = path_of("/ke-hoach/%lld", (long long)pid);
	http_get(f.port, &r, path, ward);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "Nhận chỉ tiêu");
	CHECK_CONTAINS(body(&r), "Thêm nhiệm vụ");
	CHECK_CONTAINS(body(&r), "enctype=\"multipart/form-data\"");
	CHECK_CONTAINS(body(&r), "<p class=\"notice check-fail\">Kế hoạch chưa đạt yêu cầu kiểm tra: ");
	CHECK(!strstr(body(&r), " style="));
	http_res_release(&r);
	/* another ward: 403 on the page and on every change, nothing stored */
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(path);
	path = path_of("/ke-hoach/%lld/nhiem-vu", (long long)pid);
	post(&f, &r, other, path, "content=X&lead=Y&deadline=01%2F12%2F2025");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), 0);

	/* adopt: CT01 at 95, CT02 without a number; a bad number stores nothing */
	{
		char *ap = path_of("/ke-hoach/%lld/chi-tieu", (long long)pid);
		char *form = xasprintf("nhan=%lld&muc-tieu-%lld=abc&nhan=%lld&muc-tieu-%lld=", (long long)f.ind1,
				       (long long)f.ind1, (long long)f.ind2, (long long)f.ind2);
		post(&f, &r, ward, ap, form);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "Chỉ tiêu CT01: mục tiêu «abc» không phải là số.");
		http_res_release(&r);
		CHECK_INT(count(f.s, "plan_indicator"), 0);
		free(form);
		form = xasprintf("nhan=%lld&muc-tieu-%lld=150&nhan=%lld", (long long)f.ind1, (long long)f.ind1,
				 (long long)f.ind2);
		post(&f, &r, ward, ap, form);
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "phần trăm phải trong khoảng 0–100");
		http_res_release(&r);
		free(form);
		form = xasprintf("nhan=%lld&muc-tieu-%lld=95&nhan=%lld&muc-tieu-%lld=", (long long)f.ind1,
				 (long long)f.ind1, (long long)f.ind2, (long long)f.ind2);
		post(&f, &r, other, ap, form);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		CHECK_INT(count(f.s, "plan_indicator"), 0);
		post(&f, &r, ward, ap, form);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(count(f.s, "plan_indicator"), 2);
		/* unticking withdraws; ticking again adopts it back */
		free(form);
		form = xasprintf("nhan=%lld&muc-tieu-%lld=95&muc-tieu-%lld=", (long long)f.ind1, (long long)f.ind1,
				 (long long)f.ind2);
		post(&f, &r, ward, ap, form);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(count(f.s, "plan_indicator"), 1);
		free(form);
		form = xasprintf("nhan=%lld&muc-tieu-%lld=95&nhan=%lld&muc-tieu-%lld=", (long long)f.ind1,
				 (long long)f.ind1, (long long)f.ind2, (long long)f.ind2);
		post(&f, &r, ward, ap, form);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		free(form);
		free(ap);
	}
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(coverage_unit(f.s, &f.arena, f.dir, pl.unit_id, &cv, false), APP_OK);
	CHECK_INT(cv.adopted, 2);
	CHECK_INT(cv.unmeasurable, 1);

	/* a task without its lead: stored, and the check names what is missing */
	post(&f, &r, ward, path,
	     "content=Tri%E1%BB%83n+khai+d%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng&process=Theo+quy+tr%C3%ACnh+m%E1%BB%99t+c%E1%BB%ADa"
	     "&responsibility=Ch%C3%A1nh+V%C4%83n+ph%C3%B2ng&result=100%25+h%E1%BB%93+s%C6%A1&deadline=30%2F06%2F2026"
	     "&indicator=CT01");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.ntasks, 1);
	if (pl.ntasks != 1)
		goto out;
	CHECK_INT(pl.tasks[0].missing, 1u << PE_LEAD);
	CHECK_STR(pl.tasks[0].indicator_code, "CT01");
	{
		char *pp = path_of("/ke-hoach/%lld", (long long)pid), want[160];
		http_get(f.port, &r, pp, ward);
		snprintf(want, sizeof(want), "<span class=\"miss\">%s</span>", plan_elem_vi(PE_LEAD));
		CHECK_CONTAINS(body(&r), want);
		CHECK_CONTAINS(body(&r), "30/06/2026");
		http_res_release(&r);
		free(pp);
	}
	/* bad tasks: two leads, deadline outside the period, impossible date, unknown indicator */
	tasks = count(f.s, "task");
	post(&f, &r, ward, path,
	     "content=R%C3%A0+so%C3%A1t&lead=Ban+T%E1%BB%95+ch%E1%BB%A9c+v%C3%A0+Ban+Tuy%C3%AAn+gi%C3%A1o"
	     "&deadline=30%2F06%2F2026");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Nhiệm vụ giao cho nhiều đầu mối chủ trì");
	CHECK_CONTAINS(body(&r), "value=\"Ban Tổ chức và Ban Tuyên giáo\"");
	CHECK_CONTAINS(body(&r), ">Rà soát</textarea>");
	http_res_release(&r);
	post(&f, &r, ward, path, "content=R%C3%A0+so%C3%A1t&lead=Ban+T%E1%BB%95+ch%E1%BB%A9c&deadline=31%2F12%2F2031");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Thời hạn nằm ngoài thời kỳ thực hiện của văn bản chỉ đạo.");
	http_res_release(&r);
	post(&f, &r, ward, path, "content=R%C3%A0+so%C3%A1t&lead=Ban+T%E1%BB%95+ch%E1%BB%A9c&deadline=31%2F02%2F2026");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Thời hạn «31/02/2026» là ngày không có thật.");
	http_res_release(&r);
	post(&f, &r, ward, path, "content=R%C3%A0+so%C3%A1t&lead=Ban+T%E1%BB%95+ch%E1%BB%A9c&indicator=CT99");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Mã chỉ tiêu không thuộc văn bản chỉ đạo.");
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), tasks);

	/* edit it: the form shows what is missing; a bad edit changes nothing; a good one clears the lead */
	tpath = xasprintf("/ke-hoach/%lld/nhiem-vu/%lld", (long long)pid, (long long)pl.tasks[0].id);
	http_get(f.port, &r, tpath, ward);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "Nhiệm vụ còn thiếu:");
	CHECK_CONTAINS(body(&r), ">Triển khai dịch vụ công</textarea>");
	http_res_release(&r);
	http_get(f.port, &r, tpath, other);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	post(&f, &r, ward, tpath, "content=Tri%E1%BB%83n+khai&lead=A%2C+B&deadline=30%2F06%2F2026");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "nhiều đầu mối");
	CHECK_CONTAINS(body(&r), "value=\"A, B\"");
	http_res_release(&r);
	post(&f, &r, other, tpath, "content=X&lead=Y");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_STR(pl.tasks[0].content, "Triển khai dịch vụ công");
	post(&f, &r, ward, tpath,
	     "content=Tri%E1%BB%83n+khai+d%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng&lead=V%C4%83n+ph%C3%B2ng+%C4%90%E1%BA%A3ng+%E1%BB%A7y"
	     "&process=Theo+quy+tr%C3%ACnh&responsibility=Ch%C3%A1nh+V%C4%83n+ph%C3%B2ng&result=100%25+h%E1%BB%93+s%C6%A1"
	     "&deadline=30%2F06%2F2026");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.tasks[0].missing, 0);
	CHECK_STR(pl.tasks[0].lead, "Văn phòng Đảng ủy");
	CHECK_STR(pl.tasks[0].number, "1");
	/* recording it done: an impossible or future date is refused, another ward may not */
	{
		char *dp =
			xasprintf("/ke-hoach/%lld/nhiem-vu/%lld/hoan-thanh", (long long)pid, (long long)pl.tasks[0].id);
		char *rp = xasprintf("/ke-hoach/%lld/nhiem-vu/%lld/mo-lai", (long long)pid, (long long)pl.tasks[0].id);
		post(&f, &r, ward, dp, "ngay=31%2F02%2F2026");
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "Ngày hoàn thành «31/02/2026» không có thật");
		http_res_release(&r);
		post(&f, &r, ward, dp, "ngay=01%2F01%2F2099");
		CHECK_INT(r.status, 422);
		CHECK_CONTAINS(body(&r), "sau hôm nay");
		http_res_release(&r);
		post(&f, &r, other, dp, "ngay=02%2F11%2F2025");
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
		CHECK(pl.tasks[0].done_date == NULL);
		post(&f, &r, ward, dp, "ngay=02%2F11%2F2025");
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
		CHECK_STR(pl.tasks[0].done_date ? pl.tasks[0].done_date : "", "2025-11-02");
		{
			char *pp = path_of("/ke-hoach/%lld?ok=hoan-thanh", (long long)pid);
			http_get(f.port, &r, pp, ward);
			CHECK_CONTAINS(body(&r), "Đã ghi nhận nhiệm vụ hoàn thành.");
			CHECK_CONTAINS(body(&r), "<span class=\"ts-ontime\">Hoàn thành đúng hạn</span>");
			CHECK_CONTAINS(body(&r), "<td class=\"done\">02/11/2025<form");
			http_res_release(&r);
			free(pp);
		}
		post(&f, &r, ward, rp, NULL);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
		CHECK(pl.tasks[0].done_date == NULL);
		free(dp);
		free(rp);
	}
	/* names of the tree are linked to its units: the lead and the co-operating ones */
	post(&f, &r, ward, path,
	     "content=Sinh+ho%E1%BA%A1t+chuy%C3%AAn+%C4%91%E1%BB%81&lead=Chi+b%E1%BB%99+khu+ph%E1%BB%91+1"
	     "&cooperate=Chi+b%E1%BB%99+khu+ph%E1%BB%91+2%2C+M%E1%BA%B7t+tr%E1%BA%ADn+T%E1%BB%95+qu%E1%BB%91c");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.ntasks, 2);
	if (pl.ntasks == 2) {
		const char *coop = NULL, *lead = task_units(&f, pl.tasks[1].id, &coop);
		char *dp = xasprintf("/ke-hoach/%lld/nhiem-vu/%lld/xoa", (long long)pid, (long long)pl.tasks[1].id);
		CHECK_STR(lead ? lead : "", "C1");
		CHECK_STR(coop, "C2");
		CHECK_STR(pl.tasks[1].cooperate, "Chi bộ khu phố 2, Mặt trận Tổ quốc");
		post(&f, &r, ward, dp, NULL);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		free(dp);
	}
	CHECK_INT(count(f.s, "task"), 1);
	/* a second task, deleted again (another ward may not) */
	post(&f, &r, ward, path, "content=Nhi%E1%BB%87m+v%E1%BB%A5+th%E1%BB%AD");
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.ntasks, 2);
	if (pl.ntasks == 2) {
		char *dp = xasprintf("/ke-hoach/%lld/nhiem-vu/%lld/xoa", (long long)pid, (long long)pl.tasks[1].id);
		post(&f, &r, other, dp, NULL);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		CHECK_INT(count(f.s, "task"), 2);
		post(&f, &r, ward, dp, NULL);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(count(f.s, "task"), 1);
		free(dp);
	}

	/* submit; editing is then refused (409) and the city reviews */
	{
		char *gp = path_of("/ke-hoach/%lld/gui", (long long)pid),
		     *ap = path_of("/ke-hoach/%lld/chap-thuan", (long long)pid);
		char *lead = http_login(f.port, "lanhdao", PW, NULL);
		const char *ov;

		post(&f, &r, ward, gp, NULL);
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		post(&f, &r, ward, path, "content=Mu%E1%BB%99n&lead=Ban+T%E1%BB%95+ch%E1%BB%A9c");
		CHECK_INT(r.status, 409);
		CHECK_CONTAINS(body(&r), "Kế hoạch đã gửi hoặc đã được chấp thuận: không sửa được.");
		http_res_release(&r);
		http_get(f.port, &r, tpath, ward);
		CHECK_INT(r.status, 409);
		CHECK_CONTAINS(body(&r), "không sửa được");
		http_res_release(&r);
		/* CT02 adopted without a number: the check fails; staff cannot override, the leader can */
		post(&f, &r, staff, ap, NULL);
		CHECK_INT(r.status, 409);
		CHECK_CONTAINS(body(&r), "Kế hoạch chưa đạt yêu cầu");
		http_res_release(&r);
		post(&f, &r, lead, ap, "override=C%E1%BA%A7n+tri%E1%BB%83n+khai+ngay");
		CHECK_INT(r.status, 303);
		http_res_release(&r);
		CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
		CHECK_INT(pl.state, PLAN_ACCEPTED);
		ov = pl.override_reason;
		CHECK_STR(ov ? ov : "", "Cần triển khai ngay");
		/* the history shows each step with its reason */
		{
			char *pp = path_of("/ke-hoach/%lld", (long long)pid);
			const char *h;
			http_get(f.port, &r, pp, ward);
			h = strstr(body(&r), "Quá trình xử lý");
			CHECK(h != NULL);
			if (h) {
				CHECK_CONTAINS(h, "<td>Lập kế hoạch</td><td>hoankiem</td>");
				CHECK_CONTAINS(h, "<td>Gửi cấp trên</td><td>hoankiem</td>");
				CHECK_CONTAINS(
					h,
					"<td>Chấp thuận khi chưa đạt yêu cầu</td><td>lanhdao</td><td>Cần triển khai ngay</td>");
			}
			http_res_release(&r);
			free(pp);
		}
		free(lead);
		free(gp);
		free(ap);
	}
	free(tpath);
out:
	free(path);
	free(ward);
	free(other);
	free(staff);
	fx_stop(&f);
}

/* A multipart body with the CSRF field and one file. */
static char *multipart(const char *csrf, const char *filename, const char *data, size_t n, size_t *len)
{
	const char *fields[] = { "csrf", csrf ? csrf : "", NULL };
	struct http_file file = { "tep", filename, NULL, data, n };

	return http_multipart("XyZb", fields, &file, 1, len);
}

static void upload(struct fx *f, struct http_res *r, const char *cookie, int64_t pid, const char *filename,
		   const char *data, size_t n)
{
	char *tok = http_page_csrf(f->port, cookie), *path = path_of("/ke-hoach/%lld/nhap-tep", (long long)pid);
	size_t len = 0;
	char *mp = multipart(tok, filename, data, n, &len);

	http_req(f->port, r, "POST", path, cookie, "multipart/form-data; boundary=XyZb", mp, len, NULL);
	free(mp);
	free(path);
	free(tok);
}

static const char GOOD_TXT[] = "KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU\n"
			       "II. NHIỆM VỤ TRỌNG TÂM\n"
			       "1. Đẩy mạnh cải cách hành chính, do Văn phòng Đảng ủy chủ trì, theo quy trình một cửa, "
			       "Chánh Văn phòng chịu trách nhiệm, hoàn thành trước ngày 31/12/2026.\n"
			       "2. Tăng cường công tác kiểm tra, giám sát.\n"
			       "- Thời gian: thường xuyên\n"
			       "III. TỔ CHỨC THỰC HIỆN\n";
static const char BAD_TXT[] =
	"KẾ HOẠCH\n"
	"II. NHIỆM VỤ TRỌNG TÂM\n"
	"1. Đẩy mạnh cải cách hành chính, do Văn phòng chủ trì, hoàn thành trước ngày 31/12/2026.\n"
	"2. Rà soát tổ chức bộ máy.\n"
	"- Chủ trì: Ban Tổ chức, Văn phòng Đảng ủy\n"
	"- Thời hạn: 30/6/2026\n"
	"III. TỔ CHỨC THỰC HIỆN\n";

TEST(db_http_plans_import_export)
{
	struct fx f;
	struct http_res r;
	char *ward, *other, *path, *xlsx_path, *data = NULL;
	size_t n = 0;
	int64_t pid;
	struct plan pl;

	if (!fx_start(&f))
		return;
	ward = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);
	pid = create_plan(&f, ward);
	CHECK(pid > 0);

	/* all or nothing: a row with two leads refuses the file, naming the row */
	upload(&f, &r, ward, pid, "ke-hoach.txt", BAD_TXT, sizeof(BAD_TXT) - 1);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Tệp «ke-hoach.txt» bị từ chối, không nhập nhiệm vụ nào.");
	CHECK_CONTAINS(body(&r), "nhiệm vụ 2: Nhiệm vụ giao cho nhiều đầu mối chủ trì");
	CHECK_CONTAINS(body(&r), "Dòng ");
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), 0);
	/* a .docx that is not a zip, a truncated .xlsx, an empty text, another type */
	upload(&f, &r, ward, pid, "ke-hoach.docx", GOOD_TXT, sizeof(GOOD_TXT) - 1);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "không phải tệp Word (.docx) hợp lệ");
	http_res_release(&r);
	xlsx_path = xasprintf("%s/plan.xlsx", test_tmpdir());
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(cascade_xlsx_plan(&pl, xlsx_path), APP_OK);
	CHECK_INT(file_read(xlsx_path, 1 << 20, &data, &n), APP_OK);
	CHECK(n > 200);
	upload(&f, &r, ward, pid, "ke-hoach.xlsx", data, n / 2);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Không đọc được tệp «ke-hoach.xlsx»: tệp bị hỏng, bị cắt cụt");
	http_res_release(&r);
	upload(&f, &r, ward, pid, "trong.txt", "\n\n", 2);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Không tìm thấy nhiệm vụ nào trong tệp");
	http_res_release(&r);
	upload(&f, &r, ward, pid, "anh.png", "\x89PNG", 4);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "chỉ nhận tệp .docx, .xlsx hoặc .txt");
	http_res_release(&r);
	/* another ward cannot import into this plan */
	upload(&f, &r, other, pid, "ke-hoach.txt", GOOD_TXT, sizeof(GOOD_TXT) - 1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), 0);
	/* a good file: two tasks, the missing deadline flagged */
	upload(&f, &r, ward, pid, "ke-hoach.txt", GOOD_TXT, sizeof(GOOD_TXT) - 1);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	path = path_of("/ke-hoach/%lld?ok=nhap-tep&n=2", (long long)pid);
	http_get(f.port, &r, path, ward);
	CHECK_CONTAINS(body(&r), "Đã nhập 2 nhiệm vụ từ tệp.");
	CHECK_CONTAINS(body(&r), "31/12/2026");
	http_res_release(&r);
	free(path);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.ntasks, 2);
	if (pl.ntasks == 2)
		CHECK(pl.tasks[1].missing & (1u << PE_DEADLINE));

	/* exports */
	path = path_of("/ke-hoach/%lld/tai-ve.xlsx", (long long)pid);
	http_get(f.port, &r, path, ward);
	CHECK_INT(r.status, 200);
	CHECK(r.body.len > 4 && memcmp(r.body.buf, "PK\x03\x04", 4) == 0);
	CHECK_CONTAINS(r.head.buf, "spreadsheetml");
	CHECK_CONTAINS(r.head.buf, "attachment; filename=\"ke-hoach-");
	http_res_release(&r);
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	free(path);
	path = path_of("/ke-hoach/%lld/tai-ve.docx", (long long)pid);
	http_get(f.port, &r, path, ward);
	CHECK_INT(r.status, 200);
	CHECK(r.body.len > 4 && memcmp(r.body.buf, "PK\x03\x04", 4) == 0);
	CHECK_CONTAINS(r.head.buf, "wordprocessingml");
	/* the party document reads back: the other ward imports it into its own plan */
	{
		struct http_res r2;
		int64_t pid2 = 0;
		char *p2 = path_of("/chuong-trinh/%lld/ke-hoach", (long long)f.dir), *loc;
		struct plan pl2;

		post(&f, &r2, other, p2, "title=K%E1%BA%BF+ho%E1%BA%A1ch+x%C3%A3&plan_date=01%2F11%2F2025");
		CHECK_INT(r2.status, 303);
		loc = location(&r2);
		if (strncmp(loc, "/ke-hoach/", 10) == 0)
			pid2 = strtoll(loc + 10, NULL, 10);
		free(loc);
		http_res_release(&r2);
		upload(&f, &r2, other, pid2, "ke-hoach-phuong.docx", r.body.buf, r.body.len);
		CHECK_INT(r2.status, 303);
		http_res_release(&r2);
		CHECK_INT(plan_get(f.s, &f.arena, pid2, &pl2), APP_OK);
		CHECK_INT(pl2.ntasks, 2);
		if (pl2.ntasks == 2) {
			CHECK_CONTAINS(pl2.tasks[0].content, "Đẩy mạnh cải cách hành chính");
			CHECK_STR(pl2.tasks[0].deadline ? pl2.tasks[0].deadline : "", "2026-12-31");
		}
		free(p2);
	}
	http_res_release(&r);
	free(path);
	free(data);
	free(xlsx_path);
	free(ward);
	free(other);
	fx_stop(&f);
}

/* A JSON request with a bearer token. */
static void api(struct fx *f, struct http_res *r, const char *method, const char *path, const char *tok,
		const char *json)
{
	char *h = xasprintf("Authorization: Bearer %s", tok);

	http_req(f->port, r, method, path, NULL, "application/json", json, json ? strlen(json) : 0, h);
	free(h);
}

static json_t *jbody(const struct http_res *r)
{
	return json_loads(body(r), 0, NULL);
}

TEST(db_http_plans_api)
{
	struct fx f;
	struct http_res r;
	char *tw, *to, *ts, *tl, *path, *p2;
	json_t *j;
	int64_t pid = 0, tid = 0, did = 0;
	struct plan pl;

	if (!fx_start(&f))
		return;
	tw = http_api_token(f.port, "hoankiem", PW);
	to = http_api_token(f.port, "thuongtin", PW);
	ts = http_api_token(f.port, "tustaff", PW);
	tl = http_api_token(f.port, "lanhdao", PW);

	/* directives binding the ward */
	api(&f, &r, "GET", "/api/v1/directives", tw, NULL);
	CHECK_INT(r.status, 200);
	j = jbody(&r);
	CHECK(json_array_size(json_object_get(j, "directives")) == 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "directives"), 0), "number")),
		  "01-CTr/TU");
	json_decref(j);
	http_res_release(&r);
	/* register: canonical number and notes; duplicate 409; impossible date 422; not JSON 400 */
	api(&f, &r, "POST", "/api/v1/directives", ts,
	    "{\"number\":\"02-Ctr/TU\",\"doc_date\":\"05/11/2025\",\"title\":\"Chương trình 2\",\"links\":"
	    "[{\"rel\":\"implements\",\"number\":\"01-CTr/TU\"}]}");
	CHECK_INT(r.status, 201);
	j = jbody(&r);
	CHECK_STR(json_string_value(json_object_get(j, "number")), "02-CTr/TU");
	CHECK_STR(json_string_value(json_object_get(j, "series")), "2025-2030");
	CHECK(json_array_size(json_object_get(j, "notes")) >= 1);
	did = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/directives", ts,
	    "{\"number\":\"02-CTr/TU\",\"doc_date\":\"2025-11-06\",\"title\":\"T\"}");
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(body(&r), "\"error\":");
	CHECK_CONTAINS(body(&r), "đã được dùng");
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/directives", ts,
	    "{\"number\":\"03-CTr/TU\",\"doc_date\":\"31/02/2025\",\"title\":\"T\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "Ngày ban hành không hợp lệ.");
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/directives", ts,
	    "{\"number\":\"CTr/TU\",\"doc_date\":\"2025-11-06\",\"title\":\"T\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/directives", ts, "số");
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/directives", ts, "{\"number\":2}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(body(&r), "Trường \\\"number\\\" sai kiểu dữ liệu.");
	http_res_release(&r);
	api(&f, &r, "GET", "/api/v1/directives/next-number?kind=CTr&date=2025-12-01", ts, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"number\":\"03-CTr/TU\"");
	http_res_release(&r);
	/* GET one: links and indicators; another ward's directive is 403 */
	path = path_of("/api/v1/directives/%lld", (long long)did);
	api(&f, &r, "GET", path, ts, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"rel\":\"implements\"");
	http_res_release(&r);
	free(path);
	path = path_of("/api/v1/directives/%lld", (long long)f.dir);
	api(&f, &r, "GET", path, tw, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"code\":\"CT02\"");
	http_res_release(&r);
	free(path);
	/* indicators: the issuer adds, a ward may not; bad values 422 */
	path = path_of("/api/v1/directives/%lld/indicators", (long long)f.dir);
	api(&f, &r, "POST", path, ts,
	    "{\"code\":\"CT03\",\"name\":\"Đơn thư\",\"measure\":\"vụ\",\"direction\":\"down\",\"target\":0,\"agg\":\"sum\","
	    "\"kinds\":[\"commune\"]}");
	CHECK_INT(r.status, 201);
	http_res_release(&r);
	api(&f, &r, "POST", path, ts, "{\"code\":\"CT04\",\"name\":\"Tỷ lệ\",\"measure\":\"%\",\"target\":101}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, "POST", path, ts, "{\"code\":\"CT03\",\"name\":\"Lặp\",\"measure\":\"x\",\"target\":1}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"code\":\"CT05\",\"name\":\"X\",\"measure\":\"x\",\"target\":1}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "indicator"), 3);
	free(path);

	/* plans: the issuer is not subject (422), the ward creates (201), a second is 409 */
	p2 = xasprintf("{\"directive_id\":%lld,\"plan_date\":\"01/11/2025\"}", (long long)f.dir);
	api(&f, &r, "POST", "/api/v1/plans", ts, p2);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "không thuộc phạm vi");
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/plans", tw, p2);
	CHECK_INT(r.status, 201);
	j = jbody(&r);
	pid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	http_res_release(&r);
	api(&f, &r, "POST", "/api/v1/plans", tw, p2);
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	free(p2);
	/* a directive of another ward: 403 for the ward */
	{
		struct directive_new dn = { .unit_code = "W2",
					    .number = "05-CTr/ĐU",
					    .doc_date = "2025-11-05",
					    .title = "Chương trình của xã" };
		struct directive_result dr;
		const char *why;
		CHECK_INT(directive_add(f.s, &dn, &dr, &why), APP_OK);
		p2 = xasprintf("{\"directive_id\":%lld}", (long long)dr.id);
		api(&f, &r, "POST", "/api/v1/plans", tw, p2);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		free(p2);
		p2 = path_of("/api/v1/directives/%lld", (long long)dr.id);
		api(&f, &r, "GET", p2, tw, NULL);
		CHECK_INT(r.status, 403);
		CHECK(!strstr(body(&r), "Chương trình của xã"));
		http_res_release(&r);
		free(p2);
		p2 = path_of("/api/v1/directives/%lld/indicators", (long long)dr.id);
		api(&f, &r, "POST", p2, tw, "{\"code\":\"X1\",\"name\":\"X\",\"measure\":\"x\",\"target\":1}");
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		free(p2);
	}
	CHECK_INT(count(f.s, "plan"), 1);

	/* adopt and tasks; another ward gets 403 and nothing changes */
	path = path_of("/api/v1/plans/%lld/indicators", (long long)pid);
	api(&f, &r, "POST", path, to, "{\"indicators\":[{\"code\":\"CT01\",\"local_target\":95}]}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"indicators\":[{\"code\":\"CT01\",\"local_target\":195}]}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"indicators\":[{\"code\":\"CT99\",\"local_target\":1}]}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan_indicator"), 0);
	api(&f, &r, "POST", path, tw,
	    "{\"indicators\":[{\"code\":\"CT01\",\"local_target\":95},{\"code\":\"CT02\",\"local_target\":12},"
	    "{\"code\":\"CT03\",\"local_target\":0}]}");
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan_indicator"), 3);
	api(&f, &r, "POST", path, tw, "{\"indicators\":[{\"code\":\"CT03\",\"withdraw\":true}]}");
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan_indicator"), 2);
	api(&f, &r, "POST", path, tw, "{\"indicators\":[{\"code\":\"CT03\",\"local_target\":0}]}");
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	CHECK_INT(count(f.s, "plan_indicator"), 3);
	free(path);
	path = path_of("/api/v1/plans/%lld/tasks", (long long)pid);
	api(&f, &r, "POST", path, tw, "{\"content\":\"Rà soát\",\"lead\":\"Ban Tổ chức và Văn phòng\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "nhiều đầu mối");
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"content\":\"Rà soát\",\"deadline\":\"31/02/2026\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "ngày không có thật");
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"content\":\"Rà soát\",\"deadline\":\"2031-01-01\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(body(&r), "ngoài thời kỳ");
	http_res_release(&r);
	api(&f, &r, "POST", path, to, "{\"content\":\"Rà soát\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), 0);
	api(&f, &r, "POST", path, tw, "{\"content\":\"Rà soát tổ chức bộ máy\",\"deadline\":\"30/06/2026\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(body(&r), "\"missing\":[\"lead\",\"process\",\"responsibility\",\"result\"]");
	j = jbody(&r);
	tid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	http_res_release(&r);
	free(path);
	path = xasprintf("/api/v1/plans/%lld/tasks/%lld", (long long)pid, (long long)tid);
	api(&f, &r, "PUT", path, to, "{\"content\":\"X\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "PUT", path, tw,
	    "{\"content\":\"Rà soát tổ chức bộ máy\",\"lead\":\"Ban Tổ chức\",\"process\":\"Theo Hướng dẫn\","
	    "\"responsibility\":\"Trưởng ban\",\"result\":\"Đề án\",\"deadline\":\"30/06/2026\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"missing\":[]");
	http_res_release(&r);
	api(&f, &r, "DELETE", path, to, NULL);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(count(f.s, "task"), 1);
	free(path);
	path = xasprintf("/api/v1/plans/%lld/tasks/%lld/done", (long long)pid, (long long)tid);
	api(&f, &r, "POST", path, to, "{\"date\":\"2025-11-05\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, NULL);
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"date\":\"31/02/2026\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"date\":\"05/11/2025\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"done_date\":\"2025-11-05\"");
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"date\":null}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"done_date\":null");
	http_res_release(&r);
	free(path);
	/* the creation, the replacement, the done date and the reopening are audited; the refusals are not */
	CHECK_INT(count(f.s, "task_audit"), 4);
	path = xasprintf("/api/v1/plans/%lld/tasks/999999", (long long)pid);
	api(&f, &r, "DELETE", path, tw, NULL);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	free(path);

	/* submit (not by another ward), return with a reason, submit, accept without override */
	path = path_of("/api/v1/plans/%lld/submit", (long long)pid);
	api(&f, &r, "POST", path, to, NULL);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"state\":\"submitted\"");
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, NULL);
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	free(path);
	path = path_of("/api/v1/plans/%lld/return", (long long)pid);
	api(&f, &r, "POST", path, ts, "{}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, "POST", path, tw, "{\"reason\":\"Tự trả lại\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "POST", path, ts, "{\"reason\":\"Bổ sung kết quả\"}");
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"state\":\"returned\"");
	http_res_release(&r);
	free(path);
	{
		char *cookie = http_login(f.port, "hoankiem", PW, NULL),
		     *pp = path_of("/ke-hoach/%lld", (long long)pid);
		http_get(f.port, &r, pp, cookie);
		CHECK_CONTAINS(body(&r), "Cấp trên trả lại kế hoạch: Bổ sung kết quả");
		CHECK_CONTAINS(body(&r), "Thêm nhiệm vụ"); /* editable again */
		http_res_release(&r);
		free(pp);
		free(cookie);
	}
	path = path_of("/api/v1/plans/%lld/submit", (long long)pid);
	api(&f, &r, "POST", path, tw, NULL);
	CHECK_INT(r.status, 200);
	http_res_release(&r);
	free(path);
	path = path_of("/api/v1/plans/%lld/accept", (long long)pid);
	api(&f, &r, "POST", path, to, NULL);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, "POST", path, tl, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(body(&r), "\"state\":\"accepted\"");
	http_res_release(&r);
	free(path);
	CHECK_INT(plan_get(f.s, &f.arena, pid, &pl), APP_OK);
	CHECK_INT(pl.state, PLAN_ACCEPTED);
	CHECK(pl.override_reason == NULL);
	/* unknown paths and methods */
	api(&f, &r, "GET", "/api/v1/plans/1/nothing", tw, NULL);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	api(&f, &r, "PUT", "/api/v1/directives", tw, "{}");
	CHECK_INT(r.status, 405);
	http_res_release(&r);
	free(tw);
	free(to);
	free(ts);
	free(tl);
	fx_stop(&f);
}

TEST(http_plans_parse_num)
{
	static const struct {
		const char *in;
		bool ok;
		double v;
	} C[] = {
		{ "95", true, 95 },
		{ "95,5", true, 95.5 },
		{ "95.5", true, 95.5 },
		{ "1.234,5", true, 1234.5 },
		{ "1.234", true, 1234 },
		{ "1.234.567", true, 1234567 },
		{ "0.125", true, 0.125 },
		{ "-2,75", true, -2.75 },
		{ " 1 234 ", true, 1234 },
		{ "12.34", true, 12.34 },
		{ "", false, 0 },
		{ "abc", false, 0 },
		{ "1e5", false, 0 },
		{ "inf", false, 0 },
		{ "0x10", false, 0 },
		{ "1.23.4", false, 0 },
		{ "1,2,3", false, 0 },
		{ "1.234.5", false, 0 },
		{ ",5", false, 0 },
		{ "5,", false, 0 },
		{ "--1", false, 0 },
		{ "1e400", false, 0 },
		{ "9999999999999999", false, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(C); i++) {
		double v = -1;
		bool ok = pc_parse_num(C[i].in, &v);
		if (ok != C[i].ok)
			test_fail(__FILE__, __LINE__, "pc_parse_num(\"%s\") gave %d", C[i].in, ok);
		else if (ok && v != C[i].v)
			test_fail(__FILE__, __LINE__, "pc_parse_num(\"%s\") = %g, want %g", C[i].in, v, C[i].v);
	}
}

TEST(http_plans_task_json)
{
	struct arena a;
	struct task_new t;
	const char *bad = NULL;
	static const char OK[] = "{\"content\":\"Rà soát\",\"lead\":\"Ban Tổ chức\",\"deadline\":null,\"x\":1}";

	arena_init(&a);
	CHECK_INT(pc_task_from_json(OK, sizeof(OK) - 1, &a, &t, &bad), APP_OK);
	CHECK_STR(t.content, "Rà soát");
	CHECK_STR(t.lead, "Ban Tổ chức");
	CHECK(t.deadline == NULL);
	CHECK_INT(pc_task_from_json("{\"lead\":[1]}", 12, &a, &t, &bad), APP_EINVAL);
	CHECK_STR(bad ? bad : "", "lead");
	CHECK(t.lead == NULL);
	/* a NUL inside a string is refused (jansson without JSON_ALLOW_NUL) */
	CHECK_INT(pc_task_from_json("{\"content\":\"a\\u0000b\"}", strlen("{\"content\":\"a\\u0000b\"}"), &a, &t, &bad),
		  APP_EINVAL);
	CHECK(t.content == NULL);
	CHECK_INT(pc_task_from_json("[1]", 3, &a, &t, &bad), APP_EINVAL);
	CHECK(bad == NULL);
	CHECK_INT(pc_task_from_json("{\"content\":\"a\",\"content\":\"b\"}", 29, &a, &t, &bad), APP_EINVAL);
	arena_release(&a);
}

TEST(http_plans_body_json)
{
	struct arena a;
	struct pc_directive_in d;
	struct indicator_new x;
	struct pc_adopt_in *in;
	size_t n;
	int64_t dir;
	const char *why, *title, *date, *reason;
	int status;
	static const char NINE[] = "{\"links\":[{},{},{},{},{},{},{},{},{}]}";
	static const char DIR[] = "{\"number\":\"01-Ctr/TU\",\"links\":[{\"rel\":\"guides\",\"number\":\"55-QĐ/TW\"}]}";
	static const char IND[] = "{\"code\":\"CT01\",\"direction\":\"down\",\"target\":0,\"kinds\":[\"cell\"]}";
	static const char ADOPT[] = "{\"indicators\":[{\"code\":\"CT01\",\"local_target\":null},{\"code\":\"CT02\","
				    "\"local_target\":2.5,\"withdraw\":false}]}";

	arena_init(&a);
	CHECK_INT(pc_directive_from_json(DIR, sizeof(DIR) - 1, &a, &d, &status, &why), APP_OK);
	CHECK_STR(d.number, "01-Ctr/TU");
	CHECK_INT(d.nlinks, 1);
	CHECK_INT(d.links[0].rel, REL_GUIDES);
	CHECK_INT(pc_directive_from_json(NINE, sizeof(NINE) - 1, &a, &d, &status, &why), APP_EINVAL);
	CHECK_INT(status, 400);
	CHECK_INT(
		pc_directive_from_json("{\"links\":[{\"rel\":\"cites\",\"number\":\"1\"}]}", 40, &a, &d, &status, &why),
		APP_EINVAL);
	CHECK_INT(status, 422);
	CHECK(d.nlinks == 0 && d.number == NULL);
	CHECK_INT(pc_indicator_from_json(IND, sizeof(IND) - 1, &a, &x, &status, &why), APP_OK);
	CHECK_INT(x.dir, IND_DOWN);
	CHECK(x.has_target && x.target == 0 && !x.has_baseline);
	CHECK_INT(x.kinds, 1u << UNIT_CELL);
	CHECK_INT(x.period, PER_YEAR);
	CHECK_INT(pc_indicator_from_json("{\"kinds\":[\"ward\"]}", 18, &a, &x, &status, &why), APP_EINVAL);
	CHECK_INT(status, 422);
	CHECK_INT(pc_indicator_from_json("{\"target\":\"90\"}", 15, &a, &x, &status, &why), APP_EINVAL);
	CHECK_INT(status, 400);
	CHECK_CONTAINS(why, "\"target\"");
	CHECK_INT(pc_adopt_from_json(ADOPT, sizeof(ADOPT) - 1, &a, &in, &n, &status, &why), APP_OK);
	CHECK_INT(n, 2);
	CHECK(!in[0].has && in[1].has && in[1].v == 2.5 && !in[1].withdraw);
	CHECK_INT(pc_adopt_from_json("{\"indicators\":[1]}", 18, &a, &in, &n, &status, &why), APP_EINVAL);
	CHECK(in == NULL && n == 0 && status == 400);
	CHECK_INT(pc_plan_from_json("{\"directive_id\":7}", 18, &a, &dir, &title, &date, &status, &why), APP_OK);
	CHECK_INT(dir, 7);
	CHECK_INT(pc_plan_from_json("{\"directive_id\":\"7\"}", 20, &a, &dir, &title, &date, &status, &why),
		  APP_EINVAL);
	CHECK_INT(dir, 0);
	CHECK_INT(pc_reason_from_json("", 0, &a, "reason", &reason, &status, &why), APP_OK);
	CHECK(reason == NULL);
	CHECK_INT(pc_reason_from_json("{\"reason\":5}", 12, &a, "reason", &reason, &status, &why), APP_EINVAL);
	arena_release(&a);
}

TEST(db_http_plans_list_children)
{
	struct fx f;
	struct plan_list all, kids;
	const char *why = NULL;
	int64_t id, tu = 0;

	if (!fx_start(&f))
		return;
	for (int i = 0; i < 3; i++) {
		static const char *const U[] = { "W1", "W2", "C1" };
		struct plan_new pn = {
			.unit_code = U[i], .directive_id = f.dir, .title = "Kế hoạch", .plan_date = "2025-11-01"
		};
		CHECK_INT(plan_create(f.s, NULL, &pn, &id, &why), APP_OK);
	}
	{
		struct unit u;
		CHECK_INT(unit_get_by_code(f.s, &f.arena, "TU", &u), APP_OK);
		tu = u.id;
	}
	CHECK_INT(plan_list(f.s, &f.arena, f.dir, tu, &all), APP_OK);
	CHECK_INT(all.n, 3);
	/* the directive page's table: the direct subordinates only, in Vietnamese order */
	CHECK_INT(plan_list_children(f.s, &f.arena, f.dir, tu, &kids), APP_OK);
	CHECK_INT(kids.n, 2);
	if (kids.n == 2) {
		CHECK_STR(kids.v[0].unit_code, "W1");
		CHECK_STR(kids.v[1].unit_code, "W2");
	}
	fx_stop(&f);
}
