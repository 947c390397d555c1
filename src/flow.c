/* flow.c - Markdown AST -> blocks of styled paragraphs for the booklet. */
#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"
#include "chart.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "flow.h"
#include "font.h"
#include "image.h"
#include "stats.h"

/* Lists and quotes nested deeper than this, counted together, are set as if
 * they were this deep: each level takes from the measure, and at a depth
 * of a few dozen no word would fit on the line. */
#define MAX_DEPTH	8

/* Where the walk is while collecting one paragraph's text. */
struct walk {
	struct arena *a;
	struct flow *f;
	const struct doc *doc;
	struct diags *d;
	struct buf text;		/* the paragraph being collected */
	struct layout_span *spans;	/* its spans, grown in the arena */
	size_t nspans, capspans;
	int strong, emph;		/* nesting counts */
	const char *uri;		/* inside an allowed link */
	int heading;			/* inside a heading of this level */
	int list_depth, quote_depth;
	int warned_depth;		/* said once that nesting is capped */
	int ordered[MAX_DEPTH];		/* per list level: ordered? */
	int number[MAX_DEPTH];		/* per list level: next item number */
	const char *marker;		/* marker for the next paragraph */
	int tight;			/* inside a tight list */
	int in_image;			/* collecting an image's alt text */
	struct buf alt;			/* that text */
	struct pending_image {
		const char *url;
		const char *alt;
		struct pos at;
	} *images;			/* images met inside the paragraph, set
					 * after it */
	size_t nimages, capimages;
};

static const double heading_scale[7] = { 1, 1.7, 1.3, 1.12, 1.0, 1.0, 1.0 };

void
flow_init(struct flow *f, double size_pt, double line_height, int digits_persian)
{
	memset(f, 0, sizeof *f);
	f->size_pt = size_pt;
	f->line_height = line_height;
	f->digits_persian = digits_persian;
}

struct flow_block *
flow_add(struct arena *a, struct flow *f, enum flow_kind k)
{
	struct flow_block *b;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;

		f->v = arena_grow(a, f->v, f->n, cap, sizeof *f->v);
		f->cap = cap;
	}
	b = &f->v[f->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	b->par.size_pt = f->size_pt;
	b->par.align = LAYOUT_JUSTIFY;
	b->par.greedy = f->greedy;
	b->par.kashida = f->kashida;
	b->line_height = f->line_height;
	return b;
}

const char *
flow_dest(struct arena *a, struct flow *f)
{
	return arena_printf(a, "d-%d", ++f->ndest);
}

static unsigned
fa_flags(const struct flow *f)
{
	return FA_LETTERS | (f->digits_persian ? FA_DIGITS : 0);
}

struct flow_block *
flow_text(struct arena *a, struct flow *f, const char *text,
    enum font_style font, uint32_t rgb, double size_pt, enum layout_align align)
{
	struct flow_block *b = flow_add(a, f, FLOW_PARA);
	size_t len;

	b->par.text = fa_normalize(a, text, strlen(text), fa_flags(f), &len);
	b->par.len = len;
	b->spans = arena_alloc(a, sizeof *b->spans);
	b->spans[0].start = 0;
	b->spans[0].end = len;
	b->spans[0].style.font = font;
	b->spans[0].style.rgb = rgb;
	b->par.spans = b->spans;
	b->par.nspans = 1;
	b->par.size_pt = size_pt;
	b->par.align = align;
	return b;
}

struct flow_block *
flow_image(struct arena *a, struct flow *f, const char *relpath,
    const char *caption, struct pos at, struct diags *d)
{
	struct flow_block *b;
	struct image *im = arena_alloc(a, sizeof *im);
	size_t len;

	if (f->content_dir == NULL ||
	    (f->measure_only ? image_check : image_load)(a, f->content_dir,
	    relpath, im, d, at) != 0)
		return NULL;
	if (f->nimages == f->capimages) {
		size_t cap = f->capimages ? f->capimages * 2 : 8;

		f->images = arena_grow(a, f->images, f->nimages, cap, sizeof *f->images);
		f->capimages = cap;
	}
	f->images[f->nimages++] = im;
	b = flow_add(a, f, FLOW_IMAGE);
	b->image = im;
	b->tag = "Caption";
	b->file = at.file;
	b->line = at.line;
	b->par.text = fa_normalize(a, caption ? caption : "",
	    caption ? strlen(caption) : 0, fa_flags(f), &len);
	b->par.len = len;
	b->spans = arena_alloc(a, sizeof *b->spans);
	b->spans[0].end = len;
	b->spans[0].style.font = FONT_MEDIUM;
	b->spans[0].style.rgb = FLOW_MUTED;
	b->par.spans = b->spans;
	b->par.nspans = 1;
	b->par.size_pt = f->size_pt * 0.85;
	b->par.align = LAYOUT_CENTER;
	b->line_height = 1.5;
	b->space_before_pt = f->size_pt * 0.6;
	b->space_after_pt = f->size_pt;
	return b;
}

