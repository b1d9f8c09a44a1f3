// The WASI build, run under Node's WASI through runners/archdiag-wasi.mjs, gives exactly the native bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { mkdtempSync, copyFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const NATIVE = join(ROOT, "target", "release", "archdiag");
const RUNNER = join(ROOT, "runners", "archdiag-wasi.mjs");

const CASES = [
  ["--service", "ecs", "--hosting", "ec2"],
  ["--service", "ecs", "--hosting", "fargate", "--theme", "dark"],
  ["--service", "eks", "--hosting", "ec2", "--direction", "lr"],
  ["--service", "eks", "--hosting", "nodegroup", "--azs", "3", "--workers", "5"],
  ["--service", "eks", "--hosting", "fargate", "--registry", "nexus"],
  ["--service", "eks", "--hosting", "ec2,nodegroup,fargate", "--format", "json"],
];

test("build artifacts exist", () => {
  assert.ok(existsSync(NATIVE), `${NATIVE} missing: run cargo build --release`);
  assert.ok(existsSync(join(ROOT, "pkg", "wasi", "archdiag.wasm")), "pkg/wasi/archdiag.wasm missing: run scripts/build.py wasi");
});

for (const args of CASES) {
  test(`WASI = native: ${args.join(" ")}`, () => {
    const native = execFileSync(NATIVE, args);
    const wasi = execFileSync(process.execPath, [RUNNER, ...args]);
    assert.ok(native.length > 1000);
    assert.ok(native.equals(wasi), "outputs differ");
  });
}

test("WASI = native on a corpus file read through a relative path, written with -o", () => {
  const dir = mkdtempSync(join(tmpdir(), "archdiag-wasi-"));
  const corpus = process.env.ARCHDIAG_CORPUS ?? join(ROOT, "..", "shared", "corpus");
  copyFileSync(join(corpus, "synthetic", "arch-100.json"), join(dir, "spec.json"));
  const r = spawnSync(process.execPath, [RUNNER, "--spec", "spec.json", "-o", "out.svg"], { cwd: dir });
  assert.equal(r.status, 0, r.stderr.toString());
  const native = execFileSync(NATIVE, ["--spec", join(dir, "spec.json")]);
  assert.ok(native.equals(readFileSync(join(dir, "out.svg"))));
});

test("WASI bad input: exit 2, one line on stderr, same message as native", () => {
  const args = ["--service", "ecs", "--hosting", "nodegroup"];
  const w = spawnSync(process.execPath, [RUNNER, ...args]);
  const n = spawnSync(NATIVE, args);
  assert.equal(w.status, 2);
  assert.equal(w.stdout.length, 0);
  assert.equal(w.stderr.toString(), n.stderr.toString());
  assert.equal(w.stderr.toString().trim().split("\n").length, 1);
});
