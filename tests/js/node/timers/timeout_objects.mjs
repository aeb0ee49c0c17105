// node:timers returns Timeout objects (ref/unref/hasRef/refresh/close, a numeric primitive
// value, `this` in the callback) and Immediates; the global clearTimeout takes a Timeout; an
// unref'd timer does not keep the program alive.
import timers, { setTimeout as st, clearTimeout as ct, setInterval as si, setImmediate as sim, clearImmediate as cim } from "node:timers";
console.log(Object.keys(timers).filter((k) => !k.startsWith("_") && !["active", "unenroll", "enroll"].includes(k)).join(" "));
const t = st(() => console.log("MUST NOT RUN"), 10);
console.log(typeof t, t.constructor.name, t.hasRef(), t.unref() === t, t.hasRef(), t.ref().hasRef(), typeof +t, +t > 0);
clearTimeout(t);
const im = sim((v) => {
  console.log("immediate", v);
  const t2 = st(function (a, b) { console.log("timeout", this === t2, a, b); }, 1, "x", "y");
  console.log(im.constructor.name, im.hasRef(), im.unref().hasRef(), im.ref().hasRef());
  const im2 = sim(() => console.log("MUST NOT RUN (immediate)"));
  cim(im2);
  let n = 0;
  const iv = si(() => {
    console.log("interval", ++n);
    if (n === 3) {
      iv.close();
      const r = st(() => console.log("refreshed timer ran", Date.now() - start >= 15), 15);
      const start = Date.now();
      st(() => r.refresh(), 5);
    }
  }, 1);
}, "iv");
st(() => console.log("unref'd timer MUST NOT RUN"), 100000).unref();
ct(5); ct(undefined); ct(null); ct({}); cim(undefined);
