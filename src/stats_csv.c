/* stats_csv.c - CSV and TSV files (libcsv) -> tables; numbers as Persian exports write them. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "stats.h"
#include "stats_int.h"

/* The longest number read, in characters after mapping to ASCII; a longer
 * cell is text (no count in a statistics export needs more). */
#define NUM_MAX		64

/* Ragged rows reported one by one in a file; the rest are counted. */
#define MAX_RAGGED	5

/* Lines sampled after the header to tell the delimiter. */
#define SAMPLE_LINES	20

/* realloc() that never returns NULL: out of memory ends the program, as
 * the arena does. */
static void *
xrealloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
	if ((p = realloc(p, n * size)) == NULL && n * size != 0) {
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* --- numbers ------------------------------------------------------------ */

/* Bidi controls that exports put around numbers in right-to-left text;
 * they are invisible and no part of the number. */
static int
is_mark(long c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int
is_blank_cp(long c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 ||
	    c == 0x2009 || c == 0x202F;
}

/*
 * Maps s[0..len) to ASCII in out (NUM_MAX + 1 bytes): each digit to
 * '0'..'9', U+066C to ',', U+066B to '.', U+2212 to '-', blanks around the
 * number dropped, bidi marks skipped.  Returns the length, or 0 when some
 * character can be in no number (or a blank sits inside it).
 */
static size_t
to_ascii(const char *s, size_t len, char *out, int *blank)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, o = 0, blanks = 0;
	long c;

	*blank = 1;
	while (i < len) {
		c = stats_cp(u + i, len - i, &n);
		i += n;
		if (is_mark(c))
			continue;
		if (is_blank_cp(c)) {
			blanks += o > 0;
			continue;
		}
		*blank = 0;
		if (blanks > 0 || o == NUM_MAX)
			return 0;
		if (c >= 0x06F0 && c <= 0x06F9)
			c = '0' + (c - 0x06F0);
		else if (c >= 0x0660 && c <= 0x0669)
			c = '0' + (c - 0x0660);
		else if (c == 0x066C)
			c = ',';
		else if (c == 0x066B)
			c = '.';
		else if (c == 0x2212)
			c = '-';
		if (!((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' ||
		    c == '+' || c == 'e' || c == 'E'))
			return 0;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return o;
}

/* Counts the ASCII digits at a[*i..n) and steps past them. */
static size_t
digits_at(const char *a, size_t n, size_t *i)
{
	size_t k = 0;

	while (*i < n && a[*i] >= '0' && a[*i] <= '9') {
		(*i)++;
		k++;
	}
	return k;
}

/*
 * The grammar of a number in the mapped form a[0..n):
 *   [+-] int [ '.' digits ] [ (e|E) [+-] digits ]
 *   int = digits | d{1,3} (',' d{3})+      (no leading zero but "0")
 * Writes the form strtoll()/strtod() read, without group commas, to num.
 * Returns STATS_INTEGER, STATS_REAL or STATS_TEXT.
 */
static enum stats_type
grammar(const char *a, size_t n, char *num)
{
	size_t i = 0, o = 0, first, from, run = 0, groups = 0, ndig = 0;
	int real = 0;

	if (a[i] == '-' || a[i] == '+')
		num[o++] = a[i++];
	first = i;
	for (; i < n && ((a[i] >= '0' && a[i] <= '9') || a[i] == ','); i++) {
		if (a[i] != ',') {
			num[o++] = a[i];
			run++;
			ndig++;
			continue;
		}
		/* The first group has 1-3 digits, each later one exactly 3. */
		if (run == 0 || run > 3 || (groups > 0 && run != 3))
			return STATS_TEXT;
		groups++;
		run = 0;
	}
	if (ndig == 0 || (groups > 0 && run != 3))
		return STATS_TEXT;
	/* "0912..." and "007" are codes and phone numbers, not quantities. */
	if (ndig > 1 && a[first] == '0')
		return STATS_TEXT;
	if (i < n && a[i] == '.') {
		from = i++;
		if (digits_at(a, n, &i) == 0)
			return STATS_TEXT;
		memcpy(num + o, a + from, i - from);
		o += i - from;
		real = 1;
	}
	if (i < n && (a[i] == 'e' || a[i] == 'E')) {
		from = i++;
		if (i < n && (a[i] == '-' || a[i] == '+'))
			i++;
		if (digits_at(a, n, &i) == 0)
			return STATS_TEXT;
		memcpy(num + o, a + from, i - from);
		o += i - from;
		real = 1;
	}
	num[o] = '\0';
	if (i != n)
		return STATS_TEXT;
	return real ? STATS_REAL : STATS_INTEGER;
}

/* stats_number() with the integer kept exact in *iv. */
static enum stats_type
read_number(const char *s, size_t len, long long *iv, double *dv)
{
	char a[NUM_MAX + 1], num[NUM_MAX + 1];
	enum stats_type t;
	size_t n;
	int blank;

	if ((n = to_ascii(s, len, a, &blank)) == 0)
		return blank ? STATS_NULL : STATS_TEXT;
	if ((t = grammar(a, n, num)) == STATS_INTEGER) {
		errno = 0;
		*iv = strtoll(num, NULL, 10);
		/* An integer past 64 bits is an identifier more likely than a count. */
		if (errno == ERANGE)
			return STATS_TEXT;
		*dv = (double)*iv;
	} else if (t == STATS_REAL) {
		/* num has '.' whatever the locale says: daftar never calls setlocale(). */
		*dv = strtod(num, NULL);
		if (!isfinite(*dv))
			return STATS_TEXT;
	}
	return t;
}

enum stats_type
stats_number(const char *s, size_t len, double *out)
{
	long long iv;
	double dv = 0;
	enum stats_type t = read_number(s, len, &iv, &dv);

	*out = (t == STATS_INTEGER || t == STATS_REAL) ? dv : 0;
	return t;
}

/* --- CSV and TSV ------------------------------------------------------- */

struct cell {
	union {
		long long i;
		double r;
	} v;
	size_t off, len;		/* the text as written, in load->text */
	enum stats_type type;		/* as read_number() read it */
};

struct column {
	const char *name;		/* NULL when the header cell is empty */
	size_t n[STATS_TYPE__MAX];	/* cells of each type */
	int text_line;			/* line of the first text cell */
	size_t text_cell;		/* that cell */
	enum stats_type type;		/* decided once every row is read */
	int dropped;			/* nameless and empty: not loaded */
};

struct load {
	struct stats *s;
	struct diags *d;
	struct arena *a;		/* this file's text and names */
	const char *rel;
	char delim;
	int line;			/* line being parsed */
	int rec_line;			/* line where the record began */
	int quote_line;			/* line where the open quoted field began */
	int in_quote;			/* a quoted field runs past the fed lines */
	int header_done;
	int header_line;
	struct column *cols;		/* malloc'ed */
	size_t ncols, colcap;
	size_t field;			/* fields of the record so far */
	struct cell *cells;		/* malloc'ed, row by row */
	size_t ncells, cellcap;
	size_t row_first;		/* the record's first cell */
	int *row_line;			/* malloc'ed: where each row began */
	size_t nrows, rowcap;
	struct buf text;		/* every cell's text */
	size_t nragged;
	int failed;			/* the file will not load: stop storing */
};

static const char *
delim_name(char c)
{
	return c == '\t' ? "tab" : c == ';' ? "';'" : c == ',' ? "','" : "?";
}

static void
add_column(struct load *l, const char *p, size_t len)
{
	struct column *c;

	if (l->ncols == l->colcap) {
		l->colcap = l->colcap ? 2 * l->colcap : 16;
		l->cols = xrealloc(l->cols, l->colcap, sizeof *l->cols);
	}
	c = &l->cols[l->ncols++];
	memset(c, 0, sizeof *c);
	c->name = p != NULL && len > 0 ? arena_strndup(l->a, p, len) : NULL;
}

/* Column names must differ (SQLite ignores ASCII case); a column without
 * a name is checked once its cells are read (nameless_columns()). */
static void
check_header(struct load *l)
{
	struct pos at = { l->rel, l->rec_line, 1 };
	size_t i, j;

	l->header_line = l->rec_line;
	for (i = 0; i < l->ncols; i++) {
		if (l->cols[i].name == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (l->cols[j].name != NULL &&
			    strcasecmp(l->cols[i].name, l->cols[j].name) == 0) {
				l->failed = 1;
				diag_error(l->d, at, "the header names '%s' twice (columns %zu and %zu) — give each column its own name",
				    l->cols[i].name, j + 1, i + 1);
			}
	}
}

static void
on_field(void *p, size_t len, void *ctx)
{
	struct load *l = ctx;
	struct cell *c;
	double dv;

	if (!l->header_done) {
		add_column(l, p, len);
		return;
	}
	if (++l->field > l->ncols || l->failed)
		return;
	if (l->ncells == l->cellcap) {
		l->cellcap = l->cellcap ? 2 * l->cellcap : 1024;
		l->cells = xrealloc(l->cells, l->cellcap, sizeof *l->cells);
	}
	c = &l->cells[l->ncells++];
	c->off = l->text.len;
	c->len = p != NULL ? len : 0;
	c->type = c->len == 0 ? STATS_NULL : read_number(p, len, &c->v.i, &dv);
	if (c->type == STATS_REAL)
		c->v.r = dv;
	else if (c->type == STATS_NULL && c->len > 0)
		c->len = 0;	/* blanks only: empty */
	if (c->len > 0)
		buf_put(&l->text, p, len);
}

static void
ragged(struct load *l)
{
	struct pos at = { l->rel, l->rec_line, 1 };

	l->failed = 1;
	if (++l->nragged > MAX_RAGGED)
		return;
	if (l->field > l->ncols)
		diag_error(l->d, at, "this row has %zu fields but the header has %zu — put a field that contains %s in double quotes (\"a%sb\")",
		    l->field, l->ncols, delim_name(l->delim),
		    l->delim == '\t' ? "\\t" : l->delim == ';' ? "; " : ", ");
	else
		diag_error(l->d, at, "this row has %zu fields but the header has %zu — add the missing ones (an empty field is fine)",
		    l->field, l->ncols);
}

/* Counts the row's cells by type in their columns; a row of empty cells
 * (what spreadsheets export for formatted blank rows) is dropped. */
static void
accept_row(struct load *l)
{
	struct cell *c = l->cells + l->row_first;
	size_t j;

	for (j = 0; j < l->ncols; j++)
		if (c[j].type != STATS_NULL)
			break;
	if (j == l->ncols) {
		l->ncells = l->row_first;
		return;
	}
	if (l->nrows == l->rowcap) {
		l->rowcap = l->rowcap ? 2 * l->rowcap : 256;
		l->row_line = xrealloc(l->row_line, l->rowcap, sizeof *l->row_line);
	}
	l->row_line[l->nrows++] = l->rec_line;
	for (j = 0; j < l->ncols; j++) {
		struct column *col = &l->cols[j];

		if (c[j].type == STATS_TEXT && col->n[STATS_TEXT] == 0) {
			col->text_line = l->rec_line;
			col->text_cell = l->row_first + j;
		}
		col->n[c[j].type]++;
	}
}

static void
on_row(int c, void *ctx)
{
	struct load *l = ctx;

	(void)c;
	if (!l->header_done) {
		l->header_done = 1;
		check_header(l);
	} else if (l->field != l->ncols) {
		ragged(l);
		l->ncells = l->row_first;
	} else if (!l->failed)
		accept_row(l);
	l->row_first = l->ncells;
	l->field = 0;
}

/* The number of c in s[0..n) outside double quotes (quotes counted from
 * the line's start: good enough to sample lines). */
static size_t
count_outside(const char *s, size_t n, char c)
{
	size_t i, k = 0;
	int q = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == c && !q)
			k++;
	}
	return k;
}

/* The length of the line at s[0..len) without its end ("\n", "\r\n"), and
 * in *next where the next line starts. */
static size_t
line_at(const char *s, size_t len, char eol, size_t *next)
{
	const char *e = memchr(s, eol, len);
	size_t n = e != NULL ? (size_t)(e - s) : len;

	*next = e != NULL ? n + 1 : len;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/* Whether delimiter c appears k > 0 times on the header line and the same
 * number of times on each sampled line after it. */
static int
consistent(const char *s, size_t len, char eol, char c, size_t k)
{
	size_t at = 0, next, n;
	int sampled = 0;

	while (at < len && sampled < SAMPLE_LINES) {
		n = line_at(s + at, len - at, eol, &next);
		if (n > 0) {
			if (count_outside(s + at, n, c) != k)
				return 0;
			sampled++;
		}
		at += next;
	}
	return 1;
}

/*
 * Tells the delimiter from the header line s[0..n) (line line) and the
 * lines after it (rest): the candidate found in the header the same
 * number of times on each sampled line, the most often found first, then
 * in order of preference (tab first for a .tsv).  Returns it, or 0 with an
 * error when the header uses another separator; a header with none is one
 * column.
 */
static char
detect_delim(struct load *l, int line, const char *s, size_t n,
    const char *rest, size_t restlen, char eol, int tsv)
{
	static const char pref_csv[] = ",;\t", pref_tsv[] = "\t,;";
	static const char others[] = "|:^~!/\\#";
	const char *pref = tsv ? pref_tsv : pref_csv;
	struct pos at = { l->rel, line, 1 };
	char best = 0, any = 0;
	size_t k, bestk = 0, anyk = 0;
	int i;

	for (i = 0; pref[i] != '\0'; i++) {
		if ((k = count_outside(s, n, pref[i])) == 0)
			continue;
		if (k > anyk) {
			any = pref[i];
			anyk = k;
		}
		if (k > bestk && consistent(rest, restlen, eol, pref[i], k)) {
			best = pref[i];
			bestk = k;
		}
	}
	if (best != 0)
		return best;
	if (any != 0)
		return any;	/* the ragged rows will be shown */
	for (i = 0; others[i] != '\0'; i++)
		if ((k = count_outside(s, n, others[i])) > 0 &&
		    consistent(rest, restlen, eol, others[i], k)) {
			diag_error(l->d, at, "the header row seems to separate its fields with '%c', and daftar reads ',', ';' or tab — export the file again as CSV (commas) or TSV (tabs)",
			    others[i]);
			return 0;
		}
	return tsv ? '\t' : ',';
}

/* Whether libcsv skips the line s[0..n) (its end included): blanks only. */
static int
blank_line(const char *s, size_t n, char delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(s[i] == ' ' || s[i] == '\r' || s[i] == '\n' ||
		    (s[i] == '\t' && delim != '\t')))
			return 0;
	return 1;
}

static size_t
count_quotes(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	size_t k = 0;

	while ((p = memchr(p, '"', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/*
 * libcsv stopped (strict mode) at byte off of the line s: a quote inside a
 * field not in quotes, or text after the quote that closes a quoted field.
 * When that field began on an earlier line, its opening quote most likely
 * lacks its closing one: report where it starts.
 */
static int
parse_error(struct load *l, const char *s, size_t off)
{
	struct pos at = { l->rel, l->line, diag_char_col(s, off) };

	if (s[off] == '"')
		return diag_error(l->d, at, "a double quote inside a field — put the whole field in double quotes and write the quote twice (\"5\"\" x\")");
	if (l->in_quote) {
		at.line = l->quote_line;
		at.col = 1;
		return diag_error(l->d, at, "the quoted field that starts on this line does not end where it should (at line %d, text follows a quote) — close the quote, or write a quote inside the text twice (\"\")",
		    l->line);
	}
	return diag_error(l->d, at, "text after the closing quote of a field — put the whole field in double quotes and write a quote inside it twice (\"\")");
}

/* Feeds the lines of s[0..len) to p one at a time, so that each record
 * and each quoted field knows the line it begins on. */
static int
parse_lines(struct load *l, struct csv_parser *p, const char *s, size_t len,
    char eol)
{
	size_t at = 0, n, done;
	const char *e;

	while (at < len) {
		e = memchr(s + at, eol, len - at);
		n = e != NULL ? (size_t)(e - (s + at)) + 1 : len - at;
		if (!l->in_quote && !blank_line(s + at, n, l->delim))
			l->rec_line = l->line;
		if ((done = csv_parse(p, s + at, n, on_field, on_row, l)) != n) {
			if (csv_error(p) == CSV_EPARSE)
				return parse_error(l, s + at, done);
			return diag_error(l->d, (struct pos){ l->rel, l->line, 1 },
			    "cannot read this line: %s", csv_strerror(csv_error(p)));
		}
		/* Quotes pair up in well-formed CSV ("" inside a field too), so
		 * an odd count opens or closes a field running over lines. */
		if (count_quotes(s + at, n) % 2 == 1) {
			l->in_quote = !l->in_quote;
			if (l->in_quote)
				l->quote_line = l->line;
		}
		l->line++;
		at += n;
	}
	if (csv_fini(p, on_field, on_row, l) != 0)
		return diag_error(l->d, (struct pos){ l->rel, l->quote_line, 1 },
		    "the quoted field that starts on this line is never closed — add the closing double quote, or write a quote inside the text twice (\"\")");
	return 0;
}

/* Appends "name" with '"' doubled, as SQL quotes an identifier. */
static void
put_ident(struct buf *b, const char *name)
{
	buf_putc(b, '"');
	for (; *name != '\0'; name++) {
		if (*name == '"')
			buf_putc(b, '"');
		buf_putc(b, *name);
	}
	buf_putc(b, '"');
}

/* Spreadsheets export empty columns past the table ("a,b,,") when cells
 * there were ever formatted: a column with no name and no cells is
 * dropped; one with cells needs a name.  Returns 0 or -1. */
static int
nameless_columns(struct load *l)
{
	struct pos at = { l->rel, l->header_line, 1 };
	size_t j, kept = 0;
	int rc = 0;

	for (j = 0; j < l->ncols; j++) {
		struct column *c = &l->cols[j];

		if (c->name != NULL) {
			kept++;
			continue;
		}
		if (c->n[STATS_INTEGER] + c->n[STATS_REAL] + c->n[STATS_TEXT] == 0) {
			c->dropped = 1;
			continue;
		}
		rc = diag_error(l->d, at, "column %zu has no name in the header row, but it has cells — name it",
		    j + 1);
	}
	if (kept == 0 && rc == 0)
		rc = diag_error(l->d, at, "the header row names no column — the first line must name the columns");
	return rc;
}

static const char *
type_name(enum stats_type t)
{
	return t == STATS_INTEGER ? "INTEGER" : t == STATS_REAL ? "REAL" : "TEXT";
}

/* A column is INTEGER when all its cells are integers, REAL when all are
 * numbers, else TEXT.  A few text cells among many numbers make a text
 * column that sorts as text: warn where the first one is. */
static void
decide_types(struct load *l)
{
	struct column *c;
	size_t j, nums;

	for (j = 0; j < l->ncols; j++) {
		c = &l->cols[j];
		if (c->dropped)
			continue;
		nums = c->n[STATS_INTEGER] + c->n[STATS_REAL];
		if (c->n[STATS_TEXT] > 0)
			c->type = STATS_TEXT;
		else if (c->n[STATS_REAL] > 0)
			c->type = STATS_REAL;
		else if (c->n[STATS_INTEGER] > 0)
			c->type = STATS_INTEGER;
		else
			c->type = STATS_TEXT;
		if (c->n[STATS_TEXT] > 0 && nums > c->n[STATS_TEXT]) {
			const struct cell *t = &l->cells[c->text_cell];

			diag_warn(l->d, (struct pos){ l->rel, c->text_line, 1 },
			    "column '%s' is loaded as text because of '%.*s' on this line, though %zu of its cells are numbers — so ORDER BY sorts it as text; empty or correct the cell",
			    c->name, (int)t->len, l->text.data + t->off, nums);
		}
	}
}

static int
create_table(struct load *l, const char *table)
{
	struct buf b = BUF_INIT;
	char msg[240];
	size_t j;
	int rc;

	buf_puts(&b, "CREATE TABLE ");
	put_ident(&b, table);
	buf_puts(&b, " (");
	for (j = 0; j < l->ncols; j++) {
		if (l->cols[j].dropped)
			continue;
		if (b.data[b.len - 1] != '(')
			buf_puts(&b, ", ");
		put_ident(&b, l->cols[j].name);
		buf_printf(&b, " %s", type_name(l->cols[j].type));
	}
	buf_puts(&b, ")");
	rc = stats_exec(l->s, b.data, NULL, NULL, msg, sizeof msg);
	buf_release(&b);
	if (rc != 0)
		return diag_error(l->d, (struct pos){ l->rel, 0, 0 },
		    "cannot make table '%s': %s", table, msg);
	return 0;
}

static int
bind_cell(sqlite3_stmt *st, int k, const struct cell *c,
    const struct column *col, const char *text)
{
	if (c->type == STATS_NULL)
		return sqlite3_bind_null(st, k);
	if (col->type == STATS_INTEGER)
		return sqlite3_bind_int64(st, k, c->v.i);
	if (col->type == STATS_REAL)
		return sqlite3_bind_double(st, k, c->type == STATS_INTEGER ?
		    (double)c->v.i : c->v.r);
	/* Text as written: "۱۷٬۰۰۰" in a text column stays as the file has it. */
	return sqlite3_bind_text(st, k, text + c->off, (int)c->len, SQLITE_STATIC);
}

static int
insert_rows(struct load *l, const char *table)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st = NULL;
	char msg[240];
	size_t i, j;
	int rc, k;

	buf_puts(&b, "INSERT INTO ");
	put_ident(&b, table);
	buf_puts(&b, " VALUES (");
	for (j = 0; j < l->ncols; j++)
		if (!l->cols[j].dropped)
			buf_puts(&b, b.data[b.len - 1] == '(' ? "?" : ", ?");
	buf_puts(&b, ")");
	rc = stats_prepare(l->s, b.data, -1, &st, NULL);
	buf_release(&b);
	if (rc != SQLITE_OK) {
		stats_errmsg(l->s, msg, sizeof msg);
		return diag_error(l->d, (struct pos){ l->rel, 0, 0 },
		    "cannot fill table '%s': %s", table, msg);
	}
	for (i = 0; i < l->nrows; i++) {
		const struct cell *row = l->cells + i * l->ncols;

		for (j = 0, k = 1; j < l->ncols; j++)
			if (!l->cols[j].dropped)
				bind_cell(st, k++, &row[j], &l->cols[j], l->text.data);
		if ((rc = stats_run(l->s, st)) != SQLITE_DONE) {
			stats_errmsg(l->s, msg, sizeof msg);
			sqlite3_finalize(st);
			return diag_error(l->d, (struct pos){ l->rel, l->row_line[i], 1 },
			    "cannot load this row: %s", msg);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Steps past an Excel "sep=X" line, returning X (0 when there is none). */
static char
sep_line(struct load *l, const char **s, size_t *len, char eol)
{
	size_t next, n = line_at(*s, *len, eol, &next);

	if (n != 5 || strncasecmp(*s, "sep=", 4) != 0)
		return 0;
	if (strchr(",;\t", (*s)[4]) == NULL) {
		diag_error(l->d, (struct pos){ l->rel, 1, 5 },
		    "the 'sep=' line names '%c', and daftar reads ',', ';' or tab — export the file again as CSV", (*s)[4]);
		return -1;
	}
	l->line++;
	*s += next;
	*len -= next;
	return (*s - next)[4];
}

static int
parse_file(struct load *l, const char *s, size_t len, int tsv)
{
	struct csv_parser p;
	const char *head;
	size_t hlen, next;
	char eol, sep;
	int rc, line;

	/* Old Mac exports end lines with a lone CR. */
	eol = memchr(s, '\n', len) == NULL && memchr(s, '\r', len) != NULL ?
	    '\r' : '\n';
	if ((sep = sep_line(l, &s, &len, eol)) < 0)
		return -1;
	/* The header is the first line with something on it, as libcsv skips
	 * blank lines. */
	line = l->line;
	for (head = s; (hlen = line_at(head, len - (size_t)(head - s), eol,
	    &next)) == 0 && next > 0; head += next)
		line++;
	l->delim = sep != 0 ? sep : detect_delim(l, line, head, hlen,
	    head + next, len - (size_t)(head + next - s), eol, tsv);
	if (l->delim == 0)
		return -1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		return diag_error(l->d, (struct pos){ l->rel, 0, 0 },
		    "cannot start the CSV reader");
	csv_set_delim(&p, (unsigned char)l->delim);
	rc = parse_lines(l, &p, s, len, eol);
	csv_free(&p);
	return rc;
}

int
stats_load_csv(struct stats *s, const char *path, const char *rel,
    const char *table, int tsv, struct diags *d)
{
	struct load l;
	struct arena a;
	const char *text;
	size_t len;
	int rc = -1;

	memset(&l, 0, sizeof l);
	arena_init(&a);
	l.s = s;
	l.d = d;
	l.a = &a;
	l.rel = rel;
	l.line = 1;
	if ((text = stats_read_text(&a, path, rel, &len, d)) == NULL)
		goto out;
	if (parse_file(&l, text, len, tsv) != 0)
		goto out;
	if (!l.header_done) {
		diag_error(d, (struct pos){ rel, 0, 0 }, "the file is empty — a statistics file starts with a header row of column names");
		goto out;
	}
	if (l.nragged > MAX_RAGGED)
		diag_error(d, (struct pos){ rel, 0, 0 }, "%zu more rows have the wrong number of fields",
		    l.nragged - MAX_RAGGED);
	if (l.failed || nameless_columns(&l) != 0)
		goto out;
	decide_types(&l);
	if (l.nrows == 0)
		diag_warn(d, (struct pos){ rel, 0, 0 }, "the file has a header row but no data rows — table '%s' is empty",
		    table);
	if (create_table(&l, table) == 0 && insert_rows(&l, table) == 0)
		rc = 0;
out:
	free(l.cols);
	free(l.cells);
	free(l.row_line);
	buf_release(&l.text);
	arena_release(&a);
	return rc;
}
