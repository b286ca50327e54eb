/*
** Fuzz checking and indexing arbitrary bytes against a small real index:
** any input is either refused with an error or yields a report whose
** passages lie inside the input, never a crash.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reuse/reuse.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static struct reuse_index *ix;

static const char *texts[] = {
	"ĐẢNG CỘNG SẢN VIỆT NAM\nKẾ HOẠCH\nThực hiện Chương trình số 01-CTr/TU ngày 17/3/2021\n\n"
	"1. Tăng cường công tác tuyên truyền, phổ biến, quán triệt các chủ trương của Đảng, chính sách, pháp luật "
	"của Nhà nước đến cán bộ, đảng viên và nhân dân trên địa bàn huyện Thường Tín.\n"
	"2. Ban Tuyên giáo chủ trì, phối hợp với các đơn vị hoàn thành trước ngày 30/6/2025, đạt 100% chỉ tiêu.\n"
	"Nơi nhận:\n- Như trên,\n- Lưu VP.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n",
	"Nâng cao chất lượng sinh hoạt chi bộ, đổi mới phương thức lãnh đạo của cấp ủy, xây dựng tổ chức cơ sở "
	"đảng trong sạch, vững mạnh; thực hiện tốt công tác kiểm tra, giám sát và thi hành kỷ luật đảng.\n",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[REUSE_ERRLEN];
	if (!ix) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-reuse-check-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		log_quiet(true);
		struct reuse_writer *w;
		struct reuse_meta m = { .unit = "TU", .directive = "01-CTr/TU", .kind = REUSE_KIND_DIRECTIVE };
		if (reuse_writer_open(dir, true, &w, err) != APP_OK ||
		    reuse_writer_add(w, "a.txt", texts[0], strlen(texts[0]), &m, err) != APP_OK ||
		    reuse_writer_add(w, "b.txt", texts[1], strlen(texts[1]), NULL, err) != APP_OK ||
		    reuse_writer_commit(w, err) != APP_OK)
			abort();
		reuse_writer_free(w);
		if (reuse_open(dir, &ix, err) != APP_OK)
			abort();
	}
	struct reuse_meta qm = { .unit = "HU", .parent = "TU", .directive = "01-CTr/TU", .kind = REUSE_KIND_PLAN };
	struct reuse_report *r = NULL;
	if (reuse_check(ix, (const char *)data, size, &qm, NULL, &r, err) == APP_OK) {
		for (size_t i = 0; i < r->npassages; i++)
			if (r->passages[i].offset + r->passages[i].length > size || r->passages[i].length == 0)
				abort();
		if (r->share_total < 0 || r->share_total > 1.0001)
			abort();
		char *j = reuse_report_json(r, "fuzz");
		free(j);
		reuse_report_free(r);
	} else if (!err[0]) {
		abort(); /* an error always says why */
	}
	return 0;
}
