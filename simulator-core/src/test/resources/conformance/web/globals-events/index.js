const events = [];
function record(event) {
  events.push({
    type: event.type, ctor: event.constructor.name, tag: event.promise.tag,
    reason: event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : String(event.reason),
    cancelable: event.cancelable, bubbles: event.bubbles, targetIsGlobal: event.target === globalThis,
    thisIsGlobal: this === globalThis, instanceOfEvent: event instanceof Event, isTrusted: event.isTrusted,
  });
  event.preventDefault(); // not cancelable: no effect
}
addEventListener("unhandledrejection", record);
addEventListener("rejectionhandled", record);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function rejected(tag, reason) {
  const p = Promise.reject(reason);
  p.tag = tag;
  return p;
}
const byTag = (a, b) => (a.tag + a.type).localeCompare(b.tag + b.type);

async function rejections() {
  events.length = 0;
  const marks = [];
  rejected("plain", new Error("plain"));
  rejected("number", 42);
  const asyncThrow = (async () => { throw new TypeError("from async"); })();
  asyncThrow.tag = "async";
  rejected("caughtAtOnce", new Error("caught")).catch(() => {});
  // Caught in a later microtask of the same checkpoint: never reported at this date.
  const late = rejected("caughtSameCheckpoint", new Error("late"));
  queueMicrotask(() => { marks.push(`microtask: ${events.length}`); late.catch(() => {}); });
  const afterTimer = rejected("caughtAfterTimer", new RangeError("after"));
  await sleep(0);
  marks.push(`after timer: ${events.length}`);
  afterTimer.catch(() => {});
  marks.push(`after catch(): ${events.length}`); // rejectionhandled fires inside catch()
  await sleep(5);
  marks.push(`end: ${events.length}`);
  return { marks, events: events.slice().sort(byTag) };
}

async function messageChannel() {
  const log = [];
  const { port1, port2 } = new MessageChannel();
  const sent = { n: 1, when: new Date(0), map: new Map([["k", "v"]]) };
  port2.onmessage = function (event) {
    const d = event.data;
    log.push({
      ctor: event.constructor.name, type: event.type, isTrusted: event.isTrusted, thisIsGlobal: this === globalThis, targetIsPort: event.target === port2,
      data: d instanceof Map ? ["Map", ...d] : d && typeof d === "object" ? { n: d.n, when: d.when instanceof Date && d.when.getTime(), map: [...d.map] } : d,
      copied: d !== sent, ports: event.ports.length, origin: event.origin, lastEventId: event.lastEventId,
    });
  };
  port1.postMessage(sent);
  port1.postMessage("second");
  log.push(`after postMessage: ${log.length}`);
  await null;
  log.push(`after a microtask: ${log.length}`);

  const other = new MessageChannel();
  other.port2.addEventListener("message", (event) => log.push(`listener without start(): ${event.data}`));
  other.port1.postMessage("hello");
  await sleep(1);

  for (const [what, value] of [["function", () => 1], ["symbol", Symbol("s")]]) {
    try { port1.postMessage(value); log.push(`${what} sent`); } catch (e) { log.push(`${what}: ${e.name}: ${e.message}`); }
  }
  for (const [what, transfer] of [["buffer", [new ArrayBuffer(1)]], ["empty options", { transfer: [] }]]) {
    try { port1.postMessage(1, transfer); log.push(`${what}: sent`); } catch (e) { log.push(`${what}: ${e.name}: ${e.message}`); }
  }
  await sleep(1);
  log.push(`before close: ${log.length}`);
  port1.close();
  port1.postMessage("from a closed port");
  port2.postMessage("to a closed port");
  await sleep(1);
  log.push(`after close: ${log.length}`);

  log.push(`constructed event trusted: ${new Event("x").isTrusted}`);
  try { new MessagePort(); } catch (e) { log.push(`new MessagePort: ${e.name}: ${e.message}`); }
  try { new PromiseRejectionEvent("unhandledrejection", { promise: Promise.resolve(), reason: 1 }); } catch (e) { log.push(`new PromiseRejectionEvent: ${e.name}: ${e.message}`); }
  const channel = new MessageChannel();
  const d = Object.getOwnPropertyDescriptor(channel, "port1");
  log.push({ keys: Object.keys(channel), port1: { writable: d.writable, enumerable: d.enumerable, configurable: d.configurable },
    portTag: Object.prototype.toString.call(channel.port1), onmessage: channel.port1.onmessage,
    portMethods: Object.getOwnPropertyNames(MessagePort.prototype).sort() });
  return log;
}

function performanceShape() {
  const own = Object.getOwnPropertyDescriptor(globalThis, "performance");
  const origin = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(performance), "timeOrigin");
  const now = performance.now();
  return {
    timeOrigin: performance.timeOrigin,
    nowNearDateNow: Math.abs(now - Date.now()) < 1000, nowIsInteger: Number.isInteger(now),
    own: { writable: own.writable, enumerable: own.enumerable, configurable: own.configurable },
    timeOriginAccessor: { getter: typeof origin.get, setter: typeof origin.set, enumerable: origin.enumerable },
    tag: Object.prototype.toString.call(performance),
    protoNames: Object.getOwnPropertyNames(Object.getPrototypeOf(performance)).sort(),
    Performance: typeof Performance, mark: typeof performance.mark,
  };
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/rejections") return Response.json(await rejections());
    if (pathname === "/message-channel") return Response.json(await messageChannel());
    if (pathname === "/performance") return Response.json(performanceShape());
    if (pathname === "/globals") {
      const names = ["PromiseRejectionEvent", "MessageChannel", "MessagePort", "MessageEvent", "onunhandledrejection"];
      return Response.json(Object.fromEntries(names.map((n) => [n, n in globalThis ? typeof globalThis[n] : "absent"])));
    }
    return new Response("not found", { status: 404 });
  },
};
