package dev.workersim.core.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static assets through the real front door (and Simulator.dispatchFetch): routing, the binding, confinement, live files. */
class AssetsTest {
    private static final String WORKER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                if (url.pathname.startsWith("/via/")) {
                  const r = await env.ASSETS.fetch("https://ignored.host/" + url.pathname.slice(5));
                  return new Response(r.status + " " + (await r.text()));
                }
                return new Response("worker " + url.pathname);
              },
            };
            """;

    private static Path project(Path dir, String assetsTable, String... files) throws IOException {
        TestProjects.write(dir.resolve("wrangler.toml"), "name = \"assets-test\"\nmain = \"src/index.js\"\n"
                + "compatibility_date = \"2025-09-01\"\n[assets]\ndirectory = \"./public\"\n" + assetsTable);
        TestProjects.write(dir.resolve("src/index.js"), WORKER);
        TestProjects.write(dir.resolve("secret.txt"), "TOP SECRET");
        for (int i = 0; i < files.length; i += 2) TestProjects.write(dir.resolve("public").resolve(files[i]), files[i + 1]);
        return dir.resolve("wrangler.toml");
    }

    private static Simulator start(Path config) {
        return Simulator.builder().config(config).inMemory().port(0).build().start();
    }

    @Test
    void aMatchingFileIsServedWithoutTheWorkerAndAMissRunsIt(@TempDir Path dir) throws Exception {
        try (Simulator sim = start(project(dir, "binding = \"ASSETS\"\n",
                "style.css", "body{}", "about.html", "<p>about</p>", "blog/index.html", "<p>blog</p>"))) {
            HttpResponse<String> css = TestProjects.get(sim.url(), "/style.css");
            assertEquals(200, css.statusCode());
            assertEquals("body{}", css.body());
            assertEquals("text/css; charset=utf-8", css.headers().firstValue("content-type").orElse(null));
            assertEquals("public, max-age=0, must-revalidate", css.headers().firstValue("cache-control").orElse(null));
            String etag = css.headers().firstValue("etag").orElseThrow();
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
            assertEquals(304, TestProjects.get(sim.url(), "/style.css", "If-None-Match", etag).statusCode());

            assertEquals("<p>about</p>", TestProjects.get(sim.url(), "/about").body());
            HttpResponse<String> redirect = TestProjects.get(sim.url(), "/about.html?x=1");
            assertEquals(307, redirect.statusCode());
            assertEquals("/about?x=1", redirect.headers().firstValue("location").orElse(null));
            assertEquals("/blog/", TestProjects.get(sim.url(), "/blog").headers().firstValue("location").orElse(null));
            assertEquals("worker /nothing", TestProjects.get(sim.url(), "/nothing").body());

            // the binding: host ignored, html_handling applied, 404 for a miss
            assertEquals("200 <p>about</p>", TestProjects.get(sim.url(), "/via/about.html").body());
            assertEquals("404 ", TestProjects.get(sim.url(), "/via/nothing").body());

            // Simulator.dispatchFetch goes through the same routing
            FetchResponse viaApi = sim.dispatchFetch(FetchRequest.get("/style.css"));
            assertEquals(200, viaApi.status());
            assertEquals("body{}", viaApi.text());
            assertEquals(405, sim.dispatchFetch(FetchRequest.post("/style.css", "x")).status());
        }
    }

    @Test
    void requestsNeverLeaveTheAssetsFolder(@TempDir Path dir) throws Exception {
        Path config = project(dir, "not_found_handling = \"404-page\"\n", "404.html", "not here", "a/b.txt", "b");
        Files.createSymbolicLink(dir.resolve("public/link.txt"), dir.resolve("secret.txt"));
        try (Simulator sim = start(config)) {
            URI base = sim.url();
            assertEquals("worker /link.txt", TestProjects.get(base, "/link.txt").body()); // a link out of the folder is no asset
            for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/a/..%2f..%2fsecret.txt",
                    "/a/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/a/..%2F..%2F..%2Fsecret.txt", "/%2e%2e%2fsrc/index.js",
                    "/..%2f..%2f..%2f..%2fetc/passwd", "/a/../../secret.txt"}) {
                String response = rawGet(base, path);
                assertTrue(response.startsWith("HTTP/1.1 "), path + ": " + response);
                assertFalse(response.contains("TOP SECRET"), path + " leaked: " + response);
                assertFalse(response.contains("export default"), path + " leaked the worker: " + response);
            }
            assertTrue(rawGet(base, "/a/b.txt").endsWith("\r\n\r\nb"));
        }
    }

    @Test
    void assetsOnlyWorkerWithNotFoundPage(@TempDir Path dir) throws Exception {
        TestProjects.write(dir.resolve("wrangler.toml"), "name = \"static\"\ncompatibility_date = \"2025-09-01\"\n"
                + "[assets]\ndirectory = \"dist\"\nnot_found_handling = \"404-page\"\n");
        TestProjects.write(dir.resolve("dist/index.html"), "home");
        TestProjects.write(dir.resolve("dist/404.html"), "top 404");
        TestProjects.write(dir.resolve("dist/docs/404.html"), "docs 404");
        try (Simulator sim = start(dir.resolve("wrangler.toml"))) {
            assertEquals("home", TestProjects.get(sim.url(), "/").body());
            HttpResponse<String> nested = TestProjects.get(sim.url(), "/docs/a/b");
            assertEquals(404, nested.statusCode());
            assertEquals("docs 404", nested.body());
            assertEquals("top 404", TestProjects.get(sim.url(), "/elsewhere").body());
        }
    }

    @Test
    void singlePageAppRunWorkerFirstRulesAndNavigation(@TempDir Path dir) throws Exception {
        try (Simulator sim = start(project(dir, "not_found_handling = \"single-page-application\"\n",
                "index.html", "spa", "api/data.json", "{}"))) {
            assertEquals("worker /route", TestProjects.get(sim.url(), "/route").body());
            assertEquals("spa", TestProjects.get(sim.url(), "/route", "Sec-Fetch-Mode", "navigate").body());
        }
        TestProjects.write(dir.resolve("wrangler.toml"), Files.readString(dir.resolve("wrangler.toml"))
                + "run_worker_first = [\"/api/*\", \"!/api/data.json\"]\n");
        try (Simulator sim = start(dir.resolve("wrangler.toml"))) {
            assertEquals("spa", TestProjects.get(sim.url(), "/route").body()); // with rules, the fallback is the assets'
            assertEquals("worker /api/users", TestProjects.get(sim.url(), "/api/users").body());
            assertEquals("{}", TestProjects.get(sim.url(), "/api/data.json").body()); // the negative rule wins
        }
    }

    @Test
    void assetsIgnoreAndNewFilesApplyWithoutARestart(@TempDir Path dir) throws Exception {
        try (Simulator sim = start(project(dir, "",
                ".assetsignore", "# drafts are private\n*.secret\ndrafts/\n!keep.secret\n",
                "a.secret", "hidden", "keep.secret", "kept", "drafts/post.txt", "draft", "page.txt", "page",
                "_headers", "/x\n  X-A: 1\n", "sub/_headers", "served"))) {
            assertEquals("worker /_headers", TestProjects.get(sim.url(), "/_headers").body());
            assertEquals("served", TestProjects.get(sim.url(), "/sub/_headers").body());
            assertEquals("worker /a.secret", TestProjects.get(sim.url(), "/a.secret").body());
            assertEquals("worker /drafts/post.txt", TestProjects.get(sim.url(), "/drafts/post.txt").body());
            assertEquals("worker /.assetsignore", TestProjects.get(sim.url(), "/.assetsignore").body());
            assertEquals("kept", TestProjects.get(sim.url(), "/keep.secret").body());

            TestProjects.write(dir.resolve("public/new.txt"), "fresh");
            assertEquals("fresh", TestProjects.get(sim.url(), "/new.txt").body());
            String oldTag = TestProjects.get(sim.url(), "/page.txt").headers().firstValue("etag").orElseThrow();
            TestProjects.write(dir.resolve("public/page.txt"), "edited page");
            Files.setLastModifiedTime(dir.resolve("public/page.txt"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 3_000));
            HttpResponse<String> edited = TestProjects.get(sim.url(), "/page.txt", "If-None-Match", oldTag);
            assertEquals(200, edited.statusCode()); // a new ETag: the old one no longer matches
            assertEquals("edited page", edited.body());
            TestProjects.write(dir.resolve("public/.assetsignore"), "page.txt\n");
            Files.setLastModifiedTime(dir.resolve("public/.assetsignore"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            assertEquals("worker /page.txt", TestProjects.get(sim.url(), "/page.txt").body());
            assertEquals("hidden", TestProjects.get(sim.url(), "/a.secret").body());
        }
    }

    @Test
    void theBindingWorksFromAnRpcMethod(@TempDir Path dir) throws Exception {
        TestProjects.write(dir.resolve("wrangler.toml"), """
                name = "assets-rpc"
                main = "index.js"
                compatibility_date = "2025-09-01"
                services = [{ binding = "SELF", service = "assets-rpc", entrypoint = "Pages" }]
                [assets]
                directory = "public"
                binding = "ASSETS"
                """);
        TestProjects.write(dir.resolve("index.js"), """
                import { WorkerEntrypoint } from "cloudflare:workers";
                export class Pages extends WorkerEntrypoint {
                  async page(path) {
                    const r = await this.env.ASSETS.fetch(new Request("https://assets.local" + path));
                    return r.status + " " + r.headers.get("content-type") + " " + (await r.text());
                  }
                }
                export default {
                  async fetch(request, env) { return new Response(await env.SELF.page("/docs/")); },
                };
                """);
        TestProjects.write(dir.resolve("public/docs/index.html"), "<p>docs</p>");
        try (Simulator sim = start(dir.resolve("wrangler.toml"))) {
            assertEquals("200 text/html; charset=utf-8 <p>docs</p>", TestProjects.get(sim.url(), "/rpc").body());
        }
    }

    /** A GET whose path is sent exactly as written (an HTTP client would normalise it). */
    private static String rawGet(URI base, String path) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
