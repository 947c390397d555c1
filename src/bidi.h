/* bidi.h - paragraph -> levels and runs (FriBidi); visual reordering of one line. */
#ifndef DAFTAR_BIDI_H
#define DAFTAR_BIDI_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* A paragraph in logical order with its UAX #9 embedding levels. */
struct bidi_par {
	size_t n;		/* code points */
	uint32_t *cp;		/* n code points */
	size_t *off;		/* byte offset of each code point; off[n] = length */
	uint8_t *level;		/* n levels: odd = right to left */
	int rtl;		/* paragraph direction */
};

/* Paragraph directions, numbered as in Unicode's BidiCharacterTest.txt. */
enum bidi_base {
	BIDI_BASE_LTR,		/* 0: left to right */
	BIDI_BASE_RTL,		/* 1: right to left */
	BIDI_BASE_AUTO,		/* 2: UAX #9 rules P2 and P3; left to right
				 * when there is no strong letter */
	BIDI_BASE__MAX
};

/* Decodes s[0..len) (valid UTF-8) and computes the levels of the whole
 * paragraph, with bracket pairs (rule N0).  With dir 0 the direction is right
 * to left unless the paragraph holds no right-to-left letter at all; dir 1
 * forces right to left, -1 left to right.  In a right-to-left paragraph,
 * phone numbers, ranges and times made of digit groups are then kept in
 * written order (see bidi.c).  Arrays live as long as a.
 * Returns 0, or -1 when FriBidi fails (out of memory). */
int	bidi_paragraph(struct arena *a, const char *s, size_t len, int dir,
	    struct bidi_par *p);

/* Plain UAX #9 up to rule L2 on cp[0..n) taken as one paragraph set on one
 * line, without daftar's own rules: what BidiCharacterTest.txt checks.
 * Fills order[] (room for n) with the indices of the characters from left
 * to right, leaving out those that rule X9 removes, and sets *norder.
 * Scratch memory lives as long as a.  Returns 0, or -1 when FriBidi fails. */
int	bidi_visual_order(struct arena *a, const uint32_t *cp, size_t n,
	    enum bidi_base base, size_t *order, size_t *norder);

/* Rule L2 on one line of n runs with the given levels: fills order[] with
 * the runs' indices from left to right.  levels need not be contiguous. */
void	bidi_reorder(const uint8_t *levels, size_t n, size_t *order);

/* Decodes one UTF-8 code point at s[*i] (s has len bytes) and advances *i;
 * invalid bytes decode as U+FFFD, one byte at a time. */
uint32_t bidi_utf8_next(const char *s, size_t len, size_t *i);

#endif
