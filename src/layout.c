/* layout.c - items, greedy line breaking, justification, visual order. */
#include <linebreak.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"
#include "layout.h"
#include "shape.h"

/* A stretch of the paragraph that is shaped and measured as one: it never
 * spans a change of level or style, a space boundary or a break opportunity. */
struct item {
	size_t start, end;		/* bytes */
	uint8_t level;
	size_t span;			/* index into the paragraph's spans */
	int is_space;			/* only U+0020: the stretchable space */
	int is_newline;			/* a hard line break from Markdown */
	char brk;			/* LINEBREAK_* after the item's last char */
	struct shape_glyph *g;
	size_t ng;
	double width_pt;
};

static int
same_style(const struct layout_style *x, const struct layout_style *y)
{
	return x->font == y->font && x->rgb == y->rgb && x->uri == y->uri;
}

static void
init_breaks_once(void)
{
	/* libunibreak keeps its tables in statics that init_linebreak() fills
	 * the same way every time; calling it again is harmless. */
	init_linebreak();
}

static size_t
span_at(const struct layout_par *p, size_t byte, size_t hint)
{
	size_t i;

	for (i = hint; i < p->nspans; i++)
		if (byte >= p->spans[i].start && byte < p->spans[i].end)
			return i;
	for (i = 0; i < hint && i < p->nspans; i++)
		if (byte >= p->spans[i].start && byte < p->spans[i].end)
			return i;
	return 0;
}

/* Cuts the paragraph into items (see struct item). */
static struct item *
make_items(struct arena *a, const struct layout_par *p,
    const struct bidi_par *b, size_t *nitems)
{
	struct item *v;
	char *brks;
	size_t i, n = 0, span = 0;

	brks = arena_alloc(a, b->n + 1);
	set_linebreaks_utf32(b->cp, b->n, "fa", brks);
	v = arena_array(a, b->n + 1, sizeof *v);
	for (i = 0; i < b->n; i++) {
		int sp = b->cp[i] == ' ', nl = b->cp[i] == '\n';
		size_t s = p->nspans ? span_at(p, b->off[i], span) : 0;
		struct item *last = n ? &v[n - 1] : NULL;

		if (last != NULL && !nl && !last->is_newline &&
		    last->level == b->level[i] && last->span == s &&
		    last->is_space == sp && last->brk == LINEBREAK_NOBREAK) {
			last->end = b->off[i + 1];
			last->brk = brks[i];
		} else {
			v[n].start = b->off[i];
			v[n].end = b->off[i + 1];
			v[n].level = b->level[i];
			v[n].span = s;
			v[n].is_space = sp;
			v[n].is_newline = nl;
			v[n].brk = nl ? LINEBREAK_MUSTBREAK : brks[i];
			n++;
		}
		span = s;
	}
	/* The end of the paragraph is not a forced empty line. */
	if (n > 0 && !v[n - 1].is_newline)
		v[n - 1].brk = LINEBREAK_ALLOWBREAK;
	*nitems = n;
	return v;
}

static int
shape_items(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct layout_par *p, struct item *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct font *f = &fs->f[p->nspans ?
		    p->spans[v[i].span].style.font : FONT_REGULAR];
		int32_t adv = 0;

		if (v[i].is_newline) {
			v[i].ng = 0;
			v[i].width_pt = 0;
			continue;
		}
		if (shape_run(s, f, p->text, p->len, v[i].start,
		    v[i].end - v[i].start, v[i].level & 1, a, &v[i].g, &v[i].ng) != 0)
			return -1;
		for (k = 0; k < v[i].ng; k++)
			adv += v[i].g[k].adv;
		v[i].width_pt = adv * p->size_pt / f->upem;
	}
	return 0;
}

/* Width of items [from, to) without trailing spaces. */
static double
fit_width(const struct item *v, size_t from, size_t to)
{
	double w = 0;
	size_t i, end = to;

	while (end > from && (v[end - 1].is_space || v[end - 1].is_newline))
		end--;
	for (i = from; i < end; i++)
		w += v[i].width_pt;
	return w;
}

/* Orders a line's runs by their text, the order MuPDF and other extractors
 * need to read the line back as written (TYPESETTING.md T2). */
static void
sort_logical(struct layout_line *line)
{
	struct layout_run t;
	size_t i, j;

	for (i = 1; i < line->nruns; i++) {
		t = line->runs[i];
		for (j = i; j > 0 && line->runs[j - 1].start > t.start; j--)
			line->runs[j] = line->runs[j - 1];
		line->runs[j] = t;
	}
}

/* Sets one line from items [from, to): drop hanging spaces (UAX #9 L1),
 * reorder (L2), justify, and group into runs. */
