// Many diagrams on one page (headless Chromium, strict Content-Security-Policy): <pre class="archdiag">
// blocks, a fenced block and <arch-diagram> elements, light, dark, auto and no theme, some with the same
// spec. Every id on the page is unique, every reference inside an SVG (its accessible name, its markers,
// its glyphs) resolves inside that SVG, each arrowhead has its own theme's colour, `auto` follows the
// reader's scheme, and a bad block reads exactly as the CLI says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launch } from "./chromium.mjs";
import { serve, CSP } from "../../scripts/serve.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const NATIVE = join(ROOT, "target", "release", "archdiag");
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

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const LIGHT = '{"service": "ecs", "hosting": "ec2", "theme": "light", "title": "One light"}';
const DARK = '{"service": "ecs", "hosting": "ec2", "theme": "dark", "title": "Two dark"}';
const CUSTOM = JSON.stringify({
  theme: "auto",
  title: "Nine custom",
  groups: [{ id: "title", label: "Looks like a title id" }],
  nodes: [{ id: "desc", label: "A", parent: "title", kind: "service" }, { id: "edge-0", label: "B", kind: "database" }, { id: "arrow-plain", label: "C" }],
  edges: [{ from: "desc", to: "edge-0" }, { from: "edge-0", to: "arrow-plain" }],
});
const AZS_FLOAT = '{"service": "ecs", "hosting": "ec2", "azs": 2.0}';

// Ten diagrams in the order they stand on the page: [title, theme as written ("" for none), id prefix
// given or null]. The first, second and sixth are one spec; the third and eighth too.
const DIAGRAMS = [
  ["One light", "light", null],
  ["One light", "light", null],
  ["Two dark", "dark", null],
  ["Three auto", "auto", null],
  ["Four absent", "", null],
  ["One light", "light", null],
  ["Six dark", "dark", "fig-six"],
  ["Two dark", "dark", null],
  ["Nine custom", "auto", null],
  ["Ten fenced", "dark", null],
];
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ten diagrams</title>
<script type="module" src="archdiag-docs.js"></script></head>
<body><main>
<pre class="archdiag">${esc(LIGHT)}</pre>
<div class="side-by-side"><pre class="archdiag">${esc(LIGHT)}</pre><pre class="archdiag">${esc(DARK)}</pre></div>
<pre class="archdiag">{"service": "eks", "hosting": "fargate", "theme": "auto", "title": "Three auto"}</pre>
<pre class="archdiag">{"service": "eks", "hosting": "fargate", "title": "Four absent"}</pre>
<arch-diagram service="ecs" hosting="ec2" theme="light" title="One light"></arch-diagram>
<arch-diagram id="six" service="eks" hosting="nodegroup" theme="dark" title="Six dark" id-prefix="fig-six"></arch-diagram>
<arch-diagram>${esc(DARK)}</arch-diagram>
<arch-diagram>${esc(CUSTOM)}</arch-diagram>
<div class="language-archdiag highlight"><pre><span></span><code class="language-archdiag">{"service": "eks", "hosting": ["ec2", "fargate"], "theme": "dark", "title": "Ten fenced"}
</code></pre></div>
<pre class="archdiag" id="bad-block">${esc(AZS_FLOAT)}</pre>
<arch-diagram id="bad-element">${esc(AZS_FLOAT)}</arch-diagram>
</main></body></html>`;

/** A page at the strict server's origin, under its CSP, holding PAGE. */
async function open(colorScheme) {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const address = `http://127.0.0.1:${strict.address().port}/ids-test.html`;
  await page.route(address, (route) => route.fulfill({ status: 200, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP }, body: PAGE }));
  await page.goto(address);
  await page.waitForSelector("html[data-archdiag=drawn]");
  await page.waitForFunction(() => document.querySelectorAll("svg").length === 10 && document.querySelectorAll("arch-diagram .archdiag-error").length === 1);
  return { page, errors, context };
}

