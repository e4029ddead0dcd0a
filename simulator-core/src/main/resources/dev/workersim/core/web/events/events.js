// web/events/events.js: DOMException, Event, EventTarget, AbortController and AbortSignal (the parts the
// body and fetch code rely on; the web-platform issue completes them).
// imports: runtime/internal
(function (ops, $, imports) {
  "use strict";
  const { idl, expose } = imports;

  const DOMEXCEPTION_CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    #name;
    #message;
    constructor(message = "", options = "Error") {
      super(String(message), typeof options === "object" && options !== null && "cause" in options ? { cause: options.cause } : undefined);
      this.#message = String(message);
      this.#name = typeof options === "object" && options !== null ? String(options.name ?? "Error") : String(options);
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return DOMEXCEPTION_CODES[this.#name] ?? 0; }
  }
  // Own `message` from Error's constructor would shadow the getter; remove it so the getter is used.
  idl(DOMException, "DOMException");
  for (const [k, v] of Object.entries(DOMEXCEPTION_CODES)) {
    const constName = k.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase() + "_ERR";
    Object.defineProperty(DOMException, constName, { value: v, enumerable: true });
  }

  const kStop = Symbol("stop");
  class Event {
    #type; #bubbles; #cancelable; #composed; #defaultPrevented = false; #timeStamp;
    #target = null; #currentTarget = null;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.#type = String(type);
      this.#bubbles = !!init?.bubbles;
      this.#cancelable = !!init?.cancelable;
      this.#composed = !!init?.composed;
      this.#timeStamp = 0;
      this[kStop] = false;
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#defaultPrevented; }
    get timeStamp() { return this.#timeStamp; }
    get target() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#currentTarget ? 2 : 0; }
    get isTrusted() { return trusted.has(this); }
    get returnValue() { return !this.#defaultPrevented; }
    preventDefault() { if (this.#cancelable) this.#defaultPrevented = true; }
    stopPropagation() {}
    stopImmediatePropagation() { this[kStop] = true; }
    composedPath() { return this.#currentTarget ? [this.#currentTarget] : []; }
    static _setTarget(ev, target) { ev.#target = target; ev.#currentTarget = target; }
  }
  // Events the runtime itself dispatches (recorded: workerd's unhandledrejection and MessagePort
  // message events have isTrusted true); one a worker constructs stays untrusted.
  const trusted = new WeakSet();
  const trustedEvent = (event) => { trusted.add(event); return event; };
  const setTarget = Event._setTarget;
  delete Event._setTarget;
  idl(Event, "Event");
  Object.defineProperties(Event, { NONE: { value: 0 }, CAPTURING_PHASE: { value: 1 }, AT_TARGET: { value: 2 }, BUBBLING_PHASE: { value: 3 } });

  // A target that stands for another object in its events: the global scope's listeners live on an
  // internal EventTarget (runtime/dispatch.js), but event.target and the listeners' `this` are
  // globalThis, as in workerd (recorded: unhandledrejection's target === globalThis).
  const shownAs = new WeakMap();
  const showTargetAs = (target, shown) => { shownAs.set(target, shown); };

  // An `on<type>` attribute on cls.prototype (enumerable, null when unset): one listener in the list at
  // the place of its first assignment. workerd calls these with the global scope as `this` (recorded
  // on MessagePort.onmessage).
  const eventHandlers = new WeakMap(); // target -> Map(type -> { fn, listener })
  const defineEventHandler = (cls, type) => {
    Object.defineProperty(cls.prototype, "on" + type, {
      enumerable: true, configurable: true,
      get() { return eventHandlers.get(this)?.get(type)?.fn ?? null; },
      set(fn) {
        let byType = eventHandlers.get(this);
        if (!byType) eventHandlers.set(this, (byType = new Map()));
        const old = byType.get(type);
        if (old) this.removeEventListener(type, old.listener);
        byType.delete(type);
        if (typeof fn !== "function") return;
        const entry = { fn, listener: (event) => fn.call(globalThis, event) };
        byType.set(type, entry);
        this.addEventListener(type, entry.listener);
      },
    });
  };

  class EventTarget {
    #listeners = new Map(); // type -> [{ fn, once, signal }]
    addEventListener(type, listener, options) {
      if (listener == null) return;
      const once = typeof options === "object" && options !== null && !!options.once;
      const signal = typeof options === "object" && options !== null ? options.signal : undefined;
      if (signal?.aborted) return;
      type = String(type);
      let list = this.#listeners.get(type);
      if (!list) this.#listeners.set(type, (list = []));
      if (list.some((l) => l.fn === listener)) return;
      const entry = { fn: listener, once };
      list.push(entry);
      signal?.addEventListener("abort", () => this.removeEventListener(type, listener));
    }
    removeEventListener(type, listener) {
      const list = this.#listeners.get(String(type));
      if (!list) return;
      const i = list.findIndex((l) => l.fn === listener);
      if (i >= 0) list.splice(i, 1);
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      const shown = shownAs.get(this) ?? this;
      setTarget(event, shown);
      const list = this.#listeners.get(event.type);
      if (list) {
        for (const l of list.slice()) {
          if (l.once) this.removeEventListener(event.type, l.fn);
          try {
            if (typeof l.fn === "function") l.fn.call(shown, event); else l.fn.handleEvent(event);
          } catch (err) {
            $.reportUncaught(err);
          }
          if (event[kStop]) break;
        }
      }
      return !event.defaultPrevented;
    }
  }
  idl(EventTarget, "EventTarget");

  const kAbort = Symbol("abort");
  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    constructor(key) {
      if (key !== kAbort) throw new TypeError("Illegal constructor");
      super();
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    // The onabort event handler attribute: one listener, added on first set, that calls the current handler.
    #onabort = null;
    get onabort() { return this.#onabort; }
    set onabort(fn) {
      const first = this.#onabort === null;
      this.#onabort = typeof fn === "function" || (typeof fn === "object" && fn !== null) ? fn : null;
      if (first && this.#onabort !== null) {
        this.addEventListener("abort", (e) => { const h = this.#onabort; if (typeof h === "function") h.call(this, e); });
      }
    }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    static abort(reason) {
      const s = new AbortSignal(kAbort);
      s.#aborted = true;
      s.#reason = reason === undefined ? new DOMException("The operation was aborted", "AbortError") : reason;
      return s;
    }
    static timeout(ms) {
      const s = new AbortSignal(kAbort);
      setTimeout(() => fireAbort(s, new DOMException("The operation was aborted due to timeout", "TimeoutError")), ms);
      return s;
    }
    static any(signals) {
      const s = new AbortSignal(kAbort);
      for (const x of signals) {
        if (x.aborted) { fireAbort(s, x.reason); return s; }
      }
      for (const x of signals) x.addEventListener("abort", () => fireAbort(s, x.reason), { once: true });
      return s;
    }
    static _fire(s, reason) {
      if (s.#aborted) return;
      s.#aborted = true;
      s.#reason = reason === undefined ? new DOMException("The operation was aborted", "AbortError") : reason;
      s.dispatchEvent(new Event("abort"));
    }
  }
  const fireAbort = AbortSignal._fire;
  delete AbortSignal._fire;
  idl(AbortSignal, "AbortSignal");

  class AbortController {
    #signal = new AbortSignal(kAbort);
    get signal() { return this.#signal; }
    abort(reason) { fireAbort(this.#signal, reason); }
  }
  idl(AbortController, "AbortController");

  class CustomEvent extends Event {
    #detail;
    constructor(type, init = {}) { super(type, init); this.#detail = init?.detail ?? null; }
    get detail() { return this.#detail; }
  }
  idl(CustomEvent, "CustomEvent");

  for (const [k, v] of Object.entries({ DOMException, Event, EventTarget, AbortSignal, AbortController, CustomEvent })) expose(k, v);

  return {
    showTargetAs, defineEventHandler, trustedEvent,
    DOMException, Event, EventTarget, AbortSignal, AbortController, CustomEvent,
    setEventTarget: setTarget
  };
})
