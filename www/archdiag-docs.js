// Auto-render for documentation pages: one <script type="module" src=".../archdiag-docs.js"> draws every
// archdiag code block in the forms the common docs stacks emit (the table BLOCKS below), also blocks that
// arrive later (client-side navigation), in the site's colour scheme, redrawn when it changes. Guarantees:
// a block's text goes to the core as written, and only the core's SVG is ever parsed as markup; a bad
// block shows its error message in place and the others still draw; a core that cannot load says so in
// place of every block; the original block stays in the page, hidden, so a framework that owns the DOM
// (React, Vue) finds its nodes where it left them; each diagram gets ids of its own on the page.
// It also defines <arch-diagram>.
import { check } from "./pkg/archdiag.js";
import { ready, drawInto, onSchemeChange, adoptStyle, errorMessage, loadFailure } from "./archdiag-element.js";

/** Where each stack puts a fenced ```archdiag block: any element matching one of these marks one. */
export const BLOCKS = [
  { selector: "pre.archdiag", emittedBy: "plain HTML" },
  {
    selector: ".language-archdiag",
    emittedBy:
      "CommonMark renderers, mkdocs (with or without pymdownx), Docusaurus (prism), Jekyll (kramdown + rouge), VitePress (shiki), mdBook, Hugo",
  },
  { selector: ".lang-archdiag", emittedBy: "markdown-it with a lang- prefix, marked" },
  { selector: '[data-lang="archdiag"]', emittedBy: "Hugo (chroma)" },
  { selector: '[data-language="archdiag"]', emittedBy: "Astro (shiki), rehype-pretty-code" },
  { selector: ".highlight-archdiag", emittedBy: "Sphinx (pygments)" },
];
const MARKER = BLOCKS.map((b) => b.selector).join(", ");
/** What a highlighter wraps one code block in; a block is its outermost such wrapper holding one <pre>. */
const WRAPPER = `pre, div.highlight, div.codehilite, div.highlighter-rouge, div[class*="codeBlock"], ${MARKER}`;
/** Parts of a highlighted block that are not its text: line numbers, copy buttons, language labels. */
const NOT_TEXT = 'button, .linenos, .lineno, .linenodiv, [class*="LineNumber"]';
const DRAWN = "data-archdiag-source";
export { ready };

/** Server-rendered roots that a framework hydrates after load. A block inside one is drawn once the
 * framework has taken it over, so that hydration finds the DOM the server rendered: React hydrates node
 * by node, later (`on: "block"`: the block's node carries React's key), Vue all at once when it mounts
 * (`on: "root"`: the root carries the app). Blocks rendered later (client-side navigation) pass at once.
 * `when`: the root is that framework's only on a page holding this. */
export const HYDRATED = [
  { root: "#__docusaurus", emittedBy: "Docusaurus (React)", key: "__reactFiber$", on: "block" },
  { root: "#__next", emittedBy: "Next.js (React)", key: "__reactFiber$", on: "block" },
  { root: "#___gatsby", emittedBy: "Gatsby (React)", key: "__reactFiber$", on: "block" },
  { root: "#app", when: 'meta[name="generator"][content^="VitePress"]', emittedBy: "VitePress (Vue)", key: "__vue_app__", on: "root" },
  { root: "#__nuxt", emittedBy: "Nuxt (Vue)", key: "__vue_app__", on: "root" },
];
/** How long to wait for a framework to hydrate before drawing anyway. */
const HYDRATION_WAIT_MS = 5000;

/** Resolves when `block` is safe to change: null at once, or a promise kept once its framework has
 * hydrated it (or after HYDRATION_WAIT_MS). */
function hydrated(block) {
  const framework = HYDRATED.find((h) => block.closest(h.root) && (!h.when || document.querySelector(h.when)));
  if (!framework) return null;
  const node = framework.on === "root" ? block.closest(framework.root) : block;
  const start = performance.now();
  return new Promise((ok) => {
    const look = () => {
      if (Object.keys(node).some((k) => k.startsWith(framework.key)) || performance.now() - start > HYDRATION_WAIT_MS) ok();
      else setTimeout(look, 20);
    };
    look();
  });
}

/** Every figure drawn here with its block, redrawn (keeping its ids) when the reader's scheme changes. */
const drawn = new Map();

/** The block a marker belongs to: the outermost wrapper around it that holds no other code block. */
function blockOf(marker) {
  let block = marker;
  while (block.parentElement?.matches(WRAPPER) && block.parentElement.querySelectorAll("pre").length <= 1) {
    block = block.parentElement;
  }
  return block;
}

/** A block's text as written: its code's text nodes, line breaks for <br>, without line numbers or buttons. */
export function blockText(block) {
  const source = block.querySelector("code") ?? block.querySelector("pre") ?? block;
  let text = "";
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === "BR") text += "\n";
        else if (!child.matches(NOT_TEXT)) walk(child);
      }
    }
  };
  walk(source);
  return text;
}

