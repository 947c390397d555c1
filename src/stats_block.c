/* stats_block.c - a ```stats block: its keys, its query run read-only, the columns a chart takes. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "stats.h"
#include "stats_int.h"

static const char *const chart_names[STATS_CHART__MAX + 1] = {
	[STATS_BAR] = "bar",
	[STATS_HBAR] = "hbar",
	[STATS_PIE] = "pie",
	[STATS_LINE] = "line",
	[STATS_TABLE] = "table",
	[STATS_NUMBER] = "number",
	[STATS_CHART__MAX] = NULL,
};

enum key {
	KEY_QUERY,
	KEY_CHART,
	KEY_TITLE,
	KEY_CAPTION,
	KEY_UNIT,
	KEY_FORMAT,
	KEY_SOURCE,
	KEY_LABEL,
	KEY_VALUE,
	KEY__MAX
};

static const char *const key_names[KEY__MAX + 1] = {
	[KEY_QUERY] = "query",
	[KEY_CHART] = "chart",
	[KEY_TITLE] = "title",
	[KEY_CAPTION] = "caption",
	[KEY_UNIT] = "unit",
	[KEY_FORMAT] = "format",
	[KEY_SOURCE] = "source",
	[KEY_LABEL] = "label",
	[KEY_VALUE] = "value",
	[KEY__MAX] = NULL,
};

/* A block's keys as written. */
struct spec {
	const char *value[KEY__MAX];	/* NULL when the key is absent */
	struct pos at[KEY__MAX];	/* where each value starts */
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* "a, b or c" from the NULL-terminated list, in a. */
static const char *
list_words(struct arena *a, const char *const *list)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (i > 0)
			buf_puts(&b, list[i + 1] == NULL ? " or " : ", ");
		buf_puts(&b, list[i]);
	}
	s = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_release(&b);
	return s;
}

/* Where an unquoted value v[0..n) ends: at " #" (a comment, as in YAML),
 * outside SQL quotes when sql is set; trailing blanks trimmed.  v[-1]
 * exists (the line holds "key:" before it). */
static size_t
plain_end(const char *v, size_t n, int sql)
{
	size_t i;
	char q = 0;

	for (i = 0; i < n; i++) {
		if (q != 0) {
			if (v[i] == q)
				q = 0;
		} else if (sql && (v[i] == '\'' || v[i] == '"' || v[i] == '`'))
			q = v[i];
		else if (v[i] == '#' && i > 0 && is_blank(v[i - 1]))
			break;
	}
	while (i > 0 && is_blank(v[i - 1]))
		i--;
	return i;
}

/*
 * Reads a value in "double" quotes (\" and \\ escaped) or 'single' quotes
 * ('' for '), starting at v[0], into a.  Only blanks or a comment may
 * follow it.  Returns NULL with an error at at.
 */
static const char *
quoted_value(struct arena *a, const char *v, size_t n, struct pos at,
    struct diags *d)
{
	char q = v[0], *out = arena_alloc(a, n), *o = out;
	size_t i;

	for (i = 1; i < n; i++) {
		if (q == '"' && v[i] == '\\' && i + 1 < n &&
		    (v[i + 1] == '"' || v[i + 1] == '\\')) {
			*o++ = v[++i];
			continue;
		}
		if (v[i] == q && q == '\'' && i + 1 < n && v[i + 1] == '\'') {
			*o++ = v[i++];
			continue;
		}
		if (v[i] == q)
			break;
		*o++ = v[i];
	}
	if (i >= n) {
		diag_error(d, at, "the value has no closing %c — add it at the end", q);
		return NULL;
	}
	*o = '\0';
	for (i++; i < n && is_blank(v[i]); i++)
		;
	if (i < n && !(v[i] == '#' && is_blank(v[i - 1]))) {
		diag_error(d, at, "text after the closing %c — put all of the value inside the quotes", q);
		return NULL;
	}
	return out;
}

