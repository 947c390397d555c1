/* chart.c - one chart model from a stats block: the data formatted, the value axis. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "chart.h"
#include "fa.h"
#include "stats.h"

#define OTHERS_FILL	0xb9b2b6u	/* the bucket: grey, as it is no one category */

/*
 * Pie slices, largest first: the accent, then colours that stay apart from
 * their neighbours in lightness as well as hue, so that the slices can be
 * told apart in grey print too.  CHART_MAX_BAR of them: a pie never has
 * more slices.
 */
static const unsigned slice_fills[CHART_MAX_BAR] = {
	0x6d2e5bu,	/* plum, the accent */
	0xc48fb1u,	/* rose */
	0x3e6b70u,	/* deep teal */
	0xd8b169u,	/* ochre */
	0x6b6468u,	/* the muted grey */
	0xa9cdc9u,	/* pale teal */
	0x9a5b3fu,	/* brick */
	0xe6d3dfu,	/* pale plum */
};

/* Text headings for a data table whose columns have only ASCII names. */
#define HEAD_LABEL	"دسته"
#define HEAD_VALUE	"مقدار"
#define HEAD_SHARE	"سهم"
#define MISSING		"–"	/* U+2013: a NULL cell */

#define CHART_LIMIT	1e15	/* the largest value charted */

/* How numbers of one column are written. */
struct numfmt {
	int decimals;		/* -1: as many as the data needs, at most 2 */
	unsigned flags;		/* CHART_GROUP, CHART_PERCENT, CHART_LATIN */
};

/* --- numbers ----------------------------------------------------------- */

/* Appends code point c to s at *o as UTF-8 (c < 0x10000). */
static void
put_cp(char *s, size_t *o, unsigned c)
{
	if (c < 0x80) {
		s[(*o)++] = (char)c;
	} else if (c < 0x800) {
		s[(*o)++] = (char)(0xC0 | c >> 6);
		s[(*o)++] = (char)(0x80 | (c & 0x3F));
	} else {
		s[(*o)++] = (char)(0xE0 | c >> 12);
		s[(*o)++] = (char)(0x80 | (c >> 6 & 0x3F));
		s[(*o)++] = (char)(0x80 | (c & 0x3F));
	}
}

char *
chart_format(struct arena *a, double v, int decimals, unsigned flags)
{
	/* %.6f of the largest double: 309 digits, the point and 6 decimals. */
	char ascii[330], *out;
	double r;
	size_t len, intlen, i, o = 0;
	int latin = (flags & CHART_LATIN) != 0, neg;

	if (!isfinite(v))
		return arena_strdup(a, MISSING);
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* half away from zero, as people round (printf rounds half to even) */
	r = fabs(v);
	if (r < CHART_LIMIT)
		r = round(r * pow(10, decimals)) / pow(10, decimals);
	len = (size_t)snprintf(ascii, sizeof ascii, "%.*f", decimals, r);
	if (memchr(ascii, '.', len) != NULL) {
		/* "at most decimals digits": 3.50 is written 3.5 */
		while (ascii[len - 1] == '0')
			len--;
		if (ascii[len - 1] == '.')
			len--;
	}
	ascii[len] = '\0';
	/* -0.001 rounds to 0, which has no sign */
	neg = v < 0 && strspn(ascii, "0.") != len;
	intlen = strcspn(ascii, ".");

	/* 2 bytes a digit and 2 a separator after it; sign and ٪ add 8 */
	out = arena_alloc(a, len * 5 + 16);
	if (neg) {
		put_cp(out, &o, 0x200E);	/* LEFT-TO-RIGHT MARK: see chart.h */
		put_cp(out, &o, 0x2212);	/* MINUS SIGN */
	}
	for (i = 0; i < len; i++) {
		if (ascii[i] == '.')
			put_cp(out, &o, latin ? '.' : 0x066B);
		else
			put_cp(out, &o, latin ? (unsigned)ascii[i] :
			    0x06F0 + (unsigned)(ascii[i] - '0'));
		if ((flags & CHART_GROUP) && i + 1 < intlen &&
		    (intlen - i - 1) % 3 == 0)
			put_cp(out, &o, latin ? ',' : 0x066C);
	}
	if (flags & CHART_PERCENT)
		put_cp(out, &o, latin ? '%' : 0x066A);
	out[o] = '\0';
	return out;
}

