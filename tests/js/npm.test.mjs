// The packed npm package (dist/archdiag-<version>.tgz, from `python3 scripts/build.py && node
// scripts/package.mjs`) as users get it: installed into copies of the projects in tests/npm/ (each with
// its own package.json and lockfile), then used from Node ESM and CommonJS, TypeScript (Node-only and
// browser projects, TypeScript 7 and 5), server-side imports, the `archdiag` bin, and real builds with
// Vite, webpack, esbuild and Rollup loaded in headless Chromium. The copies live in target/npm-fixtures/;
// each one's node_modules is kept while its lockfile (and Node and npm) stay the same, so only the first
// run needs the registry (`npm ci`); later runs install the tarball offline. Nothing is skipped: a missing
// tool or artifact fails with what to do. Timings and sizes are printed as test diagnostics and written to
// target/npm-fixtures/report.json.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serve } from "../../scripts/serve.mjs";
import { launch, CHROMIUM } from "./chromium.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "npm");
const WORK = join(ROOT, "target", "npm-fixtures");
const NATIVE = join(ROOT, "target", "release", "archdiag");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const report = { node: process.version, fixtures: {} };

/** Runs a command; returns its status, output and duration. */
function run(cmd, args, { cwd = ROOT, input, env } = {}) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd, input, env: env ? { ...process.env, ...env } : process.env, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): is it installed and on PATH?`);
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), ms: Math.round(performance.now() - start) };
}

/** Runs a command that must succeed. */
function must(cmd, args, opts) {
  const r = run(cmd, args, opts);
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${relative(ROOT, opts?.cwd ?? ROOT) || "."}) failed with ${r.status}:\n${r.stdout}${r.stderr}`);
  return r;
}

/** The tarball scripts/package.mjs packed: the one under dist/ of dist/npm's version. */
function tarball() {
  const dist = join(ROOT, "dist");
  const packed = existsSync(dist) ? readdirSync(dist).filter((f) => /^archdiag-.+\.tgz$/.test(f)) : [];
  const hint = "run `python3 scripts/build.py && node scripts/package.mjs` first";
  assert.ok(packed.length > 0, `no dist/archdiag-*.tgz: ${hint}`);
  const { version } = JSON.parse(readFileSync(join(dist, "npm", "package.json"), "utf8"));
  assert.ok(packed.includes(`archdiag-${version}.tgz`), `dist/ has ${packed.join(", ")} but not archdiag-${version}.tgz (dist/npm's version): ${hint}`);
  return join(dist, `archdiag-${version}.tgz`);
}

/** The files in the tarball (without npm's leading `package/`). */
function packedFiles(tgz) {
  return must("tar", ["-tzf", tgz]).stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, "")).filter((f) => !f.endsWith("/"));
}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/**
 * A fresh copy of tests/npm/NAME in target/npm-fixtures/NAME with the tarball installed: `npm ci` from
 * its lockfile when the kept node_modules is not from this lockfile (the only step that needs the
 * registry), then `npm install TARBALL --no-save --offline`. Returns the copy's path.
 */
const prepared = new Map();
function prepare(name) {
  if (prepared.has(name)) return prepared.get(name);
  const src = join(FIXTURES, name);
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f !== "node_modules" && f !== ".installed") rmSync(join(dir, f), { recursive: true, force: true });
  cpSync(src, dir, { recursive: true, filter: (p) => !/\/(node_modules|dist[^/]*|out)$/.test(p) });
  const lock = readFileSync(join(src, "package-lock.json"));
  const versions = `${process.version} npm ${run(NPM, ["--version"]).stdout.trim()}`;
  const stamp = `${sha256(lock)} ${versions}\n`;
  const times = (report.fixtures[name] ??= {});
  const stampFile = join(dir, ".installed");
  if (!existsSync(join(dir, "node_modules")) || !existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    rmSync(stampFile, { force: true });
    const ci = must(NPM, ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir });
    times.npmCiMs = ci.ms;
    writeFileSync(stampFile, stamp);
  }
  // Removed first, so npm cannot take the last run's copy (same name and version) for this one.
  rmSync(join(dir, "node_modules", "archdiag"), { recursive: true, force: true });
  const tgz = tarball();
  const install = must(NPM, ["install", tgz, "--no-save", "--offline", "--no-audit", "--no-fund"], { cwd: dir });
  times.installTarballMs = install.ms;
  // Vite's dev server keys its pre-bundled dependencies on the lockfile, which --no-save leaves as it was:
  // drop them, so that it bundles this tarball's archdiag rather than serving the last one's.
  rmSync(join(dir, "node_modules", ".vite"), { recursive: true, force: true });
  const installed = readFileSync(join(dir, "node_modules", "archdiag", "pkg", "archdiag_bg.wasm"));
  const packed = spawnSync("tar", ["-xzOf", tgz, "package/pkg/archdiag_bg.wasm"], { maxBuffer: 64 << 20 }).stdout;
  assert.equal(sha256(installed), sha256(packed), "node_modules/archdiag is the tarball's");
  prepared.set(name, dir);
  return dir;
}

