/* progress.h - what a terminal shows while daftar works: a progress line, stage lines, timings, colour. */
#ifndef DAFTAR_PROGRESS_H
#define DAFTAR_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

/* The stages of a build, in the order they run, as --timings lists them. */
enum progress_stage {
	PROGRESS_LOAD,		/* booklet.yaml, stories, pages */
	PROGRESS_STATS,		/* content/stats into SQLite */
	PROGRESS_COMPARE,	/* the booklet's sources against the last
				 * build's (reuse.h) */
	PROGRESS_FLOW,		/* Markdown -> blocks: text rules, queries,
				 * photos; "daftar check" also shapes and
				 * breaks each story's lines here */
	PROGRESS_LAYOUT,	/* shaping, line breaking, pages */
	PROGRESS_PDF,		/* booklet.pdf */
	PROGRESS_PRINT,		/* booklet-print.pdf, in a second thread */
	PROGRESS_LEAFLETS,
	PROGRESS_SITE,
	PROGRESS_PUBLISH,	/* staging -> out_dir */
	PROGRESS_STAGE__MAX
};

/* What the progress line counts. */
enum progress_count {
	PROGRESS_STORIES,	/* stories shaped */
	PROGRESS_PAGES_SET,
	PROGRESS_PAGES_WRITTEN,
	PROGRESS_SITE_PAGES,	/* site pages written */
	PROGRESS_COUNT__MAX
};

/* What progress_init() needs to know about where it writes, read by the
 * caller (main.c: isatty(), getenv()) so that tests can say anything. */
struct progress_env {
	int tty;		/* the stream is a terminal */
	const char *no_color;	/* $NO_COLOR, or NULL */
	const char *term;	/* $TERM, or NULL */
};

/* progress_init() flags. */
#define PROGRESS_QUIET		1u	/* no progress line, no stage lines */
#define PROGRESS_VERBOSE	2u	/* a line per stage, and now and then a
					 * count when not on a terminal */

/* A clock in seconds: CLOCK_MONOTONIC, or a test's. */
typedef double (*progress_clock)(void *ctx);

/*
 * One run's progress.  Owned by its caller (main.c), set up with
 * progress_init(), and passed down borrowed; every function takes NULL
 * for "report nothing".  Only one thread may use it: stages run in
 * another thread are timed there and added with progress_add_seconds()
 * after the join.
 */
struct progress {
	FILE *fp;			/* borrowed: stderr */
	int live;			/* a line updated in place (terminal) */
	int verbose;			/* PROGRESS_VERBOSE */
	int color;			/* progress_color() */
	progress_clock now;		/* the clock; progress_monotonic() */
	void *now_ctx;
	double last_drawn;		/* when the line or a count was last
					 * written, in seconds of now() */
	double stage_started;
	int stage;			/* the stage running, or -1 */
	double seconds[PROGRESS_STAGE__MAX];	/* time spent in each */
	int ran[PROGRESS_STAGE__MAX];		/* started at least once */
	enum progress_count what;	/* the count shown */
	size_t done, total;		/* total 0: not known */
	size_t drawn;			/* bytes of the line on screen, 0: none */
};

/* Seconds from CLOCK_MONOTONIC; ctx is unused. */
double	progress_monotonic(void *ctx);

/* Whether diagnostics may be coloured: on a terminal, with $NO_COLOR unset
 * or empty (https://no-color.org) and $TERM not "dumb". */
int	progress_color(const struct progress_env *env);

/* Sets p up to write to fp (borrowed) with flags (PROGRESS_QUIET,
 * PROGRESS_VERBOSE) and the clock now (NULL: progress_monotonic()).  A
 * progress line appears only when env->tty, not before a tenth of a second
 * has passed, and at most ten times a second. */
void	progress_init(struct progress *p, FILE *fp,
	    const struct progress_env *env, unsigned flags, progress_clock now,
	    void *now_ctx);

/* Ends the stage running, if any, and starts s; with PROGRESS_VERBOSE the
 * first start of each stage is a line. */
void	progress_stage(struct progress *p, enum progress_stage s);

/* Adds secs to stage s, run elsewhere (another thread). */
void	progress_add_seconds(struct progress *p, enum progress_stage s,
	    double secs);

/* done of total (0: unknown) things counted by what so far: redraws the
 * line when it is due. */
void	progress_count(struct progress *p, enum progress_count what,
	    size_t done, size_t total);

/* Writes the progress line as it would be drawn ("daftar: pages set
 * 12/40") into buf, NUL-terminated; returns its length. */
size_t	progress_line(const struct progress *p, char *buf, size_t size);

/* Erases the progress line, so that other output starts on a clean line. */
void	progress_clear(struct progress *p);

/* Ends the stage running and erases the line. */
void	progress_end(struct progress *p);

/* Writes the time of every stage and their total as a small table. */
void	progress_timings(const struct progress *p, FILE *fp);

#endif
