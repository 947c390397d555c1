/* tests/content.c - content_load(): the sample project, front matter, positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "support.h"

/* Run from the repository root (the Makefile does): data paths are relative. */
#define SAMPLE	"content"
#define CASES	"tests/content"

struct fx {
	struct arena a;
	struct diags d;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	arena_init(&fx->a);
	diag_init(&fx->d);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	diag_release(&fx->d);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

/* Line n (1-based) of the file at path, without its line break. */
static char *
file_line(const char *path, int n)
{
	char *s = test_slurp(path), *p = s, *e;
	char *line;

	for (; n > 1 && p != NULL; n--)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	assert_non_null(p);
	e = p + strcspn(p, "\r\n");
	line = strndup(p, (size_t)(e - p));
	free(s);
	return line;
}

static struct doc *
find(struct doc **docs, const char *slug)
{
	for (; *docs != NULL; docs++)
		if (strcmp((*docs)->slug, slug) == 0)
			return *docs;
	return NULL;
}

static void
free_all(struct doc **docs)
{
	for (; docs != NULL && *docs != NULL; docs++)
		content_free(*docs);
}

/*
 * The sample project.
 */

static void
sample_stories(void **state)
{
	struct fx *fx = *state;
	struct doc **docs, *doc;
	size_t n, published = 0, i;

	docs = content_load_dir(&fx->a, SAMPLE, "stories", DOC_STORY, &fx->d);
	assert_non_null(docs);
	/* The sample is clean: any diagnostic is a regression. */
	assert_int_equal(fx->d.n, 0);
	for (n = 0; docs[n] != NULL; n++) {
		doc = docs[n];
		assert_int_equal(doc->kind, DOC_STORY);
		assert_non_null(doc->root);
		assert_true(doc->has_date);
		assert_int_equal(doc->date.year, 1403);
		assert_non_null(doc->title);
		assert_non_null(doc->pseudonym);
		assert_non_null(doc->district);
		assert_non_null(doc->program);
		assert_non_null(doc->summary);
		assert_in_range(doc->ntags, 2, 3);
		if (n > 0)	/* sorted by file name */
			assert_true(strcmp(docs[n - 1]->path, doc->path) < 0);
		if (doc->excluded == DOC_PUBLISHED)
			published++;
	}
	assert_int_equal(n, 12);
	assert_int_equal(published, 10);
	assert_string_equal(docs[0]->path, "stories/ashpazkhaneh-mahalleh.md");
	assert_string_equal(docs[0]->slug, "ashpazkhaneh-mahalleh");

	doc = find(docs, "ayeneh-ru-be-ayandeh");
	assert_non_null(doc);
	assert_int_equal(doc->excluded, DOC_NO_CONSENT);
	assert_false(doc->consent);
	doc = find(docs, "basteh-bandi-sabzi");
	assert_non_null(doc);
	assert_int_equal(doc->excluded, DOC_DRAFT);
	assert_true(doc->consent);
	assert_true(doc->draft);

	doc = find(docs, "khayati-dar-manzel");
	assert_string_equal(doc->photo, "images/khayati.jpg");
	assert_non_null(doc->photo_alt);
	assert_string_equal(doc->program, "آموزش مهارت");
	assert_string_equal(doc->district, "منطقه ۱۵");
	doc = find(docs, "excel-va-hesabdari");
	assert_string_equal(doc->title, "از دفترچه‌ی حساب تا Excel");
	assert_null(doc->photo);

	/* Every story's Markdown starts on the line after the closing fence. */
	for (i = 0; i < n; i++) {
		char *path = arena_printf(&fx->a, SAMPLE "/%s", docs[i]->path);
		char *fence = file_line(path, docs[i]->body_line - 1);

		assert_string_equal(fence, "---");
		free(fence);
	}
	free_all(docs);
}

static void
sample_tags_and_dates(void **state)
{
	struct fx *fx = *state;
	struct doc *doc;

	/* Flow-style tags, and 31 Shahrivar: a date no Gregorian parser takes. */
	doc = content_load(&fx->a, SAMPLE, "stories/ashpazkhaneh-mahalleh.md",
	    DOC_STORY, &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->ntags, 3);
	assert_string_equal(doc->tags[0], "آشپزی");
	assert_string_equal(doc->tags[1], "اشتغال حمایتی");
	assert_string_equal(doc->tags[2], "فروش اینترنتی");
	assert_int_equal(doc->date.year, 1403);
	assert_int_equal(doc->date.month, 6);
	assert_int_equal(doc->date.day, 31);
	content_free(doc);

	/* Block-style tags, one of them Latin. */
	doc = content_load(&fx->a, SAMPLE, "stories/excel-va-hesabdari.md",
	    DOC_STORY, &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->ntags, 3);
	assert_string_equal(doc->tags[1], "ICDL");
	content_free(doc);
	assert_int_equal(fx->d.n, 0);
}

static void
sample_body_line(void **state)
{
	struct fx *fx = *state;
	cmark_node *first;
	struct doc *doc;
	char *line;

	doc = content_load(&fx->a, SAMPLE, "stories/dobareh-istadan.md",
	    DOC_STORY, &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->body_line, 14);
	first = cmark_node_first_child(doc->root);
	assert_int_equal(cmark_node_get_type(first), CMARK_NODE_HEADING);
	/* cmark line l is file line body_line + l - 1. */
	line = file_line(SAMPLE "/stories/dobareh-istadan.md",
	    doc->body_line + cmark_node_get_start_line(first) - 1);
	assert_string_equal(line, "## وقتی کسی می‌پرسد «حالت چطور است؟»");
	free(line);
	content_free(doc);
}

static void
sample_pages_and_leaflets(void **state)
{
	struct fx *fx = *state;
	struct doc **pages, **leaflets;

	pages = content_load_dir(&fx->a, SAMPLE, "pages", DOC_PAGE, &fx->d);
	assert_non_null(pages);
	assert_non_null(pages[0]);
	assert_non_null(pages[1]);
	assert_null(pages[2]);
	assert_string_equal(pages[0]->slug, "about");
	assert_string_equal(pages[1]->title, "پیشگفتار");
	assert_non_null(pages[1]->summary);
	assert_int_equal(pages[1]->excluded, DOC_PUBLISHED);

	leaflets = content_load_dir(&fx->a, SAMPLE, "leaflets", DOC_LEAFLET, &fx->d);
	assert_non_null(leaflets);
	assert_non_null(leaflets[1]);
	assert_null(leaflets[2]);
	assert_string_equal(leaflets[0]->program, "آموزش مهارت");
	assert_string_equal(leaflets[1]->title, "تنها نیستید");
	assert_int_equal(leaflets[1]->excluded, DOC_PUBLISHED);
	/* format, phone, highlights...: known to leaflets, so no warning. */
	assert_int_equal(fx->d.n, 0);
	free_all(pages);
	free_all(leaflets);
}

/*
 * tests/content/NAME.md + NAME.diag: the diagnostics, exactly as printed.
 * An empty .diag means the file loads cleanly; a "page-" or "leaflet-" name
 * loads the file as that kind.
 */

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_case(struct fx *fx, const char *name)
{
	enum doc_kind kind = DOC_STORY;
	struct doc *doc;
	char *want, *got, *path;
	size_t n = strlen(name) - strlen(".diag");

	if (strncmp(name, "page-", 5) == 0)
		kind = DOC_PAGE;
	else if (strncmp(name, "leaflet-", 8) == 0)
		kind = DOC_LEAFLET;
	want = test_slurp(arena_printf(&fx->a, CASES "/%s", name));
	path = arena_printf(&fx->a, "content/%.*s.md", (int)n, name);
	diag_release(&fx->d);
	doc = content_load(&fx->a, "tests", path, kind, &fx->d);
	got = test_printed(&fx->d);
	if (strcmp(got, want) != 0)
		print_message("case %s\n", path);
	assert_string_equal(got, want);
	/* A file with an error is left out; without one it is loaded. */
	if (strstr(want, ": error: ") != NULL)
		assert_null(doc);
	else
		assert_non_null(doc);
	content_free(doc);
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
	assert_true(n >= 10);
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		check_case(fx, names[i]);
		free(names[i]);
	}
}

