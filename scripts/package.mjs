// Assembles the npm package in dist/npm from the web build (www/pkg), the custom element, the auto-render
// module, their types and npm/README.md, then runs `npm pack` and prints the tarball's size.
// Run after `python3 scripts/build.py web`.
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, statSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(ROOT, "dist", "npm");
const version = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "(.+)"/m)[1];
if (!existsSync(join(ROOT, "www", "pkg", "archdiag_bg.wasm"))) {
  console.error("error: www/pkg is missing; run python3 scripts/build.py web first");
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "pkg"), { recursive: true });
for (const f of ["archdiag.js", "archdiag_bg.wasm", "archdiag.d.ts", "archdiag_bg.wasm.d.ts"]) cpSync(join(ROOT, "www", "pkg", f), join(out, "pkg", f));
for (const f of ["archdiag-element.js", "archdiag-docs.js"]) cpSync(join(ROOT, "www", f), join(out, f));
for (const f of ["archdiag-element.d.ts", "archdiag-docs.d.ts", "README.md"]) cpSync(join(ROOT, "npm", f), join(out, f));
cpSync(join(ROOT, "LICENSE"), join(out, "LICENSE"));
const pkg = {
  name: "archdiag",
  version,
  description: "Architecture diagrams of AWS container hosting (ECS/EKS on EC2, node groups, Fargate) as SVG, from a small WebAssembly core",
  license: "MIT",
  type: "module",
  main: "./pkg/archdiag.js",
  types: "./pkg/archdiag.d.ts",
  exports: {
    ".": { types: "./pkg/archdiag.d.ts", default: "./pkg/archdiag.js" },
    "./element": { types: "./archdiag-element.d.ts", default: "./archdiag-element.js" },
    "./docs": { types: "./archdiag-docs.d.ts", default: "./archdiag-docs.js" },
    "./archdiag_bg.wasm": "./pkg/archdiag_bg.wasm",
  },
  files: ["pkg/", "archdiag-element.js", "archdiag-element.d.ts", "archdiag-docs.js", "archdiag-docs.d.ts", "README.md", "LICENSE"],
  sideEffects: ["./archdiag-element.js", "./archdiag-docs.js"],
  keywords: ["diagram", "architecture", "aws", "ecs", "eks", "fargate", "svg", "wasm", "mermaid"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", join(ROOT, "dist")], { cwd: out }).toString().trim();
const size = statSync(join(ROOT, "dist", name)).size;
console.log(`dist/${name}: ${size} bytes (gzipped tarball)`);
