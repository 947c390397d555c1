# daftar: Markdown stories and statistics -> Persian booklet PDF and site.
#
#   make          install what is missing, build daftar, generate out/
#   make test     unit tests, integration tests, and both again under
#                 AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench    synthetic 100- and 1000-story builds: pages/s, peak memory;
#                 the same for the site alone, and daftar check
#   make headers  check that every header compiles on its own
#   make install  daftar, its man page, fonts and templates under PREFIX
#                 (/usr/local), staged under DESTDIR when set; make uninstall
#   make clean

CC	?= cc
PKG_CONFIG ?= pkg-config

# Library -> Debian package.  Everything is found through pkg-config except
# libcsv, which ships no .pc file.
LIB_PKGS = \
	libcmark:libcmark-dev \
	harfbuzz:libharfbuzz-dev \
	harfbuzz-subset:libharfbuzz-dev \
	fribidi:libfribidi-dev \
	cairo:libcairo2-dev \
	cairo-pdf:libcairo2-dev \
	cairo-ft:libcairo2-dev \
	freetype2:libfreetype-dev \
	fontconfig:libfontconfig-dev \
	libunibreak:libunibreak-dev \
	yaml-0.1:libyaml-dev \
	sqlite3:libsqlite3-dev \
	libjpeg:libjpeg-dev \
	libexif:libexif-dev \
	libqrencode:libqrencode-dev \
	cmocka:libcmocka-dev
# Command -> Debian package: build tools, and the tools the tests read PDFs
# and the man page with.
CMD_PKGS = cc:gcc pkg-config:pkg-config npm:npm
TEST_CMD_PKGS = mutool:mupdf-tools qpdf:qpdf pdffonts:poppler-utils \
	pdftoppm:poppler-utils xmllint:libxml2-utils zbarimg:zbar-tools chromium:chromium \
	mandoc:mandoc script:bsdutils curl:curl
# File -> Debian package: data the tests read (UAX #9 conformance cases, a
# system font with Hebrew for the glyph-fallback tests).
TEST_FILE_PKGS = /usr/share/unicode/BidiCharacterTest.txt:unicode-data \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
MODULES = $(foreach p,$(LIB_PKGS),$(firstword $(subst :, ,$(p))))

WARN	= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wwrite-strings -Werror
STD	= -std=c11 -D_POSIX_C_SOURCE=200809L -pthread
OPT	?= -O2 -g
SAN	= -fsanitize=address,undefined -fno-omit-frame-pointer \
	  -fno-sanitize-recover=all

# "make V=1" shows the whole compiler command lines.
Q	= $(if $(V),,@)
SAY	= $(if $(V),@true,@printf '  %-6s %s\n')

