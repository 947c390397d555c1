/* tests/page.c - mirrored margins, page breaks, headings kept, folios. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "chart.h"
#include "diag.h"
#include "flow.h"
#include "font.h"
#include "layout.h"
#include "page.h"
#include "shape.h"
#include "support.h"

#define PAR "زهره همیشه در فامیل به دست‌پخت خوب معروف بود و در مهمانی‌ها اگر " \
	"قرار بود کسی آش رشته یا کوفته‌ی تبریزی بپزد سراغ او می‌آمدند اما " \
	"وقتی پس از جدایی مسئولیت زندگی خودش و دو پسر نوجوانش به دوش او افتاد."

struct fixture {
	struct arena a;
	struct fonts fs;
	struct shaper *s;
	struct page_geom g;
	struct page_opts o;
};

static int
setup(void **state)
{
	static struct fixture fx;
	struct diags d;
	int rc;

	diag_init(&d);
	rc = font_load(&fx.fs, "fonts", &d);
	diag_print(&d, stderr);
	diag_release(&d);
	fx.s = shape_new(1);
	/* A5 with 20 mm inner and 14 mm outer margins, in points. */
	fx.g.width_pt = 419.53;
	fx.g.height_pt = 595.28;
	fx.g.top_pt = 51.02;
	fx.g.bottom_pt = 56.69;
	fx.g.inner_pt = 56.69;
	fx.g.outer_pt = 39.69;
	fx.o.first_folio = 1;
	fx.o.min_lines = 2;
	fx.o.book_title = "کتابچه";
	*state = &fx;
	return rc;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	shape_free(fx->s);
	font_release(&fx->fs);
	return 0;
}

static void
many_paragraphs(struct arena *a, struct flow *f, int n)
{
	int i;

	flow_init(f, 10.5, 1.6, 1);
	for (i = 0; i < n; i++)
		flow_text(a, f, PAR, FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_JUSTIFY)
		    ->space_after_pt = 6;
}

static void
odd_pages_bind_on_the_right(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;
	size_t p, i;

	arena_init(&fx->a);
	many_paragraphs(&fx->a, &f, 40);
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o, &b, NULL), 0);
	assert_true(b.n >= 3);
	for (p = 0; p < b.n; p++) {
		const struct page *pg = &b.pages[p];
		/* Odd page: the inner (wider) margin is on the right. */
		double left = pg->number % 2 ? fx->g.outer_pt : fx->g.inner_pt;
		double right = fx->g.width_pt - (pg->number % 2 ? fx->g.inner_pt :
		    fx->g.outer_pt);

		assert_int_equal(pg->number, (int)p + 1);
		for (i = 0; i < pg->n; i++) {
			const struct page_item *it = &pg->items[i];
			const struct layout_line *l = it->line;

			/* Folio and running head sit in the margins. */
			if (it->kind != PAGE_LINE || it->y_pt > fx->g.height_pt -
			    fx->g.bottom_pt || it->y_pt < fx->g.top_pt)
				continue;
			assert_true(it->x_pt >= left - 0.01);
			assert_true(it->x_pt + l->runs[0].x1_pt <= right + 0.01 ||
			    l->nruns > 1);
			assert_true(it->y_pt <= fx->g.height_pt - fx->g.bottom_pt);
		}
	}
	arena_release(&fx->a);
}

static void
folios_are_persian(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;

	arena_init(&fx->a);
	many_paragraphs(&fx->a, &f, 40);
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o, &b, NULL), 0);
	assert_string_equal(b.pages[0].label, "۱");
	assert_string_equal(b.pages[1].label, "۲");
	assert_true(b.pages[0].folio);
	arena_release(&fx->a);
}

