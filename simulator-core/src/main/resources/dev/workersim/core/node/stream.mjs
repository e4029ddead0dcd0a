// node:stream (nodejs_compat): Readable, Writable, Duplex, Transform, PassThrough, pipeline and
// finished, a compact take on Node's streams (flowing and paused modes, backpressure through
// highWaterMark and 'drain', objectMode, async iteration). Constructors are plain functions, as in
// Node, so `Readable.call(this, options)` with util.inherits() works for old-style subclasses.
import { EventEmitter } from "node:events";
import { Buffer } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:stream was loaded outside the workersim runtime");
const { nodeError, invalidArgType } = node;

const defer = (fn, ...args) => queueMicrotask(() => fn(...args)); // Node uses process.nextTick
const inherit = (Child, Parent) => {
  Object.setPrototypeOf(Child.prototype, Parent.prototype);
  Object.setPrototypeOf(Child, Parent);
};
const chunkLength = (state, chunk) => (state.objectMode ? 1 : chunk.length);

function toChunk(chunk, encoding, objectMode, what) {
  if (objectMode) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, encoding);
  if (chunk instanceof Buffer) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw invalidArgType(what, "of type string or an instance of Buffer or Uint8Array", chunk);
}

// ---- Stream: the legacy base ----

export function Stream(options) {
  EventEmitter.call(this, options);
}
inherit(Stream, EventEmitter);
Stream.prototype.pipe = function pipe(dest, options) {
  return Readable.prototype.pipe.call(this, dest, options);
};

// ---- Readable ----

function ReadableState(options = {}, isDuplex) {
  this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
  this.highWaterMark = options.highWaterMark ?? options.readableHighWaterMark ?? (this.objectMode ? 16 : 16384);
  this.buffer = [];
  this.length = 0;
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.decoder = options.encoding ? new StringDecoder(options.encoding) : null;
  this.encoding = options.encoding ?? null;
  this.emitClose = options.emitClose !== false;
  this.autoDestroy = options.autoDestroy !== false;
  this.flowScheduled = false;
  this.resumeScheduled = false;
  this.readableListening = false;
}

export function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  Stream.call(this, options);
  this._readableState = new ReadableState(options, this instanceof Duplex);
  if (options) {
    if (typeof options.read === "function") this._read = options.read;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    if (options.signal) options.signal.addEventListener("abort", () => this.destroy(abortError()), { once: true });
  }
}
inherit(Readable, Stream);

Readable.prototype.push = function push(chunk, encoding) {
  const state = this._readableState;
  if (chunk === null) {
    state.reading = false;
    if (!state.ended) {
      if (state.decoder) {
        const rest = state.decoder.end();
        if (rest) addChunk(this, state, rest);
      }
      state.ended = true;
      scheduleFlow(this);
    }
    return false;
  }
  if (state.ended) {
    errorOrDestroy(this, nodeError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"));
    return false;
  }
  if (state.destroyed) return false;
  state.reading = false;
  let data = toChunk(chunk, encoding, state.objectMode, "chunk");
  if (state.decoder && !state.objectMode) data = state.decoder.write(data);
  if (state.objectMode || data.length > 0) addChunk(this, state, data);
  scheduleFlow(this);
  return state.length < state.highWaterMark;
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  const state = this._readableState;
  const data = toChunk(chunk, encoding, state.objectMode, "chunk");
  state.buffer.unshift(data);
  state.length += chunkLength(state, data);
  scheduleFlow(this);
};

function addChunk(stream, state, data) {
  state.buffer.push(data);
  state.length += chunkLength(state, data);
  if (state.readableListening) defer(() => stream.emit("readable"));
}

function scheduleFlow(stream) {
  const state = stream._readableState;
  if (state.flowScheduled) return;
  state.flowScheduled = true;
  defer(() => {
    state.flowScheduled = false;
    flow(stream);
  });
}

function flow(stream) {
  const state = stream._readableState;
  if (state.destroyed) return;
  while (state.flowing && state.buffer.length > 0) {
    const chunk = state.buffer.shift();
    state.length -= chunkLength(state, chunk);
    stream.emit("data", chunk);
  }
  if (state.ended) {
    if (state.buffer.length === 0) endReadable(stream);
    return;
  }
  if ((state.flowing || state.readableListening) && state.length < state.highWaterMark) requestRead(stream);
}

function requestRead(stream) {
  const state = stream._readableState;
  if (state.reading || state.ended || state.destroyed) return;
  state.reading = true;
  try {
    stream._read(state.highWaterMark);
  } catch (err) {
    stream.destroy(err);
  }
}

function endReadable(stream) {
  const state = stream._readableState;
  if (state.endEmitted) return;
  state.endEmitted = true;
  defer(() => {
    stream.emit("end");
    const ws = stream._writableState;
    if (state.autoDestroy && (ws === undefined || ws.finished || ws.destroyed)) stream.destroy();
    else if (ws !== undefined && !ws.ended && stream.allowHalfOpen === false) stream.end();
  });
}

Readable.prototype._read = function _read() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _read() method is not implemented");
};

