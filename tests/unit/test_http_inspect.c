/*
** HTTP tests of the inspection pages and API (page_inspect*.c): the annual
** programme with its calendar and add form, the record with team and
** conclusion versions, the notice and programme downloads, the risk list
** and its weights, /api/v1/inspections, /conclusions and /risk. A real
** server on 127.0.0.1 port 0 on a fresh database, driven with libcurl;
** named db_http_inspect_* so they run on SQLite and PostgreSQL. Every
** refusal is checked to store nothing.
*/
#include "test.h"
#include "http_client.h"
#include "http_fixture.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdarg.h>

#include "model/account.h"
#include "model/attachment.h"
#include "model/inspect_report.h"
#include "model/inspect.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"
#include "web/web.h"

#define PW FX_PW

struct fx {
	struct arena arena;
	struct store *s;
	struct web app;
	struct web_server *srv;
	int port;
};

static bool fx_start(struct fx *f)
{
	static const struct fx_unit units[] = {
		{ "TU", "Thành ủy Hà Nội", NULL, NULL, UNIT_CITY, false },
		{ "W1", "Đảng ủy phường Hoàn Kiếm", "TU", NULL, UNIT_COMMUNE, false },
		{ "W2", "Đảng ủy xã Thường Tín", "TU", NULL, UNIT_COMMUNE, false },
	};
	static const struct fx_acct accts[] = {
		{ "admin", ROLE_ADMIN, "TU", "Quản trị" },
		{ "ntuan", ROLE_INSPECTOR, "TU", "Nguyễn Ngọc Tuấn" },
		{ "tthuy", ROLE_INSPECTOR, "TU", "Trần Thu Thủy" },
		{ "hoankiem", ROLE_STAFF, "W1", "Lê Văn An" },
		{ "thuongtin", ROLE_STAFF, "W2", "Phạm Thị Bình" },
	};

	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
	f->s = fx_store(units, ARRAY_SIZE(units), accts, ARRAY_SIZE(accts));
	if (!f->s)
		return false;
	f->app.store = f->s;
	return fx_serve(&f->app, false, &f->srv, &f->port);
}

static void fx_stop(struct fx *f)
{
	web_server_stop(f->srv);
	store_close(f->s);
	arena_release(&f->arena);
}

/* An urlencoded form from NULL-terminated name/value pairs (malloc'd). */
static char *form(const char *k, ...)
{
	struct sbuf b;
	va_list ap;
	CURL *c = curl_easy_init();

	sbuf_init(&b, 0);
	va_start(ap, k);
	for (; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		char *e = curl_easy_escape(c, v, 0);

		sbuf_addf(&b, "%s%s=%s", b.len ? "&" : "", k, e);
		curl_free(e);
	}
	va_end(ap);
	curl_easy_cleanup(c);
	if (!b.buf)
		sbuf_addstr(&b, "");
	return sbuf_detach(&b, NULL);
}

/* POST fields (malloc'd, freed here) to path with the page's CSRF token. */
static void post(struct fx *f, struct http_res *r, const char *cookie, const char *path, char *fields)
{
	http_post_csrf(f->port, r, path, cookie, fields);
	free(fields);
}

static size_t programme_count(struct fx *f, int year)
{
	struct inspection_list l;
	struct arena a;
	size_t n;

	arena_init(&a);
	CHECK_INT(programme_list(f->s, &a, NULL, year, 0, &l), APP_OK);
	n = l.n;
	arena_release(&a);
	return n;
}

static size_t team_count(struct fx *f, int64_t insp)
{
	struct team_list tl;
	struct arena a;
	size_t n;

	arena_init(&a);
	CHECK_INT(team_list(f->s, &a, NULL, insp, &tl), APP_OK);
	n = tl.n;
	arena_release(&a);
	return n;
}

/* The versions of insp's conclusion: count, and the state and finding count of the last. */
static size_t versions(struct fx *f, int64_t insp, char *state, size_t *nfind, int64_t *last)
{
	struct arena a;
	int64_t *ids = NULL;
	size_t n = 0;
	struct conclusion c;

	arena_init(&a);
	CHECK_INT(conclusion_versions(f->s, &a, NULL, insp, &ids, &n), APP_OK);
	if (state)
		state[0] = '\0';
	if (n) {
		CHECK_INT(conclusion_get(f->s, &a, NULL, ids[n - 1], &c), APP_OK);
		if (state)
			snprintf(state, 16, "%s", c.state);
		if (nfind)
			*nfind = c.findings.n;
		if (last)
			*last = ids[n - 1];
	}
	arena_release(&a);
	return n;
}

static int64_t add_inspection(struct fx *f, const char *unit, const char *title, const char *from, const char *to)
{
	struct inspection_new n = { .kind = IK_INSPECTION_THEMATIC,
				    .target_code = unit,
				    .title = title,
				    .decision_no = "125-QĐ/TU",
				    .subjects = "Chương trình số 01-CTr/TU",
				    .date_from = from,
				    .date_to = to,
				    .purpose = "Đánh giá việc thực hiện" };
	int64_t id = 0;
	const char *why = NULL;

	CHECK_INT(inspection_add(f->s, NULL, &n, &id, &why), APP_OK);
	return id;
}

static size_t count_of(const char *h, const char *n)
{
	size_t k = 0;

	for (const char *p = h ? strstr(h, n) : NULL; p; p = strstr(p + 1, n))
		k++;
	return k;
}

