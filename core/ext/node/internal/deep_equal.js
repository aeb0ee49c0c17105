// deep_equal.js: Node's deep comparison (lib/internal/util/comparisons.js's algorithm) for
// util.isDeepStrictEqual and node:assert's deepEqual / deepStrictEqual:
//   const { isDeepEqual, isDeepStrictEqual } = P.loadBuiltin("core/ext/node/internal/deep_equal.js");
// Strict: same prototypes, Object.is for primitives, own enumerable symbol keys count. Loose:
// == for primitives, prototypes ignored. Both: same Object.prototype.toString tags; Dates by
// time, RegExps by source/flags/lastIndex, Errors by message and name, typed arrays by bytes,
// Maps and Sets by deep membership; cycles compare by position.
(function (P) {
  "use strict";
  const T = P.loadBuiltin("core/ext/node/internal/types.js");
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
  const objToString = (o) => Object.prototype.toString.call(o);

  const kNoIterator = 0, kIsArray = 1, kIsSet = 2, kIsMap = 3;

  function isIndex(key) {
    if (typeof key !== "string" || key.length === 0 || key.length > 10) return false;
    const n = +key;
    return `${n >>> 0}` === key && n !== 2 ** 32 - 1;
  }
  // Own enumerable keys that are not array indexes (symbols too when strict).
  function nonIndexKeys(obj, strict) {
    const out = [];
    for (const key of Reflect.ownKeys(obj)) {
      if (typeof key === "symbol" ? !strict : isIndex(key)) continue;
      if (isEnumerable(obj, key)) out.push(key);
    }
    return out;
  }

  function areSimilarRegExps(a, b) {
    return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
  }
  function areSimilarFloatArrays(a, b) {
    if (a.byteLength !== b.byteLength) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  function bytesOf(v) {
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  function equalBytes(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  function isEqualBoxedPrimitive(a, b) {
    if (T.isNumberObject(a)) return T.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
    if (T.isStringObject(a)) return T.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
    if (T.isBooleanObject(a)) return T.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
    if (T.isBigIntObject(a)) return T.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
    if (T.isSymbolObject(a)) return T.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
    return false;
  }

  function innerDeepEqual(val1, val2, strict, memos) {
    if (val1 === val2) {
      if (val1 !== 0) return true;
      return strict ? Object.is(val1, val2) : true;
    }
    if (strict) {
      if (typeof val1 !== "object") {
        return typeof val1 === "number" && Number.isNaN(val1) && Number.isNaN(val2);
      }
      if (typeof val2 !== "object" || val1 === null || val2 === null) return false;
      if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
    } else {
      if (val1 === null || typeof val1 !== "object") {
        if (val2 === null || typeof val2 !== "object") {
          // eslint-disable-next-line eqeqeq
          return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
        }
        return false;
      }
      if (val2 === null || typeof val2 !== "object") return false;
    }
    const val1Tag = objToString(val1);
    const val2Tag = objToString(val2);
    if (val1Tag !== val2Tag) return false;

    if (Array.isArray(val1)) {
      if (!Array.isArray(val2) || val1.length !== val2.length) return false;
      const keys1 = nonIndexKeys(val1, strict);
      const keys2 = nonIndexKeys(val2, strict);
      if (keys1.length !== keys2.length) return false;
      return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
    } else if (val1Tag === "[object Object]") {
      return keyCheck(val1, val2, strict, memos, kNoIterator);
    } else if (T.isDate(val1)) {
      if (!T.isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
    } else if (T.isRegExp(val1)) {
      if (!T.isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
    } else if (T.isNativeError(val1) || val1 instanceof Error) {
      if ((!T.isNativeError(val2) && !(val2 instanceof Error)) ||
          val1.message !== val2.message || val1.name !== val2.name) {
        return false;
      }
    } else if (ArrayBuffer.isView(val1)) {
      if (!strict && (T.isFloat32Array(val1) || T.isFloat64Array(val1))) {
        if (!areSimilarFloatArrays(val1, val2)) return false;
      } else if (!ArrayBuffer.isView(val2) || !equalBytes(bytesOf(val1), bytesOf(val2))) {
        return false;
      }
      const keys1 = nonIndexKeys(val1, strict);
      const keys2 = nonIndexKeys(val2, strict);
      if (keys1.length !== keys2.length) return false;
      return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
    } else if (T.isSet(val1)) {
      if (!T.isSet(val2) || val1.size !== val2.size) return false;
      return keyCheck(val1, val2, strict, memos, kIsSet);
    } else if (T.isMap(val1)) {
      if (!T.isMap(val2) || val1.size !== val2.size) return false;
      return keyCheck(val1, val2, strict, memos, kIsMap);
    } else if (T.isAnyArrayBuffer(val1)) {
      if (!T.isAnyArrayBuffer(val2) || !equalBytes(new Uint8Array(val1), new Uint8Array(val2))) return false;
    } else if (T.isBoxedPrimitive(val1)) {
      if (!isEqualBoxedPrimitive(val1, val2)) return false;
    } else if (Array.isArray(val2) || ArrayBuffer.isView(val2) || T.isSet(val2) || T.isMap(val2) ||
               T.isDate(val2) || T.isRegExp(val2) || T.isAnyArrayBuffer(val2) ||
               T.isBoxedPrimitive(val2) || T.isNativeError(val2) || val2 instanceof Error) {
      return false;
    }
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  }

  function enumerableCount(obj, keys) {
    let n = 0;
    for (const k of keys) if (isEnumerable(obj, k)) n++;
    return n;
  }

  function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
    const given = aKeys !== undefined;
    if (!given) {
      aKeys = Object.keys(val1);
      const bKeys = Object.keys(val2);
      if (aKeys.length !== bKeys.length) return false;
    }
    for (let i = 0; i < aKeys.length; i++) {
      if (!isEnumerable(val2, aKeys[i])) return false;
    }
    if (strict && !given) {
      const symbolKeysA = Object.getOwnPropertySymbols(val1);
      if (symbolKeysA.length !== 0) {
        let count = 0;
        for (const key of symbolKeysA) {
          if (isEnumerable(val1, key)) {
            if (!isEnumerable(val2, key)) return false;
            aKeys.push(key);
            count++;
          } else if (isEnumerable(val2, key)) {
            return false;
          }
        }
        const symbolKeysB = Object.getOwnPropertySymbols(val2);
        if (symbolKeysA.length !== symbolKeysB.length && enumerableCount(val2, symbolKeysB) !== count) return false;
      } else {
        const symbolKeysB = Object.getOwnPropertySymbols(val2);
        if (symbolKeysB.length !== 0 && enumerableCount(val2, symbolKeysB) !== 0) return false;
      }
    }
    if (aKeys.length === 0 &&
        (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
      return true;
    }
    if (memos === undefined) {
      memos = { val1: new Map(), val2: new Map(), position: 0 };
    } else {
      const memoA = memos.val1.get(val1);
      if (memoA !== undefined) {
        const memoB = memos.val2.get(val2);
        if (memoB !== undefined) return memoA === memoB;
      }
      memos.position++;
    }
    memos.val1.set(val1, memos.position);
    memos.val2.set(val2, memos.position);
    const areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
    memos.val1.delete(val1);
    memos.val2.delete(val2);
    return areEq;
  }

  function setHasEqualElement(set, val1, strict, memo) {
    for (const val2 of set) {
      if (innerDeepEqual(val1, val2, strict, memo)) {
        set.delete(val2);
        return true;
      }
    }
    return false;
  }

  function setEquiv(a, b, strict, memo) {
    let set = null;
    for (const val of a) {
      if (typeof val === "object" && val !== null) {
        if (set === null) set = new Set();
        set.add(val);
      } else if (!b.has(val)) {
        if (strict) return false;
        if (set === null) set = new Set();
        set.add(val); // a primitive that may loosely equal one of b's
      }
    }
    if (set !== null) {
      for (const val of b) {
        if (typeof val === "object" && val !== null) {
          if (!setHasEqualElement(set, val, strict, memo)) return false;
        } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memo)) {
          return false;
        }
      }
      return set.size === 0;
    }
    return true;
  }

  function mapHasEqualEntry(set, map, key1, item1, strict, memo) {
    for (const key2 of set) {
      if (innerDeepEqual(key1, key2, strict, memo) && innerDeepEqual(item1, map.get(key2), strict, memo)) {
        set.delete(key2);
        return true;
      }
    }
    return false;
  }

  function mapEquiv(a, b, strict, memo) {
    let set = null;
    for (const [key, item1] of a) {
      if (typeof key === "object" && key !== null) {
        if (set === null) set = new Set();
        set.add(key);
      } else {
        const item2 = b.get(key);
        if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memo)) {
          if (strict) return false;
          if (set === null) set = new Set();
          set.add(key);
        }
      }
    }
    if (set !== null) {
      for (const [key, item] of b) {
        if (typeof key === "object" && key !== null) {
          if (!mapHasEqualEntry(set, a, key, item, strict, memo)) return false;
        } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, strict, memo)) &&
                   !mapHasEqualEntry(set, a, key, item, strict, memo)) {
          return false;
        }
      }
      return set.size === 0;
    }
    return true;
  }

  function objEquiv(a, b, strict, keys, memos, iterationType) {
    let i = 0;
    if (iterationType === kIsSet) {
      if (!setEquiv(a, b, strict, memos)) return false;
    } else if (iterationType === kIsMap) {
      if (!mapEquiv(a, b, strict, memos)) return false;
    } else if (iterationType === kIsArray) {
      for (; i < a.length; i++) {
        if (hasOwn(a, i)) {
          if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
        } else if (hasOwn(b, i)) {
          return false;
        } else {
          // A sparse array: compare the keys that are there.
          const keysA = Object.keys(a);
          for (; i < keysA.length; i++) {
            const key = keysA[i];
            if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
          }
          return keysA.length === Object.keys(b).length;
        }
      }
    }
    for (i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
    }
    return true;
  }

  return {
    isDeepEqual: (a, b) => innerDeepEqual(a, b, false),
    isDeepStrictEqual: (a, b) => innerDeepEqual(a, b, true),
  };
});
