/* image.c - content images: safe paths, upright pixels, JPEG bytes without EXIF/GPS, resized copies. */
#define _XOPEN_SOURCE 700	/* realpath() */

#include <sys/stat.h>
#include <sys/types.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <jerror.h>
#include <libexif/exif-data.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "image.h"

#ifndef JCS_EXTENSIONS
#error "daftar needs libjpeg-turbo: it decodes straight into Cairo's pixel order (JCS_EXT_BGRX)"
#endif

/* A progressive JPEG needs a dozen scans; a crafted one with thousands
 * takes minutes to decode, so libjpeg-turbo advises a cap. */
#define MAX_SCANS	500

/* The quality of a JPEG encoded again: turned upright, or CMYK made RGB. */
#define REENCODE_QUALITY	90

/* libjpeg warnings that mean the compressed data is damaged: the decoder
 * goes on and paints grey or smeared blocks, which must not be printed. */
static const int damage_codes[] = {
	JWRN_BOGUS_PROGRESSION, JWRN_HIT_MARKER, JWRN_HUFF_BAD_CODE,
	JWRN_JPEG_EOF, JWRN_MUST_RESYNC, JWRN_NOT_SEQUENTIAL,
#ifdef D_ARITH_CODING_SUPPORTED
	JWRN_ARITH_BAD_CODE,
#endif
};

/* --- paths ---------------------------------------------------------------- */

/* "https://", "file:" ...: RFC 3986 scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":",
 * before any "/". */
static int
has_scheme(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	/* "c:" alone is a drive letter or a file name, not a URL */
	return *p == ':' && (p[1] == '/' || p - s > 1);
}

/* True when one of the '/'-separated parts of s is "..": "a..b.jpg" is a
 * fine file name. */
