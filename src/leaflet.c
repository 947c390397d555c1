/* leaflet.c - highlights, contact block, QR code -> A5 flyers and A4 tri-folds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "flow.h"
#include "font.h"
#include "impose.h"
#include "layout.h"
#include "leaflet.h"
#include "page.h"
#include "pdf.h"
#include "pdfpatch.h"
#include "shape.h"
#include "stats.h"

#define MM		(72.0 / 25.4)
#define A5_W_PT		(148 * MM)
#define A5_H_PT		(210 * MM)
#define A4_W_PT		(297 * MM)
#define A4_H_PT		(210 * MM)
/* Bleed when booklet.yaml asks for crop marks but gives no bleed_mm. */
#define BLEED_DEFAULT_PT (3 * MM)
/* Colour drawn past the trim reaches this far: more than any bleed. */
#define PAST_EDGE_PT	(20 * MM)
/* The marks' band, as in impose.c: clear of the bleed and of the edge. */
#define MARK_BAND_PT	(10 * MM)
/* The QR symbol without its quiet zone: at least 2 cm, for older phones. */
#define QR_SYMBOL_PT	(22 * MM)
#define WHITE		0xffffffu

/* One leaflet being made.  Everything lives in a. */
struct leaflet {
	struct arena *a;
	const struct leaflet_input *in;
	struct diags *d;
	struct shaper *s;
	const struct fonts *fs;
	struct doc *doc;
	enum leaflet_format fmt;
	double size_pt;			/* body size */
	struct flow flows[LEAFLET_PANEL__MAX];	/* released at the end */
	size_t nflows;
	const char **values;		/* highlight texts, as printed */
	struct leaflet_qr qr;
	const char *url;		/* the QR code's target */
};

/*
 * Panel order.
 */

/*
 * A tri-fold is a roll fold.  Left to right, a reader of Persian meets the
 * leaflet mirrored: its hinge is on the right, like the booklet's spine.
 * Lay the sheet outside up: [A | B | C].  Turn it over about a vertical
 * axis (duplex "flip on short edge" for a landscape sheet): behind A is the
 * inside's right column, behind C the inside's left one.  Fold the inside's
 * left column in first (it is hinged on the middle's left edge), then the
 * inside's right column over it (hinged on the middle's right edge).  What
 * faces up is A: the cover, with its hinge on the right.  Face down is B,
 * the back.  Opening the cover rightwards shows the inside's right column
 * (INSIDE1) on the right and C, the back of the folded-in column, on the
 * left: the flap.  Unfolding the flap leftwards shows the whole inside,
 * read right to left: INSIDE1, INSIDE2, INSIDE3.  A left-to-right leaflet
 * is this with every side's columns swapped ([flap | back | cover]).
 */
int
leaflet_trifold_order(int side, enum leaflet_panel out[3])
{
	static const enum leaflet_panel order[2][3] = {
		{ LEAFLET_COVER, LEAFLET_BACK, LEAFLET_FLAP },
		{ LEAFLET_INSIDE3, LEAFLET_INSIDE2, LEAFLET_INSIDE1 },
	};

	if (side != 0 && side != 1)
		return -1;
	memcpy(out, order[side], sizeof order[side]);
	return 0;
}

enum leaflet_format
leaflet_format_parse(const char *s)
{
	if (s == NULL)
		return LEAFLET_FORMAT__MAX;
	if (strcmp(s, "a5-flyer") == 0)
		return LEAFLET_A5_FLYER;
	if (strcmp(s, "a4-trifold") == 0)
		return LEAFLET_A4_TRIFOLD;
	return LEAFLET_FORMAT__MAX;
}

/*
 * Highlights.
 */

static int
highlight_values(struct leaflet *l)
{
	const struct doc *doc = l->doc;
	size_t i;
	int rc = 0;

	l->values = arena_array(l->a, doc->nhighlights + 1, sizeof *l->values);
	for (i = 0; i < doc->nhighlights; i++) {
		const struct doc_highlight *h = &doc->highlights[i];

		l->values[i] = stats_highlight_text(l->a, l->in->stats, h,
		    l->doc->path, l->in->cfg->digits_persian, l->d);
		if (l->values[i] == NULL)
			rc = -1;
	}
	return rc;
}

