/* SVG charts through the escaping writer (chart_svg.h). */
#include "render/chart_svg.h"

#include <math.h>

#include "render/html.h"

static void num_buf(double v, char *out, size_t n)
{
	int dec = 0;
	double a = fabs(v);

	if (!isfinite(v)) {
		snprintf(out, n, "—");
		return;
	}
	if (fabs(a - round(a)) > 1e-9)
		dec = fabs(a * 10 - round(a * 10)) < 1e-6 ? 1 : 2;
	num_format_vn(v, dec, out, n);
}

const char *chart_num(struct arena *a, double v)
{
	char buf[64];

	num_buf(v, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* s cut to CHART_LABEL_MAX characters (UTF-8) with "…", into out. */
static void cut_label(const char *s, char *out, size_t n)
{
	size_t i = 0, chars = 0, keep = 0;

	if (!s)
		s = "";
	while (s[i]) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == CHART_LABEL_MAX - 1)
				keep = i;
			chars++;
		}
		i++;
	}
	if (chars <= CHART_LABEL_MAX || keep + 4 > n)
		snprintf(out, n, "%s", s);
	else
		snprintf(out, n, "%.*s…", (int)keep, s);
	if (chars > CHART_LABEL_MAX && keep + 4 > n)
		out[0] = '\0';
}

static void head(struct sbuf *b, const char *id, const char *title, const char *desc, long long w, long long h,
		 const char *cls)
{
	HTML(b,
	     "<svg class=\"chart %h\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
	     "aria-labelledby=\"%h-t %h-d\" font-family=\"sans-serif\"><title id=\"%h-t\">%h</title>"
	     "<desc id=\"%h-d\">%h</desc>",
	     cls, w, h, id, id, id, title ? title : "", id, desc ? desc : "");
}

/* ---- target versus actual ---- */

#define BAR_W 640
#define ROW_H 80

void chart_svg_bars(struct sbuf *b, const char *id, const char *title, const char *desc, const struct chart_bar *items,
		    size_t n)
{
	long long h = 56 + (long long)(n ? n : 1) * ROW_H;

	head(b, id, title, desc, 1000, h, "chart-bars");
	HTML_LIT(b,
		 "<g font-size=\"18\" fill=\"#111\"><rect x=\"0\" y=\"8\" width=\"18\" height=\"18\" fill=\"#15803d\"/>"
		 "<text x=\"26\" y=\"23\">Đạt mục tiêu</text>"
		 "<rect x=\"170\" y=\"8\" width=\"18\" height=\"18\" fill=\"#b91c1c\"/>"
		 "<text x=\"196\" y=\"23\">Chưa đạt</text>"
		 "<rect x=\"310\" y=\"8\" width=\"18\" height=\"18\" fill=\"#6b7280\"/>"
		 "<text x=\"336\" y=\"23\">Không có mục tiêu</text>"
		 "<line x1=\"520\" y1=\"4\" x2=\"520\" y2=\"30\" stroke=\"#111\" stroke-width=\"4\"/>"
		 "<text x=\"532\" y=\"23\">Mục tiêu</text></g>");
	if (!n)
		HTML_LIT(b,
			 "<text x=\"0\" y=\"90\" font-size=\"20\" fill=\"#111\">Chưa có chỉ tiêu để hiển thị.</text>");
	for (size_t i = 0; i < n; i++) {
		const struct chart_bar *x = &items[i];
		long long y0 = 48 + (long long)i * ROW_H;
		double scale = 0;
		char lab[256], vs[64], ts[64];
		const char *fill = "#6b7280", *state = "không có mục tiêu";
		const char *ms = x->measure ? x->measure : "";
		bool pct = strcmp(ms, "%") == 0;

		cut_label(x->label, lab, sizeof(lab));
		num_buf(x->value, vs, sizeof(vs));
		num_buf(x->target, ts, sizeof(ts));
		if (x->has_value)
			scale = fabs(x->value);
		if (x->has_target && fabs(x->target) > scale)
			scale = fabs(x->target);
		if (x->has_value && x->has_target) {
			bool met = x->lower_better ? x->value <= x->target : x->value >= x->target;
			fill = met ? "#15803d" : "#b91c1c";
			state = met ? "đạt mục tiêu" : "chưa đạt mục tiêu";
		}
		HTML(b,
		     "<g class=\"bar-row\"><title>%h: %h%h%h; mục tiêu %h%h%h (%h, %h)</title>"
		     "<text x=\"0\" y=\"%d\" font-size=\"20\" fill=\"#111\">%h</text>",
		     x->label ? x->label : "", x->has_value ? vs : "chưa có số liệu", x->has_value && !pct ? " " : "",
		     x->has_value ? ms : "", x->has_target ? ts : "không có", x->has_target && !pct ? " " : "",
		     x->has_target ? ms : "", x->lower_better ? "càng thấp càng tốt" : "càng cao càng tốt",
		     x->has_value ? state : "chưa có số liệu", y0 + 20, lab);
		HTML(b, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"30\" fill=\"#e5e7eb\"/>", y0 + 30,
		     (long long)BAR_W);
		if (x->has_value && scale > 0) {
			long long w = (long long)llround(fabs(x->value) / scale * BAR_W);
			HTML(b, "<rect class=\"bar%h\" x=\"0\" y=\"%d\" width=\"%d\" height=\"30\" fill=\"%h\"%h/>",
			     x->value < 0 ? " neg" : "", y0 + 30, w, fill,
			     x->value < 0 ? " stroke=\"#111\" stroke-dasharray=\"6 3\"" : "");
		}
		if (x->has_target && scale > 0) {
			long long t = (long long)llround(fabs(x->target) / scale * BAR_W);
			HTML(b,
			     "<line class=\"target\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\" "
			     "stroke-width=\"4\"/>",
			     t, y0 + 24, t, y0 + 66);
		}
		HTML(b, "<text x=\"%d\" y=\"%d\" font-size=\"20\" fill=\"#111\">%h%h%h%h</text></g>",
		     (long long)BAR_W + 16, y0 + 52, x->has_value ? vs : "—", x->has_target ? " / " : "",
		     x->has_target ? ts : "", pct ? " %" : (ms[0] ? "" : ""));
		if (ms[0] && !pct)
			HTML(b, "<text x=\"%d\" y=\"%d\" font-size=\"16\" fill=\"#374151\">%h</text>",
			     (long long)BAR_W + 16, y0 + 72, ms);
	}
	HTML_LIT(b, "</svg>");
}

