// node:_stream_passthrough (nodejs_compat): Node's old module name for stream.PassThrough, the same class.
import { PassThrough } from "node:stream";
export { PassThrough };
export default PassThrough;
