/* site.c - published stories and site pages -> the static HTML site. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "image.h"
#include "progress.h"
#include "reuse.h"
#include "site.h"
#include "site_int.h"
#include "stats.h"
#include "tmpl.h"

/* Marks a folder as one site_write() made, so it may be replaced whole. */
#define MARKER		".daftar-site"
/* From stories/SLUG/index.html and pages/SLUG/index.html back to the top:
 * every link is relative, so the site also works opened from disk. */
#define PAGE_ROOT	"../../"
/* From download/index.html and search/index.html. */
#define TOP_ROOT	"../"

static const char *const web_fonts[] = {
	"Vazirmatn-Regular.woff2",
	"Vazirmatn-Medium.woff2",
	"Vazirmatn-Bold.woff2",
	"OFL.txt",		/* the licence travels with the fonts */
};

/* Languages written right to left: they get dir="rtl". */
static const char *const rtl_languages[] = {
	"fa", "ar", "ckb", "dv", "he", "ps", "sd", "ug", "ur", "yi",
};

/* The templates of templates/site/, by page_kind. */
static const char *const page_templates[PAGE_KIND__MAX] = {
	"base", "index", "story", "page", "group", "download", "notfound",
	"search", "stats",
};

static const char *const group_dirs[GROUP_KIND__MAX] = {
	"programs", "districts", "tags",
};

/* Shown above the name on its page: "برنامه", then "آموزش مهارت". */
static const char *const group_labels[GROUP_KIND__MAX] = {
	"برنامه", "منطقه", "برچسب",
};

/* A published story's photo, as written into images/. */
struct photo {
	const char *src;		/* the largest copy, from the top */
	const char *srcset;		/* "../../images/x-480.jpg 480w, ...":
					 * from a page at PAGE_ROOT */
	const char *thumb;		/* the smallest copy, from the top */
	const char *alt;
	int width, height;		/* of the largest copy */
};

/* What to do when a file the site copies in cannot be read. */
#define STYLE_HINT	"the site's stylesheet belongs in templates/site/"
#define FONTS_HINT	"run 'sh fonts/install.sh' (make runs it) to install the fonts"

/* Widths of the published copies of a photo; the largest is capped. */
static const int photo_widths[] = { 480, 960 };
#define PHOTO_MAX_WIDTH	1600
#define PHOTO_QUALITY	82

/* --- small helpers ----------------------------------------------------- */

const char *
site_fa_text(struct site *s, const char *text)
{
	if (text == NULL)
		return NULL;
	return fa_normalize(s->a, text, strlen(text), s->fa_flags, NULL);
}

static const char *
number(struct site *s, long n)
{
	if (s->c->digits_persian)
		return fa_number(s->a, n, 0);
	return arena_printf(s->a, "%ld", n);
}

/* One path segment for a URL: file names may hold spaces or Persian
 * letters, which a URL must carry percent-encoded. */
static const char *
url_segment(struct arena *a, const char *seg)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	const unsigned char *p;
	char *r;

	for (p = (const unsigned char *)seg; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			buf_putc(&b, *p);
			continue;
		}
		buf_putc(&b, '%');
		buf_putc(&b, hex[*p >> 4]);
		buf_putc(&b, hex[*p & 15]);
	}
	r = arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	buf_release(&b);
	return r;
}

const char *
site_doc_dir(struct site *s, const struct doc *doc)
{
	return arena_printf(s->a, "%s/%s/",
	    doc->kind == DOC_STORY ? "stories" : "pages",
	    url_segment(s->a, doc->slug));
}

const char *
site_doc_url(struct site *s, const struct doc *doc)
{
	return arena_printf(s->a, "%sindex.html", site_doc_dir(s, doc));
}

const char *
site_abs_url(struct site *s, const char *path)
{
	if (s->c->base_url == NULL)
		return NULL;
	return arena_printf(s->a, "%s%s", s->c->base_url, path);
}

/* The folder of a group from the top: "programs/آموزش-مهارت" (raw UTF-8,
 * as on disk). */
static const char *
group_path(struct site *s, const struct group *g)
{
	return arena_printf(s->a, "%s/%s", group_dirs[g->kind], g->slug);
}

const char *
site_group_dir(struct site *s, const struct group *g)
{
	return arena_printf(s->a, "%s/%s/", group_dirs[g->kind],
	    url_segment(s->a, g->slug));
}

static const char *
group_url(struct site *s, const struct group *g)
{
	return arena_printf(s->a, "%sindex.html", site_group_dir(s, g));
}

/* Decodes one UTF-8 sequence at p (valid: content checked it). */
static unsigned long
utf8_next(const unsigned char **p)
{
	const unsigned char *q = *p;
	unsigned long c = *q++;
	int more = 0;

	if (c >= 0xF0) {
		c &= 0x07;
		more = 3;
	} else if (c >= 0xE0) {
		c &= 0x0F;
		more = 2;
	} else if (c >= 0xC0) {
		c &= 0x1F;
		more = 1;
	}
	while (more-- > 0 && (*q & 0xC0) == 0x80)
		c = (c << 6) | (*q++ & 0x3F);
	*p = q;
	return c;
}

/* Arabic harakat, superscript alef, tatweel: not part of a name's
 * spelling. */
static int
is_mark(unsigned long c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

/* Non-ASCII characters that separate words: NBSP, ZWNJ and the general
 * punctuation block, Arabic comma, semicolon, question mark, percent and
 * separators, full stop. */
static int
is_separator(unsigned long c)
{
	return c == 0x00A0 || (c >= 0x2000 && c <= 0x206F) || c == 0x060C ||
	    c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) ||
	    c == 0x06D4 || c == 0x00AB || c == 0x00BB || c == 0xFEFF;
}

/* A folder name for a program, district or tag: Persian yeh and kaf,
 * ASCII digits (URLs carry machine digits), other letters kept, harakat
 * dropped, every run of spaces, ZWNJ and punctuation one '-', and Latin
 * letters in lower case:
 * "منطقه ۱۵" -> "منطقه-15". */
static const char *
group_slug(struct site *s, const char *name)
{
	const char *norm = fa_normalize(s->a, name, strlen(name), FA_LETTERS,
	    NULL);
	const unsigned char *p = (const unsigned char *)norm, *start;
	struct buf b = BUF_INIT;
	unsigned long c;
	char *r;
	int dash = 0;

	while (*p != '\0') {
		start = p;
		c = utf8_next(&p);
		if (c >= 0x06F0 && c <= 0x06F9)
			c = '0' + (c - 0x06F0);
		else if (c >= 0x0660 && c <= 0x0669)
			c = '0' + (c - 0x0660);
		if (is_mark(c))
			continue;	/* harakat vanish */
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= 0x80 && !is_separator(c))) {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			dash = 0;
			if (c < 0x80)
				buf_putc(&b, c >= 'A' && c <= 'Z' ? (int)c + 32 :
				    (int)c);
			else
				buf_put(&b, start, (size_t)(p - start));
		} else
			dash = 1;
	}
	if (b.len == 0)
		buf_putc(&b, 'x');
	r = arena_strndup(s->a, b.data, b.len);
	buf_release(&b);
	return r;
}

