#!/usr/bin/env bash
# Cross-runtime comparison: runs bench/js workloads under mrt, node, deno and bun side by side,
# interleaved round-robin, and reports medians and ratios (results.json, results.md, ratios.svg).
#
#   tools/compare/compare.sh [options]
#
#   --runs N             rounds for every workload (default: cold 30, module_graph 15, throughput 5)
#   --cold-runs N        rounds for the cold-start workloads (hi, empty) and module_graph
#   --quick              fewer rounds (cold 10, module_graph 5, throughput 3)
#   --only a,b           only these workloads (names: hi empty module_graph promise microtask url url_search
#                        timers_fanout timers_chain timer_churn fsread tcp1 tcp16 abuf json
#                        alloc_64b alloc_64k alloc_1m alloc_256m alloc_1g crypto_ecdsa
#                        crypto_ed25519 crypto_digest crypto_digest_1m crypto_random
#                        text_decode text_decode_utf16 text_decode_latin1
#                        blob_text perf_mark structured_clone message_channel streams_pipe
#                        pipe_file_tcp response_text compress_gzip)
#   --runtimes a,b       only these runtimes (default: mrt node deno bun; mrt only if its binary exists)
#   --mrt PATH           the mrt binary (default: build/tools/mrt); run as `mrt run FILE`
#                        ($MRT_RUN replaces the "run" word: MRT_RUN= runs `mrt FILE`)
#   --before PATH        also run an earlier mrt binary as the runtime "mrt_before" (same
#                        rounds, so a change's before/after ratio is measured in one run)
#   --out DIR            output folder (default: build/compare)
#   --subject NAME       whose ratios the tables and chart show (default mrt)
#   --baseline FILE      check the subject's ratios against FILE (exit 1 on a regression)
#   --threshold X        allowed ratio regression before noise widening (default 0.10)
#   --noise-k K          standard errors of the ratio added to the threshold (default 2)
#   --write-baseline FILE  write the subject's ratios of this run as a baseline
#   --modules N          module_graph size (default 1000)
#   --timeout SEC        per-run time limit (default 120)
#   --strict             exit 1 if any run failed (default: failures are reported, not fatal)
#
# Every run: runstat -n 1 with NODE_EXTRA_CA_CERTS unset, cwd a scratch folder, stdout captured.
# Round 0 of each workload is a warm-up for every runtime (not measured; a runtime failing it
# is skipped for that workload). Then each round runs every runtime once, the starting runtime
# rotating from round to round. Exit status: 0, 1 (baseline regression / --strict failure),
# 2 (usage or set-up error).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
js=$root/bench/js

runs= cold_runs= quick=0 only= runtimes_sel= mrt_bin= before_bin= out=$root/build/compare subject=mrt
baseline= threshold= noise_k= write_baseline= modules=1000 timeout=120 strict=0
die() { echo "compare: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --cold-runs) cold_runs=$2; shift ;;
    --quick) quick=1 ;;
    --only) only=$2; shift ;;
    --runtimes) runtimes_sel=$2; shift ;;
    --mrt) mrt_bin=$2; shift ;;
    --before) before_bin=$2; shift ;;
    --out) out=$2; shift ;;
    --subject) subject=$2; shift ;;
    --baseline) baseline=$2; shift ;;
    --threshold) threshold=$2; shift ;;
    --noise-k) noise_k=$2; shift ;;
    --write-baseline) write_baseline=$2; shift ;;
    --modules) modules=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    --strict) strict=1 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
