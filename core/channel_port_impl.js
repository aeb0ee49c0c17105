// channel_port_impl.js: the JS end of an embedder's mrt_channel (core/channel.c), made by
// mrt_channel_to_js: a MessagePort-like object with postMessage, onmessage/onmessageerror
// (an EventTarget), close, ref and unref. Compiled from the binary the first time a runtime
// asks for one; never in the startup snapshot.
// Messages are bytes (posted from C with mrt_channel_post: event.data is an ArrayBuffer) or
// structured clones (postMessage here, mrt_channel_post_value in C: V8's ValueSerializer,
// as a Worker's messages; no transfer list, no SharedArrayBuffer).
(function (P) {
  "use strict";
  const ops = P.ops;
  const hooks = P.cloneHooks;
  const BYTES = 0, CLONE = 1; // mrt_channel_kind
  const { EventTarget, defineEventHandler, fire } = P.events();
  let ME;
  const messageEvent = () => (ME ??= P.loadBuiltin("core/ext/messaging/messaging_impl.js").MessageEvent);
  let B; // channel.c's functions: post(rid, bytes), close(rid), ref(rid, on)
  const rids = new WeakMap(); // port -> its receiver's rid (-1 once closed)

  function ridOf(that, name) {
    const rid = rids.get(that);
    if (rid === undefined) throw new TypeError(`${name} called on an object that is not a channel port`);
    return rid;
  }

  class ChannelPort extends EventTarget {
    postMessage(message) {
      const rid = ridOf(this, "postMessage");
      // As a closed MessagePort's: cloned (errors still throw), then dropped.
      const bytes = encode(message);
      if (rid >= 0) B.post(rid, bytes);
    }
    close() {
      const rid = ridOf(this, "close");
      if (rid < 0) return;
      rids.set(this, -1);
      B.close(rid);
    }
    // A port with a receiver keeps its runtime's event loop alive until closed or unref'd.
    ref() { const rid = ridOf(this, "ref"); if (rid >= 0) B.ref(rid, true); }
    unref() { const rid = ridOf(this, "unref"); if (rid >= 0) B.ref(rid, false); }
    get [Symbol.toStringTag]() { return "ChannelPort"; }
  }
  defineEventHandler(ChannelPort.prototype, "message");
  defineEventHandler(ChannelPort.prototype, "messageerror");

  function encode(value) {
    return ops.serialize(value, undefined, hooks, false)[0];
  }
  function decode(bytes) {
    return ops.deserialize(new Uint8Array(bytes), [], undefined, hooks, undefined);
  }

  // A batch from channel.c: kind, bytes (an ArrayBuffer), kind, bytes... Each message is
  // its own task (a microtask checkpoint after each, as a MessagePort's).
  function dispatch(port, batch) {
    for (let i = 0; i < batch.length; i += 2) {
      if (rids.get(port) < 0) return; // closed by a listener: the rest is dropped
      if (batch[i] === BYTES) {
        fire(port, new (messageEvent())("message", { data: batch[i + 1] }));
      } else {
        let data, ok = true;
        try {
          data = decode(batch[i + 1]);
        } catch {
          ok = false;
        }
        fire(port, new (messageEvent())(ok ? "message" : "messageerror", { data: ok ? data : null }));
      }
      if (i + 2 < batch.length && ops.runMicrotasks()) return;
    }
  }

  return {
    bound: () => B !== undefined,
    bind(post, close, ref) { B = { post, close, ref }; },
    make(rid) {
      const port = new ChannelPort();
      rids.set(port, rid);
      return port;
    },
    dispatch, encode, decode, CLONE,
  };
});
