// timers.js: setTimeout/setInterval/setImmediate/queueMicrotask over the loop's timers.
// Timer ids are numbers (as in browsers and Deno); ordering follows Node.
(function (P) {
  "use strict";
  const ops = P.ops;
  const TIMEOUT_MAX = 2 ** 31 - 1;

  // id -> timer record; the loop keeps deadlines, JS keeps callbacks.
  const timers = new Map();

  function checkCallback(cb) {
    if (typeof cb !== "function") {
      const err = new TypeError(
        `The "callback" argument must be of type function. Received ${describe(cb)}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
  }

  function describe(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === "object") return "an instance of " + (v.constructor?.name ?? "Object");
    return `type ${typeof v} (${typeof v === "string" ? `'${v}'` : String(v)})`;
  }

  // Node's coercion: a number in [1, 2^31-1], else 1 (with a warning when too large).
  function coerceDelay(delay) {
    delay = +delay;
    if (!(delay >= 1 && delay <= TIMEOUT_MAX)) {
      if (delay > TIMEOUT_MAX) {
        ops.print(2, `TimeoutOverflowWarning: ${delay} does not fit into a 32-bit signed ` +
          "integer.\nTimeout duration was set to 1.\n");
      }
      delay = 1;
    }
    return delay;
  }

  function schedule(cb, delay, args, repeat) {
    checkCallback(cb);
    const id = ops.timerStart(coerceDelay(delay), repeat);
    timers.set(id, { cb, args, repeat });
    return id;
  }

  function setTimeout(cb, delay, ...args) {
    return schedule(cb, delay, args.length ? args : undefined, false);
  }

  function setInterval(cb, delay, ...args) {
    return schedule(cb, delay, args.length ? args : undefined, true);
  }

  function toId(id) {
    return typeof id === "number" ? id : typeof id === "string" ? Number(id) : NaN;
  }

  function clearTimer(id) {
    id = toId(id);
    if (timers.delete(id)) ops.timerClear(id);
  }

  // Called by C with the ids of due timers in P.timerIds[0..n), in firing order. A
  // checkpoint follows each callback; an error pending after it ends the batch.
  const ids = P.timerIds;
  P.runTimers = function runTimers(n) {
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const t = timers.get(id);
      if (t === undefined) continue; // cleared by an earlier callback of this batch
      if (!t.repeat) timers.delete(id);
      if (t.args === undefined) t.cb.call(globalThis);
      else t.cb.apply(globalThis, t.args);
      if (ops.runMicrotasks()) return;
    }
  };

  // Immediates: a JS queue; the loop runs P.runImmediates in its check phase.
  const immediates = new Map();
  let queue = [];
  let nextImmediate = 1;

  function setImmediate(cb, ...args) {
    checkCallback(cb);
    const id = nextImmediate++;
    immediates.set(id, { cb, args: args.length ? args : undefined });
    queue.push(id);
    if (queue.length === 1) ops.immediatesPending(1);
    return id;
  }

  function clearImmediate(id) {
    immediates.delete(toId(id));
  }

  // Runs the immediates queued before this pass; ones queued meanwhile wait for the next.
  P.runImmediates = function runImmediates() {
    const run = queue;
    queue = [];
    for (let i = 0; i < run.length; i++) {
      const im = immediates.get(run[i]);
      if (im === undefined) continue;
      immediates.delete(run[i]);
      if (im.args === undefined) im.cb.call(globalThis);
      else im.cb.apply(globalThis, im.args);
      if (ops.runMicrotasks()) return 0;
    }
    // Drop ids cleared before they ran so the count is what will run.
    return immediates.size === 0 ? 0 : queue.length;
  };

  const define = (name, fn) =>
    Object.defineProperty(globalThis, name, {
      value: fn, writable: true, enumerable: true, configurable: true,
    });
  define("setTimeout", setTimeout);
  define("setInterval", setInterval);
  define("clearTimeout", clearTimer);
  define("clearInterval", clearTimer);
  define("setImmediate", setImmediate);
  define("clearImmediate", clearImmediate);
  // The native validates its argument: no JS frame on the hot path.
  define("queueMicrotask", ops.queueMicrotask);
});
