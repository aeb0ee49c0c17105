// node:timers/promises: setTimeout/setImmediate with a value, AbortSignal (AbortError with
// the reason as cause), argument errors, the setInterval async iterator, scheduler.
import { setTimeout as st, setImmediate as si, setInterval as sv, scheduler } from "node:timers/promises";
import tp from "node:timers/promises";
import timers from "node:timers";
console.log(Object.keys(tp).join(" "), timers.promises === tp);
console.log(await st(5, "v"), await si("i"), await st());
const ac = new AbortController();
const p = st(1000, "x", { signal: ac.signal });
ac.abort();
try { await p } catch (e) { console.log(e.name, e.code, e.message, e.constructor.name, e.cause?.name, Object.keys(e)) }
try { await st(10, 1, { signal: AbortSignal.abort("why") }) } catch (e) { console.log(e.name, e.code, e.message, e.cause) }
try { await si(1, { signal: AbortSignal.abort("now") }) } catch (e) { console.log(e.name, e.cause) }
try { await st(10, 1, { signal: 5 }) } catch (e) { console.log(e.name, e.code, e.message) }
try { await st(10, 1, "x") } catch (e) { console.log(e.name, e.code, e.message) }
try { await st(10, 1, { ref: 1 }) } catch (e) { console.log(e.name, e.code, e.message) }
let n = 0;
for await (const v of sv(2, "iv")) { console.log(v, n); if (++n === 3) break; }
const ac2 = new AbortController();
let m = 0;
try {
  for await (const v of sv(1, "tick", { signal: ac2.signal })) {
    console.log(v, ++m);
    if (m === 2) ac2.abort(new Error("stop"));
  }
} catch (e) {
  console.log(e.name, e.cause.message);
}
await scheduler.wait(1);
await scheduler.yield();
console.log("done");
