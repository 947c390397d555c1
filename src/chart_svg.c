/* chart_svg.c - the site's chart painter: inline SVG with real text, and the data as a table. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"

/*
 * The drawing's own units.  The SVG has a viewBox and no width, so it takes
 * the width of its figure (about 600 px in the site's measure) and labels of
 * 14 units come out near the page's small text.
 */
#define SVG_WIDTH	560
#define SVG_FONT	14
/*
 * On a phone the figure is about 280 px wide: the 560-unit drawing would
 * set its labels at 7 px.  A second drawing, 320 units wide, keeps them
 * near 11 px there; the stylesheet shows one of the two by the page's
 * width.  Its columns turn into horizontal bars, whose Persian labels need
 * no room under narrow columns.
 */
#define SVG_NARROW	320

static const char *const kind_names[CHART_KIND__MAX] = {
	[CHART_BAR] = "bar",
	[CHART_HBAR] = "hbar",
	[CHART_PIE] = "pie",
	[CHART_LINE] = "line",
	[CHART_TABLE] = "table",
	[CHART_NUMBER] = "number",
};

/* What a screen reader says the picture is. */
static const char *const kind_words[CHART_KIND__MAX] = {
	[CHART_BAR] = "نمودار ستونی",
	[CHART_HBAR] = "نمودار میله‌ای",
	[CHART_PIE] = "نمودار دایره‌ای",
	[CHART_LINE] = "نمودار خطی",
	[CHART_TABLE] = "جدول",
	[CHART_NUMBER] = "عدد",
};

/* Class names, so that the site's stylesheet can recolour (dark mode). */
static const char *const role_classes[CHART_ROLE__MAX] = {
	[CHART_ROLE_GRID] = "grid",
	[CHART_ROLE_AXIS] = "axis",
	[CHART_ROLE_BAR] = "bar",
	[CHART_ROLE_LINE] = "line",
	[CHART_ROLE_POINT] = "point",
	[CHART_ROLE_SLICE] = "slice",
	[CHART_ROLE_SWATCH] = "swatch",
	[CHART_ROLE_TICK] = "tick",
	[CHART_ROLE_CATEGORY] = "category",
	[CHART_ROLE_VALUE] = "value",
	[CHART_ROLE_SHARE] = "share",
	[CHART_ROLE_LEGEND] = "legend",
	[CHART_ROLE_LEGEND_VALUE] = "legend-value",
	[CHART_ROLE_UNIT] = "unit",
	[CHART_ROLE_NUMBER] = "number",
	[CHART_ROLE_NUMBER_LABEL] = "number-label",
	[CHART_ROLE_NO_DATA] = "no-data",
};

/*
 * text-anchor names the end of the text by its direction: in a right-to-left
 * <text>, "start" is the right edge.
 */
static const char *const anchors[CHART_ALIGN__MAX] = {
	[CHART_ALIGN_RIGHT] = "start",
	[CHART_ALIGN_CENTER] = "middle",
	[CHART_ALIGN_LEFT] = "end",
};

