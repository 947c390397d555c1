/* tests/support.h - helpers shared by the cmocka test programs. */
#ifndef DAFTAR_TESTS_SUPPORT_H
#define DAFTAR_TESTS_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

/* What diag_print() writes, in a malloc'ed string the caller frees. */
static inline char *
test_printed(struct diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	if (fp == NULL)
		return NULL;
	diag_print(d, fp);
	fclose(fp);
	return s;
}

/* The whole file, NUL-terminated, or NULL when it cannot be read; the
 * caller frees. */
static inline char *
test_slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	if (n < 0 || (p = malloc((size_t)n + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	if (fread(p, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	p[n] = '\0';
	fclose(fp);
	return p;
}

#endif
