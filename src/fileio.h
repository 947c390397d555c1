/* fileio.h - read whole files, write files atomically, make folders. */
#ifndef DAFTAR_FILEIO_H
#define DAFTAR_FILEIO_H

#include <stddef.h>

struct arena;
struct diags;

/* Reads path into memory living in a, NUL-terminated, length in *len.
 * relname is the project-relative name used in messages.  Files larger than
 * max_bytes are refused.  Returns NULL with an error added to d. */
char	*fileio_read(struct arena *a, const char *path, const char *relname,
	    size_t max_bytes, size_t *len, struct diags *d);

/* Writes data to path through "path.tmp-PID" and rename(), so a reader never
 * sees half a file and a failure leaves the old file as it was.  Returns 0,
 * or -1 with an error naming relname added to d. */
int	fileio_write(const char *path, const char *relname, const void *data,
	    size_t len, struct diags *d);

/* Writes data to a new file at path, through "path.tmp-PID" and link(), so
 * a reader never sees half a file and a file already at path (even one
 * made meanwhile) is never replaced.  Returns 0, or -1 with an error naming
 * relname added to d: "already exists" when path is taken. */
int	fileio_create(const char *path, const char *relname, const void *data,
	    size_t len, struct diags *d);

/* Renames tmp over path (same folder): for writers such as Cairo that need a
 * path of their own; on failure removes tmp.  Returns 0 or -1 with an error. */
int	fileio_commit(const char *tmp, const char *path, const char *relname,
	    struct diags *d);

/* mkdir -p path (mode 0755).  Returns 0 or -1 with an error. */
int	fileio_mkdirs(const char *path, struct diags *d);

/* Writes data to path as fileio_write() does, unless prev (NULL: none) is a
 * regular file holding exactly data: then path becomes a hard link to prev,
 * so an output that did not change keeps its inode and modification time
 * (what rsync and web servers go by) and nothing is written.  Where links
 * cannot be made the file is written.  Returns 1 when linked, 0 when
 * written, or -1 with an error naming relname added to d. */
int	fileio_write_or_keep(const char *path, const char *relname,
	    const void *data, size_t len, const char *prev, struct diags *d);

/* fileio_commit(), unless prev (NULL: none) is a regular file with the
 * bytes of tmp: then tmp is removed and path linked to prev, as
 * fileio_write_or_keep() does.  Returns 1 when linked, 0 when tmp was
 * renamed, or -1 with an error (tmp removed). */
int	fileio_commit_or_keep(const char *tmp, const char *path,
	    const char *relname, const char *prev, struct diags *d);

/* Copies the file from into to (atomically, as fileio_write()). */
int	fileio_copy(const char *from, const char *to, const char *relname,
	    struct diags *d);

/* rm -r path; a missing path is fine.  Returns 0 or -1 with an error. */
int	fileio_remove_tree(const char *path, struct diags *d);

/* Moves staged (a file or a folder) to final, replacing what is there: a
 * file by one rename(); a folder by renaming the old one aside, the new one
 * into place, then removing the old.  Returns 0 or -1 with an error. */
int	fileio_replace(const char *staged, const char *final, struct diags *d);

/* Replaces the existing file path with data as fileio_write() does (a
 * temporary file, then rename()), keeping the file's permission bits; a
 * symlink keeps pointing at the file, which is the one rewritten.  Returns
 * 0, or -1 with an error naming relname, the file unchanged. */
int	fileio_rewrite(const char *path, const char *relname, const void *data,
	    size_t len, struct diags *d);

#endif
