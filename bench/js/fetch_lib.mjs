// fetch_lib.mjs: where the fetch workloads find their server (FETCH_BENCH_URL, set by
// compare.sh, which runs fetch_server.mjs for every runtime alike).
const env = (k) => globalThis.mrt?.env.get(k) ?? globalThis.Deno?.env.get(k) ??
  globalThis.process?.env[k];
export const BASE = env("FETCH_BENCH_URL");
if (!BASE) throw new Error("FETCH_BENCH_URL is not set: start bench/js/fetch_server.mjs");
export const now = () => globalThis.performance.now();