const char *
site_why_excluded(const struct doc *doc)
{
	switch (doc->excluded) {
	case DOC_NO_CONSENT:
		return "consent is not true";
	case DOC_DRAFT:
		return "it is a draft";
	default:
		return "it is not published";
	}
}

/* --- template data -------------------------------------------------------- */

/* The fields every template may use: the site, the language, the way back
 * to the top (root), the navigation with the entry at current_url (from the
 * top) marked, and the page's canonical address made from path, its pretty
 * URL from the top ("" for the home page; NULL for none). */
static struct tmpl_value *
page_data(struct site *s, const char *root, const char *current_url,
    const char *path)
{
	struct arena *a = s->a;
	struct tmpl_value *o = tmpl_object(a), *nav = tmpl_list(a), *item;
	const char *lang = s->c->language != NULL ? s->c->language : "fa";
	const char *dir = "ltr", *url;
	size_t i;

	for (i = 0; i < sizeof rtl_languages / sizeof rtl_languages[0]; i++)
		if (strcmp(lang, rtl_languages[i]) == 0)
			dir = "rtl";
	tmpl_set_text(a, o, "lang", lang);
	tmpl_set_text(a, o, "dir", dir);
	tmpl_set_text(a, o, "og_locale", strcmp(lang, "fa") == 0 ? "fa_IR" :
	    lang);
	tmpl_set_text(a, o, "og_type", "website");
	tmpl_set_text(a, o, "root", root);
	tmpl_set_text(a, o, "site_title", site_fa_text(s, s->c->title));
	tmpl_set_text(a, o, "site_subtitle", site_fa_text(s, s->c->subtitle));
	tmpl_set_text(a, o, "organization", site_fa_text(s, s->c->organization));
	if (s->c->year > 0)
		tmpl_set_text(a, o, "year", number(s, s->c->year));
	tmpl_set_bool(a, o, "digits_persian", s->c->digits_persian);
	tmpl_set_bool(a, o, "is_home", current_url != NULL &&
	    strcmp(current_url, "index.html") == 0);
	tmpl_set_bool(a, o, "has_feed", s->c->base_url != NULL);
	tmpl_set_bool(a, o, "has_stats", s->has_stats);
	if (path != NULL)
		tmpl_set_text(a, o, "canonical", site_abs_url(s, path));
	for (i = 0; i <= s->npages; i++) {
		if (i == s->npages && s->booklet_pdf == NULL)
			break;
		item = tmpl_object(a);
		if (i < s->npages) {
			tmpl_set_text(a, item, "title",
			    site_fa_text(s, s->pages[i]->title));
			url = site_doc_url(s, s->pages[i]);
		} else {
			tmpl_set_text(a, item, "title", "دریافت کتابچه");
			url = "download/index.html";
		}
		tmpl_set_text(a, item, "url", url);
		tmpl_set_bool(a, item, "current", current_url != NULL &&
		    strcmp(url, current_url) == 0);
		tmpl_append(a, nav, item);
	}
	tmpl_set(a, o, "nav", nav);
	return o;
}

/* The group of kind named name, or NULL. */
static struct group *
find_group(struct site *s, enum group_kind kind, const char *name)
{
	const char *slug = group_slug(s, name);
	size_t i;

	for (i = 0; i < s->ngroups; i++)
		if (s->groups[i].kind == kind &&
		    strcmp(s->groups[i].slug, slug) == 0)
			return &s->groups[i];
	return NULL;
}

/* {name, url} of doc's group of kind named name, into list. */
static void
append_link(struct site *s, struct tmpl_value *list, enum group_kind kind,
    const char *name)
{
	struct group *g = find_group(s, kind, name);
	struct tmpl_value *o = tmpl_object(s->a);

	tmpl_set_text(s->a, o, "name", site_fa_text(s, name));
	if (g != NULL)
		tmpl_set_text(s->a, o, "url", group_url(s, g));
	tmpl_append(s->a, list, o);
}

/* The photo fields of a published story, when it has one. */
static void
photo_fields(struct site *s, struct tmpl_value *o, const struct doc *doc)
{
	struct tmpl_value *p;
	const struct photo *ph = NULL;
	size_t i;

	for (i = 0; s->photos != NULL && i < s->npublished; i++)
		if (s->published[i] == doc)
			ph = s->photos[i];
	if (ph == NULL)
		return;
	p = tmpl_object(s->a);
	tmpl_set_text(s->a, p, "src", ph->src);
	tmpl_set_text(s->a, p, "srcset", ph->srcset);
	tmpl_set_text(s->a, p, "thumb", ph->thumb);
	tmpl_set_text(s->a, p, "alt", ph->alt);
	tmpl_set_text(s->a, p, "width", arena_printf(s->a, "%d", ph->width));
	tmpl_set_text(s->a, p, "height", arena_printf(s->a, "%d", ph->height));
	tmpl_set(s->a, o, "photo", p);
	tmpl_set_text(s->a, o, "og_image", site_abs_url(s, ph->src));
}

/* A doc's metadata, Persian text rules applied, into o. */
static void
doc_fields(struct site *s, struct tmpl_value *o, const struct doc *doc)
{
	struct arena *a = s->a;
	struct tmpl_value *tags;
	size_t i;

	tmpl_set_text(a, o, "title", site_fa_text(s, doc->title));
	tmpl_set_text(a, o, "slug", doc->slug);
	tmpl_set_text(a, o, "url", site_doc_url(s, doc));
	tmpl_set_text(a, o, "pseudonym", site_fa_text(s, doc->pseudonym));
	tmpl_set_text(a, o, "district", site_fa_text(s, doc->district));
	tmpl_set_text(a, o, "program", site_fa_text(s, doc->program));
	tmpl_set_text(a, o, "summary", site_fa_text(s, doc->summary));
	if (doc->kind == DOC_STORY) {
		struct tmpl_value *l = tmpl_list(a);

		if (doc->program != NULL)
			append_link(s, l, GROUP_PROGRAM, doc->program);
		tmpl_set(a, o, "program_link", l);
		l = tmpl_list(a);
		if (doc->district != NULL)
			append_link(s, l, GROUP_DISTRICT, doc->district);
		tmpl_set(a, o, "district_link", l);
		l = tmpl_list(a);
		for (i = 0; i < doc->ntags; i++)
			append_link(s, l, GROUP_TAG, doc->tags[i]);
		tmpl_set(a, o, "tag_links", l);
		photo_fields(s, o, doc);
	}
	if (doc->has_date) {
		tmpl_set_text(a, o, "date", fa_date_text(a, doc->date,
		    s->c->digits_persian));
		tmpl_set_text(a, o, "date_iso", fa_date_iso(a, doc->date));
	}
	/* A list section repeats per item: a yes/no value guards the <ul>. */
	tmpl_set_bool(a, o, "has_tags", doc->ntags > 0);
	if (doc->ntags > 0) {
		tags = tmpl_list(a);
		for (i = 0; i < doc->ntags; i++) {
			const char *t = site_fa_text(s, doc->tags[i]);

			tmpl_append(a, tags, tmpl_text(a, t, strlen(t)));
		}
		tmpl_set(a, o, "tags", tags);
	}
}

