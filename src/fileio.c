/* fileio.c - whole-file reads, atomic writes, folders. */
#define _XOPEN_SOURCE 700	/* realpath(), fchmod(), O_NOFOLLOW */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"

char *
fileio_read(struct arena *a, const char *path, const char *relname,
    size_t max_bytes, size_t *len, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	struct stat st;
	FILE *fp;
	char *p;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL) {
		diag_error(d, at, "cannot open the file: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		diag_error(d, at, "not a regular file — give the path of a file");
		return NULL;
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		fclose(fp);
		diag_error(d, at, "the file is %lld bytes, more than the limit of %zu — split it into smaller files",
		    (long long)st.st_size, max_bytes);
		return NULL;
	}
	p = arena_alloc(a, (size_t)st.st_size + 1);
	n = fread(p, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		fclose(fp);
		diag_error(d, at, "cannot read the file: %s", strerror(errno));
		return NULL;
	}
	fclose(fp);
	p[n] = '\0';
	*len = n;
	return p;
}

static char *
tmpname(const char *path)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s.tmp-%ld", path, (long)getpid());
	return b.data;
}

/* Writes data into tmp.  Returns 0, or -1 with an error naming relname
 * (and no tmp left behind). */
static int
write_tmp(const char *tmp, const char *relname, const void *data, size_t len,
    struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	FILE *fp;
	int ok;

	if ((fp = fopen(tmp, "wb")) == NULL)
		return diag_error(d, at, "cannot write the file: %s", strerror(errno));
	ok = fwrite(data, 1, len, fp) == len;
	ok = (fclose(fp) == 0) && ok;
	if (!ok) {
		int e = errno;	/* remove() may change it */

		remove(tmp);
		return diag_error(d, at, "cannot write the file: %s (is the disk full?)",
		    strerror(e));
	}
	return 0;
}

int
fileio_write(const char *path, const char *relname, const void *data,
    size_t len, struct diags *d)
{
	char *tmp = tmpname(path);
	int ok;

	ok = write_tmp(tmp, relname, data, len, d);
	if (ok == 0)
		ok = fileio_commit(tmp, path, relname, d);
	free(tmp);
	return ok;
}

/* Whether the regular file prev holds exactly data[0..len). */
static int
same_bytes(const char *prev, const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned char chunk[65536];
	struct stat st;
	size_t at = 0;
	ssize_t got;
	int fd, same;

	/* Never a symlink: the link made would be to it, not to a file. */
	if ((fd = open(prev, O_RDONLY | O_NOFOLLOW)) < 0)
		return 0;
	same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size == (unsigned long long)len;
	while (same && at < len) {
		got = read(fd, chunk, len - at < sizeof chunk ? len - at :
		    sizeof chunk);
		if (got <= 0 || memcmp(chunk, p + at, (size_t)got) != 0)
			same = 0;
		else
			at += (size_t)got;
	}
	close(fd);
	return same;
}

int
fileio_write_or_keep(const char *path, const char *relname, const void *data,
    size_t len, const char *prev, struct diags *d)
{
	if (prev != NULL && same_bytes(prev, data, len)) {
		/* A file left at path (written twice in one build) goes
		 * first: link() does not replace. */
		if (unlink(path) != 0 && errno != ENOENT)
			return fileio_write(path, relname, data, len, d);
		if (link(prev, path) == 0)
			return 1;
	}
	return fileio_write(path, relname, data, len, d);
}

int
fileio_commit_or_keep(const char *tmp, const char *path, const char *relname,
    const char *prev, struct diags *d)
{
	struct diags scratch;
	struct arena a;
	size_t len;
	char *p;
	int kept = 0;

	if (prev == NULL)
		return fileio_commit(tmp, path, relname, d);
	arena_init(&a);
	diag_init(&scratch);
	/* PDFs of a page or two: in memory is simplest. */
	p = fileio_read(&a, tmp, relname, 64u << 20, &len, &scratch);
	if (p != NULL && same_bytes(prev, p, len) &&
	    (unlink(path) == 0 || errno == ENOENT) && link(prev, path) == 0) {
		remove(tmp);
		kept = 1;
	}
	diag_release(&scratch);
	arena_release(&a);
	return kept ? 1 : fileio_commit(tmp, path, relname, d);
}

int
fileio_create(const char *path, const char *relname, const void *data,
    size_t len, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	char *tmp;
	int e;

	/* Say so before writing anything when the name is taken; link()
	 * below still refuses a file that appears meanwhile. */
	if (access(path, F_OK) == 0)
		return diag_error(d, at, "the file already exists and is left "
		    "as it is — choose another name, or edit that file");
	tmp = tmpname(path);
	if (write_tmp(tmp, relname, data, len, d) != 0) {
		free(tmp);
		return -1;
	}
	/* link() fails with EEXIST instead of replacing, as rename() would. */
	e = link(tmp, path) == 0 ? 0 : errno;
	remove(tmp);
	free(tmp);
	if (e == EEXIST)
		return diag_error(d, at, "the file already exists and is left "
		    "as it is — choose another name, or edit that file");
	if (e != 0)
		return diag_error(d, at, "cannot write the file: %s", strerror(e));
	return 0;
}

