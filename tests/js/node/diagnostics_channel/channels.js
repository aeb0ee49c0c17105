// node:diagnostics_channel: channels, subscribers, stores, tracing channels.
const dc = require("node:diagnostics_channel");
console.log(Object.keys(dc));

const a = dc.channel("a");
console.log(a === dc.channel("a"), a instanceof dc.Channel, a.name, a.hasSubscribers, dc.hasSubscribers("a"));
a.publish("nobody listens");
const seen = [];
const onA = (msg, name) => seen.push([msg, name]);
a.subscribe(onA);
console.log(a.hasSubscribers, dc.hasSubscribers("a"), a instanceof dc.Channel);
a.publish({ x: 1 });
console.log(JSON.stringify(seen));
console.log(a.unsubscribe(onA), a.unsubscribe(onA), a.hasSubscribers);
a.publish("after");
console.log(seen.length);

// The module-level forms.
const onB = (m) => console.log("b got", m);
dc.subscribe("b", onB);
dc.channel("b").publish(42);
console.log(dc.unsubscribe("b", onB), dc.unsubscribe("b", onB), dc.unsubscribe("nope", onB));

// Symbols name channels too.
const sym = Symbol("s");
console.log(dc.channel(sym).name === sym, new dc.Channel("fresh").name);

// Validation.
for (const bad of [() => dc.channel(1), () => a.subscribe(1), () => dc.tracingChannel(1)]) {
  try {
    bad();
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// A subscriber removed while publishing does not change that publish.
const c = dc.channel("c");
const first = () => { console.log("first"); c.unsubscribe(second); };
const second = () => console.log("second");
c.subscribe(first);
c.subscribe(second);
c.publish();
c.publish();

// runStores without stores publishes then runs; with a store, runs inside store.run.
const d = dc.channel("d");
d.subscribe((m) => console.log("d message", m));
console.log(d.runStores("msg", function (x, y) { return [this.t, x, y]; }, { t: "this" }, 1, 2));
const store = { run(ctx, fn) { console.log("store.run", ctx); return fn(); } };
d.bindStore(store, (m) => `ctx(${m})`);
console.log(d.runStores("m2", () => "ran"));
console.log(d.unbindStore(store), d.unbindStore(store));

// A subscriber's throw is an uncaught exception on a later tick, not the publisher's.
process.on("uncaughtException", (e) => console.log("uncaught:", e.message));
const e = dc.channel("e");
e.subscribe(() => { throw new Error("from subscriber"); });
e.subscribe(() => console.log("next subscriber still runs"));
e.publish();
console.log("publish returned");
