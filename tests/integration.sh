#!/bin/sh
# integration.sh - build the sample project and check the outputs with real
# tools: qpdf and pdffonts for the PDF's structure, mutool for its text as a
# reader copies it (not pdftotext, which reorders RTL text on its own),
# tests/tools/recall for how much of each story came through, grep and awk
# for the site.
#
#	sh tests/integration.sh DAFTAR
#
# DAFTAR is the program under test (./daftar or ./daftar-san).  Prints one
# line per check and closes with "integration: N passed, M failed"; exits 1
# when a check failed, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/integration.sh DAFTAR" >&2
	exit 2
fi
case $1 in
/*)	daftar=$1 ;;
*)	daftar=$PWD/$1 ;;
esac

# Byte semantics for grep, sed and awk: every pattern below is UTF-8 bytes.
LC_ALL=C
export LC_ALL
# Both builds that are compared must see the same time.
SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

root=$(cd "$(dirname "$0")/.." && pwd)
content=$root/content
recall=$root/tests/tools/recall
zwnj=$(printf '\342\200\214')			# U+200C
known_zwnj_word="می${zwnj}شود"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-integration.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

pass=0
fail=0
runs=0

ok() {
	pass=$((pass + 1))
	echo "ok:   $*"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# Prints a file indented under the check that failed, at most $2 lines.
show() {
	[ -s "$1" ] || return 0
	sed -n "1,${2:-20}p" "$1" | sed 's/^/      /'
	n=$(wc -l <"$1")
	[ "$n" -le "${2:-20}" ] || echo "      ... ($n lines)"
}

finish() {
	echo "integration: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

# Runs DAFTAR with the given arguments; its stdout and stderr go to
# $tmp/run-NAME.out and $tmp/run-NAME.err, its exit status to $rc.  Under a
# sanitizer build the reports land in the .err files, checked at the end.
run_env=""
run_daftar() {
	name=$1
	shift
	runs=$((runs + 1))
	# $run_env: extra environment for this run only (VAR=value ...).
	if command -v timeout >/dev/null 2>&1; then
		env $run_env timeout 600 "$daftar" "$@" >"$tmp/run-$name.out" \
		    2>"$tmp/run-$name.err" </dev/null
	else
		env $run_env "$daftar" "$@" >"$tmp/run-$name.out" \
		    2>"$tmp/run-$name.err" </dev/null
	fi
	rc=$?
}

# True when the front matter of story $1 says it may be published:
# consent: true and no draft: true.
publishable() {
	awk '
		NR == 1 { if ($0 !~ /^---[ \t\r]*$/) exit; next }
		/^---[ \t\r]*$/ { exit }
		/^consent:[ \t]*true[ \t\r]*$/ { consent = 1 }
		/^draft:[ \t]*true[ \t\r]*$/ { draft = 1 }
		END { exit !(consent && !draft) }
	' "$1"
}

# The line number of the "---" that closes the front matter of $1.
front_matter_end() {
	awk 'NR > 1 && /^---[ \t\r]*$/ { print NR; exit }' "$1"
}

# --- what the checks need ---------------------------------------------------

missing=""
for pair in mutool:mupdf-tools qpdf:qpdf pdffonts:poppler-utils; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
if [ -n "$missing" ]; then
	not_ok "tools: install the Debian packages$missing (make test-deps)"
	finish
fi
if [ ! -x "$recall" ]; then
	make --no-print-directory -C "$root" tests/tools/recall >/dev/null 2>&1
fi
if [ ! -x "$recall" ]; then
	not_ok "tools: $recall is missing (make tests/tools/recall)"
	finish
fi
if [ ! -x "$daftar" ]; then
	not_ok "$daftar: no such program (make build)"
	finish
fi

published=""
excluded=""
npub=0
for f in "$content"/stories/*.md; do
	slug=$(basename "$f" .md)
	if publishable "$f"; then
		published="$published $slug"
		npub=$((npub + 1))
	else
		excluded="$excluded $slug"
	fi
done

# --- build ------------------------------------------------------------------

out=$tmp/out1
run_daftar build1 build --content "$content" --out "$out"
if [ "$rc" -eq 0 ]; then
	ok "build: exit status 0"
else
	not_ok "build: exit status $rc, expected 0"
	show "$tmp/run-build1.err"
fi
booklet=$out/booklet.pdf
site=$out/site

# --- the PDFs: structure and fonts ------------------------------------------

if [ -s "$booklet" ]; then
	ok "booklet.pdf written"
else
	not_ok "booklet.pdf written: $booklet is missing or empty"
fi

find "$out" -name '*.pdf' -type f | sort >"$tmp/pdfs"
while read -r pdf; do
	rel=${pdf#"$out"/}
	if qpdf --check "$pdf" >"$tmp/qpdf.log" 2>&1 </dev/null; then
		ok "qpdf --check $rel"
	else
		not_ok "qpdf --check $rel"
		grep -Ev '^(checking|PDF Version|File is not|No syntax)' \
		    "$tmp/qpdf.log" >"$tmp/qpdf.short"
		show "$tmp/qpdf.short"
	fi

	# pdffonts: two header lines, then one line per font whose last five
	# columns are emb sub uni object-number generation.
	if pdffonts "$pdf" >"$tmp/fonts.txt" 2>&1 </dev/null &&
	    awk 'NR > 2 { n++; if ($(NF - 4) != "yes") bad++ }
		END { exit !(n > 0 && bad == 0) }' "$tmp/fonts.txt"; then
		ok "pdffonts $rel: $(($(wc -l <"$tmp/fonts.txt") - 2)) fonts, all embedded"
	else
		not_ok "pdffonts $rel: no font, or a font not embedded"
		show "$tmp/fonts.txt"
	fi
done <"$tmp/pdfs"

# --- the booklet's text as a reader copies it --------------------------------

text=$tmp/booklet.txt
: >"$text"
if [ -s "$booklet" ]; then
	if mutool draw -q -F txt -o - "$booklet" >"$text" 2>"$tmp/mutool.err"; then
		ok "mutool draw -F txt: $(wc -l <"$text") lines of text"
	else
		not_ok "mutool draw -F txt booklet.pdf"
		show "$tmp/mutool.err"
	fi
fi

for slug in $published; do
	line=$("$recall" "$content/stories/$slug.md" "$text" | tail -n 1)
	# "recall: M/N words (P%)"
	found=$(echo "$line" | sed -n 's|^recall: \([0-9]*\)/[0-9]* words.*|\1|p')
	words=$(echo "$line" | sed -n 's|^recall: [0-9]*/\([0-9]*\) words.*|\1|p')
	if [ -n "$found" ] && [ -n "$words" ] && [ "$words" -gt 0 ] &&
	    [ $((found * 100)) -ge $((words * 99)) ]; then
		ok "recall $slug: ${line#recall: }"
	else
		not_ok "recall $slug: ${line#recall: }, expected >= 99%"
		"$recall" --missing "$content/stories/$slug.md" "$text" |
		    sed '$d' | sed "s|^$content/||" >"$tmp/missing"
		show "$tmp/missing" 15
	fi
done

# Digits: a whitespace-separated token with an ASCII digit is Persian running
# text unless it has a Latin letter, "@" or "://" (ICDL, e-mail, URL).
if awk '
	{
		for (i = 1; i <= NF; i++)
			if ($i ~ /[0-9]/ && $i !~ /[A-Za-z@]/ && index($i, "://") == 0) {
				if (++n <= 15)
					printf "line %d: %s\n", NR, $0
				break
			}
	}
	END { exit (n > 0) }
    ' "$text" >"$tmp/digits" && [ -s "$text" ]; then
	ok "no ASCII digit in Persian running text"
else
	not_ok "ASCII digits in Persian running text of the booklet"
	show "$tmp/digits" 15
fi

# ZWNJ: kept in the text, as many as the published bodies have (titles and
# heads add more), and inside a known word.
zwnj_pdf=$(awk -v z="$zwnj" '{ n += gsub(z, "") } END { print n + 0 }' "$text")
zwnj_src=0
for slug in $published; do
	f=$content/stories/$slug.md
	n=$(awk -v z="$zwnj" -v from="$(front_matter_end "$f")" \
	    'NR > from { n += gsub(z, "") } END { print n + 0 }' "$f")
	zwnj_src=$((zwnj_src + n))
done
if [ "$zwnj_pdf" -gt 0 ] && [ $((zwnj_pdf * 100)) -ge $((zwnj_src * 99)) ] &&
    grep -qF "$known_zwnj_word" "$text"; then
	ok "ZWNJ kept: $zwnj_pdf in the text ($zwnj_src in the published bodies), «$known_zwnj_word» found"
else
	not_ok "ZWNJ lost: $zwnj_pdf in the text, $zwnj_src in the published bodies; «$known_zwnj_word» $(grep -qF "$known_zwnj_word" "$text" && echo found || echo not found)"
fi

# --- excluded stories appear nowhere ----------------------------------------

# Everything a reader could see, flattened to one line so that a phrase broken
# across lines still matches: the text, outlines and metadata of every PDF,
# and every other output file.
: >"$tmp/haystack"
while read -r pdf; do
	mutool draw -q -F txt -o - "$pdf" </dev/null 2>/dev/null
	mutool show "$pdf" outline </dev/null 2>/dev/null
	pdfinfo "$pdf" </dev/null 2>/dev/null
done <"$tmp/pdfs" >>"$tmp/haystack"
find "$out" -type f ! -name '*.pdf' -exec cat {} + >>"$tmp/haystack" 2>/dev/null
tr '\n\r\t' '   ' <"$tmp/haystack" | tr -s ' ' >"$tmp/haystack.flat"

# Distinctive phrases of the two stories that must never be published, and
# of the draft's editor's note.  Each must occur in its own file and in no
# other content or template, or the check would prove nothing.
cat >"$tmp/phrases" <<'EOF'
ayeneh-ru-be-ayandeh|ayeneh-ru-be-ayandeh
ayeneh-ru-be-ayandeh|آینه‌ای رو به آینده
ayeneh-ru-be-ayandeh|پروانه
ayeneh-ru-be-ayandeh|سالن کوچکی در خانه‌اش راه انداخت
ayeneh-ru-be-ayandeh|آرایشگرم و مدرکش را هم دارم
ayeneh-ru-be-ayandeh|راه‌اندازی سالن خانگی
basteh-bandi-sabzi|basteh-bandi-sabzi
basteh-bandi-sabzi|سبزی تازه، کار تازه
basteh-bandi-sabzi|کبری
basteh-bandi-sabzi|سرپرستی خط بسته‌بندی یک کارگاه سبزی
basteh-bandi-sabzi|سرپرست یازده کارگر
basteh-bandi-sabzi|یادداشت ویراستار
basteh-bandi-sabzi|نقل‌قول پایانی را باید یک بار دیگر
EOF
for slug in ayeneh-ru-be-ayandeh basteh-bandi-sabzi; do
	case " $excluded " in
	*" $slug "*)	;;
	*)	not_ok "test setup: $slug.md is expected to be excluded by its front matter" ;;
	esac