if [ $quick = 1 ]; then tput_runs=3 cold_n=10 wall_n=5; else tput_runs=5 cold_n=30 wall_n=15; fi
[ -n "$runs" ] && { tput_runs=$runs; cold_n=$runs; wall_n=$runs; }
[ -n "$cold_runs" ] && { cold_n=$cold_runs; wall_n=$cold_runs; }
command -v node >/dev/null || die "node not found on PATH (it is a peer and runs the report)"
[ -n "$baseline" ] && { [ -f "$baseline" ] || die "baseline $baseline not found"; baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline"); }
[ -n "$write_baseline" ] && write_baseline=$(cd "$(dirname "$write_baseline")" && pwd)/$(basename "$write_baseline")
mkdir -p "$out"
out=$(cd "$out" && pwd)

# ---------------------------------------------------------------- runstat
runstat=$out/runstat
if [ ! -x "$runstat" ] || [ "$here/runstat.c" -nt "$runstat" ]; then
  ${CC:-cc} -O2 -Wall -o "$runstat" "$here/runstat.c" || die "cannot build runstat"
fi

# ---------------------------------------------------------------- runtimes
want() { [ -z "$runtimes_sel" ] || [[ ",$runtimes_sel," == *",$1,"* ]]; }
declare -A CMD VERSION
names=()
mrt_bin=${mrt_bin:-$root/build/tools/mrt}
if want mrt; then
  if [ -x "$mrt_bin" ]; then
    mrt_bin=$(cd "$(dirname "$mrt_bin")" && pwd)/$(basename "$mrt_bin") # runs use another cwd
    names+=(mrt); CMD[mrt]="$mrt_bin ${MRT_RUN-run}"
    VERSION[mrt]=$(timeout 10 "$mrt_bin" --version </dev/null 2>/dev/null | head -1 || true)
  else
    echo "compare: mrt binary $mrt_bin not found: mrt skipped" >&2
  fi
fi
if [ -n "$before_bin" ]; then
  [ -x "$before_bin" ] || die "--before $before_bin is not an executable"
  before_bin=$(cd "$(dirname "$before_bin")" && pwd)/$(basename "$before_bin")
  names+=(mrt_before); CMD[mrt_before]="$before_bin ${MRT_RUN-run}"
  VERSION[mrt_before]=$(timeout 10 "$before_bin" --version </dev/null 2>/dev/null | head -1 || true)
fi
if want node; then names+=(node); CMD[node]="$(command -v node)"; VERSION[node]=$(node --version); fi
if want deno || want bun; then
  peers_dir=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers}
  "$here/peers.sh" --quiet || die "peers.sh failed (deno/bun not installable)"
  if want deno; then names+=(deno); CMD[deno]="$peers_dir/bin/deno run -A"
    VERSION[deno]=$("$peers_dir/bin/deno" --version | head -1 | awk '{print $2}'); fi
  if want bun; then names+=(bun); CMD[bun]="$peers_dir/bin/bun"; VERSION[bun]=$("$peers_dir/bin/bun" --version); fi