static int
has_dotdot(const char *s)
{
	const char *p = s;

	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

/* The checks that need no file system: what the author wrote. */
static int
check_spelling(const char *relpath, struct diags *d, struct pos at)
{
	if (relpath[0] == '\0')
		return diag_error(d, at, "empty image path — write the path of an image in the content folder, such as images/photo.jpg");
	if (has_scheme(relpath))
		return diag_error(d, at, "image '%s' is a URL: only images inside the content folder are published — download it into content/images/ and write images/NAME",
		    relpath);
	if (relpath[0] == '/' || relpath[0] == '\\')
		return diag_error(d, at, "image path '%s' is absolute — write it relative to the content folder, such as images/photo.jpg",
		    relpath);
	if (has_dotdot(relpath))
		return diag_error(d, at, "image path '%s' climbs out with '..' — move the image into content/images/ and write images/NAME",
		    relpath);
	return 0;
}

/*
 * Resolves content_dir/relpath with realpath(), so that symbolic links are
 * followed, and insists the result is inside content_dir: a link in the
 * content folder must not publish ~/.ssh or another project's photos.
 * Returns the resolved path, living as long as a, or NULL with an error.
 */
static char *
resolve(struct arena *a, const char *content_dir, const char *relpath,
    struct diags *d, struct pos at)
{
	char *root, *full, *real, *kept;
	size_t n;
	int e;

	if ((root = realpath(content_dir, NULL)) == NULL) {
		diag_error(d, at, "cannot find the content folder '%s': %s", content_dir,
		    strerror(errno));
		return NULL;
	}
	full = arena_printf(a, "%s/%s", content_dir, relpath);
	if ((real = realpath(full, NULL)) == NULL) {
		e = errno;
		free(root);
		if (e == ENOENT || e == ENOTDIR)
			diag_error(d, at, "image '%s' not found in the content folder — check the name (letter case counts) or add the file",
			    relpath);
		else
			diag_error(d, at, "cannot open image '%s': %s", relpath, strerror(e));
		return NULL;
	}
	n = strlen(root);
	/* root "/" is its own prefix with the slash */
	if (n == 1)
		n = 0;
	/* the folder itself passes, to be refused as "not a file" */
	if (strncmp(real, root, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		free(root);
		free(real);
		diag_error(d, at, "image '%s' is a link to a file outside the content folder — copy the image into content/images/ instead of linking it",
		    relpath);
		return NULL;
	}
	kept = arena_strdup(a, real);
	free(root);
	free(real);
	return kept;
}

/* Reads the whole file at path into memory the caller frees: not into the
 * arena, which keeps only the stripped copy.  Returns NULL with an error. */
static unsigned char *
read_all(const char *path, const char *relpath, size_t *len, struct diags *d,
    struct pos at)
{
	struct stat st;
	unsigned char *p;
	size_t n = 0;
	ssize_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_error(d, at, "cannot open image '%s': %s", relpath, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		diag_error(d, at, "image '%s' is not a file — give the path of a .jpg or .png file",
		    relpath);
		return NULL;
	}
	if ((unsigned long long)st.st_size > IMAGE_MAX_BYTES) {
		close(fd);
		diag_error(d, at, "image '%s' is %lld bytes, more than the limit of %lu — save it smaller (a 3000-pixel JPEG at quality 85 is about 1 MB)",
		    relpath, (long long)st.st_size, IMAGE_MAX_BYTES);
		return NULL;
	}
	if ((p = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		diag_error(d, at, "not enough memory to read image '%s'", relpath);
		return NULL;
	}
	while (n < (size_t)st.st_size) {
		if ((got = read(fd, p + n, (size_t)st.st_size - n)) > 0)
			n += (size_t)got;
		else if (got == 0 || errno != EINTR)
			break;
	}
	if (n < (size_t)st.st_size) {
		close(fd);
		free(p);
		diag_error(d, at, "cannot read image '%s': %s", relpath,
		    got < 0 ? strerror(errno) : "it got shorter while being read");
		return NULL;
	}
	close(fd);
	*len = n;
	return p;
}

/* --- JPEG segments ---------------------------------------------------------- */

/* Where the entropy-coded data that starts at p[i] ends: at the first 0xFF
 * that is neither a stuffed 0xFF00 nor a restart marker 0xFFD0-D7. */
static size_t
entropy_end(const unsigned char *p, size_t len, size_t i)
{
	for (; i + 1 < len; i++)
		if (p[i] == 0xFF && p[i + 1] != 0x00 &&
		    !(p[i + 1] >= 0xD0 && p[i + 1] <= 0xD7))
			return i;
	return len;
}

/* Appends segment m with body b[0..n) to q at *at. */
static void
put_segment(unsigned char *q, size_t *at, int m, const unsigned char *b, size_t n)
{
	q[(*at)++] = 0xFF;
	q[(*at)++] = (unsigned char)m;
	q[(*at)++] = (unsigned char)((n + 2) >> 8);
	q[(*at)++] = (unsigned char)((n + 2) & 0xFF);
	memcpy(q + *at, b, n);
	*at += n;
}

/*
 * Copies segment m (body b[0..n)) to q if a decoder needs it.  APPn and COM
 * carry EXIF, GPS, XMP, IPTC, ICC and comments: all go, except APP0 JFIF,
 * cut to its 14-byte header (its thumbnail may show what a crop hid), and
 * APP14 Adobe, whose transform flag tells RGB from YCbCr and CMYK from YCCK.
 */
static void
keep_segment(unsigned char *q, size_t *at, int m, const unsigned char *b, size_t n)
{
	unsigned char jfif[14];

	if (m == 0xE0) {
		if (n < 14 || memcmp(b, "JFIF", 5) != 0)
			return;
		memcpy(jfif, b, 12);
		jfif[12] = jfif[13] = 0;	/* no thumbnail */
		put_segment(q, at, m, jfif, sizeof jfif);
	} else if (m == 0xEE) {
		if (n >= 12 && memcmp(b, "Adobe", 5) == 0)
			put_segment(q, at, m, b, 12);
	} else if (m < 0xE0 || (m > 0xEF && m != 0xFE)) {
		put_segment(q, at, m, b, n);
	}
}

/*
 * Copies the JPEG p[0..len) into a without the segments keep_segment()
 * drops and without anything after EOI (phones append depth maps and
 * videos there).  Sets *exif to the first "Exif\0\0" APP1 body in p, or
 * NULL.  Returns the new length, or 0 when the stream is cut short (no EOI)
 * or a segment runs past the end.
 */
static size_t
strip_jpeg(struct arena *a, const unsigned char *p, size_t len,
    unsigned char **out, const unsigned char **exif, size_t *exif_len)
{
	unsigned char *q;
	size_t i = 2, n = 0, seg, end;
	int m;

	*exif = NULL;
	*exif_len = 0;
	if (len < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return 0;
	*out = q = arena_alloc(a, len);
	q[n++] = 0xFF;
	q[n++] = 0xD8;
	for (;;) {
		/* stray bytes between segments mean nothing to a decoder: drop
		 * them, and the 0xFF fill bytes before a marker */
		while (i < len && p[i] != 0xFF)
			i++;
		while (i < len && p[i] == 0xFF)
			i++;
		if (i >= len)
			return 0;
		m = p[i++];
		if (m == 0xD9) {
			q[n++] = 0xFF;
			q[n++] = 0xD9;
			return n;
		}
		if (m == 0x00)
			continue;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			q[n++] = 0xFF;
			q[n++] = (unsigned char)m;
			continue;
		}
		if (i + 2 > len)
			return 0;
		seg = (size_t)p[i] << 8 | p[i + 1];
		if (seg < 2 || seg > len - i)
			return 0;
		if (m == 0xE1 && *exif == NULL && seg >= 8 &&
		    memcmp(p + i + 2, "Exif\0\0", 6) == 0) {
			*exif = p + i + 2;
			*exif_len = seg - 2;
		}
		keep_segment(q, &n, m, p + i + 2, seg - 2);
		i += seg;
		if (m == 0xDA) {
			end = entropy_end(p, len, i);
			memcpy(q + n, p + i, end - i);
			n += end - i;
			i = end;
		}
	}
}

/* The EXIF Orientation (1-8) in an APP1 body, 1 when absent or odd. */
static int
orientation_of(const unsigned char *app1, size_t len)
{
	ExifData *ed = exif_data_new();
	ExifEntry *e;
	int o = 1;

	if (ed == NULL)
		return 1;
	/* read only: without this libexif "fixes" the data, adding entries */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, app1, (unsigned int)len);
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	if (e != NULL && e->format == EXIF_FORMAT_SHORT && e->components == 1 &&
	    e->size >= 2)
		o = exif_get_short(e->data, exif_data_get_byte_order(ed));
	exif_data_unref(ed);
	return o >= 1 && o <= 8 ? o : 1;
}

/* --- libjpeg ------------------------------------------------------------------ */

/* libjpeg reports through this: a fatal error, or a warning that the data
 * is damaged, jumps back to the function that set back. */
struct jerr {
	struct jpeg_error_mgr mgr;	/* first: libjpeg hands back its address */
	jmp_buf back;
	char msg[JMSG_LENGTH_MAX];	/* what libjpeg said */
};

static void
jerr_exit(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)(void *)c->err;

	/* libjpeg's own error_exit() calls exit(): return to the caller */
	c->err->format_message(c, e->msg);
	longjmp(e->back, 1);
}

static void
jerr_emit(j_common_ptr c, int level)
{
	size_t i;

	/* level -1 is a warning; others are traces, never printed */
	if (level != -1)
		return;
	for (i = 0; i < sizeof damage_codes / sizeof damage_codes[0]; i++)
		if (c->err->msg_code == damage_codes[i])
			jerr_exit(c);
}

static void
scan_limit(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)(void *)c->err;

	if (c->is_decompressor &&
	    ((j_decompress_ptr)(void *)c)->input_scan_number > MAX_SCANS) {
		snprintf(e->msg, sizeof e->msg, "more than %d progressive scans", MAX_SCANS);
		longjmp(e->back, 1);
	}
}

