#!/usr/bin/env bash
# Fault-injection runs against the scaled-out shape: a throw-away RabbitMQ node, the roles as separate processes
# (1 sink, --workers N, 1 watcher; SQLite store in a temp folder), a folder of generated articles in flight, then a fault.
#   scripts/faults.sh [--scenario broker-kill] [--runs 3] [--files 1000] [--workers 2] [--down 5] [--deadline 120]
#                     [--kill-at N] [--debug] [--keep] [--no-build]
# Scenarios (one function each, scenario_<name>; add more below):
#   broker-kill   kill -9 of the broker's Erlang VM once --kill-at files are done (default files/10), restart it with its
#                 data (same node name, same mnesia folder: the durable queues and their messages survive) --down seconds
#                 later, then wait up to --deadline seconds for every file to reach done/ or failed/.
# Every 3 s it prints the file counts, the queue depths (messages, consumers) and each role's /health/ready status; at
# the end one table row per run: files left, done, failed, store rows, duplicate rows, events seen by a `tail`, seconds
# to drain after the restart, seconds until every queue had its consumers again, and whether each role said 503 while
# the broker was down. Exit code 0 only when every run drained without duplicates.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=broker-kill runs=1 files=1000 workers=2 down=5 deadline=120 kill_at= debug= keep= build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) scenario=$2; shift 2 ;; --runs) runs=$2; shift 2 ;; --files) files=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;; --down) down=$2; shift 2 ;; --deadline) deadline=$2; shift 2 ;;
    --kill-at) kill_at=$2; shift 2 ;; --debug) debug=1; shift ;; --keep) keep=1; shift ;; --no-build) build=; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
