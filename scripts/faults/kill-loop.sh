#!/usr/bin/env bash
# kill -9 at random points of `fralign run`, each followed by a rerun; every rerun must give the
# same sentences/stories/alignments/groups bytes as one uninterrupted run (docs/reliability.md).
#
#   scripts/faults/kill-loop.sh [KILLS=20] [DOCS=300] [WORK=/tmp/fralign-kill-loop]
#
# The corpus is generated (scripts/faults/make-corpus.ts; it uses ../shared/eval's news documents
# when present, else the seeds only). Translation uses the committed tiny model. To keep each
# iteration short, the reference run's translation cache is copied in and cut to a random 85-99%
# of its lines before each killed run, so every run still translates (and can be killed while
# translating), then goes through stories, align and report.
set -euo pipefail
KILLS=${1:-20}
DOCS=${2:-300}
WORK=${3:-/tmp/fralign-kill-loop}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="node $ROOT/bin/fralign.js"
MODEL="$ROOT/test/fixtures/models/tiny-marian"
FILES="sentences.jsonl stories.jsonl alignments.jsonl groups.jsonl"
mkdir -p "$WORK"
CORPUS="$WORK/corpus.jsonl"
[ -f "$CORPUS" ] || (cd "$ROOT" && npx tsx scripts/faults/make-corpus.ts "$DOCS" "$CORPUS")
if [ ! -f "$WORK/ref/groups.jsonl" ]; then
  start=$(date +%s)
  $BIN run "$CORPUS" --model "$MODEL" --out "$WORK/ref" -q
  echo "reference run: $(( $(date +%s) - start )) s"
fi
CACHE=$(ls "$WORK"/ref/.cache/translations/translations-*.jsonl)
LINES=$(wc -l < "$CACHE")
same=0
for i in $(seq 1 "$KILLS"); do
  dir="$WORK/run"
  rm -rf "$dir"
  mkdir -p "$dir/.cache/translations"
  keep=$(( LINES * (85 + RANDOM % 15) / 100 ))
  head -n "$keep" "$CACHE" > "$dir/.cache/translations/$(basename "$CACHE")"
  # A random moment in the first 40 s (the run takes about that long with the cut cache).
  delay=$(awk -v r=$RANDOM 'BEGIN { printf "%.1f", 0.5 + (r / 32767) * 40 }')
  $BIN run "$CORPUS" --model "$MODEL" --out "$dir" -q 2>/dev/null &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed="killed at ${delay} s"; else killed="finished before ${delay} s"; fi
  wait "$pid" 2>/dev/null || true
  stage=$(python3 -c "import json,sys
try:
  m=json.load(open('$dir/manifest.json')); print(','.join(k for k,v in m['stages'].items() if v.get('status')=='done') or 'none')
except Exception: print('no manifest')")
  $BIN run "$CORPUS" --model "$MODEL" --out "$dir" -q
  ok=yes
  for f in $FILES; do cmp -s "$dir/$f" "$WORK/ref/$f" || ok="NO ($f differs)"; done
  [ "$ok" = yes ] && same=$((same + 1))
  echo "kill $i: $killed (cache kept $keep of $LINES lines; stages done at the kill: $stage); rerun byte-identical: $ok"
done
echo "RESULT: $same of $KILLS reruns byte-identical to the uninterrupted run"
[ "$same" -eq "$KILLS" ]
