/* build.c - the pipeline: load, set the booklet, write the site. */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cmark.h>
#include <fribidi.h>
#include <hb.h>
#include <linebreak.h>
#include <sqlite3.h>
#include <yaml.h>

#include "arena.h"
#include "book.h"
#include "buf.h"
#include "build.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "impose.h"
#include "flow.h"
#include "font.h"
#include "layout.h"
#include "layout_cache.h"
#include "leaflet.h"
#include "page.h"
#include "pdf.h"
#include "progress.h"
#include "reuse.h"
#include "shape.h"
#include "site.h"
#include "stats.h"


/* The staging folder's name inside out_dir: a build that was killed by
 * SIGKILL or a crash leaves one behind, which the next build removes;
 * SIGINT and SIGTERM stop the build at a safe point (o->stop), which
 * removes it. */
#define STAGING	".daftar-staging"
/* What a build keeps for the next one to reuse, in out_dir: publish()
 * leaves names with a dot alone, and a cache is never trusted blindly
 * (site.h), so deleting it costs only time. */
#define CACHE	".daftar-cache"
/* What serve keeps of the last booklet's lines at most: the lines of a
 * 1000-story booklet (3055 pages) take 162 MiB. */
#define LINES_MAX_BYTES	((size_t)256 << 20)

/* Everything one build holds; freed in one place at the end. */
struct build {
	const struct build_opts *o;
	struct diags *d;
	struct arena a;
	struct config cfg;
	struct doc **stories;		/* NULL-terminated */
	struct doc **pages;		/* chapter pages, parallel to cfg.chapters */
	struct doc **site_pages;	/* parallel to cfg.site_pages */
	struct stats *stats;		/* the project's statistics, read-only */
	const char *out;		/* where outputs are written: a staging
					 * folder inside out_dir, moved into
					 * place when the whole build succeeded */
	struct doc **published;		/* NULL-terminated, booklet order */
	size_t npublished;
	/* The booklet's record for the next build (reuse.h): its key, NULL
	 * when it cannot be reused; and its diagnostics, b->d->v[from..to). */
	const char *booklet_key;
	size_t booklet_diag_from, booklet_diag_to;
	long booklet_pages;
};

static int check_stop(struct build *b, const char *where);

/* Whether this run writes output x. */
static int
wants(const struct build *b, enum build_output x)
{
	return (b->o->outputs & (1u << x)) != 0;
}

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

/* The PDF's keywords: the programs the stories come from, in booklet order. */
static const char *
keywords(struct build *b)
{
	struct buf k = BUF_INIT;
	const char *out;
	size_t i, j;

	for (i = 0; i < b->npublished; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(b->published[j]->program, b->published[i]->program) == 0)
				break;
		if (j < i)
			continue;
		if (k.len > 0)
			buf_puts(&k, "، ");
		buf_puts(&k, b->published[i]->program);
	}
	out = arena_strdup(&b->a, k.len ? k.data : "");
	buf_release(&k);
	return out;
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
	/* Every published story, whether or not this run sets the booklet,
	 * so "daftar leaflets" dates its files as "daftar build" does. */
	for (i = 0; b->stories[i] != NULL; i++)
		if (b->stories[i]->excluded == DOC_PUBLISHED &&
		    fa_date_cmp(b->stories[i]->date, newest) > 0)
			newest = b->stories[i]->date;
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

/* The imposed copy, written by a second thread while the first writes the
 * booklet: the two files share nothing but read-only pages and Cairo's
 * font faces, which Cairo locks itself.  The thread keeps its own
 * diagnostics, merged after the join. */
struct impose_job {
	const struct page_book *book;
	const struct pdf_meta *meta;
	struct impose_opts opts;
	const char *path;
	const char *prev;		/* the last build's, kept when equal */
	struct diags d;
	int rc;
	double seconds;		/* it took, for --timings: the progress is
				 * the first thread's alone */
};

static void *
impose_thread(void *p)
{
	struct impose_job *j = p;
	double start = progress_monotonic(NULL);

	j->rc = impose_write(j->book, j->meta, &j->opts, j->path,
	    "booklet-print.pdf", j->prev, &j->d);
	j->seconds = progress_monotonic(NULL) - start;
	return NULL;
}

