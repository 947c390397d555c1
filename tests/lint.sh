#!/bin/sh
# lint.sh - "daftar lint" on whole projects: the sample content/ is clean;
# a copy with problems planted in a story and in a CRLF page with a BOM is
# fixed in place (mode, BOM and line ends kept), is clean afterwards, a
# second --fix changes no byte, and the booklet still builds from it.
# booklet.yaml's lint: switches rules off; usage errors exit 2.  (The
# per-rule goldens, tests/lint/*.md, are compared by tests/lint.c.)
#
#	sh tests/lint.sh DAFTAR
#
# Prints one line per check and "lint: N passed, M failed"; exits 1 when a
# check failed, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/lint.sh DAFTAR" >&2
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-lint.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok:   lint: $*"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL: lint: $*"
}

show() {
	[ -s "$1" ] && sed -n "1,${2:-10}p" "$1" | sed 's/^/      /'
}

# Runs DAFTAR; stdout and stderr to $tmp/NAME.out and .err, status to $rc.
run() {
	name=$1
	shift
	"$daftar" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
	rc=$?
}

# A checksum of every file under $1, to see that nothing changed.
tree_sum() {
	(cd "$1" && find . -type f | sort | xargs cksum)
}

if [ ! -x "$daftar" ]; then
	not_ok "$daftar: no such program (make build)"
	echo "lint: $pass passed, $fail failed"
	exit 1
fi

# --- the sample project is clean ----------------------------------------------

run sample lint --content "$root/content"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/sample.err" ] &&
    grep -qx 'daftar: lint: no problems in 17 files' "$tmp/sample.out"; then
	ok "content/: $(cat "$tmp/sample.out")"
else
	not_ok "content/: exit $rc, expected 0 and no warning"
	show "$tmp/sample.err"
	show "$tmp/sample.out"
fi

# --- a copy with problems -------------------------------------------------------

proj=$tmp/proj
cp -R "$root/content" "$proj"
story=$proj/stories/khayati-dar-manzel.md
page=$proj/pages/about.md
cat >>"$story" <<'EOF'

او هر روز به کارگاه میرفت و می گفت: «نمی توانم.» اما کتاب ها را  خواند ، و رفت.
او گفت "ادامه می‌دهم" و ادامه داد.چرا نه?
EOF
chmod 640 "$story"
# The page as Notepad saves it: a BOM and CRLF line ends.
{ printf '\357\273\277'; cat "$page"; printf '\nمتن  آخر , با كتاب ها.\n'; } |
    sed 's/$/\r/' >"$tmp/page" && mv "$tmp/page" "$page"
lines=$(wc -l <"$page")
# The cover's text in booklet.yaml: an Arabic kaf, a space before a comma.
sed -i 's/^title: کتابچه/title: كتابچه/; s/^subtitle: \(.*\)مهارت،/subtitle: \1مهارت ،/' \
    "$proj/booklet.yaml"

run planted lint --content "$proj"
nwarn=$(grep -c ': warning: ' "$tmp/planted.err")
if [ "$rc" -eq 1 ] && [ "$nwarn" -eq 16 ] &&
    grep -qx "daftar: lint: 16 problems in 3 files" "$tmp/planted.out" &&
    grep -q '^booklet.yaml:4:8: warning: .*\[arabic-letters\]$' "$tmp/planted.err" &&
    grep -q '^booklet.yaml:5:[0-9]*: warning: .*\[punctuation-space\]$' "$tmp/planted.err" &&
    grep -q '^stories/khayati-dar-manzel.md:[0-9]*:[0-9]*: warning: .*\[zwnj-mi\]$' "$tmp/planted.err" &&
    grep -q '^pages/about.md:[0-9]*:[0-9]*: warning: .*\[arabic-letters\]$' "$tmp/planted.err"; then
	ok "planted problems: exit 1, $nwarn warnings at file:line:col"
else
	not_ok "planted problems: exit $rc, $nwarn warnings (expected 1 and 16)"
	show "$tmp/planted.err" 20
	show "$tmp/planted.out"
fi

run fix lint --fix --content "$proj"
if [ "$rc" -eq 0 ] && grep -qx "daftar: lint: 16 problems in 3 files (16 fixed)" "$tmp/fix.out"; then
	ok "--fix: exit 0, $(cat "$tmp/fix.out")"
else
	not_ok "--fix: exit $rc, expected 0 and every problem fixed"
	show "$tmp/fix.out"
	show "$tmp/fix.err"
fi

zwnj=$(printf '\342\200\214')
if grep -q "می${zwnj}رفت و می${zwnj}گفت: «نمی${zwnj}توانم.» اما کتاب${zwnj}ها را خواند، و رفت." "$story" &&
    grep -q "«ادامه می${zwnj}دهم» و ادامه داد. چرا نه؟" "$story"; then
	ok "--fix: the story reads as it should"
else
	not_ok "--fix: the story's planted lines are not as expected"
	tail -3 "$story" | sed 's/^/      /'
