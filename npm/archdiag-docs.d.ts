// The types of `archdiag/docs`: auto-render of archdiag code blocks in documentation pages (DOM types).

/** Where each docs stack puts a fenced archdiag block: the selectors looked for. */
export const BLOCKS: ReadonlyArray<{ selector: string; emittedBy: string }>;
/** Draws every archdiag block under `root` not drawn yet; resolves to how many it drew. Runs on import,
 * and again for blocks added to the page later. */
export function renderAll(root?: ParentNode): Promise<number>;
/** A block's text as written (line breaks for <br>, without line numbers or copy buttons). */
export function blockText(block: Element): string;
/** Resolves once the wasm core is ready; rejects with the reason if it cannot load. */
export const ready: Promise<unknown>;
