/* pdf.c - Cairo PDF output with glyph-to-cluster mapping. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "font.h"
#include "image.h"
#include "layout.h"
#include "page.h"
#include "pdf.h"
#include "progress.h"
#include "pdfpatch.h"

/* pi, which C11 does not name. */
#define PI	3.14159265358979323846

/* How much structure drawing marks: none (imposed sheets), the blocks, or
 * the blocks with every run in a Span.  A block holding a link needs the
 * Spans: with Cairo 1.16, marked content next to a Link element in the same
 * P is lost from the structure tree (pdfinfo -struct-text showed only the
 * link's words). */
enum tags {
	TAGS_NONE,
	TAGS_BLOCKS,
	TAGS_SPANS,
};

/* Glyphs and clusters for one run, reused across runs. */
struct scratch {
	cairo_glyph_t *glyphs;
	cairo_text_cluster_t *clusters;
	size_t cap;
};

static void
reserve(struct scratch *sc, size_t n)
{
	if (n <= sc->cap)
		return;
	free(sc->glyphs);
	free(sc->clusters);
	sc->cap = n * 2;
	sc->glyphs = malloc(sc->cap * sizeof *sc->glyphs);
	sc->clusters = malloc(sc->cap * sizeof *sc->clusters);
	if (sc->glyphs == NULL || sc->clusters == NULL) {
		fputs("daftar: out of memory\n", stderr);
		abort();
	}
}

static void
set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0,
	    ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

size_t
pdf_clusters(const struct layout_run *r, cairo_text_cluster_t *cl)
{
	size_t i, k, nc = 0;
	uint32_t cur = 0, next;

	for (k = 0; k < r->nglyphs; k++) {
		i = r->rtl ? r->nglyphs - 1 - k : k;
		if (nc > 0 && r->glyphs[i].cluster == cur) {
			cl[nc - 1].num_glyphs++;
			continue;
		}
		if (nc > 0 && r->glyphs[i].cluster < cur)
			return 0;
		cur = r->glyphs[i].cluster;
		cl[nc].num_glyphs = 1;
		cl[nc].num_bytes = (int)cur;	/* start for now */
		nc++;
	}
	/* Turn starts into lengths; the first cluster takes any bytes before it. */
	for (k = 0; k < nc; k++) {
		size_t start = k == 0 ? r->start : (size_t)cl[k].num_bytes;

		next = k + 1 < nc ? (uint32_t)cl[k + 1].num_bytes : (uint32_t)r->end;
		if (next <= start)
			return 0;
		cl[k].num_bytes = (int)(next - start);
	}
	return nc;
}

/*
 * Opens a link around what is drawn next: a named destination inside the
 * book, or a URI.  Cairo writes the URI as given, but PDF URIs are 7-bit
 * ASCII (TYPESETTING.md T17): percent-encode every other byte, and the
 * quote and backslash that would end Cairo's attribute.
 */
static void
begin_link(cairo_t *cr, const struct layout_style *st)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf attr = BUF_INIT;
	const unsigned char *u;

	if (st->dest != NULL) {
		buf_printf(&attr, "dest='%s'", st->dest);
	} else {
		buf_puts(&attr, "uri='");
		for (u = (const unsigned char *)st->uri; *u; u++) {
			if (*u >= 0x80 || *u == '\'' || *u == '\\' || *u <= ' ') {
				buf_putc(&attr, '%');
				buf_putc(&attr, hex[*u >> 4]);
				buf_putc(&attr, hex[*u & 15]);
			} else {
				buf_putc(&attr, *u);
			}
		}
		buf_puts(&attr, "'");
	}
	cairo_tag_begin(cr, CAIRO_TAG_LINK, attr.data);
	buf_release(&attr);
}

/* Draws r, a run or a stretch of one, as one call with its text. */
static void
show(cairo_t *cr, struct scratch *sc, const char *text,
    const struct layout_run *r, double x, double y)
{
	size_t i, nc;
	cairo_text_cluster_flags_t flags = r->rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0;

	reserve(sc, r->nglyphs + 1);
	for (i = 0; i < r->nglyphs; i++) {
		sc->glyphs[i].index = r->glyphs[i].gid;
		/* A flipped glyph extends left of its origin. */
		sc->glyphs[i].x = x + r->glyphs[i].x_pt +
		    (r->glyphs[i].flip ? r->glyphs[i].adv_pt : 0);
		sc->glyphs[i].y = y + r->glyphs[i].y_pt;
	}
	nc = pdf_clusters(r, sc->clusters);
	if (nc == 0) {
		sc->clusters[0].num_bytes = (int)(r->end - r->start);
		sc->clusters[0].num_glyphs = (int)r->nglyphs;
		nc = 1;
	}
	cairo_show_text_glyphs(cr, text + r->start, (int)(r->end - r->start),
	    sc->glyphs, (int)r->nglyphs, sc->clusters, (int)nc, flags);
}

