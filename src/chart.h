/* chart.h - one chart model from a stats block; painters in chart_cairo.c and chart_svg.c. */
#ifndef DAFTAR_CHART_H
#define DAFTAR_CHART_H

#include <stddef.h>

#include "diag.h"

struct arena;
struct buf;
struct stats_block;

/*
 * A chart goes through three steps.  chart_model() reads a stats block into
 * a struct chart: the data, already formatted, with the value axis and every
 * bar, point and slice as fractions.  chart_layout() places that model in a
 * drawing of a given width: a struct chart_scene of rectangles, lines, slices
 * and text.  A painter draws the scene (chart_write_svg() for the site, the
 * Cairo painter for the PDF) or reads the model directly.
 */

enum chart_kind {
	CHART_BAR,		/* columns; the first category on the right */
	CHART_HBAR,		/* bars growing from the right, one per line */
	CHART_PIE,
	CHART_LINE,		/* the first point on the right */
	CHART_TABLE,		/* every column and row; nothing to draw */
	CHART_NUMBER,		/* one big number with its label */
	CHART_KIND__MAX
};

/* What a painter shows instead of an empty chart, and the bucket that sums
 * the categories left out of a crowded one. */
#define CHART_NO_DATA	"داده‌ای برای نمایش نیست"
#define CHART_OTHERS	"سایر"

/* The booklet's colours, 0xRRGGBB. */
#define CHART_INK	0x1f1a1cu
#define CHART_MUTED	0x6b6468u	/* ticks, units, notes */
#define CHART_ACCENT	0x6d2e5bu	/* plum: bars, the line, the first slice */
#define CHART_GRID	0xe3dee1u	/* tick lines: seen, never read */
#define CHART_PAPER	0xffffffu

/* Categories a chart shows before the smallest go into CHART_OTHERS. */
#define CHART_MAX_BAR	8	/* bar and pie */
#define CHART_MAX_HBAR	12

/* Flags for chart_model(). */
#define CHART_PERSIAN	0x01	/* digits: persian; else Latin digits */

/* Flags in struct chart, set by chart_model(). */
#define CHART_EMPTY	0x01	/* no rows (or a pie of zeros): show CHART_NO_DATA */
#define CHART_FOLDED	0x02	/* the smallest categories were summed into
				 * CHART_OTHERS: the caller should say so */

/* One value-axis tick. */
struct chart_tick {
	double value;
	double frac;		/* its place on the axis: 0 axis_min, 1 axis_max */
	const char *label;	/* value formatted, "۱٬۰۰۰" */
};

/* One category: a bar, a point of the line, a slice and its legend entry. */
struct chart_item {
	const char *label;	/* Persian text rules applied; CHART_OTHERS for the bucket */
	double value;		/* 0 when missing */
	const char *value_label;/* value formatted, "۳٬۳۵۰"; "–" when missing */
	double frac;		/* bar, hbar, line: value's place on the axis,
				 * as chart_tick.frac; the bar runs from
				 * chart.zero_frac to frac */
	double share;		/* pie: value / total */
	const char *share_label;/* pie: "۴۳٪" */
	double turn0, turn1;	/* pie: the slice in turns from 12 o'clock,
				 * counterclockwise (the mirror of the usual
				 * order, for a right-to-left reader) */
	unsigned colour;	/* fill, 0xRRGGBB */
	unsigned on_colour;	/* text drawn over the fill */
	int others;		/* this is the CHART_OTHERS bucket */
	int missing;		/* NULL in the value column: no bar, no point */
};

/* The data as a table: every kind has one, for the site's <table> and
 * for readers that cannot see the chart. */
struct chart_table {
	size_t ncols, nrows;
	const char **cols;	/* headings */
	const char **cells;	/* nrows * ncols formatted cells, row by row */
	unsigned char *numeric;	/* ncols: 1 when the column holds numbers */
};

