/*
** The on-disk index: segments, MANIFEST, deletions, lock; the writer and the
** reader. Format in docs/reuse.md. All integers little-endian (the engine
** refuses to open an index on a big-endian host).
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reuse/internal.h"

#define SEG_MAGIC "GSRIXSG1"
#define SEG_VERSION 3
#define SEG_HDR 256
#define BLK 4096u       /* checksummed block */
#define TOPN 512u       /* block checksums per second-level checksum */
#define WBUF (1u << 20) /* write buffer, a multiple of BLK */
#define MAN_MAGIC "giamsat-reuse-index 1"
#define DEL_MAGIC "GSRIXDL1"
#define MERGE_AT 8
#define SEG_FLUSH_BYTES (512u << 20)
#define PART_ENT ((uint64_t)1 << 25) /* postings sorted in memory at once (x16 bytes) */

enum { S_FWD, S_DOCS, S_STR, S_BUCK, S_POST, S_META, S_N };

struct seg_hdr {
	char magic[8];
	uint32_t version, k, w, bucket_bits;
	uint32_t ndocs, nblocks;
	uint64_t nentries;
	uint64_t sec_off[S_N], sec_len[S_N];
	uint64_t crc_off, file_len, crc_sum;
	uint64_t hdr_sum;
};

struct seg_doc {
	uint32_t id, ntok;
	uint64_t keys_off, map_off;
	uint32_t map_len, str_off;
	uint64_t byte_len;
	uint8_t hash[16];
	int32_t year;
	uint8_t kind, pad[3];
};

struct seg_meta {
	uint64_t h;
	uint32_t local, pad;
};

_Static_assert(sizeof(struct seg_hdr) <= SEG_HDR, "header");
_Static_assert(sizeof(struct seg_doc) == 64, "doc record");

const char *reuse_crash_point;
bool rix_fuzz_skip_sums;
uint64_t rix_flush_bytes = SEG_FLUSH_BYTES;

static void crash_if(const char *point)
{
	if (reuse_crash_point && strcmp(reuse_crash_point, point) == 0)
		_exit(9);
}

/* ---------------------------------------------------------------- reader */

struct rseg {
	char *file;
	uint8_t *map;
	size_t size;
	struct seg_hdr h;
	const uint64_t *crcs, *top; /* per block; per TOPN blocks (checked at open) */
	_Atomic uint8_t *ok;        /* per block: 1 once its checksum matched */
	_Atomic uint8_t *ok_top;    /* per TOPN blocks: 1 once their checksums matched */
};

struct reuse_index {
	char *dir;
	struct rseg *segs;
	size_t nsegs;
	uint32_t *del;
	size_t ndel;
	size_t live;
	uint32_t next_id, next_file;
	char err[REUSE_ERRLEN];
};

void rix_seterr(struct reuse_index *ix, char err[REUSE_ERRLEN])
{
	snprintf(err, REUSE_ERRLEN, "%s", ix->err);
}

static enum app_err corrupt(struct reuse_index *ix, const struct rseg *s, const char *what)
{
	snprintf(ix->err, sizeof(ix->err), "index corrupted: %s/%s: %s", ix->dir, s ? s->file : "MANIFEST", what);
	return APP_ECORRUPT;
}

/* Make sure bytes [off, off+len) of s are inside the data and checksummed. */
static enum app_err seg_need(struct reuse_index *ix, struct rseg *s, uint64_t off, uint64_t len)
{
	if (off < SEG_HDR || off > s->h.crc_off || len > s->h.crc_off - off)
		return corrupt(ix, s, "reference out of bounds");
	if (len == 0)
		return APP_OK;
	uint64_t b0 = (off - SEG_HDR) / BLK, b1 = (off + len - 1 - SEG_HDR) / BLK;
	for (uint64_t b = b0; b <= b1; b++) {
		if (atomic_load_explicit(&s->ok[b], memory_order_relaxed))
			continue;
		uint64_t c = b / TOPN;
		if (!atomic_load_explicit(&s->ok_top[c], memory_order_relaxed)) {
			uint64_t nb = s->h.nblocks - c * TOPN < TOPN ? s->h.nblocks - c * TOPN : TOPN;
			if (rsum64(s->crcs + c * TOPN, nb * 8, c + 1000) != s->top[c] && !rix_fuzz_skip_sums)
				return corrupt(ix, s, "checksum table mismatch");
			atomic_store_explicit(&s->ok_top[c], 1, memory_order_relaxed);
		}
		uint64_t a = SEG_HDR + b * BLK, e = a + BLK;
		if (e > s->h.crc_off)
			e = s->h.crc_off;
		if (rsum64(s->map + a, e - a, b) != s->crcs[b] && !rix_fuzz_skip_sums)
			return corrupt(ix, s, "block checksum mismatch");
		atomic_store_explicit(&s->ok[b], 1, memory_order_relaxed);
	}
	return APP_OK;
}

static void seg_close(struct rseg *s)
{
	if (s->map)
		munmap(s->map, s->size);
	free(s->file);
	free((void *)s->ok);
	free((void *)s->ok_top);
}

static enum app_err seg_open(struct reuse_index *ix, const char *file, uint64_t want_size, struct rseg *s)
{
	char *path = xasprintf("%s/%s", ix->dir, file);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	memset(s, 0, sizeof(*s));
	s->file = xstrdup(file);
	free(path);
	if (fd < 0) {
		snprintf(ix->err, sizeof(ix->err), "index corrupted: %s/%s: %s", ix->dir, file, strerror(errno));
		return errno == ENOENT ? APP_ENOTFOUND : APP_EIO;
	}
	if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != want_size || st.st_size < SEG_HDR) {
		close(fd);
		return corrupt(ix, s, "size differs from MANIFEST (truncated?)");
	}
	s->size = (size_t)st.st_size;
	s->map = mmap(NULL, s->size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		snprintf(ix->err, sizeof(ix->err), "cannot map %s/%s: %s", ix->dir, file, strerror(errno));
		return APP_EIO;
	}
	memcpy(&s->h, s->map, sizeof(s->h));
	const struct seg_hdr *h = &s->h;
	if (memcmp(h->magic, SEG_MAGIC, 8) != 0)
		return corrupt(ix, s, "not a segment file");
	if (rsum64(&s->h, offsetof(struct seg_hdr, hdr_sum), 0) != h->hdr_sum && !rix_fuzz_skip_sums)
		return corrupt(ix, s, "header checksum mismatch");
	if (h->version != SEG_VERSION || h->k != RK || h->w != RW)
		return corrupt(ix, s, "unsupported segment version or parameters");
	uint64_t ntop = ((uint64_t)h->nblocks + TOPN - 1) / TOPN;
	if (h->file_len != s->size || h->crc_off < SEG_HDR || h->crc_off > s->size ||
	    s->size - h->crc_off != ((uint64_t)h->nblocks + ntop) * 8 ||
	    h->nblocks != (h->crc_off - SEG_HDR + BLK - 1) / BLK || h->bucket_bits > 28)
		return corrupt(ix, s, "inconsistent header");
	for (int i = 0; i < S_N; i++)
		if (h->sec_off[i] < SEG_HDR || h->sec_off[i] > h->crc_off ||
		    h->sec_len[i] > h->crc_off - h->sec_off[i] || h->sec_off[i] % 8)
			return corrupt(ix, s, "section out of bounds");
	if (h->sec_len[S_DOCS] != (uint64_t)h->ndocs * sizeof(struct seg_doc) ||
	    h->sec_len[S_BUCK] != (((uint64_t)1 << h->bucket_bits) + 1) * 4 ||
	    h->sec_len[S_META] % sizeof(struct seg_meta))
		return corrupt(ix, s, "inconsistent section sizes");
	s->crcs = (const uint64_t *)(s->map + h->crc_off);
	s->top = s->crcs + h->nblocks;
	if (rsum64(s->top, (size_t)ntop * 8, 1) != h->crc_sum && !rix_fuzz_skip_sums)
		return corrupt(ix, s, "checksum table mismatch");
	s->ok = xcalloc(h->nblocks + 1, 1);
	s->ok_top = xcalloc(ntop + 1, 1);
	return APP_OK;
}