/* --- writing --------------------------------------------------------- */

int
site_put(struct site *s, const char *rel, const char *data, size_t len)
{
	int rc;
	char *path = arena_printf(s->a, "%s/%s", s->stage, rel);
	char *slash = strrchr(path, '/');

	*slash = '\0';
	if (fileio_mkdirs(path, s->d) != 0)
		return -1;
	*slash = '/';
	rc = fileio_write_or_keep(path, arena_printf(s->a, "%s/%s", s->out_dir,
	    rel), data != NULL ? data : "", len, s->prev_dir == NULL ? NULL :
	    arena_printf(s->a, "%s/%s", s->prev_dir, rel), s->d);
	s->files++;
	if (rc == 1)
		s->kept++;
	return rc < 0 ? -1 : 0;
}

/* Renders t with data, then the layout around it, into rel. */
static int
write_page(struct site *s, const char *rel, enum page_kind kind,
    struct tmpl_value *data)
{
	struct buf content = BUF_INIT, page = BUF_INIT;
	int rc;

	rc = tmpl_render(s->tmpl[kind], data, &content, s->d);
	if (rc == 0) {
		tmpl_set_html(s->a, data, "content",
		    content.data != NULL ? content.data : "", content.len);
		rc = tmpl_render(s->tmpl[PAGE_BASE], data, &page, s->d);
	}
	if (rc == 0)
		rc = site_put(s, rel, page.data, page.len);
	progress_count(s->progress, PROGRESS_SITE_PAGES, ++s->written, 0);
	buf_release(&content);
	buf_release(&page);
	return rc;
}

/* {title, url} of doc, for previous/next links. */
static struct tmpl_value *
doc_link(struct site *s, const struct doc *doc)
{
	struct tmpl_value *o = tmpl_object(s->a);

	tmpl_set_text(s->a, o, "title", site_fa_text(s, doc->title));
	tmpl_set_text(s->a, o, "url", site_doc_url(s, doc));
	return o;
}

/* A story (at index i of the published, newest first) or a site page
 * (i < 0). */
static int
write_doc(struct site *s, const struct doc *doc, long i)
{
	struct tmpl_value *data = page_data(s, PAGE_ROOT, site_doc_url(s, doc),
	    site_doc_dir(s, doc));
	const char *body;
	size_t len;

	doc_fields(s, data, doc);
	tmpl_set_text(s->a, data, "description", site_fa_text(s, doc->summary));
	if (doc->kind == DOC_STORY) {
		tmpl_set_text(s->a, data, "og_type", "article");
		if (i > 0)
			tmpl_set(s->a, data, "newer",
			    doc_link(s, s->published[i - 1]));
		if (i >= 0 && (size_t)i + 1 < s->npublished)
			tmpl_set(s->a, data, "older",
			    doc_link(s, s->published[i + 1]));
		tmpl_set_bool(s->a, data, "has_pager", s->npublished > 1);
	}
	body = site_body_html(s, doc, PAGE_ROOT, &len);
	tmpl_set_html(s->a, data, "body", body, len);
	return write_page(s, site_doc_url(s, doc),
	    doc->kind == DOC_STORY ? PAGE_STORY : PAGE_PAGE, data);
}

/* The story cards of docs[0..n), for index.html and group pages. */
static struct tmpl_value *
story_list(struct site *s, const struct doc *const *docs, size_t n)
{
	struct tmpl_value *list = tmpl_list(s->a), *item;
	size_t i;

	for (i = 0; i < n; i++) {
		item = tmpl_object(s->a);
		doc_fields(s, item, docs[i]);
		tmpl_append(s->a, list, item);
	}
	return list;
}

/* The groups of kind, for the home page: {name, url, count}. */
static struct tmpl_value *
group_list(struct site *s, enum group_kind kind)
{
	struct tmpl_value *list = tmpl_list(s->a), *item;
	size_t i;

	for (i = 0; i < s->ngroups; i++) {
		if (s->groups[i].kind != kind)
			continue;
		item = tmpl_object(s->a);
		tmpl_set_text(s->a, item, "name", s->groups[i].name);
		tmpl_set_text(s->a, item, "url", group_url(s, &s->groups[i]));
		tmpl_set_text(s->a, item, "count",
		    number(s, (long)s->groups[i].ndocs));
		tmpl_append(s->a, list, item);
	}
	return list;
}

/* booklet.yaml's site.highlights, each value as printed and its label:
 * the key numbers at the top of the home page.  -1 with errors in s->d
 * when a query gives no number. */
static int
home_highlights(struct site *s, struct tmpl_value *data)
{
	struct tmpl_value *list = tmpl_list(s->a), *item;
	const char *value;
	size_t i;
	int rc = 0;

	for (i = 0; i < s->c->nsite_highlights; i++) {
		const struct doc_highlight *h = &s->c->site_highlights[i];

		value = stats_highlight_text(s->a, s->stats, h, "booklet.yaml",
		    s->c->digits_persian, s->d);
		if (value == NULL) {
			rc = -1;
			continue;
		}
		item = tmpl_object(s->a);
		tmpl_set_text(s->a, item, "value", value);
		tmpl_set_text(s->a, item, "label", site_fa_text(s, h->label));
		tmpl_append(s->a, list, item);
	}
	tmpl_set(s->a, data, "highlights", list);
	tmpl_set_bool(s->a, data, "has_highlights", s->c->nsite_highlights > 0);
	return rc;
}

