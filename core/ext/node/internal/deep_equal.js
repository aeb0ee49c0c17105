// deep_equal.js: Node's deep equality, once for assert.deepEqual / deepStrictEqual and
// util.isDeepStrictEqual: { isDeepStrictEqual(a, b), isDeepEqual(a, b) }.
// Strict: primitives by Object.is, same prototype and same [[Class]], the same own
// enumerable keys (symbols too) with deeply equal values; Dates by time, RegExps by source,
// flags and lastIndex, boxed primitives by value, Errors also by name and message, Maps and
// Sets whatever their order, typed arrays and ArrayBuffers by bytes. Loose: primitives by ==
// (NaN equals NaN), prototypes not compared. Cycles are followed once (a memo of pairs).
(function (P) {
  "use strict";
  const { getPrototypeOf, keys: objectKeys, getOwnPropertySymbols, is } = Object;
  const toTag = (v) => Object.prototype.toString.call(v);
  const propertyIsEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
  const isBoxed = (v) => {
    for (const C of [Number, String, Boolean, BigInt, Symbol]) {
      try {
        C.prototype.valueOf.call(v);
        return true;
      } catch {}
    }
    return false;
  };

  function ownKeys(o, strict) {
    const keys = objectKeys(o);
    if (strict) for (const s of getOwnPropertySymbols(o)) if (propertyIsEnumerable(o, s)) keys.push(s);
    return keys;
  }

  function primitiveEqual(a, b, strict) {
    if (strict) return is(a, b);
    // eslint-disable-next-line eqeqeq
    return a == b || (a !== a && b !== b);
  }

  function bytesOf(v) {
    return v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer)
      ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }

  function equal(a, b, strict, memo) {
    if (a === b) return a !== 0 || !strict || is(a, b);
    const ta = typeof a, tb = typeof b;
    if (ta !== "object" || tb !== "object" || a === null || b === null) {
      if ((ta === "object" && a !== null) || (tb === "object" && b !== null)) return false;
      if (ta === "function" || tb === "function") return false;
      return primitiveEqual(a, b, strict);
    }
    if (strict && getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    const tag = toTag(a);
    if (tag !== toTag(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;

    // Cycles: a pair being compared (deeper in this same comparison) counts as equal.
    let seen = memo.get(a);
    if (seen?.has(b)) return true;
    if (!seen) memo.set(a, (seen = new Set()));
    seen.add(b);
    const r = objectsEqual(a, b, tag, strict, memo);
    seen.delete(b);
    return r;
  }

  function objectsEqual(a, b, tag, strict, memo) {
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
    } else if (tag === "[object Date]") {
      if (!is(a.getTime(), b.getTime())) return false;
    } else if (a instanceof RegExp) {
      if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (a instanceof Error || tag === "[object Error]") {
      if (a.message !== b.message || a.name !== b.name) return false;
    } else if (ArrayBuffer.isView(a) || tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") {
      if (ArrayBuffer.isView(a) && !(a instanceof DataView) && !strict &&
          (a instanceof Float32Array || a instanceof Float64Array)) {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!primitiveEqual(a[i], b[i], false)) return false;
      } else {
        const x = bytesOf(a), y = bytesOf(b);
        if (x.length !== y.length) return false;
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      }
      if (!ArrayBuffer.isView(a)) return true;
      // Own keys of a typed array besides its indices.
      const ka = objectKeys(a).filter((k) => !/^\d+$/.test(k)), kb = objectKeys(b).filter((k) => !/^\d+$/.test(k));
      if (ka.length !== kb.length) return false;
      for (const k of ka) if (!Object.hasOwn(b, k) || !equal(a[k], b[k], strict, memo)) return false;
      return true;
    } else if (isBoxed(a)) {
      if (!isBoxed(b) || !is(a.valueOf(), b.valueOf())) return false;
    }

    const ka = ownKeys(a, strict), kb = ownKeys(b, strict);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!propertyIsEnumerable(b, k)) return false;
    }
    for (const k of ka) if (!equal(a[k], b[k], strict, memo)) return false;

    if (a instanceof Set || tag === "[object Set]") return setEqual(a, b, strict, memo);
    if (a instanceof Map || tag === "[object Map]") return mapEqual(a, b, strict, memo);
    return true;
  }

  // Sets: every element of a has a distinct deep-equal partner in b.
  function setEqual(a, b, strict, memo) {
    if (a.size !== b.size) return false;
    let rest = null;
    for (const v of a) {
      if (typeof v === "object" && v !== null) (rest ??= []).push(v);
      else if (!b.has(v)) {
        if (strict) return false;
        (rest ??= []).push(v); // loose: 1 may match "1"
      }
    }
    if (!rest) return true;
    const pool = [];
    for (const v of b) if ((typeof v === "object" && v !== null) || !a.has(v)) pool.push(v);
    for (const v of rest) {
      const i = pool.findIndex((w) => equal(v, w, strict, memo));
      if (i < 0) return false;
      pool.splice(i, 1);
    }
    return true;
  }

  function mapEqual(a, b, strict, memo) {
    if (a.size !== b.size) return false;
    let rest = null;
    for (const [k, v] of a) {
      if (typeof k !== "object" || k === null) {
        if (b.has(k) && equal(v, b.get(k), strict, memo)) continue;
        if (strict) return false;
      }
      (rest ??= []).push([k, v]);
    }
    if (!rest) return true;
    const pool = [];
    for (const [k, v] of b) if ((typeof k === "object" && k !== null) || !a.has(k) || !strict) pool.push([k, v]);
    for (const [k, v] of rest) {
      const i = pool.findIndex(([k2, v2]) => equal(k, k2, strict, memo) && equal(v, v2, strict, memo));
      if (i < 0) return false;
      pool.splice(i, 1);
    }
    return true;
  }

  void P;
  return {
    isDeepStrictEqual: (a, b) => equal(a, b, true, new Map()),
    isDeepEqual: (a, b) => equal(a, b, false, new Map()),
  };
});