static void
jerr_init(struct jerr *e)
{
	jpeg_std_error(&e->mgr);
	e->mgr.error_exit = jerr_exit;
	e->mgr.emit_message = jerr_emit;
	e->msg[0] = '\0';
}

static int
too_big(unsigned long w, unsigned long h)
{
	return w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (unsigned long long)w * h > (unsigned long long)IMAGE_MAX_PIXELS;
}

static int
too_big_error(const char *relpath, unsigned long w, unsigned long h,
    struct diags *d, struct pos at)
{
	return diag_error(d, at, "image '%s' is %lux%lu pixels, more than the limit of %ld megapixels and %d a side — scale it down (3000 pixels across is plenty for print)",
	    relpath, w, h, IMAGE_MAX_PIXELS / 1000000, IMAGE_MAX_SIDE);
}

enum decoded {
	DECODED,
	DECODE_FAILED,		/* libjpeg's words in err.msg */
	DECODE_TOO_BIG,
	DECODE_NO_MEMORY,
	DECODE__MAX
};

/* One JPEG decoding; cleaned up by the caller whatever run_decode() returns. */
struct decode {
	struct jpeg_decompress_struct cinfo;
	struct jerr err;
	struct jpeg_progress_mgr progress;
	cairo_surface_t *surface;	/* being filled; owned */
	unsigned char *cmyk;		/* one CMYK scanline; malloc'd */
	unsigned long width, height;	/* from the frame header */
	int components;
};

/* RGB24 is a native-endian 0x00RRGGBB word: bytes B G R X on little-endian
 * machines, X R G B on big-endian ones. */
static J_COLOR_SPACE
pixel_order(void)
{
	const uint32_t one = 1;

	return *(const unsigned char *)&one == 1 ? JCS_EXT_BGRX : JCS_EXT_XRGB;
}

/* libjpeg cannot turn CMYK into RGB, so do it here, naively (no ICC
 * profile).  Photoshop writes Adobe CMYK inverted, 255 meaning no ink. */
static void
cmyk_to_rgb24(const unsigned char *s, uint32_t *px, unsigned long w, int inverted)
{
	unsigned long x;
	unsigned c, m, y, k;

	for (x = 0; x < w; x++, s += 4) {
		c = inverted ? s[0] : 255u - s[0];
		m = inverted ? s[1] : 255u - s[1];
		y = inverted ? s[2] : 255u - s[2];
		k = inverted ? s[3] : 255u - s[3];
		px[x] = (c * k / 255u) << 16 | (m * k / 255u) << 8 | (y * k / 255u);
	}
}

