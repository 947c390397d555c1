/* lint.c - Persian typography checks and fixes in content files (README.md, "Lint rules"). */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>
#include <yaml.h>

#include "arena.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "lint.h"

/* The same limit as content.c: a story is a few thousand words. */
#define LINT_MAX_BYTES	(4u << 20)

/* Fixes are applied and the text checked again until nothing changes; a
 * fix that enables another (a Latin comma made Persian, then spaced) needs
 * a second pass.  More passes than this would mean two rules undo each
 * other, which is a bug: stop rather than loop. */
#define LINT_MAX_PASSES	8

/* Longest piece of text a message quotes, in characters. */
#define QUOTE_MAX	40

#define ZWNJ		0x200C
#define ZWNJ_UTF8	"\xE2\x80\x8C"

struct rule_info {
	const char *name;
	int on;			/* on by default */
	int prio;		/* lower wins when two fixes touch the same bytes */
};

/*
 * ascii-digits is off by default: with "digits: persian" the booklet and
 * the site print ASCII digits in prose as Persian already, so they are no
 * fault a reader sees; with "digits: latin" they are what the editor wants.
 * repeated-spaces loses to every other rule: "کتاب  ،" is one deletion.
 */
static const struct rule_info rule_info[LINT_RULE__MAX] = {
	[LINT_ARABIC_LETTERS] = { "arabic-letters", 1, 0 },
	[LINT_ZWNJ_MI] = { "zwnj-mi", 1, 1 },
	[LINT_ZWNJ_SUFFIX] = { "zwnj-suffix", 1, 1 },
	[LINT_ASCII_DIGITS] = { "ascii-digits", 0, 0 },
	[LINT_PUNCTUATION_SPACE] = { "punctuation-space", 1, 2 },
	[LINT_STRAIGHT_QUOTES] = { "straight-quotes", 1, 0 },
	[LINT_REPEATED_SPACES] = { "repeated-spaces", 1, 3 },
	[LINT_LATIN_PUNCTUATION] = { "latin-punctuation", 1, 0 },
};

static const char *const rule_names[LINT_RULE__MAX + 1] = {
	"arabic-letters", "zwnj-mi", "zwnj-suffix", "ascii-digits",
	"punctuation-space", "straight-quotes", "repeated-spaces",
	"latin-punctuation", NULL,
};

/*
 * Word lists.  Every entry is written with Persian yeh and kaf; words are
 * compared after fa_normalize(FA_LETTERS), so "مي روم" matches too.
 */

/*
 * Verb stems after می/نمی.  A joined "میXYZ" or a spaced "می XYZ" is
 * reported only when XYZ is one of these stems plus a personal ending:
 * present stems take م ی د یم ید ند, past stems also nothing.  So «میز»,
 * «میوه», «میلیون», «میزان», «میهمان» never match, and «میدان» does not
 * either (the present stem دان needs an ending).
 */
static const char *const present_stems[] = {
	"شو", "کن", "توان", "خواه", "ده", "رو", "آی", "گوی", "بین", "دان",
	"گیر", "مان", "رس", "کوش", "نشین", "ساز", "پرس", "خوان", "نویس",
	"پز", "دوز", "فروش", "خر", "زن", "آور", "بر", "خور", "گذار", "گذر",
	"کش", "بند", "پوش", "شناس", "پذیر", "فرست", "نگر", "اندیش", "گرد",
	"یاب", "آموز", "افت", "ریز", "سوز", "شکن", "کار", "لرز", "میر", "جوی",
	"خند", "گری", "ترس", "پاش", "بخش", "چین", "دو", "نشان", "رسان",
	"پیچ", "خواب", "کوب", "شوی", "پرداز", "دار", "باش", "تاب", "چسب",
	"افزای", "گشای", "نمای", "بار", "فهم", "شمار", "چرخ", "گذران",
	"سپار", "بخشای", "رقص", "جنگ", "بوس", "دوش", "ران", "پر", "کاو",
	NULL,
};
static const char *const past_stems[] = {
	"شد", "کرد", "توانست", "خواست", "داد", "رفت", "آمد", "گفت", "دید",
	"دانست", "گرفت", "ماند", "رسید", "کوشید", "نشست", "ساخت", "پرسید",
	"خواند", "نوشت", "پخت", "دوخت", "فروخت", "خرید", "زد", "آورد", "برد",
	"خورد", "گذاشت", "گذشت", "کشید", "بست", "پوشید", "شناخت", "پذیرفت",
	"فرستاد", "اندیشید", "گشت", "یافت", "آموخت", "افتاد", "ریخت", "سوخت",
	"شکست", "کاشت", "لرزید", "جست", "خندید", "گریست", "ترسید", "پاشید",
	"بخشید", "دوید", "نشاند", "رساند", "پیچید", "خوابید", "کوبید", "شست",
	"پرداخت", "داشت", "بود", "تابید", "چسبید", "افزود", "گشود", "نمود",
	"بارید", "فهمید", "شمرد", "چرخید", "گردید", "گذراند", "سپرد",
	"رقصید", "جنگید", "بوسید", "دوشید", "راند", "پرید",
	/* Used bare after می: «می‌توان گفت», «می‌بایست». */
	"توان", "بایست",
	NULL,
};
static const char *const present_endings[] = {
	"م", "ی", "د", "یم", "ید", "ند", NULL,
};
static const char *const past_endings[] = {
	"", "م", "ی", "یم", "ید", "ند", NULL,
};
/* Joined words that match a verb pattern but are (also) something else:
 * «میدانی» is «a square» as often as «you know». */
static const char *const mi_exceptions[] = { "میدانی", NULL };

/* The plural suffix and its forms with a pronoun, longest first. */
static const char *const plural_suffixes[] = {
	"هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های",
	"ها", NULL,
};
/* The copula and pronoun suffixes that take a ZWNJ after a final silent
 * heh («خسته‌ام», «رفته‌اند», «خانه‌ای»). */
static const char *const heh_suffixes[] = {
	"ام", "ای", "اش", "ایم", "اید", "اند", NULL,
};
/* Words ending in ه that are no noun or participle: «که ای کاش» is the
 * interjection, not «که‌ای». */
static const char *const heh_function_words[] = {
	"نه", "به", "ته", "آه", "اه", "وه", NULL,
};
/*
 * Adjectives whose comparative is checked.  «تر» alone is also «wet»
 * («لباس تر»), so a spaced or joined تر is reported only after one of these.
 * بیش، کم and به are left out: «بیشتر», «کمتر», «بهتر» are written joined.
 */
static const char *const adjectives[] = {
	"بزرگ", "کوچک", "مهم", "سخت", "آسان", "راحت", "قوی", "ضعیف", "زیبا",
	"ساده", "روشن", "تاریک", "تازه", "گرم", "سرد", "ارزان", "گران",
	"آرام", "شاد", "سریع", "طولانی", "کوتاه", "بلند", "جدی", "محکم",
	"مستقل", "موفق", "سالم", "امن", "دقیق", "عمیق", "جوان", "پیر", "زیاد",
	"شلوغ", "خلوت", "قدیمی", "جدید", "نزدیک", "دور", "پایین", "بالا",
	"سنگین", "سبک", "آگاه", "مطمئن", "امیدوار", "فعال", "مناسب", "محبوب",
	"مشهور", "معروف", "گسترده", "وسیع", "مفید", "آسوده", "خوش", "خوب",
	"بد", "سبز", "شیرین", "تلخ", "پرکار", "منظم", "دشوار", "ارزشمند",
	"مهربان", "صبور", "باتجربه", "کامل", NULL,
};

/* What a byte of the text is to the rules. */
enum prose {
	NOT_PROSE,	/* markup, code, URLs, keys: never looked at */
	PROSE,		/* Markdown text, a quoted or block YAML value */
	PROSE_PLAIN,	/* a plain YAML value: a ": " added or closed up
			 * there would make YAML read a new key */
};

struct span {
	size_t start, end;	/* bytes of the text */
};

/* One replacement a fix makes. */
struct edit {
	size_t start, end;	/* the bytes replaced */
	char repl[8];		/* what replaces them: a character, a space */
	size_t repl_len;
	int prio;		/* rule_info.prio of the rule that wants it */
};

/* One character of a block being checked. */
struct ch {
	uint32_t c;		/* '\n' ends each line */
	size_t off;		/* its first byte in the text */
	unsigned char len;	/* its bytes */
	unsigned char kind;	/* enum prose */
};

