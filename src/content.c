/* content.c - story/page/leaflet file -> struct doc: front matter + cmark AST. */
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <yaml.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"

/* A story is a few thousand words; a file this big is not one. */
#define CONTENT_MAX_BYTES	(4u << 20)

/* Longest field name content_suggest() compares; longer ones are no typo. */
#define SUGGEST_MAX	63

enum field {
	FIELD_TITLE,
	FIELD_PSEUDONYM,
	FIELD_DISTRICT,
	FIELD_PROGRAM,
	FIELD_DATE,
	FIELD_SUMMARY,
	FIELD_TAGS,
	FIELD_CONSENT,
	FIELD_DRAFT,
	FIELD_PHOTO,
	FIELD_PHOTO_ALT,
	FIELD_FORMAT,
	FIELD_PHONE,
	FIELD_ADDRESS,
	FIELD_WEBSITE,
	FIELD_HIGHLIGHTS,
	FIELD__MAX
};

enum field_type {
	TYPE_TEXT,	/* one value of text */
	TYPE_DATE,	/* Jalali YYYY-MM-DD */
	TYPE_LIST,	/* list of text, block ("- a") or flow ("[a, b]") style */
	TYPE_BOOL,	/* true or false */
	TYPE_HIGHLIGHTS,	/* list of {value or query, label} */
	TYPE__MAX
};

struct field_info {
	const char *name;
	enum field_type type;
	const char *what;	/* completes "add a line 'name: ...' with ..." */
};

static const struct field_info fields[FIELD__MAX] = {
	[FIELD_TITLE] = { "title", TYPE_TEXT, "the title" },
	[FIELD_PSEUDONYM] = { "pseudonym", TYPE_TEXT,
	    "the name the story uses for the woman (never her real name)" },
	[FIELD_DISTRICT] = { "district", TYPE_TEXT, "the municipal district" },
	[FIELD_PROGRAM] = { "program", TYPE_TEXT,
	    "the program's name as written in booklet.yaml" },
	[FIELD_DATE] = { "date", TYPE_DATE,
	    "the Jalali date as YYYY-MM-DD, such as 1403-07-15" },
	[FIELD_SUMMARY] = { "summary", TYPE_TEXT, "a one-sentence summary" },
	[FIELD_TAGS] = { "tags", TYPE_LIST, "a list of tags" },
	[FIELD_CONSENT] = { "consent", TYPE_BOOL,
	    "true once the woman has agreed to publication" },
	[FIELD_DRAFT] = { "draft", TYPE_BOOL, "true or false" },
	[FIELD_PHOTO] = { "photo", TYPE_TEXT,
	    "the photo's path, such as images/x.jpg" },
	[FIELD_PHOTO_ALT] = { "photo_alt", TYPE_TEXT,
	    "a description of the photo" },
	[FIELD_FORMAT] = { "format", TYPE_TEXT, "a5-flyer or a4-trifold" },
	[FIELD_PHONE] = { "phone", TYPE_TEXT,
	    "the phone number in double quotes, such as \"021-0000-1403\"" },
	[FIELD_ADDRESS] = { "address", TYPE_TEXT, "the postal address" },
	[FIELD_WEBSITE] = { "website", TYPE_TEXT, "the program's web page" },
	[FIELD_HIGHLIGHTS] = { "highlights", TYPE_HIGHLIGHTS,
	    "a list of '- value: ...' with 'label: ...' under each" },
};

/*
 * What "daftar new" writes in the fields the editor must fill in
 * (scaffold.c takes them from here).  A story or leaflet that is published
 * with one of them still there is an error: the booklet would print
 * "عنوان داستان را اینجا بنویسید" as a title.
 */
static const struct {
	enum doc_kind kind;
	enum field field;
	const char *text;
} placeholders[] = {
	{ DOC_STORY, FIELD_TITLE, "عنوان داستان را اینجا بنویسید" },
	{ DOC_STORY, FIELD_PSEUDONYM, "نام مستعار" },
	{ DOC_STORY, FIELD_DISTRICT, "نام منطقه" },
	{ DOC_STORY, FIELD_PROGRAM, "نام برنامه" },
	{ DOC_STORY, FIELD_SUMMARY, "یک جمله درباره‌ی داستان" },
	{ DOC_PAGE, FIELD_TITLE, "عنوان صفحه را اینجا بنویسید" },
	{ DOC_LEAFLET, FIELD_TITLE, "عنوان بروشور را اینجا بنویسید" },
	{ DOC_LEAFLET, FIELD_PROGRAM, "نام برنامه" },
};

static const char *
placeholder_of(enum doc_kind kind, enum field field)
{
	size_t i;

	for (i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
		if (placeholders[i].kind == kind && placeholders[i].field == field)
			return placeholders[i].text;
	return NULL;
}

const char *
content_placeholder(enum doc_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < FIELD__MAX; i++)
		if (strcmp(fields[i].name, name) == 0)
			return placeholder_of(kind, (enum field)i);
	return NULL;
}

#define F(x)	(1u << FIELD_##x)