/** The native CLI's output for a spec on stdin: what every route must reproduce byte for byte. */
function native(args, input) {
  assert.ok(existsSync(NATIVE), `${NATIVE} is missing: run cargo build --release`);
  return run(NATIVE, args, { input });
}

const SPECS = {
  "ecs on fargate": JSON.stringify({ service: "ecs", hosting: "fargate" }),
  "eks mixed, dark, 3 AZs": JSON.stringify({ service: "eks", hosting: ["nodegroup", "fargate"], azs: 3, theme: "dark" }),
  "a custom graph": readFileSync(join(ROOT, "tests", "corpus", "synthetic", "arch-30.json"), "utf8"),
  "ecs with a node group (invalid)": JSON.stringify({ service: "ecs", hosting: "nodegroup" }),
  "broken JSON": "{",
};

/** Runs a fixture script for every spec and compares it with the native CLI: the same SVG, or the same
 * one-line error (the script prints `error: MESSAGE` only for an `Error`) and exit code 2. */
function sameAsNative(dir, nodeArgs) {
  // Any fetch would mean the package tried to load its wasm over the network.
  const noFetch = "data:text/javascript,globalThis.fetch=()=>{throw new Error('archdiag called fetch in Node')}";
  for (const [what, spec] of Object.entries(SPECS)) {
    const want = native(["--spec", "-"], spec);
    const got = run(process.execPath, ["--import", noFetch, ...nodeArgs], { cwd: dir, input: spec });
    assert.equal(got.stderr, want.stderr, `${what}: stderr`);
    assert.equal(got.stdout, want.stdout, `${what}: stdout`);
    assert.equal(got.status, want.status, `${what}: exit code`);
  }
}

test("package metadata: exports (with ./package.json) all packed, engines, repository, bin, no stray files", () => {
  const tgz = tarball();
  const files = packedFiles(tgz);
  const pkg = JSON.parse(must("tar", ["-xzOf", tgz, "package/package.json"]).stdout);
  assert.equal(pkg.name, "archdiag");
  assert.equal(pkg.exports["./package.json"], "./package.json");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of [...targets, pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin)]) {
    assert.ok(t.startsWith("./"), `${t} is relative to the package`);
    assert.ok(files.includes(t.slice(2)), `${t} (from package.json) is in the tarball`);
  }
  assert.match(pkg.engines?.node ?? "", /^>=\d+/, "engines.node");
  const least = Number(pkg.engines.node.match(/^>=(\d+)/)[1]);
  assert.ok(Number(process.versions.node.split(".")[0]) >= least, `this Node ${process.version} satisfies engines ${pkg.engines.node}`);
  assert.equal(pkg.repository?.type, "git");
  assert.match(pkg.repository?.url ?? "", /^(git\+)?https:\/\/\S+$/, "repository.url");
  assert.deepEqual(Object.keys(pkg.bin), ["archdiag"]);
  const bin = must("tar", ["-xzOf", tgz, `package/${pkg.bin.archdiag.slice(2)}`]).stdout;
  assert.ok(bin.startsWith("#!/usr/bin/env node\n"), "the bin starts with a node shebang");
  for (const k of ["aws", "ecs", "eks", "fargate", "svg", "webassembly", "architecture-diagram"]) assert.ok(pkg.keywords.includes(k), `keyword ${k}`);
  // Every file packed, and nothing else: a new file must be added here on purpose.
  const expected = [
    "LICENSE", "README.md", "package.json",
    "archdiag.css", "archdiag.d.cts", "archdiag.d.ts",
    "archdiag-docs.d.ts", "archdiag-docs.js", "archdiag-element.d.ts", "archdiag-element.js",
    "archdiag-blocks.mjs", "archdiag-plugins.d.ts", "archdiag-static.css",
    "archdiag-markdown-it.d.ts", "archdiag-markdown-it.mjs", "archdiag-rehype.d.ts", "archdiag-rehype.mjs", "archdiag-remark.d.ts", "archdiag-remark.mjs",
    "pkg/archdiag.d.ts", "pkg/archdiag.js", "pkg/archdiag_bg.wasm", "pkg/archdiag_bg.wasm.d.ts", "pkg/inline.js",
    "pkg/node/archdiag.js", "pkg/node/index.mjs", "pkg/node/package.json",
    "pkg/wasi/archdiag.wasm", "runners/archdiag-wasi.mjs",
  ];
  assert.deepEqual([...files].sort(), [...expected].sort(), "the tarball holds exactly the expected files");
  const dry = JSON.parse(must(NPM, ["pack", "--dry-run", "--json"], { cwd: join(ROOT, "dist", "npm") }).stdout)[0];
  assert.deepEqual(dry.files.map((f) => f.path).sort(), [...expected].sort(), "npm pack --dry-run lists exactly the expected files");
  report.tarball = { file: relative(ROOT, tgz), bytes: statSync(tgz).size, unpackedBytes: dry.unpackedSize, files: dry.entryCount };
});

