/* config.c - booklet.yaml -> typed booklet and site settings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "arena.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fileio.h"
#include "lint.h"

/* booklet.yaml is a page of settings; a megabyte is something else. */
#define CONFIG_MAX_BYTES	(1u << 20)

/* Reading one booklet.yaml. */
struct cfg {
	struct arena *a;	/* where the config's strings go */
	struct diags *d;
	const char *relname;	/* the file, as messages name it */
	yaml_document_t *y;	/* borrowed */
	struct config *c;
};

/* Called for each known key of a mapping: key is its index in the known
 * list, name its full dotted name for messages ("page.size"). */
typedef void (*pair_fn)(struct cfg *g, int key, const char *name,
    const yaml_node_t *v, void *arg);

static const struct {
	const char *name;
	double width_mm, height_mm;
} page_sizes[] = {
	{ "A5", 148, 210 },
	{ "A4", 210, 297 },
	{ "B5", 176, 250 },	/* ISO B5 */
};

enum { TOP_TITLE, TOP_SUBTITLE, TOP_ORGANIZATION, TOP_YEAR, TOP_LANGUAGE,
	TOP_PAGE, TOP_FONT, TOP_DIGITS, TOP_JUSTIFY, TOP_CHAPTERS, TOP_LEAFLETS,
	TOP_SITE, TOP_PRINT, TOP_COVER_IMAGE, TOP_LINT };
static const char *const top_keys[] = { "title", "subtitle", "organization",
	"year", "language", "page", "font", "digits", "justify", "chapters",
	"leaflets", "site", "print", "cover_image", "lint", NULL };

enum { PAGE_SIZE, PAGE_WIDTH, PAGE_HEIGHT, PAGE_MARGINS, PAGE_KEEP_LINES };
static const char *const page_keys[] = { "size", "width_mm", "height_mm",
	"margins_mm", "keep_lines", NULL };

enum { MARGIN_TOP, MARGIN_BOTTOM, MARGIN_INNER, MARGIN_OUTER };
static const char *const margin_keys[] = { "top", "bottom", "inner", "outer",
	NULL };

enum { FONT_FAMILY, FONT_SIZE, FONT_LINE_HEIGHT };
static const char *const font_keys[] = { "family", "size_pt", "line_height",
	NULL };

enum { CHAPTER_KEY_PAGE, CHAPTER_KEY_STORIES };
static const char *const chapter_keys[] = { "page", "stories", NULL };

enum { STORIES_GROUP_BY, STORIES_ORDER, STORIES_SORT };
static const char *const stories_keys[] = { "group_by", "order", "sort", NULL };
static const char *const group_by_values[] = { "program", "district", NULL };
static const char *const sort_values[] = { "date", "title", NULL };

enum { SITE_BASE_URL, SITE_PAGES, SITE_RAW_HTML, SITE_HIGHLIGHTS };
static const char *const site_keys[] = { "base_url", "pages", "raw_html",
    "highlights", NULL };

enum { PRINT_CROP_MARKS, PRINT_BLEED };
static const char *const print_keys[] = { "crop_marks", "bleed_mm", NULL };

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->page_width_mm = 148;
	c->page_height_mm = 210;
	c->margin_top_mm = 18;
	c->margin_bottom_mm = 20;
	c->margin_inner_mm = 20;
	c->margin_outer_mm = 14;
	c->font_family = "Vazirmatn";
	c->font_size_pt = 10.5;
	c->line_height = 1.6;
	c->digits_persian = 1;
	c->keep_lines = 2;
}

/*
 * Values.
 */

static struct pos
node_pos(const struct cfg *g, const yaml_node_t *n)
{
	struct pos at = { g->relname, (int)n->start_mark.line + 1,
	    (int)n->start_mark.column + 1 };

	return at;
}

static const char *
node_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a group of keys";
	default:
		return "text";
	}
}

/* What v is, for "must be ..., not %s": its text in quotes, or its kind. */
static const char *
shown(struct cfg *g, const yaml_node_t *v)
{
	if (v->type != YAML_SCALAR_NODE)
		return node_kind(v);
	return arena_printf(g->a, "'%s'", (const char *)v->data.scalar.value);
}

