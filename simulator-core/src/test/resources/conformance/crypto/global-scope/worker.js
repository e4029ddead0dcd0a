const atStartup = {};
for (const [k, f] of Object.entries({
  grv: () => crypto.getRandomValues(new Uint8Array(4)).length,
  uuid: () => crypto.randomUUID().length,
  digest: () => { crypto.subtle.digest("SHA-256", new Uint8Array(1)).then(() => { atStartup.digestAsync = "resolved"; }, (e) => { atStartup.digestAsync = e.name + ": " + e.message; }); return "called"; },
  genKey: () => { crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]).then(() => { atStartup.genAsync = "resolved"; }, (e) => { atStartup.genAsync = e.name + ": " + e.message; }); return "called"; },
  importKey: () => { crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]).then(() => { atStartup.importAsync = "resolved"; }, (e) => { atStartup.importAsync = e.name + ": " + e.message; }); return "called"; },
  mathRandom: () => typeof Math.random(),
})) {
  try { atStartup[k] = f(); } catch (e) { atStartup[k] = e.name + ": " + e.message; }
}
export default {
  async fetch() {
    return Response.json(atStartup);
  },
};
