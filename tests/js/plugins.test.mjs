// The build-time plugins of the npm package (dist/npm, from scripts/package.mjs): archdiag/remark in a
// real unified pipeline and in MDX (@mdx-js/mdx, as Docusaurus runs it), archdiag/rehype, and
// archdiag/markdown-it in real markdown-it. The SVG is the core's, byte for byte, for the spec and id
// prefix; every diagram has ids of its own on its page; a bad block is an escaped error paragraph and a
// warning naming file and line (or fails with `strict`); hostile labels add no markup; other code blocks
// are untouched; the plugins' types compile in a Node-only project, with unified's and markdown-it's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, symlinkSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import rehypeParse from "rehype-parse";
import rehypeRaw from "rehype-raw";
import MarkdownIt from "markdown-it";
import { compile } from "@mdx-js/mdx";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PKG = join(ROOT, "dist", "npm");
const { render } = await import(join(PKG, "pkg", "node", "index.mjs"));
const { default: remarkArchdiag } = await import(join(PKG, "archdiag-remark.mjs"));
const { default: rehypeArchdiag } = await import(join(PKG, "archdiag-rehype.mjs"));
const { default: markdownItArchdiag } = await import(join(PKG, "archdiag-markdown-it.mjs"));
const { pagePrefix } = await import(join(PKG, "archdiag-blocks.mjs"));

const EKS = '{"service": "eks", "hosting": "fargate"}';
const ECS_DARK = '{"service": "ecs", "hosting": "ec2", "theme": "dark"}';
const BAD = '{"service": "ecs", "hosting": "fargate",}';
const HOSTILE = JSON.stringify({
  title: "</svg><script>alert(1)</script>",
  groups: [{ id: "g", label: "</svg><script>alert(1)</script>" }],
  nodes: [{ id: "a", label: "<img src=x onerror=alert(1)> {{ 7 * 7 }}", parent: "g" }],
  edges: [],
});
const fence = (lang, text) => "```" + lang + "\n" + text + "\n```\n";
const DOC = ["# Page", "", fence("archdiag", EKS), fence("archdiag", EKS), fence("archdiag", ECS_DARK), fence("archdiag", BAD), fence("archdiag", HOSTILE), fence("json", EKS)].join("\n");
const BAD_LINE = DOC.split("\n").indexOf(BAD); // the fence opens on the line above: 1-based, that is this index

const svg = (text, prefix, prefers) => render(text, JSON.stringify({ id_prefix: prefix, prefers }));
const pair = (text, prefix) =>
  `<figure class="archdiag archdiag-schemes"><div class="archdiag-light">${svg(text, prefix, "light")}</div><div class="archdiag-dark" hidden>${svg(text, `${prefix}-dark`, "dark")}</div></figure>`;
const ERROR = '<figure class="archdiag" data-error=""><p class="archdiag-error" role="alert">archdiag: spec is not valid JSON at line 1, column 41: trailing comma</p></figure>';

/** What every plugin must produce for DOC, with the page's prefix P. */
function checkPage(out, P, { vPre = "" } = {}) {
  assert.ok(out.includes(pair(EKS, `${P}-1`).replace("<figure class=\"archdiag archdiag-schemes\"", `<figure class="archdiag archdiag-schemes"${vPre}`)), "block 1: light and dark, the core's bytes");
  assert.ok(out.includes(pair(EKS, `${P}-2`).replace("<figure class=\"archdiag archdiag-schemes\"", `<figure class="archdiag archdiag-schemes"${vPre}`)), "block 2, same spec: ids of its own");
  assert.ok(out.includes(`<figure class="archdiag"${vPre}>${svg(ECS_DARK, `${P}-3`, "dark")}</figure>`), "a fixed theme: one drawing");
  assert.ok(out.includes(ERROR.replace('data-error=""', `data-error=""${vPre}`)), "the bad block: its message in place");
  assert.ok(out.includes(pair(HOSTILE, `${P}-5`).replace("<figure class=\"archdiag archdiag-schemes\"", `<figure class="archdiag archdiag-schemes"${vPre}`)), "hostile labels: the core's escaped SVG");
  assert.ok(!/<script|<img|onerror=alert\(1\)>/.test(out.replace(/&lt;[^&]*&gt;/g, "")), "no markup from a label");
  const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "every id once on the page");
}

const quietly = async (f) => {
  const warn = console.warn;
  const lines = [];
  console.warn = (line) => lines.push(line);
  try {
    return { result: await f(), lines };
  } finally {
    console.warn = warn;
  }
};