Readable.prototype.read = function read(n) {
  const state = this._readableState;
  if (state.buffer.length === 0) {
    if (state.ended) endReadable(this);
    else requestRead(this);
    return null;
  }
  let out;
  if (state.objectMode) {
    out = state.buffer.shift();
    state.length -= 1;
  } else if (n === undefined || n >= state.length) {
    if (n !== undefined && n > state.length && !state.ended) { requestRead(this); return null; }
    out = state.decoder ? state.buffer.join("") : Buffer.concat(state.buffer);
    state.buffer = [];
    state.length = 0;
  } else {
    const all = state.decoder ? state.buffer.join("") : Buffer.concat(state.buffer);
    out = all.slice(0, n);
    state.buffer = [all.slice(n)];
    state.length -= n;
  }
  if (state.ended && state.buffer.length === 0) endReadable(this);
  else if (state.length < state.highWaterMark) defer(() => requestRead(this));
  if (out !== null) this.emit("data", out);
  return out;
};

Readable.prototype.on = function on(event, listener) {
  const result = Stream.prototype.on.call(this, event, listener);
  const state = this._readableState;
  if (event === "data" && state.flowing !== false) this.resume();
  if (event === "readable") {
    state.readableListening = true;
    state.flowing = false;
    if (state.length > 0 || state.ended) defer(() => this.emit("readable"));
    else defer(() => requestRead(this));
  }
  return result;
};
Readable.prototype.addListener = Readable.prototype.on;

// 'resume' once per switch to flowing, a tick later and just before the data flows.
Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      defer(() => {
        state.resumeScheduled = false;
        this.emit("resume");
        flow(this);
      });
    }
  }
  return this;
};

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit("pause");
  }
  return this;
};

Readable.prototype.isPaused = function isPaused() { return this._readableState.flowing === false; };

Readable.prototype.setEncoding = function setEncoding(encoding) {
  const state = this._readableState;
  state.decoder = new StringDecoder(encoding);
  state.encoding = state.decoder.encoding;
  state.buffer = state.buffer.map((b) => state.decoder.write(b));
  return this;
};

Readable.prototype.pipe = function pipe(dest, options) {
  const src = this;
  const onData = (chunk) => {
    if (dest.write(chunk) === false) src.pause();
  };
  const onDrain = () => src.resume();
  src.on("data", onData);
  dest.on("drain", onDrain);
  if (options?.end !== false) src.once("end", () => dest.end());
  // A destination that finishes or closes is unpiped (and the source paused), as in Node.
  const onDone = () => src.unpipe(dest);
  dest.once("finish", onDone);
  dest.once("close", onDone);
  src._pipes = (src._pipes ?? []).concat([{ dest, onData, onDrain, onDone }]);
  dest.emit("pipe", src);
  src.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const removed = (this._pipes ?? []).filter((p) => dest === undefined || p.dest === dest);
  if (removed.length === 0) return this;
  this._pipes = this._pipes.filter((p) => !removed.includes(p));
  if (this._pipes.length === 0) this.pause();
  for (const p of removed) {
    this.removeListener("data", p.onData);
    p.dest.removeListener("drain", p.onDrain);
    p.dest.removeListener("finish", p.onDone);
    p.dest.removeListener("close", p.onDone);
    p.dest.emit("unpipe", this);
  }
  return this;
};

