/* giamsat inspect: the script path from inspection to the overdue list, and its refusals. */
#include "test.h"

#include <sys/stat.h>

#include "cli/cli.h"
#include "model/inspect.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

#define RUN(...) \
	cmd_inspect((int)ARRAY_SIZE(((char *[]){ "inspect", __VA_ARGS__ })), (char *[]){ "inspect", __VA_ARGS__, NULL })

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

TEST(inspect_cli_flow)
{
	char db[4200];
	struct store *s = NULL;
	struct arena a;
	struct accountability acc;
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};

	snprintf(db, sizeof(db), "%s/cli.db", test_tmpdir());
	arena_init(&a);
	log_quiet(true);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], NULL, NULL), APP_OK);
	store_close(s);

	CHECK_INT(RUN("add", "--kind", "kiem_tra", "--unit", "HU-TT", "--title", "x", "--from", "05/05/2022", "--to",
		      "30/06/2022", "--db", db),
		  1);
	CHECK_INT(RUN("add", "--kind"), 2);
	CHECK_INT(RUN("issue", "abc", "--db", db), 2);
	CHECK_INT(RUN("add", "--kind", "inspection_thematic", "--unit", "HU-TT", "--title", "Đoàn kiểm tra số 2",
		      "--from", "05/05/2022", "--to", "30/06/2022", "--db", db),
		  0);
	CHECK_INT(RUN("conclude", "1", "--date", "15/07/2022", "--number", "15-TB/TU", "--db", db), 0);
	CHECK_INT(RUN("finding", "1", "--content", "Chỉ số cải cách hành chính thấp", "--cause-kind", "subjective",
		      "--cause", "Chưa quyết liệt", "--addressee-unit", "HU-TT", "--remedy", "Kế hoạch", "--deadline",
		      "01/07/2022", "--db", db),
		  1); /* before the conclusion's date */
	CHECK_INT(RUN("finding", "1", "--content", "Chỉ số cải cách hành chính thấp", "--cause-kind", "subjective",
		      "--addressee-unit", "HU-TT", "--remedy", "Kế hoạch", "--deadline", "31/12/2022", "--db", db),
		  0);
	CHECK_INT(RUN("issue", "1", "--db", db), 1); /* no cause text */
	CHECK_INT(RUN("finding", "1", "--content", "Bộ phận một cửa", "--cause-kind", "objective", "--cause",
		      "Thiếu biên chế", "--addressee", "Chủ tịch UBND huyện", "--remedy", "Kiện toàn", "--deadline",
		      "30/09/2022", "--db", db),
		  0);

	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 0); /* still a draft */
	store_close(s);
	CHECK_INT(RUN("correct", "1", "--reason", "x", "--db", db), 1); /* not issued */

	/* A second inspection, complete, issued and followed. */
	CHECK_INT(RUN("add", "--kind", "supervision_thematic", "--unit", "HU-TT", "--title", "Giám sát", "--from",
		      "2022-08-01", "--to", "2022-08-10", "--db", db),
		  0);
	CHECK_INT(RUN("conclude", "2", "--date", "2022-08-20", "--criticise", "Chậm", "--db", db), 0);
	CHECK_INT(RUN("finding", "2", "--content", "Chậm giải ngân", "--cause-kind", "subjective", "--cause",
		      "Chủ quan", "--addressee-unit", "HU-TT", "--remedy", "Đẩy nhanh", "--deadline", "2022-10-31",
		      "--db", db),
		  0);
	CHECK_INT(RUN("issue", "2", "--db", db), 0);
	CHECK_INT(RUN("overdue", "--asof", "2022-11-02", "--db", db), 0);
	{
		char out[4400];
		snprintf(out, sizeof(out), "%s/tn.xlsx", test_tmpdir());
		CHECK_INT(RUN("overdue", "--asof", "2022-11-02", "--out", out, "--db", db), 0);
		CHECK(exists(out));
		snprintf(out, sizeof(out), "%s/tb.docx", test_tmpdir());
		CHECK_INT(RUN("notice", "2", "--out", out, "--db", db), 0);
		CHECK(exists(out));
		CHECK_INT(RUN("notice", "99", "--out", out, "--db", db), 1);
		snprintf(out, sizeof(out), "%s/ct.docx", test_tmpdir());
		CHECK_INT(RUN("programme", "--year", "2022", "--out", out, "--db", db), 0);
		CHECK(exists(out));
	}
	CHECK_INT(RUN("risk", "--year", "2022", "--asof", "2022-11-02", "--db", db), 0);
	CHECK_INT(RUN("overdue", "--unit", "NOPE", "--db", db), 1);

	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2022-11-02", &acc), APP_OK);
	CHECK_INT(acc.list.n, 1);
	CHECK(acc.list.n == 1 && acc.list.v[0].days_overdue == 2);
	store_close(s);
	arena_release(&a);
}