/* The fields each kind of document may have, and those it must have. */
static const unsigned known_fields[DOC_KIND__MAX] = {
	[DOC_STORY] = F(TITLE) | F(PSEUDONYM) | F(DISTRICT) | F(PROGRAM) |
	    F(DATE) | F(SUMMARY) | F(TAGS) | F(CONSENT) | F(DRAFT) | F(PHOTO) |
	    F(PHOTO_ALT),
	[DOC_PAGE] = F(TITLE) | F(SUMMARY),
	[DOC_LEAFLET] = F(TITLE) | F(PROGRAM) | F(FORMAT) | F(PHONE) |
	    F(ADDRESS) | F(WEBSITE) | F(HIGHLIGHTS),
};
static const unsigned required_fields[DOC_KIND__MAX] = {
	[DOC_STORY] = F(TITLE) | F(PSEUDONYM) | F(DISTRICT) | F(PROGRAM) |
	    F(DATE) | F(SUMMARY),
	[DOC_PAGE] = F(TITLE),
	[DOC_LEAFLET] = F(TITLE) | F(PROGRAM),
};

const char *
content_field(enum doc_kind kind, size_t i, int *required)
{
	size_t f;

	for (f = 0; f < FIELD__MAX; f++) {
		if (!(known_fields[kind] & (1u << f)))
			continue;
		if (i-- > 0)
			continue;
		if (required != NULL)
			*required = (required_fields[kind] >> f) & 1u;
		return fields[f].name;
	}
	return NULL;
}

/* Reading the front matter of one file. */
struct fm {
	struct arena *a;	/* where the doc's strings go */
	struct diags *d;
	struct doc *doc;
	yaml_document_t *y;	/* the front matter, borrowed */
	int line0;		/* file line of the YAML's first line */
	unsigned seen;		/* fields present, by bit */
	struct pos placeholder_at;	/* the first field still holding */
	const char *placeholder;	/* its placeholder_of() text, or NULL */
	const char *placeholder_field;
};

/*
 * UTF-8 and positions.
 */

/* Length of the well-formed UTF-8 sequence at s[0..n) (Unicode table 3-7:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

/* The position of byte off of s, whose first line is line line0 of relname;
 * s[0..off) is UTF-8 without NUL, so the column counts characters. */
static struct pos
offset_pos(const char *relname, const char *s, size_t off, int line0)
{
	struct pos at = { relname, line0, 1 };
	size_t i, bol = 0;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			at.line++;
			bol = i + 1;
		}
	}
	at.col = diag_char_col(s + bol, off - bol);
	return at;
}

int
content_check_utf8(const char *s, size_t len, const char *relname,
    struct diags *d)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	/* Notepad's "Unicode" is UTF-16: a byte-order mark, or a NUL after
	 * every ASCII letter.  Say so rather than "NUL byte". */
	if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
	    (len >= 4 && u[0] && u[0] < 0x80 && !u[1] && u[2] && u[2] < 0x80 && !u[3]) ||
	    (len >= 4 && !u[0] && u[1] && u[1] < 0x80 && !u[2] && u[3] && u[3] < 0x80))
		return diag_error(d, offset_pos(relname, s, 0, 1),
		    "the file is saved as UTF-16 — save it as UTF-8 "
		    "(in Notepad: Save As, Encoding: UTF-8)");
	for (i = 0; i < len; i += n) {
		if (u[i] == '\0')
			return diag_error(d, offset_pos(relname, s, i, 1),
			    "NUL byte in the file — is it a text file? save it as UTF-8 text");
		if ((n = utf8_seq(u + i, len - i)) == 0)
			/* Persian text that is not UTF-8 is most often Windows-1256. */
			return diag_error(d, offset_pos(relname, s, i, 1),
			    "invalid UTF-8 byte 0x%02X — save the file as UTF-8 "
			    "(it may have been saved as Windows-1256 or another legacy encoding)",
			    u[i]);
	}
	return 0;
}

/*
 * YAML errors and misspelt names.
 */

/* What to do about libyaml's most common complaints. */
static const struct {
	const char *problem;	/* part of libyaml's problem text */
	const char *hint;
} yaml_hints[] = {
	{ "mapping values are not allowed",
	    "put the value in double quotes when it contains ': '" },
	{ "tab", "indent with spaces, not tabs" },
	{ "cannot start any token",
	    "indent with spaces, and put a value that starts with @, ` or % in double quotes" },
	{ "could not find expected ':'",
	    "write each field as 'name: value' on one line, or put a long value in double quotes" },
	{ "did not find expected key",
	    "start the fields of one level in the same column, and close every quote" },
	{ "did not find expected ',' or ']'",
	    "close the list with ']', and put an item holding a comma in double quotes" },
	{ "undefined alias",
	    "put a value that starts with * or & in double quotes" },
	{ "end of stream", "close the quote or bracket opened here" },
	{ "control characters", "delete the invisible control character" },
};

static const char *
yaml_hint(const char *problem)
{
	size_t i;

	for (i = 0; problem != NULL && i < sizeof yaml_hints / sizeof yaml_hints[0]; i++)
		if (strstr(problem, yaml_hints[i].problem) != NULL)
			return yaml_hints[i].hint;
	return "check the quoting and the indentation here";
}