/*
 * The cases the golden files cover, asserted on the fields, so a failure
 * says which rule broke.
 */

static void
invalid_utf8_position(void **state)
{
	struct fx *fx = *state;

	assert_null(content_load(&fx->a, "tests", "content/bad-utf8.md",
	    DOC_STORY, &fx->d));
	assert_int_equal(fx->d.n, 1);
	assert_int_equal(fx->d.v[0].level, DIAG_ERROR);
	assert_string_equal(fx->d.v[0].file, "content/bad-utf8.md");
	/* "summary: نر" then a Windows-1256 byte: column 12 in characters. */
	assert_int_equal(fx->d.v[0].line, 7);
	assert_int_equal(fx->d.v[0].col, 12);
	assert_non_null(strstr(fx->d.v[0].msg, "save the file as UTF-8"));
}

static void
yaml_error_in_file_coordinates(void **state)
{
	struct fx *fx = *state;

	assert_null(content_load(&fx->a, "tests", "content/bad-yaml.md",
	    DOC_STORY, &fx->d));
	/* Only the syntax error: the fields it hid are not "missing". */
	assert_int_equal(fx->d.n, 1);
	/* The second ": " on line 7 of the file (line 6 of the YAML). */
	assert_int_equal(fx->d.v[0].line, 7);
	assert_int_equal(fx->d.v[0].col, 18);
	assert_non_null(strstr(fx->d.v[0].msg, "invalid YAML: "));
}

