/* lint_int.h - the lint module's insides, shared by lint*.c; no other module includes it. */
#ifndef DAFTAR_LINT_INT_H
#define DAFTAR_LINT_INT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diags;

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

/* Decodes the character at s[0..n) of text content_check_utf8() passed;
 * stores its length in *len. */
static inline uint32_t
lint_decode(const char *s, size_t n, unsigned char *len)
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

/* Marks the text fields of the front matter yaml[0..len), which starts on
 * file line line0, as prose, one block each (lint_prose.c).  Returns 0, or
 * -1 with an error in l->d when it is no YAML. */
int	lint_mark_front(struct lint *l, const char *yaml, size_t len, int line0);

/* Marks the printed text fields of booklet.yaml, s[0..len) (lint_config()),
 * as prose, one block each (lint_prose.c).  Returns 0, or -1 with an error
 * in l->d when it is no YAML. */
int	lint_mark_config(struct lint *l, const char *s, size_t len);

/* Marks the paragraphs and headings of the Markdown body at byte body_off
 * (file line body_line) as prose, less code, HTML, URLs and link targets,
 * one block each (lint_prose.c). */
void	lint_mark_body(struct lint *l, size_t body_off, int body_line);

#endif