int
content_yaml_error(const struct yaml_parser_s *p, const char *yaml,
    size_t len, const char *relname, int line0, struct diags *d)
{
	struct pos at = { relname, line0, 1 };
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem != NULL ? p->problem : "unknown problem";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		at.line = 0;
		return diag_error(d, at, "out of memory while reading the YAML — "
		    "close other programs and run again");
	case YAML_READER_ERROR:
		/* The reader counts bytes, not lines: find the line ourselves. */
		at = offset_pos(relname, yaml,
		    p->problem_offset < len ? p->problem_offset : len, line0);
		return diag_error(d, at, "invalid YAML: %s — %s", problem,
		    yaml_hint(problem));
	default:
		break;
	}
	/*
	 * An unclosed quote or bracket, or a key without ':', is found lines
	 * later; where it was opened is where the author must look.
	 */
	if (p->context != NULL && (strstr(p->context, "simple key") != NULL ||
	    strstr(p->context, "quoted scalar") != NULL ||
	    strstr(p->context, "flow") != NULL))
		m = &p->context_mark;
	at.line = line0 + (int)m->line;
	at.col = (int)m->column + 1;
	return diag_error(d, at, "invalid YAML: %s — %s", problem,
	    yaml_hint(problem));
}

/* Optimal string alignment distance between a and b (both at most
 * SUGGEST_MAX bytes), ASCII case folded: a swap of two neighbours is one
 * edit, so "titel" is one from "title". */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[3][SUGGEST_MAX + 1];
	size_t *pp = row[0], *p = row[1], *c = row[2], *t, i, j, cost, v;
	char x[SUGGEST_MAX], y[SUGGEST_MAX];

	for (i = 0; i < la; i++)
		x[i] = (char)tolower((unsigned char)a[i]);
	for (j = 0; j < lb; j++)
		y[j] = (char)tolower((unsigned char)b[j]);
	for (j = 0; j <= lb; j++)
		p[j] = j;
	for (i = 1; i <= la; i++) {
		c[0] = i;
		for (j = 1; j <= lb; j++) {
			cost = x[i - 1] != y[j - 1];
			v = p[j - 1] + cost;
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && cost && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
		}
		/* Rotate the rows: the oldest one is overwritten next. */
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}

const char *
content_suggest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t lw = strlen(word), lk, dist, limit, best_dist;

	if (lw == 0 || lw > SUGGEST_MAX)
		return NULL;
	/* One slip in a short name, two in a longer one; more is another word. */
	limit = lw <= 3 ? 1 : 2;
	best_dist = limit + 1;
	for (; *known != NULL; known++) {
		if ((lk = strlen(*known)) > SUGGEST_MAX)
			continue;
		dist = edit_distance(word, lw, *known, lk);
		if (dist < best_dist) {
			best = *known;
			best_dist = dist;
		}
	}
	return best;
}

/*
 * Splitting the file.
 */

static size_t
line_end(const char *s, size_t len, size_t from)
{
	const char *nl = memchr(s + from, '\n', len - from);

	return nl != NULL ? (size_t)(nl - s) : len;
}

/* A fence is a line of "---" with nothing after it but blanks; a CRLF file
 * leaves its '\r' there too. */
static int
is_fence(const char *s, size_t n)
{
	size_t i;

	if (n < 3 || memcmp(s, "---", 3) != 0)
		return 0;
	for (i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The front matter runs from a first line "---" to the next "---" line. */
int
content_split(const char *s, size_t len, const char *relname,
    struct content_split *sp, struct diags *d)
{
	struct pos at = { relname, 1, 1 };
	size_t bol, eol;
	int line;

	eol = line_end(s, len, 0);
	if (!is_fence(s, eol))
		return diag_error(d, at, "missing front matter — start the file "
		    "with a line '---', then the fields ('title: ...' and so on), "
		    "then another line '---'");
	sp->yaml_off = eol < len ? eol + 1 : len;
	for (bol = sp->yaml_off, line = 2; bol < len; bol = eol + 1, line++) {
		eol = line_end(s, len, bol);
		if (is_fence(s + bol, eol - bol)) {
			sp->yaml_len = bol - sp->yaml_off;
			sp->body_off = eol < len ? eol + 1 : len;
			sp->body_line = line + 1;
			return 0;
		}
		if (eol == len)
			break;
	}
	return diag_error(d, at, "front matter is not closed — add a line '---' "
	    "after its last field");
}

/*
 * Reading the fields.
 */

static struct pos
mark_pos(const struct fm *f, yaml_mark_t m)
{
	struct pos at = { f->doc->path, f->line0 + (int)m.line, (int)m.column + 1 };

	return at;
}

static const char *
node_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a group of fields";
	default:
		return "text";
	}
}

int
content_yaml_is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

static const char *
scalar_text(struct fm *f, const yaml_node_t *n)
{
	return arena_strndup(f->a, (const char *)n->data.scalar.value,
	    n->data.scalar.length);
}

