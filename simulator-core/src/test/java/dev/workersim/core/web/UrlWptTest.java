package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.workersim.core.testing.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * URL and URLSearchParams (web/url.js) against the web-platform-tests vectors in shared/wpt/url,
 * through the real runtime: the test posts one data file to a worker, which runs every vector the
 * way the WPT .any.js files do and answers with the failures.
 */
class UrlWptTest {
    private static final ObjectMapper JSON = WptChecks.JSON;
    private static final Path wptDir = WptChecks.urlDataDir("urltestdata.json");

    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(UrlWptTest.WORKER);   // qualified: declared below

    @Test
    void urltestdata() throws IOException {
        run("urltestdata", "urltestdata.json");
    }

    @Test
    void urltestdataJavascriptOnly() throws IOException {
        run("urltestdata", "urltestdata-javascript-only.json");
    }

    @Test
    void setters() throws IOException {
        run("setters", "setters_tests.json");
    }

    @Test
    void toascii() throws IOException {
        run("toascii", "toascii.json");
    }

    /** URLSearchParams and the IDL shape, which have no data file: checks written from the spec. */
    @Test
    void apiChecks() throws IOException {
        JsonNode result = WptChecks.post(worker, "api", JSON.nullNode());
        assertNoFailures("api checks", result, -1);
    }

    private void run(String kind, String file) throws IOException {
        assumeTrue(wptDir != null, "shared/wpt/url is absent (looked in ../../shared and ../shared); WPT URL vectors skipped");
        Path path = wptDir.resolve(file);
        assumeTrue(Files.isRegularFile(path), path + " is absent; skipped");
        JsonNode vectors = JSON.readTree(path.toFile());
        JsonNode result = WptChecks.post(worker, kind, vectors);
        assertNoFailures(file, result, countVectors(kind, vectors));
    }