void
flow_release(struct flow *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nimages; i++)
		image_release(f->images[i]);
	f->nimages = 0;
}

/* Warns, once per character and build, about characters in s (the literal
 * of text node n) that neither the style's face nor any installed font has:
 * they would print as empty boxes. */
static void
check_glyphs(struct walk *w, cmark_node *n, const char *s, size_t len,
    enum font_style st)
{
	struct flow *f = w->f;
	struct pos at;
	uint32_t c;
	size_t i = 0, k, at_byte;

	if (f->fonts == NULL || n == NULL)
		return;
	while (i < len) {
		at_byte = i;
		c = bidi_utf8_next(s, len, &i);
		if (font_for(f->fonts, st, c) != NULL)
			continue;
		for (k = 0; k < f->nwarned && f->warned[k] != c; k++)
			;
		if (k < f->nwarned)
			continue;
		if (f->nwarned == f->capwarned) {
			size_t cap = f->capwarned ? f->capwarned * 2 : 8;

			f->warned = arena_grow(w->a, f->warned, f->nwarned, cap,
			    sizeof *f->warned);
			f->capwarned = cap;
		}
		f->warned[f->nwarned++] = c;
		at.file = w->doc->path;
		at.line = w->doc->body_line + cmark_node_get_start_line(n) - 1;
		at.col = content_body_col(w->doc, cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n) + (int)at_byte);
		diag_warn(w->d, at, "no installed font has the character U+%04X, "
		    "so it would print as an empty box — install a font that has "
		    "it (fontconfig finds it) or write the text without it",
		    (unsigned)c);
	}
}

/* Appends s (from text node n, or NULL) to the paragraph in the current
 * style. */
static void
append(struct walk *w, cmark_node *n, const char *s, size_t len, int code)
{
	struct layout_style st;
	struct layout_span *last;
	size_t start = w->text.len;

	if (len == 0)
		return;
	if (w->in_image) {
		buf_put(&w->alt, s, len);
		return;
	}
	if (code) {
		buf_put(&w->text, s, len);
	} else {
		size_t tlen;
		char *t = fa_normalize(w->a, s, len, fa_flags(w->f), &tlen);

		buf_put(&w->text, t, tlen);
	}
	st.font = code ? FONT_MONO : w->strong || w->heading ? FONT_BOLD :
	    w->emph ? FONT_MEDIUM : FONT_REGULAR;
	st.code = code;
	check_glyphs(w, n, s, len, st.font);
	st.rgb = w->uri ? FLOW_LINK : (w->emph || w->heading) ? FLOW_ACCENT :
	    FLOW_INK;
	st.uri = w->uri;
	last = w->nspans ? &w->spans[w->nspans - 1] : NULL;
	if (last && last->style.font == st.font && last->style.rgb == st.rgb &&
	    last->style.uri == st.uri && last->style.code == st.code) {
		last->end = w->text.len;
		return;
	}
	if (w->nspans == w->capspans) {
		size_t cap = w->capspans ? w->capspans * 2 : 8;

		w->spans = arena_grow(w->a, w->spans, w->nspans, cap, sizeof *w->spans);
		w->capspans = cap;
	}
	w->spans[w->nspans].start = start;
	w->spans[w->nspans].end = w->text.len;
	w->spans[w->nspans].style = st;
	w->nspans++;
}