static int
write_pdfs(struct build *b, const struct page_book *book,
    const struct pdf_meta *meta)
{
	struct impose_job j;
	pthread_t t;
	int print = wants(b, BUILD_PRINT), threaded = 0, rc = 0;

	memset(&j, 0, sizeof j);
	j.book = book;
	j.meta = meta;
	j.opts.crop_marks = b->cfg.print_crop_marks;
	j.opts.bleed_pt = b->cfg.print_bleed_mm * 72.0 / 25.4;
	j.path = path_in(b, b->out, "booklet-print.pdf");
	j.prev = path_in(b, b->o->out_dir, "booklet-print.pdf");
	diag_init(&j.d);
	if (print)
		threaded = pthread_create(&t, NULL, impose_thread, &j) == 0;
	progress_stage(b->o->progress, PROGRESS_PDF);
	if (wants(b, BUILD_BOOKLET))
		rc = pdf_write(book, meta, path_in(b, b->out, "booklet.pdf"),
		    "booklet.pdf", path_in(b, b->o->out_dir, "booklet.pdf"),
		    b->o->progress, b->d);
	if (threaded)
		pthread_join(t, NULL);
	else if (print)
		impose_thread(&j);
	if (print)
		progress_add_seconds(b->o->progress, PROGRESS_PRINT, j.seconds);
	diag_append(b->d, &j.d);
	diag_release(&j.d);
	return rc != 0 || j.rc != 0 ? -1 : 0;
}

struct build_cache {
	char *fonts_dir;		/* what fs was loaded from; NULL: not yet */
	struct fonts fs;
	struct shaper *sh;		/* the word shape cache */
	struct layout_cache *lines;	/* the last booklet's paragraphs, set
					 * with fs; NULL: not yet */
};

struct build_cache *
build_cache_new(void)
{
	return calloc(1, sizeof(struct build_cache));
}

void
build_cache_free(struct build_cache *c)
{
	if (c == NULL)
		return;
	if (c->fonts_dir != NULL)
		font_release(&c->fs);
	free(c->fonts_dir);
	shape_free(c->sh);
	layout_cache_free(c->lines);
	free(c);
}

/* The fonts and shaper for the booklet: from o->cache when there is one
 * (loaded there on first use), else new ones, into own for
 * release_tools(). */
static int
take_tools(struct build *b, struct fonts *own, struct fonts **fs,
    struct shaper **sh)
{
	struct build_cache *c = b->o->cache;
	int cache = !b->o->no_shape_cache;

	*fs = own;
	*sh = NULL;
	if (c == NULL) {
		if (font_load(own, b->o->fonts_dir, b->d) != 0)
			return -1;
		if ((*sh = shape_new(cache)) == NULL) {
			font_release(own);
			return diag_error(b->d, (struct pos){ "", 0, 0 },
			    "out of memory");
		}
		return 0;
	}
	if (c->fonts_dir != NULL && strcmp(c->fonts_dir, b->o->fonts_dir) != 0) {
		/* Glyph ids belong to the fonts: words shaped with the old
		 * ones must go with them. */
		font_release(&c->fs);
		free(c->fonts_dir);
		c->fonts_dir = NULL;
		shape_free(c->sh);
		c->sh = NULL;
		layout_cache_free(c->lines);
		c->lines = NULL;
	}
	if (c->fonts_dir == NULL) {
		if (font_load(&c->fs, b->o->fonts_dir, b->d) != 0)
			return -1;
		if ((c->fonts_dir = strdup(b->o->fonts_dir)) == NULL) {
			font_release(&c->fs);
			return diag_error(b->d, (struct pos){ "", 0, 0 },
			    "out of memory");
		}
	}
	*fs = &c->fs;
	if (cache && c->sh == NULL)
		c->sh = shape_new(1);
	*sh = cache ? c->sh : shape_new(0);
	if (*sh == NULL)
		return diag_error(b->d, (struct pos){ "", 0, 0 }, "out of memory");
	return 0;
}

/* The paragraphs an earlier build set, from o->cache (made there on first
 * use; after take_tools(), which empties it when the fonts change); NULL
 * without a cache, or when words are shaped afresh for a benchmark. */
static struct layout_cache *
lines_cache(struct build *b)
{
	struct build_cache *c = b->o->cache;

	if (c == NULL || b->o->no_shape_cache)
		return NULL;
	if (c->lines == NULL)
		c->lines = layout_cache_new(LINES_MAX_BYTES);
	return c->lines;
}

