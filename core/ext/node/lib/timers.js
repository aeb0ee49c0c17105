// node:timers: Node's timer functions, returning Timeout and Immediate objects (ref, unref,
// hasRef, refresh, close; a Timeout converts to its numeric id, so the global clearTimeout
// takes it too). The global setTimeout & co. keep returning numbers (as in browsers and Deno:
// no object per timer); this module is for code written against Node's API.
(function (P) {
  "use strict";
  const ops = P.ops;
  const T = P.timers; // the platform's functions (core/ext/timers/timers.js)

  function argTypeError(name, value) {
    const received = value === null || value === undefined ? String(value)
      : typeof value === "object" ? `an instance of ${value.constructor?.name ?? "Object"}`
      : `type ${typeof value} (${typeof value === "string" ? `'${value}'` : String(value)})`;
    const err = new TypeError(`The "${name}" argument must be of type function. Received ${received}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  const kId = Symbol("id");
  class Timeout {
    constructor(callback, delay, args, repeat) {
      this._idleTimeout = delay;
      this._onTimeout = callback;
      this._timerArgs = args;
      this._repeat = repeat ? delay : null;
      this._destroyed = false;
      this[kId] = 0;
      this._ref = true;
      this._start();
    }
    _start() {
      const self = this;
      const run = function () {
        if (self._repeat === null) self._destroyed = true;
        const args = self._timerArgs;
        if (args === undefined) self._onTimeout.call(self);
        else Reflect.apply(self._onTimeout, self, args);
      };
      this[kId] = this._repeat !== null ? T.setInterval(run, this._idleTimeout)
        : T.setTimeout(run, this._idleTimeout);
      this._destroyed = false;
      if (!this._ref) ops.timerRef(this[kId], false);
    }
    ref() {
      this._ref = true;
      if (!this._destroyed) ops.timerRef(this[kId], true);
      return this;
    }
    unref() {
      this._ref = false;
      if (!this._destroyed) ops.timerRef(this[kId], false);
      return this;
    }
    hasRef() {
      return this._ref;
    }
    // Restarts the countdown from now with the same delay (also after the timer fired).
    refresh() {
      T.clearTimer(this[kId]);
      this._start();
      return this;
    }
    close() {
      T.clearTimer(this[kId]);
      this._destroyed = true;
      return this;
    }
    [Symbol.toPrimitive]() {
      return this[kId];
    }
  }

  class Immediate {
    constructor(callback, args) {
      this._onImmediate = callback;
      this._argv = args;
      this._destroyed = false;
      this._ref = true;
      const self = this;
      this[kId] = T.setImmediate(function () {
        self._destroyed = true;
        self._ref = null; // run: ref() no longer applies (Node's kRefed)
        if (args === undefined) callback.call(self);
        else Reflect.apply(callback, self, args);
      });
    }
    // An immediate runs at the next check phase whatever its ref: ref/unref only change what
    // hasRef reports.
    ref() {
      if (this._ref === false) this._ref = true;
      return this;
    }
    unref() {
      if (this._ref === true) this._ref = false;
      return this;
    }
    hasRef() {
      return this._ref === true;
    }
    [Symbol.toPrimitive]() {
      return this[kId];
    }
  }

  function setTimeout(callback, delay) {
    if (typeof callback !== "function") throw argTypeError("callback", callback);
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return new Timeout(callback, delay, args, false);
  }
  function setInterval(callback, delay) {
    if (typeof callback !== "function") throw argTypeError("callback", callback);
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return new Timeout(callback, delay, args, true);
  }
  function setImmediate(callback) {
    if (typeof callback !== "function") throw argTypeError("callback", callback);
    const args = arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : undefined;
    return new Immediate(callback, args);
  }
  function clearTimeout(timer) {
    if (timer instanceof Timeout) timer.close();
    else T.clearTimer(timer);
  }
  function clearImmediate(immediate) {
    if (immediate instanceof Immediate) {
      immediate._destroyed = true;
      immediate._ref = null;
      T.clearImmediate(immediate[kId]);
    } else {
      T.clearImmediate(immediate);
    }
  }

  const custom = Symbol.for("nodejs.util.promisify.custom");
  Object.defineProperty(setTimeout, custom, {
    get: () => P.nodeRequire("timers/promises").setTimeout, enumerable: false, configurable: true,
  });
  Object.defineProperty(setImmediate, custom, {
    get: () => P.nodeRequire("timers/promises").setImmediate, enumerable: false, configurable: true,
  });

  const timers = {
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    setInterval,
    clearInterval: clearTimeout,
  };
  Object.defineProperty(timers, "promises", {
    get: () => P.nodeRequire("timers/promises"), enumerable: true, configurable: true,
  });
  return timers;
});