/* Checking one text. */
struct lint {
	struct arena *a;	/* everything below lives here */
	const char *s;		/* the text, borrowed */
	size_t len;
	const char *relname;
	unsigned rules;
	unsigned char *mask;	/* enum prose of each byte */
	size_t *bol;		/* offset where each line starts */
	size_t nlines;
	struct span *blocks;	/* paragraphs, headings, YAML values */
	size_t nblocks, capblocks;
	struct edit *edits;
	size_t nedits, capedits;
	size_t nproblems;
	struct diags *d;	/* borrowed */
	int quiet;		/* count problems, do not report them */
};

const char *
lint_rule_name(enum lint_rule r)
{
	return (unsigned)r < LINT_RULE__MAX ? rule_info[r].name : NULL;
}

int
lint_rule_find(const char *name)
{
	int i;

	for (i = 0; i < LINT_RULE__MAX; i++)
		if (strcmp(name, rule_info[i].name) == 0)
			return i;
	return -1;
}

const char *const *
lint_rule_names(void)
{
	return rule_names;
}

unsigned
lint_rules_default(void)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < LINT_RULE__MAX; i++)
		if (rule_info[i].on)
			bits |= 1u << i;
	return bits;
}

/*
 * Characters.
 */

/* Decodes the character at s[0..n) of text content_check_utf8() passed;
 * stores its length in *len. */
static uint32_t
decode(const char *s, size_t n, unsigned char *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80 || n < 2) {
		*len = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*len = 2;
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (u[0] < 0xF0 || n < 4) {
		*len = n < 3 ? (unsigned char)n : 3;
		return n < 3 ? 0xFFFD : ((uint32_t)(u[0] & 0x0F) << 12) |
		    ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	*len = 4;
	return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
	    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

/* A letter of the Arabic script (Persian and Arabic letters alike). */
static int
is_fa_letter(uint32_t c)
{
	return (c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) ||
	    (c >= 0x066E && c <= 0x066F) || (c >= 0x0671 && c <= 0x06D3) ||
	    c == 0x06D5 || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF;
}

/* Harakat and other marks that sit on a letter. */
static int
is_fa_mark(uint32_t c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
	    (c >= 0x06D6 && c <= 0x06ED);
}

static int
is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) ||
	    (c >= 0x06F0 && c <= 0x06F9);
}

static int
is_arabic_form(uint32_t c)
{
	/* What fa_normalize() turns Persian: yeh, kaf, alef maksura, and the
	 * Arabic-Indic digits. */
	return c == 0x064A || c == 0x0643 || c == 0x0649 ||
	    (c >= 0x0660 && c <= 0x0669);
}

/* Part of a word: letters of either script, marks, digits, ZWNJ, tatweel. */
static int
is_word(uint32_t c)
{
	return is_fa_letter(c) || is_fa_mark(c) || is_latin(c) || is_digit(c) ||
	    c == ZWNJ || c == 0x0640;
}

/* Letters that never join the letter after them: a ZWNJ after them changes
 * nothing a reader sees. */
static int
is_nonjoining(uint32_t c)
{
	return c == 0x0627 || c == 0x0622 || c == 0x0623 || c == 0x0625 ||
	    c == 0x062F || c == 0x0630 || c == 0x0631 || c == 0x0632 ||
	    c == 0x0698 || c == 0x0648 || c == 0x0624 || c == 0x0629 ||
	    c == 0x0621;
}

static int
is_space(const struct ch *v, size_t n, size_t i)
{
	return i < n && v[i].kind != NOT_PROSE && (v[i].c == ' ' || v[i].c == '\t');
}

static int
is_prose(const struct ch *v, size_t n, size_t i)
{
	return i < n && v[i].kind != NOT_PROSE && v[i].c != '\n';
}

/* Where the word starting at i ends (i itself when v[i] starts none). */
static size_t
word_end(const struct ch *v, size_t n, size_t i)
{
	while (i < n && v[i].kind != NOT_PROSE && is_word(v[i].c))
		i++;
	return i;
}

/* Whether v[i..j) are all Persian letters and marks: a word the ZWNJ rules
 * may touch. */
static int
persian_word(const struct ch *v, size_t i, size_t j)
{
	size_t k;

	if (i == j)
		return 0;
	for (k = i; k < j; k++)
		if (!is_fa_letter(v[k].c) && !is_fa_mark(v[k].c))
			return 0;
	return 1;
}

static int
has_latin(const struct ch *v, size_t i, size_t j)
{
	for (; i < j; i++)
		if (is_latin(v[i].c))
			return 1;
	return 0;
}

static int
has_fa(const struct ch *v, size_t i, size_t j)
{
	for (; i < j; i++)
		if (is_fa_letter(v[i].c))
			return 1;
	return 0;
}

/*
 * Strings and messages.
 */