static void
read_rows(struct decode *j, int cmyk)
{
	struct jpeg_decompress_struct *ci = &j->cinfo;
	unsigned char *data = cairo_image_surface_get_data(j->surface);
	int stride = cairo_image_surface_get_stride(j->surface);
	unsigned char *dst;
	JSAMPROW row;

	while (ci->output_scanline < ci->output_height) {
		dst = data + (size_t)ci->output_scanline * (size_t)stride;
		row = cmyk ? j->cmyk : dst;
		/* the memory source never suspends: 0 rows is an error that
		 * jpeg_finish_decompress() reports */
		if (jpeg_read_scanlines(ci, &row, 1) != 1)
			return;
		if (cmyk)
			cmyk_to_rgb24(j->cmyk, (uint32_t *)(void *)dst, ci->output_width,
			    ci->saw_Adobe_marker);
	}
}

static enum decoded
run_decode(struct decode *j, const unsigned char *p, size_t len)
{
	struct jpeg_decompress_struct *ci = &j->cinfo;
	int cmyk;

	if (setjmp(j->err.back))
		return DECODE_FAILED;
	jpeg_create_decompress(ci);
	ci->progress = &j->progress;
	jpeg_mem_src(ci, p, (unsigned long)len);
	jpeg_read_header(ci, TRUE);
	j->width = ci->image_width;
	j->height = ci->image_height;
	j->components = ci->num_components;
	if (too_big(j->width, j->height))
		return DECODE_TOO_BIG;
	cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
	ci->out_color_space = cmyk ? JCS_CMYK : pixel_order();
	jpeg_start_decompress(ci);
	j->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)ci->output_width, (int)ci->output_height);
	if (cairo_surface_status(j->surface) != CAIRO_STATUS_SUCCESS)
		return DECODE_NO_MEMORY;
	if (cmyk && (j->cmyk = malloc((size_t)ci->output_width * 4)) == NULL)
		return DECODE_NO_MEMORY;
	cairo_surface_flush(j->surface);
	read_rows(j, cmyk);
	jpeg_finish_decompress(ci);
	cairo_surface_mark_dirty(j->surface);
	return DECODED;
}

/* --- turning and shrinking ------------------------------------------------ */

/* Where the pixel shown at (x, y) is stored in a w x h image with EXIF
 * orientation o, which says where the stored first row and column belong:
 * 6 means "turn 90 degrees clockwise to show", 8 counter-clockwise, 5 and 7
 * are those mirrored, 2 and 4 mirror, 3 turns half-way. */
static void
stored_at(int o, int x, int y, int w, int h, int *sx, int *sy)
{
	switch (o) {
	case 2: *sx = w - 1 - x; *sy = y; break;
	case 3: *sx = w - 1 - x; *sy = h - 1 - y; break;
	case 4: *sx = x; *sy = h - 1 - y; break;
	case 5: *sx = y; *sy = x; break;
	case 6: *sx = y; *sy = h - 1 - x; break;
	case 7: *sx = w - 1 - y; *sy = h - 1 - x; break;
	case 8: *sx = w - 1 - y; *sy = x; break;
	default: *sx = x; *sy = y; break;
	}
}

/* The upright copy of src for orientation o, or NULL without memory. */
static cairo_surface_t *
turn(cairo_surface_t *src, int o)
{
	int w = cairo_image_surface_get_width(src);
	int h = cairo_image_surface_get_height(src);
	int ow = o >= 5 ? h : w, oh = o >= 5 ? w : h;
	cairo_surface_t *dst;
	const unsigned char *s;
	unsigned char *t;
	int ss, ts, x, y, sx, sy;

	dst = cairo_image_surface_create(cairo_image_surface_get_format(src), ow, oh);
	if (cairo_surface_status(dst) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(dst);
		return NULL;
	}
	cairo_surface_flush(src);
	cairo_surface_flush(dst);
	s = cairo_image_surface_get_data(src);
	ss = cairo_image_surface_get_stride(src);
	t = cairo_image_surface_get_data(dst);
	ts = cairo_image_surface_get_stride(dst);
	for (y = 0; y < oh; y++)
		for (x = 0; x < ow; x++) {
			stored_at(o, x, y, w, h, &sx, &sy);
			((uint32_t *)(void *)(t + (size_t)y * ts))[x] =
			    ((const uint32_t *)(const void *)(s + (size_t)sy * ss))[sx];
		}
	cairo_surface_mark_dirty(dst);
	return dst;
}

/* Area averaging from a surface to RGB rows: each output pixel is the mean
 * of the source area it covers, pixels cut by its edge weighted by the part
 * inside.  A box filter, but without the aliasing of skipping pixels. */
struct shrink {
	const unsigned char *data;	/* the source pixels; borrowed */
	int stride;
	int alpha;			/* ARGB32: premultiplied, laid on white */
	int src_w, src_h, dst_w, dst_h;
	double fx, fy;			/* source pixels per output pixel */
	double *row;			/* one source row, shrunk across: dst_w * 3 */
	double *sum;			/* the output row being summed: dst_w * 3 */
};

