/* tests/tmpl.c - the Mustache subset: escaping, sections, errors at file:line:col. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "tmpl.h"

struct fixture {
	struct arena a;
	struct diags d;
	struct buf out;
	struct tmpl_value *data;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	arena_init(&f->a);
	diag_init(&f->d);
	f->data = tmpl_object(&f->a);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	buf_release(&f->out);
	diag_release(&f->d);
	arena_release(&f->a);
	free(f);
	return 0;
}

/* Parses src as "t.html" and renders it with f->data; returns the output
 * or NULL when parsing or rendering failed. */
static const char *
run(struct fixture *f, const char *src)
{
	struct tmpl *t;

	buf_truncate(&f->out, 0);
	t = tmpl_parse(&f->a, NULL, "t.html", src, strlen(src), &f->d);
	if (t == NULL)
		return NULL;
	if (tmpl_render(t, f->data, &f->out, &f->d) != 0)
		return NULL;
	return f->out.data != NULL ? f->out.data : "";
}

/* Exactly one error, at line:col of t.html, whose message holds part. */
static void
assert_error(struct fixture *f, int line, int col, const char *part)
{
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].level, DIAG_ERROR);
	assert_string_equal(f->d.v[0].file, "t.html");
	assert_int_equal(f->d.v[0].line, line);
	assert_int_equal(f->d.v[0].col, col);
	if (strstr(f->d.v[0].msg, part) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", f->d.v[0].msg, part);
}

static void
test_escapes_text(void **state)
{
	struct fixture *f = *state;

	tmpl_set_text(&f->a, f->data, "x", "<a href=\"q\">O'Neil & «زن»</a>");
	assert_string_equal(run(f, "[{{x}}] [{{ x }}]"),
	    "[&lt;a href=&quot;q&quot;&gt;O&#39;Neil &amp; «زن»&lt;/a&gt;] "
	    "[&lt;a href=&quot;q&quot;&gt;O&#39;Neil &amp; «زن»&lt;/a&gt;]");
	assert_int_equal(f->d.n, 0);
}

static void
test_missing_is_empty(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "a{{nothing}}b{{{nothing}}}c"), "abc");
}

static void
test_raw_html(void **state)
{
	struct fixture *f = *state;

	tmpl_set_html(&f->a, f->data, "body", "<p>متن</p>", strlen("<p>متن</p>"));
	assert_string_equal(run(f, "{{{body}}}|{{& body}}"),
	    "<p>متن</p>|<p>متن</p>");
}

static void
test_raw_text_is_an_error(void **state)
{
	struct fixture *f = *state;

	/* Content must never become markup, even by a template mistake. */
	tmpl_set_text(&f->a, f->data, "title", "<script>");
	assert_null(run(f, "<h1>\n  {{{title}}}</h1>"));
	assert_error(f, 2, 3, "'title' is text");
	assert_null(strstr(f->out.data != NULL ? f->out.data : "", "<script>"));
}

static void
test_html_in_escaped_tag_is_an_error(void **state)
{
	struct fixture *f = *state;

	tmpl_set_html(&f->a, f->data, "body", "<p>x</p>", 8);
	assert_null(run(f, "{{body}}"));
	assert_error(f, 1, 1, "{{{body}}}");
}

static void
test_list_section(void **state)
{
	struct fixture *f = *state;
	struct tmpl_value *list = tmpl_list(&f->a), *item;
	const char *names[] = { "نرگس", "فرشته", "<زهره>" };
	size_t i;

	for (i = 0; i < 3; i++) {
		item = tmpl_object(&f->a);
		tmpl_set_text(&f->a, item, "name", names[i]);
		tmpl_append(&f->a, list, item);
	}
	tmpl_set(&f->a, f->data, "people", list);
	tmpl_set_text(&f->a, f->data, "sep", "/");
	/* An item's own names first, then the outer context's. */
	assert_string_equal(run(f, "{{#people}}{{name}}{{sep}}{{/people}}"),
	    "نرگس/فرشته/&lt;زهره&gt;/");
}