TEST(db_http_inspect_programme)
{
	struct fx f;
	struct http_res r;
	char *insp, *ward, *loc, want[160];
	int64_t id = 0;

	if (!fx_start(&f))
		return;
	insp = http_login(f.port, "ntuan", PW, NULL);
	ward = http_login(f.port, "hoankiem", PW, NULL);

	http_get(f.port, &r, "/kiem-tra?nam=2022", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Chương trình kiểm tra, giám sát năm 2022");
	CHECK_CONTAINS(r.body.buf, "Chưa có cuộc kiểm tra, giám sát nào trong năm.");
	CHECK_CONTAINS(r.body.buf, "action=\"/kiem-tra/them\"");
	CHECK_CONTAINS(r.body.buf, "<option value=\"W2\">Đảng ủy xã Thường Tín</option>");
	http_res_release(&r);

	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "inspection_thematic", "don_vi", "W2", "ten",
		  "Đoàn kiểm tra số 2 tại xã Thường Tín", "so_qd", "125-QĐ/TU", "van_ban", "Chương trình số 01-CTr/TU",
		  "tu_ngay", "05/05/2022", "den_ngay", "30/06/2022", "muc_dich", "Đánh giá việc thực hiện", "noi_dung",
		  "Lãnh đạo, chỉ đạo", "phuong_phap", "Nghe báo cáo, xem xét hồ sơ", NULL));
	CHECK_INT(r.status, 303);
	loc = http_location(&r);
	CHECK(loc && strncmp(loc, "/kiem-tra/", 10) == 0 && strstr(loc, "?ok=them"));
	if (loc)
		parse_int64(arena_strndup(&f.arena, loc + 10, strcspn(loc + 10, "?")), &id);
	CHECK(id > 0);
	http_res_release(&r);
	CHECK_INT(programme_count(&f, 2022), 1);
	http_get(f.port, &r, loc ? loc : "/", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đã thêm cuộc kiểm tra, giám sát vào chương trình.");
	CHECK_CONTAINS(r.body.buf, "125-QĐ/TU");
	CHECK_CONTAINS(r.body.buf, "Nghe báo cáo, xem xét hồ sơ");
	http_res_release(&r);
	free(loc);

	/* the list and the calendar: May and June */
	http_get(f.port, &r, "/kiem-tra?nam=2022", insp);
	CHECK_INT(r.status, 200);
	snprintf(want, sizeof(want), "<a href=\"/kiem-tra/%lld\">Đoàn kiểm tra số 2 tại xã Thường Tín</a>",
		 (long long)id);
	CHECK_CONTAINS(r.body.buf, want);
	CHECK_CONTAINS(r.body.buf, "05/05/2022 – 30/06/2022");
	CHECK_CONTAINS(r.body.buf, "Kiểm tra chuyên đề");
	CHECK_CONTAINS(r.body.buf, "Chưa lập đoàn");
	CHECK_INT(count_of(r.body.buf, "class=\"cal-on"), 2);
	CHECK_INT(count_of(r.body.buf, "class=\"cal-off\""), 10);
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra?nam=2023", insp);
	CHECK_CONTAINS(r.body.buf, "Chưa có cuộc kiểm tra, giám sát nào trong năm.");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra?nam=abc", insp);
	CHECK_INT(r.status, 400);
	http_res_release(&r);

	/* the programme as a party document */
	http_get(f.port, &r, "/kiem-tra/chuong-trinh.docx?nam=2022", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	CHECK_CONTAINS(r.head.buf, "filename=\"chuong-trinh-kiem-tra-2022.docx\"");
	CHECK(r.body.len > 1000 && memcmp(r.body.buf, "PK", 2) == 0);
	http_res_release(&r);

	/* the inspected ward sees its own inspection, without the add form */
	{
		char *tt = http_login(f.port, "thuongtin", PW, NULL);

		http_get(f.port, &r, "/kiem-tra?nam=2022", tt);
		CHECK_INT(r.status, 200);
		CHECK_CONTAINS(r.body.buf, "Đoàn kiểm tra số 2 tại xã Thường Tín");
		CHECK(!strstr(r.body.buf, "action=\"/kiem-tra/them\""));
		http_res_release(&r);
		free(tt);
	}
	/* a ward sees neither another ward's inspection nor the add form, and cannot post it */
	http_get(f.port, &r, "/kiem-tra?nam=2022", ward);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body.buf, "Đoàn kiểm tra số 2"));
	CHECK(!strstr(r.body.buf, "action=\"/kiem-tra/them\""));
	http_res_release(&r);
	post(&f, &r, ward, "/kiem-tra/them",
	     form("nam", "2022", "loai", "inspection_thematic", "don_vi", "W1", "ten", "Tự kiểm tra", "tu_ngay",
		  "01/03/2022", "den_ngay", "02/03/2022", NULL));
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	snprintf(want, sizeof(want), "/kiem-tra/%lld", (long long)id);
	http_get(f.port, &r, want, ward);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "125-QĐ/TU"));
	http_res_release(&r);
	CHECK_INT(programme_count(&f, 2022), 1);
	/* a unit's code typed instead of picked */
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_regular", "don_vi", "", "ma_don_vi", "W1", "ten",
		  "Giám sát thường xuyên phường Hoàn Kiếm", "tu_ngay", "01/09/2022", "den_ngay", "30/11/2022", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(programme_count(&f, 2022), 2);

	free(insp);
	free(ward);
	fx_stop(&f);
}