/*
 * Draws a run whose mirrored brackets are flipped glyphs (shape.c): each
 * stretch of flipped or plain glyphs is its own call, in logical order, the
 * flipped ones with a font matrix that mirrors x.
 */
static void
show_flipped(cairo_t *cr, struct scratch *sc, const char *text,
    const struct layout_run *r, double x, double y)
{
	struct layout_run part = *r;
	cairo_matrix_t m;
	size_t i, j, n = r->nglyphs;

	for (i = 0; i < n; i = j) {
		/* Logical order: from the right end of a right-to-left run. */
		size_t a = r->rtl ? n - 1 - i : i, lo, hi;
		int flip = r->glyphs[a].flip;

		for (j = i + 1; j < n && r->glyphs[r->rtl ? n - 1 - j : j].flip == flip; j++)
			;
		lo = r->rtl ? n - j : i;	/* visual index range [lo, hi) */
		hi = r->rtl ? n - i : j;
		part.glyphs = r->glyphs + lo;
		part.nglyphs = hi - lo;
		if (r->rtl) {
			part.start = hi == n ? r->start : r->glyphs[hi - 1].cluster;
			part.end = lo == 0 ? r->end : r->glyphs[lo - 1].cluster;
		} else {
			part.start = lo == 0 ? r->start : r->glyphs[lo].cluster;
			part.end = hi == n ? r->end : r->glyphs[hi].cluster;
		}
		if (part.end <= part.start)
			continue;
		if (!flip) {
			show(cr, sc, text, &part, x, y);
			continue;
		}
		cairo_save(cr);
		cairo_matrix_init(&m, -r->size_pt, 0, 0, r->size_pt, 0, 0);
		cairo_set_font_matrix(cr, &m);
		show(cr, sc, text, &part, x, y);
		cairo_restore(cr);
	}
}

static void
draw_run(cairo_t *cr, struct scratch *sc, const char *text,
    const struct layout_run *r, double x, double y, int tags)
{
	size_t i;
	int link, flips = 0;

	if (r->nglyphs == 0 || r->end <= r->start)
		return;
	for (i = 0; i < r->nglyphs; i++)
		flips |= r->glyphs[i].flip;
	cairo_set_font_face(cr, r->font->cairo);
	cairo_set_font_size(cr, r->size_pt);
	set_rgb(cr, r->style ? r->style->rgb : 0);
	link = tags && r->style && (r->style->uri || r->style->dest);
	if (link)
		begin_link(cr, r->style);
	else if (tags == TAGS_SPANS)
		cairo_tag_begin(cr, "Span", NULL);
	if (flips)
		show_flipped(cr, sc, text, r, x, y);
	else
		show(cr, sc, text, r, x, y);
	if (link)
		cairo_tag_end(cr, CAIRO_TAG_LINK);
	else if (tags == TAGS_SPANS)
		cairo_tag_end(cr, "Span");
}

/*
 * A kashida is the tatweel's outline stretched to its width and filled: a
 * path, not text, so that copy-paste and search never meet a U+0640 the
 * author did not write.
 */
