/* tests/progress.c - the progress line, its throttling, stage lines, timings, colour. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "progress.h"

/* A clock the test turns by hand. */
struct fake_clock {
	double t;
};

static double
fake_now(void *ctx)
{
	return ((struct fake_clock *)ctx)->t;
}

/* A progress writing into memory, its bytes readable after each step. */
struct capture {
	char *buf;
	size_t len;
	FILE *fp;
	struct fake_clock clock;
	struct progress p;
};

static void
capture_start(struct capture *c, int tty, const char *term, unsigned flags)
{
	struct progress_env env = { tty, NULL, term };

	memset(c, 0, sizeof *c);
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
	progress_init(&c->p, c->fp, &env, flags, fake_now, &c->clock);
}

/* What was written so far. */
static const char *
captured(struct capture *c)
{
	fflush(c->fp);
	return c->buf != NULL ? c->buf : "";
}

static void
capture_end(struct capture *c)
{
	fclose(c->fp);
	free(c->buf);
}

static void
line_renders_counts(void **state)
{
	struct capture c;
	char line[64];

	(void)state;
	capture_start(&c, 1, "xterm", 0);
	c.p.what = PROGRESS_PAGES_SET;
	c.p.done = 12;
	c.p.total = 40;
	assert_int_equal(progress_line(&c.p, line, sizeof line), 23);
	assert_string_equal(line, "daftar: pages set 12/40");
	c.p.what = PROGRESS_SITE_PAGES;
	c.p.done = 7;
	c.p.total = 0;
	progress_line(&c.p, line, sizeof line);
	assert_string_equal(line, "daftar: site pages written 7");
	c.p.what = PROGRESS_STORIES;
	c.p.done = 1;
	c.p.total = 1000;
	progress_line(&c.p, line, sizeof line);
	assert_string_equal(line, "daftar: stories shaped 1/1000");
	/* a buffer too small still ends in NUL */
	assert_int_equal(progress_line(&c.p, line, 8), 7);
	assert_string_equal(line, "daftar:");
	capture_end(&c);
}

static void
terminal_line_is_throttled_and_cleared(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c, 1, "xterm", 0);
	/* nothing in the first tenth of a second */
	c.clock.t = 0.05;
	progress_count(&c.p, PROGRESS_PAGES_SET, 1, 0);
	assert_string_equal(captured(&c), "");
	c.clock.t = 0.15;
	progress_count(&c.p, PROGRESS_PAGES_SET, 2, 0);
	assert_string_equal(captured(&c), "\rdaftar: pages set 2");
	/* ten times a second at most */
	c.clock.t = 0.20;
	progress_count(&c.p, PROGRESS_PAGES_SET, 3, 0);
	assert_string_equal(captured(&c), "\rdaftar: pages set 2");
	c.clock.t = 0.26;
	progress_count(&c.p, PROGRESS_PAGES_WRITTEN, 4, 9);
	assert_string_equal(captured(&c), "\rdaftar: pages set 2"
	    "\rdaftar: pages written 4/9");
	/* a shorter line covers the longer one's end with spaces */
	c.clock.t = 0.40;
	progress_count(&c.p, PROGRESS_PAGES_SET, 5, 0);
	assert_string_equal(captured(&c), "\rdaftar: pages set 2"
	    "\rdaftar: pages written 4/9\rdaftar: pages set 5      ");
	/* cleared with spaces, no escape sequence, back at the start */
	progress_clear(&c.p);
	assert_string_equal(captured(&c), "\rdaftar: pages set 2"
	    "\rdaftar: pages written 4/9\rdaftar: pages set 5      "
	    "\r                         \r");
	assert_null(strchr(captured(&c), '\033'));
	/* a second clear writes nothing */
	progress_end(&c.p);
	assert_int_equal(strlen(captured(&c)), 20 + 26 + 26 + 27);
	capture_end(&c);
}

static void
not_a_terminal_stays_silent(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c, 0, "xterm", 0);
	progress_stage(&c.p, PROGRESS_LOAD);
	c.clock.t = 5;
	progress_count(&c.p, PROGRESS_PAGES_SET, 100, 200);
	progress_stage(&c.p, PROGRESS_SITE);
	c.clock.t = 10;
	progress_end(&c.p);
	assert_string_equal(captured(&c), "");
	capture_end(&c);
	/* quiet on a terminal, and a dumb terminal, are silent too */
	capture_start(&c, 1, "xterm", PROGRESS_QUIET);
	c.clock.t = 5;
	progress_stage(&c.p, PROGRESS_LOAD);
	progress_count(&c.p, PROGRESS_PAGES_SET, 100, 200);
	assert_string_equal(captured(&c), "");
	capture_end(&c);
	capture_start(&c, 1, "dumb", 0);
	c.clock.t = 5;
	progress_count(&c.p, PROGRESS_PAGES_SET, 100, 200);
	assert_string_equal(captured(&c), "");
	capture_end(&c);
}

