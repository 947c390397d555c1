/* tests/font.c - loading Vazirmatn with the presentation forms unmapped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "diag.h"
#include "font.h"

static void
loads_every_style(void **state)
{
	struct fonts fs;
	struct diags d;
	hb_codepoint_t g;
	int s;

	(void)state;
	diag_init(&d);
	assert_int_equal(font_load(&fs, "fonts", &d), 0);
	for (s = 0; s < FONT_STYLE__MAX; s++) {
		assert_non_null(fs.f[s].hb);
		assert_non_null(fs.f[s].cairo);
		/* Vazirmatn has 2048 units per em, Vazir Code 1000. */
		assert_int_equal(fs.f[s].upem, s == FONT_MONO ? 1000 : 2048);
		assert_true(fs.f[s].ascender > 0);
		assert_true(fs.f[s].descender < 0);
		/* Letters, Persian digits and ZWNJ are still mapped... */
		assert_true(hb_font_get_nominal_glyph(fs.f[s].hb, 0x0644, &g));
		assert_true(hb_font_get_nominal_glyph(fs.f[s].hb, 0x06F4, &g));
		assert_true(hb_font_get_nominal_glyph(fs.f[s].hb, 0x200C, &g));
		/* ...but the presentation forms are not (TYPESETTING.md T4). */
		assert_false(hb_font_get_nominal_glyph(fs.f[s].hb, 0xFEFC, &g));
		assert_false(hb_font_get_nominal_glyph(fs.f[s].hb, 0xFDF2, &g));
		assert_false(hb_font_get_nominal_glyph(fs.f[s].hb, 0xFB8E, &g));
	}
	font_release(&fs);
	assert_int_equal(d.n, 0);
	diag_release(&d);
}

static void
missing_fonts_say_what_to_do(void **state)
{
	struct fonts fs;
	struct diags d;

	(void)state;
	diag_init(&d);
	assert_int_equal(font_load(&fs, "tests/no-such-folder", &d), -1);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	assert_non_null(strstr(d.v[0].msg, "run 'make'"));
	diag_release(&d);
}

static void
fallback_for_what_vazirmatn_lacks(void **state)
{
	struct fonts fs;
	struct diags d;
	const struct font *f, *again;

	(void)state;
	diag_init(&d);
	assert_int_equal(font_load(&fs, "fonts", &d), 0);
	/* Vazirmatn has Persian letters and ZWNJ itself. */
	assert_ptr_equal(font_for(&fs, FONT_BOLD, 0x06CC), &fs.f[FONT_BOLD]);
	assert_ptr_equal(font_for(&fs, FONT_REGULAR, 0x200C), &fs.f[FONT_REGULAR]);
	/* Hebrew comes from a system font (DejaVu Sans, installed by make
	 * test), loaded once and kept. */
	f = font_for(&fs, FONT_REGULAR, 0x05E9);
	assert_non_null(f);
	assert_ptr_not_equal(f, &fs.f[FONT_REGULAR]);
	again = font_for(&fs, FONT_REGULAR, 0x05DC);
	assert_ptr_equal(again, f);
	/* A private-use character of plane 16: no font has it. */
	assert_null(font_for(&fs, FONT_REGULAR, 0x10FFFD));
	assert_null(font_for(&fs, FONT_REGULAR, 0x10FFFD));
	font_release(&fs);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_every_style),
		cmocka_unit_test(missing_fonts_say_what_to_do),
		cmocka_unit_test(fallback_for_what_vazirmatn_lacks),
	};

	return cmocka_run_group_tests_name("font", tests, NULL, NULL);
}
