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

static char *
put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		*o++ = (char)c;
	} else if (c < 0x800) {
		*o++ = (char)(0xC0 | c >> 6);
		*o++ = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*o++ = (char)(0xE0 | c >> 12);
		*o++ = (char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (char)(0x80 | (c & 0x3F));
	} else {
		*o++ = (char)(0xF0 | c >> 18);
		*o++ = (char)(0x80 | (c >> 12 & 0x3F));
		*o++ = (char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (char)(0x80 | (c & 0x3F));
	}
	return o;
}

/* s as a reader sees it on one line, from left to right, in UTF-8: with
 * daftar's levels (bidi_paragraph, dir 0) or, when plain is set, with plain
 * UAX #9 in a right-to-left paragraph (bidi_visual_order). */
static char *
visual_of(struct arena *a, const char *s, int plain)
{
	struct bidi_par p;
	size_t *order, i, n;
	char *out, *o;

	assert_int_equal(bidi_paragraph(a, s, strlen(s), 0, &p), 0);
	order = arena_array(a, p.n + 1, sizeof *order);
	if (plain)
		assert_int_equal(bidi_visual_order(a, p.cp, p.n, BIDI_BASE_RTL,
		    order, &n), 0);
	else {
		bidi_reorder(p.level, p.n, order);
		n = p.n;
	}
	out = o = arena_alloc(a, 4 * p.n + 1);
	for (i = 0; i < n; i++)
		o = put_utf8(o, p.cp[order[i]]);
	*o = '\0';
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
phone_numbers_read_as_written(void **state)
{
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	/* Plain UAX #9 leaves the hyphens at level 1 between the AN groups. */
	assert_string_equal(levels_of(&a, "شماره‌ی ۰۹۱۲-۰۰۰-۱۲۳۴ ثبت", 0, &rtl),
	    "1111111" "1" "2222222222222" "1" "111");
	/* (Plain UAX #9 drops the ZWNJ, a BN, from its order: rule X9.) */
	assert_string_equal(visual_of(&a, "شماره ۰۹۱۲-۰۰۰-۱۲۳۴ ثبت", 1),
	    "تبث ۱۲۳۴-۰۰۰-۰۹۱۲ هرامش");
	assert_string_equal(visual_of(&a, "شماره‌ی ۰۹۱۲-۰۰۰-۱۲۳۴ ثبت", 0),
	    "تبث ۰۹۱۲-۰۰۰-۱۲۳۴ ی‌هرامش");
	/* ASCII digits after a Persian word are AN too. */
	assert_string_equal(visual_of(&a, "تلفن 021-0000-1403", 0),
	    "021-0000-1403 نفلت");
	/* Spaces join groups when it starts with + or 0: the + comes along. */
	assert_string_equal(levels_of(&a, "تلفن +98 21 1234 5678 است", 0, &rtl),
	    "1111" "1" "2222222222222222" "1" "111");
	assert_string_equal(visual_of(&a, "تلفن +98 21 1234 5678 است", 0),
	    "تسا +98 21 1234 5678 نفلت");
	assert_string_equal(visual_of(&a, "تلفن ۰۲۱ ۸۸۸۸ ۱۲۳۴ است", 0),
	    "تسا ۰۲۱ ۸۸۸۸ ۱۲۳۴ نفلت");
	arena_release(&a);
}

static void
times_and_ranges_read_as_written(void **state)
{
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	/* A time: one span at level 2 (UAX #9 already got it right: ':' is
	 * CS, rule W4). */
	assert_string_equal(levels_of(&a, "ساعت ۸:۳۰ صبح", 0, &rtl),
	    "1111" "1" "2222" "1" "111");
	assert_string_equal(visual_of(&a, "ساعت ۸:۳۰ صبح", 0),
	    visual_of(&a, "ساعت ۸:۳۰ صبح", 1));
	/* A range of times is not: the hyphen is ES. */
	assert_string_equal(visual_of(&a, "از ۸:۳۰-۱۲:۰۰ باز است", 0),
	    "تسا زاب ۸:۳۰-۱۲:۰۰ زا");
	/* A range with an en dash reads as written: 1401 on the left. */
	assert_string_equal(levels_of(&a, "سال‌های ۱۴۰۱–۱۴۰۳ بود", 0, &rtl),
	    "1111111" "1" "222222222" "1" "111");
	assert_string_equal(visual_of(&a, "سال‌های ۱۴۰۱–۱۴۰۳ بود", 0),
	    "دوب ۱۴۰۱–۱۴۰۳ یاه‌لاس");
	assert_string_equal(visual_of(&a, "در 1399-1403", 0),
	    "1399-1403 رد");
	/* Numbers with separators inside join a range as whole groups. */
	assert_string_equal(visual_of(&a, "از ۱۲٬۵۰۰–۱۳٬۰۰۰ تومان", 0),
	    "ناموت ۱۲٬۵۰۰–۱۳٬۰۰۰ زا");
	arena_release(&a);
}

static void
plain_numbers_stay_plain_uax9(void **state)
{
	/* What UAX #9 already gets right, and what is no span, must keep
	 * exactly the plain UAX #9 order. */
	static const char *const same[] = {
		"سال ۱۴۰۳ بود",
		"۱۵ مهر ۱۴۰۳",			/* three tokens, not a phone */
		"سال ۱۴۰۳ و ۱۴۰۴",
		"مبلغ 12,500 تومان",
		"مبلغ ۱۲٬۵۰۰ تومان",
		"۳٫۵ درصد",
		"تاریخ 1403/01/01 است",
		"تاریخ ۱۴۰۳/۰۱/۰۱ است",
		"ساعت 8:30 صبح",
		"کد +98 است",			/* one group: not a span */
		"نمرات ۰ ۵ ۱۰ ۲۰",		/* spaced, but 5 digits: no phone */
		"سالهای ۱۴۰۱ – ۱۴۰۳",		/* spaced dash: not a span */
		"جمع ۱۲+۳۴-۵۶ است",		/* a sum, glued with + */
		"Excel 2016-2019 در خانه",	/* already left to right */
	};
	struct arena a;
	size_t i;
	int rtl;

	(void)state;
	arena_init(&a);
	for (i = 0; i < sizeof same / sizeof same[0]; i++)
		assert_string_equal(visual_of(&a, same[i], 0),
		    visual_of(&a, same[i], 1));
	assert_string_equal(levels_of(&a, "۱۵ مهر ۱۴۰۳", 0, &rtl),
	    "22" "1" "111" "1" "2222");
	assert_string_equal(levels_of(&a, "سال ۱۴۰۳ و ۱۴۰۴", 0, &rtl),
	    "111" "1" "2222" "1" "1" "1" "2222");
	assert_string_equal(levels_of(&a, "عدد ۴۲", 0, &rtl), "111122");
	arena_release(&a);
}

static void
numbers_left_alone_outside_rtl(void **state)
{
	struct arena a;
	int rtl;

	(void)state;
	arena_init(&a);
	/* A left-to-right paragraph: digits sit at level 0 like the rest. */
	assert_string_equal(levels_of(&a, "call 0912-000-1234", 0, &rtl),
	    "000000000000000000");
	assert_string_equal(levels_of(&a, "۰۹۱۲-۰۰۰-۱۲۳۴", -1, &rtl),
	    "0000000000000");
	/* Inside an author's RLI...PDI the digits sit at level 4: the author
	 * chose, and the order stays plain UAX #9. */
	assert_string_equal(levels_of(&a, "عدد \xe2\x81\xa7۱-۲\xe2\x81\xa9",
	    0, &rtl), "11111" "444" "1");
	assert_string_equal(visual_of(&a, "عدد \xe2\x81\xa7۱-۲\xe2\x81\xa9", 0),
	    visual_of(&a, "عدد \xe2\x81\xa7۱-۲\xe2\x81\xa9", 1));
	arena_release(&a);
}

static void
visual_order_is_plain_uax9(void **state)
{
	/* BidiCharacterTest.txt: explicit embeddings leave the order, and
	 * auto takes the first strong letter (P2), not daftar's rule. */
	static const uint32_t embed[] = { 0x202E, 'a', 0x202A, 'b', 0x202C,
	    0x2066, 'c', 0x2069, 0x202A, 'd', 0x202C, 'e', 0x202C };
	static const size_t embed_order[] = { 11, 9, 7, 6, 5, 3, 1 };
	static const uint32_t latin_first[] = { 'a', ' ', 0x05D0 };
	struct arena a;
	size_t order[16], n, i;

	(void)state;
	arena_init(&a);
	assert_int_equal(bidi_visual_order(&a, embed, 13, BIDI_BASE_AUTO,
	    order, &n), 0);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++)
		assert_int_equal(order[i], embed_order[i]);
	assert_int_equal(bidi_visual_order(&a, latin_first, 3, BIDI_BASE_AUTO,
	    order, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[2], 2);
	/* Plain UAX #9: the phone number is not kept together here. */
	assert_int_equal(bidi_visual_order(&a, NULL, 0, BIDI_BASE_RTL,
	    order, &n), 0);
	assert_int_equal(n, 0);
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
		cmocka_unit_test(phone_numbers_read_as_written),
		cmocka_unit_test(times_and_ranges_read_as_written),
		cmocka_unit_test(plain_numbers_stay_plain_uax9),
		cmocka_unit_test(numbers_left_alone_outside_rtl),
		cmocka_unit_test(visual_order_is_plain_uax9),
		cmocka_unit_test(utf8_decoding),
		cmocka_unit_test(reorder_line),
	};

	return cmocka_run_group_tests_name("bidi", tests, NULL, NULL);
}