static void
verbose_log_has_stage_lines_and_few_counts(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c, 0, NULL, PROGRESS_VERBOSE);
	progress_stage(&c.p, PROGRESS_LOAD);
	c.clock.t = 1;
	progress_count(&c.p, PROGRESS_PAGES_SET, 1, 0);
	c.clock.t = 2.5;
	progress_count(&c.p, PROGRESS_PAGES_SET, 2, 0);
	c.clock.t = 3;
	progress_count(&c.p, PROGRESS_PAGES_SET, 3, 0);
	progress_stage(&c.p, PROGRESS_LAYOUT);
	progress_stage(&c.p, PROGRESS_FLOW);
	/* a stage started again is not said again */
	progress_stage(&c.p, PROGRESS_LAYOUT);
	progress_end(&c.p);
	assert_string_equal(captured(&c),
	    "daftar: reading the content…\n"
	    "daftar: pages set 2\n"
	    "daftar: setting the pages…\n"
	    "daftar: shaping the stories…\n");
	capture_end(&c);
}

static void
timings_list_every_stage(void **state)
{
	static const char *const names[] = {
		"load", "stats", "shape/flow", "layout", "pdf write",
		"print imposition", "leaflets", "site", "publish", "total",
	};
	struct capture c;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp;

	(void)state;
	capture_start(&c, 0, NULL, 0);
	progress_stage(&c.p, PROGRESS_LOAD);
	c.clock.t = 0.25;
	progress_stage(&c.p, PROGRESS_LAYOUT);
	c.clock.t = 1.0;
	progress_stage(&c.p, PROGRESS_LOAD);	/* time adds up */
	c.clock.t = 1.5;
	progress_add_seconds(&c.p, PROGRESS_PRINT, 0.5);
	progress_end(&c.p);
	fp = open_memstream(&buf, &len);
	progress_timings(&c.p, fp);
	fclose(fp);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strstr(buf, names[i]) == NULL)
			fail_msg("no '%s' in:\n%s", names[i], buf);
	assert_non_null(strstr(buf, "  load                 0.750\n"));
	assert_non_null(strstr(buf, "  layout               0.750\n"));
	assert_non_null(strstr(buf, "  stats                    -\n"));
	assert_non_null(strstr(buf, "  print imposition     0.500  (beside pdf write)\n"));
	/* the second thread's time runs beside the first's */
	assert_non_null(strstr(buf, "  total                1.500\n"));
	free(buf);
	capture_end(&c);
	/* NULL reports nothing and does not crash */
	progress_stage(NULL, PROGRESS_LOAD);
	progress_count(NULL, PROGRESS_PAGES_SET, 1, 1);
	progress_end(NULL);
}

static void
colour_follows_tty_no_color_and_term(void **state)
{
	struct progress_env env;

	(void)state;
	env = (struct progress_env){ 1, NULL, "xterm-256color" };
	assert_true(progress_color(&env));
	env.no_color = "";		/* empty: as if unset */
	assert_true(progress_color(&env));
	env.no_color = "1";
	assert_false(progress_color(&env));
	env.no_color = NULL;
	env.term = "dumb";
	assert_false(progress_color(&env));
	env.term = NULL;
	assert_true(progress_color(&env));
	env.tty = 0;
	assert_false(progress_color(&env));
}

static void
diagnostics_colour_the_level_word(void **state)
{
	struct diags d;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	diag_init(&d);
	diag_error(&d, (struct pos){ "stories/x.md", 3, 1 }, "bad");
	diag_warn(&d, (struct pos){ "stories/x.md", 4, 2 }, "odd");
	diag_note(&d, (struct pos){ "stories/y.md", 0, 0 }, "left out");
	fp = open_memstream(&buf, &len);
	diag_print_styled(&d, fp, DIAG_NOTE, 1);
	fclose(fp);
	assert_string_equal(buf,
	    "stories/x.md:3:1: \033[1;31merror\033[0m: bad\n"
	    "stories/x.md:4:2: \033[33mwarning\033[0m: odd\n"
	    "stories/y.md: \033[2mnote\033[0m: left out\n");
	free(buf);
	buf = NULL;
	/* --quiet: no notes; no colour: the plain words */
	fp = open_memstream(&buf, &len);
	diag_print_styled(&d, fp, DIAG_WARN, 0);
	fclose(fp);
	assert_string_equal(buf, "stories/x.md:3:1: error: bad\n"
	    "stories/x.md:4:2: warning: odd\n");
	free(buf);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_renders_counts),
		cmocka_unit_test(terminal_line_is_throttled_and_cleared),
		cmocka_unit_test(not_a_terminal_stays_silent),
		cmocka_unit_test(verbose_log_has_stage_lines_and_few_counts),
		cmocka_unit_test(timings_list_every_stage),
		cmocka_unit_test(colour_follows_tty_no_color_and_term),
		cmocka_unit_test(diagnostics_colour_the_level_word),
	};

	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