static int
write_index(struct site *s)
{
	struct tmpl_value *data = page_data(s, "", "index.html", "");

	if (home_highlights(s, data) != 0)
		return -1;

	tmpl_set(s->a, data, "stories", story_list(s, s->published,
	    s->npublished));
	tmpl_set_bool(s->a, data, "has_stories", s->npublished > 0);
	tmpl_set_text(s->a, data, "story_count", number(s, (long)s->npublished));
	tmpl_set_text(s->a, data, "description", site_fa_text(s, s->c->subtitle));
	tmpl_set(s->a, data, "programs", group_list(s, GROUP_PROGRAM));
	tmpl_set(s->a, data, "districts", group_list(s, GROUP_DISTRICT));
	tmpl_set(s->a, data, "tags", group_list(s, GROUP_TAG));
	return write_page(s, "index.html", PAGE_INDEX, data);
}

/* programs/NAME/index.html and the like: the stories of one group. */
static int
write_group(struct site *s, const struct group *g)
{
	struct tmpl_value *data = page_data(s, PAGE_ROOT, group_url(s, g),
	    site_group_dir(s, g));

	tmpl_set_text(s->a, data, "title", g->name);
	tmpl_set_text(s->a, data, "label", group_labels[g->kind]);
	tmpl_set_text(s->a, data, "description", arena_printf(s->a,
	    "%s روایت از %s «%s»", number(s, (long)g->ndocs),
	    group_labels[g->kind], g->name));
	tmpl_set_text(s->a, data, "story_count", number(s, (long)g->ndocs));
	tmpl_set(s->a, data, "stories", story_list(s, g->docs, g->ndocs));
	tmpl_set_bool(s->a, data, "has_stories", g->ndocs > 0);
	return write_page(s, arena_printf(s->a, "%s/index.html",
	    group_path(s, g)), PAGE_GROUP, data);
}

/* 404.html: a server shows it for any path, so its links start at the
 * site's path on the server instead of being relative. */
static int
write_notfound(struct site *s)
{
	struct tmpl_value *data = page_data(s, s->base_path, NULL, NULL);

	tmpl_set_text(s->a, data, "title", "صفحه پیدا نشد");
	return write_page(s, "404.html", PAGE_NOTFOUND, data);
}

/* 0 when the file from can be read, else an error naming it; hint says
 * what to do. */
static int
readable(struct site *s, const char *from, const char *hint)
{
	struct pos at = { from, 0, 0 };

	if (access(from, R_OK) != 0)
		return diag_error(s->d, at, "cannot read the file (%s) — %s",
		    strerror(errno), hint);
	return 0;
}

/* The booklet into the site as booklet.pdf: it is an output of this build
 * (or the last), so a second name for the same file is enough, and saves
 * copying tens of megabytes that may well be unchanged.  It is the
 * booklet, not a site file, in the counts of what changed. */
static int
booklet_in(struct site *s)
{
	char *to = arena_printf(s->a, "%s/booklet.pdf", s->stage);

	if (link(s->booklet_pdf, to) == 0)
		return 0;
	return fileio_copy(s->booklet_pdf, to, arena_printf(s->a,
	    "%s/booklet.pdf", s->out_dir), s->d);
}

/* download/index.html and the booklet beside it, as booklet.pdf. */
static int
write_download(struct site *s)
{
	struct tmpl_value *data;
	struct stat st;
	long kb;

	if (s->booklet_pdf == NULL)
		return 0;
	if (readable(s, s->booklet_pdf, "the booklet is written before the "
	    "site: check the build's earlier errors") != 0 ||
	    booklet_in(s) != 0)
		return -1;
	data = page_data(s, TOP_ROOT, "download/index.html", "download/");
	kb = stat(s->booklet_pdf, &st) == 0 ? (long)((st.st_size + 1023) / 1024)
	    : 0;
	tmpl_set_text(s->a, data, "title", "دریافت کتابچه");
	if (s->c->title != NULL)
		tmpl_set_text(s->a, data, "description", arena_printf(s->a,
		    "نسخه‌ی PDF «%s»", site_fa_text(s, s->c->title)));
	tmpl_set_text(s->a, data, "pdf_url", "booklet.pdf");
	tmpl_set_text(s->a, data, "pdf_size", kb >= 1024 ?
	    arena_printf(s->a, "%s مگابایت", number(s, (kb + 512) / 1024)) :
	    arena_printf(s->a, "%s کیلوبایت", number(s, kb)));
	return write_page(s, "download/index.html", PAGE_DOWNLOAD, data);
}

/* stats/index.html: every chart of the site, each under the title of the
 * story or page it belongs to, linked.  Nothing when there is none. */
static int
write_stats_page(struct site *s)
{
	struct tmpl_value *data, *list, *item;
	struct {
		const struct doc *doc;
		struct tmpl_value *figures;
	} *docs;
	size_t i, j, ndocs = 0;

	if (s->nfigures == 0)
		return 0;
	data = page_data(s, TOP_ROOT, "stats/index.html", "stats/");
	tmpl_set_text(s->a, data, "title", "آمار");
	/* One section per story or page, its charts in the order they come
	 * in its text: a story with two charts is named once. */
	docs = arena_array(s->a, s->nfigures, sizeof *docs);
	for (i = 0; i < s->nfigures; i++) {
		for (j = 0; j < ndocs && docs[j].doc != s->figures[i].doc; j++)
			;
		if (j == ndocs) {
			docs[ndocs].doc = s->figures[i].doc;
			docs[ndocs++].figures = tmpl_list(s->a);
		}
		item = tmpl_object(s->a);
		tmpl_set(s->a, item, "figure", tmpl_html(s->a, s->figures[i].html,
		    strlen(s->figures[i].html)));
		tmpl_append(s->a, docs[j].figures, item);
	}
	list = tmpl_list(s->a);
	for (j = 0; j < ndocs; j++) {
		item = tmpl_object(s->a);
		tmpl_set_text(s->a, item, "doc_title",
		    site_fa_text(s, docs[j].doc->title));
		tmpl_set_text(s->a, item, "doc_url", site_doc_url(s, docs[j].doc));
		tmpl_set(s->a, item, "figures", docs[j].figures);
		tmpl_append(s->a, list, item);
	}
	tmpl_set(s->a, data, "docs", list);
	return write_page(s, "stats/index.html", PAGE_STATS, data);
}

/* The search page; its script and index are written by
 * site_write_search(). */
static int
write_search_page(struct site *s)
{
	struct tmpl_value *data = page_data(s, TOP_ROOT, "search/index.html",
	    "search/");

	tmpl_set_text(s->a, data, "title", "جست‌وجو");
	return write_page(s, "search/index.html", PAGE_SEARCH, data);
}

