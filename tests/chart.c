/* tests/chart.c - the chart model, its numbers and axis, and the SVG painter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"
#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "stats.h"
#include "support.h"

/*
 * Golden files: tests/chart/NAME.svg (chart_write_svg()) and NAME.html
 * (chart_write_html()), compared byte for byte.  After a deliberate change,
 * run with CHART_GOLDEN_WRITE=1 to write them again, then look at them
 * (render them in a page with the site's font) before committing.
 */
#define GOLDEN	"tests/chart"

static int
setup(void **state)
{
	struct arena *a = calloc(1, sizeof *a);

	if (a == NULL)
		return -1;
	arena_init(a);
	*state = a;
	return 0;
}

static int
teardown(void **state)
{
	arena_release(*state);
	free(*state);
	return 0;
}

/* --- fixtures: stats blocks filled by hand, as stats_block() would ------- */

static struct pos
at_line(int line)
{
	struct pos p = { "stories/dobareh-istadan.md", line, 1 };

	return p;
}

/* A two-column block: text labels and integer values (NULL for a value
 * given as MISSING_VALUE). */
#define MISSING_VALUE	(-999999)

static void
two_columns(struct arena *a, struct stats_block *sb, enum stats_chart kind,
    const char *lname, const char *vname, const char *const *labels,
    const double *values, size_t n)
{
	size_t i;

	memset(sb, 0, sizeof *sb);
	sb->at = at_line(51);
	sb->chart = kind;
	sb->ncols = 2;
	sb->nrows = n;
	sb->cols = arena_array(a, 2, sizeof *sb->cols);
	sb->cols[0] = lname;
	sb->cols[1] = vname;
	sb->cells = arena_array(a, 2 * n + 1, sizeof *sb->cells);
	for (i = 0; i < n; i++) {
		sb->cells[2 * i].type = STATS_TEXT;
		sb->cells[2 * i].text = labels[i];
		if (values[i] == MISSING_VALUE) {
			sb->cells[2 * i + 1].type = STATS_NULL;
			continue;
		}
		sb->cells[2 * i + 1].type = values[i] == (long)values[i] ?
		    STATS_INTEGER : STATS_REAL;
		sb->cells[2 * i + 1].num = values[i];
		sb->cells[2 * i + 1].text = arena_printf(a, "%g", values[i]);
	}
	sb->label = 0;
	sb->value = 1;
}

/* dobareh-istadan.md: services by program in 1403. */
static const char *const programs[] = {
	"مشاوره و مددکاری", "آموزش مهارت", "سلامت و تحصیل فرزندان",
	"اوقات فراغت", "اشتغال حمایتی", "مشاوره حقوقی, پیگیری پرونده",
};
static const double served[] = { 3350, 2480, 2120, 1760, 1190, 410 };

static void
services(struct arena *a, struct stats_block *sb, enum stats_chart kind)
{
	two_columns(a, sb, kind, "program", "served", programs, served, 6);
	sb->query = "SELECT program, served FROM services_by_program "
	    "WHERE year = 1403 ORDER BY served DESC";
	sb->title = "خدمت‌گیرندگان به تفکیک برنامه در سال ۱۴۰۳";
}

/* preface.md: children by school level in 1403. */
static const char *const levels[] = {
	"ابتدایی", "متوسطه اول", "متوسطه دوم", "دانشگاه",
};
static const double children[] = { 1480, 1020, 760, 190 };

static void
schooling(struct arena *a, struct stats_block *sb)
{
	two_columns(a, sb, STATS_PIE, "level", "count", levels, children, 4);
	sb->at = at_line(34);
	sb->title = "فرزندان تحت پیگیری تحصیلی به تفکیک مقطع، ۱۴۰۳";
}

/* about.md: registrations by year, four columns. */
static const char *const about_cols[] = {
	"سال", "ثبت‌نام تازه", "ثبت‌نام تجمعی", "تحت پوشش",
};
static const double about_rows[5][4] = {
	{ 1399, 2650, 2650, 2080 },
	{ 1400, 3100, 5750, 3260 },
	{ 1401, 3450, 9200, 4470 },
	{ 1402, 3800, 13000, 5610 },
	{ 1403, 4050, 17050, 6620 },
};

