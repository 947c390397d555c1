/* layout.c - items, optimal line breaking, justification, visual order. */
#include <hb.h>
#include <linebreak.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"
#include "layout.h"
#include "shape.h"

/* A stretch of the paragraph that is shaped and measured as one: it never
 * spans a change of level or style, a space boundary or a break opportunity. */
struct item {
	size_t start, end;		/* bytes */
	size_t cstart, cend;		/* code points */
	uint8_t level;
	size_t span;			/* index into the paragraph's spans */
	const struct font *font;	/* the span's face, or a fallback */
	int is_space;			/* only U+0020: the stretchable space */
	int is_newline;			/* a hard line break from Markdown */
	char brk;			/* LINEBREAK_* after the item's last char */
	int penalty;			/* cost of a break after it (not at a space) */
	size_t kashida_at;		/* byte of the letter after the join to
					 * lengthen; 0: none (never the first) */
	int kashida_prio;		/* 1 best .. 5; see kashida_site() */
	double kashida_max_pt;
	int emergency;			/* that break splits a word: warn */
	struct shape_glyph *g;
	size_t ng;
	double width_pt;
	double stretch_pt, shrink_pt;	/* spaces only */
};

/* Costs of breaks that are not at a space, on TeX's scale (a hyphen is 50). */
#define PENALTY_PLAIN		50	/* after ؛ ؟ or a dash, as UAX #14 allows */
#define PENALTY_URL		500	/* inside a URL or an e-mail address */
#define PENALTY_EMERGENCY	5000	/* between two letters of a long word */

/* Space may grow by half and shrink by a third of its width (TeX's ratios
 * for a text face); a line looser than TOLERANCE times the stretch is
 * refused in the first pass, and up to EMERGENCY_TOLERANCE in the second. */
#define STRETCH		0.5
#define SHRINK		(1.0 / 3.0)
#define TOLERANCE	2.0
#define EMERGENCY_TOLERANCE	6.0
#define LINE_PENALTY	10
#define ADJ_DEMERITS	3000	/* neighbouring lines of very different looseness */

/* A kashida is at least KASHIDA_MIN and at most KASHIDA_MAX (KASHIDA_SEEN
 * after seen and sad, whose elongation is the classic one) times the type
 * size; shorter ones read as accidents.  A line takes at most KASHIDA_LINE. */
#define KASHIDA_MIN	0.25
#define KASHIDA_MAX	0.7
#define KASHIDA_SEEN	1.0
#define KASHIDA_LINE	2

static int
same_style(const struct layout_style *x, const struct layout_style *y)
{
	return x->font == y->font && x->rgb == y->rgb && x->uri == y->uri &&
	    x->dest == y->dest && x->code == y->code;
}

static void
init_breaks_once(void)
{
	/* libunibreak keeps its tables in statics that init_linebreak() fills
	 * the same way every time; calling it again is harmless. */
	init_linebreak();
}

static size_t
span_at(const struct layout_par *p, size_t byte, size_t hint)
{
	size_t i;

	for (i = hint; i < p->nspans; i++)
		if (byte >= p->spans[i].start && byte < p->spans[i].end)
			return i;
	for (i = 0; i < hint && i < p->nspans; i++)
		if (byte >= p->spans[i].start && byte < p->spans[i].end)
			return i;
	return 0;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\n';
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x06F0 && c <= 0x06F9) ||
	    (c >= 0x0660 && c <= 0x0669);
}

static int
is_latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
has_at(const uint32_t *t, size_t n, size_t i, const char *s)
{
	for (; *s; s++, i++)
		if (i >= n || t[i] != (uint32_t)(unsigned char)*s)
			return 0;
	return 1;
}

/* A token that reads as a URL or an e-mail address. */
static int
is_url(const uint32_t *t, size_t n)
{
	size_t i;

	if (has_at(t, n, 0, "www."))
		return 1;
	for (i = 0; i < n; i++)
		if (has_at(t, n, i, "://") ||
		    (t[i] == '@' && i > 0 && i + 1 < n && is_latin(t[i + 1])))
			return 1;
	return 0;
}

/*
 * A URL or an e-mail address may break after / ? & = - _ . (never between
 * the slashes of "://" nor after its last character), at PENALTY_URL: the
 * Chicago Manual of Style's rule for URLs, without an added hyphen.
 */