char *
chart_number(struct arena *a, double v, int decimals, int group, int percent)
{
	return chart_format(a, v, decimals, (group ? CHART_GROUP : 0) |
	    (percent ? CHART_PERCENT : 0));
}

/* The decimals v needs to be written exactly, up to 2. */
static int
decimals_of(double v)
{
	int k;

	for (k = 0; k < 2; k++) {
		double s = v * pow(10, k);

		if (fabs(s - nearbyint(s)) < 1e-9 * fmax(1, fabs(s)))
			return k;
	}
	return 2;
}

/* --- reading the block --------------------------------------------------- */

static const struct stats_cell *
cell(const struct stats_block *sb, size_t row, size_t col)
{
	return &sb->cells[row * sb->ncols + col];
}

/* Reads a cell as a number.  Returns 1 for a number (in *v), 0 for NULL
 * and -1 for text that is no number. */
static int
cell_number(const struct stats_cell *x, double *v)
{
	char *end;

	*v = 0;
	switch (x->type) {
	case STATS_INTEGER:
	case STATS_REAL:
		*v = x->num;
		return 1;
	case STATS_TEXT:
		/* a number SQLite kept as text, still in ASCII */
		if (x->text == NULL)
			return -1;
		*v = strtod(x->text, &end);
		while (*end == ' ')
			end++;
		return end != x->text && *end == '\0' && isfinite(*v) ? 1 : -1;
	default:
		return 0;
	}
}

/* Does name hold needle, ignoring ASCII case? */
static int
contains_ci(const char *name, const char *needle)
{
	size_t n = strlen(needle);

	for (; *name != '\0'; name++)
		if (strncasecmp(name, needle, n) == 0)
			return 1;
	return 0;
}

int
chart_year_column(const struct stats_block *sb, size_t col)
{
	const char *name = sb->cols != NULL ? sb->cols[col] : NULL;
	size_t row;
	double v;

	if (name == NULL)
		return 0;
	if (strcasecmp(name, "year") == 0 || strcmp(name, "سال") == 0)
		return 1;
	/* "بزرگسال" holds سال too: the values must look like Jalali years */
	if (!contains_ci(name, "year") && strstr(name, "سال") == NULL)
		return 0;
	for (row = 0; row < sb->nrows; row++) {
		const struct stats_cell *x = cell(sb, row, col);

		if (x->type == STATS_NULL)
			continue;
		if (x->type != STATS_INTEGER && x->type != STATS_REAL)
			return 0;
		v = x->num;
		if (v != floor(v) || v < 1300 || v > 1500)
			return 0;
	}
	return 1;
}

/* The Persian text rules for text from the block: letters always, digits
 * when the booklet writes Persian digits.  NULL stays NULL. */
static const char *
prose(struct arena *a, const char *s, unsigned flags)
{
	if (s == NULL)
		return NULL;
	return fa_normalize(a, s, strlen(s), FA_LETTERS |
	    ((flags & CHART_PERSIAN) ? FA_DIGITS : 0), NULL);
}

static const char *
prose_or_null(struct arena *a, const char *s, unsigned flags)
{
	return s == NULL || *s == '\0' ? NULL : prose(a, s, flags);
}

/* Reads sb->format into *f: "percent" or "%", and "0.0" for decimals.
 * Anything else is a warning at the block. */
static void
read_format(const struct stats_block *sb, struct numfmt *f, struct diags *d)
{
	const char *s = sb->format, *p;
	int ok = 0;

	f->decimals = -1;
	f->flags = 0;
	if (s == NULL || *s == '\0')
		return;
	if (strstr(s, "percent") != NULL || strchr(s, '%') != NULL) {
		f->flags |= CHART_PERCENT;
		ok = 1;
	}
	if ((p = strstr(s, "0.")) != NULL || (p = strchr(s, '0')) != NULL) {
		f->decimals = 0;
		if (p[1] == '.')
			for (p += 2; *p == '0'; p++)
				f->decimals++;
		ok = 1;
	}
	if (!ok)
		diag_warn(d, sb->at, "unknown number format '%s' (use "
		    "\"percent\", \"0.0\" or \"0.0%%\")", s);
}

