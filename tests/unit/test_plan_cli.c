/* The cascade commands in-process: plan import/export/coverage, doc next-number. */
#include "test.h"

#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/plan_check.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

/* Run the CLI with stdout and stderr captured into *out and *err (malloc'd). */
static int run(char **out, char **err, int argc, char **argv)
{
	char *op = xasprintf("%s/stdout.txt", test_tmpdir()), *ep = xasprintf("%s/stderr.txt", test_tmpdir());
	int so = dup(1), se = dup(2), fd, rc;
	size_t len;

	fflush(stdout);
	fflush(stderr);
	fd = open(op, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 1);
	close(fd);
	fd = open(ep, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = cli_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	if (file_read(op, 0, out, &len) != APP_OK)
		*out = xstrdup("");
	if (file_read(ep, 0, err, &len) != APP_OK)
		*err = xstrdup("");
	free(op);
	free(ep);
	return rc;
}

static const char BAD[] = "KẾ HOẠCH\nII. NHIỆM VỤ\n"
			  "1. Rà soát quy hoạch cán bộ.\n- Chủ trì: Ban Tổ chức\n- Thời hạn: 30/6/2022\n"
			  "2. Kiểm tra, giám sát.\n- Chủ trì: Ban Tổ chức, Ủy ban Kiểm tra\n"
			  "III. TỔ CHỨC THỰC HIỆN\n";
static const char GOOD[] = "KẾ HOẠCH\nII. NHIỆM VỤ\n"
			   "1. Rà soát quy hoạch cán bộ.\n- Chủ trì: Ban Tổ chức\n- Thời hạn: 30/6/2022\n"
			   "III. TỔ CHỨC THỰC HIỆN\n";

TEST(db_plan_cli_import_export_coverage)
{
	char *db = xstrdup(test_db_url()), *out = NULL, *err = NULL;
	char *bad = xasprintf("%s/bad.txt", test_tmpdir()), *good = xasprintf("%s/good.txt", test_tmpdir());
	char *xlsx = xasprintf("%s/plan.xlsx", test_tmpdir()), *cov = xasprintf("%s/cov.xlsx", test_tmpdir());
	struct store *s = NULL;
	struct unit_new r = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct unit_new w = {
		.code = "10183", .name = "Đảng ủy xã Thường Tín", .kind = UNIT_COMMUNE, .parent_code = "TU"
	};
	struct directive_new d = {
		.unit_code = "TU", .number = "01-CTr/TU", .doc_date = "2021-03-17", .title = "Chương trình 01"
	};
	struct indicator_new in = { .code = "CT01",
				    .name = "Chỉ tiêu 1",
				    .measure = "%",
				    .has_target = true,
				    .target = 90,
				    .period = PER_YEAR,
				    .agg = AGG_MEAN };
	struct directive_result dr;
	const char *why;
	int64_t pid = 0, unit = 0;

	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(unit_add(s, &r, NULL, NULL), APP_OK);
	CHECK_INT(unit_add(s, &w, &unit, NULL), APP_OK);
	CHECK_INT(directive_add(s, &d, &dr, &why), APP_OK);
	in.directive_id = dr.id;
	CHECK_INT(indicator_add(s, &in, NULL, &why), APP_OK);
	store_close(s);
	s = NULL;
	CHECK_INT(file_write_atomic(bad, BAD, sizeof(BAD) - 1), APP_OK);
	CHECK_INT(file_write_atomic(good, GOOD, sizeof(GOOD) - 1), APP_OK);

	char *a1[] = { "giamsat",     "plan",      "import", bad,          "--unit", "10183",
		       "--directive", "01-Ctr/TU", "--date", "2021-05-01", "--db",   db };
	CHECK_INT(run(&out, &err, 12, a1), 1);
	CHECK_CONTAINS(err, "nothing stored");
	CHECK_CONTAINS(err, "nhiệm vụ 2");
	free(out);
	free(err);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	CHECK_INT(plan_find(s, unit, dr.id, &pid), APP_ENOTFOUND);
	store_close(s);
	s = NULL;

	/* A truncated .xlsx and a .docx that is not a zip: refused, nothing stored. */
	{
		char *trunc = xasprintf("%s/plan.xlsx", test_tmpdir());
		static const char zip_head[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00";
		CHECK_INT(file_write_atomic(trunc, zip_head, sizeof(zip_head) - 1), APP_OK);
		a1[3] = trunc;
		CHECK_INT(run(&out, &err, 12, a1), 1);
		CHECK(strlen(err) > 0);
		free(out);
		free(err);
		free(trunc);
		CHECK_INT(store_open(db, &s, NULL), APP_OK);
		CHECK_INT(plan_find(s, unit, dr.id, &pid), APP_ENOTFOUND);
		store_close(s);
		s = NULL;
	}
	a1[3] = good;
	CHECK_INT(run(&out, &err, 12, a1), 0);
	CHECK_CONTAINS(out, "1 tasks imported");
	free(out);
	free(err);
	char *a2[] = { "giamsat",   "plan",  "export", "--unit", "10183", "--directive",
		       "01-CTr/TU", "--out", xlsx,     "--db",   db };
	CHECK_INT(run(&out, &err, 11, a2), 0);
	free(out);
	free(err);
	{
		struct idoc x;
		CHECK_INT(idoc_read_file(xlsx, &x, &why), APP_OK); /* our own reader reads it back */
		CHECK_STR(x.format, "xlsx");
		bool seen = false;
		for (size_t i = 0; i < x.n; i++)
			if (x.v[i].kind == IDOC_TABLE)
				for (int c = 0; c < x.v[i].nrows * x.v[i].ncols; c++)
					if (strcmp(x.v[i].cells[c], "30/06/2022") == 0)
						seen = true;
		CHECK(seen);
		idoc_release(&x);
	}
	/* .docx: a party document whose task table `plan check` reads back. */
	{
		char *dx = xasprintf("%s/plan.docx", test_tmpdir());
		struct idoc x;
		struct plan_report rep;
		struct arena ra;
		a2[8] = dx;
		CHECK_INT(run(&out, &err, 11, a2), 0);
		free(out);
		free(err);
		CHECK_INT(idoc_read_file(dx, &x, &why), APP_OK);
		CHECK_STR(x.format, "docx");
		arena_init(&ra);
		plan_check(&x, &ra, &rep);
		CHECK_INT(rep.n, 1);
		if (rep.n == 1) {
			CHECK_CONTAINS(rep.tasks[0].content, "Rà soát quy hoạch cán bộ");
			CHECK_STR(rep.tasks[0].lead, "Ban Tổ chức");
			CHECK(!(rep.tasks[0].missing & (1u << PE_DEADLINE)));
		}
		bool kh = false;
		for (size_t i = 0; i < x.n; i++)
			if (x.v[i].kind == IDOC_PARA && strstr(x.v[i].text, "KẾ HOẠCH"))
				kh = true;
		CHECK(kh);
		arena_release(&ra);
		idoc_release(&x);
		free(dx);
	}
	char *a3[] = { "giamsat", "plan", "coverage", "--directive", "01-CTr/TU", "--out", cov, "--db", db };
	CHECK_INT(run(&out, &err, 9, a3), 0);
	CHECK_CONTAINS(out, "0/1");
	CHECK_CONTAINS(out, "10183");
	free(out);
	free(err);

	/* The progress table: CT01 adopted and reported by the commune. */
	{
		char *px = xasprintf("%s/progress.xlsx", test_tmpdir());
		struct value_new v = { .unit_code = "10183", .period = "2021", .value = 87.5 };
		struct indicator ind;
		struct arena ta;
		struct idoc x;
		bool total = false;

		arena_init(&ta);
		CHECK_INT(store_open(db, &s, NULL), APP_OK);
		CHECK_INT(plan_find(s, unit, dr.id, &pid), APP_OK);
		CHECK_INT(indicator_find(s, &ta, dr.id, "CT01", &ind), APP_OK);
		CHECK_INT(plan_adopt(s, NULL, pid, ind.id, true, 90, &why), APP_OK);
		v.indicator_id = ind.id;
		CHECK_INT(progress_set(s, NULL, &v, NULL, &why), APP_OK);
		store_close(s);
		s = NULL;
		char *a6[] = { "giamsat", "plan",  "progress", "--directive", "01-CTr/TU", "--period",
			       "2021",    "--out", px,         "--db",        db };
		CHECK_INT(run(&out, &err, 11, a6), 0);
		CHECK_CONTAINS(out, "CT01");
		CHECK_CONTAINS(out, "87.5 (1 units reporting, 0 meet their target)");
		free(out);
		free(err);
		CHECK_INT(idoc_read_file(px, &x, &why), APP_OK);
		for (size_t i = 0; i < x.n; i++)
			if (x.v[i].kind == IDOC_TABLE)
				for (int c = 0; c < x.v[i].nrows * x.v[i].ncols; c++)
					if (strcmp(x.v[i].cells[c], "Toàn đơn vị") == 0)
						total = true;
		CHECK(total);
		idoc_release(&x);
		arena_release(&ta);
		free(px);
	}
	char *a4[] = { "giamsat", "doc",    "next-number", "--issuer", "TU", "--kind",
		       "ctr",     "--date", "2021-06-01",  "--db",     db };
	CHECK_INT(run(&out, &err, 11, a4), 0);
	CHECK_CONTAINS(out, "02-CTr/TU\t2020-2025");
	free(out);
	free(err);
	a4[6] = "XYZ";
	CHECK_INT(run(&out, &err, 11, a4), 1);
	CHECK(strlen(err) > 0);
	free(out);
	free(err);
	/* doc add / doc indicator from a script. */
	char *a7[] = { "giamsat",
		       "doc",
		       "add",
		       "--issuer",
		       "10183",
		       "--number",
		       "Số: 12-kh/du",
		       "--date",
		       "05/06/2021",
		       "--title",
		       "Kế hoạch thực hiện Chương trình 01-CTr/TU",
		       "--implements",
		       "01-CTr/TU",
		       "--db",
		       db };
	CHECK_INT(run(&out, &err, (int)ARRAY_SIZE(a7), a7), 0);
	CHECK_CONTAINS(out, "12-KH/ĐU\t2020-2025");
	CHECK_CONTAINS(out, "note: ");
	free(out);
	free(err);
	CHECK_INT(run(&out, &err, (int)ARRAY_SIZE(a7), a7), 1); /* the same number again */
	CHECK_CONTAINS(err, "12-kh/du");
	free(out);
	free(err);
	char *a8[] = { "giamsat",     "doc",       "indicator",
		       "--directive", "01-CTr/TU", "--code",
		       "CT02",        "--name",    "Số vụ khiếu nại kéo dài",
		       "--measure",   "vụ",        "--down",
		       "--target",    "0",         "--agg",
		       "sum",         "--kinds",   "commune,district",
		       "--db",        db };
	CHECK_INT(run(&out, &err, (int)ARRAY_SIZE(a8), a8), 0);
	free(out);
	free(err);
	a8[13] = "nhiều";
	a8[6] = "CT03";
	CHECK_INT(run(&out, &err, (int)ARRAY_SIZE(a8), a8), 2);
	free(out);
	free(err);
	char *a9[] = { "giamsat", "doc",  "indicator", "--directive",       "01-CTr/TU",
		       "--code",  "CT04", "--name",    "Không có mục tiêu", "--measure",
		       "%",       "--db", db };
	CHECK_INT(run(&out, &err, (int)ARRAY_SIZE(a9), a9), 1);
	CHECK_CONTAINS(err, "mục tiêu");
	free(out);
	free(err);
	CHECK_INT(store_open(db, &s, NULL), APP_OK);
	{
		struct arena ia;
		struct indicator_list il;
		arena_init(&ia);
		CHECK_INT(indicator_list(s, &ia, dr.id, &il), APP_OK);
		CHECK_INT(il.n, 2);
		if (il.n == 2) {
			CHECK(il.v[1].dir == IND_DOWN);
			CHECK(indicator_applies(&il.v[1], UNIT_COMMUNE));
			CHECK(!indicator_applies(&il.v[1], UNIT_AGENCY));
		}
		arena_release(&ia);
	}
	store_close(s);
	s = NULL;
	char *a5[] = { "giamsat", "doc", "next-number", "--issuer" };
	CHECK_INT(run(&out, &err, 4, a5), 2);
	free(out);
	free(err);
out:
	free(db);
	free(bad);
	free(good);
	free(xlsx);
	free(cov);
}
