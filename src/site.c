/* site.c - published stories and site pages -> the static HTML site. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
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

static const char *
why_excluded(const struct doc *doc)
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

/* --- positions in story files ----------------------------------------- */

/* Where node n of doc's body starts in the story file. */
static struct pos
node_pos(struct site *s, const struct doc *doc, cmark_node *n)
{
	(void)s;
	return content_node_pos(doc, n);
}

/* --- the story body ------------------------------------------------------ */

static cmark_node *
copy_node(cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	cmark_node *m = cmark_node_new(type);

	switch (type) {
	case CMARK_NODE_LIST:
		cmark_node_set_list_type(m, cmark_node_get_list_type(n));
		cmark_node_set_list_delim(m, cmark_node_get_list_delim(n));
		cmark_node_set_list_start(m, cmark_node_get_list_start(n));
		cmark_node_set_list_tight(m, cmark_node_get_list_tight(n));
		break;
	case CMARK_NODE_HEADING:
		cmark_node_set_heading_level(m, cmark_node_get_heading_level(n));
		break;
	case CMARK_NODE_CODE_BLOCK:
		cmark_node_set_fence_info(m, cmark_node_get_fence_info(n));
		cmark_node_set_literal(m, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		cmark_node_set_literal(m, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_LINK:
		cmark_node_set_url(m, cmark_node_get_url(n));
		cmark_node_set_title(m, cmark_node_get_title(n));
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		cmark_node_set_on_enter(m, cmark_node_get_on_enter(n));
		cmark_node_set_on_exit(m, cmark_node_get_on_exit(n));
		break;
	default:
		break;
	}
	return m;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The value of "key: value" in a stats block, as YAML reads a plain or
 * quoted scalar on one line: " # comment" cut, blanks and quotes trimmed.
 * NULL when the key is absent. */
static const char *
spec_value(struct arena *a, const char *spec, const char *key)
{
	size_t klen = strlen(key), end;
	const char *line, *v;

	for (line = spec; line != NULL && *line != '\0';
	    line = strchr(line, '\n') != NULL ? strchr(line, '\n') + 1 : NULL) {
		while (is_blank(*line))
			line++;
		if (strncmp(line, key, klen) != 0 || line[klen] != ':')
			continue;
		v = line + klen + 1;
		while (is_blank(*v))
			v++;
		/* strchr() finds the '\0' too: the line's end or the text's. */
		for (end = 0; strchr("\r\n", v[end]) == NULL; end++)
			if (v[end] == '#' && end > 0 && is_blank(v[end - 1]))
				break;
		while (end > 0 && is_blank(v[end - 1]))
			end--;
		if (end >= 2 && strchr("\"'", v[0]) != NULL && v[end - 1] == v[0]) {
			v++;
			end -= 2;
		}
		return arena_strndup(a, v, end);
	}
	return NULL;
}

static int
is_stats_block(cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);

	return info != NULL && strncmp(info, "stats", 5) == 0 &&
	    (info[5] == '\0' || is_blank(info[5]));
}

/* The chart and its data table for a stats block, into b; nothing when the
 * query or the chart has an error (recorded, as the booklet records it: the
 * build fails before the site is published). */
static void
stats_chart(struct site *s, const struct doc *doc, cmark_node *n, const char *spec,
    struct buf *b)
{
	struct stats_block sb;
	struct chart c;
	struct pos at = node_pos(s, doc, n);
	const char *id;

	at.line++;	/* the body starts under the fence */
	at.col = 1;
	if (stats_block(s->a, s->stats, spec, strlen(spec), at, &sb, s->d) != 0 ||
	    chart_model(s->a, &sb, s->c->digits_persian ? CHART_PERSIAN : 0, &c,
	    s->d) != 0)
		return;
	if (s->checking)
		return;		/* the model is all that can go wrong */
	id = arena_printf(s->a, "chart-%d", ++s->ncharts);
	chart_write_html(&c, id, s->a, b);
}

/* Whether a published story or page holds a ```stats block: the navigation
 * of every page, written before the charts are, links the statistics page. */
static int
any_stats(const struct site *s)
{
	cmark_iter *it;
	size_t i;
	int found = 0;

	for (i = 0; i < s->npublished + s->npages && !found; i++) {
		const struct doc *doc = i < s->npublished ? s->published[i] :
		    s->pages[i - s->npublished];

		it = cmark_iter_new(doc->root);
		while (!found && cmark_iter_next(it) != CMARK_EVENT_DONE)
			found = cmark_node_get_type(cmark_iter_get_node(it)) ==
			    CMARK_NODE_CODE_BLOCK &&
			    is_stats_block(cmark_iter_get_node(it));
		cmark_iter_free(it);
	}
	return found;
}

/* Keeps a figure (without its closing tag, which the node adds) for the
 * statistics page. */
static void
add_figure(struct site *s, const struct doc *doc, const char *html)
{
	if (s->nfigures == s->capfigures) {
		size_t cap = s->capfigures ? s->capfigures * 2 : 8;

		s->figures = arena_grow(s->a, s->figures, s->nfigures, cap,
		    sizeof *s->figures);
		s->capfigures = cap;
	}
	s->figures[s->nfigures].html = arena_printf(s->a, "%s</figure>",
	    html != NULL ? html : "");
	s->figures[s->nfigures].doc = doc;
	s->nfigures++;
}

/* A ```stats block becomes its figure: the title as caption, then the
 * chart and its data (or the title alone without statistics).  Never the
 * raw YAML. */
static cmark_node *
stats_figure(struct site *s, const struct doc *doc, cmark_node *n)
{
	const char *spec = cmark_node_get_literal(n);
	const char *title, *chart, *p;
	struct buf b = BUF_INIT;
	cmark_node *m;

	if (spec == NULL)
		spec = "";
	title = site_fa_text(s, spec_value(s->a, spec, "title"));
	chart = spec_value(s->a, spec, "chart");
	buf_puts(&b, "<figure class=\"stats\"");
	for (p = chart; p != NULL && *p >= 'a' && *p <= 'z'; p++)
		;
	if (chart != NULL && *chart != '\0' && *p == '\0')
		buf_printf(&b, " data-chart=\"%s\"", chart);
	buf_puts(&b, ">\n");
	if (title != NULL && *title != '\0') {
		buf_puts(&b, "<figcaption>");
		buf_put_html(&b, title, strlen(title));
		buf_puts(&b, "</figcaption>");
	}
	if (s->stats != NULL) {
		stats_chart(s, doc, n, spec, &b);
		add_figure(s, doc, b.data);
	}
	m = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(m, b.data);
	cmark_node_set_on_exit(m, "</figure>");
	buf_release(&b);
	return m;
}

/* Raw HTML is never published.  An HTML comment is an editor's note and
 * goes quietly; anything else is a warning, since the author meant it to
 * show. */
static int
is_html_comment(cmark_node *n)
{
	const char *html = cmark_node_get_literal(n);

	while (html != NULL && (is_blank(*html) || *html == '\n'))
		html++;
	return html == NULL || strncmp(html, "<!--", 4) == 0;
}

static void
drop_html(struct site *s, const struct doc *doc, cmark_node *n)
{
	if (is_html_comment(n))
		return;
	diag_warn(s->d, node_pos(s, doc, n), "raw HTML is left out of the "
	    "site — write it in Markdown instead (or, for trusted authors "
	    "only, set 'site.raw_html: true' in booklet.yaml)");
}

/* A link to another content file: relative, without a scheme, its path
 * ending in ".md". */
static int
is_md_link(const char *url, size_t *pathlen)
{
	size_t i, n;

	if (url[0] == '\0' || url[0] == '/' || url[0] == '#' || url[0] == '?')
		return 0;
	for (i = 0; url[i] != '\0' && strchr(":/?#", url[i]) == NULL; i++)
		;
	if (url[i] == ':')
		return 0;	/* "https:", "mailto:": a scheme */
	n = strcspn(url, "?#");
	*pathlen = n;
	return n > 3 && memcmp(url + n - 3, ".md", 3) == 0;
}

/* docpath's folder joined with link[0..len), ".." and "." resolved:
 * "stories/x.md" + "../pages/about.md" -> "pages/about.md".  NULL when the
 * link climbs out of the project folder. */
static char *
join_path(struct arena *a, const char *docpath, const char *link, size_t len)
{
	const char *slash = strrchr(docpath, '/');
	struct buf b = BUF_INIT;
	char *path, *seg, *save = NULL, *r;
	size_t *starts, n = 0, cap;

	if (slash != NULL)
		buf_put(&b, docpath, (size_t)(slash - docpath) + 1);
	buf_put(&b, link, len);
	path = arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	cap = b.len + 1;
	starts = arena_array(a, cap, sizeof *starts);
	buf_truncate(&b, 0);
	for (seg = strtok_r(path, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n == 0) {
				buf_release(&b);
				return NULL;
			}
			buf_truncate(&b, starts[--n]);
			continue;
		}
		starts[n++] = b.len;
		if (b.len > 0)
			buf_putc(&b, '/');
		buf_puts(&b, seg);
	}
	r = arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	buf_release(&b);
	return r;
}

/* The site URL (from the top) of the content file path, or NULL with *why
 * saying why it has none. */
static const char *
site_url_of(struct site *s, const char *path, const char **why)
{
	struct doc *const *sp;
	size_t i;

	for (i = 0; i < s->npages; i++)
		if (strcmp(s->pages[i]->path, path) == 0)
			return site_doc_url(s, s->pages[i]);
	for (sp = s->stories; sp != NULL && *sp != NULL; sp++) {
		if (strcmp((*sp)->path, path) != 0)
			continue;
		if ((*sp)->excluded == DOC_PUBLISHED)
			return site_doc_url(s, *sp);
		*why = why_excluded(*sp);
		return NULL;
	}
	*why = NULL;
	return NULL;
}

/* Links between content files ("../pages/about.md") become links between
 * the pages made from them.  A link to a file that is not on the site keeps
 * its text and loses the link: a custom inline renders only its children. */
static cmark_node *
rewrite_link(struct site *s, const struct doc *doc, cmark_node *n,
    const char *root)
{
	const char *url = cmark_node_get_url(n), *target, *why = NULL;
	char *path;
	size_t len;
	cmark_node *m;

	if (url != NULL && content_link_check(url, node_pos(s, doc, n), s->d) ==
	    CONTENT_LINK_DROPPED)
		return cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	if (url == NULL || !is_md_link(url, &len))
		return copy_node(n);
	path = join_path(s->a, doc->path, url, len);
	if (path != NULL && (target = site_url_of(s, path, &why)) != NULL) {
		m = copy_node(n);
		cmark_node_set_url(m, arena_printf(s->a, "%s%s%s", root, target,
		    url + len));
		return m;
	}
	if (path == NULL)
		diag_warn(s->d, node_pos(s, doc, n), "link '%s' leads outside "
		    "the content folder — the link is left out, its text kept",
		    url);
	else if (why != NULL)
		diag_warn(s->d, node_pos(s, doc, n), "link to '%s', a story that "
		    "is not published (%s) — the link is left out, its text kept",
		    path, why);
	else
		diag_warn(s->d, node_pos(s, doc, n), "link to '%s', which is not "
		    "on the site (only published stories and the pages in "
		    "site.pages are) — the link is left out, its text kept", path);
	return cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
}

/* The copy of node n for the site, or NULL to leave it out. */
static cmark_node *
transform(struct site *s, const struct doc *doc, cmark_iter *it,
    cmark_node *n, const char *root)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		/* A comment is an editor's note even where HTML is trusted. */
		if (s->c->site_raw_html && !is_html_comment(n))
			return copy_node(n);
		drop_html(s, doc, n);
		return NULL;
	case CMARK_NODE_IMAGE:
		/* Photos reach the site only through image.c, which strips
		 * EXIF and GPS; and a picture from another host is a request
		 * the site must not make. */
		diag_warn(s->d, node_pos(s, doc, n), "image left out of the "
		    "site: images inside the text are not supported — give the "
		    "story a 'photo' in its front matter instead");
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		return NULL;
	case CMARK_NODE_CODE_BLOCK:
		if (is_stats_block(n))
			return stats_figure(s, doc, n);
		return copy_node(n);
	case CMARK_NODE_LINK:
		return rewrite_link(s, doc, n, root);
	default:
		return copy_node(n);
	}
}