/* Turns the collected text into a block; empty paragraphs make none. */
static struct flow_block *
finish_par(struct walk *w)
{
	struct flow_block *b;
	double size = w->f->size_pt;
	int quotes, lists;

	/* Leading and trailing whitespace would only widen the line. */
	while (w->text.len > 0 && w->text.data[w->text.len - 1] == ' ')
		buf_truncate(&w->text, w->text.len - 1);
	if (w->text.len == 0) {
		w->nspans = 0;
		return NULL;
	}
	if (w->nspans > 0)
		w->spans[w->nspans - 1].end = w->text.len;
	b = flow_add(w->a, w->f, FLOW_PARA);
	b->par.text = arena_strndup(w->a, w->text.data, w->text.len);
	b->par.len = w->text.len;
	b->spans = w->spans;
	b->par.spans = w->spans;
	b->par.nspans = w->nspans;
	/* Quotes first: their bar marks each level; lists get what is left. */
	quotes = w->quote_depth > MAX_DEPTH ? MAX_DEPTH : w->quote_depth;
	lists = w->list_depth > MAX_DEPTH - quotes ? MAX_DEPTH - quotes :
	    w->list_depth;
	b->quote_depth = quotes;
	b->indent_start_pt = lists * 1.6 * size + quotes * 1.4 * size;
	b->indent_end_pt = quotes * 1.4 * size;
	b->space_after_pt = w->tight && w->list_depth ? 0.15 * size : 0.55 * size;
	b->marker = w->marker;
	w->marker = NULL;
	/* A quote or a list item reads as one piece: keep it on one page
	 * when it fits there. */
	b->keep_together = w->quote_depth > 0 || w->list_depth > 0;
	if (w->heading) {
		b->heading = w->heading;
		b->par.size_pt = size * heading_scale[w->heading > 6 ? 6 : w->heading];
		b->par.align = LAYOUT_START;
		b->line_height = 1.45;
		b->space_before_pt = 1.1 * size;
		b->space_after_pt = 0.45 * size;
		b->keep_with_next = 1;
		b->dest = flow_dest(w->a, w->f);
		b->tag = arena_printf(w->a, "H%d", w->heading > 6 ? 6 : w->heading);
		b->keep_together = 0;
	}
	buf_truncate(&w->text, 0);
	w->spans = NULL;
	w->nspans = w->capspans = 0;
	return b;
}

/* Records where b came from, so that later stages can point at the file. */
static void
mark_source(struct walk *w, struct flow_block *b, cmark_node *n)
{
	if (b == NULL)
		return;
	b->file = w->doc->path;
	b->line = w->doc->body_line + cmark_node_get_start_line(n) - 1;
}

static const char *
list_marker(struct walk *w)
{
	int lvl = w->list_depth > MAX_DEPTH ? MAX_DEPTH : w->list_depth;
	char num[32];
	size_t n;

	if (lvl <= 0)
		return NULL;
	if (!w->ordered[lvl - 1])
		return lvl % 2 ? "•" : "◦";
	snprintf(num, sizeof num, "%d.", w->number[lvl - 1]++);
	return fa_normalize(w->a, num, strlen(num), fa_flags(w->f), &n);
}

/* A link's target: kept when its scheme is allowed; a link to another
 * Markdown file of the project is read as plain text in print; anything
 * else (javascript:, file:) is dropped with a warning. */
static const char *
link_target(struct walk *w, cmark_node *n)
{
	const char *u = cmark_node_get_url(n);

	if (u == NULL || *u == '\0')
		return NULL;
	if (content_link_check(u, content_node_pos(w->doc, n), w->d) ==
	    CONTENT_LINK_WEB)
		return arena_strdup(w->a, u);
	return NULL;
}

static void
stats_caption(struct walk *w, cmark_node *n)
{
	/* Statistics are drawn by a later stage; until then the block shows its
	 * title so the reader sees what belongs here, never raw YAML. */
	const char *lit = cmark_node_get_literal(n), *p, *e;
	struct flow_block *b;

	if (lit == NULL)
		return;
	for (p = lit; *p; p = e + (*e == '\n')) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (strncmp(p, "title:", 6) == 0) {
			const char *t = p + 6;

			while (*t == ' ')
				t++;
			b = flow_text(w->a, w->f, arena_strndup(w->a, t, (size_t)(e - t)),
			    FONT_MEDIUM, FLOW_MUTED, w->f->size_pt * 0.92, LAYOUT_CENTER);
			b->space_before_pt = 0.4 * w->f->size_pt;
			b->space_after_pt = 0.8 * w->f->size_pt;
			b->quote_depth = 1;
			b->indent_start_pt = b->indent_end_pt = 1.4 * w->f->size_pt;
		}
	}
}

