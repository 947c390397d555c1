/* pdfpatch.h - add keys to objects of a finished Cairo PDF by an incremental update. */
#ifndef DAFTAR_PDFPATCH_H
#define DAFTAR_PDFPATCH_H

#include <stddef.h>

struct pdfpatch;

/*
 * Cairo 1.16 has no API for some keys a book needs (the catalog's
 * /ViewerPreferences and /Lang, pages' /TrimBox and /BleedBox).  Cairo writes
 * one classic xref table, so a finished file can be extended by one
 * incremental update that rewrites chosen objects with more entries
 * (TYPESETTING.md §4).
 */

/* Reads the PDF at path.  Returns NULL when it is not one classic-xref
 * file as Cairo writes it.  Caller frees with pdfpatch_free() or commits. */
struct pdfpatch *pdfpatch_open(const char *path);
void	pdfpatch_free(struct pdfpatch *pp);

/* The catalog's object number; the range of object numbers in the table. */
size_t	pdfpatch_root(const struct pdfpatch *pp);
void	pdfpatch_objects(const struct pdfpatch *pp, size_t *first, size_t *count);

/* The dictionary of object num as written, from "<<" up to (not including)
 * its closing ">>"; NULL when num is not a dictionary object in use.  The
 * text lives as long as pp. */
const char *pdfpatch_dict(const struct pdfpatch *pp, size_t num, size_t *len);

/* Rewrites object num in the update as its dictionary plus entries (PDF
 * text such as "/Lang (fa-IR)").  Returns 0, or -1 when num has no
 * dictionary. */
int	pdfpatch_extend(struct pdfpatch *pp, size_t num, const char *entries);

/* Appends the update (when any object was extended) and frees pp.
 * Returns 0, or -1 when the file cannot be written. */
int	pdfpatch_commit(struct pdfpatch *pp);

/* Sets /TrimBox trim and /BleedBox bleed ([x0 y0 x1 y1] in PDF units,
 * y up) on every page of the finished PDF at path, by one update.
 * Returns 0, or -1 when the file is not what Cairo writes or cannot be
 * appended to. */
int	pdfpatch_page_boxes(const char *path, const double trim[4],
	    const double bleed[4]);

#endif
