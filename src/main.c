/* main.c - argv, diagnostics, exit status; the only exit(). */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "bidicheck.h"
#include "build.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "lint.h"
#include "live.h"
#include "scaffold.h"
#include "progress.h"

#define DAFTAR_VERSION	"0.1.0"

enum exit_code {
	EXIT_OK = 0,
	EXIT_CONTENT = 1,	/* the content has errors */
	EXIT_USAGE = 2,		/* the command line is wrong */
};

/*
 * The signal that asked the build to stop, or 0.  The one mutable global:
 * a signal handler can reach nothing else, and a volatile sig_atomic_t is
 * all it may safely write.  build_run() reads it through build_opts.stop
 * at its safe points; nothing else writes it.
 */
static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* SIGINT and SIGTERM set stop_signal instead of killing daftar, so that the
 * build removes its staging folder and leaves out/ as it was.  SA_RESTART:
 * a write interrupted by the signal goes on instead of failing.  A signal
 * ignored when daftar started (nohup, a shell's background job) stays
 * ignored, as the caller asked. */
static void
catch_stop_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/* The names --only takes, by enum build_output. */
static const char *const output_names[BUILD_OUTPUT__MAX] = {
	"booklet", "print", "leaflets", "site",
};

/* The files of each output, as the summary names them. */
static const char *const output_files[BUILD_OUTPUT__MAX] = {
	"booklet.pdf", "booklet-print.pdf", "leaflets/", "site/",
};

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("daftar: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nrun 'daftar --help' for the commands and options\n", stderr);
	return EXIT_USAGE;
}

/* The folder the daftar program lives in, so that fonts/ and templates/
 * beside it are found wherever it is run from. */
static char *
exe_dir(void)
{
	static const char self[] = "/proc/self/exe";
	char buf[PATH_MAX];
	ssize_t n = readlink(self, buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return strdup(buf);
}

/*
 * How the user runs this program, for the commands a message suggests:
 * "daftar" when that name on PATH is this program, else "./daftar" when
 * it is in the working folder (a clone that was not installed), else its
 * full path.  Written into buf.
 */
static const char *
self_name(char *buf, size_t len)
{
	char self[PATH_MAX], cand[PATH_MAX], real[PATH_MAX], cwd[PATH_MAX];
	const char *path = getenv("PATH"), *p, *end;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	snprintf(buf, len, "daftar");
	if (n <= 0)
		return buf;
	self[n] = '\0';
	for (p = path; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		snprintf(cand, sizeof cand, "%.*s/daftar", (int)(end - p), p);
		if (realpath(cand, real) != NULL && strcmp(real, self) == 0)
			return buf;
	}
	if (getcwd(cwd, sizeof cwd) != NULL &&
	    strncmp(self, cwd, strlen(cwd)) == 0 && self[strlen(cwd)] == '/')
		snprintf(buf, len, ".%s", self + strlen(cwd));
	else
		snprintf(buf, len, "%s", self);
	return buf;
}

/*
 * Where the folder name (fonts or templates) is: beside the daftar program
 * (a source tree), in the program's ../share/daftar (an installed tree,
 * wherever DESTDIR put it), or in DAFTAR_DATADIR (-D by the Makefile:
 * $(PREFIX)/share/daftar); else name itself, from the working folder.
 */
static const char *
data_dir(const char *dir, const char *name, char *out, size_t len)
{
	if (dir != NULL) {
		snprintf(out, len, "%s/%s", dir, name);
		if (access(out, R_OK) == 0)
			return out;
		snprintf(out, len, "%s/../share/daftar/%s", dir, name);
		if (access(out, R_OK) == 0)
			return out;
	}
#ifdef DAFTAR_DATADIR
	snprintf(out, len, "%s/%s", DAFTAR_DATADIR, name);
	if (access(out, R_OK) == 0)
		return out;
#endif
	return name;
}

/* "site,booklet" -> (1u << BUILD_x) bits.  Returns 0 when an item is not
 * one of output_names, with the first such item copied into bad. */
static unsigned
parse_outputs(const char *list, char *bad, size_t size)
{
	const char *p = list, *end;
	unsigned bits = 0;
	size_t len;
	int i;

	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < BUILD_OUTPUT__MAX; i++)
			if (strlen(output_names[i]) == len &&
			    strncmp(p, output_names[i], len) == 0)
				break;
		if (i == BUILD_OUTPUT__MAX) {
			snprintf(bad, size, "%.*s", (int)len, p);
			return 0;
		}
		bits |= 1u << i;
		if (end == NULL)
			return bits;
		p = end + 1;
	}
}

