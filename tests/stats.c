/* tests/stats.c - statistics: loaders, numbers, the read-only authorizer, the step limit, stats blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "stats.h"
#include "stats_int.h"
#include "support.h"

/* Run from the repository root (the Makefile does): data paths are relative. */
#define CASES	"tests/stats"

/* One scratch statistics folder per test, removed afterwards. */
struct fx {
	char root[64];		/* mkdtemp() folder under /tmp */
	struct arena a;		/* blocks, paths */
	struct diags d;
	struct stats *s;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	strcpy(fx->root, "/tmp/daftar-stats-XXXXXX");
	if (mkdtemp(fx->root) == NULL) {
		free(fx);
		return -1;
	}
	arena_init(&fx->a);
	diag_init(&fx->d);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	stats_free(fx->s);
	test_remove_tree(fx->root);
	diag_release(&fx->d);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Copies tests/stats/name into the scratch folder. */
static void
copy_case(struct fx *fx, const char *name)
{
	FILE *in = fopen(arena_printf(&fx->a, CASES "/%s", name), "rb");
	FILE *out = fopen(arena_printf(&fx->a, "%s/%s", fx->root, name), "wb");
	char buf[4096];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* Loads the scratch folder (closing what was open) as "stats". */
static void
load(struct fx *fx)
{
	stats_free(fx->s);
	fx->s = stats_open(fx->root, "stats", &fx->d);
	assert_non_null(fx->s);
}

/* Loads only tests/stats/name. */
static void
load_case(struct fx *fx, const char *name)
{
	copy_case(fx, name);
	load(fx);
}

static int
block(struct fx *fx, const char *body, struct stats_block *b)
{
	struct pos at = { "stories/x.md", 20, 1 };

	return stats_block(&fx->a, fx->s, body, strlen(body), at, b, &fx->d);
}

/* Runs sql as a table block; it must succeed. */
static void
query(struct fx *fx, const char *sql, struct stats_block *b)
{
	const char *body = arena_printf(&fx->a, "query: %s\nchart: table\n", sql);
	int rc = block(fx, body, b);

	if (rc != 0) {
		char *p = test_printed(&fx->d);

		print_message("%s", p);
		free(p);
	}
	assert_int_equal(rc, 0);
}

static const struct stats_cell *
cell(const struct stats_block *b, size_t row, size_t col)
{
	assert_true(row < b->nrows && col < b->ncols);
	return &b->cells[row * b->ncols + col];
}

static double
num(const struct stats_block *b, size_t row, size_t col)
{
	const struct stats_cell *c = cell(b, row, col);

	assert_true(c->type == STATS_INTEGER || c->type == STATS_REAL);
	return c->num;
}

static const char *
text(const struct stats_block *b, size_t row, size_t col)
{
	const struct stats_cell *c = cell(b, row, col);

	assert_int_equal(c->type, STATS_TEXT);
	return c->text;
}

/* What diag_print() shows, compared whole. */
static void
assert_printed(struct fx *fx, const char *want)
{
	char *got = test_printed(&fx->d);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Some printed diagnostic contains want. */
static void
assert_says(struct fx *fx, const char *want)
{
	char *got = test_printed(&fx->d);

	assert_non_null(got);
	if (strstr(got, want) == NULL)
		print_message("wanted \"%s\" in:\n%s", want, got);
	assert_non_null(strstr(got, want));
	free(got);
}

/* --- golden diagnostics: tests/stats/X.csv|tsv|sql + X.diag -------------- */

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The data file of case stem (X.csv, X.tsv or X.sql). */
static const char *
case_file(struct fx *fx, const char *stem)
{
	static const char *const exts[] = { "csv", "tsv", "sql" };
	const char *name;
	size_t i;

	for (i = 0; i < 3; i++) {
		name = arena_printf(&fx->a, "%s.%s", stem, exts[i]);
		if (access(arena_printf(&fx->a, CASES "/%s", name), R_OK) == 0)
			return name;
	}
	fail_msg("case %s has no data file", stem);
	return NULL;
}

static void
check_case(struct fx *fx, const char *diagname)
{
	const char *stem = arena_printf(&fx->a, "%.*s",
	    (int)(strlen(diagname) - strlen(".diag")), diagname);
	const char *name = case_file(fx, stem);
	char *want, *got;

	test_remove_tree(fx->root);
	assert_int_equal(mkdir(fx->root, 0700), 0);
	diag_release(&fx->d);
	want = test_slurp(arena_printf(&fx->a, CASES "/%s", diagname));
	assert_non_null(want);
	load_case(fx, name);
	got = test_printed(&fx->d);
	if (strcmp(got, want) != 0)
		print_message("case %s\n", name);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

static void
golden_diagnostics(void **state)
{
	struct fx *fx = *state;
	struct dirent *de;
	char *names[256];
	size_t n = 0, i;
	DIR *dp;

	dp = opendir(CASES);
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (has_suffix(de->d_name, ".diag") && n < 256)
			names[n++] = strdup(de->d_name);
	closedir(dp);
	assert_true(n >= 20);
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		check_case(fx, names[i]);
		free(names[i]);
	}
}

/* --- CSV and TSV ------------------------------------------------------- */

static void
bom_not_in_name(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "bom.csv");
	query(fx, "SELECT year, typeof(year), registered FROM bom ORDER BY district", &b);
	assert_string_equal(b.cols[0], "year");
	assert_int_equal(b.nrows, 2);
	assert_true(num(&b, 0, 0) == 1403);
	assert_string_equal(text(&b, 0, 1), "integer");
	assert_true(num(&b, 1, 2) == 76);
}

static void
crlf_lines(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "crlf.csv");
	query(fx, "SELECT program, served, typeof(served) FROM crlf ORDER BY served DESC", &b);
	assert_int_equal(b.nrows, 3);
	assert_string_equal(text(&b, 0, 0), "آموزش مهارت");
	/* No CR left at a line's end, and the quoted comma kept. */
	assert_string_equal(text(&b, 2, 0), "مشاوره حقوقی, پیگیری پرونده");
	assert_true(num(&b, 2, 1) == 410);
	assert_string_equal(text(&b, 2, 2), "integer");
}

static void
quoted_fields(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "quoted.csv");
	query(fx, "SELECT name, note FROM quoted ORDER BY id", &b);
	assert_int_equal(b.nrows, 3);
	assert_string_equal(text(&b, 0, 0), "خیاطی, گلدوزی");
	assert_string_equal(text(&b, 1, 0), "کلاس \"اکسل\"");
	assert_string_equal(text(&b, 1, 1), "دو\nخطی");
	assert_int_equal(cell(&b, 2, 1)->type, STATS_NULL);
}

