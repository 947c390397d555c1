/* impose.c - pages -> two-up sheets for right-to-left saddle stitching. */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "impose.h"
#include "page.h"
#include "pdf.h"
#include "pdfpatch.h"

#define MM	(72.0 / 25.4)

/* The band outside the bleed that holds the marks, and where in it a mark
 * starts and ends: clear of the bleed, so a mark never shows on a trimmed
 * page, and clear of the sheet's edge, which printers leave white. */
#define MARK_BAND_PT	(10 * MM)
#define MARK_START_PT	(2 * MM)
#define MARK_END_PT	(9 * MM)
/* Hairline: thin enough to cut on, thick enough to be seen. */
#define MARK_STROKE_PT	0.25

size_t
impose_padded(size_t npages)
{
	return (npages / 4 + (npages % 4 != 0)) * 4;
}

/*
 * Saddle stitching: the sheets are stacked, folded once down the middle and
 * stitched through the fold, which becomes the spine.  A booklet of n pages
 * (n a multiple of four) takes n/4 sheets; sheet 0 is the outermost.
 *
 * A sheet side is looked at printed side up, the fold line vertical.  The
 * inside is seen after turning the sheet over about the fold line (duplex
 * "flip on short edge" for a landscape sheet), so what lies behind the
 * outside's left half is the inside's right half, and no page is ever
 * turned upside down.
 *
 * For comparison, a left-to-right booklet of 8 pages: its spine is on the
 * cover's left, so the cover is the right half of sheet 0's outside and the
 * back cover the left half: [8 | 1].  Behind page 1 is page 2, behind 8 is
 * 7, and turning over swaps the halves: the inside is [2 | 7].
 *
 * Right to left, the spine is on the cover's right: the fold lies to the
 * right of the cover, so the cover is the LEFT half of sheet 0's outside and
 * the back cover (page n) the right half: [1 | n].  Page 2 is printed behind
 * the cover, on the inside's right half; page n-1 behind page n, on its
 * left: [n-1 | 2].  Opening the cover (turning it rightwards, over the
 * spine) shows page 2 on the right and page 3 on the left, the left half of
 * the next sheet's outside; and so on inwards.  Each sheet carries two pages
 * from the front of the booklet and the two facing them from the back; in
 * 1-based page numbers, sheet s holds
 *
 *	outside	[ 2s+1   | n-2s ]
 *	inside	[ n-2s-1 | 2s+2 ]
 *
 * 8 pages: sheet 0 [1 | 8] [7 | 2], sheet 1 [3 | 6] [5 | 4], whose inside
 * is the centre spread, read 4 (right) then 5 (left).  Every side is the
 * left-to-right one with its halves swapped.
 *
 * Padding: a booklet's own pages come first and the blanks after them, so
 * they fall on the last leaves, inside the back cover and on it.  The
 * booklet has no back-cover page of its own for them to go before.
 */
int
impose_order(size_t npages, size_t *slots, size_t nslots)
{
	size_t n = impose_padded(npages), s, i;

	if (nslots < n)
		return -1;
	for (s = 0; s < n / 4; s++) {
		/* 0-based: page p here is page p+1 above. */
		slots[4 * s + 0] = 2 * s;		/* outside, left */
		slots[4 * s + 1] = n - 1 - 2 * s;	/* outside, right */
		slots[4 * s + 2] = n - 2 - 2 * s;	/* inside, left */
		slots[4 * s + 3] = 2 * s + 1;		/* inside, right */
	}
	for (i = 0; i < n; i++)
		if (slots[i] >= npages)
			slots[i] = IMPOSE_BLANK;
	return 0;
}

/* The space around the two pages: the bleed, and the band for the marks. */
static double
sheet_margin(const struct impose_opts *o)
{
	return o->bleed_pt + (o->crop_marks ? MARK_BAND_PT : 0);
}

void
impose_sheet_size(const struct page_geom *g, const struct impose_opts *o,
    double *width_pt, double *height_pt)
{
	double m = sheet_margin(o);

	*width_pt = 2 * g->width_pt + 2 * m;
	*height_pt = g->height_pt + 2 * m;
}

/* Draws page idx with its top-left corner at (x, y).  The clip is the trim
 * box grown by the bleed on three sides; at the fold it stops at the trim,
 * where the facing page begins. */
static void
draw_half(cairo_t *cr, const struct page_book *book, size_t idx, double x,
    double y, double bleed, int on_left)
{
	const struct page_geom *g = &book->geom;

	if (idx == IMPOSE_BLANK)
		return;
	assert(idx < book->n);
	cairo_save(cr);
	cairo_rectangle(cr, on_left ? x - bleed : x, y - bleed,
	    g->width_pt + bleed, g->height_pt + 2 * bleed);
	cairo_clip(cr);
	cairo_translate(cr, x, y);
	pdf_draw_page(cr, &book->pages[idx], 0);
	cairo_restore(cr);
}