static void
set_line(struct arena *a, struct arena *tmp, const struct fonts *fs,
    const struct layout_par *p, int rtl, struct item *v, size_t from,
    size_t to, int last, struct layout_line *line)
{
	uint8_t *levels;
	struct layout_glyph *glyphs;
	size_t *order, n, i, k, nspaces = 0, r, nglyphs = 0;
	double natural, extra = 0, pen;
	struct layout_run *runs;
	struct item *it;

	while (to > from && (v[to - 1].is_space || v[to - 1].is_newline))
		to--;
	n = to - from;
	natural = fit_width(v, from, to);
	/* Each space glyph stretches: an item may hold several spaces. */
	for (i = from; i < to; i++)
		if (v[i].is_space)
			nspaces += v[i].ng;
	if (p->align == LAYOUT_JUSTIFY && !last && nspaces > 0 &&
	    natural < p->measure_pt)
		extra = (p->measure_pt - natural) / (double)nspaces;

	levels = arena_array(tmp, n + 1, 1);
	order = arena_array(tmp, n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		levels[i] = v[from + i].level;
	bidi_reorder(levels, n, order);

	line->text = p->text;
	line->rtl = rtl;
	line->overfull = natural > p->measure_pt + 0.01;
	line->width_pt = natural + extra * (double)nspaces;
	if (p->align == LAYOUT_CENTER)
		pen = (p->measure_pt - line->width_pt) / 2;
	else if (rtl && line->width_pt < p->measure_pt)
		pen = p->measure_pt - line->width_pt;
	else
		pen = 0;

	/* Runs are visually contiguous, so each takes the next stretch of one
	 * array of the line's glyphs in visual order. */
	for (i = from; i < to; i++)
		nglyphs += v[i].ng;
	glyphs = arena_array(a, nglyphs + 1, sizeof *glyphs);
	runs = arena_array(tmp, n + 1, sizeof *runs);
	r = 0;
	for (i = 0; i < n; i++) {
		const struct layout_style *st;
		const struct font *f;
		struct layout_run *run;
		double scale;

		it = &v[from + order[i]];
		st = p->nspans ? &p->spans[it->span].style : NULL;
		f = &fs->f[st ? st->font : FONT_REGULAR];
		scale = p->size_pt / f->upem;
		run = r ? &runs[r - 1] : NULL;
		/* Visually adjacent items join a run when they share level and
		 * style and stay contiguous in the text, so the run's text is one
		 * logical substring. */
		if (run == NULL || (run->rtl != (it->level & 1)) ||
		    run->font != f || (st && !same_style(run->style, st)) ||
		    !(it->level & 1 ? it->end == run->start : it->start == run->end) ||
		    v[from + order[i - 1]].level != it->level) {
			run = &runs[r++];
			run->start = it->start;
			run->end = it->end;
			run->rtl = it->level & 1;
			run->style = st;
			run->font = f;
			run->size_pt = p->size_pt;
			run->glyphs = glyphs;
			run->nglyphs = 0;
			run->x0_pt = pen;
		} else {
			if (it->level & 1)
				run->start = it->start;
			else
				run->end = it->end;
		}
		for (k = 0; k < it->ng; k++) {
			struct layout_glyph *g = glyphs++;

			run->nglyphs++;
			g->gid = it->g[k].gid;
			g->x_pt = pen + it->g[k].dx * scale;
			g->y_pt = -it->g[k].dy * scale;
			g->cluster = it->g[k].cluster;
			pen += it->g[k].adv * scale;
			if (it->is_space)
				pen += extra;
		}
		run->x1_pt = pen;
	}
	line->runs = arena_array(a, r + 1, sizeof *line->runs);
	memcpy(line->runs, runs, r * sizeof *runs);
	line->nruns = r;
	sort_logical(line);
}

/*
 * Greedy breaking over the logical items: a line may end only after an item
 * that ends at a break opportunity; spaces at the end of a line hang.  A
 * word wider than the measure gets a line of its own (marked overfull).
 */
int
layout_paragraph(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct layout_par *p, struct layout_line **lines, size_t *nlines)
{
	struct arena tmp;	/* levels, items, shaped glyphs: gone at return */
	struct bidi_par b;
	struct item *v;
	struct layout_line *out;
	size_t n, i, start, cand, nl = 0;

	init_breaks_once();
	*lines = NULL;
	*nlines = 0;
	arena_init(&tmp);
	if (bidi_paragraph(&tmp, p->text, p->len, p->dir, &b) != 0) {
		arena_release(&tmp);
		return -1;
	}
	v = make_items(&tmp, p, &b, &n);
	if (shape_items(&tmp, s, fs, p, v, n) != 0) {
		arena_release(&tmp);
		return -1;
	}
	out = arena_array(&tmp, n + 1, sizeof *out);

	start = 0;
	while (start < n) {
		cand = start;	/* items [start, cand) fit and end at an opportunity */
		for (i = start; i < n; i++) {
			if (v[i].brk == LINEBREAK_NOBREAK || v[i].brk == LINEBREAK_INSIDEACHAR)
				continue;
			if (fit_width(v, start, i + 1) > p->measure_pt && cand > start)
				break;
			cand = i + 1;
			if (v[i].brk == LINEBREAK_MUSTBREAK)
				break;
			if (fit_width(v, start, i + 1) > p->measure_pt)
				break;
		}
		if (cand == start)
			cand = n;	/* no opportunity left: the rest is one line */
		set_line(a, &tmp, fs, p, b.rtl, v, start, cand,
		    cand == n || v[cand - 1].brk == LINEBREAK_MUSTBREAK, &out[nl++]);
		start = cand;
	}
	*lines = arena_array(a, nl + 1, sizeof **lines);
	memcpy(*lines, out, nl * sizeof *out);
	*nlines = nl;
	arena_release(&tmp);
	return 0;
}

double
layout_measure(struct arena *a, struct shaper *s, const struct font *f,
    const char *text, size_t len, double size_pt)
{
	struct shape_glyph *g;
	size_t n, i;
	int64_t adv = 0;

	if (shape_run(s, f, text, len, 0, len, 1, a, &g, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		adv += g[i].adv;
	return (double)adv * size_pt / f->upem;
}