static void
delimiters(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	copy_case(fx, "semicolon.csv");
	copy_case(fx, "tab.tsv");
	copy_case(fx, "tabs-in-csv.csv");
	copy_case(fx, "sep-line.csv");
	load(fx);
	query(fx, "SELECT برنامه, شمار, سهم FROM semicolon ORDER BY شمار DESC", &b);
	assert_string_equal(text(&b, 0, 0), "آموزش, مهارت");
	assert_true(num(&b, 0, 1) == 2480 && cell(&b, 0, 1)->type == STATS_INTEGER);
	assert_true(num(&b, 0, 2) == 3.5 && cell(&b, 0, 2)->type == STATS_REAL);
	query(fx, "SELECT level, count, year FROM tab ORDER BY count", &b);
	assert_string_equal(text(&b, 0, 0), "دانشگاه");
	assert_true(num(&b, 0, 1) == 190 && num(&b, 1, 2) == 1403);
	query(fx, "SELECT sum(count) FROM tabs_in_csv", &b);
	assert_true(num(&b, 0, 0) == 1670);
	query(fx, "SELECT name, count FROM sep_line", &b);
	assert_string_equal(text(&b, 0, 0), "الف");
	assert_true(num(&b, 0, 1) == 3);
}

static void
persian_digits(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "digits.csv");
	query(fx, "SELECT sum(persian), sum(arabic), sum(grouped), sum(decimal), "
	    "sum(negative), sum(marked), typeof(persian), typeof(decimal) FROM digits", &b);
	assert_true(num(&b, 0, 0) == 34002);
	assert_true(num(&b, 0, 1) == 34003);
	assert_true(num(&b, 0, 2) == 1251579);
	assert_true(num(&b, 0, 3) == 1254.25);
	assert_true(num(&b, 0, 4) == -10);
	assert_true(num(&b, 0, 5) == 1424);
	assert_string_equal(text(&b, 0, 6), "integer");
	assert_string_equal(text(&b, 0, 7), "real");
}

static void
empty_cells_null(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "empty-cells.csv");
	/* The row of empty cells (",,") is gone; "" is NULL too. */
	query(fx, "SELECT a, b, c FROM empty_cells ORDER BY rowid", &b);
	assert_int_equal(b.nrows, 3);
	assert_int_equal(cell(&b, 0, 1)->type, STATS_NULL);
	assert_null(cell(&b, 0, 1)->text);
	assert_int_equal(cell(&b, 1, 0)->type, STATS_NULL);
	assert_int_equal(cell(&b, 1, 2)->type, STATS_NULL);
	assert_true(num(&b, 2, 0) == 3);
}

/* Spreadsheets' empty columns past the table are dropped. */
static void
trailing_empty_columns(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "trailing-empty.csv");
	query(fx, "SELECT * FROM trailing_empty ORDER BY year", &b);
	assert_int_equal(b.ncols, 2);
	assert_int_equal(b.nrows, 2);
	assert_true(num(&b, 0, 0) == 1402 && num(&b, 0, 1) == 7);
}

static void
type_inference(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "types.csv");
	/* pragma_table_info() is refused to queries: read the schema. */
	query(fx, "SELECT sql FROM sqlite_master WHERE name = 'types'", &b);
	assert_string_equal(text(&b, 0, 0), "CREATE TABLE \"types\" (\"year\" INTEGER, "
	    "\"served\" INTEGER, \"rate\" REAL, \"code\" TEXT, \"mixed\" TEXT)");
	query(fx, "SELECT code, mixed FROM types ORDER BY year", &b);
	assert_string_equal(text(&b, 0, 0), "0912");
	assert_string_equal(text(&b, 0, 1), "1");
	query(fx, "SELECT rate FROM types ORDER BY year", &b);
	assert_int_equal(cell(&b, 1, 0)->type, STATS_REAL);
	assert_true(num(&b, 1, 0) == 1);
}

