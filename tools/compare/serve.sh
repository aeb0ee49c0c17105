#!/usr/bin/env bash
# HTTP servers side by side: mrt.serve / `mrt serve` against Bun.serve, Deno.serve and node's
# http.createServer (node on PATH and the node 18 control), same handlers, one run, interleaved,
# loopback, load from Debian's wrk. Writes raw.jsonl, results.json and results.md to --out.
#
#   tools/compare/serve.sh [options]
#
#   --quick            a ~2-minute pass (1 round, 3 s per wrk run, 10 cold starts, 200k requests for RSS)
#   --rounds N         measured rounds of the wrk rows (default 3 for hello, 2 for the others)
#   --duration S       seconds per measured wrk run (default 10; warm-up runs are 2 s)
#   --cold-runs N      cold starts per runtime (default 30)
#   --rss-total N      requests of the RSS row (default 1000000; RSS read after the warm-up and after N)
#   --rss-warm N       warm-up requests of the RSS row (default 10% of --rss-total)
#   --only a,b         rows: hello echo stream cold rss workers (default all)
#   --runtimes a,b     mrt mrt_cli node18 node deno deno_cli bun (default all that exist; mrt
#                      only when --mrt or build/tools/mrt exists; *_cli only in the cold row)
#   --mrt PATH         the mrt binary (default build/tools/mrt)
#   --node18 PATH      the node 18 control (default /work/node18/bin/node if present)
#   --port-base N      first of the 64 ports used (default 18400)
#   --nice N           priority of servers, wrk and the cold-start client (default -10 as root, so
#                      that other work on a shared machine does not preempt the measured processes
#                      on their pinned CPUs; 0 to turn off)
#   --out DIR          output folder (default build/serve)
#
# Rows (keep-alive, on 127.0.0.1; wrk -t1 except in the workers row):
#   hello    GET → "hello" (text/plain), wrk -c64: req/s, p50, p99
#   echo     POST of a 1 KiB JSON body (serve/body.json), `await req.json()` → Response.json(obj),
#            wrk -c64: req/s, p50, p99
#   stream   GET → 1 MiB as a ReadableStream of 16 × 64 KiB chunks, wrk -c8 for half --duration:
#            MB/s (10^6 bytes/s read by wrk, headers included)
#   cold     spawn → first 200 received (firstresponse.c, a C client retrying connect every
#            100 µs), median of --cold-runs, interleaved; mrt_cli = `mrt serve --port N app.mjs`,
#            deno_cli = `deno serve`
#   rss      VmRSS/VmHWM (/proc/PID/status) of the hello server after 10% of --rss-total
#            keep-alive requests (warm-up) and after all of them (wrk -c64 until the count)
#   workers  `mrt serve --workers 1` vs `--workers 2`, hello, wrk -t2 -c64; server and wrk NOT
#            pinned: they share both cores, so the load generator competes with the workers
# Every row but workers runs the server pinned to CPU 0 and wrk (or the C client) to CPU 1
# (taskset / sched_setaffinity). Each server is started fresh for each measured run, checked
# once for a correct response (curl), warmed up with 2 s of the same load, then measured; a
# runtime failing its start or check is skipped for that row and listed in the report.
# Rounds rotate the starting runtime (round-robin interleaving).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=$here/serve

quick=0 rounds= duration= warm_s=2 cold_runs= rss_total= rss_warm= only= runtimes_sel= mrt_bin= port_base=18400
nice_n=0; [ "$(id -u)" = 0 ] && nice_n=-10
node18_bin=; [ -x /work/node18/bin/node ] && node18_bin=/work/node18/bin/node
out=$root/build/serve
args=("$@")
die() { echo "serve: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --rounds) rounds=$2; shift ;;
    --duration) duration=$2; shift ;;
    --cold-runs) cold_runs=$2; shift ;;
    --rss-total) rss_total=$2; shift ;;
    --rss-warm) rss_warm=$2; shift ;;
    --only) only=$2; shift ;;
    --runtimes) runtimes_sel=$2; shift ;;
    --mrt) mrt_bin=$2; shift ;;
    --node18) node18_bin=$2; shift ;;
    --port-base) port_base=$2; shift ;;
    --nice) nice_n=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
if [ $quick = 1 ]; then # defaults of the quick pass; explicit options still win
  duration=${duration:-3} warm_s=1 cold_runs=${cold_runs:-10} rss_total=${rss_total:-200000} rounds=${rounds:-1}