static int
eq(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static int
in_list(const char *w, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (eq(w, n, *list))
			return 1;
	return 0;
}

/* Whether r[0..n) is a stem of stems followed by one of endings. */
static int
stem_ending(const char *r, size_t n, const char *const *stems,
    const char *const *endings)
{
	size_t k;

	for (; *stems != NULL; stems++) {
		k = strlen(*stems);
		if (k <= n && memcmp(r, *stems, k) == 0 &&
		    in_list(r + k, n - k, endings))
			return 1;
	}
	return 0;
}

/* Whether r[0..n) is a verb form that follows می: a stem and an ending. */
static int
verb_form(const char *r, size_t n)
{
	return stem_ending(r, n, present_stems, present_endings) ||
	    stem_ending(r, n, past_stems, past_endings);
}

/* The bytes of v[i..j). */
static const char *
bytes(const struct lint *l, const struct ch *v, size_t i, size_t j,
    size_t *len)
{
	*len = j > i ? v[j - 1].off + v[j - 1].len - v[i].off : 0;
	return l->s + (j > i ? v[i].off : 0);
}

/* v[i..j) with Arabic yeh and kaf made Persian, for comparing with the
 * word lists; as many bytes as the original (both letters are two). */
static const char *
norm(struct lint *l, const struct ch *v, size_t i, size_t j, size_t *len)
{
	const char *b = bytes(l, v, i, j, len);

	return fa_normalize(l->a, b, *len, FA_LETTERS, len);
}

/* s[0..n) for a message: at most QUOTE_MAX characters, then "…". */
static const char *
quote(struct lint *l, const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	unsigned char k;

	while (i < n && chars < QUOTE_MAX) {
		decode(s + i, n - i, &k);
		i += k;
		chars++;
	}
	if (i >= n)
		return arena_strndup(l->a, s, n);
	return arena_printf(l->a, "%.*s…", (int)i, s);
}

/* The position of byte off: its line, and its column in characters. */
static struct pos
pos_of(const struct lint *l, size_t off)
{
	struct pos at = { l->relname, 1, 1 };
	size_t lo = 0, hi = l->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (l->bol[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	at.line = (int)lo + 1;
	at.col = diag_char_col(l->s + l->bol[lo], off - l->bol[lo]);
	return at;
}

/* Records one problem of rule r at byte off: "what — what to do [r]". */
static void
problem(struct lint *l, enum lint_rule r, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct lint *l, enum lint_rule r, size_t off, const char *fmt, ...)
{
	char msg[800];
	va_list ap;

	l->nproblems++;
	if (l->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_warn(l->d, pos_of(l, off), "%s [%s]", msg, rule_info[r].name);
}

/* Asks rule r's fix to replace the text's [start, end) with repl. */
static void
edit(struct lint *l, enum lint_rule r, size_t start, size_t end,
    const char *repl, size_t repl_len)
{
	struct edit *e;

	if (repl_len > sizeof e->repl)
		return;
	if (l->nedits == l->capedits) {
		size_t cap = l->capedits ? l->capedits * 2 : 64;

		l->edits = arena_grow(l->a, l->edits, l->capedits, cap,
		    sizeof *l->edits);
		l->capedits = cap;
	}
	e = &l->edits[l->nedits++];
	e->start = start;
	e->end = end;
	memcpy(e->repl, repl, repl_len);
	e->repl_len = repl_len;
	e->prio = rule_info[r].prio;
}

static int
on(const struct lint *l, enum lint_rule r)
{
	return (l->rules >> r) & 1;
}

/*
 * Rule arabic-letters: Arabic yeh, kaf and alef maksura, and Arabic-Indic
 * digits, in a word.  One problem per word, at its first such character.
 */
static void
rule_arabic(struct lint *l, const struct ch *v, size_t n)
{
	size_t i = 0, j, k, wlen, first, fixlen;
	const char *w, *r;
	char fix[QUOTE_MAX * 4 + 8];
	int letters, digits;

	while (i < n) {
		if ((j = word_end(v, n, i)) == i) {
			i++;
			continue;
		}
		letters = digits = 0;
		first = n;
		fixlen = 0;
		w = bytes(l, v, i, j, &wlen);
		for (k = i; k < j; k++) {
			if (!is_arabic_form(v[k].c)) {
				if (fixlen + v[k].len < sizeof fix) {
					memcpy(fix + fixlen, l->s + v[k].off, v[k].len);
					fixlen += v[k].len;
				}
				continue;
			}
			if (first == n)
				first = k;
			if (v[k].c >= 0x0660)
				digits = 1;
			else
				letters = 1;
			/* fa.c's mapping, one character at a time: the same
			 * letters and digits the outputs print. */
			r = fa_normalize(l->a, l->s + v[k].off, v[k].len,
			    FA_LETTERS | FA_DIGITS, NULL);
			edit(l, LINT_ARABIC_LETTERS, v[k].off, v[k].off + v[k].len,
			    r, strlen(r));
			if (fixlen + strlen(r) < sizeof fix) {
				memcpy(fix + fixlen, r, strlen(r));
				fixlen += strlen(r);
			}
		}
		if (first < n)
			problem(l, LINT_ARABIC_LETTERS, v[first].off,
			    "%s in '%s' — write '%s' with the Persian %s",
			    letters && digits ? "Arabic letters and digits" :
			    letters ? "Arabic yeh or kaf" : "Arabic-Indic digits",
			    quote(l, w, wlen), quote(l, fix, fixlen),
			    letters && digits ? "letters and digits" :
			    letters ? "letters ی and ک" : "digits ۰–۹");
		i = j;
	}
}

/* The word that follows the spaces after v[j - 1]: its start in *ws and
 * end in *we, or 0 when no space or no word follows on the line. */
static int
next_word(const struct ch *v, size_t n, size_t j, size_t *ws, size_t *we)
{
	size_t k = j;

	while (is_space(v, n, k))
		k++;
	if (k == j || k >= n)
		return 0;
	*ws = k;
	*we = word_end(v, n, k);
	return *we > k;
}

/* The word that ends where the spaces before v[i] start, as next_word(). */
static int
prev_word(const struct ch *v, size_t n, size_t i, size_t *ws, size_t *we)
{
	size_t k = i;

	(void)n;
	while (k > 0 && is_space(v, n, k - 1))
		k--;
	if (k == i || k == 0 || v[k - 1].kind == NOT_PROSE || !is_word(v[k - 1].c))
		return 0;
	*we = k;
	while (k > 0 && v[k - 1].kind != NOT_PROSE && is_word(v[k - 1].c))
		k--;
	*ws = k;
	return 1;
}

/*
 * Rule zwnj-mi: «میروم» and «می روم» -> «می‌روم», when what follows می is
 * a verb stem and a personal ending (present_stems, past_stems).
 */
static void
rule_mi(struct lint *l, const struct ch *v, size_t n)
{
	size_t i = 0, j, ws, we, wlen, nlen, plen, ps, pe, len2;
	const char *w, *nw, *pw;

	while (i < n) {
		if ((j = word_end(v, n, i)) == i) {
			i++;
			continue;
		}
		if (!persian_word(v, i, j)) {
			i = j;
			continue;
		}
		w = norm(l, v, i, j, &wlen);
		plen = wlen > 6 && memcmp(w, "نمی", 6) == 0 ? 6 :
		    wlen > 4 && memcmp(w, "می", 4) == 0 ? 4 : 0;
		if (plen > 0 && verb_form(w + plen, wlen - plen) &&
		    !in_list(w, wlen, mi_exceptions)) {
			size_t at = v[i].off + plen;

			edit(l, LINT_ZWNJ_MI, at, at, ZWNJ_UTF8, 3);
			problem(l, LINT_ZWNJ_MI, v[i].off, "'%s' has '%.*s' joined "
			    "to the verb — write '%.*s" ZWNJ_UTF8 "%.*s' with a "
			    "zero-width non-joiner (نیم‌فاصله) after '%.*s'",
			    quote(l, l->s + v[i].off, wlen), (int)plen,
			    l->s + v[i].off, (int)plen, l->s + v[i].off,
			    (int)(wlen - plen), l->s + v[i].off + plen, (int)plen,
			    l->s + v[i].off);
		} else if ((eq(w, wlen, "می") || eq(w, wlen, "نمی")) &&
		    next_word(v, n, j, &ws, &we) && persian_word(v, ws, we)) {
			nw = norm(l, v, ws, we, &nlen);
			/* «ماه می» is the month of May. */
			pw = prev_word(v, n, i, &ps, &pe) ?
			    norm(l, v, ps, pe, &len2) : NULL;
			if (verb_form(nw, nlen) &&
			    !(pw != NULL && eq(pw, len2, "ماه"))) {
				edit(l, LINT_ZWNJ_MI, v[j].off, v[ws].off,
				    ZWNJ_UTF8, 3);
				problem(l, LINT_ZWNJ_MI, v[j].off, "'%.*s %.*s' has "
				    "a space after '%.*s' — write '%.*s" ZWNJ_UTF8
				    "%.*s' with a zero-width non-joiner "
				    "(نیم‌فاصله) instead", (int)wlen,
				    l->s + v[i].off, (int)nlen, l->s + v[ws].off,
				    (int)wlen, l->s + v[i].off, (int)wlen,
				    l->s + v[i].off, (int)nlen, l->s + v[ws].off);
			}
		}
		i = j;
	}
}

/* Whether suffix s (normalised, slen bytes) after word w (normalised)
 * takes a ZWNJ instead of the space between them; next is the normalised
 * word after the suffix, or NULL. */
static int
spaced_suffix(const char *w, size_t wlen, uint32_t wlast, const char *s,
    size_t slen, const char *next, size_t nextlen)
{
	if (in_list(s, slen, plural_suffixes) || eq(s, slen, "ترین"))
		return 1;
	if (eq(s, slen, "تر"))
		return in_list(w, wlen, adjectives);
	if (!in_list(s, slen, heh_suffixes) || wlast != 0x0647)
		return 0;
	/* «که ای کاش», «آنچه ام» are function words, not participles. */
	if (in_list(w, wlen, heh_function_words) ||
	    (wlen >= 4 && (memcmp(w + wlen - 4, "که", 4) == 0 ||
	    memcmp(w + wlen - 4, "چه", 4) == 0)))
		return 0;
	return !(eq(s, slen, "ای") && next != NULL && eq(next, nextlen, "کاش"));
}

/* Rule zwnj-suffix, spaced forms: «کتاب ها», «خسته ام», «بزرگ تر». */
static void
suffix_spaced(struct lint *l, const struct ch *v, size_t n, size_t i,
    size_t j)
{
	size_t ws, we, wlen, slen, nlen = 0, ns, ne;
	const char *w, *sfx, *nx = NULL;

	if (j - i < 2 || !next_word(v, n, j, &ws, &we) || !persian_word(v, ws, we))
		return;
	/* «ها!» alone is an interjection. */
	if (we < n && v[we].c == '!')
		return;
	w = norm(l, v, i, j, &wlen);
	sfx = norm(l, v, ws, we, &slen);
	if (next_word(v, n, we, &ns, &ne))
		nx = norm(l, v, ns, ne, &nlen);
	if (!spaced_suffix(w, wlen, v[j - 1].c, sfx, slen, nx, nlen))
		return;
	edit(l, LINT_ZWNJ_SUFFIX, v[j].off, v[ws].off, ZWNJ_UTF8, 3);
	problem(l, LINT_ZWNJ_SUFFIX, v[j].off, "'%s %.*s' has a space before "
	    "the suffix '%.*s' — write '%s" ZWNJ_UTF8 "%.*s' with a zero-width "
	    "non-joiner (نیم‌فاصله)", quote(l, l->s + v[i].off, wlen),
	    (int)slen, l->s + v[ws].off, (int)slen, l->s + v[ws].off,
	    quote(l, l->s + v[i].off, wlen), (int)slen, l->s + v[ws].off);
}

/* Rule zwnj-suffix, joined forms: «خانهها» (ها after a final ه) and
 * «بزرگتر» (تر after a listed adjective). */
static void
suffix_joined(struct lint *l, const struct ch *v, size_t i, size_t j)
{
	size_t wlen, k, slen, stem;
	const char *w, *what = NULL;
	const char *const *s;
	unsigned char clen;
	uint32_t last;

	w = norm(l, v, i, j, &wlen);
	for (s = plural_suffixes; *s != NULL && what == NULL; s++) {
		slen = strlen(*s);
		/* At least two letters and the ه before the suffix. */
		if (wlen >= slen + 4 && memcmp(w + wlen - slen, *s, slen) == 0 &&
		    memcmp(w + wlen - slen - 2, "ه", 2) == 0)
			what = "to the final 'ه'";
	}
	for (k = 0; what == NULL && k < 2; k++) {
		slen = k == 0 ? strlen("ترین") : strlen("تر");
		if (wlen <= slen || memcmp(w + wlen - slen, k == 0 ? "ترین" :
		    "تر", slen) != 0 || !in_list(w, wlen - slen, adjectives))
			continue;
		last = decode(w + wlen - slen - 2, 2, &clen);
		if (!is_nonjoining(last))
			what = "to the adjective";
	}
	if (what == NULL)
		return;
	stem = wlen - slen;
	edit(l, LINT_ZWNJ_SUFFIX, v[i].off + stem, v[i].off + stem, ZWNJ_UTF8, 3);
	problem(l, LINT_ZWNJ_SUFFIX, v[i].off, "'%s' has the suffix '%.*s' "
	    "joined %s — write '%.*s" ZWNJ_UTF8 "%.*s' with a zero-width "
	    "non-joiner (نیم‌فاصله)", quote(l, l->s + v[i].off, wlen),
	    (int)slen, l->s + v[i].off + stem, what, (int)stem, l->s + v[i].off,
	    (int)slen, l->s + v[i].off + stem);
}

static void
rule_suffix(struct lint *l, const struct ch *v, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		if ((j = word_end(v, n, i)) == i) {
			i++;
			continue;
		}
		if (persian_word(v, i, j)) {
			suffix_joined(l, v, i, j);
			suffix_spaced(l, v, n, i, j);
		}
		i = j;
	}
}

/* A token: the run of prose characters around i that are no space. */
static void
token(const struct ch *v, size_t n, size_t i, size_t *ts, size_t *te)
{
	size_t k = i;

	while (k > 0 && is_prose(v, n, k - 1) && !is_space(v, n, k - 1))
		k--;
	*ts = k;
	k = i;
	while (is_prose(v, n, k) && !is_space(v, n, k))
		k++;
	*te = k;
}

/* Whether the token before ts or after te on the line has a Latin letter:
 * the digits are part of a Latin run ("Office 365", "Windows 10 Pro"). */
static int
latin_neighbour(const struct ch *v, size_t n, size_t ts, size_t te)
{
	size_t a, b;

	a = ts;
	while (a > 0 && is_space(v, n, a - 1))
		a--;
	if (a < ts && a > 0 && is_prose(v, n, a - 1)) {
		token(v, n, a - 1, &a, &b);
		if (has_latin(v, a, b))
			return 1;
	}
	b = te;
	while (is_space(v, n, b))
		b++;
	if (b > te && is_prose(v, n, b)) {
		token(v, n, b, &a, &b);
		if (has_latin(v, a, b))
			return 1;
	}
	return 0;
}

/*
 * Rule ascii-digits: ASCII digits in a token of Persian prose.  Which
 * tokens keep theirs is fa_normalize()'s own rule (a Latin letter, "://",
 * "www.", "@"), plus a Latin neighbour; the fix is what it prints.
 */
static void
rule_digits(struct lint *l, const struct ch *v, size_t n)
{
	size_t i = 0, ts, te, tlen, flen, p, q;
	const char *t, *f;
	unsigned char a, b;
	int changed;

	if (!has_fa(v, 0, n))
		return;
	while (i < n) {
		if (!is_prose(v, n, i) || v[i].c < '0' || v[i].c > '9') {
			i++;
			continue;
		}
		token(v, n, i, &ts, &te);
		i = te;
		if (latin_neighbour(v, n, ts, te))
			continue;
		t = bytes(l, v, ts, te, &tlen);
		f = fa_normalize(l->a, t, tlen, FA_DIGITS, &flen);
		changed = 0;
		/* One character becomes one: walk both in step. */
		for (p = q = 0; p < tlen && q < flen; p += a, q += b) {
			uint32_t x = decode(t + p, tlen - p, &a);
			uint32_t y = decode(f + q, flen - q, &b);

			if (x == y || x < '%' || x > '9')
				continue;
			edit(l, LINT_ASCII_DIGITS, v[ts].off + p, v[ts].off + p + a,
			    f + q, b);
			changed = 1;
		}
		if (changed)
			problem(l, LINT_ASCII_DIGITS, v[ts].off, "ASCII digits in "
			    "'%s' — write '%s' with Persian digits",
			    quote(l, t, tlen), quote(l, f, flen));
	}
}

/* Closing marks a Latin comma may follow: «متن», (متن), **متن**. */
static int
is_closer(uint32_t c)
{
	return c == ')' || c == ']' || c == 0xBB || c == '"' || c == '\'' ||
	    c == '*' || c == '_';
}

/* Whether the Latin , ; ? at v[i] stands in Persian text: what comes
 * before it (past closing marks) is a Persian letter or digit, and a comma
 * or semicolon is not between two digits ("1,000"). */
static int
latin_punct_applies(const struct ch *v, size_t n, size_t i)
{
	size_t k = i;
	uint32_t c = v[i].c;

	if (!is_prose(v, n, i) || (c != ',' && c != ';' && c != '?'))
		return 0;
	if (c != '?' && i > 0 && i + 1 < n && is_digit(v[i - 1].c) &&
	    is_digit(v[i + 1].c))
		return 0;
	/* "کتاب ," too: punctuation-space takes the space away. */
	while (k > 0 && is_prose(v, n, k - 1) && (is_closer(v[k - 1].c) ||
	    is_space(v, n, k - 1)))
		k--;
	if (k == 0 || !is_prose(v, n, k - 1))
		return 0;
	c = v[k - 1].c;
	return is_fa_letter(c) || is_fa_mark(c) || (c >= 0x06F0 && c <= 0x06F9);
}

static const char *
latin_punct_name(uint32_t c, const char **persian)
{
	switch (c) {
	case ',':
		*persian = "،";
		return "comma";
	case ';':
		*persian = "؛";
		return "semicolon";
	default:
		*persian = "؟";
		return "question mark";
	}
}

/* Rule latin-punctuation: , ; ? in Persian text -> ، ؛ ؟ */
static void
rule_latin_punct(struct lint *l, const struct ch *v, size_t n)
{
	const char *fa, *name;
	size_t i, ws, we, wlen;

	for (i = 0; i < n; i++) {
		if (!latin_punct_applies(v, n, i))
			continue;
		name = latin_punct_name(v[i].c, &fa);
		edit(l, LINT_LATIN_PUNCTUATION, v[i].off, v[i].off + 1, fa,
		    strlen(fa));
		/* The word before, past any space and closing mark. */
		we = i;
		while (we > 0 && is_space(v, n, we - 1))
			we--;
		ws = we;
		while (ws > 0 && is_prose(v, n, ws - 1) && (is_word(v[ws - 1].c) ||
		    is_closer(v[ws - 1].c)))
			ws--;
		bytes(l, v, ws, we, &wlen);
		problem(l, LINT_LATIN_PUNCTUATION, v[i].off, "Latin %s '%c' in "
		    "Persian text after '%s' — write the Persian %s '%s'", name,
		    (char)v[i].c, quote(l, l->s + v[ws].off, wlen), name, fa);
	}
}

/* The marks punctuation-space checks at v[i]: Persian ، ؛ ؟ and . ! :,
 * and a Latin , ; ? that latin-punctuation is about to make Persian. */
static int
is_pmark(const struct lint *l, const struct ch *v, size_t n, size_t i)
{
	uint32_t c;

	if (!is_prose(v, n, i))
		return 0;
	c = v[i].c;
	if (c == 0x060C || c == 0x061B || c == 0x061F || c == '.' || c == '!' ||
	    c == ':')
		return 1;
	return on(l, LINT_LATIN_PUNCTUATION) && latin_punct_applies(v, n, i);
}

/* A space before the mark at v[i] (the first of a run of marks). */
static void
space_before(struct lint *l, const struct ch *v, size_t n, size_t i)
{
	size_t j = i, ws, we, wlen;
	uint32_t c = v[i].c, prev;

	while (j > 0 && is_space(v, n, j - 1))
		j--;
	if (j == i || j == 0 || !is_prose(v, n, j - 1))
		return;
	prev = v[j - 1].c;
	/* "و ..." is an ellipsis; ".5" and ":30" start numbers; ":)" smiles;
	 * after an opening bracket the mark starts something. */
	if ((c == '.' && i + 1 < n && v[i + 1].c == '.') ||
	    ((c == '.' || c == ':') && i + 1 < n && is_digit(v[i + 1].c)) ||
	    (c == ':' && i + 1 < n && (v[i + 1].c == ')' || v[i + 1].c == '(')) ||
	    prev == '(' || prev == '[' || prev == 0xAB ||
	    (c == ':' && v[i].kind == PROSE_PLAIN))
		return;
	ws = j;
	while (ws > 0 && is_prose(v, n, ws - 1) && !is_space(v, n, ws - 1))
		ws--;
	/* "Note : ..." in a Latin run follows Latin (or French) custom. */
	if ((c == '.' || c == '!' || c == ':') && has_latin(v, ws, j))
		return;
	we = j;
	bytes(l, v, ws, we, &wlen);
	edit(l, LINT_PUNCTUATION_SPACE, v[j].off, v[i].off, "", 0);
	problem(l, LINT_PUNCTUATION_SPACE, v[j].off, "space before '%.*s' — "
	    "remove it, so that the mark follows the word: '%s%.*s'",
	    (int)v[i].len, l->s + v[i].off, quote(l, l->s + v[ws].off, wlen),
	    (int)v[i].len, l->s + v[i].off);
}

/* No space after the mark at v[i] (the last of a run of marks), before a
 * Persian letter. */
static void
space_after(struct lint *l, const struct ch *v, size_t n, size_t i)
{
	size_t ws = i, we, wlen, ne, nlen;
	uint32_t c = v[i].c;

	if (!is_prose(v, n, i + 1) || !is_fa_letter(v[i + 1].c))
		return;
	if (c == ':' && v[i].kind == PROSE_PLAIN)
		return;
	while (ws > 0 && is_prose(v, n, ws - 1) && !is_space(v, n, ws - 1) &&
	    !is_pmark(l, v, n, ws - 1))
		ws--;
	/* «ه.ش», «ق.ظ»: abbreviations of one letter; "file.txt" is Latin. */
	if (c == '.' && (i - ws <= 1 || has_latin(v, ws, i)))
		return;
	we = i + 1;
	ne = word_end(v, n, i + 1);
	bytes(l, v, ws, we, &wlen);
	bytes(l, v, i + 1, ne, &nlen);
	edit(l, LINT_PUNCTUATION_SPACE, v[i + 1].off, v[i + 1].off, " ", 1);
	problem(l, LINT_PUNCTUATION_SPACE, v[i].off, "no space after '%.*s' in "
	    "'%s%s' — write '%s %s'", (int)v[i].len, l->s + v[i].off,
	    quote(l, l->s + v[ws].off, wlen), quote(l, l->s + v[i + 1].off, nlen),
	    quote(l, l->s + v[ws].off, wlen), quote(l, l->s + v[i + 1].off, nlen));
}

/* Rule punctuation-space: no space before ، ؛ ؟ . ! :, one after. */
static void
rule_punct_space(struct lint *l, const struct ch *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_pmark(l, v, n, i))
			continue;
		if (i == 0 || !is_pmark(l, v, n, i - 1))
			space_before(l, v, n, i);
		if (!is_pmark(l, v, n, i + 1))
			space_after(l, v, n, i);
	}
}

/* Whether the quote at v[i] can open a quotation: at the start or after a
 * space or bracket, with no space after it. */
static int
can_open(const struct ch *v, size_t n, size_t i)
{
	if (i + 1 >= n || !is_prose(v, n, i + 1) || is_space(v, n, i + 1))
		return 0;
	return i == 0 || !is_prose(v, n, i - 1) || is_space(v, n, i - 1) ||
	    v[i - 1].c == '(' || v[i - 1].c == '[';
}

/* Whether the quote at v[i] can close one: after a non-space, and then no
 * letter or digit. */
static int
can_close(const struct ch *v, size_t n, size_t i)
{
	if (i == 0 || !is_prose(v, n, i - 1) || is_space(v, n, i - 1))
		return 0;
	return i + 1 >= n || !is_prose(v, n, i + 1) || !is_word(v[i + 1].c);
}

/*
 * Rule straight-quotes: "…" and '…' around Persian text -> «…».  The
 * quotes of one kind in a paragraph (or YAML value) are paired in order;
 * when their number is odd or a pair does not open and close like
 * quotation marks, which pairs with which is a guess, and none is touched.
 * An apostrophe between two letters ("don't") is no quote at all.
 */
static void
quotes_of(struct lint *l, const struct ch *v, size_t n, uint32_t q)
{
	size_t *at, m = 0, i, k, len;

	at = arena_array(l->a, n + 1, sizeof *at);
	for (i = 0; i < n; i++) {
		if (!is_prose(v, n, i) || v[i].c != q)
			continue;
		if (q == '\'' && i > 0 && i + 1 < n && is_word(v[i - 1].c) &&
		    is_word(v[i + 1].c))
			continue;
		at[m++] = i;
	}
	if (m == 0 || m % 2 != 0)
		return;
	for (k = 0; k < m; k += 2)
		if (!can_open(v, n, at[k]) || !can_close(v, n, at[k + 1]))
			return;
	for (k = 0; k < m; k += 2) {
		if (!has_fa(v, at[k] + 1, at[k + 1]))
			continue;
		edit(l, LINT_STRAIGHT_QUOTES, v[at[k]].off, v[at[k]].off + 1, "«", 2);
		edit(l, LINT_STRAIGHT_QUOTES, v[at[k + 1]].off,
		    v[at[k + 1]].off + 1, "»", 2);
		bytes(l, v, at[k] + 1, at[k + 1], &len);
		problem(l, LINT_STRAIGHT_QUOTES, v[at[k]].off, "straight quotes "
		    "%c…%c around Persian text — write «%s» with guillemets",
		    (char)q, (char)q, quote(l, l->s + v[at[k] + 1].off, len));
	}
}

static void
rule_quotes(struct lint *l, const struct ch *v, size_t n)
{
	quotes_of(l, v, n, '"');
	quotes_of(l, v, n, '\'');
}

/*
 * Rule repeated-spaces: two or more spaces between two characters of a
 * line.  Indentation, the two spaces of a Markdown hard break at the end of
 * a line, and the aligned columns of a table (a line starting with '|')
 * are not prose and are left alone.
 */
static void
rule_spaces(struct lint *l, const struct ch *v, size_t n)
{
	size_t i = 0, j, k;
	int table = 0;

	while (i < n) {
		if (i == 0 || v[i - 1].c == '\n') {
			for (k = i; k < n && v[k].c != '\n' && !is_prose(v, n, k); k++)
				;
			while (is_space(v, n, k))
				k++;
			table = k < n && v[k].c == '|';
		}
		if (!is_space(v, n, i) || v[i].c != ' ') {
			i++;
			continue;
		}
		for (j = i; j < n && is_space(v, n, j) && v[j].c == ' '; j++)
			;
		if (j - i >= 2 && !table && i > 0 && v[i - 1].c != '\n' &&
		    j < n && v[j].c != '\n' && v[j].c != '\r' &&
		    (is_prose(v, n, i - 1) || is_prose(v, n, j))) {
			edit(l, LINT_REPEATED_SPACES, v[i].off, v[j].off, " ", 1);
			problem(l, LINT_REPEATED_SPACES, v[i].off, "%zu spaces in a "
			    "row — write one space", j - i);
		}
		i = j;
	}
}

/*
 * Which bytes are prose.
 */

static void
set_mask(struct lint *l, size_t start, size_t end, unsigned char kind)
{
	if (end > start)
		memset(l->mask + start, kind, end - start);
}

static void
add_block(struct lint *l, size_t start, size_t end)
{
	if (end <= start)
		return;
	if (l->nblocks == l->capblocks) {
		size_t cap = l->capblocks ? l->capblocks * 2 : 64;

		l->blocks = arena_grow(l->a, l->blocks, l->capblocks, cap,
		    sizeof *l->blocks);
		l->capblocks = cap;
	}
	l->blocks[l->nblocks].start = start;
	l->blocks[l->nblocks].end = end;
	l->nblocks++;
}

/* The next prose byte at or after i in [i, end), or end. */
static size_t
next_prose(const struct lint *l, size_t i, size_t end)
{
	while (i < end && l->mask[i] == NOT_PROSE)
		i++;
	return i;
}

/* The length of the run of c starting at prose byte i. */
static size_t
run_of(const struct lint *l, size_t i, size_t end, char c)
{
	size_t k = i;

	while (k < end && l->mask[k] != NOT_PROSE && l->s[k] == c)
		k++;
	return k - i;
}

/* A code span opening with the n backticks at i: its end (after the
 * closing run), or 0 when nothing closes it and the backticks are text. */
static size_t
code_span_end(const struct lint *l, size_t i, size_t end, size_t n)
{
	size_t k = i + n, r;

	while ((k = next_prose(l, k, end)) < end) {
		if (l->s[k] != '`') {
			k++;
			continue;
		}
		r = run_of(l, k, end, '`');
		if (r == n)
			return k + r;
		k += r;
	}
	return 0;
}

/* After "<" at i: the end of an HTML comment, tag or autolink, or 0. */
static size_t
angle_end(const struct lint *l, size_t i, size_t end)
{
	const char *s = l->s, *e;
	char c = i + 1 < end ? s[i + 1] : '\0';

	if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (e = s + i + 4; e + 3 <= s + end; e++)
			if (memcmp(e, "-->", 3) == 0)
				return (size_t)(e - s) + 3;
		return end;
	}
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
	    c == '!' || c == '?'))
		return 0;
	e = memchr(s + i, '>', end - i);
	return e != NULL ? (size_t)(e - s) + 1 : 0;
}

