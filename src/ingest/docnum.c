/*
** Document numbers of the party (36-HD/VPTW) and the state (NĐ 30/2020).
**
** Written by hand: no library knows these conventions. The input is first
** reduced to a compact form (no prefix, no spaces, ASCII upper case, with
** 'Đ'/'đ' kept as one marker byte), split on '-' and '/', and then matched
** against the three shapes; kinds and issuers come from tables below.
*/
#include "util/util.h"
#include "docnum.h"

#include "text/text.h"

#define D_MARK '\x01' /* Đ or đ in the compact form */

enum { SYS_P = 1, SYS_S = 2 };

struct kind {
	const char *canon;  /* as written: "CTr", "QĐ" */
	const char *folded; /* compact form: "CTR", "Q\x01" */
	int systems;
	const char *vi_party, *vi_state;
};

static const struct kind KINDS[] = {
	{ "NQ", "NQ", SYS_P | SYS_S, "Nghị quyết", "Nghị quyết" },
	{ "QĐ", "Q\x01", SYS_P | SYS_S, "Quyết định, Quy định", "Quyết định" },
	{ "CT", "CT", SYS_P | SYS_S, "Chỉ thị", "Chỉ thị" },
	{ "KL", "KL", SYS_P, "Kết luận", NULL },
	{ "CTr", "CTR", SYS_P | SYS_S, "Chương trình", "Chương trình" },
	{ "KH", "KH", SYS_P | SYS_S, "Kế hoạch", "Kế hoạch" },
	{ "HD", "HD", SYS_P | SYS_S, "Hướng dẫn", "Hướng dẫn" },
	{ "TB", "TB", SYS_P | SYS_S, "Thông báo", "Thông báo" },
	{ "BC", "BC", SYS_P | SYS_S, "Báo cáo", "Báo cáo" },
	{ "CV", "CV", SYS_P, "Công văn", NULL },
	{ "TTr", "TTR", SYS_P | SYS_S, "Tờ trình", "Tờ trình" },
	{ "BB", "BB", SYS_P | SYS_S, "Biên bản", "Biên bản" },
	{ "QC", "QC", SYS_P | SYS_S, "Quy chế", "Quy chế" },
	{ "TT", "TT", SYS_P | SYS_S, "Thông tri", "Thông tư" },
	{ "ĐA",
	  "\x01"
	  "A",
	  SYS_P | SYS_S, "Đề án", "Đề án" },
	{ "DA", "DA", SYS_S, NULL, "Dự án" },
	{ "PA", "PA", SYS_P | SYS_S, "Phương án", "Phương án" },
	{ "ĐC",
	  "\x01"
	  "C",
	  SYS_P, "Đề cương", NULL },
	{ "QH", "QH", SYS_P, "Quy hoạch", NULL },
	{ "GM", "GM", SYS_P | SYS_S, "Giấy mời", "Giấy mời" },
	{ "GGT", "GGT", SYS_P | SYS_S, "Giấy giới thiệu", "Giấy giới thiệu" },
	{ "NĐ", "N\x01", SYS_S, NULL, "Nghị định" },
	{ "TTLT", "TTLT", SYS_S, NULL, "Thông tư liên tịch" },
	{ "QyĐ", "QY\x01", SYS_S, NULL, "Quy định" },
	{ "CĐ", "C\x01", SYS_S, NULL, "Công điện" },
	{ "HĐ", "H\x01", SYS_S, NULL, "Hợp đồng" },
	{ "GUQ", "GUQ", SYS_S, NULL, "Giấy ủy quyền" },
	{ "KL", "KL", SYS_S, NULL, "Kết luận" },
};

/* Issuers that are certainly state bodies, in compact form. */
static const char *const STATE_ISSUERS[] = {
	"UBND", "H\x01ND", "CP",      "TTG",  "VPCP", "QH",   "UBTVQH",
	"CTN",  "TANDTC",  "VKSNDTC", "KTNN", "NHNN", "TCTK", "CTK",
};

