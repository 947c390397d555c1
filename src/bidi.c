/* bidi.c - UAX #9 levels per paragraph (FriBidi) and per-line reordering. */
#include <fribidi.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"

uint32_t
bidi_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - *i, need, k;
	uint32_t c, min;

	if (u[0] < 0x80) {
		(*i)++;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		need = 1; c = u[0] & 0x1F; min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 2; c = u[0] & 0x0F; min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 3; c = u[0] & 0x07; min = 0x10000;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (left <= need) {
		(*i)++;
		return 0xFFFD;
	}
	for (k = 1; k <= need; k++) {
		if ((u[k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		c = (c << 6) | (u[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += need + 1;
	return c;
}

int
bidi_paragraph(struct arena *a, const char *s, size_t len, int dir,
    struct bidi_par *p)
{
	FriBidiCharType *types;
	FriBidiBracketType *brackets;
	FriBidiLevel *levels;
	FriBidiParType base;
	size_t i, n = 0;
	int any_rtl = 0;

	p->cp = arena_array(a, len + 1, sizeof *p->cp);
	p->off = arena_array(a, len + 1, sizeof *p->off);
	for (i = 0; i < len; n++) {
		p->off[n] = i;
		p->cp[n] = bidi_utf8_next(s, len, &i);
	}
	p->off[n] = len;
	p->n = n;
	p->level = arena_array(a, n + 1, sizeof *p->level);
	if (n == 0) {
		p->rtl = dir >= 0;
		return 0;
	}

	types = arena_array(a, n, sizeof *types);
	brackets = arena_array(a, n, sizeof *brackets);
	levels = arena_array(a, n, sizeof *levels);
	fribidi_get_bidi_types(p->cp, (FriBidiStrIndex)n, types);
	/* Without bracket types FriBidi skips rule N0 and ")" lands on the wrong
	 * side of mixed text (TYPESETTING.md T7). */
	fribidi_get_bracket_types(p->cp, (FriBidiStrIndex)n, types, brackets);
	for (i = 0; i < n && !any_rtl; i++)
		any_rtl = types[i] == FRIBIDI_TYPE_RTL || types[i] == FRIBIDI_TYPE_AL;
	if (dir != 0)
		any_rtl = dir > 0;
	base = any_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (fribidi_get_par_embedding_levels_ex(types, brackets,
	    (FriBidiStrIndex)n, &base, levels) == 0)
		return -1;
	for (i = 0; i < n; i++)
		p->level[i] = (uint8_t)levels[i];
	p->rtl = any_rtl;
	return 0;
}

void
bidi_reorder(const uint8_t *levels, size_t n, size_t *order)
{
	/* L2: from the highest level down to the lowest odd level, reverse every
	 * maximal sequence of runs at that level or higher. */
	uint8_t hi = 0, lo = 0xFF, k;
	size_t i, j, s, e, t;

	for (i = 0; i < n; i++) {
		order[i] = i;
		if (levels[i] > hi)
			hi = levels[i];
		if ((levels[i] & 1) && levels[i] < lo)
			lo = levels[i];
	}
	if (lo == 0xFF)
		return;
	for (k = hi; k >= lo; k--) {
		for (i = 0; i < n; i = j) {
			if (levels[order[i]] < k) {
				j = i + 1;
				continue;
			}
			for (j = i; j < n && levels[order[j]] >= k; j++)
				;
			for (s = i, e = j - 1; s < e; s++, e--) {
				t = order[s];
				order[s] = order[e];
				order[e] = t;
			}
		}
		if (k == 0)
			break;
	}
}
