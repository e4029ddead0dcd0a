import { createCipheriv, createDecipheriv } from "node:crypto";
function t(fn) { try { return fn(); } catch (e) { return "THROWS " + e.name + ": " + e.message + (e.code ? " [" + e.code + "]" : ""); } }
const key32 = Buffer.alloc(32, 7), key16 = Buffer.alloc(16, 3), iv16 = Buffer.alloc(16, 1), iv12 = Buffer.alloc(12, 2);
export default {
  async fetch() {
    return Response.json({
      cbc: t(() => { const c = createCipheriv("aes-256-cbc", key32, iv16); return c.update("hello world", "utf8", "hex") + c.final("hex"); }),
      cbcBack: t(() => { const c = createCipheriv("aes-256-cbc", key32, iv16); const ct = Buffer.concat([c.update(Buffer.from("hello world")), c.final()]);
        const d = createDecipheriv("aes-256-cbc", key32, iv16); return d.update(ct, undefined, "utf8") + d.final("utf8"); }),
      ctr: t(() => { const c = createCipheriv("aes-128-ctr", key16, iv16); return c.update(Buffer.from("abc")).toString("base64") + c.final("base64"); }),
      gcm: t(() => { const c = createCipheriv("aes-256-gcm", key32, iv12); c.setAAD(Buffer.from("aad")); const ct = c.update("secret", "utf8", "hex") + c.final("hex"); return [ct, c.getAuthTag().toString("hex")]; }),
      gcmBad: t(() => { const c = createCipheriv("aes-256-gcm", key32, iv12); const ct = Buffer.concat([c.update(Buffer.from("secret")), c.final()]); const d = createDecipheriv("aes-256-gcm", key32, iv12); d.setAuthTag(Buffer.alloc(16)); d.update(ct); return d.final(); }),
      badKey: t(() => createCipheriv("aes-256-cbc", key16, iv16)),
      badIv: t(() => createCipheriv("aes-256-cbc", key32, iv12)),
      unknown: t(() => createCipheriv("aes-999-xyz", key32, iv16)),
      badDecrypt: t(() => { const d = createDecipheriv("aes-256-cbc", key32, iv16); d.update(Buffer.alloc(16, 9)); return d.final(); }),
      noPad: t(() => { const c = createCipheriv("aes-128-cbc", key16, iv16); c.setAutoPadding(false); c.update(Buffer.from("abc")); return c.final(); }),
      ecb: t(() => { const c = createCipheriv("aes-128-ecb", key16, null); return c.update("0123456789abcdef", "utf8", "hex") + c.final("hex"); }),
      finalTwice: t(() => { const c = createCipheriv("aes-128-ctr", key16, iv16); c.final(); return c.final(); }),
      gcmRoundTrip: t(() => { const c = createCipheriv("aes-128-gcm", key16, iv12); const ct = Buffer.concat([c.update(Buffer.from("round trip")), c.final()]); const tag = c.getAuthTag();
        const d = createDecipheriv("aes-128-gcm", key16, iv12); d.setAuthTag(tag); return d.update(ct, undefined, "utf8") + d.final("utf8"); }),
      noPadOk: t(() => { const c = createCipheriv("aes-128-cbc", key16, iv16); c.setAutoPadding(false); return c.update(Buffer.alloc(16, 65), undefined, "hex") + c.final("hex"); }),
      tagBeforeFinal: t(() => { const c = createCipheriv("aes-128-gcm", key16, iv12); return c.getAuthTag(); }),
    });
  },
};