static bool host_le(void)
{
	uint16_t x = 1;
	uint8_t b;
	memcpy(&b, &x, 1);
	return b == 1;
}

struct man_seg {
	char file[64];
	uint64_t size;
	uint32_t ndocs;
};

struct manifest {
	uint32_t next_id, next_file;
	struct man_seg *segs;
	size_t nsegs;
	char del[64];
	uint64_t del_size;
	uint32_t ndel;
};

static enum app_err man_read(struct reuse_index *ix, struct manifest *m)
{
	char *path = xasprintf("%s/MANIFEST", ix->dir), *data = NULL;
	size_t len;
	enum app_err e = file_read(path, 16u << 20, &data, &len);
	memset(m, 0, sizeof(*m));
	free(path);
	if (e == APP_ENOTFOUND || (e != APP_OK && errno == ENOENT)) {
		struct stat st;
		if (stat(ix->dir, &st) != 0)
			snprintf(ix->err, sizeof(ix->err), "index directory %s does not exist", ix->dir);
		else
			snprintf(ix->err, sizeof(ix->err), "%s is not a reuse index (no MANIFEST)", ix->dir);
		return APP_ENOTFOUND;
	}
	if (e != APP_OK) {
		snprintf(ix->err, sizeof(ix->err), "cannot read %s/MANIFEST", ix->dir);
		free(data);
		return e == APP_ETOOBIG ? corrupt(ix, NULL, "too large") : APP_EIO;
	}
	/* last line: "sum HEX\n" over everything before it */
	char *sum = len >= 22 ? data + len - 21 : NULL;
	unsigned long long want;
	if (!sum || sum[-1] != '\n' || strncmp(sum, "sum ", 4) != 0 || data[len - 1] != '\n' ||
	    sscanf(sum + 4, "%16llx", &want) != 1 || rsum64(data, (size_t)(sum - data), 7) != want) {
		free(data);
		return corrupt(ix, NULL, "checksum mismatch or truncated");
	}
	*sum = 0;
	char *save = NULL, *line = strtok_r(data, "\n", &save);
	if (!line || strcmp(line, MAN_MAGIC) != 0) {
		free(data);
		return corrupt(ix, NULL, "unknown format");
	}
	size_t cap = 0;
	while ((line = strtok_r(NULL, "\n", &save))) {
		unsigned a, b;
		unsigned long long sz;
		char f[64];
		if (sscanf(line, "ids %u %u", &a, &b) == 2) {
			m->next_id = a;
			m->next_file = b;
		} else if (sscanf(line, "seg %63s %llu %u", f, &sz, &a) == 3) {
			if (m->nsegs == cap) {
				cap = cap ? cap * 2 : 8;
				m->segs = xrealloc(m->segs, cap * sizeof(*m->segs));
			}
			snprintf(m->segs[m->nsegs].file, sizeof(m->segs[0].file), "%s", f);
			m->segs[m->nsegs].size = sz;
			m->segs[m->nsegs++].ndocs = a;
		} else if (sscanf(line, "del %63s %llu %u", f, &sz, &a) == 3) {
			snprintf(m->del, sizeof(m->del), "%s", f);
			m->del_size = sz;
			m->ndel = a;
		} else {
			free(data);
			free(m->segs);
			m->segs = NULL;
			return corrupt(ix, NULL, "bad line");
		}
	}
	free(data);
	for (size_t i = 0; i < m->nsegs; i++)
		if (strchr(m->segs[i].file, '/') || strncmp(m->segs[i].file, "seg-", 4) != 0) {
			free(m->segs);
			m->segs = NULL;
			return corrupt(ix, NULL, "bad file name");
		}
	if (m->del[0] && (strchr(m->del, '/') || strncmp(m->del, "del-", 4) != 0)) {
		free(m->segs);
		m->segs = NULL;
		return corrupt(ix, NULL, "bad file name");
	}
	return APP_OK;
}

static enum app_err del_read(struct reuse_index *ix, const struct manifest *m)
{
	if (!m->del[0])
		return APP_OK;
	char *path = xasprintf("%s/%s", ix->dir, m->del), *data = NULL;
	size_t len;
	enum app_err e = file_read(path, (size_t)m->ndel * 4 + 64, &data, &len);
	free(path);
	struct rseg fake = { .file = (char *)m->del };
	if (e != APP_OK) {
		free(data);
		return corrupt(ix, &fake, "missing or too large");
	}
	uint64_t sum;
	if (len != m->del_size || len != 16 + (size_t)m->ndel * 4 + 8 || memcmp(data, DEL_MAGIC, 8) != 0) {
		free(data);
		return corrupt(ix, &fake, "size differs from MANIFEST (truncated?)");
	}
	memcpy(&sum, data + len - 8, 8);
	if (rsum64(data, len - 8, 3) != sum && !rix_fuzz_skip_sums) {
		free(data);
		return corrupt(ix, &fake, "checksum mismatch");
	}
	ix->del = xmalloc((size_t)m->ndel * 4 + 4);
	memcpy(ix->del, data + 16, (size_t)m->ndel * 4);
	ix->ndel = m->ndel;
	free(data);
	for (size_t i = 1; i < ix->ndel; i++)
		if (ix->del[i] <= ix->del[i - 1])
			return corrupt(ix, &fake, "not sorted");
	return APP_OK;
}

void reuse_close(struct reuse_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nsegs; i++)
		seg_close(&ix->segs[i]);
	free(ix->segs);
	free(ix->del);
	free(ix->dir);
	free(ix);
}

static enum app_err open_once(const char *dir, struct reuse_index **out)
{
	struct reuse_index *ix = xcalloc(1, sizeof(*ix));
	struct manifest m;
	enum app_err e;
	ix->dir = xstrdup(dir);
	*out = ix;
	if (!host_le()) {
		snprintf(ix->err, sizeof(ix->err), "the reuse index needs a little-endian host");
		return APP_EINTERNAL;
	}
	if ((e = man_read(ix, &m)) != APP_OK)
		return e;
	ix->next_id = m.next_id;
	ix->next_file = m.next_file;
	ix->segs = xcalloc(m.nsegs + 1, sizeof(*ix->segs));
	size_t total = 0;
	for (size_t i = 0; i < m.nsegs; i++) {
		e = seg_open(ix, m.segs[i].file, m.segs[i].size, &ix->segs[i]);
		ix->nsegs++;
		if (e != APP_OK)
			goto out;
		if (ix->segs[i].h.ndocs != m.segs[i].ndocs) {
			e = corrupt(ix, &ix->segs[i], "document count differs from MANIFEST");
			goto out;
		}
		total += m.segs[i].ndocs;
	}
	if ((e = del_read(ix, &m)) != APP_OK)
		goto out;
	ix->live = total >= ix->ndel ? total - ix->ndel : 0;
out:
	free(m.segs);
	return e;
}

enum app_err reuse_open(const char *dir, struct reuse_index **out, char err[REUSE_ERRLEN])
{
	enum app_err e = APP_OK;
	*out = NULL;
	/* a writer may remove old files between our MANIFEST read and open(): retry */
	for (int tries = 0; tries < 5; tries++) {
		struct reuse_index *ix;
		e = open_once(dir, &ix);
		if (e == APP_OK) {
			*out = ix;
			return APP_OK;
		}
		rix_seterr(ix, err);
		reuse_close(ix);
		if (e != APP_ENOTFOUND || tries == 4)
			break;
		struct stat st;
		char *p = xasprintf("%s/MANIFEST", dir);
		int r = stat(p, &st);
		free(p);
		if (r != 0)
			break;
		usleep(20000);
	}
	return e;
}

