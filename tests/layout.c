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
#include "support.h"

/* Knobs for set_with(): greedy or total fit, kashida or not. */
struct how {
	int greedy, kashida;
};

static struct layout_line *
set_with(struct test_fonts *fx, const char *text, double measure,
    enum layout_align align, struct how how, size_t *n)
{
	/* Runs point at their span: it lives as long as the lines. */
	struct layout_span *span = arena_alloc(&fx->a, sizeof *span);
	struct layout_par p;
	struct layout_line *lines;

	memset(&p, 0, sizeof p);
	p.greedy = how.greedy;
	p.kashida = how.kashida;
	p.text = text;
	p.len = strlen(text);
	span->end = p.len;
	span->style.font = FONT_REGULAR;
	p.spans = span;
	p.nspans = 1;
	p.size_pt = 10;
	p.measure_pt = measure;
	p.align = align;
	assert_int_equal(layout_paragraph(&fx->a, fx->s, &fx->fs, &p, &lines, n), 0);
	return lines;
}

static struct layout_line *
set(struct test_fonts *fx, const char *text, double measure,
    enum layout_align align, size_t *n)
{
	struct how how = { 0, 0 };

	return set_with(fx, text, measure, align, how, n);
}

#define LONG_PAR "زهره همیشه در فامیل به دست‌پخت خوب معروف بود. در مهمانی‌ها، " \
	"اگر قرار بود کسی آش رشته یا کوفته‌ی تبریزی بپزد، سراغ او می‌آمدند. اما " \
	"وقتی پس از جدایی، مسئولیت زندگی خودش و دو پسر نوجوانش یکسره به دوش او " \
	"افتاد، دست‌پخت خوب به‌تنهایی نمی‌توانست اجاره‌ی خانه را بدهد. زهره در " \
	"سال ۱۴۰۱ در ستاد ثبت‌نام کرد. در جلسه‌ی نیازسنجی، کارشناس اشتغال از او " \
	"پرسید اگر قرار باشد از فردا صبح کاری را شروع کند، چه کاری را با خیال " \
	"راحت انجام می‌دهد. جوابش کوتاه بود: «غذا.» اشتغال حمایتی برای زهره فقط " \
	"یک وام یا یک کلاس نبود؛ مجموعه‌ای از کمک‌های کوچک بود که کنار هم معنا " \
	"پیدا کرد و کارشناس اشتغال شش ماه تمام، ماهی یک بار به آشپزخانه‌اش سر زد."

/* Variance of the inter-word space over justified lines. */
static double
space_variance(const struct layout_line *l, size_t n)
{
	double s = 0, s2 = 0, m;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (!l[i].justified)
			continue;
		s += l[i].space_pt;
		s2 += l[i].space_pt * l[i].space_pt;
		k++;
	}
	assert_true(k > 0);
	m = s / (double)k;
	return s2 / (double)k - m * m;
}

static void
short_line_sits_at_the_right(void **state)
{
	struct test_fonts *fx = *state;
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
	struct test_fonts *fx = *state;
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
	struct test_fonts *fx = *state;
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
	struct test_fonts *fx = *state;
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
	struct test_fonts *fx = *state;
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
	struct test_fonts *fx = *state;
	size_t n;

	set(fx, "سطر اول\nسطر دوم", 400, LAYOUT_JUSTIFY, &n);
	assert_int_equal(n, 2);
}

static void
total_fit_spaces_more_evenly_than_first_fit(void **state)
{
	struct test_fonts *fx = *state;
	struct how greedy = { 1, 0 }, optimal = { 0, 0 };
	struct layout_line *g, *o;
	size_t ng, no, i;

	g = set_with(fx, LONG_PAR, 230, LAYOUT_JUSTIFY, greedy, &ng);
	o = set_with(fx, LONG_PAR, 230, LAYOUT_JUSTIFY, optimal, &no);
	assert_true(space_variance(o, no) < space_variance(g, ng));
	for (i = 0; i + 1 < no; i++) {
		assert_false(o[i].overfull);
		assert_float_equal(o[i].width_pt, 230, 0.01);
	}
}

static void
kashida_lengthens_joins_not_text(void **state)
{
	struct test_fonts *fx = *state;
	struct how kashida = { 0, 1 };
	struct layout_line *l;
	size_t n, i, k, total = 0;

	l = set_with(fx, LONG_PAR, 230, LAYOUT_JUSTIFY, kashida, &n);
	for (i = 0; i + 1 < n; i++) {
		assert_float_equal(l[i].width_pt, 230, 0.01);
		assert_true(l[i].nkashidas <= 2);
		for (k = 0; k < l[i].nkashidas; k++) {
			assert_true(l[i].kashidas[k].width_pt >= 10 * 0.25 - 1e-9);
			assert_true(l[i].kashidas[k].width_pt <= 10 * 1.0 + 1e-9);
			assert_true(l[i].kashidas[k].x_pt > 0);
			assert_true(l[i].kashidas[k].x_pt < 230);
		}
		total += l[i].nkashidas;
	}
	assert_true(total > 0);
	/* The last line is not justified, so it has none. */
	assert_int_equal(l[n - 1].nkashidas, 0);
}

