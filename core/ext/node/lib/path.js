// node:path: POSIX paths, as Node's path.posix (path.win32 is a stub whose functions throw a
// clear "not supported" error: mrt runs on POSIX systems only).
(function (P) {
  "use strict";

  function validateString(value, name) {
    if (typeof value !== "string") {
      let received;
      if (value === null || value === undefined) received = String(value);
      else if (typeof value === "object") {
        received = value.constructor?.name ? `an instance of ${value.constructor.name}` : "an object";
      } else if (typeof value === "function") received = `function ${value.name}`;
      else received = `type ${typeof value} (${typeof value === "bigint" ? value + "n" : String(value)})`;
      const err = new TypeError(`The "${name}" argument must be of type string. Received ${received}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
  }

  // Resolves "." and ".." segments of a path without its leading slash; a ".." above the
  // start stays only when the path is relative (allowAboveRoot).
  function normalizeSegments(path, allowAboveRoot) {
    const out = [];
    for (const seg of path.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (allowAboveRoot) out.push("..");
      } else {
        out.push(seg);
      }
    }
    return out.join("/");
  }

  // The last segment of path (from index `from`), trailing slashes ignored: where it starts
  // and ends, and its last dot. A dot that begins the segment (".bashrc") or the segment ".."
  // is no extension (Node's rule; parse, scanning from after the root, sees "/.." as base ".."
  // with ext ".", as Node does).
  function scanExtension(path, from) {
    let startDot = -1;
    let startPart = 0;
    let end = -1;
    let matchedSlash = true;
    let preDotState = 0; // 0: nothing before the dot; 1: only dots; -1: something else
    for (let i = path.length - 1; i >= from; --i) {
      const code = path.charCodeAt(i);
      if (code === 47) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === 46) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    const ext = !(startDot === -1 || end === -1 || preDotState === 0 ||
      (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1));
    return { startDot, startPart, end, ext };
  }

  function cwd() {
    return P.nodeOps().cwd();
  }

  const posix = {
    sep: "/",
    delimiter: ":",

    resolve(...args) {
      let resolved = "";
      let absolute = false;
      for (let i = args.length - 1; i >= -1 && !absolute; i--) {
        const path = i >= 0 ? args[i] : cwd();
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
        resolved = `${path}/${resolved}`;
        absolute = path.charCodeAt(0) === 47;
      }
      resolved = normalizeSegments(resolved, !absolute);
      if (absolute) return `/${resolved}`;
      return resolved.length > 0 ? resolved : ".";
    },

    normalize(path) {
      validateString(path, "path");
      if (path.length === 0) return ".";
      const absolute = path.charCodeAt(0) === 47;
      const trailing = path.charCodeAt(path.length - 1) === 47;
      let out = normalizeSegments(path, !absolute);
      if (out.length === 0) {
        if (absolute) return "/";
        return trailing ? "./" : ".";
      }
      if (trailing) out += "/";
      return absolute ? `/${out}` : out;
    },

    isAbsolute(path) {
      validateString(path, "path");
      return path.length > 0 && path.charCodeAt(0) === 47;
    },

    join(...args) {
      if (args.length === 0) return ".";
      let joined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        validateString(arg, "path");
        if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
      }
      if (joined === undefined) return ".";
      return posix.normalize(joined);
    },

    relative(from, to) {
      validateString(from, "from");
      validateString(to, "to");
      if (from === to) return "";
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return "";
      const fromParts = from === "/" ? [] : from.slice(1).split("/");
      const toParts = to === "/" ? [] : to.slice(1).split("/");
      let common = 0;
      while (common < fromParts.length && common < toParts.length &&
        fromParts[common] === toParts[common]) common++;
      const up = fromParts.slice(common).map(() => "..");
      return up.concat(toParts.slice(common)).join("/");
    },

    toNamespacedPath(path) {
      return path;
    },

    dirname(path) {
      validateString(path, "path");
      if (path.length === 0) return ".";
      const hasRoot = path.charCodeAt(0) === 47;
      let end = -1;
      let matchedSlash = true;
      for (let i = path.length - 1; i >= 1; --i) {
        if (path.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? "/" : ".";
      if (hasRoot && end === 1) return "//";
      return path.slice(0, end);
    },

    basename(path, suffix) {
      if (suffix !== undefined) validateString(suffix, "suffix");
      validateString(path, "path");
      let start = 0;
      let end = -1;
      let matchedSlash = true;
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
        // Node's scan: the suffix is matched backwards from the last segment's end; its
        // quirks (a trailing slash kept when the suffix matched part of the segment) are
        // what packages see, so they are kept.
        if (suffix === path) return "";
        let extIdx = suffix.length - 1;
        let firstNonSlashEnd = -1;
        for (let i = path.length - 1; i >= 0; --i) {
          const code = path.charCodeAt(i);
          if (code === 47) {
            if (!matchedSlash) {
              start = i + 1;
              break;
            }
          } else {
            if (firstNonSlashEnd === -1) {
              matchedSlash = false;
              firstNonSlashEnd = i + 1;
            }
            if (extIdx >= 0) {
              if (code === suffix.charCodeAt(extIdx)) {
                if (--extIdx === -1) end = i;
              } else {
                extIdx = -1;
                end = firstNonSlashEnd;
              }
            }
          }
        }
        if (start === end) end = firstNonSlashEnd;
        else if (end === -1) end = path.length;
        return path.slice(start, end);
      }
      for (let i = path.length - 1; i >= 0; --i) {
        if (path.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
      }
      return end === -1 ? "" : path.slice(start, end);
    },

    extname(path) {
      validateString(path, "path");
      const s = scanExtension(path, 0);
      return s.ext ? path.slice(s.startDot, s.end) : "";
    },

    format(pathObject) {
      if (pathObject === null || typeof pathObject !== "object") {
        const received = pathObject === null || pathObject === undefined ? String(pathObject)
          : `type ${typeof pathObject} (${typeof pathObject === "string" ? `'${pathObject}'` : String(pathObject)})`;
        const err = new TypeError(`The "pathObject" argument must be of type object. Received ${received}`);
        err.code = "ERR_INVALID_ARG_TYPE";
        throw err;
      }
      const dir = pathObject.dir || pathObject.root;
      const base = pathObject.base ||
        `${pathObject.name || ""}${pathObject.ext ? (pathObject.ext[0] === "." ? "" : ".") + pathObject.ext : ""}`;
      if (!dir) return base;
      return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
    },

    parse(path) {
      validateString(path, "path");
      const ret = { root: "", dir: "", base: "", ext: "", name: "" };
      if (path.length === 0) return ret;
      const absolute = path.charCodeAt(0) === 47;
      if (absolute) ret.root = "/";
      const s = scanExtension(path, absolute ? 1 : 0);
      if (s.end !== -1) {
        const start = s.startPart === 0 && absolute ? 1 : s.startPart;
        ret.base = path.slice(start, s.end);
        if (s.ext) {
          ret.name = path.slice(start, s.startDot);
          ret.ext = path.slice(s.startDot, s.end);
        } else {
          ret.name = ret.base;
        }
      }
      if (s.startPart > 0) ret.dir = path.slice(0, s.startPart - 1);
      else if (absolute) ret.dir = "/";
      return ret;
    },

    matchesGlob: undefined,
  };
  delete posix.matchesGlob;

  function unsupported(name) {
    return function () {
      const err = new Error(`path.win32.${name} is not supported by mrt (POSIX paths only)`);
      err.code = "ERR_METHOD_NOT_IMPLEMENTED";
      throw err;
    };
  }
  const win32 = { sep: "\\", delimiter: ";" };
  for (const name of ["resolve", "normalize", "isAbsolute", "join", "relative",
    "toNamespacedPath", "dirname", "basename", "extname", "format", "parse"]) {
    win32[name] = unsupported(name);
  }

  posix.posix = posix;
  posix.win32 = win32;
  win32.posix = posix;
  win32.win32 = win32;
  return posix;
});
