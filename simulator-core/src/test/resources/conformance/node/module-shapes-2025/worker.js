// Every Node builtin name: does `import("node:NAME")` load, and which exports (with typeof) it has.
export default {
  async fetch(request) {
    const name = new URL(request.url).searchParams.get("name");
    try {
      const mod = await import("node:" + name);
      const exports = {};
      for (const key of Object.keys(mod).sort()) exports[key] = typeof mod[key];
      return Response.json({ name, loads: true, exports });
    } catch (e) {
      return Response.json({ name, loads: false, error: String(e && e.message) });
    }
  },
};