static void
numbers(void **state)
{
	static const struct {
		const char *s;
		enum stats_type type;
		double value;
	} cases[] = {
		{ "17000", STATS_INTEGER, 17000 },
		{ "17,000", STATS_INTEGER, 17000 },
		{ "۱۷٬۰۰۰", STATS_INTEGER, 17000 },
		{ "١٧٬٠٠٠", STATS_INTEGER, 17000 },
		{ "۱٬۲۳۴٬۵۶۷", STATS_INTEGER, 1234567 },
		{ "۳٫۵", STATS_REAL, 3.5 },
		{ "٣٫٥", STATS_REAL, 3.5 },
		{ "1,000.5", STATS_REAL, 1000.5 },
		{ "0.25", STATS_REAL, 0.25 },
		{ "1e3", STATS_REAL, 1000 },
		{ "-۵", STATS_INTEGER, -5 },
		{ "\xe2\x88\x92" "12", STATS_INTEGER, -12 },
		{ "+7", STATS_INTEGER, 7 },
		{ "-0", STATS_INTEGER, 0 },
		{ "0", STATS_INTEGER, 0 },
		{ "  42 ", STATS_INTEGER, 42 },
		{ "\xe2\x80\x8f" "۱۲" "\xe2\x80\x8f", STATS_INTEGER, 12 },
		{ "9223372036854775807", STATS_INTEGER, 9223372036854775807.0 },
		{ "", STATS_NULL, 0 },
		{ "   ", STATS_NULL, 0 },
		{ "0912", STATS_TEXT, 0 },		/* a phone prefix */
		{ "007", STATS_TEXT, 0 },
		{ "1,5", STATS_TEXT, 0 },		/* decimal comma or a slip: text */
		{ "12,34,567", STATS_TEXT, 0 },	/* groups of three only */
		{ "1,0000", STATS_TEXT, 0 },
		{ ",100", STATS_TEXT, 0 },
		{ "1 000", STATS_TEXT, 0 },
		{ "12%", STATS_TEXT, 0 },
		{ "۳٫", STATS_TEXT, 0 },
		{ ".5", STATS_TEXT, 0 },
		{ "1403-01", STATS_TEXT, 0 },
		{ "1e", STATS_TEXT, 0 },
		{ "-", STATS_TEXT, 0 },
		{ "99999999999999999999", STATS_TEXT, 0 },	/* past 64 bits */
		{ "۱۲ هزار", STATS_TEXT, 0 },
		{ "n/a", STATS_TEXT, 0 },
	};
	size_t i;
	double v;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum stats_type t = stats_number(cases[i].s, strlen(cases[i].s), &v);

		if (t != cases[i].type || (t != STATS_TEXT && v != cases[i].value))
			print_message("case \"%s\": type %d value %g\n", cases[i].s, t, v);
		assert_int_equal(t, cases[i].type);
		if (t == STATS_INTEGER || t == STATS_REAL)
			assert_true(v == cases[i].value);
	}
}

/* A file with an error loads nothing, and the others still load. */
static void
bad_file_loads_nothing(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	copy_case(fx, "ragged.csv");
	copy_case(fx, "dump-refused.sql");
	copy_case(fx, "crlf.csv");
	load(fx);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 3);
	assert_int_equal(block(fx, "query: SELECT * FROM ragged", &b), -1);
	assert_says(fx, "no such table: ragged — the tables are crlf");
	/* dump-refused.sql made table t and put a row in before its UPDATE. */
	assert_int_equal(block(fx, "query: SELECT * FROM t", &b), -1);
	query(fx, "SELECT count(*) FROM crlf", &b);
	assert_true(num(&b, 0, 0) == 3);
}

static void
same_table_twice(void **state)
{
	struct fx *fx = *state;
	static const char csv[] = "x\n1\n";
	static const char sql[] = "CREATE TABLE Visits (x integer);\n";

	write_file(arena_printf(&fx->a, "%s/visits.csv", fx->root), csv, sizeof csv - 1);
	write_file(arena_printf(&fx->a, "%s/visits.tsv", fx->root), csv, sizeof csv - 1);
	write_file(arena_printf(&fx->a, "%s/z.sql", fx->root), sql, sizeof sql - 1);
	write_file(arena_printf(&fx->a, "%s/notes.xlsx", fx->root), "PK", 2);
	write_file(arena_printf(&fx->a, "%s/README.md", fx->root), "#", 1);
	load(fx);
	assert_printed(fx,
	    "stats/notes.xlsx: warning: spreadsheets are not read — save it as \"CSV UTF-8\" beside it\n"
	    "stats/visits.tsv: error: table 'visits' is already loaded from stats/visits.csv — rename one of the files\n"
	    "stats/z.sql:1:1: error: table 'Visits' is already loaded from stats/visits.csv — rename the table in one of the files\n");
}

static void
missing_folder(void **state)
{
	struct fx *fx = *state;

	fx->s = stats_open("/nonexistent/daftar-stats", "stats", &fx->d);
	assert_non_null(fx->s);
	assert_int_equal(fx->d.n, 0);
	stats_free(NULL);
}

/* --- SQL dumps --------------------------------------------------------- */

