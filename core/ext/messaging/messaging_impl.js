// messaging_impl.js: MessageChannel, MessagePort, MessageEvent and BroadcastChannel, compiled
// from the binary at first use (messaging.js). Ports and channels reach other runtimes
// (workers) through core/ext/worker's port.c and broadcast.c.
//
// A port is a record { port, peer, queue, enabled, closed }; messages are the structured
// clone's bytes (ops.serialize), deserialized by the receiving side when delivered, so a
// cross-thread transport can carry the same bytes later (workers: issue 17). Delivery is a
// macrotask (messaging.c): the queue of ready messages runs in order, a microtask checkpoint
// after each, as in node. Liveness follows node: a port with a 'message' listener or
// onmessage, started and entangled, keeps the program alive until closed or unref()'d; so
// does an open BroadcastChannel.
(function (P) {
  "use strict";
  const ops = P.ops;

  const hooks = P.cloneHooks;
  const DOMException = P.DOMException;
  const { Event, EventTarget, fire } = P.events();
  const illegal = Symbol("illegal");

  // ---------------------------------------------------------------- delivery

  // Records (ports, channels) with messages to deliver, in the order they became ready;
  // each drains its own queue in turn, as node's ports do.
  const ready = [];
  let delivering = false;
  const LIMIT = 1000; // messages per task beyond those queued: posting can't starve the loop

  function schedule() {
    if (!delivering) ops.messagesPending(deliver);
  }

  // BroadcastChannel messages: one queue of [channel record, message] for all channels,
  // since HTML queues one task per destination in posting order.
  const broadcasts = { queue: [], enabled: true, closed: false, scheduled: false };

  function markReady(rec) {
    if (rec.scheduled) return;
    rec.scheduled = true;
    ready.push(rec);
    schedule();
  }

  function deliver() {
    delivering = true;
    let limit = LIMIT;
    for (const rec of ready) limit += rec.queue.length;
    try {
      while (ready.length > 0) {
        const rec = ready[0];
        while (rec.queue.length > 0 && rec.enabled && !rec.closed) {
          if (limit-- <= 0) return;
          const item = rec.queue.shift();
          if (rec === broadcasts) {
            if (item[0].closed) continue;
            receive(item[0], item[1]);
          } else {
            receive(rec, item);
          }
          if (ops.runMicrotasks()) return; // an error ends the run: the rest waits
        }
        ready.shift();
        rec.scheduled = false;
      }
    } finally {
      delivering = false;
      if (ready.length > 0) ops.messagesPending(deliver);
    }
  }

  // Deserializes msg for rec's object and fires message (or messageerror).
  function receive(rec, msg) {
    const target = rec.port;
    let data;
    try {
      data = ops.deserialize(msg[0], msg[1], msg[2], hooks, msg[3]);
    } catch {
      fire(target, new MessageEvent("messageerror", { data: null }));
      return;
    }
    const ports = msg[2] === undefined ? [] : msg[2].filter((p) => isPort(p));
    fire(target, new MessageEvent("message", { data, ports }));
  }

  // ---------------------------------------------------------------- liveness

  let liveCount = 0;
  function setLive(rec, live) {
    if (rec.live === live) return;
    rec.live = live;
    liveCount += live ? 1 : -1;
    ops.messagesRef(liveCount > 0);
  }
  function updatePort(rec) {
    const entangled = rec.rid >= 0 ? rec.remoteOpen : rec.peer !== null;
    setLive(rec, rec.enabled && !rec.closed && entangled && rec.refed && rec.listened);
  }

  // ---------------------------------------------------------------- MessageEvent

  // Set by MessagePort's static block (its private name is visible only there).
  let isPort, recOf;

  function toPorts(v, what) {
    const list = P.objectSequence(v, what) || [];
    for (const p of list) {
      if (!isPort(p)) throw new TypeError(`${what}: an element is not of type MessagePort.`);
    }
    return Object.freeze(list);
  }

  class MessageEvent extends Event {
    #data;
    #origin;
    #lastEventId;
    #source;
    #ports;

    constructor(type, init = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'MessageEvent': 1 argument required, but only 0 present.");
      }
      if (init !== undefined && init !== null && typeof init !== "object" &&
          typeof init !== "function") {
        throw new TypeError("Failed to construct 'MessageEvent': The provided value is not of type 'MessageEventInit'.");
      }
      super(type, init);
      const i = init ?? {};
      this.#data = i.data === undefined ? null : i.data;
      this.#origin = i.origin === undefined ? "" : String(i.origin);
      this.#lastEventId = i.lastEventId === undefined ? "" : String(i.lastEventId);
      const source = i.source === undefined ? null : i.source;
      if (source !== null && !isPort(source)) {
        throw new TypeError("Failed to construct 'MessageEvent': The provided value is not of type '(MessagePort or ServiceWorker or Window)'.");
      }
      this.#source = source;
      this.#ports = i.ports === undefined ? Object.freeze([])
        : toPorts(i.ports, "Failed to construct 'MessageEvent': Failed to read the 'ports' property from 'MessageEventInit'");
    }
    get data() { return this.#data; }
    get origin() { return this.#origin; }
    get lastEventId() { return this.#lastEventId; }
    get source() { return this.#source; }
    get ports() { return this.#ports; }

    initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = "",
      lastEventId = "", source = null, ports = []) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'initMessageEvent' on 'MessageEvent': 1 argument required, but only 0 present.");
      }
      if (typeof this.initEvent === "function") this.initEvent(type, bubbles, cancelable);
      this.#data = data;
      this.#origin = String(origin);
      this.#lastEventId = String(lastEventId);
      this.#source = source;
      this.#ports = toPorts(ports, "Failed to execute 'initMessageEvent' on 'MessageEvent'");
    }
  }
  P.brandOwn?.(MessageEvent);
  Object.defineProperty(MessageEvent.prototype, Symbol.toStringTag, {
    value: "MessageEvent", configurable: true,
  });

  // ---------------------------------------------------------------- event handlers

  // onmessage / onmessageerror (HTML's event handler attributes).
  const defineHandler = (proto, type, onSet) => P.events().defineEventHandler(proto, type, onSet);

  // ---------------------------------------------------------------- MessagePort

  function newRecord() {
    return {
      port: null, peer: null, queue: [], enabled: false, closed: false, detached: false,
      refed: true, listened: false, live: false, scheduled: false,
      rid: -1, remoteOpen: false, // rid >= 0: the peer is in another runtime (port.c's end)
    };
  }

  function portOf(that, name) {
    if (!isPort(that)) {
      throw new TypeError(`Failed to execute '${name}' on 'MessagePort': Illegal invocation`);
    }
    return recOf(that);
  }

  class MessagePort extends EventTarget {
    #rec;

    constructor(key = undefined, rec = undefined) {
      if (key !== illegal) throw new TypeError("Illegal constructor");
      super();
      this.#rec = rec;
      rec.port = this;
    }

    postMessage(message, transfer = undefined) {
      const rec = portOf(this, "postMessage");
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'postMessage' on 'MessagePort': 1 argument required, but only 0 present.");
      }
      const list = transferList(transfer, "MessagePort");
      if (list !== undefined && list.includes(this)) {
        throw new DOMException("Failed to execute 'postMessage' on 'MessagePort': Port at index " +
          list.indexOf(this) + " contains the source port.", "DataCloneError");
      }
      if (rec.rid >= 0) {
        const args = P.wireMessage(message, list);
        if (!rec.detached && !rec.closed) B().portPost(rec.rid, ...args);
        return;
      }
      const target = rec.peer;
      const msg = ops.serialize(message, list, hooks);
      if (target === null || rec.detached) return;
      // A port sent to its own peer is doomed: the message goes nowhere.
      if (list !== undefined && target.port !== null && list.includes(target.port)) return;
      enqueue(target, msg);
    }

    start() {
      const rec = portOf(this, "start");
      if (rec.enabled || rec.detached) return;
      rec.enabled = true;
      if (rec.queue.length > 0) markReady(rec);
      updatePort(rec);
    }

    close() {
      const rec = portOf(this, "close");
      closePort(rec);
    }

    // node's: whether the port keeps the program alive while it listens.
    ref() { const rec = portOf(this, "ref"); rec.refed = true; updatePort(rec); }
    unref() { const rec = portOf(this, "unref"); rec.refed = false; updatePort(rec); }
    hasRef() { return portOf(this, "hasRef").live; }

    addEventListener(type, listener, options = undefined) {
      const rec = portOf(this, "addEventListener");
      super.addEventListener(type, listener, options);
      if (`${type}` === "message" && listener != null) {
        rec.listened = true;
        updatePort(rec);
      }
    }

    static {
      isPort = (v) => v !== null && typeof v === "object" && #rec in v;
      recOf = (p) => p.#rec;
    }
  }
  Object.defineProperty(MessagePort.prototype, Symbol.toStringTag, {
    value: "MessagePort", configurable: true,
  });
  defineHandler(MessagePort.prototype, "message", (port, fn) => {
    const rec = recOf(port);
    rec.listened = fn !== null;
    if (fn !== null) port.start();
    updatePort(rec);
  });
  defineHandler(MessagePort.prototype, "messageerror");

  function enqueue(rec, msg) {
    if (rec.closed) return;
    rec.queue.push(msg);
    if (rec.enabled) markReady(rec);
  }

  function closePort(rec) {
    if (rec.closed) return;
    rec.closed = true;
    rec.queue = [];
    if (rec.rid >= 0) {
      remotes.delete(rec.rid);
      B().portClose(rec.rid);
    }
    const peer = rec.peer;
    rec.peer = null;
    updatePort(rec);
    if (peer !== null) {
      peer.peer = null;
      updatePort(peer);
    }
  }

  function makePort(rec) {
    return new MessagePort(illegal, rec);
  }

  // Transfer: the port's identity moves to a new object; the old one is detached. Its
  // queued messages go with it, and the new port starts disabled (HTML).
  P.transferable({
    is: isPort,
    detached: (port) => recOf(port).detached || recOf(port).closed,
    transfer(port) {
      const old = recOf(port);
      const rec = newRecord();
      rec.peer = old.peer;
      if (rec.peer !== null) rec.peer.peer = rec;
      rec.queue = old.queue; // they wait for the new port's start()
      old.queue = [];
      old.peer = null;
      if (old.rid >= 0) { // the end moves to the new port, in this runtime still
        remotes.set(rec.rid = old.rid, rec);
        rec.remoteOpen = old.remoteOpen;
        old.rid = -1;
      }
      old.detached = true;
      old.enabled = false;
      updatePort(old);
      return makePort(rec);
    },
    transferOut: transferOut,
  });

  // ---------------------------------------------------------------- across threads
  //
  // A port leaving this runtime (a message to a worker, or through a port whose peer is in
  // another runtime) leaves as its end in C (port.c): the channel becomes a C pair the first
  // time, its peer port here backed by the other end. The messages queued for the port here
  // go with it, first (portPend); the sender's port is detached.

  let binding;
  function B() {
    if (binding === undefined) {
      binding = P.workerBinding ??= ops.workerBinding();
      binding.setPortDispatch(portDispatch);
    }
    return binding;
  }

  const remotes = new Map(); // end rid -> record of this runtime's port backed by it

  function transferOut(port) {
    const rec = recOf(port);
    if (rec.rid < 0) {
      const [mine, theirs] = B().portPair();
      const peer = rec.peer;
      if (peer !== null) {
        peer.peer = null;
        peer.rid = mine;
        peer.remoteOpen = true;
        remotes.set(mine, peer);
        updatePort(peer);
      } else {
        B().portClose(mine);
      }
      rec.peer = null;
      rec.rid = theirs;
    }
    const rid = rec.rid;
    remotes.delete(rid);
    for (const msg of rec.queue) {
      const ports = msg[2] === undefined ? [] : msg[2].map((p) => transferOut(p));
      B().portPend(rid, msg[0], msg[3], ports.length, ...ports, ...msg[1]);
    }
    rec.queue = [];
    rec.rid = -1;
    rec.detached = true;
    rec.enabled = false;
    updatePort(rec);
    return rid;
  }

  // A port for an end a message brought here (attached to this runtime by port.c).
  function portFromRid(rid) {
    B();
    const rec = newRecord();
    rec.rid = rid;
    rec.remoteOpen = true;
    remotes.set(rid, rec);
    return makePort(rec);
  }

  // Messages to this runtime's ends (port.c's drain task, wire.h's batch): queued for their
  // port in order, then delivered in this task (it is one already: no second hop through
  // messagesPending) as the local ones are.
  function portDispatch(rid, batch) {
    const rec = remotes.get(rid);
    if (rec === undefined) { // dropped here: its end is closed
      B().portClose(rid);
      return;
    }
    const nested = delivering;
    delivering = true; // markReady queues, deliver() below runs them
    try {
      enqueueBatch(rec, batch);
    } finally {
      delivering = nested;
    }
    if (!nested && ready.length > 0) deliver();
  }

  function enqueueBatch(rec, batch) {
    for (let i = 0; i < batch.length;) {
      const kind = batch[i++];
      if (kind === 0) {
        const n = batch[i++];
        const nshared = batch[i++];
        const nports = batch[i++];
        const bytes = new Uint8Array(batch[i++]);
        const buffers = batch.slice(i, i += n);
        const shared = nshared === 0 ? undefined : batch.slice(i, i += nshared);
        const ports = nports === 0 ? undefined : batch.slice(i, i += nports).map(portFromRid);
        enqueue(rec, [bytes, buffers, ports, shared]);
      } else if (kind === 3) { // the peer closed
        rec.remoteOpen = false;
        updatePort(rec);
      }
    }
  }

  // postMessage's second argument: a sequence of objects, or StructuredSerializeOptions.
  function transferList(v, iface) {
    const what = `Failed to execute 'postMessage' on '${iface}'`;
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" && typeof v !== "function") {
      throw new TypeError(`${what}: The provided value is not of type '(sequence<object> or StructuredSerializeOptions)'.`);
    }
    if (typeof v[Symbol.iterator] === "function") return P.objectSequence(v, what);
    const t = v.transfer;
    return t === undefined ? undefined : P.objectSequence(t, what);
  }

  // ---------------------------------------------------------------- MessageChannel

  class MessageChannel {
    #port1;
    #port2;
    constructor() {
      const a = newRecord();
      const b = newRecord();
      a.peer = b;
      b.peer = a;
      this.#port1 = makePort(a);
      this.#port2 = makePort(b);
    }
    get port1() {
      if (!(#port1 in this)) throw new TypeError("Illegal invocation");
      return this.#port1;
    }
    get port2() {
      if (!(#port2 in this)) throw new TypeError("Illegal invocation");
      return this.#port2;
    }
  }
  Object.defineProperty(MessageChannel.prototype, Symbol.toStringTag, {
    value: "MessageChannel", configurable: true,
  });

  // ---------------------------------------------------------------- BroadcastChannel

  const channels = new Map(); // name -> records, in creation order

  // Other runtimes (workers, the main one): this runtime subscribes once per name it has
  // open channels of (broadcast.c); their messages come as bytes and go to every open
  // channel of the name here, as a local post does.
  const subscriptions = new Map(); // name -> { rid, count }
  const subscribedNames = new Map(); // rid -> name
  let bcBinding;
  function bc() {
    if (bcBinding === undefined) {
      bcBinding = B();
      bcBinding.setBroadcastDispatch(broadcastDispatch);
    }
    return bcBinding;
  }
  function subscribe(name) {
    let sub = subscriptions.get(name);
    if (sub === undefined) {
      sub = { rid: bc().bcSubscribe(name), count: 0 };
      subscriptions.set(name, sub);
      subscribedNames.set(sub.rid, name);
    }
    sub.count++;
  }
  function unsubscribe(name) {
    const sub = subscriptions.get(name);
    if (--sub.count > 0) return;
    subscriptions.delete(name);
    subscribedNames.delete(sub.rid);
    bc().bcUnsubscribe(sub.rid);
  }
  function broadcastDispatch(rid, batch) {
    const list = channels.get(subscribedNames.get(rid));
    let any = false;
    for (let i = 0; i < batch.length;) {
      if (batch[i++] !== 0) continue; // only messages come (no buffers, ports nor shared)
      i += 3;
      const msg = [new Uint8Array(batch[i++]), [], undefined, undefined];
      if (list === undefined) continue;
      for (const other of list) {
        if (!other.closed) {
          broadcasts.queue.push([other, msg]);
          any = true;
        }
      }
    }
    if (any && !broadcasts.scheduled) {
      broadcasts.scheduled = true;
      ready.push(broadcasts);
      if (!delivering) deliver(); // this is a task already (broadcast.c's drain)
    }
  }

  let channelRec; // set by BroadcastChannel's static block
  function channelOf(that, name) {
    const rec = that !== null && typeof that === "object" ? channelRec(that) : undefined;
    if (rec === undefined) {
      throw new TypeError(`Failed to execute '${name}' on 'BroadcastChannel': Illegal invocation`);
    }
    return rec;
  }

  class BroadcastChannel extends EventTarget {
    #brec;

    constructor(name) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'BroadcastChannel': 1 argument required, but only 0 present.");
      }
      super();
      name = `${name}`;
      const rec = {
        port: this, name, closed: false, enabled: true, refed: true, live: false,
        peer: null, queue: [], scheduled: false,
      };
      this.#brec = rec;
      let list = channels.get(name);
      if (list === undefined) channels.set(name, list = []);
      list.push(rec);
      subscribe(name);
      setLive(rec, true);
    }

    static {
      channelRec = (c) => (#brec in c ? c.#brec : undefined);
    }

    get name() { return channelOf(this, "name").name; }

    postMessage(message) {
      const rec = channelOf(this, "postMessage");
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'postMessage' on 'BroadcastChannel': 1 argument required, but only 0 present.");
      }
      if (rec.closed) {
        throw new DOMException("Failed to execute 'postMessage' on 'BroadcastChannel': Channel is closed", "InvalidStateError");
      }
      const msg = ops.serialize(message, undefined, hooks);
      const list = channels.get(rec.name);
      let any = false;
      for (const other of list) {
        if (other !== rec && !other.closed) {
          broadcasts.queue.push([other, msg]);
          any = true;
        }
      }
      if (any) markReady(broadcasts);
      bc().bcPost(subscriptions.get(rec.name).rid, msg[0]);
    }

    close() {
      const rec = channelOf(this, "close");
      if (rec.closed) return;
      rec.closed = true;
      setLive(rec, false);
      const list = channels.get(rec.name);
      list.splice(list.indexOf(rec), 1);
      if (list.length === 0) channels.delete(rec.name);
      unsubscribe(rec.name);
    }

    ref() { const rec = channelOf(this, "ref"); rec.refed = true; setLive(rec, !rec.closed); }
    unref() { const rec = channelOf(this, "unref"); rec.refed = false; setLive(rec, false); }
  }
  Object.defineProperty(BroadcastChannel.prototype, Symbol.toStringTag, {
    value: "BroadcastChannel", configurable: true,
  });
  defineHandler(BroadcastChannel.prototype, "message");
  defineHandler(BroadcastChannel.prototype, "messageerror");
  return { MessageChannel, MessagePort, MessageEvent, BroadcastChannel, portFromRid };
});
