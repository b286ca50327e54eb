/* The ranking signal of the risk score: recorded rankings, position and fall, evidence, refusals, audit. */
#include "test.h"

#include "model/account.h"
#include "model/audit.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static const struct risk_row *row_of(const struct risk_table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].code, code))
			return &t->v[i];
	return NULL;
}

static struct query Q_N_RANKS = { "SELECT COUNT(*) FROM unit_rank", NULL, 0 };

static int64_t n_ranks(struct store *s)
{
	struct stmt *st = store_stmt(s, &Q_N_RANKS);
	bool row = false;
	int64_t n = -1;
	if (st && stmt_step(st, &row) == APP_OK && row)
		n = stmt_col_int64(st, 0);
	if (st)
		stmt_done(st);
	return n;
}

static struct query Q_RANK_AUDIT = {
	"SELECT before_json, after_json FROM audit WHERE entity = 'unit_rank' AND action = 'update'", NULL, 0
};

static bool near(double x, double y)
{
	return x - y < 1e-9 && y - x < 1e-9;
}

TEST(db_risk_rank)
{
	static const struct unit_new U[] = {
		{ .code = "TU", .name = "Thành ủy Hà Nội", .kind = UNIT_CITY },
		{ .code = "HU-TT", .name = "Huyện ủy Thường Tín", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-DP", .name = "Huyện ủy Đan Phượng", .kind = UNIT_DISTRICT, .parent_code = "TU" },
		{ .code = "HU-QO", .name = "Huyện ủy Quốc Oai", .kind = UNIT_DISTRICT, .parent_code = "TU" },
	};
	struct store *s = NULL;
	struct arena a;
	const char *why = NULL;
	int64_t acc, tt = 0;
	struct account staff, insp;
	struct risk_table t;
	const struct risk_row *r;
	struct audit_verify v;

	arena_init(&a);
	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		goto out;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	for (size_t i = 0; i < ARRAY_SIZE(U); i++)
		CHECK_INT(unit_add(s, &U[i], i == 1 ? &tt : NULL, NULL), APP_OK);
	CHECK_INT(account_add(s, "tt", "tt", ROLE_STAFF, "HU-TT", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &staff), APP_OK);
	CHECK_INT(account_add(s, "ubkt", "ubkt", ROLE_INSPECTOR, "TU", "mat-khau-dai-1", &acc, &why), APP_OK);
	CHECK_INT(account_get(s, &a, acc, &insp), APP_OK);

	/* Refusals store nothing. */
	struct risk_rank_new k = { .year = 2021,
				   .unit_code = "HU-TT",
				   .index_name = "PAR Index cấp huyện",
				   .position = 25,
				   .of_n = 30,
				   .source = "Quyết định công bố chỉ số (thử)" };
	CHECK_INT(risk_rank_set(s, &staff, &k, &why), APP_EDENIED); /* a unit does not rank itself */
	k.position = 31;
	CHECK_INT(risk_rank_set(s, NULL, &k, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "Thứ hạng");
	k.position = 0;
	CHECK_INT(risk_rank_set(s, NULL, &k, &why), APP_EINVAL);
	k.position = 25;
	k.source = "  ";
	CHECK_INT(risk_rank_set(s, NULL, &k, &why), APP_EINVAL);
	CHECK_CONTAINS(why, "nguồn");
	k.source = "Quyết định công bố chỉ số (thử)";
	k.unit_code = "KHONG-CO";
	CHECK_INT(risk_rank_set(s, NULL, &k, &why), APP_EINVAL);
	k.unit_code = "HU-TT";
	k.year = 1800;
	CHECK_INT(risk_rank_set(s, NULL, &k, &why), APP_EINVAL);
	k.year = 2021;
	CHECK_INT(n_ranks(s), 0);

	/* 2021: 25th of 30; 2022: last of 30, set first wrongly then corrected (replaces, audited). */
	CHECK_INT(risk_rank_set(s, &insp, &k, &why), APP_OK);
	struct risk_rank_new k2 = k;
	k2.year = 2022;
	k2.position = 28;
	CHECK_INT(risk_rank_set(s, NULL, &k2, &why), APP_OK);
	k2.position = 30;
	k2.note = "Đính chính";
	CHECK_INT(risk_rank_set(s, NULL, &k2, &why), APP_OK);
	CHECK_INT(n_ranks(s), 2);
	/* Quốc Oai: first of 30 in 2022, 3rd in 2021 (it rose). */
	struct risk_rank_new q = { .year = 2022,
				   .unit_code = "HU-QO",
				   .index_name = "PAR Index cấp huyện",
				   .position = 1,
				   .of_n = 30,
				   .source = "Quyết định công bố chỉ số (thử)" };
	CHECK_INT(risk_rank_set(s, NULL, &q, &why), APP_OK);
	q.year = 2021;
	q.position = 3;
	CHECK_INT(risk_rank_set(s, NULL, &q, &why), APP_OK);
	{
		struct risk_rank_list l;
		CHECK_INT(risk_rank_list(s, &a, NULL, tt, &l), APP_OK);
		CHECK_INT(l.n, 2);
		if (l.n == 2) {
			CHECK_INT(l.v[0].year, 2022);
			CHECK_INT(l.v[0].position, 30);
			CHECK_STR(l.v[0].note, "Đính chính");
			CHECK_INT(l.v[1].position, 25);
		}
	}

	/* 2022 scores: place 1.0 plus the fall from 24/29 to 1.0. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-12-31", &t), APP_OK);
	r = row_of(&t, "HU-TT");
	CHECK(r != NULL);
	if (r) {
		CHECK(near(r->signal[RS_RANK], 1.0 + (1.0 - 24.0 / 29.0)));
		CHECK(near(r->part[RS_RANK], r->signal[RS_RANK]));
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK),
			       "PAR Index cấp huyện năm 2022: hạng 30/30 (cuối bảng)");
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK), "năm 2021: hạng 25/30, tụt 5 bậc");
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK), "Nguồn: Quyết định công bố chỉ số (thử)");
	}
	r = row_of(&t, "HU-QO");
	if (r) {
		CHECK(near(r->signal[RS_RANK], 0)); /* first, and rose: no fall */
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK), "hạng 1/30 (đầu bảng)");
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK), "tăng 2 bậc");
	}
	r = row_of(&t, "HU-DP");
	if (r) {
		CHECK(r->signal[RS_RANK] == 0);
		CHECK(risk_evidence(s, &a, r, RS_RANK) == NULL);
	}
	/* 2021 scores use 2021's ranking only; a later year's is not seen. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2021, "2021-12-31", &t), APP_OK);
	r = row_of(&t, "HU-TT");
	if (r) {
		CHECK(near(r->signal[RS_RANK], 24.0 / 29.0));
		const char *ev = risk_evidence(s, &a, r, RS_RANK);
		CHECK(ev && !strstr(ev, "2022"));
		CHECK(risk_evidence(s, &a, r, RS_TASKS) == NULL);
	}
	/* 2023 with nothing recorded for 2023: the latest (2022) applies. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2023, "2023-12-31", &t), APP_OK);
	r = row_of(&t, "HU-TT");
	if (r)
		CHECK_CONTAINS(risk_evidence(s, &a, r, RS_RANK), "năm 2022");

	/* The commission's weight for the signal. */
	struct risk_weights w = { .w = { 1, 1, 1, 1, 0, 1, 3 }, .note = "Coi trọng xếp hạng (thử)" };
	CHECK_INT(risk_weights_set(s, NULL, 2022, &w, &why), APP_OK);
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-12-31", &t), APP_OK);
	CHECK(t.weights.w[RS_RANK] == 3);
	r = row_of(&t, "HU-TT");
	if (r) {
		CHECK(near(r->part[RS_RANK], 3 * (1.0 + (1.0 - 24.0 / 29.0))));
		CHECK(t.v[0].unit_id == r->unit_id); /* the only unit with a signal */
	}

	/* Each setting is in the audit chain, the correction with its before. */
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 0);
	CHECK(v.entries >= 6);
	{
		struct stmt *st = store_stmt(s, &Q_RANK_AUDIT);
		bool row = false;
		CHECK(st != NULL);
		if (st) {
			CHECK_INT(stmt_step(st, &row), APP_OK);
			CHECK(row);
			if (row) {
				CHECK_CONTAINS(stmt_col_text(st, 0), "\"position\":28");
				CHECK_CONTAINS(stmt_col_text(st, 1), "\"position\":30");
			}
			stmt_done(st);
		}
	}
	CHECK_STR(risk_signal_code(RS_RANK), "ranking");
out:
	store_close(s);
	arena_release(&a);
}