static void
pg_dump_inserts(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "pg-dump.sql");
	assert_int_equal(fx->d.n, 0);
	query(fx, "SELECT id, note, status, score, typeof(id) FROM visits ORDER BY id", &b);
	assert_int_equal(b.nrows, 3);
	assert_string_equal(text(&b, 0, 1), "اول; با نقطه‌ویرگول");
	assert_string_equal(text(&b, 2, 1), "it's -- not a comment");
	assert_string_equal(text(&b, 1, 2), "closed");
	assert_true(num(&b, 0, 3) == 3.5 && num(&b, 2, 3) == 12.25);
	assert_int_equal(cell(&b, 1, 3)->type, STATS_NULL);
	assert_string_equal(text(&b, 0, 4), "integer");
	/* The sequence, the index and the owner were skipped, not made. */
	query(fx, "SELECT count(*) FROM sqlite_master WHERE name <> 'visits'", &b);
	assert_true(num(&b, 0, 0) == 0);
}

static void
sqlite_dump(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	load_case(fx, "sqlite-dump.sql");
	assert_int_equal(fx->d.n, 0);
	query(fx, "SELECT trade, placements FROM trades ORDER BY placements DESC", &b);
	assert_int_equal(b.nrows, 3);
	assert_string_equal(text(&b, 1, 0), "آشپزی; بیرون‌بر");
	query(fx, "SELECT trade FROM big_trades ORDER BY placements", &b);
	assert_int_equal(b.nrows, 2);
	assert_string_equal(text(&b, 0, 0), "آشپزی; بیرون‌بر");
	/* No trigger: the dump's CREATE TRIGGER was skipped whole. */
	query(fx, "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'index') "
	    "AND name NOT LIKE 'sqlite_autoindex%'", &b);
	assert_true(num(&b, 0, 0) == 0);
}

/* --- SQLite files -------------------------------------------------------- */

static void
make_db(const char *path)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "CREATE TABLE placements (year INTEGER, trade TEXT, n INTEGER);"
	    "INSERT INTO placements VALUES (1402, 'خیاطی', 40), (1403, 'خیاطی', 52);",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void
sqlite_attached_read_only(void **state)
{
	struct fx *fx = *state;
	const char *path = arena_printf(&fx->a, "%s/archive 1403.sqlite", fx->root);
	struct stats_block b;
	struct stat before, after;

	make_db(path);
	write_file(arena_printf(&fx->a, "%s/broken.db", fx->root), "not a database\n", 15);
	assert_int_equal(stat(path, &before), 0);
	load(fx);
	assert_printed(fx, "stats/broken.db: error: cannot read the file as an SQLite database: file is not a database\n");
	diag_release(&fx->d);
	query(fx, "SELECT sum(n) FROM placements", &b);
	assert_true(num(&b, 0, 0) == 92);
	query(fx, "SELECT n FROM archive_1403.placements WHERE year = 1403", &b);
	assert_true(num(&b, 0, 0) == 52);
	assert_int_equal(sqlite3_db_readonly(fx->s->db, "archive_1403"), 1);
	assert_int_equal(block(fx, "query: DELETE FROM archive_1403.placements", &b), -1);
	assert_says(fx, "DELETE is not allowed");
	stats_free(fx->s);
	fx->s = NULL;
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_size == after.st_size && before.st_mtime == after.st_mtime);
}

/* --- the authorizer and the step limit --------------------------------- */

static void
fake_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, 1);
}

static void
refuses(struct fx *fx, const char *sql, const char *why)
{
	struct stats_block b;

	diag_release(&fx->d);
	if (block(fx, arena_printf(&fx->a, "query: %s\n", sql), &b) != -1)
		fail_msg("'%s' was not refused", sql);
	assert_says(fx, why);
}

