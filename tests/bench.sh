#!/bin/sh
# bench.sh - how fast daftar builds large projects: synthetic projects of 100
# and 1000 stories (tests/tools/genstories), each built once with the word
# shape cache and once without (--no-cache), and timed.
#
#	sh tests/bench.sh DAFTAR
#
# Prints a table: stories, shaping (cache or none), booklet pages, wall
# seconds, pages per second and peak resident memory.  A benchmark, not a test: there are no thresholds.
# BENCH_SIZES ("100 1000") and BENCH_SEED (1) change what is generated.
# Then times the site alone (daftar build --only site, into a new folder)
# for the same projects: its pages (index.html files), wall seconds, pages
# per second and peak memory, to set beside static-site generators.
# Then times "daftar check" on the same projects beside the full build
# (with the cache): wall seconds, the share of the build's, peak memory.
# Then times rebuilds, for the same projects with a site page added, the
# median of BENCH_REBUILDS (3) edits each, beside the full build's time:
# after one story changed, as "daftar build" run again over its own output
# and as "daftar serve" reports it (fonts, shaped words and the booklet's
# lines kept in memory; the site alone published first, then everything),
# with the paragraphs serve set again out of all the booklet's and the
# server's peak and idle memory; after the site page changed (the booklet
# is kept); and with nothing changed.
# Then times statistics loading (tests/bench-stats): a generated CSV of
# BENCH_STATS_ROWS (200000) rows, loaded, counted and grouped once.
# Exits 1 when a build fails or a tool is missing, 2 on usage.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/bench.sh DAFTAR" >&2
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
genstories=$root/tests/tools/genstories
sizes=${BENCH_SIZES:-100 1000}
seed=${BENCH_SEED:-1}

if [ ! -x "$daftar" ]; then
	echo "bench: $daftar: no such program (make build)" >&2
	exit 1
fi
if [ ! -x "$genstories" ]; then
	make --no-print-directory -C "$root" tests/tools/genstories >/dev/null ||
	    exit 1
fi

# Peak memory needs GNU time (Debian package "time"); wall time is measured
# here either way, with nanoseconds where date has them.
gnu_time=""
if /usr/bin/time -v true >/dev/null 2>&1; then
	gnu_time=/usr/bin/time
else
	echo "bench: peak memory is n/a: /usr/bin/time -v is missing (apt-get install time)"
fi

# Pages of a PDF, from pdfinfo or else mutool; "n/a" without either.
pages_of() {
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
	elif command -v mutool >/dev/null 2>&1; then
		mutool info "$1" 2>/dev/null | awk '/^Pages:/ { print $2; exit }'
	else
		echo n/a
	fi
}

now() {
	case $(date +%N) in
	*N*|'')	date +%s ;;
	*)	date +%s.%N ;;
	esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Runs DAFTAR with the given arguments, its output in $tmp/log.  Sets rc
# (its exit status), wall (seconds) and rss (peak resident MiB, or n/a).
run_timed() {
	start=$(now)
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -v -o "$tmp/time" "$daftar" "$@" >"$tmp/log" 2>&1 \
		    </dev/null
	else
		"$daftar" "$@" >"$tmp/log" 2>&1 </dev/null
	fi
	rc=$?
	end=$(now)
	wall=$(awk -v start="$start" -v end="$end" \
	    'BEGIN { printf "%.3f", end - start }')
	rss=n/a
	if [ -n "$gnu_time" ]; then
		rss=$(awk -F: '/Maximum resident set size/ {
			printf "%.1f", $2 / 1024 }' "$tmp/time")
	fi
}

# Says that the build of $1 stories failed, with the start of its output.
failed() {
	printf '%8s   build failed with exit status %s:\n' "$1" "$rc"
	sed -n '1,10p' "$tmp/log" | sed 's/^/           /'
	status=1
}

# One row: stories, [shaping,] pages, wall seconds, pages per second, RSS.
row() {
	awk -v n="$1" -v mode="$2" -v pages="${3:-n/a}" -v wall="$wall" \
	    -v rss="$rss" 'BEGIN {
		rate = (pages ~ /^[0-9]+$/ && wall > 0) ? sprintf("%.1f", pages / wall) : "n/a"
		if (mode != "")
			printf "%8s %8s", n, mode
		else
			printf "%8s", n
		printf " %8s %10.2f %10s %14s\n", pages, wall, rate, rss
	}'
}

