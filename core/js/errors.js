// errors.js: Error.stack as V8 formats it, without the runtime's own frames; uncaught
// errors described as Node describes them.
// A frame of this JS (`at runTimers (mrt:core/ext/timers/timers.js:99:34)`) is an implementation
// detail: user stacks leave it out. V8 calls P.prepareStackTrace (through the shim's hook)
// when `.stack` is first read; the hook replaces V8's formatting and its call of a user's
// Error.prepareStackTrace, so both are done here as V8 does them.
(function (P) {
  "use strict";
  const ErrorCtor = Error; // V8 reads prepareStackTrace from the original Error
  const errorToString = Error.prototype.toString;
  const ReflectApply = Reflect.apply;

  function isInternal(site) {
    const file = site.getFileName();
    return typeof file === "string" && file.length > 4 && file[0] === "m" &&
      file[1] === "r" && file[2] === "t" && file[3] === ":";
  }

  // V8's header: Error.prototype.toString, or what it threw, described.
  function header(error) {
    try {
      return ReflectApply(errorToString, error, []);
    } catch (thrown) {
      try {
        return `<error: ${ReflectApply(errorToString, thrown, [])}>`;
      } catch {
        return "<error>";
      }
    }
  }

  // An uncaught error as Node reports it (util.inspect: the stack, then own properties and
  // the [cause] chain) when that shows more than its stack; else undefined.
  const ObjectKeys = Object.keys;
  P.describeError = function describeError(error) {
    if (ObjectKeys(error).length === 0 && !("cause" in error)) return undefined;
    return P.inspect(error);
  };

  P.prepareStackTrace = function prepareStackTrace(error, sites) {
    let n = 0;
    for (let i = 0; i < sites.length; i++) {
      if (!isInternal(sites[i])) sites[n++] = sites[i];
    }
    sites.length = n;
    const user = ErrorCtor.prepareStackTrace;
    if (typeof user === "function") return ReflectApply(user, ErrorCtor, [error, sites]);
    let s = header(error);
    const map = P.mapStackSite; // set once a source map is known (core/ext/source_maps)
    for (let i = 0; i < n; i++) s += "\n    at " + (map ? map(sites[i]) : sites[i].toString());
    return s;
  };
});
