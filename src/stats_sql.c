/* stats_sql.c - pg_dump and sqlite3 .dump files -> tables: run the data, skip the settings. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "arena.h"
#include "diag.h"
#include "stats_int.h"

enum tok {
	TK_END,
	TK_WORD,	/* keyword or bare name */
	TK_STRING,	/* '...' or $tag$...$tag$ */
	TK_QUOTED,	/* "name", `name` or [name] */
	TK_PUNCT,	/* one character, "::", or a number */
	TK_SEMI,
	TK_BAD,		/* a string, name or comment left open */
	TK__MAX
};

struct lexer {
	const char *s;
	size_t len, i;
	int line;
};

struct token {
	enum tok kind;
	size_t start, end;
	int line;
};

/* The tokens of a statement kept to tell what it is. */
#define STMT_TOKENS	12

struct stmt {
	size_t start, end;		/* first token .. past its ';' */
	int line;
	struct token t[STMT_TOKENS];
	size_t nt;
};

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

/* Steps over blanks and comments, counting lines. */
static void
skip_blank(struct lexer *lx)
{
	const char *s = lx->s;

	while (lx->i < lx->len) {
		char c = s[lx->i];

		if (c == '\n') {
			lx->line++;
			lx->i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			lx->i++;
		else if (c == '-' && lx->i + 1 < lx->len && s[lx->i + 1] == '-') {
			while (lx->i < lx->len && s[lx->i] != '\n')
				lx->i++;
		} else if (c == '/' && lx->i + 1 < lx->len && s[lx->i + 1] == '*') {
			for (lx->i += 2; lx->i < lx->len; lx->i++) {
				if (s[lx->i] == '\n')
					lx->line++;
				else if (s[lx->i] == '*' && lx->i + 1 < lx->len &&
				    s[lx->i + 1] == '/') {
					lx->i += 2;
					break;
				}
			}
		} else
			return;
	}
}

/* Steps past text closed by close (doubled close is part of it).
 * Returns 0, or -1 when the text is never closed. */
static int
skip_quoted(struct lexer *lx, char close)
{
	for (lx->i++; lx->i < lx->len; lx->i++) {
		if (lx->s[lx->i] == '\n')
			lx->line++;
		else if (lx->s[lx->i] == close) {
			if (close != ']' && lx->i + 1 < lx->len &&
			    lx->s[lx->i + 1] == close) {
				lx->i++;
				continue;
			}
			lx->i++;
			return 0;
		}
	}
	return -1;
}

/* PostgreSQL's $tag$ ... $tag$ (function bodies).  Returns 1 when one
 * starts at lx->i (and steps past it), 0 when '$' is something else, -1
 * when it is never closed. */
static int
skip_dollar(struct lexer *lx)
{
	const char *s = lx->s;
	size_t j = lx->i + 1, tag, k;

	if (j < lx->len && s[j] >= '0' && s[j] <= '9')
		return 0;
	while (j < lx->len && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') ||
	    (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
		j++;
	if (j >= lx->len || s[j] != '$')
		return 0;
	tag = j + 1 - lx->i;
	for (k = j + 1; k + tag <= lx->len; k++) {
		if (s[k] == '\n')
			lx->line++;
		if (memcmp(s + k, s + lx->i, tag) == 0) {
			lx->i = k + tag;
			return 1;
		}
	}
	return -1;
}

static void
next_token(struct lexer *lx, struct token *t)
{
	const char *s = lx->s;
	unsigned char c;
	int r;

	skip_blank(lx);
	t->start = lx->i;
	t->line = lx->line;
	t->kind = TK_END;
	if (lx->i >= lx->len) {
		t->end = lx->i;
		return;
	}
	c = (unsigned char)s[lx->i];
	if (c == ';') {
		t->kind = TK_SEMI;
		lx->i++;
	} else if (c == '\'') {
		t->kind = skip_quoted(lx, '\'') == 0 ? TK_STRING : TK_BAD;
	} else if (c == '"' || c == '`' || c == '[') {
		t->kind = skip_quoted(lx, c == '[' ? ']' : (char)c) == 0 ?
		    TK_QUOTED : TK_BAD;
	} else if (c == '$' && (r = skip_dollar(lx)) != 0) {
		t->kind = r > 0 ? TK_STRING : TK_BAD;
	} else if (is_word_byte(c) && !(c >= '0' && c <= '9') && c != '$') {
		t->kind = TK_WORD;
		while (lx->i < lx->len && is_word_byte((unsigned char)s[lx->i]))
			lx->i++;
	} else if (c >= '0' && c <= '9') {
		t->kind = TK_PUNCT;
		while (lx->i < lx->len && (is_word_byte((unsigned char)s[lx->i]) ||
		    s[lx->i] == '.'))
			lx->i++;
	} else {
		t->kind = TK_PUNCT;
		lx->i += (c == ':' && lx->i + 1 < lx->len && s[lx->i + 1] == ':') ? 2 : 1;
	}
	if (t->kind == TK_BAD)
		lx->i = lx->len;
	t->end = lx->i;
}

static int
tok_is(const char *s, const struct token *t, const char *w)
{
	size_t n = strlen(w);

	return (t->kind == TK_WORD || t->kind == TK_PUNCT) &&
	    t->end - t->start == n && strncasecmp(s + t->start, w, n) == 0;
}


static int
tok_in(const char *s, const struct token *t, const char *const *list)
{
	for (; *list != NULL; list++)
		if (tok_is(s, t, *list))
			return 1;
	return 0;
}

/* The index of st's first token at or past from that is not one of the
 * words in skip, or st->nt. */
static size_t
past(const char *s, const struct stmt *st, size_t from,
    const char *const *skip)
{
	while (from < st->nt && tok_in(s, &st->t[from], skip))
		from++;
	return from;
}

/* The table name at token k ("name" or "schema.name"), unquoted, in
 * *name and *len; "" when the statement has no tokens left. */
static void
target_name(const char *s, const struct stmt *st, size_t k,
    const char **name, size_t *len)
{
	const struct token *t;

	if (k + 2 < st->nt && tok_is(s, &st->t[k + 1], "."))
		k += 2;
	if (k >= st->nt || st->t[k].kind == TK_SEMI) {
		*name = "";
		*len = 0;
		return;
	}
	t = &st->t[k];
	*name = s + t->start;
	*len = t->end - t->start;
	if (t->kind == TK_QUOTED && *len >= 2) {
		(*name)++;
		*len -= 2;
	}
}

/* Whether SQLite keeps table name[0..len) for itself (sqlite_sequence,
 * sqlite_stat1, sqlite_schema): .dump writes those, loading skips them. */
static int
is_internal(const char *name, size_t len)
{
	return len >= 7 && strncasecmp(name, "sqlite_", 7) == 0;
}

static int
is_trigger(const char *s, const struct stmt *st)
{
	static const char *const temp[] = { "TEMP", "TEMPORARY", NULL };
	size_t k;

	if (st->nt == 0 || !tok_is(s, &st->t[0], "CREATE"))
		return 0;
	k = past(s, st, 1, temp);
	return k < st->nt && tok_is(s, &st->t[k], "TRIGGER");
}

/*
 * Reads the statement at the next token, up to its ';' (a trigger's up to
 * "END;", as its body holds ';'), keeping its first tokens.  Returns 1, 0
 * at the end of the text, or -1 for a string or comment left open.  As
 * text in quotes may run over lines, the quote left open is likely in
 * that statement, not where the lexer ran out of text.
 */
static int
read_stmt(struct lexer *lx, struct stmt *st)
{
	struct token t;
	int after_end = 0;

	next_token(lx, &t);
	if (t.kind == TK_END)
		return 0;
	st->start = t.start;
	st->line = t.line;
	st->nt = 0;
	for (;;) {
		if (t.kind == TK_BAD)
			return -1;
		if (t.kind == TK_END) {
			st->end = t.end;
			return 1;
		}
		if (st->nt < STMT_TOKENS)
			st->t[st->nt++] = t;
		if (t.kind == TK_SEMI && (after_end || !is_trigger(lx->s, st))) {
			st->end = t.end;
			return 1;
		}
		after_end = tok_is(lx->s, &t, "END");
		next_token(lx, &t);
	}
}

enum verdict {
	V_RUN,		/* CREATE TABLE, CREATE VIEW, INSERT */
	V_SKIP,		/* a dump's settings and bookkeeping: no data */
	V_REFUSE,	/* changes data: not in a statistics export */
	V_COPY,		/* pg_dump's default data format */
	V_ROLLBACK,	/* .dump met a damaged database */
	V__MAX
};

/* First words of statements that carry no data: pg_dump's SET, SELECT
 * pg_catalog.set_config()/setval(), ALTER ... OWNER TO / ADD CONSTRAINT /
 * SET DEFAULT nextval(), COMMENT, GRANT; .dump's PRAGMA, BEGIN, COMMIT;
 * DROP from pg_dump --clean (the file's own CREATE follows). */
static const char *const skip_first[] = {
	"SET", "RESET", "SELECT", "ALTER", "COMMENT", "GRANT", "REVOKE",
	"PRAGMA", "BEGIN", "COMMIT", "END", "ANALYZE", "VACUUM", "DROP",
	"REINDEX", "REFRESH", "SECURITY", NULL
};

static const char *const create_mods[] = {
	"OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL",
	"UNIQUE", NULL
};

static enum verdict
classify(const char *s, const struct stmt *st)
{
	const struct token *t0 = &st->t[0];
	const char *name;
	size_t k, len;

	if (tok_is(s, t0, "COPY"))
		return V_COPY;
	if (tok_is(s, t0, "ROLLBACK"))
		return V_ROLLBACK;
	if (tok_in(s, t0, skip_first))
		return V_SKIP;
	if (tok_is(s, t0, "CREATE")) {
		/* Sequences, indexes, functions, types, schemas: no rows. */
		k = past(s, st, 1, create_mods);
		return k < st->nt && (tok_is(s, &st->t[k], "TABLE") ||
		    tok_is(s, &st->t[k], "VIEW")) ? V_RUN : V_SKIP;
	}
	if (tok_is(s, t0, "INSERT") || tok_is(s, t0, "REPLACE") ||
	    tok_is(s, t0, "DELETE")) {
		for (k = 1; k < st->nt && !tok_is(s, &st->t[k], "INTO") &&
		    !tok_is(s, &st->t[k], "FROM"); k++)
			;
		target_name(s, st, k + 1, &name, &len);
		if (is_internal(name, len))
			return V_SKIP;
		return tok_is(s, t0, "DELETE") ? V_REFUSE : V_RUN;
	}
	return V_REFUSE;
}

static void
blank(char *s, size_t from, size_t to)
{
	for (; from < to; from++)
		if (s[from] != '\n')
			s[from] = ' ';
}

/* Words that continue a PostgreSQL type name after its first word:
 * "character varying", "double precision", "timestamp without time zone". */
static const char *const type_more[] = {
	"varying", "precision", "with", "without", "time", "zone", NULL
};

/* Blanks the cast "::type" whose "::" starts at from and ends at lx->i:
 * the type's words, a schema before it, "(n,m)" and "[]" after it. */
static void
blank_cast(char *sql, struct lexer *lx, size_t from)
{
	struct lexer save = *lx;
	struct token t;
	size_t end = lx->i;
	int depth;

	next_token(lx, &t);
	if (t.kind != TK_WORD && t.kind != TK_QUOTED) {
		*lx = save;
		blank(sql, from, end);
		return;
	}
	end = t.end;
	for (;;) {
		save = *lx;
		next_token(lx, &t);
		if (tok_is(sql, &t, ".") || (t.kind == TK_WORD && tok_in(sql, &t, type_more)) ||
		    (t.kind == TK_QUOTED && sql[t.start] == '[')) {
			if (tok_is(sql, &t, "."))
				next_token(lx, &t);
			end = t.end;
			continue;
		}
		if (tok_is(sql, &t, "(")) {
			for (depth = 1; depth > 0;) {
				next_token(lx, &t);
				if (t.kind == TK_END || t.kind == TK_BAD)
					break;
				depth += tok_is(sql, &t, "(") - tok_is(sql, &t, ")");
			}
			end = t.end;
			continue;
		}
		*lx = save;
		break;
	}
	blank(sql, from, end);
}

/*
 * Blanks what SQLite cannot read in a PostgreSQL CREATE TABLE or INSERT:
 * the schema "public." before names and "::type" casts (DEFAULT
 * ''::text).  Blanks keep each line and offset in place, so SQLite's error
 * offsets still point into the file.
 */
static void
rewrite(char *sql, size_t len)
{
	struct lexer lx = { sql, len, 0, 1 }, save;
	struct token t, u;

	for (next_token(&lx, &t); t.kind != TK_END && t.kind != TK_BAD;
	    next_token(&lx, &t)) {
		if (tok_is(sql, &t, "public") || (t.kind == TK_QUOTED &&
		    t.end - t.start == 8 && strncmp(sql + t.start, "\"public\"", 8) == 0)) {
			save = lx;
			next_token(&lx, &u);
			if (tok_is(sql, &u, "."))
				blank(sql, t.start, u.end);
			else
				lx = save;
		} else if (tok_is(sql, &t, "::"))
			blank_cast(sql, &lx, t.start);
	}
}

struct dump {
	struct stats *s;
	struct diags *d;
	struct arena *a;
	const char *rel;
	const char *text;	/* the whole file */
	size_t len;
	size_t nrun;		/* statements run */
};

/* Two files must not make one table: say which file made it first. */
static int
check_create(struct dump *f, const struct stmt *st)
{
	static const char *const if_not[] = { "IF", "NOT", "EXISTS", NULL };
	const char *name, *other;
	size_t k, len;

	k = past(f->text, st, 1, create_mods);
	if (k >= st->nt || !tok_is(f->text, &st->t[k], "TABLE"))
		return 0;
	target_name(f->text, st, past(f->text, st, k + 1, if_not), &name, &len);
	if ((other = stats_table_file(f->s, name, len)) == NULL)
		return 0;
	return diag_error(f->d, (struct pos){ f->rel, st->line, 1 },
	    "table '%.*s' is already loaded from %s — rename the table in one of the files",
	    (int)len, name, other);
}

/* Runs statement st of the dump, PostgreSQL-only parts blanked. */
static int
run_stmt(struct dump *f, const struct stmt *st)
{
	size_t n = st->end - st->start, off;
	char *sql = arena_strndup(f->a, f->text + st->start, n);
	const char *p = sql, *tail;
	sqlite3_stmt *stmt;
	char msg[240];
	int rc, eoff;

	rewrite(sql, n);
	while (p < sql + n) {
		stmt = NULL;
		rc = stats_prepare(f->s, p, (int)(sql + n - p), &stmt, &tail);
		if (rc != SQLITE_OK) {
			eoff = sqlite3_error_offset(f->s->db);
			stats_errmsg(f->s, msg, sizeof msg);
			off = st->start + (size_t)(p - sql) + (eoff > 0 ? (size_t)eoff : 0);
			return diag_error(f->d, stats_pos(f->rel, f->text, off, 1),
			    "cannot load this statement: %s%s", msg,
			    strstr(msg, "syntax error") != NULL ?
			    " — PostgreSQL-only syntax? export again with pg_dump --inserts, or remove it" : "");
		}
		if (stmt == NULL)
			break;
		rc = stats_run(f->s, stmt);
		if (rc != SQLITE_DONE) {
			stats_errmsg(f->s, msg, sizeof msg);
			sqlite3_finalize(stmt);
			return diag_error(f->d, (struct pos){ f->rel, st->line, 1 },
			    "cannot load this statement: %s", msg);
		}
		sqlite3_finalize(stmt);
		p = tail;
	}
	f->nrun++;
	return 0;
}

static int
one_stmt(struct dump *f, const struct stmt *st)
{
	struct pos at = { f->rel, st->line, 1 };
	const struct token *t0 = &st->t[0];

	switch (classify(f->text, st)) {
	case V_RUN:
		if (check_create(f, st) != 0)
			return -1;
		return run_stmt(f, st);
	case V_SKIP:
		return 0;
	case V_COPY:
		return diag_error(f->d, at, "COPY data is not read — export again with pg_dump --inserts (or --column-inserts), which writes INSERT statements");
	case V_ROLLBACK:
		return diag_error(f->d, at, "the dump ends in ROLLBACK: sqlite3 .dump found the database damaged — repair it and dump it again");
	default:
		return diag_error(f->d, at, "'%.*s' is not read from .sql files: daftar runs only CREATE TABLE, CREATE VIEW and INSERT — remove this statement",
		    (int)(t0->end - t0->start), f->text + t0->start);
	}
}

int
stats_load_sql(struct stats *s, const char *path, const char *rel,
    struct diags *d)
{
	struct dump f = { s, d, NULL, rel, NULL, 0, 0 };
	struct lexer lx;
	struct stmt st;
	struct arena a;
	char *text;
	int r, rc = -1;

	arena_init(&a);
	f.a = &a;
	if ((text = stats_read_text(&a, path, rel, &f.len, d)) == NULL)
		goto out;
	f.text = text;
	lx.s = text;
	lx.len = f.len;
	lx.i = 0;
	lx.line = 1;
	for (;;) {
		skip_blank(&lx);
		if (lx.i < lx.len && text[lx.i] == '\\') {
			/* psql meta-commands (\connect, \restrict) end at the line's end. */
			while (lx.i < lx.len && text[lx.i] != '\n')
				lx.i++;
			continue;
		}
		if ((r = read_stmt(&lx, &st)) == 0)
			break;
		if (r < 0) {
			diag_error(d, (struct pos){ rel, st.line, 1 },
			    "a quote or comment in the statement that starts on this line is never closed — close it (a quote inside text is written twice: 'it''s')");
			goto out;
		}
		if (one_stmt(&f, &st) != 0)
			goto out;
	}
	if (f.nrun == 0)
		diag_warn(d, (struct pos){ rel, 0, 0 },
		    "the file has no CREATE TABLE or INSERT statement — nothing is loaded from it");
	rc = 0;
out:
	arena_release(&a);
	return rc;
}
