/* tests/fa.c - Persian text rules: digits, yeh/kaf, Jalali dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fa.h"

static int
setup(void **state)
{
	struct arena *a = calloc(1, sizeof *a);

	if (a == NULL)
		return -1;
	arena_init(a);
	*state = a;
	return 0;
}

static int
teardown(void **state)
{
	arena_release(*state);
	free(*state);
	return 0;
}

static const char *
norm(struct arena *a, const char *s, unsigned flags)
{
	size_t len;
	char *out = fa_normalize(a, s, strlen(s), flags, &len);

	assert_int_equal(len, strlen(out));
	return out;
}

#define BOTH	(FA_DIGITS | FA_LETTERS)

/* --- fa_normalize ---------------------------------------------------------- */

static void
test_digits_in_persian(void **state)
{
	struct arena *a = *state;

	assert_string_equal(norm(a, "سال 1403", BOTH), "سال ۱۴۰۳");
	assert_string_equal(norm(a, "0123456789", BOTH), "۰۱۲۳۴۵۶۷۸۹");
	assert_string_equal(norm(a, "٠١٢٣٤٥٦٧٨٩", BOTH), "۰۱۲۳۴۵۶۷۸۹");
	assert_string_equal(norm(a, "", BOTH), "");
	assert_string_equal(norm(a, "سال 1403", 0), "سال 1403");
}

static void
test_digits_kept_in_latin_and_addresses(void **state)
{
	struct arena *a = *state;

	assert_string_equal(norm(a, "مدل GPT-4 خوب است", BOTH),
	    "مدل GPT-4 خوب است");
	assert_string_equal(norm(a, "مدرک ICDL2 دارم 2", BOTH),
	    "مدرک ICDL2 دارم ۲");
	assert_string_equal(norm(a, "https://example.org/a1", BOTH),
	    "https://example.org/a1");
	assert_string_equal(norm(a, "نشانی https://example.org/a1 و 5", BOTH),
	    "نشانی https://example.org/a1 و ۵");
	assert_string_equal(norm(a, "x1@example.org", BOTH), "x1@example.org");
	/* The marks alone, with no Latin letter, keep the token's digits. */
	assert_string_equal(norm(a, "12@34", BOTH), "12@34");
	assert_string_equal(norm(a, "1://2", BOTH), "1://2");
	/* Latin beyond ASCII counts too. */
	assert_string_equal(norm(a, "Café2", BOTH), "Café2");
}

static void
test_separators(void **state)
{
	struct arena *a = *state;

	assert_string_equal(norm(a, "12,500", BOTH), "۱۲٬۵۰۰");
	assert_string_equal(norm(a, "3.5", BOTH), "۳٫۵");
	assert_string_equal(norm(a, "37%", BOTH), "۳۷٪");
	assert_string_equal(norm(a, "۳۷%", BOTH), "۳۷٪");
	/* Digits already Persian or Arabic-Indic still take the separators
	 * and the percent sign; a word without digits passes as it is. */
	assert_string_equal(norm(a, "۱۲,۵۰۰", BOTH), "۱۲٬۵۰۰");
	assert_string_equal(norm(a, "٣.٥%", BOTH), "۳٫۵٪");
	assert_string_equal(norm(a, "درصد%,", BOTH), "درصد%,");
	/* A sentence-final period is not a decimal separator. */
	assert_string_equal(norm(a, "سال 1403.", BOTH), "سال ۱۴۰۳.");
	assert_string_equal(norm(a, "سال 1403. بعد", BOTH), "سال ۱۴۰۳. بعد");
	assert_string_equal(norm(a, "1403.\n", BOTH), "۱۴۰۳.\n");
	assert_string_equal(norm(a, ".5 و 5.", BOTH), ".۵ و ۵.");
	assert_string_equal(norm(a, "5,", BOTH), "۵,");
	assert_string_equal(norm(a, "%5", BOTH), "%۵");
	/* Separators stay ASCII when digits are not converted. */
	assert_string_equal(norm(a, "12,500", FA_LETTERS), "12,500");
}

static void
test_letters(void **state)
{
	struct arena *a = *state;

	assert_string_equal(norm(a, "علي", BOTH), "علی");
	assert_string_equal(norm(a, "كتاب", BOTH), "کتاب");
	assert_string_equal(norm(a, "مصطفى", BOTH), "مصطفی");
	assert_string_equal(norm(a, "كتاب 2", FA_DIGITS), "كتاب ۲");
	assert_string_equal(norm(a, "كتاب 2", FA_LETTERS), "کتاب 2");
}

