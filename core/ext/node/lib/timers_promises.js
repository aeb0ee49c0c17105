// node:timers/promises: setTimeout, setImmediate, setInterval (an async iterator) and
// scheduler.wait/yield, with Node's `signal` (AbortError, cause: the signal's reason) and
// `ref` options.
(function (P) {
  "use strict";
  const ops = P.ops;
  const T = P.timers;

  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }

  function describe(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === "object") return `an instance of ${v.constructor?.name ?? "Object"}`;
    if (typeof v === "function") return `function ${v.name}`;
    return `type ${typeof v} (${typeof v === "string" ? `'${v}'` : String(v)})`;
  }
  function typeError(what, expected, v) {
    const err = new TypeError(`The ${what} must be ${expected}. Received ${describe(v)}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  // The options object's signal and ref, checked as Node does.
  function readOptions(options) {
    if (options === undefined) return { signal: undefined, ref: true };
    if (options === null || typeof options !== "object") {
      throw typeError('"options" argument', "of type object", options);
    }
    const { signal, ref = true } = options;
    if (signal !== undefined && !(signal instanceof P.events().AbortSignal)) {
      throw typeError('"options.signal" property', "an instance of AbortSignal", signal);
    }
    if (typeof ref !== "boolean") throw typeError('"options.ref" property', "of type boolean", ref);
    return { signal, ref };
  }

  function abortError(signal) {
    return new AbortError(undefined, { cause: signal.reason });
  }

  function setTimeout(delay, value, options) {
    let o;
    try {
      o = readOptions(options);
    } catch (e) {
      return Promise.reject(e);
    }
    const { signal, ref } = o;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      let onAbort;
      const id = T.setTimeout(() => {
        if (onAbort) signal.removeEventListener("abort", onAbort);
        resolve(value);
      }, delay);
      if (!ref) ops.timerRef(id, false);
      if (signal) {
        onAbort = () => {
          T.clearTimer(id);
          reject(abortError(signal));
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  function setImmediate(value, options) {
    let o;
    try {
      o = readOptions(options);
    } catch (e) {
      return Promise.reject(e);
    }
    const { signal } = o;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      let onAbort;
      const id = T.setImmediate(() => {
        if (onAbort) signal.removeEventListener("abort", onAbort);
        resolve(value);
      });
      if (signal) {
        onAbort = () => {
          T.clearImmediate(id);
          reject(abortError(signal));
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  // Yields `value` every `delay` ms; ticks that come while nobody awaits are counted and
  // each one is yielded later, as Node does.
  async function* setInterval(delay, value, options) {
    const { signal, ref } = readOptions(options);
    if (signal?.aborted) throw abortError(signal);
    let pending = 0;
    let wake;
    let onAbort;
    const id = T.setInterval(() => {
      pending++;
      if (wake) {
        wake();
        wake = undefined;
      }
    }, delay);
    if (!ref) ops.timerRef(id, false);
    if (signal) {
      onAbort = () => {
        if (wake) {
          wake();
          wake = undefined;
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
    try {
      for (;;) {
        if (signal?.aborted) throw abortError(signal);
        if (pending === 0) {
          await new Promise((resolve) => { wake = resolve; });
        }
        if (signal?.aborted) throw abortError(signal);
        for (; pending > 0; pending--) yield value;
      }
    } finally {
      T.clearTimer(id);
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  }

  const scheduler = {
    wait: (delay, options) => setTimeout(delay, undefined, options),
    yield: () => setImmediate(),
  };

  return { setTimeout, setImmediate, setInterval, scheduler };
});