static void
registrations(struct arena *a, struct stats_block *sb, enum stats_chart kind)
{
	size_t r, c;

	memset(sb, 0, sizeof *sb);
	sb->at = at_line(35);
	sb->chart = kind;
	sb->title = "ثبت‌نام و پوشش زنان سرپرست خانوار، ۱۳۹۹ تا ۱۴۰۳";
	sb->ncols = 4;
	sb->nrows = 5;
	sb->cols = arena_array(a, 4, sizeof *sb->cols);
	for (c = 0; c < 4; c++)
		sb->cols[c] = about_cols[c];
	sb->cells = arena_array(a, 20, sizeof *sb->cells);
	for (r = 0; r < 5; r++)
		for (c = 0; c < 4; c++) {
			sb->cells[4 * r + c].type = STATS_INTEGER;
			sb->cells[4 * r + c].num = about_rows[r][c];
			sb->cells[4 * r + c].text = arena_printf(a, "%g",
			    about_rows[r][c]);
		}
	sb->label = 0;
	sb->value = kind == STATS_LINE ? 2 : 1;
}

/* A chart model from sb that must succeed. */
static void
model(struct arena *a, const struct stats_block *sb, unsigned flags,
    struct chart *c)
{
	struct diags d;

	diag_init(&d);
	assert_int_equal(chart_model(a, sb, flags, c, &d), 0);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
	diag_release(&d);
}

/* --- numbers ------------------------------------------------------------- */

static void
test_number_persian(void **state)
{
	struct arena *a = *state;

	assert_string_equal(chart_number(a, 17050, 0, 1, 0), "۱۷٬۰۵۰");
	assert_string_equal(chart_number(a, 1403, 0, 0, 0), "۱۴۰۳");
	assert_string_equal(chart_number(a, 1480, 0, 1, 0), "۱٬۴۸۰");
	assert_string_equal(chart_number(a, 410, 0, 1, 0), "۴۱۰");
	assert_string_equal(chart_number(a, 1234567, 0, 1, 0), "۱٬۲۳۴٬۵۶۷");
	assert_string_equal(chart_number(a, 0, 0, 1, 0), "۰");
	assert_string_equal(chart_number(a, 3.5, 1, 1, 0), "۳٫۵");
	assert_string_equal(chart_number(a, 3.5, 0, 1, 0), "۴");
	assert_string_equal(chart_number(a, 12500.25, 2, 1, 0), "۱۲٬۵۰۰٫۲۵");
	/* at most that many decimals: no trailing zeros */
	assert_string_equal(chart_number(a, 3.5, 2, 1, 0), "۳٫۵");
	assert_string_equal(chart_number(a, 2, 2, 1, 0), "۲");
	assert_string_equal(chart_number(a, 37, 0, 1, 1), "۳۷٪");
	assert_string_equal(chart_number(a, 12.5, 1, 1, 1), "۱۲٫۵٪");
}

static void
test_number_minus(void **state)
{
	struct arena *a = *state;

	/* LRM, MINUS SIGN, then the digits */
	assert_string_equal(chart_number(a, -120, 0, 1, 0),
	    "\xE2\x80\x8E\xE2\x88\x92۱۲۰");
	assert_string_equal(chart_number(a, -4500.5, 1, 1, 1),
	    "\xE2\x80\x8E\xE2\x88\x92۴٬۵۰۰٫۵٪");
	/* rounded to nothing, no sign is left */
	assert_string_equal(chart_number(a, -0.001, 1, 1, 0), "۰");
	assert_string_equal(chart_format(a, -120, 0, CHART_LATIN),
	    "\xE2\x80\x8E\xE2\x88\x92" "120");
}

/*
 * In a right-to-left line the minus must be drawn on the left of the
 * digits.  Without the LRM, UAX #9 resolves a leading minus as right to
 * left (rule N1 with the digits counting as R) and draws it on the right.
 */
static void
test_number_minus_visual(void **state)
{
	struct arena *a = *state;
	const char *num = chart_number(a, -120, 0, 1, 0);
	const char *line = arena_printf(a, "کاهش %s نفر", num);
	size_t len = strlen(line), n = 0, i = 0, k, norder;
	uint32_t *cp = arena_array(a, len, sizeof *cp);
	size_t *order = arena_array(a, len, sizeof *order);
	size_t minus = 0, one = 0, zero = 0;

	while (i < len)
		cp[n++] = bidi_utf8_next(line, len, &i);
	assert_int_equal(bidi_visual_order(a, cp, n, BIDI_BASE_RTL, order,
	    &norder), 0);
	for (k = 0; k < norder; k++) {
		if (cp[order[k]] == 0x2212)
			minus = k;
		else if (cp[order[k]] == 0x06F1)
			one = k;
		else if (cp[order[k]] == 0x06F0)
			zero = k;
	}
	/* left to right on the screen: − ۱ ۲ ۰ */
	assert_true(minus < one);
	assert_true(one < zero);
	assert_int_equal(one, minus + 1);
}

