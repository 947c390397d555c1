/* shape.c - HarfBuzz shaping of one run with paragraph context, cached per word. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <hb.h>

#include "arena.h"
#include "bidi.h"
#include "font.h"
#include "shape.h"

/* A shaped word: glyphs with clusters relative to the word's first byte. */
struct word {
	uint64_t hash;			/* 0: empty slot */
	const struct font *font;
	int rtl;
	const char *text;		/* in the cache arena */
	size_t len;
	struct shape_glyph *g;		/* in the cache arena */
	size_t ng;
};

struct shaper {
	hb_buffer_t *buf;		/* reused for every run */
	hb_language_t fa;
	int caching;
	struct arena words;		/* the cached words' bytes and glyphs */
	struct word *slots;		/* open addressing, power of two */
	size_t cap, n;
	size_t hits, misses;
};

struct shaper *
shape_new(int cache)
{
	struct shaper *s;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	s->buf = hb_buffer_create();
	s->fa = hb_language_from_string("fa", -1);
	s->caching = cache;
	arena_init(&s->words);
	return s;
}

void
shape_free(struct shaper *s)
{
	if (s == NULL)
		return;
	hb_buffer_destroy(s->buf);
	free(s->slots);
	arena_release(&s->words);
	free(s);
}

void
shape_stats(const struct shaper *s, size_t *hits, size_t *misses)
{
	*hits = s->hits;
	*misses = s->misses;
}

/*
 * In right-to-left text HarfBuzz draws "(" with the glyph of ")".  That glyph
 * copies out as ")" (its cmap entry), so the text read back from the PDF has
 * its brackets swapped, and Cairo's /ActualText repair confuses poppler's
 * structure text.  Draw the glyph of the character as written instead and
 * let the PDF writer flip it horizontally: it looks the same and copies as
 * written.  Only ASCII brackets need it: mirrored guillemets already come
 * back as written from MuPDF and poppler, and flipping them would cost a
 * line break in MuPDF's text.
 */
static void
unmirror(const struct font *f, const char *text, size_t text_len,
    struct shape_glyph *g)
{
	FriBidiChar mirror;
	hb_codepoint_t written, shown;
	size_t i = g->cluster;
	uint32_t c;

	if (i >= text_len)
		return;
	c = bidi_utf8_next(text, text_len, &i);
	if (c >= 0x80 || !fribidi_get_mirror_char(c, &mirror) || mirror == c)
		return;
	if (!hb_font_get_nominal_glyph(f->hb, mirror, &shown) || shown != g->gid ||
	    !hb_font_get_nominal_glyph(f->hb, c, &written) || written == shown)
		return;
	g->gid = written;
	g->flip = 1;
}

static int
shape_hb(struct shaper *s, const struct font *f, const char *text,
    size_t text_len, size_t off, size_t len, int rtl, struct arena *a,
    struct shape_glyph **glyphs, size_t *nglyphs)
{
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	hb_script_t script;
	unsigned int i, n;
	struct shape_glyph *g;

