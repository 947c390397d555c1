/* lint_cmd.c - "daftar lint": the files of a project, --fix on disk, the summary. */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fileio.h"
#include "lint.h"

/* The same limit as content.c: a story is a few thousand words. */
#define LINT_MAX_BYTES	(4u << 20)

/*
 * The command.
 */

/* Counts for the summary line. */
struct tally {
	size_t files;		/* files checked */
	size_t with;		/* files with a problem */
	size_t problems;
	size_t fixed;
	size_t errors;		/* files that could not be checked or written */
};

/* Whether the front matter of s[0..len) (config: all of booklet.yaml)
 * still reads as YAML. */
static int
yaml_ok(const char *s, size_t len, int config)
{
	struct content_split sp;
	struct diags quiet;
	yaml_parser_t p;
	yaml_document_t y;
	int ok = 1;

	sp.yaml_off = 0;
	sp.yaml_len = len;
	if (!config) {
		diag_init(&quiet);
		ok = content_split(s, len, "", &sp, &quiet) == 0;
		diag_release(&quiet);
	}
	if (!ok || !yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)s + sp.yaml_off,
	    sp.yaml_len);
	ok = yaml_parser_load(&p, &y);
	if (ok)
		yaml_document_delete(&y);
	yaml_parser_delete(&p);
	return ok;
}

/* Whether the file at path is a booklet.yaml, linted as one. */
static int
is_config(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base != NULL ? base + 1 : path, "booklet.yaml") == 0;
}

/* Lints (and with fix rewrites) the file at path, called relname: a
 * booklet.yaml by lint_config(), anything else by lint_text(). */
static void
lint_file(const char *path, const char *relname, unsigned rules, int fix,
    struct tally *t, struct diags *d)
{
	int config = is_config(path);
	int (*lint)(struct arena *, const char *, size_t, const char *,
	    unsigned, size_t *, char **, size_t *, struct diags *) =
	    config ? lint_config : lint_text;
	struct arena a;
	struct diags quiet;
	size_t len, n, after = 0, flen = 0, bom = 0;
	char *s, *f = NULL, *out;
	struct pos at = { relname, 0, 0 };

	size_t nerr = diag_count(d, DIAG_ERROR);

	arena_init(&a);
	t->files++;
	if ((s = fileio_read(&a, path, relname, LINT_MAX_BYTES, &len, d)) == NULL)
		goto fail;
	/* The BOM is no text: keep it out of the columns, and in the file. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	if (lint(&a, s + bom, len - bom, relname, rules, &n,
	    fix ? &f : NULL, &flen, d) != 0)
		goto fail;
	t->problems += n;
	t->with += n > 0;
	/* A front matter that is no YAML: its body was checked, and the
	 * file is not fixed, so that the error is seen first. */
	if (diag_count(d, DIAG_ERROR) > nerr)
		goto fail;
	if (!fix || n == 0) {
		arena_release(&a);
		return;
	}
	diag_init(&quiet);
	lint(&a, f, flen, relname, rules, &after, NULL, NULL, &quiet);
	diag_release(&quiet);
	if (yaml_ok(s + bom, len - bom, config) && !yaml_ok(f, flen, config)) {
		diag_error(d, at, "the fixes would break the %s, so the file "
		    "was left as it was — make the changes above by hand",
		    config ? "YAML" : "front matter");
		goto fail;
	}
	if (flen != len - bom || memcmp(f, s + bom, flen) != 0) {
		out = arena_alloc(&a, flen + bom + 1);
		memcpy(out, s, bom);
		memcpy(out + bom, f, flen);
		if (fileio_rewrite(path, relname, out, flen + bom, d) != 0)
			goto fail;
	}
	t->fixed += n > after ? n - after : 0;
	arena_release(&a);
	return;
fail:
	t->errors++;
	arena_release(&a);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Lints every "*.md" in dir/sub, in name order; a missing folder is a
 * project without that kind of file. */
static void
lint_dir(const char *dir, const char *sub, unsigned rules, int fix,
    struct tally *t, struct diags *d)
{
	struct arena a;
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i, k;
	DIR *dp;