int
content_body_col(const struct doc *doc, int line, int bytecol)
{
	const char *p = doc->body, *end = doc->body + doc->body_len;

	if (p == NULL || line < 1 || bytecol < 1)
		return bytecol;
	while (--line > 0 && p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL)
		p++;
	if (p == NULL || p >= end)
		return bytecol;
	return diag_char_col(p, (size_t)bytecol - 1);
}

/* The byte at 1-based byte column bytecol of body line line of doc, or 0
 * when there is none. */
static char
source_byte(const struct doc *doc, int line, int bytecol)
{
	const char *p = doc->body, *end = doc->body + doc->body_len, *nl;

	if (p == NULL || line < 1 || bytecol < 1)
		return 0;
	while (--line > 0 && p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL)
		p++;
	if (p == NULL || p >= end)
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	if ((size_t)bytecol > (size_t)((nl != NULL ? nl : end) - p))
		return 0;
	return p[bytecol - 1];
}

/*
 * The character column where link n starts.  cmark 0.30 places an autolink
 * ("<javascript:x>") on a paragraph's later line too far right, by the bytes
 * of the lines before it, while the text inside it is placed right: when the
 * byte before that text is the '<', the link starts there.
 */
static int
link_col(const struct doc *doc, cmark_node *n)
{
	cmark_node *c = cmark_node_first_child(n);
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);

	if (c != NULL && cmark_node_get_start_line(c) == line &&
	    source_byte(doc, line, cmark_node_get_start_column(c) - 1) == '<')
		col = cmark_node_get_start_column(c) - 1;
	return content_body_col(doc, line, col);
}

struct pos
content_node_pos(const struct doc *doc, struct cmark_node *n)
{
	struct pos at = { doc->path, 0, 0 };
	int line = 0;

	/* Inline nodes made by cmark's own passes may carry no position:
	 * their container's is the nearest place. */
	for (; n != NULL; n = cmark_node_parent(n))
		if ((line = cmark_node_get_start_line(n)) > 0)
			break;
	if (n == NULL)
		return at;
	at.line = doc->body_line + line - 1;
	at.col = cmark_node_get_type(n) == CMARK_NODE_LINK ? link_col(doc, n) :
	    content_body_col(doc, line, cmark_node_get_start_column(n));
	return at;
}

enum content_link
content_link_check(const char *u, struct pos at, struct diags *d)
{
	const char *colon = strchr(u, ':'), *slash = strchr(u, '/');

	if (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 ||
	    strncmp(u, "mailto:", 7) == 0)
		return CONTENT_LINK_WEB;
	/* "a/b:c" is a path with a colon in it, not a scheme. */
	if (colon == NULL || (slash != NULL && slash < colon))
		return CONTENT_LINK_LOCAL;
	diag_warn(d, at, "link to '%s' dropped: only http, https and mailto "
	    "links are allowed — link to a web page or write the address as "
	    "text", u);
	return CONTENT_LINK_DROPPED;
}

int
content_path_inside(const char *p)
{
	const char *c = p;

	if (p[0] == '/' || strchr(p, '\\') != NULL)
		return 0;
	for (;;) {
		if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || c[2] == '\0'))
			return 0;
		if ((c = strchr(c, '/')) == NULL)
			return 1;
		c++;
	}
}

static const char **
text_slot(struct doc *doc, enum field i)
{
	switch (i) {
	case FIELD_TITLE:
		return &doc->title;
	case FIELD_PSEUDONYM:
		return &doc->pseudonym;
	case FIELD_DISTRICT:
		return &doc->district;
	case FIELD_PROGRAM:
		return &doc->program;
	case FIELD_SUMMARY:
		return &doc->summary;
	case FIELD_PHOTO:
		return &doc->photo;
	case FIELD_PHOTO_ALT:
		return &doc->photo_alt;
	case FIELD_FORMAT:
		return &doc->format;
	case FIELD_PHONE:
		return &doc->phone;
	case FIELD_ADDRESS:
		return &doc->address;
	case FIELD_WEBSITE:
		return &doc->website;
	default:
		return NULL;
	}
}

/* The first HTML tag in s ("<script", "</b", "<!--"), or NULL: a '<' that
 * opens a tag name, a closing tag or a comment.  "a < b" is no tag. */
static const char *
find_markup(const char *s)
{
	for (; (s = strchr(s, '<')) != NULL; s++)
		if (isalpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!' ||
		    s[1] == '?')
			return s;
	return NULL;
}

/*
 * Markup in a field is never run: the site escapes every value and the PDF
 * prints it as letters.  Yet an editor who pasted "<b>" or "<script>" into a
 * title sees it printed as code, so say so, at the value, and quote the tag.
 */
static void
warn_markup(struct fm *f, const char *name, const yaml_node_t *v,
    const char *s)
{
	const char *tag = find_markup(s);
	size_t n = 1;

	if (tag == NULL)
		return;
	while (n < 24 && tag[n] != '\0' && tag[n] != '>' && tag[n] != ' ')
		n++;
	diag_warn(f->d, mark_pos(f, v->start_mark), "field '%s' holds HTML "
	    "markup ('%.*s%s') — it is printed as the letters you typed, never "
	    "run as HTML; remove the markup", name, (int)n, tag,
	    tag[n] == '>' ? ">" : "");
}