fi
duration=${duration:-10} cold_runs=${cold_runs:-30} rss_total=${rss_total:-1000000}
[ "${rss_warm:-0}" -lt "$rss_total" ] || die "--rss-warm must be below --rss-total"
hello_rounds=${rounds:-3} other_rounds=${rounds:-2}
# With the kernel's autogroups, nice only ranks processes of one session against each other; other
# sessions (other people's builds) share the CPUs group against group. So the run gets a session of
# its own and that group's nice is set too.
autogroup_note=
if [ "$nice_n" != 0 ] && [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ]; then
  if [ -z "${SERVE_SH_SESSION:-}" ] && command -v setsid >/dev/null; then
    SERVE_SH_SESSION=1 exec setsid --wait "$0" "${args[@]}"
  fi
  if echo "$nice_n" 2>/dev/null > /proc/self/autogroup; then autogroup_note="autogroup nice $nice_n"; fi
fi
row_wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
needs=(taskset curl node)
# wrk loads every row but cold (the C client firstresponse times that one).
for r in hello echo stream rss workers; do
  if row_wanted $r; then needs+=(wrk); break; fi
done
for t in "${needs[@]}"; do
  command -v $t >/dev/null || die "$t not found on PATH"
done
[ "$(nproc)" -ge 2 ] || die "needs 2 CPUs (server on CPU 0, load on CPU 1)"
mkdir -p "$out"
out=$(cd "$out" && pwd)
want() { [ -z "$runtimes_sel" ] || [[ ",$runtimes_sel," == *",$1,"* ]]; }

firstresponse=$out/firstresponse
if [ ! -x "$firstresponse" ] || [ "$here/firstresponse.c" -nt "$firstresponse" ]; then
  ${CC:-cc} -O2 -Wall -o "$firstresponse" "$here/firstresponse.c" || die "cannot build firstresponse"
fi

# ---------------------------------------------------------------- runtimes
# CMD[rt]: the server command; {PORT} is replaced by the port (the others take SERVE_PORT).
declare -A CMD VERSION
names=() cli_names=()
mrt_bin=${mrt_bin:-$root/build/tools/mrt}
if want mrt || want mrt_cli; then
  if [ -x "$mrt_bin" ]; then
    mrt_bin=$(cd "$(dirname "$mrt_bin")" && pwd)/$(basename "$mrt_bin")
    VERSION[mrt]=$(timeout 10 "$mrt_bin" --version </dev/null 2>/dev/null | head -1 || true)
    mrt_src=$(git -C "$(dirname "$mrt_bin")" rev-parse --short HEAD 2>/dev/null || echo "source unknown")
    if [ "$mrt_src" != "source unknown" ] && [ -n "$(git -C "$(dirname "$mrt_bin")" status --porcelain --untracked-files=no 2>/dev/null)" ]; then mrt_src+="+changes"; fi
    VERSION[mrt]+=" ($mrt_src)"
    VERSION[mrt_cli]=${VERSION[mrt]}
    if want mrt; then names+=(mrt); CMD[mrt]="$mrt_bin run $app/mrt.mjs"; fi
    if want mrt_cli; then cli_names+=(mrt_cli); CMD[mrt_cli]="$mrt_bin serve --port {PORT} --host 127.0.0.1 $app/app.mjs"; fi
  else
    echo "serve: mrt binary $mrt_bin not found: mrt skipped" >&2
  fi
fi
if want node18; then
  if [ -n "$node18_bin" ] && [ -x "$node18_bin" ]; then
    names+=(node18); CMD[node18]="$node18_bin $app/node.mjs"; VERSION[node18]=$("$node18_bin" --version)
  else echo "serve: no node 18 control (--node18 PATH): skipped" >&2; fi
fi
if want node; then names+=(node); CMD[node]="$(command -v node) $app/node.mjs"; VERSION[node]=$(node --version); fi
if want deno || want deno_cli || want bun; then
  peers_dir=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers}
  "$here/peers.sh" --quiet || die "peers.sh failed (deno/bun not installable)"
  VERSION[deno]=$("$peers_dir/bin/deno" --version | head -1 | awk '{print $2}'); VERSION[deno_cli]=${VERSION[deno]}
  VERSION[bun]=$("$peers_dir/bin/bun" --version)
  if want deno; then names+=(deno); CMD[deno]="$peers_dir/bin/deno run -A $app/deno.mjs"; fi
  if want deno_cli; then cli_names+=(deno_cli); CMD[deno_cli]="$peers_dir/bin/deno serve -A --port {PORT} --host 127.0.0.1 $app/app.mjs"; fi
  if want bun; then names+=(bun); CMD[bun]="$peers_dir/bin/bun $app/bun.mjs"; fi
