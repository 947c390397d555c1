/* recall.c - how many words of a story come back in text extracted from a PDF.
 *
 *	recall [--missing] STORY.md EXTRACTED.txt
 *
 * Reads the Markdown body of STORY.md as a reader of the booklet sees it:
 * front matter, fenced code blocks (```stats included), HTML comments,
 * images and link URLs left out, link text kept, and the syntax dropped
 * (heading #s, list markers "- " and "1. ", ">" quote markers, "*", "`",
 * backslash escapes).  Splits it into words and counts how many of them occur
 * in EXTRACTED.txt, typically the output of "mutool draw -F txt".  Matching is by multiset: a word that
 * the story has three times and the text twice counts twice.  Both sides are
 * tokenised the same way:
 *
 *   - words are split on white space (ASCII and Unicode spaces);
 *   - bidi controls, BOM, soft hyphen and ZWSP are removed; ZWNJ (U+200C) is
 *     part of a word and stays;
 *   - ASCII, Persian and Arabic-Indic digits fold to ASCII, Arabic yeh and
 *     kaf to Persian, ٬ ٫ ٪ to , . % and U+06C0 to heh + hamza above, so that
 *     "1403" in the source matches "۱۴۰۳" in the booklet;
 *   - punctuation is trimmed from both ends of a word («, », ،, ؛, ؟, ASCII
 *     punctuation, dashes, quotes, bullets).
 *
 * Prints "recall: M/N words (P%)", P rounded down to a tenth.  With --missing
 * it first prints each story word that was not found, as "STORY.md:LINE: WORD"
 * (of a word found fewer times than the story has it, the last ones).
 * Exit status: 0 done, 1 a file could not be read, 2 usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Growable byte buffer; also the pool that holds the words of one side. */
struct text {
	char *s;	/* owned; not NUL-terminated */
	size_t len, cap;
};

/* A word of one side: bytes [off, off + len) of that side's pool. */
struct token {
	size_t off, len;
	unsigned long line;	/* 1-based line in the source file */
};

/* The words of one side, in reading order. */
struct tokens {
	struct text pool;	/* the folded words, back to back */
	struct token *v;	/* owned */
	size_t n, cap;
	uint32_t *cps;		/* scratch: code points of the word being cut */
	size_t ncps, capcps;
};

/* Extracted words with how many of each are still unmatched. */
struct slot {
	const char *s;		/* borrowed from a pool; NULL for an empty slot */
	size_t len;
	unsigned long count;
};

struct table {
	struct slot *v;		/* owned */
	size_t cap;		/* a power of two, at least twice the words */
};

/* Where the Markdown reader is, carried from one line to the next. */
struct md_state {
	int in_comment;		/* inside <!-- ... --> that spans lines */
	char fence_ch;		/* '`' or '~' inside a fenced block, else 0 */
	size_t fence_len;	/* length of the opening fence */
	struct text raw;	/* scratch: the line without comments */
	struct text clean;	/* scratch: the line as a reader sees it */
};

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL) {
		fputs("recall: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* Makes room for more elements in an array of size elements, growing by
 * doubling; *cap is updated. */
static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap == 0 ? 16 : *cap;

	if (need <= *cap)
		return p;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size) {
			fputs("recall: out of memory\n", stderr);
			abort();
		}
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * size);
}

static void
text_put(struct text *t, const char *s, size_t len)
{
	t->s = grow(t->s, &t->cap, t->len + len, 1);
	memcpy(t->s + t->len, s, len);
	t->len += len;
}

static void
text_putc(struct text *t, char c)
{
	text_put(t, &c, 1);
}

static void
text_put_utf8(struct text *t, uint32_t c)
{
	char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | c >> 12);
		b[1] = (char)(0x80 | (c >> 6 & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | c >> 18);
		b[1] = (char)(0x80 | (c >> 12 & 0x3F));
		b[2] = (char)(0x80 | (c >> 6 & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	text_put(t, b, n);
}

/* Decodes the code point at s (len > 0 bytes) into *cp and returns its
 * length in bytes.  A malformed sequence yields U+FFFD for its first byte,
 * the same on both sides, so it matches itself. */
static size_t
utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;
	uint32_t c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = c << 6 | (u[i] & 0x3F);
	}
	*cp = c;
	return n;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000;
}

