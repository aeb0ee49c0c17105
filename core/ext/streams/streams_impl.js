// streams_impl.js: the Streams Standard's classes. They come from web-streams-polyfill
// (tools/js; a port of the standard's reference implementation that runs WPT's streams tests),
// embedded as core/lib/web_streams.js and compiled here, at first use.
(function (P) {
  "use strict";
  const lib = P.loadBuiltin("core/lib/web_streams.js");
  const out = { __proto__: null };
  for (const name of [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader",
    "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableByteStreamController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
    "TransformStream", "TransformStreamDefaultController",
    "ByteLengthQueuingStrategy", "CountQueuingStrategy",
  ]) {
    if (typeof lib[name] !== "function") throw new Error(`streams: the bundled library lacks ${name}`);
    out[name] = lib[name];
  }
  // The standard dropped WritableStreamDefaultController's abortReason for its signal (its
  // reason is signal.reason); the library still defines it, node, deno and bun do not.
  delete out.WritableStreamDefaultController.prototype.abortReason;
  // The async iterator's prototype extends %AsyncIteratorPrototype% (WebIDL); the library's
  // has Object.prototype above it, so it lacks [Symbol.asyncIterator] of its own lineage.
  const AsyncIteratorPrototype =
    Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const iteratorPrototype = Object.getPrototypeOf(out.ReadableStream.prototype.values.call(
    new out.ReadableStream(), { preventCancel: true }));
  if (Object.getPrototypeOf(iteratorPrototype) !== AsyncIteratorPrototype) {
    Object.setPrototypeOf(iteratorPrototype, AsyncIteratorPrototype);
    // The library defined its own [Symbol.asyncIterator] (return this) on the prototype; the
    // inherited one is the same function WebIDL specifies.
    if (Object.prototype.hasOwnProperty.call(iteratorPrototype, Symbol.asyncIterator)) {
      delete iteratorPrototype[Symbol.asyncIterator];
    }
  }
  return out;
});
