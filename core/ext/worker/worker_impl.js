// worker_impl.js: the Worker interface (HTML "Dedicated workers"), compiled from the binary
// at first use (worker.js). Each worker is a runtime on a thread of its own (worker.c);
// messages are structured clones (ops.serialize / ops.deserialize, core/ext/messaging) whose
// bytes and transferred ArrayBuffers cross threads through the receiving loop's ring.
(function (P) {
  "use strict";
  const ops = P.ops;
  // worker.c's functions, made at the first use (not ops: those cost every start).
  const B = P.workerBinding ??= ops.workerBinding();
  const hooks = P.cloneHooks;
  // Events and MessageEvent are loaded when first needed: a worker that only posts never
  // compiles them (their code is most of a worker's start-up otherwise).
  let ev, ME;
  const events = () => (ev ??= P.events());
  const messageEvent = () => (ME ??= P.loadBuiltin("core/ext/messaging/messaging_impl.js").MessageEvent);
  const K_MESSAGE = 0, K_ERROR = 1, K_EXIT = 2;

  // A serializable platform object another runtime sent, whose class is not loaded here yet
  // (core/ext/messaging/clone.js).
  P.cloneLoad ??= (name) => {
    if (name === "DOMException") P.events();
    else if (name === "Blob") P.blob();
  };

  const live = new Map(); // rid -> Worker, until its thread has ended or terminate()

  // WebIDL's `(sequence<object> or StructuredSerializeOptions)`: ArrayBuffers and
  // MessagePorts (the serializer refuses anything else).
  function transferList(v) {
    const what = "Failed to execute 'postMessage' on 'Worker'";
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" && typeof v !== "function") {
      throw new TypeError(`${what}: The provided value is not of type '(sequence<object> or StructuredSerializeOptions)'.`);
    }
    return typeof v[Symbol.iterator] === "function" ? P.objectSequence(v, what)
      : v.transfer === undefined ? undefined : P.objectSequence(v.transfer, what);
  }
  P.workerTransferList = transferList;

  // A message for another thread, as worker.c's ops take it (wire.h): bytes, the
  // SharedArrayBuffers it holds (their memory is shared), the count of ports and their end
  // ids (messaging_impl.js's transferOut), then the transferred buffers (their memory moves).
  function wire(message, list) {
    hooks.crossing = true;
    let msg;
    try {
      msg = ops.serialize(message, list, hooks, true);
    } finally {
      hooks.crossing = false;
    }
    const ports = msg[2];
    const buffers = msg[1];
    if (ports === undefined && buffers.length === 0) return [msg[0], msg[3]];
    return [msg[0], msg[3], ports === undefined ? 0 : ports.length, ...(ports ?? []), ...buffers];
  }
  P.wireMessage = wire;

  function send(post, id, message, transfer) {
    const list = transferList(transfer);
    if (list === undefined) {
      const msg = ops.serialize(message, undefined, hooks, true);
      const buffers = msg[1];
      if (buffers.length === 0) post(id, msg[0], msg[3]);
      else post(id, msg[0], msg[3], 0, ...buffers);
      return;
    }
    post(id, ...wire(message, list));
  }
  P.workerSend = send;

  // MessagePorts of this runtime made for the ends a message brought (port.c).
  const portsOf = (rids) => {
    const M = P.loadBuiltin("core/ext/messaging/messaging_impl.js");
    return rids.map((rid) => M.portFromRid(rid));
  };
  P.wirePorts = portsOf;

  // A message's value, or an exception (messageerror).
  function receive(target, bytes, buffers, shared, ports) {
    let data;
    try {
      data = ops.deserialize(new Uint8Array(bytes), buffers, ports.length === 0 ? undefined : ports, hooks, shared);
    } catch {
      events().fire(target, new (messageEvent())("messageerror", { data: null }));
      return;
    }
    events().fire(target, new (messageEvent())("message", { data, ports }));
  }

  // The error event of an uncaught error in the worker: HTML's "report the exception" on the
  // Worker object. Not cancelled, it is reported in this runtime too, as an uncaught error
  // (Deno does the same: the process ends unless a handler calls preventDefault()).
  function workerError(worker, name, errName, message, filename, stack, lineno, colno) {
    const text = errName ? `Uncaught ${errName}: ${message}` : `Uncaught ${message}`;
    const event = new (events().ErrorEvent)("error", {
      message: text, filename, lineno, colno, error: null, cancelable: true,
    });
    events().fire(worker, event);
    if (event.defaultPrevented) return;
    const where = name ? ` (in worker "${name}")` : " (in a worker)";
    const C = globalThis[errName];
    const err = typeof C === "function" && (C === Error || C.prototype instanceof Error)
      ? new C(`${message}${where}`) : new Error(`${text}${where}`);
    const frames = typeof stack === "string" ? stack.split("\n").filter((l) => l.startsWith("    at ")) : [];
    err.stack = [`${err.name}: ${err.message}`, ...frames].join("\n");
    events().reportException(err);
  }

  // Events of this runtime's workers (rid >= 0) and, in a worker, of its own scope (rid -1),
  // in batches (worker.c's deliver): each message is its own event, with a microtask
  // checkpoint after it as after a task. An error that ends the run drops the rest.
  B.setDispatch(function workerDispatch(rid, batch) {
    const target = rid < 0 ? P.workerSelfTarget() : live.get(rid);
    for (let i = 0; i < batch.length;) {
      const kind = batch[i++];
      if (kind === K_MESSAGE) {
        const n = batch[i++];
        const nshared = batch[i++];
        const nports = batch[i++];
        const bytes = batch[i++];
        const buffers = n === 0 ? [] : batch.slice(i, i + n);
        i += n;
        const shared = nshared === 0 ? undefined : batch.slice(i, i + nshared);
        i += nshared;
        const ports = nports === 0 ? [] : portsOf(batch.slice(i, i + nports));
        i += nports;
        if (target === undefined) {
          for (const p of ports) p.close();
          continue;
        }
        receive(target, bytes, buffers, shared, ports);
      } else if (kind === K_ERROR) {
        if (target !== undefined) {
          workerError(target, nameOf(target), batch[i], batch[i + 1], batch[i + 2], batch[i + 3],
            batch[i + 4], batch[i + 5]);
        }
        i += 6;
      } else if (kind === K_EXIT) {
        // (Its rid may belong to a worker made since, in a listener of this batch.)
        if (target !== undefined && live.get(rid) === target) live.delete(rid);
      }
      if (i < batch.length && ops.runMicrotasks()) return;
    }
  });

  // A specifier resolves against the main module's URL (as import() from it would).
  function resolve(specifier) {
    let base;
    const entry = B.base();
    try {
      base = entry.startsWith("/") ? new URL(`file://${entry.split("/").map(encodeURIComponent).join("/")}`) : new URL(entry);
    } catch {
      base = undefined;
    }
    try {
      return new URL(`${specifier}`, base);
    } catch {
      throw new (events().DOMException)(`Failed to construct 'Worker': The URL '${specifier}' is invalid.`, "SyntaxError");
    }
  }

  // node's WorkerOptions.resourceLimits (MiB): [maxOld, maxYoung, stack], 0 for the default.
  function limits(v) {
    if (v === undefined) return [0, 0, 0];
    if (v === null || typeof v !== "object") {
      throw new TypeError("Failed to construct 'Worker': resourceLimits must be an object.");
    }
    return ["maxOldGenerationSizeMb", "maxYoungGenerationSizeMb", "stackSizeMb"].map((k) => {
      const n = v[k];
      if (n === undefined) return 0;
      if (typeof n !== "number") {
        throw new TypeError(`Failed to construct 'Worker': resourceLimits.${k} must be a number.`);
      }
      if (!(n >= 0) || n === Infinity) {
        throw new RangeError(`Failed to construct 'Worker': resourceLimits.${k} must be a non-negative finite number.`);
      }
      return n;
    });
  }

  // A data: URL's body as script text (fetch's "data: URL processor": percent-decoded,
  // base64 when the type says so, then UTF-8). undefined when it is malformed.
  function dataSource(href) {
    const comma = href.indexOf(",");
    if (!href.startsWith("data:") || comma < 0) return undefined;
    const meta = href.slice(5, comma).replace(/[\t\n\f\r ]+$/, "");
    const body = href.slice(comma + 1);
    const bytes = [];
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      const hex = c === 37 ? body.slice(i + 1, i + 3) : "";
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else if (c < 0x80) {
        bytes.push(c);
      } else {
        bytes.push(...new TextEncoder().encode(body[i]));
      }
    }
    let u8 = Uint8Array.from(bytes);
    if (/;[\t\n\f\r ]*base64$/i.test(meta)) {
      try {
        const bin = atob(String.fromCharCode(...u8).replace(/[\t\n\f\r ]/g, ""));
        u8 = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
      } catch {
        return undefined;
      }
    }
    return new TextDecoder().decode(u8);
  }
  P.workerDataSource = dataSource;

  let ridOf, nameOf;

  // The class, made at the first read of the global (a worker's own runtime loads this file
  // for its messages without it).
  function makeWorker() {
    class Worker extends events().EventTarget {
      #rid;
      #name;

      constructor(specifier, options = undefined) {
        if (arguments.length === 0) {
          throw new TypeError("Failed to construct 'Worker': 1 argument required, but only 0 present.");
        }
        if (options !== undefined && options !== null && typeof options !== "object" &&
            typeof options !== "function") {
          throw new TypeError("Failed to construct 'Worker': The provided value is not of type 'WorkerOptions'.");
        }
        const type = options?.type === undefined ? "classic" : `${options.type}`;
        if (type !== "classic" && type !== "module") {
          throw new TypeError(`Failed to construct 'Worker': The provided value '${type}' is not a valid enum value of type WorkerType.`);
        }
        const name = options?.name === undefined ? "" : `${options.name}`;
        const [maxOld, maxYoung, stack] = limits(options?.resourceLimits);
        const url = resolve(specifier);
        let path = "", source;
        if (url.protocol === "data:" && type === "module") {
          // The module loader resolves file: and node: URLs only (an imported data: URL too).
          throw new (events().DOMException)("Failed to construct 'Worker': data: URLs are supported for classic workers only.", "NotSupportedError");
        } else if (url.protocol === "data:") {
          source = dataSource(url.href);
          if (source === undefined) {
            throw new (events().DOMException)(`Failed to construct 'Worker': The data: URL '${url.href.slice(0, 64)}' is malformed.`, "SyntaxError");
          }
        } else if (url.protocol !== "file:") {
          throw new (events().DOMException)(`Failed to construct 'Worker': '${url.href}': only file: and data: URLs can be loaded in a worker.`, "NotSupportedError");
        } else {
          try {
            path = decodeURIComponent(url.pathname);
          } catch {
            throw new (events().DOMException)(`Failed to construct 'Worker': The URL '${url.href}' is invalid.`, "SyntaxError");
          }
        }
        super();
        this.#name = name;
        this.#rid = B.spawn(url.href, path, type === "module", name, maxOld, maxYoung, stack, source);
        live.set(this.#rid, this);
      }

      static {
        ridOf = (w, method) => {
          if (w === null || typeof w !== "object" || !(#rid in w)) {
            throw new TypeError(`Failed to execute '${method}' on 'Worker': Illegal invocation`);
          }
          return w.#rid;
        };
        nameOf = (w) => w.#name;
      }

      postMessage(message, transfer = undefined) {
        const rid = ridOf(this, "postMessage");
        if (arguments.length === 0) {
          throw new TypeError("Failed to execute 'postMessage' on 'Worker': 1 argument required, but only 0 present.");
        }
        send(B.post, rid, message, transfer);
      }

      terminate() {
        const rid = ridOf(this, "terminate");
        if (!live.has(rid)) return;
        live.delete(rid);
        B.terminate(rid);
      }

      // Deno's and Bun's: whether the worker keeps this program alive (it does by default).
      ref() { const rid = ridOf(this, "ref"); if (live.has(rid)) B.ref(rid, true); }
      unref() { const rid = ridOf(this, "unref"); if (live.has(rid)) B.ref(rid, false); }
    }
    P.webidlClass(Worker, "Worker");
    for (const t of ["message", "messageerror", "error"]) defineHandler(Worker.prototype, t);
    return Worker;
  }

  // on<type> event handler attributes (HTML's), shared with the worker's global scope.
  const defineHandler = (proto, type) => P.events().defineEventHandler(proto, type);
  P.workerDefineHandler = defineHandler;

  let WorkerClass;
  return { get Worker() { return (WorkerClass ??= makeWorker()); } };
});
