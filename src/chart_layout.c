/* chart_layout.c - a chart model placed in a drawing: marks for the painters. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "chart.h"

/* --- text width ------------------------------------------------------------ */

/* Decodes one code point at s[*i] (len bytes) and advances *i; a bad byte
 * is taken as U+FFFD. */
static unsigned
next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - *i, n, k;
	unsigned c;

	if (u[0] < 0x80) {
		(*i)++;
		return u[0];
	}
	if (u[0] >= 0xF0)
		n = 4, c = u[0] & 0x07;
	else if (u[0] >= 0xE0)
		n = 3, c = u[0] & 0x0F;
	else if (u[0] >= 0xC0)
		n = 2, c = u[0] & 0x1F;
	else
		n = 1, c = 0xFFFD;
	if (n > left)
		n = left, c = 0xFFFD;
	for (k = 1; k < n; k++)
		c = c << 6 | (u[k] & 0x3F);
	*i += n;
	return c;
}

/*
 * Advances in Vazirmatn Regular, in thousandths of an em, of the Persian
 * letters in their joined (medial) form; a letter that ends a word is drawn
 * wider, which WORD_END adds.  Measured with HarfBuzz on the font; over
 * the sample stories' words the estimate is within -8%..+27% of the shaped
 * width for nine words in ten, and labels of several words do better.
 */
static const struct {
	unsigned cp;
	unsigned short em;
} fa_advances[] = {
	{ 0x0621, 400 }, { 0x0622, 260 }, { 0x0623, 260 }, { 0x0624, 450 },
	{ 0x0625, 260 }, { 0x0626, 360 }, { 0x0627, 260 }, { 0x0628, 350 },
	{ 0x0629, 500 }, { 0x062A, 360 }, { 0x062B, 360 }, { 0x062C, 680 },
	{ 0x062D, 680 }, { 0x062E, 680 }, { 0x062F, 530 }, { 0x0630, 530 },
	{ 0x0631, 310 }, { 0x0632, 310 }, { 0x0633, 840 }, { 0x0634, 840 },
	{ 0x0635, 860 }, { 0x0636, 860 }, { 0x0637, 670 }, { 0x0638, 670 },
	{ 0x0639, 570 }, { 0x063A, 570 }, { 0x0641, 500 }, { 0x0642, 500 },
	{ 0x0644, 320 }, { 0x0645, 570 }, { 0x0646, 340 }, { 0x0647, 500 },
	{ 0x0648, 450 }, { 0x067E, 360 }, { 0x0686, 680 }, { 0x0698, 310 },
	{ 0x06A9, 510 }, { 0x06AF, 510 }, { 0x06CC, 360 },
};

#define WORD_END	0.3	/* a final or isolated letter's extra width */

/* An Arabic-script letter: one that joins its neighbours in a word. */
static int
is_letter(unsigned c)
{
	return (c >= 0x0620 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3);
}

/* Advance of c, in em: averages of the font's own advances, rounded up a
 * little so that estimated labels do not touch. */
static double
advance(unsigned c)
{
	size_t i;

	if (c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
	    (c >= 0x064B && c <= 0x065F) || c == 0x0670)
		return 0;	/* joiners, marks and vowel signs take no room */
	for (i = 0; i < sizeof fa_advances / sizeof fa_advances[0]; i++)
		if (fa_advances[i].cp == c)
			return fa_advances[i].em / 1000.0;
	if (c == ' ' || c == 0xA0)
		return 0.28;
	if (c >= 0x06F0 && c <= 0x06F9)
		return 0.53;
	if (c == 0x066C || c == 0x060C || c == 0x061B)
		return 0.28;
	if (c == 0x066B || c == 0x066A || c == 0x2212)
		return 0.5;
	if (c >= 0x0600 && c <= 0x06FF)
		return 0.5;
	if (c >= '0' && c <= '9')
		return 0.57;
	if (c >= 'a' && c <= 'z')
		return 0.52;
	if (c >= 'A' && c <= 'Z')
		return 0.66;
	if (c < 0x80)
		return 0.36;	/* punctuation */
	return 0.6;
}