static void
read_only(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_non_null(fx->s);
	/* The sqlite3 shell's functions are not in the library; make them
	 * exist, to see them refused by name. */
	sqlite3_create_function(fx->s->db, "readfile", 1, SQLITE_UTF8, NULL,
	    fake_function, NULL, NULL);
	sqlite3_create_function(fx->s->db, "writefile", 2, SQLITE_UTF8, NULL,
	    fake_function, NULL, NULL);
	sqlite3_create_function(fx->s->db, "edit", 1, SQLITE_UTF8, NULL,
	    fake_function, NULL, NULL);
	refuses(fx, "INSERT INTO services_by_program VALUES (1403, 'x', 1, 1)",
	    "stories/x.md:20:8: error: query: INSERT is not allowed — statistics queries may only read (SELECT)");
	refuses(fx, "UPDATE services_by_program SET served = 0", "UPDATE is not allowed");
	refuses(fx, "DELETE FROM services_by_program", "DELETE is not allowed");
	refuses(fx, "CREATE TABLE x (a)", "CREATE, DROP or ALTER is not allowed");
	refuses(fx, "CREATE TEMP VIEW v AS SELECT 1", "is not allowed");
	refuses(fx, "DROP TABLE services_by_program", "CREATE, DROP or ALTER is not allowed");
	refuses(fx, "ALTER TABLE services_by_program ADD COLUMN x", "ALTER TABLE is not allowed");
	refuses(fx, "ATTACH '/tmp/x.db' AS x", "ATTACH is not allowed");
	refuses(fx, "DETACH main", "DETACH is not allowed");
	refuses(fx, "PRAGMA table_info(services_by_program)", "PRAGMA table_info is not allowed");
	refuses(fx, "PRAGMA query_only = OFF", "PRAGMA query_only is not allowed");
	refuses(fx, "SELECT * FROM pragma_table_info('services_by_program')",
	    "a table-valued function");
	refuses(fx, "BEGIN", "BEGIN/COMMIT is not allowed");
	refuses(fx, "SAVEPOINT a", "SAVEPOINT is not allowed");
	refuses(fx, "SELECT load_extension('/tmp/x.so')",
	    "stories/x.md:20:15: error: query: the function load_extension() (it loads code into the program) is not allowed");
	refuses(fx, "SELECT readfile('/etc/passwd')", "the function readfile() (it reads files)");
	refuses(fx, "SELECT writefile('/tmp/x', 'y')", "the function writefile() (it writes files)");
	refuses(fx, "SELECT edit('x')", "the function edit() (it starts an editor)");
	refuses(fx, "SELECT random()", "the function random() is not allowed");
	refuses(fx, "VACUUM", "the query must only read");
	refuses(fx, "SELECT 1; DELETE FROM services_by_program",
	    "stories/x.md:20:18: error: a query is one statement — remove what follows the ';'");
	/* Reading still works, window functions included, and functions
	 * from all over the allowed list (sorted: bsearch() finds them). */
	diag_release(&fx->d);
	query(fx, "SELECT program, rank() OVER (ORDER BY served DESC) FROM "
	    "services_by_program WHERE year = 1403", &b);
	assert_int_equal(b.nrows, 6);
	query(fx, "SELECT abs(-1), upper('a'), iif(1, 2, 3), round(2.5), "
	    "printf('%d', 3), coalesce(NULL, 1), strftime('%Y', '2024-01-01'), "
	    "sqrt(4), group_concat('x'), total(1), unlikely(1), likely(1), "
	    "'{\"a\": 2}' ->> 'a', typeof(1), avg(1), ntile(2) OVER (), "
	    "cume_dist() OVER (), lag(1) OVER (), nth_value(1, 1) OVER ()", &b);
	assert_true(num(&b, 0, 7) == 2);
}

static void
step_limit(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	stats_set_limits(fx->s, 100000, 0);
	assert_int_equal(block(fx, "query: WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n) SELECT count(*) FROM n\n", &b), -1);
	assert_printed(fx, "stories/x.md:20:8: error: query: stopped after 100000 steps, as it runs too long (a WITH RECURSIVE without an end?) — give it a stop condition or a LIMIT\n");
	/* The next query starts counting afresh. */
	diag_release(&fx->d);
	query(fx, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 100) SELECT sum(i) FROM n", &b);
	assert_true(num(&b, 0, 0) == 5050);
	stats_set_limits(fx->s, 0, 5);
	assert_int_equal(block(fx, "query: SELECT * FROM services_by_program\n", &b), -1);
	assert_says(fx, "the query returns more than 5 rows");
}

/* --- stats blocks ------------------------------------------------------ */

/* The body of the first ```stats block of a Markdown file, and the line
 * it starts on. */
static const char *
corpus_block(struct fx *fx, const char *path, int *line)
{
	char *md = test_slurp(path), *p, *e, *body;
	const char *q;

	assert_non_null(md);
	p = strstr(md, "```stats\n");
	assert_non_null(p);
	p += strlen("```stats\n");
	e = strstr(p, "\n```");
	assert_non_null(e);
	*line = 1;
	for (q = md; q < p; q++)
		*line += *q == '\n';
	body = arena_strndup(&fx->a, p, (size_t)(e - p) + 1);
	free(md);
	return body;
}

static int
corpus_run(struct fx *fx, const char *md, const char *rel, struct stats_block *b)
{
	int line;
	const char *body = corpus_block(fx, md, &line);
	struct pos at = { rel, line, 1 };

	return stats_block(&fx->a, fx->s, body, strlen(body), at, b, &fx->d);
}

static void
content_folder(void **state)
{
	static const struct {
		const char *table;
		int rows;
	} tables[] = {
		{ "registrations_by_district", 110 },
		{ "services_by_program", 27 },
		{ "children_education", 20 },
		{ "counselling_sessions", 60 },
		{ "employment_placements", 32 },
	};
	struct fx *fx = *state;
	struct stats_block b;
	size_t i;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_non_null(fx->s);
	assert_int_equal(fx->d.n, 0);
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		query(fx, arena_printf(&fx->a, "SELECT count(*) FROM %s", tables[i].table), &b);
		assert_true(num(&b, 0, 0) == tables[i].rows);
	}
	/* The README's totals. */
	query(fx, "SELECT sum(first_visits), sum(repeat_visits) FROM counselling_sessions", &b);
	assert_true(num(&b, 0, 0) == 2340 && num(&b, 0, 1) == 1012);
	query(fx, "SELECT sum(placements), sum(retained_6m) FROM employment_placements "
	    "WHERE year = 1403", &b);
	assert_true(num(&b, 0, 0) == 371 && num(&b, 0, 1) == 279);
	query(fx, "SELECT sum(registered) FROM registrations_by_district", &b);
	assert_true(num(&b, 0, 0) == 17050);
}