test("remark → rehype → HTML: the core's SVGs, ids of their own, the error in place, a warning with file and line", async () => {
  const { result: file, lines } = await quietly(() =>
    unified().use(remarkParse).use(remarkArchdiag).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).process({ path: "docs/page.md", value: DOC }),
  );
  const out = String(file);
  checkPage(out, pagePrefix("docs/page.md"));
  assert.match(pagePrefix("docs/page.md"), /^ad-[0-9a-f]{6}$/);
  assert.ok(out.includes(`<pre><code class="language-json">${EKS}\n</code></pre>`), "the json block untouched");
  assert.deepEqual(lines, [`archdiag: docs/page.md:${BAD_LINE}: spec is not valid JSON at line 1, column 41: trailing comma`]);
  assert.equal(file.messages.length, 1);
  assert.equal(file.messages[0].line, BAD_LINE);
  // Through rehype-raw (Astro's pipeline): the same tree, parsed.
  const raw = String(await quietly(() => unified().use(remarkParse).use(remarkArchdiag).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify).process(DOC)).then((r) => r.result));
  assert.ok(!/<script/.test(raw) && raw.includes('<figure class="archdiag archdiag-schemes">') && raw.includes("&#x3C;/svg>&#x3C;script>"));
});

test("strict: a bad block fails with file and line", async () => {
  const run = (plugin) => unified().use(remarkParse).use(plugin, { strict: true }).use(remarkRehype).use(rehypeStringify).process({ path: "a.md", value: DOC });
  await assert.rejects(run(remarkArchdiag), { message: `archdiag: a.md:${BAD_LINE}: spec is not valid JSON at line 1, column 41: trailing comma` });
  const md = new MarkdownIt().use(markdownItArchdiag, { strict: true });
  assert.throws(() => md.render(DOC, { relativePath: "a.md" }), { message: `archdiag: a.md:${BAD_LINE}: spec is not valid JSON at line 1, column 41: trailing comma` });
  await assert.rejects(compile({ path: "a.mdx", value: DOC }, { remarkPlugins: [[remarkArchdiag, { strict: true }]] }), /archdiag: a\.mdx:\d+: spec is not valid JSON/);
});

test("idPrefix names the page's prefix; quiet keeps the console clear", async () => {
  const { result, lines } = await quietly(() => unified().use(remarkParse).use(remarkArchdiag, { idPrefix: "fig", quiet: true }).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).process(DOC));
  checkPage(String(result), "fig");
  assert.deepEqual(lines, []);
});

test("schemes: one drawing for a site with one scheme; a wrong value is refused at once", async () => {
  const md = new MarkdownIt().use(markdownItArchdiag, { schemes: ["dark"], vPre: false, idPrefix: "s" });
  assert.equal(md.render(fence("archdiag", EKS)), `<figure class="archdiag">${svg(EKS, "s-1", "dark")}</figure>\n`);
  const light = String(await unified().use(remarkParse).use(remarkArchdiag, { schemes: ["light"], idPrefix: "s" }).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).process(fence("archdiag", EKS)));
  assert.equal(light, `<figure class="archdiag">${svg(EKS, "s-1", "light")}</figure>`);
  for (const schemes of [[], ["auto"], ["dark", "dark"], "dark"]) {
    assert.throws(() => new MarkdownIt().use(markdownItArchdiag, { schemes }), /schemes must be/);
    assert.throws(() => remarkArchdiag({ schemes }), /schemes must be/);
  }
});

