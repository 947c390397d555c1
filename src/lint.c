/* lint.c - Persian typography rules over the prose of a content file, and their fixes (README.md, "Lint rules"). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "lint.h"
#include "lint_int.h"

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
/*
 * Words that end like a plural joined to a stem and are no plural: the
 * stems before «ها» that are kept joined.  «تنها», «تنهایی» (alone,
 * loneliness), «آنها» and «اینها» (written either way), «انتها», «منتها»,
 * «اشتها», «منهای» (minus), «فقها», and the compounds of «بها» (price):
 * «گرانبها», «کم‌بها», «پربها», «خونبها», and the Arabic «فیها», «عنها»,
 * «علیها» of quotations.
 */
/*
 * The plural suffixes checked when joined to a stem not ending in ه.  Not
 * «های», «هایم» or «هایت»: «برنامهای», «رفتهایم» and «درنهایت» are
 * «برنامه‌ای», «رفته‌ایم» and «نهایت» written joined, not plurals.
 */
static const char *const joined_plurals[] = {
	"هایشان", "هایتان", "هایمان", "هایی", "هایش", "ها", NULL,
};
static const char *const plural_lookalikes[] = {
	"تن", "آن", "این", "همین", "همان", "انت", "منت", "اشت", "من", "فق",
	"سف", "گرانب", "کمب", "پرب", "خونب", "فی", "عن", "علی", NULL,
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

/* One character of a block being checked. */
struct ch {
	uint32_t c;		/* '\n' ends each line */
	size_t off;		/* its first byte in the text */
	unsigned char len;	/* its bytes */
	unsigned char kind;	/* enum prose */
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
		lint_decode(s + i, n - i, &k);
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
	/* The ezafe after a silent heh: «خانه ی ما» -> «خانه‌ی ما».  A lone
	 * «ی» is no word of its own; the joined «خانهی» is left alone, as
	 * «راهی», «ماهی» and «گاهی» are spelled that way. */
	if (eq(s, slen, "ی"))
		return wlast == 0x0647 && wlen >= 4 &&
		    !in_list(w, wlen, heh_function_words);
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
	/* After ا د ذ ر ز ژ و the letters part by themselves: «دفترها», as
	 * one word; a ZWNJ there would be invisible and only get in the way
	 * of searching. */
	if (is_nonjoining(v[j - 1].c)) {
		edit(l, LINT_ZWNJ_SUFFIX, v[j].off, v[ws].off, "", 0);
		problem(l, LINT_ZWNJ_SUFFIX, v[j].off, "'%s %.*s' has a space "
		    "before the suffix '%.*s' — write '%s%.*s' as one word (the "
		    "letters part by themselves, no نیم‌فاصله needed)",
		    quote(l, l->s + v[i].off, wlen), (int)slen,
		    l->s + v[ws].off, (int)slen, l->s + v[ws].off,
		    quote(l, l->s + v[i].off, wlen), (int)slen, l->s + v[ws].off);
		return;
	}
	edit(l, LINT_ZWNJ_SUFFIX, v[j].off, v[ws].off, ZWNJ_UTF8, 3);
	problem(l, LINT_ZWNJ_SUFFIX, v[j].off, "'%s %.*s' has a space before "
	    "the %s '%.*s' — write '%s" ZWNJ_UTF8 "%.*s' with a zero-width "
	    "non-joiner (نیم‌فاصله)", quote(l, l->s + v[i].off, wlen),
	    (int)slen, l->s + v[ws].off, eq(sfx, slen, "ی") ? "ezafe" :
	    "suffix", (int)slen, l->s + v[ws].off,
	    quote(l, l->s + v[i].off, wlen), (int)slen, l->s + v[ws].off);
}

/* Rule zwnj-suffix, joined forms: «خانهها» (ها after a final ه) and
 * «بزرگتر» (تر after a listed adjective). */
static void
suffix_joined(struct lint *l, const struct ch *v, size_t i, size_t j)
{
	size_t wlen, k, slen, stem, seg;
	const char *w, *what = NULL;
	const char *const *s;
	unsigned char clen;
	uint32_t last;

	w = norm(l, v, i, j, &wlen);
	for (s = plural_suffixes; *s != NULL && what == NULL; s++) {
		slen = strlen(*s);
		if (wlen < slen || memcmp(w + wlen - slen, *s, slen) != 0)
			continue;
		/* The stem's last part («کم‌بها»: «ب») has two letters at
		 * least. */
		for (seg = wlen - slen; seg > 0 && !(seg >= 3 &&
		    memcmp(w + seg - 3, ZWNJ_UTF8, 3) == 0); seg--)
			;
		if (wlen - slen - seg < 4)
			continue;
		last = v[j - slen / 2 - 1].c;
		if (last == 0x0647)
			what = "to the final 'ه'";
		/* «کتابها» reads as one word with a «ه» inside; after
		 * ا د ر … the letters part anyway. */
		else if (is_fa_letter(last) && !is_nonjoining(last) &&
		    in_list(*s, slen, joined_plurals) &&
		    !in_list(w + seg, wlen - slen - seg, plural_lookalikes))
			what = "to the word";
	}
	for (k = 0; what == NULL && k < 2; k++) {
		slen = k == 0 ? strlen("ترین") : strlen("تر");
		if (wlen <= slen || memcmp(w + wlen - slen, k == 0 ? "ترین" :
		    "تر", slen) != 0 || !in_list(w, wlen - slen, adjectives))
			continue;
		last = lint_decode(w + wlen - slen - 2, 2, &clen);
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
			uint32_t x = lint_decode(t + p, tlen - p, &a);
			uint32_t y = lint_decode(f + q, flen - q, &b);

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
		v[m].c = lint_decode(l->s + i, end - i, &k);
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
    const char *relname, unsigned rules, int config, struct diags *d,
    int quiet)
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
	if (config) {
		/* YAML from the first line; its errors are the file's. */
		if (lint_mark_config(l, s, len) != 0)
			return -1;
		for (i = 0; i < l->nblocks; i++)
			check_block(l, l->blocks[i].start, l->blocks[i].end);
		return 0;
	}
	if (content_split(s, len, relname, &sp, d) != 0)
		return -1;
	/* A front matter that is no YAML is an error, but its body can
	 * still be checked. */
	lint_mark_front(l, s + sp.yaml_off, sp.yaml_len, 2);
	lint_mark_body(l, sp.body_off, sp.body_line);
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

static int
lint_any(struct arena *a, const char *text, size_t len, const char *relname,
    unsigned rules, int config, size_t *nproblems, char **fixed,
    size_t *fixed_len, struct diags *d)
{
	struct lint l;
	struct diags quiet;
	const char *s = text;
	size_t n = len;
	int pass;

	*nproblems = 0;
	if (content_check_utf8(text, len, relname, d) != 0 ||
	    check(&l, a, text, len, relname, rules, config, d, 0) != 0)
		return -1;
	*nproblems = l.nproblems;
	if (fixed == NULL)
		return 0;
	/* Apply, then check the result again (quietly) until no fix is
	 * left: what one fix makes possible, the next pass does. */
	diag_init(&quiet);
	for (pass = 0; pass < LINT_MAX_PASSES && l.nedits > 0; pass++) {
		s = apply(&l, a, &n);
		check(&l, a, s, n, relname, rules, config, &quiet, 1);
	}
	diag_release(&quiet);
	*fixed = (char *)s;
	*fixed_len = n;
	return 0;
}

int
lint_text(struct arena *a, const char *text, size_t len, const char *relname,
    unsigned rules, size_t *nproblems, char **fixed, size_t *fixed_len,
    struct diags *d)
{
	return lint_any(a, text, len, relname, rules, 0, nproblems, fixed,
	    fixed_len, d);
}

int
lint_config(struct arena *a, const char *text, size_t len, const char *relname,
    unsigned rules, size_t *nproblems, char **fixed, size_t *fixed_len,
    struct diags *d)
{
	return lint_any(a, text, len, relname, rules, 1, nproblems, fixed,
	    fixed_len, d);
}
