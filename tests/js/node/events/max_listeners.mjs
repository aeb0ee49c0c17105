// The memory-leak warning: once per event name, with Node's text (printed to stderr when
// there is no process.emitWarning to route it).
// stderr: MaxListenersExceededWarning: Possible EventEmitter memory leak detected\. 11 foo listeners added to \[EventEmitter\]\. MaxListeners is 10\. Use emitter\.setMaxListeners\(\) to increase limit
import EventEmitter from "node:events";
const e = new EventEmitter();
for (let i = 0; i < 12; i++) e.on("foo", () => {});
const f = new EventEmitter();
f.setMaxListeners(0);
for (let i = 0; i < 20; i++) f.on("bar", () => {});
EventEmitter.defaultMaxListeners = 2;
const g = new EventEmitter();
g.on("baz", () => {}).on("baz", () => {});
console.log(e.listenerCount("foo"), f.listenerCount("bar"), g.getMaxListeners(), EventEmitter.defaultMaxListeners);
try { EventEmitter.defaultMaxListeners = -1; } catch (err) { console.log(err.code, err.message); }