/* "1 error", "2 errors": n and the word for one or for many. */
static const char *
count_of(char *buf, size_t len, size_t n, const char *one, const char *many)
{
	snprintf(buf, len, "%zu %s", n, n == 1 ? one : many);
	return buf;
}

/* The closing line of a run with errors: how many, and how many warnings
 * beside them, so that the count matches the lines above. */
static void
errors_line(const struct diags *d, const char *then)
{
	char e[32], w[32];
	size_t nw = diag_count(d, DIAG_WARN);

	fprintf(stderr, "daftar: %s%s%s; %s\n",
	    count_of(e, sizeof e, diag_count(d, DIAG_ERROR), "error",
	    "errors"),
	    nw > 0 ? " and " : "", nw > 0 ? count_of(w, sizeof w, nw,
	    "warning", "warnings") : "", then);
}

/* Writes names[x] for each output x in bits, joined as "a, b and c", each
 * after "dir/" when dir is not NULL. */
static void
print_list(FILE *fp, unsigned bits, const char *dir,
    const char *const *names)
{
	int i, n = 0, total = 0;

	for (i = 0; i < BUILD_OUTPUT__MAX; i++)
		total += (bits >> i) & 1;
	for (i = 0; i < BUILD_OUTPUT__MAX; i++) {
		if (!((bits >> i) & 1))
			continue;
		if (n > 0)
			fputs(n + 1 == total ? " and " : ", ", fp);
		if (dir != NULL)
			fprintf(fp, "%s/", dir);
		fputs(names[i], fp);
		n++;
	}
}

static void
summary(const struct build_opts *o, const struct build_summary *s,
    const struct diags *d)
{
	/* Each story left out has its note above, with the reason: the
	 * summary only points there. */
	const char *why = s->left_out > 0 ? " (the notes above say why)" : "";
	char w[32], n[32];

	count_of(n, sizeof n, s->published, "story", "stories");
	if (o->outputs & ((1u << BUILD_BOOKLET) | (1u << BUILD_PRINT)))
		printf("daftar: %s published, %zu left out%s; %zu booklet "
		    "pages\n", n, s->left_out, why, s->pages);
	else if (o->outputs & (1u << BUILD_SITE))
		printf("daftar: %s published, %zu left out%s\n", n,
		    s->left_out, why);
	fputs("daftar: wrote ", stdout);
	print_list(stdout, o->outputs, o->out_dir, output_files);
	putchar('\n');
	/* Said only when it is news: a first build keeps nothing. */
	if (s->booklet_kept)
		puts("daftar: the booklet's sources did not change: its PDFs "
		    "are kept as they were");
	if (s->site_kept > 0)
		printf("daftar: site: %zu of %zu files changed; the others "
		    "are kept as they were\n", s->site_files - s->site_kept,
		    s->site_files);
	if (diag_count(d, DIAG_WARN) > 0)
		printf("daftar: %s (see above)\n", count_of(w, sizeof w,
		    diag_count(d, DIAG_WARN), "warning", "warnings"));
}

/* An unknown name after --only: says which names there are. */
static int
only_error(const char *bad)
{
	fprintf(stderr, "daftar: unknown output '%s' for --only: the outputs "
	    "are ", bad);
	print_list(stderr, BUILD_ALL, NULL, output_names);
	fputs(", comma-separated\nrun 'daftar --help' for the commands and "
	    "options\n", stderr);
	return EXIT_USAGE;
}

