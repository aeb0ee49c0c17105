// events.js: DOM events (Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent),
// AbortController/AbortSignal, DOMException and globalThis as an event target (the `error`,
// `unhandledrejection` and `rejectionhandled` events, reportError). Everything is defined on
// first use (P.lazyGlobals); P.events() gives the loaded object to other extensions.
// The code (events_impl.js) is compiled from the binary then, not kept in the startup snapshot.
(function (P) {
  "use strict";
  // Taken at bootstrap: a program replacing these globals does not change the platform's.
  P.eventsBoot = {
    perf: globalThis.performance, setTimeoutP: globalThis.setTimeout,
    clearTimeoutP: globalThis.clearTimeout, captureStackTrace: Error.captureStackTrace,
  };

  const names = [
    "Event", "EventTarget", "CustomEvent", "ErrorEvent", "PromiseRejectionEvent",
    "AbortController", "AbortSignal", "DOMException",
    "addEventListener", "removeEventListener", "dispatchEvent", "reportError",
  ];
  const events = P.lazyGlobals(names, () => P.loadBuiltin("core/ext/events/events_impl.js"));
  P.events = events;
  // Kept for the extensions that used it before this one existed.
  Object.defineProperty(P, "DOMException", { get: () => events().DOMException, configurable: true });

  // globalThis.onerror / onunhandledrejection / onrejectionhandled: accessors that load the
  // events code only when set.
  for (const type of ["error", "unhandledrejection", "rejectionhandled"]) {
    const name = `on${type}`;
    Object.defineProperty(globalThis, name, {
      get: { [name]() { return P.globalHandlers === undefined ? null : P.globalHandlers.get(type) ?? null; } }[name],
      set: { [name](v) { events().setGlobalHandler(type, v); } }[name],
      enumerable: true,
      configurable: true,
    });
  }
});
