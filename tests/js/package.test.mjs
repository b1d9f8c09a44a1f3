// The npm package as scripts/package.mjs assembles it (run by scripts/test.sh before this): every
// export's file is in it, the hand-written public types declare exactly what wasm-bindgen's module
// exports (with no DOM type in the core's), and the stylesheet is the element's own. The package in
// real projects (Node, TypeScript, bundlers, browsers) is tests/js/npm.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = join(ROOT, "dist", "npm");
const pkg = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));

/** Every file an exports entry names, through its nested conditions. */
const targets = (entry) => (typeof entry === "string" ? [entry] : Object.values(entry).flatMap(targets));

test("every export, the bin and main are in the packed files", () => {
  assert.equal(pkg.name, "archdiag");
  const listed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: DIR }).toString())[0].files.map((f) => f.path);
  const wanted = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap(targets)];
  for (const target of wanted) {
    const path = target.replace(/^\.\//, "");
    assert.ok(existsSync(join(DIR, path)), `${target} exists`);
    assert.ok(listed.includes(path), `${target} is packed`);
  }
  assert.ok(pkg.exports["./package.json"]);
  assert.ok(pkg.engines.node);
  assert.ok(pkg.repository.url);
  // The wasm is in the package once for browsers and Node (the Node glue reads the web build's).
  assert.equal(listed.filter((f) => f.endsWith("archdiag_bg.wasm")).length, 1, listed.join(" "));
  assert.ok(listed.includes("pkg/wasi/archdiag.wasm"));
  for (const f of listed) assert.match(f, /^(pkg\/|runners\/|archdiag[-.]|README\.md$|LICENSE$|package\.json$)/, `${f} belongs in the package`);
});

/** The exported function names and parameter lists of a .d.ts. */
function functions(dts) {
  return Object.fromEntries([...dts.matchAll(/^export function (\w+)\(([^)]*)\)/gm)].map(([, name, params]) => [name, params.split(",").map((p) => p.trim().split(/\??:/)[0]).filter(Boolean)]));
}

test("the public types declare what the module exports, and hold no DOM type", () => {
  const generated = functions(readFileSync(join(DIR, "pkg", "archdiag.d.ts"), "utf8"));
  for (const file of ["archdiag.d.ts", "archdiag.d.cts"]) {
    const text = readFileSync(join(DIR, file), "utf8");
    const ours = functions(text);
    for (const [name, params] of Object.entries(generated)) {
      if (name === "initSync" && file.endsWith(".cts")) continue;
      assert.deepEqual(ours[name], params, `${file}: ${name}(${params})`);
    }
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(generated).filter((n) => !(n === "initSync" && file.endsWith(".cts"))).sort(), file);
    assert.doesNotMatch(text, /\b(HTML\w*Element|RequestInfo|Response|Document|Window)\b/, `${file} has no DOM type`);
  }
  assert.match(readFileSync(join(DIR, "archdiag-element.d.ts"), "utf8"), /interface HTMLElementTagNameMap \{\s*"arch-diagram": ArchDiagram;/);
});

test("the stylesheet is the element's own rules", async () => {
  const { STYLE } = await import(pathToFileURL(join(ROOT, "www", "archdiag-element.js")));
  assert.ok(readFileSync(join(DIR, "archdiag.css"), "utf8").endsWith(STYLE));
  assert.match(STYLE, /max-width: 100%/);
});
