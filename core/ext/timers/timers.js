// timers.js: setTimeout/setInterval/setImmediate/queueMicrotask over the loop's timers.
// Timer ids are numbers (as in browsers and Deno); ordering follows Node.
(function (P) {
  "use strict";
  const ops = P.ops;
  const TIMEOUT_MAX = 2 ** 31 - 1;

  // The loop keeps deadlines; JS keeps callbacks, in arrays indexed by the timer's slot (the
  // low 24 bits of its id, see loop/timers.h): no map, no record per timer. tids[slot] holds
  // the id living in the slot, so a stale id never matches.
  const SLOT_MASK = 0xffffff;
  const tids = [];
  const cbs = [];
  const argvs = [];
  const repeats = [];

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

  function overflowWarning(delay) {
    ops.print(2, `TimeoutOverflowWarning: ${delay} does not fit into a 32-bit signed ` +
      "integer.\nTimeout duration was set to 1.\n");
  }

  function schedule(cb, delay, args, repeat) {
    checkCallback(cb);
    // Node's coercion: a number in [1, 2^31-1], else 1 (with a warning when too large).
    delay = +delay;
    if (!(delay >= 1 && delay <= TIMEOUT_MAX)) {
      if (delay > TIMEOUT_MAX) overflowWarning(delay);
      delay = 1;
    }
    const id = ops.timerStart(delay, repeat);
    if (id === 0) throw new RangeError("too many timers");
    const slot = id & SLOT_MASK;
    tids[slot] = id;
    cbs[slot] = cb;
    argvs[slot] = args;
    repeats[slot] = repeat;
    return id;
  }

  // `arguments` rather than a rest parameter: no array for the common no-extra-args call.
  function setTimeout(cb, delay) {
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return schedule(cb, delay, args, false);
  }

  function setInterval(cb, delay) {
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return schedule(cb, delay, args, true);
  }

  // A Timeout object of node:timers converts to its id (Symbol.toPrimitive).
  function toId(id) {
    if (typeof id === "number") return id;
    if (typeof id === "string") return Number(id);
    return id !== null && typeof id === "object" && typeof id[Symbol.toPrimitive] === "function"
      ? Number(id[Symbol.toPrimitive]("number")) : NaN;
  }

  function forget(slot) {
    tids[slot] = 0;
    cbs[slot] = undefined;
    argvs[slot] = undefined;
  }

  function clearTimer(id) {
    id = toId(id);
    if (!(id > 0)) return;
    const slot = id & SLOT_MASK;
    if (tids[slot] !== id) return;
    forget(slot);
    ops.timerClear(id);
  }

  // While globalThis has `error` listeners (core/ext/events sets the hook), a callback's
  // error is offered to them first; one they cancel is not reported and the batch goes on.
  // Otherwise callbacks run unwrapped (a closure variable: no property load per callback).
  let uncaughtHook;
  P.setTimersUncaughtHook = (hook) => { uncaughtHook = hook; };
  function guarded(cb, args) {
    try {
      if (args === undefined) cb.call(globalThis);
      else cb.apply(globalThis, args);
    } catch (e) {
      const hook = uncaughtHook;
      if (hook === undefined || !hook(e)) throw e;
    }
  }

  // Called by C with the ids of due timers in P.timerIds[0..n), in firing order. After each
  // callback timerDone re-arms it if it is an interval (so it queues behind the timers the
  // callback made, as in Node) and runs the checkpoint; an error pending after it ends the
  // batch. An interval whose callback threw is re-armed by the loop at the batch's end.
  const ids = P.timerIds;
  P.runTimers = function runTimers(n) {
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const slot = id & SLOT_MASK;
      if (tids[slot] !== id) continue; // cleared by an earlier callback of this batch
      const cb = cbs[slot];
      const args = argvs[slot];
      const repeat = repeats[slot];
      if (!repeat) forget(slot);
      if (uncaughtHook !== undefined) guarded(cb, args);
      else if (args === undefined) cb.call(globalThis);
      else cb.apply(globalThis, args);
      if (ops.timerDone(repeat ? id : 0)) return;
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
      if (uncaughtHook !== undefined) guarded(im.cb, im.args);
      else if (im.args === undefined) im.cb.call(globalThis);
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
  // The platform's own, for node:timers (a program may replace the globals).
  P.timers = { setTimeout, setInterval, clearTimer, setImmediate, clearImmediate };
  define("setTimeout", setTimeout);
  define("setInterval", setInterval);
  define("clearTimeout", clearTimer);
  define("clearInterval", clearTimer);
  define("setImmediate", setImmediate);
  define("clearImmediate", clearImmediate);
  // The native validates its argument: no JS frame on the hot path.
  define("queueMicrotask", ops.queueMicrotask);
});
