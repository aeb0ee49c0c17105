// node:diagnostics_channel: named channels that libraries publish to (lru-cache, undici,
// fastify) and tools subscribe to, and tracing channels (start/end/asyncStart/asyncEnd/error
// around a call). As in Node, a channel with subscribers is an ActiveChannel (its prototype
// swapped), so publishing to one nobody listens to costs nothing; a subscriber's exception is
// rethrown on the next tick as an uncaught exception, never into the publisher. runStores runs
// each bound store's run(context, next) (an AsyncLocalStorage's; mrt has none of its own).
(function (P) {
  "use strict";

  function describe(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value === "function") return `function ${value.name}`;
    if (typeof value === "object") {
      return value.constructor?.name ? `an instance of ${value.constructor.name}` : "an object";
    }
    const shown = typeof value === "string" ? `'${value}'` : typeof value === "symbol" ? value.toString() : String(value);
    return `type ${typeof value} (${shown})`;
  }
  function typeError(name, expected, value) {
    const kind = name.includes(".") ? "property" : "argument";
    const err = new TypeError(`The "${name}" ${kind} must be ${expected}. Received ${describe(value)}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }
  function validateFunction(value, name) {
    if (typeof value !== "function") throw typeError(name, "of type function", value);
  }
  const rethrowLater = (err) => process.nextTick(() => { throw err; });

  class ActiveChannel {
    subscribe(subscription) {
      validateFunction(subscription, "subscription");
      this._subscribers = [...this._subscribers, subscription];
    }
    unsubscribe(subscription) {
      const index = this._subscribers.indexOf(subscription);
      if (index === -1) return false;
      const next = this._subscribers.slice();
      next.splice(index, 1);
      this._subscribers = next;
      maybeDeactivate(this);
      return true;
    }
    bindStore(store, transform) {
      this._stores.set(store, transform ?? ((data) => data));
    }
    unbindStore(store) {
      if (!this._stores.has(store)) return false;
      this._stores.delete(store);
      maybeDeactivate(this);
      return true;
    }
    get hasSubscribers() {
      return true;
    }
    publish(data) {
      for (const onMessage of this._subscribers) {
        try {
          onMessage(data, this.name);
        } catch (err) {
          rethrowLater(err);
        }
      }
    }
    runStores(data, fn, thisArg, ...args) {
      let run = () => {
        this.publish(data);
        return Reflect.apply(fn, thisArg, args);
      };
      for (const [store, transform] of this._stores) {
        const next = run;
        run = () => {
          let context;
          try {
            context = transform(data);
          } catch (err) {
            rethrowLater(err);
            return next();
          }
          return store.run(context, next);
        };
      }
      return run();
    }
  }

  function maybeDeactivate(channel) {
    if (channel._subscribers.length === 0 && channel._stores.size === 0) {
      Object.setPrototypeOf(channel, Channel.prototype);
      channel._subscribers = undefined;
      channel._stores = undefined;
    }
  }
  function activate(channel) {
    Object.setPrototypeOf(channel, ActiveChannel.prototype);
    channel._subscribers = [];
    channel._stores = new Map();
  }

  class Channel {
    constructor(name) {
      this._subscribers = undefined;
      this._stores = undefined;
      this.name = name;
      channels.set(name, this);
    }
    static [Symbol.hasInstance](instance) {
      const proto = instance === null || typeof instance !== "object" ? null : Object.getPrototypeOf(instance);
      return proto === Channel.prototype || proto === ActiveChannel.prototype;
    }
    subscribe(subscription) {
      activate(this);
      this.subscribe(subscription);
    }
    unsubscribe() {
      return false;
    }
    bindStore(store, transform) {
      activate(this);
      this.bindStore(store, transform);
    }
    unbindStore() {
      return false;
    }
    get hasSubscribers() {
      return false;
    }
    publish() {}
    runStores(data, fn, thisArg, ...args) {
      return Reflect.apply(fn, thisArg, args);
    }
  }

  const channels = new Map();
  function channel(name) {
    const existing = channels.get(name);
    if (existing) return existing;
    if (typeof name !== "string" && typeof name !== "symbol") {
      throw typeError("channel", "one of type string or symbol", name);
    }
    return new Channel(name);
  }
  const hasSubscribers = (name) => channels.get(name)?.hasSubscribers ?? false;
  const subscribe = (name, subscription) => channel(name).subscribe(subscription);
  const unsubscribe = (name, subscription) => channel(name).unsubscribe(subscription);

  const traceEvents = ["start", "end", "asyncStart", "asyncEnd", "error"];

  class TracingChannel {
    constructor(nameOrChannels) {
      for (const event of traceEvents) {
        let ch;
        if (typeof nameOrChannels === "string") {
          ch = channel(`tracing:${nameOrChannels}:${event}`);
        } else if (nameOrChannels !== null && typeof nameOrChannels === "object") {
          ch = nameOrChannels[event];
          if (!(ch instanceof Channel)) throw typeError(`nameOrChannels.${event}`, "an instance of Channel", ch);
        } else {
          throw typeError("nameOrChannels", "of type string or an instance of TracingChannel or Object", nameOrChannels);
        }
        Object.defineProperty(this, event, { value: ch, writable: false, enumerable: false, configurable: false });
      }
    }
    get hasSubscribers() {
      return traceEvents.some((event) => this[event].hasSubscribers);
    }
    subscribe(handlers) {
      for (const event of traceEvents) if (handlers[event]) this[event].subscribe(handlers[event]);
    }
    unsubscribe(handlers) {
      let done = true;
      for (const event of traceEvents) {
        if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
      }
      return done;
    }
    traceSync(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, error } = this;
      return start.runStores(context, () => {
        try {
          const result = Reflect.apply(fn, thisArg, args);
          context.result = result;
          return result;
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    tracePromise(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const reject = (err) => {
        context.error = err;
        error.publish(context);
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return Promise.reject(err);
      };
      const resolve = (result) => {
        context.result = result;
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return result;
      };
      return start.runStores(context, () => {
        try {
          let promise = Reflect.apply(fn, thisArg, args);
          if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
          return promise.then(resolve, reject);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const callback = args.at(position);
      validateFunction(callback, "callback");
      function wrappedCallback(err, res) {
        if (err) {
          context.error = err;
          error.publish(context);
        } else {
          context.result = res;
        }
        return asyncStart.runStores(context, () => {
          try {
            return Reflect.apply(callback, this, arguments);
          } finally {
            asyncEnd.publish(context);
          }
        });
      }
      args.splice(position, 1, wrappedCallback);
      return start.runStores(context, () => {
        try {
          return Reflect.apply(fn, thisArg, args);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
  }

  const tracingChannel = (nameOrChannels) => new TracingChannel(nameOrChannels);

  return { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
});