static int
is_ignorable(uint32_t c)
{
	/* Format characters a PDF writer or extractor may add around runs
	 * (LRM, RLM, embeddings, isolates, ALM), plus BOM, soft hyphen and
	 * ZWSP.  Not U+200C: ZWNJ belongs to the word ("می‌شود"). */
	return c == 0x00AD || c == 0x061C || c == 0x200B || c == 0x200E ||
	    c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static int
is_punct(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
		    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
	switch (c) {
	case 0x00A1: case 0x00AB: case 0x00B7: case 0x00BB: case 0x00BF:
	case 0x060C:	/* ARABIC COMMA */
	case 0x061B:	/* ARABIC SEMICOLON */
	case 0x061F:	/* ARABIC QUESTION MARK */
	case 0x066D:	/* ARABIC FIVE POINTED STAR */
	case 0x06D4:	/* ARABIC FULL STOP */
	case 0x2022: case 0x2026: case 0x2039: case 0x203A:
	case 0x25CF: case 0x25E6:
		return 1;
	}
	/* dashes and quotation marks */
	return (c >= 0x2010 && c <= 0x2015) || (c >= 0x2018 && c <= 0x201F);
}

/* Writes the code points that stand for c when matching into out[] and
 * returns how many (0, 1 or 2). */
static size_t
fold(uint32_t c, uint32_t out[2])
{
	if (is_ignorable(c))
		return 0;
	if (c >= 0x06F0 && c <= 0x06F9)		/* EXTENDED ARABIC-INDIC DIGIT */
		c = '0' + (c - 0x06F0);
	else if (c >= 0x0660 && c <= 0x0669)	/* ARABIC-INDIC DIGIT */
		c = '0' + (c - 0x0660);
	else if (c == 0x064A)			/* ARABIC LETTER YEH */
		c = 0x06CC;
	else if (c == 0x0643)			/* ARABIC LETTER KAF */
		c = 0x06A9;
	else if (c == 0x066C)			/* ARABIC THOUSANDS SEPARATOR */
		c = ',';
	else if (c == 0x066B)			/* ARABIC DECIMAL SEPARATOR */
		c = '.';
	else if (c == 0x066A)			/* ARABIC PERCENT SIGN */
		c = '%';
	else if (c == 0x06C0) {			/* HEH WITH YEH ABOVE: NFD */
		out[0] = 0x0647;
		out[1] = 0x0654;
		return 2;
	}
	out[0] = c;
	return 1;
}

/* Adds the word s[0, len) (no white space in it) to t: folds it, trims
 * punctuation from both ends, and drops it if nothing is left. */
static void
tokens_add_word(struct tokens *t, const char *s, size_t len,
    unsigned long line)
{
	size_t i, n, first, last;
	uint32_t c;
	struct token *k;

	t->ncps = 0;
	for (i = 0; i < len; i += n) {
		n = utf8_next(s + i, len - i, &c);
		t->cps = grow(t->cps, &t->capcps, t->ncps + 2, sizeof *t->cps);
		t->ncps += fold(c, t->cps + t->ncps);
	}
	for (first = 0; first < t->ncps && is_punct(t->cps[first]); first++)
		continue;
	for (last = t->ncps; last > first && is_punct(t->cps[last - 1]); last--)
		continue;
	if (first == last)
		return;
	t->v = grow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	k = &t->v[t->n++];
	k->off = t->pool.len;
	k->line = line;
	for (i = first; i < last; i++)
		text_put_utf8(&t->pool, t->cps[i]);
	k->len = t->pool.len - k->off;
}

/* Splits s[0, len) on white space and adds each word to t. */
static void
tokens_add_text(struct tokens *t, const char *s, size_t len,
    unsigned long line)
{
	size_t i = 0, start = 0, n;
	uint32_t c;

	while (i < len) {
		n = utf8_next(s + i, len - i, &c);
		if (is_space(c)) {
			if (i > start)
				tokens_add_word(t, s + start, i - start, line);
			start = i + n;
		}
		if (c == '\n')
			line++;
		i += n;
	}
	if (i > start)
		tokens_add_word(t, s + start, i - start, line);
}

static void
tokens_release(struct tokens *t)
{
	free(t->pool.s);
	free(t->v);
	free(t->cps);
}

static uint64_t
hash(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The slot holding s, or the empty slot where it would go. */
static struct slot *
table_find(const struct table *tb, const char *s, size_t len)
{
	size_t i = (size_t)hash(s, len) & (tb->cap - 1);

	while (tb->v[i].s != NULL && (tb->v[i].len != len ||
	    memcmp(tb->v[i].s, s, len) != 0))
		i = (i + 1) & (tb->cap - 1);
	return &tb->v[i];
}

static void
table_init(struct table *tb, size_t expect)
{
	tb->cap = 64;
	while (tb->cap < expect * 2)
		tb->cap *= 2;
	tb->v = calloc(tb->cap, sizeof *tb->v);
	if (tb->v == NULL) {
		fputs("recall: out of memory\n", stderr);
		abort();
	}
}

/* Counts s once more.  The table never fills past half: table_init sized
 * it for every word, and distinct words are at most that many. */
static void
table_add(struct table *tb, const char *s, size_t len)
{
	struct slot *sl = table_find(tb, s, len);

	if (sl->s == NULL) {
		sl->s = s;
		sl->len = len;
	}
	sl->count++;
}

/* Reads the whole file into a malloc'd buffer; returns NULL with errno set
 * on failure. */
static char *
read_file(const char *path, size_t *len)
{
	struct text t = { NULL, 0, 0 };
	char chunk[65536];
	FILE *fp;
	size_t n;
	int err;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		text_put(&t, chunk, n);
	if (ferror(fp)) {
		err = errno;
		fclose(fp);
		free(t.s);
		errno = err;
		return NULL;
	}
	fclose(fp);
	text_putc(&t, '\0');
	*len = t.len - 1;
	return t.s;
}

static int
is_line(const char *s, size_t len, const char *want)
{
	/* A line that is exactly want, apart from trailing white space
	 * (CRLF files included). */
	size_t n = strlen(want);

	if (len < n || memcmp(s, want, n) != 0)
		return 0;
	for (; n < len; n++)
		if (s[n] != ' ' && s[n] != '\t' && s[n] != '\r')
			return 0;
	return 1;
}

/* Copies s[0, len) to out without HTML comments, which may span lines
 * (st->in_comment). */
static void
drop_comments(struct md_state *st, const char *s, size_t len,
    struct text *out)
{
	const char *end = s + len, *p;

	while (s < end) {
		if (st->in_comment) {
			for (p = s; p + 3 <= end && memcmp(p, "-->", 3) != 0; p++)
				continue;
			if (p + 3 > end)
				return;
			st->in_comment = 0;
			s = p + 3;
			continue;
		}
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			st->in_comment = 1;
			s += 4;
			continue;
		}
		text_putc(out, *s++);
	}
}

/* Skips the block markers that start a Markdown line: indentation,
 * blockquote ">", list markers "- * +" and "1. 1)", and a heading's "#"s.
 * Returns the offset of the line's content. */
static size_t
skip_block_markers(const char *s, size_t len)
{
	size_t i = 0, j;

	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			return i;
		if (s[i] == '>') {
			i++;
			continue;
		}
		if ((s[i] == '-' || s[i] == '*' || s[i] == '+') &&
		    (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t')) {
			i++;
			continue;
		}
		for (j = i; j < len && j - i < 9 && s[j] >= '0' && s[j] <= '9'; j++)
			continue;
		if (j > i && j < len && (s[j] == '.' || s[j] == ')') &&
		    (j + 1 == len || s[j + 1] == ' ' || s[j + 1] == '\t')) {
			i = j + 1;
			continue;
		}
		for (j = i; j < len && j - i < 7 && s[j] == '#'; j++)
			continue;
		if (j > i && j - i <= 6 &&
		    (j == len || s[j] == ' ' || s[j] == '\t'))
			return j;
		return i;
	}
}

/* Returns the length of the fence at s (3 or more of '`' or '~'), else 0. */
static size_t
fence_at(const char *s, size_t len, char *ch)
{
	size_t n = 0;

	if (len == 0 || (s[0] != '`' && s[0] != '~'))
		return 0;
	while (n < len && s[n] == s[0])
		n++;
	if (n < 3)
		return 0;
	*ch = s[0];
	return n;
}

/* Returns the offset of the bracket that closes the one at s[0] ('[' or
 * '('), or 0 when there is none. */
static size_t
closing(const char *s, size_t len)
{
	char open = s[0], close = open == '[' ? ']' : ')';
	size_t i, depth = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		else if (s[i] == open)
			depth++;
		else if (s[i] == close && --depth == 0)
			return i;
	}
	return 0;
}