fi
if cmp -s "$proj/booklet.yaml" "$root/content/booklet.yaml"; then
	ok "--fix: booklet.yaml is as it was before the problems, comments kept"
else
	not_ok "--fix: booklet.yaml differs from the sample's"
	diff "$root/content/booklet.yaml" "$proj/booklet.yaml" | sed -n '1,8s/^/      /p'
fi

mode=$(stat -c %a "$story" 2>/dev/null || stat -f %Lp "$story")
bom=$(head -c 3 "$page" | od -An -tx1 | tr -d ' ')
crs=$(tr -cd '\r' <"$page" | wc -c)
if [ "$mode" = 640 ] && [ "$bom" = efbbbf ] && [ "$crs" -eq "$lines" ] &&
    [ "$(wc -l <"$page")" -eq "$lines" ] && [ -z "$(ls "$proj"/*/*.tmp-* 2>/dev/null)" ]; then
	ok "--fix: mode 640, BOM and $crs CRLF line ends kept, no temporary left"
else
	not_ok "--fix: mode $mode (640), BOM '$bom', $crs CRs for $lines lines"
fi

run again lint --content "$proj"
before=$(tree_sum "$proj")
run again-fix lint --fix --content "$proj"
if [ "$rc" -eq 0 ] && grep -qx 'daftar: lint: no problems in 17 files' "$tmp/again.out" &&
    [ ! -s "$tmp/again.err" ] && [ "$(tree_sum "$proj")" = "$before" ]; then
	ok "after --fix: no problems, and a second --fix changes no byte"
else
	not_ok "after --fix: $(cat "$tmp/again.out"); second --fix exit $rc"
	show "$tmp/again.err"
fi

run build build --content "$proj" --out "$tmp/out" --only booklet,site
if [ "$rc" -eq 0 ] && [ -s "$tmp/out/booklet.pdf" ]; then
	ok "the fixed project builds: $(grep -c . "$tmp/build.out") summary lines, exit 0"
else
	not_ok "the fixed project does not build: exit $rc"
	show "$tmp/build.err"
fi

# --- booklet.yaml and the command line --------------------------------------------

proj2=$tmp/proj2
cp -R "$root/content" "$proj2"
printf '\nمی روم و كتاب.\n' >>"$proj2/stories/halgheh-hamdeli.md"
printf '\nlint:\n  zwnj-mi: false\n' >>"$proj2/booklet.yaml"
run off lint --content "$proj2"
if [ "$rc" -eq 1 ] && grep -qx 'daftar: lint: 1 problem in 1 file' "$tmp/off.out" &&
    grep -q '\[arabic-letters\]$' "$tmp/off.err" && ! grep -q 'zwnj-mi' "$tmp/off.err"; then
	ok "lint: {zwnj-mi: false} in booklet.yaml switches the rule off"
else
	not_ok "lint: {zwnj-mi: false}: exit $rc"
	show "$tmp/off.err"
	show "$tmp/off.out"
fi

printf '  zwnj-my: false\n' >>"$proj2/booklet.yaml"
run typo lint --content "$proj2"
if [ "$rc" -eq 1 ] &&
    grep -q "^booklet.yaml:[0-9]*:3: error: unknown lint rule 'zwnj-my' — did you mean 'zwnj-mi'?$" "$tmp/typo.err"; then
	ok "an unknown rule name is an error with 'did you mean'"
else
	not_ok "unknown rule name: exit $rc"
	show "$tmp/typo.err"
fi

run file lint "$proj2/stories/halgheh-hamdeli.md"
if [ "$rc" -eq 1 ] && grep -q "^$proj2/stories/halgheh-hamdeli.md:[0-9]*:[0-9]*: warning: .*\[zwnj-mi\]$" "$tmp/file.err"; then
	ok "FILE: named as given, with the default rules outside a project"
else
	not_ok "FILE: exit $rc"
	show "$tmp/file.err"
fi

for args in "--bogus" "--content" "x.md --frob"; do
	# shellcheck disable=SC2086
	run usage lint $args
	if [ "$rc" -eq 2 ] && grep -q "daftar lint --help" "$tmp/usage.err"; then
		ok "'daftar lint $args' is a usage error (exit 2)"
	else
		not_ok "'daftar lint $args': exit $rc, expected 2"
		show "$tmp/usage.err"
	fi
done

run help lint --help
if [ "$rc" -eq 0 ] && grep -q '^usage: daftar lint' "$tmp/help.out" &&
    grep -q 'exit status: 0' "$tmp/help.out"; then
	ok "'daftar lint --help' says the exit status"
else
	not_ok "'daftar lint --help': exit $rc"
fi

if cat "$tmp"/*.err | grep -Eq 'Sanitizer|runtime error:'; then
	not_ok "sanitizer reports"
	cat "$tmp"/*.err | grep -E -A 12 'ERROR: |runtime error:' | sed -n 1,40p
else
	ok "no sanitizer report"
fi

echo "lint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
