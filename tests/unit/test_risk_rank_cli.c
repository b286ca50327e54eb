/* giamsat rank: record a ranking from a script, its refusals (nothing stored), and the list. */
#include "test.h"

#include "cli/cli.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

#define RUN(...) cmd_rank((int)ARRAY_SIZE(((char *[]){ "rank", __VA_ARGS__ })), (char *[]){ "rank", __VA_ARGS__, NULL })

TEST(risk_rank_cli)
{
	char db[4200];
	struct store *s = NULL;
	struct arena a;
	struct risk_rank_list l;
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	int64_t tt = 0;

	snprintf(db, sizeof(db), "%s/rank.db", test_tmpdir());
	arena_init(&a);
	log_quiet(true);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], i ? &tt : NULL, NULL), APP_OK);
	store_close(s);

	CHECK_INT(RUN("--help"), 0);
	CHECK_INT(RUN("set", "--year"), 2);
	CHECK_INT(RUN("set", "--year", "2022", "--unit", "HU-TT", "--db", db), 2); /* no position */
	CHECK_INT(RUN("set", "--year", "2022", "--unit", "HU-TT", "--index", "Chỉ số CCHC", "--position", "31", "--of",
		      "30", "--source", "Bài báo", "--db", db),
		  1);
	CHECK_INT(RUN("set", "--year", "2022", "--unit", "HU-TT", "--index", "Chỉ số CCHC", "--position", "30", "--of",
		      "30", "--db", db),
		  1); /* no source */
	CHECK_INT(RUN("set", "--year", "2022", "--unit", "NOPE", "--index", "Chỉ số CCHC", "--position", "3", "--of",
		      "30", "--source", "Bài báo", "--db", db),
		  1);
	CHECK_INT(RUN("frob", "--db", db), 2);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(risk_rank_list(s, &a, NULL, tt, &l), APP_OK);
	CHECK_INT(l.n, 0);
	store_close(s);

	CHECK_INT(RUN("set", "--year", "2022", "--unit", "HU-TT", "--index", "Chỉ số CCHC cấp huyện", "--position",
		      "30", "--of", "30", "--source", "Kinh tế & Đô thị, 5/5/2022", "--note", "cuối bảng", "--db", db),
		  0);
	CHECK_INT(RUN("list", "--unit", "HU-TT", "--db", db), 0);
	CHECK_INT(RUN("list", "--unit", "NOPE", "--db", db), 1);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(risk_rank_list(s, &a, NULL, tt, &l), APP_OK);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_INT(l.v[0].position, 30);
		CHECK_INT(l.v[0].of_n, 30);
		CHECK_STR(l.v[0].source, "Kinh tế & Đô thị, 5/5/2022");
		CHECK_STR(l.v[0].note, "cuối bảng");
	}
	store_close(s);
	arena_release(&a);
}
