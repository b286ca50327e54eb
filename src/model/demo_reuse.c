/*
** Demo documents for copy detection (data/demo, see its README): the city's
** real plan 310/KH-UBND and three illustrative commune plans implementing
** it, registered as demo documents so the plan page has something to show.
*/
#include "util/util.h"
#include "model/demo.h"

#include "model/doc.h"

static const struct {
	const char *file, *unit, *kind, *number, *date, *title, *source;
} DEMO_PLANS[] = {
	{ "310-KH-UBND-2025.txt", DEMO_ROOT_CODE, "KH", "310/KH-UBND", "2025-11-24",
	  "Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao, khu công nghiệp, cụm công nghiệp trên "
	  "địa bàn thành phố Hà Nội đến năm 2030 (Ủy ban nhân dân Thành phố)",
	  "Văn bản thật: Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố Hà Nội "
	  "(data/demo/310-KH-UBND-2025.txt)" },
	{ "plan-08974-quang-minh.txt", "08974", "KH", "15-KH/ĐU", "2025-12-08",
	  "Kế hoạch thực hiện Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND Thành phố về phát triển hạ "
	  "tầng 5G, IoT",
	  "Kế hoạch minh họa, viết cho dữ liệu mẫu: sao chép gần như nguyên văn kế hoạch của Thành phố "
	  "(data/demo/README.md)" },
	{ "plan-10183-thuong-tin.txt", "10183", "KH", "21-KH/ĐU", "2025-12-15",
	  "Kế hoạch thực hiện Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND Thành phố về phát triển hạ "
	  "tầng 5G, IoT",
	  "Kế hoạch minh họa, viết cho dữ liệu mẫu: sao chép kế hoạch của xã Quang Minh "
	  "(data/demo/README.md)" },
	{ "plan-09955-thach-that.txt", "09955", "KH", "18-KH/ĐU", "2025-12-10",
	  "Kế hoạch thực hiện Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND Thành phố về phát triển hạ "
	  "tầng 5G, IoT",
	  "Kế hoạch minh họa, viết cho dữ liệu mẫu: xây dựng riêng cho xã, nhiệm vụ rõ người, rõ việc "
	  "(data/demo/README.md)" },
};

enum app_err demo_reuse_docs(struct store *s, const char *data_dir, int64_t *ndocs, const char **why)
{
	*ndocs = 0;
	for (size_t i = 0; i < ARRAY_SIZE(DEMO_PLANS); i++) {
		char *path = xasprintf("%s/demo/%s", data_dir, DEMO_PLANS[i].file), *body;
		size_t len;
		const char *w = NULL;
		enum app_err e = file_read(path, 8 << 20, &body, &len);
		struct doc_new d = { DEMO_PLANS[i].unit,   DEMO_PLANS[i].kind,
				     DEMO_PLANS[i].number, DEMO_PLANS[i].date,
				     DEMO_PLANS[i].title,  NULL,
				     DEMO_PLANS[i].source, true };

		free(path);
		if (e != APP_OK) {
			*why = "cannot read the documents in DATA/demo";
			return e;
		}
		d.body = body;
		e = doc_add(s, &d, NULL, &w);
		free(body);
		if (e != APP_OK) {
			log_error("demo", "file=%s error=\"%s\"", DEMO_PLANS[i].file, w ? w : app_err_name(e));
			*why = "cannot add a demo plan from DATA/demo";
			return e;
		}
		(*ndocs)++;
	}
	return APP_OK;
}
