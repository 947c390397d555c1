/* tests/shape.c - HarfBuzz runs: ZWNJ glyph, clusters, joining in context. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "shape.h"
#include "support.h"

static struct shape_glyph *
shape(struct test_fonts *fx, const char *t, size_t off, size_t len, int rtl,
    size_t *n)
{
	struct shape_glyph *g;

	assert_int_equal(shape_run(fx->s, &fx->fs.f[FONT_REGULAR], t, strlen(t),
	    off, len, rtl, &fx->a, &g, n), 0);
	return g;
}

static void
zwnj_keeps_its_own_glyph(void **state)
{
	/* T3: by default HarfBuzz draws ZWNJ with the space glyph, which then
	 * copies out as a space.  "می‌شود": ZWNJ is bytes 4..6. */
	struct test_fonts *fx = *state;
	const char *t = "می‌شود";
	struct shape_glyph *g, *sp;
	size_t n, nsp, i;
	int found = 0;

	g = shape(fx, t, 0, strlen(t), 1, &n);
	sp = shape(fx, " ", 0, 1, 1, &nsp);
	assert_int_equal(nsp, 1);
	for (i = 0; i < n; i++) {
		if (g[i].cluster != 4)
			continue;
		found = 1;
		assert_int_not_equal(g[i].gid, sp[0].gid);
		assert_int_equal(g[i].adv, 0);
	}
	assert_true(found);
}

static void
rtl_clusters_fall_left_to_right(void **state)
{
	struct test_fonts *fx = *state;
	const char *t = "سلام دنیا";
	struct shape_glyph *g;
	size_t n, i;

	g = shape(fx, t, 0, strlen(t), 1, &n);
	assert_true(n >= 6);
	for (i = 1; i < n; i++)
		assert_true(g[i - 1].cluster >= g[i].cluster);
	assert_int_equal(g[n - 1].cluster, 0);
}

static void
style_change_keeps_letters_joined(void **state)
{
	/* T5: "**کتاب**ها" shapes "کتاب" as its own run; with the paragraph as
	 * context its last letter still takes the joining form. */
	struct test_fonts *fx = *state;
	const char *t = "کتابها";
	struct shape_glyph *ctx, *alone;
	size_t n1, n2;

	ctx = shape(fx, t, 0, 8, 1, &n1);
	alone = shape(fx, "کتاب", 0, 8, 1, &n2);
	assert_int_equal(n1, n2);
	/* Visual order: the first glyph is the last letter, ب. */
	assert_int_equal(ctx[0].cluster, 6);
	assert_int_equal(alone[0].cluster, 6);
	assert_int_not_equal(ctx[0].gid, alone[0].gid);
}

static void
lam_alef_is_one_cluster(void **state)
{
	struct test_fonts *fx = *state;
	const char *t = "کلاس";	/* ک ل ا س: lam-alef ligates */
	struct shape_glyph *g;
	size_t n, i;
	int lam = 0, alef = 0;

	g = shape(fx, t, 0, strlen(t), 1, &n);
	for (i = 0; i < n; i++) {
		lam += g[i].cluster == 2;
		alef += g[i].cluster == 4;
	}
	assert_true(lam >= 1);
	assert_int_equal(alef, 0);
}

static void
brackets_keep_the_glyph_as_written(void **state)
{
	/* In right-to-left text "(" looks like ")": the glyph drawn must be
	 * the one of "(" (flipped when drawn), so it copies back as "(". */
	struct test_fonts *fx = *state;
	const char *t = "کتاب (جلد) دوم";
	struct shape_glyph *g;
	hb_codepoint_t open, close;
	size_t n, i;
	int seen = 0;

	assert_true(hb_font_get_nominal_glyph(fx->fs.f[FONT_REGULAR].hb, '(', &open));
	assert_true(hb_font_get_nominal_glyph(fx->fs.f[FONT_REGULAR].hb, ')', &close));
	g = shape(fx, t, 0, strlen(t), 1, &n);
	for (i = 0; i < n; i++) {
		if (g[i].cluster == strlen("کتاب ")) {
			assert_int_equal(g[i].gid, open);
			assert_true(g[i].flip);
			seen++;
		}
		if (g[i].cluster == strlen("کتاب (جلد")) {
			assert_int_equal(g[i].gid, close);
			assert_true(g[i].flip);
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	/* Left to right, nothing is mirrored. */
	g = shape(fx, "(a)", 0, 3, 0, &n);
	for (i = 0; i < n; i++)
		assert_false(g[i].flip);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zwnj_keeps_its_own_glyph),
		cmocka_unit_test(rtl_clusters_fall_left_to_right),
		cmocka_unit_test(style_change_keeps_letters_joined),
		cmocka_unit_test(lam_alef_is_one_cluster),
		cmocka_unit_test(brackets_keep_the_glyph_as_written),
	};

	return cmocka_run_group_tests_name("shape", tests, test_fonts_setup,
	    test_fonts_teardown);
}
