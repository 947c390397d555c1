/* pdf.h - pages -> PDF (Cairo): glyphs with clusters, outline, links, metadata. */
#ifndef DAFTAR_PDF_H
#define DAFTAR_PDF_H

#include <stddef.h>

#include <cairo.h>

struct diags;
struct layout_run;
struct page;
struct page_book;
struct progress;

/* Document information for the PDF Info dictionary. */
struct pdf_meta {
	const char *title;	/* UTF-8 */
	const char *author;
	const char *subject;
	const char *keywords;
	const char *date;	/* ISO 8601 "2024-03-20T00:00:00Z": fixed, so
				 * that the same input gives the same bytes */
};

/* Writes book to path (through a temporary file renamed into place; relname
 * names it in messages), or, when prev (NULL: none) is a file with the
 * same bytes, links path to prev instead (fileio_commit_or_keep()), so an
 * unchanged booklet keeps its time and uploads skip it.  Every text run is drawn with its logical text and
 * glyph-to-cluster map, runs in logical order, so the PDF copies and
 * searches as written.  Each page drawn is counted on progress (borrowed;
 * NULL for none).  Returns 0, or -1 with an error in d. */
int	pdf_write(const struct page_book *book, const struct pdf_meta *meta,
	    const char *path, const char *relname, const char *prev,
	    struct progress *progress, struct diags *d);

/* Draws the items of pg on cr, whose origin is the page's top-left corner,
 * exactly as pdf_write() does.  With tags, links and named destinations are
 * tagged (the caller wraps the document in a structure tag, T10); without,
 * only the ink is drawn (imposed sheets). */
void	pdf_draw_page(cairo_t *cr, const struct page *pg, int tags);

/* Cairo wants clusters in text order; for a right-to-left run the glyphs are
 * walked from the last to the first (CAIRO_TEXT_CLUSTER_FLAG_BACKWARD).
 * Glyphs with the same HarfBuzz cluster form one cluster, whose bytes run to
 * the next cluster's start; the first also takes any bytes before it.  Fills
 * cl (room for r->nglyphs entries) and returns the number of clusters, or 0
 * when the map is not monotonic (then draw the run as one cluster). */
size_t	pdf_clusters(const struct layout_run *r, cairo_text_cluster_t *cl);

#endif
