// navigator.js: the `navigator` global (a Navigator, HTML's NavigatorID, NavigatorLanguage
// and NavigatorConcurrentHardware parts), defined on first use. userAgent is "mrt/<version>";
// language comes from the locale environment variables (LC_ALL, LC_MESSAGES, LANG, as deno
// reads them), "en-US" when they name none (unset, C, POSIX, or not a language tag).
(function (P) {
  "use strict";
  // The code is compiled from the binary on first use (not kept in the startup snapshot).
  P.lazyGlobals(["navigator", "Navigator"],
    () => P.loadBuiltin("core/ext/navigator/navigator_impl.js"));
});
