/* tests/pdfpatch.c - incremental updates to a Cairo PDF. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdfpatch.h"

static void
make_pdf(const char *path, int pages)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, 200, 300);
	cairo_t *cr = cairo_create(s);
	int i;

	for (i = 0; i < pages; i++) {
		cairo_rectangle(cr, 10, 10, 20, 20);
		cairo_fill(cr);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

static void
catalog_gets_new_keys(void **state)
{
	char path[] = "/tmp/daftar-pdfpatch-XXXXXX";
	struct pdfpatch *pp;
	const char *d;
	size_t len, root;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	make_pdf(path, 2);
	assert_non_null(pp = pdfpatch_open(path));
	root = pdfpatch_root(pp);
	assert_non_null(d = pdfpatch_dict(pp, root, &len));
	assert_int_equal(strncmp(d, "<< /Type /Catalog", 17), 0);
	assert_int_equal(pdfpatch_extend(pp, root, "/Lang (fa-IR)"), 0);
	assert_int_equal(pdfpatch_commit(pp), 0);
	/* The file now ends with the update: its catalog has the key. */
	assert_non_null(pp = pdfpatch_open(path));
	assert_int_equal(pdfpatch_root(pp), root);
	assert_non_null(d = pdfpatch_dict(pp, root, &len));
	assert_non_null(strstr(d, "/Lang (fa-IR)"));
	assert_non_null(strstr(d, "/Type /Catalog"));
	pdfpatch_free(pp);
	remove(path);
}

static void
not_a_cairo_pdf_is_refused(void **state)
{
	char path[] = "/tmp/daftar-pdfpatch-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "%PDF-1.5\nnothing here\n", 22), 22);
	close(fd);
	assert_null(pdfpatch_open(path));
	assert_null(pdfpatch_open("/tmp/daftar-no-such-file.pdf"));
	remove(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog_gets_new_keys),
		cmocka_unit_test(not_a_cairo_pdf_is_refused),
	};

	return cmocka_run_group_tests_name("pdfpatch", tests, NULL, NULL);
}
