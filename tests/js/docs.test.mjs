// The auto-render and the element as a docs page sees them (headless Chromium, strict CSP): blocks that
// arrive after load are drawn; diagrams without a theme follow the site's toggle (each stack's own) and
// the system's preference, and are redrawn when either changes; a core that cannot load says so in place;
// the element draws once per batch of changes, keeps a reactive body, keeps `title` off the tooltip,
// and scales down to a phone's width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launch } from "./chromium.mjs";
import { serve, CSP } from "../../scripts/serve.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));
let strict, browser;

before(async () => {
  strict = await serve({ port: 0, csp: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  strict?.close();
});

const background = (theme) => archdiag.render(JSON.stringify({ service: "ecs", hosting: "ec2", theme })).match(/<rect[^>]* class="ad-bg"[^>]*>/)[0].match(/ fill="(#[0-9a-f]{6})"/)[1];
const LIGHT = background("light");
const DARK = background("dark");

/** A page at the strict server's origin holding `body` (and the auto-render), with its console errors. */
async function open(body, { colorScheme = "light", viewport, blockWasm = false, htmlAttributes = "" } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  if (blockWasm) await page.route("**/archdiag_bg.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
  const address = `http://127.0.0.1:${strict.address().port}/docs-test.html`;
  const html = `<!doctype html><html lang="en" ${htmlAttributes}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Docs</title>
<script type="module" src="archdiag-docs.js"></script></head><body><main>${body}</main></body></html>`;
  await page.route(address, (route) => route.fulfill({ status: 200, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP }, body: html }));
  await page.goto(address);
  await page.waitForSelector(blockWasm ? "html[data-archdiag=failed]" : "html[data-archdiag=drawn]");
  return { page, errors, context };
}

const backgrounds = (page) => page.$$eval("figure.archdiag svg, arch-diagram svg", (svgs) => svgs.map((s) => s.querySelector("rect.ad-bg")?.getAttribute("fill")));

test("a block added after load (client-side navigation) is drawn; other code is left alone", async () => {
  const { page, errors, context } = await open('<pre class="archdiag">{"service": "ecs", "hosting": "fargate"}</pre>');
  assert.equal(await page.locator("figure.archdiag svg").count(), 1);
  await page.evaluate(() => {
    const article = document.createElement("article");
    article.innerHTML = `<div class="language-archdiag highlight"><pre><span></span><code>{"service": "eks",<br>"hosting": "nodegroup"}</code></pre></div>
      <div class="language-json highlight"><pre><code>{"service": "eks"}</code></pre></div>`;
    document.querySelector("main").replaceChildren(article);
  });
  await page.waitForSelector('figure.archdiag svg g[data-kind="nodegroup"]');
  assert.equal(await page.locator("figure.archdiag").count(), 1, "the old page's figure left with it");
  assert.equal(await page.locator("div.language-json pre").isVisible(), true);
  assert.equal(await page.locator("div.language-archdiag").isVisible(), false, "the source block stays, hidden");
  assert.deepEqual(errors, []);
  await context.close();
});

test("no theme: the site's toggle decides, for each stack's toggle, and a change redraws", async () => {
  // [where the toggle is, its attribute or class, a dark value, a light value]
  const TOGGLES = [
    ["body", "data-md-color-scheme", "slate", "default"], // mkdocs-material
    ["html", "data-theme", "dark", "light"], // Docusaurus
    ["html", "class", "dark", ""], // VitePress
    ["html", "class", "coal", "light"], // mdBook
  ];
  for (const [where, attribute, darkValue, lightValue] of TOGGLES) {
    const { page, errors, context } = await open(
      '<pre class="archdiag">{"service": "ecs", "hosting": "ec2"}</pre><pre class="archdiag">{"service": "ecs", "hosting": "ec2", "theme": "light"}</pre>',
      { colorScheme: "light" },
    );
    const label = `${where}[${attribute}=${darkValue}]`;
    assert.deepEqual(await backgrounds(page), [LIGHT, LIGHT], label);
    await page.evaluate(([w, a, v]) => document.querySelector(w).setAttribute(a, v), [where, attribute, darkValue]);
    await page.waitForFunction((dark) => document.querySelector("figure.archdiag rect.ad-bg").getAttribute("fill") === dark, DARK);
    assert.deepEqual(await backgrounds(page), [DARK, LIGHT], `${label}: a spec's own theme stays`);
    await page.evaluate(([w, a, v]) => document.querySelector(w).setAttribute(a, v), [where, attribute, lightValue]);
    await page.waitForFunction((light) => document.querySelector("figure.archdiag rect.ad-bg").getAttribute("fill") === light, LIGHT);
    assert.deepEqual(errors, [], label);
    await context.close();
  }
});

test("no theme and no site toggle: the system's preference, followed when it changes", async () => {
  const { page, errors, context } = await open('<pre class="archdiag">{"service": "ecs", "hosting": "ec2"}</pre><arch-diagram service="eks" hosting="fargate"></arch-diagram>', { colorScheme: "dark" });
  await page.waitForSelector("arch-diagram svg");
  assert.deepEqual(await backgrounds(page), [DARK, DARK]);
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction((light) => [...document.querySelectorAll("rect.ad-bg")].every((r) => r.getAttribute("fill") === light), LIGHT);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a core that cannot load: a message in place of every block and element, not a blank", async () => {
  const { page, context } = await open('<pre class="archdiag">{"service": "ecs", "hosting": "ec2"}</pre><arch-diagram service="eks" hosting="fargate"></arch-diagram>', { blockWasm: true });
  await page.waitForSelector("arch-diagram .archdiag-error");
  const messages = await page.$$eval(".archdiag-error", (ps) => ps.map((p) => [p.getAttribute("role"), p.textContent]));
  assert.equal(messages.length, 2);
  for (const [role, text] of messages) {
    assert.equal(role, "alert");
    assert.match(text, /^archdiag: the diagram engine \(archdiag_bg\.wasm\) could not load: /);
  }
  await context.close();
});

test("the element: one draw at load for many attributes, one per batch of changes, a reactive body, no title tooltip", async () => {
  const { page, errors, context } = await open("<div id=host></div>");
  const draws = await page.evaluate(async () => {
    await customElements.whenDefined("arch-diagram");
    const host = document.querySelector("#host");
    const counts = [];
    let n = 0;
    // Nine attributes written into the page, as a docs page or a framework writes them.
    host.innerHTML = '<arch-diagram service="eks" hosting="nodegroup,fargate" registry="ecr" azs="3" workers="3" detail="full" responsibilities="true" direction="tb" title="Our cluster"></arch-diagram>';
    const el = host.firstElementChild;
    el.addEventListener("archdiag:drawn", () => n++);
    await new Promise((ok) => setTimeout(ok, 100));
    counts.push(n);
    el.setAttribute("azs", "2");
    el.setAttribute("workers", "1");
    el.setAttribute("direction", "lr");
    await new Promise((ok) => setTimeout(ok, 100));
    counts.push(n);
    return { counts, title: el.getAttribute("title"), drawnTitle: el.querySelector("svg > title").textContent, kept: el.diagramTitle };
  });
  assert.deepEqual(draws.counts, [1, 2], "one draw at load, one for three attribute changes");
  assert.equal(draws.title, null, "no title attribute left to show a tooltip");
  assert.equal(draws.drawnTitle, "Our cluster");
  assert.equal(draws.kept, "Our cluster");

  // A new title is taken too.
  await page.evaluate(() => document.querySelector("arch-diagram").setAttribute("title", "Renamed"));
  await page.waitForFunction(() => document.querySelector("arch-diagram svg > title").textContent === "Renamed");

  // The body is the spec: replacing it redraws; the diagram the element drew is not taken for a body.
  await page.evaluate(() => {
    document.querySelector("#host").innerHTML = '<arch-diagram id="body">{"service": "ecs", "hosting": "ec2"}</arch-diagram>';
  });
  await page.waitForSelector('#body svg g[data-kind="worker-node"]');
  await page.evaluate(() => {
    document.querySelector("#body").textContent = '{"service": "ecs", "hosting": "fargate", "title": "From the new body"}';
  });
  await page.waitForFunction(() => document.querySelector("#body svg > title")?.textContent === "From the new body");
  // An attribute added to a body-spec element keeps the body and sets its field.
  await page.evaluate(() => document.querySelector("#body").setAttribute("theme", "dark"));
  await page.waitForFunction((dark) => document.querySelector("#body rect.ad-bg").getAttribute("fill") === dark, DARK);
  assert.equal(await page.textContent("#body svg > title"), "From the new body");
  await page.evaluate(() => document.querySelector("#body").setAttribute("service", "eks"));
  await page.waitForSelector('#body svg g[data-kind="pod"]');
  assert.equal(await page.textContent("#body svg > title"), "From the new body", "adding service keeps the body's other fields");
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a 390 px phone the diagrams fit the column: no sideways scroll", async () => {
  const { page, errors, context } = await open(
    '<pre class="archdiag">{"service": "eks", "hosting": ["ec2", "nodegroup", "fargate"], "azs": 3}</pre><arch-diagram service="eks" hosting="ec2,nodegroup,fargate" azs="3"></arch-diagram>',
    { viewport: { width: 390, height: 844 } },
  );
  await page.waitForSelector("arch-diagram svg");
  const widths = await page.$$eval("figure.archdiag svg, arch-diagram svg", (svgs) => svgs.map((s) => [Number(s.getAttribute("width")), s.getBoundingClientRect().width]));
  for (const [natural, shown] of widths) {
    assert.ok(natural > 390, `the diagram is wider than the screen (${natural})`);
    assert.ok(shown <= 390, `shown ${shown}px wide`);
  }
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, "no sideways scroll");
  assert.equal(await page.$eval("arch-diagram", (e) => getComputedStyle(e).display), "block");
  assert.deepEqual(errors, []);
  await context.close();
});