TEST(db_http_inspect_add_refused)
{
	struct fx f;
	struct http_res r;
	char *insp;

	if (!fx_start(&f))
		return;
	insp = http_login(f.port, "ntuan", PW, NULL);

	/* impossible date: the form again with the reason and the values typed */
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_thematic", "don_vi", "W1", "ten", "Giám sát chuyên đề phường",
		  "tu_ngay", "31/02/2022", "den_ngay", "30/06/2022", "muc_dich", "Mục đích <b>đậm</b>", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Ngày bắt đầu và ngày kết thúc phải là ngày hợp lệ (dd/mm/yyyy).");
	CHECK_CONTAINS(r.body.buf, "value=\"Giám sát chuyên đề phường\"");
	CHECK_CONTAINS(r.body.buf, "value=\"31/02/2022\"");
	CHECK_CONTAINS(r.body.buf, "Mục đích &lt;b&gt;đậm&lt;/b&gt;");
	CHECK_CONTAINS(r.body.buf, "<option value=\"W1\" selected>");
	CHECK_CONTAINS(r.body.buf, "<option value=\"supervision_thematic\" selected>");
	http_res_release(&r);
	/* end before start */
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_thematic", "don_vi", "W1", "ten", "Giám sát", "tu_ngay",
		  "30/06/2022", "den_ngay", "01/06/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Ngày kết thúc trước ngày bắt đầu.");
	http_res_release(&r);
	/* a code typed instead of the list; then an unknown unit, unknown kind, no title */
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_thematic", "don_vi", "", "ma_don_vi", "XX", "ten", "Giám sát",
		  "tu_ngay", "01/06/2022", "den_ngay", "30/06/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Đơn vị được kiểm tra, giám sát không tồn tại.");
	CHECK_CONTAINS(r.body.buf, "name=\"ma_don_vi\" value=\"XX\"");
	http_res_release(&r);
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_thematic", "don_vi", "XX", "ten", "Giám sát", "tu_ngay",
		  "01/06/2022", "den_ngay", "30/06/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Đơn vị được kiểm tra, giám sát không tồn tại.");
	http_res_release(&r);
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "audit", "don_vi", "W1", "ten", "Giám sát", "tu_ngay", "01/06/2022",
		  "den_ngay", "30/06/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Loại hình kiểm tra, giám sát không hợp lệ.");
	http_res_release(&r);
	post(&f, &r, insp, "/kiem-tra/them",
	     form("nam", "2022", "loai", "supervision_thematic", "don_vi", "W1", "ten", " ", "tu_ngay", "01/06/2022",
		  "den_ngay", "30/06/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thiếu tên cuộc kiểm tra, giám sát.");
	http_res_release(&r);
	/* without the CSRF token */
	{
		char *body = form("nam", "2022", "loai", "supervision_thematic", "don_vi", "W1", "ten", "Giám sát",
				  "tu_ngay", "01/06/2022", "den_ngay", "30/06/2022", NULL);

		http_post_form(f.port, &r, "/kiem-tra/them", insp, body);
		CHECK_INT(r.status, 403);
		http_res_release(&r);
		free(body);
	}
	CHECK_INT(programme_count(&f, 2022), 0);

	free(insp);
	fx_stop(&f);
}

