// <arch-diagram>: a custom element whose attributes mirror the spec (service, hosting, registry, azs,
// workers, detail, responsibilities, theme, direction, title) or whose JSON body is the spec. It redraws
// when an attribute changes and shows the error message in place of a bad spec. Without a theme it follows
// the reader's light/dark preference.
import init, { render } from "./pkg/archdiag.js";

export const ready = init();
const ATTRIBUTES = ["service", "hosting", "registry", "azs", "workers", "detail", "responsibilities", "theme", "direction", "title"];
const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

/** The spec an element's attributes describe (numbers and lists converted, unknown text left to the core). */
export function specFromAttributes(el) {
  const spec = {};
  for (const name of ATTRIBUTES) {
    const v = el.getAttribute(name);
    if (v === null) continue;
    if (name === "hosting") spec.hosting = v.includes(",") ? v.split(",").map((s) => s.trim()) : v;
    else if ((name === "azs" || name === "workers") && /^\d+$/.test(v)) spec[name] = Number(v);
    else if (name === "responsibilities" && (v === "true" || v === "false")) spec[name] = v === "true";
    else spec[name] = v;
  }
  return spec;
}

/** The spec with a theme: the reader's preference unless one is given. `auto` needs embedded CSS, which
 * strict pages forbid, so it is resolved here too. */
export function themed(spec) {
  const theme = spec.theme === undefined || spec.theme === "auto" ? (dark?.matches ? "dark" : "light") : spec.theme;
  return { ...spec, theme };
}

/** Replaces the content of `target` with the diagram of `specText`, or with the error message. */
export function drawInto(target, specText) {
  let text = specText;
  try {
    const spec = JSON.parse(specText);
    if (typeof spec === "object" && spec && !Array.isArray(spec)) text = JSON.stringify(themed(spec));
  } catch {
    // Not JSON: the core reports where, with the same words as the CLI.
  }
  try {
    target.innerHTML = render(text);
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
  static observedAttributes = ATTRIBUTES;
  #body = null;

  connectedCallback() {
    if (this.#body === null) this.#body = this.textContent.trim();
    dark?.addEventListener("change", this.#redraw);
    this.#redraw();
  }

  disconnectedCallback() {
    dark?.removeEventListener("change", this.#redraw);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#redraw();
  }

  #redraw = async () => {
    await ready;
    const fromAttributes = specFromAttributes(this);
    let text = JSON.stringify(fromAttributes);
    if (this.#body && !this.hasAttribute("service")) {
      try {
        text = JSON.stringify({ ...JSON.parse(this.#body), ...fromAttributes });
      } catch {
        text = this.#body;
      }
    }
    drawInto(this, text);
    this.dispatchEvent(new Event("archdiag:drawn"));
  };
}

if (!customElements.get("arch-diagram")) customElements.define("arch-diagram", ArchDiagram);
