// node:assert (nodejs_compat): the assertion functions and AssertionError, with workerd's messages
// for the common failures (recorded from wrangler dev: "false == true", the strict-equal diff).
import { inspect } from "node:util";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:assert was loaded outside the workersim runtime");
const { invalidArgType } = node;
const compareDeep = (a, b, strict) => node.internals.deepEqual(a, b, strict);

export class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
    const { message, actual, expected, operator } = options;
    super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
    this.generatedMessage = message === undefined;
    this.code = "ERR_ASSERTION";
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
  }
  get name() { return "AssertionError"; }
}

const show = (v) => inspect(v, { depth: 1000, compact: false, sorted: true, customInspect: false });

function defaultMessage(actual, expected, operator) {
  switch (operator) {
    case "strictEqual":
      return `Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   ${inspect(actual)}\n+   ${inspect(expected)}\n`;
    case "deepStrictEqual": return diffMessage("Expected values to be strictly deep-equal:", actual, expected);
    case "deepEqual": return diffMessage("Expected values to be loosely deep-equal:", actual, expected);
    case "notStrictEqual": return `Expected "actual" to be strictly unequal to: ${inspect(actual)}`;
    case "notDeepStrictEqual": return `Expected "actual" not to be strictly deep-equal to: ${inspect(actual)}`;
    case "notDeepEqual": return `Expected "actual" not to be loosely deep-equal to: ${inspect(actual)}`;
    case "fail": return "Failed";
    case "partialDeepStrictEqual": return "Expected actual to be partially deeply strictly equal to expected";
    default: return `${inspect(actual)} ${operator} ${inspect(expected)}`;
  }
}

// One line each: the two values and a caret under the first difference. Longer: line by line.
function diffMessage(header, actual, expected) {
  const a = inspect(actual);
  const e = inspect(expected);
  if (!a.includes("\n") && !e.includes("\n")) {
    let i = 0;
    while (i < a.length && a[i] === e[i]) i++;
    return `${header}\n+ actual - expected\n\n+ ${a}\n- ${e}\n${" ".repeat(i + 2)}^`;
  }
  const al = show(actual).split("\n");
  const el = show(expected).split("\n");
  const lines = [];
  for (let i = 0; i < Math.max(al.length, el.length); i++) {
    if (al[i] === el[i]) lines.push(`  ${al[i]}`);
    else {
      if (al[i] !== undefined) lines.push(`+ ${al[i]}`);
      if (el[i] !== undefined) lines.push(`- ${el[i]}`);
    }
  }
  return `${header}\n+ actual - expected\n\n${lines.join("\n")}`;
}

function fail_(actual, expected, message, operator, stackStartFn) {
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, message, operator, stackStartFn });
  throw err;
}

export function ok(value, message) {
  if (arguments.length === 0) fail_(undefined, true, "No value argument passed to `assert.ok()`", "==");
  if (!value) fail_(value, true, message, "==");
}
export function equal(actual, expected, message) {
  if (!(actual == expected || (actual !== actual && expected !== expected))) fail_(actual, expected, message, "=="); // eslint-disable-line eqeqeq
}
export function notEqual(actual, expected, message) {
  if (actual == expected || (actual !== actual && expected !== expected)) fail_(actual, expected, message, "!="); // eslint-disable-line eqeqeq
}
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) fail_(actual, expected, message, "strictEqual");
}
export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail_(actual, expected, message, "notStrictEqual");
}
export function deepStrictEqual(actual, expected, message) {
  if (!compareDeep(actual, expected, true)) fail_(actual, expected, message, "deepStrictEqual");
}
export function notDeepStrictEqual(actual, expected, message) {
  if (compareDeep(actual, expected, true)) fail_(actual, expected, message, "notDeepStrictEqual");
}
export function deepEqual(actual, expected, message) {
  if (!compareDeep(actual, expected, false)) fail_(actual, expected, message, "deepEqual");
}
export function notDeepEqual(actual, expected, message) {
  if (compareDeep(actual, expected, false)) fail_(actual, expected, message, "notDeepEqual");
}
// Whether `actual` holds everything `expected` has: its own keys (deeply, the same way), each array
// item of `expected` matched by a distinct item of `actual`, any other value strictly deep-equal.
function partiallyEqual(actual, expected) {
  if (expected === null || typeof expected !== "object" || actual === null || typeof actual !== "object") {
    return compareDeep(actual, expected, true);
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  if (Array.isArray(expected)) {
    const left = [...actual];
    return expected.every((item) => {
      const i = left.findIndex((candidate) => partiallyEqual(candidate, item));
      return i >= 0 && left.splice(i, 1);
    });
  }
  if (expected instanceof Map) {
    return [...expected].every(([k, v]) => actual.has(k) && partiallyEqual(actual.get(k), v));
  }
  if (expected instanceof Set) return [...expected].every((v) => [...actual].some((a) => partiallyEqual(a, v)));
  if (expected instanceof Date || expected instanceof RegExp || ArrayBuffer.isView(expected)) return compareDeep(actual, expected, true);
  return Reflect.ownKeys(expected).every((k) => Object.prototype.propertyIsEnumerable.call(expected, k)
    ? Object.prototype.hasOwnProperty.call(actual, k) && partiallyEqual(actual[k], expected[k]) : true);
}
export function partialDeepStrictEqual(actual, expected, message) {
  if (!partiallyEqual(actual, expected)) fail_(actual, expected, message, "partialDeepStrictEqual");
}
export function fail(message) {
  if (message instanceof Error) throw message;
  fail_(undefined, undefined, message === undefined ? "Failed" : message, "fail");
}
export function ifError(value) {
  if (value !== null && value !== undefined) {
    const err = new AssertionError({ actual: value, expected: null, operator: "ifError",
      message: `ifError got unwanted exception: ${value?.message ?? inspect(value)}` });
    throw err;
  }
}
export function match(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
  if (typeof string !== "string" || !regexp.test(string)) {
    fail_(string, regexp, message ?? (typeof string !== "string"
      ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
      : `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`), "match");
  }
}
export function doesNotMatch(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
  if (typeof string === "string" && regexp.test(string)) {
    fail_(string, regexp, message ?? `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`, "doesNotMatch");
  }
}

// Does the thrown error satisfy `expected` (a class, RegExp, validation function or object)?
function checkExpected(actual, expected, message, fnName) {
  if (expected === undefined) return;
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) throw actual;
    if (expected.call({}, actual) === true) return;
    fail_(actual, expected, message ?? `The ${fnName === "rejects" ? "\"promiseFn\"" : "\"fn\""} validation function is expected to return "true". Received false`, fnName);
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(actual))) return;
    fail_(actual, expected, message ?? `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`, fnName);
  }
  if (typeof expected === "object" && expected !== null) {
    for (const key of Object.keys(expected)) {
      const want = expected[key];
      const got = actual?.[key];
      const same = want instanceof RegExp && typeof got === "string" ? want.test(got) : compareDeep(got, want, true);
      if (!same) fail_(actual, expected, message ?? diffMessage("Expected values to be strictly deep-equal:", got, want), fnName);
    }
  }
}

