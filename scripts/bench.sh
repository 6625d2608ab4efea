#!/usr/bin/env bash
# Whole-pipeline throughput over a folder of article files, in three shapes:
#   process   the one-shot command (all stages in-process)
#   run       the embedded pipeline (watcher, worker, sink in one process, in-memory bus, SQLite)
#   rabbitmq  the roles as separate processes on a throw-away RabbitMQ node (1 sink, --workers N, 1 watcher)
# Usage: scripts/bench.sh [--files 5000] [--repeat 3] [--workers 2] [--modes process,run,rabbitmq] [--corpus DIR]
#                        [--metrics on|off|both] [--scrape-every 15] [--scrape FILE] [--paced RATE] [--exe DLL]
#                        [--no-ceilings] [--short] [--cold]
# First, in the same run, the ceilings: what MassTransit itself carries here (bench/NewsPipeline.TransportCeiling):
# in-memory, 4 chained trivial consumers, 2 KB messages (for `run`), and RabbitMQ, one durable hop with publisher
# confirms, 2 KB (for `rabbitmq`), each measured --repeat times (median); and what the analyse stages alone carry on
# the corpus, on all cores, files in memory (bench/NewsPipeline.Benchmarks `stages`, for `process`). The transport
# ceilings and the stages are measured after a warm-up round, and so are `run` and `rabbitmq`: their processes first
# drain a warm-up set (400 other Reuters stories and 60 metadata-dev pages, never in the corpus) so that the figure is
# the pipeline's steady state, not its JIT; --cold skips that. `process` is timed whole, start-up included. Then per shape: articles/s (median), its
# ratio to its ceiling, CPU ms per article of each process (/proc/PID/stat utime + stime over the drain; `process`:
# the whole command; the broker's beam.smp too), each process's peak RSS (VmHWM) and the file -> event latency
# p50/p95/p99: each stored delivery's processed_at (the time its ArticleProcessed event was made, from the store)
# against the time its file was dropped. All files are dropped at once by default, so that latency is mostly the
# backlog's wait; --paced RATE drops them one at a time at RATE files/s instead (latency at a given load).
# --short: 500 files, one repeat, small ceilings (a quick check that everything runs). --exe: another build's
# newspipeline.dll (a baseline in the same session).
# --metrics both runs run and rabbitmq with metrics on (every process's /metrics read every --scrape-every seconds
# while draining, as a Prometheus would; 15 s is its default) and off (Metrics:Enabled=false) in turn, each repeat,
# and prints a median for each (which of the two goes first alternates).
# --scrape FILE keeps the last metrics-on run's /metrics (the watcher's, in the rabbitmq mode).
# The default corpus is made from ../shared/data (Reuters stories as .txt, AEB pages as .html and as scraped .txt);
# it is generated into a temp folder and never committed. Prints one line per run and the median per mode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=5000 repeat=3 workers=2 modes=process,run,rabbitmq corpus= metrics=on scrape= every=15 paced=0 exe= ceilings=1 short= cold=
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;; --repeat) repeat=$2; shift 2 ;; --workers) workers=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;; --corpus) corpus=$2; shift 2 ;;
    --metrics) metrics=$2; shift 2 ;; --scrape) scrape=$2; shift 2 ;; --scrape-every) every=$2; shift 2 ;;
    --paced) paced=$2; shift 2 ;; --exe) exe=$2; shift 2 ;; --no-ceilings) ceilings=; shift ;;
    --short) short=1 files=500 repeat=1; shift ;;
    --cold) cold=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -n "$exe" ] || dotnet build "$root/src/NewsPipeline" -c Release -nologo -v quiet > /dev/null