/* The flags and decimals for writing column col. */
static struct numfmt
column_format(const struct stats_block *sb, size_t col,
    const struct numfmt *block, unsigned flags)
{
	struct numfmt f = *block;
	size_t row;
	double v;

	if (!(flags & CHART_PERSIAN))
		f.flags |= CHART_LATIN;
	if (chart_year_column(sb, col)) {
		f.flags &= ~(unsigned)CHART_PERCENT;
		f.decimals = 0;
		return f;
	}
	f.flags |= CHART_GROUP;
	if (f.decimals < 0) {
		f.decimals = 0;
		for (row = 0; row < sb->nrows; row++)
			if (cell_number(cell(sb, row, col), &v) == 1 &&
			    decimals_of(v) > f.decimals)
				f.decimals = decimals_of(v);
	}
	return f;
}

/* A cell as text: numbers formatted as f says, text by the text rules. */
static const char *
cell_text(struct arena *a, const struct stats_block *sb, size_t row,
    size_t col, const struct numfmt *f, unsigned flags)
{
	const struct stats_cell *x = cell(sb, row, col);

	switch (x->type) {
	case STATS_INTEGER:
	case STATS_REAL:
		return chart_format(a, x->num, f->decimals, f->flags);
	case STATS_TEXT:
		return prose(a, x->text != NULL ? x->text : "", flags);
	default:
		return MISSING;
	}
}

/* Does the column hold numbers and nothing else (NULLs aside)? */
static int
numeric_column(const struct stats_block *sb, size_t col)
{
	size_t row;
	int any = 0;

	for (row = 0; row < sb->nrows; row++) {
		enum stats_type t = cell(sb, row, col)->type;

		if (t == STATS_TEXT)
			return 0;
		any |= t != STATS_NULL;
	}
	return any;
}

/* A heading for a data table: the column's name, unless it is all ASCII
 * ("served"), which a Persian reader is not meant to read. */
static const char *
heading(struct arena *a, const char *name, const char *persian,
    unsigned flags)
{
	const char *p;

	if (name == NULL)
		return persian;
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return prose(a, name, flags);
	return persian;
}

/* --- the model ------------------------------------------------------------ */

/* Every column and row of sb, for a table chart. */
static void
whole_table(struct arena *a, const struct stats_block *sb,
    const struct numfmt *block, unsigned flags, struct chart_table *t)
{
	size_t row, col;

	t->ncols = sb->ncols;
	t->nrows = sb->nrows;
	t->cols = arena_array(a, sb->ncols, sizeof *t->cols);
	t->numeric = arena_array(a, sb->ncols, 1);
	t->cells = arena_array(a, sb->ncols * sb->nrows, sizeof *t->cells);
	for (col = 0; col < sb->ncols; col++) {
		struct numfmt f = column_format(sb, col, block, flags);

		t->cols[col] = prose(a, sb->cols[col] != NULL ?
		    sb->cols[col] : "", flags);
		t->numeric[col] = (unsigned char)numeric_column(sb, col);
		for (row = 0; row < sb->nrows; row++)
			t->cells[row * t->ncols + col] =
			    cell_text(a, sb, row, col, &f, flags);
	}
}

/* Whether the block has a label column apart from the values. */
static int
has_labels(const struct stats_block *sb)
{
	return sb->label != sb->value && sb->label < sb->ncols;
}

/* The label of row: the label column written as lf says, or the row's
 * number when the block has no label column apart from the values. */
static const char *
row_label(struct arena *a, const struct stats_block *sb, size_t row,
    const struct numfmt *lf, unsigned flags)
{
	if (!has_labels(sb))
		return chart_format(a, (double)(row + 1), 0,
		    lf->flags & CHART_LATIN);
	return cell_text(a, sb, row, sb->label, lf, flags);
}

/* The label and value columns of every row (and the share, for a pie):
 * the data behind a chart, all of it, even what went into the bucket. */