int
site_copy_in(struct site *s, const char *from, const char *rel,
    const char *hint)
{
	struct arena a;
	size_t len;
	char *p;
	int rc;

	if (readable(s, from, hint) != 0)
		return -1;
	/* Through site_put(), so that a font or a booklet that did not change
	 * is linked, not copied again. */
	arena_init(&a);
	/* Stylesheet, script, fonts: 64 MiB is far beyond any of them. */
	p = fileio_read(&a, from, from, 64u << 20, &len, s->d);
	rc = p == NULL ? -1 : site_put(s, rel, p, len);
	arena_release(&a);
	return rc;
}

/* The stylesheet and the self-hosted fonts: the site asks no other host
 * for anything. */
static int
write_assets(struct site *s, const char *fonts_dir, const char *templates_dir)
{
	const char *from, *rel;
	size_t i;
	int rc = 0;

	if (site_copy_in(s, arena_printf(s->a, "%s/site/style.css", templates_dir),
	    "style.css", STYLE_HINT) != 0)
		rc = -1;
	if (fileio_mkdirs(arena_printf(s->a, "%s/fonts", s->stage), s->d) != 0)
		return -1;
	for (i = 0; i < sizeof web_fonts / sizeof web_fonts[0]; i++) {
		from = arena_printf(s->a, "%s/%s", fonts_dir, web_fonts[i]);
		rel = arena_printf(s->a, "fonts/%s", web_fonts[i]);
		if (site_copy_in(s, from, rel, FONTS_HINT) != 0)
			rc = -1;
	}
	return rc;
}

/* --- the output folder ---------------------------------------------------- */

