/* tests/impose.c - saddle-stitch order for right-to-left binding; sheets drawn and written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "diag.h"
#include "impose.h"
#include "page.h"
#include "pdf.h"

#define MM	(72.0 / 25.4)

/*
 * The order, as tables written out by hand: per sheet side, the 1-based
 * booklet page on its left half, then on its right half; 0 is a blank.
 */

static void
check_order(size_t npages, const size_t *want, size_t nwant)
{
	size_t slots[64], i;

	assert_int_equal(impose_padded(npages), nwant);
	assert_int_equal(impose_order(npages, slots, 64), 0);
	for (i = 0; i < nwant; i++) {
		size_t got = slots[i] == IMPOSE_BLANK ? 0 : slots[i] + 1;

		if (got != want[i])
			print_message("%zu pages: sheet %zu %s, %s half: page %zu, "
			    "expected %zu\n", npages, i / 4 + 1,
			    i % 4 < 2 ? "outside" : "inside",
			    i % 2 ? "right" : "left", got, want[i]);
		assert_int_equal(got, want[i]);
	}
}

static void
order_4(void **state)
{
	/* The cover on the left of the outside: the spine is on its right. */
	static const size_t want[] = { 1, 4, 3, 2 };

	(void)state;
	check_order(4, want, 4);
}

static void
order_8(void **state)
{
	/* Left to right this would be [8 1] [2 7] [6 3] [4 5]. */
	static const size_t want[] = {
		1, 8,   7, 2,	/* sheet 1: outside, inside */
		3, 6,   5, 4,	/* sheet 2: the centre spread is 4 | 5 */
	};

	(void)state;
	check_order(8, want, 8);
}

static void
order_12(void **state)
{
	static const size_t want[] = {
		1, 12,  11, 2,
		3, 10,  9, 4,
		5, 8,   7, 6,
	};

	(void)state;
	check_order(12, want, 12);
}

static void
order_20(void **state)
{
	static const size_t want[] = {
		1, 20,  19, 2,
		3, 18,  17, 4,
		5, 16,  15, 6,
		7, 14,  13, 8,
		9, 12,  11, 10,
	};

	(void)state;
	check_order(20, want, 20);
}

static void
order_with_blanks(void **state)
{
	/* Padding falls on the last pages: the back cover and inside it. */
	static const size_t six[] = { 1, 0, 0, 2, 3, 6, 5, 4 };
	static const size_t five[] = { 1, 0, 0, 2, 3, 0, 5, 4 };
	static const size_t one[] = { 1, 0, 0, 0 };
	static const size_t nine[] = {
		1, 0,  0, 2,
		3, 0,  9, 4,
		5, 8,  7, 6,
	};

	(void)state;
	check_order(6, six, 8);
	check_order(5, five, 8);
	check_order(1, one, 4);
	check_order(9, nine, 12);
}

static void
order_edges(void **state)
{
	size_t slots[40];

	(void)state;
	assert_int_equal(impose_padded(0), 0);
	assert_int_equal(impose_order(0, slots, 0), 0);
	assert_int_equal(impose_padded(38), 40);
	assert_int_equal(impose_padded(40), 40);
	/* Too small an array is refused, not overrun. */
	assert_int_equal(impose_order(38, slots, 39), -1);
	assert_int_equal(impose_order(38, slots, 40), 0);
	assert_true(slots[1] == IMPOSE_BLANK && slots[2] == IMPOSE_BLANK);
	assert_int_equal(slots[0], 0);
	assert_int_equal(slots[3], 1);
}

/*
 * Folding, simulated as a person at a table would do it, without the
 * formula: the order must give a booklet that reads 1, 2, 3 ... when its
 * spine is on the right and its leaves are turned to the right.
 *
 * The printed sheets are laid one on another, outside down, sheet 1 first
 * (so that it ends up outermost).  Seen from above a sheet shows its inside
 * as printed; its outside faces the table, and as the inside is printed
 * for turning the sheet over about the fold line, the outside's left half
 * lies under the inside's right half.  So, per sheet, the left half of the
 * table holds inside-left on top and outside-right below; the right half
 * holds inside-right on top and outside-left below.
 *
 * The right half of the stack is then lifted and laid over the left half,
 * which puts the fold, the spine, on the right.  The lifted halves come
 * over in reverse (sheet 1, lowest, lands on top) and upside down (the face
 * that was below is now above).
 */