/* Says why the photo path p leaves the content folder, in the words
 * image.c uses for an image in the text. */
static void
photo_outside(struct fm *f, const yaml_node_t *v, const char *p)
{
	struct pos at = mark_pos(f, v->start_mark);

	if (p[0] == '/')
		diag_error(f->d, at, "photo path '%s' is absolute — write it "
		    "relative to the content folder, such as images/photo.jpg", p);
	else if (strchr(p, '\\') == NULL)
		diag_error(f->d, at, "photo path '%s' climbs out with '..' — move "
		    "the image into content/images/ and write images/NAME", p);
	else
		diag_error(f->d, at, "photo path '%s' has a '\\' — write the "
		    "folders with '/', such as images/photo.jpg", p);
}

static void
read_text(struct fm *f, enum field i, const yaml_node_t *v)
{
	const char *name = fields[i].name;
	const char **slot = text_slot(f->doc, i);

	if (v->type != YAML_SCALAR_NODE) {
		diag_error(f->d, mark_pos(f, v->start_mark), "field '%s' must be "
		    "text, not %s — write %s on the same line, after '%s:'",
		    name, node_kind(v), fields[i].what, name);
		return;
	}
	*slot = scalar_text(f, v);
	if (f->placeholder == NULL && placeholder_of(f->doc->kind, i) != NULL &&
	    strcmp(*slot, placeholder_of(f->doc->kind, i)) == 0) {
		f->placeholder = *slot;
		f->placeholder_field = name;
		f->placeholder_at = mark_pos(f, v->start_mark);
	}
	if (i != FIELD_PHOTO)
		warn_markup(f, name, v, *slot);
	if (i == FIELD_PHOTO) {
		struct pos at = mark_pos(f, v->start_mark);

		f->doc->photo_line = at.line;
		f->doc->photo_col = at.col;
	}
	/* A path out of the folder would publish a file from elsewhere. */
	if (i == FIELD_PHOTO && !content_path_inside(*slot))
		photo_outside(f, v, *slot);
}

/* The years a story of the office can carry, as booklet.yaml's 'year'
 * allows them. */
#define DATE_YEAR_MIN	1300
#define DATE_YEAR_MAX	1500

/*
 * A well-formed date can still be no Jalali date of ours: "2024-10-06" parses
 * (Dey 2024 exists in the calendar) but is an editor writing the Gregorian
 * date, and would sort the story six centuries ahead.  Returns 1 when the
 * year of f->doc->date (parsed from s) is in range, else 0 with an error that
 * gives the Jalali date when s reads as a Gregorian one.
 */
static int
date_in_range(struct fm *f, const yaml_node_t *v, const char *s)
{
	struct fa_date j = f->doc->date, g;
	struct pos at = mark_pos(f, v->start_mark);

	if (j.year >= DATE_YEAR_MIN && j.year <= DATE_YEAR_MAX)
		return 1;
	if (v->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    v->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		at.col++;
	g = fa_gregorian_to_jalali(j);
	if (g.year >= DATE_YEAR_MIN && g.year <= DATE_YEAR_MAX)
		diag_error(f->d, at, "invalid date '%s': "
		    "the year %d looks Gregorian — write the Jalali date, "
		    "%04d-%02d-%02d", s, j.year, g.year, g.month, g.day);
	else
		diag_error(f->d, at, "invalid date '%s': "
		    "the year must be from %d to %d — write a Jalali date as "
		    "YYYY-MM-DD, such as 1403-07-15", s, DATE_YEAR_MIN,
		    DATE_YEAR_MAX);
	return 0;
}

static void
read_date(struct fm *f, const yaml_node_t *v)
{
	struct pos at = mark_pos(f, v->start_mark);
	const char *s, *why = "not a date";
	int errcol = 1;

	if (v->type != YAML_SCALAR_NODE) {
		diag_error(f->d, at, "field 'date' must be text, not %s — write %s",
		    node_kind(v), fields[FIELD_DATE].what);
		return;
	}
	s = scalar_text(f, v);
	if (fa_jalali_parse(s, strlen(s), &f->doc->date, &errcol, &why) == 0) {
		if (date_in_range(f, v, s))
			f->doc->has_date = 1;
		return;
	}
	/* errcol counts in the value; a quote before it is one more column. */
	if (v->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    v->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		at.col++;
	if (errcol > 1)
		at.col += errcol - 1;
	diag_error(f->d, at, "invalid date '%s': %s — write a real Jalali date "
	    "as YYYY-MM-DD, such as 1403-07-15", s, why);
}

static void
read_tags(struct fm *f, const yaml_node_t *v)
{
	struct doc *doc = f->doc;
	yaml_node_item_t *it;
	yaml_node_t *t;
	size_t n;

	if (v->type == YAML_SCALAR_NODE) {
		/* "tags: خیاطی" is a list of one. */
		doc->tags = arena_array(f->a, 1, sizeof *doc->tags);
		doc->tags[0] = scalar_text(f, v);
		warn_markup(f, "tags", v, doc->tags[0]);
		doc->ntags = 1;
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		diag_error(f->d, mark_pos(f, v->start_mark), "field 'tags' must be "
		    "a list, not %s — write one '- tag' line per tag, or [tag, tag]",
		    node_kind(v));
		return;
	}
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	doc->tags = arena_array(f->a, n, sizeof *doc->tags);
	doc->ntags = 0;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		t = yaml_document_get_node(f->y, *it);
		if (content_yaml_is_null(t))
			continue;
		if (t->type != YAML_SCALAR_NODE) {
			diag_error(f->d, mark_pos(f, t->start_mark), "tag must be "
			    "text, not %s — write one '- tag' line per tag, or "
			    "[tag, tag]", node_kind(t));
			continue;
		}
		doc->tags[doc->ntags] = scalar_text(f, t);
		warn_markup(f, "tags", t, doc->tags[doc->ntags]);
		doc->ntags++;
	}
}

static void
read_bool(struct fm *f, enum field i, const yaml_node_t *v)
{
	const char *name = fields[i].name, *s;
	int *slot = i == FIELD_CONSENT ? &f->doc->consent : &f->doc->draft;

	if (v->type != YAML_SCALAR_NODE) {
		diag_error(f->d, mark_pos(f, v->start_mark), "field '%s' must be "
		    "true or false, not %s — write '%s: true' or '%s: false'",
		    name, node_kind(v), name, name);
		return;
	}
	s = (const char *)v->data.scalar.value;
	if (v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		/* "true" in quotes is text: a consent must not hinge on a typo. */
		diag_error(f->d, mark_pos(f, v->start_mark), "field '%s' must be "
		    "true or false, not the quoted text \"%s\" — remove the quotes",
		    name, s);
		return;
	}
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)
		*slot = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)
		*slot = 0;
	else
		diag_error(f->d, mark_pos(f, v->start_mark), "field '%s' must be "
		    "true or false, not '%s' — write '%s: true' or '%s: false'",
		    name, s, name, name);
}