static void
release_tools(struct build *b, struct fonts *own, struct shaper *sh)
{
	struct build_cache *c = b->o->cache;

	if (c == NULL || sh != c->sh)
		shape_free(sh);
	if (c == NULL)
		font_release(own);
}

/* The booklet files this build writes, as out_dir paths and names. */
static size_t
booklet_files(struct build *b, const char **paths, const char **names)
{
	size_t n = 0;

	if (wants(b, BUILD_BOOKLET))
		names[n++] = "booklet.pdf";
	if (wants(b, BUILD_PRINT))
		names[n++] = "booklet-print.pdf";
	for (size_t i = 0; i < n; i++)
		paths[i] = path_in(b, b->o->out_dir, names[i]);
	return n;
}

/* What booklet_key() leaves out of the content folder. */
struct key_skip {
	const struct config *c;
	const char *out;	/* out_dir below content_dir, or NULL */
};

/* Whether the file rel (below content_dir) is read by leaflets or the site
 * alone, or is an output, and so not part of the booklet's key. */
static int
not_booklet(const char *rel, void *ctx)
{
	const struct key_skip *k = ctx;
	const struct config *c = k->c;
	size_t i, n = strlen(rel);

	/* An output folder inside the content would change the key with
	 * every build. */
	if (k->out != NULL && strncmp(rel, k->out, strlen(k->out)) == 0 &&
	    (rel[strlen(k->out)] == '\0' || rel[strlen(k->out)] == '/'))
		return 1;
	if (n < 3 || strcmp(rel + n - 3, ".md") != 0)
		return 0;
	n -= 3;
	for (i = 0; i < c->nchapters; i++)
		if (c->chapters[i].kind == CHAPTER_PAGE &&
		    strlen(c->chapters[i].page) == n &&
		    strncmp(c->chapters[i].page, rel, n) == 0)
			return 0;
	for (i = 0; i < c->nleaflets; i++)
		if (strlen(c->leaflets[i]) == n &&
		    strncmp(c->leaflets[i], rel, n) == 0)
			return 1;
	for (i = 0; i < c->nsite_pages; i++)
		if (strlen(c->site_pages[i]) == n &&
		    strncmp(c->site_pages[i], rel, n) == 0)
			return 1;
	return 0;
}

/* The booklet's key (reuse.h): the program, the settings that reach the
 * PDFs, the fonts and every content file but those of leaflets and site
 * pages.  NULL when there is none. */
static const char *
booklet_key(struct build *b)
{
	struct key_skip skip = { &b->cfg, NULL };
	char content[PATH_MAX], out[PATH_MAX];
	struct reuse_key k;
	const char *key;
	size_t n;

	if (b->o->dump_lines != NULL)
		return NULL;
	if (realpath(b->o->content_dir, content) != NULL &&
	    realpath(b->o->out_dir, out) != NULL &&
	    strncmp(out, content, n = strlen(content)) == 0 && out[n] == '/')
		skip.out = arena_strdup(&b->a, out + n + 1);
	/* The libraries that set and write it: an upgrade of one may
	 * change the bytes with no change here. */
	reuse_key_init(&k, arena_printf(&b->a, "booklet greedy=%d date=%s "
	    "cairo=%s harfbuzz=%s unibreak=%d fribidi=%s cmark=%s yaml=%s "
	    "sqlite=%s", b->o->greedy, pdf_date(b), cairo_version_string(),
	    hb_version_string(), linebreak_version, fribidi_version_info,
	    cmark_version_string(), yaml_get_version_string(),
	    sqlite3_libversion()));
	reuse_key_tree(&k, b->o->fonts_dir, "(fonts)", NULL, NULL);
	reuse_key_tree(&k, b->o->content_dir, "(content)", not_booklet, &skip);
	key = reuse_key_text(&b->a, &k);
	reuse_key_release(&k);
	return key;
}

/* When the booklet's inputs are those of the last build and its files are
 * still the ones it wrote: links them into the staging folder, gives its
 * diagnostics again, and returns 1; else 0, nothing done. */