/*
 * Flows: one per part of the leaflet.
 */

static void
init_flow(struct leaflet *l, struct flow *f, double size_pt)
{
	const struct config *c = l->in->cfg;

	flow_init(f, size_pt, c->line_height, c->digits_persian);
	f->kashida = c->justify_kashida;
	f->content_dir = l->in->content_dir;
	f->stats = l->in->stats;
	f->fonts = l->fs;
	/* Checking draws nothing: a photo's size is all setting needs. */
	f->measure_only = l->in->out_dir == NULL;
}

static struct flow *
new_flow(struct leaflet *l)
{
	struct flow *f = &l->flows[l->nflows++];

	init_flow(l, f, l->size_pt);
	return f;
}

/* A page of its own with no folio and no running head: leaflets have none. */
static struct flow_block *
panel(struct leaflet *l, struct flow *f)
{
	struct flow_block *x = flow_add(l->a, f, FLOW_PAGE);

	x->no_folio = 1;
	x->no_head = 1;
	return x;
}

static struct flow_block *
text(struct leaflet *l, struct flow *f, const char *s, enum font_style font,
    uint32_t rgb, double scale, enum layout_align align)
{
	struct flow_block *x = flow_text(l->a, f, s, font, rgb,
	    l->size_pt * scale, align);

	x->file = l->doc->path;
	return x;
}

/* The title, as the page's first heading; returns its block's index. */
static size_t
title(struct leaflet *l, struct flow *f, uint32_t rgb, double scale)
{
	struct flow_block *x;

	x = text(l, f, l->doc->title, FONT_BOLD, rgb, scale, LAYOUT_CENTER);
	x->line_height = 1.3;
	x->heading = 1;
	x->tag = "H1";
	x->space_after_pt = l->size_pt * 0.5;
	return f->n - 1;
}

/* Each highlight: the number large in the accent colour, its label under it. */
static void
highlights(struct leaflet *l, struct flow *f, double scale)
{
	struct flow_block *x;
	size_t i;

	for (i = 0; i < l->doc->nhighlights; i++) {
		x = text(l, f, l->values[i], FONT_BOLD, FLOW_ACCENT, scale,
		    LAYOUT_CENTER);
		x->line_height = 1.15;
		x->keep_with_next = 1;
		x = text(l, f, l->doc->highlights[i].label, FONT_MEDIUM,
		    FLOW_MUTED, 0.9, LAYOUT_CENTER);
		x->line_height = 1.3;
		x->space_after_pt = l->size_pt * 0.9;
	}
}

/* The contact block: heading, phone, address, website.  It ends its flow:
 * place_qr() draws the QR code under its last line, and says by how much
 * when there is no room for it. */
static void
contact(struct leaflet *l, struct flow *f)
{
	const struct doc *doc = l->doc;
	struct flow_block *x;

	x = text(l, f, "تماس با ما", FONT_BOLD, FLOW_ACCENT, 1.25, LAYOUT_CENTER);
	x->keep_with_next = 1;
	x->heading = 2;
	x->tag = "H2";
	x->space_before_pt = l->size_pt * 0.8;
	x->space_after_pt = l->size_pt * 0.3;
	if (doc->phone != NULL) {
		x = text(l, f, arena_printf(l->a, "تلفن: %s", doc->phone),
		    FONT_BOLD, FLOW_INK, 1.1, LAYOUT_CENTER);
		x->keep_with_next = 1;
	}
	if (doc->address != NULL) {
		x = text(l, f, doc->address, FONT_REGULAR, FLOW_INK, 0.9,
		    LAYOUT_CENTER);
		x->keep_with_next = 1;
	}
	x = text(l, f, l->url, FONT_REGULAR, FLOW_LINK, 0.85, LAYOUT_CENTER);
}

/*
 * Setting a part into pages.
 */

/* Leaflets have no folios or running heads, but page.c numbers every page
 * a flow runs on to: drop the lines it set in the top and bottom margins. */
static void
strip_margins(struct page_book *b, size_t from)
{
	const struct page_geom *g = &b->geom;
	size_t p, i, k;

	for (p = from; p < b->n; p++) {
		struct page *pg = &b->pages[p];

		for (i = k = 0; i < pg->n; i++) {
			const struct page_item *it = &pg->items[i];

			if (it->kind == PAGE_LINE && (it->y_pt < g->top_pt * 0.75 ||
			    it->y_pt > g->height_pt - g->bottom_pt * 0.75))
				continue;
			pg->items[k++] = *it;
		}
		pg->n = k;
	}
}

