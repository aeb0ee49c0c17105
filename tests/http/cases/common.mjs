// cases/common.mjs: what the corpus's case files share: the servers they name, request
// builders, and the list every case is added to (in file order, which is the run order).
export { delay, show } from "../client.mjs";

// The servers the cases share: run.mjs starts each the first time a case needs it. `mrt serve
// app.js` with these flags (ms, bytes); timeouts short so the corpus runs in seconds.
export const SERVERS = {
  base: [],
  maxbody: ["--max-body-size", "65536"],
  headertimeout: ["--header-timeout", "1000"],
  idle: ["--idle-timeout", "1000"],
  requesttimeout: ["--request-timeout", "1000"],
  alltimeouts: ["--header-timeout", "1000", "--idle-timeout", "1000", "--request-timeout", "1000"],
};
export const MAX_BODY = 65536;

export const H = "Host: localhost\r\n";
export const get = (target, extra = "") => `GET ${target} HTTP/1.1\r\n${H}${extra}\r\n`;
export const post = (target, body, extra = "") =>
  `POST ${target} HTTP/1.1\r\n${H}Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n${extra}\r\n${body}`;
export const chunkedPost = (target, chunks, extra = "") => `POST ${target} HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n${extra}\r\n` +
  chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join("") + "0\r\n\r\n";

export const cases = [];
export const add = (name, server, run, more = {}) => cases.push({ name, server, run, ...more });

// A seeded generator (xorshift32), so a failing mutation is the same on every run.
export function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

export function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

