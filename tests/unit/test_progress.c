/* Progress: values, evidence, roll-ups by rule, four-state status, reminders. */
#include "test.h"

#include "model/account.h"
#include "model/attachment.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

TEST(task_status_rule)
{
	CHECK(task_status_of("2022-06-30", "2022-06-30", "2022-07-01") == TS_DONE_ON_TIME);
	CHECK(task_status_of("2022-06-30", "2022-07-02", "2022-08-01") == TS_DONE_LATE);
	CHECK(task_status_of("2022-06-30", "2022-07-02", "2022-07-01") == TS_OVERDUE); /* done later */
	CHECK(task_status_of("2022-06-30", NULL, "2022-06-30") == TS_OPEN_WITHIN);
	CHECK(task_status_of("2022-06-30", NULL, "2022-07-01") == TS_OVERDUE);
	CHECK(task_status_of(NULL, NULL, "2030-01-01") == TS_OPEN_WITHIN);
}

TEST(attachment_types)
{
	const char *why;
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
	static const unsigned char jpg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0 };

	CHECK_STR(attachment_sniff("%PDF-1.7\n", 9, &why), "application/pdf");
	CHECK_STR(attachment_sniff(png, sizeof(png), &why), "image/png");
	CHECK_STR(attachment_sniff(jpg, sizeof(jpg), &why), "image/jpeg");
	CHECK(attachment_sniff("MZ\x90\0", 4, &why) == NULL);
	CHECK(why != NULL);
	CHECK(attachment_sniff("PK\x03\x04garbage", 11, &why) == NULL); /* a broken zip */
	CHECK_CONTAINS(why, ".docx");
}

struct px {
	struct store *s;
	int64_t prog, sum, ratio, allmet, wmean, notadopted;
	int64_t tt, x1, x2, dp;
	struct account dpacct;
	struct arena a;
};

