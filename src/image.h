/* image.h - content images: safe paths, upright pixels, JPEG bytes without EXIF/GPS, resized copies. */
#ifndef DAFTAR_IMAGE_H
#define DAFTAR_IMAGE_H

#include <stddef.h>

#include <cairo.h>

#include "diag.h"

struct arena;
struct diags;

/* Larger images are refused: 40 megapixels decode to 160 MB of pixels, and
 * Cairo's image surfaces stop at 32767 pixels a side. */
#define IMAGE_MAX_PIXELS	(40L * 1000 * 1000)
#define IMAGE_MAX_SIDE		32767
#define IMAGE_MAX_BYTES		(64UL * 1024 * 1024)

enum image_kind {
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_KIND__MAX
};

/*
 * One loaded image.  The surface is owned by the struct: image_release()
 * drops it (Cairo keeps it alive while a PDF surface still holds it).  The
 * byte buffers and strings live as long as the arena given to image_load().
 */
struct image {
	enum image_kind kind;
	cairo_surface_t *surface;	/* upright pixels: CAIRO_FORMAT_RGB24 for a
					 * JPEG, RGB24 or ARGB32 for a PNG; carries
					 * the mime data below; owned */
	int width, height;		/* pixels of surface, after orientation */
	int orientation;		/* EXIF Orientation found, 1-8; 1 if none */
	int components;			/* of jpeg: 1 grey, 3 colour; 0 for a PNG */
	const unsigned char *jpeg;	/* the JPEG to publish, NULL for a PNG;
					 * lives as long as a */
	size_t jpeg_len;
	const char *unique_id;		/* "daftar-" + hash of the published bytes,
					 * for CAIRO_MIME_TYPE_UNIQUE_ID; lives as long as a */
	const char *path;		/* relpath as given; lives as long as a */
};

/*
 * Loads content_dir/relpath, a JPEG or PNG (told by its first bytes, not its
 * name).  relpath must be relative, without "..", not a URL, and must resolve
 * inside content_dir after symbolic links are followed.  A JPEG is decoded
 * with libjpeg (grey and CMYK converted to RGB) and turned upright by its
 * EXIF Orientation.
 *
 * out->jpeg is what may be published: with orientation 1, the original
 * stream with every APPn segment except APP0 (JFIF, thumbnail dropped) and
 * APP14 (Adobe: tells RGB from YCbCr) removed, every COM removed and nothing
 * kept after EOI, so no EXIF, GPS, XMP, IPTC, ICC or comment survives and no
 * pixel changes; with any other orientation, or a CMYK JPEG (which Cairo
 * 1.16 embeds as a negative), the upright RGB pixels encoded again at
 * quality 90 with no metadata but JFIF.  The surface carries those bytes as
 * CAIRO_MIME_TYPE_JPEG and out->unique_id as CAIRO_MIME_TYPE_UNIQUE_ID (its
 * own copies), so a PDF surface embeds them as /DCTDecode, once per image.
 * A PNG surface carries only the unique id.  Never call
 * cairo_surface_flush() or cairo_surface_mark_dirty() on out->surface: Cairo
 * then drops the mime data and the PDF gets Flate-compressed pixels.
 *
 * Returns 0, or -1 with an error at at (the reference in the document) and
 * *out zeroed; a damaged image is an error, never a crash or an exit.
 */
int	image_load(struct arena *a, const char *content_dir, const char *relpath,
	    struct image *out, struct diags *d, struct pos at);

/*
 * Checks content_dir/relpath as image_load() does, with the same errors,
 * without decoding its pixels: the path, the file's size and kind, a JPEG's
 * segments, EXIF orientation and frame header, a PNG's header, and the
 * pixel limits.  Sets out->kind, width and height (upright, as image_load()
 * gives them), orientation and path; out->surface and out->jpeg stay NULL,
 * so the image can be measured, never drawn.  Damage inside the compressed
 * pixels is not found.  Returns 0, or -1 with an error at at and *out
 * zeroed.
 */
int	image_check(struct arena *a, const char *content_dir,
	    const char *relpath, struct image *out, struct diags *d,
	    struct pos at);

/* The bytes of content_dir/relpath, the path checked as image_load()
 * checks it, *len their length: to tell whether a photo changed without
 * decoding it.  Caller frees with free().  Returns NULL with an error at at,
 * the one image_load() would give. */
unsigned char *image_read(struct arena *a, const char *content_dir,
	    const char *relpath, size_t *len, struct diags *d, struct pos at);

/* Destroys im->surface and zeroes *im; the arena bytes stay.  Does nothing
 * on a zeroed struct, so it may be called twice or after a failed load. */
void	image_release(struct image *im);

/*
 * Encodes im at width_px pixels wide (never wider than im; the height keeps
 * the aspect ratio) as a baseline JPEG of the given quality (1-100), with no
 * metadata but JFIF.  Pixels are shrunk by area averaging; transparency in a
 * PNG is laid on white.  *bytes lives as long as a.  Returns 0, or -1 with
 * an error at at.
 */
int	image_encode_jpeg(struct arena *a, const struct image *im, int width_px,
	    int quality, const unsigned char **bytes, size_t *len,
	    struct diags *d, struct pos at);

/* image_encode_jpeg(), written to path through a temporary file renamed into
 * place; relname names path in messages.  Returns 0, or -1 with an error. */
int	image_write_jpeg(const struct image *im, int width_px, int quality,
	    const char *path, const char *relname, struct diags *d);

/* Writes im->surface as a PNG with no metadata chunks (Cairo writes only the
 * pixels), atomically as above: for PNG images on the site.  Returns 0, or
 * -1 with an error naming relname. */
int	image_write_png(const struct image *im, const char *path,
	    const char *relname, struct diags *d);

#endif
