/* progress.c - the progress line, stage lines and timings on stderr. */
#include <string.h>
#include <time.h>

#include "progress.h"

/* A terminal gets a new line at most this often, in seconds (10 Hz); a
 * log (--verbose, not a terminal) a count at most once in LOG_EVERY. */
#define DRAW_EVERY	0.1
#define LOG_EVERY	2.0

/* As --timings lists the stages. */
static const char *const stage_names[PROGRESS_STAGE__MAX] = {
	"load", "stats", "compare", "shape/flow", "layout", "pdf write",
	"print imposition", "leaflets", "site", "publish",
};

/* What --verbose says when a stage starts. */
static const char *const stage_lines[PROGRESS_STAGE__MAX] = {
	"reading the content",
	"loading the statistics",
	"comparing the booklet's sources with the last build",
	"shaping the stories",
	"setting the pages",
	"writing the booklet",
	"imposing the booklet for print",
	"setting the leaflets",
	"making the site",
	"publishing the outputs",
};

static const char *const count_names[PROGRESS_COUNT__MAX] = {
	"stories shaped", "pages set", "pages written", "site pages written",
};

double
progress_monotonic(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
progress_color(const struct progress_env *env)
{
	if (!env->tty)
		return 0;
	if (env->no_color != NULL && env->no_color[0] != '\0')
		return 0;
	return env->term == NULL || strcmp(env->term, "dumb") != 0;
}

void
progress_init(struct progress *p, FILE *fp, const struct progress_env *env,
    unsigned flags, progress_clock now, void *now_ctx)
{
	memset(p, 0, sizeof *p);
	p->fp = fp;
	p->now = now != NULL ? now : progress_monotonic;
	p->now_ctx = now_ctx;
	p->color = progress_color(env);
	if (!(flags & PROGRESS_QUIET)) {
		/* A dumb terminal may not know '\r': it gets a log. */
		p->live = env->tty && (env->term == NULL ||
		    strcmp(env->term, "dumb") != 0);
		p->verbose = (flags & PROGRESS_VERBOSE) != 0;
	}
	p->stage = -1;
	/* Nothing shows before the first tenth of a second: a quick run
	 * leaves no trace on the screen. */
	p->last_drawn = p->now(p->now_ctx);
}

/* Adds the time since the running stage started to it. */
static void
end_stage(struct progress *p, double now)
{
	if (p->stage >= 0)
		p->seconds[p->stage] += now - p->stage_started;
	p->stage = -1;
}

void
progress_stage(struct progress *p, enum progress_stage s)
{
	double now;

	if (p == NULL)
		return;
	now = p->now(p->now_ctx);
	end_stage(p, now);
	p->stage = (int)s;
	p->stage_started = now;
	if (p->verbose && !p->ran[s]) {
		progress_clear(p);
		fprintf(p->fp, "daftar: %s…\n", stage_lines[s]);
		fflush(p->fp);
	}
	p->ran[s] = 1;
}

void
progress_add_seconds(struct progress *p, enum progress_stage s, double secs)
{
	if (p == NULL)
		return;
	p->seconds[s] += secs;
	p->ran[s] = 1;
}

size_t
progress_line(const struct progress *p, char *buf, size_t size)
{
	int n;

	if (size == 0)
		return 0;
	if (p->total > 0)
		n = snprintf(buf, size, "daftar: %s %zu/%zu",
		    count_names[p->what], p->done, p->total);
	else
		n = snprintf(buf, size, "daftar: %s %zu", count_names[p->what],
		    p->done);
	if (n < 0)
		n = 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* Draws the line over the one on the screen, padded to cover it. */
static void
draw(struct progress *p)
{
	char line[128];
	size_t n = progress_line(p, line, sizeof line), pad;

	fputc('\r', p->fp);
	fputs(line, p->fp);
	for (pad = n; pad < p->drawn; pad++)
		fputc(' ', p->fp);
	fflush(p->fp);
	p->drawn = n > p->drawn ? n : p->drawn;
}

void
progress_count(struct progress *p, enum progress_count what, size_t done,
    size_t total)
{
	char line[128];
	double now;

	if (p == NULL || (!p->live && !p->verbose))
		return;
	p->what = what;
	p->done = done;
	p->total = total;
	now = p->now(p->now_ctx);
	if (p->live) {
		if (now - p->last_drawn < DRAW_EVERY)
			return;
		p->last_drawn = now;
		draw(p);
		return;
	}
	/* --verbose into a log: a plain line now and then. */
	if (now - p->last_drawn < LOG_EVERY)
		return;
	p->last_drawn = now;
	progress_line(p, line, sizeof line);
	fprintf(p->fp, "%s\n", line);
	fflush(p->fp);
}

void
progress_clear(struct progress *p)
{
	size_t i;

	if (p == NULL || p->drawn == 0)
		return;
	/* Spaces, not an escape sequence: any terminal understands them,
	 * and NO_COLOR output stays free of escapes. */
	fputc('\r', p->fp);
	for (i = 0; i < p->drawn; i++)
		fputc(' ', p->fp);
	fputc('\r', p->fp);
	fflush(p->fp);
	p->drawn = 0;
}

void
progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	end_stage(p, p->now(p->now_ctx));
	progress_clear(p);
}

void
progress_timings(const struct progress *p, FILE *fp)
{
	double total = 0;
	int i;

	if (p == NULL)
		return;
	fprintf(fp, "daftar: time per stage, seconds\n");
	for (i = 0; i < PROGRESS_STAGE__MAX; i++) {
		if (!p->ran[i]) {
			fprintf(fp, "  %-17s %8s\n", stage_names[i], "-");
			continue;
		}
		fprintf(fp, "  %-17s %8.3f%s\n", stage_names[i], p->seconds[i],
		    i == PROGRESS_PRINT ? "  (beside pdf write)" : "");
		if (i != PROGRESS_PRINT)
			total += p->seconds[i];
	}
	fprintf(fp, "  %-17s %8.3f\n", "total", total);
}
