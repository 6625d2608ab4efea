#!/usr/bin/env bash
# The test command: installs what is missing, builds, starts a throw-away RabbitMQ node and PostgreSQL cluster,
# runs every test project,
# and ends with one line "N passed, N failed". Exit code 0 only when the build is clean and nothing failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh || exit 1
dotnet format NewsPipeline.sln --verify-no-changes -v quiet || { echo "dotnet format: files differ from .editorconfig (fix: dotnet format NewsPipeline.sln)"; echo "0 passed, 1 failed"; exit 1; }
dotnet build NewsPipeline.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/newspipeline-test-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as the postgres user when we are root
cleanup() {
  bash scripts/rabbitmq.sh stop "$work/rabbitmq" > /dev/null 2>&1 || true
  bash scripts/postgres.sh stop "$work/postgres" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# Ports below the kernel's ephemeral range (32768+), where the node's distribution port (port + 20000) used to land: an
# outgoing connection's local port there is invisible to the probe below and made the start fail now and then.
free_port() {
  for _ in $(seq 1 50); do
    p=$((10000 + RANDOM % 2700))
    busy=
    for q in $p $((p + 1)) $((p + 20000)); do (exec 3<>"/dev/tcp/127.0.0.1/$q") 2> /dev/null && busy=1; done
    [ -z "$busy" ] && { echo "$p"; return; }
  done
}
started=
for _ in 1 2 3; do
  port=$(free_port)
  echo "starting RabbitMQ on 127.0.0.1:$port" >&2
  bash scripts/rabbitmq.sh start "$work/rabbitmq" "$port" && { started=1; break; }
  bash scripts/rabbitmq.sh stop "$work/rabbitmq" > /dev/null 2>&1 || true
  rm -rf "$work/rabbitmq"
done
[ -n "$started" ] || { echo "0 passed, 1 failed"; exit 1; }
export NEWSPIPELINE_TEST_RABBITMQ_DIR="$work/rabbitmq" NEWSPIPELINE_TEST_RABBITMQ_PORT="$port"
pgport=$((port + 1))
echo "starting PostgreSQL on 127.0.0.1:$pgport" >&2
bash scripts/postgres.sh start "$work/postgres" "$pgport" || { echo "0 passed, 1 failed"; exit 1; }
export NEWSPIPELINE_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=newspipeline"

results="$root/.test-results"
rm -rf "$results"
dotnet test NewsPipeline.sln -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0
# The fault suite's short version (scripts/faults.sh --short: every scenario once) is part of a whole run; each scenario
# counts as one test. A filtered run (arguments given) is a developer's quick check and leaves it out.
if [ $# -eq 0 ]; then
  echo "fault suite, short version: scripts/faults.sh --short"
  bash scripts/faults.sh --short --no-build > "$work/faults.out" 2> "$work/faults.log"
  cat "$work/faults.out"
  summary=$(tail -1 "$work/faults.out")
  case "$summary" in
    *" runs passed, "*" failed, "*" skipped")
      read -r fp _ _ ff _ fs _ <<< "$summary"
      passed=$((passed + fp)) failed=$((failed + ff)) skipped=$((skipped + fs))
      [ "$ff" -gt 0 ] && { echo "fault suite log (last 80 lines):"; tail -80 "$work/faults.log"; }
      ;;
    *) echo "the fault suite did not finish; its log (last 80 lines):"; tail -80 "$work/faults.log"; failed=$((failed + 1)) ;;
  esac
fi
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
# Name what failed at the end, where a truncated CI log still shows it.
if [ "$failed" -gt 0 ] && command -v python3 > /dev/null; then
  python3 - "$results"/*.trx <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") != "Passed" and r.get("outcome") != "NotExecuted":
            message = r.findtext(".//t:Message", "", ns).strip().splitlines()
            print(f"FAILED {r.get('testName')}: {message[0][:300] if message else r.get('outcome')}")
PY
fi
# A test run that crashed before writing its results still fails the run.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then echo "dotnet test exited with $status but no result file names a failure (a test host crashed?)"; failed=1; fi
[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
