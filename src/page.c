/* page.c - pagination of laid-out blocks into mirrored book pages. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "chart.h"
#include "diag.h"
#include "fa.h"
#include "image.h"
#include "flow.h"
#include "layout.h"
#include "layout_cache.h"
#include "page.h"
#include "progress.h"

/* How far backgrounds reach past the trim edge: the largest bleed allowed
 * in booklet.yaml (20 mm). */
#define BLEED_MAX_PT	(20 * 72.0 / 25.4)

struct state {
	struct arena *a;
	struct shaper *s;
	const struct fonts *fs;
	const struct flow *f;
	struct page_book *book;
	struct diags *d;
	struct page *page;	/* the page being filled, or NULL */
	double y;		/* top of the free space on it */
	int fresh;		/* nothing placed on the page yet */
	const struct page_opts *o;
	size_t first_page;	/* index of the first page this call sets */
	int next_folio;		/* the next page started gets a folio */
	int next_vcenter;
	int next_no_head;
	const char *chapter;	/* running head of odd pages from here on */
	size_t group;		/* the block being placed, for its tag */
	size_t *floats;		/* images waiting for the next page */
	size_t nfloats, capfloats;
	int flushing;		/* placing them: new_page() must not recurse */
};

static int place_image(struct state *st, size_t bi);

double
page_left_margin(const struct page_geom *g, int number)
{
	return number % 2 ? g->outer_pt : g->inner_pt;
}

static double
text_width(const struct page_geom *g)
{
	return g->width_pt - g->inner_pt - g->outer_pt;
}

static struct page_item *
add_item(struct state *st, enum page_item_kind k)
{
	struct page *p = st->page;
	struct page_item *it;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;

		p->items = arena_grow(st->a, p->items, p->n, cap, sizeof *p->items);
		p->cap = cap;
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	return it;
}

static void
new_page(struct state *st)
{
	struct page_book *b = st->book;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;

		b->pages = arena_grow(st->a, b->pages, b->n, cap, sizeof *b->pages);
		b->cap = cap;
	}
	st->page = &b->pages[b->n++];
	memset(st->page, 0, sizeof *st->page);
	st->page->number = (int)b->n;
	st->page->width_pt = b->geom.width_pt;
	st->page->height_pt = b->geom.height_pt;
	st->page->folio = st->next_folio;
	st->page->vcenter = st->next_vcenter;
	st->page->used_top_pt = b->geom.top_pt;
	/* Running heads are chosen at the end; remember the chapter now. */
	st->page->head = st->next_no_head || !st->next_folio ? NULL :
	    st->chapter != NULL ? st->chapter : "";
	st->next_folio = 1;
	st->next_vcenter = 0;
	st->next_no_head = 0;
	st->y = b->geom.top_pt;
	st->fresh = 1;
	progress_count(st->o->progress, PROGRESS_PAGES_SET, b->n, 0);
	/* Images that did not fit on the last page open this one. */
	if (st->nfloats > 0 && !st->flushing) {
		size_t i, n = st->nfloats, *wait;

		/* One that still does not fit waits again, for the page after. */
		wait = arena_array(st->a, n, sizeof *wait);
		memcpy(wait, st->floats, n * sizeof *wait);
		st->nfloats = 0;
		st->flushing = 1;
		for (i = 0; i < n; i++)
			place_image(st, wait[i]);
		st->flushing = 0;
	}
}

/* A page left empty so that what follows opens on an odd page: no
 * folio, no running head. */
static void
blank_page(struct state *st)
{
	int folio = st->next_folio, vc = st->next_vcenter, nh = st->next_no_head;

	st->next_folio = 0;
	new_page(st);
	st->page->blank = 1;
	st->next_folio = folio;
	st->next_vcenter = vc;
	st->next_no_head = nh;
}

static double
bottom(const struct state *st)
{
	return st->book->geom.height_pt - st->book->geom.bottom_pt;
}

static double
advance(const struct flow_block *b)
{
	return b->par.size_pt * b->line_height;
}