/* One "- value: ..., label: ..." item into h.  Returns 0, or -1 with an
 * error at the item. */
static int
read_highlight(struct fm *f, const yaml_node_t *m, struct doc_highlight *h)
{
	struct pos at = mark_pos(f, m->start_mark);
	yaml_node_pair_t *pr;
	const yaml_node_t *k, *v;
	const char *name;

	memset(h, 0, sizeof *h);
	h->line = at.line;
	h->col = at.col;
	if (m->type != YAML_MAPPING_NODE)
		return diag_error(f->d, at, "highlight must be a group of fields, "
		    "not %s — write '- value: 17000' with 'label: ...' under it",
		    node_kind(m));
	for (pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(f->y, pr->key);
		v = yaml_document_get_node(f->y, pr->value);
		name = k->type == YAML_SCALAR_NODE ?
		    (const char *)k->data.scalar.value : "";
		if (v->type != YAML_SCALAR_NODE || content_yaml_is_null(v))
			return diag_error(f->d, mark_pos(f, v->start_mark),
			    "highlight field '%s' must be text — write it on the "
			    "same line, after '%s:'", name, name);
		if (strcmp(name, "value") == 0)
			h->value = scalar_text(f, v);
		else if (strcmp(name, "query") == 0)
			h->query = scalar_text(f, v);
		else if (strcmp(name, "label") == 0)
			h->label = scalar_text(f, v);
		else
			return diag_error(f->d, mark_pos(f, k->start_mark),
			    "unknown highlight field '%s' — use value (or query) "
			    "and label", name);
	}
	if ((h->value == NULL) == (h->query == NULL))
		return diag_error(f->d, at, "highlight needs exactly one of "
		    "'value' and 'query' — give the number as 'value: 17000' "
		    "or an SQL 'query:'");
	if (h->label == NULL)
		return diag_error(f->d, at, "highlight has no 'label' — add "
		    "'label: ...' with a short caption under its value");
	return 0;
}

static void
read_highlights(struct fm *f, const yaml_node_t *v)
{
	struct doc *doc = f->doc;
	yaml_node_item_t *it;
	size_t n;

	if (v->type != YAML_SEQUENCE_NODE) {
		diag_error(f->d, mark_pos(f, v->start_mark), "field 'highlights' "
		    "must be a list, not %s — write %s", node_kind(v),
		    fields[FIELD_HIGHLIGHTS].what);
		return;
	}
	n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	doc->highlights = arena_array(f->a, n + 1, sizeof *doc->highlights);
	doc->nhighlights = 0;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
		if (read_highlight(f, yaml_document_get_node(f->y, *it),
		    &doc->highlights[doc->nhighlights]) == 0)
			doc->nhighlights++;
}

int
content_read_highlights(struct arena *a, struct yaml_document_s *y,
    const struct yaml_node_s *list, const char *relname, int line0,
    struct doc_highlight **out, size_t *n, struct diags *d)
{
	struct doc doc;
	struct fm f;
	size_t errors = diag_count(d, DIAG_ERROR);