TEST(db_http_inspect_team)
{
	struct fx f;
	struct http_res r;
	char *insp, path[64];
	int64_t a, b;

	if (!fx_start(&f))
		return;
	a = add_inspection(&f, "W1", "Kiểm tra phường Hoàn Kiếm", "05/05/2022", "30/06/2022");
	b = add_inspection(&f, "W2", "Kiểm tra xã Thường Tín", "01/06/2022", "31/07/2022");
	insp = http_login(f.port, "ntuan", PW, NULL);

	snprintf(path, sizeof(path), "/kiem-tra/%lld/doan", (long long)a);
	post(&f, &r, insp, path, form("tai_khoan", "tthuy", "vai_tro", "leader", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	/* conflict of interest: the inspected ward's own staff */
	post(&f, &r, insp, path, form("tai_khoan", "hoankiem", "vai_tro", "member", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Xung đột lợi ích: thành viên đoàn thuộc chính đơn vị được kiểm tra, giám sát.");
	CHECK_CONTAINS(r.body.buf, "value=\"hoankiem\"");
	http_res_release(&r);
	/* a second leader; the same person twice */
	post(&f, &r, insp, path, form("tai_khoan", "ntuan", "vai_tro", "leader", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Đoàn đã có trưởng đoàn.");
	http_res_release(&r);
	post(&f, &r, insp, path, form("tai_khoan", "tthuy", "vai_tro", "member", NULL));
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "Người này đã có trong đoàn.");
	http_res_release(&r);
	post(&f, &r, insp, path, form("tai_khoan", "khongco", "vai_tro", "member", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Tài khoản thành viên đoàn không tồn tại hoặc đã bị khóa.");
	http_res_release(&r);
	post(&f, &r, insp, path, form("tai_khoan", "ntuan", "vai_tro", "chief", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Vai trò trong đoàn không hợp lệ.");
	http_res_release(&r);
	CHECK_INT(team_count(&f, a), 1);
	/* overlapping dates: tthuy is on A (5/5-30/6), B runs 1/6-31/7 */
	snprintf(path, sizeof(path), "/kiem-tra/%lld/doan", (long long)b);
	post(&f, &r, insp, path, form("tai_khoan", "tthuy", "vai_tro", "member", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Người này đã tham gia một đoàn khác có thời gian trùng.");
	http_res_release(&r);
	CHECK_INT(team_count(&f, b), 0);
	post(&f, &r, insp, path, form("tai_khoan", "ntuan", "vai_tro", "leader", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(team_count(&f, b), 1);

	snprintf(path, sizeof(path), "/kiem-tra/%lld", (long long)a);
	http_get(f.port, &r, path, insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "<td>Trần Thu Thủy</td><td>Trưởng đoàn</td><td>Thành ủy Hà Nội</td>");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra?nam=2022", insp);
	CHECK_CONTAINS(r.body.buf, "<li>Trưởng đoàn: Trần Thu Thủy</li>");
	CHECK_CONTAINS(r.body.buf, "<li>Trưởng đoàn: Nguyễn Ngọc Tuấn</li>");
	http_res_release(&r);

	free(insp);
	fx_stop(&f);
}

TEST(db_http_inspect_conclusion)
{
	struct fx f;
	struct http_res r;
	char *insp, *own, *other, path[96], act[96], kl[32], kd[32], state[16];
	int64_t a, cid = 0, fid = 0, cid2 = 0;
	size_t nf = 0;
	struct conclusion c;

	if (!fx_start(&f))
		return;
	a = add_inspection(&f, "W1", "Kiểm tra phường Hoàn Kiếm", "05/05/2022", "30/06/2022");
	insp = http_login(f.port, "ntuan", PW, NULL);
	own = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);

	snprintf(act, sizeof(act), "/kiem-tra/%lld/ket-luan", (long long)a);
	post(&f, &r, insp, act, form("so", "15-TB/TU", "ngay", "32/07/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Ngày kết luận phải là ngày hợp lệ (dd/mm/yyyy).");
	http_res_release(&r);
	CHECK_INT(versions(&f, a, NULL, NULL, NULL), 0);
	post(&f, &r, insp, act,
	     form("so", "15-TB/TU", "ngay", "15/07/2022", "bieu_duong", "Ban hành kịp thời kế hoạch", "phe_binh",
		  "Chậm cải cách hành chính", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(versions(&f, a, state, &nf, &cid), 1);
	CHECK_STR(state, "draft");
	snprintf(kl, sizeof(kl), "%lld", (long long)cid);

	/* a finding without a deadline is accepted in the draft ... */
	snprintf(act, sizeof(act), "/kiem-tra/%lld/khuyet-diem", (long long)a);
	post(&f, &r, insp, act,
	     form("kl", kl, "noi_dung", "Chỉ số cải cách hành chính xếp cuối bảng", "loai_nguyen_nhan", "subjective",
		  "nguyen_nhan", "Người đứng đầu chưa quan tâm chỉ đạo", "dia_chi_don_vi", "W1", "bien_phap",
		  "Kế hoạch nâng chỉ số", "thoi_han", "", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	/* ... a deadline before the conclusion's date is not */
	post(&f, &r, insp, act,
	     form("kl", kl, "noi_dung", "Chậm báo cáo", "loai_nguyen_nhan", "objective", "nguyen_nhan", "Thiếu người",
		  "dia_chi_ca_nhan", "Bí thư Đảng ủy phường", "bien_phap", "Bổ sung", "thoi_han", "01/07/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thời hạn khắc phục trước ngày kết luận.");
	CHECK_CONTAINS(r.body.buf, "value=\"Bí thư Đảng ủy phường\"");
	http_res_release(&r);
	/* issue refused, naming the finding and what it lacks */
	snprintf(act, sizeof(act), "/kiem-tra/%lld/ban-hanh", (long long)a);
	post(&f, &r, insp, act, form("kl", kl, NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "khuyết điểm số 1");
	CHECK_CONTAINS(r.body.buf, "Thiếu thời hạn");
	http_res_release(&r);
	CHECK_INT(versions(&f, a, state, &nf, NULL), 1);
	CHECK_STR(state, "draft");
	CHECK_INT(nf, 1);

	/* fix the finding, then issue */
	{
		struct arena ar;

		arena_init(&ar);
		CHECK_INT(conclusion_get(f.s, &ar, NULL, cid, &c), APP_OK);
		fid = c.findings.n ? c.findings.v[0].id : 0;
		arena_release(&ar);
	}
	snprintf(kd, sizeof(kd), "%lld", (long long)fid);
	snprintf(act, sizeof(act), "/kiem-tra/%lld/sua-khuyet-diem", (long long)a);
	post(&f, &r, insp, act,
	     form("kl", kl, "kd", kd, "noi_dung", "Chỉ số cải cách hành chính xếp cuối bảng", "loai_nguyen_nhan",
		  "subjective", "nguyen_nhan", "Người đứng đầu chưa quan tâm chỉ đạo", "dia_chi_don_vi", "W1",
		  "bien_phap", "Kế hoạch nâng chỉ số", "thoi_han", "01/01/2022", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thời hạn khắc phục trước ngày kết luận.");
	http_res_release(&r);
	post(&f, &r, insp, act,
	     form("kl", kl, "kd", kd, "noi_dung", "Chỉ số cải cách hành chính xếp cuối bảng", "loai_nguyen_nhan",
		  "subjective", "nguyen_nhan", "Người đứng đầu chưa quan tâm chỉ đạo", "dia_chi_don_vi", "W1",
		  "bien_phap", "Kế hoạch nâng chỉ số", "thoi_han", "31/12/2022", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	snprintf(act, sizeof(act), "/kiem-tra/%lld/ban-hanh", (long long)a);
	post(&f, &r, insp, act, form("kl", kl, NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(versions(&f, a, state, NULL, NULL), 1);
	CHECK_STR(state, "issued");

	snprintf(path, sizeof(path), "/kiem-tra/%lld", (long long)a);
	http_get(f.port, &r, path, insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Đã ban hành");
	CHECK_CONTAINS(r.body.buf, "31/12/2022");
	CHECK_CONTAINS(r.body.buf, "<strong>Chủ quan</strong>: Người đứng đầu chưa quan tâm chỉ đạo");
	snprintf(act, sizeof(act), "href=\"/kiem-tra/phat-hien/%lld\"", (long long)fid);
	CHECK_CONTAINS(r.body.buf, act);
	CHECK_CONTAINS(r.body.buf, "Đính chính kết luận");
	CHECK(!strstr(r.body.buf, "Ban hành kết luận</button>"));
	http_res_release(&r);

	/* the notice */
	snprintf(path, sizeof(path), "/kiem-tra/%lld/thong-bao.docx", (long long)a);
	http_get(f.port, &r, path, insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	snprintf(act, sizeof(act), "filename=\"thong-bao-ket-luan-%lld-v1.docx\"", (long long)a);
	CHECK_CONTAINS(r.head.buf, act);
	CHECK(r.body.len > 1000 && memcmp(r.body.buf, "PK", 2) == 0);
	http_res_release(&r);

	/* an issued conclusion takes no finding */
	snprintf(act, sizeof(act), "/kiem-tra/%lld/khuyet-diem", (long long)a);
	post(&f, &r, insp, act, form("kl", kl, "noi_dung", "Thêm sau", NULL));
	CHECK_INT(r.status, 409);
	CHECK_CONTAINS(r.body.buf, "Kết luận đã ban hành không được sửa; hãy lập phiên bản đính chính.");
	http_res_release(&r);

	/* correct: a reason is required; then a new version, the old one marked */
	snprintf(act, sizeof(act), "/kiem-tra/%lld/dinh-chinh", (long long)a);
	post(&f, &r, insp, act, form("kl", kl, "ngay", "20/07/2022", "ly_do", "", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Phải ghi lý do đính chính.");
	http_res_release(&r);
	CHECK_INT(versions(&f, a, NULL, NULL, NULL), 1);
	post(&f, &r, insp, act, form("kl", kl, "ngay", "20/07/2022", "ly_do", "Sửa tên đơn vị chịu trách nhiệm", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(versions(&f, a, state, &nf, &cid2), 2);
	CHECK_STR(state, "draft");
	CHECK_INT(nf, 1);
	snprintf(kl, sizeof(kl), "%lld", (long long)cid2);
	snprintf(act, sizeof(act), "/kiem-tra/%lld/ban-hanh", (long long)a);
	post(&f, &r, insp, act, form("kl", kl, NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	http_get(f.port, &r, path, insp);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/kiem-tra/%lld", (long long)a);
	http_get(f.port, &r, path, insp);
	CHECK_CONTAINS(r.body.buf, "Đã được đính chính");
	CHECK_CONTAINS(r.body.buf, "Sửa tên đơn vị chịu trách nhiệm");
	CHECK_CONTAINS(r.body.buf, "Kết luận, phiên bản 2");
	CHECK_CONTAINS(r.body.buf, "Kết luận, phiên bản 1");
	http_res_release(&r);

	/* the inspected ward reads it without forms; another ward is refused; neither may write */
	http_get(f.port, &r, path, own);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Kiểm tra phường Hoàn Kiếm");
	CHECK(!strstr(r.body.buf, "Đính chính kết luận"));
	CHECK(!strstr(r.body.buf, "/doan\""));
	http_res_release(&r);
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "Chỉ số cải cách hành chính"));
	http_res_release(&r);
	snprintf(path, sizeof(path), "/kiem-tra/%lld/thong-bao.docx", (long long)a);
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	snprintf(act, sizeof(act), "/kiem-tra/%lld/dinh-chinh", (long long)a);
	post(&f, &r, own, act, form("kl", kl, "ngay", "21/07/2022", "ly_do", "Tự sửa", NULL));
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(versions(&f, a, state, NULL, NULL), 2);
	CHECK_STR(state, "issued");

	free(insp);
	free(own);
	free(other);
	fx_stop(&f);
}

/* An API call with a bearer token and a JSON body (may be NULL). */
static void api(struct fx *f, struct http_res *r, const char *tok, const char *method, const char *path,
		const char *json)
{
	char *h = xasprintf("Authorization: Bearer %s", tok ? tok : "");
	char *full = xasprintf("/api/v1%s", path);

	http_req(f->port, r, method, full, NULL, json ? "application/json" : NULL, json, json ? strlen(json) : 0, h);
	free(full);
	free(h);
}

static int64_t jid(const struct http_res *r, const char *key)
{
	json_t *o = json_loads(r->body.buf ? r->body.buf : "", 0, NULL);
	int64_t v = o ? json_integer_value(json_object_get(o, key)) : 0;

	json_decref(o);
	return v;
}

TEST(db_http_inspect_api)
{
	struct fx f;
	struct http_res r;
	char *insp, *own, *other, path[96], body[512], state[16];
	int64_t id, cid, fid;
	size_t nf = 0;

	if (!fx_start(&f))
		return;
	insp = http_api_token(f.port, "ntuan", PW);
	own = http_api_token(f.port, "hoankiem", PW);
	other = http_api_token(f.port, "thuongtin", PW);
	CHECK(insp && own && other);

	api(&f, &r, insp, "POST", "/inspections", "{\"kind\":");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "\"error\"");
	http_res_release(&r);
	api(&f, &r, insp, "POST", "/inspections",
	    "{\"kind\":\"inspection_thematic\",\"unit\":\"W1\",\"title\":\"Kiểm tra\",\"date_from\":\"2022-06-30\","
	    "\"date_to\":\"2022-05-01\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Ngày kết thúc trước ngày bắt đầu.");
	http_res_release(&r);
	api(&f, &r, insp, "POST", "/inspections",
	    "{\"kind\":\"inspection_thematic\",\"unit\":\"W1\",\"title\":42,\"date_from\":\"2022-05-01\","
	    "\"date_to\":\"2022-06-30\"}");
	CHECK_INT(r.status, 400);
	http_res_release(&r);
	api(&f, &r, insp, "POST", "/inspections",
	    "{\"kind\":\"inspection_thematic\",\"unit\":\"W1\",\"title\":\"Kiểm tra\",\"date_from\":\"2022-05-01\","
	    "\"date_to\":\"2022-06-30\",\"year\":\"2022\"}");
	CHECK_INT(r.status, 400);
	CHECK_CONTAINS(r.body.buf, "Năm phải là một số nguyên.");
	http_res_release(&r);
	api(&f, &r, own, "POST", "/inspections",
	    "{\"kind\":\"inspection_thematic\",\"unit\":\"W1\",\"title\":\"Tự kiểm tra\",\"date_from\":\"2022-05-01\","
	    "\"date_to\":\"2022-06-30\"}");
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(programme_count(&f, 2022), 0);
	api(&f, &r, insp, "POST", "/inspections",
	    "{\"kind\":\"inspection_thematic\",\"unit\":\"W1\",\"title\":\"Kiểm tra phường Hoàn Kiếm\","
	    "\"decision_no\":\"125-QĐ/TU\",\"date_from\":\"05/05/2022\",\"date_to\":\"30/06/2022\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body.buf, "\"kind_label\":\"Kiểm tra chuyên đề\"");
	id = jid(&r, "id");
	CHECK(id > 0);
	http_res_release(&r);

	api(&f, &r, insp, "GET", "/inspections?year=2022", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"title\":\"Kiểm tra phường Hoàn Kiếm\"");
	CHECK_CONTAINS(r.body.buf, "\"date_from\":\"2022-05-05\"");
	http_res_release(&r);
	api(&f, &r, other, "GET", "/inspections?year=2022", NULL);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body.buf, "Hoàn Kiếm"));
	http_res_release(&r);
	api(&f, &r, insp, "GET", "/inspections?year=x", NULL);
	CHECK_INT(r.status, 400);
	http_res_release(&r);

	snprintf(path, sizeof(path), "/inspections/%lld/team", (long long)id);
	api(&f, &r, insp, "POST", path, "{\"login\":\"hoankiem\",\"role\":\"member\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Xung đột lợi ích");
	http_res_release(&r);
	CHECK_INT(team_count(&f, id), 0);
	api(&f, &r, insp, "POST", path, "{\"login\":\"tthuy\",\"role\":\"leader\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body.buf, "\"role\":\"leader\"");
	http_res_release(&r);

	snprintf(path, sizeof(path), "/inspections/%lld/conclusions", (long long)id);
	api(&f, &r, insp, "POST", path, "{\"date\":\"2022-07-15\",\"number\":\"15-TB/TU\",\"criticisms\":\"Chậm\"}");
	CHECK_INT(r.status, 201);
	cid = jid(&r, "id");
	CHECK_CONTAINS(r.body.buf, "\"state\":\"draft\"");
	http_res_release(&r);
	api(&f, &r, insp, "POST", path, "{\"date\":\"2022-07-16\"}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);

	snprintf(path, sizeof(path), "/conclusions/%lld/findings", (long long)cid);
	api(&f, &r, insp, "POST", path,
	    "{\"content\":\"Chỉ số xếp cuối bảng\",\"cause_kind\":\"subjective\",\"cause\":\"Chưa quan tâm\","
	    "\"addressee_unit\":\"W1\",\"remedy\":\"Kế hoạch\"}");
	CHECK_INT(r.status, 201);
	{
		json_t *o = json_loads(r.body.buf ? r.body.buf : "", 0, NULL);
		fid = json_integer_value(json_object_get(json_array_get(json_object_get(o, "findings"), 0), "id"));
		json_decref(o);
	}
	CHECK(fid > 0);
	http_res_release(&r);
	api(&f, &r, insp, "POST", path, "{\"content\":\"Sai\",\"cause_kind\":\"other\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	api(&f, &r, insp, "POST", path, "{\"content\":\"Sai\",\"deadline\":\"2022-01-01\"}");
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thời hạn khắc phục trước ngày kết luận.");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/conclusions/%lld/issue", (long long)cid);
	api(&f, &r, insp, "POST", path, NULL);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "khuyết điểm số 1");
	http_res_release(&r);
	CHECK_INT(versions(&f, id, state, &nf, NULL), 1);
	CHECK_STR(state, "draft");
	CHECK_INT(nf, 1);
	snprintf(path, sizeof(path), "/conclusions/%lld/findings/%lld", (long long)cid, (long long)fid);
	snprintf(body, sizeof(body),
		 "{\"content\":\"Chỉ số xếp cuối bảng\",\"cause_kind\":\"subjective\",\"cause\":\"Chưa quan tâm\","
		 "\"addressee_unit\":\"W1\",\"remedy\":\"Kế hoạch\",\"deadline\":\"31/12/2022\"}");
	api(&f, &r, insp, "POST", path, body);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"deadline\":\"2022-12-31\"");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/conclusions/%lld/findings/999999", (long long)cid);
	api(&f, &r, insp, "POST", path, body);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/conclusions/%lld/issue", (long long)cid);
	api(&f, &r, own, "POST", path, NULL);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, insp, "POST", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"state\":\"issued\"");
	http_res_release(&r);
	snprintf(path, sizeof(path), "/conclusions/%lld/findings", (long long)cid);
	api(&f, &r, insp, "POST", path, "{\"content\":\"Sau\"}");
	CHECK_INT(r.status, 409);
	http_res_release(&r);
	snprintf(path, sizeof(path), "/conclusions/%lld/correct", (long long)cid);
	api(&f, &r, insp, "POST", path, "{\"date\":\"2022-07-20\"}");
	CHECK_INT(r.status, 422);
	http_res_release(&r);
	CHECK_INT(versions(&f, id, NULL, NULL, NULL), 1);
	api(&f, &r, insp, "POST", path, "{\"date\":\"2022-07-20\",\"reason\":\"Sửa số\"}");
	CHECK_INT(r.status, 201);
	CHECK_CONTAINS(r.body.buf, "\"version\":2");
	http_res_release(&r);

	/* reading a conclusion: the inspected ward yes, another subtree no */
	snprintf(path, sizeof(path), "/conclusions/%lld", (long long)cid);
	api(&f, &r, own, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Chỉ số xếp cuối bảng");
	http_res_release(&r);
	api(&f, &r, other, "GET", path, NULL);
	CHECK_INT(r.status, 403);
	CHECK(!strstr(r.body.buf, "Chỉ số xếp cuối bảng"));
	http_res_release(&r);
	snprintf(path, sizeof(path), "/inspections/%lld", (long long)id);
	api(&f, &r, other, "GET", path, NULL);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	api(&f, &r, insp, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	/* the correction is a draft: version 1 stays in force beside it */
	CHECK_CONTAINS(r.body.buf, "\"version\":1,\"state\":\"issued\"");
	CHECK_CONTAINS(r.body.buf, "\"version\":2,\"state\":\"draft\"");
	http_res_release(&r);
	api(&f, &r, insp, "GET", "/inspections/999999", NULL);
	CHECK_INT(r.status, 404);
	http_res_release(&r);
	api(&f, &r, insp, "GET", "/conclusions/999999", NULL);
	CHECK_INT(r.status, 404);
	http_res_release(&r);

	api(&f, &r, insp, "GET", "/risk?year=2022", NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "\"code\":\"W1\"");
	CHECK_CONTAINS(r.body.buf, "\"years_since_inspection\"");
	CHECK_CONTAINS(r.body.buf, "\"evidence\":null");
	CHECK_CONTAINS(r.body.buf, "\"weights_default\":true");
	http_res_release(&r);
	api(&f, &r, other, "GET", "/risk?year=2022", NULL);
	CHECK_INT(r.status, 200);
	CHECK(!strstr(r.body.buf, "\"code\":\"W1\""));
	http_res_release(&r);

	free(insp);
	free(own);
	free(other);
	fx_stop(&f);
}

/*
** The weights form for 2022: every signal of risk.h at 1 except the
** NULL-terminated code/value overrides, and the note.
*/
static char *wform(const char *note, ...)
{
	struct sbuf b;
	CURL *c = curl_easy_init();
	char *e;

	sbuf_init(&b, 0);
	sbuf_addstr(&b, "nam=2022");
	for (int i = 0; i < RS_COUNT; i++) {
		const char *code = risk_signal_code((enum risk_signal)i), *v = "1";
		va_list ap;

		va_start(ap, note);
		for (const char *k = va_arg(ap, const char *); k; k = va_arg(ap, const char *)) {
			const char *val = va_arg(ap, const char *);

			if (strcmp(k, code) == 0)
				v = val;
		}
		va_end(ap);
		e = curl_easy_escape(c, v, 0);
		sbuf_addf(&b, "&w_%s=%s", code, e);
		curl_free(e);
	}
	e = curl_easy_escape(c, note, 0);
	sbuf_addf(&b, "&ghi_chu=%s", e);
	curl_free(e);
	curl_easy_cleanup(c);
	return sbuf_detach(&b, NULL);
}

TEST(db_http_inspect_risk)
{
	struct fx f;
	struct http_res r;
	char *insp, *ward;
	struct risk_weights w;

	if (!fx_start(&f))
		return;
	insp = http_login(f.port, "ntuan", PW, NULL);
	ward = http_login(f.port, "hoankiem", PW, NULL);
	{
		struct risk_rank_new k = { .year = 2022,
					   .unit_code = "W1",
					   .index_name = "Chỉ số cải cách hành chính",
					   .position = 2,
					   .of_n = 2,
					   .source = "Quyết định công bố chỉ số (thử)" };
		const char *why = NULL;

		CHECK_INT(risk_rank_set(f.s, NULL, &k, &why), APP_OK);
	}

	http_get(f.port, &r, "/kiem-tra/rui-ro?nam=2022", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Danh sách rủi ro năm 2022");
	/* the ranking's evidence beside its number, and in the proposal's reason */
	CHECK_CONTAINS(r.body.buf, "<span class=\"evidence\">Chỉ số cải cách hành chính năm 2022: hạng 2/2");
	CHECK_CONTAINS(r.body.buf,
		       "Ngu%E1%BB%93n%3A%20Quy%E1%BA%BFt"); /* "Nguồn: Quyết…" URL-encoded in the proposal link */
	CHECK_CONTAINS(r.body.buf, "Số năm chưa được kiểm tra");
	CHECK_CONTAINS(r.body.buf, "Năm này chưa đặt trọng số");
	CHECK_CONTAINS(r.body.buf, "/kiem-tra?nam=2022&amp;don-vi=W1&amp;ly-do=");
	CHECK_CONTAINS(r.body.buf, "Đề xuất kiểm tra");
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra/rui-ro?nam=2022&sap-xep=complaints", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf,
		       "aria-sort=\"descending\"><a href=\"/kiem-tra/rui-ro?nam=2022&amp;sap-xep=complaints\"");
	http_res_release(&r);

	/* the proposal opens the add form with the unit and reason */
	http_get(f.port, &r, "/kiem-tra?nam=2022&don-vi=W2&ly-do=Nhi%E1%BB%81u%20%C4%91%C6%A1n%20th%C6%B0", insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "<option value=\"W2\" selected>");
	CHECK_CONTAINS(r.body.buf, ">Nhiều đơn thư</textarea>");
	http_res_release(&r);

	/* weights: a bad number and a missing note are refused, nothing stored */
	post(&f, &r, insp, "/kiem-tra/rui-ro/trong-so",
	     wform("Theo nghị quyết", "overdue_tasks", "2", "overdue_findings", "abc", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Trọng số “Khuyết điểm quá hạn khắc phục” không phải là số.");
	CHECK_CONTAINS(r.body.buf, "value=\"abc\"");
	http_res_release(&r);
	post(&f, &r, insp, "/kiem-tra/rui-ro/trong-so", wform("", "overdue_tasks", "2", NULL));
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Phải ghi căn cứ, lý do của bộ trọng số.");
	http_res_release(&r);
	post(&f, &r, ward, "/kiem-tra/rui-ro/trong-so", wform("x", "overdue_tasks", "2", NULL));
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(risk_weights_get(f.s, &f.arena, 2022, &w), APP_OK);
	CHECK(w.is_default);
	post(&f, &r, insp, "/kiem-tra/rui-ro/trong-so",
	     wform("Tập trung vào khuyết điểm quá hạn", "overdue_tasks", "2,5", "overdue_findings", "3", "complaints",
		   "0", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(risk_weights_get(f.s, &f.arena, 2022, &w), APP_OK);
	CHECK(!w.is_default);
	CHECK(w.w[RS_TASKS] == 2.5 && w.w[RS_FINDINGS] == 3 && w.w[RS_COMPLAINTS] == 0);
	http_get(f.port, &r, "/kiem-tra/rui-ro?nam=2022&ok=trong-so", insp);
	CHECK_CONTAINS(r.body.buf, "Đã lưu trọng số mới");
	CHECK_CONTAINS(r.body.buf, "bởi Nguyễn Ngọc Tuấn. Căn cứ: Tập trung vào khuyết điểm quá hạn");
	CHECK_CONTAINS(r.body.buf, "<th scope=\"row\">Trọng số</th><td class=\"num\">2,5</td><td class=\"num\">3</td>");
	CHECK(!strstr(r.body.buf, "Các lần đặt trọng số trước"));
	http_res_release(&r);
	/* a second setting: the first stays listed with its note */
	post(&f, &r, insp, "/kiem-tra/rui-ro/trong-so", wform("Điều chỉnh giữa năm", "overdue_tasks", "4", NULL));
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	http_get(f.port, &r, "/kiem-tra/rui-ro?nam=2022", insp);
	CHECK_CONTAINS(r.body.buf, "<th scope=\"row\">Trọng số</th><td class=\"num\">4</td>");
	CHECK_CONTAINS(r.body.buf, "Các lần đặt trọng số trước (1)");
	CHECK_CONTAINS(r.body.buf, "<td>Nguyễn Ngọc Tuấn</td><td class=\"num\">2,5</td><td class=\"num\">3</td>");
	CHECK_CONTAINS(r.body.buf, "<td>Tập trung vào khuyết điểm quá hạn</td></tr>");
	http_res_release(&r);

	/* a ward sees its own score, without proposals or the weights form */
	http_get(f.port, &r, "/kiem-tra/rui-ro?nam=2022", ward);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "href=\"/don-vi/W1\"");
	CHECK(!strstr(r.body.buf, "href=\"/don-vi/W2\""));
	CHECK(!strstr(r.body.buf, "Đề xuất kiểm tra"));
	CHECK(!strstr(r.body.buf, "Thay đổi trọng số"));
	http_res_release(&r);

	free(insp);
	free(ward);
	fx_stop(&f);
}

/* A multipart body: the CSRF token, the date and the text, then files (name, filename, bytes, len). */
struct mp_file {
	const char *filename;
	const char *data;
	size_t len;
};

static void post_multipart(struct fx *f, struct http_res *r, const char *cookie, const char *path, const char *date,
			   const char *text, const struct mp_file *files, size_t nfiles)
{
	static const char B[] = "----giamsat-test-7d1f";
	char *tok = http_page_csrf(f->port, cookie), *ct = xasprintf("multipart/form-data; boundary=%s", B), *body;
	const char *fields[] = { "csrf", tok ? tok : "", "ngay", date, "noi_dung", text, NULL };
	struct http_file *hf = xmalloc((nfiles + 1) * sizeof(*hf));
	size_t len;

	CHECK(tok != NULL);
	for (size_t i = 0; i < nfiles; i++)
		hf[i] = (struct http_file){ "tep", files[i].filename, NULL, files[i].data, files[i].len };
	body = http_multipart(B, fields, hf, nfiles, &len);
	http_req(f->port, r, "POST", path, cookie, ct, body, len, NULL);
	free(body);
	free(hf);
	free(ct);
	free(tok);
}

static size_t report_count(struct fx *f, int64_t insp)
{
	struct insp_report *v;
	size_t n = 0;
	struct arena a;

	arena_init(&a);
	CHECK_INT(insp_report_list(f->s, &a, NULL, insp, &v, &n), APP_OK);
	arena_release(&a);
	return n;
}

TEST(db_http_inspect_self_report)
{
	struct fx f;
	struct http_res r;
	char *own, *other, *insp, path[200], *big;
	int64_t a;
	static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
	struct mp_file good[] = { { "Báo cáo tự kiểm tra.pdf", pdf, sizeof(pdf) - 1 } };
	struct mp_file bad[] = { { "ok.pdf", pdf, sizeof(pdf) - 1 }, { "virus.exe", "MZ\x90\x00\x03", 5 } };

	if (!fx_start(&f))
		return;
	a = add_inspection(&f, "W1", "Kiểm tra phường Hoàn Kiếm", "05/05/2022", "30/06/2022");
	own = http_login(f.port, "hoankiem", PW, NULL);
	other = http_login(f.port, "thuongtin", PW, NULL);
	insp = http_login(f.port, "ntuan", PW, NULL);
	snprintf(path, sizeof(path), "/kiem-tra/%lld/tu-bao-cao", (long long)a);

	/* a forbidden type among the files: nothing stored, the text typed kept */
	post_multipart(&f, &r, own, path, "20/05/2022", "Đơn vị đã tự kiểm tra", bad, 2);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Chỉ nhận minh chứng dạng PDF");
	CHECK_CONTAINS(r.body.buf, ">Đơn vị đã tự kiểm tra</textarea>");
	http_res_release(&r);
	post_multipart(&f, &r, own, path, "20/05/2022", "", good, 1);
	CHECK_INT(r.status, 422);
	CHECK_CONTAINS(r.body.buf, "Thiếu nội dung báo cáo tự kiểm tra.");
	http_res_release(&r);
	/* over the size limit */
	big = xmalloc(ATTACHMENT_MAX + 16);
	memcpy(big, "%PDF-1.4\n", 9);
	memset(big + 9, 'x', ATTACHMENT_MAX + 16 - 9);
	{
		struct mp_file huge[] = { { "lon.pdf", big, ATTACHMENT_MAX + 16 } };

		post_multipart(&f, &r, own, path, "20/05/2022", "Quá lớn", huge, 1);
		CHECK_INT(r.status, 413);
		CHECK_CONTAINS(r.body.buf, "vượt quá dung lượng");
		http_res_release(&r);
	}
	free(big);
	/* another ward may not report on it */
	post_multipart(&f, &r, other, path, "20/05/2022", "Không phải của tôi", good, 1);
	CHECK_INT(r.status, 403);
	http_res_release(&r);
	CHECK_INT(report_count(&f, a), 0);

	post_multipart(&f, &r, own, path, "20/05/2022", "Đơn vị đã tự kiểm tra việc thực hiện Chương trình 01", good,
		       1);
	CHECK_INT(r.status, 303);
	http_res_release(&r);
	CHECK_INT(report_count(&f, a), 1);

	snprintf(path, sizeof(path), "/kiem-tra/%lld", (long long)a);
	http_get(f.port, &r, path, insp);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body.buf, "Báo cáo ngày 20/05/2022 — Lê Văn An");
	CHECK_CONTAINS(r.body.buf, ">Báo cáo tự kiểm tra.pdf</a>");
	CHECK(!strstr(r.body.buf, "/tu-bao-cao\">")); /* the form is the inspected unit's */
	{
		const char *h = strstr(r.body.buf, "/tai-lieu/");

		CHECK(h != NULL);
		if (h) {
			char hash[80];

			snprintf(hash, sizeof(hash), "%.64s", h + 10);
			snprintf(path, sizeof(path), "/kiem-tra/%lld/tai-lieu/%s", (long long)a, hash);
		}
	}
	http_res_release(&r);
	http_get(f.port, &r, path, own);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.head.buf, "application/pdf");
	CHECK(r.body.len == sizeof(pdf) - 1 && memcmp(r.body.buf, pdf, r.body.len) == 0);
	http_res_release(&r);
	http_get(f.port, &r, path, other);
	CHECK_INT(r.status, 403);
	http_res_release(&r);

	free(own);
	free(other);
	free(insp);
	fx_stop(&f);
}
