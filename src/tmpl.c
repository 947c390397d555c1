/* tmpl.c - the Mustache subset for templates/. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "tmpl.h"

#define MAX_NEST	32		/* open sections in one template */
#define MAX_CTX		64		/* contexts while rendering */
#define MAX_TEMPLATE	(1u << 20)	/* a page of HTML, not a book */

enum value_kind {
	VALUE_TEXT,
	VALUE_HTML,
	VALUE_BOOL,
	VALUE_LIST,
	VALUE_OBJECT,
	VALUE_KIND__MAX
};

/* What a value is called in messages to template authors. */
static const char *const value_names[VALUE_KIND__MAX] = {
	"text", "HTML", "yes/no value", "list", "object",
};

struct item {
	struct tmpl_value *v;
	struct item *next;
};

struct member {
	const char *name;
	struct tmpl_value *v;
	struct member *next;
};

struct tmpl_value {
	enum value_kind kind;
	const char *s;			/* TEXT, HTML: NUL-terminated copy */
	size_t len;			/* TEXT, HTML: bytes in s */
	int yes;			/* BOOL */
	struct item *first, **last;	/* LIST, in order */
	struct member *members, **lastm; /* OBJECT, in the order set */
};

enum node_kind {
	NODE_TEXT,		/* bytes copied as they are */
	NODE_VAR,		/* {{x}} */
	NODE_RAW,		/* {{{x}}} or {{&x}} */
	NODE_SECTION,		/* {{#x}}..{{/x}} */
	NODE_INVERTED,		/* {{^x}}..{{/x}} */
	NODE_PARTIAL,		/* {{> x}} */
	NODE_KIND__MAX
};

struct node {
	enum node_kind kind;
	const char *s;		/* TEXT: the bytes; others: the name, NUL-ended */
	size_t len;		/* bytes in s */
	int line, col;		/* of the tag's "{{", for messages */
	struct node *child;	/* SECTION, INVERTED: the body */
	struct node *next;
	const struct tmpl *partial; /* PARTIAL: resolved when parsed */
};

struct tmpl {
	const char *relname;	/* for messages: "templates/site/story.html" */
	struct node *first;
};

enum entry_state {
	ENTRY_LOADING,		/* being parsed: meeting it again is a cycle */
	ENTRY_DONE,
	ENTRY_FAILED,		/* its errors are already in the diags */
	ENTRY_STATE__MAX
};

struct lib_entry {
	const char *name;
	enum entry_state state;
	struct tmpl *t;		/* ENTRY_DONE */
	struct lib_entry *next;
};

struct tmpl_lib {
	struct arena *a;	/* borrowed: all the lib makes lives here */
	const char *dir;	/* where NAME.html is read from */
	const char *reldir;	/* what messages call that folder */
	struct lib_entry *entries;
};

/* --- data ------------------------------------------------------------- */

static struct tmpl_value *
value_new(struct arena *a, enum value_kind kind)
{
	struct tmpl_value *v = arena_alloc(a, sizeof *v);

	v->kind = kind;
	v->last = &v->first;
	v->lastm = &v->members;
	return v;
}

