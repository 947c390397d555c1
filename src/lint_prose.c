/* lint_prose.c - which bytes of a content file are prose: cmark for the body, libyaml for the front matter. */
#include <string.h>

#include <cmark.h>
#include <yaml.h>

#include "arena.h"
#include "content.h"
#include "diag.h"
#include "lint_int.h"

/*
 * Which bytes are prose.
 */

static void
set_mask(struct lint *l, size_t start, size_t end, unsigned char kind)
{
	if (end > start)
		memset(l->mask + start, kind, end - start);
}

static void
add_block(struct lint *l, size_t start, size_t end)
{
	if (end <= start)
		return;
	if (l->nblocks == l->capblocks) {
		size_t cap = l->capblocks ? l->capblocks * 2 : 64;

		l->blocks = arena_grow(l->a, l->blocks, l->capblocks, cap,
		    sizeof *l->blocks);
		l->capblocks = cap;
	}
	l->blocks[l->nblocks].start = start;
	l->blocks[l->nblocks].end = end;
	l->nblocks++;
}

/* The next prose byte at or after i in [i, end), or end. */
static size_t
next_prose(const struct lint *l, size_t i, size_t end)
{
	while (i < end && l->mask[i] == NOT_PROSE)
		i++;
	return i;
}

/* The length of the run of c starting at prose byte i. */
static size_t
run_of(const struct lint *l, size_t i, size_t end, char c)
{
	size_t k = i;

	while (k < end && l->mask[k] != NOT_PROSE && l->s[k] == c)
		k++;
	return k - i;
}

/* A code span opening with the n backticks at i: its end (after the
 * closing run), or 0 when nothing closes it and the backticks are text. */
static size_t
code_span_end(const struct lint *l, size_t i, size_t end, size_t n)
{
	size_t k = i + n, r;

	while ((k = next_prose(l, k, end)) < end) {
		if (l->s[k] != '`') {
			k++;
			continue;
		}
		r = run_of(l, k, end, '`');
		if (r == n)
			return k + r;
		k += r;
	}
	return 0;
}

/* After "<" at i: the end of an HTML comment, tag or autolink, or 0. */
static size_t
angle_end(const struct lint *l, size_t i, size_t end)
{
	const char *s = l->s, *e;
	char c = i + 1 < end ? s[i + 1] : '\0';

	if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (e = s + i + 4; e + 3 <= s + end; e++)
			if (memcmp(e, "-->", 3) == 0)
				return (size_t)(e - s) + 3;
		return end;
	}
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
	    c == '!' || c == '?'))
		return 0;
	e = memchr(s + i, '>', end - i);
	return e != NULL ? (size_t)(e - s) + 1 : 0;
}

/* After "&" at i: the end of an entity ("&amp;", "&#1740;"), or 0. */
static size_t
entity_end(const struct lint *l, size_t i, size_t end)
{
	size_t k = i + 1;

	if (k < end && l->s[k] == '#')
		k++;
	while (k < end && k - i < 34 && ((l->s[k] >= 'a' && l->s[k] <= 'z') ||
	    (l->s[k] >= 'A' && l->s[k] <= 'Z') || (l->s[k] >= '0' && l->s[k] <= '9')))
		k++;
	return k < end && k > i + 1 && l->s[k] == ';' ? k + 1 : 0;
}

/* After "](" at i: the end of the link destination and title, after the
 * ')' that closes the '(' (nested parentheses count). */
static size_t
dest_end(const struct lint *l, size_t i, size_t end)
{
	int depth = 0;
	size_t k;

	for (k = i + 1; k < end; k++) {
		if (l->s[k] == '\\' && k + 1 < end) {
			k++;
			continue;
		}
		if (l->s[k] == '(')
			depth++;
		else if (l->s[k] == ')' && --depth == 0)
			return k + 1;
	}
	return end;
}

static int
is_ascii_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Whether s[0..n) is a bare URL or e-mail address. */
static int
is_address(const char *s, size_t n)
{
	size_t k;

	if (n >= 4 && (memcmp(s, "www.", 4) == 0 || memcmp(s, "WWW.", 4) == 0))
		return 1;
	for (k = 0; k + 3 <= n; k++)
		if (memcmp(s + k, "://", 3) == 0)
			return 1;
	for (k = 1; k + 1 < n; k++)
		if (s[k] == '@' && s[k + 1] != ' ' && (unsigned char)s[k - 1] < 0x80 &&
		    s[k - 1] != ' ')
			return 1;
	return 0;
}

/*
 * Clears what is not prose inside the Markdown text of one block: backslash
 * escapes, code spans, HTML (comments, tags, autolinks), entities, link
 * destinations and titles, reference labels, bare URLs and e-mail
 * addresses.  Link text and image descriptions stay prose.
 */
