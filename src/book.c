/* book.c - cover, title page, front pages, contents and chapters, paginated. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "book.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "flow.h"
#include "layout.h"
#include "page.h"
#include "progress.h"

/* The cover's colours on the accent background. */
#define COVER_TITLE	0xFFFFFFu
#define COVER_TEXT	0xF1E4EDu

/* A line of the table of contents. */
struct toc_entry {
	const char *title;
	const char *dest;	/* the heading it links to */
	int level;		/* 0 chapter, 1 story */
};

struct book {
	struct arena *a;
	const struct book_input *in;
	struct book_result *res;
	struct diags *d;
	struct toc_entry *toc;
	size_t ntoc, captoc;
	/* book_check(): each story's lines are checked as soon as it is
	 * flowed, in this geometry; NULL when book_set() sets pages. */
	const struct page_geom *check;
	struct shaper *s;
	const struct fonts *fs;
	int check_rc;			/* -1 once shaping failed */
	size_t npublish;		/* stories to publish, for progress */
};

static void
toc_add(struct book *b, const char *title, const char *dest, int level)
{
	if (b->ntoc == b->captoc) {
		size_t cap = b->captoc ? b->captoc * 2 : 32;

		b->toc = arena_grow(b->a, b->toc, b->ntoc, cap, sizeof *b->toc);
		b->captoc = cap;
	}
	b->toc[b->ntoc].title = title;
	b->toc[b->ntoc].dest = dest;
	b->toc[b->ntoc].level = level;
	b->ntoc++;
}

/* Oldest first; the file name breaks ties so the order never depends on
 * the order the files were read in. */
static int
story_cmp(const struct doc *x, const struct doc *y)
{
	int c = fa_date_cmp(x->date, y->date);

	return c != 0 ? c : strcmp(x->slug, y->slug);
}

static int
in_order(const struct config_chapter *c, const char *program)
{
	size_t i;

	for (i = 0; i < c->norder; i++)
		if (strcmp(c->order[i], program) == 0)
			return 1;
	return 0;
}

/* Published stories of one program, in the chapter's sort order. */
static size_t
group(struct book *b, const struct config_chapter *c, const char *program,
    struct doc **out)
{
	struct doc *const *st = b->in->stories;
	size_t i, j, n = 0;
	struct doc *t;
	int by_title = c->sort != NULL && strcmp(c->sort, "title") == 0;