static int
booklet_reused(struct build *b, struct build_summary *sum)
{
	const char *paths[2], *names[2];
	struct diags found;
	size_t n = booklet_files(b, paths, names), i;
	long pages = 0;
	int ok;

	diag_init(&found);
	ok = reuse_lookup(&b->a, path_in(b, b->o->out_dir, CACHE "/booklet"),
	    b->booklet_key, paths, names, n, &found, &pages) && pages > 0;
	for (i = 0; ok && i < n; i++)
		ok = link(paths[i], path_in(b, b->out, names[i])) == 0;
	if (ok) {
		diag_append(b->d, &found);
		sum->pages = (size_t)pages;
		sum->booklet_kept = 1;
	} else
		for (i = 0; i < n; i++)
			remove(path_in(b, b->out, names[i]));
	diag_release(&found);
	return ok;
}

/* After publish(): the record that lets the next build reuse the booklet. */
static void
booklet_record(struct build *b)
{
	const char *paths[2], *names[2];
	size_t n = booklet_files(b, paths, names);
	struct diags part, scratch;
	int rc;

	if (b->booklet_key == NULL || b->booklet_pages <= 0)
		return;
	diag_init(&scratch);
	rc = fileio_mkdirs(path_in(b, b->o->out_dir, CACHE), &scratch);
	diag_release(&scratch);
	if (rc != 0)
		return;
	part.v = b->d->v + b->booklet_diag_from;
	part.n = b->booklet_diag_to - b->booklet_diag_from;
	part.cap = part.n;
	(void)reuse_save(path_in(b, b->o->out_dir, CACHE "/booklet"),
	    b->booklet_key, paths, names, n, &part, b->booklet_pages);
}

static int
booklet(struct build *b, struct build_summary *sum)
{
	struct fonts own, *fs;
	struct shaper *sh;
	struct page_book book;
	struct book_input in;
	struct book_result res;
	struct pdf_meta meta;
	struct layout_cache_counts before, after;
	int rc;

	progress_stage(b->o->progress, PROGRESS_COMPARE);
	b->booklet_key = booklet_key(b);
	if (booklet_reused(b, sum))
		return 0;
	b->booklet_diag_from = b->d->n;
	if (take_tools(b, &own, &fs, &sh) != 0)
		return -1;
	memset(&in, 0, sizeof in);
	in.cfg = &b->cfg;
	in.stories = b->stories;
	in.pages = b->pages;
	in.greedy = b->o->greedy;
	in.content_dir = b->o->content_dir;
	in.stats = b->stats;
	in.stop = b->o->stop;
	in.progress = b->o->progress;
	in.lines = lines_cache(b);
	before = layout_cache_counts(in.lines);
	rc = book_set(&b->a, sh, fs, &in, &book, &res, b->d);
	after = layout_cache_counts(in.lines);
	sum->paragraphs_kept = after.hits - before.hits;
	sum->paragraphs_set = after.misses - before.misses;
	/* From an empty cache (the first booklet serve sets, as the one
	 * before was kept) the hits are repeats within this booklet: none
	 * came from an earlier build. */
	if (before.entries == 0) {
		sum->paragraphs_set += sum->paragraphs_kept;
		sum->paragraphs_kept = 0;
	}
	/* Forget what this booklet no longer has, once it is all set. */
	if (rc == 0)
		layout_cache_sweep(in.lines);
	/* A query or chart error is a content error: write nothing. */
	if (rc == 0 && diag_worst(b->d) >= DIAG_ERROR)
		rc = -1;
	if (rc == 0) {
		b->published = res.published;
		b->npublished = res.npublished;
		meta.title = b->cfg.title;
		meta.author = b->cfg.organization;
		meta.subject = b->cfg.subtitle;
		meta.keywords = keywords(b);
		meta.date = pdf_date(b);
		rc = write_pdfs(b, &book, &meta);
		sum->pages = book.n;
		b->booklet_pages = (long)book.n;
		b->booklet_diag_to = b->d->n;
		if (b->o->dump_lines != NULL)
			build_dump_lines(b->o->dump_lines, &book);
	}
	book_release(&res);
	release_tools(b, &own, sh);
	return rc;
}

/* What booklet() finds, with nothing set or written: book_check() instead
 * of book_set(), and the PDF's date worked out for its warning. */
