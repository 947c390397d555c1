/* live.c - daftar serve: one loop that serves, watches and rebuilds. */
#include <signal.h>
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

/* One build, its diagnostics and a line saying how it went.  Returns 0 when
 * it was published. */
static int
build_once(const struct build_opts *o, FILE *out, FILE *err, int again)
{
	struct build_summary sum;
	struct diags d;
	long long start = now_ms();
	int rc;

	diag_init(&d);
	rc = build_run(o, &sum, &d);
	if (stopped(o)) {
		diag_release(&d);
		return -1;
	}
	diag_print(&d, err);
	if (rc == 0 && diag_worst(&d) < DIAG_ERROR)
		fprintf(out, "daftar: %s %zu stories, %zu booklet pages, in "
		    "%.2f s\n", again ? "rebuilt" : "built", sum.published,
		    sum.pages, (double)(now_ms() - start) / 1000);
	else {
		fprintf(err, "daftar: %s failed with %zu errors (above); %s\n",
		    again ? "the rebuild" : "the build",
		    diag_count(&d, DIAG_ERROR), again ?
		    "still serving the previous site" :
		    "serving what the output folder holds");
		rc = -1;
	}
	fflush(out);
	fflush(err);
	diag_release(&d);
	return rc;
}

int
live_run(const struct build_opts *opts, int port, FILE *out, FILE *err)
{
	struct build_opts o = *opts;
	struct arena a;
	struct diags d;
	struct server *srv = NULL;
	struct watch *w = NULL;
	const char *site, *dirs[3];
	long long due = 0;
	int in_use, rc = 1;

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
	build_once(&o, out, err, 0);
	if (!stopped(&o)) {
		fprintf(out, "daftar: serving %s/ at http://127.0.0.1:%d/ — "
		    "it rebuilds when %s/ changes; Ctrl-C stops\n", site,
		    serve_port(srv), o.content_dir);
		fflush(out);
	}
	while (!stopped(&o)) {
		long long now = now_ms();
		int wait = due == 0 ? IDLE_MS : (int)(due > now ? due - now : 0);

		if (serve_step(srv, watch_fd(w), wait) && watch_read(w))
			due = now_ms() + DEBOUNCE_MS;
		if (due != 0 && now_ms() >= due && !stopped(&o)) {
			due = 0;
			if (build_once(&o, out, err, 1) == 0)
				serve_bump(srv);
		}
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
