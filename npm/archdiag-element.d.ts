// The types of `archdiag/element`: the <arch-diagram> element and the helpers the docs module shares.
// DOM types: include the "dom" lib (a browser project) to use them.

/** Resolves once the wasm core is ready; rejects with the reason if it cannot load. */
export const ready: Promise<unknown>;
/** The rules every page with a diagram needs (also the package's archdiag.css); adopted by itself. */
export const STYLE: string;
/** The site colour-scheme toggles followed, in the order they are checked. */
export const SCHEMES: ReadonlyArray<{ stack: string; attribute?: string; classes?: boolean; dark: string[]; light: string[] }>;
/** A prefix for a diagram's ids that no other diagram on this page has (`archdiag-1`, `archdiag-2`, …);
 * one count for the whole page, shared by every copy of the element and auto-render modules. */
export function nextIdPrefix(): string;
/** The reader's colour scheme: the site's toggle if it has one, else the system's preference. */
export function readerScheme(): "light" | "dark";
/** Calls `callback` when the reader's scheme changes; returns a function that stops it. */
export function onSchemeChange(callback: (scheme: "light" | "dark") => void): () => void;
/** Adds the STYLE rules to a document once, as a constructed stylesheet (allowed under a strict CSP). */
export function adoptStyle(doc?: Document): void;
/** The spec an element's attributes describe. */
export function specFromAttributes(el: Element, titleText?: string | null): Record<string, unknown>;
/** An error paragraph, `archdiag: MESSAGE`, as text. */
export function errorMessage(message: string): HTMLParagraphElement;
/** The message shown in place of a diagram when the core could not load. */
export function loadFailure(reason: unknown): string;
/** Replaces the content of `target` with the diagram of `specText` (passed to the core as it is), or
 * with the error message. Ids start with `idPrefix` if given, else with the spec's own `id_prefix`, else
 * with a page-unique prefix that `target` keeps across redraws. */
export function drawInto(target: Element, specText: string, options?: { idPrefix?: string | null }): void;
/** `<arch-diagram>`: attributes or a JSON body describe the diagram; `id-prefix` names its ids' prefix.
 * Fires `archdiag:drawn` after each draw and `archdiag:error` when the core cannot load. */
export class ArchDiagram extends HTMLElement {
  static observedAttributes: string[];
  /** The title the diagram is drawn with (the element keeps it out of the `title` attribute). */
  readonly diagramTitle: string | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "arch-diagram": ArchDiagram;
  }
}