static void
unknown_field_suggestion(void **state)
{
	struct fx *fx = *state;
	size_t i, warnings = 0;

	assert_null(content_load(&fx->a, "tests", "content/unknown-key.md",
	    DOC_STORY, &fx->d));
	for (i = 0; i < fx->d.n; i++) {
		if (fx->d.v[i].level != DIAG_WARN)
			continue;
		if (warnings++ == 0) {
			assert_int_equal(fx->d.v[i].line, 2);
			assert_int_equal(fx->d.v[i].col, 1);
			assert_string_equal(fx->d.v[i].msg,
			    "unknown field 'titel' — did you mean 'title'?");
		}
	}
	assert_int_equal(warnings, 3);
	/* With 'title' misspelt, the title is missing too. */
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
}

static void
missing_fields(void **state)
{
	struct fx *fx = *state;

	assert_null(content_load(&fx->a, "tests", "content/missing-fields.md",
	    DOC_STORY, &fx->d));
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 4);
	assert_int_equal(fx->d.v[0].line, 1);
	assert_string_equal(fx->d.v[2].msg, "missing field 'date' — add a line "
	    "'date: ...' to the front matter, giving the Jalali date as "
	    "YYYY-MM-DD, such as 1403-07-15");
}

static void
invalid_date(void **state)
{
	struct fx *fx = *state;

	/* 1404 is not a leap year: Esfand has 29 days. */
	assert_null(content_load(&fx->a, "tests", "content/bad-date.md",
	    DOC_STORY, &fx->d));
	assert_int_equal(fx->d.n, 1);
	assert_int_equal(fx->d.v[0].level, DIAG_ERROR);
	assert_int_equal(fx->d.v[0].line, 6);
	/* In the value "1404-12-30", which starts at column 7. */
	assert_in_range(fx->d.v[0].col, 7, 16);
	assert_true(strncmp(fx->d.v[0].msg, "invalid date '1404-12-30'",
	    strlen("invalid date '1404-12-30'")) == 0);
}

