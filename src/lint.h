/* lint.h - Persian typography checks and fixes in content files (README.md, "Lint rules"). */
#ifndef DAFTAR_LINT_H
#define DAFTAR_LINT_H

#include <stddef.h>
#include <stdio.h>

struct arena;
struct diags;

/* The rules, in the order README.md's table lists them. */
enum lint_rule {
	LINT_ARABIC_LETTERS,	/* ي ك ى and ٠–٩ -> ی ک and ۰–۹ */
	LINT_ZWNJ_MI,		/* "میروم", "می روم" -> "می‌روم" */
	LINT_ZWNJ_SUFFIX,	/* "کتاب ها", "خانهها", "بزرگ تر" -> ZWNJ */
	LINT_ASCII_DIGITS,	/* 1403 in Persian prose -> ۱۴۰۳ (off by default) */
	LINT_PUNCTUATION_SPACE,	/* "کتاب ،" and "کتاب،قلم" -> "کتاب، قلم" */
	LINT_STRAIGHT_QUOTES,	/* "متن" -> «متن» */
	LINT_REPEATED_SPACES,	/* two or more spaces inside a line -> one */
	LINT_LATIN_PUNCTUATION,	/* , ; ? after Persian -> ، ؛ ؟ */
	LINT_RULE__MAX
};

/* The rule's name as booklet.yaml and the messages spell it
 * ("arabic-letters"); NULL when r is out of range. */
const char *lint_rule_name(enum lint_rule r);

/* The rule called name, or -1. */
int	lint_rule_find(const char *name);

/* Every rule name in enum order, NULL-terminated (for "did you mean"). */
const char *const *lint_rule_names(void);

/* The rules that are on unless booklet.yaml's lint: says otherwise, as
 * bits (1u << LINT_x). */
unsigned lint_rules_default(void);

/*
 * Checks one content file: text[0..len) as read, without its BOM; relname
 * is what messages call it.  Prose is the Markdown body's paragraphs and
 * headings (never code, HTML, URLs, link targets or stats blocks) and the
 * front matter's text fields (title, summary, pseudonym, photo_alt,
 * address, highlight labels).  Adds one warning per problem of the rules in
 * the bits rules to d, stores their number in *nproblems, and, when fixed
 * is not NULL, the text with every fix applied until none applies any more
 * in *fixed (*fixed_len bytes, living as long as a).  Returns 0, or -1 with
 * an error in d when the text is not UTF-8 or has no front matter.
 */
int	lint_text(struct arena *a, const char *text, size_t len,
	    const char *relname, unsigned rules, size_t *nproblems,
	    char **fixed, size_t *fixed_len, struct diags *d);

/*
 * The same for booklet.yaml, text[0..len): its prose is what the outputs
 * print of it, the title, subtitle and organization and the labels of
 * site.highlights.  The program names under chapters are left alone, as
 * the stories' program fields name them too and must stay equal.  Returns
 * 0, or -1 with an error in d when the text is not UTF-8 or not YAML.
 */
int	lint_config(struct arena *a, const char *text, size_t len,
	    const char *relname, unsigned rules, size_t *nproblems,
	    char **fixed, size_t *fixed_len, struct diags *d);

/*
 * "daftar lint [--fix] [--content DIR] [FILE...]": argv holds what follows
 * "lint".  Lints FILEs, or every story, page and leaflet under DIR, with the
 * rules DIR/booklet.yaml leaves on; with --fix rewrites the files in place
 * (atomically, mode kept).  Prints the problems on err and a summary line on
 * out.  It reads its own options, so that main.c stays one dispatch line
 * while other commands are added beside it.  Returns the exit status: 0 no
 * problem (with --fix: every problem fixed), 1 problems or errors, 2 a
 * wrong command line.
 */
int	lint_command(int argc, char **argv, FILE *out, FILE *err);

/* What "daftar lint --help" prints: usage, options, an example. */
extern const char lint_help[];

#endif
