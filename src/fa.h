/* fa.h - Persian text rules: yeh/kaf, digits and separators, Jalali dates. */
#ifndef DAFTAR_FA_H
#define DAFTAR_FA_H

#include <stddef.h>

struct arena;

/* A calendar date; month and day are 1-based. */
struct fa_date {
	int year, month, day;
};

/* Flags for fa_normalize(). */
#define FA_DIGITS	0x01	/* ASCII and Arabic-Indic digits -> Persian, with separators */
#define FA_LETTERS	0x02	/* Arabic yeh/kaf (and alef maksura) -> Persian yeh/kaf */

/* Applies the Persian text rules to running text s[0..len).  With FA_DIGITS,
 * digits become U+06F0..U+06F9 except in a token (a run of non-space
 * characters) that holds a Latin letter, "://", "www." or "@", so words like
 * "GPT-4", URLs and e-mail addresses keep theirs; between two converted
 * digits "," becomes U+066C and "." becomes U+066B, and "%" right after a
 * converted digit becomes U+066A.  The result is NUL-terminated, lives as
 * long as a, and its length is stored in *outlen (when not NULL). */
char	*fa_normalize(struct arena *a, const char *s, size_t len, unsigned flags,
	    size_t *outlen);

/* Writes n in Persian digits into a ("۱۴۰۳"), with U+066C between thousands
 * when group is non-zero ("۱۷٬۰۵۰"). */
char	*fa_number(struct arena *a, long n, int group);

/* n (1..999) in abjad letters, as front matter is numbered: 1 «الف», 2 «ب»,
 * 11 «یا»; other n in Persian digits.  Lives as long as a. */
char	*fa_abjad(struct arena *a, int n);

/* Jalali <-> Gregorian, by the 33-year break table through the Julian Day
 * Number (integer arithmetic only; valid for Jalali years -61..3177). */
int	fa_jalali_is_leap(int jy);
int	fa_jalali_month_days(int jy, int jm);
/* Returns 1 when jy-jm-jd is a real Jalali date, else 0. */
int	fa_jalali_valid(int jy, int jm, int jd);
struct fa_date fa_jalali_to_gregorian(struct fa_date j);
struct fa_date fa_gregorian_to_jalali(struct fa_date g);

/* Parses "YYYY-MM-DD" (ASCII or Persian digits) into *out.  Returns 0, or -1
 * when s is not of that form or not a real Jalali date; then *errcol is the
 * 1-based character column in s where the problem is and *why a static
 * English explanation. */
int	fa_jalali_parse(const char *s, size_t len, struct fa_date *out,
	    int *errcol, const char **why);

/* Negative, zero or positive as x is before, on or after y. */
int	fa_date_cmp(struct fa_date x, struct fa_date y);

/* Negative, zero or positive as UTF-8 x comes before, with or after y in
 * Persian alphabetical order: پ after ب, چ after ج, ژ after ز, گ after ک,
 * ی last; Arabic ي and ك as ی and ک; ZWNJ and harakat ignored; numbers in
 * any digits by value ("منطقه ۲" before "منطقه 10"); spaces and hyphens
 * before any letter.  Strings that differ only in what is ignored are
 * ordered by bytes, so no two different strings compare equal. */
int	fa_collate(const char *x, const char *y);

/* The Persian month name, 1 = فروردین .. 12 = اسفند; NULL when out of range. */
const char *fa_month_name(int jm);

/* "۱۵ مهر ۱۴۰۳", or "15 مهر 1403" without persian_digits: lives as long
 * as a. */
char	*fa_date_text(struct arena *a, struct fa_date j, int persian_digits);

/* "2024-10-06": the Gregorian day of Jalali j, in ASCII, for machines. */
char	*fa_date_iso(struct arena *a, struct fa_date j);

#endif