/* Places line l of block b at the current position. */
static void
place_line(struct state *st, const struct flow_block *b,
    const struct layout_line *l, double measure_pt, double x_left)
{
	struct page_item *it;
	double adv = advance(b);
	double asc = b->par.size_pt * 0.8;	/* baseline sits below the top */

	it = add_item(st, PAGE_LINE);
	it->line = l;
	it->x_pt = x_left;
	it->y_pt = st->y + asc + (adv - b->par.size_pt) / 2;
	it->tag = b->tag != NULL ? b->tag : "P";
	it->group = st->group;
	if (b->quote_depth > 0 && !b->marker) {
		struct page_item *bar = add_item(st, PAGE_RULE);
		double bx = l->rtl ? x_left + measure_pt + 0.7 * b->par.size_pt :
		    x_left - 0.7 * b->par.size_pt;

		bar->x_pt = bar->x2_pt = bx;
		bar->y_pt = st->y;
		bar->y2_pt = st->y + adv;
		bar->stroke_pt = 1.6;
		bar->rgb = FLOW_ACCENT;
		bar->tag = it->tag;
		bar->group = it->group;
	}
	st->y += adv;
	st->fresh = 0;
	st->page->used_bottom_pt = st->y;
}

/* Lays text out as one line in one regular-weight style (markers and
 * folios); the line lives in st->a.  Returns NULL when shaping fails. */
static const struct layout_line *
label_font(struct state *st, const char *text, enum font_style font,
    uint32_t rgb, double size_pt, double measure_pt, enum layout_align align,
    int dir, const char *dest)
{
	/* Runs point at their span's style: it must live as long as the line. */
	struct layout_span *span = arena_alloc(st->a, sizeof *span);
	struct layout_line *lines;
	struct layout_par par;
	size_t n;

	memset(&par, 0, sizeof par);
	par.text = text;
	par.len = strlen(text);
	span->end = par.len;
	span->style.font = font;
	span->style.rgb = rgb;
	span->style.dest = dest;
	par.spans = span;
	par.nspans = 1;
	par.size_pt = size_pt;
	par.measure_pt = measure_pt;
	par.align = align;
	par.dir = dir;
	if (layout_cache_paragraph(st->o->lines, st->a, st->s, st->fs, &par,
	    &lines, &n) != 0 || n == 0)
		return NULL;
	return &lines[0];
}

static const struct layout_line *
label_line(struct state *st, const char *text, uint32_t rgb, double size_pt,
    double measure_pt, enum layout_align align, int dir, const char *dest)
{
	return label_font(st, text, FONT_REGULAR, rgb, size_pt, measure_pt, align,
	    dir, dest);
}

/* Sets b's list marker in the start margin beside a paragraph whose lines
 * are measure_pt wide and start at x_left. */
static int
place_marker(struct state *st, const struct flow_block *b, int rtl,
    double measure_pt, double x_left, double y_top)
{
	const struct layout_line *l;
	struct page_item *it;
	double box = 1.3 * b->par.size_pt;

	/* A no-break space inside the marker's own run: copy-paste then keeps
	 * the marker apart from the first word, and Cairo cannot drop a space
	 * that shares a call with ink (TYPESETTING.md T1). */
	l = label_line(st, arena_printf(st->a, "%s\xc2\xa0", b->marker),
	    FLOW_ACCENT, b->par.size_pt, box, LAYOUT_START, rtl ? 1 : -1, NULL);
	if (l == NULL)
		return -1;
	it = add_item(st, PAGE_LINE);
	it->line = l;
	it->x_pt = rtl ? x_left + measure_pt + 0.25 * b->par.size_pt :
	    x_left - box - 0.25 * b->par.size_pt;
	it->y_pt = y_top + b->par.size_pt * 0.8 + (advance(b) - b->par.size_pt) / 2;
	return 0;
}

/*
 * Sets b's trailer (a page number in the contents) at the end edge of its
 * first line, linked like the line, with a leader of dots from the text.
 */
