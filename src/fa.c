/* fa.c - Persian text rules: yeh/kaf, digits and separators, Jalali dates. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "fa.h"

/* One code point replaced by another. */
struct fa_map {
	uint32_t from;
	uint32_t to;
};

/* An inclusive range of code points. */
struct fa_range {
	uint32_t first;
	uint32_t last;
};

static const struct fa_map fa_letters[] = {
	{ 0x064A, 0x06CC },	/* ARABIC LETTER YEH -> FARSI YEH */
	{ 0x0643, 0x06A9 },	/* ARABIC LETTER KAF -> KEHEH */
	{ 0x0649, 0x06CC },	/* ALEF MAKSURA -> FARSI YEH: Arabic keyboards type it for final yeh */
};

/* Separators that change only between two digits, as in "12,500" and "3.5". */
static const struct fa_map fa_separators[] = {
	{ ',', 0x066C },	/* ARABIC THOUSANDS SEPARATOR */
	{ '.', 0x066B },	/* ARABIC DECIMAL SEPARATOR */
};

#define FA_PERCENT	0x066A	/* ARABIC PERCENT SIGN */
#define FA_ZERO		0x06F0	/* EXTENDED ARABIC-INDIC DIGIT ZERO */

/* The Unicode White_Space property: what ends a token. */
static const struct fa_range fa_spaces[] = {
	{ 0x0009, 0x000D }, { 0x0020, 0x0020 }, { 0x0085, 0x0085 },
	{ 0x00A0, 0x00A0 }, { 0x1680, 0x1680 }, { 0x2000, 0x200A },
	{ 0x2028, 0x2029 }, { 0x202F, 0x202F }, { 0x205F, 0x205F },
	{ 0x3000, 0x3000 },
};

/* Latin-script letters: one of them in a token makes it Latin ("GPT-4"). */
static const struct fa_range fa_latin[] = {
	{ 'A', 'Z' }, { 'a', 'z' }, { 0x00AA, 0x00AA }, { 0x00BA, 0x00BA },
	{ 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 }, { 0x00F8, 0x024F },
	{ 0x1E00, 0x1EFF }, { 0x2C60, 0x2C7F }, { 0xA720, 0xA7FF },
	{ 0xFF21, 0xFF3A }, { 0xFF41, 0xFF5A },
};

/* Substrings that make a token an address whose digits are not prose. */
static const char *const fa_address_marks[] = { "://", "www.", "@" };

static const char *const fa_months[12] = {
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
};

/*
 * Jalali years where the 33-year leap cycle restarts (Borkowski, as in
 * jalaali-js).  The first and last entries bound the years we can convert.
 */
static const int fa_breaks[] = {
	-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060,
	2097, 2192, 2262, 2324, 2394, 2456, 3178,
};

#define NBREAKS		(sizeof fa_breaks / sizeof fa_breaks[0])
#define FA_YEAR_MIN	(-61)
#define FA_YEAR_MAX	3177

/* --- UTF-8 --------------------------------------------------------------- */

/*
 * Decodes the code point at s[0..len), len > 0, and stores its length in *n.
 * Returns -1 with *n = 1 for a byte that starts no well-formed sequence, so
 * callers copy it through unchanged rather than lose text.
 */