	arena_init(&a);
	if ((dp = opendir(arena_printf(&a, "%s/%s", dir, sub))) == NULL) {
		arena_release(&a);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		k = strlen(de->d_name);
		if (de->d_name[0] == '.' || k <= 3 ||
		    strcmp(de->d_name + k - 3, ".md") != 0)
			continue;
		if (n == cap) {
			names = arena_grow(&a, names, cap, cap ? cap * 2 : 32,
			    sizeof *names);
			cap = cap ? cap * 2 : 32;
		}
		names[n++] = arena_strdup(&a, de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		path = arena_printf(&a, "%s/%s/%s", dir, sub, names[i]);
		lint_file(path, arena_printf(&a, "%s/%s", sub, names[i]), rules,
		    fix, t, d);
	}
	arena_release(&a);
}

const char lint_help[] =
"usage: daftar lint [--fix] [--content DIR] [FILE...]\n"
"\n"
"Checks the Persian typography of booklet.yaml's title, subtitle,\n"
"organization and highlight labels and of the stories, pages and leaflets\n"
"in DIR (default: content), or of the FILEs given: Arabic yeh and kaf, the\n"
"zero-width non-joiner after می and before suffixes, spaces around\n"
"punctuation, straight quotes, repeated spaces, Latin , ; ? in Persian.\n"
"Code, URLs, link targets, stats blocks and HTML comments are left alone.\n"
"Switch a rule off in DIR/booklet.yaml, e.g. 'lint: {zwnj-mi: false}';\n"
"README.md, \"Lint rules\", says what each finds.\n"
"\n"
"options:\n"
"  --fix             rewrite the files with the problems fixed\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"\n"
"example:\n"
"  daftar lint content/stories/nan-e-khanegi.md && daftar lint --fix\n"
"\n"
"exit status: 0 no problem (with --fix: all of them fixed), 1 problems\n"
"found or files that could not be read, 2 wrong command line\n";

/* The rules DIR/booklet.yaml leaves on; -1 with errors when it is wrong. */
static int
rules_of(const char *dir, unsigned *rules, struct diags *d)
{
	struct arena a;
	struct config c;
	char *path;
	int rc = 0;

	*rules = lint_rules_default();
	arena_init(&a);
	path = arena_printf(&a, "%s/booklet.yaml", dir);
	/* Files given alone, outside any project, get the defaults. */
	if (access(path, F_OK) == 0) {
		rc = config_load(&a, path, "booklet.yaml", &c, d);
		if (rc == 0)
			*rules = (*rules | c.lint_on) & ~c.lint_off;
	}
	arena_release(&a);
	return rc;
}

static void
plural(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

int
lint_command(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dir = "content";
	struct tally t;
	struct diags d;
	unsigned rules;
	int i, fix = 0, nfiles = 0, dir_given = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(lint_help, out);
			return 0;
		}
		if (strcmp(argv[i], "--fix") == 0)
			fix = 1;
		else if (strcmp(argv[i], "--content") == 0) {
			if (i + 1 >= argc) {
				fprintf(err, "daftar: option '--content' needs a "
				    "folder after it\nrun 'daftar lint --help' for "
				    "the options\n");
				return 2;
			}
			dir = argv[++i];
			dir_given = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(err, "daftar: unknown option '%s' for 'lint'\n"
			    "run 'daftar lint --help' for the options\n", argv[i]);
			return 2;
		} else
			nfiles++;
	}
	memset(&t, 0, sizeof t);
	diag_init(&d);
	if (rules_of(dir, &rules, &d) != 0) {
		diag_print(&d, err);
		fprintf(err, "daftar: lint: booklet.yaml has errors — fix them "
		    "and run again\n");
		diag_release(&d);
		return 1;
	}
	if (nfiles == 0 && dir_given && access(dir, F_OK) != 0) {
		fprintf(err, "daftar: lint: cannot read the folder '%s': %s\n",
		    dir, strerror(errno));
		diag_release(&d);
		return 1;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--content") == 0)
			i++;
		else if (argv[i][0] != '-' || argv[i][1] == '\0')
			lint_file(argv[i], argv[i], rules, fix, &t, &d);
	}
	if (nfiles == 0) {
		struct buf cfg = BUF_INIT;

		/* The cover's text first, as the booklet opens with it. */
		buf_printf(&cfg, "%s/booklet.yaml", dir);
		if (access(cfg.data, F_OK) == 0)
			lint_file(cfg.data, "booklet.yaml", rules, fix, &t, &d);
		buf_release(&cfg);
		lint_dir(dir, "stories", rules, fix, &t, &d);
		lint_dir(dir, "pages", rules, fix, &t, &d);
		lint_dir(dir, "leaflets", rules, fix, &t, &d);
	}
	diag_print(&d, err);
	diag_release(&d);
	fputs("daftar: lint: ", out);
	if (t.problems == 0)
		fputs("no problems in ", out);
	else {
		plural(out, t.problems, "problem", "problems");
		fputs(" in ", out);
	}
	plural(out, t.problems == 0 ? t.files : t.with, "file", "files");
	if (fix)
		fprintf(out, " (%zu fixed)", t.fixed);
	if (t.errors > 0) {
		fputs("; ", out);
		plural(out, t.errors, "file", "files");
		fputs(" could not be checked or written (see above)", out);
	}
	fputc('\n', out);
	if (t.errors > 0)
		return 1;
	return t.problems > (fix ? t.fixed : 0) ? 1 : 0;
}
