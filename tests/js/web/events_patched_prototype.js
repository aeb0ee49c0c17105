// Events work when a program has put a throwing accessor on Object.prototype (internal
// records are not affected by it; WPT streams/readable-streams/patched-global).
"use strict";
Object.defineProperty(Object.prototype, "type", { get() { throw new Error("type getter called"); }, configurable: true });
const ac = new AbortController();
ac.signal.addEventListener("abort", (e) => console.log("abort event", e.type));
ac.abort("x");
const e = new Event("hello");
console.log(e.type);
delete Object.prototype.type;