static void
test_number_latin(void **state)
{
	struct arena *a = *state;

	assert_string_equal(chart_format(a, 17050, 0, CHART_GROUP | CHART_LATIN),
	    "17,050");
	assert_string_equal(chart_format(a, 1403, 0, CHART_LATIN), "1403");
	assert_string_equal(chart_format(a, 3.5, 1, CHART_GROUP | CHART_LATIN),
	    "3.5");
	assert_string_equal(chart_format(a, 37, 0, CHART_PERCENT | CHART_LATIN),
	    "37%");
}

static void
test_year_columns(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	static const char *const one[] = { "x" };
	double adults[] = { 1450 }, big[] = { 2500 }, year[] = { 2024 };

	registrations(a, &sb, STATS_TABLE);
	assert_true(chart_year_column(&sb, 0));
	assert_false(chart_year_column(&sb, 1));
	assert_false(chart_year_column(&sb, 2));

	/* the name holds سال and the values look like years */
	two_columns(a, &sb, STATS_BAR, "x", "سال شروع", one, adults, 1);
	assert_true(chart_year_column(&sb, 1));
	/* "بزرگسالان" holds سال, but 2500 is no Jalali year */
	two_columns(a, &sb, STATS_BAR, "x", "بزرگسالان", one, big, 1);
	assert_false(chart_year_column(&sb, 1));
	two_columns(a, &sb, STATS_BAR, "x", "Year_Start", one, adults, 1);
	assert_true(chart_year_column(&sb, 1));
	/* a column named year is a year, whatever it holds */
	two_columns(a, &sb, STATS_BAR, "x", "year", one, year, 1);
	assert_true(chart_year_column(&sb, 1));
}

/* about.md's table: every column and row, the year never grouped. */
static void
test_table_model(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct chart c;

	registrations(a, &sb, STATS_TABLE);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.kind, CHART_TABLE);
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.table.ncols, 4);
	assert_int_equal(c.table.nrows, 5);
	assert_string_equal(c.table.cols[1], "ثبت‌نام تازه");
	assert_string_equal(c.table.cells[4 * 4 + 0], "۱۴۰۳");
	assert_string_equal(c.table.cells[4 * 4 + 2], "۱۷٬۰۵۰");
	assert_string_equal(c.table.cells[0 * 4 + 3], "۲٬۰۸۰");
	assert_true(c.table.numeric[0]);

	model(a, &sb, 0, &c);
	assert_string_equal(c.table.cells[4 * 4 + 0], "1403");
	assert_string_equal(c.table.cells[4 * 4 + 2], "17,050");
}

/* --- the value axis ------------------------------------------------------ */

static void
test_ticks_services(void **state)
{
	struct arena *a = *state;
	static const char *const labels[] = {
		"۰", "۱٬۰۰۰", "۲٬۰۰۰", "۳٬۰۰۰", "۴٬۰۰۰",
	};
	struct stats_block sb;
	struct chart c;
	size_t i;

	/* 3350: steps of 500 would take 7; 1000 takes 4 */
	services(a, &sb, STATS_BAR);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_true(c.axis_min == 0);
	assert_true(c.axis_max == 4000);
	assert_true(c.axis_step == 1000);
	assert_true(c.zero_frac == 0);
	assert_int_equal(c.nticks, 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(c.ticks[i].label, labels[i]);
		assert_true(c.ticks[i].frac == (double)i / 4);
	}
	assert_int_equal(c.nitems, 6);
	assert_true(c.items[0].frac == 3350.0 / 4000);
	assert_true(c.items[5].frac == 410.0 / 4000);
	assert_string_equal(c.items[0].value_label, "۳٬۳۵۰");
	assert_string_equal(c.items[5].label, "مشاوره حقوقی, پیگیری پرونده");
	assert_int_equal(c.items[0].colour, 0x6d2e5b);
}

/* The axis for one set of values: min, max, step. */
static void
axis_of(struct arena *a, const double *v, size_t n, double *min, double *max,
    double *step, struct chart *c)
{
	static const char *const labels[] = {
		"a", "b", "c", "d", "e", "f",
	};
	struct stats_block sb;

	two_columns(a, &sb, STATS_BAR, "x", "y", labels, v, n);
	model(a, &sb, CHART_PERSIAN, c);
	*min = c->axis_min;
	*max = c->axis_max;
	*step = c->axis_step;
}

