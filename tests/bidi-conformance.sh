#!/bin/sh
# bidi-conformance.sh - run Unicode's BidiCharacterTest.txt through
# "daftar debug bidi" and compare each visual order with the file's own.
#
#	sh tests/bidi-conformance.sh DAFTAR
#
# DAFTAR is the program under test (./daftar or ./daftar-san).  The file
# comes from the Debian package unicode-data (make test-deps installs it);
# BIDI_CHARACTER_TEST names another copy.  Only fields 0 (code points) and 1
# (paragraph direction) go in; field 4 (the order from left to right) is
# what must come out.  Prints the first failing cases and closes with
# "bidi-conformance: N passed, M failed"; exits 1 when fewer than 99.9% of
# the cases pass or daftar fails, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/bidi-conformance.sh DAFTAR" >&2
	exit 2
fi
daftar=$1
file=${BIDI_CHARACTER_TEST:-/usr/share/unicode/BidiCharacterTest.txt}
LC_ALL=C
export LC_ALL

if [ ! -r "$file" ]; then
	echo "FAIL: bidi-conformance: cannot read $file; install the Debian package unicode-data (make test-deps)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-bidi.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Cases are the lines daftar does not skip, so output line k answers case k.
is_case='!/^#/ && !/^[ \t]*$/'
tr -d '\r' <"$file" >"$tmp/cases"
awk -F';' "$is_case"' { print $1 ";" $2 }' "$tmp/cases" >"$tmp/in"
if ! "$daftar" debug bidi <"$tmp/in" >"$tmp/got" 2>"$tmp/err"; then
	echo "FAIL: bidi-conformance: daftar debug bidi failed:"
	sed -n '1,10p' "$tmp/err" | sed 's/^/      /'
	exit 1
fi
if [ -s "$tmp/err" ]; then
	echo "FAIL: bidi-conformance: daftar debug bidi wrote to stderr:"
	sed -n '1,10p' "$tmp/err" | sed 's/^/      /'
	exit 1
fi

# Compares field 4 of case k with line k of the output; lines missing from
# the output count as failures.
awk -F';' -v got="$tmp/got" -v name="${file##*/}" "$is_case"' {
	want = $5
	if ((getline line < got) <= 0)
		line = "(no output)"
	if (line == want) {
		pass++
		next
	}
	fail++
	if (shown++ < 5) {
		printf "FAIL: %s:%d: %s;%s\n", name, NR, $1, $2
		printf "      want: %s\n      got:  %s\n", want, line
	}
}
END {
	extra = (getline line < got) > 0
	if (extra)
		printf "FAIL: daftar printed more lines than there are cases\n"
	printf "bidi-conformance: %d passed, %d failed\n", pass, fail
	total = pass + fail
	if (total == 0 || pass * 1000 < total * 999) {
		printf "FAIL: bidi-conformance: below 99.9%% of %d cases\n", total
		exit 1
	}
	exit extra
}
' "$tmp/cases"
