/*
** The PAN measures of bench/reuse/plagdet_core.h on hand-made cases whose
** answers were computed by hand, plus the examples of the webis reference
** implementation's own unit tests (same annotations, same expected values).
*/
#include <math.h>

#include "../test.h"
#include "util/util.h"

#include "../../bench/reuse/plagdet_core.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-6)

static struct pd_ann A(const char *t, long to, long tl, const char *s, long so, long sl, bool ext) {
	struct pd_ann a = { t, to, tl, s, so, sl, ext, -1, -1 };

	return a;
}

/* The annotations of the reference's TestPerfMeasures. */
#define ANN1 A("tref1", 0, 100, "sref1", 0, 100, true)
#define ANN2 A("tref1", 0, 100, "", 0, 0, false)
#define ANN3 A("tref1", 100, 100, "sref1", 100, 100, true)
#define ANN4 A("tref1", 0, 200, "sref1", 0, 200, true)
#define ANN5 A("tref1", 0, 1, "sref1", 0, 1, true)
#define ANN6 A("tref1", 99, 1, "sref1", 99, 1, true)
#define ANN7 A("tref2", 0, 100, "sref2", 0, 100, true)
#define ANN8 A("tref2", 0, 100, "", 0, 0, false)
#define ANN9 A("tref2", 50, 100, "sref2", 50, 100, true)
#define ANN10 A("tref2", 25, 75, "sref2", 25, 75, true)

TEST(reuse_eval_reference_case_recall)
{
	struct pd_ann c1 = ANN1, c7 = ANN7;
	struct pd_ann d[3];

	CHECK(NEAR(pd_case_recall(&c1, NULL, 0), 0));
	d[0] = ANN1;
	CHECK(NEAR(pd_case_recall(&c1, d, 1), 1));
	d[0] = ANN2; /* not external: only the suspicious side counts */
	CHECK(NEAR(pd_case_recall(&c1, d, 1), 0.5));
	d[0] = ANN3;
	CHECK(NEAR(pd_case_recall(&c1, d, 1), 0));
	d[0] = ANN4;
	CHECK(NEAR(pd_case_recall(&c1, d, 1), 1));
	d[0] = ANN4, d[1] = ANN7;
	CHECK(NEAR(pd_case_recall(&c1, d, 2), 1));
	d[0] = ANN7, d[1] = ANN9;
	CHECK(NEAR(pd_case_recall(&c1, d, 2), 0));
	d[0] = ANN9;
	CHECK(NEAR(pd_case_recall(&c7, d, 1), 0.5));
	d[0] = ANN10;
	CHECK(NEAR(pd_case_recall(&c7, d, 1), 0.75));
	d[0] = ANN9, d[1] = ANN10;
	CHECK(NEAR(pd_case_recall(&c7, d, 2), 0.75));
}

TEST(reuse_eval_reference_macro_and_granularity)
{
	struct pd_ann c[2], d[3];

	CHECK(NEAR(pd_macro_recall(NULL, 0, NULL, 0), 1));
	c[0] = ANN1;
	CHECK(NEAR(pd_macro_recall(c, 1, NULL, 0), 0));
	CHECK(NEAR(pd_macro_recall(NULL, 0, c, 1), 0));
	c[0] = ANN1, c[1] = ANN7, d[0] = ANN1;
	CHECK(NEAR(pd_macro_recall(c, 2, d, 1), 0.5));
	CHECK(NEAR(pd_macro_precision(c, 2, d, 1), 1));
	c[0] = ANN1, d[0] = ANN7;
	CHECK(NEAR(pd_macro_recall(c, 1, d, 1), 0));
	c[0] = ANN1, d[0] = ANN4;
	CHECK(NEAR(pd_macro_precision(c, 1, d, 1), 0.5));
	c[0] = ANN7, d[0] = ANN9, d[1] = ANN10;
	CHECK(NEAR(pd_macro_precision(c, 1, d, 2), 0.75));
	c[0] = ANN1, d[0] = ANN3, d[1] = ANN4;
	CHECK(NEAR(pd_macro_precision(c, 1, d, 2), 0.25));

	CHECK(NEAR(pd_granularity(NULL, 0, NULL, 0), 1));
	c[0] = ANN1, d[0] = ANN2;
	CHECK(NEAR(pd_granularity(c, 1, d, 1), 1));
	d[1] = ANN3;
	CHECK(NEAR(pd_granularity(c, 1, d, 2), 1));
	d[2] = ANN4;
	CHECK(NEAR(pd_granularity(c, 1, d, 3), 2));
	c[1] = ANN3, d[0] = ANN2, d[1] = ANN4;
	CHECK(NEAR(pd_granularity(c, 2, d, 2), 1.5));

	CHECK(NEAR(pd_plagdet(-1, 0, 0), 0));
	CHECK(NEAR(pd_plagdet(0, 0, 1), 0));
	CHECK(NEAR(pd_plagdet(1, 1, 1), 1));
	CHECK(NEAR(pd_plagdet(0.5, 1, 1), 2.0 / 3));
	CHECK(NEAR(pd_plagdet(1, 1, 2), 0.63092975));
	CHECK(NEAR(pd_plagdet(0.25, 0.75, 2), 0.23659865));

	{
		struct pd_ann a1 = ANN1, a2 = ANN2, a3 = ANN3, a5 = ANN5, a6 = ANN6, a7 = ANN7;

		CHECK(pd_overlap(&a1, &a2));
		CHECK(!pd_overlap(&a1, &a3));
		CHECK(pd_overlap(&a1, &a5));
		CHECK(pd_overlap(&a1, &a6));
		CHECK(!pd_overlap(&a1, &a7));
	}
}

