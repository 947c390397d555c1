/* font.c - load the TTFs for shaping (HarfBuzz) and drawing (Cairo). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-ft.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "diag.h"
#include "font.h"

/* The FreeType library lives until the last Cairo face using it dies. */
struct font_lib {
	FT_Library ft;
	int refs;
};

/* What a Cairo face keeps alive: its FT_Face and the bytes under it. */
struct face_hold {
	struct font_lib *lib;
	FT_Face face;
	hb_blob_t *blob;
};

static const char *const style_files[FONT_STYLE__MAX] = {
	"Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf",
	"Vazir-Code.ttf",
};

static const cairo_user_data_key_t hold_key;

static void
lib_unref(struct font_lib *lib)
{
	if (lib != NULL && --lib->refs == 0) {
		FT_Done_FreeType(lib->ft);
		free(lib);
	}
}

static void
hold_free(void *p)
{
	struct face_hold *h = p;

	FT_Done_Face(h->face);
	hb_blob_destroy(h->blob);
	lib_unref(h->lib);
	free(h);
}

/*
 * The font maps the presentation-form code points to its contextual glyphs;
 * Cairo then writes those code points into ToUnicode and copy-paste gives
 * "ﻼ" for "لا".  Dropping the two blocks from the cmap, keeping glyph ids
 * and every layout feature, makes Cairo map each glyph to the letters of its
 * cluster instead (TYPESETTING.md T4, including the clear-then-invert trap).
 */
static hb_blob_t *
strip_presentation_forms(hb_face_t *face)
{
	hb_subset_input_t *in;
	hb_face_t *sub;
	hb_blob_t *blob;
	static const hb_subset_sets_t keep_all[] = {
		HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG,
		HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID,
	};
	size_t i;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	hb_face_collect_unicodes(face, hb_subset_input_unicode_set(in));
	hb_set_del_range(hb_subset_input_unicode_set(in), 0xFB50, 0xFDFF);
	hb_set_del_range(hb_subset_input_unicode_set(in), 0xFE70, 0xFEFF);
	for (i = 0; i < sizeof keep_all / sizeof keep_all[0]; i++) {
		hb_set_clear(hb_subset_input_set(in, keep_all[i]));
		hb_set_invert(hb_subset_input_set(in, keep_all[i]));
	}
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
	    HB_SUBSET_FLAGS_GLYPH_NAMES | HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
	    HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | HB_SUBSET_FLAGS_NAME_LEGACY);
	sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	return blob;
}

static int
load_one(struct fonts *fs, enum font_style style, const char *dir,
    struct diags *d)
{
	struct pos at = { "fonts", 0, 0 };
	char path[4096];
	hb_blob_t *file, *blob;
	hb_face_t *face, *subface;
	hb_font_extents_t ext;
	struct face_hold *h;
	struct font *f = &fs->f[style];
	const char *data;
	unsigned int len;

	snprintf(path, sizeof path, "%s/%s", dir, style_files[style]);
	file = hb_blob_create_from_file_or_fail(path);
	if (file == NULL)
		return diag_error(d, at, "cannot read font '%s' — run 'make' to install the fonts",
		    path);
	face = hb_face_create(file, 0);
	hb_blob_destroy(file);
	blob = strip_presentation_forms(face);
	hb_face_destroy(face);
	if (blob == NULL)
		return diag_error(d, at, "cannot prepare font '%s' — is it a TrueType font?",
		    path);

	if ((h = calloc(1, sizeof *h)) == NULL) {
		hb_blob_destroy(blob);
		return diag_error(d, at, "out of memory loading '%s'", path);
	}
	data = hb_blob_get_data(blob, &len);
	if (FT_New_Memory_Face(fs->lib->ft, (const FT_Byte *)data, (FT_Long)len, 0,
	    &h->face) != 0) {
		hb_blob_destroy(blob);
		free(h);
		return diag_error(d, at, "FreeType cannot read font '%s'", path);
	}
	h->blob = blob;
	h->lib = fs->lib;
	fs->lib->refs++;

	f->cairo = cairo_ft_font_face_create_for_ft_face(h->face, 0);
	if (cairo_font_face_set_user_data(f->cairo, &hold_key, h, hold_free) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(f->cairo);
		f->cairo = NULL;
		hold_free(h);
		return diag_error(d, at, "cannot prepare font '%s' for drawing", path);
	}

	subface = hb_face_create(blob, 0);
	f->upem = (int)hb_face_get_upem(subface);
	f->hb = hb_font_create(subface);
	hb_face_destroy(subface);
	hb_font_set_scale(f->hb, f->upem, f->upem);
	hb_font_get_h_extents(f->hb, &ext);
	f->ascender = ext.ascender;
	f->descender = ext.descender;
	if (hb_font_get_nominal_glyph(f->hb, 0x0640, &f->tatweel))
		f->tatweel_adv = hb_font_get_glyph_h_advance(f->hb, f->tatweel);
	return 0;
}

int
font_load(struct fonts *fs, const char *dir, struct diags *d)
{
	struct pos at = { "fonts", 0, 0 };
	int s;

	memset(fs, 0, sizeof *fs);
	if ((fs->lib = calloc(1, sizeof *fs->lib)) == NULL)
		return diag_error(d, at, "out of memory loading fonts");
	fs->lib->refs = 1;
	if (FT_Init_FreeType(&fs->lib->ft) != 0) {
		free(fs->lib);
		fs->lib = NULL;
		return diag_error(d, at, "cannot start FreeType");
	}
	for (s = 0; s < FONT_STYLE__MAX; s++)
		if (load_one(fs, (enum font_style)s, dir, d) != 0) {
			font_release(fs);
			return -1;
		}
	return 0;
}

void
font_release(struct fonts *fs)
{
	int s;

	for (s = 0; s < FONT_STYLE__MAX; s++) {
		hb_font_destroy(fs->f[s].hb);
		if (fs->f[s].cairo != NULL)
			cairo_font_face_destroy(fs->f[s].cairo);
		fs->f[s].hb = NULL;
		fs->f[s].cairo = NULL;
	}
	lib_unref(fs->lib);
	fs->lib = NULL;
}