/* After "&" at i: the end of an entity ("&amp;", "&#1740;"), or 0. */
static size_t
entity_end(const struct lint *l, size_t i, size_t end)
{
	size_t k = i + 1;

	if (k < end && l->s[k] == '#')
		k++;
	while (k < end && k - i < 34 && ((l->s[k] >= 'a' && l->s[k] <= 'z') ||
	    (l->s[k] >= 'A' && l->s[k] <= 'Z') || (l->s[k] >= '0' && l->s[k] <= '9')))
		k++;
	return k < end && k > i + 1 && l->s[k] == ';' ? k + 1 : 0;
}

/* After "](" at i: the end of the link destination and title, after the
 * ')' that closes the '(' (nested parentheses count). */
static size_t
dest_end(const struct lint *l, size_t i, size_t end)
{
	int depth = 0;
	size_t k;

	for (k = i + 1; k < end; k++) {
		if (l->s[k] == '\\' && k + 1 < end) {
			k++;
			continue;
		}
		if (l->s[k] == '(')
			depth++;
		else if (l->s[k] == ')' && --depth == 0)
			return k + 1;
	}
	return end;
}

static int
is_ascii_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Whether s[0..n) is a bare URL or e-mail address. */
static int
is_address(const char *s, size_t n)
{
	size_t k;

	if (n >= 4 && (memcmp(s, "www.", 4) == 0 || memcmp(s, "WWW.", 4) == 0))
		return 1;
	for (k = 0; k + 3 <= n; k++)
		if (memcmp(s + k, "://", 3) == 0)
			return 1;
	for (k = 1; k + 1 < n; k++)
		if (s[k] == '@' && s[k + 1] != ' ' && (unsigned char)s[k - 1] < 0x80 &&
		    s[k - 1] != ' ')
			return 1;
	return 0;
}