static void
test_zwnj_and_bytes(void **state)
{
	struct arena *a = *state;
	const char bad[] = "a\xff" "1 \xd9 2 \xe2\x80";
	size_t len;
	char *out;

	assert_string_equal(norm(a, "می\u200cخواهم", BOTH), "می\u200cخواهم");
	assert_string_equal(norm(a, "کتاب\u200cهای 3", BOTH), "کتاب\u200cهای ۳");
	/* Malformed UTF-8 passes through byte for byte; the rest is converted. */
	out = fa_normalize(a, bad, sizeof bad - 1, BOTH, &len);
	assert_int_equal(len, strlen("a\xff" "1 \xd9 ۲ \xe2\x80"));
	assert_memory_equal(out, "a\xff" "1 \xd9 ۲ \xe2\x80", len);
	/* Only len bytes are read: no NUL is needed in s. */
	out = fa_normalize(a, "12345", 2, BOTH, &len);
	assert_string_equal(out, "۱۲");
	assert_string_equal(fa_normalize(a, "", 0, BOTH, NULL), "");
}

/*
 * Cases from tests/fa/digits.txt: "```` example [digits|letters]", input
 * lines, ".", expected lines, "````".
 */
static void
test_digits_file(void **state)
{
	struct arena *a = *state;
	char path[1024], line[4096];
	struct buf in = BUF_INIT, want = BUF_INIT, *cur = NULL;
	const char *file = __FILE__;
	unsigned flags = BOTH;
	int ncase = 0, failed = 0, lineno = 0, start = 0;
	size_t dlen = strlen(file) - 2;	/* "tests/fa.c" -> "tests/fa" */
	FILE *fp;

	snprintf(path, sizeof path, "%.*s/digits.txt", (int)dlen, file);
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open %s (run from the project root)", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		if (cur == NULL && strncmp(line, "```` example", 12) == 0) {
			flags = strstr(line, "digits") ? FA_DIGITS :
			    strstr(line, "letters") ? FA_LETTERS : BOTH;
			buf_truncate(&in, 0);
			buf_truncate(&want, 0);
			cur = &in;
			start = lineno;
		} else if (cur == &in && strcmp(line, ".\n") == 0) {
			cur = &want;
		} else if (cur == &want && strcmp(line, "````\n") == 0) {
			/* Drop the newline that ends the last line of each side. */
			const char *got;

			buf_truncate(&in, in.len ? in.len - 1 : 0);
			buf_truncate(&want, want.len ? want.len - 1 : 0);
			got = norm(a, in.data ? in.data : "", flags);
			if (strcmp(got, want.data ? want.data : "") != 0) {
				print_error("%s:%d: got \"%s\", want \"%s\"\n",
				    path, start, got, want.data);
				failed++;
			}
			ncase++;
			cur = NULL;
		} else if (cur != NULL) {
			buf_puts(cur, line);
		}
	}
	fclose(fp);
	buf_release(&in);
	buf_release(&want);
	assert_null(cur);
	assert_true(ncase >= 20);
	assert_int_equal(failed, 0);
}

/* --- fa_number ------------------------------------------------------------- */

static void
test_number(void **state)
{
	struct arena *a = *state;

	assert_string_equal(fa_number(a, 0, 0), "۰");
	assert_string_equal(fa_number(a, 1403, 0), "۱۴۰۳");
	assert_string_equal(fa_number(a, 1403, 1), "۱٬۴۰۳");
	assert_string_equal(fa_number(a, 17050, 1), "۱۷٬۰۵۰");
	assert_string_equal(fa_number(a, 999, 1), "۹۹۹");
	assert_string_equal(fa_number(a, 1000000, 1), "۱٬۰۰۰٬۰۰۰");
	assert_string_equal(fa_number(a, -5, 0), "-۵");
	assert_string_equal(fa_number(a, -12500, 1), "-۱۲٬۵۰۰");
	/* The most negative long has no positive counterpart in a long. */
	if (sizeof(long) == 8)
		assert_string_equal(fa_number(a, -9223372036854775807L - 1, 1),
		    "-۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸");
}

/* --- Jalali calendar --------------------------------------------------------- */

