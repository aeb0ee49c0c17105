// BroadcastChannel: a message reaches every other open channel of the same name (not the
// sender, not other names), in creation order, as a structured clone; close() stops both
// directions and posting after it is an InvalidStateError; an open channel keeps the
// program alive until closed.
const a = new BroadcastChannel("room");
const b = new BroadcastChannel("room");
const c = new BroadcastChannel("room");
const other = new BroadcastChannel("other");
console.log(a.name, other.name, String(new BroadcastChannel(5).close() === undefined));
const seen = [];
for (const [label, ch] of [["a", a], ["b", b], ["c", c], ["other", other]]) {
  ch.onmessage = (e) => {
    seen.push(`${label}:${JSON.stringify(e.data)}`);
    if (e.data.n === 2) {
      setImmediate(() => {
        console.log(seen.sort().join(" ")); // node orders receivers its own way
        for (const x of [a, b, c, other]) x.close();
        try { a.postMessage(1); } catch (err) { console.log(err.name, err.code, err instanceof DOMException); }
      });
    }
  };
}
const payload = { n: 1, list: [1] };
a.postMessage(payload);
payload.list.push(2);
b.close();
c.postMessage({ n: 2 });
try { a.postMessage(Symbol("no")); } catch (e) { console.log(e.name); }
try { new BroadcastChannel(); } catch (e) { console.log(e.name); }