    /** Vectors are the objects in the file (strings are comments); setters group them by attribute. */
    private static int countVectors(String kind, JsonNode vectors) {
        int n = 0;
        if (kind.equals("setters")) {
            var fields = vectors.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (!e.getKey().equals("comment")) n += e.getValue().size();
            }
        } else {
            for (JsonNode v : vectors) if (v.isObject()) n++;
        }
        return n;
    }

    private static void assertNoFailures(String what, JsonNode result, int expectedTotal) {
        int passed = result.get("passed").asInt();
        int failed = result.get("failed").asInt();
        List<String> failures = new ArrayList<>();
        result.get("failures").forEach(f -> failures.add(f.asText()));
        String report = what + ": " + passed + " passed, " + failed + " failed"
                + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
        System.out.println(what + ": " + passed + " passed, " + failed + " failed");
        assertEquals(0, failed, report);
        if (expectedTotal >= 0) assertEquals(expectedTotal, passed, "every vector must run: " + report);
    }

    // Backslashes are doubled: this is a Java text block (and \\u must not become a Java Unicode escape).
    private static final String WORKER = WptChecks.HARNESS + """
            export default {
              async fetch(request) {
                const { kind, vectors } = await request.json();
                return Response.json(kind === "api" ? apiChecks() : runWpt(kind, vectors));
              },
            };

            // As url-constructor, url-origin, url-statics-canparse/parse, url-tojson, failure (href
            // setter), url-setters and toascii .any.js do.
            function runWpt(kind, vectors) {
              const result = newResult();
              if (kind === "urltestdata") {
                for (const t of vectors) {
                  if (typeof t === "string") continue;
                  const base = t.base !== null ? t.base : undefined;
                  result.record(`<${t.input}> against <${t.base}>`, (p) => {
                    if (t.failure) {
                      throwsTypeError(p, "new URL", () => new URL(t.input, base));
                      eq(p, "canParse", URL.canParse(t.input, base), false);
                      eq(p, "parse", URL.parse(t.input, base), null);
                      if (base === undefined) throwsTypeError(p, "href setter", () => { new URL("about:blank").href = t.input; });
                      return;
                    }
                    const url = new URL(t.input, base);
                    for (const k of ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]) {
                      eq(p, k, url[k], t[k]);
                    }
                    if ("origin" in t) eq(p, "origin", url.origin, t.origin);
                    if ("searchParams" in t) eq(p, "searchParams", url.searchParams.toString(), t.searchParams);
                    eq(p, "canParse", URL.canParse(t.input, base), true);
                    const parsed = URL.parse(t.input, base);
                    eq(p, "parse", parsed && parsed.href, t.href);
                    eq(p, "toJSON", url.toJSON(), t.href);
                  });
                }
              } else if (kind === "setters") {
                for (const attribute of Object.keys(vectors)) {
                  if (attribute === "comment") continue;
                  for (const t of vectors[attribute]) {
                    result.record(`set ${attribute} of <${t.href}> to <${t.new_value}>`, (p) => {
                      const url = new URL(t.href);
                      url[attribute] = t.new_value;
                      for (const k of Object.keys(t.expected)) eq(p, k, url[k], t.expected[k]);
                    });
                  }
                }
              } else if (kind === "toascii") {
                for (const t of vectors) {
                  if (typeof t === "string") continue;
                  result.record(`toascii <${t.input}>`, (p) => {
                    if (t.output !== null) {
                      const url = new URL(`https://${t.input}/x`);
                      eq(p, "host", url.host, t.output);
                      eq(p, "hostname", url.hostname, t.output);
                      eq(p, "pathname", url.pathname, "/x");
                      eq(p, "href", url.href, `https://${t.output}/x`);
                    } else {
                      throwsTypeError(p, "new URL", () => new URL(`https://${t.input}/x`));
                    }
                    for (const attribute of ["host", "hostname"]) {
                      const url = new URL("https://x/x");
                      url[attribute] = t.input;
                      eq(p, `${attribute} setter`, url[attribute], t.output !== null ? t.output : "x");
                    }
                  });
                }
              } else {
                throw new TypeError(`unknown vector kind ${kind}`);
              }
              return result;
            }

            function apiChecks() {
              const result = newResult();
              const { check, throws } = result;

              check("parse", () => new URLSearchParams("a=b&c=d&&=&e").toString(), "a=b&c=d&=&e=");
              check("leading ?", () => new URLSearchParams("?a=1").get("a"), "1");
              check("only one ? stripped", () => new URLSearchParams("??a=1").has("?a"), true);
              check("plus and %2B", () => new URLSearchParams("a+b=c+d%2B").get("a b"), "c d+");
              check("serialise", () => {
                const p = new URLSearchParams();
                p.append("a b", "c+d&=\\u00e9~*-._!'()");
                return p.toString();
              }, "a+b=c%2Bd%26%3D%C3%A9%7E*-._%21%27%28%29");
              check("bad percent and UTF-8", () => [new URLSearchParams("a=%ZZ%4").get("a"), new URLSearchParams("b=%C3%28%F0%9F").get("b")],
                  ["%ZZ%4", "\\uFFFD(\\uFFFD"]);
              check("sequence init", () => new URLSearchParams([["a", "1"], ["b", 2], new Set(["c", "3"])]).toString(), "a=1&b=2&c=3");
              throws("pair of 1", () => new URLSearchParams([["a"]]));
              throws("pair of 3", () => new URLSearchParams([["a", "b", "c"]]));
              throws("non-iterable pair", () => new URLSearchParams([1]));
              check("record init", () => new URLSearchParams({ a: "1", b: 2 }).toString(), "a=1&b=2");
              throws("record with a symbol key", () => new URLSearchParams({ [Symbol("s")]: 1 }));
              check("null init is a string", () => new URLSearchParams(null).toString(), "null=");
              check("URLSearchParams init", () => new URLSearchParams(new URLSearchParams("x=1&y=2")).toString(), "x=1&y=2");
              check("lone surrogates", () => new URLSearchParams([["\\uD800", "\\uDC00x"]]).toString(), "%EF%BF%BD=%EF%BF%BDx");
              check("sort: stable, by code units", () => {
                const s = new URLSearchParams("z=b&a=b&z=a&a=a&\\uFB03=&\\uD83C\\uDF08=");
                s.sort();
                return s.toString();
              }, "a=b&a=a&z=b&z=a&%F0%9F%8C%88=&%EF%AC%83=");
              check("delete(name, value)", () => {
                const d = new URLSearchParams("a=1&a=2&b=3&a=1");
                d.delete("a", "1");
                const first = d.toString();
                d.delete("a");
                return [first, d.toString()];
              }, ["a=2&b=3", "b=3"]);
              check("has(name, value)", () => [new URLSearchParams("a=1").has("a", "2"), new URLSearchParams("a=1").has("a", undefined)], [false, true]);
              check("set", () => {
                const s = new URLSearchParams("a=1&b=2&a=3&a=4");
                s.set("a", "x");
                return [s.toString(), s.size, s.get("zz")];
              }, ["a=x&b=2", 2, null]);
              check("iteration", () => {
                const s = new URLSearchParams("a=1&b=2");
                return [[...s], [...s.keys()], [...s.values()], URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries];
              }, [[["a", "1"], ["b", "2"]], ["a", "b"], ["1", "2"], true]);
              check("iterator object", () => {
                const it = new URLSearchParams("a=1").entries();
                const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
                return [Object.prototype.toString.call(it), Object.getPrototypeOf(Object.getPrototypeOf(it)) === iteratorPrototype];
              }, ["[object URLSearchParams Iterator]", true]);
              check("forEach is live", () => {
                const seen = [];
                const s = new URLSearchParams("a=1&b=2");
                s.forEach(function (v, k, o) {   // module code is strict: this stays 7
                  seen.push(k + v + (o === s) + (this === 7));
                  if (k === "a") s.append("c", "3");
                }, 7);
                return seen;
              }, ["a1truetrue", "b2truetrue", "c3truetrue"]);
              throws("forEach(non-callable)", () => new URLSearchParams().forEach(1));
              throws("append with one argument", () => new URLSearchParams().append("a"));
              throws("URLSearchParams brand check", () => URLSearchParams.prototype.get.call({}, "a"));
              throws("URL brand check", () => Object.getOwnPropertyDescriptor(URL.prototype, "href").get.call({}));
              check("searchParams is kept in sync", () => {
                const u = new URL("http://h/p?a=1&b=2#f");
                const sp = u.searchParams;
                const out = [u.searchParams === sp];
                sp.append("c", "x y");
                out.push(u.href);
                u.search = "?z=9";
                out.push([...sp]);
                u.href = "http://h/q?m=1";
                out.push(sp.get("m"));
                sp.delete("m");
                out.push(u.href);
                u.search = "x=%41";
                out.push(sp.get("x"));
                u.search = "";
                out.push(sp.size);
                return out;
              }, [true, "http://h/p?a=1&b=2&c=x+y#f", [["z", "9"]], "1", "http://h/q", "A", 0]);
              check("opaque path keeps its %20", () => {
                const o = new URL("sc:opaque %20?q=1#f");
                o.searchParams.delete("q");
                return o.href;
              }, "sc:opaque %20#f");
              check("JSON.stringify and String", () => [JSON.stringify({ u: new URL("http://a/b") }), String(new URL("http://a/b"))],
                  ['{"u":"http://a/b"}', "http://a/b"]);
              throws("new URL()", () => new URL());
              throws("bad base", () => new URL("/x", "nope"));
              check("error message", () => { try { new URL("nope"); } catch (e) { return e.message; } }, "Invalid URL string.");
              check("statics", () => [URL.canParse("/x", "http://a"), URL.parse("http://a") instanceof URL, URL.parse("nope")], [true, true, null]);
              check("subclass", () => {
                class Sub extends URL { get extra() { return this.pathname + "!"; } }
                return new Sub("http://a/b").extra;
              }, "/b!");
              check("IDNA host", () => new URL("http://B\\u00fccher.example/").host, "xn--bcher-kva.example");
              check("request URL", () => {
                const u = new URL("http://127.0.0.1:8787/path?x=1");
                return [u.pathname, u.host, u.port, u.search, u.searchParams.get("x")];
              }, ["/path", "127.0.0.1:8787", "8787", "?x=1", "1"]);
              check("IDL shape", () => [
                Object.keys(URL.prototype).join(),
                Object.getOwnPropertyNames(URLSearchParams.prototype).join(),
                Object.prototype.toString.call(new URL("http://a")),
                Object.prototype.toString.call(new URLSearchParams()),
                URL.length, URLSearchParams.length,
                Object.getOwnPropertyDescriptor(globalThis, "URL").enumerable,
              ], [
                "href,origin,protocol,username,password,host,hostname,port,pathname,search,searchParams,hash,toJSON,toString",
                "constructor,size,append,delete,get,getAll,has,set,sort,entries,forEach,keys,values,toString",
                "[object URL]", "[object URLSearchParams]", 1, 0, false,
              ]);
              return result;
            }
            """;
}
