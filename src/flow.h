/* flow.h - a document's Markdown AST -> blocks of styled Persian paragraphs. */
#ifndef DAFTAR_FLOW_H
#define DAFTAR_FLOW_H

#include <stddef.h>

#include "diag.h"
#include "layout.h"

struct arena;
struct diags;
struct chart;
struct doc;
struct fonts;
struct image;
struct stats;

enum flow_kind {
	FLOW_PARA,	/* text: paragraph, heading, list item, caption */
	FLOW_RULE,	/* a thematic break */
	FLOW_PAGE,	/* start a new page */
	FLOW_IMAGE,	/* a photo; its caption is the block's paragraph */
	FLOW_CHART,	/* a chart or table from a stats block */
	FLOW_KIND__MAX
};

/* Colours of the booklet, 0xRRGGBB. */
#define FLOW_INK	0x1f1a1cu	/* running text */
#define FLOW_ACCENT	0x6d2e5bu	/* headings, emphasis, rules */
#define FLOW_ACCENT_DARK 0x4e1f40u	/* the cover's spine */
#define FLOW_LINK	0x1d5f8au
#define FLOW_MUTED	0x6b6468u	/* metadata, folios, captions */

/* One block, in reading order.  Everything lives as long as the arena given
 * to the flow functions. */
struct flow_block {
	enum flow_kind kind;
	struct layout_par par;		/* FLOW_PARA; page.c decides the measure */
	struct layout_span *spans;	/* = par.spans, writable while building */
	double line_height;		/* baseline distance, multiple of size */
	double indent_start_pt;		/* from the start edge (right in RTL) */
	double indent_end_pt;
	double space_before_pt, space_after_pt;
	const char *marker;		/* list marker, set in the start margin */
	int quote_depth;		/* > 0: a bar beside the block */
	int keep_with_next;		/* headings: never last on a page */
	int heading;			/* 1..6 for headings, 0 otherwise */
	const char *dest;		/* named destination at the block, or NULL */
	const char *outline;		/* bookmark title, or NULL */
	int outline_level;		/* 0 = top */
	const char *file;		/* where the block was written, for */
	int line;			/* warnings (0: made by daftar) */
	int no_folio;			/* FLOW_PAGE: the new page has no number */
	int vcenter;			/* FLOW_PAGE: centre what follows (title pages) */
	int odd;			/* FLOW_PAGE: open on an odd page (a recto; left-hand, as the book binds on the right) */
	int no_head;			/* FLOW_PAGE: no running head on that page */
	int cover;			/* FLOW_PAGE: the cover, in the accent colour */
	const char *chapter;		/* FLOW_PAGE: running head from here on */
	const char *tag;		/* structure tag: "P", "H1".."H6", "Caption" */
	const char *trailer;		/* text set at the end edge of the first
					 * line (a page number in the contents) */
	const char *trailer_dest;	/* the trailer links here */
	int keep_together;		/* not split if it fits on a page */
	const struct image *image;	/* FLOW_IMAGE: owned by the flow */
	const struct chart *chart;	/* FLOW_CHART */
};

struct flow {
	struct flow_block *v;		/* lives in the arena */
	size_t n, cap;
	double size_pt;			/* body size */
	double line_height;		/* body baseline distance, multiple of size */
	int digits_persian;
	int greedy;			/* first-fit breaking for every paragraph */
	int kashida;			/* justify with kashida as well */
	const struct fonts *fonts;	/* when set, characters no font can
					 * draw are warned about, once each */
	uint32_t *warned;		/* those characters so far */
	size_t nwarned, capwarned;
	const char *content_dir;	/* where image paths are read from */
	struct stats *stats;		/* when set, stats blocks become charts */
	int measure_only;		/* images are checked and measured
					 * (image_check()), not decoded: the
					 * blocks can be set, never drawn */
	struct image **images;		/* loaded images: flow_release() */
	size_t nimages, capimages;
	int ndest;			/* destinations handed out, for unique names */
};

void	flow_init(struct flow *f, double size_pt, double line_height,
	    int digits_persian);

/* Appends a new block of kind k and returns it (zeroed but for defaults). */
struct flow_block *flow_add(struct arena *a, struct flow *f, enum flow_kind k);

/* Appends a paragraph of text set in one style.  The Persian text rules are
 * applied to text (digits as configured, Arabic yeh/kaf).  Returns it. */
struct flow_block *flow_text(struct arena *a, struct flow *f, const char *text,
	    enum font_style font, uint32_t rgb, double size_pt,
	    enum layout_align align);

/* Appends the blocks of doc's Markdown body: headings, paragraphs with bold,
 * emphasis, code and links (http, https and mailto only), lists with their
 * markers at the start edge, block quotes, thematic breaks.  Raw HTML is
 * dropped.  Warnings (a dropped link, a character no font has, once per
 * character) go to d at file:line:col.  Returns 0. */
int	flow_doc(struct arena *a, struct flow *f, const struct doc *doc,
	    struct diags *d);

/* Loads the image at relpath (inside f->content_dir; an error at at when it
 * cannot be used; only checked and measured with f->measure_only) and appends it as a FLOW_IMAGE block with caption under
 * it (as written; NULL or "" for none).  Returns the block, or NULL. */
struct flow_block *flow_image(struct arena *a, struct flow *f,
	    const char *relpath, const char *caption, struct pos at,
	    struct diags *d);

/* Releases the images f loaded (their pixels); the blocks stay, so call it
 * only once nothing will draw them any more.  NULL-safe. */
void	flow_release(struct flow *f);

/* A fresh destination name ("d-12"), unique within f. */
const char *flow_dest(struct arena *a, struct flow *f);

#endif