static void
data_table(struct arena *a, const struct stats_block *sb, struct chart *c,
    const double *v, const unsigned char *missing, const struct numfmt *vf,
    const struct numfmt *lf, unsigned flags)
{
	struct chart_table *t = &c->table;
	size_t row, nc = c->kind == CHART_PIE ? 3 : 2;
	const char *vname;

	t->ncols = nc;
	t->nrows = sb->nrows;
	t->cols = arena_array(a, nc, sizeof *t->cols);
	t->numeric = arena_array(a, nc, 1);
	t->cells = arena_array(a, nc * sb->nrows, sizeof *t->cells);
	vname = sb->ncols > 0 ? sb->cols[sb->value] : NULL;
	t->cols[0] = has_labels(sb) ?
	    heading(a, sb->cols[sb->label], HEAD_LABEL, flags) : HEAD_LABEL;
	t->cols[1] = heading(a, vname, c->unit != NULL ? c->unit : HEAD_VALUE,
	    flags);
	t->numeric[1] = 1;
	if (nc == 3) {
		t->cols[2] = HEAD_SHARE;
		t->numeric[2] = 1;
	}
	for (row = 0; row < sb->nrows; row++) {
		const char **r = &t->cells[row * nc];

		r[0] = row_label(a, sb, row, lf, flags);
		r[1] = missing[row] ? MISSING :
		    chart_format(a, v[row], vf->decimals, vf->flags);
		if (nc == 3)
			r[2] = chart_format(a, c->total > 0 ?
			    100 * v[row] / c->total : 0, 0, CHART_PERCENT |
			    (vf->flags & CHART_LATIN));
	}
}

/* Reads the value column into v[] and missing[].  Returns 0, or -1 with
 * an error when a cell holds text. */
static int
read_values(const struct stats_block *sb, double *v, unsigned char *missing,
    struct diags *d)
{
	size_t row;

	for (row = 0; row < sb->nrows; row++) {
		const struct stats_cell *x = cell(sb, row, sb->value);
		int r = cell_number(x, &v[row]);

		if (r < 0)
			return diag_error(d, sb->at, "value column '%s' holds "
			    "text in row %zu ('%s'): a chart needs numbers "
			    "there; choose another column with 'value:'",
			    sb->cols[sb->value], row + 1,
			    x->text != NULL ? x->text : "");
		/* beyond this, digits stop being exact and axes meaningless */
		if (r > 0 && !(fabs(v[row]) < CHART_LIMIT))
			return diag_error(d, sb->at, "value %g in row %zu is "
			    "too large to chart (the limit is 1e15)",
			    v[row], row + 1);
		missing[row] = r == 0;
	}
	return 0;
}

/* A row's value, for ranking rows. */
struct ranked {
	double v;
	size_t row;
	int missing;
};

/* Larger values first, the earlier row first among equals; missing values
 * last of all. */
static int
by_value(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;

	if (p->missing != q->missing)
		return p->missing - q->missing;
	if (!p->missing && p->v != q->v)
		return p->v > q->v ? -1 : 1;
	return p->row < q->row ? -1 : p->row > q->row;
}

/* Marks in keep[] the k rows with the largest values. */
static void
keep_largest(struct arena *a, const double *v, const unsigned char *missing,
    size_t n, size_t k, unsigned char *keep)
{
	struct ranked *r = arena_array(a, n, sizeof *r);
	size_t i;

	for (i = 0; i < n; i++) {
		r[i].v = v[i];
		r[i].row = i;
		r[i].missing = missing[i];
	}
	qsort(r, n, sizeof *r, by_value);
	memset(keep, 0, n);
	for (i = 0; i < k && i < n; i++)
		keep[r[i].row] = 1;
}

/* The chart's categories: one per row, unless there are more than the
 * kind can show; then the largest and the bucket. */
static void
make_items(struct arena *a, const struct stats_block *sb, struct chart *c,
    const double *v, const unsigned char *missing, const struct numfmt *vf,
    const struct numfmt *lf, unsigned flags)
{
	size_t n = sb->nrows, limit = n, row, i = 0;
	unsigned char *keep = arena_alloc(a, n);
	struct chart_item *it;
	double rest = 0;

	if (c->kind == CHART_BAR || c->kind == CHART_PIE)
		limit = CHART_MAX_BAR;
	else if (c->kind == CHART_HBAR)
		limit = CHART_MAX_HBAR;
	else if (c->kind == CHART_NUMBER)
		limit = 1;
	memset(keep, 1, n);
	if (c->kind != CHART_NUMBER && n > limit) {
		keep_largest(a, v, missing, n, limit - 1, keep);
		c->flags |= CHART_FOLDED;
		c->nfolded = n - (limit - 1);
	} else if (n > limit) {
		n = limit;	/* a number shows the first row */
	}
	c->items = arena_array(a, n, sizeof *c->items);
	for (row = 0; row < n; row++) {
		if (!keep[row]) {
			rest += missing[row] ? 0 : v[row];
			continue;
		}
		it = &c->items[i++];
		it->label = row_label(a, sb, row, lf, flags);
		it->value = missing[row] ? 0 : v[row];
		it->missing = missing[row];
		it->value_label = missing[row] ? MISSING :
		    chart_format(a, v[row], vf->decimals, vf->flags);
	}
	if (c->flags & CHART_FOLDED) {
		it = &c->items[i++];
		it->label = CHART_OTHERS;
		it->value = rest;
		it->value_label = chart_format(a, rest, vf->decimals, vf->flags);
		it->others = 1;
	}
	c->nitems = i;
}

