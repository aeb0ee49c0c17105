// cjs_impl.js: Node's CommonJS modules. require(), module, exports, __filename, __dirname,
// require.resolve/.cache/.main, JSON files, cycles (a partial module.exports), createRequire,
// the Module class packages reach into (_extensions, _resolveFilename, _load, wrap,
// builtinModules, isBuiltin), require() of an ES module (Node 22), and the two sides of
// ES modules importing CommonJS (exportNames through cjs-module-lexer, evaluate). Loaded on
// first use by node.js's hooks; the natives are node.c's ops.
(function (P) {
  "use strict";

  const ops = P.ops;
  // core/resolve.h's RT_FORMAT_*.
  const FORMAT_UNKNOWN = 0, FORMAT_ESM = 1, FORMAT_JSON = 3;

  // Node 20's built-in modules (require("fs") is node:fs even beside a node_modules/fs);
  // these four exist only with the node: prefix.
  const builtinModules = [
    "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console",
    "constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain",
    "events", "fs", "fs/promises", "http", "http2", "https", "inspector", "module", "net", "os",
    "path", "path/posix", "path/win32", "perf_hooks", "process", "punycode", "querystring",
    "readline", "readline/promises", "repl", "stream", "stream/consumers", "stream/promises",
    "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls", "trace_events",
    "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
  ];
  const schemeOnly = new Set(["test", "test/reporters", "sea", "sqlite"]);
  const builtinSet = new Set(builtinModules);
  function isBuiltin(name) {
    if (typeof name !== "string") return false;
    if (name.startsWith("node:")) {
      const bare = name.slice(5);
      return builtinSet.has(bare) || schemeOnly.has(bare);
    }
    return builtinSet.has(name);
  }

  // ---------------------------------------------------------------- paths and URLs

  function dirname(p) {
    const i = p.lastIndexOf("/");
    return i > 0 ? p.slice(0, i) : i === 0 ? "/" : ".";
  }

  // "/a/./b/../c" -> "/a/c"; relative paths are taken from the current directory.
  function resolvePath(p) {
    if (!p.startsWith("/")) p = cwd() + "/" + p;
    const out = [];
    for (const seg of p.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") out.pop();
      else out.push(seg);
    }
    return "/" + out.join("/");
  }

  const cwd = () => ops.cjsCwd();

  function urlToPath(url) {
    let p = url.slice(7); // "file://"
    const q = p.search(/[?#]/);
    if (q >= 0) p = p.slice(0, q);
    return decodeURIComponent(p);
  }

  function pathToUrl(p) {
    const url = "file://" + encodeURI(p);
    return url.includes("?") || url.includes("#") ? url.replace(/[?#]/g, encodeURIComponent) : url;
  }

  // Module._nodeModulePaths: each node_modules from `from` up to the root (a new array each
  // time, as in Node; computed once per directory).
  const modulePathsOf = new Map();
  function nodeModulePaths(from) {
    let paths = modulePathsOf.get(from);
    if (paths === undefined) modulePathsOf.set(from, (paths = computeModulePaths(from)));
    return paths.slice();
  }
  function computeModulePaths(from) {
    from = resolvePath(from);
    if (from === "/") return ["/node_modules"];
    const paths = [];
    const segs = from.split("/");
    for (let i = segs.length; i > 1; i--) {
      if (segs[i - 1] === "node_modules") continue;
      paths.push(segs.slice(0, i).join("/") + "/node_modules");
    }
    paths.push("/node_modules");
    return paths;
  }

  // ---------------------------------------------------------------- errors

  function argTypeError(name, expected, value) {
    const received =
      value === null ? "null"
      : value === undefined ? "undefined"
      : typeof value === "function" ? `function ${value.name}`
      : typeof value === "object" ? "an instance of " + (value.constructor?.name ?? "Object")
      : `type ${typeof value} (${typeof value === "string" ? `'${value}'` : String(value)})`;
    const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${received}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  // require() of an ES module whose evaluation is under way (Node's ERR_REQUIRE_CYCLE_MODULE).
  const esmLoading = new WeakSet();
  // Node words it two ways: found in require.cache (short), or by the ES module loader.
  function cycleError(filename, parent, byLoader) {
    const from = parent ? ` (from ${parent.filename || parent.id})` : "";
    let message = `Cannot require() ES Module ${filename} in a cycle.${from}`;
    if (byLoader) {
      message += " A cycle involving require(esm) is not allowed to maintain invariants " +
        "mandated by the ECMAScript specification. Try making at least part of the dependency " +
        "in the graph lazily loaded.";
    }
    const err = new Error(message);
    err.code = "ERR_REQUIRE_CYCLE_MODULE";
    return err;
  }

  function notFound(request, parent) {
    const requireStack = [];
    for (let m = parent; m; m = parentOf.get(m)) requireStack.push(m.filename || m.id);
    let message = `Cannot find module '${request}'`;
    if (requireStack.length) message += "\nRequire stack:\n- " + requireStack.join("\n- ");
    const err = new Error(message);
    err.code = "MODULE_NOT_FOUND";
    err.requireStack = requireStack;
    return err;
  }

  // ---------------------------------------------------------------- Module

  const parentOf = new WeakMap();
  let mainModule;

  function Module(id = "", parent) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    parentOf.set(this, parent);
    updateChildren(parent, this, false);
    this.filename = null;
    this.loaded = false;
    this.children = [];
  }

  function updateChildren(parent, child, scan) {
    const children = parent && parent.children;
    if (children && !(scan && children.includes(child))) children.push(child);
  }

  Object.defineProperty(Module.prototype, "parent", {
    configurable: true,
    enumerable: false,
    get() {
      return parentOf.get(this);
    },
    set(value) {
      parentOf.set(this, value);
    },
  });

  Module._cache = Object.create(null);
  Module._pathCache = Object.create(null);
  Module._extensions = Object.create(null);
  Module.globalPaths = [];
  Module.builtinModules = builtinModules.slice();
  Module.isBuiltin = isBuiltin;
  Module._nodeModulePaths = nodeModulePaths;
  Module.wrapper = ["(function (exports, require, module, __filename, __dirname) { ", "\n});"];
  Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
  Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
  Module.findSourceMap = function findSourceMap() {
    return undefined;
  };
  Module.Module = Module;

  // The directories require.resolve.paths(request) would search (null for a builtin).
  Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
    if (isBuiltin(request)) return null;
    if (request.startsWith("./") || request.startsWith("../") || request === "." ||
        request === "..") {
      return [parent && parent.filename ? dirname(parent.filename) : cwd()];
    }
    const paths = parent && parent.paths ? parent.paths.slice() : nodeModulePaths(cwd());
    return paths.concat(Module.globalPaths);
  };

  Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
    if (isBuiltin(request)) return request;
    let bases;
    if (options && options.paths) {
      if (!Array.isArray(options.paths)) {
        const err = new TypeError(
          `The property 'options.paths' is invalid. Received ${String(options.paths)}`);
        err.code = "ERR_INVALID_ARG_VALUE";
        throw err;
      }
      bases = options.paths.map((p) => pathToUrl(resolvePath(p) + "/"));
    } else {
      bases = [parent && parent.filename ? pathToUrl(parent.filename) : undefined];
    }
    for (const base of bases) {
      let url;
      try {
        url = ops.nodeResolve(request, base, true);
      } catch (err) {
        if (err && (err.code === "MODULE_NOT_FOUND" || err.code === "ERR_MODULE_NOT_FOUND")) {
          continue;
        }
        throw err;
      }
      return url.startsWith("file:") ? urlToPath(url) : url;
    }
    throw notFound(request, parent);
  };

  Module._load = function _load(request, parent, isMain) {
    if (request.startsWith("node:")) return P.nodeRequire(request);
    const filename = Module._resolveFilename(request, parent, isMain);
    if (!filename.startsWith("/")) return P.nodeRequire(filename); // a builtin
    const cached = Module._cache[filename];
    if (cached !== undefined) {
      updateChildren(parent, cached, true);
      // Named after whoever required it first, as Node does.
      if (!cached.loaded && esmLoading.has(cached)) {
        throw cycleError(filename, parentOf.get(cached) || parent);
      }
      return cached.exports; // partial while it is still loading (a cycle)
    }
    const module = new Module(filename, parent);
    if (isMain) {
      mainModule = module;
      module.id = ".";
    }
    Module._cache[filename] = module;
    let threw = true;
    try {
      module.load(filename);
      threw = false;
    } finally {
      if (threw) {
        delete Module._cache[filename];
        const children = parent && parent.children;
        if (children) {
          const i = children.indexOf(module);
          if (i >= 0) children.splice(i, 1);
        }
      }
    }
    return module.exports;
  };

  // ".a.b.js": the longest registered extension (".b.js" before ".js"), else ".js".
  function extensionOf(filename) {
    const name = filename.slice(filename.lastIndexOf("/") + 1);
    for (let i = name.indexOf(".", 1); i !== -1; i = name.indexOf(".", i + 1)) {
      const ext = name.slice(i);
      if (Module._extensions[ext]) return ext;
    }
    return ".js";
  }

  Module.prototype.load = function load(filename) {
    this.filename = filename;
    this.paths = nodeModulePaths(dirname(filename));
    Module._extensions[extensionOf(filename)](this, filename);
    this.loaded = true;
  };

  Module.prototype.require = function require(id) {
    if (typeof id !== "string") throw argTypeError("id", "of type string", id);
    if (id === "") {
      const err = new TypeError("The argument 'id' must be a non-empty string. Received ''");
      err.code = "ERR_INVALID_ARG_VALUE";
      throw err;
    }
    return Module._load(id, this, false);
  };

  function run(module, fn, filename) {
    const exports = module.exports;
    const require = makeRequire(module);
    return Reflect.apply(fn, exports, [exports, require, module, filename, dirname(filename)]);
  }

  // Source text (a require hook's output, say) run as module code.
  Module.prototype._compile = function _compile(content, filename) {
    return run(this, ops.cjsCompile(filename, String(content)), filename);
  };

  Module._extensions[".js"] = function loadJs(module, filename) {
    const format = ops.nodeModuleFormat(pathToUrl(filename));
    // An ES module (.mjs, "type": "module", or module syntax in a .js without a "type").
    const fn = format === FORMAT_ESM ? undefined
      : ops.cjsCompile(filename, undefined, format === FORMAT_UNKNOWN);
    if (fn === undefined) {
      esmLoading.add(module);
      try {
        module.exports = requireModule(pathToUrl(filename));
      } catch (err) {
        // The kernel's (the graph is being evaluated): Node's message, naming the requirer.
        if (err && err.code === "ERR_REQUIRE_CYCLE_MODULE" && err.message.endsWith("in a cycle.")) {
          throw cycleError(filename, parentOf.get(module), true);
        }
        throw err;
      } finally {
        esmLoading.delete(module);
      }
      return;
    }
    if (Module.prototype._compile !== defaultCompile) {
      module._compile(ops.cjsReadSource(filename), filename); // a patched _compile sees the text
      return;
    }
    run(module, fn, filename);
  };
  const defaultCompile = Module.prototype._compile;

  // require(esm): the namespace; one with a default export and no __esModule gets a facade
  // that adds `__esModule: true` (what Node does, for code that went through a CommonJS
  // transpiler: `require(x).default` is then the default export).
  function requireModule(url) {
    const ns = ops.requireModule(url);
    if (!("default" in ns) || "__esModule" in ns) return ns;
    const from = JSON.stringify(url);
    return ops.requireModule(
      url + "#cjs-facade",
      `export * from ${from}; export { default } from ${from}; export const __esModule = true;`);
  }

  Module._extensions[".json"] = function loadJson(module, filename) {
    const content = ops.cjsReadSource(filename);
    try {
      module.exports = JSON.parse(content);
    } catch (err) {
      err.message = filename + ": " + err.message;
      throw err;
    }
  };

  Module._extensions[".node"] = function loadAddon(module, filename) {
    const err = new Error(
      `Cannot load native addon '${filename}': native addons are not supported by mrt`);
    err.code = "ERR_DLOPEN_FAILED";
    throw err;
  };

  function makeRequire(module) {
    function require(id) {
      return module.require(id);
    }
    function resolve(request, options) {
      if (typeof request !== "string") throw argTypeError("request", "of type string", request);
      return Module._resolveFilename(request, module, false, options);
    }
    resolve.paths = function paths(request) {
      if (typeof request !== "string") throw argTypeError("request", "of type string", request);
      return Module._resolveLookupPaths(request, module);
    };
    require.resolve = resolve;
    require.main = mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return require;
  }

  // module.createRequire(filename): a require resolving from filename (a path, file: URL
  // string or URL; a path ending in "/" is a directory).
  Module.createRequire = function createRequire(filename) {
    let path;
    if (typeof filename === "object" && filename !== null && typeof filename.href === "string") {
      filename = filename.href;
    }
    if (typeof filename === "string" && filename.startsWith("file:")) {
      path = urlToPath(filename);
    } else if (typeof filename === "string" && filename.startsWith("/")) {
      path = filename;
    } else {
      const err = new TypeError(
        "The argument 'filename' must be a file URL object, file URL string, or absolute path " +
          `string. Received ${typeof filename === "string" ? `'${filename}'` : String(filename)}`);
      err.code = "ERR_INVALID_ARG_VALUE";
      throw err;
    }
    const proxy = path.endsWith("/") ? path + "noop.js" : path;
    const m = new Module(proxy);
    m.filename = proxy;
    m.paths = nodeModulePaths(m.path);
    return makeRequire(m);
  };

  // ---------------------------------------------------------------- for the kernel

  // mrt_run_commonjs_main's module (node.js: P.cjsRunMain) becomes a Module; its require's
  // properties become the real ones. Returns the real require.
  function adoptMain(module, stub) {
    Object.setPrototypeOf(module, Module.prototype);
    delete module.require;
    Object.defineProperty(module, "paths", {
      value: nodeModulePaths(module.path),
      writable: true,
      enumerable: true,
      configurable: true,
    });
    parentOf.set(module, null);
    mainModule = module;
    Module._cache[module.filename] = module;
    const real = makeRequire(module);
    for (const key of ["resolve", "main", "extensions", "cache"]) {
      Object.defineProperty(stub, key, {
        value: real[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return real;
  }

  // The names an ES module may import from a CommonJS file: what cjs-module-lexer finds,
  // following its re-exports (module.exports = require("./x"), __exportStar) through
  // require resolution, as Node does.
  const exportNamesOf = new Map(); // url -> names, for evaluate
  let lexer;
  function lexNames(filename, source, names, seen) {
    if (seen.has(filename)) return;
    seen.add(filename);
    lexer ||= P.loadBuiltin("core/lib/cjs_module_lexer.js");
    let found;
    try {
      found = lexer.parse(source);
    } catch {
      return; // a syntax error: it shows when the module runs
    }
    for (const name of found.exports) names.add(name);
    const parent = { filename, id: filename, paths: nodeModulePaths(dirname(filename)) };
    for (const request of found.reexports) {
      let resolved;
      try {
        resolved = Module._resolveFilename(request, parent, false);
      } catch {
        continue;
      }
      if (!resolved.startsWith("/")) {
        // A builtin: its own keys.
        try {
          for (const key of Object.keys(P.nodeRequire(resolved))) names.add(key);
        } catch {}
        continue;
      }
      const ext = extensionOf(resolved);
      if (ext !== ".js" || resolved.endsWith(".mjs")) continue;
      const format = ops.nodeModuleFormat(pathToUrl(resolved));
      if (format === FORMAT_ESM || format === FORMAT_JSON) continue;
      let text;
      try {
        text = ops.cjsReadSource(resolved);
      } catch {
        continue;
      }
      lexNames(resolved, text, names, seen);
    }
  }

  function exportNames(url, source) {
    const names = new Set();
    lexNames(urlToPath(url), source, names, new Set());
    names.delete("default");
    const list = ["default", ...names];
    exportNamesOf.set(url, list);
    return list;
  }

  // An ES module's import of a CommonJS file runs: module.exports as `default`, each name
  // module.exports has as its own property as that export (undefined otherwise).
  function evaluate(url) {
    const filename = urlToPath(url);
    let module = Module._cache[filename];
    if (module === undefined) {
      module = new Module(filename, undefined);
      Module._cache[filename] = module;
      let threw = true;
      try {
        module.load(filename);
        threw = false;
      } finally {
        if (threw) delete Module._cache[filename];
      }
    }
    const exports = module.exports;
    const ns = { __proto__: null };
    const names = exportNamesOf.get(url) || [];
    exportNamesOf.delete(url);
    if (exports !== null && (typeof exports === "object" || typeof exports === "function")) {
      for (const name of names) {
        if (name === "default" || !Object.prototype.hasOwnProperty.call(exports, name)) continue;
        try {
          ns[name] = exports[name];
        } catch {}
      }
    }
    ns.default = exports;
    return ns;
  }

  return { Module, adoptMain, exportNames, evaluate };
});