	memset(&doc, 0, sizeof doc);
	doc.path = relname;
	memset(&f, 0, sizeof f);
	f.a = a;
	f.d = d;
	f.doc = &doc;
	f.y = y;
	f.line0 = line0;
	read_highlights(&f, list);
	*out = doc.highlights;
	*n = doc.nhighlights;
	return diag_count(d, DIAG_ERROR) > errors ? -1 : 0;
}

static void
unknown_field(struct fm *f, const yaml_node_t *k)
{
	const char *known[FIELD__MAX + 1], *name, *guess;
	unsigned mask = known_fields[f->doc->kind];
	size_t i, n = 0;

	for (i = 0; i < FIELD__MAX; i++)
		if (mask & (1u << i))
			known[n++] = fields[i].name;
	known[n] = NULL;
	name = (const char *)k->data.scalar.value;
	if ((guess = content_suggest(name, known)) != NULL)
		diag_warn(f->d, mark_pos(f, k->start_mark),
		    "unknown field '%s' — did you mean '%s'?", name, guess);
	else
		diag_warn(f->d, mark_pos(f, k->start_mark),
		    "unknown field '%s' — remove it, or check its spelling", name);
}

static void
read_field(struct fm *f, const yaml_node_t *k, const yaml_node_t *v)
{
	const char *name;
	size_t i;

	if (k->type != YAML_SCALAR_NODE) {
		diag_error(f->d, mark_pos(f, k->start_mark), "field name must be "
		    "a word, not %s — write fields as 'name: value'", node_kind(k));
		return;
	}
	name = (const char *)k->data.scalar.value;
	for (i = 0; i < FIELD__MAX; i++)
		if (strcmp(name, fields[i].name) == 0)
			break;
	if (i == FIELD__MAX || !(known_fields[f->doc->kind] & (1u << i))) {
		unknown_field(f, k);
		return;
	}
	if (f->seen & (1u << i)) {
		diag_error(f->d, mark_pos(f, k->start_mark), "field '%s' is given "
		    "twice — keep one of the two", name);
		return;
	}
	f->seen |= 1u << i;
	if (content_yaml_is_null(v)) {
		if (required_fields[f->doc->kind] & (1u << i))
			diag_error(f->d, mark_pos(f, k->start_mark), "field '%s' is "
			    "empty — write %s after '%s:'", name, fields[i].what, name);
		return;
	}
	switch (fields[i].type) {
	case TYPE_TEXT:
		read_text(f, (enum field)i, v);
		break;
	case TYPE_DATE:
		read_date(f, v);
		break;
	case TYPE_LIST:
		read_tags(f, v);
		break;
	case TYPE_BOOL:
		read_bool(f, (enum field)i, v);
		break;
	case TYPE_HIGHLIGHTS:
		read_highlights(f, v);
		break;
	default:
		break;
	}
}

static void
read_fields(struct fm *f, const yaml_node_t *root)
{
	yaml_node_pair_t *pr;

	if (root->type != YAML_MAPPING_NODE) {
		diag_error(f->d, mark_pos(f, root->start_mark), "front matter must "
		    "be fields, not %s — write one 'name: value' per line", node_kind(root));
		return;
	}
	for (pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++)
		read_field(f, yaml_document_get_node(f->y, pr->key),
		    yaml_document_get_node(f->y, pr->value));
}

/* Parses yaml[0..len) into the doc's fields.  Returns 0, or -1 when it is
 * not YAML at all (field errors are only recorded in f->d).  The parser and
 * the document are libyaml's heap objects: both are deleted before returning. */
