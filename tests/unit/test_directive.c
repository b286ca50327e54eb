/* Directives: number validation, canonical storage, series, links, next number. */
#include "test.h"

#include "model/directive.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static struct store *open_tree(void)
{
	struct store *s = NULL;
	struct unit_new r = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct unit_new d = {
		.code = "279-2025", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU"
	};

	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(unit_add(s, &r, NULL, NULL), APP_OK);
	CHECK_INT(unit_add(s, &d, NULL, NULL), APP_OK);
	return s;
}

TEST(directive_term_rule)
{
	char t[16];

	CHECK(directive_term("2021-03-17", t));
	CHECK_STR(t, "2020-2025");
	CHECK(directive_term("2020-09-30", t));
	CHECK_STR(t, "2015-2020");
	CHECK(directive_term("01/10/2020", t));
	CHECK_STR(t, "2020-2025");
	CHECK(directive_term("2025-11-02", t));
	CHECK_STR(t, "2025-2030");
	CHECK(!directive_term("31/02/2025", t));
}

TEST(db_directive_register)
{
	struct store *s = open_tree();
	struct directive_new d = { .unit_code = "TU",
				   .number = "Số: 01-Ctr/TU",
				   .doc_date = "17/03/2021",
				   .title = "Chương trình số 01 về nâng cao chất lượng tổ chức cơ sở đảng",
				   .period_from = "2021-01-01",
				   .period_to = "2025-12-31" };
	struct directive_result r, r2;
	struct directive got;
	struct arena a;
	const char *why;
	int64_t found;

	if (!s)
		return;
	arena_init(&a);
	CHECK_INT(directive_add(s, &d, &r, &why), APP_OK);
	CHECK_STR(r.num.canonical, "01-CTr/TU");
	CHECK_STR(r.series, "2020-2025");
	CHECK(r.num.nnotes > 0);
	CHECK_INT(directive_get(s, &a, r.id, &got), APP_OK);
	CHECK_STR(got.doc.number, "01-CTr/TU");
	CHECK_STR(got.doc.kind, "CTr");
	CHECK_STR(got.period_to, "2025-12-31");
	CHECK_STR(got.system, "party");
	CHECK_INT(got.n, 1);

	/* The same number in the same term, written another way: refused. */
	d.number = "01/CTr-TU";
	d.doc_date = "2022-01-05";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EEXIST);
	CHECK_CONTAINS(why, "đã được dùng");
	/* In the next term the count starts again. */
	d.doc_date = "2025-11-20";
	CHECK_INT(directive_add(s, &d, &r2, &why), APP_OK);
	CHECK_STR(r2.series, "2025-2030");
	CHECK_INT(directive_find(s, "01-CTR/TU", &found), APP_OK);
	CHECK_INT(found, r2.id); /* latest first */

	/* A plan implementing it: link both ways. */
	struct directive_new k = { .unit_code = "279-2025",
				   .number = "45-KH/HU",
				   .doc_date = "2021-05-10",
				   .title = "Kế hoạch thực hiện Chương trình 01-CTr/TU" };
	k.links[0].rel = REL_IMPLEMENTS;
	k.links[0].to_id = r.id;
	k.nlinks = 1;
	CHECK_INT(directive_add(s, &k, &r2, &why), APP_OK);
	CHECK_INT(directive_get(s, &a, r.id, &got), APP_OK);
	CHECK_INT(got.nlinks, 1);
	if (got.nlinks == 1) {
		CHECK(got.links[0].incoming);
		CHECK_STR(got.links[0].number, "45-KH/HU");
		CHECK(got.links[0].rel == REL_IMPLEMENTS);
	}
	/* A link to nothing: refused, and the doc is not stored half. */
	k.number = "46-KH/HU";
	k.links[0].to_id = 999999;
	CHECK_INT(directive_add(s, &k, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "không tồn tại");
	CHECK_INT(directive_find(s, "46-KH/HU", &found), APP_ENOTFOUND);

	/* State documents: numbered per calendar year. */
	struct directive_new st = {
		.unit_code = "TU", .number = "167/kh-ubnd", .doc_date = "2024-06-01", .title = "Kế hoạch của UBND"
	};
	CHECK_INT(directive_add(s, &st, &r, &why), APP_OK);
	CHECK_STR(r.num.canonical, "167/KH-UBND");
	CHECK_STR(r.series, "2024");
	st.doc_date = "2025-01-03";
	CHECK_INT(directive_add(s, &st, &r, &why), APP_OK);
	st.doc_date = "2025-02-03";
	CHECK_INT(directive_add(s, &st, NULL, &why), APP_EEXIST);
	struct directive_new lg = { .unit_code = "TU",
				    .number = "30/2020/ND-CP",
				    .doc_date = "2021-03-05",
				    .title = "Nghị định về công tác văn thư" };
	CHECK_INT(directive_add(s, &lg, NULL, &why), APP_EINVAL); /* year in number != date */
	CHECK_CONTAINS(why, "Năm");
	lg.doc_date = "05/03/2020";
	CHECK_INT(directive_add(s, &lg, &r, &why), APP_OK);
	CHECK_STR(r.num.canonical, "30/2020/NĐ-CP");
	arena_release(&a);
	store_close(s);
}

