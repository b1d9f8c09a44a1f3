// Makes docs/gallery/: a PNG of every combination, of the architectures of tests/architectures/ and of the
// overlay examples of tests/overlays/, in
// light and dark, screenshotted in headless Chromium (Debian's, driven by playwright-core) from the real
// SVGs of the Node wasm build. Run on demand:
//   python3 scripts/build.py node && node scripts/gallery.mjs
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));
// The presets, from the table the tests and the ELK comparison read.
export const COMBINATIONS = JSON.parse(readFileSync(join(ROOT, "tests", "presets.json"), "utf8"));

const out = join(ROOT, "docs", "gallery");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const page = await browser.newPage();
const specs = (dir, prefix = "") => readdirSync(join(ROOT, "tests", dir)).filter((f) => f.endsWith(".json")).sort()
  .map((f) => [prefix + f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(ROOT, "tests", dir, f), "utf8"))]);
for (const [name, spec] of [...COMBINATIONS, ...specs("architectures", "arch-"), ...specs("overlays")]) {
  for (const theme of ["light", "dark"]) {
    const svg = archdiag.render(JSON.stringify({ ...spec, theme }));
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const el = await page.$("svg");
    writeFileSync(join(out, `${name}-${theme}.png`), await el.screenshot());
    console.error(`docs/gallery/${name}-${theme}.png`);
  }
}
await browser.close();