/* The text of scalar v in g's arena, or NULL with an error. */
static const char *
get_text(struct cfg *g, const char *name, const yaml_node_t *v)
{
	if (v->type != YAML_SCALAR_NODE) {
		diag_error(g->d, node_pos(g, v), "'%s' must be text, not %s — "
		    "write its value on the same line, after the ':'", name,
		    node_kind(v));
		return NULL;
	}
	if (content_yaml_is_null(v)) {
		diag_error(g->d, node_pos(g, v), "'%s' is empty — write its value "
		    "after the ':', or remove the line", name);
		return NULL;
	}
	return arena_strndup(g->a, (const char *)v->data.scalar.value,
	    v->data.scalar.length);
}

/* Editors may type numbers with Persian or Arabic-Indic digits and the
 * Persian decimal separator: read them as ASCII.  Returns 0 or -1. */
static int
parse_number(const char *s, double *out)
{
	const unsigned char *u = (const unsigned char *)s;
	char buf[64], *end;
	size_t n = 0;

	while (*u != '\0') {
		if (n == sizeof buf - 1)
			return -1;
		if (u[0] == 0xDB && u[1] >= 0xB0 && u[1] <= 0xB9) {
			buf[n++] = (char)('0' + (u[1] - 0xB0));	/* U+06F0.. */
			u += 2;
		} else if (u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) {
			buf[n++] = (char)('0' + (u[1] - 0xA0));	/* U+0660.. */
			u += 2;
		} else if (u[0] == 0xD9 && u[1] == 0xAB) {
			buf[n++] = '.';				/* U+066B */
			u += 2;
		} else if (u[0] < 0x80) {
			buf[n++] = (char)*u++;
		} else {
			return -1;
		}
	}
	buf[n] = '\0';
	if (n == 0)
		return -1;
	errno = 0;
	*out = strtod(buf, &end);
	return *end == '\0' && errno == 0 ? 0 : -1;
}

/* Reads a number in [min, max] into *out.  Returns 0, or -1 with an error. */
static int
get_number(struct cfg *g, const char *name, const yaml_node_t *v, double min,
    double max, double *out)
{
	const char *s = v->type == YAML_SCALAR_NODE ?
	    (const char *)v->data.scalar.value : NULL;
	double x;

	/* !(x >= min && x <= max) also catches "nan". */
	if (s == NULL || parse_number(s, &x) != 0 || !(x >= min && x <= max))
		return diag_error(g->d, node_pos(g, v), "'%s' must be a number "
		    "from %g to %g, not %s — write a number such as %g", name,
		    min, max, shown(g, v), *out);
	*out = x;
	return 0;
}

/* Reads true or false (yes or no) into *out.  Returns 0, or -1 with an
 * error. */
static int
get_bool(struct cfg *g, const char *name, const yaml_node_t *v, int *out)
{
	const char *key = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
	const char *s;

	if (v->type != YAML_SCALAR_NODE)
		return diag_error(g->d, node_pos(g, v), "'%s' must be true or "
		    "false, not %s — write '%s: true' or '%s: false'", name,
		    node_kind(v), key, key);
	if (content_yaml_is_null(v))
		return diag_error(g->d, node_pos(g, v), "'%s' is empty — write "
		    "'%s: true' or '%s: false'", name, key, key);
	s = (const char *)v->data.scalar.value;
	/* "true" in quotes is text, as in the front matter. */
	if (v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return diag_error(g->d, node_pos(g, v), "'%s' must be true or "
		    "false, not the quoted text \"%s\" — remove the quotes",
		    name, s);
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)
		*out = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)
		*out = 0;
	else
		return diag_error(g->d, node_pos(g, v), "'%s' must be true or "
		    "false, not '%s' — write '%s: true' or '%s: false'", name, s,
		    key, key);
	return 0;
}

/* Reads one of the NULL-terminated values (ignoring case) into *out.
 * Returns its index, or -1 with an error. */