static void
url_breaks(const struct bidi_par *b, char *brks, char *url)
{
	static const char after[] = "/?&=-_.";
	size_t s, e, i;

	for (s = 0; s < b->n; s = e + 1) {
		while (s < b->n && is_space(b->cp[s]))
			s++;
		for (e = s; e < b->n && !is_space(b->cp[e]); e++)
			;
		if (e == s || !is_url(b->cp + s, e - s))
			continue;
		for (i = s; i + 1 < e; i++) {
			uint32_t c = b->cp[i];

			if (c < 128 && c != 0 && strchr(after, (int)c) != NULL &&
			    !(c == '/' && b->cp[i + 1] == '/'))
				brks[i] = LINEBREAK_ALLOWBREAK;
			if (brks[i] == LINEBREAK_ALLOWBREAK)
				url[i] = 1;
		}
	}
}

/*
 * Numbers stay whole on a line: no break at the space of a number and its
 * unit ("۲۵ kg", "۱۲ GB": one to three Latin letters), nor inside a number
 * written in groups: at a space, dash, en dash, slash or colon with a digit
 * on both sides ("+98 21 1234 5678", "۱۴۰۱–۱۴۰۳"), which bidi.c keeps in
 * written order only as long as it stays on one line.
 */
static void
number_glue(const struct bidi_par *b, char *brks)
{
	size_t i, e;

	for (i = 1; i + 1 < b->n; i++) {
		uint32_t c = b->cp[i];

		if (!is_digit(b->cp[i - 1]))
			continue;
		if ((c == ' ' || c == '-' || c == 0x2013 || c == '/' || c == ':') &&
		    is_digit(b->cp[i + 1])) {
			brks[i] = LINEBREAK_NOBREAK;
			continue;
		}
		if (c != ' ')
			continue;
		for (e = i + 1; e < b->n && is_latin(b->cp[e]); e++)
			;
		if (e - i - 1 >= 1 && e - i - 1 <= 3 &&
		    (e == b->n || !is_digit(b->cp[e])))
			brks[i] = LINEBREAK_NOBREAK;
	}
}

/* Arabic joining types of the letters Persian uses (Unicode ArabicShaping.txt):
 * 'D' joins on both sides, 'R' only to the letter before it. */
static char
joining(uint32_t c)
{
	static const uint32_t right[] = {
		0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062F, 0x0630,
		0x0631, 0x0632, 0x0648, 0x0698, 0x06C0,
	};
	static const uint32_t dual[] = {
		0x0626, 0x0628, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x0633,
		0x0634, 0x0635, 0x0636, 0x0637, 0x0638, 0x0639, 0x063A, 0x0641,
		0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647, 0x064A, 0x067E,
		0x0686, 0x06A9, 0x06AF, 0x06CC,
	};
	size_t i;

	for (i = 0; i < sizeof dual / sizeof dual[0]; i++)
		if (c == dual[i])
			return 'D';
	for (i = 0; i < sizeof right / sizeof right[0]; i++)
		if (c == right[i])
			return 'R';
	return 0;
}

static int
in_set(uint32_t c, const uint32_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c == set[i])
			return 1;
	return 0;
}

/*
 * How good a place the join between letters a and b (b at i in the word
 * [s, e)) is for a kashida, 1 best to 5, or 0 for never.  The order follows
 * the priorities of the W3C's "Arabic & Persian Layout Requirements" (alreq,
 * justification) and Microsoft's "Developing OpenType fonts for Arabic
 * script" kashida rules: after an initial or medial seen or sad; before a
 * final heh or dal; before a final alef, tah, lam, kaf or gaf; before a
 * final reh or waw; before any other final letter.  Never inside lam-alef,
 * which is one ligature.
 */
static int
kashida_site(const uint32_t *cp, size_t i, size_t e)
{
	static const uint32_t seen[] = { 0x0633, 0x0634, 0x0635, 0x0636 };
	static const uint32_t heh_dal[] = { 0x0647, 0x0629, 0x062F, 0x0630, 0x06C0 };
	static const uint32_t alef_kaf[] = { 0x0627, 0x0622, 0x0637, 0x0638,
		0x0644, 0x06A9, 0x0643, 0x06AF };
	static const uint32_t reh_waw[] = { 0x0631, 0x0632, 0x0698, 0x0648 };
	uint32_t a = cp[i - 1], b = cp[i];
	int final;

	if (joining(a) != 'D' || joining(b) == 0)
		return 0;
	if (a == 0x0644 && (b == 0x0627 || b == 0x0622 || b == 0x0623 || b == 0x0625))
		return 0;
	if (in_set(a, seen, 4))
		return 1;
	final = joining(b) == 'R' || i + 1 >= e || joining(cp[i + 1]) == 0;
	if (!final)
		return 0;
	if (in_set(b, heh_dal, 5))
		return 2;
	if (in_set(b, alef_kaf, 8))
		return 3;
	if (in_set(b, reh_waw, 4))
		return 4;
	return 5;
}

