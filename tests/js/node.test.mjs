// The Node build of the wasm module: render, layout and describe, and errors as real JS Errors carrying
// the CLI's message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));
const NATIVE = join(ROOT, "target", "release", "archdiag");

test("render in Node = native CLI bytes", () => {
  const spec = { service: "eks", hosting: ["nodegroup", "fargate"], azs: 3 };
  const svg = archdiag.render(JSON.stringify(spec));
  const cli = spawnSync(NATIVE, ["--spec", "-"], { input: JSON.stringify(spec) });
  assert.equal(svg, cli.stdout.toString());
  assert.match(svg, /data-kind="nodegroup"/);
});

test("layout returns the geometry as JSON", () => {
  const g = JSON.parse(archdiag.layout(JSON.stringify({ service: "ecs", hosting: "ec2" })));
  assert.ok(g.boxes.length > 5);
  for (const b of g.boxes) for (const k of ["id", "kind", "parent", "x", "y", "width", "height"]) assert.ok(k in b, k);
  for (const e of g.edges) assert.ok(e.points.length >= 2);
});

test("bad input throws an Error with the CLI's message", () => {
  const spec = JSON.stringify({ service: "ecs", hosting: "nodegroup" });
  const cli = spawnSync(NATIVE, ["--spec", "-"], { input: spec });
  for (const fn of [archdiag.render, archdiag.layout, archdiag.describe]) {
    assert.throws(() => fn(spec), (e) => e instanceof Error && `error: ${e.message}\n` === cli.stderr.toString());
  }
  assert.throws(() => archdiag.render("{"), /not valid JSON at line 1/);
});
