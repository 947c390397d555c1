/* build.c - the pipeline: load, set the booklet, write the site. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "build.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "flow.h"
#include "font.h"
#include "layout.h"
#include "page.h"
#include "pdf.h"
#include "shape.h"
#include "site.h"

#define MM	(72.0 / 25.4)

/* Everything one build holds; freed in one place at the end. */
struct build {
	const struct build_opts *o;
	struct diags *d;
	struct arena a;
	struct config cfg;
	struct doc **stories;		/* NULL-terminated */
	struct doc **pages;		/* chapter pages, parallel to cfg.chapters */
	struct doc **site_pages;	/* parallel to cfg.site_pages */
	struct doc **published;		/* NULL-terminated, booklet order */
	size_t npublished;
};

static const char *
path_in(struct build *b, const char *dir, const char *rel)
{
	return arena_printf(&b->a, "%s/%s", dir, rel);
}

static struct doc *
load_page(struct build *b, const char *name)
{
	const char *rel = arena_printf(&b->a, "%s.md", name);

	return content_load(&b->a, b->o->content_dir, rel, DOC_PAGE, b->d);
}

static int
load(struct build *b)
{
	size_t i;

	if (config_load(&b->a, path_in(b, b->o->content_dir, "booklet.yaml"),
	    "booklet.yaml", &b->cfg, b->d) != 0)
		return -1;
	b->stories = content_load_dir(&b->a, b->o->content_dir, "stories",
	    DOC_STORY, b->d);
	if (b->stories == NULL)
		return -1;
	b->pages = arena_array(&b->a, b->cfg.nchapters + 1, sizeof *b->pages);
	for (i = 0; i < b->cfg.nchapters; i++)
		if (b->cfg.chapters[i].kind == CHAPTER_PAGE)
			b->pages[i] = load_page(b, b->cfg.chapters[i].page);
	b->site_pages = arena_array(&b->a, b->cfg.nsite_pages + 1,
	    sizeof *b->site_pages);
	for (i = 0; i < b->cfg.nsite_pages; i++)
		b->site_pages[i] = load_page(b, b->cfg.site_pages[i]);
	return diag_worst(b->d) >= DIAG_ERROR ? -1 : 0;
}

static int
date_cmp(struct fa_date x, struct fa_date y)
{
	if (x.year != y.year)
		return x.year - y.year;
	if (x.month != y.month)
		return x.month - y.month;
	return x.day - y.day;
}

/* Oldest first; the file name breaks ties so the order never depends on
 * the order the files were read in. */