struct leaf {
	size_t top, bottom;	/* 1-based pages, 0 blank */
};

static size_t
page_of(const size_t *slots, size_t i)
{
	return slots[i] == IMPOSE_BLANK ? 0 : slots[i] + 1;
}

/* Folds the sheets of slots (n pages) with the spine on the right
 * (spine_right) or on the left; fills leaves from the top of the closed
 * booklet down.  Returns the number of leaves. */
static size_t
fold(const size_t *slots, size_t n, int spine_right, struct leaf *leaves)
{
	size_t nsheets = n / 4, s, k = 0;
	/* Faces of each half as it lies on the table, before folding. */
	enum { OUT_LEFT, OUT_RIGHT, IN_LEFT, IN_RIGHT };

	for (s = 0; s < nsheets; s++) {
		/* The half that is lifted: sheet 1 ends up on top, turned over. */
		const size_t *sh = slots + 4 * s;

		if (spine_right) {
			/* right half of the table: IN_RIGHT above OUT_LEFT */
			leaves[k].top = page_of(sh, OUT_LEFT);
			leaves[k].bottom = page_of(sh, IN_RIGHT);
		} else {
			/* left half: IN_LEFT above OUT_RIGHT */
			leaves[k].top = page_of(sh, OUT_RIGHT);
			leaves[k].bottom = page_of(sh, IN_LEFT);
		}
		k++;
	}
	for (s = nsheets; s-- > 0;) {
		/* The half that stays, the top sheet's above. */
		const size_t *sh = slots + 4 * s;

		if (spine_right) {
			leaves[k].top = page_of(sh, IN_LEFT);
			leaves[k].bottom = page_of(sh, OUT_RIGHT);
		} else {
			leaves[k].top = page_of(sh, IN_RIGHT);
			leaves[k].bottom = page_of(sh, OUT_LEFT);
		}
		k++;
	}
	return k;
}

static void
folding_reads_right_to_left(void **state)
{
	struct leaf leaves[64];
	size_t slots[128], npages, n, nleaves, k;

	(void)state;
	for (npages = 1; npages <= 100; npages++) {
		n = impose_padded(npages);
		assert_int_equal(impose_order(npages, slots, n), 0);
		nleaves = fold(slots, n, 1, leaves);
		assert_int_equal(nleaves, n / 2);
		/* Closed, spine on the right: the cover is page 1. */
		assert_int_equal(leaves[0].top, 1);
		/* Each turn of a leaf to the right opens a spread: the back of
		 * the turned leaf on the right, the next leaf's front on the
		 * left; read right, then left. */
		for (k = 1; k < nleaves; k++) {
			size_t right = leaves[k - 1].bottom, left = leaves[k].top;
			size_t want_right = 2 * k, want_left = 2 * k + 1;

			assert_int_equal(right, want_right <= npages ? want_right : 0);
			assert_int_equal(left, want_left <= npages ? want_left : 0);
		}
		/* The outside of the back cover. */
		assert_int_equal(leaves[nleaves - 1].bottom, n <= npages ? n : 0);
	}
}

static void
folding_with_spine_on_the_left_reads_backwards(void **state)
{
	struct leaf leaves[8];
	size_t slots[16], k;

	/* The same sheets bound left to right: the cover is the last page
	 * and the pages come in reverse, so the simulation tells the two
	 * bindings apart. */
	(void)state;
	assert_int_equal(impose_order(16, slots, 16), 0);
	assert_int_equal(fold(slots, 16, 0, leaves), 8);
	for (k = 0; k < 8; k++) {
		assert_int_equal(leaves[k].top, 16 - 2 * k);
		assert_int_equal(leaves[k].bottom, 15 - 2 * k);
	}
}

static void
inner_margins_face_the_fold(void **state)
{
	struct page_geom g = { 400, 600, 50, 50, 60, 30 };
	size_t slots[24], i;

	/* page.c gives odd pages their inner (binding) margin on the right:
	 * on a sheet that side must meet the fold, so odd pages belong on
	 * left halves and even pages on right halves. */
	(void)state;
	assert_int_equal(impose_order(24, slots, 24), 0);
	for (i = 0; i < 24; i++) {
		int number = (int)slots[i] + 1;
		double start = page_left_margin(&g, number);

		if (i % 2 == 0)
			assert_true(start == g.outer_pt);	/* inner on the right */
		else
			assert_true(start == g.inner_pt);	/* inner on the left */
	}
}

