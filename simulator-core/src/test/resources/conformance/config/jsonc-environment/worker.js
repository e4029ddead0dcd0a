// Answers with every env entry, sorted, so the golden shows exactly what was bound.
export default {
  async fetch(request, env) {
    const out = {};
    for (const k of Object.keys(env).sort()) out[k] = typeof env[k] === "string" ? env[k] : typeof env[k];
    return Response.json(out);
  },
};