Readable.prototype.destroy = function destroy(err, cb) { return destroyStream(this, err, cb); };
Readable.prototype._destroy = function _destroy(err, cb) { cb(err); };

Readable.prototype[Symbol.asyncIterator] = function asyncIterator() {
  const stream = this;
  const queue = [];
  const waiting = [];
  let error = null;
  let done = false;
  const settle = () => {
    while (waiting.length > 0 && (queue.length > 0 || error !== null || done)) {
      const w = waiting.shift();
      if (queue.length > 0) w.resolve({ value: queue.shift(), done: false });
      else if (error !== null) w.reject(error);
      else w.resolve({ value: undefined, done: true });
    }
  };
  stream.on("data", (chunk) => {
    queue.push(chunk);
    settle();
  });
  stream.once("end", () => { done = true; settle(); });
  stream.once("error", (err) => { error = err; settle(); });
  stream.once("close", () => {
    if (!done && error === null && !stream._readableState.endEmitted) {
      error = nodeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close");
    }
    done = true;
    settle();
  });
  return {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (error !== null) return Promise.reject(error);
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      done = true;
      stream.destroy();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
};

Readable.prototype.toArray = async function toArray() {
  const out = [];
  for await (const chunk of this) out.push(chunk);
  return out;
};

for (const [name, get] of Object.entries({
  readable() { const s = this._readableState; return !s.destroyed && !s.endEmitted; },
  readableEnded() { return this._readableState.endEmitted; },
  readableFlowing() { return this._readableState.flowing; },
  readableLength() { return this._readableState.length; },
  readableObjectMode() { return this._readableState.objectMode; },
  readableHighWaterMark() { return this._readableState.highWaterMark; },
  readableEncoding() { return this._readableState.encoding; },
  destroyed() { return (this._readableState ?? this._writableState).destroyed; },
  closed() { return (this._readableState ?? this._writableState).closed; },
  errored() { return (this._readableState ?? this._writableState).errored; },
})) {
  Object.defineProperty(Readable.prototype, name, { get, configurable: true, enumerable: false });
}

Readable.from = function from(iterable, options) {
  if (typeof iterable === "string" || iterable instanceof Uint8Array) {
    return new Readable({ objectMode: true, ...options, read() { this.push(iterable); this.push(null); } });
  }
  const it = iterable?.[Symbol.asyncIterator]?.() ?? iterable?.[Symbol.iterator]?.();
  if (it === undefined) throw invalidArgType("iterable", "an instance of Iterable", iterable);
  let reading = false;
  return new Readable({
    objectMode: true,
    ...options,
    async read() {
      if (reading) return;
      reading = true;
      try {
        for (;;) {
          const { value, done } = await it.next();
          if (done) { this.push(null); break; }
          if (!this.push(await value)) break;
        }
      } catch (err) {
        this.destroy(err);
      } finally {
        reading = false;
      }
    },
    destroy(err, cb) {
      Promise.resolve(it.return?.()).then(() => cb(err), cb);
    },
  });
};

// ---- Writable ----

function WritableState(options = {}, isDuplex) {
  this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
  this.highWaterMark = options.highWaterMark ?? options.writableHighWaterMark ?? (this.objectMode ? 16 : 16384);
  this.decodeStrings = options.decodeStrings !== false;
  this.defaultEncoding = options.defaultEncoding ?? "utf8";
  this.length = 0;
  this.writing = false;
  this.buffered = [];
  this.corked = 0;
  this.ending = false;
  this.ended = false;
  this.finished = false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.needDrain = false;
  this.emitClose = options.emitClose !== false;
  this.autoDestroy = options.autoDestroy !== false;
  this.finalCalled = false;
  this.endCallbacks = [];
}

export function Writable(options) {
  if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
  Stream.call(this, options);
  initWritable(this, options, false);
}
inherit(Writable, Stream);

function initWritable(stream, options, isDuplex) {
  stream._writableState = new WritableState(options, isDuplex);
  if (options) {
    if (typeof options.write === "function") stream._write = options.write;
    if (typeof options.writev === "function") stream._writev = options.writev;
    if (typeof options.final === "function") stream._final = options.final;
    if (typeof options.destroy === "function") stream._destroy = options.destroy;
  }
}

Object.defineProperty(Writable, Symbol.hasInstance, {
  value(obj) {
    if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
    return this === Writable && obj?._writableState !== undefined;
  },
});

Writable.prototype.write = function write(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof encoding === "function") { cb = encoding; encoding = null; }
  encoding = encoding || state.defaultEncoding;
  if (chunk === null) throw nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
  let err = null;
  if (state.ending) err = nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
  else if (state.destroyed) err = nodeError(Error, "ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed");
  if (err !== null) {
    defer(() => { if (typeof cb === "function") cb(err); });
    errorOrDestroy(this, err);
    return false;
  }
  const data = state.objectMode || (!state.decodeStrings && typeof chunk === "string")
    ? chunk : toChunk(chunk, encoding, false, "chunk");
  if (typeof chunk === "string" && data !== chunk) encoding = "buffer";
  state.length += chunkLength(state, data);
  const ok = state.length < state.highWaterMark;
  if (!ok) state.needDrain = true;
  const entry = { chunk: data, encoding, cb: typeof cb === "function" ? cb : () => {} };
  if (state.writing || state.corked > 0 || state.buffered.length > 0) state.buffered.push(entry);
  else doWrite(this, state, entry);
  return ok;
};

