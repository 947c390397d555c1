/* config.h - booklet.yaml -> typed booklet and site settings. */
#ifndef DAFTAR_CONFIG_H
#define DAFTAR_CONFIG_H

#include <stddef.h>

struct doc_highlight;

struct arena;
struct diags;

enum config_chapter_kind {
	CHAPTER_PAGE,		/* one page file as a chapter */
	CHAPTER_STORIES,	/* all publishable stories, grouped */
	CHAPTER_KIND__MAX
};

struct config_chapter {
	enum config_chapter_kind kind;
	const char *page;	/* CHAPTER_PAGE: "pages/preface" (no .md) */
	const char *group_by;	/* CHAPTER_STORIES: "program" */
	const char **order;	/* CHAPTER_STORIES: group names in order */
	size_t norder;
	const char *sort;	/* CHAPTER_STORIES: "date" or "title" */
	int line;		/* where in booklet.yaml, for messages */
};

/* Every string lives as long as the arena given to config_load(). */
struct config {
	const char *title, *subtitle, *organization;
	const char *cover_image;	/* "images/cover.jpg", or NULL */
	int cover_image_line;		/* where it is set, for messages */
	int year;			/* Jalali */
	const char *language;		/* "fa" */
	double page_width_mm, page_height_mm;
	double margin_top_mm, margin_bottom_mm, margin_inner_mm, margin_outer_mm;
	int keep_lines;			/* page.keep_lines: lines a paragraph keeps
					 * at a page's foot or head (1..5; 2) */
	const char *font_family;
	double font_size_pt, line_height;
	int digits_persian;		/* digits: persian (1) or latin (0) */
	int justify_kashida;		/* justify: kashida (1) or spaces (0) */
	struct config_chapter *chapters;
	size_t nchapters;
	const char **leaflets;		/* "leaflets/x" (no .md) */
	size_t nleaflets;
	const char *base_url;		/* always ends in '/' */
	const char **site_pages;	/* "pages/about" (no .md) */
	size_t nsite_pages;
	struct doc_highlight *site_highlights;	/* site.highlights: the home
						 * page's key numbers */
	size_t nsite_highlights;
	int site_raw_html;		/* site.raw_html: keep HTML written in the
					 * Markdown on the site (0: dropped with a
					 * warning); for trusted authors only */
	int print_crop_marks;		/* booklet-print.pdf: trim and fold marks */
	double print_bleed_mm;		/* booklet-print.pdf: ink kept past the trim */
	unsigned lint_on, lint_off;	/* lint: rules switched on and off, as bits
					 * 1u << enum lint_rule (lint.h) */
};

/* Fills c with the defaults: A5 (148 x 210 mm), margins 18/20/20/14 mm,
 * Vazirmatn 10.5 pt, line height 1.6, Persian digits, justified by spaces,
 * no chapters, print sheets without marks or bleed. */
void	config_defaults(struct config *c);

/* Reads path (shown in messages as relname, e.g. "booklet.yaml") into c,
 * starting from config_defaults().  Unknown keys are warnings; wrong types,
 * unknown page sizes and YAML syntax errors are errors at file:line:col.
 * Returns 0, or -1 with the errors added to d. */
int	config_load(struct arena *a, const char *path, const char *relname,
	    struct config *c, struct diags *d);

#endif
