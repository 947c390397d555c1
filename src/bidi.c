/* bidi.c - UAX #9 levels per paragraph (FriBidi) and per-line reordering. */
#include <assert.h>
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

/*
 * Numbers that read as written.  Plain UAX #9 keeps a lone number, 12,500,
 * ۱۲٬۵۰۰, ۳٫۵, 8:30 and 1403/01/01 in written order: after an Arabic letter
 * the digits become AN (rule W2), ٫ and ٬ are AN themselves, and a single
 * CS (, . : /) between two AN joins them (W4).  But '-' is ES, which W4
 * joins only between EN, and the en dash and the space are neutrals, so
 * between two AN they resolve right to left (N1) and the groups come out in
 * reverse: ۰۹۱۲-۰۰۰-۱۲۳۴ shows as ۱۲۳۴-۰۰۰-۰۹۱۲ and +98 21 1234 5678 as
 * 5678 1234 21 98+.
 *
 * Such a span gets the even level just above the paragraph's (2), as if it
 * were wrapped in LRI...PDI (LRI LRO...PDF PDI for Arabic-Indic digits,
 * which stay AN inside an isolate): the text itself is not touched, so the
 * PDF still copies back exactly as written.  The spans, conservatively:
 *
 *   digit   0-9, U+06F0-06F9 (Persian), U+0660-0669 (Arabic-Indic)
 *   group   digits, with single , . U+066B U+066C between two digits
 *           (one number: 12,500 and ۳٫۵ are one group each)
 *   joiner  - U+2013 : /  with a group right before and right after it
 *   span    two or more groups joined by joiners: 1399-1403, ۸:۳۰,
 *           ۰۹۱۲-۰۰۰-۱۲۳۴, ۸:۳۰-۱۲:۰۰
 *   phone   also single U+0020 spaces as joiners, when the span starts with
 *           '+' or a zero and has at least 3 groups and 7 digits:
 *           +98 21 1234 5678, ۰۲۱ ۸۸۸۸ ۱۲۳۴; a leading '+' (not right after a
 *           digit) belongs to it
 *
 * A span that a '+', a joiner or a decimal mark glues to one more digit on
 * either side (۱۲+۳۴-۵۶) is left alone: it is part of something longer, a
 * sum, that this rule does not know.  So is a span inside an embedding or
 * isolate of the author's (a level above 2): the author already chose.
 *
 * A range such as ۱۴۰۱–۱۴۰۳ therefore reads as written too, with ۱۴۰۱ on the
 * left, as a Persian reader sees it with ASCII digits after a Latin word or
 * in a date: nothing tells a range from a phone number (۰۲۱-۱۴۰۳ is either),
 * and one rule for every digit group keeps them alike.  Plain UAX #9 would
 * put ۱۴۰۱ on the right after a Persian word and on the left after a Latin
 * one.  A range written with spaces around the dash (۱۴۰۱ – ۱۴۰۳) is not a
 * span and keeps the plain UAX #9 order.
 */

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x06F0 && c <= 0x06F9) ||
	    (c >= 0x0660 && c <= 0x0669);
}

static int
is_zero(uint32_t c)
{
	return c == '0' || c == 0x06F0 || c == 0x0660;
}

/* Decimal point and thousands separator inside one number. */
static int
is_mark(uint32_t c)
{
	return c == ',' || c == '.' || c == 0x066B || c == 0x066C;
}

static int
is_joiner(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == ':' || c == '/';
}

/* Does c join the digit after it to something before it? */
static int
is_glue(uint32_t c)
{
	return is_joiner(c) || is_mark(c) || c == '+';
}

/* The end of the group that starts with the digit at i; adds its digits to
 * *ndigits. */
static size_t
group_end(const uint32_t *cp, size_t n, size_t i, size_t *ndigits)
{
	for (;;) {
		while (i < n && is_digit(cp[i])) {
			i++;
			(*ndigits)++;
		}
		if (i + 1 < n && is_mark(cp[i]) && is_digit(cp[i + 1]))
			i++;
		else
			return i;
	}
}

/* A candidate span: the groups from one start digit on. */
struct span {
	size_t start, end;	/* code points; start is at the '+' if any */
	size_t groups, digits;
	size_t plain_end;	/* end of the groups before the first space */
	size_t plain_groups;
};

/* Scans the groups from the digit at i, which no digit precedes.  Spaces
 * join only while the span may still be a phone number. */
static void
scan_span(const uint32_t *cp, size_t n, size_t i, struct span *s)
{
	int plus = i > 0 && cp[i - 1] == '+' && (i < 2 || !is_digit(cp[i - 2]));
	int phone = plus || is_zero(cp[i]);
	int spaced = 0;

	s->start = plus ? i - 1 : i;
	s->groups = s->digits = 0;
	for (;;) {
		i = group_end(cp, n, i, &s->digits);
		s->groups++;
		s->end = i;
		if (!spaced) {
			s->plain_end = i;
			s->plain_groups = s->groups;
		}
		if (i + 1 >= n || !is_digit(cp[i + 1]))
			break;
		if (cp[i] == ' ' && phone)
			spaced = 1;
		else if (!is_joiner(cp[i]))
			break;
		i++;
	}
	if (spaced && (s->groups < 3 || s->digits < 7)) {
		/* Not a phone number: keep what the other joiners made. */
		s->end = s->plain_end;
		s->groups = s->plain_groups;
	}
}