// As in Node: when _write calls back, the stream is free for the next chunk at once; the write's
// own callback, 'drain' and 'finish' come a tick later when the call back was synchronous.
function doWrite(stream, state, entry) {
  state.writing = true;
  let sync = true;
  try {
    stream._write(entry.chunk, entry.encoding, (err) => onWrite(stream, state, entry, err, sync));
  } catch (err) {
    onWrite(stream, state, entry, err, false);
  }
  sync = false;
}

function onWrite(stream, state, entry, err, sync) {
  state.writing = false;
  state.length -= chunkLength(state, entry.chunk);
  if (err) {
    defer(entry.cb, err);
    errorOrDestroy(stream, err);
    return;
  }
  if (state.buffered.length > 0 && state.corked === 0) doWrite(stream, state, state.buffered.shift());
  if (sync) defer(afterWrite, stream, state, entry); else afterWrite(stream, state, entry);
}

function afterWrite(stream, state, entry) {
  entry.cb(null);
  if (state.needDrain && state.length === 0 && !state.ending && !state.destroyed) {
    state.needDrain = false;
    stream.emit("drain");
  }
  maybeFinish(stream, state);
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev !== undefined && this._writev !== null) this._writev([{ chunk, encoding }], cb);
  else throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _write() method is not implemented");
};
Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === "function") { cb = chunk; chunk = null; encoding = null; }
  else if (typeof encoding === "function") { cb = encoding; encoding = null; }
  if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
  if (state.corked > 0) { state.corked = 1; this.uncork(); }
  if (typeof cb === "function") {
    if (state.finished) defer(cb);
    else state.endCallbacks.push(cb);
  }
  if (!state.ending) {
    state.ending = true;
    maybeFinish(this, state);
    state.ended = true;
  }
  return this;
};

function maybeFinish(stream, state) {
  if (!state.ending || state.writing || state.buffered.length > 0 || state.finished || state.destroyed || state.finalCalled) return;
  state.finalCalled = true;
  const finish = (err) => {
    if (err) { errorOrDestroy(stream, err); for (const cb of state.endCallbacks.splice(0)) cb(err); return; }
    defer(() => {
      state.finished = true;
      for (const cb of state.endCallbacks.splice(0)) cb(null);
      stream.emit("finish");
      const rs = stream._readableState;
      if (state.autoDestroy && (rs === undefined || rs.endEmitted || rs.destroyed)) stream.destroy();
    });
  };
  if (typeof stream._final === "function") {
    try { stream._final(finish); } catch (err) { finish(err); }
  } else {
    finish();
  }
}

