// archdiag/markdown-it: a markdown-it plugin (VitePress through `markdown.config`, VuePress, any
// markdown-it site) that renders every ```archdiag fence as its diagram, drawn at build time in Node: the
// SVG is in the page's HTML and readers load no script. The figure carries `v-pre` by default: VitePress
// and VuePress compile a page's HTML as a Vue template, where `{{ … }}` in a label would otherwise be
// evaluated (`vPre: false` leaves it out for other sites). Other fences go to the rule that was there.
// What the figure holds, its ids and its error form: see archdiag-blocks.mjs.
import { readFileSync } from "node:fs";
import { LANG, draw, schemesOption, figureHtml, pagePrefix, warning } from "./archdiag-blocks.mjs";

/** Lines before the rendered text in its file: VitePress renders a page without its front matter (the
 * rest is `env.content`), so a token's line is counted from there. */
function linesBefore(env) {
  try {
    if (typeof env?.content !== "string" || typeof env?.path !== "string") return 0;
    const lf = (text) => text.replace(/\r\n/g, "\n");
    const file = lf(readFileSync(env.path, "utf8"));
    const content = lf(env.content);
    return file.endsWith(content) ? file.slice(0, file.length - content.length).split("\n").length - 1 : 0;
  } catch {
    return 0;
  }
}

/**
 * Options: `strict` (throw on a bad block, failing the build, instead of a warning), `idPrefix` (the
 * page's id prefix instead of `ad-` and a hash of its path), `quiet` (no warning on the console),
 * `schemes` (as archdiag/remark's), `vPre` (default true).
 */
export default function markdownItArchdiag(md, options = {}) {
  const { strict = false, idPrefix, quiet = false, vPre = true, schemes: chosen } = options ?? {};
  const schemes = schemesOption(chosen);
  const counts = new WeakMap();
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const lang = (token.info ?? "").trim().split(/\s+/)[0];
    if (lang !== LANG) return fallback ? fallback(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
    // One page per env object (markdown-it makes one per render call; VitePress one per page).
    const page = env && typeof env === "object" ? env : counts;
    const n = (counts.get(page) ?? 0) + 1;
    counts.set(page, n);
    const path = env?.relativePath ?? env?.path ?? env?.filePath ?? null;
    const drawn = draw(token.content, `${pagePrefix(path, { base: idPrefix })}-${n}`, schemes);
    if (drawn.error !== null) {
      const text = warning(path, token.map ? token.map[0] + 1 + linesBefore(env) : null, drawn.error);
      if (strict) throw new Error(text);
      if (!quiet) console.warn(text);
    }
    return figureHtml(drawn, vPre ? " v-pre" : "") + "\n";
  };
}