static void
no_kashida_in_latin(void **state)
{
	struct test_fonts *fx = *state;
	struct how kashida = { 0, 1 };
	struct layout_line *l;
	size_t n, i;

	l = set_with(fx, "Excel and Word and Instagram and WhatsApp and a long line "
	    "of English words that needs more than one line to set", 150,
	    LAYOUT_JUSTIFY, kashida, &n);
	for (i = 0; i < n; i++)
		assert_int_equal(l[i].nkashidas, 0);
}

static void
urls_break_after_slashes_not_inside_words(void **state)
{
	struct test_fonts *fx = *state;
	const char *t = "نشانی https://example.org/programs/skills/computer/advanced-course را ببینید";
	struct layout_line *l;
	size_t n, i, end;

	l = set(fx, t, 110, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 3);
	for (i = 0; i < n; i++) {
		assert_false(l[i].emergency);
		assert_false(l[i].overfull);
		end = l[i].runs[l[i].nruns - 1].end;
		/* A line inside the URL ends after one of / ? & = - _ . */
		if (end > 12 && end < strlen(t) - 20 && t[end] != ' ' && t[end - 1] != ' ')
			assert_non_null(strchr("/?&=-_.", t[end - 1]));
	}
}

static void
number_stays_with_its_unit(void **state)
{
	struct test_fonts *fx = *state;
	const char *t = "وزن هر بسته دقیقاً ۲۵ kg است و هر کارتن ۱۲ kg وزن دارد";
	struct layout_line *l;
	double m;
	size_t n, i, end;

	/* Any measure: no line may end between "۲۵" and "kg". */
	for (m = 40; m < 260; m += 7) {
		l = set(fx, t, m, LAYOUT_JUSTIFY, &n);
		for (i = 0; i + 1 < n; i++) {
			end = l[i].runs[l[i].nruns - 1].end;
			assert_false(end >= 2 && memcmp(t + end - 2, "\xdb\xb5", 2) == 0);
			assert_false(end >= 2 && memcmp(t + end - 2, "\xdb\xb2", 2) == 0);
		}
	}
}

static void
grouped_numbers_stay_on_one_line(void **state)
{
	struct test_fonts *fx = *state;
	const char *t = "از خارج با +98 21 1234 5678 تماس بگیرید و در سال‌های "
	    "۱۴۰۱–۱۴۰۳ و ساعت ۸:۳۰ بیایید";
	const char *phone = strstr(t, "+98"), *range = strstr(t, "۱۴۰۱–");
	struct layout_line *l;
	double m;
	size_t n, i, end, ps = (size_t)(phone - t), rs = (size_t)(range - t);

	/* From a measure the longest group fits in; below it, only an emergency
	 * cut may split it. */
	for (m = 100; m < 300; m += 5) {
		l = set(fx, t, m, LAYOUT_JUSTIFY, &n);
		for (i = 0; i + 1 < n; i++) {
			end = l[i].runs[l[i].nruns - 1].end;
			assert_false(end > ps && end < ps + strlen("+98 21 1234 5678"));
			assert_false(end > rs && end < rs + strlen("۱۴۰۱–۱۴۰۳"));
		}
	}
}

static void
emoji_sequences_and_marks_stay_whole(void **state)
{
	/* A family emoji is three emoji joined by ZWJ; "مُعَلِّم" carries marks. */
	struct test_fonts *fx = *state;
	const char *t = "خانواده \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7 و مُعَلِّم و دست \xf0\x9f\x91\x8b"
	    "\xf0\x9f\x8f\xbd اینجا";
	struct layout_line *l;
	double m;
	size_t n, i, end;

	for (m = 30; m < 200; m += 3) {
		l = set(fx, t, m, LAYOUT_JUSTIFY, &n);
		for (i = 0; i + 1 < n; i++) {
			end = l[i].runs[l[i].nruns - 1].end;
			/* Never right after a ZWJ, nor before a combining mark or
			 * a skin-tone modifier. */
			assert_false(end >= 3 && memcmp(t + end - 3, "\xe2\x80\x8d", 3) == 0);
			assert_false((unsigned char)t[end] == 0xd9 &&
			    ((unsigned char)t[end + 1] >= 0x8b && (unsigned char)t[end + 1] <= 0x92));
			assert_false(memcmp(t + end, "\xf0\x9f\x8f\xbd", 4) == 0);
		}
	}
}

