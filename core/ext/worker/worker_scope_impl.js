// worker_scope_impl.js: a worker's global scope (HTML's DedicatedWorkerGlobalScope) over the
// runtime's globals: name, postMessage, close, onmessage, onmessageerror; `self` is
// globalThis already. worker.c calls init(name) before the main script runs.
// A worker that listens for messages (onmessage, or a 'message' listener) stays alive until
// close() or its parent's terminate(); one that does not ends when its loop has no work
// left, as node's worker_threads do.
(function (P) {
  "use strict";
  function init(name, url, module) {
    P.loadBuiltin("core/ext/worker/worker_impl.js"); // P.workerSend, workerReceive, ...
    const B = P.workerBinding;
    let closing = false;

    P.workerSelfTarget = () => (closing ? undefined : globalThis);

    const define = (key, value) => Object.defineProperty(globalThis, key, {
      value, writable: true, enumerable: true, configurable: true,
    });
    Object.defineProperty(globalThis, "name", {
      get() { return name; }, set(v) { Object.defineProperty(globalThis, "name", { value: v, writable: true, enumerable: true, configurable: true }); },
      enumerable: true, configurable: true,
    });
    define("postMessage", function postMessage(message, transfer = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'postMessage' on 'DedicatedWorkerGlobalScope': 1 argument required, but only 0 present.");
      }
      P.workerSend(B.selfPost, 0, message, transfer);
    });
    // HTML: the worker ends once the current task is over; what it posted until then is sent.
    define("close", function close() {
      if (closing) return;
      closing = true;
      B.selfRef(false);
      queueMicrotask(() => B.selfClose());
    });
    define("addEventListener", function (type, listener, options = undefined) {
      P.events().addEventListener.call(this ?? globalThis, type, listener, options);
      if (`${type}` === "message" && listener != null && !closing) B.selfRef(true);
    });
    // HTML's importScripts for classic workers: every URL (file: or data:, relative to the
    // worker's script) is read first, then each runs in order as a classic script of the
    // global scope (an indirect eval, named by its URL in stack traces).
    define("importScripts", function importScripts(...urls) {
      const what = "Failed to execute 'importScripts' on 'WorkerGlobalScope'";
      const DOMException = P.events().DOMException;
      if (module) throw new TypeError(`${what}: Module scripts don't support importScripts().`);
      const scripts = urls.map((u) => {
        let href;
        try {
          href = new URL(`${u}`, url);
        } catch {
          throw new DOMException(`${what}: The URL '${u}' is invalid.`, "SyntaxError");
        }
        let source;
        if (href.protocol === "data:") source = P.workerDataSource(href.href);
        else if (href.protocol === "file:") {
          try {
            source = P.ops.fsReadTextFileSync(decodeURIComponent(href.pathname));
          } catch {
            source = undefined;
          }
        }
        if (source === undefined) {
          throw new DOMException(`${what}: The script at '${href.href}' failed to load.`, "NetworkError");
        }
        return [href.href, source];
      });
      for (const [href, source] of scripts) {
        (0, eval)(`${source}\n//# sourceURL=${href}`);
      }
    });
    P.workerDefineHandler(globalThis, "message");
    P.workerDefineHandler(globalThis, "messageerror");
  }

  return { init };
});