SRCS	= $(sort $(wildcard src/*.c))
OBJS	= $(SRCS:.c=.o)
LIBOBJS	= $(filter-out src/main.o,$(OBJS))
SANOBJS	= $(SRCS:.c=.san.o)
SANLIB	= $(filter-out src/main.san.o,$(SANOBJS))
# tests/bench-stats.c is a benchmark program (make bench), not a unit test.
UNITS	= $(filter-out tests/bench-stats.c,$(sort $(wildcard tests/*.c)))
UNITBIN	= $(UNITS:.c=.test)
UNITSAN	= $(UNITS:.c=.santest)
HDRS	= $(sort $(wildcard src/*.h))

.PHONY: all deps test-deps fuzz-deps fuzz build run test unit unit-san integration \
	bench headers install uninstall clean FORCE

all: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory run

# --- installing what is missing -------------------------------------------

# Runs apt-get (through sudo when not root) for only the packages whose
# pkg-config module or command is missing; anywhere else it says what to do.
# $(1): module:package pairs checked with pkg-config; $(2): command:package
# pairs checked with command -v; $(3): more shell that may add to $$missing.
define install_missing
	missing=""; \
	for pair in $(1); do \
		$(PKG_CONFIG) --exists "$${pair%%:*}" 2>/dev/null || missing="$$missing $${pair#*:}"; \
	done; \
	for pair in $(2); do \
		command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	$(3) \
	missing=$$(printf '%s\n' $$missing | sort -u | tr '\n' ' '); \
	if [ -n "$${missing% }" ]; then \
		if command -v apt-get >/dev/null 2>&1; then \
			sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
			echo "deps: installing $$missing"; \
			$$sudo apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null \
				|| { echo "deps: apt-get could not install: $$missing" >&2; exit 1; }; \
		else \
			echo "deps: this system has no apt-get; install these (Debian names) and run make again: $$missing" >&2; \
			exit 1; \
		fi; \
	fi
endef

CSV_CHECK = echo '\#include <csv.h>' | $(CC) -E - >/dev/null 2>&1 || missing="$$missing libcsv-dev";
FILE_CHECK = for pair in $(TEST_FILE_PKGS); do \
		[ -r "$${pair%%:*}" ] || missing="$$missing $${pair\#*:}"; \
	done;

deps:
	@$(call install_missing,$(LIB_PKGS),$(CMD_PKGS),$(CSV_CHECK))
	@sh fonts/install.sh

test-deps: deps
	@$(call install_missing,,$(TEST_CMD_PKGS),$(FILE_CHECK))
	@cd tests/browser && npm ci --no-audit --no-fund --silent

# --- building ---------------------------------------------------------------

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(MODULES))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(MODULES)) -lcsv -lm -pthread

build: daftar

src/%.o: src/%.c $(HDRS)
	$(SAY) CC $@
	$(Q)$(CC) $(STD) $(OPT) $(WARN) $(DEFS) $(PKG_CFLAGS) -c $< -o $@
src/%.san.o: src/%.c $(HDRS)
	$(SAY) CC $@
	$(Q)$(CC) $(STD) -O1 -g $(SAN) $(WARN) $(DEFS) $(PKG_CFLAGS) -c $< -o $@

# main.c looks for fonts/ and templates/ in DATADIR after beside the program
# and in its ../share/daftar.  src/.datadir holds the DATADIR main.o was
# compiled with, so that another PREFIX compiles it again (git's GIT-PREFIX).
src/main.o src/main.san.o: DEFS = -DDAFTAR_DATADIR='"$(DATADIR)"'
src/main.o src/main.san.o: src/.datadir
src/.datadir: FORCE
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

daftar: $(OBJS)
	$(SAY) LINK $@
	$(Q)$(CC) $(OPT) $(OBJS) $(PKG_LIBS) -o $@
daftar-san: $(SANOBJS)
	$(SAY) LINK $@
	$(Q)$(CC) -g $(SAN) $(SANOBJS) $(PKG_LIBS) -o $@

tests/%.test: tests/%.c $(LIBOBJS) $(HDRS) tests/support.h
	$(SAY) TEST $@
	$(Q)$(CC) $(STD) $(OPT) $(WARN) -Wno-missing-prototypes -Isrc $(PKG_CFLAGS) $< $(LIBOBJS) $(PKG_LIBS) -o $@
tests/%.santest: tests/%.c $(SANLIB) $(HDRS) tests/support.h
	$(SAY) TEST $@
	$(Q)$(CC) $(STD) -O1 -g $(SAN) $(WARN) -Wno-missing-prototypes -Isrc $(PKG_CFLAGS) $< $(SANLIB) $(PKG_LIBS) -o $@

tests/bench-stats: tests/bench-stats.c $(LIBOBJS) $(HDRS)
	$(SAY) CC $@
	$(Q)$(CC) $(STD) $(OPT) $(WARN) -Isrc $(PKG_CFLAGS) $< $(LIBOBJS) $(PKG_LIBS) -o $@

tests/tools/%: tests/tools/%.c
	$(SAY) CC $@
	$(Q)$(CC) $(STD) $(OPT) $(WARN) $< -o $@

# Generates out/ from the sample project in content/.
run: daftar
	./daftar build --content content --out out

# --- testing ----------------------------------------------------------------

test: test-deps fuzz-deps
	@$(MAKE) --no-print-directory unit integration unit-san integration-san
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=5

unit: $(UNITBIN)
	@sh tests/run-units.sh $(UNITBIN)

unit-san: $(UNITSAN)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run-units.sh $(UNITSAN)

# Every script runs even when one fails; the target fails if any did.
# The browser test leaves its screenshots in out/screenshots for people to
# look at; a build publishes next to them and leaves them alone.
integration: daftar tests/tools/recall tests/tools/genstories
	@rc=0; mkdir -p out/screenshots; \
	DAFTAR_SHOTS=$(CURDIR)/out/screenshots sh tests/integration.sh ./daftar || rc=1; \
	sh tests/bidi-conformance.sh ./daftar || rc=1; \
	sh tests/cases.sh ./daftar || rc=1; \
	sh tests/cli.sh ./daftar || rc=1; \
	sh tests/output.sh ./daftar || rc=1; \
	sh tests/lint.sh ./daftar || rc=1; \
	sh tests/install.sh || rc=1; exit $$rc

integration-san: daftar-san tests/tools/recall tests/tools/genstories
	@rc=0; export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1; \
	sh tests/integration.sh ./daftar-san || rc=1; \
	sh tests/bidi-conformance.sh ./daftar-san || rc=1; \
	sh tests/cases.sh ./daftar-san || rc=1; \
	sh tests/cli.sh ./daftar-san || rc=1; \
	sh tests/output.sh ./daftar-san || rc=1; \
	sh tests/lint.sh ./daftar-san || rc=1; exit $$rc

# --- fuzzing ----------------------------------------------------------------

# libFuzzer targets (clang) for the readers of untrusted input; see
# tests/fuzz/README.md.  "make fuzz" runs each for FUZZ_SECONDS; make test
# runs each briefly.
FUZZ_TARGETS = frontmatter csv statsblock tmpl paragraph record
FUZZ_SECONDS ?= 60
FUZZ_CC	= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZOBJS = $(filter-out src/main.fuzz.o,$(SRCS:.c=.fuzz.o))
FUZZ_CHECK = echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' | \
	clang -x c - -fsanitize=fuzzer -o /dev/null >/dev/null 2>&1 || \
	missing="$$missing libclang-rt-14-dev";

# Keep the instrumented objects between runs.
.SECONDARY: $(FUZZOBJS)

fuzz-deps: test-deps
	@$(call install_missing,,clang:clang,$(FUZZ_CHECK))

src/%.fuzz.o: src/%.c $(HDRS)
	$(SAY) FUZZ $@
	$(Q)$(FUZZ_CC) $(STD) -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(PKG_CFLAGS) -c $< -o $@
tests/fuzz/%.fuzz: tests/fuzz/%.c $(FUZZOBJS)
	$(SAY) FUZZ $@
	$(Q)$(FUZZ_CC) $(STD) -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -Isrc $(PKG_CFLAGS) $< $(FUZZOBJS) $(PKG_LIBS) -o $@

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=tests/fuzz/%.fuzz)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# --- benchmark --------------------------------------------------------------

bench: deps
	@$(MAKE) --no-print-directory daftar tests/tools/genstories tests/bench-stats
	@sh tests/bench.sh ./daftar

# --- installing daftar ------------------------------------------------------

# "make install PREFIX=/usr DESTDIR=/tmp/stage" stages a package; the
# installed daftar finds its fonts and templates in PREFIX/share/daftar, or
# in ../share/daftar beside it wherever the tree was put.
PREFIX	?= /usr/local
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
DATADIR	= $(PREFIX)/share/daftar
FONT_FILES = $(wildcard fonts/*.ttf fonts/*.woff2 fonts/*.txt)
TEMPLATE_FILES = $(shell find templates -type f | sort)

install: daftar
	@[ -n "$(filter %.ttf,$(FONT_FILES))" ] || { \
		echo "install: fonts/ has no fonts yet — run make first" >&2; exit 1; }
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(DATADIR)/fonts"
	install -m 755 daftar "$(DESTDIR)$(BINDIR)/daftar"
	install -m 644 src/daftar.1 "$(DESTDIR)$(MANDIR)/man1/daftar.1"
	install -m 644 $(FONT_FILES) "$(DESTDIR)$(DATADIR)/fonts"
	for f in $(TEMPLATE_FILES); do \
		install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/daftar" "$(DESTDIR)$(MANDIR)/man1/daftar.1"
	rm -rf "$(DESTDIR)$(DATADIR)"

# --- housekeeping -----------------------------------------------------------

headers:
	@for h in $(HDRS); do \
		printf '#include "%s"\n' "$${h#src/}" | \
		$(CC) $(STD) $(WARN) -Isrc $(PKG_CFLAGS) -x c -fsyntax-only - || exit 1; \
	done; echo "headers: $(words $(HDRS)) compile alone"

clean:
	rm -f daftar daftar-san src/*.o src/.datadir tests/*.test tests/*.santest tests/fuzz/*.fuzz \
		tests/tools/recall tests/tools/genstories tests/bench-stats
	rm -rf out/*
