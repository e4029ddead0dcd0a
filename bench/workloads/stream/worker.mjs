// A streamed body both ways: GET streams 1 MiB out in 64 KiB chunks made on demand; POST pipes the
// request body back through a TransformStream that counts bytes (the body is never held whole).
const CHUNK = new Uint8Array(64 * 1024).fill(120);
export default {
  async fetch(request) {
    if (request.method === "POST") {
      let n = 0;
      const counter = new TransformStream({ transform(chunk, c) { n += chunk.byteLength; c.enqueue(chunk); } });
      return new Response(request.body.pipeThrough(counter), { headers: { "content-type": "application/octet-stream" } });
    }
    const chunks = Number(new URL(request.url).searchParams.get("chunks") || 16);
    let sent = 0;
    return new Response(new ReadableStream({
      pull(c) { if (sent++ < chunks) c.enqueue(CHUNK); else c.close(); },
    }), { headers: { "content-type": "application/octet-stream" } });
  },
};