test("MDX (@mdx-js/mdx, md and mdx formats): one JSX figure whose inner HTML is the core's markup", async () => {
  for (const format of ["mdx", "md"]) {
    for (const [stage, options] of [["remark", { remarkPlugins: [[remarkArchdiag, { quiet: true }]] }], ["rehype", { rehypePlugins: [[rehypeArchdiag, { quiet: true }]] }]]) {
      const js = String(await compile({ path: "docs/page.mdx", value: DOC }, { format, ...options }));
      const inner = [...js.matchAll(/dangerouslySetInnerHTML: \{\s*__html: ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]));
      assert.equal(inner.length, 5, `${format}, ${stage}: five figures`);
      const P = pagePrefix("docs/page.mdx");
      const pairInner = (text, prefix) => pair(text, prefix).replace(/^<figure[^>]*>/, "").replace(/<\/figure>$/, "");
      assert.equal(inner[0], pairInner(EKS, `${P}-1`), `${format}, ${stage}`);
      assert.equal(inner[1], pairInner(EKS, `${P}-2`));
      assert.equal(inner[2], svg(ECS_DARK, `${P}-3`, "dark"));
      assert.equal(inner[3], ERROR.replace(/^<figure[^>]*>/, "").replace(/<\/figure>$/, ""));
      assert.equal(inner[4], pairInner(HOSTILE, `${P}-5`));
      assert.match(js, /className: "archdiag archdiag-schemes"/);
      assert.match(js, /_jsx\("figure", \{/, "a plain figure, not the site's MDX component for figure");
      assert.match(js, /"data-error": ""/);
      assert.match(js, /className: "language-json"/, "the json block stays a code block");
    }
  }
});

test("MDX compiled by Astro (vfile data.astro): the inner HTML as Astro's set:html", async () => {
  const js = String(await compile({ path: "p.mdx", value: fence("archdiag", EKS), data: { astro: { frontmatter: {} } } }, { remarkPlugins: [remarkArchdiag], jsxImportSource: "astro", elementAttributeNameCase: "html" }));
  const inner = [...js.matchAll(/"set:html": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]));
  assert.deepEqual(inner, [pair(EKS, `${pagePrefix("p.mdx")}-1`).replace(/^<figure[^>]*>/, "").replace(/<\/figure>$/, "")]);
  assert.doesNotMatch(js, /dangerouslySetInnerHTML/);
});

test("rehype on HTML: <pre><code class=language-archdiag> and <pre class=archdiag> drawn, others untouched", async () => {
  const page = `<h1>x</h1><pre><code class="language-archdiag">${EKS}</code></pre><pre class="archdiag">${EKS}</pre><pre><code class="language-json">${EKS}</code></pre>`;
  const out = String(await unified().use(rehypeParse, { fragment: true }).use(rehypeArchdiag, { idPrefix: "h" }).use(rehypeStringify, { allowDangerousHtml: true }).process(page));
  assert.ok(out.includes(pair(EKS, "h-1")) && out.includes(pair(EKS, "h-2")));
  assert.ok(out.includes('<pre><code class="language-json">'));
});

test("markdown-it: the core's SVGs with v-pre (Vue templates), ids per page, other fences as before", async () => {
  const md = new MarkdownIt().use(markdownItArchdiag);
  const { result: out, lines } = await quietly(() => md.render(DOC, { relativePath: "guide/page.md" }));
  checkPage(out, pagePrefix("guide/page.md"), { vPre: " v-pre" });
  assert.ok(out.includes(new MarkdownIt().render(fence("json", EKS))), "the json fence as markdown-it renders it");
  assert.deepEqual(lines, [`archdiag: guide/page.md:${BAD_LINE}: spec is not valid JSON at line 1, column 41: trailing comma`]);
  // A second page (another env) starts again at 1, under its own path's prefix; vPre: false for other sites.
  const other = new MarkdownIt().use(markdownItArchdiag, { vPre: false, quiet: true }).render(fence("archdiag", EKS));
  assert.equal(other, pair(EKS, "ad-page-1") + "\n");
});

test("the plugins' types compile in a Node-only project (strict, skipLibCheck false), with unified's and markdown-it's", () => {
  // Inside the repository, so that unified, markdown-it and their types resolve from its node_modules.
  mkdirSync(join(ROOT, "target"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "target", "plugin-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(PKG, join(dir, "node_modules", "archdiag"), "dir");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022"], types: ["node"] }, files: ["use.mts"] }),
    );
    writeFileSync(
      join(dir, "use.mts"),
      `import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import MarkdownIt from "markdown-it";
import remarkArchdiag, { type ArchdiagPluginOptions } from "archdiag/remark";
import rehypeArchdiag from "archdiag/rehype";
import markdownItArchdiag from "archdiag/markdown-it";
const options: ArchdiagPluginOptions = { strict: true, idPrefix: "fig", quiet: false, schemes: ["light"] };
const html: string = String(await unified().use(remarkParse).use(remarkArchdiag, options).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeArchdiag).use(rehypeStringify, { allowDangerousHtml: true }).process("x"));
const md = new MarkdownIt().use(markdownItArchdiag, { vPre: false });
const out: string = md.render("x") + html;
// @ts-expect-error: options are typed
unified().use(remarkArchdiag, { strict: "yes" });
// @ts-expect-error: so are the schemes
unified().use(remarkArchdiag, { schemes: ["auto"] });
export { out };
`,
    );
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout ?? ""}${e.stderr ?? ""}${e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
