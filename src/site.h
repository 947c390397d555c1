/* site.h - published stories and site pages -> the static HTML site in out/site/. */
#ifndef DAFTAR_SITE_H
#define DAFTAR_SITE_H

#include <stddef.h>

struct arena;
struct config;
struct diags;
struct doc;
struct progress;
struct stats;

/* The site a build replaces, and what it kept of it (site_write()). */
struct site_prev {
	const char *dir;	/* borrowed */
	size_t files;		/* files in the new site */
	size_t kept;		/* of them, linked unchanged from dir */
};

/*
 * Writes the site for c into out_dir ("out/site"):
 *
 *   index.html                  the published stories, newest first
 *   stories/SLUG/index.html     one page per published story
 *   pages/SLUG/index.html       one page per entry of c->site_pages
 *   programs/NAME/index.html    the stories of one program; districts/ and
 *   districts/NAME/, tags/NAME/   tags/ the same (NAME: group_slug() in site.c)
 *   images/SLUG-W.jpg           each story photo at a few widths, no EXIF/GPS
 *   download/index.html         with booklet.pdf, when booklet_pdf is given
 *   search/index.html           search.json, search-index.js and search.js
 *   404.html                    links from base_url's path, for servers
 *   feed.xml, sitemap.xml       Atom and sitemap with absolute URLs (only
 *                               with a base_url); robots.txt
 *   style.css                   templates_dir/site/style.css
 *   fonts/Vazirmatn-*.woff2     from fonts_dir, with OFL.txt beside them
 *
 * stories and pages are NULL-terminated arrays as content_load_dir() returns
 * them (pages may be NULL); only docs with excluded == DOC_PUBLISHED appear.
 * The docs are borrowed and not changed: their ASTs are copied before the
 * Persian text rules and link rewriting are applied.  Templates are read
 * from templates_dir/site/ (base, index, story, page, group, card, download,
 * notfound, search .html; search.js and style.css are copied).  project_dir
 * is the folder holding booklet.yaml; story files are read from it again
 * only to give character columns in warnings.
 *
 * The site is built in a new folder beside out_dir and renamed into place
 * only when every file was written, so a failed build leaves the previous
 * site as it was, and stories no longer published disappear with the old
 * folder.  out_dir therefore belongs to site_write() alone: it must be
 * missing, empty, or a folder an earlier site_write() made (it holds
 * ".daftar-site"); anything else is an error, never deleted.
 *
 * A ```stats block becomes its figure: the chart as inline SVG with real
 * text and the data as a table beside it, when stats (the project's
 * statistics, borrowed) is given; its title alone when stats is NULL.
 *
 * booklet_pdf (borrowed; NULL: no download page) is the booklet already
 * written, copied in as booklet.pdf.  A story photo without photo_alt, two
 * published stories with one slug, and an unreadable photo are errors.
 *
 * cache_dir (borrowed; NULL: none) keeps the resized copies of each photo
 * between builds, named by a hash of the photo's bytes: a photo whose bytes
 * did not change is neither decoded nor resized again.  Every entry is
 * checked (version, sizes, length and hash of each copy) before use; one
 * that fails is ignored and made again, so a damaged cache costs time,
 * never a wrong file.
 *
 * prev (borrowed; NULL: none) names in prev->dir the site an earlier build
 * published, when out_dir is a new folder that will replace it: a file
 * whose bytes are those of its namesake there is linked to it instead of
 * written, so that after a small change only the files it touched are new,
 * and an upload that compares times or inodes sends only those.
 * prev->kept is set to the number of such files, prev->files to all
 * (booklet.pdf, linked to booklet_pdf, left out of both).
 *
 * Strings made on the way live in a.  Returns 0, or -1 with errors at
 * file:line:col in d (templates, missing fonts, unknown site pages, write
 * failures).  Each page written is counted on progress (borrowed; NULL for
 * none).  Links to unpublished stories, raw HTML and body images are
 * warnings: the text is kept, the link, HTML or image left out.
 */
int	site_write(struct arena *a, const struct config *c,
	    struct doc *const *stories, struct doc *const *pages,
	    struct stats *stats,
	    const char *project_dir, const char *fonts_dir,
	    const char *templates_dir, const char *booklet_pdf,
	    const char *cache_dir, struct site_prev *prev, const char *out_dir,
	    struct progress *progress, struct diags *d);

/*
 * Finds what site_write() would find wrong, with the same diagnostics in d,
 * and writes nothing ("daftar check"): the templates parse, site.pages
 * name published pages, published slugs differ, photos have photo_alt and
 * pass image_check(), every body's links, raw HTML, images and stats
 * blocks are looked at as for its page, and the stylesheet, search script
 * and web fonts can be read.  No page is rendered, so an error only
 * rendering finds (a template printing a list) is not.  Returns 0, or -1
 * on errors.
 */
int	site_check(struct arena *a, const struct config *c,
	    struct doc *const *stories, struct doc *const *pages,
	    struct stats *stats, const char *project_dir,
	    const char *fonts_dir, const char *templates_dir,
	    struct diags *d);

#endif