/** Code blocks that lost their language: mkdocs-material's documented setup (pymdownx.highlight) has no
 * lexer for archdiag, so Pygments writes `language-text`, or no language at all. Nothing says such a
 * block is archdiag, so it is drawn only when its whole text is a valid spec (a JSON object with
 * `service` and `hosting`, or with `nodes`), never to show an error. */
const UNMARKED = 'div.language-text.highlight, div.highlight:not([class*="language-"])';
/** Python-Markdown's fenced_code in a list or an admonition: the fence becomes inline code in a paragraph,
 * its first line the language. */
const INLINE_FENCE = "p > code:only-child";

/** Whether `el`, an UNMARKED candidate, says nothing of another language, inside or around it. */
function languageless(el) {
  // Sphinx (div.highlight-json) and Jekyll (div.language-json.highlighter-rouge) name it on the wrapper.
  if (el.parentElement?.matches('[class*="highlight-"], [class*="language-"]:not(.language-text), [data-lang], [data-language]')) return false;
  return !el.querySelector('[class*="language-"], [class*="lang-"], [data-lang], [data-language]');
}

/** Whether text that nothing marks as archdiag is, by itself, a valid archdiag spec. */
function isSpec(text) {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return false;
  try {
    const spec = JSON.parse(t);
    if (!(("service" in spec && "hosting" in spec) || Array.isArray(spec.nodes))) return false;
    return JSON.parse(check(t)).ok === true;
  } catch {
    return false;
  }
}

/** The archdiag blocks under `root` not drawn yet, in document order, each once, with their text. */
function blocksUnder(root) {
  const found = [];
  const taken = (el) => el.closest(`arch-diagram, figure.archdiag, [${DRAWN}]`) || found.some((f) => f.block.contains(el));
  const all = (selector) => [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];
  for (const marker of all(MARKER)) {
    if (taken(marker)) continue;
    const block = blockOf(marker);
    if (!found.some((f) => f.block === block)) found.push({ block, text: blockText(block) });
  }
  for (const code of all(INLINE_FENCE)) {
    if (taken(code) || !code.textContent.startsWith("archdiag\n")) continue;
    found.push({ block: code.parentElement, text: code.textContent.slice("archdiag\n".length) });
  }
  for (const block of all(UNMARKED)) {
    if (taken(block) || !languageless(block)) continue;
    const text = blockText(block);
    if (isSpec(text)) found.push({ block, text });
  }
  return found.sort((a, b) => (a.block.compareDocumentPosition(b.block) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** A figure before `block` (hidden, kept as the source) holding its diagram or its error. */
function figureFor(block) {
  const figure = document.createElement("figure");
  figure.className = "archdiag";
  block.setAttribute(DRAWN, "");
  block.before(figure);
  return figure;
}

/** Draws every archdiag block under `root` not drawn yet; resolves to how many it drew. */
export async function renderAll(root = document) {
  adoptStyle();
  let failed = null;
  try {
    await ready;
  } catch (e) {
    failed = e;
  }
  // A framework that re-rendered a block (Docusaurus swaps its code blocks after hydration) left the
  // figure of the old one behind: it goes, and the new block gets its own.
  for (const [figure, { block }] of drawn) {
    if (!block.isConnected) {
      figure.remove();
      drawn.delete(figure);
    }
  }
  const blocks = blocksUnder(root);
  const waits = blocks.map(({ block }) => hydrated(block));
  if (waits.some(Boolean)) await Promise.all(waits);
  for (const { block, text } of blocks) {
    if (!block.isConnected || block.hasAttribute(DRAWN)) continue;
    const figure = figureFor(block);
    if (failed) {
      figure.replaceChildren(errorMessage(loadFailure(failed)));
      figure.setAttribute("data-error", "");
      continue;
    }
    drawInto(figure, text);
    drawn.set(figure, { block, text });
  }
  document.documentElement.dataset.archdiag = failed ? "failed" : "drawn";
  return blocks.length;
}

/** Redraws every figure on the page in the reader's scheme now (forgetting those no longer in it). */
function redrawAll() {
  for (const [figure, { text }] of drawn) {
    if (figure.isConnected) drawInto(figure, text);
    else drawn.delete(figure);
  }
}

// Blocks added later (mkdocs-material's instant navigation, Docusaurus, VitePress and Astro client
// routing, any script) are drawn in the same task they arrive in. Only what was added is looked at, and
// nothing this module or the element drew (a figure's SVG would otherwise start another pass).
if (typeof document !== "undefined") {
  const added = new Set();
  const observer = new MutationObserver((records) => {
    const first = added.size === 0;
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE && !n.closest("figure.archdiag, arch-diagram")) added.add(n);
    }
    if (!first || added.size === 0) return;
    queueMicrotask(() => {
      const underAnother = (n) => {
        for (let p = n.parentElement; p; p = p.parentElement) if (added.has(p)) return true;
        return false;
      };
      const roots = [...added].filter((n) => n.isConnected && !underAnother(n));
      added.clear();
      for (const root of roots) renderAll(root);
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  onSchemeChange(redrawAll);
  // No top-level await, so bundlers targeting ES2020 can take this module.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => renderAll(), { once: true });
  else renderAll();
}
