#!/usr/bin/env bash
# Memory of the embedded `run` under a large backlog: --files files are dropped into its inbox at once (one rename of
# a staged folder), and the process's resident memory (VmRSS, and VmHWM, the kernel's peak) is sampled every
# --every seconds until every file has its outcome. Prints a sample line now and then and the peak at the end.
# Usage: scripts/backlog-rss.sh [--files 100000] [--every 1] [--exe path/to/newspipeline.dll] [--keep DIR]
# The files are the bench corpus's kind (Reuters stories as .txt, AEB pages as .html and .txt) from ../shared/data,
# each copy made unique by a last line naming its number, so every file is its own article (most are stored as
# near-duplicates of the first copy, which is what a re-scraped archive looks like).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=100000 every=1 exe= keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;; --every) every=$2; shift 2 ;; --exe) exe=$2; shift 2 ;; --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$exe" ]; then
  dotnet build "$root/src/NewsPipeline" -c Release -nologo -v quiet > /dev/null
  exe="$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"
fi
data="$root/../shared/data"
[ -d "$data" ] || { echo "no ../shared/data" >&2; exit 2; }
work=$(mktemp -d /tmp/newspipeline-backlog-XXXXXX)
pid=
cleanup() {
  [ -z "$pid" ] || { kill -TERM "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; }
  if [ -n "$keep" ]; then mkdir -p "$keep"; cp "$work"/*.log "$work"/rss.tsv "$keep"/ 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$data" "$work/staged" "$files" <<'PY'
import gzip, json, os, sys
data, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
base = []
with gzip.open(os.path.join(data, "reuters", "reuters21578_all.jsonl.gz"), "rt") as f:
    for line in f:
        d = json.loads(line)
        if d.get("text", "").strip():
            base.append((".txt", (d["title"] + "\n\n" + d["text"]).encode()))
        if len(base) >= 4000: break
for name in sorted(os.listdir(os.path.join(data, "extraction-aeb", "html"))):
    with gzip.open(os.path.join(data, "extraction-aeb", "html", name)) as i:
        base.append((".html", i.read()))
for name in sorted(os.listdir(os.path.join(data, "plaintext-aeb", "txt"))):
    with open(os.path.join(data, "plaintext-aeb", "txt", name), "rb") as i:
        base.append((".txt", i.read()))
for k in range(n):
    ext, body = base[k % len(base)]
    tail = f"\n<p>Archive copy {k}.</p>\n" if ext == ".html" else f"\n\nArchive copy {k}.\n"
    with open(os.path.join(out, f"backlog-{k:07d}{ext}"), "wb") as o:
        o.write(body + tail.encode())
PY
mkdir -p "$work/inbox" "$work/done" "$work/failed"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env Watcher__Inbox="$work/inbox" Watcher__Processing="$work/processing" Watcher__Done="$work/done" Watcher__Failed="$work/failed" \
  Store__SqlitePath="$work/data/np.db" Serilog__MinimumLevel__Default=Warning \
  dotnet "$exe" run --http "http://127.0.0.1:$port" > "$work/run.log" 2>&1 & pid=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "run did not become ready" >&2; cat "$work/run.log" >&2; exit 1; }

kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }
outcomes() { echo $(( $(ls -f "$work/done/backlog" 2> /dev/null | wc -l) + $(find "$work/failed" -type f ! -name '*.error.json' | wc -l) - 2 )); }
idle=$(kb VmRSS)
echo "backlog: $files files; run (pid $pid) idle at $((idle / 1024)) MB RSS" >&2
start=$(date +%s.%N)
mv "$work/staged" "$work/inbox/backlog" # one rename: the whole backlog appears at once
printf 'seconds\toutcomes\trss_mb\n' > "$work/rss.tsv"
last=-1
while :; do
  kill -0 "$pid" 2> /dev/null || { echo "run exited" >&2; tail -20 "$work/run.log" >&2; exit 1; }
  t=$(echo "$(date +%s.%N) - $start" | bc); n=$(outcomes); rss=$(kb VmRSS)
  printf '%.0f\t%d\t%d\n' "$t" "$n" "$((rss / 1024))" >> "$work/rss.tsv"
  [ "$n" -ge "$files" ] && break
  [ "$n" = "$last" ] && [ "$(echo "$t > 60" | bc)" = 1 ] && stuck=$((${stuck:-0} + 1)) || stuck=0
  [ "${stuck:-0}" -gt $((600 / every)) ] && { echo "no progress for 10 minutes at $n outcomes" >&2; exit 1; }
  last=$n
  sleep "$every"
done
secs=$(echo "$(date +%s.%N) - $start" | bc)
peak=$(kb VmHWM)
# About ten samples spread over the drain: flat means the last ones are no higher than the middle ones.
lines=$(($(wc -l < "$work/rss.tsv") - 1)); step=$(( (lines + 9) / 10 ))
echo "samples (seconds, outcomes, RSS MB):"
awk -v s="$step" 'NR > 1 && ((NR - 2) % s == 0) { printf "  %4ds  %7d  %5d MB\n", $1, $2, $3 } END { printf "  %4ds  %7d  %5d MB (last)\n", $1, $2, $3 }' "$work/rss.tsv"
echo "== backlog $files files drained in ${secs}s ($(echo "scale=1; $files / $secs" | bc) articles/s); peak RSS $((peak / 1024)) MB (VmHWM), idle $((idle / 1024)) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