static void
leap_day(void **state)
{
	struct fx *fx = *state;
	struct doc *doc;

	/* 1403 is a leap year: 30 Esfand exists. */
	doc = content_load(&fx->a, "tests", "content/leap-day.md", DOC_STORY,
	    &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->date.month, 12);
	assert_int_equal(doc->date.day, 30);
	assert_int_equal(fx->d.n, 0);
	content_free(doc);
}

static void
bom_and_crlf(void **state)
{
	struct fx *fx = *state;
	cmark_node *first;
	struct doc *doc;

	doc = content_load(&fx->a, "tests", "content/bom-crlf.md", DOC_STORY,
	    &fx->d);
	assert_non_null(doc);
	/* No '\r' sticks to the values, and no BOM to the first line. */
	assert_string_equal(doc->title, "چرخ خیاطی");
	assert_string_equal(doc->summary, "یک جمله.");
	assert_int_equal(doc->ntags, 2);
	assert_string_equal(doc->tags[1], "کار");
	assert_int_equal(doc->date.day, 31);
	assert_int_equal(doc->excluded, DOC_PUBLISHED);
	/* Positions count CRLF as one line break. */
	assert_int_equal(fx->d.n, 1);
	assert_int_equal(fx->d.v[0].line, 10);
	assert_int_equal(fx->d.v[0].col, 1);
	assert_int_equal(doc->body_line, 12);
	first = cmark_node_first_child(doc->root);
	assert_int_equal(cmark_node_get_type(first), CMARK_NODE_HEADING);
	assert_int_equal(doc->body_line + cmark_node_get_start_line(first) - 1, 13);
	content_free(doc);
}

static void
exclusion(void **state)
{
	struct fx *fx = *state;
	struct doc *doc;

	/* draft: true wins over consent: false: the summary says "draft". */
	doc = content_load(&fx->a, "tests", "content/draft-no-consent.md",
	    DOC_STORY, &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->excluded, DOC_DRAFT);
	content_free(doc);
	/* No consent line at all is no consent; a lone tag is a list of one. */
	doc = content_load(&fx->a, "tests", "content/no-consent-field.md",
	    DOC_STORY, &fx->d);
	assert_non_null(doc);
	assert_int_equal(doc->excluded, DOC_NO_CONSENT);
	assert_int_equal(doc->ntags, 1);
	assert_string_equal(doc->tags[0], "خیاطی");
	content_free(doc);
	assert_int_equal(fx->d.n, 0);
}

static void
missing_folder(void **state)
{
	struct fx *fx = *state;

	assert_null(content_load_dir(&fx->a, "tests", "no-such-folder",
	    DOC_STORY, &fx->d));
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
	assert_null(content_load(&fx->a, "tests", "content/no-such-file.md",
	    DOC_STORY, &fx->d));
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 2);
	content_free(NULL);
}

/*
 * The helpers config.c shares.
 */

static void
utf8_check(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		int line, col;		/* 0: valid */
	} cases[] = {
		{ "سلام\nنیم‌فاصله 😀\n", 0, 0, 0 },
		{ "ab\n\xC0\xAF", 0, 2, 1 },		/* overlong '/' */
		{ "\xED\xA0\x80", 0, 1, 1 },		/* surrogate */
		{ "\xF4\x90\x80\x80", 0, 1, 1 },	/* past U+10FFFF */
		{ "سل\xD8", 0, 1, 3 },			/* cut short at the end */
		{ "a\xE2\x82z", 0, 1, 2 },		/* cut short mid-line */
		{ "x\r\nسلام\x80", 0, 2, 5 },		/* stray continuation byte */
		{ "a\0b", 3, 1, 2 },			/* NUL */
		{ "\xFF\xFE-\0", 4, 1, 1 },		/* UTF-16 with a BOM */
		{ "-\0-\0", 4, 1, 1 },			/* UTF-16 without one */
	};
	struct fx *fx = *state;
	size_t i, len;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		diag_release(&fx->d);
		len = cases[i].len ? cases[i].len : strlen(cases[i].s);
		rc = content_check_utf8(cases[i].s, len, "x.md", &fx->d);
		if (rc != (cases[i].line == 0 ? 0 : -1) || (rc != 0 &&
		    (fx->d.v[0].line != cases[i].line || fx->d.v[0].col != cases[i].col)))
			print_message("case %zu\n", i);
		if (cases[i].line == 0) {
			assert_int_equal(rc, 0);
			assert_int_equal(fx->d.n, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(fx->d.n, 1);
		assert_int_equal(fx->d.v[0].line, cases[i].line);
		assert_int_equal(fx->d.v[0].col, cases[i].col);
	}
}