/* Marks the best kashida site of a right-to-left word item, if any; ties go
 * to the site nearest the end of the word. */
static void
find_kashida(const struct layout_par *p, const struct bidi_par *b,
    struct item *it)
{
	size_t i;
	int best = 0, k;

	if (!p->kashida || it->is_space || it->is_newline || !(it->level & 1))
		return;
	for (i = it->cstart + 1; i < it->cend; i++) {
		k = kashida_site(b->cp, i, it->cend);
		if (k != 0 && (best == 0 || k <= best)) {
			best = k;
			it->kashida_at = b->off[i];
		}
	}
	it->kashida_prio = best;
	if (best != 0)
		it->kashida_max_pt = p->size_pt * (best == 1 ? KASHIDA_SEEN : KASHIDA_MAX);
}

/*
 * Code reads left to right whatever surrounds it: raise every character of
 * a code span to the even level above the paragraph's, as if it stood
 * between LRI and PDI, without putting those characters into the text.
 */
static void
isolate_code(const struct layout_par *p, struct bidi_par *b)
{
	uint8_t lvl = b->rtl ? 2 : 0;
	size_t i, k = 0;

	for (i = 0; i < p->nspans; i++) {
		if (!p->spans[i].style.code)
			continue;
		while (k < b->n && b->off[k] < p->spans[i].start)
			k++;
		for (; k < b->n && b->off[k] < p->spans[i].end; k++)
			b->level[k] = lvl;
	}
}

/* Whether a line may break between code points c0 and c1 of one word:
 * never inside a grapheme cluster (a letter and its marks, an emoji
 * sequence) and never next to ZWNJ or ZWJ. */
static int
grapheme_boundary(uint32_t c0, uint32_t c1)
{
	hb_unicode_general_category_t g;

	if (c0 == 0x200C || c0 == 0x200D || c1 == 0x200C || c1 == 0x200D)
		return 0;
	/* The two regional indicators of a flag stay together. */
	if (c0 >= 0x1F1E6 && c0 <= 0x1F1FF && c1 >= 0x1F1E6 && c1 <= 0x1F1FF)
		return 0;
	if ((c1 >= 0xFE00 && c1 <= 0xFE0F) || (c1 >= 0x1F3FB && c1 <= 0x1F3FF) ||
	    (c1 >= 0xE0100 && c1 <= 0xE01EF))
		return 0;
	g = hb_unicode_general_category(hb_unicode_funcs_get_default(), c1);
	return g != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK &&
	    g != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK &&
	    g != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/*
 * libunibreak 1.1 aborts (a failed assert) on two things a story may hold:
 * regional indicators (flag emoji, unknown to its pair table) and U+FFFF
 * (its end-of-text mark).  Found by fuzzing.  Hand it a copy with flags
 * read as emoji (class ID; grapheme_boundary() keeps the pair together) and
 * U+FFFF as U+FFFD.  Returns b->cp itself when nothing needs replacing.
 */
static const uint32_t *
safe_for_unibreak(struct arena *a, const struct bidi_par *b)
{
	uint32_t *cp = NULL;
	size_t i;

	for (i = 0; i < b->n; i++) {
		uint32_t c = b->cp[i];

		if (!(c >= 0x1F1E6 && c <= 0x1F1FF) && c != 0xFFFF)
			continue;
		if (cp == NULL) {
			cp = arena_array(a, b->n + 1, sizeof *cp);
			memcpy(cp, b->cp, b->n * sizeof *cp);
		}
		cp[i] = c == 0xFFFF ? 0xFFFD : 0x1F600;
	}
	return cp != NULL ? cp : b->cp;
}

/* Cuts the paragraph into items (see struct item). */
static struct item *
make_items(struct arena *a, const struct fonts *fs, const struct layout_par *p,
    const struct bidi_par *b, size_t *nitems)
{
	struct item *v;
	char *brks, *url;
	size_t i, n = 0, span = 0;
	const struct font *prev = NULL;

	brks = arena_alloc(a, b->n + 1);
	url = arena_alloc(a, b->n + 1);
	set_linebreaks_utf32(safe_for_unibreak(a, b), b->n, "fa", brks);
	url_breaks(b, brks, url);
	number_glue(b, brks);
	/* libunibreak 1.1 predates emoji ZWJ sequences and modifiers: keep
	 * every grapheme cluster whole. */
	for (i = 0; i + 1 < b->n; i++)
		if (!grapheme_boundary(b->cp[i], b->cp[i + 1]))
			brks[i] = LINEBREAK_NOBREAK;
	v = arena_array(a, b->n + 1, sizeof *v);
	for (i = 0; i < b->n; i++) {
		int sp = b->cp[i] == ' ', nl = b->cp[i] == '\n';
		size_t s = p->nspans ? span_at(p, b->off[i], span) : 0;
		enum font_style st = p->nspans ? p->spans[s].style.font : FONT_REGULAR;
		struct item *last = n ? &v[n - 1] : NULL;
		const struct font *f;

		/* A mark or joiner is drawn by the face of the letter it sits
		 * on; anything else by the first face that has it. */
		if (i > 0 && prev != NULL && !grapheme_boundary(b->cp[i - 1], b->cp[i]))
			f = prev;
		else if ((f = font_for(fs, st, b->cp[i])) == NULL)
			f = &fs->f[st];	/* drawn as .notdef; flow.c warned */
		prev = f;
		if (last != NULL && !nl && !last->is_newline &&
		    last->level == b->level[i] && last->span == s &&
		    last->font == f &&
		    last->is_space == sp && last->brk == LINEBREAK_NOBREAK) {
			last->end = b->off[i + 1];
			last->cend = i + 1;
		} else {
			last = &v[n++];
			last->start = b->off[i];
			last->end = b->off[i + 1];
			last->cstart = i;
			last->cend = i + 1;
			last->level = b->level[i];
			last->span = s;
			last->font = f;
			last->is_space = sp;
			last->is_newline = nl;
		}
		last->brk = nl ? LINEBREAK_MUSTBREAK : brks[i];
		last->penalty = url[i] ? PENALTY_URL : PENALTY_PLAIN;
		span = s;
	}
	for (i = 0; i < n; i++)
		find_kashida(p, b, &v[i]);
	/* The end of the paragraph is not a forced empty line. */
	if (n > 0 && !v[n - 1].is_newline)
		v[n - 1].brk = LINEBREAK_ALLOWBREAK;
	*nitems = n;
	return v;
}

static int
shape_items(struct arena *a, struct shaper *s, const struct layout_par *p,
    struct item *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct font *f = v[i].font;
		int32_t adv = 0;

		if (v[i].is_newline) {
			v[i].ng = 0;
			v[i].width_pt = 0;
			continue;
		}
		if (shape_run(s, f, p->text, p->len, v[i].start,
		    v[i].end - v[i].start, v[i].level & 1, a, &v[i].g, &v[i].ng) != 0)
			return -1;
		for (k = 0; k < v[i].ng; k++)
			adv += v[i].g[k].adv;
		v[i].width_pt = adv * p->size_pt / f->upem;
		/* A space in code keeps its width: code is not prose. */
		if (v[i].is_space && !(p->nspans && p->spans[v[i].span].style.code)) {
			v[i].stretch_pt = v[i].width_pt * STRETCH;
			v[i].shrink_pt = v[i].width_pt * SHRINK;
		}
		/* The breaker counts a word's possible kashida as stretch. */
		v[i].stretch_pt += v[i].kashida_max_pt;
	}
	return 0;
}


