// The npm package (scripts/package.mjs, run by scripts/test.sh before this): the wasm-pack web build with
// types, the custom element and the auto-render module, and a README, packed by `npm pack`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = join(ROOT, "dist", "npm");

test("the package holds the module, its types, the element, the auto-render module and a README", () => {
  const pkg = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));
  assert.equal(pkg.name, "archdiag");
  for (const target of [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values(e)))]) {
    assert.ok(existsSync(join(DIR, target)), `${target} is in the package`);
  }
  const listed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: DIR }).toString())[0].files.map((f) => f.path);
  for (const f of ["pkg/archdiag.js", "pkg/archdiag_bg.wasm", "pkg/archdiag.d.ts", "archdiag-element.js", "archdiag-element.d.ts", "archdiag-docs.js", "README.md", "LICENSE"]) {
    assert.ok(listed.includes(f), `${f} is packed`);
  }
  const types = readFileSync(join(DIR, "pkg", "archdiag.d.ts"), "utf8");
  assert.match(types, /export function render\(spec_json: string, options\?: string \| null\): string;/);
  assert.match(types, /export function snippet\(spec_json: string, script: string\): string;/);
  assert.match(readFileSync(join(DIR, "archdiag-element.d.ts"), "utf8"), /export function drawInto\(target: Element, specText: string, options\?: \{ idPrefix\?: string \| null \}\): void;/);
  assert.match(readFileSync(join(DIR, "README.md"), "utf8"), /<arch-diagram/);
});
