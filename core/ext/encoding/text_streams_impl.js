// text_streams_impl.js: TextEncoderStream and TextDecoderStream (the Encoding standard), each a
// TransformStream around the TextEncoder/TextDecoder of text_impl.js; compiled at first use
// (text.js registers the globals).
(function (P) {
  "use strict";
  const { TransformStream } = P.streams();
  const { TextEncoder, TextDecoder } = P.textEncoding();

  // The encoder holds a high surrogate that ends a chunk until the next chunk shows whether a
  // low surrogate completes it; one still held at the end is written as U+FFFD.
  const replacement = new Uint8Array([0xef, 0xbf, 0xbd]);
  let isEncoderStream, isDecoderStream;

  class TextEncoderStream {
    #transform;

    constructor() {
      const encoder = new TextEncoder();
      let pending = "";
      this.#transform = new TransformStream({
        transform(chunk, controller) {
          let s = pending + `${chunk}`;
          pending = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = s[s.length - 1];
            s = s.slice(0, -1);
          }
          if (s.length !== 0) controller.enqueue(encoder.encode(s));
        },
        flush(controller) {
          if (pending !== "") controller.enqueue(replacement.slice());
        },
      });
    }

    get encoding() { return check(this, "encoding") && "utf-8"; }
    get readable() { return check(this, "readable").#transform.readable; }
    get writable() { return check(this, "writable").#transform.writable; }

    static {
      isEncoderStream = (v) => typeof v === "object" && v !== null && #transform in v;
    }
  }
  function check(self, what) {
    if (!isEncoderStream(self)) {
      throw new TypeError(`'${what}' called on an object that is not a TextEncoderStream`);
    }
    return self;
  }

  class TextDecoderStream {
    #decoder;
    #transform;

    constructor(label = "utf-8", options = undefined) {
      const decoder = new TextDecoder(label, options);
      this.#decoder = decoder;
      const stream = { stream: true };
      this.#transform = new TransformStream({
        transform(chunk, controller) {
          // decode() takes undefined as "no input"; a chunk must be a BufferSource.
          if (chunk === undefined) {
            throw new TypeError("TextDecoderStream: a chunk must be an ArrayBuffer or a view of one");
          }
          const s = decoder.decode(chunk, stream);
          if (s.length !== 0) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s.length !== 0) controller.enqueue(s);
        },
      });
    }

    get encoding() { return own(this, "encoding").#decoder.encoding; }
    get fatal() { return own(this, "fatal").#decoder.fatal; }
    get ignoreBOM() { return own(this, "ignoreBOM").#decoder.ignoreBOM; }
    get readable() { return own(this, "readable").#transform.readable; }
    get writable() { return own(this, "writable").#transform.writable; }

    static {
      isDecoderStream = (v) => typeof v === "object" && v !== null && #decoder in v;
    }
  }
  function own(self, what) {
    if (!isDecoderStream(self)) {
      throw new TypeError(`'${what}' called on an object that is not a TextDecoderStream`);
    }
    return self;
  }

  P.webidlClass(TextEncoderStream, "TextEncoderStream");
  P.webidlClass(TextDecoderStream, "TextDecoderStream");
  return { TextEncoderStream, TextDecoderStream };
});