static void
shrink_across(struct shrink *s, int y)
{
	const uint32_t *src = (const uint32_t *)(const void *)(s->data + (size_t)y * s->stride);
	double x0, x1, w, white;
	double *out;
	uint32_t px;
	int x, k;

	for (x = 0; x < s->dst_w; x++) {
		x0 = x * s->fx;
		x1 = (x + 1) * s->fx;
		out = s->row + 3 * x;
		out[0] = out[1] = out[2] = 0;
		for (k = (int)x0; k < x1 && k < s->src_w; k++) {
			w = (x1 < k + 1 ? x1 : k + 1) - (x0 > k ? x0 : k);
			px = src[k];
			white = s->alpha ? 255.0 - (px >> 24) : 0;
			out[0] += w * ((px >> 16 & 0xFF) + white);
			out[1] += w * ((px >> 8 & 0xFF) + white);
			out[2] += w * ((px & 0xFF) + white);
		}
	}
}

static void
shrink_line(struct shrink *s, int y, unsigned char *line)
{
	double y0 = y * s->fy, y1 = (y + 1) * s->fy, w, v;
	int k, i, n = s->dst_w * 3;

	memset(s->sum, 0, (size_t)n * sizeof *s->sum);
	for (k = (int)y0; k < y1 && k < s->src_h; k++) {
		w = (y1 < k + 1 ? y1 : k + 1) - (y0 > k ? y0 : k);
		shrink_across(s, k);
		for (i = 0; i < n; i++)
			s->sum[i] += w * s->row[i];
	}
	for (i = 0; i < n; i++) {
		v = s->sum[i] / (s->fx * s->fy) + 0.5;
		line[i] = v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)v;
	}
}

/* One JPEG encoding; cleaned up by the caller whatever run_encode() returns. */
struct encode {
	struct jpeg_compress_struct cinfo;
	struct jerr err;
	unsigned char *out;		/* from jpeg_mem_dest(); malloc'd */
	unsigned long len;
};

static int
run_encode(struct encode *e, struct shrink *s, unsigned char *line, int quality)
{
	struct jpeg_compress_struct *ci = &e->cinfo;
	JSAMPROW row = line;

	if (setjmp(e->err.back))
		return -1;
	jpeg_create_compress(ci);
	jpeg_mem_dest(ci, &e->out, &e->len);
	ci->image_width = (JDIMENSION)s->dst_w;
	ci->image_height = (JDIMENSION)s->dst_h;
	ci->input_components = 3;
	ci->in_color_space = JCS_RGB;
	jpeg_set_defaults(ci);
	jpeg_set_quality(ci, quality, TRUE);
	ci->optimize_coding = TRUE;
	/* JFIF only: libjpeg writes no EXIF, and no Adobe marker for YCbCr */
	jpeg_start_compress(ci, TRUE);
	while (ci->next_scanline < ci->image_height) {
		shrink_line(s, (int)ci->next_scanline, line);
		jpeg_write_scanlines(ci, &row, 1);
	}
	jpeg_finish_compress(ci);
	return 0;
}

/*
 * Encodes src shrunk to dst_w x dst_h as a JPEG living in a.  Returns 0, or
 * -1 with libjpeg's message in msg (JMSG_LENGTH_MAX bytes).
 */
static int
encode(struct arena *a, cairo_surface_t *src, int dst_w, int dst_h, int quality,
    const unsigned char **bytes, size_t *len, char *msg)
{
	struct shrink s;
	struct encode *e = arena_alloc(a, sizeof *e);
	unsigned char *line = arena_alloc(a, (size_t)dst_w * 3);
	int rc;

	/* no cairo_surface_flush(): it drops the mime data, and nothing ever
	 * draws on these surfaces, so their pixels are already in memory */
	s.data = cairo_image_surface_get_data(src);
	s.stride = cairo_image_surface_get_stride(src);
	s.alpha = cairo_image_surface_get_format(src) == CAIRO_FORMAT_ARGB32;
	s.src_w = cairo_image_surface_get_width(src);
	s.src_h = cairo_image_surface_get_height(src);
	s.dst_w = dst_w;
	s.dst_h = dst_h;
	s.fx = (double)s.src_w / dst_w;
	s.fy = (double)s.src_h / dst_h;
	s.row = arena_array(a, (size_t)dst_w * 3, sizeof *s.row);
	s.sum = arena_array(a, (size_t)dst_w * 3, sizeof *s.sum);
	jerr_init(&e->err);
	e->cinfo.err = &e->err.mgr;
	rc = run_encode(e, &s, line, quality);
	jpeg_destroy_compress(&e->cinfo);
	if (rc == 0) {
		*bytes = memcpy(arena_alloc(a, e->len), e->out, e->len);
		*len = e->len;
	} else {
		memcpy(msg, e->err.msg, JMSG_LENGTH_MAX);
	}
	free(e->out);
	return rc;
}

/* --- loading ---------------------------------------------------------------- */

