function t(fn) { try { const v = fn(); return v === undefined ? "ok" : v; } catch (e) { return { threw: e.name, message: e.message }; } }
const tick = () => new Promise((r) => setTimeout(r, 10));
const tagOf = (v) => Object.prototype.toString.call(v);
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/ws-api") {
      const pair = new WebSocketPair();
      const [c, s] = Object.values(pair);
      const out = {
        keys: Object.keys(pair), valuesLen: Object.values(pair).length, isWs: c instanceof WebSocket, pairTag: Object.prototype.toString.call(pair),
        tag: Object.prototype.toString.call(c), protoNames: Object.getOwnPropertyNames(WebSocket.prototype).sort(),
        ctorNames: Object.getOwnPropertyNames(WebSocket).sort(), isET: c instanceof EventTarget,
        readyState: c.readyState, url: c.url, protocol: c.protocol, extensions: c.extensions, binaryType: t(() => c.binaryType),
        consts: [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED, c.OPEN],
        sendBeforeAccept: t(() => s.send("x")),
        closeBadCode: t(() => { s.accept(); s.close(999, "x"); }),
        closeBadCode2: t(() => s.close(1005)),
        closeLongReason: t(() => s.close(1000, "r".repeat(124))),
        closeNoCodeReason: t(() => s.close(undefined, "x")),
        readyAfterAccept: s.readyState,
        acceptTwice: t(() => s.accept()),
        sendBadType: t(() => s.send({})),
        setBinaryType: t(() => { s.binaryType = "blob"; return s.binaryType; }),
        setBinaryType2: t(() => { s.binaryType = "bogus"; return s.binaryType; }),
        resp101NoWs: t(() => new Response(null, { status: 101 })),
        resp200Ws: t(() => new Response(null, { status: 200, webSocket: c })),
        respWsNotWs: t(() => new Response(null, { status: 101, webSocket: {} })),
        newWsBadUrl: t(() => new WebSocket("http://example.com")),
        newWsBadUrl2: t(() => new WebSocket("nope")),
        ctorCall: t(() => WebSocket()),
        pairCall: t(() => WebSocketPair()),
        wsCtorNoArgs: t(() => new WebSocket()),
      };
      return Response.json(out);
    }
    if (p === "/ws-api2") {
      const f = () => { const [c, s] = Object.values(new WebSocketPair()); s.accept(); return s; };
      return Response.json({
        longReason: t(() => f().close(1000, "r".repeat(124))),
        code1000: t(() => f().close(1000)), code3000: t(() => f().close(3000)), code4999: t(() => f().close(4999)), code5000: t(() => f().close(5000)), code1004: t(() => f().close(1004)), code1015: t(() => f().close(1015)), code1006: t(() => f().close(1006)), code1011: t(() => f().close(1011)), code1012: t(() => f().close(1012)), code2999: t(() => f().close(2999)),
        codeStr: t(() => f().close("4001")),
        sendObj: t(() => f().send({})), sendNum: t(() => f().send(5)), sendBlob: t(() => f().send(new Blob(["x"]))), sendNull: t(() => f().send(null)), sendDv: t(() => f().send(new DataView(new ArrayBuffer(2)))),
        acceptTwice: t(() => { const s = f(); s.accept(); return "twice ok"; }),
        bufferedAmount: f().bufferedAmount,
        closeNoAccept: t(() => { const [c, s] = Object.values(new WebSocketPair()); s.close(); }),
        ctorProtocols: t(() => { const w = new WebSocket("ws://127.0.0.1:1/x", ["a", "b"]); return { rs: w.readyState, url: w.url, protocol: w.protocol }; }),
        ctorUrl: t(() => { const w = new WebSocket("wss://Example.com/a b?x"); return { rs: w.readyState, url: w.url, binaryType: w.binaryType, acc: (() => { try { w.accept(); return "ok"; } catch (e) { return e.message; } })(), send: (() => { try { w.send("x"); return "ok"; } catch (e) { return e.name + ": " + e.message; } })() }; }),
        ctorHttpUrl: t(() => new WebSocket("https://example.com/")),
        msgEvent: t(() => { const e = new MessageEvent("message", { data: 1 }); return [e.data, Object.prototype.toString.call(e)]; }),
        closeEvent: t(() => { const e = new CloseEvent("close", { code: 1, reason: "r", wasClean: true }); return [e.code, e.reason, e.wasClean]; }),
        closeEventDefault: t(() => { const e = new CloseEvent("close"); return [e.code, e.reason, e.wasClean]; }),
        errorEvent: typeof ErrorEvent,
      });
    }
    if (p === "/ws-local") {
      // Each end logs what it sees; the order between the two ends is not compared.
      const [c, s] = Object.values(new WebSocketPair());
      const log = { c: [], s: [], steps: [] };
      s.accept();
      s.send("before client accept");
      s.send(new Uint8Array([1, 2, 3]));
      c.addEventListener("message", (e) => log.c.push({ ev: "message", data: typeof e.data === "string" ? e.data : [tagOf(e.data), [...new Uint8Array(e.data)]], tag: tagOf(e), origin: e.origin }));
      c.addEventListener("close", (e) => log.c.push({ ev: "close", code: e.code, reason: e.reason, wasClean: e.wasClean, tag: tagOf(e), rs: c.readyState }));
      s.addEventListener("message", (e) => log.s.push({ ev: "message", data: e.data }));
      s.addEventListener("close", (e) => log.s.push({ ev: "close", code: e.code, reason: e.reason, wasClean: e.wasClean, rs: s.readyState }));
      c.addEventListener("error", (e) => log.c.push({ ev: "error", tag: tagOf(e), message: e.message, error: String(e.error), rs: c.readyState }));
      s.addEventListener("error", (e) => log.s.push({ ev: "error", tag: tagOf(e), message: e.message, error: String(e.error), rs: s.readyState }));
      log.steps.push({ cRs: c.readyState });
      c.accept();
      log.steps.push({ eventsRightAfterAccept: log.c.length });
      c.send("hi from client");
      await tick();
      s.close(4001, "server bye");
      log.steps.push({ sRsAfterClose: s.readyState, sendAfterClose: t(() => s.send("late")) });
      await tick();
      log.steps.push({ cRs: c.readyState, sRs: s.readyState });
      c.close(4002, "client bye");
      await tick();
      log.steps.push({ cRs: c.readyState, sRs: s.readyState, closeAgain: t(() => c.close()) });
      return Response.json(log);
    }
    if (p === "/ws-local-noreply") {
      const [c, s] = Object.values(new WebSocketPair());
      const log = [];
      c.accept(); s.accept();
      s.addEventListener("close", (e) => log.push({ ev: "s.close", code: e.code, reason: e.reason, wasClean: e.wasClean }));
      c.addEventListener("close", (e) => log.push({ ev: "c.close", code: e.code, reason: e.reason, wasClean: e.wasClean }));
      c.close();
      await tick();
      log.push({ cRs: c.readyState, sRs: s.readyState });
      return Response.json(log);
    }
    if (p === "/no-upgrade") {
      const [c, s] = Object.values(new WebSocketPair());
      s.accept();
      return new Response(null, { status: 101, webSocket: c });
    }
    return new Response("nf", { status: 404 });
  },
};
