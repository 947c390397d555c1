/* tests/leaflet.c - tri-fold panel order, highlights, QR code, overflow. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "diag.h"
#include "leaflet.h"
#include "page.h"
#include "support.h"

/*
 * Panel order.
 */

static void
trifold_sides(void **state)
{
	enum leaflet_panel out[3];

	(void)state;
	assert_int_equal(leaflet_trifold_order(0, out), 0);
	assert_int_equal(out[0], LEAFLET_COVER);
	assert_int_equal(out[1], LEAFLET_BACK);
	assert_int_equal(out[2], LEAFLET_FLAP);
	assert_int_equal(leaflet_trifold_order(1, out), 0);
	assert_int_equal(out[0], LEAFLET_INSIDE3);
	assert_int_equal(out[1], LEAFLET_INSIDE2);
	assert_int_equal(out[2], LEAFLET_INSIDE1);
	assert_int_equal(leaflet_trifold_order(2, out), -1);
	assert_int_equal(leaflet_trifold_order(-1, out), -1);
}

/* Where panel p is printed: side and column (0 = left). */
static void
find(enum leaflet_panel p, int *side, int *col)
{
	enum leaflet_panel out[3];
	int s, c;

	for (s = 0; s < 2; s++) {
		leaflet_trifold_order(s, out);
		for (c = 0; c < 3; c++)
			if (out[c] == p) {
				*side = s;
				*col = c;
				return;
			}
	}
	fail_msg("panel %d is not on the sheet", (int)p);
}

/*
 * Folding it by hand: turned over about a vertical axis, outside column c
 * lies behind inside column 2 - c.  The cover must back the first inside
 * panel (they are one leaf, turned over together when the leaflet opens to
 * the right), the flap the last one, and the back the middle one; and the
 * inside reads right to left, INSIDE1 rightmost.
 */
static void
trifold_folds_for_right_to_left(void **state)
{
	int side, col, s2, c2, seen[LEAFLET_PANEL__MAX] = { 0 }, p;

	(void)state;
	for (p = 0; p < LEAFLET_PANEL__MAX; p++) {
		find((enum leaflet_panel)p, &side, &col);
		assert_int_equal(seen[p]++, 0);
	}
	find(LEAFLET_COVER, &side, &col);
	find(LEAFLET_INSIDE1, &s2, &c2);
	assert_int_equal(side, 0);
	assert_int_equal(s2, 1);
	assert_int_equal(c2, 2 - col);
	/* The cover's hinge is on its right: it is not the rightmost panel,
	 * so its right edge is a fold. */
	assert_true(col < 2);
	find(LEAFLET_FLAP, &side, &col);
	find(LEAFLET_INSIDE3, &s2, &c2);
	assert_int_equal(c2, 2 - col);
	find(LEAFLET_BACK, &side, &col);
	find(LEAFLET_INSIDE2, &s2, &c2);
	assert_int_equal(col, 1);
	assert_int_equal(c2, 1);
	/* Right to left inside: 1 right of 2 right of 3. */
	find(LEAFLET_INSIDE1, &side, &col);
	find(LEAFLET_INSIDE2, &s2, &c2);
	assert_true(col > c2);
	find(LEAFLET_INSIDE3, &side, &col);
	assert_true(c2 > col);
}

static void
formats(void **state)
{
	(void)state;
	assert_int_equal(leaflet_format_parse("a5-flyer"), LEAFLET_A5_FLYER);
	assert_int_equal(leaflet_format_parse("a4-trifold"), LEAFLET_A4_TRIFOLD);
	assert_int_equal(leaflet_format_parse("a4"), LEAFLET_FORMAT__MAX);
	assert_int_equal(leaflet_format_parse(NULL), LEAFLET_FORMAT__MAX);
}

/*
 * QR code.
 */

static void
qr_urls(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(leaflet_qr_url(&a, "https://example.org/",
	    "https://example.org/programs/skills/"),
	    "https://example.org/programs/skills/");
	assert_string_equal(leaflet_qr_url(&a, "https://example.org/",
	    "programs/skills/"), "https://example.org/programs/skills/");
	assert_string_equal(leaflet_qr_url(&a, "https://example.org/",
	    "/programs/skills/"), "https://example.org/programs/skills/");
	assert_string_equal(leaflet_qr_url(&a, "https://example.org", "x/"),
	    "https://example.org/x/");
	assert_string_equal(leaflet_qr_url(&a, "https://example.org/", NULL),
	    "https://example.org/");
	arena_release(&a);
}