/* What cmd_build() runs. */
enum mode {
	MODE_BUILD,		/* daftar build */
	MODE_LEAFLETS,		/* daftar leaflets */
	MODE_CHECK,		/* daftar check: write nothing */
	MODE__MAX
};

static const char *const mode_names[MODE__MAX] = {
	"build", "leaflets", "check",
};

/* What "daftar check" says when it found no error. */
static void
check_summary(const struct build_summary *s, const struct diags *d)
{
	size_t w = diag_count(d, DIAG_WARN);
	char buf[32], n[32];

	count_of(n, sizeof n, s->published, "story", "stories");
	if (w == 0)
		printf("daftar: no problems found; %s would be published, %zu "
		    "left out%s\n", n, s->left_out,
		    s->left_out > 0 ? " (the notes above say why)" : "");
	else
		printf("daftar: no errors, %s (see above); %s would be "
		    "published, %zu left out\n",
		    count_of(buf, sizeof buf, w, "warning", "warnings"), n,
		    s->left_out);
}

/* "daftar build", "daftar leaflets" or "daftar check". */
static int
cmd_build(int argc, char **argv, enum mode mode)
{
	int leaflets = mode == MODE_LEAFLETS, check = mode == MODE_CHECK;
	struct build_opts o;
	struct build_summary sum;
	struct diags d;
	struct progress prog;
	struct progress_env env;
	char fonts[PATH_MAX], tmpl[PATH_MAX], bad[64];
	char *dir = exe_dir();
	unsigned show = 0, shown;	/* PROGRESS_QUIET, PROGRESS_VERBOSE */
	int i, rc, timings = 0;

	memset(&o, 0, sizeof o);
	o.content_dir = "content";
	o.out_dir = "out";
	o.fonts_dir = getenv("DAFTAR_FONTS");
	if (o.fonts_dir == NULL || *o.fonts_dir == '\0')
		o.fonts_dir = data_dir(dir, "fonts", fonts, sizeof fonts);
	o.templates_dir = data_dir(dir, "templates", tmpl, sizeof tmpl);
	o.source_date_epoch = getenv("SOURCE_DATE_EPOCH");
	o.outputs = leaflets ? 1u << BUILD_LEAFLETS : BUILD_ALL;
	for (i = 0; i < argc; i++) {
		const char **dst = NULL;

		if (check && (strcmp(argv[i], "--out") == 0 ||
		    strcmp(argv[i], "--only") == 0 ||
		    strncmp(argv[i], "--dump", 6) == 0)) {
			free(dir);
			return usage_error("'check' writes nothing, so it takes "
			    "no '%s'", argv[i]);
		}
		if (strcmp(argv[i], "--only") == 0 && mode == MODE_BUILD) {
			if (i + 1 >= argc) {
				free(dir);
				return usage_error("option '%s' needs a list "
				    "of outputs after it, such as 'site' or "
				    "'booklet,print'", argv[i]);
			}
			o.outputs = parse_outputs(argv[++i], bad, sizeof bad);
			if (o.outputs == 0) {
				free(dir);
				return only_error(bad);
			}
			continue;
		}

		if (strcmp(argv[i], "--dump=lines") == 0) {
			o.dump_lines = stdout;
			continue;
		}
		if (strcmp(argv[i], "--breaker=greedy") == 0) {
			o.greedy = 1;
			continue;
		}
		if (strcmp(argv[i], "--no-cache") == 0) {
			o.no_shape_cache = 1;
			continue;
		}
		if (strcmp(argv[i], "--quiet") == 0 ||
		    strcmp(argv[i], "--verbose") == 0) {
			shown = argv[i][2] == 'q' ? PROGRESS_QUIET :
			    PROGRESS_VERBOSE;
			if ((show | shown) == (PROGRESS_QUIET | PROGRESS_VERBOSE)) {
				free(dir);
				return usage_error("%s'--quiet' and '--verbose' "
				    "cannot go together: choose one", "");
			}
			show |= shown;
			continue;
		}
		if (strcmp(argv[i], "--timings") == 0) {
			timings = 1;
			continue;
		}
		if (strcmp(argv[i], "--content") == 0)
			dst = &o.content_dir;
		else if (strcmp(argv[i], "--out") == 0)
			dst = &o.out_dir;
		else if (strcmp(argv[i], "--fonts") == 0)
			dst = &o.fonts_dir;
		else if (strcmp(argv[i], "--templates") == 0)
			dst = &o.templates_dir;
		else {
			fprintf(stderr, "daftar: unknown option '%s' for '%s'\n"
			    "run 'daftar --help' for the commands and options\n",
			    argv[i], mode_names[mode]);
			free(dir);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			free(dir);
			return usage_error("option '%s' needs a folder after it", argv[i]);
		}
		*dst = argv[++i];
	}
	o.check_only = check;
	o.stop = &stop_signal;
	/* stderr is what an editor watches: progress and colour are for a
	 * terminal, and a log or a test capturing it sees what it always
	 * did. */
	env.tty = isatty(STDERR_FILENO);
	env.no_color = getenv("NO_COLOR");
	env.term = getenv("TERM");
	progress_init(&prog, stderr, &env, show, NULL, NULL);
	o.progress = &prog;
	catch_stop_signals();
	diag_init(&d);
	rc = build_run(&o, &sum, &d);
	progress_end(&prog);
	if (rc != 0 && stop_signal != 0) {
		/* The shell's convention, 128 + the signal: 130, 143. */
		if (check)
			fprintf(stderr, "daftar: %s: the check was interrupted "
			    "and stopped\n", stop_signal == SIGINT ? "SIGINT" :
			    "SIGTERM");
		else
			fprintf(stderr, "daftar: %s: the build was interrupted "
			    "and stopped; %s/ is unchanged\n", stop_signal ==
			    SIGINT ? "SIGINT" : "SIGTERM", o.out_dir);
		rc = 128 + stop_signal;
		diag_release(&d);
		free(dir);
		return rc;
	}
	/* --quiet: errors and warnings only, no notes or summary. */
	diag_print_styled(&d, stderr, show & PROGRESS_QUIET ? DIAG_WARN :
	    DIAG_NOTE, prog.color);
	if (show & PROGRESS_QUIET)
		;
	else if (check && rc == 0 && diag_worst(&d) < DIAG_ERROR)
		check_summary(&sum, &d);
	else if (check) {
		char me[PATH_MAX + 8], then[PATH_MAX + 64];

		snprintf(then, sizeof then, "fix the errors and run '%s check' "
		    "again", self_name(me, sizeof me));
		errors_line(&d, then);
	}
	else if (rc == 0 && diag_worst(&d) < DIAG_ERROR)
		summary(&o, &sum, &d);
	else
		errors_line(&d, "nothing was written — fix the errors and run "
		    "again");
	if (timings)
		progress_timings(&prog, stderr);
	rc = diag_worst(&d) >= DIAG_ERROR || rc != 0 ? EXIT_CONTENT : EXIT_OK;
	diag_release(&d);
	free(dir);
	return rc;
}

