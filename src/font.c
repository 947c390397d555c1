/* font.c - load the TTFs for shaping (HarfBuzz) and drawing (Cairo). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
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

/* Loads face index of the font file at path into f, with the presentation
 * forms unmapped when the font can be subset (a colour emoji font cannot,
 * and has none). */
static int
load_path(struct font_lib *lib, const char *path, unsigned int index,
    struct font *f, struct diags *d)
{
	struct pos at = { "fonts", 0, 0 };
	hb_blob_t *file, *blob;
	hb_face_t *face, *subface;
	hb_font_extents_t ext;
	struct face_hold *h;
	const char *data;
	unsigned int len;

	file = hb_blob_create_from_file_or_fail(path);
	if (file == NULL)
		return diag_error(d, at, "cannot read font '%s' — run 'make' to install the fonts",
		    path);
	face = hb_face_create(file, index);
	blob = strip_presentation_forms(face);
	hb_face_destroy(face);
	if (blob == NULL && index == 0)
		blob = hb_blob_reference(file);
	hb_blob_destroy(file);
	if (blob == NULL)
		return diag_error(d, at, "cannot prepare font '%s' — is it a TrueType font?",
		    path);

	if ((h = calloc(1, sizeof *h)) == NULL) {
		hb_blob_destroy(blob);
		return diag_error(d, at, "out of memory loading '%s'", path);
	}
	data = hb_blob_get_data(blob, &len);
	if (FT_New_Memory_Face(lib->ft, (const FT_Byte *)data, (FT_Long)len, 0,
	    &h->face) != 0) {
		hb_blob_destroy(blob);
		free(h);
		return diag_error(d, at, "FreeType cannot read font '%s'", path);
	}
	h->blob = blob;
	h->lib = lib;
	lib->refs++;

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

static void
font_fini(struct font *f)
{
	hb_font_destroy(f->hb);
	if (f->cairo != NULL)
		cairo_font_face_destroy(f->cairo);
	f->hb = NULL;
	f->cairo = NULL;
}

static int
load_one(struct fonts *fs, enum font_style style, const char *dir,
    struct diags *d)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, style_files[style]);
	return load_path(fs->lib, path, 0, &fs->f[style], d);
}

/* Faces found through fontconfig, and the characters no face has. */
struct font_fallbacks {
	struct font_lib *lib;
	struct fallback {
		char *path;		/* the font file; owned */
		struct font font;
	} **v;				/* owned, one allocation each: runs keep
					 * pointers to the fonts */
	size_t n, cap;
	uint32_t *none;			/* characters no installed font has */
	size_t nnone, capnone;
	int asked;			/* fontconfig was started: FcFini() */
};

/* Characters that draw nothing and so need no face of their own. */
static int
draws_nothing(uint32_t c)
{
	return c == ' ' || c == '\n' || c == 0x00A0 || c == 0x00AD ||
	    (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
	    (c >= 0xFE00 && c <= 0xFE0F);
}

static const struct font *
cached(const struct font_fallbacks *fb, uint32_t c, int *known_missing)
{
	hb_codepoint_t g;
	size_t i;

	for (i = 0; i < fb->nnone; i++)
		if (fb->none[i] == c) {
			*known_missing = 1;
			return NULL;
		}
	for (i = 0; i < fb->n; i++)
		if (hb_font_get_nominal_glyph(fb->v[i]->font.hb, c, &g))
			return &fb->v[i]->font;
	return NULL;
}

/* Asks fontconfig for a font with c; returns its file and face index. */
static char *
fc_lookup(uint32_t c, int *index)
{
	FcPattern *pat, *match;
	FcCharSet *cs, *has = NULL;
	FcResult res;
	FcChar8 *file = NULL;
	char *path = NULL;

	if ((pat = FcPatternCreate()) == NULL || (cs = FcCharSetCreate()) == NULL) {
		FcPatternDestroy(pat);
		return NULL;
	}
	FcCharSetAddChar(cs, c);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match != NULL &&
	    FcPatternGetCharSet(match, FC_CHARSET, 0, &has) == FcResultMatch &&
	    FcCharSetHasChar(has, c) &&
	    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
	    FcPatternGetInteger(match, FC_INDEX, 0, index) == FcResultMatch)
		path = strdup((const char *)file);
	FcPatternDestroy(match);
	FcCharSetDestroy(cs);
	FcPatternDestroy(pat);
	return path;
}

/* Loads the font at path (owned by the cache from now on, on success) and
 * keeps it when it has c.  Returns 0, or -1 (path still the caller's). */
static int
add_fallback(struct font_fallbacks *fb, char *path, int index, uint32_t c)
{
	struct fallback *f, **v;
	struct diags d;
	hb_codepoint_t g;
	int ok;

	if (fb->n == fb->cap) {
		size_t cap = fb->cap ? fb->cap * 2 : 4;

		if ((v = realloc(fb->v, cap * sizeof *v)) == NULL)
			return -1;
		fb->v = v;
		fb->cap = cap;
	}
	if ((f = calloc(1, sizeof *f)) == NULL)
		return -1;
	diag_init(&d);
	ok = load_path(fb->lib, path, (unsigned int)index, &f->font, &d) == 0 &&
	    hb_font_get_nominal_glyph(f->font.hb, c, &g);
	diag_release(&d);
	if (!ok) {
		font_fini(&f->font);
		free(f);
		return -1;
	}
	f->path = path;
	fb->v[fb->n++] = f;
	return 0;
}

const struct font *
font_for(const struct fonts *fs, enum font_style st, uint32_t c)
{
	struct font_fallbacks *fb = fs->fb;
	const struct font *f;
	hb_codepoint_t g;
	char *path;
	int index = 0, missing = 0;
	size_t i;

	if (draws_nothing(c) || hb_font_get_nominal_glyph(fs->f[st].hb, c, &g))
		return &fs->f[st];
	if (fb == NULL)
		return NULL;
	if ((f = cached(fb, c, &missing)) != NULL || missing)
		return f;
	fb->asked = 1;
	path = fc_lookup(c, &index);
	for (i = 0; path != NULL && i < fb->n; i++)
		if (strcmp(fb->v[i]->path, path) == 0) {
			/* fontconfig's best font lacks c after all (its cmap
			 * is not what its charset says). */
			free(path);
			path = NULL;
		}
	if (path != NULL && add_fallback(fb, path, index, c) == 0)
		return &fb->v[fb->n - 1]->font;
	free(path);
	if (fb->nnone == fb->capnone) {
		size_t cap = fb->capnone ? fb->capnone * 2 : 16;
		uint32_t *v = realloc(fb->none, cap * sizeof *v);

		if (v == NULL)
			return NULL;
		fb->none = v;
		fb->capnone = cap;
	}
	fb->none[fb->nnone++] = c;
	return NULL;
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
	if ((fs->fb = calloc(1, sizeof *fs->fb)) != NULL)
		fs->fb->lib = fs->lib;
	return 0;
}

void
font_release(struct fonts *fs)
{
	size_t i;
	int s;

	for (s = 0; s < FONT_STYLE__MAX; s++)
		font_fini(&fs->f[s]);
	if (fs->fb != NULL) {
		for (i = 0; i < fs->fb->n; i++) {
			font_fini(&fs->fb->v[i]->font);
			free(fs->fb->v[i]->path);
			free(fs->fb->v[i]);
		}
		free(fs->fb->v);
		free(fs->fb->none);
		/* fontconfig keeps its configuration until told to let go. */
		if (fs->fb->asked)
			FcFini();
		free(fs->fb);
		fs->fb = NULL;
	}
	lib_unref(fs->lib);
	fs->lib = NULL;
}