static int
place_trailer(struct state *st, const struct flow_block *b,
    const struct layout_line *first, double measure_pt, double x_left,
    double y_top)
{
	const struct layout_line *l;
	struct page_item *it, *dots;
	double text_edge, num_edge, y;
	size_t i;

	/* The space keeps the number apart from the title for copy-paste; it
	 * shares the number's run, so Cairo keeps it (TYPESETTING.md T1). */
	l = label_line(st, arena_printf(st->a, " %s", b->trailer), FLOW_INK,
	    b->par.size_pt, measure_pt, LAYOUT_START, first->rtl ? -1 : 1,
	    b->trailer_dest);
	if (l == NULL)
		return -1;
	y = y_top + b->par.size_pt * 0.8 + (advance(b) - b->par.size_pt) / 2;
	it = add_item(st, PAGE_LINE);
	it->line = l;
	it->x_pt = x_left;
	it->y_pt = y;
	it->tag = b->tag;
	it->group = st->group;
	/* The dots run between the title's end and the number's start. */
	text_edge = first->rtl ? first->runs[0].x0_pt : first->runs[0].x1_pt;
	num_edge = first->rtl ? l->runs[0].x1_pt : l->runs[0].x0_pt;
	for (i = 0; i < first->nruns; i++) {
		if (first->rtl && first->runs[i].x0_pt < text_edge)
			text_edge = first->runs[i].x0_pt;
		if (!first->rtl && first->runs[i].x1_pt > text_edge)
			text_edge = first->runs[i].x1_pt;
	}
	for (i = 0; i < l->nruns; i++) {
		if (first->rtl && l->runs[i].x1_pt > num_edge)
			num_edge = l->runs[i].x1_pt;
		if (!first->rtl && l->runs[i].x0_pt < num_edge)
			num_edge = l->runs[i].x0_pt;
	}
	if (fabs(text_edge - num_edge) < 2 * b->par.size_pt)
		return 0;
	dots = add_item(st, PAGE_RULE);
	dots->dotted = 1;
	dots->x_pt = x_left + (first->rtl ? num_edge : text_edge) + 0.5 * b->par.size_pt;
	dots->x2_pt = x_left + (first->rtl ? text_edge : num_edge) - 0.5 * b->par.size_pt;
	dots->y_pt = dots->y2_pt = y;
	dots->stroke_pt = 0.9;
	dots->rgb = FLOW_MUTED;
	return 0;
}

/* How many of the n lines to put on this page, given that k fit. */
static size_t
lines_here(size_t n, size_t k, int fresh, size_t min)
{
	if (k >= n)
		return n;
	if (fresh)
		return k ? k : 1;	/* a page must take something */
	if (k < min)
		return 0;		/* no lone first line at the foot */
	if (n - k < min && n >= 2 * min)
		return n - min;		/* no lone last line at the head */
	if (n - k < min)
		return 0;
	return k;
}

static size_t
fits(const struct state *st, const struct flow_block *b, double y)
{
	double adv = advance(b), room = bottom(st) - y;

	return room < adv ? 0 : (size_t)((room + 0.01) / adv);
}

/* Height the next block needs on this page to keep a heading company. */
static double
keep_height(const struct flow *f, size_t i)
{
	const struct flow_block *next;

	if (i + 1 >= f->n)
		return 0;
	next = &f->v[i + 1];
	if (next->kind != FLOW_PARA)
		return 0;
	return next->space_before_pt + 2 * advance(next);
}

/* How many characters (UTF-8 lead bytes) s[0..len) holds. */
static size_t
count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * The word an emergency line l of b ends inside: from the space before the
 * line's logical end to the space after it.  The warning quotes its start
 * and its length, since the block's line number alone leaves the editor to
 * hunt for it through a whole paragraph.
 */
static void
warn_long_word(struct state *st, const struct flow_block *b,
    const struct layout_line *l)
{
	struct pos at = { b->file, b->line, 0 };
	const char *t = b->par.text;
	size_t cut = 0, ws, we, show, k;

	for (k = 0; k < l->nruns; k++)
		if (l->runs[k].end > cut)
			cut = l->runs[k].end;
	for (ws = cut; ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '\n'; ws--)
		;
	for (we = cut; we < b->par.len && t[we] != ' ' && t[we] != '\n'; we++)
		;
	/* Quote the first 12 characters, cut on a character boundary. */
	for (show = ws, k = 0; show < we && k < 12; k++)
		do
			show++;
		while (show < we && ((unsigned char)t[show] & 0xC0) == 0x80);
	diag_warn(st->d, at, "the word '%.*s%s' (%zu characters) is too long "
	    "for the line and was broken inside it — shorten it or put a "
	    "space in it", (int)(show - ws), t + ws, show < we ? "…" : "",
	    count_chars(t + ws, we - ws));
}

