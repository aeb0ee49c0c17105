// clone.js: structuredClone and the registry of platform objects it can clone or transfer
// (HTML's serializable and transferable objects). V8's ValueSerializer does the work
// (shim/clone.cc); it hands JS the objects it does not know: instances of classes derived
// from P.platformBase() (see clone.cc's hooks). Others register here:
//   P.serializable({ name, is(obj), serialize(obj) -> data, deserialize(data) -> obj })
//     is: a brand check; data: any value structuredClone copies (not the object itself);
//     name: its key in the bytes (a worker's P.cloneLoad loads a class not loaded yet).
//     DOMException (core/ext/events) and Blob/File register this way.
//   P.transferable({ is(obj), detached(obj), transfer(obj) -> received, transferOut(obj) })
//     transfer detaches obj and returns the object the receiving side gets; transferOut
//     (optional) detaches it for another thread and returns what the wire carries.
(function (P) {
  "use strict";
  const ops = P.ops;
  const serializables = [];
  const transferables = [];

  // The constructor of host objects: made on first use (never at snapshot time).
  let base;
  P.platformBase = function platformBase() {
    if (base === undefined) base = ops.platformBase();
    return base;
  };
  P.serializable = (entry) => { serializables.push(entry); };
  P.transferable = (entry) => { transferables.push(entry); };

  function cloneError(message) {
    return new P.DOMException(message, "DataCloneError");
  }

  function className(obj) {
    const tag = obj[Symbol.toStringTag];
    if (typeof tag === "string") return tag;
    const c = obj.constructor;
    return c && typeof c.name === "string" && c.name ? c.name : "Object";
  }

  function find(list, obj) {
    for (let i = 0; i < list.length; i++) if (list[i].is(obj)) return i;
    return -1;
  }

  // The hooks clone.cc calls (see its header).
  const hooks = {
    write(obj) {
      const i = find(serializables, obj);
      if (i < 0) throw cloneError(`#<${className(obj)}> could not be cloned.`);
      return [serializables[i].name, serializables[i].serialize(obj)];
    },
    read(data) {
      const by = (e) => e.name === data[0];
      const e = serializables.find(by) ?? (P.cloneLoad?.(data[0]), serializables.find(by));
      if (e === undefined) throw cloneError("Unable to deserialize cloned data.");
      return e.deserialize(data[1]);
    },
    transfer(list) {
      const kinds = [];
      for (let i = 0; i < list.length; i++) {
        const k = find(transferables, list[i]);
        if (k < 0) {
          throw cloneError(`Value at index ${i} does not have a transferable type`);
        }
        if (transferables[k].detached(list[i])) {
          throw cloneError(`#<${className(list[i])}> at index ${i} is detached and could not be transferred.`);
        }
        kinds.push(k);
      }
      // Checked all first: a failure above detaches nothing.
      // To another thread (hooks.crossing, set by the sender): transferOut, whose result is
      // what the wire carries (a port's end id); an object without it cannot go.
      const method = hooks.crossing ? "transferOut" : "transfer";
      for (let i = 0; i < list.length; i++) {
        if (transferables[kinds[i]][method] === undefined) {
          throw cloneError(`Value at index ${i} cannot be transferred to another thread`);
        }
      }
      const out = [];
      for (let i = 0; i < list.length; i++) out.push(transferables[kinds[i]][method](list[i]));
      return out;
    },
    error: cloneError,
  };
  P.cloneHooks = hooks;

  function typeError(message) {
    const err = new TypeError(message);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  // WebIDL sequence<object>: an iterable of objects (undefined when empty, the fast case).
  function objectSequence(v, what) {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) {
      throw new TypeError(`${what} can not be converted to a sequence.`);
    }
    const iter = v[Symbol.iterator];
    if (typeof iter !== "function") {
      throw new TypeError(`${what} can not be converted to a sequence.`);
    }
    const out = [];
    for (const item of { [Symbol.iterator]: () => iter.call(v) }) {
      if (item === null || (typeof item !== "object" && typeof item !== "function")) {
        throw new TypeError(`${what} can not be converted to a sequence of objects.`);
      }
      out.push(item);
    }
    return out.length === 0 ? undefined : out;
  }
  P.objectSequence = objectSequence;

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) {
      const err = new TypeError('The "value" argument must be specified');
      err.code = "ERR_MISSING_ARGS";
      throw err;
    }
    let transfer;
    if (options !== undefined && options !== null) {
      if (typeof options !== "object" && typeof options !== "function") {
        throw typeError(`The "options" argument must be of type object. Received type ${typeof options} (${String(options)})`);
      }
      const t = options.transfer;
      if (t !== undefined) transfer = objectSequence(t, "Failed to read the 'transfer' property from 'StructuredSerializeOptions'");
    }
    return ops.structuredClone(value, transfer, hooks);
  }

  Object.defineProperty(globalThis, "structuredClone", {
    value: structuredClone, writable: true, enumerable: false, configurable: true,
  });
});