static void
scan_inlines(struct lint *l, size_t start, size_t end)
{
	size_t i = start, k, n;
	const char *s = l->s;

	while ((i = next_prose(l, i, end)) < end) {
		k = 0;
		if (s[i] == '\\' && i + 1 < end && is_ascii_punct(s[i + 1]))
			k = i + 2;
		else if (s[i] == '`') {
			n = run_of(l, i, end, '`');
			if ((k = code_span_end(l, i, end, n)) == 0) {
				i += n;
				continue;
			}
		} else if (s[i] == '<')
			k = angle_end(l, i, end);
		else if (s[i] == '&')
			k = entity_end(l, i, end);
		else if (s[i] == ']' && i + 1 < end && s[i + 1] == '(')
			k = dest_end(l, i + 1, end);
		else if (s[i] == ']' && i + 1 < end && s[i + 1] == '[') {
			const char *e = memchr(s + i + 1, ']', end - i - 1);

			k = e != NULL ? (size_t)(e - s) + 1 : 0;
		}
		if (k > i) {
			set_mask(l, i, k, NOT_PROSE);
			i = k;
		} else
			i++;
	}
	/* Then whole tokens that are addresses, with what sticks to them. */
	for (i = start; i < end;) {
		if (l->mask[i] == NOT_PROSE || s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n') {
			i++;
			continue;
		}
		for (k = i; k < end && l->mask[k] != NOT_PROSE && s[k] != ' ' &&
		    s[k] != '\t' && s[k] != '\n'; k++)
			;
		if (is_address(s + i, k - i))
			set_mask(l, i, k, NOT_PROSE);
		i = k;
	}
}

static size_t
line_end(const struct lint *l, size_t line)
{
	size_t e = line + 1 < l->nlines ? l->bol[line + 1] - 1 : l->len;

	if (e > l->bol[line] && e <= l->len && e > 0 && l->s[e - 1] == '\r')
		e--;
	return e;
}

/* Skips the container prefixes of a paragraph's later line: indentation
 * and one '>' per enclosing block quote. */
static size_t
skip_prefix(const struct lint *l, size_t i, size_t end, int quotes)
{
	while (i < end && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	for (; quotes > 0 && i < end && l->s[i] == '>'; quotes--) {
		i++;
		while (i < end && (l->s[i] == ' ' || l->s[i] == '\t'))
			i++;
	}
	return i;
}

/* Whether s[i..e) is a setext underline ("===", "---") or a link
 * reference definition ("[x]: url"). */
static int
not_text_line(const char *s, size_t i, size_t e, int heading)
{
	size_t k;

	if (heading && i < e && (s[i] == '=' || s[i] == '-')) {
		for (k = i; k < e && (s[k] == s[i] || s[k] == ' '); k++)
			;
		return k == e;
	}
	if (!heading && i < e && s[i] == '[') {
		const char *r = memchr(s + i, ']', e - i);

		return r != NULL && r + 1 < s + e && r[1] == ':';
	}
	return 0;
}

/* Marks the text lines of one paragraph or heading n as prose. */
static void
mark_leaf(struct lint *l, cmark_node *n, int body_line)
{
	int heading = cmark_node_get_type(n) == CMARK_NODE_HEADING;
	int sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
	int quotes = 0, ln, refs = !heading;
	size_t line, i, e, bs = 0, be = 0;
	cmark_node *p;

	for (p = cmark_node_parent(n); p != NULL; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE)
			quotes++;
	for (ln = sl; ln <= el && ln > 0; ln++) {
		line = (size_t)(body_line + ln - 2);
		if (line >= l->nlines)
			break;
		e = line_end(l, line);
		i = ln == sl ? l->bol[line] + (size_t)cmark_node_get_start_column(n) - 1 :
		    skip_prefix(l, l->bol[line], e, quotes);
		if (i > e)
			continue;
		if (heading && i < e && l->s[i] == '#') {
			while (i < e && l->s[i] == '#')
				i++;
			while (e > i && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
				e--;
			while (e > i && l->s[e - 1] == '#')
				e--;
		}
		while (i < e && (l->s[i] == ' ' || l->s[i] == '\t'))
			i++;
		while (e > i && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
			e--;
		if (refs && not_text_line(l->s, i, e, 0))
			continue;
		refs = 0;
		if (not_text_line(l->s, i, e, heading))
			continue;
		set_mask(l, i, e, PROSE);
		if (be == 0)
			bs = i;
		be = e;
	}
	if (be > bs) {
		scan_inlines(l, bs, be);
		add_block(l, bs, be);
	}
}

void
lint_mark_body(struct lint *l, size_t body_off, int body_line)
{
	cmark_node *root = cmark_parse_document(l->s + body_off,
	    l->len - body_off, CMARK_OPT_DEFAULT);
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	cmark_node_type t;

	if (root == NULL)
		return;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING))
			mark_leaf(l, n, body_line);
	}
	cmark_iter_free(it);
	cmark_node_free(root);
}

/* The offset of libyaml's mark m (0-based line and column in characters)
 * in the YAML that starts at byte yaml_off on file line line0 (1-based). */
