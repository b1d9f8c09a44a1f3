// <arch-diagram>: a custom element whose attributes mirror the spec's preset fields (the core's table of
// fields names them: service, hosting, registry, …) or whose JSON body is the spec. It redraws
// when an attribute changes and shows the error message in place of a bad spec. Without a theme (or with
// `auto`) it is drawn in the reader's light or dark scheme, and redrawn when that changes. `id-prefix`
// names what its ids start with; otherwise every diagram on the page gets its own (`archdiag-N`).
import init, { render, check, fields } from "./pkg/archdiag.js";

export const ready = init();
await ready;
/** The preset form's fields, from the core's own table: each has an attribute of its name. */
const FIELDS = JSON.parse(fields()).filter((f) => f.forms.includes("preset"));
/** The fields an attribute gives the spec; `id-prefix` is an option of the drawing instead (see drawInto). */
const SPEC_FIELDS = FIELDS.filter((f) => f.name !== "id_prefix");
const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

// One page-wide count of diagrams and each drawn target's prefix, shared by every copy of this module on
// the page (the element's, the docs script's, a second copy loaded from another URL), so that no two
// diagrams share an id and a redraw keeps its ids.
const PAGE = (globalThis[Symbol.for("archdiag.page")] ??= { count: 0, prefixes: new WeakMap() });

/** A prefix no other diagram on this page has: `archdiag-1`, `archdiag-2`, … */
export function nextIdPrefix() {
  PAGE.count += 1;
  return `archdiag-${PAGE.count}`;
}

/** The reader's colour scheme, what a spec's `auto` (or absent) theme is drawn as here. */
export function readerScheme() {
  return dark?.matches ? "dark" : "light";
}

/** The spec an element's attributes describe (numbers and lists converted, unknown text left to the core). */
export function specFromAttributes(el) {
  const spec = {};
  for (const { name, attribute, type } of SPEC_FIELDS) {
    const v = el.getAttribute(attribute);
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

/**
 * Replaces the content of `target` with the diagram of `specText` (given to the core untouched, so a
 * mistake reads exactly as the CLI says it), or with the error message. Ids start with `idPrefix` if
 * given, else with the spec's own `id_prefix`, else with a prefix of this page's that `target` keeps.
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
    const p = document.createElement("p");
    p.className = "archdiag-error";
    p.setAttribute("role", "alert");
    p.textContent = `archdiag: ${e.message}`;
    target.replaceChildren(p);
    target.setAttribute("data-error", "");
  }
}

export class ArchDiagram extends HTMLElement {
  static observedAttributes = FIELDS.map((f) => f.attribute);
  #body = null;

  connectedCallback() {
    if (this.#body === null) this.#body = this.textContent;
    dark?.addEventListener("change", this.#redraw);
    this.#redraw();
  }

  disconnectedCallback() {
    dark?.removeEventListener("change", this.#redraw);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#redraw();
  }

  /** The spec text to draw: the JSON body as written, the attributes' spec, or the body with the
   * attributes' fields over it (only once the body is a valid spec, so its mistakes read as written). */
  #specText() {
    const fromAttributes = specFromAttributes(this);
    const body = this.#body;
    if (!body?.trim() || this.hasAttribute("service")) return JSON.stringify(fromAttributes);
    if (Object.keys(fromAttributes).length === 0 || !JSON.parse(check(body)).ok) return body;
    return JSON.stringify({ ...JSON.parse(body), ...fromAttributes });
  }

  #redraw = async () => {
    await ready;
    drawInto(this, this.#specText(), { idPrefix: this.getAttribute("id-prefix") });
    this.dispatchEvent(new Event("archdiag:drawn"));
  };
}

if (!customElements.get("arch-diagram")) customElements.define("arch-diagram", ArchDiagram);
