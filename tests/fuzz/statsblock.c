/* tests/fuzz/statsblock.c - libFuzzer: a stats block run on the sample's tables. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "chart.h"
#include "diag.h"
#include "stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loading the sample's statistics once keeps each run fast; queries only
 * read, so runs cannot change the database.  Closed at exit. */
static struct stats *s;

static void
release(void)
{
	stats_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pos at = { "stories/x.md", 10, 1 };
	struct stats_block sb;
	struct chart c;
	struct arena a;
	struct diags d;

	diag_init(&d);
	if (s == NULL) {
		s = stats_open("content/stats", "stats", &d);
		atexit(release);
	}
	arena_init(&a);
	if (s != NULL && stats_block(&a, s, (const char *)data, size, at, &sb, &d) == 0)
		chart_model(&a, &sb, CHART_PERSIAN, &c, &d);
	arena_release(&a);
	diag_release(&d);
	return 0;
}