/*
 * A word wider than the measure (a long URL with no break left, a run of
 * letters) would overflow the text block.  Cut such items at every grapheme
 * boundary, as a last resort the breaker uses only when nothing else fits,
 * and reshape the pieces with the paragraph as context so letters still
 * join.  Returns the new item array (or v when nothing was too wide).
 */
static struct item *
split_wide(struct arena *a, struct shaper *s, const struct layout_par *p,
    const struct bidi_par *b, struct item *v, size_t *n)
{
	struct item *out;
	size_t i, j, k, m = 0, extra = 0;

	/* A stretch with no break opportunity that is wider than the line
	 * (UAX #14 never breaks before a comma, even after a space) may break
	 * between its items, as a last resort. */
	for (i = 0; i < *n; i = j + 1) {
		double w = v[i].width_pt;

		for (j = i; j + 1 < *n && (v[j].brk == LINEBREAK_NOBREAK ||
		    v[j].brk == LINEBREAK_INSIDEACHAR); j++)
			w += v[j + 1].width_pt;
		if (w <= p->measure_pt)
			continue;
		for (k = i; k < j; k++) {
			v[k].brk = LINEBREAK_ALLOWBREAK;
			v[k].penalty = PENALTY_EMERGENCY;
			v[k].emergency = 1;
		}
	}
	for (i = 0; i < *n; i++)
		if (!v[i].is_space && v[i].width_pt > p->measure_pt)
			extra += v[i].cend - v[i].cstart;
	if (extra == 0)
		return v;
	out = arena_array(a, *n + extra + 1, sizeof *out);
	for (i = 0; i < *n; i++) {
		if (v[i].is_space || v[i].width_pt <= p->measure_pt) {
			out[m++] = v[i];
			continue;
		}
		for (j = v[i].cstart; j < v[i].cend; j = k) {
			for (k = j + 1; k < v[i].cend &&
			    !grapheme_boundary(b->cp[k - 1], b->cp[k]); k++)
				;
			out[m] = v[i];
			out[m].kashida_at = 0;
			out[m].kashida_prio = 0;
			out[m].kashida_max_pt = 0;
			out[m].cstart = j;
			out[m].cend = k;
			out[m].start = b->off[j];
			out[m].end = b->off[k];
			if (k < v[i].cend) {
				out[m].brk = LINEBREAK_ALLOWBREAK;
				out[m].penalty = PENALTY_EMERGENCY;
				out[m].emergency = 1;
			}
			if (shape_items(a, s, p, &out[m], 1) != 0)
				return NULL;
			m++;
		}
	}
	*n = m;
	return out;
}