size_t reuse_doc_count(const struct reuse_index *ix)
{
	return ix->live;
}

size_t rix_nsegs(const struct reuse_index *ix)
{
	return ix->nsegs;
}

size_t rix_seg_ndocs(const struct reuse_index *ix, size_t seg)
{
	return ix->segs[seg].h.ndocs;
}

bool rix_deleted(const struct reuse_index *ix, uint32_t id)
{
	size_t lo = 0, hi = ix->ndel;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->del[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->ndel && ix->del[lo] == id;
}

enum app_err rix_lookup(struct reuse_index *ix, size_t segi, uint32_t h, uint32_t limit, uint32_t **docs, size_t *cap,
			size_t *n)
{
	struct rseg *s = &ix->segs[segi];
	const struct seg_hdr *hd = &s->h;
	enum app_err e;
	*n = 0;
	if (hd->nentries == 0)
		return APP_OK;
	uint32_t bb = hd->bucket_bits;
	uint64_t b = bb ? h >> (32 - bb) : 0;
	uint64_t boff = hd->sec_off[S_BUCK] + b * 4;
	if ((e = seg_need(ix, s, boff, 8)) != APP_OK)
		return e;
	uint32_t a, z;
	memcpy(&a, s->map + boff, 4);
	memcpy(&z, s->map + boff + 4, 4);
	if (a > z || z > hd->sec_len[S_POST])
		return corrupt(ix, s, "bad bucket");
	if ((e = seg_need(ix, s, hd->sec_off[S_POST] + a, z - a)) != APP_OK)
		return e;
	const uint8_t *p = s->map + hd->sec_off[S_POST] + a, *end = s->map + hd->sec_off[S_POST] + z;
	uint64_t cur = bb ? b << (32 - bb) : 0;
	while (p < end) {
		uint64_t v, cnt, d, nbytes = 0;
		size_t r = rvget(p, end, &v);
		if (!r)
			return corrupt(ix, s, "bad postings");
		p += r;
		cur += v >> 2;
		cnt = (v & 3) + 1;
		if ((v & 3) == 3) {
			/* long list: count, then its byte length so that it can be skipped */
			if (!(r = rvget(p, end, &d)))
				return corrupt(ix, s, "bad postings");
			p += r;
			cnt = d + 4;
			if (!(r = rvget(p, end, &nbytes)) || nbytes > (uint64_t)(end - p - r))
				return corrupt(ix, s, "bad postings");
			p += r;
		}
		if (cur > 0xffffffffu || cnt > hd->ndocs)
			return corrupt(ix, s, "bad postings");
		if (cur > h)
			break;
		bool hit = cur == h;
		if (nbytes && (!hit || cnt > limit)) {
			p += nbytes;
			if (hit) {
				*n = cnt; /* over the caller's limit: counted, not decoded */
				break;
			}
			continue;
		}
		uint64_t doc = 0;
		if (hit && *cap < cnt) {
			*cap = cnt + 64;
			*docs = xrealloc(*docs, *cap * sizeof(uint32_t));
		}
		for (uint64_t i = 0; i < cnt; i++) {
			if (!(r = rvget(p, end, &d)))
				return corrupt(ix, s, "bad postings");
			p += r;
			doc += d;
			if (hit) {
				if (doc >= hd->ndocs)
					return corrupt(ix, s, "bad postings");
				(*docs)[(*n)++] = (uint32_t)doc;
			}
		}
		if (hit)
			break;
	}
	return APP_OK;
}

void rix_prefetch(const struct reuse_index *ix, size_t segi, uint32_t h, int stage)
{
	const struct rseg *s = &ix->segs[segi];
	const struct seg_hdr *hd = &s->h;
	if (hd->nentries == 0)
		return;
	uint32_t bb = hd->bucket_bits;
	uint64_t b = bb ? h >> (32 - bb) : 0;
	uint64_t boff = hd->sec_off[S_BUCK] + b * 4;
	if (boff + 8 > hd->crc_off)
		return;
	if (stage == 0) {
		__builtin_prefetch(s->map + boff);
		return;
	}
	uint32_t a;
	memcpy(&a, s->map + boff, 4);
	if (a < hd->sec_len[S_POST])
		__builtin_prefetch(s->map + hd->sec_off[S_POST] + a);
}

static enum app_err doc_rec(struct reuse_index *ix, struct rseg *s, uint32_t local, struct seg_doc *r)
{
	uint64_t off = s->h.sec_off[S_DOCS] + (uint64_t)local * sizeof(*r);
	enum app_err e = local < s->h.ndocs ? seg_need(ix, s, off, sizeof(*r)) : corrupt(ix, s, "no such document");
	if (e != APP_OK)
		return e;
	memcpy(r, s->map + off, sizeof(*r));
	return APP_OK;
}

static const char *str_at(struct reuse_index *ix, struct rseg *s, uint64_t off, uint64_t *next, enum app_err *e)
{
	uint64_t base = s->h.sec_off[S_STR], len = s->h.sec_len[S_STR];
	if (off >= len) {
		*e = corrupt(ix, s, "bad string reference");
		return NULL;
	}
	const char *p = (const char *)s->map + base + off;
	const char *z = memchr(p, 0, len - off);
	if (!z || (*e = seg_need(ix, s, base + off, (uint64_t)(z - p) + 1)) != APP_OK) {
		if (!z)
			*e = corrupt(ix, s, "bad string");
		return NULL;
	}
	*next = off + (uint64_t)(z - p) + 1;
	return p;
}

enum app_err rix_doc(struct reuse_index *ix, size_t segi, uint32_t local, struct rdocinfo *d)
{
	struct rseg *s = &ix->segs[segi];
	struct seg_doc r;
	enum app_err e = doc_rec(ix, s, local, &r);
	uint64_t o;
	if (e != APP_OK)
		return e;
	memset(d, 0, sizeof(*d));
	d->id = r.id;
	d->ntok = r.ntok;
	d->seg = (uint32_t)segi;
	d->local = local;
	d->byte_len = r.byte_len;
	d->kind = r.kind <= REUSE_KIND_PLAN ? r.kind : REUSE_KIND_NONE;
	d->year = r.year;
	if (r.keys_off % 4 || (e = seg_need(ix, s, r.keys_off, (uint64_t)r.ntok * 4)) != APP_OK)
		return e != APP_OK ? e : corrupt(ix, s, "misaligned keys");
	if (r.keys_off < s->h.sec_off[S_FWD] ||
	    r.keys_off + (uint64_t)r.ntok * 4 > s->h.sec_off[S_FWD] + s->h.sec_len[S_FWD])
		return corrupt(ix, s, "keys outside forward store");
	d->keys = (const uint32_t *)(s->map + r.keys_off);
	if (!(d->name = str_at(ix, s, r.str_off, &o, &e)) || !(d->unit = str_at(ix, s, o, &o, &e)) ||
	    !(d->parent = str_at(ix, s, o, &o, &e)) || !(d->directive = str_at(ix, s, o, &o, &e)))
		return e;
	return APP_OK;
}

enum app_err rix_doc_offsets(struct reuse_index *ix, const struct rdocinfo *d, uint32_t *off, uint32_t *len)
{
	struct rseg *s = &ix->segs[d->seg];
	struct seg_doc r;
	enum app_err e = doc_rec(ix, s, d->local, &r);
	if (e != APP_OK)
		return e;
	if (r.map_off < s->h.sec_off[S_FWD] || r.map_off + r.map_len > s->h.sec_off[S_FWD] + s->h.sec_len[S_FWD])
		return corrupt(ix, s, "offset map outside forward store");
	if ((e = seg_need(ix, s, r.map_off, r.map_len)) != APP_OK)
		return e;
	const uint8_t *p = s->map + r.map_off, *end = p + r.map_len;
	uint64_t pos = 0;
	for (uint32_t i = 0; i < d->ntok; i++) {
		uint64_t a, b;
		size_t k = rvget(p, end, &a);
		if (!k)
			return corrupt(ix, s, "bad offset map");
		p += k;
		if (!(k = rvget(p, end, &b)))
			return corrupt(ix, s, "bad offset map");
		p += k;
		pos += a;
		if (pos + b > r.byte_len)
			return corrupt(ix, s, "offset past document end");
		off[i] = (uint32_t)pos;
		len[i] = (uint32_t)b;
		pos += b;
	}
	return APP_OK;
}

static uint64_t meta_hash(const char *key)
{
	return rsum64(key, strlen(key), 11);
}

enum app_err rix_meta_lookup(struct reuse_index *ix, size_t segi, const char *key, uint32_t *docs, size_t max,
			     size_t *n)
{
	struct rseg *s = &ix->segs[segi];
	uint64_t h = meta_hash(key), cnt = s->h.sec_len[S_META] / sizeof(struct seg_meta);
	enum app_err e = seg_need(ix, s, s->h.sec_off[S_META], s->h.sec_len[S_META]);
	*n = 0;
	if (e != APP_OK)
		return e;
	const uint8_t *base = s->map + s->h.sec_off[S_META];
	size_t lo = 0, hi = cnt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		struct seg_meta m;
		memcpy(&m, base + mid * sizeof(m), sizeof(m));
		if (m.h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cnt && *n < max; lo++) {
		struct seg_meta m;
		memcpy(&m, base + lo * sizeof(m), sizeof(m));
		if (m.h != h)
			break;
		if (m.local < s->h.ndocs)
			docs[(*n)++] = m.local;
	}
	return APP_OK;
}

enum app_err reuse_verify(struct reuse_index *ix, char err[REUSE_ERRLEN])
{
	for (size_t i = 0; i < ix->nsegs; i++) {
		struct rseg *s = &ix->segs[i];
		enum app_err e = seg_need(ix, s, SEG_HDR, s->h.crc_off - SEG_HDR);
		for (uint32_t d = 0; e == APP_OK && d < s->h.ndocs; d++) {
			struct rdocinfo di;
			e = rix_doc(ix, i, d, &di);
		}
		if (e != APP_OK) {
			rix_seterr(ix, err);
			return e;
		}
	}
	return APP_OK;
}

/* ---------------------------------------------------------------- writer */

struct wdoc {
	char *name, *unit, *parent, *directive;
	enum reuse_kind kind;
	int year;
	uint64_t byte_len;
	uint8_t hash[16];
	uint32_t id, ntok, map_len;
	const uint32_t *keys;
	const uint8_t *map;
	uint32_t *own_keys;
	uint8_t *own_map;
};

struct name_ent {
	char *name;
	uint32_t id;  /* live id, UINT32_MAX when not live */
	int32_t pend; /* index in pending, -1 if in a segment */
};

struct reuse_writer {
	char *dir;
	int lockfd;
	struct reuse_index *ix;
	struct wdoc *pend;
	size_t npend, cappend;
	uint64_t pend_bytes;
	char **newsegs; /* written, not yet in a MANIFEST */
	uint64_t *newsizes;
	uint32_t *newndocs;
	size_t nnew;
	uint32_t *del;
	size_t ndel, capdel;
	struct name_ent *names;
	size_t capnames, nnames;
	size_t added;
	uint64_t added_bytes;
	uint32_t first_new_id;
	/* merge_old: old segments [win_lo, win_lo + win_n) replaced by win_file */
	size_t win_lo, win_n;
	char *win_file;
	uint64_t win_size;
	uint32_t win_nd;
};

static uint64_t name_hash(const char *s)
{
	return rsum64(s, strlen(s), 5);
}

static struct name_ent *name_find(struct reuse_writer *w, const char *name, bool add)
{
	if (add && (w->nnames + 1) * 2 > w->capnames) {
		size_t oc = w->capnames;
		struct name_ent *old = w->names;
		w->capnames = oc ? oc * 2 : 1024;
		w->names = xcalloc(w->capnames, sizeof(*w->names));
		for (size_t i = 0; i < oc; i++) {
			if (!old[i].name)
				continue;
			size_t j = name_hash(old[i].name) & (w->capnames - 1);
			while (w->names[j].name)
				j = (j + 1) & (w->capnames - 1);
			w->names[j] = old[i];
		}
		free(old);
	}
	if (!w->capnames)
		return NULL;
	size_t j = name_hash(name) & (w->capnames - 1);
	while (w->names[j].name) {
		if (strcmp(w->names[j].name, name) == 0)
			return &w->names[j];
		j = (j + 1) & (w->capnames - 1);
	}
	if (!add)
		return NULL;
	w->names[j].name = xstrdup(name);
	w->names[j].id = UINT32_MAX;
	w->names[j].pend = -1;
	w->nnames++;
	return &w->names[j];
}

static void wdoc_release(struct wdoc *d)
{
	free(d->name);
	free(d->unit);
	free(d->parent);
	free(d->directive);
	free(d->own_keys);
	free(d->own_map);
}

void reuse_writer_free(struct reuse_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->npend; i++)
		wdoc_release(&w->pend[i]);
	free(w->pend);
	for (size_t i = 0; i < w->nnew; i++) {
		char *p = xasprintf("%s/%s", w->dir, w->newsegs[i]);
		unlink(p); /* written but never committed */
		free(p);
		free(w->newsegs[i]);
	}
	free(w->newsegs);
	free(w->newsizes);
	free(w->newndocs);
	if (w->win_file) {
		char *p = xasprintf("%s/%s", w->dir, w->win_file);
		unlink(p); /* written but never committed */
		free(p);
		free(w->win_file);
	}
	free(w->del);
	for (size_t i = 0; i < w->capnames; i++)
		free(w->names[i].name);
	free(w->names);
	reuse_close(w->ix);
	if (w->lockfd >= 0)
		close(w->lockfd); /* releases the flock */
	free(w->dir);
	free(w);
}

