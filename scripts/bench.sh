#!/usr/bin/env bash
# Whole-pipeline throughput over a folder of article files, in three shapes:
#   process   the one-shot command (all stages in-process)
#   run       the embedded pipeline (watcher, worker, sink in one process, in-memory bus, SQLite)
#   rabbitmq  the roles as separate processes on a throw-away RabbitMQ node (1 sink, --workers N, 1 watcher)
# Usage: scripts/bench.sh [--files 5000] [--repeat 3] [--workers 2] [--modes process,run,rabbitmq] [--corpus DIR]
#                        [--metrics on|off|both] [--scrape-every 15] [--scrape FILE]
# --metrics both runs run and rabbitmq with metrics on (every process's /metrics read every --scrape-every seconds
# while draining, as a Prometheus would; 15 s is its default) and off (Metrics:Enabled=false) in turn, each repeat,
# and prints a median for each (which of the two goes first alternates).
# --scrape FILE keeps the last metrics-on run's /metrics (the watcher's, in the rabbitmq mode).
# The default corpus is made from ../shared/data (Reuters stories as .txt, AEB pages as .html and as scraped .txt);
# it is generated into a temp folder and never committed. Prints one line per run and the median per mode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=5000 repeat=3 workers=2 modes=process,run,rabbitmq corpus= metrics=on scrape= every=15
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;; --repeat) repeat=$2; shift 2 ;; --workers) workers=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;; --corpus) corpus=$2; shift 2 ;;
    --metrics) metrics=$2; shift 2 ;; --scrape) scrape=$2; shift 2 ;; --scrape-every) every=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build "$root/src/NewsPipeline" -c Release -nologo -v quiet > /dev/null
exe="$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# Moves the corpus into the inbox at once (a rename) and waits until every file has its outcome.
drain() {
  local dir=$1 start end
  start=$(now)
  mv "$dir/staged" "$dir/inbox/batch"
  while [ "$(find "$dir/done" "$dir/failed" -type f ! -name '*.error.json' 2> /dev/null | wc -l)" -lt "$total" ]; do sleep 0.2; done
  end=$(now)
  echo "$end - $start" | bc
}

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
results=()
for mode in ${modes//,/ }; do
  for r in $(seq 1 "$repeat"); do
  # Which goes first alternates, so that an order effect (the machine's state after the previous run) cancels out.
  order=$variants; [ "$metrics" = both ] && [ $((r % 2)) -eq 0 ] && order="off on"
  for variant in $order; do
    dir="$work/$mode-$r-$variant"
    label=$mode; [ "$metrics" = both ] && [ "$mode" != process ] && label="$mode/metrics-$variant"
    [ "$mode" = process ] && [ "$variant" = off ] && continue # `process` has no metrics
    case "$mode" in
      process)
        start=$(now)
        dotnet "$exe" process "$corpus" --output "$work/out.jsonl" 2> "$work/process.err"
        secs=$(echo "$(now) - $start" | bc)
        ;;
      run)
        prepare "$dir"; port=$(free_port)
        env $(settings "$dir") dotnet "$exe" run --http "http://127.0.0.1:$port" > "$dir.log" 2>&1 & pids+=($!)
        wait_ready "http://127.0.0.1:$port"
        start_scraper "http://127.0.0.1:$port"
        secs=$(drain "$dir")
        stop_scraper
        keep_scrape "http://127.0.0.1:$port"
        kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2> /dev/null || true
        ;;
      rabbitmq)
        if [ ! -f "$work/rabbitmq/server.pid" ]; then
          rport=$(python3 -c 'import random, socket
for _ in range(100):
    p = random.randint(20000, 40000)
    try:
        for q in (p, p + 20000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError: pass')
          bash "$root/scripts/rabbitmq.sh" start "$work/rabbitmq" "$rport"
        fi
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
        cpu_of() { for p in "${first[@]}" $(pgrep -f "beam.smp.*$work/rabbitmq" | head -1); do awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || echo 0; done; }
        cpu_before=($(cpu_of))
        ( while :; do bash "$root/scripts/rabbitmq.sh" queues "$work/rabbitmq" "$vhost" 2> /dev/null; sleep 1; done ) > "$dir-queues.log" & sampler=$!
        start_scraper "${urls[@]}"
        secs=$(drain "$dir")
        stop_scraper
        keep_scrape "${urls[-1]}"
        kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null || true
        # The queue where messages pile up feeds the slowest stage.
        echo "  backlog (peak ready / unacked per queue): $(awk '{ if ($2 > r[$1]) r[$1] = $2; if ($3 > u[$1]) u[$1] = $3 } END { for (q in r) printf "%s %d/%d  ", q, r[q], u[q] }' "$dir-queues.log")"
        # CPU seconds each process spent during the run (user + system), the broker included: where the cores went.
        cpu_after=($(cpu_of)); names=("${roles[@]}" broker); cpu=""; tck=$(getconf CLK_TCK)
        for i in "${!cpu_after[@]}"; do
          cpu+="${names[$i]} $(echo "scale=1; (${cpu_after[$i]} - ${cpu_before[$i]:-0}) / $tck" | bc)s  "
        done
        echo "  cpu during the run: $cpu"
        for p in "${first[@]}"; do kill -TERM "$p" 2> /dev/null || true; done
        wait "${first[@]}" 2> /dev/null || true
        ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    rate=$(echo "scale=1; $total / $secs" | bc)
    echo "$label run $r: $total files in ${secs}s = $rate articles/s"
    results+=("$label $rate")
  done
  done
  for label in $(printf '%s\n' "${results[@]}" | awk '{print $1}' | grep "^$mode\(/\|$\)" | sort -u); do
    median=$(printf '%s\n' "${results[@]}" | awk -v m="$label" '$1 == m {print $2}' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
    echo "== $label: median $median articles/s over $repeat run(s), $total files"
  done
done