static size_t
mark_off(const struct lint *l, yaml_mark_t m, int line0)
{
	size_t line = (size_t)line0 - 1 + m.line, i, col;
	unsigned char k;

	if (line >= l->nlines)
		return l->len;
	i = l->bol[line];
	for (col = 0; col < m.column && i < l->len && l->s[i] != '\n'; col++) {
		lint_decode(l->s + i, l->len - i, &k);
		i += k;
	}
	return i;
}

/* Marks the text of a scalar value as prose: what lies between its quotes,
 * or after a block scalar's "|" line; on later lines not the indentation;
 * in a double-quoted value not the escapes, in a single-quoted one not the
 * doubled quote. */
static void
mark_scalar(struct lint *l, const yaml_node_t *v, int line0)
{
	size_t start = mark_off(l, v->start_mark, line0);
	size_t end = mark_off(l, v->end_mark, line0), i;
	yaml_scalar_style_t style = v->data.scalar.style;
	unsigned char kind = style == YAML_PLAIN_SCALAR_STYLE ? PROSE_PLAIN : PROSE;
	int bol = 0;

	if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		start++;
		end = end > start ? end - 1 : start;
	} else if (style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE) {
		while (start < end && l->s[start] != '\n')
			start++;
		bol = 1;
	}
	for (i = start; i < end; i++) {
		char c = l->s[i];

		if (c == '\n' || c == '\r') {
			bol = 1;
			continue;
		}
		if (bol && (c == ' ' || c == '\t'))
			continue;
		bol = 0;
		if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && c == '\\') {
			/* \x41, \u06CC, \U0001F600: the hex digits too. */
			size_t k = i + 1 < end ? (l->s[i + 1] == 'x' ? 2 :
			    l->s[i + 1] == 'u' ? 4 : l->s[i + 1] == 'U' ? 8 : 0) : 0;

			i += 1 + k;
			continue;
		}
		if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && c == '\'' &&
		    i + 1 < end && l->s[i + 1] == '\'') {
			i++;
			continue;
		}
		l->mask[i] = kind;
	}
	add_block(l, start, end);
}

/* The front matter's text fields: prose the outputs print. */
static const char *const text_fields[] = {
	"title", "summary", "pseudonym", "photo_alt", "address", NULL,
};

/* The value of key name in the mapping m, or NULL (also when m is NULL or
 * no mapping). */
static yaml_node_t *
value_of(yaml_document_t *y, const yaml_node_t *m, const char *name)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(y, pr->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, name) == 0)
			return yaml_document_get_node(y, pr->value);
	}
	return NULL;
}

/* Marks the values of the mapping m's keys named in fields (NULL-ended)
 * that are scalars. */
static void
mark_fields(struct lint *l, yaml_document_t *y, const yaml_node_t *m,
    const char *const *fields, int line0)
{
	yaml_node_t *v;

	for (; *fields != NULL; fields++)
		if ((v = value_of(y, m, *fields)) != NULL &&
		    v->type == YAML_SCALAR_NODE)
			mark_scalar(l, v, line0);
}

/* The labels of a highlights list (seq NULL: none). */
static void
mark_highlights(struct lint *l, yaml_document_t *y, const yaml_node_t *seq,
    int line0)
{
	static const char *const label[] = { "label", NULL };
	yaml_node_item_t *it;

	if (seq == NULL || seq->type != YAML_SEQUENCE_NODE)
		return;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++)
		mark_fields(l, y, yaml_document_get_node(y, *it), label, line0);
}

/* Loads the YAML yaml[0..len), which starts on file line line0, into y
 * (release with yaml_document_delete()).  Returns 0, or -1 with an error
 * in l->d. */
static int
load(struct lint *l, const char *yaml, size_t len, int line0,
    yaml_document_t *y)
{
	yaml_parser_t p;

	if (!yaml_parser_initialize(&p))
		return diag_error(l->d, (struct pos){ l->relname, 0, 0 },
		    "out of memory while reading the YAML — close other "
		    "programs and run again");
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, y)) {
		content_yaml_error(&p, yaml, len, l->relname, line0, l->d);
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	return 0;
}

int
lint_mark_front(struct lint *l, const char *yaml, size_t len, int line0)
{
	yaml_document_t y;
	yaml_node_t *root;

	if (load(l, yaml, len, line0, &y) != 0)
		return -1;
	root = yaml_document_get_root_node(&y);
	mark_fields(l, &y, root, text_fields, line0);
	mark_highlights(l, &y, value_of(&y, root, "highlights"), line0);
	yaml_document_delete(&y);
	return 0;
}

/* What booklet.yaml prints of itself: the cover's and title page's text. */
static const char *const config_fields[] = {
	"title", "subtitle", "organization", NULL,
};

int
lint_mark_config(struct lint *l, const char *s, size_t len)
{
	yaml_document_t y;
	yaml_node_t *root;

	if (load(l, s, len, 1, &y) != 0)
		return -1;
	root = yaml_document_get_root_node(&y);
	mark_fields(l, &y, root, config_fields, 1);
	mark_highlights(l, &y, value_of(&y, value_of(&y, root, "site"),
	    "highlights"), 1);
	yaml_document_delete(&y);
	return 0;
}
