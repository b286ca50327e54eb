/*
** The cascade demo of issue 3 (demo.h: demo_cascade): the city's real plan
** 310/KH-UBND (data/demo/310-KH-UBND-2025.txt, already a demo document)
** registered as a directive with the five targets that its section II
** "MỤC TIÊU" writes as numbers, each citing its line, and the three
** illustrative commune plans of data/demo (README.md) as implementation
** plans: their tasks read from their text by the same import as `giamsat
** plan import`, the indicators each text actually states (Thạch Thất
** quotes the 5G target with its 100 %; Thường Tín names 5G without a
** figure; Quang Minh none), and a few illustrative progress values and
** task completions, each noted "Dữ liệu mẫu".
**
** Programme 01-CTr/TU's 14 indicators are not listed by any seed, so none
** is invented here.
*/
#include "model/demo.h"

#include "ingest/idoc.h"
#include "model/directive.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/progress.h"

#define SAMPLE "Dữ liệu mẫu: số liệu minh họa, không phải số liệu thật của xã."

/* The targets of 310/KH-UBND, section II (line numbers of data/demo/310-KH-UBND-2025.txt). */
static const struct {
	const char *code, *name, *measure;
	double target;
	enum ind_agg agg;
	int line;
} TARGETS[] = {
	{ "MT01",
	  "Tỷ lệ khu công nghệ cao, khu công nghiệp, cụm công nghiệp có tối thiểu 1 trạm phát sóng 5G "
	  "(đến hết năm 2026)",
	  "%", 100, AGG_RATIO, 47 },
	{ "MT02",
	  "Tỷ lệ nhà đầu tư trong khu công nghệ cao, khu công nghiệp, cụm công nghiệp được tư vấn phát triển "
	  "ứng dụng trên nền tảng mạng 5G riêng tích hợp (đến hết năm 2026)",
	  "%", 100, AGG_RATIO, 49 },
	{ "MT03",
	  "Số dự án thí điểm đầu tư ứng dụng 5G, IoT cho quản lý nhà máy thông minh trong các khu công nghệ "
	  "cao, khu công nghiệp, cụm công nghiệp (tối thiểu, đến hết năm 2026)",
	  "dự án", 2, AGG_SUM, 51 },
	{ "MT04",
	  "Tỷ lệ khu công nghệ cao và khu công nghiệp được ứng dụng phần mềm quản lý hạ tầng đô thị thông "
	  "minh dựa trên nền tảng 5G/IoT (đến năm 2030)",
	  "%", 100, AGG_RATIO, 59 },
	{ "MT05",
	  "Tỷ lệ nhà đầu tư đang hoạt động trong các khu công nghệ cao, khu công nghiệp được tư vấn ứng dụng "
	  "phần mềm quản lý phát triển trên nền tảng mạng 5G riêng và mạng 5G riêng độc lập (đến năm 2030)",
	  "%", 100, AGG_RATIO, 61 },
};

/* The commune plans: file, unit, date; what their text adopts (MT01 only). */
static const struct {
	const char *file, *unit, *date;
	int adopt; /* 0: nothing; 1: MT01 without a number; 2: MT01 at 100 % */
} PLANS[] = {
	{ "plan-08974-quang-minh.txt", "08974", "2025-12-08", 0 },
	{ "plan-10183-thuong-tin.txt", "10183", "2025-12-15", 1 },
	{ "plan-09955-thach-that.txt", "09955", "2025-12-10", 2 },
};

static const char TITLE[] = "Kế hoạch thực hiện Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND Thành phố về "
			    "phát triển hạ tầng 5G, IoT (dữ liệu mẫu)";