static int
set(struct leaflet *l, const struct flow *f, const struct page_geom *g,
    struct page_book *b)
{
	struct page_opts o;

	memset(&o, 0, sizeof o);
	o.first_folio = 1;
	o.min_lines = l->in->cfg->keep_lines > 0 ? l->in->cfg->keep_lines : 2;
	memset(b, 0, sizeof *b);
	if (page_set_book(l->a, l->s, l->fs, f, g, &o, b, l->d) != 0)
		return diag_error(l->d, (struct pos){ l->doc->path, 0, 0 },
		    "cannot set the leaflet's text: out of memory or a font "
		    "without the glyphs needed");
	strip_margins(b, 0);
	return 0;
}

static struct page_item *
add_item(struct arena *a, struct page *pg, enum page_item_kind k)
{
	struct page_item *it;

	pg->items = arena_grow(a, pg->items, pg->n, pg->n + 1, sizeof *pg->items);
	pg->cap = pg->n + 1;
	it = &pg->items[pg->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	return it;
}

/* A rectangle drawn under everything else on pg. */
static void
add_background(struct arena *a, struct page *pg, double x0, double y0,
    double x1, double y1, uint32_t rgb)
{
	struct page_item *it;

	add_item(a, pg, PAGE_RECT);
	memmove(pg->items + 1, pg->items, (pg->n - 1) * sizeof *pg->items);
	it = &pg->items[0];
	memset(it, 0, sizeof *it);
	it->kind = PAGE_RECT;
	it->x_pt = x0;
	it->y_pt = y0;
	it->x2_pt = x1;
	it->y2_pt = y1;
	it->rgb = rgb;
}

int
leaflet_check_fit(const struct page_book *book, size_t max_pages,
    const char *relname, const char *part, struct diags *d)
{
	const struct page_geom *g = &book->geom;
	struct pos at = { relname, 0, 0 };
	double over = 0;
	size_t p, i, lines = 0;

	if (book->n <= max_pages)
		return 0;
	for (p = max_pages; p < book->n; p++) {
		const struct page *pg = &book->pages[p];
		double bottom = g->top_pt;

		for (i = 0; i < pg->n; i++) {
			const struct page_item *it = &pg->items[i];
			double y = it->kind == PAGE_LINE ? it->y_pt :
			    it->kind == PAGE_RECT || it->kind == PAGE_IMAGE ?
			    it->y2_pt : it->y_pt;

			if (it->kind == PAGE_LINE)
				lines++;
			if (y > bottom)
				bottom = y;
		}
		over += bottom - g->top_pt;
	}
	return diag_error(d, at, "the %s does not fit: %zu line%s (about %.0f pt) "
	    "over — shorten the text by that much, or choose a larger format",
	    part, lines, lines == 1 ? "" : "s", ceil(over));
}

/* The QR code centred under the last line of pg, as black rectangles (one
 * per run of dark modules in a row).  Returns 0, or -1 when it would run
 * into the bottom margin. */
static int
place_qr(struct leaflet *l, struct page *pg, const struct page_geom *g,
    const char *part)
{
	const struct leaflet_qr *q = &l->qr;
	int sym = q->size - 2 * LEAFLET_QR_QUIET, x, y, x0;
	double m = QR_SYMBOL_PT / sym, total = m * q->size, left, top = g->top_pt;
	struct page_item *it;
	size_t i;

	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PAGE_LINE && pg->items[i].y_pt > top)
			top = pg->items[i].y_pt;
	/* Below the last line's descenders; the quiet zone is white space. */
	top += l->size_pt * 0.5;
	left = (g->width_pt - total) / 2;
	if (top + total - LEAFLET_QR_QUIET * m > g->height_pt - g->bottom_pt + 0.01)
		return diag_error(l->d, (struct pos){ l->doc->path, 0, 0 },
		    "the %s does not fit: the QR code runs %.0f pt into the bottom "
		    "margin — shorten the text by that much, or choose a larger "
		    "format", part, ceil(top + total - LEAFLET_QR_QUIET * m -
		    (g->height_pt - g->bottom_pt)));
	for (y = 0; y < q->size; y++) {
		for (x = 0; x < q->size; x = x0) {
			for (x0 = x; x0 < q->size && q->dark[y * q->size + x0]; x0++)
				;
			if (x0 > x) {
				it = add_item(l->a, pg, PAGE_RECT);
				it->x_pt = left + x * m;
				it->y_pt = top + y * m;
				it->x2_pt = left + x0 * m;
				it->y2_pt = top + (y + 1) * m;
				it->rgb = 0;
			} else {
				x0 = x + 1;
			}
		}
	}
	return 0;
}