int
fileio_commit(const char *tmp, const char *path, const char *relname,
    struct diags *d)
{
	struct pos at = { relname, 0, 0 };

	if (rename(tmp, path) != 0) {
		int e = errno;

		remove(tmp);
		return diag_error(d, at, "cannot move the new file into place: %s",
		    strerror(e));
	}
	return 0;
}

/* mkdir() that succeeds on a folder already there, but not on a file in the
 * way: EEXIST covers both.  Returns 0, or -1 with errno set. */
static int
make_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	errno = EEXIST;
	return -1;
}

int
fileio_mkdirs(const char *path, struct diags *d)
{
	struct pos at = { path, 0, 0 };
	struct buf b = BUF_INIT;
	size_t i;
	int rc = 0;

	buf_puts(&b, path);
	for (i = 1; i <= b.len && rc == 0; i++) {
		if (b.data[i] != '/' && b.data[i] != '\0')
			continue;
		b.data[i] = '\0';
		if (make_dir(b.data) != 0)
			rc = diag_error(d, at, "cannot make the folder: %s", strerror(errno));
		if (i < b.len)
			b.data[i] = '/';
	}
	buf_release(&b);
	return rc;
}

int
fileio_copy(const char *from, const char *to, const char *relname,
    struct diags *d)
{
	struct arena a;
	size_t len;
	char *p;
	int rc;

	arena_init(&a);
	/* Fonts and photos: 64 MiB is far beyond anything a booklet ships. */
	if ((p = fileio_read(&a, from, from, 64u << 20, &len, d)) == NULL)
		rc = -1;
	else
		rc = fileio_write(to, relname, p, len, d);
	arena_release(&a);
	return rc;
}

int
fileio_remove_tree(const char *path, struct diags *d)
{
	struct pos at = { path, 0, 0 };
	struct dirent *e;
	struct stat st;
	struct buf child = BUF_INIT;
	DIR *dir;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : diag_error(d, at, "cannot look at it: %s",
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0 ? 0 : diag_error(d, at, "cannot remove it: %s",
		    strerror(errno));
	if ((dir = opendir(path)) == NULL)
		return diag_error(d, at, "cannot read the folder: %s", strerror(errno));
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_truncate(&child, 0);
		buf_printf(&child, "%s/%s", path, e->d_name);
		rc = fileio_remove_tree(child.data, d);
	}
	closedir(dir);
	buf_release(&child);
	if (rc == 0 && rmdir(path) != 0)
		rc = diag_error(d, at, "cannot remove the folder: %s", strerror(errno));
	return rc;
}

int
fileio_replace(const char *staged, const char *final, struct diags *d)
{
	struct pos at = { final, 0, 0 };
	struct stat st;
	struct buf old = BUF_INIT;
	int rc = 0;

	if (lstat(staged, &st) != 0)
		return diag_error(d, at, "the new output is missing: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode) || lstat(final, &st) != 0)
		return rename(staged, final) == 0 ? 0 :
		    diag_error(d, at, "cannot move the new output into place: %s",
		    strerror(errno));
	/* A folder cannot replace a folder in one rename: set the old aside. */
	buf_printf(&old, "%s.old-%ld", final, (long)getpid());
	if (rename(final, old.data) != 0)
		rc = diag_error(d, at, "cannot move the old output aside: %s",
		    strerror(errno));
	else if (rename(staged, final) != 0) {
		rc = diag_error(d, at, "cannot move the new output into place: %s",
		    strerror(errno));
		rename(old.data, final);
	} else
		rc = fileio_remove_tree(old.data, d);
	buf_release(&old);
	return rc;
}

int
fileio_rewrite(const char *path, const char *relname, const void *data,
    size_t len, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	char real[PATH_MAX], *tmp;
	struct stat st;
	FILE *fp;
	int ok;

	/* Through a symlink, rewrite the file it names, not the link. */
	if (realpath(path, real) == NULL || stat(real, &st) != 0)
		return diag_error(d, at, "cannot rewrite the file: %s",
		    strerror(errno));
	tmp = tmpname(real);
	if ((fp = fopen(tmp, "wb")) == NULL) {
		diag_error(d, at, "cannot write beside the file: %s — check "
		    "that its folder is writable", strerror(errno));
		free(tmp);
		return -1;
	}
	/* The editor's file keeps its permissions (a group-writable story
	 * stays group-writable); fopen() would give the umask's. */
	ok = fchmod(fileno(fp), st.st_mode & 07777) == 0;
	ok = fwrite(data, 1, len, fp) == len && ok;
	ok = (fclose(fp) == 0) && ok;
	if (!ok) {
		int e = errno;

		remove(tmp);
		free(tmp);
		return diag_error(d, at, "cannot write the file: %s (is the "
		    "disk full?); it was left as it was", strerror(e));
	}
	ok = fileio_commit(tmp, real, relname, d);
	free(tmp);
	return ok;
}
