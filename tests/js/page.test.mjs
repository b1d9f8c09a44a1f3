// End to end: the page in headless Chromium (Debian's, driven by playwright-core) draws the default
// diagram, redraws when the controls change, shows errors instead of a blank page, and downloads SVG.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
let server, browser, base;

before(async () => {
  server = await serve({ port: 0 });
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open() {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true] #diagram svg");
  return { page, errors };
}

test("the page draws the default ECS on EC2 diagram", async () => {
  const { page, errors } = await open();
  const kinds = await page.$$eval("#diagram svg g[data-kind]", (gs) => gs.map((g) => g.dataset.kind));
  assert.ok(kinds.includes("cluster") && kinds.includes("worker-node") && kinds.includes("agent"), kinds.join());
  for (const label of ["Service", "Hosting", "Registry", "AZs", "Workers", "Theme", "Direction"]) {
    assert.ok(await page.getByLabel(label, { exact: true }).or(page.getByRole("group", { name: label })).count(), label);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("switching to EKS + Fargate redraws the diagram", async () => {
  const { page, errors } = await open();
  const before = await page.innerHTML("#diagram");
  await page.selectOption("#service", "eks");
  await page.uncheck("input[name=hosting][value=ec2]");
  await page.check("input[name=hosting][value=fargate]");
  await page.waitForSelector('#diagram svg g[data-kind="pod"]');
  const after = await page.innerHTML("#diagram");
  assert.notEqual(before, after);
  const kinds = await page.$$eval("#diagram svg g[data-kind]", (gs) => gs.map((g) => g.dataset.kind));
  assert.ok(kinds.includes("fargate") && kinds.includes("api-server") && !kinds.includes("worker-node"), kinds.join());
  assert.match(await page.textContent("#diagram svg title"), /Amazon EKS on Fargate/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid choice shows the error message and keeps the last diagram", async () => {
  const { page } = await open();
  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error"), /node groups are an EKS feature/);
  assert.equal(await page.locator("#diagram svg").count(), 1);
  await page.uncheck("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error[hidden]", { state: "attached" });
  await page.close();
});

test("Download SVG saves the drawn SVG", async () => {
  const { page } = await open();
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.equal(download.suggestedFilename(), "archdiag.svg");
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const svg = Buffer.concat(chunks).toString();
  assert.ok(svg.startsWith("<svg") && svg.includes('data-kind="cluster"'));
  const drawn = await page.evaluate(async () => {
    const { render } = await import("./pkg/archdiag.js");
    return render(JSON.stringify({ service: "ecs", hosting: "ec2", registry: "ecr", azs: 2, workers: 2, theme: "light", direction: "tb", detail: "full", responsibilities: true }));
  });
  assert.equal(svg, drawn);
  await page.close();
});
