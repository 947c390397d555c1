/* reuse.c - outputs whose inputs did not change, kept from the last build. */
#define _XOPEN_SOURCE 700	/* struct stat's st_mtim */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "reuse.h"

/* Bump when what a record holds, or how a key is made, changes. */
#define RECORD_HEADER	"daftar-reuse 1\n"
/* Inputs are stories, photos, fonts and the program: none comes near. */
#define INPUT_MAX	(256u << 20)
#define RECORD_MAX	(16u << 20)

void
reuse_hash(const void *data, size_t len, uint64_t h[2])
{
	const unsigned char *p = data;
	uint64_t a = 1469598103934665603ull, b = 0x9e3779b97f4a7c15ull;
	size_t i;

	for (i = 0; i < len; i++) {
		a = (a ^ p[i]) * 1099511628211ull;
		b = (b ^ p[len - 1 - i]) * 1099511628211ull;
	}
	h[0] = a;
	h[1] = b;
}

void
reuse_key_init(struct reuse_key *k, const char *settings)
{
	k->manifest = (struct buf)BUF_INIT;
	k->broken = 0;
	buf_printf(&k->manifest, "%ssettings %s\n", RECORD_HEADER, settings);
	/* Linux names the running program here; where it does not, there is
	 * no key, and every build does all the work. */
	reuse_key_file(k, "/proc/self/exe", "(daftar)");
}

void
reuse_key_release(struct reuse_key *k)
{
	buf_release(&k->manifest);
}

void
reuse_key_file(struct reuse_key *k, const char *path, const char *name)
{
	struct diags scratch;
	struct arena a;
	uint64_t h[2];
	size_t len;
	char *p;

	if (k->broken)
		return;
	diag_init(&scratch);
	arena_init(&a);
	if ((p = fileio_read(&a, path, name, INPUT_MAX, &len, &scratch)) == NULL)
		k->broken = 1;
	else {
		reuse_hash(p, len, h);
		buf_printf(&k->manifest, "%s %zu %016" PRIx64 "%016" PRIx64 "\n",
		    name, len, h[0], h[1]);
	}
	arena_release(&a);
	diag_release(&scratch);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* reuse_key_tree() below dir, rel being dir's name under the root ("" for
 * the root itself). */
static void
add_tree(struct reuse_key *k, const char *dir, const char *prefix,
    const char *rel, int (*skip)(const char *, void *), void *ctx)
{
	struct dirent *e;
	struct stat st;
	struct buf path = BUF_INIT, sub = BUF_INIT;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, i;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		k->broken = errno != ENOENT;
		return;
	}
	while ((e = readdir(dp)) != NULL && !k->broken) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(names, cap * sizeof *names)) == NULL) {
				k->broken = 1;
				break;
			}
			names = grown;
		}
		if ((names[n] = strdup(e->d_name)) == NULL)
			k->broken = 1;
		else
			n++;
	}
	closedir(dp);
	/* readdir()'s order is the file system's: the key must not be. */
	if (n > 1)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n && !k->broken; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", dir, names[i]);
		buf_truncate(&sub, 0);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (lstat(path.data, &st) != 0) {
			k->broken = 1;
			break;
		}
		if (skip != NULL && skip(sub.data, ctx))
			continue;
		/* A folder through a symlink is not followed: a loop would
		 * never end, and a story may not reach out of the content. */
		if (S_ISDIR(st.st_mode))
			add_tree(k, path.data, prefix, sub.data, skip, ctx);
		else if (S_ISREG(st.st_mode) ||
		    (S_ISLNK(st.st_mode) && stat(path.data, &st) == 0 &&
		    S_ISREG(st.st_mode))) {
			struct buf name = BUF_INIT;

			buf_printf(&name, "%s/%s", prefix, sub.data);
			reuse_key_file(k, path.data, name.data);
			buf_release(&name);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_release(&path);
	buf_release(&sub);
}

void
reuse_key_tree(struct reuse_key *k, const char *dir, const char *prefix,
    int (*skip)(const char *rel, void *ctx), void *ctx)
{
	if (!k->broken)
		add_tree(k, dir, prefix, "", skip, ctx);
}

const char *
reuse_key_text(struct arena *a, const struct reuse_key *k)
{
	uint64_t h[2];

	if (k->broken)
		return NULL;
	reuse_hash(k->manifest.data, k->manifest.len, h);
	return arena_printf(a, "%016" PRIx64 "%016" PRIx64, h[0], h[1]);
}

/* "ino size mtime" of path, which identifies the file a build left. */
static int
identity(const char *path, char *out, size_t size)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	snprintf(out, size, "%ju %ju %jd %jd.%09ld", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino, (intmax_t)st.st_size,
	    (intmax_t)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	return 0;
}

