/* tests/buf.c - growable byte buffer: growth, UTF-8, HTML escaping, printf. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"

static void
starts_empty_and_grows(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	/* Far past any first allocation: every byte kept, NUL always there. */
	for (i = 0; i < 100000; i++) {
		buf_putc(&b, 'a' + (int)(i % 26));
		assert_int_equal(b.len, i + 1);
		assert_true(b.cap > b.len);
		assert_int_equal(b.data[b.len], '\0');
	}
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + (int)(i % 26));
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void
put_appends_bytes_exactly(void **state)
{
	/* buf_put takes bytes, embedded NULs included. */
	static const char bin[] = { 'x', '\0', 'y', (char)0xFF };
	struct buf b = BUF_INIT;
	char big[5000];

	(void)state;
	buf_puts(&b, "hello, ");
	buf_puts(&b, "دنیا");
	assert_string_equal(b.data, "hello, دنیا");
	assert_int_equal(b.len, strlen("hello, دنیا"));
	buf_put(&b, bin, sizeof bin);
	assert_int_equal(b.len, strlen("hello, دنیا") + 4);
	assert_memory_equal(b.data + b.len - 4, bin, 4);
	assert_int_equal(b.data[b.len], '\0');
	/* One big append that needs several doublings at once. */
	memset(big, 'z', sizeof big);
	buf_put(&b, big, sizeof big);
	assert_memory_equal(b.data + b.len - sizeof big, big, sizeof big);
	assert_int_equal(b.data[b.len], '\0');
	buf_release(&b);
}

static void
empty_put_still_terminates(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_put(&b, "", 0);
	assert_int_equal(b.len, 0);
	if (b.data != NULL)
		assert_string_equal(b.data, "");
	buf_puts(&b, "");
	assert_int_equal(b.len, 0);
	buf_release(&b);
	/* Releasing twice, or a buffer never used, is harmless. */
	buf_release(&b);
}

static void
put_utf8_one_to_four_bytes(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_put_utf8(&b, 0x41);		/* A: 1 byte */
	assert_int_equal(b.len, 1);
	buf_put_utf8(&b, 0x7F);		/* last 1-byte code point */
	assert_int_equal(b.len, 2);
	buf_put_utf8(&b, 0x80);		/* first 2-byte code point */
	buf_put_utf8(&b, 0x6CC);	/* FARSI YEH: 2 bytes */
	buf_put_utf8(&b, 0x7FF);	/* last 2-byte code point */
	assert_int_equal(b.len, 8);
	buf_put_utf8(&b, 0x800);	/* first 3-byte code point */
	buf_put_utf8(&b, 0x200C);	/* ZERO WIDTH NON-JOINER: 3 bytes */
	buf_put_utf8(&b, 0xFFFF);	/* last 3-byte code point */
	assert_int_equal(b.len, 17);
	buf_put_utf8(&b, 0x10000);	/* first 4-byte code point */
	buf_put_utf8(&b, 0x1F600);	/* emoji: 4 bytes */
	buf_put_utf8(&b, 0x10FFFF);	/* last code point */
	assert_int_equal(b.len, 29);
	assert_memory_equal(b.data,
	    "A\x7F"
	    "\xC2\x80" "\xDB\x8C" "\xDF\xBF"
	    "\xE0\xA0\x80" "\xE2\x80\x8C" "\xEF\xBF\xBF"
	    "\xF0\x90\x80\x80" "\xF0\x9F\x98\x80" "\xF4\x8F\xBF\xBF", 29);
	assert_int_equal(b.data[b.len], '\0');
	buf_release(&b);
}

static void
put_utf8_zero_is_one_nul_byte(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_put_utf8(&b, 0);
	assert_int_equal(b.len, 1);
	assert_int_equal(b.data[0], '\0');
	buf_release(&b);
}

static void
put_html_escapes_five_characters(void **state)
{
	const char s[] = "a & b < c > d \"e\" 'f' ی";
	struct buf b = BUF_INIT;

	(void)state;
	buf_put_html(&b, s, strlen(s));
	assert_string_equal(b.data,
	    "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; ی");
	buf_release(&b);
}

static void
put_html_edges(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	/* Nothing to escape: copied as is. */
	buf_put_html(&b, "plain متن", strlen("plain متن"));
	assert_string_equal(b.data, "plain متن");
	buf_truncate(&b, 0);
	/* Only special characters, back to back, at both ends. */
	buf_put_html(&b, "&<>\"'", 5);
	assert_string_equal(b.data, "&amp;&lt;&gt;&quot;&#39;");
	buf_truncate(&b, 0);
	/* len is honoured: the '<' past it is not read. */
	buf_put_html(&b, "x&y<z", 3);
	assert_string_equal(b.data, "x&amp;y");
	buf_truncate(&b, 0);
	/* Already-escaped text is escaped again, not trusted. */
	buf_put_html(&b, "&amp;", 5);
	assert_string_equal(b.data, "&amp;amp;");
	buf_truncate(&b, 0);
	buf_put_html(&b, "", 0);
	assert_int_equal(b.len, 0);
	/* Appends after what is there. */
	buf_puts(&b, "<p>");
	buf_put_html(&b, "<b>", 3);
	assert_string_equal(b.data, "<p>&lt;b&gt;");
	buf_release(&b);
}

static void
printf_appends(void **state)
{
	struct buf b = BUF_INIT;
	char arg[1000];

	(void)state;
	buf_printf(&b, "%d pages", 12);
	buf_printf(&b, ", %s %zu", "سال", (size_t)1403);
	assert_string_equal(b.data, "12 pages, سال 1403");
	assert_int_equal(b.len, strlen("12 pages, سال 1403"));
	/* An empty result appends nothing. */
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, strlen("12 pages, سال 1403"));
	/* Output longer than the current capacity grows the buffer. */
	memset(arg, 'q', sizeof arg - 1);
	arg[sizeof arg - 1] = '\0';
	buf_truncate(&b, 0);
	buf_printf(&b, "[%s][%s]", arg, arg);
	assert_int_equal(b.len, 2 * (sizeof arg - 1) + 4);
	assert_int_equal(b.data[0], '[');
	assert_int_equal(b.data[b.len - 1], ']');
	assert_int_equal(b.data[b.len], '\0');
	buf_release(&b);
}

static void
truncate_shortens_never_lengthens(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "abcdef");
	buf_truncate(&b, 3);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	/* Longer than the content: nothing happens. */
	buf_truncate(&b, 10);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	buf_truncate(&b, 3);
	assert_string_equal(b.data, "abc");
	/* Appending after a truncation overwrites what was cut. */
	buf_puts(&b, "XY");
	assert_string_equal(b.data, "abcXY");
	buf_truncate(&b, 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_release(&b);
	/* A buffer that never held anything can be truncated. */
	buf_truncate(&b, 0);
	assert_int_equal(b.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_empty_and_grows),
		cmocka_unit_test(put_appends_bytes_exactly),
		cmocka_unit_test(empty_put_still_terminates),
		cmocka_unit_test(put_utf8_one_to_four_bytes),
		cmocka_unit_test(put_utf8_zero_is_one_nul_byte),
		cmocka_unit_test(put_html_escapes_five_characters),
		cmocka_unit_test(put_html_edges),
		cmocka_unit_test(printf_appends),
		cmocka_unit_test(truncate_shortens_never_lengthens),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
