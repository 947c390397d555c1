/* stats.c - the statistics folder -> one in-memory SQLite database, read-only once loaded. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "stats.h"
#include "stats_int.h"

/* The progress handler runs every STEP_GRAIN virtual-machine steps. */
#define STEP_GRAIN	1000

/* The longest text value once loading is over (a label, not a book). */
#define QUERY_MAX_LENGTH	(1 << 20)

/* What each authorizer action is, for the message that refuses it. */
static const char *const action_names[SQLITE_RECURSIVE + 1] = {
	[SQLITE_CREATE_INDEX] = "CREATE INDEX",
	[SQLITE_CREATE_TABLE] = "CREATE TABLE",
	[SQLITE_CREATE_TEMP_INDEX] = "CREATE INDEX",
	[SQLITE_CREATE_TEMP_TABLE] = "CREATE TABLE",
	[SQLITE_CREATE_TEMP_TRIGGER] = "CREATE TRIGGER",
	[SQLITE_CREATE_TEMP_VIEW] = "CREATE VIEW",
	[SQLITE_CREATE_TRIGGER] = "CREATE TRIGGER",
	[SQLITE_CREATE_VIEW] = "CREATE VIEW",
	[SQLITE_DELETE] = "DELETE",
	[SQLITE_DROP_INDEX] = "DROP INDEX",
	[SQLITE_DROP_TABLE] = "DROP TABLE",
	[SQLITE_DROP_TEMP_INDEX] = "DROP INDEX",
	[SQLITE_DROP_TEMP_TABLE] = "DROP TABLE",
	[SQLITE_DROP_TEMP_TRIGGER] = "DROP TRIGGER",
	[SQLITE_DROP_TEMP_VIEW] = "DROP VIEW",
	[SQLITE_DROP_TRIGGER] = "DROP TRIGGER",
	[SQLITE_DROP_VIEW] = "DROP VIEW",
	[SQLITE_INSERT] = "INSERT",
	[SQLITE_PRAGMA] = "PRAGMA",
	[SQLITE_READ] = "reading",
	[SQLITE_SELECT] = "SELECT",
	[SQLITE_TRANSACTION] = "BEGIN/COMMIT",
	[SQLITE_UPDATE] = "UPDATE",
	[SQLITE_ATTACH] = "ATTACH",
	[SQLITE_DETACH] = "DETACH",
	[SQLITE_ALTER_TABLE] = "ALTER TABLE",
	[SQLITE_REINDEX] = "REINDEX",
	[SQLITE_ANALYZE] = "ANALYZE",
	[SQLITE_CREATE_VTABLE] = "CREATE VIRTUAL TABLE",
	[SQLITE_DROP_VTABLE] = "DROP VIRTUAL TABLE",
	[SQLITE_FUNCTION] = "a function",
	[SQLITE_SAVEPOINT] = "SAVEPOINT",
	[SQLITE_RECURSIVE] = "WITH RECURSIVE",
};

/* Functions a statistics query may call, sorted for bsearch(): SQLite's
 * core, aggregate, window, date, math and JSON functions.  Left out on
 * purpose: random() and randomblob() (a booklet must rebuild the same),
 * zeroblob() (memory), load_extension(), the shell's readfile(),
 * writefile() and edit(), and SQLite's own introspection. */
static const char *const allowed_functions[] = {
	"->", "->>", "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2",
	"atanh", "avg", "ceil", "ceiling", "char", "coalesce", "cos", "cosh",
	"count", "cume_dist", "date", "datetime", "degrees", "dense_rank",
	"exp", "first_value", "floor", "format", "glob", "group_concat", "hex",
	"ifnull", "iif", "instr", "json", "json_array", "json_array_length",
	"json_extract", "json_group_array", "json_group_object", "json_object",
	"json_type", "json_valid", "julianday", "lag", "last_value", "lead",
	"length", "like", "likelihood", "likely", "ln", "log", "log10", "log2",
	"lower", "ltrim", "max", "min", "mod", "nth_value", "ntile", "nullif",
	"percent_rank", "pi", "pow", "power", "printf", "quote", "radians",
	"rank", "replace", "round", "row_number", "rtrim", "sign", "sin",
	"sinh", "sqrt", "strftime", "substr", "substring", "sum", "tan", "tanh",
	"time", "total", "trim", "trunc", "typeof", "unicode", "unixepoch",
	"unlikely", "upper",
};

