/* build.h - run every document down both paths; owns the build arena. */
#ifndef DAFTAR_BUILD_H
#define DAFTAR_BUILD_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

struct build_cache;
struct diags;
struct progress;

/* The outputs a build can write; build_opts.outputs holds a bit
 * (1u << BUILD_x) for each one asked for. */
enum build_output {
	BUILD_BOOKLET,		/* booklet.pdf */
	BUILD_PRINT,		/* booklet-print.pdf, imposed for stitching */
	BUILD_LEAFLETS,		/* leaflets/NAME.pdf */
	BUILD_SITE,		/* site/ */
	BUILD_OUTPUT__MAX
};

/* Every output: what "daftar build" writes. */
#define BUILD_ALL	((1u << BUILD_OUTPUT__MAX) - 1)

struct build_opts {
	const char *content_dir;	/* holds booklet.yaml */
	const char *out_dir;
	const char *fonts_dir;		/* Vazirmatn TTF and woff2 */
	const char *templates_dir;	/* site templates */
	const char *source_date_epoch;	/* SOURCE_DATE_EPOCH, or NULL */
	FILE *dump_lines;		/* when set, each booklet line is described
					 * here (build_dump_lines()) */
	int greedy;			/* first-fit line breaking, for comparison */
	int no_shape_cache;		/* shape every word afresh, for benchmarks */
	int check_only;			/* "daftar check": find every problem a
					 * build of all outputs finds, with the
					 * same diagnostics, and write nothing
					 * (out_dir and outputs unused) */
	unsigned outputs;		/* the outputs to write: BUILD_ALL, or
					 * (1u << BUILD_x) bits; those left out
					 * stay in out_dir as they were */
	struct build_cache *cache;	/* borrowed; NULL, or what a caller
					 * that builds again and again keeps
					 * between builds (build_cache_new()) */
	const volatile sig_atomic_t *stop;	/* borrowed; NULL, or a flag a
						 * signal handler sets: the build
						 * then stops at its next safe
						 * point and writes nothing */
	struct progress *progress;	/* borrowed; NULL, or told of every
					 * stage and count, from the calling
					 * thread only */
};

/* What a build did, for the summary. */
struct build_summary {
	size_t published;	/* stories in the outputs */
	size_t left_out;	/* stories without consent or marked draft */
	size_t pages;		/* pages of the booklet; 0 when not set */
	int booklet_kept;	/* the booklet's inputs did not change: its
				 * files were kept as the last build left them */
	size_t site_files;	/* files in the site; 0 when not written */
	size_t site_kept;	/* of them, unchanged since the last build and
				 * kept as they were (site_write()) */
	size_t paragraphs_set;	/* of the booklet, broken into lines */
	size_t paragraphs_kept;	/* of the booklet, whose lines were copied
				 * from an earlier build (o->cache) */
};

/* Loads content_dir and writes o->outputs into out_dir: the booklet into
 * out_dir/booklet.pdf and booklet-print.pdf, the leaflets into
 * out_dir/leaflets/, the site into out_dir/site.  A site written without
 * the booklet offers out_dir/booklet.pdf for download when an earlier build
 * left one there, and has no download page otherwise.
 *
 * What the last build in out_dir left and this one would make the same is
 * kept: the booklet's PDFs when none of their sources changed (reuse.h;
 * their diagnostics are added to d again), and each site file whose bytes
 * did not change (site_write()).  sum says what was kept.
 *
 * Every problem found is added to d; nothing is written when the content
 * has errors, or when o->stop is set before the outputs are published
 * (between stories, pages and outputs): the staging folder is removed and
 * out_dir is as it was.  Returns 0, or -1 on errors. */
int	build_run(const struct build_opts *o, struct build_summary *sum,
	    struct diags *d);

/* What stays loaded from one build to the next in a long-running daftar
 * (serve): the fonts and the word shape cache, so that a rebuild neither
 * loads the fonts nor shapes a known word again.  Everything in it is a
 * pure function of the fonts folder, which it was loaded from; a build with
 * another fonts_dir reloads it.  Returns NULL when out of memory; caller
 * frees with build_cache_free() (NULL-safe). */
struct build_cache *build_cache_new(void);
void	build_cache_free(struct build_cache *c);

struct page_book;

/* Writes one line per justified or ragged line of text in book: page,
 * stretch ratio, inter-word space width, natural width, and the text as
 * written; then a summary of the inter-word space over justified lines
 * (mean and standard deviation in points), the measure of evenness. */
void	build_dump_lines(FILE *fp, const struct page_book *book);

#endif