struct tmpl_value *
tmpl_text(struct arena *a, const char *s, size_t len)
{
	struct tmpl_value *v = value_new(a, VALUE_TEXT);

	v->s = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

struct tmpl_value *
tmpl_html(struct arena *a, const char *s, size_t len)
{
	struct tmpl_value *v = value_new(a, VALUE_HTML);

	v->s = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

struct tmpl_value *
tmpl_bool(struct arena *a, int yes)
{
	struct tmpl_value *v = value_new(a, VALUE_BOOL);

	v->yes = yes != 0;
	return v;
}

struct tmpl_value *
tmpl_list(struct arena *a)
{
	return value_new(a, VALUE_LIST);
}

struct tmpl_value *
tmpl_object(struct arena *a)
{
	return value_new(a, VALUE_OBJECT);
}

void
tmpl_append(struct arena *a, struct tmpl_value *list, struct tmpl_value *item)
{
	struct item *it = arena_alloc(a, sizeof *it);

	it->v = item;
	*list->last = it;
	list->last = &it->next;
}

void
tmpl_set(struct arena *a, struct tmpl_value *obj, const char *name,
    struct tmpl_value *v)
{
	struct member *m;

	for (m = obj->members; m != NULL; m = m->next)
		if (strcmp(m->name, name) == 0) {
			m->v = v;
			return;
		}
	m = arena_alloc(a, sizeof *m);
	m->name = arena_strdup(a, name);
	m->v = v;
	*obj->lastm = m;
	obj->lastm = &m->next;
}

void
tmpl_set_text(struct arena *a, struct tmpl_value *obj, const char *name,
    const char *s)
{
	if (s != NULL)
		tmpl_set(a, obj, name, tmpl_text(a, s, strlen(s)));
}

void
tmpl_set_html(struct arena *a, struct tmpl_value *obj, const char *name,
    const char *s, size_t len)
{
	if (s != NULL)
		tmpl_set(a, obj, name, tmpl_html(a, s, len));
}

void
tmpl_set_bool(struct arena *a, struct tmpl_value *obj, const char *name,
    int yes)
{
	tmpl_set(a, obj, name, tmpl_bool(a, yes));
}

/* --- parsing ----------------------------------------------------------- */

struct open_section {
	struct node *sec;
	struct node **tail;	/* where the node after the section goes */
};

struct parser {
	struct arena *a;
	struct tmpl_lib *lib;	/* may be NULL: no partials */
	const char *relname;
	const char *s;		/* the template, NUL-terminated copy in a */
	size_t len;
	size_t counted;		/* lines are counted up to this offset */
	size_t line_off;	/* offset where the line holding counted starts */
	int line;		/* 1-based line of counted */
	struct node **tail;	/* where the next node goes */
	struct open_section open[MAX_NEST];
	size_t depth;
	struct diags *d;
};

static struct tmpl *load(struct tmpl_lib *lib, const char *name,
	    struct pos from, struct diags *d);

/* The position of byte off; offsets only grow while a template is parsed,
 * so lines are counted once. */
static struct pos
pos_at(struct parser *p, size_t off)
{
	struct pos at;

	for (; p->counted < off; p->counted++)
		if (p->s[p->counted] == '\n') {
			p->line++;
			p->line_off = p->counted + 1;
		}
	at.file = p->relname;
	at.line = p->line;
	at.col = diag_char_col(p->s + p->line_off, off - p->line_off);
	return at;
}

/* Offset of the first "needle" at or after from, or len when there is none. */
static size_t
find(const char *s, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return i;
	return len;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* A name is "." or words of [A-Za-z0-9_-] joined by single dots. */
static int
valid_name(const char *s, size_t len)
{
	size_t i;

	if (len == 1 && s[0] == '.')
		return 1;
	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
		if (s[i] != '.' && !is_name_char(s[i]))
			return 0;
	}
	return 1;
}

/* Partial and template names are file names in one folder: no dots, no
 * slashes, so a template can never reach outside its folder. */
static int
valid_file_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!is_name_char(s[i]))
			return 0;
	return 1;
}

static struct node *
add_node(struct parser *p, enum node_kind kind, const char *s, size_t len,
    struct pos at)
{
	struct node *n = arena_alloc(p->a, sizeof *n);

	n->kind = kind;
	n->s = kind == NODE_TEXT ? s : arena_strndup(p->a, s, len);
	n->len = len;
	n->line = at.line;
	n->col = at.col;
	*p->tail = n;
	p->tail = &n->next;
	return n;
}

static void
add_text(struct parser *p, size_t from, size_t to)
{
	struct pos none = { NULL, 0, 0 };

	if (to > from)
		add_node(p, NODE_TEXT, p->s + from, to - from, none);
}

/*
 * Mustache's standalone rule: a section, close, comment or partial tag alone
 * on its line (blanks around it) takes the whole line with it, so templates
 * can put each tag on a line of its own without leaving blank lines in the
 * HTML.  Returns 1 and sets *line_start and *line_end (just past the '\n')
 * when the tag at [tag, end) is standalone.
 */
static int
standalone(const struct parser *p, size_t text_start, size_t tag, size_t end,
    size_t *line_start, size_t *line_end)
{
	size_t b = tag, e = end;

	while (b > text_start && is_blank(p->s[b - 1]))
		b--;
	if (b > 0 && p->s[b - 1] != '\n')
		return 0;
	while (e < p->len && is_blank(p->s[e]))
		e++;
	if (e < p->len && p->s[e] == '\r' && e + 1 < p->len && p->s[e + 1] == '\n')
		e++;
	if (e < p->len && p->s[e] != '\n')
		return 0;
	*line_start = b;
	*line_end = e < p->len ? e + 1 : e;
	return 1;
}

