#include "test.h"
#include "ingest/docnum.h"
#include "util/util.h"

static void canon(const char *in, const char *want, enum docnum_system sys)
{
	struct docnum d;
	enum docnum_reason why;
	enum app_err e = docnum_parse(in, &d, &why);

	if (e != APP_OK) {
		test_fail(__FILE__, __LINE__, "'%s' refused: %s", in, docnum_reason_en(why));
		return;
	}
	if (strcmp(d.canonical, want) != 0 || d.system != sys)
		test_fail(__FILE__, __LINE__, "'%s' -> '%s' (system %d), want '%s' (system %d)", in, d.canonical,
			  d.system, want, sys);
}

static bool has_note(const struct docnum *d, enum docnum_reason r)
{
	for (int i = 0; i < d->nnotes; i++)
		if (d->notes[i] == r)
			return true;
	return false;
}

TEST(docnum_party_canonical)
{
	canon("01-CTr/TU", "01-CTr/TU", DOCNUM_PARTY);
	canon("55-QĐ/TW", "55-QĐ/TW", DOCNUM_PARTY);
	canon("366-QĐ/TW", "366-QĐ/TW", DOCNUM_PARTY);
	canon("36-HD/VPTW", "36-HD/VPTW", DOCNUM_PARTY);
	canon("1841-QĐ/TU", "1841-QĐ/TU", DOCNUM_PARTY);
	canon("09-KH/ĐU", "09-KH/ĐU", DOCNUM_PARTY);
	canon("62-CV/HU", "62-CV/HU", DOCNUM_PARTY);
	canon("06-CT/TU", "06-CT/TU", DOCNUM_PARTY);
}

TEST(docnum_state_canonical)
{
	canon("167/KH-UBND", "167/KH-UBND", DOCNUM_STATE);
	canon("30/2020/NĐ-CP", "30/2020/NĐ-CP", DOCNUM_STATE);
	canon("1294/QĐ-BNV", "1294/QĐ-BNV", DOCNUM_STATE);
	canon("01/2021/TT-BNV", "01/2021/TT-BNV", DOCNUM_STATE);
	canon("12/2023/QH15", "12/2023/QH15", DOCNUM_STATE);
	canon("123/UBND-VP", "123/UBND-VP", DOCNUM_STATE);
	canon("2001/QĐ-UBND", "2001/QĐ-UBND", DOCNUM_STATE);
}

TEST(docnum_variants_and_notes)
{
	struct docnum d;
	enum docnum_reason why;

	canon("01-Ctr/TU", "01-CTr/TU", DOCNUM_PARTY);
	canon("01/CTr-TU", "01-CTr/TU", DOCNUM_PARTY);
	canon("Số: 01-CTr/TU", "01-CTr/TU", DOCNUM_PARTY);
	canon("so 01 - CTr / TU", "01-CTr/TU", DOCNUM_PARTY);
	canon("55-QD/TW", "55-QĐ/TW", DOCNUM_PARTY);
	canon("30/2020/ND-CP", "30/2020/NĐ-CP", DOCNUM_STATE);
	canon("9-KH/DU", "09-KH/ĐU", DOCNUM_PARTY);
	canon("167-KH/UBND", "167/KH-UBND", DOCNUM_STATE);
	canon("1-ctr/tu", "01-CTr/TU", DOCNUM_PARTY);
	canon("12/KH-HDND", "12/KH-HĐND", DOCNUM_STATE);
	/* NFD "Số" and an en dash */
	canon("So\xcc\x82\xcc\x81: 01\xe2\x80\x93"
	      "CTr/TU",
	      "01-CTr/TU", DOCNUM_PARTY);

	CHECK_INT(docnum_parse("01/CTr-TU", &d, &why), APP_OK);
	CHECK(has_note(&d, DOCNUM_N_SYSTEM));
	CHECK(!has_note(&d, DOCNUM_N_CASE));
	CHECK_INT(docnum_parse("1-Ctr/TU", &d, &why), APP_OK);
	CHECK(has_note(&d, DOCNUM_N_CASE));
	CHECK(has_note(&d, DOCNUM_N_PADDED));
	CHECK_INT(d.number, 1);
	CHECK_STR(d.kind, "CTr");
	CHECK_STR(d.issuer, "TU");
	CHECK_INT(docnum_parse("Số: 36-HD/VPTW", &d, &why), APP_OK);
	CHECK(has_note(&d, DOCNUM_N_PREFIX));
	CHECK_INT(d.nnotes, 1);
	CHECK_INT(docnum_parse("36-HD/VPTW", &d, &why), APP_OK);
	CHECK_INT(d.nnotes, 0);
	CHECK_INT(docnum_parse("30/2020/NĐ-CP", &d, &why), APP_OK);
	CHECK_INT(d.year, 2020);
	CHECK_STR(docnum_kind_vi(DOCNUM_STATE, d.kind), "Nghị định");
}

TEST(docnum_ct_is_chi_thi)
{
	struct docnum d;
	enum docnum_reason why;

	CHECK_INT(docnum_parse("06-CT/TU", &d, &why), APP_OK);
	CHECK_STR(docnum_kind_vi(DOCNUM_PARTY, d.kind), "Chỉ thị");
	CHECK_INT(docnum_parse("03-Ctr/TU", &d, &why), APP_OK);
	CHECK_STR(docnum_kind_vi(DOCNUM_PARTY, d.kind), "Chương trình");
	CHECK_STR(docnum_kind_vi(DOCNUM_PARTY, "QĐ"), "Quyết định, Quy định");
}

static void refused(const char *in, enum docnum_reason want)
{
	struct docnum d;
	enum docnum_reason why = DOCNUM_R_NONE;

	if (docnum_parse(in, &d, &why) != APP_EINVAL)
		test_fail(__FILE__, __LINE__, "'%s' accepted as '%s'", in, d.canonical);
	else if (why != want)
		test_fail(__FILE__, __LINE__, "'%s' refused for '%s', want '%s'", in, docnum_reason_en(why),
			  docnum_reason_en(want));
	CHECK(docnum_reason_vi(why)[0] != '\0');
}

TEST(docnum_refusals)
{
	refused("", DOCNUM_R_EMPTY);
	refused("Số:", DOCNUM_R_EMPTY);
	refused("CTr/TU", DOCNUM_R_NO_NUMBER);
	refused("0-CTr/TU", DOCNUM_R_BAD_NUMBER);
	refused("123456-CTr/TU", DOCNUM_R_BAD_NUMBER);
	refused("01-XYZ/TU", DOCNUM_R_UNKNOWN_KIND);
	refused("01-CTr/", DOCNUM_R_BAD_ISSUER);
	refused("01-CTr", DOCNUM_R_SHAPE);
	refused("01", DOCNUM_R_SHAPE);
	refused("30/20/NĐ-CP", DOCNUM_R_BAD_YEAR);
	refused("30/1800/NĐ-CP", DOCNUM_R_BAD_YEAR);
	refused("01-CTr/TU ngày 17/3/2021", DOCNUM_R_SHAPE);
	refused("01-CTr/T?U", DOCNUM_R_SHAPE);
	refused("01-\xff/TU", DOCNUM_R_ENCODING);
	refused("01-NĐ/TU", DOCNUM_R_UNKNOWN_KIND); /* NĐ is a state kind only */
	{
		char long_in[300];
		memset(long_in, '1', sizeof(long_in) - 1);
		long_in[sizeof(long_in) - 1] = '\0';
		refused(long_in, DOCNUM_R_TOO_LONG);
	}
}