/* Raises the span [s, e) to level 2 unless it is glued to more digits or
 * sits inside an explicit embedding. */
static void
raise_span(struct bidi_par *p, size_t s, size_t e)
{
	size_t i;

	if (s >= 2 && is_glue(p->cp[s - 1]) && is_digit(p->cp[s - 2]))
		return;
	if (e + 1 < p->n && is_glue(p->cp[e]) && is_digit(p->cp[e + 1]))
		return;
	for (i = s; i < e; i++)
		if (p->level[i] > 2)
			return;
	for (i = s; i < e; i++)
		p->level[i] = 2;
}

/* Keeps digit-group spans in written order in a right-to-left paragraph
 * (see the comment above is_digit). */
static void
isolate_numbers(struct bidi_par *p)
{
	struct span s;
	size_t i = 0;

	while (i < p->n) {
		if (!is_digit(p->cp[i]) || (i > 0 && is_digit(p->cp[i - 1]))) {
			i++;
			continue;
		}
		scan_span(p->cp, p->n, i, &s);
		if (s.groups >= 2)
			raise_span(p, s.start, s.end);
		i = s.end > i ? s.end : i + 1;
	}
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
	if (p->rtl)
		isolate_numbers(p);
	return 0;
}

/* Rule L1 on a whole line: segment and paragraph separators, and any
 * sequence of whitespace and isolate formatting characters before them or at
 * the end of the line, go back to the paragraph level.  Characters that X9
 * removes join those sequences (UAX #9 section 5.2), so a BN between two
 * trailing spaces does not stop the reset.  FriBidi 1.0.8 already does this
 * inside fribidi_get_par_embedding_levels_ex (BidiCharacterTest.txt gives
 * the same orders without it); doing it here keeps rule L1 ours to check. */
static void
reset_line_ends(const FriBidiCharType *t, size_t n, FriBidiLevel par,
    FriBidiLevel *level)
{
	int trailing = 1;	/* in a sequence that ends a line or a segment */
	size_t i;

	for (i = n; i-- > 0;) {
		if (FRIBIDI_IS_SEPARATOR(t[i])) {
			level[i] = par;
			trailing = 1;
		} else if (t[i] == FRIBIDI_TYPE_WS || FRIBIDI_IS_ISOLATE(t[i]) ||
		    FRIBIDI_IS_EXPLICIT_OR_BN(t[i])) {
			if (trailing)
				level[i] = par;
		} else
			trailing = 0;
	}
}

int
bidi_visual_order(struct arena *a, const uint32_t *cp, size_t n,
    enum bidi_base base, size_t *order, size_t *norder)
{
	static const FriBidiParType bases[BIDI_BASE__MAX] = {
		FRIBIDI_PAR_LTR, FRIBIDI_PAR_RTL, FRIBIDI_PAR_ON,
	};
	FriBidiCharType *types;
	FriBidiBracketType *brackets;
	FriBidiLevel *levels;
	FriBidiParType par = bases[base];
	uint8_t *kept_levels;
	size_t *kept, *korder, i, k = 0;

	assert(base < BIDI_BASE__MAX);
	*norder = 0;
	if (n == 0)
		return 0;
	types = arena_array(a, n, sizeof *types);
	brackets = arena_array(a, n, sizeof *brackets);
	levels = arena_array(a, n, sizeof *levels);
	fribidi_get_bidi_types(cp, (FriBidiStrIndex)n, types);
	fribidi_get_bracket_types(cp, (FriBidiStrIndex)n, types, brackets);
	/* FRIBIDI_PAR_ON is P2/P3 proper: the first strong letter outside
	 * isolates decides, not daftar's "any right-to-left letter". */
	if (fribidi_get_par_embedding_levels_ex(types, brackets,
	    (FriBidiStrIndex)n, &par, levels) == 0)
		return -1;
	reset_line_ends(types, n, FRIBIDI_DIR_TO_LEVEL(par), levels);

	/* X9 removes the embedding controls and BN before any level is
	 * resolved, so they must not split the runs that L2 reverses either. */
	kept = arena_array(a, n, sizeof *kept);
	kept_levels = arena_array(a, n, sizeof *kept_levels);
	korder = arena_array(a, n, sizeof *korder);
	for (i = 0; i < n; i++) {
		if (FRIBIDI_IS_EXPLICIT_OR_BN(types[i]))
			continue;
		kept[k] = i;
		kept_levels[k++] = (uint8_t)levels[i];
	}
	bidi_reorder(kept_levels, k, korder);
	for (i = 0; i < k; i++)
		order[i] = kept[korder[i]];
	*norder = k;
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
