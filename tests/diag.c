/* tests/diag.c - diagnostics: recording, counts, sorted printing, columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "support.h"

static void
error_returns_minus_one_and_records(void **state)
{
	struct pos at = { "stories/x.md", 3, 7 };
	struct diags d;

	(void)state;
	diag_init(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(diag_error(&d, at, "missing field '%s'", "date"), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	assert_string_equal(d.v[0].file, "stories/x.md");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 7);
	assert_string_equal(d.v[0].msg, "missing field 'date'");
	diag_release(&d);
	assert_int_equal(d.n, 0);
}

static void
file_name_is_copied(void **state)
{
	/* pos.file is borrowed: the diags must not keep the caller's pointer. */
	char name[32];
	struct diags d;
	struct pos at = { name, 1, 1 };

	(void)state;
	diag_init(&d);
	strcpy(name, "pages/about.md");
	diag_warn(&d, at, "first");
	strcpy(name, "overwritten.md");
	assert_string_equal(d.v[0].file, "pages/about.md");
	diag_release(&d);
}

/* The booklet and the site both read a story: the same finding at the same
 * place is kept once; another level, place or message is another finding. */
static void
same_finding_recorded_once(void **state)
{
	struct pos at = { "stories/x.md", 4, 9 }, next = { "stories/x.md", 4, 10 };
	struct diags d, from;

	(void)state;
	diag_init(&d);
	diag_init(&from);
	diag_warn(&d, at, "link to '%s' dropped", "javascript:x");
	diag_warn(&d, at, "link to '%s' dropped", "javascript:x");
	assert_int_equal(d.n, 1);
	diag_error(&d, at, "link to 'javascript:x' dropped");
	diag_warn(&d, next, "link to 'javascript:x' dropped");
	diag_warn(&d, at, "link to 'data:x' dropped");
	assert_int_equal(d.n, 4);
	/* A worker thread's findings merged into the build's. */
	diag_warn(&from, at, "link to 'javascript:x' dropped");
	diag_append(&d, &from);
	assert_int_equal(d.n, 4);
	assert_int_equal(diag_count(&d, DIAG_WARN), 3);
	diag_release(&from);
	diag_release(&d);
}

static void
no_file_is_empty_string(void **state)
{
	struct pos none = { NULL, 0, 0 };
	struct diags d;

	(void)state;
	diag_init(&d);
	diag_note(&d, none, "nothing to build");
	assert_non_null(d.v[0].file);
	assert_string_equal(d.v[0].file, "");
	assert_int_equal(d.v[0].level, DIAG_NOTE);
	diag_release(&d);
}

static void
counts_and_worst_level(void **state)
{
	struct pos at = { "a.md", 1, 1 };
	struct diags d;
	int i;

	(void)state;
	diag_init(&d);
	assert_int_equal(diag_worst(&d), DIAG_NOTE);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
	diag_note(&d, at, "n");
	assert_int_equal(diag_worst(&d), DIAG_NOTE);
	diag_warn(&d, at, "w1");
	diag_warn(&d, at, "w2");
	assert_int_equal(diag_worst(&d), DIAG_WARN);
	diag_error(&d, at, "e");
	assert_int_equal(diag_worst(&d), DIAG_ERROR);
	/* A later warning does not lower the worst level. */
	diag_warn(&d, at, "w3");
	assert_int_equal(diag_worst(&d), DIAG_ERROR);
	assert_int_equal(diag_count(&d, DIAG_NOTE), 1);
	assert_int_equal(diag_count(&d, DIAG_WARN), 3);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	/* Many more than the first allocation holds. */
	for (i = 0; i < 100; i++)
		diag_error(&d, at, "e%d", i);
	assert_int_equal(d.n, 105);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 101);
	assert_string_equal(d.v[104].msg, "e99");
	diag_release(&d);
	assert_int_equal(diag_worst(&d), DIAG_NOTE);
}

static void
print_formats(void **state)
{
	struct pos positioned = { "stories/x.md", 3, 1 };
	struct pos whole = { "booklet.yaml", 0, 0 };
	struct pos none = { NULL, 0, 0 };
	struct diags d;
	char *s;

	(void)state;
	diag_init(&d);
	diag_warn(&d, positioned, "unknown field '%s' (did you mean '%s'?)", "titel", "title");
	diag_warn(&d, whole, "no 'year' given");
	diag_error(&d, none, "no content folder");
	diag_note(&d, whole, "3 stories");
	s = test_printed(&d);
	assert_string_equal(s,
	    "daftar: error: no content folder\n"
	    "booklet.yaml: warning: no 'year' given\n"
	    "booklet.yaml: note: 3 stories\n"
	    "stories/x.md:3:1: warning: unknown field 'titel' (did you mean 'title'?)\n");
	free(s);
	diag_release(&d);
}

