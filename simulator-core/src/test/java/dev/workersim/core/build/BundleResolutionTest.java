package dev.workersim.core.build;

import static dev.workersim.core.build.TestEsbuild.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.testing.WorkerFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a bundled worker's imports resolve, one rule per test, each with small packages written
 * into node_modules by the test: what esbuild does with wrangler's options (wrangler 4.168,
 * bundleWorker), checked through a request to the worker.
 */
class BundleResolutionTest {
    @TempDir
    Path dir;

    /** Skips the test (before it starts) when there is no esbuild binary and no npm to install one. */
    @BeforeEach
    void needsEsbuild() {
        TestEsbuild.binary();
    }

    static String pkg(String name, String packageJsonBody) {
        return "{ \"name\": \"" + name + "\", \"version\": \"1.0.0\"" + (packageJsonBody.isEmpty() ? "" : ", " + packageJsonBody) + " }";
    }

    static String flavour(String value) {
        return "export const flavour = \"" + value + "\";\n";
    }

    /** Starts the worker of {@code config}, asks GET {@code path}, expects a 200 and returns its body. */
    static String body(Path config, Map<String, String> env, String path) {
        try (WorkerFixture worker = WorkerFixture.config(config).configure(b -> b.processEnv(env).inMemory().log((l, t) -> { })).start()) {
            return worker.getText(path);
        }
    }

    static String body(Path config) {
        return body(config, TestEsbuild.env(), "/");
    }

