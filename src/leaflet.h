/* leaflet.h - highlights, contact block, QR code (libqrencode) -> leaflet PDFs. */
#ifndef DAFTAR_LEAFLET_H
#define DAFTAR_LEAFLET_H

#include <stddef.h>

struct arena;
struct config;
struct diags;
struct page_book;
struct stats;

enum leaflet_format {
	LEAFLET_A5_FLYER,	/* one A5 page, or two: front and back */
	LEAFLET_A4_TRIFOLD,	/* A4 landscape, both sides, three panels each */
	LEAFLET_FORMAT__MAX
};

/*
 * The six panels of a tri-fold, named by what a reader meets.  Folded, the
 * leaflet opens like a Persian book: its hinge is on the right.
 *
 * COVER	the front, seen first
 * INSIDE1	behind the cover: the right half of the first spread
 * FLAP	the panel folded in: the left half of the first spread
 * INSIDE2	revealed when the flap is unfolded leftwards, in the middle
 * INSIDE3	then on the left: the inside reads INSIDE1, 2, 3, right to left
 * BACK	the middle panel of the outside, the back of the folded leaflet
 */
enum leaflet_panel {
	LEAFLET_COVER,
	LEAFLET_INSIDE1,
	LEAFLET_FLAP,
	LEAFLET_INSIDE2,
	LEAFLET_INSIDE3,
	LEAFLET_BACK,
	LEAFLET_PANEL__MAX
};

/* The panels printed on side (0: the outside, 1: the inside) of a tri-fold
 * sheet, from left to right as the side is looked at printed side up:
 * outside [COVER | BACK | FLAP], inside [INSIDE3 | INSIDE2 | INSIDE1].  The
 * sheet is turned over about a vertical axis, so the panel behind outside
 * column c is inside column 2 - c: INSIDE1 behind the cover, INSIDE3
 * behind the flap.  Returns 0, or -1 when side is not 0 or 1. */
int	leaflet_trifold_order(int side, enum leaflet_panel out[3]);

/* "a5-flyer" -> LEAFLET_A5_FLYER; LEAFLET_FORMAT__MAX when unknown. */
enum leaflet_format leaflet_format_parse(const char *s);

/* The QR code's target: website as given when it is an http(s) URL, else
 * base_url joined with website (a path on the site), else base_url.
 * Lives as long as a. */
const char *leaflet_qr_url(struct arena *a, const char *base_url,
	    const char *website);

/* The quiet zone the QR code keeps on each side, in modules. */
#define LEAFLET_QR_QUIET	4

/* A QR code as modules, the quiet zone included. */
struct leaflet_qr {
	int size;		/* modules per side: symbol + 2 * quiet zone */
	unsigned char *dark;	/* size * size, row by row; 1 = black */
};

/* Encodes text (error correction level M, 8-bit) into q, living in a.
 * Returns 0, or -1 when it is too long for a QR code. */
int	leaflet_qr_encode(struct arena *a, const char *text, struct leaflet_qr *q);

/* Checks that book (one leaflet part, such as the inside panels) takes no
 * more than max_pages pages.  When it takes more, an error in relname says
 * what part overflows and by how many lines and points.  Returns 0 or -1. */
int	leaflet_check_fit(const struct page_book *book, size_t max_pages,
	    const char *relname, const char *part, struct diags *d);

/* What leaflet_write_all() needs.  Everything is borrowed. */
struct leaflet_input {
	const struct config *cfg;	/* leaflets:, base_url, font, print: */
	struct stats *stats;		/* for highlights with query:; may be NULL */
	const char *content_dir;	/* leaflets are read from content_dir/leaflets */
	const char *fonts_dir;
	const char *out_dir;		/* PDFs go to out_dir/<name>.pdf; NULL:
					 * check only, write nothing */
	const char *date;		/* fixed PDF dates, "2024-03-20T00:00:00Z" */
	const char *prev_dir;		/* the leaflets the last build wrote, or
					 * NULL: a PDF with the bytes of its
					 * namesake there is linked to it, so
					 * it keeps its time */
};

/* Writes one PDF per leaflet listed in cfg->leaflets (each through a
 * temporary file renamed into place).  A leaflet that cannot be made (bad
 * front matter, a failing query, text that does not fit) is an error in d
 * and is not written; the others still are.  With in->out_dir NULL
 * ("daftar check") every leaflet is made and fitted the same way, with
 * the same diagnostics, its photos measured but not decoded, and nothing
 * is written.  Returns 0, or -1 when any leaflet failed. */
int	leaflet_write_all(struct arena *a, const struct leaflet_input *in,
	    struct diags *d);

#endif