fi
[ ${#names[@]} -gt 0 ] || [ ${#cli_names[@]} -gt 0 ] || die "no runtime selected"
if [ -n "${CMD[mrt_cli]:-}" ]; then # the workers row: `mrt serve --workers N`, unpinned
  CMD[mrt_w1]="$mrt_bin serve --workers 1 --port {PORT} --host 127.0.0.1 $app/app.mjs"
  CMD[mrt_w2]="$mrt_bin serve --workers 2 --port {PORT} --host 127.0.0.1 $app/app.mjs"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mrt-serve.XXXXXX")
live_pids=()
cleanup() {
  for p in "${live_pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1 NO_COLOR=1
unset NODE_EXTRA_CA_CERTS
head -c 1048576 /dev/zero | tr '\0' x > "$scratch/stream.expected"

raw=$out/raw.jsonl
: > "$raw"
port_i=0
next_port() { port=$((port_base + port_i % 64)); port_i=$((port_i + 1)); }
load() { cut -d' ' -f1 /proc/loadavg; }
declare -A SKIP WHY
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }
record() { # row runtime round json-object-text
  printf '{"row":"%s","runtime":"%s","round":%d,"load":%s,"data":%s}\n' "$1" "$2" "$3" "$(load)" "$4" >> "$raw"
}
skip() { # row runtime reason
  SKIP[$1/$2]=1; WHY[$1/$2]=$3
  echo "serve: $2 skipped for $1: $3" >&2
  printf '{"row":"%s","runtime":"%s","skipped":%s}\n' "$1" "$2" "$(json_str "$3")" >> "$raw"
}

# start_server RT WORKLOAD PINNED(0|1): sets server_pid and port, or returns 1 with $why.
start_server() {
  local rt=$1 workload=$2 pinned=$3 cmd res
  next_port
  cmd=${CMD[$rt]//\{PORT\}/$port}
  local pin_args=()
  [ "$pinned" = 1 ] && pin_args=(--server-cpu 0 --client-cpu 1)
  # shellcheck disable=SC2086  # CMD holds the runtime's command and its fixed arguments
  res=$("$firstresponse" --port "$port" --timeout 30 --nice "$nice_n" --keep --any-status "${pin_args[@]}" --stderr "$scratch/server.err" \
        --env "SERVE_PORT=$port" --env "SERVE_WORKLOAD=$workload" --cwd "$scratch" -- $cmd) || {
    why="$(echo "$res" | sed -n 's/.*"error":"\([^"]*\)".*/\1/p'): $(tail -c 400 "$scratch/server.err" | tr '\n' ' ')"
    return 1
  }
  server_pid=$(echo "$res" | sed -n 's/.*"pid":\([0-9]*\).*/\1/p')
  live_pids+=("$server_pid")
}
stop_server() {
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 200); do [ -e "/proc/$server_pid" ] || break; sleep 0.01; done
}

# check_response WORKLOAD: the server on $port answers the workload correctly (else $why)
check_response() {
  local url=http://127.0.0.1:$port/ f=$scratch/check.body h=$scratch/check.head
  case $1 in
    hello) curl -sS -D "$h" -o "$f" "$url" 2>"$scratch/curl.err" || { why="curl: $(cat "$scratch/curl.err")"; return 1; }
      [ "$(cat "$f")" = hello ] || { why="body is not hello: $(head -c 100 "$f")"; return 1; }
      grep -qi '^content-type: *text/plain' "$h" || { why="content-type is not text/plain"; return 1; } ;;
    echo) curl -sS -o "$f" -H 'content-type: application/json' --data-binary @"$app/body.json" "$url" 2>"$scratch/curl.err" ||
        { why="curl: $(cat "$scratch/curl.err")"; return 1; }
      node -e 'const fs=require("fs"),[a,b]=process.argv.slice(1).map((p)=>JSON.parse(fs.readFileSync(p,"utf8")));
        process.exit(require("util").isDeepStrictEqual(a,b)?0:1)' "$app/body.json" "$f" 2>/dev/null ||
        { why="echo differs: $(head -c 100 "$f")"; return 1; } ;;
    stream) curl -sS -o "$f" "$url" 2>"$scratch/curl.err" || { why="curl: $(cat "$scratch/curl.err")"; return 1; }
      cmp -s "$f" "$scratch/stream.expected" || { why="body is not 1 MiB of x ($(wc -c < "$f") bytes)"; return 1; } ;;
  esac
}

# wrk_run WORKLOAD CONNS SECONDS PINNED [STOP_AFTER]: the done() JSON of wrk.lua in $wrk_json
# ($wrk_threads threads; WRK_STOP_AFTER counts per thread, so only with 1)
wrk_threads=1
wrk_run() {
  local body= pin=() stop=${5:-}
  [ "$1" = echo ] && body=$app/body.json
  [ "$4" = 1 ] && pin=(taskset -c 1)
  WRK_BODY_FILE=$body WRK_STOP_AFTER=$stop nice -n "$nice_n" "${pin[@]}" wrk -t"$wrk_threads" -c"$2" -d"$3"s --timeout 10s -s "$app/wrk.lua" \
    "http://127.0.0.1:$port/" > "$scratch/wrk.out" 2>&1 || { why="wrk failed: $(tail -3 "$scratch/wrk.out")"; return 1; }
  wrk_json=$(grep '^{"requests"' "$scratch/wrk.out" | tail -1)
  [ -n "$wrk_json" ] || { why="no wrk result: $(tail -3 "$scratch/wrk.out")"; return 1; }
}

# ---------------------------------------------------------------- wrk rows
wrk_row() { # ROW CONNS ROUNDS PINNED SECONDS RUNTIMES...
  local row=$1 conns=$2 n=$3 pinned=$4 secs=$5; shift 5
  local rts=("$@") nrt=$# workload=$row r i rt line
  [ "$row" = workers ] && workload=hello
  echo "serve: [$row] load $(load), at ${SECONDS}s" >&2
  for ((r = 1; r <= n; r++)); do
    line="[$row] round $r/$n:"
    for ((i = 0; i < nrt; i++)); do
      rt=${rts[$(( (i + r - 1) % nrt ))]}
      [ -n "${SKIP[$row/$rt]:-}" ] && continue
      if ! start_server "$rt" "$workload" "$pinned"; then skip "$row" "$rt" "start failed: $why"; continue; fi
      if [ -z "${CHECKED[$row/$rt]:-}" ]; then
        if ! check_response "$workload"; then stop_server; skip "$row" "$rt" "wrong response: $why"; continue; fi
        CHECKED[$row/$rt]=1
      fi
      if ! wrk_run "$workload" "$conns" "$warm_s" "$pinned" || ! wrk_run "$workload" "$conns" "$secs" "$pinned"; then
        stop_server; skip "$row" "$rt" "$why"; continue
      fi
      stop_server
      record "$row" "$rt" "$r" "$wrk_json"
      line+=" $rt $(node -e 'const j=JSON.parse(process.argv[1]),s=j.duration_us/1e6;
        process.stdout.write(process.argv[2]==="stream"?(j.bytes/s/1e6).toFixed(0)+"MB/s":(j.requests/s/1e3).toFixed(1)+"k/s p99="+(j.latency_us.p99/1e3).toFixed(2)+"ms")' "$wrk_json" "$workload")"
    done
    echo "$line" >&2
  done
}
declare -A CHECKED
row_wanted hello && [ ${#names[@]} -gt 0 ] && wrk_row hello 64 "$hello_rounds" 1 "$duration" "${names[@]}"
row_wanted echo && [ ${#names[@]} -gt 0 ] && wrk_row echo 64 "$other_rounds" 1 "$duration" "${names[@]}"
# MB/s settles fast (few large responses): half the time keeps the full pass under 10 minutes
row_wanted stream && [ ${#names[@]} -gt 0 ] && wrk_row stream 8 "$other_rounds" 1 "$(( (duration + 1) / 2 ))" "${names[@]}"

# ---------------------------------------------------------------- cold start
if row_wanted cold; then
  cold_rts=("${names[@]}" "${cli_names[@]}")
  nrt=${#cold_rts[@]}
  echo "serve: [cold] load $(load), at ${SECONDS}s" >&2
  declare -A COLD
  for ((r = 0; r <= cold_runs; r++)); do # round 0: warm-up (page cache), not recorded
    for ((i = 0; i < nrt; i++)); do
      rt=${cold_rts[$(( (i + r) % nrt ))]}
      [ -n "${SKIP[cold/$rt]:-}" ] && continue
      next_port
      # shellcheck disable=SC2086
      res=$("$firstresponse" --port "$port" --timeout 30 --nice "$nice_n" --server-cpu 0 --client-cpu 1 --stderr "$scratch/server.err" \
            --env "SERVE_PORT=$port" --env SERVE_WORKLOAD=hello --cwd "$scratch" -- ${CMD[$rt]//\{PORT\}/$port}) || {
        skip cold "$rt" "$(echo "$res" | sed -n 's/.*"error":"\([^"]*\)".*/\1/p'): $(tail -c 400 "$scratch/server.err" | tr '\n' ' ')"
        continue; }
      if [ $r -gt 0 ]; then record cold "$rt" "$r" "$res"; COLD[$rt]+=" $(echo "$res" | sed 's/{"first_response_ms":\([0-9.]*\).*/\1/')"; fi
    done
    if [ $r -gt 0 ] && { [ $((r % 10)) = 0 ] || [ $r = "$cold_runs" ]; }; then
      line="[cold] $r/$cold_runs, medians so far:"
      for rt in "${cold_rts[@]}"; do
        [ -n "${COLD[$rt]:-}" ] && line+=" $rt $(printf '%s\n' ${COLD[$rt]} | sort -g | awk '{v[NR]=$1} END {printf "%.1fms", NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')"
      done
      echo "$line" >&2
    fi
  done
fi

# ---------------------------------------------------------------- RSS
if row_wanted rss && [ ${#names[@]} -gt 0 ]; then
  warm_n=${rss_warm:-$((rss_total / 10))}
  echo "serve: [rss] load $(load), at ${SECONDS}s" >&2
  status_kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server_pid/status"; }
  requests_of() { echo "$1" | sed 's/^{"requests":\([0-9]*\).*/\1/'; }
  for rt in "${names[@]}"; do
    if ! start_server "$rt" hello 1; then skip rss "$rt" "start failed: $why"; continue; fi
    if ! wrk_run hello 64 600 1 "$warm_n"; then stop_server; skip rss "$rt" "$why"; continue; fi
    warm_req=$(requests_of "$wrk_json") w_rss=$(status_kib VmRSS) w_hwm=$(status_kib VmHWM)
    if ! wrk_run hello 64 600 1 $((rss_total - warm_n)); then stop_server; skip rss "$rt" "$why"; continue; fi
    total_req=$((warm_req + $(requests_of "$wrk_json"))) f_rss=$(status_kib VmRSS) f_hwm=$(status_kib VmHWM)
    stop_server
    record rss "$rt" 1 "{\"warm_requests\":$warm_req,\"total_requests\":$total_req,\"warm_rss_kib\":$w_rss,\"warm_hwm_kib\":$w_hwm,\"rss_kib\":$f_rss,\"hwm_kib\":$f_hwm}"
    echo "[rss] $rt: VmRSS $((w_rss / 1024)) → $((f_rss / 1024)) MiB, VmHWM $((w_hwm / 1024)) → $((f_hwm / 1024)) MiB ($warm_req → $total_req requests)" >&2
  done
fi

# ---------------------------------------------------------------- workers
if row_wanted workers; then
  # wrk -t2: one wrk thread tops out near one worker's rate here (measured: 2 workers 110k req/s
  # with -t1, 195k with -t2), so -t1 would measure wrk; its two threads share the cores too
  if [ -n "${CMD[mrt_w1]:-}" ]; then wrk_threads=2; wrk_row workers 64 "$other_rounds" 0 "$duration" mrt_w1 mrt_w2; wrk_threads=1
  else echo "serve: [workers] needs mrt_cli (mrt serve): skipped" >&2; fi
fi

# ---------------------------------------------------------------- report
meta=(--meta "date=$(date -u +%Y-%m-%dT%H:%MZ)" --meta "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) × $(nproc)"
  --meta "duration=$duration" --meta "hello_rounds=$hello_rounds" --meta "other_rounds=$other_rounds"
  --meta "nice=$nice_n${autogroup_note:+ ($autogroup_note)}" --meta "cold_runs=$cold_runs" --meta "rss_total=$rss_total" --meta "rss_warm=${rss_warm:-$((rss_total / 10))}" --meta "wrk=$(command -v wrk >/dev/null && wrk --version 2>&1 | head -1 | awk '{print $2}' || true)")
for rt in "${names[@]}" "${cli_names[@]}"; do meta+=(--meta "version.$rt=${VERSION[$rt]}"); done
echo "serve: measured in ${SECONDS}s" >&2
node "$here/serve_report.mjs" --raw "$raw" --out "$out" "${meta[@]}"
echo "serve: wrote $out/results.md $out/results.json $out/raw.jsonl" >&2
