/* tests/bidicheck.c - "daftar debug bidi": cases in, visual orders and diagnostics out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidicheck.h"
#include "diag.h"
#include "support.h"

/* Runs bidicheck_run on input; returns what it wrote (caller frees) and
 * sets *rc. */
static char *
run(const char *input, struct diags *d, int *rc)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	char *out = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&out, &n);

	assert_non_null(in);
	assert_non_null(fp);
	*rc = bidicheck_run(in, "<stdin>", fp, d);
	fclose(fp);
	fclose(in);
	return out;
}

static void
cases_and_comments(void **state)
{
	/* Two cases from BidiCharacterTest.txt, the second with its fields
	 * 2-4 left out; a comment, a blank line and CRLF are skipped. */
	static const char input[] =
	    "# BidiCharacterTest-15.0.0.txt\n"
	    "\n"
	    "05D0 05D1 0028 05D2 05D3 005B 0026 0065 0066 005D 002E 0029 0067 0068;1;1;"
	    "1 1 1 1 1 1 1 2 2 1 1 1 2 2;12 13 11 10 9 7 8 6 5 4 3 2 1 0\r\n"
	    "202E 0061 202A 0062 202C 2066 0063 2069 202A 0064 202C 0065 202C;2\n"
	    "  \t\n"
	    "202A 202C;0";
	struct diags d;
	char *out;
	int rc;

	(void)state;
	diag_init(&d);
	out = run(input, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	/* The last case has only removed characters: an empty line. */
	assert_string_equal(out, "12 13 11 10 9 7 8 6 5 4 3 2 1 0\n"
	    "11 9 7 6 5 3 1\n"
	    "\n");
	free(out);
	diag_release(&d);
}

static void
malformed_lines_name_their_line(void **state)
{
	static const char input[] =
	    "0061 0062;0\n"
	    "0061 00G2;0\n"
	    "0061;3\n"
	    "0061 0062\n"
	    ";1\n"
	    "110000;1\n"
	    "D800;1\n"
	    "05D0;1\n";
	struct diags d;
	char *out, *printed;
	int rc;

	(void)state;
	diag_init(&d);
	out = run(input, &d, &rc);
	assert_int_equal(rc, -1);
	/* Good lines still print; bad ones print nothing. */
	assert_string_equal(out, "0 1\n0\n");
	printed = test_printed(&d);
	assert_string_equal(printed,
	    "<stdin>:2:6: error: '00G2' is not a code point; write 1 to 6 "
	    "hexadecimal digits, at most 10FFFF\n"
	    "<stdin>:3:6: error: '3' is not a paragraph direction; write 0 "
	    "(left to right), 1 (right to left) or 2 (auto)\n"
	    "<stdin>:4:10: error: the case has no paragraph direction; write "
	    "';0', ';1' or ';2' after the code points\n"
	    "<stdin>:5:1: error: the case has no code points; write them in "
	    "hexadecimal before the first ';'\n"
	    "<stdin>:6:1: error: '110000' is not a code point; write 1 to 6 "
	    "hexadecimal digits, at most 10FFFF\n"
	    "<stdin>:7:1: error: 'D800' is a surrogate, not a character; write "
	    "the code point it stands for\n");
	free(printed);
	free(out);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cases_and_comments),
		cmocka_unit_test(malformed_lines_name_their_line),
	};

	return cmocka_run_group_tests_name("bidicheck", tests, NULL, NULL);
}
