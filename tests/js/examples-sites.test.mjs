// The auto-render (www/archdiag-docs.js) on sites built by the real tools: www/examples/docusaurus/ and
// www/examples/vitepress/ (scripts/examples/*.mjs regenerate them), served as scripts/serve.mjs serves
// www/, in headless Chromium. Each page loads with no failed request and no console error, draws its
// two diagrams and its bad block's message in place, keeps the hostile labels as text and the json block
// as it was; client-side navigation to the other page draws it too, without a reload; the site's colour
// toggle redraws in dark. The order of the framework's hydration and the auto-render's first drawing is
// a race on a real network: both orders are tried (by delaying the wasm or the framework's scripts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";
import { serve } from "../../scripts/serve.mjs";

let server, browser;
before(async () => {
  server = await serve({ port: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const SITES = {
  docusaurus: {
    first: "/examples/docusaurus/",
    second: "/examples/docusaurus/second/",
    toSecond: 'article a[href="/examples/docusaurus/second/"]',
    toFirst: 'article a[href="/examples/docusaurus/"]',
    toggle: 'button[class*="toggleButton"]',
    framework: /\/assets\/js\/(main|[0-9a-f]{8})\.[0-9a-f]+\.js$/,
  },
  vitepress: {
    first: "/examples/vitepress/",
    second: "/examples/vitepress/second.html",
    toSecond: '.vp-doc a[href="./second.html"]',
    toFirst: '.vp-doc a[href="./"]',
    toggle: "button.VPSwitchAppearance",
    framework: /\/assets\/(index|second)\.md\.[^/]*\.js$/,
  },
};
const delay = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A page of `stack` with its problems recorded; `slow` delays the requests it matches by 1.5 s. */
async function open(stack, slow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text().split("\n")[0]}`));
  page.on("dialog", (d) => (problems.push(`dialog: ${d.message()}`), d.dismiss()));
  context.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  await page.route("**/*", async (route) => {
    if (slow.test(route.request().url())) await delay(1500);
    await route.continue();
  });
  await page.goto(`http://127.0.0.1:${server.address().port}${SITES[stack].first}`);
  return { page, context, problems };
}

/** What a page holds once drawn: figures, each directly before its hidden block, and what they show. */
const settled = (page) =>
  page.waitForFunction(() => document.documentElement.dataset.archdiag === "drawn" && document.querySelectorAll("figure.archdiag").length >= 4, null, { timeout: 20_000 }).then(() => delay(800)).then(() =>
    page.evaluate(() => {
      const figures = [...document.querySelectorAll("figure.archdiag")];
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return {
        path: location.pathname,
        figures: figures.length,
        beforeTheirBlock: figures.filter((f) => f.nextElementSibling?.matches("[data-archdiag-source]")).length,
        drawn: figures.filter((f) => f.querySelector(":scope > svg")).length,
        errors: figures.map((f) => f.querySelector(".archdiag-error")?.textContent).filter(Boolean),
        scripts: figures.reduce((n, f) => n + f.querySelectorAll("script, img, foreignObject").length, 0),
        hostile: figures.some((f) => f.querySelector("title")?.textContent === "</svg><script>alert(1)</script>"),
        json: [...document.querySelectorAll("pre.language-json, div.language-json pre")].filter((p) => p.offsetParent !== null && /"service": "eks"/.test(p.textContent)).length,
        duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
        backgrounds: [...new Set(figures.map((f) => f.querySelector("svg rect.ad-bg")?.getAttribute("fill")).filter(Boolean))],
      };
    }),
  );

const DRAWN = {
  figures: 4,
  beforeTheirBlock: 4,
  drawn: 3,
  errors: ["archdiag: spec is not valid JSON at line 1, column 41: trailing comma"],
  scripts: 0,
  hostile: true,
  json: 1,
  duplicateIds: [],
};
const drawnLike = (state, path, background) => {
  const { path: at, backgrounds, ...rest } = state;
  assert.equal(at, path);
  assert.deepEqual(rest, DRAWN);
  assert.deepEqual(backgrounds, [background]);
};

for (const stack of Object.keys(SITES)) {
  const site = SITES[stack];
  test(`${stack}: drawn after hydration, drawn again after client-side navigation both ways, redrawn dark by the toggle`, async () => {
    const { page, context, problems } = await open(stack, /archdiag_bg\.wasm$/);
    drawnLike(await settled(page), site.first, "#ffffff");
    await page.evaluate(() => (window.archdiagSamePage = true));
    await page.click(site.toSecond);
    await page.waitForURL(`**${site.second}`);
    drawnLike(await settled(page), site.second, "#ffffff");
    // Docusaurus 3.10's toggle cycles through system, light and dark; VitePress's between light and dark.
    for (let i = 0; i < 3 && !(await page.evaluate(() => document.documentElement.matches('[data-theme="dark"], .dark'))); i++) await page.click(site.toggle);
    await page.waitForFunction(() => document.querySelector("figure.archdiag svg rect.ad-bg")?.getAttribute("fill") === "#0b1220");
    drawnLike(await settled(page), site.second, "#0b1220");
    await page.click(site.toFirst);
    await page.waitForURL(`**${site.first}`);
    drawnLike(await settled(page), site.first, "#0b1220");
    assert.equal(await page.evaluate(() => window.archdiagSamePage), true, "no reload: client-side navigation");
    assert.deepEqual(problems, []);
    await context.close();
  });

  // The auto-render waits for the framework to hydrate (HYDRATED in archdiag-docs.js); before it did, a
  // figure drawn into the server's HTML gave React error #418 and every diagram twice on Docusaurus (React
  // re-renders the code blocks and left the figures behind), and on VitePress "Hydration completed but
  // contains mismatches." and the page's last blocks lost.
  test(`${stack}: the framework's scripts late (the auto-render ready first), it still hydrates cleanly`, async () => {
    const { page, context, problems } = await open(stack, site.framework);
    drawnLike(await settled(page), site.first, "#ffffff");
    assert.deepEqual(problems, []);
    await context.close();
  });
}
