// <arch-diagram>: a custom element whose attributes mirror the spec's preset fields (the core's table of
// fields names them: service, hosting, registry, …) or whose JSON body is the spec. Guarantees: it is a
// block that scales down to its container; it draws once when connected and once per batch of attribute
// or body changes; the body stays the spec (editing it redraws); `title` names the diagram without
// becoming a native tooltip; a bad spec, or a core that cannot load, shows a message in its place.
// Without a theme (or with `auto`) it is drawn in the site's colour scheme (mkdocs-material, Docusaurus,
// VitePress, mdBook, a `dark` class, else prefers-color-scheme) and redrawn when that changes.
// `id-prefix` names what its ids start with; otherwise every diagram on the page gets its own
// (`archdiag-N`). Importing it where there is no DOM (server-side rendering) defines nothing and loads nothing.
import init, { render, check, fields } from "./pkg/archdiag.js";

const BROWSER = typeof document !== "undefined" && typeof customElements !== "undefined";

/** The site colour schemes this module follows, checked in order: where a docs stack keeps its palette
 * toggle, which values of it are dark, and which are light. The first that says either decides. */
export const SCHEMES = [
  { stack: "mkdocs-material", attribute: "data-md-color-scheme", dark: ["slate"], light: ["default"] },
  { stack: "Docusaurus, pydata-sphinx-theme, furo", attribute: "data-theme", dark: ["dark"], light: ["light"] },
  { stack: "Bootstrap (Hugo and Jekyll themes)", attribute: "data-bs-theme", dark: ["dark"], light: ["light"] },
  { stack: "VitePress, Tailwind and most sites (a class); mdBook's themes", classes: true, dark: ["dark", "coal", "navy", "ayu"], light: ["light", "rust"] },
];
const SCHEME_ATTRIBUTES = ["class", ...new Set(SCHEMES.flatMap((s) => (s.attribute ? [s.attribute] : [])))];
/** CSS selectors for a page whose toggle (on <html> or <body>, as readerScheme reads it) says `which`. */
const sitesIn = (which) =>
  SCHEMES.flatMap((s) => s[which].map((v) => (s.attribute ? `[${s.attribute}="${v}"]` : `.${v}`)))
    .flatMap((x) => [`:root${x}`, `body${x}`])
    .join(", ");

/** The stylesheet every page with a diagram needs (also shipped as archdiag.css): blocks that fit their
 * column, SVGs that scale down with their text, errors that wrap and follow the scheme as readerScheme
 * does (the site's toggle over the system's preference). Low specificity, so a site can override. */
export const STYLE = `:where(arch-diagram, figure.archdiag) { display: block; max-width: 100%; margin: 1em 0; }
:where(arch-diagram, figure.archdiag) > svg { display: block; max-width: 100%; height: auto; }
:where(arch-diagram[hidden]) { display: none; }
[data-archdiag-source] { display: none !important; }
:where(.archdiag-error) { color: #b3261e; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) { :where(.archdiag-error) { color: #f2b8b5; } }
:where(${sitesIn("light")}) :where(.archdiag-error) { color: #b3261e; }
:where(${sitesIn("dark")}) :where(.archdiag-error) { color: #f2b8b5; }
`;

/** Resolves once the wasm core is ready; rejects (with the reason) if it cannot load. Never started
 * without a DOM. Started a microtask after this module runs, so that a core the page loads in the same
 * task is the one used, whatever the order of the imports: `archdiag/inline`, or its own `init(url)`. */
export const ready = BROWSER ? Promise.resolve().then(() => init()) : new Promise(() => {});
ready.catch(() => {});

/** The preset form's fields, from the core's own table: each has an attribute of its name. Read once the
 * core is ready (no top-level await, so bundlers targeting ES2020 can take this module). */
let FIELDS = [];
/** The fields an attribute gives the spec; `id-prefix` is an option of the drawing instead (see drawInto). */
let SPEC_FIELDS = [];
const fieldsRead = ready.then(
  () => {
    FIELDS = JSON.parse(fields()).filter((f) => f.forms.includes("preset"));
    SPEC_FIELDS = FIELDS.filter((f) => f.name !== "id_prefix");
  },
  () => {}, // Shown in place by each element.
);
const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