fi
[ ${#names[@]} -gt 0 ] || die "no runtime selected"

# ---------------------------------------------------------------- workloads
# name kind file(relative to bench/js, or @module_graph)
all_workloads=(
  "hi cold hi.js" "empty cold empty.js" "module_graph wall @module_graph"
  "package_graph wall @package_graph"
  "promise throughput promise.mjs" "microtask throughput microtask.mjs"
  "timers_fanout throughput timers_fanout.mjs" "timers_chain throughput timers_chain.mjs"
  "timer_churn throughput timer_churn.mjs" "fsread throughput fsread.mjs"
  "tcp1 throughput tcp1.mjs" "tcp16 throughput tcp16.mjs"
  "abuf throughput abuf.mjs" "json throughput json.mjs"
  "alloc_64b throughput alloc_64b.mjs" "alloc_64k throughput alloc_64k.mjs"
  "alloc_1m throughput alloc_1m.mjs" "alloc_256m throughput alloc_256m.mjs"
  "alloc_1g throughput alloc_1g.mjs"
  "url throughput url.mjs" "url_search throughput url_search.mjs"
  "dispatch_event throughput dispatch_event.mjs"
  "structured_clone throughput structured_clone.mjs"
  "message_channel throughput message_channel.mjs"
  "crypto_ecdsa throughput crypto_ecdsa.mjs" "crypto_ed25519 throughput crypto_ed25519.mjs"
  "crypto_digest throughput crypto_digest.mjs" "crypto_digest_1m throughput crypto_digest_1m.mjs"
  "crypto_random throughput crypto_random.mjs"
  "text_decode throughput text_decode.mjs" "text_decode_utf16 throughput text_decode_utf16.mjs"
  "text_decode_latin1 throughput text_decode_latin1.mjs"
  "blob_text throughput blob_text.mjs" "perf_mark throughput perf_mark.mjs"
  "streams_pipe throughput streams_pipe.mjs"
  "fetch_small throughput fetch_small.mjs" "fetch_big throughput fetch_big.mjs"
  "pipe_file_tcp throughput pipe_file_tcp.mjs"
  "response_text throughput response_text.mjs"
  "compress_gzip throughput compress_gzip.mjs"
)
workloads=()
for w in "${all_workloads[@]}"; do
  n=${w%% *}
  if [ -z "$only" ] || [[ ",$only," == *",$n,"* ]]; then workloads+=("$w"); fi
done
[ ${#workloads[@]} -gt 0 ] || die "--only $only matches no workload"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mrt-compare.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/cwd"
for w in "${workloads[@]}"; do
  if [[ $w == *@module_graph ]]; then node "$here/gen_modules.mjs" "$modules" "$scratch/module_graph"; fi
  if [[ $w == *@package_graph ]]; then node "$here/gen_packages.mjs" "$modules" "$scratch/package_graph"; fi
done

# The fetch workloads' HTTP/1.1 server: one node process for every runtime (same server).
fetch_server_pid=
for w in "${workloads[@]}"; do
  if [[ $w == fetch_* ]] && [ -z "$fetch_server_pid" ]; then
    node "$js/fetch_server.mjs" > "$scratch/fetch_server.url" &
    fetch_server_pid=$!
    for _ in $(seq 50); do [ -s "$scratch/fetch_server.url" ] && break; sleep 0.1; done
    export FETCH_BENCH_URL; FETCH_BENCH_URL=$(head -1 "$scratch/fetch_server.url")
    trap 'kill "$fetch_server_pid" 2>/dev/null; rm -rf "$scratch"' EXIT
  fi
done

raw=$out/raw.jsonl
: > "$raw"
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
env_args=(--unset NODE_EXTRA_CA_CERTS --env DENO_NO_UPDATE_CHECK=1 --env DENO_NO_PROMPT=1 --env NO_COLOR=1)
if [ -n "${FETCH_BENCH_URL:-}" ]; then env_args+=(--env "FETCH_BENCH_URL=$FETCH_BENCH_URL"); fi
failed_any=0
declare -A SKIP

echo "compare: runtimes ${names[*]}; out $out" >&2
for w in "${workloads[@]}"; do
  read -r name kind file <<<"$w"
  case $kind in cold) n=$cold_n ;; wall) n=$wall_n ;; *) n=$tput_runs ;; esac
  if [ "$file" = "@module_graph" ]; then path=$scratch/module_graph/main.mjs
  elif [ "$file" = "@package_graph" ]; then path=$scratch/package_graph/main.mjs; else path=$js/$file; fi
  nrt=${#names[@]}
  for ((r = 0; r <= n; r++)); do
    line="[$name] $([ $r = 0 ] && echo "warm-up" || echo "round $r/$n"):"
    for ((i = 0; i < nrt; i++)); do
      rt=${names[$(( (i + r) % nrt ))]}
      [ -n "${SKIP[$name/$rt]:-}" ] && continue
      tmp=$scratch/stat.json
      set +e
      # shellcheck disable=SC2086  # CMD holds the runtime's command and its fixed flags
      "$runstat" -n 1 -w 0 --capture --lines 3 --timeout "$timeout" --cwd "$scratch/cwd" "${env_args[@]}" \
        -- ${CMD[$rt]} "$path" > "$tmp" 2> "$scratch/stat.err"
      rc=$?
      set -e
      if [ ! -s "$tmp" ]; then # runstat itself could not run the command
        printf '{"workload":"%s","kind":"%s","runtime":"%s","round":%d,"error":%s}\n' "$name" "$kind" "$rt" "$r" \
          "$(node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(process.argv[1],"utf8")))' "$scratch/stat.err")" >> "$raw"
        rc=1
      else
        printf '{"workload":"%s","kind":"%s","runtime":"%s","round":%d,"stat":%s}\n' "$name" "$kind" "$rt" "$r" "$(cat "$tmp")" >> "$raw"
      fi
      if [ $rc != 0 ]; then
        failed_any=1
        line+=" $rt FAILED"
        if [ $r = 0 ]; then SKIP[$name/$rt]=1; echo "compare: $rt fails $name in warm-up, skipped: $(head -c 300 "$scratch/stat.err" | tr '\n' ' ')" >&2; fi
      elif [ "$kind" = throughput ]; then
        line+=" $rt $(node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const l=s.samples[0].lines;process.stdout.write((l[l.length-1]||"?").replace(/^[^:]*:\s*/,""))' "$tmp")"
      else
        line+=" $rt $(sed -n 's/.*"wall_ms":{"median":\([0-9.]*\).*/\1/p' "$tmp") ms"
      fi
    done
    echo "$line" >&2
  done
done
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

# ---------------------------------------------------------------- report
report_args=(--raw "$raw" --out "$out" --subject "$subject"
  --meta "load_before=$load_before" --meta "load_after=$load_after"
  --meta "runs_note=$cold_n rounds (cold start), $wall_n (module_graph), $tput_runs (throughput)")
for rt in "${names[@]}"; do report_args+=(--meta "version.$rt=${VERSION[$rt]}"); done
[ -n "$baseline" ] && report_args+=(--baseline "$baseline")
[ -n "$threshold" ] && report_args+=(--threshold "$threshold")
[ -n "$noise_k" ] && report_args+=(--noise-k "$noise_k")
[ -n "$write_baseline" ] && report_args+=(--write-baseline "$write_baseline")
set +e
node "$here/report.mjs" "${report_args[@]}"
rc=$?
set -e
echo "compare: wrote $out/results.json $out/results.md $out/ratios.svg" >&2
if [ $rc = 0 ] && [ $strict = 1 ] && [ $failed_any = 1 ]; then echo "compare: some runs failed (--strict)" >&2; rc=1; fi
exit $rc