/*
 * The value axis by the 1-2-5 rule: the step is the smallest of 1, 2, 5
 * times a power of ten that covers lo..hi in at most 5 steps from a
 * multiple of itself, and never below 1 for whole numbers (no "۰٫۵ نفر").
 * 3350 gives 0..4000 by 1000: 500 would take 7 steps.
 */
static void
nice_axis(double lo, double hi, int whole, double *min, double *max,
    double *step)
{
	static const double mult[] = { 1, 2, 5 };
	double s;
	int e, i;

	if (hi - lo <= 0)
		hi = lo + 1;
	/* pow(10, e) of a whole e: 0.1 is the 0.1 a reader means */
	for (e = (int)floor(log10((hi - lo) / 5));; e++) {
		for (i = 0; i < 3; i++) {
			s = mult[i] * pow(10, e);
			if (whole && s < 1)
				continue;
			if (ceil(hi / s - 1e-9) - floor(lo / s + 1e-9) <= 5) {
				*min = floor(lo / s + 1e-9) * s;
				*max = ceil(hi / s - 1e-9) * s;
				*step = s;
				return;
			}
		}
	}
}

static double
frac_of(const struct chart *c, double v)
{
	return (v - c->axis_min) / (c->axis_max - c->axis_min);
}

/* The value axis of a bar, hbar or line chart, from 0 or below. */
static void
make_axis(struct arena *a, struct chart *c, const struct numfmt *vf)
{
	double lo = 0, hi = 0, t;
	int whole = 1, dec;
	size_t i;

	for (i = 0; i < c->nitems; i++) {
		if (c->items[i].missing)
			continue;
		lo = fmin(lo, c->items[i].value);
		hi = fmax(hi, c->items[i].value);
		whole &= decimals_of(c->items[i].value) == 0;
	}
	nice_axis(lo, hi, whole, &c->axis_min, &c->axis_max, &c->axis_step);
	c->nticks = (size_t)lround((c->axis_max - c->axis_min) /
	    c->axis_step) + 1;
	c->ticks = arena_array(a, c->nticks, sizeof *c->ticks);
	dec = c->axis_step >= 1 ? 0 : (int)lround(-floor(log10(c->axis_step)));
	for (i = 0; i < c->nticks; i++) {
		t = c->axis_min + (double)i * c->axis_step;
		if (fabs(t) < c->axis_step * 1e-9)
			t = 0;	/* no "−۰" from rounding */
		c->ticks[i].value = t;
		c->ticks[i].frac = frac_of(c, t);
		c->ticks[i].label = chart_format(a, t, dec, vf->flags);
	}
	c->zero_frac = frac_of(c, 0);
	for (i = 0; i < c->nitems; i++)
		c->items[i].frac = c->items[i].missing ? c->zero_frac :
		    frac_of(c, c->items[i].value);
}

