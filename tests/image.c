/* tests/image.c - image_load(): safe paths, upright pixels, JPEGs without EXIF/GPS, resizing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <jpeglib.h>
#include <libexif/exif-data.h>

#include "arena.h"
#include "diag.h"
#include "image.h"
#include "support.h"

/* Run from the repository root (the Makefile does): data paths are relative. */
#define SAMPLES	"content"

/* Quadrant colours of the generated test pictures, as RGB. */
enum { RED, GREEN, BLUE, WHITE };
static const unsigned char rgb_of[4][3] = {
	{ 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 },
};
/* The same, as make_jpeg() takes them: TL red, TR green, BL blue, BR white. */
static const unsigned char rgb_quad[4][4] = {
	{ 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 },
};

/* One scratch project per test: root/content/images and root/outside. */
struct fixture {
	char root[64];		/* mkdtemp() folder under /tmp */
	char *content;		/* root/content */
	struct arena a;
	struct diags d;
	struct pos at;		/* where the document refers to the image */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	strcpy(f->root, "/tmp/daftar-image-XXXXXX");
	if (mkdtemp(f->root) == NULL) {
		free(f);
		return -1;
	}
	arena_init(&f->a);
	diag_init(&f->d);
	f->content = arena_printf(&f->a, "%s/content", f->root);
	mkdir(f->content, 0755);
	mkdir(arena_printf(&f->a, "%s/images", f->content), 0755);
	mkdir(arena_printf(&f->a, "%s/outside", f->root), 0755);
	f->at.file = "stories/x.md";
	f->at.line = 7;
	f->at.col = 3;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	test_remove_tree(f->root);
	arena_release(&f->a);
	diag_release(&f->d);
	free(f);
	return 0;
}

/* --- helpers ------------------------------------------------------------------ */

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *p;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return p;
}

static void
put_file(const char *path, const void *p, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(p, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static int
contains(const unsigned char *p, size_t len, const void *s, size_t n)
{
	size_t i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (memcmp(p + i, s, n) == 0)
			return 1;
	return 0;
}

#define HAS(p, len, lit)	contains((p), (len), (lit), sizeof(lit) - 1)

/* A w x h JPEG whose quadrants have the colours quad[] (TL, TR, BL, BR),
 * given in cs's components and stored as store.  libjpeg writes JFIF for
 * YCbCr and grey, Adobe for RGB and CMYK. */
enum { PLAIN = 0, PROGRESSIVE = 1, RESTARTS = 2 };

static unsigned char *
make_jpeg_with(int w, int h, J_COLOR_SPACE cs, int ncomp, J_COLOR_SPACE store,
    const unsigned char quad[4][4], int how, size_t *len)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL, *row = malloc((size_t)w * ncomp);
	unsigned long n = 0;
	int x, q;

	ci.err = jpeg_std_error(&err);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &out, &n);
	ci.image_width = (JDIMENSION)w;
	ci.image_height = (JDIMENSION)h;
	ci.input_components = ncomp;
	ci.in_color_space = cs;
	jpeg_set_defaults(&ci);
	jpeg_set_colorspace(&ci, store);
	jpeg_set_quality(&ci, 95, TRUE);
	if (how & PROGRESSIVE)
		jpeg_simple_progression(&ci);
	if (how & RESTARTS)
		ci.restart_in_rows = 1;
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height) {
		for (x = 0; x < w; x++) {
			q = (ci.next_scanline >= (unsigned)h / 2) * 2 + (x >= w / 2);
			memcpy(row + x * ncomp, quad[q], (size_t)ncomp);
		}
		jpeg_write_scanlines(&ci, &row, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	free(row);
	*len = n;
	return out;
}

static unsigned char *
make_jpeg(int w, int h, J_COLOR_SPACE cs, int ncomp, J_COLOR_SPACE store,
    const unsigned char quad[4][4], size_t *len)
{
	return make_jpeg_with(w, h, cs, ncomp, store, quad, PLAIN, len);
}

static unsigned char *
make_rgb_jpeg(int w, int h, size_t *len)
{
	return make_jpeg(w, h, JCS_RGB, 3, JCS_YCbCr, rgb_quad, len);
}

/* p with a segment (marker m, body b[0..n)) put right after SOI. */
static unsigned char *
splice(const unsigned char *p, size_t len, int m, const void *b, size_t n,
    size_t *out_len)
{
	unsigned char *q = malloc(len + n + 4);

	assert_non_null(q);
	memcpy(q, p, 2);
	q[2] = 0xFF;
	q[3] = (unsigned char)m;
	q[4] = (unsigned char)((n + 2) >> 8);
	q[5] = (unsigned char)((n + 2) & 0xFF);
	memcpy(q + 6, b, n);
	memcpy(q + 6 + n, p + 2, len - 2);
	*out_len = len + n + 4;
	return q;
}

static void
splice_in(unsigned char **p, size_t *len, int m, const void *b, size_t n)
{
	unsigned char *q = splice(*p, *len, m, b, n, len);

	free(*p);
	*p = q;
}

/* An APP1 body: "Exif\0\0" and a TIFF header with one IFD holding only
 * Orientation, as a camera writes it, in either byte order. */
static size_t
exif_body(unsigned char *b, int orientation, int big_endian)
{
	static const unsigned char mm[] = {
		'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
		0, 1,				/* one entry */
		0x01, 0x12, 0, 3, 0, 0, 0, 1,	/* Orientation, SHORT, 1 */
		0, 0, 0, 0,			/* value, patched below */
		0, 0, 0, 0,			/* no next IFD */
	};
	static const unsigned char ii[] = {
		'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
		1, 0,
		0x12, 0x01, 3, 0, 1, 0, 0, 0,
		0, 0, 0, 0,
		0, 0, 0, 0,
	};

	memcpy(b, big_endian ? mm : ii, sizeof mm);
	b[big_endian ? 25 : 24] = (unsigned char)orientation;
	return sizeof mm;
}

/* libjpeg for the tests' own decoding: errors jump back here. */
struct test_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf back;
};

static void
test_jerr_exit(j_common_ptr c)
{
	longjmp(((struct test_jerr *)(void *)c->err)->back, 1);
}