const char *docnum_reason_vi(enum docnum_reason r)
{
	switch (r) {
	case DOCNUM_R_NONE: return "";
	case DOCNUM_R_EMPTY: return "Chưa nhập số, ký hiệu văn bản.";
	case DOCNUM_R_ENCODING: return "Số, ký hiệu văn bản chứa ký tự không hợp lệ.";
	case DOCNUM_R_TOO_LONG: return "Số, ký hiệu văn bản quá dài.";
	case DOCNUM_R_NO_NUMBER: return "Số, ký hiệu văn bản phải bắt đầu bằng số thứ tự.";
	case DOCNUM_R_BAD_NUMBER: return "Số thứ tự phải từ 1 đến 99999.";
	case DOCNUM_R_SHAPE:
		return "Không đọc được ký hiệu: văn bản của Đảng viết dạng 01-CTr/TU, "
		       "văn bản nhà nước viết dạng 167/KH-UBND hoặc 30/2020/NĐ-CP.";
	case DOCNUM_R_BAD_YEAR: return "Năm ban hành trong số văn bản không hợp lệ.";
	case DOCNUM_R_UNKNOWN_KIND: return "Không nhận ra tên loại văn bản viết tắt.";
	case DOCNUM_R_BAD_ISSUER: return "Thiếu hoặc sai ký hiệu cơ quan ban hành.";
	case DOCNUM_N_CASE: return "Đã chuẩn hóa chữ hoa, chữ thường và dấu (Đ).";
	case DOCNUM_N_SYSTEM: return "Đã sửa dấu phân cách theo đúng hệ thống văn bản.";
	case DOCNUM_N_PADDED: return "Đã thêm số 0 trước số thứ tự nhỏ hơn 10.";
	case DOCNUM_N_PREFIX: return "Đã bỏ chữ \"Số:\" và khoảng trắng.";
	}
	return "";
}

const char *docnum_reason_en(enum docnum_reason r)
{
	switch (r) {
	case DOCNUM_R_NONE: return "";
	case DOCNUM_R_EMPTY: return "empty document number";
	case DOCNUM_R_ENCODING: return "document number is not valid UTF-8";
	case DOCNUM_R_TOO_LONG: return "document number is too long";
	case DOCNUM_R_NO_NUMBER: return "a document number starts with its sequence number";
	case DOCNUM_R_BAD_NUMBER: return "sequence number must be 1 to 99999";
	case DOCNUM_R_SHAPE:
		return "unreadable: party numbers look like 01-CTr/TU, state numbers "
		       "like 167/KH-UBND or 30/2020/NĐ-CP";
	case DOCNUM_R_BAD_YEAR: return "the year in the number is not a plausible year";
	case DOCNUM_R_UNKNOWN_KIND: return "unknown document kind abbreviation";
	case DOCNUM_R_BAD_ISSUER: return "issuer abbreviation missing or malformed";
	case DOCNUM_N_CASE: return "letter case and diacritics (Đ) were normalised";
	case DOCNUM_N_SYSTEM: return "separators were corrected for the document's system";
	case DOCNUM_N_PADDED: return "the sequence number was padded to two digits";
	case DOCNUM_N_PREFIX: return "the \"Số:\" prefix and spaces were removed";
	}
	return "";
}

static void note(struct docnum *d, enum docnum_reason r)
{
	for (int i = 0; i < d->nnotes; i++)
		if (d->notes[i] == r)
			return;
	if (d->nnotes < (int)ARRAY_SIZE(d->notes))
		d->notes[d->nnotes++] = r;
}