static int
open_section(struct parser *p, enum node_kind kind, const char *name,
    size_t len, struct pos at)
{
	struct node *n;

	if (p->depth == MAX_NEST)
		return diag_error(p->d, at, "sections are nested more than %d "
		    "deep — move the inner part into a partial", MAX_NEST);
	n = add_node(p, kind, name, len, at);
	p->open[p->depth].sec = n;
	p->open[p->depth].tail = p->tail;
	p->depth++;
	p->tail = &n->child;
	return 0;
}

static int
close_section(struct parser *p, const char *name, size_t len, struct pos at)
{
	const struct node *top;

	if (p->depth == 0)
		return diag_error(p->d, at, "'{{/%.*s}}' closes a section that was "
		    "never opened — remove it or add {{#%.*s}} before it",
		    (int)len, name, (int)len, name);
	top = p->open[p->depth - 1].sec;
	if (top->len != len || memcmp(top->s, name, len) != 0)
		return diag_error(p->d, at, "'{{/%.*s}}' does not match the open "
		    "section '%s' from line %d:%d — close '%s' first",
		    (int)len, name, top->s, top->line, top->col, top->s);
	p->depth--;
	p->tail = p->open[p->depth].tail;
	return 0;
}

static int
add_partial(struct parser *p, const char *name, size_t len, struct pos at)
{
	struct node *n;
	char *fname;

	if (!valid_file_name(name, len))
		return diag_error(p->d, at, "'{{> %.*s}}': a partial is named by a "
		    "file name without \".html\", made of letters, digits, '_' "
		    "and '-'", (int)len, name);
	if (p->lib == NULL)
		return diag_error(p->d, at, "'{{> %.*s}}': partials need a "
		    "template folder", (int)len, name);
	fname = arena_strndup(p->a, name, len);
	n = add_node(p, NODE_PARTIAL, name, len, at);
	if ((n->partial = load(p->lib, fname, at, p->d)) == NULL)
		return -1;
	return 0;
}

static int
unknown_tag(struct parser *p, size_t tag, size_t end, struct pos at)
{
	int n = (int)(end - tag);

	/* A whole page of text in the message helps nobody. */
	if (n > 40)
		n = 40;
	return diag_error(p->d, at, "unknown tag '%.*s' — tags are {{name}}, "
	    "{{{name}}}, {{#name}}, {{^name}}, {{/name}}, {{> name}} and "
	    "{{! comment}}, where a name is letters, digits, '_', '-' and '.'",
	    n, p->s + tag);
}

/* Handles the tag starting at p->s[tag] ("{{"); *next is where text
 * resumes, and *text_end where the text before the tag stops. */
static int
parse_tag(struct parser *p, size_t tag, size_t text_start, size_t *text_end,
    size_t *next)
{
	struct pos at = pos_at(p, tag);
	size_t in, in_end, end, ls, le;
	char sigil = '\0';
	const char *name;
	size_t len;

	if (tag + 2 < p->len && p->s[tag + 2] == '{') {
		in = tag + 3;
		in_end = find(p->s, p->len, in, "}}}");
		if (in_end == p->len)
			return diag_error(p->d, at, "'{{{' is never closed — "
			    "end the tag with '}}}'");
		end = in_end + 3;
		sigil = '{';
	} else {
		in = tag + 2;
		in_end = find(p->s, p->len, in, "}}");
		if (in_end == p->len)
			return diag_error(p->d, at, "'{{' is never closed — "
			    "end the tag with '}}'");
		end = in_end + 2;
		if (in < in_end && p->s[in] != '\0' &&
		    strchr("#^/!>&=", p->s[in]) != NULL)
			sigil = p->s[in++];
	}
	if (sigil == '=')
		return diag_error(p->d, at, "changing the delimiters with "
		    "'{{=' is not supported — keep {{ and }}");
	while (in < in_end && is_blank(p->s[in]))
		in++;
	while (in_end > in && is_blank(p->s[in_end - 1]))
		in_end--;
	name = p->s + in;
	len = in_end - in;
	if (sigil != '!' && sigil != '>' && !valid_name(name, len))
		return unknown_tag(p, tag, end, at);

	*text_end = tag;
	*next = end;
	if (sigil != '\0' && strchr("#^/!>", sigil) != NULL &&
	    standalone(p, text_start, tag, end, &ls, &le)) {
		*text_end = ls;
		*next = le;
	}
	add_text(p, text_start, *text_end);
	switch (sigil) {
	case '#':
		return open_section(p, NODE_SECTION, name, len, at);
	case '^':
		return open_section(p, NODE_INVERTED, name, len, at);
	case '/':
		return close_section(p, name, len, at);
	case '!':
		return 0;
	case '>':
		return add_partial(p, name, len, at);
	case '{':
	case '&':
		add_node(p, NODE_RAW, name, len, at);
		return 0;
	default:
		add_node(p, NODE_VAR, name, len, at);
		return 0;
	}
}

