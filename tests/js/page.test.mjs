// End to end in headless Chromium (Debian's, driven by playwright-core): the page's controls, editor,
// permalink, downloads, copy buttons and Compare view; the custom element and auto-render on the plain
// example page; everything again under a strict Content-Security-Policy without a console error. Reports how
// long after navigation the first diagram is on screen (not asserted).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";
import { createRequire } from "node:module";
import { serve, CSP } from "../../scripts/serve.mjs";

let plain, strict, browser;

before(async () => {
  plain = await serve({ port: 0 });
  strict = await serve({ port: 0, csp: true });
  browser = await launch();
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
  assert.ok(k.includes("pod") && k.includes("api-server") && !k.includes("worker-node"), k.join());
  assert.match(await page.textContent("#diagram svg title"), /Amazon EKS on Fargate/);

  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector('#diagram svg g[data-kind="nodegroup"]');
  await page.selectOption("#registry", "nexus");
  await page.waitForFunction(() => document.querySelector("#diagram svg g[id$='-n-registry'] text")?.textContent === "Nexus registry");
  await page.fill("#workers", "5");
  await page.waitForFunction(() => document.querySelectorAll('#diagram g[data-kind="pod"][data-parent$="-private"]').length === 5);
  await page.fill("#azs", "3");
  await page.waitForFunction(() => document.querySelectorAll('#diagram g[data-kind="az"][data-parent$="-n-vpc"]').length === 3);
  await page.selectOption("#detail", "overview");
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="agent"]'));
  await page.uncheck("#responsibilities");
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="responsibilities"]'));
  await page.waitForSelector('#diagram g[data-kind="bundle"]');
  await page.uncheck("#bundles");
  await page.waitForFunction(() => !document.querySelector('#diagram g[data-kind="bundle"]'));
  await page.selectOption("#theme", "dark");
  await page.waitForFunction(() => document.querySelector("#diagram svg rect.ad-bg").getAttribute("fill") === "#121316");
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
    { service: "eks", hosting: ["nodegroup", "fargate"], registry: "nexus", azs: 3, workers: 5, detail: "overview", responsibilities: false, bundles: false, theme: "dark", direction: "lr", title: "Our platform" },
  );
  k = await kinds(page);
  assert.equal(count(k, "pod"), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an invalid choice shows the error and keeps the last diagram, marked as out of date", async () => {
  const { page, context } = await open();
  const look = () =>
    page.evaluate(() => {
      const svg = document.querySelector("#diagram svg");
      return { opacity: Number(getComputedStyle(svg).opacity), note: document.querySelector("#diagram .stale-note")?.textContent ?? null };
    });
  assert.deepEqual(await look(), { opacity: 1, note: null });
  await page.check("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error"), /Node group is an EKS feature/);
  assert.equal(await page.locator("#diagram svg").count(), 1);
  const stale = await look();
  assert.ok(stale.opacity < 0.5, `the old diagram is dimmed (opacity ${stale.opacity})`);
  assert.match(stale.note, /Out of date/);
  assert.ok(await page.isVisible("#diagram .stale-note"));
  await page.uncheck("input[name=hosting][value=nodegroup]");
  await page.waitForSelector("#error[hidden]", { state: "attached" });
  assert.deepEqual(await look(), { opacity: 1, note: null });
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

/** A context whose clipboard writes are recorded in `window.copied` (no system clipboard involved). */
async function recordingContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.copied = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (text) => void window.copied.push(String(text)), readText: async () => window.copied.at(-1) ?? "" },
    });
  });
  return context;
}

