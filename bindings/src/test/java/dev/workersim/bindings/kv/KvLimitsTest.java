package dev.workersim.bindings.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.testing.RouteWorker;
import dev.workersim.core.testing.WorkerFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each limit and argument error, worded as workerd and its local KV service word them (recorded from wrangler dev). */
class KvLimitsTest {
    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(RouteWorker.script("""
                "/try": async (kv, url) => {
                  const now = Math.floor(Date.now() / 1000);
                  const cases = {
                    emptyKey: () => kv.put("", "v"),
                    dotKey: () => kv.get("."),
                    dotDotKey: () => kv.delete(".."),
                    longKeyPut: () => kv.put("x".repeat(513), "v"),
                    longUnicodeKey: () => kv.put("\\u00e9".repeat(257), "v"),
                    longKeyGet: () => kv.get("x".repeat(513)),
                    longKeyDelete: () => kv.delete("y".repeat(600)),
                    maxKey: () => kv.put("x".repeat(512), "v"),
                    badType: () => kv.get("k", "bogus"),
                    badValue: () => kv.put("k", { a: 1 }),
                    noValue: () => kv.put("k"),
                    noKey: () => kv.get(),
                    bigString: () => kv.put("big", "x".repeat(25 * 1024 * 1024 + 1)),
                    bigBytes: () => kv.put("big", new Uint8Array(25 * 1024 * 1024 + 1)),
                    maxBytes: () => kv.put("max", new Uint8Array(25 * 1024 * 1024)),
                    bigMetadata: () => kv.put("m", "v", { metadata: { big: "x".repeat(1100) } }),
                    maxMetadata: () => kv.put("m", "v", { metadata: "x".repeat(1022) }),
                    bigintMetadata: () => kv.put("m", "v", { metadata: 10n }),
                    ttl0: () => kv.put("k", "v", { expirationTtl: 0 }),
                    ttl59: () => kv.put("k", "v", { expirationTtl: 59 }),
                    ttlJunk: () => kv.put("k", "v", { expirationTtl: "abc" }),
                    ttl60: () => kv.put("k", "v", { expirationTtl: 60 }),
                    pastExpiration: () => kv.put("k", "v", { expiration: 1000 }),
                    soonExpiration: () => kv.put("k", "v", { expiration: now + 30 }).catch((e) => { throw new Error(e.message.replace(String(now + 30), "N")); }),
                    cacheTtl10: () => kv.get("k", { cacheTtl: 10 }),
                    listLimit1001: () => kv.list({ limit: 1001 }),
                    listLimit0: async () => (await kv.list({ limit: 0 })).list_complete,
                    listLongPrefix: () => kv.list({ prefix: "p".repeat(513) }),
                    bulk101: () => kv.get(Array.from({ length: 101 }, (_, i) => "k" + i)),
                    bulk100: async () => (await kv.get(Array.from({ length: 100 }, (_, i) => "k" + i))).size,
                    bulkNone: () => kv.get([]),
                    bulkArrayBuffer: () => kv.get(["a"], "arrayBuffer"),
                    bulkEmptyKey: () => kv.get(["a", ""]),
                    bulkDotKey: () => kv.get(["."]),
                    bulkLongKey: () => kv.get(["a", "z".repeat(513)]),
                  };
                  return attempt(cases[url.searchParams.get("c")]);
                },
                """, "env.KV, url, env")).toml("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"abc\"");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            emptyKey        | TypeError: Key name cannot be empty.
            dotKey          | TypeError: \".\" is not allowed as a key name.
            dotDotKey       | TypeError: \"..\" is not allowed as a key name.
            longKeyPut      | Error: KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.
            longUnicodeKey  | Error: KV PUT failed: 414 UTF-8 encoded length of 514 exceeds key length limit of 512.
            longKeyGet      | Error: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.
            longKeyDelete   | Error: KV DELETE failed: 414 UTF-8 encoded length of 600 exceeds key length limit of 512.
            maxKey          | undefined
            badType         | TypeError: Unknown response type. Possible types are \"text\", \"arrayBuffer\", \"json\", and \"stream\".
            badValue        | TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.
            noValue         | TypeError: Failed to execute 'put' on 'KvNamespace': parameter 2 is not of type 'string or Object'.
            noKey           | TypeError: Failed to execute 'get' on 'KvNamespace': parameter 1 is not of type 'string or Array'.
            bigString       | Error: KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.
            bigBytes        | Error: KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.
            maxBytes        | undefined
            bigMetadata     | Error: KV PUT failed: 413 Metadata length of 1110 exceeds limit of 1024.
            maxMetadata     | undefined
            bigintMetadata  | TypeError: Do not know how to serialize a BigInt
            ttl0            | Error: KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0.
            ttl59           | Error: KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at least 60.
            ttlJunk         | Error: KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0.
            ttl60           | undefined
            pastExpiration  | Error: KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current number of seconds since the UNIX epoch.
            soonExpiration  | Error: KV PUT failed: 400 Invalid expiration of N. Expiration times must be at least 60 seconds in the future.
            cacheTtl10      | Error: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30.
            listLimit1001   | Error: KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000.
            listLimit0      | true
            listLongPrefix  | Error: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.
            bulk101         | Error: KV GET_BULK failed: 400 You can request a maximum of 100 keys
            bulk100         | 100
            bulkNone        | Error: KV GET_BULK failed: 400 You must request a minimum of 1 key
            bulkArrayBuffer | Error: KV GET_BULK failed: 400 \"arrayBuffer\" is not a valid type. Use \"json\" or \"text\"
            bulkEmptyKey    | Error: KV GET_BULK failed: 400 Key names must not be empty
            bulkDotKey      | Error: KV GET_BULK failed: 400 Illegal key name \".\". Please use a different name.
            bulkLongKey     | Error: KV GET_BULK failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.
            """)
    void limitOrError(String name, String expected) {
        JsonNode answer = worker.getJson("/try?c=" + name);
        assertEquals(expected, answer.isTextual() ? answer.asText() : answer.toString());
    }
}