/* Removes path and everything below it, not following symbolic links. */
static int
remove_tree(const char *path)
{
	struct buf child = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *dir;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((dir = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_truncate(&child, 0);
		buf_printf(&child, "%s/%s", path, e->d_name);
		if (remove_tree(child.data) != 0)
			rc = -1;
	}
	closedir(dir);
	buf_release(&child);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

/* 1 when path is a folder with nothing in it. */
static int
is_empty_dir(const char *path)
{
	struct dirent *e;
	DIR *dir;
	int empty = 1;

	if ((dir = opendir(path)) == NULL)
		return 0;
	while (empty && (e = readdir(dir)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(dir);
	return empty;
}

/* The output folder is replaced whole, so before any work check that what
 * is there now is ours to replace: nothing, an empty folder, or a site
 * with our marker.  Never delete a folder someone pointed us at by mistake. */
static int
check_out_dir(struct site *s)
{
	struct pos at = { s->out_dir, 0, 0 };
	const char *base = strrchr(s->out_dir, '/');
	struct stat st;

	base = base != NULL ? base + 1 : s->out_dir;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return diag_error(s->d, at, "the site needs an output folder of "
		    "its own, such as out/site");
	if (lstat(s->out_dir, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return diag_error(s->d, at, "cannot look at the output folder: %s",
		    strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return diag_error(s->d, at, "the output folder is not a folder — "
		    "move the file away");
	if (access(arena_printf(s->a, "%s/%s", s->out_dir, MARKER), F_OK) == 0 ||
	    is_empty_dir(s->out_dir))
		return 0;
	return diag_error(s->d, at, "the folder holds files daftar did not "
	    "make, and the site replaces it whole — move them away or choose "
	    "another output folder");
}

/* Makes the new, empty folder the site is built in, beside out_dir so
 * the final rename stays on one file system. */
static int
stage_open(struct site *s)
{
	struct pos at = { s->out_dir, 0, 0 };
	char *parent = arena_strdup(s->a, s->out_dir), *slash, *stage;

	if ((slash = strrchr(parent, '/')) != NULL && slash != parent) {
		*slash = '\0';
		if (fileio_mkdirs(parent, s->d) != 0)
			return -1;
	}
	stage = arena_printf(s->a, "%s.new-XXXXXX", s->out_dir);
	if (mkdtemp(stage) == NULL)
		return diag_error(s->d, at, "cannot make a folder beside the "
		    "output folder: %s", strerror(errno));
	/* mkdtemp() makes it private; a published site is for reading. */
	chmod(stage, 0755);
	s->stage = stage;
	return 0;
}

/* Swaps the new site in for the old one, then removes the old one. */
static int
stage_commit(struct site *s)
{
	struct pos at = { s->out_dir, 0, 0 };
	char *old = NULL;
	int e;

	if (access(s->out_dir, F_OK) == 0) {
		old = arena_printf(s->a, "%s.old-XXXXXX", s->out_dir);
		if (mkdtemp(old) == NULL)
			return diag_error(s->d, at, "cannot make a folder beside "
			    "the output folder: %s", strerror(errno));
		/* Renaming onto the empty folder just made is allowed. */
		if (rename(s->out_dir, old) != 0) {
			e = errno;
			rmdir(old);
			return diag_error(s->d, at, "cannot move the previous "
			    "site aside: %s", strerror(e));
		}
	}
	if (rename(s->stage, s->out_dir) != 0) {
		e = errno;
		if (old != NULL)
			rename(old, s->out_dir);
		return diag_error(s->d, at, "cannot move the new site into "
		    "place: %s", strerror(e));
	}
	s->stage = NULL;
	if (old != NULL && remove_tree(old) != 0)
		diag_warn(s->d, (struct pos){ old, 0, 0 }, "cannot remove the "
		    "previous site — delete this folder by hand");
	return 0;
}

/* --- putting it together ------------------------------------------------- */

static int
newest_first(const void *pa, const void *pb)
{
	const struct doc *a = *(const struct doc *const *)pa;
	const struct doc *b = *(const struct doc *const *)pb;

	if (a->date.year != b->date.year)
		return a->date.year < b->date.year ? 1 : -1;
	if (a->date.month != b->date.month)
		return a->date.month < b->date.month ? 1 : -1;
	if (a->date.day != b->date.day)
		return a->date.day < b->date.day ? 1 : -1;
	return strcmp(a->slug, b->slug);
}

static void
collect_stories(struct site *s)
{
	struct doc *const *sp;
	size_t n = 0;

	for (sp = s->stories; sp != NULL && *sp != NULL; sp++)
		n++;
	s->published = arena_array(s->a, n + 1, sizeof *s->published);
	for (sp = s->stories; sp != NULL && *sp != NULL; sp++)
		if ((*sp)->kind == DOC_STORY && (*sp)->excluded == DOC_PUBLISHED)
			s->published[s->npublished++] = *sp;
	qsort(s->published, s->npublished, sizeof *s->published, newest_first);
}

/* Two published stories with one slug would share one page: an error
 * naming both files. */
static int
check_slugs(struct site *s)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < s->npublished; i++)
		for (j = 0; j < i; j++)
			if (strcmp(s->published[i]->slug,
			    s->published[j]->slug) == 0)
				rc = diag_error(s->d, (struct pos){
				    s->published[i]->path, 0, 0 }, "story "
				    "slug '%s' is also the slug of %s — both "
				    "would be stories/%s/; rename one file",
				    s->published[i]->slug,
				    s->published[j]->path,
				    s->published[i]->slug);
	return rc;
}

/* Adds doc to the group of kind named name, making the group if new. */
static void
group_add(struct site *s, enum group_kind kind, const char *name,
    const struct doc *doc)
{
	struct group *g;

	if (name == NULL || *name == '\0')
		return;
	if ((g = find_group(s, kind, name)) == NULL) {
		s->groups = arena_grow(s->a, s->groups, s->ngroups,
		    s->ngroups + 1, sizeof *s->groups);
		g = &s->groups[s->ngroups++];
		memset(g, 0, sizeof *g);
		g->kind = kind;
		g->name = site_fa_text(s, name);
		g->slug = group_slug(s, name);
	}
	if (g->ndocs > 0 && g->docs[g->ndocs - 1] == doc)
		return;		/* a tag given twice */
	if (g->ndocs == g->cap) {
		g->docs = arena_grow(s->a, g->docs, g->cap, g->cap * 2 + 4,
		    sizeof *g->docs);
		g->cap = g->cap * 2 + 4;
	}
	g->docs[g->ndocs++] = doc;
}

static int
group_order(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return fa_collate(a->slug, b->slug);
}

/* The programs, districts and tags of the published stories, each with its
 * stories newest first (the order of s->published). */
static void
collect_groups(struct site *s)
{
	const struct doc *doc;
	size_t i, j;

	for (i = 0; i < s->npublished; i++) {
		doc = s->published[i];
		group_add(s, GROUP_PROGRAM, doc->program, doc);
		group_add(s, GROUP_DISTRICT, doc->district, doc);
		for (j = 0; j < doc->ntags; j++)
			group_add(s, GROUP_TAG, doc->tags[j], doc);
	}
	if (s->ngroups > 1)
		qsort(s->groups, s->ngroups, sizeof *s->groups, group_order);
}

/* A photo without photo_alt is an error (write_photo() says why). */
static int
check_photo_alt(struct site *s, const struct doc *doc)
{
	struct pos at = { doc->path, doc->photo_line, doc->photo_col };

	if (doc->photo_alt == NULL || *doc->photo_alt == '\0')
		return diag_error(s->d, at, "photo '%s' has no photo_alt — "
		    "describe the picture in a sentence for readers who cannot "
		    "see it", doc->photo);
	return 0;
}

/* The published copies of doc's photo: images/SLUG-W.jpg at each width of
 * photo_widths narrower than the photo, and one at its own width capped
 * at PHOTO_MAX_WIDTH; JPEG with no metadata (image.c drops EXIF and GPS).
 * A photo without photo_alt is an error: the site never shows an image
 * without words for readers who cannot see it. */
/*
 * The photo cache: for each photo, "KEY.meta" and "KEY-W.jpg" per width,
 * KEY being two 64-bit FNV-1a hashes of the photo's bytes and its length.
 * The meta file's first line names everything else the copies depend on,
 * and each following line a copy's width, length and hash, checked when it
 * is read back.  Bump PHOTO_CACHE_VERSION when image.c encodes differently.
 */
#define PHOTO_CACHE_VERSION	1
#define PHOTO_CACHE_MAX		(64u << 20)

/* What the copies depend on besides the photo's bytes. */
static const char *
cache_header(struct site *s)
{
	return arena_printf(s->a, "daftar-photo-cache %d quality=%d max=%d "
	    "widths=%d,%d\n", PHOTO_CACHE_VERSION, PHOTO_QUALITY,
	    PHOTO_MAX_WIDTH, photo_widths[0], photo_widths[1]);
}

/* Whether the copies of the photo keyed key are in the cache and whole:
 * then they are put into the site and the photo's size is in *width and
 * *height, the widths of its copies in w[0..*n).  Nothing in the cache is
 * trusted: any mismatch is a miss, and misses add no diagnostics. */
static int
from_cache(struct site *s, const char *key, const char *slug, int *width,
    int *height, int *w, size_t *n)
{
	struct diags scratch;
	const char *header = cache_header(s), *p;
	char *meta, *end;
	size_t len, k, clen, count;
	unsigned long long h1, h2;
	uint64_t g[2];
	unsigned char *copy;
	int hit = 0, used;

	diag_init(&scratch);
	meta = fileio_read(s->a, arena_printf(s->a, "%s/%s.meta", s->cache_dir,
	    key), "photo cache", 4096, &len, &scratch);
	if (meta == NULL || strncmp(meta, header, strlen(header)) != 0)
		goto out;
	p = meta + strlen(header);
	if (sscanf(p, "%d %d %zu\n%n", width, height, &count, &used) != 3 ||
	    *width < 1 || *height < 1 || count < 1 ||
	    count > sizeof photo_widths / sizeof photo_widths[0] + 1)
		goto out;
	p += used;
	for (k = 0; k < count; k++) {
		w[k] = (int)strtol(p, &end, 10);
		if (end == p || sscanf(end, " %zu %16llx%16llx\n%n", &clen, &h1,
		    &h2, &used) != 3 || w[k] < 1)
			goto out;
		p = end + used;
		copy = (unsigned char *)fileio_read(s->a, arena_printf(s->a,
		    "%s/%s-%d.jpg", s->cache_dir, key, w[k]), "photo cache",
		    PHOTO_CACHE_MAX, &len, &scratch);
		if (copy == NULL || len != clen)
			goto out;
		reuse_hash(copy, len, g);
		if (g[0] != h1 || g[1] != h2 || site_put(s, arena_printf(s->a,
		    "images/%s-%d.jpg", slug, w[k]), (const char *)copy,
		    len) != 0)
			goto out;
	}
	*n = count;
	hit = *p == '\0';
out:
	diag_release(&scratch);
	return hit;
}

/* Keeps the copies just written to the site in the cache, the meta file
 * last so that it never names a copy not yet there.  Failing is fine: the
 * next build resizes again. */
static void
to_cache(struct site *s, const char *key, const char *slug, int width,
    int height, const int *w, size_t n)
{
	struct diags scratch;
	struct buf meta = BUF_INIT;
	const char *copy;
	size_t i, len;
	uint64_t h[2];

	diag_init(&scratch);
	if (fileio_mkdirs(s->cache_dir, &scratch) != 0)
		goto out;
	buf_puts(&meta, cache_header(s));
	buf_printf(&meta, "%d %d %zu\n", width, height, n);
	for (i = 0; i < n; i++) {
		copy = fileio_read(s->a, arena_printf(s->a, "%s/images/%s-%d.jpg",
		    s->stage, slug, w[i]), "photo", PHOTO_CACHE_MAX, &len,
		    &scratch);
		if (copy == NULL)
			goto out;
		reuse_hash(copy, len, h);
		buf_printf(&meta, "%d %zu %016llx%016llx\n", w[i], len,
		    (unsigned long long)h[0], (unsigned long long)h[1]);
		if (fileio_write(arena_printf(s->a, "%s/%s-%d.jpg", s->cache_dir,
		    key, w[i]), "photo cache", copy, len, &scratch) != 0)
			goto out;
	}
	fileio_write(arena_printf(s->a, "%s/%s.meta", s->cache_dir, key),
	    "photo cache", meta.data, meta.len, &scratch);
out:
	buf_release(&meta);
	diag_release(&scratch);
}

/* The cache key of the photo, or NULL without a cache; NULL with an error
 * when the photo cannot be read (image_load() would say the same). */
static const char *
photo_key(struct site *s, const struct doc *doc, struct pos at, int *err)
{
	unsigned char *bytes;
	uint64_t h[2];
	size_t len;

	*err = 0;
	if (s->cache_dir == NULL)
		return NULL;
	if ((bytes = image_read(s->a, s->project_dir, doc->photo, &len, s->d,
	    at)) == NULL) {
		*err = 1;
		return NULL;
	}
	reuse_hash(bytes, len, h);
	free(bytes);
	return arena_printf(s->a, "%016llx%016llx-%zu", (unsigned long long)h[0],
	    (unsigned long long)h[1], len);
}

/* Resizes the photo into its copies, into w[0..*n), its size into *width
 * and *height.  Returns 0, or -1 with an error. */
static int
resize_photo(struct site *s, const struct doc *doc, struct pos at, int *w,
    size_t *n, int *width, int *height)
{
	struct image im;
	const char *rel;
	size_t i;
	int full, rc = 0;

	if (image_load(s->a, s->project_dir, doc->photo, &im, s->d, at) != 0)
		return -1;
	full = im.width < PHOTO_MAX_WIDTH ? im.width : PHOTO_MAX_WIDTH;
	*n = 0;
	for (i = 0; i < sizeof photo_widths / sizeof photo_widths[0]; i++)
		if (photo_widths[i] < full)
			w[(*n)++] = photo_widths[i];
	w[(*n)++] = full;
	if (fileio_mkdirs(arena_printf(s->a, "%s/images", s->stage), s->d) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < *n; i++) {
		rel = arena_printf(s->a, "images/%s-%d.jpg", doc->slug, w[i]);
		if (image_write_jpeg(&im, w[i], PHOTO_QUALITY,
		    arena_printf(s->a, "%s/%s", s->stage, rel),
		    arena_printf(s->a, "%s/%s", s->out_dir, rel), s->d) != 0)
			rc = -1;
	}
	*width = im.width;
	*height = im.height;
	image_release(&im);
	return rc;
}

static int
write_photo(struct site *s, const struct doc *doc, struct photo **out)
{
	struct pos at = { doc->path, doc->photo_line, doc->photo_col };
	struct photo *ph;
	struct buf set = BUF_INIT;
	const char *seg = url_segment(s->a, doc->slug), *key;
	int w[sizeof photo_widths / sizeof photo_widths[0] + 1];
	size_t n = 0, i;
	int full, width, height, err;

	*out = NULL;
	if (check_photo_alt(s, doc) != 0)
		return -1;
	key = photo_key(s, doc, at, &err);
	if (err)
		return -1;
	if (key == NULL || !from_cache(s, key, doc->slug, &width, &height, w,
	    &n)) {
		if (resize_photo(s, doc, at, w, &n, &width, &height) != 0)
			return -1;
		if (key != NULL)
			to_cache(s, key, doc->slug, width, height, w, n);
	}
	full = w[n - 1];
	/* srcset is for the story page: each entry from its root. */
	for (i = 0; i < n; i++)
		buf_printf(&set, "%s%simages/%s-%d.jpg %dw", i > 0 ? ", " : "",
		    PAGE_ROOT, seg, w[i], w[i]);
	ph = arena_alloc(s->a, sizeof *ph);
	ph->src = arena_printf(s->a, "images/%s-%d.jpg", seg, full);
	ph->thumb = arena_printf(s->a, "images/%s-%d.jpg", seg, w[0]);
	ph->srcset = arena_strndup(s->a, set.data, set.len);
	ph->alt = site_fa_text(s, doc->photo_alt);
	ph->width = full;
	ph->height = (int)(((long)height * full + width / 2) / width);
	*out = ph;
	buf_release(&set);
	return 0;
}

/* c->site_pages ("pages/about") -> the loaded, published page docs. */
static int
collect_pages(struct site *s, struct doc *const *pages)
{
	struct pos at = { "booklet.yaml", 0, 0 };
	struct doc *const *pp;
	const char *want;
	size_t i;
	int rc = 0;

	s->pages = arena_array(s->a, s->c->nsite_pages + 1, sizeof *s->pages);
	for (i = 0; i < s->c->nsite_pages; i++) {
		want = arena_printf(s->a, "%s.md", s->c->site_pages[i]);
		for (pp = pages; pp != NULL && *pp != NULL; pp++)
			if (strcmp((*pp)->path, want) == 0)
				break;
		if (pp == NULL || *pp == NULL) {
			rc = diag_error(s->d, at, "site page '%s' has no file %s "
			    "among the pages — fix site.pages or add the file",
			    s->c->site_pages[i], want);
			continue;
		}
		if ((*pp)->excluded != DOC_PUBLISHED) {
			diag_warn(s->d, (struct pos){ (*pp)->path, 0, 0 },
			    "site page left out of the site: %s",
			    site_why_excluded(*pp));
			continue;
		}
		s->pages[s->npages++] = *pp;
	}
	return rc;
}

static int
load_templates(struct site *s, const char *templates_dir)
{
	char *dir = arena_printf(s->a, "%s/site", templates_dir);
	struct tmpl_lib *lib = tmpl_lib_new(s->a, dir, dir);
	int i, rc = 0;

	for (i = 0; i < PAGE_KIND__MAX; i++) {
		s->tmpl[i] = tmpl_lib_get(lib, page_templates[i], s->d);
		if (s->tmpl[i] == NULL)
			rc = -1;
	}
	return rc;
}

/* Every file of the site, into the new folder.  Goes on after an error so
 * one run reports as many as it can. */
static int
fill(struct site *s, const char *fonts_dir, const char *templates_dir)
{
	static const char marker[] = "made by daftar: this folder is replaced "
	    "whole on every build\n";
	size_t i;
	int rc = 0;

	s->has_stats = s->stats != NULL && site_any_stats(s);
	/* Photos first: the pages show their sizes. */
	s->photos = arena_array(s->a, s->npublished + 1, sizeof *s->photos);
	for (i = 0; i < s->npublished; i++)
		if (s->published[i]->photo != NULL &&
		    write_photo(s, s->published[i], &s->photos[i]) != 0)
			rc = -1;
	for (i = 0; i < s->npublished; i++)
		if (write_doc(s, s->published[i], (long)i) != 0)
			rc = -1;
	for (i = 0; i < s->npages; i++)
		if (write_doc(s, s->pages[i], -1) != 0)
			rc = -1;
	for (i = 0; i < s->ngroups; i++)
		if (write_group(s, &s->groups[i]) != 0)
			rc = -1;
	if (write_index(s) != 0 || write_notfound(s) != 0 ||
	    write_download(s) != 0 || write_search_page(s) != 0 ||
	    write_stats_page(s) != 0)
		rc = -1;
	if (site_write_search(s, templates_dir) != 0 || site_write_robots(s) != 0)
		rc = -1;
	if (s->c->base_url != NULL &&
	    (site_write_feed(s) != 0 || site_write_sitemap(s) != 0))
		rc = -1;
	if (write_assets(s, fonts_dir, templates_dir) != 0)
		rc = -1;
	if (rc == 0)
		rc = site_put(s, MARKER, marker, sizeof marker - 1);
	return rc;
}

/* What fill() would find wrong, without making a page: photos checked
 * and measured (not decoded or resized), every story's and page's body
 * transformed as for its page (links, raw HTML, images, stats queries) but
 * not rendered, the home page's key numbers queried, and the files the
 * site copies in looked for. */
static int
check_fill(struct site *s, const char *fonts_dir, const char *templates_dir)
{
	struct image im;
	size_t i;
	int rc = 0;

	for (i = 0; i < s->npublished; i++) {
		const struct doc *doc = s->published[i];
		struct pos at = { doc->path, doc->photo_line, doc->photo_col };

		if (doc->photo == NULL)
			continue;
		memset(&im, 0, sizeof im);
		if (check_photo_alt(s, doc) != 0 || image_check(s->a,
		    s->project_dir, doc->photo, &im, s->d, at) != 0)
			rc = -1;
		image_release(&im);
	}
	for (i = 0; i < s->npublished + s->npages; i++)
		site_body_check(s, i < s->npublished ? s->published[i] :
		    s->pages[i - s->npublished]);
	if (home_highlights(s, tmpl_object(s->a)) != 0)
		rc = -1;
	if (readable(s, arena_printf(s->a, "%s/site/style.css", templates_dir),
	    STYLE_HINT) != 0 || readable(s, arena_printf(s->a,
	    "%s/site/search.js", templates_dir), "the search script belongs "
	    "in templates/site/") != 0)
		rc = -1;
	for (i = 0; i < sizeof web_fonts / sizeof web_fonts[0]; i++)
		if (readable(s, arena_printf(s->a, "%s/%s", fonts_dir,
		    web_fonts[i]), FONTS_HINT) != 0)
			rc = -1;
	return rc;
}

/* The path of base_url on its server ("/", "/daftar/"), or "/". */
static const char *
base_path(struct arena *a, const char *base_url)
{
	const char *p;

	if (base_url == NULL || (p = strstr(base_url, "://")) == NULL ||
	    (p = strchr(p + 3, '/')) == NULL)
		return "/";
	return arena_strdup(a, p);
}

/* Starts s: what site_write() and site_check() both are given. */
static void
start(struct site *s, struct arena *a, const struct config *c,
    struct doc *const *stories, struct stats *stats, const char *project_dir,
    struct diags *d)
{
	memset(s, 0, sizeof *s);
	s->a = a;
	s->c = c;
	s->stories = stories;
	s->project_dir = project_dir;
	s->d = d;
	s->stats = stats;
	s->base_path = base_path(a, c->base_url);
	s->fa_flags = FA_LETTERS | (c->digits_persian ? FA_DIGITS : 0);
}

/* The templates, the site pages, the stories and their groups: returns
 * -1 when one of them is wrong. */
static int
gather(struct site *s, struct doc *const *pages, const char *templates_dir)
{
	int rc = 0;

	if (load_templates(s, templates_dir) != 0)
		rc = -1;
	if (collect_pages(s, pages) != 0)
		rc = -1;
	collect_stories(s);
	if (check_slugs(s) != 0)
		rc = -1;
	collect_groups(s);
	return rc;
}

int
site_check(struct arena *a, const struct config *c, struct doc *const *stories,
    struct doc *const *pages, struct stats *stats, const char *project_dir,
    const char *fonts_dir, const char *templates_dir, struct diags *d)
{
	struct site s;

	start(&s, a, c, stories, stats, project_dir, d);
	s.checking = 1;
	if (gather(&s, pages, templates_dir) != 0)
		return -1;
	return check_fill(&s, fonts_dir, templates_dir);
}

int
site_write(struct arena *a, const struct config *c, struct doc *const *stories,
    struct doc *const *pages, struct stats *stats, const char *project_dir,
    const char *fonts_dir, const char *templates_dir, const char *booklet_pdf,
    const char *cache_dir, struct site_prev *prev, const char *out_dir,
    struct progress *progress, struct diags *d)
{
	struct site s;
	char *out;
	size_t n;
	int rc;

	start(&s, a, c, stories, stats, project_dir, d);
	s.booklet_pdf = booklet_pdf;
	s.progress = progress;
	s.cache_dir = cache_dir;
	s.prev_dir = prev != NULL ? prev->dir : NULL;
	/* "out/site/" and "out/site" are the same folder; the renames need
	 * the name without the slash. */
	out = arena_strdup(a, out_dir);
	for (n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
		out[n - 1] = '\0';
	s.out_dir = out;

	rc = check_out_dir(&s);
	if (gather(&s, pages, templates_dir) != 0)
		rc = -1;
	if (rc != 0 || stage_open(&s) != 0)
		return -1;
	rc = fill(&s, fonts_dir, templates_dir);
	if (rc == 0)
		rc = stage_commit(&s);
	if (prev != NULL) {
		prev->files = s.files;
		prev->kept = s.kept;
	}
	if (s.stage != NULL)
		remove_tree(s.stage);
	return rc;
}
