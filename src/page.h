/* page.h - blocks -> pages: mirrored margins, page breaks, Persian folios. */
#ifndef DAFTAR_PAGE_H
#define DAFTAR_PAGE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct diags;
struct flow;
struct image;
struct fonts;
struct layout_cache;
struct layout_line;
struct progress;
struct shaper;

enum page_item_kind {
	PAGE_LINE,	/* a line of text */
	PAGE_RULE,	/* a straight line: thematic break, quote bar */
	PAGE_DEST,	/* a named destination */
	PAGE_RECT,	/* a filled rectangle: the cover's colour */
	PAGE_IMAGE,	/* a photo scaled into x..x2, y..y2 */
	PAGE_POLY,	/* a polyline through pts, offset by x, y */
	PAGE_DISC,	/* a disc at x, y of radius r */
	PAGE_SLICE,	/* a pie slice: centre x, y, radius r, turn0..turn1 */
	PAGE_ITEM__MAX
};

/* Something placed on a page.  Coordinates in points from the page's top
 * left corner, y down. */
struct page_item {
	enum page_item_kind kind;
	const struct layout_line *line;	/* PAGE_LINE: drawn with its left edge
					 * at x_pt and its baseline at y_pt */
	double x_pt, y_pt;
	double x2_pt, y2_pt;		/* PAGE_RULE: the end point; PAGE_RECT:
					 * the opposite corner */
	double stroke_pt;		/* PAGE_RULE */
	int dotted;			/* PAGE_RULE: a leader of dots */
	uint32_t rgb;			/* PAGE_RULE, PAGE_RECT */
	const char *dest;		/* PAGE_DEST */
	const struct image *image;	/* PAGE_IMAGE: borrowed from the flow */
	const double *pts;		/* PAGE_POLY: npts x, y pairs */
	size_t npts;
	double r;			/* PAGE_DISC, PAGE_SLICE: radius */
	double turn0, turn1;		/* PAGE_SLICE: from 12 o'clock, turning
					 * counterclockwise */
	const char *tag;		/* structure tag of its block ("P", "H2"),
					 * or NULL: not part of the text */
	size_t group;			/* its block, so one tag spans its lines */
};

struct page {
	struct page_item *items;	/* lives in the arena */
	size_t n, cap;
	int number;			/* 1-based, physical */
	int folio;			/* a page number is printed */
	const char *label;		/* its number as readers see it ("۱۲") */
	const char *head;		/* running head, or NULL */
	int blank;			/* left empty so a chapter opens on an odd page */
	double width_pt, height_pt;	/* its trimmed size */
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

/* How one run of pages is numbered and headed. */
struct page_opts {
	int abjad;		/* folios in abjad letters (front matter) */
	int first_folio;	/* the folio of the first page set, usually 1 */
	const char *book_title;	/* running head of even pages; NULL: none */
	int min_lines;		/* lines a paragraph keeps at a foot or head */
	const volatile sig_atomic_t *stop;	/* borrowed; NULL, or set
						 * non-zero by a signal: stop
						 * between two blocks */
	struct progress *progress;	/* borrowed; NULL, or told of each
					 * page started */
	struct layout_cache *lines;	/* borrowed; NULL, or paragraphs set
					 * before, whose lines are copied
					 * instead of broken again */
};

struct page_book {
	struct page *pages;	/* lives in the arena */
	size_t n, cap;
	struct page_mark *marks;
	size_t nmarks, capmarks;
	struct page_geom geom;
};

/* Lays out every block of f and places the lines on pages of geometry g,
 * appended to book (zero it before the first call): odd pages have the inner
 * margin on the right (right-to-left binding); a page break marked odd
 * inserts a blank page when needed so that what follows opens on an odd
 * page (a recto);
 * a heading is kept with the first lines of what follows; no paragraph leaves
 * fewer than o->min_lines lines at the foot or the head of a page when it can
 * be helped; a quote or list item that fits on one page is not split; folios
 * are Persian digits (or abjad letters) at the foot, running heads (the book's
 * title on even pages, the chapter's on odd ones) at the outer top corner.  A paragraph
 * with a word broken inside (too long for the line) is a warning in d at its
 * source line.  Everything lives as long as a.  Returns 0, or -1 when
 * shaping fails. */
int	page_set_book(struct arena *a, struct shaper *s, const struct fonts *fs,
	    const struct flow *f, const struct page_geom *g,
	    const struct page_opts *o, struct page_book *book, struct diags *d);

/* What page_set_book() finds about the text of blocks [from, to) of f,
 * without placing anything on a page: each paragraph is broken into lines
 * of the measure it gets in geometry g, and a word broken inside or a line
 * wider than the text block is the same warning in d.  For "daftar check".
 * Returns 0, or -1 when shaping fails. */
int	page_check_lines(struct shaper *s, const struct fonts *fs,
	    const struct flow *f, size_t from, size_t to,
	    const struct page_geom *g, struct diags *d);

/* The index in book->pages of the page holding destination name, or -1. */
long	page_find_dest(const struct page_book *book, const char *name);

/* The left margin of physical page number (1-based) in g. */
double	page_left_margin(const struct page_geom *g, int number);

#endif