/* ---- trend ---- */

void chart_svg_line(struct sbuf *b, const char *id, const char *title, const char *desc, const char *measure,
		    const struct chart_point *pts, size_t n, bool has_target, double target)
{
	const long long X0 = 110, X1 = 960, Y0 = 30, Y1 = 300;
	double lo = 0, hi = 0;
	bool any = false;
	char buf[64];

	for (size_t i = 0; i < n; i++)
		if (pts[i].has_value && isfinite(pts[i].value)) {
			lo = fmin(lo, pts[i].value);
			hi = fmax(hi, pts[i].value);
			any = true;
		}
	if (has_target && isfinite(target)) {
		lo = fmin(lo, target);
		hi = fmax(hi, target);
	}
	if (hi - lo < 1e-9)
		hi = lo + 1;
	head(b, id, title, desc, 1000, 380, "chart-line");
	/* axes and five ticks */
	for (int k = 0; k <= 4; k++) {
		double v = lo + (hi - lo) * k / 4;
		long long y = Y1 - (Y1 - Y0) * k / 4;

		num_buf(v, buf, sizeof(buf));
		HTML(b,
		     "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d1d5db\" stroke-width=\"1\"/>"
		     "<text x=\"%d\" y=\"%d\" font-size=\"18\" fill=\"#374151\" text-anchor=\"end\">%h</text>",
		     X0, y, X1, y, X0 - 10, y + 6, buf);
	}
	if (measure && *measure)
		HTML(b, "<text x=\"0\" y=\"20\" font-size=\"18\" fill=\"#374151\">%h</text>", measure);
	if (!n || !any)
		HTML_LIT(b, "<text x=\"300\" y=\"170\" font-size=\"22\" fill=\"#111\">Chưa có số liệu theo kỳ.</text>");
#define PX(i) (n > 1 ? X0 + 30 + (long long)(i) * (X1 - X0 - 60) / (long long)(n - 1) : (X0 + X1) / 2)
#define PY(v) ((long long)llround(Y1 - ((v)-lo) / (hi - lo) * (double)(Y1 - Y0)))
	if (has_target && isfinite(target)) {
		num_buf(target, buf, sizeof(buf));
		HTML(b,
		     "<line class=\"target\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\" stroke-width=\"2\" "
		     "stroke-dasharray=\"10 6\"/><text x=\"%d\" y=\"%d\" font-size=\"18\" fill=\"#111\" "
		     "text-anchor=\"end\">Mục tiêu %h</text>",
		     X0, PY(target), X1, PY(target), X1, PY(target) - 8, buf);
	}
	/* the line, broken where a period has no value */
	for (size_t i = 0; i < n;) {
		size_t j = i;
		if (!pts[i].has_value) {
			i++;
			continue;
		}
		while (j + 1 < n && pts[j + 1].has_value)
			j++;
		if (j > i) {
			HTML_LIT(b, "<polyline fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"4\" points=\"");
			for (size_t k = i; k <= j; k++)
				HTML(b, "%d,%d ", PX(k), PY(pts[k].value));
			HTML_LIT(b, "\"/>");
		}
		i = j + 1;
	}
	for (size_t i = 0; i < n; i++) {
		char lab[128];

		cut_label(pts[i].label, lab, sizeof(lab));
		HTML(b, "<text x=\"%d\" y=\"%d\" font-size=\"18\" fill=\"#111\" text-anchor=\"middle\">%h</text>",
		     PX(i), Y1 + 30, lab);
		if (!pts[i].has_value)
			continue;
		num_buf(pts[i].value, buf, sizeof(buf));
		HTML(b,
		     "<g class=\"point\"><title>%h: %h</title><circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"#1d4ed8\"/>"
		     "<text x=\"%d\" y=\"%d\" font-size=\"18\" fill=\"#111\" text-anchor=\"middle\">%h</text></g>",
		     pts[i].label ? pts[i].label : "", buf, PX(i), PY(pts[i].value), PX(i), PY(pts[i].value) - 14, buf);
	}
#undef PX
#undef PY
	HTML_LIT(b, "</svg>");
}