/* Width of items [from, to) without trailing spaces. */
static double
fit_width(const struct item *v, size_t from, size_t to)
{
	double w = 0;
	size_t i, end = to;

	while (end > from && (v[end - 1].is_space || v[end - 1].is_newline))
		end--;
	for (i = from; i < end; i++)
		w += v[i].width_pt;
	return w;
}

/* Orders a line's runs by their text, the order MuPDF and other extractors
 * need to read the line back as written (TYPESETTING.md T2). */
static void
sort_logical(struct layout_line *line)
{
	struct layout_run t;
	size_t i, j;

	for (i = 1; i < line->nruns; i++) {
		t = line->runs[i];
		for (j = i; j > 0 && line->runs[j - 1].start > t.start; j--)
			line->runs[j] = line->runs[j - 1];
		line->runs[j] = t;
	}
}

/*
 * Shares need points of a line among its words' kashida sites: the best
 * sites first (then the last in the line), each up to its maximum, at most
 * KASHIDA_LINE of them, none shorter than KASHIDA_MIN; what is left goes to
 * the spaces.  Fills kw[] per item and returns the width given.
 */
static double
give_kashidas(const struct layout_par *p, const struct item *v, size_t n,
    double need, double *kw)
{
	double given = 0, min = p->size_pt * KASHIDA_MIN, w;
	size_t i, used = 0, pick;
	int prio;

	for (prio = 1; prio <= 5 && used < KASHIDA_LINE; prio++) {
		for (i = n; i-- > 0 && used < KASHIDA_LINE;) {
			pick = i;
			if (v[pick].kashida_prio != prio || need - given < min)
				continue;
			w = need - given < v[pick].kashida_max_pt ? need - given :
			    v[pick].kashida_max_pt;
			kw[pick] = w;
			given += w;
			used++;
		}
	}
	return given;
}

static void
add_kashida(struct arena *a, struct layout_line *line, double x, double w,
    const struct font *f, double size_pt, uint32_t rgb, size_t max)
{
	struct layout_kashida *k;

	if (line->kashidas == NULL)
		line->kashidas = arena_array(a, max + 1, sizeof *line->kashidas);
	k = &line->kashidas[line->nkashidas++];
	k->x_pt = x;
	k->width_pt = w;
	k->font = f;
	k->size_pt = size_pt;
	k->rgb = rgb;
	line->kashida_pt += w;
}

/*
 * The space at which a line breaks is not set, but its text still belongs
 * between the last word of this line and the first of the next: drawn as a
 * zero-width glyph past the end of the run holding the line's last word,
 * it keeps words apart for screen readers and in the PDF's structure text.
 * (A space drawn in a call of its own would vanish: TYPESETTING.md T1.)
 */
static void
hang_space(struct arena *a, struct layout_line *line, const struct item *sp)
{
	struct layout_run *run = NULL;
	struct layout_glyph *g;
	size_t i;

	for (i = 0; i < line->nruns; i++)
		if (line->runs[i].end == sp->start && line->runs[i].font == sp->font)
			run = &line->runs[i];
	if (run == NULL || run->nglyphs == 0)
		return;
	g = arena_array(a, run->nglyphs + 1, sizeof *g);
	/* Right to left, the glyph comes first (leftmost, last in the text). */
	memcpy(g + (run->rtl ? 1 : 0), run->glyphs, run->nglyphs * sizeof *g);
	i = run->rtl ? 0 : run->nglyphs;
	g[i].gid = sp->g[0].gid;
	g[i].cluster = (uint32_t)sp->start;
	g[i].x_pt = run->rtl ? run->x0_pt : run->x1_pt;
	g[i].y_pt = 0;
	run->glyphs = g;
	run->nglyphs++;
	run->end = sp->start + 1;
}

/* Sets one line from items [from, to): drop hanging spaces (UAX #9 L1),
 * reorder (L2), justify, and group into runs. */
