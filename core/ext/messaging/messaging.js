// messaging.js: MessageChannel, MessagePort, MessageEvent and BroadcastChannel within one
// runtime (HTML "Cross-document messaging" / "Channel messaging" / "Broadcasting"). Lazy:
// nothing is made until one of the names is first read; the code (messaging_impl.js) is
// compiled from the binary then, not kept in the startup snapshot.
(function (P) {
  "use strict";
  P.lazyGlobals(["MessageChannel", "MessagePort", "MessageEvent", "BroadcastChannel"],
    () => P.loadBuiltin("core/ext/messaging/messaging_impl.js"));
});