/*
 * Drawing: pages made of rules only (no fonts), each in its own colour,
 * drawn on an image surface and read back pixel by pixel.
 */

#define PW	100.0	/* page width, pt */
#define PH	140.0
#define NPAGES	6

struct book_fx {
	struct page_book book;
	struct page pages[NPAGES];
	struct page_item items[NPAGES][2];
};

static uint32_t
colour(size_t page)
{
	return (uint32_t)(0x20 + 0x30 * page) << 16 | 0x40;
}

/* Page i: a thick bar near its top, only on its right part (so a page
 * turned or mirrored shows), and a rule across its middle that runs 20 pt
 * past both side edges (so the clip at the fold and the bleed show). */
static void
make_book(struct book_fx *fx)
{
	size_t i;

	memset(fx, 0, sizeof *fx);
	fx->book.pages = fx->pages;
	fx->book.n = fx->book.cap = NPAGES;
	fx->book.geom.width_pt = PW;
	fx->book.geom.height_pt = PH;
	for (i = 0; i < NPAGES; i++) {
		struct page_item *it = fx->items[i];

		it[0].kind = PAGE_RULE;
		it[0].x_pt = 60;
		it[0].y_pt = 14;
		it[0].x2_pt = 90;
		it[0].y2_pt = 14;
		it[0].stroke_pt = 8;
		it[0].rgb = colour(i);
		it[1] = it[0];
		it[1].x_pt = -20;
		it[1].x2_pt = PW + 20;
		it[1].y_pt = it[1].y2_pt = 70;
		fx->pages[i].items = it;
		fx->pages[i].n = fx->pages[i].cap = 2;
		fx->pages[i].number = (int)i + 1;
	}
}

struct canvas {
	cairo_surface_t *s;
	int scale;
};

static void
draw(struct canvas *c, const struct book_fx *fx, const struct impose_opts *o,
    size_t left, size_t right, int scale)
{
	double w, h;
	cairo_t *cr;

	impose_sheet_size(&fx->book.geom, o, &w, &h);
	c->scale = scale;
	c->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale + 0.5),
	    (int)(h * scale + 0.5));
	cr = cairo_create(c->s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	impose_draw_side(cr, &fx->book, o, left, right);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_flush(c->s);
}

/* The colour at (x, y) in points from the sheet's top-left corner. */
static uint32_t
pixel(const struct canvas *c, double x, double y)
{
	const unsigned char *data = cairo_image_surface_get_data(c->s);
	int stride = cairo_image_surface_get_stride(c->s);
	int px = (int)(x * c->scale), py = (int)(y * c->scale);

	assert_true(px >= 0 && px < cairo_image_surface_get_width(c->s));
	assert_true(py >= 0 && py < cairo_image_surface_get_height(c->s));
	return *(const uint32_t *)(const void *)(data + py * stride + px * 4) & 0xFFFFFF;
}

static void
pages_sit_upright_in_their_halves(void **state)
{
	struct book_fx fx;
	struct impose_opts o = { 0, 0 };
	struct canvas c;
	double w, h;

	(void)state;
	make_book(&fx);
	impose_sheet_size(&fx.book.geom, &o, &w, &h);
	assert_true(w == 2 * PW && h == PH);
	/* Page 1 (index 0) left, page 4 (index 3) right. */
	draw(&c, &fx, &o, 0, 3, 2);
	assert_int_equal(pixel(&c, 75, 14), colour(0));		/* bar: top right */
	assert_int_equal(pixel(&c, 25, 14), 0xFFFFFF);
	assert_int_equal(pixel(&c, 75, PH - 14), 0xFFFFFF);	/* not turned */
	assert_int_equal(pixel(&c, PW + 75, 14), colour(3));
	assert_int_equal(pixel(&c, PW + 25, 14), 0xFFFFFF);
	/* The middle rules meet at the fold, neither crossing it. */
	assert_int_equal(pixel(&c, PW - 2, 70), colour(0));
	assert_int_equal(pixel(&c, PW + 2, 70), colour(3));
	cairo_surface_destroy(c.s);

	/* A blank half stays white, even where its neighbour's rule runs
	 * past the fold. */
	draw(&c, &fx, &o, 2, IMPOSE_BLANK, 2);
	assert_int_equal(pixel(&c, PW - 2, 70), colour(2));
	assert_int_equal(pixel(&c, PW + 2, 70), 0xFFFFFF);
	assert_int_equal(pixel(&c, PW + 75, 14), 0xFFFFFF);
	cairo_surface_destroy(c.s);
}