static void
qr_matrix(void **state)
{
	struct leaflet_qr q;
	struct arena a;
	int sym, i, j, dark = 0;

	(void)state;
	arena_init(&a);
	assert_int_equal(leaflet_qr_encode(&a,
	    "https://example.org/programs/counselling/", &q), 0);
	sym = q.size - 2 * LEAFLET_QR_QUIET;
	/* Versions 1..40 are 21, 25, ... 177 modules wide. */
	assert_true(sym >= 21 && sym <= 177 && (sym - 21) % 4 == 0);
	/* 41 bytes at level M need version 3. */
	assert_int_equal(sym, 29);
	/* The quiet zone is white all round. */
	for (i = 0; i < q.size; i++) {
		for (j = 0; j < LEAFLET_QR_QUIET; j++) {
			assert_int_equal(q.dark[j * q.size + i], 0);
			assert_int_equal(q.dark[(q.size - 1 - j) * q.size + i], 0);
			assert_int_equal(q.dark[i * q.size + j], 0);
			assert_int_equal(q.dark[i * q.size + q.size - 1 - j], 0);
		}
	}
	/* The finder patterns' corners are dark, their separators light. */
	assert_int_equal(q.dark[4 * q.size + 4], 1);
	assert_int_equal(q.dark[4 * q.size + 4 + sym - 1], 1);
	assert_int_equal(q.dark[(4 + sym - 1) * q.size + 4], 1);
	assert_int_equal(q.dark[(4 + 7) * q.size + 4], 0);
	for (i = 0; i < q.size * q.size; i++)
		dark += q.dark[i];
	assert_true(dark > sym * sym / 4 && dark < sym * sym * 3 / 4);
	arena_release(&a);
}

/*
 * Overflow.
 */

static void
page_with_lines(struct page *pg, struct page_item *items, size_t n, double y0)
{
	size_t i;

	memset(pg, 0, sizeof *pg);
	pg->items = items;
	pg->n = pg->cap = n;
	for (i = 0; i < n; i++) {
		memset(&items[i], 0, sizeof items[i]);
		items[i].kind = PAGE_LINE;
		items[i].y_pt = y0 + 15.0 * (double)i;
	}
}

static void
overflow_is_an_error_with_how_much(void **state)
{
	struct page pages[3];
	struct page_item a[2], b[2], c[3];
	struct page_book book;
	struct diags d;
	char *s;

	(void)state;
	memset(&book, 0, sizeof book);
	book.geom.width_pt = 280;
	book.geom.height_pt = 595;
	book.geom.top_pt = book.geom.bottom_pt = 30;
	page_with_lines(&pages[0], a, 2, 40);
	page_with_lines(&pages[1], b, 2, 40);
	page_with_lines(&pages[2], c, 3, 40);
	book.pages = pages;
	book.n = book.cap = 3;
	diag_init(&d);
	assert_int_equal(leaflet_check_fit(&book, 3, "leaflets/x.md", "inside",
	    &d), 0);
	assert_int_equal(leaflet_check_fit(&book, 2, "leaflets/x.md",
	    "tri-fold's three inside panels", &d), -1);
	s = test_printed(&d);
	/* Three lines over, the last baseline 40 pt below the first + 10. */
	assert_non_null(strstr(s, "leaflets/x.md"));
	assert_non_null(strstr(s, "the tri-fold's three inside panels does not "
	    "fit: 3 lines (about 40 pt) over"));
	free(s);
	diag_release(&d);
}

/* A leaflet whose body is far too long for an A5 flyer: nothing written,
 * an error naming the file. */
static void
long_flyer_is_not_written(void **state)
{
	char dir[] = "/tmp/leaflet-test-XXXXXX", path[256];
	struct leaflet_input in;
	struct config cfg;
	struct arena a;
	struct diags d;
	const char *names[] = { "leaflets/long" };
	FILE *fp;
	char *s;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/leaflets", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/leaflets/long.md", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("---\ntitle: بلند\nprogram: آموزش مهارت\nformat: a5-flyer\n"
	    "phone: \"021-0000-1403\"\nwebsite: programs/skills/\n"
	    "highlights:\n  - value: 17000\n    label: زن\n---\n\n", fp);
	for (i = 0; i < 60; i++)
		fputs("ستاد توانمندسازی زنان سرپرست خانوار برای زنانی که "
		    "می‌خواهند حرفه‌ای تازه بیاموزند دوره‌های رایگان برگزار "
		    "می‌کند.\n\n", fp);
	fclose(fp);

	arena_init(&a);
	diag_init(&d);
	config_defaults(&cfg);
	cfg.leaflets = names;
	cfg.nleaflets = 1;
	cfg.base_url = "https://example.org/";
	memset(&in, 0, sizeof in);
	in.cfg = &cfg;
	in.content_dir = dir;
	in.fonts_dir = "fonts";
	snprintf(path, sizeof path, "%s/out", dir);
	in.out_dir = path;
	in.date = "2024-03-20T00:00:00Z";
	assert_int_equal(leaflet_write_all(&a, &in, &d), -1);
	s = test_printed(&d);
	assert_non_null(strstr(s, "leaflets/long.md"));
	assert_non_null(strstr(s, "A5 flyer (front and back) does not fit"));
	assert_non_null(strstr(s, "lines (about"));
	free(s);
	snprintf(path, sizeof path, "%s/out/long.pdf", dir);
	assert_int_equal(access(path, F_OK), -1);
	diag_release(&d);
	arena_release(&a);
	test_remove_tree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trifold_sides),
		cmocka_unit_test(trifold_folds_for_right_to_left),
		cmocka_unit_test(formats),
		cmocka_unit_test(qr_urls),
		cmocka_unit_test(qr_matrix),
		cmocka_unit_test(overflow_is_an_error_with_how_much),
		cmocka_unit_test(long_flyer_is_not_written),
	};

	return cmocka_run_group_tests_name("leaflet", tests, NULL, NULL);
}