double
chart_text_width(const char *s, size_t len, double size, int bold)
{
	double em = 0;
	size_t i = 0;
	unsigned c, prev = 0;

	while (i < len) {
		c = next_cp(s, len, &i);
		/* the letter before this one ended its word */
		if (is_letter(prev) && !is_letter(c))
			em += WORD_END;
		em += advance(c);
		prev = c;
	}
	if (is_letter(prev))
		em += WORD_END;
	return em * size * (bold ? 1.07 : 1);
}

/* --- layout ------------------------------------------------------------------ */

/* Sizes, in ems of the label font. */
#define LEAD		1.45	/* from one label line to the next */
#define TICK_SIZE	0.86	/* tick labels, a little smaller */
#define VALUE_SIZE	0.93
#define EDGE		0.3	/* blank at the drawing's edges */
#define STROKE		0.07	/* a hairline: 1 unit at 14 */
#define TURN		6.283185307179586	/* one turn, in radians */

struct lay {
	struct arena *a;
	const struct chart *c;
	double w, f;			/* drawing width, label font size */
	chart_measure_fn *measure;
	void *ctx;
	struct chart_mark *m;
	size_t n, cap;
};

static double
estimate(void *ctx, const char *s, size_t len, double size, int bold)
{
	(void)ctx;
	return chart_text_width(s, len, size, bold);
}

static double
width_of(struct lay *l, const char *s, double size, int bold)
{
	return l->measure(l->ctx, s, strlen(s), size, bold);
}

static struct chart_mark *
add(struct lay *l, enum chart_mark_kind kind, enum chart_role role,
    unsigned colour, size_t item)
{
	struct chart_mark *m;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;

		l->m = arena_grow(l->a, l->m, l->cap, cap, sizeof *l->m);
		l->cap = cap;
	}
	m = &l->m[l->n++];
	memset(m, 0, sizeof *m);
	m->kind = kind;
	m->role = role;
	m->colour = colour;
	m->item = item;
	return m;
}

static void
text(struct lay *l, enum chart_role role, const char *s, double x, double y,
    double size, enum chart_align align, unsigned colour, size_t item)
{
	struct chart_mark *m = add(l, CHART_MARK_TEXT, role, colour, item);

	m->text = s;
	m->x0 = x;
	m->y0 = y;
	m->size = size;
	m->align = align;
	m->bold = role == CHART_ROLE_NUMBER;
}

/* A rectangle between two corners in any order. */
static void
rect(struct lay *l, enum chart_role role, double x0, double y0, double x1,
    double y1, unsigned colour, size_t item)
{
	struct chart_mark *m = add(l, CHART_MARK_RECT, role, colour, item);

	m->x0 = fmin(x0, x1);
	m->x1 = fmax(x0, x1);
	m->y0 = fmin(y0, y1);
	m->y1 = fmax(y0, y1);
}

static void
line(struct lay *l, enum chart_role role, double x0, double y0, double x1,
    double y1, unsigned colour)
{
	struct chart_mark *m = add(l, CHART_MARK_LINE, role, colour,
	    CHART_NO_ITEM);

	m->x0 = x0;
	m->y0 = y0;
	m->x1 = x1;
	m->y1 = y1;
	m->r = STROKE * l->f;
}

static void
dot(struct lay *l, double x, double y, double r, size_t item)
{
	struct chart_mark *m = add(l, CHART_MARK_DOT, CHART_ROLE_POINT,
	    CHART_ACCENT, item);

	m->x0 = x;
	m->y0 = y;
	m->r = r;
}

/* Breaks s into lines no wider than maxw at spaces: ZWNJ sits inside a
 * word, so it is never a break.  A word wider than maxw gets a line of its
 * own.  Returns the number of lines, stored in *out. */
