// node/node.js: what the node:* modules (node/) need from the runtime under nodejs_compat
// or nodejs_als. They receive it as `node` in the builtin-modules hand-off (runtime/entrypoints.js).
// Loads after web/timers and runtime/dispatch: it keeps $.reportUncaught and wraps $.setEnv.
// imports: runtime/internal, web/timers/timers, runtime/dispatch
(function (ops, $, imports) {
  "use strict";
  const { AsyncContext, expose } = imports;
  if (!$.compat.nodejs_compat && !$.compat.nodejs_als) return { addPlainEnv: undefined, node: undefined };

  // The worker's plain values (vars, secrets) as workerd puts them on process.env: strings as they
  // are, anything else as its JSON text.
  let plainEnv = {};
  const setEnv = $.setEnv;
  $.setEnv = function setEnvAndKeep(json) {
    setEnv(json);
    plainEnv = JSON.parse(json);
  };
  // A binding whose value is plain data (version metadata) is on process.env too, as its JSON.
  const addPlainEnv = function addPlainEnv(name, value) {
    plainEnv[name] = value;
  };

  // Node's errors carry a `code` and show it in their name's place in the stack: `TypeError [CODE]`.
  function nodeError(Base, code, message) {
    const err = new Base(message);
    Object.defineProperty(err, "code", { value: code, writable: true, configurable: true, enumerable: true });
    return err;
  }

  function describeReceived(value) {
    if (value == null) return " Received " + value;
    if (typeof value === "function") return " Received function " + (value.name || "<anonymous>");
    if (typeof value === "object") {
      const name = value.constructor?.name;
      return name ? " Received an instance of " + name : " Received " + String(value);
    }
    let shown = String(value).slice(0, 25);
    if (typeof value === "string") shown = "'" + shown + "'";
    if (typeof value === "bigint") shown += "n";
    return ` Received type ${typeof value} (${shown})`;
  }

  const node = Object.freeze({
    // what one node:* module shares with another (util's deepEqual for assert); `builtins` maps each
    // served specifier to its namespace (the runtime fills it while priming), for node:module's require().
    internals: { builtins: new Map() },
    AsyncContext: AsyncContext,
    crypto: ops.nodeCrypto,
    zlib: ops.nodeZlib,
    buffer: ops.nodeBuffer,
    compression: ops.compression, // incremental codecs (CompressionStream's), for zlib's stream classes
    expose: expose,
    reportUncaught: $.reportUncaught,
    compat: $.compat,
    env() {
      const out = {};
      if (!$.compat.nodejs_compat_populate_process_env) return out;
      for (const [k, v] of Object.entries(plainEnv)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
      return out;
    },
    nodeError,
    invalidArgType(name, expected, value) {
      // Node's wording: `The "size" argument must be ...`, but `The first argument must be ...`.
      const subject = name.endsWith(" argument") ? name : `"${name}" argument`;
      return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The ${subject} must be ${expected}.${describeReceived(value)}`);
    },
    outOfRange(name, range, value) {
      return nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`);
    },
    describeReceived,
  });

  return { addPlainEnv, node };
})
