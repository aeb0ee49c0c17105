// es_array_impl.js: the bodies of change-array-by-copy (ES2023: toReversed, toSorted,
// toSpliced, with; Array and typed arrays) and Array.fromAsync (ES2026); es_array.js installs
// their stubs. Spec steps in order, each observable read and conversion where the spec does it.
(function (P) {
  "use strict";
  const L = P.lang;
  const { uncurry, toIntegerOrInfinity, toLength, isConstructor, isObject, getMethod } = L;
  const saved = L.saved.array;
  const { getOwnPropertyDescriptor, defineProperty, TypedArrayPrototype } = saved;
  const MAX_SAFE = 9007199254740991;
  const { iteratorSymbol, asyncIteratorSymbol } = saved;
  const MAX_LENGTH = 4294967295;
  const ArrayConstructor = saved.Array;

  function toObject(v, method) {
    if (v === undefined || v === null) throw new TypeError(`${method} called on null or undefined`);
    return Object(v);
  }
  // ArrayCreate(len): a RangeError past 2^32 - 1. The copy is filled in index order from
  // an empty array, so it stays packed.
  function checkArrayLength(len) {
    if (len > MAX_LENGTH) throw new RangeError("Invalid array length");
  }
  function checkComparator(comparefn, method) {
    if (comparefn !== undefined && typeof comparefn !== "function") {
      throw new TypeError(`${method}: The comparison function must be either a function or undefined`);
    }
  }
  const arraySort = uncurry(saved.sort);

  const arrayMethods = {
    toReversed() {
      const O = toObject(this, "Array.prototype.toReversed");
      const len = toLength(O.length);
      checkArrayLength(len);
      const A = new ArrayConstructor(len); // at its length: see with()
      for (let k = 0; k < len; k++) A[k] = O[len - k - 1];
      return A;
    },
    toSorted(comparefn) {
      checkComparator(comparefn, "Array.prototype.toSorted");
      const O = toObject(this, "Array.prototype.toSorted");
      const len = toLength(O.length);
      checkArrayLength(len);
      // SortIndexedProperties reads every index (holes as undefined) before comparing.
      const A = [];
      for (let k = 0; k < len; k++) A[k] = O[k];
      arraySort(A, comparefn);
      return A;
    },
    toSpliced(start, skipCount, ...items) {
      const O = toObject(this, "Array.prototype.toSpliced");
      const len = toLength(O.length);
      const relativeStart = toIntegerOrInfinity(start);
      const actualStart =
        relativeStart < 0 ? Math.max(len + relativeStart, 0) : Math.min(relativeStart, len);
      const insertCount = items.length;
      let actualSkipCount;
      if (arguments.length === 0) actualSkipCount = 0;
      else if (arguments.length === 1) actualSkipCount = len - actualStart;
      else {
        const sc = toIntegerOrInfinity(skipCount);
        actualSkipCount = Math.min(Math.max(sc, 0), len - actualStart);
      }
      const newLen = len + insertCount - actualSkipCount;
      if (newLen > MAX_SAFE) throw new TypeError("Invalid array length");
      checkArrayLength(newLen);
      const A = new ArrayConstructor(newLen); // at its length: see with()
      let i = 0;
      let r = actualStart + actualSkipCount;
      for (; i < actualStart; i++) A[i] = O[i];
      for (let j = 0; j < insertCount; j++) A[i++] = items[j];
      for (; i < newLen; i++, r++) A[i] = O[r];
      return A;
    },
    with(index, value) {
      const O = toObject(this, "Array.prototype.with");
      const len = toLength(O.length);
      const relativeIndex = toIntegerOrInfinity(index);
      const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
      if (actualIndex >= len || actualIndex < 0) throw new RangeError("Invalid index");
      checkArrayLength(len);
      // Made at its length (holey), not grown from empty, and copied in two runs around the
      // index: together less than half the cost of a loop over a growing array.
      const A = new ArrayConstructor(len);
      let k = 0;
      for (; k < actualIndex; k++) A[k] = O[k];
      A[k++] = value;
      for (; k < len; k++) A[k] = O[k];
      return A;
    },
  };

  // %TypedArray%.prototype: the copy is a new array of the same kind (never a species').
  const taGetter = (key) => uncurry(getOwnPropertyDescriptor(TypedArrayPrototype, key).get);
  const taTag = taGetter(saved.toStringTag);
  const taLength = taGetter("length");
  const taBuffer = taGetter("buffer");
  const taSet = uncurry(TypedArrayPrototype.set);
  const taSort = uncurry(TypedArrayPrototype.sort);
  const taReverse = uncurry(TypedArrayPrototype.reverse);
  const abDetached = uncurry(saved.detached);
  const kinds = { __proto__: null };
  // By index: this runs at the first call, after a program may have changed array iteration.
  for (let i = 0; i < saved.typedArrays.length; i++) kinds[saved.typedArrays[i].name] = saved.typedArrays[i];

  // ValidateTypedArray: this as a typed array not detached; its constructor and length.
  function validate(O, method) {
    const tag = taTag(O);
    if (tag === undefined) throw new TypeError(`${method}: this is not a typed array.`);
    const len = taLength(O);
    if (len === 0) {
      const buffer = taBuffer(O);
      let detached = false;
      try {
        detached = abDetached(buffer); // a SharedArrayBuffer is never detached
      } catch {}
      if (detached) throw new TypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
    }
    return { C: kinds[tag], len };
  }

  const typedArrayMethods = {
    toReversed() {
      const { C, len } = validate(this, "%TypedArray%.prototype.toReversed");
      const A = new C(len);
      taSet(A, this);
      taReverse(A);
      return A;
    },
    toSorted(comparefn) {
      checkComparator(comparefn, "%TypedArray%.prototype.toSorted");
      const { C, len } = validate(this, "%TypedArray%.prototype.toSorted");
      const A = new C(len);
      taSet(A, this);
      taSort(A, comparefn);
      return A;
    },
    with(index, value) {
      const { C, len } = validate(this, "%TypedArray%.prototype.with");
      const relativeIndex = toIntegerOrInfinity(index);
      const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
      // ToBigInt or ToNumber by the element type, before the index is checked (the
      // conversion may detach the buffer).
      let numericValue;
      if (C === kinds.BigInt64Array || C === kinds.BigUint64Array) {
        const cell = new C(1);
        cell[0] = value;
        numericValue = cell[0];
      } else {
        numericValue = +value;
      }
      if (!(actualIndex >= 0 && actualIndex < taLength(this))) throw new RangeError("Invalid typed array index");
      const A = new C(len);
      taSet(A, this);
      A[actualIndex] = numericValue;
      return A;
    },
  };

  // Array.fromAsync(asyncItems [, mapfn [, thisArg]]): every step inside the async
  // function, so each error rejects the promise, as AsyncFunctionStart's closure does.
  async function asyncIteratorClose(iterator, error) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) await ret.call(iterator);
    } catch {}
    throw error;
  }
  function syncIteratorClose(iterator) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) ret.call(iterator);
    } catch {}
  }
  const callFunction = uncurry(saved.call);
  // An ordinary function (as built-ins are, not an async one) whose work is async.
  const statics = {
    fromAsync(asyncItems, mapfn = undefined, thisArg = undefined) {
      return fromAsync(this, asyncItems, mapfn, thisArg);
    },
  };
  async function fromAsync(C, asyncItems, mapfn, thisArg) {
    const mapping = mapfn !== undefined;
    if (mapping && typeof mapfn !== "function") throw new TypeError("Array.fromAsync: mapfn is not a function");
    const usingAsyncIterator = getMethod(asyncItems, asyncIteratorSymbol);
    const usingSyncIterator =
      usingAsyncIterator === undefined ? getMethod(asyncItems, iteratorSymbol) : undefined;
    if (usingAsyncIterator !== undefined || usingSyncIterator !== undefined) {
      const A = isConstructor(C) ? new C() : [];
      const iterator = callFunction(usingAsyncIterator || usingSyncIterator, asyncItems);
      if (!isObject(iterator)) throw new TypeError("Result of the Symbol.asyncIterator method is not an object");
      const next = iterator.next;
      const sync = usingAsyncIterator === undefined;
      for (let k = 0; ; k++) {
        if (k >= MAX_SAFE) {
          return asyncIteratorClose(iterator, new TypeError("Array.fromAsync: too many elements"));
        }
        // A sync iterator's values are awaited (CreateAsyncFromSyncIterator), and it is
        // closed when one rejects.
        let result = callFunction(next, iterator);
        if (!sync) result = await result;
        if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
        if (result.done) {
          A.length = k;
          return A;
        }
        let value = result.value;
        if (sync) {
          try {
            value = await value;
          } catch (e) {
            syncIteratorClose(iterator);
            throw e;
          }
        }
        if (mapping) {
          try {
            value = await callFunction(mapfn, thisArg, value, k);
          } catch (e) {
            return asyncIteratorClose(iterator, e);
          }
        }
        try {
          defineProperty(A, k, { value, writable: true, enumerable: true, configurable: true });
        } catch (e) {
          return asyncIteratorClose(iterator, e);
        }
      }
    }
    // Not iterable: an array-like.
    const arrayLike = toObject(asyncItems, "Array.fromAsync");
    const len = toLength(arrayLike.length);
    const A = isConstructor(C) ? new C(len) : (checkArrayLength(len), new saved.Array(len));
    for (let k = 0; k < len; k++) {
      let value = await arrayLike[k];
      if (mapping) value = await callFunction(mapfn, thisArg, value, k);
      defineProperty(A, k, { value, writable: true, enumerable: true, configurable: true });
    }
    A.length = len;
    return A;
  }
  return { array: arrayMethods, typedArray: typedArrayMethods, statics };
});
