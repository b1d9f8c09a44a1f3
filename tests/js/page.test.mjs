// End to end in headless Chromium (Debian's, driven by playwright-core): the page's controls, editor,
// permalink, downloads, copy buttons and Compare view; the custom element and auto-render on the example
// pages; everything again under a strict Content-Security-Policy without a console error. Reports how
// long after navigation the first diagram is on screen (not asserted).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
let plain, strict, browser;

before(async () => {
  plain = await serve({ port: 0 });
  strict = await serve({ port: 0, csp: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  plain?.close();
  strict?.close();
});

const url = (server, path = "") => `http://127.0.0.1:${server.address().port}/${path}`;

async function open(path = "", server = plain) {
  const context = await browser.newContext({ acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url(server, path));
  if (path === "" || path.startsWith("#")) await page.waitForSelector("body[data-ready=true] #diagram svg");
  return { page, errors, context };
}

const kinds = (page, root = "#diagram") => page.$$eval(`${root} svg g[data-kind]`, (gs) => gs.map((g) => g.dataset.kind));
const count = (list, k) => list.filter((x) => x === k).length;
const specOf = (page) => page.evaluate(() => JSON.parse(new URLSearchParams(location.hash.slice(1)).get("spec")));

test("the page draws the default ECS on EC2 diagram, every control labelled", async () => {
  const { page, errors, context } = await open();
  const k = await kinds(page);
  assert.ok(k.includes("cluster") && k.includes("worker-node") && k.includes("agent"), k.join());
  for (const label of ["Service", "Registry", "AZs", "Workers", "Detail", "Theme", "Direction", "Title", "Who does what", "Spec as JSON"]) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  assert.equal(await page.getByRole("group", { name: "Hosting" }).count(), 1);
  const t = await page.evaluate(() => performance.getEntriesByName("archdiag-first-diagram")[0].startTime);
  console.log(`# first diagram on screen ${t.toFixed(0)} ms after navigation`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("every control changes the diagram", async () => {
  const { page, errors, context } = await open();
  await page.selectOption("#service", "eks");
  await page.uncheck("input[name=hosting][value=ec2]");
  await page.check("input[name=hosting][value=fargate]");
  await page.waitForSelector('#diagram svg g[data-kind="pod"]');
  let k = await kinds(page);
  assert.ok(k.includes("fargate") && k.includes("api-server") && !k.includes("worker-node"), k.join());
  assert.match(await page.textContent("#diagram svg title"), /Amazon EKS on Fargate/);

  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector('#diagram svg g[data-kind="nodegroup"]');
  await page.selectOption("#registry", "nexus");
  await page.waitForFunction(() => document.querySelector("#diagram svg g[id$='-n-registry'] text")?.textContent === "Nexus registry");
  await page.fill("#workers", "5");
  await page.waitForFunction(() => document.querySelectorAll('#diagram g[data-kind="pod"][data-parent*="-n-fargate-az"]').length === 5);
  await page.fill("#azs", "3");
  await page.waitForFunction(() => document.querySelectorAll('#diagram g[data-kind="az"][data-parent$="-n-fargate"]').length === 3);
  await page.selectOption("#detail", "overview");
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="agent"]'));
  await page.uncheck("#responsibilities");
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="responsibilities"]'));
  await page.selectOption("#theme", "dark");
  await page.waitForFunction(() => document.querySelector("#diagram svg rect.ad-bg").getAttribute("fill") === "#0b1220");
  const tall = await page.$eval("#diagram svg", (s) => Number(s.getAttribute("height")) / Number(s.getAttribute("width")));
  await page.selectOption("#direction", "lr");
  await page.waitForFunction((r) => {
    const s = document.querySelector("#diagram svg");
    return Number(s.getAttribute("height")) / Number(s.getAttribute("width")) !== r;
  }, tall);
  await page.fill("#title", "Our platform");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.querySelector("#diagram svg title").textContent === "Our platform");
  const spec = await specOf(page);
  assert.deepEqual(
    { ...spec },
    { service: "eks", hosting: ["nodegroup", "fargate"], registry: "nexus", azs: 3, workers: 5, detail: "overview", responsibilities: false, theme: "dark", direction: "lr", title: "Our platform" },
  );
  k = await kinds(page);
  assert.equal(count(k, "pod"), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an invalid choice shows the error and keeps the last diagram", async () => {
  const { page, context } = await open();
  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error"), /node groups are an EKS feature/);
  assert.equal(await page.locator("#diagram svg").count(), 1);
  await page.uncheck("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error[hidden]", { state: "attached" });
  await context.close();
});

test("the JSON editor validates live and points at line and column", async () => {
  const { page, context } = await open();
  await page.fill("#spec", '{\n  "service": "ecs",\n  "hosting": "ec2",\n  "azs": 9\n}');
  await page.waitForFunction(() => document.querySelector("#spec-error").textContent.includes("line 4"));
  assert.match(await page.textContent("#spec-error"), /line 4, column 10: azs is 9; allowed: a whole number from 1 to 6/);
  assert.equal(await page.getAttribute("#spec", "aria-invalid"), "true");
  await page.fill("#spec", '{"service": "ecs",\n "hosting": }');
  await page.waitForFunction(() => document.querySelector("#spec-error").textContent.includes("not valid JSON"));
  assert.match(await page.textContent("#spec-error"), /line 2, column 13/);
  // A custom diagram from the editor.
  await page.fill("#spec", '{"nodes": [{"id": "a", "label": "Alpha"}, {"id": "b", "label": "Beta"}], "edges": [{"from": "a", "to": "b"}]}');
  await page.waitForFunction(() => document.querySelectorAll("#diagram g.ad-box").length === 2);
  assert.equal(await page.textContent("#spec-error"), "");
  await context.close();
});

test("permalink: the state is in the URL, restored on load, and back/forward work", async () => {
  const { page, context } = await open();
  await page.selectOption("#service", "eks");
  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector('#diagram g[data-kind="nodegroup"]');
  const link = page.url();
  assert.match(link, /#spec=/);
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForSelector("body[data-ready=true] #diagram svg");
  assert.equal(await other.inputValue("#service"), "eks");
  assert.ok(await other.isChecked("input[name=hosting][value=nodegroup]"));
  assert.equal(await other.innerHTML("#diagram"), await page.innerHTML("#diagram"));
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="nodegroup"]'));
  assert.ok(!(await page.isChecked("input[name=hosting][value=nodegroup]")));
  await page.goForward();
  await page.waitForSelector('#diagram g[data-kind="nodegroup"]');
  await context.close();
});

async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

test("Download SVG and PNG, Copy SVG and the embed snippet", async () => {
  const { page, context } = await open();
  const svg = await downloaded(page, "#download");
  assert.equal(svg.name, "archdiag.svg");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return { error: !!doc.querySelector("parsererror"), root: doc.documentElement.localName, width: Number(doc.documentElement.getAttribute("width")), height: Number(doc.documentElement.getAttribute("height")) };
  }, svg.bytes.toString());
  assert.deepEqual([parsed.error, parsed.root], [false, "svg"]);

  const png = await downloaded(page, "#download-png");
  assert.equal(png.name, "archdiag.png");
  assert.equal(png.bytes.subarray(1, 4).toString(), "PNG");
  const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
  assert.deepEqual([w, h], [Math.ceil(parsed.width * 2), Math.ceil(parsed.height * 2)]);
  const inked = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
    return n;
  }, png.bytes.toString("base64"));
  assert.ok(inked > 10000, `PNG is nearly blank (${inked} inked pixels)`);

  await page.click("#copy-svg");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "SVG copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), svg.bytes.toString());
  await page.click("#copy-embed");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Embed snippet copied");
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, /<script type="module" src="archdiag-docs.js"><\/script>/);
  assert.match(snippet, /<arch-diagram service="ecs" hosting="ec2"/);
  await context.close();
});