// One page-wide count of diagrams, each drawn target's prefix, and the scheme listeners, shared by every
// copy of this module on the page (the element's, the docs script's, a second copy loaded from another
// URL), so that no two diagrams share an id and a redraw keeps its ids.
const PAGE = (globalThis[Symbol.for("archdiag.page")] ??= { count: 0, prefixes: new WeakMap() });

/** A prefix no other diagram on this page has: `archdiag-1`, `archdiag-2`, … */
export function nextIdPrefix() {
  PAGE.count += 1;
  return `archdiag-${PAGE.count}`;
}

/** What the site says about its scheme on `el` ("dark", "light" or null), by the table above. */
function schemeOf(el) {
  if (!el) return null;
  for (const s of SCHEMES) {
    if (s.attribute) {
      const v = el.getAttribute(s.attribute);
      if (s.dark.includes(v)) return "dark";
      if (s.light.includes(v)) return "light";
    } else {
      if (s.dark.some((c) => el.classList.contains(c))) return "dark";
      if (s.light.some((c) => el.classList.contains(c))) return "light";
    }
  }
  return null;
}

/** The reader's colour scheme, what a spec's `auto` (or absent) theme is drawn as here: the site's own
 * toggle if it has one (on <body> or <html>), else the system's preference. */
export function readerScheme() {
  if (typeof document !== "undefined") {
    const said = schemeOf(document.body) ?? schemeOf(document.documentElement);
    if (said) return said;
  }
  return dark?.matches ? "dark" : "light";
}

/** Who is told of a change of scheme, and what it was last; one media listener and one observer serve them all. */
const schemeListeners = new Set();
let lastScheme = null;
let schemeObserver = null;

function schemeMayHaveChanged() {
  const now = readerScheme();
  if (now === lastScheme) return;
  lastScheme = now;
  for (const callback of [...schemeListeners]) callback(now);
}

/** Calls `callback` whenever the reader's scheme changes (the system's preference or the site's toggle);
 * returns a function that stops it. */
export function onSchemeChange(callback) {
  if (schemeListeners.size === 0) {
    lastScheme = readerScheme();
    dark?.addEventListener("change", schemeMayHaveChanged);
    schemeObserver ??= new MutationObserver(schemeMayHaveChanged);
    for (const el of [document.documentElement, document.body]) {
      if (el) schemeObserver.observe(el, { attributes: true, attributeFilter: SCHEME_ATTRIBUTES });
    }
  }
  schemeListeners.add(callback);
  return () => {
    schemeListeners.delete(callback);
    if (schemeListeners.size > 0) return;
    dark?.removeEventListener("change", schemeMayHaveChanged);
    schemeObserver.disconnect();
  };
}

/** Adds STYLE to the document once (a constructed stylesheet: no <style> element, so a strict CSP allows it). */
export function adoptStyle(doc = document) {
  if (PAGE.styled || typeof CSSStyleSheet === "undefined" || !("adoptedStyleSheets" in doc)) return;
  PAGE.styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  doc.adoptedStyleSheets = [sheet, ...doc.adoptedStyleSheets];
}

/** The spec an element's attributes describe (numbers and lists converted, unknown text left to the core).
 * `title` is read from `titleText` when given (the element keeps its title out of the attribute). */
export function specFromAttributes(el, titleText = null) {
  const spec = {};
  for (const { name, attribute, type } of SPEC_FIELDS) {
    const v = attribute === "title" && titleText !== null ? titleText : el.getAttribute(attribute);
    if (v === null) continue;
    if (type === "choices") spec[name] = v.includes(",") ? v.split(",").map((s) => s.trim()) : v;
    else if (type === "integer" && /^\d+$/.test(v)) spec[name] = Number(v);
    else if (type === "boolean" && (v === "true" || v === "false")) spec[name] = v === "true";
    else spec[name] = v;
  }
  return spec;
}

/** Whether spec text names its own `id_prefix` (read only to know; the core gets the text as it is). */
function namesPrefix(specText) {
  try {
    const spec = JSON.parse(specText);
    return typeof spec === "object" && spec !== null && typeof spec.id_prefix === "string";
  } catch {
    return false;
  }
}

/** An error paragraph: `archdiag: MESSAGE`, as text. */
export function errorMessage(message) {
  const p = document.createElement("p");
  p.className = "archdiag-error";
  p.setAttribute("role", "alert");
  p.textContent = `archdiag: ${message}`;
  return p;
}

