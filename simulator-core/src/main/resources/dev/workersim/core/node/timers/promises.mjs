// node:timers/promises (nodejs_compat): promise-returning timers with AbortSignal support.
function abortError(signal) {
  const err = new Error("The operation was aborted", { cause: signal.reason });
  err.name = "AbortError";
  err.code = "ABORT_ERR";
  return err;
}

function delayed(ms, value, options = {}) {
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const id = globalThis.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    }, ms);
    function onAbort() {
      globalThis.clearTimeout(id);
      reject(abortError(signal));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function setTimeout(delay, value, options) { return delayed(delay, value, options); }
export function setImmediate(value, options) { return delayed(0, value, options); }

export async function* setInterval(delay, value, options = {}) {
  const signal = options?.signal;
  while (true) {
    await delayed(delay, undefined, { signal });
    yield value;
  }
}

export const scheduler = {
  wait(delay, options) { return delayed(delay, undefined, options); },
  yield() { return delayed(0); },
};

export default { setTimeout, setImmediate, setInterval, scheduler };