/* Reads one body line s[0..n) ("key: value", a comment or blank) into sp;
 * at is the line's position (at.col: where the line starts). */
static void
parse_line(struct arena *a, struct spec *sp, const char *s, size_t n,
    struct pos at, struct diags *d)
{
	struct pos kat = at, vat = at;
	const char *guess, *value;
	size_t i = 0, k, v;
	int key, col0 = at.col - 1;

	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return;
	kat.col = col0 + diag_char_col(s, i);
	for (k = i; k < n && ((s[k] >= 'a' && s[k] <= 'z') ||
	    (s[k] >= 'A' && s[k] <= 'Z') || s[k] == '_' || s[k] == '-'); k++)
		;
	if (k == i || k == n || s[k] != ':') {
		diag_error(d, kat, "this line is not 'key: value' — write for example 'chart: bar', or start a comment with '#'");
		return;
	}
	for (key = 0; key < KEY__MAX; key++)
		if (strlen(key_names[key]) == k - i &&
		    strncmp(s + i, key_names[key], k - i) == 0)
			break;
	if (key == KEY__MAX) {
		char *name = arena_strndup(a, s + i, k - i);

		if ((guess = content_suggest(name, key_names)) != NULL)
			diag_error(d, kat, "unknown key '%s' — did you mean '%s'? (the keys are %s)",
			    name, guess, list_words(a, key_names));
		else
			diag_error(d, kat, "unknown key '%s' — the keys are %s", name,
			    list_words(a, key_names));
		return;
	}
	if (sp->value[key] != NULL) {
		diag_error(d, kat, "'%s' is given twice (also on line %d) — keep one",
		    key_names[key], sp->at[key].line);
		return;
	}
	for (v = k + 1; v < n && is_blank(s[v]); v++)
		;
	vat.col = col0 + diag_char_col(s, v);
	if (v < n && (s[v] == '"' || s[v] == '\'')) {
		if ((value = quoted_value(a, s + v, n - v, vat, d)) == NULL)
			return;
	} else
		value = arena_strndup(a, s + v, plain_end(s + v, n - v, key == KEY_QUERY));
	if (value[0] == '\0') {
		diag_error(d, kat, "'%s' has no value — write one after the colon, or remove the line",
		    key_names[key]);
		return;
	}
	sp->value[key] = value;
	sp->at[key] = vat;
}

static void
parse_spec(struct arena *a, struct spec *sp, const char *body, size_t len,
    struct pos at, struct diags *d)
{
	const char *p = body, *end = body + len, *e;
	size_t n;

	for (; p < end; p = e + 1, at.line++) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		parse_line(a, sp, p, n, at, d);
		if (e == end)
			break;
	}
}

/* The position of byte off of the query that starts at at. */
static struct pos
query_pos(const char *q, size_t off, struct pos at)
{
	at.col += diag_char_col(q, off) - 1;
	return at;
}