/* An editor must hear about a word cut in two or a line that sticks out. */
static void
warn_overflow(struct state *st, const struct flow_block *b,
    const struct layout_line *lines, size_t n)
{
	struct pos at = { b->file, b->line, 0 };
	size_t i;

	if (b->file == NULL)
		return;
	for (i = 0; i < n; i++)
		if (lines[i].emergency) {
			warn_long_word(st, b, &lines[i]);
			return;
		}
	for (i = 0; i < n; i++)
		if (lines[i].overfull) {
			diag_warn(st->d, at, "a line is wider than the text block — add a space or shorten the longest word");
			return;
		}
}

static int
set_par(struct state *st, size_t bi)
{
	const struct flow_block *b = &st->f->v[bi];
	struct layout_par par = b->par;
	struct layout_line *lines;
	size_t n, i = 0, k, take;
	double x_left, need, y_first;
	int first = 1;

	if (st->page == NULL)
		new_page(st);
	par.measure_pt = text_width(&st->book->geom) - b->indent_start_pt -
	    b->indent_end_pt;
	if (layout_cache_paragraph(st->o->lines, st->a, st->s, st->fs, &par,
	    &lines, &n) != 0)
		return -1;
	warn_overflow(st, b, lines, n);
	if (!st->fresh)
		st->y += b->space_before_pt;
	if (b->keep_with_next && !st->fresh) {
		need = (double)n * advance(b) + keep_height(st->f, bi);
		if (st->y + need > bottom(st))
			new_page(st);
	}
	/* A quote or list item moves whole to the next page when it fits there. */
	if (b->keep_together && !st->fresh && fits(st, b, st->y) < n &&
	    fits(st, b, st->book->geom.top_pt) >= n)
		new_page(st);
	st->group = bi;
	while (i < n) {
		k = fits(st, b, st->y);
		take = lines_here(n - i, k, st->fresh, (size_t)st->o->min_lines);
		if (take == 0) {
			new_page(st);
			continue;
		}
		x_left = page_left_margin(&st->book->geom, st->page->number);
		x_left += lines[i].rtl ? b->indent_end_pt : b->indent_start_pt;
		if (first && b->dest) {
			struct page_item *d = add_item(st, PAGE_DEST);

			d->dest = b->dest;
			d->x_pt = x_left;
			d->y_pt = st->y;
		}
		if (first && b->marker && place_marker(st, b, lines[0].rtl,
		    par.measure_pt, x_left, st->y) != 0)
			return -1;
		y_first = st->y;
		for (; take > 0; take--, i++)
			place_line(st, b, &lines[i], par.measure_pt, x_left);
		/* After the title, so it reads "title ۱۲" in the text. */
		if (first && b->trailer && place_trailer(st, b, &lines[0],
		    par.measure_pt, x_left, y_first) != 0)
			return -1;
		first = 0;
		if (i < n)
			new_page(st);
	}
	st->y += b->space_after_pt;
	return 0;
}

static void
add_mark(struct state *st, const struct flow_block *b)
{
	struct page_book *bk = st->book;

	if (bk->nmarks == bk->capmarks) {
		size_t cap = bk->capmarks ? bk->capmarks * 2 : 32;

		bk->marks = arena_grow(st->a, bk->marks, bk->nmarks, cap, sizeof *bk->marks);
		bk->capmarks = cap;
	}
	bk->marks[bk->nmarks].title = b->outline;
	bk->marks[bk->nmarks].level = b->outline_level;
	bk->marks[bk->nmarks].dest = b->dest;
	bk->nmarks++;
}

static void
rule(struct state *st, const struct flow_block *b)
{
	struct page_item *it;
	double w = text_width(&st->book->geom), x;

	if (st->page == NULL)
		new_page(st);
	if (st->y + 2 * st->f->size_pt > bottom(st))
		new_page(st);
	x = page_left_margin(&st->book->geom, st->page->number);
	st->y += st->f->size_pt;
	it = add_item(st, PAGE_RULE);
	it->x_pt = x + w * 0.35;
	it->x2_pt = x + w * 0.65;
	it->y_pt = it->y2_pt = st->y;
	it->stroke_pt = 0.6;
	it->rgb = FLOW_ACCENT;
	st->y += b->space_after_pt;
}

/* Moves a title page's content to the middle of its text area. */
static void
centre(struct page_book *bk, struct page *p)
{
	double avail = bk->geom.height_pt - bk->geom.top_pt - bk->geom.bottom_pt;
	double used = p->used_bottom_pt - bk->geom.top_pt, dy;
	size_t i;

	if (!p->vcenter || used >= avail)
		return;
	dy = (avail - used) / 2.4;	/* a little above the middle reads as centred */
	for (i = 0; i < p->n; i++) {
		if (p->items[i].kind == PAGE_RECT)
			continue;	/* backgrounds stay where they are */
		p->items[i].y_pt += dy;
		p->items[i].y2_pt += dy;
	}
}

