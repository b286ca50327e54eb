/* Errors, files, logging, dates and numbers. */

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *app_err_name(enum app_err e)
{
	static const char *const names[] = {
		[APP_OK] = "OK",
		[APP_EINVAL] = "EINVAL",
		[APP_ENOTFOUND] = "ENOTFOUND",
		[APP_EDENIED] = "EDENIED",
		[APP_EAUTH] = "EAUTH",
		[APP_ETHROTTLED] = "ETHROTTLED",
		[APP_EEXIST] = "EEXIST",
		[APP_ECONFLICT] = "ECONFLICT",
		[APP_ETOOBIG] = "ETOOBIG",
		[APP_EDB] = "EDB",
		[APP_EIO] = "EIO",
		[APP_ECORRUPT] = "ECORRUPT",
		[APP_ENOMEM] = "ENOMEM",
		[APP_EINTERNAL] = "EINTERNAL",
	};
	if ((unsigned)e < ARRAY_SIZE(names) && names[e])
		return names[e];
	return "EUNKNOWN";
}

/* ---- files ---- */

enum app_err file_read(const char *path, size_t max, char **data, size_t *len)
{
	struct sbuf b;
	char chunk[65536];
	enum app_err e = APP_OK;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	*data = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? APP_ENOTFOUND : APP_EIO;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return APP_EINVAL;
	}
	if (max && st.st_size > 0 && (uint64_t)st.st_size > max) {
		close(fd);
		return APP_ETOOBIG;
	}
	sbuf_init(&b, max);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = APP_EIO;
			break;
		}
		if (n == 0)
			break;
		if ((e = sbuf_add(&b, chunk, (size_t)n)) != APP_OK)
			break;
	}
	close(fd);
	if (e != APP_OK) {
		sbuf_release(&b);
		return e;
	}
	*data = sbuf_detach(&b, len);
	return APP_OK;
}

enum app_err file_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	const char *p = data;
	enum app_err e = APP_OK;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		free(tmp);
		return APP_EIO;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = APP_EIO;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (e == APP_OK && fsync(fd) != 0)
		e = APP_EIO;
	if (close(fd) != 0 && e == APP_OK)
		e = APP_EIO;
	if (e == APP_OK && rename(tmp, path) != 0)
		e = APP_EIO;
	if (e != APP_OK)
		unlink(tmp);
	free(tmp);
	return e;
}

/* ---- logging ---- */

static bool g_quiet;
static pthread_mutex_t g_log_lock = PTHREAD_MUTEX_INITIALIZER;

void log_quiet(bool quiet)
{
	g_quiet = quiet;
}

static void vlog(const char *level, const char *event, const char *fmt, va_list ap)
{
	char when[32];
	struct tm tm;
	time_t t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&g_log_lock);
	fprintf(stderr, "time=%s level=%s event=%s ", when, level, event);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&g_log_lock);
}

#define LOG_FN(name, level, always)                        \
	void name(const char *event, const char *fmt, ...) \
	{                                                  \
		va_list ap;                                \
		if (!(always) && g_quiet)                  \
			return;                            \
		va_start(ap, fmt);                         \
		vlog(level, event, fmt, ap);               \
		va_end(ap);                                \
	}
LOG_FN(log_info, "info", false)
LOG_FN(log_warn, "warn", false)
LOG_FN(log_error, "error", true)

/* ---- time and numbers ---- */

#define VN_OFFSET (7 * 3600)

int64_t time_now(void)
{
	return (int64_t)time(NULL);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_ymd(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

/* Write "YYYY-MM-DD"; the fields were checked, so 10 characters always. */
static void fmt_date(char out[11], int y, int m, int d)
{
	char tmp[40];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool date_parse(const char *s, char out[11])
{
	int y, m, d;
	size_t n = s ? strlen(s) : 0;

	if (n == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) && digits(s + 5, 2, &m) && digits(s + 8, 2, &d))
		;
	else if (n == 10 && s[2] == '/' && s[5] == '/' && digits(s, 2, &d) && digits(s + 3, 2, &m) &&
		 digits(s + 6, 4, &y))
		;
	else
		return false;
	if (!valid_ymd(y, m, d))
		return false;
	fmt_date(out, y, m, d);
	return true;
}

bool date_iso_to_vn(const char *iso, char out[11])
{
	char norm[11];

	if (!iso || !date_parse(iso, norm) || iso[4] != '-')
		return false;
	snprintf(out, 11, "%.2s/%.2s/%.4s", norm + 8, norm + 5, norm);
	return true;
}

void date_today(char out[11])
{
	time_t t = time(NULL) + VN_OFFSET;
	struct tm tm;

	gmtime_r(&t, &tm);
	fmt_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void time_format_vn(int64_t t, char out[17])
{
	time_t tt = (time_t)(t + VN_OFFSET);
	struct tm tm;

	gmtime_r(&tt, &tm);
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "%02d/%02d/%04d %02d:%02d", tm.tm_mday % 100, (tm.tm_mon + 1) % 100,
		 (tm.tm_year + 1900) % 10000, tm.tm_hour % 100, tm.tm_min % 100);
	memcpy(out, tmp, 16);
	out[16] = '\0';
}

void num_format_vn(double v, int decimals, char *out, size_t outlen)
{
	char raw[64], *dot;
	char res[96];
	size_t ri = 0, intlen;
	const char *p = raw;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(raw, sizeof(raw), "%.*f", decimals, v);
	if (*p == '-')
		res[ri++] = *p++;
	dot = strchr(p, '.');
	intlen = dot ? (size_t)(dot - p) : strlen(p);
	for (size_t i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			res[ri++] = '.';
		res[ri++] = p[i];
	}
	if (dot) {
		res[ri++] = ',';
		for (const char *q = dot + 1; *q && ri < sizeof(res) - 1; q++)
			res[ri++] = *q;
	}
	res[ri] = '\0';
	snprintf(out, outlen, "%s", res);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, doe;
	unsigned yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = (int64_t)yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool date_to_days(const char *date, int64_t *days)
{
	char iso[11];
	int y, m, d;

	if (!date || !date_parse(date, iso) || !digits(iso, 4, &y) || !digits(iso + 5, 2, &m) ||
	    !digits(iso + 8, 2, &d))
		return false;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return true;
}

void date_from_days(int64_t z, char out[11])
{
	int64_t era, y;
	unsigned doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = (int64_t)yoe + era * 400 + (m <= 2);
	fmt_date(out, (int)(y < 0 ? 0 : y > 9999 ? 9999 : y), (int)m, (int)d);
}

bool date_add_days(const char *date, int days, char out[11])
{
	int64_t z;
	char iso[11];

	if (!date_to_days(date, &z))
		return false;
	date_from_days(z + days, iso);
	if (!date_parse(iso, iso) || date_to_days(iso, &z) == false)
		return false;
	memcpy(out, iso, 11);
	return true;
}

int date_days_between(const char *a, const char *b)
{
	int64_t x, y;

	if (!date_to_days(a, &x) || !date_to_days(b, &y))
		return 0;
	return (int)(y - x);
}

bool parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return false;
	*out = v;
	return true;
}