static enum app_err import_plan(struct store *s, const char *data_dir, size_t i, int64_t dir, int64_t *plan_id,
				const char **why)
{
	char *path = xasprintf("%s/demo/%s", data_dir, PLANS[i].file);
	struct idoc d;
	struct plan_new pn = { .unit_code = PLANS[i].unit,
			       .directive_id = dir,
			       .title = TITLE,
			       .plan_date = PLANS[i].date,
			       .demo = true };
	struct plan_import_error err;
	size_t ntasks = 0;
	const char *w = NULL;
	enum app_err e = idoc_read_file(path, &d, &w);

	free(path);
	if (e != APP_OK) {
		*why = "cannot read a demo plan in DATA/demo";
		return e;
	}
	memset(&err, 0, sizeof(err));
	e = plan_import(s, NULL, &pn, &d, plan_id, &ntasks, NULL, NULL, &err);
	idoc_release(&d);
	if (e != APP_OK) {
		log_error("demo", "plan=%s error=\"%s\"", PLANS[i].file, err.vi[0] ? err.vi : app_err_name(e));
		*why = "cannot import a demo plan";
	}
	return e;
}

enum app_err demo_cascade(struct store *s, const char *data_dir, const char **why)
{
	struct arena a;
	int64_t dir = 0, ind[ARRAY_SIZE(TARGETS)], plan[ARRAY_SIZE(PLANS)];
	const char *w = NULL;
	enum app_err e;

	arena_init(&a);
	if ((e = directive_find(s, "310/KH-UBND", &dir)) != APP_OK) {
		*why = "the demo has no plan 310/KH-UBND to register";
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(TARGETS); i++) {
		struct indicator_new n = { .directive_id = dir,
					   .code = TARGETS[i].code,
					   .name = TARGETS[i].name,
					   .measure = TARGETS[i].measure,
					   .dir = IND_UP,
					   .has_target = true,
					   .target = TARGETS[i].target,
					   .period = PER_YEAR,
					   .agg = TARGETS[i].agg,
					   .scale = TARGETS[i].agg == AGG_RATIO ? 100 : 0,
					   .kinds = 1u << UNIT_COMMUNE };
		if ((e = indicator_add(s, &n, &ind[i], &w)) != APP_OK) {
			log_error("demo", "indicator=%s error=\"%s\"", TARGETS[i].code, w ? w : app_err_name(e));
			*why = "cannot add an indicator of 310/KH-UBND";
			goto out;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(PLANS); i++) {
		if ((e = import_plan(s, data_dir, i, dir, &plan[i], why)) != APP_OK)
			goto out;
		if (PLANS[i].adopt &&
		    (e = plan_adopt(s, NULL, plan[i], ind[0], PLANS[i].adopt == 2, 100, &w)) != APP_OK) {
			*why = "cannot adopt a demo indicator";
			goto out;
		}
	}
	/* Thạch Thất: the survey done before its deadline, the licensing support after it (illustrative) */
	{
		struct plan pl;
		if ((e = plan_get(s, &a, plan[2], &pl)) != APP_OK)
			goto out;
		if (pl.ntasks >= 2 && ((e = plan_task_done(s, NULL, pl.tasks[0].id, "2026-03-20", &w)) != APP_OK ||
				       (e = plan_task_done(s, NULL, pl.tasks[1].id, "2026-07-10", &w)) != APP_OK)) {
			*why = "cannot mark a demo task done";
			goto out;
		}
	}
	/* sample values of MT01: parks with a 5G station out of the commune's parks */
	{
		static const struct {
			const char *unit, *period;
			double num, den;
		} V[] = {
			{ "09955", "2025", 0, 2 },
			{ "09955", "2026", 1, 2 },
			{ "10183", "2026", 1, 3 },
		};
		for (size_t i = 0; i < ARRAY_SIZE(V); i++) {
			struct value_new v = { .indicator_id = ind[0],
					       .unit_code = V[i].unit,
					       .period = V[i].period,
					       .has_ratio = true,
					       .num = V[i].num,
					       .den = V[i].den,
					       .note = SAMPLE };
			if ((e = progress_set(s, NULL, &v, NULL, &w)) != APP_OK) {
				log_error("demo", "value=%zu error=\"%s\"", i, w ? w : app_err_name(e));
				*why = "cannot add a demo value";
				goto out;
			}
		}
	}
out:
	arena_release(&a);
	return e;
}
