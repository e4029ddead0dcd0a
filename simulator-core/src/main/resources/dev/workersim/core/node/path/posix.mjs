// node:path/posix (nodejs_compat): the same functions as node:path.
import path from "node:path";
export * from "node:path";
export default path;
