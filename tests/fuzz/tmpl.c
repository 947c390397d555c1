/* tests/fuzz/tmpl.c - libFuzzer: a template, parsed and rendered. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct diags d;
	struct buf out = BUF_INIT;
	struct tmpl *t;
	struct tmpl_value *v, *list, *item;

	arena_init(&a);
	diag_init(&d);
	v = tmpl_object(&a);
	tmpl_set(&a, v, "title", tmpl_text(&a, "<b>عنوان</b>", strlen("<b>عنوان</b>")));
	tmpl_set(&a, v, "body", tmpl_html(&a, "<p>متن</p>", strlen("<p>متن</p>")));
	tmpl_set_bool(&a, v, "draft", 1);
	list = tmpl_list(&a);
	item = tmpl_object(&a);
	tmpl_set(&a, item, "name", tmpl_text(&a, "x & y", 5));
	tmpl_append(&a, list, item);
	tmpl_set(&a, v, "items", list);
	if ((t = tmpl_parse(&a, NULL, "t.html", (const char *)data, size, &d)) != NULL)
		tmpl_render(t, v, &out, &d);
	buf_release(&out);
	diag_release(&d);
	arena_release(&a);
	return 0;
}
