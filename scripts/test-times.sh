#!/usr/bin/env bash
# Time per test class from the .trx files of a test run (scripts/test.sh prints their folder as "TRX results: DIR").
# Usage: scripts/test-times.sh DIR [N]   — the N slowest classes (default all), then each assembly's wall time.
# A class's time is the sum of its tests' durations as xunit measured them (set-up and tear-down of a test's own
# IAsyncLifetime included); tests run in parallel, so the sums add up to more than the wall time.
set -euo pipefail

dir="${1:?usage: scripts/test-times.sh TRX_FOLDER [N]}"
limit="${2:-0}"
shopt -s nullglob
files=("$dir"/*.trx)
[ "${#files[@]}" -gt 0 ] || { echo "no .trx files in $dir" >&2; exit 1; }

seconds() { # hh:mm:ss.fffffff -> seconds
    awk -F: '{ printf "%.3f", $1 * 3600 + $2 * 60 + $3 }' <<<"$1"
}

cat "${files[@]}" | tr '\n' ' ' | grep -o '<UnitTestResult [^>]*>' | awk '
    {
        name = ""; duration = ""
        if (match($0, / testName="[^"]*"/)) name = substr($0, RSTART + 11, RLENGTH - 12)
        if (match($0, / duration="[^"]*"/)) duration = substr($0, RSTART + 11, RLENGTH - 12)
        sub(/\(.*$/, "", name)
        sub(/\.[^.]*$/, "", name)
        sub(/^ReviewMeetings\./, "", name)
        split(duration, t, ":")
        total[name] += t[1] * 3600 + t[2] * 60 + t[3]
        count[name]++
    }
    END { for (c in total) printf "%8.1f s %5d  %s\n", total[c], count[c], c }' \
    | sort -rn | { if [ "$limit" -gt 0 ]; then head -n "$limit"; else cat; fi; }

for file in "${files[@]}"; do
    times="$(tr '\n' ' ' <"$file" | grep -o '<Times [^>]*>' | head -n 1)"
    start="$(grep -o 'start="[^"]*"' <<<"$times" | cut -d'"' -f2)"
    finish="$(grep -o 'finish="[^"]*"' <<<"$times" | cut -d'"' -f2)"
    tests="$(tr '\n' ' ' <"$file" | grep -o '<Counters [^>]*>' | grep -o ' total="[0-9]*"' | grep -o '[0-9]*')"
    wall=$(( $(date -d "$finish" +%s) - $(date -d "$start" +%s) ))
    echo "$(basename "$file"): $tests tests, ${wall} s from first start to last finish"
done
