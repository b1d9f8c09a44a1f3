// The auto-render on pages built by the real docs tools (the fixtures in www/examples/, listed with what
// each must show in stacks.json), in headless Chromium: every archdiag block drawn and only those, the
// bad block's message in place, hostile labels inert, other code untouched, the site's own dark-mode
// control redrawing the diagrams, and the second page drawn after the site's own navigation (client-side
// where the stack navigates so). No console error on any of it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { launch } from "./chromium.mjs";
import { serve } from "../../scripts/serve.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const { stacks } = JSON.parse(readFileSync(join(HERE, "stacks.json"), "utf8"));
const archdiag = createRequire(import.meta.url)(join(ROOT, "pkg", "node", "archdiag.js"));
const background = (theme) => archdiag.render(JSON.stringify({ service: "ecs", hosting: "ec2", theme })).match(/<rect[^>]* class="ad-bg"[^>]*>/)[0].match(/ fill="(#[0-9a-f]{6})"/)[1];
const LIGHT = background("light");
const DARK = background("dark");

let server, browser;
before(async () => {
  server = await serve({ port: 0, root: process.env.ARCHDIAG_WWW ?? join(ROOT, "www") });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});
const url = (path) => `http://127.0.0.1:${server.address().port}/${path}`;

/** What the auto-render made of the page: figures, their backgrounds and errors, and the code left. */
const survey = (page) =>
  page.evaluate(() => ({
    svgs: document.querySelectorAll("figure.archdiag > svg").length,
    errors: [...document.querySelectorAll("figure.archdiag > .archdiag-error")].map((p) => p.textContent),
    backgrounds: [...document.querySelectorAll("figure.archdiag > svg")].map((s) => s.querySelector("rect.ad-bg")?.getAttribute("fill")),
    visibleSources: [...document.querySelectorAll("[data-archdiag-source]")].filter((e) => e.checkVisibility()).length,
    json: [...document.querySelectorAll(".language-json, .highlight-json, [data-lang='json']")].filter((e) => e.checkVisibility()).length,
    injected: document.querySelectorAll("figure.archdiag script, figure.archdiag img, figure.archdiag foreignObject, figure.archdiag [onerror]").length,
  }));

async function drawn(page, stack) {
  await page.waitForFunction((n) => document.querySelectorAll("figure.archdiag > svg, figure.archdiag > .archdiag-error").length >= n, stack.svgs + stack.errors);
  const s = await survey(page);
  assert.equal(s.svgs, stack.svgs, `${stack.stack}: diagrams drawn`);
  assert.equal(s.errors.length, stack.errors, `${stack.stack}: error messages`);
  for (const e of s.errors) assert.match(e, /^archdiag: spec is not valid JSON at line \d+, column \d+/);
  assert.equal(s.visibleSources, 0, `${stack.stack}: the drawn blocks are hidden`);
  assert.ok(s.json >= 1, `${stack.stack}: the json block is still shown`);
  assert.equal(s.injected, 0, `${stack.stack}: no markup from labels`);
  return s;
}

for (const stack of stacks) {
  test(`${stack.stack}: blocks drawn, dark mode followed, drawn again after navigation`, async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
    await page.goto(url(stack.page));
    const first = await drawn(page, stack);
    assert.deepEqual(first.backgrounds, Array(stack.svgs).fill(LIGHT), `${stack.stack}: light at first`);

    // The site's own control.
    await page.click(stack.dark.click);
    await page.waitForFunction((dark) => [...document.querySelectorAll("figure.archdiag > svg rect.ad-bg")].every((r) => r.getAttribute("fill") === dark), DARK);

    // The site's own link to the second page.
    await page.evaluate(() => (window.__archdiagSamePage = true));
    await page.click(stack.next);
    await page.waitForURL(url(stack.second));
    const second = await drawn(page, stack);
    assert.deepEqual(second.backgrounds, Array(stack.svgs).fill(DARK), `${stack.stack}: the second page is drawn dark too`);
    if (stack.clientSide) assert.equal(await page.evaluate(() => window.__archdiagSamePage), true, `${stack.stack}: navigated without a reload`);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], `${stack.stack}: no script ran from a label`);
    assert.deepEqual(errors, [], `${stack.stack}: console errors`);
    await context.close();
  });
}