/*
** Reduce s to the compact form: drop a leading "Số"/"So" (any case, with
** or without marks) and ':' or '.', drop white space (also NBSP), map
** en/em dashes to '-', upper-case ASCII, Đ/đ to D_MARK. raw gets the same
** characters at the same positions without case folding ('\x02' for đ),
** so that a change of case can be told. Returns false on a character that
** cannot occur in a document number.
*/
static bool compact(const char *s, char *out, char *raw, size_t outcap, bool *had_prefix)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	*had_prefix = false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == 'S' || *p == 's') {
		const unsigned char *q = p + 1;
		bool o = false;

		/* o, ô, ố (either case), possibly followed by combining marks */
		if (*q == 'o' || *q == 'O') {
			q++;
			o = true;
		} else if (q[0] == 0xC3 && (q[1] == 0xB4 || q[1] == 0x94)) {
			q += 2;
			o = true;
		} else if (q[0] == 0xE1 && q[1] == 0xBB && (q[2] == 0x91 || q[2] == 0x90)) {
			q += 3;
			o = true;
		}
		while (o && q[0] >= 0xCC && q[0] <= 0xCD && q[1] >= 0x80)
			q += 2; /* U+0300..U+036F */
		if (o && (*q == ':' || *q == '.' || *q == ' ' || (*q >= '0' && *q <= '9'))) {
			p = q;
			if (*p == ':' || *p == '.')
				p++;
			*had_prefix = true;
		}
	}
	for (; *p; p++) {
		char c, rc;

		if (*p == ' ' || *p == '\t') {
			*had_prefix = true;
			continue;
		}
		if (p[0] == 0xC2 && p[1] == 0xA0) { /* NBSP */
			p++;
			*had_prefix = true;
			continue;
		}
		if (p[0] == 0xC4 && (p[1] == 0x90 || p[1] == 0x91)) { /* Đ đ */
			rc = p[1] == 0x91 ? '\x02' : D_MARK;
			p++;
			c = D_MARK;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) {
			p += 2;
			c = rc = '-';
		} else if (*p >= 'a' && *p <= 'z') {
			c = (char)(*p - 'a' + 'A');
			rc = (char)*p;
		} else if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '/') {
			c = rc = (char)*p;
		} else {
			return false;
		}
		if (n + 1 >= outcap)
			return false;
		raw[n] = rc;
		out[n++] = c;
	}
	out[n] = raw[n] = '\0';
	return true;
}

/* Write a compact-form string (D_MARK for Đ) as UTF-8. */
static void expand(const char *compact_s, size_t len, char *out, size_t outcap)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 3 < outcap; i++) {
		if (compact_s[i] == D_MARK || compact_s[i] == '\x02') {
			out[n++] = (char)0xC4;
			out[n++] = (char)(compact_s[i] == D_MARK ? 0x90 : 0x91);
		} else {
			out[n++] = compact_s[i];
		}
	}
	out[n] = '\0';
}

/* The kind for a compact abbreviation in a system, exact Đ first. */
static const struct kind *find_kind(const char *k, int sys, bool *restored)
{
	char fold_in[16];
	size_t n = strlen(k);

	*restored = false;
	for (size_t i = 0; i < ARRAY_SIZE(KINDS); i++)
		if ((KINDS[i].systems & sys) && strcmp(KINDS[i].folded, k) == 0)
			return &KINDS[i];
	/* Missing diacritics: QD -> QĐ, ND -> NĐ, DA (party) -> ĐA. */
	if (n >= sizeof(fold_in))
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(KINDS); i++) {
		const char *f = KINDS[i].folded;
		size_t j;

		if (!(KINDS[i].systems & sys) || strlen(f) != n)
			continue;
		for (j = 0; j < n; j++)
			if (!(f[j] == k[j] || (f[j] == D_MARK && k[j] == 'D')))
				break;
		if (j == n) {
			*restored = true;
			return &KINDS[i];
		}
	}
	return NULL;
}

static bool is_state_issuer(const char *iss)
{
	char head[DOCNUM_ISSUER_MAX];
	size_t n = strcspn(iss, "-");

	if (n >= sizeof(head))
		return false;
	memcpy(head, iss, n);
	head[n] = '\0';
	/* QH15, UBTVQH15: the legislature with its term */
	while (n > 0 && head[n - 1] >= '0' && head[n - 1] <= '9')
		head[--n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(STATE_ISSUERS); i++)
		if (strcmp(head, STATE_ISSUERS[i]) == 0)
			return true;
	if (strcmp(head, "HDND") == 0)
		return true;
	/* Ministries and provincial departments: BNV, BTC, SNV ... */
	if ((head[0] == 'B' || head[0] == 'S') && n >= 2 && n <= 5 && head[n - 1] != 'U' &&
	    strcmp(head + n - 2, "TW") != 0)
		return true;
	return false;
}

static bool is_party_issuer(const char *iss)
{
	size_t n = strcspn(iss, "-");

	if (n == 0)
		return false;
	if (iss[0] == D_MARK || (iss[0] == 'D' && n >= 2 && iss[1] == 'U'))
		return true; /* ĐU, ĐUK, ĐUCQ ... */
	if (iss[n - 1] == 'U' || (n >= 2 && iss[n - 2] == 'T' && iss[n - 1] == 'W'))
		return true; /* TW, TU, HU, QU, VPTW, BTCTU ... */
	return false;
}