/* ---- stacked shares ---- */

void chart_svg_stack(struct sbuf *b, const char *id, const char *title, const char *desc, const char *const *labels,
		     const char *const *fills, const int64_t *counts, size_t k)
{
	int64_t total = 0, cum = 0;
	long long h = 90 + (long long)((k + 1) / 2) * 36;

	if (k > 8)
		k = 8;
	for (size_t i = 0; i < k; i++)
		total += counts[i] > 0 ? counts[i] : 0;
	head(b, id, title, desc, 1000, h, "chart-stack");
	if (!total)
		HTML_LIT(b, "<rect x=\"0\" y=\"10\" width=\"1000\" height=\"50\" fill=\"#e5e7eb\"/>"
			    "<text x=\"20\" y=\"44\" font-size=\"20\" fill=\"#111\">Chưa có nhiệm vụ.</text>");
	for (size_t i = 0; i < k && total; i++) {
		int64_t c = counts[i] > 0 ? counts[i] : 0;
		long long x0 = (long long)(cum * 1000 / total), x1;

		cum += c;
		x1 = (long long)(cum * 1000 / total);
		if (x1 > x0)
			HTML(b,
			     "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"50\" fill=\"%h\" stroke=\"#fff\" "
			     "stroke-width=\"1\"><title>%h: %d</title></rect>",
			     x0, x1 - x0, fills[i], labels[i], (long long)c);
	}
	for (size_t i = 0; i < k; i++) {
		int64_t c = counts[i] > 0 ? counts[i] : 0;
		long long x = (i % 2) ? 500 : 0, y = 80 + (long long)(i / 2) * 36;
		char cnt[48], pct[48];

		num_format_vn((double)c, 0, cnt, sizeof(cnt));
		num_buf(total ? round(1000.0 * (double)c / (double)total) / 10.0 : 0, pct, sizeof(pct));
		HTML(b,
		     "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"22\" fill=\"%h\"/><text x=\"%d\" y=\"%d\" "
		     "font-size=\"20\" fill=\"#111\">%h: %h (%h%%)</text>",
		     x, y, fills[i], x + 30, y + 18, labels[i], cnt, pct);
	}
	HTML_LIT(b, "</svg>");
}