/* The three commands cmd_build() serves, as the command table wants them. */
static int
cmd_build_all(int argc, char **argv)
{
	return cmd_build(argc, argv, MODE_BUILD);
}

static int
cmd_leaflets(int argc, char **argv)
{
	return cmd_build(argc, argv, MODE_LEAFLETS);
}

static int
cmd_check(int argc, char **argv)
{
	return cmd_build(argc, argv, MODE_CHECK);
}

/* lint.c reads its own options (lint_command()). */
static int
cmd_lint(int argc, char **argv)
{
	return lint_command(argc, argv, stdout, stderr);
}

/* "daftar serve": the options of build that make sense here, and --port. */
static int
cmd_serve(int argc, char **argv)
{
	struct build_opts o;
	char fonts[PATH_MAX], tmpl[PATH_MAX], *end;
	char *dir = exe_dir();
	long port = 8000;
	int i, rc;

	memset(&o, 0, sizeof o);
	o.content_dir = "content";
	o.out_dir = "out";
	o.fonts_dir = getenv("DAFTAR_FONTS");
	if (o.fonts_dir == NULL || *o.fonts_dir == '\0')
		o.fonts_dir = data_dir(dir, "fonts", fonts, sizeof fonts);
	o.templates_dir = data_dir(dir, "templates", tmpl, sizeof tmpl);
	o.source_date_epoch = getenv("SOURCE_DATE_EPOCH");
	o.outputs = BUILD_ALL;
	for (i = 0; i < argc; i++) {
		const char **dst = NULL;

		if (strcmp(argv[i], "--port") != 0 &&
		    strcmp(argv[i], "--content") != 0 &&
		    strcmp(argv[i], "--out") != 0 &&
		    strcmp(argv[i], "--fonts") != 0 &&
		    strcmp(argv[i], "--templates") != 0)
			rc = usage_error("unknown option '%s' for 'serve'",
			    argv[i]);
		else if (i + 1 >= argc)
			rc = usage_error("option '%s' needs a value after it",
			    argv[i]);
		else if (strcmp(argv[i], "--port") == 0) {
			port = strtol(argv[++i], &end, 10);
			if (*argv[i] != '\0' && *end == '\0' && port >= 0 &&
			    port <= 65535)
				continue;
			rc = usage_error("--port needs a number from 0 to 65535 "
			    "(0: any free port), not '%s'", argv[i]);
		} else if (strcmp(argv[i], "--content") == 0)
			dst = &o.content_dir;
		else if (strcmp(argv[i], "--out") == 0)
			dst = &o.out_dir;
		else if (strcmp(argv[i], "--fonts") == 0)
			dst = &o.fonts_dir;
		else
			dst = &o.templates_dir;
		if (dst == NULL) {
			free(dir);
			return rc;
		}
		*dst = argv[++i];
	}
	o.stop = &stop_signal;
	catch_stop_signals();
	rc = live_run(&o, (int)port, stdout, stderr) == 0 ? EXIT_OK :
	    EXIT_CONTENT;
	free(dir);
	return rc;
}

