// Auto-render for documentation pages: one <script type="module" src=".../archdiag-docs.js"> turns every
// <pre class="archdiag"> and every fenced ```archdiag block (<code class="language-archdiag">, as mkdocs,
// Docusaurus and mdBook emit it) into its SVG. A bad block shows its error message; the others still draw.
// It also defines <arch-diagram>.
import { ready, drawInto } from "./archdiag-element.js";

const SELECTOR = "pre.archdiag, code.language-archdiag, code.lang-archdiag";

export async function renderAll(root = document) {
  await ready;
  const blocks = [...root.querySelectorAll(SELECTOR)];
  for (const block of blocks) {
    // A fenced block is <pre><code>: replace the whole <pre> (and a highlighter's wrapper, if any).
    let target = block.tagName === "CODE" && block.parentElement?.tagName === "PRE" ? block.parentElement : block;
    if (target.parentElement?.matches("div.highlight, div.codehilite, div.language-archdiag")) target = target.parentElement;
    const figure = document.createElement("figure");
    figure.className = "archdiag";
    drawInto(figure, block.textContent);
    target.replaceWith(figure);
  }
  document.documentElement.dataset.archdiag = "drawn";
  return blocks.length;
}

await renderAll();
