/* watch.c - inotify on a folder tree: what changed, and new folders watched too. */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "watch.h"

/* What makes a rebuild: a file written and closed, moved in or out (an
 * editor's save by rename), made or removed. */
#define EVENTS	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | \
	IN_DELETE | IN_MODIFY | IN_DELETE_SELF | IN_ATTRIB)

struct watched {
	int wd;
	char *path;		/* owned */
};

struct watch {
	int fd;
	char skip[PATH_MAX];	/* real path not to watch, or "" */
	struct watched *v;	/* owned, one per watched folder */
	size_t n, cap;
};

int
watch_ignored(const char *name)
{
	size_t n = strlen(name);

	/* Hidden files and vim's swap files (.x.swp), emacs's lock and
	 * autosave files (.#x, #x#), backups (x~), and vim's "4913", which
	 * it writes to learn whether the folder is writable.  The save itself
	 * still counts: it renames or writes the real name. */
	return n == 0 || name[0] == '.' || name[0] == '#' ||
	    name[n - 1] == '~' || strcmp(name, "4913") == 0 ||
	    (n > 4 && (strcmp(name + n - 4, ".swp") == 0 ||
	    strcmp(name + n - 4, ".swx") == 0));
}

static const char *
path_of(const struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd)
			return w->v[i].path;
	return NULL;
}

static void
forget(struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd) {
			free(w->v[i].path);
			w->v[i] = w->v[--w->n];
			return;
		}
}

/* Watches path and every folder under it.  Folders that vanish on the way
 * are skipped: an editor may remove one while we look. */
static void
add_tree(struct watch *w, const char *path, int depth)
{
	char real[PATH_MAX], sub[PATH_MAX];
	struct dirent *e;
	struct watched *v;
	DIR *dir;
	int wd;

	/* A symlink loop must not recurse for ever. */
	if (depth > 32 || realpath(path, real) == NULL ||
	    (w->skip[0] != '\0' && strcmp(real, w->skip) == 0))
		return;
	if ((wd = inotify_add_watch(w->fd, path, EVENTS | IN_ONLYDIR)) < 0)
		return;
	if (path_of(w, wd) == NULL) {
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 16;

			if ((v = realloc(w->v, cap * sizeof *v)) == NULL)
				return;
			w->v = v;
			w->cap = cap;
		}
		if ((w->v[w->n].path = strdup(path)) == NULL)
			return;
		w->v[w->n++].wd = wd;
	}
	if ((dir = opendir(path)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path,
		    e->d_name) >= sizeof sub)
			continue;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(w, sub, depth + 1);
	}
	closedir(dir);
}

struct watch *
watch_new(const char *const *dirs, const char *skip, struct diags *d)
{
	struct watch *w;
	size_t i;

	if ((w = calloc(1, sizeof *w)) == NULL) {
		diag_error(d, (struct pos){ "", 0, 0 }, "out of memory");
		return NULL;
	}
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		diag_error(d, (struct pos){ "", 0, 0 }, "cannot watch the "
		    "content folder for changes: %s", strerror(errno));
		free(w);
		return NULL;
	}
	if (skip == NULL || realpath(skip, w->skip) == NULL)
		w->skip[0] = '\0';
	for (i = 0; dirs[i] != NULL; i++)
		add_tree(w, dirs[i], 0);
	return w;
}

void
watch_free(struct watch *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->v[i].path);
	free(w->v);
	close(w->fd);
	free(w);
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

/* One event: whether it matters; a new folder gets watched. */
static int
event(struct watch *w, const struct inotify_event *ev)
{
	char sub[PATH_MAX];
	const char *dir;

	if (ev->mask & IN_Q_OVERFLOW)
		return 1;	/* events were lost: assume the worst */
	if (ev->mask & IN_IGNORED) {
		forget(w, ev->wd);
		return 0;
	}
	if (ev->len > 0 && watch_ignored(ev->name))
		return 0;
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
	    (dir = path_of(w, ev->wd)) != NULL &&
	    (size_t)snprintf(sub, sizeof sub, "%s/%s", dir, ev->name) <
	    sizeof sub)
		add_tree(w, sub, 0);
	return 1;
}

int
watch_read(struct watch *w)
{
	char buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t n;
	char *p;
	int changed = 0;

	while ((n = read(w->fd, buf, sizeof buf)) > 0)
		for (p = buf; p < buf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)p;
			changed |= event(w, ev);
		}
	return changed;
}
