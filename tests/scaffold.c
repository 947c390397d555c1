/* tests/scaffold.c - "daftar new": names, today's date, files the loader takes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "scaffold.h"
#include "support.h"

/* 2025-01-01T00:00:00Z: Jalali 1403-10-12 (12 Dey 1403). */
#define EPOCH		"1735689600"

struct fx {
	char root[64];		/* a content folder: booklet.yaml, nothing else */
	struct arena a;
	struct diags d;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	char *yaml;
	FILE *fp;

	if (fx == NULL)
		return -1;
	strcpy(fx->root, "/tmp/daftar-scaffold-XXXXXX");
	if (mkdtemp(fx->root) == NULL)
		return -1;
	arena_init(&fx->a);
	diag_init(&fx->d);
	/* The sample's booklet.yaml, for its list of programs. */
	if ((yaml = test_slurp("content/booklet.yaml")) == NULL ||
	    (fp = fopen(arena_printf(&fx->a, "%s/booklet.yaml", fx->root), "w")) == NULL)
		return -1;
	fputs(yaml, fp);
	fclose(fp);
	free(yaml);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	test_remove_tree(fx->root);
	diag_release(&fx->d);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

/* Whether the front matter of text has a line "name:" at its start, right
 * under a "# " comment: the field is there, and explained. */
static int
has_field(const char *text, const char *name)
{
	const char *end = strstr(text + 4, "\n---\n"), *line = text, *prev = NULL;
	const char *nl;
	size_t n = strlen(name);

	while (end != NULL && line < end) {
		if (strncmp(line, name, n) == 0 && line[n] == ':')
			return prev != NULL && strncmp(prev, "# ", 2) == 0;
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		prev = line;
		line = nl + 1;
	}
	return 0;
}

static void
slug_rules(void **state)
{
	char fixed[80];

	(void)state;
	assert_true(scaffold_slug_ok("nan-e-khanegi", fixed, sizeof fixed));
	assert_true(scaffold_slug_ok("x", fixed, sizeof fixed));
	assert_true(scaffold_slug_ok("dars-1403", fixed, sizeof fixed));
	assert_false(scaffold_slug_ok("Nan e Khanegi.md", fixed, sizeof fixed));
	assert_string_equal(fixed, "nan-e-khanegi");
	assert_false(scaffold_slug_ok("-nan--e_", fixed, sizeof fixed));
	assert_string_equal(fixed, "nan-e");
	assert_false(scaffold_slug_ok("../etc/x", fixed, sizeof fixed));
	assert_string_equal(fixed, "etc-x");
	assert_false(scaffold_slug_ok("نان-خانگی", fixed, sizeof fixed));
	assert_string_equal(fixed, "");
	assert_false(scaffold_slug_ok("nan-خانگی", fixed, sizeof fixed));
	assert_string_equal(fixed, "nan");
	assert_false(scaffold_slug_ok("", fixed, sizeof fixed));
	assert_false(scaffold_slug_ok("a.b", fixed, sizeof fixed));
	assert_string_equal(fixed, "a-b");
	/* Longer than 64 is refused, and the suggestion is cut to 64. */
	assert_true(scaffold_slug_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    fixed, sizeof fixed));
	assert_false(scaffold_slug_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    fixed, sizeof fixed));
	assert_int_equal(strlen(fixed), 64);
}

static void
today_from_epoch(void **state)
{
	struct fx *fx = *state;
	struct fa_date t;

	scaffold_today(EPOCH, &t, &fx->d);
	assert_int_equal(t.year, 1403);
	assert_int_equal(t.month, 10);
	assert_int_equal(t.day, 12);
	/* A second before, in UTC, is the day before, wherever the test runs. */
	scaffold_today("1735689599", &t, &fx->d);
	assert_int_equal(t.day, 11);
	assert_int_equal(fx->d.n, 0);
	scaffold_today("soon", &t, &fx->d);
	assert_int_equal(diag_count(&fx->d, DIAG_WARN), 1);
	assert_true(fa_jalali_valid(t.year, t.month, t.day));
}

/* Replaces every placeholder of kind in the file at path, as an editor
 * would. */
static void
fill_in(const char *path, enum doc_kind kind)
{
	static const char *const names[] = { "title", "pseudonym", "district",
	    "program", "summary" };
	char *text = test_slurp(path), *at;
	const char *ph;
	FILE *fp;
	size_t i;

	assert_non_null(text);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((ph = content_placeholder(kind, names[i])) == NULL ||
		    (at = strstr(text, ph)) == NULL)
			continue;
		/* The same number of bytes, so the rest stays in place. */
		memset(at, 'x', strlen(ph));
	}
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	free(text);
}