static int
get_choice(struct cfg *g, const char *name, const yaml_node_t *v,
    const char *const *values, const char **out)
{
	const char *s;
	char list[160] = "";
	int i;

	if ((s = get_text(g, name, v)) == NULL)
		return -1;
	for (i = 0; values[i] != NULL; i++) {
		if (strcasecmp(s, values[i]) == 0) {
			if (out != NULL)
				*out = values[i];
			return i;
		}
		if (i > 0)
			strncat(list, values[i + 1] == NULL ? " or " : ", ",
			    sizeof list - strlen(list) - 1);
		strncat(list, values[i], sizeof list - strlen(list) - 1);
	}
	diag_error(g->d, node_pos(g, v), "'%s' must be %s, not '%s' — "
	    "write one of these", name, list, s);
	return -1;
}

/* Paths name files in the content folder without ".md" and must stay
 * inside that folder, so that nothing outside the project is published. */
static const char *
get_path(struct cfg *g, const char *name, const yaml_node_t *v)
{
	const char *s;
	size_t n;

	if ((s = get_text(g, name, v)) == NULL)
		return NULL;
	n = strlen(s);
	if (n > 3 && strcmp(s + n - 3, ".md") == 0)
		s = arena_strndup(g->a, s, n - 3);
	if (!content_path_inside(s)) {
		diag_error(g->d, node_pos(g, v), "path '%s' leaves the content "
		    "folder — give it relative to the folder holding %s, such as "
		    "pages/about", s, g->relname);
		return NULL;
	}
	return s;
}

/* Reads a list of text (paths when paths is set).  Returns 0, or -1. */
static int
get_list(struct cfg *g, const char *name, const yaml_node_t *v, int paths,
    const char ***out, size_t *nout)
{
	yaml_node_item_t *it;
	const yaml_node_t *t;
	const char **list, *s;
	size_t n = 0;
	int rc = 0;

	if (content_yaml_is_null(v))
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return diag_error(g->d, node_pos(g, v), "'%s' must be a list, "
		    "not %s — write one '- item' line per entry", name,
		    node_kind(v));
	list = arena_array(g->a, (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start), sizeof *list);
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		t = yaml_document_get_node(g->y, *it);
		if (t->type != YAML_SCALAR_NODE) {
			rc = diag_error(g->d, node_pos(g, t), "each entry of '%s' "
			    "must be text, not %s — write one '- item' line per "
			    "entry", name, node_kind(t));
			continue;
		}
		s = paths ? get_path(g, name, t) : get_text(g, name, t);
		if (s == NULL)
			rc = -1;
		else
			list[n++] = s;
	}
	*out = list;
	*nout = n;
	return rc;
}

/*
 * Mappings.
 */

static void
unknown_key(struct cfg *g, const char *prefix, const yaml_node_t *k,
    const char *const *known)
{
	const char *key = (const char *)k->data.scalar.value;
	const char *guess = content_suggest(key, known);

	if (guess != NULL)
		diag_warn(g->d, node_pos(g, k), "unknown key '%s%s' — did you "
		    "mean '%s%s'?", prefix, key, prefix, guess);
	else
		diag_warn(g->d, node_pos(g, k), "unknown key '%s%s' — remove it, "
		    "or check its spelling", prefix, key);
}

/* Calls fn for each key of map found in known; prefix ("page.") names the
 * mapping in messages.  Unknown keys are warnings, repeated keys errors. */