/* Refused whatever the list above says, with the reason. */
static const struct {
	const char *name, *why;
} denied_functions[] = {
	{ "load_extension", "it loads code into the program" },
	{ "readfile", "it reads files" },
	{ "writefile", "it writes files" },
	{ "edit", "it starts an editor" },
	{ "fts3_tokenizer", "it can load code" },
};

void
stats_set_limits(struct stats *s, long long max_steps, size_t max_rows)
{
	if (s == NULL)
		return;
	if (max_steps > 0)
		s->max_steps = max_steps;
	if (max_rows > 0)
		s->max_rows = max_rows;
}

const char *
stats_table_file(const struct stats *s, const char *name, size_t len)
{
	const struct stats_table *t;

	for (t = s->tables; t != NULL; t = t->next)
		if (strlen(t->name) == len && strncasecmp(t->name, name, len) == 0)
			return t->file;
	return NULL;
}

int
stats_prepare(struct stats *s, const char *sql, int len, sqlite3_stmt **stmt,
    const char **tail)
{
	s->refused[0] = '\0';
	s->stopped = 0;
	s->steps = 0;
	return sqlite3_prepare_v2(s->db, sql, len, stmt, tail);
}

int
stats_run(struct stats *s, sqlite3_stmt *stmt)
{
	int rc;

	s->steps = 0;
	s->stopped = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	return rc;
}

void
stats_errmsg(struct stats *s, char *msg, size_t size)
{
	if (s->stopped)
		snprintf(msg, size, "stopped after %lld steps, as it runs too long (a WITH RECURSIVE without an end?) — give it a stop condition or a LIMIT",
		    s->max_steps);
	else if (s->refused[0] != '\0')
		/* SQLite's own words for it vary ("not authorized", "not
		 * authorized to use function"); ours name what was refused. */
		snprintf(msg, size, "%s is not allowed — %s", s->refused,
		    s->phase == STATS_QUERYING ?
		    "statistics queries may only read (SELECT)" :
		    "a .sql file may only create tables and views and insert rows");
	else
		snprintf(msg, size, "%s", sqlite3_errmsg(s->db));
}

/* --- files -------------------------------------------------------------- */

long
stats_cp(const unsigned char *s, size_t len, size_t *n)
{
	unsigned long c;
	size_t need, k;

	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 4;
		c = s[0] & 0x07;
	} else
		return -1;
	if (len < need)
		return -1;
	for (k = 1; k < need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[k] & 0x3F);
	}
	if ((need == 3 && c < 0x800) || (need == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return -1;
	*n = need;
	return (long)c;
}

/* The offset of the first byte of s[0..len) that is not well-formed
 * UTF-8, or len. */
static size_t
bad_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (stats_cp(u + i, len - i, &n) < 0)
			return i;
		i += n;
	}
	return len;
}

struct pos
stats_pos(const char *rel, const char *s, size_t off, int line0)
{
	struct pos at = { rel, line0, 1 };
	size_t i, bol = 0;

	for (i = 0; i < off; i++)
		if (s[i] == '\n') {
			at.line++;
			bol = i + 1;
		}
	at.col = diag_char_col(s + bol, off - bol);
	return at;
}

char *
stats_read_text(struct arena *a, const char *path, const char *rel, size_t *len,
    struct diags *d)
{
	struct pos at = { rel, 0, 0 };
	char *s;
	size_t bad;