/** The message shown where a diagram would be when the core could not load. */
export function loadFailure(reason) {
  const why = String(reason?.message ?? reason).split("\n")[0];
  return `the diagram engine (archdiag_bg.wasm) could not load: ${why}. Serve it beside archdiag.js with the type application/wasm, or import "archdiag/inline" where a bundler does not copy it.`;
}

/**
 * Replaces the content of `target` with the diagram of `specText` (given to the core untouched, so a
 * mistake reads exactly as the CLI says it), or with the error message. Ids start with `idPrefix` if
 * given, else with the spec's own `id_prefix`, else with a prefix of this page's that `target` keeps.
 * Call it after `ready` has resolved.
 */
export function drawInto(target, specText, { idPrefix } = {}) {
  const options = { prefers: readerScheme() };
  if (idPrefix !== undefined && idPrefix !== null) options.id_prefix = idPrefix;
  else if (!namesPrefix(specText)) {
    if (!PAGE.prefixes.has(target)) PAGE.prefixes.set(target, nextIdPrefix());
    options.id_prefix = PAGE.prefixes.get(target);
  }
  try {
    // The core's SVG is the only markup ever parsed here; an error message is text.
    target.innerHTML = render(specText, JSON.stringify(options));
    target.removeAttribute("data-error");
  } catch (e) {
    target.replaceChildren(errorMessage(e.message));
    target.setAttribute("data-error", "");
  }
}

const Base = BROWSER ? HTMLElement : class {};

export class ArchDiagram extends Base {
  static get observedAttributes() {
    return FIELDS.map((f) => f.attribute);
  }
  /** The JSON body as last written by the page (not by this element), or null before connection. */
  #body = null;
  /** The diagram's title, kept out of the `title` attribute so the browser shows no tooltip for it. */
  #title = null;
  #pending = false;
  #stopScheme = null;
  #bodyObserver = null;

  connectedCallback() {
    adoptStyle(this.ownerDocument);
    if (this.#body === null) this.#body = this.textContent;
    this.#takeTitle();
    this.#stopScheme ??= onSchemeChange(() => this.#schedule());
    if (!this.#bodyObserver) {
      // A framework or script that sets the body afterwards gives a new spec.
      this.#bodyObserver = new MutationObserver(() => {
        this.#body = this.textContent;
        this.#schedule();
      });
    }
    this.#bodyObserver.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#stopScheme?.();
    this.#stopScheme = null;
    this.#bodyObserver?.disconnect();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "title") {
      if (value === null) return; // removed by #takeTitle, or by the page: the title stays as it was
      this.#takeTitle();
    }
    this.#schedule();
  }

  /** The title the diagram is drawn with (the `title` attribute's last value). */
  get diagramTitle() {
    return this.#title;
  }

  #takeTitle() {
    const t = this.getAttribute("title");
    if (t === null) return;
    this.#title = t;
    this.removeAttribute("title");
  }

  /** One draw per batch of changes: everything that changes in one task draws once, after it. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (this.isConnected) this.#draw();
    });
  }

  /** The spec text to draw: the JSON body as written, the attributes' spec, or the body with the
   * attributes' fields over it (only once the body is a valid spec, so its mistakes read as written). */
  #specText() {
    const fromAttributes = specFromAttributes(this, this.#title);
    const body = this.#body;
    if (!body?.trim()) return JSON.stringify(fromAttributes);
    if (Object.keys(fromAttributes).length === 0 || !JSON.parse(check(body)).ok) return body;
    return JSON.stringify({ ...JSON.parse(body), ...fromAttributes });
  }

  async #draw() {
    try {
      await ready;
    } catch (e) {
      this.#write(() => {
        this.replaceChildren(errorMessage(loadFailure(e)));
        this.setAttribute("data-error", "");
      });
      this.dispatchEvent(new Event("archdiag:error"));
      return;
    }
    this.#write(() => drawInto(this, this.#specText(), { idPrefix: this.getAttribute("id-prefix") }));
    this.dispatchEvent(new Event("archdiag:drawn"));
  }

  /** Changes the content without taking the change for a new body. */
  #write(change) {
    change();
    this.#bodyObserver?.takeRecords();
  }
}

// Defined once the fields are known (its attributes are theirs), or once the core has failed to load, so
// that every <arch-diagram> says why in its place.
if (BROWSER) fieldsRead.then(() => customElements.get("arch-diagram") || customElements.define("arch-diagram", ArchDiagram));
