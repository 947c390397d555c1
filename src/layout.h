/* layout.h - break shaped paragraphs into lines of a given measure. */
#ifndef DAFTAR_LAYOUT_H
#define DAFTAR_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "font.h"

struct arena;
struct shaper;

enum layout_align {
	LAYOUT_JUSTIFY,		/* last line at the start edge */
	LAYOUT_START,		/* right in a right-to-left paragraph */
	LAYOUT_CENTER,
	LAYOUT_ALIGN__MAX
};

/* How a stretch of text looks. */
struct layout_style {
	enum font_style font;
	uint32_t rgb;		/* 0xRRGGBB */
	const char *uri;	/* link target or NULL; borrowed */
	const char *dest;	/* internal link to a named destination, or NULL */
	int code;		/* set left to right as an isolate, spaces fixed */
};

/* Style of text[start..end).  A paragraph's spans are in order, do not
 * overlap, and cover all of its text. */
struct layout_span {
	size_t start, end;
	struct layout_style style;
};

/* A paragraph to set: logical UTF-8 with the Persian text rules applied. */
struct layout_par {
	const char *text;		/* borrowed; must outlive the lines */
	size_t len;
	const struct layout_span *spans;	/* borrowed, as the text */
	size_t nspans;
	double size_pt;
	double measure_pt;		/* width of the lines */
	enum layout_align align;
	int dir;			/* 0: from the text; 1: RTL; -1: LTR */
	int greedy;			/* first-fit breaking instead of total fit */
	int kashida;			/* justify by lengthening joins too */
};

/* A glyph placed on a line: x from the start of the measure's left edge,
 * y down from the baseline, both in points. */
struct layout_glyph {
	uint32_t gid;
	double x_pt, y_pt;
	uint32_t cluster;	/* byte offset in the paragraph text */
	int flip;		/* draw mirrored, adv_pt wide (brackets) */
	double adv_pt;
};

/* Glyphs of one font, style and direction that sit side by side on a line:
 * the unit drawn with one call, so copy-paste keeps its text. */
struct layout_run {
	size_t start, end;		/* the text it draws, logical bytes */
	int rtl;
	const struct layout_style *style;	/* the paragraph's span style */
	const struct font *font;
	double size_pt;
	struct layout_glyph *glyphs;	/* visual order, left to right */
	size_t nglyphs;
	double x0_pt, x1_pt;		/* horizontal extent, for link areas */
};

/* An elongated letter join (kashida), drawn as a stretched tatweel outline
 * between two glyphs: not text, so copy-paste never returns U+0640. */
struct layout_kashida {
	double x_pt, width_pt;		/* from the measure's left edge */
	const struct font *font;
	double size_pt;
	uint32_t rgb;
};

struct layout_line {
	const char *text;		/* the paragraph text the runs index */
	struct layout_run *runs;	/* in logical order: the order to emit
					 * them in (TYPESETTING.md T2) */
	size_t nruns;
	double width_pt;		/* from the leftmost to rightmost glyph edge */
	int rtl;			/* the paragraph's direction */
	int overfull;			/* wider than the measure even shrunk */
	int emergency;			/* ends inside a word too long to fit */
	int justified;			/* stretched or shrunk to the measure */
	size_t nspaces;			/* inter-word spaces on the line */
	double natural_pt;		/* width before justification */
	double space_pt;		/* width of one inter-word space as set */
	double ratio;			/* stretch (> 0) or shrink (< 0) used, as
					 * a fraction of what the spaces allow */
	struct layout_kashida *kashidas;	/* elongations, if any */
	size_t nkashidas;
	double kashida_pt;		/* their total width */
};

/* Breaks p into lines no wider than p->measure_pt: bidi levels over the whole
 * paragraph, break opportunities from libunibreak (plus URL points, minus
 * number-unit spaces), shaping per item, Knuth-Plass total-fit breaking for
 * justified text (first fit otherwise), hanging spaces, justification by
 * inter-word space, then each line reordered visually.  A word wider than
 * the measure is split between grapheme clusters (the line says emergency).  The lines live as long as a.  Returns 0, or -1
 * when shaping fails (out of memory). */
int	layout_paragraph(struct arena *a, struct shaper *s, const struct fonts *fs,
	    const struct layout_par *p, struct layout_line **lines, size_t *nlines);

/* The natural width of text in font f at size_pt, on one line. */
double	layout_measure(struct arena *a, struct shaper *s, const struct font *f,
	    const char *text, size_t len, double size_pt);

#endif
