#!/usr/bin/env bash
# harness.sh [WPT_DIR]: puts WPT's resources/testharness.js into WPT_DIR (default
# $MRT_WPT_DIR or /work/wpt) from the npm registry's wpt-runner package, when it is missing.
# The WPT tests themselves are kept outside this repository (see tools/wpt/run.mjs).
set -euo pipefail
dir=${1:-${MRT_WPT_DIR:-/work/wpt}}
[ -f "$dir/resources/testharness.js" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent wpt-runner@5.0.0 >/dev/null && tar xzf wpt-runner-*.tgz)
mkdir -p "$dir/resources"
cp "$tmp/package/testharness/testharness.js" "$dir/resources/testharness.js"
echo "harness: $dir/resources/testharness.js"
