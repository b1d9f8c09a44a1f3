// Auto-render for documentation pages: one <script type="module" src=".../archdiag-docs.js"> turns every
// <pre class="archdiag"> and every fenced ```archdiag block (<code class="language-archdiag">, as mkdocs,
// Docusaurus and mdBook emit it) into its SVG. A bad block shows its error message; the others still draw.
// Each block's text goes to the core as it is; each diagram gets ids of its own on the page, and a spec
// without a theme (or with `auto`) follows the reader's light or dark scheme. It also defines <arch-diagram>.
import { ready, drawInto } from "./archdiag-element.js";

const SELECTOR = "pre.archdiag, code.language-archdiag, code.lang-archdiag";
/** Every figure drawn here with its spec text, redrawn (keeping its ids) when the reader's scheme changes. */
const drawn = new Map();

globalThis.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", () => {
  for (const [figure, text] of drawn) {
    if (figure.isConnected) drawInto(figure, text);
    else drawn.delete(figure);
  }
});

export async function renderAll(root = document) {
  await ready;
  const blocks = [...root.querySelectorAll(SELECTOR)];
  for (const block of blocks) {
    // A fenced block is <pre><code>: replace the whole <pre> (and a highlighter's wrapper, if any).
    let target = block.tagName === "CODE" && block.parentElement?.tagName === "PRE" ? block.parentElement : block;
    if (target.parentElement?.matches("div.highlight, div.codehilite, div.language-archdiag")) target = target.parentElement;
    const figure = document.createElement("figure");
    figure.className = "archdiag";
    const text = block.textContent;
    drawInto(figure, text);
    drawn.set(figure, text);
    target.replaceWith(figure);
  }
  document.documentElement.dataset.archdiag = "drawn";
  return blocks.length;
}

await renderAll();
