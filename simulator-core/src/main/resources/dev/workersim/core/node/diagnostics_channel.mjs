// node:diagnostics_channel (nodejs_compat): named channels that publishers post to and subscribers
// hear, synchronously; TracingChannel groups the start/end/asyncStart/asyncEnd/error channels.
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:diagnostics_channel was loaded outside the workersim runtime");
const { invalidArgType } = node;

const channels = new Map(); // name -> Channel

export class Channel {
  #subscribers = [];
  #stores = new Map(); // AsyncLocalStorage -> transform

  constructor(name) {
    this.name = name;
  }

  get hasSubscribers() { return this.#subscribers.length > 0 || this.#stores.size > 0; }

  subscribe(onMessage) {
    if (typeof onMessage !== "function") throw invalidArgType("subscription", "of type function", onMessage);
    this.#subscribers.push(onMessage);
  }

  unsubscribe(onMessage) {
    const i = this.#subscribers.indexOf(onMessage);
    if (i === -1) return false;
    this.#subscribers.splice(i, 1);
    return true;
  }

  // A subscriber that throws does not stop the others; its error surfaces later, as in Node.
  publish(message) {
    for (const fn of this.#subscribers.slice()) {
      try {
        fn(message, this.name);
      } catch (err) {
        queueMicrotask(() => { throw err; });
      }
    }
  }

  bindStore(store, transform) { this.#stores.set(store, transform); }
  unbindStore(store) { return this.#stores.delete(store); }

  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return fn.apply(thisArg, args);
    };
    for (const [store, transform] of this.#stores) {
      const inner = run;
      run = () => store.run(transform ? transform(data) : data, inner);
    }
    return run();
  }
}

export function channel(name) {
  if (typeof name !== "string" && typeof name !== "symbol") throw invalidArgType("name", "of type string or symbol", name);
  let ch = channels.get(name);
  if (ch === undefined) {
    ch = new Channel(name);
    channels.set(name, ch);
  }
  return ch;
}

export function hasSubscribers(name) { return channels.get(name)?.hasSubscribers ?? false; }
export function subscribe(name, onMessage) { channel(name).subscribe(onMessage); }
export function unsubscribe(name, onMessage) { return channel(name).unsubscribe(onMessage); }

const EVENTS = ["start", "end", "asyncStart", "asyncEnd", "error"];

export class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of EVENTS) {
      this[event] = typeof nameOrChannels === "string" ? channel(`tracing:${nameOrChannels}:${event}`) : nameOrChannels[event];
    }
  }

  get hasSubscribers() { return EVENTS.some((e) => this[e].hasSubscribers); }

  subscribe(handlers) { for (const e of EVENTS) if (handlers[e]) this[e].subscribe(handlers[e]); }

  unsubscribe(handlers) {
    let all = true;
    for (const e of EVENTS) if (handlers[e] && !this[e].unsubscribe(handlers[e])) all = false;
    return all;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    return this.start.runStores(context, () => {
      try {
        context.result = fn.apply(thisArg, args);
        return context.result;
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    return this.start.runStores(context, () => {
      try {
        const promise = Promise.resolve(fn.apply(thisArg, args));
        this.end.publish(context);
        return promise.then((result) => {
          context.result = result;
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          return result;
        }, (err) => {
          context.error = err;
          this.error.publish(context);
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          throw err;
        });
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        this.end.publish(context);
        throw err;
      }
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    const callback = args.at(position);
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const self = this;
    args.splice(position < 0 ? args.length + position : position, 1, function (err, result) {
      if (err) { context.error = err; self.error.publish(context); } else context.result = result;
      self.asyncStart.publish(context);
      try {
        return callback.apply(this, arguments);
      } finally {
        self.asyncEnd.publish(context);
      }
    });
    return this.traceSync(fn, context, thisArg, ...args);
  }
}

export function tracingChannel(nameOrChannels) { return new TracingChannel(nameOrChannels); }

export default { Channel, TracingChannel, channel, hasSubscribers, subscribe, unsubscribe, tracingChannel };
