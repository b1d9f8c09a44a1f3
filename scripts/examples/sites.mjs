// The real docs sites of www/examples/src/<stack>/ (Docusaurus, VitePress), installed and built in
// target/sites/<stack>/ from their committed lockfiles, for the fixtures (scripts/examples/<stack>.mjs)
// and the build-time plugin tests (tests/docs-builds/). Installing is skipped when the folder already
// holds node_modules from the same lockfile. Not a script itself.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs a command in `cwd`, its output shown, and returns its time in seconds. */
export function run(cmd, args, cwd, env = {}) {
  const t = performance.now();
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  return (performance.now() - t) / 1000;
}

/** Runs a command in `cwd` and returns its status, its output (stdout and stderr) and its time in seconds. */
export function capture(cmd, args, cwd, env = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, seconds: (performance.now() - t) / 1000 };
}

/** target/sites/<stack> with the stack's sources copied in and its lockfile installed (npm ci). Returns
 * the folder and the install time in seconds (0 when the install was kept). */
export function prepare(stack) {
  const src = join(ROOT, "www", "examples", "src", stack);
  const dir = join(ROOT, "target", "sites", stack);
  mkdirSync(dir, { recursive: true });
  const lock = readFileSync(join(src, "package-lock.json"), "utf8");
  const kept = existsSync(join(dir, "node_modules")) && existsSync(join(dir, "package-lock.json")) && readFileSync(join(dir, "package-lock.json"), "utf8") === lock;
  // Sources afresh (everything but node_modules and the build's own folders).
  for (const name of readdirSync(dir)) if (!["node_modules", ".docusaurus"].includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
  cpSync(src, dir, { recursive: true, filter: (f) => !f.includes("node_modules") });
  let seconds = 0;
  if (!kept) {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    // No telemetry, no update check; scripts as npm allows them (none of these needs its own).
    seconds = run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir, { DISABLE_TELEMETRY: "1", NO_UPDATE_NOTIFIER: "1" });
  }
  return { dir, seconds };
}

/** Installs the packed package (dist/archdiag-*.tgz, from scripts/package.mjs) into a prepared site
 * without touching its package.json or lockfile. Returns the time in seconds. */
export function installTarball(dir) {
  const tgz = readdirSync(join(ROOT, "dist")).filter((f) => /^archdiag-.*\.tgz$/.test(f));
  if (tgz.length !== 1) throw new Error(`expected one dist/archdiag-*.tgz, found ${tgz.length}: run node scripts/package.mjs`);
  return run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", join(ROOT, "dist", tgz[0])], dir);
}

/** What a package without a licence file says of its licence: the first comment with a copyright line in
 * its scripts or stylesheets, or else the licence section of its README. */
function copyrightOf(dir) {
  for (const f of readdirSync(dir, { recursive: true })) {
    if (!/\.(css|js)$/.test(f) || f.includes("node_modules")) continue;
    const comment = readFileSync(join(dir, f), "utf8").match(/\/\*[\s\S]*?Copyright[\s\S]*?\*\//);
    if (comment) return comment[0];
  }
  const readme = readdirSync(dir).find((f) => /^readme/i.test(f));
  const section = readme && readFileSync(join(dir, readme), "utf8").match(/^#+\s*licen[cs]e[\s\S]*/im);
  return section ? section[0].trim() : "(nothing more)";
}

/** Replaces www/examples/<stack>/ with a site's build output (the fixture the browser tests load), and
 * puts the licence file of each package in `bundled` (those the build's scripts hold) in its LICENSES/. */
export function keep(stack, built, bundled) {
  const out = join(ROOT, "www", "examples", stack);
  rmSync(out, { recursive: true, force: true });
  cpSync(built, out, { recursive: true });
  mkdirSync(join(out, "LICENSES"));
  for (const name of bundled) {
    const dir = join(dirname(built), "node_modules", name);
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const { version, license, repository } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (!license) throw new Error(`${name}: no licence`);
    // A package without a licence file (infima) is named with what its package.json says.
    const text = file ? readFileSync(join(dir, file), "utf8") : `The package ships no licence file; its package.json says ${license}${repository ? ` (${repository.url ?? repository})` : ""}, and its sources say:\n\n${copyrightOf(dir)}\n`;
    writeFileSync(join(out, "LICENSES", `${name.replace("/", "+")}.txt`), `${name} ${version} (${license})\n\n${text}`);
  }
  const files = readdirSync(out, { recursive: true }).filter((f) => statSync(join(out, f)).isFile());
  const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
  console.log(`www/examples/${stack}/: ${files.length} files, ${bytes} bytes`);
}
