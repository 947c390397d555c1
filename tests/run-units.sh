#!/bin/sh
# Runs each cmocka test program given; prints a closing tally and fails if any failed.
pass=0 fail=0
for t in "$@"; do
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit programs: $pass passed, $fail failed"
[ "$fail" = 0 ]