/** Everything the checks need, read from the page in document order. */
const survey = (page) =>
  page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const svgs = [...document.querySelectorAll("svg")].map((svg) => {
      const inside = (id) => {
        const el = document.getElementById(id);
        return !!el && svg.contains(el);
      };
      const labelledby = (svg.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
      const markers = [...svg.querySelectorAll("[marker-end], [marker-start]")].flatMap((el) =>
        ["marker-end", "marker-start"].map((a) => el.getAttribute(a)).filter(Boolean).map((v) => v.match(/^url\(#(.+)\)$/)?.[1] ?? `!${v}`),
      );
      const hrefs = [...svg.querySelectorAll("use")].map((u) => {
        const v = u.getAttribute("xlink:href") ?? u.getAttribute("href") ?? "";
        return v.startsWith("#") ? v.slice(1) : `!${v}`;
      });
      // The arrowhead the browser draws for the first "manages" edge: the marker its id resolves to.
      const manages = markers.find((m) => m.endsWith("-arrow-manages"));
      const head = manages && document.getElementById(manages)?.querySelector("path");
      return {
        id: svg.id,
        title: svg.querySelector(":scope > title")?.textContent,
        name: labelledby[0] && document.getElementById(labelledby[0])?.textContent,
        labelledby: labelledby.map((id) => [id, inside(id)]),
        markers: markers.map((id) => [id, inside(id)]),
        hrefs: hrefs.map((id) => [id, inside(id)]),
        arrowFill: head ? getComputedStyle(head).fill : null,
        background: svg.querySelector("rect.ad-bg")?.getAttribute("fill"),
        hasStyle: !!svg.querySelector("style"),
      };
    });
    return { ids, svgs };
  });

const hex = (h) => `rgb(${[1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(", ")})`;
/** The fill of a theme's "manages" arrowhead and its background, as the core draws them. */
function colours(theme) {
  const svg = archdiag.render(JSON.stringify({ service: "ecs", hosting: "ec2", theme }));
  return {
    arrow: hex(svg.match(/-arrow-manages"[^>]*>\s*<path[^>]* fill="(#[0-9a-f]{6})"/)[1]),
    background: svg.match(/<rect[^>]* class="ad-bg"[^>]*>/)[0].match(/ fill="(#[0-9a-f]{6})"/)[1],
  };
}

function checkPage({ ids, svgs }, scheme) {
  const expected = DIAGRAMS;
  assert.equal(svgs.length, expected.length);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(repeated, [], "every id on the page is unique");
  const shade = { light: colours("light"), dark: colours("dark") };
  svgs.forEach((s, i) => {
    const [title, theme, prefix] = expected[i];
    const drawnAs = theme === "light" || theme === "dark" ? theme : scheme;
    assert.equal(s.title, title, `svg ${i}: its title is its spec's`);
    assert.equal(s.name, title, `svg ${i}: its accessible name is its own title`);
    assert.ok(s.labelledby.length === 2 && s.labelledby.every(([, ok]) => ok), `svg ${i}: aria-labelledby ${JSON.stringify(s.labelledby)}`);
    assert.ok(s.markers.length > 0 && s.markers.every(([, ok]) => ok), `svg ${i}: markers ${JSON.stringify(s.markers.filter(([, ok]) => !ok))}`);
    assert.ok(s.hrefs.length > 0 && s.hrefs.every(([, ok]) => ok), `svg ${i}: hrefs ${JSON.stringify(s.hrefs.filter(([, ok]) => !ok))}`);
    if (prefix) assert.equal(s.id, prefix, `svg ${i}: the id-prefix attribute names its ids`);
    else assert.match(s.id, /^archdiag-\d+$/, `svg ${i}: a page prefix`);
    assert.ok(!s.hasStyle, `svg ${i}: no <style> (the page drew auto as ${scheme})`);
    assert.equal(s.background, shade[drawnAs].background, `svg ${i} (${theme || "no theme"}) drawn ${drawnAs}`);
    if (s.arrowFill) assert.equal(s.arrowFill, shade[drawnAs].arrow, `svg ${i}: its arrowhead has its own theme's colour`);
  });
  // A light and a dark diagram side by side (the same service and hosting): each arrowhead its own colour.
  assert.equal(svgs[1].arrowFill, shade.light.arrow);
  assert.equal(svgs[2].arrowFill, shade.dark.arrow);
  assert.notEqual(shade.light.arrow, shade.dark.arrow);
}

for (const scheme of ["light", "dark"]) {
  test(`ten diagrams on one strict page (reader prefers ${scheme}): unique ids, references inside their own SVG, own colours`, async () => {
    const { page, errors, context } = await open(scheme);
    checkPage(await survey(page), scheme);
    assert.deepEqual(errors, [], "no console error, nothing blocked by the CSP");
    await context.close();
  });
}

test("a redraw keeps its ids, and a change of the reader's scheme redraws auto in the new one", async () => {
  const { page, errors, context } = await open("light");
  const before = await survey(page);
  await page.evaluate(() => new Promise((ok) => {
    const el = document.getElementById("six");
    el.addEventListener("archdiag:drawn", ok, { once: true });
    el.setAttribute("workers", "3");
  }));
  await page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector("arch-diagram:not([id])");
    el.addEventListener("archdiag:drawn", ok, { once: true });
    el.setAttribute("azs", "3");
  }));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => [...document.querySelectorAll("svg rect.ad-bg")].filter((r) => r.getAttribute("fill") === "#121316").length === 7);
  const after = await survey(page);
  assert.deepEqual(after.svgs.map((s) => s.id), before.svgs.map((s) => s.id), "every diagram keeps its prefix");
  checkPage(after, "dark");
  assert.deepEqual(errors, []);
  await context.close();
});

test('"azs": 2.0 in a block and in an element reads exactly as archdiag --spec says', async () => {
  const cli = spawnSync(NATIVE, ["--spec", "-"], { input: AZS_FLOAT });
  assert.equal(cli.status, 2);
  assert.equal(cli.stderr.toString(), "error: azs is 2.0; allowed: a whole number from 1 to 6\n");
  const message = cli.stderr.toString().replace(/^error: /, "").trimEnd();
  const { page, context } = await open("light");
  for (const where of ["figure.archdiag .archdiag-error", "#bad-element .archdiag-error"]) {
    assert.equal(await page.textContent(where), `archdiag: ${message}`, where);
  }
  await context.close();
});