static size_t
wrap(struct lay *l, const char *s, double maxw, double size,
    const char ***out)
{
	size_t len = strlen(s), start = 0, end, n = 0, brk;
	const char **v = arena_array(l->a, len / 2 + 2, sizeof *v);
	int have;

	while (start < len) {
		brk = len;
		have = 0;
		for (end = start; end <= len; end++) {
			if (end < len && s[end] != ' ')
				continue;
			/* «و» (and) stays with the word it joins */
			if (end < len && end >= start + 2 &&
			    memcmp(s + end - 2, "\xD9\x88", 2) == 0 &&
			    (end == start + 2 || s[end - 3] == ' '))
				continue;
			if (have && l->measure(l->ctx, s + start, end - start,
			    size, 0) > maxw)
				break;
			brk = end;
			have = 1;
		}
		v[n++] = arena_strndup(l->a, s + start, brk - start);
		start = brk;
		while (start < len && s[start] == ' ')
			start++;
	}
	if (n == 0)
		v[n++] = "";
	*out = v;
	return n;
}

static double
widest_tick(struct lay *l)
{
	double w = 0;
	size_t i;

	for (i = 0; i < l->c->nticks; i++)
		w = fmax(w, width_of(l, l->c->ticks[i].label,
		    TICK_SIZE * l->f, 0));
	return w;
}

/* The points of a line chart, one polyline for each run without a
 * missing value between. */
static void
polylines(struct lay *l, const double *x, const double *y)
{
	const struct chart *c = l->c;
	size_t i = 0, j, k;

	while (i < c->nitems) {
		struct chart_mark *m;
		double *pts;

		if (c->items[i].missing) {
			i++;
			continue;
		}
		for (j = i; j < c->nitems && !c->items[j].missing; j++)
			;
		if (j - i > 1) {
			pts = arena_array(l->a, 2 * (j - i), sizeof *pts);
			for (k = i; k < j; k++) {
				pts[2 * (k - i)] = x[k];
				pts[2 * (k - i) + 1] = y[k];
			}
			m = add(l, CHART_MARK_POLYLINE, CHART_ROLE_LINE,
			    CHART_ACCENT, CHART_NO_ITEM);
			m->pts = pts;
			m->npts = j - i;
			m->r = 2.2 * STROKE * l->f;
		}
		i = j;
	}
}

/* Does the segment from a to b cross the box (Liang-Barsky clipping)? */
static int
crosses(const double box[4], double ax, double ay, double bx, double by)
{
	double p[4], q[4], t0 = 0, t1 = 1, r;
	int k;

	p[0] = ax - bx, q[0] = ax - box[0];
	p[1] = bx - ax, q[1] = box[2] - ax;
	p[2] = ay - by, q[2] = ay - box[1];
	p[3] = by - ay, q[3] = box[3] - ay;
	for (k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
			continue;
		}
		r = q[k] / p[k];
		if (p[k] < 0 && r > t1)
			return 0;
		if (p[k] > 0 && r < t0)
			return 0;
		if (p[k] < 0)
			t0 = fmax(t0, r);
		else
			t1 = fmin(t1, r);
	}
	return t0 <= t1;
}

/*
 * A line chart's value label goes where the line is not: over the point,
 * beside it above, under it, or beside it below, the first of these whose
 * box no segment from the point crosses and that stays over the plot.
 */
static void
point_label(struct lay *l, const double *px, const double *py, size_t i,
    double x0, double x1)
{
	static const struct {
		double dx, dy;		/* from the point, in ems */
		enum chart_align align;
	} spots[] = {
		{ 0, -0.5, CHART_ALIGN_CENTER },
		{ 0.35, -0.4, CHART_ALIGN_LEFT },
		{ -0.35, -0.4, CHART_ALIGN_RIGHT },
		{ 0, 1.25, CHART_ALIGN_CENTER },
		{ 0.35, 1.15, CHART_ALIGN_LEFT },
		{ -0.35, 1.15, CHART_ALIGN_RIGHT },
	};
	const struct chart *c = l->c;
	const struct chart_item *it = &c->items[i];
	double f = l->f, vs = VALUE_SIZE * f, w, box[4], x, y;
	size_t k, pick = 0;

	w = width_of(l, it->value_label, vs, 0);
	for (k = 0; k < sizeof spots / sizeof spots[0]; k++) {
		x = px[i] + spots[k].dx * f;
		y = py[i] + spots[k].dy * f;
		box[0] = spots[k].align == CHART_ALIGN_LEFT ? x :
		    spots[k].align == CHART_ALIGN_RIGHT ? x - w : x - w / 2;
		box[2] = box[0] + w;
		box[1] = y - 0.8 * vs;
		box[3] = y + 0.25 * vs;
		if (box[0] < x0 || box[2] > x1)
			continue;
		if (i > 0 && !c->items[i - 1].missing &&
		    crosses(box, px[i], py[i], px[i - 1], py[i - 1]))
			continue;
		if (i + 1 < c->nitems && !c->items[i + 1].missing &&
		    crosses(box, px[i], py[i], px[i + 1], py[i + 1]))
			continue;
		pick = k;
		break;
	}
	text(l, CHART_ROLE_VALUE, it->value_label, px[i] + spots[pick].dx * f,
	    py[i] + spots[pick].dy * f, vs, spots[pick].align, CHART_INK, i);
}

