package dev.workersim.bindings.kv;

import static dev.workersim.core.testing.JsonAssert.assertJson;
import static dev.workersim.core.testing.JsonAssert.list;
import static dev.workersim.core.testing.JsonAssert.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every KvNamespace method and value form, in memory. */
class KvApiTest {
    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(RouteWorker.script("""
                "/types": async (kv) => {
                  await kv.put("s", "h\\u00e9llo");
                  await kv.put("j", JSON.stringify({ a: [1, "x"] }));
                  await kv.put("ab", new Uint8Array([1, 2, 3, 4]).buffer);
                  await kv.put("view", new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 3));
                  await kv.put("dv", new DataView(new Uint8Array([0, 255]).buffer));
                  await kv.put("num", 42);
                  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("str")); c.enqueue(new TextEncoder().encode("eam")); c.close(); } });
                  await kv.put("st", stream);
                  const ab = await kv.get("ab", "arrayBuffer");
                  return {
                    s: await kv.get("s"), sOpt: await kv.get("s", { type: "text" }), j: await kv.get("j", "json"),
                    ab: [ab instanceof ArrayBuffer, ...new Uint8Array(ab)],
                    view: [...new Uint8Array(await kv.get("view", "arrayBuffer"))],
                    dv: [...new Uint8Array(await kv.get("dv", { type: "arrayBuffer" }))],
                    num: await kv.get("num"), st: await kv.get("st"),
                    asStream: await new Response(await kv.get("s", "stream")).text(),
                    missing: [await kv.get("nope"), await kv.get("nope", "json"), await kv.get("nope", "stream")],
                  };
                },
                "/metadata": async (kv) => {
                  await kv.put("m", "v", { metadata: { owner: "me" } });
                  await kv.put("plain", "p");
                  await kv.put("ow", "first", { metadata: { n: 1 } });
                  await kv.put("ow", "second");
                  return { m: await kv.getWithMetadata("m"), plain: await kv.getWithMetadata("plain", "text"),
                    missing: await kv.getWithMetadata("nope"), ow: await kv.getWithMetadata("ow"),
                    bulk: [...(await kv.getWithMetadata(["m", "plain", "nope"])).entries()] };
                },
                "/bulk": async (kv) => {
                  await kv.put("b1", "one"); await kv.put("b2", JSON.stringify({ two: 2 }));
                  const m = await kv.get(["b1", "b2", "b1", "none"]);
                  return { isMap: m instanceof Map, text: [...m.entries()], json: [...(await kv.get(["b2"], "json")).entries()],
                    notJson: await attempt(() => kv.get(["b1"], { type: "json" })) };
                },
                "/delete": async (kv) => {
                  await kv.put("d", "x");
                  const r = await kv.delete("d");
                  return { r: r === undefined, after: await kv.get("d"), again: await attempt(() => kv.delete("d")) };
                },
                "/list": async (kv) => {
                  for (const k of ["l/b", "l/a", "l/\\uffff", "l/\\ud83d\\ude00", "l/a/1"]) await kv.put(k, "x");
                  await kv.put("l/m", "x", { metadata: { m: true } });
                  await kv.put("l/e", "x", { expiration: Math.floor(Date.now() / 1000) + 3600 });
                  const all = await kv.list({ prefix: "l/" });
                  const pages = [];
                  let cursor;
                  for (;;) {
                    const page = await kv.list({ prefix: "l/", limit: 3, cursor });
                    pages.push([page.keys.map((k) => k.name), page.list_complete]);
                    if (page.list_complete) break;
                    cursor = page.cursor;
                  }
                  const m = all.keys.find((k) => k.name === "l/m"), e = all.keys.find((k) => k.name === "l/e");
                  return { names: all.keys.map((k) => k.name), complete: all.list_complete, cacheStatus: all.cacheStatus,
                    hasCursor: "cursor" in all, pages, meta: m.metadata, noExp: !("expiration" in m), expIsSeconds: e.expiration < 1e11,
                    none: await kv.list({ prefix: "zzz" }) };
                },
                "/shape": async (kv, url, env) => ({ tag: Object.prototype.toString.call(kv), ctor: kv.constructor.name,
                  sync: (() => { const p = kv.get(""); p.catch(() => {}); return typeof p.then; })() }),
                """, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"");

    @Test
    void getReturnsEveryTypeAndPutTakesEveryValueForm() {
        assertJson(obj("s", "héllo", "sOpt", "héllo", "j", Map.of("a", List.of(1, "x")), "ab", List.of(true, 1, 2, 3, 4),
                "view", List.of(8, 7), "dv", List.of(0, 255), "num", "42", "st", "stream", "asStream", "héllo",
                "missing", list(null, null, null)), worker.getJson("/types"));
    }

    @Test
    void getWithMetadataSingleAndBulk() {
        JsonNode json = worker.getJson("/metadata");
        assertJson(obj("value", "v", "metadata", Map.of("owner", "me"), "cacheStatus", null), json.get("m"));
        assertJson(obj("value", "p", "metadata", null, "cacheStatus", null), json.get("plain"));
        assertJson(obj("value", null, "metadata", null, "cacheStatus", null), json.get("missing"));
        assertJson(obj("value", "second", "metadata", null, "cacheStatus", null), json.get("ow"));
        assertJson(List.of(List.of("m", obj("value", "v", "metadata", Map.of("owner", "me"))),
                List.of("plain", obj("value", "p", "metadata", null)), list("nope", null)), json.get("bulk"));
    }

    @Test
    void bulkGetReturnsAMapWithoutDuplicates() {
        JsonNode json = worker.getJson("/bulk");
        assertTrue(json.get("isMap").asBoolean());
        assertJson(List.of(List.of("b1", "one"), List.of("b2", "{\"two\":2}"), list("none", null)), json.get("text"));
        assertJson(List.of(List.of("b2", Map.of("two", 2))), json.get("json"));
        assertEquals("Error: KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value",
                json.get("notJson").asText());
    }

    @Test
    void deleteResolvesUndefinedEvenForAMissingKey() {
        assertJson(obj("r", true, "after", null, "again", "undefined"), worker.getJson("/delete"));
    }

    @Test
    void listIsInUtf8ByteOrderAndPagesWithCursors() {
        JsonNode json = worker.getJson("/list");
        // UTF-16 order would put the emoji (a surrogate pair) before U+FFFF; UTF-8 byte order does not.
        assertJson(List.of("l/a", "l/a/1", "l/b", "l/e", "l/m", "l/\uffff", "l/\ud83d\ude00"), json.get("names"));
        assertJson(List.of(List.of(List.of("l/a", "l/a/1", "l/b"), false), List.of(List.of("l/e", "l/m", "l/\uffff"), false),
                List.of(List.of("l/\ud83d\ude00"), true)), json.get("pages"));
        assertTrue(json.get("complete").asBoolean());
        assertTrue(json.get("cacheStatus").isNull());
        assertFalse(json.get("hasCursor").asBoolean());
        assertJson(Map.of("m", true), json.get("meta"));
        assertTrue(json.get("noExp").asBoolean());
        assertTrue(json.get("expIsSeconds").asBoolean());
        assertJson(obj("keys", List.of(), "list_complete", true, "cacheStatus", null), json.get("none"));
    }

    @Test
    void theBindingLooksLikeWorkerdsAndNeverThrowsSynchronously() {
        assertJson(Map.of("tag", "[object KvNamespace]", "ctor", "KvNamespace", "sync", "function"), worker.getJson("/shape"));
    }
}
