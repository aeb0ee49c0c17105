// mrt bootstrap: value formatting (P.inspect, P.format) and globalThis.console.
// Output follows Node 20's util.inspect / util.format / console rules
// (lib/internal/util/inspect.js, lib/internal/console/constructor.js), no colors.
// Optional natives used when present: P.ops.promiseState(p) -> [state, value]
// (0 pending, 1 fulfilled, 2 rejected), P.ops.proxyDetails(v) -> undefined or
// [target, handler], P.ops.previewEntries(v, isIter) like Node's binding.
(function (P) {
  "use strict";
  const ops = P.ops;
  const {
    getPrototypeOf, getOwnPropertyDescriptor: getDesc, getOwnPropertyNames,
    getOwnPropertySymbols, keys: objectKeys, is: objectIs,
  } = Object;
  const isArray = Array.isArray;
  const uncurry = (f) => Function.prototype.call.bind(f);
  // Not Object.hasOwn: V8 installs such flag-gated builtins only after a snapshot is loaded,
  // and this file runs while the snapshot is made.
  const hasOwn = uncurry(Object.prototype.hasOwnProperty);
  const getter = (proto, key) => uncurry(getDesc(proto, key).get);
  const objToString = uncurry(Object.prototype.toString);
  const propIsEnum = uncurry(Object.prototype.propertyIsEnumerable);
  const fnToString = uncurry(Function.prototype.toString);
  const errToString = uncurry(Error.prototype.toString);
  const symToString = uncurry(Symbol.prototype.toString);
  const reToString = uncurry(RegExp.prototype.toString);
  const reGlobal = getter(RegExp.prototype, "global");
  const dateGetTime = uncurry(Date.prototype.getTime);
  const dateToISO = uncurry(Date.prototype.toISOString);
  const dateToString = uncurry(Date.prototype.toString);
  const mapSize = getter(Map.prototype, "size");
  const setSize = getter(Set.prototype, "size");
  const mapEntries = uncurry(Map.prototype.entries);
  const setValues = uncurry(Set.prototype.values);
  const wmHas = uncurry(WeakMap.prototype.has);
  const wsHas = uncurry(WeakSet.prototype.has);
  const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const taTag = getter(TypedArrayProto, Symbol.toStringTag);
  const taLength = getter(TypedArrayProto, "length");
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const SAB = globalThis.SharedArrayBuffer;
  const sabByteLength = typeof SAB === "function" ? getter(SAB.prototype, "byteLength") : null;
  const dvByteLength = getter(DataView.prototype, "byteLength");
  const valueOfs = [
    uncurry(Number.prototype.valueOf), uncurry(String.prototype.valueOf),
    uncurry(Boolean.prototype.valueOf), uncurry(BigInt.prototype.valueOf),
    uncurry(Symbol.prototype.valueOf),
  ];
  const boxedNames = ["Number", "String", "Boolean", "BigInt", "Symbol"];
  const ObjectProto = Object.prototype;
  const AsyncFunctionProto = getPrototypeOf(async function () {});
  const GeneratorFunctionProto = getPrototypeOf(function* () {});
  const AsyncGeneratorFunctionProto = getPrototypeOf(async function* () {});
  const MapIterProto = getPrototypeOf(new Map().entries());
  const SetIterProto = getPrototypeOf(new Set().values());
  const customInspect = Symbol.for("nodejs.util.inspect.custom");

  // Kinds of exotic objects, found by walking the prototype chain and then
  // confirmed with a brand check (an intrinsic getter that throws otherwise).
  const K_MAP = 1, K_SET = 2, K_WEAKMAP = 3, K_WEAKSET = 4, K_DATE = 5,
    K_REGEXP = 6, K_ERROR = 7, K_PROMISE = 8, K_AB = 9, K_SAB = 10, K_DV = 11,
    K_TA = 12, K_BOXED = 13, K_MAPITER = 18, K_SETITER = 19;
  const protoKinds = new Map([
    [Map.prototype, K_MAP], [Set.prototype, K_SET], [WeakMap.prototype, K_WEAKMAP],
    [WeakSet.prototype, K_WEAKSET], [Date.prototype, K_DATE], [RegExp.prototype, K_REGEXP],
    [Error.prototype, K_ERROR], [Promise.prototype, K_PROMISE],
    [ArrayBuffer.prototype, K_AB], [DataView.prototype, K_DV], [TypedArrayProto, K_TA],
    [Number.prototype, K_BOXED], [String.prototype, K_BOXED + 1], [Boolean.prototype, K_BOXED + 2],
    [BigInt.prototype, K_BOXED + 3], [Symbol.prototype, K_BOXED + 4],
    [MapIterProto, K_MAPITER], [SetIterProto, K_SETITER],
  ]);
  if (sabByteLength !== null) protoKinds.set(SAB.prototype, K_SAB);

  function brand(v, k) {
    try {
      switch (k) {
        case K_MAP: mapSize(v); return true;
        case K_SET: setSize(v); return true;
        case K_WEAKMAP: wmHas(v, ObjectProto); return true;
        case K_WEAKSET: wsHas(v, ObjectProto); return true;
        case K_DATE: dateGetTime(v); return true;
        case K_REGEXP: return reGlobal(v) !== undefined;
        case K_AB: abByteLength(v); return true;
        case K_SAB: sabByteLength(v); return true;
        case K_DV: dvByteLength(v); return true;
        case K_TA: return taTag(v) !== undefined;
        case K_ERROR: case K_PROMISE: case K_MAPITER: case K_SETITER: return true;
        default: valueOfs[k - K_BOXED](v); return true;
      }
    } catch {
      return false;
    }
  }
  // Kind of an object with a null prototype. Tags from Object.prototype.toString
  // and ArrayBuffer.isView are free; the remaining checks throw on failure, so
  // they only run for objects without own keys (a null-prototype Map/Set/...
  // that also has own properties is shown as a plain null-prototype object).
  const tagKinds = {
    "[object Date]": K_DATE, "[object RegExp]": K_REGEXP, "[object Error]": K_ERROR,
    "[object Number]": K_BOXED, "[object String]": K_BOXED + 1, "[object Boolean]": K_BOXED + 2,
  };
  const throwingKinds = [K_MAP, K_SET, K_AB, K_WEAKMAP, K_WEAKSET, K_BOXED + 3, K_BOXED + 4];
  function orphanKind(v) {
    if (ArrayBuffer.isView(v)) return taTag(v) !== undefined ? K_TA : K_DV;
    const k = tagKinds[objToString(v)];
    if (k !== undefined) return brand(v, k) ? k : 0;
    if (Reflect.ownKeys(v).length !== 0) return 0;
    for (let i = 0; i < throwingKinds.length; i++) if (brand(v, throwingKinds[i])) return throwingKinds[i];
    if (sabByteLength !== null && brand(v, K_SAB)) return K_SAB;
    return 0;
  }

  function kindOf(v) {
    if (getPrototypeOf(v) === null) return orphanKind(v);
    for (let o = getPrototypeOf(v); o !== null; o = getPrototypeOf(o)) {
      const k = protoKinds.get(o);
      if (k !== undefined) return brand(v, k) ? k : 0;
    }
    return 0;
  }

  let builtInObjects;
  function isBuiltIn(name) {
    if (builtInObjects === undefined) {
      builtInObjects = new Set(getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));
    }
    return builtInObjects.has(name);
  }

  const defaults = {
    showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
    maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3,
    sorted: false, getters: false, numericSeparator: false,
  };
  const stylizeNoColor = (s) => s;

  function inspect(value, opts) {
    const ctx = {
      budget: {}, indentationLvl: 0, seen: [], currentDepth: 0, circular: undefined,
      stylize: stylizeNoColor, userOptions: undefined,
      // inspect.defaultOptions (node:util lets programs change them)
      showHidden: defaults.showHidden, depth: defaults.depth, colors: false,
      customInspect: defaults.customInspect, showProxy: defaults.showProxy,
      maxArrayLength: defaults.maxArrayLength, maxStringLength: defaults.maxStringLength,
      breakLength: defaults.breakLength, compact: defaults.compact, sorted: defaults.sorted,
      getters: defaults.getters, numericSeparator: defaults.numericSeparator,
    };
    if (arguments.length > 1) {
      if (arguments.length > 2) {
        if (arguments[2] !== undefined) ctx.depth = arguments[2];
        if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
      }
      if (typeof opts === "boolean") {
        ctx.showHidden = opts;
      } else if (opts) {
        const ks = objectKeys(opts);
        for (let i = 0; i < ks.length; i++) {
          const k = ks[i];
          if (hasOwn(defaults, k) || k === "stylize") ctx[k] = opts[k];
          else if (ctx.userOptions === undefined) ctx.userOptions = opts;
        }
      }
    }
    ctx.colors = false;
    ctx.stylize = stylizeNoColor;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = defaults;

  function getUserOptions(ctx) {
    const ret = { stylize: ctx.stylize };
    for (const k in defaults) ret[k] = ctx[k];
    return ctx.userOptions === undefined ? ret : Object.assign(ret, ctx.userOptions);
  }

  // ---- strings ---------------------------------------------------------------
  const escRe = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const escReG = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const escReSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const escReSingleG = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const keyStrRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRe = /^(0|[1-9][0-9]*)$/;

  function escapeFn(ch) {
    const c = ch.charCodeAt(0);
    switch (c) {
      case 8: return "\\b";
      case 9: return "\\t";
      case 10: return "\\n";
      case 12: return "\\f";
      case 13: return "\\r";
      case 39: return "\\'";
      case 92: return "\\\\";
    }
    if (c < 0xa0) return "\\x" + (c < 16 ? "0" : "") + c.toString(16).toUpperCase();
    return "\\u" + c.toString(16);
  }

  function strEscape(str) {
    let re = escRe, reG = escReG, q = "'";
    if (str.includes("'")) {
      if (!str.includes('"')) q = '"';
      else if (!str.includes("`") && !str.includes("${")) q = "`";
      if (q !== "'") { re = escReSingle; reG = escReSingleG; }
    }
    if (str.length < 5000 && !re.test(str)) return q + str + q;
    return q + str.replace(reG, escapeFn) + q;
  }

  // ---- primitives ------------------------------------------------------------
  function addNumericSeparator(s) {
    let result = "", i = s.length;
    const start = s[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) result = "_" + s.slice(i - 3, i) + result;
    return i === s.length ? s : s.slice(0, i) + result;
  }
  function addNumericSeparatorEnd(s) {
    let result = "", i = 0;
    for (; i < s.length - 3; i += 3) result += s.slice(i, i + 3) + "_";
    return i === 0 ? s : result + s.slice(i);
  }
  function formatNumber(n, sep) {
    if (!sep) return objectIs(n, -0) ? "-0" : "" + n;
    const integer = Math.trunc(n), string = String(integer);
    if (integer === n) {
      if (!Number.isFinite(n) || string.includes("e")) return string;
      return addNumericSeparator(string);
    }
    if (Number.isNaN(n)) return string;
    return addNumericSeparator(string) + "." + addNumericSeparatorEnd(String(n).slice(string.length + 1));
  }
  function formatBigInt(n, sep) {
    return (sep ? addNumericSeparator(String(n)) : String(n)) + "n";
  }

  function formatPrimitive(value, ctx) {
    switch (typeof value) {
      case "string": {
        let trailer = "";
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
        }
        if (ctx.compact !== true && value.length > 16 &&
            value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return value.split(/(?<=\n)/).map(strEscape)
            .join(" +\n" + " ".repeat(ctx.indentationLvl + 2)) + trailer;
        }
        return strEscape(value) + trailer;
      }
      case "number": return formatNumber(value, ctx.numericSeparator);
      case "bigint": return formatBigInt(value, ctx.numericSeparator);
      case "boolean": return value ? "true" : "false";
      case "undefined": return "undefined";
      default: return symToString(value);
    }
  }

  // ---- objects ---------------------------------------------------------------
  function isInstanceof(o, C) {
    try { return o instanceof C; } catch { return false; }
  }

  // Walks the prototype chain once: returns the constructor name (string, or
  // null for a null-prototype chain), sets ctx.kind_ to the exotic kind.
  let lastKind = 0;
  function getConstructorName(value, ctx, recurseTimes, protoProps) {
    let obj = value, firstProto, name, kind = 0;
    while (obj) {
      if (name === undefined) {
        const d = getDesc(obj, "constructor");
        if (d !== undefined && typeof d.value === "function" && d.value.name !== "" &&
            isInstanceof(value, d.value)) {
          if (protoProps !== undefined && (firstProto !== obj || !isBuiltIn(d.value.name))) {
            addPrototypeProperties(ctx, value, firstProto || value, recurseTimes, protoProps);
          }
          name = String(d.value.name);
        }
      }
      obj = getPrototypeOf(obj);
      if (firstProto === undefined) firstProto = obj;
      if (obj !== null && kind === 0) {
        const k = protoKinds.get(obj);
        if (k !== undefined) {
          kind = brand(value, k) ? k : -1;
          if (name !== undefined) break;
        }
      }
    }
    if (kind <= 0) kind = (kind === 0 && firstProto === null) ? orphanKind(value) :
      (kind === 0 && firstProto !== ObjectProto && objToString(value) === "[object Error]") ? K_ERROR : 0;
    lastKind = kind;
    if (name !== undefined) return name;
    if (firstProto === null) return null;
    const res = internalConstructorName(value);
    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      lastKind = kind;
      return `${res} <Complex prototype>`;
    }
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
    lastKind = kind;
    if (protoConstr === null) {
      return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
    }
    return `${res} <${protoConstr}>`;
  }

  function internalConstructorName(v) {
    const t = objToString(v);
    return t.slice(8, -1);
  }

  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    let depth = 0, keys, keySet;
    do {
      if (depth !== 0 || main === obj) {
        obj = getPrototypeOf(obj);
        if (obj === null) return;
        const d = getDesc(obj, "constructor");
        if (d !== undefined && typeof d.value === "function" && isBuiltIn(d.value.name)) return;
      }
      if (depth === 0) keySet = new Set();
      else for (const k of keys) keySet.add(k);
      keys = Reflect.ownKeys(obj);
      ctx.seen.push(main);
      for (const key of keys) {
        if (key === "constructor" || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
        const desc = getDesc(obj, key);
        if (typeof desc.value === "function") continue;
        output.push(formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main));
      }
      ctx.seen.pop();
    } while (++depth !== 3);
  }

  function getPrefix(constructor, tag, fallback, size = "") {
    if (constructor === null) {
      if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function getKeys(value, showHidden) {
    let keys;
    const symbols = getOwnPropertySymbols(value);
    if (showHidden) {
      keys = getOwnPropertyNames(value);
      for (let i = 0; i < symbols.length; i++) keys.push(symbols[i]);
    } else {
      try {
        keys = objectKeys(value);
      } catch {
        keys = getOwnPropertyNames(value); // uninitialized module namespace
      }
      for (let i = 0; i < symbols.length; i++) if (propIsEnum(value, symbols[i])) keys.push(symbols[i]);
    }
    return keys;
  }

  function isIndexKey(k) {
    return numberRe.test(k) && +k < 4294967295;
  }
  // Own keys of an array-like that are not indices (Object.keys lists indices first).
  function getNonIndexKeys(value, showHidden) {
    const all = showHidden ? getOwnPropertyNames(value) : objectKeys(value);
    let i = all.length;
    while (i > 0 && !isIndexKey(all[i - 1])) i--;
    const keys = i === 0 ? all : all.slice(i);
    const symbols = getOwnPropertySymbols(value);
    for (let j = 0; j < symbols.length; j++) {
      if (showHidden || propIsEnum(value, symbols[j])) keys.push(symbols[j]);
    }
    return keys;
  }

  function getCtxStyle(value, constructor, tag) {
    let fallback = "";
    if (constructor === null) {
      fallback = internalConstructorName(value);
      if (fallback === tag) fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
  }

  function formatProxy(ctx, proxy, recurseTimes) {
    if (recurseTimes > ctx.depth && ctx.depth !== null) return "Proxy [Array]";
    recurseTimes += 1;
    ctx.indentationLvl += 2;
    const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
    ctx.indentationLvl -= 2;
    return reduceToSingleString(ctx, res, "", ["Proxy [", "]"], kArrayExtrasType, recurseTimes);
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(value, ctx);
    if (value === null) return "null";
    const context = value;
    let proxy;
    if (ops.proxyDetails !== undefined) {
      proxy = ops.proxyDetails(value);
      if (proxy !== undefined) {
        if (proxy === null || proxy[0] === null) return "<Revoked Proxy>";
        if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
        value = proxy[0];
      }
    }
    if (ctx.customInspect) {
      const maybeCustom = value[customInspect];
      if (typeof maybeCustom === "function" && maybeCustom !== inspect &&
          getDesc(value, "constructor")?.value?.prototype !== value) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const ret = maybeCustom.call(context, depth, getUserOptions(ctx), inspect);
        if (ret !== context) {
          if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
          return ret.replaceAll("\n", "\n" + " ".repeat(ctx.indentationLvl));
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map([[value, index]]);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  const kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;
  const emptyFormatter = () => [];

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys, protoProps;
    if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    const kind = lastKind;
    if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

    let tag = value[Symbol.toStringTag];
    if (typeof tag !== "string" ||
        (tag !== "" && (ctx.showHidden ? hasOwn : propIsEnum)(value, Symbol.toStringTag))) {
      tag = "";
    }
    let base = "", formatter = emptyFormatter, braces, noIterator = true;
    let extrasType = kObjectType;
    const hidden = ctx.showHidden;

    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (isArray(value)) {
        const prefix = (constructor !== "Array" || tag !== "") ?
          getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
        keys = getNonIndexKeys(value, hidden);
        braces = [`${prefix}[`, "]"];
        if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (kind === K_SET) {
        const size = setSize(value);
        const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
        keys = getKeys(value, hidden);
        formatter = (c, v, r) => formatSet(constructor !== null ? value : setValues(value), size, c, r);
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, "}"];
      } else if (kind === K_MAP) {
        const size = mapSize(value);
        const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
        keys = getKeys(value, hidden);
        formatter = (c, v, r) => formatMap(constructor !== null ? value : mapEntries(value), size, c, r);
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, "}"];
      } else if (kind === K_TA) {
        keys = getNonIndexKeys(value, hidden);
        let fallback = "";
        if (constructor === null) fallback = taTag(value);
        const size = taLength(value);
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, "]"];
        if (size === 0 && keys.length === 0 && !hidden) return `${braces[0]}]`;
        formatter = (c, v, r) => formatTypedArray(value, size, c, r);
        extrasType = kArrayExtrasType;
      } else if (kind === K_MAPITER || kind === K_SETITER) {
        keys = getKeys(value, hidden);
        const type = kind === K_MAPITER ? "Map" : "Set";
        let t = tag;
        if (t !== `${type} Iterator`) {
          if (t !== "") t += "] [";
          t += `${type} Iterator`;
        }
        braces = [`[${t}] {`, "}"];
        formatter = (c, v, r) => formatIterator(c, v, r, braces);
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, hidden);
      braces = ["{", "}"];
      if (typeof value === "function") {
        base = getFunctionBase(ctx, value, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (constructor === "Object" && kind === 0) {
        if (objToString(value) === "[object Arguments]") braces[0] = "[Arguments] {";
        else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
        if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
      } else if (kind === K_REGEXP) {
        base = reToString(constructor !== null ? value : new RegExp(value));
        const prefix = getPrefix(constructor, tag, "RegExp");
        if (prefix !== "RegExp ") base = prefix + base;
        if ((keys.length === 0 && protoProps === undefined) ||
            (recurseTimes > ctx.depth && ctx.depth !== null)) return base;
      } else if (kind === K_DATE) {
        base = Number.isNaN(dateGetTime(value)) ? dateToString(value) : dateToISO(value);
        const prefix = getPrefix(constructor, tag, "Date");
        if (prefix !== "Date ") base = prefix + base;
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (kind === K_ERROR) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (kind === K_AB || kind === K_SAB) {
        const prefix = getPrefix(constructor, tag, kind === K_AB ? "ArrayBuffer" : "SharedArrayBuffer");
        if (typedArray === undefined) {
          formatter = formatArrayBuffer;
        } else if (keys.length === 0 && protoProps === undefined) {
          return prefix + `{ byteLength: ${formatNumber(value.byteLength, false)} }`;
        }
        braces[0] = `${prefix}{`;
        keys.unshift("byteLength");
      } else if (kind === K_DV) {
        braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
        keys.unshift("byteLength", "byteOffset", "buffer");
      } else if (kind === K_PROMISE) {
        braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
        formatter = formatPromise;
      } else if (kind === K_WEAKSET) {
        braces[0] = `${getPrefix(constructor, tag, "WeakSet")}{`;
        formatter = hidden && ops.previewEntries !== undefined ? formatWeakSet : formatWeakCollection;
      } else if (kind === K_WEAKMAP) {
        braces[0] = `${getPrefix(constructor, tag, "WeakMap")}{`;
        formatter = hidden && ops.previewEntries !== undefined ? formatWeakMap : formatWeakCollection;
      } else if (constructor === null && tag === "Module" && isNamespace(value)) {
        braces[0] = `${getPrefix(constructor, tag, "Module")}{`;
        const nsKeys = keys;
        keys = [];
        formatter = (c, v, r) => formatNamespaceObject(nsKeys, c, v, r);
      } else if (kind >= K_BOXED && kind < K_BOXED + 5) {
        base = getBoxedBase(value, ctx, keys, constructor, tag, kind - K_BOXED);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else {
        if (keys.length === 0 && protoProps === undefined) return `${getCtxStyle(value, constructor, tag)}{}`;
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let name = getCtxStyle(value, constructor, tag).slice(0, -1);
      if (constructor !== null) name = `[${name}]`;
      return name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    const indentationLvl = ctx.indentationLvl;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
      if (protoProps !== undefined) for (let i = 0; i < protoProps.length; i++) output.push(protoProps[i]);
    } catch (err) {
      if (!(err instanceof RangeError && err.message === "Maximum call stack size exceeded")) throw err;
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      return `[${getCtxStyle(value, constructor, tag).slice(0, -1)}: Inspection interrupted ` +
        "prematurely. Maximum call stack size exceeded.]";
    }
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const reference = `<ref *${index}>`;
        if (ctx.compact !== true) base = base === "" ? reference : `${reference} ${base}`;
        else braces[0] = `${reference} ${braces[0]}`;
      }
    }
    ctx.seen.pop();
    if (ctx.sorted) {
      const cmp = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) {
        output.sort(cmp);
      } else if (keys.length > 1) {
        const sorted = output.slice(output.length - keys.length).sort(cmp);
        output.splice(output.length - keys.length, keys.length, ...sorted);
      }
    }
    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    const budget = ctx.budget[ctx.indentationLvl] || 0;
    const newLength = budget + res.length;
    ctx.budget[ctx.indentationLvl] = newLength;
    if (newLength > 2 ** 27) ctx.depth = -1;
    return res;
  }

  function isNamespace(value) {
    const d = getDesc(value, Symbol.toStringTag);
    return d !== undefined && d.value === "Module" && !d.writable && !d.configurable;
  }

  function getBoxedBase(value, ctx, keys, constructor, tag, idx) {
    const type = boxedNames[idx];
    if (idx === 1) keys.splice(0, value.length);
    let base = `[${type}`;
    if (type !== constructor) {
      if (constructor === null) base += " (null prototype)";
      else base += ` (${constructor})`;
    }
    base += `: ${formatPrimitive(valueOfs[idx](value), { ...ctx, stylize: stylizeNoColor })}]`;
    if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
    return base;
  }

  function getClassBase(value, constructor, tag) {
    const hasName = hasOwn(value, "name");
    const name = (hasName && value.name) || "(anonymous)";
    let base = `class ${name}`;
    if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = getPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += " extends [null prototype]";
    }
    return `[${base}]`;
  }

  const classRe = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRe = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

  function getFunctionBase(ctx, value, constructor, tag) {
    const src = fnToString(value);
    if (src.startsWith("class") && src[src.length - 1] === "}") {
      const slice = src.slice(5, -1);
      const bracketIndex = slice.indexOf("{");
      if (bracketIndex !== -1 &&
          (!slice.slice(0, bracketIndex).includes("(") ||
           classRe.test(slice.replace(stripCommentsRe, "")))) {
        return getClassBase(value, constructor, tag);
      }
    }
    let type = "Function";
    let proto = value;
    // Walk the chain: subclasses of intrinsic function kinds stay recognised.
    for (let i = 0; i < 8 && proto !== null; i++) {
      proto = getPrototypeOf(proto);
      if (proto === AsyncFunctionProto) { type = "AsyncFunction"; break; }
      if (proto === GeneratorFunctionProto) { type = "GeneratorFunction"; break; }
      if (proto === AsyncGeneratorFunctionProto) { type = "AsyncGeneratorFunction"; break; }
      if (proto === Function.prototype) break;
    }
    let base = `[${type}`;
    if (constructor === null) base += " (null prototype)";
    if (value.name === "") base += " (anonymous)";
    else base += `: ${typeof value.name === "string" ? value.name : formatValue(ctx, value.name)}`;
    base += "]";
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  // ---- errors ----------------------------------------------------------------
  function isError(v) {
    if (v === null || typeof v !== "object") return false;
    return isInstanceof(v, Error) || objToString(v) === "[object Error]";
  }

  function identicalSequenceRange(a, b) {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = b.indexOf(a[i]);
      if (pos !== -1) {
        const rest = b.length - pos;
        if (rest > 3) {
          let len = 1;
          const maxLen = Math.min(a.length - i, rest);
          while (maxLen > len && a[i + len] === b[pos + len]) len++;
          if (len > 3) return { len, offset: i };
        }
      }
    }
    return { len: 0, offset: 0 };
  }

  function getStackString(ctx, error) {
    if (error.stack) {
      if (typeof error.stack === "string") return error.stack;
      return formatValue(ctx, error.stack);
    }
    return errToString(error);
  }

  function getStackFrames(ctx, err, stack) {
    const frames = stack.split("\n");
    let cause;
    try { ({ cause } = err); } catch { /* ignore */ }
    if (cause != null && isError(cause)) {
      const causeStack = getStackString(ctx, cause);
      const causeStackStart = causeStack.indexOf("\n    at");
      if (causeStackStart !== -1) {
        const causeFrames = causeStack.slice(causeStackStart + 1).split("\n");
        const { len, offset } = identicalSequenceRange(frames, causeFrames);
        if (len > 0) {
          const skipped = len - 2;
          frames.splice(offset + 1, skipped, `    ... ${skipped} lines matching cause stack trace ...`);
        }
      }
    }
    return frames;
  }

  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (typeof name !== "string") {
      stack = stack.replace(`${name}`, `${name} [${getPrefix(constructor, tag, "Error").slice(0, -1)}]`);
    }
    if (constructor === null ||
        (name.endsWith("Error") && stack.startsWith(name) &&
         (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      let fallback = "Error";
      if (constructor === null) {
        const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) ||
          /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (start && start[1]) || "";
        len = fallback.length;
        fallback = fallback || "Error";
      }
      const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          if (len === 0) stack = `${prefix}: ${stack}`;
          else stack = `${prefix}${stack.slice(len)}`;
        } else {
          stack = `${prefix} [${name}]${stack.slice(len)}`;
        }
      }
    }
    return stack;
  }

  function removeDuplicateErrorKeys(ctx, keys, err, stack) {
    if (!ctx.showHidden && keys.length !== 0) {
      for (const name of ["name", "message", "stack"]) {
        const index = keys.indexOf(name);
        if (index !== -1 && (typeof err[name] !== "string" || stack.includes(err[name]))) {
          keys.splice(index, 1);
        }
      }
    }
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? err.name : "Error";
    let stack = getStackString(ctx, err);
    removeDuplicateErrorKeys(ctx, keys, err, stack);
    // An inherited `cause` that is undefined (DOMException's prototype accessor) is not shown.
    if ("cause" in err && (keys.length === 0 || !keys.includes("cause")) &&
        (Object.prototype.hasOwnProperty.call(err, "cause") || err.cause !== undefined)) {
      keys.push("cause");
    }
    if (isArray(err.errors) && (keys.length === 0 || !keys.includes("errors"))) keys.push("errors");
    stack = improveStack(stack, constructor, name, tag);
    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = stack.indexOf("\n    at", pos);
    if (stackStart === -1) {
      stack = `[${stack}]`;
    } else {
      const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
      stack = stack.slice(0, stackStart) + "\n" + lines.join("\n");
    }
    if (ctx.indentationLvl !== 0) {
      stack = stack.replaceAll("\n", "\n" + " ".repeat(ctx.indentationLvl));
    }
    return stack;
  }

  // ---- collections -------------------------------------------------------------
  const remainingText = (n) => `... ${n} more item${n > 1 ? "s" : ""}`;

  function formatArrayBuffer(ctx, value) {
    let buffer;
    try {
      buffer = new Uint8Array(value);
    } catch {
      return ["(detached)"];
    }
    const n = Math.min(ctx.maxArrayLength, buffer.length);
    let str = "";
    for (let i = 0; i < n; i++) {
      const b = buffer[i];
      str += (i === 0 ? "" : " ") + (b < 16 ? "0" : "") + b.toString(16);
    }
    const remaining = buffer.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    return [`[Uint8Contents]: <${str}>`];
  }

  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = objectKeys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRe.test(key)) break;
        const emptyItems = tmp - index;
        output.push(`<${emptyItems} empty item${emptyItems > 1 ? "s" : ""}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) output.push(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`);
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatTypedArray(value, length, ctx, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = new Array(maxLength);
    const sep = ctx.numericSeparator;
    const isNum = length > 0 && typeof value[0] === "number";
    for (let i = 0; i < maxLength; ++i) {
      output[i] = isNum ? formatNumber(value[i], sep) : formatBigInt(value[i], sep);
    }
    if (remaining > 0) output[maxLength] = remainingText(remaining);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
        output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatSet(iterable, size, ctx, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const v of iterable) {
      if (i >= maxLength) break;
      output.push(formatValue(ctx, v, recurseTimes));
      i++;
    }
    if (size - maxLength > 0) output.push(remainingText(size - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(iterable, size, ctx, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const { 0: k, 1: v } of iterable) {
      if (i >= maxLength) break;
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
      i++;
    }
    if (size - maxLength > 0) output.push(remainingText(size - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatSetIterInner(ctx, recurseTimes, entries, weak) {
    const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
    const output = new Array(maxLength);
    ctx.indentationLvl += 2;
    for (let i = 0; i < maxLength; i++) output[i] = formatValue(ctx, entries[i], recurseTimes);
    ctx.indentationLvl -= 2;
    if (weak && !ctx.sorted) output.sort();
    const remaining = entries.length - maxLength;
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatMapIterInner(ctx, recurseTimes, entries, weak) {
    const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
    const len = entries.length / 2;
    const remaining = len - maxArrayLength;
    const maxLength = Math.min(maxArrayLength, len);
    const output = new Array(maxLength);
    ctx.indentationLvl += 2;
    for (let i = 0; i < maxLength; i++) {
      const pos = i * 2;
      if (weak) {
        output[i] = `${formatValue(ctx, entries[pos], recurseTimes)} => ${formatValue(ctx, entries[pos + 1], recurseTimes)}`;
      } else {
        const res = [formatValue(ctx, entries[pos], recurseTimes), formatValue(ctx, entries[pos + 1], recurseTimes)];
        output[i] = reduceToSingleString(ctx, res, "", ["[", "]"], kArrayExtrasType, recurseTimes);
      }
    }
    if (weak && !ctx.sorted) output.sort();
    ctx.indentationLvl -= 2;
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatWeakCollection() {
    return ["<items unknown>"];
  }
  function formatWeakSet(ctx, value, recurseTimes) {
    return formatSetIterInner(ctx, recurseTimes, ops.previewEntries(value), true);
  }
  function formatWeakMap(ctx, value, recurseTimes) {
    return formatMapIterInner(ctx, recurseTimes, ops.previewEntries(value), true);
  }
  function formatIterator(ctx, value, recurseTimes, braces) {
    if (ops.previewEntries === undefined) return ["<items unknown>"];
    const { 0: entries, 1: isKeyValue } = ops.previewEntries(value, true);
    if (isKeyValue) {
      braces[0] = braces[0].replace(/ Iterator] {$/, " Entries] {");
      return formatMapIterInner(ctx, recurseTimes, entries, false);
    }
    return formatSetIterInner(ctx, recurseTimes, entries, false);
  }

  function formatPromise(ctx, value, recurseTimes) {
    if (ops.promiseState === undefined) return ["<unknown>"];
    const { 0: state, 1: result } = ops.promiseState(value);
    if (state === 0) return ["<pending>"];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, result, recurseTimes);
    ctx.indentationLvl -= 2;
    return [state === 2 ? `<rejected> ${str}` : str];
  }

  function formatNamespaceObject(keys, ctx, value, recurseTimes) {
    const output = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      try {
        output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
      } catch (err) {
        if (!(err instanceof ReferenceError)) throw err;
        const tmp = { [keys[i]]: "" };
        output[i] = formatProperty(ctx, tmp, recurseTimes, keys[i], kObjectType);
        const pos = output[i].lastIndexOf(" ");
        output[i] = output[i].slice(0, pos + 1) + "<uninitialized>";
      }
    }
    return output;
  }

  function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
    let name, str;
    let extra = " ";
    desc = desc || getDesc(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < getStringWidth(str)) {
        extra = `\n${" ".repeat(ctx.indentationLvl)}`;
      }
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
      const g = ctx.getters;
      if (g && (g === true || (g === "get" && desc.set === undefined) ||
          (g === "set" && desc.set !== undefined))) {
        try {
          const tmp = desc.get.call(original);
          ctx.indentationLvl += 2;
          if (tmp === null) str = `[${label}: null]`;
          else if (typeof tmp === "object") str = `[${label}] ${formatValue(ctx, tmp, recurseTimes)}`;
          else str = `[${label}: ${formatPrimitive(tmp, ctx)}]`;
          ctx.indentationLvl -= 2;
        } catch (err) {
          str = `[${label}: <Inspection threw (${err.message})>]`;
        }
      } else {
        str = `[${label}]`;
      }
    } else if (desc.set !== undefined) {
      str = "[Setter]";
    } else {
      str = "undefined";
    }
    if (type === kArrayType) return str;
    if (typeof key === "symbol") {
      name = `[${symToString(key).replace(escReG, escapeFn)}]`;
    } else if (key === "__proto__") {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = `[${key.replace(escReG, escapeFn)}]`;
    } else if (keyStrRe.test(key)) {
      name = key;
    } else {
      name = strEscape(key);
    }
    return `${name}:${extra}${str}`;
  }

  // ---- layout ------------------------------------------------------------------
  function isFullWidth(code) {
    return code >= 0x1100 && (
      code <= 0x115f || code === 0x2329 || code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) || (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd));
  }
  function isZeroWidth(code) {
    return code <= 0x1F || (code >= 0x7F && code <= 0x9F) || (code >= 0x300 && code <= 0x36F) ||
      (code >= 0x200B && code <= 0x200F) || (code >= 0x20D0 && code <= 0x20FF) ||
      (code >= 0xFE00 && code <= 0xFE0F) || (code >= 0xFE20 && code <= 0xFE2F) ||
      (code >= 0xE0100 && code <= 0xE01EF);
  }
  // Display width (monospace columns); ASCII fast path.
  function getStringWidth(str) {
    let width = 0;
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i);
      if (code >= 127) return width + slowWidth(str.slice(i));
      width += code >= 32 ? 1 : 0;
    }
    return width;
  }
  function slowWidth(str) {
    let width = 0;
    for (const ch of str.normalize("NFC")) {
      const code = ch.codePointAt(0);
      if (isFullWidth(code)) width += 2;
      else if (!isZeroWidth(code)) width++;
    }
    return width;
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0, maxLength = 0, i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      const len = getStringWidth(output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15);
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineMaxLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        }
        maxLineLength[i] = lineMaxLength + separatorSpace;
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
            padStart = false;
            break;
          }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = "";
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
          str += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
        }
        if (padStart) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          str += output[j].padStart(padding, " ");
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) {
          output = groupArrayElements(ctx, output, value);
        }
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joined = output.join(", ");
            if (!joined.includes("\n")) {
              return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
            }
          }
        }
      }
      const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
    }
    const indentation = " ".repeat(ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  // ---- util.format ---------------------------------------------------------------
  function hasBuiltInToString(value) {
    if (ops.proxyDetails !== undefined) {
      const target = ops.proxyDetails(value);
      if (target !== undefined) {
        if (target === null || target[0] === null) return true;
        value = target[0];
      }
    }
    let ownToString = true, ownToPrimitive = true;
    if (typeof value.toString !== "function") {
      if (typeof value[Symbol.toPrimitive] !== "function") return true;
      if (hasOwn(value, Symbol.toPrimitive)) return false;
      ownToString = false;
    } else if (hasOwn(value, "toString")) {
      return false;
    } else if (typeof value[Symbol.toPrimitive] !== "function") {
      ownToPrimitive = false;
    } else if (hasOwn(value, Symbol.toPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = getPrototypeOf(pointer);
    } while (!(ownToString && hasOwn(pointer, "toString")) &&
             !(ownToPrimitive && hasOwn(pointer, Symbol.toPrimitive)));
    const d = getDesc(pointer, "constructor");
    return d !== undefined && typeof d.value === "function" && isBuiltIn(d.value.name);
  }

  let circularMsg;
  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (err) {
      if (!circularMsg) {
        try {
          const a = {};
          a.a = a;
          JSON.stringify(a);
        } catch (e) {
          circularMsg = e.message.split("\n", 1)[0];
        }
      }
      if (err.name === "TypeError" && err.message.split("\n", 1)[0] === circularMsg) return "[Circular]";
      throw err;
    }
  }

  function formatWithOptions(inspectOptions, args) {
    const first = args[0];
    let a = 0, str = "", join = "";
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let tempStr, lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) === 37) { // '%'
          const nextChar = first.charCodeAt(++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: { // 's'
                const arg = args[++a];
                if (typeof arg === "number") tempStr = formatNumber(arg, false);
                else if (typeof arg === "bigint") tempStr = formatBigInt(arg, false);
                else if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
                else tempStr = inspect(arg, { ...inspectOptions, compact: 3, colors: false, depth: 0 });
                break;
              }
              case 106: tempStr = tryStringify(args[++a]); break; // 'j'
              case 100: { // 'd'
                const n = args[++a];
                if (typeof n === "bigint") tempStr = formatBigInt(n, false);
                else if (typeof n === "symbol") tempStr = "NaN";
                else tempStr = formatNumber(Number(n), false);
                break;
              }
              case 79: tempStr = inspect(args[++a], inspectOptions); break; // 'O'
              case 111: // 'o'
                tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
                break;
              case 105: { // 'i'
                const n = args[++a];
                if (typeof n === "bigint") tempStr = formatBigInt(n, false);
                else if (typeof n === "symbol") tempStr = "NaN";
                else tempStr = formatNumber(Number.parseInt(n), false);
                break;
              }
              case 102: { // 'f'
                const n = args[++a];
                tempStr = typeof n === "symbol" ? "NaN" : formatNumber(Number.parseFloat(n), false);
                break;
              }
              case 99: a += 1; tempStr = ""; break; // 'c'
              case 37: // '%'
                str += first.slice(lastPos, i);
                lastPos = i + 1;
                continue;
              default:
                continue;
            }
            if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += first.slice(lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = " ";
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== "string" ? inspect(value, inspectOptions) : value;
      join = " ";
      a++;
    }
    return str;
  }

  function format(...args) {
    return formatWithOptions(undefined, args);
  }

  P.inspect = inspect;
  P.format = format;
  P.formatWithOptions = (opts, ...args) => formatWithOptions(opts, args);
  P.getStringWidth = getStringWidth;
  P.isError = isError;

  // ---- console -------------------------------------------------------------------
  let groupIndent = "";
  const counts = new Map();
  const timers = new Map();

  function write(fd, s) {
    if (groupIndent !== "") {
      if (s.includes("\n")) s = s.replace(/\n/g, "\n" + groupIndent);
      s = groupIndent + s;
    }
    ops.print(fd, s + "\n");
  }
  function formatArgs(args) {
    return args.length === 1 && typeof args[0] === "string" ? args[0] : formatWithOptions(undefined, args);
  }
  // One writer per method so that each has its own name, as in Node.
  function makeWriter(fd, name) {
    return {
      [name](...args) {
        if (groupIndent === "" && args.length === 1 && typeof args[0] === "string") {
          ops.print(fd, args[0] + "\n");
          return;
        }
        write(fd, formatArgs(args));
      },
    }[name];
  }
  const log = makeWriter(1, "log");
  const error = makeWriter(2, "error");
  function warning(msg) {
    ops.print(2, `Warning: ${msg}\n`);
  }
  function timeFmt(ms) {
    let hours = 0, minutes = 0, seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = Math.floor(ms / 3600000);
          ms = ms % 3600000;
        }
        minutes = Math.floor(ms / 60000);
        ms = ms % 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      ({ 0: seconds, 1: ms } = seconds.toFixed(3).split("."));
      const pad = (v) => `${v}`.padStart(2, "0");
      const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
      return `${res}:${pad(seconds)}.${ms} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${seconds.toFixed(3)}s`;
    return `${Number(ms.toFixed(3))}ms`;
  }
  function timeLogImpl(name, label, data) {
    const start = timers.get(label);
    if (start === undefined) {
      warning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const ms = (ops.hrtime() - start) / 1e6;
    const formatted = timeFmt(ms);
    if (data === undefined) log(`${label}: ${formatted}`);
    else log(`${label}: ${formatted}`, ...data);
    return true;
  }

  const kTableChars = ["\u2500", "\u253c", "\u2510", "\u250c", "\u251c", "\u252c", "\u2518", "\u2514", "\u2534", "\u2524"];
  function renderRow(row, widths) {
    let out = "\u2502 ";
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      out += cell + " ".repeat(widths[i] - getStringWidth(cell));
      if (i !== row.length - 1) out += " \u2502 ";
    }
    return out + " \u2502";
  }
  function renderTable(head, columns) {
    const rows = [];
    const widths = head.map((h) => getStringWidth(h));
    const longest = Math.max(...columns.map((a) => a.length));
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < longest; j++) {
        if (rows[j] === undefined) rows[j] = [];
        const v = rows[j][i] = hasOwn(column, j) ? column[j] : "";
        widths[i] = Math.max(widths[i] || 0, getStringWidth(v));
      }
    }
    const divider = widths.map((w) => kTableChars[0].repeat(w + 2));
    let result = `\u250c${divider.join("\u252c")}\u2510\n${renderRow(head, widths)}\n\u251c${divider.join("\u253c")}\u2524\n`;
    for (const row of rows) result += `${renderRow(row, widths)}\n`;
    return result + `\u2514${divider.join("\u2534")}\u2518`;
  }

  const consoleMethods = {
    log,
    info: makeWriter(1, "info"),
    debug: makeWriter(1, "debug"),
    dirxml: makeWriter(1, "dirxml"),
    error,
    warn: makeWriter(2, "warn"),
    trace(...args) {
      const err = { name: "Trace", message: formatWithOptions(undefined, args) };
      Error.captureStackTrace(err, consoleMethods.trace);
      error(err.stack);
    },
    assert(expression, ...args) {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
        error(...args);
      }
    },
    dir(object, options) {
      write(1, inspect(object, { customInspect: false, ...options }));
    },
    time(label = "default") {
      label = `${label}`;
      if (timers.has(label)) {
        warning(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, ops.hrtime());
    },
    timeEnd(label = "default") {
      label = `${label}`;
      if (timeLogImpl("timeEnd", label)) timers.delete(label);
    },
    timeLog(label = "default", ...data) {
      timeLogImpl("timeLog", `${label}`, data);
    },
    count(label = "default") {
      label = `${label}`;
      let n = counts.get(label);
      n = n === undefined ? 1 : n + 1;
      counts.set(label, n);
      log(`${label}: ${n}`);
    },
    countReset(label = "default") {
      label = `${label}`;
      if (!counts.has(label)) {
        warning(`Count for '${label}' does not exist`);
        return;
      }
      counts.delete(label);
    },
    group(...data) {
      if (data.length > 0) log(...data);
      groupIndent += "  ";
    },
    groupCollapsed(...data) {
      if (data.length > 0) log(...data);
      groupIndent += "  ";
    },
    groupEnd() {
      groupIndent = groupIndent.slice(0, groupIndent.length - 2);
    },
    table(tabularData, properties) {
      if (tabularData === null || typeof tabularData !== "object") return log(tabularData);
      const final = (k, v) => log(renderTable(k, v));
      const _inspect = (v) => {
        const depth = v !== null && typeof v === "object" && !isArray(v) && objectKeys(v).length > 2 ? -1 : 0;
        return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
      };
      const indexArray = (length) => Array.from({ length }, (_, i) => _inspect(i));
      const kind = kindOf(tabularData);
      if (kind === K_MAP) {
        const keys = [], values = [];
        for (const { 0: k, 1: v } of mapEntries(tabularData)) {
          keys.push(_inspect(k));
          values.push(_inspect(v));
        }
        return final(["(iteration index)", "Key", "Values"], [indexArray(keys.length), keys, values]);
      }
      if (kind === K_SET) {
        const values = [];
        for (const v of setValues(tabularData)) values.push(_inspect(v));
        return final(["(iteration index)", "Values"], [indexArray(values.length), values]);
      }
      const map = Object.create(null);
      let hasPrimitives = false;
      const valuesKeyArray = [];
      const indexKeyArray = objectKeys(tabularData);
      for (let i = 0; i < indexKeyArray.length; i++) {
        const item = tabularData[indexKeyArray[i]];
        const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
        if (properties === undefined && primitive) {
          hasPrimitives = true;
          valuesKeyArray[i] = _inspect(item);
        } else {
          const keys = properties || objectKeys(item);
          for (const key of keys) {
            map[key] ??= [];
            if ((primitive && properties) || !hasOwn(item, key)) map[key][i] = "";
            else map[key][i] = _inspect(item[key]);
          }
        }
      }
      const keys = objectKeys(map);
      const values = keys.map((k) => map[k]);
      if (hasPrimitives) {
        keys.push("Values");
        values.push(valuesKeyArray);
      }
      keys.unshift("(index)");
      values.unshift(indexKeyArray);
      return final(keys, values);
    },
  };

  const console = {};
  for (const name of objectKeys(consoleMethods)) {
    Object.defineProperty(console, name, {
      value: consoleMethods[name], writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(console, Symbol.toStringTag, {
    value: "console", writable: false, enumerable: false, configurable: true,
  });
  // V8's own console reports to the inspector: --inspect makes mrt's call it too
  // (core/inspector.c).
  P.v8Console = globalThis.console;
  Object.defineProperty(globalThis, "console", {
    value: console, writable: true, enumerable: false, configurable: true,
  });
});