/* Restore Đ in issuers written without it: DU... -> ĐU..., HDND -> HĐND. */
static bool restore_issuer(char *iss)
{
	bool changed = false;

	if (iss[0] == 'D' && iss[1] == 'U') {
		iss[0] = D_MARK;
		changed = true;
	}
	for (char *p = strstr(iss, "HDND"); p; p = strstr(p + 1, "HDND")) {
		p[1] = D_MARK;
		changed = true;
	}
	for (char *p = strstr(iss, "BCD"); p; p = strstr(p + 1, "BCD")) {
		p[2] = D_MARK;
		changed = true;
	}
	return changed;
}

static bool valid_issuer(const char *iss)
{
	bool letter = false;
	size_t n = strlen(iss);

	if (n == 0 || n >= DOCNUM_ISSUER_MAX || iss[0] == '-' || iss[n - 1] == '-')
		return false;
	for (const char *p = iss; *p; p++) {
		if (*p == '/' || (*p == '-' && p[1] == '-'))
			return false;
		if ((*p >= 'A' && *p <= 'Z') || *p == D_MARK)
			letter = true;
	}
	return letter;
}

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static enum app_err fail(enum docnum_reason *why, enum docnum_reason r)
{
	*why = r;
	return APP_EINVAL;
}

enum app_err docnum_parse(const char *s, struct docnum *out, enum docnum_reason *why)
{
	char c[128], raw[128], kindc[16] = "", iss[DOCNUM_ISSUER_MAX] = "", given[128], iexp[96];
	const char *p, *rest, *kind_at = NULL;
	bool had_prefix, changed_case = false, restored = false, shape_party;
	const struct kind *k = NULL;
	char *nfc;
	size_t nlen;
	int sys, year = 0;
	bool ok;

	memset(out, 0, sizeof(*out));
	*why = DOCNUM_R_NONE;
	if (!s)
		return fail(why, DOCNUM_R_EMPTY);
	if (strlen(s) > 200)
		return fail(why, DOCNUM_R_TOO_LONG);
	nfc = text_nfc(s, strlen(s), NULL);
	if (!nfc)
		return fail(why, DOCNUM_R_ENCODING);
	ok = compact(nfc, c, raw, sizeof(c), &had_prefix);
	free(nfc);
	if (!ok)
		return fail(why, strlen(s) >= sizeof(c) ? DOCNUM_R_TOO_LONG : DOCNUM_R_SHAPE);
	if (!c[0])
		return fail(why, DOCNUM_R_EMPTY);

	/* the sequence number */
	nlen = strspn(c, "0123456789");
	if (nlen == 0)
		return fail(why, DOCNUM_R_NO_NUMBER);
	if (nlen > 5)
		return fail(why, DOCNUM_R_BAD_NUMBER);
	for (size_t i = 0; i < nlen; i++)
		out->number = out->number * 10 + (unsigned)(c[i] - '0');
	if (out->number == 0)
		return fail(why, DOCNUM_R_BAD_NUMBER);
	p = c + nlen;

	if (*p == '-') {
		/* party shape N-K/I (or a state number written that way) */
		const char *slash = strchr(p + 1, '/');
		size_t kl;

		shape_party = true;
		if (!slash)
			return fail(why, DOCNUM_R_SHAPE);
		kl = (size_t)(slash - (p + 1));
		if (kl == 0 || kl >= sizeof(kindc) || memchr(p + 1, '-', kl))
			return fail(why, DOCNUM_R_SHAPE);
		memcpy(kindc, p + 1, kl);
		kindc[kl] = '\0';
		kind_at = p + 1;
		rest = slash + 1;
		if (strlen(rest) >= sizeof(iss))
			return fail(why, DOCNUM_R_BAD_ISSUER);
		snprintf(iss, sizeof(iss), "%s", rest);
	} else if (*p == '/') {
		/* state shape N/K-I, N/Y/K-I, N/Y/I (a law), N/I-UNIT (công văn) */
		const char *q = p + 1, *slash2 = strchr(q, '/');
		const char *dash;
		size_t kl;

		shape_party = false;
		if (slash2) {
			size_t yl = (size_t)(slash2 - q);

			if (!all_digits(q, yl))
				return fail(why, DOCNUM_R_SHAPE);
			if (yl != 4)
				return fail(why, DOCNUM_R_BAD_YEAR);
			year = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
			if (year < 1945 || year > 2100)
				return fail(why, DOCNUM_R_BAD_YEAR);
			q = slash2 + 1;
			if (strchr(q, '/'))
				return fail(why, DOCNUM_R_SHAPE);
		}
		dash = strchr(q, '-');
		kl = dash ? (size_t)(dash - q) : 0;
		if (dash && kl > 0 && kl < sizeof(kindc)) {
			bool r2;

			memcpy(kindc, q, kl);
			kindc[kl] = '\0';
			/* "123/UBND-VP": no kind, the issuer and its office */
			if (!find_kind(kindc, SYS_S | SYS_P, &r2) &&
			    (is_state_issuer(kindc) || is_party_issuer(kindc))) {
				kindc[0] = '\0';
				rest = q;
			} else {
				kind_at = q;
				rest = dash + 1;
			}
		} else if (!dash && year) {
			rest = q; /* a law: 12/2023/QH15 */
		} else {
			return fail(why, dash ? DOCNUM_R_UNKNOWN_KIND : DOCNUM_R_SHAPE);
		}
		if (strlen(rest) >= sizeof(iss))
			return fail(why, DOCNUM_R_BAD_ISSUER);
		snprintf(iss, sizeof(iss), "%s", rest);
	} else {
		return fail(why, DOCNUM_R_SHAPE);
	}
	if (!valid_issuer(iss))
		return fail(why, DOCNUM_R_BAD_ISSUER);

