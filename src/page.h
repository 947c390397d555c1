/* page.h - blocks -> pages: mirrored margins, page breaks, Persian folios. */
#ifndef DAFTAR_PAGE_H
#define DAFTAR_PAGE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diags;
struct flow;
struct fonts;
struct layout_line;
struct shaper;

enum page_item_kind {
	PAGE_LINE,	/* a line of text */
	PAGE_RULE,	/* a straight line: thematic break, quote bar */
	PAGE_DEST,	/* a named destination */
	PAGE_ITEM__MAX
};

/* Something placed on a page.  Coordinates in points from the page's top
 * left corner, y down. */
struct page_item {
	enum page_item_kind kind;
	const struct layout_line *line;	/* PAGE_LINE: drawn with its left edge
					 * at x_pt and its baseline at y_pt */
	double x_pt, y_pt;
	double x2_pt, y2_pt;		/* PAGE_RULE: the end point */
	double stroke_pt;		/* PAGE_RULE */
	uint32_t rgb;			/* PAGE_RULE */
	const char *dest;		/* PAGE_DEST */
};

struct page {
	struct page_item *items;	/* lives in the arena */
	size_t n, cap;
	int number;			/* 1-based, physical */
	int folio;			/* a page number is printed */
	const char *label;		/* its number as readers see it ("۱۲") */
	int vcenter;			/* content centred vertically */
	double used_top_pt, used_bottom_pt;	/* extent of the content */
};

/* A bookmark: the outline of the PDF. */
struct page_mark {
	const char *title;	/* as written, UTF-8 */
	int level;		/* 0 = top */
	const char *dest;	/* named destination it opens */
};

struct page_geom {
	double width_pt, height_pt;
	double top_pt, bottom_pt;
	double inner_pt;	/* binding side: right on odd pages */
	double outer_pt;
};

struct page_book {
	struct page *pages;	/* lives in the arena */
	size_t n, cap;
	struct page_mark *marks;
	size_t nmarks, capmarks;
	struct page_geom geom;
};

/* Lays out every block of f and places the lines on pages of geometry g:
 * odd pages have the inner margin on the right (right-to-left binding); a
 * heading is kept with the first two lines of what follows; no paragraph
 * leaves a single line at the foot or the head of a page when it can be
 * helped; folios are Persian digits at the foot of the page.  A paragraph
 * with a word broken inside (too long for the line) is a warning in d at its
 * source line.  Everything lives as long as a.  Returns 0, or -1 when
 * shaping fails. */
int	page_set_book(struct arena *a, struct shaper *s, const struct fonts *fs,
	    const struct flow *f, const struct page_geom *g, struct page_book *book,
	    struct diags *d);

/* The left margin of physical page number (1-based) in g. */
double	page_left_margin(const struct page_geom *g, int number);

#endif
