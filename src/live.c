/* live.c - daftar serve: one loop that serves, watches and rebuilds. */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "fileio.h"
#include "live.h"
#include "serve.h"
#include "watch.h"

/* How long the files must stay quiet before a rebuild: an editor's save
 * can be several events (write a temporary file, rename it over the old,
 * set its mode), and they should make one rebuild, not three. */
#define DEBOUNCE_MS	200
/* The longest wait in poll(): also how late a signal that arrived just
 * before poll() is noticed. */
#define IDLE_MS		500
/* How often a finished rebuild is looked for while one runs. */
#define BUSY_MS		25

static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
stopped(const struct build_opts *o)
{
	return o->stop != NULL && *o->stop != 0;
}

/*
 * A rebuild runs in a second thread, so that the server goes on answering
 * (the reload a browser asks for included) while the booklet is set.  It
 * has two passes: the site alone first, which takes a fraction of the time
 * and is what the browser shows, then every output.  Only the main thread
 * prints, serves and reads the watch.
 */
struct job {
	pthread_t thread;
	struct build_opts o;		/* a copy, outputs set per pass */
	struct build_summary sum;
	struct diags d;
	int rc;
	atomic_int done;		/* set by the build thread at its end */
	int running;			/* a thread was started, not yet joined */
	int site_pass;			/* this pass writes the site alone */
	long long start_ms;		/* when the rebuild began */
};

static void *
job_main(void *p)
{
	struct job *j = p;

	j->rc = build_run(&j->o, &j->sum, &j->d);
	atomic_store(&j->done, 1);
	return NULL;
}

/* Starts a pass writing outputs; without a thread, runs it here. */
static void
job_start(struct job *j, const struct build_opts *o, unsigned outputs,
    int site_pass)
{
	j->o = *o;
	j->o.outputs = outputs;
	j->site_pass = site_pass;
	j->rc = -1;
	diag_init(&j->d);
	atomic_store(&j->done, 0);
	j->running = pthread_create(&j->thread, NULL, job_main, j) == 0;
	if (!j->running) {
		job_main(j);
		j->running = 1;		/* for job_join(), which then only
					 * finds it done */
		j->thread = pthread_self();
	}
}

static void
job_join(struct job *j)
{
	if (!pthread_equal(j->thread, pthread_self()))
		pthread_join(j->thread, NULL);
	j->running = 0;
}

/* One build's diagnostics and a line saying how it went.  Returns 0 when
 * it was published. */
static int
report(int rc, const struct build_summary *sum, struct diags *d,
    long long start, FILE *out, FILE *err, int again)
{
	diag_print(d, err);
	if (rc == 0 && diag_worst(d) < DIAG_ERROR) {
		fprintf(out, "daftar: %s %zu stories, %zu booklet pages, in "
		    "%.2f s", again ? "rebuilt" : "built", sum->published,
		    sum->pages, (double)(now_ms() - start) / 1000);
		/* Tells the editor the rebuild did only what the edit asked. */
		if (again && sum->paragraphs_kept > 0 && sum->paragraphs_set > 0)
			fprintf(out, "; %zu of %zu paragraphs set again, the "
			    "others as before", sum->paragraphs_set,
			    sum->paragraphs_set + sum->paragraphs_kept);
		else if (again && sum->paragraphs_kept > 0)
			fprintf(out, "; no paragraph changed, the lines of all "
			    "%zu are as before", sum->paragraphs_kept);
		fputc('\n', out);
	} else {
		size_t n = diag_count(d, DIAG_ERROR);

		fprintf(err, "daftar: %s failed with %zu %s (above); %s\n",
		    again ? "the rebuild" : "the build", n,
		    n == 1 ? "error" : "errors", again ?
		    "still serving the previous site" :
		    "serving what the output folder holds");
		rc = -1;
	}
	fflush(out);
	fflush(err);
	return rc;
}

/* A build frees nearly all it held, but glibc keeps freed memory for its
 * next allocations, so an idle server would go on holding the peak of its
 * last build (730 MiB at 1000 stories): hand it back between builds. */
