/* content.h - story/page/leaflet file -> struct doc: front matter + cmark AST. */
#ifndef DAFTAR_CONTENT_H
#define DAFTAR_CONTENT_H

#include <stddef.h>

#include "diag.h"
#include "fa.h"

struct arena;
struct diags;
struct cmark_node;
struct yaml_parser_s;

enum doc_kind {
	DOC_STORY,
	DOC_PAGE,
	DOC_LEAFLET,
	DOC_KIND__MAX
};

/* Why a document is not published. */
enum doc_excluded {
	DOC_PUBLISHED,
	DOC_NO_CONSENT,		/* consent missing or not true */
	DOC_DRAFT,		/* draft: true */
	DOC_EXCLUDED__MAX
};

/* One highlight of a leaflet: a big number with a short caption.  Exactly
 * one of value and query is set. */
struct doc_highlight {
	const char *value;	/* as written: "17000", "100%" */
	const char *query;	/* SQL whose first row's first number is shown */
	const char *label;	/* the caption, as written */
	int line, col;		/* where the item starts, for messages */
};

/* One content file.  Strings are UTF-8 exactly as written (no Persian text
 * rules applied yet) and live as long as the arena given to content_load();
 * absent optional fields are NULL. */
struct doc {
	enum doc_kind kind;
	const char *path;	/* project-relative: "stories/x.md" */
	const char *slug;	/* file name without ".md": "x" */
	const char *title;
	const char *pseudonym, *district, *program, *summary;
	const char *photo, *photo_alt;
	int photo_line, photo_col;	/* where photo: is written, for messages */
	struct fa_date date;	/* Jalali */
	int has_date;
	const char **tags;
	size_t ntags;
	int consent, draft;
	enum doc_excluded excluded;
	/* Leaflets only (leaflet.c reads them). */
	const char *format;	/* "a5-flyer" or "a4-trifold" */
	const char *phone, *address, *website;
	struct doc_highlight *highlights;
	size_t nhighlights;
	/* Line of the file on which the Markdown body starts (1-based): a cmark
	 * line number l is file line body_line + l - 1. */
	int body_line;
	/* The body's bytes as written, for columns in later messages. */
	const char *body;
	size_t body_len;
	/* The Markdown body, parsed with CMARK_OPT_VALIDATE_UTF8.  Owned by the
	 * doc: content_free() frees it. */
	struct cmark_node *root;
};

/* Loads dir/relpath (relpath is what messages show, e.g. "stories/x.md").
 * Checks UTF-8 (error at the line and column of the first bad byte), splits
 * the front matter (between "---" lines), reads it with libyaml (errors at
 * the story file's line:col, not the YAML document's), checks the fields of
 * kind (stories need title, pseudonym, district, program, date as a real
 * Jalali date, summary; unknown keys are warnings with a "did you mean"),
 * and parses the body with cmark.  Returns the doc, living in a with its
 * AST owned as above, or NULL with errors added to d. */
struct doc *content_load(struct arena *a, const char *dir, const char *relpath,
	    enum doc_kind kind, struct diags *d);

/* The i-th front-matter field a document of kind may have (i from 0), in
 * the order of the content module's field table, or NULL past the last;
 * *required (when not NULL) is set to 1 when a file of kind must give it.
 * The names are static: what "daftar new" writes and its tests check. */
const char *content_field(enum doc_kind kind, size_t i, int *required);

/* The text "daftar new" writes in field name of a new file of kind, for the
 * editor to replace (a published file still holding it is an error), or
 * NULL when the field starts empty or with a real value. */
const char *content_placeholder(enum doc_kind kind, const char *name);

/* Frees what the doc owns outside its arena (the cmark AST).  NULL is ok. */
void	content_free(struct doc *doc);

/* Loads every "*.md" in dir/sub (e.g. sub = "stories"), sorted by file name,
 * into a NULL-terminated array living in a.  Files that fail to load are
 * reported in d and left out; two published files whose names differ only in
 * letter case are an error in d.  Returns the array (possibly empty), or NULL
 * when dir/sub cannot be read (with an error in d). */