static int
story_cmp(const struct doc *x, const struct doc *y)
{
	int c = date_cmp(x->date, y->date);

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

/* Stories of one program, in the chapter's sort order. */
static size_t
group(struct build *b, const struct config_chapter *c, const char *program,
    struct doc **out)
{
	size_t i, j, n = 0;
	struct doc *t;

	for (i = 0; b->stories[i] != NULL; i++) {
		struct doc *s = b->stories[i];

		if (s->excluded == DOC_PUBLISHED && strcmp(s->program, program) == 0)
			out[n++] = s;
	}
	for (i = 1; i < n; i++) {
		t = out[i];
		for (j = i; j > 0 && (c->sort && strcmp(c->sort, "title") == 0 ?
		    strcmp(out[j - 1]->title, t->title) > 0 :
		    story_cmp(out[j - 1], t) > 0); j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return n;
}

static void
report_left_out(struct build *b, struct build_summary *sum)
{
	size_t i;

	for (i = 0; b->stories[i] != NULL; i++) {
		const struct doc *s = b->stories[i];
		struct pos at = { s->path, 0, 0 };

		if (s->excluded == DOC_DRAFT) {
			diag_note(b->d, at, "left out of every output: marked 'draft: true'");
			sum->left_out++;
		} else if (s->excluded == DOC_NO_CONSENT) {
			diag_note(b->d, at, "left out of every output: 'consent' is not true — set 'consent: true' once the narrator has agreed in writing");
			sum->left_out++;
		}
	}
}

static void
title_page(struct build *b, struct flow *f)
{
	const struct config *c = &b->cfg;
	struct flow_block *x;
	char year[16];

	x = flow_add(&b->a, f, FLOW_PAGE);
	x->no_folio = 1;
	x->vcenter = 1;
	x = flow_text(&b->a, f, c->title ? c->title : "", FONT_BOLD, FLOW_ACCENT,
	    f->size_pt * 2.3, LAYOUT_CENTER);
	x->line_height = 1.35;
	x->space_after_pt = f->size_pt;
	x->dest = flow_dest(&b->a, f);
	x->outline = c->title;
	if (c->subtitle) {
		x = flow_text(&b->a, f, c->subtitle, FONT_MEDIUM, FLOW_INK,
		    f->size_pt * 1.3, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * 5;
	}
	flow_add(&b->a, f, FLOW_RULE)->space_after_pt = f->size_pt * 2;
	if (c->organization) {
		x = flow_text(&b->a, f, c->organization, FONT_REGULAR, FLOW_MUTED,
		    f->size_pt, LAYOUT_CENTER);
		x->space_after_pt = f->size_pt * 0.5;
	}
	if (c->year > 0) {
		snprintf(year, sizeof year, "%d", c->year);
		flow_text(&b->a, f, year, FONT_MEDIUM, FLOW_MUTED, f->size_pt,
		    LAYOUT_CENTER);
	}
}

/* A chapter or story title: starts a page, anchors a bookmark. */
static struct flow_block *
heading(struct build *b, struct flow *f, const char *title, int level,
    double scale)
{
	struct flow_block *x;

	flow_add(&b->a, f, FLOW_PAGE);
	x = flow_text(&b->a, f, title, FONT_BOLD, FLOW_ACCENT, f->size_pt * scale,
	    LAYOUT_START);
	x->line_height = 1.4;
	x->keep_with_next = 1;
	x->heading = 1;
	x->dest = flow_dest(&b->a, f);
	x->outline = title;
	x->outline_level = level;
	x->space_after_pt = f->size_pt * 0.4;
	return x;
}

static void
story(struct build *b, struct flow *f, struct doc *s)
{
	struct flow_block *x;
	const char *meta;

	heading(b, f, s->title, 1, 1.75);
	meta = arena_printf(&b->a, "%s  ·  %s  ·  %s  ·  %s", s->pseudonym,
	    s->district, s->program, fa_date_text(&b->a, s->date));
	x = flow_text(&b->a, f, meta, FONT_MEDIUM, FLOW_MUTED, f->size_pt * 0.88,
	    LAYOUT_START);
	x->space_after_pt = f->size_pt * 1.4;
	flow_doc(&b->a, f, s, b->d);
	b->published[b->npublished++] = s;
}

static void
chapter_page(struct build *b, struct flow *f, const char *title)
{
	struct flow_block *x;

	x = flow_add(&b->a, f, FLOW_PAGE);
	x->vcenter = 1;
	x->no_folio = 1;
	x = flow_text(&b->a, f, title, FONT_BOLD, FLOW_ACCENT, f->size_pt * 2.2,
	    LAYOUT_CENTER);
	x->dest = flow_dest(&b->a, f);
	x->outline = title;
	x->space_after_pt = f->size_pt;
	flow_add(&b->a, f, FLOW_RULE);
}

static void
program_chapter(struct build *b, struct flow *f, const struct config_chapter *c,
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
stories_chapters(struct build *b, struct flow *f, const struct config_chapter *c)
{
	struct doc **g;
	size_t i, j, n = 0;

	for (i = 0; b->stories[i] != NULL; i++)
		n++;
	g = arena_array(&b->a, n + 1, sizeof *g);
	for (i = 0; i < c->norder; i++)
		program_chapter(b, f, c, c->order[i], g);
	/* A program the configuration does not list still gets its chapter,
	 * after the listed ones, and the editor hears about it once. */
	for (i = 0; b->stories[i] != NULL; i++) {
		struct doc *s = b->stories[i];
		struct pos at = { s->path, 0, 0 };

		if (s->excluded != DOC_PUBLISHED || in_order(c, s->program))
			continue;
		for (j = 0; j < i; j++)
			if (b->stories[j]->excluded == DOC_PUBLISHED &&
			    strcmp(b->stories[j]->program, s->program) == 0)
				break;
		if (j < i)
			continue;
		diag_warn(b->d, at, "program '%s' is not in the chapter order of booklet.yaml — add it there to choose its place",
		    s->program);
		program_chapter(b, f, c, s->program, g);
	}
}

static void
page_chapter(struct build *b, struct flow *f, struct doc *p)
{
	if (p == NULL)
		return;
	heading(b, f, p->title, 0, 1.9)->space_after_pt = f->size_pt * 1.2;
	flow_doc(&b->a, f, p, b->d);
}

/* The PDF's dates: SOURCE_DATE_EPOCH when set, else the newest story's date,
 * so that the same content always gives the same bytes. */
static const char *
pdf_date(struct build *b)
{
	struct fa_date newest = { 0, 0, 0 }, g;
	const char *e = b->o->source_date_epoch;
	size_t i;

	if (e != NULL && *e != '\0') {
		char *end;
		long long t;
		time_t tt;
		struct tm tm;

		errno = 0;
		t = strtoll(e, &end, 10);
		tt = (time_t)t;
		if (errno == 0 && *end == '\0' && t >= 0 && gmtime_r(&tt, &tm) != NULL)
			return arena_printf(&b->a, "%04d-%02d-%02dT%02d:%02d:%02dZ",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			    tm.tm_min, tm.tm_sec);
		diag_warn(b->d, (struct pos){ "", 0, 0 },
		    "SOURCE_DATE_EPOCH='%s' is not a number of seconds — ignoring it", e);
	}
	for (i = 0; i < b->npublished; i++)
		if (date_cmp(b->published[i]->date, newest) > 0)
			newest = b->published[i]->date;
	if (newest.year == 0)
		return "2024-03-20T00:00:00Z";
	g = fa_jalali_to_gregorian(newest);
	return arena_printf(&b->a, "%04d-%02d-%02dT00:00:00Z", g.year, g.month, g.day);
}

void
build_dump_lines(FILE *fp, const struct page_book *book)
{
	double sum = 0, sum2 = 0, mean, sd;
	size_t p, i, n = 0, k;

	fprintf(fp, "# page\tratio\tspace_pt\tnatural_pt\tflags\ttext\n");
	for (p = 0; p < book->n; p++) {
		const struct page *pg = &book->pages[p];

		for (i = 0; i < pg->n; i++) {
			const struct layout_line *l = pg->items[i].line;
			size_t s = (size_t)-1, e = 0;

			if (pg->items[i].kind != PAGE_LINE || l->nspaces == 0)
				continue;
			for (k = 0; k < l->nruns; k++) {
				if (l->runs[k].start < s)
					s = l->runs[k].start;
				if (l->runs[k].end > e)
					e = l->runs[k].end;
			}
			fprintf(fp, "%d\t%.3f\t%.3f\t%.2f\t%s%s%s\t%.*s\n", pg->number,
			    l->ratio, l->space_pt, l->natural_pt,
			    l->justified ? "j" : "-", l->overfull ? "o" : "",
			    l->emergency ? "e" : "", (int)(e - s), l->text + s);
			if (l->justified) {
				sum += l->space_pt;
				sum2 += l->space_pt * l->space_pt;
				n++;
			}
		}
	}
	mean = n ? sum / (double)n : 0;
	sd = n ? sqrt(sum2 / (double)n - mean * mean) : 0;
	fprintf(fp, "# %zu justified lines: inter-word space mean %.3f pt, sd %.3f pt\n",
	    n, mean, sd);
}

static int
booklet(struct build *b, struct build_summary *sum)
{
	struct flow f;
	struct fonts fs;
	struct shaper *sh;
	struct page_book book;
	struct page_geom geom;
	struct pdf_meta meta;
	size_t i, n = 0;
	int rc;

	for (i = 0; b->stories[i] != NULL; i++)
		n++;
	b->published = arena_array(&b->a, n + 1, sizeof *b->published);
	if (font_load(&fs, b->o->fonts_dir, b->d) != 0)
		return -1;
	if ((sh = shape_new(!b->o->no_shape_cache)) == NULL) {
		font_release(&fs);
		return diag_error(b->d, (struct pos){ "", 0, 0 }, "out of memory");
	}
	flow_init(&f, b->cfg.font_size_pt, b->cfg.line_height, b->cfg.digits_persian);
	f.greedy = b->o->greedy;
	f.kashida = b->cfg.justify_kashida;
	f.fonts = &fs;
	title_page(b, &f);
	for (i = 0; i < b->cfg.nchapters; i++) {
		const struct config_chapter *c = &b->cfg.chapters[i];

		if (c->kind == CHAPTER_PAGE)
			page_chapter(b, &f, b->pages[i]);
		else
			stories_chapters(b, &f, c);
	}
	geom.width_pt = b->cfg.page_width_mm * MM;
	geom.height_pt = b->cfg.page_height_mm * MM;
	geom.top_pt = b->cfg.margin_top_mm * MM;
	geom.bottom_pt = b->cfg.margin_bottom_mm * MM;
	geom.inner_pt = b->cfg.margin_inner_mm * MM;
	geom.outer_pt = b->cfg.margin_outer_mm * MM;
	rc = page_set_book(&b->a, sh, &fs, &f, &geom, &book, b->d);
	if (rc != 0)
		diag_error(b->d, (struct pos){ "", 0, 0 }, "out of memory while setting text");
	if (rc == 0) {
		meta.title = b->cfg.title;
		meta.author = b->cfg.organization;
		meta.subject = b->cfg.subtitle;
		meta.date = pdf_date(b);
		rc = pdf_write(&book, &meta, path_in(b, b->o->out_dir, "booklet.pdf"),
		    "booklet.pdf", b->d);
		sum->pages = book.n;
		if (b->o->dump_lines != NULL)
			build_dump_lines(b->o->dump_lines, &book);
	}
	shape_free(sh);
	font_release(&fs);
	return rc;
}

int
build_run(const struct build_opts *o, struct build_summary *sum, struct diags *d)
{
	struct build b;
	size_t i;
	int rc = -1;

	memset(&b, 0, sizeof b);
	memset(sum, 0, sizeof *sum);
	b.o = o;
	b.d = d;
	arena_init(&b.a);
	if (load(&b) != 0)
		goto out;
	report_left_out(&b, sum);
	if (fileio_mkdirs(o->out_dir, d) != 0)
		goto out;
	if (booklet(&b, sum) != 0)
		goto out;
	sum->published = b.npublished;
	if (site_write(&b.a, &b.cfg, b.stories, b.site_pages, o->content_dir,
	    o->fonts_dir, o->templates_dir, path_in(&b, o->out_dir, "site"), d) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; b.stories != NULL && b.stories[i] != NULL; i++)
		content_free(b.stories[i]);
	for (i = 0; b.pages != NULL && i < b.cfg.nchapters; i++)
		content_free(b.pages[i]);
	for (i = 0; b.site_pages != NULL && i < b.cfg.nsite_pages; i++)
		content_free(b.site_pages[i]);
	arena_release(&b.a);
	return rc;
}