static int
read_front(struct fm *f, const char *yaml, size_t len)
{
	yaml_parser_t p;
	yaml_document_t y;
	yaml_node_t *root;

	if (!yaml_parser_initialize(&p)) {
		struct pos at = { f->doc->path, 0, 0 };

		return diag_error(f->d, at, "out of memory while "
		    "reading the front matter — close other programs and run again");
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	/*
	 * The document API leaves every scalar as text (libyaml resolves no
	 * tags), so 1403-06-31 stays a string instead of failing as a YAML 1.1
	 * timestamp.
	 */
	if (!yaml_parser_load(&p, &y)) {
		content_yaml_error(&p, yaml, len, f->doc->path, f->line0, f->d);
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	f->y = &y;
	if ((root = yaml_document_get_root_node(&y)) != NULL)
		read_fields(f, root);
	f->y = NULL;
	yaml_document_delete(&y);
	return 0;
}

static void
check_required(struct fm *f)
{
	struct pos at = { f->doc->path, 1, 1 };
	unsigned missing = required_fields[f->doc->kind] & ~f->seen;
	size_t i;

	for (i = 0; i < FIELD__MAX; i++)
		if (missing & (1u << i))
			diag_error(f->d, at, "missing field '%s' — add a line "
			    "'%s: ...' to the front matter, giving %s",
			    fields[i].name, fields[i].name, fields[i].what);
}

/* "stories/x.md" -> "x" */
static const char *
slug_of(struct arena *a, const char *relpath)
{
	const char *base = strrchr(relpath, '/');
	size_t n;

	base = base != NULL ? base + 1 : relpath;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	return arena_strndup(a, base, n);
}

struct doc *
content_load(struct arena *a, const char *dir, const char *relpath,
    enum doc_kind kind, struct diags *d)
{
	size_t nerr = diag_count(d, DIAG_ERROR), len;
	struct arena file;
	struct doc *doc = NULL;
	struct content_split sp = { 0, 0, 0, 0 };
	struct fm f;
	char *s;

	/* The file's bytes are needed only until cmark has copied the body. */
	arena_init(&file);
	s = fileio_read(&file, arena_printf(&file, "%s/%s", dir, relpath), relpath,
	    CONTENT_MAX_BYTES, &len, d);
	if (s == NULL)
		goto out;
	/* Editors on Windows save a BOM; it is not part of the text. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (content_check_utf8(s, len, relpath, d) != 0 ||
	    content_split(s, len, relpath, &sp, d) != 0)
		goto out;

	doc = arena_alloc(a, sizeof *doc);
	doc->kind = kind;
	doc->path = arena_strdup(a, relpath);
	doc->slug = slug_of(a, relpath);
	doc->body_line = sp.body_line;
	memset(&f, 0, sizeof f);
	f.a = a;
	f.d = d;
	f.doc = doc;
	f.line0 = 2;
	/* Fields a syntax error hid are not missing: say nothing of them. */
	if (read_front(&f, s + sp.yaml_off, sp.yaml_len) == 0)
		check_required(&f);
	if (diag_count(d, DIAG_ERROR) > nerr) {
		doc = NULL;
		goto out;
	}
	if (doc->draft)
		doc->excluded = DOC_DRAFT;
	else if (kind == DOC_STORY && !doc->consent)
		doc->excluded = DOC_NO_CONSENT;
	else
		doc->excluded = DOC_PUBLISHED;
	/* Only what is published: a new story waits for its consent with
	 * its placeholders, and says nothing. */
	if (doc->excluded == DOC_PUBLISHED && f.placeholder != NULL) {
		diag_error(d, f.placeholder_at, "field '%s' still holds '%s', "
		    "the text 'daftar new' put there — write the %s's own %s "
		    "before it is published", f.placeholder_field,
		    f.placeholder, kind == DOC_STORY ? "story" : kind == DOC_PAGE ?
		    "page" : "leaflet", f.placeholder_field);
		doc = NULL;
		goto out;
	}

	doc->body = arena_strndup(a, s + sp.body_off, len - sp.body_off);
	doc->body_len = len - sp.body_off;
	doc->root = cmark_parse_document(s + sp.body_off, len - sp.body_off,
	    CMARK_OPT_VALIDATE_UTF8);
	if (doc->root == NULL) {
		struct pos at = { relpath, sp.body_line, 1 };

		diag_error(d, at, "cannot parse the Markdown (out of memory?) — "
		    "close other programs and run again");
		doc = NULL;
	}
out:
	arena_release(&file);
	return doc;
}

void
content_free(struct doc *doc)
{
	if (doc == NULL || doc->root == NULL)
		return;
	cmark_node_free(doc->root);
	doc->root = NULL;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
is_md(const char *name)
{
	size_t n = strlen(name);

	/* Dot files are editors' locks and backups (".#x.md"), not stories. */
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/*
 * Two published files whose names differ only in letter case ("x.md" and
 * "X.md") get two pages here, stories/x/ and stories/X/, but one page on a
 * disk that ignores case (Windows, macOS), where the second overwrites the
 * first.  An error at the later file, naming the earlier.
 */
static void
check_case_twins(struct doc **docs, size_t n, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (docs[i]->excluded == DOC_PUBLISHED &&
			    docs[j]->excluded == DOC_PUBLISHED &&
			    strcasecmp(docs[i]->slug, docs[j]->slug) == 0) {
				diag_error(d, (struct pos){ docs[i]->path, 0, 0 },
				    "the name '%s' differs from %s only in "
				    "letter case — on Windows and macOS the "
				    "two would be one page; rename one file",
				    docs[i]->slug, docs[j]->path);
				break;
			}
}

struct doc **
content_load_dir(struct arena *a, const char *dir, const char *sub,
    enum doc_kind kind, struct diags *d)
{
	struct pos at = { sub, 0, 0 };
	struct dirent *de;
	struct doc **docs, *doc;
	const char **names = NULL;
	size_t n = 0, cap = 0, i, m = 0;
	DIR *dp;

	if ((dp = opendir(arena_printf(a, "%s/%s", dir, sub))) == NULL) {
		diag_error(d, at, "cannot read the folder: %s — check that "
		    "'%s/%s' exists", strerror(errno), dir, sub);
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!is_md(de->d_name))
			continue;
		if (n == cap) {
			names = arena_grow(a, names, cap, cap ? cap * 2 : 32,
			    sizeof *names);
			cap = cap ? cap * 2 : 32;
		}
		names[n++] = arena_strdup(a, de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	docs = arena_array(a, n + 1, sizeof *docs);
	for (i = 0; i < n; i++) {
		doc = content_load(a, dir, arena_printf(a, "%s/%s", sub, names[i]),
		    kind, d);
		if (doc != NULL)
			docs[m++] = doc;
	}
	docs[m] = NULL;
	check_case_twins(docs, m, d);
	return docs;
}