/* s with backslash, tab and newline escaped, onto b. */
static void
put_escaped(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\')
			buf_puts(b, "\\\\");
		else if (*s == '\t')
			buf_puts(b, "\\t");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
}

/* Undoes put_escaped() in place, up to the first tab or the end. */
static char *
take_escaped(char **p)
{
	char *s = *p, *w = s, *r = s;

	for (; *r != '\0' && *r != '\t'; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else
			*w++ = *r;
	}
	*p = *r == '\t' ? r + 1 : r;
	*w = '\0';
	return s;
}

int
reuse_save(const char *record_path, const char *key, const char *const *paths,
    const char *const *names, size_t nfiles, const struct diags *from,
    long value)
{
	struct diags scratch;
	struct buf b = BUF_INIT;
	char id[128];
	size_t i;
	int rc = 0;

	buf_printf(&b, "%skey %s\nvalue %ld\n", RECORD_HEADER, key, value);
	for (i = 0; i < nfiles && rc == 0; i++) {
		if (identity(paths[i], id, sizeof id) != 0)
			rc = -1;
		else
			buf_printf(&b, "file %s %s\n", names[i], id);
	}
	for (i = 0; from != NULL && i < from->n; i++) {
		buf_printf(&b, "diag\t%d\t%d\t%d\t", (int)from->v[i].level,
		    from->v[i].line, from->v[i].col);
		put_escaped(&b, from->v[i].file);
		buf_putc(&b, '\t');
		put_escaped(&b, from->v[i].msg);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "end\n");
	diag_init(&scratch);
	if (rc == 0)
		rc = fileio_write(record_path, record_path, b.data, b.len,
		    &scratch);
	if (rc != 0)
		remove(record_path);
	diag_release(&scratch);
	buf_release(&b);
	return rc;
}

/* Adds the diagnostic of a "diag" line (after "diag\t") to d. */
static int
replay(char *p, struct diags *d)
{
	struct pos at;
	char *msg;
	int level;

	if (sscanf(p, "%d\t%d\t%d\t", &level, &at.line, &at.col) != 3 ||
	    level < 0 || level >= DIAG_LEVEL__MAX)
		return -1;
	for (int tabs = 0; tabs < 3; p++)
		if (*p == '\0')
			return -1;
		else if (*p == '\t')
			tabs++;
	at.file = take_escaped(&p);
	msg = take_escaped(&p);
	if (level == DIAG_ERROR)
		diag_error(d, at, "%s", msg);
	else if (level == DIAG_WARN)
		diag_warn(d, at, "%s", msg);
	else
		diag_note(d, at, "%s", msg);
	return 0;
}

int
reuse_lookup(struct arena *a, const char *record_path, const char *key,
    const char *const *paths, const char *const *names, size_t nfiles,
    struct diags *d, long *value)
{
	struct diags scratch, found;
	char *text, *line, *next, id[128], *want;
	size_t len, i, matched = 0;
	int ok = 1, ended = 0;

	if (key == NULL)
		return 0;
	diag_init(&scratch);
	text = fileio_read(a, record_path, record_path, RECORD_MAX, &len,
	    &scratch);
	diag_release(&scratch);
	if (text == NULL || strncmp(text, RECORD_HEADER,
	    strlen(RECORD_HEADER)) != 0)
		return 0;
	diag_init(&found);
	for (line = text + strlen(RECORD_HEADER); ok && *line != '\0' && !ended;
	    line = next) {
		if ((next = strchr(line, '\n')) == NULL)
			break;		/* cut short: not a whole record */
		*next++ = '\0';
		if (strncmp(line, "key ", 4) == 0)
			ok = strcmp(line + 4, key) == 0;
		else if (strncmp(line, "value ", 6) == 0)
			*value = strtol(line + 6, NULL, 10);
		else if (strncmp(line, "file ", 5) == 0) {
			/* A file this build does not ask for is no matter. */
			for (i = 0; i < nfiles; i++) {
				want = arena_printf(a, "file %s ", names[i]);
				if (strncmp(line, want, strlen(want)) != 0)
					continue;
				if (identity(paths[i], id, sizeof id) == 0 &&
				    strcmp(line + strlen(want), id) == 0)
					matched++;
				else
					ok = 0;
				break;
			}
		} else if (strncmp(line, "diag\t", 5) == 0)
			ok = replay(line + 5, &found) == 0;
		else if (strcmp(line, "end") == 0)
			ended = 1;
		else
			ok = 0;
	}
	ok = ok && ended && matched == nfiles;
	if (ok)
		diag_append(d, &found);
	diag_release(&found);
	return ok;
}
