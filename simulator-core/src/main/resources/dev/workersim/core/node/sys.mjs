// node:sys (nodejs_compat): Node's old name for node:util, the same module.
import util from "node:util";
export * from "node:util";
export default util;