test("Node ESM: import init, { render, … } from 'archdiag'; await init() (no fetch) = native CLI bytes and errors", () => {
  sameAsNative(prepare("node"), ["esm.mjs"]);
});

test("Node ESM: archdiag/inline works the same in Node", () => {
  sameAsNative(prepare("node"), ["inline.mjs"]);
});

test(`Node CJS: require('archdiag') on ${process.version} without require(esm)`, () => {
  const dir = prepare("node");
  // The flag is in force: requiring an ES module fails with it.
  const esm = run(process.execPath, ["--no-experimental-require-module", "-e", "require('./esm.mjs')"], { cwd: dir });
  assert.match(esm.stderr, /ERR_REQUIRE_ESM/, "--no-experimental-require-module turns require(esm) off on this Node");
  sameAsNative(dir, ["--no-experimental-require-module", "cjs.cjs"]);
  sameAsNative(dir, ["cjs.cjs"]);
  const inline = run(process.execPath, ["--no-experimental-require-module", "-e", "process.stdout.write(require('archdiag/inline').render(require('fs').readFileSync(0, 'utf8')))"], { cwd: dir, input: SPECS["ecs on fargate"] });
  assert.equal(inline.stdout, native(["--spec", "-"], SPECS["ecs on fargate"]).stdout, `require('archdiag/inline'): ${inline.stderr}`);
});

test("the bin: npx archdiag (from the installed package) prints the native CLI's bytes", () => {
  const dir = prepare("node");
  for (const args of [["--service", "ecs", "--hosting", "fargate"], ["--service", "eks", "--hosting", "nodegroup,fargate", "--format", "text"], ["--service", "ecs", "--hosting", "nodegroup"]]) {
    const want = native(args);
    // As a user types it; npm_config_yes=false makes npx fail rather than fetch archdiag if it were not installed.
    const got = run("npx", ["archdiag", ...args], { cwd: dir, env: { npm_config_yes: "false" } });
    assert.equal(got.stderr, want.stderr, `${args.join(" ")}: stderr`);
    assert.equal(got.stdout, want.stdout, `${args.join(" ")}: stdout`);
    assert.equal(got.status, want.status, `${args.join(" ")}: exit code`);
  }
  assert.ok(native(["--service", "ecs", "--hosting", "fargate"]).stdout.startsWith("<svg"));
});

test("SSR: importing archdiag/element and archdiag/docs in plain Node throws nothing and defines nothing", () => {
  const dir = prepare("node");
  const r = run(process.execPath, ["ssr.mjs"], { cwd: dir });
  assert.equal(r.status, 0, `ssr.mjs failed:\n${r.stderr}`);
  assert.equal(r.stderr, "");
  const { added, element, docs } = JSON.parse(r.stdout);
  // The one page-wide registry the modules share is a Symbol.for key; no named global, no element.
  assert.deepEqual(added.filter((k) => !k.startsWith("Symbol(")), [], "no global names added");
  assert.ok(element.includes("ArchDiagram") && docs.includes("renderAll"), "the modules' exports are there");
  // From CommonJS too (a CommonJS server's SSR), through require(esm): no top-level await in them.
  assert.ok(process.features.require_module, `Node ${process.version} has no require(esm) (Node >= 20.19 or 22.12 has)`);
  const cjs = run(process.execPath, ["-e", "require('archdiag/element'); require('archdiag/docs')"], { cwd: dir });
  assert.equal(cjs.status, 0, `require('archdiag/element'), require('archdiag/docs'):\n${cjs.stderr}`);
});

