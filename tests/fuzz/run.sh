#!/bin/sh
# run.sh SECONDS TARGET... - runs each libFuzzer target for SECONDS on a copy
# of its seeds (tests/fuzz/corpus/TARGET), so the committed seeds stay as
# they are; a crash lands in tests/fuzz/ as crash-*.  Prints one line per
# target and "fuzz: N passed, M failed".
secs=$1
shift
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
cd "$root" || exit 1
pass=0 fail=0
for t in "$@"; do
	work=$(mktemp -d "${TMPDIR:-/tmp}/daftar-fuzz-$t.XXXXXX")
	cp "$dir/corpus/$t"/* "$work/" 2>/dev/null
	if "$dir/$t.fuzz" -max_total_time="$secs" -rss_limit_mb=4096 \
	    -artifact_prefix="$dir/" -print_final_stats=1 "$work" \
	    >"$work.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log")
		echo "ok:   fuzz $t: ${runs:-?} runs in ${secs}s, no crash"
		pass=$((pass + 1))
	else
		echo "FAIL: fuzz $t: see the crash-* file in tests/fuzz/"
		tail -n 30 "$work.log" | sed 's/^/      /'
		fail=$((fail + 1))
	fi
	rm -rf "$work" "$work.log" /tmp/daftar-fuzz-*"-$$" 2>/dev/null
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
