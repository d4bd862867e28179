#!/bin/bash
# Reproduces issue 10 case 1 on a real full disk (needs root: mounts a 1 MiB tmpfs).
# A good `fralign split seeds` run, then the disk is filled to ~60 KiB free and split is rerun on a
# bigger input. Prints the exit code and whether sentences.jsonl is still the previous good file.
# Usage: sudo scripts/faults/full-disk.sh [REPO]   (REPO: a fralign checkout, default: this one)
set -u
REPO=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
MNT=$(mktemp -d)
mount -t tmpfs -o size=1m tmpfs "$MNT" || { echo "cannot mount a tmpfs here (needs root)"; exit 2; }
trap 'umount "$MNT"; rmdir "$MNT"; rm -f "$BIG"' EXIT
BIG=$(mktemp --suffix=.txt)
python3 -c "import sys; open(sys.argv[1], 'w').write('Le gouvernement a annoncé lundi une réforme des retraites. ' * 3500)" "$BIG"
node "$REPO/bin/fralign.js" split "$REPO/seeds" --out "$MNT/out" --quiet
before=$(sha256sum < "$MNT/out/sentences.jsonl")
free=$(df -k --output=avail "$MNT" | tail -1)
dd if=/dev/zero of="$MNT/fill" bs=1k count=$((free - 60)) 2>/dev/null
node "$REPO/bin/fralign.js" split "$REPO/seeds" "$BIG" --out "$MNT/out"
echo "exit code on the full disk: $?"
if [ "$(sha256sum < "$MNT/out/sentences.jsonl")" = "$before" ]; then echo "sentences.jsonl: the previous good file, untouched"; else echo "sentences.jsonl: REPLACED ($(wc -l < "$MNT/out/sentences.jsonl") lines)"; fi
