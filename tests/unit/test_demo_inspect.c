/*
** The inspection demo (model/demo_inspect.c) on both engines: team no. 2 at
** Thường Tín with its issued conclusion and findings, the 2022 reviews the
** seeds name, the finding on the accountability list once its deadline has
** passed, and an intact audit chain over all of it.
*/
#include "test.h"

#include <sys/stat.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/demo.h"
#include "model/inspect.h"
#include "model/review.h"
#include "model/risk.h"
#include "model/unit.h"
#include "store/store.h"
#include "util/util.h"

static bool have_data(void)
{
	struct stat st;
	return stat("data/admin/units_2025-07-01.csv", &st) == 0;
}

static struct store *demo_store(void)
{
	struct store *s = NULL;
	struct demo_stats st;
	const char *why = NULL;

	account_testing_fast_hash();
	CHECK_INT(store_open(test_db_url(), &s, NULL), APP_OK);
	if (!s)
		return NULL;
	CHECK_INT(store_migrate(s, NULL), APP_OK);
	CHECK_INT(demo_build(s, "data", "demo-password-1", &st, &why), APP_OK);
	if (why)
		fprintf(stderr, "    %s\n", why);
	return s;
}

/* The administrative-reform finding in l, or NULL. */
static const struct finding *par_finding(const struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i].content, "cải cách hành chính"))
			return &l->v[i];
	return NULL;
}

TEST(db_demo_inspect_team2)
{
	struct store *s;
	struct arena a;
	struct inspection_list pl;
	struct team_list tl;
	struct conclusion c;
	int64_t *ids = NULL, tt_old = 0;
	size_t nv = 0;

	if (!have_data() || !(s = demo_store()))
		return;
	arena_init(&a);
	{
		struct unit u;
		CHECK_INT(unit_get_by_code(s, &a, "279-2025", &u), APP_OK);
		tt_old = u.id;
	}

	/* The 2022 programme holds team no. 2 at the Thường Tín District Committee on 5/5/2022. */
	CHECK_INT(programme_list(s, &a, NULL, 2022, 0, &pl), APP_OK);
	CHECK_INT(pl.n, 1);
	if (pl.n != 1)
		goto out;
	const struct inspection *in = &pl.v[0];
	CHECK_CONTAINS(in->title, "Đoàn kiểm tra số 2");
	CHECK_INT(in->unit_id, tt_old);
	CHECK_STR(in->unit_code, "279-2025");
	CHECK_STR(in->date_from, "2022-05-05");
	CHECK_INT(in->kind, IK_INSPECTION_THEMATIC);
	CHECK_STR(in->state, "concluded");
	CHECK_CONTAINS(in->subjects, "01-CTr/TU");
	CHECK_CONTAINS(in->content, "seeds/000_f02fccab7e88711f.txt");
	CHECK_CONTAINS(in->method, "Dữ liệu mẫu");

	/* Its team: Nguyễn Ngọc Tuấn leads (an account nobody can sign in as), kiemtra is a member. */
	CHECK_INT(team_list(s, &a, NULL, in->id, &tl), APP_OK);
	CHECK_INT(tl.n, 2);
	if (tl.n == 2) {
		CHECK_INT(tl.v[0].role, TR_LEADER);
		CHECK_CONTAINS(tl.v[0].name, "Nguyễn Ngọc Tuấn");
		CHECK_STR(tl.v[1].login, "kiemtra");
		CHECK_INT(tl.v[1].role, TR_MEMBER);
	}
	{
		struct account acc;
		CHECK_INT(account_login(s, &a, "nguyenngoctuan", "demo-password-1", "127.0.0.1", &acc), APP_EAUTH);
	}

	/* One issued conclusion of 5/5/2022; every finding complete; the administrative-reform one first. */
	CHECK_INT(conclusion_versions(s, &a, NULL, in->id, &ids, &nv), APP_OK);
	CHECK_INT(nv, 1);
	if (nv != 1)
		goto out;
	CHECK_INT(conclusion_get(s, &a, NULL, ids[0], &c), APP_OK);
	CHECK_STR(c.state, "issued");
	CHECK_STR(c.conc_date, "2022-05-05");
	CHECK_CONTAINS(c.commendations, "kết quả tích cực");
	CHECK_CONTAINS(c.criticisms, "rõ nguyên nhân, rõ địa chỉ");
	CHECK_INT(c.findings.n, 3);
	for (size_t i = 0; i < c.findings.n; i++) {
		const struct finding *f = &c.findings.v[i];
		CHECK(f->live);
		CHECK_STR(f->cause_kind, "subjective");
		CHECK(f->cause && *f->cause);
		CHECK_STR(f->addressee_kind, "unit");
		CHECK_INT(f->addressee_unit_id, tt_old);
		CHECK(f->remedy && *f->remedy);
		CHECK(f->deadline && strcmp(f->deadline, "2022-05-05") >= 0);
	}
	const struct finding *par = par_finding(&c.findings);
	CHECK(par != NULL);
	if (par) {
		CHECK_INT(par->seq, 1);
		CHECK_CONTAINS(par->content, "đứng cuối bảng xếp hạng của Thành phố");
		CHECK_CONTAINS(par->remedy, "nâng bậc xếp hạng");
		CHECK_STR(par->deadline, "2022-12-31");
		CHECK_STR(par->addressee, "Huyện ủy Thường Tín");
	}
out:
	arena_release(&a);
	store_close(s);
}