/* Lowest baseline of the block at index group on pg, or -1. */
static double
group_bottom(const struct page *pg, size_t group)
{
	double y = -1;
	size_t i;

	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PAGE_LINE && pg->items[i].group == group &&
		    pg->items[i].y_pt > y)
			y = pg->items[i].y_pt;
	return y;
}

/*
 * The sheets.
 */

/* What goes on the paper: ncols panels a side, nsides sides. */
struct sheet {
	double panel_w, panel_h;
	int ncols, nsides;
	const struct page *panels[2][3];	/* NULL: blank */
	double bleed, margin;			/* margin: bleed + marks' band */
	int marks;
};

/* Trim marks at the corners, dashed fold marks between the panels, as
 * impose.c draws them for the booklet's sheets. */
static void
draw_marks(cairo_t *cr, const struct sheet *sh)
{
	double folds[2];
	int i;

	for (i = 1; i < sh->ncols && i <= 2; i++)
		folds[i - 1] = sh->margin + i * sh->panel_w;
	impose_marks(cr, sh->margin, sh->margin, sh->ncols * sh->panel_w,
	    sh->panel_h, sh->bleed, folds, (size_t)(sh->ncols > 1 ? sh->ncols - 1 : 0));
}

/* Each panel clipped to its trim box, grown by the bleed at the sheet's
 * edges only: at a fold the next panel begins. */
static void
draw_side(cairo_t *cr, const struct sheet *sh, int side)
{
	double m = sh->margin, b = sh->bleed;
	int c;

	for (c = 0; c < sh->ncols; c++) {
		double x = m + c * sh->panel_w;
		double x0 = c == 0 ? x - b : x;
		double x1 = c == sh->ncols - 1 ? x + sh->panel_w + b : x + sh->panel_w;

		if (sh->panels[side][c] == NULL)
			continue;
		cairo_save(cr);
		cairo_rectangle(cr, x0, m - b, x1 - x0, sh->panel_h + 2 * b);
		cairo_clip(cr);
		cairo_translate(cr, x, m);
		pdf_draw_page(cr, sh->panels[side][c], 0);
		cairo_restore(cr);
	}
	if (sh->marks)
		draw_marks(cr, sh);
}

static void
set_meta(cairo_surface_t *s, const struct leaflet *l)
{
	const struct config *c = l->in->cfg;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, l->doc->title);
	if (c->organization)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    c->organization);
	if (l->doc->program)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
		    l->doc->program);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "daftar");
	/* Cairo 1.16 ignores SOURCE_DATE_EPOCH: set both dates (T13). */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, l->in->date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, l->in->date);
}