test("Compare draws all five combinations at one scale", async () => {
  const { page, errors, context } = await open();
  await page.click("#compare");
  await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 5);
  const shown = await page.$$eval("#compare-grid svg", (ss) =>
    ss.map((s) => ({ title: s.querySelector("title").textContent, ratio: Number(s.getAttribute("width")) / Number(s.getAttribute("viewBox").split(" ")[2]), managed: [...new Set([...s.querySelectorAll("[data-managed-by]")].map((g) => g.dataset.managedBy))] })),
  );
  assert.deepEqual(shown.map((s) => s.title), ["ECS + ec2", "ECS + fargate", "EKS + ec2", "EKS + nodegroup", "EKS + fargate"]);
  for (const s of shown) {
    assert.ok(Math.abs(s.ratio - shown[0].ratio) < 0.01, "one scale");
    assert.ok(s.managed.includes("aws"), "who manages what is visible");
  }
  assert.equal(await page.getAttribute("#compare", "aria-pressed"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the custom element and auto-render on the plain example page", async () => {
  const { page, errors, context } = await open("examples/plain.html");
  await page.waitForSelector("html[data-archdiag=drawn]");
  await page.waitForSelector("#element svg");
  await page.waitForSelector("#element-json svg");
  assert.equal(await page.locator("figure.archdiag svg").count(), 2, "two good blocks drawn");
  assert.match(await page.textContent("figure.archdiag .archdiag-error"), /node groups are an EKS feature/);
  assert.equal(await page.locator("pre.archdiag").count(), 0);
  // Attributes re-render.
  await page.evaluate(() => document.querySelector("#element").setAttribute("hosting", "ec2"));
  await page.waitForSelector('#element g[data-kind="worker-node"]');
  await page.evaluate(() => document.querySelector("#element").setAttribute("service", "ecs"));
  await page.waitForFunction(() => document.querySelector("#element svg title").textContent.includes("ECS"));
  await page.evaluate(() => document.querySelector("#element").setAttribute("hosting", "nodegroup"));
  await page.waitForSelector("#element .archdiag-error");
  assert.deepEqual(errors, []);
  await context.close();
});

test("auto-render on the page as mkdocs emits it", async () => {
  const { page, errors, context } = await open("examples/mkdocs.html");
  await page.waitForSelector("html[data-archdiag=drawn]");
  assert.equal(await page.locator("figure.archdiag svg").count(), 2);
  assert.match(await page.textContent("figure.archdiag .archdiag-error"), /not valid JSON at line 1/);
  assert.equal(await page.locator("code.language-json").count(), 1, "other code blocks untouched");
  assert.deepEqual(errors, []);
  await context.close();
});

test("under a strict Content-Security-Policy nothing is blocked", async () => {
  for (const path of ["", "examples/plain.html", "examples/mkdocs.html"]) {
    const { page, errors, context } = await open(path, strict);
    const header = await page.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
    assert.match(header, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
    if (path) await page.waitForSelector("html[data-archdiag=drawn]");
    else {
      await page.selectOption("#theme", "auto");
      await page.click("#compare");
      await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 5);
      await downloaded(page, "#download-png");
    }
    assert.ok((await page.locator("svg").count()) >= 2, path);
    assert.deepEqual(errors, [], `console errors on ${path || "the page"}`);
    await context.close();
  }
});

test("usable on a phone screen: nothing overflows sideways, controls stay reachable", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url(plain));
  await page.waitForSelector("body[data-ready=true] #diagram svg");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  const svgWidth = await page.$eval("#diagram svg", (s) => s.getBoundingClientRect().width);
  assert.ok(svgWidth <= 390, `diagram ${svgWidth}px wide`);
  await page.tap("#compare");
  await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 5);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1);
  await context.close();
});
