/* main.c - argv, diagnostics, exit status; the only exit(). */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bidicheck.h"
#include "build.h"
#include "diag.h"
#include "live.h"

#define DAFTAR_VERSION	"0.1.0"

enum exit_code {
	EXIT_OK = 0,
	EXIT_CONTENT = 1,	/* the content has errors */
	EXIT_USAGE = 2,		/* the command line is wrong */
};

static const char usage_text[] =
"usage: daftar build [--content DIR] [--out DIR] [--only LIST]\n"
"       daftar leaflets [--content DIR] [--out DIR]\n"
"       daftar serve [--content DIR] [--out DIR] [--port N]\n"
"       daftar debug bidi < CASES\n"
"       daftar --help | --version\n"
"\n"
"Turns Markdown stories and statistics into a Persian booklet PDF and a\n"
"static site.\n"
"\n"
"commands:\n"
"  build           set DIR/booklet.pdf, DIR/booklet-print.pdf (imposed for\n"
"                  saddle stitching), DIR/leaflets/*.pdf and DIR/site/ from\n"
"                  the content folder\n"
"  leaflets        set only DIR/leaflets/*.pdf (quicker while editing them)\n"
"  serve           build, then show DIR/site/ at http://127.0.0.1:8000/ and\n"
"                  build again whenever the content or templates change;\n"
"                  open pages reload themselves; Ctrl-C stops (status 0)\n"
"  debug bidi      read Unicode BidiCharacterTest.txt cases (\"HEX HEX ...;D\")\n"
"                  on standard input; print each case's visual order as\n"
"                  plain UAX #9 gives it (the file's field 4)\n"
"\n"
"options:\n"
"  --content DIR   the folder holding booklet.yaml (default: content)\n"
"  --out DIR       where the outputs go (default: out)\n"
"  --only LIST     build: write only these outputs, comma-separated, from\n"
"                  booklet, print, leaflets, site (default: all of them);\n"
"                  the others stay in DIR as they were, and a site without\n"
"                  the booklet offers the DIR/booklet.pdf already there\n"
"  --fonts DIR     where the Vazirmatn fonts are (default: fonts/ beside\n"
"                  the daftar program, or $DAFTAR_FONTS)\n"
"  --templates DIR the site templates (default: templates/ beside daftar)\n"
"  --port N        serve: the port on 127.0.0.1 (default 8000; 0: any free\n"
"                  port, printed with the URL)\n"
"  --dump=lines    describe every line of the booklet on standard output\n"
"                  (stretch, inter-word space, text) to judge the setting\n"
"  --breaker=greedy  first-fit line breaking instead of total fit\n"
"  --no-cache      shape every word afresh (for benchmarks)\n"
"  -h, --help      show this help\n"
"  --version       show the version\n"
"\n"
"exit status: 0 success, 1 the content (or the debug cases) has errors,\n"
"2 wrong command line, 130 or 143 the build was stopped by SIGINT (Ctrl-C)\n"
"or SIGTERM and the output folder is unchanged\n";

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

static const char *
beside_exe(const char *dir, const char *name, char *out, size_t len)
{
	if (dir == NULL)
		return name;
	snprintf(out, len, "%s/%s", dir, name);
	if (access(out, R_OK) != 0)
		return name;
	return out;
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
	if (o->outputs & ((1u << BUILD_BOOKLET) | (1u << BUILD_PRINT)))
		printf("daftar: %zu stories published, %zu left out; %zu "
		    "booklet pages\n", s->published, s->left_out, s->pages);
	else if (o->outputs & (1u << BUILD_SITE))
		printf("daftar: %zu stories published, %zu left out\n",
		    s->published, s->left_out);
	fputs("daftar: wrote ", stdout);
	print_list(stdout, o->outputs, o->out_dir, output_files);
	putchar('\n');
	if (diag_count(d, DIAG_WARN) > 0)
		printf("daftar: %zu warnings (see above)\n", diag_count(d, DIAG_WARN));
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

/* "daftar build" (leaflets == 0) or "daftar leaflets". */
static int
cmd_build(int argc, char **argv, int leaflets)
{
	struct build_opts o;
	struct build_summary sum;
	struct diags d;
	char fonts[PATH_MAX], tmpl[PATH_MAX], bad[64];
	char *dir = exe_dir();
	int i, rc;

	memset(&o, 0, sizeof o);
	o.content_dir = "content";
	o.out_dir = "out";
	o.fonts_dir = getenv("DAFTAR_FONTS");
	if (o.fonts_dir == NULL || *o.fonts_dir == '\0')
		o.fonts_dir = beside_exe(dir, "fonts", fonts, sizeof fonts);
	o.templates_dir = beside_exe(dir, "templates", tmpl, sizeof tmpl);
	o.source_date_epoch = getenv("SOURCE_DATE_EPOCH");
	o.outputs = leaflets ? 1u << BUILD_LEAFLETS : BUILD_ALL;
	for (i = 0; i < argc; i++) {
		const char **dst = NULL;

		if (strcmp(argv[i], "--only") == 0 && !leaflets) {
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
		if (strcmp(argv[i], "--content") == 0)
			dst = &o.content_dir;
		else if (strcmp(argv[i], "--out") == 0)
			dst = &o.out_dir;
		else if (strcmp(argv[i], "--fonts") == 0)
			dst = &o.fonts_dir;
		else if (strcmp(argv[i], "--templates") == 0)
			dst = &o.templates_dir;
		else {
			free(dir);
			return usage_error(leaflets ? "unknown option '%s' for "
			    "'leaflets'" : "unknown option '%s' for 'build'",
			    argv[i]);
		}
		if (i + 1 >= argc) {
			free(dir);
			return usage_error("option '%s' needs a folder after it", argv[i]);
		}
		*dst = argv[++i];
	}
	o.stop = &stop_signal;
	catch_stop_signals();
	diag_init(&d);
	rc = build_run(&o, &sum, &d);
	if (rc != 0 && stop_signal != 0) {
		/* The shell's convention, 128 + the signal: 130, 143. */
		fprintf(stderr, "daftar: %s: the build was interrupted and "
		    "stopped; %s/ is unchanged\n", stop_signal == SIGINT ?
		    "SIGINT" : "SIGTERM", o.out_dir);
		rc = 128 + stop_signal;
		diag_release(&d);
		free(dir);
		return rc;
	}
	diag_print(&d, stderr);
	if (rc == 0 && diag_worst(&d) < DIAG_ERROR)
		summary(&o, &sum, &d);
	else
		fprintf(stderr, "daftar: %zu errors; nothing was written — fix them and run again\n",
		    diag_count(&d, DIAG_ERROR));
	rc = diag_worst(&d) >= DIAG_ERROR || rc != 0 ? EXIT_CONTENT : EXIT_OK;
	diag_release(&d);
	free(dir);
	return rc;
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
		o.fonts_dir = beside_exe(dir, "fonts", fonts, sizeof fonts);
	o.templates_dir = beside_exe(dir, "templates", tmpl, sizeof tmpl);
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

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%sno command given", "");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("daftar %s\n", DAFTAR_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "build") == 0)
		exit(cmd_build(argc - 2, argv + 2, 0));
	if (strcmp(argv[1], "leaflets") == 0)
		exit(cmd_build(argc - 2, argv + 2, 1));
	if (strcmp(argv[1], "serve") == 0)
		exit(cmd_serve(argc - 2, argv + 2));
	if (strcmp(argv[1], "debug") == 0)
		exit(cmd_debug(argc - 2, argv + 2));
	return usage_error("unknown command '%s'", argv[1]);
}