static void
test_ticks_rule(void **state)
{
	struct arena *a = *state;
	static const double v1[] = { 1480, 1020 }, v2[] = { 17050 },
	    v3[] = { 3, 1 }, v4[] = { 0.37, 0.12 }, v5[] = { 0, 0 },
	    v8[] = { 100 };
	double min, max, step;
	struct chart c;

	axis_of(a, v1, 2, &min, &max, &step, &c);
	assert_true(min == 0 && max == 1500 && step == 500);
	axis_of(a, v2, 1, &min, &max, &step, &c);
	assert_true(min == 0 && max == 20000 && step == 5000);
	/* whole numbers never get a step below 1 */
	axis_of(a, v3, 2, &min, &max, &step, &c);
	assert_true(min == 0 && max == 3 && step == 1);
	axis_of(a, v4, 2, &min, &max, &step, &c);
	assert_true(min == 0 && step == 0.1);
	assert_true(max > 0.4 - 1e-12 && max < 0.4 + 1e-12);
	assert_string_equal(c.ticks[1].label, "۰٫۱");
	assert_string_equal(c.items[0].value_label, "۰٫۳۷");
	/* all zero: still an axis */
	axis_of(a, v5, 2, &min, &max, &step, &c);
	assert_true(min == 0 && max == 1 && step == 1);
	/* an exact multiple stays the top */
	axis_of(a, v8, 1, &min, &max, &step, &c);
	assert_true(min == 0 && max == 100 && step == 20);
}

static void
test_ticks_negative(void **state)
{
	struct arena *a = *state;
	static const double v6[] = { 450, -120 }, v7[] = { -30, -5 };
	double min, max, step;
	struct chart c;

	/* bars from zero: below it as far as the lowest value needs */
	axis_of(a, v6, 2, &min, &max, &step, &c);
	assert_true(min == -200 && max == 600 && step == 200);
	assert_true(c.zero_frac == 0.25);
	assert_true(c.items[1].frac == 80.0 / 800);
	assert_string_equal(c.ticks[0].label, "\xE2\x80\x8E\xE2\x88\x92۲۰۰");
	assert_string_equal(c.ticks[1].label, "۰");
	/* all below zero: the axis still reaches 0 */
	axis_of(a, v7, 2, &min, &max, &step, &c);
	assert_true(min == -30 && max == 0 && step == 10);
	assert_true(c.zero_frac == 1);
}

/* --- crowded, empty and wrong charts ------------------------------------- */

static const char *const ten[] = {
	"یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده",
};

static void
test_others_bucket(void **state)
{
	struct arena *a = *state;
	/* the smallest are 5, 20 and 30, spread through the rows */
	static const double v[] = { 100, 5, 90, 80, 20, 70, 60, 50, 30, 40 };
	struct stats_block sb;
	struct chart c;
	size_t i;

	two_columns(a, &sb, STATS_BAR, "x", "y", ten, v, 10);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, CHART_FOLDED);
	assert_int_equal(c.nitems, CHART_MAX_BAR);
	assert_int_equal(c.nfolded, 3);
	/* the seven largest, in the query's order */
	assert_string_equal(c.items[0].label, "یک");
	assert_string_equal(c.items[1].label, "سه");
	assert_string_equal(c.items[2].label, "چهار");
	assert_string_equal(c.items[6].label, "ده");
	assert_string_equal(c.items[7].label, CHART_OTHERS);
	assert_string_equal(c.items[7].label, "سایر");
	assert_true(c.items[7].others);
	assert_true(c.items[7].value == 55);
	assert_string_equal(c.items[7].value_label, "۵۵");
	for (i = 0; i < 7; i++)
		assert_false(c.items[i].others);
	assert_int_not_equal(c.items[7].colour, c.items[0].colour);
	/* the data table keeps every row */
	assert_int_equal(c.table.nrows, 10);
	assert_string_equal(c.table.cells[2 * 1], "دو");

	/* a pie folds the same way; an hbar holds up to 12 */
	sb.chart = STATS_PIE;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.nitems, 8);
	assert_true(c.items[7].turn1 == 1);
	sb.chart = STATS_HBAR;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.nitems, 10);
	sb.chart = STATS_LINE;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.nitems, 10);

	/* exactly eight bars: nothing to fold */
	two_columns(a, &sb, STATS_BAR, "x", "y", ten, v, 8);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, 0);
	assert_int_equal(c.nitems, 8);
}

static void
test_others_hbar(void **state)
{
	struct arena *a = *state;
	const char *labels[14];
	double v[14];
	struct stats_block sb;
	struct chart c;
	size_t i;

	for (i = 0; i < 14; i++) {
		labels[i] = arena_printf(a, "دسته %zu", i + 1);
		v[i] = (double)(140 - 10 * i);
	}
	two_columns(a, &sb, STATS_HBAR, "x", "y", labels, v, 14);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, CHART_FOLDED);
	assert_int_equal(c.nitems, CHART_MAX_HBAR);
	assert_int_equal(c.nfolded, 3);
	assert_true(c.items[11].value == 30 + 20 + 10);
	assert_string_equal(c.items[10].label, "دسته ۱۱");
}