	if ((s = fileio_read(a, path, rel, STATS_MAX_FILE, len, d)) == NULL)
		return NULL;
	if (*len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') ||
	    (s[0] == '\xFE' && s[1] == '\xFF'))) {
		diag_error(d, at, "the file is UTF-16 text — save it as UTF-8 (in Excel: \"CSV UTF-8\")");
		return NULL;
	}
	if (*len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		/* Excel's "CSV UTF-8" starts so; the BOM is no part of the first name. */
		s += 3;
		*len -= 3;
	}
	if ((bad = bad_utf8(s, *len)) < *len) {
		at = stats_pos(rel, s, bad, 1);
		diag_error(d, at, "this line is not UTF-8 text (Excel's plain \"CSV\" writes Windows-1256) — save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
		return NULL;
	}
	return s;
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

/* Whether a statement may call function name; refuses it with a reason. */
static int
function_ok(struct stats *s, const char *name)
{
	size_t i, n = sizeof allowed_functions / sizeof allowed_functions[0];

	for (i = 0; i < sizeof denied_functions / sizeof denied_functions[0]; i++)
		if (strcasecmp(name, denied_functions[i].name) == 0) {
			snprintf(s->refused, sizeof s->refused, "the function %s() (%s)",
			    name, denied_functions[i].why);
			return 0;
		}
	if (bsearch(name, allowed_functions, n, sizeof allowed_functions[0],
	    cmp_name) != NULL)
		return 1;
	snprintf(s->refused, sizeof s->refused, "the function %s()", name);
	return 0;
}

static int
is_schema_table(const char *name)
{
	return name != NULL && (strcmp(name, "sqlite_master") == 0 ||
	    strcmp(name, "sqlite_temp_master") == 0);
}

/*
 * The authorizer.  Queries may read and call allowed functions, nothing
 * else: no writes, ATTACH, PRAGMA, transactions or schema changes.  While
 * loading, a dump may also create tables and views and insert rows (SQLite
 * itself inserts the new table into sqlite_master), and loading runs in
 * transactions.  The first refusal is kept for the message.
 */
static int
authorize(void *ctx, int action, const char *a3, const char *a4,
    const char *dbname, const char *trigger)
{
	struct stats *s = ctx;
	int ok;

	(void)dbname;
	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		return function_ok(s, a4) ? SQLITE_OK : SQLITE_DENY;
	case SQLITE_INSERT:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_TEMP_TABLE:
	case SQLITE_CREATE_TEMP_VIEW:
	case SQLITE_TRANSACTION:
		ok = s->phase == STATS_LOADING;
		break;
	case SQLITE_UPDATE:
		/* CREATE TABLE updates the schema table. */
		ok = s->phase == STATS_LOADING && is_schema_table(a3);
		break;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TEMP_INDEX:
		/* A PRIMARY KEY or UNIQUE in CREATE TABLE makes its index. */
		ok = s->phase == STATS_LOADING && a3 != NULL &&
		    strncmp(a3, "sqlite_autoindex_", 17) == 0;
		break;
	default:
		ok = 0;
		break;
	}
	if (ok)
		return SQLITE_OK;
	if (s->refused[0] == '\0') {
		const char *what = (unsigned)action <= SQLITE_RECURSIVE &&
		    action_names[action] != NULL ? action_names[action] : "this";

		if (action == SQLITE_PRAGMA && a3 != NULL)
			snprintf(s->refused, sizeof s->refused, "PRAGMA %s", a3);
		else if (action == SQLITE_UPDATE && is_schema_table(a3))
			/* What SQLite does first to set up an eponymous
			 * virtual table for a query. */
			snprintf(s->refused, sizeof s->refused, "a table-valued function (pragma_table_info(), json_each() ...)");
		else if (is_schema_table(a3))
			/* CREATE and DROP write the schema table first. */
			snprintf(s->refused, sizeof s->refused, "CREATE, DROP or ALTER");
		else
			snprintf(s->refused, sizeof s->refused, "%s", what);
	}
	return SQLITE_DENY;
}

static int
progress(void *ctx)
{
	struct stats *s = ctx;

	s->steps += STEP_GRAIN;
	if (s->steps <= s->max_steps)
		return 0;
	s->stopped = 1;
	return 1;
}

/* --- the statistics folder --------------------------------------------- */

enum kind {
	KIND_CSV,
	KIND_TSV,
	KIND_SQL,
	KIND_SQLITE,
	KIND_SHEET,	/* a spreadsheet: say how to export it */
	KIND_DOC,	/* notes beside the data: not read, not warned */
	KIND_OTHER,
	KIND__MAX
};

static const struct {
	const char *ext;
	enum kind kind;
} kinds[] = {
	{ "csv", KIND_CSV }, { "tsv", KIND_TSV }, { "tab", KIND_TSV },
	{ "sql", KIND_SQL }, { "sqlite", KIND_SQLITE },
	{ "sqlite3", KIND_SQLITE }, { "db", KIND_SQLITE },
	{ "xlsx", KIND_SHEET }, { "xls", KIND_SHEET }, { "ods", KIND_SHEET },
	{ "md", KIND_DOC }, { "txt", KIND_DOC },
};

/* Where the extension starts in name (at its '.'), or at the name's end. */
static size_t
stem_len(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
}

static enum kind
kind_of(const char *name)
{
	size_t i, n = stem_len(name);

	if (name[n] != '.')
		return strncasecmp(name, "README", 6) == 0 ? KIND_DOC : KIND_OTHER;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcasecmp(name + n + 1, kinds[i].ext) == 0)
			return kinds[i].kind;
	return strncasecmp(name, "README", 6) == 0 ? KIND_DOC : KIND_OTHER;
}