static void
bleed_and_marks(void **state)
{
	struct book_fx fx;
	struct impose_opts o = { 1, 6 };
	struct canvas c;
	double w, h, m = 6 + 10 * MM;

	(void)state;
	make_book(&fx);
	impose_sheet_size(&fx.book.geom, &o, &w, &h);
	assert_float_equal(w, 2 * PW + 2 * m, 1e-9);
	assert_float_equal(h, PH + 2 * m, 1e-9);
	draw(&c, &fx, &o, 4, 1, 4);
	/* The pages keep their size and place inside the margin. */
	assert_int_equal(pixel(&c, m + 75, m + 14), colour(4));
	assert_int_equal(pixel(&c, m + PW + 75, m + 14), colour(1));
	/* The middle rules run into the bleed on the outer edges, and stop
	 * where it ends. */
	assert_int_equal(pixel(&c, m - 3, m + 70), colour(4));
	assert_int_equal(pixel(&c, m - 9, m + 70), 0xFFFFFF);
	assert_int_equal(pixel(&c, m + 2 * PW + 3, m + 70), colour(1));
	assert_int_equal(pixel(&c, m + 2 * PW + 9, m + 70), 0xFFFFFF);
	/* No bleed across the fold. */
	assert_int_equal(pixel(&c, m + PW - 1, m + 70), colour(4));
	assert_int_equal(pixel(&c, m + PW + 1, m + 70), colour(1));
	/* A trim mark continues the top edge leftwards, past the bleed... */
	assert_true(pixel(&c, m - 6 - 5 * MM, m) != 0xFFFFFF);
	/* ...and stays out of it. */
	assert_int_equal(pixel(&c, m - 6 - 1 * MM, m), 0xFFFFFF);
	assert_int_equal(pixel(&c, m - 3, m - 0.2), 0xFFFFFF);
	/* The bottom-right corner's vertical mark, and a fold mark. */
	assert_true(pixel(&c, m + 2 * PW, m + PH + 6 + 5 * MM) != 0xFFFFFF);
	assert_true(pixel(&c, m + PW, m - 6 - 2.5 * MM) != 0xFFFFFF);
	cairo_surface_destroy(c.s);

	/* Without marks, nothing outside the bleed. */
	o.crop_marks = 0;
	draw(&c, &fx, &o, 4, 1, 4);
	impose_sheet_size(&fx.book.geom, &o, &w, &h);
	assert_float_equal(w, 2 * PW + 12, 1e-9);
	assert_int_equal(pixel(&c, 3, 70 + 6), colour(4));
	cairo_surface_destroy(c.s);
}

/*
 * Writing.
 */

struct write_fx {
	char dir[64];
	struct diags d;
	struct book_fx book;
};