static void
suggest(void **state)
{
	static const char *const known[] = { "title", "tags", "summary",
		"photo", "photo_alt", "date", NULL };

	(void)state;
	assert_string_equal(content_suggest("titel", known), "title");
	assert_string_equal(content_suggest("Title", known), "title");
	assert_string_equal(content_suggest("tag", known), "tags");
	assert_string_equal(content_suggest("sumary", known), "summary");
	assert_string_equal(content_suggest("foto", known), "photo");
	assert_string_equal(content_suggest("photo-alt", known), "photo_alt");
	assert_null(content_suggest("colour", known));
	assert_null(content_suggest("x", known));
	assert_null(content_suggest("", known));
}

static void
path_inside(void **state)
{
	(void)state;
	assert_true(content_path_inside("images/khayati.jpg"));
	assert_true(content_path_inside("pages/about"));
	assert_true(content_path_inside("images/..x.jpg"));
	assert_false(content_path_inside("/etc/passwd"));
	assert_false(content_path_inside("../secret.jpg"));
	assert_false(content_path_inside("images/../../x.jpg"));
	assert_false(content_path_inside("images/.."));
	assert_false(content_path_inside("images\\..\\x.jpg"));
}

/* The field list "daftar new" writes from: every story field of DESIGN.md,
 * with the six the loader demands marked required. */
static void
field_list(void **state)
{
	static const char *const story[] = { "title", "pseudonym", "district",
	    "program", "date", "summary", "tags", "consent", "draft", "photo",
	    "photo_alt", NULL };
	static const char *const story_required[] = { "title", "pseudonym",
	    "district", "program", "date", "summary", NULL };
	const char *name;
	size_t i, j;
	int req;

	(void)state;
	for (i = 0; (name = content_field(DOC_STORY, i, &req)) != NULL; i++) {
		assert_non_null(story[i]);
		assert_string_equal(name, story[i]);
		for (j = 0; story_required[j] != NULL; j++)
			if (strcmp(story_required[j], name) == 0)
				break;
		assert_int_equal(req, story_required[j] != NULL);
	}
	assert_null(story[i]);
	assert_string_equal(content_field(DOC_PAGE, 0, &req), "title");
	assert_int_equal(req, 1);
	assert_string_equal(content_field(DOC_PAGE, 1, &req), "summary");
	assert_int_equal(req, 0);
	assert_null(content_field(DOC_PAGE, 2, NULL));
	assert_string_equal(content_field(DOC_LEAFLET, 1, &req), "program");
	assert_int_equal(req, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sample_stories, setup, teardown),
		cmocka_unit_test_setup_teardown(sample_tags_and_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(sample_body_line, setup, teardown),
		cmocka_unit_test_setup_teardown(sample_pages_and_leaflets, setup, teardown),
		cmocka_unit_test_setup_teardown(golden_diagnostics, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_utf8_position, setup, teardown),
		cmocka_unit_test_setup_teardown(yaml_error_in_file_coordinates, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_field_suggestion, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_date, setup, teardown),
		cmocka_unit_test_setup_teardown(leap_day, setup, teardown),
		cmocka_unit_test_setup_teardown(bom_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(exclusion, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(utf8_check, setup, teardown),
		cmocka_unit_test_setup_teardown(suggest, setup, teardown),
		cmocka_unit_test(path_inside),
		cmocka_unit_test(field_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
