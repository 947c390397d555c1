/* tests/layout_cache.c - lines copied from a cache equal the lines set afresh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "layout_cache.h"
#include "shape.h"
#include "support.h"

/* Justified with kashidas at a narrow measure, a link, a bold word and
 * brackets (mirrored glyphs): every part of a line a cache must copy. */
#define TEXT "زهره همیشه در فامیل به دست‌پخت خوب معروف بود. در مهمانی‌ها، " \
	"اگر قرار بود کسی آش رشته یا کوفته‌ی تبریزی بپزد، سراغ او می‌آمدند " \
	"(همیشه) و وقتی پس از جدایی، مسئولیت زندگی خودش و دو پسر نوجوانش " \
	"یکسره به دوش او افتاد، دست‌پخت خوب به‌تنهایی نمی‌توانست اجاره‌ی خانه " \
	"را بدهد. نشانی ستاد example.org است."

/* A paragraph of its own memory, as each build makes anew: text and
 * spans are copied into a, so no pointer is shared with another one. */
struct par {
	struct layout_par p;
	struct layout_span *spans;
};

static void
make_par(struct arena *a, struct par *x, const char *text, double measure)
{
	size_t len = strlen(text);
	const char *bold = strstr(text, "معروف");
	const char *link = strstr(text, "example.org");

	memset(x, 0, sizeof *x);
	x->spans = arena_array(a, 5, sizeof *x->spans);
	/* plain, bold, plain, link, plain */
	x->spans[0].end = (size_t)(bold - text);
	x->spans[1].start = x->spans[0].end;
	x->spans[1].end = x->spans[1].start + strlen("معروف");
	x->spans[1].style.font = FONT_BOLD;
	x->spans[1].style.rgb = 0x6d2e5b;
	x->spans[2].start = x->spans[1].end;
	x->spans[2].end = (size_t)(link - text);
	x->spans[3].start = x->spans[2].end;
	x->spans[3].end = x->spans[3].start + strlen("example.org");
	x->spans[3].style.uri = arena_strdup(a, "https://example.org/");
	x->spans[3].style.rgb = 0x1d5f8a;
	x->spans[4].start = x->spans[3].end;
	x->spans[4].end = len;
	x->p.text = arena_strdup(a, text);
	x->p.len = len;
	x->p.spans = x->spans;
	x->p.nspans = 5;
	x->p.size_pt = 10;
	x->p.measure_pt = measure;
	x->p.align = LAYOUT_JUSTIFY;
	x->p.kashida = 1;
}

/* The span a run's style is, in its own paragraph. */
static long
span_of(const struct layout_par *p, const struct layout_style *st)
{
	size_t i;

	for (i = 0; i < p->nspans; i++)
		if (&p->spans[i].style == st)
			return (long)i;
	return -1;
}

/* Lines a of paragraph pa equal lines b of pb: every value, with text and
 * styles pointing into each one's own paragraph. */
