/* tmpl.h - the Mustache subset for templates/: text values are always escaped. */
#ifndef DAFTAR_TMPL_H
#define DAFTAR_TMPL_H

#include <stddef.h>

struct arena;
struct buf;
struct diags;
struct tmpl;		/* one parsed template */
struct tmpl_lib;	/* the templates of one folder, each parsed once */
struct tmpl_value;	/* data: text, HTML, yes/no, list or object */

/*
 * The language (templates/README.md has the long version):
 *   {{name}}            text, HTML-escaped; nothing when name is missing
 *   {{{name}}} {{&name}} HTML made by daftar, unescaped; text here is an error
 *   {{#name}}..{{/name}} yes: once; list: once per item; object or
 *                       non-empty text: once with it as the context
 *   {{^name}}..{{/name}} once when name is missing, no, empty list or ""
 *   {{> name}}          the template name.html from the same folder
 *   {{! comment}}       nothing
 * Names are looked up from the innermost context outwards; "a.b" reads b
 * inside a, and "." is the current item.
 */

/*
 * Data.  Every value, name and string is copied into a and lives as long as
 * a.  Building never fails (the arena aborts when memory runs out).
 */
struct tmpl_value *tmpl_text(struct arena *a, const char *s, size_t len);
/* s must be HTML that daftar produced (cmark output, markup built here),
 * never text from content: it is written out as it is. */
struct tmpl_value *tmpl_html(struct arena *a, const char *s, size_t len);
struct tmpl_value *tmpl_bool(struct arena *a, int yes);
struct tmpl_value *tmpl_list(struct arena *a);
struct tmpl_value *tmpl_object(struct arena *a);
/* Adds item at the end of list. */
void	 tmpl_append(struct arena *a, struct tmpl_value *list,
	    struct tmpl_value *item);
/* Sets obj.name to v, replacing an earlier value of that name. */
void	 tmpl_set(struct arena *a, struct tmpl_value *obj, const char *name,
	    struct tmpl_value *v);
/* Shorthands for tmpl_set(); a NULL s sets nothing, so the name stays
 * missing and {{^name}} shows. */
void	 tmpl_set_text(struct arena *a, struct tmpl_value *obj,
	    const char *name, const char *s);
void	 tmpl_set_html(struct arena *a, struct tmpl_value *obj,
	    const char *name, const char *s, size_t len);
void	 tmpl_set_bool(struct arena *a, struct tmpl_value *obj,
	    const char *name, int yes);

/*
 * Templates.  A lib reads dir/NAME.html on first use and keeps the parsed
 * template; messages name the file reldir/NAME.html ("templates/site/
 * story.html").  dir and reldir are copied.  The lib lives as long as a.
 */
struct tmpl_lib *tmpl_lib_new(struct arena *a, const char *dir,
	    const char *reldir);
/* Returns the template NAME.html (name without ".html"), parsing it and
 * every partial it includes; or NULL with errors at file:line:col in d. */
struct tmpl *tmpl_lib_get(struct tmpl_lib *lib, const char *name,
	    struct diags *d);

/* Parses s[0..len), named relname in messages.  Partials come from lib;
 * with lib NULL a partial tag is an error.  Errors: a tag without "}}",
 * an unknown tag, a bad name, a section closed by another name or never
 * closed.  Returns the template, living as long as a, or NULL with the
 * first error in d. */
struct tmpl *tmpl_parse(struct arena *a, struct tmpl_lib *lib,
	    const char *relname, const char *s, size_t len, struct diags *d);

/* Appends t filled with data (an object) to out.  Errors, at the tag's
 * file:line:col: text in a {{{raw}}} tag, HTML in an escaped {{tag}}, a list
 * or object or yes/no printed as a variable.  Returns 0, or -1 with an error
 * in d; out then holds a partial result the caller should drop. */
int	 tmpl_render(const struct tmpl *t, const struct tmpl_value *data,
	    struct buf *out, struct diags *d);

#endif
