// Smoke check of the mkdocs-material and Sphinx fixtures in headless Chromium: serves www/ at / (scripts/serve.mjs),
// loads each fixture, and fails on any 404 or failed request for the tool's own assets; for mkdocs-material it
// also switches the palette (body[data-md-color-scheme] default → slate) and follows a nav link with
// navigation.instant (the page is swapped without a reload). Usage: node scripts/examples/check-mkdocs-sphinx.mjs
// [--shots DIR] (screenshots). Needs playwright-core (npm dev dependency) and Chromium at /usr/bin/chromium.
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const args = process.argv.slice(2);
const shots = args.includes("--shots") ? args[args.indexOf("--shots") + 1] : null;
const server = await serve({ port: 0 });
const served = `http://127.0.0.1:${server.address().port}`;
// The mkdocs fixtures' site_url is http://127.0.0.1:8080/…: material 9.8 compares the sitemap's URLs with
// the page's including the port, so instant navigation only happens on that origin. The browser asks
// that origin and the requests are answered from the server on its free port.
const base = "http://127.0.0.1:8080";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
await context.route(`${base}/**`, async (route) => {
  const url = route.request().url().replace(base, served);
  route.fulfill({ response: await route.fetch({ url }) });
});
let failures = 0;
const fail = (what) => {
  failures++;
  console.log(`FAIL ${what}`);
};

/** Opens `path`, returns the page and the list of bad responses (status >= 400 or failed), outside /pkg/. */
async function open(path) {
  const page = await context.newPage();
  const bad = [];
  page.on("response", (r) => r.status() >= 400 && bad.push(`${r.status()} ${new URL(r.url()).pathname}`));
  page.on("requestfailed", (r) => bad.push(`failed ${r.url()}`));
  await page.goto(base + path, { waitUntil: "networkidle" });
  return { page, bad };
}

for (const fixture of ["mkdocs-material", "mkdocs-material-plain", "mkdocs-material-custom-fence"]) {
  const { page, bad } = await open(`/examples/${fixture}/`);
  const scheme = () => page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
  if ((await scheme()) !== "default") fail(`${fixture}: scheme at load is ${await scheme()}`);
  if (shots) await page.screenshot({ path: `${shots}/${fixture}-light.png`, fullPage: true });
  await page.click('label[for="__palette_1"]');
  await page.waitForFunction(() => document.body.getAttribute("data-md-color-scheme") === "slate", null, { timeout: 5000 }).catch(() => {});
  if ((await scheme()) !== "slate") fail(`${fixture}: palette toggle did not switch to slate (${await scheme()})`);
  if (shots) await page.screenshot({ path: `${shots}/${fixture}-dark.png`, fullPage: true });
  await page.evaluate(() => (window.__notReloaded = true));
  await page.click('article a[href$="errors/"]'); // material makes every href absolute
  await page
    .waitForFunction(() => location.pathname.endsWith("/errors/") && document.querySelector("article h1")?.textContent === "Errors", null, { timeout: 5000 })
    .catch(() => {});
  await page.waitForLoadState("networkidle");
  const after = await page.evaluate(() => ({ kept: window.__notReloaded === true, h1: document.querySelector("article h1")?.textContent, path: location.pathname }));
  if (!after.kept || after.h1 !== "Errors") fail(`${fixture}: instant navigation to errors/: ${JSON.stringify(after)}`);
  const own = bad.filter((b) => !b.includes("/pkg/") && !b.includes("/archdiag-docs.js"));
  if (own.length) fail(`${fixture}: ${own.join(", ")}`);
  console.log(`${fixture}: scheme toggle ok, instant navigation ${after.kept ? "ok" : "reloaded"}, bad responses: ${bad.length ? bad.join(", ") : "none"}`);
  await page.close();
}

{
  const { page, bad } = await open("/examples/sphinx/");
  const blocks = await page.evaluate(() => document.querySelectorAll("div.highlight-archdiag").length);
  if (blocks !== 4) fail(`sphinx: ${blocks} div.highlight-archdiag`);
  const module = await page.evaluate(() => !!document.querySelector('script[type="module"][src="/archdiag-docs.js"]'));
  if (!module) fail("sphinx: no module script /archdiag-docs.js");
  if (shots) await page.screenshot({ path: `${shots}/sphinx.png`, fullPage: true });
  const own = bad.filter((b) => !b.includes("/pkg/") && !b.includes("/archdiag-docs.js"));
  if (own.length) fail(`sphinx: ${own.join(", ")}`);
  console.log(`sphinx: ${blocks} div.highlight-archdiag, bad responses: ${bad.length ? bad.join(", ") : "none"}`);
  await page.close();
}

await browser.close();
server.close();
console.log(failures ? `${failures} failed` : "all fixtures load");
process.exitCode = failures ? 1 : 0;
