#!/usr/bin/env bash
# No behaviour change: runs `newspipeline process` of a baseline build and of the current build over each dev set,
# each with a fresh store, and diffs the JSON Lines. Prints one line per set (`same`, or the number of differing
# lines) and exits 1 when any set differs.
#
#   bash scripts/compare-process.sh [--baseline DLL] [--current DLL] [--data DIR] [--out DIR] [--reuse-baseline]
#
# --baseline  newspipeline.dll of the build to compare against (default /tmp/baseline-bin/newspipeline.dll)
# --current   the build under test (default src/NewsPipeline/bin/Release/net10.0/newspipeline.dll: build it first)
# --data      the dev data (default ../shared/data beside the checkout)
# --out       where the outputs stay (default a temporary folder, removed afterwards): OUT/baseline/SET.jsonl,
#             OUT/current/SET.jsonl
# --reuse-baseline  take OUT/baseline/SET.jsonl from an earlier run instead of running the baseline again
#
# No field is removed before the diff: two runs of one build give byte-identical output (no timestamps, elapsed
# times or cursors in it; articleId and storyId come from the content, duplicates are decided in path order).
# `process` cannot read .html.gz, so the HTML sets are unpacked into a temporary folder first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
baseline=/tmp/baseline-bin/newspipeline.dll
current="$root/src/NewsPipeline/bin/Release/net10.0/newspipeline.dll"
data="$root/../shared/data"
out=
reuse=
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --current) current="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --reuse-baseline) reuse=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$reuse" ] && [ -z "$out" ] && { echo "--reuse-baseline needs --out (where the baseline outputs are)" >&2; exit 2; }
[ -n "$reuse" ] || [ -f "$baseline" ] || { echo "no baseline build at $baseline" >&2; exit 2; }
[ -f "$current" ] || { echo "no current build at $current (dotnet build -c Release first)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out="$work/out"
mkdir -p "$out/baseline" "$out/current"

# Each set's article files, as its README places them (the gold files beside them are no articles).
sets=(extraction-aeb:html extraction-trafilatura-en:html metadata-dev:html plaintext-aeb:txt reuters:. seed:.)
differ=0
for entry in "${sets[@]}"; do
  name="${entry%%:*}"
  source="$data/$name/${entry#*:}"
  if [ ! -d "$source" ]; then
    echo "$name: absent"
    continue
  fi
  input="$work/input/$name"
  mkdir -p "$input"
  cp -R "$source/." "$input/"
  find "$input" -name '*.html.gz' -exec gunzip -f {} +
  [ -n "$reuse" ] || dotnet "$baseline" process "$input" -o "$out/baseline/$name.jsonl" 2> "$work/$name.baseline.err" \
    || { echo "$name: baseline failed"; cat "$work/$name.baseline.err" >&2; differ=1; continue; }
  dotnet "$current" process "$input" -o "$out/current/$name.jsonl" 2> "$work/$name.current.err" \
    || { echo "$name: current failed"; cat "$work/$name.current.err" >&2; differ=1; continue; }
  # Lines are in ordinal path order in both, so a line-by-line diff pairs each file with itself.
  if cmp -s "$out/baseline/$name.jsonl" "$out/current/$name.jsonl"; then
    echo "$name: same ($(wc -l < "$out/current/$name.jsonl") lines)"
  else
    changes="$(diff "$out/baseline/$name.jsonl" "$out/current/$name.jsonl" || true)"
    removed=$(grep -c '^<' <<< "$changes" || true)
    added=$(grep -c '^>' <<< "$changes" || true)
    echo "$name: $(( removed > added ? removed : added )) differing lines"
    differ=1
  fi
done
exit $differ
