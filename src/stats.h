/* stats.h - csv/tsv/sql/sqlite -> read-only in-memory SQLite; stats blocks -> rows. */
#ifndef DAFTAR_STATS_H
#define DAFTAR_STATS_H

#include <stddef.h>

#include "diag.h"

struct arena;
struct stats;

enum stats_chart {
	STATS_BAR,
	STATS_HBAR,
	STATS_PIE,
	STATS_LINE,
	STATS_TABLE,
	STATS_NUMBER,
	STATS_CHART__MAX
};

enum stats_type {
	STATS_NULL,
	STATS_INTEGER,
	STATS_REAL,
	STATS_TEXT,
	STATS_TYPE__MAX
};

/* One cell of a result. */
struct stats_cell {
	enum stats_type type;
	double num;		/* STATS_INTEGER, STATS_REAL; 0 otherwise */
	const char *text;	/* as SQLite gives it (numbers in ASCII); NULL
				 * for STATS_NULL */
};

/* A stats block as written in Markdown, and what its query returned.
 * Everything lives as long as the arena given to stats_block().  Keys the
 * block leaves out are NULL; "chart:" left out means STATS_TABLE.
 *
 * The label and value columns: "label:" and "value:" name them; otherwise
 * label is the first column holding text (else column 0) and value the
 * first column of numbers after it (else the first one anywhere but the
 * label).  A number chart takes the first column of numbers as its value,
 * and label is the first text column or, when there is none, value itself.
 * With no rows, label is 0 and value 1 (0 for a one-column result).  For a
 * table neither is needed: they are filled the same way when possible,
 * else 0. */
struct stats_block {
	struct pos at;			/* the at given to stats_block() (file
					 * copied into the arena) */
	const char *query;
	enum stats_chart chart;
	const char *title, *caption, *unit, *format, *source;
	const char *label_col;		/* "label:" names the label column */
	const char *value_col;		/* "value:" names the value column */
	size_t ncols, nrows;
	const char **cols;		/* column names (aliases as written) */
	struct stats_cell *cells;	/* nrows * ncols, row by row */
	size_t label, value;		/* the label and value columns chosen */
};

/* Loads every *.csv, *.tsv, *.sql, *.sqlite and *.db in dir ("content/stats",
 * shown as relname "stats") into one in-memory database, then makes it
 * read-only for queries.  Caller frees with stats_free().  Errors (at
 * file:line) go to d; returns NULL only when SQLite cannot start.
 *
 * Files load in name order, each in one transaction: a file with an error
 * loads nothing, and the others still load.  A missing dir loads nothing.
 *
 * Table names.  A CSV/TSV file becomes the table named after the file
 * without its extension, with every character that is not an ASCII letter,
 * digit, '_' or non-ASCII (Persian letters stay) turned into '_', and '_'
 * put before a leading digit: "services-1403.csv" -> services_1403,
 * "1403.csv" -> _1403 (a note says so).  Names compare without regard to
 * ASCII case; two files giving one name are an error.  A .sql dump makes
 * the tables its CREATE TABLE statements name.  A .sqlite/.db file is
 * attached read-only under its file name mapped the same way: its tables
 * are read by their own names, or as "name.table" where names clash.
 *
 * CSV/TSV: UTF-8 with or without BOM, CRLF or LF, RFC 4180 quoting, the
 * delimiter (',', ';' or tab) read from the header row (or an Excel "sep="
 * line); a column is INTEGER when all its cells are integers, REAL when
 * all are numbers, else TEXT (cells as written), as stats_number() reads
 * them; empty cells are NULL; rows whose cells are all empty are skipped.
 *
 * .sql: CREATE TABLE, CREATE VIEW and INSERT run (a "public." schema and
 * PostgreSQL "::type" casts dropped); what pg_dump and sqlite3 .dump put
 * around them (SET, SELECT pg_catalog..., ALTER ... OWNER, sequences,
 * indexes, PRAGMA, BEGIN/COMMIT, psql \ commands, ...) is skipped; COPY and
 * statements that change data already there are errors. */
struct stats *stats_open(const char *dir, const char *relname, struct diags *d);
/* Closes the database; NULL does nothing. */
void	stats_free(struct stats *s);

/* Bounds each query: SQLite stops it after max_steps virtual-machine steps
 * (default STATS_MAX_STEPS), and more than max_rows rows (default
 * STATS_MAX_ROWS) are an error.  0 keeps the current value. */
#define STATS_MAX_STEPS	50000000LL
#define STATS_MAX_ROWS	10000
void	stats_set_limits(struct stats *s, long long max_steps, size_t max_rows);

/* Reads s[0..len) as a number the way the CSV loader does: ASCII, Persian
 * (U+06F0..) or Arabic-Indic (U+0660..) digits; an optional sign ('-',
 * '+', U+2212); thousands grouped by ',' or U+066C in threes ("17,000",
 * "۱۷٬۰۰۰"); decimals after '.' or U+066B ("۳٫۵"); an exponent ("1e6").
 * Blanks around it and bidi marks (LRM, RLM, ALM, isolates) are ignored.
 * "007"-style leading zeros (codes, phone numbers), integers beyond 64 bits
 * and anything else stay text.  Returns STATS_INTEGER or STATS_REAL with
 * the value in *out, STATS_NULL for blank s, or STATS_TEXT. */
enum stats_type stats_number(const char *s, size_t len, double *out);

/* "bar", "hbar", "pie", "line", "table" or "number"; NULL when out of range. */
const char *stats_chart_name(enum stats_chart c);

/* Parses the body of a ```stats block (YAML-like "key: value" lines; at is
 * where the block's first body line is), runs its query with a step limit
 * and fills *out.  Returns 0, or -1 with errors at the block's lines.
 *
 * Each line is "key: value" with the keys query, chart, title, caption,
 * unit, format, source, label and value; blank lines and lines starting
 * with '#' are skipped.  A value runs to the end of its line; " #" (blank,
 * then '#') starts a comment, except inside SQL quotes in a query; a value
 * in "double" (with \" and \\) or 'single' quotes ('' for ') is taken
 * as written.  at.col is the column body lines start in (1 unless the
 * fence is indented).  A query error is reported at the query's line and
 * column, with SQLite's message.  No rows is a warning; the chart's
 * painter shows a note. */
int	stats_block(struct arena *a, struct stats *s, const char *body, size_t len,
	    struct pos at, struct stats_block *out, struct diags *d);

/* A highlight's value as printed: a number (as written, "17000", "3.5")
 * in Persian digits with U+066C between thousands ("۱۷٬۰۰۰"); anything
 * else with its digits converted ("100%" -> "۱۰۰٪").  With digits_persian
 * 0, ASCII digits and ',' grouping.  Lives as long as a. */
char	*stats_value_text(struct arena *a, const char *value, int digits_persian);

/* The same for a number from a query. */
char	*stats_number_text(struct arena *a, double v, int digits_persian);

/* h's value as printed (stats_value_text()), or its query's first number
 * (stats_number_text()); st may be NULL when the project has no statistics,
 * which is an error for a query.  relname names h's file in messages.
 * NULL with an error in d when there is no number to show. */
struct doc_highlight;
const char *stats_highlight_text(struct arena *a, struct stats *st,
	    const struct doc_highlight *h, const char *relname,
	    int digits_persian, struct diags *d);

#endif
