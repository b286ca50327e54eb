/*
** Roll-up, task status and coverage at scale, on either engine:
**   make build/bench/cascade/bench_rollup
**   build/bench/cascade/bench_rollup DB [DISTRICTS COMMUNES PERIODS TASKS]
** DB is a new SQLite file or a postgresql:// URL of an empty schema.
** Defaults: 30 districts x 116 communes (3,511 units), 8 quarterly periods,
** 10 tasks per commune. Loads through the model API (in transactions),
** then times, best of at least 5 runs: one progress_rollup at the root per
** period (sum and ratio), progress_rollup_children at the root,
** progress_task_status at the root, coverage_city.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/coverage.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define MEASURE(label, body)                                                      \
	do {                                                                      \
		double m0_ = now(), best = 1e9;                                   \
		int reps = 0;                                                     \
		do {                                                              \
			double t1 = now(), dt;                                    \
			body;                                                     \
			dt = now() - t1;                                          \
			if (dt < best)                                            \
				best = dt;                                        \
			reps++;                                                   \
		} while (reps < 5 || now() - m0_ < 1.0);                          \
		printf("%-44s %9.2f ms (best of %d)\n", label, best * 1e3, reps); \
	} while (0)

static void die(const char *what, enum app_err e, const char *why)
{
	fprintf(stderr, "bench_rollup: %s: %s %s\n", what, app_err_name(e), why ? why : "");
	exit(1);
}

static int arg(int argc, char **argv, int i, int def)
{
	int64_t v;
	return argc > i && parse_int64(argv[i], &v) && v > 0 && v < 1000000 ? (int)v : def;
}

static struct conn *C(struct store *s)
{
	return store_conn(s);
}

int main(int argc, char **argv)
{
	int nd = arg(argc, argv, 2, 30), nc = arg(argc, argv, 3, 116), np = arg(argc, argv, 4, 8),
	    nt = arg(argc, argv, 5, 10);
	struct store *s = NULL;
	struct directive_new d = { .unit_code = "TU",
				   .number = "01-CTr/TU",
				   .doc_date = "2021-03-17",
				   .title = "Chương trình 01-CTr/TU",
				   .period_to = "2030-12-31" };
	struct directive_result dr;
	struct indicator_new in_sum = { .code = "KN",
					.name = "Kết nạp đảng viên",
					.measure = "người",
					.has_target = true,
					.target = 5,
					.period = PER_QUARTER,
					.agg = AGG_SUM };
	struct indicator_new in_ratio = { .code = "SH",
					  .name = "Tỷ lệ chi bộ sinh hoạt định kỳ",
					  .measure = "%",
					  .has_target = true,
					  .target = 95,
					  .period = PER_QUARTER,
					  .agg = AGG_RATIO,
					  .scale = 100 };
	struct unit_new root = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	int64_t sum_id, ratio_id, root_id, units = 1, values = 0, tasks = 0;
	char *msg = NULL;
	const char *why = NULL;
	enum app_err e;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_rollup DB [DISTRICTS COMMUNES PERIODS TASKS]\n");
		return 2;
	}
	log_quiet(true);
	if ((e = store_open(argv[1], &s, &msg)) != APP_OK)
		die(msg ? msg : "open", e, NULL);
	if ((e = store_migrate(s, NULL)) != APP_OK)
		die("migrate", e, NULL);
	t0 = now();
	if ((e = unit_add(s, &root, &root_id, &why)) != APP_OK)
		die("root", e, why);
	if ((e = directive_add(s, &d, &dr, &why)) != APP_OK)
		die("directive", e, why);
	in_sum.directive_id = in_ratio.directive_id = dr.id;
	if ((e = indicator_add(s, &in_sum, &sum_id, &why)) != APP_OK ||
	    (e = indicator_add(s, &in_ratio, &ratio_id, &why)) != APP_OK)
		die("indicator", e, why);
	for (int i = 0; i < nd; i++) {
		char dcode[32], dname[64];
		struct unit_new du = { .code = dcode, .name = dname, .kind = UNIT_DISTRICT, .parent_code = "TU" };

		snprintf(dcode, sizeof(dcode), "D%03d", i);
		snprintf(dname, sizeof(dname), "Huyện ủy số %d", i);
		if ((e = conn_begin(C(s))) != APP_OK || (e = unit_add(s, &du, NULL, &why)) != APP_OK)
			die("district", e, why);
		units++;
		for (int j = 0; j < nc; j++) {
			char code[32], name[64], period[16];
			struct unit_new cu = { .code = code, .name = name, .kind = UNIT_COMMUNE, .parent_code = dcode };
			struct plan_new pn = {
				.unit_code = code, .directive_id = dr.id, .title = "Kế hoạch", .plan_date = "2021-01-01"
			};
			int64_t pid;

			snprintf(code, sizeof(code), "X%03d%03d", i, j);
			snprintf(name, sizeof(name), "Đảng ủy xã %d-%d", i, j);
			if ((e = unit_add(s, &cu, NULL, &why)) != APP_OK ||
			    (e = plan_create(s, NULL, &pn, &pid, &why)) != APP_OK ||
			    (e = plan_adopt(s, NULL, pid, sum_id, true, 5, &why)) != APP_OK ||
			    ((i + j) % 3 && (e = plan_adopt(s, NULL, pid, ratio_id, true, 95, &why)) != APP_OK))
				die("commune", e, why);
			units++;
			for (int p = 0; p < np; p++) {
				struct value_new v = { .indicator_id = sum_id,
						       .unit_code = code,
						       .period = period,
						       .value = (i * 7 + j * 3 + p) % 11 };
				snprintf(period, sizeof(period), "%04d-Q%d", 2021 + p / 4, p % 4 + 1);
				if ((e = progress_set(s, NULL, &v, NULL, &why)) != APP_OK)
					die("value", e, why);
				values++;
				if ((i + j) % 3) {
					struct value_new r = { .indicator_id = ratio_id,
							       .unit_code = code,
							       .period = period,
							       .has_ratio = true,
							       .num = (double)((i + j + p) % 10),
							       .den = 10 };
					if ((e = progress_set(s, NULL, &r, NULL, &why)) != APP_OK)
						die("ratio", e, why);
					values++;
				}
			}
			for (int t = 0; t < nt; t++) {
				char dl[11], done[11];
				struct task_new tn = { .content = "Nhiệm vụ",
						       .lead = t % 2 ? "Văn phòng" : "Ban Tổ chức",
						       .deadline = dl,
						       .done_date = (t + j) % 3 ? done : NULL };
				snprintf(dl, sizeof(dl), "202%d-%02d-28", 1 + t % 4, 1 + (t * 5 + j) % 12);
				snprintf(done, sizeof(done), "202%d-%02d-15", 1 + t % 4, 1 + (t * 5 + j + t % 2) % 12);
				if ((e = plan_add_task(s, NULL, pid, &tn, NULL, &why)) != APP_OK)
					die("task", e, why);
				tasks++;
			}
		}
		if ((e = conn_commit(C(s))) != APP_OK)
			die("commit", e, NULL);
	}
	store_analyze(s);
	printf("engine %s: %lld units, %lld values, %lld tasks loaded in %.1f s\n",
	       store_engine(s) == STORE_SQLITE ? "sqlite" : "postgresql", (long long)units, (long long)values,
	       (long long)tasks, now() - t0);

	struct rollup r;
	struct task_status_counts c;
	char label[64], period[16];
	for (int p = 0; p < np; p++) {
		snprintf(period, sizeof(period), "%04d-Q%d", 2021 + p / 4, p % 4 + 1);
		if (progress_rollup(s, sum_id, root_id, period, &r) != APP_OK || r.reporting == 0)
			die("rollup", APP_EINTERNAL, NULL);
	}
	MEASURE("rollup sum at root, all periods", {
		for (int p = 0; p < np; p++) {
			snprintf(period, sizeof(period), "%04d-Q%d", 2021 + p / 4, p % 4 + 1);
			progress_rollup(s, sum_id, root_id, period, &r);
		}
	});
	snprintf(label, sizeof(label), "  per roll-up (%d units reporting)", (int)r.reporting);
	MEASURE(label, progress_rollup(s, sum_id, root_id, "2021-Q1", &r));
	MEASURE("rollup ratio at root, one period", progress_rollup(s, ratio_id, root_id, "2021-Q1", &r));
	MEASURE("rollup sum at one district, one period", {
		struct arena a;
		struct unit u;
		arena_init(&a);
		unit_get_by_code(s, &a, "D000", &u);
		progress_rollup(s, sum_id, u.id, "2021-Q1", &r);
		arena_release(&a);
	});
	MEASURE("rollup of each district's subtree (1 query)", {
		struct arena a;
		struct rollup_children k;
		arena_init(&a);
		progress_rollup_children(s, &a, sum_id, root_id, "2021-Q1", &k);
		arena_release(&a);
	});
	MEASURE("task status (4 states) at root as of 2023-06-30", progress_task_status(s, root_id, "2023-06-30", &c));
	printf("  %lld tasks: %lld on time, %lld late, %lld within, %lld overdue\n", (long long)c.total,
	       (long long)c.n[TS_DONE_ON_TIME], (long long)c.n[TS_DONE_LATE], (long long)c.n[TS_OPEN_WITHIN],
	       (long long)c.n[TS_OVERDUE]);
	MEASURE("task status of each district (1 query)", {
		struct arena a;
		struct task_status_children k;
		arena_init(&a);
		progress_task_status_children(s, &a, root_id, "2023-06-30", &k);
		arena_release(&a);
	});
	MEASURE("coverage_city (every unit, worst first)", {
		struct arena a;
		struct coverage_list l;
		arena_init(&a);
		coverage_city(s, &a, dr.id, 0, &l);
		arena_release(&a);
	});
	size_t nkids = 0;
	MEASURE("coverage_children (the city's districts)", {
		struct arena a;
		struct coverage_list l;
		arena_init(&a);
		if (coverage_children(s, &a, dr.id, 0, &l) != APP_OK)
			die("coverage_children", APP_EINTERNAL, NULL);
		nkids = l.n;
		arena_release(&a);
	});
	printf("  %zu districts listed\n", nkids);
	store_close(s);
	free(msg);
	return 0;
}
