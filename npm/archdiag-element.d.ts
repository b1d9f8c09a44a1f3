/** Resolves once the wasm core is ready. */
export const ready: Promise<unknown>;
/** A prefix for a diagram's ids that no other diagram on this page has (`archdiag-1`, `archdiag-2`, …);
 * one count for the whole page, shared by every copy of the element and auto-render modules. */
export function nextIdPrefix(): string;
/** The reader's colour scheme: what a spec's `auto` (or absent) theme is drawn as on this page. */
export function readerScheme(): "light" | "dark";
/** The spec an element's attributes describe. */
export function specFromAttributes(el: Element): Record<string, unknown>;
/** Replaces the content of `target` with the diagram of `specText` (passed to the core as it is), or
 * with the error message. Ids start with `idPrefix` if given, else with the spec's own `id_prefix`, else
 * with a page-unique prefix that `target` keeps across redraws. */
export function drawInto(target: Element, specText: string, options?: { idPrefix?: string | null }): void;
/** `<arch-diagram>`: attributes or a JSON body describe the diagram; `id-prefix` names its ids' prefix. */
export class ArchDiagram extends HTMLElement {
  static observedAttributes: string[];
}
