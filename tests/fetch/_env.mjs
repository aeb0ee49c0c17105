// _env.mjs: the suite's environment (run.mjs sets it), for mrt and node alike.
export const env = (k) => (globalThis.mrt ? globalThis.mrt.env.get(k) : process.env[k]);
export const HTTP = env("FETCH_HTTP");
export const HTTPS = env("FETCH_HTTPS");
export const TMP = env("FETCH_TMP");
export function show(err) {
  return `${err.name}: ${err.message}` + (err.cause ? ` [cause ${err.cause.code}]` : "");
}