/*
 * Clears what is not prose inside the Markdown text of one block: backslash
 * escapes, code spans, HTML (comments, tags, autolinks), entities, link
 * destinations and titles, reference labels, bare URLs and e-mail
 * addresses.  Link text and image descriptions stay prose.
 */
static void
scan_inlines(struct lint *l, size_t start, size_t end)
{
	size_t i = start, k, n;
	const char *s = l->s;

	while ((i = next_prose(l, i, end)) < end) {
		k = 0;
		if (s[i] == '\\' && i + 1 < end && is_ascii_punct(s[i + 1]))
			k = i + 2;
		else if (s[i] == '`') {
			n = run_of(l, i, end, '`');
			if ((k = code_span_end(l, i, end, n)) == 0) {
				i += n;
				continue;
			}
		} else if (s[i] == '<')
			k = angle_end(l, i, end);
		else if (s[i] == '&')
			k = entity_end(l, i, end);
		else if (s[i] == ']' && i + 1 < end && s[i + 1] == '(')
			k = dest_end(l, i + 1, end);
		else if (s[i] == ']' && i + 1 < end && s[i + 1] == '[') {
			const char *e = memchr(s + i + 1, ']', end - i - 1);

			k = e != NULL ? (size_t)(e - s) + 1 : 0;
		}
		if (k > i) {
			set_mask(l, i, k, NOT_PROSE);
			i = k;
		} else
			i++;
	}
	/* Then whole tokens that are addresses, with what sticks to them. */
	for (i = start; i < end;) {
		if (l->mask[i] == NOT_PROSE || s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n') {
			i++;
			continue;
		}
		for (k = i; k < end && l->mask[k] != NOT_PROSE && s[k] != ' ' &&
		    s[k] != '\t' && s[k] != '\n'; k++)
			;
		if (is_address(s + i, k - i))
			set_mask(l, i, k, NOT_PROSE);
		i = k;
	}
}

