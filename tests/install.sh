#!/bin/sh
# install.sh - "make install" and "make uninstall" as a packager and a user
# run them, in a copy of the source tree so that the PREFIX compiled into
# that copy's daftar leaves ./daftar alone:
#
#   1. PREFIX=/usr DESTDIR=STAGE: the staged daftar, run from another folder
#      with DAFTAR_FONTS unset, finds its fonts and templates in
#      ../share/daftar and builds a copy of content/;
#   2. PREFIX=P: a copy of P/bin/daftar moved elsewhere finds them in
#      P/share/daftar, compiled in;
#   3. "make uninstall" with the same variables leaves no file behind.
#
#	sh tests/install.sh
#
# Prints one line per check and closes with "install: N passed, M failed";
# exits 1 when a check failed.

LC_ALL=C
export LC_ALL
unset DAFTAR_FONTS
SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok:   $*"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

show() {
	[ -s "$1" ] || return 0
	sed -n '1,20p' "$1" | sed 's/^/      /'
}

# The tree "make install" needs.  -p keeps the times, so that only main.o,
# which holds DATADIR, is compiled again.
tree=$tmp/tree
mkdir "$tree"
cp -Rp "$root/Makefile" "$root/src" "$root/templates" "$root/fonts" "$tree" || exit 1
rm -f "$tree/src/.datadir"
cp -R "$root/content" "$tmp/content"
mkdir "$tmp/elsewhere"

# build_with DAFTAR NAME: builds $tmp/content into $tmp/out-NAME from
# $tmp/elsewhere; checks the booklet.
build_with() {
	(cd "$tmp/elsewhere" && "$1" build --content ../content \
	    --out "../out-$2") >"$tmp/build.out" 2>"$tmp/build.err" </dev/null
	rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$tmp/out-$2/booklet.pdf" ] &&
	    [ -s "$tmp/out-$2/site/index.html" ]; then
		ok "$2: the installed daftar builds the booklet and the site"
	else
		not_ok "$2: the installed daftar: exit $rc"
		show "$tmp/build.err"
	fi
}

# uninstall NAME DIR ARGS...: make uninstall ARGS leaves no file in DIR.
uninstall() {
	name=$1 dir=$2
	shift 2
	if make --no-print-directory -C "$tree" uninstall "$@" >"$tmp/make.log" 2>&1 &&
	    [ -z "$(find "$dir" ! -type d)" ]; then
		ok "$name: make uninstall leaves no file"
	else
		not_ok "$name: make uninstall leaves files"
		find "$dir" ! -type d >"$tmp/left"
		show "$tmp/left"
		show "$tmp/make.log"
	fi
}

# --- 1. staged for a package -------------------------------------------------

stage=$tmp/stage
if make --no-print-directory -C "$tree" install PREFIX=/usr DESTDIR="$stage" \
    >"$tmp/make.log" 2>&1; then
	ok "staged: make install PREFIX=/usr DESTDIR=..."
else
	not_ok "staged: make install PREFIX=/usr DESTDIR=..."
	show "$tmp/make.log"
fi
missing=""
for f in usr/bin/daftar usr/share/man/man1/daftar.1 \
    usr/share/daftar/fonts/Vazirmatn-Regular.ttf \
    usr/share/daftar/fonts/Vazirmatn-Regular.woff2 \
    usr/share/daftar/fonts/OFL.txt \
    usr/share/daftar/templates/site/base.html \
    usr/share/daftar/templates/site/style.css; do
	[ -f "$stage/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ] && [ -x "$stage/usr/bin/daftar" ]; then
	ok "staged: program, man page, fonts, licence and templates in place"
else
	not_ok "staged: missing$missing"
fi
build_with "$stage/usr/bin/daftar" staged
uninstall staged "$stage" PREFIX=/usr DESTDIR="$stage"

# --- 2. installed, then the program moved away from its tree -------------------

prefix=$tmp/prefix
if make --no-print-directory -C "$tree" install PREFIX="$prefix" \
    >"$tmp/make.log" 2>&1; then
	ok "prefix: make install PREFIX=..."
else
	not_ok "prefix: make install PREFIX=..."
	show "$tmp/make.log"
fi
mkdir "$tmp/bin"
cp "$prefix/bin/daftar" "$tmp/bin/daftar"
build_with "$tmp/bin/daftar" datadir
uninstall prefix "$prefix" PREFIX="$prefix"

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
