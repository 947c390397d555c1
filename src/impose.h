/* impose.h - pages -> two-up sheets for right-to-left saddle stitching. */
#ifndef DAFTAR_IMPOSE_H
#define DAFTAR_IMPOSE_H

#include <stddef.h>

#include <cairo.h>

struct diags;
struct page_book;
struct page_geom;
struct pdf_meta;

/* A slot that holds no booklet page: padding up to a multiple of four. */
#define IMPOSE_BLANK	((size_t)-1)

struct impose_opts {
	int crop_marks;		/* trim marks at the corners and fold marks at
				 * the spine, in a 10 mm band around the sheet */
	double bleed_pt;	/* how far past its top, bottom and outer trim
				 * edges a page's ink is kept (never across
				 * the fold); 0 for none */
};

/* The number of booklet pages the sheets hold: npages rounded up to a
 * multiple of four, one sheet folded in two being four pages. */
size_t	impose_padded(size_t npages);

/* Which booklet page lands where, for a booklet bound on the right: fills
 * slots[0..impose_padded(npages)) with 0-based page indices, IMPOSE_BLANK
 * for padding (the pages after the last one).  slots[2k] is the left half
 * of sheet side k, slots[2k + 1] its right half; side 2s is the outside of
 * sheet s (sheet 0 outermost, holding the cover), side 2s + 1 its inside,
 * printed so that the sheet turns over about its vertical fold line (duplex
 * "flip on short edge").  Returns 0, or -1 when nslots is smaller than
 * impose_padded(npages). */
int	impose_order(size_t npages, size_t *slots, size_t nslots);

/* The size of a sheet for pages of geometry g: two pages side by side, the
 * bleed all round, and the band for the marks when o->crop_marks. */
void	impose_sheet_size(const struct page_geom *g, const struct impose_opts *o,
	    double *width_pt, double *height_pt);

/* Draws one sheet side on cr, whose origin is the sheet's top-left corner:
 * booklet page left (an index into book->pages, or IMPOSE_BLANK) on the left
 * half, right on the right half, each upright and clipped to its trim box
 * grown by the bleed on every side but the fold; then the marks. */
void	impose_draw_side(cairo_t *cr, const struct page_book *book,
	    const struct impose_opts *o, size_t left, size_t right);

/* Writes book imposed (impose_order()) to path, one PDF page per sheet side
 * in printing order, through a temporary file renamed into place (relname
 * names it in messages).  The pages are drawn by pdf_draw_page() without
 * tags: a print file has no links, outline or structure.  meta gives the
 * title and the fixed dates, so the same book gives the same bytes.  With a
 * bleed or marks each page gets a /TrimBox and /BleedBox.  When prev (NULL:
 * none) is a file with the same bytes, path is linked to it instead, as
 * pdf_write() does.  Returns 0, or -1 with an error in d. */
int	impose_write(const struct page_book *book, const struct pdf_meta *meta,
	    const struct impose_opts *o, const char *path, const char *relname,
	    const char *prev, struct diags *d);

/* Crop marks for a sheet whose trim box is x0..x0+w, y0..y0+h (points, y
 * down): trim marks at its corners and dashed fold marks at each of the
 * nfolds x positions, all starting past the bleed.  Leaflets use it too. */
void	impose_marks(cairo_t *cr, double x0, double y0, double w, double h,
	    double bleed, const double *folds, size_t nfolds);

#endif
