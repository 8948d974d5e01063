#!/usr/bin/env bash
# Builds the solution, checks its formatting (dotnet format whitespace --verify-no-changes; the build enforces the
# style and analyzer rules) and runs every test. The last line is
# "N passed, N failed" (", N skipped" when any were); unformatted code counts as one failure there.
# Extra arguments go to dotnet test, e.g. scripts/test.sh --filter "FullyQualifiedName~Ballot".
# The tests start their own throwaway PostgreSQL clusters; this script only makes sure the binaries exist.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$REPO_ROOT/scripts/lib.sh"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
# Test hosts must not use up the per-user inotify instances (see AppFactory).
export DOTNET_hostBuilder__reloadConfigOnChange=false
export DOTNET_USE_POLLING_FILE_WATCHER=true
# The test process JIT-compiles the app for hundreds of short-lived hosts; W^X double-mapping of every compiled method
# cost more CPU than anything but the browser (docs/architecture.md, "Test time"). Only the test run; never the app.
export DOTNET_EnableWriteXorExecute=0

rm_ensure_prerequisites pdftotext java
rm_ensure_vnu "$REPO_ROOT"
rm_ensure_postgres_user
REVIEWMEETINGS_PG_BINDIR="$(rm_pg_bindir)"
export REVIEWMEETINGS_PG_BINDIR

cd "$REPO_ROOT"
SOLUTION=ReviewMeetings.sln
[ -f "$SOLUTION" ] || SOLUTION=ReviewMeetings.slnx
[ -f "$SOLUTION" ] || rm_die "no ReviewMeetings.sln or ReviewMeetings.slnx in $REPO_ROOT"

RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/reviewmeetings-tests.XXXXXX")"

dotnet restore "$SOLUTION"
dotnet build "$SOLUTION" -c Release --no-restore || rm_die "build failed"

# Formatting is checked after the build and counts as one failure, but does not stop the tests from running. The
# build already fails on every style and analyzer rule at warning (EnforceCodeStyleInBuild, TreatWarningsAsErrors),
# which is what `dotnet format style` and `analyzers` would check, so only the whitespace pass is left to run: 8 s
# instead of the full command's 65 s on the CI machine.
set +e
dotnet format whitespace "$SOLUTION" --verify-no-changes
format_rc=$?
set -e
if [ "$format_rc" -ne 0 ]; then
    echo "FORMAT FAILED: dotnet format found code to change (exit $format_rc); run: dotnet format $SOLUTION" >&2
fi

set +e
dotnet test "$SOLUTION" -c Release --no-build \
    --results-directory "$RESULTS_DIR" \
    --logger trx \
    --logger "console;verbosity=normal" \
    "$@"
test_rc=$?
set -e

# Sums the <Counters .../> of every .trx file; errors, timeouts and aborts count as failures.
# The VSTest trx logger leaves notExecuted at 0 for skipped xunit tests, so skipped is total - executed.
read -r passed failed skipped < <(
    find "$RESULTS_DIR" -name '*.trx' -exec cat {} + 2>/dev/null \
        | tr '\n' ' ' \
        | grep -o '<Counters [^>]*>' \
        | awk '
            function count(line, name,    m) {
                if (match(line, " " name "=\"[0-9]+\"")) {
                    m = substr(line, RSTART, RLENGTH)
                    gsub(/[^0-9]/, "", m)
                    return m + 0
                }
                return 0
            }
            {
                passed += count($0, "passed")
                failed += count($0, "failed") + count($0, "error") + count($0, "timeout") + count($0, "aborted")
                notRun = count($0, "total") - count($0, "executed")
                skipped += (notRun > count($0, "notExecuted") ? notRun : count($0, "notExecuted"))
            }
            END { printf "%d %d %d\n", passed, failed, skipped }'
)

echo "TRX results: $RESULTS_DIR"
echo "Slowest test classes (sum of their tests' durations; scripts/test-times.sh $RESULTS_DIR for all):"
bash "$REPO_ROOT/scripts/test-times.sh" "$RESULTS_DIR" 10 || true
status=0
if [ "$test_rc" -ne 0 ] || [ "$failed" -gt 0 ]; then
    status=1
fi
if [ $((passed + failed)) -eq 0 ]; then
    echo "no tests ran"
    status=1
fi
if [ "$format_rc" -ne 0 ]; then
    echo "FORMAT FAILED: dotnet format whitespace $SOLUTION --verify-no-changes (counted as 1 failure)"
    failed=$((failed + 1))
    status=1
fi
summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
    summary="$summary, $skipped skipped"
fi
echo "$summary"
exit "$status"