struct chart {
	enum chart_kind kind;
	unsigned flags;		/* CHART_EMPTY, CHART_FOLDED */
	int latin;		/* digits: latin (no CHART_PERSIAN given) */
	struct pos at;		/* the stats block, for diagnostics */
	const char *title, *caption, *unit, *source;	/* NULL when absent */
	struct chart_item *items;	/* bar, hbar, pie, line: in query order,
					 * the bucket last; number: one */
	size_t nitems;
	size_t nfolded;		/* categories summed into the bucket */
	/* bar, hbar and line: the value axis, from 0 or below. */
	double axis_min, axis_max, axis_step;
	double zero_frac;	/* where 0 is on the axis */
	struct chart_tick *ticks;	/* axis_min to axis_max by axis_step */
	size_t nticks;
	double total;		/* pie: the sum of the values */
	struct chart_table table;
};

/*
 * Reads sb (borrowed) into *c: the label and value columns chosen by
 * stats_block(), or every column for a table.  Numbers are formatted with
 * chart_format(); a year column (see chart_year_column()) is never grouped.
 * sb->format may say "percent" (or "%") to show values with ٪, and "0.0"
 * or "0.00" for the decimals shown (else as many as the data needs, at most
 * two); anything else there is a warning.  A bar or pie with more than
 * CHART_MAX_BAR categories, or an hbar with more than CHART_MAX_HBAR, keeps
 * the largest and sums the rest into CHART_OTHERS (CHART_FOLDED).  Zero
 * rows give CHART_EMPTY.  A number shows the first row: its label column,
 * or the value column's name when the block has only that column.  Everything lives as long as a.  Returns 0, or -1
 * with an error at sb->at: a pie with a negative value, or text in the value
 * column.
 */
int	chart_model(struct arena *a, const struct stats_block *sb,
	    unsigned flags, struct chart *c, struct diags *d);

/* Flags for chart_format(). */
#define CHART_GROUP	0x01	/* U+066C (or ",") between thousands */
#define CHART_PERCENT	0x02	/* U+066A (or "%") after the number */
#define CHART_LATIN	0x04	/* ASCII digits, "," "." "%": digits: latin */

/*
 * Formats v with at most decimals digits after the separator (trailing
 * zeros dropped): Persian digits, U+066C between thousands when
 * CHART_GROUP, U+066B before decimals, U+066A after it when CHART_PERCENT.
 * A negative number starts with U+200E LEFT-TO-RIGHT MARK and U+2212 MINUS
 * SIGN: the mark makes UAX #9 treat the digits as left-to-right text
 * (rule W7), so in a right-to-left line the minus stays on the left of the
 * digits, where it is read, and never jumps to their right.  Lives as long
 * as a.
 */
char	*chart_format(struct arena *a, double v, int decimals, unsigned flags);

/* chart_format() with Persian digits: group and percent as the flags. */
char	*chart_number(struct arena *a, double v, int decimals, int group,
	    int percent);

/* 1 when column col of sb holds years, never to be grouped: it is named
 * "year" or "سال", or its name contains one of them and it holds only
 * whole numbers from 1300 to 1500 (and NULLs). */
int	chart_year_column(const struct stats_block *sb, size_t col);

/* --- layout (chart_layout.c) --------------------------------------------- */

enum chart_mark_kind {
	CHART_MARK_RECT,	/* x0, y0 to x1, y1 */
	CHART_MARK_LINE,	/* x0, y0 to x1, y1, stroke r wide */
	CHART_MARK_POLYLINE,	/* pts, stroke r wide */
	CHART_MARK_DOT,		/* a disc at x0, y0 of radius r */
	CHART_MARK_SLICE,	/* the item's turn0..turn1 of the disc at x0, y0,
				 * radius r; a whole disc when they span 1;
				 * outlined in CHART_PAPER so slices part */
	CHART_MARK_TEXT,	/* text with its baseline through x0, y0 */
	CHART_MARK_KIND__MAX
};

/* What a mark shows: the SVG painter's class name, the PDF painter's
 * choice of weight. */
enum chart_role {
	CHART_ROLE_GRID,	/* a tick's line across the plot */
	CHART_ROLE_AXIS,	/* the zero line */
	CHART_ROLE_BAR,
	CHART_ROLE_LINE,
	CHART_ROLE_POINT,
	CHART_ROLE_SLICE,
	CHART_ROLE_SWATCH,	/* a legend entry's colour */
	CHART_ROLE_TICK,	/* a tick's label */
	CHART_ROLE_CATEGORY,	/* a category's label, one line of it */
	CHART_ROLE_VALUE,	/* a value on or by its bar or point */
	CHART_ROLE_SHARE,	/* a share drawn inside its slice */
	CHART_ROLE_LEGEND,	/* a legend entry's label */
	CHART_ROLE_LEGEND_VALUE,/* its value and share */
	CHART_ROLE_UNIT,	/* the unit over the value axis */
	CHART_ROLE_NUMBER,	/* the big number */
	CHART_ROLE_NUMBER_LABEL,
	CHART_ROLE_NO_DATA,
	CHART_ROLE__MAX
};

