// web/streams/streams.js: WHATWG Streams (readable, writable, transform, byte streams, queuing strategies)
// plus Cloudflare's IdentityTransformStream and FixedLengthStream.
//
// Shape: each public class holds one #private field pointing at a plain internal object (RS, WS,
// DefaultReader, ...). The spec's abstract operations are module functions over those internal
// objects, so classes can reach each other's state while user code can reach none of it.
// Function names follow the spec's abstract operations so the two can be read side by side.
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { expose: exposeGlobal } = imports;

  // ---------------------------------------------------------------------------------------------
  // Shared helpers

  // Passed as the first constructor argument to build an object from internal state. User code
  // never sees it, so it cannot forge one.
  const TOKEN = Object.freeze({});
  const noop = () => {};

  // Captured now so that user code patching Promise.prototype cannot reroute stream internals.
  const PromiseCtor = Promise;
  const promiseThen = Promise.prototype.then;
  const promiseResolveFn = Promise.resolve;
  const promiseRejectFn = Promise.reject;
  const withResolvers = Promise.withResolvers;
  const promiseAll = Promise.all;
  const resolved = (v) => promiseResolveFn.call(PromiseCtor, v);
  const rejected = (e) => promiseRejectFn.call(PromiseCtor, e);
  const react = (p, onFulfilled, onRejected) => promiseThen.call(p, onFulfilled, onRejected);
  // The spec's "set promise.[[PromiseIsHandled]] to true": no unhandled-rejection report.
  const markHandled = (p) => { promiseThen.call(p, undefined, noop); return p; };
  const RESOLVED_UNDEFINED = () => resolved(undefined);

  // A promise plus its settle functions, remembering whether it already settled (the spec asks
  // "is this promise pending?" for reader/writer closed and ready promises).
  class Deferred {
    constructor() {
      const r = withResolvers.call(PromiseCtor);
      this.promise = r.promise;
      this.res = r.resolve;
      this.rej = r.reject;
      this.pending = true;
    }
    resolve(v) { if (this.pending) { this.pending = false; this.res(v); } }
    reject(e) { if (this.pending) { this.pending = false; this.rej(e); } }
    rejectHandled(e) { if (this.pending) { markHandled(this.promise); this.reject(e); } }
    static resolvedWith(v) { const d = new Deferred(); d.resolve(v); return d; }
    static rejectedWith(e) { const d = new Deferred(); markHandled(d.promise); d.reject(e); return d; }
  }

  // Calls an optional user callback with a given this, turning throws into a rejected promise.
  function promiseCall(fn, thisArg, a, b) {
    try { return resolved(fn.call(thisArg, a, b)); } catch (e) { return rejected(e); }
  }

  const isObject = (x) => (typeof x === "object" && x !== null) || typeof x === "function";

  // Web IDL dictionary conversion: undefined/null is an empty dictionary, other primitives throw.
  const EMPTY = Object.freeze({});
  function dict(x, what) {
    if (x === undefined || x === null) return EMPTY;
    if (!isObject(x)) throw new TypeError(`${what} must be an object`);
    return x;
  }
  // Web IDL callback-function conversion for an optional dictionary member.
  function callback(x, what) {
    if (x !== undefined && typeof x !== "function") throw new TypeError(`${what} must be a function`);
    return x;
  }
  // Web IDL "object" argument: undefined stays absent, other non-objects throw.
  function optionalObject(x, what) {
    if (x !== undefined && x !== null && !isObject(x)) throw new TypeError(`${what} must be an object`);
    return x === null ? undefined : x;
  }

  // Installs a class the way Web IDL does: prototype members enumerable, a toStringTag, globals.
  function webIdlClass(cls, name, expose = true) {
    for (const target of [cls.prototype, cls]) {
      for (const key of Object.getOwnPropertyNames(target)) { // symbol-keyed members stay non-enumerable
        if (key === "constructor" || key === "prototype" || key === "length" || key === "name") continue;
        const desc = Object.getOwnPropertyDescriptor(target, key);
        desc.enumerable = true;
        Object.defineProperty(target, key, desc);
      }
    }
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
    if (expose) exposeGlobal(name, cls);
  }

  // ---------------------------------------------------------------------------------------------
  // Queue-with-sizes (spec "queue" + "queue total size"). Values and sizes are kept in parallel
  // arrays with a moving head so that dequeuing is O(1) and allocates nothing.

  class Queue {
    constructor() { this.values = []; this.sizes = []; this.head = 0; this.total = 0; }
    get length() { return this.values.length - this.head; }
    push(value, size) {
      if (typeof size !== "number" || size !== size || size < 0 || size === Infinity) {
        throw new RangeError("The chunk size must be a finite, non-negative number");
      }
      this.values.push(value);
      this.sizes.push(size);
      this.total += size;
    }
    shift() {
      const i = this.head;
      const value = this.values[i];
      this.total -= this.sizes[i];
      if (this.total < 0) this.total = 0; // floating-point rounding, as the spec allows
      if (i + 1 === this.values.length) {
        this.values.length = 0; this.sizes.length = 0; this.head = 0;
      } else {
        this.values[i] = undefined;
        this.head = i + 1;
        if (this.head > 1024 && this.head * 2 > this.values.length) {
          this.values.splice(0, this.head); this.sizes.splice(0, this.head); this.head = 0;
        }
      }
      return value;
    }
    peek() { return this.values[this.head]; }
    // A byte queue may take part of its head entry.
    consumeHead(n) { this.sizes[this.head] -= n; this.total -= n; }
    reset() { this.values = []; this.sizes = []; this.head = 0; this.total = 0; }
  }

  // ---------------------------------------------------------------------------------------------
  // Queuing strategies

  function extractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    const n = +hwm;
    if (n !== n || n < 0) throw new RangeError("Invalid highWaterMark");
    return n;
  }

  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    callback(size, "size");
    return (chunk) => +size.call(undefined, chunk); // Web IDL: the result is an unrestricted double
  }

  // Reads a QueuingStrategy dictionary in Web IDL member order.
  function strategyDict(x) {
    const d = dict(x, "strategy");
    const highWaterMark = d.highWaterMark;
    const size = callback(d.size, "size");
    // Unary plus is Web IDL's ToNumber (it throws for a BigInt or Symbol, unlike Number()).
    return { highWaterMark: highWaterMark === undefined ? undefined : +highWaterMark, size };
  }

  function strategyInit(init, what) {
    const hwm = dict(init, what).highWaterMark;
    if (hwm === undefined) throw new TypeError(`${what}: highWaterMark is required`);
    return +hwm;
  }

  // Both strategies share one size function per realm, as the spec requires.
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
  const countSize = { size() { return 1; } }.size;

  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) { this.#hwm = strategyInit(init, "ByteLengthQueuingStrategy"); }
    get highWaterMark() { return this.#hwm; }
    get size() { this.#hwm; return byteLengthSize; } // reading #hwm is the brand check
  }

  class CountQueuingStrategy {
    #hwm;
    constructor(init) { this.#hwm = strategyInit(init, "CountQueuingStrategy"); }
    get highWaterMark() { return this.#hwm; }
    get size() { this.#hwm; return countSize; }
  }

  // ---------------------------------------------------------------------------------------------
  // ReadableStream internal state and abstract operations

  class RS {
    constructor(pub) {
      this.pub = pub;
      this.state = "readable"; // "readable" | "closed" | "errored"
      this.reader = undefined; // DefaultReader | BYOBReader
      this.storedError = undefined;
      this.disturbed = false;
      this.controller = undefined; // DefaultController | ByteController
      this.expectedLength = undefined; // set for a FixedLengthStream's readable side
    }
  }

  // Creates a public ReadableStream and returns its internal state.
  function newRS() { return rsOf(new ReadableStream(TOKEN)); }

  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const stream = newRS();
    const controller = new DefaultController();
    setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const stream = newRS();
    const controller = new ByteController();
    setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return stream;
  }

  const isLocked = (stream) => stream.reader !== undefined;

  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === "closed") return resolved(undefined);
    if (stream.state === "errored") return rejected(stream.storedError);
    readableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const requests = reader.readIntoRequests;
      reader.readIntoRequests = [];
      for (let i = 0; i < requests.length; i++) requests[i].close(undefined);
    }
    return react(stream.controller.cancelSteps(reason), noop);
  }

  function readableStreamClose(stream) {
    stream.state = "closed";
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (!reader.byob) {
      const requests = reader.readRequests;
      if (requests.length === 0) return;
      reader.readRequests = [];
      for (let i = 0; i < requests.length; i++) requests[i].close();
    }
  }

  function readableStreamError(stream, e) {
    stream.state = "errored";
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.rejectHandled(e);
    if (reader.byob) byobReaderErrorReadIntoRequests(reader, e);
    else defaultReaderErrorReadRequests(reader, e);
  }

  function readableStreamFulfillReadRequest(stream, chunk, done) {
    const request = stream.reader.readRequests.shift();
    if (done) request.close(); else request.chunk(chunk);
  }

  const hasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;
  const hasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;

  // ---------------------------------------------------------------------------------------------
  // Readers (internal). A read request is any object with chunk(v) / close() / error(e).

  class DefaultReader {
    constructor() { this.byob = false; this.stream = undefined; this.closed = undefined; this.readRequests = []; }
  }

  function readerGenericInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === "readable") reader.closed = new Deferred();
    else if (stream.state === "closed") reader.closed = Deferred.resolvedWith(undefined);
    else reader.closed = Deferred.rejectedWith(stream.storedError);
  }

  function readerGenericRelease(reader) {
    const stream = reader.stream;
    const e = new TypeError("The reader's lock was released");
    if (stream.state === "readable") reader.closed.rejectHandled(e);
    else reader.closed = Deferred.rejectedWith(e);
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
  }

  function acquireDefaultReader(stream) {
    const reader = new DefaultReader();
    setUpDefaultReader(reader, stream);
    return reader;
  }

  function setUpDefaultReader(reader, stream) {
    if (isLocked(stream)) throw new TypeError("ReadableStream is locked");
    readerGenericInitialize(reader, stream);
  }

  function defaultReaderRead(reader, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "closed") request.close();
    else if (stream.state === "errored") request.error(stream.storedError);
    else stream.controller.pullSteps(request);
  }

  function defaultReaderRelease(reader) {
    readerGenericRelease(reader);
    defaultReaderErrorReadRequests(reader, new TypeError("The reader's lock was released"));
  }

  function defaultReaderErrorReadRequests(reader, e) {
    const requests = reader.readRequests;
    if (requests.length === 0) return;
    reader.readRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].error(e);
  }

  // The read request behind reader.read(): settles one promise with a {value, done} result.
  class PromiseReadRequest {
    constructor() {
      const r = withResolvers.call(PromiseCtor);
      this.promise = r.promise;
      this.res = r.resolve;
      this.rej = r.reject;
    }
    chunk(value) { this.res({ value, done: false }); }
    close() { this.res({ value: undefined, done: true }); }
    error(e) { this.rej(e); }
  }

  // ---------------------------------------------------------------------------------------------
  // ReadableStreamDefaultController (internal)

  class DefaultController {
    constructor() {
      this.isByte = false;
      this.pub = undefined;
      this.stream = undefined;
      this.queue = new Queue();
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategyHWM = 0;
      this.strategySizeAlgorithm = undefined;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.onPulled = undefined;
      this.onPullFailed = undefined;
    }

    cancelSteps(reason) {
      this.queue.reset();
      const result = this.cancelAlgorithm(reason);
      dcClearAlgorithms(this);
      return result;
    }

    pullSteps(request) {
      if (this.queue.length > 0) {
        request.chunk(dcTakeChunk(this));
      } else {
        this.stream.reader.readRequests.push(request);
        dcCallPullIfNeeded(this);
      }
    }

    releaseSteps() {}
  }

  // Dequeues one chunk for a reader, then closes or pulls as the spec's [[PullSteps]] does.
  function dcTakeChunk(controller) {
    const chunk = controller.queue.shift();
    if (controller.closeRequested && controller.queue.length === 0) {
      dcClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    } else {
      dcCallPullIfNeeded(controller);
    }
    return chunk;
  }

  function setUpDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    // Made once here rather than per pull: pull runs for every chunk of a streamed body.
    controller.onPulled = () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        dcCallPullIfNeeded(controller);
      }
    };
    controller.onPullFailed = (e) => dcError(controller, e);
    const startResult = startAlgorithm();
    react(resolved(startResult), () => {
      controller.started = true;
      dcCallPullIfNeeded(controller);
    }, controller.onPullFailed);
  }

  function setUpDefaultControllerFromSource(stream, source, src, highWaterMark, sizeAlgorithm) {
    const controller = new DefaultController();
    controller.pub = new ReadableStreamDefaultController(TOKEN, controller);
    const { start, pull, cancel } = src;
    setUpDefaultController(stream, controller,
      start ? () => start.call(source, controller.pub) : noop,
      pull ? () => promiseCall(pull, source, controller.pub) : RESOLVED_UNDEFINED,
      cancel ? (reason) => promiseCall(cancel, source, reason) : RESOLVED_UNDEFINED,
      highWaterMark, sizeAlgorithm);
  }

  function dcCallPullIfNeeded(controller) {
    if (!dcShouldCallPull(controller)) return;
    if (controller.pulling) { controller.pullAgain = true; return; }
    controller.pulling = true;
    react(controller.pullAlgorithm(), controller.onPulled, controller.onPullFailed);
  }

  function dcShouldCallPull(controller) {
    if (!controller.started || !dcCanCloseOrEnqueue(controller)) return false;
    const stream = controller.stream;
    if (isLocked(stream) && !stream.reader.byob && stream.reader.readRequests.length > 0) return true;
    return dcGetDesiredSize(controller) > 0;
  }

  function dcClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  function dcClose(controller) {
    if (!dcCanCloseOrEnqueue(controller)) return;
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      dcClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    }
  }

  function dcEnqueue(controller, chunk) {
    if (!dcCanCloseOrEnqueue(controller)) return;
    const stream = controller.stream;
    if (isLocked(stream) && stream.reader.readRequests.length > 0) {
      readableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      let size;
      try {
        size = controller.strategySizeAlgorithm(chunk);
        controller.queue.push(chunk, size);
      } catch (e) {
        dcError(controller, e);
        throw e;
      }
    }
    dcCallPullIfNeeded(controller);
  }

  function dcError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== "readable") return;
    controller.queue.reset();
    dcClearAlgorithms(controller);
    readableStreamError(stream, e);
  }

  function dcGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return controller.strategyHWM - controller.queue.total;
  }

  const dcCanCloseOrEnqueue = (controller) => !controller.closeRequested && controller.stream.state === "readable";

  // ---------------------------------------------------------------------------------------------
  // Public ReadableStream classes

  let rsOf; // ReadableStream -> RS, TypeError otherwise
  let isRS;

  class ReadableStream {
    #s;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === TOKEN) { this.#s = new RS(this); return; }
      const source = optionalObject(underlyingSource, "underlyingSource");
      const s = dict(source, "underlyingSource");
      // Dictionary members are read in Web IDL (alphabetical) order.
      let autoAllocateChunkSize = s.autoAllocateChunkSize;
      if (autoAllocateChunkSize !== undefined) autoAllocateChunkSize = enforceRange(autoAllocateChunkSize, "autoAllocateChunkSize");
      const src = {
        cancel: callback(s.cancel, "cancel"),
        pull: callback(s.pull, "pull"),
        start: callback(s.start, "start"),
      };
      let type = s.type;
      if (type !== undefined) {
        type = String(type);
        if (type !== "bytes") throw new TypeError(`Invalid stream type: ${type}`);
      }
      const strat = strategyDict(strategy);
      const stream = this.#s = new RS(this);
      if (type === "bytes") {
        if (strat.size !== undefined) throw new RangeError("A byte stream cannot have a size function");
        const hwm = extractHighWaterMark(strat, 0);
        setUpByteControllerFromSource(stream, source, src, hwm, autoAllocateChunkSize);
      } else {
        const size = extractSizeAlgorithm(strat);
        const hwm = extractHighWaterMark(strat, 1);
        setUpDefaultControllerFromSource(stream, source, src, hwm, size);
      }
    }

    static {
      rsOf = (x) => {
        if (isObject(x) && #s in x) return x.#s;
        throw new TypeError("Not a ReadableStream");
      };
      isRS = (x) => isObject(x) && #s in x;
    }

    static from(asyncIterable) { return readableStreamFromIterable(asyncIterable).pub; }

    get locked() { return isLocked(this.#s); }

    cancel(reason = undefined) {
      if (!isRS(this)) return rejected(new TypeError("Not a ReadableStream"));
      const stream = this.#s;
      if (isLocked(stream)) return rejected(new TypeError("Cannot cancel a locked ReadableStream"));
      return readableStreamCancel(stream, reason);
    }

    getReader(options = undefined) {
      const stream = this.#s;
      let mode = dict(options, "options").mode;
      if (mode === undefined) return new ReadableStreamDefaultReader(TOKEN, acquireDefaultReader(stream));
      mode = String(mode);
      if (mode !== "byob") throw new TypeError(`Invalid reader mode: ${mode}`);
      return new ReadableStreamBYOBReader(TOKEN, acquireBYOBReader(stream));
    }

    pipeThrough(transform, options = undefined) {
      const stream = this.#s;
      const t = dict(transform, "transform");
      const readable = t.readable;
      if (!isRS(readable)) throw new TypeError("transform.readable must be a ReadableStream");
      const writable = t.writable;
      if (!isWS(writable)) throw new TypeError("transform.writable must be a WritableStream");
      const opts = pipeOptions(options);
      if (isLocked(stream)) throw new TypeError("Cannot pipe a locked ReadableStream");
      const ws = wsOf(writable);
      if (wsIsLocked(ws)) throw new TypeError("Cannot pipe to a locked WritableStream");
      markHandled(readableStreamPipeTo(stream, ws, opts));
      return readable;
    }

    pipeTo(destination, options = undefined) {
      if (!isRS(this)) return rejected(new TypeError("Not a ReadableStream"));
      const stream = this.#s;
      if (!isWS(destination)) return rejected(new TypeError("destination must be a WritableStream"));
      let opts;
      try { opts = pipeOptions(options); } catch (e) { return rejected(e); }
      if (isLocked(stream)) return rejected(new TypeError("Cannot pipe a locked ReadableStream"));
      const ws = wsOf(destination);
      if (wsIsLocked(ws)) return rejected(new TypeError("Cannot pipe to a locked WritableStream"));
      return readableStreamPipeTo(stream, ws, opts);
    }

    tee() {
      const stream = this.#s;
      const branches = stream.controller.isByte ? byteStreamTee(stream) : defaultTee(stream);
      return [branches[0].pub, branches[1].pub];
    }

    values(options = undefined) {
      const stream = this.#s;
      const preventCancel = Boolean(dict(options, "options").preventCancel);
      return new ReadableStreamAsyncIterator(TOKEN, acquireDefaultReader(stream), preventCancel);
    }
  }
  // Web IDL: @@asyncIterator is the very same function object as values().
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator,
    { value: ReadableStream.prototype.values, writable: true, configurable: true });

  class ReadableStreamDefaultController {
    #c;
    constructor(token = undefined, controller = undefined) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#c = controller;
    }
    get desiredSize() { return dcGetDesiredSize(this.#c); }
    close() {
      const c = this.#c;
      if (!dcCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits close");
      dcClose(c);
    }
    enqueue(chunk = undefined) {
      const c = this.#c;
      if (!dcCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits enqueue");
      dcEnqueue(c, chunk);
    }
    error(e = undefined) { dcError(this.#c, e); }
  }

  let defaultReaderOf;

  class ReadableStreamDefaultReader {
    #r;
    constructor(stream, internal = undefined) {
      if (stream === TOKEN) { this.#r = internal; return; }
      const reader = new DefaultReader();
      setUpDefaultReader(reader, rsOf(stream));
      this.#r = reader;
    }
    static {
      defaultReaderOf = (x) => (isObject(x) && #r in x ? x.#r : undefined);
    }

    get closed() {
      const r = defaultReaderOf(this);
      return r === undefined ? rejected(new TypeError("Not a ReadableStreamDefaultReader")) : r.closed.promise;
    }

    cancel(reason = undefined) {
      const r = defaultReaderOf(this);
      if (r === undefined) return rejected(new TypeError("Not a ReadableStreamDefaultReader"));
      if (r.stream === undefined) return rejected(new TypeError("The reader has been released"));
      return readableStreamCancel(r.stream, reason);
    }

    read() {
      const r = defaultReaderOf(this);
      if (r === undefined) return rejected(new TypeError("Not a ReadableStreamDefaultReader"));
      const stream = r.stream;
      if (stream === undefined) return rejected(new TypeError("The reader has been released"));
      // Fast path: a chunk is already queued, so answer with an already-resolved promise.
      const c = stream.controller;
      if (stream.state === "readable" && c.queue.length > 0) { // byte queues hold no empty entries
        stream.disturbed = true;
        return resolved({ value: c.isByte ? bcTakeChunk(c) : dcTakeChunk(c), done: false });
      }
      const request = new PromiseReadRequest();
      defaultReaderRead(r, request);
      return request.promise;
    }

    releaseLock() {
      const r = this.#r;
      if (r.stream !== undefined) defaultReaderRelease(r);
    }
  }

  let iteratorSettled;

  // %ReadableStreamAsyncIteratorPrototype%: next()/return() follow Web IDL's async iterator
  // rules (calls are serialized through an "ongoing promise"; once finished, stays finished).
  class ReadableStreamAsyncIterator {
    #reader; #preventCancel; #ongoing = undefined; #finished = false;
    constructor(token, reader, preventCancel) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#reader = reader;
      this.#preventCancel = preventCancel;
    }

    next() {
      if (!(isObject(this) && #reader in this)) return rejected(new TypeError("Not a ReadableStream async iterator"));
      if (this.#ongoing === undefined) return this.#nextSteps(true);
      const step = () => this.#nextSteps(false);
      return this.#chain(step);
    }

    // Queues steps behind the ongoing call; the chain forgets itself once it has drained.
    #chain(step) {
      const p = react(this.#ongoing, step, step);
      this.#ongoing = p;
      const clear = () => { if (this.#ongoing === p) this.#ongoing = undefined; };
      react(p, clear, clear);
      return p;
    }

    #nextSteps(direct) {
      if (this.#finished) return resolved({ value: undefined, done: true });
      const request = new IteratorReadRequest(this);
      if (direct) this.#ongoing = request.promise; // cleared by settle(), possibly synchronously
      defaultReaderRead(this.#reader, request);
      return request.promise;
    }

    // Runs when an IteratorReadRequest settles (through iteratorSettled: a private method, so
    // user code cannot call it).
    #settle(request, done) {
      if (this.#ongoing === request.promise) this.#ongoing = undefined;
      if (done) {
        this.#finished = true;
        defaultReaderRelease(this.#reader);
      }
    }
    static {
      iteratorSettled = (iterator, request, done) => iterator.#settle(request, done);
    }

    return(value = undefined) {
      if (!(isObject(this) && #reader in this)) return rejected(new TypeError("Not a ReadableStream async iterator"));
      const step = () => this.#returnSteps(value);
      if (this.#ongoing === undefined) return step();
      return this.#chain(step);
    }

    #returnSteps(value) {
      const result = { value, done: true };
      if (this.#finished) return resolved(result);
      this.#finished = true;
      const reader = this.#reader;
      if (this.#preventCancel) {
        defaultReaderRelease(reader);
        return resolved(result);
      }
      const cancelled = readableStreamCancel(reader.stream, value);
      defaultReaderRelease(reader);
      return react(cancelled, () => result);
    }
  }
  Object.setPrototypeOf(ReadableStreamAsyncIterator.prototype,
    Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})).prototype));
  delete ReadableStreamAsyncIterator.prototype.constructor;
  for (const key of ["next", "return"]) {
    Object.defineProperty(ReadableStreamAsyncIterator.prototype, key, { enumerable: true });
  }
  Object.defineProperty(ReadableStreamAsyncIterator.prototype, Symbol.toStringTag,
    { value: "ReadableStream AsyncIterator", configurable: true });

  class IteratorReadRequest {
    constructor(iterator) {
      const r = withResolvers.call(PromiseCtor);
      this.promise = r.promise;
      this.res = r.resolve;
      this.rej = r.reject;
      this.iterator = iterator;
    }
    chunk(value) { iteratorSettled(this.iterator, this, false); this.res({ value, done: false }); }
    close() { iteratorSettled(this.iterator, this, true); this.res({ value: undefined, done: true }); }
    error(e) { iteratorSettled(this.iterator, this, true); this.rej(e); }
  }

  // ---------------------------------------------------------------------------------------------
  // ReadableStream.from

  function getAsyncIterator(obj) {
    if (obj === undefined || obj === null) throw new TypeError("ReadableStream.from requires an iterable");
    let method = obj[Symbol.asyncIterator];
    if (method === undefined || method === null) {
      const syncMethod = obj[Symbol.iterator];
      if (syncMethod === undefined || syncMethod === null) throw new TypeError("ReadableStream.from requires an iterable");
      if (typeof syncMethod !== "function") throw new TypeError("Symbol.iterator is not a function");
      const it = syncMethod.call(obj);
      if (!isObject(it)) throw new TypeError("The iterator is not an object");
      return asyncFromSyncIterator(it, it.next);
    }
    if (typeof method !== "function") throw new TypeError("Symbol.asyncIterator is not a function");
    const it = method.call(obj);
    if (!isObject(it)) throw new TypeError("The iterator is not an object");
    return { iterator: it, next: it.next };
  }

  // ECMAScript's CreateAsyncFromSyncIterator, reduced to what ReadableStream.from uses: next()
  // awaits the yielded value; return() forwards to the sync iterator's return if it has one.
  function asyncFromSyncIterator(syncIt, syncNext) {
    const iterator = {
      next() {
        try {
          const result = syncNext.call(syncIt);
          if (!isObject(result)) throw new TypeError("Iterator result is not an object");
          const done = Boolean(result.done);
          return react(resolved(result.value), (value) => ({ value, done }), (e) => {
            if (!done) closeSync(syncIt);
            throw e;
          });
        } catch (e) { return rejected(e); }
      },
      return(reason) {
        try {
          const ret = syncIt.return;
          if (ret === undefined || ret === null) return resolved({ value: reason, done: true });
          const result = ret.call(syncIt, reason);
          if (!isObject(result)) throw new TypeError("Iterator result is not an object");
          return react(resolved(result.value), (value) => ({ value, done: Boolean(result.done) }));
        } catch (e) { return rejected(e); }
      },
    };
    return { iterator, next: iterator.next };
  }
  function closeSync(it) { try { const r = it.return; if (typeof r === "function") r.call(it); } catch { /* keep first error */ } }

  function readableStreamFromIterable(asyncIterable) {
    const record = getAsyncIterator(asyncIterable);
    let stream;
    const pullAlgorithm = () => {
      let nextResult;
      try { nextResult = record.next.call(record.iterator); } catch (e) { return rejected(e); }
      return react(resolved(nextResult), (result) => {
        if (!isObject(result)) throw new TypeError("Iterator result is not an object");
        if (result.done) dcClose(stream.controller);
        else dcEnqueue(stream.controller, result.value);
      });
    };
    const cancelAlgorithm = (reason) => {
      const iterator = record.iterator;
      let returnResult;
      try {
        const ret = iterator.return;
        if (ret === undefined || ret === null) return resolved(undefined);
        if (typeof ret !== "function") throw new TypeError("iterator.return is not a function");
        returnResult = ret.call(iterator, reason);
      } catch (e) { return rejected(e); }
      return react(resolved(returnResult), (r) => {
        if (!isObject(r)) throw new TypeError("Iterator result is not an object");
      });
    };
    stream = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  // ---------------------------------------------------------------------------------------------
  // tee

  function defaultTee(stream) {
    const reader = acquireDefaultReader(stream);
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = new Deferred();

    const readRequest = {
      chunk(chunk) {
        // Delayed a microtask: an error right after this chunk reaches us through reader.closed,
        // a microtask later, and it must error both branches before this chunk is delivered.
        react(resolved(undefined), () => {
          readAgain = false;
          if (!canceled1) dcEnqueue(branch1.controller, chunk);
          if (!canceled2) dcEnqueue(branch2.controller, chunk);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) dcClose(branch1.controller);
        if (!canceled2) dcClose(branch2.controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() { reading = false; },
    };
    function pullAlgorithm() {
      if (reading) { readAgain = true; return resolved(undefined); }
      reading = true;
      defaultReaderRead(reader, readRequest);
      return resolved(undefined);
    }
    function cancel1(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableStream(noop, pullAlgorithm, cancel1);
    branch2 = createReadableStream(noop, pullAlgorithm, cancel2);
    react(reader.closed.promise, undefined, (r) => {
      dcError(branch1.controller, r);
      dcError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // ---------------------------------------------------------------------------------------------
  // pipeTo

  function pipeOptions(options) {
    const o = dict(options, "options");
    const preventAbort = Boolean(o.preventAbort);
    const preventCancel = Boolean(o.preventCancel);
    const preventClose = Boolean(o.preventClose);
    const signal = o.signal;
    if (signal !== undefined && !(isObject(signal) && "aborted" in signal && typeof signal.addEventListener === "function")) {
      throw new TypeError("options.signal must be an AbortSignal");
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  function readableStreamPipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
    let reader = acquireDefaultReader(source);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = resolved(undefined);
    const done = new Deferred();
    let abortListener;

    // Each step waits for the writer to have room, then moves one chunk; backpressure from the
    // destination therefore stops reads from the source.
    const readRequest = {
      chunk(chunk) {
        currentWrite = markHandled(writerWrite(writer, chunk));
        pipeStep();
      },
      close() {},
      error() {},
    };
    function pipeStep() {
      if (shuttingDown) return;
      react(writer.ready.promise, () => {
        // Once either side has closed or errored, the closed-promise reactions below take over.
        if (shuttingDown || source.state !== "readable" || dest.state !== "writable") return;
        // ready may have been replaced by a pending one since this reaction was queued.
        if (writerGetDesiredSize(writer) <= 0) { pipeStep(); return; }
        defaultReaderRead(reader, readRequest);
      }, noop);
    }

    function waitForWritesToFinish() {
      const oldWrite = currentWrite;
      return react(currentWrite, () => (oldWrite !== currentWrite ? waitForWritesToFinish() : undefined));
    }

    // Swapping in a fresh reader drops a read that is still pending, so no chunk read after
    // shutdown reaches the destination, while the source stays locked until finalize().
    function stopReading() {
      defaultReaderRelease(reader);
      reader = acquireDefaultReader(source);
    }

    function shutdownWithAction(action, originalIsError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      stopReading();
      const doTheRest = () => {
        react(action(), () => finalize(originalIsError, originalError), (e) => finalize(true, e));
      };
      if (dest.state === "writable" && !wsCloseQueuedOrInFlight(dest)) react(waitForWritesToFinish(), doTheRest);
      else doTheRest();
    }

    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      stopReading();
      if (dest.state === "writable" && !wsCloseQueuedOrInFlight(dest)) {
        react(waitForWritesToFinish(), () => finalize(isError, error));
      } else {
        finalize(isError, error);
      }
    }

    function finalize(isError, error) {
      writerRelease(writer);
      defaultReaderRelease(reader);
      if (abortListener !== undefined && typeof signal.removeEventListener === "function") {
        signal.removeEventListener("abort", abortListener);
      }
      if (isError) done.reject(error); else done.resolve(undefined);
    }

    if (signal !== undefined) {
      abortListener = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === "writable" ? writableStreamAbort(dest, error) : resolved(undefined)));
        if (!preventCancel) actions.push(() => (source.state === "readable" ? readableStreamCancel(source, error) : resolved(undefined)));
        shutdownWithAction(() => promiseAll.call(PromiseCtor, actions.map((a) => a())), true, error);
      };
      if (signal.aborted) {
        abortListener();
        return done.promise;
      }
      signal.addEventListener("abort", abortListener);
    }

    // Error and close propagation, forwards (source -> dest) and backwards (dest -> source).
    const onSourceErrored = (storedError) => {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    };
    const onDestErrored = (storedError) => {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    };
    const onSourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
      else shutdown();
    };
    const onDestClosed = () => {
      const destClosed = new TypeError("The destination stream is closed");
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    };

    if (source.state === "errored") onSourceErrored(source.storedError);
    else react(reader.closed.promise, onSourceClosed, onSourceErrored);
    if (dest.state === "errored") onDestErrored(dest.storedError);
    else react(writer.closed.promise, undefined, onDestErrored);
    if (source.state === "closed") onSourceClosed();
    if (wsCloseQueuedOrInFlight(dest) || dest.state === "closed") onDestClosed();

    pipeStep();
    return done.promise;
  }

  // ---------------------------------------------------------------------------------------------
  // WritableStream internal state and abstract operations

  const CLOSE_SENTINEL = {};

  class WS {
    constructor(pub) {
      this.pub = pub;
      this.state = "writable"; // "writable" | "closed" | "erroring" | "errored"
      this.storedError = undefined;
      this.writer = undefined;
      this.controller = undefined;
      this.inFlightWriteRequest = undefined; // Deferred
      this.closeRequest = undefined;
      this.inFlightCloseRequest = undefined;
      this.pendingAbortRequest = undefined; // { deferred, reason, wasAlreadyErroring }
      this.writeRequests = [];
      this.backpressure = false;
    }
  }

  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const stream = wsOf(new WritableStream(TOKEN));
    setUpWSController(stream, new WSController(), startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  const wsIsLocked = (stream) => stream.writer !== undefined;

  function writableStreamAbort(stream, reason) {
    if (stream.state === "closed" || stream.state === "errored") return resolved(undefined);
    stream.controller.abortSignal(reason);
    const state = stream.state; // abort listeners may have changed it
    if (state === "closed" || state === "errored") return resolved(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.deferred.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") { wasAlreadyErroring = true; reason = undefined; }
    const deferred = new Deferred();
    stream.pendingAbortRequest = { deferred, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) wsStartErroring(stream, reason);
    return deferred.promise;
  }

  function writableStreamClose(stream) {
    const state = stream.state;
    if (state === "closed" || state === "errored") return rejected(new TypeError("The stream is closed or errored"));
    const deferred = new Deferred();
    stream.closeRequest = deferred;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === "writable") writer.ready.resolve(undefined);
    wscClose(stream.controller);
    return deferred.promise;
  }

  function wsDealWithRejection(stream, error) {
    if (stream.state === "writable") { wsStartErroring(stream, error); return; }
    wsFinishErroring(stream);
  }

  function wsStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = "erroring";
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
    if (!wsHasOperationMarkedInFlight(stream) && controller.started) wsFinishErroring(stream);
  }

  function wsFinishErroring(stream) {
    stream.state = "errored";
    stream.controller.queue.reset(); // [[ErrorSteps]]
    const storedError = stream.storedError;
    const requests = stream.writeRequests;
    stream.writeRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].reject(storedError);
    const abortRequest = stream.pendingAbortRequest;
    if (abortRequest === undefined) { wsRejectCloseAndClosedPromiseIfNeeded(stream); return; }
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.deferred.reject(storedError);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    react(stream.controller.abortSteps(abortRequest.reason), () => {
      abortRequest.deferred.resolve(undefined);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
    }, (reason) => {
      abortRequest.deferred.reject(reason);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
    });
  }

  function wsFinishInFlightWrite(stream) {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  }

  function wsFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    wsDealWithRejection(stream, error);
  }

  function wsFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === "erroring") {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.deferred.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = "closed";
    if (stream.writer !== undefined) stream.writer.closed.resolve(undefined);
  }

  function wsFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.deferred.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    wsDealWithRejection(stream, error);
  }

  const wsCloseQueuedOrInFlight = (stream) => stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  const wsHasOperationMarkedInFlight = (stream) => stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;

  function wsRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.rejectHandled(stream.storedError);
  }

  function wsUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = new Deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // ---------------------------------------------------------------------------------------------
  // WritableStreamDefaultWriter (internal)

  class Writer {
    constructor() { this.stream = undefined; this.ready = undefined; this.closed = undefined; }
  }

  function acquireWriter(stream) {
    const writer = new Writer();
    setUpWriter(writer, stream);
    return writer;
  }

  function setUpWriter(writer, stream) {
    if (wsIsLocked(stream)) throw new TypeError("WritableStream is locked");
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === "writable") {
      writer.ready = !wsCloseQueuedOrInFlight(stream) && stream.backpressure ? new Deferred() : Deferred.resolvedWith(undefined);
      writer.closed = new Deferred();
    } else if (state === "erroring") {
      writer.ready = Deferred.rejectedWith(stream.storedError);
      writer.closed = new Deferred();
    } else if (state === "closed") {
      writer.ready = Deferred.resolvedWith(undefined);
      writer.closed = Deferred.resolvedWith(undefined);
    } else {
      writer.ready = Deferred.rejectedWith(stream.storedError);
      writer.closed = Deferred.rejectedWith(stream.storedError);
    }
  }

  function writerCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (wsCloseQueuedOrInFlight(stream) || state === "closed") return resolved(undefined);
    if (state === "errored") return rejected(stream.storedError);
    return writableStreamClose(stream);
  }

  function writerEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.pending) writer.closed.rejectHandled(error);
    else writer.closed = Deferred.rejectedWith(error);
  }

  function writerEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.pending) writer.ready.rejectHandled(error);
    else writer.ready = Deferred.rejectedWith(error);
  }

  function writerGetDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === "errored" || state === "erroring") return null;
    if (state === "closed") return 0;
    return wscGetDesiredSize(stream.controller);
  }

  function writerRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError("The writer's lock was released");
    writerEnsureReadyPromiseRejected(writer, releasedError);
    writerEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }

  function writerWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = wscGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return rejected(new TypeError("The writer's lock was released"));
    const state = stream.state;
    if (state === "errored") return rejected(stream.storedError);
    if (wsCloseQueuedOrInFlight(stream) || state === "closed") return rejected(new TypeError("The stream is closing or closed"));
    if (state === "erroring") return rejected(stream.storedError);
    const deferred = new Deferred();
    stream.writeRequests.push(deferred);
    wscWrite(controller, chunk, chunkSize);
    return deferred.promise;
  }

  // ---------------------------------------------------------------------------------------------
  // WritableStreamDefaultController (internal)

  class WSController {
    constructor() {
      this.pub = undefined;
      this.stream = undefined;
      this.queue = new Queue();
      this.started = false;
      this.strategyHWM = 1;
      this.strategySizeAlgorithm = undefined;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
      this.abortController = undefined; // created lazily: AbortController may load after us
    }
    get signal() {
      if (this.abortController === undefined) this.abortController = newAbortController();
      return this.abortController.signal;
    }
    abortSignal(reason) {
      if (this.abortController === undefined) this.abortController = newAbortController();
      this.abortController.abort(reason);
    }
    abortSteps(reason) {
      const result = this.abortAlgorithm(reason);
      wscClearAlgorithms(this);
      return result;
    }
  }

  // Uses the platform AbortController when it exists; otherwise a minimal stand-in with the same
  // observable surface, so the stream works even if loaded without the events module.
  function newAbortController() {
    const AC = globalThis.AbortController;
    if (typeof AC === "function") return new AC();
    const listeners = [];
    const signal = {
      aborted: false, reason: undefined,
      addEventListener(type, fn) { if (type === "abort") listeners.push(fn); },
      removeEventListener(type, fn) { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
    };
    return {
      signal,
      abort(reason) {
        if (signal.aborted) return;
        signal.aborted = true;
        signal.reason = reason === undefined ? new Error("The operation was aborted") : reason;
        for (const fn of listeners.splice(0)) fn.call(signal, { type: "abort" });
      },
    };
  }

  function setUpWSController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    wsUpdateBackpressure(stream, wscGetBackpressure(controller));
    const startResult = startAlgorithm();
    react(resolved(startResult), () => {
      controller.started = true;
      wscAdvanceQueueIfNeeded(controller);
    }, (r) => {
      controller.started = true;
      wsDealWithRejection(stream, r);
    });
  }

  function setUpWSControllerFromSink(stream, sink, s, highWaterMark, sizeAlgorithm) {
    const controller = new WSController();
    controller.pub = new WritableStreamDefaultController(TOKEN, controller);
    const { start, write, close, abort } = s;
    setUpWSController(stream, controller,
      start ? () => start.call(sink, controller.pub) : noop,
      write ? (chunk) => promiseCall(write, sink, chunk, controller.pub) : RESOLVED_UNDEFINED,
      close ? () => promiseCall(close, sink) : RESOLVED_UNDEFINED,
      abort ? (reason) => promiseCall(abort, sink, reason) : RESOLVED_UNDEFINED,
      highWaterMark, sizeAlgorithm);
  }

  function wscClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  function wscClose(controller) {
    controller.queue.push(CLOSE_SENTINEL, 0);
    wscAdvanceQueueIfNeeded(controller);
  }

  function wscGetChunkSize(controller, chunk) {
    if (controller.strategySizeAlgorithm === undefined) return 1; // already erroring
    try {
      return controller.strategySizeAlgorithm(chunk);
    } catch (e) {
      wscErrorIfNeeded(controller, e);
      return 1;
    }
  }

  const wscGetDesiredSize = (controller) => controller.strategyHWM - controller.queue.total;
  const wscGetBackpressure = (controller) => wscGetDesiredSize(controller) <= 0;

  function wscWrite(controller, chunk, chunkSize) {
    try {
      controller.queue.push(chunk, chunkSize);
    } catch (e) {
      wscErrorIfNeeded(controller, e);
      return;
    }
    const stream = controller.stream;
    if (!wsCloseQueuedOrInFlight(stream) && stream.state === "writable") {
      wsUpdateBackpressure(stream, wscGetBackpressure(controller));
    }
    wscAdvanceQueueIfNeeded(controller);
  }

  function wscAdvanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started || stream.inFlightWriteRequest !== undefined) return;
    if (stream.state === "erroring") { wsFinishErroring(stream); return; }
    if (controller.queue.length === 0) return;
    const value = controller.queue.peek();
    if (value === CLOSE_SENTINEL) wscProcessClose(controller);
    else wscProcessWrite(controller, value);
  }

  function wscErrorIfNeeded(controller, error) {
    if (controller.stream.state === "writable") wscError(controller, error);
  }

  function wscProcessClose(controller) {
    const stream = controller.stream;
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
    controller.queue.shift();
    const sinkClosePromise = controller.closeAlgorithm();
    wscClearAlgorithms(controller);
    react(sinkClosePromise, () => wsFinishInFlightClose(stream), (r) => wsFinishInFlightCloseWithError(stream, r));
  }

  function wscProcessWrite(controller, chunk) {
    const stream = controller.stream;
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    react(controller.writeAlgorithm(chunk), () => {
      wsFinishInFlightWrite(stream);
      controller.queue.shift();
      if (!wsCloseQueuedOrInFlight(stream) && stream.state === "writable") {
        wsUpdateBackpressure(stream, wscGetBackpressure(controller));
      }
      wscAdvanceQueueIfNeeded(controller);
    }, (reason) => {
      if (stream.state === "writable") wscClearAlgorithms(controller);
      wsFinishInFlightWriteWithError(stream, reason);
    });
  }

  function wscError(controller, error) {
    wscClearAlgorithms(controller);
    wsStartErroring(controller.stream, error);
  }

  // ---------------------------------------------------------------------------------------------
  // Public WritableStream classes

  let wsOf;
  let isWS;

  class WritableStream {
    #s;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === TOKEN) { this.#s = new WS(this); return; }
      const sink = optionalObject(underlyingSink, "underlyingSink");
      const d = dict(sink, "underlyingSink");
      const s = {
        abort: callback(d.abort, "abort"),
        close: callback(d.close, "close"),
        start: callback(d.start, "start"),
      };
      const type = d.type;
      s.write = callback(d.write, "write");
      const strat = strategyDict(strategy);
      if (type !== undefined) throw new RangeError("Invalid sink type");
      const size = extractSizeAlgorithm(strat);
      const hwm = extractHighWaterMark(strat, 1);
      const stream = this.#s = new WS(this);
      setUpWSControllerFromSink(stream, sink, s, hwm, size);
    }
    static {
      wsOf = (x) => {
        if (isObject(x) && #s in x) return x.#s;
        throw new TypeError("Not a WritableStream");
      };
      isWS = (x) => isObject(x) && #s in x;
    }

    get locked() { return wsIsLocked(this.#s); }

    abort(reason = undefined) {
      if (!isWS(this)) return rejected(new TypeError("Not a WritableStream"));
      const stream = this.#s;
      if (wsIsLocked(stream)) return rejected(new TypeError("Cannot abort a locked WritableStream"));
      return writableStreamAbort(stream, reason);
    }

    close() {
      if (!isWS(this)) return rejected(new TypeError("Not a WritableStream"));
      const stream = this.#s;
      if (wsIsLocked(stream)) return rejected(new TypeError("Cannot close a locked WritableStream"));
      if (wsCloseQueuedOrInFlight(stream)) return rejected(new TypeError("The stream is already closing"));
      return writableStreamClose(stream);
    }

    getWriter() { return new WritableStreamDefaultWriter(TOKEN, acquireWriter(this.#s)); }
  }

  class WritableStreamDefaultController {
    #c;
    constructor(token = undefined, controller = undefined) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#c = controller;
    }
    get signal() { return this.#c.signal; }
    error(e = undefined) {
      const c = this.#c;
      if (c.stream.state !== "writable") return;
      wscError(c, e);
    }
  }

  let writerOf;

  class WritableStreamDefaultWriter {
    #w;
    constructor(stream, internal = undefined) {
      if (stream === TOKEN) { this.#w = internal; return; }
      const writer = new Writer();
      setUpWriter(writer, wsOf(stream));
      this.#w = writer;
    }
    static {
      writerOf = (x) => (isObject(x) && #w in x ? x.#w : undefined);
    }

    get closed() {
      const w = writerOf(this);
      return w === undefined ? rejected(new TypeError("Not a WritableStreamDefaultWriter")) : w.closed.promise;
    }

    get desiredSize() {
      const w = this.#w;
      if (w.stream === undefined) throw new TypeError("The writer has been released");
      return writerGetDesiredSize(w);
    }

    get ready() {
      const w = writerOf(this);
      return w === undefined ? rejected(new TypeError("Not a WritableStreamDefaultWriter")) : w.ready.promise;
    }

    abort(reason = undefined) {
      const w = writerOf(this);
      if (w === undefined) return rejected(new TypeError("Not a WritableStreamDefaultWriter"));
      if (w.stream === undefined) return rejected(new TypeError("The writer has been released"));
      return writableStreamAbort(w.stream, reason);
    }

    close() {
      const w = writerOf(this);
      if (w === undefined) return rejected(new TypeError("Not a WritableStreamDefaultWriter"));
      const stream = w.stream;
      if (stream === undefined) return rejected(new TypeError("The writer has been released"));
      if (wsCloseQueuedOrInFlight(stream)) return rejected(new TypeError("The stream is already closing"));
      return writableStreamClose(stream);
    }

    releaseLock() {
      const w = this.#w;
      if (w.stream !== undefined) writerRelease(w);
    }

    write(chunk = undefined) {
      const w = writerOf(this);
      if (w === undefined) return rejected(new TypeError("Not a WritableStreamDefaultWriter"));
      if (w.stream === undefined) return rejected(new TypeError("The writer has been released"));
      return writerWrite(w, chunk);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TransformStream internal state and abstract operations

  class TS {
    constructor() {
      this.readable = undefined; // RS
      this.writable = undefined; // WS
      this.backpressure = undefined;
      this.backpressureChange = undefined; // Deferred
      this.controller = undefined; // TSController
    }
  }

  class TSController {
    constructor() {
      this.pub = undefined;
      this.stream = undefined;
      this.transformAlgorithm = undefined;
      this.flushAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.finish = undefined; // Deferred shared by close/abort/cancel so they run once
    }
  }

  // The readable side's controller is a default one, or a byte one for Cloudflare's byte-only
  // transforms; these pick the matching operation.
  const rcEnqueue = (c, chunk) => (c.isByte ? bcEnqueue(c, chunk) : dcEnqueue(c, chunk));
  const rcClose = (c) => {
    if (!c.isByte) { dcClose(c); return; }
    bcClose(c);
    // A byte stream leaves a pending BYOB read waiting for respond(0) once it is closed.
    if (c.stream.state === "closed" && c.pendingPullIntos.length > 0) bcRespond(c, 0);
  };
  const rcError = (c, e) => (c.isByte ? bcError(c, e) : dcError(c, e));
  const rcCanCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === "readable";
  const rcHasBackpressure = (c) => !(c.isByte ? bcShouldCallPull(c) : dcShouldCallPull(c));

  function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize, readableBytes = false) {
    const startAlgorithm = () => startPromise;
    stream.writable = createWritableStream(startAlgorithm,
      (chunk) => tsSinkWrite(stream, chunk),
      () => tsSinkClose(stream),
      (reason) => tsSinkAbort(stream, reason),
      writableHWM, writableSize);
    const pull = () => tsSourcePull(stream);
    const cancel = (reason) => tsSourceCancel(stream, reason);
    stream.readable = readableBytes ? createReadableByteStream(startAlgorithm, pull, cancel)
      : createReadableStream(startAlgorithm, pull, cancel, readableHWM, readableSize);
    tsSetBackpressure(stream, true);
  }

  function tsError(stream, e) {
    rcError(stream.readable.controller, e);
    tsErrorWritableAndUnblockWrite(stream, e);
  }

  function tsErrorWritableAndUnblockWrite(stream, e) {
    tscClearAlgorithms(stream.controller);
    wscErrorIfNeeded(stream.writable.controller, e);
    if (stream.backpressure) tsSetBackpressure(stream, false);
  }

  function tsSetBackpressure(stream, backpressure) {
    if (stream.backpressureChange !== undefined) stream.backpressureChange.resolve(undefined);
    stream.backpressureChange = new Deferred();
    stream.backpressure = backpressure;
  }

  function setUpTSController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    controller.transformAlgorithm = transformAlgorithm;
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }

  function setUpTSControllerFromTransformer(stream, transformer, t) {
    const controller = new TSController();
    controller.pub = new TransformStreamDefaultController(TOKEN, controller);
    const { transform, flush, cancel } = t;
    setUpTSController(stream, controller,
      transform ? (chunk) => promiseCall(transform, transformer, chunk, controller.pub) : (chunk) => {
        try { tscEnqueue(controller, chunk); return resolved(undefined); } catch (e) { return rejected(e); }
      },
      flush ? () => promiseCall(flush, transformer, controller.pub) : RESOLVED_UNDEFINED,
      cancel ? (reason) => promiseCall(cancel, transformer, reason) : RESOLVED_UNDEFINED);
    return controller;
  }

  function tscClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  function tscEnqueue(controller, chunk) {
    const stream = controller.stream;
    const rc = stream.readable.controller;
    if (!rcCanCloseOrEnqueue(rc)) throw new TypeError("Readable side is not in a state that permits enqueue");
    try {
      rcEnqueue(rc, chunk);
    } catch (e) {
      tsErrorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    if (rcHasBackpressure(rc) && !stream.backpressure) tsSetBackpressure(stream, true);
  }

  function tscPerformTransform(controller, chunk) {
    return react(controller.transformAlgorithm(chunk), undefined, (r) => {
      tsError(controller.stream, r);
      throw r;
    });
  }

  function tscTerminate(controller) {
    const stream = controller.stream;
    rcClose(stream.readable.controller);
    tsErrorWritableAndUnblockWrite(stream, new TypeError("The transform stream has been terminated"));
  }

  function tsSinkWrite(stream, chunk) {
    const controller = stream.controller;
    if (stream.backpressure) {
      return react(stream.backpressureChange.promise, () => {
        const writable = stream.writable;
        if (writable.state === "erroring") throw writable.storedError;
        return tscPerformTransform(controller, chunk);
      });
    }
    return tscPerformTransform(controller, chunk);
  }

  function tsSinkAbort(stream, reason) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const readable = stream.readable;
    const finish = controller.finish = new Deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    tscClearAlgorithms(controller);
    react(cancelPromise, () => {
      if (readable.state === "errored") finish.reject(readable.storedError);
      else { rcError(readable.controller, reason); finish.resolve(undefined); }
    }, (r) => {
      rcError(readable.controller, r);
      finish.reject(r);
    });
    return finish.promise;
  }

  function tsSinkClose(stream) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const readable = stream.readable;
    const finish = controller.finish = new Deferred();
    const flushPromise = controller.flushAlgorithm();
    tscClearAlgorithms(controller);
    react(flushPromise, () => {
      if (readable.state === "errored") finish.reject(readable.storedError);
      else { rcClose(readable.controller); finish.resolve(undefined); }
    }, (r) => {
      rcError(readable.controller, r);
      finish.reject(r);
    });
    return finish.promise;
  }

  function tsSourcePull(stream) {
    tsSetBackpressure(stream, false);
    return stream.backpressureChange.promise;
  }

  function tsSourceCancel(stream, reason) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const writable = stream.writable;
    const finish = controller.finish = new Deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    tscClearAlgorithms(controller);
    react(cancelPromise, () => {
      if (writable.state === "errored") finish.reject(writable.storedError);
      else {
        wscErrorIfNeeded(writable.controller, reason);
        if (stream.backpressure) tsSetBackpressure(stream, false);
        finish.resolve(undefined);
      }
    }, (r) => {
      wscErrorIfNeeded(writable.controller, r);
      if (stream.backpressure) tsSetBackpressure(stream, false);
      finish.reject(r);
    });
    return finish.promise;
  }

  // ---------------------------------------------------------------------------------------------
  // Public TransformStream classes

  class TransformStream {
    #t;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === TOKEN) { this.#t = writableStrategy; return; }
      const tr = optionalObject(transformer, "transformer");
      const d = dict(tr, "transformer");
      const t = {
        cancel: callback(d.cancel, "cancel"),
        flush: callback(d.flush, "flush"),
      };
      const readableType = d.readableType;
      const start = callback(d.start, "start");
      t.transform = callback(d.transform, "transform");
      const writableType = d.writableType;
      const ws = strategyDict(writableStrategy);
      const rs = strategyDict(readableStrategy);
      if (readableType !== undefined) throw new RangeError("Invalid readableType");
      if (writableType !== undefined) throw new RangeError("Invalid writableType");
      const readableHWM = extractHighWaterMark(rs, 0);
      const readableSize = extractSizeAlgorithm(rs);
      const writableHWM = extractHighWaterMark(ws, 1);
      const writableSize = extractSizeAlgorithm(ws);
      const startDeferred = new Deferred();
      const stream = this.#t = new TS();
      initializeTransformStream(stream, startDeferred.promise, writableHWM, writableSize, readableHWM, readableSize);
      const controller = setUpTSControllerFromTransformer(stream, tr, t);
      startDeferred.resolve(start ? start.call(tr, controller.pub) : undefined);
    }

    get readable() { return this.#t.readable.pub; }
    get writable() { return this.#t.writable.pub; }
  }

  class TransformStreamDefaultController {
    #c;
    constructor(token = undefined, controller = undefined) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#c = controller;
    }
    get desiredSize() {
      const rc = this.#c.stream.readable.controller;
      return rc.isByte ? bcGetDesiredSize(rc) : dcGetDesiredSize(rc);
    }
    enqueue(chunk = undefined) { tscEnqueue(this.#c, chunk); }
    error(reason = undefined) { tsError(this.#c.stream, reason); }
    terminate() { tscTerminate(this.#c); }
  }

  // ---------------------------------------------------------------------------------------------
  // Byte streams: buffers and views

  // ArrayBuffer and view internals are read through the intrinsic getters, not through properties
  // user code could shadow on an instance.
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const taName = getter(TypedArrayProto, Symbol.toStringTag);
  const taBuffer = getter(TypedArrayProto, "buffer");
  const taOffset = getter(TypedArrayProto, "byteOffset");
  const taByteLength = getter(TypedArrayProto, "byteLength");
  const taLength = getter(TypedArrayProto, "length");
  const dvBuffer = getter(DataView.prototype, "buffer");
  const dvOffset = getter(DataView.prototype, "byteOffset");
  const dvByteLength = getter(DataView.prototype, "byteLength");
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const abDetached = getter(ArrayBuffer.prototype, "detached");
  const abTransfer = ArrayBuffer.prototype.transfer;
  const abSlice = ArrayBuffer.prototype.slice;
  const isView = ArrayBuffer.isView;
  const U8 = Uint8Array;
  const VIEW_CTORS = { DataView };
  for (const name of ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    if (typeof globalThis[name] === "function") VIEW_CTORS[name] = globalThis[name];
  }

  // What the spec reads from an ArrayBufferView's internal slots.
  function viewParts(view, what) {
    if (!isView(view)) throw new TypeError(`${what} must be an ArrayBuffer view`);
    const name = taName.call(view);
    if (name === undefined) {
      return { buffer: dvBuffer.call(view), byteOffset: dvOffset.call(view), byteLength: dvByteLength.call(view),
        ctor: DataView, elementSize: 1, length: dvByteLength.call(view) };
    }
    const ctor = VIEW_CTORS[name];
    return { buffer: taBuffer.call(view), byteOffset: taOffset.call(view), byteLength: taByteLength.call(view),
      ctor, elementSize: ctor.BYTES_PER_ELEMENT, length: taLength.call(view) };
  }

  function isDetached(buffer) {
    try { return abDetached.call(buffer); } catch { return false; } // a SharedArrayBuffer never detaches
  }
  // The spec's TransferArrayBuffer: moves the bytes to a new ArrayBuffer and detaches the old one.
  function transfer(buffer) { return abTransfer.call(buffer); }
  function cloneAsUint8Array(view) {
    const p = viewParts(view, "chunk");
    return new U8(abSlice.call(p.buffer, p.byteOffset, p.byteOffset + p.byteLength));
  }

  // Web IDL [EnforceRange] unsigned long long.
  function enforceRange(x, what) {
    const n = Number(x);
    if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number`);
    const i = Math.trunc(n);
    if (i < 0 || i > Number.MAX_SAFE_INTEGER) throw new TypeError(`${what} is out of range`);
    return i;
  }

  // ---------------------------------------------------------------------------------------------
  // ReadableByteStreamController (internal)

  // A pending read into a buffer: from read(view), or from autoAllocateChunkSize for a default
  // reader. readerType becomes "none" when its reader is released before it is filled.
  class PullInto {
    constructor(buffer, byteOffset, byteLength, minimumFill, elementSize, ctor, readerType) {
      this.buffer = buffer;
      this.bufferByteLength = abByteLength.call(buffer);
      this.byteOffset = byteOffset;
      this.byteLength = byteLength;
      this.bytesFilled = 0;
      this.minimumFill = minimumFill;
      this.elementSize = elementSize;
      this.viewConstructor = ctor;
      this.readerType = readerType; // "default" | "byob" | "none"
    }
  }

  class ByteController {
    constructor() {
      this.isByte = true;
      this.pub = undefined;
      this.stream = undefined;
      this.queue = new Queue(); // entries { buffer, byteOffset, byteLength }, sized by byteLength
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategyHWM = 0;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.autoAllocateChunkSize = undefined;
      this.onPulled = undefined;
      this.onPullFailed = undefined;
      this.pendingPullIntos = [];
      this.byobRequest = null; // { controller, view, pub } while a BYOB request is outstanding
    }

    cancelSteps(reason) {
      bcClearPendingPullIntos(this);
      this.queue.reset();
      const result = this.cancelAlgorithm(reason);
      bcClearAlgorithms(this);
      return result;
    }

    pullSteps(request) {
      if (this.queue.total > 0) {
        request.chunk(bcTakeChunk(this));
        return;
      }
      const size = this.autoAllocateChunkSize;
      if (size !== undefined) {
        let buffer;
        try { buffer = new ArrayBuffer(size); } catch (e) { request.error(e); return; }
        this.pendingPullIntos.push(new PullInto(buffer, 0, size, 1, 1, U8, "default"));
      }
      this.stream.reader.readRequests.push(request);
      bcCallPullIfNeeded(this);
    }

    releaseSteps() {
      if (this.pendingPullIntos.length > 0) {
        const first = this.pendingPullIntos[0];
        first.readerType = "none";
        this.pendingPullIntos = [first];
      }
    }
  }

  // Takes the head queue entry as a Uint8Array for a default reader (FillReadRequestFromQueue).
  function bcTakeChunk(controller) {
    const entry = controller.queue.shift();
    bcHandleQueueDrain(controller);
    return new U8(entry.buffer, entry.byteOffset, entry.byteLength);
  }

  function setUpByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
    controller.stream = stream;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    controller.autoAllocateChunkSize = autoAllocateChunkSize;
    stream.controller = controller;
    controller.onPulled = () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        bcCallPullIfNeeded(controller);
      }
    };
    controller.onPullFailed = (e) => bcError(controller, e);
    const startResult = startAlgorithm();
    react(resolved(startResult), () => {
      controller.started = true;
      bcCallPullIfNeeded(controller);
    }, controller.onPullFailed);
  }

  function setUpByteControllerFromSource(stream, source, src, highWaterMark, autoAllocateChunkSize) {
    const controller = new ByteController();
    controller.pub = new ReadableByteStreamController(TOKEN, controller);
    if (autoAllocateChunkSize === 0) throw new TypeError("autoAllocateChunkSize must be greater than 0");
    const { start, pull, cancel } = src;
    setUpByteController(stream, controller,
      start ? () => start.call(source, controller.pub) : noop,
      pull ? () => promiseCall(pull, source, controller.pub) : RESOLVED_UNDEFINED,
      cancel ? (reason) => promiseCall(cancel, source, reason) : RESOLVED_UNDEFINED,
      highWaterMark, autoAllocateChunkSize);
  }

  function bcCallPullIfNeeded(controller) {
    if (!bcShouldCallPull(controller)) return;
    if (controller.pulling) { controller.pullAgain = true; return; }
    controller.pulling = true;
    react(controller.pullAlgorithm(), controller.onPulled, controller.onPullFailed);
  }

  function bcShouldCallPull(controller) {
    const stream = controller.stream;
    if (stream.state !== "readable" || controller.closeRequested || !controller.started) return false;
    const reader = stream.reader;
    if (reader !== undefined) {
      if (reader.byob ? reader.readIntoRequests.length > 0 : reader.readRequests.length > 0) return true;
    }
    return bcGetDesiredSize(controller) > 0;
  }

  function bcClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  function bcClearPendingPullIntos(controller) {
    bcInvalidateBYOBRequest(controller);
    controller.pendingPullIntos = [];
  }

  function bcClose(controller) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== "readable") return;
    if (controller.queue.total > 0) { controller.closeRequested = true; return; }
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
        bcError(controller, e);
        throw e;
      }
    }
    bcClearAlgorithms(controller);
    readableStreamClose(stream);
  }

  function bcCommitPullInto(stream, pullInto) {
    const done = stream.state === "closed";
    const filledView = bcConvertPullInto(pullInto);
    if (pullInto.readerType === "default") {
      readableStreamFulfillReadRequest(stream, filledView, done);
    } else {
      const request = stream.reader.readIntoRequests.shift();
      if (done) request.close(filledView); else request.chunk(filledView);
    }
  }

  function bcConvertPullInto(pullInto) {
    const buffer = transfer(pullInto.buffer);
    return new pullInto.viewConstructor(buffer, pullInto.byteOffset, pullInto.bytesFilled / pullInto.elementSize);
  }

  function bcEnqueue(controller, chunk) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== "readable") return;
    const { buffer, byteOffset, byteLength } = viewParts(chunk, "chunk");
    if (isDetached(buffer)) throw new TypeError("The chunk's buffer is detached");
    const transferred = transfer(buffer);
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      if (isDetached(first.buffer)) throw new TypeError("The BYOB request's buffer has been detached");
      bcInvalidateBYOBRequest(controller);
      first.buffer = transfer(first.buffer);
      if (first.readerType === "none") bcEnqueueDetachedPullIntoToQueue(controller, first);
    }
    if (hasDefaultReader(stream)) {
      bcProcessReadRequestsUsingQueue(controller);
      if (stream.reader.readRequests.length === 0) {
        controller.queue.push({ buffer: transferred, byteOffset, byteLength }, byteLength);
      } else {
        if (controller.pendingPullIntos.length > 0) controller.pendingPullIntos.shift();
        readableStreamFulfillReadRequest(stream, new U8(transferred, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(stream)) {
      controller.queue.push({ buffer: transferred, byteOffset, byteLength }, byteLength);
      const filled = bcProcessPullIntosUsingQueue(controller);
      for (let i = 0; i < filled.length; i++) bcCommitPullInto(stream, filled[i]);
    } else {
      controller.queue.push({ buffer: transferred, byteOffset, byteLength }, byteLength);
    }
    bcCallPullIfNeeded(controller);
  }

  function bcEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = abSlice.call(buffer, byteOffset, byteOffset + byteLength);
    } catch (e) {
      bcError(controller, e);
      throw e;
    }
    controller.queue.push({ buffer: clone, byteOffset: 0, byteLength }, byteLength);
  }

  function bcEnqueueDetachedPullIntoToQueue(controller, pullInto) {
    if (pullInto.bytesFilled > 0) {
      bcEnqueueClonedChunkToQueue(controller, pullInto.buffer, pullInto.byteOffset, pullInto.bytesFilled);
    }
    controller.pendingPullIntos.shift();
  }

  function bcError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== "readable") return;
    bcClearPendingPullIntos(controller);
    controller.queue.reset();
    bcClearAlgorithms(controller);
    readableStreamError(stream, e);
  }

  // Copies queued bytes into a pull-into; true once it holds at least its minimum fill.
  function bcFillPullIntoFromQueue(controller, pullInto) {
    const queue = controller.queue;
    const maxBytesToCopy = Math.min(queue.total, pullInto.byteLength - pullInto.bytesFilled);
    const maxBytesFilled = pullInto.bytesFilled + maxBytesToCopy;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % pullInto.elementSize);
    let remaining = maxBytesToCopy;
    let ready = false;
    if (maxAlignedBytes >= pullInto.minimumFill) {
      remaining = maxAlignedBytes - pullInto.bytesFilled;
      ready = true;
    }
    const dest = new U8(pullInto.buffer);
    while (remaining > 0) {
      const head = queue.peek();
      const n = Math.min(remaining, head.byteLength);
      dest.set(new U8(head.buffer, head.byteOffset, n), pullInto.byteOffset + pullInto.bytesFilled);
      if (head.byteLength === n) {
        queue.shift();
      } else {
        head.byteOffset += n;
        head.byteLength -= n;
        queue.consumeHead(n);
      }
      pullInto.bytesFilled += n;
      remaining -= n;
    }
    return ready;
  }

  function bcGetBYOBRequest(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      const view = new U8(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const request = { controller, view, pub: undefined };
      request.pub = new ReadableStreamBYOBRequest(TOKEN, request);
      controller.byobRequest = request;
    }
    return controller.byobRequest === null ? null : controller.byobRequest.pub;
  }

  function bcGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return controller.strategyHWM - controller.queue.total;
  }

  function bcHandleQueueDrain(controller) {
    if (controller.queue.total === 0 && controller.closeRequested) {
      bcClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    } else {
      bcCallPullIfNeeded(controller);
    }
  }

  function bcInvalidateBYOBRequest(controller) {
    const request = controller.byobRequest;
    if (request === null) return;
    request.controller = undefined;
    request.view = null;
    controller.byobRequest = null;
  }

  // Fills pending pull-intos from the queue; returns the ones now ready, for the caller to commit.
  function bcProcessPullIntosUsingQueue(controller) {
    const filled = [];
    while (controller.pendingPullIntos.length > 0 && controller.queue.total > 0) {
      const pullInto = controller.pendingPullIntos[0];
      if (bcFillPullIntoFromQueue(controller, pullInto)) {
        controller.pendingPullIntos.shift();
        filled.push(pullInto);
      }
    }
    return filled;
  }

  function bcProcessReadRequestsUsingQueue(controller) {
    const reader = controller.stream.reader;
    while (reader.readRequests.length > 0 && controller.queue.total > 0) {
      const request = reader.readRequests.shift();
      request.chunk(bcTakeChunk(controller));
    }
  }

  function bcPullInto(controller, view, min, request) {
    const stream = controller.stream;
    const p = viewParts(view, "view");
    let buffer;
    try { buffer = transfer(p.buffer); } catch (e) { request.error(e); return; }
    const pullInto = new PullInto(buffer, p.byteOffset, p.byteLength, min * p.elementSize, p.elementSize, p.ctor, "byob");
    if (controller.pendingPullIntos.length > 0) {
      // The source already knows a read is waiting; queue behind it without pulling again.
      controller.pendingPullIntos.push(pullInto);
      stream.reader.readIntoRequests.push(request);
      return;
    }
    if (stream.state === "closed") {
      request.close(new p.ctor(pullInto.buffer, pullInto.byteOffset, 0));
      return;
    }
    if (controller.queue.total > 0) {
      if (bcFillPullIntoFromQueue(controller, pullInto)) {
        const filledView = bcConvertPullInto(pullInto);
        bcHandleQueueDrain(controller);
        request.chunk(filledView);
        return;
      }
      if (controller.closeRequested) {
        const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
        bcError(controller, e);
        request.error(e);
        return;
      }
    }
    controller.pendingPullIntos.push(pullInto);
    stream.reader.readIntoRequests.push(request);
    bcCallPullIfNeeded(controller);
  }

  function bcRespond(controller, bytesWritten) {
    const first = controller.pendingPullIntos[0];
    if (controller.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("bytesWritten must be 0 when calling respond() on a closed stream");
    } else {
      if (bytesWritten === 0) throw new TypeError("bytesWritten must be greater than 0 when calling respond() on a readable stream");
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError("bytesWritten out of range");
    }
    first.buffer = transfer(first.buffer);
    bcRespondInternal(controller, bytesWritten);
  }

  function bcRespondInClosedState(controller, first) {
    if (first.readerType === "none") controller.pendingPullIntos.shift();
    const stream = controller.stream;
    if (hasBYOBReader(stream)) {
      while (stream.reader.readIntoRequests.length > 0) {
        bcCommitPullInto(stream, controller.pendingPullIntos.shift());
      }
    }
  }

  function bcRespondInReadableState(controller, bytesWritten, pullInto) {
    pullInto.bytesFilled += bytesWritten;
    if (pullInto.readerType === "none") {
      bcEnqueueDetachedPullIntoToQueue(controller, pullInto);
      const filled = bcProcessPullIntosUsingQueue(controller);
      for (let i = 0; i < filled.length; i++) bcCommitPullInto(controller.stream, filled[i]);
      return;
    }
    if (pullInto.bytesFilled < pullInto.minimumFill) return;
    controller.pendingPullIntos.shift();
    const remainder = pullInto.bytesFilled % pullInto.elementSize;
    if (remainder > 0) {
      const end = pullInto.byteOffset + pullInto.bytesFilled;
      bcEnqueueClonedChunkToQueue(controller, pullInto.buffer, end - remainder, remainder);
    }
    pullInto.bytesFilled -= remainder;
    const filled = bcProcessPullIntosUsingQueue(controller);
    bcCommitPullInto(controller.stream, pullInto);
    for (let i = 0; i < filled.length; i++) bcCommitPullInto(controller.stream, filled[i]);
  }

  function bcRespondInternal(controller, bytesWritten) {
    const first = controller.pendingPullIntos[0];
    bcInvalidateBYOBRequest(controller);
    if (controller.stream.state === "closed") bcRespondInClosedState(controller, first);
    else bcRespondInReadableState(controller, bytesWritten, first);
    bcCallPullIfNeeded(controller);
  }

  function bcRespondWithNewView(controller, view) {
    const p = viewParts(view, "view");
    const first = controller.pendingPullIntos[0];
    if (controller.stream.state === "closed") {
      if (p.byteLength !== 0) throw new TypeError("The view's length must be 0 when calling respondWithNewView() on a closed stream");
    } else if (p.byteLength === 0) {
      throw new TypeError("The view's length must be greater than 0 when calling respondWithNewView() on a readable stream");
    }
    if (first.byteOffset + first.bytesFilled !== p.byteOffset) throw new RangeError("The region specified by view does not match byobRequest");
    if (first.bufferByteLength !== abByteLength.call(p.buffer)) throw new RangeError("The buffer of view has different capacity than byobRequest");
    if (first.bytesFilled + p.byteLength > first.byteLength) throw new RangeError("The region specified by view is larger than byobRequest");
    first.buffer = transfer(p.buffer);
    bcRespondInternal(controller, p.byteLength);
  }

  // ---------------------------------------------------------------------------------------------
  // BYOB reader (internal). A read-into request has chunk(view) / close(view) / error(e).

  class BYOBReader {
    constructor() { this.byob = true; this.stream = undefined; this.closed = undefined; this.readIntoRequests = []; }
  }

  function acquireBYOBReader(stream) {
    const reader = new BYOBReader();
    setUpBYOBReader(reader, stream);
    return reader;
  }

  function setUpBYOBReader(reader, stream) {
    if (isLocked(stream)) throw new TypeError("ReadableStream is locked");
    if (!stream.controller.isByte) throw new TypeError("A BYOB reader needs a byte stream (type: \"bytes\")");
    readerGenericInitialize(reader, stream);
  }

  function byobReaderRead(reader, view, min, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "errored") request.error(stream.storedError);
    else bcPullInto(stream.controller, view, min, request);
  }

  function byobReaderRelease(reader) {
    readerGenericRelease(reader);
    byobReaderErrorReadIntoRequests(reader, new TypeError("The reader's lock was released"));
  }

  function byobReaderErrorReadIntoRequests(reader, e) {
    const requests = reader.readIntoRequests;
    if (requests.length === 0) return;
    reader.readIntoRequests = [];
    for (let i = 0; i < requests.length; i++) requests[i].error(e);
  }

  class PromiseReadIntoRequest {
    constructor() {
      const r = withResolvers.call(PromiseCtor);
      this.promise = r.promise;
      this.res = r.resolve;
      this.rej = r.reject;
    }
    chunk(value) { this.res({ value, done: false }); }
    close(value) { this.res({ value, done: true }); }
    error(e) { this.rej(e); }
  }

  // ---------------------------------------------------------------------------------------------
  // Byte stream tee: each branch is a byte stream; a BYOB read on one branch reads straight into
  // its buffer and the other branch gets a copy.

  function byteStreamTee(stream) {
    let reader = acquireDefaultReader(stream);
    let readAgainForBranch1 = false, readAgainForBranch2 = false, reading = false;
    let canceled1 = false, canceled2 = false, reason1, reason2, branch1, branch2;
    const cancelPromise = new Deferred();

    function forwardReaderError(thisReader) {
      react(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        bcError(branch1.controller, r);
        bcError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    }

    function afterChunk() {
      reading = false;
      if (readAgainForBranch1) pull1Algorithm();
      else if (readAgainForBranch2) pull2Algorithm();
    }

    function cloneFailed(e) {
      bcError(branch1.controller, e);
      bcError(branch2.controller, e);
      cancelPromise.resolve(readableStreamCancel(stream, e));
    }

    function pullWithDefaultReader() {
      if (reader.byob) {
        byobReaderRelease(reader);
        reader = acquireDefaultReader(stream);
        forwardReaderError(reader);
      }
      defaultReaderRead(reader, {
        chunk(chunk) {
          // Delayed a microtask so that an error that follows a chunk synchronously wins.
          react(resolved(undefined), () => {
            readAgainForBranch1 = readAgainForBranch2 = false;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try { chunk2 = cloneAsUint8Array(chunk); } catch (e) { cloneFailed(e); return; }
            }
            if (!canceled1) bcEnqueue(branch1.controller, chunk);
            if (!canceled2) bcEnqueue(branch2.controller, chunk2);
            afterChunk();
          });
        },
        close() {
          reading = false;
          if (!canceled1) bcClose(branch1.controller);
          if (!canceled2) bcClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) bcRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) bcRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        error() { reading = false; },
      });
    }

    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.byob) {
        defaultReaderRelease(reader);
        reader = acquireBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      byobReaderRead(reader, view, 1, {
        chunk(chunk) {
          react(resolved(undefined), () => {
            readAgainForBranch1 = readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let cloned;
              try { cloned = cloneAsUint8Array(chunk); } catch (e) { cloneFailed(e); return; }
              if (!byobCanceled) bcRespondWithNewView(byobBranch.controller, chunk);
              bcEnqueue(otherBranch.controller, cloned);
            } else if (!byobCanceled) {
              bcRespondWithNewView(byobBranch.controller, chunk);
            }
            afterChunk();
          });
        },
        close(chunk) {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) bcClose(byobBranch.controller);
          if (!otherCanceled) bcClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) bcRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) bcRespond(otherBranch.controller, 0);
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        error() { reading = false; },
      });
    }

    function pullAlgorithm(branch, forBranch2) {
      if (reading) {
        if (forBranch2) readAgainForBranch2 = true; else readAgainForBranch1 = true;
        return resolved(undefined);
      }
      reading = true;
      const request = bcGetBYOBRequest(branch.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(branch.controller.byobRequest.view, forBranch2);
      return resolved(undefined);
    }
    function pull1Algorithm() { return pullAlgorithm(branch1, false); }
    function pull2Algorithm() { return pullAlgorithm(branch2, true); }

    function cancel1(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }

    branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1);
    branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ---------------------------------------------------------------------------------------------
  // Public byte stream classes

  class ReadableByteStreamController {
    #c;
    constructor(token = undefined, controller = undefined) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#c = controller;
    }
    get byobRequest() { return bcGetBYOBRequest(this.#c); }
    get desiredSize() { return bcGetDesiredSize(this.#c); }
    close() {
      const c = this.#c;
      if (c.closeRequested) throw new TypeError("The stream is already closing");
      if (c.stream.state !== "readable") throw new TypeError("The stream is not readable");
      bcClose(c);
    }
    enqueue(chunk) {
      const c = this.#c;
      const p = viewParts(chunk, "chunk");
      if (p.byteLength === 0) throw new TypeError("chunk must not be empty");
      if (abByteLength.call(p.buffer) === 0) throw new TypeError("chunk's buffer must not be empty or detached");
      if (c.closeRequested) throw new TypeError("The stream is closing");
      if (c.stream.state !== "readable") throw new TypeError("The stream is not readable");
      bcEnqueue(c, chunk);
    }
    error(e = undefined) { bcError(this.#c, e); }
  }

  class ReadableStreamBYOBRequest {
    #r;
    constructor(token = undefined, request = undefined) {
      if (token !== TOKEN) throw new TypeError("Illegal constructor");
      this.#r = request;
    }
    get view() { return this.#r.view; }
    respond(bytesWritten) {
      const r = this.#r;
      const n = enforceRange(bytesWritten, "bytesWritten");
      if (r.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(taBuffer.call(r.view))) throw new TypeError("The BYOB request's buffer has been detached");
      bcRespond(r.controller, n);
    }
    respondWithNewView(view) {
      const r = this.#r;
      if (!isView(view)) throw new TypeError("view must be an ArrayBuffer view");
      if (r.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(viewParts(view, "view").buffer)) throw new TypeError("The view's buffer has been detached");
      bcRespondWithNewView(r.controller, view);
    }
  }

  let byobReaderOf;

  class ReadableStreamBYOBReader {
    #r;
    constructor(stream, internal = undefined) {
      if (stream === TOKEN) { this.#r = internal; return; }
      const reader = new BYOBReader();
      setUpBYOBReader(reader, rsOf(stream));
      this.#r = reader;
    }
    static {
      byobReaderOf = (x) => (isObject(x) && #r in x ? x.#r : undefined);
    }

    get closed() {
      const r = byobReaderOf(this);
      return r === undefined ? rejected(new TypeError("Not a ReadableStreamBYOBReader")) : r.closed.promise;
    }

    cancel(reason = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return rejected(new TypeError("Not a ReadableStreamBYOBReader"));
      if (r.stream === undefined) return rejected(new TypeError("The reader has been released"));
      return readableStreamCancel(r.stream, reason);
    }

    read(view, options = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return rejected(new TypeError("Not a ReadableStreamBYOBReader"));
      let p, min;
      try {
        p = viewParts(view, "view");
        const m = dict(options, "options").min;
        min = m === undefined ? 1 : enforceRange(m, "options.min");
      } catch (e) { return rejected(e); }
      if (p.byteLength === 0) return rejected(new TypeError("view must have a non-zero byteLength"));
      if (abByteLength.call(p.buffer) === 0) return rejected(new TypeError("view's buffer must have a non-zero byteLength"));
      if (isDetached(p.buffer)) return rejected(new TypeError("view's buffer has been detached"));
      if (min === 0) return rejected(new TypeError("options.min must be greater than 0"));
      if (min > p.length) return rejected(new RangeError("options.min must not exceed the view's length"));
      if (r.stream === undefined) return rejected(new TypeError("The reader has been released"));
      const request = new PromiseReadIntoRequest();
      byobReaderRead(r, view, min, request);
      return request.promise;
    }

    releaseLock() {
      const r = this.#r;
      if (r.stream !== undefined) byobReaderRelease(r);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cloudflare's byte-only transforms. The writable side takes ArrayBuffers and views; the readable
  // side is a byte stream (BYOB-readable) of Uint8Arrays. FixedLengthStream also checks that exactly
  // `expectedLength` bytes pass, and tells Response the length up front.

  function copyBytes(chunk) {
    if (chunk instanceof ArrayBuffer) return new U8(abSlice.call(chunk, 0));
    if (isView(chunk)) return cloneAsUint8Array(chunk);
    throw new TypeError("This TransformStream is being used as a byte stream, but received an object of " +
      "non-ArrayBuffer/ArrayBufferView type on its writable side.");
  }

  function createByteTransform(strategy, expectedLength) {
    const writableHWM = extractHighWaterMark(strategyDict(strategy), 1);
    const stream = new TS();
    initializeTransformStream(stream, resolved(undefined), writableHWM, () => 1, 0, undefined, true);
    const controller = new TSController();
    let seen = 0;
    setUpTSController(stream, controller,
      (chunk) => {
        try {
          // Copied, so the writer keeps its buffer (enqueueing transfers, which would detach it).
          const bytes = copyBytes(chunk);
          seen += bytes.byteLength;
          if (expectedLength >= 0 && seen > expectedLength) {
            throw new TypeError("Attempt to write too many bytes through a FixedLengthStream.");
          }
          if (bytes.byteLength > 0) tscEnqueue(controller, bytes);
          return resolved(undefined);
        } catch (e) {
          return rejected(e);
        }
      },
      () => (expectedLength >= 0 && seen < expectedLength
        ? rejected(new TypeError("FixedLengthStream did not see all expected bytes before close()."))
        : resolved(undefined)),
      RESOLVED_UNDEFINED);
    if (expectedLength >= 0) stream.readable.expectedLength = expectedLength;
    return stream;
  }

  class IdentityTransformStream extends TransformStream {
    constructor(queuingStrategy = undefined, internal = undefined) {
      super(TOKEN, queuingStrategy === TOKEN ? internal : createByteTransform(queuingStrategy, -1));
    }
  }

  class FixedLengthStream extends IdentityTransformStream {
    constructor(expectedLength, queuingStrategy = undefined) {
      let n = typeof expectedLength === "bigint" ? Number(expectedLength) : expectedLength;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
        throw new TypeError("FixedLengthStream requires a non-negative integer expected length");
      }
      super(TOKEN, createByteTransform(queuingStrategy, n));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Exports

  webIdlClass(ReadableStream, "ReadableStream");
  webIdlClass(ReadableStreamDefaultController, "ReadableStreamDefaultController");
  webIdlClass(ReadableStreamDefaultReader, "ReadableStreamDefaultReader");
  webIdlClass(ReadableStreamBYOBReader, "ReadableStreamBYOBReader");
  webIdlClass(ReadableByteStreamController, "ReadableByteStreamController");
  webIdlClass(ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest");
  webIdlClass(WritableStream, "WritableStream");
  webIdlClass(WritableStreamDefaultController, "WritableStreamDefaultController");
  webIdlClass(WritableStreamDefaultWriter, "WritableStreamDefaultWriter");
  webIdlClass(TransformStream, "TransformStream");
  webIdlClass(TransformStreamDefaultController, "TransformStreamDefaultController");
  webIdlClass(IdentityTransformStream, "IdentityTransformStream");
  webIdlClass(FixedLengthStream, "FixedLengthStream");
  webIdlClass(ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy");
  webIdlClass(CountQueuingStrategy, "CountQueuingStrategy");

  const isReadableStream = isRS;
  const isDisturbed = (stream) => rsOf(stream).disturbed; // Body's "bodyUsed" needs the stream's [[disturbed]]
  // The byte length a body stream will have, when known up front (FixedLengthStream), else undefined.
  const streamExpectedLength = (stream) => rsOf(stream).expectedLength;
  const isWritableStream = isWS;

  return {
    isReadableStream, isDisturbed, streamExpectedLength, isWritableStream, ReadableStream,
    ReadableStreamDefaultController, ReadableStreamDefaultReader, ReadableStreamBYOBReader,
    ReadableByteStreamController, ReadableStreamBYOBRequest, WritableStream,
    WritableStreamDefaultController, WritableStreamDefaultWriter, TransformStream,
    TransformStreamDefaultController, IdentityTransformStream, FixedLengthStream,
    ByteLengthQueuingStrategy, CountQueuingStrategy
  };
})
