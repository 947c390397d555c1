/* layout_cache.c - paragraphs' lines kept between builds, so a rebuild breaks only what changed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "layout.h"
#include "layout_cache.h"
#include "reuse.h"

/* A run's style is its paragraph's span: kept as the span's index, since
 * the spans of the next build are other memory. */
#define NO_SPAN	UINT32_MAX

/*
 * One paragraph, in one malloc() block: this header, then its lines, their
 * runs, glyphs and kashidas, the runs' span indices, and the key.  Pointers
 * inside the block point into it; text and style pointers are not kept.
 */
struct entry {
	uint64_t h[2];
	unsigned long gen;	/* the sweep it was last asked for in */
	size_t bytes;		/* of the whole block */
	char *key;
	size_t keylen;
	struct layout_line *lines;
	size_t nlines;
	uint32_t *span;		/* per run, all lines' runs in order */
};

struct layout_cache {
	struct entry **slots;	/* open addressing; NULL: empty */
	size_t cap;		/* a power of two */
	size_t n;
	size_t bytes, max_bytes;
	unsigned long gen;
	const struct fonts *fs;	/* what the lines' font pointers point into */
	struct layout_cache_counts counts;
};

struct layout_cache *
layout_cache_new(size_t max_bytes)
{
	struct layout_cache *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->max_bytes = max_bytes;
	return c;
}

static void
clear(struct layout_cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		free(c->slots[i]);
	free(c->slots);
	c->slots = NULL;
	c->cap = 0;
	c->n = 0;
	c->bytes = 0;
}

void
layout_cache_free(struct layout_cache *c)
{
	if (c == NULL)
		return;
	clear(c);
	free(c);
}

static void
put_size(struct buf *k, size_t v)
{
	buf_put(k, &v, sizeof v);
}

static void
put_double(struct buf *k, double v)
{
	buf_put(k, &v, sizeof v);
}

/* A string or NULL, told apart from "" and from the next field. */
static void
put_str(struct buf *k, const char *s)
{
	if (s == NULL) {
		buf_putc(k, 0);
		return;
	}
	buf_putc(k, 1);
	put_size(k, strlen(s));
	buf_puts(k, s);
}

/* Everything layout_paragraph() reads of p, as bytes. */
static void
make_key(struct buf *k, const struct layout_par *p)
{
	size_t i;
	int v[4] = { (int)p->align, p->dir, p->greedy, p->kashida };

	put_size(k, p->len);
	buf_put(k, p->text, p->len);
	put_double(k, p->size_pt);
	put_double(k, p->measure_pt);
	buf_put(k, v, sizeof v);
	put_size(k, p->nspans);
	for (i = 0; i < p->nspans; i++) {
		const struct layout_span *sp = &p->spans[i];
		int w[2] = { (int)sp->style.font, sp->style.code };

		put_size(k, sp->start);
		put_size(k, sp->end);
		buf_put(k, w, sizeof w);
		buf_put(k, &sp->style.rgb, sizeof sp->style.rgb);
		put_str(k, sp->style.uri);
		put_str(k, sp->style.dest);
	}
}

/* Where probing for h starts in a table of cap slots. */
static size_t
home(const uint64_t h[2], size_t cap)
{
	return (size_t)(h[0] ^ (h[1] >> 7)) & (cap - 1);
}

static struct entry *
find(const struct layout_cache *c, const uint64_t h[2], const struct buf *k)
{
	size_t i;

	if (c->cap == 0)
		return NULL;
	for (i = home(h, c->cap); c->slots[i] != NULL; i = (i + 1) & (c->cap - 1)) {
		struct entry *e = c->slots[i];

		if (e->h[0] == h[0] && e->h[1] == h[1] && e->keylen == k->len &&
		    memcmp(e->key, k->data, k->len) == 0)
			return e;
	}
	return NULL;
}

/* Places e in slots of cap entries (no resize). */
static void
place(struct entry **slots, size_t cap, struct entry *e)
{
	size_t i = home(e->h, cap);

	while (slots[i] != NULL)
		i = (i + 1) & (cap - 1);
	slots[i] = e;
}

