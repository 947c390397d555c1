/* site_feed.c - the site's files for machines: Atom feed, sitemap, robots.txt, search index. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "content.h"
#include "fa.h"
#include "site_int.h"

/* s as XML character data or attribute value: markup escaped, and the
 * control characters XML 1.0 forbids left out. */
static void
put_xml(struct buf *b, const char *text)
{
	const unsigned char *p;

	for (p = (const unsigned char *)(text != NULL ? text : ""); *p != '\0';
	    p++) {
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
				buf_putc(b, *p);
		}
	}
}

/* s as a JSON string, quotes included; U+2028 and U+2029 escaped too, so
 * the same text is safe inside a script. */
static void
put_json(struct buf *b, const char *text)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)(text != NULL ? text : ""); *p != '\0';
	    p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == '<')
			buf_printf(b, "\\u%04x", *p);
		else if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xA8 || p[2] == 0xA9)) {
			buf_printf(b, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
			p += 2;
		} else
			buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* "2024-10-06T00:00:00Z" for an Atom date (Gregorian, ASCII digits). */
static const char *
atom_date(struct site *s, const struct doc *doc)
{
	return arena_printf(s->a, "%sT00:00:00Z", fa_date_iso(s->a, doc->date));
}

static void
feed_entry(struct site *s, struct buf *b, const struct doc *doc)
{
	const char *url = site_abs_url(s, site_doc_dir(s, doc));
	size_t i;

	buf_puts(b, "<entry>\n<title>");
	put_xml(b, site_fa_text(s, doc->title));
	buf_puts(b, "</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_xml(b, url);
	buf_puts(b, "\"/>\n<id>");
	put_xml(b, url);
	buf_printf(b, "</id>\n<published>%s</published>\n<updated>%s</updated>\n",
	    atom_date(s, doc), atom_date(s, doc));
	buf_puts(b, "<author><name>");
	put_xml(b, site_fa_text(s, doc->pseudonym));
	buf_puts(b, "</name></author>\n");
	for (i = 0; i < doc->ntags; i++) {
		buf_puts(b, "<category term=\"");
		put_xml(b, site_fa_text(s, doc->tags[i]));
		buf_puts(b, "\"/>\n");
	}
	buf_puts(b, "<summary>");
	put_xml(b, site_fa_text(s, doc->summary));
	buf_puts(b, "</summary>\n</entry>\n");
}

/* feed.xml: Atom, the published stories newest first, with absolute URLs
 * from base_url.  Dates are the stories' own, so two builds of the same
 * content write the same feed. */
int
site_write_feed(struct site *s)
{
	struct buf b = BUF_INIT;
	const char *lang = s->c->language != NULL ? s->c->language : "fa";
	const char *updated = "2000-01-01T00:00:00Z";
	size_t i;
	int rc;

	if (s->npublished > 0)
		updated = atom_date(s, s->published[0]);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	put_xml(&b, lang);
	buf_puts(&b, "\">\n<title>");
	put_xml(&b, site_fa_text(s, s->c->title));
	buf_puts(&b, "</title>\n");
	if (s->c->subtitle != NULL) {
		buf_puts(&b, "<subtitle>");
		put_xml(&b, site_fa_text(s, s->c->subtitle));
		buf_puts(&b, "</subtitle>\n");
	}
	buf_puts(&b, "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	put_xml(&b, site_abs_url(s, "feed.xml"));
	buf_puts(&b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_xml(&b, s->c->base_url);
	buf_puts(&b, "\"/>\n<id>");
	put_xml(&b, s->c->base_url);
	buf_printf(&b, "</id>\n<updated>%s</updated>\n<author><name>", updated);
	put_xml(&b, site_fa_text(s, s->c->organization != NULL ?
	    s->c->organization : s->c->title));
	buf_puts(&b, "</name></author>\n<generator>daftar</generator>\n");
	for (i = 0; i < s->npublished; i++)
		feed_entry(s, &b, s->published[i]);
	buf_puts(&b, "</feed>\n");
	rc = site_put(s, "feed.xml", b.data, b.len);
	buf_release(&b);
	return rc;
}

static void
sitemap_url(struct site *s, struct buf *b, const char *path,
    const struct doc *doc)
{
	buf_puts(b, "<url><loc>");
	put_xml(b, site_abs_url(s, path));
	buf_puts(b, "</loc>");
	if (doc != NULL && doc->has_date)
		buf_printf(b, "<lastmod>%s</lastmod>",
		    fa_date_iso(s->a, doc->date));
	buf_puts(b, "</url>\n");
}

/* sitemap.xml: every page a reader may land on, as absolute pretty URLs. */
int
site_write_sitemap(struct site *s)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	sitemap_url(s, &b, "", NULL);
	for (i = 0; i < s->npublished; i++)
		sitemap_url(s, &b, site_doc_dir(s, s->published[i]), s->published[i]);
	for (i = 0; i < s->npages; i++)
		sitemap_url(s, &b, site_doc_dir(s, s->pages[i]), NULL);
	for (i = 0; i < s->ngroups; i++)
		sitemap_url(s, &b, site_group_dir(s, &s->groups[i]), NULL);
	if (s->has_stats)
		sitemap_url(s, &b, "stats/", NULL);
	if (s->booklet_pdf != NULL)
		sitemap_url(s, &b, "download/", NULL);
	buf_puts(&b, "</urlset>\n");
	rc = site_put(s, "sitemap.xml", b.data, b.len);
	buf_release(&b);
	return rc;
}

int
site_write_robots(struct site *s)
{
	const char *text = "User-agent: *\nAllow: /\n";

	if (s->c->base_url != NULL)
		text = arena_printf(s->a, "%s\nSitemap: %ssitemap.xml\n", text,
		    s->c->base_url);
	return site_put(s, "robots.txt", text, strlen(text));
}

/* search.json, and search-index.js with the same array for pages opened
 * from disk (browsers refuse to fetch() a file:// URL).  Each story gives
 * its title, url (from the top), summary as excerpt, and the words readers
 * look for besides: pseudonym, program, district, tags. */
int
site_write_search(struct site *s, const char *templates_dir)
{
	struct buf b = BUF_INIT, js = BUF_INIT;
	const struct doc *doc;
	size_t i, j;
	int rc;

	buf_puts(&b, "[\n");
	for (i = 0; i < s->npublished; i++) {
		doc = s->published[i];
		buf_puts(&b, i > 0 ? ",\n{\"title\":" : "{\"title\":");
		put_json(&b, site_fa_text(s, doc->title));
		buf_puts(&b, ",\"url\":");
		put_json(&b, site_doc_url(s, doc));
		buf_puts(&b, ",\"excerpt\":");
		put_json(&b, site_fa_text(s, doc->summary));
		buf_puts(&b, ",\"keywords\":");
		buf_truncate(&js, 0);
		buf_printf(&js, "%s %s %s", doc->pseudonym != NULL ?
		    doc->pseudonym : "", doc->program != NULL ? doc->program :
		    "", doc->district != NULL ? doc->district : "");
		for (j = 0; j < doc->ntags; j++)
			buf_printf(&js, " %s", doc->tags[j]);
		put_json(&b, site_fa_text(s, js.data));
		buf_puts(&b, "}");
	}
	buf_puts(&b, "\n]\n");
	rc = site_put(s, "search.json", b.data, b.len);
	buf_truncate(&js, 0);
	buf_puts(&js, "/* made by daftar: search.json for pages opened from "
	    "disk */\nwindow.DAFTAR_SEARCH = ");
	buf_put(&js, b.data, b.len);
	buf_puts(&js, ";\n");
	if (site_put(s, "search-index.js", js.data, js.len) != 0)
		rc = -1;
	if (site_copy_in(s, arena_printf(s->a, "%s/site/search.js", templates_dir),
	    "search.js", "the search script belongs in templates/site/") != 0)
		rc = -1;
	buf_release(&b);
	buf_release(&js);
	return rc;
}
