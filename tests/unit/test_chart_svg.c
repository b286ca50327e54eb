/* The SVG chart writer (render/chart_svg.h): escaping, empty data, negative and zero values, long names. */
#include "test.h"

#include "render/chart_svg.h"
#include "util/util.h"

static size_t count(const char *h, const char *n)
{
	size_t k = 0;

	for (const char *p = h; (p = strstr(p, n)); p += strlen(n))
		k++;
	return k;
}

TEST(chart_svg_escapes_labels_and_titles)
{
	struct sbuf b;
	struct chart_bar it = { .label = "<script>alert(1)</script> & \"x\"",
				.measure = "<b>",
				.has_value = true,
				.value = 1,
				.has_target = true,
				.target = 2 };
	struct chart_point pt = { "<i>2026</i>", true, 3 };
	const char *labels[] = { "A<B" }, *fills[] = { "#111111" };
	int64_t n[] = { 2 };

	sbuf_init(&b, 0);
	chart_svg_bars(&b, "x1", "T<1>", "D&2", &it, 1);
	chart_svg_line(&b, "x2", "T\"3", "D'4", "<m>", &pt, 1, false, 0);
	chart_svg_stack(&b, "x3", "T", "D", labels, fills, n, 1);
	CHECK(strstr(b.buf, "<script>") == NULL);
	CHECK(strstr(b.buf, "<b>") == NULL && strstr(b.buf, "<i>") == NULL && strstr(b.buf, "<m>") == NULL);
	CHECK_CONTAINS(b.buf, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;");
	CHECK_CONTAINS(b.buf, "<title id=\"x1-t\">T&lt;1&gt;</title><desc id=\"x1-d\">D&amp;2</desc>");
	CHECK_CONTAINS(b.buf, "&lt;i&gt;2026&lt;/i&gt;");
	CHECK_CONTAINS(b.buf, "A&lt;B: 2 (100%)");
	CHECK_CONTAINS(b.buf, "role=\"img\" aria-labelledby=\"x1-t x1-d\"");
	CHECK_INT((long long)count(b.buf, "<svg "), 3);
	CHECK_INT((long long)count(b.buf, "</svg>"), 3);
	sbuf_release(&b);
}

TEST(chart_svg_empty_data)
{
	struct sbuf b;
	int64_t zero[4] = { 0 };
	const char *labels[4] = { "a", "b", "c", "d" }, *fills[4] = { "#000", "#111", "#222", "#333" };
	struct chart_point none[2] = { { "2025", false, 0 }, { "2026", false, 0 } };

	sbuf_init(&b, 0);
	chart_svg_bars(&b, "e1", "T", "D", NULL, 0);
	CHECK_CONTAINS(b.buf, "Chưa có chỉ tiêu để hiển thị.");
	sbuf_reset(&b);
	chart_svg_line(&b, "e2", "T", "D", "%", NULL, 0, false, 0);
	CHECK_CONTAINS(b.buf, "Chưa có số liệu theo kỳ.");
	sbuf_reset(&b);
	chart_svg_line(&b, "e3", "T", "D", "%", none, 2, true, 100);
	CHECK_CONTAINS(b.buf, "Chưa có số liệu theo kỳ.");
	CHECK_CONTAINS(b.buf, "Mục tiêu 100");
	CHECK(strstr(b.buf, "<polyline") == NULL && strstr(b.buf, "<circle") == NULL);
	sbuf_reset(&b);
	chart_svg_stack(&b, "e4", "T", "D", labels, fills, zero, 4);
	CHECK_CONTAINS(b.buf, "Chưa có nhiệm vụ.");
	CHECK_CONTAINS(b.buf, "a: 0 (0%)");
	CHECK(strstr(b.buf, "nan") == NULL && strstr(b.buf, "inf") == NULL);
	sbuf_release(&b);
}

TEST(chart_svg_negative_zero_and_direction)
{
	struct sbuf b;
	struct chart_bar it[] = {
		{ .label = "neg", .measure = "vụ", .has_value = true, .value = -5, .has_target = true, .target = 10 },
		{ .label = "zero", .measure = "%", .has_value = true, .value = 0, .has_target = true, .target = 0 },
		{ .label = "down met",
		  .measure = "vụ",
		  .lower_better = true,
		  .has_value = true,
		  .value = 3,
		  .has_target = true,
		  .target = 5 },
		{ .label = "up unmet",
		  .measure = "vụ",
		  .has_value = true,
		  .value = 3,
		  .has_target = true,
		  .target = 5 },
		{ .label = "no value", .measure = "%", .has_target = true, .target = 1234.5 },
	};
	struct chart_point pts[] = {
		{ "2024", true, -2 }, { "2025", true, 0 }, { "2026", false, 0 }, { "2027", true, 4 }
	};

	sbuf_init(&b, 0);
	chart_svg_bars(&b, "n1", "T", "D", it, ARRAY_SIZE(it));
	/* -5 on a scale of 10: half the 640 px bar, marked negative */
	CHECK_CONTAINS(b.buf, "<rect class=\"bar neg\" x=\"0\" y=\"78\" width=\"320\"");
	CHECK_CONTAINS(b.buf, ">-5 / 10</text>");
	/* lower is better: 3 against 5 is met (green); higher is better: not met (red) */
	CHECK_CONTAINS(b.buf, "down met: 3 vụ; mục tiêu 5 vụ (càng thấp càng tốt, đạt mục tiêu)");
	CHECK_CONTAINS(b.buf, "up unmet: 3 vụ; mục tiêu 5 vụ (càng cao càng tốt, chưa đạt mục tiêu)");
	CHECK_CONTAINS(b.buf, "fill=\"#15803d\"");
	CHECK_CONTAINS(b.buf, "fill=\"#b91c1c\"");
	CHECK_CONTAINS(b.buf, "no value: chưa có số liệu; mục tiêu 1.234,5%");
	CHECK(strstr(b.buf, "nan") == NULL && strstr(b.buf, "inf") == NULL);
	sbuf_reset(&b);
	chart_svg_line(&b, "n2", "T", "D", "vụ", pts, ARRAY_SIZE(pts), false, 0);
	/* 2024-2025 joined, 2026 a gap, 2027 alone */
	CHECK_INT((long long)count(b.buf, "<polyline"), 1);
	CHECK_INT((long long)count(b.buf, "<circle"), 3);
	CHECK(strstr(b.buf, "nan") == NULL);
	sbuf_release(&b);
}

TEST(chart_svg_long_names_cut_on_characters)
{
	struct sbuf b;
	struct sbuf name;
	struct chart_bar it = { .measure = "%", .has_value = true, .value = 50, .has_target = true, .target = 100 };
	char want[256];

	sbuf_init(&name, 0);
	for (int i = 0; i < 30; i++)
		sbuf_addstr(&name, "Tỷ lệ ");
	it.label = name.buf;
	sbuf_init(&b, 0);
	chart_svg_bars(&b, "l1", "T", "D", &it, 1);
	/* the full name stays in the row's title; the visible text is cut after CHART_LABEL_MAX - 1 characters with "…" */
	CHECK_CONTAINS(b.buf, name.buf);
	{
		/* the byte length of the first CHART_LABEL_MAX - 1 characters */
		size_t bytes = 0, chars = 0;
		while (name.buf[bytes] && chars < CHART_LABEL_MAX - 1) {
			bytes++;
			while (((unsigned char)name.buf[bytes] & 0xC0) == 0x80)
				bytes++;
			chars++;
		}
		snprintf(want, sizeof(want), ">%.*s…</text>", (int)bytes, name.buf);
	}
	CHECK_CONTAINS(b.buf, want);
	sbuf_release(&b);
	sbuf_release(&name);
}

TEST(chart_svg_numbers_vietnamese)
{
	struct sbuf b;
	const char *labels[] = { "Đúng hạn", "Quá hạn" }, *fills[] = { "#15803d", "#b91c1c" };
	int64_t n[] = { 1234, 1 };
	struct arena a;

	sbuf_init(&b, 0);
	chart_svg_stack(&b, "v1", "T", "D", labels, fills, n, 2);
	CHECK_CONTAINS(b.buf, "Đúng hạn: 1.234 (99,9%)");
	CHECK_CONTAINS(b.buf, "Quá hạn: 1 (0,1%)");
	sbuf_release(&b);
	arena_init(&a);
	CHECK_STR(chart_num(&a, 1234.5), "1.234,5");
	CHECK_STR(chart_num(&a, 96.6667), "96,67");
	CHECK_STR(chart_num(&a, 100), "100");
	arena_release(&a);
}
