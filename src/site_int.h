/* site_int.h - the site module's insides, shared by site*.c; no other module includes it. */
#ifndef DAFTAR_SITE_INT_H
#define DAFTAR_SITE_INT_H

#include <stddef.h>

struct arena;
struct config;
struct diags;
struct doc;
struct photo;
struct stats;
struct tmpl;

/* The templates of templates/site/, in the order they are loaded. */
enum page_kind {
	PAGE_BASE,		/* the layout around every page */
	PAGE_INDEX,
	PAGE_STORY,
	PAGE_PAGE,
	PAGE_GROUP,		/* the stories of one program, district or tag */
	PAGE_DOWNLOAD,		/* the booklet PDF to download */
	PAGE_NOTFOUND,		/* 404.html */
	PAGE_SEARCH,
	PAGE_STATS,		/* every chart of the site, with its story */
	PAGE_KIND__MAX
};

/* What stories are grouped by: each name gets a page listing its stories. */
enum group_kind {
	GROUP_PROGRAM,
	GROUP_DISTRICT,
	GROUP_TAG,
	GROUP_KIND__MAX
};

/* One program, district or tag and its published stories, newest first. */
struct group {
	enum group_kind kind;
	const char *name;		/* Persian text rules applied */
	const char *slug;		/* its folder: group_slug() */
	const struct doc **docs;
	size_t ndocs, cap;
};

/* One site_write(): what it was given and what it has gathered. */
struct site {
	struct arena *a;
	const struct config *c;
	struct doc *const *stories;	/* every story loaded; borrowed */
	const struct doc **published;	/* stories to publish, newest first */
	size_t npublished;
	const struct doc **pages;	/* c->site_pages, when published */
	size_t npages;
	const char *project_dir;
	const char *out_dir;		/* where the site ends up; in messages */
	const char *stage;		/* the new folder being filled, or NULL */
	unsigned fa_flags;		/* fa_normalize(): digits when configured */
	struct tmpl *tmpl[PAGE_KIND__MAX];
	struct diags *d;
	struct stats *stats;		/* queries for stats blocks, or NULL */
	int ncharts;			/* charts so far, for unique SVG ids */
	int has_stats;			/* some published text has a chart */
	struct site_figure {
		const char *html;	/* the figure as on its page */
		const struct doc *doc;	/* whose it is */
	} *figures;			/* for the statistics page */
	size_t nfigures, capfigures;
	struct group *groups;		/* programs, districts, tags */
	size_t ngroups;
	struct photo **photos;		/* per published story, or NULL */
	const char *booklet_pdf;	/* copied as booklet.pdf, or NULL */
	const char *cache_dir;		/* resized photos kept between builds,
					 * or NULL: every photo is resized */
	const char *prev_dir;		/* the site published before, or NULL:
					 * files equal to its own are linked */
	size_t kept;			/* files linked from prev_dir */
	size_t files;			/* files put in the site */
	const char *base_path;		/* "/" of base_url: 404.html's root */
	int checking;			/* site_check(): find problems, make
					 * no HTML, write nothing */
	struct progress *progress;	/* borrowed, or NULL */
	size_t written;			/* pages written, for progress */
};

/* site.c: strings the pages and the feeds both make.  Each lives in s->a. */

/* The Persian text rules for a piece of running text; NULL stays NULL. */
const char	*site_fa_text(struct site *s, const char *text);

/* "stories/SLUG/", the pretty URL from the top of the site: absolute
 * URLs (feed, sitemap, canonical) use it as it is. */
const char	*site_doc_dir(struct site *s, const struct doc *doc);

/* "stories/SLUG/index.html": links inside the site name the file, so they
 * also work opened from disk, where a folder does not open its index. */
const char	*site_doc_url(struct site *s, const struct doc *doc);

/* base_url + path, or NULL without a base_url. */
const char	*site_abs_url(struct site *s, const char *path);

/* "programs/SLUG/", percent-encoded, as site_doc_dir() for a group. */
const char	*site_group_dir(struct site *s, const struct group *g);

/* Why a story that is not published is not, in words for a message. */
const char	*site_why_excluded(const struct doc *doc);

/* site_body.c: a story's body for its page. */

/* doc's body as HTML for a page at root ("../../"), *len its length; lives
 * in s->a.  Charts found on the way are kept for the statistics page. */
const char	*site_body_html(struct site *s, const struct doc *doc,
	    const char *root, size_t *len);

/* What site_body_html() would warn about in doc's body, without the HTML:
 * for site_check(). */
void	site_body_check(struct site *s, const struct doc *doc);

/* Whether any published text holds a chart or table: the statistics page
 * and its menu entry exist only then. */
int	site_any_stats(const struct site *s);

/* site.c: files into the new site folder, s->stage.  Both return 0, or -1
 * with an error in s->d naming the file as out_dir/rel. */

/* Writes data[0..len) (NULL: nothing) to rel, making its folders. */
int	site_put(struct site *s, const char *rel, const char *data,
	    size_t len);

/* Copies the file from to rel; hint, after the reason, says what to do
 * when from cannot be read. */
int	site_copy_in(struct site *s, const char *from, const char *rel,
	    const char *hint);

/* site_feed.c: the files made for machines rather than readers.  Each
 * returns 0, or -1 with errors in s->d. */

/* feed.xml: Atom, the published stories newest first.  Only with a
 * base_url: its URLs are absolute. */
int	site_write_feed(struct site *s);

/* sitemap.xml: every page a reader may land on.  Only with a base_url. */
int	site_write_sitemap(struct site *s);

/* robots.txt: everything allowed, and the sitemap when there is one. */
int	site_write_robots(struct site *s);

/* search.json, search-index.js, and search.js copied from
 * templates_dir/site/. */
int	site_write_search(struct site *s, const char *templates_dir);

#endif