    @Test
    void exportsConditionsFollowWranglersOrderWorkerdWorkerBrowser() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { flavour as a } from "cond-workerd";
                        import { flavour as b } from "cond-worker";
                        import { flavour as c } from "cond-browser";
                        import { flavour as d } from "cond-nested";
                        import { flavour as e } from "cond-default";
                        export default { fetch: () => new Response([a, b, c, d, e].join(" ")) };
                        """,
                // workerd listed before import/default wins; node is never active
                "node_modules/cond-workerd/package.json", pkg("cond-workerd",
                        "\"exports\": { \".\": { \"node\": \"./node.js\", \"workerd\": \"./workerd.js\", \"import\": \"./import.js\", \"default\": \"./default.js\" } }"),
                "node_modules/cond-workerd/node.js", flavour("node"),
                "node_modules/cond-workerd/workerd.js", flavour("workerd"),
                "node_modules/cond-workerd/import.js", flavour("import"),
                "node_modules/cond-workerd/default.js", flavour("default"),
                "node_modules/cond-worker/package.json", pkg("cond-worker",
                        "\"exports\": { \"node\": \"./node.js\", \"worker\": \"./worker.js\", \"default\": \"./default.js\" }"),
                "node_modules/cond-worker/node.js", flavour("node"),
                "node_modules/cond-worker/worker.js", flavour("worker"),
                "node_modules/cond-worker/default.js", flavour("default"),
                "node_modules/cond-browser/package.json", pkg("cond-browser",
                        "\"exports\": { \"node\": \"./node.js\", \"browser\": \"./browser.js\", \"default\": \"./default.js\" }"),
                "node_modules/cond-browser/node.js", flavour("node"),
                "node_modules/cond-browser/browser.js", flavour("browser"),
                "node_modules/cond-browser/default.js", flavour("default"),
                // conditions nest: import, then workerd inside it
                "node_modules/cond-nested/package.json", pkg("cond-nested",
                        "\"exports\": { \"require\": \"./cjs.cjs\", \"import\": { \"node\": \"./node.mjs\", \"workerd\": \"./workerd.mjs\", \"default\": \"./default.mjs\" } }"),
                "node_modules/cond-nested/cjs.cjs", "exports.flavour = 'require';\n",
                "node_modules/cond-nested/node.mjs", flavour("import+node"),
                "node_modules/cond-nested/workerd.mjs", flavour("import+workerd"),
                "node_modules/cond-nested/default.mjs", flavour("import+default"),
                // nothing special: default
                "node_modules/cond-default/package.json", pkg("cond-default",
                        "\"exports\": { \"node\": \"./node.js\", \"default\": \"./default.js\" }"),
                "node_modules/cond-default/node.js", flavour("node"),
                "node_modules/cond-default/default.js", flavour("default"));
        assertEquals("workerd worker browser import+workerd default", body(config));
    }

    @Test
    void wranglerBuildConditionsReplaceTheDefaultConditions() {
        String[] files = {
                "src/index.ts", "import { flavour } from \"cond\";\nexport default { fetch: () => new Response(flavour) };\n",
                "node_modules/cond/package.json", pkg("cond",
                        "\"exports\": { \"workerd\": \"./workerd.js\", \"custom\": \"./custom.js\", \"import\": \"./import.js\", \"default\": \"./default.js\" }"),
                "node_modules/cond/workerd.js", flavour("workerd"),
                "node_modules/cond/custom.js", flavour("custom"),
                "node_modules/cond/import.js", flavour("import"),
                "node_modules/cond/default.js", flavour("default"),
        };
        Path config = project(dir, "", files);
        assertEquals("workerd", body(config));
        assertEquals("custom", body(config, TestEsbuild.env("WRANGLER_BUILD_CONDITIONS", "custom"), "/"));
        // neither workerd nor custom: esbuild's own import condition still applies
        assertEquals("import", body(config, TestEsbuild.env("WRANGLER_BUILD_CONDITIONS", "something-else"), "/"));
    }

    @Test
    void subpathExportsAndSubpathPatterns() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { name as root } from "multi";
                        import { name as utils } from "multi/utils";
                        import { name as strings } from "multi/utils/strings";
                        import { name as numbers } from "multi/utils/numbers";
                        import { name as feature } from "multi/features/alpha";
                        export default { fetch: () => new Response([root, utils, strings, numbers, feature].join(",")) };
                        """,
                "node_modules/multi/package.json", pkg("multi", """
                        "exports": {
                          ".": "./dist/index.js",
                          "./utils": { "workerd": "./dist/utils/index.js", "default": "./dist/nope.js" },
                          "./utils/*": "./dist/utils/*.js",
                          "./features/*": { "import": "./dist/features/*/entry.mjs" },
                          "./package.json": "./package.json"
                        }"""),
                "node_modules/multi/dist/index.js", "export const name = 'root';\n",
                "node_modules/multi/dist/nope.js", "export const name = 'nope';\n",
                "node_modules/multi/dist/utils/index.js", "export const name = 'utils';\n",
                "node_modules/multi/dist/utils/strings.js", "export const name = 'strings';\n",
                "node_modules/multi/dist/utils/numbers.js", "export const name = 'numbers';\n",
                "node_modules/multi/dist/features/alpha/entry.mjs", "export const name = 'alpha';\n");
        assertEquals("root,utils,strings,numbers,alpha", body(config));
    }

    @Test
    void moduleFieldBeatsMainAndMainAloneWorks() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { flavour as a } from "dual";
                        import { flavour as b } from "main-only";
                        import { flavour as c } from "no-fields";
                        export default { fetch: () => new Response([a, b, c].join(" ")) };
                        """,
                "node_modules/dual/package.json", pkg("dual", "\"main\": \"./lib/cjs.js\", \"module\": \"./lib/esm.js\""),
                "node_modules/dual/lib/cjs.js", "exports.flavour = 'main';\n",
                "node_modules/dual/lib/esm.js", flavour("module"),
                "node_modules/main-only/package.json", pkg("main-only", "\"main\": \"lib/entry\""),
                "node_modules/main-only/lib/entry.js", flavour("main (probed .js)"),
                "node_modules/no-fields/package.json", pkg("no-fields", ""),
                "node_modules/no-fields/index.js", flavour("index.js"));
        assertEquals("module main (probed .js) index.js", body(config));
    }

    @Test
    void commonJsPackageImportedFromEsmWithDefaultAndNamedImports() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import cjs, { greet, answer } from "cjs-lib";
                        import * as ns from "cjs-lib";
                        import esModuleFlagged, { named } from "cjs-transpiled";
                        export default {
                          fetch: () => new Response([greet("ts"), answer, cjs.greet("default"), ns.answer,
                            esModuleFlagged, named].join("|")),
                        };
                        """,
                "node_modules/cjs-lib/package.json", pkg("cjs-lib", "\"main\": \"index.js\""),
                "node_modules/cjs-lib/index.js", """
                        "use strict";
                        const helper = require("./helper");
                        module.exports = { greet: (who) => helper.prefix + who, answer: 42 };
                        """,
                "node_modules/cjs-lib/helper.js", "exports.prefix = 'hello ';\n",
                // what TypeScript and Babel emit: __esModule with exports.default
                "node_modules/cjs-transpiled/package.json", pkg("cjs-transpiled", "\"main\": \"index.js\""),
                "node_modules/cjs-transpiled/index.js", """
                        "use strict";
                        Object.defineProperty(exports, "__esModule", { value: true });
                        exports.default = "the default";
                        exports.named = "the named";
                        """);
        assertEquals("hello ts|42|hello default|42|the default|the named", body(config));
    }

    @Test
    void requireOfPackagesAndLocalModules() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import legacy from "./legacy.cjs";
                        declare const require: (id: string) => any;
                        const direct = require("cjs-lib");
                        export default { fetch: () => new Response(legacy.describe() + " / " + direct.greet("require in ts")) };
                        """,
                "src/legacy.cjs", """
                        const lib = require("cjs-lib");
                        const { flavour } = require("esm-lib");
                        const data = require("./data.json");
                        module.exports = { describe: () => [lib.greet("cjs"), flavour, data.n].join(",") };
                        """,
                "src/data.json", "{ \"n\": 7 }",
                "node_modules/cjs-lib/package.json", pkg("cjs-lib", "\"main\": \"index.js\""),
                "node_modules/cjs-lib/index.js", "module.exports = { greet: (who) => 'hi ' + who };\n",
                // an ES module package required from CommonJS
                "node_modules/esm-lib/package.json", pkg("esm-lib", "\"type\": \"module\", \"exports\": { \"import\": \"./esm.js\", \"require\": \"./cjs.cjs\" }"),
                "node_modules/esm-lib/esm.js", flavour("esm via import"),
                "node_modules/esm-lib/cjs.cjs", "exports.flavour = 'cjs via require';\n");
        assertEquals("hi cjs,cjs via require,7 / hi require in ts", body(config));
    }

    @Test
    void packageImportsMapHashSpecifiers() {
        Path config = project(dir, "",
                "package.json", pkg("app", """
                        "private": true,
                        "imports": {
                          "#config": "./src/config.ts",
                          "#lib/*": "./src/lib/*.ts",
                          "#env": { "workerd": "./src/env-workerd.ts", "default": "./src/env-default.ts" }
                        }"""),
                "src/index.ts", """
                        import { setting } from "#config";
                        import { helper } from "#lib/helper";
                        import { where } from "#env";
                        import { fromPackage } from "with-internal";
                        export default { fetch: () => new Response([setting, helper, where, fromPackage].join(" ")) };
                        """,
                "src/config.ts", "export const setting: string = 'config';\n",
                "src/lib/helper.ts", "export const helper: string = 'helper';\n",
                "src/env-workerd.ts", "export const where = 'workerd';\n",
                "src/env-default.ts", "export const where = 'default';\n",
                // a package's own #internal import, resolved against its package.json
                "node_modules/with-internal/package.json", pkg("with-internal",
                        "\"exports\": \"./index.js\", \"imports\": { \"#internal\": \"./src/internal.js\" }"),
                "node_modules/with-internal/index.js", "import { secret } from '#internal';\nexport const fromPackage = 'pkg:' + secret;\n",
                "node_modules/with-internal/src/internal.js", "export const secret = 'internal';\n");
        assertEquals("config helper workerd pkg:internal", body(config));
    }

    @Test
    void tsconfigPathsAndBaseUrl() {
        Path config = project(dir, "",
                "tsconfig.json", """
                        {
                          // comments and trailing commas are fine in tsconfig.json
                          "compilerOptions": {
                            "baseUrl": ".",
                            "paths": { "@lib/*": ["src/lib/*"], "~config": ["src/settings/config.ts"], },
                          },
                        }
                        """,
                "src/index.ts", """
                        import { a } from "@lib/a";
                        import { b } from "src/lib/b";
                        import { c } from "~config";
                        export default { fetch: () => new Response(a + b + c) };
                        """,
                "src/lib/a.ts", "export const a = 'A';\n",
                "src/lib/b.ts", "export const b = 'B';\n",
                "src/settings/config.ts", "export const c = 'C';\n");
        assertEquals("ABC", body(config));
    }

    @Test
    void tsconfigKeyOfTheConfigPointsAtAnotherFile() {
        Path config = project(dir, "tsconfig = \"tsconfig.worker.json\"\n",
                "tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@x\": [\"./src/wrong.ts\"] } } }",
                "tsconfig.worker.json", "{ \"compilerOptions\": { \"paths\": { \"@x\": [\"./src/right.ts\"] } } }",
                "src/index.ts", "import { x } from '@x';\nexport default { fetch: () => new Response(x) };\n",
                "src/wrong.ts", "export const x = 'wrong';\n",
                "src/right.ts", "export const x = 'right';\n");
        assertEquals("right", body(config));
    }

    @Test
    void wranglerAliasConfigKey() {
        Path config = project(dir, """
                [alias]
                "old-fetcher" = "./src/shims/fetcher.ts"
                "lodash" = "tiny-lodash"
                "orig" = "dual"
                """,
                "src/index.ts", """
                        import { fetchIt } from "old-fetcher";
                        import { upper } from "lodash";
                        import { v } from "orig";
                        export default { fetch: () => new Response(fetchIt() + " " + upper("aliased") + " " + v) };
                        """,
                // wrangler resolves an alias's target as Node's require.resolve does (checked with
                // wrangler 4.168): the "require" export, not the worker's "workerd" condition
                "node_modules/dual/package.json", pkg("dual", "\"exports\": { \"workerd\": \"./w.js\", \"require\": \"./r.cjs\", \"default\": \"./d.js\" }"),
                "node_modules/dual/w.js", "export const v = 'workerd';\n",
                "node_modules/dual/r.cjs", "exports.v = 'require';\n",
                "node_modules/dual/d.js", "export const v = 'default';\n",
                "node_modules/orig/package.json", pkg("orig", "\"main\": \"index.js\""),
                "node_modules/orig/index.js", "export const v = 'not aliased';\n",
                "src/shims/fetcher.ts", "export const fetchIt = (): string => 'shimmed';\n",
                "node_modules/old-fetcher/package.json", pkg("old-fetcher", "\"main\": \"index.js\""),
                "node_modules/old-fetcher/index.js", "export const fetchIt = () => 'the real one';\n",
                "node_modules/tiny-lodash/package.json", pkg("tiny-lodash", "\"main\": \"index.js\""),
                "node_modules/tiny-lodash/index.js", "export const upper = (s) => s.toUpperCase();\n");
        assertEquals("shimmed ALIASED require", body(config));
    }

    @Test
    void defineConfigKeyReplacesIdentifiersAndNodeEnvIsDevelopment() {
        Path config = project(dir, """
                [define]
                __VERSION__ = "\\"1.2.3\\""
                "FEATURES.beta" = "true"
                DEBUG = "false"
                """,
                "src/index.ts", """
                        declare const __VERSION__: string;
                        declare const FEATURES: { beta: boolean };
                        declare const DEBUG: boolean;
                        declare const process: { env: { NODE_ENV: string } };
                        export default {
                          fetch: () => new Response([__VERSION__, FEATURES.beta, DEBUG, process.env.NODE_ENV,
                            typeof globalThis.process === "undefined" ? "no process" : "process"].join(" ")),
                        };
                        """);
        assertEquals("1.2.3 true false development no process", body(config));
    }

    @Test
    void jsonImportsDefaultAndNamed() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import data from "./data.json";
                        import { title, nested } from "./data.json";
                        import pkgInfo from "json-pkg/package.json";
                        import table from "json-pkg/table.json";
                        export default { fetch: () => new Response([data.title, title, nested.deep, pkgInfo.version, table.length].join(" ")) };
                        """,
                "src/data.json", "{ \"title\": \"T\", \"nested\": { \"deep\": 3 } }",
                "node_modules/json-pkg/package.json", pkg("json-pkg", "\"main\": \"index.js\""),
                "node_modules/json-pkg/index.js", "module.exports = {};\n",
                "node_modules/json-pkg/table.json", "[1, 2, 3, 4]");
        assertEquals("T T 3 1.0.0 4", body(config));
    }

    @Test
    void directoryIndexesAndExtensionProbing() {
        Path config = project(dir, "",
                "src/index.ts", """
                        import { a } from "./lib";
                        import { b } from "./util";
                        import { c } from "./written-as-js.js";
                        import { d } from "./components";
                        import { e } from "./plain";
                        import { f } from "./module.mjs";
                        import { g } from "./tsdir/";
                        export default { fetch: () => new Response([a, b, c, d, e, f, g].join("")) };
                        """,
                "src/lib/index.ts", "export const a = 'a';\n",
                "src/util.ts", "export const b = 'b';\n",
                // TypeScript's convention: ./x.js names the source ./x.ts
                "src/written-as-js.ts", "export const c = 'c';\n",
                "src/components/index.tsx", "export const d = 'd';\n",
                "src/plain.js", "export const e = 'e';\n",
                "src/module.mts", "export const f = 'f';\n",
                "src/tsdir/index.js", "export const g = 'g';\n");
        assertEquals("abcdefg", body(config));
    }

    @Test
    void jsxAutomaticRuntimeFromJsxImportSource() {
        Path config = project(dir, "main = \"src/index.tsx\"\n",
                "tsconfig.json", """
                        { "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "tiny-jsx", "strict": true } }
                        """,
                "src/index.tsx", """
                        import { Badge } from "./badge";
                        const Page = ({ title }: { title: string }) => (
                          <html><body><h1 class="t">{title}</h1><Badge n={3} /><>frag</></body></html>
                        );
                        export default { fetch: () => new Response(String(<Page title="Hi" />)) };
                        """,
                "src/badge.tsx", "export const Badge = (p: { n: number }) => <span>{p.n} new</span>;\n",
                "node_modules/tiny-jsx/package.json", pkg("tiny-jsx",
                        "\"type\": \"module\", \"exports\": { \".\": \"./index.js\", \"./jsx-runtime\": \"./jsx-runtime.js\", \"./jsx-dev-runtime\": \"./jsx-runtime.js\" }"),
                "node_modules/tiny-jsx/index.js", "export const version = 1;\n",
                "node_modules/tiny-jsx/jsx-runtime.js", """
                        export const Fragment = Symbol("Fragment");
                        const render = (c) => Array.isArray(c) ? c.map(render).join("") : c == null ? "" : String(c);
                        export function jsx(tag, props) {
                          const { children, ...attrs } = props;
                          if (tag === Fragment) return render(children);
                          if (typeof tag === "function") return tag(props);
                          const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${v}"`).join("");
                          return `<${tag}${a}>${render(children)}</${tag}>`;
                        }
                        export const jsxs = jsx;
                        export const jsxDEV = jsx;
                        """);
        assertEquals("<html><body><h1 class=\"t\">Hi</h1><span>3 new</span>frag</body></html>", body(config));
    }

    @Test
    void jsxClassicFactoryFromTsconfig() {
        Path config = project(dir, "main = \"src/index.tsx\"\n",
                "tsconfig.json", "{ \"compilerOptions\": { \"jsx\": \"react\", \"jsxFactory\": \"h\", \"jsxFragmentFactory\": \"Frag\" } }",
                "src/h.ts", """
                        export function h(tag: any, props: Record<string, unknown> | null, ...children: unknown[]): string {
                          if (typeof tag === "function") return tag({ ...props, children });
                          const a = Object.entries(props ?? {}).map(([k, v]) => ` ${k}=${v}`).join("");
                          return `<${tag}${a}>${children.join("")}</${tag}>`;
                        }
                        export const Frag = (p: { children: unknown[] }): string => p.children.join("");
                        """,
                "src/index.tsx", """
                        import { h, Frag } from "./h";
                        import { extra } from "./extra";
                        const Item = (p: { label: string }) => <li>{p.label}</li>;
                        export default { fetch: () => new Response(<><ul id="x"><Item label="one" /><Item label="two" /></ul>{extra}!</>) };
                        """,
                // a .jsx file gets the same factory
                "src/extra.jsx", "import { h } from './h';\nexport const extra = <em>e</em>;\n");
        assertEquals("<ul id=x><li>one</li><li>two</li></ul><em>e</em>!", body(config));
    }

    @Test
    void jsxFactoryConfigKeyForJsxInJsFiles() {
        Path config = project(dir, "main = \"src/index.js\"\njsx_factory = \"el\"\njsx_fragment = \"frag\"\n",
                "src/index.js", """
                        const el = (tag, props, ...children) => `[${tag}:${children.join("")}]`;
                        const frag = "F";
                        export default { fetch: () => new Response(<div><b>x</b>y</div>) };
                        """);
        assertEquals("[div:[b:x]y]", body(config));
    }

    @Test
    void typeScriptFeatures() {
        Path config = project(dir, "",
                "tsconfig.json", "{ \"compilerOptions\": { \"experimentalDecorators\": true, \"strict\": true } }",
                "src/types.ts", """
                        export interface Shape { kind: string; area(): number }
                        export type Id = string & { __brand: "id" };
                        """,
                "src/index.ts", """
                        import type { Shape } from "./types";
                        import { type Id } from "./types";

                        enum Color { Red, Green = 5, Blue }
                        const enum Dir { Up = "UP", Down = "DOWN" }
                        namespace Geometry { export const unit = 2; }

                        function logged(target: any, key: string, desc: PropertyDescriptor): PropertyDescriptor {
                          const original = desc.value;
                          desc.value = function (this: unknown, ...args: unknown[]) { return "@" + original.apply(this, args); };
                          return desc;
                        }

                        abstract class Base { abstract area(): number; }
                        class Square extends Base implements Shape {
                          readonly kind = "square";
                          constructor(private readonly side: number, public label?: string) { super(); }
                          area(): number { return this.side * this.side; }
                          @logged describe(): string { return `${this.label}:${this.area()}`; }
                        }

                        const config = { retries: 3, mode: "fast" } satisfies Record<string, string | number>;
                        const id = "x1" as Id;
                        function first<T>(xs: readonly T[]): T | undefined { return xs[0]; }
                        let maybe: string | undefined;
                        const definite = maybe!?.length ?? 0;

                        export default {
                          async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
                            const sq = new Square(Geometry.unit * 2, "sq");
                            const parts: Array<string | number> = [Color.Red, Color.Green, Color.Blue, Color[6], Dir.Up,
                              sq.describe(), config.mode, id, first<number>([9, 8]) ?? -1, definite];
                            return new Response(parts.join(","));
                          },
                        } satisfies ExportedHandler;
                        """);
        assertEquals("0,5,6,Blue,UP,@sq:16,fast,x1,9,0", body(config));
    }

    @Test
    void nodeAndCloudflareModulesStayRuntimeModules() {
        Path config = project(dir, "compatibility_flags = [\"nodejs_compat\"]\n",
                "src/index.ts", """
                        import { Buffer } from "node:buffer";
                        import { EventEmitter } from "events";
                        import { WorkerEntrypoint } from "cloudflare:workers";
                        import { viaPackage } from "uses-node";
                        export default class extends WorkerEntrypoint {
                          fetch(): Response {
                            const e = new EventEmitter();
                            let heard = "";
                            e.on("x", (v: string) => { heard = v; });
                            e.emit("x", "event");
                            return new Response([Buffer.from("hi").toString("hex"), heard, viaPackage()].join(" "));
                          }
                        }
                        """,
                // a CommonJS package that requires a Node builtin
                "node_modules/uses-node/package.json", pkg("uses-node", "\"main\": \"index.js\""),
                "node_modules/uses-node/index.js", """
                        const { Buffer } = require("buffer");
                        const util = require("node:util");
                        exports.viaPackage = () => util.format("%s", Buffer.from("ok").toString("base64"));
                        """);
        assertEquals("6869 event b2s=", body(config));
    }
}