static void
draw_kashida(cairo_t *cr, const struct layout_kashida *k, double x, double y)
{
	cairo_glyph_t g;
	double adv = k->font->tatweel_adv * k->size_pt / k->font->upem;

	if (k->font->tatweel == 0 || adv <= 0)
		return;
	cairo_save(cr);
	cairo_set_font_face(cr, k->font->cairo);
	cairo_set_font_size(cr, k->size_pt);
	set_rgb(cr, k->rgb);
	cairo_translate(cr, x + k->x_pt, y);
	/* Overlap the letters on both sides a little, so no seam shows. */
	cairo_translate(cr, -0.05 * k->size_pt * 0.5, 0);
	cairo_scale(cr, (k->width_pt + 0.05 * k->size_pt) / adv, 1);
	g.index = k->font->tatweel;
	g.x = 0;
	g.y = 0;
	cairo_new_path(cr);
	cairo_glyph_path(cr, &g, 1);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* A pie slice from turn0 to turn1 of a full turn, from 12 o'clock and
 * counterclockwise (y grows down, so angles fall), outlined in white so
 * neighbouring slices part. */
static void
draw_slice(cairo_t *cr, const struct page_item *it)
{
	double a0 = -PI / 2 - 2 * PI * it->turn0;
	double a1 = -PI / 2 - 2 * PI * it->turn1;

	set_rgb(cr, it->rgb);
	if (it->turn1 - it->turn0 >= 1) {
		cairo_arc(cr, it->x_pt, it->y_pt, it->r, 0, 2 * PI);
	} else {
		cairo_move_to(cr, it->x_pt, it->y_pt);
		cairo_arc_negative(cr, it->x_pt, it->y_pt, it->r, a0, a1);
		cairo_close_path(cr);
	}
	cairo_fill_preserve(cr);
	set_rgb(cr, 0xFFFFFF);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

static void
draw_item(cairo_t *cr, struct scratch *sc, const struct page *pg,
    const struct page_item *it, int tags)
{
	size_t i;

	switch (it->kind) {
	case PAGE_LINE:
		/* Runs in logical order, positions visual (TYPESETTING.md T2). */
		for (i = 0; i < it->line->nruns; i++)
			draw_run(cr, sc, it->line->text, &it->line->runs[i],
			    it->x_pt, it->y_pt, tags);
		for (i = 0; i < it->line->nkashidas; i++)
			draw_kashida(cr, &it->line->kashidas[i], it->x_pt, it->y_pt);
		break;
	case PAGE_RULE:
		set_rgb(cr, it->rgb);
		cairo_set_line_width(cr, it->stroke_pt);
		if (it->dotted) {
			/* Round dots, one every 3 pt: a contents leader. */
			static const double dash[] = { 0, 3 };

			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			cairo_set_dash(cr, dash, 2, 0);
		}
		cairo_move_to(cr, it->x_pt, it->y_pt);
		cairo_line_to(cr, it->x2_pt, it->y2_pt);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		break;
	case PAGE_IMAGE: {
		const struct image *im = it->image;
		double sx = (it->x2_pt - it->x_pt) / im->width;
		double sy = (it->y2_pt - it->y_pt) / im->height;

		/* The surface carries the stripped JPEG as mime data, so the
		 * PDF embeds those bytes (DCTDecode), not re-compressed pixels. */
		cairo_save(cr);
		cairo_translate(cr, it->x_pt, it->y_pt);
		cairo_scale(cr, sx, sy);
		cairo_set_source_surface(cr, im->surface, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0, im->width, im->height);
		cairo_fill(cr);
		cairo_restore(cr);
		break;
	}
	case PAGE_POLY:
		if (it->npts < 2)
			break;
		set_rgb(cr, it->rgb);
		cairo_set_line_width(cr, it->stroke_pt);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_move_to(cr, it->pts[0], it->pts[1]);
		for (i = 1; i < it->npts; i++)
			cairo_line_to(cr, it->pts[2 * i], it->pts[2 * i + 1]);
		cairo_stroke(cr);
		break;
	case PAGE_DISC:
		set_rgb(cr, it->rgb);
		cairo_arc(cr, it->x_pt, it->y_pt, it->r, 0, 2 * PI);
		cairo_fill(cr);
		break;
	case PAGE_SLICE:
		draw_slice(cr, it);
		break;
	case PAGE_RECT: {
		double x0 = it->x_pt, y0 = it->y_pt, x1 = it->x2_pt, y1 = it->y2_pt;

		/* Backgrounds reach into the bleed for imposed sheets; on the
		 * booklet's own pages keep them inside: with a fill past the
		 * page, Cairo 1.16 drops /MarkInfo and the PDF is no longer
		 * tagged. */
		if (tags) {
			x0 = x0 < 0 ? 0 : x0;
			y0 = y0 < 0 ? 0 : y0;
			x1 = x1 > pg->width_pt ? pg->width_pt : x1;
			y1 = y1 > pg->height_pt ? pg->height_pt : y1;
		}
		set_rgb(cr, it->rgb);
		cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
		cairo_fill(cr);
		break;
	}
	case PAGE_DEST: {
		char attr[160];

		if (!tags)
			break;
		snprintf(attr, sizeof attr, "name='%s' x=%.2f y=%.2f", it->dest,
		    it->x_pt, it->y_pt);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, attr);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		break;
	}
	default:
		break;
	}
}

/* Whether the block of item i has a link among its lines on this page. */
static int
group_has_link(const struct page *pg, size_t i)
{
	size_t k, r;

	for (k = i; k < pg->n; k++) {
		const struct page_item *it = &pg->items[k];

		if (it->tag == NULL || it->group != pg->items[i].group)
			continue;
		if (it->kind != PAGE_LINE)
			continue;
		for (r = 0; r < it->line->nruns; r++)
			if (it->line->runs[r].style && (it->line->runs[r].style->uri ||
			    it->line->runs[r].style->dest))
				return 1;
	}
	return 0;
}

/*
 * Draws a page's items; with tags, the lines of one block go into one
 * structure element (P, H1…, TOCI) so that screen readers and
 * "pdfinfo -struct-text" get the text in logical order, while folios,
 * running heads and markers stay outside the text's structure.
 */
static void
draw_page(cairo_t *cr, struct scratch *sc, const struct page *pg, int tags)
{
	const char *open = NULL;
	size_t i, group = 0;
	int mode = TAGS_NONE;	/* of the open block */

	for (i = 0; i < pg->n; i++) {
		const struct page_item *it = &pg->items[i];

		if (tags && it->kind != PAGE_DEST && (it->tag == NULL ||
		    open == NULL || group != it->group || strcmp(open, it->tag) != 0)) {
			if (open != NULL)
				cairo_tag_end(cr, open);
			open = it->tag;
			group = it->group;
			mode = open == NULL ? TAGS_BLOCKS :
			    group_has_link(pg, i) ? TAGS_SPANS : TAGS_BLOCKS;
			if (open != NULL)
				cairo_tag_begin(cr, open, NULL);
		}
		/* A destination first on the page comes before any block has
		 * set the mode, yet it must be written. */
		draw_item(cr, sc, pg, it, !tags ? TAGS_NONE :
		    mode != TAGS_NONE ? mode : TAGS_BLOCKS);
	}
	if (open != NULL)
		cairo_tag_end(cr, open);
}

void
pdf_draw_page(cairo_t *cr, const struct page *pg, int tags)
{
	struct scratch sc = { NULL, NULL, 0 };
	cairo_font_options_t *fo;

	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	draw_page(cr, &sc, pg, tags);
	free(sc.glyphs);
	free(sc.clusters);
}

static void
add_outline(cairo_surface_t *s, const struct page_book *book)
{
	int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };
	size_t i;

	for (i = 0; i < book->nmarks; i++) {
		const struct page_mark *m = &book->marks[i];
		int lvl = m->level < 0 ? 0 : m->level > 6 ? 6 : m->level;
		char link[160];

		snprintf(link, sizeof link, "dest='%s'", m->dest);
		parents[lvl + 1] = cairo_pdf_surface_add_outline(s, parents[lvl],
		    m->title, link, lvl == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	}
}

/*
 * Cairo 1.16 has no API for the catalog's /ViewerPreferences and /Lang, yet
 * a book bound on the right wants viewers to lay spreads out right to left
 * and screen readers to know the language: add both by an incremental
 * update (pdfpatch.c).
 */
static int
add_catalog_keys(const char *tmp, const char *lang)
{
	struct pdfpatch *pp;
	char entries[128];

	if ((pp = pdfpatch_open(tmp)) == NULL)
		return -1;
	snprintf(entries, sizeof entries,
	    "/ViewerPreferences << /Direction /R2L >> /Lang (%s)", lang);
	if (pdfpatch_extend(pp, pdfpatch_root(pp), entries) != 0) {
		pdfpatch_free(pp);
		return -1;
	}
	return pdfpatch_commit(pp);
}

static char *
tmp_path(const char *path)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s.tmp-%ld", path, (long)getpid());
	return b.data;
}

