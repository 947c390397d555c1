/* tests/fileio.c - whole-file reads, atomic writes, folders, copies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fileio.h"
#include "support.h"

/* One scratch folder per test, removed with all it holds afterwards. */
static int
setup(void **state)
{
	return test_dir_setup(state, "fileio");
}

static int
teardown(void **state)
{
	return test_dir_teardown(state);
}

/* How many entries dir holds, "." and ".." not counted; -1 if unreadable. */
static int
entries(const char *dir)
{
	struct dirent *e;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Writes n bytes of s to path with stdio, for reads to read. */
static void
put_file(const char *path, const void *s, size_t n)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* Checks that the one diagnostic recorded is an error about file. */
static void
one_error_about(const struct diags *d, const char *file)
{
	assert_int_equal(d->n, 1);
	assert_int_equal(d->v[0].level, DIAG_ERROR);
	assert_string_equal(d->v[0].file, file);
	assert_true(strlen(d->v[0].msg) > 0);
}

static void
write_then_read_round_trip(void **state)
{
	static const char data[] = "سلام\0binary\xFF\n";
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/x.html", f->root);
	char *p;
	size_t len = 12345;

	assert_int_equal(fileio_write(path, "site/x.html", data, sizeof data, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	/* Only the file itself: the temporary was renamed, not left behind. */
	assert_int_equal(entries(f->root), 1);
	p = fileio_read(&f->a, path, "site/x.html", 1 << 20, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(len, sizeof data);
	assert_memory_equal(p, data, sizeof data);
	assert_int_equal(p[len], '\0');
}

static void
write_replaces_the_old_file(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/feed.xml", f->root);
	char *p;
	size_t len;

	assert_int_equal(fileio_write(path, "feed.xml", "old and longer", 14, &f->d), 0);
	assert_int_equal(fileio_write(path, "feed.xml", "new", 3, &f->d), 0);
	assert_int_equal(entries(f->root), 1);
	p = fileio_read(&f->a, path, "feed.xml", 100, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 3);
	assert_string_equal(p, "new");
	/* An empty write makes an empty file. */
	assert_int_equal(fileio_write(path, "feed.xml", "", 0, &f->d), 0);
	p = fileio_read(&f->a, path, "feed.xml", 100, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	assert_int_equal(f->d.n, 0);
}

static void
write_into_missing_folder_fails(void **state)
{
	struct test_dir *f = *state;
	char *dir = arena_printf(&f->a, "%s/missing", f->root);
	char *path = arena_printf(&f->a, "%s/x.html", dir);

	assert_int_equal(fileio_write(path, "site/missing/x.html", "x", 1, &f->d), -1);
	one_error_about(&f->d, "site/missing/x.html");
	/* Nothing made: no folder, no file, no temporary. */
	assert_false(exists(dir));
	assert_int_equal(entries(f->root), 0);
}

static void
write_over_a_folder_fails_and_cleans_up(void **state)
{
	/* The rename fails, so the temporary must go and the folder stay. */
	struct test_dir *f = *state;
	char *dir = arena_printf(&f->a, "%s/index.html", f->root);

	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(fileio_write(dir, "index.html", "<p>", 3, &f->d), -1);
	one_error_about(&f->d, "index.html");
	assert_true(is_dir(dir));
	assert_int_equal(entries(f->root), 1);
	assert_int_equal(entries(dir), 0);
}

static void
read_refuses_files_over_the_limit(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/big.csv", f->root);
	char data[100];
	char *p;
	size_t len = 7;

	memset(data, 'x', sizeof data);
	put_file(path, data, sizeof data);
	/* Exactly at the limit is allowed. */
	p = fileio_read(&f->a, path, "stats/big.csv", 100, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 100);
	assert_int_equal(f->d.n, 0);
	/* One byte over is refused, with the project-relative name. */
	p = fileio_read(&f->a, path, "stats/big.csv", 99, &len, &f->d);
	assert_null(p);
	one_error_about(&f->d, "stats/big.csv");
	assert_non_null(strstr(f->d.v[0].msg, "99"));
}

static void
read_refuses_a_folder(void **state)
{
	struct test_dir *f = *state;
	size_t len;

	assert_null(fileio_read(&f->a, f->root, "stories", 1 << 20, &len, &f->d));
	one_error_about(&f->d, "stories");
}

static void
read_missing_file_fails(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/nope.md", f->root);
	size_t len;

	assert_null(fileio_read(&f->a, path, "stories/nope.md", 1 << 20, &len, &f->d));
	one_error_about(&f->d, "stories/nope.md");
}

static void
read_empty_file(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/empty.md", f->root);
	char *p;
	size_t len = 99;

	put_file(path, "", 0);
	p = fileio_read(&f->a, path, "empty.md", 0, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	assert_int_equal(f->d.n, 0);
}

static void
mkdirs_makes_nested_folders(void **state)
{
	struct test_dir *f = *state;
	char *deep = arena_printf(&f->a, "%s/out/site/stories/1403", f->root);
	char *slash = arena_printf(&f->a, "%s/out/pdf/", f->root);

	assert_int_equal(fileio_mkdirs(deep, &f->d), 0);
	assert_true(is_dir(deep));
	/* Again: everything exists already, which is fine. */
	assert_int_equal(fileio_mkdirs(deep, &f->d), 0);
	assert_int_equal(fileio_mkdirs(f->root, &f->d), 0);
	/* A trailing slash and a sibling branch of an existing tree. */
	assert_int_equal(fileio_mkdirs(slash, &f->d), 0);
	assert_true(is_dir(slash));
	assert_int_equal(entries(arena_printf(&f->a, "%s/out", f->root)), 2);
	assert_int_equal(f->d.n, 0);
}

static void
mkdirs_fails_on_a_file_in_the_way(void **state)
{
	/* A regular file where a folder should be: mkdir -p fails too. */
	struct test_dir *f = *state;
	char *file = arena_printf(&f->a, "%s/out", f->root);
	char *below = arena_printf(&f->a, "%s/site", file);

	put_file(file, "x", 1);
	assert_int_equal(fileio_mkdirs(below, &f->d), -1);
	one_error_about(&f->d, below);
	diag_release(&f->d);
	diag_init(&f->d);
	assert_int_equal(fileio_mkdirs(file, &f->d), -1);
	one_error_about(&f->d, file);
	assert_false(is_dir(file));
}

static void
copy_is_byte_exact(void **state)
{
	/* Bigger than one stdio buffer and one arena block, with every byte value. */
	struct test_dir *f = *state;
	char *from = arena_printf(&f->a, "%s/font.ttf", f->root);
	char *to = arena_printf(&f->a, "%s/copy.ttf", f->root);
	size_t n = 300000, i, len;
	unsigned char *data = arena_alloc(&f->a, n);
	char *p;

	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 7 + i / 256);
	put_file(from, data, n);
	assert_int_equal(fileio_copy(from, to, "site/fonts/font.ttf", &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(entries(f->root), 2);
	p = fileio_read(&f->a, to, "copy.ttf", n, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, n);
	assert_memory_equal(p, data, n);
	/* Copying over an older copy replaces it. */
	put_file(from, "short", 5);
	assert_int_equal(fileio_copy(from, to, "site/fonts/font.ttf", &f->d), 0);
	p = fileio_read(&f->a, to, "copy.ttf", n, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 5);
	assert_string_equal(p, "short");
}

static void
copy_of_missing_file_makes_nothing(void **state)
{
	struct test_dir *f = *state;
	char *from = arena_printf(&f->a, "%s/nope.jpg", f->root);
	char *to = arena_printf(&f->a, "%s/copy.jpg", f->root);

	assert_int_equal(fileio_copy(from, to, "site/copy.jpg", &f->d), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].level, DIAG_ERROR);
	assert_int_equal(entries(f->root), 0);
}

static void
commit_renames_or_removes(void **state)
{
	struct test_dir *f = *state;
	char *tmp = arena_printf(&f->a, "%s/book.pdf.tmp", f->root);
	char *path = arena_printf(&f->a, "%s/book.pdf", f->root);
	char *dir = arena_printf(&f->a, "%s/folder", f->root);
	char *p;
	size_t len;

	put_file(tmp, "%PDF", 4);
	assert_int_equal(fileio_commit(tmp, path, "book.pdf", &f->d), 0);
	assert_false(exists(tmp));
	p = fileio_read(&f->a, path, "book.pdf", 100, &len, &f->d);
	assert_non_null(p);
	assert_string_equal(p, "%PDF");
	/* A rename that cannot happen removes tmp and names relname. */
	assert_int_equal(mkdir(dir, 0755), 0);
	put_file(tmp, "%PDF", 4);
	assert_int_equal(fileio_commit(tmp, dir, "folder", &f->d), -1);
	one_error_about(&f->d, "folder");
	assert_false(exists(tmp));
	assert_true(is_dir(dir));
}

static void
replace_swaps_whole_folders_and_files(void **state)
{
	struct test_dir *f = *state;
	const char *staged = arena_printf(&f->a, "%s/new", f->root);
	const char *final = arena_printf(&f->a, "%s/site", f->root);
	const char *file = arena_printf(&f->a, "%s/new.pdf", f->root);
	const char *pdf = arena_printf(&f->a, "%s/book.pdf", f->root);
	size_t len;

	assert_int_equal(fileio_mkdirs(arena_printf(&f->a, "%s/a", final), &f->d), 0);
	assert_int_equal(fileio_write(arena_printf(&f->a, "%s/old.html", final),
	    "old", "old", 3, &f->d), 0);
	assert_int_equal(fileio_mkdirs(staged, &f->d), 0);
	assert_int_equal(fileio_write(arena_printf(&f->a, "%s/new.html", staged),
	    "new", "new", 3, &f->d), 0);
	assert_int_equal(fileio_replace(staged, final, &f->d), 0);
	/* The old folder is gone whole, the new one is in its place. */
	assert_false(exists(arena_printf(&f->a, "%s/old.html", final)));
	assert_false(exists(arena_printf(&f->a, "%s/a", final)));
	assert_true(exists(arena_printf(&f->a, "%s/new.html", final)));
	assert_false(exists(staged));
	assert_false(exists(arena_printf(&f->a, "%s.old-%ld", final, (long)getpid())));
	/* A file replaces a file. */
	assert_int_equal(fileio_write(pdf, "pdf", "1", 1, &f->d), 0);
	assert_int_equal(fileio_write(file, "pdf", "22", 2, &f->d), 0);
	assert_int_equal(fileio_replace(file, pdf, &f->d), 0);
	assert_non_null(fileio_read(&f->a, pdf, "pdf", 10, &len, &f->d));
	assert_int_equal(len, 2);
	/* Removing a tree that is not there is fine. */
	assert_int_equal(fileio_remove_tree(staged, &f->d), 0);
	assert_int_equal(f->d.n, 0);
}

static void
create_never_replaces(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/x.md", f->root);
	char *p, *msg;
	size_t len;

	assert_int_equal(fileio_create(path, "stories/x.md", "new", 3, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(fileio_create(path, "stories/x.md", "other", 5, &f->d), -1);
	msg = test_printed(&f->d);
	assert_non_null(strstr(msg, "stories/x.md: error: the file already exists"));
	free(msg);
	p = fileio_read(&f->a, path, "x.md", 100, &len, &f->d);
	assert_non_null(p);
	assert_string_equal(p, "new");
	/* Neither write leaves its temporary file behind. */
	assert_int_equal(entries(f->root), 1);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* A story rewritten by "daftar lint --fix" keeps its permissions, and
 * a symlink to it stays a symlink. */
static void
rewrite_keeps_mode_and_links(void **state)
{
	struct test_dir *f = *state;
	char *path = arena_printf(&f->a, "%s/x.md", f->root);
	char *link = arena_printf(&f->a, "%s/y.md", f->root);
	struct stat st;
	size_t len;
	char *p;

	put_file(path, "old", 3);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(symlink("x.md", link), 0);
	assert_int_equal(fileio_rewrite(link, "stories/y.md", "new text", 8,
	    &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	p = fileio_read(&f->a, path, "x.md", 100, &len, &f->d);
	assert_non_null(p);
	assert_string_equal(p, "new text");
	/* Only the file and the link: no temporary left behind. */
	assert_int_equal(entries(f->root), 2);
	/* A file that is not there is an error, and nothing is made. */
	assert_int_equal(fileio_rewrite(arena_printf(&f->a, "%s/none.md",
	    f->root), "none.md", "x", 1, &f->d), -1);
	one_error_about(&f->d, "none.md");
	assert_int_equal(entries(f->root), 2);
}

/* The inode of path, 0 when there is none. */
static ino_t
inode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static void
write_or_keep_links_only_equal_bytes(void **state)
{
	struct test_dir *f = *state;
	char *prev = arena_printf(&f->a, "%s/prev.html", f->root);
	char *same = arena_printf(&f->a, "%s/same.html", f->root);
	char *other = arena_printf(&f->a, "%s/other.html", f->root);
	char *longer = arena_printf(&f->a, "%s/longer.html", f->root);
	char *none = arena_printf(&f->a, "%s/none.html", f->root);
	char *sym = arena_printf(&f->a, "%s/sym.html", f->root);
	char *via = arena_printf(&f->a, "%s/via.html", f->root);
	char *p;
	size_t len;

	put_file(prev, "<p>سلام</p>", 15);
	/* The same bytes: a second name for the old file, nothing written. */
	assert_int_equal(fileio_write_or_keep(same, "same.html", "<p>سلام</p>",
	    15, prev, &f->d), 1);
	assert_int_equal(inode_of(same), inode_of(prev));
	/* One byte differs, or one more: a file of its own. */
	assert_int_equal(fileio_write_or_keep(other, "other.html",
	    "<p>سلاک</p>", 15, prev, &f->d), 0);
	assert_int_not_equal(inode_of(other), inode_of(prev));
	assert_int_equal(fileio_write_or_keep(longer, "longer.html",
	    "<p>سلام</p>\n", 16, prev, &f->d), 0);
	p = fileio_read(&f->a, longer, "longer.html", 100, &len, &f->d);
	assert_non_null(p);
	assert_int_equal(len, 16);
	/* No previous file, or none given: written. */
	assert_int_equal(fileio_write_or_keep(none, "none.html", "x", 1,
	    arena_printf(&f->a, "%s/missing", f->root), &f->d), 0);
	assert_int_equal(fileio_write_or_keep(none, "none.html", "y", 1, NULL,
	    &f->d), 0);
	/* A symlink holding the same bytes is not linked to: the new file
	 * would be the symlink. */
	assert_int_equal(symlink(prev, sym), 0);
	assert_int_equal(fileio_write_or_keep(via, "via.html", "<p>سلام</p>",
	    15, sym, &f->d), 0);
	assert_int_equal(lstat(via, &(struct stat){ 0 }), 0);
	assert_int_not_equal(inode_of(via), inode_of(prev));
	/* A file already at path (written twice) is replaced by the link. */
	assert_int_equal(fileio_write_or_keep(other, "other.html",
	    "<p>سلام</p>", 15, prev, &f->d), 1);
	assert_int_equal(inode_of(other), inode_of(prev));
	assert_int_equal(f->d.n, 0);
	/* Only the files: no temporary left behind. */
	assert_int_equal(entries(f->root), 7);
}

static void
commit_or_keep_links_an_equal_file(void **state)
{
	struct test_dir *f = *state;
	char *prev = arena_printf(&f->a, "%s/prev.pdf", f->root);
	char *tmp = arena_printf(&f->a, "%s/x.pdf.tmp", f->root);
	char *path = arena_printf(&f->a, "%s/x.pdf", f->root);

	put_file(prev, "%PDF-1.5 a", 10);
	put_file(tmp, "%PDF-1.5 a", 10);
	assert_int_equal(fileio_commit_or_keep(tmp, path, "x.pdf", prev,
	    &f->d), 1);
	assert_int_equal(inode_of(path), inode_of(prev));
	assert_false(exists(tmp));
	/* Other bytes: tmp is renamed into place, over the link. */
	put_file(tmp, "%PDF-1.5 b", 10);
	assert_int_equal(fileio_commit_or_keep(tmp, path, "x.pdf", prev,
	    &f->d), 0);
	assert_int_not_equal(inode_of(path), inode_of(prev));
	assert_false(exists(tmp));
	put_file(tmp, "%PDF-1.5 c", 10);
	assert_int_equal(fileio_commit_or_keep(tmp, path, "x.pdf", NULL,
	    &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(entries(f->root), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(write_then_read_round_trip),
		T(write_replaces_the_old_file),
		T(create_never_replaces),
		T(write_into_missing_folder_fails),
		T(write_over_a_folder_fails_and_cleans_up),
		T(read_refuses_files_over_the_limit),
		T(read_refuses_a_folder),
		T(read_missing_file_fails),
		T(read_empty_file),
		T(mkdirs_makes_nested_folders),
		T(mkdirs_fails_on_a_file_in_the_way),
		T(copy_is_byte_exact),
		T(copy_of_missing_file_makes_nothing),
		T(commit_renames_or_removes),
		T(replace_swaps_whole_folders_and_files),
		T(rewrite_keeps_mode_and_links),
		T(write_or_keep_links_only_equal_bytes),
		T(commit_or_keep_links_an_equal_file),
	};

	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
