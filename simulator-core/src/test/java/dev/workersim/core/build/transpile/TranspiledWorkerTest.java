package dev.workersim.core.build.transpile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workersim.core.FetchRequest;
import dev.workersim.core.FetchResponse;
import dev.workersim.core.Simulator;
import dev.workersim.core.TestTerminal;
import dev.workersim.core.TestProjects;
import dev.workersim.core.runtime.WorkerLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project without node_modules (so without esbuild): its TypeScript and JSX modules are
 * transpiled one by one on load, imports probed as esbuild probes them, stacks mapped back to the
 * .ts lines, and an npm import fails with what to do about it.
 */
class TranspiledWorkerTest {
    @TempDir
    Path dir;

    private final TestTerminal terminal = new TestTerminal();

    /** A project: wrangler.toml with {@code main} and the files ("path", "content", ...). */
    private Path project(String main, String... pathsAndContents) {
        try {
            TestProjects.write(dir.resolve("wrangler.toml"),
                    "name = \"ts-worker\"\nmain = \"" + main + "\"\ncompatibility_date = \"2025-09-01\"\n");
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                TestProjects.write(dir.resolve(pathsAndContents[i]), pathsAndContents[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("wrangler.toml");
    }

    private Simulator.Builder builder(Path config) {
        // Never esbuild here, even if the environment names one: this is the path without a bundler.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("ESBUILD_BINARY_PATH");
        return Simulator.builder().config(config).processEnv(env).inMemory().http(false)
                .log(terminal);
    }

    private String terminal() {
        return terminal.text();
    }

    private static JsonNode json(FetchResponse r) throws IOException {
        return new ObjectMapper().readTree(r.text());
    }

    @Test
    void typeScriptRunsWithEnumsSatisfiesParameterPropertiesAndTypeImports() throws Exception {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import type { Greeting } from "./types";
                        import { type Shade, Color, Counter } from "./util";
                        import { twice } from "./math.js";
                        import { label } from "./lib";

                        interface Env { NAME?: string }

                        class Greeter {
                          constructor(private readonly prefix: string, public count: number = 0) {}
                          greet(name: string): Greeting {
                            this.count++;
                            return { text: `${this.prefix} ${name}` };
                          }
                        }

                        const settings = { times: 2 } satisfies { times: number };
                        const shade: Shade = "dark";

                        export default {
                          async fetch(request: Request, env: Env): Promise<Response> {
                            const g = new Greeter("Hello");
                            const c = new Counter<number>();
                            c.add(twice(settings.times));
                            return Response.json({
                              greeting: g.greet(env.NAME ?? "ts").text,
                              count: g.count,
                              color: Color.Green,
                              colorName: Color[Color.Green],
                              counter: c.value,
                              label: label(),
                              shade,
                              asserted: (request.url as string).startsWith("http"),
                            });
                          },
                        } satisfies ExportedHandler<Env>;
                        """,
                "src/types.ts", "export interface Greeting { text: string }\n",
                "src/util.ts", """
                        export type Shade = "dark" | "light";
                        export enum Color { Red, Green, Blue = 10 }
                        export class Counter<T extends number> {
                          #total = 0;
                          add(n: T): this { this.#total += n; return this; }
                          get value(): number { return this.#total; }
                        }
                        """,
                "src/math.ts", "export const twice = (n: number): number => n * 2;\n",
                "src/lib/index.ts", "export function label(): string { return 'from lib/index.ts'; }\n");
        try (Simulator sim = builder(config).build().start()) {
            JsonNode r = json(sim.dispatchFetch(FetchRequest.get("http://localhost/")));
            assertEquals("Hello ts", r.get("greeting").asText());
            assertEquals(1, r.get("count").asInt());
            assertEquals(1, r.get("color").asInt());
            assertEquals("Green", r.get("colorName").asText());
            assertEquals(4, r.get("counter").asInt());
            assertEquals("from lib/index.ts", r.get("label").asText());
            assertEquals("dark", r.get("shade").asText());
            assertTrue(r.get("asserted").asBoolean());
        }
    }

    @Test
    void legacyDecoratorsWhenTsconfigAsks() throws Exception {
        Path config = project("src/index.ts",
                "tsconfig.json", """
                        {
                          // TypeScript's JSON: comments and trailing commas
                          "compilerOptions": { "experimentalDecorators": true, "target": "es2022", },
                        }
                        """,
                "src/index.ts", """
                        const calls: string[] = [];
                        function logged(target: any, key: string, desc: PropertyDescriptor) {
                          const original = desc.value;
                          desc.value = function (...args: unknown[]) { calls.push(key); return original.apply(this, args); };
                        }
                        class Api {
                          @logged hello(): string { return "hi"; }
                        }
                        export default {
                          fetch(): Response {
                            const text = new Api().hello();
                            return new Response(text + " " + calls.join(","));
                          },
                        };
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("hi hello", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void tsxWithTheAutomaticRuntimeFromALocalJsxImportSource() throws Exception {
        // jsxImportSource "hono/jsx" would need node_modules; a relative source works without one:
        // the automatic runtime imports "<source>/jsx-runtime", here ./jsx/jsx-runtime.ts.
        Path config = project("src/index.tsx",
                "tsconfig.json", """
                        { "extends": "./tsconfig.base.json", "compilerOptions": { "jsxImportSource": "./jsx" } }
                        """,
                "tsconfig.base.json", """
                        { "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "react" } }
                        """,
                "src/jsx/jsx-runtime.ts", """
                        type Props = { children?: unknown } & Record<string, unknown>;
                        const render = (c: unknown): string => Array.isArray(c) ? c.map(render).join("") : c == null ? "" : String(c);
                        export function jsx(tag: string | ((p: Props) => string), props: Props): string {
                          if (typeof tag === "function") return tag(props);
                          const attrs = Object.entries(props).filter(([k]) => k !== "children").map(([k, v]) => ` ${k}="${v}"`).join("");
                          return `<${tag}${attrs}>${render(props.children)}</${tag}>`;
                        }
                        export const jsxs = jsx;
                        export function Fragment(props: Props): string { return render(props.children); }
                        """,
                "src/index.tsx", """
                        const Item = ({ name }: { name: string }) => <li>{name}</li>;
                        export default {
                          fetch(): Response {
                            const names: string[] = ["a", "b"];
                            const html = <ul class="list"><>{names.map((n) => <Item name={n} />)}</></ul>;
                            return new Response(html as unknown as string);
                          },
                        };
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("<ul class=\"list\"><li>a</li><li>b</li></ul>", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void jsxWithTheClassicFactoryFromTsconfig() throws Exception {
        Path config = project("src/index.ts",
                "tsconfig.json", """
                        { "compilerOptions": { "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Fragment" } }
                        """,
                "src/h.ts", """
                        export const Fragment = Symbol("fragment");
                        export function h(tag: unknown, props: Record<string, unknown> | null, ...children: unknown[]): string {
                          const inner = children.flat().join("");
                          if (tag === Fragment) return inner;
                          if (typeof tag === "function") return tag({ ...props, children });
                          return `<${tag}${props?.id ? ` id="${props.id}"` : ""}>${inner}</${tag}>`;
                        }
                        """,
                "src/page.jsx", """
                        import { h, Fragment } from "./h";
                        export const Page = (title) => <><h1 id="t">{title}</h1><p>jsx</p></>;
                        """,
                "src/index.ts", """
                        import { Page } from "./page";
                        export default { fetch: (): Response => new Response(Page("Hi") as string) };
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("<h1 id=\"t\">Hi</h1><p>jsx</p>", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    /** wrangler's `jsx_factory` / `jsx_fragment` keys win over tsconfig, as they do in wrangler's build. */
    @Test
    void jsxFactoryAndFragmentFromTheWranglerConfig() throws Exception {
        Path config = project("src/index.tsx",
                "tsconfig.json", """
                        { "compilerOptions": { "jsx": "react", "jsxFactory": "nope", "jsxFragmentFactory": "nope" } }
                        """,
                "src/index.tsx", """
                        const Frag = Symbol("frag");
                        function el(tag: unknown, _props: unknown, ...children: unknown[]): string {
                          const inner = children.join("");
                          return tag === Frag ? `[${inner}]` : `<${tag}>${inner}</${tag}>`;
                        }
                        export default { fetch: (): Response => new Response((<><b>x</b></>) as unknown as string) };
                        """);
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                + "jsx_factory = \"el\"\njsx_fragment = \"Frag\"\n");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("[<b>x</b>]", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void aThrowPointsAtTheTypeScriptLineOnThePageAndTheTerminal() throws Exception {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import { check } from "./check.js";

                        interface Params {
                          id: number;
                          label?: string;
                        }

                        export default {
                          async fetch(request: Request): Promise<Response> {
                            const params: Params = { id: Number(new URL(request.url).searchParams.get("id")) };
                            if (params.id < 0) throw new RangeError(`negative id ${params.id}`);
                            return new Response(check(params.id));
                          },
                        } satisfies ExportedHandler;
                        """,
                "src/check.ts", """
                        type Checked = string;
                        enum Unlucky { Number = 13 }
                        export function check(n: number): Checked {
                          if (n === Unlucky.Number) {
                            throw new Error(`unlucky ${n}`);
                          }
                          return `ok ${n}`;
                        }
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("ok 1", sim.dispatchFetch(FetchRequest.get("http://localhost/?id=1")).text());

            FetchResponse r = sim.dispatchFetch(FetchRequest.get("http://localhost/?id=-2").header("accept", "text/plain"));
            assertEquals(500, r.status());
            String page = r.text();
            assertTrue(page.startsWith("RangeError: negative id -2"), page);
            assertTrue(page.contains("src/index.ts:11:"), "the frame names the throwing .ts line: " + page);

            String deep = sim.dispatchFetch(FetchRequest.get("http://localhost/?id=13").header("accept", "text/plain")).text();
            assertTrue(deep.startsWith("Error: unlucky 13"), deep);
            int inCheck = deep.indexOf("src/check.ts:5:");
            int inIndex = deep.indexOf("src/index.ts:12:");
            assertTrue(inCheck > 0 && inIndex > inCheck, "the throw in check.ts, then its caller: " + deep);
        }
        String log = terminal();
        assertTrue(log.contains("src/index.ts:11:"), log);
        assertTrue(log.contains("src/check.ts:5:"), log);
    }

    @Test
    void aThrowAtLoadInAnImportedModuleNamesItsTypeScriptLine() {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import { table } from "./table";
                        export default { fetch: () => new Response(String(table.a)) };
                        """,
                "src/table.ts", """
                        type Table = Record<string, number>;

                        export const table: Table = { a: 1 };
                        if (!("b" in table)) {
                          throw new Error("table has no b");
                        }
                        """);
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        assertTrue(e.getMessage().contains("table has no b"), e.getMessage());
        assertTrue(e.getMessage().contains("src/table.ts:5:"), e.getMessage());
    }

    @Test
    void aBareImportSaysWhichPackageIsMissingAndWhatToRun() {
        Path config = project("src/index.ts",
                "package.json", "{ \"name\": \"app\", \"dependencies\": { \"hono\": \"^4\" } }\n",
                "src/index.ts", """
                        import { helper } from "./helper";
                        export default { fetch: () => new Response(helper()) };
                        """,
                "src/helper.ts", """
                        import { Hono } from "hono";
                        export const helper = (): string => typeof Hono;
                        """);
        WorkerLoadException e = assertThrows(WorkerLoadException.class, () -> builder(config).build().start());
        String m = e.getMessage();
        assertTrue(m.contains("Could not resolve \"hono\" (imported by "), m);
        assertTrue(m.contains("src/helper.ts)"), m);
        assertTrue(m.contains("the package is not installed. Run npm install (or your package manager's install) in "
                + dir.toAbsolutePath()), m);
        assertFalse(m.contains("outside the project folder"), m);
        assertEquals("BuildError", e.error().name());
    }

    @Test
    void nodeBuiltinsAndCloudflareModulesStillResolveBesideTypeScript() throws Exception {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import { Buffer } from "node:buffer";
                        import { WorkerEntrypoint } from "cloudflare:workers";
                        export default class extends WorkerEntrypoint {
                          async fetch(): Promise<Response> {
                            const missing = await import("not-installed").then(() => "loaded", (e: Error) => e.message);
                            return new Response(Buffer.from("hi").toString("hex") + " " + missing);
                          }
                        }
                        """);
        Files.writeString(config, "name = \"ts-worker\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2025-09-01\"\n"
                + "compatibility_flags = [\"nodejs_compat\"]\n");
        try (Simulator sim = builder(config).build().start()) {
            String text = sim.dispatchFetch(FetchRequest.get("http://localhost/")).text();
            assertTrue(text.startsWith("6869 Could not resolve \"not-installed\" (imported by "), text);
            assertTrue(text.contains("src/index.ts): the package is not installed."), text);
        }
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumnAndTheLastGoodVersionGoesOnServing() throws Exception {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import { n } from "./n";
                        export default { fetch: (): Response => new Response("v" + n) };
                        """,
                "src/n.ts", "export const n: number = 1;\n");
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("v1", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());

            TestProjects.write(dir.resolve("src/n.ts"), "export const n: number = ;\n");
            var err = sim.reload();
            assertEquals("BuildError", err.name());
            assertTrue(err.message().contains("src/n.ts:1:26: "), err.message());
            assertEquals("v1", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text(), "the last good version serves");

            TestProjects.write(dir.resolve("src/index.ts"), "export default { fetch(): Response { return new Response(1 +); } };\n");
            err = sim.reload();
            assertEquals("BuildError", err.name());
            assertTrue(err.message().contains("src/index.ts:1:"), err.message());
            assertTrue(err.describe().contains("return new Response(1 +)"), "the source line is shown: " + err.describe());
            assertEquals("v1", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());

            TestProjects.write(dir.resolve("src/index.ts"), """
                    import { n } from "./n";
                    export default { fetch: (): Response => new Response("v" + n) };
                    """);
            TestProjects.write(dir.resolve("src/n.ts"), "export const n: number = 2;\n");
            assertEquals(null, sim.reload());
            assertEquals("v2", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void aServiceWorkerInTypeScript() throws Exception {
        Path config = project("src/worker.ts",
                "src/worker.ts", """
                        const greeting: string = "hi from a service worker";
                        addEventListener("fetch", (event: FetchEvent) => {
                          event.respondWith(new Response(greeting));
                        });
                        """);
        try (Simulator sim = builder(config).build().start()) {
            assertEquals("hi from a service worker", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
        }
    }

    @Test
    void anEditOfAnImportedTypeScriptModuleReloads() throws Exception {
        Path config = project("src/index.ts",
                "src/index.ts", """
                        import { version } from "./version";
                        export default { fetch: (): Response => new Response(version) };
                        """,
                "src/version.ts", "export const version: string = \"v1\";\n");
        try (Simulator sim = builder(config).liveReload(true).build().start()) {
            assertEquals("v1", sim.dispatchFetch(FetchRequest.get("http://localhost/")).text());
            TestProjects.write(dir.resolve("src/version.ts"), "export const version: string = `v${1 + 1}`;\n");
            assertTrue(TestProjects.eventually(15, () -> sim.dispatchFetch(FetchRequest.get("http://localhost/")).text().equals("v2")),
                    "the edit of version.ts is picked up");
        }
    }
}
