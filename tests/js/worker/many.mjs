// node: skip
// timeout: 60000
// 200 workers created and ended in sequence (each terminated after its first message, or
// ending by itself): memory stays flat (RSS grows by far less than a leak of each worker's
// runtime, several MB apiece, would make it).
const url = new URL("./fixtures/hello.mjs", import.meta.url);
function one(terminate) {
  return new Promise((resolve) => {
    const w = new Worker(url, { type: "module" });
    w.onmessage = () => {
      if (terminate) w.terminate();
      resolve();
    };
  });
}
for (let i = 0; i < 20; i++) await one(i % 2 === 0); // warm up: allocator arenas, code
const rss0 = process.memoryUsage().rss;
for (let i = 0; i < 200; i++) await one(i % 2 === 0);
const grown = (process.memoryUsage().rss - rss0) / (1 << 20);
console.log("200 workers done");
// Under ASan freed memory waits in its quarantine (RSS says nothing there; LeakSanitizer
// checks for leaks at exit instead).
const asan = process.env.ASAN_OPTIONS !== undefined;
console.log("RSS grew less than 40 MB:", asan || grown < 40);
if (!asan && grown >= 40) console.log("grew MB:", grown.toFixed(1));
