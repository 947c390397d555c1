/* tests/reuse.c - keys of an output's inputs, and the records kept between builds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fileio.h"
#include "reuse.h"
#include "support.h"

static int
setup(void **state)
{
	return test_dir_setup(state, "reuse");
}

static int
teardown(void **state)
{
	return test_dir_teardown(state);
}

/* Writes the text s to root/rel, making its folder. */
static void
put(struct test_dir *f, const char *rel, const char *s)
{
	char *path = arena_printf(&f->a, "%s/%s", f->root, rel);
	char *slash = strrchr(path, '/');

	*slash = '\0';
	assert_int_equal(fileio_mkdirs(path, &f->d), 0);
	*slash = '/';
	assert_int_equal(fileio_write(path, rel, s, strlen(s), &f->d), 0);
}

static int
skip_notes(const char *rel, void *ctx)
{
	(void)ctx;
	return strncmp(rel, "notes/", 6) == 0;
}

/* The key of the tree root/dir with settings. */
static const char *
key_of(struct test_dir *f, const char *dir, const char *settings)
{
	struct reuse_key k;
	const char *key;

	reuse_key_init(&k, settings);
	reuse_key_tree(&k, arena_printf(&f->a, "%s/%s", f->root, dir),
	    "(content)", skip_notes, NULL);
	key = reuse_key_text(&f->a, &k);
	reuse_key_release(&k);
	return key;
}

static void
key_follows_bytes_names_and_settings(void **state)
{
	struct test_dir *f = *state;
	const char *k0;

	put(f, "a/stories/x.md", "# سلام\n");
	put(f, "a/stories/y.md", "متن\n");
	put(f, "a/images/p.jpg", "\xff\xd8");
	k0 = key_of(f, "a", "s=1");
	assert_non_null(k0);
	assert_int_equal(strlen(k0), 32);
	assert_string_equal(key_of(f, "a", "s=1"), k0);
	/* The same files made in another order: the same key. */
	put(f, "b/images/p.jpg", "\xff\xd8");
	put(f, "b/stories/y.md", "متن\n");
	put(f, "b/stories/x.md", "# سلام\n");
	assert_string_equal(key_of(f, "b", "s=1"), k0);
	/* Other settings. */
	assert_string_not_equal(key_of(f, "a", "s=2"), k0);
	/* One byte. */
	put(f, "b/stories/x.md", "# سلاک\n");
	assert_string_not_equal(key_of(f, "b", "s=1"), k0);
	put(f, "b/stories/x.md", "# سلام\n");
	assert_string_equal(key_of(f, "b", "s=1"), k0);
	/* The same bytes under another name. */
	assert_int_equal(rename(arena_printf(&f->a, "%s/b/stories/y.md",
	    f->root), arena_printf(&f->a, "%s/b/stories/z.md", f->root)), 0);
	assert_string_not_equal(key_of(f, "b", "s=1"), k0);
	assert_int_equal(rename(arena_printf(&f->a, "%s/b/stories/z.md",
	    f->root), arena_printf(&f->a, "%s/b/stories/y.md", f->root)), 0);
	/* A file more; but dot files and skipped files are no matter. */
	put(f, "b/.editor-swap", "x");
	put(f, "b/notes/todo.md", "x");
	assert_string_equal(key_of(f, "b", "s=1"), k0);
	put(f, "b/stories/w.md", "");
	assert_string_not_equal(key_of(f, "b", "s=1"), k0);
}

static void
unreadable_input_gives_no_key(void **state)
{
	struct test_dir *f = *state;
	struct reuse_key k;

	reuse_key_init(&k, "s");
	assert_non_null(reuse_key_text(&f->a, &k));
	reuse_key_file(&k, arena_printf(&f->a, "%s/missing", f->root), "m");
	assert_null(reuse_key_text(&f->a, &k));
	reuse_key_release(&k);
	/* A folder not there at all is an empty one (no fonts yet). */
	reuse_key_init(&k, "s");
	reuse_key_tree(&k, arena_printf(&f->a, "%s/none", f->root), "x",
	    NULL, NULL);
	assert_non_null(reuse_key_text(&f->a, &k));
	reuse_key_release(&k);
}

static void
hash_differs_for_reversed_and_changed_bytes(void **state)
{
	uint64_t h[2], g[2];

	(void)state;
	reuse_hash("ab", 2, h);
	reuse_hash("ba", 2, g);
	assert_true(h[0] != g[0] || h[1] != g[1]);
	reuse_hash("ab", 2, g);
	assert_true(h[0] == g[0] && h[1] == g[1]);
	reuse_hash("", 0, g);
	assert_true(h[0] != g[0]);
}

/* A record for root/out/a.pdf (and root/out/b.pdf) under key "K1", with
 * diagnostics that need escaping. */