/* The kinds "daftar new" makes, by enum doc_kind. */
static const char *const kind_names[DOC_KIND__MAX + 1] = {
	"story", "page", "leaflet", NULL,
};

/* "daftar new KIND NAME [--content DIR]" */
static int
cmd_new(int argc, char **argv)
{
	const char *args[2], *content = "content", *path, *guess;
	char fixed[80], me[PATH_MAX + 8];
	struct fa_date today;
	struct arena a;
	struct diags d;
	int i, n = 0, kind;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--content") == 0) {
			if (i + 1 >= argc)
				return usage_error("option '%s' needs a folder "
				    "after it", argv[i]);
			content = argv[++i];
		} else if (argv[i][0] == '-' || n == 2)
			return usage_error(argv[i][0] == '-' ? "unknown option "
			    "'%s' for 'new'" : "'new' takes a kind and a name, "
			    "not also '%s'", argv[i]);
		else
			args[n++] = argv[i];
	}
	if (n < 2)
		return usage_error("%s'new' needs a kind and a name, such as "
		    "'daftar new story nan-e-khanegi'", "");
	for (kind = 0; kind < DOC_KIND__MAX; kind++)
		if (strcmp(args[0], kind_names[kind]) == 0)
			break;
	if (kind == DOC_KIND__MAX) {
		guess = content_suggest(args[0], kind_names);
		fprintf(stderr, "daftar: unknown kind '%s' for 'new'", args[0]);
		if (guess != NULL)
			fprintf(stderr, " — did you mean '%s'?", guess);
		fputs("\nthe kinds are story, page and leaflet: "
		    "run 'daftar help new'\n", stderr);
		return EXIT_USAGE;
	}
	if (!scaffold_slug_ok(args[1], fixed, sizeof fixed)) {
		fprintf(stderr, "daftar: the name '%s' cannot be used: a name "
		    "has only lowercase Latin letters (a-z), digits (0-9) and "
		    "single hyphens between them, at most 64 characters, "
		    "because it becomes the file's name and its address on "
		    "the site\n",
		    args[1]);
		if (fixed[0] != '\0')
			fprintf(stderr, "try: %s new %s %s\n", self_name(me,
			    sizeof me), args[0], fixed);
		else
			fprintf(stderr, "write it in Latin letters, such as: "
			    "%s new %s nan-e-khanegi\n", self_name(me,
			    sizeof me), args[0]);
		return EXIT_USAGE;
	}
	arena_init(&a);
	diag_init(&d);
	scaffold_today(getenv("SOURCE_DATE_EPOCH"), &today, &d);
	path = scaffold_write(&a, content, (enum doc_kind)kind, args[1], today, &d);
	diag_print(&d, stderr);
	if (path != NULL) {
		printf("daftar: wrote %s\n", path);
		if (kind == DOC_PAGE)
			printf("daftar: to put it on the site, add '- pages/%s' "
			    "under 'pages:' in 'site:' of %s/booklet.yaml\n",
			    args[1], content);
		else if (kind == DOC_LEAFLET)
			printf("daftar: to print it, add '- leaflets/%s' under "
			    "'leaflets:' in %s/booklet.yaml\n", args[1], content);
		printf("daftar: next: edit it, then run '%s check'%s\n",
		    self_name(me, sizeof me), kind == DOC_STORY ? "; it stays "
		    "out of every output until you set 'consent: true'" : "");
	}
	diag_release(&d);
	arena_release(&a);
	return path != NULL ? EXIT_OK : EXIT_CONTENT;
}

