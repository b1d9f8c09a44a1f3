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
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