/* Relative luminance (WCAG) of 0xRRGGBB. */
static double
luminance(unsigned rgb)
{
	double ch[3];
	int i;

	for (i = 0; i < 3; i++) {
		double x = (double)(rgb >> (16 - 8 * i) & 0xFF) / 255;

		ch[i] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/* Ink or paper over fill, whichever stands out more. */
static unsigned
on_fill(unsigned fill)
{
	double l = luminance(fill);

	return (1.05 / (l + 0.05) > (l + 0.05) / (luminance(CHART_INK) + 0.05)) ?
	    CHART_PAPER : CHART_INK;
}

static void
make_colours(struct chart *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++) {
		struct chart_item *it = &c->items[i];

		if (it->others)
			it->colour = OTHERS_FILL;
		else if (c->kind == CHART_PIE)
			it->colour = slice_fills[i % CHART_MAX_BAR];
		else
			it->colour = CHART_ACCENT;
		it->on_colour = on_fill(it->colour);
	}
}

/* Shares and turns of a pie; a pie of zeros is empty. */
static void
make_slices(struct arena *a, struct chart *c, const struct numfmt *vf)
{
	double turn = 0;
	size_t i;

	for (i = 0; i < c->nitems; i++)
		c->total += c->items[i].value;
	if (c->total <= 0) {
		c->flags |= CHART_EMPTY;
		return;
	}
	for (i = 0; i < c->nitems; i++) {
		struct chart_item *it = &c->items[i];
		double pct;

		it->share = it->value / c->total;
		it->turn0 = turn;
		turn += it->share;
		it->turn1 = i + 1 == c->nitems ? 1 : turn;
		pct = 100 * it->share;
		/* a sliver is "۰٫۴٪", never "۰٪" */
		it->share_label = chart_format(a, pct,
		    pct > 0 && pct < 0.5 ? 1 : 0,
		    CHART_PERCENT | (vf->flags & CHART_LATIN));
	}
}

static enum chart_kind
kind_of(enum stats_chart k)
{
	switch (k) {
	case STATS_HBAR:
		return CHART_HBAR;
	case STATS_PIE:
		return CHART_PIE;
	case STATS_LINE:
		return CHART_LINE;
	case STATS_TABLE:
		return CHART_TABLE;
	case STATS_NUMBER:
		return CHART_NUMBER;
	default:
		return CHART_BAR;
	}
}

/* A number chart's label: the label column, else the value column's name. */
static void
number_label(struct arena *a, const struct stats_block *sb, struct chart *c,
    unsigned flags)
{
	if (c->nitems == 0)
		return;
	if (!has_labels(sb))
		c->items[0].label = prose(a, sb->cols[sb->value] != NULL ?
		    sb->cols[sb->value] : "", flags);
}

int
chart_model(struct arena *a, const struct stats_block *sb, unsigned flags,
    struct chart *c, struct diags *d)
{
	struct numfmt block, vf, lf;
	unsigned char *missing;
	double *v;
	size_t row;

	memset(c, 0, sizeof *c);
	c->kind = kind_of(sb->chart);
	c->at = sb->at;
	c->latin = !(flags & CHART_PERSIAN);
	c->title = prose_or_null(a, sb->title, flags);
	c->caption = prose_or_null(a, sb->caption, flags);
	c->unit = prose_or_null(a, sb->unit, flags);
	c->source = prose_or_null(a, sb->source, flags);
	read_format(sb, &block, d);
	if (c->kind == CHART_TABLE || sb->ncols == 0) {
		whole_table(a, sb, &block, flags, &c->table);
		if (sb->nrows == 0)
			c->flags |= CHART_EMPTY;
		return 0;
	}
	assert(sb->value < sb->ncols);
	v = arena_array(a, sb->nrows + 1, sizeof *v);
	missing = arena_alloc(a, sb->nrows + 1);
	if (read_values(sb, v, missing, d) < 0)
		return -1;
	if (c->kind == CHART_PIE)
		for (row = 0; row < sb->nrows; row++)
			if (!missing[row] && v[row] < 0)
				return diag_error(d, sb->at, "pie chart value "
				    "%g in row %zu is negative: a pie shows "
				    "parts of a whole; use 'chart: bar' for "
				    "values below zero", v[row], row + 1);
	vf = column_format(sb, sb->value, &block, flags);
	lf = has_labels(sb) ? column_format(sb, sb->label, &block, flags) : vf;
	lf.flags &= ~(unsigned)CHART_PERCENT;	/* a label is no share */
	if (sb->nrows == 0)
		c->flags |= CHART_EMPTY;
	make_items(a, sb, c, v, missing, &vf, &lf, flags);
	make_colours(c);
	if (c->kind == CHART_PIE && c->nitems > 0)
		make_slices(a, c, &vf);
	else if (c->kind == CHART_NUMBER)
		number_label(a, sb, c, flags);
	else if (c->nitems > 0)
		make_axis(a, c, &vf);
	data_table(a, sb, c, v, missing, &vf, &lf, flags);
	return 0;
}
