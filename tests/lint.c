/* tests/lint.c - lint_text(): each rule, its traps, what is never prose, the fixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "lint.h"
#include "support.h"

/* Run from the repository root (the Makefile does): data paths are relative. */
#define CASES	"tests/lint"

#define R(x)	(1u << LINT_##x)
#define ALL	((1u << LINT_RULE__MAX) - 1)

/* The front matter every body below is put under: the body starts on
 * line 4. */
#define FRONT	"---\ntitle: عنوان\n---\n"

struct fx {
	struct arena a;
	struct diags d;
	size_t n;		/* problems found */
	char *fixed;		/* the whole text after --fix */
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	arena_init(&fx->a);
	diag_init(&fx->d);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	diag_release(&fx->d);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

/* Lints text with rules into fx; returns the fixed text without FRONT
 * when text starts with it. */
static const char *
lint_all(struct fx *fx, const char *text, unsigned rules)
{
	size_t len;

	diag_release(&fx->d);
	diag_init(&fx->d);
	assert_int_equal(lint_text(&fx->a, text, strlen(text), "x.md", rules,
	    &fx->n, &fx->fixed, &len, &fx->d), 0);
	assert_int_equal(strlen(fx->fixed), len);
	return strncmp(fx->fixed, FRONT, strlen(FRONT)) == 0 ?
	    fx->fixed + strlen(FRONT) : fx->fixed;
}

/* Lints FRONT + body with rules; returns the fixed body. */
static const char *
lint_body(struct fx *fx, const char *body, unsigned rules)
{
	return lint_all(fx, arena_printf(&fx->a, FRONT "%s", body), rules);
}

/* Asserts that body has no problem under rules and is left as it was. */
static void
clean(struct fx *fx, const char *body, unsigned rules)
{
	const char *out = lint_body(fx, body, rules);

	if (fx->n != 0) {
		char *p = test_printed(&fx->d);

		print_error("unexpected problems in '%s':\n%s", body, p);
		free(p);
	}
	assert_int_equal(fx->n, 0);
	assert_string_equal(out, body);
}

/* Asserts that body has n problems under rules and is fixed to want. */
static void
fixes(struct fx *fx, const char *body, unsigned rules, size_t n,
    const char *want)
{
	const char *out = lint_body(fx, body, rules);

	if (fx->n != n) {
		char *p = test_printed(&fx->d);

		print_error("'%s':\n%s", body, p);
		free(p);
	}
	assert_int_equal(fx->n, n);
	assert_string_equal(out, want);
}

/* The first printed diagnostic, for checking a message and position. */
static char *
first_printed(struct fx *fx)
{
	char *p = test_printed(&fx->d), *nl;

	assert_non_null(p);
	if ((nl = strchr(p, '\n')) != NULL)
		*nl = '\0';
	return p;
}

static void
rule_names(void **state)
{
	const char *const *names = lint_rule_names();
	int i;

	(void)state;
	for (i = 0; i < LINT_RULE__MAX; i++) {
		assert_string_equal(names[i], lint_rule_name((enum lint_rule)i));
		assert_int_equal(lint_rule_find(names[i]), i);
	}
	assert_null(names[LINT_RULE__MAX]);
	assert_int_equal(lint_rule_find("zwnj"), -1);
	assert_null(lint_rule_name(LINT_RULE__MAX));
	/* ascii-digits is the one rule off unless booklet.yaml asks. */
	assert_int_equal(lint_rules_default(), ALL & ~R(ASCII_DIGITS));
}

static void
arabic_letters(void **state)
{
	struct fx *fx = *state;
	char *p;

	fixes(fx, "كتاب علي و مصطفى\n", R(ARABIC_LETTERS), 3,
	    "کتاب علی و مصطفی\n");
	p = first_printed(fx);
	assert_string_equal(p, "x.md:4:1: warning: Arabic yeh or kaf in 'كتاب' "
	    "— write 'کتاب' with the Persian letters ی and ک [arabic-letters]");
	free(p);
	fixes(fx, "سال ١٤٠٣\n", R(ARABIC_LETTERS), 1, "سال ۱۴۰۳\n");
	/* Teh marbuta is Persian too («دایرةالمعارف»); Persian letters stay. */
	clean(fx, "دایرةالمعارف و کتاب یک\n", ALL);
	/* Switched off, nothing. */
	clean(fx, "كتاب\n", ALL & ~R(ARABIC_LETTERS));
}

static void
zwnj_mi(void **state)
{
	struct fx *fx = *state;
	char *p;

	fixes(fx, "او میروم و نمیدانم و میتوان.\n", R(ZWNJ_MI), 3,
	    "او می‌روم و نمی‌دانم و می‌توان.\n");
	fixes(fx, "او می روم و نمی توانست.\n", R(ZWNJ_MI), 2,
	    "او می‌روم و نمی‌توانست.\n");
	p = first_printed(fx);
	assert_string_equal(p, "x.md:4:6: warning: 'می روم' has a space after "
	    "'می' — write 'می‌روم' with a zero-width non-joiner (نیم‌فاصله) "
	    "instead [zwnj-mi]");
	free(p);
	/* Arabic yeh in the prefix: both rules, in one --fix. */
	fixes(fx, "مي روم\n", R(ZWNJ_MI) | R(ARABIC_LETTERS), 2, "می‌روم\n");
	/* Nouns that start with می, and می as the month of May. */
	clean(fx, "میز و میوه و میدان و میلیون و میزان و میهمان و میانه و "
	    "میراث و میدانی بزرگ.\n", ALL);
	clean(fx, "در ماه می رسید.\n", ALL);
	/* Already right, and «می» before no verb. */
	clean(fx, "می‌روم و می ناب.\n", ALL);
}

static void
zwnj_suffix(void **state)
{
	struct fx *fx = *state;

	fixes(fx, "کتاب ها و کتاب های او و درس هایش.\n", R(ZWNJ_SUFFIX), 3,
	    "کتاب‌ها و کتاب‌های او و درس‌هایش.\n");
	/* After a letter that never joins the next, the suffix is simply
	 * joined: a ZWNJ there would show nothing. */
	fixes(fx, "دفتر ها و کلاس ها و دوره هایش و بازو ها.\n", R(ZWNJ_SUFFIX), 4,
	    "دفترها و کلاس‌ها و دوره‌هایش و بازوها.\n");
	fixes(fx, "خانهها و گروههای زنان.\n", R(ZWNJ_SUFFIX), 2,
	    "خانه‌ها و گروه‌های زنان.\n");
	fixes(fx, "بزرگ تر و مهم ترین و بزرگترین.\n", R(ZWNJ_SUFFIX), 3,
	    "بزرگ‌تر و مهم‌ترین و بزرگ‌ترین.\n");
	fixes(fx, "خسته ام و رفته اند و خانه ای.\n", R(ZWNJ_SUFFIX), 3,
	    "خسته‌ام و رفته‌اند و خانه‌ای.\n");
	/* Words that hold the suffixes' letters, «تر» as «wet», «ای» as «O». */
	clean(fx, "تهران و ترمه اما ایران تنها رها مهارت نهایی دفتر دختر.\n", ALL);
	clean(fx, "لباس تر شد. گفت که ای کاش. خوشحال ام.\n", ALL);
	/* بیشتر and کمتر are written joined. */
	clean(fx, "بیشتر و کمتر و بهتر.\n", ALL);
	/* Joined to a letter that joins the next: «کتابها» shows no word
	 * break, so it takes a ZWNJ; after a non-joining letter it is
	 * right as it is. */
	fixes(fx, "کتابها و دلهایشان و انسانهایی و کتابهایش و کشتیها.\n",
	    R(ZWNJ_SUFFIX), 5, "کتاب‌ها و دل‌هایشان و انسان‌هایی و کتاب‌هایش و "
	    "کشتی‌ها.\n");
	clean(fx, "کارها و دفترهایش و روزها و بازوهایی.\n", ALL);
	/* Words that end like a joined plural and are none; «های», «هایم»
	 * and «هایت» joined are also «ه» + «ای», «ایم» («برنامهای» is
	 * «برنامه‌ای» written joined) or «نهایت», so they are left alone. */
	clean(fx, "تنها و تنهایی و آنها و اینها، انتهای راه، منتهای آرزو، "
	    "اشتهایش، منهای ده، فقها، گوهر گرانبها و کم‌بها و پربها و "
	    "خونبها، بی‌بها، نهایی، رهایی، اژدها، بهای نان.\n", ALL);
	clean(fx, "برنامهای و رفتهایم و درنهایت و کتابهای او.\n", ALL);
}

static void
ascii_digits(void **state)
{
	struct fx *fx = *state;

	/* Off by default: the outputs print them Persian already. */
	clean(fx, "در سال 1403.\n", lint_rules_default());
	fixes(fx, "در سال 1403 و 1,200 تومان و 40% رشد.\n", R(ASCII_DIGITS), 3,
	    "در سال ۱۴۰۳ و ۱٬۲۰۰ تومان و ۴۰٪ رشد.\n");
	/* Latin runs, names with digits, addresses, code. */
	clean(fx, "با Office 365 و GPT-4 و https://example.org/1403 و "
	    "a1@example.org و `x = 10` کار کرد.\n", ALL);
	/* English only: not Persian running text. */
	clean(fx, "Version 2 of the tool.\n", ALL);
}

static void
punctuation_space(void **state)
{
	struct fx *fx = *state;

	fixes(fx, "کتاب ، قلم ؛ دفتر .\n", R(PUNCTUATION_SPACE), 3,
	    "کتاب، قلم؛ دفتر.\n");
	fixes(fx, "کتاب،قلم و دفتر.سپس رفت!بعد\n", R(PUNCTUATION_SPACE), 3,
	    "کتاب، قلم و دفتر. سپس رفت! بعد\n");
	/* Numbers, times, abbreviations, ellipses, closing marks, URLs,
	 * e-mail at the end of a sentence, Latin text. */
	clean(fx, "۱۲.۵ و ساعت ۱۰:۳۰ و ۱۴۰۳ ه.ش و این و ... «سلام.» (متن.)\n",
	    ALL);
	clean(fx, "به daftar@example.org. و https://example.org/a.b:c بنویسید.\n",
	    ALL);
	clean(fx, "Note : this is Latin.\n", ALL);
	/* Two marks together: one check, around both. */
	clean(fx, "واقعا؟! بله.\n", ALL);
}

static void
straight_quotes(void **state)
{
	struct fx *fx = *state;

	fixes(fx, "او گفت \"سلام دوستان\" و 'خداحافظ' رفت.\n", R(STRAIGHT_QUOTES),
	    2, "او گفت «سلام دوستان» و «خداحافظ» رفت.\n");
	/* Latin inside, an odd number, apostrophes, code, HTML. */
	clean(fx, "نام \"Handmade\" و don't و it's.\n", ALL);
	clean(fx, "او گفت \"سلام و رفت.\n", ALL);
	clean(fx, "کد `\"سلام\"` و <span title=\"سلام\">متن</span>.\n", ALL);
}

static void
repeated_spaces(void **state)
{
	struct fx *fx = *state;

	fixes(fx, "کتاب  و   قلم.\n", R(REPEATED_SPACES), 2, "کتاب و قلم.\n");
	/* A hard break, indentation, a table, a code block. */
	clean(fx, "سطر اول  \nسطر دوم.\n\n- مورد\n  ادامه.\n", ALL);
	clean(fx, "| سال  | تعداد |\n| ---  | --- |\n", ALL);
	clean(fx, "```\nx  =  1\n```\n\n    کد  تورفته\n", ALL);
	/* A space before a mark is one fix, not two. */
	fixes(fx, "کتاب  ، قلم.\n", ALL, 2, "کتاب، قلم.\n");
}

static void
latin_punctuation(void **state)
{
	struct fx *fx = *state;

	fixes(fx, "کتاب, قلم; دفتر و چرا?\n", R(LATIN_PUNCTUATION), 3,
	    "کتاب، قلم؛ دفتر و چرا؟\n");
	/* With punctuation-space: the space after comes in the same fix. */
	fixes(fx, "کتاب,قلم\n", ALL, 2, "کتاب، قلم\n");
	/* Numbers, Latin text, URLs. */
	clean(fx, "۱,۰۰۰ و 1,000 و Excel, Word و https://x.org/?a=1,2 است.\n",
	    lint_rules_default());
}

/* Never prose: code, stats blocks, HTML comments, link targets. */
static void
not_prose(void **state)
{
	struct fx *fx = *state;

	clean(fx, "```stats\nquery: SELECT a ,  b\ntitle: كتاب ها\n```\n", ALL);
	clean(fx, "<!-- یادداشت ، ویراستار  كتاب -->\n\nمتن.\n", ALL);
	clean(fx, "متن <!-- یادداشت ، ویراستار --> است.\n", ALL);
	clean(fx, "[پیوند](https://example.org/كتاب?a=1,2 \"عنوان ، x\") است.\n",
	    ALL);
	clean(fx, "<https://example.org/a,b> و \\\"متن و `كد ها` است.\n", ALL);
	clean(fx, "~~~\nكتاب ها\n~~~\n\n<div>\nكتاب ها\n</div>\n", ALL);
}

/* The front matter: text fields are prose, keys, dates and tags are not;
 * a ':' in a plain value is never moved (YAML would read a key). */
static void
front_matter(void **state)
{
	struct fx *fx = *state;
	const char *out;

	out = lint_all(fx, "---\ntitle: كتاب ها\nsummary: \"جمله ، با فاصله\"\n"
	    "date: 1403-07-15\ntags: [كتاب, a]\nhighlights:\n  - value: 1\n"
	    "    label: زن ها\n---\nمتن.\n", ALL);
	assert_int_equal(fx->n, 4);
	assert_string_equal(out, "---\ntitle: کتاب‌ها\nsummary: \"جمله، با "
	    "فاصله\"\ndate: 1403-07-15\ntags: [كتاب, a]\nhighlights:\n"
	    "  - value: 1\n    label: زن‌ها\n---\nمتن.\n");
	out = lint_all(fx, "---\ntitle: عنوان : زیرعنوان\n---\n", ALL);
	assert_int_equal(fx->n, 0);
	/* The column counts characters from the line's start. */
	lint_all(fx, "---\ntitle: \"سلام ،\"\n---\n", ALL);
	{
		char *p = first_printed(fx);

		assert_string_equal(p, "x.md:2:13: warning: space before '،' — "
		    "remove it, so that the mark follows the word: 'سلام،' "
		    "[punctuation-space]");
		free(p);
	}
}

static void
bad_input(void **state)
{
	struct fx *fx = *state;
	size_t n;

	assert_int_equal(lint_text(&fx->a, "no front matter\n", 16, "x.md", ALL,
	    &n, NULL, NULL, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
	assert_int_equal(lint_text(&fx->a, "---\nt: \xFF\n---\n", 13, "x.md",
	    ALL, &n, NULL, NULL, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 2);
}

/* booklet.yaml: what the cover and the site print is prose; the program
 * names under chapters, the comments and everything else are not. */
static void
config_text(void **state)
{
	struct fx *fx = *state;
	static const char yaml[] =
	    "# ويرايش: comments are the editors' own\n"
	    "title: كتابچه زنان  توانمند\n"
	    "subtitle: \"روایت ها ، کار\"\n"
	    "organization: ستاد\n"
	    "chapters:\n"
	    "  - stories:\n"
	    "      order:\n"
	    "        - آموزش مهارتي\n"
	    "site:\n"
	    "  base_url: https://example.org/a,b?c\n"
	    "  highlights:\n"
	    "    - value: 12\n"
	    "      label: زن سرپرست خانوار ها\n";
	static const char want[] =
	    "# ويرايش: comments are the editors' own\n"
	    "title: کتابچه زنان توانمند\n"
	    "subtitle: \"روایت‌ها، کار\"\n"
	    "organization: ستاد\n"
	    "chapters:\n"
	    "  - stories:\n"
	    "      order:\n"
	    "        - آموزش مهارتي\n"
	    "site:\n"
	    "  base_url: https://example.org/a,b?c\n"
	    "  highlights:\n"
	    "    - value: 12\n"
	    "      label: زن سرپرست خانوارها\n";
	char *fixed, *p;
	size_t n, len;

	assert_int_equal(lint_config(&fx->a, yaml, strlen(yaml), "booklet.yaml",
	    lint_rules_default(), &n, &fixed, &len, &fx->d), 0);
	p = test_printed(&fx->d);
	assert_string_equal(p,
	    "booklet.yaml:2:8: warning: Arabic yeh or kaf in 'كتابچه' — write "
	    "'کتابچه' with the Persian letters ی and ک [arabic-letters]\n"
	    "booklet.yaml:2:19: warning: 2 spaces in a row — write one space "
	    "[repeated-spaces]\n"
	    "booklet.yaml:3:17: warning: 'روایت ها' has a space before the suffix "
	    "'ها' — write 'روایت‌ها' with a zero-width non-joiner (نیم‌فاصله) "
	    "[zwnj-suffix]\n"
	    "booklet.yaml:3:20: warning: space before '،' — remove it, so that "
	    "the mark follows the word: 'ها،' [punctuation-space]\n"
	    "booklet.yaml:13:30: warning: 'خانوار ها' has a space before the "
	    "suffix 'ها' — write 'خانوارها' as one word (the letters part by "
	    "themselves, no نیم‌فاصله needed) [zwnj-suffix]\n");
	free(p);
	assert_int_equal(n, 5);
	assert_string_equal(fixed, want);
	assert_int_equal(len, strlen(want));

	/* Not YAML: an error at its place, nothing fixed. */
	diag_release(&fx->d);
	diag_init(&fx->d);
	assert_int_equal(lint_config(&fx->a, "title: [a\n", 10, "booklet.yaml",
	    ALL, &n, NULL, NULL, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
	p = first_printed(fx);
	assert_true(strncmp(p, "booklet.yaml:", 13) == 0);
	free(p);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/*
 * tests/lint/NAME.md + NAME.diag (the warnings, exactly as printed) +
 * NAME.fixed (the file after --fix, BOM and line ends kept).  Cases named
 * "digits-*" switch ascii-digits on.  After the fix, linting finds nothing
 * and a second fix changes nothing.
 */
static void
golden_case(struct fx *fx, const char *name)
{
	char *md = test_slurp(arena_printf(&fx->a, CASES "/%s.md", name));
	char *want_diag = test_slurp(arena_printf(&fx->a, CASES "/%s.diag", name));
	char *want_fix = test_slurp(arena_printf(&fx->a, CASES "/%s.fixed", name));
	const char *rel = arena_printf(&fx->a, "lint/%s.md", name);
	unsigned rules = lint_rules_default() |
	    (strncmp(name, "digits-", 7) == 0 ? R(ASCII_DIGITS) : 0);
	size_t bom, n, len, len2;
	char *fixed, *again, *p, *got;

	assert_non_null(md);
	assert_non_null(want_diag);
	assert_non_null(want_fix);
	bom = strncmp(md, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	diag_release(&fx->d);
	diag_init(&fx->d);
	assert_int_equal(lint_text(&fx->a, md + bom, strlen(md + bom), rel, rules,
	    &n, &fixed, &len, &fx->d), 0);
	p = test_printed(&fx->d);
	if (strcmp(p, want_diag) != 0)
		print_error("%s.diag differs; got:\n%s", name, p);
	assert_string_equal(p, want_diag);
	free(p);
	got = arena_printf(&fx->a, "%.*s%s", (int)bom, md, fixed);
	if (strcmp(got, want_fix) != 0)
		print_error("%s.fixed differs; got:\n%s", name, got);
	assert_string_equal(got, want_fix);
	diag_release(&fx->d);
	diag_init(&fx->d);
	assert_int_equal(lint_text(&fx->a, fixed, len, rel, rules, &n, &again,
	    &len2, &fx->d), 0);
	assert_int_equal(n, 0);
	assert_int_equal(len2, len);
	assert_memory_equal(again, fixed, len);
	free(md);
	free(want_diag);
	free(want_fix);
}

static void
golden(void **state)
{
	struct fx *fx = *state;
	struct dirent *de;
	DIR *dp = opendir(CASES);
	size_t cases = 0, k;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		if (!has_suffix(de->d_name, ".md"))
			continue;
		k = strlen(de->d_name) - 3;
		golden_case(fx, arena_printf(&fx->a, "%.*s", (int)k, de->d_name));
		cases++;
	}
	closedir(dp);
	assert_true(cases >= 4);
}

/* The sample project: no problem, so nothing a reader would see twice. */
static void
sample_project(void **state)
{
	static const char *const dirs[] = { "stories", "pages", "leaflets" };
	struct fx *fx = *state;
	struct dirent *de;
	size_t i, len, n, files = 0;
	char *s;
	DIR *dp;

	for (i = 0; i < 3; i++) {
		dp = opendir(arena_printf(&fx->a, "content/%s", dirs[i]));
		assert_non_null(dp);
		while ((de = readdir(dp)) != NULL) {
			if (!has_suffix(de->d_name, ".md"))
				continue;
			s = test_slurp(arena_printf(&fx->a, "content/%s/%s",
			    dirs[i], de->d_name));
			assert_non_null(s);
			len = strlen(s);
			assert_int_equal(lint_text(&fx->a, s, len, de->d_name,
			    ALL, &n, NULL, NULL, &fx->d), 0);
			free(s);
			files++;
		}
		closedir(dp);
	}
	s = test_slurp("content/booklet.yaml");
	assert_non_null(s);
	assert_int_equal(lint_config(&fx->a, s, strlen(s), "booklet.yaml", ALL,
	    &n, NULL, NULL, &fx->d), 0);
	free(s);
	if (fx->d.n > 0) {
		char *p = test_printed(&fx->d);

		print_error("%s", p);
		free(p);
	}
	assert_int_equal(fx->d.n, 0);
	assert_int_equal(files, 16);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(rule_names),
		T(arabic_letters),
		T(zwnj_mi),
		T(zwnj_suffix),
		T(ascii_digits),
		T(punctuation_space),
		T(straight_quotes),
		T(repeated_spaces),
		T(latin_punctuation),
		T(not_prose),
		T(front_matter),
		T(bad_input),
		T(config_text),
		T(golden),
		T(sample_project),
	};

	return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