static void
assert_same_lines(const struct layout_par *pa, const struct layout_line *a,
    size_t na, const struct layout_par *pb, const struct layout_line *b,
    size_t nb)
{
	size_t i, r;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_ptr_equal(a[i].text, pa->text);
		assert_ptr_equal(b[i].text, pb->text);
		assert_int_equal(a[i].nruns, b[i].nruns);
		assert_memory_equal(&a[i].width_pt, &b[i].width_pt, sizeof(double));
		assert_int_equal(a[i].rtl, b[i].rtl);
		assert_int_equal(a[i].overfull, b[i].overfull);
		assert_int_equal(a[i].emergency, b[i].emergency);
		assert_int_equal(a[i].justified, b[i].justified);
		assert_int_equal(a[i].nspaces, b[i].nspaces);
		assert_memory_equal(&a[i].natural_pt, &b[i].natural_pt, sizeof(double));
		assert_memory_equal(&a[i].space_pt, &b[i].space_pt, sizeof(double));
		assert_memory_equal(&a[i].ratio, &b[i].ratio, sizeof(double));
		assert_memory_equal(&a[i].kashida_pt, &b[i].kashida_pt, sizeof(double));
		assert_int_equal(a[i].nkashidas, b[i].nkashidas);
		if (a[i].nkashidas > 0)
			assert_memory_equal(a[i].kashidas, b[i].kashidas,
			    a[i].nkashidas * sizeof *a[i].kashidas);
		for (r = 0; r < a[i].nruns; r++) {
			const struct layout_run *x = &a[i].runs[r], *y = &b[i].runs[r];

			assert_int_equal(x->start, y->start);
			assert_int_equal(x->end, y->end);
			assert_int_equal(x->rtl, y->rtl);
			assert_ptr_equal(x->font, y->font);
			assert_memory_equal(&x->size_pt, &y->size_pt, sizeof(double));
			assert_memory_equal(&x->x0_pt, &y->x0_pt, sizeof(double));
			assert_memory_equal(&x->x1_pt, &y->x1_pt, sizeof(double));
			assert_int_equal(x->nglyphs, y->nglyphs);
			assert_true(x->glyphs != y->glyphs);
			assert_memory_equal(x->glyphs, y->glyphs,
			    x->nglyphs * sizeof *x->glyphs);
			assert_int_equal(span_of(pa, x->style), span_of(pb, y->style));
			assert_true(span_of(pb, y->style) >= 0);
		}
	}
}

static void
copy_equals_fresh(void **state)
{
	struct test_fonts *fx = *state;
	struct layout_cache *c = layout_cache_new(1 << 20);
	struct layout_line *fresh, *first, *again;
	size_t nf, n1, n2, i, r, g, kash = 0, flips = 0, links = 0;
	struct par p0, p1, p2;
	struct layout_cache_counts k;

	assert_non_null(c);
	make_par(&fx->a, &p0, TEXT, 150);
	make_par(&fx->a, &p1, TEXT, 150);
	make_par(&fx->a, &p2, TEXT, 150);
	assert_int_equal(layout_paragraph(&fx->a, fx->s, &fx->fs, &p0.p, &fresh, &nf), 0);
	/* The paragraph has what the test claims to cover. */
	for (i = 0; i < nf; i++) {
		kash += fresh[i].nkashidas;
		for (r = 0; r < fresh[i].nruns; r++) {
			links += fresh[i].runs[r].style != NULL &&
			    fresh[i].runs[r].style->uri != NULL;
			for (g = 0; g < fresh[i].runs[r].nglyphs; g++)
				flips += fresh[i].runs[r].glyphs[g].flip;
		}
	}
	assert_true(nf > 5);
	assert_true(kash > 0);
	assert_true(flips > 0);
	assert_true(links > 0);

	assert_int_equal(layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &p1.p,
	    &first, &n1), 0);
	k = layout_cache_counts(c);
	assert_int_equal(k.misses, 1);
	assert_int_equal(k.hits, 0);
	assert_int_equal(k.entries, 1);
	assert_true(k.bytes > 0);
	assert_int_equal(layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &p2.p,
	    &again, &n2), 0);
	k = layout_cache_counts(c);
	assert_int_equal(k.hits, 1);
	assert_int_equal(k.misses, 1);
	assert_same_lines(&p0.p, fresh, nf, &p1.p, first, n1);
	assert_same_lines(&p0.p, fresh, nf, &p2.p, again, n2);
	layout_cache_free(c);
}

/* Each thing the lines depend on, changed alone, is a paragraph not seen
 * before. */
