/* arena.c - bump allocator. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	(sizeof(max_align_t))

struct arena_block {
	struct arena_block *next;	/* older block */
	size_t size;			/* usable bytes in data */
	max_align_t data[];
};

static void
oom(void)
{
	/* The one place below main that ends the process: see STYLE.md §4. */
	fputs("daftar: out of memory\n", stderr);
	abort();
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;
	size_t want;
	void *p;

	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ARENA_ALIGN)
		oom();
	size = (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (a->head == NULL || a->head->size - a->used < size) {
		/* Big requests get a block of their own so the rest is not wasted. */
		want = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
		if ((b = malloc(sizeof *b + want)) == NULL)
			oom();
		b->size = want;
		if (a->head != NULL && want != ARENA_BLOCK) {
			/* Keep filling the current block: slot the big one behind it. */
			b->next = a->head->next;
			a->head->next = b;
			a->total += size;
			memset(b->data, 0, size);
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	p = (char *)a->head->data + a->used;
	a->used += size;
	a->total += size;
	memset(p, 0, size);
	return p;
}

void *
arena_array(struct arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return arena_alloc(a, n * size);
}

void *
arena_grow(struct arena *a, void *p, size_t old_n, size_t n, size_t size)
{
	void *q;

	q = arena_array(a, n, size);
	if (p != NULL && old_n > 0)
		memcpy(q, p, (old_n < n ? old_n : n) * size);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		oom();
	p = arena_alloc(a, len + 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