/** The TypeScript compilers in the typescript fixture: its package name → its tsc script. */
const COMPILERS = { typescript: "TypeScript 7", typescript5: "TypeScript 5" };

/** Runs one tsc on a project; returns its status and its diagnostics, one per line. */
function tsc(dir, compiler, project) {
  const meta = JSON.parse(readFileSync(join(dir, "node_modules", compiler, "package.json"), "utf8"));
  const script = join(dir, "node_modules", compiler, typeof meta.bin === "string" ? meta.bin : meta.bin.tsc);
  const r = run(process.execPath, [script, "-p", project, "--pretty", "false"], { cwd: dir });
  return { ...r, version: meta.version, errors: r.stdout.split("\n").filter((l) => /error TS\d+/.test(l)).map((l) => l.replace(/\s+$/, "")) };
}

for (const [compiler, label] of Object.entries(COMPILERS)) {
  test(`${label}: a Node-only project (lib es2022, types node, strict, no skipLibCheck, nodenext), ESM and .cts`, () => {
    const dir = prepare("typescript");
    rmSync(join(dir, "node", "out"), { recursive: true, force: true });
    const ok = tsc(dir, compiler, "node/tsconfig.json");
    assert.equal(ok.status, 0, `${label} ${ok.version}: errors in a Node-only project:\n${ok.stdout}${ok.stderr}`);
    assert.deepEqual(ok.errors, []);
    (report.fixtures.typescript[compiler] ??= {}).version = ok.version;
    report.fixtures.typescript[compiler].nodeProjectMs = ok.ms;
    // What it compiled runs: ESM, and the .cts as CommonJS without require(esm).
    const esm = JSON.parse(must(process.execPath, ["node/out/main.js"], { cwd: dir }).stdout);
    assert.deepEqual({ ...esm, version: typeof esm.version }, { svg: true, boxes: true, words: true, ok: false, table: true, version: "string" });
    const cjs = JSON.parse(must(process.execPath, ["--no-experimental-require-module", "node/out/legacy.cjs"], { cwd: dir }).stdout);
    assert.deepEqual(cjs, { svg: true });
    // And mistakes are reported, so a passing compile means something.
    const bad = tsc(dir, compiler, "node/tsconfig.bad.json");
    assert.notEqual(bad.status, 0);
    assert.deepEqual(bad.errors.map((l) => l.match(/\((\d+),\d+\): error (TS\d+)/).slice(1).join(" ")), ["4 TS2322", "5 TS2345"], bad.stdout);
  });

  test(`${label}: a browser project (lib dom, moduleResolution bundler) with archdiag/element: createElement("arch-diagram") is an ArchDiagram`, () => {
    const dir = prepare("typescript");
    const ok = tsc(dir, compiler, "browser/tsconfig.json");
    assert.equal(ok.status, 0, `${label} ${ok.version}: errors in a browser project:\n${ok.stdout}${ok.stderr}`);
    assert.deepEqual(ok.errors, []);
    const bad = tsc(dir, compiler, "browser/tsconfig.bad.json");
    assert.notEqual(bad.status, 0);
    // diagramTitle is string | null (so not a number) and read-only: both only if the element is typed ArchDiagram.
    assert.deepEqual(bad.errors.map((l) => l.match(/\((\d+),\d+\): error (TS\d+)/).slice(1).join(" ")), ["5 TS2322", "6 TS2540"], bad.stdout);
  });
}

// ---- bundlers: real builds, served with application/wasm under the README's strict CSP, in Chromium ----

