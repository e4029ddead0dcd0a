// node:string_decoder (nodejs_compat): decodes a byte stream in pieces without splitting characters.
import { Buffer } from "node:buffer";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:string_decoder was loaded outside the workersim runtime");
const { nodeError } = node;

// How many bytes a complete unit needs, given the bytes so far (utf8 by its lead byte).
function utf8Need(bytes) {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return size > back ? back : 0; // bytes to hold back
  }
  return 0;
}

export class StringDecoder {
  #pending = Buffer.alloc(0);

  constructor(encoding = "utf8") {
    if (!Buffer.isEncoding(encoding)) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
    const lower = String(encoding).toLowerCase();
    this.encoding = lower === "utf-8" ? "utf8" : lower === "binary" ? "latin1" : ["ucs2", "ucs-2", "utf-16le"].includes(lower) ? "utf16le" : lower;
  }

  write(buf) {
    if (typeof buf === "string") return buf;
    const bytes = Buffer.concat([this.#pending, Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)]);
    let keep = 0;
    if (this.encoding === "utf8") keep = utf8Need(bytes);
    else if (this.encoding === "utf16le") {
      keep = bytes.length % 2;
      // A high surrogate waits for its pair.
      const end = bytes.length - keep;
      if (end >= 2 && (bytes[end - 1] & 0xfc) === 0xd8) keep += 2;
    } else if (this.encoding === "base64" || this.encoding === "base64url") keep = bytes.length % 3;
    this.#pending = Buffer.from(bytes.subarray(bytes.length - keep));
    return bytes.toString(this.encoding, 0, bytes.length - keep);
  }

  end(buf) {
    let out = buf === undefined ? "" : this.write(buf);
    if (this.#pending.length > 0) out += this.#pending.toString(this.encoding);
    this.#pending = Buffer.alloc(0);
    return out;
  }

  get lastNeed() { return this.#pending.length > 0 ? 1 : 0; }
  get lastTotal() { return this.#pending.length; }
}

export default { StringDecoder };
