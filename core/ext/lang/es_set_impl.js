// es_set_impl.js: the bodies of the ES2025 Set methods (es_set.js installs their stubs),
// loaded at the first call. `this` is read through the original Set methods, as the spec
// reads [[SetData]]; the other set only through its size, has and keys (GetSetRecord), in
// the spec's order.
(function (P) {
  "use strict";
  const { uncurry, toIntegerOrInfinity, isObject } = P.lang;
  const saved = P.lang.saved.set;
  const SetPrototype = saved.SetPrototype;
  const setSize = uncurry(saved.size);
  const setHas = uncurry(saved.has);
  const setAddMethod = saved.add;
  const setAdd = uncurry(setAddMethod);
  const setDelete = uncurry(saved.delete);
  const setValuesMethod = saved.values;
  const setValues = uncurry(setValuesMethod);
  const SetIteratorPrototype = saved.SetIteratorPrototype;
  const setIteratorNextMethod = saved.setIteratorNext;
  const setIteratorNext = uncurry(setIteratorNextMethod);
  const callFunction = uncurry(saved.call);
  const OriginalSet = saved.Set;
  const iteratorSymbol = saved.iteratorSymbol;

  function thisSet(O, method) {
    if (!isObject(O)) throw new TypeError(`Method Set.prototype.${method} called on incompatible receiver`);
    try {
      setSize(O);
    } catch {
      throw new TypeError(`Method Set.prototype.${method} called on incompatible receiver`);
    }
  }
  function getSetRecord(obj) {
    if (!isObject(obj)) throw new TypeError("The argument is not an object");
    const rawSize = obj.size;
    const numSize = +rawSize;
    if (numSize !== numSize) throw new TypeError("The argument's size is not a number");
    const size = toIntegerOrInfinity(numSize);
    if (size < 0) throw new RangeError("The argument's size is negative");
    const has = obj.has;
    if (typeof has !== "function") throw new TypeError("The argument's has is not a function");
    const keys = obj.keys;
    if (typeof keys !== "function") throw new TypeError("The argument's keys is not a function");
    return { set: obj, size, has, keys };
  }
  // GetIteratorFromMethod(other, keys) and IteratorStepValue over it.
  function keysIterator(rec) {
    const iterator = callFunction(rec.keys, rec.set);
    if (!isObject(iterator)) throw new TypeError("The argument's keys() is not an object");
    return { iterator, next: iterator.next };
  }
  const DONE = {};
  function stepValue(it) {
    const r = callFunction(it.next, it.iterator);
    if (!isObject(r)) throw new TypeError("Iterator result is not an object");
    if (r.done) return DONE;
    const v = r.value;
    return v === 0 ? 0 : v; // -0 as +0
  }
  // IteratorClose(iterated, normal completion).
  function close(it) {
    const ret = it.iterator.return;
    if (ret === undefined || ret === null) return;
    const r = callFunction(ret, it.iterator);
    if (!isObject(r)) throw new TypeError("Iterator result is not an object");
  }
  // Calls f(e) for each element of S, live (as the spec's loop over [[SetData]] by index:
  // elements added meanwhile are visited, deleted ones not) until f returns true; whether it
  // did. for-of when it takes the same steps (the original iterator), which V8 makes fast.
  function some(S, f) {
    if (S[iteratorSymbol] === setValuesMethod && SetIteratorPrototype.next === setIteratorNextMethod) {
      for (const e of S) if (f(e)) return true;
      return false;
    }
    const it = setValues(S);
    for (let r = setIteratorNext(it); !r.done; r = setIteratorNext(it)) if (f(r.value)) return true;
    return false;
  }
  // A copy of O's elements; the engine's copy when nothing it would call was replaced.
  function copy(O) {
    if (SetPrototype.add === setAddMethod && SetPrototype[iteratorSymbol] === setValuesMethod &&
        SetIteratorPrototype.next === setIteratorNextMethod) {
      return new OriginalSet(O);
    }
    const result = new OriginalSet();
    const it = setValues(O);
    for (let r = setIteratorNext(it); !r.done; r = setIteratorNext(it)) setAdd(result, r.value);
    return result;
  }

  return {
    set: {
    union(other) {
      thisSet(this, "union");
      const rec = getSetRecord(other);
      const it = keysIterator(rec);
      const result = copy(this);
      for (let v = stepValue(it); v !== DONE; v = stepValue(it)) setAdd(result, v);
      return result;
    },
    intersection(other) {
      thisSet(this, "intersection");
      const rec = getSetRecord(other);
      const result = new OriginalSet();
      if (setSize(this) <= rec.size) {
        // Each element of this (a live iteration: has() may change this) that other has.
        some(this, (e) => {
          if (callFunction(rec.has, rec.set, e)) setAdd(result, e);
          return false;
        });
      } else {
        const it = keysIterator(rec);
        for (let v = stepValue(it); v !== DONE; v = stepValue(it)) {
          if (setHas(this, v)) setAdd(result, v);
        }
      }
      return result;
    },
    difference(other) {
      thisSet(this, "difference");
      const rec = getSetRecord(other);
      const result = copy(this);
      if (setSize(this) <= rec.size) {
        // Each element of the copy (which has() cannot change) that other has.
        some(result, (e) => {
          if (callFunction(rec.has, rec.set, e)) setDelete(result, e);
          return false;
        });
      } else {
        const it = keysIterator(rec);
        for (let v = stepValue(it); v !== DONE; v = stepValue(it)) setDelete(result, v);
      }
      return result;
    },
    symmetricDifference(other) {
      thisSet(this, "symmetricDifference");
      const rec = getSetRecord(other);
      const it = keysIterator(rec);
      const result = copy(this);
      for (let v = stepValue(it); v !== DONE; v = stepValue(it)) {
        if (setHas(this, v)) setDelete(result, v);
        else setAdd(result, v);
      }
      return result;
    },
    isSubsetOf(other) {
      thisSet(this, "isSubsetOf");
      const rec = getSetRecord(other);
      if (setSize(this) > rec.size) return false;
      return !some(this, (e) => !callFunction(rec.has, rec.set, e));
    },
    isSupersetOf(other) {
      thisSet(this, "isSupersetOf");
      const rec = getSetRecord(other);
      if (setSize(this) < rec.size) return false;
      const it = keysIterator(rec);
      for (let v = stepValue(it); v !== DONE; v = stepValue(it)) {
        if (!setHas(this, v)) {
          close(it);
          return false;
        }
      }
      return true;
    },
    isDisjointFrom(other) {
      thisSet(this, "isDisjointFrom");
      const rec = getSetRecord(other);
      if (setSize(this) <= rec.size) {
        if (some(this, (e) => callFunction(rec.has, rec.set, e))) return false;
      } else {
        const it = keysIterator(rec);
        for (let v = stepValue(it); v !== DONE; v = stepValue(it)) {
          if (setHas(this, v)) {
            close(it);
            return false;
          }
        }
      }
      return true;
    },
    },
  };
});
