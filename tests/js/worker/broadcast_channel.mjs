// node: skip
// BroadcastChannel across runtimes: a post reaches every other open channel of the same
// name in the process (main thread and workers), not itself nor other names; each sender's
// messages keep their order; a closed channel hears nothing more.
const url = new URL("./fixtures/bc_member.mjs", import.meta.url);
const room = new BroadcastChannel("room");
const second = new BroadcastChannel("room");
const heard = [];
room.onmessage = (e) => heard.push(`main heard: ${JSON.stringify(e.data)}`);
second.onmessage = (e) => heard.push(`main's second heard: ${JSON.stringify(e.data)}`);
const workers = ["A", "B"].map((name) => new Worker(url, { type: "module", name }));
const fromWorkers = [];
let waiting = null;
for (const w of workers) {
  w.onmessage = (e) => {
    fromWorkers.push(e.data);
    if (waiting && fromWorkers.length >= waiting.n) waiting.resolve();
  };
}
const until = (n) => new Promise((resolve) => {
  waiting = { n, resolve };
  if (fromWorkers.length >= n) resolve();
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

await until(2);
console.log(fromWorkers.sort().join("\n"));
fromWorkers.length = 0;

workers[0].postMessage("hello");
for (let i = 0; i < 3; i++) room.postMessage({ n: i });
await until(1 + 6); // B hears A's hello; A and B hear three each
await settle();
console.log(fromWorkers.sort().join("\n"));
console.log(heard.sort().join("\n"));
const order = (who) => fromWorkers.filter((m) => m.startsWith(`${who} heard: {`))
  .map((m) => JSON.parse(m.slice(m.indexOf("{"))).n).join("");
console.log("order kept:", order("A"), order("B"));
fromWorkers.length = 0;
heard.length = 0;

room.postMessage("bye");
await until(2);
console.log(fromWorkers.sort().join("\n"));
fromWorkers.length = 0;
room.postMessage("anyone?");
await settle();
console.log("after close, workers heard:", fromWorkers.length);
console.log(heard.join(" | "));
room.close();
second.close();
try {
  room.postMessage("x");
} catch (e) {
  console.log(e.name);
}
for (const w of workers) w.terminate();