status=0
printf '%8s %8s %8s %10s %10s %14s\n' stories shaping pages "wall s" \
    "pages/s" "peak RSS MiB"
for n in $sizes; do
	dir=$tmp/p$n
	if ! "$genstories" "$seed" "$n" "$dir"; then
		status=1
		continue
	fi
	for mode in cache none; do
		flag=""
		[ "$mode" = none ] && flag=--no-cache
		# A new folder each time: over its own output a build keeps
		# what did not change, and that is timed below.
		rm -rf "$dir/out-$mode"
		run_timed build --content "$dir" --out "$dir/out-$mode" $flag
		if [ "$rc" -ne 0 ]; then
			failed "$n"
			continue
		fi
		row "$n" "$mode" "$(pages_of "$dir/out-$mode/booklet.pdf")"
		[ "$mode" = cache ] && eval "build_wall_$n=$wall"
	done
done

# The site alone, as a static-site generator would be timed: the same
# projects loaded, and every page written into a new folder.  Its pages are
# the index.html files (stories, group pages, home, search, download).
echo
echo "site alone (daftar build --only site):"
printf '%8s %8s %10s %10s %14s\n' stories pages "wall s" "pages/s" \
    "peak RSS MiB"
for n in $sizes; do
	dir=$tmp/p$n
	[ -d "$dir/stories" ] || continue
	run_timed build --only site --content "$dir" --out "$dir/site-only"
	if [ "$rc" -ne 0 ]; then
		failed "$n"
		continue
	fi
	row "$n" "" "$(find "$dir/site-only/site" -name index.html | wc -l |
	    tr -d ' ')"
done

# "daftar check": everything a build reports, nothing set or written.
echo
echo "check (daftar check, beside the build with the cache):"
printf '%8s %10s %10s %10s %14s\n' stories "check s" "build s" "share" \
    "peak RSS MiB"
for n in $sizes; do
	dir=$tmp/p$n
	[ -d "$dir/stories" ] || continue
	run_timed check --content "$dir"
	if [ "$rc" -ne 0 ]; then
		failed "$n"
		continue
	fi
	eval "bw=\${build_wall_$n:-}"
	awk -v n="$n" -v c="$wall" -v b="$bw" -v rss="$rss" 'BEGIN {
		share = (b != "" && b > 0) ? sprintf("%.0f%%", 100 * c / b) : "n/a"
		printf "%8s %10.2f %10s %10s %14s\n", n, c, (b != "" ? sprintf("%.2f", b) : "n/a"), share, rss
	}'
done

# A rebuild after one story changed: what an editor waits for.  The story's
# title changes, so its page, the lists that show it, the booklet from its
# page on and the contents all have to change.  Then a site page changes,
# which the booklet does not read, and then nothing.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "n/a" }'
}
rebuilds=${BENCH_REBUILDS:-3}
echo
echo "rebuild after a change (median of $rebuilds edits), seconds:"
printf '%8s %7s %13s %13s %12s %12s %11s %16s %20s\n' stories full \
    "story again" "serve: site" "serve: all" "page again" unchanged \
    "serve: par. set" "serve MiB peak/idle"
