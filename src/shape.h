/* shape.h - run -> glyphs with clusters (HarfBuzz). */
#ifndef DAFTAR_SHAPE_H
#define DAFTAR_SHAPE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct font;
struct shaper;

/* One glyph in visual (left to right) order.  Lengths are in font units. */
struct shape_glyph {
	uint32_t gid;
	int32_t adv;		/* x advance */
	int32_t dx, dy;		/* offset from the pen; dy up */
	uint32_t cluster;	/* byte offset of its cluster in the paragraph */
	int flip;		/* a mirrored bracket: gid is the bracket as
				 * written, to be drawn flipped (see shape.c) */
};

/* A shaper reuses one HarfBuzz buffer and, when cache is non-zero, keeps
 * every word it shaped (keyed by font, direction and bytes) so a word seen
 * again costs a copy.  Caller frees with shape_free(). */
struct shaper *shape_new(int cache);
void	shape_free(struct shaper *s);
/* How many runs came from the cache and how many were shaped. */
void	shape_stats(const struct shaper *s, size_t *hits, size_t *misses);

/* Shapes text[off..off+len) of the paragraph text[0..text_len) in font f,
 * right to left when rtl.  The whole paragraph is given as context so that
 * letters join across a style change inside a word (TYPESETTING.md T5), and
 * default ignorables such as ZWNJ keep the font's own glyph (T3); a run with
 * spaces or the paragraph's edges on both sides comes from the cache.  The
 * glyphs live as long as a.  Returns 0, or -1 when HarfBuzz runs out of memory. */
int	shape_run(struct shaper *s, const struct font *f, const char *text,
	    size_t text_len, size_t off, size_t len, int rtl, struct arena *a,
	    struct shape_glyph **glyphs, size_t *nglyphs);

#endif
