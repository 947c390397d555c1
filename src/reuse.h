/* reuse.h - outputs whose inputs did not change, kept from the last build. */
#ifndef DAFTAR_REUSE_H
#define DAFTAR_REUSE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct arena;
struct diags;

/*
 * A build remembers, for an output it wrote, a key made from everything the
 * output was made from (the daftar program itself, the settings, the bytes
 * of every input file) together with the diagnostics its making gave.  The
 * next build works the key out again first, before any of the work: when it
 * is the same and the file is still the one written then (same inode, size
 * and time), the old file is the file this build would write, byte for
 * byte, and its diagnostics are given again without the work that found
 * them.  Anything that does not match costs only the work: a record is
 * never trusted beyond that.
 */

/* The key under construction: what went into it, one line per input. */
struct reuse_key {
	struct buf manifest;
	int broken;		/* an input could not be read: no key */
};

/* Two FNV-1a runs from different bases, the second over the bytes
 * backwards, into h[0] and h[1]: a fingerprint for caches, where an
 * accidental match of both is not worth guarding against further. */
void	reuse_hash(const void *p, size_t len, uint64_t h[2]);

/* Starts a key with the running program's own bytes (so that a new daftar
 * never reuses an old daftar's output) and settings (text: whatever else
 * the output depends on).  Release with reuse_key_release(). */
void	reuse_key_init(struct reuse_key *k, const char *settings);
void	reuse_key_release(struct reuse_key *k);

/* Adds the file at path, named name in the key (so that a renamed input
 * changes it).  A file that cannot be read breaks the key. */
void	reuse_key_file(struct reuse_key *k, const char *path, const char *name);

/* Adds every regular file under dir (followed into subfolders, in byte
 * order of names, names starting with '.' left out), named
 * "prefix/relative path", except those for which skip(rel, ctx) is
 * non-zero (skip may be NULL). */
void	reuse_key_tree(struct reuse_key *k, const char *dir, const char *prefix,
	    int (*skip)(const char *rel, void *ctx), void *ctx);

/* The key as 32 hex digits in a, or NULL when it is broken. */
const char *reuse_key_text(struct arena *a, const struct reuse_key *k);

/*
 * Looks up the record at record_path: when it holds key, and each of the
 * nfiles files (paths in out_dir, named names[i] in the record) is as that
 * build left it, returns 1, the diagnostics given then added to d, and the
 * number it kept in *value.  Returns 0 in every other case, d untouched.
 */
int	reuse_lookup(struct arena *a, const char *record_path, const char *key,
	    const char *const *paths, const char *const *names, size_t nfiles,
	    struct diags *d, long *value);

/* Writes the record for key: the files as they are now at paths, the
 * diagnostics in from and value.  A record that cannot be written is only
 * a lost chance of reuse, so nothing is reported; returns 0 or -1. */
int	reuse_save(const char *record_path, const char *key,
	    const char *const *paths, const char *const *names, size_t nfiles,
	    const struct diags *from, long value);

#endif
