// read_file.mjs: the cost of the sandbox's check on readFile (issue 21). Reads a 4 KiB file
// N times with readTextFileSync, then N times with readFile (64 in flight); prints
// "sync <reads/s>" and "async <reads/s>", and the same per CPU second of the process
// ("sync-cpu", "async-cpu": less disturbed by a loaded machine than wall time). run.sh runs
// it with and without --allow-read.
import process from "node:process";

const file = `${mrt.args[0]}/data-4k.txt`;
const N = Number(mrt.args[1] ?? 20000);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
for (let i = 0; i < 2000; i++) mrt.readTextFileSync(file); // warm up
let t0 = performance.now(), c0 = cpu();
for (let i = 0; i < N; i++) mrt.readTextFileSync(file);
console.log(`sync ${(N / (performance.now() - t0) * 1000).toFixed(0)}`);
console.log(`sync-cpu ${(N / (cpu() - c0) * 1000).toFixed(0)}`);
let issued = 0;
async function worker() {
  while (issued < N) {
    issued++;
    await mrt.readFile(file);
  }
}
t0 = performance.now();
c0 = cpu();
await Promise.all(Array.from({ length: 64 }, worker));
console.log(`async ${(N / (performance.now() - t0) * 1000).toFixed(0)}`);
console.log(`async-cpu ${(N / (cpu() - c0) * 1000).toFixed(0)}`);