done
leaks=0
while IFS='|' read -r slug phrase; do
	src=$content/stories/$slug.md
	others=$(grep -rlF -e "$phrase" "$content" "$root/templates" 2>/dev/null |
	    grep -v "/$slug\.md\$")
	if ! grep -qF -e "$phrase" "$src" && [ "$phrase" != "$slug" ]; then
		not_ok "test setup: «$phrase» is not in $slug.md any more; pick another phrase"
		continue
	elif [ -n "$others" ]; then
		not_ok "test setup: «$phrase» is not distinctive, also in: $others"
		continue
	fi
	{
		grep -rlF -e "$phrase" "$out" 2>/dev/null
		grep -qF -e "$phrase" "$tmp/haystack.flat" && echo "(text)"
		[ "$phrase" = "$slug" ] && find "$out" -name "*$slug*" 2>/dev/null
	} | sed "s|^$out/||" | sort -u | tr '\n' ' ' | sed 's/ $//' >"$tmp/where"
	if [ -s "$tmp/where" ]; then
		not_ok "$slug.md leaked: «$phrase» in $(cat "$tmp/where")"
		leaks=$((leaks + 1))
	fi
done <"$tmp/phrases"
if [ "$leaks" -eq 0 ]; then
	ok "excluded stories (ayeneh-ru-be-ayandeh: consent false, basteh-bandi-sabzi: draft) and the editor's note appear nowhere"
fi

# --- the site ---------------------------------------------------------------

