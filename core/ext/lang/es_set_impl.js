// es_set_impl.js: the bodies of the ES2025 Set methods (es_set.js installs their stubs),
// loaded at the first call. `this` is read through the original Set methods, as the spec
// reads [[SetData]]; the other set only through its size, has and keys (GetSetRecord), in
// the spec's order.
(function (P) {
  "use strict";
  const { uncurry, toIntegerOrInfinity, isObject } = P.lang;
  const saved = P.lang.saved.set;
  const setSize = uncurry(saved.size);
  const setHasMethod = saved.has;
  const setHas = uncurry(setHasMethod);
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
  // Whether for-of over a Set iterator takes the same steps as calling the original next
  // (which V8 then runs without a result object per element): its @@iterator returns it,
  // its next is the original, and leaving the loop early calls no `return`.
  const iteratorSelf = saved.iteratorSelf;
  function plainIteration() {
    return SetIteratorPrototype[iteratorSymbol] === iteratorSelf && SetIteratorPrototype.next === setIteratorNextMethod &&
      SetIteratorPrototype.return === undefined;
  }
  // Whether v has [[SetData]] (a Set, not a Proxy of one).
  function isSet(v) {
    try {
      setSize(v);
      return true;
    } catch {
      return false;
    }
  }
  // Whether the record's keys() gives the engine's own iterator over a Set's live data, read
  // with the original next: then its values may be read by for-of (no -0: a Set has none).
  function plainKeys(rec, it) {
    return rec.keys === setValuesMethod && it.next === setIteratorNextMethod && plainIteration() && isSet(rec.set);
  }
  // Whether rec.has is the original has of a Set: calling it directly is the same call.
  function plainHas(rec) {
    return rec.has === setHasMethod && isSet(rec.set);
  }
  // Calls f(e) for each element of S, live (as the spec's loop over [[SetData]] by index:
  // elements added meanwhile are visited, deleted ones not) until f returns true; whether it
  // did. for-of when it takes the same steps (the original iterator), which V8 makes fast.
  function some(S, f) {
    const it = setValues(S);
    if (plainIteration()) {
      for (const e of it) if (f(e)) return true;
      return false;
    }
    for (let r = setIteratorNext(it); !r.done; r = setIteratorNext(it)) if (f(r.value)) return true;
    return false;
  }
  // A copy of O's elements (the engine's constructor costs twice this on V8 10.2).
  function copy(O) {
    const result = new OriginalSet();
    const it = setValues(O);
    if (plainIteration()) {
      for (const e of it) setAdd(result, e);
      return result;
    }
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
      if (plainKeys(rec, it)) {
        for (const v of it.iterator) setAdd(result, v);
        return result;
      }
      for (let v = stepValue(it); v !== DONE; v = stepValue(it)) setAdd(result, v);
      return result;
    },
    intersection(other) {
      thisSet(this, "intersection");
      const rec = getSetRecord(other);
      const result = new OriginalSet();
      if (setSize(this) <= rec.size) {
        // Each element of this (a live iteration: has() may change this) that other has.
        if (plainHas(rec) && plainIteration()) {
          const other = rec.set;
          for (const e of setValues(this)) if (setHas(other, e)) setAdd(result, e);
          return result;
        }
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
        if (plainHas(rec) && plainIteration()) {
          const other = rec.set;
          for (const e of setValues(result)) if (setHas(other, e)) setDelete(result, e);
          return result;
        }
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
      if (plainKeys(rec, it)) {
        for (const v of it.iterator) {
          if (setHas(this, v)) setDelete(result, v);
          else setAdd(result, v);
        }
        return result;
      }
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
      if (plainHas(rec) && plainIteration()) {
        const other = rec.set;
        for (const e of setValues(this)) if (!setHas(other, e)) return false;
        return true;
      }
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
