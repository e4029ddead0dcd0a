// node:stream/promises (nodejs_compat): pipeline and finished returning promises.
import { promises } from "node:stream";
export const { pipeline, finished } = promises;
export { promises };
export default promises;