static void
save_record(struct test_dir *f, const char **paths, const char **names,
    size_t n)
{
	struct diags d;

	diag_init(&d);
	diag_warn(&d, (struct pos){ "stories/شعر.md", 3, 7 },
	    "the word 'a\tb' is too long\\wide");
	diag_note(&d, (struct pos){ "", 0, 0 }, "two\nlines");
	assert_int_equal(reuse_save(arena_printf(&f->a, "%s/record", f->root),
	    "K1", paths, names, n, &d, 42), 0);
	diag_release(&d);
}

static int
lookup(struct test_dir *f, const char *key, const char **paths,
    const char **names, size_t n, long *value)
{
	return reuse_lookup(&f->a, arena_printf(&f->a, "%s/record", f->root),
	    key, paths, names, n, &f->d, value);
}

static void
record_round_trip_and_refusals(void **state)
{
	struct test_dir *f = *state;
	const char *paths[2], *names[2] = { "a.pdf", "b.pdf" };
	char *record = arena_printf(&f->a, "%s/record", f->root), *text;
	long value = 0;
	size_t len;

	put(f, "out/a.pdf", "%PDF-a");
	put(f, "out/b.pdf", "%PDF-b");
	paths[0] = arena_printf(&f->a, "%s/out/a.pdf", f->root);
	paths[1] = arena_printf(&f->a, "%s/out/b.pdf", f->root);
	save_record(f, paths, names, 2);
	assert_int_equal(lookup(f, "K1", paths, names, 2, &value), 1);
	assert_int_equal(value, 42);
	assert_int_equal(f->d.n, 2);
	assert_int_equal(f->d.v[0].level, DIAG_WARN);
	assert_string_equal(f->d.v[0].file, "stories/شعر.md");
	assert_int_equal(f->d.v[0].line, 3);
	assert_int_equal(f->d.v[0].col, 7);
	assert_string_equal(f->d.v[0].msg, "the word 'a\tb' is too long\\wide");
	assert_int_equal(f->d.v[1].level, DIAG_NOTE);
	assert_string_equal(f->d.v[1].msg, "two\nlines");
	diag_release(&f->d);
	diag_init(&f->d);
	/* A build that asks for one of the files only. */
	assert_int_equal(lookup(f, "K1", paths + 1, names + 1, 1, &value), 1);
	diag_release(&f->d);
	diag_init(&f->d);

	/* Every refusal leaves d untouched. */
	assert_int_equal(lookup(f, "K2", paths, names, 2, &value), 0);
	assert_int_equal(lookup(f, NULL, paths, names, 2, &value), 0);
	/* A file the record does not name. */
	names[1] = "c.pdf";
	assert_int_equal(lookup(f, "K1", paths, names, 2, &value), 0);
	names[1] = "b.pdf";
	/* The same bytes written again are another file: not the one the
	 * record knows. */
	put(f, "out/b.pdf", "%PDF-b");
	assert_int_equal(lookup(f, "K1", paths, names, 2, &value), 0);
	assert_int_equal(lookup(f, "K1", paths, names, 1, &value), 1);
	diag_release(&f->d);
	diag_init(&f->d);
	/* A record cut short, or damaged. */
	text = fileio_read(&f->a, record, "record", 1 << 16, &len, &f->d);
	assert_non_null(text);
	assert_int_equal(fileio_write(record, "record", text, len - 4, &f->d), 0);
	assert_int_equal(lookup(f, "K1", paths, names, 1, &value), 0);
	text[strlen("daftar-reuse 1\nkey K1\nvalue 42\nfi")] = 'X';
	assert_int_equal(fileio_write(record, "record", text, len, &f->d), 0);
	assert_int_equal(lookup(f, "K1", paths, names, 1, &value), 0);
	assert_int_equal(fileio_write(record, "record", "daftar-reuse 0\n",
	    15, &f->d), 0);
	assert_int_equal(lookup(f, "K1", paths, names, 1, &value), 0);
	assert_int_equal(remove(record), 0);
	assert_int_equal(lookup(f, "K1", paths, names, 1, &value), 0);
	assert_int_equal(f->d.n, 0);
	/* A file that is not there cannot be recorded; nor is a record. */
	paths[0] = arena_printf(&f->a, "%s/out/none.pdf", f->root);
	assert_int_equal(reuse_save(record, "K1", paths, names, 1, NULL, 1), -1);
	assert_int_equal(access(record, F_OK), -1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(key_follows_bytes_names_and_settings),
		T(unreadable_input_gives_no_key),
		T(hash_differs_for_reversed_and_changed_bytes),
		T(record_round_trip_and_refusals),
	};

	return cmocka_run_group_tests_name("reuse", tests, NULL, NULL);
}