static long
decode(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c;
	size_t need, k;

	*n = 1;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 4;
		c = u[0] & 0x07;
	} else
		return -1;
	if (len < need)
		return -1;
	for (k = 1; k < need; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (u[k] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
	if ((need == 3 && c < 0x800) || (need == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return -1;
	*n = need;
	return (long)c;
}

/* Writes the UTF-8 form of c to out; returns the number of bytes. */
static size_t
encode(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static int
in_ranges(const struct fa_range *r, size_t n, long c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c >= (long)r[i].first && c <= (long)r[i].last)
			return 1;
	return 0;
}

static int
is_space(long c)
{
	return in_ranges(fa_spaces, sizeof fa_spaces / sizeof fa_spaces[0], c);
}

/* Returns 0..9 for an ASCII, Arabic-Indic or Persian digit, else -1. */
static int
digit_value(long c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0x0660 && c <= 0x0669)
		return (int)(c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)
		return (int)(c - 0x06F0);
	return -1;
}

/* --- text normalisation -------------------------------------------------- */

/* Returns the byte offset where the token starting at s[i] ends. */
static size_t
token_end(const char *s, size_t len, size_t i)
{
	size_t n;

	while (i < len) {
		if (is_space(decode(s + i, len - i, &n)))
			break;
		i += n;
	}
	return i;
}

static int
has_mark(const char *t, size_t tlen, const char *mark)
{
	size_t mlen = strlen(mark), i;

	for (i = 0; i + mlen <= tlen; i++)
		if (memcmp(t + i, mark, mlen) == 0)
			return 1;
	return 0;
}

/*
 * A token keeps its digits when it is Latin-script ("GPT-4", "ICDL2") or an
 * address (URL, e-mail): there the digits are part of a name, not prose.
 */
static int
keeps_digits(const char *t, size_t tlen)
{
	size_t i, n;

	for (i = 0; i < sizeof fa_address_marks / sizeof fa_address_marks[0]; i++)
		if (has_mark(t, tlen, fa_address_marks[i]))
			return 1;
	for (i = 0; i < tlen; i += n)
		if (in_ranges(fa_latin, sizeof fa_latin / sizeof fa_latin[0],
		    decode(t + i, tlen - i, &n)))
			return 1;
	return 0;
}

static long
map_letter(long c)
{
	size_t i;

	for (i = 0; i < sizeof fa_letters / sizeof fa_letters[0]; i++)
		if (c == (long)fa_letters[i].from)
			return fa_letters[i].to;
	return c;
}

/*
 * The digit rule for c, the character after a digit when after_digit is set:
 * digits become Persian; "," and "." become Arabic separators only when a
 * digit follows too (the full stop in "... ۱۴۰۳." ends a sentence); "%"
 * right after a digit becomes the Arabic percent sign.
 */
static long
map_digit(long c, int after_digit, const char *rest, size_t restlen)
{
	size_t i, n;
	int d;

	if ((d = digit_value(c)) >= 0)
		return FA_ZERO + d;
	if (!after_digit)
		return c;
	if (c == '%')
		return FA_PERCENT;
	for (i = 0; i < sizeof fa_separators / sizeof fa_separators[0]; i++)
		if (c == (long)fa_separators[i].from && restlen > 0 &&
		    digit_value(decode(rest, restlen, &n)) >= 0)
			return fa_separators[i].to;
	return c;
}

/* Whether t[0..tlen) holds a digit of any of the three scripts: a token
 * without one has nothing for the digit rules, and most words have none. */
static int
has_digit(const char *t, size_t tlen)
{
	const unsigned char *p = (const unsigned char *)t;
	size_t i;

	for (i = 0; i < tlen; i++)
		if ((p[i] >= '0' && p[i] <= '9') || (i + 1 < tlen &&
		    ((p[i] == 0xD9 && p[i + 1] >= 0xA0 && p[i + 1] <= 0xA9) ||
		    (p[i] == 0xDB && p[i + 1] >= 0xB0 && p[i + 1] <= 0xB9))))
			return 1;
	return 0;
}

/* Writes token t[0..tlen) to out with the rules in flags; returns bytes written. */
static size_t
put_token(char *out, const char *t, size_t tlen, unsigned flags)
{
	/* keeps_digits() searches the token for every address mark: only
	 * worth it when there are digits to keep. */
	int digits = (flags & FA_DIGITS) && has_digit(t, tlen) &&
	    !keeps_digits(t, tlen);
	int after_digit = 0;
	size_t i, n, o = 0;
	long c;

	for (i = 0; i < tlen; i += n) {
		c = decode(t + i, tlen - i, &n);
		if (c < 0) {
			out[o++] = t[i];
			after_digit = 0;
			continue;
		}
		if (digits)
			c = map_digit(c, after_digit, t + i + n, tlen - i - n);
		if (flags & FA_LETTERS)
			c = map_letter(c);
		after_digit = digit_value(c) >= 0;
		o += encode(out + o, (uint32_t)c);
	}
	return o;
}

char *
fa_normalize(struct arena *a, const char *s, size_t len, unsigned flags,
    size_t *outlen)
{
	/*
	 * Every change turns one byte into two at most (ASCII digit -> U+06Fx)
	 * or keeps the length, so 2 * len + 1 bytes always suffice.
	 */
	char *out = arena_array(a, len + 1, 2);
	size_t i = 0, o = 0, n, end;

	while (i < len) {
		if (is_space(decode(s + i, len - i, &n))) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		end = token_end(s, len, i);
		o += put_token(out + o, s + i, end - i, flags);
		i = end;
	}
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

/*
 * Writes v in Persian digits to out, with U+066C between groups of three
 * when group is set; returns bytes written (at most 20 * 2 + 6 * 2).
 */
static size_t
put_digits(char *out, unsigned long v, int group)
{
	char rev[64];
	size_t n = 0, o = 0;
	int count = 0;

	/* Build right to left: the groups of three are counted from the end. */
	do {
		if (group && count > 0 && count % 3 == 0) {
			rev[n++] = (char)0xAC;	/* U+066C reversed: D9 AC */
			rev[n++] = (char)0xD9;
		}
		rev[n++] = (char)(0xB0 + v % 10);	/* U+06F0 + d: DB B0+d */
		rev[n++] = (char)0xDB;
		v /= 10;
		count++;
	} while (v > 0);
	while (n > 0)
		out[o++] = rev[--n];
	return o;
}

/* Writes n as put_digits() does, with a leading "-" when n is negative. */
static size_t
put_number(char *out, long n, int group)
{
	unsigned long v = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	size_t o = 0;

	/*
	 * ASCII hyphen-minus, as fa_normalize() leaves it in "-5": the same
	 * character either way, so searching the output finds both.
	 */
	if (n < 0)
		out[o++] = '-';
	return o + put_digits(out + o, v, group);
}

char *
fa_number(struct arena *a, long n, int group)
{
	char tmp[64];
	size_t len = put_number(tmp, n, group);

	return arena_strndup(a, tmp, len);
}

/*
 * Abjad numerals, as Persian books number their front matter: each letter
 * stands for a value (ا 1 … ط 9, ی 10 … ص 90, ق 100 … غ 1000), written from
 * the largest down; 1 is written in full as «الف» and the letters of larger
 * numbers are joined as they fall (۱۱ = «یا», ۱۵ = «یه»).
 */
static const char *const abjad_units[] = {
	"", "ا", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط",
};
static const char *const abjad_tens[] = {
	"", "ی", "ک", "ل", "م", "ن", "س", "ع", "ف", "ص",
};
static const char *const abjad_hundreds[] = {
	"", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ",
};

char *
fa_abjad(struct arena *a, int n)
{
	if (n <= 0 || n > 999)
		return fa_number(a, n, 0);
	if (n == 1)
		return arena_strdup(a, "الف");
	return arena_printf(a, "%s%s%s", abjad_hundreds[n / 100],
	    abjad_tens[n / 10 % 10], abjad_units[n % 10]);
}

int
fa_date_cmp(struct fa_date x, struct fa_date y)
{
	if (x.year != y.year)
		return x.year < y.year ? -1 : 1;
	if (x.month != y.month)
		return x.month < y.month ? -1 : 1;
	return x.day < y.day ? -1 : x.day > y.day;
}

/* --- Jalali calendar ----------------------------------------------------- */

/*
 * The break-table step of jalaali-js jalCal(): for Jalali year jy, stores
 * the Gregorian year holding its 1 Farvardin in *gy, that day of March in
 * *march, and in *leap the years since the last leap year (0: jy is leap).
 * Returns -1 when jy is outside the table.
 */
static int
jal_cal(int jy, int *gy, int *march, int *leap)
{
	int leap_j = -14, jp = fa_breaks[0], jump = 0, jm, n, leap_g, l;
	size_t i;

	if (jy < FA_YEAR_MIN || jy > FA_YEAR_MAX)
		return -1;
	/* Count the Jalali leap days up to jy, one 33-year stretch at a time. */
	for (i = 1; i < NBREAKS; i++) {
		jm = fa_breaks[i];
		jump = jm - jp;
		if (jy < jm)
			break;
		leap_j += jump / 33 * 8 + jump % 33 / 4;
		jp = jm;
	}
	n = jy - jp;
	leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
	if (jump % 33 == 4 && jump - n == 4)
		leap_j++;
	*gy = jy + 621;
	leap_g = *gy / 4 - (*gy / 100 + 1) * 3 / 4 - 150;
	*march = 20 + leap_j - leap_g;
	/* The last years before a break belong to the next cycle's pattern. */
	if (jump - n < 6)
		n = n - jump + (jump + 4) / 33 * 33;
	l = ((n + 1) % 33 - 1) % 4;
	*leap = l == -1 ? 4 : l;
	return 0;
}

/* The Julian Day Number of Gregorian gy-gm-gd (jalaali-js g2d). */
static long
g2d(long gy, long gm, long gd)
{
	long d;

	d = (gy + (gm - 8) / 6 + 100100) * 1461 / 4 +
	    (153 * ((gm + 9) % 12) + 2) / 5 + gd - 34840408;
	return d - (gy + 100100 + (gm - 8) / 6) / 100 * 3 / 4 + 752;
}

/* The Gregorian date of Julian Day Number jdn (jalaali-js d2g). */
static struct fa_date
d2g(long jdn)
{
	struct fa_date g;
	long j, i;

	j = 4 * jdn + 139361631;
	j += (4 * jdn + 183187720) / 146097 * 3 / 4 * 4 - 3908;
	i = j % 1461 / 4 * 5 + 308;
	g.day = (int)(i % 153 / 5 + 1);
	g.month = (int)(i / 153 % 12 + 1);
	g.year = (int)(j / 1461 - 100100 + (8 - g.month) / 6);
	return g;
}

static int
gregorian_valid(struct fa_date g)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (g.year % 4 == 0 && g.year % 100 != 0) || g.year % 400 == 0;

	if (g.month < 1 || g.month > 12 || g.day < 1)
		return 0;
	return g.day <= days[g.month - 1] + (g.month == 2 && leap);
}

int
fa_jalali_is_leap(int jy)
{
	int gy, march, leap;

	if (jal_cal(jy, &gy, &march, &leap) < 0)
		return 0;
	return leap == 0;
}

/* Returns the days in month jm of year jy, or 0 when there is no such month. */
int
fa_jalali_month_days(int jy, int jm)
{
	if (jy < FA_YEAR_MIN || jy > FA_YEAR_MAX || jm < 1 || jm > 12)
		return 0;
	if (jm <= 6)
		return 31;
	if (jm <= 11)
		return 30;
	return fa_jalali_is_leap(jy) ? 30 : 29;
}

int
fa_jalali_valid(int jy, int jm, int jd)
{
	return jd >= 1 && jd <= fa_jalali_month_days(jy, jm);
}

/* An invalid j gives { 0, 0, 0 }. */
struct fa_date
fa_jalali_to_gregorian(struct fa_date j)
{
	struct fa_date none = { 0, 0, 0 };
	int gy, march, leap;
	long jdn;

	if (!fa_jalali_valid(j.year, j.month, j.day) ||
	    jal_cal(j.year, &gy, &march, &leap) < 0)
		return none;
	/* Six months of 31 days, then months of 30. */
	jdn = g2d(gy, 3, march) + (j.month - 1) * 31L -
	    j.month / 7 * (j.month - 7) + j.day - 1;
	return d2g(jdn);
}

/*
 * An invalid Gregorian g, or one whose Jalali year falls outside -61..3177,
 * gives { 0, 0, 0 }.
 */
struct fa_date
fa_gregorian_to_jalali(struct fa_date g)
{
	struct fa_date none = { 0, 0, 0 }, j;
	int gy, march, leap;
	long jdn, k;

	if (!gregorian_valid(g) || jal_cal(g.year - 621, &gy, &march, &leap) < 0)
		return none;
	jdn = g2d(g.year, g.month, g.day);
	j.year = g.year - 621;
	k = jdn - g2d(gy, 3, march);
	if (k >= 0 && k <= 185) {
		j.month = (int)(1 + k / 31);
		j.day = (int)(k % 31 + 1);
		return j;
	}
	if (k >= 0) {
		k -= 186;
	} else {
		/* Before Nowruz: the tail of the previous Jalali year. */
		j.year--;
		if (j.year < FA_YEAR_MIN)
			return none;
		k += 179;
		if (leap == 1)
			k++;
	}
	j.month = (int)(7 + k / 30);
	j.day = (int)(k % 30 + 1);
	return j;
}

const char *
fa_month_name(int jm)
{
	if (jm < 1 || jm > 12)
		return NULL;
	return fa_months[jm - 1];
}

/* Why a day is too large for its month, Farvardin to Esfand. */
static const char *const fa_month_too_short[12] = {
	"Farvardin has 31 days", "Ordibehesht has 31 days",
	"Khordad has 31 days", "Tir has 31 days", "Mordad has 31 days",
	"Shahrivar has 31 days", "Mehr has 30 days", "Aban has 30 days",
	"Azar has 30 days", "Dey has 30 days", "Bahman has 30 days",
	"Esfand has 30 days even in a leap year",
};

/* What each field of YYYY-MM-DD needs, for the error when it lacks a digit. */
static const char *const fa_field_digits[3] = {
	"the year needs 4 digits (YYYY-MM-DD)",
	"the month needs 2 digits (YYYY-MM-DD)",
	"the day needs 2 digits (YYYY-MM-DD)",
};

/* What follows each field but the last, for the error when it is missing. */
static const char *const fa_field_dash[2] = {
	"expected '-' after the 4-digit year (YYYY-MM-DD)",
	"expected '-' after the 2-digit month (YYYY-MM-DD)",
};

static int
parse_fail(int *errcol, const char **why, int col, const char *msg)
{
	if (errcol != NULL)
		*errcol = col;
	if (why != NULL)
		*why = msg;
	return -1;
}

/*
 * Checks that y-m-d, read from columns col[0..2], is a real Jalali date;
 * returns 0 or -1 as fa_jalali_parse() does.
 */
static int
check_date(const int v[3], const int col[3], int *errcol, const char **why)
{
	int days;

	if (v[0] > FA_YEAR_MAX)
		return parse_fail(errcol, why, col[0],
		    "years after 3177 are past the end of the leap-year table");
	if (v[1] < 1 || v[1] > 12)
		return parse_fail(errcol, why, col[1],
		    "that month does not exist (months are 01 to 12)");
	if (v[2] < 1)
		return parse_fail(errcol, why, col[2],
		    "day 00 does not exist (days start at 01)");
	days = fa_jalali_month_days(v[0], v[1]);
	if (v[2] <= days)
		return 0;
	if (v[1] == 12 && v[2] == 30)
		return parse_fail(errcol, why, col[2],
		    "Esfand has 29 days in this year (it is not a leap year)");
	return parse_fail(errcol, why, col[2], fa_month_too_short[v[1] - 1]);
}

int
fa_jalali_parse(const char *s, size_t len, struct fa_date *out,
    int *errcol, const char **why)
{
	static const int width[3] = { 4, 2, 2 };
	int v[3] = { 0, 0, 0 }, col[3], column = 1, f, k, d;
	size_t i = 0, n;
	long c;

	for (f = 0; f < 3; f++) {
		if (f > 0) {
			if (i >= len || decode(s + i, len - i, &n) != '-')
				return parse_fail(errcol, why, column,
				    fa_field_dash[f - 1]);
			i += n;
			column++;
		}
		col[f] = column;
		for (k = 0; k < width[f]; k++) {
			c = i < len ? decode(s + i, len - i, &n) : -1;
			if (i >= len || (d = digit_value(c)) < 0)
				return parse_fail(errcol, why, column,
				    fa_field_digits[f]);
			v[f] = v[f] * 10 + d;
			i += n;
			column++;
		}
	}
	if (i < len)
		return parse_fail(errcol, why, column,
		    "unexpected text after the date (YYYY-MM-DD)");
	if (check_date(v, col, errcol, why) < 0)
		return -1;
	out->year = v[0];
	out->month = v[1];
	out->day = v[2];
	return 0;
}

/*
 * A valid j gives "۱۵ مهر ۱۴۰۳"; an invalid one is still shown, as
 * "۱۵/۱۳/۱۴۰۳" in Persian digits, so a bad date is visible, not lost.
 */
char *
fa_date_text(struct arena *a, struct fa_date j, int persian_digits)
{
	char day[64], month[64], year[64];
	size_t dn, mn, yn;

	/* digits: latin in booklet.yaml: "15 مهر 1403", the month in words
	 * either way. */
	dn = persian_digits ? put_number(day, j.day, 0) :
	    (size_t)snprintf(day, sizeof day, "%d", j.day);
	yn = persian_digits ? put_number(year, j.year, 0) :
	    (size_t)snprintf(year, sizeof year, "%d", j.year);
	if (!fa_jalali_valid(j.year, j.month, j.day)) {
		mn = persian_digits ? put_number(month, j.month, 0) :
		    (size_t)snprintf(month, sizeof month, "%d", j.month);
		return arena_printf(a, "%.*s/%.*s/%.*s", (int)dn, day,
		    (int)mn, month, (int)yn, year);
	}
	return arena_printf(a, "%.*s %s %.*s", (int)dn, day,
	    fa_months[j.month - 1], (int)yn, year);
}

/* An invalid j gives "0000-00-00", which no machine reads as a real day. */
char *
fa_date_iso(struct arena *a, struct fa_date j)
{
	struct fa_date g = fa_jalali_to_gregorian(j);

	return arena_printf(a, "%04d-%02d-%02d", g.year, g.month, g.day);
}

/* --- alphabetical order --------------------------------------------------- */

/* The Persian alphabet in order, آ with ا; Arabic forms of a letter
 * (ي ك ة أ إ ؤ ئ) take the place of the Persian letter they stand for. */
static const struct {
	long cp;
	int rank;
} alphabet[] = {
	{ 0x0622, 1 }, { 0x0627, 1 }, { 0x0623, 1 }, { 0x0625, 1 },
	{ 0x0671, 1 }, { 0x0628, 2 }, { 0x067E, 3 }, { 0x062A, 4 },
	{ 0x062B, 5 }, { 0x062C, 6 }, { 0x0686, 7 }, { 0x062D, 8 },
	{ 0x062E, 9 }, { 0x062F, 10 }, { 0x0630, 11 }, { 0x0631, 12 },
	{ 0x0632, 13 }, { 0x0698, 14 }, { 0x0633, 15 }, { 0x0634, 16 },
	{ 0x0635, 17 }, { 0x0636, 18 }, { 0x0637, 19 }, { 0x0638, 20 },
	{ 0x0639, 21 }, { 0x063A, 22 }, { 0x0641, 23 }, { 0x0642, 24 },
	{ 0x06A9, 25 }, { 0x0643, 25 }, { 0x06AF, 26 }, { 0x0644, 27 },
	{ 0x0645, 28 }, { 0x0646, 29 }, { 0x0648, 30 }, { 0x0624, 30 },
	{ 0x0647, 31 }, { 0x0629, 31 }, { 0x06C0, 31 }, { 0x06CC, 32 },
	{ 0x064A, 32 }, { 0x0626, 32 }, { 0x0649, 32 },
};

/* What decides the order of c: 0 for marks that do not (ZWNJ, harakat,
 * tatweel); separators first, then other characters by code point, then
 * Persian letters in the order of the alphabet. */
static long
collate_weight(long c)
{
	size_t i;

	if (c == 0x200C || c == 0x200D || c == 0x0640 ||
	    (c >= 0x064B && c <= 0x065F) || c == 0x0670)
		return 0;
	if (c == ' ' || c == '-' || c == '_' || c == 0x00A0)
		return 1;
	for (i = 0; i < sizeof alphabet / sizeof alphabet[0]; i++)
		if (alphabet[i].cp == c)
			return 0x110000L + alphabet[i].rank;
	return c < 0 ? 2 : c + 2;
}

/* Reads the number whose first digit is at s[*i]: its digits without
 * leading zeros (in any of the three scripts) into digits[], at most cap,
 * and their count. */
static size_t
collate_number(const char *s, size_t len, size_t *i, char *digits,
    size_t cap)
{
	size_t n, k = 0;
	int d;

	while (*i < len && (d = digit_value(decode(s + *i, len - *i, &n))) >= 0) {
		*i += n;
		if (k == 0 && d == 0)
			continue;
		if (k < cap)
			digits[k] = (char)('0' + d);
		k++;
	}
	return k;
}

int
fa_collate(const char *x, const char *y)
{
	size_t xl = strlen(x), yl = strlen(y), i = 0, j = 0, n, m;
	long wx = 0, wy = 0;

	for (;;) {
		/* The next character of each that counts. */
		while (i < xl && (wx = collate_weight(decode(x + i, xl - i, &n))) == 0)
			i += n;
		while (j < yl && (wy = collate_weight(decode(y + j, yl - j, &m))) == 0)
			j += m;
		if (i >= xl || j >= yl)
			break;
		if (digit_value(decode(x + i, xl - i, &n)) >= 0 &&
		    digit_value(decode(y + j, yl - j, &m)) >= 0) {
			char dx[64], dy[64];
			size_t kx = collate_number(x, xl, &i, dx, sizeof dx);
			size_t ky = collate_number(y, yl, &j, dy, sizeof dy);
			int c;

			if (kx != ky)
				return kx < ky ? -1 : 1;
			c = memcmp(dx, dy, kx < sizeof dx ? kx : sizeof dx);
			if (c != 0)
				return c < 0 ? -1 : 1;
			continue;
		}
		if (wx != wy)
			return wx < wy ? -1 : 1;
		i += n;
		j += m;
	}
	if (i < xl || j < yl)
		return i < xl ? 1 : -1;
	/* Equal as read: bytes decide, so the order never depends on input order. */
	n = (size_t)(strcmp(x, y) > 0);
	m = (size_t)(strcmp(x, y) < 0);
	return (int)n - (int)m;
}
