/* tests/pdf.c - glyph-to-cluster maps for Cairo. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "layout.h"
#include "pdf.h"

static void
rtl_run_with_a_ligature(void **state)
{
	/* Visual order, as HarfBuzz returns it: clusters fall from left to
	 * right; the two glyphs of cluster 4 are a ligature's marks. */
	struct layout_glyph g[4] = {
		{ 1, 0, 0, 6, 0, 0 }, { 2, 0, 0, 4, 0, 0 }, { 3, 0, 0, 4, 0, 0 }, { 4, 0, 0, 0, 0, 0 },
	};
	struct layout_run r = { 0 };
	cairo_text_cluster_t cl[4];

	(void)state;
	r.start = 0;
	r.end = 8;
	r.rtl = 1;
	r.glyphs = g;
	r.nglyphs = 4;
	assert_int_equal(pdf_clusters(&r, cl), 3);
	assert_int_equal(cl[0].num_bytes, 4);
	assert_int_equal(cl[0].num_glyphs, 1);
	assert_int_equal(cl[1].num_bytes, 2);
	assert_int_equal(cl[1].num_glyphs, 2);
	assert_int_equal(cl[2].num_bytes, 2);
	assert_int_equal(cl[2].num_glyphs, 1);
}

static void
ltr_run_starting_mid_paragraph(void **state)
{
	struct layout_glyph g[3] = {
		{ 1, 0, 0, 10, 0, 0 }, { 2, 0, 0, 11, 0, 0 }, { 3, 0, 0, 13, 0, 0 },
	};
	struct layout_run r = { 0 };
	cairo_text_cluster_t cl[3];

	(void)state;
	r.start = 10;
	r.end = 15;
	r.glyphs = g;
	r.nglyphs = 3;
	assert_int_equal(pdf_clusters(&r, cl), 3);
	assert_int_equal(cl[0].num_bytes, 1);
	assert_int_equal(cl[1].num_bytes, 2);
	assert_int_equal(cl[2].num_bytes, 2);
}

static void
non_monotonic_map_is_refused(void **state)
{
	struct layout_glyph g[3] = {
		{ 1, 0, 0, 0, 0, 0 }, { 2, 0, 0, 4, 0, 0 }, { 3, 0, 0, 2, 0, 0 },
	};
	struct layout_run r = { 0 };
	cairo_text_cluster_t cl[3];

	(void)state;
	r.start = 0;
	r.end = 6;
	r.glyphs = g;
	r.nglyphs = 3;
	assert_int_equal(pdf_clusters(&r, cl), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rtl_run_with_a_ligature),
		cmocka_unit_test(ltr_run_starting_mid_paragraph),
		cmocka_unit_test(non_monotonic_map_is_refused),
	};

	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