void reuse_writer_progress(const struct reuse_writer *w, size_t *docs, uint64_t *bytes)
{
	*docs = w->added;
	*bytes = w->added_bytes;
}

static void del_add(struct reuse_writer *w, uint32_t id)
{
	if (w->ndel == w->capdel) {
		w->capdel = w->capdel ? w->capdel * 2 : 64;
		w->del = xrealloc(w->del, w->capdel * 4);
	}
	w->del[w->ndel++] = id;
}

enum app_err reuse_writer_open(const char *dir, bool create, struct reuse_writer **out, char err[REUSE_ERRLEN])
{
	struct reuse_writer *w = xcalloc(1, sizeof(*w));
	enum app_err e = APP_OK;
	struct stat st;
	*out = NULL;
	w->dir = xstrdup(dir);
	w->lockfd = -1;
	if (stat(dir, &st) != 0) {
		if (!create || mkdir(dir, 0777) != 0) {
			snprintf(err, REUSE_ERRLEN, "index directory %s %s", dir,
				 create ? "cannot be created" : "does not exist");
			e = create ? APP_EIO : APP_ENOTFOUND;
			goto fail;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, REUSE_ERRLEN, "%s is not a directory", dir);
		e = APP_EINVAL;
		goto fail;
	}
	char *lp = xasprintf("%s/LOCK", dir);
	w->lockfd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	free(lp);
	if (w->lockfd < 0) {
		snprintf(err, REUSE_ERRLEN, "cannot open %s/LOCK: %s", dir, strerror(errno));
		e = APP_EIO;
		goto fail;
	}
	if (flock(w->lockfd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(err, REUSE_ERRLEN, "index %s locked by another process", dir);
		e = APP_ECONFLICT;
		goto fail;
	}
	char *mp = xasprintf("%s/MANIFEST", dir);
	bool fresh = stat(mp, &st) != 0;
	free(mp);
	if (fresh) {
		if (!create) {
			snprintf(err, REUSE_ERRLEN, "%s is not a reuse index (no MANIFEST)", dir);
			e = APP_ENOTFOUND;
			goto fail;
		}
		w->ix = xcalloc(1, sizeof(*w->ix));
		w->ix->dir = xstrdup(dir);
		w->ix->next_id = 1;
		w->ix->next_file = 1;
	} else {
		if ((e = reuse_open(dir, &w->ix, err)) != APP_OK)
			goto fail;
		/* every document name, for replace and delete */
		for (size_t s = 0; s < w->ix->nsegs; s++)
			for (uint32_t d = 0; d < w->ix->segs[s].h.ndocs; d++) {
				struct rdocinfo di;
				if ((e = rix_doc(w->ix, s, d, &di)) != APP_OK) {
					rix_seterr(w->ix, err);
					goto fail;
				}
				if (rix_deleted(w->ix, di.id))
					continue;
				struct name_ent *ne = name_find(w, di.name, true);
				if (ne->id != UINT32_MAX)
					del_add(w, ne->id); /* duplicate live name: keep the newest */
				ne->id = di.id;
			}
		for (size_t i = 0; i < w->ix->ndel; i++)
			del_add(w, w->ix->del[i]);
	}
	w->first_new_id = w->ix->next_id;
	*out = w;
	return APP_OK;
fail:
	reuse_writer_free(w);
	return e;
}

static char *dupnz(const char *s)
{
	return xstrdup(s ? s : "");
}

static enum app_err flush_segment(struct reuse_writer *w, char err[REUSE_ERRLEN]);

enum app_err reuse_writer_add(struct reuse_writer *w, const char *name, const char *data, size_t len,
			      const struct reuse_meta *meta, char err[REUSE_ERRLEN])
{
	struct rdoc d;
	enum app_err e = rdoc_parse(data, len, false, false, &d, err);
	static const struct reuse_meta none;
	if (e != APP_OK)
		return e;
	if (!meta)
		meta = &none;
	if (w->npend == w->cappend) {
		w->cappend = w->cappend ? w->cappend * 2 : 256;
		w->pend = xrealloc(w->pend, w->cappend * sizeof(*w->pend));
	}
	struct name_ent *ne = name_find(w, name, true);
	struct wdoc *wd;
	if (ne->pend >= 0) {
		wd = &w->pend[ne->pend];
		wdoc_release(wd);
	} else {
		if (ne->id != UINT32_MAX)
			del_add(w, ne->id);
		ne->pend = (int32_t)w->npend;
		wd = &w->pend[w->npend++];
		ne->id = w->ix->next_id++;
	}
	memset(wd, 0, sizeof(*wd));
	wd->id = ne->id;
	wd->name = xstrdup(name);
	wd->unit = dupnz(meta->unit);
	wd->parent = dupnz(meta->parent);
	wd->directive = dupnz(meta->directive);
	wd->kind = meta->kind;
	wd->year = meta->year;
	wd->byte_len = len;
	crypto_generichash(wd->hash, sizeof(wd->hash), (const unsigned char *)data, len, NULL, 0);
	wd->ntok = (uint32_t)d.n;
	wd->own_keys = d.keys;
	d.keys = NULL;
	wd->keys = wd->own_keys;
	uint8_t *map = xmalloc(d.n * 10 + 1);
	size_t ml = 0;
	uint64_t prev = 0;
	for (size_t i = 0; i < d.n; i++) {
		uint64_t o = d.off[i] >= prev ? d.off[i] : prev; /* offsets are monotone */
		uint64_t l = d.off[i] + d.len[i] > o ? d.off[i] + d.len[i] - o : 0;
		ml += rvput(map + ml, o - prev);
		ml += rvput(map + ml, l);
		prev = o + l;
	}
	wd->own_map = map;
	wd->map = map;
	wd->map_len = (uint32_t)ml;
	rdoc_release(&d);
	w->pend_bytes += (uint64_t)wd->ntok * 4 + ml + 128;
	w->added++;
	w->added_bytes += len;
	if (w->pend_bytes > rix_flush_bytes)
		return flush_segment(w, err);
	return APP_OK;
}

enum app_err reuse_writer_delete(struct reuse_writer *w, const char *name, char err[REUSE_ERRLEN])
{
	struct name_ent *ne = name_find(w, name, false);
	if (!ne || ne->id == UINT32_MAX) {
		snprintf(err, REUSE_ERRLEN, "%s is not in the index", name);
		return APP_ENOTFOUND;
	}
	if (ne->pend >= 0) {
		/* added in this session and not written yet: just drop it */
		w->pend[ne->pend].ntok = UINT32_MAX; /* tombstone, skipped at flush */
		ne->pend = -1;
	} else {
		del_add(w, ne->id);
	}
	ne->id = UINT32_MAX;
	return APP_OK;
}

/* ---- segment writing: a buffered writer that checksums 4 KiB blocks ---- */

struct bw {
	int fd;
	uint8_t *buf;
	size_t fill;
	uint64_t pos; /* file position of buf[0] */
	uint64_t *crcs;
	size_t ncrcs, capcrcs;
	bool failed;
};

/* Write the buffer out, one checksum per BLK bytes (only the last block may be short). */
static void bw_flush(struct bw *b)
{
	if (b->fill == 0)
		return;
	for (size_t o = 0; o < b->fill; o += BLK) {
		size_t l = b->fill - o < BLK ? b->fill - o : BLK;
		if (b->ncrcs == b->capcrcs) {
			b->capcrcs = b->capcrcs ? b->capcrcs * 2 : 1024;
			b->crcs = xrealloc(b->crcs, b->capcrcs * 8);
		}
		b->crcs[b->ncrcs] = rsum64(b->buf + o, l, b->ncrcs);
		b->ncrcs++;
	}
	size_t done = 0;
	while (done < b->fill) {
		ssize_t r = pwrite(b->fd, b->buf + done, b->fill - done, (off_t)(b->pos + done));
		if (r <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			b->failed = true;
			break;
		}
		done += (size_t)r;
	}
	b->pos += b->fill;
	b->fill = 0;
}

static void bw_write(struct bw *b, const void *p, size_t n)
{
	const uint8_t *s = p;
	while (n) {
		size_t k = WBUF - b->fill < n ? WBUF - b->fill : n;
		memcpy(b->buf + b->fill, s, k);
		b->fill += k;
		s += k;
		n -= k;
		if (b->fill == WBUF)
			bw_flush(b);
	}
}

static uint64_t bw_tell(const struct bw *b)
{
	return b->pos + b->fill;
}

static void bw_align(struct bw *b, size_t a)
{
	static const uint8_t z[8];
	size_t r = (size_t)(bw_tell(b) % a);
	if (r)
		bw_write(b, z, a - r);
}

static void radix_sort64(uint64_t *a, size_t n)
{
	uint64_t *t = xmalloc(n * 8 + 8);
	size_t cnt[65536];
	for (int pass = 0; pass < 4; pass++) {
		int sh = pass * 16;
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i] >> sh) & 0xffff]++;
		size_t sum = 0;
		for (size_t i = 0; i < 65536; i++) {
			size_t c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			t[cnt[(a[i] >> sh) & 0xffff]++] = a[i];
		uint64_t *x = a;
		a = t;
		t = x;
	}
	free(t); /* 4 passes: the sorted data is back in the caller's array */
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_meta(const void *a, const void *b)
{
	const struct seg_meta *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->local < y->local ? -1 : x->local > y->local;
}