/*
 * The table (or schema) name for a file: its name without the extension,
 * each character other than an ASCII letter, digit, '_' or a non-ASCII
 * byte (Persian letters) turned into '_', and '_' before a leading digit,
 * so that a query names it without quotes.  *changed says whether that
 * differs from the file's stem.
 */
static char *
table_name(struct arena *a, const char *name, int *changed)
{
	size_t i, n = stem_len(name);
	char *t = arena_alloc(a, n + 2), *p = t;
	unsigned char c;

	*changed = 0;
	if (n > 0 && name[0] >= '0' && name[0] <= '9') {
		*p++ = '_';
		*changed = 1;
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c >= 0x80)
			*p++ = (char)c;
		else {
			*p++ = '_';
			*changed = 1;
		}
	}
	*p = '\0';
	return t;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The regular files in dir not starting with '.', sorted by name, in a.
 * Returns their number, or -1 (with an error) when dir cannot be read;
 * a missing dir holds none. */
static long
list_dir(struct arena *a, const char *dir, const char *relname,
    const char ***out, struct diags *d)
{
	const char **v = NULL;
	struct dirent *e;
	struct stat st;
	size_t n = 0, cap = 0;
	DIR *dp;

	*out = NULL;
	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		return diag_error(d, (struct pos){ relname, 0, 0 },
		    "cannot read the statistics folder: %s", strerror(errno));
	}
	while ((e = readdir(dp)) != NULL) {
		char *path;

		if (e->d_name[0] == '.')
			continue;
		path = arena_printf(a, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = arena_grow(a, v, n, cap, sizeof *v);
		}
		v[n++] = arena_strdup(a, e->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return (long)n;
}

/* Appends path as the path part of a file: URI (RFC 3986 unreserved
 * characters and '/' as they are, every other byte %XX). */
static void
put_uri_path(struct buf *b, const char *path)
{
	unsigned char c;

	for (; *path != '\0'; path++) {
		c = (unsigned char)*path;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL)
			buf_putc(b, c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

int
stats_exec(struct stats *s, const char *sql, const char *p1, const char *p2,
    char *msg, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = stats_prepare(s, sql, -1, &st, NULL)) == SQLITE_OK) {
		if (p1 != NULL)
			sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
		if (p2 != NULL)
			sqlite3_bind_text(st, 2, p2, -1, SQLITE_STATIC);
		rc = stats_run(s, st);
	}
	if (rc != SQLITE_DONE)
		stats_errmsg(s, msg, size);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Attaches the SQLite file path read-only as schema, and reads its schema
 * once so that a file that is no database fails here, at its name.
 * schema comes from table_name(): no quote can be in it. */
static int
attach_file(struct stats *s, const char *path, const char *rel,
    const char *schema, struct diags *d)
{
	struct pos at = { rel, 0, 0 };
	struct buf uri = BUF_INIT, q = BUF_INIT;
	char cwd[PATH_MAX], msg[240], ignored[8];
	int rc;

	buf_puts(&uri, "file:");
	if (path[0] != '/') {
		/* A file: URI needs the absolute path. */
		if (getcwd(cwd, sizeof cwd) == NULL) {
			buf_release(&uri);
			return diag_error(d, at, "cannot find the current folder: %s",
			    strerror(errno));
		}
		put_uri_path(&uri, cwd);
		buf_putc(&uri, '/');
	}
	put_uri_path(&uri, path);
	buf_puts(&uri, "?mode=ro");
	rc = stats_exec(s, "ATTACH ?1 AS ?2", uri.data, schema, msg, sizeof msg);
	buf_release(&uri);
	if (rc != 0 && strstr(msg, "already in use") != NULL)
		return diag_error(d, at, "cannot attach the database as '%s': %s — rename the file",
		    schema, msg);
	if (rc != 0)
		return diag_error(d, at, "cannot read the file as an SQLite database: %s",
		    msg);
	buf_printf(&q, "SELECT count(*) FROM \"%s\".sqlite_master", schema);
	rc = stats_exec(s, q.data, NULL, NULL, msg, sizeof msg);
	buf_release(&q);
	if (rc == 0)
		return 0;
	stats_exec(s, "DETACH ?1", schema, NULL, ignored, sizeof ignored);
	return diag_error(d, at, "cannot read the file as an SQLite database: %s", msg);
}

/* Notes the tables and views the file rel made, to name it when another
 * file makes one of them again. */
static void
record_tables(struct stats *s, const char *rel)
{
	sqlite3_stmt *st = NULL;
	struct stats_table *t;
	const char *name;

	if (stats_prepare(s, "SELECT name FROM main.sqlite_master "
	    "WHERE type IN ('table', 'view')", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL || stats_table_file(s, name, strlen(name)) != NULL)
			continue;
		t = arena_alloc(&s->a, sizeof *t);
		t->name = arena_strdup(&s->a, name);
		t->file = arena_strdup(&s->a, rel);
		t->next = s->tables;
		s->tables = t;
	}
	sqlite3_finalize(st);
}

/* Loads one CSV, TSV or SQL file in its own transaction: all of it or,
 * after an error, none of it. */
static void
load_file(struct stats *s, struct arena *tmp, const char *dir,
    const char *relname, const char *name, enum kind kind, struct diags *d)
{
	const char *path = arena_printf(tmp, "%s/%s", dir, name);
	const char *rel = arena_printf(&s->a, "%s/%s", relname, name);
	struct pos at = { rel, 0, 0 };
	const char *table = NULL, *other;
	char msg[240];
	int changed, rc;

	if (kind != KIND_SQL) {
		table = table_name(&s->a, name, &changed);
		if ((other = stats_table_file(s, table, strlen(table))) != NULL) {
			diag_error(d, at, "table '%s' is already loaded from %s — rename one of the files",
			    table, other);
			return;
		}
		if (changed)
			diag_note(d, at, "loaded as table '%s': in a table name, each character other than a letter, a digit or '_' becomes '_'",
			    table);
		if (sqlite3_keyword_check(table, (int)strlen(table)))
			diag_note(d, at, "table '%s' is also an SQL word: write it in double quotes in queries (FROM \"%s\")",
			    table, table);
	}
	if (stats_exec(s, "BEGIN", NULL, NULL, msg, sizeof msg) != 0) {
		diag_error(d, at, "cannot start loading: %s", msg);
		return;
	}
	if (kind == KIND_SQL)
		rc = stats_load_sql(s, path, rel, d);
	else
		rc = stats_load_csv(s, path, rel, table, kind == KIND_TSV, d);
	if (rc == 0 && stats_exec(s, "COMMIT", NULL, NULL, msg, sizeof msg) != 0) {
		diag_error(d, at, "cannot finish loading: %s", msg);
		rc = -1;
	}
	if (rc != 0) {
		stats_exec(s, "ROLLBACK", NULL, NULL, msg, sizeof msg);
		return;
	}
	record_tables(s, rel);
}

static void
warn_unread(struct arena *a, const char *relname, const char *name,
    enum kind kind, struct diags *d)
{
	struct pos at = { NULL, 0, 0 };

	if (kind == KIND_DOC)
		return;
	at.file = arena_printf(a, "%s/%s", relname, name);
	if (kind == KIND_SHEET)
		diag_warn(d, at, "spreadsheets are not read — save it as \"CSV UTF-8\" beside it");
	else
		diag_warn(d, at, "not a statistics file (.csv, .tsv, .sql, .sqlite, .db), so it is not read");
}

/* Ends loading: from now on statements may only read, within bounds.
 * query_only backs up the authorizer, which is installed whatever. */
static void
seal(struct stats *s, const char *relname, struct diags *d)
{
	char msg[240];

	sqlite3_set_authorizer(s->db, NULL, NULL);
	if (stats_exec(s, "PRAGMA query_only = ON", NULL, NULL, msg, sizeof msg) != 0)
		diag_error(d, (struct pos){ relname, 0, 0 },
		    "cannot make the statistics read-only: %s", msg);
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, QUERY_MAX_LENGTH);
	sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
	s->phase = STATS_QUERYING;
	sqlite3_set_authorizer(s->db, authorize, s);
}

struct stats *
stats_open(const char *dir, const char *relname, struct diags *d)
{
	struct stats *s;
	const char **names;
	struct arena tmp;
	long n, i;
	int changed;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		/* As the arena does: out of memory is no content error. */
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
	arena_init(&s->a);
	s->max_steps = STATS_MAX_STEPS;
	s->max_rows = STATS_MAX_ROWS;
	s->phase = STATS_ATTACHING;
	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		diag_error(d, (struct pos){ relname, 0, 0 }, "cannot start SQLite: %s",
		    s->db != NULL ? sqlite3_errmsg(s->db) : "out of memory");
		stats_free(s);
		return NULL;
	}
	/* Schemas in attached files are not trusted to call functions with
	 * side effects, and none may load extensions. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
	sqlite3_progress_handler(s->db, STEP_GRAIN, progress, s);

	arena_init(&tmp);
	if ((n = list_dir(&tmp, dir, relname, &names, d)) < 0)
		n = 0;
	/* ATTACH before any authorizer: only daftar attaches, never content. */
	for (i = 0; i < n; i++)
		if (kind_of(names[i]) == KIND_SQLITE)
			attach_file(s, arena_printf(&tmp, "%s/%s", dir, names[i]),
			    arena_printf(&tmp, "%s/%s", relname, names[i]),
			    table_name(&s->a, names[i], &changed), d);
	s->phase = STATS_LOADING;
	sqlite3_set_authorizer(s->db, authorize, s);
	for (i = 0; i < n; i++) {
		enum kind k = kind_of(names[i]);

		if (k == KIND_CSV || k == KIND_TSV || k == KIND_SQL)
			load_file(s, &tmp, dir, relname, names[i], k, d);
		else if (k != KIND_SQLITE)
			warn_unread(&tmp, relname, names[i], k, d);
	}
	arena_release(&tmp);
	seal(s, relname, d);
	return s;
}

