// Makes docs/gallery/: a PNG of every combination in light and dark, screenshotted in headless Chromium
// (Debian's, driven by playwright-core) from the real SVGs of the Node wasm build. Run on demand:
//   python3 scripts/build.py node && node scripts/gallery.mjs
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));
export const COMBINATIONS = [
  ["ecs-ec2", { service: "ecs", hosting: "ec2" }],
  ["ecs-fargate", { service: "ecs", hosting: "fargate" }],
  ["eks-ec2", { service: "eks", hosting: "ec2" }],
  ["eks-nodegroup", { service: "eks", hosting: "nodegroup" }],
  ["eks-fargate", { service: "eks", hosting: "fargate" }],
  ["eks-mixed", { service: "eks", hosting: ["nodegroup", "fargate"] }],
];

const out = join(ROOT, "docs", "gallery");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const page = await browser.newPage();
for (const [name, spec] of COMBINATIONS) {
  for (const theme of ["light", "dark"]) {
    const svg = archdiag.render(JSON.stringify({ ...spec, theme }));
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const el = await page.$("svg");
    writeFileSync(join(out, `${name}-${theme}.png`), await el.screenshot());
    console.error(`docs/gallery/${name}-${theme}.png`);
  }
}
await browser.close();