/* The distinct fingerprints of a document, sorted, into fp (pos is scratch); returns their count. */
static size_t doc_fingerprints(const struct wdoc *d, uint32_t *fp, uint32_t *pos)
{
	size_t nf = rwinnow(d->keys, d->ntok, RK, RW, fp, pos), k = 0;
	if (nf > 1)
		qsort(fp, nf, 4, cmp_u32);
	for (size_t j = 0; j < nf; j++)
		if (k == 0 || fp[j] != fp[k - 1])
			fp[k++] = fp[j];
	return k;
}

static enum app_err write_segment(const char *dir, const char *file, struct wdoc **docs, size_t n, uint64_t *size,
				  char err[REUSE_ERRLEN])
{
	char *path = xasprintf("%s/%s", dir, file);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	struct bw b = { .fd = fd, .pos = SEG_HDR };
	struct seg_hdr h;
	enum app_err e = APP_OK;
	uint64_t *ent = NULL;
	size_t nent = 0, capent = 0;
	uint64_t nent_total = 0;
	uint32_t *fp = NULL, *pos = NULL;
	size_t capfp = 0;
	struct seg_doc *recs = xcalloc(n + 1, sizeof(*recs));
	struct sbuf str;
	struct seg_meta *meta = xmalloc((2 * n + 1) * sizeof(*meta));
	size_t nmeta = 0;

	sbuf_init(&str, 0);
	memset(&h, 0, sizeof(h));
	if (fd < 0) {
		snprintf(err, REUSE_ERRLEN, "cannot create %s: %s", path, strerror(errno));
		free(path);
		free(recs);
		free(meta);
		return APP_EIO;
	}
	b.buf = xmalloc(WBUF);
	/* forward store, and postings gathered on the way */
	h.sec_off[S_FWD] = SEG_HDR;
	for (size_t i = 0; i < n; i++) {
		struct wdoc *d = docs[i];
		struct seg_doc *r = &recs[i];
		r->id = d->id;
		r->ntok = d->ntok;
		r->keys_off = bw_tell(&b);
		bw_write(&b, d->keys, (size_t)d->ntok * 4);
		r->map_off = bw_tell(&b);
		r->map_len = d->map_len;
		bw_write(&b, d->map, d->map_len);
		bw_align(&b, 4);
		r->byte_len = d->byte_len;
		memcpy(r->hash, d->hash, 16);
		r->year = d->year;
		r->kind = (uint8_t)d->kind;
		r->str_off = (uint32_t)str.len;
		sbuf_add(&str, d->name, strlen(d->name) + 1);
		sbuf_add(&str, d->unit, strlen(d->unit) + 1);
		sbuf_add(&str, d->parent, strlen(d->parent) + 1);
		sbuf_add(&str, d->directive, strlen(d->directive) + 1);
		if (d->directive[0]) {
			char *k = xasprintf("d:%s", d->directive);
			meta[nmeta++] = (struct seg_meta){ meta_hash(k), (uint32_t)i, 0 };
			free(k);
		}
		if (d->unit[0]) {
			char *k = xasprintf("u:%s", d->unit);
			meta[nmeta++] = (struct seg_meta){ meta_hash(k), (uint32_t)i, 0 };
			free(k);
		}
		if (d->ntok > capfp) {
			capfp = d->ntok + 1024;
			fp = xrealloc(fp, capfp * 4);
			pos = xrealloc(pos, capfp * 4);
		}
		nent_total += doc_fingerprints(d, fp, pos);
	}
	bw_align(&b, 8);
	h.sec_len[S_FWD] = bw_tell(&b) - h.sec_off[S_FWD];
	h.sec_off[S_DOCS] = bw_tell(&b);
	bw_write(&b, recs, n * sizeof(*recs));
	h.sec_len[S_DOCS] = n * sizeof(*recs);
	h.sec_off[S_STR] = bw_tell(&b);
	bw_write(&b, str.buf ? str.buf : "", str.len);
	h.sec_len[S_STR] = str.len;
	bw_align(&b, 8);

	/*
	** Postings: sorted (hash, doc), grouped per hash, bucketed by top bits.
	** Built in partitions of whole buckets, each holding at most PART_ENT
	** postings in memory, and streamed to the file: memory stays bounded
	** however large the segment (a merge of a million documents included),
	** at the cost of one more winnowing pass over the keys per partition.
	*/
	uint32_t bits = 0;
	while (bits < 26 && ((uint64_t)8 << bits) < nent_total)
		bits++;
	uint64_t nb = (uint64_t)1 << bits;
	uint32_t *buck = xmalloc((nb + 1) * 4);
	uint64_t parts = nent_total / PART_ENT + 1;
	h.sec_off[S_POST] = bw_tell(&b);
	for (uint64_t part = 0; part < parts; part++) {
		uint64_t blo = nb * part / parts, bhi = nb * (part + 1) / parts;
		nent = 0;
		for (size_t i = 0; i < n && blo < bhi; i++) {
			size_t nf = doc_fingerprints(docs[i], fp, pos);
			if (nent + nf > capent) {
				capent = (nent + nf) * 2 + 1024;
				ent = xrealloc(ent, capent * 8);
			}
			for (size_t j = 0; j < nf; j++) {
				uint64_t bk = bits ? fp[j] >> (32 - bits) : 0;
				if (bk >= blo && bk < bhi)
					ent[nent++] = (uint64_t)fp[j] << 32 | (uint32_t)i;
			}
		}
		radix_sort64(ent, nent);
		size_t i = 0;
		for (uint64_t bk = blo; bk < bhi; bk++) {
			buck[bk] = (uint32_t)(bw_tell(&b) - h.sec_off[S_POST]);
			uint64_t cur = bits ? bk << (32 - bits) : 0;
			while (i < nent && (bits ? (ent[i] >> 32) >> (32 - bits) : 0) == bk) {
				uint64_t hh = ent[i] >> 32;
				size_t j = i;
				while (j < nent && (ent[j] >> 32) == hh)
					j++;
				uint64_t cnt = j - i;
				uint8_t tmp[32];
				size_t l = rvput(tmp, (hh - cur) << 2 | (cnt >= 4 ? 3 : cnt - 1));
				uint64_t nbytes = 0, prev = 0;
				if (cnt >= 4) {
					for (size_t k = i; k < j; k++) {
						uint64_t doc = (uint32_t)ent[k];
						nbytes += rvput(tmp + 20, doc - prev);
						prev = doc;
					}
					l += rvput(tmp + l, cnt - 4);
					l += rvput(tmp + l, nbytes);
				}
				bw_write(&b, tmp, l);
				prev = 0;
				for (size_t k = i; k < j; k++) {
					uint64_t doc = (uint32_t)ent[k];
					l = rvput(tmp, doc - prev);
					bw_write(&b, tmp, l);
					prev = doc;
				}
				cur = hh;
				i = j;
			}
		}
		if (bw_tell(&b) - h.sec_off[S_POST] > 0xffffffffu) {
			snprintf(err, REUSE_ERRLEN, "segment postings over 4 GiB: index in smaller batches");
			e = APP_ETOOBIG;
			break;
		}
	}
	h.sec_len[S_POST] = bw_tell(&b) - h.sec_off[S_POST];
	buck[nb] = (uint32_t)h.sec_len[S_POST];
	h.nentries = nent_total;
	bw_align(&b, 8);
	h.sec_off[S_BUCK] = bw_tell(&b);
	bw_write(&b, buck, (nb + 1) * 4);
	h.sec_len[S_BUCK] = (nb + 1) * 4;
	bw_align(&b, 8);
	qsort(meta, nmeta, sizeof(*meta), cmp_meta);
	h.sec_off[S_META] = bw_tell(&b);
	bw_write(&b, meta, nmeta * sizeof(*meta));
	h.sec_len[S_META] = nmeta * sizeof(*meta);
	bw_flush(&b);

	memcpy(h.magic, SEG_MAGIC, 8);
	h.version = SEG_VERSION;
	h.k = RK;
	h.w = RW;
	h.bucket_bits = bits;
	h.ndocs = (uint32_t)n;
	/* block checksums, then one checksum per TOPN of them, then the header */
	size_t ntop = (b.ncrcs + TOPN - 1) / TOPN;
	b.crcs = xrealloc(b.crcs, (b.ncrcs + ntop + 1) * 8);
	for (size_t c = 0; c < ntop; c++) {
		size_t cn = b.ncrcs - c * TOPN < TOPN ? b.ncrcs - c * TOPN : TOPN;
		b.crcs[b.ncrcs + c] = rsum64(b.crcs + c * TOPN, cn * 8, c + 1000);
	}
	h.crc_off = b.pos;
	h.nblocks = (uint32_t)b.ncrcs;
	h.file_len = b.pos + (b.ncrcs + ntop) * 8;
	h.crc_sum = rsum64(b.crcs + b.ncrcs, ntop * 8, 1);
	h.hdr_sum = rsum64(&h, offsetof(struct seg_hdr, hdr_sum), 0);
	uint8_t hb[SEG_HDR] = { 0 };
	memcpy(hb, &h, sizeof(h));
	size_t tl = (b.ncrcs + ntop) * 8;
	if (e == APP_OK && (b.failed || pwrite(fd, b.crcs, tl, (off_t)b.pos) != (ssize_t)tl ||
			    pwrite(fd, hb, SEG_HDR, 0) != SEG_HDR || fsync(fd) != 0)) {
		snprintf(err, REUSE_ERRLEN, "cannot write %s: %s", path, strerror(errno));
		e = APP_EIO;
	}
	close(fd);
	if (e != APP_OK)
		unlink(path);
	*size = h.file_len;
	free(path);
	free(b.buf);
	free(b.crcs);
	free(ent);
	free(fp);
	free(pos);
	free(recs);
	free(meta);
	free(buck);
	sbuf_release(&str);
	return e;
}

