// node:events (nodejs_compat): EventEmitter and its helpers. EventEmitter is a plain constructor
// function, as in Node, so `EventEmitter.call(this)` and util.inherits() work for old-style classes.
import { inspect } from "node:util";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:events was loaded outside the workersim runtime");
const { nodeError, invalidArgType } = node;

export const errorMonitor = Symbol("events.errorMonitor");
export const captureRejectionSymbol = Symbol.for("nodejs.rejection");
const kCapture = Symbol("kCapture");
const kShapeMode = Symbol("shapeMode");
let defaultMax = 10;

// The listeners live where Node keeps them, since packages read them there: `_events[type]` is
// the listener itself or an array of them, `_eventsCount` counts the types, `_maxListeners`.
export function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}
EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  this[kCapture] = !!opts?.captureRejections;
};
Object.defineProperty(EventEmitter, "defaultMaxListeners", {
  enumerable: true,
  get() { return defaultMax; },
  set(n) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ${inspect(n)}`);
    }
    defaultMax = n;
  },
});

// An emitter whose constructor skipped EventEmitter.call(this) still works: its map is made here.
function events(target) {
  if (target._events === undefined) {
    target._events = Object.create(null);
    target._eventsCount = 0;
  }
  return target._events;
}

function listenersOf(target, type) {
  const v = events(target)[type];
  return v === undefined ? [] : typeof v === "function" ? [v] : v;
}

function store(target, type, list) {
  const map = events(target);
  const had = map[type] !== undefined;
  if (list.length === 0) {
    if (had) {
      delete map[type];
      target._eventsCount--;
    }
  } else {
    if (!had) target._eventsCount++;
    map[type] = list.length === 1 ? list[0] : list;
  }
}

function checkListener(listener) {
  if (typeof listener !== "function") throw invalidArgType("listener", "of type function", listener);
}

function addListenerTo(target, type, listener, prepend) {
  checkListener(listener);
  if (events(target).newListener !== undefined) target.emit("newListener", type, listener.listener ?? listener);
  const list = listenersOf(target, type).slice();
  if (prepend) list.unshift(listener); else list.push(listener);
  store(target, type, list);
  const max = target.getMaxListeners();
  if (max > 0 && list.length > max && !warned.has(target)) {
    warned.add(target);
    console.warn(`MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners added to ${target.constructor?.name ?? "EventEmitter"}. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
  }
  return target;
}
const warned = new WeakSet();

function onceWrapper(target, type, listener) {
  const wrapper = function (...args) {
    target.removeListener(type, wrapper);
    return listener.apply(target, args);
  };
  wrapper.listener = listener;
  return wrapper;
}

const proto = EventEmitter.prototype;
proto._events = undefined;
proto._eventsCount = 0;
proto._maxListeners = undefined;
proto.setMaxListeners = function setMaxListeners(n) {
  if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "n" is out of range. It must be a non-negative number. Received ${inspect(n)}`);
  }
  this._maxListeners = n;
  return this;
};
proto.getMaxListeners = function getMaxListeners() { return this._maxListeners ?? defaultMax; };
proto.addListener = function addListener(type, listener) { return addListenerTo(this, type, listener, false); };
proto.on = proto.addListener;
proto.prependListener = function prependListener(type, listener) { return addListenerTo(this, type, listener, true); };
// Through this.on / this.prependListener, so a subclass's override (Readable's) sees once() too.
proto.once = function once(type, listener) {
  checkListener(listener);
  return this.on(type, onceWrapper(this, type, listener));
};
proto.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  return this.prependListener(type, onceWrapper(this, type, listener));
};
proto.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const list = listenersOf(this, type).slice();
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      const [removed] = list.splice(i, 1);
      store(this, type, list);
      if (events(this).removeListener !== undefined) this.emit("removeListener", type, removed.listener ?? removed);
      break;
    }
  }
  return this;
};
proto.off = proto.removeListener;
proto.removeAllListeners = function removeAllListeners(type) {
  const map = events(this);
  const types = arguments.length === 0 ? Reflect.ownKeys(map).filter((k) => k !== "removeListener") : [type];
  for (const t of types) {
    const list = listenersOf(this, t);
    if (map.removeListener !== undefined) for (let i = list.length - 1; i >= 0; i--) this.removeListener(t, list[i]);
    store(this, t, []);
  }
  if (arguments.length === 0) store(this, "removeListener", []);
  return this;
};
proto.emit = function emit(type, ...args) {
  const map = events(this);
  if (type === "error") {
    if (map[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    if (map.error === undefined) {
      const err = args[0];
      if (err instanceof Error) throw err;
      const wrapped = nodeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${inspect(err)})`);
      wrapped.context = err;
      throw wrapped;
    }
  }
  const handler = map[type];
  if (handler === undefined) return false;
  // A listener added or removed while emitting does not change this emit.
  for (const listener of typeof handler === "function" ? [handler] : handler.slice()) listener.apply(this, args);
  return true;
};
proto.listeners = function listeners(type) { return listenersOf(this, type).map((l) => l.listener ?? l); };
proto.rawListeners = function rawListeners(type) { return listenersOf(this, type).slice(); };
proto.listenerCount = function listenerCount(type, listener) {
  const list = listenersOf(this, type);
  return listener === undefined ? list.length : list.filter((l) => l === listener || l.listener === listener).length;
};
proto.eventNames = function eventNames() { return Reflect.ownKeys(events(this)); };

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejectionSymbol = captureRejectionSymbol;
EventEmitter.captureRejections = false;