static void
test_dot_and_dotted_names(void **state)
{
	struct fixture *f = *state;
	struct tmpl_value *tags = tmpl_list(&f->a), *site = tmpl_object(&f->a);

	tmpl_append(&f->a, tags, tmpl_text(&f->a, "a&b", 3));
	tmpl_append(&f->a, tags, tmpl_text(&f->a, "c", 1));
	tmpl_set(&f->a, f->data, "tags", tags);
	tmpl_set_text(&f->a, site, "title", "دفتر");
	tmpl_set(&f->a, f->data, "site", site);
	assert_string_equal(run(f, "{{#tags}}<{{.}}>{{/tags}} {{site.title}} "
	    "{{site.none}}{{none.title}}"), "<a&amp;b><c> دفتر ");
}

static void
test_bool_and_object_sections(void **state)
{
	struct fixture *f = *state;
	struct tmpl_value *photo = tmpl_object(&f->a);

	tmpl_set_bool(&f->a, f->data, "yes", 1);
	tmpl_set_bool(&f->a, f->data, "no", 0);
	tmpl_set_text(&f->a, photo, "alt", "عکس");
	tmpl_set(&f->a, f->data, "photo", photo);
	tmpl_set_text(&f->a, f->data, "s", "متن");
	tmpl_set_text(&f->a, f->data, "empty", "");
	assert_string_equal(run(f, "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}"
	    "{{#photo}}[{{alt}}]{{/photo}}{{#s}}({{.}}){{/s}}{{#empty}}E{{/empty}}"),
	    "Y[عکس](متن)");
}

static void
test_inverted(void **state)
{
	struct fixture *f = *state;

	tmpl_set_bool(&f->a, f->data, "no", 0);
	tmpl_set_bool(&f->a, f->data, "yes", 1);
	tmpl_set(&f->a, f->data, "none", tmpl_list(&f->a));
	tmpl_set_text(&f->a, f->data, "empty", "");
	tmpl_set_text(&f->a, f->data, "full", "x");
	assert_string_equal(run(f, "{{^missing}}1{{/missing}}{{^no}}2{{/no}}"
	    "{{^none}}3{{/none}}{{^empty}}4{{/empty}}{{^yes}}5{{/yes}}"
	    "{{^full}}6{{/full}}"), "1234");
}