static void
test_zero_rows(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct chart c;
	struct chart_scene s;

	services(a, &sb, STATS_BAR);
	sb.nrows = 0;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, CHART_EMPTY);
	assert_int_equal(c.nitems, 0);
	assert_int_equal(c.table.nrows, 0);
	chart_layout(a, &c, 560, 14, NULL, NULL, &s);
	assert_int_equal(s.nmarks, 1);
	assert_int_equal(s.marks[0].kind, CHART_MARK_TEXT);
	assert_string_equal(s.marks[0].text, "داده‌ای برای نمایش نیست");

	sb.chart = STATS_PIE;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, CHART_EMPTY);
	registrations(a, &sb, STATS_TABLE);
	sb.nrows = 0;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_int_equal(c.flags, CHART_EMPTY);
	assert_int_equal(c.table.ncols, 4);
}

static void
test_pie_negative(void **state)
{
	struct arena *a = *state;
	static const double v[] = { 1480, -20, 760 };
	struct stats_block sb;
	struct chart c;
	struct diags d;
	char *printed;

	two_columns(a, &sb, STATS_PIE, "level", "count", levels, v, 3);
	sb.at = at_line(34);
	sb.at.file = "pages/preface.md";
	diag_init(&d);
	assert_int_equal(chart_model(a, &sb, CHART_PERSIAN, &c, &d), -1);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	printed = test_printed(&d);
	assert_string_equal(printed, "pages/preface.md:34:1: error: pie chart "
	    "value -20 in row 2 is negative: a pie shows parts of a whole; "
	    "use 'chart: bar' for values below zero\n");
	free(printed);
	diag_release(&d);

	/* the same values as bars are fine */
	sb.chart = STATS_BAR;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_true(c.axis_min < 0);
}

static void
test_text_values(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct chart c;
	struct diags d;

	services(a, &sb, STATS_BAR);
	sb.value = 0;
	sb.label = 1;
	diag_init(&d);
	assert_int_equal(chart_model(a, &sb, CHART_PERSIAN, &c, &d), -1);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	assert_non_null(strstr(d.v[0].msg, "value column 'program' holds text"));
	diag_release(&d);

	/* a number SQLite kept as text is still a number; NULL is missing */
	sb.value = 1;
	sb.label = 0;
	sb.cells[1].type = STATS_TEXT;
	sb.cells[3].type = STATS_NULL;
	model(a, &sb, CHART_PERSIAN, &c);
	assert_true(c.items[0].value == 3350);
	assert_true(c.items[1].missing);
	assert_string_equal(c.items[1].value_label, "–");

	/* past 1e15 digits are no longer exact */
	sb.cells[5].num = 1e16;
	diag_init(&d);
	assert_int_equal(chart_model(a, &sb, CHART_PERSIAN, &c, &d), -1);
	assert_non_null(strstr(d.v[0].msg, "too large to chart"));
	diag_release(&d);
}

static void
test_pie_model(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct chart c;

	schooling(a, &sb);
	model(a, &sb, CHART_PERSIAN, &c);
	assert_true(c.total == 3450);
	assert_int_equal(c.nitems, 4);
	assert_string_equal(c.items[0].share_label, "۴۳٪");
	assert_string_equal(c.items[3].share_label, "۶٪");
	assert_true(c.items[0].turn0 == 0);
	assert_true(c.items[1].turn0 == c.items[0].turn1);
	assert_true(c.items[3].turn1 == 1);
	assert_int_equal(c.table.ncols, 3);
	assert_string_equal(c.table.cols[2], "سهم");
	/* the ASCII column names give way to Persian headings */
	assert_string_equal(c.table.cols[0], "دسته");
	assert_string_equal(c.table.cols[1], "مقدار");
	/* every slice its own colour */
	assert_int_not_equal(c.items[0].colour, c.items[1].colour);
	assert_int_not_equal(c.items[2].colour, c.items[3].colour);
}

static void
test_format_field(void **state)
{
	struct arena *a = *state;
	static const double v[] = { 37, 12.5 };
	struct stats_block sb;
	struct chart c;
	struct diags d;

	two_columns(a, &sb, STATS_BAR, "x", "y", levels, v, 2);
	sb.format = "percent";
	model(a, &sb, CHART_PERSIAN, &c);
	assert_string_equal(c.items[0].value_label, "۳۷٪");
	assert_string_equal(c.items[1].value_label, "۱۲٫۵٪");
	assert_string_equal(c.ticks[1].label, "۱۰٪");
	sb.format = "0.00";
	model(a, &sb, CHART_PERSIAN, &c);
	assert_string_equal(c.items[1].value_label, "۱۲٫۵");
	sb.format = "0";
	model(a, &sb, CHART_PERSIAN, &c);
	assert_string_equal(c.items[1].value_label, "۱۳");

	sb.format = "fancy";
	diag_init(&d);
	assert_int_equal(chart_model(a, &sb, CHART_PERSIAN, &c, &d), 0);
	assert_int_equal(diag_count(&d, DIAG_WARN), 1);
	diag_release(&d);
}

