// runtime/link.js: runs one runtime (or binding) file with the exports of the files it imports, and
// returns its own exports. JsModuleGraph has put the files in an order where every import ran first.
(function link(file, from, install, ops, $, ...imported) {
  // What the file destructures from `imports`: a name none of its imports exports is a start-up
  // error naming both, never a silent undefined.
  const imports = new Proxy(Object.create(null), {
    get(_, name) {
      let found = -1;
      for (let i = 0; i < imported.length; i++) {
        if (!(name in imported[i])) continue;
        if (found >= 0 && imported[found][name] !== imported[i][name]) {
          throw new Error(`workersim: ${file} imports "${String(name)}", which more than one of its imports exports (${from})`);
        }
        found = i;
      }
      if (found < 0) throw new Error(`workersim: ${file} imports "${String(name)}", which none of its imports exports (${from || "none"})`);
      return imported[found][name];
    },
  });
  const exported = install(ops, $, imports);
  if (exported === undefined) return Object.create(null);
  if (exported === null || typeof exported !== "object") {
    throw new Error(`workersim: ${file} returned ${String(exported)} instead of an object of its exports`);
  }
  return exported;
})