static void
heading_never_ends_a_page(void **state)
{
	/* Fill a page to its last two lines, then a heading: it must move. */
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;
	struct flow_block *h;
	size_t p, i, last;
	int k, n;

	for (n = 4; n < 40; n++) {
		arena_init(&fx->a);
		memset(&b, 0, sizeof b);
		many_paragraphs(&fx->a, &f, n);
		h = flow_text(&fx->a, &f, "عنوان بخش", FONT_BOLD, FLOW_ACCENT, 13,
		    LAYOUT_START);
		h->keep_with_next = 1;
		h->heading = 2;
		h->dest = "h";
		flow_text(&fx->a, &f, PAR, FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_JUSTIFY);
		assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o, &b, NULL), 0);
		for (p = 0; p < b.n; p++) {
			for (i = 0, last = (size_t)-1; i < b.pages[p].n; i++)
				if (b.pages[p].items[i].kind == PAGE_DEST)
					last = i;
			if (last == (size_t)-1)
				continue;
			/* The heading's line and at least two body lines follow
			 * on the same page (the folio, in the margin, is not one). */
			for (i = last, k = 0; i < b.pages[p].n; i++)
				k += b.pages[p].items[i].kind == PAGE_LINE &&
				    b.pages[p].items[i].y_pt <= fx->g.height_pt - fx->g.bottom_pt;
			assert_true(k >= 3);
		}
		arena_release(&fx->a);
	}
}

static void
page_break_block_starts_a_page(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;

	arena_init(&fx->a);
	flow_init(&f, 10.5, 1.6, 1);
	flow_text(&fx->a, &f, "یک", FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_START);
	flow_add(&fx->a, &f, FLOW_PAGE)->no_folio = 1;
	flow_text(&fx->a, &f, "دو", FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_START);
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o, &b, NULL), 0);
	assert_int_equal(b.n, 2);
	assert_true(b.pages[0].folio);
	assert_false(b.pages[1].folio);
	arena_release(&fx->a);
}

/* The text of the running head on page p, or NULL. */
static const char *
head_text(const struct page *p, double top_pt)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->items[i].kind == PAGE_LINE && p->items[i].y_pt < top_pt)
			return p->items[i].line->text;
	return NULL;
}

static void
chapters_open_on_the_right_with_heads(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;
	struct flow_block *x;
	size_t p;
	int blanks = 0;

	arena_init(&fx->a);
	many_paragraphs(&fx->a, &f, 0);
	/* One page of text, then a chapter that must open on page 3. */
	flow_text(&fx->a, &f, PAR, FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_JUSTIFY);
	x = flow_add(&fx->a, &f, FLOW_PAGE);
	x->odd = 1;
	x->no_folio = 1;
	x->chapter = "فصل دوم";
	flow_text(&fx->a, &f, "فصل دوم", FONT_BOLD, FLOW_ACCENT, 20, LAYOUT_CENTER)
	    ->dest = "ch2";
	flow_add(&fx->a, &f, FLOW_PAGE);
	for (p = 0; p < 30; p++)
		flow_text(&fx->a, &f, PAR, FONT_REGULAR, FLOW_INK, 10.5, LAYOUT_JUSTIFY);
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o,
	    &b, NULL), 0);
	assert_int_equal(page_find_dest(&b, "ch2"), 2);
	assert_int_equal(page_find_dest(&b, "none"), -1);
	assert_true(b.pages[1].blank);
	assert_false(b.pages[1].folio);
	assert_int_equal(b.pages[1].n, 0);
	assert_false(b.pages[2].folio);
	for (p = 3; p < b.n; p++) {
		const char *h = head_text(&b.pages[p], fx->g.top_pt);

		assert_non_null(h);
		/* Even pages carry the book's title, odd ones the chapter's. */
		assert_string_equal(h, b.pages[p].number % 2 ? "فصل دوم" : "کتابچه");
		blanks += b.pages[p].blank;
	}
	assert_int_equal(blanks, 0);
	arena_release(&fx->a);
}

static void
front_matter_in_abjad(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct page_opts o = fx->o;
	struct flow f;

	arena_init(&fx->a);
	many_paragraphs(&fx->a, &f, 40);
	o.abjad = 1;
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &o, &b,
	    NULL), 0);
	assert_true(b.n >= 3);
	assert_string_equal(b.pages[0].label, "الف");
	assert_string_equal(b.pages[1].label, "ب");
	assert_string_equal(b.pages[2].label, "ج");
	arena_release(&fx->a);
}