Writable.prototype.cork = function cork() { this._writableState.corked++; };
Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked > 0) state.corked--;
  if (state.corked === 0 && !state.writing && state.buffered.length > 0) doWrite(this, state, state.buffered.shift());
};
Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (!Buffer.isEncoding(encoding)) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
  this._writableState.defaultEncoding = encoding;
  return this;
};
Writable.prototype.destroy = function destroy(err, cb) { return destroyStream(this, err, cb); };
Writable.prototype._destroy = function _destroy(err, cb) { cb(err); };

for (const [name, get] of Object.entries({
  writable() { const s = this._writableState; return !s.destroyed && !s.ending && !s.errored; },
  writableEnded() { return this._writableState.ending; },
  writableFinished() { return this._writableState.finished; },
  writableLength() { return this._writableState.length; },
  writableObjectMode() { return this._writableState.objectMode; },
  writableHighWaterMark() { return this._writableState.highWaterMark; },
  writableNeedDrain() { return this._writableState.needDrain; },
  writableCorked() { return this._writableState.corked; },
  destroyed() { return this._writableState.destroyed; },
  closed() { return this._writableState.closed; },
  errored() { return this._writableState.errored; },
})) {
  Object.defineProperty(Writable.prototype, name, { get, configurable: true, enumerable: false });
}

// ---- destroy, shared by both halves ----

function destroyStream(stream, err, cb) {
  const states = [stream._readableState, stream._writableState].filter(Boolean);
  if (states.some((s) => s.destroyed)) {
    if (typeof cb === "function") defer(cb, err);
    return stream;
  }
  for (const s of states) {
    s.destroyed = true;
    if (err && !s.errored) s.errored = err;
  }
  stream._destroy(err ?? null, (e) => {
    defer(() => {
      if (e) {
        for (const s of states) if (!s.errored) s.errored = e;
        stream.emit("error", e);
      }
      for (const s of states) s.closed = true;
      if (states.every((s) => s.emitClose)) stream.emit("close");
      if (typeof cb === "function") cb(e);
    });
  });
  return stream;
}

function errorOrDestroy(stream, err) {
  const rs = stream._readableState;
  const ws = stream._writableState;
  if ((rs ?? ws).autoDestroy) stream.destroy(err);
  else defer(() => stream.emit("error", err));
}

function abortError() {
  const err = new Error("The operation was aborted");
  err.name = "AbortError";
  err.code = "ABORT_ERR";
  return err;
}

// ---- Duplex, Transform, PassThrough ----

export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  initWritable(this, options, true);
  this.allowHalfOpen = options?.allowHalfOpen !== false;
  if (options?.readable === false) this._readableState.ended = this._readableState.endEmitted = true;
  if (options?.writable === false) this._writableState.ending = this._writableState.ended = this._writableState.finished = true;
}
inherit(Duplex, Readable);
for (const key of Reflect.ownKeys(Writable.prototype)) {
  if (key === "constructor" || Object.prototype.hasOwnProperty.call(Duplex.prototype, key)) continue;
  if (key === "destroy" || key === "_destroy" || key === "destroyed" || key === "closed" || key === "errored") continue;
  Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
}

export function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  if (options) {
    if (typeof options.transform === "function") this._transform = options.transform;
    if (typeof options.flush === "function") this._flush = options.flush;
  }
}
inherit(Transform, Duplex);
Transform.prototype._transform = function _transform() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _transform() method is not implemented");
};
Transform.prototype._write = function _write(chunk, encoding, cb) {
  this._transform(chunk, encoding, (err, data) => {
    if (err) { cb(err); return; }
    if (data !== undefined && data !== null) this.push(data);
    cb();
  });
};
Transform.prototype._final = function _final(cb) {
  const done = (err, data) => {
    if (err) { cb(err); return; }
    if (data !== undefined && data !== null) this.push(data);
    this.push(null);
    cb();
  };
  if (typeof this._flush === "function") this._flush(done); else done();
};
Transform.prototype._read = function _read() {};

