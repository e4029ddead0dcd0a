// node:_stream_transform (nodejs_compat): Node's old module name for stream.Transform, the same class.
import { Transform } from "node:stream";
export { Transform };
export default Transform;
