/* tests/arena.c - bump allocator: alignment, zeroing, big blocks, strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <string.h>

#include "arena.h"

/* Larger than one 64 KiB block, so it cannot come from the shared block. */
#define BIG	(200 * 1024)

static int
aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *u = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] != 0)
			return 0;
	return 1;
}

static void
every_pointer_aligned_for_any_type(void **state)
{
	/* Odd sizes must not push the next allocation off alignment. */
	static const size_t sizes[] = { 1, 3, 7, 8, 13, 17, 33, 100, 4095, 20000 };
	struct arena a;
	size_t i, k;
	void *p;

	(void)state;
	arena_init(&a);
	for (k = 0; k < 50; k++) {
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			p = arena_alloc(&a, sizes[i]);
			assert_non_null(p);
			assert_true(aligned(p));
		}
	}
	assert_true(aligned(arena_alloc(&a, 0)));
	assert_true(aligned(arena_alloc(&a, BIG)));
	assert_true(aligned(arena_array(&a, 3, sizeof(long double))));
	assert_true(aligned(arena_strdup(&a, "x")));
	arena_release(&a);
}

static void
allocations_do_not_overlap(void **state)
{
	/* Fill each allocation with its own byte, then check none was overwritten. */
	struct arena a;
	unsigned char *p[300];
	size_t size[300], i, j;

	(void)state;
	arena_init(&a);
	for (i = 0; i < 300; i++) {
		size[i] = 1 + (i * 37) % 1000;
		if (i % 50 == 7)
			size[i] = BIG;	/* big blocks slotted in between */
		p[i] = arena_alloc(&a, size[i]);
		memset(p[i], (int)(i & 0xFF), size[i]);
	}
	for (i = 0; i < 300; i++)
		for (j = 0; j < size[i]; j++)
			assert_int_equal(p[i][j], i & 0xFF);
	arena_release(&a);
}

static void
memory_is_zeroed(void **state)
{
	/* Dirty the heap first: after a release malloc may hand back the
	 * same bytes, and the arena must clear them. */
	struct arena a;
	unsigned char *p;
	size_t i;

	(void)state;
	arena_init(&a);
	for (i = 0; i < 40; i++)
		memset(arena_alloc(&a, 3000), 0xAB, 3000);
	memset(arena_alloc(&a, BIG), 0xCD, BIG);
	arena_release(&a);

	arena_init(&a);
	for (i = 0; i < 40; i++) {
		p = arena_alloc(&a, 3000);
		assert_true(all_zero(p, 3000));
	}
	assert_true(all_zero(arena_alloc(&a, BIG), BIG));
	assert_true(all_zero(arena_array(&a, 1000, sizeof(int)), 1000 * sizeof(int)));
	arena_release(&a);
}

static void
big_allocation_beyond_a_block(void **state)
{
	/* A request bigger than a block gets its own; small allocations
	 * before and after it stay usable and distinct. */
	struct arena a;
	char *small1, *big, *small2, *huge;

	(void)state;
	arena_init(&a);
	small1 = arena_alloc(&a, 16);
	memset(small1, 's', 16);
	big = arena_alloc(&a, BIG);
	assert_non_null(big);
	memset(big, 'b', BIG);
	small2 = arena_alloc(&a, 16);
	memset(small2, 't', 16);
	huge = arena_alloc(&a, 4 * 1024 * 1024);
	memset(huge, 'h', 4 * 1024 * 1024);
	assert_int_equal(small1[15], 's');
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[BIG - 1], 'b');
	assert_int_equal(small2[0], 't');
	assert_int_equal(huge[4 * 1024 * 1024 - 1], 'h');
	assert_true(a.total >= BIG + 4 * 1024 * 1024 + 32);
	arena_release(&a);
}