/* Decodes the stripped stream p[0..len) into im->surface. */
static int
decode_jpeg(struct arena *a, const unsigned char *p, size_t len, struct image *im,
    struct diags *d, struct pos at)
{
	struct decode *j = arena_alloc(a, sizeof *j);
	enum decoded r;

	jerr_init(&j->err);
	j->cinfo.err = &j->err.mgr;
	j->progress.progress_monitor = scan_limit;
	r = run_decode(j, p, len);
	jpeg_destroy_decompress(&j->cinfo);
	free(j->cmyk);
	if (r != DECODED)
		cairo_surface_destroy(j->surface);
	switch (r) {
	case DECODED:
		im->surface = j->surface;
		im->components = j->components;
		return 0;
	case DECODE_TOO_BIG:
		return too_big_error(im->path, j->width, j->height, d, at);
	case DECODE_NO_MEMORY:
		return diag_error(d, at, "not enough memory for image '%s' (%lux%lu pixels) — scale it down",
		    im->path, j->width, j->height);
	default:
		return diag_error(d, at, "image '%s' is damaged (libjpeg: %s) — open it in an image editor and export it again",
		    im->path, j->err.msg);
	}
}

static int
load_jpeg(struct arena *a, const unsigned char *p, size_t len, struct image *im,
    struct diags *d, struct pos at)
{
	const unsigned char *exif;
	unsigned char *clean;
	cairo_surface_t *upright;
	char msg[JMSG_LENGTH_MAX];
	size_t clean_len, exif_len;

	im->kind = IMAGE_JPEG;
	if ((clean_len = strip_jpeg(a, p, len, &clean, &exif, &exif_len)) == 0)
		return diag_error(d, at, "image '%s' is not a whole JPEG: it ends early or a segment is broken — copy or export it again",
		    im->path);
	im->orientation = exif != NULL ? orientation_of(exif, exif_len) : 1;
	/* decode what will be published, so a stripping mistake shows here */
	if (decode_jpeg(a, clean, clean_len, im, d, at) != 0)
		return -1;
	/*
	 * Pass the stream through unless it must change.  CMYK must: Cairo
	 * 1.16 embeds it as /DeviceCMYK without the /Decode [1 0 ...] that
	 * Adobe's inverted CMYK needs, and Poppler and MuPDF then print a
	 * negative; browsers are no better.
	 */
	if (im->orientation == 1 && im->components != 4) {
		im->jpeg = clean;
		im->jpeg_len = clean_len;
		return 0;
	}
	if (im->orientation != 1) {
		if ((upright = turn(im->surface, im->orientation)) == NULL)
			return diag_error(d, at, "not enough memory to turn image '%s' upright — scale it down",
			    im->path);
		cairo_surface_destroy(im->surface);
		im->surface = upright;
	}
	im->components = 3;
	if (encode(a, im->surface, cairo_image_surface_get_width(im->surface),
	    cairo_image_surface_get_height(im->surface), REENCODE_QUALITY, &im->jpeg,
	    &im->jpeg_len, msg) != 0)
		return diag_error(d, at, "cannot encode image '%s' again (libjpeg: %s)", im->path, msg);
	return 0;
}

/* Cairo reads PNGs through a callback; this one serves bytes in memory. */
struct memory_source {
	const unsigned char *p;
	size_t len, off;
};

static cairo_status_t
read_from_memory(void *closure, unsigned char *data, unsigned int n)
{
	struct memory_source *s = closure;

	if (n > s->len - s->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->off, n);
	s->off += n;
	return CAIRO_STATUS_SUCCESS;
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* Cairo gives RGB24 or ARGB32 for 8-bit PNGs; newer Cairo keeps 16-bit
 * ones as float formats, which the resizer does not read: paint those
 * into ARGB32.  Returns NULL without memory. */
static cairo_surface_t *
as_argb32(cairo_surface_t *s)
{
	cairo_surface_t *t;
	cairo_t *cr;

	t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
	    cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
	cr = cairo_create(t);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (cairo_surface_status(t) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(t);
		return NULL;
	}
	return t;
}

static int
load_png(const unsigned char *p, size_t len, struct image *im, struct diags *d,
    struct pos at)
{
	struct memory_source src = { p, len, 0 };
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_format_t f;

	im->kind = IMAGE_PNG;
	/* refuse a giant from its header, before Cairo allocates its pixels */
	if (len < 24 || memcmp(p + 12, "IHDR", 4) != 0)
		return diag_error(d, at, "image '%s' is a damaged PNG (no header) — export it again",
		    im->path);
	if (too_big(be32(p + 16), be32(p + 20)))
		return too_big_error(im->path, be32(p + 16), be32(p + 20), d, at);
	s = cairo_image_surface_create_from_png_stream(read_from_memory, &src);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return diag_error(d, at, "image '%s' cannot be read as PNG (cairo: %s) — export it again",
		    im->path, cairo_status_to_string(st));
	}
	/* Cairo keeps the file as CAIRO_MIME_TYPE_PNG, which its SVG surface
	 * would embed with every text chunk in it: publish pixels only */
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_PNG, NULL, 0, NULL, NULL);
	f = cairo_image_surface_get_format(s);
	if (f != CAIRO_FORMAT_RGB24 && f != CAIRO_FORMAT_ARGB32 &&
	    (s = as_argb32(s)) == NULL)
		return diag_error(d, at, "not enough memory for image '%s'", im->path);
	im->surface = s;
	return 0;
}

