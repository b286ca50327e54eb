/* Indicators of a directive: fields, kinds, required targets, bad input. */
#include "test.h"

#include "model/directive.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

TEST(db_indicator_add_list)
{
	struct store *s = NULL;
	struct unit_new r = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct directive_new d = {
		.unit_code = "TU", .number = "01-CTr/TU", .doc_date = "2021-03-17", .title = "Chương trình 01"
	};
	struct directive_result dr;
	struct indicator_new n = { .code = "CT01",
				   .name = "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
				   .measure = "%",
				   .dir = IND_UP,
				   .has_target = true,
				   .target = 90,
				   .has_baseline = true,
				   .baseline = 82.5,
				   .period = PER_YEAR,
				   .agg = AGG_RATIO,
				   .scale = 100,
				   .kinds = (1u << UNIT_COMMUNE) | (1u << UNIT_DISTRICT) };
	struct indicator_list l;
	struct indicator got;
	struct arena a;
	const char *why;
	int64_t id = 0;

	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(unit_add(s, &r, NULL, NULL), APP_OK);
	CHECK_INT(directive_add(s, &d, &dr, &why), APP_OK);
	n.directive_id = dr.id;
	CHECK_INT(indicator_add(s, &n, &id, &why), APP_OK);
	struct indicator_new m = { .directive_id = dr.id,
				   .code = "CT02",
				   .name = "Số vụ khiếu nại kéo dài",
				   .measure = "vụ",
				   .dir = IND_DOWN,
				   .has_target = true,
				   .target = 0,
				   .period = PER_QUARTER,
				   .agg = AGG_SUM };
	CHECK_INT(indicator_add(s, &m, NULL, &why), APP_OK);
	CHECK_INT(indicator_list(s, &a, dr.id, &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0].code, "CT01");
		CHECK(l.v[0].agg == AGG_RATIO);
		CHECK(l.v[0].scale == 100);
		CHECK(l.v[0].baseline == 82.5);
		CHECK(indicator_applies(&l.v[0], UNIT_COMMUNE));
		CHECK(!indicator_applies(&l.v[0], UNIT_AGENCY));
		CHECK(l.v[1].dir == IND_DOWN);
		CHECK(l.v[1].kinds == 0);
		CHECK(indicator_applies(&l.v[1], UNIT_AGENCY));
	}
	CHECK_INT(indicator_find(s, &a, dr.id, "CT02", &got), APP_OK);
	CHECK(got.period == PER_QUARTER);
	CHECK(ind_worse(IND_DOWN, 3, 1));
	CHECK(!ind_worse(IND_DOWN, 1, 3));
	CHECK(ind_meets(IND_UP, 90, 90));

	/* Bad input: nothing stored. */
	m.code = "CT03";
	m.has_target = false;
	CHECK_INT(indicator_add(s, &m, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "mục tiêu");
	m.monitor_only = true; /* theo dõi: allowed without a target */
	CHECK_INT(indicator_add(s, &m, NULL, &why), APP_OK);
	m.code = "CT01";
	CHECK_INT(indicator_add(s, &m, NULL, &why), APP_EEXIST);
	n.code = "CT04";
	n.target = 120; /* a percentage over 100 */
	CHECK_INT(indicator_add(s, &n, NULL, &why), APP_EINVAL);
	n.target = 90;
	n.directive_id = 424242;
	CHECK_INT(indicator_add(s, &n, NULL, &why), APP_EINVAL);
	n.directive_id = dr.id;
	n.name = "  ";
	CHECK_INT(indicator_add(s, &n, NULL, &why), APP_EINVAL);
	CHECK_INT(indicator_list(s, &a, dr.id, &l), APP_OK);
	CHECK_INT(l.n, 3);
	CHECK(ind_agg_parse("all_met", &n.agg) && n.agg == AGG_ALL_MET);

	/* Directives that bind a unit: with indicators, issued by it or above it. */
	struct unit_new w = { .code = "X1", .name = "Đảng ủy xã Nhị Khê", .kind = UNIT_COMMUNE, .parent_code = "TU" };
	struct directive_new other = { .unit_code = "TU",
				       .number = "02-CTr/TU",
				       .doc_date = "2021-04-01",
				       .title = "Chương trình không có chỉ tiêu" };
	struct directive_new own = {
		.unit_code = "X1", .number = "03-NQ/ĐU", .doc_date = "2021-05-01", .title = "Nghị quyết của xã"
	};
	struct directive_result or2;
	struct directive_list dl;
	int64_t x1 = 0;
	CHECK_INT(unit_add(s, &w, &x1, NULL), APP_OK);
	CHECK_INT(directive_add(s, &other, NULL, &why), APP_OK);
	CHECK_INT(directive_add(s, &own, &or2, &why), APP_OK);
	struct indicator_new oi = { .directive_id = or2.id,
				    .code = "A",
				    .name = "Chỉ tiêu của xã",
				    .measure = "%",
				    .has_target = true,
				    .target = 50,
				    .period = PER_YEAR,
				    .agg = AGG_MEAN };
	CHECK_INT(indicator_add(s, &oi, NULL, &why), APP_OK);
	CHECK_INT(directive_list_for(s, &a, x1, 0, &dl), APP_OK);
	CHECK_INT(dl.n, 2);
	if (dl.n == 2) {
		CHECK_STR(dl.v[0].number, "03-NQ/ĐU");
		CHECK_STR(dl.v[1].number, "01-CTr/TU");
		CHECK_INT(dl.v[1].nindicators, 3);
	}
	int64_t root_id = 0;
	{
		struct unit ru;
		CHECK_INT(unit_get_by_code(s, &a, "TU", &ru), APP_OK);
		root_id = ru.id;
	}
	CHECK_INT(directive_list_for(s, &a, root_id, 0, &dl), APP_OK);
	CHECK_INT(dl.n, 1); /* the commune's own is not the city's */
	arena_release(&a);
	store_close(s);
}
