#!/usr/bin/env bash
# Soak test: N minutes (default 10) of TCP echo + timers + files + heap churn + fetch (a local
# HTTP server on mrt's TCP; bodies whole, streamed, through gzip, echoed, aborted) in one mrt
# process (tools/soak.mjs), its RSS sampled every 10 s. Passes when nothing was lost or
# corrupted (echo and file checksums, every timer fired or cleared: the workload's own
# summary) and RSS stays flat from minute 2 on: every sample within ±5% of the median of
# those samples (the first two minutes are warm-up: V8 and mimalloc grow to their steady
# size). The samples compared are taken by the workload right after a full collection;
# the raw RSS seen from outside (/proc, between collections) is printed beside them.
#   tools/soak.sh [--minutes N] [--mrt PATH] [--parts tcp,timers,files,churn,fetch]
#   (default: 10 minutes, build/tools/mrt (built if missing), all parts)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=10
mrt="$root/build/tools/mrt"
parts=tcp,timers,files,churn,fetch
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --mrt) mrt=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    *) echo "usage: tools/soak.sh [--minutes N] [--mrt PATH] [--parts LIST]" >&2; exit 2 ;;
  esac
done
if [ ! -x "$mrt" ]; then
  cmake -S "$root" -B "$root/build" >/dev/null && cmake --build "$root/build" -j 2 --target mrt >/dev/null
fi
seconds=$(( minutes * 60 ))
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$mrt" --v8-flags=--expose-gc "$root/tools/soak.mjs" "$seconds" "$parts" > "$out" 2>&1 &
pid=$!
t=0
seen=0
echo "soak: $minutes min, pid $pid"
echo "soak:   time  RSS after GC  heap used  heap total  ArrayBuffers  (raw RSS)   echoes  file rounds  timers  fetches"
while kill -0 "$pid" 2>/dev/null; do
  sleep 10
  t=$(( t + 10 ))
  raw=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  { grep '^sample ' "$out" || true; } | tail -n +$(( seen + 1 )) | while read -r _ s rss heap ab total echoes files timers fetches; do
    printf 'soak: %5ss %9d KiB %7d KiB %7d KiB %9d KiB  (%6s KiB) %8d %12d %7d %8d\n' "$s" "$rss" "$heap" "$total" "$ab" "${raw:-?}" "$echoes" "$files" "$timers" "${fetches:-0}"
  done
  seen=$(grep -c '^sample ' "$out" || true)
done
rc=0
wait "$pid" || rc=$?
grep -v '^sample ' "$out" || true
mapfile -t samples < <(awk '/^sample / {print $2 ":" $3}' "$out")

# RSS from minute 2 on: within ±5% of the median of those samples.
verdict=$(printf '%s\n' "${samples[@]}" | awk -F: '
  $1 >= 120 { v[n++] = $2 }
  END {
    if (n < 2) { print "SKIP too few samples after minute 2 (" n + 0 ")"; exit }
    # median
    for (i = 0; i < n; i++) s[i] = v[i]
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
    med = (n % 2) ? s[int(n / 2)] : (s[n / 2 - 1] + s[n / 2]) / 2
    lo = s[0]; hi = s[n - 1]
    dev = (hi - med > med - lo ? hi - med : med - lo) / med * 100
    # trend: median of the first and of the last third
    k = int(n / 3); if (k < 1) k = 1
    for (i = 0; i < k; i++) { a[i] = v[i]; b[i] = v[n - k + i] }
    for (i = 0; i < k; i++) for (j = i + 1; j < k; j++) { if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x } if (b[j] < b[i]) { x = b[i]; b[i] = b[j]; b[j] = x } }
    printf "%s median %d KiB, min %d, max %d, max deviation %.1f%% over %d samples; first third %d KiB, last third %d KiB (%+.1f%%)\n", (dev <= 5 ? "FLAT" : "NOT-FLAT"), med, lo, hi, dev, n, a[int(k / 2)], b[int(k / 2)], (b[int(k / 2)] - a[int(k / 2)]) / a[int(k / 2)] * 100
  }')
echo "soak: RSS from minute 2: $verdict"
summary=$(grep '^summary ' "$out" || true)
fail=0
[ $rc = 0 ] || { echo "soak: FAIL: mrt exited $rc"; fail=1; }
[ -n "$summary" ] || { echo "soak: FAIL: no summary line"; fail=1; }
echo "$summary" | grep -q '"lost":0' || { echo "soak: FAIL: something was lost or corrupted"; fail=1; }
case "$verdict" in NOT-FLAT*) echo "soak: FAIL: RSS not flat (±5%)"; fail=1 ;; esac
[ $fail = 0 ] && echo "soak: PASS"
exit $fail