let browser;
before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM)`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, "report.json"), JSON.stringify(report, null, 2) + "\n");
});

/** Every file under `dir`, relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());
}

/** Raw and gzipped bytes of the built app's JS and wasm. */
function sizes(dist) {
  const out = {};
  for (const ext of ["js", "wasm"]) {
    const files = filesUnder(dist).filter((f) => f.endsWith(`.${ext}`));
    const bytes = files.map((f) => readFileSync(join(dist, f)));
    out[ext] = { files, raw: bytes.reduce((n, b) => n + b.length, 0), gzip: bytes.reduce((n, b) => n + gzipSync(b).length, 0) };
  }
  return out;
}

/** Serves `dist` and opens it in Chromium; returns what the page showed and every problem it had. */
async function load(dist) {
  const server = await serve({ root: dist, csp: true });
  try {
    return await open(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }
}

/** Opens a page in Chromium; returns what it showed and every problem it had. */
async function open(url) {
  const page = await browser.newPage();
  const problems = [];
  const wasm = [];
  // Chromium asks for /favicon.ico by itself; the apps have none, and that 404 is not the package's.
  const favicon = (m) => new URL(m.location().url || "http://x/").pathname === "/favicon.ico";
  page.on("console", (m) => m.type() === "error" && !favicon(m) && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    if (new URL(r.url()).pathname.endsWith(".wasm")) wasm.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()["content-type"] });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector("arch-diagram > svg, arch-diagram > .archdiag-error"), null, { timeout: 15000 });
    // Let the page's own script finish (or fail) too.
    await page.waitForFunction(() => document.documentElement.dataset.app === "drawn", null, { timeout: 3000 }).catch(() => {});
    const shown = await page.evaluate(() => {
      const el = document.querySelector("arch-diagram");
      const svg = el.querySelector(":scope > svg");
      const error = el.querySelector(".archdiag-error");
      return {
        app: document.documentElement.dataset.app ?? null,
        element: svg ? { kinds: svg.querySelectorAll("[data-kind]").length, id: svg.id, height: el.getBoundingClientRect().height } : null,
        error: error ? { text: error.textContent, height: error.getBoundingClientRect().height } : null,
        rendered: document.querySelectorAll("#rendered > svg [data-kind]").length,
      };
    });
    return { ...shown, problems, wasm };
  } finally {
    await page.close();
  }
}

/** Builds a fixture with `npm run SCRIPT` and loads the result. */
async function buildAndLoad(name, script = "build", out = "dist") {
  const dir = prepare(name);
  const build = must(NPM, ["run", script], { cwd: dir });
  const times = report.fixtures[name];
  times[script] = { buildMs: build.ms, ...sizes(join(dir, out)) };
  const shown = await load(join(dir, out));
  times[script].page = shown;
  return { shown, times: times[script], log: build.stdout + build.stderr };
}

const BUNDLERS = {
  vite: "Vite (vite build), import 'archdiag': the wasm is emitted as an asset",
  vite6: "Vite 6 (vite build, its default ES2020 target), import 'archdiag': the wasm is emitted as an asset",
  webpack: "webpack 5, import 'archdiag': the wasm is emitted as an asset",
  esbuild: "esbuild --bundle, import 'archdiag/inline' (esbuild does not copy the wasm)",
  rollup: "Rollup + @rollup/plugin-node-resolve, import 'archdiag/inline' (Rollup does not copy the wasm)",
};

/** The app drew both diagrams, with nothing going wrong on the way. */
function drewCleanly(shown) {
  assert.deepEqual(shown.problems, [], "no console error, no failed request");
  assert.equal(shown.error, null, "no error in place of the element's diagram");
  assert.ok(shown.element?.kinds > 5 && shown.element.height > 100, `<arch-diagram> drew an SVG: ${JSON.stringify(shown.element)}`);
  assert.match(shown.element.id, /^archdiag-\d+$/, "the element gave its diagram a page-unique id prefix");
  assert.ok(shown.rendered > 5, "render() drew an SVG");
  assert.equal(shown.app, "drawn");
}

for (const [name, what] of Object.entries(BUNDLERS)) {
  test(`${what}: the built app draws in Chromium, no console error, no 404`, async (t) => {
    const { shown, times } = await buildAndLoad(name);
    t.diagnostic(`${name}: npm ci ${report.fixtures[name].npmCiMs ?? "(kept)"} ms, tarball install ${report.fixtures[name].installTarballMs} ms, build ${times.buildMs} ms; JS ${times.js.raw} B (${times.js.gzip} gzip), wasm ${times.wasm.raw} B (${times.wasm.gzip} gzip)`);
    drewCleanly(shown);
    const inline = name === "esbuild" || name === "rollup";
    if (inline) assert.deepEqual(shown.wasm, [], "the inline build fetches no wasm");
    else assert.deepEqual(shown.wasm.map((w) => [w.status, w.type]), [[200, "application/wasm"]], "the wasm asset is fetched once");
    assert.equal(times.wasm.files.length, inline ? 0 : 1, "wasm files emitted");
    if (name === "vite") assert.equal(filesUnder(join(prepare(name), "dist")).filter((f) => f.endsWith(".css")).length, 1, "archdiag/archdiag.css emitted");
  });
}

test("esbuild with the plain core and the wasm copied beside the bundle by hand: draws, the wasm fetched once", async (t) => {
  const { shown, times } = await buildAndLoad("esbuild", "build:copy", "dist-copy");
  t.diagnostic(`esbuild (wasm copied): build ${times.buildMs} ms; JS ${times.js.raw} B (${times.js.gzip} gzip), wasm ${times.wasm.raw} B (${times.wasm.gzip} gzip)`);
  drewCleanly(shown);
  assert.deepEqual(shown.wasm.map((w) => [w.path, w.status, w.type]), [["/archdiag_bg.wasm", 200, "application/wasm"]]);
});

for (const [name, what] of [["vite", "Vite 8's dev server"], ["vite6", "Vite 6's dev server, with optimizeDeps.exclude"]]) test(`${what} (npm run dev) serves the app and its wasm: it draws, no console error, no 404`, async (t) => {
  const dir = prepare(name);
  const server = spawn(process.execPath, [join(dir, "node_modules", "vite", "bin", "vite.js"), "--host", "127.0.0.1", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  try {
    let log = "";
    const start = performance.now();
    const url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`vite did not start in 30 s:\n${log}`)), 30000);
      const read = (d) => {
        log += d;
        const m = log.replace(/\x1b\[[0-9;]*m/g, "").match(/Local:\s+(http:\/\/\S+)/);
        if (m) ok(m[1], clearTimeout(timer));
      };
      server.stdout.on("data", read);
      server.stderr.on("data", read);
      server.on("exit", (code) => fail(new Error(`vite exited with ${code}:\n${log}`)));
    });
    const shown = await open(url);
    report.fixtures[name].dev = { startMs: Math.round(performance.now() - start), wasm: shown.wasm };
    t.diagnostic(`${name} dev: ready and drawn in ${report.fixtures[name].dev.startMs} ms; wasm from ${shown.wasm.map((w) => w.path)}`);
    drewCleanly(shown);
    assert.deepEqual(shown.wasm.map((w) => [w.status, w.type]), [[200, "application/wasm"]], "the wasm is fetched once");
  } finally {
    server.kill();
  }
});

test("the failure is visible: esbuild with the plain core (the wasm not copied) shows the element's error in place", async () => {
  const { shown } = await buildAndLoad("esbuild", "build:plain", "dist-plain");
  assert.equal(shown.element, null);
  assert.ok(shown.error, "an .archdiag-error in place of the diagram");
  assert.match(shown.error.text, /^archdiag: the diagram engine \(archdiag_bg\.wasm\) could not load: .*archdiag\/inline/);
  assert.ok(shown.error.height > 0, "the message is visible");
  assert.ok(shown.problems.some((p) => /HTTP 404: .*\/archdiag_bg\.wasm$/.test(p)), `the 404 of the wasm: ${shown.problems}`);
  assert.notEqual(shown.app, "drawn", "the app's own await init() fails too");
});

test("import order does not matter with esbuild: archdiag/element before archdiag/inline draws with the inline core", async () => {
  const { shown } = await buildAndLoad("esbuild", "build:reversed", "dist-reversed");
  drewCleanly(shown);
  assert.deepEqual(shown.wasm, [], "no wasm fetched");
});

test("esbuild with the wasm where the app puts it, named to init(): the element uses the same core, one fetch", async () => {
  const { shown } = await buildAndLoad("esbuild", "build:custom", "dist-custom");
  drewCleanly(shown);
  assert.deepEqual(shown.wasm.map((w) => [w.path, w.status]), [["/assets/archdiag_bg.wasm", 200]]);
});

test("esbuild's default format (an IIFE, a classic script) takes archdiag/inline, archdiag/element and archdiag/docs", async () => {
  const { shown } = await buildAndLoad("esbuild", "build:iife", "dist-iife");
  drewCleanly(shown);
});