test("xss through Copy embed snippet: the issue's link copies nothing, a hostile title pastes as text", async () => {
  const context = await recordingContext();
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
  page.on("pageerror", (e) => errors.push(e.message));
  // The link, encoded as the page's own links are (remember(): URLSearchParams).
  const evil = '{"service":"ecs","hosting":"ec2","x><img src=x onerror=alert(1)>":1}';
  await page.goto(url(plain, `#${new URLSearchParams({ spec: evil })}`));
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get("spec")), evil);
  await page.click("#copy-embed");
  await page.waitForFunction(() => /not valid/.test(document.querySelector("#status").textContent));
  assert.match(await page.textContent("#status"), /unknown field "x><img src=x onerror=alert\(1\)>"/);
  const copied = await page.evaluate(() => window.copied);
  assert.deepEqual(copied, [], "nothing is copied for an invalid spec");
  assert.ok(!copied.some((t) => /onerror|<img/i.test(t)));
  assert.equal(await page.locator("img").count(), 0);

  // A valid spec whose title is markup: the snippet carries it as text, and so does a page it is pasted in.
  const title = '"><img src=x onerror=alert(1)>';
  await page.goto(url(plain, `#${new URLSearchParams({ spec: JSON.stringify({ service: "ecs", hosting: "ec2", title }) })}`));
  await page.reload();
  await page.waitForSelector("body[data-ready=true] #diagram svg");
  assert.equal(await page.textContent("#diagram svg title"), title);
  await page.click("#copy-embed");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Embed snippet copied");
  const [snippet] = await page.evaluate(() => window.copied);
  assert.match(snippet, /^<script type="module" src="archdiag-docs.js"><\/script>\n<arch-diagram [^<>]*><\/arch-diagram>$/);
  assert.ok(!snippet.includes("<img"), snippet);
  assert.equal(await page.locator("img").count(), 0);

  for (const server of [strict, plain]) {
    const fresh = await context.newPage();
    const freshErrors = [];
    fresh.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
    fresh.on("pageerror", (e) => freshErrors.push(e.message));
    fresh.on("console", (m) => m.type() === "error" && freshErrors.push(m.text()));
    const address = url(server, "paste-test.html");
    const headers = { "content-type": "text/html; charset=utf-8", ...(server === strict ? { "content-security-policy": CSP } : {}) };
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><script type="module" src="archdiag-docs.js"></script></head><body><main id="pasted"></main></body></html>';
    await fresh.route(address, (route) => route.fulfill({ status: 200, headers, body }));
    await fresh.goto(address);
    await fresh.waitForSelector("html[data-archdiag=drawn]");
    await fresh.evaluate((html) => (document.getElementById("pasted").innerHTML = html), snippet);
    await fresh.waitForSelector("#pasted arch-diagram svg");
    assert.equal(await fresh.locator("img").count(), 0, "no <img> element");
    assert.equal(await fresh.textContent("#pasted arch-diagram svg > title"), title, "the title drew as text");
    assert.equal(await fresh.$eval("#pasted arch-diagram", (e) => e.diagramTitle), title, "the element keeps the title (off its tooltip)");
    assert.equal(await fresh.getAttribute("#pasted arch-diagram", "title"), null);
    await fresh.waitForTimeout(200);
    assert.deepEqual(freshErrors, [], server === strict ? "strict page" : "plain page");
    await fresh.close();
  }
  assert.deepEqual(dialogs, [], "no dialog fired");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the editor marks a mistake after astral characters at the right place (code points vs UTF-16)", async () => {
  const cases = [
    // [spec as in the link, the text the mistake is at, how many UTF-16 units it spans]
    ['{"nodes":[{"id":"😀😀",]}', "]", 1],
    ['{"title": "🚀🚀 ship 🐳",\n "service": "ecs", "hosting": "ec2", "azs": 9}', "9", 1],
    ['{"service": "ecs", 🚀: 1}', "🚀", 2],
    // Compact JSON as the page writes it is shown spread over lines: the mark follows the shown text.
    ['{"service":"ecs","hosting":"ec2","title":"🚀🚀🚀","azs":9}', "9", 1],
  ];
  const context = await browser.newContext();
  for (const [spec, at, width] of cases) {
    const page = await context.newPage();
    await page.goto(url(plain, `#${new URLSearchParams({ spec })}`));
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForFunction(() => document.querySelector("#spec").getAttribute("aria-invalid") === "true");
    const got = await page.evaluate(() => {
      const e = document.querySelector("#spec");
      return { start: e.selectionStart, end: e.selectionEnd, value: e.value, where: document.querySelector("#spec-error").textContent };
    });
    const index = got.value.lastIndexOf(at);
    assert.ok(index > 0, `${at} in ${got.value}`);
    assert.deepEqual([got.start, got.end], [index, index + width], `${spec}: ${got.where}`);
    // The column shown is the core's, in code points, on the shown text's line.
    const before = got.value.slice(0, index).split("\n");
    assert.match(got.where, new RegExp(`^line ${before.length}, column ${[...before.at(-1)].length + 1}: `), got.where);
    await page.close();
  }
  await context.close();
});

