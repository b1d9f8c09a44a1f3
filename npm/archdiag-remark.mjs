// archdiag/remark: a remark plugin (unified) that replaces every ```archdiag code block with its
// diagram, drawn at build time in Node: the SVG is in the page's HTML and readers load no script.
// Works in plain unified pipelines (remark-rehype → rehype-stringify, Astro's Markdown) and in MDX
// (Docusaurus, @mdx-js/mdx), where a raw HTML node is dropped or refused: each block becomes one node
// that both understand, an MDX JSX `<figure className=… dangerouslySetInnerHTML={{__html: …}}/>` (in
// Astro's MDX, whose runtime is not React's: `set:html=…`) that also carries hast data
// (`hName`/`hChildren`) for mdast-util-to-hast. What the figure holds, its ids
// and its error form: see archdiag-blocks.mjs.
import { LANG, draw, schemesOption, pagePrefix, warning } from "./archdiag-blocks.mjs";

/** An MDX JSX attribute whose value is the expression `{__html: HTML}`, with the estree MDX compiles. */
function innerHtmlAttribute(html) {
  const estree = {
    type: "Program",
    sourceType: "module",
    comments: [],
    body: [
      {
        type: "ExpressionStatement",
        expression: {
          type: "ObjectExpression",
          properties: [
            {
              type: "Property",
              kind: "init",
              method: false,
              shorthand: false,
              computed: false,
              key: { type: "Identifier", name: "__html" },
              value: { type: "Literal", value: html, raw: JSON.stringify(html) },
            },
          ],
        },
      },
    ],
  };
  return {
    type: "mdxJsxAttribute",
    name: "dangerouslySetInnerHTML",
    value: { type: "mdxJsxAttributeValueExpression", value: `{__html: ${JSON.stringify(html)}}`, data: { estree } },
  };
}

/** Whether a file is compiled by Astro (which puts `data.astro` on every Markdown and MDX file): its
 * JSX runtime takes inner HTML as `set:html`, not React's `dangerouslySetInnerHTML`. */
export const inAstro = (file) => typeof file?.data?.astro === "object" && file.data.astro !== null;

/** The node that stands for one drawn block, in mdast (MDX JSX, with hast data for non-MDX pipelines).
 * `astro`: inner HTML as Astro's `set:html` attribute. */
export function figureNode(drawn, position, { astro = false } = {}) {
  const attributes = [{ type: "mdxJsxAttribute", name: "className", value: drawn.className }];
  const hProperties = { className: drawn.className.split(" ") };
  if (drawn.error !== null) {
    attributes.push({ type: "mdxJsxAttribute", name: "data-error", value: "" });
    hProperties.dataError = "";
  }
  attributes.push(astro ? { type: "mdxJsxAttribute", name: "set:html", value: drawn.inner } : innerHtmlAttribute(drawn.inner));
  return {
    type: "mdxJsxFlowElement",
    name: "figure",
    attributes,
    children: [],
    position,
    // _mdxExplicitJsx: MDX treats it as JSX written in the page, a plain <figure> that a site's MDX
    // components (a `figure` of its own) do not replace.
    data: { _mdxExplicitJsx: true, hName: "figure", hProperties, hChildren: [{ type: "raw", value: drawn.inner }] },
  };
}

/**
 * Options: `strict` (fail the build on a bad block instead of a warning), `idPrefix` (the page's id
 * prefix instead of `ad-` and a hash of its path; diagrams are PREFIX-1, PREFIX-2, …), `quiet` (no
 * warning on the console; it is still a message on the file), `schemes` (what a block without a theme
 * is drawn in: ["light", "dark"] by default, or ["light"] or ["dark"] alone).
 */
export default function remarkArchdiag(options = {}) {
  const { strict = false, idPrefix, quiet = false, schemes: chosen } = options ?? {};
  const schemes = schemesOption(chosen);
  return (tree, file) => {
    const path = file?.path;
    const cwd = file?.cwd ?? process.cwd();
    const prefix = pagePrefix(path, { cwd, base: idPrefix });
    const astro = inAstro(file);
    let count = 0;
    const walk = (parent) => {
      const children = parent.children;
      if (!Array.isArray(children)) return;
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if (node.type === "code" && node.lang === LANG) {
          count += 1;
          const drawn = draw(node.value ?? "", `${prefix}-${count}`, schemes);
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
          children[i] = figureNode(drawn, node.position, { astro });
        } else walk(node);
      }
    };
    walk(tree);
  };
}