/* "a, b, c": the table and view names, for "no such table". */
static const char *
table_list(struct arena *a, struct stats *s)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st = NULL;
	const char *out;

	if (stats_prepare(s, "SELECT name FROM main.sqlite_master "
	    "WHERE type IN ('table', 'view') ORDER BY name", -1, &st,
	    NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
			    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	out = arena_strdup(a, b.data != NULL ? b.data : "none");
	buf_release(&b);
	return out;
}

/* Reports the failed prepare or step of query q (at at). */
static int
query_error(struct arena *a, struct stats *s, const char *q,
    struct pos at, struct diags *d)
{
	int off = sqlite3_error_offset(s->db);
	char msg[240];

	stats_errmsg(s, msg, sizeof msg);
	if (off > 0)
		at = query_pos(q, (size_t)off, at);
	if (strncmp(msg, "no such table", 13) == 0)
		return diag_error(d, at, "query: %s — the tables are %s", msg,
		    table_list(a, s));
	return diag_error(d, at, "query: %s", msg);
}

/* Copies the current row of st into cells. */
static void
take_row(struct arena *a, sqlite3_stmt *st, struct stats_cell *c, size_t ncols)
{
	const unsigned char *t;
	size_t j;

	for (j = 0; j < ncols; j++, c++) {
		switch (sqlite3_column_type(st, (int)j)) {
		case SQLITE_INTEGER:
			c->type = STATS_INTEGER;
			c->num = (double)sqlite3_column_int64(st, (int)j);
			break;
		case SQLITE_FLOAT:
			c->type = STATS_REAL;
			c->num = sqlite3_column_double(st, (int)j);
			break;
		case SQLITE_NULL:
			c->type = STATS_NULL;
			continue;
		default:
			c->type = STATS_TEXT;
			break;
		}
		t = sqlite3_column_text(st, (int)j);
		c->text = arena_strndup(a, t != NULL ? (const char *)t : "",
		    (size_t)sqlite3_column_bytes(st, (int)j));
	}
}

/* Where a second statement starts after the query's first (only blanks
 * and ';' may follow it), or NULL. */
static const char *
second_statement(const char *tail)
{
	for (; *tail != '\0'; tail++)
		if (!(*tail == ';' || *tail == ' ' || *tail == '\t' ||
		    *tail == '\n' || *tail == '\r'))
			return tail;
	return NULL;
}

/* Runs query q (at at) under the authorizer and step limit; its columns
 * and rows go to out. */
static int
run_query(struct arena *a, struct stats *s, const char *q, struct pos at,
    struct stats_block *out, struct diags *d)
{
	sqlite3_stmt *st = NULL;
	const char *tail, *name;
	size_t j, cap = 0;
	int rc;

	if ((rc = stats_prepare(s, q, -1, &st, &tail)) != SQLITE_OK)
		return query_error(a, s, q, at, d);
	if (st == NULL)
		return diag_error(d, at, "the query is empty — write a SELECT");
	if ((tail = second_statement(tail)) != NULL) {
		sqlite3_finalize(st);
		return diag_error(d, query_pos(q, (size_t)(tail - q), at),
		    "a query is one statement — remove what follows the ';'");
	}
	if (!sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		return diag_error(d, at, "the query must only read — write a SELECT");
	}
	if ((out->ncols = (size_t)sqlite3_column_count(st)) == 0) {
		sqlite3_finalize(st);
		return diag_error(d, at, "the query returns no columns — write a SELECT");
	}
	out->cols = arena_array(a, out->ncols + 1, sizeof *out->cols);
	for (j = 0; j < out->ncols; j++) {
		name = sqlite3_column_name(st, (int)j);
		out->cols[j] = arena_strdup(a, name != NULL ? name : "");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->nrows == s->max_rows) {
			sqlite3_finalize(st);
			return diag_error(d, at, "the query returns more than %zu rows — a chart or table needs fewer: add GROUP BY or LIMIT",
			    s->max_rows);
		}
		if (out->nrows == cap) {
			cap = cap ? 2 * cap : 16;
			out->cells = arena_grow(a, out->cells, out->nrows * out->ncols,
			    cap * out->ncols, sizeof *out->cells);
		}
		take_row(a, st, out->cells + out->nrows * out->ncols, out->ncols);
		out->nrows++;
	}
	if (rc != SQLITE_DONE) {
		query_error(a, s, q, at, d);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

enum col_kind {
	COL_EMPTY,	/* every cell NULL */
	COL_NUMBERS,
	COL_TEXT,	/* some cell is text */
	COL_KIND__MAX
};

static enum col_kind
col_kind(const struct stats_block *b, size_t j)
{
	enum col_kind k = COL_EMPTY;
	size_t i;

	for (i = 0; i < b->nrows; i++)
		switch (b->cells[i * b->ncols + j].type) {
		case STATS_TEXT:
			return COL_TEXT;
		case STATS_INTEGER:
		case STATS_REAL:
			k = COL_NUMBERS;
			break;
		default:
			break;
		}
	return k;
}

/* The column called name (exactly, else ignoring ASCII case), or -1. */
static long
find_col(const struct stats_block *b, const char *name)
{
	size_t j;

	for (j = 0; j < b->ncols; j++)
		if (strcmp(b->cols[j], name) == 0)
			return (long)j;
	for (j = 0; j < b->ncols; j++)
		if (strcasecmp(b->cols[j], name) == 0)
			return (long)j;
	return -1;
}

static long
first_of(const struct stats_block *b, enum col_kind k, size_t from, long not)
{
	size_t j;

	for (j = from; j < b->ncols; j++)
		if ((long)j != not && col_kind(b, j) == k)
			return (long)j;
	return -1;
}

/* The column list for messages: "a (text), b (numbers)". */
static const char *
col_list(struct arena *a, const struct stats_block *b)
{
	static const char *const kind_words[COL_KIND__MAX] = {
		"empty", "numbers", "text"
	};
	struct buf buf = BUF_INIT;
	const char *s;
	size_t j;

	for (j = 0; j < b->ncols; j++)
		buf_printf(&buf, "%s%s (%s)", j > 0 ? ", " : "", b->cols[j],
		    kind_words[col_kind(b, j)]);
	s = arena_strdup(a, buf.data != NULL ? buf.data : "");
	buf_release(&buf);
	return s;
}

/* The column a label: or value: key names, or -1 with an error. */
static long
named_col(struct arena *a, const struct stats_block *b, const struct spec *sp,
    enum key key, struct diags *d)
{
	long j = find_col(b, sp->value[key]);

	if (j < 0)
		diag_error(d, sp->at[key], "the query returns no column '%s' — its columns are %s",
		    sp->value[key], col_list(a, b));
	return j;
}

/* A pie shares out a whole: no slice can be negative. */
static void
check_pie(const struct stats_block *b, const struct spec *sp, struct diags *d)
{
	const struct stats_cell *c;
	double total = 0;
	size_t i;

	for (i = 0; i < b->nrows; i++) {
		c = &b->cells[i * b->ncols + b->value];
		if (c->type != STATS_INTEGER && c->type != STATS_REAL)
			continue;
		if (c->num < 0) {
			diag_error(d, sp->at[KEY_CHART], "a pie cannot show a negative number (%s in row %zu of column '%s') — use chart: bar, or leave such rows out in the query",
			    c->text, i + 1, b->cols[b->value]);
			return;
		}
		total += c->num;
	}
	if (b->nrows > 0 && total == 0)
		diag_warn(d, sp->at[KEY_CHART], "the pie's numbers add up to 0: there is nothing to share out");
}

/*
 * Chooses the label and value columns (see struct stats_block) and checks
 * that a chart gets numbers.  Returns 0, or -1 with an error.
 */
static int
choose_columns(struct arena *a, struct stats_block *b, const struct spec *sp,
    struct diags *d)
{
	struct pos qat = sp->at[KEY_QUERY];
	long label = -1, value = -1;

	if (sp->value[KEY_LABEL] != NULL &&
	    (label = named_col(a, b, sp, KEY_LABEL, d)) < 0)
		return -1;
	if (sp->value[KEY_VALUE] != NULL &&
	    (value = named_col(a, b, sp, KEY_VALUE, d)) < 0)
		return -1;
	if (b->nrows == 0) {
		b->label = label >= 0 ? (size_t)label : 0;
		b->value = value >= 0 ? (size_t)value : b->ncols > 1;
		diag_warn(d, qat, "the query returns no rows — the %s shows a note instead; check its WHERE",
		    chart_names[b->chart]);
		return 0;
	}
	if (b->chart == STATS_NUMBER) {
		if (value < 0)
			value = first_of(b, COL_NUMBERS, 0, -1);
		if (label < 0)
			label = first_of(b, COL_TEXT, 0, -1);
		if (label < 0)
			label = value;
	} else {
		if (label < 0)
			label = first_of(b, COL_TEXT, 0, -1);
		if (label < 0)
			label = 0;
		if (value < 0)
			value = first_of(b, COL_NUMBERS, (size_t)label + 1, -1);
		if (value < 0)
			value = first_of(b, COL_NUMBERS, 0, label);
	}
	if (b->chart == STATS_TABLE) {
		b->label = label >= 0 ? (size_t)label : 0;
		b->value = value >= 0 ? (size_t)value : 0;
		return 0;
	}
	if (value < 0)
		return diag_error(d, qat, "the query returns no column of numbers for the %s chart — its columns are %s; add one, or use chart: table",
		    chart_names[b->chart], col_list(a, b));
	if (col_kind(b, (size_t)value) == COL_TEXT)
		return diag_error(d, sp->at[KEY_VALUE], "column '%s' holds text, but a %s chart needs numbers — name a column of numbers",
		    b->cols[value], chart_names[b->chart]);
	b->label = (size_t)(label >= 0 ? label : value);
	b->value = (size_t)value;
	if (b->chart == STATS_PIE)
		check_pie(b, sp, d);
	if (b->chart == STATS_NUMBER && b->nrows > 1)
		diag_warn(d, qat, "a number chart shows one number, and the query returns %zu rows — the first is shown",
		    b->nrows);
	return 0;
}

/* The chart type the chart: value names, or -1 with an error. */
static int
chart_type(struct arena *a, const struct spec *sp, struct diags *d)
{
	const char *v = sp->value[KEY_CHART], *guess;
	int c;

	if (v == NULL)
		return STATS_TABLE;
	for (c = 0; c < STATS_CHART__MAX; c++)
		if (strcasecmp(v, chart_names[c]) == 0)
			return c;
	if ((guess = content_suggest(v, chart_names)) != NULL)
		return diag_error(d, sp->at[KEY_CHART], "unknown chart '%s' — did you mean '%s'? (the charts are %s)",
		    v, guess, list_words(a, chart_names));
	return diag_error(d, sp->at[KEY_CHART], "unknown chart '%s' — the charts are %s",
	    v, list_words(a, chart_names));
}

const char *
stats_chart_name(enum stats_chart c)
{
	return (unsigned)c < STATS_CHART__MAX ? chart_names[c] : NULL;
}

int
stats_block(struct arena *a, struct stats *s, const char *body, size_t len,
    struct pos at, struct stats_block *out, struct diags *d)
{
	size_t errors = diag_count(d, DIAG_ERROR);
	struct spec sp;
	int chart;

	memset(out, 0, sizeof *out);
	memset(&sp, 0, sizeof sp);
	out->at = at;
	if (at.file != NULL)
		out->at.file = arena_strdup(a, at.file);
	if (at.col < 1)
		at.col = 1;
	parse_spec(a, &sp, body, len, at, d);
	chart = chart_type(a, &sp, d);
	out->chart = chart >= 0 ? (enum stats_chart)chart : STATS_TABLE;
	out->query = sp.value[KEY_QUERY];
	out->title = sp.value[KEY_TITLE];
	out->caption = sp.value[KEY_CAPTION];
	out->unit = sp.value[KEY_UNIT];
	out->format = sp.value[KEY_FORMAT];
	out->source = sp.value[KEY_SOURCE];
	out->label_col = sp.value[KEY_LABEL];
	out->value_col = sp.value[KEY_VALUE];
	if (out->query == NULL)
		return diag_error(d, at, "the stats block has no 'query:' — add one, for example 'query: SELECT program, served FROM services_by_program'");
	if (s == NULL)
		return diag_error(d, sp.at[KEY_QUERY], "the statistics could not be loaded, so the query cannot run");
	if (run_query(a, s, out->query, sp.at[KEY_QUERY], out, d) == 0 &&
	    chart >= 0)
		choose_columns(a, out, &sp, d);
	return diag_count(d, DIAG_ERROR) > errors ? -1 : 0;
}