static int
cmd_debug(int argc, char **argv)
{
	struct diags d;
	int rc;

	if (argc < 1)
		return usage_error("%s'debug' needs a topic: 'debug bidi'", "");
	if (strcmp(argv[0], "bidi") != 0)
		return usage_error("unknown topic '%s' for 'debug'; try 'debug bidi'",
		    argv[0]);
	if (argc > 1)
		return usage_error("'debug bidi' reads its cases on standard "
		    "input and takes no argument, not '%s'", argv[1]);
	diag_init(&d);
	rc = bidicheck_run(stdin, "<stdin>", stdout, &d);
	diag_print(&d, stderr);
	diag_release(&d);
	return rc != 0 ? EXIT_CONTENT : EXIT_OK;
}

/*
 * The commands.  One entry is all of one command: "daftar --help" lists its
 * name and summary, "daftar help NAME" and "daftar NAME --help" print its
 * help (usage, what it does, options, an example, exit status when it is
 * not the usual one), and main() runs it with the arguments after its name.
 * Add a command as one more entry, in the order --help should list it, and
 * describe it in src/daftar.1 too.
 */
struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;	/* one line, for "daftar --help" */
	const char *help;	/* the whole help, ending in '\n' */
};

static const struct command commands[] = {
	{ "build", cmd_build_all,
	  "write the booklet, the leaflets and the site from the content",
"usage: daftar build [--content DIR] [--out DIR] [--only LIST] [options]\n"
"\n"
"Sets OUT/booklet.pdf, OUT/booklet-print.pdf (imposed on sheets for saddle\n"
"stitching), OUT/leaflets/NAME.pdf and OUT/site/ from the content folder.\n"
"Every error is printed as FILE:LINE:COL; nothing in OUT changes unless the\n"
"whole build succeeds.  The summary names the stories left out (no\n"
"'consent: true', or 'draft: true').\n"
"\n"
"options:\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"  --out DIR         where the outputs go (default: out)\n"
"  --only LIST       write only these outputs, comma-separated, from\n"
"                    booklet, print, leaflets, site; the others stay in OUT\n"
"                    as they were, and a site without the booklet offers\n"
"                    the OUT/booklet.pdf already there\n"
"  --fonts DIR       the Vazirmatn fonts (default: $DAFTAR_FONTS, else\n"
"                    fonts/ beside daftar, else the installed ones)\n"
"  --templates DIR   the site templates (default: templates/ beside\n"
"                    daftar, else the installed ones)\n"
"  --dump=lines      describe every line of the booklet on standard output\n"
"                    (stretch, inter-word space, text) to judge the setting\n"
"  --breaker=greedy  first-fit line breaking instead of total fit\n"
"  --no-cache        shape every word afresh (for benchmarks)\n"
"\n"
"output (build, leaflets and check):\n"
"  --quiet           errors and warnings only: no notes, no summary\n"
"  --verbose         a line as each stage starts and, when standard error\n"
"                    is not a terminal, a count now and then\n"
"  --timings         at the end, the seconds each stage took, as a table\n"
"  On a terminal a progress line is updated in place and erased when done,\n"
"  and the words error, warning and note are coloured unless NO_COLOR is\n"
"  set (not empty) or TERM is dumb.\n"
"\n"
"example:\n"
"  daftar build --only site      # only out/site/, while editing templates\n"
"\n"
"exit status: 0 built, 1 the content has errors, 2 wrong command line,\n"
"130 or 143 stopped by SIGINT (Ctrl-C) or SIGTERM, OUT unchanged\n" },

	{ "leaflets", cmd_leaflets,
	  "write only the leaflets (quicker while editing them)",
"usage: daftar leaflets [--content DIR] [--out DIR] [--fonts DIR] [output]\n"
"\n"
"Writes only OUT/leaflets/NAME.pdf, one for each leaflet listed under\n"
"'leaflets:' in booklet.yaml; the other outputs stay as they were.\n"
"\n"
"options:\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"  --out DIR         where the outputs go (default: out)\n"
"  --fonts DIR       the Vazirmatn fonts (default: as for 'daftar build')\n"
"  --quiet, --verbose, --timings   as for 'daftar build'\n"
"\n"
"example:\n"
"  daftar leaflets --content content --out out\n" },

	{ "new", cmd_new,
	  "start a story, page or leaflet file to fill in",
"usage: daftar new story|page|leaflet NAME [--content DIR]\n"
"\n"
"Writes CONTENT/stories/NAME.md (pages/, leaflets/) with every field of its\n"
"kind under a note in Persian, today's Jalali date ($SOURCE_DATE_EPOCH when\n"
"set) and a body to replace.  A new story has 'consent: false': builds leave\n"
"it out until the narrator has agreed and you set 'consent: true'.  A page\n"
"appears on the site once listed under site.pages in booklet.yaml, a\n"
"leaflet is printed once listed under leaflets.  NAME becomes the file's\n"
"name and its site address: lowercase Latin letters, digits and hyphens.\n"
"A file already there is never replaced.\n"
"\n"
"options:\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"\n"
"example:\n"
"  daftar new story nan-e-khanegi && daftar check\n"
"\n"
"exit status: 0 written, 1 the file exists or cannot be written,\n"
"2 wrong command line (such as a NAME with other characters)\n" },

	{ "check", cmd_check,
	  "find every problem a build would report, writing nothing",
"usage: daftar check [--content DIR] [--fonts DIR] [--templates DIR] [output]\n"
"\n"
"Reads everything a build reads (booklet.yaml, stories, pages, leaflets,\n"
"statistics, photos, templates, fonts) and prints the same messages with\n"
"the same exit status as 'daftar build', without setting the booklet's\n"
"pages or writing anything: no output folder is made or touched.  Quick\n"
"enough to run after every edit.  With no problem it prints one line:\n"
"how many stories would be published and how many left out.\n"
"\n"
"options:\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"  --fonts DIR       the Vazirmatn fonts (default: as for 'daftar build')\n"
"  --templates DIR   the site templates (default: as for 'daftar build')\n"
"  --breaker=greedy, --no-cache   as for 'daftar build'\n"
"  --quiet, --verbose, --timings   as for 'daftar build'\n"
"\n"
"example:\n"
"  daftar new story nan-e-khanegi && daftar check\n"
"\n"
"exit status: 0 no errors (warnings allowed), 1 the content has errors,\n"
"2 wrong command line, 130 or 143 stopped by SIGINT or SIGTERM\n" },

	{ "lint", cmd_lint,
	  "find (and with --fix, mend) Persian typography problems",
	  lint_help },

	{ "serve", cmd_serve,
	  "build, show the site on this computer, rebuild on every change",
"usage: daftar serve [--content DIR] [--out DIR] [--port N]\n"
"\n"
"Builds as 'daftar build' does, then serves OUT/site/ at\n"
"http://127.0.0.1:8000/ (this computer only) and builds again whenever a\n"
"file under the content folder or the templates changes: save a story and\n"
"the open pages reload themselves, and OUT/booklet.pdf is new too.  A save\n"
"that breaks the build prints its errors and the previous site stays\n"
"served.  Ctrl-C stops it.\n"
"\n"
"options:\n"
"  --content DIR     the folder holding booklet.yaml (default: content)\n"
"  --out DIR         where the outputs go (default: out)\n"
"  --port N          the port on 127.0.0.1 (default 8000; 0: any free\n"
"                    port, printed with the address)\n"
"  --fonts DIR, --templates DIR   as for 'daftar build'\n"
"\n"
"example:\n"
"  daftar serve --port 8080      # then open http://127.0.0.1:8080/\n"
"\n"
"exit status: 0 stopped by Ctrl-C or SIGTERM, 1 could not start (such as\n"
"the port being taken) or the first build failed, 2 wrong command line\n" },


	{ "debug", cmd_debug,
	  "print plain UAX #9 visual order for Unicode's bidi test cases",
"usage: daftar debug bidi < BidiCharacterTest.txt\n"
"\n"
"Reads Unicode BidiCharacterTest.txt cases (\"HEX HEX ...;D;...\") on\n"
"standard input and prints each case's visual order as plain UAX #9 gives\n"
"it (the file's field 4); 'make test' compares it with the whole file.\n"
"\n"
"example:\n"
"  daftar debug bidi < /usr/share/unicode/BidiCharacterTest.txt\n"
"\n"
"exit status: 0 success, 1 a case could not be read, 2 wrong command line\n" },
};