static void
long_table_repeats_its_heading(void **state)
{
	struct fixture *fx = *state;
	struct page_book b = { 0 };
	struct flow f;
	struct flow_block *x;
	struct chart c;
	static const char *cols[] = { "سال", "مقدار" };
	const char **cells;
	size_t i, p, heads, pages_with_rows = 0;

	arena_init(&fx->a);
	memset(&c, 0, sizeof c);
	c.kind = CHART_TABLE;
	c.table.ncols = 2;
	c.table.nrows = 80;
	c.table.cols = cols;
	cells = arena_array(&fx->a, 160, sizeof *cells);
	for (i = 0; i < 160; i++)
		cells[i] = i % 2 ? "۱۲۳" : "۱۴۰۳";
	c.table.cells = cells;
	many_paragraphs(&fx->a, &f, 0);
	x = flow_add(&fx->a, &f, FLOW_CHART);
	x->chart = &c;
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g, &fx->o,
	    &b, NULL), 0);
	assert_true(b.n >= 3);
	for (p = 0; p < b.n; p++) {
		heads = 0;
		for (i = 0; i < b.pages[p].n; i++)
			if (b.pages[p].items[i].kind == PAGE_LINE &&
			    strcmp(b.pages[p].items[i].line->text, "سال") == 0)
				heads++;
		/* Every page the table reaches starts with its heading row. */
		assert_int_equal(heads, 1);
		pages_with_rows++;
	}
	assert_int_equal(pages_with_rows, b.n);
	arena_release(&fx->a);
}

/* What page_check_lines() warns about is what page_set_book() warns about:
 * a word too long for the line, in a block with a source line, indented
 * or not, and nothing for text that fits. */
static void
check_lines_warns_as_setting_does(void **state)
{
	struct fixture *fx = *state;
	struct diags set, check;
	struct page_book b;
	struct flow f;
	struct flow_block *x;
	char word[3 * 2 * 120 + 1];
	size_t i;
	char *a, *c;

	for (i = 0; i + 2 < sizeof word; i += 2)
		memcpy(word + i, "ب", 2);
	word[i] = '\0';
	arena_init(&fx->a);
	many_paragraphs(&fx->a, &f, 3);
	x = flow_text(&fx->a, &f, word, FONT_REGULAR, FLOW_INK, 10.5,
	    LAYOUT_JUSTIFY);
	x->file = "stories/x.md";
	x->line = 12;
	x = flow_text(&fx->a, &f, PAR, FONT_REGULAR, FLOW_INK, 10.5,
	    LAYOUT_JUSTIFY);
	x->file = "stories/x.md";
	x->line = 14;
	x->indent_start_pt = 40;
	diag_init(&set);
	diag_init(&check);
	memset(&b, 0, sizeof b);
	assert_int_equal(page_set_book(&fx->a, fx->s, &fx->fs, &f, &fx->g,
	    &fx->o, &b, &set), 0);
	assert_int_equal(page_check_lines(fx->s, &fx->fs, &f, 0, f.n, &fx->g,
	    &check), 0);
	assert_int_equal(check.n, 1);
	assert_int_equal(check.v[0].line, 12);
	a = test_printed(&set);
	c = test_printed(&check);
	assert_string_equal(c, a);
	free(a);
	free(c);
	/* Blocks outside [from, to) are not looked at. */
	diag_release(&check);
	diag_init(&check);
	assert_int_equal(page_check_lines(fx->s, &fx->fs, &f, 4, f.n, &fx->g,
	    &check), 0);
	assert_int_equal(check.n, 0);
	diag_release(&set);
	diag_release(&check);
	arena_release(&fx->a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(odd_pages_bind_on_the_right),
		cmocka_unit_test(folios_are_persian),
		cmocka_unit_test(heading_never_ends_a_page),
		cmocka_unit_test(page_break_block_starts_a_page),
		cmocka_unit_test(chapters_open_on_the_right_with_heads),
		cmocka_unit_test(front_matter_in_abjad),
		cmocka_unit_test(long_table_repeats_its_heading),
		cmocka_unit_test(check_lines_warns_as_setting_does),
	};

	return cmocka_run_group_tests_name("page", tests, setup, teardown);
}