static void
corpus_bar(void **state)
{
	static const struct {
		const char *program;
		int served;
	} want[] = {
		{ "مشاوره و مددکاری", 3350 },
		{ "آموزش مهارت", 2480 },
		{ "سلامت و تحصیل فرزندان", 2120 },
		{ "اوقات فراغت", 1760 },
		{ "اشتغال حمایتی", 1190 },
		{ "مشاوره حقوقی, پیگیری پرونده", 410 },
	};
	struct fx *fx = *state;
	struct stats_block b;
	size_t i;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(corpus_run(fx, "content/stories/dobareh-istadan.md",
	    "stories/dobareh-istadan.md", &b), 0);
	assert_int_equal(fx->d.n, 0);
	assert_int_equal(b.chart, STATS_BAR);
	assert_string_equal(b.title, "خدمت‌گیرندگان به تفکیک برنامه در سال ۱۴۰۳");
	assert_string_equal(b.query, "SELECT program, served FROM services_by_program "
	    "WHERE year = 1403 ORDER BY served DESC");
	assert_string_equal(b.at.file, "stories/dobareh-istadan.md");
	assert_int_equal(b.ncols, 2);
	assert_string_equal(b.cols[0], "program");
	assert_string_equal(b.cols[1], "served");
	assert_int_equal(b.nrows, 6);
	assert_int_equal(b.label, 0);
	assert_int_equal(b.value, 1);
	for (i = 0; i < 6; i++) {
		assert_string_equal(text(&b, i, 0), want[i].program);
		assert_int_equal(cell(&b, i, 1)->type, STATS_INTEGER);
		assert_true(num(&b, i, 1) == want[i].served);
		assert_string_equal(cell(&b, i, 1)->text,
		    arena_printf(&fx->a, "%d", want[i].served));
	}
}

static void
corpus_pie(void **state)
{
	static const char *const levels[] = {
		"ابتدایی", "متوسطه اول", "متوسطه دوم", "دانشگاه"
	};
	static const int counts[] = { 1480, 1020, 760, 190 };
	struct fx *fx = *state;
	struct stats_block b;
	size_t i;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(corpus_run(fx, "content/pages/preface.md", "pages/preface.md", &b), 0);
	assert_int_equal(fx->d.n, 0);
	assert_int_equal(b.chart, STATS_PIE);
	assert_string_equal(b.cols[1], "count");
	assert_int_equal(b.nrows, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(text(&b, i, 0), levels[i]);
		assert_true(num(&b, i, 1) == counts[i]);
	}
}

static void
corpus_table(void **state)
{
	static const int want[5][4] = {
		{ 1399, 2650, 2650, 2080 },
		{ 1400, 3100, 5750, 3260 },
		{ 1401, 3450, 9200, 4470 },
		{ 1402, 3800, 13000, 5610 },
		{ 1403, 4050, 17050, 6620 },
	};
	static const char *const cols[] = {
		"سال", "ثبت‌نام تازه", "ثبت‌نام تجمعی", "تحت پوشش"
	};
	struct fx *fx = *state;
	struct stats_block b;
	size_t i, j;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(corpus_run(fx, "content/pages/about.md", "pages/about.md", &b), 0);
	assert_int_equal(fx->d.n, 0);
	assert_int_equal(b.chart, STATS_TABLE);
	assert_int_equal(b.ncols, 4);
	for (j = 0; j < 4; j++)
		assert_string_equal(b.cols[j], cols[j]);
	assert_int_equal(b.nrows, 5);
	for (i = 0; i < 5; i++)
		for (j = 0; j < 4; j++) {
			assert_int_equal(cell(&b, i, j)->type, STATS_INTEGER);
			assert_true(num(&b, i, j) == want[i][j]);
		}
}

static void
block_keys(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(block(fx,
	    "# a comment line\n"
	    "query: SELECT program, served FROM services_by_program WHERE program = 'a #1' OR year = 1403  # the comment\n"
	    "chart: hbar            # bar | hbar | pie | line | table | number\n"
	    "\n"
	    "title: \"عنوان: با دونقطه # و نشانه\"   # comment\n"
	    "caption: 'it''s here'\n"
	    "unit: نفر\n"
	    "format: percent\n"
	    "source: سامانه‌ی ستاد\r\n"
	    "value: SERVED\n"
	    "label: program\n", &b), 0);
	assert_int_equal(fx->d.n, 0);
	assert_string_equal(b.query, "SELECT program, served FROM services_by_program WHERE program = 'a #1' OR year = 1403");
	assert_int_equal(b.chart, STATS_HBAR);
	assert_string_equal(stats_chart_name(b.chart), "hbar");
	assert_string_equal(b.title, "عنوان: با دونقطه # و نشانه");
	assert_string_equal(b.caption, "it's here");
	assert_string_equal(b.unit, "نفر");
	assert_string_equal(b.format, "percent");
	assert_string_equal(b.source, "سامانه‌ی ستاد");
	assert_string_equal(b.value_col, "SERVED");
	assert_string_equal(b.label_col, "program");
	assert_int_equal(b.nrows, 6);
	assert_int_equal(b.label, 0);
	assert_int_equal(b.value, 1);
	assert_int_equal(b.at.line, 20);
}

