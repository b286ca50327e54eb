/* Documents and events of a unit (the unit page's lists). */
#include "test.h"

#include "model/doc.h"
#include "model/event.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static struct store *setup(int64_t *root, int64_t *ward, int64_t *old)
{
	struct store *s = NULL;
	struct unit_new r = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct unit_new w = {
		.code = "10183", .name = "Đảng ủy xã Thường Tín", .kind = UNIT_COMMUNE, .parent_code = "TU"
	};
	struct unit_new o = { .code = "279-2025",
			      .name = "Huyện ủy Thường Tín",
			      .kind = UNIT_DISTRICT,
			      .parent_code = "TU",
			      .valid_to = "2025-06-30" };

	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(unit_add(s, &r, root, NULL), APP_OK);
	CHECK_INT(unit_add(s, &w, ward, NULL), APP_OK);
	CHECK_INT(unit_add(s, &o, old, NULL), APP_OK);
	CHECK_INT(unit_add_successor(s, *old, *ward, false), APP_OK);
	return s;
}

TEST(db_unit_docs)
{
	int64_t root, ward, old, id = 0, id2 = 0;
	struct store *s = setup(&root, &ward, &old);
	struct doc_new d = { .unit_code = "TU",
			     .kind = "CTr",
			     .number = "01-CTr/TU",
			     .doc_date = "17/03/2021",
			     .title = "Chương trình công tác",
			     .body = "Nội dung\ncó dòng mới",
			     .demo = true };
	struct arena a;
	struct doc got;
	struct doc_list l;
	const char *why = NULL;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(doc_add(s, &d, &id, &why), APP_OK);
	CHECK(id > 0);
	if (!id) {
		arena_release(&a);
		store_close(s);
		return;
	}
	d.number = NULL;
	d.doc_date = "2022-05-05";
	d.title = "Báo cáo"; /* a later one without a number */
	d.kind = "BC";
	CHECK_INT(doc_add(s, &d, &id2, &why), APP_OK);
	memset(&got, 0, sizeof(got));
	CHECK_INT(doc_get(s, &a, id, &got), APP_OK);
	CHECK_STR(got.number, "01-CTr/TU");
	CHECK_STR(got.doc_date, "2021-03-17");
	CHECK_STR(got.body, "Nội dung\ncó dòng mới");
	CHECK_STR(got.unit_code, "TU");
	CHECK(got.demo);
	CHECK_INT(doc_get(s, &a, 987654, &got), APP_ENOTFOUND);
	CHECK_INT(doc_list_for_unit(s, &a, root, 0, &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_INT(l.v[0].id, id2); /* newest first */
		CHECK(l.v[0].body == NULL);
	}
	CHECK_INT(doc_list_for_unit(s, &a, ward, 0, &l), APP_OK);
	CHECK_INT(l.n, 0);

	/* Bad input: nothing stored. */
	d.doc_date = "31/02/2021";
	CHECK_INT(doc_add(s, &d, NULL, &why), APP_EINVAL);
	CHECK(why != NULL);
	d.doc_date = NULL;
	d.title = "bad \xff";
	CHECK_INT(doc_add(s, &d, NULL, &why), APP_EINVAL);
	d.title = "ok";
	d.unit_code = "NOPE";
	CHECK_INT(doc_add(s, &d, NULL, &why), APP_EINVAL);
	d.unit_code = "TU";
	d.kind = NULL;
	CHECK_INT(doc_add(s, &d, NULL, &why), APP_EINVAL);
	CHECK_INT(doc_list_for_unit(s, &a, root, 0, &l), APP_OK);
	CHECK_INT(l.n, 2);
	arena_release(&a);
	store_close(s);
}

TEST(db_unit_events_with_predecessors)
{
	int64_t root, ward, old;
	struct store *s = setup(&root, &ward, &old);
	struct event_new e1 = { "279-2025", "05/05/2022", "inspection", "Đoàn kiểm tra số 2", "Chi tiết", "báo", true };
	struct event_new e2 = { "10183", "2025-07-01", "organisation", "Thành lập xã", NULL, NULL, false };
	struct event_new e3 = { "TU", "2022-12-31", "indicator", "22/22 chỉ tiêu", NULL, NULL, false };
	struct arena a;
	struct event_list l;
	const char *why = NULL;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_OK);
	CHECK_INT(event_add(s, &e2, NULL, &why), APP_OK);
	CHECK_INT(event_add(s, &e3, NULL, &why), APP_OK);
	CHECK_INT(event_list_for_unit(s, &a, ward, 0, &l), APP_OK);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0].event_date, "2025-07-01");
		CHECK_STR(l.v[1].unit_code, "279-2025");
		CHECK_STR(l.v[1].event_date, "2022-05-05");
		CHECK_STR(l.v[1].detail, "Chi tiết");
		CHECK(l.v[1].demo);
	}
	CHECK_INT(event_list_for_unit(s, &a, old, 0, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK_INT(event_list_for_unit(s, &a, root, 1, &l), APP_OK);
	CHECK_INT(l.n, 1);
	CHECK_STR(event_category_vi("inspection"), "Kiểm tra, giám sát");
	CHECK_STR(event_category_vi("zzz"), "Khác");

	e1.category = "party";
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_EINVAL);
	e1.category = "inspection";
	e1.event_date = "2022-02-30";
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_EINVAL);
	e1.event_date = NULL;
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_EINVAL);
	e1.event_date = "2022-05-05";
	e1.title = "";
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_EINVAL);
	e1.title = "x";
	e1.unit_code = "NOPE";
	CHECK_INT(event_add(s, &e1, NULL, &why), APP_EINVAL);
	CHECK_INT(event_list_for_unit(s, &a, old, 0, &l), APP_OK);
	CHECK_INT(l.n, 1);
	arena_release(&a);
	store_close(s);
}
