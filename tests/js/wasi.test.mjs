// The WASI build, run under Node's WASI through runners/archdiag-wasi.mjs, gives exactly the native bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { mkdtempSync, copyFileSync, readFileSync, existsSync, writeFileSync, rmSync } from "node:fs";
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
  const corpus = process.env.ARCHDIAG_CORPUS ?? join(ROOT, "tests", "corpus");
  copyFileSync(join(corpus, "synthetic", "arch-100.json"), join(dir, "spec.json"));
  const r = spawnSync(process.execPath, [RUNNER, "--spec", "spec.json", "-o", "out.svg"], { cwd: dir });
  assert.equal(r.status, 0, r.stderr.toString());
  const native = execFileSync(NATIVE, ["--spec", join(dir, "spec.json")]);
  assert.ok(native.equals(readFileSync(join(dir, "out.svg"))));
});

test("WASI = native for specs and outputs outside the current directory: a parent, and absolute paths", () => {
  const top = mkdtempSync(join(tmpdir(), "archdiag-wasi-"));
  const corpus = process.env.ARCHDIAG_CORPUS ?? join(ROOT, "tests", "corpus");
  copyFileSync(join(corpus, "synthetic", "arch-30.json"), join(top, "spec.json"));
  const work = join(top, "work");
  execFileSync("mkdir", ["-p", work]);
  const native = execFileSync(NATIVE, ["--spec", join(top, "spec.json")]);
  for (const args of [["--spec", "../spec.json"], ["--spec=../spec.json"], ["--spec", join(top, "spec.json")]]) {
    const r = spawnSync(process.execPath, [RUNNER, ...args], { cwd: work });
    assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
    assert.ok(native.equals(r.stdout), `${args.join(" ")}: outputs differ`);
  }
  const out = join(top, "abs.svg");
  const r = spawnSync(process.execPath, [RUNNER, "--spec", "../spec.json", "-o", "../rel.svg", "--output", out], { cwd: work });
  assert.equal(r.status, 0, r.stderr.toString());
  assert.ok(native.equals(readFileSync(out)), "-o to an absolute path");
  const r2 = spawnSync(process.execPath, [RUNNER, "--spec", "../spec.json", "-o", "../rel.svg"], { cwd: work });
  assert.equal(r2.status, 0, r2.stderr.toString());
  assert.ok(native.equals(readFileSync(join(top, "rel.svg"))), "-o to a parent directory");
  // A missing file outside is reported as natively, naming the path as written.
  const missing = ["--spec", "../nope/spec.json"];
  const w = spawnSync(process.execPath, [RUNNER, ...missing], { cwd: work });
  const n = spawnSync(NATIVE, missing, { cwd: work });
  assert.equal(w.status, 2);
  assert.equal(w.stderr.toString(), n.stderr.toString());
  rmSync(top, { recursive: true, force: true });
});

test("WASI = native in batch mode: a folder outside the current directory into another", () => {
  const top = mkdtempSync(join(tmpdir(), "archdiag-wasi-"));
  const specs = join(top, "specs");
  execFileSync("mkdir", ["-p", join(specs, "sub"), join(top, "work")]);
  writeFileSync(join(specs, "a.json"), '{"service":"ecs","hosting":"ec2"}');
  writeFileSync(join(specs, "sub", "b.json"), '{"service":"eks","hosting":"fargate"}');
  writeFileSync(join(specs, "bad.json"), '{"service":"ecs","hosting":"nodegroup"}');
  const args = ["render", "../specs"];
  const w = spawnSync(process.execPath, [RUNNER, ...args, "-o", "../out-wasi"], { cwd: join(top, "work") });
  const n = spawnSync(NATIVE, [...args, "-o", "../out-native"], { cwd: join(top, "work") });
  assert.equal(w.status, 2, w.stderr.toString());
  assert.equal(n.status, 2);
  assert.equal(w.stderr.toString(), n.stderr.toString());
  for (const f of ["a.svg", join("sub", "b.svg")]) {
    assert.ok(readFileSync(join(top, "out-native", f)).equals(readFileSync(join(top, "out-wasi", f))), f);
  }
  rmSync(top, { recursive: true, force: true });
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

// Specs past the CLI's 8 MiB limit are refused with one line and exit 2, from a file and from stdin alike;
// Node's WASI used to die of a segmentation fault (exit 139) once the program's memory had grown that far.
const LIMIT = 8 << 20;
const tooLarge = (where) => `error: spec ${where} is larger than ${LIMIT} bytes (8 MiB); at most ${LIMIT} bytes are allowed\n`;

test("WASI: a 40 MB spec file is refused cleanly (exit 2, one line), as natively", () => {
  const dir = mkdtempSync(join(tmpdir(), "archdiag-wasi-big-"));
  try {
    writeFileSync(join(dir, "big.json"), Buffer.alloc(40_000_000));
    const w = spawnSync(process.execPath, [RUNNER, "--spec", "big.json"], { cwd: dir });
    const n = spawnSync(NATIVE, ["--spec", "big.json"], { cwd: dir });
    assert.equal(w.signal, null, "no crash");
    assert.equal(w.status, 2, w.stderr.toString());
    assert.equal(w.stdout.length, 0);
    assert.equal(w.stderr.toString(), tooLarge('file "big.json"'));
    assert.equal(w.stderr.toString(), n.stderr.toString());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("WASI: 40 MB on stdin to --spec - is refused cleanly (exit 2, one line), as natively", () => {
  const input = Buffer.alloc(40_000_000);
  const w = spawnSync(process.execPath, [RUNNER, "--spec", "-"], { input });
  const n = spawnSync(NATIVE, ["--spec", "-"], { input });
  assert.equal(w.signal, null, "no crash");
  assert.equal(w.status, 2, w.stderr.toString());
  assert.equal(w.stdout.length, 0);
  assert.equal(w.stderr.toString(), tooLarge("from stdin"));
  assert.equal(w.stderr.toString(), n.stderr.toString());
});

test("WASI: a spec of exactly 8 MiB (padded with spaces) draws the native bytes, from a file and from stdin", () => {
  const dir = mkdtempSync(join(tmpdir(), "archdiag-wasi-8m-"));
  try {
    const head = Buffer.from('{"service": "eks", "hosting": ["nodegroup", "fargate"]}');
    const spec = Buffer.concat([head, Buffer.alloc(LIMIT - head.length, " ")]);
    writeFileSync(join(dir, "spec.json"), spec);
    const native = execFileSync(NATIVE, ["--spec", "spec.json"], { cwd: dir });
    for (const [args, input] of [[["--spec", "spec.json"], undefined], [["--spec", "-"], spec]]) {
      const w = spawnSync(process.execPath, [RUNNER, ...args], { cwd: dir, input });
      assert.equal(w.signal, null, `no crash (${args.join(" ")})`);
      assert.equal(w.status, 0, w.stderr.toString());
      assert.ok(w.stdout.equals(native), `outputs differ (${args.join(" ")})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