static void
block_errors(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(block(fx,
	    "query: SELECT program, served FROM services_by_program WHERE year = 1403\n"
	    "chart: bars\n"
	    "titel: x\n"
	    "colour: red\n"
	    "chart: pie\n"
	    "this is not a key\n"
	    "unit:\n"
	    "source: \"no end\n"
	    "caption: 'a' b\n", &b), -1);
	assert_printed(fx,
	    "stories/x.md:21:8: error: unknown chart 'bars' — did you mean 'bar'? (the charts are bar, hbar, pie, line, table or number)\n"
	    "stories/x.md:22:1: error: unknown key 'titel' — did you mean 'title'? (the keys are query, chart, title, caption, unit, format, source, label or value)\n"
	    "stories/x.md:23:1: error: unknown key 'colour' — the keys are query, chart, title, caption, unit, format, source, label or value\n"
	    "stories/x.md:24:1: error: 'chart' is given twice (also on line 21) — keep one\n"
	    "stories/x.md:25:1: error: this line is not 'key: value' — write for example 'chart: bar', or start a comment with '#'\n"
	    "stories/x.md:26:1: error: 'unit' has no value — write one after the colon, or remove the line\n"
	    "stories/x.md:27:9: error: the value has no closing \" — add it at the end\n"
	    "stories/x.md:28:10: error: text after the closing ' — put all of the value inside the quotes\n");
	diag_release(&fx->d);
	assert_int_equal(block(fx, "chart: bar\ntitle: x\n", &b), -1);
	assert_printed(fx, "stories/x.md:20:1: error: the stats block has no 'query:' — add one, for example 'query: SELECT program, served FROM services_by_program'\n");
	diag_release(&fx->d);
	/* The column of SQLite's error offset, counted in characters. */
	assert_int_equal(block(fx, "query: SELECT 'سال', nosuch FROM services_by_program\n", &b), -1);
	assert_printed(fx, "stories/x.md:20:22: error: query: no such column: nosuch\n");
	diag_release(&fx->d);
	assert_int_equal(block(fx, "  query:   SELECT * FROM nosuch\n", &b), -1);
	assert_printed(fx, "stories/x.md:20:12: error: query: no such table: nosuch — the tables are children_education, counselling_sessions, employment_placements, registrations_by_district, services_by_program\n");
}

static void
block_columns(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	/* label: the first text column; value: the first numbers after it. */
	assert_int_equal(block(fx, "query: SELECT year, program, sessions, served FROM "
	    "services_by_program WHERE year = 1403\nchart: bar\n", &b), 0);
	assert_int_equal(b.label, 1);
	assert_int_equal(b.value, 2);
	/* No text column: the first column labels, the next numbers count. */
	assert_int_equal(block(fx, "query: SELECT year, sum(served) FROM services_by_program "
	    "GROUP BY year\nchart: line\n", &b), 0);
	assert_int_equal(b.label, 0);
	assert_int_equal(b.value, 1);
	/* Numbers before the text: any column of numbers. */
	assert_int_equal(block(fx, "query: SELECT served, program FROM services_by_program "
	    "WHERE year = 1403\nchart: bar\n", &b), 0);
	assert_int_equal(b.label, 1);
	assert_int_equal(b.value, 0);
	/* A number chart: one number, its own label. */
	assert_int_equal(block(fx, "query: SELECT sum(served) FROM services_by_program\n"
	    "chart: number\n", &b), 0);
	assert_int_equal(b.label, 0);
	assert_int_equal(b.value, 0);
	assert_true(num(&b, 0, 0) == 36690);
	assert_int_equal(fx->d.n, 0);
	/* label: and value: name the columns (ASCII case ignored). */
	assert_int_equal(block(fx, "query: SELECT program, served, sessions FROM "
	    "services_by_program WHERE year = 1403\nchart: bar\nvalue: Sessions\n", &b), 0);
	assert_int_equal(b.value, 2);
	assert_int_equal(block(fx, "query: SELECT program, served FROM services_by_program\n"
	    "chart: bar\nvalue: servd\nlabel: program\n", &b), -1);
	assert_printed(fx, "stories/x.md:22:8: error: the query returns no column 'servd' — its columns are program (text), served (numbers)\n");
	diag_release(&fx->d);
	assert_int_equal(block(fx, "query: SELECT program, served FROM services_by_program\n"
	    "chart: pie\nvalue: program\n", &b), -1);
	assert_printed(fx, "stories/x.md:22:8: error: column 'program' holds text, but a pie chart needs numbers — name a column of numbers\n");
	diag_release(&fx->d);
	assert_int_equal(block(fx, "query: SELECT program, level FROM services_by_program, "
	    "children_education LIMIT 2\nchart: bar\n", &b), -1);
	assert_printed(fx, "stories/x.md:20:8: error: the query returns no column of numbers for the bar chart — its columns are program (text), level (text); add one, or use chart: table\n");
	diag_release(&fx->d);
	/* A table needs no numbers. */
	assert_int_equal(block(fx, "query: SELECT program FROM services_by_program LIMIT 2\n"
	    "chart: table\n", &b), 0);
}

