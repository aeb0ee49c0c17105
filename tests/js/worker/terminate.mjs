// node: skip
// terminate() stops a worker busy in a loop that never yields, or blocked in Atomics.wait;
// nothing of it arrives after, and the program then ends (the worker no longer keeps it
// alive). Under ASan (full teardown) the terminated threads are joined at exit too.
const t0 = performance.now();
const w = new Worker(new URL("./fixtures/busy.js", import.meta.url));
w.onmessage = (e) => {
  console.log("worker:", e.data);
  w.terminate();
  w.terminate(); // twice: nothing more
  w.postMessage("dropped"); // after terminate: dropped silently
  console.log("terminated");
  // A worker blocked in Atomics.wait: termination wakes it.
  const w3 = new Worker(new URL("./fixtures/waits.js", import.meta.url));
  w3.onmessage = (e) => {
    console.log("w3:", e.data);
    setTimeout(() => {
      w3.terminate();
      console.log("ended in time:", performance.now() - t0 < 5000);
    }, 20);
  };
};
// A worker terminated before it ran anything.
const w2 = new Worker(new URL("./fixtures/busy.js", import.meta.url));
w2.onmessage = () => console.log("w2 must not speak");
w2.terminate();
