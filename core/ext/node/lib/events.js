// TEMP (nodefs branch only; the integrator drops this commit): a minimal EventEmitter so that
// node:stream and fs streams can be tested before the real node:events (nodebuf's) lands.
(function (P) {
  "use strict";
  class EventEmitter {
    #l = new Map();
    on(name, fn) {
      if (!this.#l.has(name)) this.#l.set(name, []);
      if (name !== "newListener") this.emit("newListener", name, fn.listener ?? fn);
      this.#l.get(name).push(fn);
      return this;
    }
    addListener(name, fn) { return this.on(name, fn); }
    prependListener(name, fn) { this.on(name, fn); const a = this.#l.get(name); a.unshift(a.pop()); return this; }
    once(name, fn) {
      const w = (...a) => { this.removeListener(name, w); return fn.apply(this, a); };
      w.listener = fn;
      return this.on(name, w);
    }
    removeListener(name, fn) {
      const a = this.#l.get(name);
      if (!a) return this;
      const i = a.findIndex((x) => x === fn || x.listener === fn);
      if (i >= 0) a.splice(i, 1);
      return this;
    }
    off(name, fn) { return this.removeListener(name, fn); }
    removeAllListeners(name) { if (name === undefined) this.#l.clear(); else this.#l.delete(name); return this; }
    emit(name, ...args) {
      const a = this.#l.get(name);
      if (!a || a.length === 0) {
        if (name === "error") throw args[0];
        return false;
      }
      for (const fn of a.slice()) fn.apply(this, args);
      return true;
    }
    listenerCount(name) { return this.#l.get(name)?.length ?? 0; }
    listeners(name) { return (this.#l.get(name) ?? []).map((f) => f.listener ?? f); }
    setMaxListeners() { return this; }
  }
  EventEmitter.EventEmitter = EventEmitter;
  return EventEmitter;
});
