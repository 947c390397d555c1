/* site_body.c - a story's Markdown as the site's HTML: links, charts, raw HTML, Persian text. */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "site_int.h"
#include "stats.h"

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
int
site_any_stats(const struct site *s)
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
url_of_content(struct site *s, const char *path, const char **why)
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
		*why = site_why_excluded(*sp);
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
	if (path != NULL && (target = url_of_content(s, path, &why)) != NULL) {
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
const char *
site_body_html(struct site *s, const struct doc *doc, const char *root,
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

void
site_body_check(struct site *s, const struct doc *doc)
{
	cmark_node *copy;

	if (doc->root != NULL && (copy = copy_body(s, doc, "")) != NULL)
		cmark_node_free(copy);
}
