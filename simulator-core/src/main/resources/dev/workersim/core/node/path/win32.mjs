// node:path/win32 (nodejs_compat): workerd serves its POSIX functions under this name too.
import path from "node:path";
export * from "node:path";
export default path;
