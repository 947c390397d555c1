/* diag.h - positioned errors and warnings: record, sort, print. */
#ifndef DAFTAR_DIAG_H
#define DAFTAR_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_NOTE,	/* information for the summary, never a failure */
	DIAG_WARN,
	DIAG_ERROR,
	DIAG_LEVEL__MAX
};

/* A place in a content file.  file is project-relative ("stories/x.md");
 * line and col are 1-based, col counts characters, not bytes; line 0 means
 * the whole file.  file is borrowed: the diags copy it. */
struct pos {
	const char *file;
	int line, col;
};

struct diag {
	enum diag_level level;
	char *file;	/* owned by the diags; "" for none */
	int line, col;
	char *msg;	/* owned by the diags: what is wrong, then what to do */
};

struct diags {
	struct diag *v;		/* owned */
	size_t n, cap;
};

void	diag_init(struct diags *d);
void	diag_release(struct diags *d);
/* Records an error at at and returns -1, so that failing code can say
 * "return diag_error(d, at, ...)". */
int	diag_error(struct diags *d, struct pos at, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_warn(struct diags *d, struct pos at, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_note(struct diags *d, struct pos at, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Copies every diagnostic of from into d (from is unchanged). */
void	diag_append(struct diags *d, const struct diags *from);

/* How many diagnostics of exactly that level were recorded. */
size_t	diag_count(const struct diags *d, enum diag_level level);
/* The worst level recorded, DIAG_NOTE when there is none. */
enum diag_level diag_worst(const struct diags *d);
/* Sorts by file, line, column (stable), then prints one line each:
 * "file:line:col: error: message". */
void	diag_print(struct diags *d, FILE *fp);
/* diag_print(), leaving out diagnostics below level min (DIAG_WARN: no
 * notes, for --quiet); with color the level word is coloured for a
 * terminal (error red, warning yellow, note dim). */
void	diag_print_styled(struct diags *d, FILE *fp, enum diag_level min,
	    int color);
/* The 1-based character column of byte offset byte_off in the line that
 * starts at line: counts UTF-8 lead bytes, so a Persian letter is one. */
int	diag_char_col(const char *line, size_t byte_off);

#endif