/* How many categories to step from one shown label to the next on a line
 * chart, so that unwrapped labels do not collide. */
static size_t
label_step(struct lay *l, double slot)
{
	double w = 0;
	size_t i, k;

	for (i = 0; i < l->c->nitems; i++)
		w = fmax(w, width_of(l, l->c->items[i].label, l->f, 0));
	for (k = 1; k < l->c->nitems && k * slot < w + 0.8 * l->f; k++)
		;
	return k;
}

/*
 * Columns and lines: the value axis up the right-hand side, where a
 * right-to-left reader starts, ticks labelled beside it; the first category
 * rightmost; values over the bars (under them below zero), category labels
 * wrapped under the plot.
 */
static double
lay_columns(struct lay *l)
{
	const struct chart *c = l->c;
	double f = l->f, x0, x1, top = EDGE * f, ph, bottom, slot, y, cx;
	double *px, *py, yzero, lines_h = 1;
	size_t i, k, nl, step = 1;
	const char **ln;
	int neg = c->axis_min < 0, is_line = c->kind == CHART_LINE;

	x1 = l->w - widest_tick(l) - (EDGE + 0.5) * f;
	x0 = EDGE * f;
	slot = (x1 - x0) / (double)c->nitems;
	if (c->unit != NULL) {
		text(l, CHART_ROLE_UNIT, c->unit, l->w - EDGE * f, top + f,
		    TICK_SIZE * f, CHART_ALIGN_RIGHT, CHART_MUTED,
		    CHART_NO_ITEM);
		top += 1.4 * f;
	}
	top += 1.5 * f;		/* a value label over the highest bar */
	ph = fmax(9 * f, 0.36 * l->w);
	bottom = top + ph;
	yzero = bottom - c->zero_frac * ph;

	for (i = 0; i < c->nticks; i++) {
		y = bottom - c->ticks[i].frac * ph;
		if (c->ticks[i].value != 0)
			line(l, CHART_ROLE_GRID, x0, y, x1, y, CHART_GRID);
		text(l, CHART_ROLE_TICK, c->ticks[i].label, x1 + 0.5 * f,
		    y + 0.33 * TICK_SIZE * f, TICK_SIZE * f, CHART_ALIGN_LEFT,
		    CHART_MUTED, CHART_NO_ITEM);
	}
	px = arena_array(l->a, c->nitems, sizeof *px);
	py = arena_array(l->a, c->nitems, sizeof *py);
	for (i = 0; i < c->nitems; i++) {
		px[i] = x1 - slot * ((double)i + 0.5);
		py[i] = bottom - c->items[i].frac * ph;
	}
	if (!is_line)
		for (i = 0; i < c->nitems; i++) {
			double bw = fmin(0.62 * slot, 3.4 * f);

			if (!c->items[i].missing)
				rect(l, CHART_ROLE_BAR, px[i] - bw / 2, yzero,
				    px[i] + bw / 2, py[i], c->items[i].colour,
				    i);
		}
	line(l, CHART_ROLE_AXIS, x0, yzero, x1, yzero, CHART_MUTED);
	if (is_line) {
		polylines(l, px, py);
		for (i = 0; i < c->nitems; i++)
			if (!c->items[i].missing)
				dot(l, px[i], py[i], 0.24 * f, i);
	}
	for (i = 0; i < c->nitems; i++) {
		const struct chart_item *it = &c->items[i];

		if (is_line) {
			if (width_of(l, it->value_label, VALUE_SIZE * f, 0) >
			    slot - 0.2 * f)
				break;	/* crowded: the table has the values */
			if (!it->missing)
				point_label(l, px, py, i, x0, x1);
			continue;
		}
		y = it->value < 0 ? py[i] + 1.1 * f : py[i] - 0.45 * f;
		text(l, CHART_ROLE_VALUE, it->value_label, px[i], y,
		    VALUE_SIZE * f, CHART_ALIGN_CENTER, CHART_INK, i);
	}

	/* under zero, a negative value's label hangs below the plot */
	bottom += (neg ? 1.3 : 0.3) * f;
	if (is_line)
		step = label_step(l, slot);
	for (i = 0; i < c->nitems; i += step) {
		cx = px[i];
		if (is_line)
			nl = 1, ln = &c->items[i].label;
		else
			nl = wrap(l, c->items[i].label, slot - 0.35 * f, f, &ln);
		for (k = 0; k < nl; k++)
			text(l, CHART_ROLE_CATEGORY, ln[k], cx,
			    bottom + f * (1.1 + LEAD * (double)k), f,
			    CHART_ALIGN_CENTER, CHART_INK, i);
		lines_h = fmax(lines_h, (double)nl);
	}
	return bottom + f * (1.1 + LEAD * (lines_h - 1)) + (EDGE + 0.4) * f;
}