/* --- layout ------------------------------------------------------------- */

/* The first mark of role that belongs to item. */
static const struct chart_mark *
find_mark(const struct chart_scene *s, enum chart_role role, size_t item)
{
	size_t i;

	for (i = 0; i < s->nmarks; i++)
		if (s->marks[i].role == role && s->marks[i].item == item)
			return &s->marks[i];
	return NULL;
}

static void
test_layout_rtl(void **state)
{
	struct arena *a = *state;
	const struct chart_mark *m0, *m1, *t0, *t1;
	struct stats_block sb;
	struct chart c;
	struct chart_scene s;
	size_t i;

	services(a, &sb, STATS_BAR);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_layout(a, &c, 560, 14, NULL, NULL, &s);
	/* the first category is the rightmost bar, and the tallest */
	m0 = find_mark(&s, CHART_ROLE_BAR, 0);
	m1 = find_mark(&s, CHART_ROLE_BAR, 1);
	assert_non_null(m0);
	assert_true(m0->x0 > m1->x1);
	assert_true(m0->y0 < m1->y0);
	assert_true(m0->y1 == m1->y1);
	/* the bar's height is its share of the axis */
	t0 = NULL;
	for (i = 0; i < s.nmarks; i++)
		if (s.marks[i].role == CHART_ROLE_AXIS)
			t0 = &s.marks[i];
	assert_non_null(t0);
	assert_true(m0->y1 == t0->y0);
	/* tick labels on the right of the plot */
	t1 = find_mark(&s, CHART_ROLE_TICK, CHART_NO_ITEM);
	assert_true(t1->x0 > m0->x1);
	/* grid lines first, under the bars */
	assert_int_equal(s.marks[0].role, CHART_ROLE_GRID);
	for (i = 0; i < s.nmarks; i++)
		assert_true(s.marks[i].x0 >= 0 && s.marks[i].x0 <= 560);

	/* hbar: labels flush right, bars grow leftwards from the zero line */
	sb.chart = STATS_HBAR;
	model(a, &sb, CHART_PERSIAN, &c);
	chart_layout(a, &c, 560, 14, NULL, NULL, &s);
	m0 = find_mark(&s, CHART_ROLE_BAR, 0);
	m1 = find_mark(&s, CHART_ROLE_BAR, 1);
	t0 = find_mark(&s, CHART_ROLE_CATEGORY, 0);
	assert_true(m0->x1 == m1->x1);
	assert_true(m0->x0 < m1->x0);
	assert_true(m0->y1 < m1->y0);
	assert_int_equal(t0->align, CHART_ALIGN_RIGHT);
	assert_true(t0->x0 > m0->x1);
}

/* A long label wraps at spaces, never at the ZWNJ inside a word. */
static void
test_layout_wrap(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct chart c;
	struct chart_scene s;
	size_t i, n = 0;

	services(a, &sb, STATS_BAR);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_layout(a, &c, 560, 14, NULL, NULL, &s);
	for (i = 0; i < s.nmarks; i++)
		if (s.marks[i].role == CHART_ROLE_CATEGORY &&
		    s.marks[i].item == 5)
			n++;
	assert_true(n >= 2);
	assert_true(chart_text_width("سایر", strlen("سایر"), 10, 0) > 17);
	assert_true(chart_text_width("a\xE2\x80\x8C", 4, 10, 0) ==
	    chart_text_width("a", 1, 10, 0));
}

/* Every mark stays inside the drawing, at the SVG's width and at a narrow
 * one such as a PDF column's, for every kind with the corpus data. */
static void
inside(struct arena *a, const struct stats_block *sb, double w, double f)
{
	struct chart c;
	struct chart_scene s;
	size_t i;

	model(a, sb, CHART_PERSIAN, &c);
	chart_layout(a, &c, w, f, NULL, NULL, &s);
	assert_true(s.height > 0);
	for (i = 0; i < s.nmarks; i++) {
		const struct chart_mark *m = &s.marks[i];
		double lo = m->x0, hi = m->x1;

		if (m->kind == CHART_MARK_TEXT) {
			double tw = chart_text_width(m->text, strlen(m->text),
			    m->size, m->bold);

			lo = m->align == CHART_ALIGN_LEFT ? m->x0 :
			    m->align == CHART_ALIGN_RIGHT ? m->x0 - tw :
			    m->x0 - tw / 2;
			hi = lo + tw;
		} else if (m->kind == CHART_MARK_DOT ||
		    m->kind == CHART_MARK_SLICE) {
			lo = m->x0 - m->r;
			hi = m->x0 + m->r;
		} else if (m->kind == CHART_MARK_POLYLINE) {
			continue;
		}
		if (lo < -0.01 || hi > w + 0.01 || m->y0 < 0 ||
		    m->y0 > s.height)
			fail_msg("mark %zu (role %d) at %.1f..%.1f, %.1f is "
			    "outside %.0f x %.1f", i, (int)m->role, lo, hi,
			    m->y0, w, s.height);
	}
}