static bool setup(struct px *f)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "X1", .name = "Đảng ủy xã Nhị Khê", .kind = UNIT_COMMUNE, .parent_code = "HU-TT" },
		{ .code = "X2", .name = "Đảng ủy xã Hà Hồi", .kind = UNIT_COMMUNE, .parent_code = "HU-TT" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	struct directive_new d = { .unit_code = "TU",
				   .number = "01-CTr/TU",
				   .doc_date = "2021-03-17",
				   .title = "Chương trình 01",
				   .period_to = "2025-12-31" };
	struct directive_result r;
	const char *why;
	int64_t *ids[] = { &f->tt, &f->x1, &f->x2, &f->dp };
	const char *codes[] = { "HU-TT", "X1", "X2", "HU-DP" };
	int64_t acc;

	memset(f, 0, sizeof(*f));
	arena_init(&f->a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &f->s, NULL), APP_OK);
	if (!f->s)
		return false;
	CHECK_INT(store_migrate(f->s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(f->s, &U[i], i ? ids[i - 1] : NULL, NULL), APP_OK);
	CHECK_INT(directive_add(f->s, &d, &r, &why), APP_OK);
	f->prog = r.id;
	struct indicator_new n[] = {
		{ .code = "KN",
		  .name = "Kết nạp đảng viên mới",
		  .measure = "người",
		  .has_target = true,
		  .target = 10,
		  .period = PER_YEAR,
		  .agg = AGG_SUM },
		{ .code = "SH",
		  .name = "Tỷ lệ chi bộ sinh hoạt định kỳ",
		  .measure = "%",
		  .has_target = true,
		  .target = 95,
		  .period = PER_QUARTER,
		  .agg = AGG_RATIO,
		  .scale = 100 },
		{ .code = "GN",
		  .name = "Giải ngân vốn đầu tư công",
		  .measure = "%",
		  .has_target = true,
		  .target = 90,
		  .period = PER_YEAR,
		  .agg = AGG_ALL_MET },
		{ .code = "TN",
		  .name = "Thu nhập bình quân",
		  .measure = "triệu đồng",
		  .has_target = true,
		  .target = 100,
		  .period = PER_YEAR,
		  .agg = AGG_WMEAN },
		{ .code = "KL",
		  .name = "Khiếu nại kéo dài",
		  .measure = "vụ",
		  .dir = IND_DOWN,
		  .has_target = true,
		  .target = 0,
		  .period = PER_YEAR,
		  .agg = AGG_SUM },
	};
	int64_t *out[] = { &f->sum, &f->ratio, &f->allmet, &f->wmean, &f->notadopted };
	for (size_t i = 0; i < ARRAY_SIZE(n); i++) {
		n[i].directive_id = f->prog;
		CHECK_INT(indicator_add(f->s, &n[i], out[i], &why), APP_OK);
	}
	for (int u = 0; u < 3; u++) {
		struct plan_new p = {
			.unit_code = codes[u], .directive_id = f->prog, .title = "Kế hoạch", .plan_date = "2021-05-01"
		};
		int64_t pid;
		CHECK_INT(plan_create(f->s, NULL, &p, &pid, &why), APP_OK);
		for (int i = 0; i < 4; i++)
			CHECK_INT(plan_adopt(f->s, NULL, pid, *out[i], true, u == 2 ? 80 : 95, &why), APP_OK);
	}
	CHECK_INT(account_add(f->s, "dp", "dp", ROLE_STAFF, "HU-DP", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(f->s, &f->a, acc, &f->dpacct), APP_OK);
	return true;
}

static void val(struct px *f, int64_t ind, const char *unit, const char *period, double v)
{
	struct value_new n = { .indicator_id = ind, .unit_code = unit, .period = period, .value = v };
	const char *why = NULL;
	CHECK_INT(progress_set(f->s, NULL, &n, NULL, &why), APP_OK);
	if (why)
		fprintf(stderr, "    %s\n", why);
}

TEST(db_progress_rollups)
{
	struct px f;
	struct rollup r;
	const char *why;
	int64_t vid = 0;

	if (!setup(&f))
		return;
	val(&f, f.sum, "X1", "2022", 4);
	val(&f, f.sum, "X2", "2022", 7);
	val(&f, f.sum, "HU-TT", "2022", 1); /* the district's own */
	val(&f, f.sum, "X2", "2022", 8);    /* replaced */
	CHECK_INT(progress_rollup(f.s, f.sum, f.tt, "2022", &r), APP_OK);
	CHECK(r.has_value && r.value == 13);
	CHECK_INT(r.reporting, 3);
	CHECK_INT(progress_rollup(f.s, f.sum, f.x1, "2022", &r), APP_OK);
	CHECK(r.value == 4);
	CHECK_INT(progress_rollup(f.s, f.sum, f.tt, "2023", &r), APP_OK);
	CHECK(!r.has_value);
	/* Each child's subtree in one query: Thường Tín 13, Đan Phượng none. */
	struct rollup_children kids;
	int64_t root = 0;
	{
		struct unit u;
		CHECK_INT(unit_get_by_code(f.s, &f.a, "TU", &u), APP_OK);
		root = u.id;
	}
	CHECK_INT(progress_rollup_children(f.s, &f.a, f.sum, root, "2022", &kids), APP_OK);
	CHECK_INT(kids.n, 2);
	for (size_t i = 0; i < kids.n; i++) {
		if (strcmp(kids.v[i].unit_code, "HU-TT") == 0) {
			CHECK(kids.v[i].r.has_value && kids.v[i].r.value == 13);
			CHECK_INT(kids.v[i].r.reporting, 3);
		} else {
			CHECK_STR(kids.v[i].unit_code, "HU-DP");
			CHECK(!kids.v[i].r.has_value);
		}
	}
	CHECK_INT(progress_rollup_children(f.s, &f.a, f.sum, f.tt, "2022", &kids), APP_OK);
	CHECK_INT(kids.n, 2); /* X1 = 4, X2 = 8 */
	if (kids.n == 2)
		CHECK(kids.v[0].r.value + kids.v[1].r.value == 12);
	/* The trend: one query, periods ascending. */
	val(&f, f.sum, "X1", "2021", 2);
	struct rollup_series ser;
	CHECK_INT(progress_rollup_series(f.s, &f.a, f.sum, f.tt, &ser), APP_OK);
	CHECK_INT(ser.n, 2);
	if (ser.n == 2) {
		CHECK_STR(ser.v[0].period, "2021");
		CHECK(ser.v[0].r.value == 2);
		CHECK(ser.v[1].r.value == 13);
	}
	/* Ratio of sums: (9+20)/(10+20) = 96.67%, not the mean of 90% and 100%. */
	struct value_new rv = {
		.indicator_id = f.ratio, .unit_code = "X1", .period = "2022-Q1", .has_ratio = true, .num = 9, .den = 10
	};
	CHECK_INT(progress_set(f.s, NULL, &rv, NULL, &why), APP_OK);
	rv.unit_code = "X2";
	rv.num = 20;
	rv.den = 20;
	CHECK_INT(progress_set(f.s, NULL, &rv, NULL, &why), APP_OK);
	CHECK_INT(progress_rollup(f.s, f.ratio, f.tt, "2022-Q1", &r), APP_OK);
	CHECK(r.value > 96.66 && r.value < 96.67);
	/* All met: X1 targets 95, X2 targets 80 (its own). */
	val(&f, f.allmet, "X1", "2022", 96);
	val(&f, f.allmet, "X2", "2022", 85);
	CHECK_INT(progress_rollup(f.s, f.allmet, f.tt, "2022", &r), APP_OK);
	CHECK(r.value == 1);
	CHECK_INT(r.met, 2);
	val(&f, f.allmet, "X1", "2022", 94);
	CHECK_INT(progress_rollup(f.s, f.allmet, f.tt, "2022", &r), APP_OK);
	CHECK(r.value == 0);
	CHECK_INT(r.met, 1);
	/* Weighted mean: (100*1000 + 160*3000) / 4000 = 145. */
	struct value_new wv = { .indicator_id = f.wmean,
				.unit_code = "X1",
				.period = "2022",
				.value = 100,
				.has_weight = true,
				.weight = 1000 };
	CHECK_INT(progress_set(f.s, NULL, &wv, NULL, &why), APP_OK);
	wv.unit_code = "X2";
	wv.value = 160;
	wv.weight = 3000;
	CHECK_INT(progress_set(f.s, NULL, &wv, &vid, &why), APP_OK);
	CHECK_INT(progress_rollup(f.s, f.wmean, f.tt, "2022", &r), APP_OK);
	CHECK(r.value == 145);

	/* Evidence: content-addressed, deduplicated, type and size checked. */
	char h1[65], h2[65];
	void *back = NULL;
	size_t bn = 0;
	const char *mime;
	static const char pdf[] = "%PDF-1.4\nbien ban\n";
	CHECK_INT(progress_attach(f.s, NULL, vid, "bien-ban.pdf", pdf, sizeof(pdf) - 1, h1, &why), APP_OK);
	CHECK_INT(strlen(h1), 64);
	CHECK_INT(progress_attach(f.s, NULL, vid, "ban-sao.pdf", pdf, sizeof(pdf) - 1, h2, &why), APP_OK);
	CHECK_STR(h1, h2);
	CHECK_INT(attachment_get(f.s, &f.a, h1, &back, &bn, &mime), APP_OK);
	CHECK_INT(bn, sizeof(pdf) - 1);
	CHECK(back && memcmp(back, pdf, bn) == 0);
	CHECK_STR(mime, "application/pdf");
	free(back);
	CHECK_INT(progress_attach(f.s, NULL, vid, "virus.exe", "MZ\x90\0\3", 5, h2, &why), APP_EINVAL);
	CHECK(why != NULL);
	CHECK_INT(h2[0], 0);
	char *big = xcalloc(1, ATTACHMENT_MAX + 1);
	memcpy(big, "%PDF-", 5);
	CHECK_INT(progress_attach(f.s, NULL, vid, "big.pdf", big, ATTACHMENT_MAX + 1, h2, &why), APP_ETOOBIG);
	free(big);
	CHECK_INT(progress_attach(f.s, &f.dpacct, vid, "x.pdf", pdf, sizeof(pdf) - 1, h2, &why), APP_EDENIED);

	/* Bad values: nothing stored. */
	struct value_new b = { .indicator_id = f.notadopted, .unit_code = "X1", .period = "2022", .value = 1 };
	CHECK_INT(progress_set(f.s, NULL, &b, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "chưa nhận");
	b.indicator_id = f.sum;
	b.period = "2022-Q1";
	CHECK_INT(progress_set(f.s, NULL, &b, NULL, &why), APP_EINVAL);
	b.period = "2022";
	b.measure = "vụ";
	CHECK_INT(progress_set(f.s, NULL, &b, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Đơn vị tính");
	b.measure = NULL;
	b.indicator_id = f.allmet;
	b.value = 120;
	CHECK_INT(progress_set(f.s, NULL, &b, NULL, &why), APP_EINVAL);
	b.indicator_id = f.sum;
	b.value = 3;
	b.unit_code = "X1";
	CHECK_INT(progress_set(f.s, &f.dpacct, &b, NULL, &why), APP_EDENIED);
	rv.den = 0;
	CHECK_INT(progress_set(f.s, NULL, &rv, NULL, &why), APP_EINVAL);
	CHECK_INT(progress_rollup(f.s, f.sum, f.tt, "2022", &r), APP_OK);
	CHECK(r.value == 13);
	arena_release(&f.a);
	store_close(f.s);
}

TEST(db_progress_status_and_reminders)
{
	struct px f;
	struct task_status_counts c;
	struct reminder_list l;
	const char *why;
	int64_t pid, t1, t2, t3, t4;

	if (!setup(&f))
		return;
	CHECK_INT(plan_find(f.s, f.x1, f.prog, &pid), APP_OK);
	struct task_new t = { .content = "Việc A", .lead = "Ban Tổ chức", .deadline = "2022-06-30" };
	CHECK_INT(plan_add_task(f.s, NULL, pid, &t, &t1, &why), APP_OK);
	t.content = "Việc B";
	t.deadline = "2022-03-31";
	CHECK_INT(plan_add_task(f.s, NULL, pid, &t, &t2, &why), APP_OK);
	t.content = "Việc C";
	t.lead = "Văn phòng";
	t.deadline = "2022-07-10";
	CHECK_INT(plan_add_task(f.s, NULL, pid, &t, &t3, &why), APP_OK);
	CHECK_INT(plan_find(f.s, f.x2, f.prog, &pid), APP_OK);
	t.content = "Việc D";
	t.deadline = "2022-12-31";
	CHECK_INT(plan_add_task(f.s, NULL, pid, &t, &t4, &why), APP_OK);
	CHECK_INT(plan_task_done(f.s, NULL, t1, "2022-06-20", &why), APP_OK);
	CHECK_INT(plan_task_done(f.s, NULL, t2, "2022-04-15", &why), APP_OK);

	CHECK_INT(progress_task_status(f.s, f.tt, "01/07/2022", &c), APP_OK);
	CHECK_INT(c.total, 4);
	CHECK_INT(c.n[TS_DONE_ON_TIME], 1);
	CHECK_INT(c.n[TS_DONE_LATE], 1);
	CHECK_INT(c.n[TS_OPEN_WITHIN], 2);
	CHECK_INT(c.n[TS_OVERDUE], 0);
	/* As of an earlier date, B was overdue and A still open. */
	CHECK_INT(progress_task_status(f.s, f.tt, "2022-04-10", &c), APP_OK);
	CHECK_INT(c.n[TS_OVERDUE], 1);
	CHECK_INT(c.n[TS_OPEN_WITHIN], 3);
	CHECK_INT(progress_task_status(f.s, f.x2, "2023-01-01", &c), APP_OK);
	CHECK_INT(c.total, 1);
	CHECK_INT(c.n[TS_OVERDUE], 1);
	CHECK_INT(progress_task_status(f.s, f.tt, "31/02/2022", &c), APP_EINVAL);
	/* The root (no join) and the root with a second tree beside it (the join) agree. */
	{
		struct unit root;
		struct unit_new other = { .code = "HP", .name = "Thành ủy Hải Phòng", .kind = UNIT_CITY };
		CHECK_INT(unit_get_by_code(f.s, &f.a, "TU", &root), APP_OK);
		CHECK_INT(progress_task_status(f.s, root.id, "2022-04-10", &c), APP_OK);
		CHECK_INT(c.total, 4);
		CHECK_INT(c.n[TS_OVERDUE], 1);
		CHECK_INT(unit_add(f.s, &other, NULL, NULL), APP_OK);
		CHECK_INT(progress_task_status(f.s, root.id, "2022-04-10", &c), APP_OK);
		CHECK_INT(c.total, 4);
		CHECK_INT(c.n[TS_OVERDUE], 1);
	}
	/* Per child, one query: X1 has A (on time), B (late), C (within); X2 has D. */
	struct task_status_children kids;
	CHECK_INT(progress_task_status_children(f.s, &f.a, f.tt, "2022-07-01", &kids), APP_OK);
	CHECK_INT(kids.n, 2);
	for (size_t i = 0; i < kids.n; i++) {
		if (strcmp(kids.v[i].unit_code, "X1") == 0) {
			CHECK_INT(kids.v[i].c.total, 3);
			CHECK_INT(kids.v[i].c.n[TS_DONE_ON_TIME], 1);
			CHECK_INT(kids.v[i].c.n[TS_DONE_LATE], 1);
			CHECK_INT(kids.v[i].c.n[TS_OPEN_WITHIN], 1);
		} else {
			CHECK_INT(kids.v[i].c.total, 1);
			CHECK_INT(kids.v[i].c.n[TS_OPEN_WITHIN], 1);
		}
	}
	CHECK_INT(progress_task_status_children(f.s, &f.a, f.x1, "2022-07-01", &kids), APP_OK);
	CHECK_INT(kids.n, 0);

	CHECK_INT(progress_reminders(f.s, &f.a, f.tt, "2022-07-15", 10, &l), APP_OK);
	CHECK_INT(l.n, 1); /* C overdue by 5 days; D not due within 10 */
	if (l.n == 1) {
		CHECK_STR(l.v[0].lead, "Văn phòng");
		CHECK(l.v[0].overdue);
		CHECK_INT(l.v[0].days, 5);
	}
	CHECK_INT(progress_reminders(f.s, &f.a, f.tt, "2022-07-01", 200, &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK(!l.v[0].overdue);
		CHECK_INT(l.v[0].days, 9);
	}
	arena_release(&f.a);
	store_close(f.s);
}
