package dev.workersim.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.workersim.core.testing.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * URLPattern (web/url-pattern.js) against the web-platform-tests vectors in
 * shared/wpt/url/urlpatterntestdata.json, through the real runtime: the test posts the data file to
 * a worker, which runs every entry the way WPT's urlpattern/resources/urlpatterntests.js does and
 * answers with the failures.
 */
class UrlPatternWptTest {
    private static final ObjectMapper JSON = WptChecks.JSON;
    private static final Path wptDir = WptChecks.urlDataDir("urlpatterntestdata.json");

    /**
     * Entries (by index in the data file) that cannot pass here, with the reason. Each must still
     * fail, so the list stays honest.
     */
    private static final Map<Integer, String> KNOWN_FAILURES = Map.of();

    @RegisterExtension
    static final WorkerFixture worker = WorkerFixture.script(UrlPatternWptTest.WORKER);   // qualified: declared below

    @Test
    void urlpatterntestdata() throws IOException {
        assumeTrue(wptDir != null, "shared/wpt/url is absent (looked in ../../shared and ../shared); WPT URLPattern vectors skipped");
        JsonNode entries = JSON.readTree(wptDir.resolve("urlpatterntestdata.json").toFile());
        JsonNode result = WptChecks.post(worker, "wpt", entries);

        List<String> unexpected = new ArrayList<>();
        List<Integer> failedIndexes = new ArrayList<>();
        result.get("failures").forEach(f -> {
            String message = f.asText();   // "#<index> Pattern: ...: <problems>"
            int index = Integer.parseInt(message.substring(1, message.indexOf(' ')));
            failedIndexes.add(index);
            if (!KNOWN_FAILURES.containsKey(index)) unexpected.add(message);
        });
        int passed = result.get("passed").asInt();
        System.out.println("urlpatterntestdata.json: " + passed + " of " + entries.size() + " passed, "
                + failedIndexes.size() + " failed (" + KNOWN_FAILURES.size() + " known)");
        assertEquals(List.of(), unexpected, "unexpected failures");
        for (int index : KNOWN_FAILURES.keySet()) {
            assertTrue(failedIndexes.contains(index), "known failure #" + index + " now passes: drop it from KNOWN_FAILURES");
        }
        assertEquals(entries.size(), passed + failedIndexes.size(), "every entry must run");
    }

    /** The IDL shape and details the data file does not cover, checked against the spec. */
    @Test
    void apiChecks() throws IOException {
        JsonNode result = WptChecks.post(worker, "api", JSON.nullNode());
        List<String> failures = new ArrayList<>();
        result.get("failures").forEach(f -> failures.add(f.asText()));
        assertEquals(List.of(), failures);
    }