static void
test_layout_inside(void **state)
{
	struct arena *a = *state;
	static const enum stats_chart kinds[] = {
		STATS_BAR, STATS_HBAR, STATS_PIE, STATS_LINE, STATS_NUMBER,
	};
	static const double widths[][2] = { { 560, 14 }, { 300, 9 } };
	struct stats_block sb;
	size_t k, w;

	for (w = 0; w < 2; w++) {
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			services(a, &sb, kinds[k]);
			sb.unit = "نفر";
			inside(a, &sb, widths[w][0], widths[w][1]);
		}
		schooling(a, &sb);
		inside(a, &sb, widths[w][0], widths[w][1]);
		registrations(a, &sb, STATS_LINE);
		inside(a, &sb, widths[w][0], widths[w][1]);
	}
}

/* A missing value breaks the line: two polylines, no dot for the gap. */
static void
test_layout_line_gap(void **state)
{
	struct arena *a = *state;
	static const double v[] = { 10, 20, MISSING_VALUE, 40, 50 };
	struct stats_block sb;
	struct chart c;
	struct chart_scene s;
	size_t i, lines = 0, dots = 0;

	two_columns(a, &sb, STATS_LINE, "x", "y", ten, v, 5);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_layout(a, &c, 560, 14, NULL, NULL, &s);
	for (i = 0; i < s.nmarks; i++) {
		if (s.marks[i].kind == CHART_MARK_POLYLINE) {
			lines++;
			assert_int_equal(s.marks[i].npts, 2);
		}
		if (s.marks[i].kind == CHART_MARK_DOT) {
			dots++;
			assert_int_not_equal(s.marks[i].item, 2);
		}
	}
	assert_int_equal(lines, 2);
	assert_int_equal(dots, 4);
	/* the first point is the rightmost */
	assert_true(find_mark(&s, CHART_ROLE_POINT, 0)->x0 >
	    find_mark(&s, CHART_ROLE_POINT, 1)->x0);
}

/* --- the SVG painter: golden files ---------------------------------------- */

static void
golden(const char *name, const struct buf *b)
{
	char path[256];
	char *want;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", GOLDEN, name);
	if (getenv("CHART_GOLDEN_WRITE") != NULL) {
		fp = fopen(path, "wb");
		assert_non_null(fp);
		fwrite(b->data, 1, b->len, fp);
		fclose(fp);
	}
	want = test_slurp(path);
	if (want == NULL)
		fail_msg("%s is missing: run with CHART_GOLDEN_WRITE=1", path);
	if (strcmp(want, b->data) != 0) {
		fprintf(stderr, "--- %s differs; got:\n%s", path, b->data);
		free(want);
		fail_msg("%s differs", path);
	}
	free(want);
}

static void
golden_svg(struct arena *a, const struct stats_block *sb, const char *name)
{
	struct buf b = BUF_INIT;
	struct chart c;

	model(a, sb, CHART_PERSIAN, &c);
	chart_write_svg(&c, name, a, &b);
	golden(arena_printf(a, "%s.svg", name), &b);
	buf_release(&b);
}

static void
golden_html(struct arena *a, const struct stats_block *sb, const char *name)
{
	struct buf b = BUF_INIT;
	struct chart c;

	model(a, sb, CHART_PERSIAN, &c);
	chart_write_html(&c, name, a, &b);
	golden(arena_printf(a, "%s.html", name), &b);
	buf_release(&b);
}

static void
test_svg_bar(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	services(a, &sb, STATS_BAR);
	sb.unit = "نفر";
	golden_svg(a, &sb, "bar");
	sb.unit = NULL;
	sb.caption = "یک زن ممکن است هم‌زمان از چند برنامه استفاده کند.";
	sb.source = "سامانه‌ی ثبت خدمات ستاد";
	golden_html(a, &sb, "bar");
}

static void
test_svg_hbar(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	services(a, &sb, STATS_HBAR);
	golden_svg(a, &sb, "hbar");
}

static void
test_svg_pie(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	schooling(a, &sb);
	golden_svg(a, &sb, "pie");
}