function missing(expected, message, what) {
  let details = "";
  if (typeof expected === "function" && expected.name) details = ` (${expected.name})`;
  if (typeof expected === "string") { message = expected; expected = undefined; }
  fail_(undefined, expected, `Missing expected ${what}${details}.${message ? ` ${message}` : ""}`, what === "exception" ? "throws" : "rejects");
}

export function throws(fn, expected, message) {
  if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
  if (typeof expected === "string") { message = expected; expected = undefined; }
  try {
    fn();
  } catch (err) {
    checkExpected(err, expected, message, "throws");
    return;
  }
  missing(expected, message, "exception");
}

export async function rejects(promiseFn, expected, message) {
  if (typeof expected === "string") { message = expected; expected = undefined; }
  let promise;
  if (typeof promiseFn === "function") {
    promise = promiseFn();
    if (typeof promise?.then !== "function") {
      throw invalidArgType("promiseFn", "of type function or an instance of Promise", promise);
    }
  } else if (typeof promiseFn?.then === "function") {
    promise = promiseFn;
  } else {
    throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseFn);
  }
  try {
    await promise;
  } catch (err) {
    checkExpected(err, expected, message, "rejects");
    return;
  }
  missing(expected, message, "rejection");
}

export function doesNotThrow(fn, expected, message) {
  if (typeof expected === "string") { message = expected; expected = undefined; }
  try {
    fn();
  } catch (err) {
    fail_(err, expected, `Got unwanted exception${message ? `: ${message}` : "."}\nActual message: "${err?.message}"`, "doesNotThrow");
  }
}

export async function doesNotReject(promiseFn, expected, message) {
  if (typeof expected === "string") { message = expected; expected = undefined; }
  try {
    await (typeof promiseFn === "function" ? promiseFn() : promiseFn);
  } catch (err) {
    fail_(err, expected, `Got unwanted rejection${message ? `: ${message}` : "."}\nActual message: "${err?.message}"`, "doesNotReject");
  }
}

function makeAssert(strict) {
  const assert = function assert(value, message) {
    if (arguments.length === 0) fail_(undefined, true, "No value argument passed to `assert.ok()`", "==");
    if (!value) fail_(value, true, message, "==");
  };
  Object.assign(assert, {
    ok, fail, ifError, match, doesNotMatch, throws, rejects, doesNotThrow, doesNotReject, AssertionError,
    strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, partialDeepStrictEqual, Assert,
    equal: strict ? strictEqual : equal,
    notEqual: strict ? notStrictEqual : notEqual,
    deepEqual: strict ? deepStrictEqual : deepEqual,
    notDeepEqual: strict ? notDeepStrictEqual : notDeepEqual,
  });
  return assert;
}

// Node 24's assertion object with options: strict (the default) or loose `equal`/`deepEqual`.
export class Assert {
  #assert;
  constructor(options = {}) {
    this.#assert = makeAssert(options?.strict !== false);
  }
  static {
    for (const name of ["deepEqual", "deepStrictEqual", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail",
      "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok",
      "partialDeepStrictEqual", "rejects", "strictEqual", "throws"]) {
      Object.defineProperty(Assert.prototype, name, {
        value: function (...args) { return this.#assert[name](...args); }, writable: true, configurable: true,
      });
    }
  }
}
const assert = makeAssert(false);
export const strict = makeAssert(true);
assert.strict = strict;
strict.strict = strict;
export default assert;
