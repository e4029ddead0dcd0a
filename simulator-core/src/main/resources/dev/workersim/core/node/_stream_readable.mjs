// node:_stream_readable (nodejs_compat): Node's old module name for stream.Readable, the same class.
import { Readable } from "node:stream";
export { Readable };
export default Readable;
export const { from, fromWeb, toWeb } = Readable;
export const ReadableState = Object.getPrototypeOf(new Readable()._readableState).constructor;
// A Readable over an old-style stream (one that only emits 'data' and 'end').
export function wrap(stream, options) {
  const readable = new Readable({ objectMode: true, ...options, read() { stream.resume?.(); } });
  stream.on("data", (chunk) => { if (!readable.push(chunk)) stream.pause?.(); });
  stream.on("end", () => readable.push(null));
  stream.on("error", (err) => readable.destroy(err));
  return readable;
}
