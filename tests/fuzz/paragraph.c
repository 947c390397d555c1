/* tests/fuzz/paragraph.c - libFuzzer: arbitrary UTF-8 through the paragraph pipeline. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "shape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fonts and the shaper (with its cache) live across runs, as in a build,
 * and are released at exit so LeakSanitizer sees nothing left. */
static struct fonts fs;
static struct shaper *s;

static void
release(void)
{
	shape_free(s);
	font_release(&fs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct layout_span spans[2];
	struct layout_par p;
	struct layout_line *lines;
	struct arena a;
	struct diags d;
	size_t n, half;

	diag_init(&d);
	if (!ready) {
		if (font_load(&fs, "fonts", &d) != 0)
			abort();
		s = shape_new(1);
		atexit(release);
		ready = 1;
	}
	/* The pipeline takes valid UTF-8: content.c checks it first. */
	if (size == 0 || content_check_utf8((const char *)data, size, "x", &d) != 0) {
		diag_release(&d);
		return 0;
	}
	arena_init(&a);
	memset(spans, 0, sizeof spans);
	memset(&p, 0, sizeof p);
	/* Two styles, cut at a byte that starts a character. */
	for (half = size / 2; half > 0 && (data[half] & 0xC0) == 0x80; half--)
		;
	spans[0].end = half;
	spans[0].style.font = FONT_REGULAR;
	spans[1].start = half;
	spans[1].end = size;
	spans[1].style.font = data[0] & 1 ? FONT_BOLD : FONT_MONO;
	spans[1].style.code = data[0] & 2;
	p.text = (const char *)data;
	p.len = size;
	p.spans = half > 0 ? spans : spans + 1;
	p.nspans = half > 0 ? 2 : 1;
	p.size_pt = 10;
	p.measure_pt = 40 + data[0] % 200;
	p.align = data[0] & 4 ? LAYOUT_JUSTIFY : LAYOUT_START;
	p.kashida = data[0] & 8;
	layout_paragraph(&a, s, &fs, &p, &lines, &n);
	arena_release(&a);
	diag_release(&d);
	return 0;
}
