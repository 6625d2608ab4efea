#!/usr/bin/env bash
# The fault suite: real processes, a throw-away RabbitMQ node and PostgreSQL cluster of its own, generated articles in
# flight, then a fault; every run is checked for lost, duplicated, contradictory and stuck outcomes.
#   scripts/faults.sh [--scenario NAME[,NAME…]|all] [--runs 3] [--files 1000] [--workers 2] [--down 5] [--store-down 60]
#                     [--deadline 60] [--reannounce-after 00:10:00] [--short] [--debug] [--keep] [--no-build]
# --short is the CI version: every scenario once, 600 files, store outages of 20 s.
# Scenarios (one function each, scenario_<name>); run r puts the fault at a different moment (10%, 40%, 70% of the files
# done, cycling):
#   watcher-kill, worker-kill, workers-kill, sink-kill   kill -9 of that role's process (both workers at once)
#   broker-kill     kill -9 of the RabbitMQ node mid-stream, restarted with its data --down seconds later
#   broker-idle     the same once every file is done; then a second drop must be processed
#   postgres-stop   the store is PostgreSQL; it is stopped for --store-down seconds mid-stream
#   disk-full       the SQLite store lives on a small tmpfs, filled up for --store-down seconds (run 1: right after the
#                   drop; skipped where tmpfs cannot be mounted)
#   sigterm         SIGTERM of every role mid-stream
#   embedded-kill   kill -9 of the embedded `run` (in-memory bus, SQLite)
# Each role runs under a loop that starts it again when it exits, as a process manager (systemd Restart=, compose
# restart:, Kubernetes) would. "Repaired" is when the broker or store is back, or the restarted processes answer ready.
# A run passes when, within --deadline seconds of the repair, every file is in done/ (none failed: every file is a
# valid article, so a failure is a transient fault turned terminal), none is lost or stuck, no delivery row is
# duplicated, no outcome contradicts another, the durable subscriber saw an event for every file, and — for broker and
# store faults — /health/ready said 503 within 10 s (30 s for a full disk, which shows only at the first write). It prints one table row per run, the table, and a final line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
all="watcher-kill worker-kill workers-kill sink-kill broker-kill broker-idle postgres-stop disk-full sigterm embedded-kill"
scenarios=all runs=3 files=1000 workers=2 down=5 store_down=60 deadline=60 reannounce= debug= keep= build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) scenarios=$2; shift 2 ;; --runs) runs=$2; shift 2 ;; --files) files=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;; --down) down=$2; shift 2 ;; --store-down) store_down=$2; shift 2 ;;
    --deadline) deadline=$2; shift 2 ;; --reannounce-after) reannounce=$2; shift 2 ;; --short) runs=1 files=600 store_down=20; shift ;;
    --debug) debug=1; shift ;; --keep) keep=1; shift ;; --no-build) build=; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$scenarios" = all ] && scenarios=$all