static void
block_pie_and_empty(void **state)
{
	struct fx *fx = *state;
	struct stats_block b;

	fx->s = stats_open("content/stats", "stats", &fx->d);
	assert_int_equal(block(fx, "query: SELECT program, served - 2000 FROM "
	    "services_by_program WHERE year = 1403 ORDER BY served DESC\nchart: pie\n", &b), -1);
	assert_printed(fx, "stories/x.md:21:8: error: a pie cannot show a negative number (-240 in row 4 of column 'served - 2000') — use chart: bar, or leave such rows out in the query\n");
	diag_release(&fx->d);
	/* No rows: a warning, and the painter shows a note. */
	assert_int_equal(block(fx, "query: SELECT program, served FROM services_by_program "
	    "WHERE year = 1300\nchart: bar\n", &b), 0);
	assert_int_equal(b.nrows, 0);
	assert_int_equal(b.ncols, 2);
	assert_int_equal(b.label, 0);
	assert_int_equal(b.value, 1);
	assert_printed(fx, "stories/x.md:20:8: warning: the query returns no rows — the bar shows a note instead; check its WHERE\n");
	diag_release(&fx->d);
	/* No chart: a table. */
	assert_int_equal(block(fx, "query: SELECT 1.5, 'x', NULL\n", &b), 0);
	assert_int_equal(b.chart, STATS_TABLE);
	assert_int_equal(cell(&b, 0, 0)->type, STATS_REAL);
	assert_string_equal(cell(&b, 0, 0)->text, "1.5");
	assert_int_equal(cell(&b, 0, 2)->type, STATS_NULL);
}

static void
value_starting_with_hash(void **state)
{
	/* Found by fuzzing: a value that starts with '#' made the comment
	 * check read the byte before it. */
	struct fx *fx = *state;
	struct stats_block b;

	load(fx);
	assert_int_equal(block(fx, "query:#lab", &b), -1);
	assert_int_equal(block(fx, "query: SELECT 1\ntitle:#x\n", &b), 0);
	assert_string_equal(b.title, "#x");
}

/* A highlight's number as a leaflet or the home page prints it. */
static void
highlight_values(void **state)
{
	struct fx *fx = *state;
	struct arena a;
	struct doc_highlight h = { NULL, "SELECT 'x', SUM(served) FROM t", "l", 7, 5 };

	arena_init(&a);
	assert_string_equal(stats_value_text(&a, "17000", 1), "۱۷٬۰۰۰");
	assert_string_equal(stats_value_text(&a, "2480", 1), "۲٬۴۸۰");
	assert_string_equal(stats_value_text(&a, "22", 1), "۲۲");
	assert_string_equal(stats_value_text(&a, "1012", 1), "۱٬۰۱۲");
	assert_string_equal(stats_value_text(&a, "1250000", 1), "۱٬۲۵۰٬۰۰۰");
	assert_string_equal(stats_value_text(&a, "100%", 1), "۱۰۰٪");
	assert_string_equal(stats_value_text(&a, "17,000", 1), "۱۷٬۰۰۰");
	assert_string_equal(stats_value_text(&a, "3.5", 1), "۳٫۵");
	assert_string_equal(stats_value_text(&a, "۲۲ منطقه", 1), "۲۲ منطقه");
	assert_string_equal(stats_value_text(&a, "17000", 0), "17,000");
	assert_string_equal(stats_value_text(&a, "100%", 0), "100%");
	assert_string_equal(stats_number_text(&a, 6620, 1), "۶٬۶۲۰");
	assert_string_equal(stats_number_text(&a, 999, 0), "999");
	assert_string_equal(stats_number_text(&a, -1500, 0), "-1,500");
	/* A query's first number, whichever column it is in. */
	write_file(arena_printf(&fx->a, "%s/t.csv", fx->root),
	    "served\n1200\n5420\n", strlen("served\n1200\n5420\n"));
	load(fx);
	assert_string_equal(stats_highlight_text(&a, fx->s, &h, "booklet.yaml",
	    1, &fx->d), "۶٬۶۲۰");
	assert_int_equal(fx->d.n, 0);
	/* No number: an error at the highlight, saying what to write. */
	h.query = "SELECT 'x'";
	assert_null(stats_highlight_text(&a, fx->s, &h, "booklet.yaml", 1, &fx->d));
	assert_printed(fx, "booklet.yaml:7:5: error: highlight query gave no number — its first row needs a numeric column, such as SELECT COUNT(*) FROM ...\n");
	diag_release(&fx->d);
	/* A value needs no statistics at all. */
	h.value = "22";
	assert_string_equal(stats_highlight_text(&a, NULL, &h, "booklet.yaml",
	    1, &fx->d), "۲۲");
	arena_release(&a);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(golden_diagnostics),
		T(value_starting_with_hash),
		T(highlight_values),
		T(bom_not_in_name),
		T(crlf_lines),
		T(quoted_fields),
		T(delimiters),
		T(persian_digits),
		T(empty_cells_null),
		T(trailing_empty_columns),
		T(type_inference),
		T(numbers),
		T(bad_file_loads_nothing),
		T(same_table_twice),
		T(missing_folder),
		T(pg_dump_inserts),
		T(sqlite_dump),
		T(sqlite_attached_read_only),
		T(read_only),
		T(step_limit),
		T(content_folder),
		T(corpus_bar),
		T(corpus_pie),
		T(corpus_table),
		T(block_keys),
		T(block_errors),
		T(block_columns),
		T(block_pie_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
