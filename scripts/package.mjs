// Assembles the npm package in dist/npm and runs `npm pack`; prints the tarball's size. Run after
// `python3 scripts/build.py` (it needs the web, node and wasi builds). Guarantees: the package works
// without a bundler in browsers (pkg/, fetched beside the module), in Node ESM and CJS (pkg/node/, read
// from the package, no fetch), in bundlers that copy `new URL(…, import.meta.url)` assets (Vite,
// webpack) and, through `archdiag/inline` (the wasm in the module), in those that do not (esbuild,
// Rollup); `npx archdiag` runs the CLI's WASI build in Node. EXPORTS is the one table of what it offers.
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, statSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(ROOT, "dist", "npm");
const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
const version = cargo.match(/^version = "(.+)"/m)[1];
const repository = cargo.match(/^repository = "(.+)"/m)[1];

/** What the package offers: subpath → conditions → file (the core's types hold no DOM types). */
const CORE_TYPES = "./archdiag.d.ts";
/** In Node, both the core and its inline form are the Node build: ESM or CommonJS, no require(esm). */
const NODE = {
  import: { types: CORE_TYPES, default: "./pkg/node/index.mjs" },
  require: { types: "./archdiag.d.cts", default: "./pkg/node/archdiag.js" },
};
const EXPORTS = {
  ".": { node: NODE, types: CORE_TYPES, default: "./pkg/archdiag.js" },
  "./inline": { node: NODE, types: CORE_TYPES, default: "./pkg/inline.js" },
  "./element": { types: "./archdiag-element.d.ts", default: "./archdiag-element.js" },
  "./docs": { types: "./archdiag-docs.d.ts", default: "./archdiag-docs.js" },
  "./archdiag.css": "./archdiag.css",
  "./archdiag_bg.wasm": "./pkg/archdiag_bg.wasm",
  "./package.json": "./package.json",
};

// --- Build-time plugins for docs builders (Node only; npm/archdiag-blocks.mjs is what they share) ---
const PLUGINS = ["remark", "rehype", "markdown-it"];
for (const p of PLUGINS) EXPORTS[`./${p}`] = { types: `./archdiag-${p}.d.ts`, default: `./archdiag-${p}.mjs` };
EXPORTS["./static.css"] = "./archdiag-static.css";
const PLUGIN_FILES = ["archdiag-blocks.mjs", "archdiag-plugins.d.ts", "archdiag-static.css", ...PLUGINS.flatMap((p) => [`archdiag-${p}.mjs`, `archdiag-${p}.d.ts`])];
// --- end of the plugins' part ---

for (const [dir, file] of [["www/pkg", "archdiag_bg.wasm"], ["pkg/node", "archdiag_bg.wasm"], ["pkg/wasi", "archdiag.wasm"]]) {
  if (!existsSync(join(ROOT, dir, file))) {
    console.error(`error: ${dir}/${file} is missing; run python3 scripts/build.py first`);
    process.exit(2);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "pkg", "node"), { recursive: true });