TEST(db_directive_bad_input)
{
	struct store *s = open_tree();
	struct directive_new d = {
		.unit_code = "TU", .number = "chương trình một", .doc_date = "2021-03-17", .title = "X"
	};
	const char *why = NULL;
	int64_t found;

	if (!s)
		return;
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EINVAL);
	CHECK(why && *why);
	d.number = "01-CTr/TU";
	d.doc_date = "31/02/2025";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Ngày");
	d.doc_date = "2021-03-17";
	d.period_from = "2025-01-01";
	d.period_to = "2021-01-01";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EINVAL);
	d.period_from = d.period_to = NULL;
	d.unit_code = "NOPE";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EINVAL);
	d.unit_code = "TU";
	d.title = "  ";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EINVAL);
	CHECK_INT(directive_find(s, "01-CTr/TU", &found), APP_ENOTFOUND);
	store_close(s);
}

TEST(db_directive_next_number)
{
	struct store *s = open_tree();
	struct next_number_req q = { .unit_code = "TU", .system = DOCNUM_PARTY, .kind = "ctr", .date = "2021-06-01" };
	struct directive_new d = { .unit_code = "TU", .doc_date = "2021-03-17", .title = "Chương trình" };
	struct docnum n;
	char series[16];
	const char *why;

	if (!s)
		return;
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "01-CTr/TU");
	CHECK_STR(series, "2020-2025");
	d.number = "01-CTr/TU";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_OK);
	d.number = "07-CTr/TU";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_OK);
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "08-CTr/TU");
	/* Another kind, another term: their own counters. */
	q.kind = "KH";
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "01-KH/TU");
	q.kind = "CTr";
	q.date = "2026-01-10";
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "01-CTr/TU");
	CHECK_STR(series, "2025-2030");
	/* The district's default symbol is HU. */
	q.unit_code = "279-2025";
	q.date = "2021-06-01";
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "01-CTr/HU");
	/* State: per year. */
	struct next_number_req sq = { .unit_code = "TU", .system = DOCNUM_STATE, .kind = "KH", .date = "2024-12-01" };
	d.number = "167/KH-UBND";
	d.doc_date = "2024-06-01";
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_OK);
	CHECK_INT(directive_next_number(s, &sq, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "168/KH-UBND");
	CHECK_STR(series, "2024");
	sq.date = "2025-01-02";
	CHECK_INT(directive_next_number(s, &sq, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "01/KH-UBND");
	/* Bad input. */
	sq.kind = "XYZ";
	CHECK_INT(directive_next_number(s, &sq, &n, series, &why), APP_EINVAL);
	CHECK(why != NULL);
	sq.kind = "KH";
	sq.date = "30/02/2025";
	CHECK_INT(directive_next_number(s, &sq, &n, series, &why), APP_EINVAL);
	store_close(s);
}

TEST(db_directive_backfill_legacy_docs)
{
	struct store *s = open_tree();
	struct doc_new old = { .unit_code = "TU",
			       .kind = "CTr",
			       .number = "01-Ctr/TU",
			       .doc_date = "2021-03-17",
			       .title = "Chương trình 01 (nhập trước)" };
	struct doc_new undated = { .unit_code = "TU", .kind = "CTr", .number = "05-CTr/TU", .title = "Không ghi ngày" };
	struct directive_new d = {
		.unit_code = "TU", .number = "01-CTr/TU", .doc_date = "2021-04-01", .title = "Trùng số"
	};
	struct next_number_req q = { .unit_code = "TU", .system = DOCNUM_PARTY, .kind = "CTr", .date = "2021-06-01" };
	struct docnum n;
	char series[16];
	const char *why;
	int64_t done = -1;

	if (!s)
		return;
	CHECK_INT(doc_add(s, &old, NULL, &why), APP_OK);
	CHECK_INT(doc_add(s, &undated, NULL, &why), APP_OK);
	/* The legacy 01-CTr/TU is seen: the next is 02, and 01 is a duplicate. */
	CHECK_INT(directive_next_number(s, &q, &n, series, &why), APP_OK);
	CHECK_STR(n.canonical, "02-CTr/TU");
	CHECK_INT(directive_add(s, &d, NULL, &why), APP_EEXIST);
	CHECK_INT(directive_backfill(s, 1, &done), APP_OK);
	CHECK_INT(done, 0); /* nothing left that can be read */
	store_close(s);
}