void
stats_free(struct stats *s)
{
	if (s == NULL)
		return;
	/* Every statement is finalized where it is made, so close succeeds. */
	sqlite3_close(s->db);
	arena_release(&s->a);
	free(s);
}

/* --- highlights: one number, as printed ---------------------------------- */

char *
stats_number_text(struct arena *a, double v, int digits_persian)
{
	char *s;

	/* Whole numbers grouped in thousands; others with one decimal. */
	if (fabs(v) < 1e15 && v == floor(v)) {
		if (digits_persian)
			return fa_number(a, (long)v, 1);
		s = arena_printf(a, "%ld", (long)v);
		if (labs((long)v) >= 1000) {
			struct buf b = BUF_INIT;
			size_t i, n = strlen(s), lead = s[0] == '-';

			for (i = 0; i < n; i++) {
				if (i > lead && (n - i) % 3 == 0)
					buf_putc(&b, ',');
				buf_putc(&b, s[i]);
			}
			s = arena_strdup(a, b.data);
			buf_release(&b);
		}
		return s;
	}
	s = arena_printf(a, "%.1f", v);
	return digits_persian ? fa_normalize(a, s, strlen(s), FA_DIGITS, NULL) : s;
}

char *
stats_value_text(struct arena *a, const char *value, int digits_persian)
{
	double v;
	enum stats_type t = stats_number(value, strlen(value), &v);

	if (t == STATS_INTEGER || t == STATS_REAL)
		return stats_number_text(a, v, digits_persian);
	return fa_normalize(a, value, strlen(value),
	    FA_LETTERS | (digits_persian ? FA_DIGITS : 0), NULL);
}

