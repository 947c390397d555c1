/* tests/bidi.c - paragraph levels (FriBidi) and per-line reordering. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "bidi.h"

static char *
levels_of(struct arena *a, const char *s, int dir, int *rtl)
{
	struct bidi_par p;
	char *out;
	size_t i;

	assert_int_equal(bidi_paragraph(a, s, strlen(s), dir, &p), 0);
	out = arena_alloc(a, p.n + 1);
	for (i = 0; i < p.n; i++)
		out[i] = (char)('0' + p.level[i]);
	*rtl = p.rtl;
	return out;
}

static void
brackets_pair_across_directions(void **state)
{
	/* TYPESETTING.md T7: without bracket types ")" would get level 1. */
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	assert_string_equal(levels_of(&a, "abc (def) فارسی", 0, &rtl),
	    "222222222111111");
	assert_true(rtl);
	arena_release(&a);
}

static void
direction_from_letters(void **state)
{
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	/* No right-to-left letter at all: a left-to-right paragraph. */
	assert_string_equal(levels_of(&a, "Excel 2024", 0, &rtl), "0000000000");
	assert_false(rtl);
	/* One Persian word anywhere makes the paragraph right to left, even when
	 * it starts with Latin (UAX #9 P2 alone would say LTR). */
	levels_of(&a, "Excel در خانه", 0, &rtl);
	assert_true(rtl);
	/* Forced directions, for list markers. */
	assert_string_equal(levels_of(&a, "۱.", 1, &rtl), "21");
	assert_true(rtl);
	arena_release(&a);
}

static void
numbers_are_left_to_right_runs(void **state)
{
	/* T8: digits form their own even-level run inside RTL text. */
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	assert_string_equal(levels_of(&a, "سال ۱۴۰۳ بود", 0, &rtl),
	    "111122221111");
	arena_release(&a);
}

static void
utf8_decoding(void **state)
{
	const char s[] = "a\xd9\x81\xe2\x80\x8c\xf0\x9f\x98\x80\xff";
	size_t i = 0;

	(void)state;
	assert_int_equal(bidi_utf8_next(s, sizeof s - 1, &i), 'a');
	assert_int_equal(bidi_utf8_next(s, sizeof s - 1, &i), 0x0641);
	assert_int_equal(bidi_utf8_next(s, sizeof s - 1, &i), 0x200C);
	assert_int_equal(bidi_utf8_next(s, sizeof s - 1, &i), 0x1F600);
	assert_int_equal(bidi_utf8_next(s, sizeof s - 1, &i), 0xFFFD);
	assert_int_equal(i, sizeof s - 1);
}

static void
reorder_line(void **state)
{
	static const uint8_t rtl_with_ltr[] = { 1, 2, 2, 1 };
	static const uint8_t ltr_only[] = { 0, 0, 0 };
	static const uint8_t nested[] = { 1, 2, 3, 3, 2, 1 };
	size_t order[6];

	(void)state;
	bidi_reorder(rtl_with_ltr, 4, order);
	assert_int_equal(order[0], 3);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 2);
	assert_int_equal(order[3], 0);
	bidi_reorder(ltr_only, 3, order);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[2], 2);
	bidi_reorder(nested, 6, order);
	/* Level 3 reversed twice more than level 2: 5 1 2 3 4 0 -> visual. */
	assert_int_equal(order[0], 5);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
	assert_int_equal(order[4], 4);
	assert_int_equal(order[5], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(brackets_pair_across_directions),
		cmocka_unit_test(direction_from_letters),
		cmocka_unit_test(numbers_are_left_to_right_runs),
		cmocka_unit_test(utf8_decoding),
		cmocka_unit_test(reorder_line),
	};

	return cmocka_run_group_tests_name("bidi", tests, NULL, NULL);
}