test("theme auto: shown in the reader's scheme with the page's own ids, downloaded as the spec's own SVG", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ acceptDownloads: true, colorScheme });
    const page = await context.newPage();
    const spec = JSON.stringify({ service: "eks", hosting: "fargate", theme: "auto" });
    await page.goto(url(strict, `#${new URLSearchParams({ spec })}`));
    await page.waitForSelector("body[data-ready=true] #diagram svg");
    const shown = await page.$eval("#diagram svg", (s) => ({ id: s.id, style: !!s.querySelector("style"), bg: s.querySelector("rect.ad-bg").getAttribute("fill") }));
    assert.match(shown.id, /^archdiag-\d+$/);
    assert.equal(shown.style, false);
    assert.equal(shown.bg, colorScheme === "dark" ? "#121316" : "#ffffff");
    const svg = (await downloaded(page, "#download")).bytes.toString();
    const own = createRequire(import.meta.url)("../../pkg/node/archdiag.js").render(spec);
    assert.equal(svg, own, "the download is render(spec) with no page options");
    assert.match(svg, /<style>/);
    await context.close();
  }
});

test("the menu of example architectures puts one in the editor and draws it", async () => {
  const { page, errors, context } = await open();
  await page.waitForSelector("#example option:nth-child(2)", { state: "attached" });
  const names = await page.$$eval("#example option", (os) => os.slice(1).map((o) => o.textContent));
  assert.ok(names.includes("ecs-fargate-alb") && names.includes("eks-karpenter"), names.join());
  await page.selectOption("#example", { label: "ecs-fargate-alb" });
  await page.waitForSelector('#diagram svg g[data-kind="load-balancer"]');
  assert.match(await page.textContent("#diagram svg title"), /shop \(Amazon ECS\) in eu-west-1/);
  assert.match(await page.inputValue("#spec"), /"architecture"/);
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /architecture/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Compare draws every combination the field table allows at one scale", async () => {
  const { page, errors, context } = await open();
  await page.click("#compare");
  await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 7);
  const shown = await page.$$eval("#compare-grid svg", (ss) =>
    ss.map((s) => ({ title: s.querySelector("title").textContent, ratio: Number(s.getAttribute("width")) / Number(s.getAttribute("viewBox").split(" ")[2]), managed: [...new Set([...s.querySelectorAll("[data-managed-by]")].map((g) => g.dataset.managedBy))] })),
  );
  assert.deepEqual(shown.map((s) => s.title), [
    "ECS + ec2", "ECS + managed-instances", "ECS + fargate", "EKS + ec2", "EKS + nodegroup", "EKS + auto-mode", "EKS + fargate",
  ]);
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
  assert.match(await page.textContent("figure.archdiag .archdiag-error"), /Node group is an EKS feature/);
  assert.equal(await page.locator("pre.archdiag:visible").count(), 0, "each block hidden behind its figure");
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

test("under a strict Content-Security-Policy nothing is blocked", async () => {
  // (The real-tool fixtures carry inline scripts of their own, which this CSP blocks: tests/js/stacks.test.mjs.)
  for (const path of ["", "examples/plain.html"]) {
    const { page, errors, context } = await open(path, strict);
    const header = await page.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
    assert.match(header, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
    if (path) await page.waitForSelector("html[data-archdiag=drawn]");
    else {
      await page.selectOption("#theme", "auto");
      await page.click("#compare");
      await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 7);
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
  await page.waitForFunction(() => document.querySelectorAll("#compare-grid svg").length === 7);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1);
  await context.close();
});