/* Returns the offset of the '>' that ends an autolink at s ("<https://...>",
 * "<http://...>", "<mailto:...>"), or 0 when s starts none. */
static size_t
autolink_end(const char *s, size_t len)
{
	static const char *const schemes[] = {
		"<https://", "<http://", "<mailto:"
	};
	size_t i, k, n;

	for (k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
		n = strlen(schemes[k]);
		if (len > n && memcmp(s, schemes[k], n) == 0)
			break;
	}
	if (k == sizeof schemes / sizeof schemes[0])
		return 0;
	for (i = 1; i < len && s[i] != '>'; i++)
		if (s[i] == ' ' || s[i] == '<')
			return 0;
	return i < len ? i : 0;
}

/* Copies the inline text s[0, len) to out as a reader sees it: link text
 * without its URL, images and emphasis markers dropped, escapes resolved. */
static void
strip_inline(const char *s, size_t len, struct text *out)
{
	size_t i = 0, close, url, end;

	while (i < len) {
		if (s[i] == '\\' && i + 1 < len && (unsigned char)s[i + 1] < 0x80 &&
		    is_punct((unsigned char)s[i + 1])) {
			text_putc(out, s[i + 1]);
			i += 2;
		} else if (s[i] == '\\' || s[i] == '*' || s[i] == '`') {
			i++;
		} else if (s[i] == '!' && i + 1 < len && s[i + 1] == '[' &&
		    (close = closing(s + i + 1, len - i - 1)) > 0 &&
		    i + close + 2 < len && s[i + close + 2] == '(' &&
		    (url = closing(s + i + close + 2, len - i - close - 2)) > 0) {
			/* an image: the booklet shows no alt text in the body */
			i += close + 2 + url + 1;
		} else if (s[i] == '[' && (close = closing(s + i, len - i)) > 0) {
			/* [text](url) or [text][ref]: keep only the text */
			strip_inline(s + i + 1, close - 1, out);
			i += close + 1;
			if (i < len && (s[i] == '(' || s[i] == '[') &&
			    (url = closing(s + i, len - i)) > 0)
				i += url + 1;
		} else if (s[i] == '<' && (end = autolink_end(s + i, len - i)) > 0) {
			text_put(out, s + i + 1, end - 1);
			i += end + 1;
		} else {
			text_putc(out, s[i++]);
		}
	}
}