static void
each_pair(struct cfg *g, const char *prefix, const yaml_node_t *map,
    const char *const *known, pair_fn fn, void *arg)
{
	yaml_node_pair_t *pr;
	const yaml_node_t *k, *v;
	unsigned long seen = 0;
	const char *key;
	int i;

	if (content_yaml_is_null(map))
		return;
	if (map->type != YAML_MAPPING_NODE) {
		/* prefix is "page." for page: leave out the dot. */
		diag_error(g->d, node_pos(g, map), "'%.*s' must be a group of "
		    "keys, not %s — write its keys on the lines below it, indented",
		    (int)strlen(prefix) - 1, prefix, node_kind(map));
		return;
	}
	for (pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(g->y, pr->key);
		v = yaml_document_get_node(g->y, pr->value);
		if (k->type != YAML_SCALAR_NODE) {
			diag_error(g->d, node_pos(g, k), "a key must be a word, not "
			    "%s — write 'key: value'", node_kind(k));
			continue;
		}
		key = (const char *)k->data.scalar.value;
		for (i = 0; known[i] != NULL; i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (known[i] == NULL) {
			unknown_key(g, prefix, k, known);
			continue;
		}
		if (seen & (1ul << i)) {
			diag_error(g->d, node_pos(g, k), "key '%s%s' is given "
			    "twice — keep one of the two", prefix, key);
			continue;
		}
		seen |= 1ul << i;
		fn(g, i, arena_printf(g->a, "%s%s", prefix, key), v, arg);
	}
}

static void
read_margin(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	double *slot[] = {
		[MARGIN_TOP] = &g->c->margin_top_mm,
		[MARGIN_BOTTOM] = &g->c->margin_bottom_mm,
		[MARGIN_INNER] = &g->c->margin_inner_mm,
		[MARGIN_OUTER] = &g->c->margin_outer_mm,
	};

	(void)arg;
	get_number(g, name, v, 0, 100, slot[key]);
}

/* page.size and page.width_mm/height_mm may come in any order; the
 * explicit sizes win, so both are kept until the mapping is read. */
struct page_read {
	double size_w, size_h, w, h;
	int has_size, has_w, has_h;
};

static void
read_page_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	struct page_read *pr = arg;
	const char *s;
	size_t i;

	switch (key) {
	case PAGE_SIZE:
		if ((s = get_text(g, name, v)) == NULL)
			return;
		for (i = 0; i < sizeof page_sizes / sizeof page_sizes[0]; i++) {
			if (strcasecmp(s, page_sizes[i].name) == 0) {
				pr->size_w = page_sizes[i].width_mm;
				pr->size_h = page_sizes[i].height_mm;
				pr->has_size = 1;
				return;
			}
		}
		diag_error(g->d, node_pos(g, v), "unknown page size '%s' — use "
		    "A5, A4 or B5, or give page.width_mm and page.height_mm", s);
		break;
	case PAGE_WIDTH:
		pr->w = g->c->page_width_mm;
		pr->has_w = get_number(g, name, v, 50, 1000, &pr->w) == 0;
		break;
	case PAGE_HEIGHT:
		pr->h = g->c->page_height_mm;
		pr->has_h = get_number(g, name, v, 50, 1000, &pr->h) == 0;
		break;
	case PAGE_MARGINS:
		each_pair(g, "page.margins_mm.", v, margin_keys, read_margin, NULL);
		break;
	case PAGE_KEEP_LINES: {
		double k = g->c->keep_lines;

		if (get_number(g, name, v, 1, 5, &k) == 0)
			g->c->keep_lines = (int)k;
		break;
	}
	}
}

static void
read_page(struct cfg *g, const yaml_node_t *v)
{
	struct page_read pr;
	struct config *c = g->c;

	memset(&pr, 0, sizeof pr);
	each_pair(g, "page.", v, page_keys, read_page_key, &pr);
	if (pr.has_size) {
		c->page_width_mm = pr.size_w;
		c->page_height_mm = pr.size_h;
	}
	if (pr.has_w)
		c->page_width_mm = pr.w;
	if (pr.has_h)
		c->page_height_mm = pr.h;
	/* The text block needs room: a few centimetres at least. */
	if (c->margin_inner_mm + c->margin_outer_mm > c->page_width_mm - 30 ||
	    c->margin_top_mm + c->margin_bottom_mm > c->page_height_mm - 30)
		diag_error(g->d, node_pos(g, v), "the margins leave less than 30 mm "
		    "of a %g x %g mm page for text — make page.margins_mm smaller",
		    c->page_width_mm, c->page_height_mm);
}

static void
read_font_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	const char *s;

	(void)arg;
	switch (key) {
	case FONT_FAMILY:
		if ((s = get_text(g, name, v)) != NULL)
			g->c->font_family = s;
		break;
	case FONT_SIZE:
		get_number(g, name, v, 4, 72, &g->c->font_size_pt);
		break;
	case FONT_LINE_HEIGHT:
		get_number(g, name, v, 0.8, 4, &g->c->line_height);
		break;
	}
}