/*
 * Horizontal bars: category labels on the right, flush with the edge; bars
 * grow leftwards from the zero line; each value at its bar's end; ticks
 * labelled under the plot.
 */
static double
lay_hbars(struct lay *l)
{
	const struct chart *c = l->c;
	double f = l->f, xr = l->w - EDGE * f, lw = 0, vw = 0, nw = 0;
	double x0, x1, pw, y, top = EDGE * f, rowh, ym, xzero, xv;
	size_t i, k, nl;
	const char **ln;

	for (i = 0; i < c->nitems; i++) {
		double w = width_of(l, c->items[i].value_label,
		    VALUE_SIZE * f, 0);

		lw = fmax(lw, width_of(l, c->items[i].label, f, 0));
		if (c->items[i].value < 0)
			nw = fmax(nw, w + 0.4 * f);
		else
			vw = fmax(vw, w + 0.4 * f);
	}
	lw = fmin(lw, 0.34 * l->w);
	x1 = xr - lw - 0.8 * f - nw;
	x0 = EDGE * f + fmax(vw, 0.5 * widest_tick(l));
	pw = x1 - x0;
	xzero = x1 - c->zero_frac * pw;

	y = top;
	for (i = 0; i < c->nitems; i++) {
		const struct chart_item *it = &c->items[i];

		nl = wrap(l, it->label, lw, f, &ln);
		rowh = fmax(2.1 * f, LEAD * f * (double)nl + 0.6 * f);
		ym = y + rowh / 2;
		for (k = 0; k < nl; k++)
			text(l, CHART_ROLE_CATEGORY, ln[k], xr,
			    ym + 0.35 * f + LEAD * f *
			    ((double)k - (double)(nl - 1) / 2),
			    f, CHART_ALIGN_RIGHT, CHART_INK, i);
		if (!it->missing)
			rect(l, CHART_ROLE_BAR, xzero, ym - 0.62 * f,
			    x1 - it->frac * pw, ym + 0.62 * f, it->colour, i);
		xv = x1 - it->frac * pw;
		text(l, CHART_ROLE_VALUE, it->value_label,
		    it->value < 0 ? xv + 0.4 * f : xv - 0.4 * f,
		    ym + 0.33 * VALUE_SIZE * f, VALUE_SIZE * f,
		    it->value < 0 ? CHART_ALIGN_LEFT : CHART_ALIGN_RIGHT,
		    CHART_INK, i);
		y += rowh;
	}
	for (i = 0; i < c->nticks; i++) {
		double x = x1 - c->ticks[i].frac * pw;

		if (c->ticks[i].value != 0)
			line(l, CHART_ROLE_GRID, x, top, x, y, CHART_GRID);
		text(l, CHART_ROLE_TICK, c->ticks[i].label, x, y + 1.2 * f,
		    TICK_SIZE * f, CHART_ALIGN_CENTER, CHART_MUTED,
		    CHART_NO_ITEM);
	}
	line(l, CHART_ROLE_AXIS, xzero, top, xzero, y, CHART_MUTED);
	y += 1.2 * f;
	if (c->unit != NULL) {
		y += 1.4 * f;
		text(l, CHART_ROLE_UNIT, c->unit, x1, y, TICK_SIZE * f,
		    CHART_ALIGN_RIGHT, CHART_MUTED, CHART_NO_ITEM);
	}
	return y + (EDGE + 0.4) * f;
}

