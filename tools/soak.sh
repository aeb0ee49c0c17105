#!/usr/bin/env bash
# Soak test: N minutes (default 10) of TCP echo + timers + files + heap churn in one mrt
# process (tools/soak.mjs), its RSS sampled every 10 s. Passes when nothing was lost or
# corrupted (echo and file checksums, every timer fired or cleared: the workload's own
# summary) and RSS stays flat from minute 2 on: every sample within ±5% of the median of
# those samples (the first two minutes are warm-up: V8 and mimalloc grow to their steady
# size).
#   tools/soak.sh [--minutes N] [--mrt PATH]      (default build/tools/mrt, built if missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=10
mrt="$root/build/tools/mrt"
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --mrt) mrt=$2; shift 2 ;;
    *) echo "usage: tools/soak.sh [--minutes N] [--mrt PATH]" >&2; exit 2 ;;
  esac
done
if [ ! -x "$mrt" ]; then
  cmake -S "$root" -B "$root/build" >/dev/null && cmake --build "$root/build" -j 2 --target mrt >/dev/null
fi
seconds=$(( minutes * 60 ))
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$mrt" "$root/tools/soak.mjs" "$seconds" > "$out" 2>&1 &
pid=$!
samples=()
t=0
echo "soak: $minutes min, pid $pid"
while kill -0 "$pid" 2>/dev/null; do
  sleep 10
  t=$(( t + 10 ))
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] || break
  samples+=("$t:$rss")
  printf 'soak: %4ss RSS %6d KiB\n' "$t" "$rss"
done
rc=0
wait "$pid" || rc=$?
cat "$out"

# RSS from minute 2 on: within ±5% of the median of those samples.
verdict=$(printf '%s\n' "${samples[@]}" | awk -F: '
  $1 >= 120 { v[n++] = $2 }
  END {
    if (n < 2) { print "SKIP too few samples after minute 2 (" n ")"; exit }
    # median
    for (i = 0; i < n; i++) s[i] = v[i]
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
    med = (n % 2) ? s[int(n / 2)] : (s[n / 2 - 1] + s[n / 2]) / 2
    lo = s[0]; hi = s[n - 1]
    dev = (hi - med > med - lo ? hi - med : med - lo) / med * 100
    printf "%s median %d KiB, min %d, max %d, max deviation %.1f%% over %d samples\n", (dev <= 5 ? "FLAT" : "GROWING"), med, lo, hi, dev, n
  }')
echo "soak: RSS from minute 2: $verdict"
summary=$(grep '^summary ' "$out" || true)
fail=0
[ $rc = 0 ] || { echo "soak: FAIL: mrt exited $rc"; fail=1; }
[ -n "$summary" ] || { echo "soak: FAIL: no summary line"; fail=1; }
echo "$summary" | grep -q '"lost":0' || { echo "soak: FAIL: something was lost or corrupted"; fail=1; }
case "$verdict" in GROWING*) echo "soak: FAIL: RSS not flat"; fail=1 ;; esac
[ $fail = 0 ] && echo "soak: PASS"
exit $fail