exe=${exe:-"$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"}
ceiling_exe="$root/bench/NewsPipeline.TransportCeiling/bin/Release/net10.0/NewsPipeline.TransportCeiling.dll"
stages_exe="$root/bench/NewsPipeline.Benchmarks/bin/Release/net10.0/NewsPipeline.Benchmarks.dll"
[ -z "$ceilings" ] || dotnet build "$root/bench/NewsPipeline.TransportCeiling" -c Release -nologo -v quiet > /dev/null
[ -z "$ceilings" ] || dotnet build "$root/bench/NewsPipeline.Benchmarks" -c Release -nologo -v quiet > /dev/null
work=$(mktemp -d /tmp/newspipeline-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  bash "$root/scripts/rabbitmq.sh" stop "$work/rabbitmq" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$corpus" ]; then
  corpus="$work/corpus"
  data="$root/../shared/data"
  [ -d "$data" ] || { echo "no ../shared/data: pass --corpus DIR" >&2; exit 2; }
  python3 - "$data" "$corpus" "$files" <<'PY'
import gzip, json, os, shutil, sys
data, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
written = 0
aeb = sorted(os.listdir(os.path.join(data, "extraction-aeb", "html")))
txt = sorted(os.listdir(os.path.join(data, "plaintext-aeb", "txt")))
extra = len(aeb) + len(txt)
with gzip.open(os.path.join(data, "reuters", "reuters21578_all.jsonl.gz"), "rt") as f:
    for line in f:
        if written >= n - extra: break
        d = json.loads(line)
        if not d.get("text", "").strip(): continue
        with open(os.path.join(out, f"reuters-{d['newid']:05d}.txt"), "w") as o:
            o.write(d["title"] + "\n\n" + d["text"])
        written += 1
for name in aeb:
    if written >= n: break
    with gzip.open(os.path.join(data, "extraction-aeb", "html", name)) as i, open(os.path.join(out, "aeb-" + name[:-3]), "wb") as o:
        shutil.copyfileobj(i, o)
    written += 1
for name in txt:
    if written >= n: break
    shutil.copy(os.path.join(data, "plaintext-aeb", "txt", name), os.path.join(out, "plain-" + name))
    written += 1
PY
fi
total=$(find "$corpus" -type f | wc -l)
echo "corpus: $total files in $corpus" >&2
# The warm-up set: Reuters stories from the end of the collection (the corpus takes its stories from the start) and
# metadata-dev pages (the corpus's pages are AEB's).
warm="$work/warm" warmed=0
if [ -z "$cold" ] && [ -d "$root/../shared/data" ]; then
  python3 - "$root/../shared/data" "$warm" <<'PY'
import gzip, json, os, sys
data, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
with gzip.open(os.path.join(data, "reuters", "reuters21578_all.jsonl.gz"), "rt") as f:
    stories = [d for d in map(json.loads, f) if d.get("text", "").strip()][-400:]
for d in stories:
    with open(os.path.join(out, f"reuters-{d['newid']:05d}.txt"), "w") as o:
        o.write(d["title"] + "\n\n" + d["text"])
pages = sorted(os.listdir(os.path.join(data, "metadata-dev", "html")))[:60]
for name in pages:
    with gzip.open(os.path.join(data, "metadata-dev", "html", name)) as i, open(os.path.join(out, name[:-3]), "wb") as o:
        o.write(i.read())
PY
  echo "warm-up set: $(find "$warm" -type f | wc -l) files, drained by run and rabbitmq before each measured drain" >&2
elif [ -z "$cold" ]; then
  echo "no ../shared/data for a warm-up set: run and rabbitmq are measured cold" >&2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

outcomes() { find "$1/done" "$1/failed" -type f ! -name '*.error.json' 2> /dev/null | wc -l; }

# Drains the warm-up set through the pipeline working in $1 (its processes started and ready), when there is one,
# then reads each of the processes' /metrics (the URLs after $1) once: the first read of a process that has data
# compiles the exporter's collection path (about 0.2-0.3 s of CPU each), which a Prometheus that scrapes all the time
# paid long ago, so it belongs to the warm-up, not to the measured drain.
warm_up() {
  warmed=0
  [ -d "$warm" ] || return 0
  cp -r "$warm" "$1/warm-staged" && mv "$1/warm-staged" "$1/inbox/warm"
  warmed=$(find "$warm" -type f | wc -l)
  local deadline=$((SECONDS + 600))
  while [ "$(outcomes "$1")" -lt "$warmed" ]; do
    [ $SECONDS -lt $deadline ] || { echo "the warm-up set did not drain in 600 s: $(outcomes "$1") of $warmed outcomes" >&2; return 1; }
    sleep 0.2
  done
  [ "$variant" = off ] && return 0
  local url; for url in "${@:2}"; do curl -fs "$url/metrics" > /dev/null 2>&1 || true; done
}

# Moves the corpus into the inbox (at once, a rename; or one file at a time at --paced files/s) and waits until every
# file has its outcome. Each file's drop time goes to $dir.drops (one "name<TAB>epoch seconds" line, or "*" for all).
drain() {
  local dir=$1 start end
  start=$(now)
  if [ "$paced" = 0 ]; then
    mv "$dir/staged" "$dir/inbox/batch"
    printf '*\t%s\n' "$start" > "$dir.drops"
  else
    mkdir -p "$dir/inbox/batch"
    python3 - "$dir/staged" "$dir/inbox/batch" "$paced" "$dir.drops" <<'PY' &
import os, sys, time
src, dst, rate, log = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
names = sorted(os.listdir(src))
t0 = time.time()
with open(log, "w") as out:
    for i, name in enumerate(names):
        delay = t0 + i / rate - time.time()
        if delay > 0: time.sleep(delay)
        os.rename(os.path.join(src, name), os.path.join(dst, name))
        out.write(f"batch/{name}\t{time.time():.6f}\n")
PY
  fi
  while [ "$(outcomes "$dir")" -lt "$((total + warmed))" ]; do sleep 0.2; done
  end=$(now)
  wait 2> /dev/null || true
  echo "$end - $start" | bc
}

# File -> event latency p50/p95/p99 in seconds: each delivery's processed_at (and each rejection's rejected_at) in the
# store, against its file's drop time.
latency() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
from datetime import datetime
db, drops = sys.argv[1], sys.argv[2]
dropped = dict(line.rstrip("\n").split("\t") for line in open(drops))
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = c.execute("SELECT file_name, processed_at FROM deliveries").fetchall()
rows += c.execute("SELECT file_name, rejected_at FROM events WHERE rejected_at IS NOT NULL").fetchall()
# Only the corpus's files (batch/…): the warm-up set's are not timed.
lat = sorted(datetime.fromisoformat(t).timestamp() - float(dropped.get(f, dropped.get("*", "nan"))) for f, t in rows if f.startswith("batch/"))
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
print(f"{pick(0.5):.3f} {pick(0.95):.3f} {pick(0.99):.3f}")
PY
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2> /dev/null || echo 0; }
hwm_mb() { awk '$1 == "VmHWM:" { printf "%d", $2 / 1024 }' "/proc/$1/status" 2> /dev/null || echo 0; }
tck=$(getconf CLK_TCK)
ms_per_article() { echo "scale=3; ($2 - $1) * 1000 / $tck / $total" | bc; } # ticks before, after
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