/* Moves the grid lines to the front of the marks, keeping their order, so
 * that they are painted under everything else. */
static void
grid_first(struct lay *l)
{
	struct chart_mark *tmp = arena_array(l->a, l->n + 1, sizeof *tmp);
	size_t i, k = 0;

	for (i = 0; i < l->n; i++)
		if (l->m[i].role == CHART_ROLE_GRID)
			tmp[k++] = l->m[i];
	for (i = 0; i < l->n; i++)
		if (l->m[i].role != CHART_ROLE_GRID)
			tmp[k++] = l->m[i];
	memcpy(l->m, tmp, l->n * sizeof *tmp);
}

/*
 * A pie: the legend on the right, read first, and the disc on its left;
 * both together centred.  Slices turn counterclockwise from 12 o'clock, the
 * largest first, each with its share when there is room inside it.
 */
static double
lay_pie(struct lay *l)
{
	const struct chart *c = l->c;
	double f = l->f, d = fmin(0.4 * l->w, 13 * f), r = d / 2, lw = 0;
	double vw = 0, sw = 0.85 * f, legh = 0, h, gw, gx, cx, cy, xr, xl;
	double y, rowh, tm;
	const char **vals = arena_array(l->a, c->nitems + 1, sizeof *vals);
	const char ***ln = arena_array(l->a, c->nitems + 1, sizeof *ln);
	size_t *nl = arena_array(l->a, c->nitems + 1, sizeof *nl);
	struct chart_mark *m;
	size_t i, k;

	for (i = 0; i < c->nitems; i++) {
		vals[i] = arena_printf(l->a, "%s (%s)", c->items[i].value_label,
		    c->items[i].share_label);
		lw = fmax(lw, width_of(l, c->items[i].label, f, 0));
		vw = fmax(vw, width_of(l, vals[i], VALUE_SIZE * f, 0));
	}
	/* labels too long for the room beside the disc wrap */
	lw = fmax(3 * f, fmin(lw, l->w - 2 * EDGE * f - d - 2.2 * f - sw -
	    0.5 * f - 0.9 * f - vw));
	for (i = 0; i < c->nitems; i++) {
		nl[i] = wrap(l, c->items[i].label, lw, f, &ln[i]);
		legh += 1.75 * f + LEAD * f * (double)(nl[i] - 1);
	}
	h = fmax(d, legh) + 2 * (EDGE + 0.3) * f;
	gw = d + 2.2 * f + sw + 0.5 * f + lw + 0.9 * f + vw;
	gx = fmax(EDGE * f, (l->w - gw) / 2);
	xr = gx + gw;
	cx = gx + r;
	cy = h / 2;

	for (i = 0; i < c->nitems; i++) {
		m = add(l, CHART_MARK_SLICE, CHART_ROLE_SLICE,
		    c->items[i].colour, i);
		m->x0 = cx;
		m->y0 = cy;
		m->r = r;
	}
	for (i = 0; i < c->nitems; i++) {
		const struct chart_item *it = &c->items[i];

		if (it->share < 0.07)
			continue;	/* too thin: the legend has it */
		tm = TURN * (it->turn0 + it->turn1) / 2;
		text(l, CHART_ROLE_SHARE, it->share_label,
		    cx - 0.64 * r * sin(tm),
		    cy - 0.64 * r * cos(tm) + 0.33 * VALUE_SIZE * f,
		    VALUE_SIZE * f, CHART_ALIGN_CENTER, it->on_colour, i);
	}
	y = cy - legh / 2;
	xl = xr - sw - 0.5 * f;
	for (i = 0; i < c->nitems; i++, y += rowh) {
		/* a wrapped label's first line stays level with its swatch */
		rowh = 1.75 * f + LEAD * f * (double)(nl[i] - 1);
		rect(l, CHART_ROLE_SWATCH, xr - sw, y + (1.75 * f - sw) / 2, xr,
		    y + (1.75 * f + sw) / 2, c->items[i].colour, i);
		for (k = 0; k < nl[i]; k++)
			text(l, CHART_ROLE_LEGEND, ln[i][k], xl,
			    y + 1.225 * f + LEAD * f * (double)k, f,
			    CHART_ALIGN_RIGHT, CHART_INK, i);
		text(l, CHART_ROLE_LEGEND_VALUE, vals[i], xl - lw - 0.9 * f,
		    y + 1.225 * f, VALUE_SIZE * f, CHART_ALIGN_RIGHT,
		    CHART_MUTED, i);
	}
	return h;
}