kill_at=${kill_at:-$((files / 10))}
bin=/usr/lib/rabbitmq/bin
[ -n "$build" ] && dotnet build "$root/src/NewsPipeline" -c Release -nologo -v quiet > /dev/null
exe="$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"
work=$(mktemp -d /tmp/newspipeline-faults-XXXXXX)
pids=() monitor=
cleanup() {
  [ -n "$monitor" ] && kill "$monitor" 2> /dev/null
  [ -n "${run:-}" ] && touch "$run/stop"
  for p in "${pids[@]}"; do for c in $(pgrep -P "$p" 2> /dev/null); do kill -TERM "$c" 2> /dev/null || true; done; kill -TERM "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  bash "$root/scripts/rabbitmq.sh" stop "$work/rabbitmq" > /dev/null 2>&1 || true
  if [ -n "$keep" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$1" | bc)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
broker_port() { # AMQP port and the Erlang distribution port (AMQP + 20000) both free
  python3 -c 'import random, socket
for _ in range(100):
    p = random.randint(20000, 40000)
    try:
        for q in (p, p + 20000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError: pass'
}

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
# The roles' queues (not _error/_skipped, not the `tail`'s temporary vm_ queue): name=messages/consumers.
queues() { ctl list_queues -q --no-table-headers -p "$vhost" name messages consumers 2> /dev/null | awk '$1 !~ /_error$|_skipped$|^vm_/ { printf "%s=%s/%sc ", $1, $2, $3 }'; }

# --- the pipeline
count() { { find "$@" -type f ! -name '*.error.json' ! -name '.*' 2> /dev/null || true; } | wc -l; }
outcomes() { echo $(($(count "$run/done") + $(count "$run/failed"))); }
health() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1/health/ready" 2> /dev/null || echo 000; }
# Each role runs under a small supervisor loop, as a process manager (systemd Restart=, compose restart:, k8s) would
# run it: a role that exits (the watchdog's exit code 4, docs/reliability.md) is started again on the same port;
# $run/restarts counts it. `stop_roles` ends the loops and then the processes they run.
start_role() { # name role
  local port; port=$(free_port)
  ( while [ ! -f "$run/stop" ]; do
      env Watcher__Inbox="$run/inbox" Watcher__Processing="$run/processing" Watcher__Done="$run/done" Watcher__Failed="$run/failed" \
          Store__SqlitePath="$run/data/np.db" Serilog__MinimumLevel__Default=Information \
          ${debug:+Serilog__MinimumLevel__Override__MassTransit=Debug} \
          Bus__Transport=RabbitMq Bus__RabbitMq__Host=127.0.0.1 Bus__RabbitMq__Port="$rport" Bus__RabbitMq__VirtualHost="$vhost" \
          dotnet "$exe" run --role "$2" --http "http://127.0.0.1:$port" >> "$run/$1.log" 2>&1 && code=0 || code=$?
      [ -f "$run/stop" ] && break
      echo "$(date +%s.%N) $1 exited with $code; restarting" >> "$run/restarts"
      sleep 0.5
    done ) &
  pids+=($!); names+=("$1"); urls+=("http://127.0.0.1:$port")
}
stop_roles() { # from index $1 of pids
  touch "$run/stop"
  local p c
  for p in "${pids[@]:$1}"; do
    c=$(pgrep -P "$p" 2> /dev/null || true)
    if [ -n "$c" ]; then kill -TERM $c 2> /dev/null || true; else kill -TERM "$p" 2> /dev/null || true; fi
  done
  for p in "${pids[@]:$1}"; do wait "$p" 2> /dev/null || true; done
}
wait_ready() { for _ in $(seq 1 300); do [ "$(health "$1")" = 200 ] && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }
start_tail() {
  env Bus__Transport=RabbitMq Bus__RabbitMq__Host=127.0.0.1 Bus__RabbitMq__Port="$rport" Bus__RabbitMq__VirtualHost="$vhost" \
      Serilog__MinimumLevel__Default=Warning dotnet "$exe" tail --from rabbitmq > "$run/events.jsonl" 2> "$run/tail.log" &
  pids+=($!)
}
generate() { # n distinct small articles, different enough that none is a near-duplicate of another
  python3 - "$1" "$2" <<'PY'
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
rng = random.Random(42)
words = [w.strip() for w in open("/usr/share/dict/words")] if os.path.exists("/usr/share/dict/words") else []
if len(words) < 5000:
    syll = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "fu", "gi", "ha", "ju", "be", "co", "la", "mo", "ri"]
    words = sorted({"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(20000)})
for i in range(n):
    title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
    paras = [" ".join(rng.choice(words) for _ in range(rng.randint(40, 70))).capitalize() + "." for _ in range(3)]
    with open(os.path.join(out, f"article-{i:05d}.txt"), "w") as f:
        f.write(f"{title} (story {i})\n\n" + "\n\n".join(paras) + "\n")
PY
}

# Samples about every second into $run/samples: time, outcomes, health per role, queues; prints every third sample.
monitor_start() {
  ( set +e; i=0
    while :; do
      t=$(now); codes=""; for k in "${!urls[@]}"; do codes+="${names[$k]}=$(health "${urls[$k]}") "; done
      q=$(queues); all=no; [ -n "$q" ] && ! echo "$q" | grep -q '/0c' && all=yes
      echo "$t $(outcomes) consumers=$all $codes" >> "$run/samples"
      if [ $((i % 3)) -eq 0 ]; then echo "  $(secs "$t - $t0")s done+failed=$(outcomes) in=$(count "$run/inbox" "$run/processing") | $codes| $q" >&2; fi
      i=$((i + 1)); sleep 0.5
    done ) &
  monitor=$!
}
monitor_stop() { kill "$monitor" 2> /dev/null || true; wait "$monitor" 2> /dev/null || true; monitor=; }

# Waits until every file has an outcome or the deadline passes; sets drained_at (epoch seconds) or leaves it empty.
wait_drained() {
  local limit; limit=$(echo "$(now) + $1" | bc)
  drained_at=
  while [ "$(echo "$(now) < $limit" | bc)" = 1 ]; do
    if [ "$(outcomes)" -ge "$total" ]; then drained_at=$(now); return 0; fi
    sleep 0.2
  done
}

# --- scenarios
scenario_broker_kill() {
  while [ "$(outcomes)" -lt "$kill_at" ]; do sleep 0.05; done
  killed_at=$(now); local at; at=$(outcomes)
  local beam; beam=$(broker_kill9)
  echo "  killed the broker (beam.smp $beam, SIGKILL) with $at/$total done, $(count "$run/inbox" "$run/processing") in flight" >&2
  # Down: the roles must notice and say not-ready. Condition-free on purpose: this is the outage's length.
  sleep "$down"
  broker_start
  restarted_at=$(now)
  echo "  broker back after $(secs "$restarted_at - $killed_at")s: $(queues)" >&2
}

rows() {
  local main=$1; shift
  printf '| %s |' "$main"; for c in "$@"; do printf ' %s |' "$c"; done; echo
}

table=()
rport=$(broker_port)
broker_start
failures=0
for r in $(seq 1 "$runs"); do
  vhost="faults-$r"; bash "$root/scripts/rabbitmq.sh" vhost "$broker" "$vhost"
  run="$work/run-$r"; mkdir -p "$run/inbox" "$run/done" "$run/failed"
  generate "$run/staged" "$files"; total=$files
  names=() urls=() first=${#pids[@]}
  start_role sink sink
  for w in $(seq 1 "$workers"); do start_role "worker$w" worker; done
  start_role watcher watcher
  for u in "${urls[@]}"; do wait_ready "$u"; done
  start_tail
  : > "$run/samples"
  echo "run $r: $scenario, $files files, ${#names[@]} roles, broker on 127.0.0.1:$rport (node $node)" >&2
  t0=$(now); killed_at= restarted_at=
  mv "$run/staged" "$run/inbox/batch"
  monitor_start
  "scenario_${scenario//-/_}"
  from=${restarted_at:-$t0}
  wait_drained "$deadline"
  # Drained is not recovered: every role's queue must have its consumers again (the watchdog may still be counting).
  until_limit=$(echo "$from + 60" | bc)
  while ! awk -v b="$from" '$1 >= b && $3 == "consumers=yes" { found = 1 } END { exit !found }' "$run/samples" && [ "$(echo "$(now) < $until_limit" | bc)" = 1 ]; do sleep 1; done
  monitor_stop
  cons=$(queues)
  # Not-ready while down: every role must have answered something other than 200 between the kill and the restart.
  down503=$(awk -v a="${killed_at:-0}" -v b="${restarted_at:-0}" '$1 > a && $1 < b { for (i = 4; i <= NF; i++) { split($i, kv, "="); seen[kv[1]] = 1; if (kv[2] != 200) bad[kv[1]] = 1 } }
    END { for (k in seen) printf "%s:%s ", k, (k in bad) ? "yes" : "NO" }' "$run/samples")
  db="$run/data/np.db"
  deliveries=$(sqlite3 "$db" 'SELECT COUNT(*) FROM deliveries' 2> /dev/null || echo "?")
  dups=$(sqlite3 "$db" 'SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) n FROM deliveries GROUP BY file_name HAVING n > 1)' 2> /dev/null || echo "?")
  articles=$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles' 2> /dev/null || echo "?")
  events=$(sort -u "$run/events.jsonl" | wc -l)
  drain=$([ -n "$drained_at" ] && secs "$drained_at - $from" || echo "not in ${deadline}s")
  left=$(count "$run/inbox" "$run/processing")
  echo "  end: $cons" >&2
  # Seconds from the restart to the first sample where every queue (but _error/_skipped) had a consumer again.
  back=$(awk -v b="$from" '$1 >= b && $3 == "consumers=yes" { printf "%.1f", $1 - b; exit }' "$run/samples")
  restarts=$([ -f "$run/restarts" ] && awk '{ print $2 }' "$run/restarts" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }' || true)
  row=$(rows "$r" "$files" "$left" "$(count "$run/done")" "$(count "$run/failed")" "$articles/$deliveries" "$dups" "$events" "$drain" "${back:-never}" "$down503" "${restarts:-none}" "$cons")
  table+=("$row")
  echo "$row" >&2
  [ -n "$drained_at" ] && [ "$dups" = 0 ] && [ -n "$back" ] || failures=$((failures + 1))
  # Stop this run's roles (they hold the vhost's consumers) before the next.
  stop_roles "$first"
done
echo
echo "scenario $scenario: scripts/faults.sh --scenario $scenario --files $files --workers $workers --down $down --kill-at $kill_at"
echo "| run | files | left in inbox+processing | done | failed | rows (articles/deliveries) | duplicate rows | tail events | drain after restart (s) | all queues consumed again after (s) | not 200 while down | restarts | queues at end (messages/consumers) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${table[@]}"
[ "$failures" -eq 0 ]