// For an EventTarget (AbortSignal and co) or an EventEmitter: one API over both.
function listen(target, type, listener, once) {
  if (typeof target.on === "function") {
    if (once) target.once(type, listener); else target.on(type, listener);
    return () => target.removeListener(type, listener);
  }
  if (typeof target.addEventListener === "function") {
    target.addEventListener(type, listener, { once });
    return () => target.removeEventListener(type, listener);
  }
  throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", target);
}

function abortError(signal) {
  const err = new Error("The operation was aborted");
  err.name = "AbortError";
  err.code = "ABORT_ERR";
  if (signal?.reason !== undefined) err.cause = signal.reason;
  return err;
}

export function once(emitter, name, options = {}) {
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let offError = () => {};
    let offAbort = () => {};
    const offEvent = listen(emitter, name, (...args) => {
      offError(); offAbort();
      resolve(typeof emitter.on === "function" ? args : args);
    }, true);
    if (name !== "error" && typeof emitter.on === "function") {
      offError = listen(emitter, "error", (err) => { offEvent(); offAbort(); reject(err); }, true);
    }
    if (signal !== undefined) {
      offAbort = listen(signal, "abort", () => { offEvent(); offError(); reject(abortError(signal)); }, true);
    }
  });
}

export function on(emitter, event, options = {}) {
  const queue = [];
  const waiting = [];
  let error = null;
  let done = false;
  const offEvent = listen(emitter, event, (...args) => {
    if (waiting.length > 0) waiting.shift().resolve({ value: args, done: false });
    else queue.push(args);
  }, false);
  const offError = event !== "error" && typeof emitter.on === "function"
    ? listen(emitter, "error", (err) => {
      if (waiting.length > 0) waiting.shift().reject(err); else error = err;
      finish();
    }, false)
    : () => {};
  const signal = options?.signal;
  if (signal !== undefined) listen(signal, "abort", () => { error = abortError(signal); for (const w of waiting.splice(0)) w.reject(error); finish(); }, true);
  function finish() {
    done = true;
    offEvent();
    offError();
  }
  return {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (error !== null) { const e = error; error = null; return Promise.reject(e); }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      finish();
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) { error = err; finish(); return Promise.reject(err); },
    [Symbol.asyncIterator]() { return this; },
  };
}

export function getEventListeners(target, type) {
  if (typeof target.listeners === "function") return target.listeners(type);
  return [];
}
export function getMaxListeners(target) { return typeof target.getMaxListeners === "function" ? target.getMaxListeners() : defaultMax; }
export function setMaxListeners(n = defaultMax, ...targets) {
  if (targets.length === 0) defaultMax = n;
  for (const t of targets) if (typeof t.setMaxListeners === "function") t.setMaxListeners(n);
}
export function listenerCount(emitter, type) { return emitter.listenerCount(type); }
export function addAbortListener(signal, listener) {
  if (signal.aborted) queueMicrotask(() => listener());
  else signal.addEventListener("abort", listener, { once: true });
  return { [Symbol.dispose ?? Symbol.for("Symbol.dispose")]() { signal.removeEventListener("abort", listener); } };
}

// Node's EventEmitterAsyncResource, without async_hooks tracking beyond the AsyncContext snapshot.
export class EventEmitterAsyncResource extends EventEmitter {}

Object.assign(EventEmitter, { usingDomains: false, once, on, getEventListeners, getMaxListeners, setMaxListeners, listenerCount, addAbortListener, EventEmitterAsyncResource });
export const usingDomains = false;
export const captureRejections = false;
export { defaultMax as defaultMaxListeners };
export default EventEmitter;
