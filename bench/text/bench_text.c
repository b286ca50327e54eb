/*
** Throughput of src/text on the shared corpus, one core:
**   make build/bench/text/bench_text && build/bench/text/bench_text [DIR]
** DIR defaults to ../shared/data/corpus. Prints MB/s per function.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"
#include "util/util.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Run fn over the corpus until at least 0.5 s passed; return MB/s. */
#define MEASURE(label, bytes, body)                                                        \
	do {                                                                               \
		double t0 = now(), t;                                                      \
		int reps = 0;                                                              \
		do {                                                                       \
			body;                                                              \
			reps++;                                                            \
		} while ((t = now() - t0) < 0.5);                                          \
		printf("%-34s %8.1f MB/s  (%d runs over %.1f MB)\n", label,                \
		       (double)(bytes) * reps / t / 1e6, reps, (double)(bytes) / 1e6);     \
	} while (0)

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/corpus";
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0, total = 0;
	struct sbuf all;
	char *enc_tcvn, *enc_vni;
	size_t n_tcvn, n_vni;
	volatile size_t sink = 0;

	if (!d) {
		fprintf(stderr, "bench_text: cannot open %s\n", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			names = xrealloc(names, (nn + 1) * sizeof *names);
			names[nn++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	qsort(names, nn, sizeof *names, cmpstr);
	sbuf_init(&all, 0);
	for (size_t i = 0; i < nn; i++) {
		char *data;
		size_t len;
		if (file_read(names[i], 0, &data, &len) == APP_OK) {
			sbuf_add(&all, data, len);
			sbuf_addch(&all, '\n');
			free(data);
		}
		free(names[i]);
	}
	free(names);
	total = all.len;
	printf("corpus: %zu files, %.1f MB\n", nn, (double)total / 1e6);

	MEASURE("text_utf8_valid", total, sink += text_utf8_valid(all.buf, total, NULL));
	MEASURE("text_syllables (NFC input)", total, {
		struct text_syl *v;
		sink += text_syllables(all.buf, total, &v);
		free(v);
	});
	MEASURE("text_decode (UTF-8, NFC)", total, {
		struct text_buf tb;
		text_decode(all.buf, total, TEXT_ENC_UNKNOWN, &tb);
		sink += tb.len;
		text_buf_release(&tb);
	});
	MEASURE("text_normalize", total, {
		size_t ol;
		free(text_normalize(all.buf, total, &ol));
		sink += ol;
	});
	MEASURE("text_nfc", total, {
		size_t ol;
		free(text_nfc(all.buf, total, &ol));
		sink += ol;
	});
	MEASURE("text_fold", total, free(text_fold(all.buf, total)));
	MEASURE("text_sort_key", total, {
		size_t kl;
		free(text_sort_key(all.buf, total, &kl));
		sink += kl;
	});
	text_encode(all.buf, total, TEXT_ENC_TCVN3, &enc_tcvn, &n_tcvn);
	text_encode(all.buf, total, TEXT_ENC_VNI, &enc_vni, &n_vni);
	MEASURE("text_decode (TCVN3, detect)", n_tcvn, {
		struct text_buf tb;
		text_decode(enc_tcvn, n_tcvn, TEXT_ENC_UNKNOWN, &tb);
		sink += tb.len;
		text_buf_release(&tb);
	});
	MEASURE("text_decode (VNI, detect)", n_vni, {
		struct text_buf tb;
		text_decode(enc_vni, n_vni, TEXT_ENC_UNKNOWN, &tb);
		sink += tb.len;
		text_buf_release(&tb);
	});
	MEASURE("text_decode (VNI, hint)", n_vni, {
		struct text_buf tb;
		text_decode(enc_vni, n_vni, TEXT_ENC_VNI, &tb);
		sink += tb.len;
		text_buf_release(&tb);
	});
	free(enc_tcvn);
	free(enc_vni);
	sbuf_release(&all);
	return sink == 42 ? 1 : 0;
}