/* Decodes p to RGB: returns the malloc'd pixels and the size, or NULL. */
static unsigned char *
decode_rgb(const unsigned char *p, size_t len, int *w, int *h, int *color_space)
{
	struct jpeg_decompress_struct ci;
	struct test_jerr e;
	unsigned char *volatile px = NULL;
	JSAMPROW row;

	ci.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = test_jerr_exit;
	if (setjmp(e.back)) {
		jpeg_destroy_decompress(&ci);
		free(px);
		return NULL;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, p, (unsigned long)len);
	jpeg_read_header(&ci, TRUE);
	*color_space = ci.jpeg_color_space;
	ci.out_color_space = JCS_RGB;
	jpeg_start_decompress(&ci);
	*w = (int)ci.output_width;
	*h = (int)ci.output_height;
	px = malloc((size_t)*w * *h * 3);
	while (ci.output_scanline < ci.output_height) {
		row = px + (size_t)ci.output_scanline * *w * 3;
		jpeg_read_scanlines(&ci, &row, 1);
	}
	jpeg_finish_decompress(&ci);
	jpeg_destroy_decompress(&ci);
	return px;
}

/* The pixel at (x, y) of an RGB24 or ARGB32 surface, as 0xAARRGGBB. */
static uint32_t
pixel(cairo_surface_t *s, int x, int y)
{
	/* no cairo_surface_flush(): it would drop the mime data under test */
	unsigned char *data = cairo_image_surface_get_data(s);

	return ((uint32_t *)(void *)(data + (size_t)y * cairo_image_surface_get_stride(s)))[x];
}

static int
near(int a, int b)
{
	return abs(a - b) <= 40;
}

static void
assert_rgb(uint32_t px, const unsigned char rgb[3])
{
	if (!near(px >> 16 & 0xFF, rgb[0]) || !near(px >> 8 & 0xFF, rgb[1]) ||
	    !near(px & 0xFF, rgb[2]))
		fail_msg("pixel %06x, expected %02x%02x%02x", (unsigned)(px & 0xFFFFFF),
		    rgb[0], rgb[1], rgb[2]);
}

/* The colours near the four corners of the surface: TL, TR, BL, BR. */
static void
assert_corners(cairo_surface_t *s, int tl, int tr, int bl, int br)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);

	assert_rgb(pixel(s, 2, 2), rgb_of[tl]);
	assert_rgb(pixel(s, w - 3, 2), rgb_of[tr]);
	assert_rgb(pixel(s, 2, h - 3), rgb_of[bl]);
	assert_rgb(pixel(s, w - 3, h - 3), rgb_of[br]);
}

/* Only APP0, APP14 and no COM before the first scan; EOI last. */
static void
assert_clean_segments(const unsigned char *p, size_t len)
{
	size_t i = 2;
	int m;

	assert_true(len > 4);
	assert_int_equal(p[0], 0xFF);
	assert_int_equal(p[1], 0xD8);
	assert_int_equal(p[len - 2], 0xFF);
	assert_int_equal(p[len - 1], 0xD9);
	for (;;) {
		assert_true(i + 4 <= len);
		assert_int_equal(p[i], 0xFF);
		m = p[i + 1];
		if (m == 0xDA)
			break;
		if ((m >= 0xE1 && m <= 0xEF && m != 0xEE) || m == 0xFE)
			fail_msg("segment 0x%02x survived", m);
		i += 2 + ((size_t)p[i + 2] << 8 | p[i + 3]);
	}
}

/* Where the reference was, exactly one error, and msg contains want. */
static void
assert_one_error(struct fixture *f, const char *want)
{
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].level, DIAG_ERROR);
	assert_string_equal(f->d.v[0].file, "stories/x.md");
	assert_int_equal(f->d.v[0].line, 7);
	assert_int_equal(f->d.v[0].col, 3);
	if (strstr(f->d.v[0].msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", f->d.v[0].msg, want);
}

/* Loads relpath from the fixture's content folder, expecting refusal. */
static void
refused_on_load(struct fixture *f, const char *relpath, const char *want)
{
	struct image im;

	diag_release(&f->d);
	diag_init(&f->d);
	memset(&im, 0xAB, sizeof im);
	assert_int_equal(image_load(&f->a, f->content, relpath, &im, &f->d, f->at), -1);
	assert_null(im.surface);
	assert_null(im.jpeg);
	assert_one_error(f, want);
}

/* Refused by image_load() and, with the very same words, by image_check():
 * "daftar check" must say what a build would. */
static void
refused(struct fixture *f, const char *relpath, const char *want)
{
	struct image im;
	char *msg;

	refused_on_load(f, relpath, want);
	msg = strdup(f->d.v[0].msg);
	diag_release(&f->d);
	diag_init(&f->d);
	memset(&im, 0xAB, sizeof im);
	assert_int_equal(image_check(&f->a, f->content, relpath, &im, &f->d, f->at), -1);
	assert_null(im.surface);
	assert_int_equal(im.width, 0);
	assert_one_error(f, want);
	assert_string_equal(f->d.v[0].msg, msg);
	free(msg);
}

static void
put_bytes(struct fixture *f, const char *relpath, const void *p, size_t len)
{
	put_file(arena_printf(&f->a, "%s/%s", f->content, relpath), p, len);
}

/* A w x h PNG: left half opaque red, right half blue at half opacity. */
static void
put_png(struct fixture *f, const char *relpath, int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 1, 0, 0);
	cairo_rectangle(cr, 0, 0, w / 2, h);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 0, 0, 1, 0.5);
	cairo_rectangle(cr, w / 2, 0, w - w / 2, h);
	cairo_fill(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s,
	    arena_printf(&f->a, "%s/%s", f->content, relpath)), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* --- the sample photos -------------------------------------------------- */