/* Room for one more entry, the table kept at most half full.  Returns 0,
 * or -1 when out of memory (the table unchanged). */
static int
reserve(struct layout_cache *c)
{
	struct entry **slots;
	size_t cap, i;

	if ((c->n + 1) * 2 <= c->cap)
		return 0;
	cap = c->cap ? c->cap * 2 : 1024;
	if ((slots = calloc(cap, sizeof *slots)) == NULL)
		return -1;
	for (i = 0; i < c->cap; i++)
		if (c->slots[i] != NULL)
			place(slots, cap, c->slots[i]);
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
	return 0;
}

static size_t
align_up(size_t n)
{
	size_t al = _Alignof(max_align_t);

	return (n + al - 1) / al * al;
}

/* A copy of lines[0..n) made from p, with its key, in one block; NULL when
 * out of memory or a run's style is not one of p's spans. */
static struct entry *
entry_new(const struct layout_par *p, const struct buf *k, const uint64_t h[2],
    const struct layout_line *lines, size_t n)
{
	size_t nruns = 0, nglyphs = 0, nkash = 0, i, r, off, o_lines, o_runs,
	    o_glyphs, o_kash, o_span, o_key, ri = 0, gi = 0, ki = 0, sp;
	struct layout_run *runs;
	struct layout_glyph *glyphs;
	struct layout_kashida *kash;
	struct entry *e;
	char *base;

	for (i = 0; i < n; i++) {
		nruns += lines[i].nruns;
		nkash += lines[i].nkashidas;
		for (r = 0; r < lines[i].nruns; r++)
			nglyphs += lines[i].runs[r].nglyphs;
	}
	o_lines = align_up(sizeof *e);
	o_runs = align_up(o_lines + n * sizeof *lines);
	o_glyphs = align_up(o_runs + nruns * sizeof *runs);
	o_kash = align_up(o_glyphs + nglyphs * sizeof *glyphs);
	o_span = align_up(o_kash + nkash * sizeof *kash);
	o_key = o_span + nruns * sizeof(uint32_t);
	off = o_key + k->len;
	if ((base = malloc(off)) == NULL)
		return NULL;
	e = (struct entry *)base;
	e->h[0] = h[0];
	e->h[1] = h[1];
	e->bytes = off;
	e->lines = (struct layout_line *)(base + o_lines);
	e->nlines = n;
	runs = (struct layout_run *)(base + o_runs);
	glyphs = (struct layout_glyph *)(base + o_glyphs);
	kash = (struct layout_kashida *)(base + o_kash);
	e->span = (uint32_t *)(base + o_span);
	e->key = base + o_key;
	e->keylen = k->len;
	memcpy(e->key, k->data, k->len);
	for (i = 0; i < n; i++) {
		struct layout_line *l = &e->lines[i];

		*l = lines[i];
		l->text = NULL;
		l->runs = runs + ri;
		for (r = 0; r < lines[i].nruns; r++, ri++) {
			const struct layout_run *src = &lines[i].runs[r];
			const struct layout_style *st = src->style;

			runs[ri] = *src;
			runs[ri].style = NULL;
			runs[ri].glyphs = glyphs + gi;
			if (src->nglyphs > 0)
				memcpy(glyphs + gi, src->glyphs,
				    src->nglyphs * sizeof *glyphs);
			gi += src->nglyphs;
			if (st == NULL) {
				e->span[ri] = NO_SPAN;
				continue;
			}
			/* The style must be a span's, found by address. */
			e->span[ri] = NO_SPAN;
			for (sp = 0; sp < p->nspans; sp++)
				if (&p->spans[sp].style == st) {
					e->span[ri] = (uint32_t)sp;
					break;
				}
			if (e->span[ri] == NO_SPAN) {
				free(base);
				return NULL;
			}
		}
		l->kashidas = NULL;
		if (lines[i].nkashidas > 0) {
			l->kashidas = kash + ki;
			memcpy(kash + ki, lines[i].kashidas,
			    lines[i].nkashidas * sizeof *kash);
			ki += lines[i].nkashidas;
		}
	}
	return e;
}

