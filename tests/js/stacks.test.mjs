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

/** Waits for the auto-render on `want` (a page of stacks.json) and checks what it drew. */
async function drawn(page, stack, want) {
  const label = `${stack.stack} ${want.path}`;
  // Exactly what this page should show (a page swapped in keeps the old one's figures until it lands).
  await page
    .waitForFunction(
      ([svgs, errors]) => document.querySelectorAll("figure.archdiag > svg").length === svgs && document.querySelectorAll("figure.archdiag > .archdiag-error").length === errors,
      [want.svgs, want.errors],
      { timeout: 10000 },
    )
    .catch(() => {}); // the checks below say what is there instead
  const s = await survey(page);
  assert.equal(s.svgs, want.svgs, `${label}: diagrams drawn`);
  assert.equal(s.errors.length, want.errors, `${label}: error messages`);
  for (const e of s.errors) assert.match(e, /^archdiag: spec is not valid JSON at line \d+, column \d+/);
  assert.equal(s.visibleSources, 0, `${label}: the drawn blocks are hidden`);
  if (want.json) assert.ok(s.json >= 1, `${label}: the json block is still shown`);
  assert.equal(s.injected, 0, `${label}: no markup from labels`);
  return s;
}

/** The page's HTML with the auto-render's script moved to the top of <head>, before the site's own. */
function scriptFirst(html) {
  const tag = html.match(/<script[^>]*src="\/archdiag-docs\.js"[^>]*><\/script>/)[0];
  return html.replace(tag, "").replace(/<head>/, `<head>${tag}`);
}

const cases = stacks.flatMap((stack) => [
  [stack, false],
  // A site that hydrates its server-rendered HTML (React, Vue) must find it unchanged, whichever script runs first.
  ...(stack.hydrates ? [[stack, true]] : []),
]);

for (const [stack, early] of cases) {
  const name = `${stack.stack}${early ? ", the auto-render loaded before the site's scripts" : ""}`;
  test(`${name}: blocks drawn, dark mode followed${stack.second ? ", drawn again after navigation" : ""}`, async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    if (early) {
      await context.route(url(stack.first.path), async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, body: scriptFirst(await response.text()) });
      });
      // The site's own scripts arrive late, so the core is ready before the framework hydrates.
      await context.route(`${url(stack.first.path.split("/").slice(0, 2).join("/"))}/**/*.js`, async (route) => {
        await new Promise((ok) => setTimeout(ok, 1000));
        route.continue();
      });
    }
    // A site built for another origin is asked for there, and answered from the test's server.
    const at = (path) => (stack.origin ? `${stack.origin}/${path}` : url(path));
    if (stack.origin) {
      await context.route(`${stack.origin}/**`, async (route) => {
        const asked = new URL(route.request().url());
        route.fulfill({ response: await route.fetch({ url: url(asked.pathname.slice(1) + asked.search) }) });
      });
    }
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // A failed request is judged by its URL below (a browser asks every site for /favicon.ico).
    page.on("console", (m) => {
      const text = m.text();
      if (m.type() === "error" && !text.startsWith("Failed to load resource")) errors.push(text);
      if (m.type() === "warning" && /hydrat/i.test(text)) errors.push(text); // Vue warns of a mismatch
    });
    const missing = [];
    page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && missing.push(`${r.status()} ${r.url()}`));
    page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
    await page.goto(at(stack.first.path));
    const first = await drawn(page, stack, stack.first);
    assert.ok(first.backgrounds.length > 0 && first.backgrounds.every((b) => b === LIGHT), `${stack.stack}: light at first`);

    // The site's own control, or the system's preference where the site has none.
    if (stack.dark.click) for (const control of [stack.dark.click].flat()) await page.click(control);
    else await page.emulateMedia({ colorScheme: stack.dark.media });
    await page.waitForFunction((dark) => [...document.querySelectorAll("figure.archdiag > svg rect.ad-bg")].every((r) => r.getAttribute("fill") === dark), DARK);

    if (stack.second) {
      // The site's own link to the second page.
      await page.evaluate(() => (window.__archdiagSamePage = true));
      await page.click(stack.next);
      await page.waitForURL(at(stack.second.path));
      const second = await drawn(page, stack, stack.second);
      assert.ok(second.backgrounds.every((b) => b === DARK), `${stack.stack}: the second page is drawn dark too`);
      if (stack.clientSide) assert.equal(await page.evaluate(() => window.__archdiagSamePage), true, `${stack.stack}: navigated without a reload`);
    }
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], `${stack.stack}: no script ran from a label`);
    assert.deepEqual(errors, [], `${stack.stack}: console errors`);
    assert.deepEqual(missing, [], `${stack.stack}: every file the site asks for is there`);
    await context.close();
  });
}