# Resources must come from the site itself.  Outside <a href> (ordinary
# links) and <link rel=canonical|alternate> to the site's base_url (the feed
# and canonical links), any src=, srcset=, href=, data=, poster= value and any
# CSS url() or @import that names a scheme or starts with // is a request to
# another host.
base_url=$(sed -n 's/^[ ]*base_url:[ ]*\([^ #]*\).*/\1/p' "$content/booklet.yaml" | head -n 1)
cat >"$tmp/resources.awk" <<'EOF'
function external(v) {
	gsub(/["' \t]/, "", v)
	return v ~ /^\/\// || v ~ /^[a-z][a-z0-9+.-]*:\/\// ||
	    v ~ /,\/\// || v ~ /,[a-z][a-z0-9+.-]*:\/\//
}
function report(what,    f) {
	f = FILENAME
	if (index(f, root "/") == 1)
		f = substr(f, length(root) + 2)
	printf "%s: %s\n", f, what
	found++
}
BEGIN { RS = "<"; base = tolower(base) }
{
	low = tolower($0)
	css = low
	while (match(css, /url\([^)]*\)/)) {
		v = substr(css, RSTART + 4, RLENGTH - 5)
		if (external(v))
			report("url(" v ")")
		css = substr(css, RSTART + RLENGTH)
	}
	css = low
	while (match(css, /@import[ \t]*["'][^"']*["']/)) {
		v = substr(css, RSTART + 7, RLENGTH - 7)
		if (external(v))
			report("@import " v)
		css = substr(css, RSTART + RLENGTH)
	}
	if (FILENAME ~ /\.css$/ || FNR == 1 || (gt = index(low, ">")) == 0)
		next
	tag = substr(low, 1, gt - 1)
	gsub(/[\t\r\n]/, " ", tag)
	name = tag
	sub(/[ \/].*/, "", name)
	if (name == "a" || name ~ /^[!\/?]/)
		next
	feed = name == "link" && tag ~ /rel=["']?(canonical|alternate)/
	rest = tag
	while (match(rest, /[ ](src|srcset|href|xlink:href|data|poster)[ ]*=[ ]*("[^"]*"|'[^']*'|[^ "'][^ ]*)/)) {
		attr = substr(rest, RSTART + 1, RLENGTH - 1)
		rest = substr(rest, RSTART + RLENGTH)
		v = attr
		sub(/^[^=]*=[ ]*/, "", v)
		gsub(/["']/, "", v)
		if (feed && base != "" && index(v, base) == 1)
			continue
		if (external(v))
			report("<" name " " attr ">")
	}
}
END { exit (found > 0) }
EOF

# The checks of site/ that need it to exist.
check_site() {
	index=$site/index.html
	if [ -s "$index" ]; then
		html_tag=$(tr '\n\r\t' '   ' <"$index" | grep -o '<[Hh][Tt][Mm][Ll][ >][^>]*' | head -n 1)
		if echo "$html_tag" | grep -Eq "[ ]lang=[\"']?fa(-[A-Za-z]+)?([\"' ]|\$)" &&
		    echo "$html_tag" | grep -Eq "[ ]dir=[\"']?rtl([\"' ]|\$)"; then
			ok "site/index.html: <html> has lang=\"fa\" dir=\"rtl\""
		else
			not_ok "site/index.html: <html> needs lang=\"fa\" dir=\"rtl\"; found: ${html_tag:-no <html> tag}"
		fi
	else
		not_ok "site/index.html written"
	fi

	listed=0
	unlisted=""
	pages=0
	nopage=""
	for slug in $published; do
		if [ -s "$index" ] && grep -q "stories/${slug}[/\"'#]" "$index"; then
			listed=$((listed + 1))
		else
			unlisted="$unlisted $slug"
		fi
		if [ -s "$site/stories/$slug/index.html" ]; then
			pages=$((pages + 1))
		else
			nopage="$nopage $slug"
		fi
	done
	# Distinct story links, apart from a link to the story list itself.
	nlinks=0
	[ -s "$index" ] && nlinks=$(grep -Eo "stories/[A-Za-z0-9_-]+" "$index" |
	    grep -v '^stories/index$' | sort -u | wc -l)
	if [ "$listed" -eq "$npub" ] && [ "$nlinks" -eq "$npub" ]; then
		ok "site/index.html lists the $npub published stories"
	else
		not_ok "site/index.html lists $nlinks stories, expected the $npub published;${unlisted:+ missing:$unlisted}"
	fi
	nstory=0
	for f in "$site"/stories/*/index.html; do
		[ -f "$f" ] && nstory=$((nstory + 1))
	done
	if [ "$pages" -eq "$npub" ] && [ "$nstory" -eq "$npub" ]; then
		ok "site/stories: $npub story pages"
	else
		not_ok "site/stories: $nstory story pages, expected $npub;${nopage:+ missing:$nopage}"
	fi

	find "$site" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.css' \
	    -o -name '*.svg' \) | sort >"$tmp/webfiles"
	nweb=$(wc -l <"$tmp/webfiles")
	: >"$tmp/external"
	while read -r f; do
		awk -v base="$base_url" -v root="$site" -f "$tmp/resources.awk" \
		    "$f" >>"$tmp/external"
	done <"$tmp/webfiles"
	if [ ! -s "$tmp/external" ]; then
		ok "site: no resource from another host in $nweb html/css/svg files"
	else
		not_ok "site: resources from other hosts"
		show "$tmp/external" 15
	fi
}

if [ -d "$site" ]; then
	check_site
else
	not_ok "site: $site not written"
fi

# --- the site: pages, feed, search, photos ----------------------------------

# Every href and src inside the site, and the first URL of every srcset
# entry, resolved from the page that holds it: "FILE<TAB>TARGET" per link,
# with #fragments and ?queries cut and %XX decoded.  Links with a scheme,
# fragments alone, and 404.html (its links start at the server's root) are
# left out.
cat >"$tmp/links.awk" <<'EOF2'
BEGIN {
	RS = "<"
	for (i = 0; i < 256; i++)
		hexval[sprintf("%02X", i)] = i
}
function decode(v,    out, h) {
	out = ""
	while (match(v, /%[0-9A-Fa-f][0-9A-Fa-f]/)) {
		h = toupper(substr(v, RSTART + 1, 2))
		out = out substr(v, 1, RSTART - 1) sprintf("%c", hexval[h])
		v = substr(v, RSTART + 3)
	}
	return out v
}
function emit(v) {
	sub(/[#?].*/, "", v)
	if (v == "" || v ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/ || v ~ /^\/\//)
		return
	printf "%s\t%s\n", FILENAME, decode(v)
}
{
	rest = $0
	while (match(rest, /[ \t\n](href|src|srcset)="[^"]*"/)) {
		attr = substr(rest, RSTART + 1, RLENGTH - 1)
		rest = substr(rest, RSTART + RLENGTH)
		name = attr
		sub(/=.*/, "", name)
		v = attr
		sub(/^[^=]*="/, "", v)
		sub(/"$/, "", v)
		if (name != "srcset") {
			emit(v)
			continue
		}
		n = split(v, parts, ",")
		for (i = 1; i <= n; i++) {
			p = parts[i]
			sub(/^[ \t]+/, "", p)
			sub(/[ \t].*/, "", p)
			emit(p)
		}
	}
}
EOF2

check_site_more() {
	# Pages of their own: programs, districts, tags, 404, the download.
	nprog=$(find "$site/programs" -name index.html 2>/dev/null | wc -l)
	ndist=$(find "$site/districts" -name index.html 2>/dev/null | wc -l)
	ntag=$(find "$site/tags" -name index.html 2>/dev/null | wc -l)
	wantprog=0
	for slug in $published; do
		sed -n 's/^program:[ ]*//p' "$content/stories/$slug.md" | head -n 1
	done | sort -u >"$tmp/programs"
	wantprog=$(grep -c . "$tmp/programs")
	if [ "$nprog" -eq "$wantprog" ] && [ "$ndist" -gt 0 ] && [ "$ntag" -gt 0 ]; then
		ok "site: a page per program ($nprog), district ($ndist) and tag ($ntag)"
	else
		not_ok "site: $nprog program pages (expected $wantprog), $ndist district pages, $ntag tag pages"
	fi
	if [ -s "$site/404.html" ] && grep -q 'href="/index.html"' "$site/404.html"; then
		ok "site/404.html: links from the server's root"
	else
		not_ok "site/404.html missing or with relative links"
	fi
	if [ -s "$site/download/index.html" ] && cmp -s "$site/booklet.pdf" "$booklet" &&
	    grep -q 'href="../booklet.pdf"' "$site/download/index.html"; then
		ok "site/download: links the booklet, copied as site/booklet.pdf"
	else
		not_ok "site/download: no download page, or site/booklet.pdf differs from booklet.pdf"
	fi

	# The statistics page gathers every chart of the other pages, once each.
	nfig=$(grep -rho '<figure class="stats"' "$site" --include='*.html' --exclude-dir=stats 2>/dev/null | wc -l)
	nstat=$(grep -o '<figure class="stats"' "$site/stats/index.html" 2>/dev/null | wc -l)
	if [ "$nfig" -gt 0 ] && [ "$nstat" -eq "$nfig" ] &&
	    grep -q 'href="stats/index.html"' "$index"; then
		ok "site/stats: the $nstat charts and tables of the site, linked from the menu"
	else
		not_ok "site/stats: $nstat charts and tables, expected the $nfig of the other pages, linked from site/index.html"
	fi

	# Every internal link and image lands on a file of the site.
	find "$site" -name '*.html' ! -path "$site/404.html" | sort >"$tmp/htmlfiles"
	: >"$tmp/links"
	while read -r f; do
		awk -f "$tmp/links.awk" "$f" >>"$tmp/links"
	done <"$tmp/htmlfiles"
	nlink=$(wc -l <"$tmp/links")
	: >"$tmp/broken"
	while IFS='	' read -r f target; do
		case $target in
		/*)	path=$site$target ;;
		*)	path=$(dirname "$f")/$target ;;
		esac
		case $path in */) path=${path}index.html ;; esac
		[ -f "$path" ] || echo "${f#"$site"/}: $target" >>"$tmp/broken"
	done <"$tmp/links"
	if [ "$nlink" -gt 0 ] && [ ! -s "$tmp/broken" ]; then
		ok "site: all $nlink internal links and images resolve to files"
	else
		not_ok "site: internal links that lead nowhere (of $nlink)"
		show "$tmp/broken" 15
	fi

	# Feed and sitemap: well-formed XML, absolute URLs from base_url, ASCII
	# digits in the dates machines read.
	if command -v xmllint >/dev/null 2>&1; then
		if xmllint --noout "$site/feed.xml" "$site/sitemap.xml" 2>"$tmp/xmllint.err"; then
			ok "site: feed.xml and sitemap.xml are well-formed XML"
		else
			not_ok "site: feed.xml or sitemap.xml is not well-formed"
			show "$tmp/xmllint.err"
		fi
	else
		not_ok "site: xmllint missing: install the Debian package libxml2-utils (make test-deps)"
	fi
	# Every page passes html-validate's recommended rules (npm, installed
	# by make test-deps with the browser test's packages).
	hv=$root/tests/browser/node_modules/.bin/html-validate
	if [ -x "$hv" ]; then
		npages=$(find "$site" -name '*.html' | wc -l)
		if find "$site" -name '*.html' -print0 | sort -z |
		    xargs -0 "$hv" --config "$root/tests/browser/htmlvalidate.json" \
		    >"$tmp/htmlvalidate.out" 2>&1; then
			ok "site: html-validate passes on all $npages pages"
		else
			not_ok "site: html-validate finds problems (of $npages pages)"
			show "$tmp/htmlvalidate.out" 20
		fi
	else
		not_ok "site: html-validate missing: make test-deps installs it in tests/browser"
	fi
	nentry=$(grep -c '^<entry>' "$site/feed.xml" 2>/dev/null)
	badloc=$(grep -o '<loc>[^<]*</loc>' "$site/sitemap.xml" 2>/dev/null |
	    grep -vc "^<loc>$base_url")
	nloc=$(grep -c '<loc>' "$site/sitemap.xml" 2>/dev/null)
	if [ "${nentry:-0}" -eq "$npub" ] && [ "${nloc:-0}" -gt "$npub" ] && [ "$badloc" -eq 0 ] &&
	    grep -q "<link rel=\"self\" type=\"application/atom+xml\" href=\"${base_url}feed.xml\"/>" "$site/feed.xml" &&
	    grep -q "^Sitemap: ${base_url}sitemap.xml\$" "$site/robots.txt"; then
		ok "site: feed ($nentry entries), sitemap ($nloc URLs) and robots.txt use $base_url"
	else
		not_ok "site: feed has ${nentry:-0} entries (expected $npub), sitemap ${nloc:-0} URLs, $badloc not from $base_url"
	fi
	grep -ho 'datetime="[^"]*"\|<updated>[^<]*<\|<published>[^<]*<\|<lastmod>[^<]*<' \
	    "$site"/*.xml $(cat "$tmp/htmlfiles") | grep -v '[">][0-9][0-9-]*\(T[0-9:]*Z\)\{0,1\}[<"]$' >"$tmp/baddates"
	if [ ! -s "$tmp/baddates" ]; then
		ok "site: machine-readable dates are Gregorian with ASCII digits"
	else
		not_ok "site: dates machines read with other digits"
		show "$tmp/baddates" 5
	fi

	# Search: one record per published story, title, url and excerpt only,
	# strings closed, every url a page of the site.
	json=$site/search.json
	nrec=$(grep -c '^{"title":"[^"\\]*\(\\.[^"\\]*\)*","url":"[^"\\]*","excerpt":"' "$json" 2>/dev/null)
	badurl=""
	for u in $(grep -o '"url":"[^"]*"' "$json" 2>/dev/null | sed 's/^"url":"//; s/"$//'); do
		[ -f "$site/$u" ] || badurl="$badurl $u"
	done
	if [ "$(head -c 1 "$json" 2>/dev/null)" = "[" ] && [ "$(tail -n 1 "$json")" = "]" ] &&
	    [ "${nrec:-0}" -eq "$npub" ] && [ -z "$badurl" ] && [ -s "$site/search.js" ] &&
	    [ -s "$site/search/index.html" ]; then
		ok "site: search.json has the $npub published stories; search page and script"
	else
		not_ok "site: search.json has ${nrec:-0} records (expected $npub);${badurl:+ missing pages:$badurl}"
	fi

	# Photos: published at a few widths, none with EXIF.
	njpeg=0
	exif=""
	for f in $(find "$site" -name '*.jpg' -o -name '*.jpeg'); do
		njpeg=$((njpeg + 1))
		grep -q 'Exif' "$f" && exif="$exif ${f#"$site"/}"
	done
	if grep -q 'Exif' "$content/images/kuhnavardi.jpg" && [ "$njpeg" -gt 0 ] && [ -z "$exif" ]; then
		ok "site: $njpeg published JPEGs, none with EXIF (the sample's GPS photo included)"
	else
		not_ok "site: $njpeg JPEGs;${exif:+ with EXIF:$exif}"
	fi
	# The home page's key numbers: site.highlights, queries answered.
	nhl=$(grep -c '<li><span class="value">[۰-۹٬]*</span> <span class="label">' "$site/index.html" 2>/dev/null)
	if [ "${nhl:-0}" -eq 3 ]; then
		ok "site: the home page shows the 3 key numbers of site.highlights"
	else
		not_ok "site: the home page shows ${nhl:-0} key numbers, not the 3 of site.highlights"
	fi
	story=$site/stories/jomeh-haye-kuh/index.html
	if grep -q '<img [^>]*srcset="[^"]*480w[^"]*"[^>]* width="[0-9]*" height="[0-9]*" alt="[^"][^"]*" loading="lazy"' "$story" 2>/dev/null; then
		ok "site: story photos with srcset, width, height, alt and lazy loading"
	else
		not_ok "site: $story: the photo lacks srcset, width/height, alt or loading=lazy"
	fi
}

if [ -d "$site" ]; then
	check_site_more
else
	not_ok "site: $site not written"
fi

# The site in a real browser (tests/browser/site.mjs): no horizontal scroll
# at 360 px, images, self-hosted fonts, search, dark-mode charts, 404.  Set
# DAFTAR_SHOTS to a folder to keep its screenshots.
if command -v node >/dev/null 2>&1 && [ -x /usr/bin/chromium ] &&
    [ -d "$root/tests/browser/node_modules/playwright-core" ]; then
	timeout 600 node "$root/tests/browser/site.mjs" "$site" ${DAFTAR_SHOTS:+"$DAFTAR_SHOTS"} \
	    >"$tmp/browser.out" 2>&1
	while read -r line; do
		case $line in
		"ok:   "*)	ok "${line#ok:   }" ;;
		"FAIL: "*)	not_ok "${line#FAIL: }" ;;
		esac
	done <"$tmp/browser.out"
	grep -q '^ok:   browser: ' "$tmp/browser.out" || {
		not_ok "browser: tests/browser/site.mjs did not run"
		show "$tmp/browser.out"
	}
else
	not_ok "browser: needs node, /usr/bin/chromium and tests/browser/node_modules (make test-deps)"
fi

# --- determinism ------------------------------------------------------------

# The second build runs in another folder, another time zone and another
# locale: none of them may reach the bytes.
out2=$tmp/out2
run_env="TZ=Asia/Tehran LANG=C.UTF-8 LC_ALL=C.UTF-8"
run_daftar build2 build --content "$content" --out "$out2"
run_env=""
if [ "$rc" -ne 0 ]; then
	not_ok "second build: exit status $rc"
	show "$tmp/run-build2.err"
elif cmp "$booklet" "$out2/booklet.pdf" >"$tmp/cmp" 2>&1; then
	ok "determinism: booklet.pdf byte-identical across two builds"
else
	not_ok "determinism: booklet.pdf differs between two builds with the same SOURCE_DATE_EPOCH"
	show "$tmp/cmp"
fi
if [ "$rc" -ne 0 ]; then
	:	# reported above
elif cmp "$out/booklet-print.pdf" "$out2/booklet-print.pdf" >"$tmp/cmp" 2>&1; then
	ok "determinism: booklet-print.pdf byte-identical across two builds"
else
	not_ok "determinism: booklet-print.pdf differs between two builds with the same SOURCE_DATE_EPOCH"
	show "$tmp/cmp"
fi
if [ "$rc" -eq 0 ]; then
	if [ ! -d "$site" ]; then
		:	# reported above
	elif diff -r "$site" "$out2/site" >"$tmp/diff" 2>&1; then
		ok "determinism: site identical across two builds"
	else
		not_ok "determinism: site differs between two builds"
		show "$tmp/diff" 10
	fi
	if diff -r -x .daftar-cache -x site -x booklet.pdf -x booklet-print.pdf "$out" "$out2" \
	    >"$tmp/diff" 2>&1; then
		ok "determinism: all other outputs identical"
	else
		not_ok "determinism: other outputs differ between two builds"
		show "$tmp/diff" 10
	fi
fi

# --- statistics: the sample's stats blocks, drawn ----------------------------

# The corpus README lists what each query returns: the bar chart's six
# programs, the preface's pie and the about page's table.
if grep -q '۳٬۳۵۰' "$text" && grep -q '۴۱۰' "$text" &&
    grep -q '۱٬۴۸۰' "$text" && grep -q '۱۹۰' "$text"; then
	ok "statistics: the bar chart and the pie carry their values in the booklet"
else
	not_ok "statistics: chart values (۳٬۳۵۰, ۴۱۰, ۱٬۴۸۰, ۱۹۰) missing from the booklet's text"
fi
about=$site/pages/about/index.html
if [ -f "$about" ] && grep -q '۱۷٬۰۵۰' "$about" && grep -q '>۱۴۰۳<' "$about" &&
    ! grep -q '۱٬۴۰۳' "$about" &&
    [ "$(grep -c '<svg' "$site/stories/dobareh-istadan/index.html")" -ge 1 ]; then
	ok "statistics: the site draws the charts and the about table (۱۷٬۰۵۰; years as ۱۴۰۳)"
else
	not_ok "statistics: the site's about table or the story's chart is missing or formats years with a separator"
fi

# --- navigation: links, contents, bookmarks ----------------------------------

# Every link inside the book names a destination that exists (Cairo 1.16
# writes dead page links, TYPESETTING.md T10); every line of the contents
# gives the page its title is really on; every bookmark opens the page of
# its title.
if [ -s "$booklet" ]; then
	qpdf --qdf --object-streams=disable "$booklet" "$tmp/qdf.pdf" 2>/dev/null
	pdfinfo -dests "$booklet" 2>/dev/null |
	    sed -n 's/.*"\(d-[0-9]*\)"$/\1/p' | sort -u >"$tmp/dests"
	grep -a '/Dest (' "$tmp/qdf.pdf" | sed 's/.*(\(.*\)).*/\1/' | sort -u >"$tmp/links"
	nlinks=$(wc -l <"$tmp/links")
	dead=$(comm -23 "$tmp/links" "$tmp/dests" | wc -l)
	if [ "$nlinks" -gt 0 ] && [ "$dead" -eq 0 ]; then
		ok "links: all $nlinks internal link targets exist"
	else
		not_ok "links: $dead of $nlinks internal link targets do not exist"
	fi

	# The contents: "title N" lines; the body's page N is physical page
	# (front pages + N), and the front pages end where the first chapter,
	# labelled ۱, begins.
	mutool show "$booklet" outline 2>/dev/null >"$tmp/outline"
	first=$(grep -v '^[|-]		' "$tmp/outline" | sed -n 's/.*#page=\([0-9]*\).*/\1/p' | sed -n 4p)
	tocpage=$(grep 'فهرست' "$tmp/outline" | sed -n 's/.*#page=\([0-9]*\).*/\1/p')
	mutool draw -q -F txt -o - "$booklet" "$tocpage" 2>/dev/null |
	    awk 'BEGIN { split("۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹", d, " ") }
		NF >= 2 && $NF ~ /^[۰-۹]+$/ {
			n = $NF
			for (i = 1; i <= 10; i++) gsub(d[i], i - 1, n)
			$NF = ""
			sub(/ +$/, "")
			print n "\t" $0
		}' >"$tmp/toc"
	bad=0
	ntoc=$(wc -l <"$tmp/toc")
	while IFS='	' read -r n title; do
		p=$((first - 1 + n))
		if ! mutool draw -q -F txt -o - "$booklet" "$p" 2>/dev/null |
		    tr '\n' ' ' | grep -qF "$title"; then
			bad=$((bad + 1))
			echo "      contents: '$title' is not on page $n (physical $p)"
		fi
	done <"$tmp/toc"
	# (An entry whose Latin word MuPDF puts on a line of its own, such as
	# the Excel story's, is not parsed; the 15 sample entries give 14.)
	if [ "$ntoc" -ge 14 ] && [ "$bad" -eq 0 ] && [ -n "$first" ]; then
		ok "contents: all $ntoc entries give the page their title is on"
	else
		not_ok "contents: $bad of $ntoc entries point to the wrong page (first body page $first)"
	fi

	# Page labels: the front matter in abjad letters from «الف», the body
	# from «۱» at the first chapter's page.
	mutool show "$booklet" trailer/Root/PageLabels 2>/dev/null | tr -d ' \n' >"$tmp/labels"
	if grep -q '/Nums\[0<</P<FEFF062706440641>>>1<</P<FEFF0628>>>' "$tmp/labels" &&
	    grep -q "$((first - 1))<</P<FEFF06F1>>>" "$tmp/labels"; then
		ok "page labels: «الف», «ب» … for the front matter, «۱» on page $first"
	else
		not_ok "page labels: not «الف», «ب» … then «۱» on page $first"
	fi

	bad=0
	nmarks=0
	while IFS= read -r line; do
		title=$(echo "$line" | sed -n 's/^[|+-]*	*"\(.*\)"	#page=.*/\1/p')
		p=$(echo "$line" | sed -n 's/.*#page=\([0-9]*\).*/\1/p')
		[ -n "$title" ] && [ -n "$p" ] || continue
		nmarks=$((nmarks + 1))
		mutool draw -q -F txt -o - "$booklet" "$p" 2>/dev/null |
		    tr '\n' ' ' | grep -qF "$(echo "$title" | cut -d' ' -f1)" ||
		    bad=$((bad + 1))
	done <"$tmp/outline"
	if [ "$nmarks" -ge 18 ] && [ "$bad" -eq 0 ]; then
		ok "bookmarks: all $nmarks open the page of their title"
	else
		not_ok "bookmarks: $bad of $nmarks open another page"
	fi
fi

# --- photos: embedded as JPEG, without EXIF or GPS --------------------------

# The sample's kuhnavardi.jpg carries a GPS position; no embedded image may
# carry any EXIF at all.
if command -v pdfimages >/dev/null 2>&1 && [ -s "$booklet" ]; then
	mkdir "$tmp/images"
	pdfimages -j "$booklet" "$tmp/images/im" 2>/dev/null
	njpg=$(ls "$tmp/images" | grep -c '\.jpg$')
	nexif=0
	for f in "$tmp/images"/*.jpg; do
		[ -f "$f" ] || continue
		grep -q 'Exif' "$f" && nexif=$((nexif + 1))
	done
	if [ "$njpg" -ge 3 ] && [ "$nexif" -eq 0 ]; then
		ok "photos: $njpg embedded as JPEG, none with EXIF or GPS data"
	else
		not_ok "photos: $njpg JPEGs embedded (expected 3), $nexif with EXIF"
	fi
else
	not_ok "photos: pdfimages is missing (poppler-utils) or there is no booklet"
fi

# --- the structure tree, as screen readers get the text ----------------------

# pdfinfo -struct-text prints each structure element's text in logical order;
# words must not run together across line ends.
stext=$tmp/struct.txt
if pdfinfo -struct-text "$booklet" >"$stext" 2>/dev/null && [ -s "$stext" ]; then
	worst=1000
	for slug in $published; do
		line=$("$recall" "$content/stories/$slug.md" "$stext" | tail -n 1)
		p=$(echo "$line" | sed -n 's|.*(\([0-9]*\)\.\([0-9]\)%)$|\1\2|p')
		[ -n "$p" ] && [ "$p" -lt "$worst" ] && worst=$p
	done
	if [ "$worst" -ge 990 ] && pdfinfo "$booklet" | grep -q '^Tagged: *yes'; then
		ok "structure tree: tagged, lowest story recall from pdfinfo -struct-text $((worst / 10)).$((worst % 10))%"
	else
		not_ok "structure tree: a story's words come back at $((worst / 10)).$((worst % 10))% from pdfinfo -struct-text (or the PDF is not tagged)"
	fi
else
	not_ok "structure tree: pdfinfo -struct-text printed nothing"
fi

# --- mixed directions, numbers, marks; kashida --------------------------------

# tests/pdf/mixed is a one-story project of paragraphs that mix English,
# URLs, e-mail addresses, phone numbers, ranges, percentages, diacritics,
# Arabic yeh/kaf and styles inside words.  Every word must come back from
# the PDF, set with spaces and with kashida; no kashida may copy out as a
# tatweel (U+0640), which no source here contains.
tatweel=$(printf '\331\200')
mixed_src=$root/tests/pdf/mixed
for justify in spaces kashida; do
	proj=$tmp/mixed-$justify
	mkdir "$proj" && cp -R "$mixed_src/." "$proj/"
	printf 'justify: %s\n' "$justify" >>"$proj/booklet.yaml"
	run_daftar "mixed-$justify" build --content "$proj" --out "$proj/out"
	mtext=$tmp/mixed-$justify.txt
	if [ "$rc" -ne 0 ] || ! mutool draw -q -F txt -o "$mtext" "$proj/out/booklet.pdf" 2>/dev/null; then
		not_ok "mixed-direction project ($justify): build or text extraction failed"
		show "$tmp/run-mixed-$justify.err"
		continue
	fi
	line=$("$recall" "$mixed_src/stories/mixed.md" "$mtext" | tail -n 1)
	case $line in
	"recall: "*" words (100.0%)")
		ok "mixed-direction project ($justify): ${line#recall: }" ;;
	*)
		not_ok "mixed-direction project ($justify): ${line#recall: }, expected 100%"
		"$recall" --missing "$mixed_src/stories/mixed.md" "$mtext" | sed '$d' >"$tmp/missing"
		show "$tmp/missing" 15 ;;
	esac
	# Brackets in right-to-left text copy back as written, not mirrored.
	if grep -q 'ICDL (International Computer Driving Licence)' "$mtext"; then
		ok "mixed-direction project ($justify): brackets copy back as written"
	else
		not_ok "mixed-direction project ($justify): 'ICDL (International Computer Driving Licence)' not in the copied text"
		grep 'ICDL' "$mtext" | head -3 >"$tmp/icdl"
		show "$tmp/icdl"
	fi
	if grep -q "$tatweel" "$mtext"; then
		not_ok "mixed-direction project ($justify): a tatweel appears in the copied text"
	else
		ok "mixed-direction project ($justify): no tatweel in the copied text"
	fi
done

# The sample booklet with kashida: the same words, no tatweel.
kproj=$tmp/kashida
mkdir "$kproj" && cp -R "$content/." "$kproj/"
printf 'justify: kashida\n' >>"$kproj/booklet.yaml"
run_daftar kashida build --content "$kproj" --out "$kproj/out" --dump=lines
ktext=$tmp/kashida.txt
if [ "$rc" -eq 0 ] && mutool draw -q -F txt -o "$ktext" "$kproj/out/booklet.pdf" 2>/dev/null &&
    ! grep -q "$tatweel" "$ktext"; then
	worst=1000
	for slug in $published; do
		line=$("$recall" "$content/stories/$slug.md" "$ktext" | tail -n 1)
		p=$(echo "$line" | sed -n 's|.*(\([0-9]*\)\.\([0-9]\)%)$|\1\2|p')
		[ -n "$p" ] && [ "$p" -lt "$worst" ] && worst=$p
	done
	if [ "$worst" -ge 990 ]; then
		ok "kashida booklet: no tatweel copied out, lowest story recall $((worst / 10)).$((worst % 10))%, $(grep '^# [0-9]' "$tmp/run-kashida.out" | sed 's/^# //')"
	else
		not_ok "kashida booklet: a story's recall fell to $((worst / 10)).$((worst % 10))%"
	fi
else
	not_ok "kashida booklet: build failed or a tatweel appears in the copied text"
	show "$tmp/run-kashida.err"
fi

# --- the print imposition ---------------------------------------------------

# booklet-print.pdf holds the booklet's pages two-up on sheets, in the order
# for saddle stitching with the spine on the right (src/impose.c): one PDF
# page per sheet side, ceil(pages/4) sheets.  The sample asks for no marks
# and no bleed, so each side is two booklet pages wide and one high (A5 ->
# 839.05 x 595.28 pt).  The loop over the PDFs above has run qpdf --check
# and pdffonts on it.
print=$out/booklet-print.pdf
if [ ! -s "$print" ]; then
	not_ok "booklet-print.pdf written: $print is missing or empty"
elif ! pdfinfo "$booklet" >"$tmp/info.txt" 2>&1 </dev/null ||
    ! pdfinfo "$print" >"$tmp/pinfo.txt" 2>&1 </dev/null; then
	not_ok "pdfinfo booklet.pdf or booklet-print.pdf failed"
	show "$tmp/pinfo.txt"
else
	npages=$(awk '/^Pages:/ { print $2 }' "$tmp/info.txt")
	nsides=$(awk '/^Pages:/ { print $2 }' "$tmp/pinfo.txt")
	want=$(((npages + 3) / 4 * 2))
	if [ "$nsides" -eq "$want" ]; then
		ok "booklet-print.pdf: $nsides sheet sides for $npages pages ($((want / 2)) sheets)"
	else
		not_ok "booklet-print.pdf: $nsides sheet sides for $npages pages, expected $want"
	fi
	# "Page    N size: W x H pts": every side is two booklet pages wide.
	pdfinfo -f 1 -l 1 "$booklet" </dev/null 2>/dev/null >"$tmp/size1.txt"
	pdfinfo -f 1 -l "$nsides" "$print" </dev/null 2>/dev/null >"$tmp/sizes.txt"
	if awk 'FNR == NR && /^Page +1 size:/ { w = 2 * $4; h = $6; next }
		FNR != NR && /^Page +[0-9]+ size:/ { n++; if ($4 - w > 0.01 || w - $4 > 0.01 ||
		    $6 - h > 0.01 || h - $6 > 0.01) { bad++; print } }
		END { exit !(n > 0 && bad == 0) }' "$tmp/size1.txt" "$tmp/sizes.txt" \
	    >"$tmp/badsizes"; then
		ok "booklet-print.pdf: every side $(awk '/^Page +1 size:/ { printf "%.2f x %.2f pt", $4, $6 }' "$tmp/sizes.txt"), two pages of $(awk '/^Page +1 size:/ { printf "%.2f x %.2f pt", $4, $6 }' "$tmp/size1.txt")"
	else
		not_ok "booklet-print.pdf: a side is not twice the booklet page wide"
		show "$tmp/badsizes"
	fi
	# The last side, the centre spread, rasterises.
	if pdftoppm -r 60 -png -singlefile -f "$nsides" -l "$nsides" "$print" \
	    "$tmp/sheet" >"$tmp/pdftoppm.err" 2>&1 </dev/null &&
	    [ "$(head -c 4 "$tmp/sheet.png" | od -An -c | tr -d ' ')" = '211PNG' ]; then
		ok "booklet-print.pdf: pdftoppm renders sheet side $nsides ($(wc -c <"$tmp/sheet.png") bytes of PNG)"
	else
		not_ok "booklet-print.pdf: pdftoppm could not render sheet side $nsides"
		show "$tmp/pdftoppm.err"
	fi
fi

# The same booklet with crop marks and a 3 mm bleed: each sheet grows by the
# bleed and a 10 mm band for the marks on every side, and every side has a
# /TrimBox around its two pages and a /BleedBox 3 mm larger, written by an
# incremental update that qpdf must accept.
mproj=$tmp/marks
mkdir "$mproj" && cp -R "$content/." "$mproj/"
awk '/^print:/ { skip = 1; next } skip && /^[ \t]/ { next } { skip = 0; print }' \
    "$content/booklet.yaml" >"$mproj/booklet.yaml"
printf 'print:\n  crop_marks: true\n  bleed_mm: 3\n' >>"$mproj/booklet.yaml"
run_daftar marks build --content "$mproj" --out "$mproj/out"
mprint=$mproj/out/booklet-print.pdf
if [ "$rc" -ne 0 ] || [ ! -s "$mprint" ]; then
	not_ok "booklet-print.pdf with crop marks and bleed: build failed (status $rc)"
	show "$tmp/run-marks.err"
elif ! qpdf --check "$mprint" >"$tmp/qpdf.log" 2>&1 </dev/null; then
	not_ok "qpdf --check booklet-print.pdf with crop marks and bleed"
	show "$tmp/qpdf.log"
else
	pdfinfo -f 1 -l 1 "$booklet" </dev/null 2>/dev/null >"$tmp/size1.txt"
	msides=$(pdfinfo "$mprint" </dev/null 2>/dev/null | awk '/^Pages:/ { print $2 }')
	pdfinfo -box -f 1 -l "$msides" "$mprint" </dev/null 2>/dev/null >"$tmp/boxes.txt"
	# Points per millimetre: 72 / 25.4.
	if awk -v mm=2.834645669 '
		function near(a, b) { return a - b < 0.02 && b - a < 0.02 }
		FNR == NR && /^Page +1 size:/ { w = 2 * $4; h = $6; next }
		FNR == NR { next }
		/^Page +[0-9]+ size:/ { sides++
			if (!near($4, w + 26 * mm) || !near($6, h + 26 * mm)) bad++ }
		/^Page +[0-9]+ TrimBox:/ { trims++
			if (!near($4, 13 * mm) || !near($5, 13 * mm) ||
			    !near($6 - $4, w) || !near($7 - $5, h)) bad++ }
		/^Page +[0-9]+ BleedBox:/ { bleeds++
			if (!near($4, 10 * mm) || !near($5, 10 * mm) ||
			    !near($6 - $4, w + 6 * mm) || !near($7 - $5, h + 6 * mm)) bad++ }
		END { exit !(sides > 0 && trims == sides && bleeds == sides && bad == 0) }
	    ' "$tmp/size1.txt" "$tmp/boxes.txt"; then
		ok "booklet-print.pdf with crop marks and bleed: qpdf clean, $msides sides of $(awk '/^Page +1 size:/ { printf "%.2f x %.2f pt", $4, $6 }' "$tmp/boxes.txt"), each with its TrimBox and BleedBox"
	else
		not_ok "booklet-print.pdf with crop marks and bleed: wrong sheet size or page boxes"
		grep -E '^Page +1 ' "$tmp/boxes.txt" >"$tmp/boxes.short"
		show "$tmp/boxes.short"
	fi
fi

# --- leaflets: out/leaflets/<name>.pdf (issue 8) -----------------------------

# Every leaflet booklet.yaml lists: the page size of its format (A5 portrait,
# or A4 landscape with two sides for a tri-fold), and a QR code that zbarimg
# reads back as the leaflet's website at 300 dpi.  qpdf --check and the fonts
# were checked above with every other PDF.
leaflets=$(awk '/^leaflets:/ { on = 1; next } on && /^[^ #]/ { on = 0 }
    on && /^ *- / { sub(/^ *- */, ""); sub(/ *#.*/, ""); print }' "$content/booklet.yaml")
nleaf=0
for name in $leaflets; do
	nleaf=$((nleaf + 1))
	src=$content/$name.md
	pdf=$out/leaflets/$(basename "$name").pdf
	rel=leaflets/$(basename "$name").pdf
	if [ ! -s "$pdf" ]; then
		not_ok "$rel: not written"
		continue
	fi
	format=$(sed -n 's/^format: *//p' "$src")
	url=$(sed -n 's/^website: *//p' "$src")
	pages=$(pdfinfo "$pdf" </dev/null 2>/dev/null | awk '/^Pages:/ { print $2 }')
	size=$(pdfinfo "$pdf" </dev/null 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p')
	case $format in
	a5-flyer)	want="419.528 x 595.276"; okpages="1 2" ;;
	a4-trifold)	want="841.89 x 595.276"; okpages="2" ;;
	*)		want="?"; okpages="" ;;
	esac
	case " $okpages " in
	*" $pages "*)	ok "$rel: $format, $pages page(s) of $size pt" ;;
	*)		not_ok "$rel: $format with $pages pages (expected $okpages)" ;;
	esac
	if [ "$size" = "$want" ]; then
		ok "$rel: page size $size pt"
	else
		not_ok "$rel: page size '$size', expected $want"
	fi
	mkdir -p "$tmp/leaf"
	pdftoppm -r 300 -png "$pdf" "$tmp/leaf/hi" 2>/dev/null
	got=$(for png in "$tmp/leaf"/hi*.png; do zbarimg -q --raw "$png" 2>/dev/null; done | sort -u)
	if [ -n "$url" ] && [ "$got" = "$url" ]; then
		ok "$rel: the QR code reads $got"
	else
		not_ok "$rel: the QR code reads '$got', expected '$url'"
	fi
	rm -f "$tmp/leaf"/hi*.png
	if pdftoppm -r 60 -png "$pdf" "$tmp/leaf/lo" 2>"$tmp/leaf/err" &&
	    [ ! -s "$tmp/leaf/err" ] && [ "$(ls "$tmp/leaf"/lo*.png | wc -l)" -eq "$pages" ]; then
		ok "$rel: every page renders at 60 dpi"
	else
		not_ok "$rel: pdftoppm could not render every page"
		show "$tmp/leaf/err"
	fi
	rm -f "$tmp/leaf"/lo*.png
	title=$(sed -n 's/^title: *//p' "$src" | awk '{ print $1 }')
	if mutool draw -q -F txt -o - "$pdf" 1 2>/dev/null | grep -qF "$title"; then
		ok "$rel: the title copies out of page 1"
	else
		not_ok "$rel: the title «$title» is not on page 1"
	fi
done
if [ "$nleaf" -ge 2 ]; then
	ok "leaflets: $nleaf listed in booklet.yaml"
else
	not_ok "leaflets: $nleaf listed in booklet.yaml, expected the sample's 2"
fi

# Crop marks: 3 mm of bleed by default, and the trim and bleed boxes on
# every page, for both formats.
proj=$tmp/leaflet-marks
mkdir "$proj" && cp -R "$content/." "$proj/"
sed 's/^  crop_marks: false/  crop_marks: true/' "$content/booklet.yaml" >"$proj/booklet.yaml"
run_daftar leaflet-marks build --content "$proj" --out "$proj/out"
for pdf in "$proj"/out/leaflets/*.pdf; do
	rel=leaflets/$(basename "$pdf")
	# BleedBox x0 + 3 mm (8.504 pt) = TrimBox x0, on every page.
	if [ "$rc" -eq 0 ] && pdfinfo -box -f 1 -l 2 "$pdf" </dev/null 2>/dev/null |
	    awk '/TrimBox/ { t[n1++] = $(NF - 3) } /BleedBox/ { b[n2++] = $(NF - 3) }
	    END { if (n1 < 1 || n1 != n2) exit 1
	          for (i = 0; i < n1; i++) { d = t[i] - b[i]; if (d < 8.49 || d > 8.52) exit 1 } }'; then
		ok "$rel with crop marks: trim and bleed boxes, 3 mm of bleed"
	else
		not_ok "$rel with crop marks: no trim/bleed boxes 3 mm apart"
		show "$tmp/run-leaflet-marks.err"
	fi
done

# A highlight may come from a query: its first row's first number, set
# with Persian digits and grouping (the sample's 1403 registrations sum to
# 4050); a failing query is an error at the highlight.
proj=$tmp/leaflet-query
mkdir "$proj" && cp -R "$content/." "$proj/"
sed 's/^  - value: 22$/  - query: SELECT SUM(registered) FROM registrations_by_district WHERE year = 1403/' \
    "$content/leaflets/amouzesh-maharat.md" >"$proj/leaflets/amouzesh-maharat.md"
run_daftar leaflet-query build --content "$proj" --out "$proj/out"
if [ "$rc" -eq 0 ] && mutool draw -q -F txt -o - "$proj/out/leaflets/amouzesh-maharat.pdf" 1 2>/dev/null |
    grep -qF '۴٬۰۵۰'; then
	ok "leaflets: a highlight's query gives ۴٬۰۵۰"
else
	not_ok "leaflets: the query highlight did not print ۴٬۰۵۰ (exit $rc)"
	show "$tmp/run-leaflet-query.err"
fi

# Too much text is an error naming the leaflet and how much is over; the
# build fails, so nothing is published (the other leaflet is still tried).
proj=$tmp/leaflet-long
mkdir "$proj" && cp -R "$content/." "$proj/"
long=$proj/leaflets/moshavereh-madadkari.md
for i in 1 2 3; do sed -n '/^## /,$p' "$content/leaflets/moshavereh-madadkari.md" >>"$long"; done
run_daftar leaflet-long build --content "$proj" --out "$proj/out"
if [ "$rc" -ne 0 ] &&
    grep -q '^leaflets/moshavereh-madadkari.md: error: .* does not fit: [0-9]* lines (about [0-9]* pt) over' \
    "$tmp/run-leaflet-long.err" &&
    [ ! -e "$proj/out/leaflets" ] && [ ! -e "$proj/out/booklet.pdf" ]; then
	ok "leaflets: overflowing text is an error with lines and points over; nothing published"
else
	not_ok "leaflets: an overflowing leaflet was not reported as expected (exit $rc)"
	show "$tmp/run-leaflet-long.err"
fi

# --- daftar leaflets: only the leaflets, the same bytes -----------------------

only=$tmp/only-leaflets
cp -R "$out" "$only"
rm -rf "$only/leaflets"
run_daftar only-leaflets leaflets --content "$content" --out "$only"
if [ "$rc" -eq 0 ] && diff -r "$out" "$only" >"$tmp/diff" 2>&1; then
	ok "daftar leaflets: writes the same leaflets as a full build and touches nothing else"
else
	not_ok "daftar leaflets: exit status $rc, or its outputs differ from a full build"
	show "$tmp/diff" 10
fi

# --- daftar build --only: chosen outputs, the same bytes ---------------------

fresh=$tmp/only-site-fresh
run_daftar only-site build --only site --content "$content" --out "$fresh"
# out/.daftar-cache (photos resized for the next build) is not an output.
if [ "$rc" -eq 0 ] && [ "$(ls -A "$fresh" | grep -v '^\.daftar-cache$')" = site ] &&
    [ -f "$fresh/site/index.html" ] && [ ! -e "$fresh/site/download" ]; then
	ok "build --only site: writes out/site and nothing else; no booklet, so no download page"
else
	not_ok "build --only site: exit status $rc, or it wrote more than out/site: $(ls -A "$fresh" 2>/dev/null | tr '\n' ' ')"
	show "$tmp/run-only-site.err" 5
fi

# Beside a full build's outputs, the site alone is the full build's site,
# download page included, and the PDFs and leaflets are left as they were.
only=$tmp/only-site
cp -R "$out" "$only"
rm -rf "$only/site"
run_daftar only-site-again build --only site --content "$content" --out "$only"
if [ "$rc" -eq 0 ] && diff -r "$out" "$only" >"$tmp/diff" 2>&1; then
	ok "build --only site: the same site as a full build, everything else untouched"
else
	not_ok "build --only site: exit status $rc, or its outputs differ from a full build"
	show "$tmp/diff" 10
fi

only=$tmp/only-pdfs
run_daftar only-pdfs build --only print,booklet --content "$content" --out "$only"
if [ "$rc" -eq 0 ] && [ "$(ls -A "$only" | grep -v "^\.daftar-cache$" | tr '\n' ' ')" = "booklet-print.pdf booklet.pdf " ] &&
    cmp -s "$out/booklet.pdf" "$only/booklet.pdf" &&
    cmp -s "$out/booklet-print.pdf" "$only/booklet-print.pdf"; then
	ok "build --only print,booklet: the two PDFs of a full build and nothing else"
else
	not_ok "build --only print,booklet: exit status $rc, or other files or other bytes: $(ls -A "$only" 2>/dev/null | tr '\n' ' ')"
	show "$tmp/run-only-pdfs.err" 5
fi

run_daftar only-bad build --only site,pdf --content "$content" --out "$tmp/only-bad"
if [ "$rc" -eq 2 ] && grep -q "unknown output 'pdf' for --only: the outputs are booklet, print, leaflets and site" \
    "$tmp/run-only-bad.err" && [ ! -e "$tmp/only-bad" ]; then
	ok "build --only site,pdf: exit 2, names 'pdf' and the outputs there are, writes nothing"
else
	not_ok "build --only site,pdf: exit status $rc (expected 2), or the message does not name the outputs"
	show "$tmp/run-only-bad.err" 5
fi

# --- bad input --------------------------------------------------------------

# A copy of the project where one published story's title opens a quote and
# never closes it.  The build must fail with status 1 and name the file and a
# line:col inside its front matter; the outputs of an earlier build in the same
# folder must stay as they were.
for victim in $published; do
	break
done
bad=$tmp/bad
mkdir "$bad" && cp -R "$content" "$bad/content"
awk '!done && /^title: / { sub(/^title: /, "title: \""); done = 1 } { print }' \
    "$content/stories/$victim.md" >"$bad/content/stories/$victim.md"
fm_end=$(front_matter_end "$bad/content/stories/$victim.md")
prev=$tmp/prev
cp -R "$out" "$prev"
run_daftar bad build --content "$bad/content" --out "$prev"
where=$(grep -o "stories/$victim\.md:[0-9]*:[0-9]*:" "$tmp/run-bad.err" | head -n 1)
line=$(echo "$where" | cut -d: -f2)
if [ "$rc" -eq 1 ] && [ -n "$where" ] && [ "$line" -ge 1 ] &&
    [ "$line" -le "${fm_end:-1}" ]; then
	ok "bad front matter: exit status 1, $(grep -F "$where" "$tmp/run-bad.err" | head -n 1)"
else
	not_ok "bad front matter in stories/$victim.md: exit status $rc (expected 1), expected stories/$victim.md:LINE:COL: with LINE in 1..$fm_end"
	show "$tmp/run-bad.err"
fi
if diff -r "$out" "$prev" >"$tmp/diff" 2>&1; then
	ok "failed build leaves the previous outputs untouched"
else
	not_ok "failed build changed the previous outputs"
	show "$tmp/diff" 10
fi

# A build that fails late, after the PDFs are written (a broken site
# template), must still leave the previous outputs byte for byte and no
# staging folder behind.
late=$tmp/late-templates
cp -R "$root/templates" "$late"
echo '{{#never-closed}}' >>"$late/site/base.html"
prev2=$tmp/prev2
cp -R "$out" "$prev2"
run_daftar late build --content "$content" --out "$prev2" --templates "$late"
if [ "$rc" -eq 1 ] && diff -r "$out" "$prev2" >"$tmp/diff" 2>&1 &&
    [ ! -e "$prev2/.daftar-staging" ]; then
	ok "late failure (broken template): exit 1, previous outputs untouched, nothing left behind"
else
	not_ok "late failure (broken template): exit status $rc, outputs changed or staging left behind"
	show "$tmp/diff" 10
fi

# --- interrupted build ------------------------------------------------------

# SIGINT or SIGTERM during a build: exit status 128 + the signal, one line
# saying so, no staging folder, and the outputs of the previous build byte
# for byte.  The project is generated (tests/tools/genstories) and grows
# until a build is still running when its staging folder appears; a build
# that finishes before the signal is retried bigger, never counted as a pass.
genstories=$root/tests/tools/genstories
if [ ! -x "$genstories" ]; then
	make --no-print-directory -C "$root" tests/tools/genstories >/dev/null 2>&1
fi

# A digest of every file under $1 (names and bytes), staging excluded.
tree_sum() {
	(cd "$1" && find . -path ./.daftar-staging -prune -o -type f -print |
	    sort | xargs cksum) | cksum
}

# Starts a build of $1 into $2 in the background, waits (at most 120 s) for
# its staging folder, then sends signal $3.  Sets $rc to the build's exit
# status, or to "early" when it ended before the signal could be sent.
interrupt_build() {
	# A shell starts background jobs with SIGINT ignored, and daftar keeps
	# an ignored signal ignored: give it the default back.
	env --default-signal=INT,TERM "$daftar" build --content "$1" --out "$2" \
	    >"$tmp/run-int.out" 2>"$tmp/run-int.err" </dev/null &
	pid=$!
	runs=$((runs + 1))
	i=0
	while [ ! -d "$2/.daftar-staging" ] && kill -0 "$pid" 2>/dev/null &&
	    [ "$i" -lt 2400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	# Into the setting of the booklet, not just past the loading.
	sleep 0.3
	if [ -d "$2/.daftar-staging" ] && kill "-$3" "$pid" 2>/dev/null; then
		wait "$pid"
		rc=$?
	else
		wait "$pid"
		rc=early
	fi
}

if [ ! -x "$genstories" ]; then
	not_ok "interrupt: $genstories is missing (make tests/tools/genstories)"
elif ! env --default-signal=INT true 2>/dev/null; then
	not_ok "interrupt: needs env --default-signal (GNU coreutils 8.31 or later)"
else
	for sig in INT TERM; do
		case $sig in
		INT)	want=130 ;;
		TERM)	want=143 ;;
		esac
		rc=early
		for n in 150 600 2400; do
			proj=$tmp/int-$n
			iout=$tmp/int-out-$n
			if [ ! -d "$proj" ]; then
				"$genstories" 1 "$n" "$proj" || break
				run_daftar int-first build --content "$proj" --out "$iout"
				[ "$rc" -eq 0 ] || break
			fi
			before=$(tree_sum "$iout")
			# A change, so that the booklet is set again, not
			# kept from the build before (reuse.h).
			set -- "$proj"/stories/*.md
			printf '\nیک بند تازه برای %s.\n' "$sig" >>"$1"
			interrupt_build "$proj" "$iout" "$sig"
			[ "$rc" = early ] || break
		done
		if [ "$rc" = early ]; then
			not_ok "interrupt SIG$sig: every build (up to $n stories) finished before the signal"
		elif [ "$rc" -eq "$want" ] && [ ! -e "$iout/.daftar-staging" ] &&
		    [ "$(tree_sum "$iout")" = "$before" ] &&
		    [ "$(wc -l <"$tmp/run-int.err")" -eq 1 ] &&
		    grep -q "^daftar: SIG$sig: the build was interrupted and stopped; .*/ is unchanged$" \
		    "$tmp/run-int.err"; then
			ok "interrupt SIG$sig ($n stories): exit $rc, staging removed, previous outputs byte for byte, $(cat "$tmp/run-int.err")"
		else
			not_ok "interrupt SIG$sig ($n stories): exit status $rc (expected $want), staging $( [ -e "$iout/.daftar-staging" ] && echo left || echo removed), outputs $( [ "$(tree_sum "$iout")" = "$before" ] && echo unchanged || echo CHANGED)"
			show "$tmp/run-int.err" 5
		fi
		cp "$tmp/run-int.err" "$tmp/run-int-$sig.err"
	done
fi

# --- daftar serve -------------------------------------------------------------

# Starts "daftar serve --port 0" on a copy of the sample, then talks to it
# with curl as a browser would: pages, 404, paths that try to leave the site,
# HEAD, POST; edits a story's title the way an editor's save does (a new
# file renamed over the old) and waits until the served page shows it; the
# rebuilt outputs must equal a clean build of the edited content byte for
# byte; SIGINT must end it with status 0.
# A new copy of the sample content in $1/content ($1 emptied first).
sample_copy() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -R "$content" "$1/content"
}

# Starts "daftar serve --port 0" on the content folder $2 and output folder
# $3, its output in $tmp/run-$1.out and .err, and waits up to 120 s for
# the URL it prints: sets serve_pid, and serve_url ("" when none came).
serve_start() {
	runs=$((runs + 1))
	env --default-signal=INT,TERM "$daftar" serve --content "$2" \
	    --out "$3" --port 0 >"$tmp/run-$1.out" 2>"$tmp/run-$1.err" \
	    </dev/null &
	serve_pid=$!
	serve_url=""
	i=0
	while [ -z "$serve_url" ] && kill -0 "$serve_pid" 2>/dev/null &&
	    [ "$i" -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
		serve_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/run-$1.out" |
		    head -n 1)
	done
}

serve_check() {
	sdir=$tmp/serve
	sample_copy "$sdir"
	serve_start serve "$sdir/content" "$sdir/out"
	spid=$serve_pid
	url=$serve_url
	if [ -z "$url" ]; then
		not_ok "serve: no URL printed within 120 s"
		show "$tmp/run-serve.out" 5
		show "$tmp/run-serve.err" 5
		kill "$spid" 2>/dev/null
		wait "$spid"
		return
	fi
	ok "serve: listening at $url after the first build"
	case $url in
	http://127.0.0.1:8000/) not_ok "serve: --port 0 took the default port" ;;
	esac

	story=khayati-dar-manzel
	sfile=$sdir/content/stories/$story.md
	title=$(sed -n 's/^title: *//p' "$sfile" | head -n 1)
	curl -s -o "$tmp/serve-home" -w '%{http_code} %{content_type}' "$url" \
	    >"$tmp/serve-code"
	if [ "$(cat "$tmp/serve-code")" = "200 text/html; charset=utf-8" ] &&
	    grep -qF "$title" "$tmp/serve-home"; then
		ok "serve: / is 200 text/html and lists \"$title\""
	else
		not_ok "serve: / answered $(cat "$tmp/serve-code"), title $(grep -qF "$title" "$tmp/serve-home" && echo found || echo missing)"
	fi
	code=$(curl -s -o "$tmp/serve-story" -w '%{http_code}' "${url}stories/$story/")
	if [ "$code" = 200 ] && grep -qF "$title" "$tmp/serve-story"; then
		ok "serve: /stories/$story/ is 200 with its title"
	else
		not_ok "serve: /stories/$story/ answered $code"
	fi
	code=$(curl -s -o "$tmp/serve-404" -w '%{http_code}' "${url}no/such")
	if [ "$code" = 404 ] && [ -s "$sdir/out/site/404.html" ] &&
	    grep -qF "$(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$sdir/out/site/404.html" | head -n 1)" "$tmp/serve-404"; then
		ok "serve: /no/such is 404 with the site's 404 page"
	else
		not_ok "serve: /no/such answered $code, or without the site's 404 page"
	fi
	bad=""
	for p in '/../etc/passwd' '/%2e%2e/%2e%2e/%2e%2e/etc/passwd' \
	    '/stories/%2E%2E/%2E%2E/%2E%2E/etc/passwd' '/..%2f..%2f..%2fetc/passwd' \
	    '/%2e%2e%5c%2e%2e%5cetc%5cpasswd' '/index.html%00.txt' '/.daftar-site'; do
		code=$(curl -s --path-as-is -o "$tmp/serve-bad" -w '%{http_code}' "${url%/}$p")
		if grep -q 'root:' "$tmp/serve-bad" ||
		    { [ "$code" != 404 ] && [ "$code" != 400 ]; }; then
			bad="$bad $p=$code"
		fi
	done
	if [ -z "$bad" ]; then
		ok "serve: paths that leave the site (.., %2e%2e, %5c, %00, hidden) are 400 or 404"
	else
		not_ok "serve: served paths that leave the site:$bad"
	fi
	curl -s -I -o "$tmp/serve-head" "$url"
	if grep -q '^HTTP/1.1 200' "$tmp/serve-head" &&
	    grep -qi '^Cache-Control: no-store' "$tmp/serve-head" &&
	    grep -qi '^Content-Length: [1-9]' "$tmp/serve-head"; then
		ok "serve: HEAD / is 200 with Content-Length and Cache-Control: no-store"
	else
		not_ok "serve: HEAD / answered"
		show "$tmp/serve-head" 8
	fi
	code=$(curl -s -o /dev/null -D "$tmp/serve-post" -w '%{http_code}' -X POST -d x=1 "$url")
	if [ "$code" = 405 ] && grep -qi '^Allow: GET, HEAD' "$tmp/serve-post"; then
		ok "serve: POST is 405 with Allow: GET, HEAD"
	else
		not_ok "serve: POST answered $code"
	fi
	if cmp -s "$sdir/out/site/index.html" "$tmp/serve-home"; then
		not_ok "serve: the live-reload script is missing from served pages"
	elif grep -q 'daftar serve' "$sdir/out/site/index.html"; then
		not_ok "serve: the live-reload script was written into out/site"
	else
		ok "serve: pages are served with the live-reload script; out/site has none"
	fi

	# The edit: a new file renamed over the story, as many editors save.
	new_title="عنوانی تازه برای آزمون سرور"
	before=$(cksum <"$sdir/out/booklet.pdf")
	sed "s/^title: .*/title: $new_title/" "$sfile" >"$sfile.tmp"
	start=$(date +%s.%N)
	mv "$sfile.tmp" "$sfile"
	i=0
	seen=""
	while [ "$i" -lt 300 ]; do
		if curl -s "${url}stories/$story/" | grep -qF "$new_title"; then
			seen=$(date +%s.%N)
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	if [ -n "$seen" ]; then
		took=$(awk -v a="$start" -v b="$seen" 'BEGIN { printf "%.2f", b - a }')
		ok "serve: an edited title is served after $took s"
	else
		not_ok "serve: the edited title was not served within 30 s"
		show "$tmp/run-serve.err" 10
	fi
	# The site first, alone, then everything: the booklet is set while
	# the server answers.
	i=0
	while ! grep -q '^daftar: rebuilt ' "$tmp/run-serve.out" && [ "$i" -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ "$(cksum <"$sdir/out/booklet.pdf")" != "$before" ]; then
		ok "serve: out/booklet.pdf was rebuilt too"
	else
		not_ok "serve: out/booklet.pdf did not change after the edit"
	fi
	# Only the paragraphs the new title touches are broken into lines
	# again (the heading, its line in the contents, running heads); the
	# others are copied from the first build.
	again=$(sed -n 's/^daftar: rebuilt .*; \([0-9]*\) of \([0-9]*\) paragraphs set again, the others as before$/\1 \2/p' \
	    "$tmp/run-serve.out")
	set -- $again
	if [ $# -eq 2 ] && [ "$1" -gt 0 ] && [ "$1" -le 10 ] && [ "$2" -gt 100 ]; then
		ok "serve: the rebuild set $1 of $2 paragraphs again"
	else
		not_ok "serve: the rebuild did not say it set a few paragraphs again"
		show "$tmp/run-serve.out" 10
	fi
	if grep -q '^daftar: site rebuilt in [0-9.]* s; the booklet follows$' \
	    "$tmp/run-serve.out" &&
	    [ "$(sed -n '/^daftar: site rebuilt/=' "$tmp/run-serve.out")" -lt \
	    "$(sed -n '/^daftar: rebuilt/=' "$tmp/run-serve.out")" ]; then
		ok "serve: the site was rebuilt first, then the booklet"
	else
		not_ok "serve: no site pass before the full rebuild"
		show "$tmp/run-serve.out" 10
	fi

	kill -INT "$spid"
	wait "$spid"
	src=$?
	last=$(tail -n 1 "$tmp/run-serve.out")
	if [ "$src" -eq 0 ] && [ "$last" = "daftar: SIGINT: stopped serving" ]; then
		ok "serve: SIGINT stops it with status 0 and \"$last\""
	else
		not_ok "serve: after SIGINT, status $src and \"$last\""
	fi

	# What the rebuild left (with the caches kept in memory since the first
	# build) must be what a clean build of the edited content writes.
	run_daftar serve-clean build --content "$sdir/content" --out "$sdir/clean"
	if [ "$rc" -eq 0 ] && diff -r -x .daftar-cache "$sdir/out" "$sdir/clean" >"$tmp/serve-diff" 2>&1; then
		ok "serve: the rebuilt outputs equal a clean build, file for file"
	else
		not_ok "serve: the rebuilt outputs differ from a clean build"
		show "$tmp/serve-diff" 10
	fi
}

# Serve started over the output of a build keeps that booklet, so it has no
# lines in memory yet: the first rebuild sets every paragraph and must not
# claim it kept some (repeats within the booklet are no earlier build's);
# the second sets only what changed.
serve_cold_check() {
	cdir=$tmp/serve-cold
	sample_copy "$cdir"
	run_daftar serve-cold-build build --content "$cdir/content" --out "$cdir/out"
	ino=$(stat -c %i "$cdir/out/booklet.pdf")
	serve_start cold "$cdir/content" "$cdir/out"
	cpid=$serve_pid
	# The booklet the build left is kept, not set again.
	if [ "$(stat -c %i "$cdir/out/booklet.pdf")" = "$ino" ]; then
		kept=yes
	else
		kept=no
	fi
	cfile=$cdir/content/stories/khayati-dar-manzel.md
	for k in 1 2 3; do
		# The third edit is to the summary, which the booklet does
		# not print: the booklet is set again, its lines all kept.
		if [ "$k" -lt 3 ]; then
			sed "s/^title: .*/title: عنوان آزمون $k/" "$cfile" >"$cfile.tmp"
		else
			sed "s/^summary: .*/summary: خلاصه‌ای تازه برای آزمون./" "$cfile" >"$cfile.tmp"
		fi
		mv "$cfile.tmp" "$cfile"
		i=0
		while [ "$(grep -c '^daftar: rebuilt' "$tmp/run-cold.out")" -lt "$k" ] &&
		    kill -0 "$cpid" 2>/dev/null && [ "$i" -lt 600 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
	kill -INT "$cpid"
	wait "$cpid"
	first=$(grep '^daftar: rebuilt' "$tmp/run-cold.out" | sed -n 1p)
	second=$(grep '^daftar: rebuilt' "$tmp/run-cold.out" | sed -n 2p)
	third=$(grep '^daftar: rebuilt' "$tmp/run-cold.out" | sed -n 3p)
	case $first in
	*"paragraphs set again"*|"") f=bad ;;
	*) f=ok ;;
	esac
	case $second in
	*"; "[1-9]" of "*" paragraphs set again, the others as before") s2=ok ;;
	*) s2=bad ;;
	esac
	case $third in
	*"; no paragraph changed, the lines of all "[1-9]*" are as before") t=ok ;;
	*) t=bad ;;
	esac
	if [ "$kept" = yes ] && [ "$f" = ok ] && [ "$s2" = ok ] && [ "$t" = ok ]; then
		ok "serve over a kept booklet: the first rebuild claims no kept paragraph, the second: ${second#*; }, the third (summary): ${third#*; }"
	else
		not_ok "serve over a kept booklet: kept $kept, first \"$first\", second \"$second\", third \"$third\""
		show "$tmp/run-cold.out" 10
	fi
}

