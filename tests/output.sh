#!/bin/sh
# output.sh - what daftar prints around its work: "daftar check" on the sample
# (a clean run, out/ untouched, no out/ made), --quiet, --verbose,
# --timings, colour on a terminal and NO_COLOR, and the progress line that
# only a terminal sees.
#
#	sh tests/output.sh DAFTAR
#
# A terminal comes from script(1) (util-linux, Debian package bsdutils).
# Prints one line per check and closes with "output: N passed, M failed";
# exits 1 when a check failed, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/output.sh DAFTAR" >&2
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
# The colour checks say themselves what they want of these.
unset NO_COLOR

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-output.XXXXXX") || exit 1
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
	sed -n "1,${2:-10}p" "$1" | sed 's/^/      /'
}

# Runs DAFTAR in $tmp/p (the sample copied there) with the given
# arguments: stdout to $tmp/NAME.out, stderr to $tmp/NAME.err, status $rc.
run() {
	name=$1
	shift
	(cd "$tmp/p" && "$daftar" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" \
	    </dev/null)
	rc=$?
}

# Runs DAFTAR with a terminal on stdout and stderr (script(1)); what the
# terminal showed goes to $tmp/NAME.tty.  $1 is the name, $2 the
# environment (VAR=value ...), the rest the arguments.
run_tty() {
	name=$1
	envs=$2
	shift 2
	(cd "$tmp/p" && env $envs script -qec "$daftar $*" /dev/null \
	    >"$tmp/$name.tty" 2>&1 </dev/null)
	rc=$?
}

# Names, sizes, modification times and inodes of everything under $1.
tree_state() {
	(cd "$1" && find . -exec stat -c '%n %s %Y %i' {} + | sort)
}

if [ ! -x "$daftar" ]; then
	not_ok "$daftar: no such program (make build)"
	echo "output: $pass passed, $fail failed"
	exit 1
fi
mkdir -p "$tmp/p" && cp -R "$root/content" "$tmp/p/content" || exit 1
excluded=0
for f in "$root"/content/stories/*.md; do
	awk 'NR == 1 { next } /^---/ { exit }
	    /^consent:[ \t]*true/ { c = 1 } /^draft:[ \t]*true/ { d = 1 }
	    END { exit !(c && !d) }' "$f" || excluded=$((excluded + 1))
done

# --- daftar check ------------------------------------------------------------

run check check --content content
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/check.out")" -eq 1 ] &&
    grep -q '^daftar: no problems found; [0-9]* stories would be published, [0-9]* left out' \
    "$tmp/check.out" && [ ! -e "$tmp/p/out" ]; then
	ok "check on the sample: exit 0, $(cat "$tmp/check.out"), no out/ made"
else
	not_ok "check on the sample: exit $rc, out/ $( [ -e "$tmp/p/out" ] && echo made || echo 'not made')"
	show "$tmp/check.out"
	show "$tmp/check.err"
fi
if [ "$(grep -c ': note: left out of every output' "$tmp/check.err")" -eq "$excluded" ] &&
    [ "$(grep -vc ': note: left out of every output' "$tmp/check.err")" -eq 0 ]; then
	ok "check on the sample: one note per story left out ($excluded), nothing else on stderr"
else
	not_ok "check on the sample: stderr is not the $excluded notes"
	show "$tmp/check.err"
fi

# The same diagnostics as the build, whose summary is on stdout.
run build build --content content --out out
if [ "$rc" -eq 0 ] && cmp -s "$tmp/build.err" "$tmp/check.err"; then
	ok "check and build print the same diagnostics on the sample"
else
	not_ok "check and build differ on the sample (build exit $rc)"
	diff "$tmp/build.err" "$tmp/check.err" | show /dev/stdin
fi
if grep -q "^daftar: [0-9]* stories published, $excluded left out (the notes above say why); [0-9]* booklet pages\$" \
    "$tmp/build.out" && grep -q '^daftar: wrote out/booklet.pdf, out/booklet-print.pdf, out/leaflets/ and out/site/$' \
    "$tmp/build.out"; then
	ok "build summary: counts, the notes pointed at, where the outputs are"
else
	not_ok "build summary"
	show "$tmp/build.out"
fi

before=$(tree_state "$tmp/p/out")
sleep 1
run check2 check --content content
if [ "$rc" -eq 0 ] && [ "$(tree_state "$tmp/p/out")" = "$before" ]; then
	ok "check leaves out/ as it was: names, sizes, times, inodes"
else
	not_ok "check changed out/ (exit $rc)"
fi

run check-out check --content content --out elsewhere
out_rc=$rc
run check-only check --content content --only site
if [ "$out_rc" -eq 2 ] && [ "$rc" -eq 2 ] && grep -q "'check' writes nothing" "$tmp/check-out.err" &&
    [ ! -e "$tmp/p/elsewhere" ]; then
	ok "check --out and --only are command-line errors (exit 2)"
else
	not_ok "check --out/--only: exit $rc"
	show "$tmp/check-out.err"
fi

# --- --quiet, --verbose, --timings -----------------------------------------

run quiet build --quiet --content content --out out
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/quiet.out" ] && [ ! -s "$tmp/quiet.err" ]; then
	ok "build --quiet: exit 0, no summary lines, no notes"
else
	not_ok "build --quiet: exit $rc, printed:"
	show "$tmp/quiet.out"
	show "$tmp/quiet.err"
fi
run quiet-check check --quiet --content content
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/quiet-check.out" ] &&
    [ ! -s "$tmp/quiet-check.err" ]; then
	ok "check --quiet: exit 0, silent"
else
	not_ok "check --quiet: exit $rc"
fi
run both build --quiet --verbose --content content --out out
if [ "$rc" -eq 2 ]; then
	ok "--quiet with --verbose is a command-line error"
else
	not_ok "--quiet --verbose: exit $rc, expected 2"
fi

# Into a folder of their own: over out/ the booklet would be kept from the
# build before, and its stages not run.
run timings build --timings --content content --out out-timings
missing=""
for stage in load stats compare shape/flow layout "pdf write" "print imposition" \
    leaflets site publish total; do
	grep -q "^  $stage  *[0-9][0-9]*\.[0-9][0-9][0-9]" "$tmp/timings.err" ||
	    missing="$missing '$stage'"
done
if [ "$rc" -eq 0 ] && [ -z "$missing" ] &&
    grep -q '^daftar: time per stage, seconds$' "$tmp/timings.err"; then
	ok "build --timings: a row with seconds for every stage and the total"
else
	not_ok "build --timings: exit $rc, missing$missing"
	show "$tmp/timings.err" 20
fi
run check-timings check --timings --content content
if [ "$rc" -eq 0 ] && grep -q '^  layout  *-$' "$tmp/check-timings.err" &&
    grep -q '^  pdf write  *-$' "$tmp/check-timings.err" &&
    grep -q '^  shape/flow  *[0-9]' "$tmp/check-timings.err"; then
	ok "check --timings: no layout and no PDF, shaping timed"
else
	not_ok "check --timings: exit $rc"
	show "$tmp/check-timings.err" 20
fi

run verbose build --verbose --content content --out out-verbose
if [ "$rc" -eq 0 ] && grep -q '^daftar: setting the pages…$' "$tmp/verbose.err" &&
    grep -q '^daftar: making the site…$' "$tmp/verbose.err" &&
    ! grep -q "$(printf '\r')" "$tmp/verbose.err"; then
	ok "build --verbose into a file: plain stage lines, no carriage returns"
else
	not_ok "build --verbose: exit $rc"
	show "$tmp/verbose.err"
fi
if grep -q "$(printf '\r\033')" "$tmp/build.err" "$tmp/check.err"; then
	not_ok "stderr into a file holds a carriage return or an escape"
else
	ok "stderr into a file: no progress line, no colour"
fi

# --- a terminal ---------------------------------------------------------------

esc=$(printf '\033')
if ! command -v script >/dev/null 2>&1; then
	not_ok "script(1) is missing: install bsdutils for the terminal checks"
else
	run_tty color TERM=xterm check --content content
	if [ "$rc" -eq 0 ] && grep -q "${esc}\[2mnote${esc}\[0m" "$tmp/color.tty"; then
		ok "on a terminal the level word is coloured (ESC[ present)"
	else
		not_ok "on a terminal: exit $rc, no coloured level word"
		od -c "$tmp/color.tty" | sed -n 1,5p
	fi
	run_tty nocolor "TERM=xterm NO_COLOR=1" check --content content
	if [ "$rc" -eq 0 ] && grep -q ': note: ' "$tmp/nocolor.tty" &&
	    ! grep -q "$esc" "$tmp/nocolor.tty"; then
		ok "NO_COLOR=1 on a terminal: no ESC byte at all"
	else
		not_ok "NO_COLOR=1 on a terminal: exit $rc, ESC bytes: $(grep -c "$esc" "$tmp/nocolor.tty")"
	fi
	run_tty dumb TERM=dumb check --content content
	if [ "$rc" -eq 0 ] && ! grep -q "$esc" "$tmp/dumb.tty"; then
		ok "TERM=dumb: no ESC byte"
	else
		not_ok "TERM=dumb: exit $rc, ESC bytes present"
	fi
	# A build long enough for the line to show: it is cleared (ends in a
	# carriage return) before the diagnostics and the summary.
	genstories=$root/tests/tools/genstories
	if [ -x "$genstories" ] && "$genstories" 1 150 "$tmp/p/many" >/dev/null; then
		run_tty progress "TERM=xterm NO_COLOR=1" build --content many \
		    --out many-out
		cr=$(printf '\r')
		if [ "$rc" -eq 0 ] &&
		    grep -q "${cr}daftar: \(stories shaped\|pages set\|pages written\|site pages written\) [0-9]" \
		    "$tmp/progress.tty" &&
		    grep -q "${cr}  *${cr}daftar: 150 stories published" "$tmp/progress.tty"; then
			ok "on a terminal a progress line shows, and is cleared before the summary"
		else
			not_ok "progress on a terminal: exit $rc"
			od -c "$tmp/progress.tty" | tail -n 8 | show /dev/stdin
		fi
	else
		not_ok "progress on a terminal: cannot make a project with $genstories"
	fi
fi

echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