/* A small centred line in the muted colour: chart titles, sources. */
static struct flow_block *
note(struct walk *w, const char *text, enum font_style font, double scale)
{
	struct flow_block *b = flow_text(w->a, w->f, text, font, FLOW_MUTED,
	    w->f->size_pt * scale, LAYOUT_CENTER);

	b->tag = "Caption";
	b->keep_together = 1;
	b->space_after_pt = 0.4 * w->f->size_pt;
	return b;
}

/*
 * A ```stats block: its query runs against the project's statistics and
 * the result becomes a chart or a table, with its title above and its
 * caption and source below.  Errors (a bad query, an unknown key) are
 * recorded at the block's lines and leave the chart out.
 */
static void
stats_chart(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	struct stats_block *sb = arena_alloc(w->a, sizeof *sb);
	struct chart *c = arena_alloc(w->a, sizeof *c);
	struct flow_block *b;
	struct pos at;

	if (lit == NULL)
		return;
	/* The fence is the node's first line; its body starts on the next. */
	at.file = w->doc->path;
	at.line = w->doc->body_line + cmark_node_get_start_line(n);
	at.col = 1;
	if (stats_block(w->a, w->f->stats, lit, strlen(lit), at, sb, w->d) != 0 ||
	    chart_model(w->a, sb, w->f->digits_persian ? CHART_PERSIAN : 0, c,
	    w->d) != 0)
		return;
	if (c->flags & CHART_FOLDED)
		diag_warn(w->d, sb->at, "%zu categories are too many for a readable chart: the smallest %zu are shown together as «سایر» — use 'chart: table' to list them all",
		    c->nitems - 1 + c->nfolded, c->nfolded);
	if (c->title != NULL) {
		b = note(w, c->title, FONT_BOLD, 0.95);
		b->space_before_pt = 0.6 * w->f->size_pt;
		b->keep_with_next = 1;
	}
	b = flow_add(w->a, w->f, FLOW_CHART);
	b->chart = c;
	b->tag = c->kind == CHART_TABLE ? "Table" : "Figure";
	b->file = at.file;
	b->line = at.line;
	b->space_after_pt = 0.5 * w->f->size_pt;
	if (c->caption != NULL)
		note(w, c->caption, FONT_REGULAR, 0.85);
	if (c->source != NULL)
		note(w, arena_printf(w->a, "منبع: %s", c->source), FONT_REGULAR, 0.8);
	w->f->v[w->f->n - 1].space_after_pt = 0.9 * w->f->size_pt;
}

static void
code_block(struct walk *w, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *lit = cmark_node_get_literal(n);
	struct flow_block *b;
	size_t len;

	if (info != NULL && strncmp(info, "stats", 5) == 0 &&
	    (info[5] == '\0' || info[5] == ' ')) {
		if (w->f->stats != NULL)
			stats_chart(w, n);
		else
			stats_caption(w, n);
		return;
	}
	if (lit == NULL)
		return;
	len = strlen(lit);
	while (len > 0 && lit[len - 1] == '\n')
		len--;
	b = flow_add(w->a, w->f, FLOW_PARA);
	b->par.text = arena_strndup(w->a, lit, len);
	b->par.len = len;
	b->spans = arena_alloc(w->a, sizeof *b->spans);
	b->spans[0].end = len;
	b->spans[0].style.font = FONT_MONO;
	b->spans[0].style.rgb = FLOW_INK;
	b->spans[0].style.code = 1;
	b->par.spans = b->spans;
	b->par.nspans = 1;
	b->par.align = LAYOUT_START;
	b->par.dir = -1;
	b->par.size_pt = w->f->size_pt * 0.9;
	b->indent_start_pt = b->indent_end_pt = 1.4 * w->f->size_pt;
	b->space_after_pt = 0.55 * w->f->size_pt;
}

/* An image in the text stands on its own after its paragraph, captioned
 * with its alt text; remember it until the paragraph is set. */
static void
queue_image(struct walk *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	struct pending_image *p;

	if (url == NULL || *url == '\0')
		return;
	if (w->nimages == w->capimages) {
		size_t cap = w->capimages ? w->capimages * 2 : 4;

		w->images = arena_grow(w->a, w->images, w->nimages, cap, sizeof *w->images);
		w->capimages = cap;
	}
	p = &w->images[w->nimages++];
	p->url = arena_strdup(w->a, url);
	p->alt = arena_strndup(w->a, w->alt.data ? w->alt.data : "", w->alt.len);
	p->at.file = w->doc->path;
	p->at.line = w->doc->body_line + cmark_node_get_start_line(n) - 1;
	p->at.col = content_body_col(w->doc, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n));
}

