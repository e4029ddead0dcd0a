// web/compression/compression.js: CompressionStream and DecompressionStream (Compression Streams standard) for
// gzip, deflate and deflate-raw. The bytes are (de)compressed in Java (ops.compression, java.util.zip);
// here each is a TransformStream subclass (as in workerd) that hands chunks over as they arrive.
// imports: runtime/internal, web/encoding/encoding, web/streams/streams, web/encoding/encoding-streams
(function (ops, $, imports) {
  "use strict";
  const { fromHost, utf8, bufferSourceBytes, TransformStream, idl, expose } = imports;
  const FORMATS = ["gzip", "deflate", "deflate-raw"];

  function transformer(what, format, compress) {
    format = String(format);
    if (!FORMATS.includes(format)) {
      throw new TypeError(`Failed to construct '${what}': The provided value '${format}' is not a valid enum value of type CompressionFormat.`);
    }
    const codec = ops.compression.open(format, compress);
    // Output crosses as a host buffer; copy it into a JS-owned Uint8Array before user code sees it.
    const emit = (controller, out) => {
      const err = codec.error();
      if (err !== null && err !== undefined) throw new TypeError(err);
      if (out !== null && out !== undefined) controller.enqueue(fromHost(out));
    };
    return {
      transform(chunk, controller) {
        // workerd takes a string chunk too, as its UTF-8 bytes.
        const bytes = typeof chunk === "string" ? utf8.encode(chunk) : bufferSourceBytes(chunk);
        if (bytes.byteLength === 0) return;
        emit(controller, codec.push(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      flush(controller) { emit(controller, codec.finish()); },
      cancel() { codec.close(); },
    };
  }

  class CompressionStream extends TransformStream {
    constructor(format) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'CompressionStream': 1 argument required, but only 0 present.");
      super(transformer("CompressionStream", format, true));
    }
  }

  class DecompressionStream extends TransformStream {
    constructor(format) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'DecompressionStream': 1 argument required, but only 0 present.");
      super(transformer("DecompressionStream", format, false));
    }
  }

  for (const cls of [CompressionStream, DecompressionStream]) {
    idl(cls);
    expose(cls.name, cls);
  }

  return { CompressionStream, DecompressionStream };
})