static void
read_stories_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	struct config_chapter *ch = arg;

	switch (key) {
	case STORIES_GROUP_BY:
		get_choice(g, name, v, group_by_values, &ch->group_by);
		break;
	case STORIES_ORDER:
		get_list(g, name, v, 0, &ch->order, &ch->norder);
		break;
	case STORIES_SORT:
		get_choice(g, name, v, sort_values, &ch->sort);
		break;
	}
}

/* What one chapter item said, for checking that it said one thing. */
struct chapter_read {
	struct config_chapter *ch;
	int has_page, has_stories;
};

static void
read_chapter_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	struct chapter_read *cr = arg;

	switch (key) {
	case CHAPTER_KEY_PAGE:
		cr->has_page = 1;
		cr->ch->kind = CHAPTER_PAGE;
		cr->ch->page = get_path(g, name, v);
		break;
	case CHAPTER_KEY_STORIES:
		cr->has_stories = 1;
		cr->ch->kind = CHAPTER_STORIES;
		cr->ch->group_by = group_by_values[0];
		cr->ch->sort = sort_values[0];
		each_pair(g, "chapters.stories.", v, stories_keys,
		    read_stories_key, cr->ch);
		break;
	}
}

static void
read_chapters(struct cfg *g, const yaml_node_t *v)
{
	struct chapter_read cr;
	yaml_node_item_t *it;
	const yaml_node_t *t;
	struct config *c = g->c;

	if (content_yaml_is_null(v))
		return;
	if (v->type != YAML_SEQUENCE_NODE) {
		diag_error(g->d, node_pos(g, v), "'chapters' must be a list, not "
		    "%s — write one '- page: pages/x' or '- stories:' line per "
		    "chapter", node_kind(v));
		return;
	}
	c->chapters = arena_array(g->a, (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start), sizeof *c->chapters);
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		t = yaml_document_get_node(g->y, *it);
		memset(&cr, 0, sizeof cr);
		cr.ch = &c->chapters[c->nchapters];
		/* The slot may hold what a rejected chapter left in it. */
		memset(cr.ch, 0, sizeof *cr.ch);
		cr.ch->line = (int)t->start_mark.line + 1;
		if (t->type != YAML_MAPPING_NODE) {
			diag_error(g->d, node_pos(g, t), "a chapter must be "
			    "'page: pages/x' or 'stories:', not %s — write "
			    "'- page: pages/x' or '- stories:'", node_kind(t));
			continue;
		}
		each_pair(g, "chapters.", t, chapter_keys, read_chapter_key, &cr);
		if (cr.has_page && cr.has_stories)
			diag_error(g->d, node_pos(g, t), "chapter has both 'page:' "
			    "and 'stories:' — make them two chapters, each with its "
			    "own '-'");
		else if (!cr.has_page && !cr.has_stories)
			diag_error(g->d, node_pos(g, t), "chapter has neither "
			    "'page:' nor 'stories:' — write 'page: pages/x' or "
			    "'stories:'");
		else if (!cr.has_page || cr.ch->page != NULL)
			c->nchapters++;
	}
}

static void
read_site_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	struct config *c = g->c;
	const char *s;
	size_t n;

	(void)arg;
	switch (key) {
	case SITE_BASE_URL:
		if ((s = get_text(g, name, v)) == NULL)
			return;
		if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) {
			diag_error(g->d, node_pos(g, v), "'%s' must be an absolute "
			    "URL, not '%s' — write it in full, such as "
			    "https://example.org/", name, s);
			return;
		}
		/* Feed and sitemap links are base_url + relative path. */
		n = strlen(s);
		c->base_url = s[n - 1] == '/' ? s : arena_printf(g->a, "%s/", s);
		break;
	case SITE_PAGES:
		get_list(g, name, v, 1, &c->site_pages, &c->nsite_pages);
		break;
	case SITE_RAW_HTML:
		get_bool(g, name, v, &c->site_raw_html);
		break;
	case SITE_HIGHLIGHTS:
		/* As a leaflet's: the same words for the same thing. */
		content_read_highlights(g->a, g->y, v, g->relname, 1,
		    &c->site_highlights, &c->nsite_highlights, g->d);
		break;
	}
}