struct tmpl *
tmpl_parse(struct arena *a, struct tmpl_lib *lib, const char *relname,
    const char *s, size_t len, struct diags *d)
{
	struct parser p;
	struct tmpl *t;
	size_t i, text_start = 0, text_end = 0, next = 0;
	const struct node *top;

	memset(&p, 0, sizeof p);
	t = arena_alloc(a, sizeof *t);
	t->relname = arena_strdup(a, relname);
	p.a = a;
	p.lib = lib;
	p.relname = t->relname;
	p.s = arena_strndup(a, s, len);
	p.len = len;
	p.line = 1;
	p.tail = &t->first;
	p.d = d;
	for (i = find(p.s, len, 0, "{{"); i < len; i = find(p.s, len, next, "{{")) {
		if (parse_tag(&p, i, text_start, &text_end, &next) != 0)
			return NULL;
		text_start = next;
	}
	add_text(&p, text_start, len);
	if (p.depth > 0) {
		top = p.open[p.depth - 1].sec;
		diag_error(d, (struct pos){ t->relname, top->line, top->col },
		    "section '%s' is never closed — add {{/%s}} where it ends",
		    top->s, top->s);
		return NULL;
	}
	return t;
}

/* --- the folder of templates ----------------------------------------- */

struct tmpl_lib *
tmpl_lib_new(struct arena *a, const char *dir, const char *reldir)
{
	struct tmpl_lib *lib = arena_alloc(a, sizeof *lib);

	lib->a = a;
	lib->dir = arena_strdup(a, dir);
	lib->reldir = arena_strdup(a, reldir);
	return lib;
}

/* Returns the parsed NAME.html; from is the tag that asked for it (line 0
 * for a direct request), where a cycle is reported. */
static struct tmpl *
load(struct tmpl_lib *lib, const char *name, struct pos from, struct diags *d)
{
	struct lib_entry *e;
	char *path, *relname, *src;
	size_t len;

	for (e = lib->entries; e != NULL; e = e->next)
		if (strcmp(e->name, name) == 0)
			break;
	if (e != NULL && e->state == ENTRY_LOADING) {
		diag_error(d, from, "partial '%s' includes itself, directly or "
		    "through other partials — break the cycle", name);
		return NULL;
	}
	if (e != NULL)
		return e->state == ENTRY_DONE ? e->t : NULL;

	e = arena_alloc(lib->a, sizeof *e);
	e->name = arena_strdup(lib->a, name);
	e->state = ENTRY_LOADING;
	e->next = lib->entries;
	lib->entries = e;
	path = arena_printf(lib->a, "%s/%s.html", lib->dir, name);
	relname = arena_printf(lib->a, "%s/%s.html", lib->reldir, name);
	src = fileio_read(lib->a, path, relname, MAX_TEMPLATE, &len, d);
	if (src != NULL)
		e->t = tmpl_parse(lib->a, lib, relname, src, len, d);
	e->state = e->t != NULL ? ENTRY_DONE : ENTRY_FAILED;
	return e->t;
}

struct tmpl *
tmpl_lib_get(struct tmpl_lib *lib, const char *name, struct diags *d)
{
	struct pos at = { lib->reldir, 0, 0 };

	if (!valid_file_name(name, strlen(name))) {
		diag_error(d, at, "'%s' is not a template name: use the file "
		    "name without \".html\"", name);
		return NULL;
	}
	return load(lib, name, at, d);
}

/* --- rendering --------------------------------------------------------- */

struct render {
	struct buf *out;
	struct diags *d;
	const struct tmpl_value *ctx[MAX_CTX];	/* [0] is the data given */
	size_t depth;
};

static const struct tmpl_value *
member(const struct tmpl_value *obj, const char *name, size_t len)
{
	const struct member *m;

	if (obj == NULL || obj->kind != VALUE_OBJECT)
		return NULL;
	for (m = obj->members; m != NULL; m = m->next)
		if (strlen(m->name) == len && memcmp(m->name, name, len) == 0)
			return m->v;
	return NULL;
}