static void
mark(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

/*
 * Trim marks continue the trim edges outwards from the four corners of the
 * trim box; fold marks, dashed, continue each fold above and below.  Both
 * start past the bleed.  The inside of a sheet is the outside mirrored
 * about its folds, so the marks of the two sides fall on each other.
 */
void
impose_marks(cairo_t *cr, double x0, double y0, double w, double h,
    double bleed, const double *folds, size_t nfolds)
{
	double x[2] = { x0, x0 + w };
	double y[2] = { y0, y0 + h };
	double from = bleed + MARK_START_PT, to = bleed + MARK_END_PT;
	double dash[2] = { 1 * MM, 0.75 * MM };
	size_t k;
	int i, j;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, MARK_STROKE_PT);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++) {
			double dx = i ? 1 : -1, dy = j ? 1 : -1;

			mark(cr, x[i] + dx * from, y[j], x[i] + dx * to, y[j]);
			mark(cr, x[i], y[j] + dy * from, x[i], y[j] + dy * to);
		}
	}
	cairo_set_dash(cr, dash, 2, 0);
	for (k = 0; k < nfolds; k++) {
		mark(cr, folds[k], y[0] - from, folds[k], y[0] - to);
		mark(cr, folds[k], y[1] + from, folds[k], y[1] + to);
	}
	cairo_restore(cr);
}

void
impose_draw_side(cairo_t *cr, const struct page_book *book,
    const struct impose_opts *o, size_t left, size_t right)
{
	double m = sheet_margin(o), fold = m + book->geom.width_pt;

	draw_half(cr, book, left, m, m, o->bleed_pt, 1);
	draw_half(cr, book, right, m + book->geom.width_pt, m, o->bleed_pt, 0);
	if (o->crop_marks)
		impose_marks(cr, m, m, 2 * book->geom.width_pt, book->geom.height_pt,
		    o->bleed_pt, &fold, 1);
}

/*
 * Page boxes.
 */

/* Trim and bleed boxes of a sheet, in PDF units (origin bottom left). */
static int
write_boxes(const char *tmp, const struct page_geom *g,
    const struct impose_opts *o)
{
	double m = sheet_margin(o), b = o->bleed_pt, trim[4], bleed[4];

	trim[0] = m;
	trim[1] = m;
	trim[2] = m + 2 * g->width_pt;
	trim[3] = m + g->height_pt;
	bleed[0] = trim[0] - b;
	bleed[1] = trim[1] - b;
	bleed[2] = trim[2] + b;
	bleed[3] = trim[3] + b;
	/* Cairo 1.16 has no API for page boxes, yet a print shop trims at
	 * the /TrimBox and a preflight checks the ink against the /BleedBox. */
	return pdfpatch_page_boxes(tmp, trim, bleed);
}

/*
 * Writing.
 */

static void
set_meta(cairo_surface_t *s, const struct pdf_meta *meta)
{
	if (meta->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
	if (meta->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta->author);
	if (meta->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "daftar");
	/* Cairo 1.16 ignores SOURCE_DATE_EPOCH: set both dates (T13). */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, meta->date);
}

/* Draws every sheet side on a new PDF at tmp.  Returns Cairo's status. */
static cairo_status_t
draw_sheets(const char *tmp, const struct page_book *book,
    const struct pdf_meta *meta, const struct impose_opts *o)
{
	struct arena a;
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;
	size_t n = impose_padded(book->n), *slots, k;
	double w, h;

	arena_init(&a);
	slots = arena_array(&a, n + 1, sizeof *slots);
	impose_order(book->n, slots, n);
	impose_sheet_size(&book->geom, o, &w, &h);
	s = cairo_pdf_surface_create(tmp, w, h);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_meta(s, meta);
	cr = cairo_create(s);
	for (k = 0; k < n; k += 2) {
		impose_draw_side(cr, book, o, slots[k], slots[k + 1]);
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	arena_release(&a);
	return st;
}

int
impose_write(const struct page_book *book, const struct pdf_meta *meta,
    const struct impose_opts *o, const char *path, const char *relname,
    const char *prev, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	struct buf tmp = BUF_INIT;
	cairo_status_t st;
	int rc;

	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	st = draw_sheets(tmp.data, book, meta, o);
	if (st != CAIRO_STATUS_SUCCESS) {
		remove(tmp.data);
		rc = diag_error(d, at, "cannot write the print PDF: %s",
		    cairo_status_to_string(st));
	} else if (sheet_margin(o) > 0 &&
	    write_boxes(tmp.data, &book->geom, o) != 0) {
		remove(tmp.data);
		rc = diag_error(d, at, "cannot add the trim and bleed boxes to "
		    "the print PDF — check that the disk is not full");
	} else {
		rc = fileio_commit_or_keep(tmp.data, path, relname, prev, d) < 0 ?
		    -1 : 0;
	}
	buf_release(&tmp);
	return rc;
}