for n in $sizes; do
	dir=$tmp/p$n
	[ -d "$dir/stories" ] || continue
	if [ ! -f "$dir/pages/about.md" ]; then
		mkdir -p "$dir/pages"
		printf -- '---\ntitle: درباره‌ی ستاد\n---\n\n%s\n' \
		    'ستاد به زنان سرپرست خانوار کمک می‌کند تا روی پای خودشان بایستند.' \
		    >"$dir/pages/about.md"
		sed -i 's|^  pages: \[\]$|  pages:\n    - pages/about|' "$dir/booklet.yaml"
	fi
	story=$(ls "$dir/stories" | awk -v n="$n" 'NR == int(n / 2) + 1')
	for f in full again page same; do
		: >"$tmp/$f"
	done
	for k in $(seq "$rebuilds"); do
		rm -rf "$dir/rb"
		run_timed build --content "$dir" --out "$dir/rb"
		echo "$wall" >>"$tmp/full"
		sed -i "s/^title: .*/title: بازنویسی $k/" "$dir/stories/$story"
		run_timed build --content "$dir" --out "$dir/rb"
		[ "$rc" -eq 0 ] && echo "$wall" >>"$tmp/again"
		printf '\nبند افزوده‌ی %s.\n' "$k" >>"$dir/pages/about.md"
		run_timed build --content "$dir" --out "$dir/rb"
		[ "$rc" -eq 0 ] && echo "$wall" >>"$tmp/page"
		run_timed build --content "$dir" --out "$dir/rb"
		[ "$rc" -eq 0 ] && echo "$wall" >>"$tmp/same"
	done
	serve_site=n/a
	serve_all=n/a
	serve_par=n/a
	serve_mem=n/a
	if env --default-signal=INT true 2>/dev/null; then
		# Made before the server starts, so the loop below never
		# reads a log that is not there yet.
		: >"$tmp/serve.log"
		env --default-signal=INT "$daftar" serve --content "$dir" \
		    --out "$dir/rb" --port 0 >"$tmp/serve.log" 2>&1 </dev/null &
		spid=$!
		i=0
		while ! grep -q '^daftar: serving' "$tmp/serve.log" &&
		    kill -0 "$spid" 2>/dev/null && [ "$i" -lt 6000 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		for k in $(seq "$rebuilds"); do
			sed -i "s/^title: .*/title: ویرایش $k/" "$dir/stories/$story"
			i=0
			while [ "$(grep -c '^daftar: rebuilt' "$tmp/serve.log")" -lt "$k" ] &&
			    ! grep -q ' failed with ' "$tmp/serve.log" &&
			    kill -0 "$spid" 2>/dev/null && [ "$i" -lt 6000 ]; do
				sleep 0.1
				i=$((i + 1))
			done
		done
		# What the server holds: its peak, and idle after the last
		# rebuild (Linux's /proc; n/a elsewhere).
		sleep 1
		if [ -r "/proc/$spid/status" ]; then
			serve_mem=$(awk '/^VmHWM:/ { h = $2 } /^VmRSS:/ { r = $2 }
			    END { printf "%.0f/%.0f", h / 1024, r / 1024 }' \
			    "/proc/$spid/status")
		fi
		kill -INT "$spid" 2>/dev/null
		wait "$spid"
		serve_site=$(sed -n 's/^daftar: site rebuilt in \([0-9.]*\) s;.*/\1/p' \
		    "$tmp/serve.log" | median)
		serve_all=$(sed -n 's/^daftar: rebuilt .* in \([0-9.]*\) s\(;.*\)\{0,1\}$/\1/p' \
		    "$tmp/serve.log" | median)
		serve_par=$(sed -n 's/^daftar: rebuilt .*; \([0-9]*\) of \([0-9]*\) paragraphs set again.*/\1\/\2/p' \
		    "$tmp/serve.log" | tail -n 1)
	fi
	printf '%8s %7s %13s %13s %12s %12s %11s %16s %20s\n' "$n" \
	    "$(median <"$tmp/full")" "$(median <"$tmp/again")" "$serve_site" \
	    "$serve_all" "$(median <"$tmp/page")" "$(median <"$tmp/same")" \
	    "$serve_par" "$serve_mem"
done

# Statistics: quoted Persian text holding a comma and grouped numbers
# ("12,345"), as exports have them, so the CSV reader and the number
# parser are both timed.
statsbench=$root/tests/bench-stats
rows=${BENCH_STATS_ROWS:-200000}
if [ ! -x "$statsbench" ]; then
	make --no-print-directory -C "$root" tests/bench-stats >/dev/null || exit 1
fi
mkdir -p "$tmp/stats"
awk -v n="$rows" 'BEGIN {
	print "year,district,program,registered,amount"
	for (i = 0; i < n; i++)
		printf "%d,%d,\"برنامه %d, گروه\",%d,\"%d,%03d\"\n", 1399 + i % 5,
		    1 + i % 22, i % 7, (i * 7919) % 1000, 1 + i % 97, (i * 31) % 1000
}' >"$tmp/stats/big.csv"
echo
printf '%10s %10s %12s %10s\n' "csv rows" "load s" "rows/s" "query s"
"$statsbench" "$tmp/stats" big \
    "SELECT program, sum(amount) FROM big GROUP BY program ORDER BY 2 DESC" ||
    status=1
exit "$status"