static void
key_covers_what_lines_depend_on(void **state)
{
	struct test_fonts *fx = *state;
	struct layout_cache *c = layout_cache_new(16 << 20);
	struct layout_line *l;
	struct par x;
	size_t n, i;
	struct layout_cache_counts k;

	for (i = 0; i < 9; i++) {
		make_par(&fx->a, &x, TEXT, 150);
		switch (i) {
		case 1: x.p.measure_pt = 151; break;
		case 2: x.spans[1].style.rgb = 0x000000; break;
		case 3: x.spans[3].style.uri = "https://example.org/b"; break;
		case 4: x.spans[3].style.uri = NULL;
			x.spans[3].style.dest = "https://example.org/"; break;
		case 5: x.spans[1].end--; x.spans[2].start--; break;
		case 6: x.p.kashida = 0; break;
		case 7: x.p.greedy = 1; break;
		case 8: x.p.size_pt = 10.5; break;
		default: break;
		}
		assert_int_equal(layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs,
		    &x.p, &l, &n), 0);
	}
	k = layout_cache_counts(c);
	assert_int_equal(k.misses, 9);
	assert_int_equal(k.hits, 0);
	assert_int_equal(k.entries, 9);
	layout_cache_free(c);
}

/* A sweep keeps what was asked for since the last one, and only that. */
static void
sweep_forgets_what_was_not_asked_for(void **state)
{
	struct test_fonts *fx = *state;
	struct layout_cache *c = layout_cache_new(16 << 20);
	struct layout_line *l;
	struct par a, b;
	size_t n;
	struct layout_cache_counts k;

	make_par(&fx->a, &a, TEXT, 150);
	make_par(&fx->a, &b, TEXT, 200);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &a.p, &l, &n);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &b.p, &l, &n);
	layout_cache_sweep(c);
	assert_int_equal(layout_cache_counts(c).entries, 2);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &a.p, &l, &n);
	layout_cache_sweep(c);
	k = layout_cache_counts(c);
	assert_int_equal(k.entries, 1);
	assert_int_equal(k.hits, 1);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &b.p, &l, &n);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &a.p, &l, &n);
	k = layout_cache_counts(c);
	assert_int_equal(k.misses, 3);
	assert_int_equal(k.hits, 2);
	layout_cache_free(c);
	layout_cache_sweep(NULL);
	layout_cache_free(NULL);
}

/* Past its size a cache sets paragraphs without keeping them; other fonts
 * empty it. */
static void
limits(void **state)
{
	struct test_fonts *fx = *state;
	struct layout_cache *c = layout_cache_new(0);
	struct layout_line *l, *m;
	struct par a, b;
	struct fonts other;
	struct diags d;
	size_t n, nm;

	make_par(&fx->a, &a, TEXT, 150);
	make_par(&fx->a, &b, TEXT, 150);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &a.p, &l, &n);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &b.p, &m, &nm);
	assert_int_equal(layout_cache_counts(c).entries, 0);
	assert_int_equal(layout_cache_counts(c).misses, 2);
	assert_same_lines(&a.p, l, n, &b.p, m, nm);
	layout_cache_free(c);

	c = layout_cache_new(16 << 20);
	diag_init(&d);
	assert_int_equal(font_load(&other, "fonts", &d), 0);
	diag_release(&d);
	layout_cache_paragraph(c, &fx->a, fx->s, &fx->fs, &a.p, &l, &n);
	layout_cache_paragraph(c, &fx->a, fx->s, &other, &b.p, &m, &nm);
	assert_int_equal(layout_cache_counts(c).misses, 2);
	assert_int_equal(layout_cache_counts(c).entries, 1);
	assert_true(m[0].runs[0].font >= other.f &&
	    m[0].runs[0].font < other.f + FONT_STYLE__MAX);
	layout_cache_free(c);
	font_release(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copy_equals_fresh),
		cmocka_unit_test(key_covers_what_lines_depend_on),
		cmocka_unit_test(sweep_forgets_what_was_not_asked_for),
		cmocka_unit_test(limits),
	};

	return cmocka_run_group_tests(tests, test_fonts_setup,
	    test_fonts_teardown);
}