/* Where a text's x0 is: the drawing is physical, so these are sides. */
enum chart_align {
	CHART_ALIGN_RIGHT,	/* x0 is the text's right edge */
	CHART_ALIGN_CENTER,
	CHART_ALIGN_LEFT,	/* x0 is its left edge */
	CHART_ALIGN__MAX
};

/* One thing to draw.  Coordinates are in the units of the width given to
 * chart_layout(), from the top left corner, y growing down (as SVG and
 * Cairo both have it). */
struct chart_mark {
	enum chart_mark_kind kind;
	enum chart_role role;
	double x0, y0, x1, y1;
	double r;		/* DOT, SLICE: radius; LINE, POLYLINE: stroke width */
	const double *pts;	/* POLYLINE: npts x, y pairs */
	size_t npts;
	const char *text;	/* TEXT: one line, right to left */
	double size;		/* TEXT: font size */
	int bold;		/* TEXT: the bold face */
	enum chart_align align;	/* TEXT */
	unsigned colour;	/* fill (stroke for LINE, POLYLINE), 0xRRGGBB */
	size_t item;		/* index into chart.items, or CHART_NO_ITEM */
};

#define CHART_NO_ITEM	((size_t)-1)

struct chart_scene {
	double width, height;	/* the whole drawing */
	struct chart_mark *marks;	/* in painting order */
	size_t nmarks;
};

/* Width of s[0..len) at size, in the same units; bold for the bold face. */
typedef double chart_measure_fn(void *ctx, const char *s, size_t len,
    double size, int bold);

/*
 * Lays c out in a drawing width units wide with labels of font_size (the
 * height follows from the chart), measuring text with measure(ctx, ...),
 * or with chart_text_width() when measure is NULL.  Category labels wrap
 * at spaces (never at ZWNJ).  A table lays out as nothing (height 0); an
 * empty chart as its CHART_NO_DATA line.  The marks live as long as a.
 */
void	chart_layout(struct arena *a, const struct chart *c, double width,
	    double font_size, chart_measure_fn *measure, void *ctx,
	    struct chart_scene *out);

/* An estimate of the width of s[0..len) set in Vazirmatn at size, from
 * per-character averages measured on the font, slightly generous: for
 * painters that cannot shape text, such as the browser's SVG. */
double	chart_text_width(const char *s, size_t len, double size, int bold);

/* --- the site's painter (chart_svg.c) ------------------------------------ */

/*
 * Writes c to b as an inline <svg> (nothing for a table): <text> elements
 * with direction="rtl" and xml:lang="fa" in the page's font, role="img"
 * with <title> and <desc>, ids starting with id (borrowed, written
 * escaped).  Scratch memory lives as long as a.
 */
void	chart_write_svg(const struct chart *c, const char *id,
	    struct arena *a, struct buf *b);

/*
 * As chart_write_svg(), drawn for a phone's width: narrower, so that its
 * labels stay readable when the page shrinks it, with columns turned into
 * horizontal bars; class "chart-narrow", ids starting with id + "-n".
 */
void	chart_write_svg_narrow(const struct chart *c, const char *id,
	    struct arena *a, struct buf *b);

/* Writes c's data to b as a <table> with the title as its <caption>. */
void	chart_write_table(const struct chart *c, const char *id,
	    struct buf *b);

/*
 * Writes what goes inside the site's <figure> for c: the SVG (and its
 * narrow twin, which the stylesheet shows on phones instead), then its
 * data in a <details> with the table (a table chart: the table alone; an
 * empty one: the CHART_NO_DATA note), then the caption and the source as
 * paragraphs.
 */
void	chart_write_html(const struct chart *c, const char *id,
	    struct arena *a, struct buf *b);

#endif