/* The running head of p: the book's title on even pages, the chapter's on
 * odd ones, at the outer top corner.  The book binds on the right, so odd
 * pages are left-hand pages (their outer edge is the left one) and even
 * pages right-hand ones. */
static int
running_head(struct state *st, struct page *p)
{
	const struct page_geom *g = &st->book->geom;
	const struct layout_line *l;
	struct page_item *it;
	const char *text = p->number % 2 ? p->head : st->o->book_title;
	double w = text_width(g);

	if (text == NULL || *text == '\0')
		return 0;
	l = label_line(st, text, FLOW_MUTED, st->f->size_pt * 0.8, w,
	    LAYOUT_START, 1, NULL);
	if (l == NULL)
		return -1;
	st->page = p;
	it = add_item(st, PAGE_LINE);
	it->line = l;
	/* Set right-aligned in the measure: right for even pages as it is;
	 * shifted to the left edge for odd ones. */
	it->x_pt = page_left_margin(g, p->number) -
	    (p->number % 2 ? w - l->width_pt : 0);
	it->y_pt = g->top_pt * 0.55;
	return 0;
}

static int
add_folios(struct state *st)
{
	const struct page_geom *g = &st->book->geom;
	const struct layout_line *l;
	struct page_item *it;
	size_t i;
	int folio;

	for (i = st->first_page; i < st->book->n; i++) {
		struct page *p = &st->book->pages[i];

		centre(st->book, p);
		folio = st->o->first_folio + (int)(i - st->first_page);
		p->label = st->o->abjad ? fa_abjad(st->a, folio) :
		    st->f->digits_persian ? fa_number(st->a, folio, 0) :
		    arena_printf(st->a, "%d", folio);
		if (!p->folio || p->blank)
			continue;
		if (p->head != NULL && running_head(st, p) != 0)
			return -1;
		l = label_line(st, p->label, FLOW_MUTED, st->f->size_pt * 0.85,
		    text_width(g), LAYOUT_CENTER, 1, NULL);
		if (l == NULL)
			return -1;
		st->page = p;
		it = add_item(st, PAGE_LINE);
		it->line = l;
		it->x_pt = page_left_margin(g, p->number);
		it->y_pt = g->height_pt - g->bottom_pt / 2 + st->f->size_pt * 0.85 * 0.3;
	}
	return 0;
}

/* 150 dpi: the sharpest a photo is printed; it is never enlarged past it. */
#define IMAGE_DPI	150.0

/* Height a FLOW_IMAGE block takes: the photo and its caption's lines. */
static double
image_box(const struct state *st, const struct flow_block *b,
    const struct layout_line *caption, size_t ncap, double *w, double *h)
{
	const struct page_geom *g = &st->book->geom;
	double maxw = text_width(g), maxh;
	double capt = ncap ? b->space_before_pt + (double)ncap * advance(b) : 0;

	*w = b->image->width * 72.0 / IMAGE_DPI;
	if (*w > maxw)
		*w = maxw;
	*h = *w * b->image->height / b->image->width;
	/* A tall photo shrinks to leave room for its caption on one page. */
	maxh = g->height_pt - g->top_pt - g->bottom_pt - capt;
	if (*h > maxh) {
		*w *= maxh / *h;
		*h = maxh;
	}
	(void)caption;
	return *h + capt;
}

/*
 * Places image block bi and its caption, centred in the text block; when
 * it does not fit in what is left of the page it waits for the next page,
 * and the text goes on filling this one.
 */
