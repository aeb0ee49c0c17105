// TEMP (nodeproc branch only): a minimal EventEmitter so process.js can be tested before the
// nodebuf branch's node:events lands. The integrator drops this file for that one.
(function (P) {
  "use strict";
  function EventEmitter() {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = { __proto__: null };
    }
    this._maxListeners = this._maxListeners || undefined;
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype.setMaxListeners = function (n) { this._maxListeners = n; return this; };
  EventEmitter.prototype.getMaxListeners = function () { return this._maxListeners ?? 10; };
  function add(target, type, listener, prepend) {
    if (typeof listener !== "function") {
      const err = new TypeError(`The "listener" argument must be of type function. Received ${listener === null ? "null" : typeof listener}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
    if (target._events === undefined) target._events = { __proto__: null };
    if (target._events.newListener !== undefined) {
      target.emit("newListener", type, listener.listener ?? listener);
    }
    const list = target._events[type] ?? (target._events[type] = []);
    if (prepend) list.unshift(listener);
    else list.push(listener);
    return target;
  }
  EventEmitter.prototype.on = EventEmitter.prototype.addListener = function (t, l) { return add(this, t, l, false); };
  EventEmitter.prototype.prependListener = function (t, l) { return add(this, t, l, true); };
  function onceWrap(target, type, listener) {
    function wrapped(...args) {
      target.removeListener(type, wrapped);
      return listener.apply(target, args);
    }
    wrapped.listener = listener;
    return wrapped;
  }
  EventEmitter.prototype.once = function (t, l) { return add(this, t, onceWrap(this, t, l), false); };
  EventEmitter.prototype.prependOnceListener = function (t, l) { return add(this, t, onceWrap(this, t, l), true); };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener = function (type, listener) {
    const list = this._events?.[type];
    if (!list) return this;
    const i = list.findLastIndex((l) => l === listener || l.listener === listener);
    if (i < 0) return this;
    list.splice(i, 1);
    if (list.length === 0) delete this._events[type];
    if (this._events.removeListener !== undefined) this.emit("removeListener", type, listener);
    return this;
  };
  EventEmitter.prototype.removeAllListeners = function (type) {
    if (!this._events) return this;
    const types = type === undefined ? Object.keys(this._events) : [type];
    for (const t of types) for (const l of [...(this._events[t] ?? [])].reverse()) this.removeListener(t, l.listener ?? l);
    return this;
  };
  EventEmitter.prototype.emit = function (type, ...args) {
    const list = this._events?.[type];
    if (!list || list.length === 0) {
      if (type === "error") throw args[0];
      return false;
    }
    for (const l of [...list]) l.apply(this, args);
    return true;
  };
  EventEmitter.prototype.listeners = function (t) { return (this._events?.[t] ?? []).map((l) => l.listener ?? l); };
  EventEmitter.prototype.rawListeners = function (t) { return [...(this._events?.[t] ?? [])]; };
  EventEmitter.prototype.listenerCount = function (t) { return this._events?.[t]?.length ?? 0; };
  EventEmitter.prototype.eventNames = function () { return this._events ? Reflect.ownKeys(this._events) : []; };
  EventEmitter.EventEmitter = EventEmitter;
  return EventEmitter;
});
