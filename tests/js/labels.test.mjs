// In a real browser (headless Chromium), every label of every golden SVG fits inside its box: the
// built-in width table agrees with the fonts the SVG names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./chromium.mjs";

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), "..", "golden");
let browser;
before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith(".svg")).sort()) {
  test(`labels fit their boxes in Chromium: ${file}`, async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><body style="margin:0">${readFileSync(join(GOLDEN, file), "utf8")}</body>`);
    const misfits = await page.$$eval("g.ad-box", (gs) =>
      gs.flatMap((g) => {
        const rect = g.querySelector(":scope > rect").getBBox();
        const parts = [...g.querySelectorAll(":scope > text, :scope > use")].map((t) => t.getBBox());
        return parts
          .filter((b) => b.x < rect.x + 1 || b.x + b.width > rect.x + rect.width - 1)
          .map((b) => `${g.id}: ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)} outside ${rect.x}..${rect.x + rect.width}`);
      }),
    );
    const fonts = await page.evaluate(() => document.fonts.check("13px 'Liberation Sans'") || document.fonts.check("13px Arial"));
    assert.ok(fonts, "a font of the stack is installed");
    assert.deepEqual(misfits, []);
    await page.close();
  });
}