broker_up() {
  [ -f "$work/rabbitmq/server.pid" ] && return 0
  rport=$(python3 -c 'import random, socket
for _ in range(100):
    p = random.randint(20000, 40000)
    try:
        for q in (p, p + 20000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError: pass')
  bash "$root/scripts/rabbitmq.sh" start "$work/rabbitmq" "$rport"
}
broker_pid() { pgrep -f "beam.smp.*$work/rabbitmq" | head -1; }

wait_ready() {
  for _ in $(seq 1 300); do
    curl -fs "$1/health/ready" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "not ready: $1" >&2; return 1
}

prepare() {
  local dir=$1
  rm -rf "$dir"; mkdir -p "$dir/inbox" "$dir/done" "$dir/failed"
  cp -r "$corpus" "$dir/staged"
}

settings() { # environment for one pipeline process working in $1
  echo "Watcher__Inbox=$1/inbox Watcher__Processing=$1/processing Watcher__Done=$1/done Watcher__Failed=$1/failed Store__SqlitePath=$1/data/np.db Serilog__MinimumLevel__Default=Warning Metrics__Enabled=$([ "$variant" = off ] && echo false || echo true)"
}

# With metrics on, every process's /metrics is read every $every seconds while the corpus drains (once at the start).
start_scraper() {
  scraper=
  [ "$variant" = off ] && return 0
  ( while :; do for u in "$@"; do curl -fs "$u/metrics" > /dev/null 2>&1 || true; done; sleep "$every"; done ) & scraper=$!
}
stop_scraper() { [ -z "$scraper" ] || { kill "$scraper" 2> /dev/null; wait "$scraper" 2> /dev/null || true; }; }
keep_scrape() { [ -n "$scrape" ] && [ "$variant" != off ] && curl -fs "$1/metrics" > "$scrape" || true; }

case "$metrics" in on) variants=on ;; off) variants=off ;; both) variants="on off" ;; *) echo "--metrics on, off or both" >&2; exit 2 ;; esac
# The ceilings, in this run, before the shapes: what the transport alone carries on this machine now.
declare -A ceiling=()
if [ -n "$ceilings" ]; then
  for kind in inmemory rabbitmq; do
    case ",$modes," in *",$([ $kind = inmemory ] && echo run || echo rabbitmq),"*) ;; *) continue ;; esac
    n=$([ $kind = inmemory ] && echo 20000 || echo 10000); [ -n "$short" ] && n=$((n / 10))
    rates=()
    for r in $(seq 1 "$repeat"); do
      if [ $kind = inmemory ]; then
        line=$(dotnet "$ceiling_exe" inmemory --messages "$n") || { echo "the in-memory ceiling failed" >&2; exit 1; }
      else
        broker_up; bash "$root/scripts/rabbitmq.sh" vhost "$work/rabbitmq" "ceiling-$r"
        line=$(dotnet "$ceiling_exe" rabbitmq --port "$rport" --vhost "ceiling-$r" --messages "$n") || { echo "the RabbitMQ ceiling failed" >&2; exit 1; }
      fi
      echo "$line (run $r)"
      rates+=("$(echo "$line" | awk '{ print $3 }')")
    done
    ceiling[$kind]=$(printf '%s\n' "${rates[@]}" | median)
    echo "== ceiling $kind: median ${ceiling[$kind]} items/s over $repeat run(s)"
  done
  case ",$modes," in
    *,process,*)
      # As `process` runs them (tiered compilation off), after one warm-up pass; --repeat passes, median.
      line=$(DOTNET_TieredCompilation=0 dotnet "$stages_exe" stages "$corpus" "$repeat") || { echo "the stages' ceiling failed" >&2; exit 1; }
      echo "$line"
      ceiling[stages]=$(echo "$line" | awk '{ print $2 }')
      echo "== ceiling stages: median ${ceiling[stages]} files/s over $repeat pass(es)" ;;
  esac