static size_t
line_end(const struct lint *l, size_t line)
{
	size_t e = line + 1 < l->nlines ? l->bol[line + 1] - 1 : l->len;

	if (e > l->bol[line] && e <= l->len && e > 0 && l->s[e - 1] == '\r')
		e--;
	return e;
}

/* Skips the container prefixes of a paragraph's later line: indentation
 * and one '>' per enclosing block quote. */
static size_t
skip_prefix(const struct lint *l, size_t i, size_t end, int quotes)
{
	while (i < end && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	for (; quotes > 0 && i < end && l->s[i] == '>'; quotes--) {
		i++;
		while (i < end && (l->s[i] == ' ' || l->s[i] == '\t'))
			i++;
	}
	return i;
}

/* Whether s[i..e) is a setext underline ("===", "---") or a link
 * reference definition ("[x]: url"). */
static int
not_text_line(const char *s, size_t i, size_t e, int heading)
{
	size_t k;

	if (heading && i < e && (s[i] == '=' || s[i] == '-')) {
		for (k = i; k < e && (s[k] == s[i] || s[k] == ' '); k++)
			;
		return k == e;
	}
	if (!heading && i < e && s[i] == '[') {
		const char *r = memchr(s + i, ']', e - i);

		return r != NULL && r + 1 < s + e && r[1] == ':';
	}
	return 0;
}

/* Marks the text lines of one paragraph or heading n as prose. */
static void
mark_leaf(struct lint *l, cmark_node *n, int body_line)
{
	int heading = cmark_node_get_type(n) == CMARK_NODE_HEADING;
	int sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
	int quotes = 0, ln, refs = !heading;
	size_t line, i, e, bs = 0, be = 0;
	cmark_node *p;

	for (p = cmark_node_parent(n); p != NULL; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE)
			quotes++;
	for (ln = sl; ln <= el && ln > 0; ln++) {
		line = (size_t)(body_line + ln - 2);
		if (line >= l->nlines)
			break;
		e = line_end(l, line);
		i = ln == sl ? l->bol[line] + (size_t)cmark_node_get_start_column(n) - 1 :
		    skip_prefix(l, l->bol[line], e, quotes);
		if (i > e)
			continue;
		if (heading && i < e && l->s[i] == '#') {
			while (i < e && l->s[i] == '#')
				i++;
			while (e > i && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
				e--;
			while (e > i && l->s[e - 1] == '#')
				e--;
		}
		while (i < e && (l->s[i] == ' ' || l->s[i] == '\t'))
			i++;
		while (e > i && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
			e--;
		if (refs && not_text_line(l->s, i, e, 0))
			continue;
		refs = 0;
		if (not_text_line(l->s, i, e, heading))
			continue;
		set_mask(l, i, e, PROSE);
		if (be == 0)
			bs = i;
		be = e;
	}
	if (be > bs) {
		scan_inlines(l, bs, be);
		add_block(l, bs, be);
	}
}

static void
mark_body(struct lint *l, size_t body_off, int body_line)
{
	cmark_node *root = cmark_parse_document(l->s + body_off,
	    l->len - body_off, CMARK_OPT_DEFAULT);
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	cmark_node_type t;

	if (root == NULL)
		return;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING))
			mark_leaf(l, n, body_line);
	}
	cmark_iter_free(it);
	cmark_node_free(root);
}

/* The offset of libyaml's mark m (0-based line and column in characters)
 * in the YAML that starts at byte yaml_off on file line line0 (1-based). */
static size_t
mark_off(const struct lint *l, yaml_mark_t m, int line0)
{
	size_t line = (size_t)line0 - 1 + m.line, i, col;
	unsigned char k;

	if (line >= l->nlines)
		return l->len;
	i = l->bol[line];
	for (col = 0; col < m.column && i < l->len && l->s[i] != '\n'; col++) {
		decode(l->s + i, l->len - i, &k);
		i += k;
	}
	return i;
}

