/* tests/flow.c - Markdown AST -> styled blocks for the booklet. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cmark.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "flow.h"
#include "font.h"

struct fixture {
	struct arena a;
	struct diags d;
	struct flow f;
	struct doc doc;
};

static void
run(struct fixture *fx, const char *md)
{
	arena_init(&fx->a);
	diag_init(&fx->d);
	flow_init(&fx->f, 10, 1.6, 1);
	memset(&fx->doc, 0, sizeof fx->doc);
	fx->doc.path = "stories/t.md";
	fx->doc.body_line = 5;
	fx->doc.root = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	assert_int_equal(flow_doc(&fx->a, &fx->f, &fx->doc, &fx->d), 0);
}

static void
done(struct fixture *fx)
{
	cmark_node_free(fx->doc.root);
	diag_release(&fx->d);
	arena_release(&fx->a);
}

/* Does any block's text contain s? */
static int
has_text(const struct flow *f, const char *s)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].kind == FLOW_PARA && strstr(f->v[i].par.text, s))
			return 1;
	return 0;
}

static void
raw_html_never_printed(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "<!-- یادداشت ویراستار -->\n\nمتن <b>پررنگ</b> اینجا.\n");
	assert_false(has_text(&fx.f, "یادداشت"));
	assert_false(has_text(&fx.f, "<b>"));
	assert_true(has_text(&fx.f, "پررنگ"));
	done(&fx);
}

static void
digits_in_text_not_in_code(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "سال 1403 و `x = 42` و https://example.org/a1\n");
	assert_int_equal(fx.f.n, 1);
	assert_true(has_text(&fx.f, "سال ۱۴۰۳"));
	assert_true(has_text(&fx.f, "x = 42"));
	/* The code span is set in the monospaced face, left to right. */
	assert_int_equal(fx.f.v[0].par.spans[1].style.font, FONT_MONO);
	assert_true(fx.f.v[0].par.spans[1].style.code);
	assert_true(has_text(&fx.f, "example.org/a1"));
	done(&fx);
}

static void
links_allowed_or_dropped_with_a_warning(void **state)
{
	struct fixture fx;
	const struct flow_block *b;
	size_t i;
	int https = 0;

	(void)state;
	run(&fx, "[این صفحه](https://example.org/x) و [بد](javascript:alert(1)) و "
	    "[درباره](../pages/about.md)\n");
	b = &fx.f.v[0];
	for (i = 0; i < b->par.nspans; i++) {
		const char *u = b->par.spans[i].style.uri;

		if (u != NULL) {
			assert_string_equal(u, "https://example.org/x");
			https++;
		}
	}
	assert_int_equal(https, 1);
	assert_int_equal(fx.d.n, 1);
	assert_int_equal(fx.d.v[0].level, DIAG_WARN);
	assert_string_equal(fx.d.v[0].file, "stories/t.md");
	assert_int_equal(fx.d.v[0].line, 5);
	assert_non_null(strstr(fx.d.v[0].msg, "javascript:"));
	done(&fx);
}

static void
list_markers_and_headings(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "## عنوان\n\n1. یک\n2. دو\n\n- الف\n");
	assert_int_equal(fx.f.n, 4);
	assert_int_equal(fx.f.v[0].heading, 2);
	assert_true(fx.f.v[0].keep_with_next);
	assert_non_null(fx.f.v[0].dest);
	assert_int_equal(fx.f.v[0].par.spans[0].style.font, FONT_BOLD);
	assert_string_equal(fx.f.v[1].marker, "۱.");
	assert_string_equal(fx.f.v[2].marker, "۲.");
	assert_string_equal(fx.f.v[3].marker, "•");
	assert_true(fx.f.v[1].indent_start_pt > 0);
	done(&fx);
}

static void
bold_inside_a_word_is_one_paragraph(void **state)
{
	struct fixture fx;
	const struct flow_block *b;

	(void)state;
	run(&fx, "این **کتاب**ها را ببین\n");
	b = &fx.f.v[0];
	assert_string_equal(b->par.text, "این کتابها را ببین");
	assert_int_equal(b->par.nspans, 3);
	assert_int_equal(b->par.spans[1].style.font, FONT_BOLD);
	assert_int_equal(b->par.spans[1].start, strlen("این "));
	assert_int_equal(b->par.spans[2].end, b->par.len);
	done(&fx);
}

static void
quotes_and_stats_blocks(void **state)
{
	struct fixture fx;

	(void)state;
	run(&fx, "> «نقل قول»\n\n```stats\nquery: SELECT 1\ntitle: نمودار ۱\n```\n");
	assert_int_equal(fx.f.n, 2);
	assert_int_equal(fx.f.v[0].quote_depth, 1);
	assert_true(has_text(&fx.f, "نمودار ۱"));
	assert_false(has_text(&fx.f, "SELECT"));
	done(&fx);
}

static void
character_no_font_has_is_warned_once_at_its_column(void **state)
{
	struct fixture fx;
	struct fonts fs;
	const char *md = "یک دو \xf4\x8f\xbf\xbd سه\n\nو باز \xf4\x8f\xbf\xbd\n";

	(void)state;
	arena_init(&fx.a);
	diag_init(&fx.d);
	assert_int_equal(font_load(&fs, "fonts", &fx.d), 0);
	flow_init(&fx.f, 10, 1.6, 1);
	fx.f.fonts = &fs;
	memset(&fx.doc, 0, sizeof fx.doc);
	fx.doc.path = "stories/t.md";
	fx.doc.body_line = 5;
	fx.doc.body = md;
	fx.doc.body_len = strlen(md);
	fx.doc.root = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	assert_int_equal(flow_doc(&fx.a, &fx.f, &fx.doc, &fx.d), 0);
	/* Once, at the first place: body line 1 is file line 5; "یک دو " is
	 * six characters, so the character is in column 7. */
	assert_int_equal(fx.d.n, 1);
	assert_int_equal(fx.d.v[0].level, DIAG_WARN);
	assert_int_equal(fx.d.v[0].line, 5);
	assert_int_equal(fx.d.v[0].col, 7);
	assert_non_null(strstr(fx.d.v[0].msg, "U+10FFFD"));
	font_release(&fs);
	done(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(raw_html_never_printed),
		cmocka_unit_test(digits_in_text_not_in_code),
		cmocka_unit_test(links_allowed_or_dropped_with_a_warning),
		cmocka_unit_test(list_markers_and_headings),
		cmocka_unit_test(bold_inside_a_word_is_one_paragraph),
		cmocka_unit_test(quotes_and_stats_blocks),
		cmocka_unit_test(character_no_font_has_is_warned_once_at_its_column),
	};

	return cmocka_run_group_tests_name("flow", tests, NULL, NULL);
}
