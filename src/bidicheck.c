/* bidicheck.c - BidiCharacterTest.txt cases -> visual orders, for "daftar debug bidi". */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bidi.h"
#include "bidicheck.h"
#include "diag.h"

/* A case's text as the file writes it: code points in hexadecimal. */
struct bidicase {
	uint32_t *cp;		/* lives as long as the arena */
	size_t n;
	enum bidi_base base;
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Reads one code point from the token line[s..e).  Returns 0, or -1 with
 * a diagnostic. */
static int
parse_hex(const char *line, size_t s, size_t e, struct pos at, uint32_t *v,
    struct diags *d)
{
	size_t i;
	int h;

	*v = 0;
	at.col = diag_char_col(line, s);
	for (i = s; i < e && e - s <= 6; i++) {
		if ((h = hexval(line[i])) < 0)
			break;
		*v = *v * 16 + (uint32_t)h;
	}
	if (i < e || e - s > 6 || *v > 0x10FFFF)
		return diag_error(d, at, "'%.*s' is not a code point; "
		    "write 1 to 6 hexadecimal digits, at most 10FFFF",
		    (int)(e - s), line + s);
	if (*v >= 0xD800 && *v <= 0xDFFF)
		return diag_error(d, at, "'%.*s' is a surrogate, not a "
		    "character; write the code point it stands for",
		    (int)(e - s), line + s);
	return 0;
}

/* Reads field 0, line[0..end): code points separated by blanks.  Returns
 * 0, or -1 with a diagnostic pointing at the bad one. */
static int
parse_code_points(struct arena *a, const char *line, size_t end,
    struct pos at, struct bidicase *c, struct diags *d)
{
	size_t i = 0, s;

	c->cp = arena_array(a, end / 2 + 1, sizeof *c->cp);
	c->n = 0;
	for (;;) {
		while (i < end && is_blank(line[i]))
			i++;
		if (i == end)
			break;
		for (s = i; i < end && !is_blank(line[i]); i++)
			;
		if (parse_hex(line, s, i, at, &c->cp[c->n], d) != 0)
			return -1;
		c->n++;
	}
	if (c->n == 0) {
		at.col = 1;
		return diag_error(d, at, "the case has no code points; write "
		    "them in hexadecimal before the first ';'");
	}
	return 0;
}

/* Reads field 1, line[s..e): the paragraph direction, blanks allowed
 * around it. */
static int
parse_direction(const char *line, size_t s, size_t e, struct pos at,
    struct bidicase *c, struct diags *d)
{
	while (s < e && is_blank(line[s]))
		s++;
	while (e > s && is_blank(line[e - 1]))
		e--;
	at.col = diag_char_col(line, s);
	if (e - s != 1 || line[s] < '0' || line[s] > '2')
		return diag_error(d, at, "'%.*s' is not a paragraph direction; "
		    "write 0 (left to right), 1 (right to left) or 2 (auto)",
		    (int)(e - s), line + s);
	c->base = (enum bidi_base)(line[s] - '0');
	return 0;
}

/* Parses one non-comment line of len bytes.  Returns 0, or -1 with a
 * diagnostic. */
static int
parse_case(struct arena *a, const char *line, size_t len, struct pos at,
    struct bidicase *c, struct diags *d)
{
	const char *semi = memchr(line, ';', len);
	const char *next, *nul = memchr(line, '\0', len);
	size_t f0, f1;

	/* Messages quote the line up to the bad token: a NUL would cut it. */
	if (nul != NULL) {
		at.col = diag_char_col(line, (size_t)(nul - line));
		return diag_error(d, at, "the line holds a NUL byte; a case is "
		    "text: hexadecimal code points, ';', a direction");
	}
	if (semi == NULL) {
		at.col = diag_char_col(line, len);
		return diag_error(d, at, "the case has no paragraph direction; "
		    "write ';0', ';1' or ';2' after the code points");
	}
	f0 = (size_t)(semi - line);
	next = memchr(semi + 1, ';', len - f0 - 1);
	f1 = next ? (size_t)(next - line) : len;
	if (parse_code_points(a, line, f0, at, c, d) != 0)
		return -1;
	return parse_direction(line, f0 + 1, f1, at, c, d);
}

static void
print_order(FILE *out, const size_t *order, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(out, i ? " %zu" : "%zu", order[i]);
	putc('\n', out);
}

static int
is_skipped(const char *line, size_t len)
{
	size_t i;

	if (len > 0 && line[0] == '#')
		return 1;
	for (i = 0; i < len; i++)
		if (!is_blank(line[i]))
			return 0;
	return 1;
}

/* Parses one case and prints its order.  Returns 0, or -1 with a
 * diagnostic; *fatal is set when the next cases cannot run either. */
static int
run_case(const char *line, size_t len, struct pos at, FILE *out,
    struct diags *d, int *fatal)
{
	struct bidicase c = { NULL, 0, BIDI_BASE_LTR };
	struct arena a;
	size_t *order, norder;
	int rc = 0;

	arena_init(&a);
	if ((rc = parse_case(&a, line, len, at, &c, d)) == 0) {
		order = arena_array(&a, c.n, sizeof *order);
		if (bidi_visual_order(&a, c.cp, c.n, c.base, order, &norder) == 0)
			print_order(out, order, norder);
		else {
			at.col = 0;
			rc = diag_error(d, at, "FriBidi could not resolve the "
			    "levels of this case (out of memory?)");
			*fatal = 1;
		}
	}
	arena_release(&a);
	return rc;
}

int
bidicheck_run(FILE *in, const char *name, FILE *out, struct diags *d)
{
	struct pos at = { name, 0, 0 };
	char *line = NULL;
	size_t cap = 0, len;
	ssize_t got;
	int rc = 0, fatal = 0;

	while (!fatal) {
		errno = 0;
		if ((got = getline(&line, &cap, in)) < 0)
			break;
		len = (size_t)got;
		at.line++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (!is_skipped(line, len) &&
		    run_case(line, len, at, out, d, &fatal) != 0)
			rc = -1;
	}
	if (!fatal && ferror(in)) {
		at.line = 0;
		rc = diag_error(d, at, "cannot read the cases: %s",
		    strerror(errno ? errno : EIO));
	}
	free(line);
	if (fflush(out) != 0 || ferror(out)) {
		at.file = NULL;
		rc = diag_error(d, at, "cannot write the visual orders: %s",
		    strerror(errno ? errno : EIO));
	}
	return rc;
}