int
pdf_write(const struct page_book *book, const struct pdf_meta *meta,
    const char *path, const char *relname, const char *prev,
    struct progress *progress, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	struct scratch sc = { NULL, NULL, 0 };
	cairo_surface_t *s;
	cairo_font_options_t *fo;
	cairo_status_t st;
	cairo_t *cr;
	char *tmp = tmp_path(path);
	size_t p;
	int rc = 0;

	s = cairo_pdf_surface_create(tmp, book->geom.width_pt, book->geom.height_pt);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	/* Cairo 1.16 ignores SOURCE_DATE_EPOCH: set both dates (T13). */
	if (meta->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
	if (meta->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta->author);
	if (meta->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
	if (meta->keywords && *meta->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "daftar");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, meta->date);

	cr = cairo_create(s);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	/* Links outside any structure tag leave dangling references (T10). */
	cairo_tag_begin(cr, "Document", NULL);
	for (p = 0; p < book->n; p++) {
		const struct page *pg = &book->pages[p];

		/* Viewers show this instead of the physical number. */
		if (pg->label)
			cairo_pdf_surface_set_page_label(s, pg->label);
		draw_page(cr, &sc, pg, 1);
		cairo_show_page(cr);
		progress_count(progress, PROGRESS_PAGES_WRITTEN, p + 1, book->n);
	}
	cairo_tag_end(cr, "Document");
	add_outline(s, book);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	free(sc.glyphs);
	free(sc.clusters);
	if (st != CAIRO_STATUS_SUCCESS) {
		remove(tmp);
		rc = diag_error(d, at, "cannot write the PDF: %s", cairo_status_to_string(st));
	} else if (add_catalog_keys(tmp, "fa-IR") != 0) {
		remove(tmp);
		rc = diag_error(d, at, "cannot add the right-to-left viewer preference to the PDF");
	} else {
		rc = fileio_commit_or_keep(tmp, path, relname, prev, d) < 0 ?
		    -1 : 0;
	}
	free(tmp);
	return rc;
}
