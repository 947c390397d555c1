/* scaffold.h - "daftar new": a story, page or leaflet file for an editor to fill in. */
#ifndef DAFTAR_SCAFFOLD_H
#define DAFTAR_SCAFFOLD_H

#include <stddef.h>

#include "content.h"
#include "fa.h"

struct arena;
struct diags;

/* The folder of the content folder that holds documents of kind:
 * "stories", "pages" or "leaflets". */
const char *scaffold_folder(enum doc_kind kind);

/* Whether slug is a name "daftar new" gives a file: ASCII lowercase letters,
 * digits and single hyphens between them, at most 64 bytes, as the sample's
 * names are (they become site addresses, and two names that differ only in
 * letter case would be one page on Windows and macOS).  Returns 1, or 0
 * with the nearest such name written into fixed (size bytes): "Nan e
 * Khanegi.md" -> "nan-e-khanegi"; fixed is "" when slug has no Latin letter
 * or digit to keep. */
int	scaffold_slug_ok(const char *slug, char *fixed, size_t size);

/* Today's Jalali date into *today: the day of SOURCE_DATE_EPOCH in UTC when
 * source_date_epoch is not NULL (reproducible runs), else of the system
 * clock in local time.  A source_date_epoch that is not a number of seconds
 * is a warning in d, and the clock is used. */
void	scaffold_today(const char *source_date_epoch, struct fa_date *today,
	    struct diags *d);

/* The text of a new document of kind named slug: every field content_field() lists, in
 * its order, each under a Persian comment; required fields hold a Persian
 * placeholder, optional ones are empty; a story has date today and
 * consent: false, so it loads without errors and stays out of every output
 * until the editor says otherwise.  programs (NULL-terminated, or NULL) are
 * listed in the comment over 'program:'.  Lives as long as a. */
char	*scaffold_text(struct arena *a, enum doc_kind kind, const char *slug,
	    struct fa_date today, const char *const *programs);

/* Writes content_dir/FOLDER/slug.md (FOLDER from scaffold_folder()) with
 * scaffold_text(), making FOLDER when it is missing; the programs come from
 * content_dir/booklet.yaml, which must exist.  The file is written whole or
 * not at all and never replaces one already there.  Returns the path
 * written (living as long as a), or NULL with an error in d. */
const char *scaffold_write(struct arena *a, const char *content_dir,
	    enum doc_kind kind, const char *slug, struct fa_date today,
	    struct diags *d);

#endif
