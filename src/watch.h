/* watch.h - notice changed files under folders (Linux inotify), for rebuilds. */
#ifndef DAFTAR_WATCH_H
#define DAFTAR_WATCH_H

struct diags;
struct watch;

/* Watches every folder under each of dirs (NULL-terminated; borrowed),
 * including folders made later, but not skip (a folder such as out/ that
 * a build writes into, which would otherwise trigger rebuild after
 * rebuild; NULL: none).  A missing folder in dirs is left out quietly.
 * Returns the watcher (caller frees with watch_free()), or NULL with an
 * error in d. */
struct watch *watch_new(const char *const *dirs, const char *skip,
	    struct diags *d);
void	watch_free(struct watch *w);

/* A descriptor that polls readable when something changed. */
int	watch_fd(const struct watch *w);

/* Reads what has changed so far, without waiting.  Returns 1 when a file
 * or folder that matters changed (editors' temporary and backup files
 * such as ".x.swp", "x~" and "#x#" do not), else 0. */
int	watch_read(struct watch *w);

/* Whether a file name is an editor's temporary or backup file. */
int	watch_ignored(const char *name);

#endif