static void
put_text(struct buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

/* A coordinate to a tenth of a unit, without a trailing ".0": the files
 * stay small and the same on every machine. */
static void
put_num(struct buf *b, double v)
{
	long t = lround(v * 10);

	if (t < 0) {
		buf_putc(b, '-');
		t = -t;
	}
	if (t % 10 == 0)
		buf_printf(b, "%ld", t / 10);
	else
		buf_printf(b, "%ld.%ld", t / 10, t % 10);
}

static void
put_attr_num(struct buf *b, const char *name, double v)
{
	buf_printf(b, " %s=\"", name);
	put_num(b, v);
	buf_putc(b, '"');
}

/* x, y of the point turn turns counterclockwise from 12 o'clock. */
static void
put_turn_point(struct buf *b, const struct chart_mark *m, double turn)
{
	double a = 6.283185307179586 * turn;

	put_num(b, m->x0 - m->r * sin(a));
	buf_putc(b, ' ');
	put_num(b, m->y0 - m->r * cos(a));
}

static void
put_open(struct buf *b, const char *el, const struct chart_mark *m)
{
	buf_printf(b, "<%s class=\"%s\"", el, role_classes[m->role]);
}

static void
put_slice(struct buf *b, const struct chart *c, const struct chart_mark *m)
{
	const struct chart_item *it = &c->items[m->item];
	double span = it->turn1 - it->turn0;

	if (span >= 1 - 1e-9) {
		put_open(b, "circle", m);
		put_attr_num(b, "cx", m->x0);
		put_attr_num(b, "cy", m->y0);
		put_attr_num(b, "r", m->r);
	} else {
		/* sweep-flag 0: counterclockwise on the screen */
		put_open(b, "path", m);
		buf_puts(b, " d=\"M");
		put_num(b, m->x0);
		buf_putc(b, ' ');
		put_num(b, m->y0);
		buf_puts(b, "L");
		put_turn_point(b, m, it->turn0);
		buf_puts(b, "A");
		put_num(b, m->r);
		buf_putc(b, ' ');
		put_num(b, m->r);
		buf_printf(b, " 0 %d 0 ", span > 0.5);
		put_turn_point(b, m, it->turn1);
		buf_puts(b, "Z\"");
	}
	/* a paper-coloured seam keeps neighbouring slices apart */
	buf_printf(b, " fill=\"#%06x\" stroke=\"#%06x\" stroke-width=\"1.5\""
	    " stroke-linejoin=\"round\"/>\n", m->colour, CHART_PAPER);
}

static void
put_mark(struct buf *b, const struct chart *c, const struct chart_mark *m)
{
	size_t i;

	switch (m->kind) {
	case CHART_MARK_RECT:
		put_open(b, "rect", m);
		put_attr_num(b, "x", m->x0);
		put_attr_num(b, "y", m->y0);
		put_attr_num(b, "width", m->x1 - m->x0);
		put_attr_num(b, "height", m->y1 - m->y0);
		buf_printf(b, " fill=\"#%06x\"/>\n", m->colour);
		break;
	case CHART_MARK_LINE:
		put_open(b, "line", m);
		put_attr_num(b, "x1", m->x0);
		put_attr_num(b, "y1", m->y0);
		put_attr_num(b, "x2", m->x1);
		put_attr_num(b, "y2", m->y1);
		buf_printf(b, " stroke=\"#%06x\"", m->colour);
		put_attr_num(b, "stroke-width", m->r);
		buf_puts(b, "/>\n");
		break;
	case CHART_MARK_POLYLINE:
		put_open(b, "polyline", m);
		buf_puts(b, " points=\"");
		for (i = 0; i < m->npts; i++) {
			if (i > 0)
				buf_putc(b, ' ');
			put_num(b, m->pts[2 * i]);
			buf_putc(b, ',');
			put_num(b, m->pts[2 * i + 1]);
		}
		buf_printf(b, "\" fill=\"none\" stroke=\"#%06x\"", m->colour);
		put_attr_num(b, "stroke-width", m->r);
		buf_puts(b, " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
		break;
	case CHART_MARK_DOT:
		put_open(b, "circle", m);
		put_attr_num(b, "cx", m->x0);
		put_attr_num(b, "cy", m->y0);
		put_attr_num(b, "r", m->r);
		buf_printf(b, " fill=\"#%06x\" stroke=\"#%06x\""
		    " stroke-width=\"1.5\"/>\n", m->colour, CHART_PAPER);
		break;
	case CHART_MARK_SLICE:
		put_slice(b, c, m);
		break;
	case CHART_MARK_TEXT:
		put_open(b, "text", m);
		put_attr_num(b, "x", m->x0);
		put_attr_num(b, "y", m->y0);
		buf_printf(b, " direction=\"rtl\" xml:lang=\"fa\""
		    " text-anchor=\"%s\"", anchors[m->align]);
		put_attr_num(b, "font-size", m->size);
		if (m->bold)
			buf_puts(b, " font-weight=\"700\"");
		buf_printf(b, " fill=\"#%06x\">", m->colour);
		put_text(b, m->text);
		buf_puts(b, "</text>\n");
		break;
	default:
		break;
	}
}

/* How many categories the bucket holds, in the booklet's digits. */
static const char *
count(struct arena *a, const struct chart *c)
{
	return chart_format(a, (double)c->nfolded, 0,
	    c->latin ? CHART_LATIN : 0);
}

/* The chart said in words, for <desc>: the kind and unit, then each
 * category with its value ("اوقات فراغت: ۱٬۷۶۰"), and what the bucket holds. */
static void
put_desc(struct buf *b, struct arena *a, const struct chart *c)
{
	size_t i;

	put_text(b, kind_words[c->kind]);
	if (c->unit != NULL) {
		buf_puts(b, " (واحد: ");
		put_text(b, c->unit);
		buf_puts(b, ")");
	}
	buf_puts(b, ". ");
	if (c->flags & CHART_EMPTY) {
		put_text(b, CHART_NO_DATA);
		buf_puts(b, ".");
		return;
	}
	for (i = 0; i < c->nitems; i++) {
		const struct chart_item *it = &c->items[i];

		if (i > 0)
			buf_puts(b, "؛ ");
		put_text(b, it->label != NULL ? it->label : "");
		buf_puts(b, ": ");
		put_text(b, it->value_label);
		if (c->kind == CHART_PIE) {
			buf_puts(b, " (");
			put_text(b, it->share_label);
			buf_puts(b, ")");
		}
	}
	buf_puts(b, ".");
	if (c->flags & CHART_FOLDED)
		buf_printf(b, " «%s» جمع %s دسته‌ی کوچک‌تر است.", CHART_OTHERS,
		    count(a, c));
}

/* id, then suffix: every id in the page must be unique. */
static void
put_id(struct buf *b, const char *id, const char *suffix)
{
	put_text(b, id);
	buf_puts(b, suffix);
}

/* c drawn width units wide; class_extra ("" or " chart-narrow") lets the
 * stylesheet choose. */
static void
write_svg(const struct chart *c, const char *id, double width,
    const char *class_extra, struct arena *a, struct buf *b)
{
	struct chart_scene s;
	size_t i;

	chart_layout(a, c, width, SVG_FONT, NULL, NULL, &s);
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart"
	    " chart-%s%s\" id=\"", kind_names[c->kind], class_extra);
	put_id(b, id, "\" viewBox=\"0 0 ");
	put_num(b, s.width);
	buf_putc(b, ' ');
	put_num(b, s.height);
	buf_puts(b, "\" role=\"img\" aria-labelledby=\"");
	put_id(b, id, "-title\" aria-describedby=\"");
	put_id(b, id, "-desc\">\n<title id=\"");
	put_id(b, id, "-title\">");
	put_text(b, c->title != NULL ? c->title : kind_words[c->kind]);
	buf_puts(b, "</title>\n<desc id=\"");
	put_id(b, id, "-desc\">");
	put_desc(b, a, c);
	buf_puts(b, "</desc>\n");
	for (i = 0; i < s.nmarks; i++)
		put_mark(b, c, &s.marks[i]);
	buf_puts(b, "</svg>\n");
}

void
chart_write_svg(const struct chart *c, const char *id, struct arena *a,
    struct buf *b)
{
	if (c->kind == CHART_TABLE)
		return;
	write_svg(c, id, SVG_WIDTH, "", a, b);
}

void
chart_write_svg_narrow(const struct chart *c, const char *id,
    struct arena *a, struct buf *b)
{
	struct chart narrow = *c;

	if (c->kind == CHART_TABLE)
		return;
	if (narrow.kind == CHART_BAR)
		narrow.kind = CHART_HBAR;
	write_svg(&narrow, arena_printf(a, "%s-n", id), SVG_NARROW,
	    " chart-narrow", a, b);
}

void
chart_write_table(const struct chart *c, const char *id, struct buf *b)
{
	const struct chart_table *t = &c->table;
	size_t row, col;

	buf_puts(b, "<table class=\"chart-table\" id=\"");
	put_id(b, id, "-data\">\n");
	if (c->title != NULL) {
		buf_puts(b, "<caption>");
		put_text(b, c->title);
		buf_puts(b, "</caption>\n");
	}
	buf_puts(b, "<thead>\n<tr>");
	for (col = 0; col < t->ncols; col++) {
		buf_puts(b, "<th scope=\"col\">");
		put_text(b, t->cols[col]);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
	if (t->nrows == 0)
		buf_printf(b, "<tr><td colspan=\"%zu\">%s</td></tr>\n",
		    t->ncols > 0 ? t->ncols : 1, CHART_NO_DATA);
	for (row = 0; row < t->nrows; row++) {
		buf_puts(b, "<tr>");
		for (col = 0; col < t->ncols; col++) {
			/* the first column names the row it is in */
			int head = col == 0 && t->ncols > 1;

			buf_puts(b, head ? "<th scope=\"row\"" : "<td");
			if (t->numeric[col])
				buf_puts(b, " class=\"num\"");
			buf_putc(b, '>');
			put_text(b, t->cells[row * t->ncols + col]);
			buf_puts(b, head ? "</th>" : "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
put_para(struct buf *b, const char *class, const char *lead, const char *s)
{
	if (s == NULL)
		return;
	buf_printf(b, "<p class=\"%s\">%s", class, lead);
	put_text(b, s);
	buf_puts(b, "</p>\n");
}

void
chart_write_html(const struct chart *c, const char *id, struct arena *a,
    struct buf *b)
{
	if (c->flags & CHART_EMPTY) {
		buf_printf(b, "<p class=\"chart-empty\">%s</p>\n", CHART_NO_DATA);
	} else if (c->kind == CHART_TABLE) {
		chart_write_table(c, id, b);
	} else {
		chart_write_svg(c, id, a, b);
		chart_write_svg_narrow(c, id, a, b);
		/* closed, the table stays out of the way of the picture, and
		 * every reader can open it */
		buf_puts(b, "<details class=\"chart-data\">\n"
		    "<summary>داده‌های نمودار</summary>\n");
		chart_write_table(c, id, b);
		buf_puts(b, "</details>\n");
	}
	put_para(b, "chart-caption", "", c->caption);
	if (c->flags & CHART_FOLDED)
		buf_printf(b, "<p class=\"chart-note\">«%s»: جمع %s دسته‌ی "
		    "کوچک‌تر؛ همه در جدول داده‌ها.</p>\n", CHART_OTHERS,
		    count(a, c));
	put_para(b, "chart-source", "منبع: ", c->source);
}
