/* buf.h - growable byte buffer on the heap, for output being assembled. */
#ifndef DAFTAR_BUF_H
#define DAFTAR_BUF_H

#include <stddef.h>

struct buf {
	char *data;	/* NUL-terminated when non-NULL; owned */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;	/* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void	buf_release(struct buf *b);
void	buf_put(struct buf *b, const void *p, size_t len);
void	buf_puts(struct buf *b, const char *s);
void	buf_putc(struct buf *b, int c);
/* Appends the UTF-8 encoding of code point c. */
void	buf_put_utf8(struct buf *b, unsigned long c);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void	buf_put_html(struct buf *b, const char *s, size_t len);
void	buf_truncate(struct buf *b, size_t len);

#endif
