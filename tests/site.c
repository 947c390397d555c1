/* tests/site.c - the site from a small doc set: what is published, and how. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "arena.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "site.h"
#include "stats.h"
#include "support.h"

/* The repository's own templates: tests run from the top of the tree. */
#define TEMPLATES	"templates"
/* A JPEG with EXIF and GPS in it: the sample's. */
#define PHOTO		"content/images/kuhnavardi.jpg"
/* Where the bodies below start in their (imaginary) files. */
#define BODY_LINE	12

static const char *const font_files[] = {
	"Vazirmatn-Regular.woff2", "Vazirmatn-Medium.woff2",
	"Vazirmatn-Bold.woff2", "OFL.txt",
};

/* Published; its body exercises every transformation.  Line 8 of the body
 * holds the link to the unpublished story and the raw HTML. */
static const char khayati_body[] =
    "## کار در خانه\n"					/* 1 */
    "\n"
    "نرگس در 14 جلسه شرکت کرد و ۴۰٪ بیشتر فروخت؛ کد `x 14` و "	/* 3 */
    "[نشانی](https://example.org/a1) سر جایشان می‌مانند.\n"
    "\n"
    "<!-- یادداشت ویراستار: SECRET-NOTE -->\n"		/* 5 */
    "\n"
    "پیوند به [درباره](../pages/about.md#map) و به\n"	/* 7 */
    "[روایت پنهان](hidden.md) و <span>RAW-SPAN</span>.\n"	/* 8 */
    "\n"
    "1. یکم\n"
    "2. دوم\n"
    "\n"
    "```stats\n"
    "query: SELECT program, served FROM services_by_program WHERE year = 1403\n"
    "chart: bar            # bar | hbar | pie\n"
    "title: خدمت‌گیرندگان در سال 1403\n"
    "```\n"
    "\n"
    "```stats\n"
    "query: SELECT program, served FROM services_by_program WHERE year = 1403\n"
    "chart: pie\n"
    "title: سهم برنامه‌ها\n"
    "```\n";

static const char excel_body[] = "متن با Office-365 و 3 دوره.\n\n"
    "[پیوند بد](javascript:alert(1)) و [داده](data:text/html,x)\n";

static const char hidden_body[] = "HIDDEN-CONSENT-BODY\n";

static const char draft_body[] =
    "<!-- یادداشت ویراستار: DRAFT-NOTE -->\n\nHIDDEN-DRAFT-BODY\n";

static const char about_body[] =
    "درباره‌ی ما. [یک روایت](../stories/khayati.md)\n";

struct fixture {
	struct arena a;
	struct diags d;
	struct config c;
	char root[64];		/* the temp folder holding everything below */
	char *fonts, *project, *out;
	char *pdf;		/* the "booklet" copied onto the site */
	struct doc *stories[5];	/* NULL-terminated, as content_load_dir() */
	struct doc *pages[3];
	int rc;			/* of the first site_write() */
};

/* --- helpers ------------------------------------------------------------- */

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Calls fn on every regular file below dir. */
static void
walk(const char *dir, void (*fn)(const char *path, void *arg), void *arg)
{
	struct dirent *e;
	struct stat st;
	char child[1024];
	DIR *dp;

	assert_non_null(dp = opendir(dir));
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof child, "%s/%s", dir, e->d_name);
		assert_int_equal(lstat(child, &st), 0);
		if (S_ISDIR(st.st_mode))
			walk(child, fn, arg);
		else
			fn(child, arg);
	}
	closedir(dp);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Names starting with prefix in dir: leftovers of a build. */