static void newseg_add(struct reuse_writer *w, const char *file, uint64_t size, uint32_t ndocs)
{
	w->newsegs = xrealloc(w->newsegs, (w->nnew + 1) * sizeof(char *));
	w->newsizes = xrealloc(w->newsizes, (w->nnew + 1) * 8);
	w->newndocs = xrealloc(w->newndocs, (w->nnew + 1) * 4);
	w->newsegs[w->nnew] = xstrdup(file);
	w->newsizes[w->nnew] = size;
	w->newndocs[w->nnew++] = ndocs;
}

static enum app_err flush_segment(struct reuse_writer *w, char err[REUSE_ERRLEN])
{
	struct wdoc **v = xmalloc((w->npend + 1) * sizeof(*v));
	size_t n = 0;
	enum app_err e = APP_OK;
	for (size_t i = 0; i < w->npend; i++)
		if (w->pend[i].ntok != UINT32_MAX)
			v[n++] = &w->pend[i];
	if (n) {
		char file[64];
		uint64_t size;
		snprintf(file, sizeof(file), "seg-%08u.rix", w->ix->next_file++);
		e = write_segment(w->dir, file, v, n, &size, err);
		if (e == APP_OK)
			newseg_add(w, file, size, (uint32_t)n);
	}
	free(v);
	if (e != APP_OK)
		return e;
	for (size_t i = 0; i < w->npend; i++)
		wdoc_release(&w->pend[i]);
	for (size_t i = 0; i < w->capnames; i++)
		if (w->names[i].name)
			w->names[i].pend = -1;
	w->npend = 0;
	w->pend_bytes = 0;
	return APP_OK;
}

