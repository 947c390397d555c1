/* shape.c - HarfBuzz shaping of one run with paragraph context. */
#include <stdlib.h>

#include <hb.h>

#include "arena.h"
#include "font.h"
#include "shape.h"

struct shaper {
	hb_buffer_t *buf;	/* reused for every run */
	hb_language_t fa;
};

struct shaper *
shape_new(void)
{
	struct shaper *s;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	s->buf = hb_buffer_create();
	s->fa = hb_language_from_string("fa", -1);
	return s;
}

void
shape_free(struct shaper *s)
{
	if (s == NULL)
		return;
	hb_buffer_destroy(s->buf);
	free(s);
}

int
shape_run(struct shaper *s, const struct font *f, const char *text,
    size_t text_len, size_t off, size_t len, int rtl, struct arena *a,
    struct shape_glyph **glyphs, size_t *nglyphs)
{
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	hb_script_t script;
	unsigned int i, n;
	struct shape_glyph *g;

	hb_buffer_clear_contents(s->buf);
	hb_buffer_add_utf8(s->buf, text, (int)text_len, (unsigned int)off, (int)len);
	hb_buffer_set_direction(s->buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	/* Vazirmatn has no FAR language system, but other fonts may. */
	hb_buffer_set_language(s->buf, s->fa);
	hb_buffer_guess_segment_properties(s->buf);
	script = hb_buffer_get_script(s->buf);
	if (rtl && (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED ||
	    script == HB_SCRIPT_UNKNOWN))
		hb_buffer_set_script(s->buf, HB_SCRIPT_ARABIC);
	/* Keep ZWNJ as the font's own zero-width glyph: drawn as a space it
	 * would copy out as a space (TYPESETTING.md T3). */
	hb_buffer_set_flags(s->buf, HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
	hb_shape(f->hb, s->buf, NULL, 0);
	if (!hb_buffer_allocation_successful(s->buf))
		return -1;

	info = hb_buffer_get_glyph_infos(s->buf, &n);
	pos = hb_buffer_get_glyph_positions(s->buf, &n);
	g = arena_array(a, n ? n : 1, sizeof *g);
	for (i = 0; i < n; i++) {
		g[i].gid = info[i].codepoint;
		g[i].adv = pos[i].x_advance;
		g[i].dx = pos[i].x_offset;
		g[i].dy = pos[i].y_offset;
		g[i].cluster = info[i].cluster;
	}
	*glyphs = g;
	*nglyphs = n;
	return 0;
}
