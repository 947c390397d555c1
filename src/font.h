/* font.h - fonts/ -> faces; owns FT_Face, hb_font_t and Cairo font faces. */
#ifndef DAFTAR_FONT_H
#define DAFTAR_FONT_H

#include <stdint.h>

#include <cairo.h>
#include <hb.h>

struct diags;
struct font_fallbacks;
struct font_lib;

enum font_style {
	FONT_REGULAR,
	FONT_MEDIUM,	/* emphasis: Persian has no italics */
	FONT_BOLD,
	FONT_MONO,	/* code: Vazir Code, monospaced with Persian letters */
	FONT_STYLE__MAX
};

struct font {
	hb_font_t *hb;			/* scale = upem: advances in font units */
	cairo_font_face_t *cairo;	/* same glyph ids as hb */
	int upem;
	double ascender, descender;	/* in font units; descender < 0 */
	uint32_t tatweel;		/* glyph of U+0640, drawn for kashida */
	int32_t tatweel_adv;		/* its advance, in font units */
};

struct fonts {
	struct font f[FONT_STYLE__MAX];
	struct font_lib *lib;		/* FreeType library, shared by the faces */
	struct font_fallbacks *fb;	/* faces found through fontconfig for
					 * characters Vazirmatn lacks; grows */
};

/* Loads Vazirmatn-{Regular,Medium,Bold}.ttf and Vazir-Code.ttf from dir.  Each face's cmap is
 * stripped of the Arabic presentation-form blocks first, so that Cairo maps
 * ligature glyphs back to the letters as written (TYPESETTING.md T4).
 * Returns 0, or -1 with an error in d (e.g. "run make to install fonts"). */
int	font_load(struct fonts *fs, const char *dir, struct diags *d);

/* The face that draws c in style st: the style's own when it has c, else a
 * system font fontconfig finds with c (loaded once, kept in fs->fb), else
 * NULL.  Characters that draw nothing (spaces, ZWNJ, bidi controls) always
 * get the style's own face. */
const struct font *font_for(const struct fonts *fs, enum font_style st,
	    uint32_t c);

/* Releases every face; the Cairo faces stay valid while Cairo still holds
 * references to them (their FreeType data is freed with the last one). */
void	font_release(struct fonts *fs);

#endif
