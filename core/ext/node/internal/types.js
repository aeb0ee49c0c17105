// types.js: util.types (node:util/types): brand checks that look at what an object is (its
// internal slots, through intrinsic methods that throw otherwise), not at what it claims to
// be (Symbol.toStringTag, its prototype). Promises and proxies are asked of V8 (the console's
// ops). Loaded with P.loadBuiltin("core/ext/node/internal/types.js").
(function (P) {
  "use strict";
  const ops = P.ops;
  const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
  const getter = (proto, name) => uncurry(Object.getOwnPropertyDescriptor(proto, name).get);
  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const taTag = getter(TypedArrayProto, Symbol.toStringTag);
  const mapSize = getter(Map.prototype, "size");
  const setSize = getter(Set.prototype, "size");
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const SAB = globalThis.SharedArrayBuffer;
  const sabByteLength = typeof SAB === "function" ? getter(SAB.prototype, "byteLength") : null;
  const dvByteLength = getter(DataView.prototype, "byteLength");
  const reGlobal = getter(RegExp.prototype, "global");
  const dateGetTime = uncurry(Date.prototype.getTime);
  const wmHas = uncurry(WeakMap.prototype.has);
  const wsHas = uncurry(WeakSet.prototype.has);
  const objToString = uncurry(Object.prototype.toString);
  const MapIterProto = Object.getPrototypeOf(new Map().entries());
  const SetIterProto = Object.getPrototypeOf(new Set().values());
  const AsyncFunctionProto = Object.getPrototypeOf(async function () {});
  const GeneratorFunctionProto = Object.getPrototypeOf(function* () {});
  const AsyncGeneratorFunctionProto = Object.getPrototypeOf(async function* () {});
  const GeneratorProto = Object.getPrototypeOf(GeneratorFunctionProto.prototype);
  const fnToString = uncurry(Function.prototype.toString);

  function throws(check) {
    return (v) => {
      if (v === null || typeof v !== "object") return false;
      try {
        check(v);
        return true;
      } catch {
        return false;
      }
    };
  }
  const isObj = (v) => v !== null && (typeof v === "object" || typeof v === "function");

  const isMap = throws(mapSize);
  const isSet = throws(setSize);
  const isWeakMap = throws((v) => wmHas(v, {}));
  const isWeakSet = throws((v) => wsHas(v, {}));
  const isDate = throws(dateGetTime);
  const isArrayBuffer = throws(abByteLength);
  const isSharedArrayBuffer = sabByteLength ? throws(sabByteLength) : () => false;
  const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
  const isDataView = (v) => ArrayBuffer.isView(v) && taTag(v) === undefined && throws(dvByteLength)(v);
  function isRegExp(v) {
    if (v === null || typeof v !== "object") return false;
    try {
      return reGlobal(v) !== undefined;
    } catch {
      return false;
    }
  }
  const isTypedArray = (v) => ArrayBuffer.isView(v) && taTag(v) !== undefined;
  const tagIs = (tag) => (v) => ArrayBuffer.isView(v) && taTag(v) === tag;
  const isPromise = (v) => isObj(v) && ops.promiseState(v) !== undefined;
  const isProxy = (v) => isObj(v) && ops.proxyDetails(v) !== undefined;
  // V8's IsNativeError is an internal slot: Object.prototype.toString shows it as the tag
  // "Error" unless a Symbol.toStringTag overrides the tag (then it is not knowable here).
  function isNativeError(v) {
    if (v === null || typeof v !== "object") return false;
    try {
      if (typeof v[Symbol.toStringTag] === "string") return false;
    } catch {
      return false;
    }
    return objToString(v) === "[object Error]";
  }
  function boxed(valueOf) {
    const proto = valueOf;
    return throws((v) => proto(v));
  }
  const isNumberObject = boxed(uncurry(Number.prototype.valueOf));
  const isStringObject = boxed(uncurry(String.prototype.valueOf));
  const isBooleanObject = boxed(uncurry(Boolean.prototype.valueOf));
  const isBigIntObject = boxed(uncurry(BigInt.prototype.valueOf));
  const isSymbolObject = boxed(uncurry(Symbol.prototype.valueOf));
  const isBoxedPrimitive = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
    isBigIntObject(v) || isSymbolObject(v);
  function protoKind(v, proto) {
    for (let o = v; o !== null; o = Object.getPrototypeOf(o)) if (o === proto) return true;
    return false;
  }
  // Functions: by their source's head, which a prototype change cannot fake.
  function fnHead(v) {
    if (typeof v !== "function") return "";
    try {
      return fnToString(v).slice(0, 64);
    } catch {
      return "";
    }
  }
  const isAsyncFunction = (v) => typeof v === "function" &&
    (/^async\b/.test(fnHead(v)) || Object.getPrototypeOf(v) === AsyncFunctionProto ||
      Object.getPrototypeOf(v) === AsyncGeneratorFunctionProto);
  const isGeneratorFunction = (v) => typeof v === "function" &&
    (/^(async\s*)?function\s*\*/.test(fnHead(v)) || /^(async\s+)?\*/.test(fnHead(v)) ||
      Object.getPrototypeOf(v) === GeneratorFunctionProto ||
      Object.getPrototypeOf(v) === AsyncGeneratorFunctionProto);
  const isGeneratorObject = (v) => isObj(v) && protoKind(v, GeneratorProto) &&
    objToString(v) === "[object Generator]";
  const isMapIterator = (v) => isObj(v) && protoKind(v, MapIterProto) && objToString(v) === "[object Map Iterator]";
  const isSetIterator = (v) => isObj(v) && protoKind(v, SetIterProto) && objToString(v) === "[object Set Iterator]";
  const isArgumentsObject = (v) => isObj(v) && !Array.isArray(v) && objToString(v) === "[object Arguments]" &&
    !Object.prototype.hasOwnProperty.call(v, Symbol.toStringTag);
  const isModuleNamespaceObject = (v) => isObj(v) && Object.getPrototypeOf(v) === null &&
    v[Symbol.toStringTag] === "Module" && Object.isSealed(v) && !Object.isExtensible(v);
  const isExternal = () => false;
  const isKeyObject = (v) => isObj(v) && typeof v.export === "function" && typeof v.type === "string" &&
    v.constructor && /KeyObject$/.test(v.constructor.name);
  const isCryptoKey = (v) => typeof CryptoKey === "function" && v instanceof CryptoKey;

  return {
    isExternal, isDate, isArgumentsObject, isBigIntObject, isBooleanObject, isNumberObject,
    isStringObject, isSymbolObject, isNativeError, isRegExp, isAsyncFunction,
    isGeneratorFunction, isGeneratorObject, isPromise, isMap, isSet, isMapIterator,
    isSetIterator, isWeakMap, isWeakSet, isArrayBuffer, isDataView, isSharedArrayBuffer,
    isProxy, isModuleNamespaceObject, isAnyArrayBuffer, isBoxedPrimitive,
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isTypedArray,
    isUint8Array: tagIs("Uint8Array"),
    isUint8ClampedArray: tagIs("Uint8ClampedArray"),
    isUint16Array: tagIs("Uint16Array"),
    isUint32Array: tagIs("Uint32Array"),
    isInt8Array: tagIs("Int8Array"),
    isInt16Array: tagIs("Int16Array"),
    isInt32Array: tagIs("Int32Array"),
    isFloat32Array: tagIs("Float32Array"),
    isFloat64Array: tagIs("Float64Array"),
    isBigInt64Array: tagIs("BigInt64Array"),
    isBigUint64Array: tagIs("BigUint64Array"),
    isKeyObject, isCryptoKey,
  };
});
