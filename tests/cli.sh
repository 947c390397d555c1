#!/bin/sh
# cli.sh - the command line as an editor meets it: every command's help,
# "did you mean" for a misspelt command, "daftar new" and a build of what
# it wrote, and the man page's markup.
#
#	sh tests/cli.sh DAFTAR
#
# DAFTAR is the program under test (./daftar or ./daftar-san).  Prints one
# line per check and closes with "cli: N passed, M failed"; exits 1 when a
# check failed, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/cli.sh DAFTAR" >&2
	exit 2
fi
case $1 in
/*)	daftar=$1 ;;
*)	daftar=$PWD/$1 ;;
esac
# As the program names itself in its messages: no "./" inside.
daftar=$(cd "$(dirname "$daftar")" && pwd)/$(basename "$daftar")

LC_ALL=C
export LC_ALL
# 2025-01-01T00:00:00Z: Jalali 1403-10-12.
SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-cli.XXXXXX") || exit 1
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

# Runs DAFTAR with the given arguments from $tmp; output in $tmp/run.out and
# $tmp/run.err, exit status in $rc.
run() {
	(cd "$tmp" && "$daftar" "$@") >"$tmp/run.out" 2>"$tmp/run.err" </dev/null
	rc=$?
}

# --- help -------------------------------------------------------------------

run --help
if [ "$rc" -eq 0 ] && grep -q "daftar help COMMAND" "$tmp/run.out" &&
    grep -q "man daftar" "$tmp/run.out"; then
	ok "--help: exit 0, points to 'daftar help COMMAND' and the man page"
else
	not_ok "--help: exit $rc, or no pointer to 'daftar help' and 'man daftar'"
	show "$tmp/run.out"
fi

# Every command --help lists, including those added later.
commands=$(awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on { print $1 }' "$tmp/run.out")
if [ -n "$commands" ]; then
	ok "--help lists commands: $(echo $commands)"
else
	not_ok "--help lists no commands"
fi
for c in $commands; do
	run "$c" --help
	a=$rc
	cp "$tmp/run.out" "$tmp/help-a"
	run help "$c"
	if [ "$a" -eq 0 ] && [ "$rc" -eq 0 ] &&
	    cmp -s "$tmp/run.out" "$tmp/help-a" &&
	    grep -q "^usage: daftar $c" "$tmp/run.out" &&
	    grep -q "^example:" "$tmp/run.out"; then
		ok "$c --help and help $c: exit 0, usage and an example"
	else
		not_ok "$c --help (exit $a) and help $c (exit $rc): same text with usage and example"
		show "$tmp/run.out"
	fi
done

run buidl
if [ "$rc" -eq 2 ] && grep -q "did you mean 'build'" "$tmp/run.err"; then
	ok "unknown command 'buidl': exit 2, did you mean 'build'"
else
	not_ok "unknown command 'buidl': exit $rc"
	show "$tmp/run.err"
fi
run help leaflet
if [ "$rc" -eq 2 ] && grep -q "did you mean 'leaflets'" "$tmp/run.err"; then
	ok "help leaflet: exit 2, did you mean 'leaflets'"
else
	not_ok "help leaflet: exit $rc"
	show "$tmp/run.err"
fi

# --- daftar new ---------------------------------------------------------------

cp -R "$root/content" "$tmp/content"
run new story x
story=$tmp/content/stories/x.md
if [ "$rc" -eq 0 ] && [ -f "$story" ] &&
    grep -q "^daftar: wrote content/stories/x.md$" "$tmp/run.out" &&
    grep -qF "then run '$daftar check'" "$tmp/run.out"; then
	ok "new story x: wrote content/stories/x.md, says what to do next"
else
	not_ok "new story x: exit $rc"
	show "$tmp/run.err"
fi
if grep -q '^date: 1403-10-12$' "$story" && grep -q '^consent: false$' "$story"; then
	ok "new story x: date 1403-10-12 from SOURCE_DATE_EPOCH, consent: false"
else
	not_ok "new story x: date or consent"
	show "$story"
fi

run build --content content --out out
if [ "$rc" -eq 0 ] && [ -s "$tmp/out/booklet.pdf" ] &&
    grep -q "^stories/x.md: note: left out of every output: 'consent' is not true" "$tmp/run.err" &&
    ! grep -q "error" "$tmp/run.err"; then
	ok "build with the new story: exit 0, x left out for consent"
else
	not_ok "build with the new story: exit $rc"
	show "$tmp/run.err"
fi
if grep -q "left out" "$tmp/run.out"; then
	ok "build summary counts the stories left out"
else
	not_ok "build summary: no 'left out'"
	show "$tmp/run.out"
fi

cp "$story" "$tmp/before"
run new story x
if [ "$rc" -eq 1 ] && grep -q "content/stories/x.md: error: the file already exists" "$tmp/run.err" &&
    cmp -s "$story" "$tmp/before"; then
	ok "new story x again: exit 1, names the file, leaves it as it was"
else
	not_ok "new story x again: exit $rc"
	show "$tmp/run.err"
fi

# The command it suggests is the one that runs here: daftar is not on PATH
# in this test, so its full path; from its own folder, ./daftar.
run new story "Nan e Khanegi"
if [ "$rc" -eq 2 ] && grep -q "a-z" "$tmp/run.err" &&
    grep -qF "try: $daftar new story nan-e-khanegi" "$tmp/run.err" &&
    [ ! -e "$tmp/content/stories/Nan e Khanegi.md" ]; then
	ok "new story 'Nan e Khanegi': exit 2, says what is allowed, suggests nan-e-khanegi"
else
	not_ok "new story 'Nan e Khanegi': exit $rc"
	show "$tmp/run.err"
fi
(cd "$(dirname "$daftar")" && ./"$(basename "$daftar")" new story "Nan e Khanegi" \
    --content "$tmp/content") >/dev/null 2>"$tmp/run.err" </dev/null
if grep -qF "try: ./$(basename "$daftar") new story nan-e-khanegi" "$tmp/run.err"; then
	ok "new from daftar's own folder suggests ./$(basename "$daftar")"
else
	not_ok "new from daftar's own folder does not suggest ./$(basename "$daftar")"
	show "$tmp/run.err"
fi

run new page soal-ha
if [ "$rc" -eq 0 ] && grep -q "'- pages/soal-ha' under 'pages:' in 'site:'" "$tmp/run.out"; then
	ok "new page: says to list it under site.pages"
else
	not_ok "new page: exit $rc"
	show "$tmp/run.out"
fi
run new leaflet kargah
if [ "$rc" -eq 0 ] && grep -q "'- leaflets/kargah' under 'leaflets:'" "$tmp/run.out"; then
	ok "new leaflet: says to list it under leaflets"
else
	not_ok "new leaflet: exit $rc"
	show "$tmp/run.out"
fi
run new leaflet kargah2 --content nowhere
if [ "$rc" -eq 1 ] && grep -q "booklet.yaml: error: not found in 'nowhere'" "$tmp/run.err"; then
	ok "new without a content folder: exit 1, says where booklet.yaml was looked for"
else
	not_ok "new --content nowhere: exit $rc"
	show "$tmp/run.err"
fi

# --- the man page -------------------------------------------------------------

man=$root/src/daftar.1
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wall "$man" >"$tmp/lint" 2>&1
	lint="mandoc -Tlint -Wall"
else
	groff -mandoc -ww -z "$man" >"$tmp/lint" 2>&1
	lint="groff -mandoc -ww -z"
fi
if [ ! -s "$tmp/lint" ]; then
	ok "$lint src/daftar.1: no message"
else
	not_ok "$lint src/daftar.1"
	show "$tmp/lint"
fi

# Every command, and every option a command's help lists, is in the man page.
for c in $commands; do
	if grep -q "^\.It Cm $c\( \|$\)" "$man"; then
		ok "man page: command $c"
	else
		not_ok "man page: no '.It Cm $c' under COMMANDS"
	fi
	run help "$c"
	for o in $(sed -n 's/^  \(--[a-z-]*\).*/\1/p' "$tmp/run.out"); do
		if ! grep -q "^\.It Fl -${o#--}\( \|$\|=\)" "$man"; then
			not_ok "man page: no '.It Fl $o' (from 'daftar help $c') under OPTIONS"
		fi
	done
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