#define NCOMMANDS	(sizeof commands / sizeof commands[0])

static void
usage(FILE *fp)
{
	size_t i;

	fputs("usage: daftar COMMAND [options]\n"
	    "       daftar help COMMAND\n"
	    "       daftar --help | --version\n"
	    "\n"
	    "Turns Persian Markdown stories and statistics into a booklet PDF,\n"
	    "leaflets and a static site.\n"
	    "\n"
	    "commands:\n", fp);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	    "'daftar help COMMAND' (or 'daftar COMMAND --help') shows a command's\n"
	    "options and an example; 'man daftar' describes all of daftar.\n"
	    "\n"
	    "options:\n"
	    "  -h, --help   show this help\n"
	    "  --version    show the version\n"
	    "\n"
	    "exit status: 0 success, 1 the content has errors, 2 wrong command\n"
	    "line, 130 or 143 stopped by SIGINT (Ctrl-C) or SIGTERM\n", fp);
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* An unknown command: the nearest name, when one is near. */
static int
unknown_command(const char *name)
{
	const char *names[NCOMMANDS + 2], *guess;
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	names[i++] = "help";
	names[i] = NULL;
	fprintf(stderr, "daftar: unknown command '%s'", name);
	if ((guess = content_suggest(name, names)) != NULL)
		fprintf(stderr, " — did you mean '%s'?", guess);
	fputs("\nrun 'daftar --help' for the commands\n", stderr);
	return EXIT_USAGE;
}

/* Whether the arguments after a command ask for its help. */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2)
		return usage_error("%sno command given", "");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("daftar %s\n", DAFTAR_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if ((c = find_command(argv[2])) == NULL)
			return unknown_command(argv[2]);
		fputs(c->help, stdout);
		return EXIT_OK;
	}
	if ((c = find_command(argv[1])) == NULL)
		return unknown_command(argv[1]);
	if (wants_help(argc - 2, argv + 2)) {
		fputs(c->help, stdout);
		return EXIT_OK;
	}
	exit(c->run(argc - 2, argv + 2));
}