fi

results=()
for mode in ${modes//,/ }; do
  for r in $(seq 1 "$repeat"); do
  # Which goes first alternates, so that an order effect (the machine's state after the previous run) cancels out.
  order=$variants; [ "$metrics" = both ] && [ $((r % 2)) -eq 0 ] && order="off on"
  for variant in $order; do
    dir="$work/$mode-$r-$variant"
    label=$mode; [ "$metrics" = both ] && [ "$mode" != process ] && label="$mode/metrics-$variant"
    [ "$mode" = process ] && [ "$variant" = off ] && continue # `process` has no metrics
    warmed=0
    case "$mode" in
      process)
        start=$(now)
        dotnet "$exe" process "$corpus" --output "$work/out.jsonl" --db "$dir.db" 2> "$work/process.err" & p=$!
        # Read while it runs (the numbers are gone once it exits): the last sample before the end is the figure.
        ticks=0 hwm=0
        while kill -0 "$p" 2> /dev/null; do
          t=$(cpu_ticks "$p"); h=$(hwm_mb "$p"); [ "${t:-0}" -gt 0 ] && ticks=$t; [ "${h:-0}" -gt 0 ] && hwm=$h
          sleep 0.05
        done
        wait "$p"
        secs=$(echo "$(now) - $start" | bc)
        detail="cpu ms/article: process $(ms_per_article 0 "$ticks") (at least: sampled every 50 ms)  peak RSS: process ${hwm} MB"
        cpu_total=$(ms_per_article 0 "$ticks") lat="nan nan nan"
        rm -f "$dir.db" "$dir.db-wal" "$dir.db-shm"
        ;;
      run)
        prepare "$dir"; port=$(free_port)
        env $(settings "$dir") dotnet "$exe" run --http "http://127.0.0.1:$port" > "$dir.log" 2>&1 & pids+=($!)
        wait_ready "http://127.0.0.1:$port"
        warm_up "$dir" "http://127.0.0.1:$port"
        start_scraper "http://127.0.0.1:$port"
        before=$(cpu_ticks "${pids[-1]}")
        secs=$(drain "$dir")
        after=$(cpu_ticks "${pids[-1]}")
        stop_scraper
        keep_scrape "http://127.0.0.1:$port"
        cpu_total=$(ms_per_article "$before" "$after")
        detail="cpu ms/article: run $cpu_total  peak RSS: run $(hwm_mb "${pids[-1]}") MB"
        kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2> /dev/null || true
        lat=$(latency "$dir/data/np.db" "$dir.drops")
        ;;
      rabbitmq)
        broker_up
        vhost="bench-$r"; bash "$root/scripts/rabbitmq.sh" vhost "$work/rabbitmq" "$vhost"
        prepare "$dir"
        bus="Bus__Transport=RabbitMq Bus__RabbitMq__Host=127.0.0.1 Bus__RabbitMq__Port=$rport Bus__RabbitMq__VirtualHost=$vhost"
        roles=(sink); for _ in $(seq 1 "$workers"); do roles+=(worker); done; roles+=(watcher)
        first=() urls=()
        for role in "${roles[@]}"; do
          port=$(free_port); urls+=("http://127.0.0.1:$port")
          env $(settings "$dir") $bus dotnet "$exe" run --role "$role" --http "http://127.0.0.1:$port" > "$dir-$role-$port.log" 2>&1 & pids+=($!)
          first+=($!)
          wait_ready "http://127.0.0.1:$port"
        done
        warm_up "$dir" "${urls[@]}"
        cpu_of() { for p in "${first[@]}" $(broker_pid); do cpu_ticks "$p"; done; }
        cpu_before=($(cpu_of))
        ( while :; do bash "$root/scripts/rabbitmq.sh" queues "$work/rabbitmq" "$vhost" 2> /dev/null; sleep 1; done ) > "$dir-queues.log" & sampler=$!
        start_scraper "${urls[@]}"
        secs=$(drain "$dir")
        stop_scraper
        keep_scrape "${urls[-1]}"
        kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null || true
        # The queue where messages pile up feeds the slowest stage.
        echo "  backlog (peak ready / unacked per queue): $(awk '{ if ($2 > r[$1]) r[$1] = $2; if ($3 > u[$1]) u[$1] = $3 } END { for (q in r) printf "%s %d/%d  ", q, r[q], u[q] }' "$dir-queues.log")"
        # CPU each process spent during the drain (user + system), the broker included: where the cores went.
        cpu_after=($(cpu_of)); names=("${roles[@]}" broker); procs=("${first[@]}" "$(broker_pid)")
        cpu="" rss="" sum=0
        for i in "${!cpu_after[@]}"; do
          cpu+="${names[$i]} $(ms_per_article "${cpu_before[$i]:-0}" "${cpu_after[$i]}")  "
          rss+="${names[$i]} $(hwm_mb "${procs[$i]}") MB  "
          sum=$((sum + cpu_after[i] - ${cpu_before[$i]:-0}))
        done
        cpu_total=$(ms_per_article 0 "$sum")
        detail="cpu ms/article: ${cpu}(all $cpu_total)  peak RSS: $rss"
        for p in "${first[@]}"; do kill -TERM "$p" 2> /dev/null || true; done
        wait "${first[@]}" 2> /dev/null || true
        lat=$(latency "$dir/data/np.db" "$dir.drops")
        ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    rate=$(echo "scale=1; $total / $secs" | bc)
    echo "$label run $r: $total files in ${secs}s = $rate articles/s"
    echo "  $detail"
    [ "$lat" = "nan nan nan" ] || echo "  file -> event latency p50/p95/p99: $(echo "$lat" | sed 's/ / s \/ /g') s$([ "$paced" = 0 ] && echo " (all files dropped at once)" || echo " (dropped at $paced files/s)")"
    results+=("$label $rate $cpu_total $lat")
  done
  done
  for label in $(printf '%s\n' "${results[@]}" | awk '{print $1}' | grep "^$mode\(/\|$\)" | sort -u); do
    col() { printf '%s\n' "${results[@]}" | awk -v m="$label" -v c="$1" '$1 == m && $c != "nan" {print $c}' | median; }
    med=$(col 2)
    case "$mode" in run) ref=${ceiling[inmemory]:-} ;; rabbitmq) ref=${ceiling[rabbitmq]:-} ;; process) ref=${ceiling[stages]:-} ;; *) ref= ;; esac
    ratio=; [ -n "$ref" ] && ratio=", $(printf "%.3f" "$(echo "scale=4; $med / $ref" | bc)") of the ceiling ($ref items/s)"
    latency_text=; [ "$mode" != process ] && latency_text=", latency p50/p95/p99 $(col 4) / $(col 5) / $(col 6) s"
    echo "== $label: median $med articles/s over $repeat run(s), $total files$ratio; cpu $(col 3) ms/article (all processes)$latency_text; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