static void
read_print_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	double bleed;

	(void)arg;
	switch (key) {
	case PRINT_CROP_MARKS:
		get_bool(g, name, v, &g->c->print_crop_marks);
		break;
	case PRINT_BLEED:
		/* Printers ask for 3 to 5 mm; more than 20 is a slip of units.
		 * The message suggests 3, not the default of none. */
		bleed = 3;
		if (get_number(g, name, v, 0, 20, &bleed) == 0)
			g->c->print_bleed_mm = bleed;
		break;
	}
}

/*
 * lint: {rule: true|false, ...}.  An unknown rule name is an error, not a
 * warning as other unknown keys are: the editor meant to switch a check
 * off, and a typo would leave it on without a word.
 */
static void
read_lint(struct cfg *g, const yaml_node_t *map)
{
	yaml_node_pair_t *pr;
	const yaml_node_t *k;
	const char *name, *guess;
	unsigned seen = 0;
	int r, value;

	if (content_yaml_is_null(map))
		return;
	if (map->type != YAML_MAPPING_NODE) {
		diag_error(g->d, node_pos(g, map), "'lint' must be a group of "
		    "rules, not %s — write 'lint: {zwnj-mi: false}' or one "
		    "'rule: false' line per rule below it", node_kind(map));
		return;
	}
	for (pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(g->y, pr->key);
		if (k->type != YAML_SCALAR_NODE) {
			diag_error(g->d, node_pos(g, k), "a lint rule must be a "
			    "name, not %s — write 'rule: false'", node_kind(k));
			continue;
		}
		name = (const char *)k->data.scalar.value;
		if ((r = lint_rule_find(name)) < 0) {
			if ((guess = content_suggest(name, lint_rule_names())) != NULL)
				diag_error(g->d, node_pos(g, k), "unknown lint rule "
				    "'%s' — did you mean '%s'?", name, guess);
			else
				diag_error(g->d, node_pos(g, k), "unknown lint rule "
				    "'%s' — the rules are arabic-letters, zwnj-mi, "
				    "zwnj-suffix, ascii-digits, punctuation-space, "
				    "straight-quotes, repeated-spaces and "
				    "latin-punctuation", name);
			continue;
		}
		if (seen & (1u << r)) {
			diag_error(g->d, node_pos(g, k), "key 'lint.%s' is given "
			    "twice — keep one of the two", name);
			continue;
		}
		seen |= 1u << r;
		if (get_bool(g, arena_printf(g->a, "lint.%s", name),
		    yaml_document_get_node(g->y, pr->value), &value) != 0)
			continue;
		if (value)
			g->c->lint_on |= 1u << r;
		else
			g->c->lint_off |= 1u << r;
	}
}