static void
test_svg_line(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	registrations(a, &sb, STATS_LINE);
	sb.title = "ثبت‌نام تجمعی، ۱۳۹۹ تا ۱۴۰۳";
	golden_svg(a, &sb, "line");
}

static void
test_svg_number(void **state)
{
	struct arena *a = *state;
	static const double v[] = { 17050 };
	static const char *const none[] = { "" };
	struct stats_block sb;

	two_columns(a, &sb, STATS_NUMBER, "زنان ثبت‌نام‌شده تا پایان ۱۴۰۳",
	    "زنان ثبت‌نام‌شده تا پایان ۱۴۰۳", none, v, 1);
	sb.label = sb.value = 1;
	sb.unit = "نفر";
	golden_svg(a, &sb, "number");
}

static void
test_svg_table(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	registrations(a, &sb, STATS_TABLE);
	golden_html(a, &sb, "table");
}

static void
test_svg_empty(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;

	services(a, &sb, STATS_BAR);
	sb.nrows = 0;
	golden_svg(a, &sb, "empty");
}

static void
test_svg_negative(void **state)
{
	struct arena *a = *state;
	static const char *const months[] = {
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	};
	static const double change[] = { 120, 45, -80, -120, 30, 210 };
	struct stats_block sb;

	two_columns(a, &sb, STATS_BAR, "ماه", "تغییر", months, change, 6);
	sb.title = "تغییر مراجعه‌های تکراری نسبت به سال پیش";
	golden_svg(a, &sb, "negative");
}

static void
test_svg_folded(void **state)
{
	struct arena *a = *state;
	static const double v[] = { 100, 5, 90, 80, 20, 70, 60, 50, 30, 40 };
	struct stats_block sb;

	two_columns(a, &sb, STATS_PIE, "x", "y", ten, v, 10);
	sb.title = "ده دسته در یک نمودار دایره‌ای";
	golden_svg(a, &sb, "folded");
	golden_html(a, &sb, "folded");
}

/* Ids, titles and labels are escaped; the caller's id prefixes every id. */
static void
test_svg_escaped(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = { "<b>&\"'" };
	static const double v[] = { 1 };
	struct stats_block sb;
	struct buf b = BUF_INIT;
	struct chart c;

	two_columns(a, &sb, STATS_BAR, "x", "y", bad, v, 1);
	sb.title = "</title><script>";
	model(a, &sb, CHART_PERSIAN, &c);
	chart_write_html(&c, "c\"1", a, &b);
	assert_null(strstr(b.data, "<b>"));
	assert_null(strstr(b.data, "<script>"));
	assert_null(strstr(b.data, "c\"1"));
	assert_non_null(strstr(b.data, "&lt;b&gt;&amp;&quot;&#39;"));
	assert_non_null(strstr(b.data, "id=\"c&quot;1-title\""));
	assert_non_null(strstr(b.data, "id=\"c&quot;1-n-title\""));
	buf_release(&b);
}

/* The phone's drawing: narrower, columns as horizontal bars, its own ids;
 * the wide drawing unchanged beside it. */
static void
test_svg_narrow(void **state)
{
	struct arena *a = *state;
	struct stats_block sb;
	struct buf b = BUF_INIT;
	struct chart c;

	services(a, &sb, STATS_BAR);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_write_html(&c, "k", a, &b);
	assert_non_null(strstr(b.data, "class=\"chart chart-bar\" id=\"k\" viewBox=\"0 0 560 "));
	assert_non_null(strstr(b.data, "class=\"chart chart-hbar chart-narrow\" id=\"k-n\" viewBox=\"0 0 320 "));
	assert_non_null(strstr(b.data, "aria-labelledby=\"k-n-title\""));
	/* The model is not changed by drawing it narrow. */
	assert_int_equal(c.kind, CHART_BAR);
	buf_release(&b);
	b = (struct buf)BUF_INIT;
	/* A pie stays a pie; a table has no drawing at all. */
	services(a, &sb, STATS_PIE);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_write_svg_narrow(&c, "p", a, &b);
	assert_non_null(strstr(b.data, "class=\"chart chart-pie chart-narrow\" id=\"p-n\""));
	buf_release(&b);
	b = (struct buf)BUF_INIT;
	services(a, &sb, STATS_TABLE);
	model(a, &sb, CHART_PERSIAN, &c);
	chart_write_svg_narrow(&c, "t", a, &b);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_number_persian, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_minus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_minus_visual, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_latin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticks_services, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticks_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticks_negative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_others_bucket, setup, teardown),
		cmocka_unit_test_setup_teardown(test_others_hbar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pie_negative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pie_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_format_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_rtl, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_line_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_hbar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_pie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_negative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_folded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_narrow, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