/* Half of a case found, shifted by 50 bytes on both sides. */
TEST(reuse_eval_shifted_detection)
{
	struct pd_ann c = A("s1", 100, 100, "r1", 1000, 100, true);
	struct pd_ann d = A("s1", 150, 100, "r1", 1050, 100, true);
	struct pd_score s = pd_evaluate(&c, 1, &d, 1);

	/* recall (50 + 50) / 200; precision the same from the detection's side */
	CHECK(NEAR(s.rec, 0.5));
	CHECK(NEAR(s.prec, 0.5));
	CHECK(NEAR(s.gran, 1));
	CHECK(NEAR(s.plagdet, 0.5));
	CHECK_INT(s.detected, 1);
}

/* One case found as two pieces with a 20-byte hole in the middle. */
TEST(reuse_eval_split_case)
{
	struct pd_ann c = A("s1", 0, 100, "r1", 0, 100, true);
	struct pd_ann d[2] = { A("s1", 0, 40, "r1", 0, 40, true), A("s1", 60, 40, "r1", 60, 40, true) };
	struct pd_score s = pd_evaluate(&c, 1, d, 2);

	CHECK(NEAR(s.rec, 0.8)); /* (80 + 80) / 200 */
	CHECK(NEAR(s.prec, 1));  /* both pieces lie inside the case */
	CHECK(NEAR(s.gran, 2));
	/* F1 = 2 * 0.8 / 1.8 = 0.888...; / log2(3) */
	CHECK(NEAR(s.plagdet, (1.6 / 1.8) / log2(3.0)));
	CHECK(fabs(s.plagdet - 0.560826) < 1e-5);
}

/* The right suspicious bytes attributed to the wrong source find nothing. */
TEST(reuse_eval_wrong_source)
{
	struct pd_ann c = A("s1", 0, 100, "r1", 0, 100, true);
	struct pd_ann d = A("s1", 0, 100, "r2", 0, 100, true);
	struct pd_score s = pd_evaluate(&c, 1, &d, 1);

	CHECK(NEAR(s.rec, 0));
	CHECK(NEAR(s.prec, 0));
	CHECK(NEAR(s.gran, 1));
	CHECK(NEAR(s.plagdet, 0));
	/* and the same source at other bytes of it finds nothing either */
	d = A("s1", 0, 100, "r1", 500, 100, true);
	CHECK(NEAR(pd_case_recall(&c, &d, 1), 0));
}

/* Two cases from far-apart source regions merged into one detection. */
TEST(reuse_eval_merged_detection)
{
	struct pd_ann c[2] = { A("s1", 0, 100, "r1", 0, 100, true), A("s1", 100, 100, "r1", 300, 100, true) };
	struct pd_ann d = A("s1", 0, 200, "r1", 0, 400, true);
	struct pd_score s = pd_evaluate(c, 2, &d, 1);

	CHECK(NEAR(s.rec, 1));
	/* covered: 200 suspicious + 200 source of the 600 detected bytes */
	CHECK(NEAR(s.prec, 400.0 / 600));
	CHECK(NEAR(s.gran, 1));
	CHECK(NEAR(s.plagdet, 0.8)); /* 2 * (2/3) / (5/3) */
}

/* Macro averaging: each case weighs the same whatever its length. */
TEST(reuse_eval_macro_average_and_negatives)
{
	struct pd_ann c[2] = { A("s1", 0, 1000, "r1", 0, 1000, true), A("s2", 0, 10, "r1", 2000, 10, true) };
	struct pd_ann d[3] = { A("s1", 0, 1000, "r1", 0, 1000, true), A("s2", 0, 5, "r1", 2000, 5, true),
			       A("neg", 0, 50, "r1", 0, 50, true) };
	struct pd_score s = pd_evaluate(c, 2, d, 3);

	CHECK(NEAR(s.rec, (1 + 0.5) / 2));
	/* the detection in a file without cases has precision 0: (1 + 1 + 0) / 3 */
	CHECK(NEAR(s.prec, 2.0 / 3));
	CHECK(NEAR(s.gran, 1));
	CHECK(NEAR(s.plagdet, 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0 / 3)));

	/* a negative file alone: nothing to find and nothing found scores 1 */
	s = pd_evaluate(NULL, 0, NULL, 0);
	CHECK(NEAR(s.plagdet, 1));
	s = pd_evaluate(NULL, 0, &d[2], 1);
	CHECK(NEAR(s.plagdet, 0));
}

TEST(reuse_eval_dedup_and_union)
{
	struct pd_ann d[3] = { A("s1", 0, 10, "r1", 0, 10, true), A("s1", 0, 10, "r1", 0, 10, true),
			       A("s1", 5, 10, "r1", 5, 10, true) };
	struct pd_iv iv[4] = { { 10, 20 }, { 0, 5 }, { 15, 30 }, { 40, 40 } };

	CHECK_INT(pd_dedup(d, 3), 2);
	CHECK_INT(d[1].toff, 5);
	CHECK_INT(pd_union_len(iv, 4), 25); /* [0,5) + [10,30) */
}