/* Marks the text of a scalar value as prose: what lies between its quotes,
 * or after a block scalar's "|" line; on later lines not the indentation;
 * in a double-quoted value not the escapes, in a single-quoted one not the
 * doubled quote. */
static void
mark_scalar(struct lint *l, const yaml_node_t *v, int line0)
{
	size_t start = mark_off(l, v->start_mark, line0);
	size_t end = mark_off(l, v->end_mark, line0), i;
	yaml_scalar_style_t style = v->data.scalar.style;
	unsigned char kind = style == YAML_PLAIN_SCALAR_STYLE ? PROSE_PLAIN : PROSE;
	int bol = 0;

	if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		start++;
		end = end > start ? end - 1 : start;
	} else if (style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE) {
		while (start < end && l->s[start] != '\n')
			start++;
		bol = 1;
	}
	for (i = start; i < end; i++) {
		char c = l->s[i];

		if (c == '\n' || c == '\r') {
			bol = 1;
			continue;
		}
		if (bol && (c == ' ' || c == '\t'))
			continue;
		bol = 0;
		if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && c == '\\') {
			/* \x41, \u06CC, \U0001F600: the hex digits too. */
			size_t k = i + 1 < end ? (l->s[i + 1] == 'x' ? 2 :
			    l->s[i + 1] == 'u' ? 4 : l->s[i + 1] == 'U' ? 8 : 0) : 0;

			i += 1 + k;
			continue;
		}
		if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && c == '\'' &&
		    i + 1 < end && l->s[i + 1] == '\'') {
			i++;
			continue;
		}
		l->mask[i] = kind;
	}
	add_block(l, start, end);
}

/* The front matter's text fields: prose the outputs print. */
static const char *const text_fields[] = {
	"title", "summary", "pseudonym", "photo_alt", "address", NULL,
};

static void
mark_highlights(struct lint *l, yaml_document_t *y, const yaml_node_t *seq,
    int line0)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *m, *k, *v;

	if (seq->type != YAML_SEQUENCE_NODE)
		return;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		m = yaml_document_get_node(y, *it);
		if (m == NULL || m->type != YAML_MAPPING_NODE)
			continue;
		for (pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(y, pr->key);
			v = yaml_document_get_node(y, pr->value);
			if (k != NULL && v != NULL && k->type == YAML_SCALAR_NODE &&
			    v->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)k->data.scalar.value, "label") == 0)
				mark_scalar(l, v, line0);
		}
	}
}

/* Marks the text fields of the front matter yaml[0..len), which starts on
 * file line line0.  Returns 0, or -1 with an error when it is no YAML. */
static int
mark_front(struct lint *l, const char *yaml, size_t len, int line0)
{
	yaml_parser_t p;
	yaml_document_t y;
	yaml_node_t *root, *k, *v;
	yaml_node_pair_t *pr;
	const char *name;

	if (!yaml_parser_initialize(&p))
		return diag_error(l->d, (struct pos){ l->relname, 0, 0 },
		    "out of memory while reading the front matter — close "
		    "other programs and run again");
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, &y)) {
		content_yaml_error(&p, yaml, len, l->relname, line0, l->d);
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	root = yaml_document_get_root_node(&y);
	if (root != NULL && root->type == YAML_MAPPING_NODE) {
		for (pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(&y, pr->key);
			v = yaml_document_get_node(&y, pr->value);
			if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			name = (const char *)k->data.scalar.value;
			if (strcmp(name, "highlights") == 0)
				mark_highlights(l, &y, v, line0);
			else if (v->type == YAML_SCALAR_NODE &&
			    in_list(name, strlen(name), text_fields))
				mark_scalar(l, v, line0);
		}
	}
	yaml_document_delete(&y);
	return 0;
}

/*
 * Checking and fixing.
 */

/* The characters of [start, end) with what each is to the rules. */
static struct ch *
chars(struct lint *l, size_t start, size_t end, size_t *n)
{
	struct ch *v = arena_array(l->a, end - start + 1, sizeof *v);
	size_t i = start, m = 0;
	unsigned char k;

	while (i < end) {
		v[m].c = decode(l->s + i, end - i, &k);
		v[m].off = i;
		v[m].len = k;
		v[m].kind = v[m].c == '\n' || v[m].c == '\r' ? NOT_PROSE : l->mask[i];
		m++;
		i += k;
	}
	*n = m;
	return v;
}

static void
check_block(struct lint *l, size_t start, size_t end)
{
	size_t n;
	struct ch *v = chars(l, start, end, &n);

	if (on(l, LINT_ARABIC_LETTERS))
		rule_arabic(l, v, n);
	if (on(l, LINT_ZWNJ_MI))
		rule_mi(l, v, n);
	if (on(l, LINT_ZWNJ_SUFFIX))
		rule_suffix(l, v, n);
	if (on(l, LINT_ASCII_DIGITS))
		rule_digits(l, v, n);
	if (on(l, LINT_PUNCTUATION_SPACE))
		rule_punct_space(l, v, n);
	if (on(l, LINT_STRAIGHT_QUOTES))
		rule_quotes(l, v, n);
	if (on(l, LINT_REPEATED_SPACES))
		rule_spaces(l, v, n);
	if (on(l, LINT_LATIN_PUNCTUATION))
		rule_latin_punct(l, v, n);
}

/* One pass over s[0..len): problems into d (only counted when quiet),
 * fixes into l->edits.  Returns 0, or -1 with an error in d when the file
 * has no front matter. */
static int
check(struct lint *l, struct arena *a, const char *s, size_t len,
    const char *relname, unsigned rules, struct diags *d, int quiet)
{
	struct content_split sp;
	size_t i, n = 1;

	memset(l, 0, sizeof *l);
	l->a = a;
	l->s = s;
	l->len = len;
	l->relname = relname;
	l->rules = rules;
	l->d = d;
	l->quiet = quiet;
	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	l->bol = arena_array(a, n, sizeof *l->bol);
	l->bol[l->nlines++] = 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			l->bol[l->nlines++] = i + 1;
	l->mask = arena_alloc(a, len + 1);
	if (content_split(s, len, relname, &sp, d) != 0)
		return -1;
	/* A front matter that is no YAML is an error, but its body can
	 * still be checked. */
	mark_front(l, s + sp.yaml_off, sp.yaml_len, 2);
	mark_body(l, sp.body_off, sp.body_line);
	for (i = 0; i < l->nblocks; i++)
		check_block(l, l->blocks[i].start, l->blocks[i].end);
	return 0;
}

static int
cmp_edits(const void *x, const void *y)
{
	const struct edit *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	/* The longer first, then the rule that wins. */
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return a->prio - b->prio;
}

/* s with l's edits applied; an edit overlapping one already taken waits
 * for the next pass.  Lives in a; *outlen is its length. */
static char *
apply(struct lint *l, struct arena *a, size_t *outlen)
{
	char *out;
	size_t i, o = 0, at = 0, grow = 0;
	int taken = 0;

	qsort(l->edits, l->nedits, sizeof *l->edits, cmp_edits);
	for (i = 0; i < l->nedits; i++)
		grow += l->edits[i].repl_len;
	out = arena_alloc(a, l->len + grow + 1);
	for (i = 0; i < l->nedits; i++) {
		const struct edit *e = &l->edits[i];

		/* Two insertions at one place, or anything inside a change
		 * already made, wait. */
		if (e->start < at || (taken && e->start == at && e->start == e->end &&
		    i > 0 && l->edits[i - 1].start == at && l->edits[i - 1].end == at))
			continue;
		memcpy(out + o, l->s + at, e->start - at);
		o += e->start - at;
		memcpy(out + o, e->repl, e->repl_len);
		o += e->repl_len;
		at = e->end;
		taken = 1;
	}
	memcpy(out + o, l->s + at, l->len - at);
	o += l->len - at;
	out[o] = '\0';
	*outlen = o;
	return out;
}

int
lint_text(struct arena *a, const char *text, size_t len, const char *relname,
    unsigned rules, size_t *nproblems, char **fixed, size_t *fixed_len,
    struct diags *d)
{
	struct lint l;
	struct diags quiet;
	const char *s = text;
	size_t n = len;
	int pass;