/* One big number, its unit on its left as the line reads on, and its
 * label under it, all centred. */
static double
lay_number(struct lay *l)
{
	const struct chart *c = l->c;
	const struct chart_item *it = &c->items[0];
	double f = l->f, big = 3 * f, nw, uw = 0, gap = 0.4 * f, xr, y;
	const char **ln;
	size_t k, nl;

	nw = width_of(l, it->value_label, big, 1);
	if (c->unit != NULL)
		uw = width_of(l, c->unit, 1.3 * f, 0) + gap;
	xr = (l->w + nw + uw) / 2;
	y = EDGE * f + big;
	text(l, CHART_ROLE_NUMBER, it->value_label, xr, y, big,
	    CHART_ALIGN_RIGHT, CHART_ACCENT, 0);
	if (c->unit != NULL)
		text(l, CHART_ROLE_UNIT, c->unit, xr - nw - gap, y, 1.3 * f,
		    CHART_ALIGN_RIGHT, CHART_MUTED, CHART_NO_ITEM);
	y += 0.4 * f;
	nl = wrap(l, it->label != NULL ? it->label : "",
	    l->w - 2 * EDGE * f, 1.05 * f, &ln);
	for (k = 0; k < nl; k++) {
		y += LEAD * 1.05 * f;
		text(l, CHART_ROLE_NUMBER_LABEL, ln[k], l->w / 2, y, 1.05 * f,
		    CHART_ALIGN_CENTER, CHART_INK, 0);
	}
	return y + (EDGE + 0.5) * f;
}

void
chart_layout(struct arena *a, const struct chart *c, double width,
    double font_size, chart_measure_fn *measure, void *ctx,
    struct chart_scene *out)
{
	struct lay l;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.c = c;
	l.w = width;
	l.f = font_size;
	l.measure = measure != NULL ? measure : estimate;
	l.ctx = ctx;
	out->width = width;
	out->height = 0;
	if (c->kind == CHART_TABLE) {
		/* nothing to draw: the table is the chart */
	} else if ((c->flags & CHART_EMPTY) || c->nitems == 0) {
		text(&l, CHART_ROLE_NO_DATA, CHART_NO_DATA, width / 2,
		    1.9 * font_size, font_size, CHART_ALIGN_CENTER, CHART_MUTED,
		    CHART_NO_ITEM);
		out->height = 3 * font_size;
	} else if (c->kind == CHART_BAR || c->kind == CHART_LINE) {
		out->height = lay_columns(&l);
	} else if (c->kind == CHART_HBAR) {
		out->height = lay_hbars(&l);
	} else if (c->kind == CHART_PIE) {
		out->height = lay_pie(&l);
	} else {
		out->height = lay_number(&l);
	}
	grid_first(&l);
	out->marks = l.m;
	out->nmarks = l.n;
}
