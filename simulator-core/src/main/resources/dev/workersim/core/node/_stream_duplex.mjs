// node:_stream_duplex (nodejs_compat): Node's old module name for stream.Duplex, the same class.
import { Duplex } from "node:stream";
export { Duplex };
export default Duplex;
export const { from, fromWeb, toWeb } = Duplex;