static void
print_exact_error_line(void **state)
{
	struct pos at = { "stories/ali.md", 12, 5 };
	struct diags d;
	char *s;

	(void)state;
	diag_init(&d);
	diag_error(&d, at, "bad date '%s'", "۱۴۰۳/۱۳/۰۱");
	s = test_printed(&d);
	assert_string_equal(s, "stories/ali.md:12:5: error: bad date '۱۴۰۳/۱۳/۰۱'\n");
	free(s);
	diag_release(&d);
}

static void
print_sorts_by_file_line_col(void **state)
{
	struct diags d;
	char *s;

	(void)state;
	diag_init(&d);
	/* Recorded out of order; line 10 must sort after line 9 (numbers,
	 * not text), and the file name decides before the line. */
	diag_error(&d, (struct pos){ "b.md", 1, 1 }, "b1");
	diag_error(&d, (struct pos){ "a.md", 10, 1 }, "a10");
	diag_error(&d, (struct pos){ "a.md", 9, 4 }, "a9c4");
	diag_error(&d, (struct pos){ "a.md", 9, 2 }, "a9c2");
	diag_error(&d, (struct pos){ "a.md", 2, 30 }, "a2");
	s = test_printed(&d);
	assert_string_equal(s,
	    "a.md:2:30: error: a2\n"
	    "a.md:9:2: error: a9c2\n"
	    "a.md:9:4: error: a9c4\n"
	    "a.md:10:1: error: a10\n"
	    "b.md:1:1: error: b1\n");
	free(s);
	diag_release(&d);
}

static void
print_sort_is_stable(void **state)
{
	/* Equal positions keep the order they were recorded in, whatever
	 * their level: the first problem found is the first reported. */
	struct pos same = { "a.md", 4, 2 };
	struct diags d;
	char buf[16];
	char *s, *p;
	int i;

	(void)state;
	diag_init(&d);
	for (i = 0; i < 20; i++) {
		if (i % 3 == 0)
			diag_error(&d, (struct pos){ "z.md", 20 - i, 1 }, "z%d", i);
		if (i % 2 == 0)
			diag_warn(&d, same, "m%02d", i);
		else
			diag_error(&d, same, "m%02d", i);
	}
	s = test_printed(&d);
	p = s;
	for (i = 0; i < 20; i++) {
		snprintf(buf, sizeof buf, "m%02d\n", i);
		p = strstr(p, buf);
		assert_non_null(p);
	}
	/* Printing twice gives the same text: sorting sorted input is a no-op. */
	p = test_printed(&d);
	assert_string_equal(p, s);
	free(p);
	free(s);
	diag_release(&d);
}

static void
char_col_counts_characters(void **state)
{
	/* "سلام " is 4 two-byte letters and a space: 'x' is byte 9, column 6. */
	const char *fa = "سلام x";
	const char *zwnj = "می\xE2\x80\x8Cشود!";	/* ZWNJ: 3 bytes, 1 column */
	const char *emoji = "\xF0\x9F\x98\x80y";

	(void)state;
	assert_int_equal(diag_char_col(fa, 0), 1);
	assert_int_equal(diag_char_col(fa, 2), 2);
	assert_int_equal(diag_char_col(fa, 8), 5);
	assert_int_equal(diag_char_col(fa, 9), 6);
	assert_int_equal(diag_char_col("abc", 2), 3);
	/* م ی ZWNJ ش و د, then '!' in column 7. */
	assert_int_equal(diag_char_col(zwnj, strlen(zwnj) - 1), 7);
	assert_int_equal(diag_char_col(emoji, 4), 2);
}

static void
char_col_stays_in_its_line(void **state)
{
	/* The offset never reaches past the end of the line or the string. */
	(void)state;
	assert_int_equal(diag_char_col("ab\ncdef", 6), 3);
	assert_int_equal(diag_char_col("دو", 100), 3);
	assert_int_equal(diag_char_col("", 5), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_returns_minus_one_and_records),
		cmocka_unit_test(file_name_is_copied),
		cmocka_unit_test(no_file_is_empty_string),
		cmocka_unit_test(same_finding_recorded_once),
		cmocka_unit_test(counts_and_worst_level),
		cmocka_unit_test(print_formats),
		cmocka_unit_test(print_exact_error_line),
		cmocka_unit_test(print_sorts_by_file_line_col),
		cmocka_unit_test(print_sort_is_stable),
		cmocka_unit_test(char_col_counts_characters),
		cmocka_unit_test(char_col_stays_in_its_line),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