static void
test_standalone_lines_vanish(void **state)
{
	struct fixture *f = *state;
	struct tmpl_value *list = tmpl_list(&f->a);

	tmpl_append(&f->a, list, tmpl_text(&f->a, "a", 1));
	tmpl_append(&f->a, list, tmpl_text(&f->a, "b", 1));
	tmpl_set(&f->a, f->data, "l", list);
	assert_string_equal(run(f, "<ul>\n  {{#l}}\n<li>{{.}}</li>\n  {{/l}}\n"
	    "{{! a note\n  over two lines }}\n</ul>\n"),
	    "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	/* A section tag sharing its line with text keeps the line. */
	assert_string_equal(run(f, "x {{#l}}{{.}}{{/l}}\n"), "x ab\n");
}

static void
test_comment(void **state)
{
	struct fixture *f = *state;

	/* A comment ends at the first "}}", as in Mustache. */
	assert_string_equal(run(f, "a{{! {{x <b> }}b"), "ab");
}

static void
test_unclosed_section(void **state)
{
	struct fixture *f = *state;

	/* The column counts characters: the Persian word is 4 letters and
	 * 8 bytes before the tag. */
	assert_null(run(f, "<p>\nسلام{{#list}}\n{{x}}\n"));
	assert_error(f, 2, 5, "section 'list' is never closed");
}

static void
test_mismatched_close(void **state)
{
	struct fixture *f = *state;

	assert_null(run(f, "{{#a}}\n {{#b}}\n {{/a}}\n{{/b}}"));
	assert_error(f, 3, 2, "open section 'b' from line 2:2");
}

static void
test_stray_close(void **state)
{
	struct fixture *f = *state;

	assert_null(run(f, "text {{/a}}"));
	assert_error(f, 1, 6, "never opened");
}

static void
test_unknown_tags(void **state)
{
	struct fixture *f = *state;

	assert_null(run(f, "ok\n  {{title of page}}"));
	assert_error(f, 2, 3, "unknown tag '{{title of page}}'");
	diag_release(&f->d);
	assert_null(run(f, "{{=<% %>=}}"));
	assert_error(f, 1, 1, "delimiters");
	diag_release(&f->d);
	assert_null(run(f, "{{}}"));
	assert_error(f, 1, 1, "unknown tag");
	diag_release(&f->d);
	assert_null(run(f, "{{a..b}}"));
	assert_error(f, 1, 1, "unknown tag");
}

static void
test_unterminated_tag(void **state)
{
	struct fixture *f = *state;

	assert_null(run(f, "a\nb {{title"));
	assert_error(f, 2, 3, "never closed");
	diag_release(&f->d);
	assert_null(run(f, "{{{body}}"));
	assert_error(f, 1, 1, "'}}}'");
}

static void
test_printing_a_list_is_an_error(void **state)
{
	struct fixture *f = *state;

	tmpl_set(&f->a, f->data, "tags", tmpl_list(&f->a));
	assert_null(run(f, "\n\n    {{tags}}"));
	assert_error(f, 3, 5, "'tags' is a list");
}

static void
test_partial_without_lib(void **state)
{
	struct fixture *f = *state;

	assert_null(run(f, "{{> head}}"));
	assert_error(f, 1, 1, "partials need a template folder");
}

/* Writes dir/name with text. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static const char *const partial_files[] = {
	"page.html", "head.html", "item.html", "loop.html", "loop2.html",
	"bad.html",
};

static void
remove_folder(const char *dir)
{
	char path[512];
	size_t i;

	for (i = 0; i < sizeof partial_files / sizeof partial_files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, partial_files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void
test_partials_from_folder(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/daftar-tmpl-XXXXXX";
	struct tmpl_lib *lib;
	struct tmpl *t;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "page.html", "<body>\n{{> head}}\n{{#x}}{{> item}}{{/x}}\n</body>\n");
	write_file(dir, "head.html", "<h1>{{title}}</h1>\n");
	write_file(dir, "item.html", "[{{.}}]");
	write_file(dir, "loop.html", "a{{> loop2}}");
	write_file(dir, "loop2.html", "\n{{> loop}}");
	write_file(dir, "bad.html", "{{> nosuch}}");
	lib = tmpl_lib_new(&f->a, dir, "templates/site");

	tmpl_set_text(&f->a, f->data, "title", "عنوان");
	tmpl_set_text(&f->a, f->data, "x", "y");
	assert_non_null(t = tmpl_lib_get(lib, "page", &f->d));
	assert_int_equal(tmpl_render(t, f->data, &f->out, &f->d), 0);
	assert_string_equal(f->out.data, "<body>\n<h1>عنوان</h1>\n[y]\n</body>\n");
	/* Parsed once: the second request returns the same template. */
	assert_ptr_equal(tmpl_lib_get(lib, "page", &f->d), t);

	assert_null(tmpl_lib_get(lib, "loop", &f->d));
	assert_int_equal(f->d.n, 1);
	assert_string_equal(f->d.v[0].file, "templates/site/loop2.html");
	assert_int_equal(f->d.v[0].line, 2);
	assert_non_null(strstr(f->d.v[0].msg, "includes itself"));
	diag_release(&f->d);

	assert_null(tmpl_lib_get(lib, "bad", &f->d));
	assert_true(f->d.n >= 1);
	assert_int_equal(diag_worst(&f->d), DIAG_ERROR);
	diag_release(&f->d);

	/* Names cannot leave the folder. */
	assert_null(tmpl_lib_get(lib, "../page", &f->d));
	assert_int_equal(f->d.n, 1);
	diag_release(&f->d);
	assert_null(tmpl_parse(&f->a, lib, "t.html", "{{> ../x}}", 10, &f->d));
	assert_int_equal(f->d.n, 1);

	remove_folder(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escapes_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_text_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_in_escaped_tag_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dot_and_dotted_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bool_and_object_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inverted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_standalone_lines_vanish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unclosed_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mismatched_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stray_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unterminated_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_printing_a_list_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_without_lib, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partials_from_folder, setup, teardown),
	};

	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