	hb_buffer_clear_contents(s->buf);
	hb_buffer_add_utf8(s->buf, text, (int)text_len, (unsigned int)off, (int)len);
	hb_buffer_set_direction(s->buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	/* Vazirmatn has no FAR language system, but other fonts may. */
	hb_buffer_set_language(s->buf, s->fa);
	hb_buffer_guess_segment_properties(s->buf);
	script = hb_buffer_get_script(s->buf);
	if (rtl && (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED ||
	    script == HB_SCRIPT_UNKNOWN))
		hb_buffer_set_script(s->buf, HB_SCRIPT_ARABIC);
	/* Keep ZWNJ as the font's own zero-width glyph: drawn as a space it
	 * would copy out as a space (TYPESETTING.md T3). */
	hb_buffer_set_flags(s->buf, HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
	/* A mark keeps a cluster of its own instead of merging with its letter:
	 * Cairo can then give every glyph its own text, whereas a two-letter,
	 * two-glyph cluster goes into /ActualText, which MuPDF ignores, and the
	 * letter's contextual form copies out as U+FFFD (seen with "مُعَلِّم"). */
	hb_buffer_set_cluster_level(s->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_shape(f->hb, s->buf, NULL, 0);
	if (!hb_buffer_allocation_successful(s->buf))
		return -1;

	info = hb_buffer_get_glyph_infos(s->buf, &n);
	pos = hb_buffer_get_glyph_positions(s->buf, &n);
	g = arena_array(a, n ? n : 1, sizeof *g);
	for (i = 0; i < n; i++) {
		g[i].gid = info[i].codepoint;
		g[i].adv = pos[i].x_advance;
		g[i].dx = pos[i].x_offset;
		g[i].dy = pos[i].y_offset;
		g[i].cluster = info[i].cluster;
		g[i].flip = 0;
		if (rtl)
			unmirror(f, text, text_len, &g[i]);
	}
	*glyphs = g;
	*nglyphs = n;
	return 0;
}

static uint64_t
hash_word(const struct font *f, int rtl, const char *t, size_t len)
{
	/* FNV-1a over the bytes, then the font and direction mixed in. */
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)t[i];
		h *= 1099511628211ull;
	}
	h ^= (uint64_t)(uintptr_t)f * 31 + (uint64_t)rtl;
	h *= 1099511628211ull;
	return h ? h : 1;
}

static struct word *
find(struct shaper *s, uint64_t h, const struct font *f, int rtl,
    const char *t, size_t len)
{
	size_t i;

	for (i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		struct word *w = &s->slots[i];

		if (w->hash == 0 || (w->hash == h && w->font == f && w->rtl == rtl &&
		    w->len == len && memcmp(w->text, t, len) == 0))
			return w;
	}
}

static void
grow(struct shaper *s)
{
	struct word *old = s->slots, *w;
	size_t oldcap = s->cap, i;

	s->cap = s->cap ? s->cap * 2 : 4096;
	if ((s->slots = calloc(s->cap, sizeof *s->slots)) == NULL) {
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < oldcap; i++) {
		if (old[i].hash == 0)
			continue;
		w = find(s, old[i].hash, old[i].font, old[i].rtl, old[i].text, old[i].len);
		*w = old[i];
	}
	free(old);
}

/*
 * A run shapes the same wherever it stands when nothing around it can join
 * with it: it starts and ends at the paragraph's edges or at spaces.  Runs
 * that touch a neighbour across a style or direction change (T5) depend on
 * that neighbour and are never served from the cache.
 */
static int
context_free(const char *text, size_t text_len, size_t off, size_t len)
{
	return (off == 0 || text[off - 1] == ' ' || text[off - 1] == '\n') &&
	    (off + len == text_len || text[off + len] == ' ' ||
	    text[off + len] == '\n');
}

int
shape_run(struct shaper *s, const struct font *f, const char *text,
    size_t text_len, size_t off, size_t len, int rtl, struct arena *a,
    struct shape_glyph **glyphs, size_t *nglyphs)
{
	struct shape_glyph *g;
	struct word *w;
	uint64_t h;
	size_t i;

	if (!s->caching || !context_free(text, text_len, off, len))
		return shape_hb(s, f, text, text_len, off, len, rtl, a, glyphs, nglyphs);
	if (s->n * 10 >= s->cap * 7)
		grow(s);
	h = hash_word(f, rtl, text + off, len);
	w = find(s, h, f, rtl, text + off, len);
	if (w->hash == 0) {
		s->misses++;
		if (shape_hb(s, f, text, text_len, off, len, rtl, &s->words, &g,
		    &w->ng) != 0)
			return -1;
		for (i = 0; i < w->ng; i++)
			g[i].cluster -= (uint32_t)off;
		w->g = g;
		w->hash = h;
		w->font = f;
		w->rtl = rtl;
		w->text = arena_strndup(&s->words, text + off, len);
		w->len = len;
		s->n++;
	} else {
		s->hits++;
	}
	g = arena_array(a, w->ng ? w->ng : 1, sizeof *g);
	for (i = 0; i < w->ng; i++) {
		g[i] = w->g[i];
		g[i].cluster += (uint32_t)off;
	}
	*glyphs = g;
	*nglyphs = w->ng;
	return 0;
}