static int
write_setup(void **state)
{
	struct write_fx *fx = calloc(1, sizeof *fx);

	if (fx == NULL)
		return -1;
	strcpy(fx->dir, "/tmp/daftar-impose.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	diag_init(&fx->d);
	make_book(&fx->book);
	*state = fx;
	return 0;
}

static int
write_teardown(void **state)
{
	struct write_fx *fx = *state;
	char cmd[128];

	diag_release(&fx->d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

static const struct pdf_meta meta = {
	.title = "کتابچه", .author = "ستاد", .date = "2024-03-20T00:00:00Z",
};

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

/* The whole of path with every NUL made a space, so that strstr() reads
 * past the compressed streams to Cairo's plain-text objects; the caller
 * frees. */
static char *
slurp_text(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long n;
	long i;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	for (i = 0; i < n; i++)
		if (p[i] == '\0')
			p[i] = ' ';
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static void
writes_one_page_per_sheet_side(void **state)
{
	struct write_fx *fx = *state;
	struct impose_opts o = { 0, 0 };
	char path[128], again[128], kept[128], *pdf, *pdf2;
	struct stat a, b;
	size_t len, len2;

	snprintf(path, sizeof path, "%s/print.pdf", fx->dir);
	snprintf(again, sizeof again, "%s/again.pdf", fx->dir);
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, path,
	    "booklet-print.pdf", NULL, &fx->d), 0);
	assert_int_equal(fx->d.n, 0);
	pdf = slurp_text(path, &len);
	assert_memory_equal(pdf, "%PDF-1.5", 8);
	/* 6 pages pad to 8: two sheets, four sides. */
	assert_non_null(strstr(pdf, "/Count 4\n"));
	assert_int_equal(count(pdf, "/MediaBox [ 0 0 200 140 ]"), 4);
	assert_non_null(strstr(pdf, "/CreationDate (20240320000000Z)"));
	assert_null(strstr(pdf, "/TrimBox"));	/* no margin: the sheet is trimmed */
	/* Same book, same bytes. */
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, again,
	    "booklet-print.pdf", NULL, &fx->d), 0);
	pdf2 = slurp_text(again, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(pdf, pdf2, len);
	free(pdf);
	free(pdf2);
	/* Written again beside the last build's equal file: linked to it,
	 * so it keeps its inode and time; beside another file: written. */
	snprintf(kept, sizeof kept, "%s/kept.pdf", fx->dir);
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, kept,
	    "booklet-print.pdf", path, &fx->d), 0);
	assert_int_equal(stat(path, &a), 0);
	assert_int_equal(stat(kept, &b), 0);
	assert_true(a.st_ino == b.st_ino);
	assert_int_equal(remove(kept), 0);
	o.crop_marks = 1;
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, kept,
	    "booklet-print.pdf", path, &fx->d), 0);
	assert_int_equal(stat(kept, &b), 0);
	assert_true(a.st_ino != b.st_ino);
	assert_int_equal(fx->d.n, 0);
	/* No temporary file left behind. */
	snprintf(again, sizeof again, "%s/print.pdf.tmp-%ld", fx->dir, (long)getpid());
	assert_int_equal(access(again, F_OK), -1);
}

static void
writes_trim_and_bleed_boxes(void **state)
{
	struct write_fx *fx = *state;
	struct impose_opts o = { 1, 3 * MM };
	char path[128], want[160], *pdf;
	double m = 3 * MM + 10 * MM;
	size_t len;

	snprintf(path, sizeof path, "%s/print.pdf", fx->dir);
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, path,
	    "booklet-print.pdf", NULL, &fx->d), 0);
	pdf = slurp_text(path, &len);
	/* One incremental update: each of the 4 page objects again, with
	 * both boxes, in PDF units (y up; the sheet is symmetric). */
	assert_int_equal(count(pdf, "%%EOF"), 2);
	snprintf(want, sizeof want, "/TrimBox [ %.3f %.3f %.3f %.3f ]",
	    m, m, m + 2 * PW, m + PH);
	assert_int_equal(count(pdf, want), 4);
	snprintf(want, sizeof want, "/BleedBox [ %.3f %.3f %.3f %.3f ]",
	    m - 3 * MM, m - 3 * MM, m + 2 * PW + 3 * MM, m + PH + 3 * MM);
	assert_int_equal(count(pdf, want), 4);
	assert_non_null(strstr(pdf, "/Prev "));
	free(pdf);
}

static void
unwritable_path_is_an_error(void **state)
{
	struct write_fx *fx = *state;
	struct impose_opts o = { 0, 0 };
	char path[128];

	snprintf(path, sizeof path, "%s/no-such-folder/print.pdf", fx->dir);
	assert_int_equal(impose_write(&fx->book.book, &meta, &o, path,
	    "booklet-print.pdf", NULL, &fx->d), -1);
	assert_int_equal(diag_count(&fx->d, DIAG_ERROR), 1);
	assert_string_equal(fx->d.v[0].file, "booklet-print.pdf");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_4),
		cmocka_unit_test(order_8),
		cmocka_unit_test(order_12),
		cmocka_unit_test(order_20),
		cmocka_unit_test(order_with_blanks),
		cmocka_unit_test(order_edges),
		cmocka_unit_test(folding_reads_right_to_left),
		cmocka_unit_test(folding_with_spine_on_the_left_reads_backwards),
		cmocka_unit_test(inner_margins_face_the_fold),
		cmocka_unit_test(pages_sit_upright_in_their_halves),
		cmocka_unit_test(bleed_and_marks),
		cmocka_unit_test_setup_teardown(writes_one_page_per_sheet_side,
		    write_setup, write_teardown),
		cmocka_unit_test_setup_teardown(writes_trim_and_bleed_boxes,
		    write_setup, write_teardown),
		cmocka_unit_test_setup_teardown(unwritable_path_is_an_error,
		    write_setup, write_teardown),
	};

	return cmocka_run_group_tests_name("impose", tests, NULL, NULL);
}
