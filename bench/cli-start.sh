#!/usr/bin/env bash
# Start-up time of `fralign --help` as installed (scripts/install-tarball.sh into a scratch prefix),
# beside the clone's `node bin/fralign.js --help` (dist/ when fresh) in the same invocation.
# Usage: bench/cli-start.sh [RUNS=5]        (odd RUNS: the median is the middle run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$root/scripts/install-tarball.sh" "$scratch/prefix" >/dev/null 2>&1
mkdir "$scratch/elsewhere"

# Prints the median wall time and the median CPU time (user + sys) of `"$@" --help` over $runs runs:
# on a shared machine the wall time also counts waiting for a core; the CPU time does not.
time_runs() {
  local walls=() cpus=() line
  for _ in $(seq "$runs"); do
    line=$( { /usr/bin/time -f '%e %U %S' "$@" --help >/dev/null; } 2>&1 | tail -1)
    read -r wall user sys <<<"$line"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
  done
  printf 'wall median %s s (%s), CPU median %s s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "${walls[*]}" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}
cd "$scratch/elsewhere"
echo "installed: $(time_runs "$scratch/prefix/bin/fralign")"
echo "clone:     $(time_runs node "$root/bin/fralign.js")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version)"