static enum app_err fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return APP_EIO;
	int r = fsync(fd);
	close(fd);
	return r == 0 ? APP_OK : APP_EIO;
}

/*
** Write the live documents of src's segments (deletions: w->del) into one
** new segment file of the writer; its name, size and document count out.
*/
/*
** Write the live documents of src's segments into one new segment. ids (if
** not NULL) gets the sorted ids of every document src holds, deleted ones
** included, so the caller can drop the deletions the merge applied.
*/
static enum app_err merge_into(struct reuse_writer *w, struct reuse_index *src, char file[64], uint64_t *size,
			       uint32_t *ndocs, uint32_t **ids, size_t *nids, char err[REUSE_ERRLEN])
{
	size_t nall = 0;
	size_t total = 0, n = 0;
	enum app_err e = APP_OK;
	for (size_t s = 0; s < src->nsegs; s++)
		total += src->segs[s].h.ndocs;
	struct wdoc *docs = xcalloc(total + 1, sizeof(*docs));
	struct wdoc **v = xmalloc((total + 1) * sizeof(*v));
	if (ids)
		*ids = xmalloc((total + 1) * sizeof(**ids));
	if (w->ndel > 1)
		qsort(w->del, w->ndel, 4, cmp_u32);
	struct reuse_index dels = { .del = w->del, .ndel = w->ndel };
	for (size_t s = 0; s < src->nsegs && e == APP_OK; s++) {
		struct rseg *sg = &src->segs[s];
		for (uint32_t d = 0; d < sg->h.ndocs; d++) {
			struct rdocinfo di;
			struct seg_doc r;
			if ((e = rix_doc(src, s, d, &di)) != APP_OK || (e = doc_rec(src, sg, d, &r)) != APP_OK ||
			    (e = seg_need(src, sg, r.map_off, r.map_len)) != APP_OK)
				break;
			if (ids)
				(*ids)[nall++] = di.id;
			if (rix_deleted(&dels, di.id))
				continue;
			struct wdoc *wd = &docs[n];
			wd->name = xstrdup(di.name);
			wd->unit = xstrdup(di.unit);
			wd->parent = xstrdup(di.parent);
			wd->directive = xstrdup(di.directive);
			wd->kind = di.kind;
			wd->year = di.year;
			wd->byte_len = r.byte_len;
			memcpy(wd->hash, r.hash, 16);
			wd->id = r.id;
			wd->ntok = r.ntok;
			wd->keys = di.keys;
			wd->map = sg->map + r.map_off;
			wd->map_len = r.map_len;
			v[n++] = wd;
		}
	}
	if (e != APP_OK) {
		rix_seterr(src, err);
	} else {
		snprintf(file, 64, "seg-%08u.rix", w->ix->next_file++);
		e = write_segment(w->dir, file, v, n, size, err);
		*ndocs = (uint32_t)n;
	}
	for (size_t i = 0; i < n; i++)
		wdoc_release(&docs[i]);
	free(docs);
	free(v);
	if (ids) {
		if (nall > 1)
			qsort(*ids, nall, 4, cmp_u32);
		*nids = nall;
	}
	return e;
}

/* Drop deletions of documents this session wrote (ids from first_new_id on). */
static void drop_new_dels(struct reuse_writer *w, bool new_ones)
{
	size_t k = 0;
	for (size_t i = 0; i < w->ndel; i++)
		if ((w->del[i] >= w->first_new_id) != new_ones)
			w->del[k++] = w->del[i];
	w->ndel = k;
}

/* A big batch flushed into many segments: merge them into one before commit. */
static enum app_err merge_new(struct reuse_writer *w, char err[REUSE_ERRLEN])
{
	if (w->nnew <= MERGE_AT)
		return APP_OK;
	struct reuse_index *src = xcalloc(1, sizeof(*src));
	enum app_err e = APP_OK;
	src->dir = xstrdup(w->dir);
	src->segs = xcalloc(w->nnew, sizeof(*src->segs));
	for (size_t i = 0; i < w->nnew && e == APP_OK; i++) {
		e = seg_open(src, w->newsegs[i], w->newsizes[i], &src->segs[i]);
		src->nsegs++;
	}
	char file[64];
	uint64_t size = 0;
	uint32_t nd = 0;
	if (e != APP_OK)
		rix_seterr(src, err);
	else
		e = merge_into(w, src, file, &size, &nd, NULL, NULL, err);
	reuse_close(src);
	if (e != APP_OK)
		return e;
	for (size_t i = 0; i < w->nnew; i++) {
		char *p = xasprintf("%s/%s", w->dir, w->newsegs[i]);
		unlink(p);
		free(p);
		free(w->newsegs[i]);
	}
	w->nnew = 0;
	newseg_add(w, file, size, nd);
	drop_new_dels(w, true);
	return APP_OK;
}

