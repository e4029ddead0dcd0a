#!/usr/bin/env node
// Lays out one project of the corpus the way `npm create cloudflare@<pin>` would, without its
// prompts, network calls or git steps:
//   node c3-apply.js C3_PACKAGE_DIR CASE_DIR PROJECT_DIR COMPAT_DATE WRANGLER_VERSION
// C3_PACKAGE_DIR: node_modules/create-cloudflare of the pinned version.
// CASE_DIR: conformance/projects/<case> (case.json, requests.json, golden.json).
// PROJECT_DIR: where the project goes; node_modules/ and package-lock.json there are kept.
//
// What c3 2.74.0 does (src/cli.ts create() + configure()) and what we do:
//  1. template.generate (framework CLI; only Hono here: create-hono downloads honojs/starter from
//     GitHub, unreachable here) -> we write create-hono's base files (package.json, tsconfig.json,
//     .gitignore) as they are in honojs/starter templates/cloudflare-{workers,pages} at ref v0.19.
//  2. copyTemplateFiles: copy the template variant folder, rename __dot__gitignore to .gitignore.
//  3. updatePackageName: package.json "name" of "<PACKAGE_NAME>", "<TBD>", "TBD" or "" -> project name.
//  4. npm install; installWrangler: `npm install -D wrangler@latest` -> devDependencies.wrangler is set
//     to the pinned version here, and prepare.sh runs a single npm install.
//  5. updateWranglerConfig (src/wrangler/config.ts): in every string value of wrangler.json(c),
//     <WORKER_NAME> -> project name and <COMPATIBILITY_DATE> -> c3's DEFAULT_COMPAT_DATE; then
//     "$schema" first, name, compatibility_date (kept if already a date), observability {enabled:true},
//     upload_source_maps true, node.js compat flags reconciled (at >= 2026-08-04 nodejs_compat is on by
//     default, so c3 strips nodejs_compat/nodejs_compat_v2 and adds nothing). c3 also adds hint
//     comments; we write plain JSON (wrangler reads both).
//  6. updatePackageScripts (template.transformPackageJson: Hono adds a cf-typegen script).
//  7. addTypes (wrangler types, @types/node, tsconfig "types"): type-checking only, no effect on what
//     runs, so skipped, except that c3 then drops @cloudflare/workers-types from devDependencies (done
//     here: it matters, as wrangler@pin's peer range for it may not be installable alongside the
//     template's). AGENTS.md, git and deploy: skipped.
// The project name (worker name) is the case folder's name, as c3 uses the directory's basename.
"use strict";
const fs = require("fs");
const path = require("path");

const [c3Dir, caseDir, projDir, compatDate, wranglerVersion] = process.argv.slice(2);
if (!wranglerVersion) {
  console.error("usage: c3-apply.js C3_PACKAGE_DIR CASE_DIR PROJECT_DIR COMPAT_DATE WRANGLER_VERSION");
  process.exit(2);
}
const name = path.basename(path.resolve(caseDir));
const spec = JSON.parse(fs.readFileSync(path.join(caseDir, "case.json"), "utf8"));
const KEEP = new Set(["node_modules", "package-lock.json", ".installed-package.json"]);

// --- JSONC ------------------------------------------------------------------------------------
function stripJsonc(text) {
  let out = "", i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      i = i < 0 ? text.length : i + 2;
    } else {
      out += c;
      i++;
    }
  }
  // trailing commas, outside strings
  let res = "";
  for (let k = 0; k < out.length; k++) {
    const c = out[k];
    if (c === '"') {
      let j = k + 1;
      while (j < out.length && out[j] !== '"') j += out[j] === "\\" ? 2 : 1;
      res += out.slice(k, j + 1);
      k = j;
    } else if (c === "," && /^\s*[}\]]/.test(out.slice(k + 1))) {
      // dropped
    } else res += c;
  }
  return res;
}

// --- 1. framework generator (create-hono) ------------------------------------------------------
const HONO_STARTER = {
  // honojs/starter, ref v0.19, templates/cloudflare-workers and templates/cloudflare-pages
  workers: {
    "package.json": {
      type: "module",
      scripts: {
        dev: "wrangler dev",
        deploy: "wrangler deploy --minify",
        "cf-typegen": "wrangler types --env-interface CloudflareBindings",
      },
      dependencies: { hono: "^4.13.3" },
      devDependencies: { wrangler: "^4.110.0" },
    },
  },
  pages: {
    "package.json": {
      type: "module",
      scripts: {
        dev: "vite",
        build: "vite build",
        preview: "wrangler pages dev",
        deploy: "$npm_execpath run build && wrangler pages deploy",
        "cf-typegen": "wrangler types --env-interface CloudflareBindings",
      },
      dependencies: { hono: "^4.13.3" },
      devDependencies: {
        "@hono/vite-build": "^1.11.1",
        "@hono/vite-dev-server": "^0.26.1",
        vite: "^8.1.4",
        wrangler: "^4.110.0",
      },
    },
    // The JSX renderer c3's src/index.tsx imports (hono/jsx, no React).
    "src/renderer.tsx":
      "import { jsxRenderer } from 'hono/jsx-renderer'\n\n" +
      "export const renderer = jsxRenderer(({ children }) => {\n  return (\n    <html>\n      <head>\n" +
      '        <link href="/static/style.css" rel="stylesheet" />\n      </head>\n' +
      "      <body>{children}</body>\n    </html>\n  )\n})\n",
  },
  tsconfig: {
    compilerOptions: {
      target: "ESNext",
      module: "ESNext",
      moduleResolution: "Bundler",
      strict: true,
      skipLibCheck: true,
      lib: ["ESNext"],
      jsx: "react-jsx",
      jsxImportSource: "hono/jsx",
    },
  },
};

