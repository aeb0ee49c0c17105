// es_iterator_impl.js: the bodies of the iterator helpers (es_iterator.js installs the
// global Iterator, its accessors and the methods' stubs), loaded at the first call. An
// Iterator Helper is the spec's generator-like object made a state machine: its state and
// the underlying iterator are private fields, so nothing but the spec's properties is visible.
(function (P) {
  "use strict";
  const { uncurry, toIntegerOrInfinity, isObject, getMethod } = P.lang;
  const saved = P.lang.saved.iterator;
  const { defineProperty, setPrototypeOf } = saved;
  const callFunction = uncurry(saved.call);
  const iteratorSymbol = saved.iteratorSymbol;
  const isPrototypeOf = uncurry(saved.isPrototypeOf);
  const IteratorPrototype = saved.IteratorPrototype;

  // A value in an error message, without calling into it.
  function describe(v) {
    if (isObject(v)) return typeof v === "function" ? "function" : "object";
    return typeof v === "string" ? `"${v}"` : String(v);
  }
  function notObject(v) {
    return new TypeError(`${describe(v)} is not an object`);
  }
  // IteratorClose(iterator, normal or return completion): the return method's errors and a
  // non-object result propagate.
  function closeNormal(iterator) {
    const ret = getMethod(iterator, "return");
    if (ret === undefined) return;
    const r = callFunction(ret, iterator);
    if (!isObject(r)) throw notObject(r);
  }

  // some, every and find (the spec's steps are one loop): the first value whose predicate
  // result, as a boolean, is `wanted`, the iterator closed there; NOT_FOUND when it ends first.
  const NOT_FOUND = {};
  function search(iter, predicate, name, wanted) {
    thisIterator(iter, name);
    callableOrClose(iter, predicate, name);
    const next = iter.next;
    let counter = 0;
    for (let r = step(iter, next); r !== undefined; r = step(iter, next), counter++) {
      const value = r.value;
      let result;
      try {
        result = predicate(value, counter);
      } catch (e) {
        closeThrow(iter, e);
      }
      if (!result === !wanted) {
        closeNormal(iter);
        return value;
      }
    }
    return NOT_FOUND;
  }
  // IteratorClose(iterator, throw completion): the original error wins.
  function closeThrow(iterator, error) {
    try {
      const ret = getMethod(iterator, "return");
      if (ret !== undefined) callFunction(ret, iterator);
    } catch {}
    throw error;
  }
  // IteratorStep: the result object, or undefined when done.
  function step(iterator, next) {
    const r = callFunction(next, iterator);
    if (!isObject(r)) throw notObject(r);
    return r.done ? undefined : r;
  }
  // The Iterator.prototype methods' receiver check, and the argument checks that close the
  // underlying iterator when they fail (the spec since 2025).
  function thisIterator(O, method) {
    if (!isObject(O)) throw new TypeError(`Iterator.prototype.${method} called on non-object`);
  }
  function callableOrClose(O, f, method) {
    if (typeof f !== "function") closeThrow(O, new TypeError(`Iterator.prototype.${method}: ${describe(f)} is not a function`));
  }
  function countOrClose(O, v, method) {
    let n;
    try {
      n = +v;
    } catch (e) {
      closeThrow(O, e);
    }
    if (n !== n) closeThrow(O, new RangeError(`Iterator.prototype.${method}: ${describe(v)} is not a number`));
    if (n > 9007199254740991 && n !== Infinity) {
      closeThrow(O, new RangeError(`Iterator.prototype.${method}: ${describe(v)} is too large`));
    }
    const count = toIntegerOrInfinity(n);
    if (count < 0) closeThrow(O, new RangeError(`Iterator.prototype.${method}: ${describe(v)} is negative`));
    return count;
  }

  // GetIteratorFlattenable(obj, strings?): obj's iterator, or obj itself as one.
  function flattenable(obj, iterateStrings) {
    if (!isObject(obj) && !(iterateStrings && typeof obj === "string")) throw notObject(obj);
    const method = getMethod(obj, iteratorSymbol);
    const iterator = method === undefined ? obj : callFunction(method, obj);
    if (!isObject(iterator)) throw notObject(iterator);
    return iterator;
  }

  const START = 0;
  const YIELDED = 1;
  const RUNNING = 2;
  const DONE = 3;
  const MAP = 0;
  const FILTER = 1;
  const TAKE = 2;
  const DROP = 3;
  const FLAT_MAP = 4;
  const CONCAT = 5;
  const END = {};
  const doneResult = () => ({ value: undefined, done: true });

  class IteratorHelper {
    #state = START;
    #kind;
    #iterator;
    #next;
    #fn;
    #count; // map, filter, flatMap: the counter; take, drop: what remains
    #inner = undefined; // flatMap: the iterator of the current mapped value
    #innerNext = undefined;

    constructor(kind, iterator, next, fn, count) {
      this.#kind = kind;
      this.#iterator = iterator;
      this.#next = next;
      this.#fn = fn;
      this.#count = count;
    }

    // The closure of the spec's generator from its last yield to its next one.
    #run() {
      const iterator = this.#iterator;
      const next = this.#next;
      switch (this.#kind) {
        case MAP: {
          const r = step(iterator, next);
          if (r === undefined) return END;
          const value = r.value;
          let mapped;
          try {
            mapped = callFunction(this.#fn, undefined, value, this.#count);
          } catch (e) {
            closeThrow(iterator, e);
          }
          this.#count++;
          return mapped;
        }
        case FILTER:
          for (;;) {
            const r = step(iterator, next);
            if (r === undefined) return END;
            const value = r.value;
            let selected;
            try {
              selected = callFunction(this.#fn, undefined, value, this.#count);
            } catch (e) {
              closeThrow(iterator, e);
            }
            this.#count++;
            if (selected) return value;
          }
        case TAKE: {
          const remaining = this.#count;
          if (remaining === 0) {
            closeNormal(iterator);
            return END;
          }
          if (remaining !== Infinity) this.#count = remaining - 1;
          const r = step(iterator, next);
          return r === undefined ? END : r.value;
        }
        case DROP: {
          while (this.#count > 0) {
            if (this.#count !== Infinity) this.#count--;
            if (step(iterator, next) === undefined) return END;
          }
          const r = step(iterator, next);
          return r === undefined ? END : r.value;
        }
        case CONCAT:
          // #fn: the iterables and their @@iterator methods; #count: the next one's index.
          for (;;) {
            if (this.#inner === undefined) {
              const list = this.#fn;
              const i = this.#count;
              if (i >= list.length) return END;
              this.#count = i + 1;
              const inner = callFunction(list[i].method, list[i].iterable);
              if (!isObject(inner)) throw notObject(inner);
              this.#innerNext = inner.next;
              this.#inner = inner;
            }
            const r = step(this.#inner, this.#innerNext);
            if (r !== undefined) return r.value;
            this.#inner = undefined;
          }
        default:
          for (;;) {
            if (this.#inner === undefined) {
              const r = step(iterator, next);
              if (r === undefined) return END;
              const value = r.value;
              try {
                const mapped = callFunction(this.#fn, undefined, value, this.#count);
                const inner = flattenable(mapped, false);
                this.#innerNext = inner.next;
                this.#inner = inner;
              } catch (e) {
                closeThrow(iterator, e);
              }
              this.#count++;
            }
            let innerValue;
            try {
              const r = step(this.#inner, this.#innerNext);
              if (r === undefined) this.#inner = undefined;
              else innerValue = r.value;
            } catch (e) {
              closeThrow(iterator, e);
            }
            if (this.#inner !== undefined) return innerValue;
          }
      }
    }

    next() {
      if (!isObject(this) || !(#state in this)) throw new TypeError("Iterator Helper.prototype.next called on incompatible receiver");
      const state = this.#state;
      if (state === RUNNING) throw new TypeError("Generator is already running");
      if (state === DONE) return doneResult();
      this.#state = RUNNING;
      let value;
      try {
        value = this.#run();
      } catch (e) {
        this.#state = DONE;
        throw e;
      }
      if (value === END) {
        this.#state = DONE;
        return doneResult();
      }
      this.#state = YIELDED;
      return { value, done: false };
    }

    return() {
      if (!isObject(this) || !(#state in this)) throw new TypeError("Iterator Helper.prototype.return called on incompatible receiver");
      const state = this.#state;
      if (state === RUNNING) throw new TypeError("Generator is already running");
      if (state === DONE) return doneResult();
      // Suspended at its start or at a yield: the return completion closes what is open,
      // flatMap's inner iterator first.
      this.#state = RUNNING;
      try {
        const inner = this.#inner;
        if (this.#kind === CONCAT) {
          if (state === YIELDED && inner !== undefined) closeNormal(inner);
          return doneResult();
        }
        if (state === YIELDED && inner !== undefined) {
          this.#inner = undefined;
          try {
            closeNormal(inner);
          } catch (e) {
            closeThrow(this.#iterator, e);
          }
        }
        closeNormal(this.#iterator);
      } finally {
        this.#state = DONE;
      }
      return doneResult();
    }
  }
  const IteratorHelperPrototype = IteratorHelper.prototype;
  delete IteratorHelperPrototype.constructor;
  setPrototypeOf(IteratorHelperPrototype, IteratorPrototype);
  defineProperty(IteratorHelperPrototype, saved.toStringTag, {
    value: "Iterator Helper", writable: false, enumerable: false, configurable: true,
  });

  // %WrapForValidIteratorPrototype%: what Iterator.from returns for an iterator that does
  // not inherit from Iterator.prototype.
  class WrapForValidIterator {
    #iterator;
    #next;
    constructor(iterator, next) {
      this.#iterator = iterator;
      this.#next = next;
    }
    next() {
      if (!isObject(this) || !(#iterator in this)) throw new TypeError("next called on incompatible receiver");
      return callFunction(this.#next, this.#iterator);
    }
    return() {
      if (!isObject(this) || !(#iterator in this)) throw new TypeError("return called on incompatible receiver");
      const iterator = this.#iterator;
      const ret = getMethod(iterator, "return");
      if (ret === undefined) return doneResult();
      return callFunction(ret, iterator);
    }
  }
  const WrapPrototype = WrapForValidIterator.prototype;
  delete WrapPrototype.constructor;
  setPrototypeOf(WrapPrototype, IteratorPrototype);

  return {
    statics: {
    // Iterator.concat(...items) (ES2026): each item's values in turn, its iterator opened
    // when the one before is done.
    concat(...items) {
      const list = [];
      for (let i = 0; i < items.length; i++) {
        const iterable = items[i];
        if (!isObject(iterable)) throw notObject(iterable);
        const method = getMethod(iterable, iteratorSymbol);
        if (method === undefined) throw new TypeError("Iterator.concat: an argument is not iterable");
        list[i] = { iterable, method };
      }
      return new IteratorHelper(CONCAT, undefined, undefined, list, 0);
    },
    from(O) {
      const iterator = flattenable(O, true);
      const next = iterator.next;
      if (isPrototypeOf(IteratorPrototype, iterator)) return iterator;
      return new WrapForValidIterator(iterator, next);
    },
    },
    proto: {
    map(mapper) {
      thisIterator(this, "map");
      callableOrClose(this, mapper, "map");
      return new IteratorHelper(MAP, this, this.next, mapper, 0);
    },
    filter(predicate) {
      thisIterator(this, "filter");
      callableOrClose(this, predicate, "filter");
      return new IteratorHelper(FILTER, this, this.next, predicate, 0);
    },
    take(limit) {
      thisIterator(this, "take");
      const count = countOrClose(this, limit, "take");
      return new IteratorHelper(TAKE, this, this.next, undefined, count);
    },
    drop(limit) {
      thisIterator(this, "drop");
      const count = countOrClose(this, limit, "drop");
      return new IteratorHelper(DROP, this, this.next, undefined, count);
    },
    flatMap(mapper) {
      thisIterator(this, "flatMap");
      callableOrClose(this, mapper, "flatMap");
      return new IteratorHelper(FLAT_MAP, this, this.next, mapper, 0);
    },
    reduce(reducer, initialValue = undefined) {
      thisIterator(this, "reduce");
      callableOrClose(this, reducer, "reduce");
      const next = this.next;
      let accumulator;
      let counter;
      if (arguments.length < 2) {
        const r = step(this, next);
        if (r === undefined) throw new TypeError("Reduce of empty iterator with no initial value");
        accumulator = r.value;
        counter = 1;
      } else {
        accumulator = initialValue;
        counter = 0;
      }
      for (let r = step(this, next); r !== undefined; r = step(this, next), counter++) {
        const value = r.value;
        try {
          accumulator = reducer(accumulator, value, counter);
        } catch (e) {
          closeThrow(this, e);
        }
      }
      return accumulator;
    },
    toArray() {
      thisIterator(this, "toArray");
      const next = this.next;
      const items = [];
      for (let r = step(this, next); r !== undefined; r = step(this, next)) items[items.length] = r.value;
      return items;
    },
    forEach(fn) {
      thisIterator(this, "forEach");
      callableOrClose(this, fn, "forEach");
      const next = this.next;
      let counter = 0;
      for (let r = step(this, next); r !== undefined; r = step(this, next), counter++) {
        const value = r.value;
        try {
          fn(value, counter);
        } catch (e) {
          closeThrow(this, e);
        }
      }
      return undefined;
    },
    some(predicate) {
      return search(this, predicate, "some", true) !== NOT_FOUND;
    },
    every(predicate) {
      return search(this, predicate, "every", false) === NOT_FOUND;
    },
    find(predicate) {
      const value = search(this, predicate, "find", true);
      return value === NOT_FOUND ? undefined : value;
    },
    },
  };
});
