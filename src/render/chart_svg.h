/*
** Charts as inline SVG, drawn on the server (the CSP forbids scripts and
** inline styles; SVG presentation attributes are fine): target versus
** actual per indicator, a trend over periods, and the share of tasks in
** the four states. Everything goes through the escaping writer
** (render/html.h): labels are text, never markup. Each chart carries
** <title> and <desc> (role="img", aria-labelledby) and is sized by its
** viewBox, so it scales on a projector and prints on A4. Numbers are
** written the Vietnamese way (1.234,5). Pure output: no I/O, no SQL.
*/
#ifndef GIAMSAT_RENDER_CHART_SVG_H
#define GIAMSAT_RENDER_CHART_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Labels longer than this many characters are cut with "…" (the full text stays in the row's <title>). */
#define CHART_LABEL_MAX 64

/* One indicator of a target-versus-actual chart. */
struct chart_bar {
	const char *label;   /* indicator name */
	const char *measure; /* "%", "trạm" ... (may be NULL) */
	bool lower_better;   /* the indicator's direction */
	bool has_value, has_target;
	double value, target;
};

/*
** Target versus actual: one row per item, each on its own scale (the
** larger of |value| and |target|): a bar for the actual value, a mark for
** the target, green when the value meets the target in the indicator's
** direction, red when not, grey without a target; "chưa có số liệu"
** without a value. id makes the title/desc ids unique in the page.
*/
void chart_svg_bars(struct sbuf *b, const char *id, const char *title, const char *desc, const struct chart_bar *items,
		    size_t n);

/* One point of a trend. */
struct chart_point {
	const char *label; /* period, "2025", "2026-Q1" */
	bool has_value;
	double value;
};

/*
** A trend: a line through the points that have a value, with the target
** as a dashed line when has_target; the vertical axis runs from
** min(0, values, target) to their maximum. Periods without a value leave a
** gap in the line.
*/
void chart_svg_line(struct sbuf *b, const char *id, const char *title, const char *desc, const char *measure,
		    const struct chart_point *pts, size_t n, bool has_target, double target);

/*
** A stacked bar of counts in k categories (k <= 8) with a legend giving
** each count and its share ("12 (40%)"); fills[i] is an SVG colour
** ("#15803d"), a literal of trusted code.
*/
void chart_svg_stack(struct sbuf *b, const char *id, const char *title, const char *desc, const char *const *labels,
		     const char *const *fills, const int64_t *counts, size_t k);

/* "1.234,5": as many decimals as v needs, at most 2; in a. */
const char *chart_num(struct arena *a, double v);

#endif
