// node: skip
// A SharedArrayBuffer in a message is shared, not copied: two workers add to the same memory
// with Atomics.add, and Atomics.notify on the main thread wakes both, blocked in Atomics.wait.
const sab = new SharedArrayBuffer(8);
const ia = new Int32Array(sab);
const url = new URL("./fixtures/sab_adder.js", import.meta.url);
const workers = [new Worker(url), new Worker(url)];
let added = 0;
let notified = 0;
const woken = [];
for (const w of workers) {
  w.onmessage = (e) => {
    if (e.data === "added") {
      if (++added < 2) return;
      console.log("sum:", Atomics.load(ia, 0));
      // They wait on slot 1 (one that had not started waiting yet sees 7 there: not-equal).
      setTimeout(() => {
        Atomics.store(ia, 1, 7);
        notified = Atomics.notify(ia, 1);
      }, 200);
      return;
    }
    woken.push(e.data);
    if (woken.length === 2) {
      const ok = woken.filter((m) => m.startsWith("woken: ok")).length;
      console.log("notify woke those that waited:", ok === notified);
      console.log(woken.map((m) => m.replace("not-equal", "ok")).join("\n"));
      for (const x of workers) x.terminate();
    }
  };
  w.postMessage({ sab, n: 50000 });
}