/* Adds the words of one line of the story body to t. */
static void
add_md_line(struct md_state *st, const char *s, size_t len,
    unsigned long line, struct tokens *t)
{
	struct text *raw = &st->raw;
	size_t off, n;
	char ch = 0;

	raw->len = 0;
	st->clean.len = 0;
	if (st->fence_ch != 0) {
		/* inside a fenced block: only its closing fence matters */
		off = skip_block_markers(s, len);
		n = fence_at(s + off, len - off, &ch);
		if (n >= st->fence_len && ch == st->fence_ch &&
		    is_line(s + off + n, len - off - n, ""))
			st->fence_ch = 0;
		return;
	}
	drop_comments(st, s, len, raw);
	if (raw->len == 0)
		return;
	off = skip_block_markers(raw->s, raw->len);
	if ((n = fence_at(raw->s + off, raw->len - off, &ch)) > 0 &&
	    (ch == '~' || memchr(raw->s + off + n, '`', raw->len - off - n) ==
	    NULL)) {
		st->fence_ch = ch;
		st->fence_len = n;
		return;
	}
	/* a link reference definition "[x]: url" shows nothing */
	if (off < raw->len && raw->s[off] == '[' &&
	    (n = closing(raw->s + off, raw->len - off)) > 0 &&
	    off + n + 1 < raw->len && raw->s[off + n + 1] == ':')
		return;
	strip_inline(raw->s + off, raw->len - off, &st->clean);
	tokens_add_text(t, st->clean.s, st->clean.len, line);
}

/* Adds the words of a Markdown story body to t: front matter between the
 * first two "---" lines, fenced blocks and HTML comments are left out. */
