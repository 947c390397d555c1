/* book.h - the booklet's structure: cover, title, front pages, contents, chapters -> pages. */
#ifndef DAFTAR_BOOK_H
#define DAFTAR_BOOK_H

#include <signal.h>
#include <stddef.h>

#include "flow.h"

struct arena;
struct config;
struct diags;
struct doc;
struct fonts;
struct layout_cache;
struct page_book;
struct progress;
struct shaper;
struct stats;

/* What the booklet is made of.  Everything is borrowed. */
struct book_input {
	const struct config *cfg;
	struct doc *const *stories;	/* NULL-terminated; unpublished ones
					 * are left out */
	struct doc *const *pages;	/* parallel to cfg->chapters: the page
					 * of each CHAPTER_PAGE entry, else NULL */
	int greedy;			/* first-fit line breaking (comparisons) */
	const char *content_dir;	/* where photos are read from */
	struct stats *stats;		/* stats blocks' queries run here; NULL:
					 * they show their title only */
	const volatile sig_atomic_t *stop;	/* borrowed; NULL, or set by a
						 * signal: setting stops early
						 * with an error */
	struct progress *progress;	/* borrowed; NULL, or told of the
					 * stages and of each story shaped */
	struct layout_cache *lines;	/* borrowed; NULL, or the paragraphs
					 * an earlier build set (serve) */
};

/* The stories in booklet order, for the summary and the site. */
struct book_result {
	struct doc **published;		/* lives in the arena */
	size_t npublished;
	struct flow front, body;	/* own the photos the pages show */
};

/*
 * Sets the booklet into out: the cover (the spine on its right, as the book
 * binds on the right), a blank inside cover, the title page, the pages that
 * booklet.yaml lists as chapters (the preface), the table of contents, then
 * one chapter per program in the configured order, each opened by a title
 * page on an odd page (a recto), its stories sorted as configured.  Front matter
 * is numbered in abjad letters, the body from ۱; the contents give the page
 * of every chapter and story and link to it.  Everything lives as long as a.
 * Returns 0, or -1 with an error in d.
 */
int	book_set(struct arena *a, struct shaper *s, const struct fonts *fs,
	    const struct book_input *in, struct page_book *out,
	    struct book_result *res, struct diags *d);

/*
 * Finds what book_set() finds about in, with the same diagnostics in d,
 * without setting a page: the same flows are made (photos checked and
 * measured with image_check(), not decoded; stats queries run), and every
 * paragraph is broken into lines for the warnings about words broken
 * inside or lines too wide (page_check_lines()).  res->published lists the
 * stories in booklet order.  Everything lives as long as a.  Returns 0, or
 * -1 when shaping failed (an error in d).
 */
int	book_check(struct arena *a, struct shaper *s, const struct fonts *fs,
	    const struct book_input *in, struct book_result *res,
	    struct diags *d);

/* Releases the photos of a book set by book_set(), once its pages have been
 * written.  NULL-safe. */
void	book_release(struct book_result *res);

#endif
