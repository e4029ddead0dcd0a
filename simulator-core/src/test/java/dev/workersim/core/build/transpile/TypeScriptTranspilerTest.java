package dev.workersim.core.build.transpile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workersim.core.build.SourceMap;
import dev.workersim.core.runtime.WorkerSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transpiler on its own: TypeScript as esbuild strips it, tsconfig's JSX options, errors, maps, probing. */
class TypeScriptTranspilerTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private String transpile(String name, String content) throws IOException {
        return TypeScriptTranspiler.DEFAULT.transpile(write(name, content), content).code();
    }

    @Test
    void typesAreStrippedAndRuntimeTypeScriptIsLowered() throws IOException {
        String js = transpile("a.ts", """
                import type { Env } from "./env";
                import { used, type OnlyType } from "./values";
                import { unused } from "./unused";
                export enum Color { Red, Green = "g" }
                class P { constructor(private readonly x: number, public y?: string) {} }
                const cfg = { a: 1 } satisfies Record<string, number>;
                let v = <T,>(x: T) => x!;
                declare const ambient: number;
                export default { fetch(req: Request, env: Env): Response { return new Response(String(used) + cfg.a + new P(1).y); } } satisfies ExportedHandler<Env>;
                """);
        assertFalse(js.contains("./env"), js);
        assertFalse(js.contains("./unused"), "an import used only as a type goes, as esbuild drops it: " + js);
        assertTrue(js.contains("import { used } from \"./values\""), js);
        assertTrue(js.contains("Color[Color[\"Red\"] = 0] = \"Red\""), js);
        assertTrue(js.contains("this.x = x"), js);
        assertFalse(js.contains("satisfies") || js.contains(": number") || js.contains("ambient"), js);
    }

    @Test
    void verbatimModuleSyntaxKeepsValueImports() throws IOException {
        write("tsconfig.json", "{ \"compilerOptions\": { \"verbatimModuleSyntax\": true } }");
        String js = transpile("v.ts", "import { sideEffect } from \"./x\";\nimport type { T } from \"./t\";\nexport const a: T = 1;\n");
        assertTrue(js.contains("./x"), js);
        assertFalse(js.contains("./t"), js);
    }

    @Test
    void jsxFollowsTheNearestTsconfigWithCommentsTrailingCommasAndExtends() throws IOException {
        write("base/tsconfig.base.json", """
                {
                  /* the base: automatic runtime from hono */
                  "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "hono/jsx", },
                }
                """);
        write("app/tsconfig.json", """
                {
                  "extends": "../base/tsconfig.base", // ".json" may be left out
                  "compilerOptions": { "strict": true },
                }
                """);
        String hono = transpile("app/src/deep/page.tsx", "export const A = () => <div class=\"x\"><>{1}</></div>;\n");
        assertTrue(hono.contains("from \"hono/jsx/jsx-runtime\""), hono);
        assertTrue(hono.contains("_jsx(\"div\""), hono);

        write("classic/tsconfig.json", "{ \"compilerOptions\": { \"jsx\": \"react\", \"jsxFactory\": \"h\", \"jsxFragmentFactory\": \"Frag\" } }");
        String classic = transpile("classic/page.tsx", "export const A = () => <><b>{1}</b></>;\n");
        assertTrue(classic.contains("h(Frag, null, h(\"b\", null, 1))"), classic);

        // No tsconfig: esbuild's default, React.createElement.
        Path bare = Files.createTempDirectory("no-tsconfig");
        Path file = bare.resolve("x.jsx");
        Files.writeString(file, "export const A = <i/>;\n");
        assertTrue(TypeScriptTranspiler.DEFAULT.transpile(file, Files.readString(file)).code().contains("React.createElement(\"i\""));

        // A pragma in the file wins, as in esbuild.
        String pragma = transpile("app/src/p.tsx", "/** @jsxImportSource preact */\nexport const A = <i/>;\n");
        assertTrue(pragma.contains("preact/jsx-runtime"), pragma);
    }

    @Test
    void aTsconfigEditIsSeenAtTheNextTranspile() throws IOException {
        Path tsconfig = write("t/tsconfig.json", "{ \"compilerOptions\": { \"jsxFactory\": \"one\" } }");
        String src = "export const A = <i/>;\n";
        assertTrue(transpile("t/a.tsx", src).contains("one(\"i\""));
        Files.writeString(tsconfig, "{ \"compilerOptions\": { \"jsxFactory\": \"twotwo\" } }");
        assertTrue(transpile("t/a.tsx", src).contains("twotwo(\"i\""));
    }

    @Test
    void jsxPreserveIsRefusedWithWhatToUseInstead() throws IOException {
        write("p/tsconfig.json", "{ \"compilerOptions\": { \"jsx\": \"preserve\" } }");
        TranspileException e = assertThrows(TranspileException.class, () -> transpile("p/a.tsx", "export const A = <i/>;\n"));
        assertTrue(e.getMessage().contains("\"jsx\": \"preserve\""), e.getMessage());
        assertTrue(e.getMessage().contains("tsconfig.json"), e.getMessage());
    }

    @Test
    void aBrokenTsconfigNamesItsFileAndLine() throws IOException {
        write("b/tsconfig.json", "{\n  \"compilerOptions\": { \"jsx\": }\n}\n");
        TranspileException e = assertThrows(TranspileException.class, () -> transpile("b/a.tsx", "export const A = 1;\n"));
        assertTrue(e.getMessage().contains("b/tsconfig.json:2:"), e.getMessage());
    }

    @Test
    void decoratorsFollowExperimentalDecorators() throws IOException {
        String src = "function d(t: any, k?: any) {}\nexport class C { @d m() {} }\n";
        write("legacy/tsconfig.json", "{ \"compilerOptions\": { \"experimentalDecorators\": true } }");
        assertTrue(transpile("legacy/a.ts", src).contains("_ts_decorate"), "TypeScript's experimental decorators");
        String standard = transpile("std/a.ts", src);
        assertFalse(standard.contains("_ts_decorate"), standard);
        assertFalse(standard.contains("@d"), "standard decorators are lowered, as esbuild does for es2022: " + standard);
    }

    @Test
    void aSyntaxErrorHasFileLineColumnAndTheMarkedLine() throws IOException {
        TranspileException e = assertThrows(TranspileException.class, () -> transpile("bad.ts", "const ok = 1;\nlet x: = 1;\n"));
        assertEquals(2, e.line());
        assertEquals(8, e.column());
        assertTrue(e.file().endsWith("bad.ts"));
        assertTrue(e.getMessage().startsWith(SourceMapsDisplay.of(e.file()) + ":2:8: "), e.getMessage());
        assertTrue(e.getMessage().contains("let x: = 1;"), "the source line follows: " + e.getMessage());
        assertFalse(e.detail().contains("file://"), e.detail());
    }

    @Test
    void theSourceMapLeadsBackToTheTypeScriptLine() throws IOException {
        Path file = write("m.ts", """
                interface A { a: number }
                type B = A & { b: string };

                export function f(x: B): number {
                  return x.a;
                }
                """);
        TypeScriptTranspiler.Result r = TypeScriptTranspiler.DEFAULT.transpile(file, Files.readString(file));
        String[] lines = r.code().split("\n");
        int at = -1;
        for (int i = 0; i < lines.length; i++) if (lines[i].contains("return x.a")) at = i + 1;
        SourceMap.Position p = r.map().original(at, lines[at - 1].indexOf("return") + 1);
        assertNotNull(p);
        assertEquals(file.toString(), p.source());
        assertEquals(5, p.line());
        assertEquals(3, p.column());
    }

    @Test
    void unchangedContentIsServedFromTheCache() throws IOException {
        Path file = write("c.ts", "export const c: number = 1;\n");
        TypeScriptTranspiler.Result a = TypeScriptTranspiler.DEFAULT.transpile(file, "export const c: number = 1;\n");
        assertSame(a, TypeScriptTranspiler.DEFAULT.transpile(file, "export const c: number = 1;\n"));
        assertFalse(a == TypeScriptTranspiler.DEFAULT.transpile(file, "export const c: number = 2;\n"));
    }

    @Test
    void whichFilesAreTranspiled() {
        for (String n : new String[] {"a.ts", "a.mts", "a.cts", "a.tsx", "a.jsx"}) assertTrue(TypeScriptTranspiler.handles(Path.of(n)), n);
        for (String n : new String[] {"a.js", "a.mjs", "a.d.ts", "a.json", "ts"}) assertFalse(TypeScriptTranspiler.handles(Path.of(n)), n);
    }

    @Test
    void probingFollowsEsbuild() throws IOException {
        write("src/util.ts", "");
        write("src/both.js", "");
        write("src/both.ts", "");
        write("src/comp.tsx", "");
        write("src/lib/index.ts", "");
        write("src/data.json", "{}");
        Path src = dir.resolve("src");
        assertEquals(src.resolve("util.ts"), ImportProbe.resolve(src.resolve("util")));
        assertEquals(src.resolve("util.ts"), ImportProbe.resolve(src.resolve("util.js")), "TypeScript's .js for .ts");
        assertEquals(src.resolve("both.js"), ImportProbe.resolve(src.resolve("both.js")), "an existing file first");
        assertEquals(src.resolve("both.ts"), ImportProbe.resolve(src.resolve("both")), ".ts before .js");
        assertEquals(src.resolve("comp.tsx"), ImportProbe.resolve(src.resolve("comp.jsx")));
        assertEquals(src.resolve("lib/index.ts"), ImportProbe.resolve(src.resolve("lib")));
        assertEquals(src.resolve("data.json"), ImportProbe.resolve(src.resolve("data")));
        assertNull(ImportProbe.resolve(src.resolve("nothing")));
    }

    @Test
    void typeScriptEntriesAreModules() {
        assertTrue(WorkerSource.looksLikeModule("interface Env { A: string }\nexport default { fetch() { return new Response(); } } satisfies ExportedHandler<Env>;"));
        assertTrue(WorkerSource.looksLikeModule("export enum E { A }\n"));
        assertTrue(WorkerSource.looksLikeModule("export interface I {}\naddEventListener('fetch', () => {});"));
        assertTrue(WorkerSource.looksLikeModule("import type { X } from './x';\nconst a: X = 1;"));
        assertFalse(WorkerSource.looksLikeModule("const t: string = 'x';\naddEventListener('fetch', (e: FetchEvent) => e.respondWith(new Response(t)));"));
    }

    /**
     * How long transpiling takes: a ~326-line module, its first transpile and warm ones, and a
     * cache hit (printed for the record, not asserted: this machine's load varies too much).
     * The native library's load is measured on a fresh JVM instead (see the README's numbers).
     */
    @Test
    void timings() throws IOException {
        String source;
        try (InputStream in = getClass().getResourceAsStream("/transpile/service.ts")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SwcNative.get();
        Path file = write("service.ts", source);
        TypeScriptTranspiler t = new TypeScriptTranspiler(null, null, null);
        long t1 = System.nanoTime();
        TypeScriptTranspiler.Result first = t.transpile(file, source);
        long firstNs = System.nanoTime() - t1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            String edited = source + "\n// edit " + i + "\n"; // new content: no cache hit
            long s = System.nanoTime();
            t.transpile(file, edited);
            best = Math.min(best, System.nanoTime() - s);
        }
        long c = System.nanoTime();
        t.transpile(file, source + "\n// edit 19\n");
        long cached = System.nanoTime() - c;
        System.out.printf("[transpile] %d lines: first %.1f ms, warm %.2f ms, cache hit %.3f ms%n",
                source.split("\n").length, firstNs / 1e6, best / 1e6, cached / 1e6);
        assertTrue(first.code().contains("class Service11"), "the module transpiled");
    }

    /** SourceMaps.display, as the error's headline shows the file. */
    private static final class SourceMapsDisplay {
        static String of(Path p) {
            return dev.workersim.core.build.SourceMaps.display(p.toString());
        }
    }
}
