/* diag.c - positioned errors and warnings. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *const level_names[DIAG_LEVEL__MAX] = {
	"note", "warning", "error",
};

/* ECMA-48 colours of the level words, and the reset after them. */
static const char *const level_colors[DIAG_LEVEL__MAX] = {
	"\033[2m", "\033[33m", "\033[1;31m",
};
#define COLOR_OFF	"\033[0m"

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p == NULL) {
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
	return memcpy(p, s, n);
}

void
diag_init(struct diags *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

void
diag_release(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

static void
add(struct diags *d, enum diag_level level, struct pos at, const char *fmt,
    va_list ap)
{
	char msg[1024];
	struct diag *v;
	size_t cap, i;

	if (d->n == d->cap) {
		cap = d->cap ? d->cap * 2 : 16;
		if ((v = realloc(d->v, cap * sizeof *v)) == NULL) {
			fputs("daftar: out of memory\n", stderr);
			abort();
		}
		d->v = v;
		d->cap = cap;
	}
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* The booklet and the site read the same story: the same finding at
	 * the same place is one diagnostic, not one per output. */
	for (i = d->n; i-- > 0;)
		if (d->v[i].level == level && d->v[i].line == at.line &&
		    d->v[i].col == at.col && strcmp(d->v[i].msg, msg) == 0 &&
		    strcmp(d->v[i].file, at.file ? at.file : "") == 0)
			return;
	d->v[d->n].level = level;
	d->v[d->n].file = xstrdup(at.file ? at.file : "");
	d->v[d->n].line = at.line;
	d->v[d->n].col = at.col;
	d->v[d->n].msg = xstrdup(msg);
	d->n++;
}

int
diag_error(struct diags *d, struct pos at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_warn(struct diags *d, struct pos at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_WARN, at, fmt, ap);
	va_end(ap);
}

void
diag_note(struct diags *d, struct pos at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_NOTE, at, fmt, ap);
	va_end(ap);
}

void
diag_append(struct diags *d, const struct diags *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		struct pos at = { from->v[i].file, from->v[i].line, from->v[i].col };

		switch (from->v[i].level) {
		case DIAG_ERROR:
			diag_error(d, at, "%s", from->v[i].msg);
			break;
		case DIAG_WARN:
			diag_warn(d, at, "%s", from->v[i].msg);
			break;
		default:
			diag_note(d, at, "%s", from->v[i].msg);
			break;
		}
	}
}

size_t
diag_count(const struct diags *d, enum diag_level level)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == level)
			n++;
	return n;
}

enum diag_level
diag_worst(const struct diags *d)
{
	enum diag_level w = DIAG_NOTE;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level > w)
			w = d->v[i].level;
	return w;
}

static int
before(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);

	if (c != 0)
		return c < 0;
	if (a->line != b->line)
		return a->line < b->line;
	return a->col < b->col;
}

void
diag_print(struct diags *d, FILE *fp)
{
	diag_print_styled(d, fp, DIAG_NOTE, 0);
}

void
diag_print_styled(struct diags *d, FILE *fp, enum diag_level min, int color)
{
	struct diag t;
	size_t i, j;
	char level[32];

	/* Insertion sort: stable, and diagnostics are few. */
	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0 && before(&t, &d->v[j - 1]); j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (g->level < min)
			continue;
		snprintf(level, sizeof level, "%s%s%s",
		    color ? level_colors[g->level] : "", level_names[g->level],
		    color ? COLOR_OFF : "");
		if (g->file[0] == '\0')
			fprintf(fp, "daftar: %s: %s\n", level, g->msg);
		else if (g->line <= 0)
			fprintf(fp, "%s: %s: %s\n", g->file, level, g->msg);
		else
			fprintf(fp, "%s:%d:%d: %s: %s\n", g->file, g->line,
			    g->col > 0 ? g->col : 1, level, g->msg);
	}
}

int
diag_char_col(const char *line, size_t byte_off)
{
	size_t i;
	int col = 1;

	for (i = 0; i < byte_off && line[i] != '\0' && line[i] != '\n'; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}
