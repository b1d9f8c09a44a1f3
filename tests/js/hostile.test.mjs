// The hostile-input catalogue (tests/hostile/: notes.json names the cases, <name>.in is the input,
// expected.json the outcome, "svg" or "error: MESSAGE"), replayed through the Node build of the wasm
// module and through the WASI CLI under Node: the same outcome as the native library and CLI
// (tests/hostile.rs), and every SVG safe to paste into a page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = join(ROOT, "tests", "hostile");
const NATIVE = join(ROOT, "target", "release", "archdiag");
const RUNNER = join(ROOT, "runners", "archdiag-wasi.mjs");
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));

const names = Object.keys(JSON.parse(readFileSync(join(DIR, "notes.json"), "utf8"))).sort();
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const input = (name) => readFileSync(join(DIR, `${name}.in`));

// The native CLI's output for each case, once (build it with `cargo build --release`).
const nativeRuns = new Map();
function native(name) {
  if (!nativeRuns.has(name)) nativeRuns.set(name, spawnSync(NATIVE, ["--spec", join(DIR, `${name}.in`)]));
  return nativeRuns.get(name);
}

const ELEMENTS = new Set(["svg", "title", "desc", "defs", "marker", "path", "rect", "text", "g", "line", "symbol", "use", "style", "circle"]);
// Characters that act on a terminal or on text layout (archdiag::safe::is_hidden), but the newline.
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]/u;

/** Problems that keep `svg` from being pasted into a page: elements but archdiag's, event or style
 * attributes, references to anything but an id of this SVG, repeated ids, hidden characters. */
function unsafe(svg) {
  const problems = [];
  if (HIDDEN.test(svg)) problems.push("hidden character");
  const ids = new Set();
  const refs = [];
  for (const part of svg.split("<").slice(1)) {
    const end = part.indexOf(">");
    if (end < 0) {
      problems.push("unclosed tag");
      break;
    }
    const tag = part.slice(0, end).replace(/^\//, "");
    const name = tag.match(/^[^\s/>]*/)[0];
    if (!ELEMENTS.has(name)) problems.push(`element <${name}>`);
    for (const [, attr, value] of tag.slice(name.length).matchAll(/([^\s=]+)="([^"]*)"/g)) {
      if (/^on/i.test(attr) || attr.toLowerCase() === "style") problems.push(`attribute ${attr}`);
      if (value.includes("<") || /javascript:/i.test(value)) problems.push(`${attr}="${value}"`);
      if (attr === "id") {
        if (ids.has(value)) problems.push(`id ${value} twice`);
        ids.add(value);
      }
      if (/href$/i.test(attr)) {
        if (!value.startsWith("#")) problems.push(`external reference ${attr}="${value}"`);
        else refs.push(value.slice(1));
      }
      for (const [, url] of value.matchAll(/url\(([^)]*)\)/g)) {
        if (!url.startsWith("#")) problems.push(`external url(${url})`);
        else refs.push(url.slice(1));
      }
    }
    // Text between tags may hold no markup either (the split above already saw every "<").
  }
  for (const r of refs) if (!ids.has(r)) problems.push(`reference to missing #${r}`);
  return problems;
}

test("the catalogue and the tools are there", () => {
  assert.ok(existsSync(NATIVE), `${NATIVE} missing: run cargo build --release`);
  assert.ok(existsSync(join(ROOT, "pkg", "wasi", "archdiag.wasm")), "pkg/wasi/archdiag.wasm missing: run scripts/build.py wasi");
  assert.ok(names.length >= 20, `${names.length} cases`);
  assert.deepEqual(Object.keys(expected).sort(), names, "expected.json records every case of notes.json");
});

test("the safety check itself finds what it looks for", () => {
  const bad = '<svg id="a"><img src="x" onerror="alert(1)"/><g id="a" style="fill:red" onclick="f()"/>' +
    '<use xlink:href="http://x/y.svg#z"/><use href="#gone"/><path marker-end="url(#nope)"/></svg>';
  assert.deepEqual(unsafe(bad).sort(), [
    "attribute onclick", "attribute onerror", "attribute style", "element <img>", "external reference xlink:href=\"http://x/y.svg#z\"",
    "id a twice", "reference to missing #gone", "reference to missing #nope",
  ].sort());
  assert.deepEqual(unsafe('<svg id="a"><defs><marker id="a-m"/></defs><path marker-end="url(#a-m)"/></svg>'), []);
});

for (const name of names) {
  test(`hostile ${name}: the Node module's render() as recorded, safe, = native CLI`, () => {
    const want = expected[name];
    const text = input(name).toString("utf8");
    let svg;
    try {
      svg = archdiag.render(text);
    } catch (e) {
      assert.ok(e instanceof Error);
      assert.equal(`error: ${e.message}`, want);
      assert.ok(!HIDDEN.test(e.message), "no hidden character in the message");
      return;
    }
    assert.equal("svg", want, "render() drew where an error is recorded");
    assert.deepEqual(unsafe(svg), []);
    const n = native(name);
    assert.equal(n.status, 0, n.stderr.toString());
    assert.equal(svg, n.stdout.toString("utf8"), "the Node module's SVG = the native CLI's");
  });

  test(`hostile ${name}: the WASI CLI as recorded, = native CLI`, () => {
    const want = expected[name];
    // The runner preopens the current directory: give the case by its path from the repository root.
    const w = spawnSync(process.execPath, [RUNNER, "--spec", `tests/hostile/${name}.in`], { cwd: ROOT });
    assert.equal(w.signal, null, "no crash");
    if (want === "svg") {
      assert.equal(w.status, 0, w.stderr.toString());
      assert.equal(w.stderr.length, 0);
      assert.ok(w.stdout.equals(native(name).stdout), "the WASI CLI's SVG = the native CLI's");
    } else {
      assert.equal(w.status, 2);
      assert.equal(w.stdout.length, 0);
      assert.equal(w.stderr.toString("utf8"), `${want}\n`);
    }
  });
}