static void
sample_photos_load_upright_and_clean(void **state)
{
	static const char *const names[] = {
		"images/kuhnavardi.jpg", "images/khayati.jpg", "images/kelas-dars.jpg",
	};
	struct fixture *f = *state;
	const unsigned char *mime;
	unsigned long mime_len;
	struct image im;
	size_t i;

	for (i = 0; i < 3; i++) {
		assert_int_equal(image_load(&f->a, SAMPLES, names[i], &im, &f->d, f->at), 0);
		assert_int_equal(f->d.n, 0);
		assert_int_equal(im.kind, IMAGE_JPEG);
		assert_int_equal(im.width, 1200);
		assert_int_equal(im.height, 800);
		assert_int_equal(im.orientation, 1);
		assert_int_equal(im.components, 3);
		assert_string_equal(im.path, names[i]);
		assert_int_equal(cairo_image_surface_get_format(im.surface), CAIRO_FORMAT_RGB24);
		assert_int_equal(cairo_image_surface_get_width(im.surface), 1200);
		assert_clean_segments(im.jpeg, im.jpeg_len);
		assert_false(HAS(im.jpeg, im.jpeg_len, "Exif"));
		/* the surface carries exactly the published bytes */
		cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_JPEG, &mime, &mime_len);
		assert_int_equal(mime_len, im.jpeg_len);
		assert_memory_equal(mime, im.jpeg, im.jpeg_len);
		cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_UNIQUE_ID, &mime, &mime_len);
		assert_int_equal(mime_len, strlen(im.unique_id));
		assert_memory_equal(mime, im.unique_id, mime_len);
		image_release(&im);
	}
}

static void
gps_is_gone_and_pixels_stay(void **state)
{
	struct fixture *f = *state;
	unsigned char *orig, *a_px, *b_px;
	int aw, ah, bw, bh, cs;
	ExifData *ed;
	struct image im;
	size_t len, i;

	/* the sample really has a GPS IFD, so the test means something */
	orig = slurp(SAMPLES "/images/kuhnavardi.jpg", &len);
	assert_true(HAS(orig, len, "Exif\0\0"));
	ed = exif_data_new_from_data(orig, (unsigned int)len);
	assert_non_null(ed);
	assert_true(ed->ifd[EXIF_IFD_GPS]->count > 0);
	exif_data_unref(ed);

	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.jpeg[0], 0xFF);
	assert_int_equal(im.jpeg[1], 0xD8);
	assert_false(HAS(im.jpeg, im.jpeg_len, "Exif\0\0"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "GPS"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "ExamplePhone"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "Placeholder"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "2024:05:03"));
	assert_clean_segments(im.jpeg, im.jpeg_len);
	ed = exif_data_new_from_data(im.jpeg, (unsigned int)im.jpeg_len);
	assert_non_null(ed);
	for (i = 0; i < EXIF_IFD_COUNT; i++)
		assert_int_equal(ed->ifd[i]->count, 0);
	exif_data_unref(ed);

	/* pass-through: the same pixels as the original, no re-encoding */
	a_px = decode_rgb(orig, len, &aw, &ah, &cs);
	b_px = decode_rgb(im.jpeg, im.jpeg_len, &bw, &bh, &cs);
	assert_non_null(a_px);
	assert_non_null(b_px);
	assert_int_equal(bw, 1200);
	assert_int_equal(bh, 800);
	assert_memory_equal(a_px, b_px, (size_t)aw * ah * 3);
	assert_true(im.jpeg_len < len);
	free(a_px);
	free(b_px);
	free(orig);
	image_release(&im);
}

static void
camera_fields_are_gone(void **state)
{
	struct fixture *f = *state;
	struct image im;
	ExifData *ed;

	assert_int_equal(image_load(&f->a, SAMPLES, "images/khayati.jpg", &im, &f->d, f->at), 0);
	assert_false(HAS(im.jpeg, im.jpeg_len, "ExamplePhone"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "Model X1"));
	assert_false(HAS(im.jpeg, im.jpeg_len, "2024:10:01"));
	ed = exif_data_new_from_data(im.jpeg, (unsigned int)im.jpeg_len);
	assert_null(exif_data_get_entry(ed, EXIF_TAG_MAKE));
	assert_null(exif_data_get_entry(ed, EXIF_TAG_MODEL));
	assert_null(exif_data_get_entry(ed, EXIF_TAG_DATE_TIME_ORIGINAL));
	exif_data_unref(ed);
	image_release(&im);
}