static void
test_leap_years(void **state)
{
	/* The reference list for 1395..1410 (TYPESETTING.md §7). */
	static const int leap[] = { 1395, 1399, 1403, 1408 };
	int y, i, want;

	(void)state;
	for (y = 1395; y <= 1410; y++) {
		want = 0;
		for (i = 0; i < 4; i++)
			want |= leap[i] == y;
		if (fa_jalali_is_leap(y) != want)
			fail_msg("year %d: leap %d, want %d", y,
			    fa_jalali_is_leap(y), want);
	}
	assert_true(fa_jalali_is_leap(1403));
	assert_false(fa_jalali_is_leap(1404));
	assert_int_equal(fa_jalali_month_days(1403, 12), 30);
	assert_int_equal(fa_jalali_month_days(1404, 12), 29);
	assert_int_equal(fa_jalali_month_days(1404, 1), 31);
	assert_int_equal(fa_jalali_month_days(1404, 6), 31);
	assert_int_equal(fa_jalali_month_days(1404, 7), 30);
	assert_int_equal(fa_jalali_month_days(1404, 13), 0);
	assert_int_equal(fa_jalali_month_days(1404, 0), 0);
	/* Outside the break table there is no calendar. */
	assert_false(fa_jalali_valid(3178, 1, 1));
	assert_false(fa_jalali_valid(-62, 1, 1));
	assert_true(fa_jalali_valid(3177, 1, 1));
	assert_true(fa_jalali_valid(-61, 1, 1));
	assert_true(fa_jalali_valid(1403, 12, 30));
	assert_false(fa_jalali_valid(1404, 12, 30));
	assert_false(fa_jalali_valid(1404, 7, 31));
	assert_false(fa_jalali_valid(1404, 1, 0));
}

static void
check_pair(int gy, int gm, int gd, int jy, int jm, int jd)
{
	struct fa_date g = { gy, gm, gd }, j = { jy, jm, jd }, r;

	r = fa_gregorian_to_jalali(g);
	if (r.year != jy || r.month != jm || r.day != jd)
		fail_msg("%04d-%02d-%02d -> %d-%02d-%02d, want %d-%02d-%02d",
		    gy, gm, gd, r.year, r.month, r.day, jy, jm, jd);
	r = fa_jalali_to_gregorian(j);
	if (r.year != gy || r.month != gm || r.day != gd)
		fail_msg("%d-%02d-%02d -> %04d-%02d-%02d, want %04d-%02d-%02d",
		    jy, jm, jd, r.year, r.month, r.day, gy, gm, gd);
}

static void
test_known_dates(void **state)
{
	struct fa_date bad = { 2025, 2, 29 }, r;

	(void)state;
	check_pair(2025, 3, 20, 1403, 12, 30);
	check_pair(2025, 3, 21, 1404, 1, 1);
	check_pair(2024, 3, 20, 1403, 1, 1);
	check_pair(1979, 2, 11, 1357, 11, 22);
	check_pair(2024, 10, 6, 1403, 7, 15);
	check_pair(2026, 3, 20, 1404, 12, 29);
	check_pair(2026, 3, 21, 1405, 1, 1);
	check_pair(2017, 3, 20, 1395, 12, 30);
	check_pair(2017, 3, 21, 1396, 1, 1);
	check_pair(2000, 1, 1, 1378, 10, 11);
	check_pair(622, 3, 22, 1, 1, 1);
	/* Invalid input gives the zero date instead of a made-up day. */
	r = fa_gregorian_to_jalali(bad);
	assert_int_equal(r.year, 0);
	assert_int_equal(r.month, 0);
	r = fa_jalali_to_gregorian((struct fa_date){ 1404, 12, 30 });
	assert_int_equal(r.month, 0);
}

static int
greg_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return d[m - 1] + (m == 2 && leap);
}

static void
next_day(struct fa_date *d, int (*days)(int, int))
{
	if (++d->day <= days(d->year, d->month))
		return;
	d->day = 1;
	if (++d->month <= 12)
		return;
	d->month = 1;
	d->year++;
}