static void
set_line(struct arena *a, struct arena *tmp, const struct layout_par *p,
    int rtl, struct item *v, size_t from, size_t to, int last,
    struct layout_line *line)
{
	uint8_t *levels;
	struct layout_glyph *glyphs;
	size_t *order, n, i, k, nspaces = 0, r, nglyphs = 0;
	double natural, extra = 0, pen, stretch = 0, shrink = 0, space = 0;
	double *kw;			/* kashida width per item of the line */
	struct layout_run *runs;
	struct item *it, *hang;

	line->emergency = to > from && v[to - 1].emergency;
	hang = to > from && v[to - 1].is_space && v[to - 1].ng > 0 ? &v[to - 1] : NULL;
	while (to > from && (v[to - 1].is_space || v[to - 1].is_newline))
		to--;
	n = to - from;
	natural = fit_width(v, from, to);
	/* Each space glyph stretches: an item may hold several spaces. */
	for (i = from; i < to; i++)
		if (v[i].is_space) {
			nspaces += v[i].ng;
			stretch += v[i].stretch_pt;
			shrink += v[i].shrink_pt;
			space += v[i].width_pt;
		}
	kw = arena_array(tmp, n + 1, sizeof *kw);
	if (p->kashida && p->align == LAYOUT_JUSTIFY && !last &&
	    natural < p->measure_pt)
		natural += give_kashidas(p, v + from, n, p->measure_pt - natural, kw);
	if (p->align == LAYOUT_JUSTIFY && !last && nspaces > 0) {
		extra = (p->measure_pt - natural) / (double)nspaces;
		/* Never squeeze a space below its shrink. */
		if (extra < -shrink / (double)nspaces)
			extra = -shrink / (double)nspaces;
	}
	line->nspaces = nspaces;
	line->natural_pt = natural;
	line->space_pt = nspaces ? space / (double)nspaces + extra : 0;
	line->ratio = extra >= 0 ? (stretch > 0 ? extra * (double)nspaces / stretch : 0) :
	    extra * (double)nspaces / shrink;
	line->justified = p->align == LAYOUT_JUSTIFY && !last && nspaces > 0;