static void
set_images(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nimages; i++)
		flow_image(w->a, w->f, w->images[i].url, w->images[i].alt,
		    w->images[i].at, w->d);
	w->nimages = 0;
}

/* Says once per document where lists and quotes first nest deeper than
 * MAX_DEPTH, since the booklet then sets them shallower than written. */
static void
check_depth(struct walk *w, cmark_node *n)
{
	struct pos at;

	if (w->warned_depth || w->list_depth + w->quote_depth <= MAX_DEPTH)
		return;
	w->warned_depth = 1;
	at.file = w->doc->path;
	at.line = w->doc->body_line + cmark_node_get_start_line(n) - 1;
	at.col = content_body_col(w->doc, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n));
	diag_warn(w->d, at, "lists and quotes nest more than %d deep from "
	    "here: the booklet sets them as if %d deep — nest them less, or "
	    "make the inner levels plain paragraphs", MAX_DEPTH, MAX_DEPTH);
}

static void
enter(struct walk *w, cmark_node *n)
{
	int lvl;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		w->quote_depth++;
		check_depth(w, n);
		break;
	case CMARK_NODE_LIST:
		w->list_depth++;
		check_depth(w, n);
		lvl = w->list_depth > MAX_DEPTH ? MAX_DEPTH : w->list_depth;
		w->ordered[lvl - 1] = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		w->number[lvl - 1] = cmark_node_get_list_start(n);
		w->tight = cmark_node_get_list_tight(n);
		break;
	case CMARK_NODE_ITEM:
		w->marker = list_marker(w);
		break;
	case CMARK_NODE_HEADING:
		w->heading = cmark_node_get_heading_level(n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(w, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		flow_add(w->a, w->f, FLOW_RULE)->space_after_pt = w->f->size_pt;
		break;
	case CMARK_NODE_TEXT:
		append(w, n, cmark_node_get_literal(n), strlen(cmark_node_get_literal(n)), 0);
		break;
	case CMARK_NODE_CODE:
		append(w, n, cmark_node_get_literal(n), strlen(cmark_node_get_literal(n)), 1);
		break;
	case CMARK_NODE_SOFTBREAK:
		append(w, NULL, " ", 1, 0);
		break;
	case CMARK_NODE_LINEBREAK:
		append(w, NULL, "\n", 1, 0);
		break;
	case CMARK_NODE_STRONG:
		w->strong++;
		break;
	case CMARK_NODE_EMPH:
		w->emph++;
		break;
	case CMARK_NODE_LINK:
		w->uri = link_target(w, n);
		break;
	case CMARK_NODE_IMAGE:
		w->in_image++;
		buf_truncate(&w->alt, 0);
		break;
	default:
		/* HTML blocks and inlines are dropped: an editor's comment in a
		 * draft must never reach print (TYPESETTING.md T14). */
		break;
	}
}

static void
leave(struct walk *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		w->quote_depth--;
		break;
	case CMARK_NODE_LIST:
		w->list_depth--;
		if (w->f->n > 0 && w->f->v[w->f->n - 1].kind == FLOW_PARA)
			w->f->v[w->f->n - 1].space_after_pt = 0.55 * w->f->size_pt;
		break;
	case CMARK_NODE_PARAGRAPH:
		mark_source(w, finish_par(w), n);
		set_images(w);
		break;
	case CMARK_NODE_HEADING:
		mark_source(w, finish_par(w), n);
		w->heading = 0;
		break;
	case CMARK_NODE_STRONG:
		w->strong--;
		break;
	case CMARK_NODE_EMPH:
		w->emph--;
		break;
	case CMARK_NODE_LINK:
		w->uri = NULL;
		break;
	case CMARK_NODE_IMAGE:
		w->in_image--;
		queue_image(w, n);
		break;
	default:
		break;
	}
}

int
flow_doc(struct arena *a, struct flow *f, const struct doc *doc, struct diags *d)
{
	struct walk w;
	cmark_iter *it;
	cmark_event_type ev;

	memset(&w, 0, sizeof w);
	w.a = a;
	w.f = f;
	w.doc = doc;
	w.d = d;
	it = cmark_iter_new(doc->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER)
			enter(&w, n);
		else if (ev == CMARK_EVENT_EXIT)
			leave(&w, n);
	}
	cmark_iter_free(it);
	set_images(&w);
	buf_release(&w.text);
	buf_release(&w.alt);
	return 0;
}