/* e's lines, copied into a for the paragraph p. */
static struct layout_line *
entry_lines(const struct entry *e, struct arena *a, const struct layout_par *p)
{
	struct layout_line *out = arena_array(a, e->nlines + 1, sizeof *out);
	size_t i, r, ri = 0;

	for (i = 0; i < e->nlines; i++) {
		const struct layout_line *src = &e->lines[i];
		struct layout_line *l = &out[i];
		struct layout_glyph *g;
		size_t ng = 0;

		*l = *src;
		l->text = p->text;
		l->runs = arena_array(a, src->nruns + 1, sizeof *l->runs);
		for (r = 0; r < src->nruns; r++)
			ng += src->runs[r].nglyphs;
		g = arena_array(a, ng + 1, sizeof *g);
		for (r = 0; r < src->nruns; r++, ri++) {
			struct layout_run *run = &l->runs[r];

			*run = src->runs[r];
			run->style = e->span[ri] == NO_SPAN ? NULL :
			    &p->spans[e->span[ri]].style;
			run->glyphs = g;
			if (run->nglyphs > 0)
				memcpy(g, src->runs[r].glyphs,
				    run->nglyphs * sizeof *g);
			g += run->nglyphs;
		}
		if (src->nkashidas > 0) {
			l->kashidas = arena_array(a, src->nkashidas, sizeof *l->kashidas);
			memcpy(l->kashidas, src->kashidas,
			    src->nkashidas * sizeof *l->kashidas);
		}
	}
	return out;
}

int
layout_cache_paragraph(struct layout_cache *c, struct arena *a,
    struct shaper *s, const struct fonts *fs, const struct layout_par *p,
    struct layout_line **lines, size_t *nlines)
{
	struct buf k = BUF_INIT;
	struct entry *e;
	uint64_t h[2];

	if (c == NULL)
		return layout_paragraph(a, s, fs, p, lines, nlines);
	if (c->fs != fs) {
		/* Font pointers of other fonts: nothing held is usable. */
		clear(c);
		c->fs = fs;
	}
	make_key(&k, p);
	reuse_hash(k.data, k.len, h);
	if ((e = find(c, h, &k)) != NULL) {
		buf_release(&k);
		e->gen = c->gen;
		c->counts.hits++;
		*lines = entry_lines(e, a, p);
		*nlines = e->nlines;
		return 0;
	}
	c->counts.misses++;
	if (layout_paragraph(a, s, fs, p, lines, nlines) != 0) {
		buf_release(&k);
		return -1;
	}
	if (c->bytes < c->max_bytes && reserve(c) == 0 &&
	    (e = entry_new(p, &k, h, *lines, *nlines)) != NULL) {
		e->gen = c->gen;
		place(c->slots, c->cap, e);
		c->n++;
		c->bytes += e->bytes;
	}
	buf_release(&k);
	return 0;
}

void
layout_cache_sweep(struct layout_cache *c)
{
	struct entry **old;
	size_t cap, i;

	if (c == NULL || c->cap == 0) {
		if (c != NULL)
			c->gen++;
		return;
	}
	/* Entries cannot just be emptied out of an open-addressed table:
	 * place the survivors again. */
	old = c->slots;
	cap = c->cap;
	if ((c->slots = calloc(cap, sizeof *c->slots)) == NULL) {
		c->slots = old;
		c->gen++;
		return;		/* keeping everything is still correct */
	}
	c->n = 0;
	c->bytes = 0;
	for (i = 0; i < cap; i++) {
		struct entry *e = old[i];

		if (e == NULL)
			continue;
		if (e->gen != c->gen) {
			free(e);
			continue;
		}
		place(c->slots, cap, e);
		c->n++;
		c->bytes += e->bytes;
	}
	free(old);
	c->gen++;
}

struct layout_cache_counts
layout_cache_counts(const struct layout_cache *c)
{
	struct layout_cache_counts k = { 0, 0, 0, 0 };

	if (c == NULL)
		return k;
	k = c->counts;
	k.entries = c->n;
	k.bytes = c->bytes;
	return k;
}