/* Writes a new file of kind, loads it, and checks what every kind must be. */
static struct doc *
new_and_load(struct fx *fx, enum doc_kind kind, const char *slug)
{
	struct fa_date t;
	const char *path, *name;
	char *text, *msg;
	struct doc *doc;
	size_t i;
	int req;

	scaffold_today(EPOCH, &t, &fx->d);
	path = scaffold_write(&fx->a, fx->root, kind, slug, t, &fx->d);
	assert_non_null(path);
	assert_string_equal(path, arena_printf(&fx->a, "%s/%s/%s.md", fx->root,
	    scaffold_folder(kind), slug));
	doc = content_load(&fx->a, fx->root, arena_printf(&fx->a, "%s/%s.md",
	    scaffold_folder(kind), slug), kind, &fx->d);
	msg = test_printed(&fx->d);
	if (kind != DOC_STORY) {
		/* A page or leaflet is published once listed: its placeholder
		 * title is an error until replaced.  A story waits for its
		 * consent, with nothing to say. */
		assert_null(doc);
		assert_non_null(strstr(msg, ": error: field 'title' still holds '"));
		assert_non_null(strstr(msg, content_placeholder(kind, "title")));
		free(msg);
		diag_release(&fx->d);
		diag_init(&fx->d);
		fill_in(path, kind);
		doc = content_load(&fx->a, fx->root, arena_printf(&fx->a,
		    "%s/%s.md", scaffold_folder(kind), slug), kind, &fx->d);
		msg = test_printed(&fx->d);
	}
	/* Not an error, not even a warning or a note. */
	assert_string_equal(msg, "");
	free(msg);
	assert_non_null(doc);
	text = test_slurp(path);
	assert_non_null(text);
	for (i = 0; (name = content_field(kind, i, &req)) != NULL; i++) {
		if (!has_field(text, name))
			fail_msg("%s: field '%s' missing or without its note",
			    scaffold_folder(kind), name);
	}
	free(text);
	assert_non_null(doc->root);
	content_free(doc);
	return doc;
}

static void
new_story(void **state)
{
	struct fx *fx = *state;
	struct doc *doc = new_and_load(fx, DOC_STORY, "nan-e-khanegi");
	char *text;

	assert_true(doc->has_date);
	assert_int_equal(doc->date.year, 1403);
	assert_int_equal(doc->date.month, 10);
	assert_int_equal(doc->date.day, 12);
	assert_int_equal(doc->consent, 0);
	assert_int_equal(doc->draft, 0);
	assert_int_equal(doc->excluded, DOC_NO_CONSENT);
	/* The comment over program lists booklet.yaml's programs. */
	text = test_slurp(arena_printf(&fx->a, "%s/stories/nan-e-khanegi.md", fx->root));
	assert_non_null(strstr(text, "آموزش مهارت، اشتغال حمایتی"));
	free(text);
}

static void
new_page(void **state)
{
	struct fx *fx = *state;
	struct doc *doc = new_and_load(fx, DOC_PAGE, "faq");
	char *text = test_slurp(arena_printf(&fx->a, "%s/pages/faq.md", fx->root));

	assert_int_equal(doc->excluded, DOC_PUBLISHED);
	/* It says how to put it on the site. */
	assert_non_null(strstr(text, "- pages/faq"));
	free(text);
}

static void
new_leaflet(void **state)
{
	struct fx *fx = *state;
	struct doc *doc = new_and_load(fx, DOC_LEAFLET, "kargah");

	assert_string_equal(doc->format, "a5-flyer");
	assert_null(doc->phone);
}

static void
never_overwrites(void **state)
{
	struct fx *fx = *state;
	struct fa_date t = { 1403, 1, 1 };
	const char *path = arena_printf(&fx->a, "%s/stories/x.md", fx->root);
	char *before, *after, *msg;

	assert_non_null(scaffold_write(&fx->a, fx->root, DOC_STORY, "x", t, &fx->d));
	before = test_slurp(path);
	t.day = 2;
	assert_null(scaffold_write(&fx->a, fx->root, DOC_STORY, "x", t, &fx->d));
	after = test_slurp(path);
	assert_string_equal(before, after);
	msg = test_printed(&fx->d);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "already exists"));
	free(msg);
	free(before);
	free(after);
}

static void
needs_booklet_yaml(void **state)
{
	struct fx *fx = *state;
	struct fa_date t = { 1403, 1, 1 };
	char *msg;

	assert_null(scaffold_write(&fx->a, arena_printf(&fx->a, "%s/stories",
	    fx->root), DOC_STORY, "x", t, &fx->d));
	msg = test_printed(&fx->d);
	assert_non_null(strstr(msg, "booklet.yaml: error: not found"));
	free(msg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slug_rules),
		cmocka_unit_test_setup_teardown(today_from_epoch, setup, teardown),
		cmocka_unit_test_setup_teardown(new_story, setup, teardown),
		cmocka_unit_test_setup_teardown(new_page, setup, teardown),
		cmocka_unit_test_setup_teardown(new_leaflet, setup, teardown),
		cmocka_unit_test_setup_teardown(never_overwrites, setup, teardown),
		cmocka_unit_test_setup_teardown(needs_booklet_yaml, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
