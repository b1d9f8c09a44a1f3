#!/usr/bin/env node
// Runs the WASI build of the archdiag CLI under Node's WASI: node runners/archdiag-wasi.mjs [archdiag options].
// The current directory is visible to the program (relative --spec and -o paths work), nothing else.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

// Node marks WASI experimental; that warning is noise for a CLI user.
const emitWarning = process.emitWarning;
process.emitWarning = (w, ...rest) => (String(w).includes("WASI") ? undefined : emitWarning.call(process, w, ...rest));
const { WASI } = await import("node:wasi");

const wasmPath = process.env.ARCHDIAG_WASI ?? join(dirname(fileURLToPath(import.meta.url)), "..", "pkg", "wasi", "archdiag.wasm");
const wasi = new WASI({
  version: "preview1",
  args: ["archdiag", ...process.argv.slice(2)],
  env: {},
  preopens: { ".": process.cwd() },
  returnOnExit: true,
});
// Each WASI function behind a plain JavaScript call. Called straight from wasm, Node 20's WASI functions
// take V8's fast-call path, and once the program's memory has grown by doubling to 8-16 MiB (reading an
// 8 MiB spec does that) the process dies of a segmentation fault on its next WASI call or GC. Called
// from JavaScript they take the ordinary path; the cost is a few calls per read or write.
const imports = wasi.getImportObject();
for (const [space, fns] of Object.entries(imports)) {
  imports[space] = Object.fromEntries(Object.entries(fns).map(([name, f]) => [name, (...args) => f(...args)]));
}
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, imports);
try {
  process.exitCode = wasi.start(instance);
} catch (e) {
  // A trap (out of memory, a bug) is one line and exit 2, like the CLI's other failures, not a stack trace.
  process.stderr.write(`error: the WebAssembly program stopped: ${String(e?.message ?? e).split("\n")[0]}\n`);
  process.exitCode = 2;
}
