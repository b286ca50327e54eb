/* Stored documents in the copy detector: sync, scopes, check. */
#include "test.h"

#include "model/doc.h"
#include "model/doc_reuse.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static const char DIRECTIVE[] =
	"Chương trình số 01-CTr/TU về tiếp tục đẩy mạnh công tác xây dựng, chỉnh đốn Đảng và hệ thống "
	"chính trị thành phố. Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất "
	"lượng đội ngũ cán bộ, đảng viên gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
	"Hồ Chí Minh. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết đấu tranh phòng, chống "
	"tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị. Đổi mới phương thức lãnh đạo của "
	"Đảng, phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội trong việc tham "
	"gia xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh.\n";

static const char PLAN[] =
	"Kế hoạch thực hiện Chương trình số 01-CTr/TU của Thành ủy. Đảng ủy phường xác định các nhiệm "
	"vụ trọng tâm sau đây. Tăng cường kiểm tra, giám sát, kỷ luật đảng; kiên quyết đấu tranh phòng, "
	"chống tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị. Ngoài ra, phường tổ chức ra "
	"quân dọn vệ sinh môi trường vào sáng chủ nhật hằng tuần tại các tổ dân phố, vận động nhân dân "
	"trồng thêm cây xanh trên các tuyến phố chính và ven hồ điều hòa.\n";

static const char OTHER[] = "Báo cáo tình hình thời tiết tháng mười: nhiệt độ trung bình cao hơn nhiều năm, lượng mưa "
			    "thấp, độ ẩm không khí giảm mạnh vào cuối tháng, gió mùa đông bắc xuất hiện sớm.\n";

static int64_t add_doc(struct store *s, const char *unit, const char *kind, const char *number, const char *title,
		       const char *body)
{
	struct doc_new d = { .unit_code = unit,
			     .kind = kind,
			     .number = number,
			     .doc_date = "2021-03-17",
			     .title = title,
			     .body = body };
	int64_t id = 0;
	const char *why;

	CHECK_INT(doc_add(s, &d, &id, &why), APP_OK);
	return id;
}

TEST(db_doc_reuse_sync_and_check_scopes)
{
	struct store *s;
	char *msg = NULL, err[REUSE_ERRLEN], dir[4200], name[32];
	struct unit_new root = { .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY };
	struct unit_new ward = { .code = "00004", .name = "Phường Ba Đình", .kind = UNIT_COMMUNE, .parent_code = "TU" };
	int64_t id, dir_id, plan_id;
	size_t added;
	struct reuse_index *ix;
	struct reuse_report *r;
	const char *why;
	int applied;

	CHECK_INT(store_open(test_db_url(), &s, &msg), APP_OK);
	free(msg);
	CHECK_INT(store_migrate(s, &applied), APP_OK);
	CHECK_INT(unit_add(s, &root, &id, &why), APP_OK);
	CHECK_INT(unit_add(s, &ward, &id, &why), APP_OK);
	dir_id = add_doc(s, "TU", "CTr", "01-CTr/TU", "Chương trình công tác xây dựng Đảng", DIRECTIVE);
	plan_id = add_doc(s, "00004", "KH", "12-KH/ĐU", "Kế hoạch thực hiện Chương trình số 01-Ctr/TU", PLAN);
	add_doc(s, "00004", "BC", NULL, "Báo cáo thời tiết", OTHER);
	add_doc(s, "00004", "TB", NULL, "Thông báo không có nội dung", NULL);

	snprintf(dir, sizeof(dir), "%s/reuse", test_tmpdir());
	CHECK_INT(doc_reuse_sync(s, dir, &added, err), APP_OK);
	CHECK_INT(added, 3);
	CHECK_INT(reuse_open(dir, &ix, err), APP_OK);
	CHECK_INT(reuse_doc_count(ix), 3);

	CHECK_INT(doc_reuse_check(s, ix, plan_id, &r, err), APP_OK);
	if (r) {
		doc_reuse_name(dir_id, name);
		CHECK(r->npassages >= 1);
		if (r->npassages >= 1) {
			const struct reuse_passage *p = &r->passages[0];
			/* the copied sentence, found in the directive, scope superior */
			CHECK_STR(p->source, name);
			CHECK_INT(p->scope, REUSE_SCOPE_SUPERIOR);
			CHECK(p->offset < sizeof(PLAN) && p->offset + p->length <= sizeof(PLAN));
			CHECK(memmem(PLAN + p->offset, p->length, "kiên quyết đấu tranh", 23) != NULL);
			CHECK(memmem(DIRECTIVE + p->source_offset, p->source_length, "kiên quyết đấu tranh", 23) !=
			      NULL);
		}
		CHECK(r->share_scope[REUSE_SCOPE_SUPERIOR] > 0.15);
		CHECK(r->share_scope[REUSE_SCOPE_SUPERIOR] < 0.8);
		CHECK(r->share_scope[REUSE_SCOPE_PEER] == 0);
		reuse_report_free(r);
	}
	/* a document without a body is not in the index */
	CHECK_INT(doc_reuse_check(s, ix, 4, &r, err), APP_ENOTFOUND);
	CHECK_INT(doc_reuse_check(s, ix, 999, &r, err), APP_ENOTFOUND);
	reuse_close(ix);
	store_close(s);
}

TEST(doc_reuse_names_and_directive_numbers)
{
	struct arena a;
	struct doc d = { .kind = "KH",
			 .number = "12-KH/ĐU",
			 .title = "Kế hoạch thực hiện Chương trình số 01-Ctr/TU ngày 17/3/2021" };
	bool impl;

	arena_init(&a);
	CHECK_INT(doc_reuse_id("doc/42"), 42);
	CHECK_INT(doc_reuse_id("doc/x"), 0);
	CHECK_INT(doc_reuse_id("/tmp/a.txt"), 0);
	CHECK_STR(doc_directive_number(&a, &d, &impl), "01-CTr/TU");
	CHECK(impl);
	/* a city plan that cites nothing is the directive of the plans citing it */
	d.number = "310/KH-UBND";
	d.title = "Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao";
	CHECK_STR(doc_directive_number(&a, &d, &impl), "310/KH-UBND");
	CHECK(!impl);
	d.number = "1-CTr/TU";
	d.title = "Chương trình số 01-CTr/TU về công tác xây dựng Đảng";
	CHECK_STR(doc_directive_number(&a, &d, &impl), "01-CTr/TU");
	CHECK(!impl);
	d.number = NULL;
	d.title = "Báo cáo sơ kết một năm";
	CHECK(doc_directive_number(&a, &d, &impl) == NULL);
	arena_release(&a);
}