/*
** More than MERGE_AT segments with this commit's: merge the cheapest run of
** adjacent old segments (fewest bytes; ties: the newest) that brings the
** count back to MERGE_AT, or all old ones when that is not enough. Only
** similar, small segments are rewritten as an index grows, instead of the
** whole index every few commits (whose total cost grows with the square of
** the index: 14 GB per merge past 500,000 documents). Deletions of the
** merged documents are applied and dropped.
*/
static enum app_err merge_old(struct reuse_writer *w, char err[REUSE_ERRLEN])
{
	struct reuse_index *ix = w->ix;
	size_t total = ix->nsegs + w->nnew, j, lo = 0;
	uint64_t best = UINT64_MAX;

	if (w->win_file) { /* a failed commit's merge: redo it */
		char *p = xasprintf("%s/%s", w->dir, w->win_file);
		unlink(p);
		free(p);
		free(w->win_file);
		w->win_file = NULL;
	}
	w->win_n = 0;
	if (total <= MERGE_AT || ix->nsegs < 2)
		return APP_OK;
	j = total - MERGE_AT + 1;
	if (j > ix->nsegs)
		j = ix->nsegs;
	for (size_t i = 0; i + j <= ix->nsegs; i++) {
		uint64_t sz = 0;
		for (size_t k = i; k < i + j; k++)
			sz += ix->segs[k].size;
		if (sz <= best) {
			best = sz;
			lo = i;
		}
	}
	struct reuse_index view = *ix; /* the window, borrowing ix's mapped segments */
	view.segs = ix->segs + lo;
	view.nsegs = j;
	char file[64];
	uint64_t size;
	uint32_t nd, *ids = NULL;
	size_t nids = 0;
	enum app_err e = merge_into(w, &view, file, &size, &nd, &ids, &nids, err);
	if (e != APP_OK) {
		free(ids);
		return e;
	}
	w->win_lo = lo;
	w->win_n = j;
	w->win_file = xstrdup(file);
	w->win_size = size;
	w->win_nd = nd;
	size_t k = 0;
	for (size_t i = 0; i < w->ndel; i++)
		if (!bsearch(&w->del[i], ids, nids, 4, cmp_u32))
			w->del[k++] = w->del[i];
	w->ndel = k;
	free(ids);
	return APP_OK;
}

static enum app_err write_file_sync(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	size_t done = 0;
	if (fd < 0)
		return APP_EIO;
	while (done < len) {
		ssize_t r = write(fd, (const char *)data + done, len - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			close(fd);
			return APP_EIO;
		}
		done += (size_t)r;
	}
	int r = fsync(fd);
	return (close(fd) == 0 && r == 0) ? APP_OK : APP_EIO;
}

static bool listed(const struct sbuf *man, const char *file)
{
	char *pat = xasprintf(" %s ", file);
	bool r = strstr(man->buf, pat) != NULL;
	free(pat);
	return r;
}

enum app_err reuse_writer_commit(struct reuse_writer *w, char err[REUSE_ERRLEN])
{
	enum app_err e;
	struct sbuf man;
	char delfile[64] = "";
	uint64_t delsize = 0;

	if ((e = flush_segment(w, err)) != APP_OK || (e = merge_new(w, err)) != APP_OK ||
	    (e = merge_old(w, err)) != APP_OK)
		return e;
	if (w->ndel > 1)
		qsort(w->del, w->ndel, 4, cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < w->ndel; i++)
		if (k == 0 || w->del[i] != w->del[k - 1])
			w->del[k++] = w->del[i];
	w->ndel = k;
	if (w->ndel) {
		snprintf(delfile, sizeof(delfile), "del-%08u.bin", w->ix->next_file++);
		delsize = 16 + w->ndel * 4 + 8;
		uint8_t *buf = xcalloc(delsize, 1);
		memcpy(buf, DEL_MAGIC, 8);
		uint32_t cnt = (uint32_t)w->ndel;
		memcpy(buf + 8, &cnt, 4);
		memcpy(buf + 16, w->del, w->ndel * 4);
		uint64_t sum = rsum64(buf, delsize - 8, 3);
		memcpy(buf + delsize - 8, &sum, 8);
		char *p = xasprintf("%s/%s", w->dir, delfile);
		e = write_file_sync(p, buf, delsize);
		free(p);
		free(buf);
		if (e != APP_OK) {
			snprintf(err, REUSE_ERRLEN, "cannot write %s/%s: %s", w->dir, delfile, strerror(errno));
			return e;
		}
	}
	crash_if("segment");
	sbuf_init(&man, 0);
	sbuf_addf(&man, "%s\nids %u %u\n", MAN_MAGIC, w->ix->next_id, w->ix->next_file);
	for (size_t i = 0; i < w->ix->nsegs; i++) {
		if (w->win_n && i == w->win_lo)
			sbuf_addf(&man, "seg %s %llu %u\n", w->win_file, (unsigned long long)w->win_size, w->win_nd);
		if (w->win_n && i >= w->win_lo && i < w->win_lo + w->win_n)
			continue;
		sbuf_addf(&man, "seg %s %llu %u\n", w->ix->segs[i].file, (unsigned long long)w->ix->segs[i].size,
			  w->ix->segs[i].h.ndocs);
	}
	for (size_t i = 0; i < w->nnew; i++)
		sbuf_addf(&man, "seg %s %llu %u\n", w->newsegs[i], (unsigned long long)w->newsizes[i], w->newndocs[i]);
	if (w->ndel)
		sbuf_addf(&man, "del %s %llu %zu\n", delfile, (unsigned long long)delsize, w->ndel);
	sbuf_addf(&man, "sum %016llx\n", (unsigned long long)rsum64(man.buf, man.len, 7));
	char *tmp = xasprintf("%s/MANIFEST.tmp", w->dir), *fin = xasprintf("%s/MANIFEST", w->dir);
	e = write_file_sync(tmp, man.buf, man.len);
	if (e == APP_OK) {
		crash_if("manifest");
		if (rename(tmp, fin) != 0 || fsync_dir(w->dir) != APP_OK)
			e = APP_EIO;
	}
	if (e != APP_OK) {
		snprintf(err, REUSE_ERRLEN, "cannot write %s: %s", fin, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(fin);
	if (e != APP_OK) {
		sbuf_release(&man);
		return e;
	}
	/* committed: the new files belong to the index now; remove unreferenced ones */
	for (size_t i = 0; i < w->nnew; i++)
		free(w->newsegs[i]);
	w->nnew = 0;
	free(w->win_file);
	w->win_file = NULL;
	w->win_n = 0;
	DIR *dh = opendir(w->dir);
	struct dirent *de;
	while (dh && (de = readdir(dh))) {
		const char *f = de->d_name;
		bool ours = (strncmp(f, "seg-", 4) == 0 || strncmp(f, "del-", 4) == 0 || strstr(f, ".tmp"));
		if (ours && !listed(&man, f)) {
			char *p = xasprintf("%s/%s", w->dir, f);
			unlink(p);
			free(p);
		}
	}
	if (dh)
		closedir(dh);
	sbuf_release(&man);
	/* continue from the new generation */
	struct reuse_index *nix;
	if ((e = reuse_open(w->dir, &nix, err)) != APP_OK)
		return e;
	reuse_close(w->ix);
	w->ix = nix;
	w->first_new_id = nix->next_id;
	return APP_OK;
}
