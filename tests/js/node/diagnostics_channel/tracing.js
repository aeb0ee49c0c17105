// node:diagnostics_channel tracingChannel: traceSync, tracePromise, traceCallback.
const dc = require("node:diagnostics_channel");
const tc = dc.tracingChannel("op");
console.log(tc.start.name, tc.end.name, tc.asyncStart.name, tc.asyncEnd.name, tc.error.name, Object.keys(tc));
console.log(tc.hasSubscribers);

// No subscribers: the function runs, the context is untouched.
const quiet = {};
console.log(tc.traceSync((a, b) => a + b, quiet, null, 2, 3), JSON.stringify(quiet));

const log = (event) => (ctx) => console.log(event, JSON.stringify(ctx, (k, v) => (v instanceof Error ? `Error(${v.message})` : v)));
const handlers = {
  start: log("start"), end: log("end"), asyncStart: log("asyncStart"),
  asyncEnd: log("asyncEnd"), error: log("error"),
};
tc.subscribe(handlers);
console.log(tc.hasSubscribers);

console.log(tc.traceSync(function (a) { return this.k + a; }, { id: 1 }, { k: 10 }, 5));
try {
  tc.traceSync(() => { throw new Error("sync boom"); }, { id: 2 });
} catch (e) {
  console.log("caught", e.message);
}

(async () => {
  console.log(await tc.tracePromise(async (x) => x * 2, { id: 3 }, null, 21));
  try {
    await tc.tracePromise(async () => { throw new Error("async boom"); }, { id: 4 });
  } catch (e) {
    console.log("caught", e.message);
  }
  console.log(await tc.tracePromise(() => "not a promise", { id: 5 }));

  await new Promise((resolve) => {
    tc.traceCallback((x, cb) => setTimeout(() => cb(null, x + 1), 1), -1, { id: 6 }, null, 1,
      (err, res) => { console.log("callback", err, res); resolve(); });
  });
  await new Promise((resolve) => {
    tc.traceCallback((cb) => cb(new Error("cb boom")), 0, { id: 7 }, null,
      (err) => { console.log("callback error", err.message); resolve(); });
  });
  try {
    tc.traceCallback(() => {}, -1, {}, null, "not a function");
  } catch (e) {
    console.log(e.code, e.message);
  }
  console.log(tc.unsubscribe(handlers), tc.hasSubscribers, tc.unsubscribe(handlers));

  // Channels given as an object.
  const own = dc.tracingChannel({
    start: dc.channel("s"), end: dc.channel("e"), asyncStart: dc.channel("as"),
    asyncEnd: dc.channel("ae"), error: dc.channel("er"),
  });
  console.log(own.start.name, own.error.name);
  try {
    dc.tracingChannel({ start: 1 });
  } catch (e) {
    console.log(e.code, e.message);
  }
})();