scenarios=${scenarios//,/ }
for s in $scenarios; do case " $all " in *" $s "*) ;; *) echo "unknown scenario $s (one of: $all)" >&2; exit 2 ;; esac; done
bin=/usr/lib/rabbitmq/bin
[ -n "$build" ] && dotnet build "$root/src/NewsPipeline" -c Release -nologo -v quiet > /dev/null
exe="$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"
work=$(mktemp -d /tmp/newspipeline-faults-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as the postgres user when we are root
pids=() samplers=() mounts=()
cleanup() {
  stop_samplers
  [ -n "${run:-}" ] && touch "$run/stop"
  for p in "${pids[@]}"; do for c in $(pgrep -P "$p" 2> /dev/null); do kill -TERM "$c" 2> /dev/null || true; done; kill -TERM "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  bash "$root/scripts/rabbitmq.sh" stop "$work/rabbitmq" > /dev/null 2>&1 || true
  bash "$root/scripts/postgres.sh" stop "$work/postgres" > /dev/null 2>&1 || true
  for m in "${mounts[@]}"; do umount "$m" 2> /dev/null || true; done
  if [ -n "$keep" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM # a stopped suite still stops its broker, PostgreSQL and roles, and unmounts its tmpfs

now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$1" | bc)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# AMQP port, the Erlang distribution port (AMQP + 20000) and AMQP + 1 (PostgreSQL) all free, and all below the kernel's
# ephemeral range (32768+), where an outgoing connection's local port could take the distribution port meanwhile.
broker_port() {
  python3 -c 'import random, socket
for _ in range(100):
    p = random.randint(6000, 9000)
    try:
        for q in (p, p + 1, p + 20000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError: pass'
}
log() { echo "  $*" >&2; }

# --- broker: scripts/rabbitmq.sh names the node after its folder, so `start` on the same folder is the same node with
# the same mnesia data (durable queues and persistent messages come back).
broker=$work/rabbitmq
mkdir -p "$broker"
node="np$(echo "$(cd "$broker" && pwd)" | cksum | cut -d' ' -f1)@localhost"
ctl() { HOME=$broker "$bin/rabbitmqctl" -n "$node" "$@"; }
broker_start() { bash "$root/scripts/rabbitmq.sh" start "$broker" "$rport"; }
# The server's VM, not a rabbitmqctl VM (those run with the same -home): only the server boots the rabbit application.
broker_beam() { pgrep -f "beam.smp.* -home $broker .*-s rabbit boot" | head -1; }
broker_kill9() { # kill -9 of the node's Erlang VM, then wait until it is gone and its port refuses connections
  local p; p=$(broker_beam)
  [ -n "$p" ] || { echo "no beam.smp for $broker" >&2; return 1; }
  kill -9 "$p"
  for _ in $(seq 1 100); do
    if ! kill -0 "$p" 2> /dev/null && ! (exec 3<> "/dev/tcp/127.0.0.1/$rport") 2> /dev/null; then echo "$p"; return 0; fi
    sleep 0.1
  done
  echo "beam.smp $p still alive or port $rport still open after kill -9" >&2; return 1
}
# The roles' queues (not _error/_skipped, not a temporary vm_ queue): name=messages/consumers.
queues() { ctl list_queues -q --no-table-headers -p "$vhost" name messages consumers 2> /dev/null | awk '$1 !~ /_error$|_skipped$|^vm_/ { printf "%s=%s/%sc ", $1, $2, $3 }'; }
error_messages() { ctl list_queues -q --no-table-headers -p "$vhost" name messages 2> /dev/null | awk '$1 ~ /_error$/ { n += $2 } END { print n + 0 }'; }

# --- the store: SQLite in the run's folder (or on its tmpfs), or a database of its own on the suite's PostgreSQL
pg=$work/postgres
pg_started=
pg_connection() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Timeout=3;CommandTimeout=10"; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
psql_run() { "$pg_bin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -At "$@"; }
delivered_files() { # the file names the store holds a delivery for, one per row (duplicates kept: they are counted)
  if [ "$store" = postgres ]; then psql_run -d "$database" -c 'SELECT file_name FROM deliveries'
  else sqlite3 "$db" 'SELECT file_name FROM deliveries'; fi
}
article_rows() {
  if [ "$store" = postgres ]; then psql_run -d "$database" -c 'SELECT COUNT(*) FROM articles'
  else sqlite3 "$db" 'SELECT COUNT(*) FROM articles'; fi
}

# --- the pipeline
count() { { find "$@" -type f ! -name '*.error.json' ! -name '.*' 2> /dev/null || true; } | wc -l; }
outcomes() { echo $(($(count "$run/done") + $(count "$run/failed"))); }
health() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1/health/ready" 2> /dev/null || echo 000; }
role_env() { # the settings every process of a run shares
  echo Watcher__Inbox="$run/inbox" Watcher__Processing="$run/processing" Watcher__Done="$run/done" Watcher__Failed="$run/failed" \
    Serilog__MinimumLevel__Default=Information ${debug:+Serilog__MinimumLevel__Override__MassTransit=Debug} \
    ${reannounce:+Watcher__ReannounceAfter=$reannounce}
  if [ "$store" = postgres ]; then echo Store__Provider=Postgres "Store__PostgresConnectionString=$(pg_connection "$database")"
  else echo Store__SqlitePath="$db"; fi
  [ "$shape" = roles ] && echo Bus__Transport=RabbitMq Bus__RabbitMq__Host=127.0.0.1 Bus__RabbitMq__Port="$rport" Bus__RabbitMq__VirtualHost="$vhost"
  return 0
}
# A role under its loop; $run/restarts counts every exit. `stop_roles` ends the loops and then the processes they run.
start_role() { # name role|embedded
  local port args; port=$(free_port); args=(run); [ "$2" = embedded ] || args+=(--role "$2")
  local -a settings; mapfile -t settings < <(role_env | tr ' ' '\n' | grep -v '^$')
  ( while [ ! -f "$run/stop" ]; do
      env "${settings[@]}" dotnet "$exe" "${args[@]}" --http "http://127.0.0.1:$port" >> "$run/$1.log" 2>&1 && code=0 || code=$?
      [ -f "$run/stop" ] && break
      echo "$(now) $1 exited with $code; restarting" >> "$run/restarts"
      sleep 0.5
    done ) 2>> "$run/loops.log" &
  pids+=($!); names+=("$1"); urls+=("http://127.0.0.1:$port"); loops+=($!)
}
role_pid() { { pgrep -P "${loops[$1]}" 2> /dev/null || true; } | head -1; } # the process the loop of role index $1 runs now
role_index() { local k; for k in "${!names[@]}"; do if [ "${names[$k]}" = "$1" ]; then echo "$k"; fi; done; }
signal_roles() { # signal name…: sends the signal to those roles' current processes
  local sig=$1 n k p; shift
  for n in "$@"; do
    k=$(role_index "$n"); p=$(role_pid "$k")
    [ -n "$p" ] || { echo "no process for $n" >&2; return 1; }
    kill "-$sig" "$p"; echo "$p" > "$run/replaced-$n"
  done
}
wait_replaced() { # name…: until each role runs a new process that answers ready; then sets repaired_at
  local n k p limit; limit=$(echo "$(now) + 120" | bc)
  for n in "$@"; do
    k=$(role_index "$n")
    while :; do
      p=$(role_pid "$k")
      [ -n "$p" ] && [ "$p" != "$(cat "$run/replaced-$n")" ] && [ "$(health "${urls[$k]}")" = 200 ] && break
      [ "$(echo "$(now) < $limit" | bc)" = 1 ] || { echo "$n was not ready again within 120 s" >&2; return 1; }
      sleep 0.1
    done
  done
  repaired_at=$(now)
}
stop_roles() {
  touch "$run/stop"
  local p c
  for p in "${pids[@]}"; do
    c=$(pgrep -P "$p" 2> /dev/null || true)
    if [ -n "$c" ]; then kill -TERM $c 2> /dev/null || true; else kill -TERM "$p" 2> /dev/null || true; fi
  done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
  pids=()
}
wait_ready() { # url: until it answers 200, for up to 3 minutes (a loaded machine starts .NET and RabbitMQ slowly)
  local limit; limit=$(echo "$(now) + 180" | bc)
  while [ "$(echo "$(now) < $limit" | bc)" = 1 ]; do [ "$(health "$1")" = 200 ] && return 0; sleep 0.2; done
  echo "not ready within 180 s: $1 ($(curl -s -m 5 "$1/health/ready" || true))" >&2; return 1
}
# A durable subscriber, as the README tells subscribers to be: it must see every file's event across broker restarts.
start_tail() {
  local -a settings; mapfile -t settings < <(role_env | tr ' ' '\n' | grep '^Bus__')
  ( while [ ! -f "$run/stop" ]; do
      env "${settings[@]}" Serilog__MinimumLevel__Default=Warning dotnet "$exe" tail --from rabbitmq --queue "faults-tail" >> "$run/events.jsonl" 2>> "$run/tail.log" || true
      [ -f "$run/stop" ] && break
      sleep 0.5
    done ) 2>> "$run/loops.log" &
  pids+=($!)
  # Until the subscriber's queue is bound and consumed: a fault that comes sooner would make it miss events for good.
  local limit; limit=$(echo "$(now) + 60" | bc)
  until queues | grep -q 'faults-tail=[0-9]*/1c' || [ "$(echo "$(now) > $limit" | bc)" = 1 ]; do sleep 0.2; done
}
generate() { # dir n first: n distinct small articles, different enough that none is a near-duplicate of another
  python3 - "$1" "$2" "$3" <<'PY'
import os, random, sys
out, n, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out)
rng = random.Random(42 + first)
words = [w.strip() for w in open("/usr/share/dict/words")] if os.path.exists("/usr/share/dict/words") else []
if len(words) < 5000:
    syll = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "fu", "gi", "ha", "ju", "be", "co", "la", "mo", "ri"]
    words = sorted({"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(20000)})
for i in range(first, first + n):
    title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
    paras = [" ".join(rng.choice(words) for _ in range(rng.randint(40, 70))).capitalize() + "." for _ in range(3)]
    with open(os.path.join(out, f"article-{i:05d}.txt"), "w") as f:
        f.write(f"{title} (story {i})\n\n" + "\n\n".join(paras) + "\n")
PY
}

# One sampler per role writes "time name code" into $run/health every 0.25 s (a hung role never delays another's
# sample); one more writes "time outcomes queues" into $run/progress and prints it every 3 s.
start_samplers() {
  local k
  for k in "${!urls[@]}"; do
    ( set +e; while :; do echo "$(now) ${names[$k]} $(health "${urls[$k]}")" >> "$run/health"; sleep 0.25; done ) &
    samplers+=($!)
  done
  ( set +e; i=0
    while :; do
      q=$([ "$shape" = roles ] && queues); t=$(now)
      echo "$t $(outcomes) $q" >> "$run/progress"
      [ $((i % 6)) -eq 0 ] && log "$(secs "$t - $t0")s done+failed=$(outcomes) in=$(count "$run/inbox" "$run/processing") | $(tail -"${#urls[@]}" "$run/health" 2> /dev/null | awk '{ printf "%s=%s ", $2, $3 }')| $q"
      i=$((i + 1)); sleep 0.5
    done ) &
  samplers+=($!)
}
stop_samplers() { for s in "${samplers[@]}"; do kill "$s" 2> /dev/null || true; done; for s in "${samplers[@]}"; do wait "$s" 2> /dev/null || true; done; samplers=(); }

# The files go into the inbox a twentieth at a time, 0.1 s apart (run in the background): with batched hops a quiet
# machine took all 600 files between two polls of the outcome count, so a fault meant for "10% done" came after the last.
drop_paced() { # staged-dir inbox-dir
  local names i=0 s chunk
  mapfile -t names < <(ls "$1")
  chunk=$(((${#names[@]} + 19) / 20))
  for ((s = 0; s < ${#names[@]}; s += chunk)); do
    mkdir "$1.c$i"
    (cd "$1" && mv -- "${names[@]:s:chunk}" "$1.c$i/")
    mv "$1.c$i" "$2/c$i"
    i=$((i + 1)); sleep 0.1
  done
  rmdir "$1"
}

wait_outcomes() { while [ "$(outcomes)" -lt "$1" ]; do sleep 0.05; done; }
# The fault's moment: N outcomes, or every file dropped and claimed with outcomes still to come, whichever is first.
# Outcomes come back a sink batch at a time (up to hundreds of files), so "N done" alone could be the end of the run.
wait_moment() {
  while [ "$(outcomes)" -lt "$1" ]; do
    [ ! -d "$run/staged" ] && [ "$(count "$run/inbox")" = 0 ] && [ "$(outcomes)" -lt "$total" ] && return
    sleep 0.05
  done
}
# Until every file has an outcome or the deadline after the repair passes; sets drained_at (epoch seconds) or leaves it empty.
wait_drained() {
  local limit; limit=$(echo "$repaired_at + $deadline" | bc)
  drained_at=
  while [ "$(echo "$(now) < $limit" | bc)" = 1 ]; do
    if [ "$(outcomes)" -ge "$total" ]; then drained_at=$(now); return 0; fi
    sleep 0.2
  done
}

# --- scenarios: each waits for its moment, injects the fault, repairs it, and sets fault_at, repaired_at and ready_of
# (the roles whose /health/ready must say 503 within 10 s of the fault; empty when a role is simply gone).
mark_fault() { fault_at=$(now); fault_done=$(outcomes); }
kill_roles() { # name…
  wait_moment "$kill_at"; mark_fault
  signal_roles KILL "$@"; log "kill -9 of $* with $(outcomes)/$total done"
  wait_replaced "$@"
}
scenario_watcher_kill() { kill_roles watcher; }
scenario_worker_kill() { kill_roles worker1; }
scenario_workers_kill() { kill_roles $(for w in $(seq 1 "$workers"); do echo "worker$w"; done); }
scenario_sink_kill() { kill_roles sink; }
scenario_embedded_kill() { kill_roles pipeline; }
scenario_sigterm() {
  wait_moment "$kill_at"; mark_fault
  signal_roles TERM "${names[@]}"; log "SIGTERM to every role with $(outcomes)/$total done"
  wait_replaced "${names[@]}"
}
broker_outage() {
  mark_fault; local at=$fault_done
  local beam; beam=$(broker_kill9)
  log "killed the broker (beam.smp $beam, SIGKILL) with $at/$total done, $(count "$run/inbox" "$run/processing") in flight"
  sleep "$down" # the outage's length, not a wait for something
  broker_start
  repaired_at=$(now); ready_of="${names[*]}"
  log "broker back after $(secs "$repaired_at - $fault_at")s: $(queues)"
}
scenario_broker_kill() { wait_moment "$kill_at"; broker_outage; }
scenario_broker_idle() {
  wait_outcomes "$total"
  broker_outage
  generate "$run/staged2" "$((files / 5))" "$files"
  total=$((total + files / 5))
  mv "$run/staged2" "$run/inbox/after"
  log "dropped $((files / 5)) more files"
}
scenario_postgres_stop() {
  wait_moment "$kill_at"; mark_fault
  bash "$root/scripts/postgres.sh" stop "$pg"
  log "stopped PostgreSQL with $(outcomes)/$total done for ${store_down}s"
  sleep "$store_down"
  bash "$root/scripts/postgres.sh" resume "$pg"
  repaired_at=$(now); ready_of=sink
  log "PostgreSQL back: $(outcomes)/$total done"
}
scenario_disk_full() {
  wait_moment "$kill_at"; mark_fault
  dd if=/dev/zero of="$run/store/filler" bs=64k 2> /dev/null || true # until the file system is full
  log "filled the store's file system ($(df -h --output=avail "$run/store" | tail -1 | tr -d ' ') left) with $(outcomes)/$total done for ${store_down}s"
  sleep "$store_down"
  rm -f "$run/store/filler"
  repaired_at=$(now); ready_of=sink
  log "space again: $(outcomes)/$total done"
}

# Counts one run from what it left behind (folders, store, subscriber, samples) and prints its table row as JSON.
analyse() {
  delivered_files > "$run/delivered.txt" 2> "$run/delivered.err" || echo "?" > "$run/delivered.txt"
  python3 - "$run" "$total" "$fault_at" "$repaired_at" "${drained_at:-}" "$ready_of" "$(error_messages)" "$(article_rows 2> /dev/null || echo '?')" "$shape" <<'PY'
import json, os, sys
run, total, fault_at, repaired_at, drained_at, ready_of, errors, articles, shape = sys.argv[1:]
total, fault_at, repaired_at = int(total), float(fault_at), float(repaired_at)
def files(sub):
    base = os.path.join(run, sub)
    return {os.path.relpath(os.path.join(d, f), base) for d, _, fs in os.walk(base) for f in fs
            if not f.endswith(".error.json") and not f.startswith(".")}
done, failed, left = files("done"), files("failed"), files("inbox") | files("processing")
rows = [l for l in open(os.path.join(run, "delivered.txt")).read().split("\n") if l]
stored = set(rows)
contradictions = len(failed & stored) + len(done - stored)
events, kinds = 0, {}
path = os.path.join(run, "events.jsonl")
for line in (open(path) if os.path.exists(path) else []):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    events += 1
    kinds.setdefault((e.get("fileName"), e.get("claimId")), []).append(e.get("event"))
by_file = {}
for (name, _), k in kinds.items():
    by_file.setdefault(name, set()).update(k)
contradictions += sum(1 for k in by_file.values() if len(k) > 1)
health = [l.split() for l in open(os.path.join(run, "health"))]
to503 = []
for role in ready_of.split():
    first = next((float(t) - fault_at for t, n, c in health if n == role and float(t) >= fault_at and c != "200"), None)
    to503.append(first)
restarts = {}
for l in (open(os.path.join(run, "restarts")) if os.path.exists(os.path.join(run, "restarts")) else []):
    restarts[l.split()[1]] = restarts.get(l.split()[1], 0) + 1
print(json.dumps({
    "in": total, "done": len(done), "failed": len(failed), "stuck": len(left), "lost": total - len(done) - len(failed) - len(left),
    "rows": len(rows), "articles": articles, "dupRows": len(rows) - len(stored), "contradictions": contradictions,
    "events": events if shape == "roles" else None, "dupEvents": events - len(kinds) if shape == "roles" else None,
    "withoutEvent": len((done | failed) - set(by_file)) if shape == "roles" else None,
    "errorQueue": int(errors) if shape == "roles" else None,
    "drain": round(float(drained_at) - repaired_at, 1) if drained_at else None,
    "to503": None if not ready_of else (None if None in to503 else round(max(to503), 1)),
    "restarts": " ".join(f"{k}×{v}" for k, v in sorted(restarts.items())) or "none",
}))
PY
}
row_of() { # scenario run moment json → a markdown row, and the verdict in $verdict
  python3 - "$@" <<'PY'
import json, sys
scenario, r, moment, data, deadline = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
d = data
def show(v, unit=""): return "–" if v is None else f"{v}{unit}"
bad = []
if d["lost"]: bad.append("lost")
if d["stuck"] or d["drain"] is None: bad.append(f"stuck {deadline} s after the repair")
if d["failed"]: bad.append("failed")
if d["dupRows"]: bad.append("duplicate rows")
if d["contradictions"]: bad.append("contradictions")
if d["withoutEvent"]: bad.append("events missed")
if d["to503"] is None and moment.startswith("!"): bad.append("never 503")
needs503 = moment.startswith("!")
# A full disk shows only once a write fails, and in run 1 the first write must first travel the whole pipeline (files
# stable, announced, a worker batch analysed) from the drop: on a loaded machine that alone took 12 s.
limit = 30 if scenario == "disk-full" else 10
if needs503 and d["to503"] is not None and d["to503"] > limit: bad.append(f"503 later than {limit} s")
cells = [scenario, r, moment.lstrip("!"), d["in"], d["done"], d["failed"], d["stuck"], d["lost"], f'{d["rows"]}/{d["articles"]}',
         d["dupRows"], d["contradictions"], show(d["events"]), show(d["dupEvents"]), show(d["withoutEvent"]), show(d["errorQueue"]),
         show(d["drain"]), show(d["to503"]) if needs503 else "–", d["restarts"], "ok" if not bad else "FAIL: " + ", ".join(bad)]
print("| " + " | ".join(str(c) for c in cells) + " |")
PY
}

table=()
rport=$(broker_port); pgport=$((rport + 1))
broker_start
failures=0 skipped=0 n=0
moments=(0.1 0.4 0.7)
for scenario in $scenarios; do
  for r in $(seq 1 "$runs"); do
    n=$((n + 1))
    shape=roles store=sqlite; [ "$scenario" = embedded-kill ] && shape=embedded; [ "$scenario" = postgres-stop ] && store=postgres
    run="$work/run-$n"; mkdir -p "$run/inbox" "$run/done" "$run/failed" "$run/data"
    vhost="faults-$n"; bash "$root/scripts/rabbitmq.sh" vhost "$broker" "$vhost"
    db="$run/data/np.db"
    if [ "$store" = postgres ]; then
      [ -n "$pg_started" ] || { bash "$root/scripts/postgres.sh" start "$pg" "$pgport"; pg_started=1; }
      database="faults_$n"; psql_run -d postgres -c "CREATE DATABASE $database" > /dev/null
    fi
    if [ "$scenario" = disk-full ]; then
      mkdir -p "$run/store"
      if ! mount -t tmpfs -o size=48m tmpfs "$run/store" 2> "$run/mount.err"; then
        log "disk-full skipped: cannot mount a tmpfs here ($(cat "$run/mount.err"))"
        table+=("| $scenario | $r | skipped: cannot mount a tmpfs ($(head -1 "$run/mount.err")) |"); skipped=$((skipped + 1)); continue
      fi
      mounts+=("$run/store"); db="$run/store/np.db"
    fi
    total=$files
    generate "$run/staged" "$files" 0
    names=() urls=() loops=() fault_at= fault_done= repaired_at= ready_of= drained_at=
    kill_at=$(python3 -c "print(max(1, int($files * ${moments[$(((r - 1) % 3))]})))")
    # SQLite keeps writing into WAL space it already has, so a disk filled late may never fail a write on a fast machine;
    # run 1 fills it right after the drop, so its writes fail for certain (and ready must say 503).
    [ "$scenario" = disk-full ] && [ "$r" = 1 ] && kill_at=0
    if [ "$shape" = embedded ]; then start_role pipeline embedded
    else
      start_role sink sink
      for w in $(seq 1 "$workers"); do start_role "worker$w" worker; done
      start_role watcher watcher
    fi
    started=1; for u in "${urls[@]}"; do wait_ready "$u" || started=; done
    if [ -z "$started" ]; then
      failures=$((failures + 1)); keep=1; table+=("| $scenario | $r | FAIL: the roles did not start (logs in $run) |")
      for f in "$run"/*.log; do echo "--- $f" >&2; tail -15 "$f" >&2 || true; done
      stop_roles; continue
    fi
    [ "$shape" = roles ] && start_tail
    : > "$run/health"; : > "$run/progress"
    echo "run $n: $scenario ($r of $runs), $files files, fault at $kill_at done, roles: ${names[*]}" >&2
    t0=$(now)
    drop_paced "$run/staged" "$run/inbox" &
    dropper=$!
    start_samplers
    "scenario_${scenario//-/_}"
    wait "$dropper"
    wait_drained
    # Ready again (and, on RabbitMQ, the subscriber caught up) before counting: events may trail the file moves.
    for u in "${urls[@]}"; do wait_ready "$u" || true; done
    if [ "$shape" = roles ]; then
      limit=$(echo "$(now) + 30" | bc)
      while [ "$(sort -u "$run/events.jsonl" | wc -l)" -lt "$total" ] && [ "$(echo "$(now) < $limit" | bc)" = 1 ]; do sleep 0.2; done
    fi
    stop_samplers
    [ "$shape" = roles ] && log "end: $(queues)"
    json=$(analyse)
    moment="$fault_done/$total done"; [ "$scenario" = broker-idle ] && moment="idle"
    case "$scenario" in broker-*|postgres-stop) moment="!$moment" ;; disk-full) [ "$r" = 1 ] && moment="!$moment" ;; esac
    row=$(row_of "$scenario" "$r" "$moment" "$json" "$deadline")
    table+=("$row"); echo "$row" >&2
    case "$row" in
      *"| ok |") ;;
      *) failures=$((failures + 1)); keep=1
         log "kept $run; the last lines of each log there:"
         for f in "$run"/*.log; do echo "--- $f" >&2; grep -v '^\s*$' "$f" | tail -15 >&2 || true; done ;;
    esac
    stop_roles
    [ "$scenario" = disk-full ] && umount "$run/store" 2> /dev/null || true
  done
done
echo
echo "scripts/faults.sh --scenario ${scenarios// /,} --runs $runs --files $files --workers $workers --down $down --store-down $store_down --deadline $deadline"
echo "| scenario | run | fault at | files | done | failed | stuck | lost | rows (deliveries/articles) | duplicate rows | contradictions | events | duplicate events | files without event | error-queue messages | drain after repair (s) | ready=503 after fault (s) | restarts | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${table[@]}"
echo "$((n - failures - skipped)) runs passed, $failures failed, $skipped skipped"
[ "$failures" -eq 0 ]