/* Mustache lookup: the first part of "a.b.c" in the innermost context that
 * has it, the rest strictly inside; "." is the innermost context. */
static const struct tmpl_value *
lookup(const struct render *r, const char *name)
{
	const struct tmpl_value *v = NULL;
	const char *dot;
	size_t i, len;

	if (strcmp(name, ".") == 0)
		return r->ctx[r->depth - 1];
	dot = strchr(name, '.');
	len = dot != NULL ? (size_t)(dot - name) : strlen(name);
	for (i = r->depth; i > 0 && v == NULL; i--)
		v = member(r->ctx[i - 1], name, len);
	while (v != NULL && dot != NULL) {
		name = dot + 1;
		dot = strchr(name, '.');
		len = dot != NULL ? (size_t)(dot - name) : strlen(name);
		v = member(v, name, len);
	}
	return v;
}

static int
truthy(const struct tmpl_value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_BOOL:
		return v->yes;
	case VALUE_LIST:
		return v->first != NULL;
	case VALUE_TEXT:
	case VALUE_HTML:
		return v->len > 0;
	default:
		return 1;
	}
}

static int render_nodes(struct render *r, const char *relname,
	    const struct node *n);

static int
render_in(struct render *r, const char *relname, const struct node *n,
    const struct tmpl_value *v)
{
	int rc;

	if (r->depth == MAX_CTX)
		return diag_error(r->d, (struct pos){ relname, n->line, n->col },
		    "sections are nested more than %d deep",
		    MAX_CTX);
	r->ctx[r->depth++] = v;
	rc = render_nodes(r, relname, n->child);
	r->depth--;
	return rc;
}

static int
render_section(struct render *r, const char *relname, const struct node *n)
{
	const struct tmpl_value *v = lookup(r, n->s);
	const struct item *it;

	if (!truthy(v))
		return 0;
	switch (v->kind) {
	case VALUE_BOOL:
		/* A yes/no value only decides: the context stays. */
		return render_nodes(r, relname, n->child);
	case VALUE_LIST:
		for (it = v->first; it != NULL; it = it->next)
			if (render_in(r, relname, n, it->v) != 0)
				return -1;
		return 0;
	default:
		return render_in(r, relname, n, v);
	}
}

static int
render_var(struct render *r, const char *relname, const struct node *n)
{
	const struct tmpl_value *v = lookup(r, n->s);
	struct pos at = { relname, n->line, n->col };

	if (v == NULL)
		return 0;
	if (n->kind == NODE_VAR && v->kind == VALUE_TEXT) {
		buf_put_html(r->out, v->s, v->len);
		return 0;
	}
	if (n->kind == NODE_RAW && v->kind == VALUE_HTML) {
		buf_put(r->out, v->s, v->len);
		return 0;
	}
	if (n->kind == NODE_RAW && v->kind == VALUE_TEXT)
		return diag_error(r->d, at, "'%s' is text, which is always "
		    "escaped — write {{%s}}, not {{{%s}}}", n->s, n->s, n->s);
	if (n->kind == NODE_VAR && v->kind == VALUE_HTML)
		return diag_error(r->d, at, "'%s' is HTML made by daftar — "
		    "write {{{%s}}} to insert it", n->s, n->s);
	return diag_error(r->d, at, "'%s' is a %s and cannot be printed — "
	    "use it as a section: {{#%s}}...{{/%s}}", n->s,
	    value_names[v->kind], n->s, n->s);
}

static int
render_nodes(struct render *r, const char *relname, const struct node *n)
{
	int rc = 0;

	for (; n != NULL && rc == 0; n = n->next) {
		switch (n->kind) {
		case NODE_TEXT:
			buf_put(r->out, n->s, n->len);
			break;
		case NODE_VAR:
		case NODE_RAW:
			rc = render_var(r, relname, n);
			break;
		case NODE_SECTION:
			rc = render_section(r, relname, n);
			break;
		case NODE_INVERTED:
			if (!truthy(lookup(r, n->s)))
				rc = render_nodes(r, relname, n->child);
			break;
		case NODE_PARTIAL:
			rc = render_nodes(r, n->partial->relname,
			    n->partial->first);
			break;
		default:
			break;
		}
	}
	return rc;
}

int
tmpl_render(const struct tmpl *t, const struct tmpl_value *data,
    struct buf *out, struct diags *d)
{
	struct render r;

	r.out = out;
	r.d = d;
	r.ctx[0] = data;
	r.depth = 1;
	return render_nodes(&r, t->relname, t->first);
}