static void
test_round_trip(void **state)
{
	struct fa_date g = { 1950, 1, 1 }, j, prev, back;
	long count = 0;
	int have_prev = 0, nowruz = 0;

	(void)state;
	while (g.year <= 2100) {
		j = fa_gregorian_to_jalali(g);
		if (!fa_jalali_valid(j.year, j.month, j.day))
			fail_msg("%04d-%02d-%02d -> invalid %d-%d-%d", g.year,
			    g.month, g.day, j.year, j.month, j.day);
		back = fa_jalali_to_gregorian(j);
		if (back.year != g.year || back.month != g.month ||
		    back.day != g.day)
			fail_msg("%04d-%02d-%02d -> %d-%02d-%02d -> %04d-%02d-%02d",
			    g.year, g.month, g.day, j.year, j.month, j.day,
			    back.year, back.month, back.day);
		if (have_prev) {
			next_day(&prev, fa_jalali_month_days);
			if (prev.year != j.year || prev.month != j.month ||
			    prev.day != j.day)
				fail_msg("%04d-%02d-%02d -> %d-%02d-%02d, "
				    "the day before was %d-%02d-%02d",
				    g.year, g.month, g.day, j.year, j.month,
				    j.day, prev.year, prev.month, prev.day);
		}
		/* Nowruz, the March equinox, is always 19..22 March. */
		if (j.month == 1 && j.day == 1) {
			assert_int_equal(g.month, 3);
			assert_in_range(g.day, 19, 22);
			nowruz++;
		}
		prev = j;
		have_prev = 1;
		next_day(&g, greg_days);
		count++;
	}
	assert_int_equal(count, 55152);	/* 151 years, 37 of them leap */
	assert_int_equal(nowruz, 151);
}

/* --- parsing and printing -------------------------------------------------- */

static void
check_parse_error(const char *s, int col, const char *why_part)
{
	struct fa_date d = { -1, -1, -1 };
	const char *why = NULL;
	int errcol = 0;

	if (fa_jalali_parse(s, strlen(s), &d, &errcol, &why) != -1)
		fail_msg("\"%s\" parsed", s);
	assert_non_null(why);
	if (errcol != col || strstr(why, why_part) == NULL)
		fail_msg("\"%s\": column %d \"%s\", want column %d \"%s\"",
		    s, errcol, why, col, why_part);
	assert_int_equal(d.year, -1);	/* untouched on error */
}

static void
test_parse(void **state)
{
	struct fa_date d;
	int errcol = 0;
	const char *why = NULL;

	(void)state;
	assert_int_equal(fa_jalali_parse("1403-07-15", 10, &d, &errcol, &why), 0);
	assert_int_equal(d.year, 1403);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 15);
	assert_int_equal(fa_jalali_parse("۱۴۰۳-۱۲-۳۰", strlen("۱۴۰۳-۱۲-۳۰"),
	    &d, NULL, NULL), 0);
	assert_int_equal(d.year, 1403);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 30);
	/* Mixed digit forms, as pasted text has them. */
	assert_int_equal(fa_jalali_parse("۱۴۰4-0١-۰1", strlen("۱۴۰4-0١-۰1"),
	    &d, NULL, NULL), 0);
	assert_int_equal(d.year, 1404);
	assert_int_equal(d.day, 1);
	/* Only len bytes count. */
	assert_int_equal(fa_jalali_parse("1403-07-15xyz", 10, &d, NULL, NULL), 0);

	check_parse_error("1403-13-01", 6, "month");
	check_parse_error("1403-00-01", 6, "month");
	check_parse_error("1404-12-30", 9, "Esfand has 29 days");
	check_parse_error("1403-12-31", 9, "Esfand has 30 days");
	check_parse_error("1403-07-31", 9, "Mehr has 30 days");
	check_parse_error("1403-01-32", 9, "Farvardin has 31 days");
	check_parse_error("1403-01-00", 9, "day 00");
	check_parse_error("", 1, "year needs 4 digits");
	check_parse_error("140", 4, "year needs 4 digits");
	check_parse_error("14x3-01-01", 3, "year needs 4 digits");
	check_parse_error("14030-01-01", 5, "expected '-'");
	check_parse_error("1403/01/01", 5, "expected '-'");
	check_parse_error("1403-1-01", 7, "month needs 2 digits");
	check_parse_error("1403-01-1", 10, "day needs 2 digits");
	check_parse_error("1403-01", 8, "expected '-'");
	check_parse_error("1403-01-01 ", 11, "unexpected text");
	check_parse_error("3178-01-01", 1, "3177");
	/* Columns count characters: each Persian digit is two bytes but one column. */
	check_parse_error("۱۴۰۴-۱۲-۳۰", 9, "Esfand has 29 days");
	check_parse_error("۱۴۰۳-۱۳-۰۱", 6, "month");
	check_parse_error("۱۴۰۳-۰۱-۰۱x", 11, "unexpected text");
}