static int
booklet_check(struct build *b)
{
	struct fonts fs;
	struct shaper *sh;
	struct book_input in;
	struct book_result res;
	int rc;

	if (font_load(&fs, b->o->fonts_dir, b->d) != 0)
		return -1;
	if ((sh = shape_new(!b->o->no_shape_cache)) == NULL) {
		font_release(&fs);
		return diag_error(b->d, (struct pos){ "", 0, 0 }, "out of memory");
	}
	memset(&in, 0, sizeof in);
	in.cfg = &b->cfg;
	in.stories = b->stories;
	in.pages = b->pages;
	in.greedy = b->o->greedy;
	in.content_dir = b->o->content_dir;
	in.stats = b->stats;
	in.stop = b->o->stop;
	in.progress = b->o->progress;
	rc = book_check(&b->a, sh, &fs, &in, &res, b->d);
	if (rc == 0 && diag_worst(b->d) >= DIAG_ERROR)
		rc = -1;
	if (rc == 0) {
		b->published = res.published;
		b->npublished = res.npublished;
		pdf_date(b);
	}
	book_release(&res);
	shape_free(sh);
	font_release(&fs);
	return rc;
}

/*
 * The leaflets' and the site's problems, found with nothing written: after
 * the booklet (from > 0) or the leaflets (from > 1) failed, so that one run
 * reports every error, not only the first output's.  Outputs --only left
 * out are not looked at.  Returns 0, or -1 on errors or a stop.
 */
static int
check_rest(struct build *b, int from)
{
	const struct build_opts *o = b->o;
	int rc = 0;

	if (from <= 1 && wants(b, BUILD_LEAFLETS)) {
		progress_stage(o->progress, PROGRESS_LEAFLETS);
		if (leaflet_write_all(&b->a, &(struct leaflet_input){ &b->cfg,
		    b->stats, o->content_dir, o->fonts_dir, NULL, pdf_date(b),
		    NULL }, b->d) != 0)
			rc = -1;
		if (check_stop(b, "after checking the leaflets") != 0)
			return -1;
	}
	if (wants(b, BUILD_SITE)) {
		progress_stage(o->progress, PROGRESS_SITE);
		if (site_check(&b->a, &b->cfg, b->stories, b->site_pages,
		    b->stats, o->content_dir, o->fonts_dir, o->templates_dir,
		    b->d) != 0)
			rc = -1;
	}
	return rc;
}

/*
 * "daftar check": every output's problems, found as build_run() would find
 * them and in its order, writing nothing.  A build whose booklet or
 * leaflets fail goes on checking the rest (check_rest()), and so does the
 * check, so both print the same diagnostics.
 */
static int
check_all(struct build *b, struct build_summary *sum)
{
	int rc = 0;

	if (booklet_check(b) != 0)
		rc = -1;
	if (check_stop(b, "after checking the booklet") != 0)
		return -1;
	sum->published = b->npublished;
	if (check_rest(b, 1) != 0)
		rc = -1;
	return rc;
}

/* The booklet the site offers for download: this run's, or else the one an
 * earlier build left in out_dir; NULL when there is none. */
static const char *
site_booklet(struct build *b)
{
	const char *old;

	if (wants(b, BUILD_BOOKLET))
		return path_in(b, b->out, "booklet.pdf");
	old = path_in(b, b->o->out_dir, "booklet.pdf");
	return access(old, R_OK) == 0 ? old : NULL;
}

/* Published stories, for the summary of a run that sets no booklet. */
static size_t
count_published(const struct build *b)
{
	size_t i, n = 0;

	for (i = 0; b->stories[i] != NULL; i++)
		if (b->stories[i]->excluded == DOC_PUBLISHED)
			n++;
	return n;
}


/*
 * Outputs go to out_dir/.daftar-staging first and into out_dir only when the
 * whole build succeeded, so a failed build leaves the previous outputs as
 * they were (DESIGN.md, errors and data safety).
 */
static int
start_staging(struct build *b)
{
	if (fileio_mkdirs(b->o->out_dir, b->d) != 0)
		return -1;
	b->out = path_in(b, b->o->out_dir, STAGING);
	if (fileio_remove_tree(b->out, b->d) != 0 ||
	    fileio_mkdirs(b->out, b->d) != 0) {
		b->out = NULL;
		return -1;
	}
	return 0;
}

/* Moves every staged output into out_dir, then removes the staging folder. */
static int
publish(struct build *b)
{
	struct dirent *e;
	DIR *dir;
	int rc = 0;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if ((dir = opendir(b->out)) == NULL)
		return diag_error(b->d, (struct pos){ b->out, 0, 0 },
		    "cannot read the staged outputs: %s", strerror(errno));
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			names = arena_grow(&b->a, names, n, cap, sizeof *names);
		}
		names[n++] = arena_strdup(&b->a, e->d_name);
	}
	closedir(dir);
	for (i = 0; i < n && rc == 0; i++)
		rc = fileio_replace(path_in(b, b->out, names[i]),
		    path_in(b, b->o->out_dir, names[i]), b->d);
	if (rc == 0)
		rc = fileio_remove_tree(b->out, b->d);
	return rc;
}