static int
count_prefixed(const char *dir, const char *prefix)
{
	struct dirent *e;
	DIR *dp;
	int n = 0;

	assert_non_null(dp = opendir(dir));
	while ((e = readdir(dp)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(dp);
	return n;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("expected to find \"%s\"", needle);
}

static void
assert_lacks(const char *hay, const char *needle)
{
	if (hay != NULL && strstr(hay, needle) != NULL)
		fail_msg("did not expect \"%s\"", needle);
}

static char *
read_at(const char *dir, const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return test_slurp(path);
}

static char *
read_out(const struct fixture *f, const char *rel)
{
	return read_at(f->out, rel);
}

static struct doc *
mkdoc(struct arena *a, enum doc_kind kind, const char *slug,
    const char *title, int jm, int jd, enum doc_excluded ex, const char *body)
{
	struct doc *doc = arena_alloc(a, sizeof *doc);

	doc->kind = kind;
	doc->path = arena_printf(a, "%s/%s.md",
	    kind == DOC_STORY ? "stories" : "pages", slug);
	doc->slug = slug;
	doc->title = title;
	doc->summary = arena_printf(a, "خلاصه‌ی %s در 2 خط.", title);
	doc->body = body;
	doc->body_len = strlen(body);
	if (kind == DOC_STORY) {
		doc->pseudonym = "نرگس";
		doc->district = "منطقه 15";
		doc->program = "آموزش مهارت";
		doc->date.year = 1403;
		doc->date.month = jm;
		doc->date.day = jd;
		doc->has_date = 1;
		doc->tags = arena_array(a, 2, sizeof *doc->tags);
		doc->tags[0] = "خیاطی";
		doc->tags[1] = "کسب‌وکار خانگی";
		doc->ntags = 2;
	}
	doc->consent = ex != DOC_NO_CONSENT;
	doc->draft = ex == DOC_DRAFT;
	doc->excluded = ex;
	doc->body_line = BODY_LINE;
	doc->root = cmark_parse_document(body, strlen(body),
	    CMARK_OPT_VALIDATE_UTF8);
	return doc;
}

static int
build(struct fixture *f, const char *templates, const char *out)
{
	return site_write(&f->a, &f->c, f->stories, f->pages, NULL, f->project,
	    f->fonts, templates, f->pdf, NULL, NULL, out, NULL, &f->d);
}

/* --- fixture: one build of the doc set, shared by the read-only tests -- */

static int
group_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct arena *a = &f->a;
	size_t i;

	arena_init(a);
	diag_init(&f->d);
	strcpy(f->root, "/tmp/daftar-site-XXXXXX");
	if (mkdtemp(f->root) == NULL)
		return -1;
	f->fonts = arena_printf(a, "%s/fonts", f->root);
	f->project = arena_printf(a, "%s/content", f->root);
	f->out = arena_printf(a, "%s/out/site", f->root);
	f->pdf = arena_printf(a, "%s/booklet.pdf", f->root);
	mkdir(f->fonts, 0755);
	mkdir(f->project, 0755);
	write_file(f->pdf, "%PDF-1.7 BOOKLET-BYTES\n");
	/* The sample's photo: it carries EXIF with GPS. */
	mkdir(arena_printf(a, "%s/images", f->project), 0755);
	copy_file(PHOTO, arena_printf(a, "%s/images/kuh.jpg", f->project));
	for (i = 0; i < sizeof font_files / sizeof font_files[0]; i++)
		write_file(arena_printf(a, "%s/%s", f->fonts, font_files[i]),
		    "not really a font\n");

	f->c.title = "کتابچه زنان توانمند ۱۴۰۳";
	f->c.subtitle = "روایت‌هایی از مهارت، کار و امید";
	f->c.organization = "ستاد توانمندسازی زنان سرپرست خانوار";
	f->c.year = 1403;
	f->c.language = "fa";
	f->c.digits_persian = 1;
	f->c.base_url = "https://example.org/";
	f->c.site_pages = arena_array(a, 2, sizeof *f->c.site_pages);
	f->c.site_pages[0] = "pages/about";
	f->c.nsite_pages = 1;

	f->stories[0] = mkdoc(a, DOC_STORY, "excel", "از دفترچه تا Excel", 3, 20,
	    DOC_PUBLISHED, excel_body);
	f->stories[1] = mkdoc(a, DOC_STORY, "hidden", "HIDDEN-CONSENT-TITLE", 5,
	    12, DOC_NO_CONSENT, hidden_body);
	f->stories[2] = mkdoc(a, DOC_STORY, "draft", "HIDDEN-DRAFT-TITLE", 11, 20,
	    DOC_DRAFT, draft_body);
	f->stories[3] = mkdoc(a, DOC_STORY, "khayati", "خیاطی در منزل", 7, 15,
	    DOC_PUBLISHED, khayati_body);
	f->stories[3]->photo = "images/kuh.jpg";
	f->stories[3]->photo_alt = "مسیر کوهستانی در صبح";
	f->stories[3]->photo_line = 13;
	f->stories[3]->photo_col = 8;
	f->pages[0] = mkdoc(a, DOC_PAGE, "about", "درباره‌ی ستاد", 0, 0,
	    DOC_PUBLISHED, about_body);
	f->pages[1] = mkdoc(a, DOC_PAGE, "preface", "PREFACE-NOT-ON-SITE", 0, 0,
	    DOC_PUBLISHED, "پیشگفتار\n");
	f->rc = build(f, TEMPLATES, f->out);
	*state = f;
	return 0;
}

static int
group_teardown(void **state)
{
	struct fixture *f = *state;
	size_t i;

	for (i = 0; f->stories[i] != NULL; i++)
		cmark_node_free(f->stories[i]->root);
	for (i = 0; f->pages[i] != NULL; i++)
		cmark_node_free(f->pages[i]->root);
	test_remove_tree(f->root);
	diag_release(&f->d);
	arena_release(&f->a);
	free(f);
	return 0;
}

/* --- the first build ------------------------------------------------------ */

static void
test_build_succeeds(void **state)
{
	struct fixture *f = *state;

	if (f->rc != 0) {
		diag_print(&f->d, stderr);
		fail_msg("site_write() failed");
	}
	assert_int_equal(diag_count(&f->d, DIAG_ERROR), 0);
	assert_true(exists(f->out));
	/* Nothing left beside the site: no half-built or old folders. */
	assert_int_equal(count_prefixed(arena_printf(&f->a, "%s/out", f->root),
	    "site."), 0);
}

static void
test_files_written(void **state)
{
	struct fixture *f = *state;
	const char *rel[] = {
		"index.html", "style.css", "stories/khayati/index.html",
		"stories/excel/index.html", "pages/about/index.html",
		"fonts/Vazirmatn-Regular.woff2", "fonts/Vazirmatn-Medium.woff2",
		"fonts/Vazirmatn-Bold.woff2", "fonts/OFL.txt",
	};
	size_t i;

	for (i = 0; i < sizeof rel / sizeof rel[0]; i++)
		if (!exists(arena_printf(&f->a, "%s/%s", f->out, rel[i])))
			fail_msg("missing %s", rel[i]);
	/* A page not in site.pages is not on the site. */
	assert_false(exists(arena_printf(&f->a, "%s/pages/preface", f->out)));
}

static void
test_index_lists_published_only(void **state)
{
	struct fixture *f = *state;
	char *html = read_out(f, "index.html");
	char *k, *e;

	assert_contains(html, "href=\"stories/khayati/index.html\"");
	assert_contains(html, "href=\"stories/excel/index.html\"");
	assert_contains(html, "خیاطی در منزل");
	assert_contains(html, "از دفترچه تا Excel");
	assert_contains(html, "نرگس");
	assert_contains(html, "منطقه ۱۵");
	assert_contains(html, "آموزش مهارت");
	assert_lacks(html, "HIDDEN");
	assert_lacks(html, "stories/hidden");
	assert_lacks(html, "stories/draft");
	/* Newest first: 15 Mehr before 20 Khordad. */
	k = strstr(html, "stories/khayati/");
	e = strstr(html, "stories/excel/");
	assert_true(k != NULL && e != NULL && k < e);
	free(html);
}

static void
test_excluded_stories_absent(void **state)
{
	struct fixture *f = *state;

	assert_false(exists(arena_printf(&f->a, "%s/stories/hidden", f->out)));
	assert_false(exists(arena_printf(&f->a, "%s/stories/draft", f->out)));
}

/* Every file of the site: no trace of the excluded stories or of any
 * editor's note. */
static void
check_no_secrets(const char *path, void *arg)
{
	char *text = test_slurp(path);

	(void)arg;
	assert_lacks(text, "HIDDEN");
	assert_lacks(text, "SECRET-NOTE");
	assert_lacks(text, "DRAFT-NOTE");
	assert_lacks(text, "یادداشت ویراستار");
	assert_lacks(text, "<span>RAW-SPAN");
	assert_lacks(text, "RAW-SPAN</span>");
	assert_lacks(text, "raw HTML omitted");
	free(text);
}

static void
test_no_secrets_anywhere(void **state)
{
	struct fixture *f = *state;

	walk(f->out, check_no_secrets, NULL);
}

static void
check_lang_dir(const char *path, void *arg)
{
	char *html;

	(void)arg;
	if (!ends_with(path, ".html"))
		return;
	html = test_slurp(path);
	assert_contains(html, "<html lang=\"fa\" dir=\"rtl\">");
	assert_contains(html, "<meta name=\"viewport\"");
	free(html);
}

static void
test_every_page_is_rtl(void **state)
{
	struct fixture *f = *state;

	walk(f->out, check_lang_dir, NULL);
}

/* An address that would make the browser ask another host. */
static int
is_remote(const char *v)
{
	while (*v == '"' || *v == '\'' || *v == ' ')
		v++;
	return strncmp(v, "http:", 5) == 0 || strncmp(v, "https:", 6) == 0 ||
	    strncmp(v, "//", 2) == 0;
}

/* In every <link>, <script>, <img>, <source>, <iframe>: no src or href to
 * another host. */
static void
check_html_requests(const char *html, const char *path)
{
	static const char *const tags[] = {
		"<link", "<script", "<img", "<source", "<iframe", "<video",
		"<audio", "<embed", "<object",
	};
	const char *t, *end, *attr;
	size_t i;

	for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
		for (t = strstr(html, tags[i]); t != NULL; t = strstr(t + 1, tags[i])) {
			end = strchr(t, '>');
			assert_non_null(end);
			/* The page's address on the server, not a request. */
			if (strncmp(t, "<link rel=\"canonical\" href=\""
			    "https://example.org/", 48) == 0)
				continue;
			for (attr = t; attr < end; attr++)
				if ((strncmp(attr, "src=", 4) == 0 && is_remote(attr + 4)) ||
				    (strncmp(attr, "href=", 5) == 0 && is_remote(attr + 5)) ||
				    (strncmp(attr, "srcset=", 7) == 0 && is_remote(attr + 7)))
					fail_msg("%s: %.*s asks another host", path,
					    (int)(end - t + 1), t);
		}
}

/* In CSS: no url() to another host and no @import at all. */
static void
check_css_requests(const char *css, const char *path)
{
	const char *u;

	assert_lacks(css, "@import");
	for (u = strstr(css, "url("); u != NULL; u = strstr(u + 1, "url("))
		if (is_remote(u + 4))
			fail_msg("%s: %.40s asks another host", path, u);
}

static void
check_requests(const char *path, void *arg)
{
	char *text;

	(void)arg;
	if (!ends_with(path, ".html") && !ends_with(path, ".css"))
		return;
	text = test_slurp(path);
	if (ends_with(path, ".css"))
		check_css_requests(text, path);
	else
		check_html_requests(text, path);
	check_css_requests(text, path);	/* <style> and style="" too */
	free(text);
}

static void
test_no_request_to_other_hosts(void **state)
{
	struct fixture *f = *state;
	char *css = read_out(f, "style.css");

	walk(f->out, check_requests, NULL);
	/* The fonts are the copies beside the stylesheet. */
	assert_contains(css, "@font-face");
	assert_contains(css, "url(\"fonts/Vazirmatn-Regular.woff2\")");
	assert_contains(css, "url(\"fonts/Vazirmatn-Bold.woff2\")");
	free(css);
}

static void
test_relative_links(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");
	char *about = read_out(f, "pages/about/index.html");

	assert_contains(story, "href=\"../../style.css\"");
	assert_contains(story, "href=\"../../index.html\"");
	assert_contains(story, "href=\"../../pages/about/index.html\"");
	/* A link between content files becomes one between pages. */
	assert_contains(story, "<a href=\"../../pages/about/index.html#map\">درباره</a>");
	assert_contains(about, "<a href=\"../../stories/khayati/index.html\">");
	assert_lacks(story, ".md\"");
	assert_lacks(about, ".md\"");
	free(story);
	free(about);
}

static void
test_link_to_unpublished_story(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");
	size_t i, n = 0;

	/* The text stays, the link goes, and the editor hears where. */
	assert_contains(story, "روایت پنهان");
	assert_lacks(story, "hidden.md");
	for (i = 0; i < f->d.n; i++) {
		const struct diag *g = &f->d.v[i];

		if (strstr(g->msg, "stories/hidden.md") == NULL)
			continue;
		n++;
		assert_int_equal(g->level, DIAG_WARN);
		assert_string_equal(g->file, "stories/khayati.md");
		assert_int_equal(g->line, BODY_LINE + 8 - 1);
		assert_int_equal(g->col, 1);
		assert_non_null(strstr(g->msg, "consent"));
	}
	assert_int_equal(n, 1);
	free(story);
}

static void
test_raw_html_dropped_with_warning(void **state)
{
	struct fixture *f = *state;
	size_t i, warned = 0;
	/* Characters, not bytes: "[روایت پنهان](hidden.md) و " is 27 of them. */
	const int cols[] = { 28, 42 };

	for (i = 0; i < f->d.n; i++)
		if (strstr(f->d.v[i].msg, "raw HTML") != NULL) {
			assert_string_equal(f->d.v[i].file, "stories/khayati.md");
			assert_int_equal(f->d.v[i].line, BODY_LINE + 8 - 1);
			assert_true(warned < 2);
			assert_int_equal(f->d.v[i].col, cols[warned]);
			warned++;
		}
	/* <span> and </span>; the comment goes without a word. */
	assert_int_equal(warned, 2);
}

/* A link with a scheme other than http, https or mailto loses its link,
 * keeps its text, and is named in a warning at its character column. */
static void
test_unsafe_links_dropped_with_warning(void **state)
{
	struct fixture *f = *state;
	char *excel = read_out(f, "stories/excel/index.html");
	size_t i, warned = 0;

	assert_contains(excel, "پیوند بد");
	assert_contains(excel, "داده");
	assert_lacks(excel, "javascript");
	assert_lacks(excel, "data:text");
	assert_lacks(excel, "href=\"\"");
	/* "[پیوند بد](javascript:alert(1)) و " is 34 characters. */
	for (i = 0; i < f->d.n; i++)
		if (strstr(f->d.v[i].msg, "dropped: only http, https and mailto") != NULL) {
			assert_string_equal(f->d.v[i].file, "stories/excel.md");
			assert_int_equal(f->d.v[i].line, BODY_LINE + 2);
			assert_int_equal(f->d.v[i].col, warned == 0 ? 1 : 35);
			warned++;
		}
	assert_int_equal(warned, 2);
	free(excel);
}

/* site.raw_html: true lets HTML from the Markdown through, without a
 * warning; comments stay editors' notes and are still left out. */
static void
test_raw_html_opt_in(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/raw/site", f->root);
	char *story;
	size_t i, n0 = f->d.n;

	f->c.site_raw_html = 1;
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->c.site_raw_html = 0;
	story = read_at(out, "stories/khayati/index.html");
	assert_contains(story, "<span>RAW-SPAN</span>");
	assert_lacks(story, "SECRET-NOTE");
	assert_lacks(story, "raw HTML omitted");
	for (i = n0; i < f->d.n; i++)
		assert_null(strstr(f->d.v[i].msg, "raw HTML"));
	free(story);
}

static void
test_persian_text_rules(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");
	char *index = read_out(f, "index.html");
	char *excel = read_out(f, "stories/excel/index.html");

	assert_contains(story, "در ۱۴ جلسه");
	assert_contains(story, "<code>x 14</code>");
	assert_contains(story, "href=\"https://example.org/a1\"");
	assert_contains(story, "<ol>");
	assert_contains(story, "منطقه ۱۵");
	assert_contains(story, "در ۲ خط");
	/* A token with a Latin letter keeps its digits, the rest convert. */
	assert_contains(excel, "Office-365 و ۳ دوره");
	/* Dates: Jalali in Persian for people, Gregorian for machines. */
	assert_contains(index, "<time datetime=\"2024-10-06\">۱۵ مهر ۱۴۰۳</time>");
	assert_contains(index, "<time datetime=\"2024-06-09\">۲۰ خرداد ۱۴۰۳</time>");
	assert_contains(story, "<time datetime=\"2024-10-06\">۱۵ مهر ۱۴۰۳</time>");
	/* Tags keep their ZWNJ. */
	assert_contains(story, "کسب\xe2\x80\x8cوکار خانگی");
	free(story);
	free(index);
	free(excel);
}

static void
test_ordered_lists_persian_in_css(void **state)
{
	struct fixture *f = *state;
	char *css = read_out(f, "style.css");
	char *story = read_out(f, "stories/khayati/index.html");

	assert_contains(css, "list-style-type: persian");
	assert_contains(story, "class=\"digits-persian\"");
	free(css);
	free(story);
}

static void
test_stats_block_is_a_figure(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");

	assert_contains(story, "<figure class=\"stats\" data-chart=\"bar\">");
	assert_contains(story, "<figcaption>خدمت\xe2\x80\x8cگیرندگان در سال ۱۴۰۳</figcaption>");
	assert_lacks(story, "query:");
	assert_lacks(story, "SELECT");
	assert_lacks(story, "language-stats");
	free(story);
}

/* Without statistics a stats block is its title alone: no page of charts
 * to gather, so no menu entry leading to an empty page. */
static void
test_no_stats_page_without_statistics(void **state)
{
	struct fixture *f = *state;
	char *home = read_out(f, "index.html");
	char *map = read_out(f, "sitemap.xml");

	assert_false(exists(arena_printf(&f->a, "%s/stats", f->out)));
	assert_lacks(home, "stats/index.html");
	assert_lacks(map, "/stats/");
	free(home);
	free(map);
}

/* How many times needle occurs in hay, without overlaps. */
static int
count_of(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_stats_page_gathers_charts(void **state)
{
	struct fixture *f = *state;
	char *dir = arena_printf(&f->a, "%s/statsdb", f->root);
	char *out = arena_printf(&f->a, "%s/withstats/site", f->root);
	char *page, *home, *map, *link, *fig, *home_text;
	struct stats *st;
	struct doc_highlight hl[2] = {
		{ "17000", NULL, "زن ثبت‌نام‌شده", 40, 7 },
		{ NULL, "SELECT SUM(served) FROM services_by_program", "خدمت", 44, 7 },
	};
	size_t n0, i;
	int rc;

	assert_int_equal(mkdir(dir, 0777), 0);
	write_file(arena_printf(&f->a, "%s/services_by_program.csv", dir),
	    "year,program,served\n1403,آموزش مهارت,120\n1403,اشتغال,80\n");
	st = stats_open(dir, "statsdb", &f->d);
	assert_non_null(st);
	f->c.site_highlights = hl;
	f->c.nsite_highlights = 2;
	assert_int_equal(site_write(&f->a, &f->c, f->stories, f->pages, st,
	    f->project, f->fonts, TEMPLATES, f->pdf, NULL, NULL, out, NULL, &f->d),
	    0);
	/* A query that gives no number fails the site, at its line. */
	hl[1].query = "SELECT program FROM services_by_program";
	n0 = f->d.n;
	rc = site_write(&f->a, &f->c, f->stories, f->pages, st, f->project,
	    f->fonts, TEMPLATES, f->pdf, NULL, NULL,
	    arena_printf(&f->a, "%s/nonumber/site", f->root), NULL, &f->d);
	/* hl lives on this stack: the fixture must not keep it. */
	f->c.site_highlights = NULL;
	f->c.nsite_highlights = 0;
	stats_free(st);
	assert_int_not_equal(rc, 0);
	for (i = n0; i < f->d.n && f->d.v[i].level != DIAG_ERROR; i++)
		;
	assert_true(i < f->d.n);
	assert_non_null(strstr(f->d.v[i].msg, "highlight query gave no number"));
	assert_string_equal(f->d.v[i].file, "booklet.yaml");
	assert_int_equal(f->d.v[i].line, 44);
	assert_int_equal(f->d.v[i].col, 7);

	/* The key numbers at the top of the home page, Persian and grouped. */
	assert_contains(home_text = read_at(out, "index.html"),
	    "<span class=\"value\">۱۷٬۰۰۰</span> <span class=\"label\">زن ثبت‌نام‌شده</span>");
	assert_contains(home_text, "<span class=\"value\">۲۰۰</span> <span class=\"label\">خدمت</span>");
	free(home_text);
	page = read_at(out, "stats/index.html");
	home = read_at(out, "index.html");
	map = read_at(out, "sitemap.xml");
	/* Each chart once, both under one link back to the story they belong
	 * to, in the story's order. */
	link = strstr(page, "<h2><a href=\"../stories/khayati/index.html\"");
	fig = strstr(page, "<figure class=\"stats\" data-chart=\"bar\">");
	assert_non_null(link);
	assert_non_null(fig);
	assert_true(link < fig);
	assert_null(strstr(link + 1, "<h2><a href=\"../stories/khayati/index.html\""));
	assert_non_null(strstr(fig, "<figure class=\"stats\" data-chart=\"pie\">"));
	assert_null(strstr(strstr(fig, "data-chart=\"pie\"") + 1, "<figure class=\"stats\""));
	assert_int_equal(count_of(page, "<section class=\"stats-entry\">"), 1);
	assert_contains(fig, "<figcaption>خدمت\xe2\x80\x8cگیرندگان در سال ۱۴۰۳</figcaption>");
	assert_contains(fig, "<svg");
	assert_contains(fig, "<td class=\"num\">۱۲۰</td>");
	assert_contains(home, "href=\"stats/index.html\"");
	assert_contains(map, "<loc>https://example.org/stats/</loc>");
	free(page);
	free(home);
	free(map);
}

static void
test_docs_left_unchanged(void **state)
{
	struct fixture *f = *state;
	char *xml;

	/* The booklet reads the same trees: the site works on copies. */
	xml = cmark_render_xml(f->stories[3]->root, CMARK_OPT_DEFAULT);
	assert_contains(xml, "در 14 جلسه");
	assert_contains(xml, "../pages/about.md#map");
	assert_contains(xml, "SECRET-NOTE");
	assert_contains(xml, "stats");
	free(xml);
}

/* --- pages, feed, search, photos (issue 6) --------------------------------- */

/* "programs/آموزش-مهارت/index.html" as a link: percent-encoded. */
#define PROGRAM_URL \
	"programs/%D8%A2%D9%85%D9%88%D8%B2%D8%B4-%D9%85%D9%87%D8%A7%D8%B1%D8%AA/index.html"
#define DISTRICT_URL	"districts/%D9%85%D9%86%D8%B7%D9%82%D9%87-15/index.html"

static void
test_group_pages(void **state)
{
	struct fixture *f = *state;
	char *program = read_out(f, "programs/آموزش-مهارت/index.html");
	char *district = read_out(f, "districts/منطقه-15/index.html");
	char *tag = read_out(f, "tags/کسب-وکار-خانگی/index.html");
	char *story = read_out(f, "stories/khayati/index.html");
	char *index = read_out(f, "index.html");
	char *k, *e;

	assert_non_null(program);
	assert_non_null(district);
	assert_non_null(tag);
	/* Each lists its published stories, newest first, and nothing else. */
	k = strstr(program, "../../stories/khayati/index.html");
	e = strstr(program, "../../stories/excel/index.html");
	assert_true(k != NULL && e != NULL && k < e);
	assert_lacks(program, "HIDDEN");
	assert_contains(program, "<h1>آموزش مهارت</h1>");
	assert_contains(district, "<h1>منطقه ۱۵</h1>");
	assert_contains(tag, "stories/khayati/index.html");
	/* The story links to its program, district and tags. */
	assert_contains(story, "href=\"../../" PROGRAM_URL "\"");
	assert_contains(story, "href=\"../../" DISTRICT_URL "\"");
	assert_contains(story, ">کسب\xe2\x80\x8cوکار خانگی</a>");
	assert_contains(index, "href=\"" PROGRAM_URL "\"");
	/* Excluded stories make no group of their own. */
	assert_false(exists(arena_printf(&f->a, "%s/tags/HIDDEN", f->out)));
	free(program);
	free(district);
	free(tag);
	free(story);
	free(index);
}

static void
test_previous_next(void **state)
{
	struct fixture *f = *state;
	char *khayati = read_out(f, "stories/khayati/index.html");
	char *excel = read_out(f, "stories/excel/index.html");

	/* Newest first: khayati (Mehr), then excel (Khordad). */
	assert_contains(khayati, "rel=\"next\" href=\"../../stories/excel/index.html\"");
	assert_lacks(khayati, "rel=\"prev\"");
	assert_contains(excel, "rel=\"prev\" href=\"../../stories/khayati/index.html\"");
	assert_lacks(excel, "rel=\"next\"");
	free(khayati);
	free(excel);
}

static void
test_download_and_404(void **state)
{
	struct fixture *f = *state;
	char *pdf = read_out(f, "booklet.pdf");
	char *page = read_out(f, "download/index.html");
	char *index = read_out(f, "index.html");
	char *nf = read_out(f, "404.html");

	assert_non_null(pdf);
	assert_string_equal(pdf, "%PDF-1.7 BOOKLET-BYTES\n");
	assert_contains(page, "href=\"../booklet.pdf\"");
	assert_contains(page, "href=\"../style.css\"");
	assert_contains(index, "href=\"download/index.html\"");
	/* A server shows 404.html at any depth: links from the site's path. */
	assert_contains(nf, "href=\"/style.css\"");
	assert_contains(nf, "href=\"/index.html\"");
	assert_lacks(nf, "rel=\"canonical\"");
	free(pdf);
	free(page);
	free(index);
	free(nf);
}

static void
test_no_download_without_booklet(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/nopdf/site", f->root);
	char *pdf = f->pdf, *index;

	f->pdf = NULL;
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->pdf = pdf;
	assert_false(exists(arena_printf(&f->a, "%s/download", out)));
	assert_false(exists(arena_printf(&f->a, "%s/booklet.pdf", out)));
	index = read_at(out, "index.html");
	assert_lacks(index, "download/");
	free(index);
}

static void
test_duplicate_slug_is_an_error(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/dup/site", f->root);
	struct doc twin;
	size_t i, n0 = f->d.n;
	int found = 0;

	twin = *f->stories[0];
	twin.path = "stories/2024/excel.md";
	f->stories[4] = &twin;
	assert_int_equal(build(f, TEMPLATES, out), -1);
	f->stories[4] = NULL;
	for (i = n0; i < f->d.n; i++)
		if (f->d.v[i].level == DIAG_ERROR &&
		    strstr(f->d.v[i].msg, "'excel'") != NULL &&
		    (strstr(f->d.v[i].msg, "stories/excel.md") != NULL ||
		    strstr(f->d.v[i].msg, "stories/2024/excel.md") != NULL) &&
		    (strcmp(f->d.v[i].file, "stories/excel.md") == 0 ||
		    strcmp(f->d.v[i].file, "stories/2024/excel.md") == 0) &&
		    strcmp(f->d.v[i].file, strstr(f->d.v[i].msg, "stories/")) != 0)
			found = 1;
	assert_true(found);
	assert_false(exists(out));
}

static void
test_head_metadata(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");
	char *index = read_out(f, "index.html");

	assert_contains(story, "<meta name=\"description\" content=\"خلاصه\xe2\x80\x8cی خیاطی در منزل در ۲ خط.\">");
	assert_contains(story, "<link rel=\"canonical\" href=\"https://example.org/stories/khayati/\">");
	assert_contains(story, "<meta property=\"og:url\" content=\"https://example.org/stories/khayati/\">");
	assert_contains(story, "<meta property=\"og:type\" content=\"article\">");
	assert_contains(story, "<meta property=\"og:title\" content=\"خیاطی در منزل\">");
	assert_contains(story, "<meta property=\"og:image\" content=\"https://example.org/images/khayati-");
	assert_contains(story, "<meta property=\"og:locale\" content=\"fa_IR\">");
	assert_contains(story, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../feed.xml\"");
	assert_contains(index, "<link rel=\"canonical\" href=\"https://example.org/\">");
	assert_contains(index, "<meta property=\"og:type\" content=\"website\">");
	free(story);
	free(index);
}

static void
test_feed_and_sitemap(void **state)
{
	struct fixture *f = *state;
	char *feed = read_out(f, "feed.xml");
	char *map = read_out(f, "sitemap.xml");
	char *robots = read_out(f, "robots.txt");
	char *k, *e;

	assert_contains(feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fa\">");
	assert_contains(feed, "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/feed.xml\"/>");
	assert_contains(feed, "<id>https://example.org/stories/khayati/</id>");
	/* ASCII Gregorian dates for machines; the newest story's as updated. */
	assert_contains(feed, "<published>2024-10-06T00:00:00Z</published>");
	assert_contains(feed, "<updated>2024-10-06T00:00:00Z</updated>\n<author>");
	assert_contains(feed, "<summary>خلاصه\xe2\x80\x8cی خیاطی در منزل در ۲ خط.</summary>");
	k = strstr(feed, "stories/khayati/");
	e = strstr(feed, "stories/excel/");
	assert_true(k != NULL && e != NULL && k < e);
	assert_lacks(feed, "HIDDEN");
	assert_lacks(feed, "SECRET");

	assert_contains(map, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
	assert_contains(map, "<loc>https://example.org/</loc>");
	assert_contains(map, "<loc>https://example.org/stories/excel/</loc><lastmod>2024-06-09</lastmod>");
	assert_contains(map, "<loc>https://example.org/pages/about/</loc>");
	assert_contains(map, "<loc>https://example.org/districts/%D9%85%D9%86%D8%B7%D9%82%D9%87-15/</loc>");
	assert_lacks(map, "404");
	assert_lacks(map, "HIDDEN");
	assert_contains(robots, "Sitemap: https://example.org/sitemap.xml\n");
	free(feed);
	free(map);
	free(robots);
}

/* Text with markup characters reaches the feed and the search index
 * escaped, and never as markup. */
static void
test_feed_and_index_escaped(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/escape/site", f->root);
	const char *title = f->stories[0]->title;
	char *feed, *json;

	f->stories[0]->title = "A & B <i>\"q\" \\ 'x'";
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->stories[0]->title = title;
	feed = read_at(out, "feed.xml");
	json = read_at(out, "search.json");
	assert_contains(feed, "<title>A &amp; B &lt;i&gt;&quot;q&quot; \\ &apos;x&apos;</title>");
	assert_lacks(feed, "<i>");
	assert_contains(json, "\"title\":\"A & B \\u003ci>\\\"q\\\" \\\\ 'x'\"");
	free(feed);
	free(json);
}

static void
test_no_feed_without_base_url(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/nobase/site", f->root);
	const char *base = f->c.base_url;
	char *robots, *story;

	f->c.base_url = NULL;
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->c.base_url = base;
	assert_false(exists(arena_printf(&f->a, "%s/feed.xml", out)));
	assert_false(exists(arena_printf(&f->a, "%s/sitemap.xml", out)));
	robots = read_at(out, "robots.txt");
	assert_lacks(robots, "Sitemap");
	story = read_at(out, "stories/khayati/index.html");
	assert_lacks(story, "canonical");
	assert_lacks(story, "og:url");
	free(robots);
	free(story);
}

/* digits: latin reaches the dates too: "15 مهر 1403", not Persian digits
 * in a page that shows every other number in ASCII. */
static void
test_latin_digits_dates(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/latin/site", f->root);
	char *index;

	f->c.digits_persian = 0;
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->c.digits_persian = 1;
	index = read_at(out, "index.html");
	assert_contains(index, "<time datetime=\"2024-10-06\">15 مهر 1403</time>");
	assert_lacks(index, "۱۵ مهر");
	free(index);
}

static void
test_search_index(void **state)
{
	struct fixture *f = *state;
	char *json = read_out(f, "search.json");
	char *js = read_out(f, "search-index.js");
	char *page = read_out(f, "search/index.html");
	char *script = read_out(f, "search.js");

	assert_non_null(script);
	assert_true(json[0] == '[');
	assert_contains(json, "{\"title\":\"خیاطی در منزل\",\"url\":\"stories/khayati/index.html\",\"excerpt\":\"خلاصه\xe2\x80\x8cی خیاطی در منزل در ۲ خط.\"");
	/* Not the stories themselves, and nothing unpublished. */
	assert_lacks(json, "کار در خانه");
	assert_lacks(json, "HIDDEN");
	assert_contains(js, "window.DAFTAR_SEARCH = [");
	assert_contains(page, "<script src=\"../search-index.js\"></script>");
	assert_contains(page, "<script src=\"../search.js\"></script>");
	free(json);
	free(js);
	free(page);
	free(script);
}

static int
has_bytes(const char *path, const char *needle)
{
	char *data;
	size_t n, m = strlen(needle), i;
	FILE *fp = fopen(path, "rb");
	int found = 0;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = (size_t)ftell(fp);
	rewind(fp);
	data = malloc(n + 1);
	assert_int_equal(fread(data, 1, n, fp), n);
	fclose(fp);
	for (i = 0; i + m <= n && !found; i++)
		found = memcmp(data + i, needle, m) == 0;
	free(data);
	return found;
}

static void
check_jpeg(const char *path, void *arg)
{
	int *n = arg;

	if (!ends_with(path, ".jpg"))
		return;
	(*n)++;
	if (has_bytes(path, "Exif") || has_bytes(path, "GPS"))
		fail_msg("%s keeps its EXIF", path);
}

static void
test_photos(void **state)
{
	struct fixture *f = *state;
	char *story = read_out(f, "stories/khayati/index.html");
	int n = 0;

	assert_true(has_bytes(PHOTO, "Exif"));
	walk(f->out, check_jpeg, &n);
	assert_int_equal(n, 3);
	assert_true(exists(arena_printf(&f->a, "%s/images/khayati-480.jpg", f->out)));
	assert_true(exists(arena_printf(&f->a, "%s/images/khayati-960.jpg", f->out)));
	assert_contains(story, "srcset=\"../../images/khayati-480.jpg 480w, "
	    "../../images/khayati-960.jpg 960w, ../../images/khayati-");
	assert_contains(story, "alt=\"مسیر کوهستانی در صبح\"");
	assert_contains(story, "loading=\"lazy\"");
	assert_contains(story, " width=\"");
	assert_contains(story, " height=\"");
	free(story);
}

/* Districts in number order, not byte order: 2 before 15. */
static void
test_groups_in_number_order(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/order/site", f->root);
	const char *district = f->stories[0]->district;
	char *index, *two, *fifteen;

	f->stories[0]->district = "منطقه 2";
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->stories[0]->district = district;
	index = read_at(out, "index.html");
	two = strstr(index, ">منطقه ۲ <");
	fifteen = strstr(index, ">منطقه ۱۵ <");
	assert_true(two != NULL && fifteen != NULL && two < fifteen);
	assert_true(exists(arena_printf(&f->a, "%s/districts/منطقه-2/index.html", out)));
	free(index);
}

static void
test_photo_without_alt_is_an_error(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/noalt/site", f->root);
	const char *alt = f->stories[3]->photo_alt;
	size_t i, n0 = f->d.n;
	int found = 0;

	f->stories[3]->photo_alt = NULL;
	assert_int_equal(build(f, TEMPLATES, out), -1);
	f->stories[3]->photo_alt = alt;
	for (i = n0; i < f->d.n; i++)
		if (strstr(f->d.v[i].msg, "photo_alt") != NULL) {
			assert_int_equal(f->d.v[i].level, DIAG_ERROR);
			assert_string_equal(f->d.v[i].file, "stories/khayati.md");
			assert_int_equal(f->d.v[i].line, 13);
			found++;
		}
	assert_int_equal(found, 1);
	assert_false(exists(out));
}

static void
test_css_narrow_print_motion_dark(void **state)
{
	struct fixture *f = *state;
	char *css = read_out(f, "style.css");

	/* Long URLs and words wrap instead of scrolling sideways. */
	assert_contains(css, "overflow-wrap: anywhere;");
	assert_contains(css, "@media print {");
	assert_contains(css, "@media (prefers-reduced-motion: reduce) {");
	/* Chart text follows the palette: readable in dark mode. */
	assert_contains(css, "svg.chart text:not(.share) {\n\tfill: var(--ink);");
	assert_contains(css, "@media (prefers-color-scheme: dark) {");
	free(css);
}

/* --- builds of their own -------------------------------------------------- */

static void
test_rebuild_drops_withdrawn_story(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/rebuild/site", f->root);

	assert_int_equal(build(f, TEMPLATES, out), 0);
	assert_true(exists(arena_printf(&f->a, "%s/stories/excel/index.html", out)));
	/* Consent withdrawn: the next build must not leave the old page. */
	f->stories[0]->excluded = DOC_NO_CONSENT;
	assert_int_equal(build(f, TEMPLATES, out), 0);
	f->stories[0]->excluded = DOC_PUBLISHED;
	assert_false(exists(arena_printf(&f->a, "%s/stories/excel", out)));
	assert_true(exists(arena_printf(&f->a, "%s/stories/khayati/index.html", out)));
	assert_int_equal(count_prefixed(arena_printf(&f->a, "%s/rebuild", f->root),
	    "site."), 0);
}

static void
test_refuses_foreign_folder(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/foreign", f->root);
	char *keep = arena_printf(&f->a, "%s/keep.txt", out);
	size_t before = f->d.n;

	mkdir(out, 0755);
	write_file(keep, "mine\n");
	assert_int_equal(build(f, TEMPLATES, out), -1);
	assert_true(exists(keep));
	assert_true(f->d.n > before);
	assert_string_equal(f->d.v[f->d.n - 1].file, out);
	assert_int_equal(count_prefixed(f->root, "foreign."), 0);
}

static void
test_failed_build_keeps_old_site(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/keep/site", f->root);
	char *bad = arena_printf(&f->a, "%s/badtmpl", f->root);
	char *sitedir = arena_printf(&f->a, "%s/site", bad);
	char *before, *after;
	size_t i, n0;
	int found = 0;

	assert_int_equal(build(f, TEMPLATES, out), 0);
	before = read_at(out, "index.html");

	mkdir(bad, 0755);
	mkdir(sitedir, 0755);
	write_file(arena_printf(&f->a, "%s/base.html", sitedir),
	    "<html>\n<body>\n  {{#nav}}\n{{{content}}}\n</body>\n");
	write_file(arena_printf(&f->a, "%s/index.html", sitedir), "x\n");
	write_file(arena_printf(&f->a, "%s/story.html", sitedir), "x\n");
	write_file(arena_printf(&f->a, "%s/page.html", sitedir), "x\n");
	write_file(arena_printf(&f->a, "%s/style.css", sitedir), "\n");
	n0 = f->d.n;
	assert_int_equal(build(f, bad, out), -1);
	for (i = n0; i < f->d.n; i++)
		if (strcmp(f->d.v[i].file, arena_printf(&f->a, "%s/base.html",
		    sitedir)) == 0 && f->d.v[i].line == 3 && f->d.v[i].col == 3)
			found = 1;
	assert_true(found);

	after = read_at(out, "index.html");
	assert_non_null(after);
	assert_string_equal(before, after);
	assert_int_equal(count_prefixed(arena_printf(&f->a, "%s/keep", f->root),
	    "site."), 0);
	free(before);
	free(after);
}

static void
test_missing_font_is_an_error(void **state)
{
	struct fixture *f = *state;
	char *fonts = f->fonts, *out = arena_printf(&f->a, "%s/nofont/site", f->root);
	char *empty = arena_printf(&f->a, "%s/nofonts", f->root);
	size_t i, n0 = f->d.n;
	int found = 0;

	mkdir(empty, 0755);
	f->fonts = empty;
	assert_int_equal(build(f, TEMPLATES, out), -1);
	f->fonts = fonts;
	for (i = n0; i < f->d.n; i++)
		if (strstr(f->d.v[i].file, "Vazirmatn-Regular.woff2") != NULL &&
		    strstr(f->d.v[i].msg, "fonts/install.sh") != NULL)
			found = 1;
	assert_true(found);
	assert_false(exists(out));
}

static void
test_unknown_site_page_is_an_error(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/nopage/site", f->root);
	size_t n0 = f->d.n;

	/* group_setup() made room for a second entry. */
	f->c.site_pages[1] = "pages/nosuch";
	f->c.nsite_pages = 2;
	assert_int_equal(build(f, TEMPLATES, out), -1);
	f->c.nsite_pages = 1;
	assert_true(f->d.n > n0);
	assert_string_equal(f->d.v[f->d.n - 1].file, "booklet.yaml");
	assert_non_null(strstr(f->d.v[f->d.n - 1].msg, "pages/nosuch"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_succeeds),
		cmocka_unit_test(test_files_written),
		cmocka_unit_test(test_index_lists_published_only),
		cmocka_unit_test(test_excluded_stories_absent),
		cmocka_unit_test(test_no_secrets_anywhere),
		cmocka_unit_test(test_every_page_is_rtl),
		cmocka_unit_test(test_no_request_to_other_hosts),
		cmocka_unit_test(test_relative_links),
		cmocka_unit_test(test_link_to_unpublished_story),
		cmocka_unit_test(test_raw_html_dropped_with_warning),
		cmocka_unit_test(test_unsafe_links_dropped_with_warning),
		cmocka_unit_test(test_raw_html_opt_in),
		cmocka_unit_test(test_persian_text_rules),
		cmocka_unit_test(test_ordered_lists_persian_in_css),
		cmocka_unit_test(test_stats_block_is_a_figure),
		cmocka_unit_test(test_no_stats_page_without_statistics),
		cmocka_unit_test(test_stats_page_gathers_charts),
		cmocka_unit_test(test_docs_left_unchanged),
		cmocka_unit_test(test_group_pages),
		cmocka_unit_test(test_previous_next),
		cmocka_unit_test(test_download_and_404),
		cmocka_unit_test(test_head_metadata),
		cmocka_unit_test(test_feed_and_sitemap),
		cmocka_unit_test(test_latin_digits_dates),
		cmocka_unit_test(test_search_index),
		cmocka_unit_test(test_photos),
		cmocka_unit_test(test_css_narrow_print_motion_dark),
		cmocka_unit_test(test_no_download_without_booklet),
		cmocka_unit_test(test_duplicate_slug_is_an_error),
		cmocka_unit_test(test_feed_and_index_escaped),
		cmocka_unit_test(test_no_feed_without_base_url),
		cmocka_unit_test(test_groups_in_number_order),
		cmocka_unit_test(test_photo_without_alt_is_an_error),
		cmocka_unit_test(test_rebuild_drops_withdrawn_story),
		cmocka_unit_test(test_refuses_foreign_folder),
		cmocka_unit_test(test_failed_build_keeps_old_site),
		cmocka_unit_test(test_missing_font_is_an_error),
		cmocka_unit_test(test_unknown_site_page_is_an_error),
	};

	return cmocka_run_group_tests_name("site", tests, group_setup,
	    group_teardown);
}