const char *
stats_highlight_text(struct arena *a, struct stats *st,
    const struct doc_highlight *h, const char *relname, int digits_persian,
    struct diags *d)
{
	struct pos at = { relname, h->line, h->col };
	struct stats_block b;
	const char *body;
	size_t i;

	if (h->value != NULL)
		return stats_value_text(a, h->value, digits_persian);
	if (st == NULL) {
		diag_error(d, at, "highlight has a query but the project has "
		    "no statistics — put the data in stats/, or give 'value:'");
		return NULL;
	}
	/* The query first: stats_block() then names h's own line and, when
	 * "query:" opens the item as usual, the column of the SQL itself.  A
	 * table takes any columns, so the one message about a missing number
	 * is the highlight's own below, not a chart's. */
	body = arena_printf(a, "query: %s\nchart: table\n", h->query);
	if (stats_block(a, st, body, strlen(body), at, &b, d) != 0)
		return NULL;
	for (i = 0; b.nrows > 0 && i < b.ncols; i++)
		if (b.cells[i].type == STATS_INTEGER || b.cells[i].type == STATS_REAL)
			return stats_number_text(a, b.cells[i].num, digits_persian);
	diag_error(d, at, "highlight query gave no number — its first row "
	    "needs a numeric column, such as SELECT COUNT(*) FROM ...");
	return NULL;
}
