// navigator_impl.js: the Navigator, compiled from the binary at first use (navigator.js).
(function (P) {
  "use strict";
  const ops = P.ops;

  const internal = Symbol("internal");
  let languages;

  function localeLanguage() {
    const env = P.mrt.env;
    let raw = "";
    try {
      raw = env.get("LC_ALL") || env.get("LC_MESSAGES") || env.get("LANG") || "";
    } catch {} // the sandbox without --allow-env: the default language
    // language[_territory][.codeset][@modifier]
    const tag = raw.replace(/[.@].*$/, "").replace(/_/g, "-");
    if (tag === "" || tag === "C" || tag === "POSIX") return "en-US";
    try {
      return Intl.getCanonicalLocales(tag)[0];
    } catch {
      return "en-US";
    }
  }

  class Navigator {
    constructor(token = undefined) {
      if (token !== internal) throw new TypeError("Illegal constructor");
    }
    get userAgent() {
      check(this);
      return `mrt/${P.version}`;
    }
    get hardwareConcurrency() {
      check(this);
      return ops.hardwareConcurrency();
    }
    get language() {
      check(this);
      return this.languages[0];
    }
    get languages() {
      check(this);
      // A FrozenArray: the same object while the value does not change.
      if (languages === undefined) languages = Object.freeze([localeLanguage()]);
      return languages;
    }
    get platform() {
      check(this);
      return ops.platform();
    }
  }
  const navigator = new Navigator(internal);
  function check(self) {
    if (self !== navigator) throw new TypeError("Illegal invocation");
  }
  for (const key of Object.getOwnPropertyNames(Navigator.prototype)) {
    if (key !== "constructor") Object.defineProperty(Navigator.prototype, key, { enumerable: true });
  }
  Object.defineProperty(Navigator.prototype, Symbol.toStringTag, {
    value: "Navigator", configurable: true,
  });
  return { navigator, Navigator };
});