static void
tokens_add_markdown(struct tokens *t, const char *s, size_t len)
{
	struct md_state st = { 0, 0, 0, { NULL, 0, 0 }, { NULL, 0, 0 } };
	size_t i = 0, eol;
	unsigned long line = 1;
	int front = 0;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < len; i = eol + 1, line++) {
		const char *nl = memchr(s + i, '\n', len - i);

		eol = nl != NULL ? (size_t)(nl - s) : len;
		if (line == 1 && is_line(s + i, eol - i, "---")) {
			front = 1;
			continue;
		}
		if (front) {
			if (is_line(s + i, eol - i, "---") ||
			    is_line(s + i, eol - i, "..."))
				front = 0;
			continue;
		}
		add_md_line(&st, s + i, eol - i, line, t);
	}
	free(st.raw.s);
	free(st.clean.s);
}

static int
usage(void)
{
	fputs("usage: recall [--missing] STORY.md EXTRACTED.txt\n", stderr);
	return 2;
}

/* Whether the token that ends at s[end] (exclusive) reads as a URL or an
 * e-mail address and ends where the booklet may break one. */
static int
url_broken_at(const char *s, size_t end)
{
	size_t start = end;
	const char *p;

	while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '\n')
		start--;
	if (end == start || strchr("/?&=-_.", s[end - 1]) == NULL)
		return 0;
	for (p = s + start; p + 3 <= s + end; p++)
		if (memcmp(p, "://", 3) == 0 || memcmp(p, "www.", 3) == 0 || *p == '@')
			return 1;
	return 0;
}

/*
 * The booklet breaks a long URL after / ? & = - _ . without a hyphen, and a
 * reader who copies it joins the pieces again.  Do the same to the extracted
 * text: drop the white space, newlines included, after a URL piece that ends
 * a line at such a character.  Returns the new length of s.
 */
static size_t
join_broken_urls(char *s, size_t len)
{
	size_t i, o = 0, j;

	for (i = 0; i < len; i++) {
		s[o++] = s[i];
		if (i + 1 >= len || (s[i + 1] != ' ' && s[i + 1] != '\n') ||
		    !url_broken_at(s, o))
			continue;
		for (j = i + 1; j < len && (s[j] == ' ' || s[j] == '\n'); j++)
			;
		if (memchr(s + i + 1, '\n', j - i - 1) != NULL)
			i = j - 1;
	}
	s[o] = '\0';
	return o;
}

int
main(int argc, char *argv[])
{
	struct tokens story = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct tokens got = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	const char *files[2] = { NULL, NULL };
	char *src[2] = { NULL, NULL };
	size_t len[2], nfiles = 0, i, matched = 0, permille;
	struct table tb;
	struct slot *sl;
	int missing = 0, opts = 1;

	for (i = 1; i < (size_t)argc; i++) {
		if (opts && strcmp(argv[i], "--missing") == 0)
			missing = 1;
		else if (opts && strcmp(argv[i], "--") == 0)
			opts = 0;
		else if (opts && argv[i][0] == '-' && argv[i][1] != '\0')
			return usage();
		else if (nfiles == 2)
			return usage();
		else
			files[nfiles++] = argv[i];
	}
	if (nfiles != 2)
		return usage();
	for (i = 0; i < 2; i++) {
		if ((src[i] = read_file(files[i], &len[i])) == NULL) {
			fprintf(stderr, "recall: %s: %s\n", files[i],
			    strerror(errno));
			free(src[0]);
			return 1;
		}
	}

	tokens_add_markdown(&story, src[0], len[0]);
	len[1] = join_broken_urls(src[1], len[1]);
	tokens_add_text(&got, src[1], len[1], 1);
	table_init(&tb, got.n);
	for (i = 0; i < got.n; i++)
		table_add(&tb, got.pool.s + got.v[i].off, got.v[i].len);

	for (i = 0; i < story.n; i++) {
		const char *w = story.pool.s + story.v[i].off;

		sl = table_find(&tb, w, story.v[i].len);
		if (sl->s != NULL && sl->count > 0) {
			sl->count--;
			matched++;
		} else if (missing) {
			printf("%s:%lu: %.*s\n", files[0], story.v[i].line,
			    (int)story.v[i].len, w);
		}
	}
	permille = story.n == 0 ? 1000 : matched * 1000 / story.n;
	printf("recall: %zu/%zu words (%zu.%zu%%)\n", matched, story.n,
	    permille / 10, permille % 10);

	free(tb.v);
	tokens_release(&story);
	tokens_release(&got);
	free(src[0]);
	free(src[1]);
	return fflush(stdout) == 0 ? 0 : 1;
}
