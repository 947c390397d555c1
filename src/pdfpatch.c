/* pdfpatch.c - incremental updates to Cairo's PDF output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "pdfpatch.h"

struct pdfpatch {
	char *path;		/* owned */
	struct arena a;		/* the file's bytes */
	const char *p;		/* the file, NUL-terminated */
	size_t n;
	size_t start;		/* offset of the xref table */
	size_t first, count;	/* object numbers it covers */
	const char *entries;	/* its 20-byte entries */
	size_t root, size, info;
	struct buf objs;	/* rewritten objects */
	struct buf xref;	/* their xref subsections */
};

/* Finds the last "key" in p[0..n) and returns a pointer just past it. */
static const char *
last_of(const char *p, size_t n, const char *key)
{
	size_t k = strlen(key), i;

	for (i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(p + i, key, k) == 0)
			return p + i + k;
	return NULL;
}

/* The closing ">>" of the dictionary opening at p, or NULL before end.
 * Cairo's catalog and page dictionaries hold no strings with brackets in
 * them, so counting the brackets is enough. */
static const char *
dict_end(const char *p, const char *end)
{
	int depth = 0;

	for (; p + 1 < end; p++) {
		if (p[0] == '<' && p[1] == '<') {
			depth++;
			p++;
		} else if (p[0] == '>' && p[1] == '>') {
			if (--depth == 0)
				return p;
			p++;
		}
	}
	return NULL;
}

struct pdfpatch *
pdfpatch_open(const char *path)
{
	struct pdfpatch *pp;
	struct diags d;
	const char *sx, *tr, *q;

	if ((pp = calloc(1, sizeof *pp)) == NULL)
		return NULL;
	arena_init(&pp->a);
	diag_init(&d);
	pp->path = strdup(path);
	pp->p = fileio_read(&pp->a, path, path, (size_t)1 << 31, &pp->n, &d);
	diag_release(&d);
	if (pp->path == NULL || pp->p == NULL ||
	    (sx = last_of(pp->p, pp->n, "startxref")) == NULL ||
	    sscanf(sx, "%zu", &pp->start) != 1 || pp->start >= pp->n ||
	    sscanf(pp->p + pp->start, "xref %zu %zu", &pp->first, &pp->count) != 2 ||
	    (tr = strstr(pp->p + pp->start, "trailer")) == NULL ||
	    (q = strstr(tr, "/Size")) == NULL || sscanf(q, "/Size %zu", &pp->size) != 1 ||
	    (q = strstr(tr, "/Root")) == NULL || sscanf(q, "/Root %zu", &pp->root) != 1 ||
	    (q = strstr(tr, "/Info")) == NULL || sscanf(q, "/Info %zu", &pp->info) != 1) {
		pdfpatch_free(pp);
		return NULL;
	}
	/* The entries follow "xref" and "0 N", 20 bytes each. */
	pp->entries = strchr(strchr(pp->p + pp->start, '\n') + 1, '\n') + 1;
	if (pp->entries + pp->count * 20 > tr) {
		pdfpatch_free(pp);
		return NULL;
	}
	return pp;
}

void
pdfpatch_free(struct pdfpatch *pp)
{
	if (pp == NULL)
		return;
	buf_release(&pp->objs);
	buf_release(&pp->xref);
	arena_release(&pp->a);
	free(pp->path);
	free(pp);
}

size_t
pdfpatch_root(const struct pdfpatch *pp)
{
	return pp->root;
}

void
pdfpatch_objects(const struct pdfpatch *pp, size_t *first, size_t *count)
{
	*first = pp->first;
	*count = pp->count;
}

const char *
pdfpatch_dict(const struct pdfpatch *pp, size_t num, size_t *len)
{
	const char *ent, *obj, *body, *e;
	size_t off, got;

	if (num < pp->first || num >= pp->first + pp->count)
		return NULL;
	ent = pp->entries + (num - pp->first) * 20;
	if (ent[17] != 'n' || sscanf(ent, "%zu", &off) != 1 || off >= pp->n)
		return NULL;
	obj = pp->p + off;
	if (sscanf(obj, "%zu 0 obj", &got) != 1 || got != num ||
	    (body = strstr(obj, "<<")) == NULL || (e = dict_end(body, pp->p + pp->n)) == NULL)
		return NULL;
	/* The object's own dictionary, not one of a later object. */
	if (strstr(obj, "endobj") != NULL && strstr(obj, "endobj") < body)
		return NULL;
	*len = (size_t)(e - body);
	return body;
}

int
pdfpatch_extend(struct pdfpatch *pp, size_t num, const char *entries)
{
	const char *body;
	size_t len;

	if ((body = pdfpatch_dict(pp, num, &len)) == NULL)
		return -1;
	buf_printf(&pp->xref, "%zu 1\n%010zu 00000 n \n", num, pp->n + pp->objs.len);
	buf_printf(&pp->objs, "%zu 0 obj\n", num);
	buf_put(&pp->objs, body, len);
	buf_printf(&pp->objs, " %s >>\nendobj\n", entries);
	return 0;
}

int
pdfpatch_commit(struct pdfpatch *pp)
{
	struct buf out = BUF_INIT;
	FILE *fp;
	int rc = 0;

	if (pp->objs.len > 0) {
		buf_put(&out, pp->objs.data, pp->objs.len);
		buf_puts(&out, "xref\n");
		buf_put(&out, pp->xref.data, pp->xref.len);
		buf_printf(&out, "trailer\n<< /Size %zu /Root %zu 0 R /Info %zu 0 R /Prev %zu >>\n",
		    pp->size, pp->root, pp->info, pp->start);
		buf_printf(&out, "startxref\n%zu\n%%%%EOF\n", pp->n + pp->objs.len);
		rc = -1;
		if ((fp = fopen(pp->path, "ab")) != NULL) {
			rc = fwrite(out.data, 1, out.len, fp) == out.len ? 0 : -1;
			if (fclose(fp) != 0)
				rc = -1;
		}
	}
	buf_release(&out);
	pdfpatch_free(pp);
	return rc;
}

int
pdfpatch_page_boxes(const char *path, const double trim[4], const double bleed[4])
{
	struct pdfpatch *pp;
	const char *body;
	char entries[256];
	size_t first, count, i, len, npages = 0;

	if ((pp = pdfpatch_open(path)) == NULL)
		return -1;
	snprintf(entries, sizeof entries,
	    "/TrimBox [ %.3f %.3f %.3f %.3f ] /BleedBox [ %.3f %.3f %.3f %.3f ]",
	    trim[0], trim[1], trim[2], trim[3], bleed[0], bleed[1], bleed[2], bleed[3]);
	pdfpatch_objects(pp, &first, &count);
	for (i = first; i < first + count; i++) {
		body = pdfpatch_dict(pp, i, &len);
		/* Page objects, not the /Pages tree. */
		if (body == NULL || len < 15 || strncmp(body, "<< /Type /Page", 14) != 0 ||
		    body[14] == 's')
			continue;
		if (pdfpatch_extend(pp, i, entries) == 0)
			npages++;
	}
	if (npages == 0) {
		pdfpatch_free(pp);
		return -1;
	}
	return pdfpatch_commit(pp);
}