static int
is_leaf(cmark_node_type type)
{
	switch (type) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* A copy of doc's AST made for the site: the doc's own tree is shared with
 * the booklet and must stay as written.  Caller frees with cmark_node_free().
 * Iterative, so a deeply nested story cannot exhaust the stack. */
static cmark_node *
copy_body(struct site *s, const struct doc *doc, const char *root)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	cmark_node *n, *m, *top = NULL, *parent = NULL;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			/* Every container entered was copied (images are
			 * skipped with their EXIT), so this one closes. */
			parent = cmark_node_parent(parent);
			continue;
		}
		if ((m = transform(s, doc, it, n, root)) == NULL)
			continue;
		if (parent == NULL)
			top = m;
		else
			cmark_node_append_child(parent, m);
		if (!is_leaf(cmark_node_get_type(n)))
			parent = m;
	}
	cmark_iter_free(it);
	return top;
}

/* The Persian text rules on running text only: code, code blocks and URLs
 * are other node types (or attributes) and keep their digits. */
static void
normalize_text(struct site *s, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_TEXT)
			continue;
		if ((lit = cmark_node_get_literal(n)) != NULL)
			cmark_node_set_literal(n, site_fa_text(s, lit));
	}
	cmark_iter_free(it);
}

/* doc's body as HTML for a page at root; lives in s->a. */
static const char *
body_html(struct site *s, const struct doc *doc, const char *root,
    size_t *len)
{
	cmark_node *copy;
	char *html, *r;

	*len = 0;
	if (doc->root == NULL)
		return "";
	if ((copy = copy_body(s, doc, root)) == NULL)
		return "";
	/* cmark splits text at '[', '!', entities...; joined, the digit
	 * rules see "۴۰%" or "۱۲,۵۰۰" whole. */
	cmark_consolidate_text_nodes(copy);
	normalize_text(s, copy);
	/* Safe by default: links with another scheme were dropped above with a
	 * warning, and cmark would blank their href anyway.  Raw HTML reaches
	 * the page only when booklet.yaml says site.raw_html: true. */
	html = cmark_render_html(copy, s->c->site_raw_html ? CMARK_OPT_UNSAFE :
	    CMARK_OPT_DEFAULT);
	cmark_node_free(copy);
	*len = strlen(html);
	r = arena_strndup(s->a, html, *len);
	free(html);
	return r;
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
		tmpl_set_text(a, o, "date", fa_date_text(a, doc->date));
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
	char *path = arena_printf(s->a, "%s/%s", s->stage, rel);
	char *slash = strrchr(path, '/');

	*slash = '\0';
	if (fileio_mkdirs(path, s->d) != 0)
		return -1;
	*slash = '/';
	return fileio_write(path, arena_printf(s->a, "%s/%s", s->out_dir, rel),
	    data != NULL ? data : "", len, s->d);
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
	body = body_html(s, doc, PAGE_ROOT, &len);
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

static int
write_index(struct site *s)
{
	struct tmpl_value *data = page_data(s, "", "index.html", "");

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

/* download/index.html and the booklet beside it, as booklet.pdf. */
static int
write_download(struct site *s)
{
	struct tmpl_value *data;
	struct stat st;
	long kb;

	if (s->booklet_pdf == NULL)
		return 0;
	if (site_copy_in(s, s->booklet_pdf, "booklet.pdf", "the booklet is "
	    "written before the site: check the build's earlier errors") != 0)
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
	size_t i;

	if (s->nfigures == 0)
		return 0;
	data = page_data(s, TOP_ROOT, "stats/index.html", "stats/");
	tmpl_set_text(s->a, data, "title", "آمار");
	list = tmpl_list(s->a);
	for (i = 0; i < s->nfigures; i++) {
		item = tmpl_object(s->a);
		tmpl_set_text(s->a, item, "doc_title",
		    site_fa_text(s, s->figures[i].doc->title));
		tmpl_set_text(s->a, item, "doc_url", site_doc_url(s, s->figures[i].doc));
		tmpl_set(s->a, item, "figure", tmpl_html(s->a, s->figures[i].html,
		    strlen(s->figures[i].html)));
		tmpl_append(s->a, list, item);
	}
	tmpl_set(s->a, data, "figures", list);
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

int
site_copy_in(struct site *s, const char *from, const char *rel,
    const char *hint)
{
	char *to = arena_printf(s->a, "%s/%s", s->stage, rel);

	if (readable(s, from, hint) != 0)
		return -1;
	return fileio_copy(from, to, arena_printf(s->a, "%s/%s", s->out_dir,
	    rel), s->d);
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
static int
write_photo(struct site *s, const struct doc *doc, struct photo **out)
{
	struct pos at = { doc->path, doc->photo_line, doc->photo_col };
	struct image im;
	struct photo *ph;
	struct buf set = BUF_INIT;
	const char *rel, *seg = url_segment(s->a, doc->slug);
	int w[sizeof photo_widths / sizeof photo_widths[0] + 1];
	size_t n = 0, i;
	int full, rc = 0;

	*out = NULL;
	if (check_photo_alt(s, doc) != 0)
		return -1;
	if (image_load(s->a, s->project_dir, doc->photo, &im, s->d, at) != 0)
		return -1;
	full = im.width < PHOTO_MAX_WIDTH ? im.width : PHOTO_MAX_WIDTH;
	for (i = 0; i < sizeof photo_widths / sizeof photo_widths[0]; i++)
		if (photo_widths[i] < full)
			w[n++] = photo_widths[i];
	w[n++] = full;
	if (fileio_mkdirs(arena_printf(s->a, "%s/images", s->stage), s->d) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < n; i++) {
		rel = arena_printf(s->a, "images/%s-%d.jpg", doc->slug, w[i]);
		if (image_write_jpeg(&im, w[i], PHOTO_QUALITY,
		    arena_printf(s->a, "%s/%s", s->stage, rel),
		    arena_printf(s->a, "%s/%s", s->out_dir, rel), s->d) != 0)
			rc = -1;
		/* srcset is for the story page: each entry from its root. */
		buf_printf(&set, "%s%simages/%s-%d.jpg %dw", i > 0 ? ", " : "",
		    PAGE_ROOT, seg, w[i], w[i]);
	}
	if (rc == 0) {
		ph = arena_alloc(s->a, sizeof *ph);
		ph->src = arena_printf(s->a, "images/%s-%d.jpg", seg, full);
		ph->thumb = arena_printf(s->a, "images/%s-%d.jpg", seg, w[0]);
		ph->srcset = arena_strndup(s->a, set.data, set.len);
		ph->alt = site_fa_text(s, doc->photo_alt);
		ph->width = full;
		ph->height = (int)(((long)im.height * full + im.width / 2) /
		    im.width);
		*out = ph;
	}
	buf_release(&set);
	image_release(&im);
	return rc;
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
			    why_excluded(*pp));
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

	s->has_stats = s->stats != NULL && any_stats(s);
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
 * not rendered, and the files the site copies in looked for. */
static int
check_fill(struct site *s, const char *fonts_dir, const char *templates_dir)
{
	struct image im;
	cmark_node *copy;
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
	for (i = 0; i < s->npublished + s->npages; i++) {
		const struct doc *doc = i < s->npublished ? s->published[i] :
		    s->pages[i - s->npublished];

		if (doc->root != NULL &&
		    (copy = copy_body(s, doc, PAGE_ROOT)) != NULL)
			cmark_node_free(copy);
	}
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
    const char *out_dir, struct progress *progress, struct diags *d)
{
	struct site s;
	char *out;
	size_t n;
	int rc;

	start(&s, a, c, stories, stats, project_dir, d);
	s.booklet_pdf = booklet_pdf;
	s.progress = progress;
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
	if (s.stage != NULL)
		remove_tree(s.stage);
	return rc;
}
