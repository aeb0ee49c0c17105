// process.cpuUsage and resourceUsage measure CPU time (getrusage), not wall time: a busy loop
// after a 200 ms sleep shows its own CPU only; argument checks as Node's.
import process from "node:process";
const a = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, 200));
let x = 0; for (let i = 0; i < 3e7; i++) x += i;
const d = process.cpuUsage(a);
const wallUs = (performance.now() - t0) * 1000;
console.log(typeof d.user, typeof d.system, d.user > 5000, d.system >= 0, d.user + d.system < wallUs - 150000);
const r = process.resourceUsage();
console.log(Object.keys(r).join(), r.maxRSS > 1000, r.userCPUTime >= a.user);
for (const bad of [null, 5, { user: -1, system: 0 }, { user: 1 }]) {
  try { process.cpuUsage(bad); console.log("no throw"); } catch (e) { console.log(e.code, e.name); }
}
