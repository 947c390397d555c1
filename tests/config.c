/* tests/config.c - config_load(): the sample booklet.yaml, types, positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "lint.h"
#include "support.h"

/* Run from the repository root (the Makefile does): data paths are relative. */
#define CASES	"tests/config"

struct fx {
	struct arena a;
	struct diags d;
	struct config c;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	arena_init(&fx->a);
	diag_init(&fx->d);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	diag_release(&fx->d);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

static void
sample_booklet(void **state)
{
	struct fx *fx = *state;
	const struct config *c = &fx->c;
	const struct config_chapter *ch;

	assert_int_equal(config_load(&fx->a, "content/booklet.yaml",
	    "booklet.yaml", &fx->c, &fx->d), 0);
	assert_int_equal(fx->d.n, 0);
	assert_string_equal(c->title, "کتابچه زنان توانمند ۱۴۰۳");
	assert_string_equal(c->subtitle, "روایت‌هایی از مهارت، کار و امید");
	assert_non_null(c->organization);
	assert_int_equal(c->year, 1403);
	assert_string_equal(c->language, "fa");
	assert_true(c->page_width_mm == 148 && c->page_height_mm == 210);
	assert_true(c->margin_top_mm == 18 && c->margin_bottom_mm == 20);
	assert_true(c->margin_inner_mm == 20 && c->margin_outer_mm == 14);
	assert_string_equal(c->font_family, "Vazirmatn");
	assert_true(c->font_size_pt == 10.5 && c->line_height == 1.6);
	assert_true(c->digits_persian);
	assert_int_equal(c->keep_lines, 2);

	assert_int_equal(c->nchapters, 2);
	ch = &c->chapters[0];
	assert_int_equal(ch->kind, CHAPTER_PAGE);
	assert_string_equal(ch->page, "pages/preface");
	assert_int_equal(ch->line, 26);
	ch = &c->chapters[1];
	assert_int_equal(ch->kind, CHAPTER_STORIES);
	assert_string_equal(ch->group_by, "program");
	assert_string_equal(ch->sort, "date");
	assert_int_equal(ch->norder, 5);
	assert_string_equal(ch->order[0], "آموزش مهارت");
	assert_string_equal(ch->order[4], "اوقات فراغت");

	assert_int_equal(c->nleaflets, 2);
	assert_string_equal(c->leaflets[0], "leaflets/amouzesh-maharat");
	assert_string_equal(c->leaflets[1], "leaflets/moshavereh-madadkari");
	assert_string_equal(c->base_url, "https://example.org/");
	assert_int_equal(c->nsite_pages, 2);
	assert_string_equal(c->site_pages[0], "pages/about");
	/* HTML in the Markdown stays off the site unless asked for. */
	assert_false(c->site_raw_html);
	assert_false(c->print_crop_marks);
	assert_true(c->print_bleed_mm == 0);
}

/* lint: switches rules on and off by name. */
static void
lint_rules(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(config_load(&fx->a, CASES "/lint.yaml", "booklet.yaml",
	    &fx->c, &fx->d), 0);
	assert_int_equal(fx->d.n, 0);
	assert_int_equal(fx->c.lint_on, 1u << LINT_ASCII_DIGITS);
	assert_int_equal(fx->c.lint_off, 1u << LINT_ZWNJ_MI);
	config_defaults(&fx->c);
	assert_int_equal(fx->c.lint_on | fx->c.lint_off, 0);
}

static void
defaults(void **state)
{
	struct fx *fx = *state;
	const struct config *c = &fx->c;

	config_defaults(&fx->c);
	assert_true(c->page_width_mm == 148 && c->page_height_mm == 210);
	assert_true(c->margin_top_mm == 18 && c->margin_bottom_mm == 20);
	assert_true(c->margin_inner_mm == 20 && c->margin_outer_mm == 14);
	assert_string_equal(c->font_family, "Vazirmatn");
	assert_true(c->font_size_pt == 10.5 && c->line_height == 1.6);
	assert_true(c->digits_persian);
	assert_int_equal(c->nchapters, 0);
	assert_null(c->title);
	assert_null(c->base_url);
	/* booklet-print.pdf: plain sheets unless asked. */
	assert_false(c->print_crop_marks);
	assert_true(c->print_bleed_mm == 0);
}

static void
custom_values(void **state)
{
	struct fx *fx = *state;
	const struct config *c = &fx->c;
	const struct config_chapter *ch;

	assert_int_equal(config_load(&fx->a, CASES "/custom.yaml",
	    "config/custom.yaml", &fx->c, &fx->d), 0);
	assert_int_equal(fx->d.n, 0);
	assert_string_equal(c->title, "کتابچه: ویرایش دوم");
	/* Persian digits are a number too. */
	assert_int_equal(c->year, 1404);
	/* width_mm and height_mm win over size, whatever their order. */
	assert_true(c->page_width_mm == 200 && c->page_height_mm == 250);
	assert_true(c->margin_bottom_mm == 12.5 && c->margin_outer_mm == 10);
	assert_string_equal(c->font_family, "Sahel");
	assert_true(c->font_size_pt == 11 && c->line_height == 1.5);
	assert_false(c->digits_persian);
	assert_int_equal(c->keep_lines, 3);
	assert_string_equal(c->cover_image, "images/cover.jpg");

	/* Flow-style chapters; ".md" dropped; an empty stories: has defaults. */
	assert_int_equal(c->nchapters, 3);
	ch = &c->chapters[0];
	assert_int_equal(ch->kind, CHAPTER_STORIES);
	assert_string_equal(ch->group_by, "district");
	assert_string_equal(ch->sort, "title");
	assert_int_equal(ch->norder, 2);
	assert_string_equal(ch->order[1], "منطقه ۲");
	assert_string_equal(c->chapters[1].page, "pages/preface");
	ch = &c->chapters[2];
	assert_int_equal(ch->kind, CHAPTER_STORIES);
	assert_string_equal(ch->group_by, "program");
	assert_string_equal(ch->sort, "date");
	assert_int_equal(ch->norder, 0);

	assert_int_equal(c->nleaflets, 2);
	assert_string_equal(c->leaflets[0], "leaflets/a");
	/* base_url always ends in '/'. */
	assert_string_equal(c->base_url, "https://example.org/daftar/");
	assert_int_equal(c->nsite_pages, 0);
	assert_true(c->site_raw_html);
	/* Read as a leaflet's highlights, lines counted in booklet.yaml. */
	assert_int_equal(c->nsite_highlights, 2);
	assert_string_equal(c->site_highlights[0].value, "17000");
	assert_string_equal(c->site_highlights[0].label, "زن ثبت‌نام‌شده");
	assert_null(c->site_highlights[1].value);
	assert_string_equal(c->site_highlights[1].query, "SELECT COUNT(*) FROM t");
	assert_int_equal(c->site_highlights[1].line, c->site_highlights[0].line + 2);
	/* "yes" is true; "۳٫۵" is 3.5. */
	assert_true(c->print_crop_marks);
	assert_true(c->print_bleed_mm == 3.5);
}

static void
print_wrong_types(void **state)
{
	struct fx *fx = *state;

	/* crop_marks: maybe, bleed_mm: 30 (more than 20), and an unknown key. */
	assert_int_equal(config_load(&fx->a, CASES "/print.yaml", "booklet.yaml",
	    &fx->c, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 2);
	assert_int_equal(diag_count(&fx->d, DIAG_WARN), 1);
	assert_int_equal(fx->d.v[0].line, 3);
	assert_int_equal(fx->d.v[0].col, 15);
	assert_non_null(strstr(fx->d.v[0].msg, "'print.crop_marks'"));
	assert_int_equal(fx->d.v[1].line, 4);
	assert_int_equal(fx->d.v[1].col, 13);
	assert_non_null(strstr(fx->d.v[1].msg, "'print.bleed_mm'"));
	assert_int_equal(fx->d.v[2].level, DIAG_WARN);
	assert_int_equal(fx->d.v[2].line, 5);
	/* Bad values keep the defaults. */
	assert_false(fx->c.print_crop_marks);
	assert_true(fx->c.print_bleed_mm == 0);
}

static void
wrong_type_position(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(config_load(&fx->a, CASES "/wrong-types.yaml",
	    "booklet.yaml", &fx->c, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 8);
	/* "year: abc": at the value, line 2 column 7. */
	assert_string_equal(fx->d.v[0].file, "booklet.yaml");
	assert_int_equal(fx->d.v[0].line, 2);
	assert_int_equal(fx->d.v[0].col, 7);
	/* A bad value keeps the default. */
	assert_true(fx->c.font_size_pt == 10.5);
}

static void
missing_file(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(config_load(&fx->a, CASES "/no-such.yaml",
	    "booklet.yaml", &fx->c, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
	assert_string_equal(fx->d.v[0].file, "booklet.yaml");
}

/*
 * tests/config/NAME.yaml + NAME.diag: the diagnostics, exactly as printed;
 * config_load() fails exactly when there is an error among them.
 */

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_case(struct fx *fx, const char *name)
{
	size_t n = strlen(name) - strlen(".diag");
	char *want, *got;
	int rc;

	want = test_slurp(arena_printf(&fx->a, CASES "/%s", name));
	diag_release(&fx->d);
	rc = config_load(&fx->a, arena_printf(&fx->a, CASES "/%.*s.yaml",
	    (int)n, name), arena_printf(&fx->a, "config/%.*s.yaml", (int)n, name),
	    &fx->c, &fx->d);
	got = test_printed(&fx->d);
	if (strcmp(got, want) != 0)
		print_message("case %s\n", name);
	assert_string_equal(got, want);
	assert_int_equal(rc, strstr(want, ": error: ") != NULL ? -1 : 0);
	free(want);
	free(got);
}

static void
golden_diagnostics(void **state)
{
	struct fx *fx = *state;
	struct dirent *de;
	char *names[256];
	size_t n = 0, i;
	DIR *dp;

	dp = opendir(CASES);
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (has_suffix(de->d_name, ".diag") && n < 256)
			names[n++] = strdup(de->d_name);
	closedir(dp);
	assert_true(n >= 8);
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		check_case(fx, names[i]);
		free(names[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sample_booklet, setup, teardown),
		cmocka_unit_test_setup_teardown(defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(lint_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(custom_values, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_type_position, setup, teardown),
		cmocka_unit_test_setup_teardown(print_wrong_types, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(golden_diagnostics, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
