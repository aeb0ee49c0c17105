// es_math.js: Math.f16round (ES2025) and Math.sumPrecise (ES2026): stubs here, in the
// snapshot; their bodies in es_math_impl.js, loaded at the first call.
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
  };
  P.lang.installLazy(Math, "core/ext/lang/es_math_impl.js", "math", { f16round: 1, sumPrecise: 1 });
});
