// node:_stream_writable (nodejs_compat): Node's old module name for stream.Writable, the same class.
import { Writable } from "node:stream";
export { Writable };
export default Writable;
export const { fromWeb, toWeb } = Writable;
export const WritableState = Object.getPrototypeOf(new Writable()._writableState).constructor;