static void
total_counts_bytes_handed_out(void **state)
{
	struct arena a;
	size_t before;

	(void)state;
	arena_init(&a);
	assert_int_equal(a.total, 0);
	arena_alloc(&a, 10);
	assert_true(a.total >= 10);
	before = a.total;
	arena_alloc(&a, BIG);
	assert_true(a.total >= before + BIG);
	arena_release(&a);
}

static void
grow_copies_old_elements(void **state)
{
	struct arena a;
	int *v, *w;
	size_t i;

	(void)state;
	arena_init(&a);
	v = arena_array(&a, 10, sizeof *v);
	for (i = 0; i < 10; i++)
		v[i] = (int)(i * i);
	w = arena_grow(&a, v, 10, 50000, sizeof *v);
	assert_true(aligned(w));
	for (i = 0; i < 10; i++)
		assert_int_equal(w[i], i * i);
	/* The new tail is zeroed like any arena memory. */
	for (i = 10; i < 50000; i++)
		assert_int_equal(w[i], 0);
	/* The old array is untouched, still valid until release. */
	assert_int_equal(v[9], 81);
	/* Growing from nothing is an ordinary allocation. */
	v = arena_grow(&a, NULL, 0, 4, sizeof *v);
	for (i = 0; i < 4; i++)
		assert_int_equal(v[i], 0);
	/* Shrinking copies only what fits. */
	v = arena_grow(&a, w, 50000, 3, sizeof *v);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 1);
	assert_int_equal(v[2], 4);
	arena_release(&a);
}

static void
strndup_copies_and_terminates(void **state)
{
	const char src[] = "سلام dunya";
	struct arena a;
	char *s;

	(void)state;
	arena_init(&a);
	s = arena_strndup(&a, src, 8);		/* the four Persian letters */
	assert_string_equal(s, "سلام");
	assert_ptr_not_equal(s, src);
	s = arena_strndup(&a, "abc", 0);
	assert_string_equal(s, "");
	/* Only len bytes are taken from a longer string. */
	s = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = arena_strdup(&a, src);
	assert_string_equal(s, src);
	assert_ptr_not_equal(s, src);
	arena_release(&a);
}

static void
printf_formats_into_the_arena(void **state)
{
	struct arena a;
	char long_arg[3000];
	char *s;

	(void)state;
	arena_init(&a);
	s = arena_printf(&a, "%s/%d-%s", "stories", 42, "نام");
	assert_string_equal(s, "stories/42-نام");
	s = arena_printf(&a, "%s", "");
	assert_string_equal(s, "");
	/* Longer than any fixed stack buffer would be. */
	memset(long_arg, 'x', sizeof long_arg - 1);
	long_arg[sizeof long_arg - 1] = '\0';
	s = arena_printf(&a, "<%s>", long_arg);
	assert_int_equal(strlen(s), sizeof long_arg + 1);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[sizeof long_arg], '>');
	arena_release(&a);
}

static void
release_then_reuse(void **state)
{
	struct arena a;
	char *s;
	int round;

	(void)state;
	arena_init(&a);
	for (round = 0; round < 3; round++) {
		s = arena_strdup(&a, "one");
		arena_alloc(&a, BIG);
		arena_alloc(&a, 70000);
		assert_string_equal(s, "one");
		arena_release(&a);
		arena_init(&a);
		assert_int_equal(a.total, 0);
	}
	/* Releasing an arena with nothing in it is harmless, twice over. */
	arena_release(&a);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_pointer_aligned_for_any_type),
		cmocka_unit_test(allocations_do_not_overlap),
		cmocka_unit_test(memory_is_zeroed),
		cmocka_unit_test(big_allocation_beyond_a_block),
		cmocka_unit_test(total_counts_bytes_handed_out),
		cmocka_unit_test(grow_copies_old_elements),
		cmocka_unit_test(strndup_copies_and_terminates),
		cmocka_unit_test(printf_formats_into_the_arena),
		cmocka_unit_test(release_then_reuse),
	};

	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
