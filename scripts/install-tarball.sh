#!/usr/bin/env bash
# Installs fralign the way a user gets it: `npm pack` of this checkout (dist/ built first), then
# `npm install --global` of that tarball into PREFIX — an empty folder, no lockfile, dependencies
# resolved from the registry (or npm's cache) as for `npm i -g fralign`. Afterwards:
#   PREFIX/bin/fralign                       the command (put PREFIX/bin on PATH)
#   PREFIX/lib/node_modules/fralign          the package (`import 'fralign'` from PREFIX/lib)
#
# Usage: scripts/install-tarball.sh PREFIX [TARBALL]
#   TARBALL: an already packed fralign-*.tgz (default: pack this checkout into a scratch folder).
#
# ONNXRUNTIME_NODE_INSTALL=skip: onnxruntime-node's install script (run by npm 10, and by npm 11
# when allowed) downloads the CUDA/TensorRT providers from NuGet and fails the whole install where
# NuGet is unreachable; fralign only uses the CPU provider the npm package ships. The Dockerfile
# runs these same commands (docs/scale.md); test/package-install.test.ts runs this script.
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 PREFIX [TARBALL]" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
prefix="$(cd "$1" && pwd)"
tarball="${2:-}"
if [ -z "$tarball" ]; then
  packdir="$(mktemp -d)"
  trap 'rm -rf "$packdir"' EXIT
  # Build only when dist/ is older than src/ (`npm ci` has built it), then pack without rebuilding.
  (cd "$root" && node scripts/build.mjs --if-stale && npm pack --ignore-scripts --silent --pack-destination "$packdir" >/dev/null)
  tarball="$(ls "$packdir"/fralign-*.tgz)"
fi

export ONNXRUNTIME_NODE_INSTALL=skip
npm install --global --prefix "$prefix" --no-audit --no-fund --prefer-offline "$tarball"