	levels = arena_array(tmp, n + 1, 1);
	order = arena_array(tmp, n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		levels[i] = v[from + i].level;
	bidi_reorder(levels, n, order);

	line->text = p->text;
	line->rtl = rtl;
	line->overfull = natural - (p->align == LAYOUT_JUSTIFY ? shrink : 0) >
	    p->measure_pt + 0.01;
	line->width_pt = natural + extra * (double)nspaces;
	if (p->align == LAYOUT_CENTER)
		pen = (p->measure_pt - line->width_pt) / 2;
	else if (rtl && line->width_pt < p->measure_pt)
		pen = p->measure_pt - line->width_pt;
	else
		pen = 0;

	/* Runs are visually contiguous, so each takes the next stretch of one
	 * array of the line's glyphs in visual order. */
	for (i = from; i < to; i++)
		nglyphs += v[i].ng;
	glyphs = arena_array(a, nglyphs + 1, sizeof *glyphs);
	runs = arena_array(tmp, n + 1, sizeof *runs);
	r = 0;
	for (i = 0; i < n; i++) {
		const struct layout_style *st;
		const struct font *f;
		struct layout_run *run;
		double scale;

		it = &v[from + order[i]];
		st = p->nspans ? &p->spans[it->span].style : NULL;
		f = it->font;
		scale = p->size_pt / f->upem;
		run = r ? &runs[r - 1] : NULL;
		/* Visually adjacent items join a run when they share level and
		 * style and stay contiguous in the text, so the run's text is one
		 * logical substring. */
		if (run == NULL || (run->rtl != (it->level & 1)) ||
		    run->font != f || (st && !same_style(run->style, st)) ||
		    !(it->level & 1 ? it->end == run->start : it->start == run->end) ||
		    v[from + order[i - 1]].level != it->level) {
			run = &runs[r++];
			run->start = it->start;
			run->end = it->end;
			run->rtl = it->level & 1;
			run->style = st;
			run->font = f;
			run->size_pt = p->size_pt;
			run->glyphs = glyphs;
			run->nglyphs = 0;
			run->x0_pt = pen;
		} else {
			if (it->level & 1)
				run->start = it->start;
			else
				run->end = it->end;
		}
		for (k = 0; k < it->ng; k++) {
			struct layout_glyph *g = glyphs++;

			/* The join opens where the glyphs pass from the letter
			 * after it to the letter before it (right to left). */
			if (kw[order[i]] > 0 && it->g[k].cluster < it->kashida_at &&
			    (k == 0 || it->g[k - 1].cluster >= it->kashida_at)) {
				add_kashida(a, line, pen, kw[order[i]], f, p->size_pt,
				    st ? st->rgb : 0, n);
				pen += kw[order[i]];
			}
			run->nglyphs++;
			g->gid = it->g[k].gid;
			g->x_pt = pen + it->g[k].dx * scale;
			g->y_pt = -it->g[k].dy * scale;
			g->cluster = it->g[k].cluster;
			g->flip = it->g[k].flip;
			g->adv_pt = it->g[k].adv * scale;
			pen += it->g[k].adv * scale;
			if (it->is_space)
				pen += extra;
		}
		run->x1_pt = pen;
	}
	line->runs = arena_array(a, r + 1, sizeof *line->runs);
	memcpy(line->runs, runs, r * sizeof *runs);
	line->nruns = r;
	if (hang != NULL)
		hang_space(a, line, hang);
	sort_logical(line);
}

/*
 * Greedy breaking: a line may end only after an item that ends at a break
 * opportunity; spaces at the end of a line hang.  Used for lines that are
 * not justified, and when no optimal breaking exists.  Fills breaks[] with
 * the item index each line ends before; returns their number.
 */
static size_t
break_greedy(const struct layout_par *p, const struct item *v, size_t n,
    size_t *breaks)
{
	size_t i, start = 0, cand, nb = 0;

	while (start < n) {
		cand = start;	/* items [start, cand) fit and end at an opportunity */
		for (i = start; i < n; i++) {
			if (v[i].brk == LINEBREAK_NOBREAK || v[i].brk == LINEBREAK_INSIDEACHAR)
				continue;
			if (fit_width(v, start, i + 1) > p->measure_pt && cand > start)
				break;
			cand = i + 1;
			if (v[i].brk == LINEBREAK_MUSTBREAK)
				break;
			if (fit_width(v, start, i + 1) > p->measure_pt)
				break;
		}
		if (cand == start)
			cand = n;	/* no opportunity left: the rest is one line */
		breaks[nb++] = cand;
		start = cand;
	}
	return nb;
}

/* A feasible break in the optimal breaker: the best way to end a line at
 * pos with a line of this fitness class. */
struct kp_node {
	size_t pos;		/* the line ends before item pos */
	size_t prev;		/* node of the previous break; SIZE_MAX at the start */
	int fitness;		/* 0 tight, 1 normal, 2 loose, 3 very loose */
	double total;		/* demerits of all lines up to here */
};

static int
fitness_of(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/*
 * Knuth and Plass's total-fit breaking ("Breaking Paragraphs into Lines",
 * 1981) over the logical items: spaces are glue that stretches by STRETCH
 * and shrinks by SHRINK of their width, other break opportunities are
 * penalties, a forced break ends a line, and the last line is set ragged.
 * Demerits are (LINE_PENALTY + badness)^2 plus the penalty squared, plus
 * ADJ_DEMERITS when neighbouring lines differ by more than one fitness
 * class.  Fills breaks[] like break_greedy(); returns their number, or 0
 * when no line set can keep every line within tol.
 */
static size_t
break_optimal(struct arena *tmp, const struct layout_par *p,
    const struct item *v, size_t n, double tol, size_t *breaks)
{
	double *W, *ST, *SH;
	struct kp_node *nodes;
	size_t *active, *next, nact, nnodes = 0, cap = 64, q, i, e, k, best;
	size_t nb = 0;

	W = arena_array(tmp, n + 1, sizeof *W);
	ST = arena_array(tmp, n + 1, sizeof *ST);
	SH = arena_array(tmp, n + 1, sizeof *SH);
	for (i = 0; i < n; i++) {
		W[i + 1] = W[i] + v[i].width_pt;
		ST[i + 1] = ST[i] + v[i].stretch_pt;
		SH[i + 1] = SH[i] + v[i].shrink_pt;
	}
	nodes = arena_array(tmp, cap, sizeof *nodes);
	/* Every break can be active in each of the four fitness classes. */
	active = arena_array(tmp, 4 * n + 8, sizeof *active);
	next = arena_array(tmp, 4 * n + 8, sizeof *next);
	nodes[nnodes++] = (struct kp_node){ 0, SIZE_MAX, 1, 0 };
	active[0] = 0;
	nact = 1;

	for (q = 1; q <= n && nact > 0; q++) {
		const struct item *it = &v[q - 1];
		int forced = it->brk == LINEBREAK_MUSTBREAK || q == n;
		double bestd[4] = { -1, -1, -1, -1 };
		size_t bestfrom[4] = { 0, 0, 0, 0 }, nnext = 0;

		if (!forced && it->brk != LINEBREAK_ALLOWBREAK)
			continue;
		for (k = 0; k < nact; k++) {
			const struct kp_node *a = &nodes[active[k]];
			double w, r, ar, d, bad;
			int fit;

			for (e = q; e > a->pos && (v[e - 1].is_space || v[e - 1].is_newline); e--)
				;
			w = W[e] - W[a->pos];
			if (w > p->measure_pt)
				r = SH[e] - SH[a->pos] > 0 ?
				    (p->measure_pt - w) / (SH[e] - SH[a->pos]) : -1e9;
			else if (forced)
				r = 0;	/* a last line is set ragged */
			else
				r = ST[e] - ST[a->pos] > 0 ?
				    (p->measure_pt - w) / (ST[e] - ST[a->pos]) : 1e9;
			if (r >= -1 && !forced)
				next[nnext++] = active[k];
			if (r < -1 || r > tol)
				continue;
			ar = r < 0 ? -r : r;
			bad = 100 * ar * ar * ar;
			d = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
			if (!forced && !it->is_space)
				d += (double)it->penalty * it->penalty;
			fit = fitness_of(r);
			if (abs(fit - a->fitness) > 1)
				d += ADJ_DEMERITS;
			d += a->total;
			if (bestd[fit] < 0 || d < bestd[fit]) {
				bestd[fit] = d;
				bestfrom[fit] = active[k];
			}
		}
		for (i = 0; i < 4; i++) {
			if (bestd[i] < 0)
				continue;
			if (nnodes == cap) {
				nodes = arena_grow(tmp, nodes, nnodes, cap * 2, sizeof *nodes);
				cap *= 2;
			}
			nodes[nnodes] = (struct kp_node){ q, bestfrom[i], (int)i, bestd[i] };
			next[nnext++] = nnodes++;
		}
		memcpy(active, next, nnext * sizeof *active);
		nact = nnext;
	}
	/* The cheapest node at the end of the paragraph, then back to the start. */
	best = SIZE_MAX;
	for (i = 0; i < nnodes; i++)
		if (nodes[i].pos == n && (best == SIZE_MAX || nodes[i].total < nodes[best].total))
			best = i;
	if (best == SIZE_MAX)
		return 0;
	for (i = best; nodes[i].prev != SIZE_MAX; i = nodes[i].prev)
		nb++;
	for (i = best, k = nb; nodes[i].prev != SIZE_MAX; i = nodes[i].prev)
		breaks[--k] = nodes[i].pos;
	return nb;
}

int
layout_paragraph(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct layout_par *p, struct layout_line **lines, size_t *nlines)
{
	struct arena tmp;	/* levels, items, shaped glyphs: gone at return */
	struct bidi_par b;
	struct item *v;
	struct layout_line *out;
	size_t n, i, start, nb = 0, *breaks;

	init_breaks_once();
	*lines = NULL;
	*nlines = 0;
	arena_init(&tmp);
	if (bidi_paragraph(&tmp, p->text, p->len, p->dir, &b) != 0)
		goto fail;
	isolate_code(p, &b);
	v = make_items(&tmp, fs, p, &b, &n);
	if (shape_items(&tmp, s, p, v, n) != 0)
		goto fail;
	if ((v = split_wide(&tmp, s, p, &b, v, &n)) == NULL)
		goto fail;
	breaks = arena_array(&tmp, n + 1, sizeof *breaks);
	if (p->align == LAYOUT_JUSTIFY && !p->greedy && n > 0) {
		nb = break_optimal(&tmp, p, v, n, TOLERANCE, breaks);
		if (nb == 0)
			nb = break_optimal(&tmp, p, v, n, EMERGENCY_TOLERANCE, breaks);
	}
	if (nb == 0)
		nb = break_greedy(p, v, n, breaks);
	out = arena_array(a, nb + 1, sizeof *out);
	for (i = 0, start = 0; i < nb; start = breaks[i++])
		set_line(a, &tmp, p, b.rtl, v, start, breaks[i],
		    i + 1 == nb || v[breaks[i] - 1].brk == LINEBREAK_MUSTBREAK, &out[i]);
	*lines = out;
	*nlines = nb;
	arena_release(&tmp);
	return 0;
fail:
	arena_release(&tmp);
	return -1;
}

double
layout_measure(struct arena *a, struct shaper *s, const struct font *f,
    const char *text, size_t len, double size_pt)
{
	struct shape_glyph *g;
	size_t n, i;
	int64_t adv = 0;

	if (shape_run(s, f, text, len, 0, len, 1, a, &g, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		adv += g[i].adv;
	return (double)adv * size_pt / f->upem;
}