static void
clean_photo_passes_unchanged(void **state)
{
	/* kelas-dars.jpg has only JFIF: nothing to strip, not a byte changes */
	struct fixture *f = *state;
	unsigned char *orig;
	struct image im;
	size_t len;

	orig = slurp(SAMPLES "/images/kelas-dars.jpg", &len);
	assert_int_equal(image_load(&f->a, SAMPLES, "images/kelas-dars.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.jpeg_len, len);
	assert_memory_equal(im.jpeg, orig, len);
	free(orig);
	image_release(&im);
}

/* --- generated JPEGs ---------------------------------------------------------- */

static void
every_metadata_segment_goes(void **state)
{
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>secret-xmp";
	static const char iptc[] = "Photoshop 3.0\0" "8BIM secret-iptc";
	static const char icc[] = "ICC_PROFILE\0\1\1secret-icc";
	static const char jfxx[] = "JFXX\0\x10secret-jfxx";
	/* JFIF 1.01 with a 2x1 thumbnail whose 6 bytes spell "secret" */
	static const char jfif[] = "JFIF\0\1\1\0\0\1\0\1\2\1secret";
	struct fixture *f = *state;
	unsigned char *plain, *p, *a_px, *b_px;
	size_t plain_len, len;
	int aw, ah, bw, bh, cs;
	struct image im;

	plain = make_rgb_jpeg(32, 16, &plain_len);
	p = malloc(plain_len + 16);
	memcpy(p, plain, plain_len);
	memcpy(p + plain_len, "secret-trailer", 14);
	len = plain_len + 14;
	splice_in(&p, &len, 0xFE, "secret-comment", 14);
	splice_in(&p, &len, 0xE1, xmp, sizeof xmp - 1);
	splice_in(&p, &len, 0xED, iptc, sizeof iptc - 1);
	splice_in(&p, &len, 0xE2, icc, sizeof icc - 1);
	splice_in(&p, &len, 0xEF, "secret-app15", 12);
	splice_in(&p, &len, 0xE0, jfxx, sizeof jfxx - 1);
	splice_in(&p, &len, 0xE0, jfif, sizeof jfif - 1);
	put_bytes(f, "images/all.jpg", p, len);

	assert_int_equal(image_load(&f->a, f->content, "images/all.jpg", &im, &f->d, f->at), 0);
	assert_false(HAS(im.jpeg, im.jpeg_len, "secret"));
	assert_true(HAS(im.jpeg, im.jpeg_len, "JFIF"));
	assert_clean_segments(im.jpeg, im.jpeg_len);
	a_px = decode_rgb(plain, plain_len, &aw, &ah, &cs);
	b_px = decode_rgb(im.jpeg, im.jpeg_len, &bw, &bh, &cs);
	assert_non_null(b_px);
	assert_int_equal(bw, 32);
	assert_int_equal(bh, 16);
	assert_memory_equal(a_px, b_px, 32 * 16 * 3);
	free(a_px);
	free(b_px);
	free(p);
	free(plain);
	image_release(&im);
}

static void
progressive_and_restart_streams_pass_through(void **state)
{
	/* markers between scans (progressive) and inside one (RSTn) */
	struct fixture *f = *state;
	unsigned char *p, *a_px, *b_px;
	int aw, ah, bw, bh, cs, how;
	struct image im;
	size_t len;
	char *name;

	for (how = PROGRESSIVE; how <= (PROGRESSIVE | RESTARTS); how++) {
		p = make_jpeg_with(48, 40, JCS_RGB, 3, JCS_YCbCr, rgb_quad, how, &len);
		name = arena_printf(&f->a, "images/p%d.jpg", how);
		put_bytes(f, name, p, len);
		assert_int_equal(image_load(&f->a, f->content, name, &im, &f->d, f->at), 0);
		/* nothing to strip: the very same bytes */
		assert_int_equal(im.jpeg_len, len);
		assert_memory_equal(im.jpeg, p, len);
		a_px = decode_rgb(p, len, &aw, &ah, &cs);
		b_px = decode_rgb(im.jpeg, im.jpeg_len, &bw, &bh, &cs);
		assert_memory_equal(a_px, b_px, (size_t)aw * ah * 3);
		assert_corners(im.surface, RED, GREEN, BLUE, WHITE);
		free(a_px);
		free(b_px);
		free(p);
		image_release(&im);
	}
}

static void
orientation_6_turns_clockwise(void **state)
{
	struct fixture *f = *state;
	unsigned char body[64], *p, *px;
	size_t len, n;
	struct image im;
	int w, h, cs;

	p = make_rgb_jpeg(32, 16, &len);
	n = exif_body(body, 6, 1);
	splice_in(&p, &len, 0xE1, body, n);
	put_bytes(f, "images/turned.jpg", p, len);
	free(p);

	assert_int_equal(image_load(&f->a, f->content, "images/turned.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.orientation, 6);
	assert_int_equal(im.width, 16);
	assert_int_equal(im.height, 32);
	/* stored TL red, TR green, BL blue, BR white, turned clockwise */
	assert_corners(im.surface, BLUE, RED, WHITE, GREEN);
	/* encoded again: upright, and still no EXIF */
	assert_false(HAS(im.jpeg, im.jpeg_len, "Exif"));
	assert_clean_segments(im.jpeg, im.jpeg_len);
	px = decode_rgb(im.jpeg, im.jpeg_len, &w, &h, &cs);
	assert_non_null(px);
	assert_int_equal(w, 16);
	assert_int_equal(h, 32);
	assert_rgb(0xFF000000u | (uint32_t)px[(2 * 16 + 13) * 3] << 16 |
	    (uint32_t)px[(2 * 16 + 13) * 3 + 1] << 8 | px[(2 * 16 + 13) * 3 + 2],
	    rgb_of[RED]);
	free(px);
	image_release(&im);
}

static void
every_orientation_comes_upright(void **state)
{
	/* The corners shown for each orientation, worked out by hand from the
	 * EXIF definitions of where stored row 0 and column 0 belong. */
	static const int want[9][4] = {
		{ 0 },
		{ RED, GREEN, BLUE, WHITE },	/* 1 as stored */
		{ GREEN, RED, WHITE, BLUE },	/* 2 mirrored */
		{ WHITE, BLUE, GREEN, RED },	/* 3 half a turn */
		{ BLUE, WHITE, RED, GREEN },	/* 4 flipped */
		{ RED, BLUE, GREEN, WHITE },	/* 5 transposed */
		{ BLUE, RED, WHITE, GREEN },	/* 6 clockwise */
		{ WHITE, GREEN, BLUE, RED },	/* 7 transversed */
		{ GREEN, WHITE, RED, BLUE },	/* 8 counter-clockwise */
	};
	struct fixture *f = *state;
	unsigned char body[64], *p;
	struct image im;
	size_t len, n;
	char *name;
	int o;

	for (o = 1; o <= 8; o++) {
		p = make_rgb_jpeg(32, 16, &len);
		n = exif_body(body, o, o % 2);
		splice_in(&p, &len, 0xE1, body, n);
		name = arena_printf(&f->a, "images/o%d.jpg", o);
		put_bytes(f, name, p, len);
		free(p);
		assert_int_equal(image_load(&f->a, f->content, name, &im, &f->d, f->at), 0);
		assert_int_equal(im.orientation, o);
		assert_int_equal(im.width, o >= 5 ? 16 : 32);
		assert_int_equal(im.height, o >= 5 ? 32 : 16);
		assert_corners(im.surface, want[o][0], want[o][1], want[o][2], want[o][3]);
		assert_false(HAS(im.jpeg, im.jpeg_len, "Exif"));
		image_release(&im);
	}
}

static void
cmyk_rgb_and_grey_are_converted(void **state)
{
	/* Adobe CMYK, stored inverted as Photoshop writes it: 0 = full ink */
	static const unsigned char cmyk[4][4] = {
		{ 0, 255, 255, 255 },		/* cyan */
		{ 255, 255, 255, 255 },		/* no ink: white */
		{ 255, 255, 255, 0 },		/* black */
		{ 255, 0, 255, 255 },		/* magenta */
	};
	static const unsigned char grey[4][4] = { { 0 }, { 85 }, { 170 }, { 255 } };
	static const unsigned char cyan[3] = { 0, 255, 255 }, black[3] = { 0, 0, 0 },
	    magenta[3] = { 255, 0, 255 }, g85[3] = { 85, 85, 85 };
	struct fixture *f = *state;
	unsigned char body[64], *p, *px;
	int w, h, cs;
	struct image im;
	size_t len, n;

	p = make_jpeg(32, 16, JCS_CMYK, 4, JCS_CMYK, cmyk, &len);
	put_bytes(f, "images/cmyk.jpg", p, len);
	assert_int_equal(image_load(&f->a, f->content, "images/cmyk.jpg", &im, &f->d, f->at), 0);
	assert_rgb(pixel(im.surface, 2, 2), cyan);
	assert_rgb(pixel(im.surface, 29, 2), rgb_of[WHITE]);
	assert_rgb(pixel(im.surface, 2, 13), black);
	assert_rgb(pixel(im.surface, 29, 13), magenta);
	/* published as RGB: Cairo would embed the CMYK as a negative */
	assert_int_equal(im.components, 3);
	assert_clean_segments(im.jpeg, im.jpeg_len);
	px = decode_rgb(im.jpeg, im.jpeg_len, &w, &h, &cs);
	assert_non_null(px);
	assert_int_equal(cs, JCS_YCbCr);
	assert_int_equal(w, 32);
	assert_rgb(0xFF000000u | (uint32_t)px[(2 * 32 + 2) * 3] << 16 |
	    (uint32_t)px[(2 * 32 + 2) * 3 + 1] << 8 | px[(2 * 32 + 2) * 3 + 2], cyan);
	free(px);
	image_release(&im);

	/* turned as well */
	n = exif_body(body, 8, 1);
	splice_in(&p, &len, 0xE1, body, n);
	put_bytes(f, "images/cmyk8.jpg", p, len);
	free(p);
	assert_int_equal(image_load(&f->a, f->content, "images/cmyk8.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.components, 3);
	assert_int_equal(im.width, 16);
	assert_rgb(pixel(im.surface, 2, 29), cyan);
	image_release(&im);

	/* RGB stored as RGB: the Adobe segment says so, and it stays */
	p = make_jpeg(32, 16, JCS_RGB, 3, JCS_RGB, rgb_quad, &len);
	assert_true(HAS(p, len, "Adobe"));
	put_bytes(f, "images/rgb.jpg", p, len);
	free(p);
	assert_int_equal(image_load(&f->a, f->content, "images/rgb.jpg", &im, &f->d, f->at), 0);
	assert_true(HAS(im.jpeg, im.jpeg_len, "\xFF\xEE\x00\x0E" "Adobe"));
	assert_corners(im.surface, RED, GREEN, BLUE, WHITE);
	px = decode_rgb(im.jpeg, im.jpeg_len, &w, &h, &cs);
	assert_int_equal(cs, JCS_RGB);
	free(px);
	image_release(&im);

	p = make_jpeg(32, 16, JCS_GRAYSCALE, 1, JCS_GRAYSCALE, grey, &len);
	put_bytes(f, "images/grey.jpg", p, len);
	free(p);
	assert_int_equal(image_load(&f->a, f->content, "images/grey.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.components, 1);
	assert_int_equal(cairo_image_surface_get_format(im.surface), CAIRO_FORMAT_RGB24);
	assert_rgb(pixel(im.surface, 29, 2), g85);
	assert_rgb(pixel(im.surface, 2, 2), black);
	assert_rgb(pixel(im.surface, 29, 13), rgb_of[WHITE]);
	image_release(&im);
}

/* --- refusals ----------------------------------------------------------------- */

static void
paths_outside_content_are_refused(void **state)
{
	struct fixture *f = *state;
	unsigned char *p;
	struct image im;
	size_t len;

	p = make_rgb_jpeg(16, 16, &len);
	put_file(arena_printf(&f->a, "%s/outside/secret.jpg", f->root), p, len);
	put_bytes(f, "images/photo.jpg", p, len);
	put_bytes(f, "images/a..b.jpg", p, len);
	free(p);

	refused(f, arena_printf(&f->a, "%s/images/photo.jpg", f->content), "is absolute");
	refused(f, "//example.com/photo.jpg", "is absolute");
	refused(f, "../outside/secret.jpg", "'..'");
	refused(f, "images/../../outside/secret.jpg", "'..'");
	refused(f, "images/..", "'..'");
	refused(f, "https://example.com/photo.jpg", "is a URL");
	refused(f, "file:///etc/passwd", "is a URL");
	refused(f, "", "empty image path");

	/* a link to a file outside, and a linked folder */
	assert_int_equal(symlink(arena_printf(&f->a, "%s/outside/secret.jpg", f->root),
	    arena_printf(&f->a, "%s/images/link.jpg", f->content)), 0);
	assert_int_equal(symlink("../outside", arena_printf(&f->a, "%s/album", f->content)), 0);
	refused(f, "images/link.jpg", "outside the content folder");
	refused(f, "album/secret.jpg", "outside the content folder");

	/* links that stay inside, and ".." inside a name, are fine */
	assert_int_equal(symlink("photo.jpg", arena_printf(&f->a, "%s/images/alias.jpg", f->content)), 0);
	diag_release(&f->d);
	diag_init(&f->d);
	assert_int_equal(image_load(&f->a, f->content, "images/alias.jpg", &im, &f->d, f->at), 0);
	image_release(&im);
	assert_int_equal(image_load(&f->a, f->content, "images/a..b.jpg", &im, &f->d, f->at), 0);
	image_release(&im);
	assert_int_equal(image_load(&f->a, f->content, "./images/photo.jpg", &im, &f->d, f->at), 0);
	image_release(&im);
	assert_int_equal(f->d.n, 0);
}

static void
missing_and_odd_files_are_refused(void **state)
{
	struct fixture *f = *state;

	refused(f, "images/nope.jpg", "not found");
	refused(f, "nofolder/nope.jpg", "not found");
	refused(f, "images", "is not a file");
	refused(f, ".", "is not a file");
	put_bytes(f, "images/notes.jpg", "just some text\n", 15);
	refused(f, "images/notes.jpg", "neither JPEG nor PNG");
	put_bytes(f, "images/empty.jpg", "", 0);
	refused(f, "images/empty.jpg", "neither JPEG nor PNG");
}

static void
damaged_jpegs_give_errors(void **state)
{
	struct fixture *f = *state;
	unsigned char *p, *q;
	size_t len, i;

	p = slurp(SAMPLES "/images/kuhnavardi.jpg", &len);
	/* cut in half: no EOI */
	put_bytes(f, "images/half.jpg", p, len / 2);
	refused(f, "images/half.jpg", "not a whole JPEG");
	/* cut in the headers */
	put_bytes(f, "images/head.jpg", p, 40);
	refused(f, "images/head.jpg", "not a whole JPEG");
	/* cut in half, but closed with EOI: libjpeg finds the scan short */
	q = malloc(len / 2 + 2);
	memcpy(q, p, len / 2);
	q[len / 2] = 0xFF;
	q[len / 2 + 1] = 0xD9;
	put_bytes(f, "images/closed.jpg", q, len / 2 + 2);
	free(q);
	refused_on_load(f, "images/closed.jpg", "is damaged (libjpeg:");
	/* image_check() reads no scan, so it cannot see that */
	{
		struct image im;

		diag_release(&f->d);
		diag_init(&f->d);
		assert_int_equal(image_check(&f->a, f->content, "images/closed.jpg",
		    &im, &f->d, f->at), 0);
		assert_int_equal(f->d.n, 0);
	}
	/* a frame header libjpeg refuses (12-bit samples): its error_exit */
	for (i = 2; i + 4 < len && !(p[i] == 0xFF && p[i + 1] == 0xC0); i++)
		;
	assert_true(i + 4 < len);
	p[i + 4] = 12;
	put_bytes(f, "images/precision.jpg", p, len);
	refused(f, "images/precision.jpg", "Unsupported JPEG data precision 12");
	free(p);
}

static void
giants_are_refused_before_decoding(void **state)
{
	struct fixture *f = *state;
	unsigned char *p, png[64];
	size_t len, i, pl;

	p = make_rgb_jpeg(16, 16, &len);
	for (i = 2; i + 8 < len && !(p[i] == 0xFF && p[i + 1] == 0xC0); i++)
		;
	assert_true(i + 8 < len);
	/* SOF0: FF C0, length, precision, height, width */
	p[i + 5] = 10000 >> 8;
	p[i + 6] = 10000 & 0xFF;
	p[i + 7] = 10000 >> 8;
	p[i + 8] = 10000 & 0xFF;
	put_bytes(f, "images/huge.jpg", p, len);
	refused(f, "images/huge.jpg", "more than the limit of 40 megapixels");
	/* few pixels, but wider than Cairo allows */
	p[i + 5] = 0;
	p[i + 6] = 10;
	p[i + 7] = 40000 >> 8;
	p[i + 8] = 40000 & 0xFF;
	put_bytes(f, "images/wide.jpg", p, len);
	refused(f, "images/wide.jpg", "40000x10 pixels");
	free(p);

	put_png(f, "images/huge.png", 4, 4);
	p = slurp(arena_printf(&f->a, "%s/images/huge.png", f->content), &len);
	pl = len < sizeof png ? len : sizeof png;
	memcpy(png, p, pl);
	png[16] = 0;	/* width 20000 */
	png[17] = 0;
	png[18] = 20000 >> 8;
	png[19] = 20000 & 0xFF;
	memcpy(png + 20, png + 16, 4);
	put_bytes(f, "images/huge.png", png, pl);
	free(p);
	refused(f, "images/huge.png", "20000x20000 pixels");
}

/* --- PNG -------------------------------------------------------------------------- */

static void
png_loads_without_jpeg_bytes(void **state)
{
	static const unsigned char red[3] = { 255, 0, 0 }, sky[3] = { 127, 127, 255 };
	struct fixture *f = *state;
	const unsigned char *bytes, *mime;
	unsigned long mime_len;
	unsigned char *px, *p;
	int w, h, cs;
	struct image im;
	size_t len;

	put_png(f, "images/chart.png", 20, 10);
	assert_int_equal(image_load(&f->a, f->content, "images/chart.png", &im, &f->d, f->at), 0);
	assert_int_equal(im.kind, IMAGE_PNG);
	assert_null(im.jpeg);
	assert_int_equal(im.components, 0);
	assert_int_equal(im.width, 20);
	assert_int_equal(im.height, 10);
	assert_int_equal(cairo_image_surface_get_format(im.surface), CAIRO_FORMAT_ARGB32);
	assert_int_equal(pixel(im.surface, 2, 2), 0xFFFF0000u);
	assert_int_equal(pixel(im.surface, 15, 2) >> 24, 0x80);
	cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_JPEG, &mime, &mime_len);
	assert_null(mime);
	/* Cairo attaches the PNG file itself; it must not travel on */
	cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_PNG, &mime, &mime_len);
	assert_null(mime);
	cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_UNIQUE_ID, &mime, &mime_len);
	assert_non_null(mime);

	/* as a JPEG for the site: transparency laid on white */
	assert_int_equal(image_encode_jpeg(&f->a, &im, 10, 90, &bytes, &len, &f->d, f->at), 0);
	px = decode_rgb(bytes, len, &w, &h, &cs);
	assert_non_null(px);
	assert_int_equal(w, 10);
	assert_int_equal(h, 5);
	assert_rgb(0xFF000000u | (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2], red);
	assert_rgb(0xFF000000u | (uint32_t)px[27] << 16 | (uint32_t)px[28] << 8 | px[29], sky);
	free(px);
	image_release(&im);

	/* the bytes decide: a PNG named .jpg is a PNG */
	p = slurp(arena_printf(&f->a, "%s/images/chart.png", f->content), &len);
	put_bytes(f, "images/chart.jpg", p, len);
	assert_int_equal(image_load(&f->a, f->content, "images/chart.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(im.kind, IMAGE_PNG);
	image_release(&im);
	/* a truncated PNG is an error, not a crash */
	put_bytes(f, "images/cut.png", p, len - 20);
	free(p);
	/* image_check() reads the header only: a cut PNG passes it */
	refused_on_load(f, "images/cut.png", "cannot be read as PNG");
}

/* --- resizing and writing -------------------------------------------------------- */

static void
resize_averages_and_keeps_aspect(void **state)
{
	struct fixture *f = *state;
	cairo_surface_t *s;
	const unsigned char *bytes, *mime;
	unsigned long mime_len;
	unsigned char *px;
	int w, h, cs, x, y;
	struct image im;
	size_t len;

	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(image_encode_jpeg(&f->a, &im, 600, 80, &bytes, &len, &f->d, f->at), 0);
	assert_clean_segments(bytes, len);
	assert_false(HAS(bytes, len, "Exif"));
	px = decode_rgb(bytes, len, &w, &h, &cs);
	assert_non_null(px);
	assert_int_equal(w, 600);
	assert_int_equal(h, 400);
	free(px);
	/* never wider than the original */
	assert_int_equal(image_encode_jpeg(&f->a, &im, 5000, 80, &bytes, &len, &f->d, f->at), 0);
	px = decode_rgb(bytes, len, &w, &h, &cs);
	assert_int_equal(w, 1200);
	assert_int_equal(h, 800);
	free(px);
	/* encoding leaves the surface's JPEG for the PDF in place */
	cairo_surface_get_mime_data(im.surface, CAIRO_MIME_TYPE_JPEG, &mime, &mime_len);
	assert_int_equal(mime_len, im.jpeg_len);
	image_release(&im);

	/* one-pixel black and white stripes shrink to grey, not to one of them */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 16);
	cairo_surface_flush(s);
	for (y = 0; y < 16; y++)
		for (x = 0; x < 64; x++)
			((uint32_t *)(void *)(cairo_image_surface_get_data(s) +
			    y * cairo_image_surface_get_stride(s)))[x] = x % 2 ? 0xFFFFFF : 0;
	cairo_surface_mark_dirty(s);
	assert_int_equal(cairo_surface_write_to_png(s,
	    arena_printf(&f->a, "%s/images/stripes.png", f->content)), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	assert_int_equal(image_load(&f->a, f->content, "images/stripes.png", &im, &f->d, f->at), 0);
	assert_int_equal(image_encode_jpeg(&f->a, &im, 16, 95, &bytes, &len, &f->d, f->at), 0);
	px = decode_rgb(bytes, len, &w, &h, &cs);
	assert_int_equal(w, 16);
	assert_int_equal(h, 4);
	for (x = 0; x < w * h * 3; x++)
		if (abs(px[x] - 128) > 8)
			fail_msg("byte %d is %d, not mid grey", x, px[x]);
	free(px);
	/* 4.92 stripes per pixel: partly covered columns count in part */
	assert_int_equal(image_encode_jpeg(&f->a, &im, 13, 95, &bytes, &len, &f->d, f->at), 0);
	px = decode_rgb(bytes, len, &w, &h, &cs);
	assert_int_equal(w, 13);
	assert_int_equal(h, 3);
	for (x = 0; x < w * h * 3; x++)
		if (abs(px[x] - 128) > 30)
			fail_msg("byte %d is %d, not grey", x, px[x]);
	free(px);
	image_release(&im);
}

static void
write_jpeg_and_png_files(void **state)
{
	struct fixture *f = *state;
	char *out = arena_printf(&f->a, "%s/site", f->root);
	char *path = arena_printf(&f->a, "%s/kuhnavardi-480.jpg", out);
	unsigned char *p, *px;
	cairo_surface_t *s;
	struct image im;
	int w, h, cs;
	size_t len;

	mkdir(out, 0755);
	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &im, &f->d, f->at), 0);
	assert_int_equal(image_write_jpeg(&im, 480, 82, path, "site/kuhnavardi-480.jpg", &f->d), 0);
	p = slurp(path, &len);
	assert_clean_segments(p, len);
	assert_false(HAS(p, len, "Exif"));
	px = decode_rgb(p, len, &w, &h, &cs);
	assert_int_equal(w, 480);
	assert_int_equal(h, 320);
	free(px);
	free(p);

	path = arena_printf(&f->a, "%s/kuhnavardi.png", out);
	assert_int_equal(image_write_png(&im, path, "site/kuhnavardi.png", &f->d), 0);
	s = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 1200);
	cairo_surface_destroy(s);
	assert_int_equal(f->d.n, 0);

	/* a folder that is not there: an error naming the output */
	path = arena_printf(&f->a, "%s/missing/x.jpg", out);
	assert_int_equal(image_write_jpeg(&im, 100, 80, path, "site/missing/x.jpg", &f->d), -1);
	assert_int_equal(f->d.n, 1);
	assert_string_equal(f->d.v[0].file, "site/missing/x.jpg");
	path = arena_printf(&f->a, "%s/missing/x.png", out);
	assert_int_equal(image_write_png(&im, path, "site/missing/x.png", &f->d), -1);
	assert_int_equal(f->d.n, 2);
	image_release(&im);
}

static void
release_is_safe_twice(void **state)
{
	struct fixture *f = *state;
	struct image im;

	memset(&im, 0, sizeof im);
	image_release(&im);
	assert_int_equal(image_load(&f->a, SAMPLES, "images/khayati.jpg", &im, &f->d, f->at), 0);
	image_release(&im);
	assert_null(im.surface);
	image_release(&im);
}

static void
unique_ids_follow_the_bytes(void **state)
{
	struct fixture *f = *state;
	struct image a, b, c;

	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &a, &f->d, f->at), 0);
	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &b, &f->d, f->at), 0);
	assert_int_equal(image_load(&f->a, SAMPLES, "images/khayati.jpg", &c, &f->d, f->at), 0);
	assert_string_equal(a.unique_id, b.unique_id);
	assert_string_not_equal(a.unique_id, c.unique_id);
	image_release(&a);
	image_release(&b);
	image_release(&c);
}

