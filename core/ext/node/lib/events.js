// node:events: Node's EventEmitter (lib/events.js's behaviour: listener order, once
// wrappers, 'newListener'/'removeListener', unhandled 'error', errorMonitor, max-listener
// warnings, captureRejections) and the helpers once(), on(), getEventListeners(),
// setMaxListeners(), listenerCount(), addAbortListener(). The module is the class, as in Node.
(function (P) {
  "use strict";
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const { nodeError, invalidArgType, outOfRange, validateFunction, validateObject,
    validateAbortSignal, validateBoolean, AbortError } = E;

  const kCapture = Symbol("kCapture");
  // Set when a subclass's prototype has its own _events: removals then keep the key.
  const kShapeMode = Symbol("shapeMode");
  const kErrorMonitor = Symbol("events.errorMonitor");
  const kRejection = Symbol.for("nodejs.rejection");
  let defaultMaxListeners = 10;

  const nextTick = (fn, ...args) => {
    const proc = globalThis.process;
    if (proc && typeof proc.nextTick === "function") proc.nextTick(fn, ...args);
    else queueMicrotask(() => fn(...args));
  };

  function emitWarning(warning) {
    const proc = globalThis.process;
    if (proc && typeof proc.emitWarning === "function") {
      proc.emitWarning(warning);
    } else {
      console.error(`${warning.name}: ${warning.message}`);
    }
  }

  function checkListener(listener) {
    validateFunction(listener, "listener");
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.prototype[kCapture] = false;

  Object.defineProperty(EventEmitter, "captureRejections", {
    enumerable: true,
    get() { return EventEmitter.prototype[kCapture]; },
    set(value) {
      validateBoolean(value, "EventEmitter.captureRejections");
      EventEmitter.prototype[kCapture] = value;
    },
  });
  Object.defineProperty(EventEmitter, "defaultMaxListeners", {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(arg) {
      E.validateNumber(arg, "defaultMaxListeners", 0);
      defaultMaxListeners = arg;
    },
  });
  EventEmitter.errorMonitor = kErrorMonitor;
  EventEmitter.captureRejectionSymbol = kRejection;
  Object.defineProperty(EventEmitter, "kMaxEventTargetListeners", { value: Symbol("events.maxEventTargetListeners") });

  EventEmitter.init = function init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts && opts.captureRejections) {
      validateBoolean(opts.captureRejections, "options.captureRejections");
      this[kCapture] = Boolean(opts.captureRejections);
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  function addCatch(that, promise, type, args) {
    if (!that[kCapture]) return;
    try {
      const then = promise.then;
      if (typeof then === "function") {
        then.call(promise, undefined, (err) => nextTick(emitUnhandledRejectionOrErr, that, err, type, args));
      }
    } catch (err) {
      that.emit("error", err);
    }
  }
  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === "function") {
      ee[kRejection](err, type, ...args);
    } else {
      const prev = ee[kCapture];
      try {
        ee[kCapture] = false;
        ee.emit("error", err);
      } finally {
        ee[kCapture] = prev;
      }
    }
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    E.validateNumber(n, "setMaxListeners", 0);
    this._maxListeners = n;
    return this;
  };
  function _getMaxListeners(that) {
    if (that._maxListeners === undefined) return defaultMaxListeners;
    return that._maxListeners;
  }
  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return _getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = type === "error";
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      let er;
      if (args.length > 0) er = args[0];
      if (er instanceof Error) throw er; // Unhandled 'error' event
      let stringified;
      try {
        stringified = P.inspect(er);
      } catch {
        stringified = er;
      }
      const err = nodeError(Error, "ERR_UNHANDLED_ERROR",
        `Unhandled error.${stringified === undefined ? "" : ` (${stringified})`}`);
      err.context = er;
      throw err; // Unhandled 'error' event
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === "function") {
      const result = handler.apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      const len = handler.length;
      const listeners = handler.slice();
      for (let i = 0; i < len; ++i) {
        const result = listeners[i].apply(this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  };

  function _addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    let existing;
    if (events === undefined) {
      events = target._events = { __proto__: null };
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit("newListener", type, listener.listener ?? listener);
        events = target._events;
      }
      existing = events[type];
    }
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === "function") {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      const m = _getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) {
        existing.warned = true;
        const w = new Error("Possible EventEmitter memory leak detected. " +
          `${existing.length} ${String(type)} listeners ` +
          `added to ${P.inspect(target, { depth: -1 })}. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
        w.name = "MaxListenersExceededWarning";
        w.emitter = target;
        w.type = type;
        w.count = existing.length;
        emitWarning(w);
      }
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener(type, listener) {
    return _addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return _addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      if (arguments.length === 0) return this.listener.call(this.target);
      return this.listener.apply(this.target, arguments);
    }
    return undefined;
  }
  function _onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }
  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, _onceWrap(this, type, listener));
    return this;
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, _onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = { __proto__: null };
      } else {
        delete events[type];
        if (events.removeListener) this.emit("removeListener", type, list.listener || listener);
      }
    } else if (typeof list !== "function") {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit("removeListener", type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === "removeListener") continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners("removeListener");
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === "function") {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function unwrapListeners(arr) {
    const ret = new Array(arr.length);
    for (let i = 0; i < ret.length; ++i) ret[i] = arr[i].listener || arr[i];
    return ret;
  }
  function _listeners(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const evlistener = events[type];
    if (evlistener === undefined) return [];
    if (typeof evlistener === "function") return unwrap ? [evlistener.listener || evlistener] : [evlistener];
    return unwrap ? unwrapListeners(evlistener) : evlistener.slice();
  }
  EventEmitter.prototype.listeners = function listeners(type) {
    return _listeners(this, type, true);
  };
  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return _listeners(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events !== undefined) {
      const evlistener = events[type];
      if (typeof evlistener === "function") {
        if (listener != null) return listener === evlistener || listener === evlistener.listener ? 1 : 0;
        return 1;
      } else if (evlistener !== undefined) {
        if (listener != null) {
          let matching = 0;
          for (let i = 0, l = evlistener.length; i < l; i++) {
            if (evlistener[i] === listener || evlistener[i].listener === listener) matching++;
          }
          return matching;
        }
        return evlistener.length;
      }
    }
    return 0;
  }
  EventEmitter.prototype.listenerCount = listenerCount;
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  // ------------------------------------------------------------------ helpers

  const isEventTarget = (v) => v !== null && typeof v === "object" &&
    typeof v.addEventListener === "function" && typeof v.dispatchEvent === "function";

  function getEventListeners(emitterOrTarget, type) {
    if (typeof emitterOrTarget.listeners === "function") return emitterOrTarget.listeners(type);
    if (isEventTarget(emitterOrTarget)) {
      // The web EventTarget keeps its listeners to itself; mrt's exposes them to Node's helper.
      const list = P.eventTargetListeners ? P.eventTargetListeners(emitterOrTarget, type) : undefined;
      return list || [];
    }
    throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
  }

  function getMaxListeners(emitterOrTarget) {
    if (typeof emitterOrTarget?.getMaxListeners === "function") return _getMaxListeners(emitterOrTarget);
    if (isEventTarget(emitterOrTarget)) {
      return emitterOrTarget[EventEmitter.kMaxEventTargetListeners] ?? defaultMaxListeners;
    }
    throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
  }

  function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) throw outOfRange("n", "a non-negative number", n);
    if (eventTargets.length === 0) {
      defaultMaxListeners = n;
    } else {
      for (const target of eventTargets) {
        if (isEventTarget(target)) {
          target[EventEmitter.kMaxEventTargetListeners] = n;
        } else if (typeof target.setMaxListeners === "function") {
          target.setMaxListeners(n);
        } else {
          throw invalidArgType("eventTargets", ["EventEmitter", "EventTarget"], target);
        }
      }
    }
  }

  function addListenerAgnostic(emitter, name, listener, flags) {
    if (typeof emitter.on === "function") {
      if (flags && flags.once) emitter.once(name, listener);
      else emitter.on(name, listener);
    } else if (typeof emitter.addEventListener === "function") {
      emitter.addEventListener(name, listener, flags);
    } else {
      throw invalidArgType("emitter", "EventEmitter", emitter);
    }
  }
  function removeListenerAgnostic(emitter, name, listener, flags) {
    if (typeof emitter.removeListener === "function") emitter.removeListener(name, listener);
    else if (typeof emitter.removeEventListener === "function") emitter.removeEventListener(name, listener, flags);
    else throw invalidArgType("emitter", "EventEmitter", emitter);
  }

  async function once(emitter, name, options = {}) {
    validateObject(options, "options");
    const signal = options.signal;
    validateAbortSignal(signal, "options.signal");
    if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        if (signal != null) removeListenerAgnostic(signal, "abort", abortListener);
        reject(err);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === "function") emitter.removeListener("error", errorListener);
        if (signal != null) removeListenerAgnostic(signal, "abort", abortListener);
        resolve(args);
      };
      addListenerAgnostic(emitter, name, resolver, { once: true });
      if (name !== "error" && typeof emitter.once === "function") emitter.once("error", errorListener);
      function abortListener() {
        removeListenerAgnostic(emitter, name, resolver);
        removeListenerAgnostic(emitter, "error", errorListener);
        reject(new AbortError(undefined, { cause: signal && signal.reason }));
      }
      if (signal != null) addListenerAgnostic(signal, "abort", abortListener, { once: true });
    });
  }

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  function on(emitter, event, options = {}) {
    validateObject(options, "options");
    const signal = options.signal;
    validateAbortSignal(signal, "options.signal");
    if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    const closeEvents = options.close || [];
    const unconsumedEvents = [];
    const unconsumedPromises = [];
    let error = null;
    let finished = false;
    const result = (value, done) => ({ value, done });

    const iterator = Object.setPrototypeOf({
      next() {
        const value = unconsumedEvents.shift();
        if (value) return Promise.resolve(result(value, false));
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return Promise.resolve(result(undefined, true));
        return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
      },
      return() {
        removeAll();
        finished = true;
        for (const promise of unconsumedPromises) promise.resolve(result(undefined, true));
        unconsumedPromises.length = 0;
        return Promise.resolve(result(undefined, true));
      },
      throw(err) {
        if (!err || !(err instanceof Error)) throw invalidArgType("EventEmitter.AsyncIterator", "Error", err);
        error = err;
        removeAll();
      },
      [Symbol.asyncIterator]() { return this; },
    }, AsyncIteratorPrototype);

    const listeners = [];
    function listen(name, fn) {
      addListenerAgnostic(emitter, name, fn);
      listeners.push([name, fn]);
    }
    listen(event, eventHandler);
    if (event !== "error" && typeof emitter.on === "function") listen("error", errorHandler);
    for (const name of closeEvents) listen(name, closeHandler);
    if (signal) signal.addEventListener("abort", abortListener, { once: true });
    function removeAll() {
      for (const [name, fn] of listeners) removeListenerAgnostic(emitter, name, fn);
      listeners.length = 0;
      if (signal) signal.removeEventListener("abort", abortListener);
    }
    function abortListener() {
      errorHandler(new AbortError(undefined, { cause: signal && signal.reason }));
    }
    function eventHandler(...args) {
      const promise = unconsumedPromises.shift();
      if (promise) promise.resolve(result(args, false));
      else unconsumedEvents.push(args);
    }
    function errorHandler(err) {
      finished = true;
      const toError = unconsumedPromises.shift();
      if (toError) toError.reject(err);
      else error = err;
      iterator.return();
    }
    function closeHandler() {
      removeAll();
      finished = true;
      for (const promise of unconsumedPromises) promise.resolve(result(undefined, true));
      unconsumedPromises.length = 0;
    }
    return iterator;
  }

  function addAbortListener(signal, listener) {
    if (signal === undefined) throw invalidArgType("signal", "AbortSignal", signal);
    validateAbortSignal(signal, "signal");
    validateFunction(listener, "listener");
    let removeEventListener;
    if (signal.aborted) {
      queueMicrotask(() => listener());
    } else {
      signal.addEventListener("abort", listener, { once: true });
      removeEventListener = () => signal.removeEventListener("abort", listener);
    }
    return { [Symbol.dispose || Symbol.for("nodejs.dispose")]() { removeEventListener?.(); } };
  }

  // Node ties it to async_hooks, which mrt does not have: an emitter with the same surface.
  let asyncIds = 0;
  class EventEmitterAsyncResource extends EventEmitter {
    constructor(options = undefined) {
      let name;
      if (typeof options === "string") {
        name = options;
        options = undefined;
      } else {
        name = options?.name || new.target.name;
      }
      super(options);
      const asyncId = ++asyncIds;
      this.asyncResource = { type: name, asyncId: () => asyncId, triggerAsyncId: () => 0,
        eventEmitter: this, emitDestroy() {}, runInAsyncScope: (fn, thisArg, ...args) => fn.apply(thisArg, args) };
    }
    emit(event, ...args) {
      return super.emit(event, ...args);
    }
    emitDestroy() {}
    get asyncId() { return this.asyncResource.asyncId(); }
    get triggerAsyncId() { return this.asyncResource.triggerAsyncId(); }
  }

  EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;
  EventEmitter.once = once;
  EventEmitter.on = on;
  EventEmitter.getEventListeners = getEventListeners;
  EventEmitter.getMaxListeners = getMaxListeners;
  EventEmitter.setMaxListeners = setMaxListeners;
  EventEmitter.addAbortListener = addAbortListener;
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  return EventEmitter;
});
