/* stats_int.h - the stats module's insides, shared by stats*.c; no other module includes it. */
#ifndef DAFTAR_STATS_INT_H
#define DAFTAR_STATS_INT_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

struct sqlite3;
struct sqlite3_stmt;

/* What the authorizer lets statements do. */
enum stats_phase {
	STATS_ATTACHING,	/* no authorizer yet: stats.c attaches files */
	STATS_LOADING,		/* create tables and views, insert, read */
	STATS_QUERYING,		/* read only */
	STATS_PHASE__MAX
};

/* A table or view some file made, to name that file when another one
 * makes the same name. */
struct stats_table {
	const char *name;		/* as SQLite stores it */
	const char *file;		/* "stats/x.csv" */
	struct stats_table *next;
};

struct stats {
	struct sqlite3 *db;		/* owned; closed in stats_free() */
	struct arena a;			/* file and table names */
	enum stats_phase phase;
	long long steps;		/* VM steps of the statement running */
	long long max_steps;		/* stop a statement after this many */
	size_t max_rows;		/* most rows a stats block may return */
	int stopped;			/* the step limit stopped the statement */
	char refused[160];		/* what the authorizer refused, "" if nothing */
	struct stats_table *tables;	/* newest first */
};

/* The largest statistics file read, in bytes. */
#define STATS_MAX_FILE	(256u << 20)

/* The loaders run inside the transaction stats.c opened for the file, and
 * return 0, or -1 with errors at rel:line added to d (stats.c then rolls
 * back).  path is the file to read, rel its name in messages
 * ("stats/x.csv"). */

/* stats_csv.c: loads a CSV (tsv == 0) or TSV file into a new table named
 * table (as it is, unquoted). */
int	stats_load_csv(struct stats *s, const char *path, const char *rel,
	    const char *table, int tsv, struct diags *d);

/* stats_sql.c: runs the CREATE TABLE, CREATE VIEW and INSERT statements of
 * a pg_dump or sqlite3 .dump file, skipping or refusing the rest. */
int	stats_load_sql(struct stats *s, const char *path, const char *rel,
	    struct diags *d);

/* The rest is stats.c's. */

/* Reads the file whole into a (at most STATS_MAX_FILE bytes), checks that
 * it is UTF-8 and steps past a BOM.  Returns the text, NUL-terminated,
 * with its length in *len, or NULL with an error. */
char	*stats_read_text(struct arena *a, const char *path, const char *rel,
	    size_t *len, struct diags *d);

/* The code point at s[0..len), len > 0, with its length in *n; -1 (and
 * *n = 1) for a byte that starts no well-formed UTF-8 sequence. */
long	stats_cp(const unsigned char *s, size_t len, size_t *n);

/* The position of byte off of s in file rel, s[0] being on line line0. */
struct pos stats_pos(const char *rel, const char *s, size_t off, int line0);

/* The file that made table or view name[0..len) (ASCII case ignored), or
 * NULL. */
const char *stats_table_file(const struct stats *s, const char *name,
	    size_t len);

/* sqlite3_prepare_v2() with the last statement's refusal and step count
 * forgotten, so that stats_errmsg() speaks of this one. */
int	stats_prepare(struct stats *s, const char *sql, int len,
	    struct sqlite3_stmt **stmt, const char **tail);

/* Steps stmt to its end with the step limit reset.  Returns SQLite's
 * result code: SQLITE_DONE when all went well. */
int	stats_run(struct stats *s, struct sqlite3_stmt *stmt);

/* Runs sql, binding text p1 and p2 (NULL: none) to ?1 and ?2.  Returns
 * 0, or -1 with the reason (stats_errmsg()) copied into msg at once. */
int	stats_exec(struct stats *s, const char *sql, const char *p1,
	    const char *p2, char *msg, size_t size);

/* Why the statement just run failed: the step limit stopped it, the
 * authorizer refused something, or SQLite's message, copied into msg. */
void	stats_errmsg(struct stats *s, char *msg, size_t size);

#endif
