// What the build-time plugins (archdiag/remark, archdiag/rehype, archdiag/markdown-it) share: one
// ```archdiag block's text → the HTML of its figure, drawn in Node by the package's own core (no fetch,
// no script for readers). Guarantees: the block's text goes to the core as written; the only markup in
// the result is the core's SVG, byte for byte, and fixed markup of ours; an error message is
// HTML-escaped and nothing is ever unescaped; each block gets ids of its own on its page.
import { createHash } from "node:crypto";
import { relative, isAbsolute } from "node:path";
import { render } from "./pkg/node/index.mjs";

/** The info string (language) that marks a block. */
export const LANG = "archdiag";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text made safe for HTML text and double-quoted attributes. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Which theme the spec fixes (`light` or `dark`), or null when it leaves it to the reader (no theme,
 * `auto`, or text that is not a JSON object: the core then says what is wrong). Read only to know how
 * many drawings to make; the core gets the text as it is. */
function fixedTheme(text) {
  try {
    const spec = JSON.parse(text.replace(/^\uFEFF/, ""));
    return spec && (spec.theme === "light" || spec.theme === "dark") ? spec.theme : null;
  } catch {
    return null;
  }
}

/** The id prefix of a page's diagrams: `ad-` and 6 hex digits of a hash of the page's path (relative to
 * `cwd`, so builds on other machines agree), so that pages shown together (a blog index, several
 * documents in one page) keep their ids apart too; `base` when the user names one. */
export function pagePrefix(path, { cwd = process.cwd(), base } = {}) {
  if (base) return base;
  if (!path) return "ad-page";
  const name = isAbsolute(path) ? relative(cwd, path) : path;
  return `ad-${createHash("sha256").update(name.split("\\").join("/")).digest("hex").slice(0, 6)}`;
}

/** The schemes a block without a theme is drawn in, by default. */
export const SCHEMES = Object.freeze(["light", "dark"]);

/** The `schemes` option checked: both schemes (the default), or only one, for a site that has one. */
export function schemesOption(schemes = SCHEMES) {
  const ok = Array.isArray(schemes) && schemes.length >= 1 && schemes.length <= 2 && schemes.every((s) => SCHEMES.includes(s)) && new Set(schemes).size === schemes.length;
  if (!ok) throw new TypeError(`archdiag: schemes must be ["light", "dark"], ["light"] or ["dark"], not ${JSON.stringify(schemes)}`);
  return schemes.length === 2 ? SCHEMES : schemes;
}

/**
 * Draws one block (in `schemes` when its spec names no theme: see schemesOption). `prefix` is the
 * diagram's id prefix (unique on its page); a dark drawing next to a light one gets `prefix-dark`. Returns the figure's class, whether it is an error, its inner HTML, and
 * the core's error message (null when drawn).
 *   - fixed theme: `<figure class="archdiag">SVG</figure>`
 *   - no theme (or auto): `<figure class="archdiag archdiag-schemes"><div class="archdiag-light">SVG</div>
 *     <div class="archdiag-dark" hidden>SVG</div></figure>`; archdiag/static.css shows the one that
 *     matches the site's scheme (without it, the light one shows: `hidden`).
 *   - bad block: `<figure class="archdiag" data-error=""><p class="archdiag-error" role="alert">archdiag:
 *     MESSAGE</p></figure>`
 */
export function draw(text, prefix, schemes = SCHEMES) {
  const theme = fixedTheme(text) ?? (schemes.length === 1 ? schemes[0] : null);
  try {
    if (theme) {
      return { className: "archdiag", error: null, inner: render(text, JSON.stringify({ id_prefix: prefix, prefers: theme })) };
    }
    const light = render(text, JSON.stringify({ id_prefix: prefix, prefers: "light" }));
    const dark = render(text, JSON.stringify({ id_prefix: `${prefix}-dark`, prefers: "dark" }));
    return {
      className: "archdiag archdiag-schemes",
      error: null,
      inner: `<div class="archdiag-light">${light}</div><div class="archdiag-dark" hidden>${dark}</div>`,
    };
  } catch (e) {
    const message = String(e?.message ?? e);
    return { className: "archdiag", error: message, inner: `<p class="archdiag-error" role="alert">archdiag: ${escapeHtml(message)}</p>` };
  }
}

/** A drawn block as one HTML string; `extra` is fixed attribute text of the caller's (e.g. ` v-pre`). */
export function figureHtml(drawn, extra = "") {
  return `<figure class="${drawn.className}"${drawn.error === null ? "" : ' data-error=""'}${extra}>${drawn.inner}</figure>`;
}

/** A file name as a terminal shows it safely: control characters, line separators and bidi controls
 * written as `\u{…}` (the core writes its messages so already). */
function visible(name) {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** The warning line for a bad block: `archdiag: FILE:LINE: MESSAGE` (FILE relative to the working folder). */
export function warning(path, line, message, cwd = process.cwd()) {
  const name = path ? visible(isAbsolute(path) ? relative(cwd, path) : path) : "<input>";
  return `archdiag: ${name}${line ? `:${line}` : ""}: ${message}`;
}