static int
place_image(struct state *st, size_t bi)
{
	const struct flow_block *b = &st->f->v[bi];
	const struct page_geom *g = &st->book->geom;
	struct layout_par par = b->par;
	struct layout_line *lines = NULL;
	struct page_item *it;
	size_t n = 0, i;
	double w, h, need, x0;

	if (st->page == NULL)
		new_page(st);
	par.measure_pt = text_width(g);
	if (par.len > 0 && layout_cache_paragraph(st->o->lines, st->a, st->s,
	    st->fs, &par, &lines, &n) != 0)
		return -1;
	need = image_box(st, b, lines, n, &w, &h);
	if (!st->fresh && st->y + b->space_after_pt + need > bottom(st)) {
		if (st->nfloats == st->capfloats) {
			size_t cap = st->capfloats ? st->capfloats * 2 : 4;

			st->floats = arena_grow(st->a, st->floats, st->nfloats, cap,
			    sizeof *st->floats);
			st->capfloats = cap;
		}
		st->floats[st->nfloats++] = bi;
		return 0;
	}
	if (!st->fresh)
		st->y += b->space_after_pt;
	x0 = page_left_margin(g, st->page->number) + (text_width(g) - w) / 2;
	it = add_item(st, PAGE_IMAGE);
	it->image = b->image;
	it->x_pt = x0;
	it->y_pt = st->y;
	it->x2_pt = x0 + w;
	it->y2_pt = st->y + h;
	it->tag = "Figure";
	it->group = bi;
	st->y += h;
	st->fresh = 0;
	if (n > 0)
		st->y += b->space_before_pt;
	for (i = 0; i < n; i++) {
		st->group = bi;
		place_line(st, b, &lines[i], par.measure_pt,
		    page_left_margin(g, st->page->number));
	}
	st->y += b->space_after_pt;
	st->page->used_bottom_pt = st->y;
	return 0;
}

/* chart_layout()'s measure: the width of chart text as daftar sets it. */
static double
chart_measure(void *ctx, const char *s, size_t len, double size, int bold)
{
	struct state *st = ctx;

	return layout_measure(st->a, st->s, &st->fs->f[bold ? FONT_BOLD : FONT_REGULAR],
	    s, len, size);
}

/* Sets a chart's text mark: x0 is its right edge, centre or left edge. */
static int
chart_text(struct state *st, const struct chart_mark *m, double x, double y,
    double w)
{
	const struct layout_line *l;
	struct page_item *it;
	enum layout_align al = m->align == CHART_ALIGN_CENTER ? LAYOUT_CENTER :
	    LAYOUT_START;

	l = label_font(st, m->text, m->bold ? FONT_BOLD : FONT_REGULAR, m->colour,
	    m->size, w, al, 1, NULL);
	if (l == NULL)
		return -1;
	it = add_item(st, PAGE_LINE);
	it->line = l;
	/* The line is right-aligned (or centred) in a measure w wide. */
	it->x_pt = x + m->x0 - (m->align == CHART_ALIGN_CENTER ? w / 2 :
	    m->align == CHART_ALIGN_LEFT ? w - l->width_pt : w);
	it->y_pt = y + m->y0;
	it->tag = "Figure";
	it->group = st->group;
	return 0;
}