TEST(db_demo_inspect_accountability)
{
	struct store *s;
	struct arena a;
	struct accountability acc;
	const struct finding *f;

	if (!have_data() || !(s = demo_store()))
		return;
	arena_init(&a);

	/* On its deadline the administrative-reform finding is open within deadline: not on the list. */
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "31/12/2022", &acc), APP_OK);
	CHECK(par_finding(&acc.list) == NULL);
	CHECK_INT(acc.list.n, 2); /* the two with earlier deadlines are */

	/* Two days later it is, under Huyện ủy Thường Tín, 2 days overdue. */
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2023-01-02", &acc), APP_OK);
	CHECK_INT(acc.ngroups, 1);
	if (acc.ngroups == 1)
		CHECK_STR(acc.groups[0].addressee, "Huyện ủy Thường Tín");
	f = par_finding(&acc.list);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, TS_OVERDUE);
		CHECK_INT(f->days_overdue, 2);
	}
	CHECK_INT(acc.list.n, 3);

	/* Before the inspection nothing is due. */
	CHECK_INT(finding_accountability(s, &a, NULL, 0, "2022-05-05", &acc), APP_OK);
	CHECK_INT(acc.list.n, 0);

	/* The inspected unit's open findings as of 2/1/2023, as its page shows them. */
	{
		struct unit u;
		struct finding_list open;
		CHECK_INT(unit_get_by_code(s, &a, "279-2025", &u), APP_OK);
		CHECK_INT(finding_open_for_unit(s, &a, NULL, u.id, "2023-01-02", &open), APP_OK);
		CHECK_INT(open.n, 3);
	}
	arena_release(&a);
	store_close(s);
}

TEST(db_demo_inspect_reviews_audit)
{
	struct store *s;
	struct arena a;
	struct review_list rl;
	struct audit_verify v;
	bool hk = false, udic = false, tt = false;

	if (!have_data() || !(s = demo_store()))
		return;
	arena_init(&a);

	/* The 2022 reviews of the units seed 003 names, with its points and source; no group is named. */
	CHECK_INT(review_list(s, &a, NULL, 2022, 0, "2023-01-02", &rl), APP_OK);
	CHECK_INT(rl.n, 3);
	for (size_t i = 0; i < rl.n; i++) {
		const struct review *r = &rl.v[i];
		CHECK_INT(r->group_no, 0);
		CHECK_CONTAINS(r->points, "seeds/003_0baba18c2b1f3171.txt");
		CHECK_STR(r->points_date, "2022-12-31");
		if (!strcmp(r->unit_code, "002-2025")) {
			hk = true;
			CHECK_CONTAINS(r->points, "trật tự đô thị");
		} else if (!strcmp(r->unit_code, "DU-UDIC")) {
			udic = true;
			CHECK_CONTAINS(r->points, "đấu thầu");
		} else if (!strcmp(r->unit_code, "279-2025")) {
			tt = true;
			CHECK_CONTAINS(r->points, "cải cách hành chính");
		}
	}
	CHECK(hk && udic && tt);

	/* Every step went through the audited model: the chain is intact and covers it. */
	CHECK_INT(audit_verify(s, &v), APP_OK);
	CHECK_INT(v.broken_at, 0);
	CHECK(v.entries >= 11);
	arena_release(&a);
	store_close(s);
}

TEST(db_demo_inspect_rank)
{
	struct store *s;
	struct arena a;
	struct risk_table t;
	const struct risk_row *tt = NULL;

	if (!have_data() || !(s = demo_store()))
		return;
	arena_init(&a);
	/* Scores for 2022 as of the inspection: Thường Tín's ranking signal is at its maximum place, with evidence. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-05-05", &t), APP_OK);
	for (size_t i = 0; i < t.n; i++)
		if (!strcmp(t.v[i].code, "279-2025"))
			tt = &t.v[i];
	CHECK(tt != NULL);
	if (tt) {
		CHECK(tt->signal[RS_RANK] == 1.0);
		CHECK(tt->part[RS_RANK] == 1.0); /* default weights */
		CHECK_CONTAINS(risk_evidence(s, &a, tt, RS_RANK), "hạng 30/30 (cuối bảng)");
		CHECK_CONTAINS(risk_evidence(s, &a, tt, RS_RANK), "seeds/000_f02fccab7e88711f.txt");
	}
	/* Asked for 2022 with no date, the scores are as of 31/12/2022: the dissolved district is there. */
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, NULL, &t), APP_OK);
	{
		const struct risk_row *again = NULL;
		for (size_t i = 0; i < t.n; i++)
			if (!strcmp(t.v[i].code, "279-2025"))
				again = &t.v[i];
		CHECK(again != NULL);
		if (again)
			CHECK(again->signal[RS_RANK] == 1.0);
		/* ... and the communes formed on 1/7/2025 are not */
		for (size_t i = 0; i < t.n; i++)
			CHECK(strcmp(t.v[i].code, "10183") != 0);
	}
	/* Today (after 1/7/2025) the current year's scores hold the commune, not the district. */
	{
		char today[11];
		int y;
		date_today(today);
		y = (int)strtol(today, NULL, 10);
		CHECK_INT(risk_scores(s, &a, NULL, 0, y, NULL, &t), APP_OK);
		for (size_t i = 0; i < t.n; i++)
			CHECK(strcmp(t.v[i].code, "279-2025") != 0);
	}
	CHECK_INT(risk_scores(s, &a, NULL, 0, 2022, "2022-05-05", &t), APP_OK);
	/* No other unit has a ranking recorded: no evidence, no signal. */
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.v[i].code, "279-2025") != 0) {
			CHECK(t.v[i].signal[RS_RANK] == 0);
			CHECK(risk_evidence(s, &a, &t.v[i], RS_RANK) == NULL);
		}
	arena_release(&a);
	store_close(s);
}