static cairo_status_t
draw_sheets(const char *tmp, const struct leaflet *l, const struct sheet *sh)
{
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;
	int side;

	s = cairo_pdf_surface_create(tmp, sh->ncols * sh->panel_w + 2 * sh->margin,
	    sh->panel_h + 2 * sh->margin);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_meta(s, l);
	cr = cairo_create(s);
	for (side = 0; side < sh->nsides; side++) {
		draw_side(cr, sh, side);
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

/* Trim and bleed boxes of the leaflet's sheets (PDF units, y up). */
static int
add_boxes(const char *tmp, const struct sheet *sh)
{
	double m = sh->margin, b = sh->bleed;
	double trim[4] = { m, m, m + sh->ncols * sh->panel_w, m + sh->panel_h };
	double bleed[4] = { m - b, m - b, trim[2] + b, trim[3] + b };

	return pdfpatch_page_boxes(tmp, trim, bleed);
}

static int
write_sheets(struct leaflet *l, const struct sheet *sh, const char *path,
    const char *relname, const char *prev)
{
	struct pos at = { relname, 0, 0 };
	struct buf tmp = BUF_INIT;
	cairo_status_t st;
	int rc;

	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	st = draw_sheets(tmp.data, l, sh);
	if (st != CAIRO_STATUS_SUCCESS) {
		remove(tmp.data);
		rc = diag_error(l->d, at, "cannot write the leaflet PDF: %s",
		    cairo_status_to_string(st));
	} else if (sh->margin > 0 && add_boxes(tmp.data, sh) != 0) {
		remove(tmp.data);
		rc = diag_error(l->d, at, "cannot add the trim and bleed boxes to "
		    "the leaflet PDF — check that the disk is not full");
	} else {
		rc = fileio_commit_or_keep(tmp.data, path, relname, prev,
		    l->d) < 0 ? -1 : 0;
	}
	buf_release(&tmp);
	return rc;
}

/*
 * The two formats.
 */

static void
geom(struct page_geom *g, double w, double h, double margin_pt)
{
	g->width_pt = w;
	g->height_pt = h;
	g->top_pt = g->bottom_pt = g->inner_pt = g->outer_pt = margin_pt;
}

/*
 * A5 flyer: the title white on an accent band that runs into the bleed,
 * the highlights, the body, then the contact block and QR code.  It takes
 * the front and, when it needs it, the back.
 */
static int
flyer(struct leaflet *l, struct sheet *sh)
{
	struct page_geom g;
	struct page_book b;
	struct flow *f = new_flow(l);
	size_t t;
	double band;

	geom(&g, A5_W_PT, A5_H_PT, 12 * MM);
	panel(l, f);
	t = title(l, f, WHITE, 2.3);
	f->v[t].space_after_pt = l->size_pt * 2.2;
	highlights(l, f, 2.4);
	flow_doc(l->a, f, l->doc, l->d);
	contact(l, f);
	if (set(l, f, &g, &b) != 0)
		return -1;
	if (leaflet_check_fit(&b, 2, l->doc->path, "A5 flyer (front and back)",
	    l->d) != 0)
		return -1;
	if (place_qr(l, &b.pages[b.n - 1], &g, "A5 flyer") != 0)
		return -1;
	band = group_bottom(&b.pages[0], t);
	if (band > 0)
		add_background(l->a, &b.pages[0], -PAST_EDGE_PT, -PAST_EDGE_PT,
		    g.width_pt + PAST_EDGE_PT, band + l->size_pt * 1.3, FLOW_ACCENT);
	sh->panel_w = g.width_pt;
	sh->panel_h = g.height_pt;
	sh->ncols = 1;
	sh->nsides = (int)b.n;
	sh->panels[0][0] = &b.pages[0];
	sh->panels[1][0] = b.n > 1 ? &b.pages[1] : NULL;
	return 0;
}

/* Sets f as one part of a tri-fold, no more than max panels long, into b. */
static int
trifold_part(struct leaflet *l, const struct flow *f, const struct page_geom *g,
    size_t max, const char *part, struct page_book *b)
{
	if (set(l, f, g, b) != 0)
		return -1;
	return leaflet_check_fit(b, max, l->doc->path, part, l->d);
}

/*
 * A body shorter than the three inside panels would leave the last one
 * empty, which reads as a mistake once folded: shorten the text area of
 * all three panels alike (so their first lines stay aligned) as far as the
 * body still fits in three, found by bisection to a point.  The columns
 * end level, with the white below them.  b is replaced by that setting.
 */
static int
balance(struct leaflet *l, const struct flow *f, const struct page_geom *g,
    struct page_book *b)
{
	struct page_geom t = *g;
	struct page_book try;
	struct diags scratch, *d = l->d;
	double lo = 0, hi = g->height_pt - g->top_pt - g->bottom_pt - 4 * l->size_pt;
	int rc = 0;

	/* The trials' warnings would repeat the final setting's. */
	diag_init(&scratch);
	l->d = &scratch;
	while (rc == 0 && hi - lo > 1) {
		double mid = (lo + hi) / 2;

		t.bottom_pt = g->bottom_pt + mid;
		if ((rc = set(l, f, &t, &try)) != 0)
			break;
		if (try.n <= 3)
			lo = mid;
		else
			hi = mid;
	}
	l->d = d;
	if (rc != 0)
		diag_append(d, &scratch);
	diag_release(&scratch);
	if (rc != 0 || lo <= 0)
		return rc;
	t.bottom_pt = g->bottom_pt + lo;
	return set(l, f, &t, b);
}

/*
 * The body's size on the inside panels: the body size, or larger (up to
 * 125%, to half a point) while the body still fits in the three panels, so
 * that a short text fills more of them.
 */
static double
inside_size(struct leaflet *l, const struct page_geom *g)
{
	struct diags scratch, *d = l->d;
	double lo = l->size_pt, hi = l->size_pt * 1.25;
	struct page_book b;
	struct flow f;
	int fits;

	/* The trials' warnings would repeat the final setting's. */
	diag_init(&scratch);
	l->d = &scratch;
	while (hi - lo > 0.5) {
		double mid = (lo + hi) / 2;

		init_flow(l, &f, mid);
		panel(l, &f);
		flow_doc(l->a, &f, l->doc, l->d);
		fits = set(l, &f, g, &b) == 0 && b.n <= 3;
		flow_release(&f);
		if (fits)
			lo = mid;
		else
			hi = mid;
	}
	l->d = d;
	diag_release(&scratch);
	return lo;
}

/*
 * A4 tri-fold: the cover in the accent colour (title, program,
 * organisation), the highlights on the flap, the body across the three
 * inside panels, the contact block and QR code on the back.
 */
static int
trifold(struct leaflet *l, struct sheet *sh)
{
	const struct config *c = l->in->cfg;
	static const enum leaflet_panel inside[3] = {
		LEAFLET_INSIDE1, LEAFLET_INSIDE2, LEAFLET_INSIDE3
	};
	const struct page *p[LEAFLET_PANEL__MAX];
	enum leaflet_panel order[3];
	struct page_geom g;
	struct page_book cov, flap, body, back;
	struct flow *f;
	struct flow_block *x;
	int side, col;
	size_t i;

	geom(&g, A4_W_PT / 3, A4_H_PT, 11 * MM);
	f = new_flow(l);
	x = panel(l, f);
	x->cover = 1;
	x->vcenter = 1;
	if (l->doc->program)
		text(l, f, l->doc->program, FONT_MEDIUM, WHITE, 1.1,
		    LAYOUT_CENTER)->space_after_pt = l->size_pt;
	title(l, f, WHITE, 2.6);
	if (c->organization)
		text(l, f, c->organization, FONT_REGULAR, WHITE, 0.85,
		    LAYOUT_CENTER)->space_before_pt = l->size_pt * 2;
	if (trifold_part(l, f, &g, 1, "tri-fold's cover", &cov) != 0)
		return -1;

	f = new_flow(l);
	panel(l, f)->vcenter = 1;
	highlights(l, f, 2.8);
	if (trifold_part(l, f, &g, 1, "tri-fold's flap (highlights)", &flap) != 0)
		return -1;

	f = new_flow(l);
	init_flow(l, f, inside_size(l, &g));
	panel(l, f);
	flow_doc(l->a, f, l->doc, l->d);
	if (trifold_part(l, f, &g, 3, "tri-fold's three inside panels",
	    &body) != 0)
		return -1;
	if (body.n < 3 && balance(l, f, &g, &body) != 0)
		return -1;

	f = new_flow(l);
	panel(l, f)->vcenter = 1;
	if (c->organization)
		text(l, f, c->organization, FONT_BOLD, FLOW_INK, 1.0,
		    LAYOUT_CENTER)->space_after_pt = l->size_pt;
	contact(l, f);
	if (trifold_part(l, f, &g, 1, "tri-fold's back panel", &back) != 0)
		return -1;
	if (place_qr(l, &back.pages[0], &g, "tri-fold's back panel") != 0)
		return -1;

	memset(p, 0, sizeof p);
	p[LEAFLET_COVER] = &cov.pages[0];
	p[LEAFLET_FLAP] = &flap.pages[0];
	p[LEAFLET_BACK] = &back.pages[0];
	for (i = 0; i < body.n && i < 3; i++)
		p[inside[i]] = &body.pages[i];
	sh->panel_w = g.width_pt;
	sh->panel_h = g.height_pt;
	sh->ncols = 3;
	sh->nsides = 2;
	for (side = 0; side < 2; side++) {
		leaflet_trifold_order(side, order);
		for (col = 0; col < 3; col++)
			sh->panels[side][col] = p[order[col]];
	}
	return 0;
}

/* The file name of "leaflets/x": "x". */
static const char *
base_name(const char *name)
{
	const char *s = strrchr(name, '/');

	return s != NULL ? s + 1 : name;
}

static int
one(struct leaflet *l, const char *name)
{
	const struct leaflet_input *in = l->in;
	const char *rel = arena_printf(l->a, "%s.md", name);
	const char *out, *outrel;
	struct sheet sh;
	int rc;

	if ((l->doc = content_load(l->a, in->content_dir, rel, DOC_LEAFLET,
	    l->d)) == NULL)
		return -1;
	rc = -1;
	l->fmt = leaflet_format_parse(l->doc->format);
	if (l->fmt == LEAFLET_FORMAT__MAX) {
		struct pos at = { l->doc->path, 0, 0 };

		if (l->doc->format != NULL)
			diag_error(l->d, at, "unknown leaflet format '%s' — write "
			    "'format: a5-flyer' or 'format: a4-trifold'",
			    l->doc->format);
		else
			diag_error(l->d, at, "leaflet has no 'format' — add "
			    "'format: a5-flyer' or 'format: a4-trifold'");
		goto out;
	}
	l->size_pt = in->cfg->font_size_pt * (l->fmt == LEAFLET_A4_TRIFOLD ? 1.0 : 0.95);
	l->url = leaflet_qr_url(l->a, in->cfg->base_url, l->doc->website);
	if (leaflet_qr_encode(l->a, l->url, &l->qr) != 0) {
		diag_error(l->d, (struct pos){ l->doc->path, 0, 0 }, "the website "
		    "'%s' is too long for a QR code — give a shorter address",
		    l->url);
		goto out;
	}
	if (highlight_values(l) != 0)
		goto out;
	memset(&sh, 0, sizeof sh);
	sh.marks = in->cfg->print_crop_marks;
	sh.bleed = in->cfg->print_bleed_mm * MM;
	if (sh.marks && sh.bleed <= 0)
		sh.bleed = BLEED_DEFAULT_PT;
	sh.margin = sh.bleed + (sh.marks ? MARK_BAND_PT : 0);
	if ((l->fmt == LEAFLET_A5_FLYER ? flyer(l, &sh) : trifold(l, &sh)) != 0)
		goto out;
	if (in->out_dir == NULL) {
		rc = 0;		/* checked: set and fitted, not drawn */
		goto out;
	}
	outrel = arena_printf(l->a, "leaflets/%s.pdf", base_name(name));
	out = arena_printf(l->a, "%s/%s.pdf", in->out_dir, base_name(name));
	rc = write_sheets(l, &sh, out, outrel, in->prev_dir == NULL ? NULL :
	    arena_printf(l->a, "%s/%s.pdf", in->prev_dir, base_name(name)));
out:
	while (l->nflows > 0)
		flow_release(&l->flows[--l->nflows]);
	content_free(l->doc);
	l->doc = NULL;
	return rc;
}

int
leaflet_write_all(struct arena *a, const struct leaflet_input *in,
    struct diags *d)
{
	struct leaflet l;
	struct fonts fs;
	size_t i;
	int rc = 0;

	if (in->cfg->nleaflets == 0)
		return 0;
	if (in->out_dir != NULL && fileio_mkdirs(in->out_dir, d) != 0)
		return -1;
	if (font_load(&fs, in->fonts_dir, d) != 0)
		return -1;
	memset(&l, 0, sizeof l);
	l.a = a;
	l.in = in;
	l.d = d;
	l.fs = &fs;
	if ((l.s = shape_new(1)) == NULL) {
		font_release(&fs);
		return diag_error(d, (struct pos){ "", 0, 0 }, "out of memory");
	}
	for (i = 0; i < in->cfg->nleaflets; i++)
		if (one(&l, in->cfg->leaflets[i]) != 0)
			rc = -1;
	shape_free(l.s);
	font_release(&fs);
	return rc;
}
