/* tests/bench-stats.c - how fast statistics load: time stats_open() on a folder, then one query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "stats.h"

/*
 * usage: tests/bench-stats DIR TABLE [QUERY]
 *
 * Loads DIR as the statistics folder and counts TABLE's rows, then runs
 * QUERY (a stats block's query) when given.  Prints rows, load seconds,
 * rows loaded per second and query seconds.  A benchmark, not a test: it
 * fails only when loading or the query does.
 */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs sql as a table block into b.  Returns 0, or -1 after printing the
 * diagnostics. */
static int
run(struct arena *a, struct stats *s, const char *sql, struct stats_block *b,
    struct diags *d)
{
	const char *body = arena_printf(a, "query: %s\nchart: table\n", sql);
	struct pos at = { "bench", 1, 1 };

	if (stats_block(a, s, body, strlen(body), at, b, d) != 0) {
		diag_print(d, stderr);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct stats_block b;
	struct stats *s;
	struct diags d;
	struct arena a;
	double t0, t1, t2, rows;
	int rc = 1;

	if (argc != 3 && argc != 4) {
		fputs("usage: tests/bench-stats DIR TABLE [QUERY]\n", stderr);
		return 2;
	}
	arena_init(&a);
	diag_init(&d);
	t0 = now();
	s = stats_open(argv[1], "stats", &d);
	t1 = now();
	if (s == NULL || diag_count(&d, DIAG_ERROR) > 0) {
		diag_print(&d, stderr);
		goto out;
	}
	if (run(&a, s, arena_printf(&a, "SELECT count(*) FROM \"%s\"", argv[2]),
	    &b, &d) != 0)
		goto out;
	rows = b.cells[0].num;
	t2 = now();
	if (argc == 4 && run(&a, s, argv[3], &b, &d) != 0)
		goto out;
	printf("%10.0f %10.2f %12.0f %10.3f\n", rows, t1 - t0,
	    t1 > t0 ? rows / (t1 - t0) : 0, now() - t2);
	rc = 0;
out:
	stats_free(s);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
