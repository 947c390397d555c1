/* layout_cache.h - paragraphs' lines kept between builds, so a rebuild breaks only what changed. */
#ifndef DAFTAR_LAYOUT_CACHE_H
#define DAFTAR_LAYOUT_CACHE_H

#include <stddef.h>

#include "layout.h"

struct arena;
struct fonts;
struct shaper;

struct layout_cache;

/* What a cache did since it was made, for --timings and the tests. */
struct layout_cache_counts {
	size_t hits;		/* paragraphs whose lines were copied */
	size_t misses;		/* paragraphs broken by layout_paragraph() */
	size_t entries;		/* paragraphs held */
	size_t bytes;		/* what they take */
};

/*
 * A new, empty cache holding at most max_bytes of lines (past that, new
 * paragraphs are set but not kept).  Its lines point at the fonts of the
 * first fonts given to layout_cache_paragraph(): they must outlive it, and
 * a cache must never be used with other fonts.  Returns NULL when out of
 * memory.  Free with layout_cache_free() (NULL-safe).
 */
struct layout_cache *layout_cache_new(size_t max_bytes);
void	layout_cache_free(struct layout_cache *c);

/*
 * layout_paragraph() through c: when c holds a paragraph with the same text,
 * spans (styles, links and destinations compared by content), size,
 * measure, alignment, direction and breaking, its lines are copied into a,
 * pointing at p's text and spans, exactly as layout_paragraph() would have
 * made them; otherwise they are made and a copy is kept.  c NULL: plain
 * layout_paragraph().  Returns what layout_paragraph() returns.
 */
int	layout_cache_paragraph(struct layout_cache *c, struct arena *a,
	    struct shaper *s, const struct fonts *fs, const struct layout_par *p,
	    struct layout_line **lines, size_t *nlines);

/*
 * Forgets every paragraph not asked for since the last sweep: called after
 * a build that set all of its paragraphs, so that what a cache holds is
 * the last booklet's text, not every version of it.  NULL-safe.
 */
void	layout_cache_sweep(struct layout_cache *c);

/* What c did and holds. */
struct layout_cache_counts layout_cache_counts(const struct layout_cache *c);

#endif