    // Backslashes are doubled: this is a Java text block.
    private static final String WORKER = WptChecks.HARNESS + """
            export default {
              async fetch(request) {
                const { kind, vectors } = await request.json();
                return Response.json(kind === "api" ? apiChecks() : runWpt(vectors));
              },
            };

            // assert_object_equals: same own keys, equal values (recursively for objects).
            function sameObject(a, b) {
              if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
              const ka = Object.keys(a), kb = Object.keys(b);
              return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameObject(a[k], b[k]));
            }

            // Note the WPT list names password twice; kept as it is.
            const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "password", "pathname", "search", "hash"];
            const EARLIER_COMPONENTS = {
              protocol: [], hostname: ["protocol"], port: ["protocol", "hostname"], username: [], password: [],
              pathname: ["protocol", "hostname", "port"], search: ["protocol", "hostname", "port", "pathname"],
              hash: ["protocol", "hostname", "port", "pathname", "search"],
            };

            // As urlpattern/resources/urlpatterntests.js does for each entry.
            function runEntry(entry, p) {
              if (entry.expected_obj === "error") {
                throwsTypeError(p, "URLPattern() constructor", () => new URLPattern(...entry.pattern));
                return;
              }
              const pattern = new URLPattern(...entry.pattern);
              const expectedObj = entry.expected_obj || {};
              const empty = entry.exactly_empty_components || [];
              for (const component of COMPONENTS) {
                let expected = expectedObj[component];
                if (expected == undefined) {
                  let baseURL = null;
                  if (entry.pattern.length > 0 && entry.pattern[0].baseURL) baseURL = new URL(entry.pattern[0].baseURL);
                  else if (entry.pattern.length > 1 && typeof entry.pattern[1] === "string") baseURL = new URL(entry.pattern[1]);
                  const init = typeof entry.pattern[0] === "object" ? entry.pattern[0] : null;
                  if (empty.includes(component)) {
                    expected = "";
                  } else if (init && init[component]) {
                    expected = init[component];
                  } else if (init && EARLIER_COMPONENTS[component].some((c) => c in init)) {
                    expected = "*";
                  } else if (baseURL && component !== "username" && component !== "password") {
                    expected = baseURL[component];
                    if (component === "protocol") expected = expected.substring(0, expected.length - 1);
                    else if (component === "search" || component === "hash") expected = expected.substring(1);
                  } else {
                    expected = "*";
                  }
                }
                eq(p, `pattern.${component}`, pattern[component], expected);
              }

              if (entry.expected_match === "error") {
                throwsTypeError(p, "test()", () => pattern.test(...entry.inputs));
                throwsTypeError(p, "exec()", () => pattern.exec(...entry.inputs));
                return;
              }
              eq(p, "test()", pattern.test(...entry.inputs), !!entry.expected_match);
              const result = pattern.exec(...entry.inputs);
              if (!entry.expected_match || typeof entry.expected_match !== "object") {
                eq(p, "exec()", result, entry.expected_match);
                return;
              }
              if (result === null) {
                p.push("exec(): got null");
                return;
              }
              const expectedInputs = entry.expected_match.inputs || entry.inputs;
              eq(p, "exec().inputs.length", result.inputs.length, expectedInputs.length);
              for (let i = 0; i < result.inputs.length; i++) {
                const input = result.inputs[i];
                if (typeof input === "string") {
                  eq(p, `exec().inputs[${i}]`, input, expectedInputs[i]);
                  continue;
                }
                for (const component of COMPONENTS) {
                  eq(p, `exec().inputs[${i}].${component}`, input[component], expectedInputs[i][component]);
                }
              }
              for (const component of COMPONENTS) {
                let expected = entry.expected_match[component];
                if (!expected) {
                  expected = { input: "", groups: {} };
                  if (!empty.includes(component)) expected.groups["0"] = "";
                }
                const groups = {};
                for (const key in expected.groups) groups[key] = expected.groups[key] === null ? undefined : expected.groups[key];
                expected = { input: expected.input, groups };
                if (!sameObject(result[component], expected)) {
                  p.push(`exec().${component}: got ${show(result[component])}, want ${show(expected)}`);
                }
              }
            }

            function runWpt(entries) {
              const result = newResult();
              entries.forEach((entry, index) => {
                result.record(`#${index} Pattern: ${JSON.stringify(entry.pattern)} Inputs: ${JSON.stringify(entry.inputs)}`,
                    (p) => runEntry(entry, p));
              });
              return result;
            }

            function apiChecks() {
              const result = newResult();
              const { check, throws } = result;

              check("IDL shape", () => [
                Object.keys(URLPattern.prototype).join(),
                Object.getOwnPropertyNames(URLPattern.prototype).at(-1),
                Object.prototype.toString.call(new URLPattern()),
                URLPattern.length,
                Object.getOwnPropertyDescriptor(globalThis, "URLPattern").enumerable,
              ], ["protocol,username,password,hostname,port,pathname,search,hash,hasRegExpGroups,test,exec", "constructor",
                  "[object URLPattern]", 0, false]);
              check("defaults are wildcards", () => {
                const u = new URLPattern();
                return [u.protocol, u.username, u.password, u.hostname, u.port, u.pathname, u.search, u.hash];
              }, ["*", "*", "*", "*", "*", "*", "*", "*"]);
              check("hasRegExpGroups", () => [new URLPattern({ pathname: "/:id(\\\\d+)" }).hasRegExpGroups,
                  new URLPattern({ pathname: "/:id/*" }).hasRegExpGroups], [true, false]);
              check("routing", () => {
                const route = new URLPattern({ pathname: "/users/:id" });
                const m = route.exec("https://example.com/users/42?x=1");
                return [route.test("https://example.com/users/42"), route.test("https://example.com/users/42/x"),
                    m.pathname.groups, m.search, m.inputs];
              }, [true, false, { id: "42" }, { input: "x=1", groups: { 0: "x=1" } }, ["https://example.com/users/42?x=1"]]);
              check("ignoreCase", () => [new URLPattern({ pathname: "/a" }, { ignoreCase: true }).test({ pathname: "/A" }),
                  new URLPattern({ pathname: "/a" }).test({ pathname: "/A" })], [true, false]);
              check("a request URL matches", () => new URLPattern("/api/*", "http://x").test("http://x/api/v1"), true);
              throws("invalid regexp group", () => new URLPattern({ pathname: "/(\\\\d+" }));
              throws("relative string without base", () => new URLPattern("/foo"));
              throws("brand check", () => URLPattern.prototype.test.call({}, "http://a"));
              throws("getter brand check", () => Object.getOwnPropertyDescriptor(URLPattern.prototype, "pathname").get.call({}));
              check("subclass", () => {
                class Route extends URLPattern { get kind() { return "route:" + this.pathname; } }
                return new Route({ pathname: "/x" }).kind;
              }, "route:/x");
              // Recorded from workerd (wrangler dev): its messages and orders.
              const message = (fn) => { try { fn(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
              check("workerd error messages", () => [
                message(() => new URLPattern({ pathname: "/:a/:a" })),
                message(() => new URLPattern({}).test({ pathname: "/foo" }, "https://example.com")),
                message(() => new URLPattern({}).exec({ pathname: "/foo" }, "https://example.com")),
                message(() => new URLPattern("/foo", "https://a", "x")),
              ], [
                "TypeError: Failed to construct URLPattern", "TypeError: Failed to test URLPattern",
                "TypeError: Failed to exec URLPattern",
                "TypeError: Failed to construct 'URLPattern': constructor parameter 3 is not of type 'URLPatternOptions'.",
              ]);
              // workerd's order comes from a C++ hash map; with two names it is the reverse of the pattern's.
              check("two groups listed as workerd lists them", () =>
                Object.keys(new URLPattern({ pathname: "/:b/:a/(.*)" }).exec({ pathname: "/1/2/3" }).pathname.groups),
                ["0", "a", "b"]);
              check("inputs echo the present members", () =>
                Object.keys(new URLPattern({}).exec({ search: "a", pathname: "/x", protocol: "http", baseURL: "http://a" }).inputs[0]),
                ["protocol", "pathname", "search", "baseURL"]);
              check("string inputs and base", () => new URLPattern({}).exec("/x", "http://a/").inputs, ["/x", "http://a/"]);
              check("relative strings without a base resolve against an empty URL, as in workerd", () =>
                ["nope?x#y", "//h/p", "http://[bad/x"].map((s) => {
                  const r = new URLPattern({}).exec(s);
                  return r && [r.protocol.input, r.hostname.input, r.pathname.input, r.search.input, r.hash.input];
                }), [["", "", "/nope", "x", "y"], ["", "h", "/p", "", ""], null]);
              check("an invalid base URL matches nothing", () => new URLPattern({}).exec("x", "nope"), null);
              return result;
            }
            """;
}