export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
inherit(PassThrough, Transform);
PassThrough.prototype._transform = function _transform(chunk, encoding, cb) { cb(null, chunk); };

// ---- finished, pipeline ----

export function finished(stream, options, callback) {
  if (typeof options === "function") { callback = options; options = {}; }
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
  const rs = stream._readableState;
  const ws = stream._writableState;
  const wantRead = options?.readable !== false && rs !== undefined;
  const wantWrite = options?.writable !== false && ws !== undefined;
  let readDone = !wantRead || rs.endEmitted;
  let writeDone = !wantWrite || ws.finished;
  let called = false;
  const call = (err) => {
    if (called) return;
    called = true;
    cleanup();
    callback.call(stream, err);
  };
  const onEnd = () => { readDone = true; if (writeDone) call(); };
  const onFinish = () => { writeDone = true; if (readDone) call(); };
  const onError = (err) => call(err);
  const onClose = () => {
    if (readDone && writeDone) call();
    else call(nodeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close"));
  };
  stream.on("end", onEnd);
  stream.on("finish", onFinish);
  stream.on("error", onError);
  stream.on("close", onClose);
  function cleanup() {
    stream.removeListener("end", onEnd);
    stream.removeListener("finish", onFinish);
    stream.removeListener("error", onError);
    stream.removeListener("close", onClose);
  }
  if (readDone && writeDone) defer(call);
  else if ((rs ?? ws)?.errored) defer(call, (rs ?? ws).errored);
  return cleanup;
}

export function pipeline(...streams) {
  const callback = typeof streams[streams.length - 1] === "function" ? streams.pop() : null;
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "streams" argument must be specified');
  if (callback === null) throw invalidArgType("callback", "of type function", undefined);
  if (!(streams[0] instanceof Stream) && (streams[0]?.[Symbol.asyncIterator] || streams[0]?.[Symbol.iterator])) {
    streams[0] = Readable.from(streams[0]);
  }
  let error = null;
  let pending = streams.length;
  const done = (err) => {
    if (err && error === null) {
      error = err;
      for (const s of streams) if (!s.destroyed) s.destroy(err);
    }
    if (--pending === 0 || error !== null) {
      const cb = callback;
      if (cb !== null && !done.called) {
        done.called = true;
        defer(cb, error ?? undefined);
      }
    }
  };
  streams.forEach((s, i) => {
    s.on("error", () => {}); // pipeline reports errors through its callback, never as uncaught
    finished(s, { readable: i < streams.length - 1, writable: i > 0 }, done);
    if (i > 0) streams[i - 1].pipe(s);
  });
  return streams[streams.length - 1];
}

export const promises = {
  pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (err) => (err ? reject(err) : resolve()))),
  finished: (stream, options) => new Promise((resolve, reject) => finished(stream, options, (err) => (err ? reject(err) : resolve()))),
};