/* --- into a PDF ---------------------------------------------------------------- */

struct membuf {
	unsigned char *p;
	size_t len, cap;
};

static cairo_status_t
membuf_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct membuf *m = closure;

	if (m->len + n > m->cap) {
		m->cap = (m->len + n) * 2;
		m->p = realloc(m->p, m->cap);
		if (m->p == NULL)
			return CAIRO_STATUS_NO_MEMORY;
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Draws im at x_pt, y_pt, width_pt wide, as the booklet will. */
static void
draw_image(cairo_t *cr, const struct image *im, double x_pt, double y_pt, double width_pt)
{
	double scale = width_pt / im->width;

	cairo_save(cr);
	cairo_translate(cr, x_pt, y_pt);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, im->surface, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(cr, 0, 0, im->width, im->height);
	cairo_fill(cr);
	cairo_restore(cr);
}

static size_t
count(const unsigned char *p, size_t len, const char *s)
{
	size_t i, n = 0, sl = strlen(s);

	for (i = 0; sl <= len && i <= len - sl; i++)
		if (memcmp(p + i, s, sl) == 0)
			n++;
	return n;
}

static void
pdf_embeds_the_stripped_jpeg_once(void **state)
{
	struct fixture *f = *state;
	static const unsigned char cyan[4][4] = {
		{ 0, 255, 255, 255 }, { 0, 255, 255, 255 }, { 0, 255, 255, 255 },
		{ 0, 255, 255, 255 },
	};
	struct membuf m = { NULL, 0, 0 };
	const unsigned char *jpeg;
	cairo_surface_t *pdf;
	size_t jpeg_len, len;
	unsigned char *p;
	struct image im;
	cairo_t *cr;

	assert_int_equal(image_load(&f->a, SAMPLES, "images/kuhnavardi.jpg", &im, &f->d, f->at), 0);
	jpeg = im.jpeg;		/* lives as long as f->a */
	jpeg_len = im.jpeg_len;
	pdf = cairo_pdf_surface_create_for_stream(membuf_write, &m, 420, 595);
	cr = cairo_create(pdf);
	draw_image(cr, &im, 36, 36, 348);
	cairo_show_page(cr);
	draw_image(cr, &im, 36, 100, 200);
	cairo_show_page(cr);
	cairo_destroy(cr);
	/* the struct may go before the PDF is finished: Cairo holds its own */
	image_release(&im);
	cairo_surface_finish(pdf);
	assert_int_equal(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(pdf);

	assert_int_equal(count(m.p, m.len, "/DCTDecode"), 1);
	assert_true(contains(m.p, m.len, jpeg, jpeg_len));
	assert_false(HAS(m.p, m.len, "Exif"));
	assert_false(HAS(m.p, m.len, "ExamplePhone"));
	assert_true(m.len < 60000);	/* the JPEG, not Flate of raw pixels */
	assert_true(HAS(m.p, m.len, "/DeviceRGB"));
	free(m.p);

	/* a CMYK photo goes in as RGB, not as a negative */
	p = make_jpeg(16, 16, JCS_CMYK, 4, JCS_CMYK, cyan, &len);
	put_bytes(f, "images/cmyk.jpg", p, len);
	free(p);
	assert_int_equal(image_load(&f->a, f->content, "images/cmyk.jpg", &im, &f->d, f->at), 0);
	memset(&m, 0, sizeof m);
	pdf = cairo_pdf_surface_create_for_stream(membuf_write, &m, 100, 100);
	cr = cairo_create(pdf);
	draw_image(cr, &im, 10, 10, 80);
	cairo_destroy(cr);
	cairo_surface_destroy(pdf);
	image_release(&im);
	assert_int_equal(count(m.p, m.len, "/DCTDecode"), 1);
	assert_false(HAS(m.p, m.len, "/DeviceCMYK"));
	free(m.p);
}

/* image_check() measures what image_load() loads, upright, with no pixels. */
static void
check_measures_without_pixels(void **state)
{
	static const int orientations[] = { 1, 3, 6, 8 };
	struct fixture *f = *state;
	unsigned char body[64], *p;
	struct image im, ch;
	size_t len, n, i;
	const char *name;

	for (i = 0; i < sizeof orientations / sizeof orientations[0]; i++) {
		p = make_rgb_jpeg(32, 16, &len);
		n = exif_body(body, orientations[i], 1);
		splice_in(&p, &len, 0xE1, body, n);
		name = arena_printf(&f->a, "images/o%d.jpg", orientations[i]);
		put_bytes(f, name, p, len);
		free(p);
		assert_int_equal(image_load(&f->a, f->content, name, &im, &f->d, f->at), 0);
		assert_int_equal(image_check(&f->a, f->content, name, &ch, &f->d, f->at), 0);
		assert_int_equal(ch.kind, IMAGE_JPEG);
		assert_int_equal(ch.width, im.width);
		assert_int_equal(ch.height, im.height);
		assert_int_equal(ch.orientation, im.orientation);
		assert_null(ch.surface);
		assert_null(ch.jpeg);
		image_release(&im);
		image_release(&ch);
	}
	put_png(f, "images/p.png", 7, 5);
	assert_int_equal(image_check(&f->a, f->content, "images/p.png", &ch, &f->d, f->at), 0);
	assert_int_equal(ch.kind, IMAGE_PNG);
	assert_int_equal(ch.width, 7);
	assert_int_equal(ch.height, 5);
	assert_int_equal(f->d.n, 0);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(sample_photos_load_upright_and_clean),
		T(gps_is_gone_and_pixels_stay),
		T(camera_fields_are_gone),
		T(clean_photo_passes_unchanged),
		T(every_metadata_segment_goes),
		T(progressive_and_restart_streams_pass_through),
		T(orientation_6_turns_clockwise),
		T(every_orientation_comes_upright),
		T(cmyk_rgb_and_grey_are_converted),
		T(paths_outside_content_are_refused),
		T(missing_and_odd_files_are_refused),
		T(damaged_jpegs_give_errors),
		T(giants_are_refused_before_decoding),
		T(png_loads_without_jpeg_bytes),
		T(resize_averages_and_keeps_aspect),
		T(write_jpeg_and_png_files),
		T(release_is_safe_twice),
		T(unique_ids_follow_the_bytes),
		T(pdf_embeds_the_stripped_jpeg_once),
		T(check_measures_without_pixels),
	};

	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