/* Turns one mark of a chart's scene into page items at (x, y). */
static int
chart_mark(struct state *st, const struct chart *c, const struct chart_mark *m,
    double x, double y, double w)
{
	struct page_item *it;
	double *pts;
	size_t i;

	if (m->kind == CHART_MARK_TEXT)
		return chart_text(st, m, x, y, w);
	it = add_item(st, PAGE_RECT);
	it->rgb = m->colour;
	it->tag = "Figure";
	it->group = st->group;
	switch (m->kind) {
	case CHART_MARK_RECT:
		it->x_pt = x + m->x0;
		it->y_pt = y + m->y0;
		it->x2_pt = x + m->x1;
		it->y2_pt = y + m->y1;
		break;
	case CHART_MARK_LINE:
		it->kind = PAGE_RULE;
		it->x_pt = x + m->x0;
		it->y_pt = y + m->y0;
		it->x2_pt = x + m->x1;
		it->y2_pt = y + m->y1;
		it->stroke_pt = m->r;
		break;
	case CHART_MARK_POLYLINE:
		it->kind = PAGE_POLY;
		pts = arena_array(st->a, 2 * m->npts + 1, sizeof *pts);
		for (i = 0; i < m->npts; i++) {
			pts[2 * i] = x + m->pts[2 * i];
			pts[2 * i + 1] = y + m->pts[2 * i + 1];
		}
		it->pts = pts;
		it->npts = m->npts;
		it->stroke_pt = m->r;
		break;
	case CHART_MARK_DOT:
	case CHART_MARK_SLICE:
		it->kind = m->kind == CHART_MARK_DOT ? PAGE_DISC : PAGE_SLICE;
		it->x_pt = x + m->x0;
		it->y_pt = y + m->y0;
		it->r = m->r;
		it->turn1 = 1;	/* a whole disc unless the item says */
		if (m->kind == CHART_MARK_SLICE && m->item != CHART_NO_ITEM) {
			it->turn0 = c->items[m->item].turn0;
			it->turn1 = c->items[m->item].turn1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* One row of a table (row 0: the headings), at the current position. */
static int
table_row(struct state *st, const struct chart *c, size_t r, double colw,
    double size, double adv)
{
	const struct page_geom *g = &st->book->geom;
	double w = text_width(g), x0 = page_left_margin(g, st->page->number);
	const struct layout_line *l;
	struct page_item *it;
	size_t k;

	for (k = 0; k < c->table.ncols; k++) {
		const char *cell = r == 0 ? c->table.cols[k] :
		    c->table.cells[(r - 1) * c->table.ncols + k];

		l = label_font(st, cell ? cell : "", r == 0 ? FONT_BOLD : FONT_REGULAR,
		    r == 0 ? FLOW_ACCENT : FLOW_INK, size, colw - size,
		    LAYOUT_CENTER, 1, NULL);
		if (l == NULL)
			return -1;
		it = add_item(st, PAGE_LINE);
		it->line = l;
		/* Column k from the right edge. */
		it->x_pt = x0 + w - (double)(k + 1) * colw + size / 2;
		it->y_pt = st->y + size * 1.25;
		it->tag = "Table";
		it->group = st->group;
	}
	it = add_item(st, PAGE_RULE);
	it->x_pt = x0;
	it->x2_pt = x0 + w;
	it->y_pt = it->y2_pt = st->y + adv;
	it->stroke_pt = r == 0 ? 0.8 : 0.3;
	it->rgb = r == 0 ? FLOW_ACCENT : FLOW_MUTED;
	st->y += adv;
	st->fresh = 0;
	return 0;
}

/*
 * A table from a stats block: columns of equal width, the first on the
 * right, a bold heading row with a rule under it and a hairline under each
 * row; on a page it continues to, the heading row comes again.
 */
static int
place_table(struct state *st, const struct flow_block *b, const struct chart *c)
{
	const struct page_geom *g = &st->book->geom;
	double colw = text_width(g) / (double)(c->table.ncols ? c->table.ncols : 1);
	double size = st->f->size_pt * 0.85, adv = size * 1.9;
	size_t r;

	for (r = 0; r <= c->table.nrows; r++) {
		if (st->y + adv > bottom(st)) {
			new_page(st);
			/* The heading row again at the top of the new page. */
			if (r > 0 && table_row(st, c, 0, colw, size, adv) != 0)
				return -1;
		}
		if (table_row(st, c, r, colw, size, adv) != 0)
			return -1;
	}
	st->y += b->space_after_pt;
	st->page->used_bottom_pt = st->y;
	return 0;
}

/* Places a chart (scaled to the text width) or a table; a chart that does
 * not fit in what is left of the page goes to the next one. */
static int
place_chart(struct state *st, size_t bi)
{
	const struct flow_block *b = &st->f->v[bi];
	const struct page_geom *g = &st->book->geom;
	struct chart_scene sc;
	double w = text_width(g), x;
	size_t i;

	if (st->page == NULL)
		new_page(st);
	st->group = bi;
	if (b->chart->kind == CHART_TABLE && !(b->chart->flags & CHART_EMPTY))
		return place_table(st, b, b->chart);
	chart_layout(st->a, b->chart, w, st->f->size_pt * 0.8, chart_measure, st, &sc);
	if (!st->fresh && st->y + sc.height > bottom(st))
		new_page(st);
	x = page_left_margin(g, st->page->number);
	for (i = 0; i < sc.nmarks; i++)
		if (chart_mark(st, b->chart, &sc.marks[i], x, st->y, w) != 0)
			return -1;
	st->y += sc.height + b->space_after_pt;
	st->fresh = 0;
	st->page->used_bottom_pt = st->y;
	return 0;
}

/* Starts the page a FLOW_PAGE block asks for: reuses a page nothing was
 * placed on yet, and puts a blank page first when the block wants an odd
 * page (a recto: the left-hand page, as the book binds on the right) and
 * the next one would be even. */
static void
page_break(struct state *st, const struct flow_block *b)
{
	struct page_item *it;

	/* Images still waiting belong before this break. */
	while (st->nfloats > 0)
		new_page(st);
	st->next_folio = !b->no_folio;
	st->next_vcenter = b->vcenter;
	st->next_no_head = b->no_head;
	if (b->chapter != NULL)
		st->chapter = b->chapter;
	if (st->page != NULL && st->fresh && st->page->n == 0 &&
	    (!b->odd || st->page->number % 2 == 1)) {
		/* Nothing on it yet: it becomes the page asked for. */
		st->book->n--;
		st->page = NULL;
	}
	if (b->odd && st->book->n % 2 == 1)
		blank_page(st);
	new_page(st);
	if (b->cover) {
		const struct page_geom *g = &st->book->geom;

		/* Past the edges, so the colour fills a printer's bleed. */
		it = add_item(st, PAGE_RECT);
		it->x_pt = it->y_pt = -BLEED_MAX_PT;
		it->x2_pt = g->width_pt + BLEED_MAX_PT;
		it->y2_pt = g->height_pt + BLEED_MAX_PT;
		it->rgb = FLOW_ACCENT;
		/* The spine is on the right of a right-to-left book's cover. */
		it = add_item(st, PAGE_RECT);
		it->x_pt = g->width_pt - g->inner_pt * 0.4;
		it->y_pt = -BLEED_MAX_PT;
		it->x2_pt = g->width_pt + BLEED_MAX_PT;
		it->y2_pt = g->height_pt + BLEED_MAX_PT;
		it->rgb = FLOW_ACCENT_DARK;
	}
}

int
page_check_lines(struct shaper *s, const struct fonts *fs, const struct flow *f,
    size_t from, size_t to, const struct page_geom *g, struct diags *d)
{
	struct state st;
	struct arena scratch;
	struct layout_line *lines;
	struct layout_par par;
	size_t i, n;
	int rc = 0;

	/* The lines are only looked at: they go with the scratch arena. */
	arena_init(&scratch);
	memset(&st, 0, sizeof st);
	st.d = d;
	for (i = from; i < to && i < f->n && rc == 0; i++) {
		const struct flow_block *b = &f->v[i];

		if (b->kind != FLOW_PARA)
			continue;
		/* The measure set_par() gives it: it depends on the block and
		 * the geometry, never on where the block lands. */
		par = b->par;
		par.measure_pt = text_width(g) - b->indent_start_pt -
		    b->indent_end_pt;
		if (layout_paragraph(&scratch, s, fs, &par, &lines, &n) != 0)
			rc = -1;
		else
			warn_overflow(&st, b, lines, n);
	}
	arena_release(&scratch);
	return rc;
}

long
page_find_dest(const struct page_book *book, const char *name)
{
	size_t p, i;

	for (p = 0; p < book->n; p++)
		for (i = 0; i < book->pages[p].n; i++)
			if (book->pages[p].items[i].kind == PAGE_DEST &&
			    strcmp(book->pages[p].items[i].dest, name) == 0)
				return (long)p;
	return -1;
}

int
page_set_book(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct flow *f, const struct page_geom *g,
    const struct page_opts *o, struct page_book *book, struct diags *d)
{
	struct state st;
	size_t i;

	book->geom = *g;
	memset(&st, 0, sizeof st);
	st.a = a;
	st.s = s;
	st.fs = fs;
	st.f = f;
	st.book = book;
	st.d = d;
	st.o = o;
	st.first_page = book->n;
	st.next_folio = 1;
	for (i = 0; i < f->n; i++) {
		const struct flow_block *b = &f->v[i];

		/* Between two blocks nothing is half set: a safe place to stop. */
		if (o->stop != NULL && *o->stop)
			return diag_error(d, (struct pos){ "", 0, 0 },
			    "interrupted while setting the pages");
		switch (b->kind) {
		case FLOW_PAGE:
			page_break(&st, b);
			break;
		case FLOW_RULE:
			rule(&st, b);
			break;
		case FLOW_IMAGE:
			if (place_image(&st, i) != 0)
				return -1;
			break;
		case FLOW_CHART:
			if (place_chart(&st, i) != 0)
				return -1;
			break;
		case FLOW_PARA:
			if (set_par(&st, i) != 0)
				return -1;
			if (b->outline)
				add_mark(&st, b);
			break;
		default:
			break;
		}
	}
	while (st.nfloats > 0)
		new_page(&st);
	return add_folios(&st);
}