export function addAbortSignal(signal, stream) {
  signal.addEventListener("abort", () => stream.destroy(abortError()), { once: true });
  return stream;
}
export function isReadable(stream) { return !!stream?._readableState && stream.readable; }
export function isWritable(stream) { return !!stream?._writableState && stream.writable; }
export function isErrored(stream) { return !!(stream?._readableState ?? stream?._writableState)?.errored; }
export function isDisturbed(stream) { return !!stream?._readableState && (stream._readableState.flowing !== null || stream._readableState.endEmitted); }
export function destroy(stream, err) { stream.destroy(err); }
export function isDestroyed(stream) { return !!(stream?._readableState ?? stream?._writableState)?.destroyed; }
export const _isUint8Array = (value) => value instanceof Uint8Array;
export const _isArrayBufferView = (value) => ArrayBuffer.isView(value);
export const _uint8ArrayToBuffer = (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
export function getDefaultHighWaterMark(objectMode) { return objectMode ? 16 : 16384; }
export function setDefaultHighWaterMark() {}

// ---- Web streams interop (Readable.fromWeb, ...), duplexPair and compose ----

Readable.fromWeb = function fromWeb(readableStream, options) {
  if (!(readableStream instanceof ReadableStream)) throw invalidArgType("readableStream", "an instance of ReadableStream", readableStream);
  const reader = readableStream.getReader();
  return Readable.from({ [Symbol.asyncIterator]: () => ({ next: () => reader.read(), return: () => reader.cancel().then(() => ({ done: true })) }) },
    { objectMode: false, ...options });
};
Readable.toWeb = function toWeb(readable) {
  return new ReadableStream({
    start(controller) {
      readable.on("data", (chunk) => controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk));
      readable.on("end", () => controller.close());
      readable.on("error", (err) => controller.error(err));
    },
    cancel(reason) { readable.destroy(reason); },
  });
};
Writable.fromWeb = function fromWeb(writableStream, options) {
  if (!(writableStream instanceof WritableStream)) throw invalidArgType("writableStream", "an instance of WritableStream", writableStream);
  const writer = writableStream.getWriter();
  return new Writable({
    ...options,
    write(chunk, encoding, cb) { writer.write(chunk).then(() => cb(), cb); },
    final(cb) { writer.close().then(() => cb(), cb); },
    destroy(err, cb) { (err ? writer.abort(err) : Promise.resolve()).then(() => cb(err), () => cb(err)); },
  });
};
Writable.toWeb = function toWeb(writable) {
  return new WritableStream({
    write: (chunk) => new Promise((resolve, reject) => {
      writable.write(chunk, (err) => (err ? reject(err) : resolve()));
    }),
    close: () => new Promise((resolve) => writable.end(resolve)),
    abort: (reason) => { writable.destroy(reason); },
  });
};
Duplex.fromWeb = function fromWeb(pair, options) {
  const readable = Readable.fromWeb(pair.readable, options);
  const writable = Writable.fromWeb(pair.writable, options);
  return Duplex.from({ readable, writable });
};
Duplex.toWeb = function toWeb(duplex) {
  return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
};
// A Duplex over a readable side and a writable side (Duplex.from({ readable, writable })), or Readable.from's.
Duplex.from = function from(body) {
  if (body instanceof Duplex) return body;
  if (body && (body.readable !== undefined || body.writable !== undefined) && !(body instanceof Readable) && !(body instanceof Writable)) {
    const { readable, writable } = body;
    const duplex = new Duplex({
      objectMode: true,
      read() { readable?.resume(); },
      write(chunk, encoding, cb) { writable.write(chunk, encoding, cb); },
      final(cb) { writable.end(cb); },
    });
    readable?.on("data", (chunk) => { if (!duplex.push(chunk)) readable.pause(); });
    readable?.on("end", () => duplex.push(null));
    readable?.on("error", (err) => duplex.destroy(err));
    return duplex;
  }
  return Readable.from(body);
};

// Two connected Duplexes: what one writes, the other reads.
export function duplexPair(options) {
  const sides = [];
  for (let i = 0; i < 2; i++) {
    sides.push(new Duplex({
      ...options,
      read() {},
      write(chunk, encoding, cb) { sides[1 - i].push(chunk); cb(); },
      final(cb) { sides[1 - i].push(null); cb(); },
    }));
  }
  return sides;
}

// One Duplex over a chain of streams: writes go to the first, reads come from the last.
export function compose(...streams) {
  if (streams.length === 0) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "streams" argument must be specified');
  if (streams.length === 1) return Duplex.from(streams[0]);
  const head = streams[0];
  const tail = streams[streams.length - 1];
  pipeline(...streams, () => {});
  return Duplex.from({ readable: tail, writable: head });
}

Object.assign(Stream, { Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, promises,
  addAbortSignal, isReadable, isWritable, isErrored, isDisturbed, getDefaultHighWaterMark, setDefaultHighWaterMark,
  destroy, isDestroyed, _isUint8Array, _isArrayBufferView, _uint8ArrayToBuffer, duplexPair, compose });
export default Stream;