# While the booklet of a larger project is set again, the server answers:
# the rebuild runs beside it, and the site it shows is already the new one.
serve_busy_check() {
	bdir=$tmp/serve-busy
	rm -rf "$bdir"
	mkdir -p "$bdir/content"
	"$genstories" 3 400 "$bdir/content" >/dev/null || {
		not_ok "serve (400 stories): genstories failed"
		return
	}
	serve_start busy "$bdir/content" "$bdir/out"
	bpid=$serve_pid
	burl=$serve_url
	set -- "$bdir"/content/stories/*.md
	bslug=$(basename "$1" .md)
	sed 's/^title: .*/title: عنوان تازه در میان ساختن/' "$1" >"$1.tmp"
	mv "$1.tmp" "$1"
	i=0
	while ! grep -q '^daftar: site rebuilt' "$tmp/run-busy.out" && [ "$i" -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	code=$(curl -s --max-time 2 -o "$tmp/busy-page" -w '%{http_code}' \
	    "${burl}stories/$bslug/")
	if grep -q '^daftar: rebuilt' "$tmp/run-busy.out"; then
		busy=no
	else
		busy=yes
	fi
	i=0
	while ! grep -q '^daftar: rebuilt' "$tmp/run-busy.out" && [ "$i" -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -INT "$bpid"
	wait "$bpid"
	if [ "$code" = 200 ] && [ "$busy" = yes ] &&
	    grep -q 'عنوان تازه در میان ساختن' "$tmp/busy-page" &&
	    grep -q '^daftar: rebuilt' "$tmp/run-busy.out"; then
		ok "serve (400 stories): $(grep '^daftar: site rebuilt' "$tmp/run-busy.out" | sed 's/;.*//; s/^daftar: //'), the new page served while the booklet was set, $(grep '^daftar: rebuilt' "$tmp/run-busy.out" | sed 's/^daftar: //')"
	else
		not_ok "serve (400 stories): answered $code, during the booklet: $busy"
		show "$tmp/run-busy.out" 10
		show "$tmp/run-busy.err" 10
	fi
}

if ! command -v curl >/dev/null 2>&1; then
	not_ok "serve: needs curl (make test-deps installs it)"
elif ! env --default-signal=INT true 2>/dev/null; then
	not_ok "serve: needs env --default-signal (GNU coreutils 8.31 or later)"
else
	serve_check
	serve_cold_check
	serve_busy_check
fi

# --- incremental builds: the photo cache ---------------------------------------

# A build keeps resized photos in out/.daftar-cache.  A build that finds
# them, after one story changed, and a build that finds them damaged must
# both write what a clean build of the same content writes.
pc_check() {
	pdir=$tmp/pc
	sample_copy "$pdir"
	run_daftar pc-first build --content "$pdir/content" --out "$pdir/out"
	nmeta=$(ls "$pdir/out/.daftar-cache/photos" 2>/dev/null | grep -c '\.meta$')
	if [ "$rc" -eq 0 ] && [ "$nmeta" -gt 0 ]; then
		ok "photo cache: the first build kept $nmeta photos in out/.daftar-cache"
	else
		not_ok "photo cache: the first build kept $nmeta photos (status $rc)"
	fi
	sfile=$pdir/content/stories/khayati-dar-manzel.md
	sed 's/^title: .*/title: عنوانی تازه برای ساخت دوباره/' "$sfile" >"$sfile.tmp"
	mv "$sfile.tmp" "$sfile"
	run_daftar pc-again build --content "$pdir/content" --out "$pdir/out"
	run_daftar pc-clean build --content "$pdir/content" --out "$pdir/clean"
	if [ "$rc" -eq 0 ] &&
	    diff -r -x .daftar-cache "$pdir/out" "$pdir/clean" >"$tmp/pc-diff" 2>&1; then
		ok "photo cache: a rebuild after one story changed equals a clean build, file for file"
	else
		not_ok "photo cache: the rebuild differs from a clean build"
		show "$tmp/pc-diff" 10
	fi
	# Damage: a copy cut short, a copy of the same length with other
	# bytes, meta files with garbage, cut short and from another version.
	set -- "$pdir"/out/.daftar-cache/photos/*.jpg
	head -c 100 "$1" >"$1.cut" && mv "$1.cut" "$1"
	if [ $# -ge 2 ]; then
		len=$(wc -c <"$2")
		head -c "$len" /dev/zero >"$2"
	fi
	set -- "$pdir"/out/.daftar-cache/photos/*.meta
	printf 'garbage\n\377\000\n' >"$1"
	[ $# -ge 2 ] && head -c 60 "$2" >"$2.cut" && mv "$2.cut" "$2"
	[ $# -ge 3 ] && sed -i 's/^daftar-photo-cache 1 /daftar-photo-cache 0 /' "$3"
	run_daftar pc-damaged build --content "$pdir/content" --out "$pdir/out"
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/run-pc-damaged.err" -o -z "$(grep -v 'note:' "$tmp/run-pc-damaged.err")" ] &&
	    diff -r -x .daftar-cache "$pdir/out" "$pdir/clean" >"$tmp/pc-diff" 2>&1; then
		ok "photo cache: a damaged cache is ignored and the build equals a clean one"
	else
		not_ok "photo cache: with a damaged cache, status $rc or different files"
		show "$tmp/pc-diff" 10
		show "$tmp/run-pc-damaged.err" 10
	fi
}
pc_check

# --- incremental builds: what a rebuild keeps ---------------------------------

# After a change, a rebuild keeps what the change does not reach: the
# booklet's PDFs when only a site page changed, and every site file whose
# bytes did not change (the same inode, so uploads by time send only what
# changed).  What it writes equals a clean build; what it keeps is never
# a file changed behind its back.
inode() {
	stat -c %i "$1" 2>/dev/null
}

inc_check() {
	idir=$tmp/inc
	sample_copy "$idir"
	run_daftar inc-first build --content "$idir/content" --out "$idir/out"
	b0=$(inode "$idir/out/booklet.pdf")
	p0=$(inode "$idir/out/booklet-print.pdf")
	far=$idir/out/site/stories/khayati-dar-manzel/index.html
	f0=$(inode "$far")
	about=$idir/out/site/pages/about/index.html
	a0=$(inode "$about")
	set -- "$idir"/out/leaflets/*.pdf
	leaf=$1
	l0=$(inode "$leaf")
	# A site page changes: the booklet does not read it.
	afile=$idir/content/pages/about.md
	printf '\nیک بند تازه برای ساخت دوباره.\n' >>"$afile"
	run_daftar inc-page build --content "$idir/content" --out "$idir/out"
	if [ "$rc" -eq 0 ] && [ "$(inode "$idir/out/booklet.pdf")" = "$b0" ] &&
	    [ "$(inode "$idir/out/booklet-print.pdf")" = "$p0" ] &&
	    grep -q "^daftar: the booklet's sources did not change" \
	    "$tmp/run-inc-page.out" &&
	    cmp -s "$tmp/run-inc-first.err" "$tmp/run-inc-page.err"; then
		ok "incremental: a site page changed, the booklet's PDFs are kept and its diagnostics given again"
	else
		not_ok "incremental: after a site page changed, the booklet was set again or said something else (status $rc)"
		show "$tmp/run-inc-page.out" 5
		diff "$tmp/run-inc-first.err" "$tmp/run-inc-page.err" | show /dev/stdin 10
	fi
	changed=$(sed -n 's/^daftar: site: \([0-9]*\) of \([0-9]*\) files changed.*/\1 \2/p' \
	    "$tmp/run-inc-page.out")
	if [ "$(inode "$leaf")" = "$l0" ]; then
		ok "incremental: an unchanged leaflet is kept, not written again"
	else
		not_ok "incremental: an unchanged leaflet was written again"
	fi
	if [ "$(inode "$far")" = "$f0" ] && [ "$(inode "$about")" != "$a0" ] &&
	    grep -q 'یک بند تازه' "$about" && [ -n "$changed" ] &&
	    [ "${changed%% *}" -le 3 ]; then
		ok "incremental: the site page is new, ${changed%% *} of ${changed#* } site files written, the rest kept"
	else
		not_ok "incremental: site files kept or written wrongly ($changed)"
	fi
	# A story changes: the booklet is set again, and equals a clean build.
	sfile=$idir/content/stories/halgheh-hamdeli.md
	sed 's/^title: .*/title: عنوانی تازه برای ساخت دوباره/' "$sfile" >"$sfile.tmp"
	mv "$sfile.tmp" "$sfile"
	run_daftar inc-story build --content "$idir/content" --out "$idir/out"
	run_daftar inc-clean build --content "$idir/content" --out "$idir/clean"
	if [ "$rc" -eq 0 ] && [ "$(inode "$idir/out/booklet.pdf")" != "$b0" ] &&
	    ! grep -q "sources did not change" "$tmp/run-inc-story.out" &&
	    diff -r -x .daftar-cache "$idir/out" "$idir/clean" >"$tmp/inc-diff" 2>&1; then
		ok "incremental: a story changed, the booklet is set again and every output equals a clean build"
	else
		not_ok "incremental: after a story changed, the outputs differ from a clean build"
		show "$tmp/inc-diff" 10
	fi
	# A change the booklet does not print (a story's summary is for the
	# site): the booklet is set again, comes out the same bytes, and the
	# PDFs keep their inodes, so uploads by time skip them.
	b1=$(inode "$idir/out/booklet.pdf")
	p1=$(inode "$idir/out/booklet-print.pdf")
	sed 's/^summary: .*/summary: خلاصه‌ای تازه که فقط سایت نشان می‌دهد./' \
	    "$sfile" >"$sfile.tmp"
	mv "$sfile.tmp" "$sfile"
	run_daftar inc-summary build --content "$idir/content" --out "$idir/out"
	if [ "$rc" -eq 0 ] && ! grep -q "sources did not change" "$tmp/run-inc-summary.out" &&
	    [ "$(inode "$idir/out/booklet.pdf")" = "$b1" ] &&
	    [ "$(inode "$idir/out/booklet-print.pdf")" = "$p1" ] &&
	    grep -rq 'خلاصه‌ای تازه که فقط سایت' "$idir/out/site"; then
		ok "incremental: a summary changed, the booklet set again came out the same and both PDFs are kept"
	else
		not_ok "incremental: after a summary changed, the booklet's PDFs were written again (status $rc)"
		show "$tmp/run-inc-summary.out" 5
	fi
	# A booklet replaced by hand is not the one the record knows: it is
	# written again, not kept.
	cp "$idir/out/booklet.pdf" "$idir/b.pdf"
	printf 'x' >>"$idir/b.pdf"
	mv "$idir/b.pdf" "$idir/out/booklet.pdf"
	run_daftar inc-hand build --content "$idir/content" --out "$idir/out"
	if [ "$rc" -eq 0 ] && cmp -s "$idir/out/booklet.pdf" "$idir/clean/booklet.pdf"; then
		ok "incremental: a booklet.pdf changed by hand is set again"
	else
		not_ok "incremental: a booklet.pdf changed by hand was kept (status $rc)"
	fi
	# An output folder inside the content folder is not one of the
	# booklet's sources.
	run_daftar inc-inside1 build --content "$idir/content" --out "$idir/content/out"
	run_daftar inc-inside2 build --content "$idir/content" --out "$idir/content/out"
	if [ "$rc" -eq 0 ] && grep -q "sources did not change" "$tmp/run-inc-inside2.out"; then
		ok "incremental: with out/ inside the content folder the booklet is still kept"
	else
		not_ok "incremental: with out/ inside the content folder the booklet was set again (status $rc)"
	fi
	rm -rf "$idir/content/out"
	# A photo, a statistics file, a setting: each is a source.
	run_daftar inc-base build --content "$idir/content" --out "$idir/out"
	set -- "$idir"/content/images/*.jpg
	printf 'x' >>"$1"
	run_daftar inc-photo build --content "$idir/content" --out "$idir/out"
	rcs=$rc
	photo_kept=$(grep -c "sources did not change" "$tmp/run-inc-photo.out")
	set -- "$idir"/content/stats/*.csv
	printf '\n' >>"$1"
	run_daftar inc-stats build --content "$idir/content" --out "$idir/out"
	rcs=$rcs$rc
	stats_kept=$(grep -c "sources did not change" "$tmp/run-inc-stats.out")
	run_daftar inc-greedy build --breaker=greedy --content "$idir/content" --out "$idir/out"
	rcs=$rcs$rc
	greedy_kept=$(grep -c "sources did not change" "$tmp/run-inc-greedy.out")
	if [ "$photo_kept$stats_kept$greedy_kept" = 000 ] && [ "$rcs" = 000 ]; then
		ok "incremental: a changed photo, statistics file or --breaker sets the booklet again"
	else
		not_ok "incremental: kept the booklet after a change of photo ($photo_kept), statistics ($stats_kept) or --breaker ($greedy_kept); exit statuses $rcs"
	fi
	# So is one whose fonts changed.
	cp -R "$root/fonts" "$idir/fonts"
	printf '\n' >>"$idir/fonts/OFL.txt"
	run_daftar inc-fonts build --content "$idir/content" --out "$idir/out" \
	    --fonts "$idir/fonts"
	if [ "$rc" -eq 0 ] && ! grep -q "sources did not change" "$tmp/run-inc-fonts.out"; then
		ok "incremental: new fonts set the booklet again"
	else
		not_ok "incremental: the booklet was kept though the fonts changed (status $rc)"
	fi
}
inc_check

# --- usage ------------------------------------------------------------------

run_daftar usage frobnicate
if [ "$rc" -eq 2 ] && [ -s "$tmp/run-usage.err" ]; then
	ok "usage error: 'daftar frobnicate' exits 2 and says why"
else
	not_ok "usage error: 'daftar frobnicate' exited $rc (expected 2, with a message on stderr)"
	show "$tmp/run-usage.err" 5
fi

# --- sanitizers -------------------------------------------------------------

if cat "$tmp"/run-*.err | grep -Eq 'Sanitizer|runtime error:'; then
	not_ok "sanitizer reports in $runs runs"
	cat "$tmp"/run-*.err | grep -E -A 12 'ERROR: |runtime error:' >"$tmp/san"
	show "$tmp/san" 40
else
	ok "no sanitizer report in $runs runs"
fi

finish
