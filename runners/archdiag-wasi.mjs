#!/usr/bin/env node
// Runs the WASI build of the archdiag CLI under Node's WASI: node runners/archdiag-wasi.mjs [archdiag options].
// The program sees the current directory, and the directory of each file named by --spec or -o/--output
// that lies outside it (a parent, another tree, an absolute path), under the name it is written with, so
// paths mean what they mean natively and messages name them as written; nothing else is visible.
import { readFile } from "node:fs/promises";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";

// Node marks WASI experimental; that warning is noise for a CLI user.
const emitWarning = process.emitWarning;
process.emitWarning = (w, ...rest) => (String(w).includes("WASI") ? undefined : emitWarning.call(process, w, ...rest));
const { WASI } = await import("node:wasi");

const wasmPath = process.env.ARCHDIAG_WASI ?? join(dirname(fileURLToPath(import.meta.url)), "..", "pkg", "wasi", "archdiag.wasm");
const args = process.argv.slice(2);

/** Whether a path names an existing directory. */
const isDirPath = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The directories to open beside the current one: those of the file arguments outside it that exist. */
function preopens(args) {
  const open = { ".": process.cwd() };
  // The folder each path lies in, or (a folder itself: render's inputs and its -o) the folder.
  const dirs = [];
  const batch = args[0] === "render";
  for (let i = batch ? 1 : 0; i < args.length; i++) {
    const [name, inline] = args[i].startsWith("--") && args[i].includes("=") ? args[i].split(/=(.*)/s) : [args[i], undefined];
    if (name === "--spec" || name === "-o" || name === "--output") {
      const value = inline ?? args[++i];
      if (value !== undefined && value !== "-") dirs.push(batch ? value : dirname(value));
    } else if (name === "--format") {
      if (inline === undefined) i++;
    } else if (batch && !name.startsWith("-")) {
      dirs.push(isDirPath(name) ? name : dirname(name));
    }
  }
  const isDir = (d) => isDirPath(resolve(d));
  for (let dir of dirs.map((d) => normalize(d).replace(/(.)\/+$/, "$1"))) {
    if (!(isAbsolute(dir) || dir === ".." || dir.startsWith("../"))) continue;
    // A missing directory: its nearest existing ancestor (never the filesystem's root), so the program
    // reports the missing file as it would natively.
    while (!isDir(dir) && dirname(dir) !== dir && dirname(dir) !== ".") dir = dirname(dir);
    if (isDir(dir) && resolve(dir) !== resolve("/")) open[dir] = resolve(dir);
  }
  return open;
}

const wasi = new WASI({
  version: "preview1",
  args: ["archdiag", ...args],
  env: {},
  preopens: preopens(args),
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