static void
read_top_key(struct cfg *g, int key, const char *name, const yaml_node_t *v,
    void *arg)
{
	struct config *c = g->c;
	const char *s;
	double year;

	(void)arg;
	switch (key) {
	case TOP_TITLE:
		c->title = get_text(g, name, v);
		break;
	case TOP_SUBTITLE:
		c->subtitle = get_text(g, name, v);
		break;
	case TOP_ORGANIZATION:
		c->organization = get_text(g, name, v);
		break;
	case TOP_YEAR:
		/* The range keeps a Gregorian 2024 from passing as Jalali. */
		if (v->type != YAML_SCALAR_NODE ||
		    parse_number((const char *)v->data.scalar.value, &year) != 0 ||
		    !(year >= 1300 && year <= 1500) || year != (int)year) {
			diag_error(g->d, node_pos(g, v), "'year' must be a Jalali "
			    "year from 1300 to 1500, not %s — write the year such "
			    "as 1403", shown(g, v));
			return;
		}
		c->year = (int)year;
		break;
	case TOP_LANGUAGE:
		if ((s = get_text(g, name, v)) != NULL)
			c->language = s;
		break;
	case TOP_PAGE:
		read_page(g, v);
		break;
	case TOP_FONT:
		each_pair(g, "font.", v, font_keys, read_font_key, NULL);
		break;
	case TOP_DIGITS:
		if ((s = get_text(g, name, v)) == NULL)
			return;
		if (strcasecmp(s, "persian") == 0)
			c->digits_persian = 1;
		else if (strcasecmp(s, "latin") == 0)
			c->digits_persian = 0;
		else
			diag_error(g->d, node_pos(g, v), "'digits' must be persian "
			    "or latin, not '%s' — write 'digits: persian' to show "
			    "۰۱۲۳ or 'digits: latin' to show 0123", s);
		break;
	case TOP_COVER_IMAGE:
		if ((s = get_text(g, name, v)) == NULL)
			return;
		if (!content_path_inside(s)) {
			diag_error(g->d, node_pos(g, v), "'cover_image' path '%s' "
			    "leaves the content folder — give a path inside it, "
			    "such as images/cover.jpg", s);
			return;
		}
		c->cover_image = s;
		c->cover_image_line = node_pos(g, v).line;
		break;
	case TOP_JUSTIFY:
		if ((s = get_text(g, name, v)) == NULL)
			return;
		if (strcasecmp(s, "kashida") == 0)
			c->justify_kashida = 1;
		else if (strcasecmp(s, "spaces") == 0)
			c->justify_kashida = 0;
		else
			diag_error(g->d, node_pos(g, v), "'justify' must be spaces "
			    "or kashida, not '%s' — write 'justify: kashida' to "
			    "lengthen letter joins as well as spaces", s);
		break;
	case TOP_CHAPTERS:
		read_chapters(g, v);
		break;
	case TOP_LEAFLETS:
		get_list(g, name, v, 1, &c->leaflets, &c->nleaflets);
		break;
	case TOP_SITE:
		each_pair(g, "site.", v, site_keys, read_site_key, NULL);
		break;
	case TOP_PRINT:
		each_pair(g, "print.", v, print_keys, read_print_key, NULL);
		break;
	case TOP_LINT:
		read_lint(g, v);
		break;
	}
}

int
config_load(struct arena *a, const char *path, const char *relname,
    struct config *c, struct diags *d)
{
	size_t nerr = diag_count(d, DIAG_ERROR), len;
	struct pos at = { relname, 1, 1 };
	struct arena file;
	yaml_parser_t p;
	yaml_document_t y;
	const yaml_node_t *root;
	struct cfg g;
	char *s;

	config_defaults(c);
	arena_init(&file);
	if ((s = fileio_read(&file, path, relname, CONFIG_MAX_BYTES, &len, d)) == NULL)
		goto out;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (content_check_utf8(s, len, relname, d) != 0)
		goto out;
	if (!yaml_parser_initialize(&p)) {
		diag_error(d, at, "out of memory while reading the YAML — close "
		    "other programs and run again");
		goto out;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, &y)) {
		content_yaml_error(&p, s, len, relname, 1, d);
		yaml_parser_delete(&p);
		goto out;
	}
	yaml_parser_delete(&p);

	g.a = a;
	g.d = d;
	g.relname = relname;
	g.y = &y;
	g.c = c;
	root = yaml_document_get_root_node(&y);
	if (root != NULL && root->type != YAML_MAPPING_NODE)
		diag_error(d, node_pos(&g, root), "the file must hold keys, not %s "
		    "— write one 'key: value' per line, as 'title: ...'",
		    node_kind(root));
	else if (root != NULL)
		each_pair(&g, "", root, top_keys, read_top_key, NULL);
	/* The title is on the cover, in the PDF metadata and the site name. */
	if (c->title == NULL && diag_count(d, DIAG_ERROR) == nerr)
		diag_error(d, at, "missing key 'title' — add a line 'title: ...' "
		    "with the booklet's title");
	yaml_document_delete(&y);
out:
	arena_release(&file);
	return diag_count(d, DIAG_ERROR) > nerr ? -1 : 0;
}