	*nproblems = 0;
	if (content_check_utf8(text, len, relname, d) != 0 ||
	    check(&l, a, text, len, relname, rules, d, 0) != 0)
		return -1;
	*nproblems = l.nproblems;
	if (fixed == NULL)
		return 0;
	/* Apply, then check the result again (quietly) until no fix is
	 * left: what one fix makes possible, the next pass does. */
	diag_init(&quiet);
	for (pass = 0; pass < LINT_MAX_PASSES && l.nedits > 0; pass++) {
		s = apply(&l, a, &n);
		check(&l, a, s, n, relname, rules, &quiet, 1);
	}
	diag_release(&quiet);
	*fixed = (char *)s;
	*fixed_len = n;
	return 0;
}

/*
 * The command.
 */

/* Counts for the summary line. */
struct tally {
	size_t files;		/* files checked */
	size_t with;		/* files with a problem */
	size_t problems;
	size_t fixed;
	size_t errors;		/* files that could not be checked or written */
};

/* Whether the front matter of s[0..len) still reads as YAML. */
static int
front_ok(const char *s, size_t len)
{
	struct content_split sp;
	struct diags quiet;
	yaml_parser_t p;
	yaml_document_t y;
	int ok;

	diag_init(&quiet);
	ok = content_split(s, len, "", &sp, &quiet) == 0;
	diag_release(&quiet);
	if (!ok || !yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)s + sp.yaml_off,
	    sp.yaml_len);
	ok = yaml_parser_load(&p, &y);
	if (ok)
		yaml_document_delete(&y);
	yaml_parser_delete(&p);
	return ok;
}

/* Lints (and with fix rewrites) the file at path, called relname. */
static void
lint_file(const char *path, const char *relname, unsigned rules, int fix,
    struct tally *t, struct diags *d)
{
	struct arena a;
	struct diags quiet;
	size_t len, n, after = 0, flen = 0, bom = 0;
	char *s, *f = NULL, *out;
	struct pos at = { relname, 0, 0 };

	size_t nerr = diag_count(d, DIAG_ERROR);

	arena_init(&a);
	t->files++;
	if ((s = fileio_read(&a, path, relname, LINT_MAX_BYTES, &len, d)) == NULL)
		goto fail;
	/* The BOM is no text: keep it out of the columns, and in the file. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	if (lint_text(&a, s + bom, len - bom, relname, rules, &n,
	    fix ? &f : NULL, &flen, d) != 0)
		goto fail;
	t->problems += n;
	t->with += n > 0;
	/* A front matter that is no YAML: its body was checked, and the
	 * file is not fixed, so that the error is seen first. */
	if (diag_count(d, DIAG_ERROR) > nerr)
		goto fail;
	if (!fix || n == 0) {
		arena_release(&a);
		return;
	}
	diag_init(&quiet);
	lint_text(&a, f, flen, relname, rules, &after, NULL, NULL, &quiet);
	diag_release(&quiet);
	if (front_ok(s + bom, len - bom) && !front_ok(f, flen)) {
		diag_error(d, at, "the fixes would break the front matter, so the "
		    "file was left as it was — make the changes above by hand");
		goto fail;
	}
	if (flen != len - bom || memcmp(f, s + bom, flen) != 0) {
		out = arena_alloc(&a, flen + bom + 1);
		memcpy(out, s, bom);
		memcpy(out + bom, f, flen);
		if (fileio_rewrite(path, relname, out, flen + bom, d) != 0)
			goto fail;
	}
	t->fixed += n > after ? n - after : 0;
	arena_release(&a);
	return;
fail:
	t->errors++;
	arena_release(&a);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Lints every "*.md" in dir/sub, in name order; a missing folder is a
 * project without that kind of file. */
static void
lint_dir(const char *dir, const char *sub, unsigned rules, int fix,
    struct tally *t, struct diags *d)
{
	struct arena a;
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i, k;
	DIR *dp;

	arena_init(&a);
	if ((dp = opendir(arena_printf(&a, "%s/%s", dir, sub))) == NULL) {
		arena_release(&a);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		k = strlen(de->d_name);
		if (de->d_name[0] == '.' || k <= 3 ||
		    strcmp(de->d_name + k - 3, ".md") != 0)
			continue;
		if (n == cap) {
			names = arena_grow(&a, names, cap, cap ? cap * 2 : 32,
			    sizeof *names);
			cap = cap ? cap * 2 : 32;
		}
		names[n++] = arena_strdup(&a, de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		path = arena_printf(&a, "%s/%s/%s", dir, sub, names[i]);
		lint_file(path, arena_printf(&a, "%s/%s", sub, names[i]), rules,
		    fix, t, d);
	}
	arena_release(&a);
}

static const char lint_usage[] =
"usage: daftar lint [--fix] [--content DIR] [FILE...]\n"
"\n"
"Checks the Persian typography of the stories, pages and leaflets in DIR\n"
"(default: content), or of the FILEs given: Arabic yeh and kaf, the\n"
"zero-width non-joiner after می and before suffixes, spaces around\n"
"punctuation, straight quotes, repeated spaces, Latin , ; ? in Persian.\n"
"Code, URLs, link targets, stats blocks and HTML comments are left alone.\n"
"Switch a rule off in DIR/booklet.yaml, e.g. 'lint: {zwnj-mi: false}';\n"
"README.md, \"Lint rules\", says what each finds.\n"
"\n"
"  --fix           rewrite the files with the problems fixed\n"
"  --content DIR   the folder holding booklet.yaml (default: content)\n"
"\n"
"exit status: 0 no problem (with --fix: all of them fixed), 1 problems\n"
"found or files that could not be read, 2 wrong command line\n";

/* The rules DIR/booklet.yaml leaves on; -1 with errors when it is wrong. */
static int
rules_of(const char *dir, unsigned *rules, struct diags *d)
{
	struct arena a;
	struct config c;
	char *path;
	int rc = 0;

	*rules = lint_rules_default();
	arena_init(&a);
	path = arena_printf(&a, "%s/booklet.yaml", dir);
	/* Files given alone, outside any project, get the defaults. */
	if (access(path, F_OK) == 0) {
		rc = config_load(&a, path, "booklet.yaml", &c, d);
		if (rc == 0)
			*rules = (*rules | c.lint_on) & ~c.lint_off;
	}
	arena_release(&a);
	return rc;
}

static void
plural(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

int
lint_command(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dir = "content";
	struct tally t;
	struct diags d;
	unsigned rules;
	int i, fix = 0, nfiles = 0, dir_given = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(lint_usage, out);
			return 0;
		}
		if (strcmp(argv[i], "--fix") == 0)
			fix = 1;
		else if (strcmp(argv[i], "--content") == 0) {
			if (i + 1 >= argc) {
				fprintf(err, "daftar: option '--content' needs a "
				    "folder after it\nrun 'daftar lint --help' for "
				    "the options\n");
				return 2;
			}
			dir = argv[++i];
			dir_given = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(err, "daftar: unknown option '%s' for 'lint'\n"
			    "run 'daftar lint --help' for the options\n", argv[i]);
			return 2;
		} else
			nfiles++;
	}
	memset(&t, 0, sizeof t);
	diag_init(&d);
	if (rules_of(dir, &rules, &d) != 0) {
		diag_print(&d, err);
		fprintf(err, "daftar: lint: booklet.yaml has errors — fix them "
		    "and run again\n");
		diag_release(&d);
		return 1;
	}
	if (nfiles == 0 && dir_given && access(dir, F_OK) != 0) {
		fprintf(err, "daftar: lint: cannot read the folder '%s': %s\n",
		    dir, strerror(errno));
		diag_release(&d);
		return 1;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--content") == 0)
			i++;
		else if (argv[i][0] != '-' || argv[i][1] == '\0')
			lint_file(argv[i], argv[i], rules, fix, &t, &d);
	}
	if (nfiles == 0) {
		lint_dir(dir, "stories", rules, fix, &t, &d);
		lint_dir(dir, "pages", rules, fix, &t, &d);
		lint_dir(dir, "leaflets", rules, fix, &t, &d);
	}
	diag_print(&d, err);
	diag_release(&d);
	fputs("daftar: lint: ", out);
	if (t.problems == 0)
		fputs("no problems in ", out);
	else {
		plural(out, t.problems, "problem", "problems");
		fputs(" in ", out);
	}
	plural(out, t.problems == 0 ? t.files : t.with, "file", "files");
	if (fix)
		fprintf(out, " (%zu fixed)", t.fixed);
	if (t.errors > 0) {
		fputs("; ", out);
		plural(out, t.errors, "file", "files");
		fputs(" could not be checked or written (see above)", out);
	}
	fputc('\n', out);
	if (t.errors > 0)
		return 1;
	return t.problems > (fix ? t.fixed : 0) ? 1 : 0;
}