	for (i = 0; st[i] != NULL; i++)
		if (st[i]->excluded == DOC_PUBLISHED && strcmp(st[i]->program, program) == 0)
			out[n++] = st[i];
	for (i = 1; i < n; i++) {
		t = out[i];
		for (j = i; j > 0 && (by_title ? strcmp(out[j - 1]->title, t->title) > 0 :
		    story_cmp(out[j - 1], t) > 0); j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return n;
}

/* A heading that opens a page and anchors a bookmark. */
static struct flow_block *
opening(struct book *b, struct flow *f, const char *title, int level,
    double scale)
{
	struct flow_block *x;

	x = flow_text(b->a, f, title, FONT_BOLD, FLOW_ACCENT, f->size_pt * scale,
	    LAYOUT_START);
	x->line_height = 1.4;
	x->keep_with_next = 1;
	x->heading = 1;
	x->tag = "H1";
	x->dest = flow_dest(b->a, f);
	x->outline = title;
	x->outline_level = level;
	x->space_after_pt = f->size_pt * 0.4;
	return x;
}

/* A failed page_set_book() was a signal asking to stop (page.c has said
 * so), not a lack of memory. */
static int
stopped(const struct book_input *in)
{
	return in->stop != NULL && *in->stop;
}

static void
story(struct book *b, struct flow *f, struct doc *s)
{
	struct flow_block *x;
	const char *meta;
	size_t first = f->n;

	/* A story opens on a fresh page whose top its title takes. */
	flow_add(b->a, f, FLOW_PAGE)->no_head = 1;
	x = opening(b, f, s->title, 1, 1.75);
	toc_add(b, x->par.text, x->dest, 1);
	meta = arena_printf(b->a, "%s  ·  %s  ·  %s  ·  %s", s->pseudonym,
	    s->district, s->program, fa_date_text(b->a, s->date,
	    b->in->cfg->digits_persian));
	x = flow_text(b->a, f, meta, FONT_MEDIUM, FLOW_MUTED, f->size_pt * 0.88,
	    LAYOUT_START);
	x->space_after_pt = f->size_pt * 1.4;
	if (s->photo != NULL) {
		struct pos at = { s->path, s->photo_line, s->photo_col };

		flow_image(b->a, f, s->photo, s->photo_alt, at, b->d);
	}
	flow_doc(b->a, f, s, b->d);
	b->res->published[b->res->npublished++] = s;
	progress_count(b->in->progress, PROGRESS_STORIES, b->res->npublished,
	    b->npublish);
	/* Between two stories is book_check()'s safe place to stop. */
	if (b->check != NULL && !stopped(b->in) && page_check_lines(b->s,
	    b->fs, f, first, f->n, b->check, b->d) != 0)
		b->check_rc = -1;
}

/* A chapter's title page, on an odd page (a recto); it names the chapter in the
 * running heads of the pages that follow. */
static void
chapter_page(struct book *b, struct flow *f, const char *title)
{
	struct flow_block *x;

	x = flow_add(b->a, f, FLOW_PAGE);
	x->vcenter = 1;
	x->no_folio = 1;
	x->odd = 1;
	x->chapter = title;
	x = flow_text(b->a, f, title, FONT_BOLD, FLOW_ACCENT, f->size_pt * 2.2,
	    LAYOUT_CENTER);
	x->tag = "H1";
	x->dest = flow_dest(b->a, f);
	x->outline = title;
	x->space_after_pt = f->size_pt;
	toc_add(b, x->par.text, x->dest, 0);
	flow_add(b->a, f, FLOW_RULE);
}

static void
program_chapter(struct book *b, struct flow *f, const struct config_chapter *c,
    const char *program, struct doc **g)
{
	size_t j, n = group(b, c, program, g);

	if (n == 0)
		return;
	chapter_page(b, f, program);
	for (j = 0; j < n; j++)
		story(b, f, g[j]);
}

static void
stories_chapters(struct book *b, struct flow *f, const struct config_chapter *c)
{
	struct doc *const *st = b->in->stories;
	struct doc **g;
	size_t i, j, n = 0;

	for (i = 0; st[i] != NULL; i++)
		n++;
	g = arena_array(b->a, n + 1, sizeof *g);
	for (i = 0; i < c->norder; i++)
		program_chapter(b, f, c, c->order[i], g);
	/* A program the configuration does not list still gets its chapter,
	 * after the listed ones, and the editor hears about it once. */
	for (i = 0; st[i] != NULL; i++) {
		struct pos at = { st[i]->path, 0, 0 };

		if (st[i]->excluded != DOC_PUBLISHED || in_order(c, st[i]->program))
			continue;
		for (j = 0; j < i; j++)
			if (st[j]->excluded == DOC_PUBLISHED &&
			    strcmp(st[j]->program, st[i]->program) == 0)
				break;
		if (j < i)
			continue;
		diag_warn(b->d, at, "program '%s' is not in the chapter order of booklet.yaml — add it there to choose its place",
		    st[i]->program);
		program_chapter(b, f, c, st[i]->program, g);
	}
}

/* The cover: the accent colour to the edges, the spine's band on the right
 * (the book binds on the right), title, subtitle, organisation and year. */
static void
cover(struct book *b, struct flow *f)
{
	const struct config *c = b->in->cfg;
	struct flow_block *x;
	char year[16];

	x = flow_add(b->a, f, FLOW_PAGE);
	x->cover = 1;
	x->no_folio = 1;
	x->vcenter = 1;
	x = flow_text(b->a, f, c->title ? c->title : "", FONT_BOLD, COVER_TITLE,
	    f->size_pt * 2.6, LAYOUT_CENTER);
	x->line_height = 1.35;
	x->tag = "H1";
	x->space_after_pt = f->size_pt * 1.2;
	if (c->subtitle) {
		x = flow_text(b->a, f, c->subtitle, FONT_MEDIUM, COVER_TEXT,
		    f->size_pt * 1.35, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * (c->cover_image ? 2 : 8);
	}
	if (c->cover_image) {
		struct pos at = { "booklet.yaml", c->cover_image_line, 1 };

		if ((x = flow_image(b->a, f, c->cover_image, NULL, at, b->d)) != NULL)
			x->space_after_pt = f->size_pt * 2;
	}
	if (c->organization) {
		x = flow_text(b->a, f, c->organization, FONT_REGULAR, COVER_TEXT,
		    f->size_pt, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * 0.6;
	}
	if (c->year > 0) {
		snprintf(year, sizeof year, "%d", c->year);
		flow_text(b->a, f, year, FONT_BOLD, COVER_TEXT, f->size_pt * 1.2,
		    LAYOUT_CENTER);
	}
}

static void
title_page(struct book *b, struct flow *f)
{
	const struct config *c = b->in->cfg;
	struct flow_block *x;
	char year[16];

	x = flow_add(b->a, f, FLOW_PAGE);
	x->no_folio = 1;
	x->vcenter = 1;
	x->odd = 1;
	x = flow_text(b->a, f, c->title ? c->title : "", FONT_BOLD, FLOW_ACCENT,
	    f->size_pt * 2.3, LAYOUT_CENTER);
	x->line_height = 1.35;
	x->tag = "H1";
	x->space_after_pt = f->size_pt;
	x->dest = flow_dest(b->a, f);
	x->outline = c->title;
	if (c->subtitle) {
		x = flow_text(b->a, f, c->subtitle, FONT_MEDIUM, FLOW_INK,
		    f->size_pt * 1.3, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * 5;
	}
	flow_add(b->a, f, FLOW_RULE)->space_after_pt = f->size_pt * 2;
	if (c->organization) {
		x = flow_text(b->a, f, c->organization, FONT_REGULAR, FLOW_MUTED,
		    f->size_pt, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * 0.5;
	}
	if (c->year > 0) {
		snprintf(year, sizeof year, "%d", c->year);
		flow_text(b->a, f, year, FONT_MEDIUM, FLOW_MUTED, f->size_pt,
		    LAYOUT_CENTER);
	}
}

/* A page of booklet.yaml's chapter list (the preface), in the front matter. */
static void
front_page(struct book *b, struct flow *f, struct doc *p)
{
	struct flow_block *x;

	if (p == NULL)
		return;
	x = flow_add(b->a, f, FLOW_PAGE);
	x->odd = 1;
	x->no_head = 1;
	x->chapter = p->title;
	opening(b, f, p->title, 0, 1.9)->space_after_pt = f->size_pt * 1.2;
	flow_doc(b->a, f, p, b->d);
}

/* The table of contents: every chapter and story, its page in the body's
 * numbering, each line a link to its heading. */
static void
contents(struct book *b, struct flow *f, const struct page_book *body)
{
	static const char title[] = "فهرست";
	struct flow_block *x;
	size_t i;
	long p;

	x = flow_add(b->a, f, FLOW_PAGE);
	x->odd = 1;
	x->no_head = 1;
	x->chapter = title;
	opening(b, f, title, 0, 1.9)->space_after_pt = f->size_pt * 1.4;
	for (i = 0; i < b->ntoc; i++) {
		const struct toc_entry *e = &b->toc[i];

		p = page_find_dest(body, e->dest);
		x = flow_text(b->a, f, e->title, e->level ? FONT_REGULAR : FONT_BOLD,
		    e->level ? FLOW_INK : FLOW_ACCENT, f->size_pt * (e->level ? 1 : 1.05),
		    LAYOUT_START);
		x->spans[0].style.dest = e->dest;
		x->tag = "TOCI";
		x->trailer = p >= 0 ? body->pages[p].label : "";
		x->trailer_dest = e->dest;
		x->indent_start_pt = e->level ? f->size_pt * 1.5 : 0;
		/* Room for the page number and its leader at the end edge. */
		x->indent_end_pt = f->size_pt * 3.5;
		x->space_before_pt = e->level ? 0 : f->size_pt * 0.7;
		x->space_after_pt = f->size_pt * 0.2;
		x->keep_with_next = !e->level;
	}
}

static struct flow *
new_flow(struct book *b, struct flow *f)
{
	const struct config *c = b->in->cfg;

	flow_init(f, c->font_size_pt, c->line_height, c->digits_persian);
	f->measure_only = b->check != NULL;
	f->greedy = b->in->greedy;
	f->kashida = c->justify_kashida;
	f->content_dir = b->in->content_dir;
	f->stats = b->in->stats;
	return f;
}

void
book_release(struct book_result *res)
{
	if (res == NULL)
		return;
	flow_release(&res->front);
	flow_release(&res->body);
}

/* Puts front and body into out, one after the other, numbering pages
 * physically; front must have an even number of pages so that the body's
 * odd pages stay odd. */
static void
join(struct arena *a, const struct page_book *front,
    const struct page_book *body, struct page_book *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	out->geom = body->geom;
	out->n = out->cap = front->n + body->n;
	out->pages = arena_array(a, out->n + 1, sizeof *out->pages);
	memcpy(out->pages, front->pages, front->n * sizeof *out->pages);
	memcpy(out->pages + front->n, body->pages, body->n * sizeof *out->pages);
	for (i = 0; i < out->n; i++)
		out->pages[i].number = (int)i + 1;
	out->nmarks = out->capmarks = front->nmarks + body->nmarks;
	out->marks = arena_array(a, out->nmarks + 1, sizeof *out->marks);
	memcpy(out->marks, front->marks, front->nmarks * sizeof *out->marks);
	memcpy(out->marks + front->nmarks, body->marks,
	    body->nmarks * sizeof *out->marks);
}


/* The page geometry booklet.yaml asks for. */
static void
geometry(const struct config *c, struct page_geom *g)
{
	g->width_pt = c->page_width_mm * 72 / 25.4;
	g->height_pt = c->page_height_mm * 72 / 25.4;
	g->top_pt = c->margin_top_mm * 72 / 25.4;
	g->bottom_pt = c->margin_bottom_mm * 72 / 25.4;
	g->inner_pt = c->margin_inner_mm * 72 / 25.4;
	g->outer_pt = c->margin_outer_mm * 72 / 25.4;
}

/* Starts b for in; res gets room for every story. */
static void
start(struct book *b, struct arena *a, const struct book_input *in,
    struct book_result *res, struct diags *d)
{
	size_t i, n = 0;

	memset(b, 0, sizeof *b);
	memset(res, 0, sizeof *res);
	b->a = a;
	b->in = in;
	b->res = res;
	b->d = d;
	for (i = 0; in->stories[i] != NULL; i++) {
		n++;
		if (in->stories[i]->excluded == DOC_PUBLISHED)
			b->npublish++;
	}
	res->published = arena_array(a, n + 1, sizeof *res->published);
	res->npublished = 0;
}

/* The body's flow: one chapter per program, its stories in order. */
static void
body_flow(struct book *b, struct flow *bf, const struct fonts *fs)
{
	const struct config *c = b->in->cfg;
	size_t i;

	progress_stage(b->in->progress, PROGRESS_FLOW);
	new_flow(b, bf)->fonts = fs;
	for (i = 0; i < c->nchapters; i++)
		if (c->chapters[i].kind == CHAPTER_STORIES)
			stories_chapters(b, bf, &c->chapters[i]);
}

/* The front matter's flow, its contents paged by body. */
static void
front_flow(struct book *b, struct flow *ff, const struct flow *bf,
    const struct fonts *fs, const struct page_book *body)
{
	const struct config *c = b->in->cfg;
	size_t i;

	progress_stage(b->in->progress, PROGRESS_FLOW);
	new_flow(b, ff)->fonts = fs;
	/* Share the destination counter so names stay unique in the PDF. */
	ff->ndest = bf->ndest;
	cover(b, ff);
	title_page(b, ff);
	for (i = 0; i < c->nchapters; i++)
		if (c->chapters[i].kind == CHAPTER_PAGE)
			front_page(b, ff, b->in->pages[i]);
	contents(b, ff, body);
}

int
book_set(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct book_input *in, struct page_book *out,
    struct book_result *res, struct diags *d)
{
	const struct config *c = in->cfg;
	struct book b;
	struct flow *ff = &res->front, *bf = &res->body;
	struct page_book front, body;
	struct page_geom g;
	struct page_opts o;
	struct page *blank;

	start(&b, a, in, res, d);
	geometry(c, &g);
	memset(&o, 0, sizeof o);
	o.book_title = c->title;
	o.min_lines = c->keep_lines > 0 ? c->keep_lines : 2;
	o.first_folio = 1;
	o.stop = in->stop;
	o.progress = in->progress;
	o.lines = in->lines;

	/* The body first: the contents need its page numbers. */
	body_flow(&b, bf, fs);
	progress_stage(in->progress, PROGRESS_LAYOUT);
	memset(&body, 0, sizeof body);
	if (page_set_book(a, s, fs, bf, &g, &o, &body, d) != 0)
		return stopped(in) ? -1 : diag_error(d, (struct pos){ "", 0, 0 },
		    "out of memory while setting text");

	front_flow(&b, ff, bf, fs, &body);
	progress_stage(in->progress, PROGRESS_LAYOUT);
	memset(&front, 0, sizeof front);
	o.abjad = 1;
	if (page_set_book(a, s, fs, ff, &g, &o, &front, d) != 0)
		return stopped(in) ? -1 : diag_error(d, (struct pos){ "", 0, 0 },
		    "out of memory while setting text");
	if (front.n % 2 == 1) {
		/* The body opens on an odd page, as chapters do. */
		front.pages = arena_grow(a, front.pages, front.n, front.n + 1,
		    sizeof *front.pages);
		blank = &front.pages[front.n++];
		memset(blank, 0, sizeof *blank);
		blank->blank = 1;
		blank->width_pt = g.width_pt;
		blank->height_pt = g.height_pt;
		blank->label = fa_abjad(a, (int)front.n);
	}
	join(a, &front, &body, out);
	return 0;
}

int
book_check(struct arena *a, struct shaper *s, const struct fonts *fs,
    const struct book_input *in, struct book_result *res, struct diags *d)
{
	struct book b;
	struct page_book nobody;
	struct page_geom g;

	start(&b, a, in, res, d);
	geometry(in->cfg, &g);
	b.check = &g;
	b.s = s;
	b.fs = fs;
	/* Stories are checked one by one as they are flowed. */
	body_flow(&b, &res->body, fs);
	if (stopped(in))
		return diag_error(d, (struct pos){ "", 0, 0 },
		    "interrupted while checking the text");
	if (b.check_rc != 0)
		return diag_error(d, (struct pos){ "", 0, 0 },
		    "out of memory while checking text");
	/* No page is set, so the contents have no page numbers: they are
	 * made by daftar from titles already checked. */
	memset(&nobody, 0, sizeof nobody);
	front_flow(&b, &res->front, &res->body, fs, &nobody);
	if (page_check_lines(s, fs, &res->front, 0, res->front.n, &g, d) != 0)
		return diag_error(d, (struct pos){ "", 0, 0 },
		    "out of memory while checking text");
	return 0;
}