function writeFile(rel, content) {
  const p = path.join(projDir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content, null, 2) + "\n");
}

// --- start from a clean project folder (keeping the npm install) -------------------------------
fs.mkdirSync(projDir, { recursive: true });
for (const e of fs.readdirSync(projDir)) {
  if (!KEEP.has(e)) fs.rmSync(path.join(projDir, e), { recursive: true, force: true });
}

const tplRoot = path.join(c3Dir, "templates", spec.template);
let srcDir;
if (spec.c3_path) srcDir = path.join(c3Dir, spec.c3_path);
else if (spec.platform) srcDir = path.join(tplRoot, spec.platform, "templates");
else if (fs.existsSync(path.join(tplRoot, spec.lang === "python" ? "py" : spec.lang))) {
  srcDir = path.join(tplRoot, spec.lang === "python" ? "py" : spec.lang);
} else srcDir = path.join(tplRoot, "templates");
if (!fs.existsSync(srcDir)) {
  console.error("c3-apply: template folder not found: " + srcDir);
  process.exit(1);
}

if (spec.template === "hono") {
  const base = HONO_STARTER[spec.platform || "workers"];
  // create-hono: {name: projectName, ...starter package.json}
  writeFile("package.json", Object.assign({ name }, base["package.json"]));
  writeFile("tsconfig.json", HONO_STARTER.tsconfig);
  writeFile(".gitignore", "node_modules\n.wrangler\n.dev.vars*\n");
  for (const [rel, text] of Object.entries(base)) if (rel !== "package.json") writeFile(rel, text);
}

// --- 2. copyTemplateFiles ----------------------------------------------------------------------
fs.cpSync(srcDir, projDir, { recursive: true, force: true });
if (fs.existsSync(path.join(projDir, "__dot__gitignore"))) {
  fs.renameSync(path.join(projDir, "__dot__gitignore"), path.join(projDir, ".gitignore"));
}

// --- 3, 4, 6. package.json ---------------------------------------------------------------------
const pkgPath = path.join(projDir, "package.json");
const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
if (["<PACKAGE_NAME>", "<TBD>", "TBD", ""].includes(pkg.name)) pkg.name = name;
pkg.devDependencies = pkg.devDependencies || {};
pkg.devDependencies.wrangler = wranglerVersion;
if (spec.template === "hono") {
  pkg.scripts = Object.assign({}, pkg.scripts, { "cf-typegen": "wrangler types --env-interface CloudflareBindings" });
  if (spec.platform === "pages") pkg.scripts.preview = "vite build && wrangler pages dev";
}
// 7. addTypes -> generateWorkersTypes: for a TypeScript project with a cf-typegen script, c3 runs it
// and then removes @cloudflare/workers-types from devDependencies (the generated file replaces it).
if (spec.lang === "ts" && pkg.scripts && pkg.scripts["cf-typegen"] && pkg.devDependencies["@cloudflare/workers-types"]) {
  delete pkg.devDependencies["@cloudflare/workers-types"];
}
fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, "\t") + "\n");

// --- 5. updateWranglerConfig -------------------------------------------------------------------
const cfgName = ["wrangler.json", "wrangler.jsonc"].find((f) => fs.existsSync(path.join(projDir, f)));
if (!cfgName) {
  console.error("c3-apply: no wrangler.json(c) in " + srcDir);
  process.exit(1);
}
const cfgPath = path.join(projDir, cfgName);
const subst = { "<WORKER_NAME>": name, "<COMPATIBILITY_DATE>": compatDate };
let cfg = JSON.parse(stripJsonc(fs.readFileSync(cfgPath, "utf8")), (_k, v) => {
  if (typeof v !== "string") return v;
  for (const [ph, s] of Object.entries(subst)) v = v.split(ph).join(s);
  return v;
});
cfg = Object.assign({ $schema: "node_modules/wrangler/config-schema.json" }, cfg);
const isDate = (d) => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d);
const date = isDate(cfg.compatibility_date) ? cfg.compatibility_date : compatDate;
cfg.name = name;
cfg.compatibility_date = date;
cfg.observability = { enabled: true };
if (spec.lang !== "python") {
  cfg.upload_source_maps = true;
  const flags = Array.isArray(cfg.compatibility_flags) ? cfg.compatibility_flags : [];
  const defaultOn = ["nodejs_compat", "nodejs_compat_v2"];
  let next;
  if (date >= "2026-08-04") {
    const kept = flags.filter((f) => !defaultOn.includes(f));
    next = kept.length === flags.length ? undefined : kept;
  } else {
    next = flags.some((f) => [...defaultOn, "no_nodejs_compat"].includes(f)) ? undefined : ["nodejs_compat", ...flags];
  }
  if (next !== undefined) {
    if (next.length === 0) delete cfg.compatibility_flags;
    else cfg.compatibility_flags = next;
  }
}

// --- not c3: run a Pages-only variant as a Worker under `wrangler dev -c` (case.json "adapt") ----
const adapt = spec.adapt || {};
for (const k of adapt.drop || []) delete cfg[k];
for (const [k, v] of Object.entries(adapt.set || {})) cfg[k] = v;

fs.writeFileSync(cfgPath, JSON.stringify(cfg, null, "\t") + "\n");

// --- the case files ----------------------------------------------------------------------------
for (const f of ["requests.json", "golden.json"]) {
  if (fs.existsSync(path.join(caseDir, f))) fs.copyFileSync(path.join(caseDir, f), path.join(projDir, f));
}
console.log(JSON.stringify({ from: path.relative(c3Dir, srcDir), config: cfgName }));
