/*
** Fuzz the reuse index reader: an index directory whose files are fuzzed
** bytes must be refused with an error (or, when the bytes happen to be a
** consistent index, checked and verified), never crash or read out of
** bounds. The first input byte chooses the file: 0 MANIFEST text, 1 a
** segment (named by a correct MANIFEST, checksums not enforced so the
** structure behind them is reached), 2 a deletion file, 3 a segment with
** checksums enforced.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reuse/internal.h"
#include "reuse/reuse.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const void *p, size_t n)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
}

static void manifest(const char *seg, size_t segsize, const char *del, size_t delsize, unsigned ndel)
{
	struct sbuf m;
	sbuf_init(&m, 0);
	sbuf_addf(&m, "giamsat-reuse-index 1\nids 100 100\n");
	if (seg)
		sbuf_addf(&m, "seg %s %zu %u\n", seg, segsize, 3u);
	if (del)
		sbuf_addf(&m, "del %s %zu %u\n", del, delsize, ndel);
	sbuf_addf(&m, "sum %016llx\n", (unsigned long long)rsum64(m.buf, m.len, 7));
	put("MANIFEST", m.buf, m.len);
	sbuf_release(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[REUSE_ERRLEN];
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-reuse-index-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		log_quiet(true);
	}
	if (size < 1)
		return 0;
	int mode = data[0] % 4;
	data++, size--;
	char path[128];
	snprintf(path, sizeof(path), "%s/seg-00000001.rix", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/del-00000002.bin", dir);
	unlink(path);
	rix_fuzz_skip_sums = mode == 1 || mode == 2;
	if (mode == 0) {
		put("MANIFEST", data, size);
	} else if (mode == 1 || mode == 3) {
		put("seg-00000001.rix", data, size);
		manifest("seg-00000001.rix", size, NULL, 0, 0);
	} else {
		put("del-00000002.bin", data, size);
		manifest(NULL, 0, "del-00000002.bin", size, size > 24 ? (unsigned)((size - 24) / 4) : 0);
	}
	struct reuse_index *ix;
	if (reuse_open(dir, &ix, err) == APP_OK) {
		static const char q[] =
			"Tăng cường công tác tuyên truyền, phổ biến, quán triệt các chủ trương của Đảng, "
			"chính sách, pháp luật của Nhà nước đến cán bộ, đảng viên và nhân dân trên địa bàn.";
		struct reuse_report *r = NULL;
		(void)reuse_verify(ix, err);
		if (reuse_check(ix, q, sizeof(q) - 1, NULL, NULL, &r, err) == APP_OK) {
			char *j = reuse_report_json(r, "q.txt");
			free(j);
			reuse_report_free(r);
		}
		reuse_close(ix);
		/* a writer reads every document record */
		struct reuse_writer *w;
		if (reuse_writer_open(dir, false, &w, err) == APP_OK)
			reuse_writer_free(w);
	}
	rix_fuzz_skip_sums = false;
	return 0;
}
