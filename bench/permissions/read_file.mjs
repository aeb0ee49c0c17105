// read_file.mjs: the cost of the sandbox's check on readFile (issue 21). Reads a 4 KiB file
// N times with readTextFileSync, then N times with readFile (64 in flight); prints
// "sync <reads/s>" and "async <reads/s>". run.sh runs it with and without --allow-read.
const file = `${mrt.args[0]}/data-4k.txt`;
const N = Number(mrt.args[1] ?? 20000);
for (let i = 0; i < 2000; i++) mrt.readTextFileSync(file); // warm up
let t0 = performance.now();
for (let i = 0; i < N; i++) mrt.readTextFileSync(file);
console.log(`sync ${(N / (performance.now() - t0) * 1000).toFixed(0)}`);
let issued = 0;
async function worker() {
  while (issued < N) {
    issued++;
    await mrt.readFile(file);
  }
}
t0 = performance.now();
await Promise.all(Array.from({ length: 64 }, worker));
console.log(`async ${(N / (performance.now() - t0) * 1000).toFixed(0)}`);