	/* Which system: the issuer decides; the separators only suggest. */
	if (is_party_issuer(iss) && !year)
		sys = SYS_P;
	else if (is_state_issuer(iss) || year)
		sys = SYS_S;
	else
		sys = shape_party ? SYS_P : SYS_S;
	if ((sys == SYS_P) != shape_party)
		note(out, DOCNUM_N_SYSTEM);
	if (sys == SYS_P && strchr(iss, '-'))
		return fail(why, DOCNUM_R_BAD_ISSUER);

	if (kindc[0]) {
		k = find_kind(kindc, sys, &restored);
		if (!k)
			return fail(why, DOCNUM_R_UNKNOWN_KIND);
		snprintf(out->kind, sizeof(out->kind), "%s", k->canon);
	}
	(void)restored;
	restore_issuer(iss);
	expand(iss, strlen(iss), iexp, sizeof(iexp));
	if (strlen(iexp) >= sizeof(out->issuer))
		return fail(why, DOCNUM_R_BAD_ISSUER);
	memcpy(out->issuer, iexp, strlen(iexp) + 1);
	/* Case or Đ changed when the kind or issuer as given differ from canon. */
	if (kind_at) {
		expand(raw + (kind_at - c), strlen(kindc), given, sizeof(given));
		if (strcmp(given, out->kind) != 0)
			changed_case = true;
	}
	expand(raw + (rest - c), strlen(rest), given, sizeof(given));
	if (strcmp(given, out->issuer) != 0)
		changed_case = true;

	out->system = sys == SYS_P ? DOCNUM_PARTY : DOCNUM_STATE;
	out->year = year;
	if (nlen < 2 && out->number < 10)
		note(out, DOCNUM_N_PADDED);
	if (changed_case)
		note(out, DOCNUM_N_CASE);
	if (had_prefix)
		note(out, DOCNUM_N_PREFIX);

	if (out->system == DOCNUM_PARTY)
		snprintf(out->canonical, sizeof(out->canonical), "%02u-%s/%s", out->number, out->kind, out->issuer);
	else if (year && out->kind[0])
		snprintf(out->canonical, sizeof(out->canonical), "%02u/%d/%s-%s", out->number, year, out->kind,
			 out->issuer);
	else if (year)
		snprintf(out->canonical, sizeof(out->canonical), "%02u/%d/%s", out->number, year, out->issuer);
	else if (out->kind[0])
		snprintf(out->canonical, sizeof(out->canonical), "%02u/%s-%s", out->number, out->kind, out->issuer);
	else
		snprintf(out->canonical, sizeof(out->canonical), "%02u/%s", out->number, out->issuer);
	return APP_OK;
}

const char *docnum_kind_vi(enum docnum_system sys, const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(KINDS); i++) {
		const struct kind *k = &KINDS[i];
		const char *vi = sys == DOCNUM_PARTY ? k->vi_party : k->vi_state;

		if (vi && strcmp(k->canon, kind) == 0)
			return vi;
	}
	return NULL;
}