/* The safe points between stories, pages and outputs: returns -1 with an
 * error once a signal has asked the build to stop. */
static int
check_stop(struct build *b, const char *where)
{
	if (b->o->stop == NULL || *b->o->stop == 0)
		return 0;
	return diag_error(b->d, (struct pos){ "", 0, 0 }, "interrupted %s",
	    where);
}

int
build_run(const struct build_opts *o, struct build_summary *sum, struct diags *d)
{
	struct site_prev prev = { NULL, 0, 0 };
	struct build b;
	size_t i;
	int rc = -1;

	memset(&b, 0, sizeof b);
	memset(sum, 0, sizeof *sum);
	b.o = o;
	b.d = d;
	arena_init(&b.a);
	progress_stage(o->progress, PROGRESS_LOAD);
	if (load(&b) != 0 || check_stop(&b, "after reading the content") != 0)
		goto out;
	report_left_out(&b, sum);
	progress_stage(o->progress, PROGRESS_STATS);
	b.stats = stats_open(path_in(&b, o->content_dir, "stats"), "stats", d);
	if (check_stop(&b, "after reading the statistics") != 0)
		goto out;
	if (o->check_only) {
		rc = check_all(&b, sum);
		goto out;
	}
	if (start_staging(&b) != 0)
		goto out;
	if ((wants(&b, BUILD_BOOKLET) || wants(&b, BUILD_PRINT)) &&
	    booklet(&b, sum) != 0) {
		if (check_stop(&b, "after setting the booklet") == 0)
			(void)check_rest(&b, 1);
		goto out;
	}
	if (check_stop(&b, "after writing the booklet") != 0)
		goto out;
	/* Leaflets: out/leaflets/<name>.pdf.  Every leaflet is tried, so all
	 * their errors are reported; any error fails the build. */
	if (wants(&b, BUILD_LEAFLETS))
		progress_stage(o->progress, PROGRESS_LEAFLETS);
	if (wants(&b, BUILD_LEAFLETS) &&
	    leaflet_write_all(&b.a, &(struct leaflet_input){ &b.cfg, b.stats,
	    o->content_dir, o->fonts_dir, path_in(&b, b.out, "leaflets"),
	    pdf_date(&b), path_in(&b, o->out_dir, "leaflets") }, d) != 0) {
		if (check_stop(&b, "after writing the leaflets") == 0)
			(void)check_rest(&b, 2);
		goto out;
	}
	if (check_stop(&b, "after writing the leaflets") != 0)
		goto out;
	sum->published = b.published != NULL ? b.npublished :
	    count_published(&b);
	if (wants(&b, BUILD_SITE))
		progress_stage(o->progress, PROGRESS_SITE);
	prev.dir = path_in(&b, o->out_dir, "site");
	if (wants(&b, BUILD_SITE) && site_write(&b.a, &b.cfg, b.stories,
	    b.site_pages, b.stats, o->content_dir, o->fonts_dir,
	    o->templates_dir, site_booklet(&b), path_in(&b, o->out_dir,
	    CACHE "/photos"), &prev, path_in(&b, b.out, "site"), o->progress,
	    d) != 0)
		goto out;
	sum->site_files = prev.files;
	sum->site_kept = prev.kept;
	/* The last safe point: after publish() out_dir holds the new build. */
	if (check_stop(&b, "before publishing the outputs") != 0)
		goto out;
	progress_stage(o->progress, PROGRESS_PUBLISH);
	rc = publish(&b);
	if (rc == 0)
		booklet_record(&b);
out:
	progress_end(o->progress);
	if (b.out != NULL && rc != 0)
		fileio_remove_tree(b.out, d);
	for (i = 0; b.stories != NULL && b.stories[i] != NULL; i++)
		content_free(b.stories[i]);
	for (i = 0; b.pages != NULL && i < b.cfg.nchapters; i++)
		content_free(b.pages[i]);
	for (i = 0; b.site_pages != NULL && i < b.cfg.nsite_pages; i++)
		content_free(b.site_pages[i]);
	stats_free(b.stats);
	arena_release(&b.a);
	return rc;
}
