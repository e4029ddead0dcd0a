// web/encoding/encoding-streams.js: TextEncoderStream and TextDecoderStream (Encoding Standard). As in workerd
// they are TransformStream subclasses (readable/writable inherited) around web/encoding/encoding.js's coders.
// imports: runtime/internal, web/encoding/encoding, web/encoding/text-decoder, web/streams/streams
(function (ops, $, imports) {
  "use strict";
  const { idl, TransformStream, utf8, TextDecoder, expose } = imports;

  // Web IDL shape: prototype members enumerable, a toStringTag.
  function idlClass(cls) {
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      if (key === "constructor") continue;
      const desc = Object.getOwnPropertyDescriptor(cls.prototype, key);
      desc.enumerable = true;
      Object.defineProperty(cls.prototype, key, desc);
    }
    idl(cls);
  }

  function bufferSource(chunk) {
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw new TypeError("This TransformStream is being used as a byte stream, but received a value that is not a BufferSource.");
  }

  class TextEncoderStream extends TransformStream {
    constructor() {
      const encoder = utf8;
      // A high surrogate at the end of a chunk waits for the low half at the start of the next one.
      let pending = "";
      super({
        transform(chunk, controller) {
          let s = pending + String(chunk);
          pending = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) { pending = s.slice(-1); s = s.slice(0, -1); }
          if (s.length > 0) controller.enqueue(encoder.encode(s));
        },
        flush(controller) {
          if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd])); // the lone surrogate as U+FFFD
        },
      });
    }

    get encoding() { return "utf-8"; }
  }

  class TextDecoderStream extends TransformStream {
    #decoder;

    constructor(label = "utf-8", options = undefined) {
      const decoder = new TextDecoder(label, options);
      super({
        transform(chunk, controller) {
          const s = decoder.decode(bufferSource(chunk), { stream: true });
          if (s.length > 0) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s.length > 0) controller.enqueue(s);
        },
      });
      this.#decoder = decoder;
    }

    get encoding() { return this.#decoder.encoding; }
    get fatal() { return this.#decoder.fatal; }
    get ignoreBOM() { return this.#decoder.ignoreBOM; }
  }

  idlClass(TextEncoderStream);
  idlClass(TextDecoderStream);
  const bufferSourceBytes = bufferSource;
  expose("TextEncoderStream", TextEncoderStream);
  expose("TextDecoderStream", TextDecoderStream);

  return { bufferSourceBytes };
})