static void
overlong_word_is_cut_between_letters(void **state)
{
	/* 40 letters and no space: wider than the measure, cut, flagged. */
	struct test_fonts *fx = *state;
	const char *t = "بببببببببببببببببببببببببببببببببببببببب";
	struct layout_line *l;
	size_t n, i;
	int emergency = 0;

	l = set(fx, t, 60, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		assert_false(l[i].overfull);
		assert_true(l[i].width_pt <= 60.01);
		emergency |= l[i].emergency;
	}
	assert_true(emergency);
}

static void
many_breaks_without_spaces(void **state)
{
	/* Found by fuzzing: a line of commas offers a break after each one;
	 * every break could stay active in four fitness classes, more than
	 * the breaker had room for (a heap overflow under ASan). */
	struct test_fonts *fx = *state;
	char t[1024] = ".فر";
	struct layout_line *l;
	size_t n, i;

	for (i = strlen(t); i < 600; i++)
		t[i] = i % 50 == 0 ? ' ' : ',';
	t[600] = '\0';
	l = set(fx, t, 120, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 2);
	for (i = 0; i < n; i++)
		assert_true(l[i].width_pt <= 120.01 || l[i].overfull);
}

static void
flags_and_noncharacters_do_not_abort(void **state)
{
	/* Found by fuzzing: libunibreak 1.1 asserts on a flag emoji (regional
	 * indicators) and on U+FFFF. */
	struct test_fonts *fx = *state;
	const char *t = "پرچم \xf0\x9f\x87\xae\xf0\x9f\x87\xb7 ایران و "
	    "\xef\xbf\xbf نویسه";
	struct layout_line *l;
	size_t n, i, end;

	l = set(fx, t, 30, LAYOUT_JUSTIFY, &n);
	assert_true(n >= 2);
	/* The flag's two indicators stay on one line. */
	for (i = 0; i + 1 < n; i++) {
		end = l[i].runs[l[i].nruns - 1].end;
		assert_false(end > 0 && memcmp(t + end - 4, "\xf0\x9f\x87\xae", 4) == 0);
	}
}

static void
code_reads_left_to_right(void **state)
{
	/* "= 42;" alone would take the paragraph's right-to-left order. */
	struct test_fonts *fx = *state;
	const char *t = "بنویسید x = 42; و بروید";
	struct layout_span spans[3];
	struct layout_par p;
	struct layout_line *l;
	size_t n, i, code = 0;

	memset(&p, 0, sizeof p);
	memset(spans, 0, sizeof spans);
	spans[0].end = strlen("بنویسید ");
	spans[1].start = spans[0].end;
	spans[1].end = spans[1].start + strlen("x = 42;");
	spans[1].style.font = FONT_MONO;
	spans[1].style.code = 1;
	spans[2].start = spans[1].end;
	spans[2].end = strlen(t);
	p.text = t;
	p.len = strlen(t);
	p.spans = spans;
	p.nspans = 3;
	p.size_pt = 10;
	p.measure_pt = 400;
	p.align = LAYOUT_START;
	assert_int_equal(layout_paragraph(&fx->a, fx->s, &fx->fs, &p, &l, &n), 0);
	assert_int_equal(n, 1);
	for (i = 0; i < l[0].nruns; i++) {
		if (l[0].runs[i].font != &fx->fs.f[FONT_MONO])
			continue;
		code++;
		assert_false(l[0].runs[i].rtl);
		assert_int_equal(l[0].runs[i].start, spans[1].start);
		assert_int_equal(l[0].runs[i].end, spans[1].end);
	}
	assert_int_equal(code, 1);
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
		cmocka_unit_test(total_fit_spaces_more_evenly_than_first_fit),
		cmocka_unit_test(kashida_lengthens_joins_not_text),
		cmocka_unit_test(no_kashida_in_latin),
		cmocka_unit_test(urls_break_after_slashes_not_inside_words),
		cmocka_unit_test(number_stays_with_its_unit),
		cmocka_unit_test(overlong_word_is_cut_between_letters),
		cmocka_unit_test(grouped_numbers_stay_on_one_line),
		cmocka_unit_test(emoji_sequences_and_marks_stay_whole),
		cmocka_unit_test(code_reads_left_to_right),
		cmocka_unit_test(many_breaks_without_spaces),
		cmocka_unit_test(flags_and_noncharacters_do_not_abort),
	};

	return cmocka_run_group_tests_name("layout", tests, test_fonts_setup,
	    test_fonts_teardown);
}
