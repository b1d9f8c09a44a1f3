/** Resolves once the wasm core is ready. */
export const ready: Promise<unknown>;
/** The spec an element's attributes describe. */
export function specFromAttributes(el: Element): Record<string, unknown>;
/** The spec with the reader's light/dark theme when it names none (or `auto`). */
export function themed(spec: Record<string, unknown>): Record<string, unknown>;
/** Replaces the content of `target` with the diagram of `specText`, or with the error message. */
export function drawInto(target: Element, specText: string): void;
/** `<arch-diagram>`: attributes or a JSON body describe the diagram. */
export class ArchDiagram extends HTMLElement {
  static observedAttributes: string[];
}
