// events_impl.js: DOM events, AbortController/AbortSignal, DOMException and globalThis as an
// event target, compiled from the binary at first use (events.js).
//
// There is no node tree: an event's path is its target alone, so dispatch is the spec's
// algorithm with one item on the path (capture listeners, then the others, at AT_TARGET).
(function (P) {
  "use strict";
  const ops = P.ops;
  // Taken at bootstrap (events.js): a program replacing these globals does not change the
  // platform's.
  const { perf, setTimeoutP, clearTimeoutP, captureStackTrace } = P.eventsBoot;

  const defineProperty = Object.defineProperty;
  const TypeErrorC = TypeError;

  // ---------------------------------------------------------------- WebIDL helpers

  function illegal() { return new TypeErrorC("Illegal invocation"); }

  function argCount(n, need, what) {
    if (n < need) {
      throw new TypeErrorC(`${what}: ${need} argument${need > 1 ? "s" : ""} required, ` +
        `but only ${n} present.`);
    }
  }

  function toStr(v) {
    if (typeof v === "string") return v;
    if (typeof v === "symbol") throw new TypeErrorC("Cannot convert a Symbol value to a string");
    return `${v}`;
  }

  // unsigned long: modulo 2^32, non-finite -> 0.
  function toUint32(v) { return Number(v) >>> 0; }

  // WebIDL: attributes and operations are enumerable; the interface has a toStringTag.
  const webidl = P.webidlClass;

  // ---------------------------------------------------------------- DOMException

  const codes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
    InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
    NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  // WebIDL's DOMException: a platform object (made by P.platformBase(), so V8's serializer
  // hands it to the clone hooks: it is [Serializable]; an Error object would clone as a plain
  // Error) with a captured stack, whose prototype chain is DOMException.prototype ->
  // Error.prototype, while the constructor's own prototype stays Function.prototype; name,
  // message, code and cause are brand-checked prototype accessors, none is an own property.
  // The fields are private fields stamped onto the object (a base class whose constructor
  // returns it).
  class Stamp { constructor(o) { return o; } }
  let exceptionState;
  class ExceptionFields extends Stamp {
    #name; #message; #cause;
    constructor(o, name, message, cause) {
      super(o);
      this.#name = name;
      this.#message = message;
      this.#cause = cause;
    }
    static {
      exceptionState = (e) => {
        if (e === null || typeof e !== "object" || !(#name in e)) throw illegal();
        return { name: e.#name, message: e.#message, cause: e.#cause };
      };
    }
  }
  const ReflectConstruct = Reflect.construct;
  const ErrorC = Error;
  // (message = "", options = {}): options is a name (a string) or { name, cause }.
  function DOMException(message = undefined, options = undefined) {
    if (new.target === undefined) {
      throw new TypeErrorC("Class constructor DOMException cannot be invoked without 'new'");
    }
    message = message === undefined ? "" : toStr(message);
    let name = "Error", cause;
    if (options === undefined || options === null ||
        typeof options === "object" || typeof options === "function") {
      if (options !== undefined && options !== null) {
        cause = options.cause;
        const n = options.name;
        if (n !== undefined) name = toStr(n);
      }
    } else {
      name = toStr(options);
    }
    const e = ReflectConstruct(P.platformBase(), [], new.target);
    new ExceptionFields(e, name, message, cause);
    captureStackTrace(e, new.target);
    return e;
  }
  const exceptionAccessors = {
    get name() { return exceptionState(this).name; },
    get message() { return exceptionState(this).message; },
    get code() { return codes[exceptionState(this).name] || 0; },
    get cause() { return exceptionState(this).cause; },
  };
  Object.setPrototypeOf(DOMException.prototype, ErrorC.prototype);
  for (const key of ["name", "message", "code", "cause"]) {
    const d = Object.getOwnPropertyDescriptor(exceptionAccessors, key);
    d.enumerable = true;
    defineProperty(DOMException.prototype, key, d);
  }
  defineProperty(DOMException, "prototype", { writable: false });
  webidl(DOMException, "DOMException", {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3,
    WRONG_DOCUMENT_ERR: 4, INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6,
    NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8, NOT_SUPPORTED_ERR: 9,
    INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16, TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19,
    ABORT_ERR: 20, URL_MISMATCH_ERR: 21, QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23,
    INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
  });

  function isDOMException(v) {
    try { exceptionState(v); return true; } catch { return false; }
  }
  // For structured cloning: { name, message } of a DOMException, or undefined.
  function domExceptionParts(v) {
    try { return exceptionState(v); } catch { return undefined; }
  }
  // For structured cloning: a DOMException with the given name, message and stack.
  function makeDOMException(message, name, stack) {
    const e = new DOMException(message, name);
    if (stack !== undefined) {
      defineProperty(e, "stack", { value: stack, writable: true, enumerable: false, configurable: true });
    }
    return e;
  }
  // [Serializable] (HTML's serialization steps: name and message; the stack too, as V8 keeps
  // it for Errors and deno does). A subclass instance arrives as a DOMException; the cause
  // stays behind.
  P.serializable({
    name: "DOMException",
    is: isDOMException,
    serialize(e) {
      const { name, message } = exceptionState(e);
      const stack = e.stack;
      return [name, message, typeof stack === "string" ? stack : undefined];
    },
    deserialize(d) { return makeDOMException(d[1], d[0], d[2]); },
  });

  // ---------------------------------------------------------------- Event

  const NONE = 0, CAPTURING_PHASE = 1, AT_TARGET = 2, BUBBLING_PHASE = 3;

  // [LegacyUnforgeable] isTrusted: an own accessor on every event, one getter for all.
  const isTrustedDesc = {
    get: { isTrusted() { return eventState(this).trusted; } }.isTrusted,
    enumerable: true,
    configurable: false,
  };
  Object.defineProperty(isTrustedDesc.get, "name", { value: "get isTrusted" });

  // The event's internal state, one record of a fixed shape (reached through one private
  // field).
  function EventState(type, bubbles, cancelable, composed) {
    this.type = type;
    this.bubbles = bubbles;
    this.cancelable = cancelable;
    this.composed = composed;
    this.target = null;
    this.currentTarget = null;
    this.phase = NONE;
    this.stop = false;
    this.stopImmediate = false;
    this.canceled = false;
    this.passive = false;
    this.initialized = true;
    this.dispatching = false;
    this.trusted = false;
    this.timeStamp = perf.now();
  }
  // Assignments above must make own properties even when a program has put an accessor of
  // the same name on Object.prototype (WPT streams/readable-streams/patched-global).
  Object.setPrototypeOf(EventState.prototype, null);

  function notObject(what) {
    return new TypeErrorC(`${what}: The provided value is not of type 'Dictionary'.`);
  }

  let eventState, eventStateOf;
  class Event {
    #s;
    constructor(type, eventInitDict = undefined) {
      if (arguments.length === 0) argCount(0, 1, `Failed to construct '${new.target.name}'`);
      if (typeof type !== "string") type = toStr(type);
      let bubbles = false, cancelable = false, composed = false;
      if (eventInitDict !== undefined && eventInitDict !== null) {
        if (typeof eventInitDict !== "object" && typeof eventInitDict !== "function") {
          throw notObject(`Failed to construct '${new.target.name}'`);
        }
        bubbles = !!eventInitDict.bubbles;
        cancelable = !!eventInitDict.cancelable;
        composed = !!eventInitDict.composed;
      }
      defineProperty(this, "isTrusted", isTrustedDesc);
      this.#s = new EventState(type, bubbles, cancelable, composed);
    }
    get type() { return eventState(this).type; }
    get target() { return eventState(this).target; }
    get srcElement() { return eventState(this).target; }
    get currentTarget() { return eventState(this).currentTarget; }
    composedPath() {
      const s = eventState(this);
      return s.currentTarget === null ? [] : [s.currentTarget];
    }
    get eventPhase() { return eventState(this).phase; }
    stopPropagation() { eventState(this).stop = true; }
    get cancelBubble() { return eventState(this).stop; }
    set cancelBubble(v) { const s = eventState(this); if (v) s.stop = true; }
    stopImmediatePropagation() {
      const s = eventState(this);
      s.stop = true;
      s.stopImmediate = true;
    }
    get bubbles() { return eventState(this).bubbles; }
    get cancelable() { return eventState(this).cancelable; }
    get returnValue() { return !eventState(this).canceled; }
    set returnValue(v) {
      const s = eventState(this);
      if (!v && s.cancelable && !s.passive) s.canceled = true;
    }
    preventDefault() {
      const s = eventState(this);
      if (s.cancelable && !s.passive) s.canceled = true;
    }
    get defaultPrevented() { return eventState(this).canceled; }
    get composed() { return eventState(this).composed; }
    get timeStamp() { return eventState(this).timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
      const s = eventState(this);
      argCount(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
      type = toStr(type);
      if (s.dispatching) return;
      s.initialized = true;
      s.stop = s.stopImmediate = s.canceled = false;
      s.trusted = false;
      s.target = null;
      s.type = type;
      s.bubbles = !!bubbles;
      s.cancelable = !!cancelable;
    }
    static {
      eventState = (e) => {
        if (e !== null && typeof e === "object" && #s in e) return e.#s;
        throw illegal();
      };
      eventStateOf = (e) => (e !== null && typeof e === "object" && #s in e ? e.#s : undefined);
    }
  }
  webidl(Event, "Event", { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE });
  function isEvent(e) { return eventStateOf(e) !== undefined; }

  let customState;
  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      super(type, eventInitDict);
      const init = eventInitDict ?? undefined;
      this.#detail = init === undefined || init.detail === undefined ? null : init.detail;
    }
    get detail() { return customState(this).#detail; }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      const self = customState(this);
      argCount(arguments.length, 1, "Failed to execute 'initCustomEvent' on 'CustomEvent'");
      type = toStr(type);
      if (eventState(self).dispatching) return;
      self.initEvent(type, bubbles, cancelable);
      self.#detail = detail;
    }
    static #check(e) {
      if (e !== null && typeof e === "object" && #detail in e) return e;
      throw illegal();
    }
    static { customState = (e) => CustomEvent.#check(e); }
  }
  webidl(CustomEvent, "CustomEvent");

  let errorState;
  class ErrorEvent extends Event {
    #message; #filename; #lineno; #colno; #error;
    constructor(type, eventInitDict = undefined) {
      super(type, eventInitDict);
      const init = eventInitDict ?? undefined;
      // Dictionary members in lexicographic order, after the inherited ones (read above).
      let colno = 0, error, filename = "", lineno = 0, message = "";
      if (init !== undefined) {
        const c = init.colno; if (c !== undefined) colno = toUint32(c);
        error = init.error;
        const f = init.filename; if (f !== undefined) filename = toStr(f);
        const l = init.lineno; if (l !== undefined) lineno = toUint32(l);
        const m = init.message; if (m !== undefined) message = toStr(m);
      }
      this.#message = message;
      this.#filename = filename;
      this.#lineno = lineno;
      this.#colno = colno;
      this.#error = error;
    }
    get message() { return errorState(this).#message; }
    get filename() { return errorState(this).#filename; }
    get lineno() { return errorState(this).#lineno; }
    get colno() { return errorState(this).#colno; }
    get error() { return errorState(this).#error; }
    static {
      errorState = (e) => {
        if (e !== null && typeof e === "object" && #message in e) return e;
        throw illegal();
      };
    }
  }
  webidl(ErrorEvent, "ErrorEvent");

  let rejectionState;
  class PromiseRejectionEvent extends Event {
    #promise; #reason;
    constructor(type, eventInitDict) {
      argCount(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
      super(type, eventInitDict);
      const init = eventInitDict ?? undefined;
      const promise = init === undefined ? undefined : init.promise;
      if (promise === undefined) {
        throw new TypeErrorC("Failed to construct 'PromiseRejectionEvent': required member " +
          "promise is undefined.");
      }
      if (promise === null || (typeof promise !== "object" && typeof promise !== "function")) {
        throw new TypeErrorC("Failed to construct 'PromiseRejectionEvent': member promise " +
          "is not an object.");
      }
      this.#promise = promise;
      this.#reason = init.reason;
    }
    get promise() { return rejectionState(this).#promise; }
    get reason() { return rejectionState(this).#reason; }
    static {
      rejectionState = (e) => {
        if (e !== null && typeof e === "object" && #promise in e) return e;
        throw illegal();
      };
    }
  }
  webidl(PromiseRejectionEvent, "PromiseRejectionEvent");

  // ---------------------------------------------------------------- EventTarget

  // A target's listeners: type -> array of records, replaced (never changed in place) when
  // a listener is added or removed, so a dispatch walks the array it started with (the
  // spec's clone) without copying. A removed record is flagged so that walk skips it.
  function Listener(callback, capture, once, passive) {
    this.callback = callback;
    this.capture = capture;
    this.once = once;
    this.passive = passive;
    this.plain = typeof callback === "function" && !once && !passive;
    this.removed = false;
    this.signal = null;
    this.onAbort = null;
  }

  // globalThis is a target without being an EventTarget object (its prototype is
  // Object.prototype): its listeners live here.
  // A target's listener store; the last type dispatched and its entry are kept to spare a
  // map look-up when the same event type is dispatched again.
  function Store() {
    this.map = null;
    this.lastType = undefined;
    this.lastEntry = undefined;
  }
  const globalStore = new Store();
  let targetStore;

  function isCallbackObject(v) { return typeof v === "function" || (typeof v === "object" && v !== null); }

  function flatten(options) {
    if (typeof options === "boolean") return options;
    if (options === undefined || options === null) return false;
    if (typeof options === "object" || typeof options === "function") return !!options.capture;
    return !!options;
  }

  // A type's listeners: the array and whether any is a capture listener (dispatch then
  // walks it twice, capture listeners first).
  function Entry(list) {
    this.list = list;
    let capture = false;
    for (let i = 0; i < list.length; i++) if (list[i].capture) capture = true;
    this.capture = capture;
  }
  function setList(store, type, list) {
    store.lastType = undefined;
    store.lastEntry = undefined;
    if (list.length === 0) store.map.delete(type);
    else store.map.set(type, new Entry(list));
  }

  function removeRecord(store, type, rec, target) {
    const map = store.map;
    const entry = map === null ? undefined : map.get(type);
    if (entry === undefined) return;
    const list = entry.list;
    const i = list.indexOf(rec);
    if (i < 0) return;
    rec.removed = true;
    setList(store, type, list.slice(0, i).concat(list.slice(i + 1)));
    if (rec.onAbort !== null) {
      removeAbortAlgorithm(rec.signal, rec.onAbort);
      rec.onAbort = null;
    }
    if (store === globalStore) updateHooks();
    else if (type === "abort" && signalListenerRemoved !== undefined) signalListenerRemoved(target);
  }

  // On the platform base (core/ext/messaging/clone.js): an EventTarget and its subclasses
  // (MessagePort, AbortSignal...) are platform objects to structuredClone, which clones,
  // transfers or refuses them as HTML says instead of copying their properties.
  class EventTarget extends P.platformBase() {
    #store = new Store();
    constructor() { super(); }

    addEventListener(type, callback, options = undefined) {
      const store = targetStore(this);
      argCount(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
      type = toStr(type);
      if (callback !== null && callback !== undefined && !isCallbackObject(callback)) {
        throw new TypeErrorC("Failed to execute 'addEventListener' on 'EventTarget': " +
          "parameter 2 is not of type 'Object'.");
      }
      let capture = false, once = false, passive = false, signal = null;
      if (options !== undefined && options !== null &&
          (typeof options === "object" || typeof options === "function")) {
        capture = !!options.capture;
        once = !!options.once;
        passive = !!options.passive;
        const s = options.signal;
        if (s !== undefined) {
          if (!isAbortSignal(s)) {
            throw new TypeErrorC("Failed to execute 'addEventListener' on 'EventTarget': " +
              "Failed to read the 'signal' property from 'AddEventListenerOptions': The " +
              "provided value is not of type 'AbortSignal'.");
          }
          signal = s;
        }
      } else {
        capture = flatten(options);
      }
      if (signal !== null && signalState(signal).aborted) return;
      if (callback === null || callback === undefined) return;
      if (store.map === null) store.map = new Map();
      const entry = store.map.get(type);
      const list = entry === undefined ? undefined : entry.list;
      if (list !== undefined) {
        for (let i = 0; i < list.length; i++) {
          if (list[i].callback === callback && list[i].capture === capture) return;
        }
      }
      const rec = new Listener(callback, capture, once, passive);
      setList(store, type, list === undefined ? [rec] : list.concat(rec));
      if (signal !== null) {
        rec.signal = signal;
        const target = this;
        rec.onAbort = () => removeRecord(store, type, rec, target);
        addAbortAlgorithm(signal, rec.onAbort);
      }
      if (store === globalStore) updateHooks();
      else if (type === "abort" && signalState !== undefined) signalListenerAdded(this);
    }

    removeEventListener(type, callback, options = undefined) {
      const store = targetStore(this);
      argCount(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
      type = toStr(type);
      if (callback !== null && callback !== undefined && !isCallbackObject(callback)) {
        throw new TypeErrorC("Failed to execute 'removeEventListener' on 'EventTarget': " +
          "parameter 2 is not of type 'Object'.");
      }
      const capture = flatten(options);
      const entry = store.map === null ? undefined : store.map.get(type);
      if (entry === undefined) return;
      const list = entry.list;
      for (let i = 0; i < list.length; i++) {
        if (list[i].callback === callback && list[i].capture === capture) {
          removeRecord(store, type, list[i], this);
          return;
        }
      }
    }

    dispatchEvent(event) {
      const store = this !== null && typeof this === "object" && #store in this
        ? this.#store : targetStore(this);
      if (arguments.length === 0) {
        argCount(0, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
      }
      const s = eventStateOf(event);
      if (s === undefined) {
        throw new TypeErrorC("Failed to execute 'dispatchEvent' on 'EventTarget': " +
          "parameter 1 is not of type 'Event'.");
      }
      if (s.dispatching || !s.initialized) {
        throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The " +
          "event is already being dispatched or was not initialized.", "InvalidStateError");
      }
      s.trusted = false;
      return dispatch(store, this ?? globalThis, event, s);
    }

    static {
      targetStore = (t) => {
        if (t !== null && typeof t === "object" && #store in t) return t.#store;
        if (t === undefined || t === null || t === globalThis) return globalStore;
        throw illegal();
      };
    }
  }
  webidl(EventTarget, "EventTarget");

  // The spec's dispatch with a path of one target.
  function dispatch(store, target, event, s) {
    s.dispatching = true;
    s.target = target;
    s.currentTarget = target;
    s.phase = AT_TARGET;
    const map = store.map;
    const type = s.type;
    let entry;
    if (store.lastType === type) {
      entry = store.lastEntry;
    } else if (map !== null) {
      entry = map.get(type);
      store.lastType = type;
      store.lastEntry = entry;
    }
    if (entry !== undefined) {
      // Capture listeners first, then the others (each walk takes the list as it is then).
      // The path has one item: stopPropagation() has nowhere to stop it from going, only
      // stopImmediatePropagation() ends the dispatch.
      if (entry.capture) {
        invoke(entry.list, target, event, s, true);
        const again = map.get(type);
        if (again !== undefined) invoke(again.list, target, event, s, false);
      } else {
        invoke(entry.list, target, event, s, false);
      }
    }
    s.phase = NONE;
    s.currentTarget = null;
    s.dispatching = false;
    s.stop = false;
    s.stopImmediate = false;
    return !s.canceled;
  }

  function invoke(list, target, event, s, capturing) {
    for (let i = 0; i < list.length; i++) {
      if (s.stopImmediate) return;
      const rec = list[i];
      if (rec.removed || rec.capture !== capturing) continue;
      // The common listener: a function, neither once nor passive.
      if (rec.plain) {
        try {
          rec.callback.call(target, event);
        } catch (e) {
          reportException(e);
        }
        continue;
      }
      if (rec.once) removeRecord(targetStore(target), s.type, rec, target);
      if (rec.passive) s.passive = true;
      const cb = rec.callback;
      try {
        if (typeof cb === "function") {
          cb.call(target, event);
        } else {
          const handleEvent = cb.handleEvent;
          if (typeof handleEvent !== "function") {
            throw new TypeErrorC("'handleEvent' property of the event listener is not callable");
          }
          handleEvent.call(cb, event);
        }
      } catch (e) {
        s.passive = false;
        reportException(e);
      }
      if (rec.passive) s.passive = false;
    }
  }

  // Fires a platform event (isTrusted true) at target.
  function fire(target, event) {
    const s = eventState(event);
    s.trusted = true;
    return dispatch(targetStore(target), target, event, s);
  }

  function hasListeners(store, type) {
    return store.map !== null && store.map.has(type);
  }

  // ---------------------------------------------------------------- event handler attributes

  // An `on<type>` attribute: one listener registered at the first non-null set, removed
  // when set to null. Non-objects set null ([LegacyTreatNonObjectAsNull]).
  function handlerSlot(target, type, handlers, wrap) {
    return {
      get() { return handlers.get(type) ?? null; },
      set(v) {
        v = isCallbackObject(v) ? v : null;
        const had = handlers.get(type);
        if (v === null) {
          handlers.delete(type);
          if (had !== undefined) {
            EventTarget.prototype.removeEventListener.call(target, type, wrap.get(type));
          }
          return;
        }
        handlers.set(type, v);
        if (had === undefined) {
          EventTarget.prototype.addEventListener.call(target, type, wrap.get(type));
        }
      },
    };
  }

  // ---------------------------------------------------------------- globalThis as a target

  const globalHandlers = new Map();
  P.globalHandlers = globalHandlers;
  const globalWraps = new Map([
    ["error", function (event) {
      const h = globalHandlers.get("error");
      if (typeof h !== "function") return;
      let r;
      if (event instanceof ErrorEvent) {
        r = h.call(globalThis, event.message, event.filename, event.lineno, event.colno, event.error);
      } else {
        r = h.call(globalThis, event);
      }
      if (r === true) event.preventDefault();
    }],
    ["unhandledrejection", function (event) { callHandler(globalHandlers, "unhandledrejection", event); }],
    ["rejectionhandled", function (event) { callHandler(globalHandlers, "rejectionhandled", event); }],
  ]);
  function callHandler(handlers, type, event) {
    const h = handlers.get(type);
    if (typeof h !== "function") return;
    const r = h.call(event.currentTarget, event);
    if (r === false) event.preventDefault();
  }
  const globalSlots = {};
  for (const type of globalWraps.keys()) {
    globalSlots[type] = handlerSlot(globalThis, type, globalHandlers, globalWraps);
  }
  function setGlobalHandler(type, v) { globalSlots[type].set(v); }

  // The kernel calls these only while someone listens (ops.setEventHooks).
  let errorHookOn = false, rejectionHookOn = false;
  function updateHooks() {
    const err = hasListeners(globalStore, "error");
    const rej = hasListeners(globalStore, "unhandledrejection") ||
      hasListeners(globalStore, "rejectionhandled");
    if (err === errorHookOn && rej === rejectionHookOn) return;
    errorHookOn = err;
    rejectionHookOn = rej;
    P.setTimersUncaughtHook(err ? uncaughtHook : undefined);
    ops.setEventHooks(err ? uncaughtHook : null, rej ? rejectionHook : null);
  }

  // Where an error was thrown, from its stack's first frame.
  function location(e) {
    let stack;
    try { stack = e instanceof Error ? e.stack : undefined; } catch { stack = undefined; }
    if (typeof stack === "string") {
      const m = /\n\s+at (?:.*?\()?(.*?):(\d+):(\d+)\)?\s*(?:\n|$)/.exec(stack);
      if (m) return { filename: m[1], lineno: +m[2], colno: +m[3] };
    }
    return { filename: "", lineno: 0, colno: 0 };
  }

  function errorMessage(e) {
    try {
      if (e instanceof Error) return `Uncaught ${e.name}: ${e.message}`;
      return `Uncaught ${typeof e === "symbol" ? e.toString() : String(e)}`;
    } catch {
      return "Uncaught";
    }
  }

  // An uncaught exception: fires a cancelable `error` at globalThis. True when a listener
  // cancelled it (the error is then not reported). An error thrown while firing is
  // reported, not fired again.
  let firingError = false;
  function uncaughtHook(e) {
    if (firingError || !hasListeners(globalStore, "error")) return false;
    const loc = location(e);
    const event = new ErrorEvent("error", {
      cancelable: true, message: errorMessage(e), filename: loc.filename,
      lineno: loc.lineno, colno: loc.colno, error: e,
    });
    firingError = true;
    try {
      fire(globalThis, event);
    } finally {
      firingError = false;
    }
    return event.defaultPrevented;
  }

  // "Report an exception": not cancelled, it is an uncaught error (the kernel reports it
  // and the program ends, as in Deno).
  function reportException(e) {
    if (uncaughtHook(e)) return;
    ops.reportUncaught(e);
  }

  function reportError(e) {
    argCount(arguments.length, 1, "Failed to execute 'reportError'");
    reportException(e);
  }

  // kind 0: rejected with no handler at the end of a checkpoint (true: cancelled, not
  // reported); kind 1: a handler came later to a promise announced as unhandled; kind 2: a
  // handler came during its unhandledrejection event (it is not outstanding).
  const announced = new WeakMap(); // promise -> reason
  function rejectionHook(kind, promise, reason) {
    if (kind === 0) {
      const event = new PromiseRejectionEvent("unhandledrejection", {
        cancelable: true, promise, reason,
      });
      fire(globalThis, event);
      announced.set(promise, reason);
      return event.defaultPrevented;
    }
    if (!announced.has(promise)) return false;
    if (kind === 2) {
      announced.delete(promise);
      return false;
    }
    reason = announced.get(promise);
    announced.delete(promise);
    fire(globalThis, new PromiseRejectionEvent("rejectionhandled", { promise, reason }));
    return false;
  }

  // ---------------------------------------------------------------- AbortSignal

  const illegalKey = Symbol("AbortSignal");
  let signalState;
  let signalListenerAdded, signalListenerRemoved;

  class AbortSignal extends EventTarget {
    #s;
    constructor(key = undefined) {
      if (key !== illegalKey) throw new TypeErrorC("Illegal constructor");
      super();
      this.#s = {
        aborted: false, reason: undefined, algorithms: null, dependent: false,
        sources: null, dependents: null, handlers: null, kept: false, keep: undefined,
      };
    }
    static abort(reason = undefined) {
      const signal = newSignal();
      const s = signalState(signal);
      s.aborted = true;
      s.reason = reason === undefined ? abortError() : reason;
      return signal;
    }
    static timeout(milliseconds) {
      argCount(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
      const ms = enforceRangeULL(milliseconds);
      const signal = newSignal();
      startTimeout(signal, ms);
      return signal;
    }
    static any(signals) {
      argCount(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
      const list = toSignalSequence(signals);
      return dependentSignal(list);
    }
    get aborted() { return signalState(this).aborted; }
    get reason() { return signalState(this).reason; }
    throwIfAborted() {
      const s = signalState(this);
      if (s.aborted) throw s.reason;
    }
    get onabort() { return signalHandlers(this).get("abort") ?? null; }
    set onabort(v) {
      const s = signalState(this);
      if (s.handlers === null) s.handlers = new Map();
      handlerSlot(this, "abort", s.handlers, abortWraps(this)).set(v);
    }
    static {
      signalState = (t) => {
        if (t !== null && typeof t === "object" && #s in t) return t.#s;
        throw illegal();
      };
    }
  }
  webidl(AbortSignal, "AbortSignal");
  function isAbortSignal(v) { try { signalState(v); return true; } catch { return false; } }
  function newSignal() { return new AbortSignal(illegalKey); }
  function abortError() { return new DOMException("signal is aborted without reason", "AbortError"); }

  function signalHandlers(t) {
    const s = signalState(t);
    return s.handlers === null ? new Map() : s.handlers;
  }
  const abortWrapCache = new WeakMap();
  function abortWraps(signal) {
    let m = abortWrapCache.get(signal);
    if (m === undefined) {
      const s = signalState(signal);
      m = new Map([["abort", function (event) { callHandler(s.handlers, "abort", event); }]]);
      abortWrapCache.set(signal, m);
    }
    return m;
  }

  // [EnforceRange] unsigned long long.
  function enforceRangeULL(v) {
    const n = Number(v);
    if (!Number.isFinite(n)) {
      throw new TypeErrorC("Failed to execute 'timeout' on 'AbortSignal': Value is not a finite number.");
    }
    const t = Math.trunc(n);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) {
      throw new TypeErrorC("Failed to execute 'timeout' on 'AbortSignal': Value is outside the " +
        "'unsigned long long' value range.");
    }
    return t + 0;
  }

  // The timer keeps the program alive no longer (unref'd, as in deno and node) but keeps
  // the signal until it fires, so its listeners run whoever else holds it. Delays beyond
  // what one timer takes are chained.
  const TIMEOUT_MAX = 2 ** 31 - 1;
  function startTimeout(signal, ms) {
    const step = ms > TIMEOUT_MAX ? TIMEOUT_MAX : ms;
    const id = setTimeoutP(() => {
      if (ms > TIMEOUT_MAX) { startTimeout(signal, ms - TIMEOUT_MAX); return; }
      signalAbort(signal, new DOMException("signal timed out", "TimeoutError"));
    }, step);
    ops.timerRef(id, false);
  }

  function toSignalSequence(v) {
    if (v === null || (typeof v !== "object" && typeof v !== "function") ||
        typeof v[Symbol.iterator] !== "function") {
      throw new TypeErrorC("Failed to execute 'any' on 'AbortSignal': The provided value " +
        "cannot be converted to a sequence.");
    }
    const out = [];
    for (const x of v) {
      if (!isAbortSignal(x)) {
        throw new TypeErrorC("Failed to execute 'any' on 'AbortSignal': Failed to convert " +
          "value to 'AbortSignal'.");
      }
      out.push(x);
    }
    return out;
  }

  // Source and dependent signals hold each other through WeakRefs (sets of refs, swept when
  // they have doubled since the last sweep), so a long-lived source does not keep every
  // AbortSignal.any() made from it. A dependent with `abort` listeners or algorithms is
  // kept alive by its sources' `keep` sets until it aborts, as the spec requires.
  function refSet() { return { refs: new Set(), swept: 8 }; }
  function refAdd(rs, obj) {
    rs.refs.add(new WeakRef(obj));
    if (rs.refs.size >= rs.swept) {
      for (const r of rs.refs) if (r.deref() === undefined) rs.refs.delete(r);
      rs.swept = Math.max(8, rs.refs.size * 2);
    }
  }
  function refEach(rs, fn) {
    if (rs === null) return;
    for (const r of rs.refs) {
      const o = r.deref();
      if (o === undefined) rs.refs.delete(r);
      else fn(o);
    }
  }

  function dependentSignal(signals) {
    const result = newSignal();
    const rs = signalState(result);
    for (const signal of signals) {
      const s = signalState(signal);
      if (s.aborted) {
        rs.aborted = true;
        rs.reason = s.reason;
        return result;
      }
    }
    rs.dependent = true;
    rs.sources = refSet();
    for (const signal of signals) {
      const s = signalState(signal);
      if (!s.dependent) {
        linkSource(result, rs, signal, s);
      } else {
        refEach(s.sources, (source) => {
          const ss = signalState(source);
          if (!ss.aborted && !ss.dependent) linkSource(result, rs, source, ss);
        });
      }
    }
    return result;
  }
  function linkSource(result, rs, source, ss) {
    let seen = false;
    refEach(rs.sources, (o) => { if (o === source) seen = true; });
    if (seen) return;
    refAdd(rs.sources, source);
    if (ss.dependents === null) ss.dependents = refSet();
    refAdd(ss.dependents, result);
  }
  // A dependent signal someone listens to must live as long as a source may abort it.
  function keepDependent(signal) {
    const s = signalState(signal);
    if (!s.dependent || s.aborted || s.kept) return;
    s.kept = true;
    refEach(s.sources, (source) => {
      const ss = signalState(source);
      if (ss.keep === undefined) ss.keep = new Set();
      ss.keep.add(signal);
    });
  }
  signalListenerAdded = (t) => { if (isAbortSignal(t)) keepDependent(t); };
  // With no abort listener and no algorithm left, a dependent needs no keeping either: a
  // long-lived source (one AbortController for many fetches) would otherwise hold every
  // request's signal for good.
  function releaseIfUnwatched(signal) {
    const s = signalState(signal);
    if (!s.kept || (s.algorithms !== null && s.algorithms.size > 0)) return;
    const store = targetStore(signal);
    if (store.map !== null && store.map.has("abort")) return;
    release(s, signal);
  }
  signalListenerRemoved = (t) => { if (isAbortSignal(t)) releaseIfUnwatched(t); };
  // An aborted dependent needs no keeping: its sources (a long-lived one above all) let go.
  function release(s, signal) {
    if (!s.kept) return;
    s.kept = false;
    refEach(s.sources, (source) => {
      const ss = signalState(source);
      if (ss.keep !== undefined) ss.keep.delete(signal);
    });
  }

  function addAbortAlgorithm(signal, fn) {
    const s = signalState(signal);
    if (s.aborted) return;
    if (s.algorithms === null) s.algorithms = new Set();
    s.algorithms.add(fn);
    keepDependent(signal);
  }
  function removeAbortAlgorithm(signal, fn) {
    const s = signalState(signal);
    if (s.algorithms !== null && s.algorithms.delete(fn)) releaseIfUnwatched(signal);
  }

  function signalAbort(signal, reason) {
    const s = signalState(signal);
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? abortError() : reason;
    const toAbort = [];
    refEach(s.dependents, (dep) => {
      const ds = signalState(dep);
      if (!ds.aborted) {
        ds.aborted = true;
        ds.reason = s.reason;
        toAbort.push(dep);
      }
    });
    s.keep = undefined;
    release(s, signal);
    for (const dep of toAbort) release(signalState(dep), dep);
    runAbortSteps(signal, s);
    for (const dep of toAbort) runAbortSteps(dep, signalState(dep));
  }
  function runAbortSteps(signal, s) {
    const algorithms = s.algorithms;
    s.algorithms = null;
    if (algorithms !== null) for (const fn of algorithms) fn();
    fire(signal, new Event("abort"));
  }

  let controllerState;
  class AbortController {
    #signal;
    constructor() { this.#signal = newSignal(); }
    get signal() { return controllerState(this).#signal; }
    abort(reason = undefined) { signalAbort(controllerState(this).#signal, reason); }
    static {
      controllerState = (t) => {
        if (t !== null && typeof t === "object" && #signal in t) return t;
        throw illegal();
      };
    }
  }
  webidl(AbortController, "AbortController");

  // on<type> event handler attributes (HTML): one listener added at the first non-null
  // handler, which calls the current one; its return value cancels the event as HTML says
  // (true for an error event, false for others). onSet(target, fn), if given, runs after a
  // set.
  function defineEventHandler(proto, type, onSet) {
    const slot = new WeakMap();
    Object.defineProperty(proto, `on${type}`, {
      get() {
        const h = slot.get(this);
        return h === undefined ? null : h.fn;
      },
      set(fn) {
        if (typeof fn !== "function" && (typeof fn !== "object" || fn === null)) fn = null;
        let h = slot.get(this);
        if (h === undefined) {
          if (fn === null) return;
          const target = this;
          h = { fn: null };
          slot.set(this, h);
          this.addEventListener(type, function (event) {
            const cb = h.fn;
            if (typeof cb !== "function") return undefined;
            const r = cb.call(target, event);
            if (type === "error" ? r === true : r === false) event.preventDefault();
            return r;
          });
        }
        h.fn = fn;
        if (onSet) onSet(this, fn);
      },
      enumerable: true,
      configurable: true,
    });
  }

  const proto = EventTarget.prototype;
  return {
    Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent,
    AbortController, AbortSignal, DOMException,
    addEventListener: proto.addEventListener,
    removeEventListener: proto.removeEventListener,
    dispatchEvent: proto.dispatchEvent,
    reportError,
    // For other extensions.
    isDOMException, domExceptionParts, makeDOMException, isEvent, isAbortSignal, fire,
    signalAbort, addAbortAlgorithm, removeAbortAlgorithm, reportException,
    setGlobalHandler, defineEventHandler,
  };
});
