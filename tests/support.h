/* tests/support.h - helpers shared by the cmocka test programs. */
#ifndef DAFTAR_TESTS_SUPPORT_H
#define DAFTAR_TESTS_SUPPORT_H

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "shape.h"

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

/* rm -r path: the scratch folders tests make with mkdtemp(). */
static inline void
test_remove_tree(const char *path)
{
	struct dirent *e;
	struct stat st;
	char child[1024];
	DIR *dir;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((dir = opendir(path)) != NULL) {
		while ((e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (snprintf(child, sizeof child, "%s/%s", path,
			    e->d_name) < (int)sizeof child)
				test_remove_tree(child);
		}
		closedir(dir);
	}
	rmdir(path);
}

/* A scratch folder for one test, with an arena and diagnostics: the
 * state of tests that write files.  test_dir_setup() makes
 * /tmp/daftar-NAME-XXXXXX; test_dir_teardown() removes it with all it
 * holds.  For cmocka's setup and teardown. */
struct test_dir {
	char root[64];		/* mkdtemp() folder under /tmp */
	struct arena a;		/* paths and file contents */
	struct diags d;
};

static inline int
test_dir_setup(void **state, const char *name)
{
	struct test_dir *t = calloc(1, sizeof *t);

	if (t == NULL)
		return -1;
	if (snprintf(t->root, sizeof t->root, "/tmp/daftar-%s-XXXXXX",
	    name) >= (int)sizeof t->root || mkdtemp(t->root) == NULL) {
		free(t);
		return -1;
	}
	arena_init(&t->a);
	diag_init(&t->d);
	*state = t;
	return 0;
}

static inline int
test_dir_teardown(void **state)
{
	struct test_dir *t = *state;

	test_remove_tree(t->root);
	arena_release(&t->a);
	diag_release(&t->d);
	free(t);
	return 0;
}

/* The fonts in fonts/ and a word shape cache, with an arena for what a
 * test sets: the state of tests that shape and break text.  For cmocka's
 * group setup and teardown: test_fonts_setup() prints what font_load()
 * found when it fails. */
struct test_fonts {
	struct arena a;
	struct fonts fs;
	struct shaper *s;
};

static inline int
test_fonts_setup(void **state)
{
	static struct test_fonts t;
	struct diags d;
	int rc;

	diag_init(&d);
	arena_init(&t.a);
	rc = font_load(&t.fs, "fonts", &d);
	diag_print(&d, stderr);
	diag_release(&d);
	if (rc != 0)
		return -1;
	if ((t.s = shape_new(1)) == NULL) {
		font_release(&t.fs);
		return -1;
	}
	*state = &t;
	return 0;
}

static inline int
test_fonts_teardown(void **state)
{
	struct test_fonts *t = *state;

	shape_free(t->s);
	font_release(&t->fs);
	arena_release(&t->a);
	return 0;
}

#endif
