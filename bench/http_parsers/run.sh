#!/usr/bin/env bash
# run.sh: builds the HTTP library candidates of issue 16 (cc + pkg-config, into $OUT, not
# the repository) and measures them: robustness corpus, parser microbenchmark, dlopen cost,
# wrk throughput/latency (server on CPU 0, wrk on CPU 1, RUNS runs interleaved, medians) and
# h2load over h2o's HTTP/2 as an aside. Prints Markdown tables; raw logs stay in $OUT.
#
# Needs: libuv1-dev libhttp-parser-dev libh2o-dev wrk nghttp2-client python3.
# Not part of the CMake build or CI (it takes ~5 minutes and wants quiet CPUs).
#   bench/http_parsers/run.sh            # everything
#   RUNS=1 DURATION=3 bench/http_parsers/run.sh   # a quick look
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/mrt-http-parsers}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
DLOPEN_RUNS=${DLOPEN_RUNS:-20}
PORT_BASE=${PORT_BASE:-18180}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -Wall -Wextra}
mkdir -p "$OUT"
rm -f "$OUT"/wrk-*.txt "$OUT"/cpu-*.txt "$OUT"/dlopen-*.txt "$OUT"/h2load-*.txt

UV=$(pkg-config --cflags --libs libuv)
H2O=$(pkg-config --cflags --libs libh2o)
$CC $CFLAGS -o "$OUT/uv_httpparser" "$HERE/uv_httpparser.c" $UV -lhttp_parser
$CC $CFLAGS -o "$OUT/uv_h2o" "$HERE/uv_h2o.c" $H2O $UV
$CC $CFLAGS -o "$OUT/uv_pico" "$HERE/uv_pico.c" $UV -lh2o
$CC $CFLAGS -o "$OUT/parse_bench" "$HERE/parse_bench.c" -lhttp_parser -lh2o
$CC $CFLAGS -o "$OUT/dlopen_cost" "$HERE/dlopen_cost.c" $UV -ldl

NAMES=(http-parser h2o pico)
BINS=(uv_httpparser uv_h2o uv_pico)
PIDS=()
stop_servers() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_servers EXIT
for i in 0 1 2; do
  taskset -c 0 "$OUT/${BINS[$i]}" $((PORT_BASE + i)) &
  PIDS+=($!)
done
sleep 0.5

# user+system CPU time of a process, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# wrk latency ("812.00us", "2.10ms", "1.02s") in microseconds
to_us() { awk '{v=$1; if (v ~ /us$/) x=v+0; else if (v ~ /ms$/) x=v*1000; else x=v*1000000; print x}'; }

echo "## Robustness (status codes received, then whether the server closed the connection)"
echo
python3 "$HERE/malformed.py" "${NAMES[0]}=$PORT_BASE" "${NAMES[1]}=$((PORT_BASE + 1))" \
  "${NAMES[2]}=$((PORT_BASE + 2))"
echo

echo "## Parser alone (ns per request head, median of 15 runs of 200k parses, CPU 0)"
echo
taskset -c 0 "$OUT/parse_bench" 15
echo

echo "## Loading at first use (fresh process with libuv mapped; median of $DLOPEN_RUNS)"
echo
echo "| library | dlopen µs | shared objects added | RSS added KiB | server set-up µs |"
echo "|---|---|---|---|---|"
for lib in http-parser h2o; do
  for _ in $(seq "$DLOPEN_RUNS"); do "$OUT/dlopen_cost" "$lib"; done >"$OUT/dlopen-$lib.txt"
  printf '| %s | %s | %s | %s | %s |\n' "$lib" \
    "$(cut -d' ' -f1 "$OUT/dlopen-$lib.txt" | median)" "$(cut -d' ' -f2 "$OUT/dlopen-$lib.txt" | median)" \
    "$(cut -d' ' -f3 "$OUT/dlopen-$lib.txt" | median)" "$(cut -d' ' -f4 "$OUT/dlopen-$lib.txt" | median)"
done
echo

