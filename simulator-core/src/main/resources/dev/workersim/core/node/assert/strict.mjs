// node:assert/strict (nodejs_compat): node:assert where equal means strictEqual.
import { strict } from "node:assert";
export const { ok, fail, ifError, match, doesNotMatch, throws, rejects, doesNotThrow, doesNotReject, AssertionError,
  strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, equal, notEqual, deepEqual, notDeepEqual,
  partialDeepStrictEqual, Assert } = strict;
export { strict };
export default strict;