static void
test_text(void **state)
{
	struct arena *a = *state;
	static const char *const months[12] = {
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
		"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
	};
	int m;

	for (m = 1; m <= 12; m++)
		assert_string_equal(fa_month_name(m), months[m - 1]);
	assert_null(fa_month_name(0));
	assert_null(fa_month_name(13));

	/* Exact bytes: Persian digits, no leading zero, no year separator. */
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 7, 15 }, 1),
	    "\xdb\xb1\xdb\xb5 \xd9\x85\xd9\x87\xd8\xb1 "
	    "\xdb\xb1\xdb\xb4\xdb\xb0\xdb\xb3");
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 7, 15 }, 1),
	    "۱۵ مهر ۱۴۰۳");
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1404, 1, 1 }, 1),
	    "۱ فروردین ۱۴۰۴");
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 12, 30 }, 1),
	    "۳۰ اسفند ۱۴۰۳");
	/* An impossible date still shows, in a form no real date has. */
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 13, 1 }, 1),
	    "۱/۱۳/۱۴۰۳");
	/* digits: latin: ASCII digits, the month still in words. */
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 7, 15 }, 0),
	    "15 مهر 1403");
	assert_string_equal(fa_date_text(a, (struct fa_date){ 1403, 13, 1 }, 0),
	    "1/13/1403");

	assert_string_equal(fa_date_iso(a, (struct fa_date){ 1403, 7, 15 }),
	    "2024-10-06");
	assert_string_equal(fa_date_iso(a, (struct fa_date){ 1403, 12, 30 }),
	    "2025-03-20");
	assert_string_equal(fa_date_iso(a, (struct fa_date){ 1357, 11, 22 }),
	    "1979-02-11");
	assert_string_equal(fa_date_iso(a, (struct fa_date){ 1404, 12, 30 }),
	    "0000-00-00");
}

static void
abjad_numerals(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(fa_abjad(&a, 1), "الف");
	assert_string_equal(fa_abjad(&a, 2), "ب");
	assert_string_equal(fa_abjad(&a, 5), "ه");
	assert_string_equal(fa_abjad(&a, 10), "ی");
	assert_string_equal(fa_abjad(&a, 11), "یا");
	assert_string_equal(fa_abjad(&a, 24), "کد");
	assert_string_equal(fa_abjad(&a, 100), "ق");
	assert_string_equal(fa_abjad(&a, 111), "قیا");
	arena_release(&a);
}

/* Each name strictly before the next. */
static void
assert_in_order(const char *const *names, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int c = fa_collate(names[i], names[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) ||
			    (i == j && c != 0))
				fail_msg("fa_collate(\"%s\", \"%s\") = %d",
				    names[i], names[j], c);
		}
}

static void
test_alphabetical_order(void **state)
{
	/* In code-point order پ چ ژ ک گ ی come after و and ه. */
	static const char *const letters[] = {
		"آب", "ابر", "بهار", "پیگیری", "تهران", "جمیله", "چرخ",
		"زهرا", "ژاله", "سارا", "قزوین", "کار", "گل", "لاله", "هما",
		"یاس",
	};
	/* Numbers in any digits by value; a space before any letter. */
	static const char *const numbers[] = {
		"منطقه 2", "منطقه-۳", "منطقه ۱۵", "منطقه-100", "منطقه‌ای",
	};

	(void)state;
	assert_in_order(letters, sizeof letters / sizeof letters[0]);
	assert_in_order(numbers, sizeof numbers / sizeof numbers[0]);
	/* Arabic yeh and kaf, ZWNJ and harakat sort with the Persian word, not
	 * after every Persian letter; bytes only break the tie. */
	assert_true(fa_collate("علي", "فاطمه") < 0);
	assert_true(fa_collate("كار", "گل") < 0);
	assert_true(fa_collate("کتاب‌ها", "کتابی") < 0);
	assert_true(fa_collate("مُهر", "میز") < 0);
	assert_true(fa_collate("منطقه-02", "منطقه-2") < 0);
	assert_true(fa_collate("منطقه-2", "منطقه-02") > 0);
	assert_int_equal(fa_collate("", ""), 0);
	assert_true(fa_collate("", "ا") < 0);
	/* A malformed byte still orders, and never reads past the end. */
	assert_true(fa_collate("\xff", "a") != 0);
	assert_true(fa_collate("\xd9", "\xd9\x86") != 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abjad_numerals),
		cmocka_unit_test_setup_teardown(test_digits_in_persian, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_kept_in_latin_and_addresses,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_separators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_letters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zwnj_and_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number, setup, teardown),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test(test_alphabetical_order),
	};

	return cmocka_run_group_tests_name("fa", tests, NULL, NULL);
}