# User-space instructions per request under callgrind: deterministic, so it is not moved by
# other work on the machine (the kernel's share, the read/write system calls, is not counted;
# it is the same for all three). Two runs, N1 and N2 requests; the difference removes start-up.
instructions() { # server-binary port requests
  local port=$2 log
  log="$OUT/callgrind-$(basename "$1")-$3"
  valgrind --tool=callgrind --callgrind-out-file="$log.out" "$1" "$port" 2>"$log.log" &
  local vg=$!
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done
  h2load --h1 -t1 -c64 -n"$3" "http://127.0.0.1:$port/" >"$log.h2load"
  kill "$vg"
  wait "$vg" 2>/dev/null || true
  awk '/^summary:/ {print $2}' "$log.out"
}
if command -v valgrind >/dev/null; then
  echo "## User-space instructions per request (callgrind; h2load --h1 -c64, 22000 minus 2000 requests)"
  echo
  echo "| server | instructions/request |"
  echo "|---|---|"
  for i in 0 1 2; do
    port=$((PORT_BASE + 10 + i))
    a=$(instructions "$OUT/${BINS[$i]}" "$port" 2000)
    b=$(instructions "$OUT/${BINS[$i]}" "$port" 22000)
    printf '| %s | %.0f |\n' "${NAMES[$i]}" "$(echo "$a $b" | awk '{print ($2 - $1) / 20000}')"
  done
  echo
fi

echo "Load average before wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for i in 0 1 2; do # warm-up
  taskset -c 1 wrk -t1 -c64 -d1s "http://127.0.0.1:$((PORT_BASE + i))/" >/dev/null
done

# wrk_table TAG [wrk options]: RUNS interleaved runs per server, then one Markdown table.
wrk_table() {
  local tag=$1 run i n all rps range p50 p99 cpu errs hwm before
  shift
  for run in $(seq "$RUNS"); do
    for i in 0 1 2; do
      before=$(cpu_ticks "${PIDS[$i]}")
      taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" --latency "$@" \
        "http://127.0.0.1:$((PORT_BASE + i))/" >"$OUT/wrk-$tag-${NAMES[$i]}-$run.txt"
      # server CPU per request: steadier than req/s when other work shares the CPUs
      echo "$(($(cpu_ticks "${PIDS[$i]}") - before))" \
        "$(awk '/requests in/ {print $1}' "$OUT/wrk-$tag-${NAMES[$i]}-$run.txt")" \
        | awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", $1 / hz * 1e6 / $2}' \
        >"$OUT/cpu-$tag-${NAMES[$i]}-$run.txt"
    done
  done
  echo "| server | req/s | (min–max) | p50 µs | p99 µs | server CPU µs/req | errors | server RSS KiB (peak) |"
  echo "|---|---|---|---|---|---|---|---|"
  for i in 0 1 2; do
    n=${NAMES[$i]}
    all=$(cat "$OUT"/wrk-"$tag"-"$n"-*.txt | awk '/^Requests\/sec/ {print $2}')
    rps=$(echo "$all" | median)
    range=$(echo "$all" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.0f–%.0f", lo, hi}')
    p50=$(cat "$OUT"/wrk-"$tag"-"$n"-*.txt | awk '$1 == "50%" {print $2}' | to_us | median)
    p99=$(cat "$OUT"/wrk-"$tag"-"$n"-*.txt | awk '$1 == "99%" {print $2}' | to_us | median)
    cpu=$(cat "$OUT"/cpu-"$tag"-"$n"-*.txt | median)
    errs=$(cat "$OUT"/wrk-"$tag"-"$n"-*.txt | awk '/Socket errors|Non-2xx/ {e=1} END {print e ? "yes" : "none"}')
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/${PIDS[$i]}/status")
    printf '| %s | %.0f | %s | %.0f | %.0f | %s | %s | %s |\n' "$n" "$rps" "$range" "$p50" "$p99" \
      "$cpu" "$errs" "$hwm"
  done
  echo
}

echo "## wrk -t1 -c64 -d${DURATION}s, server on CPU 0, wrk on CPU 1 (median of $RUNS, interleaved)"
echo
wrk_table plain
echo "## The same, 16 requests pipelined per write (pipeline.lua; latency is per batch of 16)"
echo
wrk_table pipelined -s "$HERE/pipeline.lua"

echo "## Aside: h2o over HTTP/2 (h2load -t1 -c64, ${DURATION}s, h2c prior knowledge)"
echo
echo "| streams per connection | req/s |"
echo "|---|---|"
for m in 1 10; do
  taskset -c 1 h2load -t1 -c64 -m"$m" -D"$DURATION" "http://127.0.0.1:$((PORT_BASE + 1))/" \
    >"$OUT/h2load-m$m.txt"
  printf '| %s | %s |\n' "$m" "$(awk '/^finished in/ {print $4}' "$OUT/h2load-m$m.txt")"
done
echo
echo "Load average at the end (other work on the machine adds noise): $(cut -d' ' -f1-3 /proc/loadavg)"
