/* arena.h - bump allocator: one per build, one per document; freed all at once. */
#ifndef DAFTAR_ARENA_H
#define DAFTAR_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;	/* newest block; owned */
	size_t used;			/* bytes used in head */
	size_t total;			/* bytes handed out, for --timings and benches */
};

void	 arena_init(struct arena *a);
/* Frees every allocation made from a; a can be reused after arena_init(). */
void	 arena_release(struct arena *a);
/* Returns zeroed memory aligned for any type, living as long as a.  Never
 * returns NULL: out of memory prints "daftar: out of memory" and aborts. */
void	*arena_alloc(struct arena *a, size_t size);
/* Allocates n elements of size bytes each; aborts on overflow of n * size. */
void	*arena_array(struct arena *a, size_t n, size_t size);
/* Grows an array from arena_array() to n elements (old contents copied). */
void	*arena_grow(struct arena *a, void *p, size_t old_n, size_t n, size_t size);
/* Copies s[0..len) into a and NUL-terminates it. */
char	*arena_strndup(struct arena *a, const char *s, size_t len);
char	*arena_strdup(struct arena *a, const char *s);
/* printf into a; the result lives as long as a. */
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
