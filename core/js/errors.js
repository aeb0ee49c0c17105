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
    const map = P.mapStackPosition;
    for (let i = 0; i < n; i++) s += "\n    at " + (map ? mappedSite(sites[i], map) : sites[i].toString());
    return s;
  };

  // A frame of a file with a source map (P.mapStackPosition, set when the first map is known:
  // core/ext/source_maps) shows the place in the original source.
  function mappedSite(site, map) {
    const text = site.toString();
    const file = site.getFileName(), line = site.getLineNumber(), col = site.getColumnNumber();
    if (typeof file !== "string" || !line || !col) return text;
    const pos = map(file, line, col);
    if (pos === undefined) return text;
    const at = `${file}:${line}:${col}`, k = text.lastIndexOf(at);
    return k < 0 ? text : text.slice(0, k) + `${pos[3]}:${pos[0]}:${pos[1]}` + text.slice(k + at.length);
  }

  // --enable-source-maps: a JavaScript file with a `//# sourceMappingURL=` comment, met by the
  // kernel before it compiles it (core/source_transform.c).
  P.noteSourceMap = function noteSourceMap(url, source) {
    return P.loadBuiltin("core/ext/source_maps/source_maps_impl.js").fromComment(url, source);
  };
});