struct doc **content_load_dir(struct arena *a, const char *dir, const char *sub,
	    enum doc_kind kind, struct diags *d);

/*
 * Helpers shared with config.c, which reads its YAML file the same way.
 */

/* Checks that s[0..len) is UTF-8 with no NUL byte; s is relname from its
 * line 1 on (after any BOM).  Returns 0, or -1 with an error at the line and
 * character column of the first bad byte. */
int	content_check_utf8(const char *s, size_t len, const char *relname,
	    struct diags *d);

/* Where the front matter and the body are in a content file. */
struct content_split {
	size_t yaml_off, yaml_len;	/* the YAML between the two fences */
	size_t body_off;		/* first byte after the closing fence */
	int body_line;			/* file line of body_off */
};

/* Finds the front matter of s[0..len) (after any BOM): from a first line
 * "---" to the next "---" line.  Fills *sp and returns 0, or -1 with an
 * error in d that says how to write it. */
int	content_split(const char *s, size_t len, const char *relname,
	    struct content_split *sp, struct diags *d);

/* Reports why p failed (after yaml_parser_load() returned 0 on yaml[0..len))
 * as an error in relname at the file's line:col; line0 is the file line that
 * holds yaml's first line.  Returns -1. */
int	content_yaml_error(const struct yaml_parser_s *p, const char *yaml,
	    size_t len, const char *relname, int line0, struct diags *d);

/* Whether path (relative to the content folder, as in "photo:" or
 * booklet.yaml) stays inside that folder: not absolute, no ".." part, no
 * backslash.  Returns 1 or 0. */
int	content_path_inside(const char *path);

/* The 1-based character column of byte column bytecol (1-based, as cmark
 * counts) on line line of doc's body; bytecol itself when the body does not
 * have that line. */
int	content_body_col(const struct doc *doc, int line, int bytecol);

/* Where node n of doc's body starts in the story file, its column in
 * characters: the place every output names in its messages about n. */
struct pos content_node_pos(const struct doc *doc, struct cmark_node *n);

/* What a Markdown link's url is to every output. */
enum content_link {
	CONTENT_LINK_WEB,	/* http:, https: or mailto: kept as it is */
	CONTENT_LINK_LOCAL,	/* no scheme: "../pages/about.md", "#x" */
	CONTENT_LINK_DROPPED	/* any other scheme (javascript:, data:,
				 * file:): warned about at at, in d */
};
/* Sorts url; a CONTENT_LINK_DROPPED url gets one warning that says what to
 * do.  The booklet and the site call it for the same link: the identical
 * warnings are printed once (diag.c). */
enum content_link content_link_check(const char *url, struct pos at,
	    struct diags *d);

/* The entry of the NULL-terminated list known that word is most likely a
 * misspelling of (at most two edits away, ignoring case), or NULL. */
const char *content_suggest(const char *word, const char *const *known);

/*
 * Reads list, a YAML list of highlights ("- value: ..." or "- query: ...",
 * each with "label: ...") in document y of relname, whose first YAML line
 * is file line line0 (1 for a whole YAML file), into *out (*n of them, in
 * a).  Items with errors are left out, the errors in d.  Returns 0, or -1
 * when there were errors.  A leaflet's front matter and booklet.yaml's
 * site.highlights are read the same way.
 */
struct yaml_document_s;
struct yaml_node_s;
int	content_read_highlights(struct arena *a, struct yaml_document_s *y,
	    const struct yaml_node_s *list, const char *relname, int line0,
	    struct doc_highlight **out, size_t *n, struct diags *d);

/* Whether a libyaml node (a yaml_node_t) is YAML's null: "key:" with
 * nothing after it, "~" or "null", unquoted. */
int	content_yaml_is_null(const struct yaml_node_s *n);

#endif
