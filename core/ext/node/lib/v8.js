// node:v8 (Node 20's): heap statistics, heap snapshots, V8 flags and Node's serialization
// (Serializer/Deserializer over V8's ValueSerializer, DefaultSerializer's wire format for
// ArrayBufferViews), on the functions of core/ext/node/v8.c (nodeBinding("v8"), made when
// this file loads). Not here: promiseHooks, queryObjects, GCProfiler (they throw
// ERR_METHOD_NOT_IMPLEMENTED); takeCoverage/stopCoverage and setHeapSnapshotNearHeapLimit
// do nothing (node's do nothing without NODE_V8_COVERAGE / write snapshots near the limit).
(function (P) {
  "use strict";
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const B = P.ops.nodeBinding("v8");
  const { Buffer } = P.nodeRequire("buffer");

  const f64 = new Float64Array(14);
  function getHeapStatistics() {
    B.heapStatistics(f64);
    return {
      total_heap_size: f64[0],
      total_heap_size_executable: f64[1],
      total_physical_size: f64[2],
      total_available_size: f64[3],
      used_heap_size: f64[4],
      heap_size_limit: f64[5],
      malloced_memory: f64[6],
      peak_malloced_memory: f64[7],
      does_zap_garbage: f64[8],
      number_of_native_contexts: f64[9],
      number_of_detached_contexts: f64[10],
      total_global_handles_size: f64[11],
      used_global_handles_size: f64[12],
      external_memory: f64[13],
    };
  }

  function getHeapSpaceStatistics() {
    const out = [];
    const n = B.heapSpaceCount();
    for (let i = 0; i < n; i++) {
      const space_name = B.heapSpace(i, f64);
      if (space_name === undefined) continue;
      out.push({
        space_name,
        space_size: f64[0],
        space_used_size: f64[1],
        space_available_size: f64[2],
        physical_space_size: f64[3],
      });
    }
    return out;
  }

  function getHeapCodeStatistics() {
    B.heapCodeStatistics(f64);
    return {
      code_and_metadata_size: f64[0],
      bytecode_and_metadata_size: f64[1],
      external_script_source_size: f64[2],
      cpu_profiler_metadata_size: f64[3],
    };
  }

  function cachedDataVersionTag() {
    return B.cachedDataVersionTag();
  }

  function setFlagsFromString(flags) {
    E.validateString(flags, "flags");
    B.setFlags(flags);
  }

  // Heap snapshots: node's default name, written through node:fs (so --allow-write rules
  // apply; the file is opened before the snapshot is taken, so a refusal costs nothing).
  let seq = 0;
  function defaultName() {
    const d = new Date();
    const p = (n, w = 2) => String(n).padStart(w, "0");
    return `Heap.${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}.` +
      `${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.${P.nodeRequire("process").pid}` +
      `.0.${p(++seq, 3)}.heapsnapshot`;
  }
  function writeHeapSnapshot(filename, options) {
    if (options !== undefined) E.validateObject(options, "options");
    const fs = P.nodeRequire("fs");
    if (filename === undefined) filename = defaultName();
    const fd = fs.openSync(filename, "w");
    try {
      const bytes = B.heapSnapshot();
      for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      fs.closeSync(fd);
    }
    return filename;
  }
  function getHeapSnapshot(options) {
    if (options !== undefined) E.validateObject(options, "options");
    const { Readable } = P.nodeRequire("stream");
    let bytes = B.heapSnapshot();
    let off = 0;
    return new Readable({
      read() {
        if (bytes === null) return;
        if (off >= bytes.length) {
          bytes = null;
          this.push(null);
          return;
        }
        const n = Math.min(65536, bytes.length - off);
        this.push(Buffer.from(bytes.buffer, bytes.byteOffset + off, n));
        off += n;
      },
    });
  }

  // ---------------------------------------------------------------- serialization
  // The ops of shim.h's SHIM_SER_* / SHIM_DES_* (their order).
  const [WRITE_HEADER, WRITE_VALUE, RELEASE, SER_TRANSFER, SER_U32, SER_U64, SER_DOUBLE, SER_RAW,
    TREAT_VIEWS, READ_HEADER, READ_VALUE, DES_TRANSFER, VERSION, DES_U32, DES_U64, DES_DOUBLE,
    DES_RAW] = Array.from({ length: 17 }, (_, i) => i);

  const registry = new FinalizationRegistry((h) => B.serdesFree(h));

  function illegal() {
    return new TypeError("Illegal invocation");
  }

  class Serializer {
    #h;
    constructor() {
      this.#h = B.serializerNew();
      registry.register(this, this.#h);
    }
    static #op(self, op, a, b) {
      if (!(#h in self)) throw illegal();
      return B.serdes(self.#h, op, self, a, b);
    }
    writeHeader() { Serializer.#op(this, WRITE_HEADER); }
    writeValue(value) { return Serializer.#op(this, WRITE_VALUE, value); }
    releaseBuffer() {
      const u8 = Serializer.#op(this, RELEASE);
      return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
    }
    transferArrayBuffer(id, arrayBuffer) { Serializer.#op(this, SER_TRANSFER, id, arrayBuffer); }
    writeUint32(value) { Serializer.#op(this, SER_U32, value); }
    writeUint64(hi, lo) { Serializer.#op(this, SER_U64, hi, lo); }
    writeDouble(value) { Serializer.#op(this, SER_DOUBLE, value); }
    writeRawBytes(source) {
      if (!ArrayBuffer.isView(source)) {
        throw E.nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "source must be a TypedArray or a DataView");
      }
      Serializer.#op(this, SER_RAW, source);
    }
    _setTreatArrayBufferViewsAsHostObjects(value) { Serializer.#op(this, TREAT_VIEWS, value); }
  }
  Serializer.prototype._getDataCloneError = Error;

  class Deserializer {
    #h;
    constructor(buffer) {
      if (!ArrayBuffer.isView(buffer)) {
        throw E.nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "buffer must be a TypedArray or a DataView");
      }
      this.#h = B.deserializerNew(buffer);
      registry.register(this, this.#h);
      Object.defineProperty(this, "buffer", { value: buffer, writable: true, enumerable: true, configurable: true });
    }
    static #op(self, op, a, b) {
      if (!(#h in self)) throw illegal();
      return B.serdes(self.#h, op, self, a, b);
    }
    readHeader() { return Deserializer.#op(this, READ_HEADER); }
    // V8 10.2 runs no JS while it deserializes: DefaultDeserializer's host objects (Node's
    // views) are read natively (shim/v8_serdes.cc); an _readHostObject of a program's own
    // cannot run, and a host object then fails to read.
    readValue() {
      const read = this._readHostObject;
      const mode = read === undefined ? 0 : read === defaultReadHostObject ? 1 : 2;
      return Deserializer.#op(this, READ_VALUE, mode, Buffer.prototype);
    }
    transferArrayBuffer(id, arrayBuffer) { Deserializer.#op(this, DES_TRANSFER, id, arrayBuffer); }
    getWireFormatVersion() { return Deserializer.#op(this, VERSION); }
    readUint32() { return Deserializer.#op(this, DES_U32); }
    readUint64() { return Deserializer.#op(this, DES_U64); }
    readDouble() { return Deserializer.#op(this, DES_DOUBLE); }
    _readRawBytes(length) { return Deserializer.#op(this, DES_RAW, length); }
    readRawBytes(length) {
      const offset = this._readRawBytes(length);
      return Buffer.from(this.buffer.buffer, this.buffer.byteOffset + offset, length);
    }
  }

  // Node's DefaultSerializer wire format for ArrayBufferViews (host objects): uint32 type
  // index, uint32 byte length, the bytes. 10 is Buffer.
  const viewTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
    Int32Array, Uint32Array, Float32Array, Float64Array, DataView, Buffer, BigInt64Array,
    BigUint64Array];
  const tagIndex = {
    __proto__: null, "[object Int8Array]": 0, "[object Uint8Array]": 1,
    "[object Uint8ClampedArray]": 2, "[object Int16Array]": 3, "[object Uint16Array]": 4,
    "[object Int32Array]": 5, "[object Uint32Array]": 6, "[object Float32Array]": 7,
    "[object Float64Array]": 8, "[object DataView]": 9, "[object BigInt64Array]": 11,
    "[object BigUint64Array]": 12,
  };
  const toStringTag = Object.prototype.toString;

  class DefaultSerializer extends Serializer {
    constructor() {
      super();
      this._setTreatArrayBufferViewsAsHostObjects(true);
    }
    _writeHostObject(view) {
      let i = 10;
      if (view.constructor !== Buffer) {
        i = tagIndex[toStringTag.call(view)];
        if (i === undefined) {
          throw new this._getDataCloneError(`Unserializable host object: ${P.inspect(view)}`);
        }
      }
      this.writeUint32(i);
      this.writeUint32(view.byteLength);
      this.writeRawBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    }
  }

  // Reads what DefaultSerializer wrote. Its _readHostObject stands for the format, which
  // the native side reads (see readValue); called from JS it reads one view the same way.
  class DefaultDeserializer extends Deserializer {
    _readHostObject() {
      const index = this.readUint32();
      const ctor = viewTypes[index];
      const byteLength = this.readUint32();
      const offset = this._readRawBytes(byteLength);
      if (ctor === undefined) {
        throw new Error("Unable to deserialize cloned data: unknown ArrayBufferView type.");
      }
      const size = ctor.BYTES_PER_ELEMENT || 1;
      const copy = new Uint8Array(byteLength);
      copy.set(new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + offset, byteLength));
      if (ctor === Buffer) return Buffer.from(copy.buffer, 0, byteLength);
      return new ctor(copy.buffer, 0, Math.floor(byteLength / size));
    }
  }
  const defaultReadHostObject = DefaultDeserializer.prototype._readHostObject;

  function serialize(value) {
    const ser = new DefaultSerializer();
    ser.writeHeader();
    ser.writeValue(value);
    return ser.releaseBuffer();
  }

  function deserialize(buffer) {
    const des = new DefaultDeserializer(buffer);
    des.readHeader();
    return des.readValue();
  }

  // ------------------------------------------------------------- not implemented
  function notImplemented(what) {
    return function () {
      throw E.nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${what} method is not implemented`);
    };
  }
  const promiseHooks = {
    onInit: notImplemented("promiseHooks.onInit()"),
    onSettled: notImplemented("promiseHooks.onSettled()"),
    onBefore: notImplemented("promiseHooks.onBefore()"),
    onAfter: notImplemented("promiseHooks.onAfter()"),
    createHook: notImplemented("promiseHooks.createHook()"),
  };
  function notBuilding() {
    throw E.nodeError(Error, "ERR_NOT_BUILDING_SNAPSHOT",
      "Operation cannot be invoked when not building startup snapshot");
  }
  // mrt never builds a Node startup snapshot: as node's outside `--build-snapshot`.
  const startupSnapshot = {
    addSerializeCallback: notBuilding,
    addDeserializeCallback: notBuilding,
    setDeserializeMainFunction: notBuilding,
    isBuildingSnapshot: () => false,
  };
  class GCProfiler {
    start() { notImplemented("GCProfiler.start()")(); }
    stop() {}
  }
  function setHeapSnapshotNearHeapLimit(limit) {
    E.validateInteger(limit, "limit", 1, 0xffffffff);
  }

  return {
    cachedDataVersionTag,
    getHeapSnapshot,
    getHeapStatistics,
    getHeapSpaceStatistics,
    getHeapCodeStatistics,
    setFlagsFromString,
    Serializer,
    Deserializer,
    DefaultSerializer,
    DefaultDeserializer,
    deserialize,
    takeCoverage() {},
    stopCoverage() {},
    serialize,
    writeHeapSnapshot,
    promiseHooks,
    queryObjects: notImplemented("queryObjects()"),
    startupSnapshot,
    setHeapSnapshotNearHeapLimit,
    GCProfiler,
  };
});
