// Loads fixture pages of www/examples/ in headless Chromium (Debian's /usr/bin/chromium, never a
// download) through scripts/serve.mjs and reports, per page, every request that failed or answered 400 or
// more (the fixture's own assets apart from /archdiag-docs.js and its module, which need `python3
// scripts/build.py web`), every console error and uncaught exception, the number of archdiag code blocks
// in the page as served, and what the auto-render left in their place. Exits 1 if any of the page's own
// assets is missing. Optional --shots DIR writes a screenshot of each page.
//
//   node scripts/examples/check.mjs /examples/mdbook/ /examples/mdbook/more.html /examples/hugo/ /examples/jekyll/
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const args = process.argv.slice(2);
const shotsAt = args.indexOf("--shots");
const shots = shotsAt >= 0 ? args.splice(shotsAt, 2)[1] : null;
const pages = args.length ? args : ["/examples/mdbook/", "/examples/hugo/", "/examples/jekyll/"];

const server = await serve({ port: 0 });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
let missing = 0;
try {
  for (const path of pages) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const failed = [];
    const errors = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on("requestfailed", (r) => failed.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()} ${m.location()?.url ?? ""}`.trim());
    });
    page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
    const response = await page.goto(base + path, { waitUntil: "networkidle" });
    const served = await response.text();
    const blocks = (served.match(/language-archdiag/g) ?? []).length;
    const result = await page.evaluate(() => ({
      svgs: document.querySelectorAll("svg.archdiag").length,
      errors: [...document.querySelectorAll(".archdiag-error, [role=alert]")].map((e) => e.textContent.trim()),
      scripts: [...document.querySelectorAll("script")].filter((s) => /alert\(/.test(s.textContent)).length,
    }));
    const own = failed.filter((f) => !/\/(archdiag-docs|archdiag-element)\.js|\/pkg\//.test(f));
    missing += own.length;
    console.log(`${path}: HTTP ${response.status()}; ${blocks} language-archdiag mentions as served; ` +
      `${result.svgs} svg.archdiag drawn; ${result.errors.length} in-place errors; ` +
      `${result.scripts} injected scripts`);
    for (const f of failed) console.log(`  ${own.includes(f) ? "MISSING" : "(docs script)"} ${f}`);
    for (const e of errors) console.log(`  ${e}`);
    for (const e of result.errors) console.log(`  in place: ${e}`);
    if (shots) {
      const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "root";
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(missing ? 1 : 0);