/* FNV-1a, 64 bits: enough to tell a build's images apart. */
static unsigned long long
hash(const unsigned char *p, size_t len)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

/* Attaches a malloc'd copy of p[0..len) as mime data: Cairo may keep the
 * surface after the arena is gone, inside a PDF surface not yet finished. */
static int
attach(cairo_surface_t *s, const char *mime, const void *p, size_t len)
{
	void *copy = malloc(len);

	if (copy == NULL)
		return -1;
	memcpy(copy, p, len);
	if (cairo_surface_set_mime_data(s, mime, copy, len, free, copy) !=
	    CAIRO_STATUS_SUCCESS) {
		free(copy);
		return -1;
	}
	return 0;
}

static int
finish(struct arena *a, struct image *im, const unsigned char *file, size_t len,
    struct diags *d, struct pos at)
{
	const unsigned char *id_of = im->jpeg != NULL ? im->jpeg : file;
	size_t id_len = im->jpeg != NULL ? im->jpeg_len : len;

	im->width = cairo_image_surface_get_width(im->surface);
	im->height = cairo_image_surface_get_height(im->surface);
	im->unique_id = arena_printf(a, "daftar-%016llx", hash(id_of, id_len));
	if ((im->jpeg != NULL && attach(im->surface, CAIRO_MIME_TYPE_JPEG,
	    im->jpeg, im->jpeg_len) != 0) ||
	    attach(im->surface, CAIRO_MIME_TYPE_UNIQUE_ID, im->unique_id,
	    strlen(im->unique_id)) != 0)
		return diag_error(d, at, "not enough memory for image '%s'", im->path);
	return 0;
}

/* IMAGE_JPEG or IMAGE_PNG by the bytes, or -1 for neither: the bytes
 * decide, not the name, for "photo.png" may well be a JPEG. */
static int
kind_of(const unsigned char *p, size_t len)
{
	static const unsigned char png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return IMAGE_JPEG;
	if (len >= 8 && memcmp(p, png_magic, 8) == 0)
		return IMAGE_PNG;
	return -1;
}

static int
not_an_image(const char *relpath, struct diags *d, struct pos at)
{
	return diag_error(d, at, "image '%s' is neither JPEG nor PNG — save it as .jpg or .png (HEIC, WebP and GIF are not supported)",
	    relpath);
}


/* The frame header's size of the JPEG p[0..len), read by libjpeg without
 * decoding a scan: DECODED, DECODE_FAILED (err->msg says why) or
 * DECODE_TOO_BIG, with *w and *h set when the header was read. */
static enum decoded
read_jpeg_header(struct decode *j, const unsigned char *p, size_t len)
{
	struct jpeg_decompress_struct *ci = &j->cinfo;

	if (setjmp(j->err.back))
		return DECODE_FAILED;
	jpeg_create_decompress(ci);
	jpeg_mem_src(ci, p, (unsigned long)len);
	jpeg_read_header(ci, TRUE);
	j->width = ci->image_width;
	j->height = ci->image_height;
	return too_big(j->width, j->height) ? DECODE_TOO_BIG : DECODED;
}

/* image_load()'s JPEG checks up to the first scan: the stream's segments,
 * the EXIF orientation and the frame header. */
static int
check_jpeg(struct arena *a, const unsigned char *p, size_t len,
    struct image *im, struct diags *d, struct pos at)
{
	const unsigned char *exif;
	unsigned char *clean;
	size_t clean_len, exif_len;
	struct decode *j = arena_alloc(a, sizeof *j);
	enum decoded r;
	int t;

	im->kind = IMAGE_JPEG;
	if ((clean_len = strip_jpeg(a, p, len, &clean, &exif, &exif_len)) == 0)
		return diag_error(d, at, "image '%s' is not a whole JPEG: it ends early or a segment is broken — copy or export it again",
		    im->path);
	im->orientation = exif != NULL ? orientation_of(exif, exif_len) : 1;
	jerr_init(&j->err);
	j->cinfo.err = &j->err.mgr;
	r = read_jpeg_header(j, clean, clean_len);
	jpeg_destroy_decompress(&j->cinfo);
	if (r == DECODE_TOO_BIG)
		return too_big_error(im->path, j->width, j->height, d, at);
	if (r != DECODED)
		return diag_error(d, at, "image '%s' is damaged (libjpeg: %s) — open it in an image editor and export it again",
		    im->path, j->err.msg);
	im->width = (int)j->width;
	im->height = (int)j->height;
	/* Orientations 5 to 8 turn the picture a quarter: sides swap. */
	if (im->orientation >= 5) {
		t = im->width;
		im->width = im->height;
		im->height = t;
	}
	return 0;
}