static void
give_back(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* The first build, before the server answers: in this thread. */
static int
build_once(const struct build_opts *o, FILE *out, FILE *err)
{
	struct build_summary sum;
	struct diags d;
	long long start = now_ms();
	int rc;

	diag_init(&d);
	rc = build_run(o, &sum, &d);
	if (!stopped(o))
		rc = report(rc, &sum, &d, start, out, err, 0);
	diag_release(&d);
	give_back();
	return rc;
}

/* Whether a rebuild of o's outputs has a quicker site pass to do first. */
static int
has_site_pass(const struct build_opts *o)
{
	unsigned site = 1u << BUILD_SITE;

	return (o->outputs & site) != 0 && (o->outputs & ~site) != 0;
}

/* Starts a rebuild: its site pass when there is one. */
static void
rebuild(struct job *j, const struct build_opts *o)
{
	j->start_ms = now_ms();
	if (has_site_pass(o))
		job_start(j, o, 1u << BUILD_SITE, 1);
	else
		job_start(j, o, o->outputs, 0);
}

/* A pass has ended: says so, bumps the pages, and after a good site pass
 * starts the full one, unless another change is waiting (then that
 * rebuild comes next and this one would only be thrown away). */
static void
finished(struct job *j, const struct build_opts *o, struct server *srv,
    int change_waiting, FILE *out, FILE *err)
{
	long long start = j->start_ms;

	job_join(j);
	if (stopped(o)) {
		diag_release(&j->d);
		return;
	}
	if (j->site_pass && j->rc == 0 && diag_worst(&j->d) < DIAG_ERROR) {
		/* Its warnings come again, with the booklet's, at the end. */
		fprintf(out, "daftar: site rebuilt in %.2f s; %s\n",
		    (double)(now_ms() - start) / 1000, change_waiting ?
		    "another change came meanwhile" : "the booklet follows");
		fflush(out);
		serve_bump(srv);
		diag_release(&j->d);
		if (!change_waiting) {
			job_start(j, o, o->outputs, 0);
			j->start_ms = start;
		}
		return;
	}
	/* After a site pass, open pages reload again only when the full
	 * pass changed the site (the download page, say). */
	if (report(j->rc, &j->sum, &j->d, start, out, err, 1) == 0 &&
	    (!has_site_pass(o) || j->sum.site_kept < j->sum.site_files))
		serve_bump(srv);
	give_back();
	diag_release(&j->d);
}

int
live_run(const struct build_opts *opts, int port, FILE *out, FILE *err)
{
	struct build_opts o = *opts;
	struct arena a;
	struct diags d;
	struct server *srv = NULL;
	struct watch *w = NULL;
	struct job j;
	const char *site, *dirs[3];
	long long due = 0;
	int in_use, rc = 1;

	memset(&j, 0, sizeof j);
	arena_init(&a);
	diag_init(&d);
	site = arena_printf(&a, "%s/site", o.out_dir);
	/* The port first: better to hear it is taken before a long build. */
	if ((srv = serve_new(site, port, 1, &in_use, &d)) == NULL) {
		if (in_use)
			fprintf(err, "daftar: port %d is taken (another server "
			    "is using it); choose another with --port %d, or "
			    "--port 0 for any free port\n", port, port + 1);
		else
			diag_print(&d, err);
		goto out;
	}
	/* The output folder exists before the watch starts, so that it is
	 * left out even when it lies inside the content folder. */
	if (fileio_mkdirs(o.out_dir, &d) != 0 ||
	    (o.cache = build_cache_new()) == NULL) {
		diag_print(&d, err);
		goto out;
	}
	dirs[0] = o.content_dir;
	dirs[1] = o.templates_dir;
	dirs[2] = NULL;
	if ((w = watch_new(dirs, o.out_dir, &d)) == NULL) {
		diag_print(&d, err);
		goto out;
	}
	build_once(&o, out, err);
	if (!stopped(&o)) {
		fprintf(out, "daftar: serving %s/ at http://127.0.0.1:%d/ — "
		    "it rebuilds when %s/ changes; Ctrl-C stops\n", site,
		    serve_port(srv), o.content_dir);
		fflush(out);
	}
	while (!stopped(&o)) {
		long long now = now_ms();
		int wait = j.running ? BUSY_MS : due == 0 ? IDLE_MS :
		    (int)(due > now ? due - now : 0);

		if (serve_step(srv, watch_fd(w), wait) && watch_read(w))
			due = now_ms() + DEBOUNCE_MS;
		if (j.running && atomic_load(&j.done))
			finished(&j, &o, srv, due != 0, out, err);
		if (!j.running && due != 0 && now_ms() >= due && !stopped(&o)) {
			due = 0;
			rebuild(&j, &o);
		}
	}
	/* The signal reached the build too: it stops at its next safe point
	 * and publishes nothing. */
	if (j.running) {
		job_join(&j);
		diag_release(&j.d);
	}
	fprintf(out, "daftar: %s: stopped serving\n",
	    *o.stop == SIGTERM ? "SIGTERM" : "SIGINT");
	rc = 0;
out:
	watch_free(w);
	serve_free(srv);
	build_cache_free(o.cache);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