mkdirSync(join(out, "pkg", "wasi"), { recursive: true });
mkdirSync(join(out, "runners"), { recursive: true });
const copy = (from, to) => cpSync(join(ROOT, from), join(out, to));
for (const f of ["archdiag.js", "archdiag_bg.wasm", "archdiag.d.ts", "archdiag_bg.wasm.d.ts"]) copy(`www/pkg/${f}`, `pkg/${f}`);
// The Node build's wasm is the web build's, byte for byte (one compile, two glues): the package holds
// it once and the Node glue reads it from the folder above.
const nodeWasm = readFileSync(join(ROOT, "pkg", "node", "archdiag_bg.wasm"));
if (nodeWasm.equals(readFileSync(join(ROOT, "www", "pkg", "archdiag_bg.wasm")))) {
  const glue = readFileSync(join(ROOT, "pkg", "node", "archdiag.js"), "utf8");
  const from = "const wasmPath = `${__dirname}/archdiag_bg.wasm`;";
  if (glue.split(from).length !== 2) throw new Error(`pkg/node/archdiag.js: expected one \`${from}\` (wasm-bindgen changed its Node glue)`);
  writeFileSync(join(out, "pkg", "node", "archdiag.js"), glue.replace(from, "const wasmPath = `${__dirname}/../archdiag_bg.wasm`;"));
} else {
  for (const f of ["archdiag.js", "archdiag_bg.wasm"]) copy(`pkg/node/${f}`, `pkg/node/${f}`);
}
// wasm-pack's Node build is CommonJS in a package whose .js files are modules: say so for its folder.
writeFileSync(join(out, "pkg", "node", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");
copy("npm/node.mjs", "pkg/node/index.mjs");
copy("pkg/wasi/archdiag.wasm", "pkg/wasi/archdiag.wasm");
copy("runners/archdiag-wasi.mjs", "runners/archdiag-wasi.mjs");
for (const f of ["archdiag-element.js", "archdiag-docs.js"]) copy(`www/${f}`, f);
// The CommonJS types: the core's, without init (require() loads the core).
const types = readFileSync(join(ROOT, "npm", "archdiag.d.ts"), "utf8");
const esmOnly = types.indexOf("// ESM only:");
if (esmOnly < 0) throw new Error('npm/archdiag.d.ts: the line "// ESM only:" is missing');
const body = types.slice(types.indexOf("\n\n") + 2, esmOnly).trimEnd();
writeFileSync(join(out, "archdiag.d.cts"), `// The types of require("archdiag") in Node: the core, loaded when required. Written by\n// scripts/package.mjs from archdiag.d.ts.\n\n${body}\n`);
for (const f of ["archdiag.d.ts", "archdiag-element.d.ts", "archdiag-docs.d.ts", "README.md"]) copy(`npm/${f}`, f);
copy("LICENSE", "LICENSE");
for (const f of PLUGIN_FILES) copy(`npm/${f}`, f); // the build-time plugins

// The stylesheet, from the element's own STYLE (the element adopts the same rules by itself).
const { STYLE } = await import(pathToFileURL(join(ROOT, "www", "archdiag-element.js")));
writeFileSync(join(out, "archdiag.css"), `/* archdiag: diagrams that fit their column (the rules <arch-diagram> and archdiag-docs.js adopt by themselves) */\n${STYLE}`);

// archdiag/inline: the web module with the wasm in it, for bundlers that do not copy assets.
const wasm = readFileSync(join(ROOT, "www", "pkg", "archdiag_bg.wasm"));
writeFileSync(
  join(out, "pkg", "inline.js"),
  `// The core with its WebAssembly inside (base64), loaded when imported: for bundlers that do not copy
// \`new URL("archdiag_bg.wasm", import.meta.url)\` assets (esbuild, Rollup). Generated by scripts/package.mjs.
import { initSync } from "./archdiag.js";
export * from "./archdiag.js";

const bytes = Uint8Array.from(atob("${wasm.toString("base64")}"), (c) => c.charCodeAt(0));
const core = initSync({ module: bytes });

/** Already loaded: resolves at once. */
export default async function init() {
  return core;
}
`,
);

const pkg = {
  name: "archdiag",
  version,
  description:
    "Architecture diagrams of AWS container hosting (Amazon ECS and EKS on EC2, managed node groups, Fargate) as SVG, with who manages each part, from a small WebAssembly core: in browsers, docs sites, Node and the command line",
  license: "MIT",
  repository: { type: "git", url: repository },
  type: "module",
  main: "./pkg/node/archdiag.js",
  module: "./pkg/archdiag.js",
  types: CORE_TYPES,
  exports: EXPORTS,
  bin: { archdiag: "./runners/archdiag-wasi.mjs" },
  engines: { node: ">=20" },
  files: ["pkg/", "runners/", "archdiag-element.js", "archdiag-element.d.ts", "archdiag-docs.js", "archdiag-docs.d.ts", "archdiag.d.ts", "archdiag.d.cts", "archdiag.css", "README.md", "LICENSE", ...PLUGIN_FILES],
  sideEffects: ["./archdiag-element.js", "./archdiag-docs.js", "./pkg/inline.js"],
  keywords: ["architecture-diagram", "diagram", "svg", "aws", "ecs", "eks", "fargate", "kubernetes", "webassembly", "docs", "web-component"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", join(ROOT, "dist")], { cwd: out }).toString().trim();
const size = statSync(join(ROOT, "dist", name)).size;
console.log(`dist/${name}: ${size} bytes (gzipped tarball)`);
