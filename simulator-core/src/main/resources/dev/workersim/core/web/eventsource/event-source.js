// web/eventsource/event-source.js: EventSource over fetch(), as workerd's (recorded from wrangler dev
// 4.168 against a local text/event-stream server): Accept: text/event-stream and Cache-Control:
// no-cache, an "open" OpenEvent, MessageEvents with the origin and the last id, an "error" ErrorEvent
// whose `error` says why; a dropped stream reconnects with Last-Event-ID, a bad status or content type
// closes for good.
// imports: runtime/internal, web/events/events, web/websocket/websocket, web/fetch/fetch
// imports: web/encoding/text-decoder, web/timers/timers
(function (ops, $, imports) {
  "use strict";
  const { idl, expose, Event, EventTarget, DOMException, MessageEvent, ErrorEvent, fetch, TextDecoder,
    defineEventHandler, trustedEvent } = imports;
  const setTimeout = globalThis.setTimeout, clearTimeout = globalThis.clearTimeout; // not the user's
  const CONNECTING = 0, OPEN = 1, CLOSED = 2;
  // workerd waits longer than a stream's `retry: 100` asks (no reconnection within 400 ms, three
  // connections within 3 s, recorded); the exact floor is not measured.
  const MIN_RECONNECT_MS = 1000;

  // The type of workerd's open event; not a global there either.
  class OpenEvent extends Event { constructor() { super("open"); } }

  class EventSource extends EventTarget {
    #url; #origin; #readyState = CONNECTING; #lastEventId = ""; #reconnectMs = MIN_RECONNECT_MS;
    #controller = null; #timer = null; #fetch; #withCredentials;
    constructor(url, init = undefined) {
      super();
      let parsed;
      try { parsed = new URL(String(url)); } catch {
        throw new DOMException(`Cannot open an EventSource to '${url}'. The URL is invalid.`, "SyntaxError");
      }
      this.#url = parsed.href;
      this.#origin = parsed.origin;
      // workerd's extension: { fetcher } (a service binding, any object with fetch()) in place of the
      // global fetch() (developers.cloudflare.com/workers/runtime-apis/eventsource).
      const fetcher = init?.fetcher;
      this.#fetch = fetcher != null ? (u, options) => fetcher.fetch(u, options) : fetch;
      this.#withCredentials = !!init?.withCredentials;
      this.#connect();
    }
    get url() { return this.#url; }
    get withCredentials() { return this.#withCredentials; }
    get readyState() { return this.#readyState; }
    close() {
      this.#readyState = CLOSED;
      this.#controller?.abort();
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
    }

    async #connect() {
      const controller = (this.#controller = new AbortController());
      const headers = { accept: "text/event-stream", "cache-control": "no-cache" };
      if (this.#lastEventId !== "") headers["last-event-id"] = this.#lastEventId;
      try {
        const response = await this.#fetch(this.#url, { headers, signal: controller.signal });
        if (this.#readyState === CLOSED) return;
        if (response.status !== 200) return this.#failForGood(`The response status code was ${response.status}.`);
        const type = response.headers.get("content-type");
        if (type === null || type.split(";")[0].trim().toLowerCase() !== "text/event-stream") {
          return this.#failForGood(`The content type '${type ?? ""}' is invalid.`);
        }
        this.#readyState = OPEN;
        this.dispatchEvent(trustedEvent(new OpenEvent()));
        await this.#read(response.body);
        if (this.#readyState !== CLOSED) this.#retry(new Error("The server disconnected."));
      } catch (err) {
        if (this.#readyState !== CLOSED) this.#retry(err);
      }
    }
    #failForGood(message) {
      this.#readyState = CLOSED;
      this.dispatchEvent(trustedEvent(new ErrorEvent("error", { error: new DOMException(message, "AbortError") })));
    }
    #retry(error) {
      this.#readyState = CONNECTING;
      this.dispatchEvent(trustedEvent(new ErrorEvent("error", { error })));
      if (this.#readyState === CLOSED) return; // an error listener closed it
      this.#timer = setTimeout(() => { this.#timer = null; this.#connect(); }, this.#reconnectMs);
    }

    // The text/event-stream format: lines end in CR, LF or CRLF; a blank line dispatches the event.
    async #read(body) {
      const decoder = new TextDecoder();
      const reader = body.getReader();
      let pending = "", event = { type: "", data: "" };
      for (;;) {
        const { done, value } = await reader.read();
        if (this.#readyState === CLOSED) { reader.cancel().catch(() => {}); return; }
        if (done) return; // an unterminated last event is dropped (recorded)
        pending += decoder.decode(value, { stream: true });
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop();
        // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
        for (const line of lines) event = this.#line(line, event);
      }
    }
    #line(line, event) {
      if (line === "") {
        if (event.data !== "") {
          this.dispatchEvent(trustedEvent(new MessageEvent(event.type || "message",
            { data: event.data.slice(0, -1), lastEventId: this.#lastEventId, origin: this.#origin })));
        }
        return { type: "", data: "" };
      }
      if (line.startsWith(":")) return event;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event.type = value;
      else if (field === "data") event.data += value + "\n";
      else if (field === "id" && !value.includes("\0")) this.#lastEventId = value;
      else if (field === "retry" && /^\d+$/.test(value)) this.#reconnectMs = Math.max(Number(value), MIN_RECONNECT_MS);
      return event;
    }
  }
  for (const type of ["open", "message", "error"]) defineEventHandler(EventSource, type);
  for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSED })) {
    Object.defineProperty(EventSource, name, { value, enumerable: true });
    Object.defineProperty(EventSource.prototype, name, { value, enumerable: true });
  }
  idl(EventSource, "EventSource");
  expose("EventSource", EventSource);
  return { EventSource };
})
