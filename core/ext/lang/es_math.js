// es_math.js: Math.f16round (ES2025), exact (rounded once, to nearest, ties to even), and
// Math.sumPrecise (ES2026): a stub, its body in es_math_impl.js, loaded at the first call.
(function (P) {
  "use strict";
  P.lang.saved.math = {
    Float64Array,
    Uint32Array,
    BigUint64Array,
    BigInt,
    Number,
    iteratorSymbol: Symbol.iterator,
    call: Function.prototype.call,
    isArray: Array.isArray,
    arrayValues: Array.prototype[Symbol.iterator],
    arrayIteratorNext: Object.getPrototypeOf([][Symbol.iterator]()).next,
  };
  P.lang.installLazy(Math, "core/ext/lang/es_math_impl.js", "math", { sumPrecise: 1 });

  // Math.f16round is small and cheap: here, not behind a stub.
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer); // little-endian: [low word, high word]
  const TWO52 = 2 ** 52;
  // Round a non-negative double below 2^52 to an integer, ties to even (the FPU's mode).
  const roundEven = (x) => x + TWO52 - TWO52;
  // The spacing of halves (11 significant bits) for each binary exponent -14..15: a table,
  // as 2 ** e costs a pow call (five times the rest).
  const quanta = [];
  for (let e = -14; e <= 15; e++) quanta.push(2 ** (e - 10));

  P.lang.install(Math, {
    // The method is the implementation itself: a call less per use.
    f16round(x) {
      const n = +x;
      if (n !== n || n === 0 || n === Infinity || n === -Infinity) return n;
      const a = n < 0 ? -n : n;
      let r;
      if (a >= 65520) r = Infinity; // halfway from 65504, the largest half, rounds up
      else if (a < 2 ** -14) r = roundEven(a * 2 ** 24) * 2 ** -24; // subnormal halves
      else {
        f64[0] = a;
        const quantum = quanta[(u32[1] >>> 20) - 1009]; // a is normal: by its exponent
        r = roundEven(a / quantum) * quantum;
      }
      return n < 0 ? -r : r;
    },
  });
});
