// node:timers (nodejs_compat): the global timers plus setImmediate/clearImmediate (also globals).
// Node's timers return Timeout objects; workerd returns them too, with ref/unref/hasRef no-ops.
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:timers was loaded outside the workersim runtime");

const timeoutId = new WeakMap();

export class Timeout {
  constructor(id) { timeoutId.set(this, id); }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
  refresh() { return this; }
  close() { globalThis.clearTimeout(timeoutId.get(this)); return this; }
  [Symbol.toPrimitive]() { return timeoutId.get(this); }
}

const idOf = (t) => (t instanceof Timeout || t instanceof Immediate ? timeoutId.get(t) : t);

class Immediate {
  constructor(id) { timeoutId.set(this, id); }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
}

export function setTimeout(callback, delay, ...args) { return new Timeout(globalThis.setTimeout(callback, delay, ...args)); }
export function setInterval(callback, delay, ...args) { return new Timeout(globalThis.setInterval(callback, delay, ...args)); }
export function clearTimeout(t) { globalThis.clearTimeout(idOf(t)); }
export function clearInterval(t) { globalThis.clearInterval(idOf(t)); }
export function setImmediate(callback, ...args) { return new Immediate(globalThis.setTimeout(callback, 0, ...args)); }
export function clearImmediate(t) { globalThis.clearTimeout(idOf(t)); }

// The globals exist from nodejs_compat_v2 on (2024-09-23), as in workerd.
if (node.compat.nodejs_compat_v2) {
  node.expose("setImmediate", setImmediate);
  node.expose("clearImmediate", clearImmediate);
}

// Deprecated in Node and inert in workerd: there are no unref'd handles to enroll.
export function active() {}
export function enroll() {}
export function unenroll() {}

import * as promises from "node:timers/promises";
export { promises };
export default { setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate, promises, active, enroll, unenroll };
