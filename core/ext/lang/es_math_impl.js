// es_math_impl.js: the bodies of Math.f16round (ES2025) and Math.sumPrecise (ES2026)
// (es_math.js installs their stubs), exact: f16round rounds once, to nearest with ties to
// even; sumPrecise adds exactly (in double partials, or as a BigInt in units of the smallest
// double, 2^-1074, past an overflow) and rounds once.
(function (P) {
  "use strict";
  const { uncurry, isObject } = P.lang;
  const saved = P.lang.saved.math;
  const { Float64Array, Uint32Array, BigUint64Array, BigInt, Number, iteratorSymbol } = saved;
  const callFunction = uncurry(saved.call);
  function closeThrow(iterator, error) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) callFunction(ret, iterator);
    } catch {}
    throw error;
  }
  const f64 = new Float64Array(1);
  // The exact value of a finite double, as a BigInt count of 2^-1074.
  const u64 = new BigUint64Array(f64.buffer);
  function scaled(x) {
    f64[0] = x;
    const bits = u64[0];
    const e = Number((bits >> 52n) & 0x7ffn);
    let m = bits & 0xfffffffffffffn;
    if (e !== 0) m = (m | 0x10000000000000n) << BigInt(e - 1);
    return x < 0 ? -m : m;
  }
  // The double nearest to s * 2^-1074 (ties to even). Number(BigInt) rounds correctly; a
  // large s is first cut to 64 bits with a sticky bit for what was cut, which keeps that
  // rounding right, then scaled by a power of two (exact, or overflowing as it should).
  function toDouble(s) {
    const neg = s < 0n;
    if (neg) s = -s;
    let r;
    if (s < 0x20000000000000n) r = Number(s) * 2 ** -1074; // subnormal or exact
    else {
      const bits = s.toString(16).length * 4;
      if (bits <= 1000) r = Number(s) * 2 ** -1074;
      else {
        const shift = bits - 64;
        const big = BigInt(shift);
        let t = s >> big;
        if ((t << big) !== s) t |= 1n;
        r = Number(t) * 2 ** (shift - 1074);
      }
    }
    return neg ? -r : r;
  }

  // Adds x to the partials (p[0, state.n)) exactly, in place; null, or when a step would
  // overflow, the exact total as a BigInt (scaled) for the caller to go on with. The
  // array is never shrunk (a length store is a slow path): state.n is its used length.
  function addPartial(state, x) {
    const p = state.p;
    const n = state.n;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = p[j];
      if ((x < 0 ? -x : x) < (y < 0 ? -y : y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      if (hi - hi !== 0) {
        // p[0, i) + x + y + p(j, n) is the total.
        let big = scaled(x) + scaled(y);
        for (let k = 0; k < i; k++) big += scaled(p[k]);
        for (let k = j + 1; k < n; k++) big += scaled(p[k]);
        return big;
      }
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (x !== 0) p[i++] = x;
    state.n = i;
    return null;
  }
  // The partials' sum rounded once (math.fsum's last step: the half-way case decided by the
  // sign of what lies below).
  function roundPartials(p, n) {
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  return {
    math: {
    sumPrecise(items) {
      if (items === undefined || items === null) throw new TypeError("Math.sumPrecise called on null or undefined");
      const method = items[iteratorSymbol];
      if (typeof method !== "function") throw new TypeError("Math.sumPrecise: the argument is not iterable");
      const iterator = callFunction(method, items);
      if (!isObject(iterator)) {
        throw new TypeError("Result of the Symbol.iterator method is not an object");
      }
      const next = iterator.next;
      // An Array iterated by the original array iterator: read by index, as that iterator
      // would (its length at each step, then the element), without a result object each.
      const byIndex = saved.isArray(items) && method === saved.arrayValues && next === saved.arrayIteratorNext;
      let index = 0;
      // state: "-0" until a value that is not -0, then finite, +Infinity, -Infinity or NaN
      let minusZero = true;
      let posInf = false;
      let negInf = false;
      let nan = false;
      // The exact sum as non-overlapping doubles of increasing magnitude (Shewchuk's
      // partials, as Python's math.fsum); the BigInt only once a partial overflows.
      const partials = { p: [], n: 0 };
      let big = null;
      let count = 0;
      // An Array of finite Numbers first: its exact sum held as s + c, two doubles, while
      // each addition's rounding error (two-sum) is 0 (always for integers) or adds exactly
      // into c. s starts at -0, so that it stays -0 exactly when every value is -0. At the
      // end the result is s + c: the exact sum rounded once, as the spec's (overflowing to
      // ±Infinity as it does). Any other value (already read: a Get is not repeated) goes
      // on to the loop below, with s and c as its first partials.
      let pending = false;
      let pendingValue;
      if (byIndex) {
        let s = -0;
        let c = 0;
        while (index < items.length) {
          const n = items[index++];
          if (typeof n === "number") {
            const t = s + n;
            if (t - t === 0) {
              const bp = t - s; // an overflow here makes err NaN: the loop below
              const err = s - (t - bp) + (n - bp); // t + err = s + n exactly
              if (err === 0) {
                s = t;
                continue;
              }
              const c2 = c + err;
              const bc = c2 - c;
              if (c - (c2 - bc) + (err - bc) === 0 && c2 - c2 === 0) {
                s = t;
                c = c2;
                continue;
              }
            }
          }
          pending = true;
          pendingValue = n;
          break;
        }
        if (!pending) return c === 0 ? s : s + c;
        count = index - 1;
        if (s !== 0 || 1 / s > 0) minusZero = false;
        if (s !== 0) big = addPartial(partials, s);
        if (c !== 0) big = addPartial(partials, c); // exact: |c| is below s's last bit
      }
      for (;;) {
        let n;
        if (pending) {
          pending = false;
          n = pendingValue;
        } else if (byIndex) {
          if (index >= items.length) break;
          n = items[index++];
        } else {
          const r = callFunction(next, iterator);
          if (!isObject(r)) throw new TypeError("Iterator result is not an object");
          if (r.done) break;
          n = r.value;
        }
        if (++count >= 9007199254740992) {
          closeThrow(iterator, new RangeError("Math.sumPrecise: too many values"));
        }
        if (typeof n !== "number") {
          closeThrow(iterator, new TypeError("Math.sumPrecise: the iterable contains a value that is not a Number"));
        }
        if (nan) continue;
        if (n !== n) nan = true;
        else if (n === Infinity) {
          if (negInf) nan = true;
          else posInf = true;
        } else if (n === -Infinity) {
          if (posInf) nan = true;
          else negInf = true;
        } else if (n !== 0 || 1 / n > 0) {
          minusZero = false;
          if (n !== 0 && !posInf && !negInf) {
            if (big !== null) big += scaled(n);
            else big = addPartial(partials, n);
          }
        }
      }
      if (nan) return NaN;
      if (posInf) return Infinity;
      if (negInf) return -Infinity;
      if (minusZero) return -0;
      if (big === null) {
        const r = roundPartials(partials.p, partials.n);
        if (r - r === 0) return r; // finite: exact; else an overflow the BigInt decides
        big = 0n;
        for (let i = 0; i < partials.n; i++) big += scaled(partials.p[i]);
      }
      return big === 0n ? 0 : toDouble(big);
    },
    },
  };
});
