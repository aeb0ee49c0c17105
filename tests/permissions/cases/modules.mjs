// flags: --allow-read={dir}/allowed
// Module loading is a read: static and dynamic imports, percent-encoded "..", symlinks, and
// files that are not regular (a FIFO) refused without blocking; require() the same.
import { createRequire } from "node:module";
import { A, dir, ok, denied, allowed, refused, done } from "./lib.mjs";

await allowed("import inside", () => import(`file://${A}/mod.mjs`), (m) => m.default === "inside");
await denied("import outside", () => import(`file://${dir}/secret.mjs`), "read");
// An encoded "/" is refused by the resolver already (Node's rule), before the sandbox.
await refused("import percent-encoded ../", () => import(`file://${A}/..%2fsecret.mjs`));
await refused("import percent-encoded ../../", () => import(`file://${A}/x/..%2f..%2fsecret.mjs`));
await denied("import %2e%2e", () => import(`file://${A}/%2e%2e/secret.mjs`), "read");
await denied("import a symlink to outside", () => import(`file://${A}/link-to-secret.mjs`), "read");
await denied("import by path via /proc/self/root", () => import(`/proc/self/root${dir}/secret.mjs`), "read");
try {
  await import(`file://${A}/fifo.mjs`);
  ok("import of a FIFO refused", false);
} catch (e) {
  ok("import of a FIFO refused", /not a regular file/.test(e.message), e.message);
}
const require = createRequire(`${A}/x.cjs`);
await allowed("require inside", () => require(`${A}/mod.cjs`), (m) => m === "inside cjs");
await denied("require outside", () => require(`${dir}/secret.cjs`), "read");
await denied("require a symlink to outside", () => require(`${A}/link-to-secret.cjs`), "read");
// Resolution's probes tell nothing either: a missing file outside is refused like a present one.
await denied("require a missing file outside", () => require(`${dir}/no-such.cjs`), "read");
await denied("import a missing file outside", () => import(`${dir}/no-such.mjs`), "read");
await denied("a worker's script outside", () => new Promise((resolve, reject) => {
  const w = new Worker(`file://${dir}/secret.mjs`, { type: "module" });
  w.onerror = (e) => { e.preventDefault?.(); w.terminate(); reject(Object.assign(new Error(e.message), { name: /NotCapable|Requires read/.test(e.message) ? "NotCapable" : "Error" })); };
  w.onmessage = () => { w.terminate(); resolve(); };
}), "read");
await allowed("a worker inherits the sandbox", () => new Promise((resolve) => {
  const w = new Worker(`file://${A}/worker.mjs`, { type: "module" });
  w.onmessage = (e) => { w.terminate(); resolve(e.data); };
}), (r) => r === "NotCapable");
done();
