/* tests/layout.c - items, line breaking, justification, visual order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "shape.h"

struct fixture {
	struct arena a;
	struct fonts fs;
	struct shaper *s;
	struct layout_span span;
};

static int
setup(void **state)
{
	static struct fixture fx;
	struct diags d;

	diag_init(&d);
	arena_init(&fx.a);
	if (font_load(&fx.fs, "fonts", &d) != 0) {
		diag_print(&d, stderr);
		diag_release(&d);
		return -1;
	}
	diag_release(&d);
	fx.s = shape_new(1);
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	shape_free(fx->s);
	font_release(&fx->fs);
	arena_release(&fx->a);
	return 0;
}

static struct layout_line *
set(struct fixture *fx, const char *text, double measure,
    enum layout_align align, size_t *n)
{
	struct layout_par p;
	struct layout_line *lines;

	memset(&p, 0, sizeof p);
	p.text = text;
	p.len = strlen(text);
	fx->span.start = 0;
	fx->span.end = p.len;
	fx->span.style.font = FONT_REGULAR;
	p.spans = &fx->span;
	p.nspans = 1;
	p.size_pt = 10;
	p.measure_pt = measure;
	p.align = align;
	assert_int_equal(layout_paragraph(&fx->a, fx->s, &fx->fs, &p, &lines, n), 0);
	return lines;
}

static void
short_line_sits_at_the_right(void **state)
{
	struct fixture *fx = *state;
	struct layout_line *l;
	size_t n;

	l = set(fx, "این یک متن است", 300, LAYOUT_JUSTIFY, &n);
	assert_int_equal(n, 1);
	assert_true(l[0].rtl);
	assert_int_equal(l[0].nruns, 1);
	assert_true(l[0].runs[0].rtl);
	/* The last line is not justified: it ends at the right edge. */
	assert_true(l[0].width_pt < 300);
	assert_float_equal(l[0].runs[0].x1_pt, 300, 0.01);
	assert_float_equal(l[0].runs[0].x0_pt, 300 - l[0].width_pt, 0.01);
}

static void
runs_emitted_in_logical_order_placed_visually(void **state)
{
	/* TYPESETTING.md T2: runs in logical order; the Latin word sits left of
	 * the first Persian word and right of the last one. */
	struct fixture *fx = *state;
	const char *t = "فرشته دوره‌ی ICDL را گذراند";
	struct layout_line *l;
	size_t n, i;

	l = set(fx, t, 400, LAYOUT_START, &n);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].nruns, 3);
	for (i = 1; i < l[0].nruns; i++)
		assert_true(l[0].runs[i - 1].end <= l[0].runs[i].start);
	assert_false(l[0].runs[1].rtl);
	assert_memory_equal(t + l[0].runs[1].start, "ICDL", 4);
	assert_true(l[0].runs[0].x0_pt > l[0].runs[1].x0_pt);
	assert_true(l[0].runs[1].x0_pt > l[0].runs[2].x0_pt);
	/* Every byte of the text is drawn by exactly one run. */
	assert_int_equal(l[0].runs[0].start, 0);
	assert_int_equal(l[0].runs[2].end, strlen(t));
}

static void
justified_lines_fill_the_measure(void **state)
{
	struct fixture *fx = *state;
	const char *t = "زهره همیشه در فامیل به دست‌پخت خوب معروف بود و در "
	    "مهمانی‌ها اگر قرار بود کسی آش رشته یا کوفته‌ی تبریزی بپزد سراغ او "
	    "می‌آمدند اما وقتی پس از جدایی مسئولیت زندگی به دوش او افتاد";
	struct layout_line *l;
	size_t n, i;

	l = set(fx, t, 200, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 3);
	for (i = 0; i + 1 < n; i++) {
		assert_false(l[i].overfull);
		assert_float_equal(l[i].width_pt, 200, 0.01);
	}
	assert_true(l[n - 1].width_pt <= 200);
}

static void
never_breaks_at_zwnj(void **state)
{
	/* Narrow measure: many breaks, none next to U+200C. */
	struct fixture *fx = *state;
	const char *t = "می‌شود خانه‌ها زن‌ها کسب‌وکار جلسه‌ی می‌خواهم کتاب‌ها";
	struct layout_line *l;
	size_t n, i, end;

	l = set(fx, t, 60, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 4);
	for (i = 0; i < n; i++) {
		end = l[i].runs[l[i].nruns - 1].end;
		assert_false(end >= 3 && memcmp(t + end - 3, "\xe2\x80\x8c", 3) == 0);
		assert_false(memcmp(t + l[i].runs[0].start, "\xe2\x80\x8c", 3) == 0);
	}
}

static void
overlong_word_gets_its_own_line(void **state)
{
	struct fixture *fx = *state;
	struct layout_line *l;
	size_t n, i;

	l = set(fx, "کوتاه https://example.org/programs/skills/computer/very/long/path کوتاه",
	    80, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 3);
	/* A line is wider than the measure only when it says so. */
	for (i = 0; i < n; i++)
		assert_true(l[i].width_pt <= 80.01 || l[i].overfull);
}

static void
hard_break_forces_a_line(void **state)
{
	struct fixture *fx = *state;
	size_t n;

	set(fx, "سطر اول\nسطر دوم", 400, LAYOUT_JUSTIFY, &n);
	assert_int_equal(n, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_line_sits_at_the_right),
		cmocka_unit_test(runs_emitted_in_logical_order_placed_visually),
		cmocka_unit_test(justified_lines_fill_the_measure),
		cmocka_unit_test(never_breaks_at_zwnj),
		cmocka_unit_test(overlong_word_gets_its_own_line),
		cmocka_unit_test(hard_break_forces_a_line),
	};

	return cmocka_run_group_tests_name("layout", tests, setup, teardown);
}
