#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every test project (the fault suite included, in
# tests/NewsPipeline.FaultTests), and ends with the names of failed tests and one line "N passed, N failed".
# Exit code 0 only when the build is clean and nothing failed. Arguments go to `dotnet test` (e.g. --filter ...).
# The tests start their own throw-away RabbitMQ nodes and PostgreSQL clusters (tests/Shared: RabbitMqBroker,
# PostgresServer, on ports from tests/Shared/FreePort.cs) and stop them afterwards.
# NEWSPIPELINE_FAULTS=full runs the fault suite's full set (docs/reliability.md) instead of the short one.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh || exit 1
dotnet format NewsPipeline.sln --verify-no-changes -v quiet || { echo "dotnet format: files differ from .editorconfig (fix: dotnet format NewsPipeline.sln)"; echo "0 passed, 1 failed"; exit 1; }
dotnet build NewsPipeline.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/.test-results"
rm -rf "$results"
export NEWSPIPELINE_TEST_RESULTS="$results"
run_tests() { dotnet test "$@" -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"; }
status=0
if [ $# -gt 0 ]; then
  run_tests NewsPipeline.sln "$@" || status=$?
else
  # The fault suite runs alone after the others: its timing bounds (503 within 10 s, drain within 60 s) assume a
  # machine not also busy with the other test projects, which dotnet test runs in parallel.
  run_tests NewsPipeline.sln --filter "FullyQualifiedName!~NewsPipeline.FaultTests" || status=$?
  run_tests tests/NewsPipeline.FaultTests || status=$?
fi
[ -f "$results/faults.md" ] && { echo; cat "$results/faults.md"; }

passed=0 failed=0 skipped=0 failures=()
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
  # The names of what failed (attributes of one UnitTestResult element; the XML escapes quotes inside them).
  while IFS= read -r name; do failures+=("$name"); done < <(grep -o '<UnitTestResult [^>]*>' "$trx" \
    | grep -v 'outcome="Passed"\|outcome="NotExecuted"' | sed -n 's/.* testName="\([^"]*\)".*/\1/p' \
    | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&apos;/'"'"'/g; s/&amp;/\&/g')
done
# Named at the end, where a truncated CI log still shows them.
for name in "${failures[@]}"; do echo "FAILED $name"; done
# A test run that crashed before writing its results still fails the run.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then echo "dotnet test exited with $status but no result file names a failure (a test host crashed?)"; failed=1; fi
[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
