// archdiag/rehype: a rehype plugin (unified, HTML trees) that replaces every archdiag code block,
// `<pre><code class="language-archdiag">` (what remark-rehype and most Markdown tools emit) or
// `<pre class="archdiag">`, with its diagram drawn at build time in Node: for pipelines that start from
// HTML (rehype-parse) or add highlighting as rehype plugins. Outside MDX the figure is one `raw` node:
// serialize with `rehype-stringify` `{allowDangerousHtml: true}` (or run `rehype-raw` after it). In an
// MDX pipeline (a raw node is dropped there) it is an MDX JSX figure as archdiag/remark makes it; in MDX,
// prefer archdiag/remark. What the figure holds, its ids and its error form: see archdiag-blocks.mjs.
import { LANG, draw, schemesOption, figureHtml, pagePrefix, warning } from "./archdiag-blocks.mjs";
import { figureNode, inAstro } from "./archdiag-remark.mjs";

const classes = (node) => {
  const c = node.properties?.className;
  return Array.isArray(c) ? c : typeof c === "string" ? c.split(/\s+/) : [];
};

/** The element holding an archdiag block's text, if `node` is the `<pre>` of one. */
function sourceOf(node) {
  if (node.type !== "element" || node.tagName !== "pre") return null;
  if (classes(node).includes(LANG)) return node;
  const elements = node.children.filter((c) => c.type === "element");
  if (elements.length === 1 && elements[0].tagName === "code" && classes(elements[0]).includes(`language-${LANG}`)) return elements[0];
  return null;
}

/** The text of a hast subtree (its text nodes, as the parser decoded them). */
function textOf(node) {
  if (node.type === "text") return node.value;
  return Array.isArray(node.children) ? node.children.map(textOf).join("") : "";
}

/** Whether this processor compiles to JavaScript through MDX (where raw HTML nodes are dropped). */
function inMdx(processor) {
  return (processor?.attachers ?? []).some(([plugin]) => plugin?.name === "rehypeRecma");
}

/** Options as archdiag/remark's: `strict`, `idPrefix`, `quiet`, `schemes`. */
export default function rehypeArchdiag(options = {}) {
  const { strict = false, idPrefix, quiet = false, schemes: chosen } = options ?? {};
  const schemes = schemesOption(chosen);
  const processor = this;
  return (tree, file) => {
    const mdx = inMdx(processor);
    const path = file?.path;
    const cwd = file?.cwd ?? process.cwd();
    const prefix = pagePrefix(path, { cwd, base: idPrefix });
    let count = 0;
    const walk = (parent) => {
      const children = parent.children;
      if (!Array.isArray(children)) return;
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        const source = sourceOf(node);
        if (!source) {
          walk(node);
          continue;
        }
        count += 1;
        // A Markdown code block's text ends with the newline remark-rehype adds; the core ignores it.
        const drawn = draw(textOf(source), `${prefix}-${count}`, schemes);
        if (drawn.error !== null) {
          const line = node.position?.start?.line;
          const text = warning(path, line, drawn.error, cwd);
          if (strict) {
            if (typeof file?.fail === "function") file.fail(text, node, "archdiag:render");
            throw new Error(text);
          }
          file?.message?.(drawn.error, node, "archdiag:render");
          if (!quiet) console.warn(text);
        }
        children[i] = mdx ? figureNode(drawn, node.position, { astro: inAstro(file) }) : { type: "raw", value: figureHtml(drawn), position: node.position };
      }
    };
    walk(tree);
  };
}
