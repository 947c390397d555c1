#!/bin/sh
# cases.sh - golden diagnostics for whole projects: the input classes only a
# build finds (images, links, raw HTML, nesting, long words and files,
# statistics queries, file names), each a tiny project under tests/cases/.
#
#	sh tests/cases.sh DAFTAR
#
# tests/cases/NAME/ holds:
#   content/         the case's files, copied over tests/cases/base/content/
#                    (booklet.yaml);
#   expected.diag    everything daftar prints on stderr, exactly;
#   expected.status  its exit status;
#   prepare.sh       optional: run with sh in the copy, beside content/, to
#                    make what git should not hold (symlinks, megabytes);
#   check.sh         optional: run as "sh check.sh OUT" after the build, for
#                    what the outputs must (not) contain; prints what is
#                    wrong and exits 1.
# Paths in diagnostics are relative to content/, as daftar prints them, so
# the temporary folder never shows.  Before the build, "daftar check" runs
# on the same copy: it must exit as the build does, print the same
# diagnostics (its closing line, which says no file is written, aside) and
# make no out/ folder.  A build that succeeds runs again over its own
# output: the same diagnostics, the booklet kept, the same bytes.  Prints
# "ok: NAME" or "FAIL: NAME" with
# a diff, and "cases: N passed, M failed"; exits 1 when a case failed, 2 on
# usage.  CASES="a b" runs only those.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/cases.sh DAFTAR" >&2
	exit 2
fi
case $1 in
/*)	daftar=$1 ;;
*)	daftar=$PWD/$1 ;;
esac

LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

root=$(cd "$(dirname "$0")/.." && pwd)
cases=$root/tests/cases
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-cases.XXXXXX") || exit 1
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
	sed -n "1,${2:-20}p" "$1" | sed 's/^/      /'
}

if [ ! -x "$daftar" ]; then
	not_ok "$daftar: no such program (make build)"
	echo "cases: $pass passed, $fail failed"
	exit 1
fi

names=${CASES:-$(cd "$cases" && for d in */; do
	[ -f "$d/expected.diag" ] && echo "${d%/}"; done)}
for name in $names; do
	src=$cases/$name
	work=$tmp/$name
	mkdir -p "$work" && cp -R "$cases/base/content" "$work/" &&
	    cp -R "$src/content/." "$work/content/" || {
		not_ok "$name: cannot copy the project"
		continue
	}
	if [ -f "$src/prepare.sh" ] &&
	    ! (cd "$work" && sh "$src/prepare.sh") >"$work/prepare.log" 2>&1; then
		not_ok "$name: prepare.sh failed"
		show "$work/prepare.log"
		continue
	fi
	(cd "$work" && timeout 600 "$daftar" check --content content \
	    >check.out 2>check.err </dev/null)
	crc=$?
	check_made=""
	[ -e "$work/out" ] && check_made=yes
	(cd "$work" && timeout 600 "$daftar" build --content content --out out \
	    >stdout 2>stderr </dev/null)
	rc=$?
	want=$(cat "$src/expected.status" 2>/dev/null)
	problems=""
	[ "$rc" = "$want" ] || problems="exit status $rc, expected ${want:-?}"
	[ -z "$check_made" ] ||
	    problems="${problems:+$problems; }check made an out/ folder"
	[ "$crc" = "$want" ] ||
	    problems="${problems:+$problems; }check: exit status $crc, expected ${want:-?}"
	# The closing lines differ: "nothing was written" for a build.
	grep -v '^daftar: [0-9]* errors\{0,1\}\( and [0-9]* warnings\{0,1\}\)\{0,1\}; nothing was written' \
	    "$src/expected.diag" >"$work/expected.check"
	grep -v "^daftar: [0-9]* errors\{0,1\}\( and [0-9]* warnings\{0,1\}\)\{0,1\}; fix the errors and run '[^']*daftar[^']* check' again\$" \
	    "$work/check.err" >"$work/check.diag"
	if ! diff "$work/expected.check" "$work/check.diag" \
	    >"$work/check.diff" 2>&1; then
		problems="${problems:+$problems; }check: stderr differs from expected.diag"
		cat "$work/check.diff" >>"$work/diff"
	fi
	if [ "$crc" = 1 ] && ! tail -n 1 "$work/check.err" |
	    grep -q "^daftar: [1-9][0-9]* errors\{0,1\}\( and [0-9]* warnings\{0,1\}\)\{0,1\}; fix the errors and run '[^']*daftar[^']* check' again\$"; then
		problems="${problems:+$problems; }check: no closing count of errors"
	fi
	if [ "$crc" = 0 ] && ! grep -q '^daftar: no ' "$work/check.out"; then
		problems="${problems:+$problems; }check: no summary on stdout"
	fi
	# CASES_WRITE=1 writes what the build printed as the new golden file:
	# after a deliberate change, then read the diff before committing.
	[ -n "${CASES_WRITE:-}" ] && cp "$work/stderr" "$src/expected.diag"
	if ! diff "$src/expected.diag" "$work/stderr" >"$work/diff" 2>&1; then
		problems="${problems:+$problems; }stderr differs from expected.diag"
	fi
	if [ -f "$src/check.sh" ] && [ "$rc" = 0 ] &&
	    ! sh "$src/check.sh" "$work/out" >"$work/check" 2>&1; then
		problems="${problems:+$problems; }check.sh: $(head -n 1 "$work/check")"
	fi
	# Built again over its own output, nothing changed: the booklet is kept
	# (reuse.h), its diagnostics given again exactly, and every output the
	# same bytes as the first build wrote.
	if [ "$rc" = 0 ]; then
		sums() {
			(cd "$work/out" && find . -path ./.daftar-cache -prune -o \
			    -type f -print | LC_ALL=C sort | xargs md5sum)
		}
		sums >"$work/sums1"
		(cd "$work" && timeout 600 "$daftar" build --content content \
		    --out out >stdout2 2>stderr2 </dev/null)
		rc2=$?
		sums >"$work/sums2"
		[ "$rc2" = 0 ] ||
		    problems="${problems:+$problems; }built again: exit status $rc2"
		if ! diff "$src/expected.diag" "$work/stderr2" >>"$work/diff" 2>&1
		then
			problems="${problems:+$problems; }built again: stderr differs from expected.diag"
		fi
		grep -q "^daftar: the booklet's sources did not change" \
		    "$work/stdout2" ||
		    problems="${problems:+$problems; }built again: the booklet was set again"
		cmp -s "$work/sums1" "$work/sums2" ||
		    problems="${problems:+$problems; }built again: the outputs changed"
	fi
	# A failed build must leave nothing behind, not even its staging.
	if [ "$rc" != 0 ] && [ -e "$work/out/.daftar-staging" ]; then
		problems="${problems:+$problems; }out/.daftar-staging left behind"
	fi
	if [ -z "$problems" ]; then
		ok "$name: build and check exit $rc, $(grep -c . "$work/stderr") lines of diagnostics as expected"
	else
		not_ok "$name: $problems"
		[ -s "$work/diff" ] && show "$work/diff"
		[ -s "$work/check" ] && show "$work/check" 5
	fi
done

echo "cases: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