/* image_load()'s PNG checks that need no pixels: the header and its size. */
static int
check_png(const unsigned char *p, size_t len, struct image *im,
    struct diags *d, struct pos at)
{
	im->kind = IMAGE_PNG;
	if (len < 24 || memcmp(p + 12, "IHDR", 4) != 0)
		return diag_error(d, at, "image '%s' is a damaged PNG (no header) — export it again",
		    im->path);
	if (too_big(be32(p + 16), be32(p + 20)))
		return too_big_error(im->path, be32(p + 16), be32(p + 20), d, at);
	im->width = (int)be32(p + 16);
	im->height = (int)be32(p + 20);
	return 0;
}

/*
 * image_load() (decode set) and image_check() (the headers only): the path
 * and the bytes are read the same way for both, so the two cannot come to
 * different verdicts on where an image may be or what it is.
 */
static int
open_image(struct arena *a, const char *content_dir, const char *relpath,
    struct image *out, struct diags *d, struct pos at, int decode)
{
	unsigned char *p;
	size_t len;
	int rc;

	memset(out, 0, sizeof *out);
	if ((p = image_read(a, content_dir, relpath, &len, d, at)) == NULL)
		return -1;
	out->path = arena_strdup(a, relpath);
	out->orientation = 1;
	switch (kind_of(p, len)) {
	case IMAGE_JPEG:
		rc = decode ? load_jpeg(a, p, len, out, d, at) :
		    check_jpeg(a, p, len, out, d, at);
		break;
	case IMAGE_PNG:
		rc = decode ? load_png(p, len, out, d, at) :
		    check_png(p, len, out, d, at);
		break;
	default:
		rc = not_an_image(relpath, d, at);
	}
	if (rc == 0 && decode)
		rc = finish(a, out, p, len, d, at);
	free(p);
	if (rc != 0)
		image_release(out);
	return rc;
}

int
image_load(struct arena *a, const char *content_dir, const char *relpath,
    struct image *out, struct diags *d, struct pos at)
{
	return open_image(a, content_dir, relpath, out, d, at, 1);
}

int
image_check(struct arena *a, const char *content_dir, const char *relpath,
    struct image *out, struct diags *d, struct pos at)
{
	return open_image(a, content_dir, relpath, out, d, at, 0);
}

unsigned char *
image_read(struct arena *a, const char *content_dir, const char *relpath,
    size_t *len, struct diags *d, struct pos at)
{
	const char *real;

	if (check_spelling(relpath, d, at) != 0 ||
	    (real = resolve(a, content_dir, relpath, d, at)) == NULL)
		return NULL;
	return read_all(real, relpath, len, d, at);
}

void
image_release(struct image *im)
{
	cairo_surface_destroy(im->surface);
	memset(im, 0, sizeof *im);
}

int
image_encode_jpeg(struct arena *a, const struct image *im, int width_px,
    int quality, const unsigned char **bytes, size_t *len, struct diags *d,
    struct pos at)
{
	char msg[JMSG_LENGTH_MAX];
	int w, h;

	assert(im->surface != NULL && width_px > 0 && quality >= 1 && quality <= 100);
	w = width_px < im->width ? width_px : im->width;
	h = (int)((double)im->height * w / im->width + 0.5);
	if (h < 1)
		h = 1;
	if (encode(a, im->surface, w, h, quality, bytes, len, msg) != 0)
		return diag_error(d, at, "cannot encode image '%s' as JPEG (libjpeg: %s)", im->path, msg);
	return 0;
}

int
image_write_jpeg(const struct image *im, int width_px, int quality,
    const char *path, const char *relname, struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	const unsigned char *bytes;
	struct arena a;
	size_t len;
	int rc;

	arena_init(&a);
	rc = image_encode_jpeg(&a, im, width_px, quality, &bytes, &len, d, at);
	if (rc == 0)
		rc = fileio_write(path, relname, bytes, len, d);
	arena_release(&a);
	return rc;
}

int
image_write_png(const struct image *im, const char *path, const char *relname,
    struct diags *d)
{
	struct pos at = { relname, 0, 0 };
	struct buf tmp = BUF_INIT;
	cairo_status_t st;
	int rc;

	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	if ((st = cairo_surface_write_to_png(im->surface, tmp.data)) != CAIRO_STATUS_SUCCESS) {
		remove(tmp.data);
		buf_release(&tmp);
		return diag_error(d, at, "cannot write the PNG: %s", cairo_status_to_string(st));
	}
	rc = fileio_commit(tmp.data, path, relname, d);
	buf_release(&tmp);
	return rc;
}
